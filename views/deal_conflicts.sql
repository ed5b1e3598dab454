-- Contradicting reports: one row per from → to pair and deal category (investment, round, purchase,
-- other) with deals whose reports disagree. A deal is in conflict when its articles state different
-- statuses or amounts (US dollar estimates more than 5% apart), or when a later report scaled back
-- or cancelled it (superseded_by_deal_id): then it and the deal recording what was paid are listed
-- together, e.g. Nvidia → OpenAI: 100 billion promised vs 30 billion paid. Separate deals of the
-- same pair that nothing links (two rounds, two years' investments) are not conflicts. Each report
-- counts with the amount and status its article states (else the deal's).
CREATE VIEW deal_conflicts AS
WITH r AS NOT MATERIALIZED (  -- each use below reads only the deals it names
    SELECT
        d.id AS deal_id,
        d.from_org_id,
        d.to_org_id,
        k.category,
        coalesce(rep.status, d.status) AS status,
        a.raw AS amount_raw,
        coalesce(a.usd, (a.usd_low + a.usd_high) / 2) AS usd,
        rep.document_id,
        rep.evidence
    FROM deals d
    JOIN deal_kinds k ON k.kind = d.kind
    JOIN deal_reports rep ON rep.deal_id = d.id
    LEFT JOIN amounts a0 ON a0.id = coalesce(rep.amount_id, d.amount_id)
    LEFT JOIN amounts a ON a.id = coalesce(a0.converts_amount_id, a0.id)
),
conflicted(deal_id) AS (
    -- Only a deal that two reports state can have reports that disagree (table deals_reported_twice,
    -- kept by triggers): grouping every report took 4 s on a million deals.
    SELECT deal_id FROM r WHERE deal_id IN (SELECT deal_id FROM deals_reported_twice)
    GROUP BY deal_id HAVING count(DISTINCT status) > 1 OR max(usd) > min(usd) * 1.05
    UNION  -- the partial index deals_superseded_by_deal_id holds these few deals
    SELECT id FROM deals WHERE superseded_by_deal_id IS NOT NULL
    UNION
    SELECT superseded_by_deal_id FROM deals WHERE superseded_by_deal_id IS NOT NULL
),
c AS (
    SELECT * FROM r
    WHERE deal_id IN (SELECT deal_id FROM conflicted) AND to_org_id IS NOT NULL
    ORDER BY from_org_id, to_org_id, category, deal_id, document_id
)
SELECT
    c.from_org_id,
    f.name AS from_name,
    c.to_org_id,
    t.name AS to_name,
    c.category,
    replace(group_concat(DISTINCT c.status), ',', ', ') AS statuses,
    json_group_array(DISTINCT c.amount_raw) FILTER (WHERE c.amount_raw IS NOT NULL) AS amounts,
    min(c.usd) AS usd_min,
    max(c.usd) AS usd_max,
    json_group_array(DISTINCT c.deal_id) AS deal_ids,
    json_group_array(DISTINCT c.document_id) AS document_ids,
    json_group_array(json_object('deal_id', c.deal_id, 'document_id', c.document_id, 'status', c.status,
                                 'amount', c.amount_raw, 'usd', c.usd, 'quote', c.evidence)) AS reports
FROM c
LEFT JOIN organizations f ON f.id = c.from_org_id
JOIN organizations t ON t.id = c.to_org_id
GROUP BY c.from_org_id, c.to_org_id, c.category;
