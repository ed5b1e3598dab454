"""What organization discovery (ingest/org_discovery.py) reads: the word lists of org_rules.yaml
compiled once into one record, and the record of the names a text has accepted so far."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .orgs import CJK, rules, words_by_length
from .regex_starts import starts_of
from .vocab import alternation


@dataclass(frozen=True)
class Vocab:
    latin_name: re.Pattern
    latin_context_before: re.Pattern
    context_word_ends: frozenset  # the last characters of latin_context_before's words
    latin_suffix_after: re.Pattern
    latin_keep: frozenset
    latin_org_suffixes: frozenset
    company: re.Pattern
    company_max: int
    company_stop: re.Pattern
    industry: re.Pattern
    places: re.Pattern
    place_sets: tuple      # ((length, words), ...), longest first: a set lookup per length
    place_ends: frozenset  # their last characters: a quick test first
    delimiter_sets: tuple
    delimiter_ends: frozenset
    short: re.Pattern
    short_firsts: frozenset
    strong: frozenset
    weak_followers: re.Pattern
    reject_after: dict
    descriptor_stop: re.Pattern
    not_first: tuple
    descriptor_only: re.Pattern
    place_names: frozenset
    places_allowed_before: frozenset
    not_orgs: frozenset
    stop_first: frozenset
    product_code: re.Pattern
    context_after: re.Pattern
    context_before: re.Pattern
    context_before_starts: re.Pattern | None
    context_stop: re.Pattern
    context_left: tuple
    publication: re.Pattern
    before_bracket: re.Pattern
    alias_bracket: re.Pattern
    person_marker: re.Pattern
    surnames: frozenset
    first_names: frozenset
    en_after: re.Pattern
    en_apposition: re.Pattern
    en_raise_after: re.Pattern
    word: str
    latin_char: re.Pattern  # one character of latin_word_chars
    dot_set: frozenset  # name_dots


@lru_cache(maxsize=1)
def discovery_vocab() -> Vocab:
    r = rules()
    word = r["latin_word_chars"]
    head = r"(?:[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|\d+[A-Za-z][A-Za-z0-9]*)"
    tail = r"(?:[.&-][A-Za-z0-9]+|'(?!s\b)[A-Za-z0-9]+)*&?"
    # The first token: its first character, then the check on the one before (no Latin word
    # character, dot or hyphen), then the rest of head: so the engine can skip to letters and digits.
    first_head = r"(?:(?<=[A-Z])[A-Za-z0-9]*|(?<=[a-z])[a-z]*[A-Z][A-Za-z0-9]*|(?<=\d)\d*[A-Za-z][A-Za-z0-9]*)"
    abbreviation = "|".join(f"(?<={re.escape(a)})" for a in r["latin_abbreviations"])
    name = (f"[A-Za-z\\d](?<![{word}.-].){first_head}{tail}(?:[ ](?:&[ ])?{head}{tail}){{0,{r['latin_name_max_tokens'] - 1}}}"
            f"(?:(?:{abbreviation})\\.)?(?![{word}]|:[{word}])")
    short = r["zh_short_suffixes"]
    suffixes = r["zh_suffix_after_latin"]
    not_orgs = {w for words in r["not_orgs"].values() for w in words}
    context_before = re.compile(
        f"(?:{r['zh_name_after']})(?P<name>[{CJK}A-Za-z][{CJK}A-Za-z0-9]{{1,13}}?(?: [{CJK}A-Za-z0-9]{{1,8}})?)"
        f"(?=[,;。!?:、)\"(\n]|$| |{r['zh_name_end']})")
    return Vocab(
        latin_name=re.compile(name),
        latin_context_before=re.compile(
            f"(?:(?:{alternation(r['zh_context_before_latin'])})\\s*|(?:{alternation(r['zh_deal_verbs'])})\\s*"
            f"|(?<![{word}])(?:{alternation(r['en_deal_verbs'])})\\s+)$"),
        context_word_ends=frozenset(w[-1] for key in ("zh_context_before_latin", "zh_deal_verbs", "en_deal_verbs")
                                    for w in r[key]),
        latin_suffix_after=re.compile(f"\\s*({alternation(suffixes['keep'] + suffixes['head'])})"),
        latin_keep=frozenset(suffixes["keep"]),
        latin_org_suffixes=frozenset(r["latin_org_suffixes"]),
        company=re.compile(alternation(r["zh_company_suffixes"])),
        company_max=r["zh_company_max_length"],
        company_stop=re.compile(alternation(r["zh_company_stop"])),
        industry=re.compile(f"(?:{alternation(r['zh_industry_words'])})+$"),
        places=re.compile(f"^(?:{alternation(r['zh_place_prefixes'])})"),
        place_sets=words_by_length(r["zh_place_prefixes"]),
        place_ends=frozenset(w[-1] for w in r["zh_place_prefixes"]),
        delimiter_sets=words_by_length(r["zh_left_delimiters"]),
        delimiter_ends=frozenset(w[-1] for w in r["zh_left_delimiters"]),
        short=re.compile(alternation(short["strong"] + short["weak"])),
        short_firsts=frozenset(w[0] for w in short["strong"] + short["weak"]),
        strong=frozenset(short["strong"]),
        weak_followers=re.compile(r["zh_weak_suffix_followers"]),
        reject_after={suffix: tuple(words) for suffix, words in r["zh_short_reject_after"].items()},
        descriptor_stop=re.compile(alternation(r["zh_descriptor_stop"])),
        not_first=tuple(d for d in r["zh_left_delimiters"] if len(d) > 1) + tuple(r["zh_never_first"]),
        descriptor_only=re.compile(f"(?:{alternation(r['zh_descriptor_words'] + r['zh_place_prefixes'] + r['not_orgs']['places'])})*"),
        place_names=frozenset(r["not_orgs"]["places"]),
        places_allowed_before=frozenset(r["places_allowed_before"]),
        not_orgs=frozenset(not_orgs),
        stop_first=frozenset(r["latin_name_stop_first"]),
        product_code=re.compile(r["product_code_pattern"]),
        context_after=re.compile(alternation(r["zh_name_before"])),
        context_before=context_before,
        context_before_starts=starts_of(context_before),
        context_stop=re.compile(alternation(r["zh_context_name_stop"])),
        context_left=tuple(r["zh_context_left"]),
        publication=re.compile(r["zh_publication"]),
        before_bracket=re.compile(r["zh_name_before_bracket"]),
        alias_bracket=re.compile(r["alias_bracket"]),
        person_marker=re.compile(r["person_marker"]),
        surnames=frozenset(r["person_surnames"]),
        first_names=frozenset(r["person_first_names"]),
        en_after=re.compile(f" (?:{alternation(r['en_name_before'])})"),
        en_apposition=re.compile(r["en_apposition"]),
        en_raise_after=re.compile(r["en_raise_after"]),
        word=word,
        latin_char=re.compile(f"[{word}]"),
        dot_set=frozenset(r["name_dots"]),
    )


class Spans:
    """Accepted mentions, and which characters they cover."""

    def __init__(self, length: int):
        self.covered = bytearray(length + 1)
        self.items: list[tuple[int, int, str, bool]] = []
        self.spans: set = set()  # (start, end) of every item
        self.weak: set = set()  # spans found by a weak suffix alone

    def free(self, a: int, b: int) -> bool:
        return self.covered.find(1, a, b) == -1

    def add(self, a: int, b: int, name: str, in_gazetteer: bool) -> bool:
        if a >= b or not self.free(a, b):
            return False
        self.covered[a:b] = b"\x01" * (b - a)
        self.items.append((a, b, name, in_gazetteer))
        self.spans.add((a, b))
        return True

    def trusted(self, a: int, b: int) -> bool:
        """Whether the mention at text[a:b] is known or was found by more than a weak suffix
        (电动汽车 names an industry as often as a company: it cannot vouch for a list)."""
        return (a, b) not in self.weak

    def exactly(self, a: int, b: int) -> bool:
        """Whether one accepted mention covers exactly text[a:b]."""
        return (a, b) in self.spans

    def remove(self, a: int, b: int) -> None:
        self.items = [item for item in self.items if not (item[0] == a and item[1] == b)]
        self.spans.discard((a, b))
        self.covered[a:b] = b"\x00" * (b - a)
