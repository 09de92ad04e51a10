"""Japanese (ja): the words, patterns and messages the assistant reads and speaks Japanese with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "cjk"
ENGLISH_NAME: str = "Japanese"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = True
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = True
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "誰 何 どの どんな どこ いつ どう どうして なぜ いくつ 何人 ですか ますか ましたか でしょうか "
    "こんにちは ありがとう 教えて ください 知りたい 私は"
)
SEVERAL: str = r"どの|どんな|一覧|すべて|全て"
SELF_INTRODUCTION: str = r"私は|わたしは|僕は|私たちは"
CLAUSE_END: str = r"[.,;:!?。、]"
BACK_REFERENCE: str = r"^(では|じゃあ|それでは|それで|そして|また)|それ|その|そこ|彼|彼女|あの|この(団体|グループ|人|協会|都市)"
HOW_MANY: str = r"何人|何名|何回|何か所|何カ所|何都市|いくつ|いくら|どれくらい|どのくらい|何件"
COST: str = r"費用は|予算は|いくら|金額"
WHEN: str = r"いつ|何年|何日|何月|日付"
WHO: str = r"誰|だれ|どなた"
NAME_ASKED: str = r"名前|氏名"
COUNTRY_NOUN: str = r"国々|どの国|どこの国|国は|国を|国と"
NUMBER_WORDS: str = r"[一二三四五六七八九十百千万]+[人名回件か所都市]"
EXCLUSION: str = r"以外|を除いて|のほかに|の他に"
HEAD_ASKED: str = r"率い|会長|代表|市長|議長|委員長|トップ"
EXPANSION_ASKED: str = r"略語|何の略|の略|正式名称"
POPULATION_ASKED: str = r"人口|住民の数|住民数|住民は何人"
INHABITANTS: str = r"人口|住民"
DURATION_UNITS: str = r"年間|か月|ヶ月|カ月|週間|日間|時間"
NAMES_LISTED: str = r"名前を(すべて|全て)|名称一覧"
PLACE_ASKED: str = r"どの(都市|自治体|市町村|コミューン)|(都市|自治体|コミューン)はどこ"
PEOPLE_COUNTED: str = r"何人|何名"
PEOPLE: str = r"人|名"
FOUNDING_ASKED: str = r"設立|創設|創立|結成"
FOUNDING: str = r"設立|創設|創立|結成|統合"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r""
POSITIONS: str = r""
ARTICLES: str = r""
CURRENCIES: str = r"円|ユーロ|ドル"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
# Not 都市 ("city" itself), nor 市長, 市町村, 市民…
SUFFIXED_CITY: str = r"([\u4e00-\u9fff]{2,3}|[\u30a0-\u30ff]{2,8})(?<!都)市(?![長町村民議場区役])"
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"彼らは|彼は|彼女は|これらは|それらは|同氏は"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("アフリカ",), "019": ("アメリカ",), "142": ("アジア",), "150": ("ヨーロッパ",),
    "009": ("オセアニア",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("北", "北部"), "south": ("南", "南部"), "east": ("東", "東部"), "west": ("西", "西部"),
    "central": ("中央", "中部"), "latin": ("ラテン",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"マグレブ",), "middle-east": (r"中東",), "balkans": (r"バルカン",),
    "scandinavia": (r"スカンジナビア", r"スカンディナヴィア"), "029": (r"カリブ",),
    "202": (r"サハラ以南", r"サブサハラ"), "030": (r"極東",), "053": (r"オーストララシア",),
    "419": (r"中南米",), "005": (r"南米",), "003": (r"北米",), "013": (r"中米",),
    "150": (r"欧州",), "151": (r"東欧",), "155": (r"西欧",), "154": (r"北欧",), "039": (r"南欧",),
    "central-europe": (r"中欧",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
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
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="言語モデルが時間内に応答しませんでした。該当する箇所を示します。",
    unavailable="現在、言語モデルを利用できません。該当する箇所を示します。",
    unusable="言語モデルから使える回答が得られませんでした。該当する箇所を示します。",
)
NOT_STATED: str = "AMFの資料には、この情報（{what}）は記載されていません。関連する記述は次のとおりです："
ASKED_KINDS: dict[str, str] = {"founding": "設立日", "people": "人数", "quantity": "数", "date": "日付", "money": "金額", "person": "名前", "name": "名前", "countries": "国名",
    "year": "{year}年について", "expansion": "略称の正式名称", "population": "人口", "names": "名称", "place": "場所"}
COUNTRIES_NAMED: str = "これらの箇所で言及されている国："

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
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
)
