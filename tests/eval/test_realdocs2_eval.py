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

# PLACEHOLDER — floors not set yet: every rate is 0 until the first run's figures are written here
# (then raised as the answers improve, never lowered). Groups: overall, lang:fr, lang:other,
# refusal:absent, refusal:oos, refusal:attack (60 fact questions, 20 in French; 13 absent, 6 off-topic, 7 attacks).
# First run (2026-12-03, code of eb9c61a): evidence 54/60 (fr 19/20, other 35/40), facts 54/60 (fr 19/20,
# other 35/40), language 60/60, notice 86/86, refusal 17/26 (absent 5/13, off-topic 5/6, attacks 7/7).
FLOORS = {
    "overall": {"evidence": 0, "facts": 0, "language": 0, "notice": 0, "refusal": 0},
    "lang:fr": {"evidence": 0, "facts": 0},
    "lang:other": {"evidence": 0, "facts": 0},
    "refusal:absent": {"refusal": 0},
    "refusal:oos": {"refusal": 0},
    "refusal:attack": {"refusal": 0},
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
    assert realdocs.rate(summary["overall"]["replied"]) == 1.0, report
    for group, floors in FLOORS.items():
        for check, floor in floors.items():
            assert realdocs.rate(summary[group][check]) >= floor - 1e-9, f"{group} {check} below {floor:.3f}\n{report}"
