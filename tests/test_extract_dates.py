"""Dates: date expressions at the precision stated, and the article's own date."""

from __future__ import annotations

import pytest

from ipsearch.extract import Document
from ipsearch.extract.dates import DateMatch, extract_date, find_dates
from ipsearch.extract.layout import lead_text

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
        ("in July 2022 the office", "2022-07"),
        ("On the 3rd of December, 2019", "2019-12-03"),
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
