"""The composition root: the only module that wires backends together.

Entry points (the CLI, `app.py`) read the settings once and ask this module for an index build or
for the assistant; the stages below it know only `bot.core` (and the shared `bot.language`).
"""

from __future__ import annotations

from bot.answering.assistant import Assistant, Limits
from bot.answering.calibration import Calibrator
from bot.answering.extractive import ExtractiveAnswerer
from bot.answering.followups import FollowUpCondenser
from bot.core.contracts import Answerer, Condenser
from bot.core.settings import Settings
from bot.embedders.registry import embedder_entry, make_embedder
from bot.embedders.remembered import RememberedQueries
from bot.ingest.chunking import chunk_documents
from bot.ingest.knowledge import load_knowledge
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.store.chroma import PassageStore, SyncSummary


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
        summary = store.sync(passages, documents=len(documents), progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if passages:  # the refusal threshold follows the documents: derived again when they changed
        index = PassageIndex(store)
        _calibrator(settings, HybridRetriever(store=store, embedder=store.embedder, index=index, k=settings.top_k), index)()
    return summary


def _calibrator(settings: Settings, retriever: HybridRetriever, index: PassageIndex) -> Calibrator:
    """The refusal threshold of this index, kept beside it (the data folder for a shared server)."""
    folder = settings.index_dir if settings.store == "local" else settings.data_dir
    name = "calibration.json" if settings.store == "local" else f"calibration-{settings.chroma_host}-{settings.chroma_port}.json"

    def state():
        current = index.current()
        return current.version, list(current.passages.values()), current.vocabulary

    return Calibrator(folder / name, retriever, state, settings.embedding_model)


def make_assistant(settings: Settings) -> Assistant:
    """The assistant as configured: embedder, store, retriever and answer backend."""
    embedder = make_embedder(settings)
    if settings.query_cache:
        embedder = RememberedQueries(embedder, settings.query_cache)
    store = PassageStore(settings, embedder)
    index = PassageIndex(store)
    retriever = HybridRetriever(store=store, embedder=embedder, index=index, k=settings.top_k)
    extractive = ExtractiveAnswerer(calibration=_calibrator(settings, retriever, index),
                                    vocabulary=lambda: index.current().vocabulary)
    limits = Limits(settings.max_question_chars, settings.max_history_items, settings.max_id_chars)
    return Assistant(retriever, make_answerer(settings, extractive), condenser=make_condenser(settings),
                     limits=limits)


def make_answerer(settings: Settings, extractive: Answerer) -> Answerer:
    """The configured answer backend; with provider 'none', `extractive` itself, unchanged."""
    from bot.answering.llm.backends import MAX_PASSAGES, LLMAnswerer, answer_max_tokens
    from bot.answering.llm.providers import make_chat_model, server_of, uses_language_model

    if not uses_language_model(settings):
        return extractive
    cap = answer_max_tokens(settings.llm_max_tokens, min(settings.top_k, MAX_PASSAGES))
    return LLMAnswerer(make_chat_model(settings, cap), extractive, server_of(settings))


def make_condenser(settings: Settings) -> Condenser:
    """The configured follow-up condenser; with provider 'none', the rule-based one."""
    from bot.answering.llm.backends import CONDENSE_MAX_TOKENS, LLMCondenser
    from bot.answering.llm.providers import make_chat_model, server_of, uses_language_model

    if not uses_language_model(settings):
        return FollowUpCondenser()
    return LLMCondenser(make_chat_model(settings, CONDENSE_MAX_TOKENS), server_of(settings))
