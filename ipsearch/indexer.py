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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from whoosh.index import LockError
from whoosh.writing import MERGE_SMALL

from . import store
from .corpus import MAX_FILE_BYTES, SourceFile, SourceText, Skipped, discover, display_name, read_source
from .errors import (
    BadDocumentError,
    CorpusError,
    CorruptIndexError,
    FileVanishedError,
    IndexLockedError,
    InterruptedRunError,
    IpsearchError,
    UnreadableFileError,
    UsageError,
)
from .lexicon import Lexicon, UserLexicon, lexicon_with, read_user_lexicon
from .extract import extract
from .results import IndexReport, SkippedFile
from .analysis import STEMS_FILE, known_stems, new_stems, recover_stems, remember_stems, save_stems
from .fields import to_fields
from .schema import SCHEMA_VERSION
from .whoosh_internals import active, close_segment, finish_segment, new_writer, worker_writer

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
    corpus_dir: str | Path | None,
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    remove: Iterable[str | Path] = (),
    allow_empty: bool = False,
    follow_links: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    lock_wait: float = 0.0,
    max_file_bytes: int = MAX_FILE_BYTES,
    workers: int | None = None,
    lexicon: str | Path | None = None,
) -> IndexReport:
    """Sync ``index_dir`` with the files under ``corpus_dir`` and report what happened to each.

    An index remembers the folders it was built from (several may share one index).
    ``corpus_dir=None`` syncs every remembered folder; a folder the index does not know
    yet is added beside the others. A folder's documents are removed only when that folder
    is synced and a file is gone, when it is named in ``remove``, or by ``rebuild`` (which
    starts over: from every remembered folder, or from ``corpus_dir`` alone when the index
    does not know it). A synced folder that
    is missing or empty while the index holds documents from it is refused
    (:class:`CorpusError`: an unmounted drive must not empty an index) unless
    ``allow_empty``. Links that lead outside their folder are skipped unless ``follow_links``.

    A batch of at least ``2 * PARALLEL_MIN_FILES`` changed files is split across
    ``workers`` processes (default: one per CPU, at most 4, and only when this process runs
    a single thread; 1 = never).

    ``lexicon`` names a user lexicon file (:func:`ipsearch.lexicon.read_user_lexicon`): its
    people, organizations and places join the built-in ones. The index keeps a copy and
    extracts with it from then on, also in runs without ``lexicon``; a lexicon that differs
    from the kept one has every document extracted again (reported as updated). An empty
    lexicon file (``{}``) goes back to the built-in names.

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
        if lexicon is not None:
            raise UsageError("a user lexicon applies to an index folder; the OpenSearch backend uses the built-in names")
        base, name = split_url(str(index_dir))
        return index_corpus(corpus_dir, base, index=name, remove=remove, allow_empty=allow_empty,
                            follow_links=follow_links, progress=progress, max_file_bytes=max_file_bytes)
    started = time.perf_counter()
    index_dir = store.check_path(index_dir, "index folder")
    corpus = store.check_path(corpus_dir, "corpus folder").absolute() if corpus_dir is not None else None
    removing = [store.check_path(p, "folder to remove").absolute()
                for p in ([remove] if isinstance(remove, (str, Path)) else remove)]
    if batch_size < 1:
        raise UsageError(f"batch size must be 1 or more, not {batch_size}")
    if workers is not None and workers < 1:
        raise UsageError(f"workers must be 1 or more, not {workers}")
    if max_file_bytes < 1:
        raise UsageError(f"the file size cap must be positive, not {max_file_bytes}")
    if corpus is not None and _same_folder(corpus, index_dir):
        raise UsageError(f"the index folder {index_dir} cannot be the corpus folder; give --index-dir another folder")
    user = read_user_lexicon(lexicon) if lexicon is not None else None  # a bad file stops the run before it starts

    begun: list[_Run] = []  # the run, once planned: an interruption says what it kept
    with store.write_lock(index_dir, wait=lock_wait):
        try:
            store.clean(index_dir)
            plan = _plan(index_dir, corpus, rebuild, removing)
            run = _Run(plan, index_dir, progress, batch_size, max_file_bytes, workers)
            run.use_lexicon(user, given=lexicon is not None)
            begun.append(run)
            run.discover(allow_empty, follow_links)
            with _fewer_collections():
                run.sync(rebuild)
        except KeyboardInterrupt:
            raise InterruptedRunError(_interrupted(index_dir, begun[0] if begun else None)) from None
        except LockError as exc:  # Whoosh's own lock, held by a writer that does not use ours
            raise IndexLockedError(f"another process is writing to the index at {index_dir}; try again when it finishes") from exc
        except OSError as exc:
            raise store.write_error(index_dir, exc) from exc

    return IndexReport(
        index_dir=display_name(str(index_dir)),
        corpus_dir=", ".join(display_name(f.path) for f in plan.targets),
        added=tuple(run.added),
        updated=tuple(run.updated),
        unchanged=tuple(run.unchanged),
        removed=tuple(run.removed),
        skipped=tuple(sorted(run.skipped, key=lambda s: s.path)),
        documents=run.documents,
        seconds=time.perf_counter() - started,
        folders=tuple(display_name(f.path) for f in plan.after),
    )


def _interrupted(index_dir: Path, run: _Run | None) -> str:
    """What an interrupted run kept: the documents its generation holds as last committed."""
    name = run.indexname if run is not None else None
    try:
        ix = store.open_generation(index_dir, name) if name else store.open_current(index_dir)
        count = ix.doc_count() if ix is not None else 0
    except Exception:  # nothing readable: say only what to do
        return "interrupted; run again to finish"
    staged = run is not None and run.staged
    what = "documents of the rebuild committed (the index searched is unchanged)" if staged else "documents committed"
    return f"interrupted: {count} {what}; run again to finish"


@dataclasses.dataclass(frozen=True)
class _Plan:
    """What a run syncs (``targets``), what it drops (``removed``), which folders the index
    is for while it runs (``during``: targets added, nothing dropped yet) and after."""

    targets: tuple[store.Folder, ...]
    removed: tuple[store.Folder, ...]
    during: tuple[store.Folder, ...]
    after: tuple[store.Folder, ...]
    fresh: bool  # a rebuild from a folder the index did not know: every current document goes


def remembered_folders(index_dir: str | Path) -> tuple[str, ...]:
    """The corpus folders ``index_dir`` was built from (empty when it holds no index)."""
    try:
        meta = store.read_meta(Path(index_dir))
    except CorruptIndexError:
        return ()
    return tuple(f.path for f in store.folders_of(meta or {}))


def _split_removed(known: list[store.Folder], remove: Iterable[Path],
                   where: str) -> tuple[list[store.Folder], list[store.Folder]]:
    """The remembered folders ``remove`` names, and the rest; a path that names none is refused.

    Both backends remember their folders and remove them by the same rule (#14, #16).
    """
    removed = []
    for path in remove:
        folder = _match(known, path)
        if folder is None:
            listed = ", ".join(f.path for f in known) or "none"
            raise UsageError(f"{path} is not a folder of the index at {where} (its folders: {listed})")
        removed.append(folder)
    return removed, [f for f in known if f not in removed]


def _plan(index_dir: Path, corpus: Path | None, rebuild: bool, remove: list[Path]) -> _Plan:
    try:
        meta = store.read_meta(index_dir) or {}
    except CorruptIndexError:
        if not rebuild:
            raise
        meta = {}
    known = store.folders_of(meta)
    resuming = (not rebuild and meta.get("staged") and meta.get("staged_schema_version") == SCHEMA_VERSION
                and store.folders_of(meta, "staged_folders"))
    if resuming:
        known = store.folders_of(meta, "staged_folders")
    removed, kept = _split_removed(known, remove, str(index_dir))
    if corpus is None:
        if not known:
            raise UsageError(f"the index at {index_dir} remembers no corpus folder; name one: ipsearch index FOLDER")
        targets = kept
    else:
        folder = _match(known, corpus)
        if folder in removed:
            raise UsageError(f"{corpus} is both synced and removed; choose one")
        if folder is None:
            folder = store.Folder(display_name(str(corpus.resolve())), _new_prefix(known, corpus) if known else "")
            if rebuild:
                folder, kept = dataclasses.replace(folder, prefix=""), []
            kept = [*kept, folder]
        targets = [folder] if not rebuild else kept
    fresh = rebuild and corpus is not None and _match(known, corpus) is None
    return _Plan(tuple(targets), tuple(removed), tuple([*kept, *removed]), tuple(kept), fresh)


def _match(folders: list[store.Folder], path: Path) -> store.Folder | None:
    resolved = display_name(str(path.resolve()))
    for folder in folders:
        if folder.path == resolved or _same_folder(Path(folder.path), path):
            return folder
    return None


def _new_prefix(folders: list[store.Folder], path: Path) -> str:
    label = (path.resolve().name or "folder").replace("/", "_")
    taken = {f.prefix for f in folders}
    candidate, n = label, 1
    while f"{candidate}//" in taken:
        n += 1
        candidate = f"{label}-{n}"
    return f"{candidate}//"


class _Run:
    """One sync, holding the lists the report is made of."""

    def __init__(
        self,
        plan: _Plan,
        index_dir: Path,
        progress: Progress | None,
        batch_size: int,
        max_file_bytes: int,
        workers: int | None,
    ) -> None:
        self.plan, self.index_dir = plan, index_dir
        self.files: list[SourceFile] = []
        self.skipped: list[SkippedFile] = []
        self.missing: set[store.Folder] = set()
        self.indexname: str | None = None  # the generation written, once opened
        self.staged = False
        self.progress, self.batch_size, self.max_file_bytes = progress, batch_size, max_file_bytes
        self.workers = default_workers() if workers is None else workers
        self.workers_asked = workers is not None
        self.done = 0
        self.added: list[str] = []
        self.updated: list[str] = []
        self.unchanged: list[str] = []
        self.removed: list[str] = []
        self.documents = 0
        self.user_lexicon: UserLexicon | None = None
        self.lexicon: Lexicon = lexicon_with(None)
        self.lexicon_digest: str | None = None
        self.reextract = False  # the lexicon changed: every document is extracted again

    def use_lexicon(self, user: UserLexicon | None, given: bool) -> None:
        """Extract with ``user`` (when ``given``) or with the lexicon the index keeps; a lexicon
        other than the one its documents were extracted with (``lexicon`` in ipsearch.json)
        makes every document be extracted again."""
        if not given:
            user = store.read_lexicon(self.index_dir)
        if user is not None and not user.entries:
            user = None
        self.lexicon = lexicon_with(user)
        self.lexicon_digest = user.digest if user else None
        self.user_lexicon = user
        try:
            meta = store.read_meta(self.index_dir) or {}
        except CorruptIndexError:
            meta = {}
        self.reextract = meta.get("lexicon") != self.lexicon_digest

    def discover(self, allow_empty: bool, follow_links: bool) -> None:
        """Find the files of every target folder (ids prefixed by their folder's prefix)."""
        for folder in self.plan.targets:
            root = Path(folder.path)
            try:
                found = list(discover(root, exclude=(self.index_dir,), follow_links=follow_links))
            except CorpusError:
                if not allow_empty:
                    self._refuse_if_held(folder, "is missing")
                    raise
                self.missing.add(folder)
                continue
            if not any(isinstance(item, SourceFile) for item in found) and not allow_empty:
                self._refuse_if_held(folder, "holds no files")
            for item in found:
                if isinstance(item, Skipped):
                    self.skipped.append(SkippedFile(folder.prefix + item.path, item.reason))
                else:
                    self.files.append(dataclasses.replace(item, doc_id=folder.prefix + item.doc_id) if folder.prefix else item)

    def _refuse_if_held(self, folder: store.Folder, what: str) -> None:
        """An empty or missing folder would remove every document the index holds from it."""
        held = _held(self.index_dir, None if self.plan.fresh else folder)
        if held:
            raise CorpusError(
                f"the corpus folder {folder.path} {what} but the index holds {held} documents from it; "
                "if it is on a drive, mount it; pass --allow-empty to remove them"
            )

    def sync(self, rebuild: bool) -> None:
        plan = self.plan
        recover_stems(self.index_dir / STEMS_FILE, discard=rebuild)
        ix, indexname, staged = _open_for_writing(self.index_dir, rebuild, plan)
        self.indexname, self.staged = indexname, staged
        store.write_lexicon(self.index_dir, self.user_lexicon)  # before any document is extracted with it
        with store.damage_as_error(self.index_dir):
            known = _fingerprints(ix)
        seen = {f.doc_id for f in self.files}
        gone = sorted(doc_id for doc_id in known if doc_id not in seen
                      and any(f.owns(doc_id) for f in (*plan.targets, *plan.removed)))
        todo: list[SourceFile] = []
        for file in self.files:
            old = known.get(file.doc_id)
            if old is not None and old[1] == file.stamp and not self.reextract:
                self.unchanged.append(file.doc_id)
                self._tick(file.doc_id)
            else:
                todo.append(file)
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            workers = min(self.workers, len(batch) // PARALLEL_MIN_FILES)
            if workers > 1 and active().segment_writer and _can_fork(self.workers_asked):
                self._write_parallel(ix, batch, known, gone, workers)
            else:
                self._write_serial(ix, batch, known, gone)
        if gone:
            with _one_commit(ix) as writer:
                for doc_id in gone:
                    writer.delete_by_term("id", doc_id)
        if staged:
            store.publish(self.index_dir, indexname, folders=store.folders_meta(plan.after))
        elif (store.read_meta(self.index_dir) or {}).get("first_run"):
            store.update_meta(self.index_dir, first_run=None)  # complete: a waiting first search may read it
        elif plan.after != plan.during:
            store.update_meta(self.index_dir, folders=store.folders_meta(plan.after), corpus_dir=None)
        if (store.read_meta(self.index_dir) or {}).get("lexicon") != self.lexicon_digest:
            store.update_meta(self.index_dir, lexicon=self.lexicon_digest)  # every document now has it
        self.removed = sorted(gone)
        if self.added or self.updated or rebuild:
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

    def _add_files(self, writer: Any, files: list[SourceFile], known: dict[str, tuple[str, str]],
                   gone: list[str], tick: Callable[[str], None]) -> None:
        """Read, extract and write ``files`` a chunk at a time, each step over the whole chunk.

        Step by step rather than file by file keeps each step's code and tables warm in
        the CPU's caches: a serial Reuters build took 24.5 s of CPU instead of 28.6.
        """
        lexicon = self.lexicon
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
        self.lexicon.scan("")  # tables loaded and matcher built once here, inherited by every worker
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
        writer = worker_writer(ix)  # the parent holds the locks

        def tick(_: str) -> None:
            counts[k] += 1
            if os.getppid() != parent:  # where the parent-death signal is not available
                os._exit(1)

        try:
            self._add_files(writer, files, known, gone, tick)
            if writer.doc_count():
                segment = finish_segment(writer)
            else:
                close_segment(writer)
                segment = None
            part: _Part | BaseException = _Part(segment, self.added, self.updated, self.unchanged, self.skipped,
                                                gone, new_stems(stems_before))
        except BaseException as exc:  # handed to the parent, which raises it
            part = exc
        try:
            out.write_bytes(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:  # e.g. an exception that cannot be pickled
            with contextlib.suppress(Exception):  # a full disk: the parent says the worker died unreported
                out.write_bytes(pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}")))
        os._exit(0)  # never a traceback from a worker: the parent reports what went wrong

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
        if old is not None and old[0] == source.content_hash and not self.reextract:
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
def _one_commit(ix: Any, mergetype: Callable[..., Any] | None = None) -> Iterator[Any]:
    """A writer committed when the block ends, and cancelled (its lock released) if anything
    fails, the commit included: Whoosh's own ``with writer:`` does not cancel a failed commit."""
    writer = new_writer(ix)
    try:
        yield writer
        writer.commit(mergetype=mergetype)
    except BaseException:
        if not writer.is_closed:  # a failed commit closes it: cancelling then would mask the real error (ENOSPC)
            with contextlib.suppress(Exception):
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


def _open_for_writing(index_dir: Path, rebuild: bool, plan: _Plan):  # type: ignore[no-untyped-def]
    """(index, indexname, staged). A rebuild is staged: written aside, published when complete.

    A first run publishes its empty generation at once, so its batch commits are
    searchable and an interrupted first run keeps what it committed. A rebuild that an
    earlier run left unfinished is finished by the next run without ``--rebuild``.
    The folders the index is for are recorded before anything is written, so an
    interrupted run that added a folder still knows it.
    """
    folders = store.folders_meta(plan.during)
    try:
        meta = store.read_meta(index_dir)
    except CorruptIndexError:
        if not rebuild:
            raise
        meta = None  # a rebuild replaces an unreadable index
    if meta is None:
        if not (index_dir / store.META_FILE).exists():
            store.check_new_index_folder(index_dir)
        ix, name = store.new_generation(index_dir, folders=folders, first_run=True)
        if store.read_meta(index_dir)["indexname"] != name:  # type: ignore[index]
            store.publish(index_dir, name, folders=folders)
        return ix, name, False
    staged = meta.get("staged")
    if staged and not rebuild and meta.get("staged_schema_version") == SCHEMA_VERSION:
        ix = store.open_generation(index_dir, staged)
        if ix is not None:
            store.update_meta(index_dir, staged_folders=folders)
            return ix, staged, True
    if rebuild:
        ix, name = store.new_generation(index_dir)
        store.stage(index_dir, name, staged_folders=folders)
        return ix, name, True
    store.update_meta(index_dir, folders=folders, corpus_dir=None)
    ix = store.open_current(index_dir)
    return ix, ix.indexname, False


def _held(index_dir: Path, folder: store.Folder | None) -> int:
    """How many documents of the current index come from ``folder`` (None: all of them)."""
    try:
        ix = store.open_current(index_dir)
        with store.damage_as_error(index_dir):
            ids = _fingerprints(ix)
    except IpsearchError:
        return 0
    return sum(1 for doc_id in ids if folder is None or folder.owns(doc_id))


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
