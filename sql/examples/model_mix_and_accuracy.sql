-- Which models make our forecasts, and how accurate is each?
--
-- Per candidate model in the latest complete run: the series it was fitted to, its backtest
-- accuracy (mean and median MASE, mean RMSSE and sMAPE), the share of series where it beat the
-- seasonal naive baseline on MASE, how often it was selected on its own, and how often it was a
-- member of a selected combination (the selected row's spec lists the members, e.g.
-- mean(theta(...), ets(...), ...)). share_of_forecasts is the share of forecast series the model
-- took part in, alone or in the combination; most used first.
WITH candidates AS (
  SELECT a.*, b.mase AS baseline_mase
  FROM latest_accuracy a
  LEFT JOIN latest_accuracy b
    ON b.sku = a.sku AND b.location = a.location AND b.model = 'seasonal_naive'
  WHERE a.model <> 'none'
),
chosen AS (
  SELECT sku, location, model, spec FROM latest_accuracy WHERE selected
),
usage AS (
  SELECT m.model,
         count(*) FILTER (WHERE c.model = m.model) AS selected_alone,
         count(*) FILTER (WHERE c.model = 'combination' AND m.model <> 'combination'
                          AND c.spec LIKE '%' || m.model || '(%') AS in_combination
  FROM (SELECT DISTINCT model FROM candidates) m
  CROSS JOIN chosen c
  GROUP BY m.model
)
SELECT c.model,
       count(*) AS series,
       avg(c.mase) AS mean_mase,
       median(c.mase) AS median_mase,
       avg(c.rmsse) AS mean_rmsse,
       avg(c.smape) AS mean_smape,
       avg(CASE WHEN c.mase < c.baseline_mase THEN 1.0 ELSE 0.0 END)
         FILTER (WHERE c.mase IS NOT NULL AND c.baseline_mase IS NOT NULL)
         AS share_beating_seasonal_naive,
       any_value(u.selected_alone) AS selected_alone,
       any_value(u.in_combination) AS in_combination,
       (any_value(u.selected_alone) + any_value(u.in_combination))
         / (SELECT count(*) FROM chosen) AS share_of_forecasts
FROM candidates c
JOIN usage u ON u.model = c.model
GROUP BY c.model
ORDER BY share_of_forecasts DESC, mean_mase, c.model;
