-- One row per claim (metric, attributed statement or regulatory action) with the names of its
-- subject and speaker, its amount in US dollars (a converted amount shows the amount it restates)
-- and the article and sentence it comes from.
CREATE VIEW claims_detailed AS
SELECT
    c.id AS claim_id,
    c.kind,
    c.predicate,
    c.subject_org_id,
    o.name AS subject,
    o.name_zh AS subject_zh,
    a.raw AS amount_raw,
    a.currency,
    a.bound,
    a.usd,
    a.usd_low,
    a.usd_high,
    c.number,
    c.unit,
    c.period,
    coalesce(p.name, so.name, c.speaker) AS speaker,
    c.speaker_person_id,
    c.speaker_org_id,
    c.statement,
    c.evidence,
    c.document_id,
    doc.title AS document_title,
    doc.published_on,
    c.source
FROM claims c
LEFT JOIN organizations o ON o.id = c.subject_org_id
LEFT JOIN amounts a0 ON a0.id = c.amount_id
LEFT JOIN amounts a ON a.id = coalesce(a0.converts_amount_id, a0.id)
LEFT JOIN people p ON p.id = c.speaker_person_id
LEFT JOIN organizations so ON so.id = c.speaker_org_id
LEFT JOIN documents doc ON doc.id = c.document_id;
