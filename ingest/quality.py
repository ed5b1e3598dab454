"""Extraction quality: an aicap database scored against hand-written gold facts (`aicap eval`).

Pure Python over plain records: ingest.store.public_facts reads the database's public tables,
ingest.gold loads the gold file, this module matches, counts and writes the report. The gold format and every
matching rule are described in docs/quality.md.
"""
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import click

from .gold import AMOUNT_TOLERANCE, CLAIM_USD_TOLERANCE, IGNORED_IN_NAMES, SCORED_FAMILIES, Gold, GoldAmount, GoldDeal
from .store.public_facts import Amount, DealReport, NotAnAicapDatabase, PublicFacts, read_public_facts

def normalized(name: str | None) -> str:
    """Names are compared after NFKC, casefold and removing spaces and . , - _ ' ’ ( ) （ ） ·"""
    return IGNORED_IN_NAMES.sub("", unicodedata.normalize("NFKC", name or "").casefold())


def close_enough(measured: float | None, expected: float | None, tolerance: float) -> bool:
    if measured is None or expected is None:
        return False
    return abs(measured - expected) <= tolerance * max(abs(measured), abs(expected), 1.0)


class OrgMatcher:
    """Database organizations that a gold organization names, through any of their names."""

    def __init__(self, gold: Gold, facts: PublicFacts):
        self.gold = gold
        self.ids_by_name = defaultdict(set)
        for name, org_id in facts.org_names:
            self.ids_by_name[normalized(name)].add(org_id)

    def ids(self, org: str) -> set[int]:
        return set().union(*(self.ids_by_name.get(normalized(alias), set()) for alias in self.gold.aliases(org)))


class DocumentMap:
    """Gold document ids (A01, 000) to database documents whose source_path names them (…/A01_x.md)."""

    def __init__(self, gold: Gold, facts: PublicFacts):
        self.source_paths = facts.source_paths
        self.gold_ids = gold.document_ids()
        self.gold_id_of = {}    # database document -> gold document id, for the gold's documents
        self.missing = []       # gold documents no source_path names
        for gold_id in self.gold_ids:
            named = self.documents_of(gold_id)
            if not named:
                self.missing.append(gold_id)
            for document_id in named:
                self.gold_id_of.setdefault(document_id, gold_id)

    def documents_of(self, gold_id: str) -> set[int]:
        pattern = re.compile(rf"(^|/){re.escape(gold_id)}[_.\-]")
        return {document_id for document_id, path in self.source_paths.items()
                if pattern.search(path or "") or (path or "").endswith(gold_id)}


def report_matches(deal: GoldDeal, report: DealReport, orgs: OrgMatcher, amounts: dict[int, Amount]) -> bool:
    """Same family, each party the gold names among the report's organizations, and, when the gold
    has a value, the report's amount within 0.6 % of it in the same currency."""
    if report.family != deal.family:
        return False
    for party, org_id in ((deal.from_org, report.from_org_id), (deal.to_org, report.to_org_id)):
        if party is not None and org_id not in orgs.ids(party):
            return False
    if deal.value is None:
        return True
    amount = amounts.get(report.amount_id)
    return (amount is not None and close_enough(amount.value, deal.value, AMOUNT_TOLERANCE)
            and (amount.currency or "").upper() == deal.currency)


def amount_fits(gold: GoldAmount, amount: Amount) -> bool:
    """A gold expression with a value matches on the value, one without (a range) on its raw text."""
    if gold.value is None:
        fits = gold.raw in (amount.raw or "")
    else:
        fits = close_enough(amount.value, gold.value, AMOUNT_TOLERANCE)
    return fits and (gold.currency is None or (amount.currency or "").upper() == gold.currency)


# ---- figures

@dataclass
class Count:
    found: int = 0
    total: int = 0

    def add(self, found: bool) -> None:
        self.found += bool(found)
        self.total += 1

    @property
    def ratio(self) -> float:
        return round(self.found / self.total, 3) if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.found}/{self.total}"


@dataclass
class DealFigures:
    core: Count = field(default_factory=Count)      # core gold deals found (recall)
    reports: Count = field(default_factory=Count)   # deal reports that match a gold deal (precision)

    @property
    def f1(self) -> float:
        recall, precision = (count.found / count.total if count.total else 0.0 for count in (self.core, self.reports))
        return round(2 * recall * precision / (recall + precision), 3) if recall + precision else 0.0

    def as_dict(self) -> dict:
        return {"deal_recall": self.core.ratio, "deal_precision": self.reports.ratio, "deal_f1": self.f1,
                "deals_core_found": self.core.found, "deals_core_gold": self.core.total,
                "deal_reports_matching_gold": self.reports.found, "deal_reports_in_gold_docs": self.reports.total}


@dataclass
class Scores:
    deals: DealFigures = field(default_factory=DealFigures)
    by_group: dict[str, DealFigures] = field(default_factory=lambda: defaultdict(DealFigures))
    by_family: dict[str, DealFigures] = field(default_factory=lambda: defaultdict(DealFigures))
    amounts: Count = field(default_factory=Count)
    amount_bounds: Count = field(default_factory=Count)
    orgs: Count = field(default_factory=Count)
    loops: Count = field(default_factory=Count)
    claims: Count = field(default_factory=Count)
    documents: Count = field(default_factory=Count)
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # kind -> report lines


MISS_HEADINGS = {
    "documents": "Gold documents with no database document (no source_path names them)",
    "deals": "Missed core deals (no deal report of the document matches the gold line)",
    "false_reports": "False deal reports (a report of a gold document that matches no gold line)",
    "orgs": "Missing organizations (no organization has any of these names)",
    "amounts": "Missing money expressions",
    "loops": "Missing core loops (no circular_deals row names both organizations)",
    "claims": "Missing claims",
    "problems": "Problems",
}


def read_facts(db_path) -> PublicFacts:
    try:
        return read_public_facts(db_path)
    except NotAnAicapDatabase as error:
        raise click.ClickException(str(error))


def score(gold: Gold, facts: PublicFacts, prefix_chars: int = 1) -> Scores:
    """Every figure and miss line of facts measured against gold; groups are the first prefix_chars
    characters of the gold document ids."""
    scores = Scores()
    documents = DocumentMap(gold, facts)
    orgs = OrgMatcher(gold, facts)
    for gold_id in documents.gold_ids:
        scores.documents.add(gold_id not in documents.missing)
    scores.misses["documents"] = documents.missing
    _score_deals(scores, gold, facts, documents, orgs, prefix_chars)
    _score_amounts(scores, gold, facts, documents)
    _score_orgs(scores, gold, orgs)
    _score_loops(scores, gold, facts)
    _score_claims(scores, gold, facts, documents, orgs)
    return scores


def _score_deals(scores, gold, facts, documents, orgs, prefix_chars) -> None:
    amounts = {amount.id: amount for amount in facts.amounts}
    reports = [report for report in facts.deal_reports if report.document_id in documents.gold_id_of]
    matched = set()
    for deal in gold.deals:
        in_document = documents.documents_of(deal.doc)
        matches = {report.id for report in reports
                   if report.document_id in in_document and report_matches(deal, report, orgs, amounts)}
        matched |= matches
        if deal.core:
            for figures in (scores.deals, scores.by_group[deal.doc[:prefix_chars]], scores.by_family[deal.family]):
                figures.core.add(bool(matches))
            if not matches:
                scores.misses["deals"].append(_missed_deal_line(deal))
    for report in reports:
        gold_id = documents.gold_id_of[report.document_id]
        for figures in (scores.deals, scores.by_group[gold_id[:prefix_chars]], scores.by_family[report.family or "none"]):
            figures.reports.add(report.id in matched)
        if report.id not in matched:
            scores.misses["false_reports"].append(_false_report_line(gold_id, report, amounts))
    unfamilied = sorted({report.kind for report in reports if report.family is None})
    if unfamilied:
        scores.misses["problems"].append(f"deal kinds without a family (deal_kinds.family), never matched: "
                                         f"{', '.join(unfamilied)}")


def _score_amounts(scores, gold, facts, documents) -> None:
    """Greedy, in gold order: each gold expression takes the first unused amount of its document that
    fits, preferring one with the same bound."""
    for gold_id, expressions in gold.amounts.items():
        in_document = documents.documents_of(gold_id)
        pool = [amount for amount in facts.amounts if amount.document_id in in_document]
        used = set()
        for expression in expressions:
            candidates = [amount for amount in pool if amount.id not in used and amount_fits(expression, amount)]
            same_bound = [amount for amount in candidates if (amount.bound or "exact") == expression.bound]
            hit = (same_bound or candidates or [None])[0]
            scores.amounts.add(hit is not None)
            scores.amount_bounds.add(bool(same_bound))
            if hit is None:
                scores.misses["amounts"].append(f"{gold_id}  {expression.raw}  "
                                                f"{_money(expression.value, expression.currency)} {expression.bound}")
            else:
                used.add(hit.id)


def _score_orgs(scores, gold, orgs) -> None:
    for org, forms in gold.orgs.items():
        found = bool(orgs.ids(org))
        scores.orgs.add(found)
        if not found:
            scores.misses["orgs"].append(f"{org}  ({', '.join(forms)})")


def _score_loops(scores, gold, facts) -> None:
    """A loop is found when one circular_deals row, as JSON, names an alias of both organizations."""
    rows = [normalized(json.dumps(row, ensure_ascii=False)) for row in facts.circular_deals]

    def named(org, row):
        return any(normalized(alias) in row for alias in gold.aliases(org))

    for loop in gold.loops:
        if not loop.core:
            continue
        found = any(named(loop.pair[0], row) and named(loop.pair[1], row) for row in rows)
        scores.loops.add(found)
        if not found:
            scores.misses["loops"].append(f"{loop.pair[0]} ↔ {loop.pair[1]}  ({', '.join(loop.docs) or 'no doc given'})")


def _score_claims(scores, gold, facts, documents, orgs) -> None:
    """A claim is found when a claim of its document about its subject has an amount within 3 % in US dollars."""
    usd = {amount.id: amount.usd for amount in facts.amounts}
    for claim in gold.claims:
        in_document, subjects = documents.documents_of(claim.doc), orgs.ids(claim.subject)
        found = any(row.document_id in in_document and row.subject_org_id in subjects
                    and close_enough(usd.get(row.amount_id), claim.usd, CLAIM_USD_TOLERANCE) for row in facts.claims)
        scores.claims.add(found)
        if not found:
            scores.misses["claims"].append(f"{claim.doc}  {claim.subject} {claim.predicate} {_money(claim.usd, 'USD')}")


# ---- miss lines, JSON and the text report

def _missed_deal_line(deal: GoldDeal) -> str:
    parts = [deal.doc, f"{deal.from_org or '(anyone)'} → {deal.to_org or '(anyone)'}", deal.family]
    if deal.value is not None:
        parts.append(_money(deal.value, deal.currency))
    if deal.evidence:
        parts.append(_quote(deal.evidence))
    return "  ".join(parts)


def _false_report_line(gold_id: str, report: DealReport, amounts: dict[int, Amount]) -> str:
    receiver = report.to_name or (f"[{report.counterparty_text}]" if report.counterparty_text else "(nobody)")
    parts = [gold_id, f"{report.from_name or '(anyone)'} → {receiver}", f"{report.kind} ({report.family or 'no family'})"]
    amount = amounts.get(report.amount_id)
    if amount is not None:
        parts.append(amount.raw)
    parts.append(_quote(report.evidence))
    return "  ".join(parts)


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def _money(value: float | None, currency: str | None) -> str:
    if value is None:
        number = "(no value)"
    elif value >= 1 and value == int(value):
        number = f"{value:,.0f}"
    else:
        number = f"{value:g}"
    return f"{currency or '(no currency)'} {number}"


def figures(scores: Scores) -> dict:
    """The figures as a JSON-ready dict (what --json writes)."""
    result = scores.deals.as_dict()
    result.update({
        "amounts_found": scores.amounts.found, "amounts_gold": scores.amounts.total,
        "amount_bounds_right": scores.amount_bounds.found,
        "orgs_found": scores.orgs.found, "orgs_gold": scores.orgs.total,
        "loops_found": scores.loops.found, "loops_gold": scores.loops.total,
        "claims_found": scores.claims.found, "claims_gold": scores.claims.total,
        "docs_found": scores.documents.found, "docs_gold": scores.documents.total,
        "by_group": {group: scores.by_group[group].as_dict() for group in sorted(scores.by_group)},
        "by_family": {family: scores.by_family[family].as_dict() for family in _families(scores)},
        "misses": {kind: list(scores.misses.get(kind, [])) for kind in MISS_HEADINGS},
    })
    return result


def write_json(scores: Scores, path) -> None:
    Path(path).write_text(json.dumps(figures(scores), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _families(scores: Scores) -> list[str]:
    return list(SCORED_FAMILIES) + sorted(set(scores.by_family) - set(SCORED_FAMILIES))


def report_lines(scores: Scores, title: str) -> list[str]:
    """The text report: the figures, then one line per miss and per false report."""
    lines = [title, "", f"{'deals':<22}{'core found':>11}{'recall':>8}{'reports right':>15}{'precision':>11}{'F1':>7}"]
    rows = [("all", scores.deals)]
    rows += [(f"group {group}", scores.by_group[group]) for group in sorted(scores.by_group)]
    rows += [(f"family {family}", scores.by_family[family]) for family in _families(scores)]
    for label, deal_figures in rows:
        lines.append(f"  {label:<20}{str(deal_figures.core):>11}{deal_figures.core.ratio:>8.3f}"
                     f"{str(deal_figures.reports):>15}{deal_figures.reports.ratio:>11.3f}{deal_figures.f1:>7.3f}")
    lines.append("")
    counts = [("gold documents found", scores.documents),
              ("money expressions found", scores.amounts),
              ("  with the right bound", scores.amount_bounds),
              ("organizations found", scores.orgs),
              ("core loops found", scores.loops)]
    if scores.claims.total:
        counts.append(("claims found", scores.claims))
    lines += [f"{label:<33}{str(count):>11}{count.ratio:>8.3f}" for label, count in counts]
    for kind, heading in MISS_HEADINGS.items():
        missed = scores.misses.get(kind)
        if missed:
            lines += ["", f"{heading}: {len(missed)}"] + [f"  {line}" for line in missed]
    return lines


# ---- floors (eval/floors.yaml, tests/test_quality_floors.py)


def below_floors(measured: dict, floors: dict) -> list[str]:
    """One message per figure under its floor (or not measured at all); empty when quality held."""
    fallen = []
    for name, floor in floors.items():
        value = measured.get(name)
        if value is None:
            fallen.append(f"{name} not measured (floor {floor})")
        elif value < floor:
            fallen.append(f"{name} fell to {value} (floor {floor})")
    return fallen
