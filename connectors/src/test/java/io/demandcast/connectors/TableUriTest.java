package io.demandcast.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.glue.GlueTableName;
import io.demandcast.connectors.s3.S3Format;
import io.demandcast.connectors.s3.S3Location;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableUriTest {

  @Test
  void givenDuckDbUri_whenParsed_thenFileAndTable() {
    TableUri uri = TableUri.parse("duckdb:data/erp.duckdb#sales_2024");
    assertThat(uri.scheme()).isEqualTo("duckdb");
    assertThat(uri.file()).isEqualTo(Path.of("data/erp.duckdb"));
    assertThat(uri.table()).isEqualTo("sales_2024");
  }

  @Test
  void givenUriWithoutTable_whenParsed_thenErrorShowsExpectedForm() {
    assertThatThrownBy(() -> TableUri.parse("duckdb:erp.duckdb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duckdb:<file>#<table>");
  }

  @Test
  void givenHiveTableUri_whenParsed_thenServerDatabaseAndTable() {
    TableUri uri = TableUri.parse("hive://hive.example.com:10001/erp.sales");
    assertThat(uri.scheme()).isEqualTo(TableUri.HIVE);
    assertThat(uri.hive().host()).isEqualTo("hive.example.com");
    assertThat(uri.hive().port()).isEqualTo(10001);
    assertThat(uri.hive().database()).isEqualTo("erp");
    assertThat(uri.hive().table()).isEqualTo("sales");
    assertThat(uri.hive().jdbcUrl()).isEqualTo("jdbc:hive2://hive.example.com:10001/erp");
    assertThat(uri).hasToString("hive://hive.example.com:10001/erp.sales");
    assertThat(TableUri.parse("hive://h/erp.sales").hive().port()).isEqualTo(10000);
  }

  @Test
  void givenHiveUriWithoutTableOrWithBadName_whenParsed_thenErrorNamesTheForm() {
    assertThatThrownBy(() -> TableUri.parse("hive://h:10000/erp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names a database but no table");
    assertThatThrownBy(() -> TableUri.parse("hive://h:10000/erp.sales;drop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hive://<host>:<port>/<database>.<table>");
    assertThatThrownBy(() -> TableUri.parse("hive://h:99999/erp.sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99999");
  }

  @Test
  void givenInjectionInTableName_whenParsed_thenRejected() {
    assertThatThrownBy(() -> TableUri.parse("duckdb:x.duckdb#sales; drop table t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits and underscores");
  }

  @Test
  void givenUnknownScheme_whenParsed_thenErrorListsWhatThisBuildReads() {
    assertThatThrownBy(() -> TableUri.parse("snowflake://acct/db.t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scheme 'snowflake'")
        .hasMessageContaining("s3://<bucket>/<prefix>?format=csv|jsonl|parquet")
        .hasMessageContaining("glue://<database>.<table>")
        .hasMessageContaining("bigquery://<project>/<dataset>.<table>")
        .hasMessageContaining("hive://<host>:<port>/<database>.<table>");
  }

  @Test
  void givenBigQueryUri_whenParsed_thenProjectDatasetTableAndTheSameUriPrinted() {
    TableUri uri = TableUri.parse("bigquery://acme-prod/erp.sales_2024");
    assertThat(uri.scheme()).isEqualTo("bigquery");
    assertThat(uri.bigQuery())
        .isEqualTo(new io.demandcast.connectors.bigquery.BigQueryTableName(
            "acme-prod", "erp", "sales_2024"));
    assertThat(uri.bigQuery().reference().getProjectId()).isEqualTo("acme-prod");
    assertThat(uri.bigQuery().reference().getDatasetId()).isEqualTo("erp");
    assertThat(uri.bigQuery().reference().getTableId()).isEqualTo("sales_2024");
    assertThat(uri).hasToString("bigquery://acme-prod/erp.sales_2024");
  }

  @Test
  void givenBigQueryUriWithoutDatasetOrWithBadProject_whenParsed_thenErrorNamesUriAndForm() {
    assertThatThrownBy(() -> TableUri.parse("bigquery://acme-prod/sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bigquery://acme-prod/sales'")
        .hasMessageContaining("bigquery://<project>/<dataset>.<table>");
    assertThatThrownBy(() -> TableUri.parse("bigquery://Acme_Prod/erp.sales"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Acme_Prod' is not a Google Cloud project id");
    assertThatThrownBy(() -> TableUri.parse("bigquery://acme-prod/erp.sales;drop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table 'sales;drop' must be letters, digits and underscores");
  }

  @Test
  void givenGlueUri_whenParsed_thenDatabaseAndTableAndTheSameUriPrinted() {
    TableUri uri = TableUri.parse("glue://lake.shipments_2024");
    assertThat(uri.scheme()).isEqualTo("glue");
    assertThat(uri.glue()).isEqualTo(new GlueTableName("lake", "shipments_2024"));
    assertThat(uri.s3()).isNull();
    assertThat(uri.file()).isNull();
    assertThat(uri).hasToString("glue://lake.shipments_2024");
  }

  @Test
  void givenMalformedGlueUri_whenParsed_thenErrorQuotesItAndTheExpectedForm() {
    for (String uri : new String[] {"glue://lake", "glue://lake.a.b", "glue:lake.t", "glue://la ke.t"}) {
      assertThatThrownBy(() -> TableUri.parse(uri))
          .as(uri)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("'" + uri + "' is not a Glue table URI; expected"
              + " glue://<database>.<table>");
    }
  }

  @Test
  void givenS3UriWithFormat_whenParsed_thenBucketPrefixAndFormat() {
    TableUri uri = TableUri.parse("s3://acme-erp/exports/sales?format=csv");
    assertThat(uri.scheme()).isEqualTo("s3");
    assertThat(uri.s3()).isEqualTo(new S3Location("acme-erp", "exports/sales"));
    assertThat(uri.format()).isEqualTo(S3Format.CSV);
    assertThat(uri.file()).isNull();
    assertThat(uri.table()).isNull();
    assertThat(uri).hasToString("s3://acme-erp/exports/sales?format=csv");
    assertThat(TableUri.parse(uri.toString())).isEqualTo(uri);
  }

  @ParameterizedTest
  @CsvSource({
    "s3://b-1/iot/?format=JSONL, b-1, iot/, JSONL",
    "s3://b-1?format=csv, b-1, '', CSV",
    "s3://b-1/, b-1, '', ''",
    "s3://b-1/sales/2024.csv, b-1, sales/2024.csv, CSV",
    "s3://b-1/iot/readings.ndjson.gz, b-1, iot/readings.ndjson.gz, JSONL",
    "s3://b-1/iot/r.jsonl?format=csv, b-1, iot/r.jsonl, CSV",
    "s3://b-1/sales/part-0.snappy.parquet, b-1, sales/part-0.snappy.parquet, PARQUET",
    "s3://b-1/sales/?format=Parquet, b-1, sales/, PARQUET",
    "s3://b-1/sales/x.parquet.gz, b-1, sales/x.parquet.gz, ''",
  })
  void givenS3Uri_whenParsed_thenFormatGivenOrSaidByTheObjectName(
      String text, String bucket, String prefix, String format) {
    if (format.isEmpty()) {
      assertThatThrownBy(() -> TableUri.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'" + text + "' does not say the objects' format; add ?format=csv (with a"
              + " header row), ?format=jsonl (one JSON object per line) or ?format=parquet, e.g. "
              + text + "?format=csv");
      return;
    }
    TableUri uri = TableUri.parse(text);
    assertThat(uri.s3()).isEqualTo(new S3Location(bucket, prefix));
    assertThat(uri.format()).isEqualTo(S3Format.valueOf(format));
  }

  @Test
  void givenS3PrefixWithoutAKnownExtension_whenParsedWithoutFormat_thenAskedForIt() {
    // .json is left out on purpose: it may be one document rather than lines
    assertThatThrownBy(() -> TableUri.parse("s3://acme/sales/2024.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "add ?format=csv (with a header row), ?format=jsonl (one JSON object per line) or"
                + " ?format=parquet");
  }

  @Test
  void givenParquet_whenParsed_thenParquetFormatPrintedBack() {
    TableUri uri = TableUri.parse("s3://acme/sales?format=parquet");

    assertThat(uri.s3()).isEqualTo(new S3Location("acme", "sales"));
    assertThat(uri.format()).isEqualTo(S3Format.PARQUET);
    assertThat(uri).hasToString("s3://acme/sales?format=parquet");
  }

  @Test
  void givenOrcOrAvro_whenParsed_thenRefusedNamingTheAlternatives() {
    for (String format : new String[] {"orc", "avro"}) {
      assertThatThrownBy(() -> TableUri.parse("s3://acme/sales?format=" + format))
          .as(format)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'s3://acme/sales?format=" + format + "': format=" + format + " is not"
              + " supported by this build's S3 reader; supported: format=csv (with a header row),"
              + " format=jsonl (one JSON object per line) and format=parquet; convert the objects"
              + " to one of them (e.g. write them as Parquet with Spark or Hive), or load the table"
              + " into the DuckDB warehouse and read it as duckdb:<file>#<table>");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "s3://acme/sales?format=xml | unknown format 'xml'",
    "s3://acme/sales?fmt=csv | unknown parameter 'fmt=csv'; the only one is format=csv|jsonl|parquet",
    "s3://acme/sales?format=csv&format=csv | gives format twice",
    "s3://Acme_Bucket/sales?format=csv | 'Acme_Bucket' is not an S3 bucket name",
    "s3://ab/sales?format=csv | 'ab' is not an S3 bucket name",
    "s3:///sales?format=csv | names no bucket",
    "s3://acme//sales?format=csv | starts with '/'; write s3://acme/sales",
    "s3://acme/sales/*.csv?format=csv | holds a glob character",
    "s3:acme/sales | is not an S3 URI",
  })
  void givenBadS3Uri_whenParsed_thenErrorNamesTheProblem(String text, String message) {
    assertThatThrownBy(() -> TableUri.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "'")
        .hasMessageContaining(message);
  }
}
