"""Follow-ups without a language model: a question that leans on the one before is read with it; one that
stands on its own is answered on its own (no passages inherited from the earlier question)."""

from __future__ import annotations

import pytest

from bot.answering.followups import FollowUpCondenser, leans_on_earlier
from bot.records.feedback import FeedbackStore
from bot.web.chat import Chat

EARLIER = "Qui dirige le groupe de travail international ?"
STANDALONE = "Which countries has AMF cooperated with?"


@pytest.mark.parametrize("question, language", [
    ("Who leads it?", "en"), ("And its members?", "en"), ("Et ses membres ?", "fr"), ("Qui la préside ?", "fr"),
    ("Pourquoi ?", "fr"), ("Und wer leitet ihn?", "de"), ("¿Y quién lo dirige?", "es"), ("E chi lo guida?", "it"),
    ("А кто его возглавляет?", "ru"), ("А хто його очолює?", "uk"), ("그럼 그것은 누가 이끌어요?", "ko"),
    ("それは誰が率いていますか？", "ja"), ("E quem o dirige? E os seus membros?", "pt"), ("Și cine îl conduce?", "ro"),
])
def test_questions_that_point_back_are_follow_ups(question, language):
    assert leans_on_earlier(question, language)
    assert FollowUpCondenser().condense(question, [EARLIER], language) == f"{EARLIER} {question}"


@pytest.mark.parametrize("question, language", [
    (STANDALONE, "en"), ("Quels pays l'AMF a-t-elle reçus ?", "fr"), ("Y a-t-il un accord avec le Japon ?", "fr"),
    ("Is there an agreement with Japan?", "en"), ("Gibt es Partnerschaften mit Städten?", "de"),
    ("Con quali paesi coopera l'AMF?", "it"), ("Какие города сотрудничают с AMF?", "ru"),
    ("Comment devenir partenaire de l'AMF ?", "fr"),
])
def test_questions_that_stand_on_their_own_are_not_joined(question, language):
    assert not leans_on_earlier(question, language)
    assert FollowUpCondenser().condense(question, [EARLIER], language) == question


def test_a_new_question_does_not_inherit_the_earlier_passages(hash_assistant):
    alone = hash_assistant.ask(STANDALONE).to_dict()
    after = hash_assistant.ask(STANDALONE, history=[EARLIER]).to_dict()
    assert [c["location"]["passage_id"] for c in after["citations"]] == \
        [c["location"]["passage_id"] for c in alone["citations"]]


def test_the_chat_and_the_api_with_history_answer_a_new_question_on_its_own(hash_assistant, tmp_path):
    chat = Chat(hash_assistant, FeedbackStore(tmp_path / "feedback.sqlite3"))
    alone = [c["location"]["passage_id"] for c in chat.api_answer(STANDALONE)["citations"]]
    turns = list(chat.respond(EARLIER, []))[-1].turns
    views = list(chat.respond(STANDALONE, turns))
    in_chat = [c.location["passage_id"] for c in views[-1].turns[-1].answer.citations]
    by_api = [c["location"]["passage_id"] for c in chat.api_answer(STANDALONE, [EARLIER])["citations"]]
    assert in_chat == by_api == alone
