# The output dataset and the output tables, as demandcast itself would create them
# (sql/bigquery/tables.sql): the same columns, BigQuery types (FLOAT64, INT64, BOOL, DATETIME for
# the canonical timestamp), modes (REQUIRED for NOT NULL), descriptions, partitioning and
# clustering. The one definition is io.demandcast.connectors.schema.CanonicalTables; TerraformTest
# (connectors module) fails when a table here differs from it, so change the code first and this
# file after it.
#
# demandcast creates the analysts' views (latest_*) and its per-run staging tables (stage_*, which
# expire after a day) itself, in this dataset; they are not managed here. Source tables are read
# from wherever --source points (a missing --source reads the table of that name in this dataset).

resource "google_bigquery_dataset" "demandcast" {
  project     = var.project_id
  dataset_id  = var.dataset_id
  location    = local.bigquery_location
  description = "demandcast outputs: runs, demand forecasts and their explanations, forecast accuracy, inventory recommendations, policy simulation and rejected records, and the analysts' latest_* views"
  labels      = local.labels

  # never drop the tables (and their rows) with the dataset
  delete_contents_on_destroy = false

  depends_on = [google_project_service.required]
}

resource "google_bigquery_table" "model_runs" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "model_runs"
  description         = "output table, one row per run"
  deletion_protection = var.deletion_protection
  labels              = local.labels

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "started_at", type = "DATETIME", mode = "REQUIRED", description = "when the run started (UTC)" },
    { name = "finished_at", type = "DATETIME", mode = "NULLABLE", description = "when the run finished (UTC); NULL while running" },
    { name = "status", type = "STRING", mode = "REQUIRED", description = "running, complete or failed" },
    { name = "options", type = "STRING", mode = "NULLABLE", description = "the run's options as JSON (no credentials)" },
    { name = "source_snapshot", type = "STRING", mode = "NULLABLE", description = "the source tables read, as JSON" },
    { name = "code_version", type = "STRING", mode = "NULLABLE", description = "demandcast version that ran" },
    { name = "rows_read", type = "INT64", mode = "NULLABLE", description = "source rows read, all tables" },
    { name = "rows_rejected", type = "INT64", mode = "NULLABLE", description = "rows written to rejected_records" },
    { name = "rows_written", type = "INT64", mode = "NULLABLE", description = "output rows written, all output tables" },
    { name = "message", type = "STRING", mode = "NULLABLE", description = "failure message, or NULL" },
    { name = "heartbeat_at", type = "DATETIME", mode = "NULLABLE", description = "while running: when the job last said it is alive (UTC, every minute; Hive and BigQuery outputs); a run silent for 10 minutes is taken as abandoned" },
  ])
}

resource "google_bigquery_table" "demand_forecasts" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "demand_forecasts"
  description         = "output table, one row per run x sku x location x target period"
  deletion_protection = var.deletion_protection
  labels              = local.labels
  clustering          = ["run_id", "sku", "location"]

  time_partitioning {
    type  = "MONTH"
    field = "period_start"
  }

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "sku", type = "STRING", mode = "REQUIRED", description = "stock keeping unit" },
    { name = "location", type = "STRING", mode = "REQUIRED", description = "location" },
    { name = "period_start", type = "DATE", mode = "REQUIRED", description = "first day of the target period" },
    { name = "horizon", type = "INT64", mode = "REQUIRED", description = "periods ahead of the forecast origin, 1 = next period" },
    { name = "mean", type = "FLOAT64", mode = "REQUIRED", description = "point forecast, units per period" },
    { name = "p10", type = "FLOAT64", mode = "REQUIRED", description = "10% quantile, units per period" },
    { name = "p50", type = "FLOAT64", mode = "REQUIRED", description = "median, units per period" },
    { name = "p90", type = "FLOAT64", mode = "REQUIRED", description = "90% quantile, units per period" },
    { name = "model", type = "STRING", mode = "REQUIRED", description = "the model that made the forecast" },
  ])
}

resource "google_bigquery_table" "forecast_explanations" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "forecast_explanations"
  description         = "output table, one row per run x sku x location x target period x model x component"
  deletion_protection = var.deletion_protection
  labels              = local.labels
  clustering          = ["run_id", "sku", "location"]

  time_partitioning {
    type  = "MONTH"
    field = "period_start"
  }

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "sku", type = "STRING", mode = "REQUIRED", description = "stock keeping unit" },
    { name = "location", type = "STRING", mode = "REQUIRED", description = "location" },
    { name = "period_start", type = "DATE", mode = "REQUIRED", description = "first day of the target period" },
    { name = "horizon", type = "INT64", mode = "REQUIRED", description = "periods ahead of the forecast origin, 1 = next period" },
    { name = "model", type = "STRING", mode = "REQUIRED", description = "the model the component belongs to: a member of the combination (ets, theta, arima, seasonal_naive, mstlf, croston_sba, tsb, moving_average, global_...), or demand_forecasts.model for floor_at_zero" },
    { name = "component", type = "STRING", mode = "REQUIRED", description = "level, trend, drift, season, season_<period>, adjusted (ARIMA of the adjusted series), interaction, last_season, intercept, base_value, a feature (LASSO term or TreeSHAP value), forecast, floor_at_zero; docs/analysts.md" },
    { name = "value", type = "FLOAT64", mode = "REQUIRED", description = "the component's share of demand_forecasts.mean: the model's own component times its weight, units per period; the values of a series and period add up to its mean" },
    { name = "weight", type = "FLOAT64", mode = "NULLABLE", description = "the model's weight in the forecast at this period, between 0 and 1 (1 for a single model; value / weight is the model's own component, units per period); NULL for floor_at_zero" },
  ])
}

resource "google_bigquery_table" "forecast_accuracy" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "forecast_accuracy"
  description         = "output table, one row per run x sku x location x model"
  deletion_protection = var.deletion_protection
  labels              = local.labels
  clustering          = ["run_id", "sku", "location"]

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "sku", type = "STRING", mode = "REQUIRED", description = "stock keeping unit" },
    { name = "location", type = "STRING", mode = "REQUIRED", description = "location" },
    { name = "model", type = "STRING", mode = "REQUIRED", description = "candidate model" },
    { name = "mase", type = "FLOAT64", mode = "NULLABLE", description = "mean absolute scaled error over the rolling origins" },
    { name = "rmsse", type = "FLOAT64", mode = "NULLABLE", description = "root mean squared scaled error (M5)" },
    { name = "smape", type = "FLOAT64", mode = "NULLABLE", description = "symmetric MAPE in percent (M4)" },
    { name = "bias", type = "FLOAT64", mode = "NULLABLE", description = "mean of forecast minus actual, units per period" },
    { name = "coverage", type = "FLOAT64", mode = "NULLABLE", description = "share of actuals inside the p10-p90 band" },
    { name = "windows", type = "INT64", mode = "REQUIRED", description = "rolling-origin windows evaluated" },
    { name = "selected", type = "BOOL", mode = "REQUIRED", description = "whether this model made the series' forecast" },
    { name = "failure", type = "STRING", mode = "NULLABLE", description = "why the model could not be fitted, or NULL" },
    { name = "spec", type = "STRING", mode = "NULLABLE", description = "selected row: the model's full specification (settings, seed) or the combination and its members" },
    { name = "parameters", type = "STRING", mode = "NULLABLE", description = "selected row: the fitted parameters as a JSON object" },
    { name = "training_periods", type = "INT64", mode = "NULLABLE", description = "selected row: periods the final model was fitted on (the whole history)" },
    { name = "intervals", type = "STRING", mode = "NULLABLE", description = "selected row: how the quantiles were made, model (own variance) or empirical (backtest errors)" },
  ])
}

resource "google_bigquery_table" "inventory_recommendations" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "inventory_recommendations"
  description         = "output table, one row per run x sku x location"
  deletion_protection = var.deletion_protection
  labels              = local.labels
  clustering          = ["run_id", "sku", "location"]

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "sku", type = "STRING", mode = "REQUIRED", description = "stock keeping unit" },
    { name = "location", type = "STRING", mode = "REQUIRED", description = "location" },
    { name = "on_hand", type = "FLOAT64", mode = "REQUIRED", description = "units on hand at the snapshot" },
    { name = "quarantined", type = "FLOAT64", mode = "REQUIRED", description = "units on hand held back (quality hold, IoT excursion)" },
    { name = "on_order", type = "FLOAT64", mode = "REQUIRED", description = "units on open purchase orders" },
    { name = "inventory_position", type = "FLOAT64", mode = "REQUIRED", description = "on hand - quarantined + on order - backorders, units" },
    { name = "lead_time_mean_days", type = "FLOAT64", mode = "REQUIRED", description = "mean supplier lead time, days" },
    { name = "lead_time_sd_days", type = "FLOAT64", mode = "REQUIRED", description = "standard deviation of the lead time, days" },
    { name = "lead_time_basis", type = "STRING", mode = "NULLABLE", description = "which shipments the lead time comes from" },
    { name = "service_level", type = "FLOAT64", mode = "REQUIRED", description = "service target, in the measure of service_measure" },
    { name = "service_measure", type = "STRING", mode = "NULLABLE", description = "what service_level measures: fill_rate (beta) or cycle_service (alpha)" },
    { name = "policy", type = "STRING", mode = "NULLABLE", description = "replenishment policy: s_S, s_Q or R_S" },
    { name = "review_period_days", type = "FLOAT64", mode = "NULLABLE", description = "days between reviews for R_S; 0 otherwise" },
    { name = "abc_class", type = "STRING", mode = "NULLABLE", description = "A, B or C by annual forecast value" },
    { name = "xyz_class", type = "STRING", mode = "NULLABLE", description = "X, Y or Z by coefficient of variation of demand" },
    { name = "distribution", type = "STRING", mode = "NULLABLE", description = "protection-interval demand distribution: normal, poisson, negative_binomial or empirical" },
    { name = "safety_stock", type = "FLOAT64", mode = "REQUIRED", description = "units" },
    { name = "reorder_point", type = "FLOAT64", mode = "REQUIRED", description = "units; order when the position is at or below" },
    { name = "order_up_to", type = "FLOAT64", mode = "REQUIRED", description = "units; reorder point plus order quantity" },
    { name = "order_quantity", type = "FLOAT64", mode = "NULLABLE", description = "lot size Q in units (s_Q, s_S); expected demand per review period for R_S" },
    { name = "eoq", type = "FLOAT64", mode = "REQUIRED", description = "economic order quantity, units" },
    { name = "recommended_order_qty", type = "FLOAT64", mode = "REQUIRED", description = "units to order now" },
    { name = "unit_cost", type = "FLOAT64", mode = "REQUIRED", description = "currency per unit" },
    { name = "expected_fill_rate", type = "FLOAT64", mode = "REQUIRED", description = "expected fill rate (beta) of the policy" },
    { name = "expected_cycle_service", type = "FLOAT64", mode = "NULLABLE", description = "expected cycle service level (alpha) of the policy" },
    { name = "expected_holding_cost", type = "FLOAT64", mode = "NULLABLE", description = "expected cost of the stock on hand, currency per year" },
    { name = "days_of_cover", type = "FLOAT64", mode = "NULLABLE", description = "available stock over daily demand; NULL when no demand" },
    { name = "model", type = "STRING", mode = "REQUIRED", description = "the forecast model behind the recommendation" },
    { name = "reason", type = "STRING", mode = "REQUIRED", description = "why, in a planner's words" },
    { name = "supplier", type = "STRING", mode = "NULLABLE", description = "the item's supplier (erp_items.supplier); NULL when unknown" },
    { name = "ship_mode", type = "STRING", mode = "NULLABLE", description = "the item's shipment mode (erp_items.ship_mode); NULL when unknown" },
    { name = "lead_time_source", type = "STRING", mode = "NULLABLE", description = "which shipments the lead time comes from: lane (the item's supplier x ship_mode), supplier (all its modes), all_shipments, or default (--default-lead-time-days)" },
    { name = "lead_time_shipments", type = "INT64", mode = "NULLABLE", description = "shipments (count) behind the lead time; NULL for the default" },
    { name = "protection_days", type = "FLOAT64", mode = "NULLABLE", description = "protection interval: lead_time_mean_days + review_period_days, days" },
    { name = "demand_per_day", type = "FLOAT64", mode = "NULLABLE", description = "forecast demand per day over the protection interval, units per day" },
    { name = "protection_demand_mean", type = "FLOAT64", mode = "NULLABLE", description = "expected demand over the protection interval, units" },
    { name = "protection_demand_sd", type = "FLOAT64", mode = "NULLABLE", description = "standard deviation of the demand over the protection interval (forecast error and lead-time variability), units" },
    { name = "service_level_source", type = "STRING", mode = "NULLABLE", description = "where service_level comes from: item (erp_items.service_level), class K (the --class-service-levels entry K) or run (--service-level)" },
    { name = "backorders", type = "FLOAT64", mode = "NULLABLE", description = "units owed to customers, subtracted from the position; 0: no source records them yet" },
    { name = "moq", type = "FLOAT64", mode = "NULLABLE", description = "minimum order quantity, units" },
    { name = "case_pack", type = "INT64", mode = "NULLABLE", description = "units per case; orders are whole cases" },
    { name = "shelf_life_days", type = "INT64", mode = "NULLABLE", description = "shelf life, days; NULL when not perishable" },
    { name = "shelf_life_max_order", type = "FLOAT64", mode = "NULLABLE", description = "largest order the shelf life allows: demand over the shelf life in whole cases, at least the MOQ in whole cases, units; NULL when not perishable" },
    { name = "order_by_policy", type = "FLOAT64", mode = "NULLABLE", description = "the policy's order, units: s_Q whole lots lifting the position above the reorder point, s_S and R_S order_up_to - inventory_position; 0 when no order is due" },
    { name = "order_after_moq", type = "FLOAT64", mode = "NULLABLE", description = "order_by_policy raised to at least the MOQ, units" },
    { name = "order_after_case_pack", type = "FLOAT64", mode = "NULLABLE", description = "order_after_moq rounded up to whole cases, units" },
    { name = "order_after_shelf_life", type = "FLOAT64", mode = "NULLABLE", description = "order_after_case_pack capped at shelf_life_max_order, units; the order before any capacity cut" },
    { name = "location_capacity", type = "FLOAT64", mode = "NULLABLE", description = "the location's capacity (--location-capacity), units; NULL when none; orders are cut to fit on hand + on order + orders" },
  ])
}

resource "google_bigquery_table" "policy_simulation" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "policy_simulation"
  description         = "output table, one row per run x sku x location x model"
  deletion_protection = var.deletion_protection
  labels              = local.labels
  clustering          = ["run_id", "sku", "location"]

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "sku", type = "STRING", mode = "REQUIRED", description = "stock keeping unit" },
    { name = "location", type = "STRING", mode = "REQUIRED", description = "location" },
    { name = "model", type = "STRING", mode = "REQUIRED", description = "the forecast behind the simulated policy" },
    { name = "selected", type = "BOOL", mode = "REQUIRED", description = "whether this is the forecast the run uses" },
    { name = "abc_class", type = "STRING", mode = "NULLABLE", description = "A, B or C" },
    { name = "xyz_class", type = "STRING", mode = "NULLABLE", description = "X, Y or Z" },
    { name = "policy", type = "STRING", mode = "REQUIRED", description = "s_S, s_Q or R_S" },
    { name = "service_measure", type = "STRING", mode = "REQUIRED", description = "fill_rate or cycle_service" },
    { name = "service_target", type = "FLOAT64", mode = "REQUIRED", description = "the target the policy was set for" },
    { name = "periods", type = "INT64", mode = "REQUIRED", description = "held-out periods replayed" },
    { name = "history_periods", type = "INT64", mode = "REQUIRED", description = "periods of history before them" },
    { name = "demand", type = "FLOAT64", mode = "REQUIRED", description = "units demanded in the held-out periods" },
    { name = "forecast_demand", type = "FLOAT64", mode = "NULLABLE", description = "units the forecast behind the policy expected over the held-out periods" },
    { name = "achieved_cycle_service", type = "FLOAT64", mode = "NULLABLE", description = "share of replenishment cycles without a stock-out; NULL when no cycle ended" },
    { name = "achieved_fill_rate", type = "FLOAT64", mode = "NULLABLE", description = "share of demand met from stock; NULL when there was no demand" },
    { name = "expected_fill_rate", type = "FLOAT64", mode = "REQUIRED", description = "fill rate the policy promised" },
    { name = "avg_inventory", type = "FLOAT64", mode = "REQUIRED", description = "average units on hand" },
    { name = "stockout_periods", type = "INT64", mode = "REQUIRED", description = "periods with demand not met from stock" },
    { name = "orders", type = "INT64", mode = "REQUIRED", description = "orders placed" },
    { name = "holding_cost", type = "FLOAT64", mode = "REQUIRED", description = "currency" },
    { name = "ordering_cost", type = "FLOAT64", mode = "REQUIRED", description = "currency" },
    { name = "total_cost", type = "FLOAT64", mode = "REQUIRED", description = "holding plus ordering cost, currency" },
    { name = "reorder_point", type = "FLOAT64", mode = "REQUIRED", description = "units" },
    { name = "order_up_to", type = "FLOAT64", mode = "REQUIRED", description = "units" },
  ])
}

resource "google_bigquery_table" "rejected_records" {
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.demandcast.dataset_id
  table_id            = "rejected_records"
  description         = "output table, one row per run x rejected record"
  deletion_protection = var.deletion_protection
  labels              = local.labels
  clustering          = ["run_id"]

  time_partitioning {
    type  = "DAY"
    field = "ts"
  }

  schema = jsonencode([
    { name = "run_id", type = "STRING", mode = "REQUIRED", description = "the run that wrote the row" },
    { name = "source", type = "STRING", mode = "REQUIRED", description = "the source table (and file) the record came from" },
    { name = "payload", type = "STRING", mode = "REQUIRED", description = "the record as read, JSON" },
    { name = "reason", type = "STRING", mode = "REQUIRED", description = "why it was rejected" },
    { name = "ts", type = "DATETIME", mode = "REQUIRED", description = "when it was rejected (UTC)" },
    { name = "occurrence", type = "INT64", mode = "NULLABLE", description = "1 for a rejected record, n for the n-th identical one (same source, payload and reason) of the run: identical source rows are each kept" },
  ])
}
