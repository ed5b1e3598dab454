-- One row per real-world deal, with everything a reader needs next to it: both organizations'
-- English and Chinese names, the kind's category and the status's bucket (from the deal vocabulary),
-- the amount as written and in US dollars, and every article that reports the deal with its quote.
-- A deal that (wrongly) points at a converted amount (约合…) shows the amount it restates instead.
-- The other money views read this one, so amounts are resolved in one place.
CREATE VIEW deals_detailed AS
SELECT
    -- What a reader looks at first, in the first screen width of a Datasette page: who pays whom,
    -- what, how much, when, and the start of the sentence that says so. Names and ids, the amount's
    -- details and the long JSON arrays follow. (Users' SQL selects columns by name: none is renamed.)
    d.id AS deal_id,
    f.name AS from_name,
    t.name AS to_name,
    d.kind,
    d.status,
    a.raw AS amount_raw,
    a.usd,
    d.announced_on,
    -- The sentence the deal's status comes from (its latest report; else its first), shortened.
    CASE WHEN length(q.evidence) > 40 THEN substr(q.evidence, 1, 39) || '…' ELSE q.evidence END AS quote,
    f.name_zh AS from_name_zh,
    t.name_zh AS to_name_zh,
    k.category,
    s.bucket,
    d.counterparty_text,
    d.round_name,
    d.role,
    a.currency,
    a.bound,
    a.value AS amount_value,
    a.usd_low,
    a.usd_high,
    d.announced_precision,
    d.date_source,
    d.scope,
    (SELECT count(*) FROM deal_reports r WHERE r.deal_id = d.id) AS reports,
    d.source,
    d.from_org_id,
    d.to_org_id,
    a.id AS amount_id,
    d.parent_deal_id,
    d.superseded_by_deal_id,
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
    )) AS quotes
FROM deals d
LEFT JOIN deal_kinds k ON k.kind = d.kind
LEFT JOIN deal_statuses s ON s.status = d.status
LEFT JOIN organizations f ON f.id = d.from_org_id
LEFT JOIN organizations t ON t.id = d.to_org_id
LEFT JOIN amounts a0 ON a0.id = d.amount_id
LEFT JOIN amounts a ON a.id = coalesce(a0.converts_amount_id, a0.id)
-- A status report (deals.status_report_id) is one primary-key lookup; a deal written without one
-- (by hand, or by an aicap from before it) takes its first report.
LEFT JOIN deal_reports q ON q.id = coalesce(d.status_report_id, (
    SELECT r.id FROM deal_reports r WHERE r.deal_id = d.id ORDER BY r.document_id, r.char_start, r.id LIMIT 1));
