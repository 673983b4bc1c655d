"""Source: "Source:" lines, translation notes, agency datelines."""

from __future__ import annotations

import pytest

from ipsearch.extract import Document
from ipsearch.extract.source import extract_source, resolve_source
from ipsearch.lexicon import default_lexicon

from .conftest import KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA
from .extracting import docs  # noqa: F401 (docs: a fixture)


@pytest.mark.parametrize(
    ("text", "source", "translated"),
    [
        ("Body.\nSource: SIPO\n", "SIPO", None),
        ("Body. (Translated from CNIPA Website Chinese Version)", "CNIPA", "Chinese"),
        ("Body. (Translated from EAPO Website Russian Version)", "EAPO", "Russian"),
        ("正文。\n来源：国家知识产权局  作者：张三\n", "国家知识产权局", None),
        ("Title\n\nHARARE, May 16, 2022 (Xinhua) -- The office ...", "Xinhua", None),
        ("Title\nUpdated: 2023-04-28 | Source: China IP News | Views: 12\n", "China IP News", None),
    ],
)
def test_source_forms(text: str, source: str, translated: str | None) -> None:
    assert extract_source(text) == (source, translated)


@pytest.mark.parametrize(
    ("written", "resolved"),
    [
        ("SIPO", "CNIPA"),
        ("国家知识产权局", "CNIPA"),
        ("國家知識產權局網站", "CNIPA"),
        ("State Intellectual Property Office website", "CNIPA"),
        ("EAPO", "EAPO"),
        ("Xinhua", "Xinhua"),  # an agency the lexicon does not know keeps its words
        ("China IP News", "China IP News"),  # names the country China, but is not it
        ("中国知识产权报", "China IP News"),  # the lexicon knows the paper
        (None, None),
    ],
)
def test_a_source_that_names_an_office_resolves_to_it(written: str | None, resolved: str | None) -> None:
    assert resolve_source(written, default_lexicon()) == resolved


def test_sources_and_translation_notes(docs: dict[str, Document]) -> None:
    assert docs[KAZAKHSTAN_VISIT].source == "CNIPA"  # written "SIPO"
    assert docs[KIPO_MEETING].source == "CNIPA"
    assert docs[KIPO_MEETING].translated_from == "Chinese"
    assert docs[MONGOLIA_RUSSIA].source == "CNIPA"
