"""Claims: metric claims about an organization, attributed statements and regulatory actions.

extract_claims is pure: it reads the clean text, the document's date and what the other
extractors found (organization and person mentions, amounts), and returns claim dicts whose
evidence is verbatim text: text[char_start:char_end] == evidence. Every cue word lives in
ingest/data/claims.yaml; docs/claims.md explains the rules.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .resources import load_vocabulary
from .sentences import first_char_guard, split_sentences

CLAUSE_BREAK = re.compile(r"[,，;；:：]")
_ASCII = re.compile(r"^[\x00-\x7f]*$")
# Compiled once: they run for every verb, value or mention.
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_INCLUDED_TAIL = re.compile(r"^[^，,。]{0,10}?(?:在内|那里|那儿)")
_BEFORE_SPEECH_VERB = re.compile(r"[^，,。；;“”「」]*?(?:还|也|亦|则|便|就|曾|都|更)?[^，,。；;“”「」]{0,10}")
_SENTENCE_STOP = re.compile(r"[。；;]")
_COMMA = re.compile(r"[,，]")
_ATTRIBUTED = re.compile(r"^\s*(?:据|根据)")


# ----------------------------------------------------------------------------------------------
# Vocabulary


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2twp")]


def _forms(word: str) -> list[str]:
    """A simplified cue and its traditional forms (營收 for 营收)."""
    if _ASCII.match(word):
        return [word]
    forms = [word]
    for converter in _opencc():
        converted = converter.convert(word)
        if converted not in forms:
            forms.append(converted)
    return forms


def _alternation(words) -> str:
    parts = []
    for word in words:
        for form in _forms(word):
            if _ASCII.match(form) and re.match(r"[A-Za-z]", form):
                form = f"(?<![A-Za-z])(?:{form})(?![A-Za-z])"
            parts.append(form)
    parts.sort(key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"


def _compile(words, prefix="", suffix="") -> re.Pattern:
    return first_char_guard(re.compile(prefix + _alternation(words) + suffix, re.IGNORECASE))


@dataclass(frozen=True)
class _Predicate:
    name: str
    value: str
    before: re.Pattern | None
    after: re.Pattern | None
    around: tuple
    subject: str
    subject_after: bool
    subjectless: bool


@dataclass(frozen=True)
class _Vocab:
    predicates: tuple
    growth_up: re.Pattern
    growth_down: re.Pattern
    max_gap: int
    continue_words: re.Pattern
    from_words: re.Pattern
    source_before: re.Pattern
    source_after: re.Pattern
    object_before: re.Pattern
    anaphora: re.Pattern
    comparison_before: re.Pattern
    verbs: re.Pattern
    not_after: re.Pattern
    not_before: re.Pattern
    pronouns: re.Pattern
    not_names: frozenset
    title_between: re.Pattern
    min_statement_chars: int
    quotes: dict
    regulatory: tuple        # (predicate, pattern) in priority order
    any_regulatory: re.Pattern | None  # matches where any of them does (see _union)
    # By value kind: its predicates in order, and the union of their around prefixes, after and
    # before cues.
    predicates_of: dict
    around_any: dict
    after_any: dict
    before_any: dict
    reg_not_followed: re.Pattern
    hypothetical: re.Pattern
    target_before: re.Pattern
    target_passive: re.Pattern
    authority: re.Pattern
    reported_verbs: re.Pattern


@lru_cache(maxsize=1)
def vocabulary() -> _Vocab:
    v = load_vocabulary("claims")
    predicates = []
    for name, spec in v["predicates"].items():
        if spec["value"] not in ("money", "percent", "count"):
            raise ValueError(f"claims.yaml: {name}: unknown value kind {spec['value']!r}")
        predicates.append(_Predicate(
            name, spec["value"],
            _compile(spec["before"], suffix=r"\s*") if spec.get("before") else None,
            _compile(spec["after"], prefix=r"^\s*(?:以上|以下|左右)?\s*的?\s*") if spec.get("after") else None,
            tuple((_compile([p], suffix=r"\s*$"), _compile([s], prefix=r"^\s*"))
                  for p, s in spec.get("around") or []),
            spec.get("subject", "first"), bool(spec.get("subject_after")),
            bool(spec.get("subjectless"))))
    speech = v["speech"]
    verbs = [_alternation(speech["verbs"]),
             _alternation(speech["short_verbs"]) + r"(?=\s*[,，:：。“「\"]|\s*$)",
             _alternation(speech["english"])]
    reg = v["regulatory"]
    regulatory = tuple((name, _compile(words)) for name, words in reg["predicates"].items())
    return _Vocab(
        predicates=tuple(predicates),
        growth_up=_compile(v["growth"]["up"], suffix=r"(?:了)?\s*(?:约|近|超过|逾|达|至|了)?\s*(?:by\s*)?$"),
        growth_down=_compile(v["growth"]["down"], suffix=r"(?:了)?\s*(?:约|近|超过|逾|达|至|了)?\s*(?:by\s*)?$"),
        max_gap=v["max_gap"],
        continue_words=_compile(v["continue_words"], prefix=r"^\s*(?:已|已经|更是|则|并|将)?\s*", suffix=r"(?:了|到)?"),
        from_words=_compile(v["from_words"], suffix=r"\s*$"),
        source_before=_compile(v["source_before"], suffix=r"[^，,。；;]{0,8}$"),
        source_after=_compile(v["source_after"], prefix=r"^[)）]?\s*(?:等)?"),
        object_before=_compile(v["object_before"], suffix=r"\s*[「《“\"]?\s*(?:[\u4e00-\u9fff]{1,2}国)?$"),
        anaphora=_compile(v["anaphora"]),
        comparison_before=_compile(v["comparison_before"], suffix=r"\s*$"),
        verbs=first_char_guard(re.compile("(?:" + "|".join(verbs) + ")+", re.IGNORECASE)),
        not_after=_compile(speech["not_after"], suffix=r"\s*$"),
        not_before=_compile(speech["not_before"], prefix="^"),
        pronouns=_compile(speech["pronouns"], suffix=r"(?![们們])"),
        not_names=frozenset(speech["not_names"]),
        title_between=re.compile(r"^[\s的]*(?:(?:[^，,。；;“”「」]{0,14}?" + _alternation(speech["titles"])
                                 + r")(?:\s*[（(][A-Za-z]+[)）])?)?[\s的,]*$", re.IGNORECASE),
        min_statement_chars=speech["min_statement_chars"],
        quotes=dict(v["quotes"]),
        regulatory=regulatory,
        any_regulatory=_union(p for _, p in regulatory),
        predicates_of={kind: tuple(p for p in predicates if p.value == kind)
                       for kind in dict.fromkeys(p.value for p in predicates)},
        around_any=_by_kind(predicates, lambda p: [prefix for prefix, _ in p.around]),
        after_any=_by_kind(predicates, lambda p: [p.after] if p.after else []),
        before_any=_by_kind(predicates, lambda p: [p.before] if p.before else []),
        reg_not_followed=_compile(reg["not_followed_by"], prefix="^"),
        hypothetical=_compile(reg["hypothetical"]),
        target_before=_compile(reg["target_before"], suffix=r"\s*$"),
        target_passive=_compile(reg["target_passive"]),
        authority=_compile(reg["authority"]),
        reported_verbs=_compile(reg["reported_verbs"]),
    )


def _union(patterns) -> re.Pattern | None:
    """A pattern that matches at a position iff one of patterns does there (same string, same
    bounds): one search tells whether a loop over them can find anything. None when there is
    nothing to join or joining could change them (groups, different flags)."""
    patterns = list(patterns)
    if not patterns or any(p.groups for p in patterns) or len({p.flags for p in patterns}) != 1:
        return None
    return first_char_guard(re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags))


def _by_kind(predicates, cues) -> dict:
    """value kind -> _union of cues(predicate) over the predicates of that kind."""
    kinds = dict.fromkeys(p.value for p in predicates)
    return {kind: _union(c for p in predicates if p.value == kind for c in cues(p)) for kind in kinds}


# ----------------------------------------------------------------------------------------------
# Numbers that are not money: percents, shares in 成, counts

# The number patterns below start with a digit or a few characters: first_char_guard lets the
# regex engine skip the other positions quickly.
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PERCENT = first_char_guard(re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|％|个百分点|個百分點|percent|per cent)"
    r"|(?P<c>\d+|[一二两三四五六七八九十])\s*成(?![本为功立长])"
    r"|百分之(?P<p>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"))
COUNT = first_char_guard(re.compile(
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<m>万|萬|千|亿|億)?\s*(?P<u>块|塊|张|張|个|個|颗|顆|枚)"
    r"|(?P<e>\d[\d,]*(?:\.\d+)?)(?=\s+(?:Nvidia\s+)?(?:H100s|GPUs|chips))"))
_MULT = {"万": 1e4, "萬": 1e4, "千": 1e3, "亿": 1e8, "億": 1e8, None: 1}
# What every PERCENT / COUNT match holds (the number's last character and what follows it, 百分之,
# a count's digits up to its unit): a span where these find nothing holds no match. Each starts
# with one character set (what is matched is then checked by a lookbehind), so the regex engine
# skips through the text by that set.
PERCENT_GATE = re.compile(r"[\d一二两三四五六七八九十百](?:(?<=\d)\s*(?:%|％|个百分点|個百分點|percent|per cent)"
                          r"|(?<=[\d一二两三四五六七八九十])\s*成|(?<=百)分之)")
COUNT_GATE = re.compile(r"[\d,](?:(?<=\d)[\d,.\s万萬千亿億]*[块塊张張个個颗顆枚]"
                        r"|\s+(?:Nvidia\s+)?(?:H100s|GPUs|chips))")
QUARTER = first_char_guard(re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<rel>今年|去年|明年)?\s*第?(?P<q>[一二三四1-4])\s*季度"))
PERIOD = first_char_guard(re.compile(
    r"(?P<fy>(?:19|20)\d{2})\s*(?:财年|財年|财政年度|財政年度)|FY\s?(?P<fy2>20\d{2})|fiscal(?: year)? (?P<fy3>20\d{2})"
    r"|(?P<since>自|从|從|since )\s*(?P<sy>(?:19|20)\d{2})\s*年?"
    r"|(?P<y>(?:19|20)\d{2})\s*(?:年|年度)(?!\d)|(?:in |of )(?P<ey>(?:19|20)\d{2})(?!\d)"
    r"|(?P<rel>今年|去年|前年|明年)"))
_RELATIVE = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _cn_number(s: str) -> float:
    if s.isdigit():
        return float(s)
    if s == "十":
        return 10.0
    if s.startswith("十"):
        return 10.0 + _CN_DIGITS[s[1]]
    if len(s) == 2 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10.0
    if len(s) == 3 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10.0 + _CN_DIGITS[s[2]]
    return float(_CN_DIGITS[s[0]])


def _percent_value(m: re.Match) -> float:
    if m.group("n"):
        return float(m.group("n"))
    if m.group("c"):
        return _cn_number(m.group("c")) * 10
    return _cn_number(m.group("p"))


# ----------------------------------------------------------------------------------------------
# The document being read


@dataclass
class _Value:
    start: int
    end: int
    kind: str            # money | percent | count
    amount_index: int | None = None
    number: float | None = None
    unit: str | None = None


class _Doc:
    def __init__(self, text, document, orgs, people, amounts):
        self.text = text
        self.date = (document or {}).get("published_on")
        self.year = int(self.date[:4]) if self.date else None
        self.orgs = sorted(orgs, key=lambda m: m["char_start"])
        self.people = sorted(people, key=lambda m: m["char_start"])
        self.amounts = amounts
        self.sentences = split_sentences(text)
        self.v = vocabulary()
        self.quotes = self._quote_spans()
        # Start offsets to bisect: the readers ask for the mentions of a span thousands of times.
        self._org_starts = [m["char_start"] for m in self.orgs]
        self._org_max_ends = list(accumulate((m["char_end"] for m in self.orgs), max))
        self._people_starts = [m["char_start"] for m in self.people]
        starts = [a["char_start"] for a in amounts]
        self._amount_starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None
        self._sentence_starts = [s.start for s in self.sentences]  # sorted, sentences do not overlap
        self.value_gates = (_gate_spans(PERCENT_GATE, text), _gate_spans(COUNT_GATE, text))  # _values

    # -- sentences and clauses
    def sentence_at(self, pos: int):
        i = self.sentence_index(pos)
        return self.sentences[i] if i >= 0 else None

    def sentence_index(self, pos: int) -> int:
        i = bisect_right(self._sentence_starts, pos) - 1
        return i if i >= 0 and pos < self.sentences[i].end else -1

    def amounts_starting(self, start: int, end: int) -> list[int]:
        """Indexes of the amounts that start in [start, end), in list order."""
        if self._amount_starts is None:  # not in text order: read them all
            return [i for i, a in enumerate(self.amounts) if start <= a["char_start"] < end]
        return list(range(bisect_left(self._amount_starts, start), bisect_left(self._amount_starts, end)))

    def clause_start(self, sentence, pos: int) -> int:
        start = sentence.start
        for m in CLAUSE_BREAK.finditer(self.text, sentence.start, pos):
            start = m.end()
        return start

    def clause_end(self, sentence, pos: int) -> int:
        m = CLAUSE_BREAK.search(self.text, pos, sentence.end)
        return m.start() if m else sentence.end

    # -- quotes
    def _quote_spans(self):
        spans = []
        for opening, closing in self.v.quotes.items():
            i = 0
            while True:
                a = self.text.find(opening, i)
                if a < 0:
                    break
                b = self.text.find(closing, a + 1)
                if b < 0 or "\n\n" in self.text[a:b]:
                    i = a + 1
                    continue
                spans.append((a, b + 1))
                i = b + 1
        return sorted(spans)

    def inside_quote(self, pos: int) -> bool:
        return any(a < pos < b - 1 for a, b in self.quotes if b - a > 8)

    def quote_opening_at(self, pos: int):
        for a, b in self.quotes:
            if a == pos:
                return a, b
        return None

    # -- organizations
    def orgs_in(self, start: int, end: int):
        """Organization mentions within [start, end), in text order."""
        return [m for m in self.orgs[bisect_left(self._org_starts, start):bisect_right(self._org_starts, end)]
                if m["char_end"] <= end]

    def in_org(self, pos: int) -> bool:
        """Whether an organization mention covers pos."""
        k = bisect_right(self._org_starts, pos)
        return k > 0 and self._org_max_ends[k - 1] > pos

    def people_in(self, start: int, end: int):
        """Person mentions within [start, end), in text order."""
        return [p for p in self.people[bisect_left(self._people_starts, start):bisect_right(self._people_starts, end)]
                if p["char_end"] <= end]

    def is_source(self, m, floor: int) -> bool:
        before = self.text[max(floor, m["char_start"] - 14):m["char_start"]]
        after = self.text[m["char_end"]:m["char_end"] + 8]
        return bool(self.v.source_before.search(before) or self.v.source_after.search(after))

    def is_object(self, m, floor: int) -> bool:
        before = self.text[max(floor, m["char_start"] - 6):m["char_start"]]
        if self.v.object_before.search(before):
            return True
        # 包括微软和红杉资本在内 / 从…那里: inside a parenthetical object phrase
        tail = self.text[m["char_end"]:m["char_end"] + 12]
        return bool(_INCLUDED_TAIL.match(tail)) and \
            "包括" in self.text[max(floor, m["char_start"] - 20):m["char_start"]]

    def is_speaker(self, m) -> bool:
        after = self.text[m["char_end"]:m["char_end"] + 16]
        hit = self.v.verbs.search(after)
        return bool(hit) and _BEFORE_SPEECH_VERB.fullmatch(after[:hit.start()]) is not None and hit.start() <= 12

    def topic_orgs(self, start: int, end: int, floor: int):
        """Organizations of text[start:end] that can be a subject: not a source, not an object."""
        return [m for m in self.orgs_in(start, end)
                if not self.is_source(m, floor) and not self.is_object(m, floor)]

    def antecedent(self, pos: int) -> str | None:
        """The organization an anaphor at pos (该公司, 其, 这家巨头) points back at: the topic of its
        own sentence before it, else the topic of the nearest earlier sentence that has one."""
        i = self.sentence_index(pos)
        if i < 0:
            return None
        s = self.sentences[i]
        own = self.topic_orgs(s.start, pos, s.start)
        if own:
            return own[0]["name"]
        for j in range(i - 1, max(-1, i - 6), -1):
            prev = self.sentences[j]
            found = self.topic_orgs(prev.start, prev.end, prev.start)
            if found:
                return found[0]["name"]
        return None

    def subject_candidates(self, start: int, end: int, floor: int, objects: bool = False):
        """(position, org name) of organizations and resolved anaphora in text[start:end]."""
        orgs = [m for m in self.orgs_in(start, end) if not self.is_source(m, floor)] if objects \
            else self.topic_orgs(start, end, floor)
        found = [(m["char_start"], m["name"]) for m in orgs if not self.is_speaker(m)]
        taken = [(m["char_start"], m["char_end"]) for m in self.orgs_in(start, end)]
        for m in self.v.anaphora.finditer(self.text, start, end):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if m.group() in ("其", "its") and not self._pronoun_ok(m):
                continue
            name = self.antecedent(m.start())
            if name:
                found.append((m.start(), name))
        return sorted(found)

    def _pronoun_ok(self, m) -> bool:
        # 其 as a possessive (其2022年的亏损, 其GPU集群), not inside words (尤其, 其他, 其中, 其实)
        before = self.text[m.start() - 1:m.start()]
        after = self.text[m.end():m.end() + 1]
        return before not in "尤极" and after not in "他它中实余次"

    # -- periods
    def period_after(self, sentence, pos: int) -> str | None:
        """A period written right after a value, in its clause (… to $62.3 billion in fiscal 2026)."""
        end = min(self.clause_end(sentence, pos), pos + 24)
        window = self.text[pos:end]
        if not re.match(r"^\s*(?:in|for|during|of)\b", window):
            return None
        return self.period_before(sentence, end, pos)

    def period_before(self, sentence, pos: int, floor: int) -> str | None:
        best = None
        for m in QUARTER.finditer(self.text, max(floor, sentence.start), pos):
            year = m.group("y")
            if not year and m.group("rel") and self.year:
                year = str(self.year + _RELATIVE[m.group("rel")])
            best = (m.start(), f"{year}-Q{_QUARTERS[m.group('q')]}" if year else f"Q{_QUARTERS[m.group('q')]}")
        for m in PERIOD.finditer(self.text, max(floor, sentence.start), pos):
            if self.v.comparison_before.search(self.text[max(sentence.start, m.start() - 4):m.start()]):
                continue
            if best and best[0] <= m.start() < best[0] + 12 and "季度" in self.text[m.start():m.start() + 12]:
                continue
            value = None
            if m.group("fy") or m.group("fy2") or m.group("fy3"):
                value = "FY" + (m.group("fy") or m.group("fy2") or m.group("fy3"))
            elif m.group("since"):
                value = f"since {m.group('sy')}"
            elif m.group("y") or m.group("ey"):
                value = m.group("y") or m.group("ey")
            elif m.group("rel") and self.year:
                value = str(self.year + _RELATIVE[m.group("rel")])
            if value and (best is None or m.start() >= best[0]):
                best = (m.start(), value)
        return best[1] if best else None


# ----------------------------------------------------------------------------------------------
# Statements


def _claim(**fields) -> dict:
    base = {"kind": None, "subject": None, "predicate": None, "amount_index": None, "number": None,
            "unit": None, "period": None, "speaker": None, "speaker_person": None,
            "speaker_org": None, "statement": None, "evidence": None, "char_start": None,
            "char_end": None, "source": "extracted"}
    base.update(fields)
    return base


def _evidence(d: _Doc, start: int, end: int) -> tuple[str, int, int]:
    """The sentences covering text[start:end], verbatim, with their offsets."""
    first = d.sentence_at(start) or d.sentence_at(max(0, start - 1))
    last = d.sentence_at(max(start, end - 1)) or first
    a, b = first.start, max(last.end, first.end)
    return d.text[a:b], a, b


def _affiliation(d: _Doc, person: dict, sentence) -> str | None:
    """The organization named with the person: 英伟达首席执行官（CEO）黄仁勋, 红杉资本合伙人的戴维·卡恩,
    in this sentence, else with another mention of the same person in the document."""
    def adjacent(p):
        s = d.sentence_at(p["char_start"])
        floor = s.start if s else 0
        window = max(floor, p["char_start"] - 28)
        for m in reversed(d.orgs_in(window, p["char_start"])):
            if d.v.title_between.match(d.text[m["char_end"]:p["char_start"]]):
                return m["name"]
            break
        for a in reversed(list(d.v.anaphora.finditer(d.text, window, p["char_start"]))):
            if a.group() not in ("其", "its") and d.v.title_between.match(d.text[a.end():p["char_start"]]):
                return d.antecedent(a.start())
            break
        return None

    def apposition(p):
        # English: Dario Amodei, chief executive of Anthropic
        s = d.sentence_at(p["char_start"])
        end = s.end if s else len(d.text)
        for m in d.orgs_in(p["char_end"], min(end, p["char_end"] + 48)):
            between = d.text[p["char_end"]:m["char_start"]]
            if re.fullmatch(r",\s*(?:the\s+|a\s+)?[A-Za-z \-]{0,30}?\s+(?:of|at)\s+", between) and \
                    d.v.title_between.match(between.strip(", ").rsplit(" ", 1)[0]):
                return m["name"]
            break
        return None

    found = adjacent(person) or apposition(person)
    if found:
        return found
    for other in d.people:
        if other["name"] == person["name"] and other is not person:
            found = adjacent(other) or apposition(other)
            if found:
                return found
    return None


_LATIN_NAME = first_char_guard(re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?![A-Za-z])"))


def _speaker(d: _Doc, sentence, clause_from: int, verb_start: int, verb_end: int, english: bool):
    """Who says it: (speaker as written, person name, org name, start) or None."""
    v = d.v
    region = (clause_from, verb_start)
    people = d.people_in(*region)
    if english and not people:
        # those starting within three characters after the verb, wherever they end
        after = d.people[bisect_left(d._people_starts, verb_end):bisect_right(d._people_starts, verb_end + 3)]
        people = after[:1]
    if people:
        last = people[-1]
        first = last
        for p in reversed(people[:-1]):
            if p["name"] == last["name"] and p["char_end"] >= first["char_start"] - 3:
                first = p
        return first["surface"], first["name"], _affiliation(d, first, sentence), first["char_start"]
    names = [m for m in _LATIN_NAME.finditer(d.text, *region)
             if m.group() not in v.not_names
             and not d.in_org(m.start())]
    if names:
        m = names[-1]
        return m.group(), None, None, m.start()
    pronouns = list(v.pronouns.finditer(d.text, *region))
    if pronouns:
        p = pronouns[-1]
        # those starting after the pronoun cannot end before it
        candidates = d.people[:bisect_right(d._people_starts, p.start())]
        earlier = [q for q in candidates if q["char_end"] <= p.start() and p.start() - q["char_end"] < 600]
        if earlier:
            q = earlier[-1]
            first = q
            for r in reversed(earlier[:-1]):
                if r["name"] == q["name"] and r["char_end"] >= first["char_start"] - 3:
                    first = r
            return first["surface"], first["name"], _affiliation(d, first, sentence), p.start()
        return None
    orgs = [m for m in d.orgs_in(*region) if not d.is_object(m, sentence.start)
            and not v.source_before.search(d.text[max(sentence.start, m["char_start"] - 3):m["char_start"]])]
    if orgs:
        last = orgs[-1]
        first = last
        for m in reversed(orgs[:-1]):
            if m["name"] == last["name"] and m["char_end"] >= first["char_start"] - 3:
                first = m
        return first["surface"], None, first["name"], first["char_start"]
    anaphora = [a for a in v.anaphora.finditer(d.text, *region) if a.group() not in ("其", "its")]
    if anaphora:
        name = d.antecedent(anaphora[-1].start())
        if name:
            return anaphora[-1].group(), None, name, anaphora[-1].start()
    return None


def _statements(d: _Doc) -> list[dict]:
    v = d.v
    out = []
    for sentence in d.sentences:
        for verb in v.verbs.finditer(d.text, sentence.start, sentence.end):
            vs, ve = verb.span()
            english = bool(_LATIN_LETTER.match(verb.group()))
            if d.inside_quote(vs):
                continue
            if v.not_after.search(d.text[max(sentence.start, vs - 4):vs]):
                continue
            if not english and v.not_before.match(d.text[ve:ve + 1]):
                continue
            clause_from = d.clause_start(sentence, vs)
            # a quote written right before the speaker: “…”，英伟达CEO黄仁勋…表示。
            quote_before = None
            for a, b in d.quotes:
                if b <= vs and b > sentence.start - 400 and not _SENTENCE_STOP.search(d.text[b:vs]) \
                        and len(_COMMA.findall(d.text[b:vs])) <= (1 if d.text[b:b + 1] in ",，" else 0) + (1 if english else 0):
                    quote_before = (a, b)
            if quote_before:
                clause_from = max(clause_from, quote_before[1])
            pre = d.text[clause_from:vs]
            attributed = _ATTRIBUTED.match(pre)
            found = _speaker(d, sentence, clause_from, vs, ve, english)
            if found is None and not attributed:
                # the subject of an earlier clause of the sentence (阿莫代就在达沃斯论坛上,…,将…比作“…”)
                earlier = d.people_in(sentence.start, clause_from)
                if earlier:
                    found = _speaker(d, sentence, earlier[-1]["char_start"], earlier[-1]["char_end"], ve, english)
            if found is None or (attributed and found[1] is None):
                continue
            speaker, person, org, speaker_start = found
            # what is said: the words after the verb, or the quote before the speaker
            content_start = ve
            while content_start < sentence.end and d.text[content_start] in " ,，:：\t":
                content_start += 1
            content_end = sentence.end
            while content_end > content_start and d.text[content_end - 1] in "。.!！?？ ":
                content_end -= 1
            statement = None
            span_start, span_end = min(speaker_start, vs), content_end
            opening = d.quote_opening_at(content_start)
            if english and quote_before and speaker_start >= ve:
                statement = d.text[quote_before[0] + 1:quote_before[1] - 1]
                span_start = quote_before[0]
                content_start = content_end = quote_before[1]
            elif opening and content_end - content_start > 0:
                a, b = opening
                statement = d.text[a + 1:b - 1]
                span_end = max(span_end, b)
                if quote_before:
                    statement = d.text[quote_before[0] + 1:quote_before[1] - 1] + "……" + statement
                    span_start = quote_before[0]
            elif content_end - content_start >= v.min_statement_chars:
                end = content_end
                for a, b in d.quotes:
                    if content_start <= a < content_end < b:
                        end = b
                statement = d.text[content_start:end].strip()
                span_end = max(span_end, end)
            elif quote_before:
                statement = d.text[quote_before[0] + 1:quote_before[1] - 1]
                span_start = quote_before[0]
            if not statement or len(statement.strip("“”「」\"' ")) < v.min_statement_chars:
                continue
            statement = statement.strip().rstrip("。，,.")
            evidence, a, b = _evidence(d, span_start, span_end)
            amounts = [i for i in d.amounts_starting(content_start, span_end)
                       if (am := d.amounts[i]).get("converts") is None
                       and not (quote_before and quote_before[0] <= am["char_start"] < quote_before[1])]
            if quote_before and not opening and content_end - content_start < v.min_statement_chars:
                amounts = [i for i in d.amounts_starting(quote_before[0], quote_before[1])
                           if d.amounts[i].get("converts") is None]
            out.append(_claim(kind="statement", speaker=speaker, speaker_person=person, speaker_org=org,
                              statement=statement, amount_index=amounts[0] if len(amounts) == 1 else None,
                              evidence=evidence, char_start=a, char_end=b,
                              _content=(content_start, span_end), _verb=(vs, ve)))
    return out


# ----------------------------------------------------------------------------------------------
# Regulatory actions


def _regulatory(d: _Doc, statements: list[dict]) -> tuple[list[dict], set]:
    v = d.v
    out, absorbed = [], set()
    for sentence in d.sentences:
        if v.any_regulatory and not v.any_regulatory.search(d.text, sentence.start, sentence.end):
            continue  # no cue at all: one search instead of one per predicate
        hit = None
        for name, pattern in v.regulatory:
            for m in pattern.finditer(d.text, sentence.start, sentence.end):
                if v.reg_not_followed.match(d.text[m.end():m.end() + 4]):
                    continue
                hit = (name, m)
                break
            if hit:
                break
        if not hit:
            continue
        name, cue = hit
        if v.hypothetical.search(d.text[sentence.start:cue.start()]):
            continue
        # the statement that reports it, if any (彭博社…报道称, …)
        reporter = None
        for i, st in enumerate(statements):
            a, b = st["_content"]
            if a <= cue.start() < b:
                reporter = i
        floor = statements[reporter]["_content"][0] if reporter is not None else sentence.start
        target = None
        for m in d.orgs_in(floor, sentence.end):
            if m["kind"] in ("government", "regulator"):
                continue
            before = d.text[max(floor, m["char_start"] - 4):m["char_start"]]
            after = d.text[m["char_end"]:cue.start()] if m["char_end"] <= cue.start() else ""
            if v.target_before.search(before) or (m["char_end"] <= cue.start()
                                                  and v.target_passive.search(after)):
                target = m
                break
            if m["char_start"] >= cue.end() and m["char_start"] - cue.end() <= 20 and \
                    _LATIN_LETTER.match(cue.group()):
                target = m
                break
        if target is None:
            continue
        authorities = [m for m in d.orgs_in(floor, sentence.end) if m["kind"] in ("government", "regulator")]
        authority_text = authorities[0]["surface"] if authorities else None
        authority_org = authorities[0]["name"] if authorities else None
        authority_start = authorities[0]["char_start"] if authorities else None
        if authority_text is None:
            m = v.authority.search(d.text, d.clause_start(sentence, cue.start()), cue.start())
            if m is None:
                m = v.authority.search(d.text, floor, sentence.end)
            if m:
                authority_text, authority_start = m.group(), m.start()
        if reporter is not None:
            st = statements[reporter]
            absorbed.add(reporter)
            speaker, person, org = st["speaker"], st["speaker_person"], st["speaker_org"]
            statement = st["statement"]
            evidence, a, b = st["evidence"], st["char_start"], st["char_end"]
        else:
            speaker, person, org = authority_text, None, authority_org
            start = authority_start if authority_start is not None and authority_start < cue.start() \
                else d.clause_start(sentence, cue.start())
            statement = d.text[start:d.clause_end(sentence, cue.end())].strip().rstrip("。.")
            evidence, a, b = sentence.text, sentence.start, sentence.end
        dates = _dates(d, sentence)
        out.append(_claim(kind="regulatory", subject=target["name"], predicate=name, speaker=speaker,
                          speaker_person=person, speaker_org=org, statement=statement,
                          period=dates, evidence=evidence, char_start=a, char_end=b))
    return out, absorbed


def _dates(d: _Doc, sentence) -> str | None:
    from .sentences import find_dates

    found = find_dates(d.text, d.date, sentence.start, sentence.end)
    return found[0].value if found else None


# ----------------------------------------------------------------------------------------------
# Metric claims


def _gate_spans(gate: re.Pattern, text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of gate's matches in the whole text. gate has no anchor or lookahead and
    its lookbehinds read only its own match, so a match of gate within a span [start, end) either
    is one of them or begins inside an earlier one: either way a whole-text match overlaps it."""
    starts, ends = [], []
    for m in gate.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _overlaps(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether one of the (sorted, non-overlapping, non-empty) spans overlaps [start, end)."""
    starts, ends = spans
    i = bisect_right(ends, start)
    return i < len(starts) and starts[i] < end


def _values(d: _Doc, sentence) -> list[_Value]:
    values = []
    for i in d.amounts_starting(sentence.start, sentence.end):
        am = d.amounts[i]
        if am.get("converts") is None:
            values.append(_Value(am["char_start"], am["char_end"], "money", amount_index=i))
    money_spans = [(x.start, x.end) for x in values]
    # No gate match overlapping the sentence, no match in it (see _gate_spans).
    start, end = sentence.start, sentence.end
    percent_gate, count_gate = d.value_gates
    percents = PERCENT.finditer(d.text, start, end) if _overlaps(percent_gate, start, end) else ()
    for m in percents:
        if any(a <= m.start() < b for a, b in money_spans):
            continue
        values.append(_Value(m.start(), m.end(), "percent", number=_percent_value(m), unit="percent"))
    counts = COUNT.finditer(d.text, start, end) if _overlaps(count_gate, start, end) else ()
    for m in counts:
        if any(a <= m.start() < b for a, b in money_spans):
            continue
        raw = (m.group("n") or m.group("e")).replace(",", "")
        values.append(_Value(m.start(), m.end(), "count", number=float(raw) * _MULT[m.group("m")], unit="GPU"))
    return sorted(values, key=lambda x: x.start)


def _inside(statements, pos):
    for st in statements:
        a, b = st["_content"]
        if a <= pos < b:
            return st
    return None


def _metrics(d: _Doc, statements: list[dict]) -> list[dict]:
    v = d.v
    out = []
    for sentence in d.sentences:
        values = _values(d, sentence)
        sentence_claims = []
        for value in values:
            before_text = d.text[sentence.start:value.start]
            if v.from_words.search(before_text[-6:]) and value.kind == "money":
                continue
            st = _inside(statements, value.start)
            floor = st["_content"][0] if st else sentence.start
            if value.kind == "percent":
                window = d.text[max(floor, value.start - 12):value.start]
                up, down = v.growth_up.search(window), v.growth_down.search(window)
                if up or down:
                    cue = up or down
                    number = value.number if up else -value.number
                    cue_start = max(floor, value.start - 12) + cue.start()
                    subject, subjectless = _subject(d, sentence, floor, cue_start, value, "first", False, True)
                    sentence_claims.append(_claim(
                        kind="metric", subject=subject, predicate="growth_percent", number=number,
                        unit="percent", period=d.period_before(sentence, cue_start, floor),
                        _pos=cue_start, _needs_subject=True))
                    continue
            found = _predicate(d, sentence, floor, value, values)
            if not found:
                continue
            pred, cue_start, form = found
            subject, _ = _subject(d, sentence, floor, cue_start, value, pred.subject, pred.subject_after,
                                  form == "before")
            if subject is None and not pred.subjectless:
                continue
            if pred.subjectless:
                subject = None
            claim = _claim(kind="metric", subject=subject, predicate=pred.name,
                           amount_index=value.amount_index,
                           number=value.number if value.kind != "money" else None,
                           unit=value.unit if value.kind != "money" else None,
                           period=d.period_before(sentence, min(cue_start, value.start), floor)
                           or d.period_after(sentence, value.end),
                           _pos=cue_start, _subjectless=pred.subjectless)
            if pred.name == "stake_percent":
                cs = d.clause_start(sentence, cue_start)
                claim["statement"] = d.text[cs:d.clause_end(sentence, value.end)].strip().rstrip("。.")
            sentence_claims.append(claim)
        subjectless_here = any(c.get("_subjectless") for c in sentence_claims)
        for c in sentence_claims:
            if c.pop("_needs_subject", False) and c["subject"] is None:
                # a growth figure with no organization: keep it only next to a market-level figure
                if not subjectless_here:
                    continue
            c.pop("_subjectless", None)
            c.update(evidence=sentence.text, char_start=sentence.start, char_end=sentence.end)
            out.append(c)
    return out


def _predicate(d: _Doc, sentence, floor: int, value: _Value, values: list[_Value]):
    """(predicate, cue start, form) of a value, or None."""
    v = d.v
    after = d.text[value.end:min(sentence.end, value.end + 20)]
    before = d.text[max(floor, value.start - 30):value.start]
    predicates = v.predicates_of.get(value.kind, ())  # those of the value's kind, in order
    # Each loop runs only when the union of its cues matches (_union): most values have no cue.
    union = v.around_any.get(value.kind)
    if union is None or union.search(before):
        for pred in predicates:
            for prefix, suffix in pred.around:
                m = prefix.search(before)
                if m and suffix.match(after):
                    return pred, value.start - len(before) + m.start(), "around"
    union = v.after_any.get(value.kind)
    if union is None or union.match(after):
        for pred in predicates:
            if pred.after is not None and pred.after.match(after):
                return pred, value.start, "after"
    # a cue before the value, in its clause (or the clause before, when this one continues it)
    start = d.clause_start(sentence, value.start)
    if v.continue_words.match(d.text[start:value.start]) and start > sentence.start:
        start = d.clause_start(sentence, start - 1)
    start = max(start, floor, value.start - v.max_gap - 10)
    union = v.before_any.get(value.kind)
    if union is not None and not union.search(d.text, start, value.start):
        return None
    best = None
    for pred in predicates:
        if pred.before is None:
            continue
        for m in pred.before.finditer(d.text, start, value.start):
            if value.start - m.end() > v.max_gap:
                continue
            between = [x for x in values if m.end() <= x.start < value.start and x.kind == value.kind
                       and not v.from_words.search(d.text[max(sentence.start, x.start - 3):x.start])]
            if between:
                continue
            if best is None or m.end() > best[1] or (m.end() == best[1] and m.start() < best[2]):
                best = (pred, m.end(), m.start())
    if best:
        return best[0], best[2], "before"
    return None


def _subject(d: _Doc, sentence, floor: int, cue_start: int, value: _Value, rule: str,
             subject_after: bool, sentence_fallback: bool):
    clause = max(floor, d.clause_start(sentence, cue_start))
    found = d.subject_candidates(clause, cue_start, floor, objects=(rule == "nearest"))
    if found:
        pick = found[0] if rule == "first" else found[-1]
        return pick[1], False
    if subject_after:
        end = d.clause_end(sentence, value.end)
        for m in d.orgs_in(value.end, end):
            if m["char_start"] - value.end <= 24:
                return m["name"], False
    if sentence_fallback:
        found = d.subject_candidates(max(floor, sentence.start), cue_start, floor)
        if found:
            return found[0][1], False
    return None, True


# ----------------------------------------------------------------------------------------------
# Public API


def extract_claims(text: str, document: dict, orgs: list[dict], people: list[dict],
                   amounts: list[dict]) -> list[dict]:
    """Metric claims, attributed statements and regulatory actions of one document. Pure."""
    d = _Doc(text, document, orgs, people, amounts)
    statements = _statements(d)
    regulatory, absorbed = _regulatory(d, statements)
    metrics = _metrics(d, statements)
    claims = [st for i, st in enumerate(statements) if i not in absorbed] + regulatory + metrics
    order = {"metric": 0, "statement": 1, "regulatory": 2}
    for c in claims:
        c["_sort"] = (c["char_start"], c.pop("_pos", None) or c["char_start"], order[c["kind"]])
    claims.sort(key=lambda c: c["_sort"])
    for c in claims:
        for key in [k for k in c if k.startswith("_")]:
            del c[key]
    return claims
