"""The write path: sync a corpus folder into the index.

A run compares each file's size and mtime (then its content hash) with what the
index holds, extracts and adds only what is new or changed, removes what is gone,
and commits in batches so an interruption loses at most one batch. A rebuild writes
a fresh generation and switches to it only when complete (see :mod:`ipsearch.store`);
if it is interrupted, the next run finishes it.

A bad file never stops a run: it is reported in ``skipped`` with its reason and the
run goes on. A file that cannot be read just now (permissions, still being written)
keeps its indexed copy; a file whose content went bad is removed.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path

from whoosh.index import LockError

from . import store
from .corpus import MAX_FILE_BYTES, SourceFile, SourceText, Skipped, discover, display_name, read_source
from .errors import (
    BadDocumentError,
    CorruptIndexError,
    FileVanishedError,
    IndexLockedError,
    UnreadableFileError,
    UsageError,
)
from .lexicon import Lexicon, default_lexicon
from .metadata import extract
from .results import IndexReport, SkippedFile
from .analysis import STEMS_FILE, save_stems
from .schema import SCHEMA_VERSION, to_fields

#: ``progress(done, total, doc_id)`` is called after each file.
Progress = Callable[[int, int, str], None]

#: Documents per commit: an interrupted run loses at most this many documents' work. Each
#: commit also leaves a Whoosh segment that Whoosh never merges at this size, and every
#: segment adds a fixed cost to every query (11 segments made Reuters queries 3x slower).
BATCH_SIZE = 50_000
#: Whoosh's in-memory posting pool: 1024 (as stock Whoosh gets in bench/speed.py) builds
#: Reuters with 23% less CPU than 256 (fewer sorted runs spilled to disk and merged).
WRITER_LIMIT_MB = 1024


def build_index(
    corpus_dir: str | Path,
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    lock_wait: float = 0.0,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> IndexReport:
    """Sync ``index_dir`` with the files under ``corpus_dir`` and report what happened to each.

    Raises :class:`IndexLockedError` if another process holds the index for more than
    ``lock_wait`` seconds, :class:`CorpusError` for a missing corpus, and
    :class:`IndexWriteError` when the index folder cannot be written.
    """
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir).absolute(), Path(index_dir)
    if batch_size < 1:
        raise UsageError(f"batch size must be 1 or more, not {batch_size}")
    if max_file_bytes < 1:
        raise UsageError(f"the file size cap must be positive, not {max_file_bytes}")
    if _same_folder(corpus_dir, index_dir):
        raise UsageError(f"the index folder {index_dir} cannot be the corpus folder; give --index-dir another folder")
    files: list[SourceFile] = []
    skipped: list[SkippedFile] = []
    for item in discover(corpus_dir, exclude=(index_dir,)):
        if isinstance(item, Skipped):
            skipped.append(SkippedFile(item.path, item.reason))
        else:
            files.append(item)

    with store.write_lock(index_dir, wait=lock_wait):
        try:
            run = _Run(corpus_dir, index_dir, files, skipped, progress, batch_size, max_file_bytes)
            run.sync(rebuild)
        except LockError as exc:  # Whoosh's own lock, held by a writer that does not use ours
            raise IndexLockedError(f"another process is writing to the index at {index_dir}; try again when it finishes") from exc
        except OSError as exc:
            raise store.write_error(index_dir, exc) from exc

    return IndexReport(
        index_dir=display_name(str(index_dir)),
        corpus_dir=display_name(str(corpus_dir)),
        added=tuple(run.added),
        updated=tuple(run.updated),
        unchanged=tuple(run.unchanged),
        removed=tuple(run.removed),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        documents=run.documents,
        seconds=time.perf_counter() - started,
    )


class _Run:
    """One sync, holding the lists the report is made of."""

    def __init__(
        self,
        corpus_dir: Path,
        index_dir: Path,
        files: list[SourceFile],
        skipped: list[SkippedFile],
        progress: Progress | None,
        batch_size: int,
        max_file_bytes: int,
    ) -> None:
        self.corpus_dir, self.index_dir, self.files, self.skipped = corpus_dir, index_dir, files, skipped
        self.progress, self.batch_size, self.max_file_bytes = progress, batch_size, max_file_bytes
        self.added: list[str] = []
        self.updated: list[str] = []
        self.unchanged: list[str] = []
        self.removed: list[str] = []
        self.documents = 0

    def sync(self, rebuild: bool) -> None:
        store.clean(self.index_dir)
        ix, indexname, staged = _open_for_writing(self.index_dir, rebuild, self.corpus_dir)
        with store.damage_as_error(self.index_dir):
            known = _fingerprints(ix)
        seen = {f.doc_id for f in self.files}
        gone = sorted(doc_id for doc_id in known if doc_id not in seen)
        lexicon = default_lexicon()
        writer = None
        pending = 0
        try:
            for done, file in enumerate(self.files, 1):
                fields = self._fields_if_changed(file, known.get(file.doc_id), lexicon, gone)
                if fields is not None:
                    if writer is None:
                        writer = ix.writer(limitmb=WRITER_LIMIT_MB)
                    if file.doc_id in known:
                        writer.update_document(**fields)
                        self.updated.append(file.doc_id)
                    else:
                        writer.add_document(**fields)
                        self.added.append(file.doc_id)
                    pending += 1
                    if pending >= self.batch_size:
                        writer.commit()
                        writer, pending = None, 0
                if self.progress:
                    self.progress(done, len(self.files), file.doc_id)
            if gone:
                if writer is None:
                    writer = ix.writer(limitmb=WRITER_LIMIT_MB)
                for doc_id in gone:
                    writer.delete_by_term("id", doc_id)
            if writer is not None:
                writer.commit()
                writer = None
        finally:
            if writer is not None:
                writer.cancel()
        if staged:
            store.publish(self.index_dir, indexname, corpus_dir=display_name(str(self.corpus_dir.resolve())))
        self.removed = sorted(gone)
        if self.added or self.updated:
            save_stems(self.index_dir / STEMS_FILE)  # so searches stem without NLTK
        with ix.reader() as reader:
            self.documents = reader.doc_count()

    def _fields_if_changed(
        self, file: SourceFile, old: tuple[str, str] | None, lexicon: Lexicon, gone: list[str]
    ) -> dict[str, object] | None:
        """The fields to write for ``file``, or None (unchanged, or skipped with its reason)."""
        if old is not None and old[1] == file.stamp:
            self.unchanged.append(file.doc_id)
            return None
        try:
            source = read_source(file, self.max_file_bytes)
        except FileVanishedError as exc:
            if old is not None:
                gone.append(file.doc_id)  # deleted: reported as removed
            else:
                self._skip(file, str(exc))
            return None
        except UnreadableFileError as exc:
            self._skip(file, f"{exc}; the indexed copy is kept" if old is not None else str(exc))
            return None
        except BadDocumentError as exc:
            self._skip(file, str(exc))
            if old is not None:
                gone.append(file.doc_id)  # its content can no longer be indexed
            return None
        if old is not None and old[0] == source.content_hash:
            self.unchanged.append(file.doc_id)
            return None
        try:
            return to_fields(_extract(source, lexicon))
        except Exception as exc:  # a bug of ours on one odd file must not cost the whole run
            kept = "; the indexed copy is kept" if old is not None else ""
            self._skip(file, f"could not be analysed ({type(exc).__name__}: {exc}){kept}; please report this")
            return None

    def _skip(self, file: SourceFile, reason: str) -> None:
        self.skipped.append(SkippedFile(file.doc_id, reason))


def _extract(source: SourceText, lexicon: Lexicon):  # type: ignore[no-untyped-def]
    doc = extract(source, lexicon)
    path = display_name(doc.path)
    return doc if path == doc.path else dataclasses.replace(doc, path=path)


def _open_for_writing(index_dir: Path, rebuild: bool, corpus_dir: Path):  # type: ignore[no-untyped-def]
    """(index, indexname, staged). A rebuild is staged: written aside, published when complete.

    A first run publishes its empty generation at once, so its batch commits are
    searchable and an interrupted first run keeps what it committed. A rebuild that an
    earlier run left unfinished is finished by the next run without ``--rebuild``.
    """
    try:
        meta = store.read_meta(index_dir)
    except CorruptIndexError:
        if not rebuild:
            raise
        meta = None  # a rebuild replaces an unreadable index
    if meta is None:
        ix, name = store.new_generation(index_dir)
        store.publish(index_dir, name, corpus_dir=display_name(str(corpus_dir.resolve())))
        return ix, name, False
    staged = meta.get("staged")
    if staged and not rebuild and meta.get("staged_schema_version") == SCHEMA_VERSION:
        ix = store.open_generation(index_dir, staged)
        if ix is not None:
            return ix, staged, True
    if rebuild:
        ix, name = store.new_generation(index_dir)
        store.stage(index_dir, name)
        return ix, name, True
    ix = store.open_current(index_dir)
    return ix, ix.indexname, False


def _fingerprints(ix) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """doc id -> (content hash, size:mtime) for every live document, read from columns."""
    out: dict[str, tuple[str, str]] = {}
    if ix.is_empty():
        return out
    with ix.reader() as reader:
        ids = reader.column_reader("id")
        prints = reader.column_reader("fingerprint")
        for docnum in reader.all_doc_ids():
            raw = prints[docnum]
            text = raw.decode() if isinstance(raw, bytes) else str(raw)
            content_hash, _, stamp = text.partition("|")
            out[ids[docnum]] = (content_hash, stamp)
    return out


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)
