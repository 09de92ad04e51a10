"""Nothing a side store does may take answers away: a bad validated-answer file, an unwritable question
log or feedback database, a broken `_defaults.json`, staff work on the question log; and what the
records keep expires and is stored without control characters."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import pytest

from bot.assembly import index_knowledge, make_assistant, make_staff_desk
from bot.records.feedback import FeedbackStore
from bot.records.questions import QuestionFilter, QuestionLog
from bot.web.chat import Chat
from support.fakes import ScriptedAssistant, answer

pytestmark = pytest.mark.reliability

QUESTION = "Qui dirige le groupe de travail international de l'AMF ?"


def _ago(days: int) -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=days)


# --- 1. a malformed file in knowledge/validated/ -------------------------------------------------

def test_bad_validated_files_are_skipped_named_and_visitors_still_answered(hash_settings):
    index_knowledge(hash_settings)
    folder = hash_settings.knowledge_dir / "validated"
    folder.mkdir()
    (folder / "truncated.json").write_text('{"id": "truncated", "texts": {"fr": "Le gro', "utf-8")
    good = {"id": "other-name", "validated_on": "2026-11-28", "texts": {"fr": "Réponse."},
            "wordings": ["Question ?"], "passages": ["amf-action-internationale/p003"]}
    (folder / "mismatch.json").write_text(json.dumps(good), "utf-8")
    (folder / "latin1.json").write_bytes(json.dumps({**good, "id": "latin1"}).encode() + "é".encode("latin-1"))
    assistant = make_assistant(hash_settings)
    reply = assistant.ask(QUESTION)
    assert reply.status == "answered" and reply.notice
    desk = make_staff_desk(hash_settings, assistant)
    assert desk.answers() == []  # the staff page's refresh works
    warnings = " ".join(desk.warnings())
    for name in ("truncated.json", "mismatch.json", "latin1.json"):
        assert f"validated/{name}" in warnings


# --- 2. an unwritable question log or feedback database ------------------------------------------

@pytest.mark.parametrize("damage", ["garbage", "folder"])
def test_an_unwritable_question_log_and_feedback_cost_no_answer_and_log_once(tmp_path, caplog, damage):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("questions.sqlite3", "feedback.sqlite3"):
        if damage == "garbage":  # a damaged file
            (data / name).write_bytes(b"\x00garbage, not a database" * 1000)
        else:  # the path cannot be created (as with a full or read-only disk)
            (data / name).mkdir()
    log = QuestionLog(data / "questions.sqlite3")
    chat = Chat(ScriptedAssistant({"Q?": answer("Q?")}), FeedbackStore(data / "feedback.sqlite3"), log)
    with caplog.at_level(logging.WARNING, logger="bot.health"):
        for _ in range(5):
            assert chat.api_answer("Q?")["status"] == "answered"
        turns = list(chat.respond("Q?", []))[-1].turns
        assert turns[-1].answer.status == "answered"
        assert chat.vote(turns, 1, True)
        assert chat.vote(turns, 1, False)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.health"]
    assert len([line for line in lines if line.startswith("question log")]) == 1
    assert len([line for line in lines if line.startswith("feedback")]) == 1
    from bot.core.health import HEALTH

    assert any(w.startswith("question log") for w in HEALTH.warnings())
    # Repaired: the next question is logged again and the warning goes.
    for name in ("questions.sqlite3", "feedback.sqlite3"):
        path = data / name
        path.rmdir() if path.is_dir() else path.unlink()
    fresh = Chat(ScriptedAssistant({"Q?": answer("Q?")}), FeedbackStore(data / "feedback.sqlite3"),
                 QuestionLog(data / "questions.sqlite3"))
    fresh.api_answer("Q?")
    assert not any(w.startswith("question log") for w in HEALTH.warnings())


# --- 3. a typo in knowledge/_defaults.json ---------------------------------------------------------

DROPPED = "Le jumelage entre Tromsø et Figeac porte sur la gestion de l'eau potable depuis 2019.\n"


def test_a_broken_defaults_file_keeps_the_dropped_files_indexed_passages_and_their_notice(hash_settings):
    from bot.store.chroma import PassageStore
    from bot.embedders.registry import make_embedder

    knowledge = hash_settings.knowledge_dir
    notice = json.loads((knowledge / "_defaults.json").read_text("utf-8"))["notice"]
    (knowledge / "jumelage.md").write_text(DROPPED, "utf-8")
    assert index_knowledge(hash_settings).ok
    (knowledge / "_defaults.json").write_text('{"source": "AMF", "notice": "x",}', "utf-8")  # a stray comma
    (knowledge / "jumelage.md").write_text(DROPPED + "Une seconde phrase ajoutée.\n", "utf-8")
    (knowledge / "nouveau.md").write_text("Un document ajouté pendant que les réglages sont cassés.\n", "utf-8")
    outcome = index_knowledge(hash_settings)
    assert not outcome.ok
    failed = dict(outcome.load.failed)
    assert "_defaults.json" in failed and "jumelage.md" in failed and "nouveau.md" in failed
    corpus = PassageStore(hash_settings, make_embedder(hash_settings)).load_corpus()
    dropped = [p for p in corpus.passages if p.doc_id in ("jumelage.md", "nouveau.md")]
    assert dropped and all(p.original.notice == notice and p.source for p in dropped)
    assert all("seconde phrase" not in p.original.text for p in dropped)  # the previous version kept


def test_a_passage_indexed_without_a_notice_is_served_with_amfs(hash_settings):
    knowledge = hash_settings.knowledge_dir
    (knowledge / "_defaults.json").write_text('{"source": "AMF", "language": "fr"}', "utf-8")  # no notice
    (knowledge / "jumelage.md").write_text(DROPPED, "utf-8")
    assert index_knowledge(hash_settings).ok
    assistant = make_assistant(hash_settings)
    reply = assistant.ask("Quel jumelage entre Tromsø et Figeac pour l'eau potable ?")
    assert any(c.location["file"] == "jumelage.md" for c in reply.citations)
    assert "reproduction" in reply.notice.lower()


# --- 4. staff work never holds visitors up -----------------------------------------------------

class _GatedEmbeddings:
    """Hash embeddings that wait at a gate for texts starting with 'logged' (a slow model, on demand)."""

    def __init__(self):
        from bot.embedders.hashing import HashEmbeddings

        self.inner = HashEmbeddings()
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def embed_query(self, text: str) -> list[float]:
        if text.startswith("logged"):
            self.waiting.set()
            self.gate.wait(30)
        return self.inner.embed_query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]


def test_grouping_logged_questions_never_holds_up_a_visitors_match(tmp_path):
    from bot.answering.validated import ValidatedAnswers, calibrated_threshold
    from bot.core.models import ValidatedAnswer
    from bot.web.staff_desk import StaffDesk

    log = QuestionLog(tmp_path / "q.sqlite3")
    for n in range(100):
        log.record(answer(f"logged question number {n}?"))
    served = ValidatedAnswer("a", "2026-11-28", {"fr": "Oui."}, ("Who leads the group?",), ())
    embedder = _GatedEmbeddings()
    matcher = ValidatedAnswers(embedder, lambda: [served], dict, calibrated_threshold("hash"))
    matcher.match("warm up the centres?")
    desk = StaffDesk(log, matcher, tmp_path / "validated", searcher=None)
    staff = threading.Thread(target=desk.frequent, args=(QuestionFilter(),), daemon=True)
    staff.start()
    assert embedder.waiting.wait(10)  # the staff page is embedding logged questions
    found = []
    visitor = threading.Thread(target=lambda: found.append(matcher.match("Who leads the group, please?")), daemon=True)
    visitor.start()
    visitor.join(10)
    embedder.gate.set()
    assert found, "the visitor's match waited for the staff page"
    staff.join(30)
    assert not staff.is_alive()


# --- 6. privacy ----------------------------------------------------------------------------------

def test_retention_applies_with_the_log_off_and_to_feedback(tmp_path):
    path = tmp_path / "q.sqlite3"
    QuestionLog(path, retention_days=30).record(answer("Old question?"), now=_ago(40))
    off = QuestionLog(path, retention_days=30, enabled=False)
    assert off.rows() == []  # expired: never shown nor exported
    off.record(answer("New question?"))  # not logged; the old entries still expire
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM questions").fetchone()[0] == 0

    feedback = FeedbackStore(tmp_path / "f.sqlite3", retention_days=30)
    feedback.record(question="Old?", answer="a", citations=[], language="en", status="answered", vote=1)
    with sqlite3.connect(feedback.path) as connection:
        connection.execute("UPDATE feedback SET time = ?", (_ago(40).isoformat(timespec="seconds"),))
    assert feedback.rows() == []
    assert feedback.purge() == 1


def test_control_characters_are_not_stored(tmp_path):
    log = QuestionLog(tmp_path / "q.sqlite3")
    log.record(answer("Who\x00 leads\x1b[31m the\u202e group?"))
    assert log.rows()[0]["question"] == "Who leads[31m the group?"
    feedback = FeedbackStore(tmp_path / "f.sqlite3")
    feedback.record(question="a\x00b\x07c", answer="d\x00e", citations=[], language="en", status="answered", vote=1)
    assert [(r["question"], r["answer"]) for r in feedback.rows()] == [("abc", "de")]


# --- 5. garbage in an index file -----------------------------------------------------------------

class PanicException(BaseException):
    """What Chroma's Rust core raises on garbage in a vector index file (`pyo3_runtime.PanicException`)."""


class _GarbageSegment:
    """A collection whose vector index file is garbage: every search panics, as Chroma's does."""

    metadata = {"version": "x"}

    def query(self, **kwargs):
        raise PanicException("called `Result::unwrap()` on an `Err` value: hnsw index file is corrupted")

    def get(self, **kwargs):
        raise PanicException("called `Result::unwrap()` on an `Err` value")


def test_a_panicking_index_is_a_damaged_index_message_never_a_traceback(hash_settings):
    from bot.core.errors import IndexNotReadyError
    from bot.embedders.registry import make_embedder
    from bot.store.chroma import PassageStore

    index_knowledge(hash_settings)
    store = PassageStore(hash_settings, make_embedder(hash_settings))
    store.collection()
    store._collection = _GarbageSegment()
    with pytest.raises(IndexNotReadyError, match="damaged.*amf-bot index"):
        store.dense_search([0.0] * 8, 3)
    assistant = make_assistant(hash_settings)
    assistant.warm_up()

    class PanickingRetriever:
        index = assistant.retriever.index

        def search(self, question, language=None):
            raise PanicException("a Rust panic below the retriever")

    assistant.retriever = PanickingRetriever()
    reply = assistant.ask("Quels élus ukrainiens l'AMF a-t-elle reçus ?")
    assert reply.status == "error" and reply.notice


# --- 4b. a re-index never makes visitors wait for a calibration ------------------------------------

def test_the_indexer_publishes_the_calibration_with_the_generation_and_the_app_never_waits(hash_settings):
    from bot.answering import calibration
    from bot.store.generations import Generations
    from support.indexing import write_extra_document

    index_knowledge(hash_settings)
    assistant = make_assistant(hash_settings)
    assistant.ask(QUESTION)
    calibrator = assistant.answerer.calibration
    before = calibrator()
    write_extra_document(hash_settings.knowledge_dir)
    index_knowledge(hash_settings)  # another indexer: the calibration goes with the generation it publishes
    generation = Generations(hash_settings.index_dir).published()
    stored = calibration.load(generation / "calibration.json")
    assistant.retriever.index.refresh_seconds = 0
    assert stored is not None and stored.index_version == assistant.retriever.index.current().version
    assert calibrator() == stored  # read, not derived

    # A generation published without one (an older indexer): the previous calibration answers at once,
    # the new one is derived in the background.
    (generation / "calibration.json").unlink()
    (hash_settings.index_dir / "calibration.json").unlink(missing_ok=True)
    (hash_settings.knowledge_dir / "jumelage.md").write_text(DROPPED, "utf-8")
    index_knowledge(hash_settings)
    newest = Generations(hash_settings.index_dir).published()
    (newest / "calibration.json").unlink()
    version = assistant.retriever.index.current().version
    assert calibrator().index_version == stored.index_version != version  # the previous one, no wait
    calibrator.wait(120)
    assert calibrator().index_version == version
    assert before.index_version != version


# --- 5b. a published generation is never written again; a read-only index folder serves ----------

def _files(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_readers_never_write_into_the_published_generation(hash_settings):
    from bot.store.generations import Generations
    from support.indexing import run_cli

    index_knowledge(hash_settings)
    generation = Generations(hash_settings.index_dir).published()
    before = _files(generation)
    done = run_cli(hash_settings, "ask", "--json", QUESTION)
    assert done.returncode == 0 and json.loads(done.stdout)["status"] == "answered"
    assistant = make_assistant(hash_settings)
    assert assistant.ask(QUESTION).status == "answered"
    assert _files(generation) == before


@pytest.fixture
def readonly_settings():
    """An index built by root in a folder another user can read but not write (run as that user)."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from bot.core.settings import Settings
    from conftest import KNOWLEDGE

    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to run a command as another user")
    root = Path(tempfile.mkdtemp(prefix="amf-readonly-"))
    root.chmod(0o755)
    shutil.copytree(KNOWLEDGE, root / "knowledge")
    (root / "data").mkdir(mode=0o777)
    (root / "data").chmod(0o777)
    settings = Settings(knowledge_dir=root / "knowledge", index_dir=root / "index", data_dir=root / "data",
                        embedding_model="hash")
    index_knowledge(settings)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o777 if path == root / "data" else (0o755 if path.is_dir() else 0o644))
    yield settings
    shutil.rmtree(root, ignore_errors=True)


def _as_nobody(settings, *args: str):
    import subprocess
    import sys

    from bot.core.settings import REPO_ROOT
    from support.indexing import env_for

    env = {**env_for(settings), "HOME": str(settings.data_dir)}
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "bot",
                           *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)


def test_a_read_only_index_folder_serves_and_index_says_why_it_cannot(readonly_settings):
    from bot.store.generations import Generations

    generation = Generations(readonly_settings.index_dir).published()
    before = _files(generation)
    asked = _as_nobody(readonly_settings, "ask", "--json", QUESTION)
    assert asked.returncode == 0, asked.stderr[-2000:]
    assert json.loads(asked.stdout)["status"] == "answered" and "Traceback" not in asked.stderr
    indexed = _as_nobody(readonly_settings, "index")
    assert indexed.returncode == 1 and "Traceback" not in indexed.stderr
    assert "read-only" in indexed.stderr or "cannot write" in indexed.stderr
    assert _files(generation) == before
