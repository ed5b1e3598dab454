"""Organizations and people: the gazetteer, and their mentions in a text with offsets.

Mentions are found in the normalized view of the text (ingest/language.normalized_view: simplified
characters, ASCII punctuation, same offsets), so one alias matches simplified, traditional and
full-width writing alike (輝達 and 辉达, ＯｐｅｎＡＩ); text[char_start:char_end] is the surface as
written. All aliases are compiled once per process into trie-shaped regexes, one per group of
first characters (the longest alias wins at each position). Organizations the gazetteer does not
know are discovered by ingest/org_discovery.py. Vocabularies: ingest/data/{gazetteer,people,
org_rules}.yaml; docs/organizations.md explains the rules. ingest/regex_starts.py keeps
the discovery and anaphora patterns from being tried at every character.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .language import normalized_view
from .vocab import vocabulary

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
WHITESPACE = re.compile(r"\s+")


def is_cjk(ch: str) -> bool:
    """CJK_RE.match(ch) for one character, without a regex call."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def words_by_length(words) -> tuple:
    """((length, words of that length), ...), longest first: for ends_with."""
    lengths = sorted({len(w) for w in words}, reverse=True)
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


def ends_with(view: str, k: int, words: tuple, start: int = 0) -> bool:
    """view.endswith(a word, start, k), a set lookup per length (words: words_by_length)."""
    for n, same_length in words:
        if n <= k - start and view[k - n:k] in same_length:
            return True
    return False


# ----------------------------------------------------------------------------------------------
# Gazetteer


@dataclass(frozen=True)
class Org:
    name: str
    name_zh: str | None
    kind: str
    country: str | None
    wikidata_id: str | None
    aliases: tuple[str, ...]  # as written, name and name_zh included, deduplicated
    products: tuple[str, ...] = ()  # products the news names it by (the ChatGPT maker → OpenAI)


@dataclass(frozen=True)
class Person:
    name: str
    name_zh: str | None
    aliases: tuple[str, ...]  # as written, name and name_zh included
    org: str | None
    role: str | None


@dataclass
class Gazetteer:
    orgs: tuple[Org, ...]
    people: tuple[Person, ...]
    by_name: dict = field(default_factory=dict)  # canonical name -> Org
    keys: dict = field(default_factory=dict)     # matching key -> ("org" | "person", canonical name)

    def org(self, name: str) -> Org | None:
        return self.by_name.get(name)


def rules() -> dict:
    return vocabulary("org_rules")


def normalize_alias(alias: str) -> str:
    """The form an alias is matched in: the normalized view of it, whitespace collapsed."""
    return normalized_view(WHITESPACE.sub(" ", alias.strip()))


def _matching_keys(alias: str, min_upper: int) -> list[str]:
    key = normalize_alias(alias)
    keys = [key]
    if not CJK_RE.search(key) and len(key) >= min_upper and key.upper() != key:
        keys.append(key.upper())
    return keys


def _dedupe(items) -> tuple:
    return tuple(dict.fromkeys(item for item in items if item))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Parse gazetteer.yaml and people.yaml once; raise ValueError on any inconsistency
    (unknown kind, bad country, one alias claimed by two entities)."""
    kinds = set(rules()["kinds"])
    orgs = []
    for entry in vocabulary("gazetteer")["organizations"]:
        if entry["kind"] not in kinds:
            raise ValueError(f"{entry['name']}: kind {entry['kind']!r} not in org_rules.yaml kinds")
        country = entry.get("country")
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            raise ValueError(f"{entry['name']}: country {country!r} is not ISO 3166 alpha-2")
        aliases = _dedupe([entry["name"], entry.get("name_zh"), *(entry.get("aliases") or [])])
        orgs.append(Org(entry["name"], entry.get("name_zh"), entry["kind"], country, entry.get("wikidata"), aliases,
                        tuple(entry.get("products") or ())))
    people = []
    for entry in vocabulary("people")["people"]:
        aliases = _dedupe([entry["name"], entry.get("name_zh"), *(entry.get("aliases") or [])])
        people.append(Person(entry["name"], entry.get("name_zh"), aliases, entry.get("org"), entry.get("role")))
    gazetteer = Gazetteer(tuple(orgs), tuple(people))
    _index(gazetteer)
    return gazetteer


def _index(gazetteer: Gazetteer) -> None:
    min_upper = rules()["uppercase_variant_min_length"]
    owner_of = {}  # casefolded key -> (type, name): one alias, one entity
    for type_, entities in (("org", gazetteer.orgs), ("person", gazetteer.people)):
        for entity in entities:
            if type_ == "org":
                if entity.name in gazetteer.by_name:
                    raise ValueError(f"duplicate organization {entity.name}")
                gazetteer.by_name[entity.name] = entity
            elif entity.org is not None and entity.org not in gazetteer.by_name:
                raise ValueError(f"{entity.name}: unknown org {entity.org!r}")
            for alias in entity.aliases:
                for key in _matching_keys(alias, min_upper):
                    folded = key.casefold()
                    if owner_of.setdefault(folded, (type_, entity.name)) != (type_, entity.name):
                        raise ValueError(f"alias {alias!r} ({key!r}) of {entity.name} already "
                                         f"belongs to {owner_of[folded][1]}")
                    gazetteer.keys[key] = (type_, entity.name)


# ----------------------------------------------------------------------------------------------
# The compiled matcher


def trie_regex(keys, word: str) -> str:
    """One regex matching every key, longest first at each position. A key that starts or ends
    with a Latin word character must not touch another one there; the check before the key comes
    after its first character, so every branch starts with a literal the engine can skip to."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True
    latin_char = re.compile(f"[{word}]")

    def emit(node, last: str, top: bool = False) -> str:
        alternatives = []
        for ch in sorted(k for k in node if k):
            head = r"\s+" if ch == " " else re.escape(ch)
            if top and latin_char.match(ch):
                head += f"(?<![{word}].)"
            alternatives.append(head + emit(node[ch], ch))
        if "" in node:
            alternatives.append(f"(?![{word}])" if latin_char.match(last) else "")
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(trie, "", top=True)


@dataclass
class _Matcher:
    regexes: tuple  # trie regexes of the aliases, one per group of first characters
    keys: dict
    guards: dict  # key -> (left, right, reject_right), compiled or None
    dots: str


# One trie of all ~4000 aliases is slow: at every character that may start an alias the engine
# tries its ~350 first branches one after the other. Aliases are split by first character (the
# Latin ones, then the Chinese ones in a few groups), one regex each. Only one group can match at
# a given position, so the leftmost of the groups' matches is the one big regex's match.
CJK_GROUPS = 4


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    gazetteer = load_gazetteer()
    r = rules()
    guards = {}
    for alias, guard in (r.get("guarded_aliases") or {}).items():
        guards[normalize_alias(alias)] = tuple(re.compile(guard[k]) if guard.get(k) else None
                                               for k in ("left", "right", "reject_right"))
    regexes = tuple(re.compile(trie_regex(keys, r["latin_word_chars"])) for keys in _key_groups(gazetteer.keys))
    return _Matcher(regexes, gazetteer.keys, guards, r["name_dots"])


def _key_groups(keys) -> list[list[str]]:
    firsts = sorted({key[0] for key in keys})
    latin = [ch for ch in firsts if not CJK_RE.match(ch)]
    cjk = [ch for ch in firsts if CJK_RE.match(ch)]
    n = len(cjk)
    groups = [set(latin)] + [set(cjk[i * n // CJK_GROUPS:(i + 1) * n // CJK_GROUPS]) for i in range(CJK_GROUPS)]
    return [[key for key in keys if key[0] in group] for group in groups if group]


def _push(heap: list, group: int, matches) -> None:
    m = next(matches, None)
    if m is not None:
        heapq.heappush(heap, (m.start(), group, m, matches))


def _guard_ok(guard, view: str, a: int, b: int) -> bool:
    left, right, reject = guard
    before, after = view[max(0, a - 40):a], view[b:b + 40]
    if reject is not None and reject.search(after):
        return False
    if left is None and right is None:
        return True
    return bool((left is not None and left.search(before)) or (right is not None and right.search(after)))


def scan_known(view: str) -> list[tuple[int, int, str, str]]:
    """(start, end, "org" | "person", canonical name) of every gazetteer alias, leftmost-longest."""
    matcher = _matcher()
    keys, guards, dots, regexes = matcher.keys, matcher.guards, matcher.dots, matcher.regexes
    found = []
    position = 0
    heap: list = []  # (start, group, match, the group's matches after it), leftmost first
    for group, regex in enumerate(regexes):
        _push(heap, group, regex.finditer(view))
    while heap:
        a, group, m, rest = heapq.heappop(heap)
        if a < position:  # inside an accepted match: the group's next match from position
            _push(heap, group, regexes[group].finditer(view, position))
            continue
        b, key = m.end(), m.group()
        if key not in keys:  # keys hold single spaces only
            key = WHITESPACE.sub(" ", key)
        type_, name = keys[key]
        ok = key not in guards or _guard_ok(guards[key], view, a, b)
        if ok and type_ == "org" and ((a > 0 and view[a - 1] in dots) or (b < len(view) and view[b] in dots)) \
                and CJK_RE.match(view[a]):
            ok = False  # 阿里·戈德斯: part of a transliterated person's name
        if ok:
            found.append((a, b, type_, name))
            position = b
            _push(heap, group, rest)  # finditer goes on from b
        else:  # a shorter alias may start inside the rejected one
            position = a + 1
            _push(heap, group, regexes[group].finditer(view, position))
    return found


def every_match(pattern: re.Pattern, view: str, firsts: frozenset):
    """pattern.match(view, i) for every i where it matches, in order: finditer's matches and
    those starting inside them (产业基金 holds 基金) at one of firsts (the characters a match can
    start with)."""
    for m in pattern.finditer(view):
        yield m
        for i in range(m.start() + 1, m.end()):
            if view[i] in firsts and (inner := pattern.match(view, i)) is not None:
                yield inner


# ----------------------------------------------------------------------------------------------
# Mentions


@lru_cache(maxsize=1)
def _person_keys() -> frozenset:
    return frozenset(k for k, (t, _) in load_gazetteer().keys.items() if t == "person")


def find_mentions(text: str, view: str | None = None) -> tuple[list, list]:
    """(organization mentions, person mentions) of text, each sorted by offset; view is text's
    normalized view when the caller has it already. Pure."""
    from .org_discovery import discover

    view = normalized_view(text) if view is None else view
    known = scan_known(view)
    orgs, people = [], []
    for a, b, type_, name in known:
        if type_ == "person":
            people.append({"name": name, "surface": text[a:b], "char_start": a, "char_end": b})
    found, projects = discover(view, known, _person_keys())
    for a, b, name, in_gazetteer in found:  # sorted by offset
        kind, name_zh = _kind_and_name_zh(name, in_gazetteer)
        if name in projects and not in_gazetteer:
            kind = "project"
        orgs.append({"name": name, "surface": text[a:b], "char_start": a, "char_end": b,
                     "in_gazetteer": in_gazetteer, "kind": kind, "name_zh": name_zh})
    return orgs, people


@lru_cache(maxsize=8192)
def _kind_and_name_zh(name: str, in_gazetteer: bool) -> tuple[str, str | None]:
    org = load_gazetteer().org(name) if in_gazetteer else None
    if org is not None:
        return org.kind, org.name_zh
    return "unknown", name if CJK_RE.search(name) else None


def extract_org_mentions(text: str) -> list[dict]:
    """Every organization mention in text, sorted by offset. Each dict: name (canonical, or the
    discovered name), surface (== text[char_start:char_end]), char_start, char_end, in_gazetteer,
    kind, name_zh."""
    return find_mentions(text)[0]


def extract_source_org(document: dict) -> str | None:
    """The news outlet the article's byline names as its source: the publisher (来源:凤凰网,
    鉅亨網編譯…), else an author that is an outlet (作者: EqualOcean). Only a gazetteer outlet
    (kind media), written as the whole field: a byline also holds people and departments, and a
    feed's category (categories: [OpenAI]) names the article's subject, not its source."""
    for field in ("publisher", "author"):
        value = (document.get(field) or "").strip()
        mentions = find_mentions(value)[0] if value else []
        if len(mentions) == 1 and mentions[0]["in_gazetteer"] and mentions[0]["surface"] == value \
                and mentions[0]["kind"] == "media":
            return mentions[0]["name"]
    return None


def extract_person_mentions(text: str) -> list[dict]:
    """Every mention of a person in people.yaml: name, surface, char_start, char_end."""
    return find_mentions(text)[1]
