package io.demandcast.connectors.schema;

import static io.demandcast.connectors.schema.Column.optional;
import static io.demandcast.connectors.schema.Column.required;
import static io.demandcast.connectors.schema.ColumnType.BOOLEAN;
import static io.demandcast.connectors.schema.ColumnType.DATE;
import static io.demandcast.connectors.schema.ColumnType.DOUBLE;
import static io.demandcast.connectors.schema.ColumnType.INT32;
import static io.demandcast.connectors.schema.ColumnType.INT64;
import static io.demandcast.connectors.schema.ColumnType.STRING;
import static io.demandcast.connectors.schema.ColumnType.TIMESTAMP;

import io.demandcast.connectors.schema.TableSchema.Role;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one definition of demandcast's canonical tables (see DESIGN.md, "Canonical tables"). The
 * DDL in {@code sql/duckdb/tables.sql}, {@code sql/hive/tables.sql} and {@code
 * sql/bigquery/tables.sql} is generated from these definitions (see {@link Dialect}) and tests check
 * that the committed files equal the generated ones.
 *
 * <p>Every source table ends with an optional {@code lineage} column: where the row came from (a
 * file and line, or a system's record id) and which of its fields are synthetic, if any.
 */
public final class CanonicalTables {
  private CanonicalTables() {}

  private static final Column LINEAGE =
      optional(
          "lineage",
          STRING,
          "where the row came from (file and line, or record id) and which fields are synthetic");

  private static final Column RUN_ID = required("run_id", STRING, "the run that wrote the row");

  /** ERP sales history: one row per SKU, location and day (or period start). */
  public static final TableSchema ERP_SALES =
      new TableSchema(
          "erp_sales",
          Role.SOURCE,
          "sku x location x date",
          List.of(
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "selling or stocking location"),
              required("date", DATE, "day of the sale, or first day of the period it sums"),
              optional("quantity", DOUBLE, "units sold; NULL means not recorded (missing)"),
              optional("unit_price", DOUBLE, "selling price, currency per unit"),
              optional("promo", BOOLEAN, "whether a promotion ran"),
              LINEAGE));

  /** ERP item master: one row per SKU. */
  public static final TableSchema ERP_ITEMS =
      new TableSchema(
          "erp_items",
          Role.SOURCE,
          "sku",
          List.of(
              required("sku", STRING, "stock keeping unit"),
              optional("description", STRING, "item description"),
              optional("category", STRING, "item family used for segmenting"),
              optional("unit_cost", DOUBLE, "purchase cost, currency per unit"),
              optional("holding_cost_rate", DOUBLE, "holding cost per year as a fraction of unit cost"),
              optional("order_cost", DOUBLE, "fixed cost of placing one order, currency"),
              optional("case_pack", INT32, "units per case; orders are multiples of it"),
              optional("moq", DOUBLE, "minimum order quantity, units"),
              optional("supplier", STRING, "supplier (vendor) the item is bought from"),
              optional("ship_mode", STRING, "usual shipment mode from the supplier, e.g. Air, Truck"),
              optional("shelf_life_days", INT32, "shelf life in days; NULL when not perishable"),
              optional(
                  "review_period_days",
                  INT32,
                  "days between periodic reviews: the item gets an (R, S) policy; NULL for"
                      + " continuous review"),
              optional(
                  "service_level",
                  DOUBLE,
                  "the item's own service target in (0, 1), in the run's service measure; NULL"
                      + " for the class or run target"),
              LINEAGE));

  /** ERP stock snapshots: one row per SKU, location and snapshot date. */
  public static final TableSchema ERP_INVENTORY =
      new TableSchema(
          "erp_inventory",
          Role.SOURCE,
          "sku x location x snapshot_date",
          List.of(
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "stocking location"),
              required("snapshot_date", DATE, "day the stock was counted (end of day)"),
              optional("on_hand", DOUBLE, "units on hand"),
              optional("quarantined", DOUBLE, "units on hand held back from sale (quality hold)"),
              LINEAGE));

  /** ERP purchase order lines. */
  public static final TableSchema ERP_PURCHASE_ORDERS =
      new TableSchema(
          "erp_purchase_orders",
          Role.SOURCE,
          "purchase order line",
          List.of(
              required("po_id", STRING, "purchase order line id"),
              optional("sku", STRING, "stock keeping unit"),
              optional("location", STRING, "receiving location"),
              optional("quantity", DOUBLE, "units ordered"),
              optional("order_date", DATE, "day the order was placed"),
              optional("expected_date", DATE, "day the goods are expected"),
              optional("received_date", DATE, "day the goods arrived; NULL while open"),
              optional("status", STRING, "open, received or cancelled"),
              LINEAGE));

  /** IoT sensor readings. */
  public static final TableSchema IOT_READINGS =
      new TableSchema(
          "iot_readings",
          Role.SOURCE,
          "sensor x timestamp x metric",
          List.of(
              required("sensor_id", STRING, "sensor id"),
              optional("location", STRING, "location the sensor watches"),
              optional("sku", STRING, "SKU the sensor watches; NULL for an area sensor"),
              required("ts", TIMESTAMP, "reading time, local time of the location"),
              required("metric", STRING, "what is measured, e.g. temperature_c, shelf_units"),
              optional("value", DOUBLE, "the reading, in the metric's unit"),
              LINEAGE));

  /** Logistics shipment lines: supplier to location, with their dates. */
  public static final TableSchema LOGISTICS_SHIPMENTS =
      new TableSchema(
          "logistics_shipments",
          Role.SOURCE,
          "shipment line",
          List.of(
              required("shipment_id", STRING, "shipment line id"),
              optional("sku", STRING, "stock keeping unit; NULL when the line is not item-coded"),
              optional("supplier", STRING, "supplier (vendor)"),
              optional("origin", STRING, "where the goods left from"),
              optional("destination", STRING, "where the goods went (location, or country)"),
              optional("mode", STRING, "shipment mode, e.g. Air, Truck, Ocean"),
              optional("carrier", STRING, "carrier or fulfilment channel"),
              optional("ship_date", DATE, "day the purchase order was sent to the supplier"),
              optional("scheduled_date", DATE, "day delivery was scheduled for"),
              optional("delivered_date", DATE, "day the goods were delivered"),
              optional("quantity", DOUBLE, "units shipped"),
              LINEAGE));

  /** One row per job run. */
  public static final TableSchema MODEL_RUNS =
      new TableSchema(
          "model_runs",
          Role.OUTPUT,
          "run",
          List.of(
              RUN_ID,
              required("started_at", TIMESTAMP, "when the run started (UTC)"),
              optional("finished_at", TIMESTAMP, "when the run finished (UTC); NULL while running"),
              required("status", STRING, "running, complete or failed"),
              optional("options", STRING, "the run's options as JSON (no credentials)"),
              optional("source_snapshot", STRING, "the source tables read, as JSON"),
              optional("code_version", STRING, "demandcast version that ran"),
              optional("rows_read", INT64, "source rows read, all tables"),
              optional("rows_rejected", INT64, "rows written to rejected_records"),
              optional("rows_written", INT64, "output rows written, all output tables"),
              optional("message", STRING, "failure message, or NULL"),
              optional("heartbeat_at", TIMESTAMP, "while running: when the job last said it is"
                  + " alive (UTC, every minute; Hive and BigQuery outputs); a run silent for 10"
                  + " minutes is taken as abandoned")));

  /** Forecasts per series and target period. */
  public static final TableSchema DEMAND_FORECASTS =
      new TableSchema(
          "demand_forecasts",
          Role.OUTPUT,
          "run x sku x location x target period",
          List.of(
              RUN_ID,
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "location"),
              required("period_start", DATE, "first day of the target period"),
              required("horizon", INT32, "periods ahead of the forecast origin, 1 = next period"),
              required("mean", DOUBLE, "point forecast, units per period"),
              required("p10", DOUBLE, "10% quantile, units per period"),
              required("p50", DOUBLE, "median, units per period"),
              required("p90", DOUBLE, "90% quantile, units per period"),
              required("model", STRING, "the model that made the forecast")));

  /**
   * The forecast of {@link #DEMAND_FORECASTS} split into additive components: one row per series,
   * target period, member model and component, whose values add up to that period's {@code mean}.
   */
  public static final TableSchema FORECAST_EXPLANATIONS =
      new TableSchema(
          "forecast_explanations",
          Role.OUTPUT,
          "run x sku x location x target period x model x component",
          List.of(
              RUN_ID,
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "location"),
              required("period_start", DATE, "first day of the target period"),
              required("horizon", INT32, "periods ahead of the forecast origin, 1 = next period"),
              required(
                  "model",
                  STRING,
                  "the model the component belongs to: a member of the combination (ets, theta,"
                      + " arima, seasonal_naive, mstlf, croston_sba, tsb, moving_average,"
                      + " global_...), or demand_forecasts.model for floor_at_zero"),
              required(
                  "component",
                  STRING,
                  "level, trend, drift, season, season_<period>, adjusted (ARIMA of the"
                      + " adjusted series), interaction, last_season, intercept, base_value, a"
                      + " feature (LASSO term or TreeSHAP value), forecast, floor_at_zero;"
                      + " docs/analysts.md"),
              required(
                  "value",
                  DOUBLE,
                  "the component's share of demand_forecasts.mean: the model's own component"
                      + " times its weight, units per period; the values of a series and period"
                      + " add up to its mean"),
              optional(
                  "weight",
                  DOUBLE,
                  "the model's weight in the forecast at this period, between 0 and 1 (1 for a"
                      + " single model; value / weight is the model's own component, units per"
                      + " period); NULL for floor_at_zero")));

  /** Backtest accuracy of every candidate model per series. */
  public static final TableSchema FORECAST_ACCURACY =
      new TableSchema(
          "forecast_accuracy",
          Role.OUTPUT,
          "run x sku x location x model",
          List.of(
              RUN_ID,
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "location"),
              required("model", STRING, "candidate model"),
              optional("mase", DOUBLE, "mean absolute scaled error over the rolling origins"),
              optional("rmsse", DOUBLE, "root mean squared scaled error (M5)"),
              optional("smape", DOUBLE, "symmetric MAPE in percent (M4)"),
              optional("bias", DOUBLE, "mean of forecast minus actual, units per period"),
              optional("coverage", DOUBLE, "share of actuals inside the p10-p90 band"),
              required("windows", INT32, "rolling-origin windows evaluated"),
              required("selected", BOOLEAN, "whether this model made the series' forecast"),
              optional("failure", STRING, "why the model could not be fitted, or NULL"),
              optional(
                  "spec",
                  STRING,
                  "selected row: the model's full specification (settings, seed) or the"
                      + " combination and its members"),
              optional(
                  "parameters", STRING, "selected row: the fitted parameters as a JSON object"),
              optional(
                  "training_periods",
                  INT32,
                  "selected row: periods the final model was fitted on (the whole history)"),
              optional(
                  "intervals",
                  STRING,
                  "selected row: how the quantiles were made, model (own variance) or empirical"
                      + " (backtest errors)")));

  /** Inventory recommendation per SKU and location. */
  public static final TableSchema INVENTORY_RECOMMENDATIONS =
      new TableSchema(
          "inventory_recommendations",
          Role.OUTPUT,
          "run x sku x location",
          List.of(
              RUN_ID,
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "location"),
              required("on_hand", DOUBLE, "units on hand at the snapshot"),
              required("quarantined", DOUBLE, "units on hand held back (quality hold, IoT excursion)"),
              required("on_order", DOUBLE, "units on open purchase orders"),
              required(
                  "inventory_position",
                  DOUBLE,
                  "on hand - quarantined + on order - backorders, units"),
              required("lead_time_mean_days", DOUBLE, "mean supplier lead time, days"),
              required("lead_time_sd_days", DOUBLE, "standard deviation of the lead time, days"),
              optional("lead_time_basis", STRING, "which shipments the lead time comes from"),
              required("service_level", DOUBLE, "service target, in the measure of service_measure"),
              optional(
                  "service_measure",
                  STRING,
                  "what service_level measures: fill_rate (beta) or cycle_service (alpha)"),
              optional("policy", STRING, "replenishment policy: s_S, s_Q or R_S"),
              optional("review_period_days", DOUBLE, "days between reviews for R_S; 0 otherwise"),
              optional("abc_class", STRING, "A, B or C by annual forecast value"),
              optional("xyz_class", STRING, "X, Y or Z by coefficient of variation of demand"),
              optional(
                  "distribution",
                  STRING,
                  "protection-interval demand distribution: normal, poisson, negative_binomial"
                      + " or empirical"),
              required("safety_stock", DOUBLE, "units"),
              required("reorder_point", DOUBLE, "units; order when the position is at or below"),
              required("order_up_to", DOUBLE, "units; reorder point plus order quantity"),
              optional(
                  "order_quantity",
                  DOUBLE,
                  "lot size Q in units (s_Q, s_S); expected demand per review period for R_S"),
              required("eoq", DOUBLE, "economic order quantity, units"),
              required("recommended_order_qty", DOUBLE, "units to order now"),
              required("unit_cost", DOUBLE, "currency per unit"),
              required("expected_fill_rate", DOUBLE, "expected fill rate (beta) of the policy"),
              optional(
                  "expected_cycle_service",
                  DOUBLE,
                  "expected cycle service level (alpha) of the policy"),
              optional(
                  "expected_holding_cost",
                  DOUBLE,
                  "expected cost of the stock on hand, currency per year"),
              optional("days_of_cover", DOUBLE, "available stock over daily demand; NULL when no demand"),
              required("model", STRING, "the forecast model behind the recommendation"),
              required("reason", STRING, "why, in a planner's words"),
              // The order's explanation: the values the order was computed from, as the planner
              // computed them. Appended (and nullable: rows of older runs read NULL) because Hive
              // writes run rows by position and can only add columns at the end.
              optional("supplier", STRING, "the item's supplier (erp_items.supplier); NULL when"
                  + " unknown"),
              optional("ship_mode", STRING, "the item's shipment mode (erp_items.ship_mode); NULL"
                  + " when unknown"),
              optional(
                  "lead_time_source",
                  STRING,
                  "which shipments the lead time comes from: lane (the item's supplier x"
                      + " ship_mode), supplier (all its modes), all_shipments, or default"
                      + " (--default-lead-time-days)"),
              optional(
                  "lead_time_shipments",
                  INT64,
                  "shipments (count) behind the lead time; NULL for the default"),
              optional(
                  "protection_days",
                  DOUBLE,
                  "protection interval: lead_time_mean_days + review_period_days, days"),
              optional(
                  "demand_per_day",
                  DOUBLE,
                  "forecast demand per day over the protection interval, units per day"),
              optional(
                  "protection_demand_mean",
                  DOUBLE,
                  "expected demand over the protection interval, units"),
              optional(
                  "protection_demand_sd",
                  DOUBLE,
                  "standard deviation of the demand over the protection interval (forecast"
                      + " error and lead-time variability), units"),
              optional(
                  "service_level_source",
                  STRING,
                  "where service_level comes from: item (erp_items.service_level), class K (the"
                      + " --class-service-levels entry K) or run (--service-level)"),
              optional(
                  "backorders",
                  DOUBLE,
                  "units owed to customers, subtracted from the position; 0: no source records"
                      + " them yet"),
              optional("moq", DOUBLE, "minimum order quantity, units"),
              optional("case_pack", INT32, "units per case; orders are whole cases"),
              optional("shelf_life_days", INT32, "shelf life, days; NULL when not perishable"),
              optional(
                  "shelf_life_max_order",
                  DOUBLE,
                  "largest order the shelf life allows: demand over the shelf life in whole"
                      + " cases, at least the MOQ in whole cases, units; NULL when not perishable"),
              optional(
                  "order_by_policy",
                  DOUBLE,
                  "the policy's order, units: s_Q whole lots lifting the position above the"
                      + " reorder point, s_S and R_S order_up_to - inventory_position; 0 when no"
                      + " order is due"),
              optional(
                  "order_after_moq", DOUBLE, "order_by_policy raised to at least the MOQ, units"),
              optional(
                  "order_after_case_pack",
                  DOUBLE,
                  "order_after_moq rounded up to whole cases, units"),
              optional(
                  "order_after_shelf_life",
                  DOUBLE,
                  "order_after_case_pack capped at shelf_life_max_order, units; the order"
                      + " before any capacity cut"),
              optional(
                  "location_capacity",
                  DOUBLE,
                  "the location's capacity (--location-capacity), units; NULL when none; orders"
                      + " are cut to fit on hand + on order + orders")));

  /**
   * The policy simulator's replay of the held-out periods: one row per SKU, location and forecast
   * model whose forecast, made before the held-out periods, set the policy.
   */
  public static final TableSchema POLICY_SIMULATION =
      new TableSchema(
          "policy_simulation",
          Role.OUTPUT,
          "run x sku x location x model",
          List.of(
              RUN_ID,
              required("sku", STRING, "stock keeping unit"),
              required("location", STRING, "location"),
              required("model", STRING, "the forecast behind the simulated policy"),
              required("selected", BOOLEAN, "whether this is the forecast the run uses"),
              optional("abc_class", STRING, "A, B or C"),
              optional("xyz_class", STRING, "X, Y or Z"),
              required("policy", STRING, "s_S, s_Q or R_S"),
              required("service_measure", STRING, "fill_rate or cycle_service"),
              required("service_target", DOUBLE, "the target the policy was set for"),
              required("periods", INT32, "held-out periods replayed"),
              required("history_periods", INT32, "periods of history before them"),
              required("demand", DOUBLE, "units demanded in the held-out periods"),
              optional(
                  "forecast_demand",
                  DOUBLE,
                  "units the forecast behind the policy expected over the held-out periods"),
              optional(
                  "achieved_cycle_service",
                  DOUBLE,
                  "share of replenishment cycles without a stock-out; NULL when no cycle ended"),
              optional(
                  "achieved_fill_rate",
                  DOUBLE,
                  "share of demand met from stock; NULL when there was no demand"),
              required("expected_fill_rate", DOUBLE, "fill rate the policy promised"),
              required("avg_inventory", DOUBLE, "average units on hand"),
              required("stockout_periods", INT32, "periods with demand not met from stock"),
              required("orders", INT32, "orders placed"),
              required("holding_cost", DOUBLE, "currency"),
              required("ordering_cost", DOUBLE, "currency"),
              required("total_cost", DOUBLE, "holding plus ordering cost, currency"),
              required("reorder_point", DOUBLE, "units"),
              required("order_up_to", DOUBLE, "units")));

  /** Every record the run rejected, with why. */
  public static final TableSchema REJECTED_RECORDS =
      new TableSchema(
          "rejected_records",
          Role.OUTPUT,
          "run x rejected record",
          List.of(
              RUN_ID,
              required("source", STRING, "the source table (and file) the record came from"),
              required("payload", STRING, "the record as read, JSON"),
              required("reason", STRING, "why it was rejected"),
              required("ts", TIMESTAMP, "when it was rejected (UTC)"),
              optional(
                  "occurrence",
                  INT32,
                  "1 for a rejected record, n for the n-th identical one (same source, payload"
                      + " and reason) of the run: identical source rows are each kept")));

  /** The source tables, in load order. */
  public static final List<TableSchema> SOURCES =
      List.of(
          ERP_ITEMS,
          ERP_SALES,
          ERP_INVENTORY,
          ERP_PURCHASE_ORDERS,
          IOT_READINGS,
          LOGISTICS_SHIPMENTS);

  /** The output tables; {@code model_runs} first. */
  public static final List<TableSchema> OUTPUTS =
      List.of(
          MODEL_RUNS,
          DEMAND_FORECASTS,
          FORECAST_EXPLANATIONS,
          FORECAST_ACCURACY,
          INVENTORY_RECOMMENDATIONS,
          POLICY_SIMULATION,
          REJECTED_RECORDS);

  /**
   * Whether a source table may lack {@code column}, which then reads as NULL: the nullable source
   * columns a run can do without, because a NULL there has a documented meaning (no price, no
   * promotion, no supplier, not perishable, nothing quarantined, continuous review, the run's
   * service target, the run's default holding cost rate and order cost, ...). The nullable columns a
   * run cannot do without must exist even though a row may leave them NULL: {@code
   * erp_sales.quantity} (a table without it would reject every sale), {@code erp_items.unit_cost},
   * {@code erp_inventory.on_hand}, the purchase orders' key fields, {@code
   * iot_readings.value} and the shipments' supplier and dates.
   *
   * @param table a canonical table
   * @param column one of its columns
   * @return true when a missing column reads as NULL
   */
  public static boolean mayBeAbsent(TableSchema table, Column column) {
    return table.role() == Role.SOURCE
        && column.nullable()
        && (column.name().equals("lineage")
            || ABSENT_AS_NULL.getOrDefault(table.name(), java.util.Set.of())
                .contains(column.name()));
  }

  private static final java.util.Map<String, java.util.Set<String>> ABSENT_AS_NULL =
      java.util.Map.of(
          "erp_sales", java.util.Set.of("unit_price", "promo"),
          "erp_items", java.util.Set.of("description", "category", "holding_cost_rate",
              "order_cost", "case_pack", "moq",
              "supplier", "ship_mode", "shelf_life_days", "review_period_days", "service_level"),
          "erp_inventory", java.util.Set.of("quarantined"),
          "erp_purchase_orders", java.util.Set.of("expected_date", "received_date"),
          "iot_readings", java.util.Set.of("sku"),
          "logistics_shipments", java.util.Set.of("sku", "origin", "destination", "mode",
              "carrier", "scheduled_date", "quantity"));

  /**
   * The source tables a run cannot do without: {@code erp_sales} (the demand) and {@code
   * erp_items} (a SKU without its item row has every sale rejected). The other four may be absent
   * from a DuckDB warehouse and are then read as empty ({@link #whenAbsent}).
   */
  public static final List<TableSchema> REQUIRED_SOURCES = List.of(ERP_SALES, ERP_ITEMS);

  /**
   * Whether a source table may be absent, read as a table without rows: every source table but
   * {@link #REQUIRED_SOURCES}.
   */
  public static boolean mayBeAbsent(TableSchema table) {
    return table.role() == Role.SOURCE && !REQUIRED_SOURCES.contains(table);
  }

  /**
   * What a run assumes when a source table is absent (or has no rows), in a planner's words; for
   * a required table, why the run cannot do without it.
   */
  public static String whenAbsent(TableSchema table) {
    return switch (table.name()) {
      case "erp_sales" -> "no sales: there is no demand to forecast";
      case "erp_items" -> "no item master: a SKU needs its erp_items row (unit_cost,"
          + " holding_cost_rate, order_cost), so every sale would be rejected";
      case "erp_inventory" -> "no stock: on hand taken as 0 at every location";
      case "erp_purchase_orders" -> "no open orders: nothing on order";
      case "iot_readings" -> "no sensor readings: no temperature excursions, nothing quarantined";
      case "logistics_shipments" -> "no shipments: lead time unknown, --default-lead-time-days assumed";
      default -> throw new IllegalArgumentException("not a canonical source table: " + table.name());
    };
  }

  /**
   * What a NULL (or an absent column, where {@link #mayBeAbsent(TableSchema, Column)} allows it)
   * means to a run, for the source columns whose NULL a run fills with a default; null for the
   * others (a NULL there is "not recorded", or gets the row rejected).
   */
  public static String nullMeans(TableSchema table, String column) {
    return NULL_MEANS.getOrDefault(table.name() + "." + column, null);
  }

  private static final java.util.Map<String, String> NULL_MEANS = java.util.Map.ofEntries(
      java.util.Map.entry("erp_sales.unit_price", "no selling price"),
      java.util.Map.entry("erp_sales.promo", "no promotion"),
      java.util.Map.entry("erp_items.category", "uncategorised (one segment of its own for"
          + " --global-model)"),
      java.util.Map.entry("erp_items.case_pack", "case pack 1 (orders in single units)"),
      java.util.Map.entry("erp_items.moq", "no minimum order quantity (0)"),
      java.util.Map.entry("erp_items.supplier", "lead time from all suppliers' shipments"),
      java.util.Map.entry("erp_items.ship_mode", "lead time from the supplier's shipments of"
          + " every mode"),
      java.util.Map.entry("erp_items.shelf_life_days", "not perishable (never quarantined)"),
      java.util.Map.entry("erp_items.review_period_days", "continuous review"
          + " (--continuous-policy)"),
      java.util.Map.entry("erp_items.service_level", "the class or run target"
          + " (--class-service-levels, --service-level)"),
      java.util.Map.entry("erp_inventory.quarantined", "nothing quarantined (0)"),
      java.util.Map.entry("erp_purchase_orders.expected_date", "no expected delivery date"),
      java.util.Map.entry("erp_purchase_orders.received_date", "not received yet"),
      java.util.Map.entry("iot_readings.sku", "an area sensor (no SKU)"),
      java.util.Map.entry("logistics_shipments.mode", "lead time per supplier, all modes"));

  /** Every canonical table: sources, then outputs. */
  public static final List<TableSchema> ALL =
      java.util.stream.Stream.concat(SOURCES.stream(), OUTPUTS.stream()).toList();

  /**
   * The table called {@code name}.
   *
   * @throws NoSuchElementException naming the known tables when there is none
   */
  public static TableSchema byName(String name) {
    return ALL.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no canonical table '"
                        + name
                        + "'; known: "
                        + ALL.stream().map(TableSchema::name).toList()));
  }
}
