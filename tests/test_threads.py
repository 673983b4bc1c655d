"""One SearchIndex shared by threads (a web server's) answers as it does alone (#14 item 12)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ipsearch
from ipsearch import SearchIndex

from .conftest import write_news_corpus

THREADS = 8
#: Words of the generated corpus, and forms the query syntax gives them.
WORDS = ["patent", "examination", "trademark", "registration", "seminar", "Seoul", "Tokyo", "Geneva", "KIPO",
         "CNIPA", "memorandum", "training", "filing", "design", "enforcement", "officials", "cooperation"]
QUERY = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda p: f'"{p[0]} {p[1]}"'),
    st.sampled_from(WORDS).map(lambda w: w[:4].lower() + "*"),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)).map(lambda p: f"{p[0]} -{p[1]}"),
)


@pytest.fixture(scope="module")
def news_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("threads")
    index_dir = root / "index"
    ipsearch.build_index(write_news_corpus(root / "corpus", count=250, seed=5), index_dir, batch_size=50)
    return index_dir


@pytest.fixture()
def fine_switching() -> Iterator[None]:
    """Switch threads every few microseconds, so unguarded shared state interleaves."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(before)


def _answer(index: SearchIndex, query: str) -> tuple:
    r = index.search(query, facets=("countries", "organizations", "year"), limit=5)
    return r.total, [(h.id, h.score, h.snippet) for h in r.hits], r.facets


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries=st.lists(QUERY, min_size=5, max_size=10, unique=True))
def test_threads_sharing_a_handle_get_what_one_thread_gets(news_index: Path, fine_switching: None,
                                                           queries: list[str]) -> None:
    with ipsearch.open_index(news_index) as alone:
        expected = {q: _answer(alone, q) for q in queries}
    with ipsearch.open_index(news_index) as shared:  # fresh: caches are filled while threads race
        work = [queries[(t + k) % len(queries)] for t in range(THREADS) for k in range(25)]
        with ThreadPoolExecutor(THREADS) as pool:
            got = list(pool.map(lambda q: (q, _answer(shared, q)), work))
    wrong = [q for q, answer in got if answer != expected[q]]
    assert not wrong, f"{len(wrong)} of {len(got)} answers differ from one thread's, e.g. {wrong[0]!r}"


def test_threads_mixing_search_get_similar_and_stats(news_index: Path, fine_switching: None) -> None:
    with ipsearch.open_index(news_index) as alone:
        first = alone.search("patent", limit=3).hits[0].id
        expected = (alone.get(first), alone.similar(first, limit=3), alone.stats().documents)
    with ipsearch.open_index(news_index) as shared:
        def mixed(_: int) -> tuple:
            return shared.get(first), shared.similar(first, limit=3), shared.stats().documents

        with ThreadPoolExecutor(THREADS) as pool:
            answers = list(pool.map(mixed, range(4 * THREADS)))
    assert all(a == expected for a in answers)
