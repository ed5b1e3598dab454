"""aicap's Datasette plugin: serves the project's own scripts and styles for the graph page, and
keeps the site read-only.

The files under datasette/assets/ (the vendored Cytoscape.js and aicap's page script) are served at
/-/aicap-assets/<path>, so the pages work offline: nothing is fetched from a CDN. A route of our own
(rather than `datasette --static aicap:...`) because a static mount named like the database would
shadow every table page under /aicap/.

On a large database the pages of the views that read every deal skip Datasette's row count and
facets (see UNCOUNTED_VIEWS).
"""
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import asgi_static

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@hookimpl
def register_routes():
    return [(r"^/-/aicap-assets/(?P<path>.*)$", asgi_static(str(ASSETS)))]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/graph"), "label": "Money graph"}]


READS = {"GET", "HEAD"}


@hookimpl
def asgi_wrapper(datasette):
    """Every HTTP request but GET and HEAD is answered 405, before Datasette sees it: the site only
    reads (its connections are read-only too), and Datasette itself answers a POST to a table or a
    canned query with an error 500. Unfiltered pages of UNCOUNTED_VIEWS skip the row count and
    the facets on a large database."""
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": b"aicap serve is read-only: only GET and HEAD\n"})
                return
            if scope["type"] == "http":
                scope = await _count_or_not(datasette, scope)
            await app(scope, receive, send)
        return read_only
    return wrap


# Views whose rows each read several tables for every deal (deals_detailed, deal_values) or that add
# up every deal (investor_totals_live, funding_received_live). Datasette counts a page's rows with
# `select count(*)` over the whole view, which SQLite cannot shorten (it still joins every deal's
# amount, organizations and vocabulary): 2.5 to 6 s on a million deals, where Datasette gives up at
# its 1 s limit and shows no count, a second late. Each facet (deals_detailed's kind, status,
# currency) reads the whole view too, one after the other, and gives up at 0.2 s. On a database of
# more than COUNTED_DEALS deals, their pages without a filter skip the count and the facets
# (Datasette's own ?_nocount and ?_nofacet): the page then costs what its 101 rows cost, where it
# cost at least 1.6 s. A filtered page (?from_org_id=...) is counted and faceted as usual. Below
# COUNTED_DEALS, the count and facets cost a few tenths of a second at most.
UNCOUNTED_VIEWS = {"deals_detailed", "deal_values", "investor_totals_live", "funding_received_live"}
COUNTED_DEALS = 50_000
# The value of the _nocount and _nofacet this plugin adds. Datasette carries them into the page's
# links and filter form; on a filtered page they are dropped again, so the filtered rows are
# counted and faceted. A user's own ?_nocount=1 or ?_nofacet=1 is left alone.
SKIPPED = "large"
SKIPS = ("_nocount", "_nofacet")


async def _count_or_not(datasette, scope):
    parts = scope["path"].strip("/").split("/")
    if len(parts) != 2:
        return scope
    database, view = parts[0], parts[1].split(".")[0]  # /aicap/deals_detailed(.json)
    if view not in UNCOUNTED_VIEWS:
        return scope
    args = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"), keep_blank_values=True)
    kept = [(key, value) for key, value in args if not (key in SKIPS and value == SKIPPED)]
    if not _filtered(kept) and await _large(datasette, database):
        kept += [(skip, SKIPPED) for skip in SKIPS if not any(key == skip for key, _ in kept)]
    if kept == args:
        return scope
    return dict(scope, query_string=urlencode(kept).encode("ascii"))


def _filtered(args) -> bool:
    """A Datasette filter among the query's arguments: column=value, column__op=value, _where, _search."""
    return any(not key.startswith("_") or "__" in key or key == "_where" or key.startswith("_search")
               for key, _ in args)


async def _large(datasette, database) -> bool:
    try:
        db = datasette.get_database(database)
        result = await db.execute(f"SELECT count(*) FROM (SELECT 1 FROM deals LIMIT {COUNTED_DEALS + 1})")
    except Exception:  # not an aicap database, or no such database: Datasette answers as usual
        return False
    return result.first()[0] > COUNTED_DEALS
