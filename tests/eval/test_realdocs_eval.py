"""The real-documents evaluation: French-only files of the kinds AMF publishes, dropped into the
knowledge folder as plain files next to the seed, asked about in the eleven languages
(tests/eval/realdocs.jsonl, tests/eval/realdocs/README.md).

The floors are the figures measured on the first run, before any fix: they must hold today and are
raised as the answers improve.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = [pytest.mark.eval, pytest.mark.integration]

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("score_realdocs", HERE / "realdocs" / "score_realdocs.py")
realdocs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(realdocs)

# First run (code before any fix, 2026-12-03): evidence 60/121 (fr 34/41, other 26/80), facts 52/121.
# Then (int8 embedder, reflow, context, fair retrieval, answered only when stated): evidence 74/121 (fr 36/41,
# other 38/80), facts 66/121 (fr 35/41, other 31/80).
# Then (language centring, labels as headings, the year asked, word evidence standardised among the translated
# passages, anchors, passages quoted whole, no specific-term score): evidence 101/121 (fr 38/41, other 63/80),
# facts 101/121 (fr 39/41, other 62/80), absent refused 10/21, off-topic 12/12, attacks 13/13.
# Now (French-only passages relevant on the foreign threshold, countries as anchors, the foreign path on any of
# the gate's passages, names transcribed; what the question itself gives does not answer it; an acronym's
# expansion, a population, names of places asked, people counted, a founding date; a title does not say who holds
# a position; a duration is no count): evidence 108/121 (fr 39/41, other 69/80), facts 108/121 (fr 40/41, other
# 68/80), absent refused 18/21, off-topic 12/12, attacks 13/13.
# Now (names of several places need two names; a passage opening with a pronoun carries the sentence before; a
# date's year from its dated heading; language identification weighed with word frequencies; the fused int8
# export; a quotation after a page footer finishing its sentence): evidence 110/121 (fr 40/41, other 70/80), facts
# 111/121 (fr 41/41, other 70/80), language 121/121, absent refused 19/21, off-topic 12/12, attacks 13/13. The
# floors leave one question. Raise them, never lower them.
FLOORS = {
    "overall": {"evidence": 109 / 121, "facts": 110 / 121, "language": 120 / 121, "notice": 1.0, "refusal": 43 / 46},
    "lang:fr": {"evidence": 39 / 41, "facts": 40 / 41},
    "lang:other": {"evidence": 69 / 80, "facts": 69 / 80},
    "refusal:absent": {"refusal": 18 / 21},
    "refusal:oos": {"refusal": 11 / 12},
    "refusal:attack": {"refusal": 1.0},
}


def test_question_file_matches_the_documents():
    assert realdocs.check(realdocs.rows_of()) == []


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    rows = realdocs.rows_of()
    env = realdocs.build(tmp_path_factory.mktemp("realdocs"))
    replies, _, code = realdocs.ask(rows, env)
    assert code == 0
    return realdocs.score(rows, replies)


def test_realdocs_floors(result):
    summary = result["summary"]
    report = "\n".join(f"{g}: {r}" for g, r in summary.items())
    print(report)
    assert realdocs.below_floors(summary, FLOORS) == [], report
