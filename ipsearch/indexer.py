"""The write path: sync a corpus folder into the index.

A run compares each file's size and mtime (then its content hash) with what the
index holds, extracts and adds only what is new or changed, removes what is gone,
and commits in batches so an interruption loses at most one batch. A rebuild writes
a fresh generation and switches to it only when complete (see :mod:`ipsearch.store`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .corpus import SourceFile, Skipped, discover, read_source
from .errors import BadDocumentError, IndexNotFoundError
from .lexicon import default_lexicon
from .metadata import extract
from .results import IndexReport, SkippedFile
from .schema import to_fields
from . import store

#: ``progress(done, total, doc_id)`` is called after each file.
Progress = Callable[[int, int, str], None]

BATCH_SIZE = 5000
WRITER_LIMIT_MB = 256


def build_index(
    corpus_dir: str | Path,
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    lock_wait: float = 0.0,
) -> IndexReport:
    """Sync ``index_dir`` with the files under ``corpus_dir`` and report what happened to each."""
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir).absolute(), Path(index_dir)
    files: list[SourceFile] = []
    skipped: list[SkippedFile] = []
    for item in discover(corpus_dir):
        if isinstance(item, Skipped):
            skipped.append(SkippedFile(item.path, item.reason))
        else:
            files.append(item)

    with store.write_lock(index_dir, wait=lock_wait):
        ix, indexname, staged = _open_for_writing(index_dir, rebuild, corpus_dir)
        known = _fingerprints(ix)
        added: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        lexicon = default_lexicon()
        writer = None
        pending = 0
        seen = {f.doc_id for f in files}
        removed = sorted(doc_id for doc_id in known if doc_id not in seen)
        try:
            for done, file in enumerate(files, 1):
                old = known.get(file.doc_id)
                if old is not None and old[1] == file.stamp:
                    unchanged.append(file.doc_id)
                else:
                    try:
                        source = read_source(file)
                    except BadDocumentError as exc:
                        skipped.append(SkippedFile(file.doc_id, str(exc)))
                        if old is not None:
                            removed.append(file.doc_id)
                        source = None
                    if source is not None and old is not None and old[0] == source.content_hash:
                        unchanged.append(file.doc_id)
                    elif source is not None:
                        if writer is None:
                            writer = ix.writer(limitmb=WRITER_LIMIT_MB)
                        fields = to_fields(extract(source, lexicon))
                        if old is None:
                            writer.add_document(**fields)
                            added.append(file.doc_id)
                        else:
                            writer.update_document(**fields)
                            updated.append(file.doc_id)
                        pending += 1
                        if pending >= batch_size and not staged:
                            writer.commit()
                            writer, pending = None, 0
                if progress:
                    progress(done, len(files), file.doc_id)
            if removed:
                if writer is None:
                    writer = ix.writer(limitmb=WRITER_LIMIT_MB)
                for doc_id in removed:
                    writer.delete_by_term("id", doc_id)
            if writer is not None:
                writer.commit()
                writer = None
        finally:
            if writer is not None:
                writer.cancel()
        if staged:
            store.publish(index_dir, indexname, corpus_dir=str(corpus_dir.resolve()))
        with ix.reader() as reader:
            documents = reader.doc_count()

    return IndexReport(
        index_dir=str(index_dir),
        corpus_dir=str(corpus_dir),
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        removed=tuple(removed),
        skipped=tuple(skipped),
        documents=documents,
        seconds=time.perf_counter() - started,
    )


def _open_for_writing(index_dir: Path, rebuild: bool, corpus_dir: Path):  # type: ignore[no-untyped-def]
    """(index, indexname, staged). A rebuild is staged: written aside, published when complete.

    A first run publishes its empty generation at once, so its batch commits are
    searchable and an interrupted first run keeps what it committed.
    """
    if not rebuild:
        try:
            ix = store.open_current(index_dir)
            return ix, ix.indexname, False
        except IndexNotFoundError:
            ix, name = store.new_generation(index_dir)
            store.publish(index_dir, name, corpus_dir=str(corpus_dir.resolve()))
            return ix, name, False
    ix, name = store.new_generation(index_dir)
    return ix, name, True


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

