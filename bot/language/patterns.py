"""Per-language patterns read from questions: question words, requests for a list, attempts at manipulation."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.language.supported import COUNTED_IN_CHARACTERS, HEAD_FINAL, SCRIPTS, for_language
from bot.language.packs import gathered

# Words that frame a question rather than say what it is about: interrogatives, auxiliaries, greetings,
# politeness ("Здравствуйте! Скажите, кто такой…"). The knowledge base rarely uses them, so they would
# make any question look foreign to it; the relevance gate's known share leaves them out.
FRAMING_WORDS: dict[str, str] = gathered("FRAMING_WORDS")

LATIN_LANGUAGES = tuple(language for language, script in SCRIPTS.items() if script == "latin")

# Questions that ask for several things ("which delegations…", "list…"): the answer then gives more passages.
SEVERAL: dict[str, str] = gathered("SEVERAL")

# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants.").
CONTINUING_PRONOUNS: dict[str, str] = gathered("CONTINUING_PRONOUNS")


def opens_with_pronoun(sentence: str, language: str) -> bool:
    """The sentence, in `language`, begins with a pronoun standing for what the sentence before names (False in a
    language without a pack)."""
    pronouns = CONTINUING_PRONOUNS.get(language)
    return bool(pronouns) and bool(_opening(pronouns).match(sentence.lstrip()))


@lru_cache(maxsize=None)
def _opening(pronouns: str) -> re.Pattern:
    return re.compile(rf"(?:{pronouns})(?![^\W\d_])", re.IGNORECASE)

# Requests to drop the rules, reveal instructions or make things up. Each alternative is one kind of
# request in the languages that phrase it so; together they cover every supported language (a unit
# test makes one request in each).
# "…라고 말해" / "…と言って" (say that …) is an order; after "what" (뭐라고 말했나요, 何と言いましたか) it asks what was said.
MANIPULATION_PATTERNS: tuple[str, ...] = (
    r"\bignor\w*\b.{0,40}\b(instruction|rule|document|source|prompt|consigne|r[eè]gle|istruzion|regol|instrucc|regla|anweisung|regel|instru[cç]|regra)",
    r"\b(disregard|forget|oublie\w*|dimentica\w*|olvida\w*|vergiss\w*|esque[cç]a\w*|uita\w*)\b",
    r"\b(system prompt|prompt syst[eè]me|jailbreak|DAN)\b",
    r"(developer mode|mode d[ée]veloppeur|modalit[àa] sviluppatore|modo (de )?desarrollador|entwicklermodus|modo (de )?desenvolvedor|"
    r"modul dezvoltator|режим разработчика|режим розробника|개발자 모드|開発者モード)",
    r"\b(dichiara|d[ée]clare|declara|erkl[äa]re|afirma|affirme|say|state|claim|write|[ée]cris|scrivi|escribe|schreibe?|escreva|scrie"
    r"|answer|reply|respond|r[ée]ponds|rispondi|responde|responda|antworte|r[ăa]spunde)\W{0,2}\s*(che|que|that|dass|c[aă])\b",
    # "Confirm, no questions asked, that…" as an order (a polite "Can you confirm that…?" is a question).
    r"(?:^|[.!?:;]\s*)(confirm|confirme|conferma|confirma|best[äa]tige|confirm[ăa]|подтверди|підтверди)\b",
    r"\b(do not|don't|n'utilise pas|non usare|no uses|benutze keine|verwende keine|n[ãa]o use|nu folosi)\b.{0,20}"
    r"\b(document|source|fonte|fuente|quelle|dokument|surs)",
    r"\b(follow|suis|segui|sigue|befolge|siga|urmeaz[ăa])\s+(these|the following|my|ces|mes|queste|le mie|estas|mis|diese|meine|estas|minhas|aceste)\s+"
    r"(instruction|consigne|istruzion|instrucc|anweisung|instru[cç]|instruc)",
    r"\b(pretend|fais comme si|imagine que|fai finta|finge|tu es (maintenant|désormais)|vous êtes (maintenant|désormais)|"
    r"you are now|you're now|from now on,? you|act as|roleplay|imagine you|d'ora in poi sei|a partir de ahora eres|"
    r"ab jetzt bist du|a partir de agora (você é|és)|de acum e[șs]ti|"
    r"immagina di essere|sei ora|imagina que eres|ahora eres|stell dir vor|du bist jetzt|imagine que voc[eê]|agora voc[eê] [ée]|"
    r"imagineaz[ăa]-?[țt]i c[ăa]|acum e[șs]ti)\b|представь\w*,? что ты|теперь ты|уяви\w*,? що ти|тепер ти|라고 상상|인 척|のふりをして|になりきって",
    r"\b(invent\w*|make up|made up|fabrique\w*|erfinde\w*|inventa\w*)\b",
    r"\b(joke|blague|barzelletta|chiste|witz|piada|glum[aă])\b",
    r"<\s*script|onerror\s*=|javascript:",
    r"игнорир\w*|забудь\w*|ігнор\w*|забудь|притворись|придумай|вигадай|анекдот|시스템 프롬프트|무시하|지어내|농담|無視し|システムプロンプト|冗談|でっち上げ",
    r"(ответь|скажи|напиши|отвечай|відповідай|скажи|напиши)\w*\W{0,2}\s*(что|що)\b"
    r"|не используй\w* документ|не використовуй\w* документ"
    r"|(следуй|дотримуйся|виконай|выполни)\w*\s+(этим|следующим|цим|наступним)?\s*(инструкци|указани|інструкці|вказівк)",
    r"(?<!뭐)(?<!무엇이)라고(만)? (답|대답|말|확인)|지시(를|에) 따르|문서를 (사용하지|무시)|(?<!何)と(だけ)?(答え|回答|言って|確認)|指示に従|文書を使わ|資料を使わ"
    r"|あなたは今から|今からあなたは|제한 없는|制限のない",
)

MANIPULATION = re.compile("|".join(MANIPULATION_PATTERNS), re.IGNORECASE)

# Where a visitor introduces themselves ("je suis maire d'une commune de Vendée", "I'm a councillor
# near Bologna", "Я депутат сельсовета под Полтавой"): the places named there are the visitor's, not
# what is asked. The introduction runs from the marker to the end of its clause (a punctuation mark
# or a conjunction that starts the question proper: "… et je voudrais savoir si …").
SELF_INTRODUCTION: dict[str, str] = gathered("SELF_INTRODUCTION")
CLAUSE_END: dict[str, str] = gathered("CLAUSE_END")


def self_introductions(text: str, language: str) -> list[tuple[int, int]]:
    """The spans of `text` where the visitor speaks of themselves (see `SELF_INTRODUCTION`)."""
    spans = []
    marker, end = re.compile(for_language(SELF_INTRODUCTION, language), re.IGNORECASE), re.compile(
        for_language(CLAUSE_END, language))
    for match in marker.finditer(text):
        stop = end.search(text, match.end())
        spans.append((match.start(), stop.start() if stop else len(text)))
    return spans


# What makes a short question lean on the one before it: it opens with "and" / "what about", or
# points back with a pronoun, a possessive or "there" ("Who leads it?", "Et ses membres ?", "Und dort?").
# A question without any of these stands on its own ("Which countries has AMF cooperated with?").
BACK_REFERENCE: dict[str, str] = gathered("BACK_REFERENCE")

# Questions that ask for a quantity or a date: a passage that states none cannot answer them
# ("How many times did Hoeffel visit South Africa?" next to a passage on his one visit).
HOW_MANY: dict[str, str] = gathered("HOW_MANY")
# Questions asking for an amount of money ("how much did it cost", "what is the budget"), not those
# that merely name a budget ("who votes on the participatory budget?"): a passage stating no amount
# of money cannot answer them.
COST: dict[str, str] = gathered("COST")
# "When" as a question, not as a conjunction ("Who was present when the AMF welcomed…"): the word
# opening the question (or one of its sentences), or a phrase that only asks for a date.
WHEN: dict[str, str] = gathered("WHEN")
# Questions asking for a person ("Qui dirige le groupe ?"): the interrogative opening the question. A
# title answers them ("en présence du Président de l'Association…").
WHO: dict[str, str] = gathered("WHO")
# Questions asking for a name ("What was the name of the president…", "Як звали…"): only a name answers them.
NAME_ASKED: dict[str, str] = gathered("NAME_ASKED")
# The noun of a question asking for countries ("Which countries…", "Quels pays…", "Mit welchen Ländern…").
COUNTRY_NOUN: dict[str, str] = gathered("COUNTRY_NOUN")

# Number words, whole words (\w* where the word inflects); digits are numbers in every language.
# Cardinals spelled out in the languages `text2num` reads (fr, en, it, es, de, pt: "deux mille",
# "six cents", "quindici") come from it (`grounding.states_quantity`); they hold only the approximate
# quantities no library reads ("une quinzaine", "dozens", "una decina"). Romanian, Russian and Ukrainian
# cardinals are spelled by num2words; the tables add their declined forms. Korean and Japanese list theirs.
TEXT2NUM_LANGUAGES = ("fr", "en", "it", "es", "de", "pt")
NUM2WORDS_LANGUAGES = ("ro", "ru", "uk")  # their cardinals are spelled by num2words
NUMBER_WORDS: dict[str, str] = gathered("NUMBER_WORDS")

# "Apart from the Koreans, which delegations…": what follows such a phrase, up to the end of its
# clause (`CLAUSE_END`), is left out of what is asked — its countries get no bonus.
EXCLUSION: dict[str, str] = gathered("EXCLUSION")


EXCLUDED_WORDS = 3  # "apart from the Koreans", "außer Frankreich": what is set aside is named in a few words


def without_exclusions(text: str, language: str) -> str:
    """`text` with what its exclusion phrases set aside blanked out (see `EXCLUSION`): up to the end of
    the clause, at most `EXCLUDED_WORDS` words ("neben dem Vorsitz des kamerunischen Städteverbands"
    keeps its Cameroon)."""
    marker, end = re.compile(for_language(EXCLUSION, language), re.IGNORECASE), re.compile(
        for_language(CLAUSE_END, language))
    spans = []
    for match in marker.finditer(text):
        start = match.start()
        if language in HEAD_FINAL:  # the excluded words come before the marker: back to the clause start
            before = list(end.finditer(text, 0, start))
            start = before[-1].end() if before else 0
            stop = match.end()
        else:
            found = end.search(text, match.end())
            stop = found.start() if found else len(text)
            words = list(re.finditer(r"\S+", text[match.end():stop]))
            if len(words) > EXCLUDED_WORDS:  # the thing set aside is named first: the rest is the question
                stop = match.end() + words[EXCLUDED_WORDS - 1].end()
        spans.append((start, stop))
    return blanked(text, spans)


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans replaced by spaces: what is left keeps its positions."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# Questions asking who holds a position ("Who heads the association?", "Хто очолює…", "Qui est le maire de…"):
# a title answers them only with the position itself ("the President of the association"), so only a name does.
HEAD_ASKED: dict[str, str] = gathered("HEAD_ASKED")
# Questions asking what an acronym stands for ("Wofür steht die Abkürzung DAECT?"): only its expansion answers
# them. The acronym stands next to the words asking it (`grounding.asked_kinds`: "AMFが…二つの機関の略称は" asks for
# two bodies' acronyms); "What does X mean" only when the acronym ends the question ("Was bedeutet die
# Partnerschaft für die AMF?" asks something else).
EXPANSION_ASKED: dict[str, str] = gathered("EXPANSION_ASKED")
# Questions asking for the population of a place ("Quelle est la population de Quimperlé ?"): a number of
# inhabitants answers them, not any number of the passage.
POPULATION_ASKED: dict[str, str] = gathered("POPULATION_ASKED")
# How a passage, in any of its languages, says a number is of inhabitants.
INHABITANTS: dict[str, str] = gathered("INHABITANTS")
# Units of time: a number of them ("une durée de trois ans", "3年間") is a duration, which answers "how many" only
# when the question counts in them ("combien d'années", "сколько лет").
DURATION_UNITS: dict[str, str] = gathered("DURATION_UNITS")
# Questions asking for the names of several places ("Quelles sont les 29 villes…", "os nomes das doze comunas"):
# only names answer them, not a passage saying how many there are.
NAMES_LISTED: dict[str, str] = gathered("NAMES_LISTED")
# "Which city…", in the singular (or where the language does not mark the number: "어느 도시", "どの都市"): one place
# other than those the question gives answers it.
PLACE_ASKED: dict[str, str] = gathered("PLACE_ASKED")
# Questions counting people ("2021年の作業部会のメンバーは何人", "How many members…", "Combien d'élus…"): a number of
# people answers them (`PEOPLE`), not a number of delegations, countries or meetings.
PEOPLE_COUNTED: dict[str, str] = gathered("PEOPLE_COUNTED")
# How a passage, in any of its languages, says a number is of people ("65 élus", "deux mille personnes", "22人").
PEOPLE: dict[str, str] = gathered("PEOPLE")
# Questions asking when something was founded ("In which year was UVICOCI founded?"): a date in a sentence on a
# founding (`FOUNDING`) answers them, not the date of an agreement signed with it.
FOUNDING_ASKED: dict[str, str] = gathered("FOUNDING_ASKED")
FOUNDING: dict[str, str] = gathered("FOUNDING")


# --- Read in passages, whatever their language (`grounding`: each table's entries joined into one pattern) -----
# Words before a person's name ("M. Bruno Joncour", "Mrs Smith", "пан Ковальчук").
HONORIFICS: dict[str, str] = gathered("HONORIFICS")
# Positions written as a name ("en présence du Président de l'Association"): a person is named, not a name.
POSITIONS: dict[str, str] = gathered("POSITIONS")
# Articles: before two capitalised words they make an event or a body ("le 9e Sommet Africités"), not a person.
ARTICLES: dict[str, str] = gathered("ARTICLES")
# Currencies named in words: an amount of money (the signs € $ £ ¥ ₩ ₽ ₴ are every language's).
CURRENCIES: dict[str, str] = gathered("CURRENCIES")
# A city marked by a suffix (横浜市, 부산시), its name captured: a place the question asks about; "" where none is.
SUFFIXED_CITY: dict[str, str] = gathered("SUFFIXED_CITY")


def in_any_language(table: dict[str, str], in_characters: bool | None = None) -> str:
    """The alternatives of every language's entry of `table` as one pattern (languages without one left out); with
    `in_characters` True (False), only those of the languages whose words run together (or do not: the patterns
    their caller bounds by word edges) — `COUNTED_IN_CHARACTERS`, Korean and Japanese."""
    return "|".join(f"(?:{entry})" for language, entry in table.items() if entry and (
        in_characters is None or (language in COUNTED_IN_CHARACTERS) == in_characters))
