"""Machine drafts of validated answers' missing translations: drafted by a (fake) chat model, kept apart, never
served until staff approve them; idempotent, safe against a damaged file, explained when no model is configured."""

from __future__ import annotations

import json

import pytest

from bot.answering.llm.translation import Translator, translate_text
from bot.answering.validated import ValidatedAnswers
from bot.core.errors import BackendError, ConfigurationError, KnowledgeError
from bot.core.health import Health
from bot.ingest.validated import ValidatedShelf, load_validated, new_validated, read_validated, save_validated
from bot.ingest.validated_drafts import MachineDraft, drafts_path, read_drafts, save_draft
from bot.language.messages import messages
from bot.web.staff import WORDS
from bot.web.staff_drafts import AnswerDrafts, draft_rows
from support.llm_cases import SERVER, FailingFakeModel, RecordingFakeModel, passage

FRENCH = "Le groupe de travail est présidé par Jacques AUXIETTE depuis 2004 [1]."
KOREAN = "실무 그룹은 2004년부터 자크 오시에트(Jacques AUXIETTE)가 의장을 맡고 있습니다 [1]."
ITALIAN = "Il gruppo di lavoro è presieduto da Jacques AUXIETTE dal 2004 [1]."
WORDING_KO = "AMF 국제 실무 그룹은 누가 이끌고 있습니까?"
SUPPORT = passage(1, "Le groupe est dirigé par M. AUXIETTE.").passage


def reply(text: str) -> str:
    return f'<para id="1">{text}</para>'


def translating(*replies: str, max_chars: int = 0) -> tuple:
    """The staff desk's `translate` as assembly builds it, on a fake chat model (and the model, to count calls)."""
    model = RecordingFakeModel(responses=list(replies))
    translator = Translator(model, SERVER, max_chars=max_chars)
    return (lambda french, language: translate_text(translator, french, "fr", language)), model


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "validated"
    save_validated(folder, new_validated({"fr": FRENCH}, ["Qui dirige le groupe ?", WORDING_KO],
                                         [SUPPORT.passage_id], "qui", "2026-11-28"))
    return folder


def desk_drafts(folder, translate, lacking=None, health=None) -> AnswerDrafts:
    return AnswerDrafts(folder, translate, lambda: lacking or {}, "fake-model", health or Health())


def test_a_korean_visitor_gets_the_french_text_while_only_a_draft_exists_and_korean_once_approved(folder):
    translate, _ = translating(reply(KOREAN))
    drafts = desk_drafts(folder, translate)
    visitors = ValidatedAnswers(None, ValidatedShelf(folder, Health()).current, lambda: {SUPPORT.passage_id: SUPPORT},
                                threshold=None)

    assert drafts.draft("qui", ["ko"]) == ["ko"]
    assert read_drafts(folder, "qui")["ko"].text == KOREAN
    served = visitors.draft(WORDING_KO, "ko")
    assert served.text.startswith(messages("ko").validated_original + "\n" + FRENCH)
    assert "오시에트" not in served.text  # the draft is never served

    drafts.approve("qui", "ko", KOREAN.replace("자크 오시에트", "자크 오시에트 시장"))  # as staff edited it
    served = visitors.draft(WORDING_KO, "ko")
    assert served.text == KOREAN.replace("자크 오시에트", "자크 오시에트 시장")
    assert not served.text.startswith(messages("ko").validated_original)
    assert read_drafts(folder, "qui") == {} and not drafts_path(folder, "qui").exists()
    assert read_validated(folder / "qui.json").validated_on == "2026-11-28"


def test_drafting_is_idempotent_and_drafts_all_the_languages_asked_for(folder):
    translate, model = translating(reply(KOREAN), reply(ITALIAN))
    drafts = desk_drafts(folder, translate, lacking={"qui": {"ko": 3, "it": 1}})

    assert drafts.draft("qui") == ["ko", "it"]  # every language visitors asked it in without a text
    assert drafts.draft("qui") == [] and drafts.draft("qui", ["ko"]) == []  # already drafted: the model is not asked
    assert len(model.seen) == 2
    prompt = "\n".join(str(m.content) for m in model.seen[0])
    assert "into Korean" in prompt and "AUXIETTE depuis 2004" in prompt
    drafts.approve("qui", "it", ITALIAN)
    assert drafts.draft("qui", ["it"]) == []  # a language with a text is not drafted again
    assert [(a.answer_id, d.language) for a, d in drafts.pending()] == [("qui", "ko")]
    with pytest.raises(KnowledgeError, match="cannot draft into fr, xx"):
        drafts.draft("qui", ["fr", "xx"])
    with pytest.raises(KnowledgeError, match="no validated answer"):
        drafts.draft("nobody", ["ko"])


def test_without_a_model_drafting_says_which_settings_it_needs_in_the_staff_language(folder):
    drafts = desk_drafts(folder, None)
    assert not drafts.model_configured
    with pytest.raises(ConfigurationError, match="AMF_BOT_LLM_PROVIDER"):
        drafts.draft("qui", ["ko"])
    assert "AMF_BOT_LLM_PROVIDER" in WORDS["fr"]["draft_no_model"] and "demande" in WORDS["fr"]["draft_no_model"]
    assert "AMF_BOT_LLM_PROVIDER" in WORDS["en"]["draft_no_model"] and "needs" in WORDS["en"]["draft_no_model"]
    assert not drafts_path(folder, "qui").exists()


@pytest.mark.parametrize("model, problem", [
    (FailingFakeModel(responses=["unused"]), "stopped"),  # the server fails
    (RecordingFakeModel(responses=[reply(KOREAN.replace("2004", "2005"))] * 2), "2004"),  # a number lost, twice
    (RecordingFakeModel(responses=[reply("Le groupe est présidé par Jacques AUXIETTE depuis 2004 [1].")] * 2),
     "not written in Korean"),
])
def test_a_translation_that_fails_or_fails_its_checks_writes_no_draft(folder, model, problem):
    translator = Translator(model, SERVER)
    drafts = desk_drafts(folder, lambda french, language: translate_text(translator, french, "fr", language))
    with pytest.raises(BackendError, match=problem):
        drafts.draft("qui", ["ko"])
    assert read_drafts(folder, "qui") == {}


def test_the_reply_read_is_capped_like_an_answer(folder):
    translate, _ = translating(reply(KOREAN + " " + "가나다라 " * 200), reply(KOREAN + " " + "가나다라 " * 200),
                               max_chars=200)
    with pytest.raises(BackendError, match="rejected twice"):  # cut at 200 characters: no closing tag
        desk_drafts(folder, translate).draft("qui", ["ko"])


def test_drafts_are_labelled_and_marked_when_the_french_text_changed(folder):
    translate, _ = translating(reply(KOREAN))
    drafts = desk_drafts(folder, translate)
    drafts.draft("qui", ["ko"])
    [row] = draft_rows(drafts.pending(), WORDS["fr"])
    assert row[:3] == ["qui", "ko", "Brouillon automatique — à relire"] and row[-1] == KOREAN
    answer = load_validated(folder)[0]
    save_validated(folder, new_validated({"fr": "Autre texte."}, list(answer.wordings), list(answer.passage_ids), "qui"))
    [row] = draft_rows(drafts.pending(), WORDS["en"])
    assert row[2] == "Machine draft — review before publishing (the French text changed since)"


def test_approve_and_discard_check_what_they_are_given(folder):
    translate, _ = translating(reply(KOREAN))
    drafts = desk_drafts(folder, translate)
    with pytest.raises(KnowledgeError, match="no draft"):
        drafts.approve("qui", "ko", KOREAN)
    drafts.draft("qui", ["ko"])
    with pytest.raises(KnowledgeError, match="empty"):
        drafts.approve("qui", "ko", "  ")
    assert drafts.discard("qui", "ko") and not drafts.discard("qui", "ko")
    assert "ko" not in load_validated(folder)[0].texts
    with pytest.raises(KnowledgeError):
        drafts.approve("../qui", "ko", KOREAN)  # never a path outside the folder


def test_a_damaged_drafts_file_costs_only_its_drafts(folder):
    health = Health()
    translate, _ = translating(reply(KOREAN))
    drafts = desk_drafts(folder, translate, health=health)
    path = drafts_path(folder, "qui")
    path.parent.mkdir()
    path.write_text('{"id": "qui", "drafts": {"ko": {"text": "')  # truncated
    assert drafts.pending() == [] and health.warnings() == [
        "validated drafts: drafts/qui.json cannot be read (JSONDecodeError) (replaced by the next draft written)"]
    assert [a.answer_id for a in ValidatedShelf(folder, Health()).current()] == ["qui"]  # the answer is served
    assert drafts.draft("qui", ["ko"]) == ["ko"]  # the damaged file is replaced
    assert drafts.pending() and health.warnings() == []

    data = json.loads(path.read_text())
    data["drafts"].update({"it": {"text": 3}, "xx": {**data["drafts"]["ko"]}})  # entries that are not drafts
    path.write_text(json.dumps(data))
    assert list(read_drafts(folder, "qui")) == ["ko"]
    path.write_text(json.dumps({**data, "id": "other"}))
    with pytest.raises(KnowledgeError, match="not the drafts of"):
        read_drafts(folder, "qui")


def test_the_answers_reader_never_opens_the_drafts(folder):
    save_draft(folder, "qui", MachineDraft("ko", KOREAN, FRENCH, "m", "2026-12-03"))
    assert [a.texts for a in load_validated(folder)] == [{"fr": FRENCH}]
    shelf = ValidatedShelf(folder, Health())
    assert [a.texts for a in shelf.current()] == [{"fr": FRENCH}] and shelf.skipped == []


def test_the_staff_page_drafts_then_approves_and_says_when_no_model_is_configured(folder, tmp_path):
    from bot.records.questions import QuestionLog
    from bot.web.staff import build_staff_app
    from bot.web.staff_desk import StaffDesk

    def handler(app, name: str):
        return next(f.fn for f in app.fns.values() if f.name == name)

    log = QuestionLog(tmp_path / "questions.sqlite3")
    bare = build_staff_app(StaffDesk(log, validated=None, folder=folder, searcher=None))
    said = handler(bare, "run")("fr", None, "qui", "ko")[0]
    assert "demande un modèle de langue" in said and "AMF&#95;BOT&#95;LLM&#95;PROVIDER" in said
    assert "needs a language model" in handler(bare, "run")("en", None, "qui", "ko")[0]

    translate, _ = translating(reply(KOREAN))
    visitors = ValidatedAnswers(None, ValidatedShelf(folder, Health()).current, lambda: {SUPPORT.passage_id: SUPPORT},
                                threshold=None)
    app = build_staff_app(StaffDesk(log, validated=visitors, folder=folder, searcher=None,
                                    translate_answer=translate, model_name="fake-model"))
    said, drafts, answer_ids, choices = handler(app, "run")("en", None, "qui", "ko")
    assert "✔" in said and answer_ids["choices"] == ["qui"] and choices == {"__type__": "update", "choices": ["qui · ko"],
                                                                            "value": None}
    assert drafts["data"] == [["qui", "ko", "Machine draft — review before publishing", drafts["data"][0][3],
                               "fake-model", KOREAN]]
    assert handler(app, "pick")("qui · ko") == KOREAN
    said, text, _, _, _, choices = handler(app, "approve_clicked")("en", "qui · ko", " ")  # refused: edits kept
    assert "empty" in said and text == {"__type__": "update"} and "value" not in choices
    said, text, answers, drafts, _, choices = handler(app, "approve_clicked")("fr", "qui · ko", KOREAN + " ")
    assert "Approuvé" in said and text == "" and choices["choices"] == []
    assert load_validated(folder)[0].texts["ko"] == KOREAN
    assert "ko" in answers["data"][0][2]  # the answers' table lists the language


def test_removing_an_answer_removes_its_drafts(folder):
    from bot.ingest.validated import remove_validated

    save_draft(folder, "qui", MachineDraft("ko", KOREAN, FRENCH, "m", "2026-12-03"))
    assert remove_validated(folder, "qui") and not drafts_path(folder, "qui").exists()


def test_a_failure_midway_keeps_the_drafts_written_before_it_and_says_so(folder):
    translate, _ = translating(reply(KOREAN))  # one reply: the second language meets an exhausted model

    def korean_then_failing(french: str, language: str) -> str:
        if language == "ko":
            return translate(french, language)
        raise BackendError("the translation into Italian stopped: connection refused")

    drafts = desk_drafts(folder, korean_then_failing, lacking={"qui": {"ko": 2, "it": 1, "zz": 1}})
    with pytest.raises(BackendError, match=r"Italian stopped: connection refused \(drafted before it: ko\)"):
        drafts.draft("qui")  # a logged language the assistant does not speak is left out, not an error
    assert list(read_drafts(folder, "qui")) == ["ko"]
