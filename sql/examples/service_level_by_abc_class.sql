-- What service level did we achieve per ABC class, against the target?
--
-- From the latest complete run's policy simulation: the recommended policy, set from the forecast
-- the run uses (selected), replayed over the held-out periods of real demand. The fill rate is
-- demand-weighted (units met from stock over units demanded), the cycle service the mean over the
-- items that completed a replenishment cycle; the stock-out share is the share of simulated
-- periods with demand not met from stock. A negative gap means the class missed its target.
SELECT abc_class,
       service_measure,
       count(*) AS items,
       avg(service_target) AS target,
       sum(demand * achieved_fill_rate) / nullif(sum(demand), 0) AS achieved_fill_rate,
       avg(achieved_cycle_service) AS achieved_cycle_service,
       sum(stockout_periods) / sum(periods) AS stockout_share,
       CASE service_measure
         WHEN 'fill_rate' THEN sum(demand * achieved_fill_rate) / nullif(sum(demand), 0)
         ELSE avg(achieved_cycle_service)
       END - avg(service_target) AS gap
FROM latest_policy_simulation
WHERE selected
GROUP BY abc_class, service_measure
ORDER BY abc_class, service_measure;
