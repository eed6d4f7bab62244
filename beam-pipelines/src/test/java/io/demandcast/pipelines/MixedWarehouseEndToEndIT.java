package io.demandcast.pipelines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.demandcast.connectors.testing.TableRows.assertSameRows;
import static io.demandcast.connectors.testing.TableRows.rows;
import static io.demandcast.connectors.testing.TableRows.sortedRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.hive.HiveSchemas;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.LocalS3;
import io.demandcast.connectors.testing.HiveServerProcess;
import io.demandcast.pipelines.cli.CliRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo job with its sources spread over three systems and its outputs in Hive, against the
 * all-DuckDB demo run: the ERP tables (items, sales, stock, purchase orders) in a Hive database
 * created with demandcast's own {@code sql/hive} DDL, the IoT readings as JSON lines in S3, the
 * logistics shipments as CSV in S3 behind a Glue catalog table, and every output table published
 * to Hive. The Hive run's forecasts, accuracy, recommendations and policy simulation equal the
 * DuckDB run's.
 *
 * <p>Real servers on loopback: HiveServer2 4.0.1 in a child JVM ({@link HiveServerProcess}),
 * S3Proxy in-process ({@link LocalS3}). No local Glue server exists: its {@code GetTable} answer is
 * served by WireMock, written here in the shape of the AWS JSON 1.1 response of a crawler-made
 * OpenCSVSerde table (not captured from an AWS account).
 */
class MixedWarehouseEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "acme-lake";
  private static final List<TableSchema> ERP = List.of(CanonicalTables.ERP_ITEMS,
      CanonicalTables.ERP_SALES, CanonicalTables.ERP_INVENTORY, CanonicalTables.ERP_PURCHASE_ORDERS);
  private static final List<TableSchema> COMPARED = List.of(CanonicalTables.DEMAND_FORECASTS,
      CanonicalTables.FORECAST_ACCURACY, CanonicalTables.INVENTORY_RECOMMENDATIONS,
      CanonicalTables.POLICY_SIMULATION);

  @TempDir static Path dir;
  private static HiveServerProcess hive;
  private static LocalS3 s3;
  private static WireMockServer glue;
  private static Path duckWarehouse;
  private static CliRun.Outcome mixedRun;

  @BeforeAll
  static void runBothWays() throws Exception {
    hive = HiveServerProcess.start(Files.createDirectories(dir.resolve("hive")));
    s3 = LocalS3.start();
    s3.createBucket(BUCKET);
    glue = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    glue.start();

    // 1. the demo, all in DuckDB
    duckWarehouse = dir.resolve("duck.duckdb");
    // one run (--as-of given), as of the day the mixed run below is as of
    CliRun.Outcome demo = CliRun.execute("demo", "--warehouse", duckWarehouse.toString(),
        "--run-id", "duck", "--reports", dir.resolve("reports").toString(),
        "--as-of", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
    assertThat(demo.exitCode()).as(demo.err()).isZero();

    // 2. the same source rows, moved: ERP to Hive, IoT to S3, logistics to S3 + Glue
    try (Connection duck = DuckDbConnections.open(duckWarehouse)) {
      loadErpIntoHive(duck);
      putReadingsAsJsonLines(duck);
      putShipmentsAsCsv(duck);
    }
    DuckDbConnections.closeAll();
    serveGlueTable();

    // 3. the job on them, outputs to Hive; the DuckDB file given is not touched
    List<String> args = new ArrayList<>(List.of("run",
        "--output", "hive://" + hive.host() + ":" + hive.port() + "/erp",
        "--warehouse", dir.resolve("unused.duckdb").toString(),
        "--run-id", "mixed",
        "--source", "iot_readings=s3://" + BUCKET + "/iot/readings/?format=jsonl",
        "--source", "logistics_shipments=glue://lake.shipments",
        "--glueEndpoint=http://127.0.0.1:" + glue.port()));
    args.addAll(s3.pipelineArgs());
    mixedRun = CliRun.execute(args);
    if (mixedRun.exitCode() != 0 && mixedRun.err().contains("rows were lost on the way to the"
        + " warehouse")) {
      // The tests' HiveServer2 (local MapReduce, every query in one JVM) has lost one INSERT's
      // rows of a staging table a few times in many runs, under load (cause not pinned: see the
      // Hive section of docs/connectors.md). The job counts what it staged and refuses to publish such a run,
      // telling the user to re-run it with the same --run-id; the test does that once, and the
      // re-run must publish the same rows as the all-DuckDB run (asserted below).
      System.err.println("MixedWarehouseEndToEndIT: staged rows lost, re-running as the message"
          + " says: " + mixedRun.err().lines().findFirst().orElse(""));
      mixedRun = CliRun.execute(args);
    }
  }

  @AfterAll
  static void stop() {
    DuckDbConnections.closeAll();
    if (glue != null) {
      glue.stop();
    }
    if (s3 != null) {
      s3.close();
    }
    if (hive != null) {
      hive.close();
    }
  }

  // ------------------------------------------------------------------ moving the sources

  private static Connection hiveConnection() throws SQLException {
    return new org.apache.hive.jdbc.HiveDriver().connect(hive.jdbcUrl(), new java.util.Properties());
  }

  /** Columns of a canonical table as {@code select} text, in canonical order. */
  private static String columns(TableSchema table, boolean skipRunId) {
    StringJoiner names = new StringJoiner(", ");
    for (Column c : table.columns()) {
      if (!(skipRunId && c.name().equals("run_id"))) {
        names.add("\"" + c.name() + "\"");
      }
    }
    return names.toString();
  }

  /**
   * Creates the ERP tables in Hive database {@code erp} with {@code sql/hive}'s DDL (ORC) and fills
   * them from text files in Hive's default delimited format (Ctrl-A between fields, {@code \N} for
   * NULL) through an external staging table each.
   */
  private static void loadErpIntoHive(Connection duck) throws Exception {
    try (Connection h = hiveConnection(); Statement hs = h.createStatement()) {
      hs.execute("CREATE DATABASE erp");
      for (TableSchema table : ERP) {
        Path folder = Files.createDirectories(dir.resolve("hive-files").resolve(table.name()));
        StringBuilder text = new StringBuilder();
        try (Statement ds = duck.createStatement();
            ResultSet rs = ds.executeQuery("select " + columns(table, false) + " from "
                + table.name())) {
          while (rs.next()) {
            for (int i = 0; i < table.columns().size(); i++) {
              Object v = rs.getObject(i + 1);
              String s = v == null ? "\\N" : v.toString();
              assertThat(s).as("a value Hive's delimited text can hold").doesNotContain("\u0001", "\n");
              text.append(i == 0 ? "" : "\u0001").append(s);
            }
            text.append('\n');
          }
        }
        Files.writeString(folder.resolve("part-0"), text, StandardCharsets.UTF_8);
        StringJoiner cols = new StringJoiner(", ");
        for (Column c : table.columns()) {
          cols.add("`" + c.name() + "` " + HiveSchemas.type(c.type()));
        }
        hs.execute("CREATE EXTERNAL TABLE erp.`load_" + table.name() + "` (" + cols
            + ") STORED AS TEXTFILE LOCATION '" + folder.toUri() + "'");
        hs.execute(HiveSchemas.createTable(table, "erp"));
        hs.execute("INSERT OVERWRITE TABLE erp.`" + table.name() + "` SELECT * FROM erp.`load_"
            + table.name() + "`");
      }
    }
  }

  private static void putReadingsAsJsonLines(Connection duck) throws Exception {
    TableSchema table = CanonicalTables.IOT_READINGS;
    StringBuilder lines = new StringBuilder();
    try (Statement ds = duck.createStatement();
        ResultSet rs = ds.executeQuery("select " + columns(table, false) + " from " + table.name())) {
      while (rs.next()) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < table.columns().size(); i++) {
          Object v = rs.getObject(i + 1);
          String name = table.columns().get(i).name();
          if (v == null) {
            o.putNull(name);
          } else if (v instanceof Number n) {
            o.put(name, n.doubleValue());
          } else if (v instanceof java.sql.Timestamp t) {
            o.put(name, t.toLocalDateTime().toString());
          } else {
            o.put(name, v.toString());
          }
        }
        lines.append(JSON.writeValueAsString(o)).append('\n');
      }
    }
    s3.put(BUCKET, "iot/readings/part-00000.jsonl", lines.toString());
  }

  private static void putShipmentsAsCsv(Connection duck) throws Exception {
    TableSchema table = CanonicalTables.LOGISTICS_SHIPMENTS;
    StringWriter csv = new StringWriter();
    try (Statement ds = duck.createStatement();
        ResultSet rs = ds.executeQuery("select " + columns(table, false) + " from " + table.name());
        CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setHeader(
            table.columns().stream().map(Column::name).toArray(String[]::new)).build())) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
          Object v = rs.getObject(i + 1);
          row.add(v == null ? "" : v.toString());
        }
        printer.printRecord(row);
      }
    }
    s3.put(BUCKET, "logistics/shipments/part-00000.csv", csv.toString());
  }

  /** Glue's GetTable answer for lake.shipments: an OpenCSVSerde table over the CSV in S3. */
  private static void serveGlueTable() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode t = root.putObject("Table");
    t.put("Name", "shipments").put("DatabaseName", "lake").put("TableType", "EXTERNAL_TABLE")
        .put("CatalogId", "123456789012").put("CreateTime", 1763110561.0);
    ObjectNode sd = t.putObject("StorageDescriptor");
    ArrayNode columns = sd.putArray("Columns");
    for (Column c : CanonicalTables.LOGISTICS_SHIPMENTS.columns()) {
      columns.addObject().put("Name", c.name())
          .put("Type", HiveSchemas.type(c.type()).toLowerCase(Locale.ROOT));
    }
    sd.put("Location", "s3://" + BUCKET + "/logistics/shipments/");
    sd.put("InputFormat", "org.apache.hadoop.mapred.TextInputFormat");
    sd.put("OutputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
    ObjectNode serde = sd.putObject("SerdeInfo");
    serde.put("SerializationLibrary", "org.apache.hadoop.hive.serde2.OpenCSVSerde");
    serde.putObject("Parameters").put("separatorChar", ",").put("quoteChar", "\"");
    sd.putObject("Parameters").put("classification", "csv").put("skip.header.line.count", "1");
    t.putArray("PartitionKeys");
    t.putObject("Parameters").put("classification", "csv").put("skip.header.line.count", "1");
    glue.stubFor(post("/")
        .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
        .withRequestBody(matchingJsonPath("$.Name", equalTo("shipments")))
        .willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
            .withBody(JSON.writeValueAsString(root))));
  }

  // ------------------------------------------------------------------ reading the outputs back

  /** {@code model_runs.source_snapshot}'s rows read, by source table. */
  private static Map<String, Long> rowsReadPerSource(Connection c, String prefix, String runId)
      throws Exception {
    List<List<Object>> snapshot = rows(c, "select source_snapshot from " + prefix
        + "model_runs where run_id = '" + runId + "'");
    assertThat(snapshot).as("model_runs row of " + runId).hasSize(1);
    Map<String, Long> read = new LinkedHashMap<>();
    JSON.readTree((String) snapshot.get(0).get(0)).fields().forEachRemaining(
        e -> read.put(e.getKey(), e.getValue().path("rows_read").asLong(-1)));
    return read;
  }

  @Test
  void givenErpInHiveIotAndLogisticsInS3BehindGlue_whenRunToHive_thenOutputsEqualAllDuckDbRun()
      throws Exception {
    assertThat(mixedRun.exitCode()).as(mixedRun.err()).isZero();
    assertThat(mixedRun.out()).contains("run mixed complete")
        .contains("report             not written");
    glue.verify(1, postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable")));
    try (Connection duck = DuckDbConnections.open(duckWarehouse);
        Connection h = hiveConnection()) {
      // every source row moved out of the DuckDB tables reached the job
      Map<String, Long> sourceRows = new LinkedHashMap<>();
      for (TableSchema source : CanonicalTables.SOURCES) {
        sourceRows.put(source.name(), (Long) rows(duck, "select count(*) from " + source.name())
            .get(0).get(0));
      }
      assertThat(rowsReadPerSource(h, "erp.", "mixed")).isEqualTo(sourceRows);
      for (TableSchema table : COMPARED) {
        String select = "select " + columns(table, true) + " from " + table.name()
            + " where run_id = '%s'";
        List<List<Object>> fromDuck = sortedRows(duck, String.format(select, "duck"));
        List<List<Object>> fromHive = sortedRows(h, String.format(select.replace('"', '`'), "mixed")
            .replace(" from ", " from erp."));
        assertThat(fromDuck).as(table.name()).isNotEmpty();
        assertSameRows(table.name(), fromDuck, fromHive, 1e-9);
      }
      // the records the job rejects (not the demo files' own, which the demo load rejects)
      String rejected = "select source, count(*) from %srejected_records where run_id = '%s'"
          + " and source not like '%%(%%' group by source order by source";
      assertThat(rows(h, String.format(rejected, "erp.", "mixed")))
          .isEqualTo(rows(duck, String.format(rejected, "", "duck")))
          .isNotEmpty();
      // the run is complete in Hive, and the analysts' views show it
      assertThat(rows(h, "select status, rows_written from erp.model_runs where run_id = 'mixed'"))
          .singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("complete"));
      assertThat(rows(h, "select run_id from erp.latest_run")).containsExactly(List.of("mixed"));
      assertThat(rows(h, "select count(*) from erp.latest_recommendations"))
          .isEqualTo(rows(duck, "select count(*) from inventory_recommendations where run_id = 'duck'"));
    }
  }
}
