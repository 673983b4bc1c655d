"""The Whoosh schema of the fields :mod:`ipsearch.fields` declares, and its version.

Each field kind has one Whoosh type here. Keyword fields (facets) are indexed under a
folded key (so ``countries:russia`` matches) and kept verbatim in a column (so facets
show "Russia", and counting reads a column instead of walking postings). Dates are two
integers (yyyymmdd) for the first and last day the stated date covers.
"""

from __future__ import annotations

from typing import Any

from whoosh import columns, fields
from whoosh.analysis import SpaceSeparatedTokenizer

from .analysis import FacetKeyAnalyzer, text_analyzer
from .fields import FACET_FIELDS, FIELDS, MULTI_VALUED, NO_DATE, OPEN_END, TEXT_FIELDS, Field, date_bounds

#: Bump when the schema or analysis changes in a way old indexes cannot serve.
#: 3: the unstemmed ``spelling`` word list for "did you mean".
#: 4: ``spelling`` posts each word once per segment (:class:`WordList`).
#: 5: the ``month`` facet (YYYY-MM).
#: 6: ``people_keys`` (a person by pinyin, either order, or surname alone).
SCHEMA_VERSION = 6


class WordList(fields.TEXT):
    """The words that occur in a segment, each posted once: on the first document that has
    it, with a weight that counts the documents that have it.

    Spelling correction only asks whether a word exists, finds its neighbours in the term
    list and prefers the commoner one (``reader.frequency``: the summed weights). One
    posting per word instead of one per document took 40% of all postings off Reuters.
    Deleting documents leaves the counts high until their segment is merged.
    :class:`ipsearch.writer.FastSegmentWriter` honours ``once_per_segment``; Whoosh's
    own writer would post every document, which answers the same questions.
    """

    once_per_segment = True

    def __init__(self) -> None:
        super().__init__(analyzer=SpaceSeparatedTokenizer(), phrase=False, stored=False)
        self.scorable = False  # nothing scores it: no length column


def whoosh_field(field: Field, analyzer: Any) -> fields.FieldType:
    """The Whoosh type of one declared field (``analyzer``: the shared full-text analyzer)."""
    kind = field.kind
    if kind == "id":
        return fields.ID(stored=True, unique=True, sortable=True)
    if kind == "text":
        return fields.TEXT(analyzer=analyzer, stored=field.stored)
    if kind == "keyword":
        return fields.KEYWORD(stored=True, sortable=True, analyzer=FacetKeyAnalyzer())
    if kind == "date":
        # shift_step 8: 4 indexed terms per date instead of 8 (a seventh of all postings on Reuters);
        # date ranges still need only a few hundred terms.
        return fields.NUMERIC(int, bits=32, sortable=True, signed=False, shift_step=8)
    if kind == "stored":
        return fields.STORED()
    if kind == "bytes":
        return fields.COLUMN(columns.VarBytesColumn())
    if kind == "words":
        return WordList()
    raise ValueError(f"field {field.name!r} has no Whoosh type for kind {kind!r}")


def build_schema() -> fields.Schema:
    ana = text_analyzer()
    return fields.Schema(**{f.name: whoosh_field(f, ana) for f in FIELDS})


__all__ = ["FACET_FIELDS", "MULTI_VALUED", "NO_DATE", "OPEN_END", "SCHEMA_VERSION", "TEXT_FIELDS", "WordList",
           "build_schema", "date_bounds", "whoosh_field"]
