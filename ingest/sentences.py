"""Sentences and clauses of a clean text, with offsets, and relative dates resolved against the document.

Every fact quotes the sentence that states it: `text[start:end] == sentence.text`, so evidence offsets
are the sentence's offsets.

The readers scan each sentence and clause with many cue patterns; the helpers at the top say what a
pattern's matches can start with or depend on, so that they skip text quickly without matching
anything differently.
"""
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the regex parser and compiler, to read a pattern's first characters (first_char_guard)
    from re import _compiler, _constants, _parser
except ImportError:  # Python 3.10
    import sre_compile as _compiler
    import sre_constants as _constants
    import sre_parse as _parser

# A sentence ends after 。！？!? (and any closing quotes or brackets that follow), or at a line break.
SENTENCE = re.compile(r"[^\n。！？!?]*(?:[。！？!?]+[”’」』)）\"']*|\n|$)")
CLAUSE_BREAK = re.compile(r"[,，;；:：]")


# ---------------------------------------------------------------------------------------------
# What a pattern's matches start with and depend on


def first_char_guard(pattern: re.Pattern) -> re.Pattern:
    """pattern behind a lookahead for the characters its matches can start with: the same
    matches, found several times faster. An alternation of cue words (some behind lookbehinds,
    case-insensitive) gives the regex engine nothing to skip ahead by, so it tries every branch
    at every position; the lookahead rejects most positions with one set test. Returns pattern
    itself when the engine can already skip ahead (a literal or character-set prefix), when the
    set cannot be worked out, or when the pattern can match the empty string."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if _engine_skips_ahead(parsed, pattern.flags):
        return pattern
    first = _first_char_set(parsed)
    if first is None:
        return pattern
    return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)


@lru_cache(maxsize=256)
def first_char_class(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern matching one character, every character a match of pattern can start with
    (and maybe others); None when that cannot be worked out or pattern can match empty."""
    first = _first_char_set(_parser.parse(pattern.pattern, pattern.flags))
    return None if first is None else re.compile(first, pattern.flags)


def first_chars(pattern: re.Pattern) -> frozenset | None:
    """The characters a match of pattern can start with, when they are a known set of
    literal characters (no ranges, classes or case folding) and pattern cannot match empty."""
    if pattern.flags & re.IGNORECASE:
        return None
    parts = _first_chars(list(_parser.parse(pattern.pattern, pattern.flags)))
    if parts is None or parts[1] or not all(_LITERAL_ITEM.fullmatch(item) for item in parts[0]):
        return None
    return frozenset(chr(int(item[2:], 16)) for item in parts[0])


_LITERAL_ITEM = re.compile(r"\\U[0-9a-f]{8}")


def _first_char_set(parsed) -> str | None:
    parts = _first_chars(list(parsed))
    if parts is None or parts[1]:
        return None
    return "[" + "".join(dict.fromkeys(parts[0])) + "]"


def reads_only_its_match(pattern: re.Pattern) -> bool:
    """Whether a match depends on nothing but the characters it consumes: no lookaround, anchor,
    word boundary or backreference. Then a span where the pattern finds nothing has no sub-span
    where it finds something, and one search of a sentence can stand for one per clause."""
    return _reads_only_its_match(_parser.parse(pattern.pattern, pattern.flags))


def _reads_only_its_match(sequence) -> bool:
    c = _constants
    for op, av in sequence:
        if op in _ZERO_WIDTH or op is c.GROUPREF or op is c.GROUPREF_EXISTS:
            return False
        if op is c.BRANCH:
            subsequences = av[1]
        elif op is c.SUBPATTERN:
            subsequences = [av[3]]
        elif op in _REPEATS:
            subsequences = [av[2]]
        elif _ATOMIC is not None and op is _ATOMIC:
            subsequences = [av]
        else:
            continue  # LITERAL, IN, ANY...: consume one character
        if not all(_reads_only_its_match(s) for s in subsequences):
            return False
    return True


def _engine_skips_ahead(parsed, flags: int) -> bool:
    """Whether re's compiler finds a prefix to scan for (its private helpers: when they are
    missing or changed, guard anyway; the guard never changes what matches)."""
    try:
        return bool(_compiler._get_literal_prefix(parsed, flags)[0]
                    or _compiler._get_charset_prefix(parsed, flags))
    except Exception:
        return False


_CATEGORY_ESCAPES = {
    _constants.CATEGORY_DIGIT: r"\d", _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s", _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w", _constants.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_constants.ASSERT, _constants.ASSERT_NOT, _constants.AT)
_REPEATS = tuple(getattr(_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_constants, name))
_ATOMIC = getattr(_constants, "ATOMIC_GROUP", None)  # Python 3.11+


def _first_chars(sequence) -> tuple[list[str], bool] | None:
    """(character-set items a match of the parsed sequence can start with, whether it can match
    empty), or None when unsure (any character, negated sets, backreferences, inline flags)."""
    c = _constants
    items: list[str] = []
    for op, av in sequence:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the first character comes later
        if op is c.LITERAL:
            return items + [_set_char(av)], False
        if op is c.IN:
            found = _set_items(av)
            return None if found is None else (items + found, False)
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                found = _first_chars(branch)
                if found is None:
                    return None
                items += found[0]
                nullable = nullable or found[1]
        elif op is c.SUBPATTERN or (_ATOMIC is not None and op is _ATOMIC):
            if op is c.SUBPATTERN and (av[1] or av[2]):
                return None
            found = _first_chars(av[3] if op is c.SUBPATTERN else av)
            if found is None:
                return None
            items += found[0]
            nullable = found[1]
        elif op in _REPEATS:
            low, high, body = av
            if high == 0:
                continue
            found = _first_chars(body)
            if found is None:
                return None
            items += found[0]
            nullable = low == 0 or found[1]
        else:
            return None
        if not nullable:
            return items, False
    return items, True


def _set_char(code: int) -> str:
    return f"\\U{code:08x}"


def _set_items(members) -> list[str] | None:
    items = []
    for op, av in members:
        if op is _constants.LITERAL:
            items.append(_set_char(av))
        elif op is _constants.RANGE:
            items.append(f"{_set_char(av[0])}-{_set_char(av[1])}")
        elif op is _constants.CATEGORY and av in _CATEGORY_ESCAPES:
            items.append(_CATEGORY_ESCAPES[av])
        else:
            return None  # NEGATE and the like
    return items


# ---------------------------------------------------------------------------------------------
# Sentences and clauses


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
    return list(_split_sentences(text))


@lru_cache(maxsize=4)
def _split_sentences(text: str) -> tuple[Sentence, ...]:
    # Cached: the deal and claim readers of one document both split the same text (deals read
    # a simplified view, which is the text itself in a simplified article).
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
    return tuple(sentences)


# ---------------------------------------------------------------------------------------------
# Dates written in the text, resolved against the document's date


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str          # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str      # day | month | year


DATE_EXPRESSION = first_char_guard(re.compile(
    r"(?P<full>(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?)?)"
    r"|(?P<iso>(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"|(?P<rel>(?P<ry>今年|去年|前年|明年)(?:(?P<rm>\d{1,2})\s*月(?:(?P<rd>\d{1,2})\s*[日号])?|(?P<rq>一|二|三|四|第一|第二|第三|第四)季度)?)"
    r"|(?P<md>(?<![\d年])(?P<mm>\d{1,2})\s*月(?:(?P<mdd>\d{1,2})\s*[日号])?(?!份额))"
))
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
