package io.demandcast.pipelines.report;

import io.demandcast.connectors.duckdb.DuckDbWarehouse.RunStatus;
import io.demandcast.connectors.schema.CanonicalTables;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Record;
import org.jooq.Result;

/**
 * What the planner report shows of one complete run beyond its {@link RunSummary}, read from the
 * warehouse.
 *
 * @param runId the run
 * @param startedAt when the run started, UTC
 * @param finishedAt when the run finished, UTC
 * @param recommendations every {@code inventory_recommendations} row of the run, all columns in
 *     table order plus {@code order_value}, largest order value first, then by SKU and location
 * @param topOrders the {@value #TOP_ORDERS} orders to place now of the largest value
 * @param charts the series to chart, largest forecast value first
 */
record ReportData(
    String runId,
    LocalDateTime startedAt,
    LocalDateTime finishedAt,
    Result<Record> recommendations,
    List<Order> topOrders,
    List<SeriesChart> charts) {

  /** How many orders to place now the report lists. */
  static final int TOP_ORDERS = 50;

  /** How many months of sales history a chart shows at most. */
  static final int HISTORY_MONTHS = 36;

  /** One order to place now; quantities in units, value in currency. */
  record Order(
      String sku,
      String location,
      double onHand,
      double quarantined,
      double onOrder,
      double safetyStock,
      double reorderPoint,
      double orderUpTo,
      double quantity,
      double value,
      String reason) {}

  /**
   * One series to chart.
   *
   * @param forecastValue sum of the forecast means over the horizon times the unit cost, currency
   * @param reorderPoint units
   * @param history monthly sales, oldest first, at most {@value #HISTORY_MONTHS} months
   * @param forecast the forecast per horizon, nearest first
   */
  record SeriesChart(
      String sku,
      String location,
      double forecastValue,
      double reorderPoint,
      List<MonthlySales> history,
      List<ForecastBand> forecast) {}

  /** Units sold in the month starting on {@code month}. */
  record MonthlySales(LocalDate month, double units) {}

  /** The forecast quantiles of the period starting on {@code periodStart}, units per period. */
  record ForecastBand(LocalDate periodStart, double p10, double p50, double p90) {}

  /**
   * Reads the report of {@code runId}; call inside one transaction so every part comes from the
   * same snapshot.
   *
   * @param topN how many series to chart
   * @throws IllegalArgumentException naming the run when {@code model_runs} has no complete run
   *     {@code runId}
   */
  static ReportData read(DSLContext dsl, String runId, int topN) {
    Record run = completeRun(dsl, runId);
    Result<Record> recommendations = recommendations(dsl, runId);
    List<Order> topOrders =
        recommendations.stream()
            .filter(r -> r.get("recommended_order_qty", Double.class) > 0.0)
            .limit(TOP_ORDERS)
            .map(ReportData::order)
            .toList();
    return new ReportData(
        runId,
        run.get("started_at", LocalDateTime.class),
        run.get("finished_at", LocalDateTime.class),
        recommendations,
        topOrders,
        topN == 0 ? List.of() : charts(dsl, runId, topN));
  }

  private static Record completeRun(DSLContext dsl, String runId) {
    Result<Record> runs =
        dsl.resultQuery(
                "select status, started_at, finished_at from model_runs where run_id = ?", runId)
            .fetch();
    return runs.stream()
        .filter(r -> RunStatus.COMPLETE.sql().equals(r.get("status", String.class)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no complete run '"
                        + runId
                        + "' in model_runs"
                        + (runs.isEmpty() ? "" : "; its status is " + runs.getValues("status"))));
  }

  private static Result<Record> recommendations(DSLContext dsl, String runId) {
    String columns = String.join(", ", CanonicalTables.INVENTORY_RECOMMENDATIONS.columnNames());
    return dsl.resultQuery(
            "select "
                + columns
                + ", recommended_order_qty * unit_cost as order_value"
                + " from inventory_recommendations where run_id = ?"
                + " order by order_value desc, sku, location",
            runId)
        .fetch();
  }

  private static Order order(Record r) {
    return new Order(
        r.get("sku", String.class),
        r.get("location", String.class),
        r.get("on_hand", Double.class),
        r.get("quarantined", Double.class),
        r.get("on_order", Double.class),
        r.get("safety_stock", Double.class),
        r.get("reorder_point", Double.class),
        r.get("order_up_to", Double.class),
        r.get("recommended_order_qty", Double.class),
        r.get("order_value", Double.class),
        r.get("reason", String.class));
  }

  private static List<SeriesChart> charts(DSLContext dsl, String runId, int topN) {
    List<SeriesChart> charts = new ArrayList<>();
    for (Record r :
        dsl.resultQuery(
                "select f.sku, f.location, sum(f.mean) * r.unit_cost as forecast_value,"
                    + " r.reorder_point"
                    + " from demand_forecasts f join inventory_recommendations r"
                    + " on r.run_id = f.run_id and r.sku = f.sku and r.location = f.location"
                    + " where f.run_id = ?"
                    + " group by f.sku, f.location, r.unit_cost, r.reorder_point"
                    + " order by forecast_value desc, f.sku, f.location limit ?",
                runId,
                topN)
            .fetch()) {
      String sku = r.get(0, String.class);
      String location = r.get(1, String.class);
      charts.add(
          new SeriesChart(
              sku,
              location,
              r.get(2, Double.class),
              r.get(3, Double.class),
              history(dsl, sku, location),
              forecast(dsl, runId, sku, location)));
    }
    return charts;
  }

  private static List<MonthlySales> history(DSLContext dsl, String sku, String location) {
    // the run read its sales from elsewhere (--source): the warehouse has no erp_sales to chart
    if (dsl.fetchCount(DSL.table(DSL.name("information_schema", "tables")),
        DSL.field(DSL.name("table_schema")).eq("main")
            .and(DSL.field(DSL.name("table_name")).eq("erp_sales"))) == 0) {
      return List.of();
    }
    return dsl.resultQuery(
            "select month, units from ("
                + " select cast(date_trunc('month', \"date\") as date) as month,"
                + " sum(quantity) as units"
                + " from erp_sales"
                + " where sku = ? and location = ? and quantity is not null"
                + " group by month order by month desc limit ?)"
                + " order by month",
            sku,
            location,
            HISTORY_MONTHS)
        .fetch(r -> new MonthlySales(r.get(0, LocalDate.class), r.get(1, Double.class)));
  }

  private static List<ForecastBand> forecast(
      DSLContext dsl, String runId, String sku, String location) {
    return dsl.resultQuery(
            "select period_start, p10, p50, p90 from demand_forecasts"
                + " where run_id = ? and sku = ? and location = ? order by period_start",
            runId,
            sku,
            location)
        .fetch(
            r ->
                new ForecastBand(
                    r.get(0, LocalDate.class),
                    r.get(1, Double.class),
                    r.get(2, Double.class),
                    r.get(3, Double.class)));
  }
}
