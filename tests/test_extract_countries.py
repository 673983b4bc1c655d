"""Countries: the countries an article involves (headline, dateline, lead, named again, a party)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsearch.corpus import SourceFile, discover, read_source
from ipsearch.extract import extract

from .extracting import extract_text


def test_korean_is_north_korean_only_when_the_south_is_never_named(tmp_path: Path) -> None:
    north = "DPRK Joins Treaty\n\nThe Democratic People's Republic of Korea joined. The Korean Central News Agency said so.\n"
    south = "KIPO and JPO Meet\n\nKorean and Japanese applicants filed more. Seoul hosted the talks.\n"
    for name, text in (("n.txt", north), ("s.txt", south)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    docs = {f.doc_id: extract(read_source(f)) for f in discover(tmp_path) if isinstance(f, SourceFile)}
    assert docs["n.txt"].countries == ("North Korea",)
    assert set(docs["s.txt"].countries) == {"South Korea", "Japan"}


def test_a_country_named_once_in_passing_is_searchable_but_not_a_facet(tmp_path: Path) -> None:
    text = (
        "EPO and JPO Extend Work-Sharing Pilot\n\n"
        "Munich, 3 May 2021 -- The European Patent Office and the Japan Patent Office extended their pilot.\n\n"
        "Applicants filed more requests than expected. The results will be published in Luxembourg's official journal.\n"
    )
    doc = extract_text(tmp_path, text)
    assert set(doc.countries) == {"Germany", "Japan"}  # the dateline city, and the offices' homes
    assert "Luxembourg" in doc.aliases  # still found by a search for it


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Brazil's office sent an observer. Brazil may join next year.", True),  # named twice
        ("Delegates from Brazil attended the closing session.", True),  # a side that took part
        ("The office of Brazil was not represented.", False),  # said not to take part
        ("A similar pilot runs in Brazil.", False),  # once, in passing
    ],
)
def test_countries_after_the_lead_count_when_the_article_involves_them(tmp_path: Path, later: str, expected: bool) -> None:
    text = f"Offices Meet in Geneva\n\nGeneva, 3 May 2021 -- Heads of IP offices met at WIPO.\n\nThe talks covered fees. {later}\n"
    doc = extract_text(tmp_path, text)
    assert ("Brazil" in doc.countries) is expected
    assert "Switzerland" in doc.countries


@pytest.mark.parametrize(
    ("dateline", "country"),
    [
        ("KOKOMO, Ind., Feb 26 -", "United States"),  # a state's abbreviation after a town we do not know
        ("WILMINGTON, Del, Feb 26 -", "United States"),  # without its dot
        ("MINNEAPOLIS, MINN., March 3 -", "United States"),
        ("Scarborough, Ontario, Feb 26 -", "Canada"),  # a province by name
        ("ATLANTA, Ga., May 3 -", "United States"),  # the state, not the country
        ("HARARE, May 16, 2022 (Xinhua) --", "Zimbabwe"),
    ],
)
def test_datelines_name_the_country(tmp_path: Path, dateline: str, country: str) -> None:
    doc = extract_text(tmp_path, f"Company Sets Quarterly Dividend\n\n{dateline} The company said it raised its dividend.\n")
    assert doc.countries == (country,)


def test_abbreviations_count_only_in_a_dateline(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "Results\n\nThe firm, Arvin Ind., said Mass. production of the Ore. carrier rose.\n")
    assert doc.countries == ()


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        ("Offices Meet\n\nThe meeting in Ohio was the first of its kind.", "United States", "Ohio"),
        ("两局会谈\n\n会议在加利福尼亚州举行。", "United States", "California"),
        ("兩局會談\n\n會議在佐治亞州舉行。", "United States", "Georgia (U.S. state)"),
        ("两局会谈\n\n会议在格鲁吉亚举行。", "Georgia", None),
        ("Offices Meet\n\nThe seminar in Calgary drew examiners from across the country.", "Canada", "Calgary"),
        ("Offices Meet\n\nThe office in New South Wales opened.", "Australia", "New South Wales"),
    ],
)
def test_states_provinces_and_cities_imply_their_country(tmp_path: Path, text: str, country: str, place: str | None) -> None:
    doc = extract_text(tmp_path, text + "\n")
    assert doc.countries == (country,)
    if place:
        assert place in doc.places
    assert "United Kingdom" not in doc.countries  # "New South Wales" is not Wales


def test_a_chinese_dateline_and_lead(tmp_path: Path) -> None:
    text = "中日专利审查合作会议举行\n\n新华社东京3月3日电 中日两局在东京举行会议。\n\n会议期间，双方介绍了各自在印度的做法。\n"
    doc = extract_text(tmp_path, text)
    assert set(doc.countries) == {"China", "Japan"}  # India: once, in passing
    assert "印度" in doc.aliases


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a yardstick is not a side
        ("中国成为欧洲专利申请第四大来源国\n\n2010年中国成为仅次于美国、日本、德国的第四大欧专申请来源国。", {"China"}, {"United States", "Japan", "Germany"}),
        ("Filings Rise\n\nKorea's filings rose 5%, second only to the United States and Japan in the ranking.", {"South Korea"}, {"United States", "Japan"}),
        # where someone else sits
        ("Music Group Backs Treaty\n\nThe federation, which is headquartered in London, UK, backed the Marrakesh Treaty in Kenya.", {"Kenya"}, {"United Kingdom"}),
        # a demonym naming a language
        ("OAPI Meets WIPO\n\nOfficials of OAPI (French abbreviation of the African IP Organization) met WIPO in Cameroon.", {"Cameroon"}, {"France"}),
        # a ticker of other headlines before the story
        ("Off the wire\nDrama show opens  • Turkey migration deal adopted  • Cambodia, Laos hold a football match  \n\nSIPO and EPO Meet\n\nChina and the EPO met in Beijing.", {"China"}, {"Turkey", "Cambodia", "Laos"}),
    ],
)
def test_countries_named_as_yardsticks_seats_languages_or_tickers_are_not_sides(
    tmp_path: Path, text: str, present: set[str], absent: set[str]
) -> None:
    doc = extract_text(tmp_path, text)
    assert present <= set(doc.countries)
    assert not absent & set(doc.countries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("五局会议召开\n\n第十六次中美欧日韩知识产权五局合作局长系列会议召开。", {"China", "United States", "Japan", "South Korea"}),
        ("台韩签署备忘录\n\n继美、日、西班牙后,台韩昨签署两项备忘录。", {"Taiwan", "South Korea", "United States", "Japan", "Spain"}),
        ("臺以簽署合作\n\n臺以經濟與技術合作會議昨日舉行。", {"Taiwan", "Israel"}),
    ],
)
def test_chinese_one_character_abbreviations_in_runs_and_lists(tmp_path: Path, text: str, expected: set[str]) -> None:
    assert set(extract_text(tmp_path, text).countries) == expected


@pytest.mark.parametrize(
    "text",
    [
        "行政长官梁振英、主席出席会议。",  # a name ending in 英 before 、
        "双方确立了中、长期合作目标。",  # 中、长期: medium and long term
        "会议于5月1日、2日举行。",  # dates
    ],
)
def test_chinese_characters_that_only_look_like_abbreviations(tmp_path: Path, text: str) -> None:
    assert extract_text(tmp_path, "会议消息\n\n" + text).countries == ()


@pytest.mark.parametrize(
    ("later", "countries"),
    [
        ("The office also signed PPH pilots with the offices of Korea and Japan.", {"South Korea", "Japan"}),
        ("The EPO concluded partnership agreements with the offices of Chile and Ukraine.", {"Chile", "Ukraine"}),
        ("An agreement with Peru on searches is near.", {"Peru"}),
        ("Heads of office were in attendance, including those from Laos and Malaysia.", {"Laos", "Malaysia"}),
        ("He welcomed Timor Leste's participation as an observer.", {"Timor-Leste"}),
        ("Brunei, Cambodia and Thailand are its dialogue partners.", {"Brunei", "Cambodia", "Thailand"}),
        ("Poland and Hungary are members of GATT.", set()),  # belonging to a body is not taking part in this story
        ("会上,来自柬埔寨、老挝等国知识产权部门的代表交换了意见。", {"Cambodia", "Laos"}),
        ("此外,處長與印度、菲律賓海關關長分別舉行雙邊會議。", {"India", "Philippines"}),
        ("The Swiss-registered federation has members worldwide.", set()),  # someone else's seat
        ("A similar pilot runs in Brazil.", set()),  # still: once, in passing
    ],
)
def test_countries_in_a_sentence_about_who_signed_met_or_belongs_are_sides(
    tmp_path: Path, later: str, countries: set[str]
) -> None:
    text = f"Offices Meet in Geneva\n\nGeneva, 3 May 2021 -- Heads of IP offices met at WIPO.\n\nThe talks covered fees. {later}\n"
    assert set(extract_text(tmp_path, text).countries) == {"Switzerland"} | countries


def test_regions_name_their_members_by_canonical_country_names() -> None:
    """Every member of a region in data/country_overrides.json is a country the lexicon knows by
    that very name (a misspelt member would silently match nothing)."""
    import json

    from ipsearch.regions import region_members
    from ipsearch.lexicon import default_lexicon

    regions = json.loads((Path(__file__).resolve().parents[1] / "ipsearch" / "data" / "country_overrides.json").read_text(encoding="utf-8"))["regions"]
    lexicon = default_lexicon()
    members = [m for name, r in regions.items() if not name.startswith("_") for m in r["members"]]
    assert members and all(lexicon.canonical("countries", m) == m for m in members)
    assert region_members("中國與中亞國家合作") == region_members("Central Asian states") != []
    assert region_members("North-Central Asia seminar") == []  # part of a longer name


def test_a_yardstick_clause_is_skipped_in_any_case() -> None:
    """The yardstick clauses are found case-insensitively, in ASCII text through its lower-cased
    copy (a speed path) and in other text through the case-insensitive pattern: both skip the same."""
    from ipsearch.extract.countries import _skipped_spans

    for text in ("Exports rose, SECOND ONLY TO Japan.\n", "Exports rose, Second only to Japan.\n",
                 "Exports rose — second only to Japan.\n"):
        spans = _skipped_spans(text)
        assert len(spans) == 1, text
        start, end = spans[0]
        assert text[start:end].strip() == "Japan", text
