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
# Candidate ends: Chinese terminators always, ! and ? before a Chinese character, Latin ones before
# whitespace, a line break. Written as one character class, then what follows each kind of mark,
# so the regex engine skips straight to the marks instead of trying four alternatives everywhere:
#   [。！？]+ closers* | [!?]+ (?=CJK) | [.!?]+ closers* (?=\s|$) | \n
CANDIDATE_END = re.compile(
    r"[。！？!?.\n](?:(?<=[。！？])[。！？]*[\"'”’」』)）\]]*|(?<=[!?])[!?]*(?=[\u3400-\u9fff])"
    r"|(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s|$)|(?<=\n))")
NEXT_WORD = re.compile(r"\s*([\"'“‘(]?)(\S+)")
WORD_BEFORE = re.compile(r"(\S+)\.[\"'”’)\]]*$")
INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?|[A-Z]")  # U.S, U.K, J
CONTENT = re.compile(r"\S(?:.*\S)?", re.S)  # a piece without the whitespace around it
# The longest sentence of the development set and seeds has 352 characters. A text without
# sentence marks (a table, a list, a hostile file) would make one sentence of everything, and the
# readers, which look across a sentence for each deal in it, quadratic: such a run is cut at the
# last clause mark (or space) before MAX_SENTENCE characters, else at MAX_SENTENCE.
MAX_SENTENCE = 600
CLAUSE_MARK = re.compile(r"[，,；;：:、\s]")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset, frozenset, frozenset]:
    v = vocabulary("text")
    return frozenset(v["abbreviations"]), frozenset(v["company_abbreviations"]), frozenset(v["sentence_starters"])


def split_sentences(text: str):
    """Sentence objects (ingest.text.Sentence) of text, whitespace-trimmed, in order."""
    from .text import Sentence
    sentences = []
    paragraph = 0
    start = 0
    for end in _sentence_ends(text):
        body = CONTENT.search(text, start, end)
        if body:
            s, e = body.span()
            language = "zh" if CJK.search(text, s, e) else "en"
            sentences.append(Sentence(s, e, paragraph, len(sentences), language))
        if text[end - 1:end] == "\n" and sentences and sentences[-1].paragraph == paragraph:
            paragraph += 1  # a line break ends a paragraph (news sites put one per line)
        start = end
    return sentences


def _sentence_ends(text: str) -> list[int]:
    ends = [m.end() for m in CANDIDATE_END.finditer(text) if "." not in m.group() or _latin_end(text, m)]
    ends.append(len(text))
    return _bounded(text, ends)


def _bounded(text: str, ends: list[int]) -> list[int]:
    """ends, with an extra end wherever a sentence would be longer than MAX_SENTENCE: after the
    last clause mark in its second half, else at MAX_SENTENCE."""
    bounded, start = [], 0
    for end in ends:
        while end - start > MAX_SENTENCE:
            marks = [m.end() for m in CLAUSE_MARK.finditer(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)]
            start = marks[-1] if marks else start + MAX_SENTENCE
            bounded.append(start)
        bounded.append(end)
        start = end
    return bounded


def _latin_end(text: str, m: re.Match) -> bool:
    """Whether a full stop (with any ! ? and closing marks) ends a sentence."""
    word_before = WORD_BEFORE.search(text[max(0, m.start() - 30):m.end()])
    before = word_before.group(1) if word_before else ""
    nxt = NEXT_WORD.match(text, m.end())
    following = nxt.group(2) if nxt else ""
    if not following:
        return True
    if following[:1].islower() or following[:1].isdigit() and before[-1:].isdigit():
        return False
    abbreviations, company, starters = _abbreviations()
    bare = before.lstrip("(\"'“")
    if bare in abbreviations or INITIALS.fullmatch(bare):
        return False
    if bare in company:
        # "Foo Inc. said" continues; "… Foo Inc. The company …" ends: only a word that usually
        # starts a sentence ends it after a company suffix.
        return following.strip("\"'“(") in starters
    return True
