"""`amf-bot translate` against tests/support/llm_stub_server.py (OpenAI and Ollama protocols, the real clients):
alignment, markup and numbers kept, a fault leaves no file, and a machine translation indexed, answered from
and labelled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.assistant import Assistant
from bot.answering.extractive import ExtractiveAnswerer
from bot.assembly import index_knowledge, translate_document
from bot.cli import main
from bot.core.errors import BackendError
from bot.core.settings import Settings
from bot.embedders.registry import make_embedder
from bot.ingest.translating import find_document
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.store.chroma import PassageStore
from support.llm_cases import PROTOCOLS, TIMEOUT_S, llm_settings
from support.llm_stub_server import Fail, Garbage, Hang, Reply, StubLLMServer

REPO = Path(__file__).resolve().parents[2]
VISITS = [f"Le {i} mai 2004, la délégation de l'AMF a visité la commune jumelée numéro {i}." for i in range(1, 11)]
REPORT = "# Rapport de mission\n\n" + "\n\n".join(VISITS[:-1]) + f"\n\n- {VISITS[-1]} Voir [2].\n"
NOTICE_IT = "La riproduzione parziale o totale dei documenti pubblicati su questo sito senza autorizzazione è vietata."


def italian(text: str) -> str:
    """What the stand-in model answers for each paragraph of the report."""
    if text == "Rapport de mission":
        return "Rapporto di missione"
    if text.startswith("La reproduction"):
        return NOTICE_IT
    dash = "- " if text.startswith("- ") else ""
    i = int(text.split()[1 if not dash else 2])
    return f"{dash}Il {i} maggio 2004, la delegazione dell'AMF ha visitato il comune gemellato numero {i}." + \
        (" Vedi [2]." if dash else "")


def reply(texts: list[str], change=lambda n, text: text) -> Reply:
    return Reply("\n".join(f'<para id="{n}">{change(n, italian(t))}</para>' for n, t in enumerate(texts, 1)))


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(REPO / "knowledge" / "_defaults.json", folder)
    (folder / "rapport.md").write_text(REPORT, encoding="utf-8")
    return folder


def settings_for(knowledge: Path, stub: StubLLMServer, protocol: str) -> Settings:
    base = Settings(knowledge_dir=knowledge, index_dir=knowledge.parent / "index", data_dir=knowledge.parent / "data",
                    cache_dir=knowledge.parent / "cache", embedding_model="hash")
    return llm_settings(base, protocol, stub.base_url(protocol))


def items(knowledge: Path) -> list[str]:
    """What is sent for translation: the title, the content paragraphs, the notice (in batches of 8)."""
    original = find_document(knowledge, "rapport.md").document.original
    return [original.title, *(p.text for p in original.paragraphs), original.notice]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_translation_is_aligned_and_keeps_markup_and_numbers(knowledge, stub, protocol):
    sent = items(knowledge)
    assert len(sent) == 12
    stub.script(reply(sent[:8]), reply(sent[8:]))
    [written] = translate_document(settings_for(knowledge, stub, protocol), "rapport.md", "it")
    assert [r.protocol for r in stub.requests] == [protocol, protocol]
    assert '<para id="8">' in stub.requests[0].prompt and '<para id="9">' not in stub.requests[0].prompt
    data = json.loads(written.read_text("utf-8"))
    assert (data["title"], data["notice"], data["machine"]) == ("Rapporto di missione", NOTICE_IT, True)
    pairs = [(p["original"], p["translation"]) for p in data["paragraphs"]]
    assert [o for o, _ in pairs] == sent[1:-1]
    for original, translated in pairs:
        assert original.split()[1].strip("-") in translated.split() or original.startswith("- ")
    assert pairs[-1][1].startswith("- Il 10 maggio 2004") and pairs[-1][1].endswith("Vedi [2].")


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_reply_that_drops_a_number_is_asked_again_once(knowledge, stub, protocol):
    sent = items(knowledge)
    dropped = reply(sent[:8], lambda n, text: text.replace("2004", "duemilaquattro") if n == 3 else text)
    stub.script(dropped, reply(sent[:8]), reply(sent[8:]))
    translate_document(settings_for(knowledge, stub, protocol), "rapport.md", "it")
    assert len(stub.requests) == 3
    assert "paragraph 3: number(s) 2004 missing" in stub.requests[1].prompt


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("fault, says", [
    (Fail(500), "HTTP 500"), (Hang(TIMEOUT_S * 5), "did not answer within"), (Garbage(), "reply"),
    ("misaligned", "rejected twice"),
])
def test_a_fault_part_way_leaves_no_half_written_file(knowledge, stub, protocol, fault, says):
    sent = items(knowledge)
    failing = [reply(sent[:7]), reply(sent[:7])] if fault == "misaligned" else [fault]
    stub.script(reply(sent[:8]), *failing)  # the first batch is fine, the second one fails
    with pytest.raises(BackendError, match=says):
        translate_document(settings_for(knowledge, stub, protocol), "rapport.md", "it")
    assert sorted(p.name for p in knowledge.iterdir()) == ["_defaults.json", "rapport.md"]


def test_folder_document_is_untouched_after_a_fault_and_the_cli_says_why(knowledge, stub, monkeypatch, capsys):
    folder = knowledge / "amf"
    shutil.copytree(REPO / "knowledge" / "amf-action-internationale", folder)
    meta = json.loads((folder / "document.json").read_text("utf-8"))
    del meta["translations"]["it"]
    (folder / "it.txt").unlink()
    (folder / "document.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for key, value in {"LLM_PROVIDER": "openai", "LLM_MODEL": "stub-model", "LLM_API_KEY": "k",
                       "LLM_BASE_URL": stub.base_url("openai"), "LLM_TIMEOUT_S": "1"}.items():
        monkeypatch.setenv(f"AMF_BOT_{key}", value)
    stub.script(Fail(503))
    assert main(["translate", "amf", "--to", "it", "--knowledge-dir", str(knowledge)]) == 1
    err = capsys.readouterr().err
    assert "amf-bot: the translation into Italian stopped" in err and "HTTP 503" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_machine_translation_is_indexed_and_labelled_in_the_answer(knowledge, stub):
    sent = items(knowledge)
    stub.script(reply(sent[:8]), reply(sent[8:]))
    settings = settings_for(knowledge, stub, "openai")
    translate_document(settings, "rapport.md", "it")
    outcome = index_knowledge(settings)
    assert outcome.ok and outcome.sync.languages == 2
    store = PassageStore(settings, make_embedder(settings))
    retriever = HybridRetriever(store=store, embedder=store.embedder, index=PassageIndex(store), k=3)
    answer = Assistant(retriever, ExtractiveAnswerer()).ask(
        "Quando la delegazione dell'AMF ha visitato il comune gemellato numero 7?", language="it")
    assert answer.status == "answered", answer.answer
    cited = answer.citations[0]
    assert "numero 7" in cited.translation and "numéro 7" in cited.passage
    assert cited.location["translation"] == {"language": "it", "file": "rapport.md.it.json",
                                             "start": cited.location["translation"]["start"],
                                             "end": cited.location["translation"]["end"],
                                             "status": "traduzione automatica (non ufficiale)"}
    assert answer.notice.endswith(f"{NOTICE_IT} (traduzione automatica (non ufficiale))")


def test_the_staff_button_translates_and_refreshes_the_index(knowledge, stub):
    from bot.assembly import make_document_translations

    sent = items(knowledge)
    stub.script(reply(sent[:8]), reply(sent[8:]))
    settings = settings_for(knowledge, stub, "ollama")
    translations = make_document_translations(settings)
    assert translations.model_configured
    assert translations.translate("rapport.md", ["it"]) == [knowledge / "rapport.md.it.json"]
    store = PassageStore(settings, make_embedder(settings))
    assert {v.language for p in store.load_corpus().passages for v in p.versions} == {"fr", "it"}
    assert all(p.translations["it"].machine for p in store.load_corpus().passages)
    assert translations.rows() == [["rapport.md", "fr", "", "it (rapport.md.it.json)"]]
