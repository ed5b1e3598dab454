"""Deals: who pays whom, how much, promised or paid — read from the text model's sentence shapes.

Every rule of ingest/data/deal_rules_<language>.yaml is matched against the shape of every
sentence whose text holds the rule's words (ingest/deal_rules.py says how rules are written; a
Gate finds the candidate rules of a sentence in one pass, so most sentences are never shaped). A
match names its parties through groups; this module turns it into mentions: one per (from, to)
pair of the organizations in those groups, with the amount the clause states, a status from the
words around the verb (ingest/deal_status.py) and the nearest date (ingest/deal_match.py reads a
match). Context fills what a sentence leaves out (ingest/deal_context.py): the subject of a
sentence that has none (从5月底出手智元机器人开始 → the company the paragraph is about), the round
that a list of investors belongs to (参与者包括…), the deal a later "这笔交易价值…" prices.

Mentions of the same deal in one document are merged (ingest/deal_merge.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .deal_context import Context, Mention, RoundContext, fund_previous_deal, price_previous_deal, split_amounts
from .deal_match import (amount_token, date_of, joint, kind_of, macro_pattern, matched, not_a_deal, orgs_of,
                         round_name_of, supplier_first)
from .deal_rules import Gate, build_gate, rules
from .deal_status import hearsay, status_of
from .shape import ANAPHOR, PLACEHOLDERS

PRICING, FUNDING_FOLLOWUP = "PRICING", "FUNDING_FOLLOWUP"
UNCHANGEABLE = ("rumored", "scaled_back", "cancelled")


@dataclass
class Found:
    """What a match states before it becomes mentions."""
    amount: int | None
    status: str
    date: tuple | None
    round_name: str | None
    evidence: tuple
    kind: str


class Reader:
    """Reads one text model's sentences in order; the context (deal_context.Context) keeps what a
    later sentence may rely on."""

    def __init__(self, model):
        self.model = model
        self.context = Context(model)
        self.mentions = self.context.mentions
        self._listed: set = set()                  # (sentence, investor) already read by a role rule
        # paragraph -> index of its first sentence citing unnamed sources (据知情人士透露)
        self.hearsay_from = {}
        for sentence in model.sentences:
            if sentence.paragraph not in self.hearsay_from and hearsay(model.view, sentence):
                self.hearsay_from[sentence.paragraph] = sentence.index

    def read(self) -> list[Mention]:
        for sentence in self.model.sentences:
            self._read_sentence(sentence)
        for order, mention in enumerate(self.mentions):
            mention.order = order
        return self.mentions

    # -- one sentence ----------------------------------------------------------------------

    def _read_sentence(self, sentence) -> None:
        language = "zh" if sentence.language == "zh" else "en"
        candidates = _gate(language).candidates(_plain_text(self.model.view, sentence), _placeholders(self.model, sentence))
        if not candidates:
            return
        shape = self.model.shape_of(sentence)
        found = [(m.start(), rule, m) for rule in _in_order(language, candidates) for m in rule.finditer(shape.text)]
        found.sort(key=lambda item: item[0])
        first = len(self.mentions)
        weak = set()
        for _, rule, m in found:
            before = len(self.mentions)
            self._apply(rule, m, sentence, language)
            if rule.weak:
                weak.update(range(before, len(self.mentions)))
        _drop_contradicted(self.mentions, first, weak)
        if self.mentions and PRICING in candidates:
            price_previous_deal(self.context, sentence, language)
        if self.mentions and FUNDING_FOLLOWUP in candidates:
            fund_previous_deal(self.context, sentence, language)

    # -- one match -------------------------------------------------------------------------

    def _apply(self, rule, m: re.Match, sentence, language: str) -> None:
        shape = self.model.shape_of(sentence)
        if not self._applies(rule, m, sentence, shape, language):
            return
        if rule.split:
            split_amounts(self.context, shape, m, sentence)
            return
        parties = self._parties(rule, m, sentence, shape)
        if parties is None:
            return
        froms, tos = parties
        found = self._found(rule, m, sentence, shape, language)
        if "counterparty" in matched(m):
            self.mentions.extend(_counterparty_mentions(self.model.text, froms, shape, m, found, rule))
        elif rule.raiser_only:
            self._rounds(tos, shape, m, found, rule, sentence, language)
        else:
            self._investments(froms, tos, shape, m, found, rule, sentence, language)

    def _applies(self, rule, m: re.Match, sentence, shape, language: str) -> bool:
        context = self.context
        if rule.needs and not _holds_words(self.model, sentence, rule.needs, language):
            return False
        if rule.needs_round and context.current_round(sentence) is None:
            return False
        if rule.context == "sale" and not context.current_sale(sentence) \
                and (not rule.raiser_only or "to" not in matched(m)):
            return False
        return not not_a_deal(shape, m, language)

    def _parties(self, rule, m: re.Match, sentence, shape) -> tuple[list, list] | None:
        """(froms, tos) the match names, completed from context where the rule says so."""
        groups, context = matched(m), self.context
        froms = orgs_of(shape, m, "from")
        tos = orgs_of(shape, m, "to") + orgs_of(shape, m, "to2")
        pair = orgs_of(shape, m, "pair")
        if len(pair) == 2:
            froms, tos = [pair[0]], [pair[1]]
        elif "pair" in groups:
            return None
        if not froms and rule.subject == "topic" and not groups & {"from", "lead"} \
                and not any(g.startswith("participants") for g in groups):
            froms = context.topic(sentence, m.start())
        if not tos and "to" not in groups:
            if rule.object == "topic":
                tos = context.topic(sentence, m.start())
            elif rule.object == "last_other":
                tos = context.last_other(shape, m.start(), froms)
            elif rule.object == "previous_target":  # a project the text is about comes first
                tos = context.current_project(sentence, froms) or context.previous_target(sentence, froms)
            elif rule.object == "project":
                tos = context.current_project(sentence, froms)
            elif rule.context == "sale":
                tos = [context.current_sale(sentence).raiser]
            elif rule.needs_round:
                tos = [context.current_round(sentence).raiser]
        return froms, tos

    def _found(self, rule, m: re.Match, sentence, shape, language: str) -> Found:
        token = None if rule.no_amount else amount_token(shape, m, language)
        status = status_of(self.model.view, sentence, *shape.span(m.start(), m.end()), language,
                           self.hearsay_from.get(sentence.paragraph, sentence.index) < sentence.index)
        if rule.status and status not in UNCHANGEABLE:
            status = rule.status  # the form says it (洽谈投资: in talks), unless the sentence is hearsay
        return Found(None if token is None else self.context.usable_amount(token), status,
                     date_of(shape, m, language), round_name_of(self.model.text, shape, m),
                     (sentence.start, sentence.end), kind_of(rule, shape, m, language))

    def _rounds(self, tos, shape, m: re.Match, found: Found, rule, sentence, language: str) -> None:
        amount = found.amount
        if amount is None:  # 在最新一轮融资中获得了更多资金,已达到200亿美元
            later = macro_pattern(language, "ROUND_AMOUNT_NEXT").match(shape.text, m.end())
            if later and "估值" not in shape.text[m.end():later.start("amount")]:
                amount = self.context.usable_amount(shape.tokens[later.start("amount")].value)
        for to in tos:
            self._round_mention(to, amount, found, rule, sentence, rule.kind)

    def _investments(self, froms, tos, shape, m: re.Match, found: Found, rule, sentence, language: str) -> None:
        groups, context = matched(m), self.context
        investors = froms or [name for group in sorted(groups) if group.startswith(("lead", "participants"))
                              for name in orgs_of(shape, m, group)]
        context_kind = None
        if rule.role:
            investors = [i for i in investors if (sentence.index, i) not in self._listed]
            self._listed.update((sentence.index, i) for i in investors)
            if not tos:
                current = context.current_sale(sentence) if rule.context == "sale" else context.current_round(sentence)
                if current is None:
                    return
                tos, context_kind = [current.raiser], current.kind
        if "total" in groups and tos:
            total = shape.tokens_between(m.start("total"), m.end("total"), "money")
            if total:
                self._round_mention(tos[0], context.usable_amount(total[0].value), found, rule, sentence)
        parent = context.parent_round(tos, sentence) if rule.role else None
        if rule.swap or (rule.weak and supplier_first(shape, m)):
            investors, tos = tos, investors
        own = found.amount if (not rule.role or "amount" in groups) else None
        if own is not None and (rule.joint or joint(shape, m, language)) and tos:
            total_kind = "funding_round" if found.kind == "equity_investment" else found.kind
            self._round_mention(tos[0], own, found, rule, sentence, total_kind)
            parent, own = context.round.mention, None
        deal_kind = context_kind or found.kind
        role = rule.role if deal_kind == "equity_investment" else None   # a bidder is not a round's participant
        for giver in investors:
            for taker in tos:
                if giver != taker:
                    self.mentions.append(Mention(deal_kind, giver, taker, own, found.status, found.date,
                                                 found.evidence, rule.name, found.round_name, role, parent))
        if rule.role and tos and not rule.swap:
            context.round = RoundContext(tos[0], sentence.index, parent, deal_kind)

    def _round_mention(self, raiser, amount, found: Found, rule, sentence, kind: str = "funding_round") -> None:
        """A round of raiser (or, for a consortium, the whole deal): remembered as the context
        later lists of investors belong to; a deal only when it has an amount (merge_mentions)."""
        mention = Mention(kind, None, raiser, amount, found.status, found.date, found.evidence, rule.name,
                          found.round_name)
        context = RoundContext(raiser, sentence.index, mention, "equity_investment" if kind == "funding_round" else kind)
        if rule.context == "sale":
            self.context.sale = context
        else:
            self.context.round = context
        self.mentions.append(mention)


def _counterparty_mentions(text: str, froms, shape, m: re.Match, found: Found, rule) -> list[Mention]:
    """Money to receivers the text does not name (每家初创机构, each startup): a deal only with
    an amount, since "扩大对初创企业的投资" is a trend, not a deal."""
    if found.amount is None:
        return []
    start, end = shape.span(m.start("counterparty"), m.end("counterparty"))
    return [Mention(found.kind, giver, None, found.amount, found.status, found.date, found.evidence, rule.name,
                    counterparty=text[start:end], scope=rule.scope) for giver in froms]


def _drop_contradicted(mentions: list, first: int, weak: set) -> None:
    """A weak guess of direction loses to a rule that knows it, in the same sentence."""
    known = {(m.to_org, m.from_org) for i, m in enumerate(mentions[first:], first)
             if i not in weak and m.kind.endswith(("purchase", "contract", "commitment"))}
    mentions[first:] = [m for i, m in enumerate(mentions[first:], first)
                        if not (i in weak and (m.from_org, m.to_org) in known)]


def _holds_words(model, sentence, macro: str, language: str) -> bool:
    """Whether this or the previous sentence holds one of the macro's words (a rule's `needs`)."""
    previous = model.sentences[sentence.index - 1] if sentence.index else sentence
    return bool(macro_pattern(language, macro).search(model.view, previous.start, sentence.end))


# -- which rules a sentence may match ----------------------------------------------------------


def _placeholders(model, sentence) -> set:
    """The placeholders a shape of the sentence can hold: its tokens' (anaphors apart)."""
    return {ANAPHOR if token.kind == "org" and token.via != "name" else PLACEHOLDERS[token.kind]
            for token in model.tokens_in(sentence.start, sentence.end)}


_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=None)
def _gate(language: str) -> Gate:
    """The rules (by name) and follow-up patterns a sentence's text may match."""
    patterns = {rule.name: rule.pattern for rule in rules(language)}
    for name in (PRICING, FUNDING_FOLLOWUP):
        pattern = macro_pattern(language, name)
        if pattern.pattern != "(?!)":  # a macro a language does not use never matches
            patterns[name] = pattern
    return build_gate(patterns)


@lru_cache(maxsize=None)
def _rule_order(language: str) -> dict:
    return {rule.name: (i, rule) for i, rule in enumerate(rules(language))}


def _in_order(language: str, names: set) -> list:
    """The rules among names, in the order of the rule file (it decides ties at one position)."""
    order = _rule_order(language)
    return [rule for _, rule in sorted(order[name] for name in names if name in order)]


def _plain_text(view: str, sentence) -> str:
    """The sentence as its shape writes the text between tokens: Chinese without whitespace,
    English with single spaces."""
    text = view[sentence.start:sentence.end]
    return _WHITESPACE.sub("" if sentence.language == "zh" else " ", text)


def extract_deals(model) -> list[dict]:
    from .deal_merge import merge_mentions
    return merge_mentions(Reader(model).read(), model.text, model.amounts)
