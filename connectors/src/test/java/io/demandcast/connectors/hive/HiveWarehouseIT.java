package io.demandcast.connectors.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandcast.connectors.Connectors;
import io.demandcast.connectors.SourceConnector;
import io.demandcast.connectors.TableUri;
import io.demandcast.connectors.UnreadableRecords;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.Column;
import io.demandcast.connectors.schema.ColumnMapping;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.connectors.testing.HiveServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Lineage;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Hive connector against a real HiveServer2 (Hive 4.0.1, Derby metastore, local MapReduce),
 * which the test starts in a child JVM on loopback ({@link HiveServerProcess}) and reaches with the
 * Hive JDBC driver the job ships: reading a source table through a column mapping, the checks that
 * stop a run before it starts, and publishing a run's outputs (staged writes, commit, re-run,
 * failure) as the analysts' views see them.
 */
class HiveWarehouseIT {
  private static HiveServerProcess server;

  @BeforeAll
  static void startHive() throws Exception {
    // a new metastore and warehouse each time: nothing is left of an earlier run of the test
    Path dir = Paths.get("target", "hive-it", HiveWarehouseIT.class.getSimpleName()).toAbsolutePath();
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    server = HiveServerProcess.start(dir);
  }

  @AfterAll
  static void stopHive() {
    if (server != null) {
      server.close();
    }
  }

  private static HiveTableName database(String name) {
    return new HiveTableName(server.host(), server.port(), name, null);
  }

  private static HiveJdbc jdbc(String database) {
    return new HiveJdbc(database(database), null);
  }

  private static void execute(String database, String... statements) throws SQLException {
    try (Connection c = jdbc("default").connect(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static List<List<Object>> query(String database, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = jdbc(database).connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * The database's staging tables ({@code stage_...}). Filtered here: Hive 4's {@code SHOW TABLES
   * LIKE 'stage_*'} matched none of them.
   */
  private static List<String> stagingTables(String database) throws SQLException {
    return query(database, "SHOW TABLES").stream().map(r -> (String) r.get(0))
        .filter(t -> t.startsWith("stage_")).toList();
  }

  private static PipelineOptions options() {
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create();
  }

  @Test
  void givenSalesTableWithOtherNamesAndWiderTypes_whenRead_thenCanonicalRows() throws Exception {
    execute("erp_src",
        "CREATE TABLE erp_src.sales_history (item_code VARCHAR(20), location STRING, `date` DATE,"
            + " quantity DECIMAL(10,2), unit_price FLOAT, promo BOOLEAN) STORED AS ORC",
        "INSERT INTO erp_src.sales_history VALUES ('A-1', 'DC1', DATE '2024-01-01', 3.50, 9.5,"
            + " TRUE), ('B\\'s \\\\ 2', 'DC2', DATE '2024-02-01', NULL, NULL, NULL)");
    HiveTableName table = database("erp_src").withTable("sales_history");
    ColumnMapping mapping = ColumnMapping.parseEntries(List.of("erp_sales.sku=item_code"));
    Pipeline pipeline = Pipeline.create(options());
    PCollection<Row> rows = PBegin.in(pipeline)
        .apply(HiveSource.read(table, CanonicalTables.ERP_SALES, mapping));
    var schema = CanonicalTables.ERP_SALES.beamSchema();
    PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(schema).addValues("A-1", "DC1", LocalDate.of(2024, 1, 1), 3.5, 9.5, true, null)
            .build(),
        Row.withSchema(schema).addValues("B's \\ 2", "DC2", LocalDate.of(2024, 2, 1), null, null,
            null, null).build());
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenSessionVariable_whenReadThroughTheConnector_thenRowsAndNoSessionVariableForJdbcIO()
      throws Exception {
    execute("erp_conn",
        "CREATE TABLE erp_conn.sales (sku STRING, location STRING, `date` DATE, quantity DOUBLE)"
            + " STORED AS ORC",
        "INSERT INTO erp_conn.sales VALUES ('A', 'DC1', DATE '2024-01-01', 2.0),"
            + " ('B', 'DC1', DATE '2024-01-02', 3.0), ('C', 'DC2', DATE '2024-01-03', 4.0)");
    // a HiveServer2 session variable: the driver carries it in its URL, as it would carry
    // trustStorePassword
    Path properties = Files.createTempFile("hive-it", ".properties");
    Files.writeString(properties, "retries=2\n");
    PipelineOptions options = PipelineOptionsFactory.fromArgs("--runner=DirectRunner",
        "--hiveJdbcProperties=" + properties, "--hiveReadSplits=2").create();
    HiveJdbc jdbc = HiveJdbc.of(database("erp_conn"), options);
    try (Connection raw = jdbc.connect(); Connection forJdbcIO = jdbc.connectForJdbcIO()) {
      assertThat(raw.getMetaData().getURL()).contains("retries=2");
      assertThat(forJdbcIO.getMetaData().getURL()).isEqualTo(database("erp_conn").jdbcUrl());
      assertThat(forJdbcIO.getMetaData().getDatabaseProductName()).isEqualTo("Apache Hive");
    }
    SourceConnector hive = Connectors.loaded().forScheme("hive");
    TableUri uri = TableUri.hive(database("erp_conn").withTable("sales"));
    assertThat(hive.check(uri, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY, options)
            .columns())
        .containsExactly("sku", "location", "date", "quantity");

    Pipeline pipeline = Pipeline.create(options);
    PCollectionRowTuple read = PBegin.in(pipeline)
        .apply(hive.read(uri, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY));
    PAssert.that(read.get(UnreadableRecords.ROWS)
            .apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getString("sku"))))
        .containsInAnyOrder("A", "B", "C");
    PAssert.that(read.get(UnreadableRecords.UNREADABLE)).empty();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    Set<String> lineage = Lineage.query(result.metrics(), Lineage.Type.SOURCE);
    assertThat(String.join(" ", lineage)).doesNotContain("retries");
  }

  @Test
  void givenTableOf1000Rows_whenReadBySevenSplitQueries_thenEveryRowExactlyOnce() throws Exception {
    // 1,000 rows from posexplode over 1,000 separators; quantity = the row's position
    execute("erp_split",
        "CREATE TABLE erp_split.sales (sku STRING, location STRING, `date` DATE, quantity DOUBLE,"
            + " unit_price DOUBLE, promo BOOLEAN) STORED AS ORC",
        "INSERT INTO erp_split.sales SELECT concat('SKU-', pmod(pos, 37)), 'DC1',"
            + " date_add(DATE '2024-01-01', pmod(pos, 90)), CAST(pos AS DOUBLE), 2.5, pos < 100"
            + " FROM (SELECT posexplode(split(space(999), ' ')) AS (pos, val)) t");
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--hiveReadSplits=7").create();
    Pipeline pipeline = Pipeline.create(options);
    PCollection<Double> quantities = PBegin.in(pipeline)
        .apply(HiveSource.read(database("erp_split").withTable("sales"), CanonicalTables.ERP_SALES,
            ColumnMapping.IDENTITY))
        .apply(MapElements.into(TypeDescriptors.doubles()).via(row -> row.getDouble("quantity")));
    List<Double> expected = new ArrayList<>();
    for (int pos = 0; pos < 1000; pos++) {
      expected.add((double) pos);
    }
    PAssert.that(quantities).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
    // the rows are spread over all seven splits: none is empty, none holds them all
    String split = "pmod(hash(`sku`, `location`, `date`, `quantity`, `unit_price`, `promo`), 7)";
    List<List<Object>> splits =
        query("erp_split", "SELECT " + split + ", count(*) FROM sales GROUP BY " + split);
    assertThat(splits).hasSize(7)
        .allSatisfy(row -> assertThat((Long) row.get(1)).isBetween(1L, 999L));
  }

  @Test
  void givenOwnTypesAndAbsentOptionalTables_whenRead_thenWidenedAndEmptyWhereAllowed()
      throws Exception {
    execute("erp_own",
        "CREATE TABLE erp_own.erp_sales (sku STRING, location STRING, `date` TIMESTAMP,"
            + " quantity INT) STORED AS ORC",
        "INSERT INTO erp_own.erp_sales VALUES ('A-1', 'DC1', TIMESTAMP '2024-01-31 23:59:59', 4)");
    Pipeline pipeline = Pipeline.create(options());
    PCollection<Row> sales = PBegin.in(pipeline).apply("Sales", HiveSource.read(
        database("erp_own").withTable("erp_sales"), CanonicalTables.ERP_SALES,
        ColumnMapping.IDENTITY));
    // erp_inventory is not there: a run without stock, as in a DuckDB warehouse
    PCollection<Row> stock = PBegin.in(pipeline).apply("Stock", HiveSource.read(
        database("erp_own").withTable("erp_inventory"), CanonicalTables.ERP_INVENTORY,
        ColumnMapping.IDENTITY));
    PAssert.that(sales).containsInAnyOrder(Row.withSchema(CanonicalTables.ERP_SALES.beamSchema())
        .addValues("A-1", "DC1", LocalDate.of(2024, 1, 31), 4.0, null, null, null).build());
    PAssert.that(stock).empty();
    pipeline.run().waitUntilFinish();

    var hive = Connectors.loaded().forScheme("hive");
    assertThat(hive.check(TableUri.hive(database("erp_own").withTable("erp_inventory")),
        CanonicalTables.ERP_INVENTORY, ColumnMapping.IDENTITY, options()).readsAsEmpty()).isTrue();
    // a required table, or an optional one under another name, must exist
    assertThatThrownBy(() -> PBegin.in(Pipeline.create(options())).apply(HiveSource.read(
            database("erp_own").withTable("erp_items"), CanonicalTables.ERP_ITEMS,
            ColumnMapping.IDENTITY)))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> PBegin.in(Pipeline.create(options())).apply(HiveSource.read(
            database("erp_own").withTable("stock_counts"), CanonicalTables.ERP_INVENTORY,
            ColumnMapping.IDENTITY)))
        .hasMessageContaining("does not exist");
  }

  @Test
  void givenMissingOrMistypedColumn_whenReadApplied_thenFailsNamingTableColumnAndTypes()
      throws Exception {
    execute("erp_bad",
        "CREATE TABLE erp_bad.sales (sku STRING, location STRING, `date` STRING, quantity DOUBLE)"
            + " STORED AS ORC",
        "CREATE TABLE erp_bad.items_x (description STRING) STORED AS ORC",
        // matches the pattern "items_x" of getColumns ('_' is a wildcard) but is another table
        "CREATE TABLE erp_bad.itemsXx (sku STRING) STORED AS ORC");
    HiveTableName sales = database("erp_bad").withTable("sales");
    assertThatThrownBy(() -> PBegin.in(Pipeline.create(options()))
            .apply(HiveSource.read(sales, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY)))
        .hasMessageContaining("Hive table " + sales + " column date: expected DATE, found STRING");
    HiveTableName items = database("erp_bad").withTable("items_x");
    assertThatThrownBy(() -> PBegin.in(Pipeline.create(options()))
            .apply(HiveSource.read(items, CanonicalTables.ERP_ITEMS, ColumnMapping.IDENTITY)))
        .hasMessageContaining("has no column sku (expected STRING)")
        .hasMessageContaining("map erp_items.sku to that column");
    // the connector's check (demandcast check) finds the same, without a pipeline
    assertThatThrownBy(() -> Connectors.loaded().forScheme("hive").check(TableUri.hive(sales),
            CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY, options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Hive table " + sales + " column date: expected DATE, found STRING");
    HiveTableName none = database("erp_bad").withTable("nothing_here");
    assertThatThrownBy(() -> PBegin.in(Pipeline.create(options()))
            .apply(HiveSource.read(none, CanonicalTables.ERP_SALES, ColumnMapping.IDENTITY)))
        .hasMessageContaining("Hive table " + none + " does not exist");
  }

  /** One rejected_records row per payload; payloads hold what SQL literals must escape. */
  private static List<Row> rejected(String runId, String... payloads) {
    List<Row> rows = new ArrayList<>();
    for (String payload : payloads) {
      rows.add(Row.withSchema(CanonicalTables.REJECTED_RECORDS.beamSchema())
          .withFieldValue("run_id", runId)
          .withFieldValue("source", "erp_sales")
          .withFieldValue("payload", payload)
          .withFieldValue("reason", "bad")
          .withFieldValue("ts", LocalDateTime.of(2024, 5, 1, 12, 30, 15, 123_456_000))
          .build());
    }
    return rows;
  }

  /** Runs a pipeline that stages {@code rows} of rejected_records (each twice, as a retry would). */
  private static void stage(HiveWarehouse warehouse, String runId, List<Row> rows) {
    Pipeline pipeline = Pipeline.create(options());
    List<Row> twice = new ArrayList<>(rows);
    twice.addAll(rows);
    pipeline
        .apply(Create.of(twice).withRowSchema(CanonicalTables.REJECTED_RECORDS.beamSchema()))
        .apply(warehouse.writeStaged(CanonicalTables.REJECTED_RECORDS, runId));
    pipeline.run().waitUntilFinish();
  }

  @Test
  void givenRunsCommittedRerunAndFailed_whenViewsRead_thenOnlyLatestCompleteRunOnceEach()
      throws Exception {
    HiveWarehouse warehouse = new HiveWarehouse(jdbc("out_runs"));
    execute("out_runs");
    String tricky = "{\"line\": \"it's a \\\\ back\\nslash\", \"t\": \"\tx\", \"u\": \"é\"}";

    warehouse.beginRun("r1", LocalDateTime.of(2024, 5, 1, 12, 0), "{\"o\": 1}", "test");
    stage(warehouse, "r1", rejected("r1", tricky, "plain"));
    Map<String, Long> written =
        warehouse.commitRun("r1", LocalDateTime.of(2024, 5, 1, 12, 5), "{}", 10);
    assertThat(written).containsEntry("rejected_records", 2L).containsEntry("demand_forecasts", 0L);
    assertThat(query("out_runs", "SELECT payload FROM latest_rejected_records ORDER BY payload"))
        .extracting(r -> r.get(0)).containsExactly("plain", tricky);
    assertThat(query("out_runs",
            "SELECT run_id, status, rows_read, rows_rejected, rows_written, options FROM model_runs"))
        .containsExactly(List.of("r1", "complete", 10L, 2L, 2L, "{\"o\": 1}"));

    // a re-run of r1 with other rows replaces them
    warehouse.beginRun("r1", LocalDateTime.of(2024, 5, 2, 12, 0), "{\"o\": 2}", "test");
    assertThat(query("out_runs", "SELECT run_id FROM latest_run")).isEmpty();
    stage(warehouse, "r1", rejected("r1", "again"));
    warehouse.commitRun("r1", LocalDateTime.of(2024, 5, 2, 12, 5), "{}", 3);
    assertThat(query("out_runs", "SELECT payload, run_id FROM latest_rejected_records"))
        .containsExactly(List.of("again", "r1"));

    // r2 fails after staging rows: r1 stays the latest, r2's rows are nowhere
    warehouse.beginRun("r2", LocalDateTime.of(2024, 5, 3, 12, 0), "{}", "test");
    stage(warehouse, "r2", rejected("r2", "lost"));
    warehouse.failRun("r2", LocalDateTime.of(2024, 5, 3, 12, 1), "boom");
    assertThat(query("out_runs", "SELECT run_id FROM latest_run")).containsExactly(List.of("r1"));
    assertThat(query("out_runs", "SELECT count(*) FROM rejected_records WHERE run_id = 'r2'"))
        .containsExactly(List.of(0L));
    assertThat(query("out_runs", "SELECT status, message FROM model_runs WHERE run_id = 'r2'"))
        .containsExactly(List.of("failed", "boom"));
    assertThat(stagingTables("out_runs")).isEmpty();
  }

  @Test
  void givenRunsLeftRunning_whenRecovered_thenOnlyThoseSilentBeyondTheLeaseFailedAndTheirStagingDropped()
      throws Exception {
    HiveWarehouse warehouse = new HiveWarehouse(jdbc("out_recover"));
    LocalDateTime t0 = LocalDateTime.of(2024, 5, 1, 10, 0);
    warehouse.beginRun("done", t0.minusHours(1), "{}", "test");
    stage(warehouse, "done", rejected("done", "kept"));
    warehouse.commitRun("done", t0.minusMinutes(50), "{}", 1);
    // two runs of other processes (as far as recovery can tell): one died after staging a row,
    // the other beat at 10:55
    warehouse.beginRun("dead", t0, "{}", "test");
    stage(warehouse, "dead", rejected("dead", "lost"));
    warehouse.beginRun("alive", t0, "{}", "test");
    warehouse.heartbeat("alive", t0.plusMinutes(55));
    io.demandcast.connectors.ActiveRuns.remove(warehouse.location(), "dead");
    io.demandcast.connectors.ActiveRuns.remove(warehouse.location(), "alive");
    List<List<Object>> views = query("out_recover", "SELECT * FROM latest_rejected_records");

    List<String> recovered = warehouse.recoverAbandonedRuns(t0.plusHours(1));

    assertThat(recovered).containsExactly("dead");
    assertThat(query("out_recover", "SELECT run_id, status FROM model_runs ORDER BY run_id"))
        .containsExactly(List.of("alive", "running"), List.of("dead", "failed"),
            List.of("done", "complete"));
    assertThat((String) query("out_recover",
            "SELECT message FROM model_runs WHERE run_id = 'dead'").get(0).get(0))
        .isEqualTo("abandoned: found still running at 2024-05-01T11:00 UTC by the start of a later"
            + " run, with no heartbeat since 2024-05-01T10:00 UTC (the lease is 10 minutes), so"
            + " its process was gone (killed, out of memory, or its machine stopped); its outputs"
            + " were never published");
    List<String> tables = stagingTables("out_recover");
    assertThat(tables).hasSize(io.demandcast.connectors.OutputWarehouse.stagedOutputs().size());
    for (TableSchema table : io.demandcast.connectors.OutputWarehouse.stagedOutputs()) {
      assertThat(tables)
          .doesNotContain(io.demandcast.connectors.OutputWarehouse.stagingTable("dead", table))
          .contains(io.demandcast.connectors.OutputWarehouse.stagingTable("alive", table));
    }
    assertThat(query("out_recover", "SELECT * FROM latest_rejected_records")).isEqualTo(views);
    // a late beat of the recovered run does not bring it back
    warehouse.heartbeat("dead", t0.plusHours(1).plusMinutes(1));
    assertThat(query("out_recover", "SELECT status FROM model_runs WHERE run_id = 'dead'"))
        .containsExactly(List.of("failed"));
    warehouse.failRun("alive", t0.plusHours(2), "done with the test");
  }

  @Test
  void givenModelRunsOfTheVersionBeforeHeartbeats_whenRunBegins_thenTheColumnIsAdded()
      throws Exception {
    execute("out_beat",
        "CREATE TABLE out_beat.model_runs (started_at TIMESTAMP, finished_at TIMESTAMP,"
            + " status STRING, options STRING, source_snapshot STRING, code_version STRING,"
            + " rows_read BIGINT, rows_rejected BIGINT, rows_written BIGINT, message STRING)"
            + " PARTITIONED BY (run_id STRING) STORED AS ORC",
        "INSERT INTO out_beat.model_runs PARTITION (run_id = 'old') VALUES"
            + " ('2024-01-01 00:00:00', '2024-01-01 00:05:00', 'complete', '{}', NULL, 'old',"
            + " 1, 0, 0, NULL)");
    HiveWarehouse warehouse = new HiveWarehouse(jdbc("out_beat"));

    warehouse.beginRun("b1", LocalDateTime.of(2024, 5, 1, 12, 0), "{}", "test");

    assertThat(query("out_beat", "SELECT run_id, status, heartbeat_at FROM model_runs"
            + " ORDER BY run_id"))
        .containsExactly(List.of("b1", "running", java.sql.Timestamp.valueOf("2024-05-01 12:00:00")),
            Arrays.asList("old", "complete", null));
    warehouse.failRun("b1", LocalDateTime.of(2024, 5, 1, 12, 1), "done with the test");
  }

  /**
   * A row of {@code table}: the values given by name, NULL in the other nullable columns and a
   * placeholder (0, "x", false) in the other NOT NULL ones.
   */
  private static Row row(TableSchema table, Map<String, Object> values) {
    List<Object> row = new ArrayList<>();
    for (Column column : table.columns()) {
      Object value = values.containsKey(column.name()) ? values.get(column.name())
          : column.nullable() ? null : switch (column.type()) {
            case STRING -> "x";
            case INT32 -> 0;
            case INT64 -> 0L;
            case DOUBLE -> 0.0;
            case BOOLEAN -> false;
            case DATE -> LocalDate.of(2024, 1, 1);
            case TIMESTAMP -> LocalDateTime.of(2024, 1, 1, 0, 0);
          };
      row.add(value);
    }
    return Row.withSchema(table.beamSchema()).addValues(row).build();
  }

  /** Stages the accuracy and recommendation rows of one run in one pipeline, then commits it. */
  private static void commit(HiveWarehouse warehouse, String runId, LocalDateTime startedAt,
      List<Row> accuracy, List<Row> recommendations) {
    warehouse.beginRun(runId, startedAt, "{}", "test");
    Pipeline pipeline = Pipeline.create(options());
    TableSchema acc = CanonicalTables.FORECAST_ACCURACY;
    TableSchema rec = CanonicalTables.INVENTORY_RECOMMENDATIONS;
    pipeline.apply("Accuracy", Create.of(accuracy).withRowSchema(acc.beamSchema()))
        .apply("StageAccuracy", warehouse.writeStaged(acc, runId));
    pipeline.apply("Recommendations", Create.of(recommendations).withRowSchema(rec.beamSchema()))
        .apply("StageRecommendations", warehouse.writeStaged(rec, runId));
    pipeline.run().waitUntilFinish();
    warehouse.commitRun(runId, startedAt.plusMinutes(5), "{}", 1);
  }

  private static Row accuracy(String runId, double mase, double smape) {
    return row(CanonicalTables.FORECAST_ACCURACY, Map.of("run_id", runId, "sku", "A",
        "location", "DC1", "model", "ets", "mase", mase, "rmsse", mase / 2, "smape", smape,
        "windows", 3, "selected", true));
  }

  private static Row recommendation(String runId, String sku, double position, double qty) {
    return row(CanonicalTables.INVENTORY_RECOMMENDATIONS, Map.of("run_id", runId, "sku", sku,
        "location", "DC1", "inventory_position", position, "reorder_point", 11.0,
        "order_up_to", 20.0, "recommended_order_qty", qty, "unit_cost", 12.5,
        "abc_class", "A", "policy", "s_S"));
  }

  @Test
  void givenTwoCompleteRuns_whenAccuracyTrendAndReorderNowRead_thenChangeAndTheLatestRunsOrders()
      throws Exception {
    HiveWarehouse warehouse = new HiveWarehouse(jdbc("out_views"));
    // run ids in the opposite order of their times: the trend follows the finish time
    commit(warehouse, "v9", LocalDateTime.of(2024, 6, 1, 12, 0), List.of(accuracy("v9", 1.0, 40)),
        List.of(recommendation("v9", "OLD", 5, 6)));
    commit(warehouse, "v1", LocalDateTime.of(2024, 7, 1, 12, 0), List.of(accuracy("v1", 1.25, 50)),
        List.of(recommendation("v1", "BELOW", 5, 6), recommendation("v1", "AT", 11, 10),
            recommendation("v1", "ABOVE", 12, 0)));
    assertThat(query("out_views", "SELECT run_id, previous_run_id, mase_change, rmsse_change,"
            + " smape_change FROM accuracy_trend ORDER BY finished_at"))
        .containsExactly(Arrays.asList("v9", null, null, null, null),
            List.of("v1", "v9", 0.25, 0.125, 10.0));
    assertThat(query("out_views", "SELECT run_id, sku, recommended_order_qty, order_value"
            + " FROM reorder_now ORDER BY order_value DESC"))
        .containsExactly(List.of("v1", "AT", 10.0, 125.0), List.of("v1", "BELOW", 6.0, 75.0));
  }

  @Test
  void givenOutputTableOfAnOlderShape_whenRunBegins_thenFailsNamingTableAndColumnsAndNoRunRecorded()
      throws Exception {
    execute("out_old",
        "CREATE TABLE out_old.inventory_recommendations (sku STRING, location STRING,"
            + " on_hand STRING) PARTITIONED BY (run_id STRING) STORED AS ORC");
    HiveWarehouse warehouse = new HiveWarehouse(jdbc("out_old"));
    assertThatThrownBy(() -> warehouse.beginRun("o1", LocalDateTime.of(2024, 5, 1, 12, 0), "{}", "t"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Hive table out_old.inventory_recommendations is not demandcast's")
        .hasMessageContaining("on_hand DOUBLE (found STRING)")
        .hasMessageContaining("reorder_point DOUBLE (missing)");
    assertThat(query("out_old", "SELECT count(*) FROM model_runs")).containsExactly(List.of(0L));
  }

  @Test
  void givenEveryOutputColumnType_whenStagedAndCommitted_thenValuesRoundTrip() throws Exception {
    HiveWarehouse warehouse = new HiveWarehouse(jdbc("out_types"));
    warehouse.beginRun("t1", LocalDateTime.of(2024, 5, 1, 12, 0), null, "test");
    TableSchema table = CanonicalTables.FORECAST_ACCURACY;
    Row.Builder builder = Row.withSchema(table.beamSchema());
    List<Object> values = new ArrayList<>();
    for (Column column : table.columns()) {
      values.add(switch (column.type()) {
        case STRING -> column.name().equals("run_id") ? "t1" : "s'" + column.name();
        case INT32 -> -7;
        case INT64 -> 1L << 40;
        case DOUBLE -> column.name().equals("mase") ? Double.NaN : 1.0 / 3;
        case BOOLEAN -> true;
        case DATE -> LocalDate.of(2023, 12, 31);
        case TIMESTAMP -> LocalDateTime.of(2023, 12, 31, 23, 59, 59, 999_999_000);
      });
    }
    Row row = builder.addValues(values).build();
    Pipeline pipeline = Pipeline.create(options());
    pipeline.apply(Create.of(List.of(row)).withRowSchema(table.beamSchema()))
        .apply(warehouse.writeStaged(table, "t1"));
    pipeline.run().waitUntilFinish();
    warehouse.commitRun("t1", LocalDateTime.of(2024, 5, 1, 12, 5), "{}", 1);

    Pipeline read = Pipeline.create(options());
    PCollection<Row> back = PBegin.in(read).apply(
        HiveSource.read(database("out_types").withTable(table.name()), table, ColumnMapping.IDENTITY));
    PAssert.that(back).containsInAnyOrder(row);
    read.run().waitUntilFinish();
  }
}
