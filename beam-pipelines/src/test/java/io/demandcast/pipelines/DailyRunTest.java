package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.pipelines.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on daily data, through the CLI as a planner runs it: the committed synthetic
 * fixture ({@code src/test/resources/io/demandcast/pipelines/daily/}: six SKUs, two years of daily
 * sales to Sunday 2025-12-28, stock, open orders, a lane of 8 to 12 days) imported into a DuckDB
 * warehouse with two hostile sales rows added, then {@code run --period DAY} with no horizon. One
 * run; the tests read what it wrote.
 */
class DailyRunTest {
  private static final String RUN = "daily";
  private static final LocalDate AS_OF = LocalDate.of(2025, 12, 28);
  private static final List<String> TABLES = List.of("erp_sales", "erp_items", "erp_inventory",
      "erp_purchase_orders", "logistics_shipments");

  @TempDir static Path dir;
  private static Path warehouse;
  private static CliRun.Outcome run;

  @BeforeAll
  static void runTheJob() throws Exception {
    warehouse = dir.resolve("daily.duckdb");
    for (String table : TABLES) {
      CliRun.Outcome loaded = CliRun.execute("import", "--warehouse", warehouse.toString(),
          "--table", table, "--file", fixture(table + ".csv").toString());
      assertThat(loaded.exitCode()).as(loaded.out() + loaded.err()).isZero();
    }
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      DSLContext dsl = DuckDbWarehouse.dsl(c);
      // a sale after the as-of date, and a sale loaded twice
      dsl.execute("insert into erp_sales (sku, location, date, quantity) values"
          + " ('SYN0000001', 'PLANT01', date '2025-12-30', 4)");
      dsl.execute("insert into erp_sales (sku, location, date, quantity)"
          + " select sku, location, date, quantity from erp_sales"
          + " where sku = 'SYN0000004' and date = date '2025-06-02'");
    }
    DuckDbConnections.closeAll();
    run = CliRun.execute("run", "--warehouse", warehouse.toString(), "--period", "DAY",
        "--as-of", AS_OF.toString(), "--run-id", RUN,
        "--reports", dir.resolve("reports").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @AfterEach
  void close() {
    DuckDbConnections.closeAll();
  }

  private static Path fixture(String file) throws URISyntaxException {
    return Path.of(DailyRunTest.class.getResource("daily/" + file).toURI());
  }

  private static <T> T query(java.util.function.Function<DSLContext, T> read) throws Exception {
    try (Connection c = DuckDbWarehouse.attach(warehouse).connect()) {
      return read.apply(DuckDbWarehouse.dsl(c));
    }
  }

  @Test
  void givenDailyRun_whenPublished_thenItIsTheLatestCompleteRunWithTheDailyDefaults()
      throws Exception {
    Record runRow = query(dsl -> dsl.fetchOne("select status,"
        + " json_extract_string(options, '$.period') as period,"
        + " cast(json_extract(options, '$.horizon') as int) as horizon,"
        + " cast(json_extract(options, '$.backtest_step') as int) as step,"
        + " cast(json_extract(options, '$.inventory.simulation_periods') as int) as held"
        + " from model_runs where run_id = ?", RUN));
    assertThat(runRow.get("status", String.class)).isEqualTo("complete");
    assertThat(runRow.get("period", String.class)).isEqualTo("DAY");
    assertThat(runRow.get("horizon", Integer.class)).isEqualTo(28);
    assertThat(runRow.get("step", Integer.class)).isEqualTo(7);
    assertThat(runRow.get("held", Integer.class)).isEqualTo(28);
    String latest = query(dsl -> (String) dsl.fetchValue("select run_id from latest_run"));
    assertThat(latest).isEqualTo(RUN);
    assertThat(run.out()).contains("series forecast    6 of 6")
        .contains("forecast origin: the period starting 2025-12-28");
  }

  @Test
  void givenDailyRun_whenForecastsRead_then28ConsecutiveDaysFromTheDayAfterTheOrigin()
      throws Exception {
    Map<String, List<LocalDate>> days = new TreeMap<>();
    Map<String, List<Integer>> horizons = new TreeMap<>();
    for (Record r : query(dsl -> dsl.fetch("select sku || '@' || location as series,"
        + " period_start, horizon from latest_forecasts order by series, horizon"))) {
      String series = r.get("series", String.class);
      days.computeIfAbsent(series, k -> new ArrayList<>())
          .add(r.get("period_start", LocalDate.class));
      horizons.computeIfAbsent(series, k -> new ArrayList<>()).add(r.get("horizon", Integer.class));
    }
    assertThat(days).hasSize(6);
    days.forEach((series, starts) -> {
      assertThat(starts).as(series).hasSize(28);
      for (int h = 1; h <= 28; h++) {
        assertThat(starts.get(h - 1)).as(series + " h=" + h).isEqualTo(AS_OF.plusDays(h));
        assertThat(horizons.get(series).get(h - 1)).as(series).isEqualTo(h);
      }
    });
  }

  @Test
  void givenDailyRun_whenRecommendationsRead_thenReorderPointCoversTheDailyDemandOverTheLeadTime()
      throws Exception {
    List<Record> recommendations = query(dsl -> dsl.fetch("select r.sku, r.location,"
        + " r.lead_time_mean_days, r.review_period_days, r.reorder_point, r.safety_stock,"
        + " r.days_of_cover, r.on_hand, r.quarantined,"
        + " (select sum(f.mean) from demand_forecasts f where f.run_id = r.run_id"
        + "  and f.sku = r.sku and f.location = r.location"
        + "  and f.horizon <= r.lead_time_mean_days + r.review_period_days) as protected,"
        + " (select avg(f.mean) from demand_forecasts f where f.run_id = r.run_id"
        + "  and f.sku = r.sku and f.location = r.location) as per_day"
        + " from latest_recommendations r order by r.sku"));
    assertThat(recommendations).hasSize(6);
    for (Record r : recommendations) {
      String sku = r.get("sku", String.class);
      // the lane's 12 shipments took 8 to 12 days, 10 on average: 10 daily periods
      assertThat(r.get("lead_time_mean_days", Double.class)).as(sku).isEqualTo(10.0);
      double protectionDays = 10 + r.get("review_period_days", Double.class);
      // reorder point less safety stock is the mean demand over the protection interval: the
      // sum of the first 10 (or 10 + R) daily forecasts, not 10 months' or weeks' worth
      double protectedDemand = r.get("protected", Double.class);
      assertThat(r.get("reorder_point", Double.class) - r.get("safety_stock", Double.class))
          .as(sku).isCloseTo(protectedDemand, within(1e-6 * Math.max(1, protectedDemand)));
      double perDay = r.get("per_day", Double.class);
      assertThat(protectedDemand).as(sku)
          .isCloseTo(protectionDays * perDay, within(0.5 * protectionDays * perDay));
      // days of cover counts days at the daily rate: the stock on hand over demand a day
      double available = r.get("on_hand", Double.class) - r.get("quarantined", Double.class);
      Double cover = r.get("days_of_cover", Double.class);
      assertThat(cover).as(sku).isNotNull();
      assertThat(cover * perDay).as(sku).isCloseTo(available, within(0.25 * available + 1));
    }
  }

  @Test
  void givenDailyRun_whenSimulated_thenTheLast28DaysReplayedAfterTheirHistory() throws Exception {
    List<Record> rows = query(dsl -> dsl.fetch("select sku, model, periods, history_periods"
        + " from latest_policy_simulation order by sku, model"));
    assertThat(rows).hasSize(12);
    for (Record r : rows) {
      assertThat(r.get("periods", Integer.class)).isEqualTo(28);
      // two years of days less the 28 held out, less the days before a SKU's first sale
      assertThat(r.get("history_periods", Integer.class)).isBetween(600, 728 - 28);
    }
  }

  @Test
  void givenDailyRunWithTwoHostileSales_whenAccounted_thenEverySalesRowIsUsedOrRejected()
      throws Exception {
    long read = query(dsl -> ((Number) dsl.fetchValue("select count(*) from erp_sales")))
        .longValue();
    assertThat(read).isEqualTo(Files.readAllLines(fixture("erp_sales.csv")).size() - 1 + 2);
    List<String> reasons = query(dsl -> dsl.fetch("select reason from latest_rejected_records"
        + " where source = 'erp_sales' order by reason").getValues(0, String.class));
    assertThat(reasons).hasSize(2);
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("2025-12-30"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("identical to another erp_sales"));
    assertThat(run.out()).containsPattern(
        "erp_sales +" + String.format("%,d", read) + " = +" + String.format("%,d", read - 2)
            + " \\+ 2\n");
  }

  @Test
  void givenDailyRun_whenReportOpened_thenItSaysDailyAndPerDay() throws Exception {
    String html = Files.readString(dir.resolve("reports").resolve(RUN).resolve("index.html"));
    assertThat(html).contains("daily (forecasts in units per day)")
        .contains("Daily sales history")
        .doesNotContain("Monthly sales history");
  }
}
