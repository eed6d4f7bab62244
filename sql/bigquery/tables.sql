-- demandcast canonical tables, BigQuery dialect (GoogleSQL).
-- Generated from io.demandcast.connectors.schema.CanonicalTables: do not edit;
-- regenerate with: ./demandcast ddl --dialect bigquery > sql/bigquery/tables.sql
--
-- Tables go to the dataset ${dataset} (dataset id, or project.dataset), which must exist.
-- Substitute it and run the script, e.g.:
--   dataset=my-project.demandcast envsubst '${dataset}' < sql/bigquery/tables.sql \
--     | bq query --use_legacy_sql=false
--
-- Types: the canonical timestamp is a date-time without zone, so it is DATETIME here (as in
-- Beam's BigQueryIO); the columns documented as UTC hold UTC wall-clock times.
-- Partitioning: by month of erp_sales.date, erp_inventory.snapshot_date,
-- demand_forecasts.period_start and forecast_explanations.period_start; by day of
-- iot_readings.ts and rejected_records.ts.
-- Clustering: output tables (not model_runs) by run_id first, so that a re-run's delete of
-- its earlier rows and the latest-run views read one run's blocks, then by sku, location
-- where the table has both; source tables by sku, location where they have both.
-- The analysts' views are in sql/bigquery/views.sql; a BigQuery output warehouse
-- (--output bigquery://<project>/<dataset>) creates these output tables and the views.

CREATE TABLE IF NOT EXISTS `${dataset}.erp_items` (
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `description` STRING OPTIONS(description='item description'),
  `category` STRING OPTIONS(description='item family used for segmenting'),
  `unit_cost` FLOAT64 OPTIONS(description='purchase cost, currency per unit'),
  `holding_cost_rate` FLOAT64 OPTIONS(description='holding cost per year as a fraction of unit cost'),
  `order_cost` FLOAT64 OPTIONS(description='fixed cost of placing one order, currency'),
  `case_pack` INT64 OPTIONS(description='units per case; orders are multiples of it'),
  `moq` FLOAT64 OPTIONS(description='minimum order quantity, units'),
  `supplier` STRING OPTIONS(description='supplier (vendor) the item is bought from'),
  `ship_mode` STRING OPTIONS(description='usual shipment mode from the supplier, e.g. Air, Truck'),
  `shelf_life_days` INT64 OPTIONS(description='shelf life in days; NULL when not perishable'),
  `review_period_days` INT64 OPTIONS(description='days between periodic reviews: the item gets an (R, S) policy; NULL for continuous review'),
  `service_level` FLOAT64 OPTIONS(description='the item\'s own service target in (0, 1), in the run\'s service measure; NULL for the class or run target'),
  `lineage` STRING OPTIONS(description='where the row came from (file and line, or record id) and which fields are synthetic')
)
OPTIONS(description='source table, one row per sku');

CREATE TABLE IF NOT EXISTS `${dataset}.erp_sales` (
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='selling or stocking location'),
  `date` DATE NOT NULL OPTIONS(description='day of the sale, or first day of the period it sums'),
  `quantity` FLOAT64 OPTIONS(description='units sold; NULL means not recorded (missing)'),
  `unit_price` FLOAT64 OPTIONS(description='selling price, currency per unit'),
  `promo` BOOL OPTIONS(description='whether a promotion ran'),
  `lineage` STRING OPTIONS(description='where the row came from (file and line, or record id) and which fields are synthetic')
)
PARTITION BY DATE_TRUNC(`date`, MONTH)
CLUSTER BY `sku`, `location`
OPTIONS(description='source table, one row per sku x location x date');

CREATE TABLE IF NOT EXISTS `${dataset}.erp_inventory` (
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='stocking location'),
  `snapshot_date` DATE NOT NULL OPTIONS(description='day the stock was counted (end of day)'),
  `on_hand` FLOAT64 OPTIONS(description='units on hand'),
  `quarantined` FLOAT64 OPTIONS(description='units on hand held back from sale (quality hold)'),
  `lineage` STRING OPTIONS(description='where the row came from (file and line, or record id) and which fields are synthetic')
)
PARTITION BY DATE_TRUNC(`snapshot_date`, MONTH)
CLUSTER BY `sku`, `location`
OPTIONS(description='source table, one row per sku x location x snapshot_date');

CREATE TABLE IF NOT EXISTS `${dataset}.erp_purchase_orders` (
  `po_id` STRING NOT NULL OPTIONS(description='purchase order line id'),
  `sku` STRING OPTIONS(description='stock keeping unit'),
  `location` STRING OPTIONS(description='receiving location'),
  `quantity` FLOAT64 OPTIONS(description='units ordered'),
  `order_date` DATE OPTIONS(description='day the order was placed'),
  `expected_date` DATE OPTIONS(description='day the goods are expected'),
  `received_date` DATE OPTIONS(description='day the goods arrived; NULL while open'),
  `status` STRING OPTIONS(description='open, received or cancelled'),
  `lineage` STRING OPTIONS(description='where the row came from (file and line, or record id) and which fields are synthetic')
)
CLUSTER BY `sku`, `location`
OPTIONS(description='source table, one row per purchase order line');

CREATE TABLE IF NOT EXISTS `${dataset}.iot_readings` (
  `sensor_id` STRING NOT NULL OPTIONS(description='sensor id'),
  `location` STRING OPTIONS(description='location the sensor watches'),
  `sku` STRING OPTIONS(description='SKU the sensor watches; NULL for an area sensor'),
  `ts` DATETIME NOT NULL OPTIONS(description='reading time, local time of the location'),
  `metric` STRING NOT NULL OPTIONS(description='what is measured, e.g. temperature_c, shelf_units'),
  `value` FLOAT64 OPTIONS(description='the reading, in the metric\'s unit'),
  `lineage` STRING OPTIONS(description='where the row came from (file and line, or record id) and which fields are synthetic')
)
PARTITION BY DATE(`ts`)
CLUSTER BY `sku`, `location`
OPTIONS(description='source table, one row per sensor x timestamp x metric');

CREATE TABLE IF NOT EXISTS `${dataset}.logistics_shipments` (
  `shipment_id` STRING NOT NULL OPTIONS(description='shipment line id'),
  `sku` STRING OPTIONS(description='stock keeping unit; NULL when the line is not item-coded'),
  `supplier` STRING OPTIONS(description='supplier (vendor)'),
  `origin` STRING OPTIONS(description='where the goods left from'),
  `destination` STRING OPTIONS(description='where the goods went (location, or country)'),
  `mode` STRING OPTIONS(description='shipment mode, e.g. Air, Truck, Ocean'),
  `carrier` STRING OPTIONS(description='carrier or fulfilment channel'),
  `ship_date` DATE OPTIONS(description='day the purchase order was sent to the supplier'),
  `scheduled_date` DATE OPTIONS(description='day delivery was scheduled for'),
  `delivered_date` DATE OPTIONS(description='day the goods were delivered'),
  `quantity` FLOAT64 OPTIONS(description='units shipped'),
  `lineage` STRING OPTIONS(description='where the row came from (file and line, or record id) and which fields are synthetic')
)
OPTIONS(description='source table, one row per shipment line');

CREATE TABLE IF NOT EXISTS `${dataset}.model_runs` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `started_at` DATETIME NOT NULL OPTIONS(description='when the run started (UTC)'),
  `finished_at` DATETIME OPTIONS(description='when the run finished (UTC); NULL while running'),
  `status` STRING NOT NULL OPTIONS(description='running, complete or failed'),
  `options` STRING OPTIONS(description='the run\'s options as JSON (no credentials)'),
  `source_snapshot` STRING OPTIONS(description='the source tables read, as JSON'),
  `code_version` STRING OPTIONS(description='demandcast version that ran'),
  `rows_read` INT64 OPTIONS(description='source rows read, all tables'),
  `rows_rejected` INT64 OPTIONS(description='rows written to rejected_records'),
  `rows_written` INT64 OPTIONS(description='output rows written, all output tables'),
  `message` STRING OPTIONS(description='failure message, or NULL'),
  `heartbeat_at` DATETIME OPTIONS(description='while running: when the job last said it is alive (UTC, every minute; Hive and BigQuery outputs); a run silent for 10 minutes is taken as abandoned')
)
OPTIONS(description='output table, one row per run');

CREATE TABLE IF NOT EXISTS `${dataset}.demand_forecasts` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='location'),
  `period_start` DATE NOT NULL OPTIONS(description='first day of the target period'),
  `horizon` INT64 NOT NULL OPTIONS(description='periods ahead of the forecast origin, 1 = next period'),
  `mean` FLOAT64 NOT NULL OPTIONS(description='point forecast, units per period'),
  `p10` FLOAT64 NOT NULL OPTIONS(description='10% quantile, units per period'),
  `p50` FLOAT64 NOT NULL OPTIONS(description='median, units per period'),
  `p90` FLOAT64 NOT NULL OPTIONS(description='90% quantile, units per period'),
  `model` STRING NOT NULL OPTIONS(description='the model that made the forecast')
)
PARTITION BY DATE_TRUNC(`period_start`, MONTH)
CLUSTER BY `run_id`, `sku`, `location`
OPTIONS(description='output table, one row per run x sku x location x target period');

CREATE TABLE IF NOT EXISTS `${dataset}.forecast_explanations` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='location'),
  `period_start` DATE NOT NULL OPTIONS(description='first day of the target period'),
  `horizon` INT64 NOT NULL OPTIONS(description='periods ahead of the forecast origin, 1 = next period'),
  `model` STRING NOT NULL OPTIONS(description='the model the component belongs to: a member of the combination (ets, theta, arima, seasonal_naive, mstlf, croston_sba, tsb, moving_average, global_...), or demand_forecasts.model for floor_at_zero'),
  `component` STRING NOT NULL OPTIONS(description='level, trend, drift, season, season_<period>, adjusted (ARIMA of the adjusted series), interaction, last_season, intercept, base_value, a feature (LASSO term or TreeSHAP value), forecast, floor_at_zero; docs/analysts.md'),
  `value` FLOAT64 NOT NULL OPTIONS(description='the component\'s share of demand_forecasts.mean: the model\'s own component times its weight, units per period; the values of a series and period add up to its mean'),
  `weight` FLOAT64 OPTIONS(description='the model\'s weight in the forecast at this period, between 0 and 1 (1 for a single model; value / weight is the model\'s own component, units per period); NULL for floor_at_zero')
)
PARTITION BY DATE_TRUNC(`period_start`, MONTH)
CLUSTER BY `run_id`, `sku`, `location`
OPTIONS(description='output table, one row per run x sku x location x target period x model x component');

CREATE TABLE IF NOT EXISTS `${dataset}.forecast_accuracy` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='location'),
  `model` STRING NOT NULL OPTIONS(description='candidate model'),
  `mase` FLOAT64 OPTIONS(description='mean absolute scaled error over the rolling origins'),
  `rmsse` FLOAT64 OPTIONS(description='root mean squared scaled error (M5)'),
  `smape` FLOAT64 OPTIONS(description='symmetric MAPE in percent (M4)'),
  `bias` FLOAT64 OPTIONS(description='mean of forecast minus actual, units per period'),
  `coverage` FLOAT64 OPTIONS(description='share of actuals inside the p10-p90 band'),
  `windows` INT64 NOT NULL OPTIONS(description='rolling-origin windows evaluated'),
  `selected` BOOL NOT NULL OPTIONS(description='whether this model made the series\' forecast'),
  `failure` STRING OPTIONS(description='why the model could not be fitted, or NULL'),
  `spec` STRING OPTIONS(description='selected row: the model\'s full specification (settings, seed) or the combination and its members'),
  `parameters` STRING OPTIONS(description='selected row: the fitted parameters as a JSON object'),
  `training_periods` INT64 OPTIONS(description='selected row: periods the final model was fitted on (the whole history)'),
  `intervals` STRING OPTIONS(description='selected row: how the quantiles were made, model (own variance) or empirical (backtest errors)')
)
CLUSTER BY `run_id`, `sku`, `location`
OPTIONS(description='output table, one row per run x sku x location x model');

CREATE TABLE IF NOT EXISTS `${dataset}.inventory_recommendations` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='location'),
  `on_hand` FLOAT64 NOT NULL OPTIONS(description='units on hand at the snapshot'),
  `quarantined` FLOAT64 NOT NULL OPTIONS(description='units on hand held back (quality hold, IoT excursion)'),
  `on_order` FLOAT64 NOT NULL OPTIONS(description='units on open purchase orders'),
  `inventory_position` FLOAT64 NOT NULL OPTIONS(description='on hand - quarantined + on order - backorders, units'),
  `lead_time_mean_days` FLOAT64 NOT NULL OPTIONS(description='mean supplier lead time, days'),
  `lead_time_sd_days` FLOAT64 NOT NULL OPTIONS(description='standard deviation of the lead time, days'),
  `lead_time_basis` STRING OPTIONS(description='which shipments the lead time comes from'),
  `service_level` FLOAT64 NOT NULL OPTIONS(description='service target, in the measure of service_measure'),
  `service_measure` STRING OPTIONS(description='what service_level measures: fill_rate (beta) or cycle_service (alpha)'),
  `policy` STRING OPTIONS(description='replenishment policy: s_S, s_Q or R_S'),
  `review_period_days` FLOAT64 OPTIONS(description='days between reviews for R_S; 0 otherwise'),
  `abc_class` STRING OPTIONS(description='A, B or C by annual forecast value'),
  `xyz_class` STRING OPTIONS(description='X, Y or Z by coefficient of variation of demand'),
  `distribution` STRING OPTIONS(description='protection-interval demand distribution: normal, poisson, negative_binomial or empirical'),
  `safety_stock` FLOAT64 NOT NULL OPTIONS(description='units'),
  `reorder_point` FLOAT64 NOT NULL OPTIONS(description='units; order when the position is at or below'),
  `order_up_to` FLOAT64 NOT NULL OPTIONS(description='units; reorder point plus order quantity'),
  `order_quantity` FLOAT64 OPTIONS(description='lot size Q in units (s_Q, s_S); expected demand per review period for R_S'),
  `eoq` FLOAT64 NOT NULL OPTIONS(description='economic order quantity, units'),
  `recommended_order_qty` FLOAT64 NOT NULL OPTIONS(description='units to order now'),
  `unit_cost` FLOAT64 NOT NULL OPTIONS(description='currency per unit'),
  `expected_fill_rate` FLOAT64 NOT NULL OPTIONS(description='expected fill rate (beta) of the policy'),
  `expected_cycle_service` FLOAT64 OPTIONS(description='expected cycle service level (alpha) of the policy'),
  `expected_holding_cost` FLOAT64 OPTIONS(description='expected cost of the stock on hand, currency per year'),
  `days_of_cover` FLOAT64 OPTIONS(description='available stock over daily demand; NULL when no demand'),
  `model` STRING NOT NULL OPTIONS(description='the forecast model behind the recommendation'),
  `reason` STRING NOT NULL OPTIONS(description='why, in a planner\'s words'),
  `supplier` STRING OPTIONS(description='the item\'s supplier (erp_items.supplier); NULL when unknown'),
  `ship_mode` STRING OPTIONS(description='the item\'s shipment mode (erp_items.ship_mode); NULL when unknown'),
  `lead_time_source` STRING OPTIONS(description='which shipments the lead time comes from: lane (the item\'s supplier x ship_mode), supplier (all its modes), all_shipments, or default (--default-lead-time-days)'),
  `lead_time_shipments` INT64 OPTIONS(description='shipments (count) behind the lead time; NULL for the default'),
  `protection_days` FLOAT64 OPTIONS(description='protection interval: lead_time_mean_days + review_period_days, days'),
  `demand_per_day` FLOAT64 OPTIONS(description='forecast demand per day over the protection interval, units per day'),
  `protection_demand_mean` FLOAT64 OPTIONS(description='expected demand over the protection interval, units'),
  `protection_demand_sd` FLOAT64 OPTIONS(description='standard deviation of the demand over the protection interval (forecast error and lead-time variability), units'),
  `service_level_source` STRING OPTIONS(description='where service_level comes from: item (erp_items.service_level), class K (the --class-service-levels entry K) or run (--service-level)'),
  `backorders` FLOAT64 OPTIONS(description='units owed to customers, subtracted from the position; 0: no source records them yet'),
  `moq` FLOAT64 OPTIONS(description='minimum order quantity, units'),
  `case_pack` INT64 OPTIONS(description='units per case; orders are whole cases'),
  `shelf_life_days` INT64 OPTIONS(description='shelf life, days; NULL when not perishable'),
  `shelf_life_max_order` FLOAT64 OPTIONS(description='largest order the shelf life allows: demand over the shelf life in whole cases, at least the MOQ in whole cases, units; NULL when not perishable'),
  `order_by_policy` FLOAT64 OPTIONS(description='the policy\'s order, units: s_Q whole lots lifting the position above the reorder point, s_S and R_S order_up_to - inventory_position; 0 when no order is due'),
  `order_after_moq` FLOAT64 OPTIONS(description='order_by_policy raised to at least the MOQ, units'),
  `order_after_case_pack` FLOAT64 OPTIONS(description='order_after_moq rounded up to whole cases, units'),
  `order_after_shelf_life` FLOAT64 OPTIONS(description='order_after_case_pack capped at shelf_life_max_order, units; the order before any capacity cut'),
  `location_capacity` FLOAT64 OPTIONS(description='the location\'s capacity (--location-capacity), units; NULL when none; orders are cut to fit on hand + on order + orders')
)
CLUSTER BY `run_id`, `sku`, `location`
OPTIONS(description='output table, one row per run x sku x location');

CREATE TABLE IF NOT EXISTS `${dataset}.policy_simulation` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `sku` STRING NOT NULL OPTIONS(description='stock keeping unit'),
  `location` STRING NOT NULL OPTIONS(description='location'),
  `model` STRING NOT NULL OPTIONS(description='the forecast behind the simulated policy'),
  `selected` BOOL NOT NULL OPTIONS(description='whether this is the forecast the run uses'),
  `abc_class` STRING OPTIONS(description='A, B or C'),
  `xyz_class` STRING OPTIONS(description='X, Y or Z'),
  `policy` STRING NOT NULL OPTIONS(description='s_S, s_Q or R_S'),
  `service_measure` STRING NOT NULL OPTIONS(description='fill_rate or cycle_service'),
  `service_target` FLOAT64 NOT NULL OPTIONS(description='the target the policy was set for'),
  `periods` INT64 NOT NULL OPTIONS(description='held-out periods replayed'),
  `history_periods` INT64 NOT NULL OPTIONS(description='periods of history before them'),
  `demand` FLOAT64 NOT NULL OPTIONS(description='units demanded in the held-out periods'),
  `forecast_demand` FLOAT64 OPTIONS(description='units the forecast behind the policy expected over the held-out periods'),
  `achieved_cycle_service` FLOAT64 OPTIONS(description='share of replenishment cycles without a stock-out; NULL when no cycle ended'),
  `achieved_fill_rate` FLOAT64 OPTIONS(description='share of demand met from stock; NULL when there was no demand'),
  `expected_fill_rate` FLOAT64 NOT NULL OPTIONS(description='fill rate the policy promised'),
  `avg_inventory` FLOAT64 NOT NULL OPTIONS(description='average units on hand'),
  `stockout_periods` INT64 NOT NULL OPTIONS(description='periods with demand not met from stock'),
  `orders` INT64 NOT NULL OPTIONS(description='orders placed'),
  `holding_cost` FLOAT64 NOT NULL OPTIONS(description='currency'),
  `ordering_cost` FLOAT64 NOT NULL OPTIONS(description='currency'),
  `total_cost` FLOAT64 NOT NULL OPTIONS(description='holding plus ordering cost, currency'),
  `reorder_point` FLOAT64 NOT NULL OPTIONS(description='units'),
  `order_up_to` FLOAT64 NOT NULL OPTIONS(description='units')
)
CLUSTER BY `run_id`, `sku`, `location`
OPTIONS(description='output table, one row per run x sku x location x model');

CREATE TABLE IF NOT EXISTS `${dataset}.rejected_records` (
  `run_id` STRING NOT NULL OPTIONS(description='the run that wrote the row'),
  `source` STRING NOT NULL OPTIONS(description='the source table (and file) the record came from'),
  `payload` STRING NOT NULL OPTIONS(description='the record as read, JSON'),
  `reason` STRING NOT NULL OPTIONS(description='why it was rejected'),
  `ts` DATETIME NOT NULL OPTIONS(description='when it was rejected (UTC)'),
  `occurrence` INT64 OPTIONS(description='1 for a rejected record, n for the n-th identical one (same source, payload and reason) of the run: identical source rows are each kept')
)
PARTITION BY DATE(`ts`)
CLUSTER BY `run_id`
OPTIONS(description='output table, one row per run x rejected record');
