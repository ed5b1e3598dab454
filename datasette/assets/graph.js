/* aicap money graph: draws deals_detailed as a Cytoscape.js graph and total_by_investor as an SVG bar chart.
   Reads only Datasette's own JSON API; every script it needs is served by aicap (no CDN). */
(function () {
  "use strict";
  var DB = document.getElementById("graph").dataset.db;  // e.g. "/aicap"
  var KIND_COLOURS = {
    equity_investment: "#1f77b4", funding_round: "#aec7e8", acquisition: "#9467bd", purchase_commitment: "#ff7f0e",
    chip_purchase: "#2ca02c", cloud_contract: "#17becf", cloud_credits: "#bcbd22", compute_access: "#8c564b",
    loan: "#e377c2", warrant: "#7f7f7f", capital_alliance: "#393b79", other: "#c7c7c7"
  };
  var CYCLE = "#d62728";

  function getJSON(path) {
    return fetch(DB + path, {headers: {Accept: "application/json"}}).then(function (r) {
      if (!r.ok) { throw new Error(path + ": HTTP " + r.status); }
      return r.json();
    });
  }

  // Every page of a table or view, up to `limit` rows.
  function allRows(path, limit) {
    var rows = [];
    function page(url) {
      return fetch(url, {headers: {Accept: "application/json"}}).then(function (r) { return r.json(); }).then(function (data) {
        rows = rows.concat(data.rows);
        if (data.next_url && rows.length < limit) { return page(data.next_url); }
        return rows;
      });
    }
    return page(DB + path + (path.indexOf("?") < 0 ? "?" : "&") + "_shape=objects&_size=max");
  }

  function width(usd) {
    if (!usd) { return 1.2; }
    return Math.min(14, 1.2 + 1.6 * Math.log10(1 + usd / 1e8));
  }

  function money(usd) {
    if (usd == null) { return "amount unknown"; }
    if (usd >= 1e9) { return "US$" + (usd / 1e9).toLocaleString("en", {maximumFractionDigits: 1}) + " bn"; }
    return "US$" + (usd / 1e6).toLocaleString("en", {maximumFractionDigits: 1}) + " m";
  }

  // "1 cycle", "2 cycles", "0 cycles": the nouns of the summary take an s.
  function counted(n, noun) {
    return n + " " + noun + (n === 1 ? "" : "s");
  }

  function estimate(d) {
    if (d.usd != null) { return d.usd; }
    if (d.usd_low != null && d.usd_high != null) { return (d.usd_low + d.usd_high) / 2; }
    return null;
  }

  function drawGraph(deals, cycles, aliases) {
    var cycleDeals = {}, cycleOrgs = {};
    cycles.forEach(function (c) {
      JSON.parse(c.deal_ids).forEach(function (id) { cycleDeals[id] = true; });
      JSON.parse(c.org_ids).forEach(function (id) { cycleOrgs[id] = true; });
    });
    var nodes = {}, edges = [];
    deals.forEach(function (d) {
      [[d.from_org_id, d.from_name, d.from_name_zh], [d.to_org_id, d.to_name, d.to_name_zh]].forEach(function (o) {
        if (!nodes[o[0]]) {
          nodes[o[0]] = {data: {id: "o" + o[0], org_id: o[0], label: o[1], name_zh: o[2] || "",
                                search: [o[1], o[2] || ""].concat(aliases[o[0]] || []).join("\n").toLowerCase()},
                         classes: cycleOrgs[o[0]] ? "in-cycle" : ""};
        }
      });
      var usd = estimate(d);
      edges.push({data: {id: "d" + d.deal_id, deal_id: d.deal_id, source: "o" + d.from_org_id, target: "o" + d.to_org_id,
                         kind: d.kind, colour: KIND_COLOURS[d.kind] || "#999", width: width(usd),
                         label: d.kind.replace(/_/g, " ") + (usd ? ", " + money(usd) : "") + " (" + d.status + ")"},
                  classes: (d.bucket === "completed" ? "completed" : "not-completed") + (cycleDeals[d.deal_id] ? " cycle" : "")});
    });
    var cy = cytoscape({
      container: document.getElementById("graph"),
      elements: Object.keys(nodes).map(function (k) { return nodes[k]; }).concat(edges),
      style: [
        {selector: "node", style: {"label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "background-color": "#555", "width": 14, "height": 14,
          "font-family": "Helvetica Neue, Arial, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"}},
        {selector: "node.in-cycle", style: {"background-color": CYCLE, "border-width": 3, "border-color": "#fcc"}},
        {selector: "edge", style: {"curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.9,
          "line-color": "data(colour)", "target-arrow-color": "data(colour)", "width": "data(width)", "opacity": 0.85}},
        {selector: "edge.not-completed", style: {"line-style": "dashed", "line-dash-pattern": [6, 4]}},
        {selector: "edge.cycle", style: {"underlay-color": CYCLE, "underlay-opacity": 0.35, "underlay-padding": 4}},
        {selector: "edge:selected, edge.hover", style: {"label": "data(label)", "font-size": 10, "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.9}},
        {selector: ".hidden", style: {"display": "none"}}
      ],
      layout: {name: "cose", animate: false, randomize: false, nodeRepulsion: 400000, idealEdgeLength: 110,
               nodeOverlap: 40, componentSpacing: 80, padding: 20}
    });
    cy.on("mouseover", "edge", function (e) { e.target.addClass("hover"); });
    cy.on("mouseout", "edge", function (e) { e.target.removeClass("hover"); });
    cy.on("tap", "edge", function (e) { window.location = DB + "/deals_detailed?deal_id=" + e.target.data("deal_id"); });
    cy.on("tap", "node", function (e) { window.location = DB + "/org_profile?org_id=" + e.target.data("org_id"); });
    window.aicapGraph = cy;

    var input = document.getElementById("org-filter"), cyclesOnly = document.getElementById("cycles-only");
    var summary = document.getElementById("graph-summary");
    function applyFilter() {
      var q = input.value.trim().toLowerCase();
      cy.batch(function () {
        cy.elements().removeClass("hidden");
        if (cyclesOnly.checked) { cy.edges().not(".cycle").addClass("hidden"); cy.nodes().not(".in-cycle").addClass("hidden"); }
        if (q) {
          var hits = cy.nodes().filter(function (n) { return n.data("search").split("\n").some(function (s) { return s === q; })
                                                         || n.data("search").indexOf(q) >= 0; });
          var keep = hits.closedNeighborhood();
          cy.elements().not(keep).addClass("hidden");
        }
      });
      var shown = cy.nodes().not(".hidden"), shownEdges = cy.edges().not(".hidden");
      summary.textContent = [counted(shown.length, "organization"), counted(shownEdges.length, "deal"),
                             counted(cycles.length, "cycle")].join(", ");
      summary.dataset.nodes = shown.length;
      summary.dataset.edges = shownEdges.length;
      if (q || cyclesOnly.checked) { cy.fit(shown, 40); } else { cy.fit(undefined, 20); }
    }
    input.addEventListener("input", applyFilter);
    cyclesOnly.addEventListener("change", applyFilter);
    var initial = new URLSearchParams(window.location.search).get("org");
    if (initial) { input.value = initial; }
    applyFilter();
    document.getElementById("graph").dataset.ready = "1";
  }

  function drawLegend() {
    var legend = document.getElementById("legend");
    Object.keys(KIND_COLOURS).forEach(function (k) {
      var s = document.createElement("span");
      s.style.setProperty("--swatch", KIND_COLOURS[k]);
      s.textContent = k.replace(/_/g, " ");
      legend.appendChild(s);
    });
    var c = document.createElement("span");
    c.style.setProperty("--swatch", CYCLE);
    c.textContent = "on a cycle";
    legend.appendChild(c);
  }

  function drawBars(rows) {
    var parts = [["usd_completed", "paid", "#1f77b4"], ["usd_committed", "committed", "#9ecae1"],
                 ["usd_reported", "reported", "#fdd0a2"]];
    rows.forEach(function (r) { r.total = parts.reduce(function (s, p) { return s + (r[p[0]] || 0); }, 0); });
    rows = rows.filter(function (r) { return r.total > 0; }).sort(function (a, b) { return b.total - a.total; }).slice(0, 20);
    var box = document.getElementById("investor-chart");
    if (!rows.length) { box.textContent = "No investor has a known amount."; return; }
    var NS = "http://www.w3.org/2000/svg", label = 190, bar = 22, w = 900, max = rows[0].total;
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", w); svg.setAttribute("height", rows.length * bar + 40);
    svg.setAttribute("role", "img"); svg.setAttribute("aria-label", "US dollars invested by investor");
    function el(name, attrs, text) {
      var e = document.createElementNS(NS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text != null) { e.textContent = text; }
      svg.appendChild(e); return e;
    }
    var scale = (w - label - 120) / max;
    rows.forEach(function (r, i) {
      var y = i * bar + 4, x = label;
      el("text", {x: label - 6, y: y + 14, "text-anchor": "end", "class": "investor-name"},
         r.investor + (r.investor_zh ? " " + r.investor_zh : ""));
      parts.forEach(function (p) {
        if (!r[p[0]]) { return; }
        var rect = el("rect", {x: x, y: y, width: Math.max(1, r[p[0]] * scale), height: bar - 6, fill: p[2]});
        var t = document.createElementNS(NS, "title"); t.textContent = p[1] + ": " + money(r[p[0]]); rect.appendChild(t);
        x += r[p[0]] * scale;
      });
      el("text", {x: x + 6, y: y + 14, fill: "#333"}, money(r.total));
    });
    var ly = rows.length * bar + 24, lx = label;
    parts.forEach(function (p) {
      el("rect", {x: lx, y: ly - 10, width: 12, height: 12, fill: p[2]});
      el("text", {x: lx + 16, y: ly}, p[1]); lx += 110;
    });
    box.appendChild(svg);
  }

  drawLegend();
  var dealsP = allRows("/deals_detailed.json?from_org_id__notblank=1&to_org_id__notblank=1", 5000).then(function (rows) {
    return rows.filter(function (d) { return d.bucket !== "superseded" && d.from_org_id !== d.to_org_id; });
  });
  Promise.all([dealsP, getJSON("/circular_deals.json?_shape=array&_size=max")]).then(function (res) {
    var deals = res[0], cycles = res[1];
    var ids = {};
    deals.forEach(function (d) { ids[d.from_org_id] = true; ids[d.to_org_id] = true; });
    var list = Object.keys(ids).slice(0, 400).join(",");
    var aliasesP = list ? getJSON("/org_aliases.json?_shape=array&_size=max&org_id__in=" + list) : Promise.resolve([]);
    return aliasesP.then(function (rows) {
      var aliases = {};
      rows.forEach(function (a) { (aliases[a.org_id] = aliases[a.org_id] || []).push(a.alias); });
      drawGraph(deals, cycles, aliases);
    });
  }).catch(function (e) { document.getElementById("graph-summary").textContent = "Could not load the graph: " + e.message; });
  allRows("/total_by_investor.json", 2000).then(drawBars);
})();
