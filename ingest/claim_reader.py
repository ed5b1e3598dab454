"""One document as the claim rules read it, taken from its text model (ingest/text.py).

Cues are matched against the folded view (ingest/claim_vocab.py); what a claim keeps (evidence,
statements, speakers as written) is cut from the original text at the same offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import NamedTuple

from .claim_vocab import claim_vocabulary, fold

CLAUSE_BREAK = re.compile(r"[,;:]")


class Mention(NamedTuple):
    """A named organization or person of the text."""
    start: int
    end: int
    name: str                # canonical name
    kind: str | None = None  # organizations: the gazetteer kind (government, regulator, ...)


def claim_record(**fields) -> dict:
    """A claim with every field of the claims table, unset ones None."""
    record = {"kind": None, "subject": None, "predicate": None, "amount_index": None, "number": None,
              "unit": None, "period": None, "speaker": None, "speaker_person": None,
              "speaker_org": None, "statement": None, "evidence": None, "char_start": None,
              "char_end": None, "source": "extracted"}
    record.update(fields)
    return record


def _named_orgs(model) -> list[Mention]:
    """Organizations named in the text (not anaphora, not people standing for their company)."""
    kinds = {m["char_start"]: m.get("kind") for m in model.org_mentions}
    return [Mention(t.start, t.end, t.value, kinds.get(t.start)) for t in model.tokens
            if t.kind == "org" and t.via == "name"]


def _people(model) -> list[Mention]:
    """People of the text, including those the model lets stand for their organization."""
    names = {p["char_start"]: p["name"] for p in model.person_mentions}
    return [Mention(t.start, t.end, t.value if t.kind == "person" else names[t.start]) for t in model.tokens
            if t.kind == "person" or (t.kind == "org" and t.via == "person" and t.start in names)]


def _quote_spans(text: str, marks: dict) -> list[tuple[int, int]]:
    """(start, end) of every quote, marks included, paired in the original text: the view writes
    opening and closing marks alike. A quote never runs across a blank line."""
    spans = []
    for opening, closing in marks.items():
        at = text.find(opening)
        while at >= 0:
            close = text.find(closing, at + 1)
            if close < 0 or "\n\n" in text[at:close]:
                at = text.find(opening, at + 1)
                continue
            spans.append((at, close + 1))
            at = text.find(opening, close + 1)
    return sorted(spans)


class ClaimReader:
    """Sentences, clauses, quotes, mentions and amounts of one text model, with the lookups the
    claim rules make many times per document."""

    def __init__(self, model, published_on: str | None):
        self.model = model
        self.text = model.text
        self.view = fold(model.view)   # what cues match
        self.cased_view = model.view   # what names match (Fiona, not fiona)
        self.sentences = model.sentences
        self.year = int(published_on[:4]) if published_on else None
        self.vocabulary = claim_vocabulary()
        self.quotes = _quote_spans(self.text, self.vocabulary.speech.quotes)
        self.orgs = _named_orgs(model)
        self.people = _people(model)
        # Start offsets to bisect: the rules ask for the mentions of a span thousands of times.
        self._org_starts = [m.start for m in self.orgs]
        self._org_max_ends = list(accumulate((m.end for m in self.orgs), max))
        self._people_starts = [p.start for p in self.people]
        self._money = [t for t in model.tokens if t.kind == "money" and model.amounts[t.value].get("converts") is None]
        self._money_starts = [t.start for t in self._money]

    # -- sentences and clauses

    def sentence_at(self, position: int):
        return self.model.sentence_at(position)

    def sentence_text(self, sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def clause_start(self, sentence, position: int) -> int:
        start = sentence.start
        for m in CLAUSE_BREAK.finditer(self.view, sentence.start, position):
            start = m.end()
        return start

    def clause_end(self, sentence, position: int) -> int:
        m = CLAUSE_BREAK.search(self.view, position, sentence.end)
        return m.start() if m else sentence.end

    def evidence(self, start: int, end: int) -> tuple[str, int, int]:
        """The sentences covering text[start:end], verbatim, with their offsets."""
        first = self.sentence_at(start) or self.sentence_at(max(0, start - 1))
        last = self.sentence_at(max(start, end - 1)) or first
        a, b = first.start, max(last.end, first.end)
        return self.text[a:b], a, b

    # -- quotes

    def inside_quote(self, position: int) -> bool:
        return any(a < position < b - 1 for a, b in self.quotes if b - a > 8)

    def quote_opening_at(self, position: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in self.quotes if a == position), None)

    # -- mentions and amounts

    def surface(self, mention) -> str:
        return self.text[mention.start:mention.end]

    def orgs_in(self, start: int, end: int) -> list[Mention]:
        """Named organizations within [start, end), in text order."""
        found = self.orgs[bisect_left(self._org_starts, start):bisect_right(self._org_starts, end)]
        return [m for m in found if m.end <= end]

    def in_org(self, position: int) -> bool:
        """Whether a named organization covers position."""
        k = bisect_right(self._org_starts, position)
        return k > 0 and self._org_max_ends[k - 1] > position

    def people_in(self, start: int, end: int) -> list[Mention]:
        """People within [start, end), in text order."""
        return [p for p in self.people_starting(start, end) if p.end <= end]

    def people_starting(self, start: int, end: int) -> list[Mention]:
        """People starting within [start, end), wherever they end."""
        return self.people[bisect_left(self._people_starts, start):bisect_left(self._people_starts, end)]

    def amounts_in(self, start: int, end: int) -> list[int]:
        """Indexes (into model.amounts) of the amounts within [start, end), restatements left out
        (约合143亿元人民币 only converts the amount before it)."""
        found = self._money[bisect_left(self._money_starts, start):bisect_left(self._money_starts, end)]
        return [t.value for t in found if t.end <= end]
