"""The composition root: the only module that wires backends together.

Entry points (the CLI, `app.py`) read the settings once and ask this module for an index build or
for the assistant; the stages below it know only `bot.core` (and the shared `bot.language`).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.answering.assistant import Assistant, Limits
from bot.answering.calibration import Calibrator
from bot.answering.extractive import ExtractiveAnswerer
from bot.answering.followups import FollowUpCondenser
from bot.answering.llm.providers import uses_language_model
from bot.answering.validated import ValidatedAnswers, calibrated_threshold
from langchain_core.embeddings import Embeddings

from bot.core.contracts import Answerer, Condenser
from bot.core.settings import Settings
from bot.embedders.registry import embedder_entry, make_embedder
from bot.embedders.remembered import RememberedQueries, SavedQueries
from bot.core.errors import ConfigurationError, IndexBusyError, IndexNotReadyError
from bot.core.models import Passage
from bot.ingest.chunking import chunk_documents
from bot.ingest.knowledge import Document, LoadReport, load_folder
from bot.ingest.run_report import FileOutcome, LastRun, printable, utc_now, write_last_run
from bot.ingest.validated import ORIGINAL_LANGUAGE, ValidatedShelf, validated_dir
from bot.language.cities import cities_in
from bot.language.countries import countries_in
from bot.language.detection import load_identifier
from bot.language.detection import use_cache as use_language_cache
from bot.language.regions import regions_in
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.retrieval.saved import SavedIndex
from bot.store.chroma import PassageStore, SyncSummary


@dataclass
class IndexOutcome:
    """What `amf-bot index` did: the load report, the sync, and what happened to each file."""

    load: LoadReport
    sync: SyncSummary
    files: list[FileOutcome]

    @property
    def ok(self) -> bool:
        """False when a file could not be read or nothing is indexed: `amf-bot index` then exits non-zero."""
        return self.load.ok

    def lines(self) -> list[str]:
        """One line per file added, updated, removed, failed or skipped (names escaped), the summary last."""
        lines = []
        for status in ("added", "updated", "removed", "failed", "skipped"):
            for outcome in (f for f in self.files if f.status == status):
                line = f"{status}: {printable(outcome.file)}"
                if outcome.reason:
                    line += f": {printable(outcome.reason)}"
                if status in ("added", "updated"):
                    line += f" ({outcome.passages} passage{'' if outcome.passages == 1 else 's'})"
                elif status == "failed":
                    line += (f" (its {outcome.passages} previously indexed passage(s) still answer)" if outcome.passages
                             else " (not indexed)")
                lines.append(line)
        if not self.load.documents:
            lines.append(f"No document to index: {self.load.why_empty()}")
        unchanged = sum(1 for f in self.files if f.status == "unchanged")
        return [*lines, f"Index up to date: {self.sync.line()}; {unchanged} file(s) unchanged"]

    def last_run(self, started: str, finished: str) -> LastRun:
        return LastRun(started, finished, self.ok, self.files)


def file_outcomes(report: LoadReport, sync: SyncSummary, passages: list[Passage]) -> list[FileOutcome]:
    """What happened to each file of the knowledge folder in one index run, sorted by file."""
    count: dict[str, int] = {}
    for passage in passages:
        count[passage.doc_id] = count.get(passage.doc_id, 0) + 1
    outcomes = [FileOutcome(_file_of(doc), sync.documents_changed.get(doc.doc_id, "unchanged"), None,
                            count.get(doc.doc_id, 0)) for doc in report.documents]
    outcomes += [FileOutcome(doc_id, "removed", None, 0)
                 for doc_id, change in sync.documents_changed.items() if change == "removed"]
    outcomes += [FileOutcome(name, "failed", reason, count.get(name, 0)) for name, reason in report.failed]
    outcomes += [FileOutcome(name, "skipped", "unsupported file type", 0) for name in report.skipped]
    outcomes += [FileOutcome(name, "skipped", f"same content as {first}, indexed once", 0)
                 for name, first in report.duplicates]
    outcomes += [FileOutcome(name, "skipped", "translation no longer matches its original, which changed "
                             "(run `amf-bot translate` again or update it)", 0) for name in report.stale]
    return sorted(outcomes, key=lambda f: (f.file, f.status))


def _file_of(doc: Document) -> str:
    """A dropped file's path, or a document folder's (its original's folder), relative to the knowledge folder."""
    if doc.doc_id == doc.original.source_file:
        return doc.doc_id
    return Path(doc.original.source_file).parent.as_posix()


def build_index(settings: Settings, show_progress: bool = False, store: PassageStore | None = None) -> SyncSummary:
    """Bring the index in line with the knowledge folder; unchanged passages are not re-embedded."""
    return index_knowledge(settings, show_progress, store).sync


def index_knowledge(settings: Settings, show_progress: bool = False, store: PassageStore | None = None) -> IndexOutcome:
    """Index every readable document. A file that fails keeps the passages it had in the index, so
    its previous version keeps answering until it is fixed or removed. The run's report is written to
    `<index_dir>/last-run.json` (also when the run fails, unless another indexer holds the lock)."""
    started, report = utc_now(), None
    try:
        report = load_folder(settings.knowledge_dir, settings.pdf_parser, settings.cache_dir / "extracted", settings.reading)
        outcome = _index(settings, report, show_progress, store)
    except IndexBusyError:
        raise  # the indexer at work writes its own report
    except BaseException:
        files = file_outcomes(report, SyncSummary(), []) if report is not None else []
        _report(settings, LastRun(started, utc_now(), False, files))
        raise
    if problem := _report(settings, outcome.last_run(started, utc_now())):
        outcome.sync.notes.append(problem)
    return outcome


def _report(settings: Settings, run: LastRun) -> str | None:
    """Write the run's report; a folder that cannot take it costs the report, never the run (what went wrong is returned)."""
    try:
        write_last_run(settings.index_dir, run)
    except OSError as exc:
        return f"the run's report could not be written to {settings.index_dir}: {exc.strerror or exc}"
    return None


def _index(settings: Settings, report: LoadReport, show_progress: bool, store: PassageStore | None) -> IndexOutcome:
    passages = chunk_documents(report.documents)
    store = store or PassageStore(settings, make_embedder(settings))
    if hasattr(store.embedder, "warm_up"):
        store.embedder.warm_up()  # the model loads while Chroma is imported
    store.prepare()
    if hasattr(store.embedder, "load"):  # the default model is exported on the first run, even with nothing to embed
        store.embedder.load()
    if report.failed:
        passages += _stored_passages(store, report.failed_doc_ids())
    bar = None
    saved_index = SavedIndex()

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if done == 0 and store.local:  # the model embeds outside the interpreter lock: the saved index reads the texts meanwhile
            saved_index.prepare(passages)
        if not show_progress:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, desc="Embedding passages", unit="passage")
        bar.update(done - bar.n)

    index = PassageIndex(store, refresh_seconds=0)
    probes = SavedQueries(store.embedder, _probe_vectors(settings, store.embedder))
    calibrator = _calibrator(settings, HybridRetriever(store=store, embedder=probes, index=index, k=settings.top_k),
                             index, store, workers=settings.torch_threads or os.cpu_count() or 1)

    def calibrate_before_publishing(folder: Path) -> None:
        """The refusal threshold follows the documents: derived on the new generation, stored in it."""
        calibrator.derive_into(folder / CALIBRATION_FILE)

    try:
        summary = store.sync(passages, documents=len(report.documents), progress=progress, derived=(saved_index,),
                             before_publish=calibrate_before_publishing if passages else None)
    finally:
        if bar is not None:
            bar.close()
    if passages:  # an unchanged generation without one, or a Chroma server: derived (or found) here
        calibrator()
    probes.save()
    return IndexOutcome(report, summary, file_outcomes(report, summary, passages))


def _probe_vectors(settings: Settings, embedder: Embeddings) -> Path:
    """Where the calibration probes' vectors of this embedder are kept between index runs."""
    name = getattr(embedder, "name", type(embedder).__name__)
    return settings.cache_dir / "query-vectors" / f"{hashlib.sha256(name.encode()).hexdigest()[:16]}.npz"


CALIBRATION_FILE = "calibration.json"


def _calibrator(settings: Settings, retriever: HybridRetriever, index: PassageIndex, store: PassageStore,
                workers: int = 1) -> Calibrator:
    """The refusal threshold of this index: stored in its generation by the indexer; else derived and
    kept beside the index (the data folder for a shared server)."""
    folder = settings.index_dir if settings.store == "local" else settings.data_dir
    name = CALIBRATION_FILE if settings.store == "local" else f"calibration-{settings.chroma_host}-{settings.chroma_port}.json"

    def state():
        current = index.current()
        return current.version, current.passages.values(), current.vocabulary  # read only when calibrating

    def generation_file() -> Path | None:
        return store.generation / CALIBRATION_FILE if store.generation is not None else None

    return Calibrator(folder / name, retriever, state, settings.embedding_model, generation_file, workers)


def _stored_passages(store: PassageStore, doc_ids: set[str]) -> list[Passage]:
    try:
        return [p for p in store.load_corpus().passages if p.doc_id in doc_ids]
    except IndexNotReadyError:
        return []


def make_assistant(settings: Settings) -> Assistant:
    """The assistant as configured: embedder, store, retriever and answer backend."""
    embedder = make_embedder(settings)
    if hasattr(embedder, "warm_up"):
        embedder.warm_up()  # while the index loads
    use_language_cache(settings.cache_dir / "langid")  # a question asked before the warm-up is done reads it too
    threading.Thread(target=_warm_language, args=(settings.cache_dir / "langid",), name="language-warm-up",
                     daemon=True).start()
    if settings.query_cache:
        embedder = RememberedQueries(embedder, settings.query_cache)
    store = PassageStore(settings, embedder)
    index = PassageIndex(store)
    retriever = HybridRetriever(store=store, embedder=embedder, index=index, k=settings.top_k)
    extractive = ExtractiveAnswerer(calibration=_calibrator(settings, retriever, index, store),
                                    vocabulary=lambda: index.current().vocabulary)
    limits = Limits(settings.max_question_chars, settings.max_history_items, settings.max_id_chars)
    return Assistant(retriever, make_answerer(settings, extractive), condenser=make_condenser(settings),
                     validated=make_validated(settings, embedder, index), limits=limits)


def _warm_language(cache: Path) -> None:
    """Read in the background what every first question needs of `bot.language` while the model loads: the
    language identifier, the country, region and city tables (CLDR data and large patterns, ~0.4 s)."""
    load_identifier(cache)
    sample = "Coopération franco-roumaine : Cameroun, Asie du Sud-Est, Tokyo"
    countries_in(sample), regions_in(sample), cities_in(sample)


def make_validated(settings: Settings, embedder: Embeddings, index: PassageIndex) -> ValidatedAnswers:
    """The validated answers of the knowledge folder, matched with the assistant's own embedder."""
    shelf = ValidatedShelf(validated_dir(settings.knowledge_dir))
    return ValidatedAnswers(embedder, shelf.current, lambda: index.current().passages,
                            calibrated_threshold(settings.embedding_model, settings.validated_threshold))


def make_answerer(settings: Settings, extractive: Answerer) -> Answerer:
    """The configured answer backend; with provider 'none', `extractive` itself, unchanged (the LLM
    backends and LangChain's prompt machinery are then not even imported)."""
    if not uses_language_model(settings):
        return extractive
    from bot.answering.llm.backends import MAX_PASSAGES, LLMAnswerer, answer_max_chars, answer_max_tokens
    from bot.answering.llm.providers import make_chat_model, server_of

    cap = answer_max_tokens(settings.llm_max_tokens, min(settings.top_k, MAX_PASSAGES))
    return LLMAnswerer(make_chat_model(settings, cap), extractive, server_of(settings),
                       max_chars=answer_max_chars(settings.llm_max_chars, cap))


def make_condenser(settings: Settings) -> Condenser:
    """The configured follow-up condenser; with provider 'none', the rule-based one."""
    if not uses_language_model(settings):
        return FollowUpCondenser()
    from bot.answering.llm.backends import CONDENSE_MAX_TOKENS, LLMCondenser
    from bot.answering.llm.providers import make_chat_model, server_of

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
                     assistant.retriever, make_document_translations(settings), index_dir=settings.index_dir,
                     translate_answer=make_answer_translator(settings), model_name=settings.llm.model)


def make_answer_translator(settings: Settings) -> Callable[[str, str], str] | None:
    """The configured model translating a validated answer's French text into a language (its paragraphs
    checked as a document's are), for staff to review; None without a language model."""
    from bot.answering.llm.backends import answer_max_chars
    from bot.answering.llm.providers import make_chat_model, server_of, uses_language_model
    from bot.answering.llm.translation import Translator, translate_text

    if not uses_language_model(settings):
        return None

    def translate(french: str, language: str) -> str:
        # Output cap: AMF_BOT_LLM_MAX_TOKENS, else room for the text in any script; the reply read is capped
        # by AMF_BOT_LLM_MAX_CHARS (else from the token cap), as an answer's is.
        tokens = settings.llm_max_tokens or len(french) + 100
        translator = Translator(make_chat_model(settings, tokens), server_of(settings),
                                max_chars=answer_max_chars(settings.llm_max_chars, tokens))
        return translate_text(translator, french, ORIGINAL_LANGUAGE, language)

    return translate


def make_document_translations(settings: Settings):
    """The staff page's translate button: the configured model translates, then the index is refreshed."""
    from bot.web.staff_desk import DocumentTranslations

    def documents():
        return load_folder(settings.knowledge_dir, settings.pdf_parser, settings.cache_dir / "extracted",
                           settings.reading).documents

    return DocumentTranslations(documents, lambda doc_id, languages: translate_document(settings, doc_id, languages),
                                lambda: index_knowledge(settings), uses_language_model(settings))


NO_MODEL = ("translating needs a language model: set AMF_BOT_LLM_PROVIDER (ollama or openai), AMF_BOT_LLM_MODEL "
            "and AMF_BOT_LLM_BASE_URL (see docs/llm.md)")


def translate_document(settings: Settings, reference: str, languages: str | list[str],
                       progress: Callable[[str], None] | None = None) -> list[Path]:
    """Machine-translate a document of the knowledge folder with the configured model; the files written.

    Nothing is indexed here: `amf-bot index` (or `index_knowledge`) picks the files up.
    """
    from bot.answering.llm.providers import make_chat_model, server_of
    from bot.answering.llm.translation import Translator
    from bot.ingest.translating import check_languages, find_document, parse_languages, translate_target

    if not uses_language_model(settings):
        raise ConfigurationError(NO_MODEL)
    chosen = parse_languages(languages)
    target = find_document(settings.knowledge_dir, reference, settings.pdf_parser, settings.cache_dir / "extracted",
                           settings.reading)
    check_languages(target.document, chosen)
    translator = Translator(make_chat_model(settings), server_of(settings))
    return translate_target(target, settings.knowledge_dir, chosen, translator.translate, progress)
