"""The index folder on disk: which Whoosh index in it is current, and who may write.

A folder holds one or more Whoosh indexes ("generations", told apart by Whoosh's
``indexname``) and a small ``ipsearch.json`` naming the current one. A rebuild writes
a new generation beside the old ("staged", also named in ``ipsearch.json`` so the next
run can finish it) and switches ``ipsearch.json`` by atomic rename, so an interrupted
rebuild leaves the last good index searchable. Writers hold an OS lock on
``ipsearch.lock`` that dies with the process, so a killed run never blocks the next.

Readers take no lock. A commit or a rebuild may delete files a reader was about to
open, so opening retries on a fresh view before it calls the index damaged.

ipsearch's writer (:class:`ipsearch.writer.FastSegmentWriter`) writes each segment as plain
files, one per part, not as Whoosh's compound file, and readers map them: a new search
process then reads only the pages it needs instead of copying every part it opens (see
:class:`_Storage`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import mmap
import os
import re
import shutil
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile

from .errors import (
    CorruptIndexError,
    IndexLockedError,
    IndexNotFoundError,
    IndexWriteError,
    IpsearchError,
    QueryError,
    SchemaVersionError,
    UsageError,
)
from .lexicon import UserLexicon, parse_user_lexicon
from .schema import SCHEMA_VERSION, build_schema
from .whoosh_internals import write_lock_name

META_FILE = "ipsearch.json"
LOCK_FILE = "ipsearch.lock"
REBUILD_HINT = "run `ipsearch index --rebuild`"

#: Names of generation files (``gYYYYmmddHHMMSSxxxxxx``, Whoosh adds ``_`` or ``.`` and a suffix).
_GENERATION_FILE = re.compile(r"^_?(g\d{14}[0-9a-f]{6})[_.]")
#: Where an indexing worker process leaves its report (``PART_PREFIX<pid>-<k>``).
PART_PREFIX = "ipsearch.part-"
#: Leftovers of a killed run: a half-written meta file, or a worker's report.
_LEFTOVER = re.compile(r"^ipsearch\.(?:tmp|part)-[\d-]+$")

#: How often opening is tried when files vanish under a reader because a writer moved on.
OPEN_ATTEMPTS = 5
#: How long an open waits for a first run's new generation to get its table of contents.
CREATE_WAIT_SECONDS = 5.0

T = TypeVar("T")


class _MappedFile(StructFile):
    """A segment file read through ``mmap``: opening it reads nothing, reads are C-level slices."""

    def __init__(self, mapped: mmap.mmap, name: str) -> None:
        super().__init__(mapped, name=name)  # type: ignore[arg-type]
        self.is_real = False  # arrays are read through read(), not from a file descriptor

    def get(self, position: int, length: int) -> bytes:
        return self.file[position : position + length]  # type: ignore[index,no-any-return]

    def subset(self, offset: int, length: int, name: str | None = None) -> StructFile:
        return BufferFile(self.get(offset, length), name=name or self._name)


class _Storage(FileStorage):
    """Maps each file of a plain segment instead of opening it.

    Whoosh maps a compound segment file too, but then copies each part it opens whole
    into a ``BytesIO``: the terms and postings of a Reuters-sized index, ~50 MB, on every
    new process (about 45 ms, growing with the index). A part in a file of its own is
    mapped by itself and read in place. Tables of contents and compound files (indexes
    written before segments were plain) are opened as Whoosh does.

    Whoosh opens a segment's columns (stored fields, lengths, facets) only when first
    read, and a writer's merge may delete the files meanwhile. So the first file opened
    of a segment holds all of its files open, as the one compound file was: a reader
    keeps reading the segment it opened, whatever a writer does.
    """

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self._held: dict[str, int] = {}  # file name -> descriptor
        self._segments: set[str] = set()
        weakref.finalize(self, _close_all, self._held)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if kwargs or name.startswith("_") or name.endswith(".seg"):
            return super().open_file(name, **kwargs)
        fd = self._hold(name)
        if fd is None:
            return super().open_file(name)  # raises what opening it raises
        try:
            return _MappedFile(mmap.mmap(fd, 0, access=mmap.ACCESS_READ), name)
        except ValueError:  # an empty file cannot be mapped (and is damage: let the reader say so)
            return StructFile(open(os.dup(fd), "rb"), name=name)

    def file_exists(self, name: str) -> bool:
        return name in self._held or super().file_exists(name)

    def file_length(self, name: str) -> int:
        fd = self._held.get(name)
        return os.fstat(fd).st_size if fd is not None else super().file_length(name)  # type: ignore[no-any-return]

    def _hold(self, name: str) -> int | None:
        """Descriptors of every file of ``name``'s segment, opened at its first file."""
        segment = name.split(".", 1)[0] + "."
        if segment not in self._segments:
            self._segments.add(segment)
            for other in os.listdir(self.folder):
                if other.startswith(segment) and other not in self._held:
                    with contextlib.suppress(OSError):  # gone already: opening it says so
                        self._held[other] = os.open(os.path.join(self.folder, other), os.O_RDONLY | getattr(os, "O_BINARY", 0))
        return self._held.get(name)


def _close_all(held: dict[str, int]) -> None:
    for fd in held.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    held.clear()


def _storage(index_dir: Path) -> FileStorage:
    return _Storage(str(index_dir))


def check_path(path: str | Path, what: str) -> Path:
    """``path`` as a Path; a NUL in it is the caller's mistake (no file system takes one), not damage."""
    if not isinstance(path, (str, os.PathLike)):
        raise UsageError(f"the {what} must be a path, not {type(path).__name__}")
    if "\0" in os.fspath(path):  # type: ignore[operator]
        raise UsageError(f"the {what} {str(path)!r} holds a NUL character, which no file name can")
    return Path(path)


def read_meta(index_dir: Path) -> dict[str, Any] | None:
    """The parsed ``ipsearch.json``, or None when the folder holds no index."""
    index_dir = check_path(index_dir, "index folder")
    path = index_dir / META_FILE
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexNotFoundError(f"the index path {index_dir} is a file, not a folder; give --index-dir a folder")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CorruptIndexError(f"cannot read {path}: {reason}; {REBUILD_HINT}") from exc
    if not isinstance(meta, dict) or not isinstance(meta.get("indexname"), str) or not meta["indexname"]:
        raise CorruptIndexError(f"{path} is not an ipsearch index description; {REBUILD_HINT}")
    return meta


def write_meta(index_dir: Path, meta: dict[str, Any]) -> None:
    """Replace the meta file atomically (write, fsync, rename)."""
    path = Path(index_dir) / META_FILE
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclasses.dataclass(frozen=True)
class Folder:
    """A corpus folder of an index. ``prefix`` starts the ids of its documents: "" for the
    first folder (ids are plain relative paths), ``name//`` for the others. A relative
    path never holds ``//``, so ids of different folders cannot collide."""

    path: str
    prefix: str

    def owns(self, doc_id: str) -> bool:
        return doc_id.startswith(self.prefix) if self.prefix else "//" not in doc_id


def folders_of(meta: dict[str, Any], key: str = "folders") -> list[Folder]:
    """The corpus folders ``meta`` records (``key="staged_folders"``: those of a rebuild in progress)."""
    raw = meta.get(key)
    if isinstance(raw, list):
        return [Folder(str(f["path"]), str(f.get("prefix", ""))) for f in raw
                if isinstance(f, dict) and isinstance(f.get("path"), str)]
    legacy = meta.get("corpus_dir")  # indexes written before several folders: one, ids unprefixed
    return [Folder(legacy, "")] if key == "folders" and isinstance(legacy, str) else []


def folders_meta(folders: Iterable[Folder]) -> list[dict[str, str]]:
    return [{"path": f.path, "prefix": f.prefix} for f in folders]


def _check_version(index_dir: Path, meta: dict[str, Any]) -> None:
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"the index at {index_dir} has schema version {version}, this ipsearch needs {SCHEMA_VERSION}; {REBUILD_HINT}"
        )


def open_current(index_dir: Path) -> windex.Index:
    """Open the current generation; every failure becomes a one-line ipsearch error."""
    return _open_with_retry(Path(index_dir), lambda ix: None)[0]


def open_searcher(index_dir: Path, weighting: Any = None) -> tuple[windex.Index, Any]:
    """The current generation and a searcher on it (segment files opened and held)."""
    options = {"weighting": weighting} if weighting is not None else {}
    return _open_with_retry(Path(index_dir), lambda ix: ix.searcher(**options))


def _open_with_retry(index_dir: Path, then: Callable[[windex.Index], T]) -> tuple[windex.Index, T]:
    error: Exception | None = None
    attempt = 0
    creating_until = time.monotonic() + CREATE_WAIT_SECONDS
    while attempt < OPEN_ATTEMPTS:
        attempt += 1
        meta = read_meta(index_dir)
        if meta is None:
            raise IndexNotFoundError(f"no index at {index_dir}; run `ipsearch index CORPUS` to build one")
        _check_version(index_dir, meta)
        before = _tables_of_contents(index_dir)
        try:
            ix = _storage(index_dir).open_index(indexname=meta["indexname"])
            return ix, then(ix)
        except Exception as exc:  # Whoosh raises many kinds on damaged or vanished files
            error = exc
        if (isinstance(error, windex.EmptyIndexError) and meta.get("first_run")
                and time.monotonic() < creating_until):
            # A first run names its generation in ipsearch.json before Whoosh writes the
            # generation's table of contents: being created, not damaged.
            attempt -= 1
        elif _tables_of_contents(index_dir) == before and (read_meta(index_dir) or {}).get("indexname") == meta["indexname"]:
            break  # no writer moved anything meanwhile: the files are damaged, not in flux
        time.sleep(0.01 * (attempt + 1))
    assert error is not None
    if isinstance(error, windex.EmptyIndexError) and (read_meta(index_dir) or {}).get("first_run"):
        # A first run that never wrote its generation (killed, or still starting): nothing to search yet.
        raise IndexNotFoundError(f"no index at {index_dir} yet: its first run has not committed; run `ipsearch index`")
    if isinstance(error, windex.EmptyIndexError):
        raise CorruptIndexError(f"the index at {index_dir} is missing its files; {REBUILD_HINT}") from error
    raise CorruptIndexError(f"the index at {index_dir} is damaged ({_describe(error)}); {REBUILD_HINT}") from error


def _tables_of_contents(index_dir: Path) -> frozenset[str]:
    """Every commit writes a new ``.toc`` and deletes the old: a change here means a writer moved."""
    try:
        return frozenset(name for name in os.listdir(index_dir) if name.endswith(".toc"))
    except OSError:
        return frozenset()


@contextlib.contextmanager
def damage_as_error(index_dir: Path) -> Iterator[None]:
    """Turn damage met while reading into :class:`CorruptIndexError`.

    Whoosh opens and decodes segment data lazily, so a truncated or overwritten file may
    only fail in the middle of a search, as ``EOFError``, ``zlib.error``, ``struct.error``,
    an unpickling error... Only exceptions raised inside Whoosh (or by the OS) are mapped:
    a bug of ipsearch's own still shows as what it is.
    """
    try:
        yield
    except IpsearchError:
        raise
    except RecursionError as exc:  # a query shaped too deep, never damage
        raise QueryError("the query is nested too deeply to search; simplify it") from exc
    except Exception as exc:
        if _lone_surrogate(exc):  # the caller's text, not the index: raw bytes of a file name, say
            bad = exc.object[exc.start : exc.end]  # type: ignore[attr-defined]
            raise UsageError(f"the input holds {bad!r}, which is not valid Unicode (a file name's raw bytes?)") from exc
        # Bytes that no longer decode can only come from the index (input arrives as str).
        if not isinstance(exc, UnicodeDecodeError) and not _raised_in_whoosh(exc):
            raise
        raise CorruptIndexError(f"the index at {index_dir} is damaged ({_describe(exc)}); {REBUILD_HINT}") from exc


def damaged(index_dir: Path, detail: str) -> CorruptIndexError:
    """The one message for damage found by ipsearch's own checks of what it read."""
    return CorruptIndexError(f"the index at {index_dir} is damaged ({detail}); {REBUILD_HINT}")


def _lone_surrogate(exc: BaseException) -> bool:
    """Encoding text that holds a lone surrogate: in practice only input does that, not index data."""
    if not isinstance(exc, UnicodeEncodeError) or not isinstance(exc.object, str):
        return False
    bad = exc.object[exc.start : exc.end]
    return bool(bad) and all("\ud800" <= c <= "\udfff" for c in bad)


def _raised_in_whoosh(exc: BaseException) -> bool:
    if isinstance(exc, (OSError, EOFError)):
        return True
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    package = os.path.dirname(windex.__file__)
    return last is not None and os.path.abspath(last).startswith(package + os.sep)


def _describe(exc: BaseException) -> str:
    """``zlib.error: ...``: the exception's qualified name and the first line of its message."""
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__.lstrip('_')}.{kind.__qualname__}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{name}: {exc.strerror}" + (f": {os.path.basename(str(exc.filename))}" if exc.filename else "")
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{name}: {text[:80]}" if text else name


# ---------------------------------------------------------------- writing


def new_generation(index_dir: Path, **first_meta: Any) -> tuple[windex.Index, str]:
    """Create an empty index under a fresh name, not yet current (unless the folder holds
    no index yet: then it is current at once, with ``first_meta`` recorded beside it).

    The name is recorded in ``ipsearch.json`` (``written``) before any file of it exists,
    so :func:`clean` deletes only generations this index wrote, never a user's file that
    merely looks like one.
    """
    try:
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        name = f"g{time.strftime('%Y%m%d%H%M%S')}{uuid.uuid4().hex[:6]}"
        try:
            meta = read_meta(index_dir)
        except IpsearchError:
            meta = None  # a rebuild replaces an unreadable description
        if meta is None:
            meta = {"format": "ipsearch", "schema_version": SCHEMA_VERSION, "indexname": name,
                    "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **first_meta}
        write_meta(index_dir, {**meta, "written": sorted({*_written(meta), name})})
        return _storage(index_dir).create_index(build_schema(), indexname=name), name
    except OSError as exc:
        raise write_error(index_dir, exc) from exc


def _written(meta: dict[str, Any]) -> set[str]:
    """Generations this index wrote: recorded ones, and (indexes from before the record) the
    current and staged ones."""
    names = meta.get("written")
    recorded = {n for n in names if isinstance(n, str)} if isinstance(names, list) else set()
    return recorded | {n for n in (meta.get("indexname"), meta.get("staged")) if isinstance(n, str)}


#: The user lexicon an index extracts with (``ipsearch index --lexicon FILE``), kept in its folder.
LEXICON_FILE = "ipsearch.lexicon.json"


def read_lexicon(index_dir: Path) -> UserLexicon | None:
    """The user lexicon the index keeps (None: it uses the built-in names only)."""
    try:
        raw = (Path(index_dir) / LEXICON_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CorruptIndexError(f"the lexicon of the index at {index_dir} cannot be read ({exc}); {REBUILD_HINT}") from exc
    try:
        return parse_user_lexicon(json.loads(raw), f"the lexicon kept in {index_dir}")
    except (ValueError, IpsearchError) as exc:
        raise CorruptIndexError(f"the lexicon kept in {index_dir} is damaged ({exc}); {REBUILD_HINT}") from exc


def write_lexicon(index_dir: Path, user: UserLexicon | None) -> None:
    """Keep ``user`` in the index folder (replaced atomically), or forget it (None or empty)."""
    path = Path(index_dir) / LEXICON_FILE
    if user is None or not user.entries:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    tmp = path.with_name(f"ipsearch.tmp-{os.getpid()}-1")  # a leftover that clean() removes
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(user.content)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def update_meta(index_dir: Path, **changes: Any) -> None:
    """Rewrite ``ipsearch.json`` with ``changes`` (a value of None removes its key)."""
    meta = read_meta(index_dir) or {}
    meta.update(changes)
    write_meta(index_dir, {k: v for k, v in meta.items() if v is not None})


def check_new_index_folder(index_dir: Path) -> None:
    """Refuse to make an index in a folder that holds other things: an index folder's
    clean-up deletes what it wrote, and a user's folder is not the place for it."""
    try:
        entries = [p.name for p in Path(index_dir).iterdir()]
    except FileNotFoundError:
        return
    except OSError as exc:
        raise write_error(index_dir, exc) from exc
    others = sorted(n for n in entries if not n.startswith(".") and n != LOCK_FILE and not _LEFTOVER.match(n))
    if others:
        raise UsageError(
            f"{index_dir} is not empty ({others[0]}{' ...' if len(others) > 1 else ''}) and holds no ipsearch index; "
            "give --index-dir a new or empty folder"
        )


def open_generation(index_dir: Path, indexname: str) -> windex.Index | None:
    """A generation by name if its files are complete enough to open, else None."""
    try:
        ix = _storage(index_dir).open_index(indexname=indexname)
        ix.doc_count_all()
        return ix
    except Exception:
        return None


def stage(index_dir: Path, indexname: str, **extra: Any) -> None:
    """Record ``indexname`` as a rebuild in progress, so an interrupted rebuild can be finished."""
    update_meta(index_dir, staged=indexname, staged_schema_version=SCHEMA_VERSION, **extra)


def publish(index_dir: Path, indexname: str, **extra: Any) -> None:
    """Make ``indexname`` current and delete the files of every other generation."""
    try:
        written = _written(read_meta(index_dir) or {})
    except IpsearchError:
        written = set()
    write_meta(
        index_dir,
        {"format": "ipsearch", "schema_version": SCHEMA_VERSION, "indexname": indexname,
         "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "written": sorted(written | {indexname}), **extra},
    )
    clean(index_dir)


def clean(index_dir: Path) -> None:
    """Delete what interrupted runs leave behind: files of generations this index wrote
    (``written`` in ``ipsearch.json``) that are neither current nor staged, Whoosh temp
    folders of those, half-written meta files and worker reports. A file that merely looks
    like a generation's is left alone, and a folder without ``ipsearch.json`` is not touched.

    Call only while holding :func:`write_lock`: a writer's own temp files look the same.
    """
    index_dir = Path(index_dir)
    try:
        meta = read_meta(index_dir)
    except IpsearchError:
        return  # never guess what to delete in a folder we cannot read
    if meta is None:
        return  # not an index (yet): nothing in it is ours
    written = _written(meta)
    keep = {meta.get("indexname"), meta.get("staged")}
    storage = FileStorage(str(index_dir))
    idle: dict[str, bool] = {}
    for path in sorted(index_dir.iterdir()):
        m = _GENERATION_FILE.match(path.name)
        with contextlib.suppress(OSError):
            if _LEFTOVER.match(path.name):
                path.unlink()
            elif not m or m.group(1) not in written or path.name == write_lock_name(m.group(1)):
                continue
            elif not _WHOOSH_PART.match(path.name):
                continue  # a name that only starts like one of ours
            elif not idle.setdefault(m.group(1), _no_whoosh_writer(storage, m.group(1))):
                continue  # a Whoosh writer that does not take our lock is at work: leave it be
            elif path.is_dir() and path.name.endswith(".tmp"):
                shutil.rmtree(path)  # Whoosh's temp storage of a killed writer
            elif m.group(1) not in keep and path.is_file():
                path.unlink()
    for name, free in idle.items():
        if free and name not in keep:
            with contextlib.suppress(OSError):
                (index_dir / write_lock_name(name)).unlink()
    gone = {name for name in written - keep if not any(_GENERATION_FILE.match(p) for p in _names_of(index_dir, name))}
    if gone:
        with contextlib.suppress(OSError):
            update_meta(index_dir, written=sorted(written - gone))


#: What Whoosh and ipsearch's writer name a generation's files: ``<gen>_<segment>.<part>``,
#: ``_<gen>_<n>.toc``, ``<gen>.tmp`` (a writer's temp folder), ``<gen>_WRITELOCK``.
_WHOOSH_PART = re.compile(r"^_?g\d{14}[0-9a-f]{6}(?:_[0-9a-z]+\.[\w.]+|_\d+\.toc|\.tmp|_WRITELOCK)$")


def _names_of(index_dir: Path, indexname: str) -> list[str]:
    try:
        return [n for n in os.listdir(index_dir) if n.lstrip("_").startswith(indexname)]
    except OSError:
        return []


def _no_whoosh_writer(storage: FileStorage, indexname: str) -> bool:
    """True when nobody holds Whoosh's own write lock of ``indexname`` (it dies with its process)."""
    lock = storage.lock(write_lock_name(indexname))
    try:
        if not lock.acquire(blocking=False):
            return False
        lock.release()
        return True
    except OSError:
        return False


def write_error(index_dir: Path, exc: OSError) -> IndexWriteError:
    reason = exc.strerror or str(exc)
    return IndexWriteError(
        f"cannot write the index at {index_dir}: {reason}; the last committed index is unchanged"
    )


@contextlib.contextmanager
def write_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the folder's writer lock; wait up to ``wait`` seconds, then raise IndexLockedError."""
    try:
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        fh = open(Path(index_dir) / LOCK_FILE, "a+")
    except OSError as exc:
        raise write_error(index_dir, exc) from exc
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - non-POSIX: Whoosh's own lock still guards segments
            yield
            return
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if time.monotonic() >= deadline:
                    waited = f" (waited {wait:g} s)" if wait else ""
                    raise IndexLockedError(
                        f"another process is writing to the index at {index_dir}{waited}; "
                        "try again when it finishes, or pass --wait SECONDS"
                    ) from exc
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()


def folder_size(index_dir: Path) -> int:
    total = 0
    for path in Path(index_dir).iterdir():
        with contextlib.suppress(OSError):  # a concurrent commit may delete files as we count
            total += path.stat().st_size if path.is_file() else 0
    return total
