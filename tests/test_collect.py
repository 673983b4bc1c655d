"""One-walk scoring (ipsearch.collect) against Whoosh's own collectors on the same searcher."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from whoosh import scoring

import ipsearch
from ipsearch import collect
from ipsearch.query import filter_query, parse

from .conftest import write_news_corpus

PLAIN = ["CNIPA seminar", "patent prosecution highway Geneva", "Rospatent", "Kazakhstan patent office training",
         "officials exchanged data", "nothingmatchesthisword"]
SYNTAX = ['"patent examination"', "seminar NOT Moscow", "(EPO OR JPO) highway", "title:seminar", "memorand*",
          'KIPO "design protection"', "CNIPA AND Seoul"]


@pytest.fixture(scope="module")
def segmented_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five segments, three of them with deleted documents (files changed after the first run)."""
    root = tmp_path_factory.mktemp("segmented")
    corpus = write_news_corpus(root / "corpus", count=60)
    ipsearch.build_index(corpus, root / "index", batch_size=15)
    for i in (3, 20, 41):
        path = corpus / f"n{i:03d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\nRevised: Geneva seminar notes added.\n", encoding="utf-8")
    ipsearch.build_index(corpus, root / "index", batch_size=15)
    return root / "index"


def _whoosh_scores(searcher, q, allowed=None) -> dict[int, float]:  # type: ignore[no-untyped-def]
    results = searcher.search(q, limit=None, optimize=False, filter=None if allowed is None else set(allowed))
    return {hit.docnum: hit.score for hit in results}


def test_the_index_has_segments_with_deletions(segmented_index: Path) -> None:
    with ipsearch.open_index(segmented_index) as ix:
        leaves = list(ix._searcher.reader().leaf_readers())
        assert len(leaves) > 2 and any(leaf.has_deletions() for leaf, _ in leaves)


@pytest.mark.parametrize("text", PLAIN)
def test_plain_words_score_bit_for_bit_as_whoosh(segmented_index: Path, text: str) -> None:
    with ipsearch.open_index(segmented_index) as ix:
        s = ix._searcher
        q = parse(text, s.schema).query
        assert collect.score_all(s, q) == _whoosh_scores(s, q)
        assert set(collect.score_all(s, q)) == set(s.docs_for_query(q))


@pytest.mark.parametrize("text", SYNTAX)
def test_query_syntax_scores_as_whoosh(segmented_index: Path, text: str) -> None:
    with ipsearch.open_index(segmented_index) as ix:
        s = ix._searcher
        q = parse(text, s.schema).query
        ours, theirs = collect.score_all(s, q), _whoosh_scores(s, q)
        assert ours.keys() == theirs.keys() and ours, text
        # Whoosh's binary union tree sums in another order than a flat pass: the last bit may differ
        assert all(math.isclose(ours[d], theirs[d], rel_tol=1e-12) for d in ours)


def test_filters_restrict_scores_and_exclusions_apply(segmented_index: Path) -> None:
    with ipsearch.open_index(segmented_index) as ix:
        s = ix._searcher
        q = parse("seminar highway Geneva", s.schema).query
        allowed = frozenset(s.docs_for_query(filter_query({"year": ["2019"]}, None, None)))
        ours = collect.score_all(s, q, allowed)
        assert ours and ours == _whoosh_scores(s, q, allowed)
        first = next(iter(ours))
        assert first not in collect.score_all(s, q, allowed, exclude=[first])


@pytest.mark.parametrize("text", PLAIN[:-1] + SYNTAX)
def test_top_is_the_best_of_every_match_ties_to_the_lower_docnum(segmented_index: Path, text: str) -> None:
    with ipsearch.open_index(segmented_index) as ix:
        s = ix._searcher
        parsed = parse(text, s.schema)
        scores = collect.score_all(s, parsed.query)
        every = sorted(_whoosh_scores(s, parsed.query).items(), key=lambda kv: (-kv[1], kv[0]))
        for n in (1, 5, 10, 40):
            assert [d for d, _ in collect.top(scores, n)] == [d for d, _ in every[:n]]


def test_top_finds_what_whooshs_top_n_collector_misses(segmented_index: Path) -> None:
    """Whoosh's top-N collector prunes its matcher tree with the running minimum score
    (``matcher.replace(minscore)``), even with ``optimize=False``; on an AND over a small
    segment of inlined postings that drops a document that belongs on the page."""
    with ipsearch.open_index(segmented_index) as ix:
        s = ix._searcher
        q = parse("CNIPA AND Seoul", s.schema).query
        ours = [d for d, _ in collect.top(collect.score_all(s, q), 8)]
        every = sorted(_whoosh_scores(s, q).items(), key=lambda kv: (-kv[1], kv[0]))
        whoosh_page = [hit.docnum for hit in s.search(q, limit=8, optimize=False)]
        assert ours == [d for d, _ in every[:8]]
        assert set(ours) - set(whoosh_page), "Whoosh's page misses a better document (else this test is moot)"


def test_the_generated_corpus_has_tied_scores(segmented_index: Path) -> None:
    """Otherwise the page test above could not catch a wrong tie order."""
    with ipsearch.open_index(segmented_index) as ix:
        values = list(collect.score_all(ix._searcher, parse("Rospatent", ix._searcher.schema).query).values())
    assert len(values) > len(set(values))


def test_other_weightings_are_scored_by_whooshs_matchers(segmented_index: Path) -> None:
    with ipsearch.open_index(segmented_index) as ix:
        s = ix._searcher
        q = parse("CNIPA seminar Geneva", s.schema).query
        with ix._ix.searcher(weighting=scoring.TF_IDF()) as tfidf:
            assert collect.score_all(tfidf, q) == _whoosh_scores(tfidf, q)
