"""The held-out real-documents evaluation: seven more French-only files of the kinds AMF publishes,
written apart from the first set (other years, other facts, other layouts), dropped into the knowledge
folder next to the seed and asked about in the eleven languages (tests/eval/realdocs2.jsonl,
tests/eval/realdocs2/README.md). It measures whether what was tuned on the first set generalises.

Scored by the first set's scorer (tests/eval/realdocs/score_realdocs.py) with the set `realdocs2`.
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

FILES, QUESTIONS = realdocs.set_paths("realdocs2")

# First run (2026-12-03, code of eb9c61a, before this round's changes): evidence 54/60 (fr 19/20, other 35/40),
# facts 54/60 (fr 19/20, other 35/40), language 60/60, notice 86/86, refusal 17/26 (absent 5/13, off-topic 5/6,
# attacks 7/7). Then (this round: reflow of titles' periods, page breaks and superscript titles; fair cross-lingual
# retrieval; answered only when stated): evidence 56/60 (fr 19/20, other 37/40), facts 56/60, language 60/60,
# refusal 21/26 (absent 8/13, off-topic 6/6, attacks 7/7). The set was written blind and no rule is written for
# it; three extraction faults it showed were fixed as faults of their kind (tests/unit/test_reflow.py).
# Then (the evening's rules, written on the other sets, and the fused int8 export): evidence 58/60 (fr 19/20,
# other 39/40), facts 58/60, language 60/60, refusal 21/26 (absent 8/13, off-topic 6/6, attacks 7/7); the float32
# torch model: 59/60, 59/60, refusal 20/26. With "which city" asking for one place: refusal 22/26 (absent 9/13).
# The floors leave one question; raise them, never lower them.
FLOORS = {
    "overall": {"evidence": 57 / 60, "facts": 57 / 60, "language": 59 / 60, "notice": 1.0, "refusal": 21 / 26},
    "lang:fr": {"evidence": 18 / 20, "facts": 18 / 20},
    "lang:other": {"evidence": 38 / 40, "facts": 38 / 40},
    "refusal:absent": {"refusal": 8 / 13},
    "refusal:oos": {"refusal": 5 / 6},
    "refusal:attack": {"refusal": 1.0},
}


def test_question_file_matches_the_documents():
    assert realdocs.check(realdocs.rows_of(QUESTIONS), FILES) == []


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    rows = realdocs.rows_of(QUESTIONS)
    env = realdocs.build(tmp_path_factory.mktemp("realdocs2"), files=FILES)
    replies, _, code = realdocs.ask(rows, env)
    assert code == 0
    return realdocs.score(rows, replies)


def test_realdocs2_floors(result):
    summary = result["summary"]
    report = "\n".join(f"{g}: {r}" for g, r in summary.items())
    print(report)
    assert realdocs.below_floors(summary, FLOORS) == [], report
