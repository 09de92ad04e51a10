"""Dropped files in the knowledge folder: metadata defaults and sidecars, the load report, and
`amf-bot index` naming bad files, skipping unsupported ones and indexing duplicates once."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from bot.assembly import index_knowledge, make_assistant
from bot.cli import main
from bot.ingest.chunking import chunk_documents
from bot.ingest.knowledge import load_folder
from support.documents import seed_notice, truncated_copy, two_column_pdf

SENEGAL = [
    "En 2004, l'AMF a signé un accord de coopération avec l'Association des maires du Sénégal pour la formation des secrétaires municipaux.",
    "Ce programme finance chaque année des stages de gestion budgétaire à Dakar, Saint-Louis et Ziguinchor.",
]


def test_a_dropped_pdf_gets_the_defaults_notice_a_detected_language_and_pages(hash_settings):
    knowledge = hash_settings.knowledge_dir
    two_column_pdf(knowledge / "rapport.pdf", [*SENEGAL, seed_notice()], title="Coopération avec le Sénégal", running=False)
    report = load_folder(knowledge)
    assert report.ok and not report.skipped
    doc = next(d for d in report.documents if d.doc_id == "rapport.pdf")
    assert doc.original.language == "fr" and doc.original.notice == seed_notice()
    assert [p.text for p in doc.original.paragraphs] == SENEGAL  # the notice is not a passage
    assert doc.original.title == "Coopération avec le Sénégal" and doc.source.startswith("Association des Maires")
    assert all(v.original.page == 1 for v in chunk_documents([doc]))


def test_a_sidecar_overrides_title_language_and_notice(hash_settings):
    knowledge = hash_settings.knowledge_dir
    (knowledge / "notes").mkdir()
    (knowledge / "notes" / "senegal.md").write_text("# Sénégal\n\n" + "\n\n".join(SENEGAL), encoding="utf-8")
    (knowledge / "notes" / "senegal.md.json").write_text(json.dumps(
        {"title": "Note Sénégal", "language": "fr", "notice": "© AMF 2004", "url": "https://example.org/n"}), encoding="utf-8")
    doc = next(d for d in load_folder(knowledge).documents if d.doc_id == "notes/senegal.md")
    assert (doc.original.title, doc.original.notice, doc.url) == ("Note Sénégal", "© AMF 2004", "https://example.org/n")
    passages = chunk_documents([doc])
    assert passages[0].original.heading == "Sénégal" and passages[0].original.context == "Sénégal"


def test_a_sidecar_saved_with_a_byte_order_mark_is_read_like_document_json(hash_settings):
    (hash_settings.knowledge_dir / "a.txt").write_text("Un texte sur le Sénégal.\n", encoding="utf-8")
    (hash_settings.knowledge_dir / "a.txt.json").write_text('{"title": "Note"}', encoding="utf-8-sig")
    report = load_folder(hash_settings.knowledge_dir)
    assert report.failed == []
    assert next(d for d in report.documents if d.doc_id == "a.txt").original.title == "Note"


def test_an_english_file_is_detected_as_english(hash_settings):
    (hash_settings.knowledge_dir / "note.txt").write_text(
        "The association of French mayors welcomed a delegation of Senegalese mayors in Paris in March 2004.\n", encoding="utf-8")
    doc = next(d for d in load_folder(hash_settings.knowledge_dir).documents if d.doc_id == "note.txt")
    assert doc.original.language == "en"


def test_a_bad_sidecar_language_is_named_with_the_allowed_ones(hash_settings):
    (hash_settings.knowledge_dir / "a.txt").write_text("Un texte.\n", encoding="utf-8")
    (hash_settings.knowledge_dir / "a.txt.json").write_text('{"language": "xx"}', encoding="utf-8")
    report = load_folder(hash_settings.knowledge_dir)
    assert report.failed == [("a.txt", "a.txt.json: unknown language 'xx'; allowed: fr, en, it, es, de, pt, ro, ko, ja, ru, uk")]


def test_links_out_of_the_knowledge_folder_are_not_followed(hash_settings, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Ne pas lire.\n", encoding="utf-8")
    os.symlink(outside, hash_settings.knowledge_dir / "lien.txt")
    report = load_folder(hash_settings.knowledge_dir)
    assert report.failed == [("lien.txt", "links outside the knowledge folder are not read")]
    assert all("Ne pas lire" not in p.text for d in report.documents for p in d.original.paragraphs)


def test_the_same_text_as_pdf_and_docx_and_copy_of_the_seed_is_indexed_once(hash_settings):
    knowledge = hash_settings.knowledge_dir
    two_column_pdf(knowledge / "a.pdf", SENEGAL, running=False)
    import docx

    document = docx.Document()
    for text in SENEGAL:
        document.add_paragraph(text)
    document.save(str(knowledge / "b.docx"))
    shutil.copy(knowledge / "amf-action-internationale" / "fr.txt", knowledge / "seed-copy.txt")
    report = load_folder(knowledge)
    assert sorted(report.duplicates) == [("b.docx", "a.pdf"), ("seed-copy.txt", "amf-action-internationale")]
    assert sorted(d.doc_id for d in report.documents) == ["a.pdf", "amf-action-internationale"]


def test_index_names_bad_files_skips_unsupported_indexes_the_rest_and_fails(hash_settings, capsys, monkeypatch):
    knowledge = hash_settings.knowledge_dir
    good = two_column_pdf(knowledge / "senegal.pdf", SENEGAL, running=False)
    truncated_copy(good, knowledge / "abime.pdf")
    (knowledge / "tableau.xlsx").write_bytes(b"PK\x03\x04")
    (knowledge / ".DS_Store").write_bytes(b"\x00")
    for key, value in {"KNOWLEDGE_DIR": knowledge, "INDEX_DIR": hash_settings.index_dir, "EMBEDDING_MODEL": "hash",
                       "DATA_DIR": hash_settings.data_dir}.items():
        monkeypatch.setenv(f"AMF_BOT_{key}", str(value))
    assert main(["index", "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "failed: abime.pdf: damaged or truncated PDF (not indexed)" in out.splitlines()
    assert "skipped: tableau.xlsx: unsupported file type" in out.splitlines() and ".DS_Store" not in out
    assert out.splitlines()[-1].startswith("Index up to date: 2 document(s)")

    hits = make_assistant(hash_settings).retriever.search("Quelles villes du Sénégal accueillent les stages de gestion budgétaire ?")
    top = hits[0].passage.original
    assert (top.source_file, top.page) == ("senegal.pdf", 1) and "Ziguinchor" in top.text

    (knowledge / "abime.pdf").unlink()
    (knowledge / "tableau.xlsx").unlink()
    assert main(["index", "--quiet"]) == 0


def test_a_file_that_breaks_keeps_its_previous_passages_answering(hash_settings):
    knowledge = hash_settings.knowledge_dir
    good = two_column_pdf(knowledge / "senegal.pdf", SENEGAL, running=False)
    first = index_knowledge(hash_settings)
    assert first.ok
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 3])
    outcome = index_knowledge(hash_settings)
    assert not outcome.ok and outcome.sync.removed == 0 and outcome.sync.passages == first.sync.passages


def test_an_empty_folder_says_why(hash_settings, tmp_path):
    empty = tmp_path / "vide"
    empty.mkdir()
    (empty / "photo.jpg").write_bytes(b"\xff\xd8")
    report = load_folder(empty)
    assert not report.ok
    assert report.lines()[-1].startswith("No document to index: only unsupported files; supported: .pdf, .docx")
