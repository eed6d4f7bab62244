package io.demandcast.connectors.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The rules by which {@link GlueCatalog} turns a Glue {@code Table} into a {@link GlueTable}: the
 * format from the SerDe, the input format and the classification, the CSV layout and the S3
 * location. The tables are SDK model objects, as the client unmarshals them; {@link
 * GlueCatalogTest} covers the wire format.
 */
class GlueFormatDetectionTest {

  private static final GlueTableName NAME = new GlueTableName("erp", "sales");

  private static final String LAZY = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
  private static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
  private static final String TEXT = "org.apache.hadoop.mapred.TextInputFormat";
  private static final String PARQUET_IN =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";

  /** A table at {@code location} with the given SerDe, input format and classification. */
  private static Table table(
      String location, String serde, Map<String, String> serdeParameters, String inputFormat,
      Map<String, String> tableParameters) {
    return Table.builder()
        .name(NAME.table())
        .databaseName(NAME.database())
        .tableType("EXTERNAL_TABLE")
        .parameters(tableParameters)
        .storageDescriptor(
            StorageDescriptor.builder()
                .location(location)
                .inputFormat(inputFormat)
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(serde)
                        .parameters(serdeParameters)
                        .build())
                .columns(Column.builder().name("sku").type("string").build())
                .build())
        .build();
  }

  private static Table table(String serde, String inputFormat, String classification) {
    Map<String, String> parameters = new HashMap<>();
    if (classification != null) {
      parameters.put("classification", classification);
    }
    return table("s3://lake/erp/sales/", serde, Map.of(), inputFormat, parameters);
  }

  private static GlueTable resolve(Table table) {
    return GlueCatalog.toGlueTable(NAME, table);
  }

  @ParameterizedTest(name = "SerDe {0}, input {1}, classification {2} -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        // crawler-made tables: all three agree
        LAZY + "," + TEXT + ",csv,CSV",
        OPEN_CSV + "," + TEXT + ",csv,CSV",
        "org.openx.data.jsonserde.JsonSerDe," + TEXT + ",json,JSONL",
        "org.apache.hive.hcatalog.data.JsonSerDe," + TEXT + ",json,JSONL",
        "org.apache.hadoop.hive.serde2.JsonSerDe," + TEXT + ",json,JSONL",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe," + PARQUET_IN
            + ",parquet,PARQUET",
        // tables made with CREATE TABLE: no classification
        LAZY + "," + TEXT + ",-,CSV",
        "org.openx.data.jsonserde.JsonSerDe," + TEXT + ",-,JSONL",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe," + PARQUET_IN + ",-,PARQUET",
        // only one property set
        "-,-,CSV,CSV",
        "-,-,json,JSONL",
        "-," + PARQUET_IN + ",-,PARQUET",
        "-," + TEXT + ",json,JSONL",
      })
  void givenFormatProperties_whenResolved_thenFormat(
      String serde, String inputFormat, String classification, FileFormat expected) {
    assertThat(resolve(table(serde, inputFormat, classification)).format()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "SerDe {0}, input {1}, classification {2} refused: {3}")
  @CsvSource(
      nullValues = "-",
      delimiter = '|',
      value = {
        "org.apache.hadoop.hive.ql.io.orc.OrcSerde|org.apache.hadoop.hive.ql.io.orc.OrcInputFormat"
            + "|orc|unsupported format: SerDe org.apache.hadoop.hive.ql.io.orc.OrcSerde",
        "org.apache.hadoop.hive.serde2.avro.AvroSerDe|-|avro|unsupported format: SerDe",
        "-|-|avro|unsupported format: classification avro",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
            + "|org.apache.hudi.hadoop.HoodieParquetInputFormat|parquet"
            + "|unsupported format: input format org.apache.hudi.hadoop.HoodieParquetInputFormat",
        LAZY + "|" + TEXT + "|json|format properties disagree",
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe|" + TEXT
            + "|-|format properties disagree",
        "-|" + TEXT + "|-|cannot tell the table's format",
        "-|-|-|cannot tell the table's format from no SerDe",
      })
  void givenUnreadableFormatProperties_whenResolved_thenErrorNamesThem(
      String serde, String inputFormat, String classification, String message) {
    assertThatThrownBy(() -> resolve(table(serde, inputFormat, classification)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("glue://erp.sales: ")
        .hasMessageContaining(message)
        .hasMessageContaining("demandcast reads CSV");
  }

  @Test
  void givenClassificationOnlyInStorageDescriptor_whenResolved_thenUsed() {
    Table table = Table.builder()
        .storageDescriptor(
            StorageDescriptor.builder()
                .location("s3://lake/x/")
                .parameters(Map.of("classification", "parquet"))
                .build())
        .build();

    assertThat(resolve(table).format()).isEqualTo(FileFormat.PARQUET);
  }

  @ParameterizedTest(name = "SerDe parameters {1} -> delimiter code {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        LAZY + "|field.delim=,|44",
        LAZY + "|field.delim=;|59",
        // a delimiter of digits is a character code, as Hive reads it: 9 is a tab
        LAZY + "|field.delim=9|9",
        LAZY + "|'field.delim=\t'|9",
        LAZY + "|'serialization.format=|'|124",
        // serialization.format=1 alone (Hive's CREATE TABLE default) is Ctrl-A
        LAZY + "|serialization.format=1|1",
        LAZY + "||1",
        OPEN_CSV + "|separatorChar=;|59",
        OPEN_CSV + "||44",
      })
  void givenSerdeParameters_whenResolved_thenCsvDelimiter(
      String serde, String parameter, int delimiterCode) {
    Map<String, String> parameters = new HashMap<>();
    if (parameter != null && !parameter.isEmpty()) {
      String[] kv = parameter.split("=", 2);
      parameters.put(kv[0], kv[1]);
    }
    Table table =
        table("s3://lake/erp/sales/", serde, parameters, TEXT, Map.of("classification", "csv"));

    assertThat((int) resolve(table).csv().delimiter()).isEqualTo(delimiterCode);
  }

  @Test
  void givenFieldDelimAndSerializationFormat_whenResolved_thenFieldDelimWins() {
    Table table = table("s3://lake/erp/sales/", LAZY,
        Map.of("field.delim", "|", "serialization.format", ","), TEXT, Map.of());

    assertThat(resolve(table).csv().delimiter()).isEqualTo('|');
  }

  @Test
  void givenHeaderLineCount_whenResolved_thenHeaderLines() {
    Table table = table("s3://lake/erp/sales/", LAZY, Map.of("field.delim", ","), TEXT,
        Map.of("classification", "csv", "skip.header.line.count", "2"));

    assertThat(resolve(table).csv()).isEqualTo(new GlueTable.Csv(',', 2));
  }

  @Test
  void givenBadHeaderLineCount_whenResolved_thenErrorNamesIt() {
    Table table = table("s3://lake/erp/sales/", LAZY, Map.of(), TEXT,
        Map.of("skip.header.line.count", "one"));

    assertThatThrownBy(() -> resolve(table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales: skip.header.line.count is 'one'");
  }

  @ParameterizedTest(name = "{0} -> bucket {1}, prefix ''{2}''")
  @CsvSource(
      value = {
        "s3://lake/erp/sales/,lake,erp/sales/",
        "s3://lake/erp/sales,lake,erp/sales/",
        "s3://lake,lake,''",
        "s3://lake/,lake,''",
        "s3a://lake/erp/sales/,lake,erp/sales/",
        "S3N://lake/erp/sales/,lake,erp/sales/",
        "s3://my.lake-2/dt/,my.lake-2,dt/",
      })
  void givenS3Location_whenResolved_thenBucketAndFolderPrefix(
      String location, String bucket, String prefix) {
    Table table = table(location, LAZY, Map.of(), TEXT, Map.of());

    GlueTable resolved = resolve(table);

    assertThat(resolved.bucket()).isEqualTo(bucket);
    assertThat(resolved.prefix()).isEqualTo(prefix);
  }

  @ParameterizedTest
  @CsvSource({"hdfs://nn:8020/warehouse/sales", "file:///data/sales", "gs://bucket/sales/",
      "s3:///no-bucket/", "/warehouse/sales"})
  void givenNonS3Location_whenResolved_thenErrorNamesLocation(String location) {
    Table table = table(location, LAZY, Map.of(), TEXT, Map.of());

    assertThatThrownBy(() -> resolve(table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales is stored at '" + location + "', not in S3");
  }

  @Test
  void givenView_whenResolved_thenRefused() {
    Table view = Table.builder()
        .tableType("VIRTUAL_VIEW")
        .viewOriginalText("/* Presto View: ... */")
        .storageDescriptor(StorageDescriptor.builder().build())
        .build();

    assertThatThrownBy(() -> resolve(view))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales is a view");
  }

  @Test
  void givenIcebergTable_whenResolved_thenRefused() {
    Table iceberg = table("s3://lake/erp/sales", null, Map.of(), null,
        Map.of("table_type", "ICEBERG", "metadata_location",
            "s3://lake/erp/sales/metadata/00001-0f3c.metadata.json"));

    assertThatThrownBy(() -> resolve(iceberg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Apache Iceberg table");
  }

  @Test
  void givenNoStorageDescriptor_whenResolved_thenErrorSaysNoLocation() {
    Table table = Table.builder().tableType("EXTERNAL_TABLE").build();

    assertThatThrownBy(() -> resolve(table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("glue://erp.sales has no storage location");
  }
}
