"""What the assistant says in its own words, in each language it speaks (typed: one `Messages` per language)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.language.supported import for_language


@dataclass(frozen=True)
class Messages:
    quote_original: str
    """Leads a quote of the original when no translation in the visitor's language exists; `{language}`
    is the original's language, named in the visitor's language (see `quote_original`)."""
    not_found: str
    empty: str
    too_long: str
    """With `{limit}`, the longest question accepted."""
    bad_request: str
    """A request that cannot be read (not text, a bad id or history, a malformed line)."""
    failed: str
    """The service failed while answering: try again."""
    unofficial: str
    machine_translation: str
    """Labels a translation written by a language model that no one at AMF has reviewed."""
    validated: str
    """With `{date}`, the label of an answer AMF staff validated."""
    validated_original: str
    """Leads the French text of a validated answer when staff wrote none in the visitor's language."""
    sources: str
    examples: tuple[str, ...]
    """Questions the knowledge base answers: suggestions, and the examples of the not-found reply."""


@dataclass(frozen=True)
class ModelNotes:
    """The note above the passages when the language model could not give the answer."""

    late: str
    unavailable: str
    unusable: str


MESSAGES: dict[str, Messages] = {
    "fr": Messages(
        quote_original="Le document source (en {language}) indique :",
        not_found="Je n'ai pas trouvé de réponse à cette question dans les documents de l'AMF. Je réponds uniquement, sources à l'appui, aux questions sur l'action internationale de l'Association des Maires de France (AMF). Vous pouvez par exemple demander :",
        empty="Veuillez saisir une question. / Please type a question.",
        too_long="Votre question est trop longue (au plus {limit} caractères). Merci de la raccourcir.",
        bad_request="Cette demande n'a pas pu être lue ; merci de la reformuler.",
        failed="Le service n'a pas pu répondre pour le moment. Merci de réessayer dans quelques instants.",
        unofficial="traduction non officielle",
        machine_translation="traduction automatique (non officielle)",
        validated="Réponse validée par l'AMF le {date}",
        validated_original="Réponse de l'AMF (en français) :",
        sources="Sources",
        examples=(
            "Qui dirige le groupe de travail international de l'AMF ?",
            "L'AMF a-t-elle coopéré avec la Roumanie ?",
            "Quelles délégations étrangères l'AMF a-t-elle reçues ?",
        ),
    ),
    "en": Messages(
        quote_original="The source document (in {language}) says:",
        not_found="I could not find the answer to this question in AMF's documents. I only answer questions about the international action of the Association des Maires de France (AMF), with sources. You could ask, for example:",
        empty="Please type a question. / Veuillez saisir une question.",
        too_long="Your question is too long (at most {limit} characters). Please shorten it.",
        bad_request="This request could not be read; please rephrase it.",
        failed="The service could not answer right now. Please try again in a moment.",
        unofficial="unofficial translation",
        machine_translation="machine translation (unofficial)",
        validated="Answer validated by AMF on {date}",
        validated_original="AMF's answer (in French):",
        sources="Sources",
        examples=(
            "Who leads AMF's international working group?",
            "Has AMF worked with Romania?",
            "Which foreign delegations did AMF receive?",
        ),
    ),
    "it": Messages(
        quote_original="Il documento originale (in {language}) dice:",
        not_found="Non ho trovato la risposta a questa domanda nei documenti dell'AMF. Rispondo solo, citando le fonti, a domande sull'azione internazionale dell'Association des Maires de France (AMF). Può chiedere, per esempio:",
        empty="Scriva una domanda, per favore.",
        too_long="La domanda è troppo lunga (al massimo {limit} caratteri). La accorci, per favore.",
        bad_request="Questa richiesta non può essere letta; la riformuli, per favore.",
        failed="Il servizio non ha potuto rispondere in questo momento. Riprovi tra qualche istante, per favore.",
        unofficial="traduzione non ufficiale",
        machine_translation="traduzione automatica (non ufficiale)",
        validated="Risposta convalidata dall'AMF il {date}",
        validated_original="Risposta dell'AMF (in francese):",
        sources="Fonti",
        examples=(
            "Chi guida il gruppo di lavoro internazionale dell'AMF?",
            "Quanti sindaci italiani ha ricevuto l'AMF?",
            "L'AMF ha collaborato con la Romania?",
        ),
    ),
    "es": Messages(
        quote_original="El documento original (en {language}) dice:",
        not_found="No encontré la respuesta a esta pregunta en los documentos de la AMF. Solo respondo, citando las fuentes, a preguntas sobre la acción internacional de la Association des Maires de France (AMF). Puede preguntar, por ejemplo:",
        empty="Escriba una pregunta, por favor.",
        too_long="Su pregunta es demasiado larga (como máximo {limit} caracteres). Acórtela, por favor.",
        bad_request="No se pudo leer esta solicitud; reformúlela, por favor.",
        failed="El servicio no ha podido responder en este momento. Inténtelo de nuevo dentro de unos instantes.",
        unofficial="traducción no oficial",
        machine_translation="traducción automática (no oficial)",
        validated="Respuesta validada por la AMF el {date}",
        validated_original="Respuesta de la AMF (en francés):",
        sources="Fuentes",
        examples=(
            "¿Quién dirige el grupo de trabajo internacional de la AMF?",
            "¿Qué delegaciones extranjeras recibió la AMF?",
            "¿Recibió la AMF a representantes de Chile?",
        ),
    ),
    "de": Messages(
        quote_original="Das Originaldokument (auf {language}) sagt:",
        not_found="Ich habe in den Dokumenten der AMF keine Antwort auf diese Frage gefunden. Ich beantworte nur Fragen zur internationalen Arbeit der Association des Maires de France (AMF), mit Quellenangaben. Sie können zum Beispiel fragen:",
        empty="Bitte geben Sie eine Frage ein.",
        too_long="Ihre Frage ist zu lang (höchstens {limit} Zeichen). Bitte kürzen Sie sie.",
        bad_request="Diese Anfrage konnte nicht gelesen werden; bitte formulieren Sie sie neu.",
        failed="Der Dienst konnte gerade nicht antworten. Bitte versuchen Sie es in einem Moment erneut.",
        unofficial="inoffizielle Übersetzung",
        machine_translation="maschinelle Übersetzung (inoffiziell)",
        validated="Von der AMF am {date} bestätigte Antwort",
        validated_original="Antwort der AMF (auf Französisch):",
        sources="Quellen",
        examples=(
            "Wer leitet die internationale Arbeitsgruppe der AMF?",
            "Hat die AMF mit Rumänien zusammengearbeitet?",
            "Welche ausländischen Delegationen hat die AMF empfangen?",
        ),
    ),
    "pt": Messages(
        quote_original="O documento original (em {language}) diz:",
        not_found="Não encontrei a resposta a esta pergunta nos documentos da AMF. Só respondo, com fontes, a perguntas sobre a ação internacional da Association des Maires de France (AMF). Pode perguntar, por exemplo:",
        empty="Escreva uma pergunta, por favor.",
        too_long="A sua pergunta é demasiado longa (no máximo {limit} caracteres). Encurte-a, por favor.",
        bad_request="Não foi possível ler este pedido; reformule-o, por favor.",
        failed="O serviço não conseguiu responder neste momento. Tente novamente dentro de instantes.",
        unofficial="tradução não oficial",
        machine_translation="tradução automática (não oficial)",
        validated="Resposta validada pela AMF em {date}",
        validated_original="Resposta da AMF (em francês):",
        sources="Fontes",
        examples=(
            "Quem lidera o grupo de trabalho internacional da AMF?",
            "A AMF cooperou com a Roménia?",
            "Que delegações estrangeiras a AMF recebeu?",
        ),
    ),
    "ro": Messages(
        quote_original="Documentul original (în {language}) spune:",
        not_found="Nu am găsit răspunsul la această întrebare în documentele AMF. Răspund doar, cu surse, la întrebări despre acțiunea internațională a Association des Maires de France (AMF). Puteți întreba, de exemplu:",
        empty="Vă rugăm să scrieți o întrebare.",
        too_long="Întrebarea este prea lungă (cel mult {limit} caractere). Vă rugăm să o scurtați.",
        bad_request="Această cerere nu a putut fi citită; vă rugăm să o reformulați.",
        failed="Serviciul nu a putut răspunde acum. Vă rugăm să încercați din nou peste câteva momente.",
        unofficial="traducere neoficială",
        machine_translation="traducere automată (neoficială)",
        validated="Răspuns validat de AMF la {date}",
        validated_original="Răspunsul AMF (în franceză):",
        sources="Surse",
        examples=(
            "Ce a făcut AMF împreună cu România?",
            "Cine conduce grupul de lucru internațional al AMF?",
            "Ce delegații străine a primit AMF?",
        ),
    ),
    "ko": Messages(
        quote_original="원문({language})에는 다음과 같이 적혀 있습니다:",
        not_found="AMF 문서에서 이 질문에 대한 답을 찾지 못했습니다. 저는 프랑스 시장협회(AMF)의 국제 활동에 관한 질문에만 출처와 함께 답합니다. 예를 들어 다음과 같이 질문해 보세요:",
        empty="질문을 입력해 주세요.",
        too_long="질문이 너무 깁니다(최대 {limit}자). 줄여 주세요.",
        bad_request="요청을 읽을 수 없습니다. 다시 작성해 주세요.",
        failed="지금은 서비스가 응답할 수 없습니다. 잠시 후 다시 시도해 주세요.",
        unofficial="비공식 번역",
        machine_translation="기계 번역(비공식)",
        validated="AMF가 {date}에 검증한 답변",
        validated_original="AMF의 답변(프랑스어):",
        sources="출처",
        examples=(
            "AMF는 한국과 어떤 교류를 했습니까?",
            "AMF의 국제 실무 그룹은 누가 이끌고 있습니까?",
            "AMF는 어떤 외국 대표단을 맞이했습니까?",
        ),
    ),
    "ja": Messages(
        quote_original="原文（{language}）には次のように書かれています：",
        not_found="AMFの文書の中に、この質問への答えは見つかりませんでした。フランス市長会（AMF）の国際活動に関する質問にのみ、出典を示してお答えします。たとえば、次のように質問できます：",
        empty="質問を入力してください。",
        too_long="質問が長すぎます（最大{limit}文字）。短くしてください。",
        bad_request="このリクエストを読み取れませんでした。書き直してください。",
        failed="現在サービスが応答できません。しばらくしてからもう一度お試しください。",
        unofficial="非公式翻訳",
        machine_translation="機械翻訳（非公式）",
        validated="AMFが{date}に確認した回答",
        validated_original="AMFの回答（フランス語）：",
        sources="出典",
        examples=(
            "AMFの国際作業部会を率いているのは誰ですか？",
            "AMFはどの国の代表団を迎えましたか？",
            "AMFは日本の地方議員を迎えましたか？",
        ),
    ),
    "ru": Messages(
        quote_original="В исходном документе (язык оригинала: {language}) сказано:",
        not_found="Я не нашёл ответа на этот вопрос в документах AMF. Я отвечаю только на вопросы о международной деятельности Ассоциации мэров Франции (AMF), со ссылками на источники. Вы можете спросить, например:",
        empty="Пожалуйста, введите вопрос.",
        too_long="Вопрос слишком длинный (не более {limit} символов). Пожалуйста, сократите его.",
        bad_request="Не удалось прочитать этот запрос; пожалуйста, переформулируйте его.",
        failed="Сервис сейчас не может ответить. Пожалуйста, повторите попытку чуть позже.",
        unofficial="неофициальный перевод",
        machine_translation="машинный перевод (неофициальный)",
        validated="Ответ подтверждён AMF {date}",
        validated_original="Ответ AMF (на французском языке):",
        sources="Источники",
        examples=(
            "Кто руководит международной рабочей группой AMF?",
            "Принимала ли AMF российских муниципальных депутатов?",
            "Какие иностранные делегации приняла AMF?",
        ),
    ),
    "uk": Messages(
        quote_original="В оригінальному документі (мова оригіналу: {language}) сказано:",
        not_found="Я не знайшов відповіді на це запитання в документах AMF. Я відповідаю лише на запитання про міжнародну діяльність Асоціації мерів Франції (AMF), з посиланнями на джерела. Ви можете запитати, наприклад:",
        empty="Будь ласка, введіть запитання.",
        too_long="Запитання занадто довге (не більше {limit} символів). Будь ласка, скоротіть його.",
        bad_request="Не вдалося прочитати цей запит; будь ласка, переформулюйте його.",
        failed="Сервіс зараз не може відповісти. Будь ласка, спробуйте ще раз трохи пізніше.",
        unofficial="неофіційний переклад",
        machine_translation="машинний переклад (неофіційний)",
        validated="Відповідь підтверджена AMF {date}",
        validated_original="Відповідь AMF (французькою мовою):",
        sources="Джерела",
        examples=(
            "Яких українських посадовців приймала AMF?",
            "Хто очолює міжнародну робочу групу AMF?",
            "Які іноземні делегації приймала AMF?",
        ),
    ),
}

MODEL_NOTES: dict[str, ModelNotes] = {
    "fr": ModelNotes(
        late="Le modèle de langue n'a pas répondu à temps ; voici les passages.",
        unavailable="Le modèle de langue n'est pas disponible pour le moment ; voici les passages.",
        unusable="Le modèle de langue n'a pas donné de réponse exploitable ; voici les passages.",
    ),
    "en": ModelNotes(
        late="The language model did not answer in time; here are the passages.",
        unavailable="The language model is not available right now; here are the passages.",
        unusable="The language model gave no usable answer; here are the passages.",
    ),
    "it": ModelNotes(
        late="Il modello linguistico non ha risposto in tempo; ecco i passaggi.",
        unavailable="Il modello linguistico non è disponibile al momento; ecco i passaggi.",
        unusable="Il modello linguistico non ha dato una risposta utilizzabile; ecco i passaggi.",
    ),
    "es": ModelNotes(
        late="El modelo de lenguaje no respondió a tiempo; estos son los pasajes.",
        unavailable="El modelo de lenguaje no está disponible en este momento; estos son los pasajes.",
        unusable="El modelo de lenguaje no dio una respuesta utilizable; estos son los pasajes.",
    ),
    "de": ModelNotes(
        late="Das Sprachmodell hat nicht rechtzeitig geantwortet; hier sind die Textstellen.",
        unavailable="Das Sprachmodell ist derzeit nicht verfügbar; hier sind die Textstellen.",
        unusable="Das Sprachmodell hat keine verwertbare Antwort gegeben; hier sind die Textstellen.",
    ),
    "pt": ModelNotes(
        late="O modelo de linguagem não respondeu a tempo; eis os excertos.",
        unavailable="O modelo de linguagem não está disponível de momento; eis os excertos.",
        unusable="O modelo de linguagem não deu uma resposta utilizável; eis os excertos.",
    ),
    "ro": ModelNotes(
        late="Modelul lingvistic nu a răspuns la timp; iată pasajele.",
        unavailable="Modelul lingvistic nu este disponibil momentan; iată pasajele.",
        unusable="Modelul lingvistic nu a dat un răspuns utilizabil; iată pasajele.",
    ),
    "ko": ModelNotes(
        late="언어 모델이 제시간에 응답하지 않았습니다. 관련 구절을 보여 드립니다.",
        unavailable="지금은 언어 모델을 사용할 수 없습니다. 관련 구절을 보여 드립니다.",
        unusable="언어 모델에서 사용할 수 있는 답변을 받지 못했습니다. 관련 구절을 보여 드립니다.",
    ),
    "ja": ModelNotes(
        late="言語モデルが時間内に応答しませんでした。該当する箇所を示します。",
        unavailable="現在、言語モデルを利用できません。該当する箇所を示します。",
        unusable="言語モデルから使える回答が得られませんでした。該当する箇所を示します。",
    ),
    "ru": ModelNotes(
        late="Языковая модель не ответила вовремя; вот соответствующие фрагменты.",
        unavailable="Языковая модель сейчас недоступна; вот соответствующие фрагменты.",
        unusable="Языковая модель не дала пригодного ответа; вот соответствующие фрагменты.",
    ),
    "uk": ModelNotes(
        late="Мовна модель не відповіла вчасно; ось відповідні фрагменти.",
        unavailable="Мовна модель зараз недоступна; ось відповідні фрагменти.",
        unusable="Мовна модель не дала придатної відповіді; ось відповідні фрагменти.",
    ),
}

def messages(language: str, fallback: str | None = None) -> Messages:
    """The assistant's words in `language`; an unsupported language raises unless a `fallback` is chosen."""
    return for_language(MESSAGES, language, fallback)


def quote_original(language: str, original_language: str) -> str:
    """The lead-in of a quoted original, naming its language (from the Unicode CLDR) in `language`."""
    from babel import Locale

    name = Locale.parse(language).languages.get(original_language, original_language)
    return messages(language).quote_original.format(language=name)


def translation_label(language: str, machine: bool) -> str:
    """How a translation is labelled in `language`: unofficial, or machine-made and unofficial."""
    said = messages(language)
    return said.machine_translation if machine else said.unofficial


def model_notes(language: str) -> ModelNotes:
    return for_language(MODEL_NOTES, language)


def not_found_text(language: str) -> str:
    said = messages(language)
    examples = "\n".join(f"- {q}" for q in said.examples)
    return f"{said.not_found}\n{examples}"


# When the passages found do not state what the question asks (a number, a date, an amount, a name, the
# countries of a list): what the documents do not give, then the nearest passage they do give, cited.
NOT_STATED: dict[str, str] = {
    "fr": "Les documents de l'AMF ne précisent pas {what}. Voici ce qu'ils en disent :",
    "en": "The AMF documents do not state {what}. Here is what they say about it:",
    "it": "I documenti dell'AMF non indicano {what}. Ecco che cosa ne dicono:",
    "es": "Los documentos de la AMF no precisan {what}. Esto es lo que dicen al respecto:",
    "de": "Die Dokumente der AMF nennen {what} nicht. Das sagen sie dazu:",
    "pt": "Os documentos da AMF não indicam {what}. Eis o que dizem a respeito:",
    "ro": "Documentele AMF nu precizează {what}. Iată ce spun despre aceasta:",
    "ru": "Документы AMF не дают ответа на этот вопрос ({what}). Вот что в них говорится:",
    "uk": "Документи AMF не дають відповіді на це запитання ({what}). Ось що в них сказано:",
    "ko": "AMF 문서에는 이 정보({what})가 나와 있지 않습니다. 관련 내용은 다음과 같습니다:",
    "ja": "AMFの資料には、この情報（{what}）は記載されていません。関連する記述は次のとおりです：",
}
ASKED_KINDS: dict[str, dict[str, str]] = {
    "fr": {"founding": "cette date de création", "people": "ce nombre de personnes", "quantity": "ce nombre", "date": "cette date", "money": "ce montant", "person": "ce nom",
           "name": "ce nom", "countries": "ces pays", "year": "ce point pour {year}",
           "expansion": "ce que signifie ce sigle", "population": "cette population", "names": "ces noms"},
    "en": {"founding": "this founding date", "people": "this number of people", "quantity": "this number", "date": "this date", "money": "this amount", "person": "this name",
           "name": "this name", "countries": "these countries", "year": "this for {year}",
           "expansion": "what this acronym stands for", "population": "this population", "names": "these names"},
    "it": {"founding": "questa data di fondazione", "people": "questo numero di persone", "quantity": "questo numero", "date": "questa data", "money": "questo importo", "person": "questo nome",
           "name": "questo nome", "countries": "questi paesi", "year": "questo dato per il {year}",
           "expansion": "il significato di questa sigla", "population": "questa popolazione", "names": "questi nomi"},
    "es": {"founding": "esta fecha de fundación", "people": "este número de personas", "quantity": "esta cifra", "date": "esta fecha", "money": "este importe", "person": "este nombre",
           "name": "este nombre", "countries": "estos países", "year": "este dato para {year}",
           "expansion": "el significado de esta sigla", "population": "esta población", "names": "estos nombres"},
    "de": {"founding": "dieses Gründungsdatum", "people": "diese Zahl von Personen", "quantity": "diese Zahl", "date": "dieses Datum", "money": "diesen Betrag", "person": "diesen Namen",
           "name": "diesen Namen", "countries": "diese Länder", "year": "diese Angabe für {year}",
           "expansion": "die Bedeutung dieser Abkürzung", "population": "diese Einwohnerzahl",
           "names": "diese Namen"},
    "pt": {"founding": "esta data de fundação", "people": "este número de pessoas", "quantity": "este número", "date": "esta data", "money": "este montante", "person": "este nome",
           "name": "este nome", "countries": "estes países", "year": "este dado para {year}",
           "expansion": "o significado desta sigla", "population": "esta população", "names": "estes nomes"},
    "ro": {"founding": "această dată de înființare", "people": "acest număr de persoane", "quantity": "acest număr", "date": "această dată", "money": "această sumă", "person": "acest nume",
           "name": "acest nume", "countries": "aceste țări", "year": "această informație pentru {year}",
           "expansion": "semnificația acestei sigle", "population": "această populație", "names": "aceste nume"},
    "ru": {"founding": "дата основания", "people": "число людей", "quantity": "число", "date": "дата", "money": "сумма", "person": "имя", "name": "имя",
           "countries": "страны", "year": "за {year} год", "expansion": "расшифровка сокращения",
           "population": "население", "names": "названия"},
    "uk": {"founding": "дата заснування", "people": "кількість людей", "quantity": "число", "date": "дата", "money": "сума", "person": "ім'я", "name": "ім'я",
           "countries": "країни", "year": "за {year} рік", "expansion": "розшифровка скорочення",
           "population": "населення", "names": "назви"},
    "ko": {"founding": "설립 날짜", "people": "인원수", "quantity": "수", "date": "날짜", "money": "금액", "person": "이름", "name": "이름", "countries": "국가",
           "year": "{year}년 기준", "expansion": "약어의 뜻", "population": "인구", "names": "이름"},
    "ja": {"founding": "設立日", "people": "人数", "quantity": "数", "date": "日付", "money": "金額", "person": "名前", "name": "名前", "countries": "国名",
           "year": "{year}年について", "expansion": "略称の正式名称", "population": "人口", "names": "名称"},
}
# Leads the countries a list question asks for, named in the visitor's language, each with its citation.
COUNTRIES_NAMED: dict[str, str] = {
    "fr": "Pays nommés dans ces passages :", "en": "Countries named in these passages:",
    "it": "Paesi citati in questi passaggi:", "es": "Países mencionados en estos pasajes:",
    "de": "In diesen Passagen genannte Länder:", "pt": "Países mencionados nestas passagens:",
    "ro": "Țări menționate în aceste pasaje:", "ru": "Страны, упомянутые в этих отрывках:",
    "uk": "Країни, згадані в цих уривках:", "ko": "이 구절에 언급된 국가:", "ja": "これらの箇所で言及されている国：",
}


def not_stated_text(language: str, kind: str, year: str = "") -> str:
    """The lead of a reply whose passages do not state the `kind` asked ("quantity", "date", "money", "person",
    "name", "expansion", "population", "names", "people", "founding", "countries"), or do not speak of the `year` asked (kind "year")."""
    return for_language(NOT_STATED, language).format(what=for_language(ASKED_KINDS, language)[kind].format(year=year))


def country_name(code: str, language: str) -> str:
    """The country's name in `language` (Unicode CLDR)."""
    from babel import Locale

    return Locale.parse(language).territories.get(code, code)
