"""Sentence shapes: a sentence with each token replaced by one placeholder character.

    珠海华发集团战略投资了大模型"六小虎"之一的智谱AI,投资金额为5亿元人民币
    → O战略投资了大模型"六小虎"之一的O,投资金额为M

Rules (ingest/deal_rules.py) are regular expressions over shapes, written with the placeholders
as {O} {P} {M} {R} {D} {N}, so a rule names what it needs (an organization, an amount) instead of
the characters around it. A shape knows the view offset of each of its characters and the token
behind each placeholder. On the way, it leaves out what never matters to a rule: whitespace
between Chinese characters, an organization's bracketed alias or ticker (谷歌(Google),
IREN(IREN-US), 电光云科技有限公司(简称"电光云")), and an organization that only modifies the next
one (Alphabet旗下的谷歌, Arm服务器CPU厂商Ampere).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .vocab import alternation, vocabulary

PLACEHOLDERS = {"org": "\ue010", "person": "\ue011", "money": "\ue012", "round": "\ue013",
                "date": "\ue014", "percent": "\ue015"}
# An organization named by an anaphor (其, 该公司, 双方) has its own placeholder, so a rule can tell
# "the company" from a newly named one; {O} in rules matches both.
ANAPHOR = "\ue016"
ANY_PLACEHOLDER = "\ue010-\ue016"
ORG = PLACEHOLDERS["org"]


@dataclass
class Shape:
    text: str
    starts: list   # view offset where each character of text begins
    ends: list     # ... and ends
    tokens: dict   # index in text -> Token, for placeholders
    _positions: list | None = field(default=None, repr=False, compare=False)  # sorted(tokens)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """View offsets of text[i:j]."""
        return self.starts[i], self.ends[j - 1]

    def tokens_between(self, i: int, j: int, kind: str | None = None) -> list:
        if self._positions is None:
            self._positions = sorted(self.tokens)  # readers ask many times per shape
        positions = self._positions[bisect_left(self._positions, i):bisect_left(self._positions, j)]
        return [self.tokens[k] for k in positions if kind is None or self.tokens[k].kind == kind]


@lru_cache(maxsize=1)
def _rules() -> dict:
    v = vocabulary("shape")
    return {
        "ticker": re.compile(v["bracketed_after_org"]),
        "legal_suffix": re.compile(v["legal_suffix_after_org"]),
        "apposition": re.compile(v["apposition_after_org"]),
        "gap_verbs": re.compile(alternation(v["visible_gap_verbs"])),
        "modifier": re.compile(
            f"[{ORG}{ANAPHOR}](?:{alternation(v['owner_words'])}|[^,;。!?:、()\"{ANY_PLACEHOLDER}{v['modifier_gap_stop']}]{{0,10}}?"
            f"(?:{alternation(v['descriptor_nouns'])}))(?=[{ORG}{ANAPHOR}])"),
    }


def shape_sentence(model, sentence) -> Shape:
    return _drop_modifiers(_shape(model, sentence))


def _shape(model, sentence) -> Shape:
    builder = _Builder(model.view, sentence.language == "zh")
    position = sentence.start
    at_start = {}
    for token in model.tokens_in(sentence.start, sentence.end):
        at_start[token.start] = token  # of two tokens at one place, the later one
    for start in sorted(at_start):
        if start < position:
            continue  # inside what the previous token swallowed (a bracketed alias, a legal suffix)
        token = at_start[start]
        builder.text(position, start)
        if token.kind == "money":
            _emit_gap_verb(model, token, builder)
        builder.token(token)
        position = token.end
        if token.kind == "org":
            position = _skip_bracketed(model, _skip_legal_suffix(model, position, sentence.end), sentence.end)
            if not builder.zh:
                position = _skip_apposition(model, token, position, sentence.end)
    builder.text(position, sentence.end)
    return builder.shape()


_RUNS = re.compile(r"\s+|\S+")


class _Builder:
    """A shape written left to right: runs of text (Chinese without whitespace, English with single
    spaces) and one placeholder per token, each character with its view offsets."""

    def __init__(self, view: str, zh: bool):
        self.view, self.zh = view, zh
        self.pieces, self.starts, self.ends, self.tokens = [], [], [], {}

    def text(self, start: int, end: int) -> None:
        if start >= end:
            return
        for run in _RUNS.finditer(self.view, start, end):
            a, b = run.span()
            if not self.view[a].isspace():
                self.chars(a, b)
            elif not self.zh:
                self.pieces.append(" ")
                self.starts.append(a)
                self.ends.append(a + 1)

    def chars(self, start: int, end: int) -> None:
        self.pieces.append(self.view[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def token(self, token) -> None:
        self.tokens[len(self.starts)] = token
        self.pieces.append(ANAPHOR if token.kind == "org" and token.via != "name" else PLACEHOLDERS[token.kind])
        self.starts.append(token.start)
        self.ends.append(token.end)

    def shape(self) -> Shape:
        return Shape("".join(self.pieces), self.starts, self.ends, self.tokens)


def _emit_gap_verb(model, token, builder: "_Builder") -> None:
    """最高投资80亿美元 is one amount whose qualifier holds a verb: the verb stays visible."""
    m = _rules()["gap_verbs"].search(model.view, token.start, token.end)
    if m:
        builder.chars(m.start(), m.end())


def _skip_legal_suffix(model, position: int, end: int) -> int:
    """CoreWeave, Inc. 此前已…: the legal form after a name is part of it."""
    m = _rules()["legal_suffix"].match(model.view, position, end)
    return m.end() if m else position


def _skip_apposition(model, token, position: int, end: int) -> int:
    """Past ", the startup behind Devin," after an English organization, unless it names
    another organization or an amount (", a unit of SoftBank," says more than what it is)."""
    m = _rules()["apposition"].match(model.view, position, end)
    if m is None:
        return position
    inside = model.tokens_in(m.start(), m.end())
    if any(t.kind == "money" or (t.kind == "org" and t.value != token.value) for t in inside):
        return position
    return m.end()


def _skip_bracketed(model, position: int, end: int) -> int:
    """Past a bracket right after an organization that only restates it: another name of it,
    a ticker, an abbreviation it is called by."""
    view = model.view
    at = position
    while at < end and view[at] == " ":
        at += 1
    if at >= end or view[at] != "(":
        return position
    close = view.find(")", at, min(end, at + 40))
    if close == -1:
        return position
    inside = view[at + 1:close].strip()
    inner = model.tokens_in(at + 1, close)
    only_org = len(inner) == 1 and inner[0].kind == "org" and view[at + 1:close].strip() == view[inner[0].start:inner[0].end]
    if only_org or _rules()["ticker"].fullmatch(inside):
        return close + 1
    return position


def _drop_modifiers(shape: Shape) -> Shape:
    """Alphabet旗下的谷歌 → 谷歌; Arm服务器CPU厂商Ampere → Ampere: the last organization of a noun
    phrase is its head, the one before only says whose or what kind it is."""
    drop = set()
    for m in _rules()["modifier"].finditer(shape.text):
        drop.update(range(m.start(), m.end()))
    if not drop:
        return shape
    keep = [i for i in range(len(shape.text)) if i not in drop]
    return Shape("".join(shape.text[i] for i in keep), [shape.starts[i] for i in keep],
                 [shape.ends[i] for i in keep], {n: shape.tokens[i] for n, i in enumerate(keep) if i in shape.tokens})
