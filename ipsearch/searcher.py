"""The read path: open an index, run a query with filters, count facets, build hits.

Whoosh objects never leave this module: callers get :mod:`ipsearch.results`.
Facet counts read each facet field's column once per searcher generation into a
per-document table, then count over the matching document numbers: Whoosh's own
``groupedby`` re-walks postings on every search, which dominated faceted queries.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import chain
from operator import neg
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, cast

from whoosh import scoring
from whoosh import query as wq

from . import collect, store
from .analysis import STEMS_FILE, prefetch_stems, use_stems
from .errors import DocumentNotFoundError, QueryError, UsageError
from .extract.document import snippet_lines
from .fields import BY_NAME, FACET_FIELDS, MULTI_VALUED, NO_DATE, OPEN_END, TEXT_FIELDS, hit_values, split_values
from .lexicon import UserLexicon, activate, lexicon_with, searching_with
from .query import FIELD_BOOSTS, FILTER_FIELDS, ParsedQuery, check_expansion, filter_query, name_highlight_terms, parse
from .people_keys import resolve_person
from .results import FACET_SORTS, SORTS, FacetCount, FacetSort, IndexStats, SearchHit, SearchResults, Sort, Span
from .schema import SCHEMA_VERSION
from .snippets import MemoAnalyzer, TokenMemo, make_snippet, mark_spans
from .suggest import Speller

MAX_LIMIT = 1000
#: Key terms a document contributes to its "similar articles" query, and its entity fields.
SIMILAR_TERMS = 25
_ENTITY_FIELDS = ("people", "organizations", "countries")
_WORD = re.compile(r"\w+")


def _content(stored: Mapping[str, Any]) -> str:
    """What an article says: its headline and text without the page furniture found at extraction."""
    title = stored.get("title") or ""
    chrome = set(stored.get("chrome") or ())
    lines = [line for i, line in enumerate(snippet_lines(stored.get("body") or "", title)) if i not in chrome]
    return "\n".join([title, *lines])


#: Words that say where and when a story was filed, not what it is about: the dateline's month
#: ("WASHINGTON, March 3 -"); the article's places are left out of its key terms the same way.
_WHEN = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december monday tuesday wednesday thursday friday saturday sunday"
)


class RankingModel(scoring.BM25F):
    """Whoosh's BM25F (K1 1.2, B 0.75) with the standard BM25 idf, as Lucene computes it.

    Whoosh's own idf, ``log(N / (df + 1)) + 1``, flattens the gap between rare and
    common words; ``log(1 + (N - df + 0.5) / (df + 0.5))`` scored SciFact 0.699 (test)
    and 0.701 (809 training claims) against 0.697 and 0.694. K1 and B stay at Whoosh's
    defaults: Lucene's (0.9, 0.4) gave 0.689 / 0.701, (1.5, 0.75) 0.696 / 0.698.
    """

    def idf(self, searcher: Any, fieldname: str, text: str) -> float:
        df = searcher.doc_frequency(fieldname, text)
        n = searcher.doc_count_all()
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


#: The ranking model every search uses.
WEIGHTING = RankingModel()


def _guarded(method: Any) -> Any:
    """One thread at a time in the handle; damaged index files met mid-read become
    CorruptIndexError (see store.damage_as_error).

    A Whoosh searcher is not thread-safe: its posting readers keep a position, and the
    handle's caches (columns, term scores, snippet memo) and its reopen-on-commit are
    shared state. Interleaved, they read torn blocks ("zlib error", false
    CorruptIndexError) and wrong totals. Python runs one thread of search code at a
    time anyway, so a lock costs little; processes, each with its own handle, scale.
    """

    @functools.wraps(method)
    def wrapper(self: SearchIndex, *args: Any, **kwargs: Any) -> Any:
        with self._lock, store.damage_as_error(self.index_dir), searching_with(self._lexicon):
            return method(self, *args, **kwargs)

    return wrapper


class SearchIndex:
    """A searchable index folder. Cheap to keep open; sees new commits on each call.

    Safe to share between threads (a web server's): calls on one handle take turns.
    """

    def __init__(self, index_dir: str | Path) -> None:
        self.index_dir = store.check_path(index_dir, "index folder")
        self._lock = threading.RLock()
        self._closed = False
        self._ix, self._searcher = store.open_searcher(self.index_dir, weighting=WEIGHTING)
        use_stems(self.index_dir / STEMS_FILE)  # query words stem without importing NLTK
        self._load_lexicon()
        self._columns: dict[str, list[Any]] = {}  # facet values (tuples) and dates (ints) per document
        self._terms = collect.TermCache()
        self._snippet_tokens = TokenMemo()  # by document number: one searcher generation's

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Release the index files; further calls raise UsageError. Closing twice is harmless."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._searcher.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def user_lexicon(self) -> UserLexicon | None:
        """The user's own names the index was built with (``ipsearch index --lexicon FILE``), if any."""
        return self._user_lexicon

    def _load_lexicon(self) -> None:
        """The lexicon the index keeps (a user's names added to the built-in ones): filters,
        ``field:value``, entity phrases and highlighting read names with it, as extraction did."""
        self._user_lexicon = store.read_lexicon(self.index_dir)
        self._lexicon = lexicon_with(self._user_lexicon) if self._user_lexicon else None

    def first_run_unfinished(self) -> bool:
        """Whether the index's first run has not finished (another process may be building it):
        what it holds so far is only part of the corpus."""
        return bool((store.read_meta(self.index_dir) or {}).get("first_run"))

    def _fresh(self) -> Any:
        """The searcher, reopened if another process committed or rebuilt since."""
        if self._closed:
            raise UsageError(f"this index handle ({self.index_dir}) is closed; open the index again")
        meta = store.read_meta(self.index_dir)
        if (meta and meta.get("indexname") != self._ix.indexname) or not self._searcher.up_to_date():
            self._searcher.close()
            self._ix, self._searcher = store.open_searcher(self.index_dir, weighting=WEIGHTING)
            before = self._lexicon
            self._load_lexicon()  # an index run may have brought another lexicon
            if self._lexicon is not before:
                activate(self._lexicon)  # for the rest of this call (the guard restores the caller's)
            self._columns.clear()
            self._terms = collect.TermCache()
            self._snippet_tokens = TokenMemo()
        return self._searcher

    # ------------------------------------------------------------ search

    @_guarded
    def search(
        self,
        query: str = "",
        *,
        filters: Mapping[str, Iterable[str]] | None = None,
        since: str | None = None,
        until: str | None = None,
        facets: Sequence[str] = (),
        sort: Sort = "relevance",
        limit: int = 10,
        page: int = 1,
        facet_limit: int = 20,
        facet_sort: FacetSort = "count",
        explain: bool = False,
        autocorrect: bool = True,
        snippets: bool = True,
        operator: str = "or",
        translate: bool = True,
    ) -> SearchResults:
        """Ranked hits for one page, facet counts over every match, and a suggestion.

        Words the index does not know get a spelling ``suggestion``; when the query as
        typed matches nothing and ``autocorrect`` is on, the suggestion is searched
        instead and ``corrected`` is set. ``explain`` adds each hit's score breakdown.
        ``snippets=False`` leaves ``snippet`` empty: highlighting re-analyses each hit's
        text, the dominant cost when only the ranking is wanted (evaluation).
        Each facet lists at most ``facet_limit`` values, most frequent first or (``facet_sort="value"``)
        in value order; ``facets_left_out`` says how many more there were.
        ``+word`` requires a word and ``-word`` excludes it; ``operator="and"`` requires
        every word (the default "or" ranks documents that match more words higher).
        ``translate`` adds the words' translations into the index's other language at a lower
        weight (:mod:`ipsearch.translate`; listed in ``translations``); off, only the typed
        words and the names the lexicon knows in every script cross languages.
        """
        facets = check_search_args(query, sort, limit, page, facet_limit, facets, facet_sort)

        searcher = self._fresh()
        translation = _translation(searcher) if translate and operator == "or" else {}
        canonical = _index_canonical(searcher)
        parsed = parse(query, searcher.schema, canonical, operator, **translation)
        check_expansion(parsed.query, searcher.reader())
        fq = filter_query(filters, since, until, canonical)
        combined = _filtered(parsed.query, fq)
        allowed = None if fq is None else self._filter_docs(searcher, fq)
        scores = self._matches(searcher, parsed, allowed)
        typed, suggestion, corrected = parsed.text, None, False
        if not parsed.is_match_all:
            fix = Speller(searcher.reader(), TEXT_FIELDS, FACET_FIELDS, self._known_name).correct(parsed.text)
            suggestion = fix.text if fix else None
            if fix and not scores and autocorrect:
                try:
                    fixed = parse(fix.text, searcher.schema, canonical, operator, **translation)
                    check_expansion(fixed.query, searcher.reader())
                except QueryError:  # e.g. "frim" -> "from": only stop words left
                    fixed = ParsedQuery(fix.text, wq.NullQuery)
                found = self._matches(searcher, fixed, allowed)
                if found:
                    parsed, combined, scores, corrected = fixed, _filtered(fixed.query, fq), found, True
        total = len(scores)

        hits: tuple[SearchHit, ...] = ()
        start = (page - 1) * limit
        if start < total:
            shown: list[tuple[int, float | None]]
            if sort == "relevance" and not parsed.is_match_all:
                shown = list(collect.top(scores, start + limit)[start:])
            else:
                shown = [(d, None) for d in self._by_date(searcher, scores, sort != "oldest", start + limit)[start:]]
            terms = _highlight_terms(parsed, searcher)
            notes = explain_scores(searcher, parsed.query, [docnum for docnum, _ in shown]) if explain else {}
            hits = tuple(
                self._hit(searcher, docnum, score, terms, explanation=notes.get(docnum), snippet=snippets)
                for docnum, score in shown
            )

        counted, left_out = {}, {}
        for name in dict.fromkeys(facets):
            counted[name], more = self._count(searcher, name, scores, facet_limit, facet_sort)
            if more:
                left_out[name] = more
        return SearchResults(
            query=typed,
            total=total,
            page=page,
            limit=limit,
            hits=hits,
            facets=counted,
            facets_left_out=left_out,
            suggestion=suggestion,
            parsed_query=str(combined),
            corrected=corrected,
            translations=tuple(t.describe() for t in parsed.translations),
        )

    def _matches(self, searcher: Any, parsed: ParsedQuery, allowed: frozenset[int] | None) -> dict[int, float]:
        """Every document the query matches within the filters, with its score, from one walk.

        The page, the exact total and the facet counts all come from this one dict
        (see :mod:`ipsearch.collect`); listing everything has no scores (0.0).
        """
        if parsed.is_match_all:
            return dict.fromkeys(collect.live_docnums(searcher) if allowed is None else allowed, 0.0)
        return collect.score_all(searcher, parsed.query, allowed, cache=self._terms)

    @_guarded
    def similar(self, doc_id: str, limit: int = 10, *, explain: bool = False) -> SearchResults:
        """Articles most like ``doc_id`` (never itself): its key terms plus the entities it names.

        Key terms are the most distinctive stems of its headline and text (Bo1 divergence
        from the collection, Whoosh's ``more_like`` model), page furniture, place names and
        month and weekday words left out (a dateline says where and when a story was filed,
        not what it is about), searched in title and body with the usual field boosts; the
        people, offices and countries it names are searched in the entity field, so two
        reports of one delegation meet even when their wording differs. Measured by
        ``bench/similar.py`` (Reuters: share of the top 5 sharing a topic label).
        """
        _whole("limit", limit, 1, MAX_LIMIT)
        _check_id(doc_id)
        searcher = self._fresh()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            raise DocumentNotFoundError(f"no document with id {doc_id!r} in {self.index_dir}")
        stored = searcher.stored_fields(docnum)
        # Lucene MoreLikeThis's filters: terms in over half the articles, or of two letters, say nothing
        common = max(1, searcher.doc_count() // 2)
        body_words = searcher.schema["body"].analyzer
        where = {t.text for t in body_words(" \n ".join([*split_values(stored.get("places")), _WHEN]))}
        key_terms = [
            (term, weight)
            for term, weight in searcher.key_terms_from_text("body", _content(stored), numterms=4 * SIMILAR_TERMS)
            if len(term) > 2 and term not in where and searcher.doc_frequency("body", term) <= common
        ][:SIMILAR_TERMS]
        # Bo1 weights are tiny and vary with the article's length: scaled so its most distinctive term
        # weighs 1, the article's topic outweighs a name it mentions once (Lucene MoreLikeThis's boost)
        top = max((weight for _, weight in key_terms), default=1.0) or 1.0
        leaves: list[wq.Query] = [
            wq.Term(field, term, boost=round(weight / top * FIELD_BOOSTS[field], 3))
            for term, weight in key_terms
            for field in ("title", "body")
        ]
        names = " \n ".join(name for field in _ENTITY_FIELDS for name in split_values(stored.get(field)))
        entity_terms = dict.fromkeys(t.text for t in searcher.schema["entities"].analyzer(names))
        leaves += [wq.Term("entities", term, boost=FIELD_BOOSTS["entities"]) for term in entity_terms]
        if not leaves:
            return SearchResults(query=doc_id, total=0, page=1, limit=limit, hits=(), parsed_query="")
        q = wq.Or(leaves)
        scores = collect.score_all(searcher, q, exclude=(docnum,), cache=self._terms)
        best = collect.top(scores, limit)
        terms = frozenset(term for term, _ in key_terms)
        notes = explain_scores(searcher, q, [d for d, _ in best]) if explain else {}
        hits = tuple(self._hit(searcher, d, score, terms, explanation=notes.get(d)) for d, score in best)
        return SearchResults(query=doc_id, total=len(scores), page=1, limit=limit, hits=hits, parsed_query=str(q))

    def canonical(self, field: str, value: str) -> str:
        """Map any known form of a value (an alias, another script, other case) to the indexed one."""
        return canonical_value(field, value)

    def _known_name(self, field: str, value: str) -> str | None:
        """The lexicon's name for ``value`` in ``field`` (see :func:`known_name`)."""
        return known_name(field, value)

    # ------------------------------------------------------------ documents


    @_guarded
    def get(self, doc_id: str, *, mark: str | None = None) -> SearchHit:
        """One document by id, with its full text in ``body``.

        With ``mark`` (a query's text, possibly empty), ``highlights`` are spans of
        ``body``: the query's matched words, as snippets mark them, and every word of the
        people, organizations, countries and places the article names (a document page
        shows the text with both marked).
        """
        _check_id(doc_id)
        searcher = self._fresh()
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            docnum = self._without_extension(searcher, doc_id)
        hit = self._hit(searcher, docnum, None, frozenset(), with_body=True)
        if mark is None or not hit.body:
            return hit
        terms: set[str] = set()
        if mark.strip():
            with contextlib.suppress(QueryError):  # nothing to mark in a query that does not parse
                terms |= _highlight_terms(parse(mark, searcher.schema), searcher)
        return mark_names(hit, frozenset(terms), searcher.schema, self._snippet_analyzer(searcher))

    def _without_extension(self, searcher: Any, doc_id: str) -> int:
        """The one document whose id is ``doc_id`` plus a file extension (``show report`` for
        ``report.txt``); none, or several (``report.txt``, ``report.html``), is an error."""
        ids = self._column(searcher, "id")
        found = [d for d in collect.live_docnums(searcher) if ids[d] and _strip_extension(ids[d][0]) == doc_id]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(sorted(ids[d][0] for d in found))
            raise DocumentNotFoundError(f"{doc_id!r} could be any of {names}; give the id with its extension")
        raise DocumentNotFoundError(f"no document with id {doc_id!r} in {self.index_dir}")

    @_guarded
    def ids(self) -> tuple[str, ...]:
        """Every document id in the index (evaluation checks its judgments against them)."""
        searcher = self._fresh()
        column = self._column(searcher, "id")
        return tuple(column[d][0] for d in collect.live_docnums(searcher) if column[d])

    @_guarded
    def stats(self) -> IndexStats:
        searcher = self._fresh()
        reader = searcher.reader()
        languages, _ = self._count(searcher, "language", collect.live_docnums(searcher), 100)
        meta = store.read_meta(self.index_dir) or {}
        return IndexStats(
            index_dir=str(self.index_dir),
            documents=reader.doc_count(),
            schema_version=SCHEMA_VERSION,
            size_bytes=store.folder_size(self.index_dir),
            segments=len(list(reader.leaf_readers())),
            fields=tuple(searcher.schema.names()),
            facets={name: sum(1 for _ in reader.lexicon(name)) for name in FACET_FIELDS},
            languages={f.value: f.count for f in languages},
            last_modified=meta.get("updated"),
            folders=tuple(f.path for f in store.folders_of(meta)),
        )

    # ------------------------------------------------------------ internals

    def _hit(
        self, searcher: Any, docnum: int, score: float | None, terms: frozenset[str], with_body: bool = False,
        explanation: str | None = None, snippet: bool = True,
    ) -> SearchHit:
        stored = searcher.stored_fields(docnum)
        body = stored.get("body", "")
        text, spans = "", cast(tuple[Span, ...], ())
        if snippet:
            analyzer = self._snippet_analyzer(searcher)
            if terms and not self._snippet_tokens.has_tokens(docnum):  # one stem-file query for the snippet's new words
                words = set(_WORD.findall(body.lower())) - analyzer.asked
                if words:
                    prefetch_stems(words)
                    analyzer.asked |= words
            # Indexes written since the "chrome" field store which lines to skip (none when absent).
            chrome = stored.get("chrome", ()) if "chrome" in searcher.schema else None
            text, spans = make_snippet(body, stored.get("title", ""), terms, analyzer, chrome,
                                       memo=self._snippet_tokens, key=docnum)
        return SearchHit(
            **hit_values(stored),
            score=None if score is None else round(float(score), 4),
            snippet=text,
            highlights=spans,
            body=body if with_body else None,
            explanation=explanation,
        )

    def _snippet_analyzer(self, searcher: Any) -> Any:
        analyzer = searcher.schema["body"].analyzer
        memo: MemoAnalyzer | None = getattr(self, "_memo", None)
        if memo is None or memo.analyzer is not analyzer:
            memo = self._memo = MemoAnalyzer(analyzer)
        return memo

    def _by_date(self, searcher: Any, docnums: Iterable[int], newest: bool, n: int) -> list[int]:
        """The first ``n`` documents by stated start date, as Whoosh's date-column sort orders them.

        Newest first puts undated articles last, oldest first too (an undated start
        counts as the open end); equal dates keep document order.
        """
        dates = self._numbers(searcher, "date_start")
        docnums = list(docnums)
        if newest:  # (-date, docnum) pairs built and compared in C: browsing sorts every document
            return [d for _, d in heapq.nsmallest(n, zip(map(neg, map(dates.__getitem__, docnums)), docnums))]
        return heapq.nsmallest(n, docnums, key=lambda d: (OPEN_END if dates[d] == NO_DATE else dates[d], d))

    def _numbers(self, searcher: Any, name: str) -> list[int]:
        """Per-document values of a numeric column (the dates)."""
        return self._table(searcher, name, None)

    def _filter_docs(self, searcher: Any, fq: wq.Query) -> frozenset[int]:
        """The documents a filter admits. Date ranges are read from the date columns: Whoosh
        unions the postings of a few hundred range terms, about 0.3 s for a month of Reuters."""
        if isinstance(fq, wq.And):
            parts = sorted((self._filter_docs(searcher, sub) for sub in fq.subqueries), key=len)
            return parts[0].intersection(*parts[1:])
        if isinstance(fq, wq.NumericRange) and fq.fieldname in ("date_start", "date_end") \
                and searcher.reader().has_column(fq.fieldname):
            values = self._numbers(searcher, fq.fieldname)
            lo, hi = fq.start, fq.end
            return frozenset(
                d for d in collect.live_docnums(searcher)
                if (lo is None or (values[d] > lo if fq.startexcl else values[d] >= lo))
                and (hi is None or (values[d] < hi if fq.endexcl else values[d] <= hi))
            )
        return frozenset(searcher.docs_for_query(fq))

    def _column(self, searcher: Any, name: str) -> list[tuple[str, ...]]:
        """Per-document facet values, as tuples."""
        return self._table(searcher, name, split_values if name in MULTI_VALUED else _single_value)

    def _table(self, searcher: Any, name: str, convert: Callable[[Any], Any] | None) -> list[Any]:
        """A column's per-document values (each passed through ``convert``), read once per
        searcher generation: a table of another generation is never used."""
        table = self._columns.get(name)
        if table is None or len(table) != searcher.doc_count_all():
            reader = searcher.reader()
            if not reader.doc_count_all():  # an empty index (an empty corpus, a first run cut short) has no columns
                table = []
            else:
                table = self._read_column(reader, name, convert)
            self._columns[name] = table
        return table

    def _read_column(self, reader: Any, name: str, convert: Callable[[Any], Any] | None) -> list[Any]:
        """Every value of a column; values that do not decode, or a column shorter than the index
        or holding other than numbers where dates belong, are damage (a rebuild repairs it), not
        a ValueError or IndexError later in the code that reads them."""
        try:
            table = list(reader.column_reader(name))
            if convert is not None:
                table = [convert(raw) for raw in table]
        except (ValueError, TypeError, IndexError, KeyError, UnicodeDecodeError, AttributeError) as exc:
            raise store.damaged(self.index_dir, f"column {name}: {type(exc).__name__}") from exc
        if len(table) != reader.doc_count_all() or (convert is None and not all(type(v) is int for v in table)):
            raise store.damaged(self.index_dir, f"column {name} does not match the documents")
        # Every document stores a date (NO_DATE when undated), so Whoosh's filler for values a
        # truncated column lacks (2**32 - 1), or overwritten bytes, fall outside the date range.
        if convert is None and table and not NO_DATE <= min(table) <= max(table) <= OPEN_END:
            raise store.damaged(self.index_dir, f"column {name} holds values that are not dates")
        return table

    def _count(
        self, searcher: Any, name: str, docnums: Iterable[int], limit: int, order: FacetSort = "count"
    ) -> tuple[tuple[FacetCount, ...], int]:
        """The first ``limit`` values of a facet over ``docnums``, and how many more there were."""
        table = self._column(searcher, name)
        counts = Counter(chain.from_iterable(map(table.__getitem__, docnums)))  # C loops, ~4x a for loop
        if order == "value":
            ranked = sorted(counts.items())
        else:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(FacetCount(v, c) for v, c in ranked[:limit]), max(0, len(ranked) - limit)


def _whole(name: str, value: Any, low: int, high: int | None = None) -> None:
    """Refuse a count that is not a whole number in range (``page=inf``, ``facet_limit=-1``)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        span = f"between {low} and {high}" if high is not None else f"{low} or more"
        raise UsageError(f"{name} must be a whole number {span}, not {value!r}")


def _strip_extension(doc_id: str) -> str:
    head, slash, name = doc_id.rpartition("/")
    stem, dot, _ = name.rpartition(".")
    return head + slash + stem if dot and stem else doc_id


def _check_id(doc_id: Any) -> None:
    if not isinstance(doc_id, str) or not doc_id or "\0" in doc_id:
        raise UsageError(f"a document id is a non-empty string without NUL characters, not {doc_id!r}")


def check_search_args(query: Any, sort: str, limit: int, page: int, facet_limit: int,
                      facets: Sequence[str] | str, facet_sort: str = "count") -> Sequence[str]:
    """The arguments every backend's ``search`` refuses, with the same messages; the facet names."""
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}; use one of: {', '.join(SORTS)}")
    _whole("limit", limit, 1, MAX_LIMIT)
    _whole("page", page, 1)
    _whole("facet_limit", facet_limit, 0)
    if facet_sort not in FACET_SORTS:
        raise UsageError(f"unknown facet_sort {facet_sort!r}; use one of: {', '.join(FACET_SORTS)}")
    if isinstance(facets, str):  # one name, not a list of letters
        facets = (facets,)
    if not isinstance(query, str):
        raise UsageError(f"the query must be a string, not {type(query).__name__}")
    for name in facets:
        if name not in FACET_FIELDS:
            raise UsageError(f"unknown facet {name!r}; use one of: {', '.join(FACET_FIELDS)}")
    return facets


def known_name(field: str, value: str) -> str | None:
    """The lexicon's name for ``value`` in ``field`` (None: not a name the lexicon knows).

    The one lookup behind ``--filter``, ``field:value`` in a query, and the speller's
    rule that a known name is never "corrected" into another.
    """
    kinds = BY_NAME[field].lexicon if field in BY_NAME else ()
    if not kinds:
        return None
    from .lexicon import active_lexicon  # only filters need it: keep it off a plain search's start-up

    lexicon = active_lexicon()
    for kind in kinds:
        found = lexicon.canonical(kind, value.strip())
        if found:
            return found
    return None


def _index_canonical(searcher: Any) -> Callable[[str, str], str]:
    """:func:`canonical_value`, and for ``people`` a name this index holds under another spelling:
    pinyin, either word order, or a surname that only one person has (:func:`resolve_person`)."""

    def canonical(field: str, value: str) -> str:
        found = canonical_value(field, value)
        return resolve_person(searcher, found) if field == "people" else found

    return canonical


def canonical_value(field: str, value: str) -> str:
    """Map any known form of a facet value (an alias, another script, other case) to the indexed one."""
    value = value.strip()
    return known_name(field, value) or value


def mark_names(hit: SearchHit, query_terms: frozenset[str], schema: Any, analyzer: Any) -> SearchHit:
    """``hit`` with ``highlights`` over its body: ``query_terms`` (a query's matched words) and
    the words of every person, organization, country and place it names (both backends)."""
    terms = set(query_terms)
    body_field = schema["body"]
    # Every word of a person's, country's or place's name; organizations only by their
    # one-word forms (below): "Ministry", "Property" or "Rights" would mark half the text.
    for name in chain(hit.people, hit.countries, hit.places):
        terms.update(body_field.process_text(name, mode="query"))
    names = " \n ".join(chain(hit.people, hit.organizations, hit.countries, hit.places))
    terms |= name_highlight_terms(names, schema)  # other forms: SIPO for CNIPA, 哈萨克斯坦
    return replace(hit, highlights=mark_spans(hit.body or "", frozenset(terms), analyzer))


class Index(Protocol):
    """What every backend's open index offers: the embedded :class:`SearchIndex` and
    :class:`ipsearch.backends.opensearch.OpenSearchIndex`. Callers type against this."""

    index_dir: Any

    def search(self, query: str = "", *, filters: Mapping[str, Iterable[str]] | None = None,
               since: str | None = None, until: str | None = None, facets: Sequence[str] = (),
               sort: str = "relevance", limit: int = 10, page: int = 1, facet_limit: int = 20,
               explain: bool = False, autocorrect: bool = True, snippets: bool = True,
               operator: str = "or") -> SearchResults: ...

    def similar(self, doc_id: str, limit: int = 10, *, explain: bool = False) -> SearchResults: ...

    def get(self, doc_id: str, *, mark: str | None = None) -> SearchHit: ...

    def stats(self) -> IndexStats: ...

    def canonical(self, field: str, value: str) -> str: ...

    def close(self) -> None: ...


def open_index(location: str | Path) -> Any:
    """Open an index folder, or an OpenSearch index by URL (``http://host:9200/name``), for
    searching; either way the result has the :class:`Index` surface (raises
    IndexNotFoundError and friends)."""
    from .backends import is_url

    if is_url(location):
        from .backends.opensearch import OpenSearchIndex

        return OpenSearchIndex(str(location))
    return SearchIndex(location)


def _single_value(raw: Any) -> tuple[str, ...]:
    """A one-valued facet column's value as the tuple the facet tables hold."""
    return (raw.decode() if isinstance(raw, bytes) else raw,) if raw else ()


def _filtered(q: wq.Query, fq: wq.Query | None) -> wq.Query:
    """The query that counts matches and facets: the user's query within the filters."""
    return q if fq is None else wq.And([q, fq])


def _translation(searcher: Any) -> dict[str, Any]:
    """``parse`` keywords that translate a query into the languages the index holds besides
    the one typed."""
    schema = searcher.schema
    if "language" not in schema or "body" not in schema:
        return {}
    reader = searcher.reader()
    held = {lang.decode() if isinstance(lang, bytes) else lang for lang in reader.lexicon("language")}
    into = {"zh" if lang.startswith("zh") else lang for lang in held} & {"en", "zh"}
    if not into:
        return {}
    # Only the languages the index holds: a query typed in another one is translated into
    # them (a Chinese query reaches an English-only archive), while a query typed in the
    # index's own language adds nothing and loads no dictionary (SciFact ranks as before).
    return {"translate_into": into, "holds": lambda term: reader.doc_frequency("body", term) > 0}


def _highlight_terms(parsed: ParsedQuery, searcher: Any) -> frozenset[str]:
    if parsed.is_match_all:
        return frozenset()
    terms: set[str] = set()
    reader = searcher.reader()
    # A name's translation (KIPO -> 韩国知识产权局) is marked as names are, by name_highlight_terms:
    # the character pairs of a long Chinese name (知识, 产权) are in every article, not the name.
    body = searcher.schema["body"] if "body" in searcher.schema else None
    names = {tuple(body.process_text(t.target, mode="query")) for t in parsed.translations
             if t.origin == "lexicon"} if body is not None else set()
    for leaf in parsed.query.leaves():
        if leaf.field() not in TEXT_FIELDS:
            continue
        if names and leaf.field() == "body" and _leaf_words(leaf) in names:
            continue
        for _field, text in leaf.expanded_terms(reader, phrases=True):
            terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    chinese = "language" in searcher.schema and any(lang != b"en" for lang in reader.lexicon("language"))
    return frozenset(terms) | name_highlight_terms(parsed.text, searcher.schema, lower_case_names=chinese)


def _leaf_words(leaf: Any) -> tuple[str, ...]:
    """The words a term or phrase query leaf searches."""
    if isinstance(leaf, wq.Phrase):
        return tuple(leaf.words)
    return (leaf.text,) if isinstance(getattr(leaf, "text", None), str) else ()


# ------------------------------------------------------------ explanations


def explain_scores(searcher: Any, query: wq.Query, docnums: Iterable[int]) -> dict[int, str]:
    """What each query leaf (a term in a field, a phrase, a wildcard) adds to each hit's score.

    Each leaf is scored alone on the hits with the searcher's weighting, so the parts are
    exactly what BM25F summed; a remainder (coordination, proximity, compound boosts)
    shows up as its own line rather than being spread over the terms. One matcher per
    leaf walks the hits in document order.
    """
    wanted = sorted(set(docnums))
    totals = _scores(searcher, query, wanted)
    per_leaf = [(leaf, _scores(searcher, leaf, wanted)) for leaf in dict.fromkeys(_scoring_leaves(query))]
    notes: dict[int, str] = {}
    for docnum in wanted:
        total = totals.get(docnum, 0.0)
        parts = [(scores[docnum], _describe(searcher, leaf, docnum)) for leaf, scores in per_leaf if scores.get(docnum)]
        parts.sort(key=lambda p: -p[0])
        lines = [f"score {total:.2f} = sum of:"]
        lines += [f"  {score:6.2f}  {text}" for score, text in parts]
        rest = total - sum(score for score, _ in parts)
        if abs(rest) >= 0.005:
            lines.append(f"  {rest:6.2f}  (query structure: coordination, proximity or boosts)")
        notes[docnum] = "\n".join(lines)
    return notes


def _scoring_leaves(query: wq.Query) -> Iterable[wq.Query]:
    """The parts scored one by one: leaves, and each NOT whole (Whoosh gives a NOT clause 1.0 when it holds)."""
    if isinstance(query, wq.Not) or query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from _scoring_leaves(child)


def _scores(searcher: Any, query: wq.Query, docnums: list[int]) -> dict[int, float]:
    """The query's score on each of the (ascending) ``docnums`` it matches."""
    matcher = query.matcher(searcher, searcher.context())
    found: dict[int, float] = {}
    for docnum in docnums:
        if matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        if not matcher.is_active():
            break
        if matcher.id() == docnum:
            found[docnum] = float(matcher.score())
    return found


def _describe(searcher: Any, leaf: wq.Query, docnum: int) -> str:
    field = leaf.field()
    text = str(leaf)
    if isinstance(leaf, wq.Term) and field:
        postings = searcher.postings(field, leaf.text)
        postings.skip_to(docnum)
        freq = int(postings.weight()) if postings.is_active() and postings.id() == docnum else 0
        length = searcher.reader().doc_field_length(docnum, field)
        idf = getattr(searcher.weighting.scorer(searcher, field, leaf.text), "idf", None)
        facts = [f"{freq}× in {length} {field} tokens" if length else f"{freq}×"]
        facts += [f"idf {idf:.2f}"] if idf is not None else []
        text += f"  ({', '.join(facts)})"
    return text


__all__ = ["SearchIndex", "open_index", "SORTS", "FILTER_FIELDS", "QueryError"]
