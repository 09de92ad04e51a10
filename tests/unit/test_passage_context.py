"""Passages that keep their context: in a dropped file, a passage that names nothing of its own carries
the sentences just before it (same section, within a budget) and its heading as context, embedded and
searched with it, never cited or shown as its text."""

from __future__ import annotations

from bot.answering.extractive import ExtractiveAnswerer
from bot.core.contracts import CitedPassage
from bot.core.text import Span
from bot.ingest.formats import extract
from functools import partial

from bot.ingest import chunking

BUDGET = 200  # the mechanism, measured at this budget (off by default: see bot/ingest/chunking.py)
chunk_document = partial(chunking.chunk_document, context_chars=BUDGET)
chunk_documents = partial(chunking.chunk_documents, context_chars=BUDGET)
from bot.ingest.knowledge import Document, SourceText, load_folder
from support.flip_book import FLIP_BOOK


def _source(language: str, paragraphs: list[str], headings: tuple[str, ...] = (), original: bool = True) -> SourceText:
    spans, offset = [], 0
    for text in paragraphs:
        spans.append(Span(text, offset, offset + len(text)))
        offset += len(text) + 1
    return SourceText(language, "Rapport", f"rapport.{language}.txt", spans, "", original, "0", (), headings)


def _document(sentences_before: bool = True, **translations: list[str]) -> Document:
    original = _source("fr", ["Le Sommet Africités s'est tenu à Yaoundé en 2003.",
                              "Deux mille personnes, dont six cents maires, y ont assisté.",
                              "- un atelier sur l'eau ;"])
    return Document("rapport.txt", "AMF", "", "", original,
                    {lang: _source(lang, texts, original=False) for lang, texts in translations.items()},
                    sentences_before=sentences_before)


def test_a_passage_carries_the_sentence_before_it_but_cites_only_its_own():
    passages = chunk_document(_document())
    second = passages[1].original
    assert second.text == "Deux mille personnes, dont six cents maires, y ont assisté."
    assert second.context == "Le Sommet Africités s'est tenu à Yaoundé en 2003."
    assert (second.start, second.end) == (len("Le Sommet Africités s'est tenu à Yaoundé en 2003.") + 1,
                                         len("Le Sommet Africités s'est tenu à Yaoundé en 2003.") + 1 + len(second.text))
    assert passages[0].original.context == ""  # nothing before the first one
    assert [p.passage_id for p in passages] == ["rapport.txt/p001", "rapport.txt/p002", "rapport.txt/p003"]


def test_aligned_translations_carry_their_own_sentence_before():
    passages = chunk_document(_document(en=["The Africités summit was held in Yaoundé in 2003.",
                                            "Two thousand people, including six hundred mayors, attended it.",
                                            "- a workshop on water;"]))
    assert passages[1].translations["en"].context == "The Africités summit was held in Yaoundé in 2003."


def test_a_list_item_keeps_only_its_lead_in_and_the_folder_format_carries_no_sentence_before():
    assert chunk_document(_document())[2].original.context == ""
    assert chunk_document(_document(sentences_before=False))[1].original.context == ""


def test_within_a_long_paragraph_the_sentences_before_the_piece_fit_the_budget():
    long = " ".join(f"La phrase numéro {i} parle de la coopération décentralisée avec une commune africaine." for i in range(12))
    doc = Document("long.txt", "AMF", "", "", _source("fr", [long]), sentences_before=True)
    passages = chunk_document(doc)
    assert len(passages) > 1 and passages[0].original.context == ""
    context = passages[1].original.context
    assert 0 < len(context) <= BUDGET + 1 and long[:passages[1].original.start].rstrip().endswith(context.lstrip("…"))


def test_the_flip_book_file_keeps_headings_as_context_never_as_passage_text(tmp_path):
    (tmp_path / "rapport.txt").write_text(FLIP_BOOK, encoding="utf-8")
    doc = load_folder(tmp_path).documents[0]
    passages = chunk_documents([doc])
    texts = [p.original.text for p in passages]
    assert "Coopération avec le Sénégal" not in " ".join(texts) and "RAPPORT ANNUEL" not in " ".join(texts)
    thies = next(p.original for p in passages if p.original.text.startswith("Depuis 2021"))
    assert thies.heading == "COOPÉRATION DÉCENTRALISÉE › Coopération avec le Sénégal"
    assert thies.context == thies.heading
    crowd = next(p.original for p in passages if p.original.text.startswith("Deux mille personnes"))
    assert crowd.context == f"{crowd.heading}\nLes élus ont rappelé les défis du XXIe siècle lors du Sommet Africités 2003."
    # Offsets point at the cited text in the extracted text.
    assert extract(tmp_path / "rapport.txt").text[crowd.start:crowd.end] == crowd.text
    # The answer gives the passage's own text: neither the heading nor the sentence before is glued to it.
    rendered = ExtractiveAnswerer().render(CitedPassage(next(p for p in passages if p.original is thies)), 1, "fr")
    assert rendered == f"{thies.text} [1]"


def test_a_list_item_is_still_read_with_its_lead_in():
    doc = Document("l.txt", "AMF", "", "", _source("fr", ["L'AMF a reçu :", "- des maires du Togo."], ("Visites", "Visites")),
                   sentences_before=True)
    item = chunk_document(doc)[0].original
    assert item.context == "Visites\nL'AMF a reçu :" and item.lead_in == "L'AMF a reçu :"
    assert ExtractiveAnswerer().render(CitedPassage(chunk_document(doc)[0]), 1, "fr") == "L'AMF a reçu : des maires du Togo. [1]"



def test_a_passage_naming_its_own_subject_carries_no_sentence_before():
    original = _source("fr", ["Le Sommet Africités s'est tenu à Yaoundé en 2003.",
                              "Le Forum du Sahel a réuni les maires à Niamey en 2019."])
    passages = chunk_document(Document("r.txt", "AMF", "", "", original, sentences_before=True))
    assert passages[1].original.context == ""


def test_a_passage_opening_with_a_pronoun_carries_the_sentence_before_though_it_names_more_later():
    """"Elles ont réuni 220 participants." stands for the Assises the paragraph before names, though the passage
    names the CVUC's president further on; a passage opening on its own subject carries nothing."""
    assises = "Les deuxièmes Assises de la coopération franco-camerounaise se sont tenues à Douala en octobre 2019."
    original = _source("fr", [assises,
                              "Elles ont réuni 220 participants. Le président des Communes et villes unies du Cameroun, "
                              "M. Augustin Tamba, a salué un partenariat adulte.",
                              "Les débats ont porté sur la décentralisation au Cameroun."])
    passages = chunk_document(Document("rapport.txt", "AMF", "", "", original, {}, sentences_before=True))
    assert passages[1].original.context == assises
    assert passages[1].original.text.startswith("Elles ont réuni 220 participants.")
    assert passages[2].original.context == ""
