"""Document -> Whoosh fields, and the schema that holds them.

Facet fields are KEYWORD fields indexed under a folded key (so ``countries:russia``
matches) and kept verbatim in a column (so facets show "Russia", and counting reads a
column instead of walking postings). Dates are two integers (yyyymmdd) for the first
and last day the stated date covers, so "2019-12" falls inside a December range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whoosh import columns, fields
from whoosh.analysis import SpaceSeparatedTokenizer

from .analysis import FacetKeyAnalyzer, text_analyzer
from .suggest import SPELLING_FIELD, spelling_words

if TYPE_CHECKING:  # extraction (and its many regexes) stays off the search path
    from .extract import Document

#: Bump when the schema or analysis changes in a way old indexes cannot serve.
#: 3: the unstemmed ``spelling`` word list for "did you mean".
#: 4: ``spelling`` posts each word once per segment (:class:`WordList`).
SCHEMA_VERSION = 4

TEXT_FIELDS = ("title", "body", "entities")
FACET_FIELDS = ("countries", "organizations", "people", "places", "event_types", "year", "language", "source")
MULTI_VALUED = frozenset({"countries", "organizations", "people", "places", "event_types"})
NO_DATE = 0
OPEN_END = 99_999_999


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


def build_schema() -> fields.Schema:
    ana = text_analyzer()
    facet = {
        name: fields.KEYWORD(stored=True, sortable=True, analyzer=FacetKeyAnalyzer())
        for name in FACET_FIELDS
    }
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        path=fields.STORED(),
        title=fields.TEXT(analyzer=ana, stored=True),
        body=fields.TEXT(analyzer=ana, stored=True),
        entities=fields.TEXT(analyzer=ana, stored=False),
        date=fields.STORED(),
        # shift_step 8: 4 indexed terms per date instead of 8 (a seventh of all postings on Reuters);
        # date ranges still need only a few hundred terms.
        date_start=fields.NUMERIC(int, bits=32, sortable=True, signed=False, shift_step=8),
        date_end=fields.NUMERIC(int, bits=32, sortable=True, signed=False, shift_step=8),
        translated_from=fields.STORED(),
        encoding=fields.STORED(),
        fingerprint=fields.COLUMN(columns.VarBytesColumn()),
        chrome=fields.STORED(),
        **{SPELLING_FIELD: WordList()},
        **facet,
    )


def date_bounds(iso: str | None) -> tuple[int, int]:
    """First and last day (yyyymmdd) an ISO date of any precision covers; yearless dates have none."""
    if not iso or iso.startswith("--"):
        return NO_DATE, NO_DATE
    parts = [int(p) for p in iso.split("-")]
    y = parts[0]
    if len(parts) == 1:
        return y * 10000 + 101, y * 10000 + 1231
    m = parts[1]
    if len(parts) == 2:
        return y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31
    d = y * 10000 + m * 100 + parts[2]
    return d, d


def fingerprint(doc: Document) -> bytes:
    return f"{doc.content_hash}|{doc.stamp}".encode()


def join_values(values: tuple[str, ...] | list[str]) -> str:
    return ",".join(v.replace(",", " ") for v in values if v)


def split_values(raw: Any) -> tuple[str, ...]:
    if not raw:
        return ()
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    return tuple(v for v in raw.split(",") if v)


def to_fields(doc: Document) -> dict[str, Any]:
    """The keyword arguments of ``writer.add_document`` for one document."""
    start, end = date_bounds(doc.date)
    entity_names = [*doc.people, *doc.organizations, *doc.countries, *doc.places, *doc.aliases]
    entities = " \n ".join(dict.fromkeys(entity_names))
    values: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "body": doc.body,
        "entities": entities,
        SPELLING_FIELD: spelling_words((doc.title, doc.body, *entity_names)),
        "date": doc.date,
        "date_start": start,
        "date_end": end,
        "translated_from": doc.translated_from,
        "encoding": doc.encoding,
        "fingerprint": fingerprint(doc),
        "chrome": doc.chrome or None,
        "countries": join_values(doc.countries),
        "organizations": join_values(doc.organizations),
        "people": join_values(doc.people),
        "places": join_values(doc.places),
        "event_types": join_values(doc.event_types),
        "year": str(doc.year) if doc.year else "",
        "language": doc.language,
        "source": (doc.source or "").replace(",", " "),
    }
    # None values are left out (nothing stored); empty strings stay: a sortable field's column
    # must get a value for every document, or it comes out shorter than the segment.
    return {k: v for k, v in values.items() if v is not None}
