"""The composition root: the only module that wires backends together.

Entry points (the CLI, `app.py`) read the settings once and ask this module for an index build or
for the assistant; the stages below it know only `bot.core` (and the shared `bot.language`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.answering.assistant import Assistant, Limits
from bot.answering.calibration import Calibrator
from bot.answering.extractive import ExtractiveAnswerer
from bot.answering.followups import FollowUpCondenser
from bot.answering.validated import ValidatedAnswers, calibrated_threshold
from langchain_core.embeddings import Embeddings

from bot.core.contracts import Answerer, Condenser
from bot.core.settings import Settings
from bot.embedders.registry import embedder_entry, make_embedder
from bot.embedders.remembered import RememberedQueries
from bot.core.errors import ConfigurationError, IndexNotReadyError
from bot.core.models import Passage
from bot.ingest.chunking import chunk_documents
from bot.ingest.knowledge import LoadReport, load_folder
from bot.ingest.validated import ValidatedShelf, validated_dir
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.store.chroma import PassageStore, SyncSummary


@dataclass
class IndexOutcome:
    """What `amf-bot index` did: the load report and the sync."""

    load: LoadReport
    sync: SyncSummary

    @property
    def ok(self) -> bool:
        """False when a file could not be read or nothing is indexed: `amf-bot index` then exits non-zero."""
        return self.load.ok

    def lines(self) -> list[str]:
        return [*self.load.lines(), f"Index up to date: {self.sync.line()}"]


def build_index(settings: Settings, show_progress: bool = False, store: PassageStore | None = None) -> SyncSummary:
    """Bring the index in line with the knowledge folder; unchanged passages are not re-embedded."""
    return index_knowledge(settings, show_progress, store).sync


def index_knowledge(settings: Settings, show_progress: bool = False, store: PassageStore | None = None) -> IndexOutcome:
    """Index every readable document. A file that fails keeps the passages it had in the index, so
    its previous version keeps answering until it is fixed or removed."""
    report = load_folder(settings.knowledge_dir, settings.pdf_parser, settings.cache_dir / "extracted")
    passages = chunk_documents(report.documents)
    store = store or PassageStore(settings, make_embedder(settings))
    if report.failed:
        passages += _stored_passages(store, report.failed_doc_ids())
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
        summary = store.sync(passages, documents=len(report.documents), progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if passages:  # the refusal threshold follows the documents: derived again when they changed
        index = PassageIndex(store)
        _calibrator(settings, HybridRetriever(store=store, embedder=store.embedder, index=index, k=settings.top_k), index)()
    return IndexOutcome(report, summary)


def _calibrator(settings: Settings, retriever: HybridRetriever, index: PassageIndex) -> Calibrator:
    """The refusal threshold of this index, kept beside it (the data folder for a shared server)."""
    folder = settings.index_dir if settings.store == "local" else settings.data_dir
    name = "calibration.json" if settings.store == "local" else f"calibration-{settings.chroma_host}-{settings.chroma_port}.json"

    def state():
        current = index.current()
        return current.version, list(current.passages.values()), current.vocabulary

    return Calibrator(folder / name, retriever, state, settings.embedding_model)


def _stored_passages(store: PassageStore, doc_ids: set[str]) -> list[Passage]:
    try:
        return [p for p in store.load_corpus().passages if p.doc_id in doc_ids]
    except IndexNotReadyError:
        return []


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
                     validated=make_validated(settings, embedder, index), limits=limits)


def make_validated(settings: Settings, embedder: Embeddings, index: PassageIndex) -> ValidatedAnswers:
    """The validated answers of the knowledge folder, matched with the assistant's own embedder."""
    shelf = ValidatedShelf(validated_dir(settings.knowledge_dir))
    return ValidatedAnswers(embedder, shelf.current, lambda: index.current().passages,
                            calibrated_threshold(settings.embedding_model, settings.validated_threshold))


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


def make_question_log(settings: Settings):
    """The question log as configured (a no-op when `question_log` is off)."""
    from bot.records.questions import QuestionLog

    return QuestionLog(settings.data_dir / "questions.sqlite3", settings.question_log_days, settings.question_log)


def make_staff_desk(settings: Settings, assistant: Assistant, log=None):
    """The staff page's behaviour around the running assistant (its validated answers and retriever)."""
    from bot.web.staff_desk import StaffDesk

    validated = assistant.validated or make_validated(settings, assistant.retriever.embedder, assistant.retriever.index)
    return StaffDesk(log or make_question_log(settings), validated, validated_dir(settings.knowledge_dir),
                     assistant.retriever, make_document_translations(settings), index_dir=settings.index_dir)


def make_document_translations(settings: Settings):
    """The staff page's translate button: the configured model translates, then the index is refreshed."""
    from bot.answering.llm.providers import uses_language_model
    from bot.web.staff_desk import DocumentTranslations

    def documents():
        return load_folder(settings.knowledge_dir, settings.pdf_parser, settings.cache_dir / "extracted").documents

    return DocumentTranslations(documents, lambda doc_id, languages: translate_document(settings, doc_id, languages),
                                lambda: index_knowledge(settings), uses_language_model(settings))


NO_MODEL = ("translating needs a language model: set AMF_BOT_LLM_PROVIDER (ollama or openai), AMF_BOT_LLM_MODEL "
            "and AMF_BOT_LLM_BASE_URL (see docs/llm.md)")


def translate_document(settings: Settings, reference: str, languages: str | list[str],
                       progress: Callable[[str], None] | None = None) -> list[Path]:
    """Machine-translate a document of the knowledge folder with the configured model; the files written.

    Nothing is indexed here: `amf-bot index` (or `index_knowledge`) picks the files up.
    """
    from bot.answering.llm.providers import make_chat_model, server_of, uses_language_model
    from bot.answering.llm.translation import Translator
    from bot.ingest.translating import check_languages, find_document, parse_languages, translate_target

    if not uses_language_model(settings):
        raise ConfigurationError(NO_MODEL)
    chosen = parse_languages(languages)
    target = find_document(settings.knowledge_dir, reference, settings.pdf_parser, settings.cache_dir / "extracted")
    check_languages(target.document, chosen)
    translator = Translator(make_chat_model(settings), server_of(settings))
    return translate_target(target, settings.knowledge_dir, chosen, translator.translate, progress)
