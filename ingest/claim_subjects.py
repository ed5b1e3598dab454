"""Which organization a claim is about: the subject-like organizations of a span, and what an
anaphor (该公司, 其, the company) points back to.

An organization is no subject when it is a source (据彭博社, 证券时报的数据), an object (对/向/包括…在内
英伟达) or a speaker (红杉估计…: what it says is a statement, not a fact about it).

The anaphora are resolved here rather than read from the text model's anaphor tokens: a claim's
subject is often a possessive (its data center revenue, 其2022年的亏损), which ingest/anaphora.py
does not resolve (it reads the subjects of deal sentences), and the antecedent must be a topic
organization (not a source or an object) of the sentences before.
"""
from __future__ import annotations

import re

# 包括微软和红杉资本在内 / 从…那里: inside a parenthetical object phrase
INCLUDED_TAIL = re.compile(r"^[^,。]{0,10}?(?:在内|那里|那儿)")
# Between a speaker and its verb: an adverb (还, 也, 则…) and a few words at most, no clause break.
BEFORE_SPEECH_VERB = re.compile(r'[^,。;"]*?(?:还|也|亦|则|便|就|曾|都|更)?[^,。;"]{0,10}')
POSSESSIVE_PRONOUNS = ("其", "its")
# Sentences an anaphor looks back over for its antecedent.
ANTECEDENT_REACH = 5


def is_source(reader, m, floor: int) -> bool:
    cues = reader.vocabulary.subject
    before = reader.view[max(floor, m.start - 14):m.start]
    after = reader.view[m.end:m.end + 8]
    return bool(cues.source_before.search(before) or cues.source_after.search(after))


def is_object(reader, m, floor: int) -> bool:
    view = reader.view
    if reader.vocabulary.subject.object_before.search(view[max(floor, m.start - 6):m.start]):
        return True
    return bool(INCLUDED_TAIL.match(view[m.end:m.end + 12])) and "包括" in view[max(floor, m.start - 20):m.start]


def is_speaker(reader, m) -> bool:
    after = reader.view[m.end:m.end + 16]
    hit = reader.vocabulary.speech.verbs.search(after)
    return bool(hit) and hit.start() <= 12 and BEFORE_SPEECH_VERB.fullmatch(after[:hit.start()]) is not None


def topic_orgs(reader, start: int, end: int, floor: int) -> list:
    """Organizations of [start, end) that can be a subject: not a source, not an object."""
    return [m for m in reader.orgs_in(start, end)
            if not is_source(reader, m, floor) and not is_object(reader, m, floor)]


def antecedent(reader, position: int) -> str | None:
    """The organization an anaphor at position points back at: the topic of its own sentence
    before it, else the topic of the nearest earlier sentence that has one."""
    sentence = reader.sentence_at(position)
    if sentence is None:
        return None
    own = topic_orgs(reader, sentence.start, position, sentence.start)
    if own:
        return own[0].name
    for previous in reversed(reader.sentences[max(0, sentence.index - ANTECEDENT_REACH):sentence.index]):
        found = topic_orgs(reader, previous.start, previous.end, previous.start)
        if found:
            return found[0].name
    return None


def anaphora_in(reader, start: int, end: int):
    """Anaphor matches of [start, end) that are not part of a name (云途科技公司) and, for 其, not
    part of a word (尤其, 其他, 其中, 其实)."""
    anaphora = reader.vocabulary.subject.anaphora
    if not anaphora.search(reader.view, start, end):
        return  # the common case: no anaphor, no names to set aside
    taken = [(m.start, m.end) for m in reader.orgs_in(start, end)]
    for m in anaphora.finditer(reader.view, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group() in POSSESSIVE_PRONOUNS and not _possessive(reader.view, m):
            continue
        yield m


def _possessive(view: str, m: re.Match) -> bool:
    return view[max(0, m.start() - 1):m.start()] not in "尤极" and view[m.end():m.end() + 1] not in "他它中实余次"


def subject_candidates(reader, start: int, end: int, floor: int, objects: bool = False) -> list[tuple[int, str]]:
    """(position, organization name) of the organizations and resolved anaphora of [start, end)
    that can be a subject; with objects, objects count too (the company whose shares are held)."""
    if objects:
        orgs = [m for m in reader.orgs_in(start, end) if not is_source(reader, m, floor)]
    else:
        orgs = topic_orgs(reader, start, end, floor)
    found = [(m.start, m.name) for m in orgs if not is_speaker(reader, m)]
    for m in anaphora_in(reader, start, end):
        name = antecedent(reader, m.start())
        if name:
            found.append((m.start(), name))
    return sorted(found)
