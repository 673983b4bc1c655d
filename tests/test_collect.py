"""One-walk scoring (ipsearch.collect) against Whoosh's own collectors on the same searcher."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from whoosh import scoring

import ipsearch
from ipsearch import collect, whoosh_internals
from ipsearch.query import filter_query, parse

from .conftest import whoosh_searcher, write_news_corpus

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
    with whoosh_searcher(segmented_index) as s:
        leaves = list(s.reader().leaf_readers())
        assert len(leaves) > 2 and any(leaf.has_deletions() for leaf, _ in leaves)


def test_live_docnums_are_whooshs_all_doc_ids(segmented_index: Path) -> None:
    with whoosh_searcher(segmented_index) as s:
        reader = s.reader()
        assert collect.live_docnums(s) == list(reader.all_doc_ids())
        assert len(collect.live_docnums(s)) == reader.doc_count() < reader.doc_count_all()


@pytest.mark.parametrize("text", PLAIN)
def test_plain_words_score_bit_for_bit_as_whoosh(segmented_index: Path, text: str) -> None:
    with whoosh_searcher(segmented_index) as s:
        q = parse(text, s.schema).query
        assert collect.score_all(s, q) == _whoosh_scores(s, q)
        assert set(collect.score_all(s, q)) == set(s.docs_for_query(q))


@pytest.mark.parametrize("text", SYNTAX)
def test_query_syntax_scores_as_whoosh(segmented_index: Path, text: str) -> None:
    with whoosh_searcher(segmented_index) as s:
        q = parse(text, s.schema).query
        ours, theirs = collect.score_all(s, q), _whoosh_scores(s, q)
        assert ours.keys() == theirs.keys() and ours, text
        # Whoosh's binary union tree sums in another order than a flat pass: the last bit may differ
        assert all(math.isclose(ours[d], theirs[d], rel_tol=1e-12) for d in ours)


@pytest.mark.parametrize(
    ("field", "words", "slop", "boost"),
    [
        ("body", ["patent", "prosecut"], 1, 1.0),
        ("body", ["patent", "prosecut", "highway"], 1, 1.0),  # three words: Whoosh adds a + (b + c)
        ("body", ["offici", "cnipa"], 2, 1.0),  # "Officials of CNIPA": a stop word between
        ("body", ["offici", "seminar"], 5, 1.0),  # "Officials of CNIPA opened a seminar": within the slop only
        ("body", ["geneva", "offici"], 1, 1.0),  # "... in Geneva. Officials": order and sentence ends
        ("title", ["design", "protect"], 1, 0.25),
        ("body", ["offici", "offici"], 12, 1.0),  # a word repeated
        ("body", ["nowher", "seminar"], 1, 1.0),
    ],
)
def test_phrases_score_bit_for_bit_as_whoosh(segmented_index: Path, field: str, words: list[str], slop: int,
                                              boost: float) -> None:
    from whoosh import query as wq

    with whoosh_searcher(segmented_index) as s:
        phrase = wq.Phrase(field, words, slop=slop, boost=boost)
        theirs = _whoosh_scores(s, phrase)
        assert collect.score_all(s, phrase) == theirs
        # inside a flat OR of terms, as plain words with an entity name make it
        q = wq.Or([wq.Term("body", "seminar"), phrase, wq.Term("title", "seminar", boost=0.25)])
        q.matcher_type = wq.Or.ARRAY_MATCHER
        assert collect.score_all(s, q) == _whoosh_scores(s, q)
    if words[0] != "nowher":
        assert theirs, "the phrase matches somewhere (else the comparison is moot)"


def test_entity_phrases_in_plain_words_score_as_whoosh(default_index: Path) -> None:
    with whoosh_searcher(default_index) as s:
        q = parse("Korean Intellectual Property Office memorandum of understanding", s.schema).query
        assert any(leaf.__class__.__name__ == "Phrase" for leaf in q.leaves())
        assert collect.score_all(s, q) == _whoosh_scores(s, q)


def test_filters_restrict_scores_and_exclusions_apply(segmented_index: Path) -> None:
    with whoosh_searcher(segmented_index) as s:
        q = parse("seminar highway Geneva", s.schema).query
        allowed = frozenset(s.docs_for_query(filter_query({"year": ["2019"]}, None, None)))
        ours = collect.score_all(s, q, allowed)
        assert ours and ours == _whoosh_scores(s, q, allowed)
        first = next(iter(ours))
        assert first not in collect.score_all(s, q, allowed, exclude=[first])


@pytest.mark.parametrize("text", PLAIN[:-1] + SYNTAX)
def test_top_is_the_best_of_every_match_ties_to_the_lower_docnum(segmented_index: Path, text: str) -> None:
    with whoosh_searcher(segmented_index) as s:
        parsed = parse(text, s.schema)
        scores = collect.score_all(s, parsed.query)
        every = sorted(_whoosh_scores(s, parsed.query).items(), key=lambda kv: (-kv[1], kv[0]))
        for n in (1, 5, 10, 40):
            assert [d for d, _ in collect.top(scores, n)] == [d for d, _ in every[:n]]


def test_top_finds_what_whooshs_top_n_collector_misses(segmented_index: Path) -> None:
    """Whoosh's top-N collector prunes its matcher tree with the running minimum score
    (``matcher.replace(minscore)``), even with ``optimize=False``; on an AND over a small
    segment of inlined postings that drops a document that belongs on the page."""
    with whoosh_searcher(segmented_index) as s:
        q = parse("CNIPA AND Seoul", s.schema).query
        ours = [d for d, _ in collect.top(collect.score_all(s, q), 8)]
        every = sorted(_whoosh_scores(s, q).items(), key=lambda kv: (-kv[1], kv[0]))
        whoosh_page = [hit.docnum for hit in s.search(q, limit=8, optimize=False)]
        assert ours == [d for d, _ in every[:8]]
        assert set(ours) - set(whoosh_page), "Whoosh's page misses a better document (else this test is moot)"


def test_the_generated_corpus_has_tied_scores(segmented_index: Path) -> None:
    """Otherwise the page test above could not catch a wrong tie order (which queries tie depends
    on the lexicon's aliases, which the entity field holds: any of the page test's queries will do)."""
    with whoosh_searcher(segmented_index) as s:
        tied = []
        for text in PLAIN[:-1] + SYNTAX:
            values = list(collect.score_all(s, parse(text, s.schema).query).values())
            tied.append(len(values) > len(set(values)))
    assert any(tied)


def test_other_weightings_are_scored_by_whooshs_matchers(segmented_index: Path) -> None:
    with whoosh_searcher(segmented_index) as s:
        q = parse("CNIPA seminar Geneva", s.schema).query
        with whoosh_searcher(segmented_index, weighting=scoring.TF_IDF()) as tfidf:
            assert collect.score_all(tfidf, q) == _whoosh_scores(tfidf, q)


# ---------------------------------------------------------------- the term cache


def test_cached_term_scores_are_the_scores(segmented_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not whoosh_internals.active().length_column:
        pytest.skip("terms are scored (and cached) here only with the length_column fast path")
    monkeypatch.setattr(collect.TermCache, "MIN_POSTINGS", 1)
    with whoosh_searcher(segmented_index) as s:
        cache = collect.TermCache()
        for text in PLAIN + SYNTAX:
            q = parse(text, s.schema).query
            first = collect.score_all(s, q, cache=cache)
            assert first == collect.score_all(s, q) == collect.score_all(s, q, cache=cache)
        assert len(cache) > 0


def test_the_term_cache_stays_within_its_bound(segmented_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not whoosh_internals.active().length_column:
        pytest.skip("terms are scored (and cached) here only with the length_column fast path")
    monkeypatch.setattr(collect.TermCache, "MIN_POSTINGS", 1)
    monkeypatch.setattr(collect.TermCache, "MAX_POSTINGS", 40)
    with whoosh_searcher(segmented_index) as s:
        cache = collect.TermCache()
        sizes = []
        for text in PLAIN:
            collect.score_all(s, parse(text, s.schema).query, cache=cache)
            sizes.append(len(cache))
        assert 0 < max(sizes) <= 40


def test_a_searcher_with_a_warm_cache_sees_later_commits(corpus_copy: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collect.TermCache, "MIN_POSTINGS", 1)
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    with ipsearch.open_index(ix_dir) as ix:
        before = ix.search("cooperation memorandum", snippets=False)
        (corpus_copy / "memo.txt").write_text("A memorandum on cooperation\n\nCNIPA and EUIPO signed a cooperation memorandum.\n")
        ipsearch.build_index(corpus_copy, ix_dir)
        after = ix.search("cooperation memorandum", snippets=False)
        with ipsearch.open_index(ix_dir) as fresh:
            assert after == fresh.search("cooperation memorandum", snippets=False)
    assert after.total == before.total + 1 and after.hits != before.hits
