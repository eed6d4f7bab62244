package io.demandcast.pipelines.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandcast.connectors.duckdb.DuckDbWarehouse.RunStatus;
import io.demandcast.connectors.schema.CanonicalTables;
import io.demandcast.pipelines.model.PeriodType;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
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
 * @param topOrders the {@value #TOP_ORDERS} orders to place now of the largest value (the
 *     workbook's "Top orders"; the page lists every order, {@link PlannerPage})
 */
record ReportData(
    String runId,
    LocalDateTime startedAt,
    LocalDateTime finishedAt,
    PeriodType period,
    Result<Record> recommendations,
    List<Order> topOrders) {

  /** How many orders to place now the report lists. */
  static final int TOP_ORDERS = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

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
   * Reads the report of {@code runId}; call inside one transaction so every part comes from the
   * same snapshot.
   *
   * @throws IllegalArgumentException naming the run when {@code model_runs} has no complete run
   *     {@code runId}
   */
  static ReportData read(DSLContext dsl, String runId) {
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
        topOrders);
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
}
