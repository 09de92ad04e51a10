"""The retrieval index saved with each generation: written when indexing, read back as derived, used only when current."""

from __future__ import annotations

import numpy as np
import pytest

from bot.assembly import build_index
from bot.embedders.registry import make_embedder
from bot.ingest.chunking import chunk_documents
from bot.ingest.knowledge import load_knowledge
from bot.retrieval import saved
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.retrieval.lexical import BM25
from bot.store.chroma import PassageStore

QUESTIONS = ["Qui dirige le groupe de travail international de l'AMF ?", "Who received the mayor of Pretoria?",
             "Wie viele italienische Bürgermeister hat die AMF empfangen?", "부산시와의 협력", "Roumanie"]


class RecordsUnread(PassageStore):
    """The real store, except that reading every record back fails: what a load must not need."""

    def load_corpus(self):
        raise AssertionError("the records were read back")


def _store(settings, kind=PassageStore):
    return kind(settings, make_embedder(settings))


def test_the_saved_index_reads_back_as_the_records_give_it(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    path = store.saved_file(saved.FILE_NAME)
    assert path is not None and path.parent.name.startswith("gen-")
    back = saved.load(path, store.version())
    fresh = saved.derive(store.load_corpus())
    assert back is not None
    assert back.passages == fresh.passages
    assert back.languages == fresh.languages and back.row_languages == fresh.row_languages
    assert back.vectors.keys() == fresh.vectors.keys()
    assert all(np.array_equal(back.vectors[pid], fresh.vectors[pid]) for pid in fresh.vectors)
    assert (back.countries, back.regions) == (fresh.countries, fresh.regions)
    assert (back.acronyms, back.cities, back.name_skeletons) == (fresh.acronyms, fresh.cities, fresh.name_skeletons)
    assert any(fresh.countries.values()) and fresh.acronyms  # the comparison compares something
    assert back.bm25.postings.keys() == fresh.bm25.postings.keys() and back.bm25.tag_sizes() == fresh.bm25.tag_sizes()
    for question in QUESTIONS:
        for tags in (None, {"fr", "original"}):
            assert back.bm25.rank(question, tags).as_dict() == fresh.bm25.rank(question, tags).as_dict()


def test_bm25_arrays_give_back_the_same_scores():
    entries = [("a", "Le maire de Pretoria"), ("b", "mayor of Pretoria visits Lyon"), ("a", "부산시와의 협력"), ("c", "")]
    for tags in (None, ["fr", "en", "ko", "en"]):
        index = BM25(entries, tags=tags)
        back = BM25.from_arrays(index.arrays())
        for query in ["maire Pretoria", "협력", "Lyon mayor", "nothing"]:
            assert back.rank(query).as_dict() == index.rank(query).as_dict()
            assert back.tag_frequency("pretor") == index.tag_frequency("pretor")


def test_a_load_reads_the_saved_index_not_the_records(hash_settings):
    build_index(hash_settings)
    reading, derived = _store(hash_settings, RecordsUnread), _store(hash_settings)
    fast, slow = PassageIndex(reading), PassageIndex(derived)
    assert fast.current().version == slow.current().version
    for question in QUESTIONS:
        hits = HybridRetriever(store=reading, embedder=reading.embedder, index=fast).search(question)
        again = HybridRetriever(store=derived, embedder=derived.embedder, index=slow).search(question)
        assert [(h.passage.passage_id, h.score) for h in hits] == [(h.passage.passage_id, h.score) for h in again]
        assert hits


def test_a_saved_index_is_used_only_for_the_content_it_was_written_for(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    path = store.saved_file(saved.FILE_NAME)
    assert saved.load(path, store.version()) is not None
    assert saved.load(path, "another-content") is None
    path_copy = path.with_name("copy.npz")
    path_copy.write_bytes(path.read_bytes()[:1000])  # cut short
    assert saved.load(path_copy, store.version()) is None


def test_an_index_written_without_it_gets_it_at_the_next_run_without_re_embedding(hash_settings):
    store = _store(hash_settings)
    passages = chunk_documents(load_knowledge(hash_settings.knowledge_dir))
    store.sync(passages, documents=1)
    assert store.saved_file(saved.FILE_NAME) is None
    with pytest.raises(AssertionError):  # without the file, a load reads every record
        PassageIndex(_store(hash_settings, RecordsUnread)).current()
    summary = build_index(hash_settings)
    assert summary.unchanged == len(passages) * 11 and summary.added == summary.updated == 0
    assert PassageIndex(_store(hash_settings, RecordsUnread)).current().passages


class ChromaUnopened(RecordsUnread):
    """The real store, except that opening its Chroma collection fails: a local index with its saved files
    must answer without it."""

    def collection(self):
        raise AssertionError("Chroma was opened")


def test_a_local_index_answers_from_its_saved_files_without_opening_chroma(hash_settings):
    build_index(hash_settings)
    unopened, store = _store(hash_settings, ChromaUnopened), _store(hash_settings)
    fast, chroma = PassageIndex(unopened), PassageIndex(store)
    assert fast.current().version == store.version()  # the generation's stamp, as Chroma has it
    for question in QUESTIONS:
        hits = HybridRetriever(store=unopened, embedder=unopened.embedder, index=fast).search(question)
        assert hits
        assert unopened.generation == store.generation


def test_the_saved_vectors_find_the_passages_chroma_finds(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    nearest = PassageIndex(store).current().nearest
    assert nearest is not None
    for question in QUESTIONS:
        vector = np.asarray(store.embedder.embed_query(question), dtype=np.float32)
        for n in (1, 10, 60):
            mine, chroma = nearest(vector, n), store.dense_search(vector.tolist(), n)
            assert list(mine) == list(chroma)  # the same passages, nearest first
            assert np.allclose(list(mine.values()), list(chroma.values()), atol=1e-5)


def test_a_derived_index_searches_the_store(hash_settings):
    """Without its saved file (an index written before them, or a server), the dense search is Chroma's."""
    store = _store(hash_settings)
    store.sync(chunk_documents(load_knowledge(hash_settings.knowledge_dir)), documents=1)
    assert PassageIndex(store).current().nearest is None


def test_texts_read_while_embedding_give_the_same_saved_index(hash_settings, tmp_path):
    build_index(hash_settings)
    corpus = _store(hash_settings).load_corpus()
    prepared = saved.SavedIndex()
    prepared.prepare(corpus.passages)
    prepared.write(corpus, "v1", tmp_path / "prepared.npz")
    assert {e.text for e in corpus.entries} <= set(prepared.facts)  # every stored text was read beforehand
    saved.SavedIndex().write(corpus, "v1", tmp_path / "plain.npz")
    assert (tmp_path / "prepared.npz").read_bytes() == (tmp_path / "plain.npz").read_bytes()


def test_the_indexer_hears_when_the_embedding_starts(hash_settings):
    calls = []
    passages = chunk_documents(load_knowledge(hash_settings.knowledge_dir))
    _store(hash_settings).sync(passages, documents=1, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, len(passages) * 11) and calls[-1] == (len(passages) * 11,) * 2
