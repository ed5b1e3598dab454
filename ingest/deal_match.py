"""Reading one rule match on a sentence shape: its parties, amount, date, round name, kind, and
whether it states a deal at all. Pure functions of (shape, match); ingest/deals.py calls them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .deal_rules import macros
from .vocab import alternation, vocabulary

SUPPLIER_KINDS = {"cloud", "chipmaker"}
CJK = re.compile(r"[\u3400-\u9fff]")
CLAUSE_BREAKS = ",;:。!?"
UNNAMED_ROUND = re.compile(r"(?:新一|本|此|这|该|上一|首|最新一)\s?轮")


def matched(m: re.Match) -> set:
    return {name for name, value in m.groupdict().items() if value is not None}


def names(token) -> list[str]:
    """An org token's organizations: one, or two for 双方 (both)."""
    return list(token.value) if isinstance(token.value, tuple) else [token.value]


def rule_has_role(m: re.Match) -> bool:
    """Investors of a round (lead, participants): an amount in their clause is the round's."""
    return any(g.startswith(("lead", "participants")) for g in matched(m)) and "amount" not in matched(m)


def orgs_of(shape, m: re.Match, group: str) -> list[str]:
    if group not in matched(m):
        return []
    found = []
    for token in shape.tokens_between(m.start(group), m.end(group), "org"):
        found.extend(names(token))
    return list(dict.fromkeys(found))


def amount_token(shape, m: re.Match, language: str) -> int | None:
    """The index (into the model's amounts) of the deal's money: the match's `amount`, else one
    inside the match, else right after it (投资超过130亿美元), else one a word of value introduces
    later in the sentence (投资金额为5亿元)."""
    groups = matched(m)
    if "amount" in groups:
        tokens = shape.tokens_between(m.start("amount"), m.end("amount"), "money")
        if tokens:
            return tokens[0].value
    if not rule_has_role(m):
        inside = [t for t in shape.tokens_between(m.start(), m.end(), "money")
                  if not ("total" in groups and m.start("total") <= _index_of(shape, t) < m.end("total"))]
        if inside:
            return inside[0].value
    next_amount = macro_pattern(language, "AMOUNT_NEXT").match(shape.text, m.end())
    if next_amount and not rule_has_role(m):
        return shape.tokens[next_amount.start("amount")].value
    found = macro_pattern(language, "AMOUNT_TAIL").match(shape.text, m.end())
    return shape.tokens[found.start("amount")].value if found else None


def _index_of(shape, token) -> int:
    return next(i for i, t in shape.tokens.items() if t is token)


def date_of(shape, m: re.Match, language: str) -> tuple | None:
    """The date of the deal: in Chinese the nearest written before the verb (2023年9月,阿里投资了…);
    in English the first after the subject (… backed OpenAI in October 2024), else before."""
    dates = shape.tokens_between(0, len(shape.text), "date")
    start, end = shape.span(m.start(), m.end())
    before = [t for t in dates if t.start < end]
    if language == "en":
        after = [t for t in dates if t.start >= start]
        return (after[0] if after else before[-1]).value if dates else None
    return before[-1].value if before else None


def round_name_of(text: str, shape, m: re.Match) -> str | None:
    """The round's name as the text writes it (B輪 stays B輪): the first after the match, else
    the last before it."""
    tokens = shape.tokens_between(m.start(), len(shape.text), "round") + \
        list(reversed(shape.tokens_between(0, m.start(), "round")))
    for token in tokens:
        name = re.sub(r"\s+", " ", text[token.start:token.end]).strip()
        if name and not UNNAMED_ROUND.match(name):
            return name
    return None


def kind_of(rule, shape, m: re.Match, language: str) -> str:
    """purchase: chips, cloud or any other goods, by what the clause buys."""
    if rule.kind != "purchase":
        return rule.kind
    clause_end = re.search(r"[,;。!?]", shape.text[m.end():])
    text = shape.text[m.start():m.end() + (clause_end.start() if clause_end else len(shape.text))]
    if macro_pattern(language, "CHIP_WORD").search(text):
        return "chip_purchase"
    if macro_pattern(language, "CLOUD_WORD").search(text):
        return "cloud_contract"
    return "purchase_commitment"


def not_a_deal(shape, m: re.Match, language: str) -> bool:
    """如果腾讯投资…, 雅虎未能收购谷歌: a condition, negation or question in the clause of the
    match or the one before it."""
    clause_start = max(shape.text.rfind(c, 0, m.start()) for c in CLAUSE_BREAKS)
    previous_start = max(shape.text.rfind(c, 0, max(clause_start, 0)) for c in CLAUSE_BREAKS) + 1
    return bool(_not_a_deal_pattern(language).search(shape.text, previous_start, m.end()))


def joint(shape, m: re.Match, language: str) -> bool:
    """东阳光与控股股东合计向东数一号增资75亿元: the amount is what several paid together."""
    end = m.start("to") if "to" in matched(m) else m.end()
    return bool(macro_pattern(language, "JOINT").search(shape.text, m.start(), end))


# -- who sells ------------------------------------------------------------------------------


def supplier_first(shape, m: re.Match) -> bool:
    """Whether a weak rule's `from` is the seller: it sells and `to` does not, or, when neither
    is known to sell, `to` is an AI lab (labs buy compute: Oracle and OpenAI signed …)."""
    sells_from, sells_to = sells(shape, m, "from"), sells(shape, m, "to")
    if sells_from != sells_to:
        return sells_from
    return not sells_from and _is_lab(shape, m, "to") and not _is_lab(shape, m, "from")


def sells(shape, m: re.Match, group: str) -> bool:
    """X 与 Y 签约, X signed a deal with Y: the side that sells chips or compute (a chipmaker or
    cloud in the gazetteer, or called a provider, operator, 供应商 …) is the supplier."""
    if group not in matched(m):
        return False
    language = "zh" if CJK.search(shape.text) else "en"
    for k in range(m.start(group), m.end(group)):
        token = shape.tokens.get(k)
        if token is None or token.kind != "org":
            continue
        if _kind_in_gazetteer(token) in SUPPLIER_KINDS:
            return True
        if macro_pattern(language, "SUPPLIER_BEFORE").search(shape.text, max(0, k - 30), k):
            return True
    return False


def _is_lab(shape, m: re.Match, group: str) -> bool:
    if group not in matched(m):
        return False
    return any(_kind_in_gazetteer(t) == "ai_lab" for t in shape.tokens_between(m.start(group), m.end(group), "org"))


def _kind_in_gazetteer(token) -> str | None:
    from .orgs import load_gazetteer
    org = load_gazetteer().org(token.value) if isinstance(token.value, str) else None
    return org.kind if org else None


# -- patterns -------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def macro_pattern(language: str, name: str) -> re.Pattern:
    """A macro of the language's rule file, compiled; one a language does not define never matches."""
    return re.compile(macros(language).get(name, "(?!)"))


@lru_cache(maxsize=None)
def _not_a_deal_pattern(language: str) -> re.Pattern:
    return re.compile(alternation(vocabulary(f"deal_rules_{language}").get("not_a_deal") or []))
