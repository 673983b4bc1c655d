"""Step 6: the read path through the library API."""

from __future__ import annotations

from collections import Counter

import pytest

import ipsearch
from ipsearch import SearchIndex
from ipsearch.errors import UsageError
from ipsearch.fields import month_of

from .conftest import CAS_PROTOCOL, CENTRAL_ASIA, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA, whoosh_searcher


def test_kazakhstan_memorandum_ranks_the_visit_first(ix: SearchIndex) -> None:
    results = ix.search("Kazakhstan memorandum")
    assert results.hits[0].title == "Shen Changyu Leads a Delegation to Visit Kazakhstan"
    assert results.hits[0].score > results.hits[1].score


def test_snippets_highlight_matched_words(ix: SearchIndex) -> None:
    hit = ix.search("memorandum").hits[0]
    marked = [hit.snippet[s.start : s.end].lower() for s in hit.highlights]
    assert marked and all(m.startswith("memorand") for m in marked)


def test_filter_and_facets_count_all_matches(ix: SearchIndex) -> None:
    results = ix.search(filters={"countries": ["Kazakhstan"]}, facets=["countries", "year"])
    assert {h.id for h in results.hits} == {KAZAKHSTAN_VISIT, CENTRAL_ASIA}
    counts = {f.value: f.count for f in results.facets["countries"]}
    assert counts["China"] == 2 and counts["Kazakhstan"] == 2
    assert {f.value: f.count for f in results.facets["year"]} == {"2023": 1}


def _expected_counts(ix: SearchIndex, name: str) -> Counter[str]:
    """A facet's counts worked out from every hit's own values (the fields listing them)."""
    hits = ix.search("", limit=1000).hits
    if name == "month":
        return Counter(month_of(h.date) for h in hits if month_of(h.date))
    return Counter(v for h in hits for v in getattr(h, name))


def test_facets_count_beyond_the_page(ix: SearchIndex) -> None:
    results = ix.search("", limit=1, facets=["event_types"])
    assert len(results.hits) == 1 and results.total == 5
    counts = {f.value: f.count for f in results.facets["event_types"]}
    assert counts == _expected_counts(ix, "event_types") and sum(counts.values()) > results.total


def test_month_facet_counts_dates_stated_to_the_month(ix: SearchIndex) -> None:
    results = ix.search("", facets=["month"])
    expected = _expected_counts(ix, "month")
    assert expected, "the corpus has articles dated to the day"
    assert {f.value: f.count for f in results.facets["month"]} == expected
    month = next(iter(expected))
    assert {h.date[:7] for h in ix.search(filters={"month": [month]}).hits if h.date} == {month}
    assert ix.search(filters={"month": [month]}).total == expected[month]


def test_facet_sort_by_value_orders_values_and_keeps_counts(ix: SearchIndex) -> None:
    by_count = ix.search("", facets=["countries"]).facets["countries"]
    by_value = ix.search("", facets=["countries"], facet_sort="value").facets["countries"]
    assert [f.value for f in by_value] == sorted(f.value for f in by_value)
    assert [f.count for f in by_count] == sorted((f.count for f in by_count), reverse=True)
    assert set(by_count) == set(by_value)


def test_facet_limit_says_how_many_values_were_left_out(ix: SearchIndex) -> None:
    everything = ix.search("", facets=["countries"], facet_limit=1000)
    distinct = len(everything.facets["countries"])
    assert distinct > 2 and everything.facets_left_out == {}
    cut = ix.search("", facets=["countries"], facet_limit=2)
    assert cut.facets["countries"] == everything.facets["countries"][:2]
    assert cut.facets_left_out == {"countries": distinct - 2}
    none = ix.search("", facets=["countries"], facet_limit=0)
    assert none.facets["countries"] == () and none.facets_left_out == {"countries": distinct}


@pytest.mark.parametrize(("option", "message"), [({"facet_limit": -1}, "facet_limit must be a whole number 0 or more"),
                                                 ({"facet_sort": "size"}, "unknown facet_sort 'size'")])
def test_bad_facet_options_are_refused(ix: SearchIndex, option: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        ix.search("", facets=["countries"], **option)


@pytest.mark.parametrize("value", ["Kazakhstan", "kazakhstan", "哈萨克斯坦", "哈薩克斯坦", "Republic of Kazakhstan"])
def test_filter_values_in_any_form(ix: SearchIndex, value: str) -> None:
    assert {h.id for h in ix.search(filters={"countries": [value]}).hits} == {KAZAKHSTAN_VISIT, CENTRAL_ASIA}


def test_office_aliases_filter_to_the_canonical_office(ix: SearchIndex) -> None:
    sipo = {h.id for h in ix.search(filters={"organizations": ["SIPO"]}, limit=10).hits}
    cnipa = {h.id for h in ix.search(filters={"organizations": ["CNIPA"]}, limit=10).hits}
    assert sipo == cnipa and KIPO_MEETING in sipo


@pytest.mark.parametrize("value", ["CNIPA", "SIPO", "国家知识产权局", "國家知識產權局", "cnipa"])
def test_a_source_filter_in_any_form_finds_the_office_sourced_articles(ix: SearchIndex, value: str) -> None:
    # the corpus writes its sources "Source: SIPO" and "(Translated from CNIPA Website ...)"
    found = {h.id for h in ix.search(filters={"source": [value]}, limit=20).hits}
    assert {KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA} <= found
    assert {h.source for h in ix.search(filters={"source": [value]}, limit=20).hits} == {"CNIPA"}


def test_two_filter_fields_and_together(ix: SearchIndex) -> None:
    hits = ix.search(filters={"countries": ["China", "Russia"], "year": ["2019"]}).hits
    assert [h.id for h in hits] == [KIPO_MEETING]


def test_date_range_uses_stated_dates_only(ix: SearchIndex) -> None:
    assert [h.id for h in ix.search(since="2019-12", until="2019-12").hits] == [KIPO_MEETING]
    assert {h.id for h in ix.search(since="2019").hits} == {KIPO_MEETING, CENTRAL_ASIA}


def test_sort_by_date(ix: SearchIndex) -> None:
    newest = [h.date for h in ix.search(sort="newest").hits]
    assert newest[:2] == ["2023-08-03", "2019-12-03"]
    oldest = [h.date for h in ix.search(sort="oldest").hits]
    assert oldest[:2] == ["2019-12-03", "2023-08-03"]
    assert ix.search(sort="newest").hits[0].score is None


def test_pagination(ix: SearchIndex) -> None:
    pages = [ix.search("", limit=2, page=p) for p in (1, 2, 3, 4)]
    ids = [h.id for r in pages for h in r.hits]
    assert len(ids) == 5 == len(set(ids))
    assert pages[0].pages == 3 and pages[3].hits == ()


def test_field_query_and_phrase(ix: SearchIndex) -> None:
    assert [h.id for h in ix.search('"heads meeting"').hits][0] == KIPO_MEETING
    assert {h.id for h in ix.search("places:vladivostok").hits} == {MONGOLIA_RUSSIA}


def test_a_phrase_with_a_stop_word_inside_matches(ix: SearchIndex) -> None:
    assert [h.id for h in ix.search('"memorandum of understanding"').hits] == [KAZAKHSTAN_VISIT]


def test_not_excludes(ix: SearchIndex) -> None:
    assert ix.search("seminar NOT Russia").total == 0
    ids = {h.id for h in ix.search("delegation NOT Russia").hits}
    assert KAZAKHSTAN_VISIT in ids and MONGOLIA_RUSSIA not in ids


def test_a_pasted_sentence_is_searched_as_words(ix: SearchIndex) -> None:
    results = ix.search("CNIPA-KIPO Heads Meeting (2019): summary")
    assert results.hits[0].id == KIPO_MEETING


def test_plain_words_with_a_filter_and_facets(ix: SearchIndex) -> None:
    results = ix.search("cooperation memorandum", filters={"countries": ["Kazakhstan"]}, facets=["countries"])
    assert [h.id for h in results.hits] == [KAZAKHSTAN_VISIT, CENTRAL_ASIA] and results.total == 2
    assert {f.value: f.count for f in results.facets["countries"]}["Kazakhstan"] == 2


def test_without_snippets_the_ranking_is_the_same(ix: SearchIndex) -> None:
    full = ix.search("Shen Changyu delegation")
    bare = ix.search("Shen Changyu delegation", snippets=False)
    assert [(h.id, h.score) for h in bare.hits] == [(h.id, h.score) for h in full.hits]
    assert all(h.snippet == "" and h.highlights == () for h in bare.hits) and full.hits[0].snippet


def test_chinese_name_finds_english_articles(ix: SearchIndex) -> None:
    ids = {h.id for h in ix.search("申长雨").hits}
    assert {KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA} <= ids and CAS_PROTOCOL not in ids


def test_get_and_stats(ix: SearchIndex) -> None:
    doc = ix.get(KIPO_MEETING)
    assert doc.body and "Park Won-joo" in doc.body and doc.date == "2019-12-03"
    with pytest.raises(ipsearch.DocumentNotFoundError):
        ix.get("nope.txt")
    stats = ix.stats()
    assert stats.documents == 5 and stats.languages == {"en": 5}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"sort": "random"}, "unknown sort"), ({"limit": 0}, "limit"), ({"page": 0}, "page"), ({"facets": ["colour"]}, "unknown facet")],
)
def test_bad_arguments_are_usage_errors(ix: SearchIndex, kwargs: dict, message: str) -> None:
    with pytest.raises(ipsearch.UsageError, match=message):
        ix.search("x", **kwargs)


def test_open_missing_index(tmp_path) -> None:
    with pytest.raises(ipsearch.IndexNotFoundError, match="ipsearch index"):
        ipsearch.open_index(tmp_path / "none")


def test_a_searcher_sees_later_commits(corpus_copy, tmp_path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.search("Madrid").total == 0
        (corpus_copy / "madrid.txt").write_text("EUIPO hosts CNIPA in Alicante\n\nThe talks in Madrid covered trademarks.\n")
        ipsearch.build_index(corpus_copy, ix_dir)
        assert ix.search("Madrid").total == 1
        ipsearch.build_index(corpus_copy, ix_dir, rebuild=True)
        assert ix.search("Madrid").total == 1


# ------------------------------------------------------------ similar articles


def test_similar_finds_the_article_sharing_place_and_people(ix: SearchIndex) -> None:
    results = ix.similar(KAZAKHSTAN_VISIT)
    ids = [h.id for h in results.hits]
    assert KAZAKHSTAN_VISIT not in ids
    assert ids[0] == CENTRAL_ASIA  # both: Kazakhstan's Ministry of Justice, Shen Changyu
    assert results.total == len(ids) == 4
    assert all(a.score >= b.score for a, b in zip(results.hits, results.hits[1:]))
    assert "kazakhstan" in results.parsed_query and results.query == KAZAKHSTAN_VISIT


def test_similar_respects_limit_and_rejects_unknown_ids(ix: SearchIndex) -> None:
    assert len(ix.similar(KIPO_MEETING, limit=2).hits) == 2
    with pytest.raises(ipsearch.DocumentNotFoundError):
        ix.similar("nope.txt")
    with pytest.raises(ipsearch.UsageError, match="limit"):
        ix.similar(KIPO_MEETING, limit=0)


# ------------------------------------------------------------ explain


def _parts(explanation: str) -> dict[str, float]:
    parts = {}
    for line in explanation.splitlines()[1:]:
        score, term = line.split()[:2]
        parts[term] = float(score)
    return parts


def test_explain_splits_each_score_into_term_contributions(ix: SearchIndex) -> None:
    results = ix.search("Kazakhstan memorandum", explain=True)
    top = results.hits[0]
    assert top.explanation.startswith(f"score {top.score:.2f} = sum of:")
    parts = _parts(top.explanation)
    assert {"title:kazakhstan^0.25", "body:memorandum", "body:kazakhstan"} <= set(parts)
    assert sum(parts.values()) == pytest.approx(top.score, abs=0.01 * len(parts))
    assert "19× in" in top.explanation  # the visit names Kazakhstan 19 times
    for hit in ix.search("Shen Changyu memorandum seminar", explain=True).hits:  # every hit, not only the first
        assert sum(_parts(hit.explanation).values()) == pytest.approx(hit.score, abs=0.05)
    assert ix.search("Kazakhstan memorandum").hits[0].explanation is None


def test_explain_leaves_out_excluded_words(ix: SearchIndex) -> None:
    hit = ix.search("seminar AND NOT Kazakhstan", explain=True).hits[0]
    assert hit.id == MONGOLIA_RUSSIA
    parts = _parts(hit.explanation)
    assert "NOT" in parts and "body:seminar" in parts and not any(k.startswith("body:kazakhstan") for k in parts)
    assert sum(parts.values()) == pytest.approx(hit.score, abs=0.05)
    assert "query structure" not in hit.explanation


def test_explain_similar(ix: SearchIndex) -> None:
    hit = ix.similar(KAZAKHSTAN_VISIT, limit=1, explain=True).hits[0]
    assert "entities:kazakhstan" in hit.explanation


# ---------------------------------------------------------------- fast paths agree with Whoosh's own


def test_a_new_search_process_loads_neither_nltk_nor_the_extraction_rules(default_index) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    code = (
        "import sys, ipsearch\n"
        "with ipsearch.open_index(sys.argv[1]) as ix:\n"
        "    r = ix.search('Delegation visited Kazakhstan memorandum', facets=['countries'])\n"
        "rules = [m for m in sys.modules if m.startswith('ipsearch.extract.') and m != 'ipsearch.extract.document']\n"
        "print(r.total, bool(r.hits[0].snippet), 'nltk' in sys.modules, bool(rules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(default_index)], capture_output=True, text=True, check=True)
    total, snippet, nltk_loaded, rules_loaded = out.stdout.split()
    assert int(total) >= 2 and snippet == "True"
    assert (nltk_loaded, rules_loaded) == ("False", "False")


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Same-day and undated articles over several segments, some with deleted documents."""
    from .conftest import write_news_corpus

    root = tmp_path_factory.mktemp("dated")
    corpus = write_news_corpus(root / "corpus", count=48)
    for i in range(6):
        (corpus / f"same-day-{i}.txt").write_text(f"Seminar {i} in Geneva\n2021-05-04\n\nA patent seminar in Geneva.\n")
        (corpus / f"undated-{i}.txt").write_text(f"Undated seminar {i}\n\nA patent seminar without a date.\n")
        (corpus / f"month-{i}.txt").write_text(f"Seminar in May {i}\nMay 2021\n\nA patent seminar dated by month.\n")
    ipsearch.build_index(corpus, root / "ix", batch_size=15)
    for name in ("n003", "n020", "n041"):
        (corpus / f"{name}.txt").write_text(f"CNIPA seminar {name}\n2019-02-02\n\nA revised patent seminar text.\n")
    ipsearch.build_index(corpus, root / "ix", batch_size=15)
    return root / "ix"


def test_date_sorts_order_as_whooshs_date_column_sort(dated_index) -> None:  # type: ignore[no-untyped-def]
    """Pages sorted by date come from a per-searcher date table; Whoosh's own sort is the reference
    (document order breaks a tie, undated articles come last either way)."""
    from whoosh import sorting

    from ipsearch.query import parse
    from ipsearch.schema import NO_DATE, OPEN_END

    newest = sorting.FieldFacet("date_start", reverse=True)
    oldest = sorting.TranslateFacet(lambda v: OPEN_END if v == NO_DATE else v, sorting.FieldFacet("date_start"))
    with ipsearch.open_index(dated_index) as ix, whoosh_searcher(dated_index) as s:
        assert any(leaf.has_deletions() for leaf, _ in s.reader().leaf_readers())
        for text in ("", "patent seminar", "Geneva"):
            q = parse(text, s.schema).query
            for sort, facet in (("newest", newest), ("oldest", oldest)):
                expected = [s.stored_fields(hit.docnum)["id"] for hit in s.search(q, limit=None, sortedby=facet)]
                for page in (1, 2, 3):
                    got = [hit.id for hit in ix.search(text, sort=sort, limit=8, page=page, snippets=False).hits]
                    assert got == expected[(page - 1) * 8 : page * 8], (text, sort, page)


@pytest.mark.parametrize(
    ("since", "until"),
    [("2021-05", "2021-05"), ("2021-05-04", None), (None, "2019"), ("2019", "2021-05-03"), ("2021-05-05", "2021-05-31"),
     ("2023-12-31", None), ("1990", "2000")],
)
def test_date_filters_from_the_columns_admit_what_whooshs_ranges_admit(dated_index, since, until) -> None:  # type: ignore[no-untyped-def]
    from ipsearch.query import filter_query, parse

    with ipsearch.open_index(dated_index) as ix, whoosh_searcher(dated_index) as s:
        for filters in ({}, {"year": ["2021"]}):
            fq = filter_query(filters, since, until)
            admitted = {h.id for h in ix.search("", filters=filters, since=since, until=until, limit=1000).hits}
            assert admitted == {s.stored_fields(d)["id"] for d in s.docs_for_query(fq)}
        in_range = frozenset(s.docs_for_query(filter_query({}, since, until)))
        seminars = frozenset(s.docs_for_query(parse("seminar", s.schema).query))
        assert ix.search("seminar", since=since, until=until).total == len(in_range & seminars)


def test_lower_case_queries_on_an_english_archive_need_no_name_tables(ix: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipsearch import query

    def no_tables() -> None:
        raise AssertionError("the name tables were loaded")

    monkeypatch.setattr(query, "active_lexicon", no_tables)
    hit = ix.search("kazakhstan memorandum").hits[0]
    assert hit.id == KAZAKHSTAN_VISIT and [hit.snippet[s.start : s.end].lower() for s in hit.highlights][:1] in (
        ["kazakhstan"], ["memorandum"])


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [("organizations:SIPO", "organizations", "SIPO"), ("countries:韓國", "countries", "韓國"),
     ("countries:korea", "countries", "korea"), ("people:申长雨", "people", "申长雨"),
     ('countries:"South Korea"', "countries", "South Korea")],
)
def test_a_field_in_the_query_matches_what_the_same_filter_matches(ix: SearchIndex, query: str, field: str,
                                                                     value: str) -> None:
    typed = ix.search(query, limit=50)
    filtered = ix.search("", filters={field: [value]}, limit=50)
    assert filtered.total > 0
    assert sorted(h.id for h in typed.hits) == sorted(h.id for h in filtered.hits)
    assert not typed.corrected and typed.suggestion is None  # SIPO is CNIPA's old name, never KIPO


# ---------------------------------------------------------------- the library's contract with its callers (#14)


def test_a_closed_handle_says_so_and_closing_twice_is_fine(default_index) -> None:  # type: ignore[no-untyped-def]
    index = ipsearch.open_index(default_index)
    index.close()
    index.close()
    for call in (lambda: index.search("Kazakhstan"), lambda: index.get(KAZAKHSTAN_VISIT), index.stats,
                 lambda: index.similar(KAZAKHSTAN_VISIT)):
        with pytest.raises(ipsearch.UsageError, match="this index handle .* is closed"):
            call()


def test_bad_ids_and_paths_are_usage_errors_not_damage(ix: SearchIndex, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for bad in (None, "", "a\0b"):
        with pytest.raises(ipsearch.UsageError, match="document id"):
            ix.get(bad)  # type: ignore[arg-type]
        with pytest.raises(ipsearch.UsageError, match="document id"):
            ix.similar(bad)  # type: ignore[arg-type]
    with pytest.raises(ipsearch.UsageError, match="NUL"):
        ipsearch.open_index(str(tmp_path / "ix\0x"))
    with pytest.raises(ipsearch.UsageError, match="NUL"):
        ipsearch.build_index(str(tmp_path / "corpus\0x"), tmp_path / "ix")
    with pytest.raises(ipsearch.UsageError, match="NUL"):
        ipsearch.build_index(tmp_path, str(tmp_path / "ix\0x"))


def test_a_string_where_a_list_is_expected_is_one_value(ix: SearchIndex) -> None:
    as_list = ix.search("", filters={"countries": ["China"]}, facets=["countries"])
    as_str = ix.search("", filters={"countries": "China"}, facets="countries")  # type: ignore[dict-item,arg-type]
    assert as_list.total > 0 and as_str.total == as_list.total
    assert as_str.facets == as_list.facets and list(as_str.facets) == ["countries"]


@pytest.mark.parametrize("options", [{"page": float("inf")}, {"page": 1.5}, {"limit": True}, {"facet_limit": -1}])
def test_counts_that_are_not_whole_numbers_in_range_are_refused(ix: SearchIndex, options) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ipsearch.UsageError, match="must be a whole number"):
        ix.search("Kazakhstan", facets=["countries"], **options)


def test_the_public_api_shows_its_lazily_loaded_names() -> None:
    import pydoc
    import typing

    from ipsearch.results import FacetSort, Sort

    names = set(dir(ipsearch))
    assert {"build_index", "open_index", "SearchIndex", "IndexWriteError"} <= names
    assert set(ipsearch.__all__) <= names
    page = pydoc.render_doc(ipsearch, renderer=pydoc.plaintext)
    assert "build_index(" in page and "open_index(" in page and "class SearchIndex" in page
    hints = typing.get_type_hints(SearchIndex.search)
    assert hints["sort"] == Sort and hints["facet_sort"] == FacetSort
    assert ipsearch.SearchHit.__doc__ and ipsearch.SearchResults.__doc__ and "dataclass" not in ipsearch.SearchHit.__doc__
