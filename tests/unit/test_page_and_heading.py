"""Page and heading path travel from a passage through the store to citations, the chat and the CLI."""

from __future__ import annotations

from bot.answering.assistant import _citation
from bot.cli import render_text
from bot.core.models import Passage, Version
from bot.store.chroma import passages_from_records, records_for
from bot.web.html import citation_html


def _passage(page=None, heading="") -> Passage:
    version = Version("fr", "L'AMF a signé un accord.", "rapport.pdf", 10, 34, "Rapport", "© AMF", True,
                      context=heading, page=page, heading=heading)
    return Passage("rapport.pdf/p002", "rapport.pdf", "AMF", 2, version)


def test_page_and_heading_survive_the_store():
    passage = _passage(3, "Coopération › Sénégal")
    records = records_for([passage], "hash")
    rebuilt = passages_from_records([r.id for r in records], [r.document for r in records], [r.metadata for r in records])
    assert rebuilt == [passage]


def test_records_without_page_or_heading_keep_their_metadata_keys():
    metadata = records_for([_passage()], "hash")[0].metadata
    assert "page" not in metadata and "heading" not in metadata


def test_citation_location_chat_and_cli_show_page_and_heading():
    citation = _citation(1, _passage(3, "Coopération › Sénégal"), None)
    assert citation.location["page"] == 3 and citation.location["heading"] == "Coopération › Sénégal"
    html = citation_html(citation, "fr")
    assert "rapport&#46;pdf, p&#46; 3, Coopération › Sénégal, § 2" in html
    text = render_text({"answer": "x", "language": "fr", "citations": [citation.to_dict()], "notice": "© AMF"})
    assert "rapport.pdf, p. 3, Coopération › Sénégal, § 2, chars 10–34" in text


def test_citations_of_the_folder_format_have_neither():
    location = _citation(1, _passage(), None).location
    assert "page" not in location and "heading" not in location
