"""Index stage: knowledge folder → passages → Chroma, incrementally."""

from __future__ import annotations

from .chunking import chunk_documents
from .config import Settings
from .embeddings import make_embedder
from .knowledge import load_knowledge
from .store import PassageStore, SyncSummary


def build_index(settings: Settings, show_progress: bool = False, store: PassageStore | None = None) -> SyncSummary:
    """Bring the index in line with the knowledge folder; unchanged passages are not re-embedded."""
    documents = load_knowledge(settings.knowledge_dir)
    passages = chunk_documents(documents)
    store = store or PassageStore(settings, make_embedder(settings))
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not show_progress:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, desc="Embedding passages", unit="passage")
        bar.update(done - bar.n)

    try:
        return store.sync(passages, documents=len(documents), progress=progress)
    finally:
        if bar is not None:
            bar.close()
