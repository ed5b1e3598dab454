"""Scanning only where a match can begin.

A pattern whose every branch opens with a lookbehind or an optional part gives Python's regex
engine nothing to skip ahead with: it runs the whole pattern at every character. starts_of reads
the parsed pattern for the characters a match can begin with (and the ones that can follow each),
so that a small regex the engine skips ahead with finds the few places worth trying:
gated_finditer and finditer give pattern.finditer's matches, quick(pattern) a pattern whose search
finds where pattern's does. Used by the organization, anaphora and claim readers.
"""
from __future__ import annotations

import re
from functools import lru_cache


try:
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_REPEATS = tuple(getattr(_sre_parse, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre_parse, name))
# An ASCII letter ignoring case matches its other case and, at most, these four (the re docs).
ASCII_CASE_EXTRAS = "\u0130\u0131\u017f\u212a"


def starts_of(pattern: re.Pattern) -> re.Pattern | None:
    """A regex matching (without consuming more than one character) wherever a match of pattern
    can begin; it may match in more places. None when that cannot be told, or a match may begin
    anywhere."""
    try:
        items = _flagged(_sre_parse.parse(pattern.pattern, pattern.flags).data, pattern.flags)
        pairs = _pairs(items)
    except (AttributeError, TypeError, ValueError, KeyError):  # a parser unlike 3.10-3.13's
        return None
    if pairs is None:
        return None
    follows: dict = {}  # first character -> the class items that may follow it (None: any)
    for item, second in pairs:
        chars = _literal_chars(*item)
        if chars is None:  # a class: one class of all first characters instead
            return re.compile(_class({first for first, _ in pairs}))
        for ch in chars:
            known = follows.get(ch, frozenset())
            follows[ch] = None if known is None or second is None else known | second
    return re.compile("|".join(re.escape(ch) + ("" if then is None else f"(?={_class(then)})")
                               for ch, then in sorted(follows.items())))


def _flagged(items, flags: int) -> list:
    return [(op, av, flags) for op, av in items]


def _pairs(items: list) -> set | None:
    """((first class item, ignoring case), frozenset of the items that can come second, or None
    for any) for the ways items can start; None when that cannot be told or items can be empty."""
    p = _sre_parse
    for i, (op, av, flags) in enumerate(items):
        rest = items[i + 1:]
        if op in (p.AT, p.ASSERT, p.ASSERT_NOT):
            continue  # zero width: constrains, consumes nothing
        if op is p.BRANCH:
            found = [_pairs(_flagged(branch, flags) + rest) for branch in av[1]]
            return None if any(f is None for f in found) else set().union(*found)
        if op is p.SUBPATTERN:
            return _pairs(_flagged(av[3], (flags | av[1]) & ~av[2]) + rest)
        if op in _REPEATS and av[1] == 1:  # x? (or x{1}): x then the rest, or the rest alone
            found = [_pairs(_flagged(av[2], flags) + rest)] + ([_pairs(rest)] if av[0] == 0 else [])
            return None if any(f is None for f in found) else set().union(*found)
        first = _one_char(op, av, flags)
        if first is None:  # a repeat, a group reference...: any second character
            first, nullable = _starts(items[i:])
            return None if first is None or nullable else {(item, None) for item in first}
        second, nullable = _starts(rest)
        second = None if second is None or nullable else frozenset(second)
        return {(item, second) for item in first}
    return None


def _starts(items: list) -> tuple[set | None, bool]:
    """(the class items items can start with; whether items can match nothing)."""
    p = _sre_parse
    starts: set = set()
    for op, av, flags in items:
        if op in (p.AT, p.ASSERT, p.ASSERT_NOT):
            continue
        if op is p.BRANCH:
            found = [_starts(_flagged(branch, flags)) for branch in av[1]]
            nullable = any(n for _, n in found)
            first = None if any(s is None for s, _ in found) else set().union(*(s for s, _ in found))
        elif op in _REPEATS:
            first, nullable = _starts(_flagged(av[2], flags))
            nullable = nullable or av[0] == 0
        elif op is p.SUBPATTERN:
            first, nullable = _starts(_flagged(av[3], (flags | av[1]) & ~av[2]))
        else:
            first, nullable = _one_char(op, av, flags), False
        if first is None:
            return None, False
        starts |= first
        if not nullable:
            return starts, False
    return starts, True


def _one_char(op, av, flags: int) -> set | None:
    """The (class item, ignoring case) pairs of a one-character op; None for any other op, and for
    a negated class (it may start with nearly anything)."""
    p = _sre_parse
    if flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    if op is p.LITERAL:
        av = [(p.LITERAL, av)]
    elif op is not p.IN:
        return None
    items = set()
    for kind, value in av:
        if kind is p.LITERAL:
            items.add(re.escape(chr(value)))
        elif kind is p.RANGE:
            items.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is p.CATEGORY and str(value) in _CATEGORIES:
            items.add(_CATEGORIES[str(value)])
        else:
            return None
    return {(item, bool(flags & re.IGNORECASE)) for item in items}


def _literal_chars(item: str, ignore_case: bool) -> str | None:
    """The characters a class item stands for when it is one character, or None."""
    if len(item) == 2 and item[0] == "\\" and item not in _CATEGORIES.values():
        ch = item[1]  # re.escape'd
    elif len(item) == 1:
        ch = item
    else:  # a range or a category
        return None
    if not ignore_case or (ch.isascii() and not ch.isalpha()):
        return ch
    if ch.isascii():
        return ch.lower() + ch.upper() + ASCII_CASE_EXTRAS
    return None  # a letter beyond ASCII ignoring case: its other cases are not told here


def _class(items) -> str:
    """One character of items, as a regex: a class, ASCII letters ignoring case spelled out (a
    class ignoring case gives the engine nothing to skip ahead with)."""
    plain, folded = set(), set()
    for item, ignore_case in items:
        chars = _literal_chars(item, ignore_case) if ignore_case else None
        if chars is not None:
            plain.update(re.escape(ch) for ch in chars)
        else:
            (folded if ignore_case else plain).add(item)
    classes = [f"[{''.join(sorted(plain))}]"] if plain else []
    classes += [f"(?i:[{''.join(sorted(folded))}])"] if folded else []
    return "|".join(classes) if len(classes) == 1 else "(?:" + "|".join(classes) + ")"


def gated_finditer(pattern: re.Pattern, starts: re.Pattern | None, string: str, pos: int = 0,
                   endpos: int | None = None):
    """pattern.finditer(string, pos, endpos), the pattern tried only where starts (starts_of it)
    matches. Same matches: lookarounds see the same text with match() as with finditer()."""
    endpos = len(string) if endpos is None else endpos
    if starts is None:
        yield from pattern.finditer(string, pos, endpos)
        return
    for start in starts.finditer(string, pos, endpos):
        if start.start() >= pos and (m := pattern.match(string, start.start(), endpos)) is not None:
            yield m
            pos = m.end()  # never empty: starts_of is None for a pattern that can match nothing


@lru_cache(maxsize=None)
def cached_starts(pattern: re.Pattern) -> re.Pattern | None:
    return starts_of(pattern)


def finditer(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    """pattern.finditer(text, pos, endpos), tried only where a match can begin."""
    return gated_finditer(pattern, cached_starts(pattern), text, pos, endpos)


@lru_cache(maxsize=None)
def quick(pattern: re.Pattern) -> re.Pattern:
    """A pattern whose search finds where pattern's search does (the same start), faster: the
    characters a match can begin with come first, where the engine can jump between them. Use it
    for whether and where a cue is, not for what it matched."""
    starts = cached_starts(pattern)
    if starts is None:
        return pattern
    return re.compile(f"(?:{starts.pattern})(?<=(?=(?:{pattern.pattern}))(?s:.))", pattern.flags)


def anchored(pattern: re.Pattern) -> re.Pattern:
    """pattern with a lookahead for the characters a match can begin with put first: the same
    matches, but a position that cannot begin one fails at the first test instead of trying
    every branch (and lookbehind) there. Unlike finditer, no Python loop: best when matches are
    frequent (a round name in every paragraph)."""
    starts = cached_starts(pattern)
    if starts is None:
        return pattern
    return re.compile(f"(?={starts.pattern})(?:{pattern.pattern})", pattern.flags)
