package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.cli.CliRun.Outcome;
import static io.demandcast.pipelines.cli.CliRun.execute;
import static io.demandcast.pipelines.MixedSourceFixture.readings;
import static io.demandcast.pipelines.MixedSourceFixture.sales;
import io.demandcast.pipelines.MixedSourceFixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.testing.LocalS3;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demandcast run} with sources in two systems: erp_sales as CSV and iot_readings as JSON
 * lines in S3 (S3Proxy on loopback, reached through Beam's S3 filesystem), the other sources in the
 * DuckDB warehouse. The same rows run all from DuckDB give the same forecasts and recommendations;
 * the S3 values that do not convert are the only extra rejected records.
 */
class RunS3SourcesCliTest {
  private static final String BUCKET = "acme-erp";
  private static final List<String> SKUS = List.of("A-1", "B-2");
  private static LocalS3 s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @AfterEach
  void closeWarehouses() {
    DuckDbConnections.closeAll();
  }


  // ------------------------------------------------------------------ the rows, in both systems




  /** erp_sales as two CSV objects (one gzipped) and iot_readings as JSON lines, with bad values. */
  private static void putS3Sources() {
    List<Object[]> sales = sales();
    StringBuilder first = new StringBuilder("sku,location,date,quantity,unit_price,promo\n");
    StringBuilder second = new StringBuilder("date,sku,location,quantity,unit_price,promo\n");
    for (Object[] r : sales) {
      LocalDate date = (LocalDate) r[2];
      if (date.getYear() < 2024) {
        first.append(r[0]).append(',').append(r[1]).append(',').append(date).append(',')
            .append(r[3]).append(',').append(cell(r[4])).append(',').append(cell(r[5])).append('\n');
      } else {
        second.append(date).append(',').append(r[0]).append(',').append(r[1]).append(',')
            .append(r[3]).append(',').append(cell(r[4])).append(',').append(cell(r[5])).append('\n');
      }
    }
    // a value that is not a number: the reader rejects the record (X-9 is not an item, so the
    // forecasts of the DuckDB run, which cannot hold this row, stay comparable)
    first.append("X-9,DC1,2024-01-01,n/a,,\n");
    s3.put(BUCKET, "exports/sales/2022-2023.csv", first.toString());
    s3.put(BUCKET, "exports/sales/2024.csv.gz", gzip(second.toString()));

    StringBuilder iot = new StringBuilder();
    for (Object[] r : readings()) {
      iot.append(String.format(
          "{\"sensor_id\":\"%s\",\"location\":\"%s\",\"sku\":%s,\"ts\":\"%s\",\"metric\":\"%s\","
              + "\"value\":%s}%n",
          r[0], r[1], r[2] == null ? "null" : "\"" + r[2] + "\"", r[3], r[4], r[5]));
    }
    iot.append("{\"sensor_id\":\"T-1\",\"location\":\"DC1\",\"sku\":null,"
        + "\"ts\":\"2024-06-01T00:00:00\",\"metric\":\"temperature_c\",\"value\":\"hot\"}\n");
    s3.put(BUCKET, "iot/readings/2024/06.jsonl", iot.toString());
  }

  private static String cell(Object value) {
    return value == null ? "" : value.toString();
  }

  private static byte[] gzip(String text) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private List<String> runArgs(Path warehouse, String runId) {
    return new ArrayList<>(List.of("run", "--warehouse", warehouse.toString(),
        "--run-id", runId, "--horizon", "3", "--backtest-windows", "1",
        "--simulation-periods", "0", "--sku-shards", "2",
        "--reports", dir.resolve("reports-" + runId).toString()));
  }

  // ------------------------------------------------------------------ tests

  @Test
  void givenSalesAndReadingsInS3_whenRun_thenSameForecastsAndRecommendationsAsFromDuckDb()
      throws Exception {
    // all from DuckDB
    Path duckWarehouse = dir.resolve("duck.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(duckWarehouse);
    DuckDbWarehouse.open(duckWarehouse).replaceSourceTable(CanonicalTables.ERP_SALES, sales());
    DuckDbWarehouse.open(duckWarehouse).replaceSourceTable(CanonicalTables.IOT_READINGS, readings());
    DuckDbConnections.closeAll();
    Outcome duck = execute(runArgs(duckWarehouse, "duck"));
    assertThat(duck.exitCode()).as(duck.err()).isZero();

    // erp_sales and iot_readings from S3, the rest from the warehouse (whose own erp_sales and
    // iot_readings are empty)
    Path s3Warehouse = dir.resolve("s3.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(s3Warehouse);
    DuckDbConnections.closeAll();
    putS3Sources();
    List<String> args = runArgs(s3Warehouse, "s3");
    args.addAll(List.of(
        "--source", "erp_sales=s3://" + BUCKET + "/exports/sales?format=csv",
        "--source", "iot_readings=s3://" + BUCKET + "/iot/readings/?format=jsonl"));
    args.addAll(s3.pipelineArgs());
    Outcome run = execute(args);
    assertThat(run.exitCode()).as(run.err()).isZero();

    try (Connection d = DuckDbConnections.open(duckWarehouse);
        Connection s = DuckDbConnections.open(s3Warehouse)) {
      var fromDuck = DuckDbWarehouse.dsl(d);
      var fromS3 = DuckDbWarehouse.dsl(s);
      MixedSourceFixture.assertSameForecastsAndRecommendations(fromDuck, fromS3);
      // the S3 readings reached the job: their excursion quarantined the perishable A-1's stock
      assertThat(fromS3.fetchValue("select quarantined from inventory_recommendations"
          + " where sku = 'A-1'")).isEqualTo(40.0);
      assertThat(fromS3.fetchValue("select quarantined from inventory_recommendations"
          + " where sku = 'B-2'")).isEqualTo(0.0);

      // the two S3 values that do not convert are the only rejected records
      assertThat(fromDuck.fetchValue("select count(*) from rejected_records")).isEqualTo(0L);
      var rejected = fromS3.fetch("select source, reason, payload from rejected_records"
          + " where run_id = 's3' order by source");
      assertThat(rejected.getValues("source", String.class)).containsExactly(
          "erp_sales (s3://acme-erp/exports/sales/2022-2023.csv)",
          "iot_readings (s3://acme-erp/iot/readings/2024/06.jsonl)");
      assertThat(rejected.getValues("reason", String.class)).containsExactly(
          "line 50: column quantity: 'n/a' is not a number (DOUBLE)", // header + 2 x 24 months + 1
          "line 11: column value: 'hot' is not a number (DOUBLE)");
      assertThat(rejected.get(0).get("payload", String.class)).contains("\"sku\":\"X-9\"");
      // counted as read and rejected: 60 sales + 1, 10 readings + 1, 2 + 2 + 1 from DuckDB
      Record runRow = fromS3.fetchOne(
          "select rows_read, rows_rejected, status, options, source_snapshot from model_runs"
              + " where run_id = 's3'");
      assertThat(runRow.get("status", String.class)).isEqualTo("complete");
      assertThat(runRow.get("rows_read", Long.class)).isEqualTo(61L + 11 + 5);
      assertThat(runRow.get("rows_rejected", Long.class)).isEqualTo(2L);
      assertThat(runRow.get("source_snapshot", String.class))
          .contains("\"uri\":\"s3://acme-erp/exports/sales?format=csv\"")
          .contains("\"uri\":\"s3://acme-erp/iot/readings/?format=jsonl\"");
      // the credentials given as a Beam option are nowhere in what the run wrote or printed
      for (String text : List.of(runRow.get("options", String.class),
          runRow.get("source_snapshot", String.class), run.out(), run.err())) {
        assertThat(text).doesNotContain(LocalS3.SECRET_KEY);
      }
    }
  }

  @Test
  void givenS3ObjectWithoutAColumn_whenRun_thenNonZeroExitNamingObjectAndColumnBeforeTheRun()
      throws Exception {
    s3.put(BUCKET, "broken/sales.csv", "sku,location,quantity\nA-1,DC1,3\n");
    Path warehouse = dir.resolve("w.duckdb");
    MixedSourceFixture.loadItemsStockAndOrders(warehouse);
    DuckDbConnections.closeAll();
    List<String> args = runArgs(warehouse, "broken");
    args.addAll(List.of("--source", "erp_sales=s3://" + BUCKET + "/broken?format=csv"));
    args.addAll(s3.pipelineArgs());

    Outcome r = execute(args);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse("")).isEqualTo(
        "demandcast: s3://acme-erp/broken/sales.csv: no column 'date' (erp_sales.date, expected"
            + " DATE) in the header [sku, location, quantity]; if the objects hold it under another"
            + " name, map erp_sales.date to that column");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      assertThat(DuckDbWarehouse.dsl(c).fetchValue("select count(*) from model_runs"))
          .isEqualTo(0L);
    }
  }

  @Test
  void givenOrcS3Source_whenRun_thenNonZeroExitNamingTheAlternatives() {
    Outcome r = execute(List.of("run", "--warehouse", dir.resolve("w.duckdb").toString(),
        "--source", "erp_sales=s3://" + BUCKET + "/sales?format=orc"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().findFirst().orElse(""))
        .startsWith("demandcast: 's3://acme-erp/sales?format=orc': format=orc is not"
            + " supported by this build's S3 reader; supported: format=csv")
        .contains("format=parquet")
        .contains("duckdb:<file>#<table>");
    assertThat(dir.resolve("w.duckdb")).doesNotExist();
  }

}
