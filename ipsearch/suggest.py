"""Spelling correction for queries: "Kazakstan" -> "Kazakhstan", "Rospatnt" -> "Rospatent".

Text fields are stemmed, and stems make poor suggestions ("intellectu"), so the index
keeps a second, unstemmed word list: the ``spelling`` field holds each distinct surface
word (folded, no Han, no numbers) once per segment, with a count of the documents that
have it (schema.WordList). A query word
is *known* when it, or its stem, is in the index, when it is a word of a lexicon name,
or when it is an English word (pyspellchecker's 160,000-word list): known words are
never touched, so a correctly spelled query is never rewritten, even for a topic the
corpus lacks ("treaty" does not become "great"). An unknown word is replaced by the
nearest index word (Damerau-Levenshtein distance 1, then 2 for words of six letters or
more), ties going to the more frequent word; words of the lexicon's names (every form)
are the fallback when the index has none near.

Candidate search uses Whoosh's Levenshtein automaton over each segment's term list
(``terms_within``), so it costs a few milliseconds per unknown word and nothing at all
when every word is known.

Measured with ``bench/typos.py`` on SciFact (5,183 abstracts, 29,861 spelling words):
one seeded random edit in a word of each of 291 test claims is restored 94% of the
time (4% wrong word, 2% no suggestion); 14 of the 300 claims as written get a
suggestion, 9 of them real typos in the claims; correcting costs p50 16 ms, p95 64 ms
per misspelled claim and 0.13 ms p50 for a clean one; the word list adds 8% to the
build's CPU time (16-19% when it held a posting per document). Without the English list, 5 of 55 correctly spelled queries on
the default corpus were "corrected" (treaty -> great, convention -> conversion).
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from whoosh.analysis.filters import STOP_WORDS
from whoosh.support.levenshtein import damerau_levenshtein

from .analysis import HAN, ScriptTokenizer, facet_key, fold, stem
from .lexicon import default_lexicon

#: The schema field holding unstemmed surface words.
SPELLING_FIELD = "spelling"

#: Words shorter than this are never corrected: too many neighbours to choose from.
MIN_LENGTH = 4
#: Words at least this long may be corrected at edit distance 2.
LONG_WORD = 6
#: Only a query's first words are checked: a pasted page is no typed query, and checking
#: each word costs up to a few milliseconds (10,000 characters of random letters took 4 s).
MAX_CHECKED_WORDS = 64

_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_WILDCARDS = "*?"


_WORD_RUN = re.compile(rf"(?:(?![{HAN}])[^\W_])+")
#: In ASCII text _WORD_RUN's words are the runs of letters and digits: splitting on
#: everything else is a C translate and split, 2-3x faster than the regex.
_ASCII_GAPS = {i: " " for i in range(128) if not chr(i).isalnum()}


def spelling_words(texts: Iterable[str]) -> str:
    """The value of the spelling field: each distinct folded alphabetic word once, space-separated.

    Only whether a word occurs matters here, so words are deduplicated before Whoosh sees
    them, and found by C-level passes (a translate and split for ASCII text, a regex for
    the rest) instead of the full analyzer (which made the index build about a third slower).
    """
    texts = list(texts)
    # Folding ASCII is lower-casing, done once for all ASCII texts; an article's Chinese
    # entity aliases must not send its English body down the per-word path.
    words = set("\n".join(t for t in texts if t.isascii()).lower().translate(_ASCII_GAPS).split())
    other = "\n".join(t for t in texts if not t.isascii())
    if other:
        words.update(fold(run) for run in set(_WORD_RUN.findall(other)) if run.isalpha())
    return " ".join(sorted(w for w in words if len(w) > 1 and w.isalpha()))


@dataclass(frozen=True)
class Correction:
    """A query with its unknown words replaced; ``fixes`` pairs each typed word with its fix."""

    text: str
    fixes: tuple[tuple[str, str], ...]


@functools.lru_cache(maxsize=1)
def lexicon_words() -> dict[str, str]:
    """Folded word -> how the lexicon writes it, for every word of every Latin-script name form."""
    words: dict[str, str] = {}
    tokenize = ScriptTokenizer()
    for entries in default_lexicon().entries.values():
        for entry in entries:
            for form in entry.forms:
                for t in tokenize(form):
                    if t.script == "word" and t.text.isalpha():
                        words.setdefault(fold(t.text), t.text)
    return words


@functools.lru_cache(maxsize=1)
def _english_list() -> bytes:
    """pyspellchecker's English frequency list, a sorted JSON object of 160,000 lowercase words."""
    try:
        resource = importlib.resources.files("spellchecker") / "resources" / "en.json.gz"
        return gzip.decompress(resource.read_bytes())
    except (ImportError, OSError):  # not installed or moved: fall back to index and lexicon only
        return b""


def is_english_word(folded: str) -> bool:
    """Whether a folded word is a known English word (a 2-3 ms search of the list; the list loads once)."""
    return folded.isascii() and b'"' + folded.encode() + b'":' in _english_list()


class Speller:
    """Checks and corrects query words against one open index reader (a Whoosh reader)."""

    def __init__(self, reader: Any, text_fields: tuple[str, ...], facet_fields: tuple[str, ...] = (),
                 known_name: Callable[[str, str], str | None] | None = None) -> None:
        self.reader = reader
        self.known_name = known_name  # (field, value) -> the lexicon's name, or None
        self.text_fields = text_fields
        self.facet_fields = facet_fields
        self.schema = reader.schema

    def correct(self, text: str) -> Correction | None:
        """The query with every unknown word fixed, or None when nothing needs (or can get) a fix."""
        pieces: list[str] = []
        fixes: list[tuple[str, str]] = []
        index = 0
        for start, end, word, field in itertools.islice(self._words(text), MAX_CHECKED_WORDS):
            if self.is_known(word, field):
                continue
            fix = self.suggest(word, field)
            if fix is None:
                continue
            fix = _match_case(word, fix)
            pieces += [text[index:start], fix]
            fixes.append((word, fix))
            index = end
        if not fixes:
            return None
        pieces.append(text[index:])
        return Correction("".join(pieces), tuple(fixes))

    def is_known(self, word: str, field: str | None = None) -> bool:
        """Known words are left alone; so are identifiers such as ``vCJD`` or ``RXRs`` (mixed case)."""
        folded = fold(word)
        if len(folded) < MIN_LENGTH or not folded.isalpha() or folded in STOP_WORDS:
            return True
        if not word.isupper() and any(c.isupper() for c in word[1:]):
            return True
        reader = self.reader
        if field is not None and field not in self.text_fields:
            # A name the lexicon knows (SIPO) is searched as its indexed form: never another name (KIPO).
            return reader.doc_frequency(field, facet_key(word)) > 0 or bool(self.known_name and self.known_name(field, word))
        if reader.doc_frequency(SPELLING_FIELD, folded) > 0 or folded in lexicon_words():
            return True
        stemmed = stem(folded)
        if any(reader.doc_frequency(name, stemmed) > 0 for name in self.text_fields):
            return True
        return is_english_word(folded)

    def suggest(self, word: str, field: str | None = None) -> str | None:
        """The closest known word (folded), preferring index words, then lexicon name words."""
        folded = fold(word)
        vocab_field = SPELLING_FIELD if field is None or field in self.text_fields else field
        maxdist = 2 if len(folded) >= LONG_WORD else 1
        found = self._index_candidates(vocab_field, folded, 1)
        if not found:  # the automaton counts a transposition as two edits: short words get those too
            found = {
                w for w in self._index_candidates(vocab_field, folded, 2)
                if maxdist == 2 or damerau_levenshtein(folded, w, 1) <= 1
            }
        if found:
            return min(found, key=lambda w: self._rank(folded, w, vocab_field))
        if vocab_field != SPELLING_FIELD:
            return None
        near = [w for w in lexicon_words() if w[0] == folded[0] and abs(len(w) - len(folded)) <= maxdist]
        scored = [(damerau_levenshtein(folded, w, maxdist), w) for w in near]
        best = min(((d, w) for d, w in scored if d <= maxdist), default=None)
        return best[1] if best else None

    # ------------------------------------------------------------ internals

    def _index_candidates(self, field: str, folded: str, maxdist: int) -> set[str]:
        """Index terms within ``maxdist`` edits; at distance 2 the first letter must match (5-10x faster)."""
        prefix = 1 if maxdist > 1 else 0
        found: set[str] = set()
        for leaf, _offset in self.reader.leaf_readers():
            if field in leaf.schema and leaf.doc_count():
                found.update(w for w in leaf.terms_within(field, folded, maxdist, prefix=prefix) if w != folded)
        return found

    def _rank(self, folded: str, candidate: str, field: str) -> tuple[int, bool, float, str]:
        distance = damerau_levenshtein(folded, candidate)
        return (distance, candidate[0] != folded[0], -self._frequency(field, candidate), candidate)

    def _frequency(self, field: str, word: str) -> float:
        """How many documents have ``word``. The spelling list posts a word once per segment
        and counts its documents in that posting's weight (see schema.WordList)."""
        if field == SPELLING_FIELD:
            return self.reader.frequency(field, word)
        return self.reader.doc_frequency(field, word)

    def _words(self, text: str) -> Iterator[tuple[int, int, str, str | None]]:
        """(start, end, word, field) for each correctable word; skips field names, operators, wildcards."""
        field: str | None = None
        for t in ScriptTokenizer()(text, chars=True):
            start, end, word = t.startchar, t.endchar, t.text
            before, after = text[start - 1 : start] if start else "", text[end : end + 1]
            if t.script != "word":
                field = None
                continue
            if after == ":" and word in self.schema:
                field = word
                continue
            scoped = field if before == ":" else None
            field = None
            if word in _OPERATORS or (after and after in _WILDCARDS) or (before and before in _WILDCARDS):
                continue
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            if scoped is not None and scoped not in self.text_fields and scoped not in self.facet_fields:
                continue
            yield start, end, word, scoped


def _match_case(typed: str, word: str) -> str:
    """Write the fix the way the user wrote the word: ``KAZAKSTAN`` -> ``KAZAKHSTAN``, names as the lexicon does."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return lexicon_words().get(word, word[:1].upper() + word[1:])
    return word


__all__ = ["Correction", "SPELLING_FIELD", "Speller", "is_english_word", "spelling_words"]
