"""What retrieval derives from the stored corpus, computed once when indexing and saved with the index.

Loading the index used to read every record back from Chroma and run every text through the
lexical tokenizer and the country, region, city, acronym and name finders: 20 s and more at 100k
passages, at every start. `derive` does that work once; `SavedIndex` writes its result into each
new generation of the local index before it is published (the store calls it), as one uncompressed
`.npz` file of flat arrays — each passage as compact JSON (repeated strings stored once) with its
document, subject and language in columns, their vectors grouped by passage, the countries each
names, the language offsets (`centring`), the BM25 postings (see `BM25.arrays`).
A saved file is used only for the content fingerprint, the `FORMAT` and the code (`derived_by`) it was
written for; anything else (an index written before these files or in an earlier format, a server store, an unreadable
file) falls back to deriving at load, and the next `amf-bot index` writes it again.

A load reads the file in place: its arrays are memory-mapped (each checked against its CRC) and a
passage object is built only when a question's candidates or citations ask for it (`SavedPassages`),
so a load at 100,000 passages builds none of them. Loaded from the file, the parts also answer the
dense search themselves (`Nearest`: every vector in one matrix, an exact search), so a local index
answers without Chroma.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mmap
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import orjson

from bot.core.contracts import StoredCorpus
from bot.core.models import Passage, PassageTable, Version
from bot.language.cities import cities_in
from bot.language.regions import regions_in
from bot.language.vocabulary import acronyms_in, countries_in, name_skeletons_in
from bot.retrieval.centring import LanguageCentring
from bot.retrieval.lexical import BM25

log = logging.getLogger(__name__)

FILE_NAME = "retrieval-index.npz"
FORMAT = 2  # 1: every passage in one JSON document, read whole at load


@lru_cache(maxsize=1)
def derived_by() -> str:
    """A digest of the code whose findings are saved — the language data and finders (`bot/language`: countries,
    regions, cities, acronyms, names, their packs), the lexical tokenizer, the language offsets, the text helpers,
    this module — and of the CLDR's version. A file derived by other code (an upgrade that reads one more country
    name, say) is not used: it is derived again at load, and the next `amf-bot index` writes it again, although
    the documents did not change."""
    from importlib.metadata import version

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(version("babel").encode())
    for file in deriving_sources():
        digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def deriving_sources() -> list[Path]:
    """The source files `derived_by` digests."""
    package = Path(__file__).resolve().parents[1]
    return sorted([*package.joinpath("language").rglob("*.py"), package / "retrieval" / "lexical.py",
                   package / "retrieval" / "centring.py", package / "core" / "text.py", Path(__file__).resolve()])
DOCUMENT_COUNTRIES = 2


@dataclass
class IndexParts:
    """The costly part of a loaded index: everything that reads every text."""

    passages: PassageTable
    bm25: BM25
    vectors: Mapping[str, np.ndarray]  # passage id → the vectors of its versions
    row_languages: Mapping[str, list[str]]  # passage id → the language of each of its vectors
    languages: list[str]  # every language of the corpus
    countries: Mapping[str, set[str]]  # passage id → the countries it names
    regions: dict[str, set[str]]  # passage id → the regions whose own word it uses
    original_language: dict[str, str]  # passage id → the language it was written in
    naming: dict[str, set[str]]  # country → the passages naming it
    centring: LanguageCentring  # the offset of each language (see `centring`)
    acronyms: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    name_skeletons: set[str] = field(default_factory=set)
    nearest: "Nearest | None" = None  # the dense search over the saved vectors (None: derived, search the store)


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
    vectors = {pid: corpus.vectors[r] for pid, r in rows.items()}
    row_languages = {pid: [corpus.entries[i].language for i in r] for pid, r in rows.items()}
    countries = countries_of(passages, corpus.entries, [f.countries for f in facts])
    return IndexParts(
        passages=PassageTable(corpus.passages),
        bm25=bm25,
        vectors=vectors,
        row_languages=row_languages,
        languages=sorted({e.language for e in corpus.entries}),
        countries=countries,
        regions={pid: named for pid, named in regions.items() if pid in passages},
        original_language={p.passage_id: p.original.language for p in corpus.passages},
        naming=naming_of(countries),
        centring=LanguageCentring.measure(vectors, row_languages),
        acronyms=set().union(*(f.acronyms for f in facts)),
        cities=set().union(*(f.cities for f in facts)),
        name_skeletons=set().union(*(f.name_skeletons for f in facts)),
    )


def naming_of(countries: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Country → the passages naming it."""
    naming: dict[str, set[str]] = {}
    for pid, named in countries.items():
        for country in named:
            naming.setdefault(country, set()).add(pid)
    return naming


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

    @staticmethod
    def current(path: Path) -> bool:
        """Whether `path` holds a saved index in the format this code reads, derived by this code (else the indexer
        writes it again)."""
        try:
            return _written_by_this_code(_Archive(path))
        except _UNREADABLE:
            return False


# --- the file ----------------------------------------------------------------------------------------


ALIGNMENT = 64  # every array starts on a multiple of it in the file, to be memory-mapped in place


def save(parts: IndexParts, version: str, path: Path) -> None:
    strings: dict[str, int] = {}

    def ref(value: str) -> int:
        return strings.setdefault(value, len(strings))

    def version_row(v: Version) -> list:
        return [ref(v.language), v.text, ref(v.source_file), v.start, v.end, ref(v.title), ref(v.notice),
                v.is_original, ref(v.context), v.page, ref(v.heading), v.machine]

    passages = list(parts.passages.values())
    ids = [p.passage_id for p in passages]
    rows = [orjson.dumps([ref(p.doc_id), ref(p.source), p.paragraph, version_row(p.original),
                          [version_row(v) for v in p.translations.values()]]) for p in passages]
    documents, subjects = [ref(p.doc_id) for p in passages], [ref(p.subject) for p in passages]
    originals = [ref(p.original.language) for p in passages]
    languages = parts.languages
    counts = [len(parts.vectors[pid]) if pid in parts.vectors else 0 for pid in ids]
    dimension = next((len(v[0]) for v in parts.vectors.values() if len(v)), 0)
    countries = sorted(set().union(*parts.countries.values())) if parts.countries else []
    code = {country: i for i, country in enumerate(countries)}
    named = [sorted(parts.countries.get(pid, ())) for pid in ids]
    shifts = parts.centring.shifts
    meta = {
        "version": version, "ids": ids, "strings": list(strings), "languages": languages, "countries": countries,
        "regions": {pid: sorted(r) for pid, r in parts.regions.items() if r}, "centring": list(shifts),
        "acronyms": sorted(parts.acronyms), "cities": sorted(parts.cities), "name_skeletons": sorted(parts.name_skeletons),
    }
    with_rows = [pid for pid, n in zip(ids, counts) if n]
    _write(path, {
        "format": np.array([FORMAT], dtype=np.int64),
        "derived_by": np.frombuffer(derived_by().encode(), dtype=np.uint8),
        "meta": np.frombuffer(orjson.dumps(meta), dtype=np.uint8),
        "passages": np.frombuffer(b"".join(rows), dtype=np.uint8),
        "passage_offsets": np.cumsum([0, *map(len, rows)], dtype=np.int64),
        "passage_documents": np.array(documents, dtype=np.int32),
        "passage_subjects": np.array(subjects, dtype=np.int32),
        "passage_languages": np.array(originals, dtype=np.int32),
        "passage_translations": np.array([len(p.translations) for p in passages], dtype=np.int16),
        "country_offsets": np.cumsum([0, *map(len, named)], dtype=np.int64),
        "country_codes": np.array([code[c] for found in named for c in found], dtype=np.int32),
        "vectors": (np.concatenate([parts.vectors[pid] for pid in with_rows]).astype(np.float32) if with_rows
                    else np.zeros((0, dimension), dtype=np.float32)),
        "row_counts": np.array(counts, dtype=np.int32),
        "row_languages": np.array([languages.index(lang) for pid in with_rows for lang in parts.row_languages[pid]],
                                  dtype=np.int16),
        "centring": (np.stack(list(shifts.values())).astype(np.float32) if shifts
                     else np.zeros((0, dimension), dtype=np.float32)),
        **{f"bm25_{key}": value for key, value in parts.bm25.arrays().items()},
    })


def _write(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An uncompressed .npz (`np.load` reads it) whose arrays each start on a multiple of `ALIGNMENT` bytes of
    the file: an unused ZIP extra field pads each member's header (as Android's zipalign does)."""
    with open(path, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            array = np.ascontiguousarray(array)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            zip64 = array.nbytes > 1 << 30  # then zipfile adds its 20-byte ZIP64 field to the header
            header = 30 + len(info.filename.encode("utf-8")) + 4 + (20 if zip64 else 0)
            padding = -(out.tell() + header) % ALIGNMENT  # the .npy header is itself a multiple of 64 bytes
            info.extra = struct.pack("<HH", 0xD935, padding) + bytes(padding)
            with archive.open(info, "w", force_zip64=zip64) as member:
                np.lib.format.write_array(member, array, allow_pickle=False)


def _written_by_this_code(stored: "_Archive") -> bool:
    """The file is in this `FORMAT` (format 1 had its format inside its one JSON document) and was derived by this
    code (`derived_by`)."""
    return ("format" in stored and int(stored["format"][0]) == FORMAT
            and "derived_by" in stored and stored["derived_by"].tobytes().decode() == derived_by())


def load(path: Path | None, version: str | None) -> IndexParts | None:
    """The parts saved in `path` if they were written for `version` in this `FORMAT`; None otherwise (derive
    them then)."""
    if path is None or not version or not path.is_file():
        return None
    try:
        stored = _Archive(path)
        if not _written_by_this_code(stored):
            log.info("the saved retrieval index %s is in another format or was derived by other code: deriving it "
                     "from the store", path)
            return None
        meta = orjson.loads(stored["meta"].tobytes())
        if meta.get("version") != version:
            return None
        return _parts(meta, stored)
    except _UNREADABLE as exc:
        log.warning("the saved retrieval index %s is unreadable (%s): deriving it from the store", path, exc)
        return None


_UNREADABLE = (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, struct.error, zipfile.BadZipFile,
               orjson.JSONDecodeError)


def _parts(meta: dict, stored: "_Archive") -> IndexParts:
    ids, strings, languages = meta["ids"], meta["strings"], meta["languages"]
    position = dict(zip(ids, range(len(ids))))
    passages = SavedPassages(ids, position, strings, stored["passages"], stored["passage_offsets"],
                             stored["passage_documents"], stored["passage_subjects"], stored["passage_translations"])
    counts = stored["row_counts"]
    ends = np.cumsum(counts, dtype=np.int64)
    starts, ends = (ends - counts).tolist(), ends.tolist()
    all_vectors, codes = stored["vectors"], stored["row_languages"]
    with_rows = ids if counts.all() else [pid for pid, n in zip(ids, counts.tolist()) if n]
    shared: dict[tuple[int, ...], list[str]] = {}  # most passages have the same versions: one list for them

    def row_languages(i: int) -> list[str]:
        key = tuple(codes[starts[i]:ends[i]].tolist())
        return shared.get(key) or shared.setdefault(key, [languages[c] for c in key])

    names = meta["countries"]
    offsets, country_codes = stored["country_offsets"], stored["country_codes"]
    bounds = offsets.tolist()
    none: frozenset[str] = frozenset()  # read-only after a load: one empty set for every passage naming nothing

    def countries(i: int) -> set[str] | frozenset[str]:
        start, end = bounds[i], bounds[i + 1]
        return {names[c] for c in country_codes[start:end].tolist()} if end > start else none

    regions = dict.fromkeys(ids, none)
    regions.update((pid, set(r)) for pid, r in meta["regions"].items())
    return IndexParts(
        passages=passages,
        bm25=BM25.from_arrays({key[5:]: stored[key] for key in stored.members if key.startswith("bm25_")}),
        vectors=_PerPassage(position, with_rows, lambda i: all_vectors[starts[i]:ends[i]]),
        row_languages=_PerPassage(position, with_rows, row_languages),
        languages=languages,
        countries=_PerPassage(position, ids, countries),
        regions=regions,
        original_language=dict(zip(ids, map(strings.__getitem__, stored["passage_languages"].tolist()))),
        naming=_naming(ids, names, offsets, country_codes),
        centring=LanguageCentring(dict(zip(meta["centring"], stored["centring"]))),
        acronyms=set(meta["acronyms"]), cities=set(meta["cities"]), name_skeletons=set(meta["name_skeletons"]),
        nearest=Nearest(all_vectors, ids, np.repeat(np.arange(len(ids), dtype=np.int32), counts)),
    )


def _naming(ids: list[str], names: list[str], offsets: np.ndarray, codes: np.ndarray) -> dict[str, set[str]]:
    """Country → the passages naming it, from each passage's country codes (`naming_of` without a set per passage)."""
    owners = np.repeat(np.arange(len(ids)), np.diff(offsets))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1)).tolist()
    owner = owners[order].tolist()
    return {name: {ids[i] for i in owner[bounds[c]:bounds[c + 1]]} for c, name in enumerate(names)
            if bounds[c + 1] > bounds[c]}


class SavedPassages(PassageTable):
    """The passages of a saved index, each built from its saved row when first asked for (and kept)."""

    def __init__(self, ids: list[str], position: dict[str, int], strings: list[str], rows: np.ndarray,
                 offsets: np.ndarray, documents: np.ndarray, subjects: np.ndarray, translations: np.ndarray):
        super().__init__()
        self.ids, self.position, self.strings = ids, position, strings
        self.rows, self.offsets = rows, offsets.tolist()  # each passage's JSON row, one after the other
        self.documents, self.subject_refs, self.translation_counts = documents, subjects, translations
        self.built: dict[str, Passage] = {}

    def __getitem__(self, passage_id: str) -> Passage:
        passage = self.built.get(passage_id)
        if passage is None:  # built twice at worst by questions answered at once: equal passages
            passage = self.built.setdefault(passage_id, self._read(self.position[passage_id]))
        return passage

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self.position

    def document(self, passage_id: str) -> str:
        return self.strings[self.documents[self.position[passage_id]]]

    def subjects(self, doc_id: str) -> set[str]:
        if self._subjects is None:
            pairs = np.unique((self.documents.astype(np.int64) << 32) | self.subject_refs.astype(np.int64))
            grouped: dict[str, set[str]] = {}
            for pair in pairs.tolist():
                grouped.setdefault(self.strings[pair >> 32], set()).add(self.strings[pair & 0xFFFFFFFF])
            self._subjects = grouped
        return self._subjects.get(doc_id, set())

    def translated(self) -> Iterator[Passage]:
        return (self[self.ids[i]] for i in np.flatnonzero(self.translation_counts).tolist())

    def _read(self, i: int) -> Passage:
        strings = self.strings

        def version_of(row: list) -> Version:
            language, text, source_file, start, end, title, notice, is_original, context, page, heading, machine = row
            return Version(strings[language], text, strings[source_file], start, end, strings[title], strings[notice],
                           is_original, strings[context], page, strings[heading], machine)

        doc_id, source, paragraph, original, translations = orjson.loads(
            self.rows[self.offsets[i]:self.offsets[i + 1]].tobytes())
        versions = [version_of(row) for row in translations]
        return Passage(self.ids[i], strings[doc_id], strings[source], paragraph, version_of(original),
                       {v.language: v for v in versions})


class _PerPassage(Mapping):
    """Passage id → a value read from the saved arrays each time it is asked for; `order`: the passages that
    have one, in index order."""

    def __init__(self, position: dict[str, int], order: list[str], read: Callable[[int], object]):
        self.position, self.order, self.read = position, order, read
        self.members = position if len(order) == len(position) else set(order)

    def __getitem__(self, passage_id: str):
        if passage_id not in self.members:
            raise KeyError(passage_id)
        return self.read(self.position[passage_id])

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self.members

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)


class _Archive:
    """An uncompressed .npz read in place: each array memory-mapped (read-only), checked against its CRC."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as archive:
            self.members = {info.filename.removesuffix(".npy"): info for info in archive.infolist()}
        with open(path, "rb") as file:
            self.view = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))

    def __contains__(self, name: str) -> bool:
        return name in self.members

    def __getitem__(self, name: str) -> np.ndarray:
        info = self.members[name]
        if info.compress_type != zipfile.ZIP_STORED:
            raise ValueError(f"{info.filename} is compressed")
        signature, *_, name_length, extra_length = struct.unpack(
            "<4s2B4HL2L2H", self.view[info.header_offset:info.header_offset + 30])
        if signature != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"no header for {info.filename}")
        start = info.header_offset + 30 + name_length + extra_length
        data = self.view[start:start + info.file_size]
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            raise zipfile.BadZipFile(f"bad CRC-32 for {info.filename}")
        return _array(data)


def _array(data: memoryview) -> np.ndarray:
    """The .npy array in `data`, on the same memory (copied only if its start is not aligned for its type)."""
    head = io.BytesIO(data[:(1 << 16) + 16].tobytes())
    version = np.lib.format.read_magic(head)
    read_header = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}[version]
    shape, fortran, dtype = read_header(head)
    if dtype.hasobject:
        raise ValueError("an array of Python objects")
    count = int(np.prod(shape, dtype=np.int64))
    if count * dtype.itemsize != len(data) - head.tell():
        raise ValueError("an array of the wrong size")
    array = np.frombuffer(data, dtype=dtype, count=count, offset=head.tell()) if count else np.zeros(0, dtype)
    array = array.reshape(shape[::-1]).T if fortran else array.reshape(shape)
    return array if array.flags.aligned else array.copy()


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
