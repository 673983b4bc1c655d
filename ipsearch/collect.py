"""One walk over the postings: the exact top N, the total and every match, for the facets.

Whoosh answers a ranked page with a top-N collector and then walks the postings a
second time for the total (``docs_for_query``) and a third time for facets. Plain-word
queries here are a flat OR of terms in three fields, so every match is scored anyway;
this module scores them once and keeps every score, which gives the page, the exact
total and the facet document numbers from one pass.

Terms are scored block by block straight from Whoosh's posting blocks with the same
BM25F arithmetic as :class:`whoosh.scoring.BM25FScorer` (same operations in the same
order, so the same floats and the same ranking), instead of through Whoosh's matcher
tree, which costs about 15 us a posting in method calls. Anything else (phrases,
wildcards, boolean structure) is scored by its own Whoosh matcher in the same walk.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

#: Scores of matching documents, by top-level document number.
Scores = dict[int, float]


def flat_clauses(q: wq.Query) -> list[wq.Query] | None:
    """The leaves of a query whose score is the plain sum of its leaves' scores, or None.

    A leaf, or ORs (nested or not) without coordination, minimum match or boost:
    what :func:`ipsearch.query.words_query` builds, and what the query parser makes
    of words and phrases in several fields.
    """
    if q.is_leaf():
        return [q]
    if type(q) in (wq.Or, wq.PreloadedOr) and not q.scale and not q.minmatch and q.boost == 1.0:
        out: list[wq.Query] = []
        for sub in q.subqueries:
            leaves = flat_clauses(sub)
            if leaves is None:
                return None
            out += leaves
        return out
    return None


def score_all(
    searcher: Any, q: wq.Query, allowed: frozenset[int] | set[int] | None = None, exclude: Iterable[int] = ()
) -> Scores:
    """Every document ``q`` matches (within ``allowed``, outside ``exclude``) with its score.

    Scores are what ``searcher.search(q)`` gives each document: ORs of leaves are
    summed leaf by leaf in query order, as Whoosh's array union does (bit for bit;
    its binary union tree adds in another order, which can differ in the last bit);
    any other query is walked with its own matcher.
    """
    clauses = flat_clauses(q)
    context = searcher.context()
    found: Scores = {}
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        acc: dict[int, float] = {}
        if clauses is None:
            _add_matcher(acc, q.matcher(sub, context))
        else:
            for clause in clauses:
                if not (isinstance(clause, wq.Term) and _add_term(acc, searcher, reader, clause)):
                    _add_matcher(acc, clause.matcher(sub, context))
        if reader.has_deletions():
            for docnum in [d for d in acc if reader.is_deleted(d)]:
                del acc[docnum]
        if offset:
            acc = {d + offset: s for d, s in acc.items()}
        found.update(acc)
    if allowed is not None:
        found = {d: s for d, s in found.items() if d in allowed}
    for docnum in exclude:
        found.pop(docnum, None)
    return found


def top(scores: Scores, n: int) -> list[tuple[int, float]]:
    """The ``n`` best (docnum, score): higher score first, the lower docnum on a tie (as Whoosh)."""
    best = heapq.nlargest(n, scores.items(), key=lambda kv: (kv[1], -kv[0]))
    return best


def _add_matcher(acc: dict[int, float], m: Any) -> None:
    get = acc.get
    while m.is_active():
        d = m.id()
        acc[d] = get(d, 0.0) + m.score()
        m.next()


def _add_term(acc: dict[int, float], top_searcher: Any, reader: Any, term: wq.Term) -> bool:
    """Add one term's BM25F scores; False when this term needs Whoosh's own matcher."""
    field_name = term.fieldname
    schema = top_searcher.schema
    if field_name not in schema:
        return True  # Whoosh: a NullMatcher, nothing to add
    field = schema[field_name]
    weighting = top_searcher.weighting
    if not field.scorable or type(weighting).scorer is not _BM25F_SCORER or field_name in weighting._field_B:
        return False
    try:
        btext = field.to_bytes(term.text)
    except ValueError:
        return True
    if (field_name, btext) not in reader:
        return True
    lengths = _length_bytes(reader, field_name)
    if lengths is None:
        return False
    m = reader.postings(field_name, btext)
    if isinstance(m, FilterMatcher):  # deleted documents: dropped after the walk
        m = m.child
    # BM25FScorer: idf and average length from the top-level searcher, per-document length from the segment
    idf = top_searcher.idf(field_name, btext)
    avgfl = top_searcher.avg_field_length(field_name) or 1
    B, K1 = weighting.B, weighting.K1
    k1p1 = K1 + 1
    norm = [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]
    boost = term.boost
    get = acc.get
    for ids, weights in _blocks(m):
        for d, w in zip(ids, weights):
            # bm25(idf, w, fl, avgfl, B, K1) * boost, operation for operation
            acc[d] = get(d, 0.0) + idf * ((w * k1p1) / (w + norm[lengths[d]])) * boost
    return True


def _blocks(m: Any) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """(ids, weights) per posting block; one-posting lists and other matchers posting by posting."""
    if hasattr(m, "_read_ids") and hasattr(m, "_next_block") and getattr(m, "_i", None) == 0:
        while m.is_active():
            m._read_ids()
            m._read_weights()
            yield m._ids, m._weights
            m._next_block()
        return
    ids: list[int] = []
    weights: list[float] = []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights


def _length_bytes(reader: Any, field_name: str) -> bytes | None:
    """The segment's per-document length bytes of a field (Whoosh's ``_<field>_len`` column), or None."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        col = reader._perdoc._cached_reader(_lenfield(field_name), LENGTHS_COLUMN)
        if col is None:
            return None
        raw = bytes(col._dbfile.get(col._basepos, col._count))
    except (AttributeError, ImportError, TypeError):  # another codec or Whoosh version: use its matchers
        return None
    missing = reader.doc_count_all() - len(raw)
    return raw + bytes(missing) if missing > 0 else raw


def _bm25f_scorer() -> Any:
    from whoosh.scoring import BM25F

    return BM25F.scorer


_BM25F_SCORER = _bm25f_scorer()
