-- Which items sit on more than half a year of stock, and what does that stock cost us?
--
-- The latest complete run's items whose available stock covers more than 180 days of forecast
-- demand (days_of_cover), with the stock's value at unit cost and the policy's expected yearly
-- holding cost; largest stock value first. Items without forecast demand have no days of cover
-- and are not listed.
SELECT sku,
       location,
       abc_class,
       on_hand - quarantined AS available_units,
       round(days_of_cover) AS days_of_cover,
       round((on_hand - quarantined) * unit_cost, 2) AS stock_value,
       round(expected_holding_cost, 2) AS expected_holding_cost_per_year,
       recommended_order_qty
FROM latest_recommendations
WHERE days_of_cover > 180
ORDER BY stock_value DESC, sku, location;
