"""Store stage: the Chroma collection of passage versions, kept in sync with the knowledge folder.

One Chroma record per passage and language (the original and each aligned translation), so a
question in any language meets a text in its own language. Record ids are deterministic
(`<passage id>@<language>`) and each record carries a content hash: syncing embeds only what
is new or changed and deletes what disappeared.
"""

from __future__ import annotations

import atexit
import errno
import hashlib
import json
import logging
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from langchain_core.embeddings import Embeddings

from bot.core.contracts import DerivedFile, StoredCorpus, StoredEntry
from bot.core.settings import Settings
from bot.core.errors import ConfigurationError, IndexNotReadyError, IndexReadOnlyError
from bot.core.models import Passage, Version
from bot.store.generations import Generations, copy_generation, damage, exclusive, stamp, stamped

if TYPE_CHECKING:
    import numpy as np

_server_clients: dict[tuple, object] = {}
log = logging.getLogger(__name__)


@dataclass
class SyncSummary:
    documents: int = 0
    passages: int = 0
    languages: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the operator should know (a damaged index set aside)
    documents_changed: dict[str, str] = field(default_factory=dict)  # doc id → "added", "updated" or "removed"

    def line(self) -> str:
        return (f"{self.documents} document(s), {self.passages} passages in {self.languages} language(s) "
                f"({self.added + self.updated + self.unchanged} entries): {self.added} added, {self.updated} updated, "
                f"{self.removed} removed, {self.unchanged} unchanged in {self.seconds:.1f} s")


@dataclass(frozen=True)
class Record:
    """One stored entry: a passage version, the text to embed, and its flat metadata."""

    id: str
    document: str
    embed_text: str
    metadata: dict = field(hash=False)


def records_for(passages: Iterable[Passage], embedder_name: str) -> list[Record]:
    records = []
    for passage in passages:
        for version in passage.versions:
            metadata = _metadata(passage, version)
            embed_text = f"{version.context}\n{version.text}" if version.context else version.text
            metadata["embed_hash"] = _digest([embedder_name, embed_text])
            metadata["content_hash"] = _digest([embedder_name, embed_text, version.text, metadata])
            records.append(Record(f"{passage.passage_id}@{version.language}", version.text, embed_text, metadata))
    return records


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _metadata(passage: Passage, version: Version) -> dict:
    return {
        "passage_id": passage.passage_id,
        "doc_id": passage.doc_id,
        "source": passage.source,
        "paragraph": passage.paragraph,
        "lang": version.language,
        "original_lang": passage.original.language,
        "is_original": version.is_original,
        "source_file": version.source_file,
        "start": version.start,
        "end": version.end,
        "title": version.title,
        "notice": version.notice,
        "context": version.context,
        # Only when present (Chroma stores no None), so records of documents without pages or headings are unchanged.
        **({"page": version.page} if version.page else {}),
        **({"heading": version.heading} if version.heading else {}),
        **({"machine": True} if version.machine else {}),
    }


def passages_from_records(ids: list[str], documents: list[str], metadatas: list[dict]) -> list[Passage]:
    """Rebuild passages (original + translations) from stored records: the store is the truth."""
    grouped: dict[str, dict[str, tuple[str, dict]]] = {}
    for text, meta in zip(documents, metadatas):
        grouped.setdefault(meta["passage_id"], {})[meta["lang"]] = (text, meta)
    passages = []
    for passage_id in sorted(grouped):
        versions = {lang: _version(text, meta) for lang, (text, meta) in grouped[passage_id].items()}
        original = next((v for v in versions.values() if v.is_original), None)
        if original is None:
            continue
        meta = grouped[passage_id][original.language][1]
        passages.append(Passage(
            passage_id=passage_id,
            doc_id=meta["doc_id"],
            source=meta["source"],
            paragraph=int(meta["paragraph"]),
            original=original,
            translations={lang: v for lang, v in versions.items() if not v.is_original},
        ))
    return passages


def _version(text: str, meta: dict) -> Version:
    return Version(
        language=meta["lang"], text=text, source_file=meta["source_file"], start=int(meta["start"]),
        end=int(meta["end"]), title=meta["title"], notice=meta.get("notice", ""),
        is_original=bool(meta["is_original"]), context=meta.get("context", ""),
        page=int(meta["page"]) if meta.get("page") else None, heading=meta.get("heading", ""),
        machine=bool(meta.get("machine", False)),
    )


class PassageStore:
    """The Chroma collection behind the assistant: a local index folder, or a Chroma server.

    Locally, the store reads the generation the index's pointer names (see `generations`) and moves
    to a newer one when the pointer moves; `sync` builds a new generation and publishes it. A
    generation stamped with its version (every one `sync` writes) is followed without opening Chroma:
    its version and derived files are read from the folder, and a Chroma client is opened on it only
    when its records are asked for (`collection`), so a reader of the saved files never imports chromadb.
    """

    def __init__(self, settings: Settings, embedder: Embeddings):
        self.settings = settings
        self.embedder = embedder
        self.local = settings.store == "local"
        self._client = None if self.local else _server_client(settings)
        self._folder: Path | None = None  # local: the generation read (its Chroma client opened on first use)
        self._retired = None  # local: the previous generation's client, closed at the next move
        self._pinned = False  # local: reading a generation about to be published
        self._copies: dict[int, Path] = {}  # local: a reader client's private copy of its generation
        self._collection = None
        self._known_version: tuple[Path, str] | None = None  # local: (generation, its version)

    @property
    def client(self):
        if self._client is None:
            self._follow()
        if self._client is None:  # a stamped generation followed so far from its files alone
            folder = self._folder
            with self._reading(folder):
                client = self._open_reader(folder)
            if self._folder == folder and self._client is None:
                self._client = client
            else:  # another thread got there first, or moved on
                client.close()
                shutil.rmtree(self._copies.pop(id(client)), ignore_errors=True)
        return self._client

    @property
    def embedder_name(self) -> str:
        return getattr(self.embedder, "name", type(self.embedder).__name__)

    def collection(self):
        collection = self._collection  # read once: a search in another thread may reset it (`version`)
        if collection is None:
            from chromadb.errors import NotFoundError

            with self._reading():
                try:
                    collection = self.client.get_collection(self.settings.collection,
                                                            embedding_function=_ChromaAdapter(self.embedder))
                except (NotFoundError, ValueError):
                    raise IndexNotReadyError(f"no index found ({self.location}): run `amf-bot index` first") from None
            self._collection = collection
        return collection

    def prepare(self) -> None:
        """Import Chroma now (about a second of CPU), e.g. while the embedding model loads."""
        if self.local:
            _registered()

    @property
    def location(self) -> str:
        s = self.settings
        return str(self._folder or s.index_dir) if self.local else f"Chroma server {s.chroma_host}:{s.chroma_port}"

    def version(self) -> str:
        """A fingerprint of the stored contents, changed by every sync that changes anything.

        Read afresh each time on a server: a cached Collection keeps the metadata it was fetched with,
        so another process's re-index would go unseen. Locally the pointer may name a newer generation,
        but a generation never changes once built (a reader works on its own copy, the indexer reads its
        new one once built): its version is its stamp, else read once from Chroma (the indexer's
        calibration asks it for every probe).
        """
        folder = None
        if self.local:
            self._follow()
            folder, known = self._folder, self._known_version
            if known is not None and known[0] == folder:
                return known[1]
        self._collection = None
        version = (self.collection().metadata or {}).get("version", "")
        if folder is not None and folder == self._folder:
            self._known_version = (folder, version)
        return version

    @property
    def generation(self) -> Path | None:
        """The local generation folder open now (None on a server, or before the first read)."""
        return self._folder if self.local else None

    def saved_file(self, name: str) -> Path | None:
        """The file `name` saved with the generation being read (see `sync`'s `derived`); None on a server."""
        if not self.local:
            return None
        if self._folder is None:
            self._follow()  # the published generation, if none is read yet
        path = self._folder / name if self._folder is not None else None
        return path if path is not None and path.is_file() else None

    def sync(self, passages: list[Passage], documents: int,
             progress: Callable[[int, int], None] | None = None,
             derived: tuple[DerivedFile, ...] = (),
             before_publish: Callable[[Path], None] | None = None) -> SyncSummary:
        """Bring the stored records in line with `passages`; one indexer at a time (a lock on index_dir).
        `progress(done, total)` follows the embedding (called with 0 as it starts).

        Locally, each of `derived` is computed from the new generation's corpus and written into it
        before it is published (an unchanged index lacking one is published again with it), then
        `before_publish(folder)` runs with the store reading the new, verified generation (to store
        what belongs with it, e.g. its calibration).
        """
        started = time.perf_counter()
        try:
            with exclusive(self.settings.index_dir, self.settings.index_lock_wait_s):
                if self.local:
                    summary = self._sync_generation(passages, documents, progress, derived, before_publish)
                else:
                    summary = self._sync_into(self.client, passages, documents, progress)
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise
            raise IndexReadOnlyError(f"cannot write to the index folder {self.settings.index_dir} "
                                     f"({exc.strerror or exc}): it is read-only for this user. The published index "
                                     "keeps serving; run `amf-bot index` as a user who may write there") from None
        summary.seconds = time.perf_counter() - started
        return summary

    def _sync_generation(self, passages: list[Passage], documents: int,
                         progress: Callable[[int, int], None] | None, derived: tuple[DerivedFile, ...] = (),
                         before_publish: Callable[[Path], None] | None = None) -> SyncSummary:
        """Sync a copy of the serving generation; publish it once verified (only if anything changed)."""
        import chromadb.errors

        generations = Generations(self.settings.index_dir)
        generations.prune()  # a killed run's half-built folder
        source = generations.published()
        notes = []
        previous = source
        if source is not None and (problem := damage(source)):
            aside = generations.set_aside(source)
            notes.append(f"the index in {source} was damaged ({problem}): rebuilt from the knowledge folder; "
                         f"the damaged copy is kept in {aside} (delete it once you no longer need it)")
            source, previous = None, generations.replaced()
        if source is not None and source != generations.root and (same := self._up_to_date(source, passages, derived)):
            return SyncSummary(documents=documents, passages=len(passages), languages=same[0], unchanged=same[1])
        for seeded in ([True, False] if source is not None else [False]):
            target = generations.fresh()
            try:
                client, summary = self._build(target, source if seeded else None, passages, documents, progress,
                                              derived)
                break
            except BaseException as exc:
                if not (isinstance(exc, (chromadb.errors.ChromaError, sqlite3.DatabaseError, _Unsound)) or is_panic(exc)):
                    raise
                if not seeded:
                    raise IndexNotReadyError(f"the new index failed its check ({exc}); "
                                             f"the previous one keeps answering") from exc
                notes.append(f"the copy of {source} could not be updated ({exc}): rebuilt from the knowledge folder")
        unchanged = seeded and not (summary.added or summary.updated or summary.removed)
        if unchanged and source != generations.root and _complete(source, derived):
            client.close()
            shutil.rmtree(target, ignore_errors=True)
        else:
            self._move_to(target, client)
            self._pinned = True  # read the new generation, not the one the pointer still names
            try:
                if before_publish is not None:
                    before_publish(target)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            finally:
                self._pinned = False
                # Chroma writes its files out on close: done before publishing, never after. Later
                # reads follow the pointer and open a private copy, like any reader.
                client.close()
                self._client, self._folder, self._collection, self._known_version = None, None, None, None
            generations.publish(target, previous=previous)
            generations.prune()
        summary.notes = notes
        return summary

    def _up_to_date(self, source: Path, passages: list[Passage],
                    derived: tuple[DerivedFile, ...]) -> tuple[int, int] | None:
        """(languages, records) when the serving generation already holds exactly these records, embedded by
        this embedder, with every derived file and its stamp: then nothing is copied, re-read or verified."""
        if not _complete(source, derived):
            return None
        records = records_for(passages, self.embedder_name)
        try:
            self._follow()
            self._collection = None  # a cached collection keeps the metadata it was fetched with
            metadata = (self.collection().metadata or {}) if self._folder == source else {}
        except IndexNotReadyError:
            return None
        fingerprint = _digest(sorted((r.id, r.metadata["content_hash"]) for r in records))[:16]
        if not records or metadata.get("embedder") != self.embedder_name or metadata.get("version") != fingerprint:
            return None
        return len({r.metadata["lang"] for r in records}), len(records)

    def _build(self, target: Path, source: Path | None, passages: list[Passage], documents: int,
               progress: Callable[[int, int], None] | None, derived: tuple[DerivedFile, ...] = ()):
        """Fill the new generation `target` (from a copy of `source` if given); its client once verified."""
        client = None
        try:
            if source is not None:
                copy_generation(source, target)
            client = _open_local(target)
            summary = self._sync_into(client, passages, documents, progress)
            client.close()  # writes the vector index out: the check below reads what a reader will
            client = _open_local(target)
            collection = client.get_collection(self.settings.collection, embedding_function=_ChromaAdapter(self.embedder))
            _verify(collection, summary.added + summary.updated + summary.unchanged)
            changed = summary.added or summary.updated or summary.removed or source is None
            wanted = [d for d in derived if changed or not d.current(source / d.name)]
            version = (collection.metadata or {}).get("version", "")
            if wanted and summary.added + summary.updated + summary.unchanged:
                corpus = _corpus(collection)
                for file in wanted:
                    file.write(corpus, version, target / file.name)
            stamp(target, version)
            return client, summary
        except BaseException:
            if client is not None:
                client.close()
            shutil.rmtree(target, ignore_errors=True)
            raise

    def _sync_into(self, client, passages: list[Passage], documents: int,
                   progress: Callable[[int, int], None] | None) -> SyncSummary:
        """Embed what is new or changed, move what only moved, delete what disappeared."""
        collection = _ensure_collection(client, self.settings.collection, self.embedder)
        if (collection.metadata or {}).get("embedder") != self.embedder_name:
            # Vectors of another model cannot be compared with ours: start the collection afresh.
            client.delete_collection(self.settings.collection)
            collection = _ensure_collection(client, self.settings.collection, self.embedder)
        self._collection = None

        records = records_for(passages, self.embedder_name)
        wanted = {r.id: r for r in records}
        stored = _get_all(collection, ["metadatas"])
        stored_hash = {i: (m or {}).get("content_hash") for i, m in zip(stored["ids"], stored["metadatas"])}
        stored_embed_hash = {i: (m or {}).get("embed_hash") for i, m in zip(stored["ids"], stored["metadatas"])}
        stored_doc = {i: (m or {}).get("doc_id", "") for i, m in zip(stored["ids"], stored["metadatas"])}

        changed = [r for r in records if stored_hash.get(r.id) != r.metadata["content_hash"]]
        removed = [i for i in stored_hash if i not in wanted]
        summary = SyncSummary(
            documents=documents, passages=len(passages),
            languages=len({r.metadata["lang"] for r in records}),
            added=sum(1 for r in changed if r.id not in stored_hash),
            updated=sum(1 for r in changed if r.id in stored_hash),
            removed=len(removed), unchanged=len(records) - len(changed),
            documents_changed=_documents_changed(records, changed, [stored_doc[i] for i in removed],
                                                 set(stored_doc.values())),
        )
        batch = max(1, min(self.settings.embedding_batch_size * 4, client.get_max_batch_size()))
        for i in range(0, len(removed), batch):
            collection.delete(ids=removed[i:i + batch])
        # Only the location moved (an edit earlier in the file): keep the vector, update the rest.
        moved = [r for r in changed if stored_embed_hash.get(r.id) == r.metadata["embed_hash"]]
        for i in range(0, len(moved), batch):
            chunk = moved[i:i + batch]
            kept = collection.get(ids=[r.id for r in chunk], include=["embeddings"])
            vectors = dict(zip(kept["ids"], kept["embeddings"]))
            collection.update(ids=[r.id for r in chunk], embeddings=[vectors[r.id] for r in chunk],
                              documents=[r.document for r in chunk], metadatas=[r.metadata for r in chunk])
        to_embed = [r for r in changed if stored_embed_hash.get(r.id) != r.metadata["embed_hash"]]
        if progress and to_embed:
            progress(0, len(to_embed))  # the embedding starts
        for i in range(0, len(to_embed), batch):
            chunk = to_embed[i:i + batch]
            vectors = self.embedder.embed_documents([r.embed_text for r in chunk])
            collection.upsert(ids=[r.id for r in chunk], embeddings=vectors,
                              documents=[r.document for r in chunk], metadatas=[r.metadata for r in chunk])
            if progress:
                progress(min(i + batch, len(to_embed)), len(to_embed))
        if changed or removed:
            fingerprint = _digest(sorted((r.id, r.metadata["content_hash"]) for r in records))[:16]
            collection.modify(metadata={**_user_metadata(collection.metadata), "version": fingerprint})
        return summary

    def load_corpus(self) -> StoredCorpus:
        """Everything stored: passages, and every version's text and vector for re-scoring."""
        collection = self.collection()
        with self._reading():
            corpus = _corpus(collection)
        if not corpus.entries:
            raise IndexNotReadyError(f"the index at {self.location} is empty: run `amf-bot index` first")
        return corpus

    def dense_search(self, vector: list[float], n: int) -> dict[str, float]:
        """Best cosine similarity per passage id among the `n` nearest stored versions."""
        # No count() first (a full scan, and one more round trip to a server; Chroma returns fewer results
        # when it has fewer) and no metadata (reading it costs ~10x the search at 100k records): the
        # passage id is the record id without its "@<language>" suffix.
        collection = self.collection()
        with self._reading():
            result = collection.query(query_embeddings=[vector], n_results=max(1, n), include=["distances"])
        best: dict[str, float] = {}
        for record_id, distance in zip(result["ids"][0], result["distances"][0]):
            pid = record_id.rsplit("@", 1)[0]
            best[pid] = max(best.get(pid, -1.0), 1.0 - float(distance))
        return best

    def _follow(self) -> None:
        """Move to the generation the pointer names, if it is not the one read (local index).

        A stamped generation is checked by its SQLite header alone (no Chroma client: one is opened when its
        records are asked for); any other is opened at once. A newly published generation that is
        damaged or cannot be opened is logged and the one read keeps answering.
        """
        if self._pinned:
            return
        published = Generations(self.settings.index_dir).published()
        if published is None:
            if self._folder is None:
                raise IndexNotReadyError(f"no index found ({self.settings.index_dir}): run `amf-bot index` first")
            return
        if published == self._folder:
            return
        try:
            if (version := stamped(published)) is not None:
                if problem := damage(published, quick=True):
                    raise IndexNotReadyError(f"the index in {published} is damaged ({problem}): run `amf-bot index`, "
                                             "which rebuilds it and sets the damaged copy aside")
                client = None
            else:
                with self._reading(published):
                    client = self._open_reader(published)
        except IndexNotReadyError as exc:
            if self._folder is None:
                raise
            log.warning("keeping the index in %s: %s", self._folder, exc)
            return
        self._move_to(published, client)
        if client is None:
            self._known_version = (published, version)

    def _open_reader(self, folder: Path):
        """A client on a private copy of the published generation `folder`, which is never written again:
        Chroma writes into any folder it opens (its lock rows, the vector index files on close), so a
        reader works on a copy (a read-only index folder serves too). The copy goes when the client does."""
        copy = Path(tempfile.mkdtemp(prefix=f"amf-bot-{folder.name}-"))
        try:
            copy_generation(folder, copy)
            client = _open_local(copy)
        except BaseException:
            shutil.rmtree(copy, ignore_errors=True)
            raise
        self._copies[id(client)] = copy
        atexit.register(shutil.rmtree, copy, True)
        return client

    def _move_to(self, folder: Path, client) -> None:
        if self._retired is not None:
            self._retired.close()
            copy = self._copies.pop(id(self._retired), None)
            if copy is not None:
                shutil.rmtree(copy, ignore_errors=True)
        self._retired = self._client if self.local and self._client is not client else None
        self._client, self._folder, self._collection, self._known_version = client, folder, None, None

    @contextmanager
    def _reading(self, folder: Path | None = None) -> Iterator[None]:
        """Turn a damaged local index's database errors into a message saying what to do."""
        import chromadb.errors

        try:
            yield
        except (chromadb.errors.ChromaError, sqlite3.DatabaseError) as exc:
            folder = folder or self._folder
            problem = damage(folder) if self.local and folder is not None else None
            if problem is None:
                raise
            raise IndexNotReadyError(f"the index in {folder} is damaged ({problem}): run `amf-bot index`, "
                                     "which rebuilds it and sets the damaged copy aside") from exc
        except BaseException as exc:
            if not is_panic(exc):
                raise
            # Chroma's Rust core panics on garbage in a vector index file (a BaseException, not an Exception).
            raise IndexNotReadyError(f"the index in {folder or self._folder or self.location} is damaged "
                                     f"({_first_line(exc)}): rebuild it with `amf-bot index`") from None


def _complete(generation: Path, derived: tuple[DerivedFile, ...]) -> bool:
    """The generation has every derived file, in its current format, and its version stamp (one written before
    either lacks them)."""
    return stamped(generation) is not None and all(d.current(generation / d.name) for d in derived)


def is_panic(exc: BaseException) -> bool:
    """A panic of a Rust extension (`pyo3_runtime.PanicException`, a BaseException subclass)."""
    return type(exc).__name__ == "PanicException"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:160] if lines else type(exc).__name__


class _Unsound(Exception):
    """A freshly written generation does not read back as written."""


def _verify(collection, expected: int) -> None:
    count = collection.count()
    if count != expected:
        raise _Unsound(f"{count} entries instead of {expected}")
    if expected:
        first = collection.get(limit=1, include=["embeddings"])
        found = collection.query(query_embeddings=[first["embeddings"][0]], n_results=1, include=["distances"])
        if not found["ids"][0]:
            raise _Unsound("a search finds nothing")


def _corpus(collection) -> StoredCorpus:
    import numpy as np

    got = _get_all(collection, ["documents", "metadatas", "embeddings"])
    return StoredCorpus(
        passages=passages_from_records(got["ids"], got["documents"], got["metadatas"]),
        entries=[StoredEntry(m["passage_id"], m["lang"], bool(m["is_original"]), f"{m.get('context', '')}\n{d}")
                 for d, m in zip(got["documents"], got["metadatas"])],
        vectors=np.asarray(got["embeddings"], dtype=np.float32),
    )


def _ensure_collection(client, name: str, embedder: Embeddings):
    embedding_function = _ChromaAdapter(embedder)
    from chromadb.errors import NotFoundError

    try:
        return client.get_collection(name, embedding_function=embedding_function)
    except (NotFoundError, ValueError):
        return client.create_collection(
            name, embedding_function=embedding_function,
            metadata={"hnsw:space": "cosine", "embedder": getattr(embedder, "name", type(embedder).__name__),
                      "version": ""})


def _documents_changed(records: list[Record], changed: list[Record], removed_docs: list[str],
                       stored_docs: set[str]) -> dict[str, str]:
    """Per document touched: added (none of its records was stored), updated, or removed (none is wanted)."""
    wanted = {r.metadata["doc_id"] for r in records}
    outcome = {doc: "updated" if doc in stored_docs else "added" for doc in {r.metadata["doc_id"] for r in changed}}
    for doc in removed_docs:
        outcome.setdefault(doc, "updated" if doc in wanted else "removed")
    return outcome


def _get_all(collection, include: list[str], page: int = 5000) -> dict:
    """Every record, read in pages: one unbounded get() of ~100k records fails ("too many SQL variables")."""
    got: dict[str, list] = {"ids": [], **{key: [] for key in include}}
    while True:
        part = collection.get(include=include, limit=page, offset=len(got["ids"]))
        for key in got:
            got[key].extend(part[key])
        if len(part["ids"]) < page:
            return got


def _user_metadata(metadata: dict | None) -> dict:
    # Chroma refuses to change the distance function: leave hnsw keys out of modify().
    return {k: v for k, v in (metadata or {}).items() if not k.startswith("hnsw:")}


class _ChromaAdapter:
    """Chroma's EmbeddingFunction protocol over our embedder (so Chroma never loads its own model).

    Chroma stores the function's name with the collection and rebuilds it from its registry when it
    reads the collection's configuration; registered under "amf-bot" (see `_registered`), it is
    rebuilt without an embedder — the store always passes its own — instead of warning on every open.
    """

    def __init__(self, embedder: Embeddings):
        self._embedder = embedder

    def __call__(self, input):  # noqa: A002 - Chroma's parameter name
        import numpy as np

        return [np.asarray(v, dtype=np.float32) for v in self._embedder.embed_documents(list(input))]

    def embed_query(self, input):  # noqa: A002
        import numpy as np

        return [np.asarray(self._embedder.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        return "amf-bot"

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "l2", "ip"]

    def get_config(self) -> dict:
        return {}

    @staticmethod
    def build_from_config(config: dict):
        return _ChromaAdapter(_NoEmbedder())


class _NoEmbedder(Embeddings):
    """Stands in for the embedder in a function Chroma rebuilt from a stored configuration: never used,
    since the store passes its own embedder whenever it opens a collection."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise ConfigurationError("the index's embedding function was rebuilt without its model")

    def embed_query(self, text: str) -> list[float]:
        raise ConfigurationError("the index's embedding function was rebuilt without its model")


def _registered() -> None:
    """Register the adapter with Chroma (once per process), as Chroma's custom embedding functions are meant to be."""
    from chromadb.utils.embedding_functions import known_embedding_functions, register_embedding_function

    if known_embedding_functions.get(_ChromaAdapter.name()) is not _ChromaAdapter:
        register_embedding_function(_ChromaAdapter)


def _open_local(folder: Path):
    """A client on one generation folder. Chroma shares one system per folder within a process."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    _registered()
    return chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))


def _server_client(settings: Settings):
    """One client per Chroma server and process."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    _registered()
    key = (settings.chroma_host, settings.chroma_port, settings.chroma_ssl)
    if key not in _server_clients:
        headers = {}
        if settings.chroma_token:
            header = settings.chroma_auth_header or "Authorization"
            token = settings.chroma_token
            headers[header] = f"Bearer {token}" if header.lower() == "authorization" else token
        try:
            _server_clients[key] = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                                       ssl=settings.chroma_ssl, headers=headers,
                                                       settings=ChromaSettings(anonymized_telemetry=False))
        except Exception as exc:  # noqa: BLE001 - connection problems surface as a settings problem
            raise ConfigurationError(f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}: {exc}") from exc
    return _server_clients[key]
