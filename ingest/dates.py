"""Dates written in a text, resolved against the document's date: one grammar for Chinese and
English.

    2025年10月8日 · 2023年7月 · 去年9月 · 今年一季度 · 9月4日 · 2025-10-08
    Sept 25 · September 25, 2025 · 25 September 2025 · in October 2024 · in October · on Monday
    last year · this year · in 2024

Relative and year-less dates need the document's date; without it they are skipped, never
guessed. A bare month or weekday is the latest one on or before the document's date: news reports
the past.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .vocab import alternation, vocabulary


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str          # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str      # day | month | year


WEEKDAY_WORDS = "on|last|this"  # on Monday, last Friday (any case)


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern  # the date grammar; the name of the alternative that matched says how to resolve it
    starts: re.Pattern   # where a date can start (see _starts)
    months: dict
    weekdays: dict
    relative: dict


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    v = vocabulary("dates")
    months = {name: number for number, names in v["months"].items() for name in names}
    weekdays = {name: number for number, names in v["weekdays"].items() for name in names}
    relative = dict(v["relative_years"])
    month = alternation(months)
    weekday = alternation(weekdays)
    english = [w for w in relative if w.isascii()]
    chinese = [w for w in relative if not w.isascii()]
    english_relative, chinese_relative = alternation(english), alternation(chinese)
    pattern = (
        r"(?P<full>(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?)"
        r"|(?P<iso>(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
        rf"|(?P<rel>(?P<ry>{chinese_relative})(?:(?P<rm>\d{{1,2}})\s*月(?:(?P<rd>\d{{1,2}})\s*[日号])?)?)"
        r"|(?P<md>(?<![\d年.])(?P<mm>\d{1,2})\s*月(?:(?P<mdd>\d{1,2})\s*[日号])?(?!份额))"
        # English: "September 25, 2025", "Sept. 25", "October 2024", "in October", "25 September 2025"
        rf"|(?P<en>(?:(?P<ed1>\d{{1,2}})\s+)?(?P<emon>{month})\.?(?:\s+(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]\d))?"
        r"(?:,?\s+(?P<ey>(?:19|20)\d{2}))?)"
        rf"|(?P<wd>(?i:{WEEKDAY_WORDS})\s+(?P<wday>{weekday}))"
        rf"|(?P<erel>(?i:{english_relative}))"
        r"|(?P<eyear>(?<=\bin )(?:19|20)\d{2}(?![\d-]))"
    )
    # Each alternative, loosely: a digit before 年, -, 月 or a month name, or after "in "; a
    # relative year; a month name; a weekday after on/last/this; an English relative year.
    loose = (
        rf"\d(?:\d{{3}}\s*[年-]|\d?\s*月|\d?\s+[{_initials(months)}]|(?<=\bin \d))"
        rf"|{chinese_relative}|{month}|(?i:{WEEKDAY_WORDS})\s+(?:{weekday})|(?i:{english_relative})"
    )
    first = r"\d" + _initials([*chinese, *months]) + _initials([*WEEKDAY_WORDS.split("|"), *english], any_case=True)
    return _Grammar(re.compile(pattern), _starts(first, loose), months, weekdays, relative)


def _initials(words, any_case: bool = False) -> str:
    """The first characters of words, escaped for a character class; with any_case, in either case
    (and the non-ASCII letters case-insensitive matching takes for i, s and k)."""
    chars = {w[0] for w in words}
    if any_case:
        chars |= {c for w in chars for c in (w.lower(), w.upper())}
        chars |= {c for c in "\u0130\u0131\u017f\u212a" if re.fullmatch(f"(?i:[{re.escape(''.join(chars))}])", c)}
    return "".join(re.escape(c) for c in sorted(chars))


def _starts(first: str, loose: str) -> re.Pattern:
    """The positions where a date can start: a character of first at which loose matches.

    The grammar is an alternation of groups, and the regex engine tries every one of them at every
    position of the text: slow. This pattern starts with a character class, so the engine skips to
    the few characters a date can start with and tries loose (a cheap superset of the grammar) only
    there. It matches one character: no start is hidden inside a match."""
    return re.compile(f"[{first}](?<=(?=(?:{loose})).)")


def find_dates(text: str, document_date: str | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates written in text[start:end], in order: what the grammar's finditer finds, with the
    grammar tried only where a date can start."""
    g = _grammar()
    end = len(text) if end is None else end
    base = dt.date.fromisoformat(document_date) if document_date else None
    found = []
    position = start
    while (candidate := g.starts.search(text, position, end)) is not None:
        m = g.pattern.match(text, candidate.start(), end)
        if m is None:
            position = candidate.start() + 1
            continue
        position = m.end()  # every alternative matches at least one character
        resolved = _resolve(m, base, g)
        if resolved:
            found.append(DateMention(m.start(), position, *resolved))
    return found


def _resolve(m: re.Match, base, g: _Grammar):
    kind = m.lastgroup  # the outer group of the alternative: it closes last
    if kind == "full":
        return _ymd(int(m["y"]), m["m"], m["d"])
    if kind == "iso":
        return _ymd(int(m["iy"]), m["im"], m["id"])
    if kind == "en":
        return _english(m, base, g.months)
    if kind == "eyear":
        return _ymd(int(m["eyear"]), None, None)
    if base is None:
        return None
    if kind == "rel":
        return _ymd(base.year + g.relative[m["ry"]], m["rm"], m["rd"])
    if kind == "erel":
        return _ymd(base.year + g.relative[re.sub(r"\s+", " ", m["erel"].lower())], None, None)
    if kind == "wd":
        back = (base.weekday() - g.weekdays[m["wday"]]) % 7
        day = base - dt.timedelta(days=back)
        return day.isoformat(), "day"
    return _ymd(_past_year(base, int(m["mm"])), m["mm"], m["mdd"])


def _english(m: re.Match, base, months: dict):
    month = months[m["emon"]]
    day = m["ed1"] or m["ed2"]
    if m["ey"]:
        return _ymd(int(m["ey"]), month, day)
    if base is None:
        return None
    return _ymd(_past_year(base, month), month, day)


def _past_year(base: dt.date, month: int) -> int:
    return base.year if month <= base.month else base.year - 1


def _ymd(year: int, month, day):
    if month is None:
        return f"{year:04d}", "year"
    month = int(month)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    day = int(day)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"
