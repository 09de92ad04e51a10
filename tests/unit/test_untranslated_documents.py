"""Untranslated documents compete fairly with translated ones: a French-only passage is not outranked by a
translated one only because the question's words can match the translation; countries named in several
words or by their people ("Côte d'Ivoire", "Costa de Marfil", "Ivorian") are recognised."""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.calibration import known_share
from bot.language.countries import countries_in
from bot.language.vocabulary import Vocabulary
from bot.retrieval.hybrid import _fair, _standardised

# A French-only note written for these tests (no sidecar, no translation).
NOTE = ("L'AMF et l'Union des villes et communes de Côte d'Ivoire (UVICOCI) ont signé une convention de "
        "partenariat en mars 2019 à Abidjan, pour une durée de trois ans renouvelable.\n"
        "La convention prévoit l'accueil d'agents territoriaux ivoiriens dans des mairies françaises.\n")


@pytest.mark.parametrize("text", ["Côte d'Ivoire", "Côte-d’Ivoire", "Costa de Marfil", "Costa do Marfim",
                                  "Кот-д’Ивуар", "an Ivorian association", "les élus ivoiriens", "ivorischen Städte",
                                  "la delegazione ivoriana", "ивуарийских мэров", "parteneriatul cu Coasta de Fildeș"])
def test_ivory_coast_however_it_is_written(text):
    assert countries_in(text) == {"CI"}


@pytest.mark.parametrize("text, code", [("Burkina Faso", "BF"), ("Sri Lanka", "LK"), ("Afrique du Sud", "ZA")])
def test_names_of_several_words(text, code):
    assert code in countries_in(text)


def test_a_saints_name_is_a_town_not_a_country():
    assert countries_in("le maire de Saint-Brieuc") == set()


def test_the_passage_without_the_questions_language_gets_an_estimate_of_its_word_evidence():
    # Four translated passages whose word matches follow their closeness, and a French-only one, the closest.
    own = np.array([9.0, 6.0, 3.0, 0.0, 0.0])
    original = np.zeros(5)
    in_language = np.array([True, True, True, True, False])
    meaning = _standardised(np.array([0.80, 0.78, 0.76, 0.74, 0.83]))
    before = _standardised(own)
    fair = _fair(own, original, in_language, meaning)
    assert fair[4] > before[4] and fair[4] > fair[1]  # estimated from its closeness, no longer last
    assert np.allclose(fair[:4], before[:4])  # the translated passages keep theirs


def test_all_passages_in_the_questions_language_are_scored_as_before():
    own = np.array([5.0, 1.0, 0.0])
    assert np.allclose(_fair(own, np.zeros(3), np.array([True, True, True]), np.zeros(3)), _standardised(own))


def test_a_country_the_documents_name_is_known_in_every_language():
    vocabulary = Vocabulary.from_texts([NOTE])
    assert known_share("Кот-д’Ивуар", vocabulary) == 1.0 and known_share("ivoriana", vocabulary) == 1.0


def test_an_english_question_on_the_untranslated_note_finds_it(hash_settings):
    from bot.assembly import build_index
    from bot.answering.assistant import Assistant
    from bot.answering.extractive import ExtractiveAnswerer
    from bot.embedders.registry import make_embedder
    from bot.retrieval.hybrid import HybridRetriever, PassageIndex
    from bot.store.chroma import PassageStore

    (hash_settings.knowledge_dir / "partenariat.txt").write_text(NOTE, "utf-8")
    build_index(hash_settings)
    embedder = make_embedder(hash_settings)
    store = PassageStore(hash_settings, embedder)
    retriever = HybridRetriever(store=store, embedder=embedder, index=PassageIndex(store))
    hits = retriever.search("Did AMF sign an agreement with an Ivorian association of towns?", "en")
    assert hits[0].passage.passage_id.startswith("partenariat.txt")
    answer = Assistant(retriever, ExtractiveAnswerer()).ask("Did AMF sign an agreement with an Ivorian association?")
    assert answer.status == "answered" and "UVICOCI" in answer.citations[0].passage


def _french_only_hit(closest: float):
    from bot.core.models import Passage, ScoredPassage, Version

    version = Version("fr", NOTE, "partenariat.txt", 0, len(NOTE), "Note", "©", True)
    passage = Passage(passage_id="partenariat.txt/p1", doc_id="partenariat.txt", source="AMF", paragraph=1,
                      original=version)
    return ScoredPassage(passage, 5.0, closest, 1.0, closest=closest, held=0.0)


def test_a_question_on_a_french_only_passage_is_judged_on_closeness_and_known_words():
    from bot.answering.calibration import Calibration

    calibration = Calibration(threshold=3.0, index_version="v", embedder="e", closeness_mean=0.78,
                              closeness_spread=0.02, known_mean=0.1, known_spread=0.2, held_mean=0.7,
                              held_spread=0.3, foreign_threshold=2.0)
    vocabulary = Vocabulary.from_texts(["Угода про партнерство з асоціацією міст", NOTE], ["uk", "fr"])
    hits = [_french_only_hit(0.80)]  # one spread above the off-topic probes' mean: not close enough alone
    assert calibration.accepts("Коли підписали угоду про партнерство з асоціацією?", hits, vocabulary, "uk")
    assert not calibration.accepts("Порадь рецепт борщу на вихідні.", [_french_only_hit(0.83)], vocabulary, "uk")


CONGRESS = "Le Congrès mondial de CGLU s'est tenu en 2019 à Durban, en Afrique du Sud."


def _report_hit(text: str):
    from bot.core.models import Passage, ScoredPassage, Version

    version = Version("fr", text, "rapport.txt", 0, len(text), "Rapport", "", True)
    return ScoredPassage(Passage(passage_id="rapport/p001", doc_id="rapport", source="", paragraph=1,
                                 original=version, translations={}), 5.0, 0.8, 1.0)


def test_a_capitalised_word_of_a_question_on_an_untranslated_document_is_not_an_unknown_name():
    from bot.answering.extractive import ExtractiveAnswerer

    vocabulary = Vocabulary.from_texts([CONGRESS, "Die AMF und der Kongress."])
    answerer = ExtractiveAnswerer(vocabulary=lambda: vocabulary)
    # "Всесвітній" (world) is capitalised as part of the congress's name in Ukrainian: the French-only
    # report says "mondial". A question in the passage's own language is judged on its names as before.
    draft = answerer.answer("Де проходив Всесвітній конгрес CGLU у 2019 році?", "uk", [_report_hit(CONGRESS)])
    assert draft.status == "answered"
    refused = answerer.answer("Quand Jean Kowalski a-t-il présidé le Congrès mondial de CGLU ?", "fr",
                              [_report_hit(CONGRESS)])
    assert refused.status == "not_found"


def test_a_question_naming_an_acronym_the_untranslated_passage_holds_is_anchored():
    from bot.answering.calibration import anchored_share

    vocabulary = Vocabulary.from_texts([NOTE, *[f"Autre note numéro {n} de l'AMF." for n in range(12)]])
    hits = [_french_only_hit(0.80)]
    assert anchored_share("¿Qué significa la sigla UVICOCI?", hits, vocabulary, "es") == 1.0
    assert anchored_share("¿Qué tiempo hará mañana?", hits, vocabulary, "es") == 0.0


def test_the_anchor_lets_an_untranslated_passage_answer_a_short_question_on_its_acronym():
    from bot.answering.calibration import ANCHOR_WEIGHT, Calibration

    from bot.answering.calibration import signals

    vocabulary = Vocabulary.from_texts([NOTE, *[f"Autre note numéro {n} de l'AMF." for n in range(12)]],
                                       ["fr"] * 13)
    hits = [_french_only_hit(0.81)]  # a short question: not close enough alone
    close, known, _ = signals("What is UVICOCI?", hits, vocabulary)
    without_anchor = Calibration(threshold=9.0, index_version="v", embedder="e", closeness_mean=0.78,
                                 closeness_spread=0.02, known_mean=0.1, known_spread=0.2).foreign_score(close, known)
    calibration = Calibration(threshold=9.0, index_version="v", embedder="e", closeness_mean=0.78,
                              closeness_spread=0.02, known_mean=0.1, known_spread=0.2,
                              foreign_threshold=without_anchor + ANCHOR_WEIGHT / 2)
    assert calibration.accepts("What is UVICOCI?", hits, vocabulary, "en")
    assert not calibration.accepts("What is Harbourton?", hits, vocabulary, "en")  # names nothing it holds


def test_with_several_untranslated_candidates_the_translated_ones_word_lead_is_measured_among_themselves():
    # One Korean seed passage shares the question's common Korean words (20), three others little; three
    # French-only passages cannot show any. Over all seven, the Korean passage stood 2.4 spreads up.
    own = np.array([20.0, 1.0, 0.5, 0.4, 0.0, 0.0, 0.0])
    in_language = np.array([True, True, True, True, False, False, False])
    meaning = _standardised(np.array([0.80, 0.78, 0.77, 0.76, 0.86, 0.79, 0.75]))
    fair = _fair(own, np.zeros(7), in_language, meaning)
    assert fair[0] < _standardised(own)[0]
    assert np.allclose(fair[:4], _standardised(own[:4]))


def test_a_french_only_passage_is_relevant_on_the_foreign_threshold():
    # A German question on a French-only report: the passage is as close as the gate asks of a passage without
    # the question's language, not as close as of one whose words the question can share ("Wie oft hat sich die
    # Arbeitsgruppe 2019 getroffen?": "réuni à six reprises" was kept out of the answer).
    from bot.answering.calibration import Calibration

    calibration = Calibration(threshold=4.0, index_version="v", embedder="e", closeness_mean=0.78,
                              closeness_spread=0.02, known_mean=0.1, known_spread=0.2, held_mean=0.3,
                              held_spread=0.3, foreign_threshold=2.5)
    french_only = _french_only_hit(0.80)  # 1 spread of closeness + 2.25 of known words: 3.25
    assert calibration.relevant(french_only, "de")
    assert calibration.relevant(french_only, "fr") is False  # asked in its own language: the threshold as before
    assert not calibration.relevant(_french_only_hit(0.76), "de")  # below the off-topic probes' mean


def _translated_hit(text: str, translated: str, language: str):
    from bot.core.models import Passage, ScoredPassage, Version

    original = Version("fr", text, "seed.md", 0, len(text), "Seed", "©", True)
    version = Version(language, translated, "seed.md", 0, len(translated), "Seed", "©", False)
    return ScoredPassage(Passage(passage_id="seed/p1", doc_id="seed", source="AMF", paragraph=1, original=original,
                                 translations={language: version}), 6.0, 0.85, 1.0, closest=0.85, held=0.5)


def test_names_are_not_judged_when_one_of_the_best_passages_is_untranslated():
    from bot.answering.extractive import ExtractiveAnswerer

    seed = "L'AMF a co-organisé les premières assises de la coopération franco-camerounaise."
    russian = "AMF провела первую конференцию по франко-камерунскому сотрудничеству."
    vocabulary = Vocabulary.from_texts([seed, russian, CONGRESS], ["fr", "ru", "fr"])
    answerer = ExtractiveAnswerer(vocabulary=lambda: vocabulary)
    question = "Сколько участников собрали вторые Ассизы?"  # "Ассизы": the French-only report says "Assises"
    translated = _translated_hit(seed, russian, "ru")
    assert answerer.answerable(question, "ru", [translated, _report_hit(CONGRESS)])
    assert not answerer.answerable(question, "ru", [translated])  # every best passage speaks Russian: judged


def test_a_country_the_question_names_is_an_anchor_in_every_language():
    import dataclasses

    from bot.answering.calibration import anchored_share

    note = "Trente-cinq camions de dons ont pris la route de la Pologne."
    vocabulary = Vocabulary.from_texts([note, *[f"Autre note numéro {n} de l'AMF." for n in range(12)]])
    naming = dataclasses.replace(_french_only_hit(0.80), on_country=1.0)  # the retriever: it names Poland
    assert anchored_share("Скільки вантажівок вирушило до Польщі?", [naming], vocabulary, "uk") == 1.0
    assert anchored_share("Скільки вантажівок вирушило до Польщі?", [_french_only_hit(0.80)], vocabulary, "uk") == 0.0
    assert anchored_share("Скільки вантажівок вирушило до Бразилії?", [naming], vocabulary, "uk") == 0.0  # never named


def test_the_foreign_path_is_judged_on_the_untranslated_passage_even_when_a_translated_one_comes_first():
    # "ウクライナに発電機は何台届けられましたか？": the seed's Japanese passage on Ukraine first, the French-only report
    # stating the generators second; the question's words do not reach the threshold of passages it can share.
    import dataclasses

    from bot.answering.calibration import Calibration

    calibration = Calibration(threshold=9.0, index_version="v", embedder="e", closeness_mean=0.78,
                              closeness_spread=0.02, known_mean=0.1, known_spread=0.2, held_mean=0.3,
                              held_spread=0.3, foreign_threshold=2.0)
    vocabulary = Vocabulary.from_texts(["L'AMF a reçu des élus ukrainiens.", "AMFはウクライナの議員を迎えた。", NOTE],
                                       ["fr", "ja", "fr"])
    seed = dataclasses.replace(_translated_hit("L'AMF a reçu des élus ukrainiens.", "AMFはウクライナの議員を迎えた。", "ja"),
                               closest=0.78)
    question = "AMFはウクライナの議員を迎えましたか？"
    assert calibration.accepts(question, [seed, _french_only_hit(0.84)], vocabulary, "ja")
    assert not calibration.accepts(question, [seed, _french_only_hit(0.77)], vocabulary, "ja")  # not close enough

