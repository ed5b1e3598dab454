"""The claim vocabulary (ingest/data/claims.yaml) compiled once.

Cues are matched against the claim reader's *folded view*: the text model's view (simplified,
NFKC-normalized, same offsets as the text) with ASCII letters in lower case. So a cue is written
once, in simplified Chinese or lower-case English, and matches traditional, full-width and
capitalised text alike; no pattern needs re.IGNORECASE, which would stop the regex engine from
skipping ahead to the characters a cue can start with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .regex_starts import quick
from .vocab import alternation, vocabulary

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
VALUE_KINDS = ("money", "percent", "count")


def fold(view: str) -> str:
    """view in lower case, character for character: same offsets. (str.lower is many times faster
    than a translation of A-Z; no character lowers to none, so an unchanged length means no
    character became two, like İ.)"""
    lowered = view.lower()
    return lowered if len(lowered) == len(view) else view.translate(ASCII_LOWER)


def _bounded(cue: str) -> str:
    """A Latin cue may not touch a letter (`up` never matches inside `startup`). The test before it
    sits after its first letter, so the cue still starts with a literal the engine can scan for."""
    if re.search(r"(?<!\\)[A-Z]", cue):
        raise ValueError(f"claims.yaml: {cue!r}: cues match a lower-cased view, write them in lower case")
    if not (cue.isascii() and cue[:1].isalpha()):
        return cue
    end_guard = "" if cue[-1:].isspace() else "(?![a-z])"
    if cue[1:2] and cue[1:2] not in "?*+{|":
        return f"{cue[0]}(?<![a-z].)(?:{cue[1:]}){end_guard}"
    return f"(?<![a-z])(?:{cue}){end_guard}"


def cue_pattern(cues, prefix: str = "", suffix: str = "") -> re.Pattern:
    """One pattern for a list of cue regexes, longest first, wrapped in prefix and suffix."""
    return re.compile(f"{prefix}(?:{alternation([_bounded(c) for c in cues], escape=False)}){suffix}")


def loose_pattern(cues) -> re.Pattern:
    """The cues without their guards, to search the whole view once for the sentences worth a
    closer look (ClaimReader.sentences_with): every match of a cue in a sentence is then inside or
    overlaps a match of this. A cue that looks ahead could match at a sentence's end and not in
    the whole view, so such cues are refused (and those that can match the empty string)."""
    for cue in cues:
        if re.search(r"\(\?[=!]|\$|\\[bBZ]", cue) or re.fullmatch(cue, ""):
            raise ValueError(f"claims.yaml: {cue!r}: a cue searched for in the whole view can neither look ahead "
                             "nor match nothing")
    return re.compile(alternation(cues, escape=False, word_chars=None))


# ---------------------------------------------------------------------------------------------
# Metric predicates

AFTER_PREFIX = r"^\s*(?:以上|以下|左右)?\s*的?\s*"  # 1.57亿美元的现金, 420亿美元以上的资产
GROWTH_SUFFIX = r"(?:了)?\s*(?:约|近|超过|逾|达|至|了)?\s*(?:by\s*)?$"


@dataclass(frozen=True)
class Predicate:
    name: str
    value: str                 # the kind of value it takes: money | percent | count
    before: re.Pattern | None  # cue written before the value
    after: re.Pattern | None   # cue written right after it
    around: tuple              # (prefix, suffix) cue pairs written around it
    subject: str               # first | nearest organization of the clause
    subject_after: bool        # the subject may follow the phrase
    subjectless: bool          # a market-level figure: no subject


@dataclass(frozen=True)
class MetricCues:
    predicates_of: dict        # value kind -> its predicates, in claims.yaml order
    predicates_before: dict    # value kind -> those with a cue written before the value
    # value kind -> one pattern per cue position that matches where any predicate's cue does:
    # one search tells whether the loop over the predicates can find anything. (Made quick: they
    # tell where a cue starts, not where it ends.)
    any_around: dict
    any_after: dict
    any_before: dict
    growth_up: re.Pattern
    growth_down: re.Pattern
    max_gap: int
    continue_words: re.Pattern
    from_words: re.Pattern
    comparison_before: re.Pattern


def _predicate(name: str, spec: dict) -> Predicate:
    if spec["value"] not in VALUE_KINDS:
        raise ValueError(f"claims.yaml: {name}: unknown value kind {spec['value']!r}")
    return Predicate(
        name, spec["value"],
        cue_pattern(spec["before"], suffix=r"\s*") if spec.get("before") else None,
        cue_pattern(spec["after"], prefix=AFTER_PREFIX) if spec.get("after") else None,
        tuple((cue_pattern([prefix], suffix=r"\s*$"), cue_pattern([suffix], prefix=r"^\s*"))
              for prefix, suffix in spec.get("around") or []),
        spec.get("subject", "first"), bool(spec.get("subject_after")), bool(spec.get("subjectless")))


def _any_cue(specs: list, key: str, prefix: str = "", suffix: str = "") -> re.Pattern | None:
    words = [w for spec in specs for w in (spec.get(key) or [])]
    if key == "around":
        words = [prefix_word for prefix_word, _ in words]
    return quick(cue_pattern(words, prefix, suffix)) if words else None


def _metric_cues(v: dict) -> MetricCues:
    specs = {kind: [s for s in v["predicates"].values() if s["value"] == kind] for kind in VALUE_KINDS}
    predicates_of = {kind: tuple(_predicate(n, s) for n, s in v["predicates"].items() if s["value"] == kind)
                     for kind in VALUE_KINDS}
    return MetricCues(
        predicates_of=predicates_of,
        predicates_before={kind: tuple(p for p in predicates if p.before is not None)
                           for kind, predicates in predicates_of.items()},
        any_around={k: _any_cue(s, "around", suffix=r"\s*$") for k, s in specs.items()},
        any_after={k: _any_cue(s, "after", prefix=AFTER_PREFIX) for k, s in specs.items()},
        any_before={k: _any_cue(s, "before", suffix=r"\s*") for k, s in specs.items()},
        growth_up=cue_pattern(v["growth"]["up"], suffix=GROWTH_SUFFIX),
        growth_down=cue_pattern(v["growth"]["down"], suffix=GROWTH_SUFFIX),
        max_gap=v["max_gap"],
        continue_words=cue_pattern(v["continue_words"], prefix=r"^\s*(?:已|已经|更是|则|并|将)?\s*", suffix=r"(?:了|到)?"),
        from_words=cue_pattern(v["from_words"], suffix=r"\s*$"),
        comparison_before=cue_pattern(v["comparison_before"], suffix=r"\s*$"),
    )


# ---------------------------------------------------------------------------------------------
# Who a claim is about, who says it, what is done to whom


@dataclass(frozen=True)
class SubjectCues:
    source_before: re.Pattern  # 据彭博社: a source, not a subject
    source_after: re.Pattern   # 证券时报的数据
    object_before: re.Pattern  # 对/向/包括 英伟达: an object
    anaphora: re.Pattern       # 该公司, 其, the company


@dataclass(frozen=True)
class SpeechCues:
    verbs: re.Pattern
    verb_words: re.Pattern     # the verbs, loose: which sentences can hold one
    not_after: re.Pattern
    not_before: re.Pattern
    pronouns: re.Pattern
    not_names: frozenset
    title_between: re.Pattern
    min_statement_chars: int
    quotes: dict


@dataclass(frozen=True)
class RegulatoryCues:
    actions: tuple             # (predicate, cue pattern), in priority order
    any_action: re.Pattern
    action_words: re.Pattern   # the cues, loose: which sentences can hold one
    not_followed_by: re.Pattern
    hypothetical: re.Pattern
    target_before: re.Pattern
    target_passive: re.Pattern
    authority: re.Pattern


def _subject_cues(v: dict) -> SubjectCues:
    return SubjectCues(
        source_before=cue_pattern(v["source_before"], suffix=r"[^,。;]{0,8}$"),
        source_after=cue_pattern(v["source_after"], prefix=r"^\)?\s*(?:等)?"),
        object_before=cue_pattern(v["object_before"], suffix=r'\s*[《"]?\s*(?:[\u4e00-\u9fff]{1,2}国)?$'),
        anaphora=cue_pattern(v["anaphora"]),
    )


BEFORE_PUNCTUATION = r'(?=\s*[,:。"]|\s*$)'


def _speech_cues(speech: dict, quotes: dict) -> SpeechCues:
    # Short verbs (说, 称) are speech only before punctuation or a quote: 也就是说, 被称为 are not.
    short = [f"{_bounded(c)}{BEFORE_PUNCTUATION}" for c in speech["short_verbs"]]
    any_verb = f"(?:{alternation([_bounded(c) for c in speech['verbs'] + speech['english']] + short, escape=False)})"
    titles = alternation([_bounded(c) for c in speech["titles"]], escape=False)
    return SpeechCues(
        verbs=re.compile(f"{any_verb}{any_verb}*"),  # not (...)+: a repeat first hides the first characters
        verb_words=loose_pattern(speech["verbs"] + speech["english"] + speech["short_verbs"]),
        not_after=cue_pattern(speech["not_after"], suffix=r"\s*$"),
        not_before=cue_pattern(speech["not_before"], prefix="^"),
        pronouns=cue_pattern(speech["pronouns"], suffix=r"(?![们])"),
        not_names=frozenset(speech["not_names"]),
        title_between=re.compile(rf'^[\s的]*(?:(?:[^,。;"]{{0,14}}?(?:{titles}))(?:\s*\([a-z]+\))?)?[\s的,]*$'),
        min_statement_chars=speech["min_statement_chars"],
        quotes=dict(quotes),
    )


def _regulatory_cues(reg: dict) -> RegulatoryCues:
    return RegulatoryCues(
        actions=tuple((name, cue_pattern(cues)) for name, cues in reg["predicates"].items()),
        any_action=cue_pattern([c for cues in reg["predicates"].values() for c in cues]),
        action_words=loose_pattern([c for cues in reg["predicates"].values() for c in cues]),
        not_followed_by=cue_pattern(reg["not_followed_by"], prefix="^"),
        hypothetical=cue_pattern(reg["hypothetical"]),
        target_before=cue_pattern(reg["target_before"], suffix=r"\s*$"),
        target_passive=cue_pattern(reg["target_passive"]),
        authority=cue_pattern(reg["authority"]),
    )


@dataclass(frozen=True)
class ClaimVocabulary:
    metric: MetricCues
    subject: SubjectCues
    speech: SpeechCues
    regulatory: RegulatoryCues


@lru_cache(maxsize=1)
def claim_vocabulary() -> ClaimVocabulary:
    v = vocabulary("claims")
    return ClaimVocabulary(_metric_cues(v), _subject_cues(v), _speech_cues(v["speech"], v["quotes"]),
                           _regulatory_cues(v["regulatory"]))
