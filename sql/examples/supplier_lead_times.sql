-- Which suppliers have the longest and least reliable lead times?
--
-- Per supplier and shipment mode of erp_items, the lead times the latest complete run planned
-- with (inventory_recommendations: mean and standard deviation in days, and where they come from,
-- e.g. the supplier x mode lane's shipments) and the coefficient of variation (standard deviation
-- over mean: above about 0.5 the lead time is unreliable); longest mean lead time first, with the
-- safety stock value it costs.
SELECT coalesce(i.supplier, '(no supplier)') AS supplier,
       coalesce(i.ship_mode, '(none)') AS ship_mode,
       count(*) AS items,
       avg(r.lead_time_mean_days) AS lead_time_mean_days,
       avg(r.lead_time_sd_days) AS lead_time_sd_days,
       avg(r.lead_time_sd_days) / nullif(avg(r.lead_time_mean_days), 0) AS lead_time_cv,
       min(r.lead_time_basis) AS lead_time_basis,
       round(sum(r.safety_stock * r.unit_cost), 2) AS safety_stock_value
FROM latest_recommendations r
LEFT JOIN erp_items i ON i.sku = r.sku
GROUP BY 1, 2
ORDER BY lead_time_mean_days DESC, supplier, ship_mode;
