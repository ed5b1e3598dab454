"""Deal rules: regular expressions over sentence shapes (ingest/shape.py), loaded from
ingest/data/deal_rules_*.yaml.

A rule is data: a pattern over a shape, written with macros ({O} an organization, {OL} a list of
them, {M} an amount, {R} a round name, {ADV} the words between a subject and its verb, ...), the
kind of deal it states, and which named groups hold the parties:

    - name: direct_investment
      kind: equity_investment
      pattern: '(?P<from>{OL}){ADV}{INVEST}了?{DESC}(?P<to>{OL})'
      examples: ['在海外,微软投资OpenAI']

Groups: `from` and `to` (the parties: every organization in the group, each one a deal; `to2` adds
to `to`), `pair` (双方: the first of the pair pays the second), `amount` (the money the clause
states), `total` (the whole round's amount, in a clause about one investor), `lead` /
`participants` (investors of a round, whose raiser is `to` or the round the text is talking
about). A rule with `raiser_only: true` states a round (to = the company raising). A rule without
a `from` (`to`) group takes the sentence's topic (the organization the text is about) as its
subject (object) when `subject: topic` (`object: topic`); `object: last_other` takes the last
other organization named before (其中电光科技持股65% → the company just founded);
`object: previous_target` the company the last deal went to (与此同时,亚马逊则承诺投资80亿美元).
`weak: true` marks a rule whose direction is a guess (X 与 Y 签署协议: X buys); in the same
sentence a rule that knows the direction (Y 将供应 X 芯片) wins. `split: true` reads amounts that
break down the sentence's last deal (投资逾30亿美元,包括2023年投资的20亿美元和今年追加的10亿美元): each
is a deal of the same parties.

The examples stored beside each rule are the real sentences it was written for;
tests/test_deal_rules.py checks every rule still reads them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

try:  # the regex parser, to read what a pattern's matches must hold (required_literals)
    from re import _constants, _parser
except ImportError:  # Python 3.10
    import sre_constants as _constants
    import sre_parse as _parser

from .shape import ANAPHOR, PLACEHOLDERS
from .vocab import alternation, vocabulary

TOKEN_MACROS = {"O": f"[{PLACEHOLDERS['org']}{ANAPHOR}]", "NAMED": PLACEHOLDERS["org"], "ANAPHOR": ANAPHOR,
                "P": PLACEHOLDERS["person"], "M": PLACEHOLDERS["money"], "R": PLACEHOLDERS["round"],
                "D": PLACEHOLDERS["date"], "N": PLACEHOLDERS["percent"]}
MACRO = re.compile(r"\{([A-Z_]+)\}")


@dataclass(frozen=True)
class Rule:
    name: str
    language: str
    kind: str
    pattern: re.Pattern
    role: str | None = None            # lead | participant: the investors' role in a round
    raiser_only: bool = False          # states a round of `to` (no investor)
    subject: str | None = None         # topic: a missing `from` is the text's topic
    object: str | None = None          # topic: a missing `to` is the text's topic
    swap: bool = False                 # the pattern's from/to are seller/buyer: money flows to→from
    status: str | None = None          # a status the form itself states (传出… → rumored)
    joint: bool = False                # the amount is the parties' joint total (联盟收购, 共同设立)
    needs: str | None = None           # a word list (macro) this or the previous sentence must hold
    needs_round: bool = False          # only while the text is talking about a round
    weak: bool = False                 # direction is a guess (X与Y签署协议): a rule that knows wins
    split: bool = False                # amounts that break down the sentence's deal (包括…M1和M2)
    context: str | None = None         # sale: reads (and for_sale sets) the company for sale
    no_amount: bool = False            # an amount in the match is not the deal's (亏损2亿…被迫卖身)
    scope: str = "total"               # each: the amount is per receiver (向每家初创机构投资25万美元)
    examples: tuple = field(default=(), compare=False)
    cues: tuple = field(default=(), compare=False)  # required_literals(pattern): a quick test first

    def finditer(self, shape: str):
        """The matches of the pattern, after a cheap test that the shape holds what every match
        holds (most sentences hold none of a rule's verbs)."""
        for cue in self.cues:
            if not cue.search(shape):
                return ()
        return self.pattern.finditer(shape)


@lru_cache(maxsize=None)
def rules(language: str) -> tuple[Rule, ...]:
    data = vocabulary(f"deal_rules_{language}")
    macros_ = _expand_macros(data["macros"], data.get("words", {}))
    compiled = []
    for entry in data["rules"]:
        source = _substitute(entry["pattern"], macros_)
        try:
            pattern = re.compile(source)
        except re.error as error:
            raise ValueError(f"deal rule {entry['name']}: {error}: {source}") from error
        compiled.append(Rule(
            name=entry["name"], language=language, kind=entry["kind"], pattern=pattern,
            role=entry.get("role"), raiser_only=entry.get("raiser_only", False),
            subject=entry.get("subject"), object=entry.get("object"), swap=entry.get("swap", False),
            status=entry.get("status"), joint=entry.get("joint", False), needs=entry.get("needs"),
            needs_round=entry.get("needs_round", False), weak=entry.get("weak", False),
            split=entry.get("split", False), context=entry.get("context"), no_amount=entry.get("no_amount", False),
            scope=entry.get("scope", "total"),
            examples=tuple(entry.get("examples") or ()),
            cues=tuple(re.compile("|".join(map(re.escape, options))) for options in required_literals(pattern))))
    return tuple(compiled)


@lru_cache(maxsize=None)
def macros(language: str) -> dict:
    data = vocabulary(f"deal_rules_{language}")
    return _expand_macros(data["macros"], data.get("words", {}))


def required_literals(pattern: re.Pattern) -> tuple[tuple[str, ...], ...]:
    """What every match of pattern holds: a tuple of alternatives per requirement (one of the
    strings of each must occur in the text), read off the parsed pattern. Lookarounds, optional and
    repeated-zero parts require nothing; an alternation requires one of its branches' literals when
    every branch has one. A necessary condition only, for a quick test before matching."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:
        return ()
    if pattern.flags & re.IGNORECASE:
        return ()
    return tuple(tuple(sorted(options)) for options in _requirements(list(parsed)) if all(options))


_PLACEHOLDER = re.compile(f"[{''.join(PLACEHOLDERS.values())}{ANAPHOR}]")


@dataclass(frozen=True)
class Gate:
    """Which of several patterns may match a sentence's shape, read off the sentence's plain text
    and the kinds of its tokens: every requirement of a pattern must be met — its words in the
    text, its placeholders among the tokens — so a sentence that lacks them is never shaped."""
    scan: re.Pattern | None
    admits: dict             # a word found -> the keys whose most selective requirement it meets
    words: dict              # key -> its other word requirements, each a regex that must find one word
    placeholders: dict       # key -> its placeholder requirements (one of each must be a token's)
    always: frozenset        # patterns with no word requirement: candidates whenever their tokens are there
    _by_placeholders: dict = field(default_factory=dict, compare=False)  # cache of _admissible

    def candidates(self, text: str, present: set) -> set:
        """present: the placeholders of the sentence's tokens (a shape holds no others)."""
        admitted = set(self.always)
        # One search per occurrence, from the next position: overlapping words are all seen.
        m = self.scan.search(text) if self.scan else None
        while m:
            admitted |= self.admits[m.group()]
            m = self.scan.search(text, m.start() + 1)
        admitted &= self._admissible(frozenset(present))
        return {key for key in admitted if all(words.search(text) for words in self.words[key])}

    def _admissible(self, present: frozenset) -> frozenset:
        """The keys whose placeholder requirements present meets: sentences hold few distinct sets
        of token kinds, so each set is worked out once."""
        known = self._by_placeholders.get(present)
        if known is None:
            known = self._by_placeholders[present] = frozenset(
                key for key, needs in self.placeholders.items() if all(needed & present for needed in needs))
        return known


def build_gate(patterns: dict) -> Gate:
    requirements = {key: required_literals(pattern) for key, pattern in patterns.items()}
    words = {key: tuple(o for o in needs if not _holds_placeholder(o)) for key, needs in requirements.items()}
    placeholders = {key: tuple(frozenset(o) for o in needs if all(len(x) == 1 and _holds_placeholder((x,)) for x in o))
                    for key, needs in requirements.items()}
    # Only each key's most selective requirement is scanned for (longest words, then fewest).
    primary = {key: max(needs, key=lambda options: (min(map(len, options)), -len(options)))
               for key, needs in words.items() if needs}
    literals = sorted({o for options in primary.values() for o in options}, key=len, reverse=True)
    # The scan reports the longest word starting at a position: it admits the keys of every
    # shorter one that starts there too (投资 inside 投资额).
    admits = {literal: frozenset(key for key, options in primary.items()
                                 if any(literal.startswith(o) for o in options))
              for literal in literals}
    always = frozenset(key for key, needs in words.items() if not needs)
    scan = re.compile("|".join(map(re.escape, literals))) if literals else None
    # Admission met the primary requirement; the others are checked, one regex each.
    others = {key: tuple(_words_pattern(options) for options in needs if options is not primary.get(key))
              for key, needs in words.items()}
    return Gate(scan, admits, others, placeholders, always)


@lru_cache(maxsize=None)
def _words_pattern(options: tuple) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(options, key=len, reverse=True))))


def _holds_placeholder(options) -> bool:
    return any(_PLACEHOLDER.search(option) for option in options)


def _requirements(sequence) -> list[set]:
    c = _constants
    found: list[set] = []
    run = ""
    for op, av in sequence + [(None, None)]:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero-width: G(?<![A-Za-z].)PU still writes GPU in one piece
        if run:
            found.append({run})
            run = ""
        if op is c.SUBPATTERN:
            if av[1] or av[2]:  # inline flags: unsure
                continue
            found += _requirements(list(av[3]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found += _requirements(list(av[2]))
        elif op is c.IN and len(av) <= 4 and all(kind is c.LITERAL for kind, _ in av):
            found.append({chr(value) for _, value in av})  # [\ue010\ue016]: an organization
        elif op is c.BRANCH:
            options = set()
            for branch in av[1]:
                required = _requirements(list(branch))
                if not required:
                    options = None
                    break
                options |= min(required, key=len)  # the branch's most selective requirement
            if options:
                found.append(options)
    return found


def _expand_macros(definitions: dict, words: dict) -> dict:
    """Macros may use token placeholders, word lists (`words:` as alternations) and each other."""
    expanded = dict(TOKEN_MACROS)
    for name, word_list in words.items():
        expanded[name] = f"(?:{alternation(word_list)})"
    pending = dict(definitions)
    while pending:
        progress = False
        for name, source in list(pending.items()):
            needed = set(MACRO.findall(source))
            if needed <= set(expanded):
                expanded[name] = f"(?:{_substitute(source, expanded)})"
                del pending[name]
                progress = True
        if not progress:
            raise ValueError(f"deal rule macros refer to undefined or circular names: {sorted(pending)}")
    return expanded


def _substitute(source: str, expanded: dict) -> str:
    def replace(m):
        if m.group(1) not in expanded:
            raise ValueError(f"unknown macro {{{m.group(1)}}} in {source}")
        return expanded[m.group(1)]
    return MACRO.sub(replace, source)
