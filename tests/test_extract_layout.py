"""Layout: headline, page furniture (``Document.chrome``), title-case headlines."""

from __future__ import annotations

import pytest

from ipsearch.extract import Document, extract
from ipsearch.extract.layout import MAX_HEADLINE_CHARS, MAX_TITLE_CHARS, chrome_lines, extract_title

from .conftest import CENTRAL_ASIA, KAZAKHSTAN_VISIT, KIPO_MEETING
from .extracting import docs, source_text  # noqa: F401 (docs: a fixture)


def test_titles_skip_page_chrome(docs: dict[str, Document]) -> None:
    assert docs[KAZAKHSTAN_VISIT].title == "Shen Changyu Leads a Delegation to Visit Kazakhstan"
    assert docs[CENTRAL_ASIA].title.startswith("Joint Statement of the First China-Central Asia")
    assert docs[KIPO_MEETING].title == "Shen Changyu Attending the 25th CNIPA-KIPO Heads Meeting"


def test_title_of_chinese_text_with_chrome() -> None:
    lines = ["当前位置：首页 > 新闻", "字号：大 中 小", "", "申长雨会见哈萨克斯坦司法部副部长", "发布时间：2023-04-28"]
    assert extract_title(lines) == "申长雨会见哈萨克斯坦司法部副部长"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Delegates met. " * 40, "Delegates met. " * 13 + "…"),
        ("patent " * 60, ("patent " * 28).rstrip() + " …"),
        ("知识产权局" * 100, "知识产权局" * 40 + " …"),
        ("会谈在北京举行。" + "双方同意加强合作" * 40, "会谈在北京举行。" + "双方同意加强合作" * 24 + " …"),
    ],
)
def test_a_first_line_too_long_for_a_headline_gives_a_shortened_title(first_line: str, title: str) -> None:
    got = extract_title([first_line, "Second line."])
    assert got == title and len(got) <= MAX_TITLE_CHARS + 2


def test_only_a_short_line_can_be_a_title_case_headline() -> None:
    from ipsearch.lexicon import HEADLINE_CHARS, _line_is_title_case

    headline = "Jordan And Georgia Sign Patent Pact In Amman"
    text = f"{headline}\nThe offices of Jordan and Georgia met.\n"
    assert _line_is_title_case(text, headline.index("Georgia"))
    assert not _line_is_title_case(text, text.index("Georgia", len(headline)))
    long_line = " ".join(["Jordan And Georgia Sign Patent Pact"] * (HEADLINE_CHARS // 20))
    assert len(long_line) > HEADLINE_CHARS
    for pos in (0, long_line.index("Georgia"), len(long_line) - 5):
        assert not _line_is_title_case(long_line + "\nmore", pos)


def test_the_document_carries_which_snippet_lines_are_furniture(docs: dict[str, Document]) -> None:
    text = "Heads Meet in Kobe\nUpdated: 2019-12-03\nPrint | Close\n\nThe two heads met in Kobe.\nSource: CNIPA\n"
    doc = extract(source_text(text))
    lines = text.strip()[len(doc.title):].splitlines()
    assert [lines[i] for i in doc.chrome] == ["Updated: 2019-12-03", "Print | Close", "Source: CNIPA"]
    assert any(d.chrome for d in docs.values()), "the corpus has furniture"
    for d in docs.values():
        assert d.chrome == chrome_lines(d.body, d.title)


# Page openings written for these tests: chrome above the headline, as IP-office and news sites lay it out.
@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["Avatar photo", "Jane Doe", "Offices of Ruritania and Freedonia sign a work-sharing plan", "Body text."],
         "Offices of Ruritania and Freedonia sign a work-sharing plan"),
        (["新闻动态", "甲乙两国知识产权局举行第三次局长会谈", "会谈在首都举行。"], "甲乙两国知识产权局举行第三次局长会谈"),
        (["1. Home", "2. Press", "3. Ruritania and Freedonia extend patent prosecution highway", "Ruritania and Freedonia extend patent prosecution highway"],
         "Ruritania and Freedonia extend patent prosecution highway"),
        ([" date 2021-02-03 Ruritania joins the design treaty", "The office said ..."], "Ruritania joins the design treaty"),
        (["12.03.21", "Ruritania joins the design treaty"], "Ruritania joins the design treaty"),
    ],
)
def test_short_labels_menus_and_stamps_give_way_to_the_headline(lines: list[str], title: str) -> None:
    assert extract_title(lines) == title


def test_a_short_line_stays_the_title_when_only_paragraphs_follow() -> None:
    lines = ["Ruritania PPH", "The office of Ruritania joins the patent prosecution highway with three partners today."]
    assert extract_title(lines) == "Ruritania PPH"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["PR-0415", "2021年6月17日", "甲國與乙國舉辦智慧財產權研討會", "今天上午，雙方共同舉辦研討會。"], "甲國與乙國舉辦智慧財產權研討會"),
        (["No. 2019-07", "", "Offices agree to exchange priority documents", "", "The offices said ..."],
         "Offices agree to exchange priority documents"),
        (["2020 IP5 Meetings", "", "Host Office", "", "Virtual Meeting", "", "IP5 Heads Meeting 2020"], "2020 IP5 Meetings"),
    ],
)
def test_a_reference_number_is_no_headline_and_a_number_makes_a_phrase(lines: list[str], title: str) -> None:
    assert extract_title(lines) == title


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("甲乙兩地知識產權合作深化 便民措施助力創新-某某新聞網", "甲乙兩地知識產權合作深化 便民措施助力創新"),  # bare dash, a site
        ("甲地稱爭取成為區域知識產權貿易中心 - 某某傳媒 Example.hk", "甲地稱爭取成為區域知識產權貿易中心"),  # a domain
        ("董事長專欄-第八屆兩岸智慧財產權交流研討會", "第八屆兩岸智慧財產權交流研討會"),  # a column's name
        ("智財服務網-甲乙聯合研究:電子商務平台的仿冒品交易", "甲乙聯合研究:電子商務平台的仿冒品交易"),
        ("Ruritania, Freedonia sign MoU on patent cooperation -某某app下载", "Ruritania, Freedonia sign MoU on patent cooperation"),
        ("中国与某国加强知识产权领域的合作--某某年鉴", "中国与某国加强知识产权领域的合作--某某年鉴"),  # a yearbook's name: kept
        ("Offices agree on work sharing -a first step", "Offices agree on work sharing -a first step"),
    ],
)
def test_site_and_column_names_around_a_headline_are_dropped(line: str, title: str) -> None:
    assert extract_title([line, "正文第一段。"]) == title


def test_a_short_link_line_is_navigation() -> None:
    lines = ["< Back to all publications", "", "Ruritania broadens patent links with three offices", "", "Text."]
    assert extract_title(lines) == "Ruritania broadens patent links with three offices"
    assert extract_title(["Share this post >", "Offices sign a memorandum on trade marks", "Text."]) == (
        "Offices sign a memorandum on trade marks"
    )


def test_a_short_sentence_a_web_address_or_a_one_item_menu_above_the_headline_gives_way() -> None:
    note = ["A. Person led the office as its director from 2008 to 2020.", "Two offices sign MoU to expand cooperation",
            "Geneva, October 3, 2008", "The directors of the two offices signed a memorandum today."]
    assert extract_title(note) == "Two offices sign MoU to expand cooperation"
    paragraph = ["The two offices signed a memorandum today. It covers training.", "Background of the agreement"]
    assert extract_title(paragraph) == paragraph[0]  # two sentences: a paragraph, the page has no headline
    menu = ["Published on Department of Trade (https://example.gov)", "1. Home",
            "Patent office welcomes a delegation from Ruritania", "Text."]
    assert extract_title(menu) == "Patent office welcomes a delegation from Ruritania"


def test_the_site_owners_name_alone_is_a_label() -> None:
    from ipsearch.lexicon import default_lexicon

    lines = ["Korean Intellectual Property Office", "Font Size Change",
             "Conclusion of a Memorandum of Cooperation on Industrial Property between two offices", "On February 13, ..."]
    assert extract_title(lines, default_lexicon()) == lines[2]
    assert extract_title(lines) == lines[0]  # without the lexicon the name is a phrase of four words


def test_a_chinese_headline_whose_first_line_is_its_subject_continues_on_the_next() -> None:
    lines = ["PR-0415", "2021年6月17日", "甲國專利局、乙國外交部及丙國交流協會", "共同舉辦「2021年智慧財產權保護線上研討會」",
             "今天上午，三方共同舉辦為期兩天的研討會。"]
    title = extract_title(lines)
    assert title == "甲國專利局、乙國外交部及丙國交流協會 共同舉辦「2021年智慧財產權保護線上研討會」"
    from ipsearch.extract.layout import lead_text

    assert lead_text("\n".join(lines), title).strip().startswith("今天上午")  # the lead follows both lines
    subtitle = ["首屆國際知識產權研討會舉行", "集思廣益探討知識產權創新及合作", "研討會於27日上午舉行。"]
    assert extract_title(subtitle) == "首屆國際知識產權研討會舉行"  # a full headline: the next line is a subtitle


# Kinds of page top met on real sites, written anew here (names invented).
@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # a news ticker: items between bullets
        (["Off the wire", "Dancers open festival  • Feature: Calm returns to a harbour town  • Cup final result",
          "You are here:   Home", "", "Agency chief pledges closer ties with WIPO on IP protection", "Text."],
         "Agency chief pledges closer ties with WIPO on IP protection"),
        # a blog's own name, a link row, the post's date and a "Blog by" line
        (["Commissioner's Blog: news from the Ruritanian office", "« Earlier post | Blog homepage | Later post »",
          "Monday Jun 03, 2013", "", "Deepening Our Work with Freedonia", "", "Blog by Deputy Director Ann Example",
          "Text."], "Deepening Our Work with Freedonia"),
        # a row of labels: between bars, or Chinese buttons between spaces
        (["最新消息 | 活動報導", "", "第三屆甲乙專利論壇於某市舉行,圓滿閉幕", "正文。"], "第三屆甲乙專利論壇於某市舉行,圓滿閉幕"),
        (["某市政府网 | 某省人民政府 | 某县人民政府", "网站支持IPv6 繁體中文 无障碍", "当前位置:首页 > 要闻",
          "", "某某出席第二届知识产权高级别会议并致辞", "发布时间:2024-09-12"], "某某出席第二届知识产权高级别会议并致辞"),
        (["登录 会员之家 登出", "", "甲乙两方正式签署地理标志协定", "信息来源:某某网"], "甲乙两方正式签署地理标志协定"),
        # a space for a comma in a headline of two phrases: not buttons
        (["港與某局簽備忘 加強資訊共享", "正文。"], "港與某局簽備忘 加強資訊共享"),
        # a welcome line
        (["你好,欢迎来到某省知识产权在线!", "甲国商会代表团一行来访", "发布时间:2021-10-28"], "甲国商会代表团一行来访"),
        (["Welcome to the Ruritanian Patent Office website", "Ruritania hosts a seminar on trade secrets", "Text."],
         "Ruritania hosts a seminar on trade secrets"),
        # the box about the site, heading and text, above the article
        (["某某年鉴简介", "某某年鉴网是记录建设成就的综合性网站,是落实数字化建设的重要平台,内容丰富,欢迎浏览", "热点内容",
          "网站首页 > 要闻 > 合作 >", "甲国与乙国进一步加强知识产权领域的合作", "新华社某地3月28日电"],
         "甲国与乙国进一步加强知识产权领域的合作"),
        # a blog author's card: photo, name, position, series, the post's date and place
        (["Avatar photo", "Jane Example", "Ruritanian Patent Office’s (RPO) Attaché", "Part of Prosperity Freedonia",
          "17th November 2016 Capital City, Freedonia", "Ruritania and Freedonia sign MoU on IP Cooperation", "Text."],
         "Ruritania and Freedonia sign MoU on IP Cooperation"),
    ],
)
def test_site_furniture_above_the_headline_gives_way(lines: list[str], title: str) -> None:
    assert extract_title(lines) == title


def test_a_government_bodys_name_alone_or_with_its_logo_caption_is_a_label() -> None:
    headline = "Conclusion of Memorandum of Cooperation on Industrial Property between two offices"
    assert extract_title(["Ministry of Commerce, Trade and Crafts", "Font Size Change", headline, "On May 3 ..."]) == headline
    seal = ["printable banner", "Ruritanian Department of State - Great Seal", "Ruritanian Department of State",
            "Diplomacy in Action", headline, "Bureau of Western Affairs"]
    assert extract_title(seal) == headline
    said = "Ministry of Commerce signs a memorandum with two offices"  # a headline that starts with a body's name
    assert extract_title([said, "Text."]) == said


def test_a_long_formal_headline_is_kept_whole() -> None:
    headline = ("Memorandum of Bilateral Cooperation Between the Patent Office of Ruritania and the Federal Service "
                "for Intellectual Property, Patents and Trademarks of Freedonia on Examination and Training of Staff in the Northern Lakes")
    assert MAX_TITLE_CHARS < len(headline) <= MAX_HEADLINE_CHARS
    assert extract_title([headline, "", "The offices, hereinafter the Participants, agree ..."]) == headline
    sentences = "The offices met. " * 14  # a paragraph of the same length is still cut
    assert extract_title([sentences]).endswith("…")


def test_a_pinyin_reading_glued_after_a_character_is_dropped() -> None:
    lines = ["甲某在京會見某國知識產(chǎn)權局局長一行", "2月21日,甲某在京會見了來訪的代表團。"]
    assert extract_title(lines) == "甲某在京會見某國知識產權局局長一行"
    assert extract_title(["甲乙(Alpha)合作論壇舉行", "正文。"]) == "甲乙(Alpha)合作論壇舉行"  # no tone mark: kept


def test_a_short_headline_beside_its_sites_name_is_no_menu() -> None:
    assert extract_title(["Heads Meet in Kobe | RPO", "Text."]) == "Heads Meet in Kobe | RPO"
    assert extract_title(["甲乙签署协议 | 某某", "正文。"]) == "甲乙签署协议 | 某某"
    assert extract_title(["News | Events", "Heads Meet in Kobe", "Text."]) == "Heads Meet in Kobe"


def test_a_headline_about_a_blog_is_no_blog_name() -> None:
    lines = ["Office opens new blog", "Deputy director to write monthly", "Text of the article."]
    assert extract_title(lines) == lines[0]


def test_a_title_without_its_pinyin_readings_is_found_in_the_text() -> None:
    from ipsearch.extract.dates import title_span

    text = "甲某會見某國知識產(chǎn)權局局長一行\n2月21日,雙方會談。"
    title = extract_title(text.splitlines())
    assert title == "甲某會見某國知識產權局局長一行"
    assert title_span(text, title) == (0, text.index("\n"))


def test_a_sites_slogan_gives_way_to_the_headline_over_the_publication_line() -> None:
    lines = ["你好,欢迎来到某省知识产权在线!", "保护知识产权 就是保护创新", "甲国商会代表团一行来访",
             "发布时间:2021-10-28 | 信息来源:某局", "正文。"]
    assert extract_title(lines) == "甲国商会代表团一行来访"
    spaced = ["首页 > 新闻 > 正文", "港方与某局签备忘 加强资讯共享", "时间:2025-09-02 来源:某报", "正文。"]
    assert extract_title(spaced) == "港方与某局签备忘 加强资讯共享"  # itself over the publication line
    no_line = ["保护知识产权 就是保护创新", "甲国商会代表团一行来访", "正文第一段很长很长。"]
    assert extract_title(no_line) == no_line[0]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Offices of Norland and Vestia sign patent agreement | 12 March 2021", "Offices of Norland and Vestia sign patent agreement"),
        ("Offices of Norland and Vestia sign patent agreement (2021-03-12)", "Offices of Norland and Vestia sign patent agreement"),
        ("Offices of Norland and Vestia sign patent agreement 2017.12.06", "Offices of Norland and Vestia sign patent agreement"),
        ("Offices of Norland and Vestia sign patent agreement\t05/03/2019", "Offices of Norland and Vestia sign patent agreement"),
        ("诺兰专利局与维斯蒂亚签署合作协议 2023-07-25", "诺兰专利局与维斯蒂亚签署合作协议"),
        ("诺兰专利局与维斯蒂亚签署合作协议 2023年12月8日", "诺兰专利局与维斯蒂亚签署合作协议"),
        # the headline's own words lead into the date, or a comma joins it: the event's date, kept
        ("7th Norland-Vestia Heads of Office meeting, 15 June 2023", "7th Norland-Vestia Heads of Office meeting, 15 June 2023"),
        ("Patent fair to be held on 3 May 2024", "Patent fair to be held on 3 May 2024"),
        ("Norland patent filings 2019 2020", "Norland patent filings 2019 2020"),  # years, no date
    ],
)
def test_a_publication_date_glued_after_the_headline_is_no_part_of_it(line: str, title: str) -> None:
    assert extract_title([line, "The offices signed the agreement."]) == title


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("NEWS | Offices of Norland and Vestia sign patent agreement", "Offices of Norland and Vestia sign patent agreement"),
        ("Latest News: Offices of Norland and Vestia sign patent agreement", "Offices of Norland and Vestia sign patent agreement"),
        ("IP Daily | Offices of Norland and Vestia sign patent agreement", "Offices of Norland and Vestia sign patent agreement"),
        ("新闻动态：诺兰专利局与维斯蒂亚签署合作协议", "诺兰专利局与维斯蒂亚签署合作协议"),
        ("Offices of Norland and Vestia sign patent agreement - Norland Patent Office", "Offices of Norland and Vestia sign patent agreement"),
        ("Offices of Norland and Vestia sign patent agreement :: Norland IP Portal", "Offices of Norland and Vestia sign patent agreement"),
        ("Offices of Norland and Vestia sign patent agreement « IP Daily", "Offices of Norland and Vestia sign patent agreement"),
        ("诺兰专利局与维斯蒂亚签署合作协议－某某新闻网", "诺兰专利局与维斯蒂亚签署合作协议"),
        # a colon after words that are not a section's name belongs to the headline
        ("Norland: patent office signs MoU with Vestia", "Norland: patent office signs MoU with Vestia"),
        ("Offices agree on work sharing - a first step", "Offices agree on work sharing - a first step"),
    ],
)
def test_section_and_site_names_in_any_separator_are_dropped(line: str, title: str) -> None:
    assert extract_title([line, "The offices signed the agreement."]) == title


@pytest.mark.parametrize(
    "above",
    [
        ["PR/2019/845", "Geneva, March 5, 2019"],
        ["Press Release No. 23-45"],
        ["PR No. 2019/07"],
        ["Media Release 2021-14"],
        ["HomeNewsroomPress Releases"],  # a breadcrumb trail whose separators were lost
        ["Home » Media » Press releases"],
        ["You are here: Home / News / Offices sign"],
        ["By Jane Rowan"],
    ],
)
def test_release_numbers_breadcrumbs_bylines_and_place_date_lines_give_way(above: list[str]) -> None:
    lines = [*above, "Offices of Norland and Vestia sign patent agreement", "The offices signed the agreement."]
    assert extract_title(lines) == "Offices of Norland and Vestia sign patent agreement"


def test_homeland_is_no_home_button() -> None:
    assert extract_title(["Homeland offices sign a patent agreement", "Text."]) == "Homeland offices sign a patent agreement"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # a site's slogan, the day's date and a menu above; the headline stands over its labelled publication line
        (["以创新服务知识产权事业为己任", "2024年11月23日", "星期六", "设为首页 | 加入收藏", "诺兰专利局局长率团访问维斯蒂亚",
          "时间:2015-04-03 00:25:22  来源:某某网站", "3月27日至28日，代表团访问了维斯蒂亚。"], "诺兰专利局局长率团访问维斯蒂亚"),
        # a banner above a headline and its subtitle over the date line: the upper of the two
        (["回顧「往年」出版報紙 及 實時資訊", "首屆諾蘭國際知識產權研討會舉行", "集思廣益探討知識產權合作",
          "2016年6月27日    即時資訊", "【本報訊】研討會今日舉行。"], "首屆諾蘭國際知識產權研討會舉行"),
        # a short headline over its date line, the longer line under the date its subtitle
        (["Online Meeting", "28 Kasım 2024", "Member States of the Norland Group meet in an online meeting",
          "The office heads held an online meeting on November 28, 2024."], "Online Meeting"),
        # a label and a stamp ("Broadcast 2018-12-10"), a section name, then the headline over its author's stamp
        (["Follow us:", "Change language:", "Broadcast 2018-12-10", "Latest news",
          "Norland delegation attends the patent assemblies", "Jane Rowan 2018-10-08 11:10", "The assemblies met."],
         "Norland delegation attends the patent assemblies"),
        # the headline, a section name and an author's e-mail over the stamp: the headline stays
        (["Norland president meets the head of the patent union", "Society", "jrowan@example.com",
          "2018-10-24 15:25:08", "The president met the director general on October 23."],
         "Norland president meets the head of the patent union"),
        # a Vietnamese weekday stamp and page furniture above the headline
        (["Th 3, 01/12/2009 | 14:42 CH", "Xem với cỡ chữ Đọc bài viết Tương phản",
          "Delegation of the Norland patent office visits Vestia", "From 23 to 25 November 2008, a delegation visited."],
         "Delegation of the Norland patent office visits Vestia"),
    ],
)
def test_the_headline_stands_over_the_publication_line(lines: list[str], title: str) -> None:
    assert extract_title(lines) == title


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("诺兰知识产权论坛在奥斯陆开幕 维斯蒂亚将推出新制度 新华社奥斯陆12月5日电(记者甲乙)第九届论坛5日开幕。与会者认为合作重要。",
         "诺兰知识产权论坛在奥斯陆开幕 维斯蒂亚将推出新制度"),
        ("Norland patent forum opens in Oslo OSLO, Dec. 5 (Agency) -- The ninth forum opened on Monday. Delegates met.",
         "Norland patent forum opens in Oslo"),
        # a dateline opening the page is its first paragraph, no headline glued before it
        ("新华社奥斯陆12月5日电 第九届论坛5日开幕。与会者认为合作重要。", "新华社奥斯陆12月5日电 第九届论坛5日开幕。与会者认为合作重要。"),
    ],
)
def test_a_headline_running_on_into_the_dateline_ends_there(line: str, title: str) -> None:
    assert extract_title([line, "More text."]) == title


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["Homepage / Press-center / News /", "Norland office expands international cooperation", "Text."],
         "Norland office expands international cooperation"),
        (["Homepage / Press-center / News / The Norland Patent Office remains at the forefront of protection", "", "Text."],
         "The Norland Patent Office remains at the forefront of protection"),
        (["首页 > 新闻中心 > 诺兰专利局与维斯蒂亚签署知识产权合作协议", "双方签署了协议。"], "诺兰专利局与维斯蒂亚签署知识产权合作协议"),
        (["2158 times", "", "Norland and Vestia sign a memorandum on copyright", "Text."],
         "Norland and Vestia sign a memorandum on copyright"),
        (["Shortcut to Body Shortcut to main menu", "News & Event", "• Home", "• News", "• News & Event",
          "Commissioners of Norland and Vestia to meet on Dec. 6-7", "Text."],
         "Commissioners of Norland and Vestia to meet on Dec. 6-7"),
    ],
)
def test_breadcrumbs_counters_skip_links_and_bulleted_menus_give_way(lines: list[str], title: str) -> None:
    assert extract_title(lines) == title


def test_a_trail_of_section_names_is_no_headline() -> None:
    lines = ["Home / News / Events", "Norland office hosts examiners from Vestia", "Text."]
    assert extract_title(lines) == "Norland office hosts examiners from Vestia"


def test_hard_wrapped_prose_holds_no_publication_line_and_a_wire_keeps_its_credit() -> None:
    wrapped = ["NORLAND RETAIL PRICES RISE 2.7 PCT IN FEBRUARY", "", "OSLO, March 5 - Retail prices rose 2.7 pct in",
               "February after 3.1 pct in January, the statistics office said.", "Prices in the year to February rose 31.6 pct, compared with",
               "to February 1986.", "The office gave no reason.", "be May 1, 1987."]
    assert extract_title(wrapped) == "NORLAND RETAIL PRICES RISE 2.7 PCT IN FEBRUARY"
    assert extract_title(["NORLAND GDP SHOULD RISE 2.3 PCT - MINISTRY", "Text."]) == "NORLAND GDP SHOULD RISE 2.3 PCT - MINISTRY"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["诺兰中国：诺兰支持某市打造知识产权高地 时间:2021-10-26", "10月19日，论坛举行。"], "诺兰中国：诺兰支持某市打造知识产权高地"),
        (["Offices of Norland and Vestia sign patent agreement Posted: 5 March 2019", "Text."],
         "Offices of Norland and Vestia sign patent agreement"),
        (["主办单位:某某报社", "地址: 北京市某区某路", "诺兰加强与世界知识产权组织在商标领域的合作", "正文。"],
         "诺兰加强与世界知识产权组织在商标领域的合作"),
        (["法規名稱: 諾蘭智慧財產局與維斯蒂亞辦事處工業財產權合作瞭解備忘錄", "正文。"],
         "諾蘭智慧財產局與維斯蒂亞辦事處工業財產權合作瞭解備忘錄"),
    ],
)
def test_labelled_stamps_contact_lines_and_field_labels_are_no_part_of_the_headline(lines: list[str], title: str) -> None:
    assert extract_title(lines) == title
