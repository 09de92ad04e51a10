"""Korean (ko): the words, patterns and messages the assistant reads and speaks Korean with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "hangul"
ENGLISH_NAME: str = "Korean"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = True
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = True
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "누구 무엇 무슨 어떤 어느 어디 언제 어떻게 왜 얼마나 몇 입니까 습니까 합니까 했습니까 인가요 나요 까요 "
    "안녕하세요 감사합니다 알려 주세요 궁금합니다 저는"
)
SEVERAL: str = r"어떤|무엇|목록|모든|들[을은이]"
SELF_INTRODUCTION: str = r"저는|제가|우리 시|우리 마을"
CLAUSE_END: str = r"[.,;:!?。、]|그리고"
BACK_REFERENCE: str = r"^(그리고|그럼|그러면|그런데|그렇다면)|그것|그곳|거기|그들|그의|그녀|이것|그 (단체|그룹|사람|협회|도시)|^그\s"
HOW_MANY: str = r"몇|얼마"
COST: str = r"비용은? 얼마|예산은? 얼마|얼마(를|가)? (들|썼|지불|냈)|얼마였"
WHEN: str = r"언제|몇 년|몇년|며칠|날짜"
WHO: str = r"누구|누가"
NAME_ASKED: str = r"이름"
COUNTRY_NOUN: str = r"국가|나라"
NUMBER_WORDS: str = r"수십|수백|수천|열|스물|서른|마흔|쉰|예순"
EXCLUSION: str = r"외에|제외하고|말고"
HEAD_ASKED: str = r"이끌|이끄|회장|대표|시장|의장|위원장|수장"
EXPANSION_ASKED: str = r"약자|약어|줄임말|무슨 뜻"
POPULATION_ASKED: str = r"인구|주민 수|주민은 몇"
INHABITANTS: str = r"인구|주민"
DURATION_UNITS: str = r"년간|개월|주간|일간|시간"
NAMES_LISTED: str = r"이름들|명단"
PLACE_ASKED: str = r"어느 (도시|지자체|지방자치단체|코뮌)|어떤 (도시|지자체|지방자치단체|코뮌)"
PEOPLE_COUNTED: str = r"몇 ?명"
PEOPLE: str = r"명"
FOUNDING_ASKED: str = r"설립|창립|창설|만들어"
FOUNDING: str = r"설립|창립|창설|통합"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r""
POSITIONS: str = r""
ARTICLES: str = r""
CURRENCIES: str = r"유로|달러|원\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
# Not 도시 ("city" itself), nor a 시 meaning "when" or "time" (필요시, 요청시).
SUFFIXED_CITY: str = r"(?<![가-힣])(?!(?:필요|요청|비상|유사|발생|방문)시)([가-힣]{2,4})(?<!도)시(?=\s|$|[의와과에는가를로도,.?!])"
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"그들은|그들이|그는|그녀는|이들은|이들이|그것은|이는"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("아프리카",), "019": ("아메리카",), "142": ("아시아",), "150": ("유럽",), "009": ("오세아니아",)}
# Written just before the continent's name, with or without a space (동유럽, 北アフリカ, 라틴 아메리카).
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("북", "북부"), "south": ("남", "남부"), "east": ("동", "동부"), "west": ("서", "서부"),
    "central": ("중앙", "중부"), "latin": ("라틴",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"마그레브",), "middle-east": (r"중동",), "balkans": (r"발칸",),
    "scandinavia": (r"스칸디나비아",), "029": (r"카리브",), "202": (r"사하라(?: 사막)? 이남",),
    "030": (r"극동",), "053": (r"오스트랄라시아",),
    "419": (r"중남미",), "005": (r"남미",), "003": (r"북미",), "013": (r"중미",), "019": (r"미주",),
    "035": (r"동남아(?!시아)",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
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
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="언어 모델이 제시간에 응답하지 않았습니다. 관련 구절을 보여 드립니다.",
    unavailable="지금은 언어 모델을 사용할 수 없습니다. 관련 구절을 보여 드립니다.",
    unusable="언어 모델에서 사용할 수 있는 답변을 받지 못했습니다. 관련 구절을 보여 드립니다.",
)
NOT_STATED: str = "AMF 문서에는 이 정보({what})가 나와 있지 않습니다. 관련 내용은 다음과 같습니다:"
ASKED_KINDS: dict[str, str] = {"founding": "설립 날짜", "people": "인원수", "quantity": "수", "date": "날짜", "money": "금액", "person": "이름", "name": "이름", "countries": "국가",
    "year": "{year}년 기준", "expansion": "약어의 뜻", "population": "인구", "names": "이름", "place": "장소"}
COUNTRIES_NAMED: str = "이 구절에 언급된 국가:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
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
)
