package io.demandcast.pipelines.cli;

import io.demandcast.pipelines.cli.CliRun.Outcome;
import static io.demandcast.pipelines.cli.CliRun.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, DDL, and the errors a user sees before any work is done. */
class DemandcastCliTest {
  @TempDir Path dir;



  @AfterEach
  void closeWarehouses() {
    DuckDbConnections.closeAll();
  }

  // ------------------------------------------------------------------ help and ddl

  @Test
  void givenHelp_whenExecuted_thenListsTheSubcommands() {
    Outcome r = execute("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: demandcast")
        .containsPattern("(?m)^\\s+demo\\b")
        .containsPattern("(?m)^\\s+run\\b")
        .containsPattern("(?m)^\\s+sql\\b")
        .containsPattern("(?m)^\\s+export\\b")
        .containsPattern("(?m)^\\s+ddl\\b")
        .containsPattern("(?m)^\\s+benchmark\\b");
  }

  @Test
  void givenNoArguments_whenExecuted_thenPrintsUsage() {
    Outcome r = execute();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: demandcast").contains("Commands:");
  }

  @Test
  void givenDemoHelp_whenExecuted_thenListsJobOptions() {
    Outcome r = execute("demo", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: demandcast demo")
        .contains("--service-level").contains("--horizon").contains("--warehouse");
  }

  @Test
  void givenRunHelp_whenExecuted_thenListsJobOptionsAndSource() {
    Outcome r = execute("run", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: demandcast run")
        .contains("--service-level").contains("--horizon").contains("--warehouse").contains("--source");
  }

  @Test
  void givenRunHelp_whenExecuted_thenPeriodListsDayAndThePeriodCountedDefaultsNameIt() {
    Outcome r = execute("run", "--help");
    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains("Demand calendar: MONTH, WEEK, DAY")
        .contains("Periods to forecast. Default: 12, or 28 with --period DAY")
        .contains("Default: 3, or 7 with --period DAY")
        .contains("Default: 12, or 84 with --period DAY");
  }

  @Test
  void givenLowerCaseDay_whenRunWithABadHorizon_thenThePeriodIsAcceptedAndTheHorizonNamed() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--period=day", "--horizon=0", "--warehouse=" + warehouse);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).contains("--horizon").contains("0");
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void givenGenerateWithPeriodDay_whenExecuted_thenDailySalesEndingOnTheSnapshotSunday()
      throws Exception {
    Path warehouse = dir.resolve("daily.duckdb");
    Outcome r = execute("generate", "--series", "3", "--weeks", "2", "--period", "day",
        "--seed", "2", "--warehouse", warehouse.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 series x 2 weeks of daily sales");
    try (Connection c =
        io.demandcast.connectors.duckdb.DuckDbWarehouse.attach(warehouse).connect()) {
      var dsl = io.demandcast.connectors.duckdb.DuckDbWarehouse.dsl(c);
      var range = dsl.fetchOne("select min(date), max(date), count(distinct date),"
          + " count(*) - count(distinct (sku, date)) from erp_sales");
      assertThat(range.get(0, java.time.LocalDate.class))
          .isAfterOrEqualTo(java.time.LocalDate.of(2025, 12, 15));
      assertThat(range.get(1, java.time.LocalDate.class))
          .isEqualTo(java.time.LocalDate.of(2025, 12, 28));
      // more than one day a week: daily rows, not weekly ones
      assertThat(((Number) range.get(2)).intValue()).isGreaterThan(2);
      assertThat(((Number) range.get(3)).intValue()).isZero();
    }
  }

  @Test
  void givenGenerateWithPeriodMonth_whenExecuted_thenExit2NamingTheCalendarsItWrites() {
    Outcome r = execute("generate", "--series", "3", "--period", "month",
        "--warehouse", dir.resolve("m.duckdb").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errFirstLine()).contains("--period").contains("WEEK or DAY");
    assertThat(dir.resolve("m.duckdb")).doesNotExist();
  }

  @Test
  void givenDdl_whenExecuted_thenPrintsCreateTableForEveryCanonicalTable() {
    Outcome r = execute("ddl");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("create table if not exists erp_sales (");
    for (String table : new String[] {"erp_items", "erp_inventory", "erp_purchase_orders",
        "iot_readings", "logistics_shipments", "model_runs", "demand_forecasts",
        "forecast_explanations", "forecast_accuracy", "inventory_recommendations", "rejected_records"}) {
      assertThat(r.out()).contains("create table if not exists " + table + " (");
    }
  }

  // ------------------------------------------------------------------ errors before any work

  @Test
  void givenServiceLevelAbove1_whenRun_thenNonZeroExitNaming15AndNoWarehouseCreated() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--service-level=1.5", "--warehouse=" + warehouse);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).startsWith("demandcast: ").contains("--service-level")
        .contains("1.5").contains("(0, 1)");
    // the settings are checked before the warehouse is touched
    assertThat(warehouse).doesNotExist();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void givenHorizon0_whenRun_thenNonZeroExitNamingTheValue() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--horizon=0", "--warehouse=" + warehouse);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("horizon").contains("was 0");
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void givenNonNumericHorizon_whenRun_thenNonZeroExitNamingTheOption() {
    Outcome r = execute("run", "--horizon=twelve", "--warehouse=" + dir.resolve("w.duckdb"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("--horizon").contains("twelve");
  }

  @Test
  void givenHiveSourceOnServerThatIsNotThere_whenRun_thenNonZeroExitNamingServerAndNoRunRecorded()
      throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    io.demandcast.connectors.duckdb.DuckDbWarehouse.open(warehouse); // the other tables' home
    DuckDbConnections.closeAll();
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // the other sources read from the warehouse: a run needs its erp_items
    io.demandcast.connectors.duckdb.DuckDbWarehouse.openWithSourceTables(warehouse);
    io.demandcast.connectors.duckdb.DuckDbConnections.closeAll();
    Outcome r = execute("run", "--source", "erp_sales=hive://127.0.0.1:" + closedPort + "/db.t",
        "--warehouse=" + warehouse);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine())
        .contains("hive://127.0.0.1:" + closedPort + "/db.t")
        .contains("cannot connect to HiveServer2 at 127.0.0.1:" + closedPort);
    try (var c = io.demandcast.connectors.duckdb.DuckDbConnections.open(warehouse);
        var s = c.createStatement();
        var rs = s.executeQuery("select count(*) from model_runs")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void givenOutputThatIsNotHiveOrBigQuery_whenRun_thenNonZeroExitNamingTheForms() {
    Outcome r = execute("run", "--output", "s3://bucket/out", "--warehouse=" + dir.resolve("w.duckdb"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("--output s3://bucket/out")
        .contains("hive://<host>:<port>/<database>")
        .contains("bigquery://<project>/<dataset>");
    Outcome table = execute("run", "--output", "hive://h:10000/db.t", "--warehouse=" + dir.resolve("w.duckdb"));
    assertThat(table.errFirstLine()).contains("names a table");
  }

  @Test
  void givenMissingWarehouse_whenSql_thenNonZeroExitSayingToRunDemoFirst() {
    Path missing = dir.resolve("missing.duckdb");
    Outcome r = execute("sql", "--warehouse", missing.toString(), "select 1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("no warehouse at").contains("missing.duckdb").contains("demo first");
    assertThat(missing).doesNotExist();
  }

  @Test
  void givenSalesWithoutItems_whenRun_thenNonZeroExitNamingWhyAndTheRunIsFailed() throws Exception {
    Path file = dir.resolve("noitems.duckdb");
    io.demandcast.connectors.duckdb.DuckDbWarehouse w =
        io.demandcast.connectors.duckdb.DuckDbWarehouse.open(file);
    List<Object[]> sales = new java.util.ArrayList<>();
    for (int m = 0; m < 24; m++) {
      sales.add(new Object[] {"A-100", "S1", java.time.LocalDate.of(2023, 1, 1).plusMonths(m),
          5.0 + m % 3, null, null, null});
    }
    w.replaceSourceTable(io.demandcast.connectors.schema.CanonicalTables.ERP_SALES, sales);
    // an item master without A-100: every sale is rejected as of an unknown SKU
    w.replaceSourceTable(io.demandcast.connectors.schema.CanonicalTables.ERP_ITEMS, List.of());
    DuckDbConnections.closeAll();
    Outcome r = execute("run", "--warehouse", file.toString(), "--run-id", "empty",
        "--reports", dir.resolve("reports").toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("no series was forecast, so run empty is not published")
        .contains("all 24 erp_sales rows were rejected")
        .contains("no erp_items row was used").doesNotContain("NaN");
    assertThat(r.out()).doesNotContain("complete");
    try (Connection c = io.demandcast.connectors.duckdb.DuckDbWarehouse.attach(file).connect();
        var st = c.createStatement();
        var rs = st.executeQuery("select status from model_runs where run_id = 'empty'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("failed");
    }
  }

  @Test
  void givenSqlFile_whenSql_thenItsStatementsRun() throws Exception {
    Path file = dir.resolve("w.duckdb");
    io.demandcast.connectors.duckdb.DuckDbWarehouse.open(file);
    DuckDbConnections.closeAll();
    Path script = dir.resolve("q.sql");
    Files.writeString(script, "select 40 + 2 as answer;\nselect 'two' as second;\n");
    Outcome r = execute("sql", "--warehouse", file.toString(), "--format", "csv",
        script.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("answer").contains("42").contains("two");
    Outcome missing = execute("sql", "--warehouse", file.toString(), "nothere.sql");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.errFirstLine()).contains("no SQL file").contains("< FILE");
  }

  @Test
  void givenMistypedWarehouse_whenRun_thenExit2AndNothingCreated() {
    Path typo = dir.resolve("sub").resolve("typo.duckdb");
    Outcome r = execute("run", "--warehouse", typo.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    // the check's report before the run: it names the file and how to make one
    assertThat(r.out() + r.err()).contains("typo.duckdb").contains("import");
    assertThat(typo.getParent()).doesNotExist();
  }

  @Test
  void givenDuckDbSourceFileThatDoesNotExist_whenRun_thenExit2AndNothingCreated() {
    Path nofile = dir.resolve("nofile.duckdb");
    Path warehouse = dir.resolve("w.duckdb");
    io.demandcast.connectors.duckdb.DuckDbWarehouse.open(warehouse); // the other tables' home
    DuckDbConnections.closeAll();
    Outcome r = execute("run", "--warehouse", warehouse.toString(),
        "--source", "erp_sales=duckdb:" + nofile + "#sales");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("nofile.duckdb");
    assertThat(nofile).doesNotExist();
  }

  @Test
  void givenBadOptionValue_whenRun_thenTheErrorAndThatOptionsHelpNotTheWholeUsage() {
    Outcome r = execute("run", "--horizon", "twelve");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("twelve").contains("--horizon=N").contains("Periods to forecast")
        .contains("'demandcast run --help' for every option")
        .doesNotContain("Usage:").doesNotContain("--service-level");
    assertThat(r.err().lines().count()).isLessThan(6);
  }

  @Test
  void givenStrayPositionalArgument_whenRun_thenNonZeroExitNamingItAndNoWarehouseCreated() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--warehouse=" + warehouse, "stray");
    assertThat(r.exitCode()).isNotZero();
    // the first line of the error names the argument (the usage text follows it)
    assertThat(r.errFirstLine()).contains("'stray'");
    assertThat(warehouse).doesNotExist();
  }

  /**
   * Regression test: picocli binds {@code @Unmatched} only on a command, not inside a mixin; when
   * it sat in the JobOptions mixin, {@code stray} was refused by picocli itself and demandcast's
   * message explaining the --name=value form was never shown. The usage text picocli prints after
   * its own error also contains "--name=value", so only the first line is checked.
   */
  @Test
  void givenBeamArgumentWithoutEquals_whenRun_thenRejectedMentioningNameValue() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--warehouse=" + warehouse, "stray");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine())
        .contains("'stray'").contains("Beam pipeline options are written --name=value");
    assertThat(warehouse).doesNotExist();
  }

  /**
   * Regression test: Beam pipeline options such as --runner=DirectRunner are passed on, not
   * refused as unknown options. With --service-level=1.5 the settings check fails before any work,
   * so the test stays fast and sees the service-level message.
   */
  @Test
  void givenBeamRunnerOption_whenRun_thenAcceptedByTheCommandLine() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--warehouse=" + warehouse, "--runner=DirectRunner",
        "--service-level=1.5");
    assertThat(r.err()).doesNotContain("Unknown option");
    assertThat(r.errFirstLine()).contains("1.5");
    assertThat(r.exitCode()).isNotZero();
  }

  @Test
  void givenUnknownSourceTable_whenRun_thenNonZeroExitListingTheSources() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--source", "erp_salez=duckdb:" + dir.resolve("x.duckdb") + "#t",
        "--warehouse=" + warehouse);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("unknown source table 'erp_salez'")
        .contains("erp_sales").contains("logistics_shipments");
  }

  // ------------------------------------------------------------------ inventory options

  @Test
  void givenRunHelp_whenExecuted_thenListsTheInventoryOptions() {
    Outcome r = execute("run", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--service-measure").contains("--class-service-levels")
        .contains("--continuous-policy").contains("--lead-time-distribution")
        .contains("--simulation-periods").contains("--warm-up-periods")
        .contains("--location-capacity");
  }

  /** Runs with a bad option; checks the exit, the first error line and that no warehouse exists. */
  private void assertRejectedBeforeAnyWork(List<String> args, String... fragments) {
    Path warehouse = dir.resolve("w.duckdb");
    // a report directory inside the test's folder, in case the run gets that far
    List<String> all = new java.util.ArrayList<>(List.of("run", "--warehouse=" + warehouse,
        "--reports=" + dir.resolve("reports")));
    all.addAll(args);
    Outcome r = execute(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(args.toString()).isNotZero();
    assertThat(r.errFirstLine()).as(args.toString()).startsWith("demandcast: ").contains(fragments);
    assertThat(warehouse).as(args + ": checked before the warehouse is touched").doesNotExist();
    assertThat(r.out()).as(args.toString()).isEmpty();
  }

  @Test
  void givenUnknownGlobalModel_whenRun_thenNonZeroExitNamingOptionValueAndChoices() {
    assertRejectedBeforeAnyWork(List.of("--global-model", "xgboost"),
        "--global-model", "'xgboost'", "none, gbt, rf, lasso");
  }

  @Test
  void givenMaxSegmentSeries0_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--global-model=gbt", "--max-segment-series", "0"),
        "--max-segment-series", "was 0");
  }

  @Test
  void givenNonNumericMaxSegmentSeries_whenRun_thenNonZeroExitNamingTheOption() {
    Path warehouse = dir.resolve("w.duckdb");
    Outcome r = execute("run", "--max-segment-series=many", "--warehouse=" + warehouse);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errFirstLine()).contains("--max-segment-series").contains("'many'");
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void givenBogusServiceMeasure_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--service-measure", "bogus"),
        "--service-measure", "'bogus'", "cycle-service", "fill-rate");
  }

  @Test
  void givenUnknownContinuousPolicy_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--continuous-policy", "s_X"),
        "--continuous-policy", "'s_X'", "s_Q", "s_S");
  }

  @Test
  void givenPeriodicPolicyAsContinuousPolicy_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--continuous-policy", "R_S"),
        "--continuous-policy", "R_S", "s_S or s_Q");
  }

  @Test
  void givenUnknownLeadTimeDistribution_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--lead-time-distribution", "gamma"),
        "--lead-time-distribution", "'gamma'", "auto", "normal", "discrete", "empirical");
  }

  @Test
  void givenNonNumericLocationCapacity_whenRun_thenNonZeroExitNamingOptionLocationAndValue() {
    assertRejectedBeforeAnyWork(List.of("--location-capacity", "PLANT01=x"),
        "--location-capacity", "PLANT01", "'x'");
  }

  @Test
  void givenLocationCapacityWithoutEquals_whenRun_thenNonZeroExitNamingTheEntry() {
    assertRejectedBeforeAnyWork(List.of("--location-capacity", "PLANT01=500,PLANT02"),
        "--location-capacity", "'PLANT02'", "LOCATION=UNITS");
  }

  @Test
  void givenNegativeLocationCapacity_whenRun_thenNonZeroExitNamingOptionLocationAndValue() {
    assertRejectedBeforeAnyWork(List.of("--location-capacity", "PLANT01=-5"),
        "--location-capacity", "PLANT01", "-5.0");
  }

  @Test
  void givenNegativeSimulationPeriods_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--simulation-periods=-1"),
        "--simulation-periods", "was -1");
  }

  @Test
  void givenNegativeWarmUpPeriods_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--warm-up-periods=-2"), "--warm-up-periods", "was -2");
  }

  /**
   * Regression test: class targets were parsed only when the pipeline set up its planning step,
   * after the warehouse had been opened and the sources read.
   */
  @Test
  void givenClassServiceLevelAbove1_whenRun_thenNonZeroExitNamingOptionAndValue() {
    assertRejectedBeforeAnyWork(List.of("--class-service-levels", "A=0.98,B=1.5"),
        "--class-service-levels", "B=1.5");
  }

  @Test
  void givenUnknownClassInClassServiceLevels_whenRun_thenNonZeroExitNamingOptionAndClass() {
    assertRejectedBeforeAnyWork(List.of("--class-service-levels", "D=0.9"),
        "--class-service-levels", "'D'");
  }

  @Test
  void givenValidInventoryOptions_whenRunWithBadServiceLevel_thenOnlyTheServiceLevelIsReported() {
    // every inventory option is accepted: the one error is --service-level's
    assertRejectedBeforeAnyWork(List.of("--service-measure", "cycle-service",
        "--continuous-policy", "s_Q", "--lead-time-distribution", "discrete",
        "--class-service-levels", "A=0.99,B=0.9,C=0.8", "--location-capacity", "PLANT01=5000",
        "--simulation-periods", "0", "--warm-up-periods", "6", "--service-level=1.5"),
        "--service-level", "1.5");
  }

  // ------------------------------------------------------------------ sql on a warehouse

  @Test
  void givenExistingWarehouse_whenSqlSelect_thenPrintsTheResultTable() throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      c.createStatement().execute("create table t as select 42 as answer, 'x' as label");
    }
    DuckDbConnections.closeAll();
    assertThat(Files.exists(warehouse)).isTrue();

    Outcome r = execute("sql", "--warehouse=" + warehouse, "select answer, label from t");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("answer").contains("label").contains("42").contains("(1 row)");
  }

  @Test
  void givenBadQuery_whenSql_thenNonZeroExitNamingTheTable() throws Exception {
    Path warehouse = dir.resolve("w.duckdb");
    try (Connection c = DuckDbConnections.open(warehouse)) {
      c.createStatement().execute("create table t as select 1 as one");
    }
    DuckDbConnections.closeAll();

    Outcome r = execute("sql", "--warehouse=" + warehouse, "select * from no_such_table");

    assertThat(r.exitCode()).isNotZero();
    // demandcast's message, carrying DuckDB's, which names the table
    assertThat(r.err()).startsWith("demandcast: the query failed: ").contains("no_such_table");
    assertThat(r.out()).isEmpty();
  }

  // ------------------------------------------------------------------ benchmark

  /** Two M3 yearly series in the competition file's layout (N, NF, then the values). */
  private Path m3Sample() throws java.io.IOException {
    Path m3 = Files.createDirectories(dir.resolve("data").resolve("m3"));
    Files.writeString(m3.resolve("M3data.csv"), String.join("\n",
        "# comment lines as in the real file",
        "N   1,20,6,MICRO       ,1975,1,940.66,1084.86,1244.98,1445.02,1683.17,2038.15,2342.52,"
            + "2602.45,2927.87,3103.96,3360.27,3807.63,4387.88,4936.99,5379.75,6158.68,6876.58,"
            + "7851.91,8407.84,9156.01,,,",
        "N   2,20,6,MICRO       ,1975,1,1991.05,2306.4,2604,2992.3,3722.08,5226.62,5989.46,"
            + "5614.62,5527,5389.8,5384.4,3656.2,4034.8,4230,4793.2,5602,5065,5056,5067.2,5209.6,,",
        ""));
    return dir.resolve("data");
  }

  @Test
  void givenM3Sample_whenBenchmark_thenEveryMethodIsScoredIntoTheCsv() throws Exception {
    Path csv = dir.resolve("bench.csv");
    Outcome r = execute("benchmark", "--dataset", "m3", "--data-dir", m3Sample().toString(),
        "--methods", "naive,theta,auto", "--out", csv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("naive2").contains("theta").contains("auto").contains("written to");
    java.util.List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("dataset,method,source,series,failures,smape,mase,owa,rmsse,"
        + "wall_s,series_per_s");
    assertThat(lines).hasSize(5); // header, naive2 (the OWA reference), naive, theta, auto
    assertThat(lines.get(1)).startsWith("m3,naive2,demandcast,2,0,");
    // naive = Naive2 for yearly data (no seasonality): OWA exactly 1
    assertThat(lines.get(2)).startsWith("m3,naive,demandcast,2,0,").contains(",1.0000,");
    assertThat(lines.get(4)).startsWith("m3,auto,demandcast,2,0,");
  }

  @Test
  void givenOwnLongFormatFile_whenBenchmark_thenLastHorizonHeldOutAndScored() throws Exception {
    // two daily series with a weekly pattern and a step of 1 a week: 21 days each, the last 7
    // held out
    StringBuilder text = new StringBuilder("store_item,day,units\n");
    for (String id : new String[] {"S1", "S2"}) {
      for (int t = 0; t < 21; t++) {
        text.append(id).append(',').append(java.time.LocalDate.of(2024, 1, 1).plusDays(t))
            .append(',').append(10 + (t % 7) + t / 7 + (id.equals("S2") ? 5 : 0)).append('\n');
      }
    }
    Path history = Files.writeString(dir.resolve("history.csv"), text);
    Path csv = dir.resolve("own.csv");
    Outcome r = execute("benchmark", "--dataset", "file:" + history, "--horizon", "7",
        "--seasonal-periods", "7", "--methods", "seasonal_naive,theta", "--out", csv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(4); // header, naive2, seasonal_naive, theta
    // the seasonal naive forecast is 1 short every day, and the in-sample lag-7 differences are
    // all 1: MASE (lag 7, the seasonal period) exactly 1
    assertThat(lines.get(2))
        .startsWith("file:history.csv,seasonal_naive,demandcast,2,0,")
        .matches("[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,1\\.0000,.*");
  }

  @Test
  void givenSeveralSeasonalPeriods_whenBenchmarkFile_thenMstlfUsesThemAndTheFirstIsTheMaseLag()
      throws Exception {
    // 100 days of a weekly and a four-weekly pattern; the last 14 held out
    StringBuilder text = new StringBuilder("id,day,units\n");
    for (int t = 0; t < 100; t++) {
      text.append("A,").append(java.time.LocalDate.of(2024, 1, 1).plusDays(t)).append(',')
          .append(20 + t % 7 + ((t / 7) % 4 == 3 ? 5 : 0)).append('\n');
    }
    Path history = Files.writeString(dir.resolve("multi.csv"), text);
    Path csv = dir.resolve("multi-out.csv");
    Outcome r = execute("benchmark", "--dataset", "file:" + history, "--horizon", "14",
        "--seasonal-periods", "7,28", "--methods", "seasonal_naive,mstlf", "--out", csv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(4); // header, naive2, seasonal_naive, mstlf
    assertThat(lines.get(3)).startsWith("file:multi.csv,mstlf,demandcast,1,0,");
    Outcome bad = execute("benchmark", "--dataset", "file:" + history, "--horizon", "14",
        "--seasonal-periods", "7,week");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.errFirstLine()).contains("7,365.25").contains("7,week");
  }

  @Test
  void givenFileDatasetWithoutHorizonOrABadRow_whenBenchmark_thenMessageSaysWhatToFix()
      throws Exception {
    Path history = Files.writeString(dir.resolve("h.csv"), "id,period,value\nA,1,3\nA,2,x\n");
    Outcome noHorizon = execute("benchmark", "--dataset", "file:" + history);
    assertThat(noHorizon.exitCode()).isEqualTo(2);
    assertThat(noHorizon.errFirstLine()).contains("--horizon").contains("--seasonal-periods");
    Outcome badRow = execute("benchmark", "--dataset", "file:" + history, "--horizon", "1",
        "--seasonal-periods", "1");
    assertThat(badRow.exitCode()).isEqualTo(2);
    assertThat(badRow.errFirstLine()).contains("h.csv line 3 column 3 (value): 'x' is not a number");
    Outcome extra = execute("benchmark", "--dataset", "m3", "--horizon", "4");
    assertThat(extra.exitCode()).isEqualTo(2);
    assertThat(extra.errFirstLine()).contains("only to --dataset file:PATH");
  }

  @Test
  void givenDatedFileAndHolidays_whenBenchmark_thenHolidayRowsBesideThePlainOnes()
      throws Exception {
    // 13 weeks of daily demand from Monday 2024-02-05 with England's Easter (Good Friday 29
    // March, Easter Monday 1 April) 50 % down; the last 14 days held out
    StringBuilder text = new StringBuilder("id,day,units\n");
    java.time.LocalDate first = java.time.LocalDate.of(2024, 2, 5);
    for (int t = 0; t < 91; t++) {
      java.time.LocalDate day = first.plusDays(t);
      boolean easter =
          day.equals(java.time.LocalDate.of(2024, 3, 29))
              || day.equals(java.time.LocalDate.of(2024, 4, 1));
      text.append("A,").append(day).append(',').append((20 + t % 7) * (easter ? 0.5 : 1.0))
          .append('\n');
    }
    Path history = Files.writeString(dir.resolve("easter.csv"), text);
    Path csv = dir.resolve("easter-out.csv");
    Outcome r = execute("benchmark", "--dataset", "file:" + history, "--horizon", "14",
        "--seasonal-periods", "7", "--methods", "seasonal_naive,theta", "--holidays", "gb-eng",
        "--out", csv.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(5); // header, naive2, seasonal_naive, theta, theta_holidays
    assertThat(lines.get(3)).startsWith("file:easter.csv,theta,demandcast,1,0,");
    assertThat(lines.get(4)).startsWith("file:easter.csv,theta_holidays,demandcast,1,0,");

    Outcome region = execute("benchmark", "--dataset", "file:" + history, "--horizon", "14",
        "--seasonal-periods", "7", "--methods", "theta", "--holidays", "GB-XX");
    assertThat(region.exitCode()).isEqualTo(2);
    assertThat(region.errFirstLine())
        .contains("unknown holiday region 'GB-XX'").contains("GB-ENG");
    Path numbered = Files.writeString(dir.resolve("numbered.csv"),
        "id,period,value\n" + java.util.stream.IntStream.range(0, 30)
            .mapToObj(t -> "A," + t + "," + (10 + t % 7)).collect(
                java.util.stream.Collectors.joining("\n")) + "\n");
    Outcome noDates = execute("benchmark", "--dataset", "file:" + numbered, "--horizon", "7",
        "--seasonal-periods", "7", "--methods", "theta", "--holidays", "GB");
    assertThat(noDates.exitCode()).isEqualTo(2);
    assertThat(noDates.errFirstLine()).contains("--holidays needs dates");
    Outcome noVariant = execute("benchmark", "--dataset", "file:" + history, "--horizon", "14",
        "--seasonal-periods", "7", "--methods", "naive", "--holidays", "GB");
    assertThat(noVariant.exitCode()).isEqualTo(2);
    assertThat(noVariant.errFirstLine()).contains("auto");
  }

  @Test
  void givenUnknownDatasetOrMethodOrMissingFolder_whenBenchmark_thenMessageSaysWhatToFix() {
    Outcome dataset = execute("benchmark", "--dataset", "m5");
    assertThat(dataset.exitCode()).isEqualTo(2);
    assertThat(dataset.errFirstLine()).contains("unknown --dataset 'm5'").contains("m4-weekly");
    Outcome method = execute("benchmark", "--dataset", "m3", "--methods", "prophet");
    assertThat(method.exitCode()).isEqualTo(2);
    assertThat(method.errFirstLine()).contains("unknown method 'prophet'").contains("ets");
    Outcome folder = execute("benchmark", "--dataset", "m3", "--data-dir", dir.resolve("none").toString());
    assertThat(folder.exitCode()).isEqualTo(2);
    assertThat(folder.errFirstLine()).contains("M3data.csv").contains("--data-dir");
  }
}
