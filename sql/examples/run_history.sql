-- How did our runs go: when, how long, how much input was rejected, what did they recommend?
--
-- Every run in model_runs, newest first: status, duration in minutes, rows read, the share of
-- them rejected, and the orders the run recommended placing (items and value at unit cost). A
-- failed run has no outputs and shows its message.
SELECT m.run_id,
       m.status,
       m.started_at,
       m.finished_at,
       round(date_diff('second', m.started_at, m.finished_at) / 60.0, 1) AS minutes,
       m.rows_read,
       m.rows_rejected,
       m.rows_rejected / nullif(m.rows_read, 0) AS rejected_share,
       count(i.sku) FILTER (WHERE i.recommended_order_qty > 0) AS orders,
       round(coalesce(sum(i.recommended_order_qty * i.unit_cost), 0), 2) AS order_value,
       m.message
FROM model_runs m
LEFT JOIN inventory_recommendations i ON i.run_id = m.run_id
GROUP BY ALL
ORDER BY m.started_at DESC, m.run_id;
