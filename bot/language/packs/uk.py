"""Ukrainian (uk): the words, patterns and messages the assistant reads and speaks Ukrainian with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "cyrillic"
ENGLISH_NAME: str = "Ukrainian"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "хто що який яка яке які яких яким кого чим де коли як чому навіщо скільки чи це такий така такі "
    "добрий день вітаю привіт дякую будь ласка скажіть підкажіть розкажіть можете знати хотів хотіла я"
)
SEVERAL: str = r"(які|яких|список|всі|усі)"
SELF_INTRODUCTION: str = r"(?<!\w)(я|ми|мене звати|моє місто|наше місто|наше село)(?!\w)"
CLAUSE_END: str = r"[.,;:!?]|\s(і|й|та|але|а)\s"
BACK_REFERENCE: str = (
    r"^(а|і|й|та|але|тоді)(?!\w)|(?<!\w)(він|вона|воно|вони|його|її|їх|йому|їй|їм|нього|неї|них|ньому|там|цей|"
    r"ця|це|ці|цього|цієї|цих)(?!\w)"
)
HOW_MANY: str = r"скільки|кількість|кількості"
COST: str = r"скільки (кошту|коштував|витрат|заплат|грошей|коштів)|як(ий|а|им) (був |була |було )?(бюджет|вартіст|сум|цін)"
WHEN: str = shared.OPENS + r"коли(?![-\w])|в якому році|у якому році|якого числа|яку дату|в який день|у якому місяці"
WHO: str = shared.OPENS + r"хто(?![-\w])"
NAME_ASKED: str = r"як звати|як звали|яке ім'я|ім'я "
COUNTRY_NOUN: str = r"(?<!\w)[Кк]раїн"
NUMBER_WORDS: str = (
    r"двох|трьох|чотирьох|п'яти|шести|семи|восьми|дев'яти|десят\w*|двадцят\w*|тридцят\w*|сорок\w*|"
    r"п'ятдесят\w*|шістдесят\w*|сімдесят\w*|вісімдесят\w*|дев'яност\w*|сотні|сотень|"
    r"тисяч\w*|мільйон\w*|дюжин\w*"
)
EXCLUSION: str = r"(?<!\w)(крім|окрім|за винятком|поза)(?!\w)"
HEAD_ASKED: str = r"(очолю\w*|очолив\w*|керу\w*|голов[аиуіо](?!\w)|головою|президент\w*|(?<!\w)мер(?:ом|а|у|ії|ія)?(?!\w))"
EXPANSION_ASKED: str = r"розшифров\w*|абревіатур\w*|(означає|значить|позначає)\s+(абревіатура |скорочення )?" + shared.ENDS
POPULATION_ASKED: str = r"населенн\w*|скільки (жителів|мешканців)"
INHABITANTS: str = r"жител\w*|мешканц\w*|населенн\w*"
DURATION_UNITS: str = r"рок(?:и|ів)|міся(?:ці|ців)|тижн(?:і|ів)|дн(?:і|ів)|годин\w*"
NAMES_LISTED: str = r"(?<!\w)(імена|назви)(?!\w)|(які|яких)\s(\S+\s)?(міст\w*|громад\w*|комун\w*|сіл)"
PLACE_ASKED: str = r"(?<!\w)(яке|якому|якого|який) (міст\w*|громад\w*|комун\w*)"
PEOPLE_COUNTED: str = (
    r"скільки (\w+ )?(людей|осіб|членів|учасник\w*|мерів|депутат\w*|делегат\w*|працівник\w*|представник\w*|"
    r"волонтер\w*|експерт\w*|посадов\w*|обранц\w*)"
)
PEOPLE: str = (
    r"людей|люди|осіб|особи|член\w*|учасник\w*|мер\w*|депутат\w*|делегат\w*|працівник\w*|представник\w*|"
    r"волонтер\w*|експерт\w*|посадов\w*|обранц\w*|біженц\w*|мешканц\w*|жител\w*"
)
FOUNDING_ASKED: str = r"(заснован\w*|створен\w*|засновани\w*|утворен\w*)"
FOUNDING: str = r"засн\w*|створ\w*|утвор\w*|злитт\w*"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"пан|пані"
POSITIONS: str = r"Голова|Мер"
ARTICLES: str = r""
CURRENCIES: str = r"\b(?:гривн\w*|гривень|євро|долар\w*)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"вони|він|вона|воно|останній|остання|останні"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("африк",), "019": ("америк",), "142": ("азія", "азії", "азію", "азією", "азіат", "азійськ"),
    "150": ("європ",), "009": ("океанія", "океанії", "океанію", "океанією", "океанійськ")}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("північн",), "south": ("південн",), "east": ("східн",), "west": ("західн",),
    "central": ("центральн",), "latin": ("латин", "латинськ")}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"магриб\w*",), "middle-east": (r"близьк\w* сход\w*", r"близьк\w* схід", r"близькосхідн\w*"),
    "balkans": (r"балкан\w*",), "scandinavia": (r"скандинав\w*",), "029": (r"кариб\w*",),
    "202": (r"на південь від сахари",), "030": (r"далек\w* сход\w*", r"далек\w* схід", r"далекосхідн\w*"),
    "053": (r"австралазі\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
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
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="Мовна модель не відповіла вчасно; ось відповідні фрагменти.",
    unavailable="Мовна модель зараз недоступна; ось відповідні фрагменти.",
    unusable="Мовна модель не дала придатної відповіді; ось відповідні фрагменти.",
)
NOT_STATED: str = "Документи AMF не дають відповіді на це запитання ({what}). Ось що в них сказано:"
ASKED_KINDS: dict[str, str] = {"founding": "дата заснування", "people": "кількість людей", "quantity": "число", "date": "дата", "money": "сума", "person": "ім'я", "name": "ім'я",
    "countries": "країни", "year": "за {year} рік", "expansion": "розшифровка скорочення",
    "population": "населення", "names": "назви", "place": "це місце"}
COUNTRIES_NAMED: str = "Країни, згадані в цих уривках:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
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
)
