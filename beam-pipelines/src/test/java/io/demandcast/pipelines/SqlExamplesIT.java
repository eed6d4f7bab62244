package io.demandcast.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandcast.connectors.demo.DemoDataset;
import io.demandcast.connectors.duckdb.DuckDbConnections;
import io.demandcast.connectors.duckdb.DuckDbWarehouse;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.connectors.schema.TableSchema;
import io.demandcast.pipelines.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every analyst query of {@code sql/examples/} against a warehouse of two monthly runs on the
 * demo data and checks each one's result against its own expectation below (columns, keys without
 * NULL, shares between 0 and 1, the order its comment promises, totals that agree with the tables).
 *
 * <p>The warehouse: the demo input ({@link DemoDataset}) for every eighth part (335 of 2,674, to
 * keep the two runs short), loaded without its last month of sales (March 2002), run as {@code
 * 2002-02}; then March's sales added and run again as {@code 2002-03}, both with {@code demandcast
 * run}. So the first run forecast the month the second one has actuals for, and the accuracy of
 * the two runs differs by what one more month of history changed.
 */
class SqlExamplesIT {
  private static final Path EXAMPLES = Path.of("..", "sql", "examples");
  private static final LocalDate LAST_MONTH = LocalDate.of(2002, 3, 1);
  private static final String FIRST_RUN = "2002-02";
  private static final String SECOND_RUN = "2002-03";

  @TempDir static Path dir;
  private static Path warehouseFile;

  /** A query's result: column labels (lower case) and rows, label to value. */
  record Result(List<String> columns, List<Map<String, Object>> rows) {
    List<Double> doubles(String column) {
      return rows.stream().map(r -> r.get(column) == null ? null
          : ((Number) r.get(column)).doubleValue()).toList();
    }

    List<Object> values(String column) {
      return rows.stream().map(r -> r.get(column)).toList();
    }

    double sum(String column) {
      return doubles(column).stream().mapToDouble(Double::doubleValue).sum();
    }

    void hasNoNullIn(String... keys) {
      for (String key : keys) {
        assertThat(values(key)).as("NULL in " + key).doesNotContainNull();
      }
    }

    void isShare(String... columns) {
      for (String column : columns) {
        assertThat(doubles(column)).as(column).doesNotContainNull()
            .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
      }
    }

    void isSortedDescendingBy(String column) {
      assertThat(doubles(column)).as(column + " descending")
          .isSortedAccordingTo(Comparator.reverseOrder());
    }
  }

  @BeforeAll
  static void twoMonthlyRuns() throws IOException {
    warehouseFile = dir.resolve("examples.duckdb");
    DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile);
    DemoDataset.Result demo = DemoDataset.read();
    TableSchema items = CanonicalTables.ERP_ITEMS;
    List<String> skus = demo.tables().get(items).stream()
        .map(r -> (String) r[items.columnNames().indexOf("sku")]).sorted().toList();
    Set<String> kept = new TreeSet<>();
    for (int i = 0; i < skus.size(); i += 8) {
      kept.add(skus.get(i));
    }
    List<Object[]> allSales = List.of();
    for (var table : demo.tables().entrySet()) {
      TableSchema schema = table.getKey();
      List<Object[]> rows = table.getValue();
      if (Set.of(items, CanonicalTables.ERP_SALES, CanonicalTables.ERP_INVENTORY,
          CanonicalTables.ERP_PURCHASE_ORDERS).contains(schema)) {
        int sku = schema.columnNames().indexOf("sku");
        rows = rows.stream().filter(r -> kept.contains((String) r[sku])).toList();
      }
      if (schema.equals(CanonicalTables.ERP_SALES)) {
        allSales = rows;
        int date = schema.columnNames().indexOf("date");
        rows = rows.stream().filter(r -> ((LocalDate) r[date]).isBefore(LAST_MONTH)).toList();
        assertThat(rows).hasSizeLessThan(allSales.size());
      }
      warehouse.replaceSourceTable(schema, rows);
    }
    run(FIRST_RUN);
    warehouse.replaceSourceTable(CanonicalTables.ERP_SALES, allSales);
    run(SECOND_RUN);
  }

  private static void run(String runId) {
    CliRun.Outcome outcome = CliRun.execute("run", "--warehouse", warehouseFile.toString(),
        "--run-id", runId, "--reports", dir.resolve("reports").toString());
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
  }

  @AfterAll
  static void close() {
    DuckDbConnections.closeAll();
  }

  private static Result query(String sql) {
    try (Connection c = DuckDbWarehouse.attach(warehouseFile).connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.put(columns.get(i - 1), rs.getObject(i));
        }
        rows.add(row);
      }
      return new Result(columns, rows);
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  private static double number(String sql) {
    Object value = query(sql).rows().get(0).values().iterator().next();
    return ((Number) value).doubleValue();
  }

  /** The example files, by name. */
  private static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
    }
  }

  /** What each example must return; a file without an entry here fails the test. */
  private static final Map<String, Consumer<Result>> EXPECTATIONS = new LinkedHashMap<>();

  static {
    EXPECTATIONS.put("forecast_error_last_month.sql", r -> {
      assertThat(r.columns()).containsExactly("month", "forecast_run_id", "sku", "location",
          "model", "forecast", "actual", "error_units", "abs_error_value", "share_of_error",
          "cumulative_share");
      assertThat(r.rows()).hasSize(20);
      r.hasNoNullIn("sku", "location", "model", "forecast", "actual");
      assertThat(r.values("month")).allSatisfy(m -> assertThat(m.toString()).isEqualTo("2002-03-01"));
      // the run from before March's sales forecast March, not the run that has them
      assertThat(r.values("forecast_run_id")).containsOnly(FIRST_RUN);
      r.isSortedDescendingBy("abs_error_value");
      r.isShare("share_of_error", "cumulative_share");
      assertThat(r.doubles("cumulative_share")).isSorted();
      assertThat(r.doubles("cumulative_share").get(0))
          .isCloseTo(r.doubles("share_of_error").get(0), within(1e-12));
      for (Map<String, Object> row : r.rows()) {
        double forecast = ((Number) row.get("forecast")).doubleValue();
        double actual = ((Number) row.get("actual")).doubleValue();
        assertThat(((Number) row.get("error_units")).doubleValue())
            .isCloseTo(forecast - actual, within(0.011));
      }
      // a series with a sale of unknown quantity in March has no known error: not listed
      for (Map<String, Object> row : r.rows()) {
        assertThat(number("select count(*) from erp_sales where quantity is null"
            + " and date >= date '2002-03-01' and sku = '" + row.get("sku") + "'"))
            .as((String) row.get("sku")).isZero();
      }
      // the top SKU's figures, from the tables themselves
      Map<String, Object> top = r.rows().get(0);
      String where = " where sku = '" + top.get("sku") + "' and location = '" + top.get("location")
          + "'";
      double actual = number("select coalesce(sum(quantity), 0) from erp_sales" + where
          + " and date >= date '2002-03-01' and date < date '2002-04-01'");
      double forecast = number("select mean from demand_forecasts" + where
          + " and run_id = '" + FIRST_RUN + "' and horizon = 1 and period_start = date '2002-03-01'");
      double unitCost = number("select unit_cost from erp_items where sku = '" + top.get("sku") + "'");
      assertThat(((Number) top.get("actual")).doubleValue()).isEqualTo(actual);
      assertThat(((Number) top.get("abs_error_value")).doubleValue())
          .isCloseTo(Math.abs(forecast - actual) * unitCost, within(0.006));
    });
    EXPECTATIONS.put("service_level_by_abc_class.sql", r -> {
      assertThat(r.columns()).containsExactly("abc_class", "service_measure", "items", "target",
          "achieved_fill_rate", "achieved_cycle_service", "stockout_share", "gap");
      assertThat(r.values("abc_class")).containsExactly("A", "B", "C");
      r.hasNoNullIn("service_measure", "items", "target", "achieved_fill_rate");
      r.isShare("target", "achieved_fill_rate", "achieved_cycle_service", "stockout_share");
      assertThat(r.sum("items"))
          .isEqualTo(number("select count(*) from latest_policy_simulation where selected"));
      for (Map<String, Object> row : r.rows()) {
        String achieved = row.get("service_measure").equals("fill_rate")
            ? "achieved_fill_rate" : "achieved_cycle_service";
        assertThat(((Number) row.get("gap")).doubleValue()).isCloseTo(
            ((Number) row.get(achieved)).doubleValue() - ((Number) row.get("target")).doubleValue(),
            within(1e-12));
      }
    });
    EXPECTATIONS.put("reorder_now_by_supplier.sql", r -> {
      assertThat(r.columns()).containsExactly("supplier", "items", "units", "order_value",
          "share_of_value", "largest_order_value");
      r.hasNoNullIn("supplier", "items", "units", "order_value");
      assertThat(r.rows()).hasSizeGreaterThan(1);
      r.isSortedDescendingBy("order_value");
      r.isShare("share_of_value");
      assertThat(r.sum("share_of_value")).isCloseTo(1.0, within(1e-9));
      assertThat(r.sum("items")).isEqualTo(number("select count(*) from reorder_now"));
      // every order to place now is there, and only those
      assertThat(r.sum("order_value")).isCloseTo(number("select sum(recommended_order_qty *"
          + " unit_cost) from latest_recommendations where recommended_order_qty > 0"),
          within(0.01 * r.rows().size()));
      assertThat(r.doubles("units")).allSatisfy(u -> assertThat(u).isPositive());
    });
    EXPECTATIONS.put("model_mix_and_accuracy.sql", r -> {
      assertThat(r.columns()).containsExactly("model", "series", "mean_mase", "median_mase",
          "mean_rmsse", "mean_smape", "share_beating_seasonal_naive", "selected_alone",
          "in_combination", "share_of_forecasts");
      r.hasNoNullIn("model", "series", "mean_mase", "selected_alone", "in_combination");
      assertThat(r.values("model")).containsExactlyInAnyOrderElementsOf(query(
          "select distinct model from latest_accuracy where model <> 'none'").values("model"));
      r.isShare("share_beating_seasonal_naive", "share_of_forecasts");
      r.isSortedDescendingBy("share_of_forecasts");
      double forecastSeries = number("select count(*) from latest_accuracy where selected");
      assertThat(r.sum("selected_alone")).isEqualTo(forecastSeries);
      for (Map<String, Object> row : r.rows()) {
        assertThat(((Number) row.get("in_combination")).doubleValue())
            .isLessThanOrEqualTo(forecastSeries);
        if (row.get("model").equals("seasonal_naive")) { // never better than itself
          assertThat(((Number) row.get("share_beating_seasonal_naive")).doubleValue()).isZero();
        }
      }
      // the combination is made of other candidates: some of them are members
      assertThat(r.sum("in_combination")).isPositive();
    });
    EXPECTATIONS.put("rejected_records_by_source_and_reason.sql", r -> {
      assertThat(r.columns()).containsExactly("source", "reason_kind", "records",
          "share_of_rejected", "example_reason");
      r.hasNoNullIn("source", "reason_kind", "records", "example_reason");
      r.isSortedDescendingBy("records");
      r.isShare("share_of_rejected");
      assertThat(r.sum("share_of_rejected")).isCloseTo(1.0, within(1e-9));
      assertThat(r.sum("records")).isEqualTo(number("select rows_rejected from model_runs"
          + " where run_id = '" + SECOND_RUN + "'"));
      // each kind of reason once, its dates and numbers replaced
      assertThat(r.values("reason_kind")).doesNotHaveDuplicates()
          .allSatisfy(k -> assertThat((String) k).doesNotContainPattern("\\d"));
      assertThat(r.values("source")).contains("erp_sales", "logistics_shipments");
    });
    EXPECTATIONS.put("accuracy_drift_last_two_runs.sql", r -> {
      assertThat(r.columns()).containsExactly("model", "previous_run_id", "run_id", "series",
          "mean_mase_before", "mean_mase_now", "mean_mase_change", "share_worse", "share_better",
          "most_worsened_sku", "largest_mase_change");
      r.hasNoNullIn("model", "series", "mean_mase_before", "mean_mase_now", "mean_mase_change",
          "most_worsened_sku");
      assertThat(r.values("previous_run_id")).containsOnly(FIRST_RUN);
      assertThat(r.values("run_id")).containsOnly(SECOND_RUN);
      r.isSortedDescendingBy("mean_mase_change");
      r.isShare("share_worse", "share_better");
      for (Map<String, Object> row : r.rows()) {
        double before = ((Number) row.get("mean_mase_before")).doubleValue();
        double now = ((Number) row.get("mean_mase_now")).doubleValue();
        assertThat(((Number) row.get("mean_mase_change")).doubleValue())
            .isCloseTo(now - before, within(1e-9));
        assertThat(((Number) row.get("share_worse")).doubleValue()
            + ((Number) row.get("share_better")).doubleValue()).isLessThanOrEqualTo(1.0);
      }
      // one more month of history moved the accuracy: the drift is there to see
      assertThat(r.doubles("share_worse")).anySatisfy(s -> assertThat(s).isPositive());
      // the combination's change, from forecast_accuracy itself
      int combination = r.values("model").indexOf("combination");
      assertThat(r.doubles("mean_mase_change").get(combination)).isCloseTo(number(
          "select avg(b.mase - a.mase) from forecast_accuracy a join forecast_accuracy b"
              + " using (sku, location, model) where a.run_id = '" + FIRST_RUN + "'"
              + " and b.run_id = '" + SECOND_RUN + "' and model = 'combination'"), within(1e-9));
    });
    EXPECTATIONS.put("safety_stock_vs_average_inventory.sql", r -> {
      assertThat(r.columns()).containsExactly("abc_class", "items", "safety_stock_units",
          "safety_stock_value", "avg_inventory_units", "avg_inventory_value",
          "safety_share_of_inventory_value");
      assertThat(r.values("abc_class")).containsExactly("A", "B", "C");
      r.hasNoNullIn("items", "safety_stock_value", "avg_inventory_value",
          "safety_share_of_inventory_value");
      assertThat(r.sum("items")).isEqualTo(number("select count(*) from latest_recommendations"));
      for (Map<String, Object> row : r.rows()) {
        double inventory = ((Number) row.get("avg_inventory_value")).doubleValue();
        assertThat(inventory).isPositive();
        assertThat(((Number) row.get("safety_share_of_inventory_value")).doubleValue()).isCloseTo(
            ((Number) row.get("safety_stock_value")).doubleValue() / inventory, within(1e-6));
      }
    });
    EXPECTATIONS.put("slow_movers.sql", r -> {
      assertThat(r.columns()).containsExactly("sku", "location", "abc_class", "available_units",
          "days_of_cover", "stock_value", "expected_holding_cost_per_year",
          "recommended_order_qty");
      r.hasNoNullIn("sku", "location", "days_of_cover", "stock_value");
      assertThat(r.rows()).hasSize((int) number(
          "select count(*) from latest_recommendations where days_of_cover > 180"));
      assertThat(r.rows()).isNotEmpty();
      assertThat(r.doubles("days_of_cover")).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(180));
      assertThat(r.doubles("stock_value")).allSatisfy(v -> assertThat(v).isNotNegative());
      r.isSortedDescendingBy("stock_value");
    });
    EXPECTATIONS.put("supplier_lead_times.sql", r -> {
      assertThat(r.columns()).containsExactly("supplier", "ship_mode", "items",
          "lead_time_mean_days", "lead_time_sd_days", "lead_time_cv", "lead_time_basis",
          "safety_stock_value");
      r.hasNoNullIn("supplier", "ship_mode", "items", "lead_time_mean_days", "lead_time_sd_days",
          "lead_time_cv");
      assertThat(r.rows()).hasSizeGreaterThan(1);
      r.isSortedDescendingBy("lead_time_mean_days");
      assertThat(r.sum("items")).isEqualTo(number("select count(*) from latest_recommendations"));
      for (Map<String, Object> row : r.rows()) {
        double mean = ((Number) row.get("lead_time_mean_days")).doubleValue();
        double sd = ((Number) row.get("lead_time_sd_days")).doubleValue();
        assertThat(mean).isPositive();
        assertThat(sd).isNotNegative();
        assertThat(((Number) row.get("lead_time_cv")).doubleValue())
            .isCloseTo(sd / mean, within(1e-12));
      }
    });
    EXPECTATIONS.put("run_history.sql", r -> {
      assertThat(r.columns()).containsExactly("run_id", "status", "started_at", "finished_at",
          "minutes", "rows_read", "rows_rejected", "rejected_share", "orders", "order_value",
          "message");
      assertThat(r.values("run_id")).containsExactly(SECOND_RUN, FIRST_RUN);
      assertThat(r.values("status")).containsOnly("complete");
      r.hasNoNullIn("started_at", "finished_at", "minutes", "rows_read", "orders");
      r.isShare("rejected_share");
      assertThat(r.doubles("minutes")).allSatisfy(m -> assertThat(m).isNotNegative());
      assertThat(r.doubles("rows_read").get(0)).isGreaterThan(r.doubles("rows_read").get(1));
      assertThat(r.doubles("orders").get(0)).isEqualTo(number("select count(*) from reorder_now"));
      assertThat(r.doubles("order_value").get(0))
          .isCloseTo(number("select sum(order_value) from reorder_now"), within(0.006));
    });
  }

  @Test
  void givenExamplesFolder_whenListed_thenEveryFileHasAnExpectationAndAHeaderQuestion()
      throws IOException {
    List<String> names = exampleFiles().stream().map(f -> f.getFileName().toString()).toList();
    assertThat(names).as("each sql/examples file needs an expectation in " + getClass().getName())
        .containsExactlyInAnyOrderElementsOf(EXPECTATIONS.keySet());
    for (Path file : exampleFiles()) {
      String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
      assertThat(first).as(file + ": the first line asks the question")
          .startsWith("-- ").endsWith("?");
    }
  }

  /**
   * docs/analysts.md runs the examples with {@code ./demandcast sql < FILE}: each works in sql's default
   * mode (read-only, no file access), prints the rows the query gives, and leaves the file as it was.
   */
  @TestFactory
  Stream<DynamicTest> givenDemoWarehouse_whenEachExampleRunThroughSqlInItsDefaultMode_thenSameRowsAndFileUnchanged()
      throws IOException {
    return exampleFiles().stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          String sql = Files.readString(file, StandardCharsets.UTF_8);
          DuckDbConnections.closeAll(); // query() opens the file read-write; sql opens it read-only
          byte[] before = Files.readAllBytes(warehouseFile);

          CliRun.Outcome outcome = CliRun.executeWithInput(sql, "sql", "--warehouse",
              warehouseFile.toString(), "--format", "json");

          assertThat(outcome.exitCode()).as(outcome.err()).isZero();
          assertThat(Files.readAllBytes(warehouseFile)).as("the warehouse, byte for byte")
              .isEqualTo(before);
          com.fasterxml.jackson.databind.JsonNode rows =
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(outcome.out());
          assertThat(rows.isArray()).as(outcome.out()).isTrue();
          assertThat(rows.size()).as("rows of " + file.getFileName())
              .isEqualTo(query(sql).rows().size()).isPositive();
        }));
  }

  @TestFactory
  Stream<DynamicTest> givenDemoWarehouseOfTwoMonthlyRuns_whenEachExampleRun_thenItsExpectationHolds()
      throws IOException {
    return exampleFiles().stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> {
          String name = file.getFileName().toString();
          assertThat(EXPECTATIONS).as("expectation for " + name).containsKey(name);
          Result result = query(Files.readString(file, StandardCharsets.UTF_8));
          assertThat(result.rows()).as(name + " returns rows").isNotEmpty();
          EXPECTATIONS.get(name).accept(result);
        }));
  }
}
