"""The gold file of `aicap eval`: hand-written facts of a set of articles, loaded into plain records.

docs/quality.md describes the format (orgs, deals, circular, amounts, claims).
"""
import re
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

FAMILIES = ("invest", "acquisition", "purchase", "other")
SCORED_FAMILIES = ("invest", "acquisition", "purchase")
BOUNDS = ("exact", "at_least", "up_to", "approx", "range")
GOLD_SECTIONS = ("orgs", "deals", "circular", "amounts", "claims")
AMOUNT_TOLERANCE = 0.006        # a deal's or an expression's value: within 0.6 %
CLAIM_USD_TOLERANCE = 0.03      # a claim's amount in US dollars: within 3 % (exchange rates differ)
IGNORED_IN_NAMES = re.compile(r"[\s.,\-_'’()（）·]")


# ---- the gold file

@dataclass(frozen=True)
class GoldDeal:
    doc: str
    family: str
    from_org: str | None
    to_org: str | None
    value: float | None
    currency: str
    core: bool
    evidence: str | None


@dataclass(frozen=True)
class GoldAmount:
    doc: str
    raw: str
    value: float | None
    currency: str | None
    bound: str


@dataclass(frozen=True)
class GoldLoop:
    pair: tuple[str, str]
    core: bool
    docs: tuple[str, ...]


@dataclass(frozen=True)
class GoldClaim:
    doc: str
    subject: str
    predicate: str
    usd: float


@dataclass
class Gold:
    orgs: dict[str, list[str]]              # canonical name -> surface forms
    deals: list[GoldDeal]
    loops: list[GoldLoop]
    amounts: dict[str, list[GoldAmount]]    # gold document id -> its money expressions, in order
    claims: list[GoldClaim]

    def aliases(self, org: str) -> list[str]:
        return self.orgs.get(org, [org]) + [org]

    def document_ids(self) -> list[str]:
        """The documents the gold describes in full: precision counts every deal report of these."""
        return sorted({deal.doc for deal in self.deals} | set(self.amounts))


class GoldFormatError(ValueError):
    pass


def load_gold(path) -> Gold:
    """Read and check a gold file; a missing or ill-formed one is a click.ClickException."""
    path = Path(path)
    if not path.is_file():
        raise click.ClickException(f"{path}: no such gold file")
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.safe_load(stream)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{path} is not a YAML file: {error}")
    try:
        return parse_gold(data)
    except GoldFormatError as error:
        raise click.ClickException(f"{path}: {error} (the gold format is described in docs/quality.md)")


def parse_gold(data) -> Gold:
    if not isinstance(data, dict):
        raise GoldFormatError(f"a gold file is a mapping with the sections {', '.join(GOLD_SECTIONS)}")
    unknown = [str(key) for key in data if key not in GOLD_SECTIONS]
    if unknown:
        raise GoldFormatError(f"unknown section {', '.join(unknown)} (sections: {', '.join(GOLD_SECTIONS)})")
    gold = Gold(orgs=_parse_orgs(data.get("orgs") or {}),
                deals=[_parse_deal(i, entry) for i, entry in enumerate(_listed(data, "deals"))],
                loops=[_parse_loop(i, entry) for i, entry in enumerate(_listed(data, "circular"))],
                amounts=_parse_amounts(data.get("amounts") or {}),
                claims=[_parse_claim(i, entry) for i, entry in enumerate(_listed(data, "claims"))])
    if not gold.deals and not gold.amounts:
        raise GoldFormatError("no deals and no amounts: nothing to score")
    return gold


def _listed(data: dict, section: str) -> list:
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise GoldFormatError(f"{section} must be a list")
    return entries


def _parse_orgs(orgs) -> dict[str, list[str]]:
    if not isinstance(orgs, dict):
        raise GoldFormatError("orgs must map each canonical name to a list of surface forms")
    for name, forms in orgs.items():
        if not isinstance(forms, list):
            raise GoldFormatError(f"orgs: {name}: surface forms must be a list, e.g. [智谱, zhipu ai]")
    return {str(name): [str(form) for form in forms] for name, forms in orgs.items()}


def _entry(section: str, index: int, entry, required: tuple[str, ...]) -> dict:
    where = f"{section}[{index}]"
    if not isinstance(entry, dict):
        raise GoldFormatError(f"{where} must be a mapping such as {{doc: A01, ...}}")
    missing = [key for key in required if entry.get(key) in (None, "")]
    if missing:
        raise GoldFormatError(f"{where} has no {', '.join(missing)}")
    return entry


def _parse_deal(index: int, entry) -> GoldDeal:
    entry = _entry("deals", index, entry, ("doc", "family"))
    where = f"deals[{index}] (doc {entry['doc']})"
    if entry["family"] not in FAMILIES:
        raise GoldFormatError(f"{where}: family must be one of {', '.join(FAMILIES)}, not {entry['family']!r}")
    return GoldDeal(doc=str(entry["doc"]), family=entry["family"], from_org=_text(entry.get("from")),
                    to_org=_text(entry.get("to")), value=_number(entry.get("value"), f"{where}: value"),
                    currency=str(entry.get("currency") or "USD").upper(), core=bool(entry.get("core")),
                    evidence=entry.get("evidence"))


def _parse_loop(index: int, entry) -> GoldLoop:
    entry = _entry("circular", index, entry, ("pair",))
    pair = entry["pair"]
    if not (isinstance(pair, list) and len(pair) == 2):
        raise GoldFormatError(f"circular[{index}]: pair must name two organizations, e.g. [Nvidia, OpenAI]")
    return GoldLoop(pair=(str(pair[0]), str(pair[1])), core=bool(entry.get("core")),
                    docs=tuple(str(doc) for doc in entry.get("docs") or ()))


def _parse_amounts(amounts) -> dict[str, list[GoldAmount]]:
    if not isinstance(amounts, dict):
        raise GoldFormatError("amounts must map each document id to a list of [raw, value, currency, bound]")
    parsed = {}
    for doc, rows in amounts.items():
        if not isinstance(rows, list):
            raise GoldFormatError(f"amounts: {doc} must be a list of [raw, value, currency, bound]")
        parsed[str(doc)] = [_parse_amount(str(doc), i, row) for i, row in enumerate(rows)]
    return parsed


def _parse_amount(doc: str, index: int, row) -> GoldAmount:
    where = f"amounts: {doc}[{index}]"
    if not (isinstance(row, list) and len(row) == 4):
        raise GoldFormatError(f"{where} must be [raw, value, currency, bound], e.g. [5亿元, 500000000, CNY, exact]")
    raw, value, currency, bound = row
    if bound not in BOUNDS:
        raise GoldFormatError(f"{where}: bound must be one of {', '.join(BOUNDS)}, not {bound!r}")
    return GoldAmount(doc=doc, raw=str(raw), value=_number(value, f"{where}: value"),
                      currency=str(currency).upper() if currency else None, bound=bound)


def _parse_claim(index: int, entry) -> GoldClaim:
    entry = _entry("claims", index, entry, ("doc", "subject", "usd"))
    return GoldClaim(doc=str(entry["doc"]), subject=str(entry["subject"]), predicate=str(entry.get("predicate") or ""),
                     usd=_number(entry["usd"], f"claims[{index}] (doc {entry['doc']}): usd"))


def _text(value) -> str | None:
    return None if value is None else str(value)


def _number(value, where: str) -> float | None:
    """A number, or None; YAML reads 1e10 (no dot) as a string, which is accepted too."""
    if value is None:
        return None
    try:
        if not isinstance(value, bool):
            return float(value)
    except (TypeError, ValueError):
        pass
    raise GoldFormatError(f"{where} must be a number, not {value!r}")


# ---- matching
