"""Machine translations: the checks of a reply, the translator with fake chat models, the files written
(folder format and dropped-file sidecars), the loader attaching them, their label everywhere they show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot.answering.assistant import _citation, notice_for
from bot.answering.llm.faults import Server
from bot.answering.llm.translation import Translator, check_reply, numbers, paragraph_problem
from bot.assembly import NO_MODEL, translate_document
from bot.cli import main, render_text
from bot.core.errors import BackendError, BotError, ConfigurationError
from bot.core.settings import Settings
from bot.ingest.chunking import chunk_document
from bot.ingest.knowledge import load_folder
from bot.ingest.translating import find_document, parse_languages, translate_target
from bot.language.messages import MESSAGES, messages
from bot.store.chroma import passages_from_records, records_for
from bot.web.html import citation_html, escape_text
from support.llm_cases import FailingFakeModel, RecordingFakeModel

REPO = Path(__file__).resolve().parents[2]
SERVER = Server("fake", "fake-model", "http://fake", 1.0)
REPORT = ("# Rapport de mission\n\nL'AMF a reçu 12 maires italiens le 3 mai 2004 [1].\n\n"
          "- Visite à Rome : 1 500 participants, voir https://www.amf.asso.fr/rome.\n")


def replies(*paragraphs: str) -> str:
    return "\n".join(f'<para id="{n}">{text}</para>' for n, text in enumerate(paragraphs, 1))


def italian(texts: list[str], source: str, target: str) -> list[str]:
    """A stand-in translator (a real function, not a mock): marks each paragraph, keeps numbers and markup."""
    return [f"- IT {t[2:]}" if t.startswith("- ") else f"IT {t}" for t in texts]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(REPO / "knowledge" / "_defaults.json", folder)
    shutil.copytree(REPO / "knowledge" / "amf-action-internationale", folder / "amf")
    (folder / "rapport.md").write_text(REPORT, encoding="utf-8")
    meta = json.loads((folder / "amf" / "document.json").read_text("utf-8"))
    for language in ("it", "es"):  # translated here by machine
        del meta["translations"][language]
        (folder / "amf" / f"{language}.txt").unlink()
    (folder / "amf" / "document.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    return folder


# --- The checks ---------------------------------------------------------------------------------

def test_numbers_ignore_thousands_separators_and_full_width_digits():
    assert numbers("1 500 maires, 2003-2004") == numbers("1,500 mayors, 2003–2004") == ["1500", "2003", "2004"]
    assert numbers("２００４年") == ["2004"]


@pytest.mark.parametrize("translated, problem", [
    ("L'AMF ha ricevuto 12 sindaci il 3 maggio [1].", "2004"),
    ("L'AMF ha ricevuto 12 sindaci il 3 maggio 2004.", "[1]"),
    ("", "empty"),
])
def test_a_translation_that_loses_a_number_or_a_token_is_refused(translated, problem):
    assert problem in paragraph_problem("L'AMF a reçu 12 maires le 3 mai 2004 [1].", translated)


def test_list_dash_and_addresses_are_kept():
    original = "- Voir https://www.amf.asso.fr/rome et contact@amf.asso.fr."
    assert "dash" in paragraph_problem(original, "Vedere https://www.amf.asso.fr/rome e contact@amf.asso.fr.")
    assert "https://www.amf.asso.fr/rome" in paragraph_problem(original, "- Vedere il sito e contact@amf.asso.fr.")
    assert paragraph_problem(original, "- Vedere https://www.amf.asso.fr/rome e contact@amf.asso.fr.") == ""


def test_the_reply_must_have_every_paragraph_once_in_order():
    batch = ["Le groupe de travail se réunit.", "Il a adopté un programme."]
    assert check_reply(replies("Il gruppo di lavoro si riunisce."), batch, "it")[1]
    swapped = '<para id="2">Ha adottato un programma.</para><para id="1">Il gruppo di lavoro si riunisce.</para>'
    assert check_reply(swapped, batch, "it")[1]
    good = replies("Il gruppo di lavoro si riunisce regolarmente.", "Ha adottato un programma di lavoro.")
    assert check_reply(good, batch, "it") == (["Il gruppo di lavoro si riunisce regolarmente.",
                                               "Ha adottato un programma di lavoro."], [])


def test_a_reply_left_in_the_source_language_is_refused():
    batch = ["Le groupe de travail international de l'AMF se réunit chaque mois à Paris avec les maires."]
    assert "not written in Italian" in check_reply(replies(batch[0]), batch, "it")[1][0]


# --- The translator, with fake chat models --------------------------------------------------------

def test_translator_numbers_paragraphs_and_asks_again_once_naming_the_problem():
    batch = ["L'AMF a reçu 12 maires en 2004.", "Le groupe de travail a adopté son programme."]
    model = RecordingFakeModel(responses=[
        replies("L'AMF ha ricevuto dodici sindaci nel 2004.", "Il gruppo di lavoro ha adottato il programma."),
        replies("L'AMF ha ricevuto 12 sindaci nel 2004.", "Il gruppo di lavoro ha adottato il programma."),
    ])
    out = Translator(model, SERVER).translate(batch, "fr", "it")
    assert out == ["L'AMF ha ricevuto 12 sindaci nel 2004.", "Il gruppo di lavoro ha adottato il programma."]
    first, second = ["\n".join(str(m.content) for m in sent) for sent in model.seen]
    assert '<para id="1">L\'AMF a reçu 12 maires en 2004.</para>' in first and "into Italian" in first
    assert "paragraph 1: number(s) 12 missing" in second


def test_translator_fails_clearly_after_two_bad_replies():
    model = FakeListChatModel(responses=[replies("Uno."), replies("Uno.")])
    with pytest.raises(BackendError, match="rejected twice"):
        Translator(model, SERVER).translate(["Un.", "Deux."], "fr", "it")


def test_translator_turns_a_fault_into_one_clear_error():
    with pytest.raises(BackendError, match="stopped: .*unreachable"):
        Translator(FailingFakeModel(responses=["x"]), SERVER).translate(["Un."], "fr", "it")


def test_long_documents_go_in_small_batches():
    model = RecordingFakeModel(responses=[replies(*[f"Paragrafo numero {i}." for i in range(1, 9)]),
                                          replies("Paragrafo numero 9.")])
    out = Translator(model, SERVER, batch_paragraphs=8).translate([f"Paragraphe numéro {i}." for i in range(1, 10)],
                                                                   "fr", "it")
    assert len(model.seen) == 2 and out[-1] == "Paragrafo numero 9."


# --- Files, and the loader ----------------------------------------------------------------------

def test_folder_translation_is_aligned_flagged_and_loaded_as_machine(knowledge: Path):
    target = find_document(knowledge, "amf")
    [written] = translate_target(target, knowledge, ["it"], italian)
    original = (knowledge / "amf" / "fr.txt").read_text("utf-8").splitlines()
    lines = written.read_text("utf-8").splitlines()
    assert written == knowledge / "amf" / "it.txt" and len(lines) == len([o for o in original if o.strip()])
    assert lines[3] == f"IT {[o for o in original if o.strip()][3]}"
    entry = json.loads((knowledge / "amf" / "document.json").read_text("utf-8"))["translations"]["it"]
    assert entry == {"file": "it.txt", "title": "IT L'action internationale de l'AMF", "status": "unofficial",
                     "machine": True}
    [doc] = [d for d in load_folder(knowledge).documents if d.doc_id == "amf"]
    assert doc.translations["it"].machine and not doc.translations["en"].machine
    assert doc.translations["it"].notice.startswith("IT La reproduction")


def test_dropped_file_sidecar_is_attached_until_the_file_changes(knowledge: Path):
    [written] = translate_target(find_document(knowledge, "rapport.md"), knowledge, ["it"], italian)
    assert written == knowledge / "rapport.md.it.json"
    data = json.loads(written.read_text("utf-8"))
    assert data["machine"] is True and [p["n"] for p in data["paragraphs"]] == [1, 2]
    assert data["paragraphs"][1]["original"].startswith("- Visite à Rome")
    report = load_folder(knowledge)
    doc = next(d for d in report.documents if d.doc_id == "rapport.md")
    it = doc.translations["it"]
    assert it.machine and it.source_file == "rapport.md.it.json" and it.title == "IT Rapport de mission"
    assert [p.text for p in it.paragraphs] == [f"IT {doc.original.paragraphs[0].text}",
                                               f"- IT {doc.original.paragraphs[1].text[2:]}"]
    assert not report.skipped and not report.failed  # the sidecar is not a document of its own
    (knowledge / "rapport.md").write_text(REPORT.replace("12 maires", "14 maires"), "utf-8")
    report = load_folder(knowledge)
    assert "it" not in next(d for d in report.documents if d.doc_id == "rapport.md").translations
    assert report.stale == ["rapport.md.it.json"] and "no longer matches" in "\n".join(report.lines())


def test_a_failure_leaves_no_file_and_the_metadata_untouched(knowledge: Path):
    before = (knowledge / "amf" / "document.json").read_bytes()
    calls = []

    def failing(texts, source, target):
        calls.append(target)
        if target == "es":
            raise BackendError("the server went away")
        return italian(texts, source, target)

    with pytest.raises(BackendError, match=r"went away \(written before it: .*it\.txt\)"):
        translate_target(find_document(knowledge, "amf"), knowledge, ["it", "es"], failing)
    assert calls == ["it", "es"] and not (knowledge / "amf" / "es.txt").exists()
    meta = json.loads((knowledge / "amf" / "document.json").read_text("utf-8"))
    assert "it" in meta["translations"] and "es" not in meta["translations"]
    assert before != (knowledge / "amf" / "document.json").read_bytes()
    assert not [p for p in knowledge.rglob("*") if p.name.endswith(".tmp")]
    with pytest.raises(BackendError):
        translate_target(find_document(knowledge, "rapport.md"), knowledge, ["es"], failing)
    assert not (knowledge / "rapport.md.es.json").exists()


def test_refusals(knowledge: Path):
    with pytest.raises(BotError, match="allowed: fr, en"):
        parse_languages("it,xx")
    amf = find_document(knowledge, "amf")
    with pytest.raises(BotError, match="written in fr"):
        translate_target(amf, knowledge, ["fr"], italian)
    with pytest.raises(BotError, match="human or reviewed translation into en"):
        translate_target(amf, knowledge, ["it", "en"], italian)
    assert not (knowledge / "amf" / "it.txt").exists()
    with pytest.raises(BotError, match="no document 'nothing'"):
        find_document(knowledge, "nothing")
    translate_target(amf, knowledge, ["it"], italian)
    translate_target(find_document(knowledge, "amf"), knowledge, ["it"], italian)  # a machine one is redone


def test_without_a_model_the_command_says_so(knowledge: Path, tmp_path: Path, capsys):
    settings = Settings(knowledge_dir=knowledge, index_dir=tmp_path / "index", llm_provider="none")
    with pytest.raises(ConfigurationError, match="needs a language model"):
        translate_document(settings, "amf", "it")
    assert main(["translate", "amf", "--to", "it", "--knowledge-dir", str(knowledge), "--llm-provider", "none"]) == 1
    err = capsys.readouterr().err
    assert NO_MODEL in err and "Traceback" not in err
    assert not (knowledge / "amf" / "it.txt").exists()


# --- Provenance and labels ------------------------------------------------------------------------

def test_machine_flag_travels_through_chunks_and_the_store_and_labels_the_sources(knowledge: Path):
    translate_target(find_document(knowledge, "amf"), knowledge, ["it"], italian)
    doc = next(d for d in load_folder(knowledge).documents if d.doc_id == "amf")
    passage = chunk_document(doc)[1]
    assert passage.translations["it"].machine and not passage.translations["en"].machine
    records = records_for([passage], "hash")
    [back] = passages_from_records([r.id for r in records], [r.document for r in records], [r.metadata for r in records])
    assert back == passage

    citation = _citation(1, back, "it")
    assert citation.location["translation"]["status"] == "traduzione automatica (non ufficiale)"
    assert _citation(1, back, "en").location["translation"]["status"] == "unofficial translation"
    assert "(traduzione automatica (non ufficiale))" in notice_for([back], "it")
    assert escape_text("traduzione automatica (non ufficiale)") in citation_html(citation, "it")
    answer = {"language": "it", "answer": "…", "notice": "©", "citations": [citation.to_dict()]}
    assert f"(traduzione automatica (non ufficiale)) « {citation.translation} »" in render_text(answer)


def test_every_language_names_a_machine_translation():
    labels = {language: said.machine_translation for language, said in MESSAGES.items()}
    assert len(labels) == 11 and all(labels.values()) and len(set(labels.values())) == 11
    assert all(label != messages(language).unofficial for language, label in labels.items())


# --- The staff page's translate button ----------------------------------------------------------

def test_staff_desk_lists_translations_and_says_when_no_model_is_configured(knowledge: Path, tmp_path: Path):
    from bot.assembly import make_document_translations
    from bot.web.staff import build_staff_app
    from bot.web.staff_desk import StaffDesk

    translate_target(find_document(knowledge, "amf"), knowledge, ["it"], italian)
    settings = Settings(knowledge_dir=knowledge, index_dir=tmp_path / "index", embedding_model="hash",
                        llm_provider="none")
    translations = make_document_translations(settings)
    rows = {row[0]: row for row in translations.rows()}
    assert rows["amf"][1:] == ["fr", "de en ja ko pt ro ru uk", "it (amf/it.txt)"]
    assert rows["rapport.md"][1:] == ["fr", "", ""]
    assert not translations.model_configured
    with pytest.raises(ConfigurationError, match="needs a language model"):
        translations.translate("rapport.md", ["it"])
    app = build_staff_app(StaffDesk(None, None, tmp_path / "validated", None, translations))
    ids = {c.get("props", {}).get("elem_id") for c in app.config["components"]}
    assert {"staff-no-model", "staff-translate", "staff-documents", "staff-target-languages"} <= ids
    [handler] = [f.fn for f in app.fns.values() if getattr(f.fn, "__name__", "") == "run_translation"]
    said, _ = handler("rapport.md", ["it"])
    assert "Aucun modèle de langue n&#39;est configuré" in said and "No language model is configured" in said
    assert not (knowledge / "rapport.md.it.json").exists()
