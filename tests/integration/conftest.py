"""Fixtures of the integration tier: the stand-in LLM server (OpenAI and Ollama protocols on 127.0.0.1)."""

import pytest
from support.llm_stub_server import StubLLMServer


@pytest.fixture(scope="module")
def stub_server():
    with StubLLMServer() as server:
        yield server


@pytest.fixture
def stub(stub_server: StubLLMServer) -> StubLLMServer:
    stub_server.reset()
    return stub_server
