"""The chat page's own words (title, introduction, labels, feedback), typed, in the eleven languages.

The answers speak the visitor's language on their own; these are the page around them. Gradio's
`I18n` picks the browser's language (or the page's language switch); `GRADIO_KEYS` also replaces
the words of Gradio's own chat buttons so that no control stays in English.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bot.language.supported import SUPPORTED


@dataclass(frozen=True)
class PageText:
    title: str
    intro: str
    chat_label: str
    empty_chat: str
    placeholder: str
    question_label: str
    send: str
    clear: str
    examples: str
    suggestions: str
    footer: str
    language: str
    copy: str
    copied: str
    like: str
    dislike: str
    thanks: str
    reason_prompt: str
    reason_wrong: str
    reason_incomplete: str
    reason_language: str
    reason_other: str
    reason_detail: str
    reason_send: str
    reason_thanks: str
    question: str
    answer: str
    open_source: str
    context: str
    download: str


# Gradio's own chat words, replaced by ours (its keys, our fields).
GRADIO_KEYS = {
    "chatbot.copy_message": "copy", "chatbot.copied_message": "copied", "chatbot.like": "like",
    "chatbot.dislike": "dislike", "chatbot.clear": "clear", "chatbot.submit": "send",
}

# Why a visitor gave a thumbs-down: stored key → the field naming it.
REASONS = {"wrong": "reason_wrong", "incomplete": "reason_incomplete", "language": "reason_language",
           "other": "reason_other"}

_LANGUAGES_FR = ("français, anglais, italien, espagnol, allemand, portugais, roumain, coréen, japonais, russe ou "
                 "ukrainien")

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
        send="Send the question",
        clear="New conversation",
        examples="Try one of these questions:",
        suggestions="You could also ask:",
        footer="Answers quote AMF documents word for word; translations are unofficial. "
               "Use the thumbs under an answer to tell us whether it helped.",
        language="Language of the page",
        copy="Copy the answer", copied="Copied", like="Helpful answer", dislike="Unhelpful answer",
        thanks="Thank you for your feedback.",
        reason_prompt="What was wrong with this answer?",
        reason_wrong="Wrong", reason_incomplete="Incomplete", reason_language="Wrong language", reason_other="Other",
        reason_detail="Tell us more (optional)", reason_send="Send", reason_thanks="Thank you, your remark was recorded.",
        question="Your question", answer="Answer",
        open_source="Open in context", context="The passage among its neighbouring paragraphs", download="Download the original file",
    ),
    "fr": PageText(
        title="Assistant — action internationale de l'AMF",
        intro="Posez vos questions sur l'action internationale de l'Association des Maires de France (AMF) : "
              "coopérations, délégations reçues, groupe de travail international… Les réponses proviennent "
              "uniquement des documents de l'AMF, citées avec leurs sources, dans votre langue.",
        chat_label="Conversation",
        empty_chat=f"**Essayez une question ci-dessous**, ou posez la vôtre en {_LANGUAGES_FR}.",
        placeholder="Votre question, dans votre langue…",
        question_label="Votre question",
        send="Envoyer la question",
        clear="Nouvelle conversation",
        examples="Essayez l'une de ces questions :",
        suggestions="Vous pourriez aussi demander :",
        footer="Les réponses citent mot pour mot les documents de l'AMF ; les traductions ne sont pas officielles. "
               "Les pouces sous chaque réponse nous disent si elle vous a été utile.",
        language="Langue de la page",
        copy="Copier la réponse", copied="Copiée", like="Réponse utile", dislike="Réponse inutile",
        thanks="Merci pour votre avis.",
        reason_prompt="Qu'est-ce qui n'allait pas dans cette réponse ?",
        reason_wrong="Fausse", reason_incomplete="Incomplète", reason_language="Mauvaise langue", reason_other="Autre",
        reason_detail="Précisez (facultatif)", reason_send="Envoyer", reason_thanks="Merci, votre remarque est enregistrée.",
        question="Votre question", answer="Réponse",
        open_source="Ouvrir dans son contexte", context="Le passage parmi les paragraphes voisins", download="Télécharger le fichier original",
    ),
    "it": PageText(
        title="Assistente — azione internazionale dell'AMF",
        intro="Fate domande sull'azione internazionale dell'Association des Maires de France (AMF): cooperazioni, "
              "delegazioni ricevute, gruppo di lavoro internazionale… Le risposte provengono solo dai documenti "
              "dell'AMF, citati con le loro fonti, nella vostra lingua.",
        chat_label="Conversazione",
        empty_chat="**Provate una domanda qui sotto**, o scrivete la vostra in una delle undici lingue "
                   "(francese, inglese, italiano, spagnolo, tedesco, portoghese, rumeno, coreano, giapponese, "
                   "russo, ucraino).",
        placeholder="La vostra domanda, nella vostra lingua…",
        question_label="La vostra domanda",
        send="Invia la domanda",
        clear="Nuova conversazione",
        examples="Provate una di queste domande:",
        suggestions="Potreste anche chiedere:",
        footer="Le risposte citano alla lettera i documenti dell'AMF; le traduzioni non sono ufficiali. "
               "I pollici sotto ogni risposta ci dicono se è stata utile.",
        language="Lingua della pagina",
        copy="Copia la risposta", copied="Copiata", like="Risposta utile", dislike="Risposta non utile",
        thanks="Grazie per il vostro parere.",
        reason_prompt="Che cosa non andava in questa risposta?",
        reason_wrong="Sbagliata", reason_incomplete="Incompleta", reason_language="Lingua sbagliata",
        reason_other="Altro", reason_detail="Dettagli (facoltativo)", reason_send="Invia",
        reason_thanks="Grazie, la vostra osservazione è stata registrata.",
        question="La vostra domanda", answer="Risposta",
        open_source="Apri nel contesto", context="Il passaggio tra i paragrafi vicini", download="Scarica il file originale",
    ),
    "es": PageText(
        title="Asistente — acción internacional de la AMF",
        intro="Pregunte sobre la acción internacional de la Association des Maires de France (AMF): cooperaciones, "
              "delegaciones recibidas, grupo de trabajo internacional… Las respuestas proceden solo de documentos "
              "de la AMF, citados con sus fuentes, en su idioma.",
        chat_label="Conversación",
        empty_chat="**Pruebe una pregunta de abajo**, o escriba la suya en francés, inglés, italiano, español, "
                   "alemán, portugués, rumano, coreano, japonés, ruso o ucraniano.",
        placeholder="Su pregunta, en su idioma…",
        question_label="Su pregunta",
        send="Enviar la pregunta",
        clear="Nueva conversación",
        examples="Pruebe una de estas preguntas:",
        suggestions="También podría preguntar:",
        footer="Las respuestas citan literalmente los documentos de la AMF; las traducciones no son oficiales. "
               "Los pulgares bajo cada respuesta nos dicen si le fue útil.",
        language="Idioma de la página",
        copy="Copiar la respuesta", copied="Copiada", like="Respuesta útil", dislike="Respuesta poco útil",
        thanks="Gracias por su opinión.",
        reason_prompt="¿Qué fallaba en esta respuesta?",
        reason_wrong="Errónea", reason_incomplete="Incompleta", reason_language="Idioma equivocado",
        reason_other="Otro", reason_detail="Más detalles (opcional)", reason_send="Enviar",
        reason_thanks="Gracias, su comentario ha quedado registrado.",
        question="Su pregunta", answer="Respuesta",
        open_source="Abrir en su contexto", context="El pasaje entre los párrafos vecinos", download="Descargar el archivo original",
    ),
    "de": PageText(
        title="Assistent — internationale Arbeit der AMF",
        intro="Fragen Sie zur internationalen Arbeit der Association des Maires de France (AMF): Kooperationen, "
              "empfangene Delegationen, die internationale Arbeitsgruppe… Die Antworten stammen nur aus "
              "Dokumenten der AMF, mit ihren Quellen zitiert, in Ihrer Sprache.",
        chat_label="Unterhaltung",
        empty_chat="**Probieren Sie eine Frage unten aus** oder stellen Sie Ihre eigene auf Französisch, Englisch, "
                   "Italienisch, Spanisch, Deutsch, Portugiesisch, Rumänisch, Koreanisch, Japanisch, Russisch "
                   "oder Ukrainisch.",
        placeholder="Ihre Frage, in Ihrer Sprache…",
        question_label="Ihre Frage",
        send="Frage senden",
        clear="Neue Unterhaltung",
        examples="Probieren Sie eine dieser Fragen:",
        suggestions="Sie könnten auch fragen:",
        footer="Die Antworten zitieren die Dokumente der AMF wörtlich; Übersetzungen sind nicht amtlich. "
               "Mit den Daumen unter jeder Antwort sagen Sie uns, ob sie geholfen hat.",
        language="Sprache der Seite",
        copy="Antwort kopieren", copied="Kopiert", like="Hilfreiche Antwort", dislike="Nicht hilfreiche Antwort",
        thanks="Danke für Ihre Rückmeldung.",
        reason_prompt="Was stimmte an dieser Antwort nicht?",
        reason_wrong="Falsch", reason_incomplete="Unvollständig", reason_language="Falsche Sprache",
        reason_other="Anderes", reason_detail="Mehr dazu (freiwillig)", reason_send="Senden",
        reason_thanks="Danke, Ihre Anmerkung wurde gespeichert.",
        question="Ihre Frage", answer="Antwort",
        open_source="Im Zusammenhang öffnen", context="Die Stelle zwischen den benachbarten Absätzen", download="Originaldatei herunterladen",
    ),
    "pt": PageText(
        title="Assistente — ação internacional da AMF",
        intro="Pergunte sobre a ação internacional da Association des Maires de France (AMF): cooperações, "
              "delegações recebidas, grupo de trabalho internacional… As respostas vêm apenas de documentos da "
              "AMF, citados com as suas fontes, na sua língua.",
        chat_label="Conversa",
        empty_chat="**Experimente uma pergunta abaixo**, ou escreva a sua em francês, inglês, italiano, espanhol, "
                   "alemão, português, romeno, coreano, japonês, russo ou ucraniano.",
        placeholder="A sua pergunta, na sua língua…",
        question_label="A sua pergunta",
        send="Enviar a pergunta",
        clear="Nova conversa",
        examples="Experimente uma destas perguntas:",
        suggestions="Também poderia perguntar:",
        footer="As respostas citam literalmente os documentos da AMF; as traduções não são oficiais. "
               "Os polegares sob cada resposta dizem-nos se foi útil.",
        language="Língua da página",
        copy="Copiar a resposta", copied="Copiada", like="Resposta útil", dislike="Resposta pouco útil",
        thanks="Obrigado pela sua opinião.",
        reason_prompt="O que estava errado nesta resposta?",
        reason_wrong="Errada", reason_incomplete="Incompleta", reason_language="Língua errada", reason_other="Outro",
        reason_detail="Mais pormenores (opcional)", reason_send="Enviar",
        reason_thanks="Obrigado, a sua observação foi registada.",
        question="A sua pergunta", answer="Resposta",
        open_source="Abrir no contexto", context="A passagem entre os parágrafos vizinhos", download="Descarregar o ficheiro original",
    ),
    "ro": PageText(
        title="Asistent — acțiunea internațională a AMF",
        intro="Întrebați despre acțiunea internațională a Association des Maires de France (AMF): cooperări, "
              "delegații primite, grupul de lucru internațional… Răspunsurile provin doar din documentele AMF, "
              "citate cu sursele lor, în limba dumneavoastră.",
        chat_label="Conversație",
        empty_chat="**Încercați o întrebare de mai jos** sau scrieți-o pe a dumneavoastră în franceză, engleză, "
                   "italiană, spaniolă, germană, portugheză, română, coreeană, japoneză, rusă sau ucraineană.",
        placeholder="Întrebarea dumneavoastră, în limba dumneavoastră…",
        question_label="Întrebarea dumneavoastră",
        send="Trimiteți întrebarea",
        clear="Conversație nouă",
        examples="Încercați una dintre aceste întrebări:",
        suggestions="Ați putea întreba și:",
        footer="Răspunsurile citează cuvânt cu cuvânt documentele AMF; traducerile nu sunt oficiale. "
               "Degetele de sub fiecare răspuns ne spun dacă v-a fost util.",
        language="Limba paginii",
        copy="Copiați răspunsul", copied="Copiat", like="Răspuns util", dislike="Răspuns inutil",
        thanks="Vă mulțumim pentru părere.",
        reason_prompt="Ce nu era în regulă cu acest răspuns?",
        reason_wrong="Greșit", reason_incomplete="Incomplet", reason_language="Limbă greșită", reason_other="Altceva",
        reason_detail="Detalii (opțional)", reason_send="Trimiteți",
        reason_thanks="Vă mulțumim, observația a fost înregistrată.",
        question="Întrebarea dumneavoastră", answer="Răspuns",
        open_source="Deschideți în context", context="Pasajul între paragrafele vecine", download="Descărcați fișierul original",
    ),
    "ko": PageText(
        title="도우미 — AMF의 국제 활동",
        intro="프랑스 시장 협회(Association des Maires de France, AMF)의 국제 활동에 대해 물어보세요: 협력, "
              "방문한 대표단, 국제 실무 그룹… 답변은 AMF 문서에서만 나오며, 출처와 함께 인용되고, 여러분의 "
              "언어로 제공됩니다.",
        chat_label="대화",
        empty_chat="**아래 질문을 눌러 보거나**, 프랑스어, 영어, 이탈리아어, 스페인어, 독일어, 포르투갈어, "
                   "루마니아어, 한국어, 일본어, 러시아어, 우크라이나어로 직접 질문하세요.",
        placeholder="여러분의 언어로 질문하세요…",
        question_label="질문",
        send="질문 보내기",
        clear="새 대화",
        examples="다음 질문을 눌러 보세요:",
        suggestions="이런 질문도 할 수 있습니다:",
        footer="답변은 AMF 문서를 그대로 인용하며, 번역은 비공식입니다. "
               "답변 아래의 엄지 버튼으로 도움이 되었는지 알려 주세요.",
        language="페이지 언어",
        copy="답변 복사", copied="복사됨", like="도움이 된 답변", dislike="도움이 안 된 답변",
        thanks="의견을 보내 주셔서 감사합니다.",
        reason_prompt="이 답변의 무엇이 문제였나요?",
        reason_wrong="틀림", reason_incomplete="불완전함", reason_language="다른 언어", reason_other="기타",
        reason_detail="자세히 (선택)", reason_send="보내기", reason_thanks="감사합니다. 의견이 기록되었습니다.",
        question="질문", answer="답변",
        open_source="맥락에서 열기", context="앞뒤 문단 속의 인용 부분", download="원본 파일 내려받기",
    ),
    "ja": PageText(
        title="アシスタント — AMFの国際活動",
        intro="フランス市長会（Association des Maires de France、AMF）の国際活動についてご質問ください：協力、"
              "受け入れた代表団、国際作業部会… 回答はAMFの文書のみに基づき、出典とともに引用され、"
              "あなたの言語で示されます。",
        chat_label="会話",
        empty_chat="**下の質問を試すか**、フランス語、英語、イタリア語、スペイン語、ドイツ語、ポルトガル語、"
                   "ルーマニア語、韓国語、日本語、ロシア語、ウクライナ語でご質問ください。",
        placeholder="あなたの言語で質問を…",
        question_label="質問",
        send="質問を送信",
        clear="新しい会話",
        examples="次の質問を試してください：",
        suggestions="こんな質問もできます：",
        footer="回答はAMFの文書をそのまま引用しています。翻訳は非公式です。"
               "回答の下の親指ボタンで、役に立ったかどうかお知らせください。",
        language="ページの言語",
        copy="回答をコピー", copied="コピーしました", like="役に立った", dislike="役に立たなかった",
        thanks="ご意見ありがとうございます。",
        reason_prompt="この回答の何が問題でしたか？",
        reason_wrong="誤り", reason_incomplete="不十分", reason_language="言語が違う", reason_other="その他",
        reason_detail="詳しく（任意）", reason_send="送信", reason_thanks="ありがとうございます。ご指摘を記録しました。",
        question="質問", answer="回答",
        open_source="文脈の中で開く", context="前後の段落の中の引用箇所", download="元のファイルをダウンロード",
    ),
    "ru": PageText(
        title="Помощник — международная деятельность AMF",
        intro="Задайте вопрос о международной деятельности Ассоциации мэров Франции (Association des Maires de "
              "France, AMF): сотрудничество, принятые делегации, международная рабочая группа… Ответы берутся "
              "только из документов AMF, цитируются с источниками и даются на вашем языке.",
        chat_label="Беседа",
        empty_chat="**Попробуйте вопрос ниже** или задайте свой на французском, английском, итальянском, "
                   "испанском, немецком, португальском, румынском, корейском, японском, русском или украинском.",
        placeholder="Ваш вопрос на вашем языке…",
        question_label="Ваш вопрос",
        send="Отправить вопрос",
        clear="Новая беседа",
        examples="Попробуйте один из этих вопросов:",
        suggestions="Можно также спросить:",
        footer="Ответы дословно цитируют документы AMF; переводы неофициальные. "
               "Кнопки с пальцем под ответом скажут нам, помог ли он.",
        language="Язык страницы",
        copy="Копировать ответ", copied="Скопировано", like="Полезный ответ", dislike="Бесполезный ответ",
        thanks="Спасибо за ваш отзыв.",
        reason_prompt="Что было не так с этим ответом?",
        reason_wrong="Неверный", reason_incomplete="Неполный", reason_language="Не тот язык", reason_other="Другое",
        reason_detail="Подробнее (необязательно)", reason_send="Отправить",
        reason_thanks="Спасибо, ваше замечание записано.",
        question="Ваш вопрос", answer="Ответ",
        open_source="Открыть в контексте", context="Фрагмент среди соседних абзацев", download="Скачать исходный файл",
    ),
    "uk": PageText(
        title="Помічник — міжнародна діяльність AMF",
        intro="Запитайте про міжнародну діяльність Асоціації мерів Франції (Association des Maires de France, "
              "AMF): співпраця, прийняті делегації, міжнародна робоча група… Відповіді беруться лише з документів "
              "AMF, цитуються з джерелами й надаються вашою мовою.",
        chat_label="Розмова",
        empty_chat="**Спробуйте запитання нижче** або поставте своє французькою, англійською, італійською, "
                   "іспанською, німецькою, португальською, румунською, корейською, японською, російською чи "
                   "українською.",
        placeholder="Ваше запитання вашою мовою…",
        question_label="Ваше запитання",
        send="Надіслати запитання",
        clear="Нова розмова",
        examples="Спробуйте одне з цих запитань:",
        suggestions="Можна також запитати:",
        footer="Відповіді дослівно цитують документи AMF; переклади неофіційні. "
               "Кнопки з пальцем під відповіддю скажуть нам, чи вона допомогла.",
        language="Мова сторінки",
        copy="Копіювати відповідь", copied="Скопійовано", like="Корисна відповідь", dislike="Некорисна відповідь",
        thanks="Дякуємо за ваш відгук.",
        reason_prompt="Що було не так із цією відповіддю?",
        reason_wrong="Хибна", reason_incomplete="Неповна", reason_language="Не та мова", reason_other="Інше",
        reason_detail="Докладніше (необов'язково)", reason_send="Надіслати",
        reason_thanks="Дякуємо, ваше зауваження записано.",
        question="Ваше запитання", answer="Відповідь",
        open_source="Відкрити в контексті", context="Фрагмент серед сусідніх абзаців", download="Завантажити оригінальний файл",
    ),
}

PAGE_LANGUAGES = tuple(SUPPORTED)


def page_text(language: str | None) -> PageText:
    """The page's words in `language`, English for any other."""
    return PAGE_TEXT.get(language or "", PAGE_TEXT["en"])


def translations() -> dict[str, dict[str, str]]:
    """Every language's words for Gradio's `I18n`: our keys, and Gradio's own chat keys."""
    result = {}
    for language, text in PAGE_TEXT.items():
        words = asdict(text)
        result[language] = {**words, **{key: words[field] for key, field in GRADIO_KEYS.items()}}
    return result
