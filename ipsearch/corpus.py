"""Files on disk -> decoded text.

The corpus is every regular, non-hidden file under a folder. A document's id is its
path relative to that folder in POSIX form, so ids are stable across machines and the
index can be synced file by file. Nothing here knows about Whoosh or metadata.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BadDocumentError, CorpusError
from .han import common_han

#: Files larger than this are skipped with a reason rather than read into memory.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A file found in the corpus, with what ``stat`` says of it (cheap change check)."""

    doc_id: str
    path: Path
    size: int
    mtime_ns: int

    @property
    def stamp(self) -> str:
        return f"{self.size}:{self.mtime_ns}"


@dataclass(frozen=True)
class SourceText:
    """A decoded file: the input of metadata extraction."""

    doc_id: str
    path: Path
    text: str
    encoding: str
    content_hash: str
    size: int
    stamp: str


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why."""

    path: str
    reason: str


def discover(root: Path) -> Iterator[SourceFile | Skipped]:
    """Every regular, non-hidden file under ``root``, sorted for reproducible runs."""
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            try:
                st = path.stat()
            except OSError as exc:
                yield Skipped(rel, f"cannot read: {exc.strerror or exc}")
                continue
            if not stat.S_ISREG(st.st_mode):
                yield Skipped(rel, "not a regular file")
                continue
            yield SourceFile(rel, path, st.st_size, st.st_mtime_ns)


def read_source(file: SourceFile) -> SourceText:
    """Read and decode one file; raise :class:`BadDocumentError` with the reason if it cannot be."""
    if file.size > MAX_FILE_BYTES:
        raise BadDocumentError(
            f"file is {file.size / 1048576:.1f} MB, over the {MAX_FILE_BYTES // 1048576} MB cap"
        )
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        raise BadDocumentError(f"cannot read: {exc.strerror or exc}") from exc
    text, encoding = decode(data)
    if not text.strip():
        raise BadDocumentError("empty file" if not data else "no text (only whitespace)")
    return SourceText(
        doc_id=file.doc_id,
        path=file.path,
        text=text,
        encoding=encoding,
        content_hash=hashlib.sha1(data).hexdigest(),
        size=len(data),
        stamp=file.stamp,
    )


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Encodings guessed for bytes that are not UTF-8, as (recorded name, Python codec).
#: GB18030 is a superset of GBK and GB2312; cp950 is Big5 as Windows writes it.
_GUESSES = (("gb18030", "gb18030"), ("big5", "cp950"), ("cp1252", "cp1252"))
#: Guessing reads only this much: enough to judge, cheap on a 20 MB file.
_SAMPLE_BYTES = 64 * 1024


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises :class:`BadDocumentError` for binary data.

    A BOM decides; else valid UTF-8 is UTF-8; else every candidate (UTF-8 with losses,
    GB18030, Big5, cp1252) decodes a sample and is scored by how plausible its non-ASCII
    characters are (see :func:`_score`): GB18030 and Big5 both decode most Chinese byte
    strings without error, so only what comes out can tell them apart. Bytes that no
    candidate can read are dropped, so a stray invalid byte loses that byte, not the
    document; a single-byte code page is the last resort (Latin-1 never fails).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom):], name.replace("-sig", ""), name)
    if _looks_binary(data):
        raise BadDocumentError("binary file (not text)")
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE_BYTES]
    scores = {name: _score(sample.decode(codec, "replace"), codec) for name, codec in (("utf-8", "utf-8"), *_GUESSES)}
    best = max(scores, key=lambda name: scores[name])  # first wins a tie: utf-8, gb18030, big5, cp1252
    if scores[best] < 0:  # nothing reads it plausibly: keep every byte, as Latin-1
        return _decode_as(data, "latin-1", "latin-1")
    return _decode_as(data, dict(_GUESSES).get(best, best), best)


def _decode_as(data: bytes, codec: str, name: str) -> tuple[str, str]:
    text = data.decode(codec, "replace")
    if "\ufffd" in text:
        text = text.replace("\ufffd", "")
        name += " (invalid bytes dropped)"
    return _normalise_newlines(text), name


def _score(text: str, codec: str) -> float:
    """How plausible a decoding is (1 at best, below 0 mostly implausible): its non-ASCII characters by byte length.

    Plausible: for the Chinese codecs, common Han characters (GB2312 level 1, in either
    script) and CJK punctuation; for cp1252, letters next to an ASCII letter (Genève) and
    typographic punctuation next to ASCII; for UTF-8, any character it decodes (its byte
    patterns rarely occur by chance). Undecodable bytes count double against.
    """
    common = common_han()
    good = bad = total = 0
    n = len(text)
    for i, c in enumerate(text):
        if c < "\x80":
            continue
        if c == "\ufffd":
            bad += 2
            total += 1
            continue
        width = 1 if codec == "cp1252" else len(c.encode(codec, "replace"))
        total += width
        if codec == "utf-8":
            good += width
        elif codec == "cp1252":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if c.isalpha() and (before.isascii() and before.isalpha() or after.isascii() and after.isalpha()):
                good += width
            elif c in _TYPOGRAPHY and (before.isascii() or after.isascii()):
                good += width
        elif c in common or c in _CJK_PUNCTUATION or "\uff01" <= c <= "\uff5e":
            good += width
    if not total:
        return 0.0
    return (good - (total - good) - bad) / total


_TYPOGRAPHY = frozenset("“”‘’–—…€£°•·«»©®™§±×")
_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉「」『』【】—…·　％")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def _normalise_newlines(text: str) -> str:
    """Unix newlines; no-break spaces become spaces (same length, so offsets hold)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u3000", " ")
