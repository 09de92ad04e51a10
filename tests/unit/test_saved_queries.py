"""The calibration probes' vectors are kept between index runs: the same vectors, so the same calibration."""

from __future__ import annotations

import shutil

from bot.answering import calibration
from bot.assembly import build_index
from bot.embedders.hashing import HashEmbeddings
from bot.embedders.remembered import SavedQueries
from bot.store.generations import Generations


class CountingEmbeddings(HashEmbeddings):
    """The hash embedder, counting the queries it embeds."""

    def __init__(self, name: str = "hash"):
        super().__init__()
        self.name, self.queries = name, 0

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return super().embed_query(text)


def test_vectors_are_read_back_instead_of_embedded_again(tmp_path):
    path = tmp_path / "vectors" / "hash.npz"
    first = SavedQueries(CountingEmbeddings(), path)
    vectors = [first.embed_query(q) for q in ("Qui dirige l'AMF ?", "Comment faire du pain ?")]
    first.save()
    inner = CountingEmbeddings()
    again = SavedQueries(inner, path)
    assert [again.embed_query(q) for q in ("Qui dirige l'AMF ?", "Comment faire du pain ?")] == vectors
    assert inner.queries == 0
    assert again.embed_query("Une autre question ?") == HashEmbeddings().embed_query("Une autre question ?")
    assert inner.queries == 1


def test_another_model_or_a_damaged_file_embeds_afresh(tmp_path):
    path = tmp_path / "hash.npz"
    saved = SavedQueries(CountingEmbeddings(), path)
    saved.embed_query("Qui dirige l'AMF ?")
    saved.save()
    other = CountingEmbeddings(name="another model")
    SavedQueries(other, path).embed_query("Qui dirige l'AMF ?")
    assert other.queries == 1
    path.write_bytes(b"not a vector file")
    damaged = CountingEmbeddings()
    SavedQueries(damaged, path).embed_query("Qui dirige l'AMF ?")
    assert damaged.queries == 1


def test_a_fresh_index_calibrated_with_saved_probe_vectors_gets_the_same_calibration(hash_settings, tmp_path):
    settings = hash_settings.model_copy(update={"cache_dir": tmp_path / "cache"})
    build_index(settings)
    first = calibration.load(Generations(settings.index_dir).published() / "calibration.json")
    assert list((settings.cache_dir / "query-vectors").iterdir())
    shutil.rmtree(settings.index_dir)
    build_index(settings)
    again = calibration.load(Generations(settings.index_dir).published() / "calibration.json")
    assert first is not None and again == first
