"""Retrieve stage: hybrid search — dense candidates from Chroma, BM25, and a fused score.

Candidates come from Chroma's nearest neighbours and from BM25. Each candidate passage is then
scored on all its language versions at once: the dense score is the mean similarity of the
question to the original and its aligned translations (one noisy version weighs less than in a
max). Passages do not all have the same versions: a dropped PDF has only its original, the seed
has eleven. A mean over the versions present would be unfair, because a question is closer to
a text in its own language: asked in French, an untranslated French passage would score its
same-language similarity alone while a translated one has it diluted by ten cross-language
similarities (and asked in Korean, the translated one has a Korean version the other lacks). So
every passage is scored over every language of the corpus, a missing version being estimated
as its original's similarity plus the gap measured, for this question, between that language's
versions and their originals among the candidates that have both. A passage with one version
thus competes as if it had the eleven, each scoring as translations typically do for this
question; fully translated passages score exactly as before. The lexical score is BM25 on the versions in the question's language and the original
(names, acronyms, numbers). Both are standardised over the candidates and added, the lexical
side weighted by `LEXICAL_WEIGHT`. A passage that names a country the question names (in any
language, adjectives included: "România" meets "franco-roumaine") gets `COUNTRY_BONUS` on top.

The passages, the lexical index and the version vectors are loaded from the store's own records,
so several app instances sharing one Chroma server see the same passages; they are refreshed
when the store's content fingerprint changes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.language.detection import detect_language
from bot.language.vocabulary import Vocabulary, countries_in
from bot.retrieval.lexical import BM25
from bot.core.contracts import PassageSource
from bot.core.models import Passage, ScoredPassage

LEXICAL_WEIGHT = 0.7
LEXICAL_CANDIDATES = 20
COUNTRY_BONUS = 1.0
NAMING_CANDIDATES = 50


@dataclass(frozen=True)
class LoadedIndex:
    """One consistent load of the store: passages by id, their versions' vectors, BM25, countries."""

    version: str | None = None
    passages: dict[str, Passage] = field(default_factory=dict)
    bm25: BM25 | None = None
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    row_languages: dict[str, list[str]] = field(default_factory=dict)  # language of each of the passage's vectors
    original_language: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)  # every language of the corpus: each passage is scored over all of them
    vocabulary: Vocabulary | None = None
    countries: dict[str, set[str]] = field(default_factory=dict)  # passage → countries it names
    naming: dict[str, set[str]] = field(default_factory=dict)  # country → passages naming it

    def current(self) -> "LoadedIndex":
        return self

    def dense_scores(self, candidates: list[str], query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and highest similarity over every corpus language, missing versions estimated (see the
        module's docstring): the relevance gate, calibrated on translated passages, then judges an
        untranslated one by what its version in the question's language would likely score."""
        present = {pid: dict(zip(self.row_languages[pid], self.vectors[pid] @ query)) for pid in candidates}
        differences: dict[str, list[float]] = {}
        for pid, sims in present.items():
            original = sims[self.original_language[pid]]
            for language, similarity in sims.items():
                if language != self.original_language[pid]:
                    differences.setdefault(language, []).append(float(similarity - original))
        gap = {language: float(np.mean(values)) for language, values in differences.items()}
        means, highest = [], []
        for pid, sims in present.items():
            source = self.original_language[pid]
            base = sims[source] - gap.get(source, 0.0)
            values = [float(sims[lang]) if lang in sims else base + gap.get(lang, 0.0) for lang in self.languages]
            means.append(float(np.mean(values)))
            highest.append(max(values))
        return np.array(means), np.array(highest)


class PassageIndex:
    """The passages, the BM25 index and the vectors of all their versions, as loaded from the store.

    `current()` returns a `LoadedIndex` that never changes: a reload builds a new one and swaps it
    in at once, so questions answered meanwhile (several at a time) each read one consistent load.
    """

    def __init__(self, store: PassageSource, refresh_seconds: float | None = None):
        self.store = store
        self.refresh_seconds = store.settings.index_refresh_s if refresh_seconds is None else refresh_seconds
        self._lock = threading.Lock()
        self._checked = 0.0
        self._loaded = LoadedIndex()

    def current(self) -> LoadedIndex:
        loaded = self._loaded
        if loaded.bm25 is not None and time.monotonic() - self._checked < self.refresh_seconds:
            return loaded
        with self._lock:
            now = time.monotonic()
            version = self.store.version()
            if self._loaded.bm25 is None or version != self._loaded.version:
                self._loaded = self._load(version)
            self._checked = now
            return self._loaded

    # The last load, for readers that do not need a fresh one (and the tests).
    version = property(lambda self: self._loaded.version)
    passages = property(lambda self: self._loaded.passages)
    bm25 = property(lambda self: self._loaded.bm25)
    vectors = property(lambda self: self._loaded.vectors)
    vocabulary = property(lambda self: self._loaded.vocabulary)
    countries = property(lambda self: self._loaded.countries)
    naming = property(lambda self: self._loaded.naming)

    def _load(self, version: str | None) -> LoadedIndex:
        corpus = self.store.load_corpus()
        rows: dict[str, list[int]] = {}
        row_languages: dict[str, list[str]] = {}
        original_language: dict[str, str] = {}
        for i, entry in enumerate(corpus.entries):
            rows.setdefault(entry.passage_id, []).append(i)
            row_languages.setdefault(entry.passage_id, []).append(entry.language)
            if entry.is_original:
                original_language[entry.passage_id] = entry.language
        bm25 = BM25([(e.passage_id, e.text) for e in corpus.entries],
                    tags=[_lexical_tag(e.language, e.is_original) for e in corpus.entries])
        countries: dict[str, set[str]] = {}
        naming: dict[str, set[str]] = {}
        for entry in corpus.entries:
            for country in countries_in(entry.text):
                countries.setdefault(entry.passage_id, set()).add(country)
                naming.setdefault(country, set()).add(entry.passage_id)
        return LoadedIndex(
            version=version,
            passages={p.passage_id: p for p in corpus.passages},
            bm25=bm25,
            vectors={pid: corpus.vectors[r] for pid, r in rows.items()},
            row_languages=row_languages,
            original_language=original_language,
            languages=sorted({e.language for e in corpus.entries}),
            vocabulary=Vocabulary(bm25.postings, set(naming), bm25.tag_frequency, bm25.tag_sizes()),
            countries=countries,
            naming=naming,
        )


def _lexical_tag(language: str, is_original: bool) -> str:
    return "original" if is_original else language


class HybridRetriever(BaseRetriever):
    """LangChain retriever over the passage store: dense + lexical, fused."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: PassageSource
    embedder: Embeddings
    index: PassageIndex
    k: int = 6
    dense_candidates: int = 60

    def search(self, question: str, language: str | None = None) -> list[ScoredPassage]:
        index = self.index.current()
        language = language or detect_language(question)
        query = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        nearest = self.store.dense_search(query.tolist(), self.dense_candidates)
        lexical = index.bm25.rank(question, tags={language, "original"})
        strongest = lexical.top(LEXICAL_CANDIDATES)
        countries = countries_in(question)
        naming = sorted(set().union(*(index.naming.get(c, set()) for c in countries)))
        if len(naming) > NAMING_CANDIDATES:  # a country named everywhere: the other signals pick among them
            naming = []
        candidates = [pid for pid in dict.fromkeys([*nearest, *strongest, *naming]) if pid in index.passages]
        if not candidates:
            return []
        dense, closest = index.dense_scores(candidates, query)
        lex = np.array([lexical.get(pid, 0.0) for pid in candidates])
        named = np.array([1.0 if countries & index.countries.get(pid, set()) else 0.0 for pid in candidates])
        fused = _standardised(dense) + LEXICAL_WEIGHT * _standardised(lex) + COUNTRY_BONUS * named
        order = np.argsort(-fused, kind="stable")[: self.k]
        return [ScoredPassage(index.passages[candidates[i]], float(fused[i]), float(dense[i]), float(lex[i]),
                              float(closest[i])) for i in order]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(hit) for hit in self.search(query)]


def _standardised(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def to_document(hit: ScoredPassage) -> Document:
    p = hit.passage
    return Document(
        page_content=p.original.text,
        id=p.passage_id,
        metadata={
            "passage_id": p.passage_id, "doc_id": p.doc_id, "source": p.source, "title": p.original.title,
            "paragraph": p.paragraph, "source_file": p.original.source_file, "start": p.original.start,
            "end": p.original.end, "language": p.original.language,
            "translations": {lang: v.text for lang, v in p.translations.items()},
            "score": hit.score, "dense": hit.dense, "lexical": hit.lexical,
        },
    )
