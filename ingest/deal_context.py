"""What the sentences read so far tell a later one about deals: the mentions found, the round and
the company for sale the text is talking about, the organization it is about (its topic). And the
sentences that only complete an earlier deal: its price (这笔交易价值…), its money (最高出资…), the
amounts it breaks down into (包括…20亿美元和…10亿美元).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .deal_match import macro_pattern, matched, names

# A round or topic is remembered this many sentences (English wires write one short sentence a line).
CONTEXT_SENTENCES = {"zh": 5, "en": 12}
CLAUSE_BREAKS = ",;:。!?"


@dataclass
class Mention:
    """One sentence's report of a deal, before merging."""
    kind: str
    from_org: str | None
    to_org: str | None
    amount_index: int | None
    status: str | None
    date: tuple | None
    evidence: tuple          # (start, end) in the text
    rule: str = ""
    round_name: str | None = None
    role: str | None = None
    parent: "Mention | None" = None
    order: int = 0
    counterparty: str | None = None   # the receivers when they are not one organization (每家初创机构)
    scope: str = "total"              # each: the amount is per receiver (每家…25万美元)


@dataclass
class RoundContext:
    raiser: str
    sentence: int
    mention: Mention | None
    kind: str = "equity_investment"  # what its investors' deals are (acquisition for a consortium)


class Context:
    """The deal mentions of one text model so far, and what they make a later sentence mean."""

    def __init__(self, model):
        self.model = model
        self.mentions: list[Mention] = []
        self.round: RoundContext | None = None
        self.sale: RoundContext | None = None      # a company the text says is for sale
        self.projects = {m["name"] for m in model.org_mentions if m.get("kind") == "project"}

    def usable_amount(self, index: int) -> int:
        """A conversion (约合…) restates the amount before it: that one is the deal's."""
        amount = self.model.amounts[index]
        return amount["converts"] if amount.get("converts") is not None else index

    def sentence_index(self, mention: Mention) -> int:
        sentence = self.model.sentence_at(mention.evidence[0])
        return sentence.index if sentence else 0

    def current_sale(self, sentence) -> RoundContext | None:
        if self.sale and sentence.index - self.sale.sentence <= 2 * CONTEXT_SENTENCES[sentence.language]:
            return self.sale
        return None

    def current_round(self, sentence) -> RoundContext | None:
        if self.round and sentence.index - self.round.sentence <= CONTEXT_SENTENCES[sentence.language]:
            return self.round
        return None

    def parent_round(self, tos: list[str], sentence) -> Mention | None:
        context = self.current_round(sentence)
        if context and context.mention and tos and context.raiser == tos[0]:
            return context.mention
        return None

    def topic(self, sentence, before: int) -> list[str]:
        """The organization the text is about at this point: the first one named earlier in the
        sentence, else the first one of the last sentence that named one (not too far back)."""
        here = self.first_party(sentence, before)
        if here:
            return here
        sentences = self.model.sentences
        for index in range(sentence.index - 1, max(-1, sentence.index - 1 - CONTEXT_SENTENCES[sentence.language]), -1):
            earlier = sentences[index]
            if self.model.tokens_in(earlier.start, earlier.end, "org"):
                subject = self.first_party(earlier, len(self.model.shape_of(earlier).text))
                if subject:
                    return subject[:1]
        return []

    def first_party(self, sentence, before: int) -> list[str]:
        """The organization a clause starts with, before shape index `before`, that is not a
        source (《财经》获悉: who reports is not who pays); a clause may open with a date or
        adverbs (2023年9月,阿里…, 近日,…)."""
        shape = self.model.shape_of(sentence)
        opener = macro_pattern(sentence.language if sentence.language == "zh" else "en", "CLAUSE_OPENER")
        for i in range(before):
            token = shape.tokens.get(i)
            if token is None or token.kind != "org" or token.source or not isinstance(token.value, str):
                continue
            clause_start = max(shape.text.rfind(c, 0, i) for c in CLAUSE_BREAKS) + 1
            if opener.fullmatch(shape.text, clause_start, i):
                return [token.value]
        return []

    def current_project(self, sentence, froms: list[str]) -> list[str]:
        """软银自己会投入300亿美元: the project (ingest/projects.py) named last, in this sentence
        before the match or in the last few sentences of the paragraph."""
        projects = self.projects
        if not projects:
            return []
        sentences = self.model.sentences
        first = next(s for s in sentences[max(0, sentence.index - CONTEXT_SENTENCES[sentence.language]):sentence.index + 1]
                     if s.paragraph == sentence.paragraph)
        for token in reversed(self.model.tokens_in(first.start, sentence.end, "org")):
            if token.value in projects and token.value not in froms:
                return [token.value]
        return []

    def previous_target(self, sentence, froms: list[str]) -> list[str]:
        """与此同时,亚马逊则承诺投资80亿美元: the company the last deal went to."""
        for mention in reversed(self.mentions):
            if sentence.index - self.sentence_index(mention) > 2:
                break
            if mention.to_org and mention.from_org and mention.to_org not in froms:
                return [mention.to_org]
        return []

    def last_other(self, shape, before: int, froms: list[str]) -> list[str]:
        """其中电光科技持股65%: the organization named last before, other than the holder."""
        for i in range(before - 1, -1, -1):
            token = shape.tokens.get(i)
            if token is not None and token.kind == "org" and not set(names(token)) & set(froms) \
                    and not self._is_holder(token):
                return names(token)[-1:]
        return []

    def _is_holder(self, token) -> bool:
        return any(m.from_org in names(token) and m.rule == "holds_stake" for m in self.mentions[-4:])


# -- sentences that complete an earlier deal -------------------------------------------------


def price_previous_deal(context: Context, sentence, language: str) -> None:
    """这笔交易价值超过1,000亿美元: the amount of the last deal reported before, when it had none."""
    mentions = context.mentions
    latest = next((m for m in reversed(mentions) if m.evidence[1] <= sentence.start), None)
    if latest is None or sentence.index - context.sentence_index(latest) > 2:
        return  # no deal reported just before: nothing to price (checked before shaping)
    shape = context.model.shape_of(sentence)
    m = macro_pattern(language, "PRICING").search(shape.text)
    if m is None:
        return
    named = {name for token in shape.tokens.values() if token.kind == "org" and not token.source
             for name in names(token)}
    for mention in reversed(mentions):
        if mention.evidence[1] > sentence.start:
            continue
        if sentence.index - context.sentence_index(mention) > 2:
            return
        parties = {mention.from_org, mention.to_org} - {None}
        if named and not parties <= named:
            continue  # Anthropic表示,与谷歌的这笔交易价值…: prices the deal of those two
        if mention.amount_index is None:
            mention.amount_index = context.usable_amount(shape.tokens[m.start("amount")].value)
            mention.evidence = (mention.evidence[0], sentence.end)
        return


def fund_previous_deal(context: Context, sentence, language: str) -> None:
    """最高出资100亿日元,预计SBI控股将成为…: a sentence opening with the money of the deal just
    reported, by one of its parties."""
    last = context.mentions[-1]
    if last.amount_index is not None or last.evidence[1] > sentence.start \
            or sentence.index - context.sentence_index(last) > 1:
        return
    shape = context.model.shape_of(sentence)
    m = macro_pattern(language, "FUNDING_FOLLOWUP").match(shape.text)
    if m is None:
        return
    named = {name for token in shape.tokens.values() if token.kind == "org" for name in names(token)}
    if not named or {last.from_org, last.to_org} & named:
        last.amount_index = context.usable_amount(shape.tokens[m.start("amount")].value)
        last.evidence = (last.evidence[0], sentence.end)


def split_amounts(context: Context, shape, m: re.Match, sentence) -> None:
    """包括2023年投资的20亿美元和今年追加的10亿美元: each amount a deal of the sentence's last deal's parties."""
    last = next((x for x in reversed(context.mentions) if x.evidence[0] == sentence.start and x.from_org), None)
    if last is None:
        return
    for group in ("amount", "amount2"):
        if group not in matched(m):
            continue
        token = shape.tokens_between(m.start(group), m.end(group), "money")
        if token:
            context.mentions.append(Mention(last.kind, last.from_org, last.to_org,
                                            context.usable_amount(token[0].value), last.status, last.date,
                                            last.evidence, "amount_breakdown"))
