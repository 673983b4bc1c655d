"""Files on disk -> decoded text.

The corpus is every regular, non-hidden file under a folder. A document's id is its
path relative to that folder in POSIX form, so ids are stable across machines and the
index can be synced file by file. Nothing here knows about Whoosh or metadata.

Archives hold everything, so nothing found is dropped silently: what cannot be indexed
comes back as :class:`Skipped` (from :func:`discover`) or :class:`BadDocumentError`
(from :func:`read_source`) with a reason a person can act on.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import BadDocumentError, CorpusError, FileVanishedError, UnreadableFileError
from .formats import convert, declared_charset, format_of
from .han import common_han, strip_glued_pinyin

#: Files larger than this are skipped with a reason rather than read. A news article is a
#: few kilobytes; a file of many megabytes is a dump, a log or a mislabelled binary, and
#: slows every search that shows it (its snippet is cut from the whole text): measured
#: here, a 5 MB text took 8 s to index and 0.3 s per search showing it, a 20 MB one 32 s
#: and 1.8 s. ``--max-file-mb`` raises it.
MAX_FILE_BYTES = 5 * 1024 * 1024

#: How often a file that changes while it is read is read again before it is skipped.
READ_ATTEMPTS = 3


@dataclass(frozen=True)
class SourceFile:
    """A file found in the corpus, with what ``stat`` says of it (cheap change check).

    ``doc_id`` is always valid Unicode (see :func:`display_name`); ``path`` is the real
    name on disk, which on POSIX may hold bytes that are not UTF-8.
    """

    doc_id: str
    path: Path
    size: int
    mtime_ns: int

    @property
    def stamp(self) -> str:
        return f"{self.size}:{self.mtime_ns}"


@dataclass(frozen=True)
class SourceText:
    """A decoded file: the input of metadata extraction.

    For a saved web page or a Markdown file, ``text`` is what its format reader produced
    (title line, date line, visible text: see :mod:`ipsearch.formats`), and ``title`` and
    ``date`` are what the page declared (None for plain text, or when it declares none).
    """

    doc_id: str
    path: Path
    text: str
    encoding: str
    content_hash: str
    size: int
    stamp: str
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why."""

    path: str
    reason: str


def display_name(name: str) -> str:
    """``name`` as valid Unicode: bytes of a file name that are not UTF-8 become ``\\xNN``.

    POSIX file names are bytes; Python hands undecodable ones over as lone surrogates,
    which neither JSON, a terminal nor Whoosh's UTF-8 term store can take.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def too_big_reason(size: int, max_bytes: int) -> str:
    return f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB size cap (see --max-file-mb)"


def discover(root: Path, exclude: Iterable[Path] = (), *, follow_links: bool = False) -> Iterator[SourceFile | Skipped]:
    """Every regular, non-hidden file under ``root``, in sorted order for reproducible runs.

    A link to a file outside ``root`` is skipped unless ``follow_links`` (as FSCrawler does:
    a corpus folder should not publish whatever a link points at, say ``~/.ssh``); a link
    to another file of the corpus is skipped as a duplicate; links to folders are never
    followed (they can loop or pull in a whole disk).
    Unreadable folders, broken links, link loops, special files and names that clash once
    escaped come back as :class:`Skipped`. Folders in ``exclude`` (the index) are left out.
    """
    root = Path(root)
    try:
        st = root.stat()
    except FileNotFoundError:
        raise CorpusError(f"corpus folder not found: {root}") from None
    except OSError as exc:
        raise CorpusError(f"cannot open corpus folder {root}: {_reason(exc)}") from exc
    if not stat.S_ISDIR(st.st_mode):
        raise CorpusError(f"corpus path is not a folder: {root}")
    excluded = {key for key in (_inode(Path(p)) for p in exclude) if key is not None}
    real_root = Path(os.path.realpath(root))
    ids: dict[str, str] = {}
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if not prefix:
                raise CorpusError(f"cannot list corpus folder {root}: {_reason(exc)}") from exc
            yield Skipped(display_name(prefix.rstrip("/")), f"folder cannot be read ({_reason(exc)}); nothing in it is indexed")
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not (excluded and _inode(Path(entry.path)) in excluded):
                        subfolders.append((entry.path, rel + "/"))
                    continue
            except OSError:
                pass  # classified below
            item = _classify(entry, rel, real_root, excluded, follow_links)
            if isinstance(item, SourceFile):
                first = ids.setdefault(item.doc_id, rel)
                if first != rel:
                    raw = rel.encode("utf-8", "surrogateescape")
                    item = Skipped(item.doc_id, f"its name {raw!r} reads the same as another file's once "
                                                "bytes that are not UTF-8 are shown as \\xNN; rename one of them")
            yield item
        stack.extend(reversed(subfolders))


def _classify(entry: os.DirEntry[str], rel: str, real_root: Path, excluded: set[tuple[int, int]],
              follow_links: bool = False) -> SourceFile | Skipped:
    doc_id = display_name(rel)
    is_link = False
    try:
        is_link = entry.is_symlink()
        st = os.stat(entry.path)  # follows links
    except FileNotFoundError:
        if is_link:
            return Skipped(doc_id, "broken link (its target does not exist)")
        return Skipped(doc_id, "vanished during the run (deleted after it was found)")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(doc_id, "symlink loop (the link leads back to itself)")
        return Skipped(doc_id, f"cannot read: {_reason(exc)}")
    if is_link:
        if stat.S_ISDIR(st.st_mode):
            return Skipped(doc_id, "link to a folder (not followed: it could loop or lead outside the corpus)")
        target = Path(os.path.realpath(entry.path))
        try:
            inside = target.relative_to(real_root)
        except ValueError:
            inside = None
        if inside is not None and not any(part.startswith(".") for part in inside.parts) and not _under(target, excluded):
            return Skipped(doc_id, f"link to {display_name(inside.as_posix())}, which is indexed under its own id")
        if inside is None and not follow_links:
            return Skipped(doc_id, "link to a file outside the corpus folder (not followed; --follow-links to index it)")
    if not stat.S_ISREG(st.st_mode):
        return Skipped(doc_id, f"not a regular file ({_kind(st.st_mode)})")
    return SourceFile(doc_id, Path(entry.path), st.st_size, st.st_mtime_ns)


def read_source(file: SourceFile, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read and decode one file, or raise :class:`BadDocumentError` saying why it cannot be.

    :class:`UnreadableFileError` (permissions, I/O, a file still being written) and its
    :class:`FileVanishedError` mean the file itself may be fine; any other
    :class:`BadDocumentError` means its content cannot be indexed.
    """
    if file.size > max_bytes:
        raise BadDocumentError(too_big_reason(file.size, max_bytes))
    data, st = _read_stable(file.path, max_bytes)
    fmt = format_of(file.path.suffix)
    text, encoding = decode_page(data) if fmt == "html" else decode(data)
    if not text.strip():
        raise BadDocumentError("empty file" if not data else "no text (only whitespace)")
    text = strip_glued_pinyin(text)
    title = date = None
    if fmt is not None:
        formatted = convert(text, fmt)
        text, title, date = formatted.text, formatted.title, formatted.date
        if not text.strip():
            raise BadDocumentError(f"no visible text in this {'web page' if fmt == 'html' else 'Markdown file'}")
    return SourceText(
        doc_id=file.doc_id,
        path=file.path,
        text=text,
        encoding=encoding,
        content_hash=hashlib.sha1(data).hexdigest(),
        size=len(data),
        stamp=f"{st.st_size}:{st.st_mtime_ns}",
        title=title,
        date=date,
    )


def decode_page(data: bytes) -> tuple[str, str]:
    """A web page's bytes -> (text, encoding): like :func:`decode`, but a charset the page
    declares is trusted when the bytes are not UTF-8 (a BOM or valid UTF-8 still wins: pages
    saved by a browser are re-encoded while their ``<meta charset>`` keeps the old name)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode(data)
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = declared_charset(data)
    if codec is None or _looks_binary(data):
        return decode(data)
    return _decode_as(data, codec, codec)


def _read_stable(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and the ``stat`` they belong to, read again if the file moved meanwhile."""
    for _ in range(READ_ATTEMPTS):
        data, before, after = _read_once(path, max_bytes)
        if len(data) > max_bytes:
            raise BadDocumentError(too_big_reason(max(len(data), after.st_size), max_bytes))
        if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns) and len(data) == after.st_size:
            return data, after
    raise UnreadableFileError("changed while being read (still being written?); it is indexed by a later run")


def _read_once(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result, os.stat_result]:
    # O_NONBLOCK: a file swapped for a FIFO after discovery must not hang the run.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise FileVanishedError("vanished during the run (deleted after it was found)") from exc
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {_reason(exc)}") from exc
    try:
        with open(fd, "rb", closefd=True) as fh:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise BadDocumentError(f"not a regular file ({_kind(before.st_mode)})")
            if before.st_size > max_bytes:
                raise BadDocumentError(too_big_reason(before.st_size, max_bytes))
            # One byte more than stat says shows growth; asking for max_bytes + 1 made
            # CPython allocate 5 MB per file (190 us each on Reuters' 1 KB articles).
            data = fh.read(min(before.st_size, max_bytes) + 1)
            after = os.fstat(fd)
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {_reason(exc)}") from exc
    return data, before, after


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "special file"


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _under(path: Path, folders: set[tuple[int, int]]) -> bool:
    return any(_inode(parent) in folders for parent in path.parents) if folders else False


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
    if scores[best] < 0:
        # Nothing reads it plausibly. A few stray bytes in otherwise valid UTF-8 are lost;
        # anything worse keeps every byte, as Latin-1.
        stray = data.decode("utf-8", "replace").count("\ufffd")
        if stray <= max(2, len(data) // 2000):
            return _decode_as(data, "utf-8", "utf-8")
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
            if c in _WESTERN_LETTERS and (before.isascii() and before.isalpha() or after.isascii() and after.isalpha()):
                good += width
            elif c in _TYPOGRAPHY and (before.isascii() or after.isascii()):
                good += width
        elif c in common or c in _CJK_PUNCTUATION or "\uff01" <= c <= "\uff5e":
            good += width
    if not total:
        return 0.0
    return (good - (total - good) - bad) / total


# Accented letters of Western European words; rare ones (ÿ, þ, ð) are more often a stray byte.
_WESTERN_LETTERS = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýßœšžÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŒŠŽ")
_TYPOGRAPHY = frozenset("“”‘’–—…€£°•·«»©®™§±×")
_CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉「」『』【】—…·　％")


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # C-level count of control bytes
    return bool(head) and controls / len(head) > 0.05


def _normalise_newlines(text: str) -> str:
    """Unix newlines; no-break spaces become spaces (same length, so offsets hold)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u3000", " ")
