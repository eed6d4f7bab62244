package io.demandcast.pipelines.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;

/** The warehouse rows the report tests read: runs, sales, forecasts, accuracy, recommendations. */
final class ReportFixture {
  static final String RUN = "run-2025-06";
  static final String OLDER_RUN = "run-2025-05";
  static final String RUNNING_RUN = "run-2025-07";
  static final String ODD_SKU = "A<&>\"1";

  private ReportFixture() {}

  /**
   * Run {@value #RUN}: three forecast series (forecast value B2 3000 > A 1200 > C3 300), one
   * skipped series D4, four recommendations of which A and B2 order now, three rejected records. An
   * older complete run and a running run hold rows that must not show up.
   */
  static void seed(DSLContext dsl) {
    dsl.execute(
        "insert into model_runs (run_id, started_at, finished_at, status) values"
            + " (?, ?, ?, 'complete'), (?, ?, ?, 'complete'), (?, ?, null, 'running')",
        RUN,
        LocalDateTime.of(2025, 6, 1, 2, 0),
        LocalDateTime.of(2025, 6, 1, 2, 5, 30),
        OLDER_RUN,
        LocalDateTime.of(2025, 5, 1, 2, 0),
        LocalDateTime.of(2025, 5, 1, 2, 4),
        RUNNING_RUN,
        LocalDateTime.of(2025, 7, 1, 2, 0));

    List<Object[]> sales = new ArrayList<>();
    addMonthlySales(sales, ODD_SKU, "DC1", LocalDate.of(2023, 6, 1), 24);
    addMonthlySales(sales, "B2", "DC1", LocalDate.of(2022, 2, 1), 40);
    addMonthlySales(sales, "C3", "DC2", LocalDate.of(2023, 6, 1), 24);
    insert(dsl, "erp_sales", sales);

    List<Object[]> forecasts = new ArrayList<>();
    for (int h = 1; h <= 6; h++) {
      LocalDate period = LocalDate.of(2025, 5, 1).plusMonths(h);
      forecasts.add(
          new Object[] {RUN, ODD_SKU, "DC1", period, h, 100.0, 80.0, 100.0, 130.0, "ridge_lags"});
      forecasts.add(
          new Object[] {RUN, "B2", "DC1", period, h, 10.0, 5.0, 10.0, 15.0, "seasonal_naive"});
      forecasts.add(
          new Object[] {RUN, "C3", "DC2", period, h, 50.0, 40.0, 50.0, 60.0, "croston_sba"});
      forecasts.add(
          new Object[] {OLDER_RUN, "Z9", "DC9", period, h, 1e6, 1e6, 1e6, 1e6, "ridge_lags"});
    }
    insert(dsl, "demand_forecasts", forecasts);

    insert(
        dsl,
        "forecast_accuracy",
        List.of(
            accuracy(RUN, ODD_SKU, "DC1", "ridge_lags", 0.5, true, null),
            accuracy(RUN, ODD_SKU, "DC1", "seasonal_naive", 1.0, false, null),
            accuracy(RUN, ODD_SKU, "DC1", "croston_sba", 1.4, false, null),
            accuracy(RUN, "B2", "DC1", "seasonal_naive", 0.8, true, null),
            accuracy(RUN, "B2", "DC1", "ridge_lags", 0.9, false, null),
            accuracy(RUN, "C3", "DC2", "croston_sba", 0.6, true, null),
            accuracy(RUN, "C3", "DC2", "seasonal_naive", null, false, "too few seasons"),
            accuracy(RUN, "D4", "DC1", "none", null, false, "skipped: too short"),
            accuracy(OLDER_RUN, "Z9", "DC9", "none", null, false, "skipped: too short")));

    insert(
        dsl,
        "inventory_recommendations",
        List.of(
            recommendation(
                RUN,
                ODD_SKU,
                "DC1",
                5.0,
                150.0,
                40.0,
                2.0,
                3.2,
                "position 4 below reorder point 150, order \"now\""),
            recommendation(RUN, "B2", "DC1", 20.0, 30.0, 3.0, 50.0, 12.0, "below reorder point"),
            recommendation(RUN, "C3", "DC2", 12345678.9, 100.0, 0.0, 1.0, 900.0, "enough stock"),
            recommendation(RUN, "D4", "DC1", 0.0, 0.0, 0.0, 7.25, null, "no forecast"),
            recommendation(OLDER_RUN, "Z9", "DC9", 0.0, 10.0, 1000.0, 1000.0, 1.0, "old run")));

    LocalDateTime ts = LocalDateTime.of(2025, 6, 1, 2, 1);
    insert(
        dsl,
        "rejected_records",
        List.of(
            new Object[] {RUN, "erp_sales", "{\"sku\":null}", "sku missing", ts, 1},
            new Object[] {RUN, "erp_sales", "{\"qty\":-1}", "negative quantity", ts, 1},
            new Object[] {RUN, "erp_inventory", "{}", "location missing", ts, 1},
            new Object[] {OLDER_RUN, "erp_sales", "{}", "old", ts, 1}));

    // the policy simulation of the run's forecast (combination) and of seasonal naive for A and
    // B2: combination's fill rate over all items is (100 x 0.90 + 50 x 0.96) / 150 = 0.92
    insert(
        dsl,
        "policy_simulation",
        List.of(
            simulation(RUN, "B2", "combination", true, "A", 100.0, 0.90, 0.80, 40.0, 120.0),
            simulation(RUN, ODD_SKU, "combination", true, "B", 50.0, 0.96, 1.00, 20.0, 60.0),
            simulation(RUN, "B2", "seasonal_naive", false, "A", 100.0, 0.70, 0.50, 30.0, 100.0),
            simulation(RUN, ODD_SKU, "seasonal_naive", false, "B", 50.0, 0.80, 0.50, 15.0, 50.0)));
  }

  /**
   * Adds a complete run {@code run} with {@code count} recommendations of SKUs {@code S0000},
   * {@code S0001}, ... at DC1: SKU i orders i units at unit cost 2.5, so order value 2.5 i (the
   * largest i first); its safety stock is i / 2 and its reorder point i; i = 0 orders nothing.
   */
  static void seedRecommendations(DSLContext dsl, String run, int count) {
    dsl.execute(
        "insert into model_runs (run_id, started_at, finished_at, status) values"
            + " (?, ?, ?, 'complete')",
        run,
        LocalDateTime.of(2025, 8, 1, 2, 0),
        LocalDateTime.of(2025, 8, 1, 2, 10));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object[] row =
          recommendation(
              run, String.format("S%04d", i), "DC1", 0.0, i, i, 2.5, null, "fixture " + i);
      row[11] = i / 2.0; // safety_stock
      rows.add(row);
    }
    if (!rows.isEmpty()) {
      insert(dsl, "inventory_recommendations", rows);
    }
  }

  /** A SKU that is a spreadsheet formula with a link: what formula injection puts in a cell. */
  static final String FORMULA_SKU = "=HYPERLINK(\"http://x\",\"y\")";

  /**
   * Adds a complete run {@code run} whose text a spreadsheet could take for formulas: SKU {@link
   * #FORMULA_SKU} at location {@code @DC1} with reason {@code +cmd}, on hand -3 (a negative
   * number, inventory position -4), ordering 5 units at 2.0; SKU {@code -S1} at a location starting
   * with a tab, reason starting with a carriage return, ordering 1 unit at 1.0; SKU {@code B2}, plain
   * text, ordering nothing; and one series skipped for {@code =1+1}.
   */
  static void seedFormulaText(DSLContext dsl, String run) {
    dsl.execute(
        "insert into model_runs (run_id, started_at, finished_at, status) values"
            + " (?, ?, ?, 'complete')",
        run,
        LocalDateTime.of(2025, 10, 1, 2, 0),
        LocalDateTime.of(2025, 10, 1, 2, 10));
    insert(
        dsl,
        "inventory_recommendations",
        List.of(
            recommendation(run, FORMULA_SKU, "@DC1", -3.0, 10.0, 5.0, 2.0, null, "+cmd"),
            recommendation(run, "-S1", "\tDC2", 0.0, 1.0, 1.0, 1.0, 2.5, "\rcmd|' /C calc'!A0"),
            recommendation(run, "B2", "DC1", 20.0, 5.0, 0.0, 1.0, 30.0, "enough stock")));
    insert(
        dsl,
        "forecast_accuracy",
        List.<Object[]>of(accuracy(run, "C3", "DC2", "none", null, false, "skipped: =1+1")));
  }

  /** Per month: quantity 10 + index on the 1st, 5 on the 15th, NULL on the 20th; sum 15 + index. */
  private static void addMonthlySales(
      List<Object[]> rows, String sku, String location, LocalDate first, int months) {
    for (int m = 0; m < months; m++) {
      LocalDate month = first.plusMonths(m);
      rows.add(new Object[] {sku, location, month, 10.0 + m, 3.5, false, "test"});
      rows.add(new Object[] {sku, location, month.withDayOfMonth(15), 5.0, 3.5, true, "test"});
      rows.add(new Object[] {sku, location, month.withDayOfMonth(20), null, 3.5, false, "test"});
    }
  }

  private static Object[] accuracy(
      String run,
      String sku,
      String location,
      String model,
      Double mase,
      boolean selected,
      String failure) {
    return new Object[] {
      run,
      sku,
      location,
      model,
      mase,
      mase,
      mase == null ? null : 20.0,
      0.1,
      0.8,
      mase == null ? 0 : 3,
      selected,
      failure,
      selected ? model + "(test)" : null,
      selected ? "{}" : null,
      selected ? 48 : null,
      selected ? "empirical" : null
    };
  }

  private static Object[] simulation(
      String run,
      String sku,
      String model,
      boolean selected,
      String abcClass,
      double demand,
      double fillRate,
      double cycleService,
      double averageInventory,
      double totalCost) {
    return new Object[] {
      run, sku, "DC1", model, selected, abcClass, "X", "R_S", "fill_rate", 0.95, 6, 48, demand,
      demand, cycleService, fillRate, 0.95, averageInventory, 1, 2, totalCost - 10.0, 10.0,
      totalCost, 30.0, 60.0
    };
  }

  private static Object[] recommendation(
      String run,
      String sku,
      String location,
      double onHand,
      double reorderPoint,
      double orderQty,
      double unitCost,
      Double daysOfCover,
      String reason) {
    return new Object[] {
      run,
      sku,
      location,
      onHand,
      1.0,
      0.0,
      onHand - 1.0,
      14.0,
      2.5,
      "supplier shipments",
      0.95,
      12.345,
      reorderPoint,
      reorderPoint + orderQty,
      25.0,
      orderQty,
      unitCost,
      0.98765,
      daysOfCover,
      "ridge_lags",
      reason
    };
  }

  static void insert(DSLContext dsl, String table, List<Object[]> rows) {
    String row = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
    // the recommendation fixture gives the required columns and a few optional ones, in this order
    String columns =
        table.equals("policy_simulation")
            ? " (run_id, sku, location, model, selected, abc_class, xyz_class, policy,"
                + " service_measure, service_target, periods, history_periods, demand,"
                + " forecast_demand, achieved_cycle_service, achieved_fill_rate,"
                + " expected_fill_rate, avg_inventory, stockout_periods, orders, holding_cost,"
                + " ordering_cost, total_cost, reorder_point, order_up_to)"
            : table.equals("inventory_recommendations")
            ? " (run_id, sku, location, on_hand, quarantined, on_order, inventory_position,"
                + " lead_time_mean_days, lead_time_sd_days, lead_time_basis, service_level,"
                + " safety_stock, reorder_point, order_up_to, eoq, recommended_order_qty, unit_cost,"
                + " expected_fill_rate, days_of_cover, model, reason)"
            : "";
    dsl.execute(
        "insert into "
            + table
            + columns
            + " values "
            + String.join(", ", Collections.nCopies(rows.size(), row)),
        rows.stream().flatMap(Arrays::stream).toArray());
  }
}
