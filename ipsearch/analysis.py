"""Text -> tokens, the same way at index and at query time.

One tokenizer walks the text once and splits it by script. Words of alphabetic scripts
are normalised (NFKC: full-width -> half-width), case- and accent-folded, stripped of
possessives, stop-filtered and stemmed with NLTK's Snowball stemmers (English for Latin
script, Russian for Cyrillic; a search stems a word its index never saw with Whoosh's
port of them, which gives the same stems, see :func:`stem`). Runs of Han characters are folded
Traditional -> Simplified character by character (a shipped OpenCC-derived table) and cut into
overlapping bigrams, Lucene's CJK approach: no dictionary, no start-up cost, names such
as 申长雨 are never mis-split. At index time every character is also kept as a unigram,
so a one-character query finds the words that contain it; at query time a run of two or
more characters gives only its bigrams (precise, and phrase positions line up).
bench/chinese.py holds the measurements behind this choice (vs jieba).

The schema, analyzers included, is pickled into the index: every class here keeps a
stable import path and no unpicklable state (stemmers and tables load lazily).
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh.analysis import Composable, Filter, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS

from .han import HAN, fold_han, t2s_table
from .results import AnalyzedToken

__all__ = [
    "HAN", "STEMS_FILE", "fold", "fold_han", "stem", "save_stems", "discard_stems", "recover_stems", "use_stems", "prefetch_stems", "ScriptTokenizer", "FoldFilter", "StopWordFilter", "SnowballFilter",
    "text_analyzer", "FacetKeyAnalyzer", "facet_key", "analyze",
]

_TOKEN = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>(?:(?![{HAN}])[^\W_])+(?:['’](?:(?![{HAN}])[^\W_])+)*)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str) -> str:
    """NFKC (full-width -> half-width), case-fold, strip accents: Genève == geneve."""
    if text.isascii():  # the common case, 4x faster: NFKC leaves ASCII alone, casefold == lower
        return text.lower()
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
            t.text = text = fold_word(t.text)
            if text:
                yield t


def fold_word(word: str) -> str:
    """A word token's folded form (see :func:`fold`), English possessive dropped."""
    text = fold(word)
    if not text.isascii():  # e.g. an untokenized wildcard term such as 知識*
        text = text.translate(t2s_table())
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.replace("’", "'")


#: English stop words (Whoosh's list: NLTK's needs a data download).
_STOPS = frozenset(STOP_WORDS)


class StopWordFilter(Filter):
    """English stop words (Whoosh's list: NLTK's needs a data download)."""

    def __init__(self, stoplist: frozenset[str] = _STOPS) -> None:
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


#: The file beside an index that holds the stems of the words it has seen (SQLite).
STEMS_FILE = "stems.sqlite"
#: word -> stem for every word stemmed or looked up in this process.
_STEMS: dict[str, str] = {}
#: Stem files to look words up in before stemming them (see :func:`use_stems`).
_STEM_DBS: dict[Path, Any] = {}


def stem(word: str, reference: bool = False) -> str:
    """Snowball stem of a folded word: English for Latin script, Russian for Cyrillic.

    ``reference`` (the index writer's choice) stems with NLTK's Snowball stemmers; a
    search stems a word its index never saw with Whoosh's port of them (see
    :func:`_stemmer`), which gives the same stems without NLTK's import.
    """
    found = _STEMS.get(word)
    if found is not None:
        return found
    if not word.isalpha():
        return word
    language = "english" if word.isascii() else "russian" if _CYRILLIC.search(word) else None
    if language is None:
        return word
    found = _lookup_stem(word) if _STEM_DBS else None
    if found is None:
        found = (_reference_stemmer(language) if reference else _stemmer(language)).stem(word)
    _STEMS[word] = found
    return found


def save_stems(path: Path) -> None:
    """Add every stem known in this process to the stem file at ``path``.

    Indexes keep one beside them so that a query process finds its words' stems there
    and never imports NLTK (0.1-0.5 s of start-up) for a word the index has seen. It is
    SQLite so that a query looks up its few words (about 3 ms with the import) instead of
    loading the whole vocabulary, and so that parallel workers can add to it at once.
    The file is only a cache: one that SQLite cannot use (damaged, a killed run's journal
    that does not roll back) is deleted and written afresh, never an error of the run.
    """
    import sqlite3

    for attempt in range(2):
        try:
            with contextlib.closing(sqlite3.connect(path, timeout=60)) as db, db:
                db.execute("CREATE TABLE IF NOT EXISTS stems (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
                db.executemany("INSERT OR IGNORE INTO stems VALUES (?, ?)", _STEMS.items())
            return
        except sqlite3.DatabaseError:
            discard_stems(path)  # the second attempt starts from nothing; if that fails too, searches stem with NLTK


def discard_stems(path: Path) -> None:
    """Delete the stem file and SQLite's files beside it (journal, WAL)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()
    _STEM_DBS.pop(Path(path), None)


def recover_stems(path: Path, *, discard: bool = False) -> None:
    """Before a run writes: roll back a killed run's journal (SQLite does so when the file is
    next written; searches only read it), or discard the file when it cannot be (or ``discard``:
    a rebuild starts every part of the index afresh)."""
    import sqlite3

    if discard:
        discard_stems(path)
        return
    if not Path(f"{path}-journal").exists():
        return
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=60)) as db:
            db.execute("BEGIN IMMEDIATE")  # a writer's lock: SQLite rolls the hot journal back here
            db.rollback()
            db.execute("SELECT count(*) FROM stems").fetchone()
    except sqlite3.Error:
        discard_stems(path)
    if Path(f"{path}-journal").exists():  # an empty journal SQLite left in place
        with contextlib.suppress(OSError):
            Path(f"{path}-journal").unlink()


def known_stems() -> int:
    """How many stems this process knows: a mark for :func:`new_stems`."""
    return len(_STEMS)


def new_stems(mark: int) -> dict[str, str]:
    """Stems learnt since ``mark`` (a worker process hands them to its parent)."""
    return dict(list(_STEMS.items())[mark:])


def remember_stems(stems: dict[str, str]) -> None:
    _STEMS.update(stems)


def use_stems(path: Path) -> None:
    """Look words up in the stem file at ``path`` (if there is one) before stemming them."""
    _STEM_DBS.setdefault(Path(path), None)


def prefetch_stems(words: Iterable[str]) -> None:
    """Look many words up at once (highlighting a page meets hundreds, one query each is slow)."""
    if not _STEM_DBS:
        return
    missing = [w for w in set(words) if w not in _STEMS and w.isalpha()]
    for path in list(_STEM_DBS):
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            rows = _query_stems(path, f"SELECT word, stem FROM stems WHERE word IN ({','.join('?' * len(chunk))})", chunk)
            _STEMS.update(rows or ())


def _lookup_stem(word: str) -> str | None:
    for path in list(_STEM_DBS):
        rows = _query_stems(path, "SELECT word, stem FROM stems WHERE word = ?", [word])
        if rows:
            return str(rows[0][1])
    return None


def _query_stems(path: Path, sql: str, args: list[str]) -> list[tuple[str, str]] | None:
    import sqlite3

    try:
        db = _STEM_DBS[path]
        if db is None:
            db = _STEM_DBS[path] = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                                   check_same_thread=False)
        return db.execute(sql, args).fetchall()
    except (sqlite3.Error, ValueError):  # no file (yet), or not ours: stem without it
        _STEM_DBS.pop(path, None)
        return None


@functools.lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    """Whoosh's port of NLTK's Snowball stemmers: the same stem for every word of
    pyspellchecker's English and Russian lists (tests/test_analysis.py), in a 2 ms import
    where ``import nltk`` cost a search ~0.2 s for each word its index had never seen."""
    from whoosh.lang import two_letter_code
    from whoosh.lang.snowball import classes

    return classes[two_letter_code(language)]()


@functools.lru_cache(maxsize=4)
def _reference_stemmer(language: str) -> Any:
    """NLTK's Snowball stemmer: what an index is built with (a 0.1-0.2 s import, once per build)."""
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(language, ignore_stopwords=False)


class SnowballFilter(Filter):
    """Stem word tokens; Han tokens and stop words (never indexed) pass through untouched."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if getattr(t, "script", "word") == "word" and not t.stopped:
                t.text = stem(t.text)
            yield t


def text_analyzer() -> Composable:
    """The analyzer of every full-text field (title, body, entity names)."""
    return ScriptTokenizer() | FoldFilter() | StopWordFilter() | SnowballFilter()


#: surface word -> indexed term ("" for a stop word or nothing): each distinct word is
#: folded, stop-checked and stemmed once per process instead of once per occurrence.
_INDEX_TERMS: dict[str, str] = {}
_HAN_CHAR = re.compile(f"[{HAN}]")
_PLAIN_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # _TOKEN's word, for text without Han


def index_positions(text: str) -> dict[str, list[int]]:
    """term -> positions: what :func:`text_analyzer` yields at index time, about 5x faster.

    The index writer (:mod:`ipsearch.writer`) calls this instead of running Whoosh's
    token pipeline per occurrence; tests hold the two equal on real and random texts.
    """
    out: dict[str, list[int]] = {}
    terms = _INDEX_TERMS
    if not _HAN_CHAR.search(text):
        for pos, word in enumerate(_PLAIN_WORD.findall(text)):
            term = terms.get(word)
            if term is None:
                term = terms[word] = _index_term(word)
            if term:
                if term in out:
                    out[term].append(pos)
                else:
                    out[term] = [pos]
        return out
    pos = 0
    for m in _TOKEN.finditer(text):
        run = m.group(0)
        if m.lastgroup == "han":
            units, width = ScriptTokenizer.han_units(run, False)
            for i, end, offset in units:
                out.setdefault(fold_han(run[i:end]), []).append(pos + offset)
            pos += width
        else:
            term = terms.get(run)
            if term is None:
                term = terms[run] = _index_term(run)
            if term:
                out.setdefault(term, []).append(pos)
            pos += 1
    return out


def _index_term(word: str) -> str:
    text = fold_word(word)
    return "" if not text or text in _STOPS else stem(text, reference=True)


class FacetKeyAnalyzer(Tokenizer):
    """Comma-separated canonical values, folded, so ``countries:kazakhstan`` matches ``Kazakhstan``."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    @staticmethod
    def keys(value: str) -> list[str]:
        """The texts :meth:`__call__` yields for ``value``, without token objects (the index writer's path)."""
        return [key for key in map(facet_key, value.split(",")) if key]

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
