package io.demandcast.connectors.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.s3.S3Format;
import io.demandcast.connectors.s3.S3Location;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GlueSource#plan}: which resolved Glue tables the S3 reader can read, and how. The lookup
 * itself is {@link GlueCatalogTest}'s; reading through Glue and S3 end to end is {@link
 * GlueParquetSourceTest}'s (Parquet) and the job's test ({@code RunGlueSourcesCliTest} in
 * beam-pipelines).
 */
class GlueSourceTest {
  private static final TableSchema SALES = CanonicalTables.ERP_SALES;

  private static Map<String, String> columns(String... nameType) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameType.length; i += 2) {
      map.put(nameType[i], nameType[i + 1]);
    }
    return map;
  }

  private static final Map<String, String> SALES_COLUMNS =
      columns("sku", "string", "location", "string", "date", "date", "quantity", "double",
          "unit_price", "decimal(10,2)", "promo", "boolean");

  private static GlueTable table(
      FileFormat format, GlueTable.Csv csv, Map<String, String> columns,
      Map<String, String> partitionKeys) {
    return new GlueTable(
        "erp", "sales", "demandcast-lake", "erp/sales/", format, columns, partitionKeys, csv);
  }

  @Test
  void givenCrawlerCsvTableWithHeader_whenPlanned_thenCsvAtTheTablesFolderWithTheRunsMapping() {
    GlueTable table =
        table(FileFormat.CSV, new GlueTable.Csv(',', 1), SALES_COLUMNS, columns("dt", "string"));

    GlueSource.Plan plan = GlueSource.plan(table, SALES, ColumnMapping.IDENTITY);

    assertThat(plan.location()).isEqualTo(new S3Location("demandcast-lake", "erp/sales/"));
    assertThat(plan.format()).isEqualTo(S3Format.CSV);
    // every Glue column is spelled as the canonical one: nothing to add
    assertThat(plan.mapping()).isEqualTo(ColumnMapping.IDENTITY);
  }

  @Test
  void givenJsonTableWithColumnsSpelledOtherwise_whenPlanned_thenMappingTakesGluesSpelling() {
    // Glue keeps names in lower case, but a table made through the API may not; the run maps
    // erp_sales.date to sale_day
    Map<String, String> glue = columns("SKU", "string", "location", "string", "Sale_Day", "date",
        "quantity", "double", "unit_price", "double", "promo", "boolean");
    ColumnMapping run = ColumnMapping.of(Map.of("erp_sales", Map.of("date", "sale_day")));

    GlueSource.Plan plan = GlueSource.plan(table(FileFormat.JSONL, null, glue, Map.of()), SALES, run);

    assertThat(plan.format()).isEqualTo(S3Format.JSONL);
    assertThat(plan.mapping().entries(SALES))
        .containsExactly(Map.entry("sku", "SKU"), Map.entry("date", "Sale_Day"));
    // the run's other tables keep their (absent) entries
    assertThat(plan.mapping().entries(CanonicalTables.ERP_ITEMS)).isEmpty();
  }

  @Test
  void givenParquetTable_whenPlanned_thenParquetAtTheTablesFolder() {
    GlueTable table = table(FileFormat.PARQUET, null, SALES_COLUMNS, columns("dt", "string"));

    GlueSource.Plan plan = GlueSource.plan(table, SALES, ColumnMapping.IDENTITY);

    assertThat(plan.location()).isEqualTo(new S3Location("demandcast-lake", "erp/sales/"));
    assertThat(plan.format()).isEqualTo(S3Format.PARQUET);
    assertThat(plan.mapping()).isEqualTo(ColumnMapping.IDENTITY);
  }

  @ParameterizedTest(name = "delimiter code {0}, {1} header lines")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {"9|0|tab (code 9)|0 header lines", "44|0|','|0 header lines",
        "59|1|';'|1 header line", "1|1|code 1|1 header line", "44|2|','|2 header lines"})
  void givenCsvTableNotCommaSeparatedWithOneHeaderLine_whenPlanned_thenRefusedNamingTheLayout(
      int delimiter, int headerLines, String shownDelimiter, String shownHeader) {
    GlueTable table = table(
        FileFormat.CSV, new GlueTable.Csv((char) delimiter, headerLines), SALES_COLUMNS, Map.of());

    assertThatThrownBy(() -> GlueSource.plan(table, SALES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("glue://erp.sales is CSV with the field delimiter " + shownDelimiter
            + " and " + shownHeader + " (skip.header.line.count)")
        .hasMessageContaining("comma-separated files with one header line")
        .hasMessageContaining("skip.header.line.count to 1");
  }

  @Test
  void givenCanonicalColumnHeldByAPartitionKey_whenPlanned_thenRefusedNamingTheKey() {
    Map<String, String> data = new LinkedHashMap<>(SALES_COLUMNS);
    data.remove("date");
    GlueTable table =
        table(FileFormat.CSV, new GlueTable.Csv(',', 1), data, columns("date", "date"));

    assertThatThrownBy(() -> GlueSource.plan(table, SALES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("glue://erp.sales: erp_sales.date would be read from the partition"
            + " key date, whose values are in the object keys (date=.../)");
  }

  @Test
  void givenColumnOfIncompatibleType_whenPlanned_thenGlueTablesCheckNamesIt() {
    Map<String, String> glue = new LinkedHashMap<>(SALES_COLUMNS);
    glue.put("quantity", "string");
    GlueTable table = table(FileFormat.JSONL, null, glue, Map.of());

    assertThatThrownBy(() -> GlueSource.plan(table, SALES, ColumnMapping.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("glue://erp.sales column quantity: expected DOUBLE (Hive double,"
            + " float or decimal), found string");
  }

  @Test
  void givenGlueEndpointThatIsNoHttpUri_whenCatalogMade_thenErrorNamesTheOption() {
    for (String endpoint : List.of("glue.eu-west-1.amazonaws.com", "ftp://host/", "http://")) {
      var options = PipelineOptionsFactory.fromArgs(
          "--awsRegion=eu-west-1", "--glueEndpoint=" + endpoint).withValidation().create();
      assertThatThrownBy(() -> GlueSource.catalog(options))
          .as(endpoint)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--glueEndpoint='" + endpoint + "' is not an http(s) URI");
    }
  }
}
