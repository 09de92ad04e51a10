"""Knowledge files that would never finish (issue: a 200 MB text file, a DOCX of 3 million tiny paragraphs,
a 20,000-page PDF, a sidecar with a 10 MB notice) are refused with the reason naming the limit, in bounded
memory and time, and the rest is indexed. Small limits set through Settings keep most tests fast; the
tests marked "default limits" build the hostile file itself and still finish in a second or two."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from bot.core.settings import Settings
from bot.ingest.knowledge import load_folder
from bot.ingest.run_report import read_last_run

PARAGRAPH = "La délégation de l'AMF a rencontré les maires de la région pour parler de coopération décentralisée."


def settings_for(tmp_path: Path, **limits) -> Settings:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir(exist_ok=True)
    return Settings(knowledge_dir=knowledge, index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                    embedding_model="hash", **limits)


def failed(settings: Settings) -> dict[str, str]:
    report = load_folder(settings.knowledge_dir, limits=settings.reading)
    return dict(report.failed)


def docx_with_paragraphs(path: Path, count: int, text: str = "a") -> Path:
    """A Word document whose body holds `count` paragraphs, written streaming (a few hundred KB packed)."""
    import docx

    base = path.with_suffix(".base.docx")
    docx.Document().save(str(base))
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
        with target.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
                       b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for done in range(0, count, 10_000):
                body.write(paragraph * min(10_000, count - done))
            body.write(b"</w:body></w:document>")
    base.unlink()
    return path


def blank_pdf(path: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(200, 200).close()
    pdf.save(str(path))
    pdf.close()
    return path


# --- text, Markdown, HTML ------------------------------------------------------------------------------

def test_a_one_line_text_file_over_the_character_limit_is_refused(tmp_path):
    settings = settings_for(tmp_path, max_text_chars=2000)
    (settings.knowledge_dir / "long.txt").write_text("mot " * 1000, "utf-8")  # 4,000 characters, one line
    (settings.knowledge_dir / "huge.txt").write_text("mot " * 5000, "utf-8")  # over 4 bytes a character: not even read
    (settings.knowledge_dir / "short.txt").write_text(PARAGRAPH, "utf-8")
    reasons = failed(settings)
    assert set(reasons) == {"long.txt", "huge.txt"}
    assert all("more than 2,000 characters" in r and "AMF_BOT_MAX_TEXT_CHARS" in r for r in reasons.values())


@pytest.mark.parametrize("name, line", [("lines.txt", "{}\n"), ("items.md", "- {}\n"), ("paragraphs.md", "{}\n\n")])
def test_a_file_of_many_tiny_paragraphs_is_refused(tmp_path, name, line):
    settings = settings_for(tmp_path, max_paragraphs=100)
    (settings.knowledge_dir / name).write_text("".join(line.format(f"ligne {i}") for i in range(3000)), "utf-8")
    assert "more than 100 paragraphs (AMF_BOT_MAX_PARAGRAPHS)" in failed(settings)[name]


def test_a_web_page_over_the_character_limit_is_refused(tmp_path):
    from support.documents import html_page

    settings = settings_for(tmp_path, max_text_chars=2000)
    (settings.knowledge_dir / "page.html").write_text(html_page("Visite", [f"{i}. {PARAGRAPH}" for i in range(40)]), "utf-8")
    assert "characters" in failed(settings)["page.html"]


def test_a_web_page_of_many_tiny_paragraphs_is_refused_before_it_is_parsed(tmp_path):
    settings = settings_for(tmp_path, max_paragraphs=100)
    rows = "".join(f"<p>Paragraphe {i}.</p>" for i in range(3000))
    (settings.knowledge_dir / "page.html").write_text(f"<html><body><article>{rows}</article></body></html>", "utf-8")
    assert "more than 100 paragraphs" in failed(settings)["page.html"]


# --- DOCX --------------------------------------------------------------------------------------------

def test_a_docx_of_many_tiny_paragraphs_is_refused_before_it_is_parsed(tmp_path):
    settings = settings_for(tmp_path, max_paragraphs=100)
    docx_with_paragraphs(settings.knowledge_dir / "tiny.docx", 5000)
    docx_with_paragraphs(settings.knowledge_dir / "fine.docx", 50, PARAGRAPH)
    assert failed(settings) == {"tiny.docx": "over the limit: more than 100 paragraphs (AMF_BOT_MAX_PARAGRAPHS)"}


def test_a_docx_over_the_character_limit_is_refused(tmp_path):
    settings = settings_for(tmp_path, max_text_chars=2000)
    docx_with_paragraphs(settings.knowledge_dir / "long.docx", 50, PARAGRAPH)
    assert "characters" in failed(settings)["long.docx"]


def test_default_limits_a_docx_of_a_million_tiny_paragraphs_is_refused_quickly(tmp_path):
    settings = settings_for(tmp_path)
    path = docx_with_paragraphs(settings.knowledge_dir / "bomb.docx", 1_000_000)
    assert path.stat().st_size < 2**20  # packs into well under a megabyte
    assert failed(settings) == {"bomb.docx": "over the limit: more than 30,000 paragraphs (AMF_BOT_MAX_PARAGRAPHS)"}


# --- PDF ---------------------------------------------------------------------------------------------

def test_default_limits_a_20000_page_pdf_is_refused_by_its_page_count(tmp_path):
    settings = settings_for(tmp_path)
    blank_pdf(settings.knowledge_dir / "atlas.pdf", 20_000)
    assert failed(settings) == {"atlas.pdf": "over the limit: 20,000 pages, the limit is 2,000 (AMF_BOT_MAX_PDF_PAGES)"}


def test_a_pdf_over_the_page_or_character_limit_is_refused(tmp_path):
    from support.documents import two_column_pdf

    settings = settings_for(tmp_path, max_pdf_pages=1, max_text_chars=300)
    two_column_pdf(settings.knowledge_dir / "rapport.pdf", [PARAGRAPH] * 40)
    assert "pages, the limit is 1" in failed(settings)["rapport.pdf"]
    settings = settings_for(tmp_path, max_text_chars=300)
    assert "more than 300 characters" in failed(settings)["rapport.pdf"]


# --- size, checked before reading ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["export.txt", "rapport.pdf", "page.html", "note.docx"])
def test_default_limits_a_200_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path, name):
    settings = settings_for(tmp_path)
    with open(settings.knowledge_dir / name, "wb") as sparse:  # no disk used, nothing to read
        sparse.truncate(200 * 2**20)
    assert failed(settings) == {name: "too large: 200.0 MB, the limit is 100.0 MB (AMF_BOT_MAX_FILE_MB)"}


# --- notices and metadata ----------------------------------------------------------------------------

def test_default_limits_a_sidecar_with_a_10_mb_notice_is_refused(tmp_path):
    settings = settings_for(tmp_path)
    (settings.knowledge_dir / "visite.md").write_text(PARAGRAPH, "utf-8")
    (settings.knowledge_dir / "visite.md.json").write_text(json.dumps({"notice": "©" * 10_000_000}), "utf-8")
    assert "too large for a metadata file" in failed(settings)["visite.md"]


@pytest.mark.parametrize("sidecar, key", [("visite.md.json", "notice"), ("visite.md.json", "title"),
                                          ("_defaults.json", "notice")])
def test_a_notice_or_metadata_value_over_its_limit_is_refused_with_the_reason(tmp_path, sidecar, key):
    settings = settings_for(tmp_path)
    (settings.knowledge_dir / "visite.md").write_text(PARAGRAPH, "utf-8")
    (settings.knowledge_dir / sidecar).write_text(json.dumps({key: "Droits réservés." * 400}), "utf-8")
    reasons = failed(settings)
    reason = reasons["visite.md" if sidecar != "_defaults.json" else "_defaults.json"]
    assert reason.startswith(f"{sidecar}: '{key}' too long (6,400 characters, at most")


def test_a_document_folder_with_an_overlong_notice_is_refused(knowledge_copy, tmp_path):
    meta_path = knowledge_copy / "amf-action-internationale" / "document.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta_path.write_text(json.dumps({**meta, "notice": "x" * 5000}), "utf-8")
    settings = Settings(knowledge_dir=knowledge_copy, index_dir=tmp_path / "index", embedding_model="hash")
    assert "'notice' too long (5,000 characters, at most 4,000 (AMF_BOT_MAX_NOTICE_CHARS))" in \
        failed(settings)["amf-action-internationale"]


# --- the index run -----------------------------------------------------------------------------------

def test_an_over_limit_file_is_named_in_the_run_report_and_the_rest_is_indexed(tmp_path):
    from bot.assembly import index_knowledge

    settings = settings_for(tmp_path, max_paragraphs=50)
    (settings.knowledge_dir / "visite.md").write_text(f"# Visite\n\n{PARAGRAPH}\n", "utf-8")
    (settings.knowledge_dir / "journal.txt").write_text("".join(f"ligne {i}\n" for i in range(500)), "utf-8")
    outcome = index_knowledge(settings)
    assert not outcome.ok and outcome.sync.documents == 1
    assert "failed: journal.txt: over the limit: more than 50 paragraphs (AMF_BOT_MAX_PARAGRAPHS) (not indexed)" \
        in outcome.lines()
    files = {f.file: f for f in read_last_run(settings.index_dir).files}
    assert (files["journal.txt"].status, files["visite.md"].status) == ("failed", "added")
