"""Attributed statements (who says what) and regulatory actions (who acts against whom).

A statement is a speech verb (表示, 称:, said) with a speaker in its clause and words said: a quote
after the verb, the rest of the sentence, or a quote written before the speaker. A regulatory
action is a sentence with an action cue (传票, 罚款, 反垄断调查) and a target organization; when
a statement reports it (彭博社…报道称, …), the reporter is its speaker and the statement is not
kept twice. docs/claims.md has the rules in full.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .claim_reader import claim_record
from .claim_subjects import POSSESSIVE_PRONOUNS, antecedent, is_object

LATIN_LETTER = re.compile(r"[a-z]")  # on the folded view: an English verb or cue
# (the test before the name comes after its first letter: the regex engine can skip to capitals)
LATIN_NAME = re.compile(r"[A-Z](?<![A-Za-z].)[a-z]+(?:[ -][A-Z][a-z]+)?(?![A-Za-z])")
SENTENCE_STOP = re.compile(r"[。;]")
ATTRIBUTED = re.compile(r"^\s*(?:据|根据)")  # 据业内人士透露: an unnamed source
# English apposition: Dario Amodei, chief executive of Anthropic
APPOSITION = re.compile(r",\s*(?:the\s+|a\s+)?[a-z \-]{0,30}?\s+(?:of|at)\s+")
# A quote this far before the verb can still be what the speaker says.
QUOTE_REACH = 400
GOVERNMENT_KINDS = ("government", "regulator")


class Speaker(NamedTuple):
    written: str              # as the text writes it
    person: str | None       # canonical person name
    org: str | None          # the person's organization, or the speaking organization
    start: int


class Said(NamedTuple):
    statement: str
    span: tuple[int, int]     # from the speaker to the end of what is said
    content: tuple[int, int]  # what is said after the verb
    quote_before_only: bool   # nothing is said after the verb: the words are the quote before the speaker


# ---------------------------------------------------------------------------------------------
# Statements


def statements(reader) -> list[dict]:
    found = []
    for sentence in reader.sentences_with(reader.vocabulary.speech.verb_words):
        for verb in _speech_verbs(reader, sentence):
            claim = _statement(reader, sentence, verb)
            if claim:
                found.append(claim)
    return found


def _speech_verbs(reader, sentence):
    """Speech verbs of the sentence, not inside someone else's quote, not passive or nominal
    (被认为, 所说, 透露的)."""
    cues = reader.vocabulary.speech
    view = reader.view
    for verb in cues.verbs.finditer(view, sentence.start, sentence.end):
        start, end = verb.span()
        if reader.inside_quote(start) or cues.not_after.search(view[max(sentence.start, start - 4):start]):
            continue
        if not LATIN_LETTER.match(verb.group()) and cues.not_before.match(view[end:end + 1]):
            continue
        yield verb


def _statement(reader, sentence, verb: re.Match) -> dict | None:
    english = bool(LATIN_LETTER.match(verb.group()))
    quote_before = _quote_before(reader, sentence, verb.start(), english)
    clause_from = reader.clause_start(sentence, verb.start())
    if quote_before:
        clause_from = max(clause_from, quote_before[1])
    speaker = _speaker_of(reader, sentence, clause_from, verb, english)
    if speaker is None:
        return None
    said = _what_is_said(reader, sentence, verb, english, quote_before, speaker)
    if said is None:
        return None
    evidence, start, end = reader.evidence(*said.span)
    amounts = _statement_amounts(reader, said, quote_before)
    return claim_record(kind="statement", speaker=speaker.written, speaker_person=speaker.person,
                        speaker_org=speaker.org, statement=said.statement,
                        amount_index=amounts[0] if len(amounts) == 1 else None,
                        evidence=evidence, char_start=start, char_end=end, _content=said.content)


def _quote_before(reader, sentence, verb_start: int, english: bool) -> tuple[int, int] | None:
    """The last quote closing before the verb with no sentence stop and at most a comma between
    (two in English: “…,” he said, …): “…”，英伟达CEO黄仁勋…表示."""
    view = reader.view
    found = None
    for a, b in reader.quotes_ending(sentence.start - QUOTE_REACH, verb_start):
        if SENTENCE_STOP.search(view, b, verb_start):
            continue
        commas_allowed = (view[b:b + 1] == ",") + english
        if view.count(",", b, verb_start) <= commas_allowed and (found is None or (a, b) > found):
            found = (a, b)  # the last in text order
    return found


def _speaker_of(reader, sentence, clause_from: int, verb: re.Match, english: bool) -> Speaker | None:
    attributed = ATTRIBUTED.match(reader.view[clause_from:verb.start()])
    speaker = _speaker(reader, sentence, clause_from, verb.start(), verb.end(), english)
    if speaker is None and not attributed:
        # the subject of an earlier clause of the sentence (阿莫代就在达沃斯论坛上,…,将…比作“…”)
        earlier = reader.people_in(sentence.start, clause_from)
        if earlier:
            speaker = _speaker(reader, sentence, earlier[-1].start, earlier[-1].end, verb.end(), english)
    if speaker is None or (attributed and speaker.person is None):
        return None  # 据业内人士透露: only 据 + a named person is a statement
    return speaker


def _what_is_said(reader, sentence, verb: re.Match, english: bool, quote_before, speaker: Speaker) -> Said | None:
    """The quote opening right after the verb; else the rest of the sentence (extended to the end
    of a quote it opens); else the quote before the speaker. A quote on both sides is joined with ……"""
    text, view = reader.text, reader.view
    minimum = reader.vocabulary.speech.min_statement_chars
    start = verb.end()
    while start < sentence.end and view[start] in " ,:\t":
        start += 1
    end = sentence.end
    while end > start and view[end - 1] in "。.!? ":
        end -= 1
    span, statement = (min(speaker.start, verb.start()), end), None
    opening = reader.quote_opening_at(start)
    if english and quote_before and speaker.start >= verb.end():  # “…,” said Dario Amodei
        statement, span = _inside(text, quote_before), (quote_before[0], end)
        start = end = quote_before[1]
    elif opening and end > start:
        statement, span = _inside(text, opening), (span[0], max(end, opening[1]))
        if quote_before:
            statement, span = _inside(text, quote_before) + "……" + statement, (quote_before[0], span[1])
    elif end - start >= minimum:
        end_of_quote = ([end] + [b for a, b in reader.quotes_starting(start, end) if end < b])[-1]
        statement, span = text[start:end_of_quote].strip(), (span[0], max(end, end_of_quote))
    elif quote_before:
        statement, span = _inside(text, quote_before), (quote_before[0], end)
    if not statement or len(statement.strip("“”「」\"' ")) < minimum:
        return None
    quote_before_only = not opening and end - start < minimum
    return Said(statement.strip().rstrip("。，,."), span, (start, span[1]), quote_before_only)


def _inside(text: str, quote: tuple[int, int]) -> str:
    return text[quote[0] + 1:quote[1] - 1]


def _statement_amounts(reader, said: Said, quote_before) -> list[int]:
    """The amounts of what is said (not of the quote before the speaker, unless that is all that
    is said)."""
    if quote_before and said.quote_before_only:
        return reader.amounts_in(*quote_before)
    return [i for i in reader.amounts_in(*said.content)
            if not (quote_before and quote_before[0] <= reader.model.amounts[i]["char_start"] < quote_before[1])]


# ---------------------------------------------------------------------------------------------
# Speakers


def _speaker(reader, sentence, clause_from: int, verb_start: int, verb_end: int, english: bool) -> Speaker | None:
    """Who says it, searched between clause_from and the verb: a known person, a Latin name, 他/她
    (the person named last before), an organization, an anaphor (该公司)."""
    people = reader.people_in(clause_from, verb_start)
    if english and not people:  # “…,” said Dario Amodei
        people = reader.people_starting(verb_end, verb_end + 4)[:1]
    if people:
        person = _first_of_run(people)
        return Speaker(reader.surface(person), person.name, _affiliation(reader, person), person.start)
    names = [m for m in LATIN_NAME.finditer(reader.cased_view, clause_from, verb_start)
             if m.group() not in reader.vocabulary.speech.not_names and not reader.in_org(m.start())]
    if names:
        return Speaker(reader.text[names[-1].start():names[-1].end()], None, None, names[-1].start())
    pronouns = list(reader.vocabulary.speech.pronouns.finditer(reader.view, clause_from, verb_start))
    if pronouns:
        return _pronoun_speaker(reader, pronouns[-1].start())
    return _org_speaker(reader, sentence, clause_from, verb_start)


def _first_of_run(mentions: list):
    """The last mention, or the first of the run of mentions of the same name it ends
    (艾琳·普赖斯-赖特(Erin Price-Wright) is written as 艾琳·普赖斯-赖特)."""
    first = mentions[-1]
    for m in reversed(mentions[:-1]):
        if m.name == first.name and m.end >= first.start - 3:
            first = m
    return first


def _pronoun_speaker(reader, position: int) -> Speaker | None:
    """他/她: the person named last before, not too far back."""
    earlier = [p for p in reader.people_starting(0, position + 1) if p.end <= position and position - p.end < 600]
    if not earlier:
        return None
    person = _first_of_run(earlier)
    return Speaker(reader.surface(person), person.name, _affiliation(reader, person), position)


def _org_speaker(reader, sentence, clause_from: int, verb_start: int) -> Speaker | None:
    source_before = reader.vocabulary.subject.source_before
    orgs = [m for m in reader.orgs_in(clause_from, verb_start) if not is_object(reader, m, sentence.start)
            and not source_before.search(reader.view[max(sentence.start, m.start - 3):m.start])]
    if orgs:
        org = _first_of_run(orgs)
        return Speaker(reader.surface(org), None, org.name, org.start)
    anaphora = [a for a in reader.vocabulary.subject.anaphora.finditer(reader.view, clause_from, verb_start)
                if a.group() not in POSSESSIVE_PRONOUNS]
    name = antecedent(reader, anaphora[-1].start()) if anaphora else None
    if name:
        return Speaker(reader.text[anaphora[-1].start():anaphora[-1].end()], None, name, anaphora[-1].start())
    return None


def _affiliation(reader, person) -> str | None:
    """The organization named with the person, at this or another mention of them: 英伟达首席执行官
    （CEO）黄仁勋, 红杉资本合伙人的戴维·卡恩, Dario Amodei, chief executive of Anthropic. The
    gazetteer's affiliation alone is not used: the article must say it."""
    for mention in [person] + [p for p in reader.people if p.name == person.name and p is not person]:
        found = _title_before(reader, mention) or _apposition(reader, mention)
        if found:
            return found
    return None


def _title_before(reader, person) -> str | None:
    """An organization (or anaphor) right before the person, with only a title between."""
    title_between = reader.vocabulary.speech.title_between
    sentence = reader.sentence_at(person.start)
    window = max(sentence.start if sentence else 0, person.start - 28)
    orgs = reader.orgs_in(window, person.start)
    if orgs and title_between.match(reader.view[orgs[-1].end:person.start]):
        return orgs[-1].name
    anaphora = list(reader.vocabulary.subject.anaphora.finditer(reader.view, window, person.start))
    if anaphora and anaphora[-1].group() not in POSSESSIVE_PRONOUNS \
            and title_between.match(reader.view[anaphora[-1].end():person.start]):
        return antecedent(reader, anaphora[-1].start())
    return None


def _apposition(reader, person) -> str | None:
    """English: Dario Amodei, chief executive of Anthropic."""
    sentence = reader.sentence_at(person.start)
    end = sentence.end if sentence else len(reader.text)
    orgs = reader.orgs_in(person.end, min(end, person.end + 48))
    if not orgs:
        return None
    between = reader.view[person.end:orgs[0].start]
    title = between.strip(", ").rsplit(" ", 1)[0]
    if APPOSITION.fullmatch(between) and reader.vocabulary.speech.title_between.match(title):
        return orgs[0].name
    return None


# ---------------------------------------------------------------------------------------------
# Regulatory actions


def regulatory_actions(reader, said: list[dict]) -> tuple[list[dict], set]:
    """Regulatory action claims, and the indexes of the statements that report them (kept only as
    the action's speaker and words)."""
    found, reported = [], set()
    for sentence in reader.sentences_with(reader.vocabulary.regulatory.action_words):
        action = _action_cue(reader, sentence)
        if action is None:
            continue
        predicate, cue = action
        reporter = _reporting_statement(said, cue.start())
        floor = said[reporter]["_content"][0] if reporter is not None else sentence.start
        target = _target(reader, sentence, floor, cue)
        if target is None:
            continue
        if reporter is not None:
            reported.add(reporter)
            fields = {k: said[reporter][k] for k in ("speaker", "speaker_person", "speaker_org", "statement",
                                                     "evidence", "char_start", "char_end")}
        else:
            fields = _action_by_authority(reader, sentence, floor, cue)
        dates = reader.model.tokens_in(sentence.start, sentence.end, "date")
        found.append(claim_record(kind="regulatory", subject=target.name, predicate=predicate,
                                  period=dates[0].value[0] if dates else None, **fields))
    return found, reported


def _action_cue(reader, sentence) -> tuple[str, re.Match] | None:
    """The first action (in claims.yaml's priority order) whose cue the sentence holds, not a
    survey (调查显示), not a hypothetical (如果…可能会)."""
    cues = reader.vocabulary.regulatory
    view = reader.view
    if not cues.any_action.search(view, sentence.start, sentence.end):
        return None  # one search instead of one per action
    for predicate, pattern in cues.actions:
        for m in pattern.finditer(view, sentence.start, sentence.end):
            if not cues.not_followed_by.match(view[m.end():m.end() + 4]):
                if cues.hypothetical.search(view[sentence.start:m.start()]):
                    return None
                return predicate, m
    return None


def _reporting_statement(said: list[dict], position: int) -> int | None:
    """The statement whose words hold position (the last one, when they nest)."""
    inside = [i for i, st in enumerate(said) if st["_content"][0] <= position < st["_content"][1]]
    return inside[-1] if inside else None


def _target(reader, sentence, floor: int, cue: re.Match):
    """The organization acted against: written after 针对/对/向 or before 被/遭到/接受 (in English,
    shortly after the cue); never a government or regulator."""
    cues = reader.vocabulary.regulatory
    view = reader.view
    english = LATIN_LETTER.match(cue.group())
    for m in reader.orgs_in(floor, sentence.end):
        if m.kind in GOVERNMENT_KINDS:
            continue
        if cues.target_before.search(view[max(floor, m.start - 4):m.start]):
            return m
        if m.end <= cue.start() and cues.target_passive.search(view[m.end:cue.start()]):
            return m
        if english and cue.end() <= m.start <= cue.end() + 20:
            return m
    return None


def _action_by_authority(reader, sentence, floor: int, cue: re.Match) -> dict:
    """Speaker and words of an action no statement reports: the authority (a government or
    regulator named in the sentence, else a common noun like 法国相关部门) and its clause."""
    authorities = [m for m in reader.orgs_in(floor, sentence.end) if m.kind in GOVERNMENT_KINDS]
    written, org, start = None, None, None
    if authorities:
        written, org, start = reader.surface(authorities[0]), authorities[0].name, authorities[0].start
    else:
        pattern = reader.vocabulary.regulatory.authority
        m = pattern.search(reader.view, reader.clause_start(sentence, cue.start()), cue.start()) \
            or pattern.search(reader.view, floor, sentence.end)
        if m:
            written, start = reader.text[m.start():m.end()], m.start()
    if start is None or start >= cue.start():
        start = reader.clause_start(sentence, cue.start())
    statement = reader.text[start:reader.clause_end(sentence, cue.end())].strip().rstrip("。.")
    return {"speaker": written, "speaker_person": None, "speaker_org": org, "statement": statement,
            "evidence": reader.sentence_text(sentence), "char_start": sentence.start, "char_end": sentence.end}
