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

import contextlib
import dataclasses
import gc
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from whoosh.index import LockError
from whoosh.writing import MERGE_SMALL

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
from .analysis import STEMS_FILE, known_stems, new_stems, remember_stems, save_stems
from .schema import SCHEMA_VERSION, to_fields
from .writer import FastSegmentWriter

_T = TypeVar("_T")

#: ``progress(done, total, doc_id)`` is called after each file.
Progress = Callable[[int, int, str], None]

#: Documents per commit: an interrupted run loses at most this many documents' work. Each
#: commit also leaves a Whoosh segment that Whoosh never merges at this size, and every
#: segment adds a fixed cost to every query (11 segments made Reuters queries 3x slower).
BATCH_SIZE = 50_000
#: Files each worker process should get at least: below this, forking and the extra
#: segment cost more than they save.
PARALLEL_MIN_FILES = 1_000
#: Files go through reading, extraction and the writer a chunk at a time, one step over the
#: whole chunk before the next (see :meth:`_Run._add_files`); a chunk holds at most this
#: many files and this many bytes of them, so a folder of large files stays in memory bounds.
CHUNK_FILES = 500
CHUNK_BYTES = 16 << 20


def build_index(
    corpus_dir: str | Path,
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    lock_wait: float = 0.0,
    max_file_bytes: int = MAX_FILE_BYTES,
    workers: int | None = None,
) -> IndexReport:
    """Sync ``index_dir`` with the files under ``corpus_dir`` and report what happened to each.

    A batch of at least ``2 * PARALLEL_MIN_FILES`` changed files is split across
    ``workers`` processes (default: one per CPU, at most 4, and only when this process runs
    a single thread; 1 = never).

    ``index_dir`` may be an OpenSearch address, ``http://host:9200/name``: the same
    extracted documents then go to that index (:func:`ipsearch.backends.opensearch.index_corpus`).

    Raises :class:`IndexLockedError` if another process holds the index for more than
    ``lock_wait`` seconds, :class:`CorpusError` for a missing corpus, and
    :class:`IndexWriteError` when the index folder cannot be written.
    """
    from .backends import is_url

    if is_url(index_dir):  # an OpenSearch index: http://host:9200/name
        from .backends.opensearch import index_corpus, split_url

        if rebuild:
            raise UsageError("rebuild applies to an index folder; an OpenSearch index is synced in place")
        base, name = split_url(str(index_dir))
        return index_corpus(corpus_dir, base, index=name, progress=progress, max_file_bytes=max_file_bytes)
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir).absolute(), Path(index_dir)
    if batch_size < 1:
        raise UsageError(f"batch size must be 1 or more, not {batch_size}")
    if workers is not None and workers < 1:
        raise UsageError(f"workers must be 1 or more, not {workers}")
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
            run = _Run(corpus_dir, index_dir, files, skipped, progress, batch_size, max_file_bytes, workers)
            with _fewer_collections():
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
        workers: int | None,
    ) -> None:
        self.corpus_dir, self.index_dir, self.files, self.skipped = corpus_dir, index_dir, files, skipped
        self.progress, self.batch_size, self.max_file_bytes = progress, batch_size, max_file_bytes
        self.workers = default_workers() if workers is None else workers
        self.workers_asked = workers is not None
        self.done = 0
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
        todo: list[SourceFile] = []
        for file in self.files:
            old = known.get(file.doc_id)
            if old is not None and old[1] == file.stamp:
                self.unchanged.append(file.doc_id)
                self._tick(file.doc_id)
            else:
                todo.append(file)
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            workers = min(self.workers, len(batch) // PARALLEL_MIN_FILES)
            if workers > 1 and _can_fork(self.workers_asked):
                self._write_parallel(ix, batch, known, gone, workers)
            else:
                self._write_serial(ix, batch, known, gone)
        if gone:
            with _one_commit(ix) as writer:
                for doc_id in gone:
                    writer.delete_by_term("id", doc_id)
        if staged:
            store.publish(self.index_dir, indexname, corpus_dir=display_name(str(self.corpus_dir.resolve())))
        self.removed = sorted(gone)
        if self.added or self.updated:
            save_stems(self.index_dir / STEMS_FILE)  # so searches stem without NLTK
        with ix.reader() as reader:
            self.documents = reader.doc_count()

    def _tick(self, doc_id: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, len(self.files), doc_id)

    def _write_serial(self, ix: Any, files: list[SourceFile], known: dict[str, tuple[str, str]], gone: list[str]) -> None:
        """One batch in this process: one commit."""
        with _one_commit(ix) as writer:
            self._add_files(writer, files, known, gone, self._tick)

    def _add_files(self, writer: FastSegmentWriter, files: list[SourceFile], known: dict[str, tuple[str, str]],
                   gone: list[str], tick: Callable[[str], None]) -> None:
        """Read, extract and write ``files`` a chunk at a time, each step over the whole chunk.

        Step by step rather than file by file keeps each step's code and tables warm in
        the CPU's caches: a serial Reuters build took 24.5 s of CPU instead of 28.6.
        """
        lexicon = default_lexicon()
        for chunk in _chunks(files):
            olds = [known.get(file.doc_id) for file in chunk]
            sources = [self._read_if_changed(file, old, gone) for file, old in zip(chunk, olds)]
            docs = [self._analysed(file, old, _extract, source, lexicon) if source else None
                    for file, old, source in zip(chunk, olds, sources)]
            chunk_fields = [self._analysed(file, old, to_fields, doc) if doc else None
                            for file, old, doc in zip(chunk, olds, docs)]
            for file, old, fields in zip(chunk, olds, chunk_fields):
                if fields is not None:
                    if old is not None:
                        writer.update_document(**fields)
                        self.updated.append(file.doc_id)
                    else:
                        writer.add_document(**fields)
                        self.added.append(file.doc_id)
                tick(file.doc_id)

    def _write_parallel(self, ix: Any, files: list[SourceFile], known: dict[str, tuple[str, str]],
                        gone: list[str], workers: int) -> None:
        """One batch split across forked processes, each writing its own segment; one commit.

        Each worker runs the same per-file code as a serial run on its share of the files
        and hands back its new segment and what happened to each file; this process then
        deletes the replaced copies and commits all the new segments at once, so an
        interrupted batch adds nothing (its orphan segment files are cleaned up by the
        next commit).
        """
        ctx = multiprocessing.get_context("fork")
        counts = ctx.Array("l", workers, lock=False)
        shares = [files[i::workers] for i in range(workers)]
        default_lexicon()  # loaded once here, inherited by every worker
        procs = []
        try:
            for k, share in enumerate(shares):
                out = self.index_dir / f"{store.PART_PREFIX}{os.getpid()}-{k}"
                proc = ctx.Process(target=self._worker, args=(ix, share, known, counts, k, out), daemon=True)
                proc.start()
                procs.append((proc, out))
            reported = 0
            while any(proc.is_alive() for proc, _ in procs):
                time.sleep(0.05)
                reported = self._report_progress(files, counts, reported)
            parts = [_read_part(proc, out) for proc, out in procs]
        finally:
            for proc, out in procs:
                if proc.is_alive():
                    proc.terminate()
                proc.join()
                with contextlib.suppress(OSError):
                    out.unlink()
        self._report_progress(files, counts, reported)
        segments = [part.segment for part in parts if part.segment is not None]
        order = {file.doc_id: i for i, file in enumerate(files)}.__getitem__  # report in file order, as a serial run
        self.added += sorted((d for part in parts for d in part.added), key=order)
        self.updated += sorted((d for part in parts for d in part.updated), key=order)
        self.unchanged += sorted((d for part in parts for d in part.unchanged), key=order)
        for part in parts:
            self.skipped += part.skipped
            gone += part.gone
            remember_stems(part.stems)
        with _one_commit(ix, mergetype=lambda w, current: MERGE_SMALL(w, current) + segments) as writer:
            for doc_id in (d for part in parts for d in part.updated):
                writer.delete_by_term("id", doc_id)

    def _report_progress(self, files: list[SourceFile], counts: Any, reported: int) -> int:
        total = sum(counts)
        while reported < total:
            self._tick(files[reported].doc_id)
            reported += 1
        return reported

    def _worker(self, ix: Any, files: list[SourceFile], known: dict[str, tuple[str, str]],
                counts: Any, k: int, out: Path) -> None:
        """In a forked child: write ``files`` into a new segment, pickle the outcome to ``out``."""
        parent = _die_with_parent()
        self.added, self.updated, self.unchanged, self.skipped = [], [], [], []
        gone: list[str] = []
        stems_before = known_stems()
        writer = FastSegmentWriter(ix, _lk=False)  # the parent holds the locks

        def tick(_: str) -> None:
            counts[k] += 1
            if os.getppid() != parent:  # where the parent-death signal is not available
                os._exit(1)

        try:
            self._add_files(writer, files, known, gone, tick)
            if writer.doc_count():
                segment = writer._finalize_segment()
            else:
                writer._close_segment()
                segment = None
            part: _Part | BaseException = _Part(segment, self.added, self.updated, self.unchanged, self.skipped,
                                                gone, new_stems(stems_before))
        except BaseException as exc:  # handed to the parent, which raises it
            part = exc
        try:
            out.write_bytes(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:  # e.g. an exception that cannot be pickled
            out.write_bytes(pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}")))
        os._exit(0)

    def _read_if_changed(self, file: SourceFile, old: tuple[str, str] | None, gone: list[str]) -> SourceText | None:
        """The decoded file, or None (the same content under a new stamp, or skipped with its
        reason). Files whose stamp is unchanged never get here (:meth:`sync`)."""
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
        return source

    def _analysed(self, file: SourceFile, old: tuple[str, str] | None, step: Callable[..., _T], *args: Any) -> _T | None:
        """``step(*args)``, or None with the file skipped: a bug of ours on one odd file
        must not cost the whole run."""
        try:
            return step(*args)
        except Exception as exc:
            kept = "; the indexed copy is kept" if old is not None else ""
            self._skip(file, f"could not be analysed ({type(exc).__name__}: {exc}){kept}; please report this")
            return None

    def _skip(self, file: SourceFile, reason: str) -> None:
        self.skipped.append(SkippedFile(file.doc_id, reason))


@dataclasses.dataclass
class _Part:
    """What one worker process did with its share of a batch."""

    segment: Any
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    skipped: list[SkippedFile]
    gone: list[str]
    stems: dict[str, str]


def _read_part(proc: Any, out: Path) -> _Part:
    proc.join()
    try:
        part = pickle.loads(out.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise OSError(f"an indexing worker process died (exit code {proc.exitcode}) before reporting") from exc
    if isinstance(part, BaseException):
        raise part
    return part


def default_workers() -> int:
    """One worker process per CPU this process may use, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def _die_with_parent() -> int:
    """Have the kernel kill this worker if its parent dies (a killed run must not leave
    workers writing segments nobody will commit); returns the parent's pid."""
    parent = os.getppid()
    with contextlib.suppress(Exception):  # Linux only; elsewhere the workers poll getppid()
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)
    return parent


@contextlib.contextmanager
def _one_commit(ix: Any, mergetype: Callable[..., Any] | None = None) -> Iterator[FastSegmentWriter]:
    """A writer committed when the block ends, and cancelled (its lock released) if anything
    fails, the commit included: Whoosh's own ``with writer:`` does not cancel a failed commit."""
    writer = FastSegmentWriter(ix)
    try:
        yield writer
        writer.commit(mergetype=mergetype)
    except BaseException:
        writer.cancel()
        raise


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while building: a batch allocates millions of small
    objects that all live until its commit, and the cyclic collector kept walking them
    (4-6% of the writer's CPU on Reuters). The old thresholds come back afterwards."""
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _chunks(files: list[SourceFile]) -> Iterator[list[SourceFile]]:
    """``files`` in order, cut into chunks of at most CHUNK_FILES files and CHUNK_BYTES bytes."""
    chunk: list[SourceFile] = []
    size = 0
    for file in files:
        if chunk and (len(chunk) == CHUNK_FILES or size + file.size > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(file)
        size += file.size
    if chunk:
        yield chunk


def _can_fork(asked: bool) -> bool:
    """Fork only where it exists, and by default only from a single-threaded process: a
    fork copies locks another thread may hold (a caller who passes ``workers`` decides)."""
    return "fork" in multiprocessing.get_all_start_methods() and (asked or threading.active_count() == 1)


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
