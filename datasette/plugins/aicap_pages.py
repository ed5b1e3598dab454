"""aicap's Datasette plugin: serves the project's own scripts and styles for the graph page.

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
