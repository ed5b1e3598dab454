-- One row per organization that receives investment: deals of category investment or round
-- (funding_round totals) with it as to_org_id. USD by status bucket, counted as in total_by_investor
-- (superseded deals never added, each deal once, converted amounts never added, ranges at their
-- midpoint, low/high bounds). An investor's share of a round (parent_deal_id set) is not added again
-- when the round's own amount is known: the round total already holds it.
CREATE VIEW funding_received AS
WITH x AS (
    SELECT
        dd.to_org_id AS org_id,
        dd.to_name,
        dd.to_name_zh,
        dd.category,
        coalesce(dd.bucket, '') AS bucket,
        dd.announced_on,
        known,
        adds,
        CASE WHEN adds THEN coalesce(dd.usd, (dd.usd_low + dd.usd_high) / 2) END AS est,
        CASE WHEN NOT adds THEN NULL WHEN dd.bound = 'up_to' THEN 0.0 ELSE coalesce(dd.usd_low, dd.usd) END AS lo,
        CASE WHEN NOT adds OR dd.bound = 'at_least' THEN NULL ELSE coalesce(dd.usd_high, dd.usd) END AS hi
    FROM (
        SELECT dd.*, known AND NOT parent_known AS adds FROM (
        SELECT dd.*,
               (dd.usd IS NOT NULL OR dd.usd_low IS NOT NULL OR dd.usd_high IS NOT NULL) AS known,
               coalesce(pa.usd IS NOT NULL OR pa.usd_low IS NOT NULL OR pa.usd_high IS NOT NULL, 0) AS parent_known
        FROM deals_detailed dd
        LEFT JOIN deals p ON p.id = dd.parent_deal_id
        LEFT JOIN amounts pa ON pa.id = p.amount_id
        WHERE dd.category IN ('investment', 'round') AND dd.to_org_id IS NOT NULL
    ) AS dd) AS dd
)
SELECT
    org_id,
    to_name AS organization,
    to_name_zh AS organization_zh,
    sum(bucket != 'superseded') AS deals,
    sum(bucket != 'superseded' AND category = 'round') AS rounds,
    (SELECT json_group_array(name) FROM (
        SELECT DISTINCT o.name FROM deals d
        JOIN deal_kinds k ON k.kind = d.kind AND k.category = 'investment'
        JOIN organizations o ON o.id = d.from_org_id
        WHERE d.to_org_id = x.org_id
          AND coalesce((SELECT bucket FROM deal_statuses s WHERE s.status = d.status), '') != 'superseded'
        ORDER BY o.name
    )) AS investors,
    sum(bucket != 'superseded' AND known) AS deals_with_amount,
    sum(bucket = 'superseded') AS deals_superseded,
    sum(CASE WHEN bucket = 'completed' THEN est END) AS usd_completed,
    sum(CASE WHEN bucket = 'completed' THEN lo END) AS usd_completed_low,
    CASE WHEN max(bucket = 'completed' AND adds AND hi IS NULL) THEN NULL
         ELSE sum(CASE WHEN bucket = 'completed' THEN hi END) END AS usd_completed_high,
    sum(CASE WHEN bucket = 'committed' THEN est END) AS usd_committed,
    sum(CASE WHEN bucket = 'committed' THEN lo END) AS usd_committed_low,
    CASE WHEN max(bucket = 'committed' AND adds AND hi IS NULL) THEN NULL
         ELSE sum(CASE WHEN bucket = 'committed' THEN hi END) END AS usd_committed_high,
    sum(CASE WHEN bucket = 'reported' THEN est END) AS usd_reported,
    sum(CASE WHEN bucket = 'reported' THEN lo END) AS usd_reported_low,
    CASE WHEN max(bucket = 'reported' AND adds AND hi IS NULL) THEN NULL
         ELSE sum(CASE WHEN bucket = 'reported' THEN hi END) END AS usd_reported_high,
    min(CASE WHEN bucket != 'superseded' THEN announced_on END) AS first_date,
    max(CASE WHEN bucket != 'superseded' THEN announced_on END) AS last_date
FROM x
GROUP BY org_id;
