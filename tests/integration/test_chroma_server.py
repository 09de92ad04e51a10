"""Chroma server mode: indexing, incremental re-indexing, deletions, and two app instances sharing one server.

The server test starts a real `chroma run` on a free loopback port. The embedder is the real default
("e5-small") when its weights can be prepared here, else the deterministic "hash" embedder; set
AMF_BOT_TEST_SERVER_EMBEDDER to force one. The extractive answerer's thresholds are tuned for e5, so
the checks read the retrieval hits (threshold-free) and, with e5 only, the answers' citations too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.chroma_server import LocalChromaServer
from bot.ingest.chunking import chunk_documents
from bot.core.settings import REPO_ROOT, Settings
from bot.embedders.hashing import HashEmbeddings
from bot.ingest.knowledge import load_knowledge
from bot.retrieval.hybrid import PassageIndex
from bot.store.chroma import PassageStore

KNOWLEDGE = REPO_ROOT / "knowledge"
MAIN_DOC = "amf-action-internationale"
EXTRA_DOC = "jumelage-test-zanzibar"
REMOVED_LANGUAGE = "ja"
EXTRA_QUESTION = "Quelle commune a signé un jumelage avec Tromsø pour la gestion de l'eau ?"
PRETORIA_QUESTION = "Qui a reçu le maire de Pretoria ?"
JAPANESE_QUESTION = "イタリアの市長は何人AMFを訪問しましたか？"
NOTICE = "Document de test, reproduction libre."

# A long-running app instance: one JSON line in ({"question"}), one JSON line out (answer + retrieval hits).
WORKER = """
import json, sys
from bot.core.settings import Settings
from bot.assembly import make_assistant

assistant = make_assistant(Settings())
for line in sys.stdin:
    question = json.loads(line)["question"]
    hits = assistant.retriever.search(question)
    reply = {
        "answer": assistant.ask(question).to_dict(),
        "hits": [{"passage_id": h.passage.passage_id, "doc_id": h.passage.doc_id, "text": h.passage.original.text,
                  "languages": sorted(v.language for v in h.passage.versions)} for h in hits],
    }
    print(json.dumps(reply, ensure_ascii=False), flush=True)
"""


def test_two_passage_indexes_over_one_store_see_a_reindex(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", embedding_model="hash", collection="two_indexes")
    embedder = HashEmbeddings()
    documents = load_knowledge(KNOWLEDGE)
    passages = chunk_documents(documents)
    PassageStore(settings, embedder).sync(passages, documents=len(documents))

    first = PassageIndex(PassageStore(settings, embedder), refresh_seconds=0)
    second = PassageIndex(PassageStore(settings, embedder), refresh_seconds=0)
    before = first.current().version
    assert second.current().version == before
    assert len(first.passages) == len(passages)

    kept = passages[:-3]
    PassageStore(settings, embedder).sync(kept, documents=len(documents))

    for index in (first, second):
        assert index.current().version != before
        assert set(index.passages) == {p.passage_id for p in kept}


@pytest.mark.server
def test_chroma_server_shared_by_two_app_instances(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, knowledge)
    write_extra_document(knowledge / EXTRA_DOC)
    embedder = server_test_embedder()
    passages = chunk_documents(load_knowledge(knowledge))
    removed_records = sum(1 for p in passages if p.doc_id == EXTRA_DOC) + sum(
        1 for p in passages if REMOVED_LANGUAGE in p.translations)

    with LocalChromaServer(tmp_path / "chroma") as server:
        port = server.port
        env = bot_env(port, knowledge, embedder)
        first = index_counts(env)
        assert first["added"] == sum(len(p.versions) for p in passages)
        assert first["removed"] == first["unchanged"] == 0
        again = index_counts(env)
        assert again["added"] == again["updated"] == again["removed"] == 0
        assert again["unchanged"] == first["added"]

        with app_instance(env) as one, app_instance(env) as two:
            for app in (one, two):
                extra = app.ask(EXTRA_QUESTION)
                assert extra["hits"][0]["doc_id"] == EXTRA_DOC
                assert any("Pretoria" in h["text"] for h in app.ask(PRETORIA_QUESTION)["hits"][:3])
                japanese = app.ask(JAPANESE_QUESTION)
                assert all(REMOVED_LANGUAGE in h["languages"] for h in japanese["hits"] if h["doc_id"] == MAIN_DOC)
                if embedder == "e5-small":
                    assert_cited(app.ask(PRETORIA_QUESTION)["answer"], "Pretoria")

            remove_document(knowledge / EXTRA_DOC)
            remove_translation(knowledge / MAIN_DOC, REMOVED_LANGUAGE)
            after = index_counts(env)
            assert after["added"] == after["updated"] == 0
            assert after["removed"] == removed_records

            for app in (one, two):
                extra = app.ask(EXTRA_QUESTION)
                assert all(h["doc_id"] != EXTRA_DOC for h in extra["hits"])
                japanese = app.ask(JAPANESE_QUESTION)
                assert japanese["hits"], "the original and the other translations still answer"
                assert all(REMOVED_LANGUAGE not in h["languages"] for h in japanese["hits"])
                assert any("Pretoria" in h["text"] for h in app.ask(PRETORIA_QUESTION)["hits"][:3])
                if embedder == "e5-small":
                    assert_cited(app.ask(PRETORIA_QUESTION)["answer"], "Pretoria")
                    assert all(c["location"].get("translation", {}).get("language") != REMOVED_LANGUAGE
                               for c in app.ask(JAPANESE_QUESTION)["answer"]["citations"])


# --- helpers -----------------------------------------------------------------------------------------


def server_test_embedder() -> str:
    return os.environ.get("AMF_BOT_TEST_SERVER_EMBEDDER") or "e5-small"


def bot_env(port: int, knowledge: Path, embedder: str) -> dict[str, str]:
    return {
        **os.environ,
        "AMF_BOT_STORE": "server",
        "AMF_BOT_CHROMA_HOST": "127.0.0.1",
        "AMF_BOT_CHROMA_PORT": str(port),
        "AMF_BOT_KNOWLEDGE_DIR": str(knowledge),
        "AMF_BOT_EMBEDDING_MODEL": embedder,
        "AMF_BOT_INDEX_REFRESH_S": "0",
        "AMF_BOT_LLM_PROVIDER": "none",
        "ANONYMIZED_TELEMETRY": "False",
    }


def index_counts(env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-m", "bot", "index", "--quiet"], env=env, cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # "Index up to date: … (198 entries): 198 added, 0 updated, 0 removed, 0 unchanged in 0.3 s"
    return {word: int(number) for number, word in re.findall(r"(\d+) (added|updated|removed|unchanged)", done.stdout)}


class app_instance:  # noqa: N801 - used as a context manager
    """A separate app process answering questions read on its standard input."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "app_instance":
        self.process = subprocess.Popen([sys.executable, "-c", WORKER], env=self.env, cwd=REPO_ROOT, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return self

    def ask(self, question: str) -> dict:
        self.process.stdin.write(json.dumps({"question": question}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"app instance died: {self.process.stderr.read()[-3000:]}")
        return json.loads(line)

    def __exit__(self, *exc: object) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def write_extra_document(folder: Path) -> None:
    folder.mkdir(parents=True)
    text = ("La commune de Zanzibar-la-Forêt a signé un jumelage avec Tromsø pour la gestion de l'eau potable.\n"
            "Une délégation de Tromsø a visité les stations d'épuration de Zanzibar-la-Forêt.\n"
            f"{NOTICE}\n")
    (folder / "fr.txt").write_text(text, encoding="utf-8")
    meta = {"title": "Jumelage de test", "source": "Test", "language": "fr", "original": "fr.txt", "notice": NOTICE}
    (folder / "document.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def remove_document(folder: Path) -> None:
    shutil.rmtree(folder)


def remove_translation(folder: Path, language: str) -> None:
    meta_path = folder / "document.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    (folder / meta["translations"].pop(language)["file"]).unlink()
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def assert_cited(answer: dict, snippet: str) -> None:
    assert answer["status"] == "answered", answer["answer"]
    assert any(snippet in c["passage"] for c in answer["citations"])
    assert "reproduction" in answer["notice"]
