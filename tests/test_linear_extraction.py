"""Extraction time grows linearly with the text, whatever the text repeats (issue 14).

Each input repeats one unit: a trigger word, an amount, an investor list, a whole deal clause
without a full stop. Four times the text may take at most six times as long (quadratic growth gives
sixteen). Times are CPU times, the best of three runs, on texts large enough (20k and 80k
characters) that a few milliseconds of noise do not decide.
"""
import gc
import time

import pytest

from ingest.pipeline import extract_records
from ingest.segment import MAX_SENTENCE, split_sentences

UNITS = ["投资", "投资了", "1 ", "1,", "$1", "1亿美元、", "微软、", "其", "Nvidia, ", "10%", "A轮",
         "微软投资OpenAI 10亿美元，", "阿里、腾讯领投", "Microsoft invested $1 billion in OpenAI, "]


def _cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        # The collector's passes over everything the test process holds (the whole suite's objects)
        # would grow with the allocations of the larger text: they are not the extractor's growth.
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            extract_records({"text": text, "published_on": None, "language": None})
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.fixture(scope="module", autouse=True)
def warm_vocabularies():
    extract_records({"text": "微软投资OpenAI。Microsoft invested $1 billion in OpenAI.", "published_on": None,
                     "language": None})


@pytest.mark.parametrize("unit", UNITS)
def test_four_times_the_text_takes_at_most_six_times_as_long(unit):
    repeats = 20000 // len(unit)
    small, large = _cpu_seconds(unit * repeats), _cpu_seconds(unit * repeats * 4)
    assert large <= 6 * max(small, 0.01), (unit, small, large)


def test_a_text_without_sentence_marks_is_cut_after_a_clause_mark():
    text = "微软投资OpenAI 10亿美元，" * 100
    sentences = split_sentences(text)
    assert [s.end - s.start for s in sentences] == [595, 595, 510]  # 35 clauses of 17 characters, the rest
    assert all(text[s.end - 1] == "，" for s in sentences[:-1])
    assert sentences[-1].end == len(text)


def test_a_run_without_any_mark_is_cut_at_the_limit():
    text = "投" * (MAX_SENTENCE * 2 + 10)
    assert [(s.start, s.end) for s in split_sentences(text)] == [
        (0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE), (2 * MAX_SENTENCE, 2 * MAX_SENTENCE + 10)]
