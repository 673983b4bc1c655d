"""Text -> tokens, the same way at index and at query time.

One tokenizer walks the text once and splits it by script. Words of alphabetic scripts
are normalised (NFKC: full-width -> half-width), case- and accent-folded, stripped of
possessives, stop-filtered and stemmed with NLTK's Snowball stemmers (English for Latin
script, Russian for Cyrillic). Runs of Han characters are folded Traditional ->
Simplified character by character (a shipped OpenCC-derived table) and cut into
overlapping bigrams, Lucene's CJK approach: no dictionary, no start-up cost, names such
as 申长雨 are never mis-split. At index time every character is also kept as a unigram,
so a one-character query finds the words that contain it; at query time a run of two or
more characters gives only its bigrams (precise, and phrase positions line up).
bench/chinese.py holds the measurements behind this choice (vs jieba).

The schema, analyzers included, is pickled into the index: every class here keeps a
stable import path and no unpicklable state (stemmers and tables load lazily).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Composable, Filter, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS

from .han import HAN, fold_han, t2s_table
from .results import AnalyzedToken

__all__ = [
    "HAN", "fold", "fold_han", "stem", "ScriptTokenizer", "FoldFilter", "StopWordFilter", "SnowballFilter",
    "text_analyzer", "FacetKeyAnalyzer", "facet_key", "analyze",
]

_TOKEN = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>(?:(?![{HAN}])[^\W_])+(?:['’](?:(?![{HAN}])[^\W_])+)*)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str) -> str:
    """NFKC (full-width -> half-width), case-fold, strip accents: Genève == geneve."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class ScriptTokenizer(Tokenizer):
    """Words for alphabetic scripts; bigrams (plus unigrams at index time) for Han runs.

    Positions count bigrams, so a query's bigrams sit at consecutive positions wherever
    the document has the same characters (phrase queries work across Han and Latin runs:
    ``"sipo签署"``). Unigram *i* of a run shares the position of bigram *i*. ``mode ==
    "query"`` leaves unigrams out of runs of two or more characters; every other mode
    (index, highlighting, the ``analyze`` command) emits them. Tokens carry ``script``
    ("han" or "word") so later filters treat each script its own way.
    """

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    @staticmethod
    def han_units(run: str, query: bool) -> tuple[list[tuple[int, int, int]], int]:
        """The units of one Han run as (start, end, position offset), and the positions it takes."""
        n = len(run)
        if n == 1:
            return [(0, 1, 0)], 1
        if query:
            return [(i, i + 2, i) for i in range(n - 1)], n - 1
        units = []
        for i in range(n - 1):
            units.append((i, i + 1, i))
            units.append((i, i + 2, i))
        units.append((n - 1, n, n - 1))
        return units, n - 1

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            t.script = "word"
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        pos = start_pos
        for m in _TOKEN.finditer(value):
            run = m.group(0)
            start = m.start()
            if m.lastgroup == "han":
                units, width = self.han_units(run, mode == "query")
                for i, end, offset in units:
                    t.text = run[i:end]
                    t.script = "han"
                    t.boost = 1.0
                    t.stopped = False
                    if keeporiginal:
                        t.original = t.text
                    if positions:
                        t.pos = pos + offset
                    if chars:
                        t.startchar = start_char + start + i
                        t.endchar = start_char + start + end
                    yield t
                pos += width
            else:
                t.text = run
                t.script = "word"
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = run
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + start
                    t.endchar = start_char + m.end()
                pos += 1
                yield t


class FoldFilter(Filter):
    """Normalise word tokens (see :func:`fold`), drop English possessives; Han via :func:`fold_han`."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if getattr(t, "script", "word") == "han":
                t.text = fold_han(t.text)
                yield t
                continue
            text = fold(t.text)
            if not text.isascii():  # e.g. an untokenized wildcard term such as 知識*
                text = text.translate(t2s_table())
            if text.endswith(("'s", "’s")):
                text = text[:-2]
            text = text.replace("’", "'")
            t.text = text
            if text:
                yield t


class StopWordFilter(Filter):
    """English stop words (Whoosh's list: NLTK's needs a data download)."""

    def __init__(self, stoplist: frozenset[str] = frozenset(STOP_WORDS)) -> None:
        self.stops = stoplist

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.stops == other.stops  # type: ignore[attr-defined]

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stops = self.stops
        for t in tokens:
            if t.text in stops:
                if t.removestops:
                    continue
                t.stopped = True
            else:
                t.stopped = False
            yield t


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a folded word: English for Latin script, Russian for Cyrillic."""
    if not word.isalpha():
        return word
    if _CYRILLIC.search(word):
        return _stemmer("russian").stem(word)
    if not word.isascii():
        return word
    return _stemmer("english").stem(word)


@functools.lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    from nltk.stem.snowball import SnowballStemmer  # lazy: importing nltk costs ~0.2 s

    return SnowballStemmer(language, ignore_stopwords=False)


class SnowballFilter(Filter):
    """Stem word tokens; Han tokens pass through untouched."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if getattr(t, "script", "word") == "word":
                t.text = stem(t.text)
            yield t


def text_analyzer() -> Composable:
    """The analyzer of every full-text field (title, body, entity names)."""
    return ScriptTokenizer() | FoldFilter() | StopWordFilter() | SnowballFilter()


class FacetKeyAnalyzer(Tokenizer):
    """Comma-separated canonical values, folded, so ``countries:kazakhstan`` matches ``Kazakhstan``."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        parts = value.split(",") if tokenize else [value]
        for i, part in enumerate(parts):
            key = facet_key(part)
            if not key:
                continue
            t.text = key
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = part
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(part)
            yield t


def facet_key(value: str) -> str:
    """The indexed form of a facet value."""
    return " ".join(fold(value).split())


def analyze(text: str, mode: str = "index") -> list[AnalyzedToken]:
    """The tokens the index would hold for ``text`` (stop words included, marked)."""
    return [
        AnalyzedToken(t.text, t.pos, t.startchar, t.endchar, bool(t.stopped))
        for t in text_analyzer()(text, positions=True, chars=True, mode=mode, removestops=False)
    ]
