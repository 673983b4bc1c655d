"""The index folder on disk: which Whoosh index in it is current, and who may write.

A folder holds one or more Whoosh indexes ("generations", told apart by Whoosh's
``indexname``) and a small ``ipsearch.json`` naming the current one. A rebuild writes
a new generation beside the old and switches ``ipsearch.json`` by atomic rename, so an
interrupted rebuild leaves the last good index searchable. Writers hold an OS lock on
``ipsearch.lock`` that dies with the process, so a killed run never blocks the next.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage

from .errors import CorruptIndexError, IndexLockedError, IndexNotFoundError, SchemaVersionError
from .schema import SCHEMA_VERSION, build_schema

META_FILE = "ipsearch.json"
LOCK_FILE = "ipsearch.lock"
REBUILD_HINT = "run `ipsearch index --rebuild`"


def read_meta(index_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((Path(index_dir) / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise CorruptIndexError(f"cannot read {Path(index_dir) / META_FILE}: {exc}; {REBUILD_HINT}") from exc


def write_meta(index_dir: Path, meta: dict[str, Any]) -> None:
    """Replace the meta file atomically (write, fsync, rename)."""
    path = Path(index_dir) / META_FILE
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def open_current(index_dir: Path) -> windex.Index:
    """Open the current generation; every failure becomes a one-line ipsearch error."""
    index_dir = Path(index_dir)
    meta = read_meta(index_dir)
    if meta is None:
        raise IndexNotFoundError(f"no index at {index_dir}; run `ipsearch index CORPUS` to build one")
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"the index at {index_dir} has schema version {version}, this ipsearch needs {SCHEMA_VERSION}; {REBUILD_HINT}"
        )
    try:
        return FileStorage(str(index_dir)).open_index(indexname=meta["indexname"])
    except windex.EmptyIndexError as exc:
        raise CorruptIndexError(f"the index at {index_dir} is missing its files; {REBUILD_HINT}") from exc
    except Exception as exc:  # Whoosh raises many kinds on damaged files
        raise CorruptIndexError(f"the index at {index_dir} is damaged ({type(exc).__name__}); {REBUILD_HINT}") from exc


def new_generation(index_dir: Path) -> tuple[windex.Index, str]:
    """Create an empty index under a fresh name, not yet current."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    name = f"g{time.strftime('%Y%m%d%H%M%S')}{uuid.uuid4().hex[:6]}"
    return FileStorage(str(index_dir)).create_index(build_schema(), indexname=name), name


def publish(index_dir: Path, indexname: str, **extra: Any) -> None:
    """Make ``indexname`` current and delete the files of every other generation."""
    write_meta(
        index_dir,
        {"format": "ipsearch", "schema_version": SCHEMA_VERSION, "indexname": indexname,
         "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **extra},
    )
    for path in Path(index_dir).iterdir():
        name = path.name
        owner = name[1:] if name.startswith("_") else name
        if owner.startswith("g") and not owner.startswith(indexname) and "_" in owner:
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def write_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the folder's writer lock; wait up to ``wait`` seconds, then raise IndexLockedError."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    fh = open(Path(index_dir) / LOCK_FILE, "a+")
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
                    raise IndexLockedError(
                        f"another process is writing to the index at {index_dir}; try again when it finishes"
                    ) from exc
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()


def folder_size(index_dir: Path) -> int:
    return sum(p.stat().st_size for p in Path(index_dir).iterdir() if p.is_file())
