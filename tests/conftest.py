"""Shared fixtures (settings pointing at temporary folders, copies of the knowledge base) and the test tiers.

The folders are the tiers: unit/ (no socket, no subprocess, no real model), integration/, browser/,
eval/, reliability/. A test below a tier folder carries that tier's marker, so
`-m "not integration and not browser and not eval and not reliability"` is the unit tier.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
TIER_MARKERS = ("integration", "browser", "eval", "reliability")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = REPO / "tests"
    for item in items:
        path = Path(str(item.path))
        if path.is_relative_to(tests) and (tier := path.relative_to(tests).parts[0]) in TIER_MARKERS:
            item.add_marker(tier)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of the knowledge folder that a test may change."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


@pytest.fixture
def hash_settings(tmp_path: Path, knowledge_copy: Path):
    """Settings on the deterministic hash embedder, with a fresh index in tmp_path."""
    from bot.core.settings import Settings

    return Settings(knowledge_dir=knowledge_copy, index_dir=tmp_path / "index", data_dir=tmp_path / "data",
                    embedding_model="hash")


@pytest.fixture
def hash_assistant(hash_settings):
    """An assistant on a fresh hash-embedder index with the refusal gate open: the hash embedder's
    similarities mean little, so what a test checks comes from the rules, not from the model."""
    from bot.answering.assistant import Assistant
    from bot.answering.extractive import ExtractiveAnswerer
    from bot.assembly import build_index
    from bot.embedders.registry import make_embedder
    from bot.retrieval.hybrid import HybridRetriever, PassageIndex
    from bot.store.chroma import PassageStore

    build_index(hash_settings)
    embedder = make_embedder(hash_settings)
    store = PassageStore(hash_settings, embedder)
    return Assistant(HybridRetriever(store=store, embedder=embedder, index=PassageIndex(store)), ExtractiveAnswerer())


@pytest.fixture(scope="session")
def e5_settings(tmp_path_factory):
    """Settings on the real default embedder, with the real knowledge base indexed once per session."""
    from bot.core.settings import Settings
    from bot.assembly import build_index

    folder = tmp_path_factory.mktemp("e5")
    settings = Settings(index_dir=folder / "index", data_dir=folder / "data")
    build_index(settings)
    return settings


@pytest.fixture(scope="session")
def e5_assistant(e5_settings):
    """The assistant exactly as `amf-bot ask` builds it, on the session's real index."""
    from bot.assembly import make_assistant

    return make_assistant(e5_settings)


@pytest.fixture(scope="module")
def stub_server():
    """The stand-in LLM server (OpenAI and Ollama protocols on 127.0.0.1), one per test module."""
    from support.llm_stub_server import StubLLMServer

    with StubLLMServer() as server:
        yield server


@pytest.fixture
def stub(stub_server):
    stub_server.reset()
    return stub_server
