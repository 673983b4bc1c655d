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
