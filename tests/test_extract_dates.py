"""Dates: date expressions at the precision stated, and the article's own date."""

from __future__ import annotations

import pytest

from ipsearch.extract import Document
from ipsearch.extract.dates import DateMatch, extract_date, find_dates
from ipsearch.extract.layout import extract_title, lead_text

from .conftest import CAS_PROTOCOL, CENTRAL_ASIA, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA
from .extracting import docs  # noqa: F401 (docs: a fixture)


def _date(text: str, title: str) -> DateMatch | None:
    """The dates family's entry point, given the headline (its lead found as extraction finds it)."""
    return extract_date(text, title, lead_text(text, title))


def test_dates_at_the_precision_the_text_states(docs: dict[str, Document]) -> None:
    assert docs[CENTRAL_ASIA].date == "2023-08-03"  # "Updated: 8 03,2023" wins over the lead
    assert docs[KIPO_MEETING].date == "2019-12-03"
    assert docs[MONGOLIA_RUSSIA].date == "--09-06"  # no year stated: none invented
    assert docs[MONGOLIA_RUSSIA].year is None
    assert docs[CAS_PROTOCOL].date == "--07-03"
    assert docs[KAZAKHSTAN_VISIT].date is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("On July 24, 2023, the meeting", "2023-07-24"),
        ("December 3, 2019", "2019-12-03"),
        ("Oct.1 -- the office", "--10-01"),
        ("2019年12月3日，会议", "2019-12-03"),
        ("2019年12月，会议", "2019-12"),
        ("发布时间：2023-04-28", "2023-04-28"),
        ("3 December 2019", "2019-12-03"),
        ("Beijing, Sept. 6, 2019 --", "2019-09-06"),
        ("2019/12/03", "2019-12-03"),
        ("二〇二二年十一月八日", "2022-11-08"),  # Chinese numerals
        ("２０２１年６月２４日", "2021-06-24"),  # full-width digits
        ("12月3日", "--12-03"),
        ("今日(十二月八日)", "--12-08"),
        ("in July 2022 the office", "2022-07"),
        ("On the 3rd of December, 2019", "2019-12-03"),
        ("met online on November 3-5, 2021, for", "2021-11-03"),  # a range: its first day
        ("from April 12 (Wed) to 14 (Fri), 2017.", "2017-04-12"),
        ("held 3-5 November 2021 in Geneva", "2021-11-03"),
        ("Sep122014", "2014-09-12"),  # month, day and year run together
        ("12 february 2019 Offices sign", "2019-02-12"),  # a lower-case month with its day and year
        ("2020. 10. 26. - 2020. 10. 28.", "2020-10-26"),  # Korean style
        ("於106年5月15、16日在東京舉行", "2017-05-15"),  # a Taiwanese (民國) year; a two-day meeting
        ("民國108年3月", "2019-03"),
        ("2018年12月6日至7日，论坛召开", "2018-12-06"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert find_dates(text)[0].iso == iso


def test_updated_line_is_month_day_year() -> None:
    found = _date("Title\nUpdated: 8 03,2023\n\nOn July 24, 2023, ...", "Title")
    assert found is not None and found.iso == "2023-08-03"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Title\nDate: 2018-06-14\n\nOn June 13, 2018, ...", "2018-06-14"),  # a labelled date wins
        ("标题\n发布日期：2021年6月24日\n\n6月23日，...", "2021-06-24"),
        ("Title\n\nDecember 3, 2019\n\nThe office said on Monday ...", "2019-12-03"),  # a date line
        ("Title\n\nOct.1 -- WIPO said on September 30, 2020 ...", "--10-01"),  # the dateline, not a later date
        ("Title\n\nIn 2016 the office opened; on May 5 it ...", "--05-05"),  # a bare year is no article date
    ],
)
def test_the_articles_own_date(text: str, iso: str) -> None:
    found = _date(text, text.split("\n")[0])
    assert found is not None and found.iso == iso


def test_no_date_is_invented() -> None:
    assert _date("Title\n\nThe office met recently in 2016.", "Title") is None


# Texts written for these tests: layouts seen on IP-office and news pages, not any one article.
_SCRAPED = " date 2022-05-10 Patent offices of Ruritania and Freedonia agree to share search reports\n\nThe two offices said on Monday that ...\n"
_SCRAPED_WITH_STATED = " date 2022-05-12 9 May 2022\nThe two offices met in Geneva to renew their work-sharing plan.\n"
_YEAR_IN_HEADLINE = "Ruritanian office hosts 2021 examiner exchange\n\nMarch 5\n\nExaminers from four offices met in the capital.\n"
_TWO_YEARS_IN_HEADLINE = "From 2019 to 2021: a review of examiner exchanges\n\nMarch 5\n\nExaminers from four offices met.\n"
_DATE_FAR_BELOW = (
    "Offices sign a memorandum on classification\n\n\nRuritania\n\n\nIndustry desk\n\n\nPress team\n\n\n"
    "Division B\n\n\nJune 2, 2018\n\n\nThe offices agreed to align classification work.\n"
)
_DATE_ABOVE = "PR-0007\n2020年3月9日\n甲乙两国知识产权局签署合作谅解备忘录\n双方同意在审查和培训方面加强合作。\n"
_FOOT_STAMP = "Offices hold talks on design protection\nDelegations discussed design law and training.\nThey agreed to meet again.\n2016-04-21\n"


def test_a_scraper_date_prefix_is_the_date_unless_the_page_states_its_own() -> None:
    title = "Patent offices of Ruritania and Freedonia agree to share search reports"
    assert _date(_SCRAPED, title) == DateMatch("2022-05-10", 2022, 6)
    assert _date(_SCRAPED_WITH_STATED, "") is not None
    assert _date(_SCRAPED_WITH_STATED, "").iso == "2022-05-09"  # type: ignore[union-attr]


def test_a_yearless_dateline_takes_the_single_year_the_headline_states() -> None:
    found = _date(_YEAR_IN_HEADLINE, "Ruritanian office hosts 2021 examiner exchange")
    assert found is not None and (found.iso, found.year) == ("2021-03-05", 2021)
    two = _date(_TWO_YEARS_IN_HEADLINE, "From 2019 to 2021: a review of examiner exchanges")
    assert two is not None and two.iso == "--03-05"  # which year is ambiguous: none is guessed


def test_a_dateline_counts_non_blank_lines_and_may_stand_above_the_headline() -> None:
    found = _date(_DATE_FAR_BELOW, "Offices sign a memorandum on classification")
    assert found is not None and found.iso == "2018-06-02"
    above = _date(_DATE_ABOVE, "甲乙两国知识产权局签署合作谅解备忘录")
    assert above is not None and above.iso == "2020-03-09"


def test_a_full_date_alone_on_the_last_line_is_the_publication_stamp() -> None:
    found = _date(_FOOT_STAMP, "Offices hold talks on design protection")
    assert found is not None and found.iso == "2016-04-21"


@pytest.mark.parametrize("text", ["may 3 people attend", "in 2020. 10 offices joined", "第106年"])
def test_look_alikes_are_no_dates(text: str) -> None:
    assert [d for d in find_dates(text) if d.iso[:1] != "-" or len(d.iso) > 7] == []


# Written for these tests, one per layout: a date glued before the headline, a periodical's issue line
# above it, a date line with a label, and a year-less lead whose day the page's stamp writes in full.
_GLUED = "12 february 2019 Ruritania and Freedonia sign a patent cooperation agreement\n\nThe two offices agreed ...\n"
_ISSUE_LINE = (
    "Trade Mark Bulletin\n\nMarch 15, 2017 Vol. 12 No. 3 Back to Bulletin Main Page\n\n"
    "Regional working group meets on examiner training\n\nThe group met on February 15, 2017 in Vientiane.\n"
)
_LABELLED_LINE = "甲乙两国知识产权局举行局长会谈\n\n2016年6月27日    即时资讯\n\n双方于27日上午举行会谈。\n"
_YEARLESS_LEAD = (
    "甲國與乙國簽訂知識產權合作備忘錄\n知識產權署今日(十二月八日)與乙國知識產權局簽訂備忘錄。\n"
    + "".join(f"雙方將在第{n}個領域加強合作。\n" for n in "一二三四五六七")
    + " \n2023年12月8日(星期五)\n香港時間11時02分\n圖片\n"
)
_PLANNED_YEAR = "Offices hold trilateral talks\n\nOn September 6, the offices met. The next seminar will be held in 2018.\n"


def test_a_date_glued_before_the_headline_or_opening_an_issue_line_is_the_dateline() -> None:
    assert extract_title(_GLUED.splitlines()) == "Ruritania and Freedonia sign a patent cooperation agreement"
    glued = _date(_GLUED, extract_title(_GLUED.splitlines()))
    assert glued is not None and glued.iso == "2019-02-12"
    title = extract_title(_ISSUE_LINE.splitlines())
    assert title == "Regional working group meets on examiner training"
    issue = _date(_ISSUE_LINE, title)
    assert issue is not None and issue.iso == "2017-03-15"  # not the meeting's date in the lead
    labelled = _date(_LABELLED_LINE, "甲乙两国知识产权局举行局长会谈")
    assert labelled is not None and labelled.iso == "2016-06-27"


def test_a_yearless_date_takes_the_year_only_of_the_same_day_written_in_full() -> None:
    found = _date(_YEARLESS_LEAD, "甲國與乙國簽訂知識產權合作備忘錄")
    assert found is not None and found.iso == "2023-12-08"
    planned = _date(_PLANNED_YEAR, "Offices hold trilateral talks")
    assert planned is not None and planned.iso == "--09-06"  # a lone year elsewhere is no evidence


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Wednesday, 03/06/2015 09:01 GMT+7", "2015-06-03"),  # the weekday fits 3 June, not 6 March
        ("Friday 03/06/2015", "2015-03-06"),  # ... and here 6 March
        ("(Nara, 25/5/2015)", "2015-05-25"),  # only one reading is a date
        ("12/25/2019", "2019-12-25"),
    ],
)
def test_numeric_dates_only_when_one_reading_fits(text: str, iso: str) -> None:
    assert find_dates(text)[0].iso == iso


@pytest.mark.parametrize("text", ["03/06/2015", "on 3/4/2021 the", "25-26/5/2015"])
def test_ambiguous_numeric_dates_are_left_out(text: str) -> None:
    assert find_dates(text) == []


_BYLINE = "Office signs memorandum with a provincial government\nby Jane Roe on August 5, 2011\nThe office signed on July 20, 2011 ...\n"
_MONTH_DATELINE = "9th Heads Meeting\nOctober 2017, Geneva, Switzerland\nThe meeting was hosted in Geneva on 3rd October, 2017.\n"
_WEEKDAY_LINE = "Fifth meeting of office heads\nWednesday, 03/06/2015 09:01 GMT+7\nOn May 25 and 26, 2015, the heads met in Nara.\n"


def test_a_byline_a_month_dateline_and_a_weekday_stamp_date_the_article() -> None:
    for text, iso in [(_BYLINE, "2011-08-05"), (_MONTH_DATELINE, "2017-10-03"), (_WEEKDAY_LINE, "2015-06-03")]:
        found = _date(text, text.split("\n")[0])
        assert found is not None and found.iso == iso, text


# Written for these tests, one per kind of dateline or stamp found in real pages (session 4).
_CREDIT_DOTTED = (
    "甲乙两国签署专利审查合作备忘录\n\n© 图片: 示例图库\n甲乙两国签署专利审查合作备忘录 - 某某通讯社, 1200, 14.03.2023\n"
    "据报道,2023年3月13日,两国知识产权局局长在某市会面并签署备忘录。\n"
)
_CREDIT_NAMED = (
    "Ruritanian office to train Freedonian examiners\n\nFreedonia Wire, April 9, 2019 Print this page\n\n"
    "The office said on Monday it would train examiners. The agreement of March 30, 2019 ...\n"
)
_SOURCE_FIELDS = (
    "甲乙两国签署知识产权合作协议\n\n来源:某某日报 作者:张三 编辑:李四 2019-06-12 10:21:33\n分享\n\n"
    "  6月11日,两国在某市签署协议。\n"
)
_SHORT_DOTTED_TOP = "14.03.23\n09:30\n经济\n甲乙两国扩大专利审查高速路试点\n甲国总理与乙国总理举行会谈并签署多项协议。\n"
_POSTED_FOOT = (
    "Three offices agree to cooperate on examination\n\nThe heads of three offices met on October 4 in Testville.\n\n"
    "They agreed to exchange examiners.\n\n<From the office's website; posted on October 9, 2014>\n"
)
_POSTED_ZH_FOOT = (
    "本港知識產權服務再升級\n\n知識產權署署長表示,將推出新的檢索服務。\n\n廣告\n"
    "  • 本文由 某某資訊網 發表於 03/11/2022 10:15:00\n  • 轉載請保留本文鏈接\n"
)
_VIETNAMESE_LABEL = (
    "Offices sign a memorandum on trademark examination\n\nNgày cập nhật: 04/02/2020 lúc 9:15:00\n\n"
    "The memorandum was first concluded on 8 March 2015, under which ...\n"
)
_WIRE_BRACKET = (
    "標籤:\n甲乙\n【某某報11月20日報導】(某某社台北20日電)甲乙兩國專利文件電子交換明年上路。\n"
    "甲乙兩國於今年5月3日簽署備忘錄,將於105年1月1日正式啟動。\n"
)
_NARRATED = (
    "Offices' joint examination programme starts on June 1\n\nThe joint examination programme started today (June 1). "
    "It is the first of its kind.\n\nThe talks began in 2015. On April 20, 2022, the offices signed the agreement. "
    "On June 1, the programme started.\n"
)
_NARRATED_OTHER_DAY = _NARRATED.replace("On June 1, the programme", "On June 2, the programme")
_RANGE_LEAD = (
    "June 12\nFourth meeting of the regional design offices\n\n"
    "On May 30 and June 1, 2018, the regional design offices met in Testville. The offices agreed ...\n"
)
_GARBLED = "第三屆兩岸設計論壇圓滿閉幕\n\n 第三屆兩岸設計論壇於2015103日至4日在某市舉行,雙方代表出席。\n"
_HEADLINE_YEAR = "某某出席2016年两地知识产权研讨会\n\n  本网讯 日前,“2016年两地知识产权研讨会”在某市召开。\n"


def test_a_day_first_dotted_date_and_a_credit_line_under_the_headline() -> None:
    assert [d.iso for d in find_dates("Moscow, 14.03.2023.")] == ["2023-03-14"]  # dots: day first
    assert find_dates("version 1.2.3 of 12.1.20") == []
    credit = _date(_CREDIT_DOTTED, "甲乙两国签署专利审查合作备忘录")
    assert credit is not None and credit.iso == "2023-03-14"  # the credit line, not the event in the lead
    named = _date(_CREDIT_NAMED, "Ruritanian office to train Freedonian examiners")
    assert named is not None and named.iso == "2019-04-09"
    fields = _date(_SOURCE_FIELDS, "甲乙两国签署知识产权合作协议")
    assert fields is not None and fields.iso == "2019-06-12"


def test_a_prose_line_with_a_date_after_a_comma_is_no_credit_line() -> None:
    text = "Offices meet\nThe offices said, March 3, 2019 was their first day\nMay 2, 2019\n\nThe offices met ...\n"
    found = _date(text, "Offices meet")
    assert found is not None and found.iso == "2019-05-02"  # the dateline under it, not the sentence's date
    table = "Grain stocks\nMay 4 - Projections follow.\n  Wheat -- Stocks, Aug 31, 2019, at 1,240, vs 1,300\n"
    row = _date(table, "Grain stocks")
    assert row is not None and row.iso == "--05-04"  # a table's row with a date is no credit line


def test_a_two_digit_year_dotted_date_counts_only_alone_on_a_line_above_the_headline() -> None:
    found = _date(_SHORT_DOTTED_TOP, "甲乙两国扩大专利审查高速路试点")
    assert found is not None and (found.iso, found.year) == ("2023-03-14", 2023)
    assert _date("Offices meet\n\nRelease 14.03.23 of the tool was used.\n", "Offices meet") is None


def test_a_posted_on_stamp_at_the_foot_wins_over_event_days_in_the_lead() -> None:
    found = _date(_POSTED_FOOT, "Three offices agree to cooperate on examination")
    assert found is not None and found.iso == "2014-10-09"
    zh = _date(_POSTED_ZH_FOOT, "本港知識產權服務再升級")
    assert zh is not None and zh.iso == "2022-11-03"  # after a Chinese label a numeric date is day first


def test_a_labelled_date_not_in_english_is_day_first() -> None:
    found = _date(_VIETNAMESE_LABEL, "Offices sign a memorandum on trademark examination")
    assert found is not None and found.iso == "2020-02-04"
    english = _date("Title\nUpdated: 04/02/2020\n\nText.\n", "Title")
    assert english is not None and english.iso == "2020-04-02"


def test_a_wire_dateline_in_brackets_dates_the_article_without_a_year() -> None:
    title = extract_title(_WIRE_BRACKET.splitlines())
    found = _date(_WIRE_BRACKET, title)
    assert found is not None and (found.iso, found.year) == ("--11-20", None)  # not the plan's 105年1月1日


def test_a_yearless_day_takes_the_year_of_the_narration_it_closes() -> None:
    found = _date(_NARRATED, "Offices' joint examination programme starts on June 1")
    assert found is not None and found.iso == "2022-06-01"
    other = _date(_NARRATED_OTHER_DAY, "Offices' joint examination programme starts on June 1")
    assert other is not None and other.iso == "--06-01"  # another day in the narration: no year taken


def test_a_yearless_dateline_yields_to_the_dated_event_the_lead_opens_with() -> None:
    assert [d.iso for d in find_dates("On May 30 and June 1, 2018, the offices met")] == ["2018-05-30"]
    assert [d.iso for d in find_dates("May 30 and June 1 were")] == ["--05-30", "--06-01"]
    found = _date(_RANGE_LEAD, "Fourth meeting of the regional design offices")
    assert found is not None and found.iso == "2018-05-30"


def test_only_the_year_when_the_day_is_garbled_or_the_headline_names_the_year() -> None:
    garbled = _date(_GARBLED, "第三屆兩岸設計論壇圓滿閉幕")
    assert garbled is not None and (garbled.iso, garbled.year) == ("2015", 2015)
    named = _date(_HEADLINE_YEAR, "某某出席2016年两地知识产权研讨会")
    assert named is not None and named.iso == "2016"
    assert _date("Plans for 2030\n\nThe office published its plans.\n", "Plans for 2030") is None  # lead lacks it
    period = "Filings fall slightly in 2016\n\nFilings in 2016 were 3 pct lower.\n"
    assert _date(period, "Filings fall slightly in 2016") is None  # the period reported on, not the article's year


def _article_date(text: str) -> str | None:
    """The date extraction gives ``text``, its headline and lead found as extraction finds them."""
    from ipsearch.extract.extractor import Extractor

    return Extractor().field("date", text)  # type: ignore[return-value]


_HEAD = "Offices of Norland and Vestia sign patent agreement"
_ZH_HEAD = "諾蘭專利局與維斯蒂亞簽署合作協議"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # glued after the headline, in any separator
        (f"Press Releases\n\n{_HEAD} 2019-03-05\n\nThe offices signed.", "2019-03-05"),
        (f"{_HEAD} | 12 March 2021\nThe offices signed.", "2021-03-12"),
        (f"{_HEAD} (2021-03-12)\nThe offices signed.", "2021-03-12"),
        (f"{_HEAD} 2017.12.06\nThe offices signed.", "2017-12-06"),
        ("诺兰专利局与维斯蒂亚签署合作协议 2023-07-25\n双方签署了协议。", "2023-07-25"),
        # 民國 years in figures, in labelled lines and alone
        (f"{_ZH_HEAD}\n發布日期：112/03/05\n雙方簽署了協議。", "2023-03-05"),
        (f"{_ZH_HEAD}\n更新日期：112.03.05\n雙方簽署了協議。", "2023-03-05"),
        (f"{_ZH_HEAD}\n112-03-05\n雙方簽署了協議。", "2023-03-05"),
        (f"{_ZH_HEAD}\n民國112年3月5日\n雙方簽署了協議。", "2023-03-05"),
        # the publication stamp at the very end, alone or after the publisher's name, over the event in the lead
        (f"{_HEAD}\nOn 3 March 2019 the offices signed.\nMore text.\n2019-03-06", "2019-03-06"),
        (f"{_ZH_HEAD}\n雙方於3月1日簽署了協議。\n諾蘭專利局 112 年 3 月 6 日", "2023-03-06"),
        # the start of a period is no article date
        (f"{_HEAD}\nSince January 2015 the offices have cooperated. On 3 March 2019 they signed.", "2019-03-03"),
        ("諾蘭專利局與維斯蒂亞簽署合作協議\n自2003年1月雙方開展合作以來成果豐碩。合作安排於2020年6月16日生效。", "2020-06-16"),
        ("诺兰专利局与维斯蒂亚签署合作协议\n早在2011年7月，双方就提出了合作建议。", None),
        # the date a headline states in full, over an earlier day the lead recalls
        ("7th Norland-Vestia Heads meeting, 20 June 2024\n\nThe heads met; a users' meeting took place on 19 June 2024.",
         "2024-06-20"),
    ],
)
def test_publication_dates_in_the_layouts_pages_use(text: str, iso: str | None) -> None:
    assert _article_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # a page without a headline: its first paragraph stands in, and its dateline and year date the article
        ("新华社奥斯陆8月17日电 诺兰专利局副局长17日在2018年知识产权高级别会议吹风会上表示，合作不断深化。\n"
         "据介绍，会议将于8月28日至29日召开。", "2018-08-17"),
        ("5月10日，诺兰专利局副局长出席2013年知识产权培训班结业仪式并讲话。\n他指出，培训班促进了交流。", "2013-05-10"),
        # a year-less dateline takes the year of the event its first sentence reports
        (f"{_ZH_HEAD}\n中新網奧斯陸10月17日電 據小組17日消息，2023年諾維知識產權研討會已在奧斯陸舉行。\n研討會主題是創新。",
         "2023-10-17"),
        (f"{_HEAD}\n\nOSLO, March 5 - The 2019 Norland Patent Forum opened today in the capital.\n\nMore.", "2019-03-05"),
        # ... not of an event to come, which may be next year's
        (f"{_HEAD}\n\nOSLO, March 5 - The 2020 Norland Patent Forum will be held in the capital.\n\nMore.", "--03-05"),
        # a month in numerals and a day in figures
        (f"{_ZH_HEAD}\n三月22日智慧局網站刊登一則文稿。", "--03-22"),
    ],
)
def test_a_yearless_dateline_takes_the_year_the_page_states_for_that_day(text: str, iso: str) -> None:
    assert _article_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("29 septiembre 2021", "2021-09-29"),
        ("28 Kasım 2024", "2024-11-28"),
        ("5 de março de 2020", "2020-03-05"),
        ("12. Mai 2022", "2022-05-12"),
        ("le 3 décembre 2019 à Genève", "2019-12-03"),
        ("Th 3, 01/12/2009 | 14:42 CH", "2009-12-01"),  # a Vietnamese weekday (Tuesday) reads 01/12 day first
    ],
)
def test_stamps_in_other_languages(text: str, iso: str) -> None:
    assert find_dates(text)[0].iso == iso


@pytest.mark.parametrize("text", ["mars 2019", "the Mart 2019 report", "Mai and Juni 2019"])
def test_a_foreign_month_counts_only_with_its_day_and_year(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        (f"{_HEAD}\n\n29 septiembre 2021\n\nOn September 29, the heads met.", "2021-09-29"),
        ("Th 3, 01/12/2009 | 14:42 CH\n\nDelegation of the Norland patent office visits Vestia\n\n"
         "From 23 to 25 November 2008, a delegation visited.", "2009-12-01"),
        # the dateline opens a paragraph below the headline in two languages and a caption
        ("诺兰中国：激发未来知识产权人才\n\nNorland China: inspiring future IP talent\n\n诺兰中国：激发未来知识产权人才\n\n"
         "图：诺兰中国办事处|Photo: NCO\n\n2025年5月20日，北京 – 来自某大学的20名学生访问了办事处。", "2025-05-20"),
    ],
)
def test_dates_in_other_languages_and_buried_datelines_date_the_article(text: str, iso: str) -> None:
    assert _article_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        (f"{_HEAD}\n\nThe commissioners will meet on December 6 and 7.\n\nSource: Agency News (Dec. 5, 2017)", "2017-12-05"),
        ("诺兰专利局与维斯蒂亚签署合作协议\n\n双方于9月12日签署了协议。\n\n来源：某某日报 2024-09-13", "2024-09-13"),
        ("诺兰网_某某官方网站\n\n设窗口搭平台 第二届诺维论坛侧记\n\n2024年09月13日07:17\n\n9月12日，论坛开幕。", "2024-09-13"),
    ],
)
def test_a_credit_line_at_the_foot_and_a_stamp_with_its_time_glued_on(text: str, iso: str) -> None:
    assert _article_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # a headline's accounting date bounds a period: no article date
        ("NORLAND STEEL YEAR ENDED DEC 31 1986\n\nShr 1.20 vs 0.90.\nNet 4.5 mln vs 3.2 mln.", None),
        # a wrapped English sentence ending in a full date is no stamp line
        (f"{_HEAD}\n\nOSLO, March 5 - The offices said\nthe plan for examiners\nand for the users\nof both offices,\n"
         "agreed last year,\nnow runs until\nJune 15, 2017.\nReuter", "--03-05"),
    ],
)
def test_period_bounds_and_wrapped_sentence_ends_do_not_date_the_article(text: str, iso: str | None) -> None:
    assert _article_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("中華民國八十八年十二月三十一日簽訂", "1999-12-31"),
        ("民國一百零八年三月五日", "2019-03-05"),
        ("民國一〇八年3月5日", "2019-03-05"),
        ("民国九十九年十二月", "2010-12"),
    ],
)
def test_a_roc_year_in_chinese_numerals(text: str, iso: str) -> None:
    assert find_dates(text)[0].iso == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        (f"{_HEAD}\n\nThe offices met on 17 December.\n\n[Update 2012-12-20 ]", "2012-12-20"),
        (f"{_HEAD}\n\nThe delegation visited the office on Monday morning 07/01/2013, where they met.", "2013-01-07"),
    ],
)
def test_an_update_stamp_at_the_foot_and_a_weekday_a_word_away(text: str, iso: str) -> None:
    assert _article_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # no headline: a year in the first paragraph's later sentence (a work plan's) is no headline year
        ("11月30日，诺兰专利局与维斯蒂亚专利局第五次局长会议在某市召开。其间，两局签署了《2012年工作计划》。\n会议讨论了合作。", "--11-30"),
        # ... while the event its first sentence names carries the year, after "Aug." and its day
        ("OSLO, Aug. 28 (Agency) -- The president sent a letter to the 2018 high-level conference on patents.\nMore.",
         "2018-08-28"),
    ],
)
def test_a_page_without_a_headline_takes_a_year_only_from_its_first_sentences_event(text: str, iso: str) -> None:
    assert _article_date(text) == iso
