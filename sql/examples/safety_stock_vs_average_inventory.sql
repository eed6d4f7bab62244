-- How much of our inventory is safety stock, per ABC class?
--
-- Per ABC class of the latest complete run: the safety stock of the recommended policies
-- (inventory_recommendations, units and value at unit cost) against the average inventory the
-- same policies held when the policy simulation replayed the held-out periods (the forecast the
-- run uses), and the safety stock's share of that average inventory. Safety stock can be negative
-- for a fill-rate target that the order quantity alone meets.
SELECT r.abc_class,
       count(*) AS items,
       sum(r.safety_stock) AS safety_stock_units,
       round(sum(r.safety_stock * r.unit_cost), 2) AS safety_stock_value,
       sum(s.avg_inventory) AS avg_inventory_units,
       round(sum(s.avg_inventory * r.unit_cost), 2) AS avg_inventory_value,
       sum(r.safety_stock * r.unit_cost) / nullif(sum(s.avg_inventory * r.unit_cost), 0)
         AS safety_share_of_inventory_value
FROM latest_recommendations r
JOIN latest_policy_simulation s
  ON s.sku = r.sku AND s.location = r.location AND s.selected
GROUP BY r.abc_class
ORDER BY r.abc_class;
