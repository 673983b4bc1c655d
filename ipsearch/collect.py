"""One walk over the postings: the exact top N, the total and every match, for the facets.

Whoosh answers a ranked page with a top-N collector and then walks the postings a
second time for the total (``docs_for_query``) and a third time for facets. Plain-word
queries here are a flat OR of terms in three fields, so every match is scored anyway;
this module scores them once and keeps every score, which gives the page, the exact
total and the facet document numbers from one pass.

Terms are scored block by block straight from Whoosh's posting blocks with the same
BM25F arithmetic as :class:`whoosh.scoring.BM25FScorer` (same operations in the same
order, so the same floats and the same ranking), instead of through Whoosh's matcher
tree, which costs about 15 us a posting in method calls; phrases likewise, decoding
positions only where every word occurs. Anything else (wildcards, boolean structure)
is scored by its own Whoosh matcher in the same walk. The block reading and the length
column use whoosh3's private internals through :mod:`ipsearch.whoosh_internals`, which
falls back to Whoosh's public matcher methods (or leaves scoring to Whoosh's matchers)
where they are missing.
"""

from __future__ import annotations

import functools
import heapq
from array import array
from collections.abc import Iterable
from operator import neg
from typing import Any, cast

from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from .whoosh_internals import field_has_own_b, read_blocks, segment_length_bytes, unfiltered_postings

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
    searcher: Any,
    q: wq.Query,
    allowed: frozenset[int] | set[int] | None = None,
    exclude: Iterable[int] = (),
    cache: TermCache | None = None,
) -> Scores:
    """Every document ``q`` matches (within ``allowed``, outside ``exclude``) with its score.

    Scores are what ``searcher.search(q)`` gives each document: ORs of leaves are
    summed leaf by leaf in query order, as Whoosh's array union does (bit for bit;
    its binary union tree adds in another order, which can differ in the last bit);
    any other query is walked with its own matcher. ``cache`` keeps frequent terms'
    scored postings between calls on the same searcher (see :class:`TermCache`).
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
                if isinstance(clause, wq.Term):
                    done = _add_term(acc, searcher, reader, offset, clause, cache)
                elif isinstance(clause, wq.Phrase):
                    done = _add_phrase(acc, searcher, reader, clause)
                else:
                    done = False
                if not done:
                    _add_matcher(acc, clause.matcher(sub, context))
        if reader.has_deletions():
            for docnum in _deleted(reader):
                acc.pop(docnum, None)
        if offset:
            acc = {d + offset: s for d, s in acc.items()}
        found.update(acc)
    if allowed is not None:
        found = {d: s for d, s in found.items() if d in allowed}
    for docnum in exclude:
        found.pop(docnum, None)
    return found


def live_docnums(searcher: Any) -> list[int]:
    """Every document number not deleted, segment by segment (Whoosh's ``all_doc_ids`` asks per document)."""
    found: list[int] = []
    for reader, offset in searcher.reader().leaf_readers():
        docs = range(offset, offset + reader.doc_count_all())
        if reader.has_deletions():
            gone = {d + offset for d in _deleted(reader)}
            found += [d for d in docs if d not in gone]
        else:
            found += docs
    return found


def top(scores: Scores, n: int) -> list[tuple[int, float]]:
    """The ``n`` best (docnum, score): higher score first, the lower docnum on a tie (as Whoosh)."""
    best = heapq.nlargest(n, zip(scores.values(), map(neg, scores.keys())))  # tuples compare in C
    return [(-negdoc, score) for score, negdoc in best]


def _add_matcher(acc: dict[int, float], m: Any) -> None:
    get = acc.get
    while m.is_active():
        d = m.id()
        acc[d] = get(d, 0.0) + m.score()
        m.next()


class TermCache:
    """Scored postings of frequent terms, per segment, for as long as one searcher lives.

    Reading a posting block costs Whoosh a zlib inflate and an unpickle of every
    posting's positions (about 0.5 us a posting, most of a frequent term's cost);
    the ids and BM25F scores it yields are fixed until the index changes, so a
    warm searcher keeps them for terms of at least :attr:`MIN_POSTINGS` postings,
    up to :attr:`MAX_POSTINGS` postings in all (12 bytes each), least recently
    used first out. Owners drop the cache with their searcher.
    """

    MIN_POSTINGS = 256
    MAX_POSTINGS = 2_000_000

    def __init__(self) -> None:
        self._items: dict[tuple[int, str, bytes], tuple[array, array]] = {}
        self._size = 0

    def get(self, key: tuple[int, str, bytes]) -> tuple[array, array] | None:
        found = self._items.pop(key, None)
        if found is not None:
            self._items[key] = found  # most recently used last
        return found

    def put(self, key: tuple[int, str, bytes], ids: array, scores: array) -> None:
        if not self.MIN_POSTINGS <= len(ids) <= self.MAX_POSTINGS or key in self._items:
            return
        self._items[key] = (ids, scores)
        self._size += len(ids)
        while self._size > self.MAX_POSTINGS:
            oldest = next(iter(self._items))
            self._size -= len(self._items.pop(oldest)[0])

    def __len__(self) -> int:
        return self._size


def _add_term(
    acc: dict[int, float], top_searcher: Any, reader: Any, offset: int, term: wq.Term, cache: TermCache | None
) -> bool:
    """Add one term's BM25F scores; False when this term needs Whoosh's own matcher."""
    field_name = term.fieldname
    schema = top_searcher.schema
    if field_name not in schema:
        return True  # Whoosh: a NullMatcher, nothing to add
    field = schema[field_name]
    if not _plain_bm25f(top_searcher, field_name):
        return False
    try:
        btext = field.to_bytes(term.text)
    except ValueError:
        return True
    key = (offset, field_name, btext)
    found = cache.get(key) if cache is not None else None
    if found is None:
        if (field_name, btext) not in reader:
            return True
        found = _term_scores(top_searcher, reader, field_name, btext)
        if found is None:
            return False
        if cache is not None:
            cache.put(key, *found)
    ids, scores = found[0], cast(Iterable[float], found[1])
    boost = term.boost
    if boost != 1.0:
        scores = map(boost.__mul__, scores)  # bm25(...) * boost, as Whoosh's boost wrapper
    if not acc:
        acc.update(zip(ids, scores))  # Whoosh's array union adds to 0.0: the same floats
        return True
    get = acc.get
    for d, v in zip(ids, scores):
        acc[d] = get(d, 0.0) + v
    return True


def _term_scores(top_searcher: Any, reader: Any, field_name: str, btext: bytes) -> tuple[array, array] | None:
    """A term's document numbers in one segment and their BM25F scores (before the query boost)."""
    lengths = segment_length_bytes(reader, field_name)
    if lengths is None:
        return None
    idf = top_searcher.idf(field_name, btext)
    norm, k1p1 = _bm25f_constants(top_searcher, field_name)
    ids, scores = array("i"), array("d")
    for block_ids, weights, _ in read_blocks(unfiltered_postings(reader, field_name, btext)):
        block_ids = list(block_ids)
        ids.extend(block_ids)
        # bm25(idf, w, fl, avgfl, B, K1), operation for operation
        scores.extend([idf * ((w * k1p1) / (w + norm[lengths[d]])) for d, w in zip(block_ids, weights)])
    return ids, scores


def _add_phrase(acc: dict[int, float], top_searcher: Any, reader: Any, phrase: wq.Phrase) -> bool:
    """Add a phrase's scores as Whoosh's ``SpanNear2`` matcher gives them; False to leave it to Whoosh.

    A document matches when each word follows the previous one within ``slop``
    positions (ordered, never at the same position); its score is the sum of the
    words' BM25F scores, added in Whoosh's binary-tree order, times the boost.
    Postings are read once, block by block, and positions decoded only for
    documents that hold every word.
    """
    field_name = phrase.fieldname
    schema = top_searcher.schema
    if field_name not in schema:
        return True
    field = schema[field_name]
    fmt = field.format
    if (
        len(phrase.words) < 2
        or None in phrase.words
        or not fmt
        or not fmt.supports("positions")
        or fmt.fixed_value_size() is not None  # fixed-size values: not positions
        or not _plain_bm25f(top_searcher, field_name)
    ):
        return False
    try:
        btexts = [field.to_bytes(word) for word in phrase.words]
    except ValueError:
        return True
    if any((field_name, btext) not in reader for btext in btexts):
        return True  # Whoosh: a NullMatcher when a word is missing
    lengths = segment_length_bytes(reader, field_name)
    if lengths is None:
        return False
    postings: list[dict[int, tuple[float, Any]]] = []
    for btext in btexts:
        words: dict[int, tuple[float, Any]] = {}
        for ids, weights, values in read_blocks(unfiltered_postings(reader, field_name, btext), values=True):
            words.update(zip(ids, zip(weights, values)))
        postings.append(words)
    candidates = set(min(postings, key=len)).intersection(*postings)  # type: ignore[arg-type]  # typeshed: dict is Sized
    if not candidates:
        return True
    positions = fmt.decoder("positions")
    slop, boost = phrase.slop, phrase.boost
    idfs = [top_searcher.idf(field_name, btext) for btext in btexts]
    norm, k1p1 = _bm25f_constants(top_searcher, field_name)
    get = acc.get
    for d in candidates:
        ends = positions(postings[0][d][1])
        for words in postings[1:]:
            ends = [p for p in positions(words[d][1]) if any(1 <= p - e <= slop for e in ends)]
            if not ends:
                break
        else:
            fl = norm[lengths[d]]
            parts = [idf * ((w * k1p1) / (w + fl)) for idf, (w, _) in zip(idfs, (words[d] for words in postings))]
            score = _tree_sum(parts)
            if boost != 1.0:
                score = score * boost
            acc[d] = get(d, 0.0) + score
    return True


def _plain_bm25f(top_searcher: Any, field_name: str) -> bool:
    """Whether this module scores ``field_name`` itself: a scorable field under plain BM25F
    (no per-field B); anything else is left to Whoosh's matchers."""
    weighting = top_searcher.weighting
    return bool(top_searcher.schema[field_name].scorable) and type(weighting).scorer is _BM25F_SCORER \
        and not field_has_own_b(weighting, field_name)


def _bm25f_constants(top_searcher: Any, field_name: str) -> tuple[tuple[float, ...], float]:
    """BM25FScorer's per-length-byte normalisation and K1 + 1 for a field: idf and average
    length come from the top-level searcher, each document's length from its segment."""
    weighting = top_searcher.weighting
    return _norms(weighting.B, weighting.K1, top_searcher.avg_field_length(field_name) or 1), weighting.K1 + 1


def _tree_sum(parts: list[float]) -> float:
    """Sum as Whoosh's ``make_binary_tree`` of intersection matchers adds: a + (b + c), (a + b) + (c + d)."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


@functools.lru_cache(maxsize=64)
def _norms(B: float, K1: float, avgfl: float) -> tuple[float, ...]:
    """BM25's length normalisation for each of the 256 length bytes of Whoosh's length column."""
    return tuple(K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256))


def _deleted(reader: Any) -> Iterable[int]:
    deleted = getattr(reader, "deleted_docs_set", None)
    if deleted is None:
        return [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
    return deleted


#: Weighting models scored here must use BM25F's scorer (RankingModel only changes the idf).
_BM25F_SCORER = BM25F.scorer
