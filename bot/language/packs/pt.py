"""Portuguese (pt): the words, patterns and messages the assistant reads and speaks Portuguese with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "Portuguese"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "quem que qual quais quanto quantos quantas onde quando como por quê porque é são era foi tem têm "
    "olá bom dia obrigado obrigada por favor diga-me pode poderia saber gostaria sou"
)
SEVERAL: str = r"\b(quais|que \w+s|lista\w*|todos|todas)\b"
SELF_INTRODUCTION: str = r"\b(sou|moro|trabalho (?:em|como|na|no)|somos|meu município|minha cidade)\b"
CLAUSE_END: str = r"[.,;:!?]|\s(e|mas)\s"
BACK_REFERENCE: str = (
    r"^(e|mas|então|depois)\b|\b(ele|ela|eles|elas|seu|sua|seus|suas|dele|dela|deles|delas|lá|ali|este|esta|"
    r"esse|essa|isso|isto)\b"
)
HOW_MANY: str = r"\bquant[oa]s?\b(?! a\b| ao\b| à\b)|\bn[uú]mero de\b"
COST: str = r"\bquanto (custa|custou|gast|pag|dinheiro)|\bqual (é |era |foi )?(o |a )?(or[çc]amento|custo|montante|pre[çc]o)"
WHEN: str = shared.OPENS + r"quando\b|\b(em )?que (ano|data|dia|m[eê]s)\b"
WHO: str = shared.OPENS + r"quem\b"
NAME_ASKED: str = r"\bcomo se chama(va)?\b|\bo nome d\w*\b"
COUNTRY_NOUN: str = r"\b[Pp]a[ií]s(es)?\b"
NUMBER_WORDS: str = r"dezenas?|dúzias?|vintenas?|trintenas?|centenas?|milhares?|milhões"
EXCLUSION: str = r"\b(al[eé]m d[eoa]s?|exceto|salvo|fora [oa]s?)\b"
HEAD_ASKED: str = r"\b(dirig[ei]\w*|presid[ei]\w*|president\w*|prefeit\w*|chefe|diretor\w*|lider\w*)\b"
EXPANSION_ASKED: str = (
    r"\bsignifica\s+(a sigla |o acr[ôó]nimo )?" + shared.ENDS + r"|\bsigla\b|\bacr[ôó]nimo\b|\babreviatura\b"
    r"|\bsignificado d"
)
POPULATION_ASKED: str = r"\bpopula[çc][ãa]o\b|\bquantos habitantes\b"
INHABITANTS: str = r"habitantes|popula[çc][ãa]o"
DURATION_UNITS: str = r"anos|meses|semanas|dias|horas"
NAMES_LISTED: str = r"\bnomes\b|\b(quais|que) (s[ãa]o )?(as |os )?(\S+ )?(cidades|comunas|munic[íi]pios|vilas|localidades)\b"
PLACE_ASKED: str = r"\b(que|qual) (cidade|munic[íi]pio|localidade|comuna|vila)\b"
PEOPLE_COUNTED: str = (
    r"\bquant[oa]s (\w+ )?(pessoas|membros|participantes|prefeitos|autarcas|eleitos|vereadores|delegados|"
    r"funcionários|representantes|voluntários|especialistas)\b"
)
PEOPLE: str = (
    r"pessoas|membros|participantes|prefeitos|autarcas|eleitos|vereadores|delegados|funcionários|"
    r"representantes|voluntários|especialistas|refugiados|habitantes"
)
FOUNDING_ASKED: str = r"\b(fundad[oa]s?|criad[oa]s?|funda[çc][ãa]o|cria[çc][ãa]o)\b"
FOUNDING: str = r"fundad\w*|funda[çc][ãa]o|criad[oa]s?|cria[çc][ãa]o|fus[ãa]o"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r""
POSITIONS: str = r"Presidente|Prefeit[oa]"
ARTICLES: str = r"o|os|as|um|uma"
CURRENCIES: str = r"\b(?:euros?|dólares)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"eles|elas|ele|ela|estes|estas|este último|esta última"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("áfrica", "african"), "019": ("améric", "american"), "142": ("ásia", "asiát"),
    "150": ("europ",), "009": ("oceania",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("norte", "setentrion"), "south": ("sul", "meridion"), "east": ("leste", "este", "orient"),
    "west": ("oeste", "ocident"), "central": ("centr",), "latin": ("latin",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"magrebe\w*", r"maghreb\w*"), "middle-east": (r"medio oriente", r"oriente medio"),
    "balkans": (r"balcas", r"balcan\w*"), "scandinavia": (r"escandinav\w*",),
    "029": (r"caribe\w*", r"caraibas"), "202": (r"subsaarian\w*",), "030": (r"extremo oriente",),
    "053": (r"australasia\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
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
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="O modelo de linguagem não respondeu a tempo; eis os excertos.",
    unavailable="O modelo de linguagem não está disponível de momento; eis os excertos.",
    unusable="O modelo de linguagem não deu uma resposta utilizável; eis os excertos.",
)
NOT_STATED: str = "Os documentos da AMF não indicam {what}. Eis o que dizem a respeito:"
ASKED_KINDS: dict[str, str] = {"founding": "esta data de fundação", "people": "este número de pessoas", "quantity": "este número", "date": "esta data", "money": "este montante", "person": "este nome",
    "name": "este nome", "countries": "estes países", "year": "este dado para {year}",
    "expansion": "o significado desta sigla", "population": "esta população", "names": "estes nomes", "place": "este lugar"}
COUNTRIES_NAMED: str = "Países mencionados nestas passagens:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
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
)
