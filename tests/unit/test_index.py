"""Re-indexing is idempotent: unchanged files are not touched, changed ones replaced, deleted ones removed."""

import json
import shutil

from bot.embedders.registry import make_embedder
from bot.assembly import build_index
from bot.retrieval.hybrid import PassageIndex
from bot.store.chroma import PassageStore


def _store(settings):
    return PassageStore(settings, make_embedder(settings))


def test_second_run_changes_nothing(hash_settings):
    first = build_index(hash_settings)
    assert first.added == first.passages * 11 and first.updated == first.removed == 0
    second = build_index(hash_settings)
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.added


def test_changed_file_replaces_only_its_passages(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    before = store.version()
    en = hash_settings.knowledge_dir / "amf-action-internationale" / "en.txt"
    en.write_text(en.read_text("utf-8").replace("Pretoria", "Tshwane (Pretoria)"), encoding="utf-8")
    embedded = []
    original_embed = store.embedder.embed_documents
    store.embedder.embed_documents = lambda texts: embedded.extend(texts) or original_embed(texts)
    summary = build_index(hash_settings, store=store)
    # The edited passage is re-embedded; later English passages only moved (new offsets).
    assert len(embedded) == 1 and "Tshwane" in embedded[0]
    assert summary.updated >= 1 and summary.added == summary.removed == 0
    assert store.version() != before
    passages = store.load_corpus().passages
    assert any("Tshwane" in p.translations["en"].text for p in passages)


def test_deleted_translation_and_document_disappear(hash_settings):
    build_index(hash_settings)
    folder = hash_settings.knowledge_dir / "amf-action-internationale"
    meta = json.loads((folder / "document.json").read_text("utf-8"))
    del meta["translations"]["ja"]
    (folder / "document.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    (folder / "ja.txt").unlink()
    summary = build_index(hash_settings)
    assert summary.removed == summary.passages and summary.added == 0
    passages = _store(hash_settings).load_corpus().passages
    assert all("ja" not in p.translations for p in passages)

    shutil.rmtree(folder)
    summary = build_index(hash_settings)
    assert summary.passages == 0 and summary.removed > 0
    assert _store(hash_settings).collection().count() == 0


def test_another_embedder_rebuilds_the_collection(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    store.embedder.name = "hash-256-v2"
    summary = build_index(hash_settings, store=store)
    assert summary.added == summary.passages * 11 and summary.unchanged == 0


def test_passage_index_follows_the_store(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    index = PassageIndex(store, refresh_seconds=0)
    first = index.current().version
    en = hash_settings.knowledge_dir / "amf-action-internationale" / "en.txt"
    en.write_text(en.read_text("utf-8").replace("New Delhi", "New Delhi (India)"), encoding="utf-8")
    build_index(hash_settings, store=store)
    assert index.current().version != first
    assert any("(India)" in p.translations["en"].text for p in index.passages.values())
