"""One document as the claim rules read it, taken from its text model (ingest/text.py).

Cues are matched against the folded view (ingest/claim_vocab.py); what a claim keeps (evidence,
statements, speakers as written) is cut from the original text at the same offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial
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


RECORD_FIELDS = ("kind", "subject", "predicate", "amount_index", "number", "unit", "period", "speaker",
                 "speaker_person", "speaker_org", "statement", "evidence", "char_start", "char_end", "source")


def claim_record(**fields) -> dict:
    """A claim with every field of the claims table, unset ones None. The rules may add fields of
    their own, named with a leading _."""
    record = dict.fromkeys(RECORD_FIELDS)
    record["source"] = "extracted"
    record.update(fields)
    return record


def _mentions(model) -> tuple[list[Mention], list[Mention], list]:
    """In one pass over the tokens: the organizations named in the text (not anaphora, not people
    standing for their company); the people, including those the model lets stand for their
    organization; the amounts that are not restatements (约合143亿元人民币 only converts the
    amount before it)."""
    kinds = {m["char_start"]: m.get("kind") for m in model.org_mentions}
    names = {p["char_start"]: p["name"] for p in model.person_mentions}
    amounts = model.amounts
    orgs, people, money = [], [], []
    mention = partial(tuple.__new__, Mention)  # Mention((start, end, name, kind)), without Python's __new__
    for t in model.tokens:
        kind = t.kind
        if kind == "org":
            if t.via == "name":
                orgs.append(mention((t.start, t.end, t.value, kinds.get(t.start))))
            elif t.via == "person" and t.start in names:
                people.append(mention((t.start, t.end, names[t.start], None)))
        elif kind == "person":
            people.append(mention((t.start, t.end, t.value, None)))
        elif kind == "money" and amounts[t.value].get("converts") is None:
            money.append(t)
    return orgs, people, money


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
        self.quotes = _quote_spans(self.text, self.vocabulary.speech.quotes)  # sorted
        self._quote_starts = [a for a, _ in self.quotes]
        self._quotes_by_end = sorted(self.quotes, key=lambda q: q[1])
        self._quote_ends = [b for _, b in self._quotes_by_end]
        self._quote_at = {a: (a, b) for a, b in reversed(self.quotes)}
        long_quotes = [(a, b) for a, b in self.quotes if b - a > 8]
        self._long_quote_starts = [a for a, _ in long_quotes]
        self._long_quote_reach = list(accumulate((b - 1 for _, b in long_quotes), max))
        self.orgs, self.people, self.amount_tokens = _mentions(model)
        # Start offsets to bisect: the rules ask for the mentions of a span thousands of times.
        self._org_starts = [m.start for m in self.orgs]
        self._org_max_ends = list(accumulate([m.end for m in self.orgs], max))
        self._people_starts = [p.start for p in self.people]
        self._money_starts = [t.start for t in self.amount_tokens]
        self._sentence_starts = [s.start for s in self.sentences]
        self._breaks = None

    # -- sentences and clauses

    def sentence_at(self, position: int):
        i = bisect_right(self._sentence_starts, position) - 1
        if i >= 0 and position < self.sentences[i].end:
            return self.sentences[i]
        return None

    def sentence_text(self, sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def sentences_with(self, pattern: re.Pattern) -> list:
        """The sentences a match of pattern over the whole view overlaps, in order: one search of
        the document tells which sentences a rule need look at. When pattern can neither look
        ahead nor match empty (claim_vocab.loose_pattern), each of its matches within a sentence
        lies inside or overlaps one of these."""
        starts, sentences = self._sentence_starts, self.sentences
        found, taken = [], 0  # sentences before taken are found or passed
        for m in pattern.finditer(self.view):
            a, b = m.span()
            i = max(bisect_right(starts, a) - 1, taken)  # the sentence holding a, or the one before
            while i < len(starts) and starts[i] < b:
                if sentences[i].end > a:
                    found.append(sentences[i])
                i += 1
            taken = max(taken, i)
        return found

    def clause_start(self, sentence, position: int) -> int:
        """After the last clause break of the sentence before position."""
        breaks = self._clause_breaks()
        k = bisect_left(breaks, position) - 1
        return breaks[k] + 1 if k >= 0 and breaks[k] >= sentence.start else sentence.start

    def clause_end(self, sentence, position: int) -> int:
        """At the first clause break of the sentence from position on."""
        breaks = self._clause_breaks()
        k = bisect_left(breaks, position)
        return breaks[k] if k < len(breaks) and breaks[k] < sentence.end else sentence.end

    def _clause_breaks(self) -> list[int]:
        """Offsets of the clause breaks of the view, found once on first use."""
        if self._breaks is None:
            self._breaks = [m.start() for m in CLAUSE_BREAK.finditer(self.view)]
        return self._breaks

    def evidence(self, start: int, end: int) -> tuple[str, int, int]:
        """The sentences covering text[start:end], verbatim, with their offsets."""
        first = self.sentence_at(start) or self.sentence_at(max(0, start - 1))
        last = self.sentence_at(max(start, end - 1)) or first
        a, b = first.start, max(last.end, first.end)
        return self.text[a:b], a, b

    # -- quotes

    def inside_quote(self, position: int) -> bool:
        """Whether position is inside a quote of more than a few characters (not at its marks)."""
        k = bisect_left(self._long_quote_starts, position)  # the quotes opening before position
        return k > 0 and self._long_quote_reach[k - 1] > position

    def quotes_starting(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotes opening within [start, end), in order."""
        return self.quotes[bisect_left(self._quote_starts, start):bisect_left(self._quote_starts, end)]

    def quotes_ending(self, after: int, end: int) -> list[tuple[int, int]]:
        """The quotes closing within (after, end], by where they close."""
        return self._quotes_by_end[bisect_right(self._quote_ends, after):bisect_right(self._quote_ends, end)]

    def quote_opening_at(self, position: int) -> tuple[int, int] | None:
        return self._quote_at.get(position)

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
        found = self.amount_tokens[bisect_left(self._money_starts, start):bisect_left(self._money_starts, end)]
        return [t.value for t in found if t.end <= end]
