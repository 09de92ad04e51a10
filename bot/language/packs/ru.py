"""Russian (ru): the words, patterns and messages the assistant reads and speaks Russian with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "cyrillic"
ENGLISH_NAME: str = "Russian"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "кто что какой какая какое какие каких каким кого чем где когда как почему зачем сколько ли это такой "
    "такая такие здравствуйте привет спасибо пожалуйста скажите подскажите расскажите можете знать хотел хотела я"
)
SEVERAL: str = r"(какие|каких|список|все)"
SELF_INTRODUCTION: str = r"(?<!\w)(я|мы|меня зовут|мой город|наш город|наше село)(?!\w)"
CLAUSE_END: str = r"[.,;:!?]|\s(и|но|а)\s"
BACK_REFERENCE: str = (
    r"^(а|и|но|тогда)(?!\w)|(?<!\w)(он|она|оно|они|его|её|ее|их|ему|ей|им|него|неё|нее|них|нему|ней|там|этот|эта|"
    r"это|эти|этого|этой|этих)(?!\w)"
)
HOW_MANY: str = r"сколько|количеств"
COST: str = r"сколько (стои|стоил|потрат|заплат|денег|средств)|как(ой|ова|им) (был |была |было )?(бюджет|стоимост|сумм|цен)"
WHEN: str = shared.OPENS + r"когда(?![-\w])|в каком году|какого числа|какую дату|в какой день|в каком месяце"
WHO: str = shared.OPENS + r"кто(?![-\w])"
NAME_ASKED: str = r"как зовут|как звали|как(ое|ово) имя|имя "
COUNTRY_NOUN: str = r"(?<!\w)[Сс]тран"
NUMBER_WORDS: str = (
    r"двух|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десят\w*|двадцат\w*|тридцат\w*|"
    r"сорок\w*|пят\w*десят\w*|шест\w*десят\w*|сем\w*десят\w*|вос\w*десят\w*|девяност\w*|сотни|сотен|тысяч\w*|миллион\w*|дюжин\w*"
)
EXCLUSION: str = r"(?<!\w)(кроме|помимо|за исключением)(?!\w)"
HEAD_ASKED: str = r"(возглавля\w*|возглавил\w*|руковод\w*|председател\w*|президент\w*|(?<!\w)мэр\w*|(?<!\w)глав[аеуыо]\w*)"
EXPANSION_ASKED: str = r"расшифров\w*|аббревиатур\w*|(означает|значит|обозначает)\s+(аббревиатура |сокращение )?" + shared.ENDS
POPULATION_ASKED: str = r"населени\w*|сколько жителей"
INHABITANTS: str = r"жител\w*|населени\w*"
DURATION_UNITS: str = r"лет|месяц\w*|недел[ьию]|дн(?:я|ей)|час(?:а|ов)"
NAMES_LISTED: str = r"(?<!\w)(имена|названия)(?!\w)|(какие|каких)\s(\S+\s)?(город\w*|муниципалитет\w*|коммун\w*|сёл|сел)"
PLACE_ASKED: str = r"(?<!\w)(какой|каком|какого|какому) (город\w*|муниципалитет\w*|коммун\w*)"
PEOPLE_COUNTED: str = (
    r"сколько (\w+ )?(человек|людей|членов|участник\w*|мэров|депутат\w*|делегат\w*|сотрудник\w*|"
    r"представител\w*|волонт[её]р\w*|эксперт\w*|избранн\w*|чиновник\w*)"
)
PEOPLE: str = (
    r"человек\w*|люд\w*|член\w*|участник\w*|мэр\w*|депутат\w*|делегат\w*|сотрудник\w*|представител\w*|"
    r"волонт[её]р\w*|эксперт\w*|избранн\w*|чиновник\w*|беженц\w*|жител\w*"
)
FOUNDING_ASKED: str = r"(основан\w*|создан\w*|учрежден\w*|основани\w*)"
FOUNDING: str = r"основ\w*|создан\w*|учрежд\w*|слияни\w*"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"г-н|г-жа"
POSITIONS: str = r"Президент|Мэр"
ARTICLES: str = r""
CURRENCIES: str = r"\b(?:рубл\w*|евро|доллар\w*|гривн\w*)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"они|он|она|оно|последний|последняя|последние"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("африк",), "019": ("америк",), "142": ("азия", "азии", "азию", "азией", "азиат"),
    "150": ("европ",), "009": ("океания", "океании", "океанию", "океанией", "океанийск")}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("северн", "северо"), "south": ("южн", "юго"), "east": ("восточн",), "west": ("западн",),
    "central": ("центральн",), "latin": ("латин", "латинск")}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"магриб\w*",), "middle-east": (r"ближн\w* восток\w*", r"ближневосточн\w*"),
    "balkans": (r"балкан\w*",), "scandinavia": (r"скандинав\w*",), "029": (r"кариб\w*",),
    "202": (r"африк\w* (?:к )?югу от сахары", r"тропическ\w* африк\w*"),
    "030": (r"дальн\w* восток\w*", r"дальневосточн\w*"), "053": (r"австралази\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
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
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="Языковая модель не ответила вовремя; вот соответствующие фрагменты.",
    unavailable="Языковая модель сейчас недоступна; вот соответствующие фрагменты.",
    unusable="Языковая модель не дала пригодного ответа; вот соответствующие фрагменты.",
)
NOT_STATED: str = "Документы AMF не дают ответа на этот вопрос ({what}). Вот что в них говорится:"
ASKED_KINDS: dict[str, str] = {"founding": "дата основания", "people": "число людей", "quantity": "число", "date": "дата", "money": "сумма", "person": "имя", "name": "имя",
    "countries": "страны", "year": "за {year} год", "expansion": "расшифровка сокращения",
    "population": "население", "names": "названия", "place": "это место"}
COUNTRIES_NAMED: str = "Страны, упомянутые в этих отрывках:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
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
)
