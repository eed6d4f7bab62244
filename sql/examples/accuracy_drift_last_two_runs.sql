-- Did forecast accuracy drift between the last two runs?
--
-- From the accuracy_trend view: the latest complete run's backtest accuracy of each series and
-- model against the same series and model in the complete run before it. Per model: the series
-- compared, mean MASE then and now, the mean change, and the shares of series that got worse or
-- better by more than 0.05 MASE; the models that lost the most accuracy first. A series that is
-- new in the latest run, or without a MASE in either run, is not compared.
WITH last_two AS (
  SELECT run_id, finished_at
  FROM model_runs
  WHERE status = 'complete'
  ORDER BY finished_at DESC, run_id DESC
  LIMIT 2
),
compared AS (
  SELECT t.*
  FROM accuracy_trend t
  WHERE t.run_id = (SELECT run_id FROM last_two ORDER BY finished_at DESC, run_id DESC LIMIT 1)
    AND t.previous_run_id = (SELECT run_id FROM last_two ORDER BY finished_at, run_id LIMIT 1)
    AND t.mase_change IS NOT NULL
)
SELECT model,
       any_value(previous_run_id) AS previous_run_id,
       any_value(run_id) AS run_id,
       count(*) AS series,
       avg(mase - mase_change) AS mean_mase_before,
       avg(mase) AS mean_mase_now,
       avg(mase_change) AS mean_mase_change,
       avg(CASE WHEN mase_change > 0.05 THEN 1.0 ELSE 0.0 END) AS share_worse,
       avg(CASE WHEN mase_change < -0.05 THEN 1.0 ELSE 0.0 END) AS share_better,
       arg_max(sku, mase_change) AS most_worsened_sku,
       max(mase_change) AS largest_mase_change
FROM compared
GROUP BY model
ORDER BY mean_mase_change DESC, model;
