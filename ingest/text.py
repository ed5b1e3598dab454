"""The text model of one document, built once and read by every extractor.

    model = build_text_model(text, published_on)

holds the original text; a simplified, normalized view of it with the same offsets (輝達 → 辉达,
，→ ,, full-width letters → ASCII), so rules are written once for simplified, traditional and
full-width text; the sentences with their paragraphs; and the typed tokens every reader needs:
organizations, people, amounts, round names, dates and percentages. Each sentence also has a
*shape*: the sentence with every token replaced by one placeholder character (see ingest/shape.py),
the string the deal rules match.

Everything here is pure: text in, records out.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import find_dates
from .language import normalized_view
from .money import extract_amounts
from .orgs import find_mentions
from .segment import split_sentences
from . import regex_starts
from .vocab import vocabulary


@dataclass(frozen=True)
class Token:
    """A typed span of the text. value: org -> canonical name (a tuple of names for 双方, both);
    person -> canonical name; money -> index into model.amounts; round -> the round's name;
    date -> (value, precision); percent -> float."""
    kind: str
    start: int
    end: int
    value: object
    via: str = "name"     # org tokens: name | anaphor | person
    source: bool = False  # an organization cited as the source of the news (据CNBC报道, 《财经》获悉)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int
    language: str
    shape: object = None  # ingest.shape.Shape, built on first use by TextModel.shape_of


@dataclass
class TextModel:
    text: str
    view: str
    language: str
    published_on: str | None
    amounts: list
    org_mentions: list
    person_mentions: list
    tokens: list = field(default_factory=list)
    sentences: list = field(default_factory=list)

    def tokens_in(self, start: int, end: int, kind: str | None = None) -> list[Token]:
        i = bisect_left(self._token_starts, start)
        j = bisect_left(self._token_starts, end)
        return [t for t in self.tokens[i:j] if t.end <= end and (kind is None or t.kind == kind)]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a token covers any character of [start, end)."""
        i = bisect_left(self._token_starts, end)
        return any(t.end > start for t in self.tokens[max(0, i - 16):i])

    def shape_of(self, sentence: Sentence):
        """The sentence's shape (ingest/shape.py), built the first time a reader asks: most
        sentences hold no deal and are never shaped."""
        if sentence.shape is None:
            from .shape import shape_sentence
            sentence.shape = shape_sentence(self, sentence)
        return sentence.shape

    def sentence_at(self, position: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, position) - 1
        if i >= 0 and position < self.sentences[i].end:
            return self.sentences[i]
        return None

    def index(self) -> None:
        self.tokens.sort(key=lambda t: (t.start, -t.end))
        self._token_starts = [t.start for t in self.tokens]
        self._sentence_starts = [s.start for s in self.sentences]


# ---------------------------------------------------------------------------------------------
# Tokens besides organizations, people and amounts


@lru_cache(maxsize=1)
def _token_patterns() -> dict:
    v = vocabulary("text")
    return {
        "round": regex_starts.anchored(re.compile(v["round_pattern"])),
        "percent": re.compile(v["percent_pattern"]),
    }


def _pattern_tokens(view: str, kind: str) -> list[Token]:
    pattern = _token_patterns()[kind]
    tokens = []
    for m in pattern.finditer(view):
        if kind == "round":
            value = re.sub(r"\s+", " ", m.group("name") or m.group()).strip()
        else:
            value = float(m.group("number"))
        tokens.append(Token(kind, m.start(), m.end(), value))
    return tokens


def _without_overlaps(tokens: list[Token]) -> list[Token]:
    """Earlier kinds in PRIORITY win a clash; within a kind, the longer span."""
    ranked = sorted(tokens, key=lambda t: (PRIORITY.index(t.kind), t.start, -(t.end - t.start)))
    taken = bytearray()
    kept = []
    for token in ranked:
        if len(taken) < token.end:
            taken.extend(b"\x00" * (token.end - len(taken)))
        if taken.find(1, token.start, token.end) != -1:
            continue
        taken[token.start:token.end] = b"\x01" * (token.end - token.start)
        kept.append(token)
    return kept


PRIORITY = ("money", "org", "person", "percent", "date", "round")


# ---------------------------------------------------------------------------------------------
# Building


@lru_cache(maxsize=1)
def _affiliations() -> dict:
    from .orgs import load_gazetteer
    return {person.name: person.org for person in load_gazetteer().people if person.org}


def _person_token(view: str, person: dict) -> Token:
    """A person with a known organization stands for it (孙正义表示 → SoftBank Group), unless the
    text says they act on their own (本人, 个人)."""
    org = _affiliations().get(person["name"])
    personal = re.match(r"\s*(?:本人|个人|自己|himself|herself|personally)", view[person["char_end"]:person["char_end"] + 12])
    if org and not personal:
        return Token("org", person["char_start"], person["char_end"], org, via="person")
    return Token("person", person["char_start"], person["char_end"], person["name"])


@lru_cache(maxsize=1)
def _source_cues() -> tuple[re.Pattern, re.Pattern]:
    v = vocabulary("text")
    # Only whether a cue is there matters: quick finds it without trying every branch everywhere.
    return regex_starts.quick(re.compile(f"(?:{v['source_before']})\\s*$")), re.compile(f"\\s*(?:{v['source_after']})")


def _mark_sources(view: str, tokens: list[Token]) -> list[Token]:
    """据CNBC等媒体报道, 《财经》获悉, Reuters reported: who reports, not who pays."""
    before, after = _source_cues()
    marked = []
    for token in tokens:
        if token.kind == "org" and (before.search(view, max(0, token.start - 24), token.start)
                                    or after.match(view, token.end, token.end + 16)):
            token = Token(token.kind, token.start, token.end, token.value, token.via, True)
        marked.append(token)
    return marked


def build_text_model(text: str, published_on: str | None = None, language: str | None = None) -> TextModel:
    from .anaphora import resolve_anaphora

    view = normalized_view(text)
    language = language or _language_of(text)
    amounts = extract_amounts(text)
    orgs, people = find_mentions(text, view)
    tokens = [Token("money", a["char_start"], a["char_end"], i) for i, a in enumerate(amounts)]
    tokens += [Token("org", m["char_start"], m["char_end"], m["name"]) for m in orgs]
    tokens += [_person_token(view, p) for p in people]
    tokens += [Token("date", d.start, d.end, (d.value, d.precision)) for d in find_dates(view, published_on)]
    tokens += _pattern_tokens(view, "round") + _pattern_tokens(view, "percent")
    tokens = _mark_sources(view, _without_overlaps(tokens))
    # Sentences are split on the text itself: the view writes “ and ” alike, and the closing quote
    # that belongs to a sentence must not take the opening one of the next.
    model = TextModel(text, view, language, published_on, amounts, orgs, people, tokens, split_sentences(text))
    model.index()
    resolve_anaphora(model)
    model.index()
    return model


def _language_of(view: str) -> str:
    from .language import detect_language
    return detect_language(view)
