"""Which passages an answer cites, and in which order, on a real Chroma index with the hash embedder.

The hash embedder's similarities mean little, so what these tests check comes from the rules
(countries named, the question's specific terms), not from the model.
"""

import pytest

from bot.assembly import build_index
from bot.embedders.registry import make_embedder
from bot.retrieval.hybrid import PassageIndex
from bot.store.chroma import PassageStore


@pytest.fixture
def assistant(hash_assistant):
    return hash_assistant


@pytest.mark.parametrize("question", [
    "Welche Vertreter aus Korea hat die AMF empfangen?",
    "Кого из Кореи принимала AMF?",
    "AMF는 어떤 한국 시장 협회 회장을 맞이했습니까?",
])
def test_a_country_question_cites_only_the_passages_on_that_country(assistant, question):
    answer = assistant.ask(question)
    assert answer.status == "answered"
    assert answer.citations and all("coré" in c.passage for c in answer.citations)
    assert any("Kim Wan Joo" in c.passage for c in answer.citations)


def test_the_country_passages_come_first_even_outside_the_nearest(assistant):
    hits = assistant.retriever.search("Sunt primar în România: ce a făcut AMF cu țara mea?", "ro")
    assert "franco-roumaine" in hits[0].passage.original.text


def test_the_passage_holding_the_questions_own_terms_beats_the_one_naming_the_document(hash_settings):
    """Terms of the document's title and source pick the document; the others pick the passage in it."""
    import shutil
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "eval" / "corpus" / "eau-assainissement"
    shutil.copytree(corpus, hash_settings.knowledge_dir / corpus.name)
    build_index(hash_settings)
    index = PassageIndex(PassageStore(hash_settings, make_embedder(hash_settings))).current()
    ids = [pid for pid in index.passages if pid.startswith("eau-assainissement/")]
    question = "Quel est le rendement du réseau d'eau potable du syndicat du Val de Brenne ?"
    scores = dict(zip(ids, index.terms.specific_match(question, "fr", ids)))
    best = max(scores, key=scores.get)
    assert "82 %" in index.passages[best].original.text


@pytest.mark.parametrize("question", [
    "Apart from the Koreans, delegations of which nationalities did the AMF host?",
    "Кроме корейцев, какие делегации принимала AMF?",
    "한국 외에 AMF는 어떤 대표단을 맞이했습니까?",
])
def test_a_country_the_question_sets_aside_does_not_lead_the_answer(assistant, question):
    answer = assistant.ask(question)
    assert answer.status == "answered"
    assert "coré" not in answer.citations[0].passage


def test_what_the_question_sets_aside_is_not_judged_unknown(assistant):
    assert assistant.ask("Outre le Brésil, avec quels pays l'AMF a-t-elle coopéré ?").status == "answered"
