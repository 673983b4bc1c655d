"""Step 3a: the field registry, and everything that derives from it."""

from __future__ import annotations

import dataclasses

import pytest

from ipsearch import fields as reg
from ipsearch.cli import search as search_command
from ipsearch.lexicon import KINDS
from ipsearch.extract import Document
from ipsearch.render import CSV_COLUMNS
from ipsearch.results import SearchHit
from ipsearch.schema import build_schema

#: SearchHit attributes that come from the search, not from a stored field.
SEARCH_ATTRIBUTES = {"score", "snippet", "highlights", "body", "explanation"}

DOC = Document(
    id="a.txt", path="/c/a.txt", title="CNIPA and KIPO meet", body="CNIPA and KIPO meet\n\nThe heads met in Seoul.",
    date="2019-12-05", year=2019, source="Xinhua, Beijing", language="en", people=("Shen Changyu",),
    organizations=("CNIPA", "KIPO"), countries=("China", "South Korea"), places=("Seoul",),
    event_types=("meeting",), encoding="utf-8", content_hash="abc", stamp="1:2",
)


def test_each_field_is_declared_once_with_a_known_kind() -> None:
    names = [f.name for f in reg.FIELDS]
    assert len(names) == len(set(names))
    assert {f.kind for f in reg.FIELDS} <= set(reg.Kind.__args__)  # type: ignore[attr-defined]
    assert all(f.label and f.help for f in reg.FIELDS)


def test_the_schema_has_exactly_the_declared_fields() -> None:
    schema = build_schema()
    assert sorted(schema.names()) == sorted(f.name for f in reg.FIELDS)
    for name in reg.FACET_FIELDS:  # facets count from columns
        assert schema[name].column_type is not None and schema[name].stored
    assert [n for n in reg.TEXT_FIELDS if schema[n].stored] == [f.name for f in reg.FIELDS if f.kind == "text" and f.stored]


def test_hit_fields_are_the_search_hit_attributes() -> None:
    attributes = {f.name for f in dataclasses.fields(SearchHit)} - SEARCH_ATTRIBUTES
    assert {f.name for f in reg.HIT_FIELDS} == attributes


def test_facet_choices_of_the_cli_are_the_registry_facets() -> None:
    facet = next(p for p in search_command.params if p.name == "facets")
    assert tuple(facet.type.choices) == reg.FACET_FIELDS  # type: ignore[attr-defined]


def test_csv_columns_follow_the_registry() -> None:
    assert CSV_COLUMNS == ("rank", *(f.name for f in reg.FIELDS if f.csv), "score")


def test_lexicon_kinds_named_by_fields_exist() -> None:
    named = {kind for f in reg.FIELDS for kind in f.lexicon}
    assert named and named <= set(KINDS)
    assert all(f.filter for f in reg.FIELDS if f.lexicon)


def test_document_to_fields() -> None:
    values = reg.to_fields(DOC)
    assert values["countries"] == "China,South Korea" and values["organizations"] == "CNIPA,KIPO"
    assert values["source"] == "Xinhua  Beijing"  # a comma would split the value in two
    assert values["year"] == "2019" and values["month"] == "2019-12"
    assert (values["date_start"], values["date_end"]) == (20191205, 20191205)
    assert values["fingerprint"] == b"abc|1:2"
    assert "translated_from" not in values  # None: nothing stored
    assert set(values) <= {f.name for f in reg.FIELDS}


def test_hit_values_read_back_what_to_fields_stored() -> None:
    values = reg.to_fields(DOC)
    back = reg.hit_values(values)
    assert back["countries"] == DOC.countries and back["year"] == 2019 and back["date"] == "2019-12-05"
    assert back["translated_from"] is None and back["title"] == DOC.title
    SearchHit(**back, score=None, snippet="")  # every hit field, and nothing else


@pytest.mark.parametrize(
    ("date", "month"),
    [("2019-12-05", "2019-12"), ("2019-12", "2019-12"), ("2019", ""), ("--12-05", ""), (None, "")],
)
def test_month_needs_a_date_stated_to_the_month(date: str | None, month: str) -> None:
    assert reg.month_of(date) == month
    assert reg.to_fields(dataclasses.replace(DOC, date=date))["month"] == month


def test_join_and_split_values_round_trip() -> None:
    assert reg.split_values(reg.join_values(("a b", "c,d", ""))) == ("a b", "c d")
    assert reg.split_values(b"x,y") == ("x", "y") and reg.split_values(None) == ()
