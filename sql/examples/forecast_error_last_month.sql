-- Which SKUs drove the forecast error last month?
--
-- Last month is the latest month with sales in erp_sales. Its forecast is the one-month-ahead
-- forecast (horizon 1) of the latest complete run that forecast that month, i.e. last month's run;
-- the actual is the month's recorded sales (0 when the SKU sold nothing there; a SKU with a sale of
-- unknown quantity that month is left out). The error is weighted by unit cost so that the SKUs
-- that cost the most money come first: the 20 largest, with each one's share of the month's total
-- absolute error and the cumulative share (a Pareto list).
-- Needs a run from before the month's sales were loaded (monthly runs); a monthly calendar
-- (--period month, the default).
WITH last_month AS (
  SELECT CAST(max(date_trunc('month', date)) AS DATE) AS month
  FROM erp_sales
),
forecast_run AS (
  SELECT f.run_id, m.month
  FROM demand_forecasts f
  JOIN model_runs r ON r.run_id = f.run_id AND r.status = 'complete'
  JOIN last_month m ON f.period_start = m.month AND f.horizon = 1
  GROUP BY f.run_id, m.month, r.finished_at
  ORDER BY r.finished_at DESC
  LIMIT 1
),
actuals AS (
  SELECT s.sku,
         s.location,
         sum(s.quantity) AS actual,
         count(*) - count(s.quantity) AS unknown_quantities
  FROM erp_sales s
  JOIN forecast_run fr ON date_trunc('month', s.date) = fr.month
  GROUP BY s.sku, s.location
),
errors AS (
  SELECT fr.month,
         fr.run_id AS forecast_run_id,
         f.sku,
         f.location,
         f.model,
         f.mean AS forecast,
         coalesce(a.actual, 0) AS actual,
         f.mean - coalesce(a.actual, 0) AS error_units,
         abs(f.mean - coalesce(a.actual, 0)) * i.unit_cost AS abs_error_value
  FROM demand_forecasts f
  JOIN forecast_run fr ON f.run_id = fr.run_id AND f.period_start = fr.month AND f.horizon = 1
  JOIN erp_items i ON i.sku = f.sku
  LEFT JOIN actuals a ON a.sku = f.sku AND a.location = f.location
  -- leave out the series whose month holds a sale of unknown quantity
  WHERE coalesce(a.unknown_quantities, 0) = 0
)
SELECT month,
       forecast_run_id,
       sku,
       location,
       model,
       round(forecast, 2) AS forecast,
       actual,
       round(error_units, 2) AS error_units,
       round(abs_error_value, 2) AS abs_error_value,
       abs_error_value / sum(abs_error_value) OVER () AS share_of_error,
       sum(abs_error_value) OVER (ORDER BY abs_error_value DESC, sku, location)
         / sum(abs_error_value) OVER () AS cumulative_share
FROM errors
ORDER BY abs_error_value DESC, sku, location
LIMIT 20;
