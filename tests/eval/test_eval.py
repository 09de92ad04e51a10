"""The evaluation: the dev set (and our own harder set) through the real assistant, with thresholds.

Scored as ../shared/eval/score.py scores them: a cited passage holds the gold snippet, every fact
group has an accepted string in the answer, the answer is in the question's language (judged on
the answer's own words, quotes removed), the notice travels with every answer, questions the
documents do not answer are not answered, and bad input is rejected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.scoring import load, report, score

pytestmark = [pytest.mark.eval, pytest.mark.integration]

EVAL = Path(__file__).parent


def test_dev_set_meets_the_thresholds(e5_assistant):
    scores = score(e5_assistant, load(EVAL / "dev.jsonl"))
    print(report(scores))
    assert scores.rate("evidence") >= 0.98, report(scores)  # the target; measured 21/21
    assert scores.rate("facts") >= 0.95, report(scores)  # the target; measured 21/21
    assert scores.rate("language") == 1.0, report(scores)
    assert scores.rate("reply_language") == 1.0, report(scores)
    assert scores.rate("notice") == 1.0, report(scores)
    assert scores.rate("refusal") == 1.0, report(scores)
    assert scores.rate("absent") == 1.0, report(scores)
    assert scores.rate("bad_input") == 1.0, report(scores)


def test_harder_set_stays_above_its_floor(e5_assistant):
    """Our own 85 questions: paraphrases, lists, yes/no, regions, all 11 languages, absent and attacks.

    Floors sit just under what the assistant reaches today, so a regression fails; off-topic
    questions and attacks must all be refused, as in the dev set.
    """
    scores = score(e5_assistant, load(EVAL / "extra.jsonl"))
    print(report(scores))
    assert scores.rate("evidence") >= 0.95, report(scores)  # measured 57/58
    assert scores.rate("facts") >= 0.95, report(scores)  # measured 57/58
    assert scores.rate("language") >= 0.97, report(scores)
    assert scores.rate("reply_language") == 1.0, report(scores)
    assert scores.rate("notice") == 1.0, report(scores)
    assert scores.rate("refusal") == 1.0, report(scores)
    assert scores.rate("absent") >= 0.85, report(scores)  # measured 14/15


def test_set_written_without_seeing_the_assistant_stays_above_its_floor(e5_assistant):
    """101 questions (67 answerable, 13 absent, 11 off-topic, 10 attacks) written from the documents
    alone, without the code or the other sets: 59/67 answered right and 8/13 absent refused when
    first run; the failures it showed were then fixed by general rules (docs/calibration.md)."""
    scores = score(e5_assistant, load(EVAL / "heldout.jsonl"))
    print(report(scores))
    assert scores.rate("evidence") >= 0.97, report(scores)  # measured 66/67
    assert scores.rate("facts") >= 0.97, report(scores)  # measured 66/67
    assert scores.rate("reply_language") == 1.0, report(scores)
    assert scores.rate("notice") == 1.0, report(scores)
    assert scores.rate("refusal") == 1.0, report(scores)
    assert scores.rate("absent") >= 0.75, report(scores)  # measured 10/13
