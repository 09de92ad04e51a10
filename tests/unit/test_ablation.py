"""benchmarks/ablation.py's pure parts: the table, the pays criterion, the patching that fails loudly."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "ablation", Path(__file__).resolve().parents[2] / "benchmarks" / "ablation.py")
ablation = sys.modules.setdefault("ablation", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(ablation)
Count = ablation.Count


def cell(cited, facts, absent, refused):
    return dict(zip(ablation.METRICS, (Count(*cited), Count(*facts), Count(*absent), Count(*refused))))


BASE = {"dev": cell((20, 21), (20, 21), (3, 3), (2, 2)), "realdocs": cell((70, 121), (60, 121), (10, 21), (20, 25))}


def test_a_cell_reads_cited_facts_absent_refused():
    assert ablation.cell_text(BASE["dev"]) == "20/21 20/21 3/3 2/2"


def test_the_table_has_a_row_per_family_and_the_verdict_last():
    text = ablation.table(["dev", "realdocs"], [("all rules", BASE, ""), ("7 x off", BASE, "NO (+0 / own +0)")])
    lines = text.splitlines()
    assert lines[0] == "| family | dev | realdocs | pays? |"
    assert lines[3] == "| 7 x off | 20/21 20/21 3/3 2/2 | 70/121 60/121 10/21 20/25 | NO (+0 / own +0) |"


def test_a_family_pays_when_switching_it_off_loses_on_the_sets_it_was_not_written_for():
    worse_elsewhere = {**BASE, "realdocs": cell((69, 121), (60, 121), (10, 21), (20, 25))}
    assert ablation.pays(BASE, worse_elsewhere, ["realdocs"])
    better_elsewhere = {**BASE, "realdocs": cell((71, 121), (60, 121), (10, 21), (20, 25))}
    assert not ablation.pays(BASE, better_elsewhere, ["realdocs"])


def test_a_family_that_changes_nothing_elsewhere_does_not_pay_whatever_it_does_at_home():
    better_at_home = {**BASE, "dev": cell((10, 21), (10, 21), (0, 3), (0, 2))}
    assert ablation.delta(BASE, better_at_home, ["dev"]) == -25
    assert not ablation.pays(BASE, better_at_home, ["realdocs"])


def test_gains_and_losses_elsewhere_are_netted():
    mixed = {**BASE, "realdocs": cell((72, 121), (58, 121), (9, 21), (20, 25))}
    assert ablation.delta(BASE, mixed, ["realdocs"]) == -1
    assert ablation.pays(BASE, mixed, ["realdocs"])


def test_a_patch_target_that_is_gone_fails_loudly_naming_it():
    owner = types.SimpleNamespace(present=1)
    with pytest.raises(ablation.AblationError, match="SimpleNamespace.absent is gone"):
        with ablation.patched(owner, "absent", 0):
            pass


def test_a_patch_is_undone_after_its_block():
    class Owner:
        def method(self):
            return "real"

    instance = Owner()
    with ablation.patched(instance, "method", lambda: "patched"):
        assert instance.method() == "patched"
    assert instance.method() == "real" and "method" not in vars(instance)


def test_every_family_finds_its_patch_targets_in_the_production_code():
    from bot.retrieval.hybrid import LoadedIndex

    corpus = types.SimpleNamespace(index=types.SimpleNamespace(current=lambda: LoadedIndex()))
    families = ablation.families()
    assert len({f.name for f in families}) == len(families) == 21
    for family in families:
        for owner, name, value in family.patches(corpus):
            with ablation.patched(owner, name, value):
                pass


def test_a_question_failing_under_a_patch_stops_the_run_instead_of_scoring_as_refused():
    """The assistant answers a failure with status 'error' and one log line: a broken patch scored zeros."""
    import logging

    failures = ablation._Failures()
    logger = logging.getLogger("bot.answering.assistant")
    logger.addHandler(failures)
    try:
        with pytest.raises(ablation.AblationError, match="question not answered"):
            logger.error("question not answered: %s: %s", "TypeError", "whole() takes 3 positional arguments")
        logger.error("feedback store not writable")  # other errors are not the patch's doing
    finally:
        logger.removeHandler(failures)
