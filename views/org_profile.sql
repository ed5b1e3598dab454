-- One row per organization: its names, how many deals go out of it (it pays: invests, buys,
-- acquires) and come into it (it receives), the US dollars of those deals, how many claims are
-- about it and how many articles name it. Superseded deals (scaled back, cancelled) are neither
-- counted nor added; amounts are deal_values' estimates, as total_by_investor counts them (ranges
-- at their midpoint, an amount per receiver not at all), and an investor's share of a round is
-- not added to usd_in when the round's own amount is known.
-- Only organizations an article mentions, a deal names or a claim is about: organizations also
-- holds the gazetteer people's employers and the parents of corporate families.
CREATE VIEW org_profile AS
SELECT
    o.id AS org_id,
    o.name,
    o.name_zh,
    o.kind,
    o.country,
    (SELECT json_group_array(alias) FROM (
        SELECT al.alias FROM org_aliases al WHERE al.org_id = o.id ORDER BY al.alias)) AS aliases,
    (SELECT count(*) FROM deal_values dv WHERE dv.from_org_id = o.id AND dv.counted) AS deals_out,
    (SELECT count(*) FROM deal_values dv WHERE dv.to_org_id = o.id AND dv.counted) AS deals_in,
    (SELECT sum(dv.usd_estimate) FROM deal_values dv WHERE dv.from_org_id = o.id AND dv.counted) AS usd_out,
    (SELECT sum(dv.usd_estimate) FROM deal_values dv
     WHERE dv.to_org_id = o.id AND dv.counted AND NOT dv.parent_known) AS usd_in,
    (SELECT sum(dv.usd_estimate) FROM deal_values dv
     WHERE dv.from_org_id = o.id AND dv.bucket = 'completed') AS usd_out_completed,
    (SELECT sum(dv.usd_estimate) FROM deal_values dv
     WHERE dv.to_org_id = o.id AND dv.bucket = 'completed' AND NOT dv.parent_known) AS usd_in_completed,
    (SELECT count(*) FROM claims c WHERE c.subject_org_id = o.id) AS claims,
    (SELECT count(DISTINCT m.document_id) FROM org_mentions m WHERE m.org_id = o.id) AS documents
FROM organizations o
WHERE EXISTS (SELECT 1 FROM org_mentions m WHERE m.org_id = o.id)
   OR EXISTS (SELECT 1 FROM deals d WHERE d.from_org_id = o.id)
   OR EXISTS (SELECT 1 FROM deals d WHERE d.to_org_id = o.id)
   OR EXISTS (SELECT 1 FROM claims c WHERE c.subject_org_id = o.id);
