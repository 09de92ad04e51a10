"""Spanish (es): the words, patterns and messages the assistant reads and speaks Spanish with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "Spanish"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "quién quiénes qué cuál cuáles cuánto cuántos cuántas dónde cuándo cómo por qué es son era fue ha han "
    "hola buenos días gracias por favor dígame dime puede podría saber quisiera soy"
)
SEVERAL: str = r"\b(cu[aá]les|qu[eé] \w+s|lista\w*|todos|todas)\b"
SELF_INTRODUCTION: str = r"\b(soy|vivo en|trabajo (?:en|como|para)|somos|mi municipio|mi ciudad|mi pueblo)\b"
CLAUSE_END: str = r"[.,;:!?]|\s(y|pero)\s"
BACK_REFERENCE: str = (
    r"^(y|pero|entonces|luego)\b|\b(él|ella|ellos|ellas|su|sus|allí|allá|ahí|este|esta|ese|esa|eso|esto)\b|"
    r"\b(quién|cómo|dónde) (lo|la|los|las|le|les)\b"
)
HOW_MANY: str = r"(?<!en )\bcu[aá]nt[oa]s?\b|\bn[uú]mero de\b"
COST: str = r"\bcu[aá]nto (cuesta|cost|gast|pag|dinero)|\bcu[aá]l (es |era |fue )?(el |la )?(presupuesto|costo|coste|importe|precio)"
WHEN: str = r"\bcuándo\b|" + shared.OPENS + r"cuando\b|\b(en )?qu[eé] (a[ñn]o|fecha|d[ií]a|mes)\b"
WHO: str = r"\bqui[eé]n(es)?\b"
NAME_ASKED: str = r"\bc[oó]mo se llama(ba)?\b|\bel nombre d\w*\b"
COUNTRY_NOUN: str = r"\b[Pp]a[ií]s(es)?\b"
NUMBER_WORDS: str = r"decenas?|docenas?|veintenas?|treintenas?|centenar(?:es)?|cientos|millares?|miles"
EXCLUSION: str = r"\b(aparte de|adem[aá]s de|excepto|salvo|fuera de)\b"
HEAD_ASKED: str = r"\b(dirig[eií]\w*|presid[eií]\w*|president\w*|alcalde\w*|jefe|director\w*|encabez\w*|lider\w*)\b"
EXPANSION_ASKED: str = (
    r"\bsignifica\s+(la sigla |las siglas |el acr[óo]nimo )?" + shared.ENDS + r"|\bsiglas?\b|\bacr[óo]nimo\b|"
    r"\babreviatura\b|\bsignificado d"
)
POPULATION_ASKED: str = r"\bpoblaci[óo]n\b|\bcu[áa]ntos habitantes\b"
INHABITANTS: str = r"habitantes|poblaci[óo]n"
DURATION_UNITS: str = r"a[ñn]os|meses|semanas|d[ií]as|horas"
NAMES_LISTED: str = r"\bnombres\b|\b(cu[aá]les|qu[ée]) (son )?(las |los )?(\S+ )?(ciudades|municipios|comunas|pueblos|localidades)\b"
PLACE_ASKED: str = r"\b(qu[ée]|cu[aá]l) (ciudad|municipio|localidad|comuna|pueblo)\b"
PEOPLE_COUNTED: str = (
    r"\bcu[aá]nt[oa]s (\w+ )?(personas|miembros|participantes|alcaldes|alcaldesas|electos|cargos|concejales|"
    r"delegados|empleados|representantes|voluntarios|expertos)\b"
)
PEOPLE: str = (
    r"personas|miembros|participantes|alcaldes\w*|electos|cargos|concejales|delegados|empleados|representantes|"
    r"voluntarios|expertos|refugiados|habitantes"
)
FOUNDING_ASKED: str = r"\b(fundad[oa]s?|cread[oa]s?|fundaci[óo]n|creaci[óo]n)\b"
FOUNDING: str = r"fundad\w*|fundaci[óo]n|cread[oa]s?|creaci[óo]n|fusi[óo]n"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"Sra?\."
POSITIONS: str = r"Presidente|Alcalde(?:sa)?"
ARTICLES: str = r"el|la|los|las|una|del|al"
CURRENCIES: str = r"\b(?:euros?|dólares)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"ellos|ellas|éstos|éstas|estos últimos|estas últimas|este último|esta última"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("áfrica", "african"), "019": ("améric", "american"), "142": ("asia", "asiát"),
    "150": ("europ",), "009": ("oceanía",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("norte", "septentrion"), "south": ("sur", "sud", "meridion"), "east": ("este", "orient"),
    "west": ("oeste", "occident"), "central": ("centr",), "latin": ("latin",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"magreb\w*",), "middle-east": (r"oriente (?:medio|proximo)", r"medio oriente"),
    "balkans": (r"balcan\w*",), "scandinavia": (r"escandinav\w*",), "029": (r"caribe\w*",),
    "202": (r"subsahar\w*",), "030": (r"(?:lejano|extremo) oriente",), "053": (r"australasia\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
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
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="El modelo de lenguaje no respondió a tiempo; estos son los pasajes.",
    unavailable="El modelo de lenguaje no está disponible en este momento; estos son los pasajes.",
    unusable="El modelo de lenguaje no dio una respuesta utilizable; estos son los pasajes.",
)
NOT_STATED: str = "Los documentos de la AMF no precisan {what}. Esto es lo que dicen al respecto:"
ASKED_KINDS: dict[str, str] = {"founding": "esta fecha de fundación", "people": "este número de personas", "quantity": "esta cifra", "date": "esta fecha", "money": "este importe", "person": "este nombre",
    "name": "este nombre", "countries": "estos países", "year": "este dato para {year}",
    "expansion": "el significado de esta sigla", "population": "esta población", "names": "estos nombres", "place": "este lugar"}
COUNTRIES_NAMED: str = "Países mencionados en estos pasajes:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
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
)
