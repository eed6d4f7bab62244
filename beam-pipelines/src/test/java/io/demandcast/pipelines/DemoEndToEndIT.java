package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.cli.DemandcastCli;
import io.demandcast.pipelines.model.JobSettings;
import io.demandcast.pipelines.report.PlannerReport;
import io.demandcast.pipelines.report.RunSummary;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo job on the shipped demo data into a temporary DuckDB warehouse, twice, and checks
 * the output tables against figures counted here from the raw demo files, independently of the
 * loader.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoEndToEndIT {
  @TempDir static Path dir;
  private static Path warehouseFile;
  private static DemandcastJob.Result first;
  private static DemandcastJob.Result second;
  private static Map<String, Long> latestAfterFirst;

  private static final List<String> LATEST_VIEWS = List.of("latest_forecasts",
      "latest_explanations", "latest_accuracy", "latest_recommendations",
      "latest_rejected_records", "latest_policy_simulation");

  /** Parts of carparts.csv without a blank cell, and the blank cells of the others. */
  private static final Set<String> completeParts = new HashSet<>();
  private static long blankCells;
  private static long partsWithBlanks;
  private static long intermittentParts;
  private static long scmsDateNotCaptured;
  private static long scmsDeliveredBeforeSent;
  /** Months in carparts.csv, and per complete part the units of its last 12 months. */
  private static int carpartsMonths;
  private static final Map<String, Double> lastYearDemand = new java.util.HashMap<>();

  @BeforeAll
  static void runDemoTwice() throws IOException {
    countRawFiles();
    warehouseFile = dir.resolve("demo.duckdb");
    first = DemandcastJob.run(request("it-run-1"));
    latestAfterFirst = latestCounts();
    second = DemandcastJob.run(request("it-run-2"));
  }

  @AfterAll
  static void close() {
    DuckDbConnections.closeAll();
  }

  private static DemandcastJob.Request request(String runId) {
    return new DemandcastJob.Request(warehouseFile, Map.of(),
        JobSettings.defaults(runId, RunRecord.now()), List.of(), true, null);
  }

  private static void countRawFiles() throws IOException {
    try (var in = DemandcastJob.class.getResourceAsStream("/demandcast/demo/carparts.csv")) {
      List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
      carpartsMonths = lines.get(0).split(",", -1).length - 1;
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", -1);
        long blanks = java.util.Arrays.stream(cells).skip(1).filter(String::isBlank).count();
        blankCells += blanks;
        if (blanks == 0) {
          completeParts.add(cells[0]);
          double[] history = java.util.Arrays.stream(cells).skip(1).mapToDouble(Double::parseDouble).toArray();
          lastYearDemand.put(cells[0],
              java.util.Arrays.stream(history, history.length - 12, history.length).sum());
          if (io.demandcast.forecasting.models.DemandClassification.isIntermittent(history)) {
            intermittentParts++;
          }
        } else {
          partsWithBlanks++;
        }
      }
    }
    DateTimeFormatter us = DateTimeFormatter.ofPattern("M/d/yy", Locale.ENGLISH);
    DateTimeFormatter dmy = DateTimeFormatter.ofPattern("d-MMM-yy", Locale.ENGLISH);
    try (var in = new GZIPInputStream(
        DemandcastJob.class.getResourceAsStream("/demandcast/demo/scms_delivery_history.csv.gz"))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new java.io.StringReader(text))) {
        String sent = r.get("PO Sent to Vendor Date");
        if (sent.equals("Date Not Captured")) {
          scmsDateNotCaptured++;
        } else if (sent.matches("\\d+/\\d+/\\d+")) {
          LocalDate s = LocalDate.parse(sent, us);
          LocalDate d = LocalDate.parse(r.get("Delivered to Client Date"), dmy);
          if (d.isBefore(s)) {
            scmsDeliveredBeforeSent++;
          }
        }
      }
    }
  }

  private static long count(String sql) {
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect()) {
      return ((Number) DuckDbWarehouse.dsl(c).fetchValue(sql)).longValue();
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static Map<String, Long> latestCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String view : LATEST_VIEWS) {
      counts.put(view, count("select count(*) from " + view));
    }
    return counts;
  }

  @Test
  @Order(1)
  void givenDemoRun_whenCounted_thenEveryOutputTableHasTheRowsTheDataImplies() {
    long series = completeParts.size();
    long horizon = JobSettings.defaults("x", RunRecord.now()).horizon();
    assertThat(series).isEqualTo(2674 - partsWithBlanks);
    String run = "where run_id = 'it-run-2'";
    assertThat(count("select count(*) from demand_forecasts " + run)).isEqualTo(series * horizon);
    // per forecast series: the 3 general candidates (ETS, Theta, ARIMA), Croston-SBA, TSB and the
    // moving average when the series is intermittent (ADI > 1.32; every complete carparts series
    // is), the seasonal naive baseline and the combination; one 'none' row per skipped series
    assertThat(intermittentParts).isPositive();
    assertThat(count("select count(*) from forecast_accuracy " + run))
        .isEqualTo(series * 5 + intermittentParts * 3 + partsWithBlanks);
    assertThat(count("select count(*) from forecast_accuracy " + run + " and selected")).isEqualTo(series);
    assertThat(count("select count(*) from inventory_recommendations " + run)).isEqualTo(series);
    assertThat(count("select count(*) from rejected_records " + run))
        .isEqualTo(blankCells + scmsDateNotCaptured + scmsDeliveredBeforeSent);
    assertThat(count("select count(*) from model_runs where status = 'complete'")).isEqualTo(2);
    assertThat(second.rowsWritten()).containsEntry("inventory_recommendations", series);
    // every complete series has all the carparts months, enough for the run's selection and the
    // seasonal naive baseline (one season) before the 12 held-out months: two simulations each
    JobSettings settings = JobSettings.defaults("x", RunRecord.now());
    int held = settings.inventory().simulationPeriods();
    int minHistory =
        io.demandcast.pipelines.transforms.ForecastSeries.selection(settings).minHistory();
    assertThat(carpartsMonths - held)
        .isGreaterThanOrEqualTo(minHistory)
        .isGreaterThanOrEqualTo(settings.period().seasonalPeriod());
    assertThat(count("select count(*) from policy_simulation " + run)).isEqualTo(2 * series);
    assertThat(second.rowsWritten()).containsEntry("policy_simulation", 2 * series);
  }

  @Test
  @Order(2)
  void givenDemoRun_whenSkusCompared_thenEverySkuWithFullHistoryHasForecastAndRecommendation() {
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      Set<String> forecast = new HashSet<>(dsl.fetch("select distinct sku from latest_forecasts").getValues(0, String.class));
      Set<String> recommended = new HashSet<>(dsl.fetch("select sku from latest_recommendations").getValues(0, String.class));
      assertThat(forecast).isEqualTo(completeParts);
      assertThat(recommended).isEqualTo(completeParts);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(3)
  void givenDemoRun_whenChecked_thenQuantilesOrderedAndNoRecommendationNegative() {
    assertThat(count("select count(*) from latest_forecasts where not (0 <= p10 and p10 <= p50 and p50 <= p90)"))
        .isZero();
    assertThat(count("select count(*) from latest_recommendations where least(reorder_point,"
        + " order_up_to, eoq, recommended_order_qty, expected_fill_rate, on_hand, on_order) < 0"))
        .isZero();
    // safety stock = reorder level - mean lead-time demand: never above the reorder level, and
    // negative only for a fill-rate target the lot size alone meets (the default measure)
    assertThat(count("select count(*) from latest_recommendations"
        + " where safety_stock > reorder_point"
        + " or (safety_stock < 0 and service_measure <> 'fill_rate')")).isZero();
    assertThat(count("select count(*) from latest_recommendations where recommended_order_qty > 0"))
        .isPositive();
  }

  @Test
  @Order(3)
  void givenDemoRun_whenEveryOrderRecomputedFromItsExplanation_thenNoneDiffers() throws Exception {
    List<Map<String, Object>> rows;
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect()) {
      rows = DuckDbWarehouse.dsl(c)
          .fetch("select * from inventory_recommendations where run_id = 'it-run-2'")
          .intoMaps();
    }
    assertThat(rows).hasSize((int) count("select count(*) from latest_recommendations"));
    assertThat(OrderRecomputation.differences(rows)).isEmpty();
    assertThat(rows).filteredOn(r -> ((Double) r.get("recommended_order_qty")) > 0)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("order_by_policy")).isNotEqualTo(0.0));
    assertThat(count("select count(*) from latest_order_explanations"))
        .isEqualTo(rows.size());
    assertThat(count("select count(*) from latest_order_explanations where lead_time_source is null"
        + " or service_level_source is null or order_after_shelf_life is null")).isZero();
  }

  @Test
  @Order(4)
  void givenDemoRun_whenBacktestCompared_thenChosenModelsBeatSeasonalNaive() {
    RunSummary summary = RunSummary.of(DuckDbWarehouse.attach(warehouseFile), "it-run-2");
    assertThat(summary.maseSeries()).isGreaterThan(completeParts.size() / 2);
    assertThat(summary.meanMaseSelected()).isLessThan(summary.meanMaseSeasonalNaive());
  }

  @Test
  @Order(5)
  void givenSecondDemoRun_whenLatestViewsQueried_thenCountsUnchangedAndNoDuplicates() {
    assertThat(latestCounts()).isEqualTo(latestAfterFirst);
    assertThat(count("select count(*) from (select sku, location, count(*) n from latest_recommendations "
        + "group by all having n > 1)")).isZero();
    assertThat(count("select count(*) from model_runs")).isEqualTo(2);
    assertThat(count("select count(*) from latest_run where run_id = 'it-run-2'")).isEqualTo(1);
    assertThat(first.runId()).isNotEqualTo(second.runId());
  }

  @Test
  @Order(6)
  void givenDemoRun_whenReportExported_thenCsvHasEveryRecommendationAndHtmlHasCharts() throws IOException {
    PlannerReport.Written report =
        PlannerReport.write(DuckDbWarehouse.attach(warehouseFile), "it-run-2", dir.resolve("reports"), 5);
    assertThat(Files.readAllLines(report.csv())).hasSize(completeParts.size() + 1);
    assertThat(report.charts()).isEqualTo(5);
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(report.xlsx()))) {
      assertThat(workbook.getSheet("Recommendations").getLastRowNum()).isEqualTo(completeParts.size());
      assertThat(workbook.getSheet("Top orders").getDrawingPatriarch().getCharts()).hasSize(2);
    }
    String html = Files.readString(report.html());
    assertThat(html).contains("it-run-2").contains("<div id=\"order-table\">")
        .contains("<div id=\"top-charts\">");
    // the policy simulation's target against achieved service, for both forecasts and every class
    assertThat(html)
        .contains("<h2>Service: target against achieved</h2>")
        .contains("<tr><td>seasonal_naive</td><td>all</td><td>" + completeParts.size() + "</td>")
        .contains("<tr><td>seasonal_naive</td><td>A</td>")
        .contains("<tr><td>seasonal_naive</td><td>C</td>")
        .contains("0.950 fill_rate");
  }

  @Test
  @Order(7)
  void givenDemoWarehouse_whenSqlCommandRun_thenFiveRowsPrinted() {
    // the tests before keep the file open read-write; sql opens it read-only, another access
    DuckDbConnections.closeAll();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DemandcastCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "sql", "--warehouse", warehouseFile.toString(), "select * from latest_recommendations limit 5");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(printed).contains("recommended_order_qty").contains("(5 rows)");
    // header, separator and five data rows between the borders
    assertThat(printed.lines().filter(l -> l.startsWith("|")).count()).isEqualTo(6);
  }

  @Test
  @Order(8)
  void givenDemoRun_whenSimulationsCompared_thenEverySeriesReplaysItsLastYearTwice() {
    // one row of the run's forecast and one of the seasonal naive baseline per series
    assertThat(count("select count(*) from (select sku, location, count(*) n,"
        + " count(*) filter (where selected) s,"
        + " count(*) filter (where not selected and model = 'seasonal_naive') b"
        + " from latest_policy_simulation group by all having n <> 2 or s <> 1 or b <> 1)"))
        .isZero();
    assertThat(count("select count(*) from latest_recommendations r where not exists (select 1"
        + " from latest_policy_simulation s where s.sku = r.sku and s.location = r.location)"))
        .isZero();
    assertThat(count("select count(*) from latest_policy_simulation where periods <> 12"
        + " or history_periods <> " + (carpartsMonths - 12))).isZero();
    // achieved service: a share, or NULL without demand (fill rate) or without a cycle
    assertThat(count("select count(*) from latest_policy_simulation where"
        + " (demand > 0) <> (achieved_fill_rate is not null)"
        + " or achieved_fill_rate not between 0 and 1"
        + " or achieved_cycle_service not between 0 and 1"
        + " or expected_fill_rate not between 0 and 1"
        + " or stockout_periods not between 0 and periods"
        + " or abs(total_cost - holding_cost - ordering_cost) > 1e-6 * (1 + total_cost)"))
        .isZero();
    // same policy, target and class as the series' recommendation
    assertThat(count("select count(*) from latest_policy_simulation s join latest_recommendations r"
        + " using (sku, location) where s.policy <> r.policy or s.service_target <> r.service_level"
        + " or s.service_measure <> r.service_measure or s.abc_class <> r.abc_class"
        + " or s.xyz_class <> r.xyz_class")).isZero();
  }

  @Test
  @Order(9)
  void givenDemoRun_whenSimulatedDemandCompared_thenItIsTheLastYearOfTheRawFile() {
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect()) {
      Map<String, Double> simulated = new java.util.HashMap<>();
      for (var r : DuckDbWarehouse.dsl(c).fetch(
          "select sku, demand from latest_policy_simulation where selected")) {
        simulated.put(r.get(0, String.class), r.get(1, Double.class));
      }
      assertThat(simulated).containsOnlyKeys(lastYearDemand.keySet());
      lastYearDemand.forEach((sku, units) -> assertThat(simulated.get(sku)).as(sku)
          .isCloseTo(units, org.assertj.core.data.Offset.offset(1e-6)));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(10)
  void givenDemoRun_whenPoliciesCounted_thenReviewedItemsGetRsAndTheOthersTheContinuousPolicy() {
    String continuous =
        JobSettings.defaults("x", RunRecord.now()).inventory().continuousPolicy().code();
    assertThat(count("select count(*) from latest_recommendations r join erp_items i using (sku)"
        + " where (i.review_period_days is not null) <> (r.policy = 'R_S')"
        + " or (r.policy = 'R_S' and r.review_period_days <> i.review_period_days)"
        + " or (r.policy <> 'R_S'"
        + " and (r.policy <> '" + continuous + "' or r.review_period_days <> 0))"))
        .isZero();
    assertThat(count("select count(*) from latest_recommendations where policy = 'R_S'"))
        .isPositive();
    assertThat(count("select count(*) from latest_policy_simulation where policy = 'R_S'"))
        .isPositive();
  }

  @Test
  @Order(11)
  void givenDemoRun_whenServiceByClassQueried_thenEveryClassHasBothModels() {
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect()) {
      var dsl = DuckDbWarehouse.dsl(c);
      Set<String> classes = new HashSet<>(
          dsl.fetch("select distinct abc_class from service_by_class").getValues(0, String.class));
      assertThat(classes).containsExactlyInAnyOrder("A", "B", "C");
      for (String abc : classes) {
        Set<String> models = new HashSet<>(dsl.fetch(
            "select distinct model from service_by_class where abc_class = ?", abc)
            .getValues(0, String.class));
        assertThat(models).as(abc).contains("seasonal_naive").hasSizeGreaterThanOrEqualTo(2);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(count("select sum(items) from service_by_class"))
        .isEqualTo(count("select count(*) from latest_policy_simulation"));
    assertThat(count("select count(*) from service_by_class where target not between 0 and 1"
        + " or achieved_fill_rate not between 0 and 1")).isZero();
  }

  @Test
  @Order(12)
  void givenSecondDemoRun_whenSimulationsQueried_thenOnlyTheLatestRunWithoutDuplicates() {
    assertThat(count("select count(*) from latest_policy_simulation where run_id <> 'it-run-2'"))
        .isZero();
    assertThat(count("select count(*) from (select sku, location, model, count(*) n"
        + " from latest_policy_simulation group by all having n > 1)")).isZero();
    // both runs' rows are kept in the table, the view shows one run's
    assertThat(count("select count(*) from policy_simulation"))
        .isEqualTo(2 * count("select count(*) from latest_policy_simulation"));
    // the simulation is seeded by SKU and location: the re-run replays identically
    assertThat(count("select count(*) from policy_simulation a join policy_simulation b"
        + " using (sku, location, model) where a.run_id = 'it-run-1' and b.run_id = 'it-run-2'"
        + " and (a.achieved_fill_rate is distinct from b.achieved_fill_rate"
        + " or a.total_cost <> b.total_cost or a.stockout_periods <> b.stockout_periods)"))
        .isZero();
  }

  @Test
  @Order(13)
  void givenSecondDemoRun_whenExplanationsQueried_thenTheyAddUpToEachForecastOfTheLatestRunOnce() {
    // every forecast of the latest run has components, and they add up to its mean
    assertThat(count("select count(*) from latest_forecasts f left join (select sku, location,"
        + " period_start, sum(value) s from latest_explanations group by all) e"
        + " using (sku, location, period_start) where e.s is null or abs(e.s - f.mean) > 1e-6"))
        .isZero();
    assertThat(count("select count(*) from latest_explanations where run_id <> 'it-run-2'"))
        .isZero();
    assertThat(count("select count(*) from (select sku, location, period_start, model, component,"
        + " count(*) n from latest_explanations group by all having n > 1)")).isZero();
    // the members' weights of a period add up to 1 (floor_at_zero has none)
    assertThat(count("select count(*) from (select sku, location, period_start, sum(weight) w"
        + " from (select distinct sku, location, period_start, model, weight"
        + " from latest_explanations where component <> 'floor_at_zero') group by all"
        + " having abs(w - 1) > 1e-9)")).isZero();
    assertThat(count("select count(*) from forecast_explanations"))
        .isEqualTo(2 * count("select count(*) from latest_explanations"));
    assertThat(second.rowsWritten())
        .containsEntry("forecast_explanations", count("select count(*) from latest_explanations"));
  }
}
