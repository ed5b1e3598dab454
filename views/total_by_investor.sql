-- One row per organization that invests (deals of category investment with it as from_org_id):
-- how many deals, and how many US dollars by status bucket.
--   usd_completed = paid; usd_committed = announced or planned; usd_reported = rumored or in talks.
--   Superseded deals (scaled back, cancelled) are never added: a scaled-back promise's paid part
--   is its own completed deal. Round totals (funding_round, from_org_id empty) are nobody's.
--   Each deal counts once, however many articles report it (totals read deals, not reports), and
--   a converted amount (约合…) is never added (deals_detailed resolves it to the amount it restates).
-- Per deal: estimate = usd, or the midpoint of a range; low = usd_low (0 for "up to" amounts,
-- the value for approximate ones); high = usd_high (none for "at least" amounts: the _high
-- total is then empty, meaning unbounded).
--
-- The numbers are computed by the view investor_totals_live, which reads every deal; the writer
-- stores its rows in the table investor_totals after every ingest run (ingest.store.totals), so this
-- view reads one stored row per investor and its names. Investors whose deals changed since the
-- last refresh (listed in investor_totals_stale by triggers: an ingest still running, or deals
-- written by hand) are read from investor_totals_live instead, so the result always equals
-- investor_totals_live (USD sums may differ in the last of their 16 digits: SQLite adds the deals
-- in the order of whichever index the query uses). That second part costs nothing while the list is empty, as it is after
-- every ingest; while it is not, it computes all live totals once (seconds on a million deals).
CREATE VIEW total_by_investor AS
SELECT
    tot.investor_id,
    org.name AS investor,
    org.name_zh AS investor_zh,
    tot.deals,
    tot.deals_with_amount,
    tot.deals_superseded,
    tot.usd_completed,
    tot.usd_completed_low,
    tot.usd_completed_high,
    tot.usd_committed,
    tot.usd_committed_low,
    tot.usd_committed_high,
    tot.usd_reported,
    tot.usd_reported_low,
    tot.usd_reported_high,
    tot.first_date,
    tot.last_date
FROM investor_totals tot
LEFT JOIN organizations org ON org.id = tot.investor_id
WHERE tot.investor_id NOT IN (SELECT investor_id FROM investor_totals_stale)
UNION ALL
-- The live rows with the stored columns' types: when both halves' columns have the same affinity,
-- SQLite reads the two halves straight through instead of passing every row through a co-routine
-- (about 40 ms of the 95k rows' 300 on 1M deals). CAST changes no value here: counts are integers,
-- sums reals, dates text, and NULL stays NULL.
SELECT live.investor_id, live.investor, live.investor_zh,
    CAST(live.deals AS INTEGER), CAST(live.deals_with_amount AS INTEGER), CAST(live.deals_superseded AS INTEGER),
    CAST(live.usd_completed AS REAL), CAST(live.usd_completed_low AS REAL), CAST(live.usd_completed_high AS REAL),
    CAST(live.usd_committed AS REAL), CAST(live.usd_committed_low AS REAL), CAST(live.usd_committed_high AS REAL),
    CAST(live.usd_reported AS REAL), CAST(live.usd_reported_low AS REAL), CAST(live.usd_reported_high AS REAL),
    CAST(live.first_date AS TEXT), CAST(live.last_date AS TEXT)
FROM investor_totals_stale stale
-- CROSS JOIN keeps stale the outer loop: investor_totals_live is computed only if it has a row.
CROSS JOIN investor_totals_live live ON live.investor_id = stale.investor_id;
