"""Sentences of a text with their offsets and paragraphs, for Chinese and English alike.

A sentence ends after 。！？ (and any closing quotes or brackets), at a line break, or after . ! ?
followed by a space and a word that can start a sentence. A full stop does not end a sentence
after an abbreviation (Inc., U.S., Sept.), inside a number ($1.5bn) or before a lower-case word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .vocab import vocabulary

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Candidate ends: Chinese terminators always, Latin ones before whitespace, a line break.
CANDIDATE_END = re.compile(r"[。！？]+[\"'”’」』)）\]]*|[!?]+(?=[\u3400-\u9fff])|[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
NEXT_WORD = re.compile(r"\s*([\"'“‘(]?)(\S+)")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset, frozenset]:
    v = vocabulary("text")
    return frozenset(v["abbreviations"]), frozenset(v["company_abbreviations"])


def split_sentences(text: str):
    """Sentence objects (ingest.text.Sentence) of text, whitespace-trimmed, in order."""
    from .text import Sentence
    sentences = []
    paragraph = 0
    start = 0
    for end in _sentence_ends(text):
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            s, e = start + lead, start + len(piece.rstrip())
            language = "zh" if CJK.search(text, s, e) else "en"
            sentences.append(Sentence(s, e, paragraph, len(sentences), language))
        if text[end - 1:end] == "\n" and sentences and sentences[-1].paragraph == paragraph:
            paragraph += 1  # a line break ends a paragraph (news sites put one per line)
        start = end
    return sentences


def _sentence_ends(text: str):
    for m in CANDIDATE_END.finditer(text):
        if m.group() == "\n" or CJK.match(m.group()) or _latin_end(text, m):
            yield m.end()
    yield len(text)


def _latin_end(text: str, m: re.Match) -> bool:
    mark = m.group()
    if "." not in mark:
        return True  # ! or ?
    word_before = re.search(r"(\S+)\.[\"'”’)\]]*$", text[max(0, m.start() - 30):m.end()])
    before = word_before.group(1) if word_before else ""
    nxt = NEXT_WORD.match(text, m.end())
    following = nxt.group(2) if nxt else ""
    if not following:
        return True
    if following[:1].islower() or following[:1].isdigit() and before[-1:].isdigit():
        return False
    abbreviations, company = _abbreviations()
    bare = before.lstrip("(\"'“")
    if bare in abbreviations or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", bare) or re.fullmatch(r"[A-Z]", bare):
        return False
    if bare in company:
        # "Foo Inc. said" continues; "… Foo Inc. The company …" ends: only a word that usually
        # starts a sentence ends it after a company suffix.
        return following.strip("\"'“(") in vocabulary("text")["sentence_starters"]
    return True
