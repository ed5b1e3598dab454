"""The money grammar: every monetary expression of a text, with value, currency and bound.

One compiled regular expression (built from the vocabulary in ingest/data/money.yaml) scans the
text once; each match is then checked and valued by small functions below. Values are computed
with Decimal and turned into float at the end, so 1.8万亿 is exactly 1.8e12.

Conventions (bounds, vague ranges, what is not money) are documented in docs/money.md.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .resources import load_vocabulary

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
DIGITS = "0-9０-９"
BOUNDS_ONE_SIDED = ("at_least", "up_to")
ROUND_MAGNITUDE = re.compile(r"[百千万萬][十百千万萬亿億兆]*")
# Longer digit runs are identifiers (phone numbers, hashes), not amounts; they would overflow.
MAX_NUMBER_LENGTH = 40


def _alternation(words, ascii_word_boundaries=True) -> str:
    """A regex alternation of words, longest first; ASCII words must stand alone."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        part = re.escape(word)
        if ascii_word_boundaries and word[:1].isascii() and word[:1].isalpha():
            # No letter before the word, tested after its first letter (the same test): every
            # branch then starts with a literal, which the regex engine checks first and skips on.
            part = re.escape(word[:1]) + r"(?<![A-Za-z].)" + re.escape(word[1:])
        if ascii_word_boundaries and word[-1:].isascii() and word[-1:].isalpha():
            part = rf"{part}(?![A-Za-z])"
        parts.append(part)
    return "|".join(parts)


class Grammar:
    """The vocabulary of money.yaml, and the one regex built from it."""

    def __init__(self, vocabulary: dict):
        v = vocabulary
        self.currency_suffixes = v["currency_suffixes"]
        self.currency_prefixes = v["currency_prefixes"]
        self.chinese_units = {k: Decimal(n) for k, n in v["chinese_units"].items()}
        self.chinese_digits = {k: Decimal(n) for k, n in v["chinese_digits"].items()}
        self.english_units = {k.lower(): Decimal(n) for k, n in v["english_units"].items()}
        self.prefix_qualifiers = v["prefix_qualifiers"]
        self.suffix_qualifiers = v["suffix_qualifiers"]
        self.not_qualifier_words = set(v["not_qualifier_words"])
        self.conversion_qualifiers = set(v["conversion_qualifiers"])
        self.count_words = sorted(v["count_words"], key=len, reverse=True)
        self.english_vague = {k.lower(): n for k, n in v["english_vague"].items()}
        self.english_vague_currency = v["english_vague_currency"]
        self.money_words = tuple(v["money_words_before"])
        # 万, 亿, 兆: the units that open a new section of a Chinese number (万 after 千).
        self.section_units = {k for k, n in self.chinese_units.items() if n >= 10000}
        self.big_money_units = {k for k, n in self.chinese_units.items() if n >= 10**8}
        self.pattern = re.compile(self._build_pattern(v))
        self._number_values: dict[str, Decimal] = {}  # number_value's, by written number
        # Compiled once: _is_money and trailing_unit run for every match.
        units = "".join(self.chinese_units)
        self.any_unit = re.compile(f"[{units}]")
        self.trailing_units = re.compile(f"[{units}]+$")
        self.unit_label = re.compile(
            rf"(?:{_alternation(v['unit_label_markers'])})\s*[:：为為是]?\s*[(（]?\s*$")

    def _build_pattern(self, v: dict) -> str:
        cn_digits = "".join(self.chinese_digits)
        cn_units = "".join(self.chinese_units)
        small_units = "".join(k for k, n in self.chinese_units.items() if n < 10000)
        # Thousands separators: ASCII commas between ASCII digits, either comma between
        # full-width digits (１，０００). A Chinese comma between ASCII digits is punctuation.
        arabic = (r"(?:[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9]+)?"
                  r"|[０-９]+(?:[,，][０-９]{3}(?![０-９]))*(?:[.．][０-９]+)?)")
        # A Chinese numeral starts with a digit or 十/百/千: bare 万亿 (万亿芯片帝国) is no number.
        # Lengths are bounded: a written amount is short, and an unbounded run (1亿1亿1亿…)
        # would only cost time. Any amount below 10^16 in Chinese numerals fits in 40 characters.
        chinese = rf"[{cn_digits}{small_units}][{cn_digits}{cn_units}]{{0,39}}"
        units = rf"[{cn_units}]{{1,4}}"
        number = rf"(?:{arabic}(?:[ ]?{units}(?:{arabic}{units}){{0,3}})?|{chinese})"
        english_unit = rf"(?i:\s?(?:{_alternation(v['english_units'])}))"
        vague = "".join(v["vague_prefixes"])
        vague_up = "".join(v["vague_at_least_prefixes"])
        figures = _alternation(v["digit_count_words"])
        infix = "".join(v["infix_at_least"])
        cpre = _alternation(self.currency_prefixes)
        amount = (
            rf"(?<![-/_.])(?P<en_vague>{_alternation(v['english_vague'])})(?![-/_])"
            rf"|(?P<magnitude>[{small_units}{cn_units}]{{1,3}})级"
            rf"|(?P<vague>(?:[{vague}]|十[{vague}]){units})"
            rf"|(?P<vague_up>[{vague_up}][{small_units}][{cn_units}]{{0,4}})"
            rf"|(?P<figures>[0-9]{{1,2}}|[{cn_digits}十]{{1,3}})(?:{figures})"
            rf"|(?:(?P<low>{number})(?P<low_en>{english_unit})?\s?"
            rf"(?:{_alternation(v['range_separators'])})\s?(?:(?:{cpre})\s?)?)?"
            rf"(?P<num>{number})(?:(?P<infix>[{infix}])(?P<infix_unit>{units}))?"
        )
        # A cheap first-character test before the alternations: most positions of a text fail
        # it. Words of ASCII letters (over, USD) may only start where a word starts.
        start_chars = set("0123456789０１２３４５６７８９" + cn_digits + cn_units + vague + vague_up)
        letters = set()
        for words in (self.prefix_qualifiers, self.currency_prefixes, v["english_vague"]):
            for first in (w[0] for w in words):
                (letters if first.isascii() and first.isalpha() else start_chars).add(first)
        letters |= {c.swapcase() for c in letters}
        start = "".join(re.escape(c) for c in sorted(start_chars))
        letter_start = "".join(sorted(letters))
        return (
            rf"(?:(?=[{start}])|(?<![A-Za-z])(?=[{letter_start}]))"
            rf"(?:(?P<pre>{_alternation(self.prefix_qualifiers)})\s?"
            rf"(?:(?P<gap>{_alternation(v['qualifier_gap_verbs'])})\s?)?)?"
            rf"(?:(?P<cpre>{cpre})\s?)?"
            # A number never starts inside another number or a model name (H100).
            rf"(?(cpre)(?<![{DIGITS}.．])|(?<![{DIGITS}.．A-Za-z]))"
            rf"(?:{amount})"
            rf"(?P<en>{english_unit})?"
            rf"(?:(?:\s?|(?<=[a-z])-)(?P<csuf>{_alternation(self.currency_suffixes)}))?"
            rf"(?:\s?(?P<post>{_alternation(self.suffix_qualifiers)}))?"
        )

    # -- numbers ------------------------------------------------------------------------------

    def number_value(self, written: str) -> Decimal:
        """The value of 109, 1,000, １．５, 1.8万亿, 4300万, 一亿两千万, 七万亿, 十亿, 1亿2000万."""
        # Articles repeat the same few numbers (100亿, 20亿): each is read once per process.
        value = self._number_values.get(written)
        if value is None:
            if len(self._number_values) >= 4096:  # bounded, for a long ingest
                self._number_values.clear()
            value = self._number_values[written] = self._read_number(written)
        return value

    def _read_number(self, written: str) -> Decimal:
        tokens = re.findall(r"[0-9]+(?:\.[0-9]+)?|\S", written.translate(FULL_WIDTH).replace(",", ""))
        return self._tokens_value(tokens)

    def _tokens_value(self, tokens: list[str]) -> Decimal:
        if not tokens:
            return Decimal(1)  # 百亿: the leading 一 is implied
        # Split at the first occurrence of the largest section unit: what precedes it counts in
        # that unit (1.8万亿, 七万亿), what follows is added (一亿两千万, 七万亿三千亿, 1兆2000亿).
        section_positions = [i for i, t in enumerate(tokens) if t in self.section_units]
        if section_positions:
            largest = max(self.chinese_units[tokens[i]] for i in section_positions)
            i = min(i for i in section_positions if self.chinese_units[tokens[i]] == largest)
            right = self._tokens_value(tokens[i + 1:]) if tokens[i + 1:] else Decimal(0)
            return self._tokens_value(tokens[:i]) * largest + right
        return self._section_value(tokens)

    def _section_value(self, tokens: list[str]) -> Decimal:
        """Below 万: 两千五百, 一百零五, 十五, 3千, 2500, 二〇二四 (digit by digit)."""
        if all(t in self.chinese_digits for t in tokens) and len(tokens) > 1:
            return Decimal("".join(str(self.chinese_digits[t]) for t in tokens))
        total, digit, last_unit = Decimal(0), None, None
        for token in tokens:
            if token in self.chinese_units:
                total += (Decimal(1) if digit is None else digit) * self.chinese_units[token]
                digit, last_unit = None, self.chinese_units[token]
            elif token in self.chinese_digits:
                if self.chinese_digits[token] == 0:
                    last_unit = None  # 一百零五: 零 ends the abbreviation 两千五 = 2500
                digit = self.chinese_digits[token]
            else:
                digit = Decimal(token)
        if digit is not None:
            # 两千五 is 2500: a trailing digit counts in the unit below the last one.
            total += digit * (last_unit / 10 if last_unit and last_unit >= 100 else 1)
        return total

    def trailing_unit(self, written: str) -> Decimal:
        """The magnitude a written number ends with: 20亿 → 10^8, 1.5万亿 → 10^12, 20 → 1."""
        tail = self.trailing_units.search(written)
        return self._tokens_value(list(tail.group())) if tail else Decimal(1)

    def english_multiplier(self, unit: str | None) -> Decimal:
        return self.english_units[unit.strip().lower()] if unit else Decimal(1)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar(load_vocabulary("money"))


# -- matches to amounts -----------------------------------------------------------------------

def _bound_of(m: re.Match, g: Grammar) -> str:
    """One bound from the qualifiers around the number; a one-sided one wins over 约."""
    bounds = [g.prefix_qualifiers[m["pre"]] if m["pre"] else None,
              "at_least" if m["infix"] else None,
              g.suffix_qualifiers[m["post"].strip()] if m["post"] else None]
    for bound in bounds:
        if bound in BOUNDS_ONE_SIDED:
            return bound
    return "approx" if "approx" in bounds else "exact"


def _vague_range(m: re.Match, g: Grammar) -> tuple[Decimal, Decimal]:
    """数亿 = [1e8, 1e9]; 数百亿 = [1e10, 1e11]; 十几亿 = [1e9, 2e9]; 九位数 = [1e8, 1e9 - 1]."""
    if m["figures"]:
        digits = g.number_value(m["figures"])
        return Decimal(10) ** (digits - 1), Decimal(10) ** digits - 1
    written = m["vague"]
    unit = g.number_value(written[2:] if written.startswith("十") else written[1:])
    if written.startswith("十"):
        return 10 * unit, 20 * unit
    return unit, 10 * unit


def _values(m: re.Match, g: Grammar) -> tuple[str, Decimal | None, Decimal | None, Decimal | None]:
    """(bound, value, value_low, value_high) in units of the currency."""
    multiplier = g.english_multiplier(m["en"])
    if m["en_vague"]:
        low, high = (Decimal(str(n)) for n in g.english_vague[m["en_vague"].lower()])
        return "range", None, low, high
    if m["magnitude"]:
        low = g.number_value(m["magnitude"])
        return "range", None, low, 10 * low  # 千亿级: of the order of a hundred billion
    if m["vague"] or m["figures"]:
        low, high = _vague_range(m, g)
        return "range", None, low * multiplier, high * multiplier
    if m["vague_up"]:
        value = g.number_value(m["vague_up"][1:]) * multiplier
        return "at_least", value, value, None
    value = g.number_value(m["num"])
    if m["infix"]:
        value *= g.number_value(m["infix_unit"])
    value *= multiplier
    if m["low"]:
        low = g.number_value(m["low"]) * g.english_multiplier(m["low_en"])
        if g.trailing_unit(m["low"]) == 1 and not m["low_en"]:
            # 10-20亿美元, $1-2 billion: the low end shares the high end's unit.
            low *= g.trailing_unit(m["num"]) * multiplier
        return "range", None, min(low, value), max(low, value)
    bound = _bound_of(m, g)
    if bound == "exact" and ROUND_MAGNITUDE.fullmatch(m["num"]):
        bound = "approx"  # 豪擲百億美金, 年薪百万: a magnitude with no digit is a round figure
    low = value if bound in ("exact", "at_least") else None
    high = value if bound in ("exact", "up_to") else None
    return bound, value, low, high


def _currency(m: re.Match, g: Grammar) -> tuple[bool, str | None]:
    """(the text names a currency, its ISO code or None when the symbol is ambiguous)."""
    # 新台幣1兆元: a named prefix wins over the 元 that only closes the number.
    if m["cpre"] and (g.currency_prefixes[m["cpre"]] or not m["csuf"]):
        return True, g.currency_prefixes[m["cpre"]]
    if m["csuf"]:
        return True, g.currency_suffixes[m["csuf"]]
    if m["en_vague"]:  # billion-dollar deals; "billions" in English news are dollars
        return True, "USD" if "dollar" in m["en_vague"].lower() else g.english_vague_currency
    return False, None


def _written_number(m: re.Match) -> str:
    return "".join(filter(None, m.group("en_vague", "magnitude", "vague", "vague_up", "figures", "low", "num", "infix_unit")))


def _is_money(m: re.Match, text: str, g: Grammar) -> bool:
    """Reject what only looks like money: counts, unit labels, 砍一刀, 70B parameters."""
    names_currency, _ = _currency(m, g)
    written = _written_number(m)
    if m["csuf"] == "刀" and not (m["en"] or m["low_en"] or g.any_unit.search(written)):
        return False  # no unit: 砍一刀
    if m["en_vague"] and not m["csuf"] and re.match(r"\s+of\s+(?!dollars|euros|pounds|yuan|yen)", text[m.end():m.end() + 20]):
        return False  # millions of users
    if not names_currency:
        # Kept (its currency then comes from context) only when it is 亿-sized or follows a money
        # word (年薪百万), is Chinese-written and counts no things.
        money_word = text[max(0, m.start() - 3):m.start()].endswith(g.money_words)
        if m["en"] or m["figures"] or not (money_word and g.any_unit.search(written)
                                           or any(u in written for u in g.big_money_units)):
            return False
        following = text[m.end():m.end() + 12].lstrip()
        if any(following.startswith(word) for word in g.count_words):
            return False
    line_before = text[max(0, m.start() - 16):m.start()].rsplit("\n", 1)[-1]
    return not g.unit_label.search(line_before)


def _start_without_false_qualifier(m: re.Match, text: str, g: Grammar) -> int:
    """签约100亿元 is not 约100亿元: drop a qualifier that is the tail of another word."""
    if m["pre"] and m.start() > 0 and text[m.start() - 1] + m["pre"] in g.not_qualifier_words:
        return m.start("cpre") if m["cpre"] else _number_start(m)
    return m.start()


def _number_start(m: re.Match) -> int:
    for group in ("en_vague", "magnitude", "vague", "vague_up", "figures", "low", "num"):
        if m[group]:
            return m.start(group)
    raise AssertionError("a money match always has a number")


def _amount(m: re.Match, text: str, g: Grammar) -> dict | None:
    if not _is_money(m, text, g) or len(_written_number(m)) > MAX_NUMBER_LENGTH:
        return None
    start = _start_without_false_qualifier(m, text, g)
    if start != m.start():
        # Re-read without the false qualifier, so the bound no longer depends on it.
        again = g.pattern.match(text, start)
        if again is None or again.end() != m.end():
            return None
        m = again
    bound, value, low, high = _values(m, g)
    _, currency = _currency(m, g)
    return {
        "raw": text[m.start():m.end()],
        "value": _float(value),
        "value_low": _float(low),
        "value_high": _float(high),
        "currency": currency,
        "bound": bound,
        "char_start": m.start(),
        "char_end": m.end(),
        "converts": None,
        "_pre": m["pre"],
        "_currency_written": _currency(m, g)[0],
    }


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _mark_conversions(amounts: list[dict], text: str, g: Grammar) -> None:
    """20亿美元(约合143亿元人民币): the second restates the first in another currency."""
    for i in range(1, len(amounts)):
        before, after = amounts[i - 1], amounts[i]
        if not (before["currency"] and after["currency"] and before["currency"] != after["currency"]):
            continue
        gap = text[before["char_end"]:after["char_start"]].strip()
        qualifier = after["_pre"] or ""
        opens_parenthesis = gap in ("(", "（")
        if opens_parenthesis or (gap in ("", ",", "，", "、") and qualifier in g.conversion_qualifiers) \
                or (gap[1:].strip() in g.conversion_qualifiers and gap[:1] in "(（,，、"):
            after["converts"] = i - 1


@lru_cache(maxsize=4)
def _no_currency_reject(g: Grammar) -> re.Pattern | None:
    """The big money units (亿, 億, 兆) as a character class, or None when one is longer than a
    character. A match naming no currency (no cpre, no csuf) is money only when its written number
    holds one of them (_is_money); the written number is made of pieces of the match, so a match
    without any of these characters is rejected without reading its groups."""
    units = g.big_money_units
    if not units or any(len(u) != 1 for u in units):
        return None
    return re.compile("[" + "".join(re.escape(u) for u in sorted(units)) + "]")


def extract_amounts(text: str) -> list[dict]:
    """Every monetary expression of text, in order; text[char_start:char_end] == raw."""
    g = grammar()
    no_currency_reject = _no_currency_reject(g)
    amounts = []
    for m in g.pattern.finditer(text):
        if no_currency_reject is not None and not m["cpre"] and not m["csuf"] and not m["en_vague"] \
                and not no_currency_reject.search(text, m.start(), m.end()) \
                and not text[max(0, m.start() - 3):m.start()].endswith(g.money_words):
            continue  # what _is_money rejects first (most matches): see _no_currency_reject
        amount = _amount(m, text, g)
        if amount is not None:
            amounts.append(amount)
    _mark_conversions(amounts, text, g)
    _currency_from_context(amounts, text)
    for amount in amounts:
        del amount["_pre"], amount["_currency_written"]
    return amounts


SENTENCE_END = re.compile(r"[。！？!?\n]")
PARAGRAPH_END = re.compile(r"\n")
CHINESE_UNIT = re.compile(r"[万萬亿億兆]")
DIGIT = re.compile(r"[0-9０-９一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖]")


def _currency_from_context(amounts: list[dict], text: str) -> None:
    """融资5.54亿, 筹建7万亿芯片帝国: an amount written without its currency is in the currency the
    article uses around it: that of the nearest amount naming one in the same sentence, else in
    the same paragraph, else the article's most frequent one; an article naming none writes
    Chinese units (亿, 万) in yuan, and so does a bare magnitude (百亿, 千亿级) that its own
    sentence does not give a currency. currency_source says where the currency came from."""
    named = [a for a in amounts if a["currency"]]
    counts: dict[str, int] = {}
    for amount in named:
        counts[amount["currency"]] = counts.get(amount["currency"], 0) + 1
    usual = max(counts, key=counts.get) if counts else None
    for amount in amounts:
        if amount["currency"] or amount["_currency_written"]:  # ¥ is yen or yuan: left open
            amount["currency_source"] = "text" if amount["currency"] else None
            continue
        amount["currency"] = _context_currency(amount, named, text, usual)
        amount["currency_source"] = "context" if amount["currency"] else None


def _context_currency(amount: dict, named: list[dict], text: str, usual: str | None) -> str | None:
    chinese = CHINESE_UNIT.search(amount["raw"]) is not None
    nearest = _nearest_named(amount, named, text, SENTENCE_END)
    if nearest:
        return nearest["currency"]
    if not DIGIT.search(amount["raw"]) and chinese:
        return "CNY"  # a bare magnitude (百亿, 千亿级市值) is a Chinese idiom of scale: yuan
    nearest = _nearest_named(amount, named, text, PARAGRAPH_END)
    return nearest["currency"] if nearest else (usual or ("CNY" if chinese else None))


def _nearest_named(amount: dict, named: list[dict], text: str, boundary: re.Pattern) -> dict | None:
    """The closest amount naming its currency with no boundary (sentence or paragraph end) between."""
    inside = [a for a in named if not boundary.search(
        text, min(a["char_end"], amount["char_end"]), max(a["char_start"], amount["char_start"]))]
    return min(inside, key=lambda a: abs(a["char_start"] - amount["char_start"]), default=None)


def parse_money(expression: str) -> dict | None:
    """One expression → {value, value_low, value_high, currency, bound}, or None if not money."""
    stripped = expression.strip()
    amounts = extract_amounts(stripped)
    if len(amounts) != 1 or amounts[0]["raw"] != stripped:
        return None
    return {k: amounts[0][k] for k in ("value", "value_low", "value_high", "currency", "bound")}
