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


# ---------------------------------------------------------------- hostile text (issue #14, items 4 and 5)

import csv
import io
import re

from ipsearch.render import CSV_COLUMNS, clean, document, index_report, stats, tokens
from ipsearch.results import AnalyzedToken, IndexReport, IndexStats, SkippedFile

#: Terminal controls an article or a file name could carry: set the title, clear the screen,
#: write the clipboard (OSC 52), an 8-bit CSI, a bell.
HOSTILE = ["\x1b]0;owned\x07", "\x1b[2J", "\x1b]52;c;ZWNobyBvd25lZA==\x07", "\x9b31m", "\x07"]
_OUR_STYLES = re.compile(r"\x1b\[[0-9;]*m")


def _hostile_results() -> SearchResults:
    bad = "".join(HOSTILE)
    hit = SearchHit(id=f"a{bad}.txt", path=f"/x/a{bad}.txt", title=f"CNIPA{bad} meets KIPO", date="2019-12-03",
                    year=2019, score=3.5, snippet=f"the heads{bad} meeting in Kobe", highlights=(Span(10, 15),),
                    source=f"Xinhua{bad}", countries=(f"China{bad}",), people=(f"Shen{bad}",),
                    body=f"line one{bad}\n\tline two")
    return SearchResults(query=f"meeting{bad}", total=1, page=1, limit=10, hits=(hit,),
                         facets={"countries": (FacetCount(f"China{bad}", 1),)}, suggestion=f"meet{bad}",
                         parsed_query=f"body:meet{bad}")


def _controls(text: str, keep: str = "\n") -> set[str]:
    return {c for c in _OUR_STYLES.sub("", text) if (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) and c not in keep}


def test_clean_escapes_every_control_character_visibly() -> None:
    assert clean("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert clean("name\nforged line") == "name\\x0aforged line"
    assert clean("one\n\ttwo\x07", multiline=True) == "one\n\ttwo\\x07"
    assert clean("申长雨 Genève") == "申长雨 Genève"


def test_text_output_never_prints_control_characters_from_data() -> None:
    results = _hostile_results()
    for color in (False, True):
        text = search_results(results, color=color, explain=True)
        assert not _controls(text), text
        assert "owned" in text  # shown, not dropped: the reader sees what the data holds
    shown = document(results.hits[0], color=True)
    assert not _controls(shown, keep="\n\t") and "line one" in shown and "\n\tline two" in shown


def test_a_file_name_with_a_newline_cannot_forge_a_report_line() -> None:
    report = IndexReport(index_dir="/i\x1b[2J", corpus_dir="/c", added=("a",),
                         skipped=(SkippedFile("evil\n0 added, 0 skipped", "not text\x07"),), documents=1)
    text = index_report(report)
    assert len(text.splitlines()) == 3 and not _controls(text)
    st = IndexStats(index_dir="/i\x1b]0;t\x07", documents=1, schema_version=5, size_bytes=2048, segments=1,
                    fields=("id",), facets={"countries": 1}, languages={"en\x1b[2J": 1}, last_modified=None)
    assert not _controls(stats(st)) and not _controls(tokens([AnalyzedToken("x\x1b[2J", 0, 0, 1)]))


def test_csv_cells_that_would_run_as_formulas_are_text() -> None:
    hit = SearchHit(id="=1+1.txt", path="/x/=1+1.txt", title='=HYPERLINK("http://x.example","click")', date=None,
                    year=None, score=1.0, snippet="", source="@SUM(A1)", countries=("-2+3",), people=("+cmd",))
    results = SearchResults(query="x", total=1, page=1, limit=10, hits=(hit,))
    rows = list(csv.DictReader(io.StringIO(search_results(results, "csv"))))
    row = rows[0]
    assert tuple(row) == CSV_COLUMNS
    assert row["id"] == "'=1+1.txt" and row["title"].startswith("'=HYPERLINK(")
    assert row["source"] == "'@SUM(A1)" and row["countries"] == "'-2+3" and row["people"] == "'+cmd"
    assert row["path"] == "/x/=1+1.txt" and row["score"] == "1.0"  # only a leading sign is a formula


def test_text_facets_say_how_many_values_were_left_out() -> None:
    results = SearchResults(query="", total=30, page=1, limit=10, hits=(),
                            facets={"countries": (FacetCount("China", 20),), "year": ()},
                            facets_left_out={"countries": 14, "year": 3})
    lines = search_results(results).splitlines()
    assert "  countries: China (20) and 14 more" in lines and "  year: 3 more" in lines
    data = search_results(results, "json")
    assert '"facets_left_out"' in data and '"countries": 14' in data
