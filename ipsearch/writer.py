"""Analyzed fields -> a Whoosh segment, written with less Python per posting than Whoosh's own.

Whoosh's ``SegmentWriter`` runs every token through a generator pipeline, puts every
posting as a tuple into an external sorting pool, sorts them all at commit and writes
them one call per posting. On Reuters that was two thirds of the build. This writer
keeps Whoosh's segment format, codec, merging, deletions and TOC untouched and changes
these things:

* full-text fields analyzed by :func:`ipsearch.analysis.text_analyzer` get their terms
  and positions from :func:`ipsearch.analysis.index_positions` (same terms, one cached
  lookup per occurrence);
* postings go into an in-memory table, term -> parallel arrays of document numbers,
  weights and encoded values, appended in document order, so nothing is sorted but the
  terms;
* at commit each term's postings are cut into Whoosh's blocks in bulk;
* a term with one posting keeps it in its term-table entry (what Whoosh's ``inlinelimit``
  would do, were it not broken in whoosh3 3.54.0);
* a field marked ``once_per_segment`` (the spelling list, see schema.WordList) posts each
  term once per segment, counting its documents in that posting's weight.

The bulk step fills the private block buffer of whoosh3's ``W3PostingsWriter`` and
calls its own ``_write_block``, so blocks are byte-for-byte Whoosh's. Every such
private access goes through :mod:`ipsearch.whoosh_internals`, which falls back to
Whoosh's public calls where they are missing (and its ``new_writer`` to Whoosh's own
writer where this class's hooks are). tests/test_writer.py checks that an index
written this way answers every term, position, length, stored field and column like
one written by Whoosh's own writer.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.analysis import RegexTokenizer
from whoosh.system import emptybytes, pack_uint
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from .analysis import FacetKeyAnalyzer, index_positions, text_analyzer
from .whoosh_internals import (
    check_writer_state,
    field_length_totals,
    length_bytes,
    mark_added,
    postings_with_deleted,
    write_term,
)

__all__ = ["FastSegmentWriter"]

#: Length byte -> field length (byte 0: no length, 0).
_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


class _Postings:
    """One term's postings in document order."""

    __slots__ = ("ids", "weights", "values")

    def __init__(self) -> None:
        self.ids = array("I")
        self.weights = array("f")
        self.values: list[bytes] = []


class TermPool:
    """field -> term bytes -> postings, in memory; the stand-in for Whoosh's PostingPool.

    Whoosh's merge step (``add_reader``) feeds postings of old segments through
    :meth:`add`; documents arrive in increasing number, so each term's list stays sorted.
    """

    def __init__(self, once_per_segment: frozenset[str] = frozenset()) -> None:
        self.fields: dict[str, dict[bytes, _Postings]] = {}
        self.once_per_segment = once_per_segment

    def terms(self, fieldname: str) -> dict[bytes, _Postings]:
        """The field's term table, created empty the first time."""
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.terms(fieldname)
        p = terms.get(tbytes)
        if p is None:
            p = terms[tbytes] = _Postings()
        elif fieldname in self.once_per_segment:
            p.weights[0] += weight
            return
        p.ids.append(docnum)
        p.weights.append(weight)
        p.values.append(vbytes or emptybytes)

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                p = terms[tbytes]
                for docnum, weight, vbytes in zip(p.ids, p.weights, p.values):
                    yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        self.fields.clear()


class FastSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` for ipsearch's schema; any other field takes Whoosh's own path."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        kwargs.setdefault("compound", False)  # plain segment files, which readers map (see store._Storage)
        super().__init__(ix, **kwargs)
        self.pool.cleanup()
        self.pool: TermPool = TermPool(frozenset(n for n, f in self.schema.items() if getattr(f, "once_per_segment", False)))
        analyzer = text_analyzer()
        self._fast_fields: dict[str, Any] = {}
        for name, field in self.schema.items():
            if field.vector or not field.indexed:
                continue
            if type(field.format) is formats.Positions and field.analyzer == analyzer:
                self._fast_fields[name] = self._add_text
            elif type(field.format) is formats.Frequency and type(field.analyzer) is RegexTokenizer and not field.analyzer.gaps:
                self._fast_fields[name] = self._add_words
            elif type(field.format) is formats.Frequency and type(field.analyzer) is FacetKeyAnalyzer:
                self._fast_fields[name] = self._add_words
        self._one_position: dict[int, bytes] = {}
        self._frequency: dict[int, bytes] = {}
        #: id of a field's term table -> (that table, term text -> the same postings): the
        #: analyzer hands back the same str objects for a word every time (their hash is
        #: cached), so a str key skips the per-occurrence ``encode`` and bytes hashing.
        self._by_text: dict[int, tuple[dict[bytes, _Postings], dict[str, _Postings]]] = {}

    def add_document(self, **fields: Any) -> None:
        check_writer_state(self)
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        pool = self.pool
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                fast = self._fast_fields.get(fieldname)
                if fast is not None:
                    length = fast(pool.terms(fieldname), field, value, docnum)
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        pool.add((fieldname, tbytes, docnum, weight, vbytes))
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        mark_added(self)
        self.docnum += 1

    def _add_text(self, terms: dict[bytes, _Postings], field: Any, value: str, docnum: int) -> int:
        boost = field.format.field_boost
        encode, one = field.format.encode, self._one_position
        held = self._by_text.get(id(terms))
        if held is None or held[0] is not terms:
            held = self._by_text[id(terms)] = (terms, {})
        by_text = held[1]
        length = 0
        for term, poslist in index_positions(value).items():
            n = len(poslist)
            length += n
            if n == 1:
                vbytes = one.get(poslist[0])
                if vbytes is None:
                    vbytes = one[poslist[0]] = encode(poslist)
            else:  # formats.Positions.encode's bytes (the only format sent here), its loop a comprehension
                vbytes = pack_uint(n) + dumps([p - q for p, q in zip(poslist, [0, *poslist])], 2)
            p = by_text.get(term)
            if p is None:  # new to this writer (maybe posted by a merged segment, under its bytes)
                tbytes = term.encode("utf-8")
                p = terms.get(tbytes)
                if p is None:
                    p = terms[tbytes] = _Postings()
                by_text[term] = p
            p.ids.append(docnum)
            p.weights.append(n * boost)
            p.values.append(vbytes)
        return length if field.scorable else 0

    def _add_words(self, terms: dict[bytes, _Postings], field: Any, value: str, docnum: int) -> int:
        """A field of words split by a regex (the spelling list) or of facet keys, counted:
        Whoosh's Frequency.word_values without the token objects."""
        if not value:
            return 0  # an empty keyword field (most documents name no person, place, month ...)
        if type(field.analyzer) is FacetKeyAnalyzer:
            words = FacetKeyAnalyzer.keys(value)
        else:
            words = field.analyzer.expression.findall(value)
        counts = Counter(words)
        boost, packed = field.format.field_boost, self._frequency
        once = getattr(field, "once_per_segment", False)
        for word, freq in counts.items():
            vbytes = packed.get(freq)
            if vbytes is None:
                vbytes = packed[freq] = pack_uint(freq)
            tbytes = word.encode("utf-8")
            p = terms.get(tbytes)
            if p is None:
                p = terms[tbytes] = _Postings()
            elif once:
                p.weights[0] += freq * boost
                continue
            p.ids.append(docnum)
            p.weights.append(freq * boost)
            p.values.append(vbytes)
        return len(words) if field.scorable else 0

    def add_reader(self, reader: Any) -> None:
        """Merging an old segment in, keeping its field-length totals exact.

        Whoosh re-adds each merged document with the length byte it stored (a rounded
        length), so every merge moved the totals BM25's average length comes from: a Reuters
        body total of 305,878 after one batch became 309,651 when built 100 at a time, and
        rankings depended on how the index was built. The segment's own totals are exact;
        only its deleted documents' shares are known just as rounded bytes.
        """
        lengths = field_length_totals(self)
        before = dict(lengths)
        super().add_reader(reader)
        live = set(reader.all_doc_ids()) if reader.has_deletions() else None
        deleted = [d for d in range(reader.doc_count_all()) if d not in live] if live is not None else []
        for fieldname in list(lengths):
            exact = reader.field_length(fieldname) - sum(reader.doc_field_length(d, fieldname) for d in deleted)
            lengths[fieldname] = before.get(fieldname, 0) + max(0, exact)

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: dict[int, int] | None) -> None:
        """Merging an old segment in. Whoosh's own loop, except that a once-per-segment term
        keeps its count when the document it is posted on was deleted: the count moves to
        the segment's first live document (counts include deleted documents, like
        Lucene's docFreq, rather than words vanishing)."""
        if docmap is not None and not docmap:
            return  # nothing live in it
        once, add = self.pool.once_per_segment, self.pool.add
        holder = startdoc if docmap is None else min(docmap.values())
        for fieldname, btext in reader.all_terms():
            if fieldname not in self.schema:
                continue
            if fieldname in once:
                m = postings_with_deleted(reader, fieldname, btext)
                total = 0.0
                while m.is_active():
                    total += m.weight()
                    value = m.value()
                    m.next()
                add((fieldname, btext, holder, total, value))
                continue
            m = reader.postings(fieldname, btext)
            while m.is_active():
                docnum = m.id()
                add((fieldname, btext, startdoc + docnum if docmap is None else docmap[docnum], m.weight(), m.value()))
                m.next()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            self._write_postings(lengths)
        finally:
            lengths.close()
        self.fieldwriter.close()

    def _write_postings(self, lengths: Any) -> None:
        fw, schema = self.fieldwriter, self.schema
        doccount = self.docnum
        for fieldname in sorted(self.pool.fields):
            terms = self.pool.fields[fieldname]
            field = schema[fieldname]
            raw = length_bytes(lengths, fieldname, doccount)
            if raw is not None:
                lens = [_BYTE_TO_LENGTH[b] for b in raw]
            elif field.scorable:  # the public way: one call a document
                lens = [lengths.doc_field_length(d, fieldname) or 0 for d in range(doccount)]
            else:
                lens = [0] * doccount
            fw.start_field(fieldname, field)
            keep_values = field.format.fixed_value_size() != 0
            for tbytes in sorted(terms):
                p = terms[tbytes]
                write_term(fw, tbytes, p.ids, p.weights, p.values, lens, keep_values)
            fw.finish_field()
        self.pool.cleanup()
        self._by_text.clear()
