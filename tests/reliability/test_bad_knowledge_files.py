"""Issue 10, items 3, 8 and 11: bad knowledge files are refused with a message naming them, never a
traceback, never a file outside the knowledge folder, never a misaligned translation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.assembly import build_index, make_assistant
from bot.cli import main
from bot.core.errors import KnowledgeError
from bot.ingest.knowledge import load_knowledge

pytestmark = pytest.mark.reliability

DOC = "amf-action-internationale"


def metadata(knowledge: Path) -> dict:
    return json.loads((knowledge / DOC / "document.json").read_text("utf-8"))


def write_metadata(knowledge: Path, meta: object, prefix: str = "") -> None:
    (knowledge / DOC / "document.json").write_text(prefix + json.dumps(meta, ensure_ascii=False), "utf-8")


def test_translation_one_paragraph_short_is_refused_naming_it_the_rest_indexed_the_previous_kept(hash_settings):
    from bot.assembly import index_knowledge
    from support.indexing import write_extra_document

    build_index(hash_settings)
    before = stored_versions(hash_settings)
    knowledge = hash_settings.knowledge_dir
    en = knowledge / DOC / "en.txt"
    lines = en.read_text("utf-8").splitlines()
    en.write_text("\n".join(lines[:3] + lines[4:]) + "\n", "utf-8")  # one content line deleted, notice kept
    write_extra_document(knowledge)
    outcome = index_knowledge(hash_settings)
    [(name, reason)] = outcome.load.failed
    assert name == DOC and f"{DOC}/en.txt" in reason and "aligned paragraph by paragraph" in reason
    assert outcome.sync.added > 0  # the other document is indexed
    assert stored_versions(hash_settings) == before  # the aligned version still answers, nothing misaligned


def stored_versions(settings) -> dict[str, tuple[str, str]]:
    """Each stored passage of the document: its French text and the English one it is paired with."""
    passages = make_assistant(settings).retriever.index.current().passages.values()
    return {p.passage_id: (p.original.text, p.translations["en"].text) for p in passages if p.doc_id == DOC}


def test_the_notice_line_is_not_a_content_paragraph(knowledge_copy):
    (document,) = load_knowledge(knowledge_copy)
    english = document.translations["en"]
    assert len(english.paragraphs) == len(document.original.paragraphs)
    assert "total reproduction" in english.notice
    assert all("reproduction" not in span.text for span in english.paragraphs)


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "../../other/secret.txt"])
def test_original_outside_the_knowledge_folder_is_refused(knowledge_copy, name):
    (knowledge_copy.parent / "other").mkdir(exist_ok=True)
    (knowledge_copy.parent / "other" / "secret.txt").write_text("root:x:0:0:secret\n", "utf-8")
    write_metadata(knowledge_copy, {**metadata(knowledge_copy), "original": name})
    with pytest.raises(KnowledgeError, match="outside the knowledge folder"):
        load_knowledge(knowledge_copy)


def test_translation_outside_the_knowledge_folder_is_refused(knowledge_copy):
    meta = metadata(knowledge_copy)
    meta["translations"]["en"]["file"] = "/etc/passwd"
    write_metadata(knowledge_copy, meta)
    with pytest.raises(KnowledgeError, match="outside the knowledge folder"):
        load_knowledge(knowledge_copy)


@pytest.mark.parametrize("meta, message", [
    ([1, 2], "expected a JSON object"),
    ({"title": "T"}, "missing 'source'"),
])
def test_malformed_metadata_is_a_message(knowledge_copy, meta, message):
    write_metadata(knowledge_copy, meta)
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(knowledge_copy)


def test_translations_as_a_list_is_a_message(knowledge_copy):
    write_metadata(knowledge_copy, {**metadata(knowledge_copy), "translations": ["en.txt"]})
    with pytest.raises(KnowledgeError, match="'translations' must map language codes"):
        load_knowledge(knowledge_copy)


@pytest.mark.parametrize("spec, message", [({"title": "no file"}, 'needs a "file"'), ("en.txt", 'needs a "file"')])
def test_translation_without_file_is_refused(knowledge_copy, spec, message):
    meta = metadata(knowledge_copy)
    meta["translations"]["en"] = spec
    write_metadata(knowledge_copy, meta)
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(knowledge_copy)


def test_unknown_translation_language_is_refused(knowledge_copy):
    meta = metadata(knowledge_copy)
    meta["translations"]["xx"] = meta["translations"].pop("en")
    write_metadata(knowledge_copy, meta)
    with pytest.raises(KnowledgeError, match="unknown translation language 'xx'"):
        load_knowledge(knowledge_copy)


def test_byte_order_marks_are_accepted(knowledge_copy):
    write_metadata(knowledge_copy, metadata(knowledge_copy), prefix="\ufeff")
    fr = knowledge_copy / DOC / "fr.txt"
    fr.write_text("\ufeff" + fr.read_text("utf-8"), "utf-8")
    (document,) = load_knowledge(knowledge_copy)
    assert not document.original.paragraphs[0].text.startswith("\ufeff")
    assert len(document.translations) == 10


def test_a_form_feed_inside_a_paragraph_does_not_cut_it(knowledge_copy):
    (before,) = load_knowledge(knowledge_copy)
    fr = knowledge_copy / DOC / "fr.txt"
    lines = fr.read_text("utf-8").splitlines()
    lines[2] = lines[2].replace(" ", " \f", 1)
    fr.write_text("\n".join(lines) + "\n", "utf-8")
    (document,) = load_knowledge(knowledge_copy)
    assert len(document.original.paragraphs) == len(before.original.paragraphs)
    assert "\f" in document.original.paragraphs[2].text
    assert len(document.translations) == 10  # still aligned with every translation


def test_cli_index_reports_a_broken_document_in_one_line(hash_settings, monkeypatch, capsys):
    write_metadata(hash_settings.knowledge_dir, [1, 2])
    monkeypatch.setenv("AMF_BOT_EMBEDDING_MODEL", "hash")
    code = main(["index", "--quiet", "--knowledge-dir", str(hash_settings.knowledge_dir),
                 "--index-dir", str(hash_settings.index_dir)])
    said = capsys.readouterr()
    assert code == 1 and "expected a JSON object" in said.out + said.err and "Traceback" not in said.err
