-- One row per organization that invests (deals of category investment with it as from_org_id):
-- how many deals, and how many US dollars by status bucket.
--   usd_completed = paid; usd_committed = announced or planned; usd_reported = rumored or in talks.
--   Superseded deals (scaled back, cancelled) are never added: a scaled-back promise's paid part
--   is its own completed deal. Round totals (funding_round, from_org_id empty) are nobody's.
--   Each deal counts once, however many articles report it (totals read deals, not reports), and
--   a converted amount (约合…) is never added (deals_detailed resolves it to the amount it restates).
--   An amount per receiver (scope 'each': 每家初创机构25万美元) is not the deal's total: the deal
--   counts, its amount does not (deal_values: known).
-- Per deal: the estimate, low and high bounds and whether it counts are deal_values' (one
-- definition for every view that adds dollars up); the _high total is empty when a deal's high
-- bound is (an "at least" amount: unbounded).
--
-- This view computes the totals from the deals each time it is read, so it walks every investment
-- deal (seconds on a million deals). It is the definition of the numbers: the writer stores its
-- rows in the table investor_totals (ingest.store.totals.refresh_investor_totals: INSERT ... SELECT from
-- this view, restricted to the investors whose deals changed), and total_by_investor reads that
-- table. A filter on investor_id is pushed down to the deals_from_org_id index.
CREATE VIEW investor_totals_live AS
WITH x AS (
    SELECT
        dv.from_org_id AS org_id,
        f.name AS from_name,
        f.name_zh AS from_name_zh,
        dv.bucket,
        dv.announced_on,
        dv.known,
        dv.usd_estimate AS est,
        dv.usd_low AS lo,
        dv.usd_high AS hi
    FROM deal_values dv
    LEFT JOIN organizations f ON f.id = dv.from_org_id
    WHERE dv.category = 'investment' AND dv.from_org_id IS NOT NULL
)
SELECT
    org_id AS investor_id,
    from_name AS investor,
    from_name_zh AS investor_zh,
    sum(bucket != 'superseded') AS deals,
    sum(bucket != 'superseded' AND known) AS deals_with_amount,
    sum(bucket = 'superseded') AS deals_superseded,
    sum(CASE WHEN bucket = 'completed' THEN est END) AS usd_completed,
    sum(CASE WHEN bucket = 'completed' THEN lo END) AS usd_completed_low,
    CASE WHEN max(bucket = 'completed' AND known AND hi IS NULL) THEN NULL
         ELSE sum(CASE WHEN bucket = 'completed' THEN hi END) END AS usd_completed_high,
    sum(CASE WHEN bucket = 'committed' THEN est END) AS usd_committed,
    sum(CASE WHEN bucket = 'committed' THEN lo END) AS usd_committed_low,
    CASE WHEN max(bucket = 'committed' AND known AND hi IS NULL) THEN NULL
         ELSE sum(CASE WHEN bucket = 'committed' THEN hi END) END AS usd_committed_high,
    sum(CASE WHEN bucket = 'reported' THEN est END) AS usd_reported,
    sum(CASE WHEN bucket = 'reported' THEN lo END) AS usd_reported_low,
    CASE WHEN max(bucket = 'reported' AND known AND hi IS NULL) THEN NULL
         ELSE sum(CASE WHEN bucket = 'reported' THEN hi END) END AS usd_reported_high,
    min(CASE WHEN bucket != 'superseded' THEN announced_on END) AS first_date,
    max(CASE WHEN bucket != 'superseded' THEN announced_on END) AS last_date
FROM x
GROUP BY org_id;
