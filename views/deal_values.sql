-- The money semantics of every deal, defined once: the views that add dollars up
-- (investor_totals_live and so total_by_investor, funding_received_live and so funding_received,
-- org_profile) read them here.
--   counted: the deal counts (its status is not superseded: a scaled-back promise's paid part is
--     its own deal; a cancelled one never happened).
--   known: its amount is known in US dollars and is the deal's total (not per receiver, scope
--     'each': 每家初创机构25万美元 says nothing of the total).
--   usd_estimate: usd, or the midpoint of a range; usd_low: usd_low (0 for "up to" amounts, the
--     value for approximate ones); usd_high: usd_high (empty for "at least" amounts: unbounded).
--   parent_known: the deal is an investor's share of a round whose own amount is known: the
--     round's total already holds it, so what a company received adds the round, not the share.
--   A converted amount (约合…) is never the deal's: the amount it restates is.
CREATE VIEW deal_values AS
SELECT
    deal_id, kind, category, bucket, from_org_id, to_org_id, parent_deal_id, announced_on,
    bucket != 'superseded' AS counted,
    known,
    parent_known,
    CASE WHEN known THEN coalesce(usd, (low + high) / 2) END AS usd_estimate,
    CASE WHEN NOT known THEN NULL WHEN bound = 'up_to' THEN 0.0 ELSE coalesce(low, usd) END AS usd_low,
    CASE WHEN NOT known OR bound = 'at_least' THEN NULL ELSE coalesce(high, usd) END AS usd_high
FROM (
    SELECT
        d.id AS deal_id, d.kind, k.category, coalesce(s.bucket, '') AS bucket, d.from_org_id, d.to_org_id,
        d.parent_deal_id, d.announced_on, a.usd, a.usd_low AS low, a.usd_high AS high, a.bound,
        (a.usd IS NOT NULL OR a.usd_low IS NOT NULL OR a.usd_high IS NOT NULL) AND d.scope = 'total' AS known,
        coalesce((pa.usd IS NOT NULL OR pa.usd_low IS NOT NULL OR pa.usd_high IS NOT NULL) AND p.scope = 'total', 0)
            AS parent_known
    FROM deals d
    LEFT JOIN deal_kinds k ON k.kind = d.kind
    LEFT JOIN deal_statuses s ON s.status = d.status
    LEFT JOIN amounts a0 ON a0.id = d.amount_id
    LEFT JOIN amounts a ON a.id = coalesce(a0.converts_amount_id, a0.id)
    LEFT JOIN deals p ON p.id = d.parent_deal_id
    LEFT JOIN amounts pa0 ON pa0.id = p.amount_id
    LEFT JOIN amounts pa ON pa.id = coalesce(pa0.converts_amount_id, pa0.id)
);
