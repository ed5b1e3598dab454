"""Deals: who pays whom, how much, promised or paid — read sentence by sentence from the clean text.

A sentence is cut into clauses at commas. A clause reports a deal when it holds a trigger word from
data/deals.yaml; the parties come from where the organizations stand around the trigger:

    X 向/对/给 Y … 投资        X → Y          X 投资(了) Y               X → Y
    X 将 Y 纳为子公司           X acquires Y   X 与 Y … 资本业务合作       X → Y (capital alliance)
    Y 得到 X 领投的 AMT B轮融资  round of Y, X leads
    X 在 Y … 融资轮中的投资额 AMT  X → Y, a share of Y's round
    X 承诺购买 Y 芯片             X → Y (purchase commitment)

Then the amount of the clause, its status cues (宣布, 已, 据知情人士透露, 最初承诺…) and the nearest
date. Mentions of the same deal in one document are merged (see merge_mentions); reports of the same
deal in several documents are merged when saved (see ingest/store/deals.py).
"""
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .language import simplified_view
from .resources import load_vocabulary
from .sentences import (Sentence, find_dates, first_char_class, first_char_guard, first_chars,
                        reads_only_its_match, split_sentences)

STATUS_ORDER = ["scaled_back", "cancelled", "completed", "announced", "planned", "in_talks", "rumored"]
CLAUSE_STOP = re.compile(r"[,，;；。！？!?]")
CARRY_TRIGGER = re.compile(r"出资|投资|注资|投入")


@dataclass
class Entity:
    start: int
    end: int
    org: str | None          # canonical organization name
    via: str                 # org | person | anaphora


@dataclass
class Mention:
    """One clause's report of a deal, before merging."""
    kind: str
    from_org: str | None
    to_org: str | None
    amount_index: int | None
    status: str | None       # None when the clause has no status cue
    date: tuple | None       # (value, precision)
    evidence: tuple          # (start, end)
    counterparty_text: str | None = None
    round_name: str | None = None
    role: str | None = None
    project: str | None = None
    parent: "Mention | None" = None
    order: int = 0


# Trigger pattern types written as regular expressions in deals.yaml (the others are words).
REGEX_PATTERN_TYPES = ("received",)


@lru_cache(maxsize=1)
def vocabulary():
    v = load_vocabulary("deals")
    compiled = {
        "triggers": [],
        "status": {status: _alternation(v["status_cues"][status], escape=False) for status in STATUS_ORDER},
        "past": _alternation(v["past_markers"]),
        "noun_after": _alternation(v["noun_after_trigger"]),
        "not_a_deal": _alternation([w for words in v["not_a_deal_cues"].values() for w in words], escape=False),
        "source": re.compile(v["source_pattern"]),
        "source_first": first_char_class(re.compile(v["source_pattern"])),
        "round_name": re.compile(v["round_name_pattern"]),
        "project": re.compile(v["project_pattern"]),
        "org_anaphora": _alternation(v["org_anaphora"], escape=False),
        "person_titles": _alternation(v["person_titles"]),
        "chip": _alternation(v["chip_words"]),
        "cloud": _alternation(v["cloud_words"]),
        "deal_value": _alternation(v["deal_value_words"]),
        "sale": _alternation(v["sale_words"]),
        "buyer_list": re.compile(v["buyer_list_pattern"]),
        "cumulative": _alternation(v["cumulative_cues"]),
        "this_round": _alternation(v["this_round"]),
        "lead": _alternation(v["lead_words"]),
        "participant": _alternation(v["participant_words"], escape=False),
        "round": _alternation(v["round_words"]),
        "raise": _alternation(v["raise_words"]),
        "to_markers": set(v["to_markers"]),
        "to_marker_chars": _char_class(v["to_markers"]),
        "partner_markers": set(v["partner_markers"]),
        "not_subject_markers": set(v["partner_markers"]) | set(v["to_markers"]),
        "receive_markers": tuple(v["receive_markers"]),
        "received_filler": re.compile(v["received_filler"]),
        "received_verbs": sorted(v["received_verbs"], key=len, reverse=True),
        "investment_words": sorted(v["triggers"]["equity_investment"]["directed"], key=len, reverse=True),
        "counterparty": _alternation(v["counterparty_words"]),
        "from_marker": v["from_marker"],
        "from_closers": _alternation(v["from_closers"]),
        "raw": v,
    }
    triggers = []
    for kind, patterns in v["triggers"].items():
        for pattern_type, words in patterns.items():
            escape = kind not in ("cloud_credits", "compute_access") and pattern_type not in REGEX_PATTERN_TYPES
            triggers.append(_alternation_source(words, escape=escape))
            compiled["triggers"].append((kind, pattern_type, _alternation(words, escape=escape)))
    # The characters each trigger pattern's matches start with (None: unknown), to skip the
    # patterns that cannot match a clause.
    compiled["trigger_firsts"] = [first_chars(re.compile(source)) for source in triggers]
    # Matches somewhere in a span iff one of the trigger patterns does: most clauses hold no
    # trigger, and one search rules them out instead of one per pattern.
    compiled["any_trigger"] = _union(triggers)
    # Any cue a clause reader acts on (a trigger, 参投, a broken promise). A span where it finds
    # nothing holds no clause with a cue, when its matches depend on nothing but what they
    # consume (reads_only_its_match); otherwise None and every clause is read.
    cues = re.compile(_union_source(
        triggers + [_alternation_source(v["participant_words"], escape=False)] +
        [_alternation_source(v["status_cues"][s], escape=False) for s in ("scaled_back", "cancelled")]))
    compiled["clause_cues"] = first_char_guard(cues) if reads_only_its_match(cues) else None
    # Any word a sentence reader acts on (see _read_sentence); None: read every sentence.
    sentence_readers = [compiled[k] for k in ("round", "raise", "clause_cues", "deal_value")] + [CARRY_TRIGGER]
    joinable = compiled["clause_cues"] is not None and not any(p.groups for p in sentence_readers)
    compiled["sentence_cues"] = _union([p.pattern for p in sentence_readers]) if joinable else None
    # A round or fundraising word: what _round and _fundraise look for first.
    round_readers = [compiled["round"], compiled["raise"]]
    compiled["round_cues"] = None if any(p.groups for p in round_readers) else _union([p.pattern for p in round_readers])
    return compiled


def _char_class(words) -> re.Pattern | None:
    """The one-character words as a character class (a character of the text is never equal to
    a longer word); None when there are none."""
    chars = sorted({w for w in words if len(w) == 1})
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None


def _alternation(words, escape=True) -> re.Pattern:
    return first_char_guard(re.compile(_alternation_source(words, escape)))


def _alternation_source(words, escape=True) -> str:
    parts = sorted((re.escape(w) if escape else w for w in words), key=len, reverse=True)
    return "|".join(parts)


def _union(sources: list[str]) -> re.Pattern:
    return first_char_guard(re.compile(_union_source(sources)))


def _union_source(sources: list[str]) -> str:
    """A pattern matching somewhere in a span iff one of the patterns does."""
    return "|".join(f"(?:{s})" for s in sources)


# ---------------------------------------------------------------------------------------------
# Entities: organizations, people standing for their organization, and anaphora


def build_entities(text: str, orgs: list[dict], people: list[dict], person_orgs: dict) -> list[Entity]:
    """Organizations as they stand in the text, with a person standing for their organization
    (软银集团创始人孙正义 → SoftBank Group) and 该公司/其 resolved to the last organization named."""
    v = vocabulary()
    entities = [Entity(m["char_start"], m["char_end"], m["name"], "org") for m in orgs]
    in_org = _Spans([(e.start, e.end) for e in entities])
    by_end: dict[int, list[int]] = {}  # end offset -> indexes into entities, for _title_org
    for index, entity in enumerate(entities):
        by_end.setdefault(entity.end, []).append(index)
    for person in people:
        org = _title_org(text, person, entities, by_end) or person_orgs.get(person["name"])
        if org and not in_org.contains(person["char_start"]):
            by_end.setdefault(person["char_end"], []).append(len(entities))
            entities.append(Entity(person["char_start"], person["char_end"], org, "person"))
    entities.sort(key=lambda e: e.start)
    # Anaphora are appended after the named entities and never contain a later match (finditer
    # does not overlap), so only the named ones, sorted by start, need checking.
    named = _Spans([(e.start, e.end) for e in entities])
    name_ends = {e.end for e in entities}
    for match in v["org_anaphora"].finditer(text):
        # 公司 right after a name is that name's head noun (云途科技公司), not a reference back.
        if named.contains(match.start()) or match.start() in name_ends:
            continue
        antecedent = _last_entity_before(entities, match.start(), named)
        if antecedent:
            entities.append(Entity(match.start(), match.end(), antecedent.org, "anaphora"))
    entities.sort(key=lambda e: e.start)
    return entities


class _Spans:
    """(start, end) spans sorted by start, with the running maximum of their ends, so that
    "does any span hold this position" is a bisection, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans, key=lambda s: s[0])
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.max_ends = list(accumulate(self.ends, max))

    def contains(self, position: int) -> bool:
        k = bisect_right(self.starts, position)
        return k > 0 and self.max_ends[k - 1] > position


def _title_org(text: str, person: dict, entities: list[Entity], by_end: dict[int, list[int]]) -> str | None:
    """The organization named up to 8 characters before a person with a title in between; the
    nearest in list order wins (by_end indexes entities by end offset, so only those are read)."""
    v = vocabulary()
    at = person["char_start"]
    near = sorted((i for end in range(at - 8, at + 1) for i in by_end.get(end, ())), reverse=True)
    for i in near:
        entity = entities[i]
        between = text[entity.end:at]
        if v["person_titles"].search(between):
            return entity.org
    return None


def _last_entity_before(entities: list[Entity], position: int, named: _Spans) -> Entity | None:
    """The last named entity (in start order) that ends by position: entities[:len(named.starts)]
    are the named ones, sorted by start; those starting after position cannot end before it."""
    for i in range(bisect_right(named.starts, position) - 1, -1, -1):
        if named.ends[i] <= position:
            return entities[i]
    return None


# ---------------------------------------------------------------------------------------------
# Extraction


def extract_deals(text: str, document: dict, orgs: list[dict], people: list[dict], amounts: list[dict],
                  person_orgs: dict | None = None) -> list[dict]:
    """Deal records of one document. Pure: text and the other extractors' records in, records out."""
    # Rules are written in simplified Chinese: read a same-length simplified view, quote the original.
    view = simplified_view(text)
    entities = build_entities(view, orgs, people, person_orgs or {})
    sentences = split_sentences(view)
    reader = _Reader(view, document.get("published_on"), entities, amounts, sentences, original=text)
    mentions = reader.read()
    return merge_mentions(mentions, text, amounts)


def _sorted_or_none(starts: list[int]) -> list[int] | None:
    return starts if all(a <= b for a, b in zip(starts, starts[1:])) else None


def _span_indexes(starts: list[int] | None, start: int, end: int, count: int) -> range:
    """Indexes of the items that may lie within [start, end): those starting in it (an item
    ends at or after its start); all of them when the starts are not sorted."""
    if starts is None:
        return range(count)
    return range(bisect_left(starts, start), bisect_right(starts, end))


class _Reader:
    def __init__(self, text, document_date, entities, amounts, sentences, original=None):
        self.text = text
        self.original = original or text  # the text as written, for quoted names
        self.document_date = document_date
        self.entities = entities
        self.amounts = amounts
        self.sentences = sentences
        self.mentions: list[Mention] = []
        self.v = vocabulary()
        self.paragraph_rumored: set[int] = set()
        # Start offsets for bisecting a span's entities and amounts: the clause readers ask for
        # them thousands of times per document. None when a caller passed them unsorted.
        self._entity_starts = _sorted_or_none([e.start for e in entities])
        self._amount_starts = _sorted_or_none([a["char_start"] for a in amounts])
        self._dates: dict[tuple[int, int], list] = {}
        # Where a 据…报道 span may start; None: anywhere.
        first = self.v["source_first"]
        self._source_starts = [m.start() for m in first.finditer(text)] if first else None

    def read(self) -> list[Mention]:
        rumor = self.v["status"]["rumored"]
        for sentence in self.sentences:
            if rumor.search(sentence.text):
                self.paragraph_rumored.add(sentence.paragraph)
        for index, sentence in enumerate(self.sentences):
            self._read_sentence(index, sentence)
        for order, mention in enumerate(self.mentions):
            mention.order = order
        return self.mentions

    # -- helpers ---------------------------------------------------------------------------

    def entities_in(self, start, end) -> list[Entity]:
        found = [self.entities[i] for i in _span_indexes(self._entity_starts, start, end, len(self.entities))]
        found = [e for e in found if start <= e.start and e.end <= end]
        if not found or not self._may_hold_source(start, end):
            return found  # no 据…报道 span to leave out
        sources = [m.span() for m in self.v["source"].finditer(self.text, start, end)]
        return [e for e in found if not any(s <= e.start < t for s, t in sources)]

    def _may_hold_source(self, start, end) -> bool:
        if self._source_starts is None:
            return True
        i = bisect_left(self._source_starts, start)
        return i < len(self._source_starts) and self._source_starts[i] < end

    def amounts_in(self, start, end) -> list[int]:
        return [i for i in _span_indexes(self._amount_starts, start, end, len(self.amounts))
                if start <= (a := self.amounts[i])["char_start"] and a["char_end"] <= end
                and a.get("converts") is None]

    def broken_promise(self, start, end) -> str | None:
        """scaled_back or cancelled when the clause says so: the first thing status_of asks."""
        clause = self.text[start:end]
        for status in ("scaled_back", "cancelled"):
            if self.v["status"][status].search(clause):
                return status
        return None

    def status_of(self, start, end, paragraph, trigger: int | None = None, sentence: Sentence | None = None) -> str | None:
        """The status cue governing a trigger: a scaled-back or cancelled promise first; then a past
        marker right before the verb (之前投资的); then a rumour anywhere in the sentence; then the
        cue nearest the verb (宣布 vs 将 vs 已); None when the clause has none."""
        statuses = self.v["status"]
        broken = self.broken_promise(start, end)
        if broken:
            return broken
        clause = self.text[start:end]
        trigger = start if trigger is None else trigger
        if self.v["past"].search(self.text, max(start, trigger - 3), trigger):
            return "completed"
        scope = self.text[sentence.start:sentence.end] if sentence else clause
        if statuses["rumored"].search(scope):
            return "rumored"
        nearest = None
        for status in ("in_talks", "announced", "planned", "completed"):
            for match in statuses[status].finditer(self.text, start, end):
                distance = abs(match.start() - trigger)
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, status)
        return nearest[1] if nearest else None

    def date_before(self, sentence: Sentence, position: int):
        dates = [d for d in self._dates_of(sentence) if d.start < position]
        return (dates[-1].value, dates[-1].precision) if dates else None

    def _dates_of(self, sentence: Sentence) -> list:
        # Cached: every mention of a sentence asks for its dates.
        key = (sentence.start, sentence.end)
        if key not in self._dates:
            self._dates[key] = find_dates(self.text, self.document_date, sentence.start, sentence.end)
        return self._dates[key]

    def subject(self, sentence: Sentence, before: int, clause_start: int) -> Entity | None:
        """Who acts: the last organization before `before` in the sentence, skipping partners
        (与 X) — the subject of a Chinese sentence comes first and may be carried over commas."""
        # An organization right after 与 is a partner, right after 向/对/给 an object: neither acts.
        candidates = [e for e in self.entities_in(sentence.start, before)
                      if self.text[max(sentence.start, e.start - 1):e.start] not in self.v["not_subject_markers"]
                      and not self.text[max(sentence.start, e.start - 2):e.start].endswith(self.v["receive_markers"])]
        in_clause = [e for e in candidates if e.start >= clause_start]
        pool = in_clause or candidates
        return pool[-1] if pool else None

    def add(self, **fields) -> Mention:
        mention = Mention(**fields)
        self.mentions.append(mention)
        return mention

    # -- sentence --------------------------------------------------------------------------

    def _read_sentence(self, index: int, sentence: Sentence) -> None:
        cues = self.v["sentence_cues"]
        if cues is not None and not cues.search(self.text, sentence.start, sentence.end):
            return  # no round, fundraising, clause cue, deal value or carried amount to read
        if self.v["not_a_deal"].search(sentence.text[:12]) and re.match(
                r"^[^，,]{0,12}?(?:如果|倘若|假如|一旦|要是|即使|即便|若是)", sentence.text):
            return
        round_cues = self.v["round_cues"]
        round_mention = None
        if round_cues is None or round_cues.search(self.text, sentence.start, sentence.end):
            round_mention = self._round(sentence)  # None without a round or fundraising word
        if self._has_clause_cue(sentence.start, sentence.end):
            for clause_start, clause_end in sentence.clauses():
                self._read_clause(sentence, clause_start, clause_end, round_mention)
        self._deal_value(sentence)
        self._carry_amount(index, sentence)

    def _has_clause_cue(self, start, end) -> bool:
        """False when _read_clause would find nothing to act on in text[start:end]."""
        cues = self.v["clause_cues"]
        return cues is None or cues.search(self.text, start, end) is not None

    def _read_clause(self, sentence, start, end, round_mention) -> None:
        if not self._has_clause_cue(start, end):
            return
        clause = self.text[start:end]
        if self.v["not_a_deal"].search(clause) and not self.v["this_round"].search(clause):
            return
        for kind, pattern_type, match in self._triggers(start, end):
            getattr(self, f"_{pattern_type}")(kind, match, sentence, start, end, round_mention)
        self._participant(sentence, start, end, round_mention)
        self._promise_clause(sentence, start, end)

    def _triggers(self, start, end):
        """Trigger matches of a clause, longest first, none inside another (承诺购买 over 购买),
        none that is the head of a noun (投资人)."""
        found = []
        first = self.v["any_trigger"].search(self.text, start, end)
        if not first:
            return found
        # No trigger pattern matches before the first position any of them does, nor where
        # none of the characters its matches start with is written.
        chars = set(self.text[first.start():end])
        for (kind, pattern_type, pattern), firsts in zip(self.v["triggers"], self.v["trigger_firsts"]):
            if firsts is not None and chars.isdisjoint(firsts):
                continue
            for match in pattern.finditer(self.text, first.start(), end):
                if self.v["noun_after"].match(self.text, match.end()):
                    continue
                # A 获得…投资 that is two phrases must not hide the 投资 inside it from the others.
                if pattern_type == "received" and not self._only_givers_between(
                        match, self.entities_in(match.start(), match.end())):
                    continue
                found.append((kind, pattern_type, match))
        if len(found) < 2:
            return found  # what the sorting and the overlap test below leave of one match
        found.sort(key=lambda f: f[2].end() - f[2].start(), reverse=True)
        kept = []
        for item in found:
            if not any(item[2].start() < k[2].end() and k[2].start() < item[2].end() for k in kept):
                kept.append(item)
        return sorted(kept, key=lambda f: f[2].start())

    def _participant(self, sentence, start, end, round_mention) -> None:
        """苹果被认为也参与了融资谈判: the subject joins the deal the paragraph just reported."""
        match = self.v["participant"].search(self.text, start, end)
        if not match or round_mention is not None:
            return
        investor = self.subject(sentence, match.start(), start)
        earlier = [m for m in self.mentions if m.to_org and m.from_org
                   and self._paragraph_of(m.evidence[0]) == sentence.paragraph]
        if investor is None or not earlier or earlier[-1].to_org == investor.org:
            return
        target = earlier[-1]
        if re.search(r"谈判|洽谈|磋商", match.group(0)):
            return self.add(kind=target.kind, from_org=investor.org, to_org=target.to_org, amount_index=None,
                            status="in_talks", date=self.date_before(sentence, match.start()),
                            evidence=(sentence.start, sentence.end), role="participant")
        self.add(kind=target.kind, from_org=investor.org, to_org=target.to_org, amount_index=None,
                 status=self.status_of(match.start(), match.end(), sentence.paragraph) or
                 self.status_of(start, end, sentence.paragraph, match.start(), sentence),
                 date=self.date_before(sentence, match.start()), evidence=(sentence.start, sentence.end),
                 role="participant")

    def _paragraph_of(self, position: int) -> int | None:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence.paragraph
        return None

    # -- patterns --------------------------------------------------------------------------

    def _directed(self, kind, match, sentence, start, end, round_mention):
        if kind == "chip_purchase" or kind == "cloud_contract":
            kind = self._purchase_kind(kind, match.end(), end)
            if kind is None:
                return None
        # The readers below are pure: the giver is looked for only when there is a receiver.
        in_round = self._in_round_of(start, match.start())
        marker = None if in_round is not None else self._to_marker(start, match.start(), sentence)
        if in_round is not None:
            at, receiver = in_round
            giver = self.subject(sentence, at, start)
            receivers, counterparty = [receiver], None
            if round_mention is None or round_mention.to_org != receiver.org:
                round_mention = None
        elif marker is not None:
            receivers = self.entities_in(marker + 1, match.start())
            counterparty = None if receivers else self._counterparty(marker + 1, match.start())
            giver = self.subject(sentence, marker, start) if receivers or counterparty else None
        else:
            receivers = self._object_after(match.end(), end)
            counterparty = None
            if not receivers and round_mention and self.v["this_round"].search(self.text[start:end]):
                receivers = [Entity(0, 0, round_mention.to_org, "round")]
            if not receivers and self.v["this_round"].search(self.text[sentence.start:end]):
                previous = self._latest_round()
                if previous:
                    receivers = [Entity(0, 0, previous.to_org, "round")]
                    round_mention = previous
            giver = self.subject(sentence, match.start(), start) if receivers else None
        if giver is None or (not receivers and not counterparty):
            return None
        if receivers and all(r.org == giver.org for r in receivers):
            return None
        amount = self._amount_for(start, end, match)
        if counterparty and amount is None and kind not in ("compute_access", "cloud_credits"):
            return None  # "扩大对初创企业的投资": a trend, not a deal
        status = self.status_of(start, end, sentence.paragraph, match.start(), sentence)
        date = self.date_before(sentence, match.start())
        parent = round_mention if round_mention and any(r.org == round_mention.to_org for r in receivers) else None
        last = None
        for receiver in receivers or [None]:
            if receiver is not None and receiver.org == giver.org:
                continue
            last = self.add(kind=kind, from_org=giver.org, to_org=receiver.org if receiver else None,
                            amount_index=amount, status=status, date=date,
                            evidence=(sentence.start, sentence.end),
                            counterparty_text=counterparty, parent=parent)
        return last

    def _reverse(self, kind, match, sentence, start, end, round_mention):
        # X 向 Y 寻求投资: money flows Y → X. Without 向, "融资" alone is a round (see _round).
        marker = self._to_marker(start, match.start(), sentence)
        if marker is None:
            return None
        raiser = self.subject(sentence, marker, start)
        givers = self.entities_in(marker + 1, match.start())
        if raiser is None:
            return None
        counterparty = None if givers else self._counterparty(marker + 1, match.start())
        status = self.status_of(start, end, sentence.paragraph, match.start(), sentence) or "planned"
        amount = self._amount_for(start, end, match)
        if not givers:
            return self.add(kind="funding_round", from_org=None, to_org=raiser.org, amount_index=amount,
                            status=status, date=self.date_before(sentence, match.start()),
                            evidence=(sentence.start, sentence.end), counterparty_text=counterparty)
        last = None
        for giver in givers:
            last = self.add(kind=kind, from_org=giver.org, to_org=raiser.org, amount_index=amount, status=status,
                            date=self.date_before(sentence, match.start()), evidence=(sentence.start, sentence.end))
        return last

    def _received(self, kind, match, sentence, start, end, round_mention):
        # X 获 Y 3亿元投资: money flows from each organization named between the verbs to X.
        receiver = self.subject(sentence, match.start(), start)
        if receiver is None:
            return None
        givers = [e for e in self.entities_in(match.start(), match.end()) if e.org != receiver.org]
        if not givers:
            return None
        # 获得 itself says "received"; a cue before it (将获得, 计划获得, 据悉) says otherwise. The
        # cues are read up to the verb's first character, so that 将(?=获) sees it but 获得 is not one.
        status = self.status_of(start, match.start() + 1, sentence.paragraph, match.start(), sentence) or "completed"
        amount = self._amount_for(start, end, match)
        last = None
        for giver in givers:
            last = self.add(kind=kind, from_org=giver.org, to_org=receiver.org, amount_index=amount, status=status,
                            date=self.date_before(sentence, match.start()), evidence=(sentence.start, sentence.end))
        return last

    def _only_givers_between(self, match, entities) -> bool:
        """获得 腾讯和阿里巴巴的5亿元战略 投资: between the verbs stand only organizations, amounts
        and filler words; 获得腾讯的同意后投资… is two phrases."""
        words = match.group(0)
        verb = next(w for w in self.v["received_verbs"] if words.startswith(w))
        head = next(w for w in self.v["investment_words"] if words.endswith(w))
        gap_start, gap_end = match.start() + len(verb), match.end() - len(head)
        spans = [(e.start, e.end) for e in entities]
        spans += [(self.amounts[i]["char_start"], self.amounts[i]["char_end"]) for i in self.amounts_in(gap_start, gap_end)]
        rest = "".join(ch for at, ch in enumerate(self.text[gap_start:gap_end], gap_start)
                       if not any(s <= at < e for s, e in spans))
        return bool(self.v["received_filler"].match(rest))

    def _object_first(self, kind, match, sentence, start, end, round_mention):
        # X 将 Y 纳为子公司
        before = self.entities_in(start, match.start())
        if not before:
            return None
        target = before[-1]
        marker = max(self.text.rfind("将", start, target.start), self.text.rfind("把", start, target.start))
        acquirer = self.subject(sentence, marker if marker >= 0 else target.start, sentence.start)
        if acquirer is None or acquirer.org == target.org:
            return None
        return self.add(kind=kind, from_org=acquirer.org, to_org=target.org, amount_index=self._amount_for(start, end, match),
                        status=self.status_of(start, end, sentence.paragraph, match.start(), sentence),
                        date=self.date_before(sentence, match.start()), evidence=(sentence.start, sentence.end))

    def _partner(self, kind, match, sentence, start, end, round_mention):
        # X 与 Y (就…) 开展资本业务合作 / 展开投资谈判
        partner_marker = None
        for position in range(match.start() - 1, sentence.start - 1, -1):
            if self.text[position] in self.v["partner_markers"] and self.entities_in(position + 1, match.start()):
                partner_marker = position
                break
        if partner_marker is None:
            return None
        partner = self.entities_in(partner_marker + 1, match.start())[0]
        actor = self.subject(sentence, partner_marker, sentence.start)
        if actor is None or actor.org == partner.org:
            return None
        real_kind = "equity_investment" if kind == "in_talks_equity" else kind
        status = self.status_of(start, end, sentence.paragraph, match.start(), sentence)
        if kind == "in_talks_equity" and status != "rumored":
            status = "in_talks"
        return self.add(kind=real_kind, from_org=actor.org, to_org=partner.org,
                        amount_index=self._amount_for(start, end, match), status=status,
                        date=self.date_before(sentence, match.start()), evidence=(sentence.start, sentence.end))

    # -- rounds ----------------------------------------------------------------------------

    def _round(self, sentence: Sentence) -> Mention | None:
        """A funding round stated in the sentence: its raiser, total, name, lead investor."""
        text = self.text
        for match in self.v["round"].finditer(text, sentence.start, sentence.end):
            amount = self._amount_just_before(match.start(), sentence)
            raiser = None
            round_name = None
            name_match = self.v["round_name"].search(text, max(sentence.start, match.start() - 8), match.end())
            if name_match:
                round_name = self.original[name_match.start():name_match.end()]
                if amount is None:
                    amount = self._amount_just_before(name_match.start(), sentence)
            if amount is not None:
                raiser = self._raiser_before(sentence, self.amounts[amount]["char_start"])
            else:
                clause_end = self._clause_end(match.end(), sentence)
                raised = self.v["raise"].search(text, match.end(), clause_end + 40)
                if raised and raised.start() < sentence.end:
                    amounts = self.amounts_in(raised.end(), sentence.end)
                    amount = amounts[0] if amounts else None
                    raiser = self._raiser_before(sentence, match.start())
            if raiser is None or amount is None:
                continue
            if self.v["cumulative"].search(text, sentence.start, match.start()) or \
                    self.v["not_a_deal"].search(text, sentence.start, sentence.end):
                continue
            status = self.status_of(sentence.start, sentence.end, sentence.paragraph, match.start(), sentence)
            round_mention = self.add(kind="funding_round", from_org=None, to_org=raiser.org, amount_index=amount,
                                     status="completed" if status in (None, "scaled_back") else status,
                                     date=self.date_before(sentence, match.start()),
                                     evidence=(sentence.start, sentence.end), round_name=round_name)
            self._lead_investors(sentence, round_mention)
            return round_mention
        return self._fundraise(sentence)

    def _lead_investors(self, sentence: Sentence, round_mention: Mention) -> None:
        for pattern, role in ((self.v["lead"], "lead"), (self.v["participant"], "participant")):
            for match in pattern.finditer(self.text, sentence.start, sentence.end):
                investors = [e for e in self.entities_in(sentence.start, match.start())
                             if e.org != round_mention.to_org]
                if not investors:
                    continue
                investor = investors[-1]
                self.add(kind="equity_investment", from_org=investor.org, to_org=round_mention.to_org,
                         amount_index=None, status=round_mention.status, date=round_mention.date,
                         evidence=round_mention.evidence, role=role, parent=round_mention,
                         round_name=round_mention.round_name)

    def _fundraise(self, sentence: Sentence) -> Mention | None:
        """X 寻求/筹集 (高达) AMT 资金: a round X plans or raised, and 从 A、B 那里 the investors."""
        text = self.text
        for match in self.v["raise"].finditer(text, sentence.start, sentence.end):
            word = match.group(0)
            if word in ("获得", "得到", "完成"):
                continue
            clause_end = self._clause_end(match.end(), sentence)
            amounts = self.amounts_in(match.end(), clause_end)
            if not amounts or self.amounts[amounts[0]]["char_start"] - match.end() > 4:
                continue
            from_at = self.text.find(self.v["from_marker"], sentence.start, match.start())
            raiser = self.subject(sentence, from_at if from_at >= 0 else match.start(), sentence.start)
            if raiser is None:
                continue
            givers = self._givers(sentence, match.start())
            status = self.status_of(sentence.start, clause_end, sentence.paragraph, match.start(), sentence)
            date = self.date_before(sentence, match.start())
            cumulative = bool(self.v["cumulative"].search(text, sentence.start, match.start()))
            for giver in givers:
                if giver.org != raiser.org:
                    self.add(kind="equity_investment", from_org=giver.org, to_org=raiser.org, amount_index=None,
                             status=status, date=date, evidence=(sentence.start, sentence.end))
            if cumulative:
                return None
            return self.add(kind="funding_round", from_org=None, to_org=raiser.org, amount_index=amounts[0],
                            status=status, date=date, evidence=(sentence.start, sentence.end),
                            project=self._project_near(sentence))
        return None

    def _givers(self, sentence: Sentence, before: int) -> list[Entity]:
        start = self.text.find(self.v["from_marker"], sentence.start, before)
        if start < 0:
            return []
        closer = self.v["from_closers"].search(self.text, start, before)
        return self.entities_in(start + 1, closer.start() if closer else before)

    def _project_near(self, sentence: Sentence) -> str | None:
        match = self.v["project"].search(self.text, sentence.start, min(len(self.text), sentence.end + 200))
        return self.original[match.start(1):match.end(1)] if match else None

    def _latest_round(self) -> Mention | None:
        rounds = [m for m in self.mentions if m.kind == "funding_round" and m.to_org]
        return rounds[-1] if rounds else None

    def _raiser_before(self, sentence: Sentence, position: int) -> Entity | None:
        """The organization raising a round: the one right before it (OpenAI最新1100亿美元融资轮), else
        the sentence's first organization (xAI在最新一轮融资中获得…, Luma AI…得到a16z领投的…)."""
        before = [e for e in self.entities_in(sentence.start, position)
                  if not re.match(r"(?:领投|参投|跟投)", self.text[e.end:e.end + 2])]
        if before and position - before[-1].end <= 3:
            return before[-1]
        if before and self.v["raise"].search(self.text, before[0].end, sentence.end):
            return before[0]
        return None

    # -- amounts, promises, deal values ------------------------------------------------------

    def _amount_just_before(self, position: int, sentence: Sentence) -> int | None:
        for index in self.amounts_in(sentence.start, position):
            gap = self.text[self.amounts[index]["char_end"]:position]
            if len(gap) <= 2 and not CLAUSE_STOP.search(gap):
                return index
        return None

    def _amount_for(self, start: int, end: int, trigger: re.Match) -> int | None:
        """The amount a trigger governs: in its clause, not a round total, nearest to the verb."""
        candidates = [i for i in self.amounts_in(start, end) if not self._is_round_total(i)]
        if not candidates:
            return None
        return min(candidates, key=lambda i: abs(self.amounts[i]["char_start"] - trigger.end()))

    def _is_round_total(self, index: int) -> bool:
        after = self.text[self.amounts[index]["char_end"]:self.amounts[index]["char_end"] + 6]
        return bool(re.match(r"^(?:的)?(?:[A-Z]\+?轮|天使轮|种子轮)?(?:融资轮|轮融资|融资)", after))

    def _promise_clause(self, sentence: Sentence, start: int, end: int) -> None:
        """远低于最初承诺的1000亿美元: a clause with no parties and an amount promised earlier; it
        names the promise the sentence's payment fell short of."""
        clause = self.text[start:end]
        # status_of would say scaled_back or cancelled only through broken_promise: ask just that.
        status = self.broken_promise(start, end)
        if status not in ("scaled_back", "cancelled") or self.entities_in(start, end):
            return
        amounts = self.amounts_in(start, end)
        earlier = [m for m in self.mentions if m.evidence == (sentence.start, sentence.end) and m.from_org
                   and m.kind != "funding_round"]
        if not amounts or not earlier or "承诺" not in clause:
            return
        paid = earlier[-1]
        self.add(kind=paid.kind, from_org=paid.from_org, to_org=paid.to_org, amount_index=amounts[0],
                 status=status, date=None, evidence=(sentence.start, sentence.end))

    def _deal_value(self, sentence: Sentence) -> None:
        """交易额将超过5亿美元: the value of a sale the paragraph is about."""
        match = self.v["deal_value"].search(self.text, sentence.start, sentence.end)
        if not match:
            return
        amounts = self.amounts_in(match.end(), sentence.end)
        if not amounts:
            return
        paragraph = [s for s in self.sentences if s.paragraph in (sentence.paragraph, sentence.paragraph - 1)]
        span_start = paragraph[0].start
        span_end = max(s.end for s in paragraph if s.paragraph == sentence.paragraph)
        if not self.v["sale"].search(self.text, span_start, span_end):
            return
        topic = self._topic(sentence.paragraph)
        if topic is None:
            return
        buyers = self._buyers(sentence.paragraph)
        rumored = sentence.paragraph in self.paragraph_rumored
        self.add(kind="acquisition", from_org=None, to_org=topic.org, amount_index=amounts[0],
                 status="rumored" if rumored else self.status_of(sentence.start, sentence.end, sentence.paragraph,
                                                                  match.start(), sentence),
                 date=self.date_before(sentence, match.start()), evidence=(sentence.start, sentence.end),
                 counterparty_text=buyers)

    def _topic(self, paragraph: int) -> Entity | None:
        """The organization a paragraph is about: the first one its first sentence names."""
        for sentence in self.sentences:
            if sentence.paragraph == paragraph:
                found = self.entities_in(sentence.start, sentence.end)
                if found:
                    return found[0]
        return None

    def _buyers(self, paragraph: int) -> str | None:
        for sentence in self.sentences:
            if sentence.paragraph == paragraph:
                match = self.v["buyer_list"].search(sentence.text)
                if match:
                    return self.original[sentence.start + match.start():sentence.end].rstrip("。")
        return None

    def _carry_amount(self, index: int, sentence: Sentence) -> None:
        """最高出资100亿日元 right after a sentence that named the parties but no amount: the amount
        belongs to that deal (the subject is left out in Chinese), and the evidence spans both."""
        # The checks are pure: the cheap ones go first.
        if index == 0:
            return
        previous = self.sentences[index - 1]
        if previous.paragraph != sentence.paragraph:
            return
        trigger = CARRY_TRIGGER.search(sentence.text)
        if not trigger:
            return
        amounts = [i for i in self.amounts_in(sentence.start, sentence.end)
                   if self.amounts[i]["char_end"] > sentence.start + trigger.start()]
        if not amounts:
            return
        named = self.entities_in(sentence.start, sentence.end)
        if named and named[0].start - sentence.start < 6:
            return
        waiting = [m for m in self.mentions if m.evidence == (previous.start, previous.end)
                   and m.amount_index is None and m.from_org and m.to_org]
        if len(waiting) != 1:
            return
        mention = waiting[0]
        mention.amount_index = amounts[0]
        mention.evidence = (previous.start, sentence.end)

    # -- small helpers -----------------------------------------------------------------------

    def _to_marker(self, start: int, trigger_start: int, sentence: Sentence) -> int | None:
        """Position of 向/对/给 before the trigger in its clause, when what follows it is a recipient:
        an organization or a class of them (对象, 对于, 面对 are not markers)."""
        # The marker characters of the clause before the trigger, nearest first.
        markers = self.v["to_marker_chars"]
        found = [m.start() for m in markers.finditer(self.text, start, trigger_start)] if markers else []
        for position in reversed(found):
            if self.entities_in(position + 1, trigger_start) and self._starts_with_entity(position + 1, trigger_start):
                return position
            if self._counterparty(position + 1, trigger_start):
                return position
        return None

    def _starts_with_entity(self, position: int, end: int) -> bool:
        first = self.entities_in(position, end)[0]
        gap = self.text[position:first.start]
        return len(gap) <= 8 and not re.search(r"[,，;；。！？!?“”\"「」—]", gap)

    def _in_round_of(self, start: int, trigger_start: int):
        """英伟达在OpenAI最新1100亿美元融资轮中的实际投资额: (position of 在, OpenAI)."""
        at = self.text.find("在", start, trigger_start)
        while at >= 0:
            following = self.entities_in(at + 1, trigger_start)
            if following and following[0].start - at <= 3 and self.v["round"].search(
                    self.text, following[0].end, trigger_start):
                return at, following[0]
            at = self.text.find("在", at + 1, trigger_start)
        return None

    def _object_after(self, position: int, end: int) -> list[Entity]:
        """Organizations right after a verb (投资了马斯克的人工智能公司xAI), within the clause."""
        found = [e for e in self.entities_in(position, end) if e.start - position <= 16]
        if not found:
            return []
        first = found[0]
        group = [first]
        for entity in found[1:]:
            between = self.text[group[-1].end:entity.start]
            if re.fullmatch(r"\s*(?:和|及|与|、|以及)\s*(?:[^，,。]{0,8})?", between):
                group.append(entity)
        return group

    def _counterparty(self, start: int, end: int) -> str | None:
        phrase = self.original[start:end]
        for amount in self.amounts:
            phrase = phrase.replace(amount["raw"], "")
        phrase = re.sub(r"(的|了|进行|共计|总额|约)+$", "", phrase.strip())
        if not phrase or not self.v["counterparty"].search(phrase) or len(phrase) > 30:
            return None
        return phrase

    def _purchase_kind(self, kind: str, after: int, end: int) -> str | None:
        object_text = self.text[after:min(end, after + 20)]
        if self.v["chip"].search(object_text):
            return "chip_purchase"
        if self.v["cloud"].search(object_text):
            return "cloud_contract"
        return None

    def _clause_end(self, position: int, sentence: Sentence) -> int:
        match = CLAUSE_STOP.search(self.text, position, sentence.end)
        return match.start() if match else sentence.end


# ---------------------------------------------------------------------------------------------
# Merging the mentions of one document


def merge_mentions(mentions: list[Mention], text: str, amounts: list[dict]) -> list[dict]:
    """One deal per real-world deal in the document.

    Mentions with the same kind, parties and counterparty are one deal when their amounts agree;
    different amounts are different deals (a promise and a later, smaller payment stay apart).
    Mentions without an amount join the first deal of their group that has one."""
    mentions = [m for m in mentions if m.kind != "in_talks_equity"]
    mentions.sort(key=lambda m: (m.evidence[0], m.order))
    groups: dict[tuple, list[list[Mention]]] = {}
    for mention in mentions:
        key = (mention.kind, mention.from_org, mention.to_org, mention.counterparty_text if not mention.to_org else None)
        clusters = groups.setdefault(key, [])
        clusters.append([mention])
    deals: list[list[Mention]] = []
    for clusters in groups.values():
        deals.extend(_cluster_by_amount([c[0] for c in clusters], amounts))
    deals.sort(key=lambda members: min(m.evidence[0] for m in members))
    records = [_record(members, text) for members in deals]
    _link(records, deals)
    return records


def _cluster_by_amount(mentions: list[Mention], amounts: list[dict]) -> list[list[Mention]]:
    with_amount: list[list[Mention]] = []
    without = []
    for mention in mentions:
        if mention.amount_index is None:
            without.append(mention)
            continue
        for cluster in with_amount:
            if _same_value(amounts[cluster[0].amount_index], amounts[mention.amount_index]):
                cluster.append(mention)
                break
        else:
            with_amount.append([mention])
    if with_amount:
        with_amount[0].extend(without)
        return with_amount
    return [without] if without else []


def _same_value(x: dict, y: dict) -> bool:
    if x["currency"] != y["currency"]:
        return False
    vx = x["value"] if x["value"] is not None else x["value_high"]
    vy = y["value"] if y["value"] is not None else y["value_high"]
    return vx is not None and vy is not None and abs(vx - vy) <= 0.01 * max(abs(vx), abs(vy))


def _record(members: list[Mention], text: str) -> dict:
    members = sorted(members, key=lambda m: m.evidence[0])
    with_amount = [m for m in members if m.amount_index is not None]
    candidates = with_amount or members
    # A full sentence quotes better than a heading that says the same.
    main = next((m for m in candidates if text[m.evidence[1] - 1] in "。！？!?"), candidates[0])
    statuses = [m.status for m in members if m.status]
    status = min(statuses, key=STATUS_ORDER.index) if statuses else "completed"
    dates = [m.date for m in members if m.date]
    date = min(dates) if dates else None
    start, end = main.evidence
    return {
        "kind": main.kind,
        "status": status,
        "from": main.from_org,
        "to": main.to_org,
        "amount_index": main.amount_index,
        "announced_on": date[0] if date else None,
        "announced_precision": date[1] if date else None,
        "counterparty_text": next((m.counterparty_text for m in members if m.counterparty_text), None),
        "round_name": next((m.round_name for m in members if m.round_name), None),
        "role": next((m.role for m in members if m.role), None),
        "project": next((m.project for m in members if m.project), None),
        "parent_index": None,
        "superseded_by_index": None,
        "evidence": text[start:end],
        "char_start": start,
        "char_end": end,
        "source": "extracted",
    }


def _link(records: list[dict], deals: list[list[Mention]]) -> None:
    """Parent rounds of investors' shares; the payment that superseded a scaled-back promise."""
    owner = {id(m): i for i, members in enumerate(deals) for m in members}
    for i, members in enumerate(deals):
        parents = [owner.get(id(m.parent)) for m in members if m.parent is not None]
        parents = [p for p in parents if p is not None and p != i]
        if parents:
            records[i]["parent_index"] = parents[0]
    for i, record in enumerate(records):
        if record["status"] not in ("scaled_back", "cancelled"):
            continue
        for j, other in enumerate(records):
            if (j != i and other["status"] == "completed" and other["kind"] == record["kind"]
                    and other["from"] == record["from"] and other["to"] == record["to"]):
                record["superseded_by_index"] = j
                break
