"""Language centring: a question is compared with the passages on what they say, not on the language they
say it in, so an untranslated French passage competes with translated ones for a question in any language;
a quoted original keeps its own quotation marks inside the quote."""

from __future__ import annotations

import re

import numpy as np

from bot.answering.extractive import ExtractiveAnswerer
from bot.core.models import Passage, ScoredPassage, Version
from bot.retrieval.centring import LanguageCentring
from bot.retrieval.hybrid import LoadedIndex

rng = np.random.default_rng(7)
DIMENSION = 64


def unit(v):
    return v / np.linalg.norm(v)


MEANINGS = [unit(rng.normal(size=DIMENSION)) for _ in range(6)]
OFFSETS = {"fr": 0.9 * unit(rng.normal(size=DIMENSION)), "ko": 0.9 * unit(rng.normal(size=DIMENSION))}


def text_vector(meaning: int, language: str, noise: float = 0.05):
    return unit(MEANINGS[meaning] + OFFSETS[language] + noise * rng.normal(size=DIMENSION)).astype(np.float32)


def corpus():
    """Four passages in French and Korean (meanings 0-3), and a French-only one (meaning 4)."""
    vectors, languages = {}, {}
    for n in range(4):
        vectors[f"p{n}"] = np.stack([text_vector(n, "fr"), text_vector(n, "ko")])
        languages[f"p{n}"] = ["fr", "ko"]
    vectors["p4"] = np.stack([text_vector(4, "fr")])
    languages["p4"] = ["fr"]
    return vectors, languages


def loaded(centring: LanguageCentring) -> LoadedIndex:
    vectors, languages = corpus()
    return LoadedIndex(vectors=vectors, row_languages=languages, original_language={pid: "fr" for pid in vectors},
                       languages=["fr", "ko"], centring=centring)


def test_the_offsets_are_measured_on_the_translated_passages():
    vectors, languages = corpus()
    centring = LanguageCentring.measure(vectors, languages)
    assert set(centring.shifts) == {"fr", "ko"}
    measured = centring.shifts["ko"] - centring.shifts["fr"]
    assert np.dot(unit(measured), unit(OFFSETS["ko"] - OFFSETS["fr"])) > 0.95


def test_a_korean_question_finds_the_untranslated_french_passage_on_its_meaning():
    vectors, languages = corpus()
    question = text_vector(4, "ko")
    candidates = list(vectors)
    _, raw = loaded(LanguageCentring()).dense_scores(candidates, question, "ko")
    _, centred = loaded(LanguageCentring.measure(vectors, languages)).dense_scores(candidates, question, "ko")
    assert candidates[int(np.argmax(raw))] != "p4"  # the Korean versions sit closer, whatever they say
    assert candidates[int(np.argmax(centred))] == "p4"


def test_a_question_in_the_passages_own_language_is_ranked_as_before():
    vectors, languages = corpus()
    question = text_vector(2, "fr")
    candidates = list(vectors)
    _, centred = loaded(LanguageCentring.measure(vectors, languages)).dense_scores(candidates, question, "fr")
    assert candidates[int(np.argmax(centred))] == "p2"


def test_without_translations_nothing_is_centred():
    vectors = {"a": np.stack([text_vector(0, "fr")]), "b": np.stack([text_vector(1, "fr")])}
    centring = LanguageCentring.measure(vectors, {"a": ["fr"], "b": ["fr"]})
    question = text_vector(0, "ko")
    assert centring.shifts == {} and centring.question(question, "ko") is question


def test_the_search_vector_moved_toward_the_documents_language():
    vectors, languages = corpus()
    centring = LanguageCentring.measure(vectors, languages)
    question = text_vector(4, "ko")
    moved = centring.toward(question, "ko", "fr")
    assert np.dot(moved, vectors["p4"][0]) > np.dot(question, vectors["p4"][0])
    assert centring.toward(question, "fr", "fr") is question


def test_guillemets_inside_a_quoted_original_are_nested_quotes():
    text = "Le groupe de travail « Action internationale » s'est réuni cinq fois en 2023."
    version = Version("fr", text, "note.txt", 0, len(text), "Note", "", True)
    passage = Passage(passage_id="note/p001", doc_id="note", source="", paragraph=1, original=version, translations={})
    draft = ExtractiveAnswerer().answer("How many times did the working group meet in 2023?", "en",
                                        [ScoredPassage(passage, 5.0, 0.8, 1.0)])
    assert draft.text.count("«") == 1 and draft.text.count("»") == 1
    assert "“Action internationale”" in draft.text
    # What remains once the quote is taken out is the answer's own English lead-in.
    assert re.sub(r"«[^»]*»", " ", draft.text).strip() == "The source document (in French) says:"


def test_a_knowledge_base_with_every_passage_in_every_language_is_not_centred():
    vectors, languages = corpus()
    translated = {pid: languages[pid] for pid in languages if pid != "p4"}
    assert LanguageCentring.measure({pid: vectors[pid] for pid in translated}, translated).shifts == {}
