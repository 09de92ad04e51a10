"""Numbers and ordinals as the documents write them: a rank in any written form is one known token, and a
quantity spelled out or approximate ("une quinzaine", "deux mille") answers a how-many question."""

from __future__ import annotations

import pytest

from bot.answering.extractive import ExtractiveAnswerer
from bot.answering.grounding import asks_what_no_passage_states, states_quantity, unknown_entities
from bot.core.text import plain_ordinals, tokenize
from bot.language.vocabulary import Vocabulary

# A French-only note, written for these tests, in the way staff write: ranks and quantities in words.
NOTE = [
    "Lors du 35ème Congrès des maires, une quinzaine d'élus de Côte d'Ivoire ont été reçus par l'AMF.",
    "Le jumelage, né au XXIe siècle, réunit deux mille habitants et six cents bénévoles.",
    "Une dizaine de communes ont répondu au 97è appel à projets de la coopération décentralisée.",
]


@pytest.mark.parametrize("written", ["35e", "35ème", "35eme", "35th", "35º", "35-й", "35.º", "35e", "35è"])
def test_an_ordinal_is_its_number_however_written(written):
    assert tokenize(f"le {written} congrès")[1] == "35"


def test_roman_ordinals_and_first():
    assert tokenize("XXIe siècle")[0] == "21" and tokenize("1er janvier")[0] == "1"
    assert plain_ordinals("Le Ce Me") == "Le Ce Me"  # articles are not Roman numerals


@pytest.mark.parametrize("question, language", [
    ("Combien d'élus ont été reçus au 35e Congrès ?", "fr"),
    ("How many were received at the 35th Congress?", "en"),
    ("Qu'a donné le 97ème appel à projets ?", "fr"),
    ("What came of the 97th call for projects?", "en"),
    ("Qu'est-ce qui a changé au XXIe siècle ?", "fr"),
])
def test_a_rank_written_otherwise_is_not_an_unknown_name(question, language):
    assert unknown_entities(question, language, Vocabulary.from_texts(NOTE)) == []


@pytest.mark.parametrize("text", [NOTE[0], NOTE[1], NOTE[2], "six cents élus", "quindici sindaci",
                                  "dozens of mayors", "una decina di sindaci", "fünfzehn Bürgermeister",
                                  "дві тисячі мешканців", "cincisprezece primari", "două sute de aleși",
                                  "пятнадцать мэров", "шістдесяти депутатів"])
def test_spelled_out_and_approximate_numbers_are_quantities(text):
    assert states_quantity(text)


@pytest.mark.parametrize("text", ["Le 35ème Congrès des maires.", "Au XXIe siècle, en 2004.", "la réunion de la commune",
                                  "una reunión con la alcaldesa", "un maire, une ville",
                                  "un primar, o primărie", "один мэр"])
def test_ranks_years_and_articles_are_not_quantities(text):
    assert not states_quantity(text)


def test_a_how_many_question_is_answered_by_an_approximate_quantity():
    assert not asks_what_no_passage_states("Combien d'élus ivoiriens ont été reçus ?", "fr", [NOTE[0]])
    assert asks_what_no_passage_states("Combien d'élus ivoiriens ont été reçus ?", "fr",
                                       ["Des élus de Côte d'Ivoire ont été reçus par l'AMF."])


def test_the_answerer_quotes_the_passage_stating_the_quantity():
    from bot.core.models import Passage, ScoredPassage, Version

    hits = []
    for i, text in enumerate(["Des élus de Côte d'Ivoire ont été reçus par l'AMF lors du 35ème Congrès.", NOTE[0]]):
        original = Version(language="fr", text=text, source_file="note.txt", start=0, end=len(text), title="Note",
                           notice="©", is_original=True)
        passage = Passage(passage_id=f"note/p{i}", doc_id="note", source="AMF", paragraph=i, original=original)
        hits.append(ScoredPassage(passage, score=3.0 - i, dense=0.8, lexical=1.0))
    vocabulary = Vocabulary.from_texts(NOTE)
    draft = ExtractiveAnswerer(vocabulary=lambda: vocabulary).answer(  # the one stating how many is not first
        "Combien d'élus de Côte d'Ivoire ont été reçus au 35e Congrès ?", "fr", hits)
    assert draft.status == "answered" and "quinzaine" in draft.text.splitlines()[0]
