"""The refusal threshold is derived from the indexed corpus, saved beside it and derived again when it changes."""

from __future__ import annotations

from bot.answering import calibration
from bot.assembly import build_index, make_assistant
from bot.store.generations import Generations


def stored(settings):
    """The calibration the indexer stored in the serving generation."""
    return calibration.load(Generations(settings.index_dir).published() / "calibration.json")


def test_index_build_saves_a_calibration_that_refuses_every_offtopic_probe(hash_settings):
    build_index(hash_settings)
    saved = stored(hash_settings)
    assert saved is not None and saved.embedder == "hash" and saved.offtopic_accepted == 0.0
    assistant = make_assistant(hash_settings)
    assert assistant.ask("Comment renouveler mon passeport rapidement ?").status == "not_found"


def test_changed_documents_give_a_new_calibration(hash_settings):
    build_index(hash_settings)
    before = stored(hash_settings)
    (hash_settings.knowledge_dir / "amf-action-internationale" / "fr.txt").write_text(
        "L'AMF a reçu des maires du Groenland pour parler de pêche.\n", "utf-8")
    for other in (hash_settings.knowledge_dir / "amf-action-internationale").glob("??.txt"):
        if other.name != "fr.txt":
            other.write_text("The AMF received mayors from Greenland to talk about fishing.\n", "utf-8")
    build_index(hash_settings)
    after = stored(hash_settings)
    assert after.index_version != before.index_version


def test_a_calibration_of_an_older_method_is_derived_again(hash_settings):
    import dataclasses

    build_index(hash_settings)
    in_generation = Generations(hash_settings.index_dir).published() / "calibration.json"
    calibration.save(dataclasses.replace(calibration.load(in_generation), method=1, threshold=-99.0), in_generation)
    assistant = make_assistant(hash_settings)
    assert assistant.ask("Comment renouveler mon passeport rapidement ?").status == "not_found"
    assert calibration.load(hash_settings.index_dir / "calibration.json").method == calibration.METHOD


def test_the_gate_sees_how_much_of_the_question_the_best_passage_holds(hash_settings):
    build_index(hash_settings)
    retriever = make_assistant(hash_settings).retriever
    named = retriever.search("Кто такой Бруно Жонкур?", "ru")
    assert calibration.held_share(named) == 1.0  # both names, in the Russian version
    assert calibration.held_share(retriever.search("Comment renouveler mon passeport rapidement ?", "fr")) < 0.5


def test_a_question_whose_best_passage_lacks_its_language_is_judged_on_closeness_alone(hash_settings):
    import dataclasses

    build_index(hash_settings)
    saved = stored(hash_settings)
    assert saved.foreign_threshold < float("inf")  # derived with the rest
    hits = make_assistant(hash_settings).retriever.search("Wie viele italienische Bürgermeister?", "de")
    words_never_pass = dataclasses.replace(saved, threshold=float("inf"), foreign_threshold=float("-inf"))
    # The seed speaks German: the word signals are informative, and they refuse here.
    assert not words_never_pass.accepts("Wie viele italienische Bürgermeister?", hits, None, "de")
    # No version in Dutch: the word signals cannot see the question's words; closeness decides.
    assert words_never_pass.accepts("Hoeveel Italiaanse burgemeesters?", hits, None, "nl")
    assert not dataclasses.replace(words_never_pass, foreign_threshold=float("inf")).accepts(
        "Hoeveel Italiaanse burgemeesters?", hits, None, "nl")


def test_the_words_that_frame_a_question_do_not_count_as_unknown():
    """"Хто такий Брюно Жонкур?": the documents name Брюно Жонкур and never say "хто такий"."""
    from bot.language.vocabulary import Vocabulary

    vocabulary = Vocabulary.from_texts(["під керівництвом пана Брюно Жонкура (Bruno JONCOUR), мера Сен-Бриё"])
    assert calibration.known_share("Хто такий Брюно Жонкур?", vocabulary) == 1.0
    assert calibration.known_share("Hello, who is Bruno Joncour?", vocabulary) == 1.0
    assert calibration.known_share("Хто такий Ілон Маск?", vocabulary) == 0.0


def test_a_name_the_documents_hold_inflected_is_known():
    from bot.language.vocabulary import Vocabulary

    vocabulary = Vocabulary.from_texts(["под руководством господина Жака Оксиетта (Jacques AUXIETTE)"])
    assert calibration.known_share("Кто такой Жак Оксиетт?", vocabulary) == 1.0


def test_probes_searched_in_threads_give_the_same_calibration(hash_settings):
    """The indexer searches the probes in one thread per core: the calibration is the one of a single thread
    (each search also re-reads the index's version, as the indexer's does)."""
    from bot.embedders.registry import make_embedder
    from bot.retrieval.hybrid import HybridRetriever, PassageIndex
    from bot.store.chroma import PassageStore

    build_index(hash_settings)
    embedder = make_embedder(hash_settings)
    store = PassageStore(hash_settings, embedder)
    index = PassageIndex(store, refresh_seconds=0)
    loaded = index.current()
    retriever = HybridRetriever(store=store, embedder=embedder, index=index)
    measured = (retriever, list(loaded.passages.values()), loaded.vocabulary, loaded.version, "hash")
    assert calibration.calibrate(*measured, workers=4) == calibration.calibrate(*measured)


def test_in_domain_probes_are_taken_evenly_up_to_a_limit():
    from types import SimpleNamespace

    from bot.answering.calibration import in_domain_probes

    version = lambda n: SimpleNamespace(language="fr", text=f"Passage numéro {n} sur l'action internationale.")  # noqa: E731
    passages = [SimpleNamespace(versions=[version(n)]) for n in range(5000)]
    probes = in_domain_probes(passages, limit=2000)
    assert 1000 < len(probes) <= 2000
    assert probes[0][1].startswith("Passage numéro 0 ") and probes[1][1].startswith("Passage numéro 3 ")
    assert len(in_domain_probes(passages[:100], limit=2000)) == 100  # a small corpus: every passage
