package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.cli.CliRun.Outcome;
import static io.demandcast.pipelines.cli.CliRun.execute;
import static io.demandcast.pipelines.MixedSourceFixture.readings;
import static io.demandcast.pipelines.MixedSourceFixture.sales;
import io.demandcast.pipelines.MixedSourceFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.testing.LocalS3;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demandcast run} with sources in the AWS Glue Data Catalog: logistics_shipments is a Glue
 * CSV table (comma-separated, header row, partitioned by dt) and iot_readings a Glue JSON table,
 * their files in S3; the other sources in the DuckDB warehouse. The same rows run all from DuckDB
 * give the same forecasts and recommendations.
 *
 * <p>No local Glue server exists: Glue's {@code GetTable} is served by WireMock on loopback with
 * AWS JSON 1.1 responses written by hand in the shape the Glue API returns for crawler-made tables
 * (files in {@code src/test/resources/io/demandcast/pipelines/cli/glue/}), not captured from an
 * AWS account. The tables' locations point at a bucket of an in-process S3Proxy ({@link LocalS3}),
 * which the job reads through Beam's S3 filesystem. The Glue client reaches WireMock through
 * {@code --glueEndpoint}, S3Proxy through {@code --endpoint}; both sign with the same {@code
 * --awsRegion} and {@code --awsCredentialsProvider}.
 */
class RunGlueSourcesCliTest {
  private static final String BUCKET = "acme-lake";
  private static final String SHIPMENTS_KEY = "logistics/shipments/dt=2024-06-01/part-00000.csv";
  private static final String READINGS_KEY = "iot/readings/part-00000.json";
  private static LocalS3 s3;

  @RegisterExtension
  static final WireMockExtension GLUE =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @TempDir Path dir;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket(BUCKET);
    putS3Objects();
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


  // ------------------------------------------------------------------ Glue

  private static String fixture(String name) {
    try (InputStream in = RunGlueSourcesCliTest.class.getResourceAsStream("glue/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource glue/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Glue answers GetTable of {@code table} with the fixture, as Glue does (status, type, id). */
  private static void serveTable(String table, int status, String fixture) {
    GLUE.stubFor(
        post("/")
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
            .withRequestBody(matchingJsonPath("$.Name", equalTo(table)))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                    .withBody(fixture(fixture))));
  }

  /** The S3Proxy options (region, S3 endpoint, path style, test key pair) and the Glue endpoint. */
  private static List<String> awsArgs() {
    List<String> args = new ArrayList<>(s3.pipelineArgs());
    args.add("--glueEndpoint=http://127.0.0.1:" + GLUE.getPort());
    return args;
  }

  // ------------------------------------------------------------------ the rows, in both systems


  /**
   * Six truck shipments from supplier S1 to DC1, taking 5, 6, ..., 10 days from the order to the
   * delivery: the S1 x Truck lane's mean lead time is 7.5 days, where the items say 12 and 1.
   */
  private static List<Object[]> shipments() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      LocalDate shipped = LocalDate.of(2024, 5, 1).plusDays(3L * i);
      rows.add(new Object[] {"SH-" + i, i % 2 == 0 ? "B-2" : "A-1", "S1", "Plant 1", "DC1",
          "Truck", "FastFreight", shipped, shipped.plusDays(7), shipped.plusDays(4 + i),
          10.0 * i, null});
    }
    return rows;
  }



  /**
   * The Glue tables' files: the shipments as CSV with a header row in the Glue table's column order
   * (ship_date is called shipped_on there, and there is a weight_kg the job does not read) under a
   * dt= partition folder with a Spark _SUCCESS marker; the readings as JSON lines. Each holds one
   * value that does not convert.
   */
  private static void putS3Objects() {
    StringBuilder csv = new StringBuilder("shipment_id,sku,supplier,origin,destination,mode,"
        + "carrier,shipped_on,scheduled_date,delivered_date,quantity,weight_kg\n");
    for (Object[] r : shipments()) {
      for (int c = 0; c < 11; c++) {
        csv.append(r[c]).append(',');
      }
      csv.append(12.5).append('\n');
    }
    // S1's seventh shipment, whose quantity is no number: rejected, so the lane keeps six
    csv.append("SH-7,A-1,S1,Plant 1,DC1,Truck,FastFreight,2024-06-01,2024-06-08,2024-06-20,lots,"
        + "1.0\n");
    s3.put(BUCKET, SHIPMENTS_KEY, csv.toString());
    s3.put(BUCKET, "logistics/shipments/dt=2024-06-01/_SUCCESS", "");

    StringBuilder iot = new StringBuilder();
    for (Object[] r : readings()) {
      iot.append(String.format(
          "{\"sensor_id\":\"%s\",\"location\":\"%s\",\"sku\":%s,\"ts\":\"%s\",\"metric\":\"%s\","
              + "\"value\":%s}%n",
          r[0], r[1], r[2] == null ? "null" : "\"" + r[2] + "\"", r[3], r[4], r[5]));
    }
    iot.append("{\"sensor_id\":\"T-1\",\"location\":\"DC1\",\"sku\":null,"
        + "\"ts\":\"2024-06-01T00:00:00\",\"metric\":\"temperature_c\",\"value\":\"hot\"}\n");
    s3.put(BUCKET, READINGS_KEY, iot.toString());
  }

  private List<String> runArgs(Path warehouse, String runId) {
    return new ArrayList<>(List.of("run", "--warehouse", warehouse.toString(),
        "--run-id", runId, "--horizon", "3", "--backtest-windows", "1",
        "--simulation-periods", "0", "--sku-shards", "2", "--min-lane-shipments", "3",
        "--reports", dir.resolve("reports-" + runId).toString()));
  }

  // ------------------------------------------------------------------ tests

  @Test
  void givenShipmentsAndReadingsInGlue_whenRun_thenSameForecastsAndRecommendationsAsFromDuckDb()
      throws Exception {
    // all from DuckDB
    Path duckWarehouse = dir.resolve("duck.duckdb");
    loadWarehouseSourcesWithSales(duckWarehouse);
    DuckDbWarehouse.open(duckWarehouse)
        .replaceSourceTable(CanonicalTables.LOGISTICS_SHIPMENTS, shipments());
    DuckDbWarehouse.open(duckWarehouse).replaceSourceTable(CanonicalTables.IOT_READINGS, readings());
    DuckDbConnections.closeAll();
    Outcome duck = execute(runArgs(duckWarehouse, "duck"));
    assertThat(duck.exitCode()).as(duck.err()).isZero();

    // logistics_shipments and iot_readings from Glue (the warehouse's own tables are empty)
    serveTable("shipments", 200, "get-table-shipments-csv.json");
    serveTable("readings", 200, "get-table-readings-json.json");
    Path glueWarehouse = dir.resolve("glue.duckdb");
    loadWarehouseSourcesWithSales(glueWarehouse);
    DuckDbConnections.closeAll();
    List<String> args = runArgs(glueWarehouse, "glue");
    args.addAll(List.of(
        "--source", "logistics_shipments=glue://lake.shipments",
        "--source", "iot_readings=glue://lake.readings",
        "--map", "logistics_shipments.ship_date=shipped_on"));
    args.addAll(awsArgs());
    Outcome run = execute(args);
    assertThat(run.exitCode()).as(run.err()).isZero();

    // one GetTable per Glue table, signed for --awsRegion with --awsCredentialsProvider's key
    for (String table : List.of("shipments", "readings")) {
      GLUE.verify(1, postRequestedFor(urlEqualTo("/"))
          .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
          .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential="
              + LocalS3.ACCESS_KEY + "/\\d{8}/" + LocalS3.REGION + "/glue/aws4_request, .*"))
          .withRequestBody(matchingJsonPath("$.DatabaseName", equalTo("lake")))
          .withRequestBody(matchingJsonPath("$.Name", equalTo(table))));
    }

    try (Connection d = DuckDbConnections.open(duckWarehouse);
        Connection g = DuckDbConnections.open(glueWarehouse)) {
      var fromDuck = DuckDbWarehouse.dsl(d);
      var fromGlue = DuckDbWarehouse.dsl(g);
      MixedSourceFixture.assertSameForecastsAndRecommendations(fromDuck, fromGlue);
      // the Glue shipments reached the job: both items plan with the S1 x Truck lane's six
      // shipments, mean (5 + 6 + ... + 10) / 6 = 7.5 days, not the items' own lead times
      var leadTimes = fromGlue.fetch("select lead_time_mean_days, lead_time_basis"
          + " from inventory_recommendations order by sku");
      assertThat(leadTimes.getValues("lead_time_mean_days", Double.class))
          .containsExactly(7.5, 7.5);
      assertThat(leadTimes.getValues("lead_time_basis", String.class))
          .containsOnly("supplier S1, mode Truck: 6 shipments");
      // and the Glue readings: their excursion quarantined the perishable A-1's stock
      assertThat(fromGlue.fetchValue("select quarantined from inventory_recommendations"
          + " where sku = 'A-1'")).isEqualTo(40.0);

      // the two values that do not convert are the only rejected records
      assertThat(fromDuck.fetchValue("select count(*) from rejected_records")).isEqualTo(0L);
      var rejected = fromGlue.fetch("select source, reason, payload from rejected_records"
          + " where run_id = 'glue' order by source");
      assertThat(rejected.getValues("source", String.class)).containsExactly(
          "iot_readings (s3://acme-lake/" + READINGS_KEY + ")",
          "logistics_shipments (s3://acme-lake/" + SHIPMENTS_KEY + ")");
      assertThat(rejected.getValues("reason", String.class)).containsExactly(
          "line 11: column value: 'hot' is not a number (DOUBLE)",
          "line 8: column quantity: 'lots' is not a number (DOUBLE)"); // header + 6 + 1
      assertThat(rejected.get(1).get("payload", String.class)).contains("\"shipment_id\":\"SH-7\"");
      Record runRow = fromGlue.fetchOne(
          "select rows_read, status, options, source_snapshot from model_runs"
              + " where run_id = 'glue'");
      assertThat(runRow.get("status", String.class)).isEqualTo("complete");
      // 6 + 1 shipments, 10 + 1 readings, 60 sales, 2 items, 2 stock rows, 1 purchase order
      assertThat(runRow.get("rows_read", Long.class)).isEqualTo(7L + 11 + 60 + 5);
      assertThat(runRow.get("source_snapshot", String.class))
          .contains("\"uri\":\"glue://lake.shipments\"")
          .contains("\"uri\":\"glue://lake.readings\"");
      for (String text : List.of(runRow.get("options", String.class),
          runRow.get("source_snapshot", String.class), run.out(), run.err())) {
        assertThat(text).doesNotContain(LocalS3.SECRET_KEY);
      }
    }
  }

  /** Runs with one Glue source and expects exit 2 before the run is recorded; returns stderr. */
  private String runExpectingRefusal(String source) {
    Path warehouse = dir.resolve("w.duckdb");
    loadWarehouseSourcesWithSales(warehouse);
    DuckDbConnections.closeAll();
    List<String> args = runArgs(warehouse, "refused");
    args.addAll(List.of("--source", source));
    args.addAll(awsArgs());

    Outcome r = execute(args);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    try (Connection c = DuckDbConnections.open(warehouse)) {
      assertThat(DuckDbWarehouse.dsl(c).fetchValue("select count(*) from model_runs"))
          .isEqualTo(0L);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return r.err().lines().findFirst().orElse("");
  }

  @Test
  void givenGlueTableThatDoesNotExist_whenRun_thenExit2NamingTheTableAndNoRun() {
    serveTable("shipments_2024", 400, "entity-not-found.json");

    String message = runExpectingRefusal("logistics_shipments=glue://lake.shipments_2024");

    assertThat(message)
        .startsWith("demandcast: glue://lake.shipments_2024: Glue has no such table (Table"
            + " shipments_2024 not found.)")
        .contains("aws glue get-table --database-name lake --name shipments_2024 --region "
            + LocalS3.REGION);
    // a table that does not exist is not retried
    GLUE.verify(1, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void givenGlueColumnOfIncompatibleType_whenRun_thenExit2NamingTableColumnAndTypes() {
    serveTable("readings_raw", 200, "get-table-readings-string-value.json");

    String message = runExpectingRefusal("iot_readings=glue://lake.readings_raw");

    assertThat(message).isEqualTo("demandcast: glue://lake.readings_raw column value: expected"
        + " DOUBLE (Hive double, float or decimal), found string; change the column's type in the"
        + " Glue table or map another column");
  }

  @Test
  void givenHeaderlessTabSeparatedGlueTable_whenRun_thenExit2SayingWhatTheReaderReads() {
    serveTable("shipments_tsv", 200, "get-table-shipments-tsv.json");

    String message = runExpectingRefusal("logistics_shipments=glue://lake.shipments_tsv");

    assertThat(message)
        .startsWith("demandcast: glue://lake.shipments_tsv is CSV with the field delimiter tab"
            + " (code 9) and 0 header lines (skip.header.line.count); this build reads a Glue CSV"
            + " table by the names in its files' header row")
        .contains("set the table's field.delim to ',' and skip.header.line.count to 1");
  }

  /** The sources that stay in DuckDB: sales, items, stock, purchase orders. */
  private static void loadWarehouseSourcesWithSales(Path warehouse) {
    MixedSourceFixture.loadItemsStockAndOrders(warehouse);
    DuckDbWarehouse.open(warehouse).replaceSourceTable(CanonicalTables.ERP_SALES, sales());
  }
}
