-- Which items must we reorder now, from which supplier, and what do the orders cost?
--
-- The reorder_now view (latest complete run: inventory position at or below the reorder point,
-- with units to order) per supplier of erp_items: items, units, order value (units times unit
-- cost, currency) and each supplier's share of the total order value, largest value first. For
-- the item list itself: SELECT * FROM reorder_now.
SELECT coalesce(i.supplier, '(no supplier)') AS supplier,
       count(*) AS items,
       sum(n.recommended_order_qty) AS units,
       round(sum(n.order_value), 2) AS order_value,
       sum(n.order_value) / sum(sum(n.order_value)) OVER () AS share_of_value,
       max(n.order_value) AS largest_order_value
FROM reorder_now n
LEFT JOIN erp_items i ON i.sku = n.sku
GROUP BY 1
ORDER BY sum(n.order_value) DESC, supplier;
