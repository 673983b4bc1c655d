"""Step 6b: snippets, the passages a hit quotes (ipsearch.snippets)."""

from __future__ import annotations

import pytest

import ipsearch
from ipsearch.snippets import MemoAnalyzer, TokenMemo, make_snippet

from .conftest import whoosh_searcher


@pytest.fixture(scope="module")
def news_index(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from .conftest import write_news_corpus

    root = tmp_path_factory.mktemp("news")
    ipsearch.build_index(write_news_corpus(root / "corpus"), root / "index")
    return root / "index"


def test_memoised_snippet_analysis_gives_the_same_snippets(news_index) -> None:  # type: ignore[no-untyped-def]
    with whoosh_searcher(news_index) as s:
        plain = s.schema["body"].analyzer
        memo = MemoAnalyzer(plain)
        for terms in (frozenset({"seminar", "geneva"}), frozenset({"patent", "highway", "cnipa"}), frozenset()):
            for stored in s.all_stored_fields():
                expected = make_snippet(stored["body"], stored["title"], terms, plain)
                assert make_snippet(stored["body"], stored["title"], terms, memo) == expected
        assert memo.memo, "the memo was used"


def test_stored_chrome_lines_give_the_snippets_the_rules_give(default_index, news_index) -> None:  # type: ignore[no-untyped-def]
    for index_dir in (default_index, news_index):
        with whoosh_searcher(index_dir) as s:
            analyzer = s.schema["body"].analyzer
            for stored in s.all_stored_fields():
                for terms in (frozenset(), frozenset({"cooper", "seminar", "patent"})):
                    found_now = make_snippet(stored["body"], stored["title"], terms, analyzer, None)
                    assert make_snippet(stored["body"], stored["title"], terms, analyzer, stored.get("chrome", ())) == found_now
    with whoosh_searcher(default_index) as s:
        assert any(stored.get("chrome") for stored in s.all_stored_fields()), "the corpus has chrome lines"


def test_replayed_token_streams_give_the_same_snippets(news_index) -> None:  # type: ignore[no-untyped-def]
    with whoosh_searcher(news_index) as s:
        plain = s.schema["body"].analyzer
        memo = TokenMemo()
        queries = (frozenset(), frozenset({"seminar", "geneva"}), frozenset({"patent", "highway", "cnipa"}),
                   frozenset({"专利", "审查"}))
        for _ in range(2):  # first recorded, then replayed
            for terms in queries:
                for docnum, stored in enumerate(s.all_stored_fields()):
                    expected = make_snippet(stored["body"], stored["title"], terms, plain)
                    assert make_snippet(stored["body"], stored["title"], terms, plain, memo=memo, key=docnum) == expected
        assert memo.has_tokens(0), "the tokens were kept"
