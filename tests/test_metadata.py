"""Step 2: decoded text -> Document (title, date, source, entities, events, language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsearch.corpus import SourceFile, discover, read_source
from ipsearch.metadata import Document, detect_language, extract, extract_date, extract_title, find_dates

from .conftest import CAS_PROTOCOL, CENTRAL_ASIA, DOCS_CORPUS, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {f.doc_id: extract(read_source(f)) for f in discover(DOCS_CORPUS) if isinstance(f, SourceFile)}


def test_titles_skip_page_chrome(docs: dict[str, Document]) -> None:
    assert docs[KAZAKHSTAN_VISIT].title == "Shen Changyu Leads a Delegation to Visit Kazakhstan"
    assert docs[CENTRAL_ASIA].title.startswith("Joint Statement of the First China-Central Asia")
    assert docs[KIPO_MEETING].title == "Shen Changyu Attending the 25th CNIPA-KIPO Heads Meeting"


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
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert find_dates(text)[0].iso == iso


def test_updated_line_is_month_day_year() -> None:
    found = extract_date("Title\nUpdated: 8 03,2023\n\nOn July 24, 2023, ...", "Title")
    assert found is not None and found.iso == "2023-08-03"


def test_sources_and_translation_notes(docs: dict[str, Document]) -> None:
    assert docs[KAZAKHSTAN_VISIT].source == "SIPO"
    assert docs[KIPO_MEETING].source == "CNIPA"
    assert docs[KIPO_MEETING].translated_from == "Chinese"
    assert docs[MONGOLIA_RUSSIA].source == "SIPO"


def test_entities_are_canonical(docs: dict[str, Document]) -> None:
    kaz = docs[KAZAKHSTAN_VISIT]
    assert set(kaz.countries) == {"China", "Kazakhstan"}
    assert "CNIPA" in kaz.organizations  # "SIPO" in the text
    assert "Shen Changyu" in kaz.people
    kipo = docs[KIPO_MEETING]
    assert {"CNIPA", "KIPO"} <= set(kipo.organizations)
    assert "South Korea" in kipo.countries
    assert "Kobe" in kipo.places
    assert "Park Won-joo" in kipo.people
    assert "Central Asia" not in docs[CENTRAL_ASIA].countries


def test_people_titles_are_stripped(docs: dict[str, Document]) -> None:
    people = docs[CENTRAL_ASIA].people
    assert "Sholpan Abdreyeva" in people  # "Ms. Sholpan Abdreyeva"
    assert not any(p.startswith(("Ms", "Mr", "Dr")) for p in people)


def test_event_types(docs: dict[str, Document]) -> None:
    assert "mou_signing" in docs[KAZAKHSTAN_VISIT].event_types
    assert "visit" in docs[KAZAKHSTAN_VISIT].event_types
    assert "statement" in docs[CENTRAL_ASIA].event_types
    assert "seminar_or_conference" in docs[MONGOLIA_RUSSIA].event_types
    assert "meeting" in docs[KIPO_MEETING].event_types


def test_language_detection() -> None:
    assert detect_language("The delegation visited Kazakhstan.") == "en"
    assert detect_language("国家知识产权局局长申长雨会见哈萨克斯坦司法部副部长") == "zh"
    assert detect_language("CNIPA and KIPO held talks in Kobe. 国家知识产权局与韩国知识产权局举行局长会谈，双方签署了会谈纪要。") == "mixed"


def test_title_of_chinese_text_with_chrome() -> None:
    lines = ["当前位置：首页 > 新闻", "字号：大 中 小", "", "申长雨会见哈萨克斯坦司法部副部长", "发布时间：2023-04-28"]
    assert extract_title(lines) == "申长雨会见哈萨克斯坦司法部副部长"


def test_extract_from_a_chinese_file(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_text("申长雨会见哈萨克斯坦司法部副部长\n发布时间：2023-04-28\n\n国家知识产权局局长申长雨在北京会见哈萨克斯坦代表团，双方签署合作备忘录。\n", encoding="utf-8")
    doc = extract(read_source(next(f for f in discover(tmp_path) if isinstance(f, SourceFile))))
    assert doc.date == "2023-04-28" and doc.year == 2023
    assert doc.language == "zh"
    assert "Kazakhstan" in doc.countries and "CNIPA" in doc.organizations
    assert "Shen Changyu" in doc.people and "Beijing" in doc.places
    assert "mou_signing" in doc.event_types
