"""Per-language patterns read from questions: question words, requests for a list, attempts at manipulation."""

from __future__ import annotations

import re

from bot.language.supported import SCRIPTS, for_language

# Frequent question words that belong to one language only among the Latin-script ones; the other
# scripts tell their languages apart by their characters (see `detection`), so they have none.
QUESTION_WORDS: dict[str, set[str]] = {
    "fr": {"qui", "quel", "quelle", "quels", "quelles", "où", "pourquoi", "combien", "est", "sont", "avec", "les",
           "des", "une", "elle", "été", "aux", "ont"},
    "en": {"who", "what", "which", "where", "when", "why", "how", "the", "did", "does", "has", "have", "is", "was",
           "were", "with", "of", "and"},
    "it": {"chi", "quale", "quali", "quanti", "quante", "dove", "perché", "cosa", "è", "sono", "gli", "della", "dell",
           "hanno", "nel", "degli", "delle"},
    "es": {"quién", "quiénes", "cuál", "cuáles", "cuántos", "cuántas", "dónde", "qué", "cómo", "los", "las", "hizo",
           "fue"},
    "de": {"wer", "was", "welche", "welcher", "welches", "wie", "wo", "warum", "der", "die", "das", "und", "ist",
           "hat", "mit", "von", "den", "dem"},
    "pt": {"quem", "qual", "quais", "quantos", "quantas", "onde", "os", "das", "dos", "é", "são", "não", "foi", "em",
           "uma", "ocupava"},
    "ro": {"cine", "care", "câte", "câți", "unde", "este", "sunt", "și", "cu", "fost", "lui", "ale"},
}

# Words that frame a question rather than say what it is about: interrogatives, auxiliaries, greetings,
# politeness ("Здравствуйте! Скажите, кто такой…"). The knowledge base rarely uses them, so they would
# make any question look foreign to it; the relevance gate's known share leaves them out.
FRAMING_WORDS: dict[str, str] = {
    "fr": "qui quoi quel quelle quels quelles où quand comment pourquoi combien est-ce est ce que qu "
          "bonjour salut merci svp s'il vous plaît dites-moi pouvez-vous pourriez-vous savoir voudrais je suis",
    "en": "who whom whose what which where when why how is are was were do does did has have had can could would "
          "tell me please hello hi there thanks thank you know i am i'm",
    "it": "chi che cosa quale quali quanto quanti quante dove quando come perché è sono era erano ha hanno "
          "buongiorno ciao salve grazie per favore dimmi mi può potrebbe sapere vorrei sono",
    "es": "quién quiénes qué cuál cuáles cuánto cuántos cuántas dónde cuándo cómo por qué es son era fue ha han "
          "hola buenos días gracias por favor dígame dime puede podría saber quisiera soy",
    "de": "wer wen wem wessen was welche welcher welches welchen wo wann wie warum wieso ist sind war waren hat "
          "haben hallo guten tag danke bitte sagen sie mir können könnten wissen möchte ich bin",
    "pt": "quem que qual quais quanto quantos quantas onde quando como por quê porque é são era foi tem têm "
          "olá bom dia obrigado obrigada por favor diga-me pode poderia saber gostaria sou",
    "ro": "cine ce care câte câți unde când cum de ce este sunt era au a fost bună ziua salut mulțumesc vă rog "
          "spuneți-mi puteți ați putea știu aș vrea să sunt",
    "ru": "кто что какой какая какое какие каких каким кого чем где когда как почему зачем сколько ли это такой "
          "такая такие здравствуйте привет спасибо пожалуйста скажите подскажите расскажите можете знать хотел хотела я",
    "uk": "хто що який яка яке які яких яким кого чим де коли як чому навіщо скільки чи це такий така такі "
          "добрий день вітаю привіт дякую будь ласка скажіть підкажіть розкажіть можете знати хотів хотіла я",
    "ko": "누구 무엇 무슨 어떤 어느 어디 언제 어떻게 왜 얼마나 몇 입니까 습니까 합니까 했습니까 인가요 나요 까요 "
          "안녕하세요 감사합니다 알려 주세요 궁금합니다 저는",
    "ja": "誰 何 どの どんな どこ いつ どう どうして なぜ いくつ 何人 ですか ますか ましたか でしょうか "
          "こんにちは ありがとう 教えて ください 知りたい 私は",
}

LATIN_LANGUAGES = tuple(language for language, script in SCRIPTS.items() if script == "latin")

# Questions that ask for several things ("which delegations…", "list…"): the answer then gives more passages.
SEVERAL: dict[str, str] = {
    "fr": r"\b(quels|quelles|lesquel\w*|liste\w*|tous|toutes)\b",
    "en": r"\b(which|list|all)\b.*\b\w+s\b|\bwhat (?!(?:has|does|was|is)\b)\w+s\b",
    "it": r"\b(quali|elenca\w*|tutti|tutte)\b",
    "es": r"\b(cu[aá]les|qu[eé] \w+s|lista\w*|todos|todas)\b",
    "de": r"\b(welche|liste\w*|alle)\b",
    "pt": r"\b(quais|que \w+s|lista\w*|todos|todas)\b",
    "ro": r"\b(care|ce \w+i|list\w*|toate|toți)\b",
    "ko": r"어떤|무엇|목록|모든|들[을은이]",
    "ja": r"どの|どんな|一覧|すべて|全て",
    "ru": r"(какие|каких|список|все)",
    "uk": r"(які|яких|список|всі|усі)",
}

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
SELF_INTRODUCTION: dict[str, str] = {
    "fr": r"\b(je suis|j'habite|je travaille|nous sommes|ma commune|ma ville|mon village)\b",
    "en": r"\b(i am|i'm|i live|i work|we are|my (?:town|city|village|municipality|commune))\b",
    "it": r"\b(io sono|sono (?:un|una|il|la|consiglier\w*|sindac\w*|assessor\w*|president\w*|deputat\w*)|abito|"
          r"lavoro (?:a|in|per|come)|il mio comune|la mia città)\b",
    "es": r"\b(soy|vivo en|trabajo (?:en|como|para)|somos|mi municipio|mi ciudad|mi pueblo)\b",
    "de": r"\b(ich bin|ich wohne|ich arbeite|wir sind|meine gemeinde|meine stadt)\b",
    "pt": r"\b(sou|moro|trabalho (?:em|como|na|no)|somos|meu município|minha cidade)\b",
    "ro": r"\b(eu sunt|sunt (?:un|o|primar\w*|consilier\w*|viceprimar\w*|pre[șs]edint\w*|deputat\w*)|locuiesc|lucrez|"
          r"suntem|comuna mea|orașul meu)\b",
    "ru": r"(?<!\w)(я|мы|меня зовут|мой город|наш город|наше село)(?!\w)",
    "uk": r"(?<!\w)(я|ми|мене звати|моє місто|наше місто|наше село)(?!\w)",
    "ko": r"저는|제가|우리 시|우리 마을",
    "ja": r"私は|わたしは|僕は|私たちは",
}
CLAUSE_END: dict[str, str] = {
    "fr": r"[.,;:!?]|\s(et|mais)\s", "en": r"[.,;:!?]|\s(and|but)\s", "it": r"[.,;:!?]|\s(e|ma)\s",
    "es": r"[.,;:!?]|\s(y|pero)\s", "de": r"[.,;:!?]|\s(und|aber)\s", "pt": r"[.,;:!?]|\s(e|mas)\s",
    "ro": r"[.,;:!?]|\s(și|dar)\s", "ru": r"[.,;:!?]|\s(и|но|а)\s", "uk": r"[.,;:!?]|\s(і|й|та|але|а)\s",
    "ko": r"[.,;:!?。、]|그리고", "ja": r"[.,;:!?。、]",
}


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
BACK_REFERENCE: dict[str, str] = {
    "fr": r"^(et|mais|alors|puis|ensuite)\b|(?<![-\w])(il|elle|ils|elles|lui|leur|leurs|son|sa|ses|celui|celle|ceux|"
          r"celles|là|cette|cet)\b(?! y a)|\bqui (le|la|les|l')",
    "en": r"^(and|but|so|then|what about|how about)\b|\b(it|its|they|them|their|he|him|his|she|her|that|this|"
          r"those|these)\b|(?<!is )(?<!are )(?<!was )(?<!were )\bthere\b",
    "it": r"^(e|ma|allora|poi|quindi)\b|\b(lui|lei|loro|suo|sua|suoi|sue|lì|là|questo|questa|quello|quella|ne)\b|"
          r"\b(chi|come|dove) (lo|la|li|le|l')",
    "es": r"^(y|pero|entonces|luego)\b|\b(él|ella|ellos|ellas|su|sus|allí|allá|ahí|este|esta|ese|esa|eso|esto)\b|"
          r"\b(quién|cómo|dónde) (lo|la|los|las|le|les)\b",
    "de": r"^(und|aber|dann|also)\b|(?<!gibt )(?<!gab )\bes\b(?! gibt| gab)|\bsie\s*\?|\b(er|ihn|ihm|ihr|ihre|ihren|ihrem|ihrer|sein|seine|seinen|seinem|seiner|dort|"
          r"da|dabei|davon|dafür|diese|dieser|dieses)\b",
    "pt": r"^(e|mas|então|depois)\b|\b(ele|ela|eles|elas|seu|sua|seus|suas|dele|dela|deles|delas|lá|ali|este|esta|"
          r"esse|essa|isso|isto)\b",
    "ro": r"^(și|dar|atunci|apoi)\b|\b(el|ea|ei|ele|lui|său|sa|săi|sale|acolo|acesta|aceasta|acest|această)\b|"
          r"\b(cine|cum) (îl|o|îi|le)\b",
    "ru": r"^(а|и|но|тогда)(?!\w)|(?<!\w)(он|она|оно|они|его|её|ее|их|ему|ей|им|него|неё|нее|них|нему|ней|там|этот|эта|"
          r"это|эти|этого|этой|этих)(?!\w)",
    "uk": r"^(а|і|й|та|але|тоді)(?!\w)|(?<!\w)(він|вона|воно|вони|його|її|їх|йому|їй|їм|нього|неї|них|ньому|там|цей|"
          r"ця|це|ці|цього|цієї|цих)(?!\w)",
    "ko": r"^(그리고|그럼|그러면|그런데|그렇다면)|그것|그곳|거기|그들|그의|그녀|이것|그 (단체|그룹|사람|협회|도시)|^그\s",
    "ja": r"^(では|じゃあ|それでは|それで|そして|また)|それ|その|そこ|彼|彼女|あの|この(団体|グループ|人|協会|都市)",
}

# Questions that ask for a quantity or a date: a passage that states none cannot answer them
# ("How many times did Hoeffel visit South Africa?" next to a passage on his one visit).
HOW_MANY: dict[str, str] = {
    "fr": r"\bcombien\b|\bnombre (de|d')|\bquel (est le )?(montant|co[uû]t|budget)",
    "en": r"\bhow (many|much)\b|\bthe number of\b|\bwhat (is the |was the )?(amount|cost|budget)\b",
    "it": r"(?<!per )\bquant[ioae]\b|\bnumero di\b",
    "es": r"(?<!en )\bcu[aá]nt[oa]s?\b|\bn[uú]mero de\b",
    "de": r"\bwie (viele?|oft|hoch)\b|\banzahl\b",
    "pt": r"\bquant[oa]s?\b(?! a\b| ao\b| à\b)|\bn[uú]mero de\b",
    "ro": r"\bc[aâ]te\b|\bc[aâ]ți\b|\bc[aâ]t\b(?! și| mai)|\bnum[aă]rul\b",
    "ru": r"сколько|количеств",
    "uk": r"скільки|кількість|кількості",
    "ko": r"몇|얼마",
    "ja": r"何人|何名|何回|何か所|何カ所|何都市|いくつ|いくら|どれくらい|どのくらい|何件",
}
# Questions asking for an amount of money ("how much did it cost", "what is the budget"), not those
# that merely name a budget ("who votes on the participatory budget?"): a passage stating no amount
# of money cannot answer them.
_AMOUNT = r"(\w+\s+){0,3}"
COST: dict[str, str] = {
    "fr": r"\bcombien (a |ont |va |vont )?(co[uû]t|rapport|d[ée]pens|d'argent|d'euros)|\bquel(le)?s? (est |était |sont |a été )?"
          r"(le |la |les |l')?(budget|co[uû]t|montant|prix)",
    "en": r"\bhow much\b.*\b(cost|spen[dt]|pa(y|id)|money|budget)|\bwhat (is |was |were )?(the )?" + _AMOUNT
          + r"(budget|cost|amount|price)",
    "it": r"\bquanto (è )?(cost|spes|pagat|denaro)|\bquale (è |era )?(il |la )?(bilancio|budget|costo|importo|prezzo)",
    "es": r"\bcu[aá]nto (cuesta|cost|gast|pag|dinero)|\bcu[aá]l (es |era |fue )?(el |la )?(presupuesto|costo|coste|importe|precio)",
    "de": r"\bwie ?viel\b.*\b(ge)?(kost|ausgegeben|bezahlt|geld)|\bwie hoch (ist|war) (das|der|die) (budget|haushalt|kosten|betrag)",
    "pt": r"\bquanto (custa|custou|gast|pag|dinheiro)|\bqual (é |era |foi )?(o |a )?(or[çc]amento|custo|montante|pre[çc]o)",
    "ro": r"\bc[aâ]t (cost|a costat|s-a cheltuit|bani)|\bcare (este |era |a fost )?(bugetul|costul|suma|pre[țt]ul)",
    "ru": r"сколько (стои|стоил|потрат|заплат|денег|средств)|как(ой|ова|им) (был |была |было )?(бюджет|стоимост|сумм|цен)",
    "uk": r"скільки (кошту|коштував|витрат|заплат|грошей|коштів)|як(ий|а|им) (був |була |було )?(бюджет|вартіст|сум|цін)",
    "ko": r"비용은? 얼마|예산은? 얼마|얼마(를|가)? (들|썼|지불|냈)|얼마였",
    "ja": r"費用は|予算は|いくら|金額",
}
# "When" as a question, not as a conjunction ("Who was present when the AMF welcomed…"): the word
# opening the question (or one of its sentences), or a phrase that only asks for a date.
_OPENS = r"(?:^|[.!?¿¡:;]\s*)(?:et |and |e |y |und |și |и |і |а )?"
WHEN: dict[str, str] = {
    "fr": _OPENS + r"quand\b|\ben quelle ann[ée]e\b|\bquelle date\b|\bdepuis quand\b",
    "en": _OPENS + r"when\b|\b(what|which) (year|date|day|month)\b",
    "it": _OPENS + r"quando\b|\bin (che|quale) (anno|data|giorno|mese)\b|\bquale data\b",
    "es": r"\bcuándo\b|" + _OPENS + r"cuando\b|\b(en )?qu[eé] (a[ñn]o|fecha|d[ií]a|mes)\b",
    "de": r"\bwann\b|\b(in welchem|an welchem|welches) (jahr|datum|tag|monat)\b",
    "pt": _OPENS + r"quando\b|\b(em )?que (ano|data|dia|m[eê]s)\b",
    "ro": _OPENS + r"c[aâ]nd\b|\b([îi]n )?ce (an|dat[ăa]|zi|lun[ăa])\b",
    "ru": _OPENS + r"когда(?![-\w])|в каком году|какого числа|какую дату|в какой день|в каком месяце",
    "uk": _OPENS + r"коли(?![-\w])|в якому році|у якому році|якого числа|яку дату|в який день|у якому місяці",
    "ko": r"언제|몇 년|몇년|며칠|날짜",
    "ja": r"いつ|何年|何日|何月|日付",
}
# Questions asking for a person ("Qui dirige le groupe ?"): the interrogative opening the question. A
# title answers them ("en présence du Président de l'Association…").
WHO: dict[str, str] = {
    "fr": _OPENS + r"qui\b(?! que)",
    "en": _OPENS + r"who\b",
    "it": _OPENS + r"chi\b",
    "es": r"\bqui[eé]n(es)?\b",
    "de": _OPENS + r"wer\b",
    "pt": _OPENS + r"quem\b",
    "ro": _OPENS + r"cine\b",
    "ru": _OPENS + r"кто(?![-\w])",
    "uk": _OPENS + r"хто(?![-\w])",
    "ko": r"누구|누가",
    "ja": r"誰|だれ|どなた",
}
# Questions asking for a name ("What was the name of the president…", "Як звали…"): only a name answers them.
NAME_ASKED: dict[str, str] = {
    "fr": r"\bquel (est|était) (le|son) nom\b|\bcomment s'appel|\bnom d[eu]\b",
    "en": r"\b(what|which) (is|was) (the|his|her|their) name\b|\bthe name of\b|\bcalled\?",
    "it": r"\bcome si chiama(va)?\b|\b(qual (è|era) )?il nome d\w*\b",
    "es": r"\bc[oó]mo se llama(ba)?\b|\bel nombre d\w*\b",
    "de": r"\bwie hei(ß|ss)t\b|\bwie hie(ß|ss)\b|\b(der|sein|ihr) name\b|\bnamen (des|der)\b",
    "pt": r"\bcomo se chama(va)?\b|\bo nome d\w*\b",
    "ro": r"\bcum se nume(a|ște)\b|\bnumele\b",
    "ru": r"как зовут|как звали|как(ое|ово) имя|имя ",
    "uk": r"як звати|як звали|яке ім'я|ім'я ",
    "ko": r"이름",
    "ja": r"名前|氏名",
}
# The noun of a question asking for countries ("Which countries…", "Quels pays…", "Mit welchen Ländern…").
COUNTRY_NOUN: dict[str, str] = {  # matched as written: "Pays de Sorgues-Hautes" names a territory
    "fr": r"\b(?<!\bPays )pays\b", "en": r"\b[Cc]ountr(y|ies)\b", "it": r"\b[Pp]aes[ei]\b|\b[Nn]azion[ei]\b",
    "es": r"\b[Pp]a[ií]s(es)?\b", "de": r"\bL[äa]nder(n)?\b|\bStaaten\b", "pt": r"\b[Pp]a[ií]s(es)?\b",
    "ro": r"\b[ȚțTt]ări(le)?\b|\b[ȚțTt]ar[aă]\b", "ru": r"(?<!\w)[Сс]тран", "uk": r"(?<!\w)[Кк]раїн", "ko": r"국가|나라",
    "ja": r"国々|どの国|どこの国|国は|国を|国と",
}

# Number words, whole words (\w* where the word inflects); digits are numbers in every language.
# Cardinals spelled out in the languages `text2num` reads (fr, en, it, es, de, pt: "deux mille",
# "six cents", "quindici") come from it (`grounding.states_quantity`); they hold only the approximate
# quantities no library reads ("une quinzaine", "dozens", "una decina"). Romanian, Russian and Ukrainian
# cardinals are spelled by num2words; the tables add their declined forms. Korean and Japanese list theirs.
TEXT2NUM_LANGUAGES = ("fr", "en", "it", "es", "de", "pt")
NUM2WORDS_LANGUAGES = ("ro", "ru", "uk")  # their cardinals are spelled by num2words
NUMBER_WORDS: dict[str, str] = {
    "fr": r"(?:douz|quinz|vingt|trent|quarant|cinquant|soixant|cent)aines?|dizaines?|milliers?",
    "en": r"dozens?|scores|hundreds|thousands|millions",
    "it": r"(?:dec|dozz|vent|trent|quarant|cinquant|sessant|settant|ottant|novant)in[ae]|centinai[ao]|migliai[ao]",
    "es": r"decenas?|docenas?|veintenas?|treintenas?|centenar(?:es)?|cientos|millares?|miles",
    "de": r"dutzende?|hunderte|tausende|millionen",
    "pt": r"dezenas?|dúzias?|vintenas?|trintenas?|centenas?|milhares?|milhões",
    # Cardinals from num2words (`grounding._number_words`); here the declined forms and approximate nouns.
    "ro": r"duzin\w*|zeci|sutele|miile",
    "ru": r"двух|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десят\w*|двадцат\w*|тридцат\w*|"
          r"сорок\w*|пят\w*десят\w*|шест\w*десят\w*|сем\w*десят\w*|вос\w*десят\w*|девяност\w*|сотни|сотен|тысяч\w*|миллион\w*|дюжин\w*",
    "uk": r"двох|трьох|чотирьох|п'яти|шести|семи|восьми|дев'яти|десят\w*|двадцят\w*|тридцят\w*|сорок\w*|"
          r"п'ятдесят\w*|шістдесят\w*|сімдесят\w*|вісімдесят\w*|дев'яност\w*|сотні|сотень|"
          r"тисяч\w*|мільйон\w*|дюжин\w*",
    "ko": r"수십|수백|수천|열|스물|서른|마흔|쉰|예순",
    "ja": r"[一二三四五六七八九十百千万]+[人名回件か所都市]",
}

# "Apart from the Koreans, which delegations…": what follows such a phrase, up to the end of its
# clause (`CLAUSE_END`), is left out of what is asked — its countries get no bonus.
EXCLUSION: dict[str, str] = {
    "fr": r"\b(à part|a part|hormis|en dehors d[eu's]|outre|sauf|excepté)\b",
    "en": r"\b(apart from|aside from|besides|other than|except(?: for)?|excluding)\b",
    "it": r"\b(a parte|oltre a(?:i|gli|lla|l)?|tranne|eccetto|al di fuori d\w+)\b",
    "es": r"\b(aparte de|adem[aá]s de|excepto|salvo|fuera de)\b",
    "de": r"\b(abgesehen von|au[ßs]er|neben)\b",
    "pt": r"\b(al[eé]m d[eoa]s?|exceto|salvo|fora [oa]s?)\b",
    "ro": r"\b(în afar[aă] de|pe l[aâ]ng[aă]|except[aâ]nd)\b",
    "ru": r"(?<!\w)(кроме|помимо|за исключением)(?!\w)",
    "uk": r"(?<!\w)(крім|окрім|за винятком|поза)(?!\w)",
    "ko": r"외에|제외하고|말고",
    "ja": r"以外|を除いて|のほかに|の他に",
}


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
        if language in ("ko", "ja"):  # the excluded words come before the marker: back to the clause start
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
HEAD_ASKED: dict[str, str] = {
    "fr": r"\b(dirige\w*|pr[ée]side\w*|pr[ée]sident\w*|maires?|chef|[àa] la t[eê]te)\b",
    "en": r"\b(leads?|led|heads?|headed|chairs?|chaired|presides?|presided|president|mayor|chairman|chairwoman|"
          r"chairperson|director|chief|leader)\b",
    "it": r"\b(guida\w*|dirige\w*|presied\w*|president\w*|sindac[oi]|capo|direttor\w*|direttric\w*)\b",
    "es": r"\b(dirig[eií]\w*|presid[eií]\w*|president\w*|alcalde\w*|jefe|director\w*|encabez\w*|lider\w*)\b",
    "de": r"\b(leitet\w*|f[üu]hrt\w*|vorsitz\w*|pr[äa]sident\w*|b[üu]rgermeister\w*|leiter\w*|chef\w*|spitze)\b",
    "pt": r"\b(dirig[ei]\w*|presid[ei]\w*|president\w*|prefeit\w*|chefe|diretor\w*|lider\w*)\b",
    "ro": r"\b(conduce\w*|condus|prezid\w*|pre[șş]edinte\w*|primar\w*|[șş]ef\w*|director\w*)\b",
    "ru": r"(возглавля\w*|возглавил\w*|руковод\w*|председател\w*|президент\w*|(?<!\w)мэр\w*|(?<!\w)глав[аеуыо]\w*)",
    "uk": r"(очолю\w*|очолив\w*|керу\w*|голов[аиуіо](?!\w)|головою|президент\w*|(?<!\w)мер(?:ом|а|у|ії|ія)?(?!\w))",
    "ko": r"이끌|이끄|회장|대표|시장|의장|위원장|수장",
    "ja": r"率い|会長|代表|市長|議長|委員長|トップ",
}
# Questions asking what an acronym stands for ("Wofür steht die Abkürzung DAECT?"): only its expansion answers
# them. The acronym stands next to the words asking it (`grounding.asked_kinds`: "AMFが…二つの機関の略称は" asks for
# two bodies' acronyms); "What does X mean" only when the acronym ends the question ("Was bedeutet die
# Partnerschaft für die AMF?" asks something else).
_ENDS = r"\S+\s*[?？]*\s*$"
EXPANSION_ASKED: dict[str, str] = {
    "fr": r"\b(signifie|veut dire|d[ée]signe)\s+(le sigle |l'acronyme |l'abr[ée]viation )?" + _ENDS
          + r"|\bsigle\b|\bacronyme\b|\babr[ée]viation\b|\bsignification d",
    "en": r"\bstands? for\b|\bacronym\b|\babbreviation\b|\bwhat does (the acronym )?\S+ mean\b|\bmeaning of\b",
    "it": r"\bsignifica\s+(la sigla |l'acronimo )?" + _ENDS + r"|\bsta per\b|\bsigla\b|\bacronimo\b|\babbreviazione\b"
          r"|\bsignificato d",
    "es": r"\bsignifica\s+(la sigla |las siglas |el acr[óo]nimo )?" + _ENDS + r"|\bsiglas?\b|\bacr[óo]nimo\b|"
          r"\babreviatura\b|\bsignificado d",
    "de": r"\bwof[üu]r steht\b|\bbedeutet\s+(die abk[üu]rzung |das k[üu]rzel |das akronym )?" + _ENDS
          + r"|\babk[üu]rzung\b|\bakronym\b|\bk[üu]rzel\b",
    "pt": r"\bsignifica\s+(a sigla |o acr[ôó]nimo )?" + _ENDS + r"|\bsigla\b|\bacr[ôó]nimo\b|\babreviatura\b"
          r"|\bsignificado d",
    "ro": r"\b(înseamnă|inseamna|reprezintă)\s+(acronimul |abrevierea |sigla )?" + _ENDS
          + r"|\bacronim\w*|\babrevier\w*|\bsigl[aei]\w*",
    "ru": r"расшифров\w*|аббревиатур\w*|(означает|значит|обозначает)\s+(аббревиатура |сокращение )?" + _ENDS,
    "uk": r"розшифров\w*|абревіатур\w*|(означає|значить|позначає)\s+(абревіатура |скорочення )?" + _ENDS,
    "ko": r"약자|약어|줄임말|무슨 뜻",
    "ja": r"略語|何の略|の略|正式名称",
}
# Questions asking for the population of a place ("Quelle est la population de Quimperlé ?"): a number of
# inhabitants answers them, not any number of the passage.
POPULATION_ASKED: dict[str, str] = {
    "fr": r"\bpopulation\b|\bcombien d'habitants\b", "en": r"\bpopulation\b|\bhow many (inhabitants|residents|people live)\b",
    "it": r"\bpopolazione\b|\bquanti abitanti\b", "es": r"\bpoblaci[óo]n\b|\bcu[áa]ntos habitantes\b",
    "de": r"\bbev[öo]lkerung\b|\beinwohnerzahl\b|\bwie viele einwohner\b", "pt": r"\bpopula[çc][ãa]o\b|\bquantos habitantes\b",
    "ro": r"\bpopula[țţt]i\w*|\bc[âa]ți locuitori\b", "ru": r"населени\w*|сколько жителей",
    "uk": r"населенн\w*|скільки (жителів|мешканців)", "ko": r"인구|주민 수|주민은 몇", "ja": r"人口|住民の数|住民数|住民は何人",
}
# How a passage, in any of its languages, says a number is of inhabitants.
INHABITANTS: dict[str, str] = {
    "fr": r"habitants?|population", "en": r"inhabitants?|residents|population", "it": r"abitanti|popolazione",
    "es": r"habitantes|poblaci[óo]n", "de": r"einwohner\w*|bev[öo]lkerung", "pt": r"habitantes|popula[çc][ãa]o",
    "ro": r"locuitori\w*|popula[țţt]i\w*", "ru": r"жител\w*|населени\w*", "uk": r"жител\w*|мешканц\w*|населенн\w*",
    "ko": r"인구|주민", "ja": r"人口|住民",
}
# Units of time: a number of them ("une durée de trois ans", "3年間") is a duration, which answers "how many" only
# when the question counts in them ("combien d'années", "сколько лет").
DURATION_UNITS: dict[str, str] = {
    "fr": r"ans|ann[ée]es?|mois|semaines?|jours?|heures?", "en": r"years?|months?|weeks?|days?|hours?",
    "it": r"anni|mesi|settimane|giorni|ore", "es": r"a[ñn]os|meses|semanas|d[ií]as|horas",
    "de": r"jahren?|jahre|monaten?|monate|wochen|tagen?|tage|stunden", "pt": r"anos|meses|semanas|dias|horas",
    "ro": r"ani|luni|s[ăa]pt[ăa]m[âa]ni|zile|ore", "ru": r"лет|месяц\w*|недел[ьию]|дн(?:я|ей)|час(?:а|ов)",
    "uk": r"рок(?:и|ів)|міся(?:ці|ців)|тижн(?:і|ів)|дн(?:і|ів)|годин\w*",
    "ko": r"년간|개월|주간|일간|시간", "ja": r"年間|か月|ヶ月|カ月|週間|日間|時間",
}
# Questions asking for the names of several places ("Quelles sont les 29 villes…", "os nomes das doze comunas"):
# only names answer them, not a passage saying how many there are.
NAMES_LISTED: dict[str, str] = {
    "fr": r"\bnoms\b|\b(quel(le)?s|lesquel\w*) (sont )?(les )?(\S+ )?(villes|communes|municipalit[ée]s|villages|localit[ée]s)\b",
    "en": r"\bnames\b|\b(which|what) (are )?(the )?(\S+ )?(cities|towns|communes|municipalities|villages)\b",
    "it": r"\bnomi\b|\bquali (sono )?(i |le |gli )?(\S+ )?(citt[àa]|comuni|municipalit[àa]|villaggi|localit[àa])\b",
    "es": r"\bnombres\b|\b(cu[aá]les|qu[ée]) (son )?(las |los )?(\S+ )?(ciudades|municipios|comunas|pueblos|localidades)\b",
    "de": r"\bwie hei(ß|ss)en\b|\bnamen der\b|\bwelche\w* (\S+ )?(st[äa]dte|gemeinden|kommunen|orte|d[öo]rfer)\b",
    "pt": r"\bnomes\b|\b(quais|que) (s[ãa]o )?(as |os )?(\S+ )?(cidades|comunas|munic[íi]pios|vilas|localidades)\b",
    "ro": r"\bdenumiril\w*|\bnumele (celor|acestor|ora[șş]elor|comunelor)\b"
          r"|\b(care|ce) (sunt )?(\S+ )?(ora[șş]e\w*|comune\w*|municipii\w*|sate\w*)\b",
    "ru": r"(?<!\w)(имена|названия)(?!\w)|(какие|каких)\s(\S+\s)?(город\w*|муниципалитет\w*|коммун\w*|сёл|сел)",
    "uk": r"(?<!\w)(імена|назви)(?!\w)|(які|яких)\s(\S+\s)?(міст\w*|громад\w*|комун\w*|сіл)",
    "ko": r"이름들|명단|어떤 (도시|지자체|지방자치단체|코뮌)|어느 (도시|지자체|코뮌)",
    "ja": r"名前を(すべて|全て)|名称一覧|どの(都市|自治体|市町村|コミューン)|(都市|自治体|コミューン)はどこ",
}
# Questions counting people ("2021年の作業部会のメンバーは何人", "How many members…", "Combien d'élus…"): a number of
# people answers them (`PEOPLE`), not a number of delegations, countries or meetings.
PEOPLE_COUNTED: dict[str, str] = {
    "fr": r"\bcombien (d'|de )(\w+ )?(élus|maires|membres|personnes|participants|délégués|agents|représentants|"
          r"salariés|collaborateurs|bénévoles|volontaires|stagiaires|experts|conseillers)\b",
    "en": r"\bhow many (\w+ )?(people|persons|members|participants|mayors|councillors|councilors|officials|elected|"
          r"delegates|staff|employees|representatives|volunteers|experts)\b",
    "it": r"\bquant[ie] (\w+ )?(persone|membri|partecipanti|sindaci|eletti|amministratori|delegati|dipendenti|"
          r"rappresentanti|volontari|esperti|consiglieri)\b",
    "es": r"\bcu[aá]nt[oa]s (\w+ )?(personas|miembros|participantes|alcaldes|alcaldesas|electos|cargos|concejales|"
          r"delegados|empleados|representantes|voluntarios|expertos)\b",
    "de": r"\bwie viele (\w+ )?(personen|menschen|mitglieder|teilnehmer\w*|bürgermeister\w*|mandatsträger\w*|"
          r"gewählte\w*|delegierte\w*|mitarbeiter\w*|vertreter\w*|freiwillige\w*|experten|gemeinderät\w*)\b",
    "pt": r"\bquant[oa]s (\w+ )?(pessoas|membros|participantes|prefeitos|autarcas|eleitos|vereadores|delegados|"
          r"funcionários|representantes|voluntários|especialistas)\b",
    "ro": r"\bc[aâ]ți (\w+ )?(oameni|membri|participanți|primari|aleși|consilieri|delegați|angajați|reprezentanți|"
          r"voluntari|experți)\b|\bc[aâ]te persoane\b",
    "ru": r"сколько (\w+ )?(человек|людей|членов|участник\w*|мэров|депутат\w*|делегат\w*|сотрудник\w*|"
          r"представител\w*|волонт[её]р\w*|эксперт\w*|избранн\w*|чиновник\w*)",
    "uk": r"скільки (\w+ )?(людей|осіб|членів|учасник\w*|мерів|депутат\w*|делегат\w*|працівник\w*|представник\w*|"
          r"волонтер\w*|експерт\w*|посадов\w*|обранц\w*)",
    "ko": r"몇 ?명",
    "ja": r"何人|何名",
}
# How a passage, in any of its languages, says a number is of people ("65 élus", "deux mille personnes", "22人").
PEOPLE: dict[str, str] = {
    "fr": r"élu\w*|maires?|membres?|personnes?|participant\w*|délégué\w*|agents?|représentant\w*|salarié\w*|"
          r"collaborat\w*|bénévoles?|volontaires?|stagiaires?|experts?|conseill\w*|techniciens?|jeunes|réfugié\w*|"
          r"habitants?|président\w*|adjoint\w*|fonctionnaires?|étudiant\w*|invité\w*|responsables?|adhérent\w*|"
          r"inscrits?|ressortissants?|familles?|enfants?|femmes?|hommes?|citoyen\w*|ambassadeur\w*|diplomates?|"
          r"intervenant\w*|orateurs?|bénéficiaires?|lauréat\w*|élèves?|formateurs?|professionnel\w*|auditeurs?",
    "en": r"people|persons?|members?|participants?|mayors?|councill?ors?|officials?|delegates?|staff|employees?|"
          r"representatives?|volunteers?|experts?|residents?|refugees?|students?|families|children|women|men|"
          r"citizens?|ambassadors?|speakers?|attendees?|beneficiaries|trainees?|professionals?",
    "it": r"persone|membri|partecipanti|sindaci|eletti|amministratori|delegati|dipendenti|rappresentanti|volontari|"
          r"esperti|consiglieri|rifugiati|abitanti",
    "es": r"personas|miembros|participantes|alcaldes\w*|electos|cargos|concejales|delegados|empleados|representantes|"
          r"voluntarios|expertos|refugiados|habitantes",
    "de": r"personen|menschen|mitglieder\w*|teilnehmer\w*|bürgermeister\w*|mandatsträger\w*|gewählte\w*|"
          r"delegierte\w*|mitarbeiter\w*|vertreter\w*|freiwillige\w*|experten|flüchtling\w*|einwohner\w*",
    "pt": r"pessoas|membros|participantes|prefeitos|autarcas|eleitos|vereadores|delegados|funcionários|"
          r"representantes|voluntários|especialistas|refugiados|habitantes",
    "ro": r"oameni|membri\w*|participanți|primari\w*|aleși|consilieri|delegați|angajați|reprezentanți|voluntari|"
          r"experți|persoane|refugiați|locuitori",
    "ru": r"человек\w*|люд\w*|член\w*|участник\w*|мэр\w*|депутат\w*|делегат\w*|сотрудник\w*|представител\w*|"
          r"волонт[её]р\w*|эксперт\w*|избранн\w*|чиновник\w*|беженц\w*|жител\w*",
    "uk": r"людей|люди|осіб|особи|член\w*|учасник\w*|мер\w*|депутат\w*|делегат\w*|працівник\w*|представник\w*|"
          r"волонтер\w*|експерт\w*|посадов\w*|обранц\w*|біженц\w*|мешканц\w*|жител\w*",
    "ko": r"명",
    "ja": r"人|名",
}
# Questions asking when something was founded ("In which year was UVICOCI founded?"): a date in a sentence on a
# founding (`FOUNDING`) answers them, not the date of an agreement signed with it.
FOUNDING_ASKED: dict[str, str] = {
    "fr": r"\b(fond[ée]e?s?|cr[ée]{2}e?s?|cr[ée]ation|fondation)\b", "en": r"\b(founded|established|created|set up|founding)\b",
    "it": r"\b(fondat[aoie]|creat[aoie]|istituit[aoie]|fondazione|creazione)\b",
    "es": r"\b(fundad[oa]s?|cread[oa]s?|fundaci[óo]n|creaci[óo]n)\b", "de": r"\b(gegründet|gründung|geschaffen|errichtet)\b",
    "pt": r"\b(fundad[oa]s?|criad[oa]s?|funda[çc][ãa]o|cria[çc][ãa]o)\b", "ro": r"\b(înființat\w*|fondat\w*|creat\w*|înființ[aă]rii)\b",
    "ru": r"(основан\w*|создан\w*|учрежден\w*|основани\w*)", "uk": r"(заснован\w*|створен\w*|засновани\w*|утворен\w*)",
    "ko": r"설립|창립|창설|만들어", "ja": r"設立|創設|創立|結成",
}
FOUNDING: dict[str, str] = {
    "fr": r"fond[ée]\w*|fondat\w*|cr[ée]{2}\w*|cr[ée]ation|naissance|fusion|issue?s? de", "en": r"found\w*|establish\w*|created|creation|merger",
    "it": r"fondat\w*|fondazione|creat[aoie]|creazione|istituit\w*|fusione", "es": r"fundad\w*|fundaci[óo]n|cread[oa]s?|creaci[óo]n|fusi[óo]n",
    "de": r"gegründet|gründung\w*|geschaffen|fusion", "pt": r"fundad\w*|funda[çc][ãa]o|criad[oa]s?|cria[çc][ãa]o|fus[ãa]o",
    "ro": r"înființ\w*|fondat\w*|creat\w*|fuziun\w*", "ru": r"основ\w*|создан\w*|учрежд\w*|слияни\w*",
    "uk": r"засн\w*|створ\w*|утвор\w*|злитт\w*", "ko": r"설립|창립|창설|통합", "ja": r"設立|創設|創立|結成|統合",
}
