import json
from pathlib import Path

import pytest

from bot.ingest.chunking import chunk_documents
from bot.core.errors import KnowledgeError
from bot.ingest.knowledge import load_knowledge

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "amf-action-internationale.txt"


def test_original_is_the_seed_verbatim(knowledge_copy):
    original = knowledge_copy / "amf-action-internationale" / "fr.txt"
    if SEED.exists():
        assert original.read_bytes() == SEED.read_bytes()


def test_notice_is_metadata_not_content(knowledge_copy):
    (doc,) = load_knowledge(knowledge_copy)
    assert doc.original.notice.startswith("La reproduction partielle ou totale")
    assert all("reproduction partielle" not in p.text for p in doc.original.paragraphs)
    assert set(doc.translations) == {"en", "it", "es", "de", "pt", "ro", "ko", "ja", "ru", "uk"}
    for translation in doc.translations.values():
        assert translation.notice and len(translation.paragraphs) == len(doc.original.paragraphs)


def test_passages_carry_provenance_and_aligned_translations(knowledge_copy):
    docs = load_knowledge(knowledge_copy)
    passages = chunk_documents(docs)
    files = {}
    for passage in passages:
        for version in passage.versions:
            text = files.setdefault(version.source_file, (knowledge_copy / version.source_file).read_text("utf-8"))
            assert text[version.start:version.end] == version.text
        assert len(passage.original.text) <= 400
        assert len(passage.translations) == 10
    ids = [p.passage_id for p in passages]
    assert len(ids) == len(set(ids))
    # The line introducing the list is not a passage but the context of each item.
    items = [p for p in passages if p.original.text.startswith("- ")]
    assert len(items) == 3 and all(p.original.context == "L'AMF a également reçu :" for p in items)


def test_long_paragraphs_are_cut_at_the_same_sentences_in_every_language(knowledge_copy):
    passages = [p for p in chunk_documents(load_knowledge(knowledge_copy)) if p.paragraph == 3]
    assert len(passages) > 1
    hoeffel = next(p for p in passages if "Pretoria" in p.original.text)
    assert "Pretoria" in hoeffel.translations["en"].text and "Pretoria" in hoeffel.translations["de"].text


def test_a_document_without_translations_works(tmp_path):
    folder = tmp_path / "k" / "note"
    folder.mkdir(parents=True)
    (folder / "fr.txt").write_text("Une phrase.\nAvis de droits.", encoding="utf-8")
    (folder / "document.json").write_text(json.dumps({
        "title": "Note", "source": "AMF", "language": "fr", "original": "fr.txt", "notice": "Avis de droits."}))
    (doc,) = load_knowledge(tmp_path / "k")
    (passage,) = chunk_documents([doc])
    assert passage.original.text == "Une phrase." and passage.translations == {}


def test_misaligned_translation_is_refused(knowledge_copy):
    en = knowledge_copy / "amf-action-internationale" / "en.txt"
    en.write_text("\n".join(en.read_text("utf-8").splitlines()[:5]), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="en.txt.*aligned paragraph by paragraph"):
        load_knowledge(knowledge_copy)
