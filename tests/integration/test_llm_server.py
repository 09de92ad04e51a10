"""LLM backends against tests/support/llm_stub_server.py: the real ChatOpenAI and ChatOllama clients, end to end
through `Assistant.ask` over a real (hash-embedded) index; faults and streaming for the chat."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import pytest

from bot.core.settings import Settings
from bot.embedders.registry import make_embedder
from bot.assembly import build_index
from bot.answering.llm.providers import make_chat_model
from bot.answering.llm.faults import visitor_note
from bot.language.messages import not_found_text
from bot.core.models import Answer
from bot.answering.assistant import Assistant
from bot.assembly import make_answerer, make_condenser
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.store.chroma import PassageStore

from support.llm_stub_server import Fail, Garbage, Hang, Reply
from support.llm_cases import (
    QUESTION, QUESTION_KO, MANIPULATION, GOOD, GOOD_KO, FRENCH, UNCITED, OUT_OF_RANGE, MIXED, TIMEOUT_S,
    PROTOCOLS, ACCEPTING, llm_settings, without_timings,
)


# --- Against the stub server, end to end --------------------------------------------------------

@pytest.fixture(scope="module")
def index_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("llm-index")
    settings = Settings(embedding_model="hash", index_dir=root / "index", data_dir=root / "data",
                        cache_dir=root / "cache", llm_provider="none")
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def retriever(index_settings: Settings) -> HybridRetriever:
    embedder = make_embedder(index_settings)
    store = PassageStore(index_settings, embedder)
    return HybridRetriever(store=store, embedder=embedder, index=PassageIndex(store), k=3)


def assistant_for(retriever: HybridRetriever, settings: Settings) -> Assistant:
    """As make_assistant builds it, with the index and thresholds of the hash embedder."""
    return Assistant(retriever, make_answerer(settings, ACCEPTING), settings.max_question_chars,
                     condenser=make_condenser(settings))


@pytest.fixture
def ask_llm(retriever, index_settings, stub):
    def build(protocol: str, **extra: Any) -> Assistant:
        return assistant_for(retriever, llm_settings(index_settings, protocol, stub.base_url(protocol), **extra))
    return build


@pytest.fixture
def extractive(retriever, index_settings) -> Assistant:
    return assistant_for(retriever, index_settings)


def test_provider_none_answers_exactly_as_the_extractive_default(retriever, index_settings):
    configured = assistant_for(retriever, index_settings)
    plain = Assistant(retriever, ACCEPTING)
    for question in (QUESTION, QUESTION_KO, MANIPULATION):
        assert without_timings(configured.ask(question)) == without_timings(plain.ask(question))
        streamed = list(configured.stream(question))
        assert len(streamed) == 1 and without_timings(streamed[0]) == without_timings(plain.ask(question))


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_cited_answer_end_to_end(protocol, ask_llm, stub, extractive):
    stub.script(Reply(GOOD))
    answer = ask_llm(protocol).ask(QUESTION)
    assert (answer.status, answer.mode, answer.model, answer.note) == ("answered", "llm", "stub-model", None)
    assert answer.answer == GOOD and [c.n for c in answer.citations] == [1, 2]
    assert answer.notice and answer.notice == extractive.ask(QUESTION).notice
    assert answer.to_dict().keys() == extractive.ask(QUESTION).to_dict().keys()
    [request] = stub.requests
    assert request.protocol == protocol and request.streamed  # streamed, so that a time-out can stop it
    assert request.body["model"] == "stub-model"
    assert "Answer the question in English" in request.prompt
    assert '<passage n="3">' in request.prompt and '<passage n="4">' not in request.prompt


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_korean_question_gets_the_korean_translation_and_instruction(protocol, ask_llm, stub):
    stub.script(Reply(GOOD_KO))
    answer = ask_llm(protocol).ask(QUESTION_KO)
    assert answer.language == "ko" and answer.mode == "llm" and answer.answer == GOOD_KO
    assert answer.citations[0].translation and answer.citations[0].location["translation"]["language"] == "ko"
    prompt = stub.requests[0].prompt
    assert "Answer the question in Korean" in prompt and "Translation (Korean, unofficial):" in prompt


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_markers_of_passages_not_given_are_dropped(protocol, ask_llm, stub, retriever):
    stub.script(Reply(MIXED))
    answer = ask_llm(protocol).ask(QUESTION)
    assert answer.mode == "llm"
    assert answer.answer == "The permanent working group is led by Jacques AUXIETTE [1]. Its programme was adopted for 2004 [1]."
    third = retriever.search(QUESTION)[2].passage
    assert [c.location["passage_id"] for c in answer.citations] == [third.passage_id]


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("reply", [OUT_OF_RANGE, UNCITED, ""])
def test_reply_without_a_valid_citation_gives_the_passages(protocol, reply, ask_llm, stub, extractive):
    stub.script(Reply(reply))
    answer = ask_llm(protocol).ask(QUESTION)
    expected = extractive.ask(QUESTION)
    assert (answer.mode, answer.model, answer.note) == ("extractive", None, visitor_note("unusable", "en"))
    assert answer.answer == expected.answer and answer.citations == expected.citations
    assert len(stub.requests) == 1


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_not_found_reply_end_to_end(protocol, ask_llm, stub):
    stub.script(Reply("NOT_FOUND"))
    answer = ask_llm(protocol).ask(QUESTION)
    assert (answer.status, answer.mode, answer.citations) == ("not_found", "llm", [])
    assert answer.answer == not_found_text("en") and answer.notice


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_refusals_never_reach_the_model(protocol, ask_llm, stub, extractive):
    answer = ask_llm(protocol).ask(MANIPULATION)
    assert without_timings(answer) == without_timings(extractive.ask(MANIPULATION))
    assert stub.requests == []


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_wrong_language_then_right_on_retry(protocol, ask_llm, stub):
    stub.script(Reply(FRENCH), Reply(GOOD))
    answer = ask_llm(protocol).ask(QUESTION)
    assert answer.mode == "llm" and answer.answer == GOOD
    assert len(stub.requests) == 2 and "not written in English" in stub.requests[1].prompt


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_wrong_language_twice_gives_the_passages(protocol, ask_llm, stub):
    stub.script(Reply(FRENCH), Reply(FRENCH))
    answer = ask_llm(protocol).ask(QUESTION)
    assert (answer.mode, answer.note) == ("extractive", visitor_note("unusable", "en"))
    assert len(stub.requests) == 2


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(("behaviour", "kind", "logged"), [
    (Fail(500), "http", "answered HTTP 500: the server failed"),
    (Fail(404, '{"error": "model \\"stub-model\\" not found"}'), "http", "check AMF_BOT_LLM_MODEL"),
    (Hang(5.0), "timeout", "did not answer within 1 s"),
    (Garbage(), "unusable", "malformed reply"),
])
def test_server_faults_give_the_passages_a_note_and_one_log_line(protocol, behaviour, kind, logged, ask_llm, stub,
                                                               extractive, caplog):
    stub.script(behaviour)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.answering.llm.backends"):
        answer = ask_llm(protocol).ask(QUESTION)
    assert time.monotonic() - started < TIMEOUT_S + 2
    assert (answer.status, answer.mode, answer.model) == ("answered", "extractive", None)
    assert answer.note == visitor_note(kind, "en") and answer.to_dict()["note"] == answer.note
    assert answer.answer == extractive.ask(QUESTION).answer
    [record] = [r for r in caplog.records if r.name == "bot.answering.llm.backends"]
    assert logged in record.getMessage() and "\n" not in record.getMessage() and record.exc_info is None


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_unreachable_server(protocol, retriever, index_settings, caplog):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}" + ("/v1" if protocol == "openai" else "")
    assistant = assistant_for(retriever, llm_settings(index_settings, protocol, url))
    with caplog.at_level(logging.WARNING, logger="bot.answering.llm.backends"):
        answer = assistant.ask(QUESTION)
    assert answer.mode == "extractive" and answer.note == visitor_note("unreachable", "en")
    [record] = [r for r in caplog.records if r.name == "bot.answering.llm.backends"]
    assert f"server at {url} is unreachable: start it or fix AMF_BOT_LLM_BASE_URL" in record.getMessage()


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_follow_up_is_condensed_by_the_model_before_retrieval(protocol, ask_llm, stub):
    stub.script(Reply("Who leads AMF's international working group and how many members does it have?"), Reply(GOOD))
    answer = ask_llm(protocol).ask("And how many members?", history=["Who leads AMF's international working group?"])
    assert answer.mode == "llm" and answer.question == "And how many members?"
    condense, reply = stub.requests
    assert "<earlier_questions>" in condense.prompt and "And how many members does" not in condense.prompt
    assert "<question>\nWho leads AMF's international working group and how many members does it have?" in reply.prompt


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_failing_condenser_falls_back_to_the_rule(protocol, ask_llm, stub):
    stub.script(Fail(503), Reply(GOOD))
    answer = ask_llm(protocol).ask("And its members?", history=["Who leads AMF's international working group?"])
    assert answer.mode == "llm"
    assert "<question>\nWho leads AMF's international working group? And its members?" in stub.requests[1].prompt


# --- Streaming for the chat ---------------------------------------------------------------------

def test_ask_is_the_last_item_of_the_stream(extractive):
    items = list(extractive.stream(QUESTION))
    assert len(items) == 1 and isinstance(items[0], Answer)
    assert without_timings(items[-1]) == without_timings(extractive.ask(QUESTION))


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_assistant_stream_yields_chunks_then_the_answer(protocol, ask_llm, stub):
    stub.script(Reply(MIXED))
    items = list(ask_llm(protocol).stream(QUESTION))
    chunks, final = items[:-1], items[-1]
    assert len(chunks) > 3 and all(isinstance(c, str) for c in chunks) and "".join(chunks) == MIXED
    assert isinstance(final, Answer) and final.mode == "llm" and final.answer.endswith("for 2004 [1].")
    assert stub.requests[0].streamed


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(("behaviour", "kind"), [(Fail(500), "http"), (Hang(5.0), "timeout"), (Garbage(), "unusable"),
                                                 (Reply(UNCITED), "unusable")])
def test_assistant_stream_faults_end_with_the_passages(protocol, behaviour, kind, ask_llm, stub, extractive):
    stub.script(behaviour)
    items = list(ask_llm(protocol).stream(QUESTION))
    final = items[-1]
    assert isinstance(final, Answer) and final.mode == "extractive" and final.note == visitor_note(kind, "en")
    assert final.answer == extractive.ask(QUESTION).answer


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_assistant_stream_retries_the_language_without_streaming(protocol, ask_llm, stub):
    stub.script(Reply(FRENCH), Reply(GOOD))
    final = list(ask_llm(protocol).stream(QUESTION))[-1]
    assert final.mode == "llm" and final.answer == GOOD
    assert [r.streamed for r in stub.requests] == [True, True]


def test_no_tiktoken_anywhere_on_the_openai_path(monkeypatch, ask_llm, stub):
    import tiktoken
    import tiktoken.load

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("tiktoken was called")

    for module, name in [(tiktoken, "get_encoding"), (tiktoken, "encoding_for_model"),
                         (tiktoken.load, "load_tiktoken_bpe"), (tiktoken.load, "read_file_cached")]:
        monkeypatch.setattr(module, name, forbidden)
    stub.script(Reply(GOOD), Reply(GOOD), Reply("Who leads AMF's international working group today?"), Reply(GOOD))
    assistant = ask_llm("openai")
    assert assistant.ask(QUESTION).mode == "llm"
    assert list(assistant.stream(QUESTION))[-1].mode == "llm"
    assert assistant.ask("And today?", history=[QUESTION]).mode == "llm"
    model = make_chat_model(Settings().model_copy(update={"llm_provider": "openai", "llm_model": "gpt-4o-mini",
                                                          "llm_api_key": "k"}))
    assert model.get_num_tokens("some words") > 0  # LangChain's own counting goes through our rough counter
