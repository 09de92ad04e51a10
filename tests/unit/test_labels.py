"""Lines that label what follows — a dateline, a newsletter's edition line and item title, a byline — are the
heading of the paragraphs after them in a dropped file, not passages of their own (invented texts)."""

from __future__ import annotations

from bot.ingest.formats import Block
from bot.ingest.knowledge import is_label, labels_as_headings, load_file

NEWSLETTER = """Maire info — édition du 14 mars 2022

Ukraine : plus de 1 200 communes proposent d'accueillir des réfugiés

Trois semaines après le début de l'invasion, plus de 1 200 communes ont proposé d'accueillir des familles.

L'AMF a ouvert une cellule de crise avec la Protection civile.
"""


def test_datelines_bylines_and_headlines_are_labels():
    assert is_label("Paris, le 22 novembre 2022")
    assert is_label("Publié le 15 mars 2023 — Mis à jour le 2 mai 2023")
    assert is_label("Service international — 15 avril 2024")
    assert not is_label("L'AMF a ouvert une cellule de crise avec la Protection civile.")
    assert not is_label("- la gestion des déchets ménagers dans les villes moyennes")


def test_a_dropped_newsletter_item_is_its_paragraphs_under_its_labels(tmp_path):
    path = tmp_path / "maire-info-2022-03-14.txt"
    path.write_text(NEWSLETTER, "utf-8")
    document = load_file(path, tmp_path)
    texts = [p.text for p in document.original.paragraphs]
    assert texts[0].startswith("Trois semaines") and len(texts) == 2
    assert all("Maire info — édition du 14 mars 2022" in h and "1 200 communes proposent" in h
               for h in document.original.headings)


def test_a_later_label_heads_the_paragraphs_after_it_and_the_last_line_stays_a_paragraph():
    blocks = [Block("Paris, le 22 novembre 2022"), Block("Premier paragraphe."), Block("Les suites"),
              Block("Deuxième paragraphe."), Block("Contact presse")]
    out = labels_as_headings(blocks)
    assert out[0] is None and out[2] is None
    assert out[1].headings == ("Paris, le 22 novembre 2022",)
    assert out[3].headings == ("Paris, le 22 novembre 2022", "Les suites")
    assert out[4].text == "Contact presse" and out[4].headings == ("Paris, le 22 novembre 2022", "Les suites")
