"""Vocabularies (ingest/data/*.yaml) compiled once, and the one helper that turns a word list into
a regular expression.

Extraction modules ask this module for words, never open the YAML files themselves.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import load_vocabulary

LETTERS = "A-Za-z"


def alternation(words, escape: bool = True, word_chars: str | None = LETTERS) -> str:
    """A regex alternation of words, longest first.

    With word_chars, a word that starts (ends) with an ASCII letter or digit must not touch one of
    word_chars there: `AI` never matches inside `SAIC`. The test before the word comes after its
    first character, so every branch starts with a literal and the regex engine can skip ahead.
    A space in a word matches any run of whitespace. With escape=False the words are regular
    expressions already and are joined as they are."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        if not escape:
            parts.append(word)
            continue
        part = re.escape(word).replace(r"\ ", r"\s+")
        if word_chars and word[:1].isascii() and word[:1].isalnum():
            part = re.escape(word[:1]) + rf"(?<![{word_chars}].)" + part[len(re.escape(word[:1])):]
        if word_chars and word[-1:].isascii() and word[-1:].isalnum():
            part = rf"{part}(?![{word_chars}])"
        parts.append(part)
    return "|".join(parts) if parts else "(?!)"


def compile_words(words, escape: bool = True, flags: int = 0, word_chars: str | None = LETTERS) -> re.Pattern:
    return re.compile(alternation(words, escape, word_chars), flags)


@lru_cache(maxsize=None)
def vocabulary(name: str) -> dict:
    """ingest/data/<name>.yaml as parsed YAML (cached per process)."""
    return load_vocabulary(name)
