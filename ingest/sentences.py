"""Sentences and clauses of a clean text, with offsets, and relative dates resolved against the document.

Every fact quotes the sentence that states it: `text[start:end] == sentence.text`, so evidence offsets
are the sentence's offsets.
"""
import calendar
import datetime as dt
import re
from dataclasses import dataclass

# A sentence ends after 。！？!? (and any closing quotes or brackets that follow), or at a line break.
SENTENCE = re.compile(r"[^\n。！？!?]*(?:[。！？!?]+[”’」』)）\"']*|\n|$)")
CLAUSE_BREAK = re.compile(r"[,，;；:：]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (blank-line separated block) it belongs to

    def clauses(self):
        """(start, end) offsets of the comma-separated clauses of the sentence, in document terms."""
        position = self.start
        for match in CLAUSE_BREAK.finditer(self.text):
            yield position, self.start + match.end()
            position = self.start + match.end()
        if position < self.end:
            yield position, self.end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of text, whitespace-trimmed, with their offsets and paragraph numbers."""
    sentences = []
    paragraph = 0
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        if text[start:end] == "\n":
            if start > 0 and text[start - 1] == "\n":
                paragraph += 1
            continue
        raw = text[start:end]
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start += lead
        end = start + len(stripped)
        sentences.append(Sentence(start, end, stripped, paragraph))
    return sentences


# ---------------------------------------------------------------------------------------------
# Dates written in the text, resolved against the document's date


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str          # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str      # day | month | year


DATE_EXPRESSION = re.compile(
    r"(?P<full>(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?)"
    r"|(?P<iso>(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<rel>(?P<ry>今年|去年|前年|明年)(?:(?P<rm>\d{1,2})\s*月(?:(?P<rd>\d{1,2})\s*[日号])?|(?P<rq>一|二|三|四|第一|第二|第三|第四)季度)?)"
    r"|(?P<md>(?<![\d年])(?P<mm>\d{1,2})\s*月(?:(?P<mdd>\d{1,2})\s*[日号])?(?!份额))"
)
RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def find_dates(text: str, document_date: str | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates written in text[start:end]: 2025年10月8日, 2023年7月, 去年9月, 今年1月, 9月4日, 4月.
    Relative and year-less dates need document_date; without it they are skipped, never guessed."""
    end = len(text) if end is None else end
    base = dt.date.fromisoformat(document_date) if document_date else None
    found = []
    for match in DATE_EXPRESSION.finditer(text, start, end):
        mention = _resolve(match, base)
        if mention:
            found.append(DateMention(match.start(), match.end(), *mention))
    return found


def _resolve(match: re.Match, base: dt.date | None):
    g = match.groupdict()
    if g["full"]:
        return _ymd(int(g["y"]), g["m"], g["d"])
    if g["iso"]:
        return _ymd(int(g["iy"]), g["im"], g["id"])
    if base is None:
        return None
    if g["rel"]:
        year = base.year + RELATIVE_YEARS[g["ry"]]
        return _ymd(year, g["rm"], g["rd"])
    # A bare month (9月4日, 4月) is in the document's year, or the year before if that would be
    # after the document's date: news reports the past.
    month = int(g["mm"])
    if not 1 <= month <= 12:
        return None
    year = base.year if month <= base.month else base.year - 1
    return _ymd(year, g["mm"], g["mdd"])


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
