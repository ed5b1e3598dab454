"""The numbers a claim holds besides money (percents, shares in 成, counts of chips) and the
period it is about (2026财年, 2024年第一季度, 自2023年以来, 去年), read from the folded view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .regex_starts import finditer

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PERCENT = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|个百分点|percent|per cent)"
    r"|(?P<c>\d+|[一二两三四五六七八九十])\s*成(?![本为功立长])"
    r"|百分之(?P<p>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)")
COUNT = re.compile(
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<m>万|千|亿)?\s*(?P<u>块|张|个|颗|枚)"
    r"|(?P<e>\d[\d,]*(?:\.\d+)?)(?=\s+(?:nvidia\s+)?(?:h100s|gpus|chips))")
MULTIPLIERS = {"万": 1e4, "千": 1e3, "亿": 1e8, None: 1}
# What every PERCENT / COUNT match holds, and far fewer other places (成 and 个 alone are common):
# the test of whether a span can hold one.
PERCENT_MARK = re.compile(r"%|百分|percent|per cent|[\d一二两三四五六七八九十]\s*成")
COUNT_MARK = re.compile(r"\d,*\s*(?:万|千|亿)?\s*[块张个颗枚]|h100s|gpus|chips")
# Either, looser, to find the sentences that can hold one (ClaimReader.sentences_with: no
# lookahead): 成 after a number or a space, a unit after a digit, comma, space or 万千亿. Every
# branch starts with a plain character, so the regex engine skips to those.
NUMBER_MARK = re.compile("%|百分|percent|per cent|成(?<=[\\d一二两三四五六七八九十\\s]成)|"
                         + "|".join(f"{unit}(?<=[\\d,\\s万千亿]{unit})" for unit in "块张个颗枚") + "|h100s|gpus|chips")
QUARTER = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<rel>今年|去年|明年)?\s*第?(?P<q>[一二三四1-4])\s*季度")
PERIOD = re.compile(
    r"(?P<fy>(?:19|20)\d{2})\s*(?:财年|财政年度)|fy\s?(?P<fy2>20\d{2})|fiscal(?: year)? (?P<fy3>20\d{2})"
    r"|(?P<since>自|从|since )\s*(?P<sy>(?:19|20)\d{2})\s*年?"
    r"|(?P<y>(?:19|20)\d{2})\s*(?:年|年度)(?!\d)|(?:in |of )(?P<ey>(?:19|20)\d{2})(?!\d)"
    r"|(?P<rel>今年|去年|前年|明年)")
RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
PERIOD_AFTER = re.compile(r"\s*(?:in|for|during|of)\b")


@dataclass
class Value:
    """A value a metric claim can hold."""
    start: int
    end: int
    kind: str                        # money | percent | count
    amount_index: int | None = None  # money: index into model.amounts
    number: float | None = None      # percent, count
    unit: str | None = None


def _cn_number(s: str) -> float:
    if s.isdigit():
        return float(s)
    if s == "十":
        return 10.0
    if s.startswith("十"):
        return 10.0 + CN_DIGITS[s[1]]
    if len(s) == 2 and s[1] == "十":
        return CN_DIGITS[s[0]] * 10.0
    if len(s) == 3 and s[1] == "十":
        return CN_DIGITS[s[0]] * 10.0 + CN_DIGITS[s[2]]
    return float(CN_DIGITS[s[0]])


def _percent(m: re.Match) -> float:
    if m.group("n"):
        return float(m.group("n"))
    if m.group("c"):
        return _cn_number(m.group("c")) * 10  # 8成 = 80%
    return _cn_number(m.group("p"))


def number_values(view: str, start: int, end: int) -> list[Value]:
    """The percents and counts of chips in view[start:end], in text order. A test for their marks
    first: most sentences hold no percent and no count, and the full patterns give the regex
    engine no first character to skip ahead by (regex_starts.finditer finds one)."""
    values = []
    if PERCENT_MARK.search(view, start, end):
        values += [Value(m.start(), m.end(), "percent", number=_percent(m), unit="percent")
                   for m in finditer(PERCENT, view, start, end)]
    if COUNT_MARK.search(view, start, end):
        for m in finditer(COUNT, view, start, end):
            digits = (m.group("n") or m.group("e")).replace(",", "")
            values.append(Value(m.start(), m.end(), "count", number=float(digits) * MULTIPLIERS[m.group("m")],
                                unit="GPU"))
    return sorted(values, key=lambda x: x.start)


# ---------------------------------------------------------------------------------------------
# Periods


def period_after(reader, sentence, position: int) -> str | None:
    """A period written right after a value, in its clause (… to $62.3 billion in fiscal 2026)."""
    end = min(reader.clause_end(sentence, position), position + 24)
    if not PERIOD_AFTER.match(reader.view, position, end):
        return None
    return period_before(reader, sentence, end, position)


def period_before(reader, sentence, position: int, floor: int) -> str | None:
    """The last period written in the sentence between floor and position; a quarter wins over
    the year it is written with (2024年第一季度 → 2024-Q1)."""
    start = max(floor, sentence.start)
    best = None
    if reader.view.find("季度", start, position) >= 0:  # what every quarter holds; most spans have none
        for m in finditer(QUARTER, reader.view, start, position):
            best = (m.start(), _quarter(m, reader.year))
    for m in finditer(PERIOD, reader.view, start, position):
        if reader.vocabulary.metric.comparison_before.search(reader.view[max(sentence.start, m.start() - 4):m.start()]):
            continue  # 比2022年减少30%: the year compared with
        if best and best[0] <= m.start() < best[0] + 12 and "季度" in reader.view[m.start():m.start() + 12]:
            continue  # the year of a quarter already read
        value = _period(m, reader.year)
        if value and (best is None or m.start() >= best[0]):
            best = (m.start(), value)
    return best[1] if best else None


def _quarter(m: re.Match, year: int | None) -> str:
    written = m.group("y")
    if not written and m.group("rel") and year:
        written = str(year + RELATIVE_YEARS[m.group("rel")])
    quarter = QUARTERS[m.group("q")]
    return f"{written}-Q{quarter}" if written else f"Q{quarter}"


def _period(m: re.Match, year: int | None) -> str | None:
    fiscal = m.group("fy") or m.group("fy2") or m.group("fy3")
    if fiscal:
        return "FY" + fiscal
    if m.group("since"):
        return f"since {m.group('sy')}"
    if m.group("y") or m.group("ey"):
        return m.group("y") or m.group("ey")
    if m.group("rel") and year:
        return str(year + RELATIVE_YEARS[m.group("rel")])
    return None
