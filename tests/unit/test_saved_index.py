"""The retrieval index saved with each generation: written when indexing, read back as derived, used only when current."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from bot.assembly import build_index
from bot.core.contracts import StoredCorpus, StoredEntry
from bot.core.models import Passage, PassageTable, Version
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
    assert back is not None and not back.passages.built  # each built when first asked for
    assert back.passages == fresh.passages and list(back.passages) == list(fresh.passages)  # and in the same order
    for pid in fresh.passages:
        assert back.passages.document(pid) == fresh.passages.document(pid)
        assert back.passages.subjects(fresh.passages.document(pid)) == fresh.passages.subjects(fresh.passages.document(pid))
    assert list(back.passages.translated()) == list(fresh.passages.translated()) and any(fresh.passages.translated())
    assert back.original_language == fresh.original_language and back.naming == fresh.naming
    assert back.centring.shifts.keys() == fresh.centring.shifts.keys()  # none: every passage has every language
    assert back.languages == fresh.languages and back.row_languages == fresh.row_languages
    assert back.vectors.keys() == fresh.vectors.keys()
    assert all(np.array_equal(back.vectors[pid], fresh.vectors[pid]) for pid in fresh.vectors)
    assert (back.countries, back.regions) == (fresh.countries, fresh.regions)
    assert (back.acronyms, back.cities, back.name_skeletons) == (fresh.acronyms, fresh.cities, fresh.name_skeletons)
    assert any(fresh.countries.values()) and fresh.acronyms  # the comparison compares something
    assert back.bm25.postings.keys() == fresh.bm25.postings.keys() and back.bm25.tag_sizes() == fresh.bm25.tag_sizes()
    for token, (entries, frequencies) in fresh.bm25.postings.items():
        saved_entries, saved_frequencies = back.bm25.postings[token]
        assert np.array_equal(saved_entries, entries) and np.array_equal(saved_frequencies, frequencies)
        assert (saved_entries.dtype, saved_frequencies.dtype) == (entries.dtype, frequencies.dtype)
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
        assert hits == again and hits  # the same passages (provenance and all) with the same scores


def test_a_saved_index_is_used_only_for_the_content_it_was_written_for(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    path = store.saved_file(saved.FILE_NAME)
    assert saved.load(path, store.version()) is not None
    assert saved.load(path, "another-content") is None
    path_copy = path.with_name("copy.npz")
    path_copy.write_bytes(path.read_bytes()[:1000])  # cut short
    assert saved.load(path_copy, store.version()) is None


def _member(path, name: str) -> tuple[int, int]:
    """Where the data of the array `name` lies in the saved file (start, size)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(f"{name}.npy")
    header = path.read_bytes()[info.header_offset:info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    return start, info.file_size


@pytest.mark.parametrize("member", ["vectors", "passages", "bm25_frequencies", "meta"])
def test_a_damaged_saved_index_is_derived_again(hash_settings, member, caplog):
    """Its arrays are read in place, not copied: a changed byte is still found (each array's CRC) and the
    index derived from the records, as when the whole file was read."""
    build_index(hash_settings)
    store = _store(hash_settings)
    path = store.saved_file(saved.FILE_NAME)
    assert saved.load(path, store.version()) is not None
    start, size = _member(path, member)
    data = bytearray(path.read_bytes())
    data[start + size - 3] ^= 0x55  # in the array's data, past its .npy header
    damaged = path.with_name("damaged.npz")
    damaged.write_bytes(bytes(data))
    assert saved.load(damaged, store.version()) is None
    assert "unreadable" in caplog.text and "CRC" in caplog.text


def _format_1(path, version: str) -> None:
    """A saved index as the previous code wrote it: every passage in one JSON document, its format inside it."""
    meta = {"format": 1, "version": version, "strings": [], "passages": [], "languages": [], "with_rows": [],
            "countries": {}, "regions": {}, "acronyms": [], "cities": [], "name_skeletons": []}
    np.savez(path, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))


def test_an_index_saved_in_an_earlier_format_is_derived_then_written_again_without_re_embedding(hash_settings):
    build_index(hash_settings)
    store = _store(hash_settings)
    path = store.saved_file(saved.FILE_NAME)
    assert saved.SavedIndex.current(path)
    _format_1(path, store.version())  # an index written by the previous code
    assert not saved.SavedIndex.current(path) and saved.load(path, store.version()) is None
    with pytest.raises(AssertionError):  # read safely: derived from the records
        PassageIndex(_store(hash_settings, RecordsUnread)).current()
    summary = build_index(hash_settings)
    assert summary.added == summary.updated == summary.removed == 0 and summary.unchanged
    rewritten = _store(hash_settings).saved_file(saved.FILE_NAME)
    assert rewritten != path and saved.SavedIndex.current(rewritten)
    assert PassageIndex(_store(hash_settings, RecordsUnread)).current().passages


def test_the_saved_arrays_are_aligned_and_np_load_reads_them(hash_settings):
    """Each array starts on a multiple of 64 bytes (memory-mapped in place, as fast as one in memory), and the
    file stays an ordinary .npz."""
    build_index(hash_settings)
    path = _store(hash_settings).saved_file(saved.FILE_NAME)
    with np.load(path, allow_pickle=False) as stored:
        names = stored.files
        vectors = stored["vectors"]
    for name in names:
        assert _member(path, name.removesuffix(".npy"))[0] % saved.ALIGNMENT == 0
    back = saved.load(path, _store(hash_settings).version())
    assert np.array_equal(back.nearest.matrix, vectors) and not back.nearest.matrix.flags.writeable


def _corpus(count: int) -> StoredCorpus:
    """`count` passages of two documents, a few of them translated, with random unit vectors."""
    rng = np.random.default_rng(7)
    passages, entries = [], []
    for n in range(count):
        doc = "alpha" if n < count // 2 else "beta"
        version = Version("fr", f"Passage {n} sur la coopération avec le Sénégal et le Japon.", f"{doc}/fr.txt",
                          n * 100, n * 100 + 50, f"Titre {doc}", "© AMF", True, context=f"Section {n % 3}",
                          page=n % 4 or None, heading=f"Section {n % 3}")
        translations = {"en": Version("en", f"Passage {n} on cooperation with Senegal.", f"{doc}/en.txt", 0, 40,
                                      f"Title {doc}", "© AMF (en)", False, machine=n % 2 == 0)} if n % 10 == 0 else {}
        passage = Passage(f"{doc}/p{n:05d}", doc, "AMF", n + 1, version, translations)
        passages.append(passage)
        entries += [StoredEntry(passage.passage_id, v.language, v.is_original, saved.entry_text(v.context, v.text))
                    for v in passage.versions]
    vectors = rng.normal(size=(len(entries), 16)).astype(np.float32)
    return StoredCorpus(passages, entries, vectors / np.linalg.norm(vectors, axis=1, keepdims=True))


def test_a_load_builds_only_the_passages_asked_for(tmp_path):
    corpus = _corpus(300)
    path = tmp_path / saved.FILE_NAME
    saved.SavedIndex().write(corpus, "v1", path)
    back = saved.load(path, "v1")
    assert back is not None and len(back.passages) == 300 and not back.passages.built
    fresh = saved.derive(corpus)
    assert fresh.centring.shifts.keys() == back.centring.shifts.keys() == {"fr", "en"}  # measured when indexing
    assert all(np.array_equal(back.centring.shifts[lang], fresh.centring.shifts[lang]) for lang in ("fr", "en"))
    assert back.naming == fresh.naming and back.original_language == fresh.original_language
    assert "beta/p00200" in back.passages and "nowhere" not in back.passages
    assert back.passages.document("beta/p00200") == "beta" and not back.passages.built
    assert back.passages.subjects("alpha") == {"AMF Titre alpha Title alpha", "AMF Titre alpha"}
    assert back.countries["alpha/p00003"] == {"SN", "JP"} and len(back.vectors["alpha/p00010"]) == 2
    assert back.row_languages["alpha/p00010"] == ["fr", "en"] and not back.passages.built
    passage = back.passages["beta/p00200"]
    assert passage == corpus.passages[200] and set(back.passages.built) == {"beta/p00200"}
    assert back.passages["beta/p00200"] is passage  # kept
    assert [p.passage_id for p in back.passages.translated()] == [p.passage_id for p in corpus.passages if p.translations]
    assert dict(back.passages) == {p.passage_id: p for p in corpus.passages}
    with pytest.raises(KeyError):
        back.passages["nowhere"]


def test_a_passage_table_answers_as_its_passages_say():
    corpus = _corpus(20)
    table = PassageTable(corpus.passages)
    assert list(table) == [p.passage_id for p in corpus.passages] and len(table) == 20
    assert table.document("beta/p00012") == "beta" and table.subjects("nowhere") == set()
    assert table.subjects("beta") == {"AMF Titre beta Title beta", "AMF Titre beta"}
    assert [p.paragraph for p in table.translated()] == [1, 11]


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


def test_an_index_derived_by_other_code_is_derived_again_then_written_again_without_re_embedding(hash_settings,
                                                                                                  monkeypatch):
    """An upgrade that reads one more country name (say) must not leave an unchanged knowledge base with the
    findings of the code before it: the file records the digest of the code that derived it (`derived_by`)."""
    build_index(hash_settings)
    store = _store(hash_settings)
    path = store.saved_file(saved.FILE_NAME)
    assert saved.SavedIndex.current(path) and saved.load(path, store.version()) is not None
    monkeypatch.setattr(saved, "derived_by", lambda: "other-code")  # the code was upgraded since
    assert not saved.SavedIndex.current(path) and saved.load(path, store.version()) is None
    summary = build_index(hash_settings)
    assert summary.added == summary.updated == summary.removed == 0 and summary.unchanged
    rewritten = _store(hash_settings).saved_file(saved.FILE_NAME)
    assert saved.SavedIndex.current(rewritten) and saved.load(rewritten, store.version()) is not None
    assert PassageIndex(_store(hash_settings, RecordsUnread)).current().passages


def test_the_digest_covers_every_module_whose_findings_are_saved():
    import inspect
    from pathlib import Path

    covered = {path.resolve() for path in saved.deriving_sources()}
    used = {Path(inspect.getfile(inspect.getmodule(value))).resolve() for value in vars(saved).values()
            if inspect.getmodule(value) is not None and inspect.getmodule(value).__name__.startswith("bot.")
            and inspect.getmodule(value).__name__ not in ("bot.core.models", "bot.core.contracts")}
    assert used and used <= covered, sorted(map(str, used - covered))
