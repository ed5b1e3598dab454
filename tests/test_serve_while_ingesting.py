"""aicap serve keeps answering while aicap ingest writes the database it serves, and shows the new
documents afterwards (issue 14, item 3: pages failed with "database disk image is malformed")."""
import json
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import AICAP, REPO, SEEDS, aicap_serve, run_cli, write_seed_variants

COUNT = "/aicap.json?sql=select+count(*)+as+n+from+documents&_shape=array"
# A table, a view (re-created by every ingest) and the documents page the issue saw failing.
PAGES = ["/aicap/documents.json?_shape=array&_size=5&_col=title", "/aicap/deals_detailed.json?_size=5",
         "/aicap/documents"]


def get(url):
    """(status, body) of a GET; an HTTP error is a status, not an exception."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def served(tmp_path):
    """The seeds database, served by `aicap serve` in a process of its own: (db_path, base URL)."""
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    with aicap_serve(db_path, tmp_path / "serve.log") as base:
        yield db_path, base


def poll(base, stop, seen):
    while not stop.is_set():
        status, body = get(base + COUNT)
        seen.append((status, json.loads(body)[0]["n"] if status == 200 else body[:200]))
        for page in PAGES:
            status, body = get(base + page)
            seen.append((status, page if status == 200 else body[:200]))


def test_pages_answer_during_and_after_an_ingest_into_the_served_database(served, tmp_path):
    db_path, base = served
    assert json.loads(get(base + COUNT)[1]) == [{"n": 5}]
    folder = write_seed_variants(tmp_path / "more", 30)
    seen, stop = [], threading.Event()
    poller = threading.Thread(target=poll, args=(base, stop, seen))
    poller.start()
    try:
        time.sleep(0.5)  # the poller is reading before the ingest starts
        ingest = subprocess.run([*AICAP, "ingest", db_path, folder, "--silent", "--jobs", "2"],
                                cwd=REPO, capture_output=True, text=True, timeout=300)
        time.sleep(0.5)  # and goes on after it ended
    finally:
        stop.set()
        poller.join()
    assert (ingest.returncode, ingest.stderr) == (0, "")
    assert len(seen) > 20  # the server was read throughout, not once
    assert [answer for answer in seen if answer[0] != 200] == []
    counts = [answer[1] for answer in seen if isinstance(answer[1], int)]
    assert counts == sorted(counts) and set(counts) <= set(range(5, 36))  # committed states only
    assert json.loads(get(base + COUNT)[1]) == [{"n": 35}]
    status, body = get(base + "/aicap/documents.json?_shape=array&_col=source_path&_size=100")
    assert status == 200 and sum(str(folder) in row["source_path"] for row in json.loads(body)) == 30


def test_the_served_site_refuses_writes(served):
    db_path, base = served
    for path in ("/aicap/search_articles?q=x", "/aicap/documents", "/aicap"):
        request = urllib.request.Request(base + path, data=b"q=x", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert (path, refused.value.code) == (path, 405)
        assert b"read-only" in refused.value.read()
    status, body = get(base + "/aicap.json?sql=delete+from+documents")
    assert status == 400 and b"must be a SELECT" in body
    assert json.loads(get(base + COUNT)[1]) == [{"n": 5}]
