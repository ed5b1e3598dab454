-- Every cycle of 2 to 4 organizations in the money-flow graph: deals are edges from_org_id → to_org_id
-- (superseded deals, i.e. scaled back or cancelled promises, are not edges). One row per cycle, listed
-- from its node with the smallest id, so a cycle appears once whatever node it starts from.
--
-- A node is a corporate family: an organization with every organization below it (organizations.
-- group_id, the family's top, from the gazetteer's `parent`); an organization outside any family is
-- a node of its own. Money from Alphabet to Safe Superintelligence that comes back to Google Cloud is
-- a loop of the family Alphabet with Safe Superintelligence, and a deal inside one family (Alphabet
-- investing in Google) is no edge. The cycles are found on node ids; each node is then named after
-- the members whose deals make that cycle: "Google" when only Google's deals do (org_ids holds
-- Google's id, as without families), "Alphabet / Google Cloud" when several do (the family's top
-- first, then by name; org_ids holds the top's id). member_ids lists the members node by node.
--
-- Only deals between nodes of the same strongly connected component (table deal_graph_components,
-- which aicap ingest refreshes with the same families) can be on a cycle, so the walk starts there:
-- their deals are found through the deals_from_org_id index, and each end's family by primary key.
-- The search is a recursive CTE that walks half-paths of one or two edges from every node s,
-- forwards and backwards, and only to nodes whose id is greater than s: every cycle is found
-- exactly once (from its smallest id, which also removes rotations) and paths are pruned early. A
-- cycle is a forward and a backward half-path that meet at the same node (meet in the middle: no
-- path of three or four deals is ever walked). Several deals between the same two nodes are one edge
-- (UNION dedupes the half-paths); deal_ids lists them all, found again by both parties
-- (deals_parties_kind) for each pair of members of the two nodes.
--
-- pattern = vendor_financing when, for some node A of the cycle, the edge leaving A holds an
-- investment (deal_kinds.category = investment) and the edge coming back into A holds a purchase
-- (category purchase): A's money returns to A as payment for A's goods or services. Else cycle.
--
-- SQLite copies a CTE's whole definition into every place that names it (a MATERIALIZED one too,
-- although it then computes it once), and the copies nest: named four times by a CTE that is named
-- four times, a CTE is planned sixteen times. So each CTE is named as few times as the query
-- allows (one join for every cycle length, the steps from one read of keyed, both ends of a deal
-- from one read of step_deals, the nodes pivoted per cycle): planning the view took about 0.5 s
-- on SQLite 3.40, longer than Datasette's 1 s limit on a busy machine, and takes about 15 ms.
CREATE VIEW circular_deals AS
WITH RECURSIVE
edge(f, t) AS MATERIALIZED (
    -- Edges between nodes (families). Only deals inside one strongly connected component can lie
    -- on a cycle (deal_graph_components, refreshed by aicap ingest): everything else is pruned up front.
    SELECT f, t FROM (
        SELECT coalesce(fo.group_id, d.from_org_id) AS f, coalesce(tr.group_id, d.to_org_id) AS t
        FROM deal_graph_components cf
        CROSS JOIN deals d ON d.from_org_id = cf.org_id  -- CROSS JOIN: start from the few components
        JOIN deal_graph_components ct ON ct.org_id = d.to_org_id AND ct.component = cf.component
        LEFT JOIN organizations fo ON fo.id = d.from_org_id
        LEFT JOIN organizations tr ON tr.id = d.to_org_id
        WHERE d.status IS NULL OR d.status NOT IN (SELECT status FROM deal_statuses WHERE bucket = 'superseded')
        UNION
        -- A database whose components were never computed (deals written by hand): every deal.
        SELECT coalesce(fo.group_id, d.from_org_id), coalesce(tr.group_id, d.to_org_id)
        FROM deals d
        LEFT JOIN organizations fo ON fo.id = d.from_org_id
        LEFT JOIN organizations tr ON tr.id = d.to_org_id
        WHERE NOT EXISTS (SELECT 1 FROM deal_graph_components)
          AND d.from_org_id IS NOT NULL AND d.to_org_id IS NOT NULL
          AND (d.status IS NULL OR d.status NOT IN (SELECT status FROM deal_statuses WHERE bucket = 'superseded'))
    )
    WHERE f != t  -- a deal inside one family (or with itself) is no edge
),
walk(dir, s, depth, n1, n2) AS (
    -- Half-paths of 1 or 2 edges from each start s, forwards (s → n1 → n2) and backwards
    -- (s ← n1 ← n2), only through nodes whose id is greater than s.
    SELECT 'f', f, 1, t, NULL FROM edge WHERE t > f
    UNION
    SELECT 'b', t, 1, f, NULL FROM edge WHERE f > t
    UNION
    SELECT 'f', w.s, 2, w.n1, e.t FROM walk w JOIN edge e ON e.f = w.n1
    WHERE w.dir = 'f' AND w.depth = 1 AND e.t > w.s
    UNION
    SELECT 'b', w.s, 2, w.n1, e.f FROM walk w JOIN edge e ON e.t = w.n1
    WHERE w.dir = 'b' AND w.depth = 1 AND e.f > w.s
),
half AS MATERIALIZED (
    SELECT dir, s, depth, n1, n2, coalesce(n2, n1) AS tip FROM walk
),
cycles AS (
    -- A cycle is a forward half-path and a backward one that meet at the same node, of depths
    -- 1 + 1 (s → a → s), 2 + 1 (s → a → b → s) or 2 + 2 through different first nodes
    -- (s → a → b → c → s); 1 + 2 would find the 2 + 1 cycles again.
    SELECT f.s, f.n1, f.n2, CASE WHEN b.depth = 2 THEN b.n1 END AS n3, f.depth + b.depth AS length
    FROM half f JOIN half b ON b.s = f.s AND b.tip = f.tip AND b.dir = 'b' AND b.depth <= f.depth
    WHERE f.dir = 'f' AND (b.depth = 1 OR b.n1 != f.n1)
),
keyed AS MATERIALIZED (
    SELECT cycles.*, s || ',' || n1 || coalesce(',' || n2, '') || coalesce(',' || n3, '') AS cycle_key
    FROM cycles
),
steps(cycle_key, length, pos, f, t) AS (
    -- The edges of each cycle in order: pos 0 is s → n1, the last one comes back to s.
    SELECT k.cycle_key, k.length, p.pos,
           CASE p.pos WHEN 0 THEN k.s WHEN 1 THEN k.n1 WHEN 2 THEN k.n2 ELSE k.n3 END,
           CASE p.pos WHEN 0 THEN k.n1 WHEN 1 THEN coalesce(k.n2, k.s) WHEN 2 THEN coalesce(k.n3, k.s) ELSE k.s END
    FROM keyed k
    JOIN (SELECT 0 AS pos UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) p ON p.pos < k.length
),
members(family, org_id) AS MATERIALIZED (
    -- The organizations of each family on a cycle: the node itself (its top, or an organization
    -- outside any family) and those below it (organizations_group_id index).
    SELECT DISTINCT f, f FROM steps
    UNION
    SELECT o.group_id, o.id FROM organizations o WHERE o.group_id IN (SELECT f FROM steps)
),
step_pairs AS MATERIALIZED (
    -- Each step of each cycle as the pairs of members whose deals may make it.
    SELECT st.cycle_key, st.length, st.pos, st.f AS from_family, st.t AS to_family,
           mf.org_id AS from_id, mt.org_id AS to_id
    FROM steps st
    JOIN members mf ON mf.family = st.f
    JOIN members mt ON mt.family = st.t
),
step_deals AS MATERIALIZED (
    SELECT sp.cycle_key, sp.length, sp.pos, sp.from_family, sp.to_family, dd.*
    FROM step_pairs sp
    JOIN deals_detailed dd ON dd.from_org_id = sp.from_id AND dd.to_org_id = sp.to_id
    WHERE coalesce(dd.bucket, '') != 'superseded'
    ORDER BY sp.cycle_key, sp.pos, dd.deal_id
),
nodes AS MATERIALIZED (
    -- Each node of each cycle, named after its members whose deals make the cycle (the family's
    -- top first, then by name).
    SELECT cycle_key, family,
           group_concat(name, ' / ') AS name,
           CASE count(*) WHEN 1 THEN min(org_id) ELSE family END AS org_id,
           json_group_array(org_id) AS member_ids
    FROM (SELECT DISTINCT p.cycle_key, p.family, p.org_id, o.name
          FROM (SELECT sd.cycle_key,
                       CASE side.payee WHEN 0 THEN sd.from_family ELSE sd.to_family END AS family,
                       CASE side.payee WHEN 0 THEN sd.from_org_id ELSE sd.to_org_id END AS org_id
                FROM step_deals sd JOIN (SELECT 0 AS payee UNION ALL SELECT 1) side) p
          JOIN organizations o ON o.id = p.org_id
          ORDER BY p.cycle_key, p.family, p.org_id != p.family, o.name)
    GROUP BY cycle_key, family
),
named AS (
    -- Each cycle with its nodes' names, ids and members in cycle order (node 0 is s).
    SELECT c.cycle_key, c.length,
           max(CASE n.family WHEN c.s THEN n.name END) AS name0,
           max(CASE n.family WHEN c.n1 THEN n.name END) AS name1,
           max(CASE n.family WHEN c.n2 THEN n.name END) AS name2,
           max(CASE n.family WHEN c.n3 THEN n.name END) AS name3,
           max(CASE n.family WHEN c.s THEN n.org_id END) AS id0,
           max(CASE n.family WHEN c.n1 THEN n.org_id END) AS id1,
           max(CASE n.family WHEN c.n2 THEN n.org_id END) AS id2,
           max(CASE n.family WHEN c.n3 THEN n.org_id END) AS id3,
           max(CASE n.family WHEN c.s THEN n.member_ids END) AS members0,
           max(CASE n.family WHEN c.n1 THEN n.member_ids END) AS members1,
           max(CASE n.family WHEN c.n2 THEN n.member_ids END) AS members2,
           max(CASE n.family WHEN c.n3 THEN n.member_ids END) AS members3
    FROM keyed c JOIN nodes n ON n.cycle_key = c.cycle_key
    GROUP BY c.cycle_key, c.length
),
edges AS MATERIALIZED (
    SELECT cycle_key, length, pos,
           json_group_array(deal_id) AS deal_ids,
           replace(group_concat(DISTINCT kind), ',', ', ') AS kinds,
           replace(group_concat(DISTINCT status), ',', ', ') AS statuses,
           sum(coalesce(usd, (usd_low + usd_high) / 2)) AS usd_known,
           max(category = 'investment') AS invests,
           max(category = 'purchase') AS buys
    FROM (SELECT * FROM step_deals ORDER BY cycle_key, pos, deal_id)  -- each edge's deals by id
    GROUP BY cycle_key, pos
),
docs AS (
    SELECT cycle_key,
           json_group_array(document_id) AS document_ids,
           json_group_array(title) AS documents
    FROM (SELECT DISTINCT sdd.cycle_key, r.document_id, doc.title
          FROM step_deals sdd
          JOIN deal_reports r ON r.deal_id = sdd.deal_id
          JOIN documents doc ON doc.id = r.document_id
          ORDER BY sdd.cycle_key, r.document_id)
    GROUP BY cycle_key
),
flagged AS (
    SELECT e.cycle_key,
           max(e.invests AND prev.buys) AS vendor_financing
    FROM edges e
    JOIN edges prev ON prev.cycle_key = e.cycle_key AND prev.pos = (e.pos + e.length - 1) % e.length
    GROUP BY e.cycle_key
),
joined AS (
    SELECT cycle_key,
           '[' || group_concat(substr(deal_ids, 2, length(deal_ids) - 2), ',') || ']' AS deal_ids,
           group_concat(kinds, ' → ') AS kinds,
           group_concat(statuses, ' → ') AS statuses,
           sum(usd_known) AS usd_known
    FROM (SELECT * FROM edges ORDER BY cycle_key, pos)
    GROUP BY cycle_key
)
SELECT
    c.length,
    c.name0 || ' → ' || c.name1 || coalesce(' → ' || c.name2, '') || coalesce(' → ' || c.name3, '')
        || ' → ' || c.name0 AS path,
    CASE c.length
        WHEN 2 THEN json_array(c.name0, c.name1)
        WHEN 3 THEN json_array(c.name0, c.name1, c.name2)
        ELSE json_array(c.name0, c.name1, c.name2, c.name3) END AS orgs,
    CASE c.length
        WHEN 2 THEN json_array(c.id0, c.id1)
        WHEN 3 THEN json_array(c.id0, c.id1, c.id2)
        ELSE json_array(c.id0, c.id1, c.id2, c.id3) END AS org_ids,
    j.deal_ids,
    j.kinds,
    j.statuses,
    j.usd_known,
    CASE WHEN fl.vendor_financing THEN 'vendor_financing' ELSE 'cycle' END AS pattern,
    coalesce(dc.document_ids, '[]') AS document_ids,
    coalesce(dc.documents, '[]') AS documents,
    CASE c.length
        WHEN 2 THEN json_array(json(c.members0), json(c.members1))
        WHEN 3 THEN json_array(json(c.members0), json(c.members1), json(c.members2))
        ELSE json_array(json(c.members0), json(c.members1), json(c.members2), json(c.members3))
        END AS member_ids
FROM named c
JOIN joined j ON j.cycle_key = c.cycle_key
JOIN flagged fl ON fl.cycle_key = c.cycle_key
LEFT JOIN docs dc ON dc.cycle_key = c.cycle_key
WHERE c.name0 IS NOT NULL AND c.name1 IS NOT NULL
ORDER BY c.length, path;
