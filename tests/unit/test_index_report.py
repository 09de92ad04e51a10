"""`amf-bot index` names each file added, updated, removed, failed (with the reason) and skipped, ends
with the summary, writes `<index_dir>/last-run.json`, and prints no third-party warning."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bot.cli import main
from bot.ingest.run_report import read_last_run

TEXT = ("La délégation de l'AMF a rencontré les maires de la région de Thiès pour parler de coopération.\n\n"
        "Les échanges ont porté sur la gestion de l'eau et la formation des agents municipaux.\n")


@pytest.fixture
def run(hash_settings, monkeypatch, capsys):
    for key, value in {"KNOWLEDGE_DIR": hash_settings.knowledge_dir, "INDEX_DIR": hash_settings.index_dir,
                       "EMBEDDING_MODEL": "hash", "DATA_DIR": hash_settings.data_dir}.items():
        monkeypatch.setenv(f"AMF_BOT_{key}", str(value))

    def index() -> tuple[int, list[str]]:
        code = main(["index", "--quiet"])
        return code, capsys.readouterr().out.splitlines()

    return index


def statuses(index_dir: Path) -> dict[str, tuple[str, int]]:
    report = read_last_run(index_dir)
    assert report is not None
    return {f.file: (f.status, f.passages) for f in report.files}


def test_each_file_is_named_with_what_happened_and_the_summary_comes_last(hash_settings, run):
    knowledge, index_dir = hash_settings.knowledge_dir, hash_settings.index_dir
    (knowledge / "visites").mkdir()
    (knowledge / "visites" / "thies.md").write_text(TEXT, "utf-8")
    code, lines = run()
    assert code == 0
    assert "added: visites/thies.md (2 passages)" in lines and "added: amf-action-internationale (18 passages)" in lines
    assert lines[-1].startswith("Index up to date:")
    report = read_last_run(index_dir)
    assert report.ok and report.started <= report.finished
    assert statuses(index_dir) == {"amf-action-internationale": ("added", 18), "visites/thies.md": ("added", 2)}

    (knowledge / "visites" / "thies.md").write_text(TEXT + "\nUne troisième rencontre est prévue à Dakar.\n", "utf-8")
    code, lines = run()
    assert code == 0 and lines[0] == "updated: visites/thies.md (3 passages)" and len(lines) == 2
    assert statuses(index_dir)["amf-action-internationale"] == ("unchanged", 18)

    (knowledge / "visites" / "thies.md").write_text("", "utf-8")
    code, lines = run()
    assert code == 1 and lines[0] == "failed: visites/thies.md: empty file (its 3 previously indexed passage(s) still answer)"
    assert statuses(index_dir)["visites/thies.md"] == ("failed", 3)

    (knowledge / "visites" / "thies.md").unlink()
    (knowledge / "abime.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<")
    (knowledge / "tableau.xlsx").write_bytes(b"PK\x03\x04")
    code, lines = run()
    assert code == 1
    assert lines[:-1] == ["removed: visites/thies.md", "failed: abime.pdf: damaged or truncated PDF (not indexed)",
                          "skipped: tableau.xlsx: unsupported file type"]
    assert lines[-1].startswith("Index up to date:")
    report = read_last_run(index_dir)
    assert not report.ok
    assert statuses(index_dir) == {"abime.pdf": ("failed", 0), "amf-action-internationale": ("unchanged", 18),
                                   "tableau.xlsx": ("skipped", 0), "visites/thies.md": ("removed", 0)}
    assert next(f for f in report.files if f.file == "abime.pdf").reason == "damaged or truncated PDF"


def test_a_file_name_cannot_forge_a_line_of_the_report(hash_settings, run):
    (hash_settings.knowledge_dir / "x\nadded: forged.pdf (99 passages)\n.pdf").write_bytes(b"%PDF-1.4\n")
    code, lines = run()
    assert code == 1
    assert not any(line.startswith("added: forged") for line in lines)
    assert "failed: x\\nadded: forged.pdf (99 passages)\\n.pdf: damaged or truncated PDF (not indexed)" in lines
    # The report keeps the real name; escaping is for terminals.
    assert "x\nadded: forged.pdf (99 passages)\n.pdf" in statuses(hash_settings.index_dir)


def test_building_and_updating_the_index_prints_no_chroma_warning(hash_settings, run):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first, _ = run()  # a new generation is written, then reopened and checked
        (hash_settings.knowledge_dir / "thies.md").write_text(TEXT, "utf-8")
        second, _ = run()
    assert first == second == 0
    assert not [w for w in caught if "embedding function" in str(w.message)], [str(w.message) for w in caught]


def test_a_report_that_cannot_be_written_costs_the_report_not_the_run(hash_settings):
    from bot.assembly import index_knowledge

    (hash_settings.index_dir / "last-run.json").mkdir(parents=True)  # the report cannot replace a folder
    outcome = index_knowledge(hash_settings)
    assert outcome.ok and outcome.sync.added
    assert any("report could not be written" in note for note in outcome.sync.notes), outcome.sync.notes
