-- Which source records did the latest run reject, and why?
--
-- The latest complete run's rejected_records per source and kind of reason: the dates and numbers
-- in a reason are replaced by <date> and <n>, so that "delivered_date 2008-01-03 is before
-- ship_date 2008-04-28" and its like count as one kind. With each kind's records, its share of
-- the run's rejections and one example reason; most records first.
WITH kinds AS (
  SELECT source,
         regexp_replace(regexp_replace(reason, '\d{4}-\d{2}-\d{2}', '<date>', 'g'),
                        '\d+(\.\d+)?', '<n>', 'g') AS reason_kind,
         reason
  FROM latest_rejected_records
)
SELECT source,
       reason_kind,
       count(*) AS records,
       count(*) / sum(count(*)) OVER () AS share_of_rejected,
       min(reason) AS example_reason
FROM kinds
GROUP BY source, reason_kind
ORDER BY records DESC, source, reason_kind;
