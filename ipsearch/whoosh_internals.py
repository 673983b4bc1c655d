"""Every use of Whoosh's private internals, behind one door, each with a public-API fallback.

ipsearch is fast where it reads and writes Whoosh's posting blocks, length columns and
writer hooks directly (see :mod:`ipsearch.writer` and :mod:`ipsearch.collect`). Those
are private parts of whoosh3 (pinned exactly): a new Whoosh may rename or drop any of
them, and then nothing would fail, a search would only get slower. So:

* no other module touches a private Whoosh name: they call the functions here;
* this module checks which fast paths the installed Whoosh supports (:func:`supported`:
  each path on its first use, by looking for the classes, methods and attributes it
  needs; no index is opened) and every function falls back to Whoosh's public API for
  a path that is not taken;
* :func:`active` says which paths are taken. The tests assert that all of them are on
  the pinned whoosh3, so a silent slowdown fails CI;
* ``IPSEARCH_WHOOSH_FAST=0`` in the environment turns every path off: indexes and
  answers are the same (tested), only slower. CI runs the suite in both modes, and on
  whoosh-reloaded 2.7.5.

Answers are identical either way; indexes hold the same terms, postings, lengths,
stored fields and columns (the fast writer keeps a one-posting term inside its
term-table entry, where Whoosh's own writer writes a posting block).
"""

from __future__ import annotations

import os
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import accumulate, repeat
from pickle import dumps
from typing import Any

from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

__all__ = [
    "ENV_FAST",
    "FastPaths",
    "active",
    "close_segment",
    "field_has_own_b",
    "finish_segment",
    "length_bytes",
    "new_writer",
    "postings_with_deleted",
    "read_blocks",
    "supported",
    "use",
    "unfiltered_postings",
    "write_lock_name",
    "write_term",
]

#: ``IPSEARCH_WHOOSH_FAST=0`` takes Whoosh's public API everywhere (for CI and for a
#: Whoosh whose internals moved in a way the import-time checks do not see).
ENV_FAST = "IPSEARCH_WHOOSH_FAST"


@dataclass(frozen=True)
class FastPaths:
    """Which fast paths are taken. Each is one family of private Whoosh names.

    * ``segment_writer``: :class:`ipsearch.writer.FastSegmentWriter` overrides
      ``SegmentWriter``'s private hooks (``_check_state``, ``_flush_segment``, its
      posting pool, ``add_postings_to_pool``, a segment reader's ``_terms``), and indexing worker processes hand back
      their segment (``_finalize_segment``, ``_close_segment``, ``_lk``). Off: Whoosh's
      own ``SegmentWriter``, and batches are written in one process.
    * ``block_write``: a term's postings are cut into blocks in bulk through
      ``W3PostingsWriter``'s block buffer and ``_write_block``; a one-posting term goes
      into its term-table entry (``W3TermInfo._struct``, the field writer's
      ``_tindex``). Off: ``start_term`` / ``add`` / ``finish_term``, one call a posting.
    * ``block_read``: :mod:`ipsearch.collect` decodes whole posting blocks
      (``W3LeafMatcher._read_data`` / ``_next_block``). Off: one matcher call a posting.
    * ``length_column``: a segment's field lengths in one read of its length column
      (``_cached_reader``, ``_lenfield``, the column's ``_dbfile``). Off: the writer asks
      ``doc_field_length`` per document, the collector leaves scoring to Whoosh's matchers
      (about 15 us a posting).
    * ``field_b``: whether a BM25F weighting sets a per-field B (``BM25F._field_B``).
      Off: the collector cannot tell, so it leaves every field to Whoosh's matchers.
    """

    segment_writer: bool
    block_write: bool
    block_read: bool
    length_column: bool
    field_b: bool

    @classmethod
    def none(cls) -> FastPaths:
        """Every path off: Whoosh's public API everywhere."""
        return cls(**{f.name: False for f in fields(cls)})

    def inactive(self) -> list[str]:
        """Names of the paths that are off (empty when all are taken)."""
        return [f.name for f in fields(self) if not getattr(self, f.name)]


def _names_used(cls: Any) -> set[str]:
    """Attribute names a class's own methods read or set (from their code objects):
    how the checks below see instance attributes without making an instance."""
    found: set[str] = set()
    for klass in getattr(cls, "__mro__", ()):
        for value in vars(klass).values():
            code = getattr(value, "__code__", None)
            if code is not None:
                found.update(code.co_names)
    return found


def _has(cls: Any, methods: tuple[str, ...] = (), attrs: tuple[str, ...] = ()) -> bool:
    """``cls`` has these methods, and its methods use these (instance) attributes."""
    if cls is None or not all(callable(getattr(cls, name, None)) for name in methods):
        return False
    used = _names_used(cls)
    return all(name in used or hasattr(cls, name) for name in attrs)


def _segment_writer() -> bool:
    from whoosh.reading import SegmentReader
    from whoosh.writing import SegmentWriter

    try:
        from inspect import signature

        lk = "_lk" in signature(SegmentWriter.__init__).parameters
    except (TypeError, ValueError):
        lk = False
    return lk and _has(
        SegmentWriter,
        methods=("_check_state", "_check_fields", "_flush_segment", "_finalize_segment", "_close_segment",
                 "add_postings_to_pool", "per_document_reader"),
        attrs=("_added", "pool", "perdocwriter", "fieldwriter", "docnum"),
    ) and _has(SegmentReader, attrs=("_terms",)) and _has(_codec().W3PerDocWriter, attrs=("_fieldlengths",))


def _codec() -> Any:
    try:
        from whoosh.codec import whoosh3
    except ImportError:  # pragma: no cover - every Whoosh 2.5+ has it
        return None
    return whoosh3


def _block_write() -> bool:
    whoosh3 = _codec()
    struct = getattr(getattr(whoosh3, "W3TermInfo", None), "_struct", None)
    return (
        getattr(struct, "format", None) in ("!BfIBBfII", b"!BfIBBfII")
        and _has(getattr(whoosh3, "W3FieldWriter", None), methods=("start_term", "add", "finish_term"),
                 attrs=("_tindex", "_fieldid", "_postwriter"))
        and isinstance(getattr(whoosh3, "WHOOSH3_HEADER_MAGIC", None), bytes)
        and _has(getattr(whoosh3, "W3PostingsWriter", None),
                 methods=("_write_block", "_mini_ids", "_mini_weights", "_mini_values", "_new_block"),
                 attrs=("_blocklimit", "_ids", "_weights", "_values", "_minlength", "_maxlength", "_maxweight",
                        "_blockcount", "_postfile", "_terminfo", "_compression"))
    )


def _block_read() -> bool:
    return _has(getattr(_codec(), "W3LeafMatcher", None), methods=("_read_data", "_next_block"),
                attrs=("_data", "_byteids", "_i"))


def _length_column() -> bool:
    whoosh3 = _codec()
    lengths = getattr(whoosh3, "LENGTHS_COLUMN", None)
    return (
        callable(getattr(whoosh3, "_lenfield", None))
        and _has(getattr(whoosh3, "W3PerDocReader", None), methods=("_cached_reader",))
        and _has(getattr(type(lengths), "Reader", None), attrs=("_dbfile", "_basepos", "_count"))
    )


def _field_b() -> bool:
    from whoosh.scoring import BM25F

    return isinstance(getattr(BM25F(), "_field_B", None), dict)


#: Each path's check: whether the installed Whoosh has what the path needs. Never raises.
_CHECKS = {
    "segment_writer": _segment_writer,
    "block_write": _block_write,
    "block_read": _block_read,
    "length_column": _length_column,
    "field_b": _field_b,
}


def _check() -> FastPaths:
    """What the installed Whoosh supports, every path checked afresh."""
    return FastPaths(**{name: bool(check()) for name, check in _CHECKS.items()})


#: Each path's answer, checked on its first use rather than at import: the writer's check
#: imports ``whoosh.writing``, which a search process otherwise never loads (~6 ms of
#: start-up). ``forced``: the paths set by :func:`use` or ``IPSEARCH_WHOOSH_FAST=0``.
_state: dict[str, Any] = {}


def _on(path: str) -> bool:
    """Whether ``path`` is taken (checked once, then remembered)."""
    found = _state.get(path)
    if found is None:
        if "forced" not in _state:
            _state["forced"] = FastPaths.none() if os.environ.get(ENV_FAST, "").strip() == "0" else None
        forced = _state["forced"]
        found = _state[path] = getattr(forced, path) if forced is not None else bool(_CHECKS[path]())
    return bool(found)


def supported() -> FastPaths:
    """The fast paths the installed Whoosh supports (whatever is forced)."""
    found = _state.get("supported")
    if found is None:
        found = _state["supported"] = _check()
    return found  # type: ignore[no-any-return]


def active() -> FastPaths:
    """The fast paths taken: :func:`supported`, none under ``IPSEARCH_WHOOSH_FAST=0``, or
    what :func:`use` set."""
    return FastPaths(**{name: _on(name) for name in _CHECKS})


def use(paths: FastPaths | None) -> None:
    """Take exactly ``paths`` from now on (None: back to the environment and the checks).
    For tests and benchmarks that compare the modes in one process."""
    _state.clear()
    if paths is not None:
        _state["forced"] = paths


# ---------------------------------------------------------------- writing


def new_writer(ix: Any, **kwargs: Any) -> Any:
    """A writer for ``ix``: ipsearch's ``FastSegmentWriter`` when its hooks are there,
    else Whoosh's own ``SegmentWriter`` (same documents, same answers, slower).
    ``compound=False``: plain segment files, which readers map (see store._Storage)."""
    kwargs.setdefault("compound", False)
    if _on("segment_writer"):
        from .writer import FastSegmentWriter

        return FastSegmentWriter(ix, **kwargs)
    from whoosh.writing import SegmentWriter

    return SegmentWriter(ix, **kwargs)


def worker_writer(ix: Any) -> Any:
    """A writer for an indexing worker process, which leaves the locks to its parent.
    Only with ``segment_writer`` active (else batches are written in one process)."""
    assert _on("segment_writer"), "worker segments need the segment_writer fast path"
    return new_writer(ix, _lk=False)


def finish_segment(writer: Any) -> Any:
    """A worker's segment, written and closed, for the parent to commit with a merge."""
    return writer._finalize_segment()


def close_segment(writer: Any) -> None:
    """Close a worker's writer that got no documents."""
    writer._close_segment()


def check_writer_state(writer: Any) -> None:
    """Whoosh's own guard at the top of ``add_document`` (raises on a closed writer)."""
    writer._check_state()


def field_length_totals(writer: Any) -> dict[str, int]:
    """The writer's running per-field length totals (what BM25's average length comes from),
    for a merge to set exactly instead of from rounded per-document bytes."""
    totals: dict[str, int] = writer.perdocwriter._fieldlengths
    return totals


def mark_added(writer: Any) -> None:
    """Tell the writer it holds new documents (so its commit writes a segment)."""
    writer._added = True


def unfiltered_postings(reader: Any, field_name: str, btext: bytes) -> Any:
    """A term's posting matcher in a segment, deleted documents included: a segment reader
    wraps its matcher in a ``FilterMatcher`` of the deletions; this takes the inner one."""
    m = reader.postings(field_name, btext)
    return m.child if isinstance(m, FilterMatcher) else m


def postings_with_deleted(reader: Any, field_name: str, btext: bytes) -> Any:
    """Every posting of a term in a segment, deleted documents included, from the first
    (``unfiltered_postings`` may start past deleted ones). For merging, on the
    ``segment_writer`` path only."""
    return reader._terms.matcher(field_name, btext, reader.schema[field_name].format)


#: The layout of a term-table entry (``W3TermInfo._struct``), loaded by the first write.
_TERM_INFO: Any = None


def _term_info_struct() -> Any:
    global _TERM_INFO
    from whoosh.codec.whoosh3 import W3TermInfo

    _TERM_INFO = W3TermInfo._struct
    return _TERM_INFO


def write_term(
    fw: Any, tbytes: bytes, ids: array, weights: array, values: list[bytes], lens: list[int], keep_values: bool
) -> None:
    """Write one term's postings (document order) with the field writer ``fw`` (inside
    ``start_field`` / ``finish_field``). ``lens``: each document's field length.

    Fast: a one-posting term becomes its term-table entry (what Whoosh's ``inlinelimit``
    would do, were it not broken in whoosh3 3.54.0: it calls ``set_inline``), longer lists
    are cut into Whoosh's blocks in bulk, byte for byte what ``add`` per posting writes.
    """
    n = len(ids)
    if not _on("block_write"):
        fw.start_term(tbytes)
        for i in range(n):
            fw.add(ids[i], weights[i], values[i] if keep_values else b"", lens[ids[i]] or None)
        fw.finish_term()
        return
    if n == 1 and keep_values:
        fw._tindex.add(pack_ushort(fw._fieldid) + tbytes, _inline_entry(ids[0], weights[0], values[0], lens[ids[0]]))
        return
    fw.start_term(tbytes)
    pw = fw._postwriter
    limit = pw._blocklimit
    for start in range(0, n, limit):
        end = start + limit
        block_ids = ids[start:end]
        block_weights = weights[start:end]
        block_lens = [lens[d] for d in block_ids]
        nonzero = [length for length in block_lens if length]
        pw._ids = block_ids
        pw._weights = block_weights
        pw._values = [v for v in values[start:end] if v] if keep_values else []
        pw._minlength = min(nonzero) if nonzero else None
        pw._maxlength = max(block_lens)
        pw._maxweight = max(0, max(block_weights))
        _write_block(pw, end >= n)
    fw.finish_term()


def _write_block(pw: Any, last: bool) -> None:
    """``W3PostingsWriter._write_block``: the same block, except that zlib gets the smallest
    window that holds the block (plus its 262-byte lookahead) instead of 32 KB.

    zlib clears its whole window for every ``compress`` call: on Reuters' posting blocks
    (mostly 100 bytes to 7 KB) that set-up was a third of the commit's compression time.
    With a window larger than the data no match distance changes, so the deflate stream is
    byte for byte Whoosh's and only the 2-byte zlib header (which names the window) differs;
    ``zlib.decompress`` reads any window size (tests/test_writer.py checks both).
    """
    from whoosh.codec import whoosh3

    if not pw._blockcount:
        pw._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
    pw._terminfo.add_block(pw)
    databytes = dumps((pw._mini_ids(), _mini_weights(pw._weights), pw._mini_values()), 2)
    comp = pw._compression
    if len(databytes) < getattr(whoosh3, "COMPRESSION_MIN_SIZE", 0):
        comp = 0
    if comp:
        databytes = compress_block(databytes, comp)
    ids = pw._ids
    infobytes = dumps((len(ids), ids[-1], pw._maxweight, comp, length_to_byte(pw._minlength),
                       length_to_byte(pw._maxlength)), 2)
    blocklength = len(infobytes) + len(databytes)
    pw._postfile.write_int(-blocklength if last else blocklength)
    pw._postfile.write(infobytes)
    pw._postfile.write(databytes)
    pw._blockcount += 1
    pw._new_block()


def _mini_weights(weights: Any) -> Any:
    """``W3PostingsWriter._mini_weights``: None when all are 1.0, the one weight when all are equal,
    else all of them; counted in C (``array.count`` compares with ==, as Whoosh's ``all`` does)."""
    n = len(weights)
    if weights.count(1.0) == n:
        return None
    if weights.count(weights[0]) == n:
        return weights[0]
    return tuple(weights)


def compress_block(data: bytes, level: int) -> bytes:
    """``zlib.compress(data, level)`` with the smallest window that changes no match (see :func:`_write_block`)."""
    c = zlib.compressobj(level, zlib.DEFLATED, max(9, min(15, (len(data) + 261).bit_length())))
    return c.compress(data) + c.flush()


def _inline_entry(docnum: int, weight: float, value: bytes, length: int) -> bytes:
    """The term-table entry of a term with one posting, the posting inside it: the bytes
    ``W3TermInfo.to_bytes`` makes after ``add_block`` and ``set_inlined``, built directly
    because half of all terms take this path."""
    lbyte = length_to_byte(length) if length else 0
    head = (_TERM_INFO or _term_info_struct()).pack(1, weight, 1, lbyte, lbyte, max(0, weight), docnum, docnum)
    return head + dumps(((docnum,), (weight,), (value,)), 2)


# ---------------------------------------------------------------- reading


def length_bytes(perdoc: Any, field_name: str, doccount: int) -> bytes | None:
    """A segment's per-document length bytes of a field (Whoosh's ``_<field>_len`` column),
    read in one go and padded to ``doccount``; None when the field has none, when the
    ``length_column`` path is off, or for another codec."""
    if not _on("length_column"):
        return None
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        col = perdoc._cached_reader(_lenfield(field_name), LENGTHS_COLUMN)
        if col is None:
            return None
        raw = col._dbfile.get(col._basepos, col._count)
    except (AttributeError, ImportError, TypeError):
        return None
    missing = doccount - len(raw)
    return raw + bytes(missing) if missing > 0 else raw


def segment_length_bytes(reader: Any, field_name: str) -> bytes | None:
    """:func:`length_bytes` of a segment reader (its per-document reader), or None."""
    if not _on("length_column"):
        return None
    perdoc = getattr(reader, "_perdoc", None)
    return None if perdoc is None else length_bytes(perdoc, field_name, reader.doc_count_all())


def field_has_own_b(weighting: Any, field_name: str) -> bool:
    """Whether a BM25F weighting sets its own B for this field; True when it cannot be told
    (then the field is scored by Whoosh's matchers, which know)."""
    if not _on("field_b"):
        return True
    field_b = getattr(weighting, "_field_B", None)
    return not isinstance(field_b, dict) or field_name in field_b


def read_blocks(m: Any, values: bool = False) -> Iterator[tuple[Iterable[int], Iterable[float], Iterable[Any]]]:
    """(ids, weights, encoded values or ()) per posting block of a fresh leaf matcher;
    without the ``block_read`` path (or for another matcher), all postings as one block,
    through the public matcher methods.

    Whoosh's own block reader (``W3LeafMatcher._read_ids`` / ``_read_weights``) decodes
    the ids in a Python generator; ``accumulate`` does the same sum in C.
    """
    if _on("block_read") and hasattr(m, "_read_data") and hasattr(m, "_next_block") and getattr(m, "_i", None) == 0:
        while m.is_active():
            if m._data is None:
                m._read_data()
            ids, weights, raw_values = m._data[0], m._data[1], m._data[2]
            if not m._byteids:
                ids = accumulate(ids)
            if weights is None:
                weights = repeat(1.0)
            elif isinstance(weights, float):
                weights = repeat(array("f", (weights,))[0])  # stored as float32, as Whoosh reads it
            yield ids, weights, raw_values if values else ()
            m._next_block()
        return
    one_ids: list[int] = []
    one_weights: list[float] = []
    found: list[Any] = []
    while m.is_active():
        one_ids.append(m.id())
        one_weights.append(m.weight())
        if values:
            found.append(m.value())
        m.next()
    yield one_ids, one_weights, found


def write_lock_name(indexname: str) -> str:
    """The file name of Whoosh's own writer lock of an index (``ix.lock("WRITELOCK")``)."""
    return f"{indexname}_WRITELOCK"
