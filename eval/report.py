"""Render `aicap eval --json` figures of the development set and the seeds as a Markdown table.

    python eval/report.py DEV_JSON SEEDS_JSON [--write docs/quality.md] [--date YYYY-MM-DD]

Prints the table; with --write it also replaces the part of that file between the two marker
comments (`make eval` does both). Every number comes from the two JSON files.
"""
import argparse
import datetime as dt
import json
import sys
from pathlib import Path

START = "<!-- make eval: start -->"
END = "<!-- make eval: end -->"
GROUPS = {"A": "simplified Chinese", "B": "traditional Chinese", "C": "English", "D": "simplified Chinese"}


def ratio(found: int, total: int) -> str:
    return f"{found}/{total} = {found / total:.3f}" if total else "0/0"


def count(found: int, total: int) -> str:
    return f"{found}/{total}" if total else "- (none in the gold)"


def summary_rows(dev: dict, seeds: dict) -> list[str]:
    def row(label, cell):
        return f"| {label} | {cell(dev)} | {cell(seeds)} |"

    return [
        f"| | development set ({dev['docs_gold']} articles) | seeds ({seeds['docs_gold']} articles) |",
        "|---|---|---|",
        row("core deals found (recall)", lambda f: ratio(f["deals_core_found"], f["deals_core_gold"])),
        row("deal reports right (precision)",
            lambda f: ratio(f["deal_reports_matching_gold"], f["deal_reports_in_gold_docs"])),
        row("F1", lambda f: f"{f['deal_f1']:.3f}"),
        row("money expressions found", lambda f: count(f["amounts_found"], f["amounts_gold"])),
        row("... with the right bound", lambda f: count(f["amount_bounds_right"], f["amounts_gold"])),
        row("organizations found", lambda f: count(f["orgs_found"], f["orgs_gold"])),
        row("core loops found in circular_deals", lambda f: count(f["loops_found"], f["loops_gold"])),
        row("claims found", lambda f: count(f["claims_found"], f["claims_gold"])),
    ]


def breakdown_rows(dev: dict) -> list[str]:
    rows = ["| development set | core deals found (recall) | deal reports right (precision) | F1 |", "|---|---|---|---|"]
    labelled = [(f"{group} ({GROUPS.get(group, 'group')})", figures) for group, figures in dev["by_group"].items()]
    labelled += [(f"family {family}", figures) for family, figures in dev["by_family"].items()]
    for label, f in labelled:
        rows.append(f"| {label} | {ratio(f['deals_core_found'], f['deals_core_gold'])} | "
                    f"{ratio(f['deal_reports_matching_gold'], f['deal_reports_in_gold_docs'])} | {f['deal_f1']:.3f} |")
    return rows


def render(dev: dict, seeds: dict, date: str) -> str:
    lines = [f"`make eval` on {date}: each set built with `aicap ingest --no-curated`, scored by `aicap eval`",
             "(every miss: `eval/out/dev.txt`, `eval/out/seeds.txt`).", ""]
    lines += summary_rows(dev, seeds) + [""] + breakdown_rows(dev)
    return "\n".join(lines) + "\n"


def replace_between_markers(text: str, table: str) -> str:
    if START not in text or END not in text or text.index(START) > text.index(END):
        raise ValueError(f"the markers {START} and {END} are missing")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{START}\n{table}{END}{after}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_json", help="aicap eval --json of the development set")
    parser.add_argument("seeds_json", help="aicap eval --json of the seeds")
    parser.add_argument("--write", metavar="MARKDOWN", help="replace the table between the markers in this file")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="date to print (default: today)")
    args = parser.parse_args(argv)
    dev, seeds = (json.loads(Path(path).read_text(encoding="utf-8")) for path in (args.dev_json, args.seeds_json))
    table = render(dev, seeds, args.date)
    if args.write:
        target = Path(args.write)
        try:
            target.write_text(replace_between_markers(target.read_text(encoding="utf-8"), table), encoding="utf-8")
        except (OSError, ValueError) as error:
            print(f"eval/report.py: {target}: {error}", file=sys.stderr)
            return 1
    print(table, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
