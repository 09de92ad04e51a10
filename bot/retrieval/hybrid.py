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
language, adjectives included: "România" meets "franco-roumaine") gets up to `COUNTRY_BONUS` on
top — enough to come before the passages that do not, whether or not it was among the dense and
BM25 candidates; with several countries asked, the rarer ones weigh more (see `country_share`).
A passage on a region the question names ("Amérique latine", "африканских", "동유럽": a country of
it, or the region's own word) gets up to `REGION_BONUS`, well below the country's: a region word
often means institutions rather than places ("instances européennes"), and then the passage on
those institutions must stay first (see `region_share`).

The passages, the lexical index and the version vectors are loaded from the store's own records,
so several app instances sharing one Chroma server see the same passages; they are refreshed
when the store's content fingerprint changes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.language.detection import detect_language
from bot.language.patterns import without_exclusions
from bot.language.regions import MEMBERS, contains, regions_in
from bot.language.vocabulary import Vocabulary, countries_in
from bot.retrieval import saved
from bot.retrieval.centring import LanguageCentring
from bot.retrieval.lexical import BM25
from bot.core.contracts import PassageSource
from bot.core.models import PassageTable, ScoredPassage
from bot.core.text import tokenize

LEXICAL_WEIGHT = 0.7
LEXICAL_CANDIDATES = 20
COUNTRY_BONUS = 6.0
REGION_BONUS = 3.0
NAMING_CANDIDATES = 50


class PassageTerms:
    """The terms of each passage per language version, and the terms that only say which document it is.

    A document's own subject — the words of its title and source ("Val de Brenne", "Harbourton",
    "sister city programme") — picks the document, not the passage within it: a short question
    on a long document ("the network's yield of the Val de Brenne syndicate") is answered by the
    passage holding its other terms ("rendement"), not by the first passage naming the syndicate.
    """

    def __init__(self, by_version: dict[str, dict[str, frozenset[str]]], subject: dict[str, frozenset[str]],
                 idf=None, known=None):
        self.by_version = by_version  # passage id → language (or "original") → its tokens
        self.subject = subject  # passage id → the tokens of its document's titles and source
        self.idf = idf or (lambda token: 1.0)
        self.known = known or (lambda token: True)

    @classmethod
    def of(cls, passages: PassageTable, idf, known) -> "PassageTerms":
        """Terms read from the passages when first asked for: a question needs those of its few candidates,
        and tokenizing every passage at load took seconds at 10k passages."""
        return cls(_VersionTerms(passages), _SubjectTerms(passages), idf, known)

    def held_share(self, question: str, language: str, candidates: list[str]) -> np.ndarray:
        """The idf-weighted share of all the question's terms each passage holds (question's language or original)."""
        # Words the knowledge base never uses ("who is", misspellings) weigh nothing here: the
        # calibration's known share counts them.
        asked = {t for t in tokenize(question) if self.known(t)}
        weights = {t: self.idf(t) for t in asked}
        scores = np.zeros(len(candidates))
        for i, pid in enumerate(candidates):
            versions = self.by_version.get(pid, {})
            held = versions.get("original", frozenset()) | versions.get(language, frozenset())
            total = sum(weights.values())
            if total:
                scores[i] = sum(weights[t] for t in asked & held) / total
        return scores

    def key_term(self, question: str, passage_id: str) -> str | None:
        """The question's rarest term the knowledge base knows, words of the passage's document subject aside.

        "Quel est le rendement du réseau du syndicat du Val de Brenne ?": the syndicate names the
        document; "rendement" says which of its passages answers.
        """
        asked = {t for t in tokenize(question) if self.known(t)} - self.subject.get(passage_id, frozenset())
        return max(sorted(asked), key=self.idf, default=None)

    def holds(self, term: str | None, language: str, passage_id: str) -> bool:
        versions = self.by_version.get(passage_id, {})
        return term is None or term in versions.get("original", frozenset()) | versions.get(language, frozenset())



class _VersionTerms:
    """Passage id → language (or "original") → its tokens, each passage tokenized on first use."""

    def __init__(self, passages: PassageTable):
        self.passages = passages
        self.known: dict[str, dict[str, frozenset[str]]] = {}

    def get(self, pid: str, default=None):
        if pid not in self.known:
            p = self.passages.get(pid)
            if p is None:
                return default
            versions = {v.language: frozenset(tokenize(f"{v.context} {v.text}")) for v in p.translations.values()}
            versions["original"] = frozenset(tokenize(f"{p.original.context} {p.original.text}"))
            self.known[pid] = versions  # one dictionary assignment: safe with questions answered at once
        return self.known[pid]


class _SubjectTerms:
    """Passage id → the tokens of its document's titles and source, each document read on first use."""

    def __init__(self, passages: PassageTable):
        self.passages = passages
        self.known: dict[str, frozenset[str]] = {}

    def get(self, pid: str, default=None):
        if pid not in self.passages:
            return default
        doc_id = self.passages.document(pid)
        if doc_id not in self.known:  # a document's passages share their titles: read once
            self.known[doc_id] = frozenset(token for text in self.passages.subjects(doc_id) for token in tokenize(text))
        return self.known[doc_id]


@dataclass(frozen=True)
class LoadedIndex:
    """One consistent load of the store: passages by id, their versions' vectors, BM25, countries."""

    version: str | None = None
    passages: PassageTable = field(default_factory=PassageTable)
    bm25: BM25 | None = None
    vectors: Mapping[str, np.ndarray] = field(default_factory=dict)
    row_languages: Mapping[str, list[str]] = field(default_factory=dict)  # language of each of the passage's vectors
    original_language: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)  # every language of the corpus: each passage is scored over all of them
    vocabulary: Vocabulary | None = None
    countries: Mapping[str, set[str]] = field(default_factory=dict)  # passage → countries it names
    naming: dict[str, set[str]] = field(default_factory=dict)  # country → passages naming it
    regions: dict[str, set[str]] = field(default_factory=dict)  # passage → regions whose own word it uses
    terms: PassageTerms = field(default_factory=lambda: PassageTerms({}, {}))
    centring: LanguageCentring = field(default_factory=LanguageCentring)
    main_language: str | None = None  # the language most passages were written in
    nearest: saved.Nearest | None = None  # the dense search over the loaded vectors (None: the store's)


    def current(self) -> "LoadedIndex":
        return self

    def rarity(self, countries) -> dict[str, float]:
        """How telling each country the knowledge base names is: the fewer passages name it, the more."""
        return {c: math.log(1 + len(self.passages) / len(self.naming[c])) for c in countries if c in self.naming}

    def country_share(self, asked: set[str], candidates: list[str]) -> np.ndarray:
        """How much of the question's countries each candidate names, the rarer countries weighing more.

        A country the knowledge base names in few passages (Korea) says more about the passage
        wanted than one it names often (France, in a French association's documents).
        """
        weights = self.rarity(asked)
        total = sum(weights.values())
        if not total:
            return np.zeros(len(candidates))
        return np.array([sum(w for c, w in weights.items() if c in self.countries.get(pid, ())) / total
                         for pid in candidates])

    def region_share(self, asked: set[str], candidates: list[str]) -> np.ndarray:
        """How much each candidate is on a region the question names: fully when it uses the region's own
        word (or a sub-region's); else as much as the rarest of the region's countries it names, relative
        to the rarest the knowledge base names. A region's common country (France in Europe, for a French
        association) says little; any of its rare ones (Peru in Latin America) says as much as the others.
        """
        shares = np.zeros(len(candidates))
        for region in asked:
            weights = self.rarity(MEMBERS[region])
            rarest = max(weights.values(), default=0.0)
            for i, pid in enumerate(candidates):
                if any(contains(region, word) for word in self.regions.get(pid, ())):
                    shares[i] = 1.0
                elif rarest:
                    named = [w for c, w in weights.items() if c in self.countries.get(pid, ())]
                    shares[i] = max(shares[i], max(named, default=0.0) / rarest)
        return shares

    def placed_in(self, asked: set[str], candidates: list[str]) -> np.ndarray:
        """1 for a candidate naming a country of the regions asked that is not named all over the knowledge
        base: the passage is about that place. A country named in more than a fifth of the passages (France,
        for a French association) is what the documents are about, not a place a question points to."""
        common = len(self.passages) / 5
        places = {c for r in asked for c in MEMBERS[r] if 0 < len(self.naming.get(c, ())) <= common}
        return np.array([1.0 if places & self.countries.get(pid, set()) else 0.0 for pid in candidates])

    def on_regions(self, asked: set[str]) -> set[str]:
        """The passages on the regions asked: naming one of their countries or their own word."""
        if not asked:  # most questions: no region, and no pass over every passage's regions
            return set()
        countries = set().union(*(MEMBERS[r] for r in asked)) if asked else set()
        by_country = set().union(*(self.naming.get(c, set()) for c in countries)) if countries else set()
        by_word = {pid for pid, words in self.regions.items() if any(contains(r, w) for r in asked for w in words)}
        return by_country | by_word

    def dense_scores(self, candidates: list[str], query: np.ndarray,
                     language: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Mean similarity over every corpus language, missing versions estimated (see the module's
        docstring), and the highest similarity of a version the passage has. The relevance gate takes
        the latter: with estimated versions in it, the off-topic probes came closer to the untranslated
        documents, the calibrated threshold rose, and translated passages were refused (measured on
        the seed with six untranslated documents: dev set gold cited 18/21 against 21/21)."""
        centred = self.centring.question(query, language)  # compared on meaning, not language (`centring`)
        row_languages = [self.row_languages[pid] for pid in candidates]
        # Every candidate's versions centred and compared at once (one product, not one per passage).
        everything = self.centring.rows(np.concatenate([self.vectors[pid] for pid in candidates]),
                                        [lang for languages in row_languages for lang in languages]) @ centred
        ends = np.cumsum([len(languages) for languages in row_languages]).tolist()
        present = [dict(zip(languages, everything[end - len(languages):end]))
                   for languages, end in zip(row_languages, ends)]
        differences: dict[str, list[float]] = {}
        for pid, sims in zip(candidates, present):
            original = sims[self.original_language[pid]]
            for language, similarity in sims.items():
                if language != self.original_language[pid]:
                    differences.setdefault(language, []).append(float(similarity - original))
        gap = {language: float(np.mean(values)) for language, values in differences.items()}
        every_language, highest = [], []
        for pid, sims in zip(candidates, present):
            source = self.original_language[pid]
            base = sims[source] - gap.get(source, 0.0)
            every_language.append([float(sims[lang]) if lang in sims else base + gap.get(lang, 0.0)
                                   for lang in self.languages])
            highest.append(float(max(sims.values())))
        return np.array(every_language, dtype=np.float64).mean(axis=1), np.array(highest)


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
        # Saved with the index when it was built (see `saved`); derived from every record otherwise.
        parts = saved.load(self.store.saved_file(saved.FILE_NAME), version) or saved.derive(self.store.load_corpus())
        bm25 = parts.bm25
        originals = parts.original_language
        main_language = max(sorted(Counter(originals.values()).items()), key=lambda item: item[1], default=(None, 0))[0]
        return LoadedIndex(
            version=version,
            passages=parts.passages,
            bm25=bm25,
            vectors=parts.vectors,
            row_languages=parts.row_languages,
            original_language=originals,
            languages=parts.languages,
            vocabulary=Vocabulary(bm25.postings, set(parts.naming), bm25.tag_frequency, bm25.tag_sizes(),
                                  parts.acronyms, parts.cities, parts.name_skeletons,
                                  regions=set().union(*parts.regions.values()) if parts.regions else set()),
            countries=parts.countries,
            naming=parts.naming,
            regions=parts.regions,
            terms=PassageTerms.of(parts.passages, bm25.idf, bm25.postings.__contains__),
            centring=parts.centring,
            main_language=main_language,
            nearest=parts.nearest,
        )


@dataclass
class HybridRetriever:
    """Hybrid search over the passage store: dense + lexical, fused.

    The assistant calls `search` directly; `as_langchain()` is the same search as a LangChain
    `BaseRetriever` (`bot.retrieval.documents`) for chains. Runnables, tracers and LangSmith are thus
    imported only by what uses them, not by every start of the assistant (about half a second).
    """

    store: PassageSource
    embedder: Embeddings
    index: PassageIndex
    k: int = 6
    dense_candidates: int = 60

    def search(self, question: str, language: str | None = None) -> list[ScoredPassage]:
        index = self.index.current()
        language = language or detect_language(question)
        query = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        # A local index searches the vectors it loaded from the saved index (no Chroma); else the store.
        dense_search = index.nearest or (lambda vector, n: self.store.dense_search(vector.tolist(), n))
        nearest = dense_search(query, self.dense_candidates)
        moved = index.centring.toward(query, language, index.main_language)
        if moved is not query:  # the passages written in the documents' main language, found by meaning
            nearest = {**dense_search(moved, self.dense_candidates), **nearest}
        lexical = index.bm25.rank(question, tags={language, "original"})
        strongest = lexical.top(LEXICAL_CANDIDATES)
        # What the question sets aside ("Apart from the Koreans, which delegations…") is not what it looks for.
        asked = without_exclusions(question, language)
        countries = countries_in(asked)
        set_aside = countries_in(question) - countries
        naming = sorted(set().union(*(index.naming.get(c, set()) for c in countries)))
        if len(naming) > NAMING_CANDIDATES:  # a country named everywhere: the other signals pick among them
            naming = []
        regions = regions_in(asked)
        on_regions = sorted(index.on_regions(regions))
        if len(on_regions) > NAMING_CANDIDATES:
            on_regions = []
        candidates = [pid for pid in dict.fromkeys([*nearest, *strongest, *naming, *on_regions])
                      if pid in index.passages]
        if not candidates:
            return []
        dense, closest = index.dense_scores(candidates, query, language)
        lex = np.array([lexical.get(pid, 0.0) for pid in candidates])
        # Word evidence is compared on like texts: a passage with a version in the question's language
        # against the others that have one; a passage without (a French-only file, asked in English)
        # on its original, against every candidate's original.
        in_language = np.array([language in index.row_languages.get(pid, ()) for pid in candidates])
        originals = index.bm25.rank(question, tags={"original"})
        lex_original = np.array([originals.get(pid, 0.0) for pid in candidates])
        meaning = _standardised(dense)
        words = _fair(lex, lex_original, in_language, meaning)
        named = index.country_share(countries, candidates)
        in_region = index.region_share(regions, candidates)
        placed = index.placed_in(regions, candidates)
        fused = (meaning + LEXICAL_WEIGHT * words
                 + COUNTRY_BONUS * (named - index.country_share(set_aside, candidates) * (named == 0))
                 + REGION_BONUS * in_region)
        order = np.argsort(-fused, kind="stable")[: self.k]
        held = index.terms.held_share(question, language, [candidates[i] for i in order])
        key = index.terms.key_term(question, candidates[order[0]])
        return [ScoredPassage(index.passages[candidates[i]], float(fused[i]), float(dense[i]), float(lex[i]),
                              float(closest[i]), float(h), float(named[i]),
                              holds_key=index.terms.holds(key, language, candidates[i]), on_region=float(placed[i]))
                for i, h in zip(order, held)]

    def as_langchain(self):
        """This search as a LangChain `BaseRetriever` (its Documents carry the passage's provenance and scores)."""
        from bot.retrieval.documents import PassageRetriever

        return PassageRetriever(searcher=self)




def _fair(own: np.ndarray, original: np.ndarray, in_language: np.ndarray, meaning: np.ndarray) -> np.ndarray:
    """Standardised word evidence, fair to the passages without a version in the question's language.

    Every passage is scored on `own` (its version in the question's language, or its original), standardised
    over the candidates — over the passages that have that version only, when three or more lack it. A passage without that version (a French-only file asked in Korean)
    cannot show its words, so it gets the largest of that, its original's evidence (`original`: names,
    numbers, standardised over every candidate's original) and an estimate of its missing version's: its
    standardised dense score `meaning` times the correlation, this question, between the word evidence and
    the dense score of the passages that have the version. Otherwise the translated passages' word matches
    alone would outrank it.
    """
    fair = _standardised(own)
    missing = ~in_language
    if not missing.any() or in_language.sum() < 3:
        return fair
    scored, close = fair[in_language], meaning[in_language]
    spread = scored.std() * close.std()
    trend = float(np.mean(scored * close) - scored.mean() * close.mean()) / spread if spread > 1e-9 else 0.0
    fair[missing] = np.maximum.reduce([fair[missing], _standardised(original)[missing],
                                       max(trend, 0.0) * meaning[missing]])
    if missing.sum() >= 3:
        # The translated passages' word evidence is standardised among themselves: over all the candidates,
        # where most cannot match a Korean question's words, the one Korean passage that shares its common
        # words stands several spreads above everything and outranks the untranslated passage answering it.
        fair[in_language] = _standardised(own[in_language])
    return fair


def _standardised(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)
