"""The local index under stress: re-indexed by another process while answering, killed mid-run,
two indexers at once, a damaged database, the former single-folder layout. Real Chroma, hash embedder."""

from __future__ import annotations

import json
import os
import shutil
import threading

import pytest

from support.indexing import EXTRA_DOC, EXTRA_QUESTION, PausedIndexer, run_cli, write_extra_document
from bot.answering.assistant import Assistant
from bot.answering.extractive import ExtractiveAnswerer
from bot.assembly import build_index
from bot.core.errors import IndexNotReadyError
from bot.embedders.registry import make_embedder
from bot.retrieval import saved
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.store.chroma import PassageStore
from bot.store.generations import DATABASE, VERSION, Generations

pytestmark = pytest.mark.reliability

PRETORIA = "Qui a reçu le maire de Pretoria ?"


def stored_ids(settings) -> list[str]:
    """Every record id of the serving index, read as a fresh reader would."""
    collection = PassageStore(settings, make_embedder(settings)).collection()
    return collection.get(include=[])["ids"]


def doc_ids(index: PassageIndex) -> set[str]:
    return {p.doc_id for p in index.current().passages.values()}


def hash_assistant(settings) -> Assistant:
    """The app's assistant over the local index, with the answer gate opened for the hash embedder."""
    embedder = make_embedder(settings)
    store = PassageStore(settings, embedder)
    retriever = HybridRetriever(store=store, embedder=embedder, index=PassageIndex(store, refresh_seconds=0))
    return Assistant(retriever, ExtractiveAnswerer())


def test_app_keeps_answering_while_another_process_reindexes(hash_settings):
    build_index(hash_settings)
    assistant = hash_assistant(hash_settings)
    assert assistant.ask(PRETORIA).status != "rejected"
    write_extra_document(hash_settings.knowledge_dir)

    failures: list[BaseException] = []
    answered = []
    done = threading.Event()

    def keep_asking() -> None:
        while not done.is_set():
            try:
                answered.append(assistant.ask(PRETORIA).to_dict()["status"])
            except BaseException as exc:  # noqa: BLE001 - any failure is what the test looks for
                failures.append(exc)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        indexed = run_cli(hash_settings, "index", "--quiet")
    finally:
        done.set()
        asker.join()
    assert indexed.returncode == 0, indexed.stderr
    assert "added" in indexed.stdout
    assert not failures, failures[:3]
    assert answered and all(status == "answered" for status in answered)
    # Afterwards, the new document is found and the old ones still answer.
    for _ in range(3):
        hits = assistant.retriever.search(EXTRA_QUESTION)
        assert hits[0].passage.doc_id == EXTRA_DOC
        assert assistant.ask(PRETORIA).status == "answered"


@pytest.mark.parametrize("point", ["copy", "embed", "publish", "prune"])
def test_killed_indexer_leaves_the_previous_index_answering_and_the_next_run_completes(hash_settings, tmp_path, point):
    build_index(hash_settings)
    before = sorted(stored_ids(hash_settings))
    reader = PassageIndex(PassageStore(hash_settings, make_embedder(hash_settings)), refresh_seconds=0)
    assert EXTRA_DOC not in doc_ids(reader)
    write_extra_document(hash_settings.knowledge_dir)

    with PausedIndexer(hash_settings, point, tmp_path / "paused", AMF_BOT_EMBEDDING_BATCH_SIZE="1") as indexer:
        indexer.wait_paused()
        indexer.kill()

    # Killed before the switch, the previous index answers unchanged; killed after, the new one does.
    published = point == "prune"
    assert (EXTRA_DOC in doc_ids(reader)) is published
    ids = stored_ids(hash_settings)
    assert len(ids) == len(set(ids))
    if not published:
        assert sorted(ids) == before

    again = run_cli(hash_settings, "index", "--quiet")
    assert again.returncode == 0, again.stderr
    ids = stored_ids(hash_settings)
    assert len(ids) == len(set(ids)) and set(before) < set(ids)
    assert EXTRA_DOC in doc_ids(reader)
    assert reader.store.dense_search(make_embedder(hash_settings).embed_query(EXTRA_QUESTION), 5)
    # Nothing half-built is left behind: the serving generation and the one it replaced at most.
    generations = sorted(p.name for p in hash_settings.index_dir.iterdir() if p.name.startswith("gen-"))
    assert len(generations) <= 2
    third = run_cli(hash_settings, "index", "--quiet")
    assert " 0 added, 0 updated, 0 removed" in third.stdout


def test_second_indexer_waits_then_says_who_holds_the_index(hash_settings, tmp_path):
    build_index(hash_settings)
    write_extra_document(hash_settings.knowledge_dir)
    with PausedIndexer(hash_settings, "embed", tmp_path / "paused", AMF_BOT_EMBEDDING_BATCH_SIZE="1") as first:
        pid = first.wait_paused()
        second = run_cli(hash_settings, "index", "--quiet", AMF_BOT_INDEX_LOCK_WAIT_S="0.5")
        assert second.returncode != 0
        assert f"pid {pid}" in second.stderr and "Traceback" not in second.stderr
        assert "again" in second.stderr
        first.kill()
    # The kernel released the dead holder's lock: no stale lock to clear by hand.
    third = run_cli(hash_settings, "index", "--quiet", AMF_BOT_INDEX_LOCK_WAIT_S="0")
    assert third.returncode == 0, third.stderr
    assert any(i.startswith(EXTRA_DOC) for i in stored_ids(hash_settings))


def test_second_indexer_within_its_wait_runs_after_the_first(hash_settings, tmp_path):
    build_index(hash_settings)
    write_extra_document(hash_settings.knowledge_dir)
    with PausedIndexer(hash_settings, "embed", tmp_path / "paused", AMF_BOT_EMBEDDING_BATCH_SIZE="1") as first:
        first.wait_paused()
        killer = threading.Timer(1.0, first.kill)
        killer.start()
        second = run_cli(hash_settings, "index", "--quiet", AMF_BOT_INDEX_LOCK_WAIT_S="60")
        killer.join()
    assert second.returncode == 0, second.stderr
    assert any(i.startswith(EXTRA_DOC) for i in stored_ids(hash_settings))


def damage_database(settings, how: str) -> None:
    database = Generations(settings.index_dir).published() / DATABASE
    if how == "truncated":
        os.truncate(database, database.stat().st_size // 2)
    else:
        database.write_bytes(b"not a database at all " * 500)


@pytest.mark.parametrize("how", ["truncated", "overwritten"])
def test_index_rebuilds_a_damaged_index_and_keeps_the_damaged_copy(hash_settings, how):
    build_index(hash_settings)
    count = len(stored_ids(hash_settings))
    damaged = Generations(hash_settings.index_dir).published()
    damage_database(hash_settings, how)

    rebuilt = run_cli(hash_settings, "index", "--quiet")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    assert "damaged" in rebuilt.stderr and f"damaged-{damaged.name}" in rebuilt.stderr
    assert list(hash_settings.index_dir.glob(f"damaged-{damaged.name}-*/{DATABASE}"))
    assert len(stored_ids(hash_settings)) == count


@pytest.mark.parametrize("how", ["truncated", "overwritten"])
def test_ask_on_a_damaged_index_says_so_and_recovers(hash_settings, how):
    build_index(hash_settings)
    count = len(stored_ids(hash_settings))
    damage_database(hash_settings, how)
    asked = run_cli(hash_settings, "ask", "--json", PRETORIA)
    assert "Traceback" not in asked.stderr
    assert "damaged" in asked.stderr and "amf-bot index" in asked.stderr
    assert asked.returncode == 0 and json.loads(asked.stdout)["notice"]
    assert list(hash_settings.index_dir.glob("damaged-*"))  # rebuilt, the damaged copy set aside
    assert len(stored_ids(hash_settings)) == count


def test_running_app_reports_a_damaged_index_instead_of_a_traceback(hash_settings):
    build_index(hash_settings)
    store = PassageStore(hash_settings, make_embedder(hash_settings))
    index = PassageIndex(store, refresh_seconds=0)
    index.current()
    damage_database(hash_settings, "overwritten")
    assert index.current().passages  # the running app reads its private copy: it keeps answering
    with pytest.raises(IndexNotReadyError, match="damaged.*amf-bot index"):  # a new reader is told
        PassageIndex(PassageStore(hash_settings, make_embedder(hash_settings)), refresh_seconds=0).current()
    # The app, at its next start, rebuilds it (build_index is its first step).
    summary = build_index(hash_settings)
    assert summary.notes and "damaged" in summary.notes[0]
    assert index.current().passages


def test_former_single_folder_index_is_adopted(hash_settings):
    build_index(hash_settings)
    root = hash_settings.index_dir
    # The layout before generations: Chroma's files directly in index/ (no saved retrieval index, no stamp).
    serving = Generations(root).published()
    for path in serving.iterdir():
        path.unlink() if path.name in (saved.FILE_NAME, VERSION) else path.rename(root / path.name)
    serving.rmdir()
    (root / "CURRENT").unlink()
    count = len(stored_ids(hash_settings))  # still readable as it is

    adopted = build_index(hash_settings)
    assert (adopted.added, adopted.updated, adopted.removed) == (0, 0, 0)
    generations = Generations(root)
    assert generations.published().name.startswith("gen-") and generations.replaced() == root
    assert len(stored_ids(hash_settings)) == count

    write_extra_document(hash_settings.knowledge_dir)
    build_index(hash_settings)
    assert not (root / DATABASE).exists()  # the former files go once a generation can replace them
    kept = {p.name for p in root.iterdir() if not p.name.startswith(".")} - {"calibration.json", "last-run.json"}
    assert sorted(kept) == sorted(["CURRENT", generations.published().name, generations.replaced().name])
    shutil.rmtree(root)


def test_reader_keeps_its_generation_when_the_published_one_cannot_be_opened(hash_settings):
    build_index(hash_settings)
    reader = PassageIndex(PassageStore(hash_settings, make_embedder(hash_settings)), refresh_seconds=0)
    passages = set(reader.current().passages)
    generations = Generations(hash_settings.index_dir)
    serving = generations.published()
    broken = generations.fresh()
    (broken / DATABASE).write_bytes(b"not a database at all " * 500)
    generations.publish(broken, previous=serving)  # what no indexer does: published without its check

    assert set(reader.current().passages) == passages
    assert reader.store.location == str(serving)
    assert reader.store.dense_search(make_embedder(hash_settings).embed_query(PRETORIA), 3)
