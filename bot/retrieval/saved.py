"""What retrieval derives from the stored corpus, computed once when indexing and saved with the index.

Loading the index used to read every record back from Chroma and run every text through the
lexical tokenizer and the country, region, city, acronym and name finders: 20 s and more at 100k
passages, at every start. `derive` does that work once; `SavedIndex` writes its result into each
new generation of the local index before it is published (the store calls it), as one `.npz` file
of flat arrays — the passages as compact JSON (repeated strings stored once), their vectors
grouped by passage, the BM25 postings (see `BM25.arrays`) — read back with `allow_pickle=False`.
A saved file is used only for the content fingerprint it was written for; anything else (an index
written before these files, a server store, an unreadable file) falls back to deriving at load.
Loaded from the file, the parts also answer the dense search themselves (`Nearest`: every vector in
one matrix, an exact search), so a local index answers without Chroma.
"""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson

from bot.core.contracts import StoredCorpus
from bot.core.models import Passage, Version
from bot.language.cities import cities_in
from bot.language.regions import regions_in
from bot.language.vocabulary import acronyms_in, countries_in, name_skeletons_in
from bot.retrieval.lexical import BM25

log = logging.getLogger(__name__)

FILE_NAME = "retrieval-index.npz"
FORMAT = 1
DOCUMENT_COUNTRIES = 2


@dataclass
class IndexParts:
    """The costly part of a loaded index: everything that reads every text."""

    passages: list[Passage]
    bm25: BM25
    vectors: dict[str, np.ndarray]  # passage id → the vectors of its versions
    row_languages: dict[str, list[str]]  # passage id → the language of each of its vectors
    languages: list[str]  # every language of the corpus
    countries: dict[str, set[str]]  # passage id → the countries it names
    regions: dict[str, set[str]]  # passage id → the regions whose own word it uses
    acronyms: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    name_skeletons: set[str] = field(default_factory=set)
    nearest: "Nearest | None" = None  # the dense search over the saved vectors (None: derived, search the store)

    @property
    def original_language(self) -> dict[str, str]:
        return {p.passage_id: p.original.language for p in self.passages}


@dataclass(frozen=True)
class TextFacts:
    """What the language finders read in one stored text."""

    regions: set[str]
    countries: set[str]
    acronyms: set[str]
    cities: set[str]
    name_skeletons: set[str]

    @classmethod
    def of(cls, text: str) -> "TextFacts":
        return cls(regions_in(text, most_specific=False), countries_in(text), acronyms_in(text), cities_in(text),
                   name_skeletons_in(text))


def entry_text(context: str, text: str) -> str:
    """A stored version's text as retrieval reads it (`StoredEntry.text`): led by its list context."""
    return f"{context}\n{text}"


def derive(corpus: StoredCorpus, known: dict[str, TextFacts] | None = None) -> IndexParts:
    """Every text of the corpus read once: BM25, countries, regions, cities, acronyms, name skeletons (the
    finders' results for a text in `known` are taken from there)."""
    known = known or {}
    facts = [known.get(e.text) or TextFacts.of(e.text) for e in corpus.entries]
    passages = {p.passage_id: p for p in corpus.passages}
    rows: dict[str, list[int]] = {}
    for i, entry in enumerate(corpus.entries):
        if entry.passage_id in passages:
            rows.setdefault(entry.passage_id, []).append(i)
    bm25 = BM25([(e.passage_id, e.text) for e in corpus.entries],
                tags=["original" if e.is_original else e.language for e in corpus.entries])
    regions: dict[str, set[str]] = {pid: set() for pid in passages}
    for entry, found in zip(corpus.entries, facts):
        regions.setdefault(entry.passage_id, set()).update(found.regions)
    return IndexParts(
        passages=list(corpus.passages),
        bm25=bm25,
        vectors={pid: corpus.vectors[r] for pid, r in rows.items()},
        row_languages={pid: [corpus.entries[i].language for i in r] for pid, r in rows.items()},
        languages=sorted({e.language for e in corpus.entries}),
        countries=countries_of(passages, corpus.entries, [f.countries for f in facts]),
        regions={pid: named for pid, named in regions.items() if pid in passages},
        acronyms=set().union(*(f.acronyms for f in facts)),
        cities=set().union(*(f.cities for f in facts)),
        name_skeletons=set().union(*(f.name_skeletons for f in facts)),
    )


def countries_of(passages: dict[str, Passage], entries, named_in: list[set[str]] | None = None) -> dict[str, set[str]]:
    """Passage → the countries it names. A document on one country (its title or source names it, or
    its passages name no more than `DOCUMENT_COUNTRIES`) is on it in every passage, even one that
    does not repeat the name ("Ce programme finance des stages à Dakar…"). `named_in`: the countries
    each entry names, if already found."""
    countries: dict[str, set[str]] = {pid: set() for pid in passages}
    for i, entry in enumerate(entries):
        if entry.passage_id in countries:
            countries[entry.passage_id].update(named_in[i] if named_in is not None else countries_in(entry.text))
    by_document: dict[str, set[str]] = {}
    for pid, p in passages.items():
        by_document.setdefault(p.doc_id, set()).update(countries[pid])
    titled = {p.doc_id: countries_in(" ".join([p.source, *(v.title for v in p.versions)])) for p in passages.values()}
    for pid, p in passages.items():
        named = by_document[p.doc_id]
        countries[pid] |= titled[p.doc_id] | (named if len(named) <= DOCUMENT_COUNTRIES else set())
    return countries


class SavedIndex:
    """The file written into each new generation of the local index (see `PassageStore.sync`).

    `prepare(passages)`, called while the passages are being embedded, reads their texts in a background
    thread (the embedding model computes outside the interpreter lock, so a core has room): `write` then
    finds them read, and only BM25 and the vectors are left to it.
    """

    name = FILE_NAME

    def __init__(self):
        self.facts: dict[str, TextFacts] = {}  # stored text → what the finders read in it (`prepare`)
        self._reading: threading.Thread | None = None

    def prepare(self, passages: list[Passage]) -> None:
        if self._reading is not None:  # already read (a sync that starts again from scratch)
            return
        texts = list(dict.fromkeys(entry_text(v.context, v.text) for p in passages for v in p.versions))

        def read() -> None:
            for text in texts:
                self.facts[text] = TextFacts.of(text)

        self._reading = threading.Thread(target=read, name="saved-index-texts", daemon=True)
        self._reading.start()

    def write(self, corpus: StoredCorpus, version: str, path: Path) -> None:
        if self._reading is not None:
            self._reading.join()
        save(derive(corpus, self.facts), version, path)


# --- the file ----------------------------------------------------------------------------------------


def save(parts: IndexParts, version: str, path: Path) -> None:
    strings: dict[str, int] = {}

    def ref(value: str) -> int:
        return strings.setdefault(value, len(strings))

    def version_row(v: Version) -> list:
        return [ref(v.language), v.text, ref(v.source_file), v.start, v.end, ref(v.title), ref(v.notice),
                v.is_original, ref(v.context), v.page, ref(v.heading), v.machine]

    passages = [[p.passage_id, ref(p.doc_id), ref(p.source), p.paragraph, version_row(p.original),
                 [version_row(v) for v in p.translations.values()]] for p in parts.passages]
    languages = parts.languages
    with_rows = [p.passage_id for p in parts.passages if p.passage_id in parts.vectors]
    dimension = next((len(v[0]) for v in parts.vectors.values() if len(v)), 0)
    meta = {
        "format": FORMAT, "version": version, "strings": list(strings), "passages": passages,
        "languages": languages, "with_rows": with_rows,
        "countries": {pid: sorted(c) for pid, c in parts.countries.items() if c},
        "regions": {pid: sorted(r) for pid, r in parts.regions.items() if r},
        "acronyms": sorted(parts.acronyms), "cities": sorted(parts.cities), "name_skeletons": sorted(parts.name_skeletons),
    }
    arrays = {f"bm25_{key}": value for key, value in parts.bm25.arrays().items()}
    with open(path, "wb") as out:
        np.savez(
            out,
            meta=np.frombuffer(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), dtype=np.uint8),
            vectors=(np.concatenate([parts.vectors[pid] for pid in with_rows]).astype(np.float32) if with_rows
                     else np.zeros((0, dimension), dtype=np.float32)),
            row_counts=np.array([len(parts.vectors[pid]) for pid in with_rows], dtype=np.int32),
            row_languages=np.array([languages.index(lang) for pid in with_rows for lang in parts.row_languages[pid]],
                                   dtype=np.int16),
            **arrays,
        )


def load(path: Path | None, version: str | None) -> IndexParts | None:
    """The parts saved in `path` if they were written for `version`; None otherwise (derive them then)."""
    if path is None or not version or not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = orjson.loads(stored["meta"].tobytes())  # 100k passages: 2–3 times faster than json
            if meta.get("format") != FORMAT or meta.get("version") != version:
                return None
            return _parts(meta, {key: stored[key] for key in stored.files if key != "meta"})
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, zipfile.BadZipFile, orjson.JSONDecodeError) as exc:
        log.warning("the saved retrieval index %s is unreadable (%s): deriving it from the store", path, exc)
        return None


def _parts(meta: dict, arrays: dict[str, np.ndarray]) -> IndexParts:
    strings, languages = meta["strings"], meta["languages"]

    def version_of(row: list) -> Version:
        language, text, source_file, start, end, title, notice, is_original, context, page, heading, machine = row
        return Version(strings[language], text, strings[source_file], start, end, strings[title], strings[notice],
                       is_original, strings[context], page, strings[heading], machine)

    passages = []
    for pid, doc_id, source, paragraph, original, translations in meta["passages"]:
        versions = [version_of(row) for row in translations]
        passages.append(Passage(pid, strings[doc_id], strings[source], paragraph, version_of(original),
                                {v.language: v for v in versions}))
    vectors, row_languages = {}, {}
    counts = arrays["row_counts"]
    ends = np.cumsum(counts).tolist()
    codes = arrays["row_languages"].tolist()
    shared: dict[tuple[int, ...], list[str]] = {}  # most passages have the same versions: one list for them
    start = 0
    all_vectors = arrays["vectors"]
    for pid, end in zip(meta["with_rows"], ends):
        vectors[pid] = all_vectors[start:end]
        key = tuple(codes[start:end])
        row_languages[pid] = shared.get(key) or shared.setdefault(key, [languages[c] for c in key])
        start = end
    ids = [p.passage_id for p in passages]
    none: frozenset[str] = frozenset()  # read-only after a load: one empty set for every passage naming nothing
    countries = dict.fromkeys(ids, none)
    countries.update((pid, set(c)) for pid, c in meta["countries"].items())
    regions = dict.fromkeys(ids, none)
    regions.update((pid, set(r)) for pid, r in meta["regions"].items())
    return IndexParts(
        passages=passages,
        bm25=BM25.from_arrays({key[5:]: value for key, value in arrays.items() if key.startswith("bm25_")}),
        vectors=vectors, row_languages=row_languages, languages=languages, countries=countries, regions=regions,
        acronyms=set(meta["acronyms"]), cities=set(meta["cities"]), name_skeletons=set(meta["name_skeletons"]),
        nearest=Nearest(all_vectors, meta["with_rows"], np.repeat(np.arange(len(counts), dtype=np.int32), counts)),
    )


class Nearest:
    """The dense search over every stored vector at once (the rows are L2-normalised, as stored): exact, where
    Chroma's HNSW graph is approximate; ~20 ms for 100,000 rows of 384 dimensions."""

    def __init__(self, matrix: np.ndarray, owners: list[str], row_owner: np.ndarray):
        self.matrix = matrix  # one row per passage version
        self.owners = owners  # passage ids
        self.row_owner = row_owner  # row → its passage, as an index into `owners`

    def __call__(self, vector: np.ndarray, n: int) -> dict[str, float]:
        """Best cosine similarity per passage id among the `n` nearest rows, nearest first (as the store's
        `dense_search` gives it)."""
        if not len(self.matrix):
            return {}
        query = np.asarray(vector, dtype=np.float32)
        similarity = self.matrix @ (query / (np.linalg.norm(query) or 1.0))
        n = max(1, min(n, len(similarity)))
        top = np.argpartition(-similarity, n - 1)[:n] if n < len(similarity) else np.arange(len(similarity))
        best: dict[str, float] = {}
        for row in top[np.argsort(-similarity[top], kind="stable")].tolist():
            pid = self.owners[self.row_owner[row]]
            best[pid] = max(best.get(pid, -1.0), float(similarity[row]))
        return best
