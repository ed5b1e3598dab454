"""aicap's money grammar against jionlp's extract_money, on the seed corpus.

    pip install -e '.[bench]'          # jionlp is a bench-only dependency (~220 MB)
    python bench/money_vs_jionlp.py [--runs 20]

For each seed's clean text (as the loader stores it) both extractors run; each is scored
against the hand-checked list of tests/money_seed_expectations.py:
  found   expected expressions that the tool's output overlaps (one tool span per expression)
  value   of those, value (or low..high for a range) and currency right
  bound   of those, bound right (exact / at_least / up_to / approx / range)
  extra   tool expressions that overlap no expected expression (false positives)
  ms/doc  median wall time of one extraction of the document, over --runs runs
jionlp's definitions map to bounds as: accurate → exact, blur+ → at_least, blur- → up_to,
blur with two numbers → range, blur with one → approx.
"""
import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from ingest.build import parse_loaded  # noqa: E402
from ingest.load import load_file  # noqa: E402
from ingest.money import extract_amounts  # noqa: E402
from money_seed_expectations import EXPECTED  # noqa: E402  hand-checked, shared with the test

JIONLP_CURRENCIES = {"美元": "USD", "元": "CNY", "人民币": "CNY", "日元": "JPY", "英镑": "GBP",
                     "欧元": "EUR", "港元": "HKD", "港币": "HKD", "韩元": "KRW", "新台币": "TWD"}
JIONLP_BOUNDS = {"accurate": "exact", "blur+": "at_least", "blur-": "up_to"}


def import_jionlp():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp  # prints a banner on import
    return jionlp


def seed_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        document, _ = parse_loaded(load_file(path))
        texts.append((path.name[:3], document["text"]))
    return texts


def expected_spans(text: str, expected: list[tuple]) -> list[dict]:
    """Locate each expected raw in order in the text."""
    spans, position = [], 0
    for raw, value, low, high, currency, bound, _converts in expected:
        start = text.index(raw, position)
        spans.append({"start": start, "end": start + len(raw), "value": value, "value_low": low,
                      "value_high": high, "currency": currency, "bound": bound})
        position = start + 1
    return spans


def aicap_found(text: str) -> list[dict]:
    return [{"start": a["char_start"], "end": a["char_end"], "value": a["value"],
             "value_low": a["value_low"], "value_high": a["value_high"],
             "currency": a["currency"], "bound": a["bound"]} for a in extract_amounts(text)]


def jionlp_found(jionlp, text: str) -> list[dict]:
    found = []
    for item in jionlp.ner.extract_money(text, with_parsing=True):
        detail = item.get("detail") or {}
        number = detail.get("num")
        is_range = isinstance(number, list)
        definition = detail.get("definition", "")
        found.append({
            "start": item["offset"][0], "end": item["offset"][1],
            "value": None if is_range or number is None else float(number),
            "value_low": float(number[0]) if is_range else None,
            "value_high": float(number[1]) if is_range else None,
            "currency": JIONLP_CURRENCIES.get(detail.get("case"), detail.get("case")),
            "bound": "range" if is_range else JIONLP_BOUNDS.get(definition, "approx"),
        })
    return found


def value_right(got: dict, want: dict) -> bool:
    if got["currency"] != want["currency"]:
        return False
    if want["bound"] == "range":
        return (got["value_low"], got["value_high"]) == (want["value_low"], want["value_high"])
    return got["value"] == want["value"]


def score(found: list[dict], expected: list[dict]) -> dict:
    unused = list(found)
    counts = {"expected": len(expected), "found": 0, "value": 0, "bound": 0}
    for want in expected:
        match = next((f for f in unused if f["start"] < want["end"] and want["start"] < f["end"]),
                     None)
        if match is None:
            continue
        unused.remove(match)
        counts["found"] += 1
        counts["value"] += value_right(match, want)
        counts["bound"] += match["bound"] == want["bound"]
    counts["extra"] = len(unused)
    return counts


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timing runs per document")
    runs = parser.parse_args().runs
    jionlp = import_jionlp()
    rows = []
    for name, text in seed_texts():
        expected = expected_spans(text, EXPECTED[name])
        aicap = score(aicap_found(text), expected)
        jio = score(jionlp_found(jionlp, text), expected)
        aicap["ms"] = median_ms(lambda: extract_amounts(text), runs)
        jio["ms"] = median_ms(lambda: jionlp.ner.extract_money(text, with_parsing=True), runs)
        rows.append((f"{name} ({len(text)} chars)", aicap, jio))
    total_aicap = {k: sum(r[1][k] for r in rows) for k in rows[0][1]}
    total_jio = {k: sum(r[2][k] for r in rows) for k in rows[0][2]}
    total_aicap["ms"] = statistics.mean(r[1]["ms"] for r in rows)
    total_jio["ms"] = statistics.mean(r[2]["ms"] for r in rows)
    rows.append(("all seeds (ms: mean/doc)", total_aicap, total_jio))

    header = f"{'document':<26}{'expected':>9} | {'aicap: found value bound extra ms/doc':>38}" \
             f" | {'jionlp: found value bound extra ms/doc':>39}"
    print(header)
    print("-" * len(header))
    for label, a, j in rows:
        print(f"{label:<26}{a['expected']:>9} | "
              f"{a['found']:>13}{a['value']:>6}{a['bound']:>6}{a['extra']:>6}{a['ms']:>7.2f} | "
              f"{j['found']:>14}{j['value']:>6}{j['bound']:>6}{j['extra']:>6}{j['ms']:>7.2f}")


if __name__ == "__main__":
    main()
