-- One row per document: what was extracted from it.
CREATE VIEW document_stats AS
SELECT
    d.id AS document_id,
    d.title,
    d.published_on,
    d.publisher,
    d.language,
    length(d.text) AS text_chars,
    (SELECT count(*) FROM amounts a WHERE a.document_id = d.id) AS amounts,
    (SELECT count(*) FROM org_mentions m WHERE m.document_id = d.id) AS org_mentions,
    (SELECT count(*) FROM deal_reports r WHERE r.document_id = d.id) AS deal_reports,
    (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims
FROM documents d;
