"""Step 9: relevance evaluation — metrics, BEIR/TREC file reading, and the runner."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from ipsearch import SearchIndex, UsageError
from ipsearch.evaluation import (
    doc_key,
    evaluate,
    judged_queries,
    ndcg,
    read_qrels,
    read_queries,
    recall,
    reciprocal_rank,
    score_rankings,
)

# ---------------------------------------------------------------- metrics


def test_ndcg_uses_graded_gains_and_the_ideal_of_all_judged_documents() -> None:
    judged = {"a": 2, "b": 1, "c": 1, "z": 0}
    # DCG: a at rank 1 (2 / log2 2) + b at rank 3 (1 / log2 4); ideal: 2, 1, 1 at ranks 1-3.
    expected = (2 + 1 / 2) / (2 + 1 / math.log2(3) + 1 / 2)
    assert ndcg(["a", "x", "b"], judged) == pytest.approx(expected)
    assert ndcg(["a", "b", "c"], judged) == pytest.approx(1.0)
    assert ndcg(["c", "b", "a"], judged) < ndcg(["a", "b", "c"], judged)


def test_ndcg_only_counts_the_first_k() -> None:
    ranking = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg(ranking, {"a": 1}) == 0.0
    assert ndcg(ranking, {"a": 1}, k=11) == pytest.approx(1 / math.log2(12))


def test_reciprocal_rank_and_its_cutoff() -> None:
    assert reciprocal_rank(["x", "y", "a", "b"], {"a": 1, "b": 2}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "a"], {"a": 1}, k=1) == 0.0
    assert reciprocal_rank(["z"], {"z": 0}) == 0.0  # judged not relevant


def test_recall_at_depth() -> None:
    assert recall(["a", "x", "b"], {"a": 1, "b": 1, "c": 1, "d": 0}) == pytest.approx(2 / 3)
    assert recall(["a", "x", "b"], {"a": 1, "b": 1}, k=2) == pytest.approx(1 / 2)


# ---------------------------------------------------------------- files


def test_read_beir_qrels_with_header_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "test.tsv"
    path.write_bytes(b"query-id\tcorpus-id\tscore\r\n1\t31715818\t1\r\n3\t14717500\t1\r\n3\t2\t0\r\n")
    assert read_qrels(path) == {"1": {"31715818": 1}, "3": {"14717500": 1, "2": 0}}


def test_read_trec_four_column_qrels(tmp_path: Path) -> None:
    path = tmp_path / "qrels.txt"
    path.write_text("q1 0 doc-a 2\nq1 0 doc-b 0\n\nq2 0 doc-c 1\n")
    assert read_qrels(path) == {"q1": {"doc-a": 2, "doc-b": 0}, "q2": {"doc-c": 1}}


def test_a_bad_qrels_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("q1\td1\t1\nq2\td2\n")
    with pytest.raises(UsageError, match=r"bad\.tsv line 2"):
        read_qrels(path)
    path.write_text("q1\td1\t1\nq2\td2\thigh\n")
    with pytest.raises(UsageError, match="line 2: score 'high'"):
        read_qrels(path)


def test_read_queries_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "queries.jsonl"
    lines = [{"_id": 1, "text": "IL-1: a review", "metadata": {}}, {"_id": "q2", "text": "申长雨"}]
    path.write_text("\ufeff" + "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    assert read_queries(path) == {"1": "IL-1: a review", "q2": "申长雨"}
    path.write_text('{"_id": "q3"}\n')
    with pytest.raises(UsageError, match="line 1.*_id.*text"):
        read_queries(path)
    with pytest.raises(UsageError, match="no such file"):
        read_queries(tmp_path / "missing.jsonl")


@pytest.mark.parametrize(
    ("doc_id", "key"),
    [("4983.txt", "4983"), ("sub/dir/4983.txt", "4983"), ("cnipa-kipo-heads-meeting.txt", "cnipa-kipo-heads-meeting"),
     ("notes", "notes"), ("report.v2.txt", "report.v2")],
)
def test_doc_key_is_the_file_name_without_extension(doc_id: str, key: str) -> None:
    assert doc_key(doc_id) == key


def test_judged_queries_need_text_and_a_relevant_document() -> None:
    assert judged_queries({"a": "x", "b": "y", "c": "z"}, {"a": {"d": 1}, "b": {"d": 0}}) == ["a"]
    with pytest.raises(UsageError, match="1 judged queries have no text in the queries file: q9"):
        judged_queries({"a": "x"}, {"q9": {"d": 1}})
    with pytest.raises(UsageError, match="no relevant judgment"):
        judged_queries({"a": "x"}, {"a": {"d": 0}})


def test_score_rankings_averages_over_every_judged_query() -> None:
    queries = {"q1": "one", "q2": "two", "q3": "unjudged"}
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    report = score_rankings({"q1": ["a", "x"], "q2": ["x", "y"]}, queries, qrels)
    assert [q.query_id for q in report.queries] == ["q1", "q2"]
    assert report.ndcg == pytest.approx(0.5) and report.mrr == pytest.approx(0.5) and report.recall == pytest.approx(0.5)
    assert report.queries[0].first_relevant == 1 and report.queries[1].first_relevant is None
    missing = score_rankings({"q1": ["a"]}, queries, qrels)  # q2 retrieved nothing: it still counts, as 0
    assert missing.ndcg == pytest.approx(0.5) and missing.without_hits == ("q2",)
    d = report.to_dict(per_query=True)
    assert d["ndcg@10"] == 0.5 and d["queries"] == 2 and len(d["per_query"]) == 2


# ---------------------------------------------------------------- runner


def test_evaluate_runs_the_library_search(ix: SearchIndex) -> None:
    queries = {"k": "Kazakhstan memorandum", "r": "Rospatent Vladivostok", "s": "the of and"}
    qrels = {
        "k": {"shen-changyu-visits-kazakhstan": 2, "china-central-asia-heads-of-office-joint-statement": 1},
        "r": {"china-mongolia-russia-ip-seminar": 2},
        "s": {"cnipa-kipo-heads-meeting": 1},
    }
    report = evaluate(ix, queries, qrels)
    by_id = {q.query_id: q for q in report.queries}
    assert by_id["k"].ndcg == pytest.approx(1.0) and by_id["k"].hits == 2
    assert by_id["r"].reciprocal_rank == 1.0
    # only stop words: the library refuses it, the evaluation records that and scores 0
    assert by_id["s"].hits == 0 and by_id["s"].error and "no searchable words" in by_id["s"].error
    assert report.without_hits == ("s",)
    assert report.ndcg == pytest.approx(2 / 3)


def test_judged_ids_match_with_or_without_the_extension_and_unknown_ones_are_named(ix: SearchIndex,
                                                                                   tmp_path: Path) -> None:
    queries = {"k": "Kazakhstan memorandum"}
    bare = {"k": {"shen-changyu-visits-kazakhstan": 2, "china-central-asia-heads-of-office-joint-statement": 1}}
    with_ext = {"k": {f"{doc}.txt": grade for doc, grade in bare["k"].items()}}
    assert evaluate(ix, queries, with_ext).ndcg == evaluate(ix, queries, bare).ndcg == pytest.approx(1.0)
    mixed = {"k": {**with_ext["k"], "no-such-article.txt": 1, "42": 1}}
    report = evaluate(ix, queries, mixed)
    assert report.unknown_ids == ("42", "no-such-article.txt") and report.to_dict()["unknown_ids"] == ["42", "no-such-article.txt"]

    from click.testing import CliRunner

    from ipsearch.cli import main

    (tmp_path / "q.jsonl").write_text(json.dumps({"_id": "k", "text": queries["k"]}) + "\n")
    (tmp_path / "qrels.tsv").write_text("".join(f"k\t{doc}\t{g}\n" for doc, g in mixed["k"].items()))
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "q.jsonl"), str(tmp_path / "qrels.tsv"),
                                       "--index-dir", str(ix.index_dir), "--json"])
    assert result.exit_code == 0, result.stderr
    assert "2 judged document ids are not in the index: 42, no-such-article.txt" in result.stderr
    assert json.loads(result.stdout)["recall@100"] == pytest.approx(0.5)


def test_show_and_get_take_an_id_without_its_extension_when_it_is_unambiguous(corpus_copy: Path, tmp_path: Path) -> None:
    import ipsearch

    (corpus_copy / "cnipa-kipo-heads-meeting.md").write_text("# KIPO and CNIPA\n\nA second copy, in Markdown.\n")
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    with ipsearch.open_index(tmp_path / "ix") as index:
        assert index.get("shen-changyu-visits-kazakhstan").id == "shen-changyu-visits-kazakhstan.txt"
        with pytest.raises(ipsearch.DocumentNotFoundError, match="could be any of cnipa-kipo-heads-meeting.md, "
                                                                  "cnipa-kipo-heads-meeting.txt"):
            index.get("cnipa-kipo-heads-meeting")


def test_index_json_and_the_report_agree(corpus_copy: Path, tmp_path: Path) -> None:
    import ipsearch

    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    (corpus_copy / "new.txt").write_text("A fresh bulletin about the Madrid system.\n")
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    data = report.to_dict()
    for kind in ("added", "updated", "unchanged", "removed"):
        assert data[kind] == len(getattr(report, kind)) and data[f"{kind}_ids"] == list(getattr(report, kind))
    assert data["unchanged"] == 5
