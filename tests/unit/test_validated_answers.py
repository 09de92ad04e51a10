"""Validated answers: the file format, the knowledge loader skipping them, matching, precedence and staleness."""

from __future__ import annotations

import json

import pytest

from bot.core.errors import KnowledgeError
from bot.ingest.validated import (
    ValidatedShelf,
    load_validated,
    new_validated,
    read_validated,
    remove_validated,
    save_validated,
    validated_dir,
)

WORDING = "Qui dirige le groupe de travail international de l'AMF ?"


def test_a_file_round_trips_and_is_checked(tmp_path):
    answer = new_validated({"fr": "M. Jacques AUXIETTE.", "en": "Mr Jacques AUXIETTE."}, [WORDING, " ", WORDING],
                           ["amf-action-internationale/p003"], validated_on="2026-11-28")
    path = save_validated(tmp_path, answer)
    assert path.name == "qui-dirige-le-groupe-de-travail-international-de-l-amf.json"
    assert read_validated(path) == answer and answer.wordings == (WORDING,)
    assert json.loads(path.read_text())["texts"]["en"] == "Mr Jacques AUXIETTE."
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    for bad, problem in [({"en": "x"}, "French"), ({"fr": "x"}, "wordings")]:
        with pytest.raises(KnowledgeError, match=problem):
            new_validated(bad, [] if problem == "wordings" else ["q?"], ["p"])
    with pytest.raises(KnowledgeError, match="passages"):
        new_validated({"fr": "x"}, ["q?"], [])
    path.write_text(path.read_text().replace('"2026-11-28"', '"yesterday"'))
    with pytest.raises(KnowledgeError, match="ISO date"):
        read_validated(path)
    assert remove_validated(tmp_path, answer.answer_id) and load_validated(tmp_path) == []


def test_the_knowledge_loader_ignores_the_validated_folder(knowledge_copy):
    from bot.ingest.knowledge import load_folder

    before = load_folder(knowledge_copy)
    folder = validated_dir(knowledge_copy)
    save_validated(folder, new_validated({"fr": "x"}, ["q?"], ["p"]))
    (folder / "notes.md").write_text("# Not a document\n\nStaff notes.\n")
    (folder / "document.json").write_text("{}")  # even a stray metadata file there is not a document
    after = load_folder(knowledge_copy)
    assert [d.doc_id for d in after.documents] == [d.doc_id for d in before.documents]
    assert (after.failed, after.skipped) == (before.failed, before.skipped)


def test_the_shelf_sees_new_and_removed_files(tmp_path):
    shelf = ValidatedShelf(tmp_path / "validated")
    assert shelf.current() == []
    answer = new_validated({"fr": "x"}, ["q?"], ["p"])
    save_validated(tmp_path / "validated", answer)
    assert shelf.current() == [answer]
    remove_validated(tmp_path / "validated", answer.answer_id)
    assert shelf.current() == []


@pytest.fixture
def hash_assistant(hash_settings):
    from bot.assembly import build_index, make_assistant

    build_index(hash_settings)
    return make_assistant(hash_settings)


def passage_about(assistant, text: str) -> str:
    return next(pid for pid, p in assistant.retriever.index.current().passages.items() if text in p.original.text)


def test_a_matching_question_gets_the_validated_answer_first(hash_settings, hash_assistant):
    pid = passage_about(hash_assistant, "AUXIETTE")
    folder = validated_dir(hash_settings.knowledge_dir)
    save_validated(folder, new_validated(
        {"fr": "Le groupe de travail est présidé par Jacques AUXIETTE.", "it": "Il gruppo è presieduto da Jacques AUXIETTE."},
        [WORDING, "Who leads AMF's international working group?"], [pid], validated_on="2026-11-28"))

    italian = hash_assistant.ask("Chi guida il gruppo di lavoro internazionale dell'AMF?")
    assert italian.status != "answered" or italian.mode != "validated"  # the hash embedder is no translator…
    english = hash_assistant.ask("Who leads AMF's international working group?")  # …but a listed wording matches
    assert english.status == "answered" and english.mode == "validated"
    assert english.answer.startswith("AMF's answer (in French):\nLe groupe de travail est présidé") and english.answer.endswith("[1]")
    assert english.validated == {"id": "qui-dirige-le-groupe-de-travail-international-de-l-amf", "date": "2026-11-28",
                                 "label": "Answer validated by AMF on 2026-11-28"}
    assert english.citations[0].location["passage_id"] == pid and english.citations[0].translation  # the English version
    assert english.notice.startswith("La reproduction partielle")
    assert english.to_dict()["validated"]["label"].startswith("Answer validated")

    french = hash_assistant.ask(WORDING.replace("?", " ?").upper())
    assert french.mode == "validated" and french.answer.startswith("Le groupe de travail est présidé")
    assert french.validated["label"] == "Réponse validée par l'AMF le 2026-11-28"
    assert hash_assistant.ask("Quels élus ukrainiens l'AMF a-t-elle reçus ?").mode != "validated"


def test_an_answer_citing_a_vanished_passage_is_flagged_and_not_served(hash_settings, hash_assistant):
    from bot.assembly import make_staff_desk

    folder = validated_dir(hash_settings.knowledge_dir)
    save_validated(folder, new_validated({"fr": "Réponse."}, [WORDING], ["amf-action-internationale/p999"]))
    assert hash_assistant.ask(WORDING).mode != "validated"
    desk = make_staff_desk(hash_settings, hash_assistant)
    [row] = desk.answers()
    assert row[-1].startswith("NO") and "p999" in row[-1]
    with pytest.raises(KnowledgeError, match="unknown passage"):
        desk.save({"fr": "Réponse."}, ["Autre ?"], ["nope/p1"])


def test_the_calibrated_threshold_depends_on_the_embedder():
    from bot.answering.validated import CALIBRATED_THRESHOLDS, calibrated_threshold

    assert calibrated_threshold("e5-small") == CALIBRATED_THRESHOLDS["e5-small"]
    assert calibrated_threshold("e5-small", 0.8) == 0.8
    assert calibrated_threshold("/some/model") is None  # never calibrated: only exact wordings match


def test_the_command_line_adds_lists_exports_and_removes(hash_settings, capsys, monkeypatch):
    from bot.assembly import build_index
    from bot.cli import main

    build_index(hash_settings)
    monkeypatch.setenv("AMF_BOT_DATA_DIR", str(hash_settings.data_dir))
    common = ["--knowledge-dir", str(hash_settings.knowledge_dir), "--index-dir", str(hash_settings.index_dir),
              "--embedding-model", "hash"]
    assert main(["validated", "add", *common, "--fr", "Réponse.", "--wording", WORDING,
                 "--passage", "nope/p1"]) == 1
    assert "unknown passage" in capsys.readouterr().err
    assert main(["validated", "add", *common, "--fr", "Réponse.", "--text", "en:Answer.", "--wording", WORDING,
                 "--passage", "amf-action-internationale/p002", "--id", "leader"]) == 0
    capsys.readouterr()
    assert main(["validated", "list", *common]) == 0
    assert capsys.readouterr().out.startswith("leader\t")
    assert main(["validated", "export", *common]) == 0
    assert json.loads(capsys.readouterr().out)["texts"] == {"fr": "Réponse.", "en": "Answer."}
    assert main(["validated", "remove", *common, "--id", "leader"]) == 0
    assert main(["validated", "remove", *common, "--id", "leader"]) == 1
