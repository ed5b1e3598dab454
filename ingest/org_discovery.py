"""Organizations the gazetteer does not know, found in the normalized view of a text.

Each rule proposes names (docs/organizations.md has examples of each):
- company: a registered Chinese name (…科技有限公司, …股份有限公司); its core (无问芯穹 in
  上海无问芯穹智能科技有限公司) and any abbreviation it is given (简称"电光云") name it later on. A
  registered name around a gazetteer alias (北京月之暗面科技有限公司) is that organization.
- suffix: a short Chinese name with an organization suffix (高瓴资本, 湘江国投, 龙旗科技);
- context: a name a word marks as an organization (南都记者, 光年之外联合创始人, 独角兽沐曦股份,
  来源:凤凰网, Jefferies 分析师);
- latin: a capitalized Latin name with a company suffix (Zeta Labs), a Chinese suffix (Foo资本) or
  a deal word or company noun before it (投资Zeta, 初创企业Zeta);
- list: a name standing in a list (、) with organizations (阿里、腾讯、小红书、高榕创投).
A proposed name is dropped when it is a place, a product, a person or a description (org_rules.yaml).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .org_discovery_vocab import Spans, Vocab, discovery_vocab
from .orgs import CJK, CJK_RE, WHITESPACE, ends_with, every_match, is_cjk, rules
from .projects import find_projects
from .regex_starts import gated_finditer


def discover(view: str, known: list, person_keys: frozenset) -> tuple[list[tuple[int, int, str, bool]], set]:
    """Every organization mention of the view: the gazetteer's (known: scan_known's matches) and
    the discovered ones, as (start, end, name, in_gazetteer), sorted, not overlapping; and the
    discovered names that are projects (ingest/projects.py)."""
    v = discovery_vocab()
    spans = Spans(len(view))
    for a, b, _, _ in known:  # a person's name holds no organization; the gazetteer's are taken
        spans.covered[a:b] = b"\x01" * (b - a)
    known_orgs = [(a, b, name) for a, b, type_, name in known if type_ == "org"]
    spans.items = [(a, b, name, True) for a, b, name in known_orgs]  # scan_known's never overlap
    spans.spans = {(a, b) for a, b, _ in known_orgs}
    aliases: dict[str, tuple[str, bool]] = {}   # other names a text gives an organization
    projects = _projects(view, spans)
    _companies(view, v, spans, known_orgs, aliases)
    _suffix_names(view, v, spans)
    _latin_names(view, v, spans, aliases)
    _context_names(view, v, spans)
    _list_names(view, v, spans, person_keys)
    _english_list_names(view, v, spans, person_keys)
    _bracketed_aliases(view, v, spans, aliases)
    _later_mentions(view, v, spans, aliases)
    return sorted(spans.items), projects


def _projects(view: str, spans: Spans) -> set:
    """这个项目被称为「Izanagi」: a project the gazetteer does not know (its later mentions are
    found with every discovered name's)."""
    names = set()
    for a, b, name in find_projects(view):
        if spans.add(a, b, name, False):
            names.add(name)
    return names


@lru_cache(maxsize=1 << 14)  # pure, and the same names come back
def _acceptable(name: str) -> bool:
    v = discovery_vocab()
    name = WHITESPACE.sub(" ", name).strip()
    return bool(name) and name not in v.not_orgs and v.dot_set.isdisjoint(name)


# -- company: registered Chinese names ---------------------------------------------------------


def _companies(view: str, v: Vocab, spans: Spans, known_orgs: list, aliases: dict) -> None:
    for m in v.company.finditer(view):
        start = _company_start(view, v, m.start())
        body = view[start:m.start()]
        if len(body) < 2 or v.company_stop.search(body):
            continue
        inner = [k for k in known_orgs if start <= k[0] and k[1] <= m.start()]
        core = _core_name(v, body)
        if len(inner) == 1 and _is_core_of(view, v, inner[0], start, m.start()):
            spans.remove(inner[0][0], inner[0][1])
            spans.add(start, m.end(), inner[0][2], True)
            continue
        if inner or not spans.free(start, m.end()):
            continue
        name = view[start:m.end()]
        if _acceptable(name) and spans.add(start, m.end(), name, False) and core and core != name:
            aliases.setdefault(core, (name, False))


def _company_start(view: str, v: Vocab, end: int) -> int:
    """Where a registered name ending at end starts: after the last delimiter word (由, 与, 公司,
    the, a quote...) that leaves at least 4 characters, within company_max characters."""
    start = end
    while start > 0 and end - start < v.company_max and CJK_RE.match(view[start - 1]):
        start -= 1
    for k in range(end - 4, start, -1):
        if ends_with(view, k, v.delimiter_sets, start):
            start = k
            break
    # A registered name begins with its place when it has one (共同设立浙江电光云科技有限公司).
    for k in range(start + 1, end - 3):
        if any(view[k:k + n] in places for n, places in v.place_sets):
            return k
    return start


def _core_name(v: Vocab, body: str) -> str | None:
    """上海无问芯穹智能科技 → 无问芯穹: the name without its place and industry words."""
    core = v.places.sub("", body)
    core = v.industry.sub("", core)
    return core if len(core) >= 2 else None


def _is_core_of(view: str, v: Vocab, inner, start: int, end: int) -> bool:
    """北京月之暗面科技有限公司 around 月之暗面: nothing but a place before, industry words after."""
    before = view[start:inner[0]]
    after = view[inner[1]:end]
    return v.places.sub("", before) == "" and v.industry.sub("", after) == ""


# -- suffix: short Chinese names ---------------------------------------------------------------


def _suffix_names(view: str, v: Vocab, spans: Spans) -> None:
    """All candidates first, then the longest of overlapping ones: 杭州城投产业基金, not 杭州城投."""
    r = rules()
    candidates = []
    for m in every_match(v.short, view, v.short_firsts):  # every position a suffix starts, overlapping
        if spans.covered.find(1, m.start(), m.end()) != -1:
            continue  # inside a name found already: a candidate around it could not be added
        suffix = m.group()
        if suffix not in v.strong and not v.weak_followers.match(view[m.end():m.end() + 2]):
            continue
        if view.startswith(v.reject_after.get(suffix, ()), m.end()):
            continue  # 银行家, 资本市场: a longer word, not a name
        longest = r["zh_short_max_body_at_boundary"] if suffix in v.strong else r["zh_short_max_body"]
        for start in _zh_starts(view, v, m.start(), r["zh_short_min_body"], r["zh_short_max_body"], longest):
            body = view[start:m.start()]
            if _body_ok(body, suffix) and _acceptable(body + suffix):
                candidates.append((_with_place(view, v, start), m.end(), suffix not in v.strong))
                break
    for a, b, weak in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if spans.add(a, b, view[a:b], False) and weak:
            spans.weak.add((a, b))


def _zh_starts(view: str, v: Vocab, end: int, min_len: int, max_len: int, hard_max: int):
    """Where a body view[start:end] of min_len..hard_max Chinese characters may begin a name,
    shortest first: at a non-Chinese character, after a delimiter word, after a date (bodies
    longer than max_len only at a non-Chinese character or a delimiter)."""
    run = _cjk_run_start(view, end, hard_max)  # Chinese characters from run to end
    if end - run < min_len:
        return
    for length in range(min_len, min(hard_max, end - run) + 1):
        start = end - length
        if start == run:
            yield start
            return
        if view[start - 1] in v.delimiter_ends and ends_with(view, start, v.delimiter_sets):
            yield start
        elif length <= max_len and view[start - 1] in "年月日号" and start >= 2 and view[start - 2].isdigit():
            yield start  # after a date: 12月24日南京银行
        for n, places in v.place_sets if view[start - 1] in v.place_ends else ():
            k = start - n  # 控股股东深圳|东阳光实业: a place before the body starts it
            if k >= 0 and view[k:start] in places and (k == 0 or not is_cjk(view[k - 1])
                                                       or ends_with(view, k, v.delimiter_sets)):
                yield k


CJK_TAIL = re.compile(f"[{CJK}]*\\Z")  # the Chinese characters up to where the search ends


def _cjk_run_start(view: str, end: int, hard_max: int) -> int:
    """Where the run of Chinese characters ending at end starts, looking back hard_max + 1
    characters at most (further back than end - hard_max, the exact start does not matter)."""
    return CJK_TAIL.search(view, max(0, end - hard_max - 1), end).start()


def _with_place(view: str, v: Vocab, start: int) -> int:
    """成都|高投电子信息产业集团: a place right before the name that a delimiter character ended
    (都 of 成都) belongs to it."""
    if view[start - 1] not in v.place_ends:  # (also what the lookup below reads at start 0)
        return start
    for n, places in v.place_sets:
        # at start < n, str.startswith's reading of a negative offset (from the text's end) is kept
        before = view[start - n:start] if start >= n else view[start - n:][:n]
        if before in places and (start - n == 0 or not CJK_RE.match(view[start - n - 1])):
            return start - n
    return start


@lru_cache(maxsize=1 << 14)
def _body_ok(body: str, suffix: str) -> bool:
    """Not a description: no 的/这/该/大型…, and something left besides places and descriptor
    words (河南 before 投资集团 is a name: places_allowed_before)."""
    v = discovery_vocab()
    if v.descriptor_stop.search(body) or not v.dot_set.isdisjoint(body) or body.startswith(v.not_first):
        return False
    if v.descriptor_only.fullmatch(body):
        return bool(v.places.match(body)) and suffix in v.places_allowed_before
    return True


# -- context: names a neighbouring word marks --------------------------------------------------


def _context_names(view: str, v: Vocab, spans: Spans) -> None:
    """南都记者, 光年之外联合创始人 (a word after the name); 来源:凤凰网, 独角兽沐曦股份 (before)."""
    for m in v.context_after.finditer(view):
        k = m.start()
        if k < 2 or not is_cjk(view[k - 1]):
            continue
        start = next((a for a in range(k - 2, max(-1, k - 7), -1)
                      if a == 0 or not is_cjk(view[a - 1]) or view.endswith(v.context_left, 0, a)), None)
        name = view[start:k] if start is not None else ""
        if name and _context_name_ok(v, name):
            spans.add(start, k, name, False)
    for m in gated_finditer(v.context_before, v.context_before_starts, view):
        name = m.group("name")
        if _context_name_ok(v, name):
            spans.add(m.start("name"), m.end("name"), name, False)
    for m in v.publication.finditer(view):
        spans.add(m.start("name"), m.end("name"), m.group("name"), False)
    for m in _before_brackets(view, v):
        k = m.start()
        start = next((a for a in _name_starts(view, v, k) if _body_ok(view[a:k], "")), None)
        if start is not None and _acceptable(view[start:k]) and not _is_person_like(v, view[start:k]):
            spans.add(start, k, view[start:k].strip(), False)


def _before_brackets(view: str, v: Vocab):
    """v.before_bracket.finditer(view). The pattern opens with an optional whitespace and a
    bracket, so a match starts at a "(" or right before one: tried there only."""
    if not v.before_bracket.pattern.startswith(r"\s?\("):
        yield from v.before_bracket.finditer(view)
        return
    position = 0
    while (bracket := view.find("(", position)) != -1:
        m = v.before_bracket.match(view, bracket - 1) if bracket > position else None
        m = m or v.before_bracket.match(view, bracket)
        if m is None:
            position = bracket + 1
        else:
            yield m
            position = m.end()


def _name_starts(view: str, v: Vocab, end: int):
    """Starts of a name ending at end (Chinese or Latin, a single space inside allowed), shortest
    first, at a boundary: what _zh_starts allows, or a non-name character."""
    end_trim = end
    while end_trim > 0 and view[end_trim - 1] == " ":
        end_trim -= 1
    if end_trim and v.latin_char.match(view[end_trim - 1]):
        m = re.search(f"[{v.word}&][{v.word}&.' -]*$", view[max(0, end_trim - 40):end_trim])
        if m:
            yield end_trim - len(m.group().lstrip(" "))
        return
    yield from _zh_starts(view, v, end_trim, 2, 6, 10)


def _context_name_ok(v: Vocab, name: str) -> bool:
    return _body_ok(name, "") and _acceptable(name) and not _is_person_like(v, name) \
        and not v.context_stop.search(name)


def _is_person_like(v: Vocab, name: str) -> bool:
    return 2 <= len(name) <= 3 and CJK_RE.fullmatch(name[0]) is not None and name[0] in v.surnames


# -- latin: capitalized names ------------------------------------------------------------------


def _latin_names(view: str, v: Vocab, spans: Spans, aliases: dict) -> None:
    covered = spans.covered
    for m in v.latin_name.finditer(view):
        (a, b), name = m.span(), m.group()
        if covered.find(1, a, b) != -1 or not _latin_ok(name):  # most are gazetteer names
            continue
        tokens = name.split(" ")
        after = v.latin_suffix_after.match(view, b)
        if after:  # Zeta公司 (name Zeta), Foo资本 (name Foo资本, also called Foo)
            if after.group(1) in v.latin_keep:
                if spans.add(a, after.end(), name + after.group(1), False):
                    aliases.setdefault(name, (name + after.group(1), False))
            else:
                spans.add(a, b, name, False)
        elif len(tokens) >= 2 and tokens[-1] in v.latin_org_suffixes:
            spans.add(a, b, name, False)
        elif (v.en_after.match(view, b) or v.en_apposition.match(view, b) or v.en_raise_after.match(view, b)) \
                and not name.split(" ")[0] in v.first_names:
            spans.add(a, b, name, False)
        elif _after_context_word(view, v, a):
            spans.add(a, b, name, False)


def _after_context_word(view: str, v: Vocab, a: int) -> bool:
    """latin_context_before: 投资Zeta, 初创企业Zeta, invested in Zeta. Its words end right before
    the whitespace that ends view[:a], so the last character there must end one of them."""
    lo = max(0, a - 24)
    tail = view[lo:a].rstrip()
    return bool(tail) and tail[-1] in v.context_word_ends and v.latin_context_before.search(view, lo, a) is not None


@lru_cache(maxsize=4096)
def _latin_ok(name: str) -> bool:
    """Not a stop word, product code or common word (cached: the same names come back often)."""
    v = discovery_vocab()
    if len(name) < 2 or name in v.not_orgs:
        return False
    tokens = name.split(" ")
    if tokens[0] in v.stop_first or any(v.product_code.match(t) for t in tokens):
        return False
    return not all(t in v.not_orgs for t in tokens)


# -- list: names standing among organizations --------------------------------------------------


LIST_FIRST, LIST_REST = f"[{CJK}A-Za-z0-9&]", f"[{CJK}A-Za-z0-9&.' ]"
LIST_ITEM = f"{LIST_FIRST}{LIST_REST}{{0,24}}?"
LIST = re.compile(f"{LIST_ITEM}(?:、{LIST_ITEM})+(?=\\s*(?:[等,;。!?:)\"(\\n]|$|及|和|以及|与))")
LIST_END = re.compile(r"等|及|和|以及|与")  # what ends a list's last item
LIST_HEAD = re.compile(f"{LIST_FIRST}{LIST_REST}*\\Z")  # a first item, up to the end of the search
LIST_REACH = re.compile(f"(?:、{LIST_ITEM}(?=、))*")  # from a 、, to the last 、 a list's items reach


def _list_names(view: str, v: Vocab, spans: Spans, person_keys: frozenset) -> None:
    """阿里、腾讯、小红书、高榕创投等: an item of a 、-list holding an organization is one too."""
    for m in _lists(view):
        pieces = _list_items(view, m.start(), m.end())
        if len(pieces) < 2 or not any(spans.exactly(a, b) and spans.trusted(a, b) for a, b in pieces):
            continue
        for a, b in pieces:
            name = view[a:b]
            if not spans.free(a, b) or name in person_keys or _is_person_like(v, name):
                continue
            if v.person_marker.match(view, b) or v.descriptor_stop.search(name) or not _acceptable(name) \
                    or v.context_stop.search(name) or name.startswith(v.not_first):
                continue
            if len(name) < 2 or name in v.place_names:
                continue
            spans.add(a, b, name, False)


def _lists(view: str):
    """LIST.finditer(view), without trying LIST at every character: a list's first item ends at
    the first 、 after its start, 25 characters away at most, and what follows that 、 decides
    whether there is a match. So before each 、 only the leftmost start of a first item needs a try.
    When that try fails, a try at any later 、 its items reach fails too (its possible ends are a
    subset): they are skipped, so a run of thousands of items is read once, not once per item."""
    position = 0
    while (comma := view.find("、", position + 1)) != -1:
        head = LIST_HEAD.search(view, max(position, comma - 25), comma)
        m = LIST.match(view, head.start()) if head is not None else None
        if m is None:
            position = (LIST_REACH.match(view, comma).end() if head is not None else comma) + 1
        else:
            yield m
            position = m.end()


EN_TOKEN = r"(?:[A-Z]|\d+[A-Z])[\w\-&']*(?:\.[A-Za-z][\w\-&']*)*(?:(?:(?<=Inc)|(?<=Ltd)|(?<=Co)|(?<=Corp))\.)?"
EN_NAME = re.compile(f"{EN_TOKEN}(?:\\s(?:&\\s)?{EN_TOKEN}){{0,4}}")
EN_LIST = re.compile(f"{EN_NAME.pattern}(?:(?:,\\s(?:and\\s)?|\\sand\\s){EN_NAME.pattern})+")
EN_LIST_SEPARATORS = (re.compile(r",\s"), re.compile(r"and(?<=\sand)\s"))  # "and" first: quick to find
# A capital that a list separator follows with nothing but characters of names in between.
EN_LIST_START = re.compile(r"(?:[A-Z]|\d+[A-Z])(?=[\w\-&'.\s]*?(?:,\s|\sand\s))")


def _english_list_names(view: str, v: Vocab, spans: Spans, person_keys: frozenset) -> None:
    """…investors who joined are DST Global, Andreessen Horowitz, Bpifrance and Nvidia: a
    capitalized name in a comma list with at least one organization is one too."""
    for m in _english_lists(view):
        items = [(x.start(), x.end()) for x in EN_NAME.finditer(view[m.start():m.end()])]
        items = [(m.start() + a, m.start() + b) for a, b in items]
        items = [(a, b - 1) if view[b - 1] in ".," else (a, b) for a, b in items]
        if len(items) < 2 or not any(spans.exactly(a, b) or not spans.free(a, b) for a, b in items):
            continue
        for a, b in items:
            candidate = view[a:b]
            if not spans.free(a, b) or candidate in person_keys or not _latin_ok(candidate) \
                    or candidate.split(" ")[0] in v.first_names or candidate in v.place_names:
                continue
            spans.add(a, b, candidate, False)


def _english_lists(view: str):
    """EN_LIST.finditer(view), tried only at an EN_LIST_START: \\w takes in Chinese characters,
    so in Chinese text EN_LIST would run through every clause after a capital, and back."""
    if not any(separator.search(view) for separator in EN_LIST_SEPARATORS):
        return
    position = 0
    for start in EN_LIST_START.finditer(view):
        if start.start() >= position and (m := EN_LIST.match(view, start.start())) is not None:
            yield m
            position = m.end()


def _list_items(view: str, start: int, end: int) -> list[tuple[int, int]]:
    items = []
    position = start
    for part in view[start:end].split("、"):
        a, b = position, position + len(part)
        position = b + 1
        a += len(part) - len(part.lstrip())
        b -= len(part) - len(part.rstrip())
        items.append((a, b))
    # the first item starts after the last delimiter word before it that leaves a name of two
    # characters or more (包括阿里 → 阿里; 的上国投 → 上国投, not 投)
    a, b = items[0]
    delimiters = discovery_vocab().delimiter_sets
    a = next((k for k in range(b - 2, a, -1) if ends_with(view, k, delimiters, a)), a)
    while a < b and view[a].isspace():
        a += 1
    items[0] = (a, b)
    # the last one ends before 等 or a conjunction and the next item (… 及上城资本 is its own)
    a, b = items[-1]
    conjunction = LIST_END.search(view, a, b)
    items[-1] = (a, conjunction.start() if conjunction else b)
    return [(a, b) for a, b in items if b > a]


# -- aliases and later mentions ----------------------------------------------------------------


def _bracketed_aliases(view: str, v: Vocab, spans: Spans, aliases: dict) -> None:
    """电光云科技有限公司(简称"电光云"), 成都高投电子信息产业集团(高投电子): another name."""
    for a, b, name, in_gazetteer in list(spans.items):
        m = v.alias_bracket.match(view, b)
        if m and len(m.group("alias")) >= 2 and m.group("alias") != name and not v.before_bracket.match(view, b):
            aliases.setdefault(m.group("alias"), (name, in_gazetteer))


def _later_mentions(view: str, v: Vocab, spans: Spans, aliases: dict) -> None:
    """Every other occurrence of a discovered name or of an alias the text gave."""
    names = {name: (name, False) for _, _, name, known in spans.items if not known}
    names.update(aliases)
    for surface in sorted(names, key=len, reverse=True):
        target, known = names[surface]
        latin = not CJK_RE.search(surface)
        at = view.find(surface)
        while at != -1:
            end = at + len(surface)
            latin_inside = latin and (
                (at > 0 and v.latin_char.match(view[at - 1])) or (end < len(view) and view[end].isascii() and view[end].isalpha()))
            if not latin_inside:
                spans.add(at, end, target, known)
            at = view.find(surface, end)
