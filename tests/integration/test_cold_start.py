"""A cold `amf-bot ask` imports only what its answer path needs (the figures are in docs/benchmarks.md).

Each check runs a fresh interpreter, as the command line does: a module imported by an earlier test
of this process would hide the import under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bot.assembly import build_index
from bot.retrieval import saved
from bot.store.generations import Generations
from tests.conftest import REPO

# Not needed to answer with the default (extractive) backend: LangChain's Runnables and tracers, LangSmith,
# the prompt templates (and Jinja2 under them), the LLM backends.
UNNEEDED = ("langsmith", "langchain_core.runnables.base", "langchain_core.tracers", "langchain_core.prompts",
            "jinja2", "bot.answering.llm.backends", "bot.retrieval.documents")

ASK = """
import contextlib, io, json, sys
import bot.cli
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = bot.cli.main(["ask", "Quels pays ont coopéré avec l'AMF ?"])
print(json.dumps({"code": code, "answer": out.getvalue(), "modules": sorted(sys.modules)}))
"""

ASSEMBLE = """
import json, sys
from bot.assembly import make_assistant
from bot.core.settings import load_settings
make_assistant(load_settings())
print(json.dumps({"modules": sorted(sys.modules)}))
"""


def _run(script: str, settings, **extra: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "AMF_BOT_KNOWLEDGE_DIR": str(settings.knowledge_dir),
           "AMF_BOT_INDEX_DIR": str(settings.index_dir), "AMF_BOT_DATA_DIR": str(settings.data_dir),
           "AMF_BOT_EMBEDDING_MODEL": settings.embedding_model, **extra}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in names)]


def test_extractive_answer_imports_no_llm_machinery_nor_tracing(hash_settings):
    build_index(hash_settings)
    result = _run(ASK, hash_settings, AMF_BOT_LLM_PROVIDER="none")
    assert result["code"] in (0, 2) and result["answer"].strip()  # answered (or refused), with its notice
    assert _loaded(result["modules"], UNNEEDED) == []


def test_a_configured_llm_brings_its_backends(hash_settings):
    """The check above can fail: with a language model configured, the backends are imported."""
    result = _run(ASSEMBLE, hash_settings, AMF_BOT_LLM_PROVIDER="ollama", AMF_BOT_LLM_MODEL="llama3.1")
    assert "bot.answering.llm.backends" in result["modules"]
    assert "langchain_core.prompts" in result["modules"]


def test_a_local_index_answers_without_importing_chromadb(hash_settings):
    build_index(hash_settings)
    result = _run(ASK, hash_settings, AMF_BOT_LLM_PROVIDER="none")
    assert result["code"] in (0, 2) and result["answer"].strip()
    assert _loaded(result["modules"], ("chromadb",)) == []

    # The check can fail: without the saved retrieval index, the same answer comes from Chroma's records.
    (Generations(hash_settings.index_dir).published() / saved.FILE_NAME).unlink()
    fallback = _run(ASK, hash_settings, AMF_BOT_LLM_PROVIDER="none")
    assert "chromadb" in fallback["modules"]
    assert (fallback["code"], fallback["answer"]) == (result["code"], result["answer"])
