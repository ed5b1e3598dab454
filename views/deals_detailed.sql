-- One row per real-world deal, with everything a reader needs next to it: both organizations'
-- English and Chinese names, the kind's category and the status's bucket (from the deal vocabulary),
-- the amount as written and in US dollars, and every article that reports the deal with its quote.
-- A deal that (wrongly) points at a converted amount (约合…) shows the amount it restates instead.
-- The other money views read this one, so amounts are resolved in one place.
CREATE VIEW deals_detailed AS
SELECT
    d.id AS deal_id,
    d.kind,
    k.category,
    d.status,
    s.bucket,
    d.from_org_id,
    f.name AS from_name,
    f.name_zh AS from_name_zh,
    d.to_org_id,
    t.name AS to_name,
    t.name_zh AS to_name_zh,
    d.counterparty_text,
    d.round_name,
    d.role,
    d.parent_deal_id,
    d.superseded_by_deal_id,
    a.id AS amount_id,
    a.raw AS amount_raw,
    a.value AS amount_value,
    a.currency,
    a.bound,
    a.usd,
    a.usd_low,
    a.usd_high,
    d.announced_on,
    d.announced_precision,
    d.date_source,
    d.scope,
    (SELECT count(*) FROM deal_reports r WHERE r.deal_id = d.id) AS reports,
    (SELECT json_group_array(document_id) FROM (
        SELECT DISTINCT r.document_id FROM deal_reports r WHERE r.deal_id = d.id ORDER BY r.document_id
    )) AS document_ids,
    (SELECT json_group_array(title) FROM (
        SELECT doc.title FROM documents doc
        WHERE doc.id IN (SELECT r.document_id FROM deal_reports r WHERE r.deal_id = d.id)
        ORDER BY doc.id
    )) AS documents,
    (SELECT json_group_array(evidence) FROM (
        SELECT r.evidence FROM deal_reports r WHERE r.deal_id = d.id ORDER BY r.document_id, r.char_start, r.id
    )) AS quotes,
    d.source
FROM deals d
LEFT JOIN deal_kinds k ON k.kind = d.kind
LEFT JOIN deal_statuses s ON s.status = d.status
LEFT JOIN organizations f ON f.id = d.from_org_id
LEFT JOIN organizations t ON t.id = d.to_org_id
LEFT JOIN amounts a0 ON a0.id = d.amount_id
LEFT JOIN amounts a ON a.id = coalesce(a0.converts_amount_id, a0.id);
