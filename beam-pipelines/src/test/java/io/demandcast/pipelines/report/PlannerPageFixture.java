package io.demandcast.pipelines.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A run whose planner page has something to sort, filter and search: eight recommendations at
 * three locations from four suppliers, in classes A, B and C, six of them orders to place now,
 * with items, monthly sales, forecasts and dated open purchase orders.
 *
 * <pre>
 * SKU       location supplier       ABC  on hand on order order now unit cost  value  reason
 * 90513081  PLANT14  Orgenics, Ltd  A    9       0        44        12.5       550    below order-up-to level at review
 * B-100     DC1      Acme Parts     A    20      30       120       2.5        300    below reorder point; rounded up to case pack of 12
 * C-200     DC2      Acme Parts     B    4       0        36        5          180    below reorder point; MOQ raised the order
 * D-300     DC1      Brunel Supply  C    3       0        9         3          27     below reorder point
 * F-500     DC1      Orgenics, Ltd  C    2       0        5         1.5        7.5    below reorder point; capped by shelf life
 * A&lt;&amp;&gt;"1    DC1      Zeta &amp; &lt;Co&gt;    C    1       0        2         1          2      below reorder point
 * E-400     DC2      Brunel Supply  B    80      0        0         4          0      above reorder point: no order
 * G-600     DC3      Acme Parts     A    0       0        0         9          0      no demand forecast: no order
 * </pre>
 *
 * <p>The forecast is flat per series (90513081: 1.5 a month; B-100: 30; others as below), the first
 * period June 2025. B-100's 30 units on order are two open purchase orders, 10 expected on day 20
 * and 20 on day 50.
 */
final class PlannerPageFixture {
  static final String RUN = "run-2025-06-ui";
  static final String ODD_SKU = "A<&>\"1";
  static final String ODD_SUPPLIER = "Zeta & <Co>";
  static final LocalDate ORIGIN = LocalDate.of(2025, 6, 1);

  /** One recommendation of the fixture. */
  record Rec(
      String sku,
      String location,
      String supplier,
      String abc,
      double onHand,
      double onOrder,
      double qty,
      double unitCost,
      double monthlyForecast,
      double leadTime,
      double review,
      double safetyStock,
      double reorderPoint,
      String reason) {}

  static final List<Rec> RECS =
      List.of(
          new Rec("90513081", "PLANT14", "Orgenics, Ltd", "A", 9, 0, 44, 12.5, 1.5, 103.19, 14,
              47.05, 53, "below order-up-to level at review: order 44 units"),
          new Rec("B-100", "DC1", "Acme Parts", "A", 20, 30, 120, 2.5, 30, 60, 0, 25, 85,
              "below reorder point: order 120 units; rounded up to case pack of 12"),
          new Rec("C-200", "DC2", "Acme Parts", "B", 4, 0, 36, 5, 6, 30, 0, 4, 10,
              "below reorder point: order 36 units; MOQ raised the order"),
          new Rec("D-300", "DC1", "Brunel Supply", "C", 3, 0, 9, 3, 4, 20, 0, 2, 5,
              "below reorder point: order 9 units"),
          new Rec("F-500", "DC1", "Orgenics, Ltd", "C", 2, 0, 5, 1.5, 3, 30, 0, 1, 4,
              "below reorder point: order 5 units; capped by shelf life of 30 days"),
          new Rec(ODD_SKU, "DC1", ODD_SUPPLIER, "C", 1, 0, 2, 1, 1, 30, 0, 0.5, 2,
              "below reorder point: order 2 units"),
          new Rec("E-400", "DC2", "Brunel Supply", "B", 80, 0, 0, 4, 10, 30, 0, 5, 15,
              "above reorder point: no order"),
          new Rec("G-600", "DC3", "Acme Parts", "A", 0, 0, 0, 9, 0, 30, 0, 0, 0,
              "no demand forecast: no order"));

  private PlannerPageFixture() {}

  /** Writes the run, its items, sales, forecasts, recommendations and open purchase orders. */
  static void seed(DSLContext dsl) {
    dsl.execute(
        "insert into model_runs (run_id, started_at, finished_at, status, options)"
            + " values (?, ?, ?, 'complete', '{\"period\":\"MONTH\"}')",
        RUN,
        LocalDateTime.of(2025, 6, 1, 2, 0),
        LocalDateTime.of(2025, 6, 1, 2, 3));
    List<Object[]> items = new ArrayList<>();
    List<Object[]> sales = new ArrayList<>();
    List<Object[]> forecasts = new ArrayList<>();
    List<Object[]> recs = new ArrayList<>();
    for (Rec r : RECS) {
      items.add(new Object[] {r.sku(), "part " + r.sku(), r.unitCost(), r.supplier(), "Air"});
      for (int m = 24; m >= 1; m--) {
        sales.add(
            new Object[] {r.sku(), r.location(), ORIGIN.minusMonths(m).withDayOfMonth(10),
              (double) ((m * 7 + r.sku().length()) % 5) * r.monthlyForecast() / 2});
      }
      for (int h = 1; h <= 12; h++) {
        double mean = r.monthlyForecast();
        forecasts.add(
            new Object[] {RUN, r.sku(), r.location(), ORIGIN.plusMonths(h - 1), h, mean,
              mean * 0.5, mean, mean * 1.8, "combination"});
      }
      double position = r.onHand() + r.onOrder();
      recs.add(
          new Object[] {RUN, r.sku(), r.location(), r.onHand(), 0.0, r.onOrder(), position,
            r.leadTime(), r.leadTime() / 4, "supplier " + r.supplier() + ", mode Air: 12 shipments",
            0.95, "fill_rate", r.review() > 0 ? "R_S" : "s_S", r.review(), r.abc(), "Y",
            "normal", r.safetyStock(), r.reorderPoint(), r.reorderPoint() + 10, 10.0, 12.0,
            r.qty(), r.unitCost(), 0.951, 0.9, 10.0, null, "combination", r.reason()});
    }
    insert(dsl, "erp_items (sku, description, unit_cost, supplier, ship_mode)", items);
    insert(dsl, "erp_sales (sku, location, \"date\", quantity)", sales);
    insert(
        dsl,
        "demand_forecasts (run_id, sku, location, period_start, horizon, mean, p10, p50, p90,"
            + " model)",
        forecasts);
    insert(
        dsl,
        "inventory_recommendations (run_id, sku, location, on_hand, quarantined, on_order,"
            + " inventory_position, lead_time_mean_days, lead_time_sd_days, lead_time_basis,"
            + " service_level, service_measure, policy, review_period_days, abc_class, xyz_class,"
            + " distribution, safety_stock, reorder_point, order_up_to, order_quantity, eoq,"
            + " recommended_order_qty, unit_cost, expected_fill_rate, expected_cycle_service,"
            + " expected_holding_cost, days_of_cover, model, reason)",
        recs);
    insert(
        dsl,
        "erp_purchase_orders (po_id, sku, location, quantity, order_date, expected_date, status)",
        List.of(
            new Object[] {"PO-1", "B-100", "DC1", 10.0, ORIGIN.minusDays(40), ORIGIN.plusDays(20),
              "open"},
            new Object[] {"PO-2", "B-100", "DC1", 20.0, ORIGIN.minusDays(10), ORIGIN.plusDays(50),
              "Open"},
            new Object[] {"PO-3", "B-100", "DC1", 99.0, ORIGIN.minusDays(90), ORIGIN.minusDays(5),
              "received"}));
  }

  /**
   * Fills the warehouse's {@code forecast_explanations} table (the page shows whatever columns it
   * has): for 90513081 a level and a seasonal component of ETS per horizon.
   */
  static void seedForecastExplanations(DSLContext dsl) {
    List<Object[]> rows = new ArrayList<>();
    for (int h = 1; h <= 3; h++) {
      LocalDate period = ORIGIN.withDayOfMonth(1).plusMonths(h);
      rows.add(new Object[] {RUN, "90513081", "PLANT14", period, h, "ets", "level", 1.2, 1.0});
      rows.add(new Object[] {RUN, "90513081", "PLANT14", period, h, "ets", "season", 0.3, 1.0});
    }
    insert(dsl, "forecast_explanations", rows);
  }

  /** Drops {@code forecast_explanations}, as in a warehouse of a version before it. */
  static void dropForecastExplanations(DSLContext dsl) {
    dsl.execute("drop view if exists latest_explanations");
    dsl.execute("drop table if exists forecast_explanations");
  }

  private static void insert(DSLContext dsl, String table, List<Object[]> rows) {
    String row = "(" + String.join(", ", Collections.nCopies(rows.get(0).length, "?")) + ")";
    dsl.execute(
        "insert into " + table + " values " + String.join(", ", Collections.nCopies(rows.size(), row)),
        rows.stream().flatMap(Arrays::stream).toArray());
  }
}
