"""Searches for cues that skip ahead instead of trying every cue at every character.

Python's regex engine tries each branch of an alternation at each position of the text, unless every
branch starts with a plain character: then it jumps from one of those characters to the next. A cue
list holds branches like (?:市场|全球|全国)?份额 or a(?<![a-z].)ssets under management, so a search
for any of 40 cues tries 40 branches at every character. `quick(pattern)` finds the characters a
match can start with and puts them first, as a character class the engine can jump between:

    [份市全…](?<=(?=(?:PATTERN))(?s:.))

matches one character, where PATTERN matches: its search finds the position pattern's search
finds. The reader of regexes below knows the syntax cues are written in; for anything else (or a
pattern that can match nothing at all) quick returns the pattern itself.
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=None)
def quick(pattern: re.Pattern) -> re.Pattern:
    """A pattern whose search finds where pattern's search does (the same start), faster. Use it
    for whether and where a cue is, not for what it matched."""
    first = first_chars(pattern.pattern)
    if first is None or pattern.flags & (re.IGNORECASE | re.VERBOSE):  # first_chars reads neither
        return pattern
    return re.compile(f"[{first}](?<=(?=(?:{pattern.pattern}))(?s:.))", pattern.flags)


def finditer(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    """pattern.finditer(text, pos, endpos), with pattern tried only where quick(pattern) finds it
    matches: the same matches, sooner."""
    starts = quick(pattern)
    if starts is pattern:  # not known to match only non-empty strings: finditer's own rules apply
        yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos)
        return
    endpos = len(text) if endpos is None else endpos
    while (hit := starts.search(text, pos, endpos)) is not None:
        m = pattern.match(text, hit.start(), endpos)  # it matches there: that is what starts tests
        yield m
        pos = m.end()


def first_chars(regex: str) -> str | None:
    """The characters a match of regex can start with, as the inside of a character class; None
    when regex can match the empty string or uses syntax not read here."""
    try:
        chars, empty, end = _alternation(regex, 0)
    except _Unknown:
        return None
    if empty or end != len(regex) or not chars or ANY in chars:
        return None
    return "".join(dict.fromkeys(chars))


class _Unknown(Exception):
    pass


ANY = None  # among first characters: any character (., [^…], \S), too many to list


def _alternation(rx: str, i: int) -> tuple[list, bool, int]:
    """(first characters, whether it can match empty, where it stops) of the branches from i to
    the closing parenthesis or the end."""
    chars, empty = [], False
    while True:
        first, nothing, i = _sequence(rx, i)
        chars += first
        empty = empty or nothing
        if i < len(rx) and rx[i] == "|":
            i += 1
            continue
        return chars, empty, i


def _sequence(rx: str, i: int) -> tuple[list, bool, int]:
    chars, empty = [], True
    while i < len(rx) and rx[i] not in "|)":
        first, nothing, i = _atom(rx, i)
        nothing, i = _quantifier(rx, i, nothing)
        if empty:  # everything before can match empty: this item's first characters can start a match
            chars += first
        empty = empty and nothing
    return chars, empty, i


def _quantifier(rx: str, i: int, empty: bool) -> tuple[bool, int]:
    """Whether the atom before i, quantified, can match empty; and where the quantifier ends."""
    if i >= len(rx) or rx[i] not in "?*+{":
        return empty, i
    if rx[i] == "{":
        m = re.match(r"\{(\d*)(?:,\d*)?\}", rx[i:])
        if m is None:
            raise _Unknown(rx)
        empty, i = empty or m.group(1) in ("", "0"), i + m.end()
    else:
        empty, i = empty or rx[i] in "?*", i + 1
    if i < len(rx) and rx[i] in "?+":  # lazy or possessive
        i += 1
    return empty, i


def _atom(rx: str, i: int) -> tuple[list, bool, int]:
    """(first characters, whether it can match empty, where it ends) of the atom at i."""
    c = rx[i]
    if c == "(":
        return _group(rx, i)
    if c == "[":
        return _class(rx, i)
    if c == "\\":
        return _escape(rx, i)
    if c in "^$":
        return [], True, i + 1
    if c == ".":
        return [ANY], False, i + 1
    if c in "*+?{":
        raise _Unknown(rx)
    return [re.escape(c)], False, i + 1


def _group(rx: str, i: int) -> tuple[list, bool, int]:
    lookaround = re.match(r"\(\?(?:<?[=!])", rx[i:])
    named = re.match(r"\(\?P<\w+>", rx[i:])
    if lookaround:  # zero width: the next atom starts the match
        _, _, end = _alternation(rx, i + lookaround.end())
        chars, empty = [], True
    elif named or rx.startswith("(?:", i) or not rx.startswith("(?", i):
        start = i + (named.end() if named else 3 if rx.startswith("(?:", i) else 1)
        chars, empty, end = _alternation(rx, start)
    else:
        raise _Unknown(rx)  # flags, conditionals, back references
    if end >= len(rx) or rx[end] != ")":
        raise _Unknown(rx)
    return chars, empty, end + 1


def _class(rx: str, i: int) -> tuple[list, bool, int]:
    j = i + 1
    if rx[j:j + 1] in ("]", "["):
        raise _Unknown(rx)
    while j < len(rx) and rx[j] != "]":
        j += 2 if rx[j] == "\\" else 1
    if j >= len(rx):
        raise _Unknown(rx)
    body = rx[i + 1:j]
    if "[" in body:
        raise _Unknown(rx)
    if body.startswith("^"):
        return [ANY], False, j + 1
    # A dash at an edge is a dash: escaped, it stays one when classes are put together.
    if body.startswith("-"):
        body = "\\" + body
    if body.endswith("-") and not body.endswith("\\-"):
        body = body[:-1] + "\\-"
    return [body], False, j + 1


def _escape(rx: str, i: int) -> tuple[list, bool, int]:
    e = rx[i + 1:i + 2]
    if e in ("b", "B", "A", "Z"):
        return [], True, i + 2
    if e in ("s", "d", "w"):
        return ["\\" + e], False, i + 2
    width = {"u": 6, "U": 10, "x": 4}.get(e)
    if width:
        return [rx[i:i + width]], False, i + width
    if e in ("S", "D", "W"):
        return [ANY], False, i + 2
    if not e or e.isalnum():
        raise _Unknown(rx)  # back references, \N{...}
    return ["\\" + e], False, i + 2
