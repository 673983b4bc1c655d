"""Hardening, step 2: odd queries either run as the words they contain or fail with one
line on stderr and exit code 2; never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipsearch.cli import main
from ipsearch.errors import QueryError, UsageError
from ipsearch.query import MAX_QUERY_CHARS, check_query, parse
from ipsearch.schema import build_schema
from whoosh import query as wq

from .conftest import DOCS_CORPUS, KAZAKHSTAN_VISIT

# query -> the words it runs as (checked against the parsed query)
RUN_AS_WORDS = {
    '"heads meeting': ["head", "meet"],  # unbalanced quote
    "(EPO OR JPO": ["epo", "jpo"],  # unbalanced parentheses
    "EPO OR JPO)": ["epo", "jpo"],
    "Note: memorandum signed": ["note", "memorandum", "sign"],  # prose with a colon
    "10:30 Kazakhstan": ["10", "30", "kazakhstan"],
    "http://cnipa.gov.cn": ["cnipa"],
    "Kazakhstan\x00\x07 memorandum\x1b": ["kazakhstan", "memorandum"],  # control characters
    "Kazakhstan\u200b": ["kazakhstan"],  # invisible format character
    "memorand*": ["memorand*"],  # a trailing wildcard is fine
    "year:[2019 TO 2023]": ["year:[2019 TO 2023]"],
    "来源:新华社": ["来源"],  # a colon in Chinese prose is not a field
    "countries:kazakhstan": ["countries:kazakhstan"],
    "title:(visit delegation)": ["title:visit", "title:deleg"],  # a group scoped to one field
    "title:(Kazakhstan) (2019)": ["title:kazakhstan", "body:2019"],
}

# query -> a piece of the one-line message
REFUSED = {
    "title:": "'title:' needs a value right after the colon, e.g. title:kazakhstan",
    "countries: Russia": "'countries:' needs a value",
    # a field whose value is only syntax would search the field's own name ("titl") and find nothing
    "title:(": "'title:' needs a value right after the colon, e.g. title:kazakhstan",
    "title:()": "'title:' needs a value",
    "title:)": "'title:' needs a value",
    'title:""': "'title:' needs a value",
    'places:"': "'places:' needs a value",
    "countries:(kazakhstan": "'countries:' needs a value",  # an unbalanced group is no value either
    "(EPO OR title:)": "'title:' needs a value",
    "title:(the)": "no searchable words",
    "colour:red": "unknown field 'colour' in the query; use one of: title, body",
    "Title:kazakhstan": "field names are lower case: title:",
    "path:/etc": "unknown field 'path'",
    "date:2019": "'date:' cannot be searched; filter dates with --since and --until",
    "year:[2019 TO": "'year:[2019' is not a complete range",
    "year:[2019 2021]": "'year:[2019 2021]' is not a range; write year:[FROM TO UNTIL]",
    "year:>2019": "'year:>2019' is not a complete range",
    "*stan": "'*stan' starts with a wildcard, which would scan every indexed word",
    "?azakh*": "'?azakh*' starts with a wildcard",
    "memorandum *": "'*' starts with a wildcard",
    "title:*": "'*' starts with a wildcard",
    "AND": "no searchable words",
    "the of and": "no searchable words",
    "()": "no searchable words",
    '""': "no searchable words",
    "\x07\x1b": "no searchable words (only control or invisible characters)",
    "\ud800": "no searchable words",
}


def _looks_up(q: wq.Query) -> set[str]:
    """What a parsed query looks up, leaf by leaf: ``field:text``, ``field:prefix*`` or a range."""
    found = set()
    for leaf in q.leaves():
        if isinstance(leaf, wq.TermRange):
            found.add(f"{leaf.field()}:[{leaf.start} TO {leaf.end}]")
        elif isinstance(leaf, wq.Prefix):
            found.add(f"{leaf.field()}:{leaf.text}*")
        elif isinstance(leaf, wq.Phrase):  # a name the lexicon knows, looked up whole (新华社)
            found.add(f'{leaf.field()}:"{" ".join(leaf.words)}"')
        else:
            found.add(f"{leaf.field()}:{leaf.text}")
    return found


@pytest.mark.parametrize("query", list(RUN_AS_WORDS))
def test_odd_queries_that_run_as_their_words(ix, query: str) -> None:
    """A bare word is looked up in the title and the body; a scoped one in its field only."""
    parsed = parse(query, build_schema()).query
    looked_up = _looks_up(parsed)
    for word in RUN_AS_WORDS[query]:
        wanted = {word} if ":" in word else {f"title:{word}", f"body:{word}"}
        assert wanted <= looked_up, looked_up
    results = ix.search(query, autocorrect=False, translate=False)  # translation adds words: tests/test_translate.py
    assert results.parsed_query == str(parsed)  # the search ran that query


@pytest.mark.parametrize("query", list(REFUSED))
def test_odd_queries_that_are_refused_with_a_clear_message(ix, query: str) -> None:
    with pytest.raises(QueryError) as err:
        ix.search(query)
    assert REFUSED[query] in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("query", list(REFUSED)[:12])
def test_refused_queries_exit_2_with_one_line(default_index: Path, query: str) -> None:
    result = CliRunner().invoke(main, ["search", "--index-dir", str(default_index), "--", query])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and REFUSED[query] in lines[0]


@pytest.mark.parametrize("query", ["title:(", "title:()", 'title:""', "countries:("])
def test_a_field_with_only_syntax_as_its_value_exits_2(default_index: Path, query: str) -> None:
    result = CliRunner().invoke(main, ["search", "--index-dir", str(default_index), "--json", "--", query])
    assert result.exit_code == 2 and result.stdout == ""
    name = query.split(":")[0]
    assert result.stderr.strip() == f"Error: '{name}:' needs a value right after the colon, e.g. {name}:kazakhstan"


def test_a_lone_star_lists_everything(ix) -> None:
    assert ix.search("*").total == ix.search("").total == 5
    assert check_query("  *  ") == ""


def test_a_pasted_article_of_5000_characters_runs(ix) -> None:
    text = (DOCS_CORPUS / KAZAKHSTAN_VISIT).read_text()
    query = (text * 3)[:5000]
    assert len(query) == 5000
    assert ix.search(query).hits[0].id == KAZAKHSTAN_VISIT


def test_queries_over_the_length_limit_are_refused(ix) -> None:
    with pytest.raises(QueryError, match=f"the query is {MAX_QUERY_CHARS + 1:,} characters long"):
        ix.search("a" * (MAX_QUERY_CHARS + 1))


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--since", "2019-13"], "not a valid date"), (["--since", "2019-02-30"], "not a valid date"),
     (["--since", "yesterday"], "not a date"), (["--since", "2023", "--until", "2019"], "is after --until"),
     (["--until", "0000"], "not a valid date")],
)
def test_broken_date_ranges_exit_2(default_index: Path, option: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["search", "Kazakhstan", *option, "--index-dir", str(default_index)])
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- properties


QUERY_PIECES = st.sampled_from(
    ["Kazakhstan", "memorand*", "*", "?", ":", "title:", "year:", "colour:", '"', "(", ")", "[", "]", "{", "}",
     " TO ", " AND ", " OR ", " NOT ", "^2", "~", "-", "+", "\\", "/", "知识产权", "申长雨", "\x00", "\x1b", "\u200b",
     "\ud800", "\udce9", " ", "2019", "<", ">", "=", "'", "’", "é"]
)
QUERIES = st.one_of(st.text(max_size=40), st.lists(QUERY_PIECES, max_size=12).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES, st.one_of(st.none(), st.text(max_size=12)), st.dictionaries(st.text(max_size=10), st.lists(st.text(max_size=8), max_size=2), max_size=2))
def test_random_queries_through_the_library_raise_only_documented_errors(ix, query: str, since: str | None,
                                                                        filters: dict[str, list[str]]) -> None:
    try:
        results = ix.search(query, since=since, filters=filters, facets=["countries"])
    except UsageError as exc:  # QueryError is a UsageError: both are documented, exit code 2
        assert "\n" not in str(exc)
        return
    assert results.total >= len(results.hits)
    json.dumps(results.to_dict(), ensure_ascii=False).encode("utf-8")


@settings(max_examples=120, deadline=None)
@given(query=QUERIES)
def test_random_queries_through_the_cli_exit_0_or_2_with_one_line(default_index: Path, query: str) -> None:
    result = CliRunner().invoke(main, ["search", "--index-dir", str(default_index), "--json", "--", query])
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ")


# ---------------------------------------------------------------- one rule for costly or empty shapes (#14)


def test_deep_nesting_is_a_query_error_that_does_not_echo_the_query(default_index) -> None:  # type: ignore[no-untyped-def]
    import ipsearch
    from click.testing import CliRunner

    from ipsearch.cli import main

    deep = "(Kazakhstan AND NOT " * 150 + "Russia" + ")" * 150
    with ipsearch.open_index(default_index) as ix:
        with pytest.raises(QueryError, match="nests parentheses 150 deep"):
            ix.search(deep)
        assert ix.search("(Kazakhstan AND NOT " * 5 + "Russia" + ")" * 5).total > 0  # a normal nesting works
    result = CliRunner().invoke(main, ["search", deep, "--index-dir", str(default_index)])
    assert result.exit_code == 2 and "damaged" not in result.stderr and len(result.stderr) < 300, result.stderr


def test_wildcards_that_expand_to_too_many_words_are_refused(default_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import itertools
    import string

    import ipsearch
    from ipsearch import query

    flood = " ".join(a + b + "*" for a, b in itertools.product(string.ascii_lowercase, repeat=2))
    with ipsearch.open_index(default_index) as ix:
        everything = ix.search(flood).total
        monkeypatch.setattr(query, "MAX_EXPANDED_WORDS", 50)
        with pytest.raises(QueryError, match="match more than 50 indexed words"):
            ix.search(flood)
        assert everything > 0 and ix.search("kaz*").total > 0  # a prefix of a few words still runs


@pytest.mark.parametrize("text", ["s*", "k?z", "?", '"', "? ?"])
def test_one_letter_wildcards_and_lone_syntax_are_refused_alike(default_index, text: str) -> None:  # type: ignore[no-untyped-def]
    import ipsearch

    with ipsearch.open_index(default_index) as ix:
        with pytest.raises(QueryError):
            ix.search(text)
        assert ix.search("*").total == ix.search("").total > 0
