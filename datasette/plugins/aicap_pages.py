"""aicap's Datasette plugin: serves the project's own scripts and styles for the graph page, and
keeps the site read-only.

The files under datasette/assets/ (the vendored Cytoscape.js and aicap's page script) are served at
/-/aicap-assets/<path>, so the pages work offline: nothing is fetched from a CDN. A route of our own
(rather than `datasette --static aicap:...`) because a static mount named like the database would
shadow every table page under /aicap/.
"""
from pathlib import Path

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
    canned query with an error 500."""
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"allow", b"GET, HEAD")]})
                await send({"type": "http.response.body", "body": b"aicap serve is read-only: only GET and HEAD\n"})
                return
            await app(scope, receive, send)
        return read_only
    return wrap
