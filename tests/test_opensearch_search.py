"""Searching through the OpenSearch backend: the same library surface and, measured on the
same corpus, the same answers as the embedded index.

One corpus (the seeds in docs_corpus/, the bilingual fixtures, a Reuters sample) is indexed
both ways; every query is run on both and totals, facet counts, date order and top-10
overlap are compared. Runs against the session's real two-node cluster (tests/conftest.py).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import ipsearch
from ipsearch.backends.opensearch import OpenSearchIndex, index_corpus, to_dsl
from ipsearch.schema import date_bounds
from ipsearch.errors import BackendError, DocumentNotFoundError, IndexNotFoundError, UsageError

from . import opensearch_cluster as cluster
from .conftest import DOCS_CORPUS, KAZAKHSTAN_VISIT, ROOT, SHARED

INDEX = "parity"
REUTERS = SHARED / "data" / "reuters21578"
#: Reuters articles added to the parity corpus: enough that ranking has competition.
REUTERS_SAMPLE = 300
FACETS = ["countries", "organizations", "people", "places", "event_types", "year", "language"]

# Queries covering the syntax ipsearch parses: words, phrases, boolean, fields, wildcards,
# cross-language names (English, Simplified, Traditional).
QUERIES = [
    "patent", "patent examination", "Kazakhstan memorandum", '"patent prosecution highway"',
    "trademark AND seminar", "patent NOT trademark", "trade OR tariff", "countries:kazakhstan",
    "title:cooperation", "exam*", "pat?nt", "oil prices", "coffee export quota", "Shen Changyu",
    "申长雨", "商标", "商標", '"审查高速路"', "知识产权 合作", "KIPO", "韩国特许厅", "WIPO Geneva",
    "(patent OR trademark) AND cooperation", "bank rates",
]


def _reuters_sample(dest: Path) -> None:
    spec = importlib.util.spec_from_file_location("ipsearch_bench_speed", ROOT / "bench" / "speed.py")
    assert spec is not None and spec.loader is not None
    speed = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, speed)
    spec.loader.exec_module(speed)
    records = speed.parse_reuters(REUTERS)[:REUTERS_SAMPLE]
    speed.write_corpus(records, dest)


@pytest.fixture(scope="module")
def both(opensearch_cluster: cluster.RunningCluster,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ipsearch.SearchIndex, OpenSearchIndex]]:
    """The parity corpus as an embedded index and as an OpenSearch index, both open."""
    root = tmp_path_factory.mktemp("parity")
    corpus = root / "corpus"
    shutil.copytree(DOCS_CORPUS, corpus)
    shutil.copytree(ROOT / "tests" / "fixtures" / "bilingual" / "docs", corpus / "bilingual")
    if not REUTERS.is_dir():
        cluster.skip_or_fail(f"the Reuters sample needs {REUTERS}")
    _reuters_sample(corpus / "reuters")
    embedded_report = ipsearch.build_index(corpus, root / "index")
    url = f"{opensearch_cluster.url}/{INDEX}"
    report = ipsearch.build_index(corpus, url)
    assert report.documents == embedded_report.documents > REUTERS_SAMPLE
    assert set(report.added) == set(embedded_report.added)
    with ipsearch.open_index(root / "index") as embedded, ipsearch.open_index(url) as remote:
        assert isinstance(remote, OpenSearchIndex)
        yield embedded, remote
    remote._backend._client.indices.delete(index=INDEX, ignore_unavailable=True)


@pytest.mark.parametrize("query", QUERIES)
def test_totals_and_facet_counts_match_the_embedded_index(both, query: str) -> None:
    embedded, remote = both
    want = embedded.search(query, facets=FACETS, facet_limit=1000, autocorrect=False, limit=10)
    got = remote.search(query, facets=FACETS, facet_limit=1000, limit=10)
    assert want.total > 0, "a query that matches nothing compares nothing"
    assert got.total == want.total
    for name in FACETS:
        assert dict((f.value, f.count) for f in got.facets[name]) == \
            dict((f.value, f.count) for f in want.facets[name]), name


def test_ranked_top_ten_overlap_is_at_least_eight_in_ten(both) -> None:
    embedded, remote = both
    overlaps = []
    for query in QUERIES:
        want = [h.id for h in embedded.search(query, autocorrect=False, snippets=False).hits]
        got = [h.id for h in remote.search(query, snippets=False).hits]
        overlaps.append(len(set(want) & set(got)) / max(1, len(want)))
    mean = sum(overlaps) / len(overlaps)
    assert mean >= 0.8, dict(zip(QUERIES, overlaps))
    assert min(overlaps) >= 0.5, dict(zip(QUERIES, overlaps))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorted_pages_follow_the_same_order(both, sort: str) -> None:
    embedded, remote = both
    for query in ("patent", "", "oil"):
        for page in (1, 2, 3):
            want = embedded.search(query, sort=sort, limit=20, page=page, autocorrect=False)
            got = remote.search(query, sort=sort, limit=20, page=page)
            # The sort key: the first day the stated date covers (undated and year-less dates tie at 0).
            assert [date_bounds(h.date)[0] for h in got.hits] == [date_bounds(h.date)[0] for h in want.hits], \
                (query, page)
            assert all(h.score is None for h in got.hits)
    # Equal keys may tie-break differently; the set of documents on each date may not.
    want_all = embedded.search("patent", sort=sort, limit=1000, autocorrect=False)
    got_all = remote.search("patent", sort=sort, limit=1000)
    assert [h.id for h in got_all.hits] != [] and sorted((h.date or "", h.id) for h in got_all.hits) == \
        sorted((h.date or "", h.id) for h in want_all.hits)


def test_filters_and_date_ranges_match(both) -> None:
    embedded, remote = both
    cases = [
        dict(filters={"countries": ["Kazakhstan"]}),
        dict(filters={"countries": ["哈萨克斯坦"]}),  # another script of the same value
        dict(filters={"language": ["zh"]}, since="2015"),
        dict(query="patent", filters={"organizations": ["CNIPA", "KIPO"]}),
        dict(query="oil", since="1987-03-01", until="1987-03-05"),
        dict(since="2018-01", until="2023-12-31"),
    ]
    for case in cases:
        query = case.pop("query", "")
        want = embedded.search(query, limit=1000, autocorrect=False, **case)
        got = remote.search(query, limit=1000, **case)
        assert want.total > 0, case
        assert got.total == want.total and {h.id for h in got.hits} == {h.id for h in want.hits}, case


def test_hits_have_the_embedded_shape_with_snippets(both) -> None:
    embedded, remote = both
    want = embedded.search("Kazakhstan memorandum", autocorrect=False, limit=50)
    got = remote.search("Kazakhstan memorandum", limit=50)
    by_id = {h.id: h for h in want.hits}
    assert got.hits
    for hit in got.hits:
        other = by_id[hit.id]
        assert hit.to_dict().keys() == other.to_dict().keys()
        assert (hit.title, hit.date, hit.countries, hit.people, hit.language) == \
            (other.title, other.date, other.countries, other.people, other.language)
        assert hit.snippet == other.snippet and hit.highlights == other.highlights
        assert hit.score is not None and hit.score > 0
    assert got.to_dict().keys() == want.to_dict().keys()


def test_pages_partition_the_ranked_results(both) -> None:
    _, remote = both
    everything = [h.id for h in remote.search("patent", limit=200).hits]
    paged = [h.id for page in (1, 2, 3) for h in remote.search("patent", limit=5, page=page).hits]
    assert paged == everything[:15]
    past = remote.search("patent", limit=10, page=1000)
    assert past.hits == () and past.total == len(everything)


def test_show_similar_and_stats(both) -> None:
    embedded, remote = both
    doc_id = KAZAKHSTAN_VISIT
    want, got = embedded.get(doc_id, mark="Kazakhstan"), remote.get(doc_id, mark="Kazakhstan")
    assert got.body == want.body and got.highlights == want.highlights and got.highlights
    similar = remote.similar(doc_id, limit=5)
    assert similar.hits and doc_id not in {h.id for h in similar.hits}
    theirs = {h.id for h in embedded.similar(doc_id, limit=5).hits}
    assert theirs & {h.id for h in similar.hits}
    stats, mine = remote.stats(), embedded.stats()
    assert stats.documents == mine.documents and stats.languages == mine.languages
    assert stats.facets == mine.facets
    assert stats.size_bytes > 0 and stats.segments > 0
    with pytest.raises(DocumentNotFoundError):
        remote.get("no-such-article.txt")


def test_errors_are_the_library_errors(opensearch_cluster: cluster.RunningCluster, both) -> None:
    _, remote = both
    with pytest.raises(IndexNotFoundError, match="ipsearch index CORPUS --opensearch"):
        ipsearch.open_index(f"{opensearch_cluster.url}/no-such-index")
    with pytest.raises(UsageError):
        remote.search("patent", sort="sideways")
    with pytest.raises(BackendError, match="unreachable"):
        ipsearch.open_index("http://127.0.0.1:9/ipsearch")


def test_query_walk_covers_the_parsed_syntax() -> None:
    from ipsearch.query import parse
    from ipsearch.schema import build_schema

    schema = build_schema()
    dsl = to_dsl(parse('"patent office" NOT trademark countries:kazakhstan exam*', schema).query)
    text = repr(dsl)
    for part in ("span_near", "must_not", "countries.key", "prefix"):
        assert part in text, part
    assert to_dsl(parse("", schema).query) == {"match_all": {}}


# ---------------------------------------------------------------- sync


def test_sync_reports_added_updated_unchanged_removed_like_the_embedded_index(
        opensearch_cluster: cluster.RunningCluster, corpus_copy: Path, tmp_path: Path) -> None:
    import os

    url = f"{opensearch_cluster.url}/sync-check"
    try:
        first = ipsearch.build_index(corpus_copy, url)
        embedded_dir = tmp_path / "embedded"
        ipsearch.build_index(corpus_copy, embedded_dir)  # synced through the same two states
        assert first.added and first.removed == first.updated == ()
        changed = corpus_copy / KAZAKHSTAN_VISIT
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA later paragraph about examiners.\n",
                           encoding="utf-8")
        gone = sorted(p.name for p in corpus_copy.iterdir() if p.name != KAZAKHSTAN_VISIT)[0]
        (corpus_copy / gone).unlink()
        touched = sorted(p.name for p in corpus_copy.iterdir() if p.name != KAZAKHSTAN_VISIT)[0]
        st = os.stat(corpus_copy / touched)
        os.utime(corpus_copy / touched, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # new stamp, same bytes
        (corpus_copy / "new-article.txt").write_text("KIPO and EPO meet in Munich\n2024-05-06\n\n"
                                                      "KIPO and EPO examiners met in Munich.\n", encoding="utf-8")
        second = ipsearch.build_index(corpus_copy, url)
        mine = ipsearch.build_index(corpus_copy, embedded_dir)
        assert {k: v for k, v in second.to_dict().items() if k not in ("seconds", "index_dir")} == \
            {k: v for k, v in mine.to_dict().items() if k not in ("seconds", "index_dir")}
        assert (second.added, second.updated, second.removed) == (("new-article.txt",), (KAZAKHSTAN_VISIT,), (gone,))
        assert touched in second.unchanged and second.documents == first.documents
        with ipsearch.open_index(url) as remote:
            assert remote.search("later paragraph examiners").hits[0].id == KAZAKHSTAN_VISIT
            with pytest.raises(DocumentNotFoundError):
                remote.get(gone)
    finally:
        from opensearchpy import OpenSearch

        OpenSearch(opensearch_cluster.url).indices.delete(index="sync-check", ignore_unavailable=True)


def test_a_document_the_cluster_rejects_is_reported_as_that_files_skip(
        opensearch_cluster: cluster.RunningCluster, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipsearch.backends import opensearch

    real = opensearch.document_source

    def one_bad(doc):  # type: ignore[no-untyped-def]
        source = real(doc)
        if doc.id == KAZAKHSTAN_VISIT:
            source["date_start"] = "not a number"  # the integer field's mapper refuses it
        return source

    monkeypatch.setattr(opensearch, "document_source", one_bad)
    url = f"{opensearch_cluster.url}/reject-check"
    try:
        report = ipsearch.build_index(DOCS_CORPUS, url)
        assert [s.path for s in report.skipped] == [KAZAKHSTAN_VISIT]
        assert "OpenSearch rejected it" in report.skipped[0].reason
        assert KAZAKHSTAN_VISIT not in report.added and report.documents == len(report.added)
    finally:
        from opensearchpy import OpenSearch

        OpenSearch(opensearch_cluster.url).indices.delete(index="reject-check", ignore_unavailable=True)


# ---------------------------------------------------------------- CLI


def test_cli_commands_take_opensearch_and_answer_as_the_embedded_index(both) -> None:
    import json

    from click.testing import CliRunner

    from ipsearch.cli import main

    embedded, remote = both
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> dict:
        result = runner.invoke(main, [*args, "--json"], env=env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    got = run("search", "patent", "--facet", "countries", "--opensearch", remote.url)
    want = embedded.search("patent", facets=["countries"], autocorrect=False)
    assert got["total"] == want.total and got["facets"]["countries"] == \
        [{"value": f.value, "count": f.count} for f in want.facets["countries"]]
    # The environment variable names the index as well as the option.
    assert run("search", "patent", env={"IPSEARCH_OPENSEARCH": remote.url})["total"] == want.total
    assert run("show", KAZAKHSTAN_VISIT, "--opensearch", remote.url)["id"] == KAZAKHSTAN_VISIT
    assert run("stats", "--opensearch", remote.url)["documents"] == embedded.stats().documents
    assert run("similar", KAZAKHSTAN_VISIT, "--opensearch", remote.url)["hits"]
    both_given = runner.invoke(main, ["search", "x", "--opensearch", remote.url, "--index-dir", "/tmp/x"])
    assert both_given.exit_code == 2 and "not both" in both_given.output


def test_cli_network_error_is_one_line_and_exit_1() -> None:
    from click.testing import CliRunner

    from ipsearch.cli import main

    (port,) = cluster._tool()._free_ports(1)
    for args in (["search", "patent"], ["stats"], ["show", "x.txt"]):
        result = CliRunner().invoke(main, [*args, "--opensearch", f"http://127.0.0.1:{port}/ipsearch"])
        assert result.exit_code == 1, result.output
        assert "unreachable" in result.stderr and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_index_ranks_with_the_embedded_bm25_constants(both) -> None:
    from ipsearch.searcher import WEIGHTING

    _, remote = both
    settings = remote._backend._client.indices.get_settings(index=INDEX)[INDEX]["settings"]["index"]
    # Lengths count every term, Han characters beside their bigrams, as the embedded index counts them.
    assert settings["similarity"]["default"] == {"type": "BM25", "k1": str(WEIGHTING.K1), "b": str(WEIGHTING.B),
                                                 "discount_overlaps": "false"}
    assert settings["number_of_shards"] == "2" and settings["number_of_replicas"] == "1"


#: Ranking quality may differ between the backends by at most this much (issue #16: SciFact
#: nDCG@10 within 0.02 of the embedded index).
NDCG_GAP = 0.02
SCIFACT = SHARED / "data" / "scifact"
#: The SciFact slice: the first judged test claims, their cited abstracts and the first
#: abstracts of the corpus as competition; small enough to index twice in a few seconds.
SCIFACT_QUERIES = 60
SCIFACT_DISTRACTORS = 600


def test_judged_fixture_queries_rank_as_well_as_on_the_embedded_index(both) -> None:
    from ipsearch.evaluation import evaluate, read_qrels, read_queries

    judged = ROOT / "tests" / "fixtures" / "judged"
    queries, qrels = read_queries(judged / "queries.jsonl"), read_qrels(judged / "qrels.tsv")
    embedded, remote = both
    want, got = evaluate(embedded, queries, qrels), evaluate(remote, queries, qrels)
    assert got.without_hits == want.without_hits == ()
    assert abs(got.ndcg - want.ndcg) <= NDCG_GAP, (want.ndcg, got.ndcg)


def test_a_scifact_slice_ranks_within_the_gap_on_both_backends(opensearch_cluster: cluster.RunningCluster,
                                                               tmp_path: Path) -> None:
    import json

    from ipsearch.evaluation import evaluate, judged_queries, read_qrels, read_queries

    if not (SCIFACT / "corpus.jsonl").is_file():
        pytest.skip(f"SciFact is not at {SCIFACT}")
    queries = read_queries(SCIFACT / "queries.jsonl")
    all_qrels = read_qrels(SCIFACT / "qrels" / "test.tsv")
    chosen = sorted(judged_queries(queries, all_qrels), key=int)[:SCIFACT_QUERIES]
    qrels = {qid: all_qrels[qid] for qid in chosen}
    cited = {doc for docs in qrels.values() for doc in docs}
    corpus = tmp_path / "scifact"
    corpus.mkdir()
    with (SCIFACT / "corpus.jsonl").open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            doc = json.loads(line)
            if n < SCIFACT_DISTRACTORS or doc["_id"] in cited:
                (corpus / f"{doc['_id']}.txt").write_text(f"{doc['title'].strip()}\n\n{doc['text'].strip()}\n",
                                                          encoding="utf-8")
    url = f"{opensearch_cluster.url}/scifact-slice"
    ipsearch.build_index(corpus, tmp_path / "index")
    ipsearch.build_index(corpus, url)
    with ipsearch.open_index(tmp_path / "index") as embedded, ipsearch.open_index(url) as remote:
        want, got = evaluate(embedded, queries, qrels), evaluate(remote, queries, qrels)
        remote._backend._client.indices.delete(index="scifact-slice")
    assert want.unknown_ids == got.unknown_ids == ()
    assert want.ndcg > 0.5, "the slice is too easy or too hard to compare anything"
    assert abs(got.ndcg - want.ndcg) <= NDCG_GAP, (want.ndcg, got.ndcg)


# ---------------------------------------------------------------- parity gaps closed: spelling, explain, wildcards, folders

#: Misspelled queries (a name, a country in a field, a common word, two words) and clean ones.
TYPOS = ["Kazakstan memorandom", "Rospatnt", "countries:kazakstan", "trademrk seminar", "patnet examination",
         "patent", "treaty", "frim"]


@pytest.mark.parametrize("query", TYPOS)
def test_spelling_suggestions_and_autocorrection_match_the_embedded_index(both, query: str) -> None:
    embedded, remote = both
    want, got = embedded.search(query), remote.search(query)
    assert (got.suggestion, got.corrected, got.total) == (want.suggestion, want.corrected, want.total)
    assert [h.id for h in got.hits][:3] == [h.id for h in want.hits][:3] or got.total > 3
    if query == "Kazakstan memorandom":  # a typo in every word: something to correct, and found
        assert got.corrected and got.total > 0 and got.suggestion == "Kazakhstan memorandum"
    kept = remote.search(query, autocorrect=False)
    assert not kept.corrected and kept.suggestion == want.suggestion


def test_explain_shows_the_query_dsl_sent_and_the_clusters_explanation(both) -> None:
    import json

    _, remote = both
    results = remote.search("Kazakhstan memorandum", explain=True, filters={"language": ["en"]})
    parsed, _, dsl = results.parsed_query.partition("\nOpenSearch query DSL: ")
    assert "kazakhstan" in parsed and json.loads(dsl)["bool"]["filter"]  # the words and the filter as sent
    assert results.hits and all(h.explanation and "weight(" in h.explanation for h in results.hits)
    assert "OpenSearch query DSL" not in remote.search("Kazakhstan memorandum").parsed_query


def test_wildcards_expanding_past_the_cap_are_refused_like_the_embedded_index(
        both, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipsearch import query
    from ipsearch.errors import QueryError

    embedded, remote = both
    monkeypatch.setattr(query, "MAX_EXPANDED_WORDS", 40)  # the Reuters sample has more than 40 words in co*
    for ix in (embedded, remote):
        with pytest.raises(QueryError, match="match more than 40 indexed words"):
            ix.search("co*", autocorrect=False)
        assert ix.search("kazakh*", autocorrect=False).total > 0  # a narrow one still runs


def test_an_index_built_from_several_folders_syncs_them_like_the_embedded_index(
        opensearch_cluster: cluster.RunningCluster, tmp_path: Path) -> None:
    from ipsearch.errors import CorpusError

    first, second = tmp_path / "news", tmp_path / "more-news"
    shutil.copytree(DOCS_CORPUS, first)
    shutil.copytree(ROOT / "tests" / "fixtures" / "bilingual" / "docs", second)
    url, local = f"{opensearch_cluster.url}/folders-check", tmp_path / "index"

    def both_ways(corpus: Path | None, **kwargs) -> dict:  # type: ignore[no-untyped-def]
        got, want = ipsearch.build_index(corpus, url, **kwargs), ipsearch.build_index(corpus, local, **kwargs)
        got_d, want_d = ({k: v for k, v in r.to_dict().items() if k not in ("seconds", "index_dir")}
                         for r in (got, want))
        assert got_d == want_d
        return got_d

    try:
        both_ways(first)
        added = both_ways(second)
        assert added["added"] and all(i.startswith("more-news//") for i in added["added_ids"])
        assert len(added["folders"]) == 2
        gone = sorted(p.name for p in second.rglob("*") if p.is_file())[0]
        next(second.rglob(gone)).unlink()
        synced = both_ways(None)  # every remembered folder
        assert synced["removed"] == 1 and synced["removed_ids"][0].startswith("more-news//")
        assert not synced["added"] and synced["unchanged"]
        second.rename(tmp_path / "unmounted")
        for location in (url, local):
            with pytest.raises(CorpusError, match="is missing but the index holds"):
                ipsearch.build_index(None, location)
        (tmp_path / "unmounted").rename(second)
        dropped = both_ways(None, remove=[second])
        assert dropped["removed"] and len(dropped["folders"]) == 1
        with ipsearch.open_index(url) as remote:
            assert remote.count() == dropped["documents"] == len(list(first.iterdir()))
    finally:
        from opensearchpy import OpenSearch

        OpenSearch(opensearch_cluster.url).indices.delete(index="folders-check", ignore_unavailable=True)
