"""Text -> tokens, the same way at index and at query time.

One tokenizer walks the text once and splits it by script: runs of Han characters
become overlapping bigrams (Lucene's CJK approach: no dictionary, no start-up cost,
both scripts handled alike), everything else becomes words that are normalised,
accent-folded, stripped of possessives, stop-filtered and stemmed with NLTK's
Snowball stemmers (English for Latin script, Russian for Cyrillic).

The schema, analyzers included, is pickled into the index: every class here keeps a
stable import path and no unpicklable state (the stemmers are created lazily).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Composable, Filter, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS

from .results import AnalyzedToken

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
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
    """Words for alphabetic scripts, overlapping bigrams for Han runs.

    A Han run of one character is kept as that character, so a one-character
    query still finds something. Tokens carry ``script`` ("han" or "word") so
    later filters can leave Han tokens alone.
    """

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
                grams = [(i, i + 2) for i in range(len(run) - 1)] or [(0, 1)]
                for a, b in grams:
                    t.text = run[a:b]
                    t.script = "han"
                    t.boost = 1.0
                    t.stopped = False
                    if keeporiginal:
                        t.original = t.text
                    if positions:
                        t.pos = pos
                    if chars:
                        t.startchar = start_char + start + a
                        t.endchar = start_char + start + b
                    pos += 1
                    yield t
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
    """Normalise word tokens (see :func:`fold`) and drop English possessives."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            text = fold(t.text)
            if getattr(t, "script", "word") == "word":
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
