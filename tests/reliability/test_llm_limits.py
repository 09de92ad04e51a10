"""Issue 10, item 13: a language model that does not stop cannot hold a question (or the server) for long.

Against tests/llm_stub_server.py, both protocols: the answer request carries an output cap (from the
setting, or from the passage count), the condensing request a much smaller one, and an endless reply
is cut at the deadline with the stream closed, so that the server stops generating.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from bot.answering.llm.backends import CONDENSE_MAX_TOKENS, MAX_PASSAGES, answer_max_chars, answer_max_tokens
from bot.assembly import make_answerer, make_condenser
from bot.core.contracts import CitedPassage, Draft
from bot.core.models import Passage, ScoredPassage, Version
from bot.core.settings import Settings
from support.llm_stub_server import Babble, Flood, Reply, StubLLMServer

pytestmark = pytest.mark.reliability

PROTOCOLS = ("openai", "ollama")


def _passage(n: int, text: str) -> ScoredPassage:
    original = Version("fr", text, "doc/fr.txt", 0, len(text), "Titre", "© AMF", True)
    english = Version("en", text, "doc/en.txt", 0, len(text), "Title", "© AMF", False)
    return ScoredPassage(Passage(f"doc#{n}", "doc", "AMF", n, original, {"en": english}), 1.0, 0.9, 1.0)


HITS = [_passage(1, "The group is led by Mr AUXIETTE."), _passage(2, "The programme was set for 2004.")]


class Accepting:
    """An extractive answerer that always finds the first passage answers (the model is then asked)."""

    def answer(self, question: str, language: str, hits: list[ScoredPassage]) -> Draft:
        return Draft("answered", "The group is led by Mr AUXIETTE. [1]", [CitedPassage(hits[0].passage, "en")])

    def stream(self, question: str, language: str, hits: list[ScoredPassage]) -> Iterator[str | Draft]:
        yield self.answer(question, language, hits)


@pytest.fixture(scope="module")
def stub() -> Iterator[StubLLMServer]:
    with StubLLMServer() as server:
        yield server


def settings_for(stub: StubLLMServer, protocol: str, tmp_path, **extra) -> Settings:
    return Settings(knowledge_dir=tmp_path, index_dir=tmp_path / "index", embedding_model="hash",
                    llm_provider=protocol, llm_model="stub-model", llm_base_url=stub.base_url(protocol),
                    llm_api_key="test-key", **extra)


def output_cap(body: dict) -> int | None:
    return body.get("max_tokens") if "messages" in body and "options" not in body else body["options"].get("num_predict")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_answer_request_is_capped_by_default_from_the_passage_count(protocol, stub, tmp_path):
    stub.script(Reply("The group is led by Mr AUXIETTE [1]."))
    draft = make_answerer(settings_for(stub, protocol, tmp_path), Accepting()).answer("Who leads it?", "en", HITS)
    assert draft.mode == "llm" and draft.note is None
    [request] = stub.requests
    assert output_cap(request.body) == answer_max_tokens(0, MAX_PASSAGES) > 0


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_answer_cap_follows_the_setting(protocol, stub, tmp_path):
    stub.script(Reply("The group is led by Mr AUXIETTE [1]."))
    make_answerer(settings_for(stub, protocol, tmp_path, llm_max_tokens=50), Accepting()).answer("Who?", "en", HITS)
    assert output_cap(stub.requests[0].body) == 50


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_condensing_request_gets_a_much_smaller_cap(protocol, stub, tmp_path):
    stub.script(Reply("Who leads AMF's international working group?"))
    condensed = make_condenser(settings_for(stub, protocol, tmp_path)).condense(
        "And who leads it?", ["Tell me about AMF's international working group"], "en")
    assert condensed == "Who leads AMF's international working group?"
    cap = output_cap(stub.requests[0].body)
    assert cap == CONDENSE_MAX_TOKENS and cap * 4 <= answer_max_tokens(0, MAX_PASSAGES)


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("streaming", [False, True])
def test_endless_answer_is_cut_at_the_deadline_and_the_stream_closed(protocol, streaming, stub, tmp_path):
    stub.abandoned.clear()
    stub.script(Babble(interval=0.05, seconds=20))
    answerer = make_answerer(settings_for(stub, protocol, tmp_path, llm_timeout_s=1.0), Accepting())
    started = time.monotonic()
    if streaming:
        *chunks, draft = list(answerer.stream("Who leads it?", "en", HITS))
    else:
        draft = answerer.answer("Who leads it?", "en", HITS)
    elapsed = time.monotonic() - started
    assert draft.status == "answered" and draft.mode == "extractive"  # the passages, with the note
    assert draft.note and "in time" in draft.note
    assert elapsed < 5  # 1 s deadline; the old request ran until the server stopped (20 s)
    assert stub.abandoned.wait(3), "the client must close the stream so that the server stops generating"


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("streaming", [False, True])
def test_a_server_ignoring_the_output_cap_is_cut_by_us_and_the_stream_closed(protocol, streaming, stub, tmp_path):
    """An OpenAI-compatible server that ignores max_tokens once sent a 409,999-character answer through the API
    and 267 MB of chat stream: the reply is read up to the character cap, then the connection is closed."""
    stub.abandoned.clear()
    stub.script(Flood())
    answerer = make_answerer(settings_for(stub, protocol, tmp_path, llm_max_tokens=50, llm_timeout_s=10), Accepting())
    cap = answer_max_chars(0, 50)
    shown = ""
    if streaming:
        *chunks, draft = list(answerer.stream("Who leads it?", "en", HITS))
        shown = "".join(chunks)
    else:
        draft = answerer.answer("Who leads it?", "en", HITS)
    assert draft.status == "answered" and draft.mode == "llm" and draft.cited
    assert 0 < len(draft.text) <= cap and len(shown) <= cap
    assert draft.text.endswith("[1].")  # cut after its last citation, not mid-sentence
    assert stub.abandoned.wait(5), "the client must close the stream so that the server stops writing"
    assert stub.sent_chars < Flood().chars / 2


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_character_cap_follows_its_setting(protocol, stub, tmp_path):
    stub.script(Flood())
    draft = make_answerer(settings_for(stub, protocol, tmp_path, llm_max_chars=1000, llm_timeout_s=10),
                          Accepting()).answer("Who leads it?", "en", HITS)
    assert 800 < len(draft.text) <= 1000


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_condensing_reads_a_flooding_server_only_up_to_its_own_cap(protocol, stub, tmp_path):
    stub.abandoned.clear()
    stub.script(Flood(piece="Who leads AMF's international working group?\n"))
    condensed = make_condenser(settings_for(stub, protocol, tmp_path, llm_timeout_s=10)).condense(
        "And who leads it?", ["Tell me about AMF's international working group"], "en")
    assert condensed == "Who leads AMF's international working group?"
    assert stub.abandoned.wait(5) and stub.sent_chars < Flood().chars / 2
