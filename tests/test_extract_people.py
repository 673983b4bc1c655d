"""People: known names, and names that titles, honorifics and speech verbs announce."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipsearch.extract import Document, Extractor, extract
from ipsearch.extract.people import without_parts
from ipsearch.lexicon import Entry, Lexicon

from .conftest import CENTRAL_ASIA
from .extracting import docs, extract_text, source_text  # noqa: F401 (docs: a fixture)


def _people(text: str) -> tuple[str, ...]:
    """The people family alone, with the default lexicon."""
    return Extractor().field("people", text)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Ms. Sholpan Abdreyeva, Director of the Department", "Sholpan Abdreyeva"),
        ("the Kazakhstan Minister of Justice Marat Bakytzhanovich Beketayev during the visit", "Marat Bakytzhanovich Beketayev"),
        ("President of the Eurasian Patent Office Saule Tlevlessova and others", "Saule Tlevlessova"),
        ("representative from the Liaison for JPO in Europe Hirokazu Nakano introduced", "Hirokazu Nakano"),
        ("met with Elvira Abilkasymovna Azimova, Deputy Minister of Justice", "Elvira Abilkasymovna Azimova"),
        ("Executive Director João Negrão and the commissioner signed", "João Negrão"),
        ("Sodkhuu Rentsen said that Mongolia had", "Sodkhuu Rentsen"),
        ("国家知识产权局局长申长雨在北京会见", "Shen Changyu"),  # the lexicon knows his English name
        ("国际合作司司长王培章出席开班式", "王培章"),  # unknown: the Chinese name as written
        ("司法部副部长阿济莫娃一行", "阿济莫娃"),  # a transliterated foreign name
    ],
)
def test_people_patterns(text: str, person: str) -> None:
    assert _people(text) == (person,)  # exactly: no title word, no office word, no part of a name


@pytest.mark.parametrize(
    "text",
    [
        "Director of the State Agency for Intellectual Property and Innovation under the Cabinet of Ministers",
        "Commissioner of the National Intellectual Property Administration of the People's Republic of China, and",
        "The Parties agree and Kazakhstan firmly supports the initiative",
        "局长会议在首尔举行",
    ],
)
def test_office_names_and_places_are_not_people(text: str) -> None:
    assert _people(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Northwind Technologies Co Ltd said on Tuesday it had filed the applications.",
        "Calder Petroleum Corp said its licence talks with the office had ended.",
        "Brightwater Holdings said the patent pool would open next year.",
    ],
)
def test_companies_that_speak_are_not_people(text: str) -> None:
    assert _people(text) == ()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Governor Alma Treviso said the state would back the new court.", "Alma Treviso"),
        ("Baroness Wilhelmina Okafor said the review would start in May.", "Wilhelmina Okafor"),
        ("Adv Tomas Ferreira said the commission had received the report.", "Tomas Ferreira"),
        ("under Prime Minister Dmitri Volkonsky's plan, the office will hire examiners", "Dmitri Volkonsky"),
        ("Ms Marta Kowalczyk As part of the agreement, both offices will share data.", "Marta Kowalczyk"),
        ("Ms Ingrid Solberg Source: the office's weekly bulletin", "Ingrid Solberg"),
    ],
)
def test_titles_possessives_and_trailing_words_are_not_part_of_names(text: str, person: str) -> None:
    assert person in _people(text)
    assert all(person == p or person not in p for p in _people(text))  # nothing glued on either side


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("国务院总理赵志强在会见代表团时指出", "赵志强"),  # 强 ends a given name here
        ("局长赵志强调，审查质量是根本。", "赵志"),  # 强调 ("stressed") follows a two-character name
        ("副局长孙立在会上讲话", "孙立"),
    ],
)
def test_a_chinese_name_keeps_a_character_that_only_starts_a_verb_elsewhere(text: str, person: str) -> None:
    assert _people(text) == (person,)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("欧洲某局局长卡塔琳娜·莫雷蒂在会上表示，双方将扩大合作。", "卡塔琳娜·莫雷蒂"),
        ("申长雨会见了来访的奥斯卡・贝尔纳多一行。", "奥斯卡·贝尔纳多"),  # a Japanese-style dot, written as "·"
        ("双方代表汉斯·彼得·施密特和中方官员出席签字仪式。", "汉斯·彼得·施密特"),
    ],
)
def test_chinese_foreign_names_with_a_middle_dot(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # any office title ends the words before a dotted name, not only the common ones
        ("驻华代表团副团长卡洛斯·贝尔纳出席活动并致辞。", "卡洛斯·贝尔纳"),
        ("委员会副秘书长助理伊琳娜·莫罗佐娃出席会议。", "伊琳娜·莫罗佐娃"),
        # 以及 after a dotted name is a connector, not the name's last character
        ("大会主席安娜·彼得罗娃以及各国代表出席会议。", "安娜·彼得罗娃"),
    ],
)
def test_a_dotted_name_is_cut_at_any_title_before_it_and_a_connector_after_it(text: str, person: str) -> None:
    people = _people(text)
    assert person in people
    assert not any(p != person and person in p for p in people), people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("商务部部长助理孔德明、欧盟代表团团长出席了启动仪式。", "孔德明"),  # 助理 is a title
        ("协和医院党委书记吴海新作为嘉宾代表发言。", "吴海新"),  # 作为 ends a name like 在 does
        ("展会副主任寿晓琳在开幕式上致辞。", "寿晓琳"),  # a less common surname (寿)
        ("常驻日内瓦代表团临时代办邵明远,并与各方会谈。", "邵明远"),  # chargé d'affaires (代办)
        ("黄浦区副区长韩立平等出席会议。", "韩立平"),  # a district head (区长)
        ("执行主任蒋文博前往办事处考察学习。", "蒋文博"),  # 前往 ends a name
        ("学院院长马里乌斯·奥贝克先生、副院长", "马里乌斯·奥贝克"),  # no 先生 in the name
        ("会长周雅琴对蕾娜塔·卡尔维一行来访表示欢迎", "蕾娜塔·卡尔维"),  # 对 opens the visitor's name
        ("科技部副部长潘洪·因达卡分别代表两国政府签署", "潘洪·因达卡"),  # few usual transliteration characters after a title
    ],
)
def test_chinese_names_beside_less_common_titles_verbs_and_surnames(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize("text", ["第三届北京·香港经贸合作论坛开幕", "大会以“合作·创新·发展”为主题"])
def test_a_middle_dot_between_words_is_no_name(text: str) -> None:
    assert _people(text) == ()


def test_people_titles_are_stripped(docs: dict[str, Document]) -> None:
    people = docs[CENTRAL_ASIA].people
    assert "Sholpan Abdreyeva" in people  # "Ms. Sholpan Abdreyeva"
    assert not any(p.startswith(("Ms", "Mr", "Dr")) for p in people)


def test_names_that_are_also_places_stay_names(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "Offices Meet\n\nDirector Virginia Austin said the Phoenix Patent Group agreed.\n")
    assert doc.countries == ()
    assert "Virginia Austin" in doc.people


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Shen", "Changyu", "Park", "Won-joo", "Li", "Tang"]), min_size=1, max_size=3)
                .map(" ".join), unique=True, max_size=12))
def test_a_name_is_dropped_only_when_a_longer_name_holds_all_its_words(names: list[str]) -> None:
    def part_of(short: str, full: str) -> bool:
        s, f = short.split(), full.split()
        return len(s) < len(f) and all(w in f for w in s)

    assert without_parts(names) == [n for n in names if not any(part_of(n, o) for o in names if o != n)]


def test_a_new_lexicon_that_reuses_a_freed_id_gets_its_own_rules() -> None:
    """The words no name holds come from each lexicon: here "Kerim" is an office's word, not a name's.

    A cache keyed by ``id(lexicon)`` handed a new lexicon at the old one's address the old rules.
    """
    text = "Talks held\n\nMs. Rakhat Kerim said the talks went well."
    office = Lexicon([Entry("offices", "Kerim Agency", ("Kerim Agency",))])
    assert Extractor(office).extract(source_text(text)).people == ()
    old_id, no_entries = id(office), list[Entry]()
    del office  # freed here (no cycle holds it): nothing allocated before the next one takes its address
    fresh = Lexicon(no_entries)
    kept: list[Lexicon] = []
    while id(fresh) != old_id and len(kept) < 20_000:
        kept.append(fresh)
        fresh = Lexicon(no_entries)
    if id(fresh) != old_id:
        pytest.skip("the freed lexicon's address was not reused")
    assert extract(source_text(text), fresh).people == ("Rakhat Kerim",)
    assert Extractor(fresh).field("people", text) == ("Rakhat Kerim",)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # title before the name, Simplified and Traditional
        ("省知识产权局局长温立诚出席开幕式并致辞。", {"温立诚"}),
        ("海關關長鄒明華今日主持典禮。", {"鄒明華"}),
        # name before its title, modifiers on the title, two names in one list
        ("代表團包括：河北省知識產權局葛春生局長、條法司郝秀麗副司長等人。", {"葛春生", "郝秀麗"}),
        ("经济部林文若政务次长与以色列代表会谈。", {"林文若"}),
        ("知识产权署高级律师钟美之女士和杨健民先生参加。", {"钟美之", "杨健民"}),
        # a speech verb at a clause's start
        ("会上，曹立平表示，两局将继续合作。", {"曹立平"}),
        # a weak surname (于 "at") only where an office's name ends right before it
        ("山东省知识产权局于志刚局长到会。", {"于志刚"}),
        # a two-character surname
        ("研究院院长欧阳明远在会上介绍了经验。", {"欧阳明远"}),
        # a Latin-letter name beside a Chinese title
        ("菲律宾知识产权局局长Maria Santos在会上发言。", {"Maria Santos"}),
        ("商标部主管Dieter Vogt 先生介绍了情况。", {"Dieter Vogt"}),
    ],
)
def test_chinese_names_beside_titles_and_speech_verbs(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    "text",
    [
        "江苏省省长出席会议。",  # a province before its governor's title
        "中国驻韩国大使出席招待会。",  # a country before an ambassador's title
        "国际合作司司长会议在京举行。",
        "部长于今日表示将加强合作。",  # 于 "on (today)" after a title
        "局长应邀出席论坛。",
        "代表团团长出席签字仪式。",
        # words that follow a title and start with a surname character
        "主席高兴地表示，合作成果丰硕。",
        "部长向记者介绍了情况。",
        "局长简要介绍了两局合作。",
        "局长曾经表示，将扩大合作。",
        "会上，文莱表示支持。",  # a country the lexicon knows, not a person
    ],
)
def test_office_place_and_function_words_beside_titles_are_not_chinese_names(text: str) -> None:
    assert _people(text) == ()


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("副总干事丽萨 · 乔根森一行。丽萨 · 乔根森表示，", "丽萨·乔根森"),  # spaced dot; the surname alone is no second person
        ("助理總幹事馬爾科.阿萊曼簽署協議。", "馬爾科·阿萊曼"),  # a full stop used as the dot
    ],
)
def test_dotted_foreign_names_written_loosely(text: str, person: str) -> None:
    assert _people(text) == (person,)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # the name right after a title, before "of" the office
        ("Commissioner Jae-sung Lim of the national office and Commissioner Hyun Sooyoung of KIPO met.",
         {"Jae-sung Lim", "Hyun Sooyoung"}),
        # appositions with a lowercase title, and the "head of Y's IP department"
        ("Recently, Rahim bin Osman, minister of domestic trade, opened the fair.", {"Rahim bin Osman"}),
        ("Marta Olsen, head of Nordvik's IP department, said the filings grew.", {"Marta Olsen"}),
        ("the talks, said Ivo Kranjc, EU commissioner for trade, went well", {"Ivo Kranjc"}),
        # initials, with and without dots
        ("Deputy Minister B. R. Santoso received the delegation.", {"B. R. Santoso"}),
        ("Deputy Minister of Trade B R Santoso received the delegation.", {"B R Santoso"}),
        ("the Presidents Mr. K.L. Moravec and Mr. P. Andersson met", {"K.L. Moravec", "P. Andersson"}),
        # a surname in capitals, then the given name
        ("Mr. TAKEDA Hiroshi, Commissioner, attended.", {"Takeda Hiroshi"}),
        # a word of "San Marino" is also a name; "Municipality" is never one
        ("Mr Lim Wee San, Chief Executive of the office, said:", {"Lim Wee San"}),
        ("the representative of the Mayor of Malay Municipality, delivered the remarks", set()),
        # a name does not run on over a blank line
        ("and Acting Director of the Agency Ruth Calloway\n\nAs part of the plan, staff will move", {"Ruth Calloway"}),
        ("The senior official Pei Lan told reporters.", {"Pei Lan"}),
        # a photo note in parentheses between the name and its title
        ("Karim Haddad (left), chief executive officer of the authority, spoke.", {"Karim Haddad"}),
        ("The Nordic Patent Institute (NPI) said it would expand.", set()),
        # a title in lower case, as agencies and newspapers write it before a name
        ("the office's commissioner Tarin Okoye opened the talks", {"Tarin Okoye"}),
        ("as chief executive Maren Holloway put it in March", {"Maren Holloway"}),
        ("the director general of the bureau met the press", set()),
    ],
)
def test_english_names_in_appositions_initials_and_asian_orders(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


def test_a_capital_a_alone_is_the_article_not_an_initial() -> None:
    assert _people("A Fachir said the talks went well.") == ()


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("日本特许厅长官石田健一、韩国特许厅厅长全成浩分别率团出席。", {"石田健一", "全成浩"}),
        ("副秘书长宫本由纪子出席会议并致辞。", {"宫本由纪子"}),  # a three-character given name
        ("大阪府知事藤井正三出席会议。", {"藤井正三"}),
        ("日本特许厅长官出席会议。", set()),
    ],
)
def test_japanese_and_korean_names_in_han_characters(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("The delegation included Anna Berg, Tomas Lindqvist and Maria Sousa.", {"Anna Berg", "Tomas Lindqvist", "Maria Sousa"}),
        ("Participants: Louis Tan (Acme Foods, Singapore); Alvin Koh (Brickworks Group); and Mina Park.",
         {"Louis Tan", "Alvin Koh", "Mina Park"}),
        ("Users were represented by Kerstin Vogel-Hahn of Vogel & Partners.", {"Kerstin Vogel-Hahn"}),
        ("The delegation included nearly two dozen officials from the office.", set()),
        ("The members were Japan, Korea and China.", set()),
        ("The offering was led by Merrill Lynch and Bear Stearns.", set()),  # banks lead offerings
    ],
)
def test_delegation_lists_and_represented_by(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a title and its office, then the name between commas
        ("signed by the Director-General of Patents, Orla Brennick, on Friday", {"Orla Brennick"}),
        ("the Assistant Minister of the Ministry of Trade, KWAN Hedong and his team", {"Kwan Hedong"}),
        ("the IP attaché in Geneva, Lin Baoshu. The talks", {"Lin Baoshu"}),
        ("the Minister of Agriculture, Rural Affairs and Fisheries said", set()),  # the office goes on
        ("the brands Prince Albert, Carter Hill, Apple and Royal Comfort", set()),  # no office: a list
        # "and" inside an office: the name ends the whole title
        ("Minister of Trade and Crafts of Estonia Selim Oktavan, and others", {"Selim Oktavan"}),
        ("Deputy Administrator for Policy and External Affairs Maren Tollis, and delegates", {"Maren Tollis"}),
        ("the director of the National Gay and Lesbian Task Force, which", set()),
        ("the Commissioner of Food and Drugs Harold P. Wexby announced", {"Harold P. Wexby"}),
        # plural titles, Speaker, chargé d'affaires
        ("in the presence of Prime Ministers Arun Mehtal and Jonas Berglin in Delhi", {"Arun Mehtal", "Jonas Berglin"}),
        ("Speaker of the Federal Assembly Irina Volkhova and the Director", {"Irina Volkhova"}),
        ("Deputy Permanent Representative and Chargé d’Affaires Ana Liza Ramos, who witnessed", {"Ana Liza Ramos"}),
        # words of a two-word place are name words apart, never together
        ("Mr Tan Kong Wee, Chief Executive of the office, spoke", {"Tan Kong Wee"}),
        ("Chairman of the Stock Exchange of Hong Kong Ronald Lam said", {"Ronald Lam"}),
        ("Hong Kong said it would join the treaty.", set()),
        # a name the lexicon holds for a place is nobody
        ("Buenos Aires said it would sign.", set()),
        # "heads" is a verb, no title
        ("Alan Fenwick, who heads the National Institute of Allergy and Infectious Disease, said", set()),
        # a trade mark office's words no longer hide a given name
        ("Deputy Commissioner Mark Pellow of the trade mark office", {"Mark Pellow"}),
    ],
)
def test_titles_with_offices_appositions_plurals_and_place_words(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    "text",
    [
        "刘主任主任介绍了四个重点方向。",  # a surname and a title: someone not named
        "内政部高级政务部长何炳基出席",  # 高级 is no one (何炳基 is)
    ],
)
def test_a_surname_with_a_title_or_rank_is_no_chinese_name(text: str) -> None:
    assert not any(p in ("刘主任", "高级") for p in _people(text))


def test_a_bilingual_page_names_one_person_once() -> None:
    text = "Tang Weimin, Director of the office, said the talks went well.\n办事处主任唐伟民与代表团进行了交流。"
    assert _people(text) == ("Tang Weimin",)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # 樸 is the Traditional form of the Korean surname 朴 (Park); 裵 is Bae
        ("韓國專利廳廳長樸正植與代表團出席會議。", {"樸正植"}),
        ("韓國發明振興會會長裵東賢表示,雙方將加強合作。", {"裵東賢"}),
    ],
)
def test_korean_surnames_in_traditional_script(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a Japanese two-character surname no list holds, after a Japanese body's title
        ("日本工業技術研修館館長大森健志、韓國代表出席會議。", {"大森健志"}),
        ("日本特许厅审查部部长丸尾和夫出席研讨会。", {"丸尾和夫"}),
        # four characters after a title with no Japan in the clause are no Japanese name
        ("北京市知识产权局局长汇报工作。", set()),
        ("日本特许厅长官致开幕辞。", set()),
    ],
)
def test_japanese_names_whose_surname_no_list_holds(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("英国知识产权局局长罗伯特·哈里斯举行视频会议。", "罗伯特·哈里斯"),
        ("馬來西亞知識產權局局長阿米娜·薩利赫舉行會談。", "阿米娜·薩利赫"),
        ("副局长何明与彼得·范德林局长回顾了合作进展。", "彼得·范德林"),  # a title after the name
        ("德國專利商標局局長卡塔琳娜·魏斯—霍夫曼率領代表團來訪。", "卡塔琳娜·魏斯—霍夫曼"),  # a double surname
    ],
)
def test_a_dotted_foreign_name_ends_before_the_verb_or_title_after_it(text: str, person: str) -> None:
    assert person in _people(text)
    assert not any(p != person and person in p for p in _people(text))


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("香港商務及經濟發展局局長林振邦接受採訪時表示", "林振邦"),
        ("廣東專利代理協會會長郝建新分享了經驗", "郝建新"),
    ],
)
def test_a_chinese_name_ends_before_what_an_official_does(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    ("text", "person", "not_person"),
    [
        ("省知识产权局常务副局长周建平介绍了情况。", "周建平", "常务"),
        ("最高人民法院常务副院长孟立华出席开幕式。", "孟立华", "常务"),
        ("德国华林专利律师事务所合伙人出席会议。", None, "林专利"),
        ("德国华孙专利律师和律师事务所发布消息。", None, "孙专利"),
    ],
)
def test_job_title_and_firm_name_fragments_are_no_chinese_names(text: str, person: str | None, not_person: str) -> None:
    found = _people(text)
    assert not_person not in found
    assert person is None or person in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("歐洲專利局(布魯塞爾) 局長 Marie-Hélène DUVERNOY\n於台北簽訂協議。", "Marie-Hélène Duvernoy"),
        ("世界知识产权组织总干事 Daren TANG 出席会议。", "Daren Tang"),
    ],
)
def test_a_latin_name_with_its_surname_in_capitals_beside_a_chinese_title(text: str, person: str) -> None:
    assert person in _people(text)


def test_an_acronym_after_a_latin_given_name_is_no_surname() -> None:
    assert not any("Wipo" in p for p in _people("主任 Maria WIPO 出席会议。"))


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a Hong Kong married woman's name: her husband's surname, then her own
        ("香港特别行政区行政长官陈黄月玲、国家知识产权局副局长出席。", "陈黄月玲"),
        ("行政長官林馮美儀出席論壇並致辭。", "林馮美儀"),
        # 月 opens a given name; "月底" stays a date
        ("办事处主任王月华表示,双方将加强合作。", "王月华"),
    ],
)
def test_hong_kong_double_surnames_and_given_names_with_yue(text: str, person: str) -> None:
    assert person in _people(text)


def test_a_month_word_after_a_surname_is_no_name() -> None:
    assert not any(p.startswith("高月") for p in _people("局长高月底表示"))


@pytest.mark.parametrize(
    ("text", "people", "not_people"),
    [
        ("欧盟贸易总司司长德瓦尔斯(Pieter Dewals)就联合声明发表评论。", {"Pieter Dewals"}, {"德瓦尔斯"}),
        ("副局长鲁克(Anton Ruck)说,合作很顺利。", {"Anton Ruck"}, {"鲁克"}),
        ("駐台北辦事處游佳雯（Vera Yoran）代表簽署備忘錄。", {"Vera Yoran"}, {"游佳雯"}),
        # brackets after an office, not a name, give no one
        ("知识产权局局长办公室(Office of the Commissioner)发布通知。", set(), set()),
    ],
)
def test_a_chinese_name_with_its_latin_form_in_brackets_is_one_person(
    text: str, people: set[str], not_people: set[str]
) -> None:
    found = set(_people(text))
    assert people <= found
    assert not (not_people & found)
    if not people:
        assert not any(p.isascii() for p in found)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # the transliterated surname sounds like the Latin one: one person
        ("副局长Wilhelm Schmitz率领代表团来访。\n图为副局长施密茨(右)与何明。", {"Wilhelm Schmitz"}),
        ("主席Anne Demarty出席会议。\n主席德马尔提表示,合作很顺利。", {"Anne Demarty"}),
        # a different surname stays a second person
        ("副局长Wilhelm Smith率领代表团来访。\n图为副局长施密茨与何明。", {"Wilhelm Smith", "施密茨"}),
    ],
)
def test_a_transliterated_surname_and_the_latin_name_it_sounds_like_are_one_person(text: str, people: set[str]) -> None:
    assert people <= set(_people(text))
    assert not ({"施密茨", "德马尔提"} - people) & set(_people(text))


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a dotted name with its Latin form in brackets: one person
        ("欧洲专利局局长安德烈·卡莫斯(André Camos)表示,合作很重要。", {"André Camos"}),
        # 長孫 is a surname, but this 長 ends 局長
        ("創新及科技局局長孫明教授出席。", {"孫明"}),
        # senior counsel after the name, a section chief (課長) before it
        ("律政司司長鄭嘉華資深大律師致辭。", {"鄭嘉華"}),
        ("日本特许厅国际政策课课长大森雄志表示,双方将加强合作。", {"大森雄志"}),
        # a Mongolian name transliterated without a dot
        ("蒙古国知识产权局局长巴特图拉嘎出席会议。", {"巴特图拉嘎"}),
    ],
)
def test_chinese_names_beside_brackets_overlapping_titles_and_less_common_titles(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # Korean surnames that are Chinese words, after the title of a body named as Korean
        ("韩国特许厅厅长成允模一行来访。", {"成允模"}),
        ("韓國特許廳廳長權赫重出席會議。", {"權赫重"}),
        # the same words elsewhere are no names
        ("韩国代表团团长权利人出席。", set()),
        ("中国国家知识产权局局长成功表示", set()),
        ("香港知識產權署署長權赫重出席會議。", set()),
    ],
)
def test_korean_surnames_that_are_chinese_words_only_beside_a_korean_title(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


def test_the_title_gate_changes_no_match() -> None:
    """The first-letter lookahead before the title alternation, and the anchor the search starts
    from (speed gates), must let every title through: each title word or qualifier, capitalised
    or not, finds the same runs as the title pattern without them."""
    import re

    from ipsearch.extract import people
    from ipsearch.extract.matching import anchored_finditer

    pattern, _, anchor, reach = people._PERSON_PATTERNS[1]
    assert pattern is people._TITLE_RUN
    ungated = re.compile(pattern.pattern.replace(f"(?=[{people._TITLE_INITIALS}])", ""))
    assert ungated.pattern != pattern.pattern
    words = sorted(set(re.findall(r"[A-Za-z]{2,}", people._TITLE)))
    assert len(words) > 50
    # the spellings the regex makes of optional and alternative letters
    words += ["Councilor", "Councillor", "Chargé d'Affaires", "Charge d’Affaires", "Director-General",
              "Secretary General", "Prime Minister", "Executive Officer", "Minister-Counselor", "Consul General"]
    for word in words:
        for title in (word, word.lower(), f"Deputy {word}", f"vice-{word.lower()}"):
            text = f"Last week {title} Tarin Okoye, and the {title} of Farland Ilse Brandt, opened the fair."
            expected = [m.span() for m in ungated.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, text
            assert [m.span() for m in anchored_finditer(pattern, anchor, text, reach)] == expected, text

_CAPTION = "The heads of the offices met in Geneva on Monday for their yearly round of talks on patents and designs."


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a note in parentheses inside the office, before the name or before its commas
        ("Acting Commissioner of the Nordland Patent Office (NPO) Park Ji Hoon signed the memorandum", {"Park Ji Hoon"}),
        ("the Executive President of the Institute for Fair Trade (Indefair in Spanish), Mariela Quispe, held talks",
         {"Mariela Quispe"}),
        ("Director General of the Organisation Régionale de la Propriété Industrielle (ORPI), Koffi Mensah. The",
         {"Koffi Mensah"}),
        ("President Aurel Voss (Brightline, Austria) and the board met", {"Aurel Voss"}),
        # the title in parentheses after each name of a list
        ("signed by Tomasz Wrobel (President of the Patent Office of Arcadia), Hana Novotná (President of the "
         "Industrial Property Office of Moravia) and Ľudo Kráľ (Director of the Office).",
         {"Tomasz Wrobel", "Hana Novotná", "Ľudo Kráľ"}),
        # a line of a caption ends the name, unless the text is wrapped at a fixed width
        (f"{_CAPTION}\nDeputy Commissioner Haruto Mori\nAt the margins of the meeting, the heads spoke.", {"Haruto Mori"}),
        ("The talks were hard, officials said, and\nTreasury Secretary\nHarold Brennan said so.", {"Harold Brennan"}),
        # the title after the name: a body's acronym with a possessive, a managing director
        ("- Rowena Teller, CIPA's Commissioner of Patents", {"Rowena Teller"}),
        ("According to Peter Mwangi, KIPA Acting Managing Director, the plan works", {"Peter Mwangi"}),
    ],
)
def test_notes_in_parentheses_line_breaks_and_titles_after_names(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # Arabic names: bin, Al, Al-, glued Al; particles make a name longer
        ("signed in the presence of Khalid bin Rashid Al Mansoori, the Minister of Economy", {"Khalid bin Rashid Al Mansoori"}),
        ("H.E. Saeed bin Ahmed AlKetbi, Under-Secretary of Economy, stated that", {"Saeed bin Ahmed AlKetbi"}),
        ("Hamad Salem Saif Al-Nuaimi, Ambassador and Permanent Representative, attended", {"Hamad Salem Saif Al-Nuaimi"}),
        # Spanish, French, Dutch particles
        ("Head of Cooperation of the Office, Lucía de Armas, said that", {"Lucía de Armas"}),
        ("Finance Minister Pieter van der Berg said on Monday", {"Pieter van der Berg"}),
        # surnames in capitals after the given name; stacked honorifics
        ("Prof. Dr. M. Kemal ARSLAN attended the meeting", {"M. Kemal Arslan"}),
        ("and Batbayar GANBOLD, Director General of the Office, signed", {"Batbayar Ganbold"}),
        ("Chairman Walter Hayes III said", {"Walter Hayes"}),  # a generation, no surname
        ("Radio DZXQ said it was checking reports", set()),  # a call sign
        # a romanised Chinese name glued together
        ("Mr. WangJianGuo, Commissioner of the Office, met the delegation", {"Wang Jianguo"}),
        # a particle glued to a surname is a name; two words glued are a company
        ("said consultant Norah McAllister, head of research", {"Norah McAllister"}),
        ("Colonial BancTrust said its profit rose", set()),
    ],
)
def test_particles_capitals_and_glued_names(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Commissioner Zhou Minghe Leading a Delegation to Laos", {"Zhou Minghe"}),  # a headline's verb
        ("Representing Türkiye, the Vice President said the talks went well", set()),
        ("the Academy organised an Executive Training Program in Nairobi", set()),
        ("Mr. Tom Odera, Counsellor in the Academic Institutions Program, said", {"Tom Odera"}),
        ("London trader E D and F Man said it sold two cargoes", set()),
        ("Investor Carl Brandt said he holds a stake", {"Carl Brandt"}),
    ],
)
def test_verbs_programmes_and_job_words_are_no_names(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a caption or a list: each name followed by its country
        ("From left Kari Lunde, Norway, Per Ekholm, Sweden, Aino Virta, Finland and Sune Dahl Berg, Denmark. Photo: NPI.",
         {"Kari Lunde", "Per Ekholm", "Aino Virta", "Sune Dahl Berg"}),
        ("The speakers were welcomed: Jane Wanjiru (Kenya), Kofi Boateng (Ghana) and Ama Owusu (Togo).",
         {"Jane Wanjiru", "Kofi Boateng", "Ama Owusu"}),
        # one pair alone is a city and its country as often; a company's unit is no one
        ("The plant opened in Santa Rosa, Mexico, last year.", set()),
        ("The plant in Buenos Aires, Argentina, and Santa Rosa, Bolivia.", set()),
        ("Underwriters are Hollis Brandt (Canada) Inc and Marlow Gate (Japan) Ltd.", set()),
    ],
)
def test_names_each_followed_by_a_country(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # one person printed with and without accents: the accented spelling is kept
        ("Photo: Ingrid Halldorsdottir, Iceland, Per Ekholm, Sweden.\nIngrid Halldórsdóttir, Chair of the Board, said",
         {"Ingrid Halldórsdóttir", "Per Ekholm"}),
        # a misspelt repeat: two letters swapped in the surname
        ("President Saule Termessova opened the talks. Later President Saule Termsesova said", {"Saule Termessova"}),
        # two people who share a given name stay two
        ("Director Anna Berg said so, and Minister Anna Borg agreed.", {"Anna Berg", "Anna Borg"}),
    ],
)
def test_one_person_printed_two_ways_is_one(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a surname alone (or a one-word name) right after a capitalised title or an honorific
        ("On 14 June, President Castellanos held a virtual meeting.", {"Castellanos"}),
        ("In his remarks, Mr. Batzorig highly appreciated the work.", {"Batzorig"}),
        ("Director General Anna Berg opened; later Director General Berg said", {"Anna Berg"}),  # one person
        ("Chancellor Corp said its board met", set()),  # a company word
        ("the IP Executive Week and the joint webinars", set()),  # a calendar word
        ("shipped from Meridian, Miss. Terms were not disclosed", set()),  # a state, no honorific
        ("as Trade Secretary Paul) Hanley said", set()),  # a given name cut by a bracket
        # lowercase Arabic articles and particles after a title
        ("approval by President Karim al-Hamdan, a", {"Karim al-Hamdan"}),
        ("Governor Sheikh Nasser Abdul-Latif al-Sabah said", {"Nasser Abdul-Latif al-Sabah"}),
        ("President Samuel arap Kiptoo replaced his ministers", {"Samuel arap Kiptoo"}),
        # a month after a given name is a surname
        ("in the presence of her counterpart Helen May in New Delhi", {"Helen May"}),
        ("Director Anna Berg met them in May in Delhi", {"Anna Berg"}),
    ],
)
def test_surnames_alone_arabic_articles_and_month_surnames(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


def test_a_month_that_a_day_follows_is_no_surname() -> None:
    assert _people("a visit to President Lindqvist April 24 in Oslo") == ("Lindqvist",)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # lowercase job words after the name and its comma
        ("The meeting between the Head of the Division and Tesfaye Gebre, expert in IP rights, was", {"Tesfaye Gebre"}),
        ('"Prices will rise," said Lena Hartig, an analyst at Brookfield.', {"Lena Hartig"}),
        # "met with", "represented at ... by"; a name may end its line
        ("The delegation visited the Ministry of Justice and met with Dina Sarsen\nNext line.", {"Dina Sarsen"}),
        ("users were represented at the 2017 Annual Meeting by Marta Ruiz of Hoteles Sol, and", {"Marta Ruiz"}),
        ("Balladur held talks with U.K. Prime Minister Helen Marsh on Monday", {"Helen Marsh"}),
        ("investors represented by N.V. Brouwer S.A. voted", set()),  # dotted company words
        # a title in parentheses as an acronym; a capital alone is an initial, whatever the lexicon spells with it
        ("The chairperson, Nurul Aini Hassan (DG of the Brunei office), welcomed them", {"Nurul Aini Hassan"}),
        ("of Russia, Ravi P Menon, Controller General of Patents, said", {"Ravi P Menon"}),
    ],
)
def test_job_words_met_with_and_initials(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("and Mr. Seo,Min Jae, Director, International Cooperation Division", {"Seo Min Jae"}),  # a comma, no space
        ("the Director- General of the Regional Office (RIPO), Tomas Mabote, signed", {"Tomas Mabote"}),  # "Director- General"
        # a company word in the office before the name ends the name, no more
        ("witnessed by Minister of Science and Technology Tran Van Long, the heads met", {"Tran Van Long"}),
        ("His Excellency Assistant Secretary-General for Economic Affairs Mr. Omar Al-Hamdi, visited", {"Omar Al-Hamdi"}),
        ("Ambassador Julio Marquez VillaseAor said", {"Julio Marquez VillaseAor"}),  # a letter lost in encoding
    ],
)
def test_commas_hyphens_and_company_words_inside_offices(text: str, people: set[str]) -> None:
    assert set(_people(text)) == people
