"""Deals: who pays whom, how much, promised or paid — read from the text model's sentence shapes.

Every rule of ingest/data/deal_rules_<language>.yaml is matched against the shape of every
sentence whose text holds the rule's words (ingest/deal_rules.py says how rules are written; a
Gate finds the candidate rules of a sentence in one pass, so most sentences are never shaped). A match names its parties through groups; this
module turns it into mentions: one per (from, to) pair of the organizations in those groups, with
the amount the clause states, a status from the words around the verb (ingest/deal_status.py) and
the nearest date. Context fills what a sentence leaves out: the subject of a sentence that has
none (从5月底出手智元机器人开始 → the company the paragraph is about), the round that a list of
investors belongs to (参与者包括…), the deal a later "这笔交易价值…" prices.

Mentions of the same deal in one document are merged (see merge_mentions).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .deal_rules import Gate, build_gate, macros, rules
from .deal_status import hearsay, status_of
from .shape import ANAPHOR, ORG, PLACEHOLDERS

MONEY = PLACEHOLDERS["money"]
ROUND = PLACEHOLDERS["round"]
DATE = PLACEHOLDERS["date"]
# A round or topic is remembered this many sentences (English wires write one short sentence a line).
CONTEXT_SENTENCES = {"zh": 5, "en": 12}
SUPPLIER_KINDS = {"cloud", "chipmaker"}
CJK = re.compile(r"[\u3400-\u9fff]")


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


@dataclass
class RoundContext:
    raiser: str
    sentence: int
    mention: Mention | None
    kind: str = "equity_investment"  # what its investors' deals are (acquisition for a consortium)


class Reader:
    """Reads one text model's sentences in order, keeping the context a sentence may rely on."""

    def __init__(self, model):
        self.model = model
        self.mentions: list[Mention] = []
        self.round: RoundContext | None = None
        self.sale: RoundContext | None = None      # a company the text says is for sale
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
        candidates = _gate(language).candidates(_plain_text(self.model.view, sentence), self._placeholders(sentence))
        if not candidates:
            return
        shape = self.model.shape_of(sentence)
        found = []
        for rule in _in_order(language, candidates):
            for m in rule.finditer(shape.text):
                found.append((m.start(), rule, m))
        found.sort(key=lambda item: item[0])
        first = len(self.mentions)
        weak = set()
        for _, rule, m in found:
            before = len(self.mentions)
            self._apply(rule, m, sentence, language)
            if rule.weak:
                weak.update(range(before, len(self.mentions)))
        self._drop_contradicted(first, weak)
        if self.mentions and PRICING in candidates:
            self._price_previous_deal(sentence, language)
        if self.mentions and FUNDING_FOLLOWUP in candidates:
            self._fund_previous_deal(sentence, language)

    def _placeholders(self, sentence) -> set:
        return {ANAPHOR if token.kind == "org" and token.via != "name" else PLACEHOLDERS[token.kind]
                for token in self.model.tokens_in(sentence.start, sentence.end)}

    def _drop_contradicted(self, first: int, weak: set) -> None:
        """A weak guess of direction loses to a rule that knows it, in the same sentence."""
        known = {(m.to_org, m.from_org) for i, m in enumerate(self.mentions[first:], first)
                 if i not in weak and m.kind.endswith(("purchase", "contract", "commitment"))}
        self.mentions[first:] = [m for i, m in enumerate(self.mentions[first:], first)
                                 if not (i in weak and (m.from_org, m.to_org) in known)]

    def _apply(self, rule, m: re.Match, sentence, language: str) -> None:
        shape = self.model.shape_of(sentence)
        groups = _matched(m)
        if rule.needs and not self._holds_words(sentence, rule.needs, language):
            return
        if rule.needs_round and self._current_round(sentence) is None:
            return
        if rule.context == "sale" and not rule.raiser_only and not self._current_sale(sentence) \
                or rule.context == "sale" and rule.raiser_only and "to" not in groups and not self._current_sale(sentence):
            return
        if self._not_a_deal(shape, m, language):
            return
        if rule.split:
            self._split_amounts(shape, m, sentence)
            return
        froms = self._orgs(shape, m, "from")
        tos = self._orgs(shape, m, "to") + self._orgs(shape, m, "to2")
        pair = self._orgs(shape, m, "pair")
        if len(pair) == 2:
            froms, tos = [pair[0]], [pair[1]]
        elif "pair" in groups:
            return
        if not froms and rule.subject == "topic" and not groups & {"from", "lead"} \
                and not any(g.startswith("participants") for g in groups):
            froms = self._topic(sentence, m.start())
        if not tos and "to" not in groups:
            if rule.object == "topic":
                tos = self._topic(sentence, m.start())
            elif rule.object == "last_other":
                tos = self._last_other(shape, m.start(), froms)
            elif rule.object == "previous_target":
                tos = self._previous_target(sentence, froms)
            elif rule.context == "sale":
                tos = [self._current_sale(sentence).raiser]
            elif rule.needs_round:
                tos = [self._current_round(sentence).raiser]
        amount = None if rule.no_amount else self._amount(shape, m, sentence, language)
        status = status_of(self.model.view, sentence, *shape.span(m.start(), m.end()), language,
                           self.hearsay_from.get(sentence.paragraph, sentence.index) < sentence.index)
        if rule.status and status not in ("rumored", "scaled_back", "cancelled"):
            status = rule.status  # the form says it (洽谈投资: in talks), unless the sentence is hearsay
        date = self._date(shape, m, language)
        round_name = self._round_name(shape, m)
        evidence = (sentence.start, sentence.end)
        kind = self._kind(rule, shape, m, language)
        if "counterparty" in groups:
            self._to_counterparty(froms, shape, m, kind, amount, status, date, evidence, rule)
            return
        if rule.raiser_only:
            if amount is None:
                later = _macro_pattern(language, "ROUND_AMOUNT_NEXT").match(shape.text, m.end())
                if later and "估值" not in shape.text[m.end():later.start("amount")]:
                    amount = self._usable_amount(shape.tokens[later.start("amount")].value)
            for to in tos:
                self._round_mention(to, amount, status, date, evidence, rule, round_name, sentence, rule.kind)
            return
        investors = froms or [name for group in sorted(groups) if group.startswith(("lead", "participants"))
                              for name in self._orgs(shape, m, group)]
        context_kind = None
        investors = [i for i in investors if (sentence.index, i) not in self._listed] if rule.role else investors
        if rule.role:
            self._listed.update((sentence.index, i) for i in investors)
        if rule.role and not tos:
            round_context = self._current_sale(sentence) if rule.context == "sale" else self._current_round(sentence)
            if round_context is None:
                return
            tos, context_kind = [round_context.raiser], round_context.kind
        if "total" in groups and tos:
            total = shape.tokens_between(m.start("total"), m.end("total"), "money")
            if total:
                self._round_mention(tos[0], self._usable_amount(total[0].value), status, date, evidence,
                                    rule, round_name, sentence)
        parent = self._parent_round(tos, sentence) if rule.role else None
        if rule.swap or (rule.weak and self._sells(shape, m, "from") and not self._sells(shape, m, "to")):
            investors, tos = tos, investors
        own = amount if (not rule.role or "amount" in groups) else None
        if own is not None and (rule.joint or self._joint(shape, m, language)) and tos:
            total_kind = "funding_round" if kind == "equity_investment" else kind
            self._round_mention(tos[0], own, status, date, evidence, rule, round_name, sentence, total_kind)
            parent, own = self.round.mention, None
        deal_kind = context_kind or kind
        role = rule.role if deal_kind == "equity_investment" else None   # a bidder is not a round's participant
        for giver in investors:
            for taker in tos:
                if giver != taker:
                    self.mentions.append(Mention(deal_kind, giver, taker, own, status, date, evidence, rule.name,
                                                 round_name, role, parent))
        if rule.role and tos and not rule.swap:
            self.round = RoundContext(tos[0], sentence.index, parent, context_kind or kind)

    def _to_counterparty(self, froms, shape, m, kind, amount, status, date, evidence, rule) -> None:
        """Money to receivers the text does not name (每家初创机构, each startup): a deal only with
        an amount, since "扩大对初创企业的投资" is a trend, not a deal."""
        if amount is None:
            return
        start, end = shape.span(m.start("counterparty"), m.end("counterparty"))
        for giver in froms:
            self.mentions.append(Mention(kind, giver, None, amount, status, date, evidence, rule.name,
                                         counterparty=self.model.text[start:end]))

    def _round_mention(self, raiser, amount, status, date, evidence, rule, round_name, sentence,
                       kind: str = "funding_round") -> None:
        """A round of raiser (or, for a consortium, the whole deal): remembered as the context
        later lists of investors belong to; a deal only when it has an amount (merge_mentions)."""
        mention = Mention(kind, None, raiser, amount, status, date, evidence, rule.name, round_name)
        context = RoundContext(raiser, sentence.index, mention, "equity_investment" if kind == "funding_round" else kind)
        if rule.context == "sale":
            self.sale = context
        else:
            self.round = context
        self.mentions.append(mention)

    def _split_amounts(self, shape, m: re.Match, sentence) -> None:
        """包括2023年投资的20亿美元和今年追加的10亿美元: each amount a deal of the sentence's last deal's parties."""
        last = next((x for x in reversed(self.mentions) if x.evidence[0] == sentence.start and x.from_org), None)
        if last is None:
            return
        for group in ("amount", "amount2"):
            if group not in _matched(m):
                continue
            token = shape.tokens_between(m.start(group), m.end(group), "money")
            if token:
                self.mentions.append(Mention(last.kind, last.from_org, last.to_org, self._usable_amount(token[0].value),
                                             last.status, last.date, last.evidence, "amount_breakdown"))

    def _previous_target(self, sentence, froms: list[str]) -> list[str]:
        for mention in reversed(self.mentions):
            if sentence.index - self._sentence_index(mention) > 2:
                break
            if mention.to_org and mention.from_org and mention.to_org not in froms:
                return [mention.to_org]
        return []

    def _sentence_index(self, mention) -> int:
        sentence = self.model.sentence_at(mention.evidence[0])
        return sentence.index if sentence else 0

    def _sells(self, shape, m: re.Match, group: str) -> bool:
        """X 与 Y 签约, X signed a deal with Y: the side that sells chips or compute (a chipmaker or
        cloud in the gazetteer, or called a provider, operator, 供应商 …) is the supplier."""
        if group not in _matched(m):
            return False
        from .orgs import load_gazetteer
        gazetteer = load_gazetteer()
        language = "zh" if CJK.search(shape.text) else "en"
        for k in range(m.start(group), m.end(group)):
            token = shape.tokens.get(k)
            if token is None or token.kind != "org":
                continue
            org = gazetteer.org(token.value) if isinstance(token.value, str) else None
            if org and org.kind in SUPPLIER_KINDS:
                return True
            if _macro_pattern(language, "SUPPLIER_BEFORE").search(shape.text, max(0, k - 30), k):
                return True
        return False

    def _not_a_deal(self, shape, m: re.Match, language: str) -> bool:
        """如果腾讯投资…, 雅虎未能收购谷歌: a condition, negation or question in the clause of the
        match or the one before it."""
        clause_start = max(shape.text.rfind(c, 0, m.start()) for c in ",;:。!?")
        previous_start = max(shape.text.rfind(c, 0, max(clause_start, 0)) for c in ",;:。!?") + 1
        return bool(_not_a_deal_pattern(language).search(shape.text, previous_start, m.end()))

    def _holds_words(self, sentence, macro: str, language: str) -> bool:
        pattern = _macro_pattern(language, macro)
        previous = self.model.sentences[sentence.index - 1] if sentence.index else sentence
        return bool(pattern.search(self.model.view, previous.start, sentence.end))

    def _joint(self, shape, m: re.Match, language: str) -> bool:
        """东阳光与控股股东合计向东数一号增资75亿元: the amount is what several paid together."""
        end = m.start("to") if "to" in _matched(m) else m.end()
        return bool(_macro_pattern(language, "JOINT").search(shape.text, m.start(), end))

    def _last_other(self, shape, before: int, froms: list[str]) -> list[str]:
        for i in range(before - 1, -1, -1):
            token = shape.tokens.get(i)
            if token is not None and token.kind == "org" and not set(_names(token)) & set(froms) \
                    and not self._is_holder(token):
                return _names(token)[-1:]
        return []

    def _is_holder(self, token) -> bool:
        return any(m.from_org in _names(token) and m.rule == "holds_stake" for m in self.mentions[-4:])

    def _kind(self, rule, shape, m: re.Match, language: str) -> str:
        """purchase: chips, cloud or any other goods, by what the clause buys."""
        if rule.kind != "purchase":
            return rule.kind
        clause_end = re.search(r"[,;。!?]", shape.text[m.end():])
        text = shape.text[m.start():m.end() + (clause_end.start() if clause_end else len(shape.text))]
        if _macro_pattern(language, "CHIP_WORD").search(text):
            return "chip_purchase"
        if _macro_pattern(language, "CLOUD_WORD").search(text):
            return "cloud_contract"
        return "purchase_commitment"

    # -- context ---------------------------------------------------------------------------

    def _topic(self, sentence, before: int) -> list[str]:
        """The organization the text is about at this point: the first one named earlier in the
        sentence, else the first one of the last sentence that named one (not too far back)."""
        here = self._first_party(sentence, before)
        if here:
            return here
        sentences = self.model.sentences
        for index in range(sentence.index - 1, max(-1, sentence.index - 1 - CONTEXT_SENTENCES[sentence.language]), -1):
            earlier = sentences[index]
            if self.model.tokens_in(earlier.start, earlier.end, "org"):
                subject = self._first_party(earlier, len(self.model.shape_of(earlier).text))
                if subject:
                    return subject[:1]
        return []

    def _first_party(self, sentence, before: int) -> list[str]:
        """The organization a clause starts with, before shape index `before`, that is not a
        source (《财经》获悉: who reports is not who pays); a clause may open with a date or
        adverbs (2023年9月,阿里…, 近日,…)."""
        shape = self.model.shape_of(sentence)
        opener = _macro_pattern(sentence.language if sentence.language == "zh" else "en", "CLAUSE_OPENER")
        for i in range(before):
            token = shape.tokens.get(i)
            if token is None or token.kind != "org" or token.source or not isinstance(token.value, str):
                continue
            clause_start = max(shape.text.rfind(c, 0, i) for c in ",;:。!?") + 1
            if opener.fullmatch(shape.text, clause_start, i):
                return [token.value]
        return []

    def _current_sale(self, sentence) -> RoundContext | None:
        if self.sale and sentence.index - self.sale.sentence <= 2 * CONTEXT_SENTENCES[sentence.language]:
            return self.sale
        return None

    def _current_round(self, sentence) -> RoundContext | None:
        if self.round and sentence.index - self.round.sentence <= CONTEXT_SENTENCES[sentence.language]:
            return self.round
        return None

    def _parent_round(self, tos: list[str], sentence) -> Mention | None:
        context = self._current_round(sentence)
        if context and context.mention and tos and context.raiser == tos[0]:
            return context.mention
        return None

    def _price_previous_deal(self, sentence, language: str) -> None:
        """这笔交易价值超过1,000亿美元: the amount of the last deal reported before, when it had none."""
        latest = next((m for m in reversed(self.mentions) if m.evidence[1] <= sentence.start), None)
        if latest is None or sentence.index - self._sentence_index(latest) > 2:
            return  # no deal reported just before: nothing to price (checked before shaping)
        shape = self.model.shape_of(sentence)
        pattern = _pricing_pattern(language)
        m = pattern.search(shape.text) if pattern else None
        if m is None:
            return
        named = {name for token in shape.tokens.values()
                 if token.kind == "org" and not token.source for name in _names(token)}
        for mention in reversed(self.mentions):
            if mention.evidence[1] > sentence.start:
                continue
            if sentence.index - self._sentence_index(mention) > 2:
                return
            parties = {mention.from_org, mention.to_org} - {None}
            if named and not parties <= named:
                continue  # Anthropic表示,与谷歌的这笔交易价值…: prices the deal of those two
            if mention.amount_index is None:
                mention.amount_index = self._usable_amount(shape.tokens[m.start("amount")].value)
                mention.evidence = (mention.evidence[0], sentence.end)
            return

    def _fund_previous_deal(self, sentence, language: str) -> None:
        """最高出资100亿日元,预计SBI控股将成为…: a sentence opening with the money of the deal just
        reported, by one of its parties."""
        last = self.mentions[-1]
        if last.amount_index is not None or last.evidence[1] > sentence.start \
                or sentence.index - self._sentence_index(last) > 1:
            return
        shape = self.model.shape_of(sentence)
        m = _macro_pattern(language, FUNDING_FOLLOWUP).match(shape.text)
        if m is None:
            return
        named = {name for token in shape.tokens.values() if token.kind == "org" for name in _names(token)}
        if not named or {last.from_org, last.to_org} & named:
            last.amount_index = self._usable_amount(shape.tokens[m.start("amount")].value)
            last.evidence = (last.evidence[0], sentence.end)

    # -- reading a match -------------------------------------------------------------------

    def _orgs(self, shape, m: re.Match, group: str) -> list[str]:
        if group not in _matched(m):
            return []
        names = []
        for token in shape.tokens_between(m.start(group), m.end(group), "org"):
            names.extend(_names(token))
        return list(dict.fromkeys(names))

    def _amount(self, shape, m: re.Match, sentence, language: str) -> int | None:
        if "amount" in _matched(m):
            tokens = shape.tokens_between(m.start("amount"), m.end("amount"), "money")
            if tokens:
                return self._usable_amount(tokens[0].value)
        if not rule_has_role(m):
            inside = [t for t in shape.tokens_between(m.start(), m.end(), "money")
                      if not ("total" in _matched(m) and m.start("total") <= _index_of(shape, t) < m.end("total"))]
            if inside:
                return self._usable_amount(inside[0].value)
        next_amount = _macro_pattern(language, "AMOUNT_NEXT").match(shape.text, m.end())
        if next_amount and not rule_has_role(m):
            return self._usable_amount(shape.tokens[next_amount.start("amount")].value)
        tail = _amount_tail_pattern(language)
        if tail is not None:
            found = tail.match(shape.text, m.end())
            if found:
                return self._usable_amount(shape.tokens[found.start("amount")].value)
        return None

    def _usable_amount(self, index: int) -> int | None:
        """A conversion (约合…) restates the amount before it: that one is the deal's."""
        amount = self.model.amounts[index]
        return amount["converts"] if amount.get("converts") is not None else index

    def _date(self, shape, m: re.Match, language: str) -> tuple | None:
        """The date of the deal: in Chinese the nearest written before the verb (2023年9月,阿里投资了…);
        in English the first after the subject (… backed OpenAI in October 2024), else before."""
        dates = shape.tokens_between(0, len(shape.text), "date")
        start, end = shape.span(m.start(), m.end())
        before = [t for t in dates if t.start < end]
        if language == "en":
            after = [t for t in dates if t.start >= start]
            return (after[0] if after else before[-1]).value if dates else None
        return before[-1].value if before else None

    def _round_name(self, shape, m: re.Match) -> str | None:
        """The round's name as the text writes it (B輪 stays B輪): the first after the match, else
        the last before it."""
        tokens = shape.tokens_between(m.start(), len(shape.text), "round") + \
            list(reversed(shape.tokens_between(0, m.start(), "round")))
        for token in tokens:
            name = re.sub(r"\s+", " ", self.model.text[token.start:token.end]).strip()
            if name and not re.match(r"(?:新一|本|此|这|该|上一|首|最新一)\s?轮", name):
                return name
        return None


def rule_has_role(m: re.Match) -> bool:
    """Investors of a round (lead, participants): an amount in their clause is the round's."""
    return any(g.startswith(("lead", "participants")) for g in _matched(m)) and "amount" not in _matched(m)


def _index_of(shape, token) -> int:
    return next(i for i, t in shape.tokens.items() if t is token)


def _matched(m: re.Match) -> set:
    return {name for name, value in m.groupdict().items() if value is not None}


def _names(token) -> list[str]:
    return list(token.value) if isinstance(token.value, tuple) else [token.value]


_PATTERNS: dict = {}


def _amount_tail_pattern(language: str) -> re.Pattern | None:
    key = ("tail", language)
    if key not in _PATTERNS:
        source = macros(language).get("AMOUNT_TAIL")
        _PATTERNS[key] = re.compile(source) if source else None
    return _PATTERNS[key]


def _macro_pattern(language: str, name: str) -> re.Pattern:
    key = ("macro", language, name)
    if key not in _PATTERNS:
        _PATTERNS[key] = re.compile(macros(language).get(name, "(?!)"))
    return _PATTERNS[key]


def _not_a_deal_pattern(language: str) -> re.Pattern:
    key = ("not_a_deal", language)
    if key not in _PATTERNS:
        from .vocab import alternation, vocabulary
        _PATTERNS[key] = re.compile(alternation(vocabulary(f"deal_rules_{language}").get("not_a_deal") or []))
    return _PATTERNS[key]


def _pricing_pattern(language: str) -> re.Pattern | None:
    key = ("pricing", language)
    if key not in _PATTERNS:
        source = macros(language).get("PRICING")
        _PATTERNS[key] = re.compile(source) if source else None
    return _PATTERNS[key]


PRICING, FUNDING_FOLLOWUP = "PRICING", "FUNDING_FOLLOWUP"
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=None)
def _gate(language: str) -> Gate:
    """The rules (by name) and follow-up patterns a sentence's text may match."""
    patterns = {rule.name: rule.pattern for rule in rules(language)}
    for name in (PRICING, FUNDING_FOLLOWUP):
        pattern = _macro_pattern(language, name)
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
