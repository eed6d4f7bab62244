package io.demandcast.pipelines.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.duckdb.DuckDbWarehouse.RunStatus;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * @param period the run's demand calendar ({@code period} of {@code model_runs.options}; {@link
 *     PeriodType#MONTH} when the run did not record one)
 * @param recommendations every {@code inventory_recommendations} row of the run, all columns in
 *     table order plus {@code order_value}, largest order value first, then by SKU and location
 * @param topOrders the {@value #TOP_ORDERS} orders to place now of the largest value
 * @param charts the series to chart, largest forecast value first
 */
record ReportData(
    String runId,
    LocalDateTime startedAt,
    LocalDateTime finishedAt,
    PeriodType period,
    Result<Record> recommendations,
    List<Order> topOrders,
    List<SeriesChart> charts) {

  /** How many orders to place now the report lists. */
  static final int TOP_ORDERS = 50;

  /** How many months of sales history a chart of a monthly or weekly run shows at most. */
  static final int HISTORY_MONTHS = 36;

  /** How many days of sales history a chart of a daily run shows at most (26 weeks). */
  static final int HISTORY_DAYS = 182;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How a chart buckets the sales history: by day for a daily run, else by month (as the charts
   * of monthly and weekly runs always have).
   *
   * @param unit the DuckDB {@code date_trunc} unit
   * @param limit the most buckets shown, the latest ones
   * @param adjective "daily" or "monthly", for the chart's labels
   */
  record HistoryBuckets(String unit, int limit, String adjective) {

    /** The buckets of a run's calendar. */
    static HistoryBuckets of(PeriodType period) {
      return period == PeriodType.DAY
          ? new HistoryBuckets("day", HISTORY_DAYS, "daily")
          : new HistoryBuckets("month", HISTORY_MONTHS, "monthly");
    }
  }

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
   * @param history sales per bucket of {@link HistoryBuckets#of} the run's calendar, oldest
   *     first: at most {@value #HISTORY_MONTHS} months with sales, or for a daily run the last
   *     {@value #HISTORY_DAYS} days up to the latest sale, days without a sale as 0
   * @param forecast the forecast per horizon, nearest first
   */
  record SeriesChart(
      String sku,
      String location,
      double forecastValue,
      double reorderPoint,
      List<PeriodSales> history,
      List<ForecastBand> forecast) {}

  /** Units sold in the history bucket (month or day) starting on {@code start}. */
  record PeriodSales(LocalDate start, double units) {}

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
    PeriodType period = period(run.get("options", String.class));
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
        period,
        recommendations,
        topOrders,
        topN == 0 ? List.of() : charts(dsl, runId, topN, HistoryBuckets.of(period)));
  }

  /**
   * The calendar a run recorded in its options; {@link PeriodType#MONTH} when it recorded none
   * (or options that are not JSON).
   */
  static PeriodType period(String optionsJson) {
    if (optionsJson == null) {
      return PeriodType.MONTH;
    }
    try {
      String name = JSON.readTree(optionsJson).path("period").asText("");
      return name.isEmpty() ? PeriodType.MONTH : PeriodType.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return PeriodType.MONTH;
    }
  }

  private static Record completeRun(DSLContext dsl, String runId) {
    Result<Record> runs =
        dsl.resultQuery(
                "select status, started_at, finished_at, options from model_runs where run_id = ?",
                runId)
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

  private static List<SeriesChart> charts(
      DSLContext dsl, String runId, int topN, HistoryBuckets buckets) {
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
              history(dsl, sku, location, buckets),
              forecast(dsl, runId, sku, location)));
    }
    return charts;
  }

  private static List<PeriodSales> history(
      DSLContext dsl, String sku, String location, HistoryBuckets buckets) {
    // the run read its sales from elsewhere (--source): the warehouse has no erp_sales to chart
    if (dsl.fetchCount(DSL.table(DSL.name("information_schema", "tables")),
        DSL.field(DSL.name("table_schema")).eq("main")
            .and(DSL.field(DSL.name("table_name")).eq("erp_sales"))) == 0) {
      return List.of();
    }
    List<PeriodSales> sales = dsl.resultQuery(
            "select bucket, units from ("
                + " select cast(date_trunc('" + buckets.unit() + "', \"date\") as date) as bucket,"
                + " sum(quantity) as units"
                + " from erp_sales"
                + " where sku = ? and location = ? and quantity is not null"
                + " group by bucket order by bucket desc limit ?)"
                + " order by bucket",
            sku,
            location,
            buckets.limit())
        .fetch(r -> new PeriodSales(r.get(0, LocalDate.class), r.get(1, Double.class)));
    return buckets.unit().equals("day") ? lastDays(sales, buckets.limit()) : sales;
  }

  /**
   * The last {@code days} calendar days up to the latest sale, a day without a sale as 0 (a daily
   * history has many, and a line joining only the days with sales would hide them).
   */
  static List<PeriodSales> lastDays(List<PeriodSales> sales, int days) {
    if (sales.isEmpty()) {
      return sales;
    }
    Map<LocalDate, Double> byDay = new HashMap<>();
    sales.forEach(s -> byDay.put(s.start(), s.units()));
    LocalDate last = sales.get(sales.size() - 1).start();
    LocalDate first = last.minusDays(days - 1L);
    if (first.isBefore(sales.get(0).start())) {
      first = sales.get(0).start();
    }
    List<PeriodSales> filled = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      filled.add(new PeriodSales(d, byDay.getOrDefault(d, 0.0)));
    }
    return filled;
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
