"""Which passages an answer cites, and in which order, on a real Chroma index with the hash embedder.

The hash embedder's similarities mean little, so what these tests check comes from the rules
(countries named, the question's specific terms), not from the model.
"""

import pytest

from bot.answering.assistant import Assistant
from bot.answering.extractive import ExtractiveAnswerer
from bot.assembly import build_index
from bot.embedders.registry import make_embedder
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.store.chroma import PassageStore


@pytest.fixture
def assistant(hash_settings):
    build_index(hash_settings)
    embedder = make_embedder(hash_settings)
    store = PassageStore(hash_settings, embedder)
    retriever = HybridRetriever(store=store, embedder=embedder, index=PassageIndex(store))
    return Assistant(retriever, ExtractiveAnswerer())


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
