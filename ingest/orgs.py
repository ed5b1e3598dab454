"""Organizations and people: gazetteer, mention detection with offsets, discovery of new names.

Text is matched after OpenCC tw2sp conversion (輝達 -> 英伟达), on a converted copy whose
characters map back to spans of the original, so every offset points into the original text:
text[char_start:char_end] == surface. All aliases are compiled once per process into one
trie-shaped regex (longest alias wins at each position). Vocabularies live in
ingest/data/{gazetteer,people,org_rules}.yaml; docs/organizations.md explains the rules.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import load_vocabulary
from .sentences import first_char_guard

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_WS_RE = re.compile(r"\s+")


# ----------------------------------------------------------------------------------------------
# Traditional -> simplified conversion with an offset map


@lru_cache(maxsize=1)
def _converter():
    import opencc

    try:
        return opencc.OpenCC("tw2sp")
    except Exception:  # older bindings want the file name
        return opencc.OpenCC("tw2sp.json")


def to_simplified(text: str) -> str:
    """tw2sp on the runs that hold traditional characters (see convert_with_map)."""
    return convert_with_map(text)[0]


_CJK_RUN_RE = re.compile(f"[{_CJK}]+")


@lru_cache(maxsize=1)
def _traditional_char_re() -> re.Pattern:
    """Characters tw2sp changes on their own (輝, 軟, 達...), minus those that simplified text
    uses too (著 in 显著, 乾 in 乾隆; org_rules.yaml simplified_also)."""
    chars = [chr(c) for lo, hi in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
             for c in range(lo, hi)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    also = set(_rules()["simplified_also"])
    traditional = [c for c, s in zip(chars, converted) if s != c and c not in also]
    return re.compile("[" + "".join(traditional) + "]")


@lru_cache(maxsize=1)
def _traditional_run_re() -> re.Pattern:
    """The CJK runs (maximal, as _CJK_RUN_RE finds them) that hold a traditional character, in
    one scan: a match starts only where no CJK character precedes, reaches the first traditional
    character lazily and takes the rest of the run greedily (nothing follows, so it never gives
    any back); a run without one fails once, in one pass, and no later start inside it is tried."""
    traditional = _traditional_char_re().pattern
    return re.compile(f"(?<![{_CJK}])[{_CJK}]*?{traditional}[{_CJK}]*")


def _align(a: str, b: str) -> list[tuple]:
    """difflib opcodes turning a into b; the common prefix and suffix are equal blocks."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))]
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    q = 0
    while q < len(a) - p and q < len(b) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    ops = [("equal", 0, p, 0, p)] if p else []
    middle = difflib.SequenceMatcher(None, a[p:len(a) - q], b[p:len(b) - q], autojunk=False)
    ops += [(t, i1 + p, i2 + p, j1 + p, j2 + p) for t, i1, i2, j1, j2 in middle.get_opcodes()]
    if q:
        ops.append(("equal", len(a) - q, len(a), len(b) - q, len(b)))
    return ops


def convert_with_map(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """tw2sp-convert text; return (converted, starts, ends): converted[j] comes from
    text[starts[j]:ends[j]]. A match converted[a:b] is text[starts[a]:ends[b-1]].
    starts and ends are None when the conversion maps every character to one character."""
    conv = _converter().convert
    traditional = _traditional_char_re()
    if not traditional.search(text):
        return text, None, None
    # Only CJK runs holding a traditional character are converted (tw2sp also rewrites mainland
    # words: 建立 -> 创建, 核心 -> 内核), all in one call: no OpenCC phrase spans a newline.
    chunks = [(m.start(), m.group()) for m in _traditional_run_re().finditer(text)]
    converted = conv("\n".join(c for _, c in chunks)).split("\n")
    if len(converted) != len(chunks):  # defensive: fall back to one call per run
        converted = [conv(c) for _, c in chunks]
    changed = [i for i, (_, c) in enumerate(chunks) if converted[i] != c]
    # Character-by-character conversions of the changed runs, again in one call.
    flat = conv("\n".join("\n".join(chunks[i][1]) for i in changed)).split("\n")
    if len(flat) != sum(len(chunks[i][1]) for i in changed):
        flat = [conv(ch) for i in changed for ch in chunks[i][1]]
    pieces_of, k = {}, 0
    for i in changed:
        n = len(chunks[i][1])
        pieces_of[i], k = flat[k:k + n], k + n
    # Equal lengths are not enough: 記憶體 -> 内存 (3 -> 2) and 輝達 -> 英伟达 (2 -> 3) can cancel
    # out within one run, so compare with the character-by-character conversion.
    if all("".join(pieces_of[i]) == converted[i] and len(converted[i]) == len(chunks[i][1])
           for i in changed):
        out, pos = [], 0
        for i in changed:
            base, chunk = chunks[i]
            out.append(text[pos:base])
            out.append(converted[i])
            pos = base + len(chunk)
        out.append(text[pos:])
        return "".join(out), None, None
    out, starts, ends, pos = [], [], [], 0
    for i, (base, chunk) in enumerate(chunks):
        if base > pos:  # unconverted text before this run
            out.append(text[pos:base])
            starts.extend(range(pos, base))
            ends.extend(range(pos + 1, base + 1))
        pos = base + len(chunk)
        if i not in pieces_of:
            out.append(chunk)
            starts.extend(range(base, pos))
            ends.extend(range(base + 1, pos + 1))
            continue
        pieces, phrase = pieces_of[i], converted[i]
        out.append(phrase)
        per_char = "".join(pieces)
        identity = len(per_char) == len(chunk)  # every character converted to one character
        if identity and per_char == phrase:  # what the alignment below maps one to one
            starts.extend(range(base, pos))
            ends.extend(range(base + 1, pos + 1))
            continue
        owner = [j for j, piece in enumerate(pieces) for _ in piece]
        ops = _align(per_char, phrase)
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" and identity:
                starts.extend(range(base + i1, base + i2))
                ends.extend(range(base + i1 + 1, base + i2 + 1))
            elif tag == "equal":
                for k in range(j2 - j1):
                    o = owner[i1 + k]
                    starts.append(base + o)
                    ends.append(base + o + 1)
            elif j2 > j1:
                if i2 > i1:
                    lo, hi = owner[i1], owner[i2 - 1] + 1
                else:  # pure insertion: attach to the neighbouring original character
                    o = owner[min(i1, len(owner) - 1)] if owner else 0
                    lo, hi = o, o + 1
                starts.extend([base + lo] * (j2 - j1))
                ends.extend([base + hi] * (j2 - j1))
    if len(text) > pos:
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends


def _span(starts, ends, a: int, b: int) -> tuple[int, int]:
    if starts is None:
        return a, b
    return starts[a], ends[b - 1]


def normalize_alias(alias: str) -> str:
    """The form an alias is matched in: converted like document text, whitespace collapsed."""
    return to_simplified(_WS_RE.sub(" ", alias.strip()))


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
    # normalized matching key -> ("org" | "person", canonical name)
    keys: dict = field(default_factory=dict)

    def org(self, name: str) -> Org | None:
        return self.by_name.get(name)


def _rules() -> dict:
    return load_vocabulary("org_rules")


def _is_latin(alias: str) -> bool:
    return not _CJK_RE.search(alias)


def _matching_keys(alias: str, min_upper: int) -> list[str]:
    key = normalize_alias(alias)
    keys = [key]
    written = _WS_RE.sub(" ", alias.strip())
    if written != key:  # 輝達 quoted in a simplified article is not converted: match it as written
        keys.append(written)
    if _is_latin(key) and len(key) >= min_upper and key.upper() != key:
        keys.append(key.upper())
    return keys


def _dedupe(items) -> tuple:
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return tuple(out)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Parse gazetteer.yaml and people.yaml once; raise ValueError on any inconsistency
    (unknown kind, bad country, one alias claimed by two entities)."""
    rules = _rules()
    kinds = set(rules["kinds"])
    min_upper = rules["uppercase_variant_min_length"]
    orgs = []
    for entry in load_vocabulary("gazetteer")["organizations"]:
        if entry["kind"] not in kinds:
            raise ValueError(f"{entry['name']}: kind {entry['kind']!r} not in org_rules.yaml kinds")
        country = entry.get("country")
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            raise ValueError(f"{entry['name']}: country {country!r} is not ISO 3166 alpha-2")
        aliases = _dedupe([entry["name"], entry.get("name_zh"), *(entry.get("aliases") or [])])
        orgs.append(Org(entry["name"], entry.get("name_zh"), entry["kind"], country,
                        entry.get("wikidata"), aliases))
    people = []
    for entry in load_vocabulary("people")["people"]:
        aliases = _dedupe([entry["name"], entry.get("name_zh"), *(entry.get("aliases") or [])])
        people.append(Person(entry["name"], entry.get("name_zh"), aliases, entry.get("org"),
                             entry.get("role")))
    gaz = Gazetteer(tuple(orgs), tuple(people))
    owner_of = {}  # casefolded key -> (type, name): one alias, one entity
    for type_, entities in (("org", orgs), ("person", people)):
        for entity in entities:
            if type_ == "org":
                if entity.name in gaz.by_name:
                    raise ValueError(f"duplicate organization {entity.name}")
                gaz.by_name[entity.name] = entity
            elif entity.org is not None and entity.org not in gaz.by_name:
                raise ValueError(f"{entity.name}: unknown org {entity.org!r}")
            for alias in entity.aliases:
                for key in _matching_keys(alias, min_upper):
                    folded = key.casefold()
                    if owner_of.setdefault(folded, (type_, entity.name)) != (type_, entity.name):
                        raise ValueError(f"alias {alias!r} ({key!r}) of {entity.name} already "
                                         f"belongs to {owner_of[folded][1]}")
                    gaz.keys[key] = (type_, entity.name)
    return gaz


# ----------------------------------------------------------------------------------------------
# The compiled matcher


def _trie_regex(keys, word: str, left_boundary: bool = False) -> str:
    """One regex matching every key, longest first at each position. With left_boundary the
    key must not follow a Latin word character; the check comes after the first character so
    that every branch starts with a literal and the regex engine can skip ahead by charset."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True
    latin_char = re.compile(f"[{word}]")

    def emit(node, last: str, top: bool = False) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            head = r"\s+" if ch == " " else re.escape(ch)
            if top and left_boundary and latin_char.match(ch):
                head += f"(?<![{word}].)"
            alts.append(head + emit(node[ch], ch))
        if "" in node:
            alts.append(f"(?![{word}])" if latin_char.match(last) else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie, "", top=True)


@dataclass
class _Matcher:
    regex: re.Pattern
    keys: dict
    guards: dict  # key -> (left, right, reject_right) compiled or None
    dots: str


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    gaz = load_gazetteer()
    rules = _rules()
    word = rules["latin_word_chars"]
    pattern = _trie_regex(list(gaz.keys), word, left_boundary=True)
    guards = {}
    for alias, guard in (rules.get("guarded_aliases") or {}).items():
        compiled = tuple(re.compile(guard[k]) if guard.get(k) else None
                         for k in ("left", "right", "reject_right"))
        guards[normalize_alias(alias)] = compiled
    return _Matcher(re.compile(pattern), gaz.keys, guards, rules["name_dots"])


def _guard_ok(guard, conv: str, a: int, b: int) -> bool:
    left, right, reject = guard
    before, after = conv[max(0, a - 40):a], conv[b:b + 40]
    if reject is not None and reject.search(after):
        return False
    if left is None and right is None:
        return True
    return bool((left is not None and left.search(before))
                or (right is not None and right.search(after)))


def _scan(conv: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, canonical name) in converted-text coordinates, leftmost-longest."""
    m_ = _matcher()
    out = []
    pos = 0
    search = m_.regex.search
    while True:
        m = search(conv, pos)
        if m is None:
            break
        a, b = m.span()
        if a == b:  # cannot happen with non-empty keys; guard against loops anyway
            pos = a + 1
            continue
        key = m.group()
        if key not in m_.keys:  # keys hold single spaces only: a key is its own normal form
            key = _WS_RE.sub(" ", key)
        type_, name = m_.keys[key]
        ok = True
        guard = m_.guards.get(key)
        if guard is not None and not _guard_ok(guard, conv, a, b):
            ok = False
        if ok and type_ == "org" and _CJK_RE.match(conv[a]) and (
                (a > 0 and conv[a - 1] in m_.dots) or (b < len(conv) and conv[b] in m_.dots)):
            ok = False  # 阿里·戈德斯: part of a transliterated person name
        if ok:
            out.append((a, b, type_, name))
            pos = b
        else:
            pos = a + 1
    return out


@lru_cache(maxsize=8)
def _analyse(text: str):
    conv, starts, ends = convert_with_map(text)
    return conv, starts, ends, tuple(_scan(conv))


# ----------------------------------------------------------------------------------------------
# Discovery of organizations the gazetteer does not know


@dataclass
class _Discovery:
    latin_name: re.Pattern
    context_before: re.Pattern  # matched against the text just before a Latin name
    suffix_after: re.Pattern  # matched at the end of a Latin name
    zh_keep: frozenset
    zh_company: re.Pattern
    company_max: int
    zh_short: re.Pattern
    strong: frozenset
    weak_followers: re.Pattern
    reject_after: dict
    delimiters: tuple
    descriptor_stop: tuple
    places: frozenset
    places_allowed_before: frozenset
    not_orgs: frozenset
    stop_first: frozenset
    product_code: re.Pattern
    org_suffixes: frozenset
    word: str
    dots: str
    # The descriptor stops as one regex, for a quick test (what `any(stop in body ...)` finds;
    # None when there are none).
    descriptor_stop_re: re.Pattern | None = None


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _discovery() -> _Discovery:
    r = _rules()
    word = r["latin_word_chars"]
    token = r"(?:[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|\d+[A-Za-z][A-Za-z0-9]*)(?:[.&'-][A-Za-z0-9]+)*"
    n = r["latin_name_max_tokens"]
    abbreviation = "|".join(f"(?<={re.escape(a)})" for a in r["latin_abbreviations"])
    name = (f"(?<![{word}.-]){token}(?:[ ]{token}){{0,{n - 1}}}(?:(?:{abbreviation})\\.)?"
            f"(?![{word}]|:[{word}])")
    not_orgs = set()
    for words in r["not_orgs"].values():
        not_orgs.update(words)
    places = set(r["not_orgs"]["places"])
    suffixes = r["zh_suffix_after_latin"]
    short = r["zh_short_suffixes"]
    return _Discovery(
        latin_name=first_char_guard(re.compile(name)),
        context_before=re.compile(
            f"(?:(?P<context>{_alt(r['zh_context_before_latin'])})\\s*"
            f"|(?P<verb>{_alt(r['zh_deal_verbs'])})\\s*"
            f"|(?<![{word}])(?P<en_verb>{_alt(r['en_deal_verbs'])})\\s+)$"),
        suffix_after=re.compile(f"\\s*({_alt(suffixes['keep'] + suffixes['head'])})"),
        zh_keep=frozenset(suffixes["keep"]),
        zh_company=re.compile(_alt(r["zh_company_suffixes"])),
        company_max=r["zh_company_max_length"],
        zh_short=re.compile(f"(?:{_alt(short['strong'] + short['weak'])})"),
        strong=frozenset(short["strong"]),
        weak_followers=re.compile(r["zh_weak_suffix_followers"]),
        reject_after={suffix: tuple(words) for suffix, words in r["zh_short_reject_after"].items()},
        delimiters=tuple(sorted(r["zh_left_delimiters"], key=len, reverse=True)),
        descriptor_stop=tuple(r["zh_descriptor_stop"]),
        places=frozenset(places),
        places_allowed_before=frozenset(r["places_allowed_before"]),
        not_orgs=frozenset(not_orgs),
        stop_first=frozenset(r["latin_name_stop_first"]),
        product_code=re.compile(r["product_code_pattern"]),
        org_suffixes=frozenset(r["latin_org_suffixes"]),
        word=word,
        dots=r["name_dots"],
        descriptor_stop_re=re.compile("|".join(re.escape(w) for w in r["zh_descriptor_stop"]))
        if r["zh_descriptor_stop"] else None,
    )


def _delimiter_ends_at(d: _Discovery, conv: str, k: int, floor: int = 0) -> bool:
    """Whether a delimiter word ends at k and starts at floor or later: what
    any(conv.startswith(w, k - len(w)) and k - len(w) >= floor for w in d.delimiters) says, and
    for floor 0 and k > 0 also without the second test (a negative start never matches then)."""
    return conv.endswith(d.delimiters, floor, k)


def _latin_name_ok(d: _Discovery, name: str) -> bool:
    if len(name) < 2 or name in d.not_orgs:
        return False
    tokens = name.split(" ")
    if tokens[0] in d.stop_first:
        return False
    # a product code among the tokens (e.g. "AI GPU"), or every token a stop word -> not a name
    if any(d.product_code.match(t) for t in tokens):
        return False
    return not all(t in d.not_orgs for t in tokens)


def _zh_start(d: _Discovery, conv: str, end: int, min_len: int, max_len: int) -> int | None:
    """Smallest body conv[start:end] of min_len..max_len CJK characters that begins a name:
    at the text start, after a non-CJK character or after a delimiter word."""
    for length in range(min_len, max_len + 1):
        start = end - length
        if start < 0 or not _CJK_RE.fullmatch(conv[start]):
            return None
        if start == 0 or not _CJK_RE.match(conv[start - 1]):
            return start
        if _delimiter_ends_at(d, conv, start):  # start > 0 here
            return start
        if conv[start - 1] in "年月日号" and start >= 2 and conv[start - 2].isdigit():
            return start  # after a date: 12月24日南京银行
    return None


def _zh_body_ok(d: _Discovery, body: str, suffix: str) -> bool:
    if d.descriptor_stop_re is not None and d.descriptor_stop_re.search(body):
        return False
    if body in d.places and suffix not in d.places_allowed_before:
        return False
    if any(ch in d.dots for ch in body):
        return False
    return True


def _discover(conv: str, taken: list[tuple[int, int]], person_names: frozenset) -> list[tuple]:
    """Candidate new organizations: (start, end, name) in converted coordinates."""
    d = _discovery()
    found: list[tuple[int, int, str]] = []

    def add(a, b, name):
        name = _WS_RE.sub(" ", name).strip()
        if not name or name in person_names or name in d.not_orgs:
            return
        found.append((a, b, name))

    # A candidate overlapping a gazetteer or person match is dropped below (claim), and so is
    # any candidate holding one: the rules are not read for a run or suffix that overlaps one.
    occupied = bytearray(len(conv))
    for s, e in taken:
        occupied[s:e] = b"\x01" * (e - s)

    def overlaps_taken(m):
        return occupied.find(1, m.start(), m.end()) != -1

    # Latin names: one pass over every capitalised run, then the rules on its surroundings.
    for m in d.latin_name.finditer(conv):
        if overlaps_taken(m):
            continue
        a, b, name = m.start(), m.end(), m.group()
        if not _latin_name_ok(d, name):
            continue
        tokens = name.split(" ")
        after = d.suffix_after.match(conv, b)
        if after:  # zh_suffix: Zeta公司 (name Zeta), Foo资本 (name Foo资本)
            if after.group(1) in d.zh_keep:
                add(a, after.end(), name + after.group(1))
            else:
                add(a, b, name)
        elif len(tokens) >= 2 and tokens[-1] in d.org_suffixes:  # latin_suffix: Zeta Labs
            add(a, b, name)
        elif d.context_before.search(conv, max(0, a - 16), a):  # 初创企业Zeta, 投资Zeta
            add(a, b, name)
    # zh_company: 苏州某某电子技术股份有限公司
    for m in d.zh_company.finditer(conv):
        if overlaps_taken(m):
            continue
        start = m.start()
        while start > 0 and m.start() - start < d.company_max and _CJK_RE.match(conv[start - 1]):
            start -= 1
        # start after the rightmost function word or verb (由, 与, 宣布...) leaving 4+ characters
        for k in range(m.start() - 4, start, -1):
            if _delimiter_ends_at(d, conv, k, start):
                start = k
                break
        body = conv[start:m.start()]
        if len(body) >= 2 and not any(ch in d.dots for ch in body) and not any(
                stop in body for stop in ("这", "该", "其", "一家", "的")):
            add(start, m.end(), conv[start:m.end()])
    # zh_short: 高瓴资本, 南京银行
    r = _rules()
    for m in d.zh_short.finditer(conv):
        if overlaps_taken(m):
            continue
        suffix = m.group()
        if suffix not in d.strong and not d.weak_followers.match(conv[m.end():m.end() + 2]):
            continue
        if conv.startswith(d.reject_after.get(suffix, ()), m.end()):
            continue  # 银行家, 资本市场: a longer word, not a name
        start = _zh_start(d, conv, m.start(), r["zh_short_min_body"], r["zh_short_max_body"])
        if start is None:
            continue
        body = conv[start:m.start()]
        if _zh_body_ok(d, body, suffix):
            add(start, m.end(), body + suffix)

    # drop candidates overlapping a gazetteer/person match or a longer candidate
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str]] = []

    def claim(a, b, name):
        if occupied.find(1, a, b) == -1:
            occupied[a:b] = b"\x01" * (b - a)
            kept.append((a, b, name))

    for a, b, name in found:
        claim(a, b, name)
    # later bare mentions of a discovered name in the same text
    for name in sorted({name for _, _, name in kept}, key=len, reverse=True):
        for a, b in _occurrences(name, conv, d.word):
            claim(a, b, name)
    return kept


def _occurrences(name: str, conv: str, word: str):
    """Spans of a discovered name in conv, left to right, not overlapping: a Chinese name
    as written, a Latin one as a whole word with any whitespace between its words. Names
    without whitespace are found with str.find (what a regex of the escaped name does)."""
    cjk = bool(_CJK_RE.search(name))
    if not cjk and " " in name:
        for m in _latin_mention_pattern(name, word).finditer(conv):
            yield m.start(), m.end()
        return
    word_char = None if cjk else _word_char(word)
    at = conv.find(name)
    while at >= 0:
        end = at + len(name)
        if word_char is None or not (at > 0 and word_char.match(conv, at - 1) or word_char.match(conv, end)):
            yield at, end
            at = conv.find(name, end)
        else:  # inside a longer Latin word
            at = conv.find(name, at + 1)


@lru_cache(maxsize=None)
def _word_char(word: str) -> re.Pattern:
    return re.compile(f"[{word}]")


@lru_cache(maxsize=1024)
def _latin_mention_pattern(name: str, word: str) -> re.Pattern:
    # Compiled once per name (re's own cache is shared with every other pattern).
    # No word character before the name, tested after its first character (the same test) so
    # that the pattern starts with a literal the regex engine can scan for.
    rest = re.escape(name[1:]).replace(chr(92) + ' ', chr(92) + 's+')
    return re.compile(f"{re.escape(name[:1])}(?<![{word}].){rest}(?![{word}])")


# ----------------------------------------------------------------------------------------------
# Public extraction API


@lru_cache(maxsize=1)
def _person_keys() -> frozenset:
    return frozenset(k for k, (t, _) in load_gazetteer().keys.items() if t == "person")


def extract_org_mentions(text: str) -> list[dict]:
    """Every organization mention in text, sorted by offset. Pure.

    Each dict: name (canonical, or the discovered name), surface (== text[char_start:char_end]),
    char_start, char_end, in_gazetteer (bool), kind, name_zh."""
    conv, starts, ends, matches = _analyse(text)
    gaz = load_gazetteer()
    out = []
    taken = []
    for a, b, type_, name in matches:
        taken.append((a, b))
        if type_ != "org":
            continue
        s, e = _span(starts, ends, a, b)
        org = gaz.by_name[name]
        out.append({"name": name, "surface": text[s:e], "char_start": s, "char_end": e,
                    "in_gazetteer": True, "kind": org.kind, "name_zh": org.name_zh})
    for a, b, name in _discover(conv, taken, _person_keys()):
        s, e = _span(starts, ends, a, b)
        out.append({"name": name, "surface": text[s:e], "char_start": s, "char_end": e,
                    "in_gazetteer": False, "kind": "unknown",
                    "name_zh": name if _CJK_RE.search(name) else None})
    out.sort(key=lambda m: (m["char_start"], m["char_end"]))
    return out


def extract_person_mentions(text: str) -> list[dict]:
    """Every mention of a person in people.yaml: name, surface, char_start, char_end. Pure."""
    conv, starts, ends, matches = _analyse(text)
    out = []
    for a, b, type_, name in matches:
        if type_ == "person":
            s, e = _span(starts, ends, a, b)
            out.append({"name": name, "surface": text[s:e], "char_start": s, "char_end": e})
    return out
