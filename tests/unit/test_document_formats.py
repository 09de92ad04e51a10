"""Extraction of real document formats, on documents generated here from the seed text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.formats import UnreadableFile, extract, join_lines, normalise
from support.documents import (FOOTER, HEADER, docx_file, html_page, row_by_row_pdf, scanned_pdf, seed_paragraphs,
                               truncated_copy, two_column_pdf)

BOILERPLATE = ["cookie", "Accueil", "Nous contacter", "Mentions légales", "Annuaire", "analytics", HEADER, FOOTER, "Page "]


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory) -> Path:
    return two_column_pdf(tmp_path_factory.mktemp("pdf") / "seed.pdf", seed_paragraphs())


def test_two_column_pdf_gives_the_seed_paragraphs_whole_in_order_without_running_lines(seed_pdf):
    extracted = extract(seed_pdf)
    assert [b.text for b in extracted.blocks] == seed_paragraphs()
    assert not any(word in extracted.text for word in BOILERPLATE)
    assert extracted.title == "L'action internationale de l'AMF"


def test_pdf_blocks_carry_the_page_they_start_on(seed_pdf):
    import pypdfium2 as pdfium

    blocks = extract(seed_pdf).blocks
    pdf = pdfium.PdfDocument(str(seed_pdf))
    for block in blocks:  # each paragraph's first words are printed on its page
        page_text = " ".join(pdf[block.page - 1].get_textpage().get_text_range().split())
        assert " ".join(block.text.split()[:4]).replace("- ", "• ") in page_text
    pages = [b.page for b in blocks]
    assert pages == sorted(pages) and len(set(pages)) > 1


def test_pdf_headings_give_the_heading_path(tmp_path):
    paragraphs = seed_paragraphs()[:3]
    extracted = extract(two_column_pdf(tmp_path / "h.pdf", paragraphs, heading="La coopération décentralisée"))
    assert extracted.blocks[0].is_heading and extracted.blocks[0].text == "La coopération décentralisée"
    assert [b.text for b in extracted.blocks[1:]] == paragraphs
    assert all(b.heading == "La coopération décentralisée" for b in extracted.blocks[1:])


def test_pdf_written_row_by_row_across_columns_is_read_column_by_column(tmp_path):
    left = ["La première colonne commence ici", "et continue sur la deuxième ligne", "puis finit sa phrase."]
    right = ["La seconde colonne commence là", "et continue elle aussi encore", "jusqu'à sa fin."]
    extracted = extract(row_by_row_pdf(tmp_path / "rows.pdf", left, right))
    assert extracted.text.split("\n") == [" ".join(left), " ".join(right)]


@pytest.mark.parametrize("make, reason", [
    (lambda d, src: truncated_copy(src, d / "cut.pdf"), "damaged or truncated"),
    (lambda d, src: scanned_pdf(d / "scan.pdf"), "no text layer"),
    (lambda d, src: (d / "empty.pdf").write_bytes(b"") or d / "empty.pdf", "damaged or truncated"),
])
def test_unreadable_pdfs_say_why(tmp_path, seed_pdf, make, reason):
    with pytest.raises(UnreadableFile, match=reason):
        extract(make(tmp_path, seed_pdf))


def test_encrypted_pdf_says_so(tmp_path, seed_pdf):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(72, 700, "Texte protégé par un mot de passe.")
    c.save()
    with pytest.raises(UnreadableFile, match="encrypted"):
        extract(path)


def test_docx_headings_list_and_table_as_readable_rows(tmp_path):
    paragraphs = seed_paragraphs()
    path = docx_file(tmp_path / "note.docx", "Note de coopération", [("Contexte", paragraphs[:2]), ("Actions", paragraphs[2:4])],
                     ["Cités Unies France", "Le ministère des Affaires étrangères"],
                     [["Pays", "Partenaire"], ["Roumanie", "Fédération des communes"]])
    extracted = extract(path)
    content = [(b.text, b.heading) for b in extracted.blocks if not b.is_heading]
    assert content == [
        (paragraphs[0], "Contexte"), (paragraphs[1], "Contexte"), (paragraphs[2], "Actions"), (paragraphs[3], "Actions"),
        ("- Cités Unies France", "Actions › Partenaires"),
        ("- Le ministère des Affaires étrangères", "Actions › Partenaires"),
        ("Pays: Roumanie; Partenaire: Fédération des communes", "Actions › Partenaires"),
    ]
    assert extracted.title == "Note de coopération"


def test_html_keeps_the_article_and_drops_navigation_banner_and_footer(tmp_path):
    paragraphs = seed_paragraphs()[:4]
    path = tmp_path / "page.html"
    path.write_text(html_page("La coopération avec le Sénégal", paragraphs, heading="Programme 2004"), encoding="utf-8")
    extracted = extract(path)
    content = [b for b in extracted.blocks if not b.is_heading]
    assert [b.text for b in content] == paragraphs
    assert content[0].heading == "La coopération avec le Sénégal › Programme 2004"
    assert not any(word in extracted.text for word in BOILERPLATE)
    assert extracted.title == "La coopération avec le Sénégal" and extracted.language == "fr"


def test_html_saved_in_windows_1252(tmp_path):
    paragraphs = seed_paragraphs()[:2]
    path = tmp_path / "page.htm"
    path.write_bytes(html_page("Coopération", paragraphs).replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    assert [b.text for b in extract(path).blocks if not b.is_heading] == paragraphs


def test_markdown_front_matter_headings_lists_tables(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Note sur le Sénégal\nlang: fr\n---\n# Coopération\n\nUn paragraphe\nsur deux **lignes**.\n\n"
                    "## Partenaires\n\n- Dakar\n- Saint-Louis\n\n| Ville | Année |\n|---|---|\n| Dakar | 2004 |\n", encoding="utf-8")
    extracted = extract(path)
    assert [(b.text, b.heading) for b in extracted.blocks if not b.is_heading] == [
        ("Un paragraphe sur deux lignes.", "Coopération"), ("- Dakar", "Coopération › Partenaires"),
        ("- Saint-Louis", "Coopération › Partenaires"), ("Ville: Dakar; Année: 2004", "Coopération › Partenaires")]
    assert extracted.title == "Note sur le Sénégal" and extracted.language == "fr"
    assert "title:" not in extracted.text


def test_text_in_cp1252_with_wrapped_paragraphs(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("Première ligne d'un para-\ngraphe coupé.\n\nDeuxième paragraphe, élu.\n".encode("cp1252"))
    assert extract(path).text == "Première ligne d'un paragraphe coupé.\nDeuxième paragraphe, élu."


def test_text_with_bom_one_paragraph_per_line(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("\ufeffUn.\nDeux.\n".encode("utf-8"))
    assert extract(path).text == "Un.\nDeux."


def test_normalise_ligatures_bullets_and_spaces():
    assert normalise("\uf0b7 Les ﬁnances ﬂuviales\u00a0: eﬀet\u202fréel\u00ad") == "- Les finances fluviales : effet réel"
    assert join_lines(["la coopé-", "ration franco-", "Roumaine"]) == "la coopération franco-Roumaine"


def test_unsupported_and_empty_files(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    (tmp_path / "b.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="unsupported"):
        extract(tmp_path / "a.xlsx")
    with pytest.raises(UnreadableFile, match="empty"):
        extract(tmp_path / "b.txt")
