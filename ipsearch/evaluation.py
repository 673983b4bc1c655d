"""Relevance evaluation: BEIR/TREC queries and judgments in, nDCG@10, MRR@10 and Recall@100 out.

The metrics follow trec_eval (``ndcg_cut.10`` with linear gains, ``recip_rank`` cut at
10, ``recall.100``) averaged over every judged query, so figures compare directly with
published BEIR numbers. :func:`evaluate` runs each query through the library's default
:meth:`SearchIndex.search`, so what is measured is what users get; :func:`score_rankings`
scores rankings from any system (the benchmark uses it for plain Whoosh).

Document ids are matched by file name without extension (``sub/4983.txt`` is judged
as ``4983``), the convention of BEIR collections written out one file per document.
"""

from __future__ import annotations

import dataclasses

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from .errors import IpsearchError, UsageError

if TYPE_CHECKING:
    from .searcher import SearchIndex

#: query id -> document key -> graded relevance (0 = judged not relevant).
Qrels = dict[str, dict[str, int]]

#: ``progress(done, total, query_id)`` is called after each query.
Progress = Callable[[int, int, str], None]

NDCG_CUTOFF = 10
RR_CUTOFF = 10
RECALL_DEPTH = 100


# ---------------------------------------------------------------- reading


def read_queries(path: str | Path) -> dict[str, str]:
    """BEIR ``queries.jsonl``: one ``{"_id": ..., "text": ...}`` object a line."""
    path = Path(path)
    queries: dict[str, str] = {}
    for number, line in enumerate(_lines(path), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            qid, text = str(item["_id"]), item["text"]
        except (ValueError, KeyError, TypeError):
            raise UsageError(f"{path} line {number}: expected a JSON object with \"_id\" and \"text\"") from None
        if not isinstance(text, str):
            raise UsageError(f"{path} line {number}: \"text\" of query {qid!r} is not a string")
        queries[qid] = text
    return queries


def read_qrels(path: str | Path) -> Qrels:
    """TREC/BEIR judgments: ``query-id corpus-id score`` (tab or space separated).

    An optional header line, CRLF line ends and the four-column TREC form
    (``qid 0 docid score``) are accepted.
    """
    path = Path(path)
    qrels: Qrels = {}
    for number, line in enumerate(_lines(path), 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) == 4:
            parts = [parts[0], parts[2], parts[3]]
        if len(parts) != 3:
            raise UsageError(f"{path} line {number}: expected 'query-id corpus-id score', got {line.strip()!r}")
        qid, doc, grade = parts
        try:
            value = int(float(grade))
        except ValueError:
            if number == 1:  # a header such as "query-id corpus-id score"
                continue
            raise UsageError(f"{path} line {number}: score {grade!r} is not a number") from None
        qrels.setdefault(qid, {})[doc] = value
    return qrels


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise IpsearchError(f"{path}: cannot read ({exc.strerror})") from None


def doc_key(doc_id: str) -> str:
    """The judged id of an indexed document: its file name without extension."""
    name = PurePath(doc_id).name
    stem = PurePath(name).stem
    return stem or name


# ---------------------------------------------------------------- metrics


def ndcg(ranking: Sequence[str], judged: Mapping[str, int], k: int = NDCG_CUTOFF) -> float:
    """nDCG@k with linear gains and log2 discounts, as trec_eval's ``ndcg_cut``."""
    dcg = sum(judged.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranking[:k]) if judged.get(doc, 0) > 0)
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranking: Sequence[str], judged: Mapping[str, int], k: int = RR_CUTOFF) -> float:
    """1 / rank of the first relevant document within the first ``k``, else 0."""
    for rank, doc in enumerate(ranking[:k], 1):
        if judged.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def recall(ranking: Sequence[str], judged: Mapping[str, int], k: int = RECALL_DEPTH) -> float:
    """Share of the relevant documents found within the first ``k``."""
    relevant = {doc for doc, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


# ---------------------------------------------------------------- reports


@dataclass(frozen=True)
class QueryScore:
    """One query's figures; ``error`` holds the message when the query could not run."""

    query_id: str
    text: str
    ndcg: float
    reciprocal_rank: float
    recall: float
    hits: int
    relevant: int
    first_relevant: int | None  # 1-based rank of the first relevant hit among those retrieved
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_id": self.query_id,
            "text": self.text,
            f"ndcg@{NDCG_CUTOFF}": round(self.ndcg, 4),
            f"mrr@{RR_CUTOFF}": round(self.reciprocal_rank, 4),
            f"recall@{RECALL_DEPTH}": round(self.recall, 4),
            "hits": self.hits,
            "relevant": self.relevant,
            "first_relevant": self.first_relevant,
            "error": self.error,
        }


@dataclass(frozen=True)
class EvalReport:
    """Mean figures over every judged query (a query that finds nothing counts as 0)."""

    queries: tuple[QueryScore, ...]
    seconds: float = 0.0
    #: Judged document ids that name no indexed document (with or without its extension):
    #: a qrels file for another corpus, or documents missing from the index.
    unknown_ids: tuple[str, ...] = ()

    def _mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def ndcg(self) -> float:
        return self._mean([q.ndcg for q in self.queries])

    @property
    def mrr(self) -> float:
        return self._mean([q.reciprocal_rank for q in self.queries])

    @property
    def recall(self) -> float:
        return self._mean([q.recall for q in self.queries])

    @property
    def without_hits(self) -> tuple[str, ...]:
        return tuple(q.query_id for q in self.queries if q.hits == 0)

    def to_dict(self, per_query: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "queries": len(self.queries),
            f"ndcg@{NDCG_CUTOFF}": round(self.ndcg, 4),
            f"mrr@{RR_CUTOFF}": round(self.mrr, 4),
            f"recall@{RECALL_DEPTH}": round(self.recall, 4),
            "without_hits": list(self.without_hits),
            "unknown_ids": list(self.unknown_ids),
            "seconds": round(self.seconds, 3),
        }
        if per_query:
            d["per_query"] = [q.to_dict() for q in self.queries]
        return d


def judged_queries(queries: Mapping[str, str], qrels: Qrels) -> list[str]:
    """Query ids to evaluate: those with a relevant judgment, in qrels order.

    Raises :class:`UsageError` when a judged query has no text, since a silently
    skipped query would flatter the averages.
    """
    ids = [qid for qid, docs in qrels.items() if any(g > 0 for g in docs.values())]
    if not ids:
        raise UsageError("the qrels hold no relevant judgment (score > 0); nothing to evaluate")
    missing = [qid for qid in ids if qid not in queries]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise UsageError(f"{len(missing)} judged queries have no text in the queries file: {shown}")
    return ids


def score_rankings(
    rankings: Mapping[str, Sequence[str]],
    queries: Mapping[str, str],
    qrels: Qrels,
    *,
    totals: Mapping[str, int] | None = None,
    errors: Mapping[str, str] | None = None,
    seconds: float = 0.0,
) -> EvalReport:
    """Score ranked document keys (best first) per query against the judgments."""
    scores = []
    for qid in judged_queries(queries, qrels):
        ranking = list(rankings.get(qid, ()))
        judged = qrels[qid]
        first = next((rank for rank, doc in enumerate(ranking, 1) if judged.get(doc, 0) > 0), None)
        scores.append(
            QueryScore(
                query_id=qid,
                text=queries[qid],
                ndcg=ndcg(ranking, judged),
                reciprocal_rank=reciprocal_rank(ranking, judged),
                recall=recall(ranking, judged),
                hits=(totals or {}).get(qid, len(ranking)),
                relevant=sum(1 for g in judged.values() if g > 0),
                first_relevant=first,
                error=(errors or {}).get(qid),
            )
        )
    return EvalReport(tuple(scores), seconds)


def evaluate(
    index: SearchIndex,
    queries: Mapping[str, str],
    qrels: Qrels,
    *,
    depth: int = RECALL_DEPTH,
    progress: Progress | None = None,
) -> EvalReport:
    """Run every judged query through ``index.search`` (default settings) and score it.

    A query the library rejects (say, only stop words) counts as finding nothing; its
    message is kept in :attr:`QueryScore.error`.
    """
    import time

    started = time.perf_counter()
    ids = judged_queries(queries, qrels)
    rankings: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    errors: dict[str, str] = {}
    judged_ids = {doc for docs in qrels.values() for doc in docs}
    indexed = index.ids()
    known = {doc_key(i) for i in indexed} | {PurePath(i).name for i in indexed}
    unknown = tuple(sorted(judged_ids - known))

    def key(doc_id: str) -> str:  # the form the qrels use: the file name, or the name without extension
        name = PurePath(doc_id).name
        return name if name in judged_ids else doc_key(doc_id)

    for done, qid in enumerate(ids, 1):
        try:
            results = index.search(queries[qid], limit=depth, snippets=False)
        except UsageError as exc:
            rankings[qid], totals[qid], errors[qid] = [], 0, str(exc)
        else:
            rankings[qid] = [key(hit.id) for hit in results.hits]
            totals[qid] = results.total
        if progress:
            progress(done, len(ids), qid)
    report = score_rankings(rankings, queries, qrels, totals=totals, errors=errors, seconds=time.perf_counter() - started)
    return dataclasses.replace(report, unknown_ids=unknown)


__all__ = [
    "EvalReport",
    "QueryScore",
    "Qrels",
    "doc_key",
    "evaluate",
    "judged_queries",
    "ndcg",
    "read_qrels",
    "read_queries",
    "recall",
    "reciprocal_rank",
    "score_rankings",
]
