"""The sources opened in context and the original files: only indexed names of the knowledge folder are served."""

from __future__ import annotations

from pathlib import Path

from bot.core.models import Passage, Version
from bot.web.sources import SourceLibrary, context_html


def passage(n: int, text: str, file: str = "doc/fr.txt", translations: dict | None = None) -> Passage:
    version = Version(language="fr", text=text, source_file=file, start=n * 100, end=n * 100 + len(text),
                      title="L'action <internationale>", notice="Reproduction interdite.", is_original=True)
    return Passage(passage_id=f"doc/p{n:03d}", doc_id="doc", source="AMF", paragraph=n, original=version,
                   translations=translations or {})


def library(tmp_path: Path, downloads: bool = True) -> SourceLibrary:
    (tmp_path / "doc").mkdir(parents=True)
    (tmp_path / "doc" / "fr.txt").write_text("texte", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not indexed", encoding="utf-8")
    english = Version(language="en", text="Chaired by AUXIETTE.", source_file="doc/en.txt", start=0, end=20,
                      title="t", notice="n", is_original=False)
    passages = {p.passage_id: p for p in [passage(n, f"Paragraphe {n} <b>.") for n in range(1, 8)]}
    passages["doc/p004"] = passage(4, "Présidé par AUXIETTE.", translations={"en": english})
    passages["doc/p009"] = passage(9, "Loin.")
    return SourceLibrary(lambda: passages, tmp_path, downloads)


def test_a_passage_opens_among_its_neighbours_highlighted(tmp_path):
    found = library(tmp_path).context("doc/p004")
    assert found is not None
    cited, near = found
    assert [p.paragraph for p in near] == [1, 2, 3, 4, 5, 6, 7]
    page = context_html(cited, near, "en", downloads=True)
    assert "<mark>Présidé par AUXIETTE&#46;</mark>" in page and page.count("<mark>") == 1
    assert "Loin" not in page and page.split("</section>")[0].count("<p>") == 7
    assert "&#60;b&#62;" in page and "<b>" not in page and "&#60;internationale&#62;" in page  # escaped
    assert "Chaired by AUXIETTE" in page and 'href="/sources/file/doc/fr.txt"' in page
    assert "© Reproduction interdite" in page
    assert 'href="/sources/file' not in context_html(cited, near, "en", downloads=False)
    assert library(tmp_path / "other").context("doc/p999") is None


def test_only_indexed_files_of_the_knowledge_folder_are_served(tmp_path):
    books = library(tmp_path)
    assert books.file("doc/fr.txt") == (tmp_path / "doc" / "fr.txt").resolve()
    assert books.file("secret.txt") is None  # in the folder, not indexed
    assert books.file("../secret.txt") is None and books.file("doc/../secret.txt") is None
    assert books.file("doc/en.txt") is None  # indexed, but not on disk
    assert library(tmp_path / "off", downloads=False).file("doc/fr.txt") is None


def test_a_dropped_file_with_amfs_notice_gets_its_known_translation():
    """The notice is AMF's own: its translation from a translated document serves a dropped French file too."""
    from bot.answering.assistant import notice_for, notice_translations

    notice = "La reproduction   partielle ou totale est interdite."
    english = Version(language="en", text="t", source_file="doc/en.txt", start=0, end=1, title="t",
                      notice="Reproducing all or part is forbidden.", is_original=False)
    folder = passage(1, "texte", translations={"en": english})
    folder = Passage(folder.passage_id, folder.doc_id, folder.source, 1,
                     Version(**{**folder.original.__dict__, "notice": notice}), {"en": english})
    dropped = Passage("drop/p001", "drop", "AMF", 1,
                      Version(**{**folder.original.__dict__, "source_file": "rapport.pdf",
                                 "notice": "La reproduction partielle ou totale est interdite."}))
    known = notice_translations([folder, dropped])
    shown = notice_for([dropped], "en", known)
    assert shown.startswith("La reproduction partielle") and "Reproducing all or part is forbidden." in shown
    assert notice_for([dropped], "en") == "La reproduction partielle ou totale est interdite."  # nothing known
    assert notice_for([dropped], "fr", known) == "La reproduction partielle ou totale est interdite."
    assert notice_for([dropped], "ja", known) == "La reproduction partielle ou totale est interdite."
