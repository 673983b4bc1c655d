"""Snippets: the best passages of a hit's text around the query's words, with where they matched.

Highlighting re-analyses each shown body with the index's own analyzer (so a stem or a
Han bigram marks what it matched); :class:`MemoAnalyzer` keeps that cheap. Which lines
may be quoted is decided at extraction (``Document.chrome``, stored per document), so a
search needs none of the extraction rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from whoosh import highlight
from whoosh.analysis import Token

from .extract import snippet_lines
from .han import HAN
from .results import Span

SNIPPET_CHARS = 240


class MemoAnalyzer:
    """A field analyzer whose filters run once per distinct token, for highlighting.

    Highlighting re-analyzes every shown body; a word always filters to the same terms,
    so remembering them skips the filter chain for all but new words (snippets about 2x
    faster). Used for snippets only: the index and queries use the analyzer itself.
    """

    MAX_WORDS = 200_000

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        items = getattr(analyzer, "items", None)
        self.tokenizer: Any = items[0] if items else None
        self.filters: Any = items[1:] if items else ()
        self.memo: dict[tuple[str, str], tuple[str, ...]] = {}
        #: Words already looked up in the stem file (stop words and unknown ones are never found there).
        self.asked: set[str] = set()

    def __call__(self, text: str, **kwargs: Any) -> Iterator[Any]:
        if self.tokenizer is None:
            yield from self.analyzer(text, **kwargs)
            return
        memo = self.memo
        for token in self.tokenizer(text, **kwargs):
            key = (token.text, getattr(token, "script", ""))
            terms = memo.get(key)
            if terms is None:
                stream: Iterator[Any] = iter([token.copy()])
                for f in self.filters:
                    stream = f(stream)
                terms = memo[key] = tuple(t.text for t in stream)
                if len(memo) > self.MAX_WORDS:
                    memo.clear()
                    self.asked.clear()
            for term in terms:
                token.text = term
                yield token


#: One token of a highlighting stream: (text, startchar, endchar, boost), what highlighting reads.
TokenRecord = tuple[str, int, int, float]


class TokenMemo:
    """Each shown text's snippet source and highlighting token stream, by key, to replay.

    A hit's snippet re-analyses its text for every query that shows it; the text and its
    tokens depend only on the document, so the owner (one searcher generation: keys are
    its document numbers) keeps them for the :attr:`MAX_TEXTS` texts shown last and
    later queries only mark and cut. Replaying yields the same token values in the same
    order, so snippets come out the same byte for byte.
    """

    MAX_TEXTS = 2000

    def __init__(self) -> None:
        self._items: dict[Any, tuple[str, tuple[TokenRecord, ...] | None]] = {}

    def get(self, key: Any) -> tuple[str, tuple[TokenRecord, ...] | None] | None:
        found = self._items.pop(key, None)
        if found is not None:
            self._items[key] = found  # most recently used last
        return found

    def put(self, key: Any, text: str, tokens: tuple[TokenRecord, ...] | None) -> None:
        self._items.pop(key, None)
        self._items[key] = (text, tokens)
        if len(self._items) > self.MAX_TEXTS:
            del self._items[next(iter(self._items))]

    def has_tokens(self, key: Any) -> bool:
        found = self._items.get(key)
        return found is not None and found[1] is not None


class _Recording:
    """An analyzer that records the stream it yields; ``tokens`` is None unless it was read to the end
    (highlighting stops reading at Whoosh's character limit)."""

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.tokens: tuple[TokenRecord, ...] | None = None

    def __call__(self, text: str, **kwargs: Any) -> Iterator[Any]:
        seen: list[TokenRecord] = []
        add = seen.append
        for t in self.analyzer(text, **kwargs):
            add((t.text, t.startchar, t.endchar, t.boost))
            yield t
        self.tokens = tuple(seen)


class _Replay:
    """An analyzer that yields a recorded token stream, one reused token as analyzers do."""

    def __init__(self, tokens: tuple[TokenRecord, ...]) -> None:
        self.tokens = tokens

    def __call__(self, text: str, **kwargs: Any) -> Iterator[Any]:
        t = Token(positions=False, chars=True, removestops=False, mode="index")
        for t.text, t.startchar, t.endchar, t.boost in self.tokens:
            yield t


class _SpanFormatter(highlight.Formatter):
    """Joins fragments with an ellipsis and records where the matches are."""

    between = " … "

    def format(self, fragments: Iterable[highlight.Fragment], replace: bool = False) -> Any:  # type: ignore[override]
        out: list[str] = []
        spans: list[Span] = []
        length = 0
        last_end = 0
        frags = list(fragments)
        # Matches of every fragment: a widened fragment shows (and marks) its neighbour's too.
        merged: list[list[int]] = []
        for t in sorted((t for f in frags for t in f.matches), key=lambda t: (t.startchar, -t.endchar)):
            if merged and t.startchar <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], t.endchar)
            else:
                merged.append([t.startchar, t.endchar])
        for i, frag in enumerate(frags):
            text = frag.text
            start, end = _snap_to_clauses(text, frag.startchar, frag.endchar, last_end)
            if i and start > last_end:
                gap = text[last_end:start]
                joint = self.between if gap.strip() else gap  # adjacent fragments just continue
                out.append(joint)
                length += len(joint)
            index = start
            last_end = end
            for s, e in merged:
                s, e = max(s, index), min(e, end)
                if s >= e:
                    continue
                piece = text[index:s]
                out.append(piece)
                length += len(piece)
                spans.append(Span(length, length + (e - s)))
                out.append(text[s:e])
                length += e - s
                index = e
            tail = text[index:end]
            out.append(tail)
            length += len(tail)
        return "".join(out), tuple(spans)


_HAN_CHAR = re.compile(f"[{HAN}]")
_CLAUSE_MARKS = "。！？；，、：\n"
_SNAP_CHARS = 30


def _snap_to_clauses(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Move fragment edges that cut through a Han run out to the nearest clause mark.

    Chinese has no spaces, so a fragment cut at a character budget starts and ends
    mid-word; a clause mark (，。；) within a few characters makes a readable edge.
    Edges in other scripts are left alone. ``floor`` keeps fragments from overlapping.
    """
    start = max(start, floor)
    if 0 < start < len(text) and _HAN_CHAR.match(text[start - 1]) and _HAN_CHAR.match(text[start]):
        marks = [text.rfind(m, max(floor, start - _SNAP_CHARS), start) for m in _CLAUSE_MARKS]
        best = max(marks)
        if best >= 0:
            start = best + 1
    if 0 < end < len(text) and _HAN_CHAR.match(text[end - 1]) and _HAN_CHAR.match(text[end]):
        marks = [i for i in (text.find(m, end, end + _SNAP_CHARS) for m in _CLAUSE_MARKS) if i >= 0]
        if marks:
            end = min(marks) + 1
    return start, max(start, end)


def mark_spans(text: str, terms: frozenset[str], analyzer: Any) -> tuple[Span, ...]:
    """Where ``terms`` occur in the whole of ``text`` (one span per run of marked words)."""
    if not terms:
        return ()
    marked, spans = highlight.highlight(text, terms, analyzer, highlight.WholeFragmenter(), _SpanFormatter(),
                                        top=1, mode="index")
    return tuple(spans) if marked == text else ()  # spans index ``text`` only when it came back whole


_WS = re.compile(r"\s+")


def snippet_source(body: str, title: str, chrome: Sequence[int] | None = None) -> str:
    """The text snippets quote from: ``body`` without its page furniture, spaces collapsed.

    ``chrome`` numbers the :func:`snippet_lines` to leave out (found now when None).
    """
    if chrome is None:  # an index written before the ``chrome`` field: the one case that loads the rules
        from .extract.layout import chrome_lines

        chrome = chrome_lines(body, title)
    skip = frozenset(chrome)
    lines = snippet_lines(body, title)
    return _WS.sub(" ", "\n".join(line for i, line in enumerate(lines) if i not in skip)).strip()


def make_snippet(
    body: str, title: str, terms: frozenset[str], analyzer: Any, chrome: Sequence[int] | None = None,
    memo: TokenMemo | None = None, key: Any = None,
) -> tuple[str, tuple[Span, ...]]:
    """The best passages of ``body`` around matched terms, or its opening when none match.

    ``chrome`` numbers the :func:`snippet_lines` to leave out (found now when None).
    With a ``memo``, the text and its tokens are kept under ``key`` (see :class:`TokenMemo`).
    """
    cached = memo.get(key) if memo is not None else None
    text, tokens = cached if cached is not None else (snippet_source(body, title, chrome), None)
    if terms:
        source: Any = analyzer if memo is None else _Recording(analyzer) if tokens is None else _Replay(tokens)
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=80)
        # mode='index': Han unigrams too, so a one-character query is highlighted.
        snippet, spans = highlight.highlight(text, terms, source, fragmenter, _SpanFormatter(), top=2, mode="index")
        if isinstance(source, _Recording) and memo is not None:
            memo.put(key, text, source.tokens)
        if snippet:
            return snippet.strip(), spans
    if memo is not None and cached is None and not terms:
        memo.put(key, text, None)  # the text alone: tokens are recorded when a query first marks it
    if len(text) <= SNIPPET_CHARS:
        return text, ()
    cut = max(text.rfind(" ", 0, SNIPPET_CHARS), *(text.rfind(m, 0, SNIPPET_CHARS - 1) + 1 for m in "。！？；，"))
    return text[: cut if cut > SNIPPET_CHARS // 2 else SNIPPET_CHARS].rstrip() + " …", ()


__all__ = ["MemoAnalyzer", "SNIPPET_CHARS", "TokenMemo", "make_snippet", "mark_spans", "snippet_source"]
