"""A deal report's status from the words around its verb (status cues in deal_rules_*.yaml).

In this order: a promise scaled back or cancelled; a rumour cue anywhere in the sentence (据知情人士
透露, people familiar with the matter) → rumored; a past marker right before the verb (之前投资的,
has invested) → completed; else the cue nearest before the verb among in_talks, announced,
planned, completed. A sentence with no cue reports a deal as done: completed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .regex_starts import quick
from .vocab import alternation, vocabulary

STATUS_ORDER = ("scaled_back", "cancelled", "completed", "announced", "planned", "in_talks", "rumored")
NEAREST = ("in_talks", "announced", "planned", "completed")
_NOMINAL = re.compile(r"的(?:[^的,;。]{0,2})(?:投资|注资|出资|入股|收购)$")


@lru_cache(maxsize=None)
def _cues(language: str) -> dict:
    cues = vocabulary(f"deal_rules_{language}")["status_cues"]
    return {status: re.compile(alternation(words, escape=False)) for status, words in cues.items()}


@lru_cache(maxsize=None)
def _seen(language: str) -> dict:
    """The cues for whether (and where) one occurs: the same first match, found faster."""
    return {status: quick(pattern) for status, pattern in _cues(language).items()}


def status_of(view: str, sentence, verb_start: int, verb_end: int, language: str,
              hearsay_paragraph: bool = False) -> str:
    """verb_start/verb_end: view offsets of the rule's match; cues are read in its sentence.
    hearsay_paragraph: an earlier sentence of the paragraph cites unnamed sources (据知情人士透露):
    a sentence with no cue of its own reports hearsay too."""
    cues, seen = _cues(language), _seen(language)
    text = view[sentence.start:sentence.end]
    for status in ("scaled_back", "cancelled", "rumored"):
        if status in cues and seen[status].search(text):
            return status
    before = view[sentence.start:verb_start]
    inside = view[verb_start:verb_end]
    past = cues.get("past")
    # 微软对OpenAI的投资: a deal named as a noun is one the reader already knows, not the rumour.
    nominal = language == "zh" and _NOMINAL.search(inside)
    if hearsay_paragraph and not nominal and not (past and seen["past"].search(before[-8:] + inside)) \
            and not any(seen[s].search(text) for s in ("in_talks", "announced", "planned") if s in cues):
        return "rumored"
    clause_end = re.search(r"[,;。!?]", view[verb_end:sentence.end])
    after = view[verb_end:verb_end + (clause_end.start() if clause_end else sentence.end - verb_end)]
    if "in_talks" in cues and seen["in_talks"].search(after):
        return "in_talks"  # 展开投资谈判: talks named after the verb
    if "past" in cues and seen["past"].search(view[max(sentence.start, verb_start - 6):verb_end]):
        return "completed"
    best, best_at = None, -1
    for status in NEAREST:
        pattern = cues.get(status)
        if pattern is None:
            continue
        for m in pattern.finditer(before + inside):
            if m.start() > best_at:
                best, best_at = status, m.start()
    return best or "completed"


def hearsay(view: str, sentence) -> bool:
    """Whether the sentence cites unnamed sources (据知情人士透露, people familiar with the matter)."""
    language = "zh" if sentence.language == "zh" else "en"
    rumored = _seen(language).get("rumored")
    return bool(rumored and rumored.search(view, sentence.start, sentence.end))
