"""The refusal threshold is derived from the indexed corpus, saved beside it and derived again when it changes."""

from __future__ import annotations

from bot.answering import calibration
from bot.assembly import build_index, make_assistant


def test_index_build_saves_a_calibration_that_refuses_every_offtopic_probe(hash_settings):
    build_index(hash_settings)
    saved = calibration.load(hash_settings.index_dir / "calibration.json")
    assert saved is not None and saved.embedder == "hash" and saved.offtopic_accepted == 0.0
    assistant = make_assistant(hash_settings)
    assert assistant.ask("Comment renouveler mon passeport rapidement ?").status == "not_found"


def test_changed_documents_give_a_new_calibration(hash_settings):
    build_index(hash_settings)
    before = calibration.load(hash_settings.index_dir / "calibration.json")
    (hash_settings.knowledge_dir / "amf-action-internationale" / "fr.txt").write_text(
        "L'AMF a reçu des maires du Groenland pour parler de pêche.\n", "utf-8")
    for other in (hash_settings.knowledge_dir / "amf-action-internationale").glob("??.txt"):
        if other.name != "fr.txt":
            other.write_text("The AMF received mayors from Greenland to talk about fishing.\n", "utf-8")
    build_index(hash_settings)
    after = calibration.load(hash_settings.index_dir / "calibration.json")
    assert after.index_version != before.index_version
