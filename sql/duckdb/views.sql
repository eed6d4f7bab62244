-- demandcast analysts' views, DuckDB dialect.
-- Each latest_* view shows the rows of the latest complete run only: a run that is still running,
-- or that failed, never shows here, and a re-run of a run_id replaces its rows, so no row is
-- duplicated. demandcast (re)creates these views every time it opens the warehouse.

-- The latest run whose status is 'complete'.
CREATE OR REPLACE VIEW latest_run AS
SELECT run_id, started_at, finished_at, rows_read, rows_rejected, rows_written
FROM model_runs
WHERE status = 'complete'
ORDER BY finished_at DESC, run_id DESC
LIMIT 1;

-- Forecasts of the latest complete run: one row per SKU, location and target period.
CREATE OR REPLACE VIEW latest_forecasts AS
SELECT f.*
FROM demand_forecasts f
JOIN latest_run r ON f.run_id = r.run_id;

-- Backtest accuracy of every candidate model in the latest complete run.
CREATE OR REPLACE VIEW latest_accuracy AS
SELECT a.*
FROM forecast_accuracy a
JOIN latest_run r ON a.run_id = r.run_id;

-- Inventory recommendations of the latest complete run, largest order value first.
CREATE OR REPLACE VIEW latest_recommendations AS
SELECT i.*, i.recommended_order_qty * i.unit_cost AS order_value
FROM inventory_recommendations i
JOIN latest_run r ON i.run_id = r.run_id
ORDER BY order_value DESC, i.sku, i.location;

-- Records the latest complete run rejected, with the reason.
CREATE OR REPLACE VIEW latest_rejected_records AS
SELECT j.*
FROM rejected_records j
JOIN latest_run r ON j.run_id = r.run_id;

-- Accuracy per model in the latest complete run: how often each model was chosen and how well
-- every candidate did on the rolling-origin backtest.
CREATE OR REPLACE VIEW forecast_accuracy_by_model AS
SELECT model,
       count(*) AS series,
       count(*) FILTER (WHERE selected) AS times_selected,
       avg(mase) AS mean_mase,
       median(mase) AS median_mase,
       avg(rmsse) AS mean_rmsse,
       avg(smape) AS mean_smape,
       avg(coverage) AS mean_coverage,
       count(*) FILTER (WHERE failure IS NOT NULL) AS failures
FROM latest_accuracy
GROUP BY model
ORDER BY mean_mase;
