"""Questions naming what the documents never mention are recognised; what they mention is not flagged."""

from pathlib import Path

import pytest

from bot.answering.grounding import asks_what_no_passage_states, unknown_entities
from bot.language.countries import countries_in
from bot.language.vocabulary import Vocabulary

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    texts = [line for path in sorted(KNOWLEDGE.glob("*/*.txt")) for line in path.read_text("utf-8").splitlines()]
    return Vocabulary.from_texts(texts)


def test_countries_named_by_name_or_adjective_in_any_language():
    assert countries_in("L'AMF a-t-elle signé avec des villes brésiliennes ?") == {"BR"}
    assert countries_in("AMF와 브라질의 협력은?") == {"BR"}
    assert countries_in("Hat die AMF mit Brasilien zusammengearbeitet?") == {"BR"}
    assert countries_in("les premières assises de la coopération décentralisée franco-roumaine") >= {"RO", "FR"}
    assert countries_in("Кроме того, президент принял мэра") == set()  # "того" is not Togo
    assert countries_in("a Câmara Municipal") == set()  # "câmara" is not Camarões


def test_countries_named_by_their_everyday_short_name():
    """The CLDR gives "Südkorea", "Республика Корея", "Corée du Sud"; people write Korea, Кореи, 한국."""
    assert countries_in("Welche Vertreter aus Korea hat die AMF empfangen?") >= {"KR"}
    assert countries_in("Кого из Кореи принимала AMF?") >= {"KR"}
    assert countries_in("Хто з Кореї?") >= {"KR"}
    assert countries_in("AMF는 어떤 한국 시장 협회 회장을 맞이했습니까?") == {"KR"}
    assert countries_in("une délégation de maires coréens") >= {"KR"}
    assert countries_in("Macedonia del Nord") == {"MK"}


@pytest.mark.parametrize("text, country", [
    ("Представители какой перуанской организации приезжали в AMF?", "PE"), ("Peruvian representatives", "PE"),
    ("rappresentanti peruviani", "PE"), ("el Comité de alcaldes peruanos", "PE"), ("peruanischen Bürgermeister", "PE"),
    ("l'Union des communes togolaise", "TG"), ("the Togolese union", "TG"), ("тоголезской делегации", "TG"),
    ("чилийских мэров", "CL"), ("чилійських мерів", "CL"), ("alcaldes cubanos", "CU"), ("иранской делегации", "IR"),
    ("la delegazione di sindaci sudcoreani", "KR"), ("южнокорейских мэров", "KR"),  # a compass prefix glued on
])
def test_adjectives_of_four_letter_country_names(text, country):
    """Four letters alone would meet any word starting with them: an adjective ending is required."""
    assert country in countries_in(text)


@pytest.mark.parametrize("text, country", [
    ("Has AMF worked with Polish mayors?", "PL"), ("sindaci polacchi", "PL"), ("alcaldes polacos", "PL"),
    ("polnischen Städte", "PL"), ("польских мэров", "PL"), ("польськими громадами", "PL"),
    ("alcaldes rusos", "RU"), ("les maires russes", "RU"), ("prefeitos russos", "RU"),
    ("итальянских мэров", "IT"), ("японских городов", "JP"), ("японських міст", "JP"), ("élus malgaches", "MG"),
    ("Greek municipalities", "GR"), ("Danish towns", "DK"), ("comuni svedesi", "SE"),
])
def test_a_countrys_national_language_names_it(text, country):
    """The CLDR gives no nationality adjectives, but its names of languages are theirs in most languages."""
    assert country in countries_in(text)


def test_a_language_official_in_many_countries_names_none_of_them():
    from bot.language.countries import _national_language_names

    named = {name for _, name in _national_language_names()}
    assert not {"english", "anglais", "inglese", "englisch", "arabic", "arabe", "portuguese"} & named
    assert countries_in("the English version, une note en anglais") == set()


def test_a_common_word_sharing_a_countrys_stem_is_not_it():
    assert countries_in("le malaise des élus") == set()  # not Malaisie


@pytest.mark.parametrize("text", ["perante a câmara", "маленький город", "malicious input", "togetherness", "cubes"])
def test_words_starting_like_a_four_letter_country_are_not_it(text):
    assert countries_in(text) == set()


def test_common_words_are_not_countries():
    assert countries_in("une réunion de travail") == set()  # not La Réunion
    assert countries_in("les collectivités africaines, Africités III") == set()  # a continent, not South Africa
    assert countries_in("Cités et gouvernements locaux unis, United Cities") == set()
    assert countries_in("le congrès, le palais") == set()


def test_the_knowledge_base_knows_its_countries(vocabulary):
    assert {"RO", "CM", "IT", "KR", "JP", "CL", "MX", "RU", "BJ", "TG", "PE", "UA", "IN", "DE", "ZA"} <= vocabulary.countries
    assert not {"BR", "CN", "CA", "ES", "HT"} & vocabulary.countries


@pytest.mark.parametrize("question,language,expected", [
    ("Has AMF signed a cooperation agreement with Brazilian cities?", "en", "BR"),
    ("L'AMF a-t-elle coopéré avec la Chine ?", "fr", "CN"),
    ("AMFはカナダの市長協会とどのような協定を結びましたか？", "ja", "CA"),
    ("AMF는 2010년 아이티 지진 이후 어떤 지원을 했습니까?", "ko", "2010"),
    ("Qual foi o papel de Jacques Chirac na ação internacional da AMF?", "pt", "Chirac"),
    ("Did AMF meet the mayor of Seoul?", "en", "Seoul"),
])
def test_unknown_entities_are_found(vocabulary, question, language, expected):
    assert expected in unknown_entities(question, language, vocabulary)


@pytest.mark.parametrize("question,language", [
    ("Which Togolese organisation sent representatives to AMF?", "en"),
    ("A colaborat AMF cu România?", "ro"),
    ("Принимала ли AMF делегации из России?", "ru"),
    ("Кто такой Эмиль Андзе Андзе?", "ru"),
    ("According to AMF's president, at which levels?", "en"),
    ("Hat die AMF an Jahreskongressen teilgenommen? Wenn ja, an welchen?", "de"),
    ("How many Korean cities came in 2004?", "en"),
    ("フランス・ルーマニア分権型協力の第1回会議に、AMFはどのように関わりましたか？", "ja"),
    ("AMFはベナンの地方議員の代表団を受け入れましたか？", "ja"),
    ("Qui a reçu le maire de Pretoria ?", "fr"),
])
def test_what_the_documents_mention_is_not_flagged(vocabulary, question, language):
    assert unknown_entities(question, language, vocabulary) == []


@pytest.mark.parametrize("name", ["Хоффель", "Höffel", "Mkhatshwa", "Оксьетт", "Хеффель", "Жак", "Чжу"])
def test_names_transcribed_otherwise_are_known(vocabulary, name):
    """The knowledge base writes Хёффель, Hoeffel, Mkahtshwa, Оксиетта, Геффель, Жака."""
    assert not unknown_entities(f"Кто такой господин {name}?", "ru", vocabulary)


@pytest.mark.parametrize("name", ["Санкт-Петербург", "Saint-Pétersbourg", "Chirac", "Seoul", "Merkel"])
def test_names_the_knowledge_base_never_holds_stay_unknown(vocabulary, name):
    assert unknown_entities(f"Что AMF делала с господином {name}?", "ru", vocabulary)


def test_a_question_about_a_known_country_asked_from_another_is_answerable(vocabulary):
    question = "Sou autarca em Portugal e gostaria de saber: a AMF já recebeu alguém dos Camarões?"
    assert not unknown_entities(question, "pt", vocabulary)
    assert unknown_entities("Sou autarca em Portugal: a AMF já recebeu alguém do Brasil?", "pt", vocabulary)


@pytest.mark.parametrize("question, language", [
    ("Bonjour, je suis maire d'une petite commune de Vendée jumelée avec un village des Carpates et je voudrais "
     "savoir si l'AMF a déjà organisé quelque chose avec la Roumanie ?", "fr"),
    ("Hi there! I'm a councillor from a small comune near Bologna. How many Italian mayors went to the AMF?", "en"),
    ("Здравствуйте! Я депутат сельсовета под Полтавой. Встречалась ли AMF с выборными из Украины?", "ru"),
    ("Sono un consigliere comunale di Bologna: quanti sindaci italiani ha ricevuto l'AMF?", "it"),
    ("Sono consigliere comunale a Torino: chi è Pedro Sabat Pietracaprina?", "it"),
])
def test_the_places_a_visitor_names_when_introducing_themselves_are_not_what_is_asked(vocabulary, question, language):
    assert unknown_entities(question, language, vocabulary) == []


@pytest.mark.parametrize("question, language, expected", [
    ("Je suis maire à Lyon, l'AMF a-t-elle reçu le maire de Berlin ?", "fr", ["Berlin"]),
    ("Quali sono i rapporti dell'AMF con Berlino?", "it", ["Berlin"]),  # the city, by its CLDR name
    ("I am curious: did AMF meet the mayor of Berlin?", "en", ["Berlin"]),
])
def test_a_name_in_the_question_proper_is_still_judged(vocabulary, question, language, expected):
    assert unknown_entities(question, language, vocabulary) == expected


def test_acronyms_of_names_the_documents_spell_out_are_known(vocabulary):
    assert unknown_entities("Besides UCLG, whose yearly mayors' congresses did the AMF attend?", "en", vocabulary) == []
    assert unknown_entities("L'AMF a-t-elle participé au congrès de CGLU ?", "fr", vocabulary) == []
    assert unknown_entities("Did the AMF attend the congress of the OECD?", "en", vocabulary) == ["OECD"]


PRETORIA = ("De plus, le Président Daniel Hoeffel a reçu à cette occasion le maire de Pretoria, afin d'aborder les "
            "thèmes de la décentralisation.")
ITALIANS = "Ainsi, près de 60 maires italiens ont été reçus pour un échange sur l'intercommunalité."
WORKING_GROUP = "Ce groupe compte à ce jour une soixantaine d'élus."
FORUM = "l'AMF a participé au premier forum à New Delhi, en juin 2003."


@pytest.mark.parametrize("question, language, texts", [
    ("How many times did Daniel Hoeffel visit South Africa?", "en", [PRETORIA]),
    ("Сколько раз Даниэль Хёффель посещал Южную Африку?", "ru", [PRETORIA + " В мае 2004 года."]),  # a year is no count
    ("Quel budget annuel l'AMF consacre-t-elle à son action internationale ?", "fr", [PRETORIA]),
    ("When did the AMF receive the mayor of Pretoria?", "en", [PRETORIA]),
    ("Коли AMF підписала угоду з асоціацією міст України?", "uk", [PRETORIA]),
    ("ダニエル・ヘッフェル会長は南アフリカを何回訪問しましたか？", "ja", [PRETORIA]),
    ("¿En qué fecha exacta visitaron la AMF los alcaldes peruanos?", "es", ["Representantes peruanos."]),
    ("Сколько российских мэров было в делегации?", "ru", ["Делегации, в том числе мэр Яунде 1er."]),  # a rank
])
def test_a_quantity_or_a_date_no_passage_states_is_not_answered(question, language, texts):
    assert asks_what_no_passage_states(question, language, texts)


@pytest.mark.parametrize("question, language, texts", [
    ("Combien de maires italiens l'AMF a-t-elle reçus ?", "fr", [ITALIANS]),
    ("How many members does the working group have?", "en", [WORKING_GROUP]),  # a number in words
    ("Скільки виборних посадовців налічує робоча група?", "uk", ["Група налічує близько шістдесяти виборних посадовців."]),
    ("Quand a eu lieu le forum de New Delhi ?", "fr", [FORUM]),
    ("В каком году прошёл форум?", "ru", ["Форум прошёл в июне."]),
    ("Who was present when the AMF welcomed the Ukrainian councillors?", "en", [PRETORIA]),  # "when" joins, not asks
    ("Скажите, встречалась ли AMF когда-нибудь с выборными из Украины?", "ru", [PRETORIA]),
    ("Per quanto riguarda l'Italia, chi ha ricevuto l'AMF?", "it", [PRETORIA]),
    ("Who received the mayor of Pretoria?", "en", [PRETORIA]),
])
def test_questions_the_passages_can_answer_or_that_ask_no_quantity_pass(question, language, texts):
    assert not asks_what_no_passage_states(question, language, texts)


@pytest.mark.parametrize("question, language, texts, refused", [
    ("Сколько стоил визит корейской делегации и кто его оплатил?", "ru", ["В визите участвовали 29 городов."], True),
    ("Quel est le budget annuel de l'AMF pour son action internationale ?", "fr", [ITALIANS], True),
    ("Quel est le budget annuel de la ville ?", "fr", ["La ville consacre 500 000 euros à ces projets."], False),
    ("¿Cuántos habitantes votaron en el presupuesto participativo?", "es", ["Votaron 4 870 habitantes."], False),
])
def test_a_question_on_an_amount_of_money_needs_a_passage_stating_one(question, language, texts, refused):
    assert asks_what_no_passage_states(question, language, texts) is refused


@pytest.mark.parametrize("question, language", [
    ("AMFは東京の市長を迎えましたか？", "ja"), ("AMF는 베를린 시장을 만났습니까?", "ko"),
    ("Hat die AMF den Bürgermeister von Tokio empfangen?", "de"), ("Принимала ли AMF мэра Берлина?", "ru"),
    ("Dakar a-t-il accueilli une délégation de l'AMF ?", "fr"),  # first word: no capital letter tells it
])
def test_a_city_the_documents_never_name_is_unknown_in_every_script(vocabulary, question, language):
    assert unknown_entities(question, language, vocabulary)


@pytest.mark.parametrize("question, language", [
    ("Qu'a dit Daniel Hoeffel à Paris en mai 2004 ?", "fr"), ("AMF는 파리에서 무엇을 했습니까?", "ko"),
    ("Je suis conseiller municipal à Dakar : qui a reçu le maire de Pretoria ?", "fr"),
])
def test_cities_the_documents_name_or_the_visitors_own_are_not(vocabulary, question, language):
    assert unknown_entities(question, language, vocabulary) == []


def test_a_name_transcribed_from_another_script_is_known_by_its_consonants():
    vocabulary = Vocabulary.from_texts(["Le plan de revitalisation du centre-ville de Roquebrune-la-Vallée."])
    question = "Яку субсидію отримують власники, які ремонтують фасад у Рокбрюн-ла-Валле?"
    assert unknown_entities(question, "uk", vocabulary) == []
    assert unknown_entities("Що зробили в Бордо-ла-Валле?", "uk", vocabulary) == ["Бордо-ла-Валле"]


@pytest.mark.parametrize("question, language, flagged", [
    ("AMF는 부산시 대표단을 맞이한 적이 있나요?", "ko", True), ("AMFは横浜市と協力協定を結びましたか？", "ja", True),
    ("韓国29都市の国際交流担当局長は何をしましたか？", "ja", False), ("한국 29개 도시의 국제관계 담당 국장들은 무엇을 했습니까?", "ko", False),
    ("ラ・ロッシュ＝シュル＝ヨン市の市長は誰でしたか？", "ja", False),  # a city the documents name
])
def test_korean_and_japanese_cities_marked_by_their_suffix(vocabulary, question, language, flagged):
    assert bool(unknown_entities(question, language, vocabulary)) is flagged
