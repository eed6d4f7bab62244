-- demandcast analysts' views, BigQuery dialect (GoogleSQL); the same views, with the same columns,
-- as sql/duckdb/views.sql.
-- Each latest_* view shows the rows of the latest complete run only: a run that is still running,
-- or that failed, never shows here, and a re-run of a run_id replaces its rows, so no row is
-- duplicated. demandcast (re)creates these views in the output dataset each time a run starts.
-- The views go to the dataset ${dataset} (dataset id, or project.dataset), next to the tables of
-- sql/bigquery/tables.sql. NULLs sort last, as in DuckDB (GoogleSQL's default puts them first in
-- ascending order). To create the views by hand:
--   dataset=my-project.demandcast envsubst '${dataset}' < sql/bigquery/views.sql \
--     | bq query --use_legacy_sql=false

-- The latest run whose status is 'complete'.
CREATE OR REPLACE VIEW `${dataset}.latest_run` AS
SELECT run_id, started_at, finished_at, rows_read, rows_rejected, rows_written
FROM `${dataset}.model_runs`
WHERE status = 'complete'
ORDER BY finished_at DESC, run_id DESC
LIMIT 1;

-- Forecasts of the latest complete run: one row per SKU, location and target period.
CREATE OR REPLACE VIEW `${dataset}.latest_forecasts` AS
SELECT f.*
FROM `${dataset}.demand_forecasts` f
JOIN `${dataset}.latest_run` r ON f.run_id = r.run_id;

-- The forecasts of the latest complete run split into their components: one row per SKU,
-- location, target period, model and component; the values of a SKU, location and period add up
-- to its latest_forecasts.mean (weight: the model's share of the combination).
CREATE OR REPLACE VIEW `${dataset}.latest_explanations` AS
SELECT e.*
FROM `${dataset}.forecast_explanations` e
JOIN `${dataset}.latest_run` r ON e.run_id = r.run_id;

-- Backtest accuracy of every candidate model in the latest complete run.
CREATE OR REPLACE VIEW `${dataset}.latest_accuracy` AS
SELECT a.*
FROM `${dataset}.forecast_accuracy` a
JOIN `${dataset}.latest_run` r ON a.run_id = r.run_id;

-- Inventory recommendations of the latest complete run, largest order value first.
CREATE OR REPLACE VIEW `${dataset}.latest_recommendations` AS
SELECT i.*, i.recommended_order_qty * i.unit_cost AS order_value
FROM `${dataset}.inventory_recommendations` i
JOIN `${dataset}.latest_run` r ON i.run_id = r.run_id
ORDER BY order_value DESC, i.sku, i.location;

-- Records the latest complete run rejected, with the reason.
CREATE OR REPLACE VIEW `${dataset}.latest_rejected_records` AS
SELECT j.*
FROM `${dataset}.rejected_records` j
JOIN `${dataset}.latest_run` r ON j.run_id = r.run_id;

-- Accuracy per model in the latest complete run: how often each model was chosen and how well
-- every candidate did on the rolling-origin backtest. GoogleSQL has no exact median aggregate:
-- median_mase is the exact (interpolated) median of PERCENTILE_CONT over each model's rows, as
-- DuckDB's median, taken once per model.
CREATE OR REPLACE VIEW `${dataset}.forecast_accuracy_by_model` AS
WITH a AS (
  SELECT *, PERCENTILE_CONT(mase, 0.5) OVER (PARTITION BY model) AS median_of_model
  FROM `${dataset}.latest_accuracy`
)
SELECT model,
       COUNT(*) AS series,
       COUNTIF(selected) AS times_selected,
       AVG(mase) AS mean_mase,
       ANY_VALUE(median_of_model) AS median_mase,
       AVG(rmsse) AS mean_rmsse,
       AVG(smape) AS mean_smape,
       AVG(coverage) AS mean_coverage,
       COUNTIF(failure IS NOT NULL) AS failures
FROM a
GROUP BY model
ORDER BY mean_mase NULLS LAST;

-- The policy simulation of the latest complete run: per SKU, location and forecast model, the
-- service and cost the policy achieved when it replayed the held-out periods.
CREATE OR REPLACE VIEW `${dataset}.latest_policy_simulation` AS
SELECT s.*
FROM `${dataset}.policy_simulation` s
JOIN `${dataset}.latest_run` r ON s.run_id = r.run_id;

-- Target against achieved service per ABC/XYZ class and forecast model in the latest complete run.
-- The fill rate is demand-weighted (units met from stock over units demanded); the cycle service is
-- the mean over items that completed a replenishment cycle.
CREATE OR REPLACE VIEW `${dataset}.service_by_class` AS
SELECT abc_class,
       xyz_class,
       model,
       service_measure,
       COUNT(*) AS items,
       AVG(service_target) AS target,
       SUM(demand * achieved_fill_rate) / NULLIF(SUM(demand), 0) AS achieved_fill_rate,
       AVG(achieved_cycle_service) AS achieved_cycle_service,
       AVG(expected_fill_rate) AS expected_fill_rate,
       SUM(avg_inventory) AS avg_inventory_units,
       SUM(stockout_periods) AS stockout_periods,
       SUM(total_cost) AS total_cost
FROM `${dataset}.latest_policy_simulation`
GROUP BY abc_class, xyz_class, model, service_measure
ORDER BY abc_class NULLS LAST, xyz_class NULLS LAST, model;

-- Backtest accuracy of every series and candidate model across the complete runs, to see drift:
-- one row per complete run, SKU, location and model, with the change of MASE, RMSSE and sMAPE
-- against the previous complete run of the same SKU, location and model (NULL in the series'
-- first run, or when either run has no value). Runs are ordered by their finish time.
CREATE OR REPLACE VIEW `${dataset}.accuracy_trend` AS
SELECT run_id,
       finished_at,
       sku,
       location,
       model,
       selected,
       mase,
       rmsse,
       smape,
       previous_run_id,
       mase - previous_mase AS mase_change,
       rmsse - previous_rmsse AS rmsse_change,
       smape - previous_smape AS smape_change
FROM (
  SELECT a.run_id AS run_id, r.finished_at AS finished_at, a.sku AS sku, a.location AS location,
         a.model AS model, a.selected AS selected, a.mase AS mase, a.rmsse AS rmsse,
         a.smape AS smape,
         LAG(a.run_id) OVER (PARTITION BY a.sku, a.location, a.model
                             ORDER BY r.finished_at, a.run_id) AS previous_run_id,
         LAG(a.mase) OVER (PARTITION BY a.sku, a.location, a.model
                           ORDER BY r.finished_at, a.run_id) AS previous_mase,
         LAG(a.rmsse) OVER (PARTITION BY a.sku, a.location, a.model
                            ORDER BY r.finished_at, a.run_id) AS previous_rmsse,
         LAG(a.smape) OVER (PARTITION BY a.sku, a.location, a.model
                            ORDER BY r.finished_at, a.run_id) AS previous_smape
  FROM `${dataset}.forecast_accuracy` a
  JOIN `${dataset}.model_runs` r ON a.run_id = r.run_id
  WHERE r.status = 'complete'
) t;

-- What to order now, from the latest complete run: the items whose inventory position is at or
-- below their reorder point (the policies' trigger) and that have units to order, with the order
-- value (units to order times unit cost, currency), largest value first.
CREATE OR REPLACE VIEW `${dataset}.reorder_now` AS
SELECT i.run_id AS run_id,
       i.sku AS sku,
       i.location AS location,
       i.abc_class AS abc_class,
       i.policy AS policy,
       i.inventory_position AS inventory_position,
       i.reorder_point AS reorder_point,
       i.order_up_to AS order_up_to,
       i.recommended_order_qty AS recommended_order_qty,
       i.unit_cost AS unit_cost,
       i.recommended_order_qty * i.unit_cost AS order_value,
       i.days_of_cover AS days_of_cover,
       i.lead_time_mean_days AS lead_time_mean_days
FROM `${dataset}.inventory_recommendations` i
JOIN `${dataset}.latest_run` r ON i.run_id = r.run_id
WHERE i.inventory_position <= i.reorder_point
  AND i.recommended_order_qty > 0
ORDER BY order_value DESC, sku, location;

-- Why each order of the latest complete run is the size it is: one row per SKU and location (every
-- recommendation, with an order or not), the columns of inventory_recommendations in the order
-- the planner computes them. The lead time (which lane, or which fallback, and how many
-- shipments) and the review period make the protection interval; the forecast gives its demand
-- (per day; mean, standard deviation and distribution over the interval); the service target
-- (from the item, its class or the run) sets the safety stock and the reorder point (and the
-- order-up-to level); the inventory position is on hand - quarantined + on order - backorders;
-- the order is the policy's rule, then the MOQ, the case pack and the shelf life, then the
-- location's capacity (recommended_order_qty). Quantities in units, value in currency; largest
-- order value first. Rows of runs before these columns existed read NULL in them.
CREATE OR REPLACE VIEW `${dataset}.latest_order_explanations` AS
SELECT i.run_id AS run_id,
       i.sku AS sku,
       i.location AS location,
       i.model AS model,
       i.supplier AS supplier,
       i.ship_mode AS ship_mode,
       i.lead_time_source AS lead_time_source,
       i.lead_time_shipments AS lead_time_shipments,
       i.lead_time_mean_days AS lead_time_mean_days,
       i.lead_time_sd_days AS lead_time_sd_days,
       i.policy AS policy,
       i.review_period_days AS review_period_days,
       i.protection_days AS protection_days,
       i.demand_per_day AS demand_per_day,
       i.distribution AS distribution,
       i.protection_demand_mean AS protection_demand_mean,
       i.protection_demand_sd AS protection_demand_sd,
       i.service_measure AS service_measure,
       i.service_level AS service_level,
       i.service_level_source AS service_level_source,
       i.abc_class AS abc_class,
       i.xyz_class AS xyz_class,
       i.safety_stock AS safety_stock,
       i.reorder_point AS reorder_point,
       i.eoq AS eoq,
       i.order_quantity AS order_quantity,
       i.order_up_to AS order_up_to,
       i.on_hand AS on_hand,
       i.quarantined AS quarantined,
       i.on_order AS on_order,
       i.backorders AS backorders,
       i.inventory_position AS inventory_position,
       i.order_by_policy AS order_by_policy,
       i.moq AS moq,
       i.order_after_moq AS order_after_moq,
       i.case_pack AS case_pack,
       i.order_after_case_pack AS order_after_case_pack,
       i.shelf_life_days AS shelf_life_days,
       i.shelf_life_max_order AS shelf_life_max_order,
       i.order_after_shelf_life AS order_after_shelf_life,
       i.location_capacity AS location_capacity,
       i.recommended_order_qty AS recommended_order_qty,
       i.unit_cost AS unit_cost,
       i.recommended_order_qty * i.unit_cost AS order_value,
       i.reason AS reason
FROM `${dataset}.inventory_recommendations` i
JOIN `${dataset}.latest_run` r ON i.run_id = r.run_id
ORDER BY order_value DESC, sku, location;
