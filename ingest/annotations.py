"""Curated corrections: annotations/*.yaml add, reject or correct a fact of a named document.

Every entry quotes its document verbatim; a quote that is not in the document fails the build with
the file and line of the entry. Curated records carry source = 'curated'. The format is described
in annotations/README.md; `aicap ingest --no-curated` builds without any of them.
"""
from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from .language import normalized_view
from .resources import load_vocabulary
from .segment import split_sentences

ACTIONS = ("add", "reject", "correct")
FACTS = {"deal": "deals", "claim": "claims"}
ENTRY_KEYS = {"document", "action", "fact", "quote", "match", "set", "reason"}

DEAL_FIELDS = ("kind", "status", "from", "to", "amount_index", "announced_on", "announced_precision",
               "counterparty_text", "round_name", "role", "parent_index", "superseded_by_index")
CLAIM_FIELDS = ("kind", "subject", "predicate", "amount_index", "number", "unit", "period", "speaker",
                "speaker_person", "speaker_org", "statement")
ORG_FIELDS = {"deal": ("from", "to"), "claim": ("subject", "speaker_org")}


class AnnotationError(click.ClickException):
    """A bad annotation; the message starts with file:line."""


@dataclass
class Annotation:
    file: str            # as shown in messages: annotations/x.yaml
    line: int            # 1-based line of the entry's quote (or of the entry)
    document: str        # file name (000_eee745b692254dfb.txt) or sha256
    action: str
    fact: str
    quote: str
    match: dict = field(default_factory=dict)
    set: dict = field(default_factory=dict)
    reason: str | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


# ----------------------------------------------------------------------------------------------
# Loading


def load_annotations(folder) -> list[Annotation]:
    """Parse every annotations/*.yaml (sorted by name). A file is a list of entries, or a mapping
    with an `annotations:` list. Raises one AnnotationError listing every malformed entry of every
    file (file:line: why), kinds and statuses outside the vocabulary included: such an entry would
    otherwise fail its document's save."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out, problems = [], []
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        out += _load_file(f"{folder.name}/{path.name}", path.read_text(encoding="utf-8"), problems)
    if problems:
        raise AnnotationError(listing(problems))
    return out


def listing(problems: list[str]) -> str:
    """The message of a check that stopped aicap ingest before it wrote anything."""
    return "\n".join(problems + [NOTHING_WRITTEN])


NOTHING_WRITTEN = ("nothing was ingested: correct these annotations (annotations/README.md), "
                   "or build without any with --no-curated")


def _load_file(shown: str, source: str, problems: list) -> list[Annotation]:
    try:
        root = yaml.compose(source)
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.append(f"{shown}:{line}: not valid YAML: {error}")
        return []
    if root is None:
        return []
    items, nodes = data, root
    if isinstance(data, dict):
        if set(data) != {"annotations"}:
            problems.append(f"{shown}:{root.start_mark.line + 1}: expected a list of entries "
                            "or a mapping with one key, annotations")
            return []
        items = data["annotations"] or []
        nodes = next(v for k, v in root.value if k.value == "annotations")
    if not isinstance(items, list):
        problems.append(f"{shown}:{root.start_mark.line + 1}: expected a list of entries")
        return []
    out = []
    for item, node in zip(items, getattr(nodes, "value", None) or []):
        try:
            out.append(_entry(shown, item, node))
        except AnnotationError as error:
            problems.append(error.message)
    return out


def _entry(shown: str, item, node) -> Annotation:
    line = node.start_mark.line + 1
    if not isinstance(item, dict):
        raise AnnotationError(f"{shown}:{line}: an entry must be a mapping")
    for key, value in node.value:
        if key.value == "quote":
            line = value.start_mark.line + 1
    where = f"{shown}:{line}"
    unknown = set(item) - ENTRY_KEYS
    if unknown:
        raise AnnotationError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(ENTRY_KEYS)})")
    for key in ("document", "action", "fact", "quote"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise AnnotationError(f"{where}: `{key}` is required and must be text")
    if item["action"] not in ACTIONS:
        raise AnnotationError(f"{where}: action must be one of {', '.join(ACTIONS)}, not {item['action']!r}")
    if item["fact"] not in FACTS:
        raise AnnotationError(f"{where}: fact must be one of {', '.join(FACTS)}, not {item['fact']!r}")
    match, values = item.get("match") or {}, item.get("set") or {}
    if not isinstance(match, dict) or not isinstance(values, dict):
        raise AnnotationError(f"{where}: `match` and `set` must be mappings")
    allowed = set(DEAL_FIELDS if item["fact"] == "deal" else CLAIM_FIELDS) | {"amount"}
    bad = (set(match) | set(values)) - allowed
    if bad:
        raise AnnotationError(f"{where}: unknown {item['fact']} fields {sorted(bad)}")
    if item["action"] == "add" and not values:
        raise AnnotationError(f"{where}: add needs `set` with the fields of the new {item['fact']}")
    if item["action"] == "correct" and not values:
        raise AnnotationError(f"{where}: correct needs `set` with the corrected fields")
    if item["action"] == "reject" and values:
        raise AnnotationError(f"{where}: reject takes `match`, not `set`")
    for part, fields in (("match", match), ("set", values)):
        for name, value in fields.items():
            choices = vocabulary(item["fact"]).get(name)
            # Only a kind is required (NOT NULL): `status: null` is an unknown status.
            if choices is not None and value not in choices and (value is not None or name == "kind"):
                raise AnnotationError(f"{where}: {part}: {name} must be one of {', '.join(choices)}, not {value!r}")
    return Annotation(shown, line, item["document"], item["action"], item["fact"], item["quote"],
                      _dates_as_text(match), _dates_as_text(values), item.get("reason"))


def _dates_as_text(fields: dict) -> dict:
    # YAML reads an unquoted 2024-09-11 as a date; the database stores dates as ISO text.
    return {name: value.isoformat() if isinstance(value, datetime.date) else value for name, value in fields.items()}


def vocabulary(fact: str) -> dict:
    """The values a field of a deal or claim may take, where the database restricts them (a foreign
    key or a check): anything else would fail the save of the annotated document."""
    if fact == "claim":
        return {"kind": CLAIM_KINDS}
    deal_vocabulary = load_vocabulary("deal_vocabulary")
    return {"kind": tuple(deal_vocabulary["kinds"]), "status": tuple(deal_vocabulary["statuses"]),
            "announced_precision": PRECISIONS}


# claims.kind (written by ingest/claims.py, which takes long to import: the annotations need only this)
CLAIM_KINDS = ("metric", "statement", "regulatory")
PRECISIONS = ("day", "month", "year")  # deals.announced_precision (schema.sql)


# ----------------------------------------------------------------------------------------------
# Validation against the documents


def validate_annotations(annotations: list[Annotation], documents_text_by_key: dict) -> None:
    """Every annotation names a known document (by file name or sha256) and quotes it verbatim.
    Raises one AnnotationError listing every problem, each as file:line: why."""
    problems = []
    for a in annotations:
        text = documents_text_by_key.get(a.document)
        if text is None:
            problems.append(f"{a.where}: unknown document {a.document} (give its file name or sha256)")
        elif a.quote not in text:
            problems.append(f"{a.where}: quote not found in {a.document}: «{a.quote}»")
    if problems:
        raise AnnotationError("\n".join(problems))


# ----------------------------------------------------------------------------------------------
# Applying to one document's records


def annotations_for(document: dict, annotations: list[Annotation]) -> list[Annotation]:
    keys = {document.get("sha256"), Path(document.get("source_path") or "").name}
    return [a for a in annotations if a.document in keys]


def apply_annotations(document: dict, records: dict, annotations: list[Annotation]) -> dict:
    """records with this document's annotations applied, in file order: additions (source
    'curated', evidence = the sentence holding the quote), rejections (extracted records whose
    evidence holds the quote and whose fields equal `match` are removed) and corrections (the
    matching records take the `set` fields and become 'curated'). The input is not modified.
    A reject or correct that matches nothing raises AnnotationError: the annotation is stale."""
    mine = annotations_for(document, annotations)
    if not mine:
        return records
    text = document["text"]
    records = {k: copy.deepcopy(v) for k, v in records.items()}
    for key in ("amounts", "deals", "claims"):
        records.setdefault(key, [])
    sentences = split_sentences(normalized_view(text))  # as the text model splits it: the same evidence
    for a in mine:
        position = text.find(a.quote)
        if position < 0:
            raise AnnotationError(f"{a.where}: quote not found in {a.document}: «{a.quote}»")
        q_start, q_end = position, position + len(a.quote)
        ev_start, ev_end = _sentence_span(sentences, q_start, q_end)
        values = _resolve_amount(a, dict(a.set), records["amounts"], text, ev_start, ev_end)
        _check_orgs(a, values, records)
        key = FACTS[a.fact]
        if a.action == "add":
            record = _blank(a.fact)
            record.update(values)
            record.update(evidence=text[ev_start:ev_end], char_start=ev_start, char_end=ev_end,
                          source="curated")
            records[key].append(record)
            continue
        hits = [i for i, r in enumerate(records[key])
                if r["char_start"] <= q_start and q_end <= r["char_end"] and _matches(r, a.match, records)]
        if not hits:
            raise AnnotationError(f"{a.where}: {a.action} matches no {a.fact} of {a.document} "
                                  f"quoting «{a.quote}» with {a.match or 'any fields'}")
        if a.action == "correct":
            for i in hits:
                records[key][i].update(values)
                records[key][i]["source"] = "curated"
        else:
            _remove(records, key, set(hits))
    return records


def _sentence_span(sentences, start: int, end: int) -> tuple[int, int]:
    covering = [s for s in sentences if s.end > start and s.start < end]
    if not covering:
        return start, end
    return min(covering[0].start, start), max(covering[-1].end, end)


def _blank(fact: str) -> dict:
    fields = DEAL_FIELDS if fact == "deal" else CLAIM_FIELDS
    return {name: None for name in fields}


def _resolve_amount(a: Annotation, values: dict, amounts: list, text: str, start: int, end: int) -> dict:
    """`amount: 20亿美元` (the raw text, written in the quoted sentence) -> amount_index; an amount
    the extractor missed is added to the document's amounts."""
    raw = values.pop("amount", None)
    if raw is None:
        return values
    for i, am in enumerate(amounts):
        if am["raw"] == raw and start <= am["char_start"] < end and am.get("converts") is None:
            values["amount_index"] = i
            return values
    position = text.find(raw, start, end)
    if position < 0:
        raise AnnotationError(f"{a.where}: amount «{raw}» is not written in the quoted sentence")
    from .money import parse_money

    parsed = parse_money(raw)
    if parsed is None:
        raise AnnotationError(f"{a.where}: «{raw}» is not an amount of money")
    amounts.append({"raw": raw, **parsed, "char_start": position, "char_end": position + len(raw)})
    values["amount_index"] = len(amounts) - 1
    return values


def _check_orgs(a: Annotation, values: dict, records: dict) -> None:
    from .orgs import load_gazetteer

    known = set(load_gazetteer().by_name) | {m["name"] for m in records.get("org_mentions") or []}
    for name in ORG_FIELDS[a.fact]:
        if values.get(name) is not None and values[name] not in known:
            raise AnnotationError(f"{a.where}: {name}: {values[name]!r} is neither a gazetteer organization "
                                  "nor one mentioned in the document")


def _matches(record: dict, match: dict, records: dict) -> bool:
    for name, expected in match.items():
        if name == "amount":
            i = record.get("amount_index")
            if i is None or records["amounts"][i]["raw"] != expected:
                return False
        elif record.get(name) != expected:
            return False
    return True


def _remove(records: dict, key: str, drop: set) -> None:
    """Remove records[key][i] for i in drop; deals' parent/superseded indices follow."""
    kept = [i for i in range(len(records[key])) if i not in drop]
    new_index = {old: new for new, old in enumerate(kept)}
    records[key] = [records[key][i] for i in kept]
    if key == "deals":
        for deal in records[key]:
            for name in ("parent_index", "superseded_by_index"):
                if deal.get(name) is not None:
                    deal[name] = new_index.get(deal[name])
