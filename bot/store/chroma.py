"""Store stage: the Chroma collection of passage versions, kept in sync with the knowledge folder.

One Chroma record per passage and language (the original and each aligned translation), so a
question in any language meets a text in its own language. Record ids are deterministic
(`<passage id>@<language>`) and each record carries a content hash: syncing embeds only what
is new or changed and deletes what disappeared.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from langchain_core.embeddings import Embeddings

from bot.core.settings import Settings
from bot.core.errors import ConfigurationError, IndexNotReadyError
from bot.core.models import Passage, Version

if TYPE_CHECKING:
    import numpy as np

_clients: dict[tuple, object] = {}


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
    )


@dataclass(frozen=True)
class StoredEntry:
    passage_id: str
    language: str
    is_original: bool
    text: str  # the version's text, led by its list context if any


@dataclass
class StoredCorpus:
    passages: list[Passage]
    entries: list[StoredEntry]
    vectors: "np.ndarray"  # one row per entry, L2-normalised


class PassageStore:
    """The Chroma collection behind the assistant (embedded `PersistentClient` or a Chroma server)."""

    def __init__(self, settings: Settings, embedder: Embeddings):
        self.settings = settings
        self.embedder = embedder
        self.client = _client(settings)
        self._collection = None

    @property
    def embedder_name(self) -> str:
        return getattr(self.embedder, "name", type(self.embedder).__name__)

    def collection(self, create: bool = False):
        if self._collection is None:
            from chromadb.errors import NotFoundError

            try:
                self._collection = self.client.get_collection(self.settings.collection,
                                                              embedding_function=_ChromaAdapter(self.embedder))
            except (NotFoundError, ValueError):
                if not create:
                    raise IndexNotReadyError(
                        f"no index found ({self.location}): run `amf-bot index` first") from None
                self._collection = self.client.create_collection(
                    self.settings.collection, embedding_function=_ChromaAdapter(self.embedder),
                    metadata={"hnsw:space": "cosine", "embedder": self.embedder_name, "version": ""})
        return self._collection

    @property
    def location(self) -> str:
        s = self.settings
        return str(s.index_dir) if s.store == "local" else f"Chroma server {s.chroma_host}:{s.chroma_port}"

    def version(self) -> str:
        """A fingerprint of the stored contents, changed by every sync that changes anything.

        Read afresh from the store each time: a cached Collection keeps the metadata it was fetched
        with, so a re-index by another process (or another store object) would go unseen.
        """
        self._collection = None
        return (self.collection().metadata or {}).get("version", "")

    def sync(self, passages: list[Passage], documents: int,
             progress: Callable[[int, int], None] | None = None) -> SyncSummary:
        started = time.perf_counter()
        collection = self.collection(create=True)
        if (collection.metadata or {}).get("embedder") != self.embedder_name:
            # Vectors of another model cannot be compared with ours: start the collection afresh.
            self.client.delete_collection(self.settings.collection)
            self._collection = None
            collection = self.collection(create=True)

        records = records_for(passages, self.embedder_name)
        wanted = {r.id: r for r in records}
        stored = _get_all(collection, ["metadatas"])
        stored_hash = {i: (m or {}).get("content_hash") for i, m in zip(stored["ids"], stored["metadatas"])}
        stored_embed_hash = {i: (m or {}).get("embed_hash") for i, m in zip(stored["ids"], stored["metadatas"])}

        changed = [r for r in records if stored_hash.get(r.id) != r.metadata["content_hash"]]
        removed = [i for i in stored_hash if i not in wanted]
        summary = SyncSummary(
            documents=documents, passages=len(passages),
            languages=len({r.metadata["lang"] for r in records}),
            added=sum(1 for r in changed if r.id not in stored_hash),
            updated=sum(1 for r in changed if r.id in stored_hash),
            removed=len(removed), unchanged=len(records) - len(changed),
        )
        batch = max(1, min(self.settings.embedding_batch_size * 4, self.client.get_max_batch_size()))
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
        summary.seconds = time.perf_counter() - started
        return summary

    def load_corpus(self) -> "StoredCorpus":
        """Everything stored: passages, and every version's text and vector for re-scoring."""
        import numpy as np

        got = _get_all(self.collection(), ["documents", "metadatas", "embeddings"])
        if not got["ids"]:
            raise IndexNotReadyError(f"the index at {self.location} is empty: run `amf-bot index` first")
        return StoredCorpus(
            passages=passages_from_records(got["ids"], got["documents"], got["metadatas"]),
            entries=[StoredEntry(m["passage_id"], m["lang"], bool(m["is_original"]), f"{m.get('context', '')}\n{d}")
                     for d, m in zip(got["documents"], got["metadatas"])],
            vectors=np.asarray(got["embeddings"], dtype=np.float32),
        )

    def dense_search(self, vector: list[float], n: int) -> dict[str, float]:
        """Best cosine similarity per passage id among the `n` nearest stored versions."""
        # No count() first (a full scan, and one more round trip to a server; Chroma returns fewer results
        # when it has fewer) and no metadata (reading it costs ~10x the search at 100k records): the
        # passage id is the record id without its "@<language>" suffix.
        result = self.collection().query(query_embeddings=[vector], n_results=max(1, n), include=["distances"])
        best: dict[str, float] = {}
        for record_id, distance in zip(result["ids"][0], result["distances"][0]):
            pid = record_id.rsplit("@", 1)[0]
            best[pid] = max(best.get(pid, -1.0), 1.0 - float(distance))
        return best


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
    """Chroma's EmbeddingFunction protocol over our embedder (so Chroma never loads its own model)."""

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
        raise NotImplementedError


def _client(settings: Settings):
    """One Chroma client per location and process, as Chroma requires."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.store == "local":
        key = ("local", str(settings.index_dir.resolve()))
        if key not in _clients:
            settings.index_dir.mkdir(parents=True, exist_ok=True)
            _clients[key] = chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)
        return _clients[key]
    key = ("server", settings.chroma_host, settings.chroma_port, settings.chroma_ssl)
    if key not in _clients:
        headers = {}
        if settings.chroma_token:
            header = settings.chroma_auth_header or "Authorization"
            token = settings.chroma_token
            headers[header] = f"Bearer {token}" if header.lower() == "authorization" else token
        try:
            _clients[key] = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                                ssl=settings.chroma_ssl, headers=headers, settings=chroma_settings)
        except Exception as exc:  # noqa: BLE001 - connection problems surface as a settings problem
            raise ConfigurationError(f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}: {exc}") from exc
    return _clients[key]
