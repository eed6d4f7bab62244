-- demandcast canonical tables, Hive dialect (HiveQL, Hive 3.0 or later).
-- Generated from io.demandcast.connectors.schema.CanonicalTables: do not edit;
-- regenerate with: ./demandcast ddl --dialect hive > sql/hive/tables.sql
--
-- Run with Beeline into an existing database, which the ${database} variable names:
--   beeline -u jdbc:hive2://HOST:PORT --hivevar database=demandcast -f sql/hive/tables.sql
--
-- Output tables are PARTITIONED BY (run_id STRING): a run writes one partition, a re-run
-- replaces it (INSERT OVERWRITE ... PARTITION (run_id='...')); model_runs too, so that a
-- run's state (running, complete, failed) changes by replacing its one-row partition. Hive
-- puts a partition column after the data columns, so run_id is not in their column list
-- and comes last in SELECT *.
-- Storage: ORC (Hive's own columnar format; its ACID managed tables require it).
-- Types: TIMESTAMP has no time zone, as in the canonical schema; UTC columns say so.
-- NOT NULL: enforced on output tables (a bare NOT NULL is ENABLE NOVALIDATE: an INSERT of
-- NULL fails); declared only on source tables (DISABLE NOVALIDATE: not enforced and not
-- relied on, so the job's validation sees and rejects a NULL key, and the same definition
-- works for an EXTERNAL table).
-- Not here: the analysts' views, in sql/hive/views.sql (demandcast creates them).

CREATE TABLE IF NOT EXISTS `${database}`.`erp_items` (
  `sku` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'stock keeping unit',
  `description` STRING COMMENT 'item description',
  `category` STRING COMMENT 'item family used for segmenting',
  `unit_cost` DOUBLE COMMENT 'purchase cost, currency per unit',
  `holding_cost_rate` DOUBLE COMMENT 'holding cost per year as a fraction of unit cost',
  `order_cost` DOUBLE COMMENT 'fixed cost of placing one order, currency',
  `case_pack` INT COMMENT 'units per case; orders are multiples of it',
  `moq` DOUBLE COMMENT 'minimum order quantity, units',
  `supplier` STRING COMMENT 'supplier (vendor) the item is bought from',
  `ship_mode` STRING COMMENT 'usual shipment mode from the supplier, e.g. Air, Truck',
  `shelf_life_days` INT COMMENT 'shelf life in days; NULL when not perishable',
  `review_period_days` INT COMMENT 'days between periodic reviews: the item gets an (R, S) policy; NULL for continuous review',
  `service_level` DOUBLE COMMENT 'the item\'s own service target in (0, 1), in the run\'s service measure; NULL for the class or run target',
  `lineage` STRING COMMENT 'where the row came from (file and line, or record id) and which fields are synthetic'
)
COMMENT 'source table, one row per sku'
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`erp_sales` (
  `sku` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'stock keeping unit',
  `location` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'selling or stocking location',
  `date` DATE NOT NULL DISABLE NOVALIDATE COMMENT 'day of the sale, or first day of the period it sums',
  `quantity` DOUBLE COMMENT 'units sold; NULL means not recorded (missing)',
  `unit_price` DOUBLE COMMENT 'selling price, currency per unit',
  `promo` BOOLEAN COMMENT 'whether a promotion ran',
  `lineage` STRING COMMENT 'where the row came from (file and line, or record id) and which fields are synthetic'
)
COMMENT 'source table, one row per sku x location x date'
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`erp_inventory` (
  `sku` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'stock keeping unit',
  `location` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'stocking location',
  `snapshot_date` DATE NOT NULL DISABLE NOVALIDATE COMMENT 'day the stock was counted (end of day)',
  `on_hand` DOUBLE COMMENT 'units on hand',
  `quarantined` DOUBLE COMMENT 'units on hand held back from sale (quality hold)',
  `lineage` STRING COMMENT 'where the row came from (file and line, or record id) and which fields are synthetic'
)
COMMENT 'source table, one row per sku x location x snapshot_date'
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`erp_purchase_orders` (
  `po_id` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'purchase order line id',
  `sku` STRING COMMENT 'stock keeping unit',
  `location` STRING COMMENT 'receiving location',
  `quantity` DOUBLE COMMENT 'units ordered',
  `order_date` DATE COMMENT 'day the order was placed',
  `expected_date` DATE COMMENT 'day the goods are expected',
  `received_date` DATE COMMENT 'day the goods arrived; NULL while open',
  `status` STRING COMMENT 'open, received or cancelled',
  `lineage` STRING COMMENT 'where the row came from (file and line, or record id) and which fields are synthetic'
)
COMMENT 'source table, one row per purchase order line'
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`iot_readings` (
  `sensor_id` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'sensor id',
  `location` STRING COMMENT 'location the sensor watches',
  `sku` STRING COMMENT 'SKU the sensor watches; NULL for an area sensor',
  `ts` TIMESTAMP NOT NULL DISABLE NOVALIDATE COMMENT 'reading time, local time of the location',
  `metric` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'what is measured, e.g. temperature_c, shelf_units',
  `value` DOUBLE COMMENT 'the reading, in the metric\'s unit',
  `lineage` STRING COMMENT 'where the row came from (file and line, or record id) and which fields are synthetic'
)
COMMENT 'source table, one row per sensor x timestamp x metric'
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`logistics_shipments` (
  `shipment_id` STRING NOT NULL DISABLE NOVALIDATE COMMENT 'shipment line id',
  `sku` STRING COMMENT 'stock keeping unit; NULL when the line is not item-coded',
  `supplier` STRING COMMENT 'supplier (vendor)',
  `origin` STRING COMMENT 'where the goods left from',
  `destination` STRING COMMENT 'where the goods went (location, or country)',
  `mode` STRING COMMENT 'shipment mode, e.g. Air, Truck, Ocean',
  `carrier` STRING COMMENT 'carrier or fulfilment channel',
  `ship_date` DATE COMMENT 'day the purchase order was sent to the supplier',
  `scheduled_date` DATE COMMENT 'day delivery was scheduled for',
  `delivered_date` DATE COMMENT 'day the goods were delivered',
  `quantity` DOUBLE COMMENT 'units shipped',
  `lineage` STRING COMMENT 'where the row came from (file and line, or record id) and which fields are synthetic'
)
COMMENT 'source table, one row per shipment line'
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`model_runs` (
  `started_at` TIMESTAMP NOT NULL COMMENT 'when the run started (UTC)',
  `finished_at` TIMESTAMP COMMENT 'when the run finished (UTC); NULL while running',
  `status` STRING NOT NULL COMMENT 'running, complete or failed',
  `options` STRING COMMENT 'the run\'s options as JSON (no credentials)',
  `source_snapshot` STRING COMMENT 'the source tables read, as JSON',
  `code_version` STRING COMMENT 'demandcast version that ran',
  `rows_read` BIGINT COMMENT 'source rows read, all tables',
  `rows_rejected` BIGINT COMMENT 'rows written to rejected_records',
  `rows_written` BIGINT COMMENT 'output rows written, all output tables',
  `message` STRING COMMENT 'failure message, or NULL',
  `heartbeat_at` TIMESTAMP COMMENT 'while running: when the job last said it is alive (UTC, every minute; Hive and BigQuery outputs); a run silent for 10 minutes is taken as abandoned'
)
COMMENT 'output table, one row per run'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`demand_forecasts` (
  `sku` STRING NOT NULL COMMENT 'stock keeping unit',
  `location` STRING NOT NULL COMMENT 'location',
  `period_start` DATE NOT NULL COMMENT 'first day of the target period',
  `horizon` INT NOT NULL COMMENT 'periods ahead of the forecast origin, 1 = next period',
  `mean` DOUBLE NOT NULL COMMENT 'point forecast, units per period',
  `p10` DOUBLE NOT NULL COMMENT '10% quantile, units per period',
  `p50` DOUBLE NOT NULL COMMENT 'median, units per period',
  `p90` DOUBLE NOT NULL COMMENT '90% quantile, units per period',
  `model` STRING NOT NULL COMMENT 'the model that made the forecast'
)
COMMENT 'output table, one row per run x sku x location x target period'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`forecast_explanations` (
  `sku` STRING NOT NULL COMMENT 'stock keeping unit',
  `location` STRING NOT NULL COMMENT 'location',
  `period_start` DATE NOT NULL COMMENT 'first day of the target period',
  `horizon` INT NOT NULL COMMENT 'periods ahead of the forecast origin, 1 = next period',
  `model` STRING NOT NULL COMMENT 'the model the component belongs to: a member of the combination (ets, theta, arima, seasonal_naive, mstlf, croston_sba, tsb, moving_average, global_...), or demand_forecasts.model for floor_at_zero',
  `component` STRING NOT NULL COMMENT 'level, trend, drift, season, season_<period>, adjusted (ARIMA of the adjusted series), interaction, last_season, intercept, base_value, a feature (LASSO term or TreeSHAP value), forecast, floor_at_zero; docs/analysts.md',
  `value` DOUBLE NOT NULL COMMENT 'the component\'s share of demand_forecasts.mean: the model\'s own component times its weight, units per period; the values of a series and period add up to its mean',
  `weight` DOUBLE COMMENT 'the model\'s weight in the forecast at this period, between 0 and 1 (1 for a single model; value / weight is the model\'s own component, units per period); NULL for floor_at_zero'
)
COMMENT 'output table, one row per run x sku x location x target period x model x component'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`forecast_accuracy` (
  `sku` STRING NOT NULL COMMENT 'stock keeping unit',
  `location` STRING NOT NULL COMMENT 'location',
  `model` STRING NOT NULL COMMENT 'candidate model',
  `mase` DOUBLE COMMENT 'mean absolute scaled error over the rolling origins',
  `rmsse` DOUBLE COMMENT 'root mean squared scaled error (M5)',
  `smape` DOUBLE COMMENT 'symmetric MAPE in percent (M4)',
  `bias` DOUBLE COMMENT 'mean of forecast minus actual, units per period',
  `coverage` DOUBLE COMMENT 'share of actuals inside the p10-p90 band',
  `windows` INT NOT NULL COMMENT 'rolling-origin windows evaluated',
  `selected` BOOLEAN NOT NULL COMMENT 'whether this model made the series\' forecast',
  `failure` STRING COMMENT 'why the model could not be fitted, or NULL',
  `spec` STRING COMMENT 'selected row: the model\'s full specification (settings, seed) or the combination and its members',
  `parameters` STRING COMMENT 'selected row: the fitted parameters as a JSON object',
  `training_periods` INT COMMENT 'selected row: periods the final model was fitted on (the whole history)',
  `intervals` STRING COMMENT 'selected row: how the quantiles were made, model (own variance) or empirical (backtest errors)'
)
COMMENT 'output table, one row per run x sku x location x model'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`inventory_recommendations` (
  `sku` STRING NOT NULL COMMENT 'stock keeping unit',
  `location` STRING NOT NULL COMMENT 'location',
  `on_hand` DOUBLE NOT NULL COMMENT 'units on hand at the snapshot',
  `quarantined` DOUBLE NOT NULL COMMENT 'units on hand held back (quality hold, IoT excursion)',
  `on_order` DOUBLE NOT NULL COMMENT 'units on open purchase orders',
  `inventory_position` DOUBLE NOT NULL COMMENT 'on hand - quarantined + on order - backorders, units',
  `lead_time_mean_days` DOUBLE NOT NULL COMMENT 'mean supplier lead time, days',
  `lead_time_sd_days` DOUBLE NOT NULL COMMENT 'standard deviation of the lead time, days',
  `lead_time_basis` STRING COMMENT 'which shipments the lead time comes from',
  `service_level` DOUBLE NOT NULL COMMENT 'service target, in the measure of service_measure',
  `service_measure` STRING COMMENT 'what service_level measures: fill_rate (beta) or cycle_service (alpha)',
  `policy` STRING COMMENT 'replenishment policy: s_S, s_Q or R_S',
  `review_period_days` DOUBLE COMMENT 'days between reviews for R_S; 0 otherwise',
  `abc_class` STRING COMMENT 'A, B or C by annual forecast value',
  `xyz_class` STRING COMMENT 'X, Y or Z by coefficient of variation of demand',
  `distribution` STRING COMMENT 'protection-interval demand distribution: normal, poisson, negative_binomial or empirical',
  `safety_stock` DOUBLE NOT NULL COMMENT 'units',
  `reorder_point` DOUBLE NOT NULL COMMENT 'units; order when the position is at or below',
  `order_up_to` DOUBLE NOT NULL COMMENT 'units; reorder point plus order quantity',
  `order_quantity` DOUBLE COMMENT 'lot size Q in units (s_Q, s_S); expected demand per review period for R_S',
  `eoq` DOUBLE NOT NULL COMMENT 'economic order quantity, units',
  `recommended_order_qty` DOUBLE NOT NULL COMMENT 'units to order now',
  `unit_cost` DOUBLE NOT NULL COMMENT 'currency per unit',
  `expected_fill_rate` DOUBLE NOT NULL COMMENT 'expected fill rate (beta) of the policy',
  `expected_cycle_service` DOUBLE COMMENT 'expected cycle service level (alpha) of the policy',
  `expected_holding_cost` DOUBLE COMMENT 'expected cost of the stock on hand, currency per year',
  `days_of_cover` DOUBLE COMMENT 'available stock over daily demand; NULL when no demand',
  `model` STRING NOT NULL COMMENT 'the forecast model behind the recommendation',
  `reason` STRING NOT NULL COMMENT 'why, in a planner\'s words',
  `supplier` STRING COMMENT 'the item\'s supplier (erp_items.supplier); NULL when unknown',
  `ship_mode` STRING COMMENT 'the item\'s shipment mode (erp_items.ship_mode); NULL when unknown',
  `lead_time_source` STRING COMMENT 'which shipments the lead time comes from: lane (the item\'s supplier x ship_mode), supplier (all its modes), all_shipments, or default (--default-lead-time-days)',
  `lead_time_shipments` BIGINT COMMENT 'shipments (count) behind the lead time; NULL for the default',
  `protection_days` DOUBLE COMMENT 'protection interval: lead_time_mean_days + review_period_days, days',
  `demand_per_day` DOUBLE COMMENT 'forecast demand per day over the protection interval, units per day',
  `protection_demand_mean` DOUBLE COMMENT 'expected demand over the protection interval, units',
  `protection_demand_sd` DOUBLE COMMENT 'standard deviation of the demand over the protection interval (forecast error and lead-time variability), units',
  `service_level_source` STRING COMMENT 'where service_level comes from: item (erp_items.service_level), class K (the --class-service-levels entry K) or run (--service-level)',
  `backorders` DOUBLE COMMENT 'units owed to customers, subtracted from the position; 0: no source records them yet',
  `moq` DOUBLE COMMENT 'minimum order quantity, units',
  `case_pack` INT COMMENT 'units per case; orders are whole cases',
  `shelf_life_days` INT COMMENT 'shelf life, days; NULL when not perishable',
  `shelf_life_max_order` DOUBLE COMMENT 'largest order the shelf life allows: demand over the shelf life in whole cases, at least the MOQ in whole cases, units; NULL when not perishable',
  `order_by_policy` DOUBLE COMMENT 'the policy\'s order, units: s_Q whole lots lifting the position above the reorder point, s_S and R_S order_up_to - inventory_position; 0 when no order is due',
  `order_after_moq` DOUBLE COMMENT 'order_by_policy raised to at least the MOQ, units',
  `order_after_case_pack` DOUBLE COMMENT 'order_after_moq rounded up to whole cases, units',
  `order_after_shelf_life` DOUBLE COMMENT 'order_after_case_pack capped at shelf_life_max_order, units; the order before any capacity cut',
  `location_capacity` DOUBLE COMMENT 'the location\'s capacity (--location-capacity), units; NULL when none; orders are cut to fit on hand + on order + orders'
)
COMMENT 'output table, one row per run x sku x location'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`policy_simulation` (
  `sku` STRING NOT NULL COMMENT 'stock keeping unit',
  `location` STRING NOT NULL COMMENT 'location',
  `model` STRING NOT NULL COMMENT 'the forecast behind the simulated policy',
  `selected` BOOLEAN NOT NULL COMMENT 'whether this is the forecast the run uses',
  `abc_class` STRING COMMENT 'A, B or C',
  `xyz_class` STRING COMMENT 'X, Y or Z',
  `policy` STRING NOT NULL COMMENT 's_S, s_Q or R_S',
  `service_measure` STRING NOT NULL COMMENT 'fill_rate or cycle_service',
  `service_target` DOUBLE NOT NULL COMMENT 'the target the policy was set for',
  `periods` INT NOT NULL COMMENT 'held-out periods replayed',
  `history_periods` INT NOT NULL COMMENT 'periods of history before them',
  `demand` DOUBLE NOT NULL COMMENT 'units demanded in the held-out periods',
  `forecast_demand` DOUBLE COMMENT 'units the forecast behind the policy expected over the held-out periods',
  `achieved_cycle_service` DOUBLE COMMENT 'share of replenishment cycles without a stock-out; NULL when no cycle ended',
  `achieved_fill_rate` DOUBLE COMMENT 'share of demand met from stock; NULL when there was no demand',
  `expected_fill_rate` DOUBLE NOT NULL COMMENT 'fill rate the policy promised',
  `avg_inventory` DOUBLE NOT NULL COMMENT 'average units on hand',
  `stockout_periods` INT NOT NULL COMMENT 'periods with demand not met from stock',
  `orders` INT NOT NULL COMMENT 'orders placed',
  `holding_cost` DOUBLE NOT NULL COMMENT 'currency',
  `ordering_cost` DOUBLE NOT NULL COMMENT 'currency',
  `total_cost` DOUBLE NOT NULL COMMENT 'holding plus ordering cost, currency',
  `reorder_point` DOUBLE NOT NULL COMMENT 'units',
  `order_up_to` DOUBLE NOT NULL COMMENT 'units'
)
COMMENT 'output table, one row per run x sku x location x model'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;

CREATE TABLE IF NOT EXISTS `${database}`.`rejected_records` (
  `source` STRING NOT NULL COMMENT 'the source table (and file) the record came from',
  `payload` STRING NOT NULL COMMENT 'the record as read, JSON',
  `reason` STRING NOT NULL COMMENT 'why it was rejected',
  `ts` TIMESTAMP NOT NULL COMMENT 'when it was rejected (UTC)',
  `occurrence` INT COMMENT '1 for a rejected record, n for the n-th identical one (same source, payload and reason) of the run: identical source rows are each kept'
)
COMMENT 'output table, one row per run x rejected record'
PARTITIONED BY (`run_id` STRING COMMENT 'the run that wrote the row')
STORED AS ORC;
