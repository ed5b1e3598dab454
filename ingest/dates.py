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


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern, dict, dict, dict]:
    v = vocabulary("dates")
    months = {name: number for number, names in v["months"].items() for name in names}
    weekdays = {name: number for number, names in v["weekdays"].items() for name in names}
    relative = dict(v["relative_years"])
    month = alternation(months)
    weekday = alternation(weekdays)
    english_relative = alternation([w for w in relative if w.isascii()])
    chinese_relative = alternation([w for w in relative if not w.isascii()])
    pattern = (
        r"(?P<full>(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?)"
        r"|(?P<iso>(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
        rf"|(?P<rel>(?P<ry>{chinese_relative})(?:(?P<rm>\d{{1,2}})\s*月(?:(?P<rd>\d{{1,2}})\s*[日号])?)?)"
        r"|(?P<md>(?<![\d年.])(?P<mm>\d{1,2})\s*月(?:(?P<mdd>\d{1,2})\s*[日号])?(?!份额))"
        # English: "September 25, 2025", "Sept. 25", "October 2024", "in October", "25 September 2025"
        rf"|(?P<en>(?:(?P<ed1>\d{{1,2}})\s+)?(?P<emon>{month})\.?(?:\s+(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]\d))?"
        r"(?:,?\s+(?P<ey>(?:19|20)\d{2}))?)"
        rf"|(?P<wd>(?i:on|last|this)\s+(?P<wday>{weekday}))"
        rf"|(?P<erel>(?i:{english_relative}))"
        r"|(?P<eyear>(?<=\bin )(?:19|20)\d{2}(?![\d-]))"
    )
    return re.compile(pattern), months, weekdays, relative


def find_dates(text: str, document_date: str | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates written in text[start:end], in order."""
    pattern, months, weekdays, relative = _grammar()
    base = dt.date.fromisoformat(document_date) if document_date else None
    found = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        resolved = _resolve(m, base, months, weekdays, relative)
        if resolved:
            found.append(DateMention(m.start(), m.end(), *resolved))
    return found


def _resolve(m: re.Match, base, months: dict, weekdays: dict, relative: dict):
    g = m.groupdict()
    if g["full"]:
        return _ymd(int(g["y"]), g["m"], g["d"])
    if g["iso"]:
        return _ymd(int(g["iy"]), g["im"], g["id"])
    if g["en"]:
        return _english(g, base, months)
    if g["eyear"]:
        return _ymd(int(g["eyear"]), None, None)
    if base is None:
        return None
    if g["rel"]:
        return _ymd(base.year + relative[g["ry"]], g["rm"], g["rd"])
    if g["erel"]:
        return _ymd(base.year + relative[re.sub(r"\s+", " ", g["erel"].lower())], None, None)
    if g["wd"]:
        back = (base.weekday() - weekdays[g["wday"]]) % 7
        day = base - dt.timedelta(days=back)
        return day.isoformat(), "day"
    return _ymd(_past_year(base, int(g["mm"])), g["mm"], g["mdd"])


def _english(g: dict, base, months: dict):
    month = months[g["emon"]]
    day = g["ed1"] or g["ed2"]
    if g["ey"]:
        return _ymd(int(g["ey"]), month, day)
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
