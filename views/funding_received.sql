-- One row per organization that receives investment: deals of category investment or round
-- (funding_round totals) with it as to_org_id, its investors, and US dollars by status bucket, as
-- total_by_investor counts them (see views/funding_received_live.sql for their meaning).
--
-- The numbers are computed by the view funding_received_live, which reads every deal; the writer
-- stores its rows in the table funding_totals after every ingest run (ingest.store.totals), so this
-- view reads one stored row per organization and its names, and its Datasette page sorts 95k
-- stored rows by usd_completed instead of adding up a million deals first. Organizations whose
-- deals changed since the last refresh (listed in funding_totals_stale by triggers: an ingest still
-- running, or deals written by hand) are read from funding_received_live instead, so the result
-- always equals funding_received_live. That second part costs nothing while the list is empty, as
-- it is after every ingest; while it is not, it computes all live rows once.
CREATE VIEW funding_received AS
SELECT
    tot.org_id,
    org.name AS organization,
    org.name_zh AS organization_zh,
    tot.deals,
    tot.rounds,
    tot.investors,
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
FROM funding_totals tot
LEFT JOIN organizations org ON org.id = tot.org_id
WHERE tot.org_id NOT IN (SELECT org_id FROM funding_totals_stale)
UNION ALL
-- The live rows with the stored columns' types, as in total_by_investor: both halves are then read
-- straight through, not through a co-routine. CAST changes no value here.
SELECT live.org_id, live.organization, live.organization_zh,
    CAST(live.deals AS INTEGER), CAST(live.rounds AS INTEGER), CAST(live.investors AS TEXT),
    CAST(live.deals_with_amount AS INTEGER), CAST(live.deals_superseded AS INTEGER),
    CAST(live.usd_completed AS REAL), CAST(live.usd_completed_low AS REAL), CAST(live.usd_completed_high AS REAL),
    CAST(live.usd_committed AS REAL), CAST(live.usd_committed_low AS REAL), CAST(live.usd_committed_high AS REAL),
    CAST(live.usd_reported AS REAL), CAST(live.usd_reported_low AS REAL), CAST(live.usd_reported_high AS REAL),
    CAST(live.first_date AS TEXT), CAST(live.last_date AS TEXT)
FROM funding_totals_stale stale
-- CROSS JOIN keeps stale the outer loop: funding_received_live is computed only if it has a row.
CROSS JOIN funding_received_live live ON live.org_id = stale.org_id;
