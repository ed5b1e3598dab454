"""Claims: metric claims about an organization, attributed statements and regulatory actions.

    extract_claims(model, document) -> list[dict]

reads one document's text model (ingest/text.py): its sentences, its tokens (organizations,
people, amounts) and its view, so every cue of ingest/data/claims.yaml is written once in
simplified Chinese and English. Pure: no database. A claim's evidence is verbatim text:
model.text[char_start:char_end] == evidence. docs/claims.md explains the rules.

This module reads metric claims (a number about an organization) and puts the claims of a
document together; ingest/claim_statements.py reads who says what and regulatory actions.
"""
from __future__ import annotations

from .claim_numbers import NUMBER_MARK, Value, number_values, period_after, period_before
from .claim_reader import RECORD_FIELDS, ClaimReader, claim_record
from .claim_statements import regulatory_actions, statements
from .claim_subjects import subject_candidates

KIND_ORDER = {"metric": 0, "statement": 1, "regulatory": 2}


def extract_claims(model, document: dict) -> list[dict]:
    """Metric claims, attributed statements and regulatory actions of one document, in text order.
    The document gives the publication date (relative years like 去年 resolve against it) when
    the model was built without one."""
    reader = ClaimReader(model, model.published_on or (document or {}).get("published_on"))
    said = statements(reader)
    regulatory, reported = regulatory_actions(reader, said)
    claims = [st for i, st in enumerate(said) if i not in reported] + regulatory + metric_claims(reader, said)
    for c in claims:
        c["_sort"] = (c["char_start"], c.pop("_pos", None) or c["char_start"], KIND_ORDER[c["kind"]])
    claims.sort(key=lambda c: c["_sort"])
    return [{k: c[k] for k in RECORD_FIELDS} for c in claims]  # without the rules' own _fields


# ---------------------------------------------------------------------------------------------
# Metric claims


def _sentence_values(reader) -> list[tuple[object, list[Value]]]:
    """The sentences that hold values, in order, each with its values: amounts (not restatements),
    then percents and counts that are not part of an amount, sorted by start. Percents and counts
    are read only in the sentences that hold one of their marks: most sentences hold none."""
    amounts = reader.model.amounts
    found = {}  # sentence index -> (sentence, values)
    for t in reader.amount_tokens:  # in text order
        sentence = reader.sentence_at(t.start)
        if sentence is not None and t.end <= sentence.end:
            a = amounts[t.value]
            value = Value(a["char_start"], a["char_end"], "money", amount_index=t.value)
            found.setdefault(sentence.index, (sentence, []))[1].append(value)
    for sentence in reader.sentences_with(NUMBER_MARK):
        values = found.get(sentence.index, (sentence, []))[1]
        money = [(x.start, x.end) for x in values]
        numbers = [x for x in number_values(reader.view, sentence.start, sentence.end)
                   if not any(a <= x.start < b for a, b in money)]
        if numbers:
            found[sentence.index] = (sentence, sorted(values + numbers, key=lambda x: x.start))
    return [found[i] for i in sorted(found)]


def _statement_around(said: list[dict], position: int) -> dict | None:
    for st in said:
        start, end = st["_content"]
        if start <= position < end:
            return st
    return None


def metric_claims(reader, said: list[dict]) -> list[dict]:
    """A value (amount, percent, count) with a cue naming what it measures and, unless the figure
    is market-level, an organization it is about. The evidence is the value's sentence."""
    found = []
    for sentence, values in _sentence_values(reader):
        claims = [c for value in values if (c := _metric(reader, sentence, value, values, said))]
        subjectless_here = any(c.get("_subjectless") for c in claims)
        for c in claims:
            # A growth figure with no organization is kept only beside a market-level figure.
            if c.get("_needs_subject") and c["subject"] is None and not subjectless_here:
                continue
            c.update(evidence=reader.sentence_text(sentence), char_start=sentence.start, char_end=sentence.end)
            found.append(c)
    return found


def _metric(reader, sentence, value: Value, values: list[Value], said: list[dict]) -> dict | None:
    cues = reader.vocabulary.metric
    if value.kind == "money" and cues.from_words.search(reader.view[max(sentence.start, value.start - 6):value.start]):
        return None  # 收入从500万美元下降到了270万美元: 500万 is the earlier value
    statement = _statement_around(said, value.start) if said else None
    # Inside a statement, the subject must be in what is said (红杉估计…6000亿美元的收入 is Sequoia's
    # statement, not Sequoia's revenue).
    floor = statement["_content"][0] if statement else sentence.start
    if value.kind == "percent":
        growth = _growth(reader, sentence, value, floor)
        if growth:
            return growth
    found = _predicate(reader, sentence, floor, value, values)
    if not found:
        return None
    predicate, cue_start, form = found
    subject = None if predicate.subjectless else _subject(
        reader, sentence, floor, cue_start, value, predicate, sentence_fallback=form == "before")
    if subject is None and not predicate.subjectless:
        return None
    claim = claim_record(kind="metric", subject=subject, predicate=predicate.name, amount_index=value.amount_index,
                         number=value.number, unit=value.unit,
                         period=period_before(reader, sentence, min(cue_start, value.start), floor)
                         or period_after(reader, sentence, value.end),
                         _pos=cue_start, _subjectless=predicate.subjectless)
    if predicate.name == "stake_percent":  # the holder: 阿里巴巴投资月之暗面占股份36%
        start = reader.clause_start(sentence, cue_start)
        claim["statement"] = reader.text[start:reader.clause_end(sentence, value.end)].strip().rstrip("。.")
    return claim


def _growth(reader, sentence, value: Value, floor: int) -> dict | None:
    """同比增长75% (75), 下降了46% (-46): a percent right after a growth word."""
    cues = reader.vocabulary.metric
    window_start = max(floor, value.start - 12)
    window = reader.view[window_start:value.start]
    up = cues.growth_up.search(window)
    cue = up or cues.growth_down.search(window)
    if not cue:
        return None
    number = value.number if up else -value.number
    cue_start = window_start + cue.start()
    found = subject_candidates(reader, max(floor, reader.clause_start(sentence, cue_start)), cue_start, floor) \
        or subject_candidates(reader, max(floor, sentence.start), cue_start, floor)
    return claim_record(kind="metric", subject=found[0][1] if found else None, predicate="growth_percent",
                        number=number, unit="percent", period=period_before(reader, sentence, cue_start, floor),
                        _pos=cue_start, _needs_subject=True)


def _predicate(reader, sentence, floor: int, value: Value, values: list[Value]):
    """(predicate, cue start, form) of a value, form being where the cue is: around, after or
    before the value; or None."""
    cues = reader.vocabulary.metric
    predicates = cues.predicates_of[value.kind]
    before = reader.view[max(floor, value.start - 30):value.start]
    after = reader.view[value.end:min(sentence.end, value.end + 20)]
    # Each loop over the predicates runs only when the cue of one of them matches: most values
    # have none.
    if cues.any_around[value.kind] and cues.any_around[value.kind].search(before):
        for predicate in predicates:
            for prefix, suffix in predicate.around:
                m = prefix.search(before)
                if m and suffix.match(after):
                    return predicate, value.start - len(before) + m.start(), "around"
    if cues.any_after[value.kind] and cues.any_after[value.kind].match(after):
        for predicate in predicates:
            if predicate.after is not None and predicate.after.match(after):
                return predicate, value.start, "after"
    return _predicate_before(reader, sentence, floor, value, values)


def _predicate_before(reader, sentence, floor: int, value: Value, values: list[Value]):
    """The cue written last before the value, in its clause (or in the clause before when this one
    continues it: 市值更是超过了亚马逊和谷歌,达到了1.8万亿美元), with no other value of the same kind
    between them."""
    cues = reader.vocabulary.metric
    any_before = cues.any_before[value.kind]
    reach = max(floor, value.start - cues.max_gap - 10)
    first = any_before and any_before.search(reader.view, reach, value.start)
    if not first:
        return None  # no cue within reach: most values; their clause need not be found
    start = reader.clause_start(sentence, value.start)
    if start > sentence.start and cues.continue_words.match(reader.view[start:value.start]):
        start = reader.clause_start(sentence, start - 1)
    start = max(start, reach)
    if first.start() < start:
        first = any_before.search(reader.view, start, value.start)
        if not first:
            return None
    best = None
    for predicate in cues.predicates_before[value.kind]:
        # No cue starts before the first any_before finds: each predicate's search starts there.
        for m in predicate.before.finditer(reader.view, first.start(), value.start):
            if value.start - m.end() > cues.max_gap or _value_between(reader, sentence, values, value, m.end()):
                continue
            if best is None or m.end() > best[1] or (m.end() == best[1] and m.start() < best[2]):
                best = (predicate, m.end(), m.start())
    return (best[0], best[2], "before") if best else None


def _value_between(reader, sentence, values: list[Value], value: Value, cue_end: int) -> bool:
    """Another value of the same kind between cue and value, not an earlier one after 从/由."""
    from_words = reader.vocabulary.metric.from_words
    return any(cue_end <= x.start < value.start and x.kind == value.kind
               and not from_words.search(reader.view[max(sentence.start, x.start - 3):x.start]) for x in values)


def _subject(reader, sentence, floor: int, cue_start: int, value: Value, predicate, sentence_fallback: bool):
    """The organization a metric is about: the first (or, for the nearest rule, the last) of the
    cue's clause; else one right after the phrase; else the first of the sentence."""
    clause = max(floor, reader.clause_start(sentence, cue_start))
    found = subject_candidates(reader, clause, cue_start, floor, objects=predicate.subject == "nearest")
    if found:
        return found[0][1] if predicate.subject == "first" else found[-1][1]
    if predicate.subject_after:
        for m in reader.orgs_in(value.end, reader.clause_end(sentence, value.end)):
            if m.start - value.end <= 24:
                return m.name
    if sentence_fallback:
        found = subject_candidates(reader, max(floor, sentence.start), cue_start, floor)
        if found:
            return found[0][1]
    return None
