"""Anaphora: 该公司, 其, 双方, 前者, the company ... become organization tokens of the organization(s)
they point back to (ingest/data/anaphora.yaml lists the words).

A singular anaphor points to the organization the text is about: the first organization named in
its sentence before it, or else the subject (first organization) of the last sentence that named
one. 双方 points to the last two organizations named; 前者/后者 to the first/last organization of
the last sentence that named two or more.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .vocab import alternation, vocabulary


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    v = vocabulary("anaphora")
    groups = [f"(?P<{name}>{alternation(v[name], escape=False)})"
              for name in ("startup", "chipmaker", "singular", "pair", "former", "latter")]
    return re.compile("|".join(groups))


@lru_cache(maxsize=1)
def _pattern_starts() -> re.Pattern | None:
    from .regex_starts import starts_of
    return starts_of(_pattern())


def _cues(view: str):
    """Sorted offsets where an anaphor may begin (starts_of the pattern: its first characters and
    what may follow them): the pattern is tried there only, not at every character."""
    starts = _pattern_starts()
    return range(len(view)) if starts is None else [m.start() for m in starts.finditer(view)]


def _anaphors(view: str, sentence, cues: list, first: int) -> list:
    """_pattern().finditer(view, sentence.start, sentence.end), tried at the cues only (cues[first]
    is the first one in the sentence)."""
    found = []
    pattern = _pattern()
    position = sentence.start
    for cue in cues[first:bisect_left(cues, sentence.end, first)]:
        if cue >= position and (m := pattern.match(view, cue, sentence.end)) is not None:
            found.append(m)
            position = m.end()
    return found


@lru_cache(maxsize=1)
def _product_pattern() -> tuple[re.Pattern | None, dict]:
    """The ChatGPT maker, the company behind ChatGPT, ChatGPT开发商: the organization making a
    product the gazetteer lists for it."""
    from .orgs import load_gazetteer
    makers = {product: org.name for org in load_gazetteer().orgs for product in org.products}
    if not makers:
        return None, {}
    products = alternation(makers)
    v = vocabulary("anaphora")["product"]
    pattern = "|".join(f"(?:{form})".replace("{PRODUCT}", f"(?P<p{i}>{products})") for i, form in enumerate(v))
    return re.compile(pattern), makers


@lru_cache(maxsize=1)
def _product_gates() -> tuple[re.Pattern, re.Pattern | None]:
    """The products alone (a text naming none has no product anaphor), and starts_of."""
    from .regex_starts import starts_of
    pattern, makers = _product_pattern()
    return re.compile(alternation(makers)), starts_of(pattern)


def _product_tokens(model) -> list:
    from .regex_starts import gated_finditer
    from .text import Token
    pattern, makers = _product_pattern()
    if pattern is None:
        return []
    products, starts = _product_gates()
    if products.search(model.view) is None:
        return []
    found = []
    for m in gated_finditer(pattern, starts, model.view):
        product = next(value for name, value in m.groupdict().items() if value)
        if not model.overlaps(m.start(), m.end()):
            found.append(Token("org", m.start(), m.end(), makers[product], via="anaphor"))
    return found


def resolve_anaphora(model) -> None:
    from .text import Token
    products = _product_tokens(model)
    model.tokens.extend(products)
    if products or len(getattr(model, "_token_starts", ())) != len(model.tokens):
        model.index()  # a sort: not again when the caller indexed these very tokens already
    orgs = [t for t in model.tokens if t.kind == "org" and not t.source]  # sorted like model.tokens
    org_starts = [t.start for t in orgs]
    cues = _cues(model.view)
    lists = None  # (end offset, names) of every list of two or more organizations, when needed
    added = []
    named_before: list = []   # named organization tokens of the sentences read so far
    subjects: list = []       # first named organization of each sentence that has one
    for sentence in model.sentences:
        first = bisect_left(cues, sentence.start)
        i, j = bisect_left(org_starts, sentence.start), bisect_left(org_starts, sentence.end)
        named = [t for t in orgs[i:j] if t.end <= sentence.end] if i < j else []
        if first < len(cues) and cues[first] < sentence.end:
            for m in _anaphors(model.view, sentence, cues, first):
                if lists is None and m.lastgroup in ("former", "latter"):
                    lists = _org_lists(model)  # only 前者/后者 read them
                value = _resolve(model, sentence, m, named, named_before, subjects, lists)
                if value:
                    added.append(Token("org", m.start(), m.end(), value, via="anaphor"))
        named_before.extend(named)
        if named:
            subjects.append(named[0].value)
    model.tokens.extend(added)


def _resolve(model, sentence, m, named: list, named_before: list, subjects: list, lists):
    """The organization (or pair of them) the anaphor m stands for, or None."""
    if model.overlaps(m.start(), m.end()) or _touches_token(model, m):
        return None
    here = [t for t in named if t.end <= m.start()]
    if m.lastgroup == "startup":
        described = [t for t in named_before + here if _called_a_startup(model.view, t)]
        if described:
            return described[-1].value
    if m.lastgroup in KIND_OF_ANAPHOR:
        return _last_of_kind(named_before + here, KIND_OF_ANAPHOR[m.lastgroup])
    if m.lastgroup == "singular":  # the first organization opening a clause, else the first one
        subject = next((t for t in here if _opens_clause(model.view, sentence.start, t)), None)
        return _antecedent(m.lastgroup, [subject] if subject else here, named_before, subjects, [])
    earlier_lists = [names for end, names in lists or () if end <= m.start()]  # 前者/后者 only
    return _antecedent(m.lastgroup, here, named_before, subjects, earlier_lists)


LIST_SEPARATOR = re.compile(r"\s*(?:、|,|和|及|与|以及|跟|and|, and|&)\s*")


def _org_lists(model) -> list[tuple[int, list]]:
    """Runs of two or more organizations with nothing but list separators between them."""
    runs, current = [], []
    for token in (t for t in model.tokens if t.kind == "org"):
        if current and LIST_SEPARATOR.fullmatch(model.view, current[-1].end, token.start):
            current.append(token)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = [token]
    if len(current) >= 2:
        runs.append(current)
    return [(run[-1].end, list(dict.fromkeys(t.value for t in run))) for run in runs]


OPENER = re.compile(r"[^,;:。!?\n]{0,8}")
NOT_OPENER = re.compile(r"[在据从与和对向给为]")


def _opens_clause(view: str, sentence_start: int, token) -> bool:
    """An organization its clause starts with (a few words of time or place before it at most),
    not one inside a phrase like 在旧金山摩根士丹利…大会上: the subject 其 and 该公司 point to."""
    start = max(sentence_start, token.start - 9)  # OPENER allows 8 characters: look no further back
    start = max(view.rfind(c, start, token.start) + 1 for c in ",;:。!?\n") or start
    before = view[start:token.start]
    return OPENER.fullmatch(before) is not None and not NOT_OPENER.match(before)


def _touches_token(model, m) -> bool:
    """公司 right after a name is its head noun (云途科技公司), not a reference back."""
    return any(t.end == m.start() and t.kind == "org" for t in model.tokens_in(max(0, m.start() - 40), m.start()))


# Anaphors naming a kind of organization, and the gazetteer kinds they can point to (None: any kind
# but these, for a startup: not a big company, an investor or a public body).
NOT_A_STARTUP = {"big_tech", "vc", "corporate_vc", "private_equity", "asset_manager", "bank", "sovereign_fund",
                 "government", "regulator", "research", "media", "data_provider", "chipmaker", "cloud"}
KIND_OF_ANAPHOR = {"startup": None, "chipmaker": {"chipmaker"}}


@lru_cache(maxsize=1)
def _startup_descriptions() -> tuple[re.Pattern, re.Pattern]:
    v = vocabulary("anaphora")
    return re.compile(v["startup_described_after"]), re.compile(v["startup_described_before"])


def _called_a_startup(view: str, token) -> bool:
    after, before = _startup_descriptions()
    return bool(after.match(view, token.end) or before.search(view, max(0, token.start - 12), token.start))


def _last_of_kind(tokens: list, kinds: set | None):
    from .orgs import load_gazetteer
    gazetteer = load_gazetteer()
    for token in reversed(tokens):
        org = gazetteer.org(token.value) if isinstance(token.value, str) else None
        kind = org.kind if org else "unknown"
        if (kind in kinds) if kinds else (kind not in NOT_A_STARTUP):
            return token.value
    return None


def _antecedent(kind: str, here: list, named_before: list, subjects: list, lists: list):
    if kind == "singular":
        if here:
            return here[0].value
        return subjects[-1] if subjects else None
    if kind == "pair":
        recent = list(dict.fromkeys(t.value for t in reversed(named_before + here)))[:2]
        return tuple(reversed(recent)) if len(recent) == 2 else None
    source = next((names for names in reversed(lists) if len(names) >= 2), None)
    if not source:  # no list: the two organizations named last (谷歌已与Anthropic达成协议,将供应后者…)
        recent = list(dict.fromkeys(t.value for t in reversed(named_before + here)))[:2]
        source = list(reversed(recent)) if len(recent) == 2 else None
    if not source:
        return None
    return source[0] if kind == "former" else source[-1]
