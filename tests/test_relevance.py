"""Regression guard on ranking quality: judged queries over two small collections.

``tests/fixtures/judged/`` holds analyst-style queries (person, office, country,
topic, event type, date, place, misspelled, Chinese, cross-language, pasted
sentences) in BEIR form, with graded judgments (2 = about it, 1 = mentions it) over
``docs_corpus/``. The bilingual fixtures (``tests/fixtures/bilingual/queries.json``,
binary judgments over English, Simplified and Traditional texts) are scored too, each
query in each of its scripts. The guard asserts floors, never timings; the SciFact
benchmark is ``bench/relevance.py`` (too slow for CI).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ipsearch
from ipsearch import SearchIndex
from ipsearch.evaluation import EvalReport, doc_key, evaluate, read_qrels, read_queries

JUDGED = Path(__file__).parent / "fixtures" / "judged"
QUERIES = JUDGED / "queries.jsonl"
QRELS = JUDGED / "qrels.tsv"
BILINGUAL = Path(__file__).parent / "fixtures" / "bilingual"

#: The issue's target is 0.90; the floors sit near today's figures (judged set 0.997,
#: bilingual 0.996) so a real regression fails instead of hiding under the target.
NDCG_FLOOR = 0.95
MRR_FLOOR = 0.95


def _kinds() -> dict[str, str]:
    with QUERIES.open(encoding="utf-8") as f:
        return {item["_id"]: item["metadata"]["kind"] for item in map(json.loads, f)}


def _evaluate(ix: SearchIndex, keep) -> EvalReport:  # type: ignore[no-untyped-def]
    kinds = _kinds()
    qrels = {qid: docs for qid, docs in read_qrels(QRELS).items() if keep(kinds[qid])}
    return evaluate(ix, read_queries(QUERIES), qrels)


def test_the_judged_set_covers_what_analysts_type() -> None:
    kinds = _kinds()
    assert len(kinds) >= 30
    assert {"person", "office", "country", "topic", "event type", "date", "misspelled", "chinese",
            "cross-language"} <= set(kinds.values())
    qrels = read_qrels(QRELS)
    assert set(qrels) == set(kinds)
    assert {g for docs in qrels.values() for g in docs.values()} == {1, 2}


def test_the_judged_set_ranks_well_and_every_query_finds_something(ix: SearchIndex) -> None:
    report = _evaluate(ix, lambda kind: True)
    assert report.without_hits == ()
    assert report.ndcg >= NDCG_FLOOR, _worst(report)
    assert report.mrr >= MRR_FLOOR, _worst(report)


@pytest.mark.parametrize("kind", ["person", "office", "country", "misspelled", "chinese", "cross-language", "pasted"])
def test_each_kind_puts_a_relevant_article_first(ix: SearchIndex, kind: str) -> None:
    report = _evaluate(ix, lambda k: k == kind)
    firsts = {q.query_id: q.first_relevant for q in report.queries}
    assert all(rank == 1 for rank in firsts.values()), firsts


@pytest.fixture(scope="module")
def bilingual_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("bilingual-index")
    ipsearch.build_index(BILINGUAL / "docs", index_dir)
    return index_dir


def test_the_bilingual_queries_rank_well_in_both_scripts(bilingual_index: Path) -> None:
    data = json.loads((BILINGUAL / "queries.json").read_text(encoding="utf-8"))
    queries: dict[str, str] = {}
    qrels: dict[str, dict[str, int]] = {}
    for item in data["queries"]:
        for script in ("hans", "hant", "query"):
            if script in item:
                queries[f"{item['id']}/{script}"] = item[script]
                qrels[f"{item['id']}/{script}"] = {doc_key(doc): 1 for doc in item["relevant"]}
    # The judgements rate the articles of the query's own language (they predate query
    # translation): 专利审查高速路 judges the Chinese PPH articles, not the English one that
    # translation rightly adds. So the floors hold for the words typed; with translation on,
    # the same-language articles must still be found and mostly lead.
    with ipsearch.open_index(bilingual_index) as ix:
        report = evaluate(ix, queries, qrels, translate=False)
        translated = evaluate(ix, queries, qrels)
    assert len(report.queries) >= 40
    assert report.without_hits == () and translated.without_hits == ()
    assert report.ndcg >= NDCG_FLOOR, _worst(report)
    assert report.mrr >= MRR_FLOOR, _worst(report)
    assert translated.ndcg >= NDCG_FLOOR - 0.05 and translated.mrr >= MRR_FLOOR - 0.05, _worst(translated)


def _worst(report: EvalReport) -> str:
    worst = sorted(report.queries, key=lambda q: q.ndcg)[:5]
    return "worst: " + "; ".join(f"{q.query_id} {q.text!r} nDCG {q.ndcg:.3f}" for q in worst)
