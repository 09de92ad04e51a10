"""The multi-document evaluation: the seed alone, and the seed with six synthetic municipal documents.

Questions in tests/eval/multidoc.jsonl (same format as dev.jsonl): answerable from the seed in the
11 languages (long, conversational, paraphrased, exonyms, lists), answerable only from a synthetic
document (`"synthetic": true`, the gold snippet is in that document), off-topic and absent. The
off-topic and absent ones must be refused on both corpora: adding documents must not make the
assistant answer a tax or passport question with a passage on drinking water.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.scoring import Scores, report, score

pytestmark = [pytest.mark.eval, pytest.mark.integration]

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"


def rows(synthetic: bool) -> list[dict]:
    lines = (HERE / "multidoc.jsonl").read_text("utf-8").splitlines()
    return [r for r in map(json.loads, filter(str.strip, lines)) if synthetic or not r.get("synthetic")]


@pytest.fixture(scope="module")
def multidoc_assistant(tmp_path_factory):
    from bot.assembly import build_index, make_assistant
    from bot.core.settings import Settings

    root = tmp_path_factory.mktemp("multidoc")
    knowledge = root / "knowledge"
    shutil.copytree(HERE.parent.parent / "knowledge", knowledge)
    for folder in CORPUS.iterdir():
        if folder.is_dir():
            shutil.copytree(folder, knowledge / folder.name)
    settings = Settings(knowledge_dir=knowledge, index_dir=root / "index", data_dir=root / "data")
    build_index(settings)
    return make_assistant(settings)


def check(scores: Scores, evidence: float, facts: float) -> None:
    print(report(scores))
    assert scores.rate("evidence") >= evidence, report(scores)
    assert scores.rate("facts") >= facts, report(scores)
    assert scores.rate("language") == 1.0, report(scores)
    assert scores.rate("notice") == 1.0, report(scores)
    assert scores.rate("refusal") == 1.0 and scores.rate("absent") == 1.0, report(scores)


def test_seed_alone(e5_assistant):
    check(score(e5_assistant, rows(synthetic=False)), evidence=0.98, facts=0.95)  # the targets; measured 22/22


def test_seed_with_synthetic_documents(multidoc_assistant):
    # Measured 34/34 in float32 (e5-small-torch), 33/34 with the int8 default (s-fr04); 32/34 since the
    # specific-term score was removed (docs/calibration.md, ablation: it cost 4 gold passages on the real
    # documents and 1 on held-out 2; it won s-en02 here, "How much does Harbourton give…").
    check(score(multidoc_assistant, rows(synthetic=True)), evidence=32 / 34, facts=32 / 34)


def heldout(synthetic: bool) -> list[dict]:
    lines = (HERE / "heldout2.jsonl").read_text("utf-8").splitlines()
    return [r for r in map(json.loads, filter(str.strip, lines)) if synthetic or not r.get("synthetic")]


def check_heldout(scores: Scores, facts: float, absent: float) -> None:
    print(report(scores))
    assert scores.rate("evidence") >= facts and scores.rate("facts") >= facts, report(scores)
    assert scores.rate("reply_language") == 1.0 and scores.rate("notice") == 1.0, report(scores)
    assert scores.rate("refusal") == 1.0, report(scores)
    assert scores.rate("absent") >= absent, report(scores)


# A second set written from the documents alone (87 questions, 14 on the synthetic documents). First
# run: seed 36/45 cited, 35/45 facts, 4/11 absent and 16/17 off-topic or attacks refused; with the
# synthetic documents 46/59, 45/59, 3/11, 15/17. Its failures were then worked on as classes.
def test_second_heldout_set_on_the_seed(e5_assistant):
    check_heldout(score(e5_assistant, heldout(synthetic=False)), facts=42 / 45, absent=0.6)  # measured 44/45 cited, 43/45 facts, 8/11


def test_second_heldout_set_with_synthetic_documents(multidoc_assistant):
    # measured 55/59 cited, 55/59 facts, 7/11 absent (float32 torch: 54/59, 54/59, 7/11)
    check_heldout(score(multidoc_assistant, heldout(synthetic=True)), facts=53 / 59, absent=0.6)
