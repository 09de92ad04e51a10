"""The chat page's own words (title, introduction, labels), typed; the answers speak the visitor's language on their own.

The page chrome is written in French and English only: an explicit choice (`PAGE_LANGUAGES`); a
browser set to another language sees the English text (Gradio's `I18n` falls back to it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageText:
    title: str
    intro: str
    chat_label: str
    empty_chat: str
    placeholder: str
    question_label: str
    clear: str
    suggestions: str
    footer: str


PAGE_LANGUAGES = ("en", "fr")

PAGE_TEXT: dict[str, PageText] = {
    "en": PageText(
        title="Assistant — AMF's international action",
        intro="Ask about the international action of the Association des Maires de France (AMF): cooperation, "
              "delegations received, the international working group… Answers come only from AMF documents, "
              "quoted with their sources, in your language.",
        chat_label="Conversation",
        empty_chat="**Try a question below**, or type your own in French, English, Italian, Spanish, German, "
                   "Portuguese, Romanian, Korean, Japanese, Russian or Ukrainian.",
        placeholder="Your question, in your language…",
        question_label="Your question",
        clear="New conversation",
        suggestions="You could also ask:",
        footer="Answers quote AMF documents word for word; translations are unofficial. "
               "Use the thumbs under an answer to tell us whether it helped.",
    ),
    "fr": PageText(
        title="Assistant — action internationale de l'AMF",
        intro="Posez vos questions sur l'action internationale de l'Association des Maires de France (AMF) : "
              "coopérations, délégations reçues, groupe de travail international… Les réponses proviennent "
              "uniquement des documents de l'AMF, citées avec leurs sources, dans votre langue.",
        chat_label="Conversation",
        empty_chat="**Essayez une question ci-dessous**, ou posez la vôtre en français, anglais, italien, espagnol, "
                   "allemand, portugais, roumain, coréen, japonais, russe ou ukrainien.",
        placeholder="Votre question, dans votre langue…",
        question_label="Votre question",
        clear="Nouvelle conversation",
        suggestions="Vous pourriez aussi demander :",
        footer="Les réponses citent mot pour mot les documents de l'AMF ; les traductions ne sont pas officielles. "
               "Les pouces sous chaque réponse nous disent si elle vous a été utile.",
    ),
}
