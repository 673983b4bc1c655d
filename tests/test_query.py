"""Step 5: user text, filters and dates -> a Whoosh query."""

from __future__ import annotations

import pytest

from ipsearch.errors import QueryError
from ipsearch.query import filter_query, parse, parse_date
from ipsearch.schema import build_schema

SCHEMA = build_schema()


def test_empty_text_matches_everything() -> None:
    assert parse("   ", SCHEMA).is_match_all


def test_words_are_or_ed_across_text_fields() -> None:
    q = str(parse("Kazakhstan memorandum", SCHEMA).query)
    assert " OR " in q and "title:kazakhstan" in q and "body:memorandum" in q


def test_a_query_of_only_operators_is_an_error() -> None:
    with pytest.raises(QueryError, match="no searchable words"):
        parse("AND", SCHEMA)


def test_unknown_filter_field_names_the_valid_ones() -> None:
    with pytest.raises(QueryError, match="unknown filter field 'colour'.*countries"):
        filter_query({"colour": ["red"]}, None, None)


def test_filter_values_of_one_field_or_and_fields_and() -> None:
    q = str(filter_query({"countries": ["Kazakhstan", "Russia"], "year": ["2019"]}, None, None))
    assert q.startswith("(") and "countries:kazakhstan OR countries:russia" in q and "AND year:2019" in q


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2019", False, 20190101), ("2019", True, 20191231), ("2019-02", True, 20190228), ("2020-02", True, 20200229),
     ("2019-12-03", False, 20191203)],
)
def test_partial_dates_cover_their_span(value: str, end: bool, expected: int) -> None:
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("bad", ["yesterday", "2019-13", "2019-02-30", "19"])
def test_bad_dates_are_usage_errors(bad: str) -> None:
    with pytest.raises(QueryError):
        parse_date(bad, end=False)


def test_reversed_range_is_an_error() -> None:
    with pytest.raises(QueryError, match="after"):
        filter_query(None, "2023", "2019")
