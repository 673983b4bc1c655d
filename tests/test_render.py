"""Step 8: result objects -> text, json, jsonl, csv."""

from __future__ import annotations

from ipsearch.render import highlighted, search_results
from ipsearch.results import FacetCount, SearchHit, SearchResults, Span


def _results() -> SearchResults:
    hit = SearchHit(id="a.txt", path="/x/a.txt", title="CNIPA meets KIPO", date="2019-12-03", year=2019, score=3.5,
                    snippet="the heads meeting in Kobe", highlights=(Span(10, 17),), countries=("China",))
    return SearchResults(query="meeting", total=11, page=1, limit=1, hits=(hit,),
                         facets={"countries": (FacetCount("China", 11),)})


def test_highlight_spans_are_styled_only_with_colour() -> None:
    assert highlighted("the heads meeting", (Span(10, 17),), color=False) == "the heads meeting"
    assert highlighted("the heads meeting", (Span(10, 17),), color=True) == "the heads \x1b[1;33mmeeting\x1b[0m"


def test_text_rendering_shows_pages_and_facets() -> None:
    text = search_results(_results())
    assert text.splitlines()[0] == '11 results for "meeting" (page 1 of 11)'
    assert "2019-12-03" in text and "countries: China (11)" in text


def test_json_rendering_has_highlight_offsets() -> None:
    import json

    data = json.loads(search_results(_results(), "json"))
    assert data["hits"][0]["highlights"] == [[10, 17]] and data["pages"] == 11
