"""A question reads one consistent load of the index, even when a reload happens while it is answered
(several questions are answered at a time; issue 10, item 2)."""

from __future__ import annotations

from bot.assembly import build_index
from bot.embedders.registry import make_embedder
from bot.retrieval.hybrid import PassageIndex
from bot.store.chroma import PassageStore
from support.indexing import write_extra_document


def test_a_reload_does_not_change_what_a_question_already_reads(hash_settings):
    build_index(hash_settings)
    store = PassageStore(hash_settings, make_embedder(hash_settings))
    index = PassageIndex(store, refresh_seconds=0)
    reading = index.current()  # what a question being answered holds
    ids = set(reading.passages)
    write_extra_document(hash_settings.knowledge_dir)
    build_index(hash_settings, store=store)
    reloaded = index.current()
    assert reloaded.version != reading.version and set(reloaded.passages) > ids
    assert set(reading.passages) == ids == set(reading.vectors)  # the earlier load, whole and unchanged
    assert set(index.passages) == set(reloaded.passages)
