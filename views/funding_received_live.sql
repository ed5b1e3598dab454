-- One row per organization that receives investment: deals of category investment or round
-- (funding_round totals) with it as to_org_id. USD by status bucket, with the deal values of
-- deal_values as total_by_investor counts them (superseded deals never added, each deal once,
-- converted amounts never added, ranges at their midpoint, low/high bounds). An investor's share of a round (parent_deal_id set) is not added again
-- when the round's own amount is known: the round total already holds it.
--
-- This view computes the totals from the deals each time it is read, so it walks every investment
-- and round deal (seconds on a million deals). It is the definition of the numbers: the writer
-- stores its rows in the table funding_totals (ingest.store.totals.refresh_funding_totals: INSERT ...
-- SELECT from this view, restricted to the organizations whose deals changed), and funding_received
-- reads that table. A filter on org_id is pushed down to the deals_to_org_id index.
CREATE VIEW funding_received_live AS
WITH x AS (
    SELECT
        dv.to_org_id AS org_id,
        t.name AS to_name,
        t.name_zh AS to_name_zh,
        dv.category,
        dv.bucket,
        dv.announced_on,
        dv.known,
        adds,
        CASE WHEN adds THEN dv.usd_estimate END AS est,
        CASE WHEN adds THEN dv.usd_low END AS lo,
        CASE WHEN adds THEN dv.usd_high END AS hi
    FROM (
        SELECT dv.*, dv.known AND NOT dv.parent_known AS adds
        FROM deal_values dv
        WHERE dv.category IN ('investment', 'round') AND dv.to_org_id IS NOT NULL
    ) AS dv
    LEFT JOIN organizations t ON t.id = dv.to_org_id
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
