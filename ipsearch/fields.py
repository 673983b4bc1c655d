"""Every field of the index, declared once: what it holds, how a Document fills it, who reads it.

The Whoosh schema (:mod:`ipsearch.schema`), the values written for a document
(:func:`to_fields`), the hits built from stored values, the JSON and CSV of results,
``ipsearch show``, and the CLI's ``--facet``/``--filter`` choices all read :data:`FIELDS`;
adding a facet is one :class:`Field` here plus a bump of ``SCHEMA_VERSION``. The
attributes are backend-neutral (no Whoosh here): a web sidebar lists the ``facet``
fields by ``label``, an OpenSearch mapping turns ``kind`` into a field type.

Kinds:

- ``id``: the unique document key (exact, sortable, stored).
- ``text``: analyzed full text, ranked (``stored`` says whether the text is kept).
- ``keyword``: canonical names or codes, filterable and countable; indexed under a folded
  key (``countries:russia`` matches "Russia"), kept verbatim in a column. Multi-valued ones
  hold several values, written comma-joined.
- ``date``: a whole number ``yyyymmdd`` (0: undated), range-filterable and sortable.
- ``stored``: kept for display, never searched.
- ``bytes``: an opaque per-document column (change detection), neither searched nor shown.
- ``words``: the spelling word list (:class:`ipsearch.schema.WordList`), never shown.

Pure Python without Whoosh, so the CLI can build its option choices without loading the index code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # extraction (and its many regexes) stays off the search path
    from .extract import Document

Kind = Literal["id", "text", "keyword", "date", "stored", "bytes", "words"]

#: The field that lists each segment's words once, for "did you mean".
SPELLING_FIELD = "spelling"
#: ``date_start``/``date_end`` of an undated document, and the end that sorts after every date.
NO_DATE = 0
OPEN_END = 99_999_999


@dataclass(frozen=True)
class Term:
    """One value a keyword field can hold, with what people read for it in each interface language.

    The key is what the index stores and what URLs, filters and exports carry (``mou_signing``);
    the labels are for display only (the web page's sidebar, chips and result lines).
    """

    key: str
    label: str
    label_zh: str


#: Every event type extraction can give, in the order :attr:`Document.event_types` lists them
#: ("other" when no phrasing counts). :data:`ipsearch.extract.events.EVENT_TYPES` is read off this.
EVENT_TYPES: tuple[Term, ...] = (
    Term("mou_signing", "MoU or agreement signing", "签署合作文件"),
    Term("visit", "visit", "访问"),
    Term("meeting", "meeting", "会谈会见"),
    Term("seminar_or_conference", "seminar or conference", "研讨会或会议"),
    Term("training", "training", "培训"),
    Term("statement", "statement", "声明"),
    Term("other", "other", "其他"),
)
#: Every language :func:`ipsearch.extract.language.detect_language` can give.
LANGUAGES: tuple[Term, ...] = (
    Term("en", "English", "英文"),
    Term("zh", "Chinese", "中文"),
    Term("mixed", "English and Chinese", "中英混合"),
)


def _one_of(terms: tuple[Term, ...]) -> str:
    return ", ".join(t.key for t in terms)


@dataclass(frozen=True)
class Field:
    """One field of the index and of search results.

    ``value`` reads the field's value off a :class:`~ipsearch.extract.Document`: a string,
    a tuple of strings (``multi``), a number, bytes, or None (nothing written). ``decode``
    turns the stored value back into what :class:`~ipsearch.results.SearchHit` holds;
    ``hit`` says whether a hit has an attribute of this name (a test keeps the two in step).
    ``lexicon`` names the :mod:`ipsearch.lexicon` kinds whose aliases a filter value may
    use (tried in order). ``csv`` and ``show`` put the field in ``--format csv`` columns and
    in ``ipsearch show``, in the order of :data:`FIELDS`.
    """

    name: str
    kind: Kind
    label: str
    value: Callable[[Document], Any]
    help: str = ""
    #: The label in Chinese (the web page's Chinese interface); the English one when empty.
    label_zh: str = ""
    multi: bool = False
    stored: bool = True
    facet: bool = False
    filter: bool = False
    lexicon: tuple[str, ...] = ()
    #: The values the field can hold, when they are a fixed vocabulary (labels for display).
    terms: tuple[Term, ...] = ()
    hit: bool = False
    decode: Callable[[Any], Any] | None = None
    csv: bool = False
    show: bool = False

    def encode(self, doc: Document) -> Any:
        """The value written to the index for ``doc`` (None: nothing written).

        Keyword fields always get a value, maybe empty: a sortable field's column must get
        one for every document, or it comes out shorter than the segment.
        """
        value = self.value(doc)
        if self.kind != "keyword":
            return value
        if self.multi:
            return join_values(value)
        return (str(value) if value else "").replace(",", " ")

    def from_stored(self, raw: Any) -> Any:
        """The hit's value for a stored value (``raw`` is None when the index holds none)."""
        if self.decode is not None:
            return self.decode(raw)
        if self.multi:
            return split_values(raw)
        return raw


def join_values(values: Iterable[str]) -> str:
    """Several keyword values as one comma-joined string (commas inside a value become spaces)."""
    return ",".join(v.replace(",", " ") for v in values if v)


def split_values(raw: Any) -> tuple[str, ...]:
    """The values :func:`join_values` joined."""
    if not raw:
        return ()
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    return tuple(v for v in raw.split(",") if v)


def date_bounds(iso: str | None) -> tuple[int, int]:
    """First and last day (yyyymmdd) an ISO date of any precision covers; yearless dates have none.

    Two numbers rather than one, so a stated "2019-12" falls inside a December range.
    """
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


def month_of(iso: str | None) -> str:
    """``YYYY-MM`` of a date stated at least to the month, else "" (a year alone has no month)."""
    if not iso or iso.startswith("--") or len(iso) < 7:
        return ""
    return iso[:7]


def _entity_names(doc: Document) -> list[str]:
    return [*doc.people, *doc.organizations, *doc.countries, *doc.places, *doc.aliases]


def _spelling(doc: Document) -> str:
    from .suggest import spelling_words  # the write path's import: it loads the English word list lazily

    return spelling_words((doc.title, doc.body, *_entity_names(doc)))


def _people_keys(doc: Document) -> list[str]:
    from .people_keys import person_keys  # the write path's import: it reads names in pinyin

    return person_keys(doc.people)


def _chrome(doc: Document) -> tuple[int, ...] | None:
    return doc.chrome or None


def _text(raw: Any) -> str:
    return raw or ""


def _optional(raw: Any) -> Any:
    return raw or None


def _year(raw: Any) -> int | None:
    return int(raw) if raw else None


#: Every field, in the order results show them.
FIELDS: tuple[Field, ...] = (
    Field("id", "id", "id", lambda d: d.id, "The file's path under the corpus folder.",
          hit=True, csv=True, show=True, label_zh="编号"),
    Field("title", "text", "title", lambda d: d.title, "The headline.", hit=True, decode=_text, csv=True,
          label_zh="标题"),
    Field("body", "text", "text", lambda d: d.body, "The article's text.", label_zh="正文"),
    Field("entities", "text", "entities", lambda d: " \n ".join(dict.fromkeys(_entity_names(d))),
          "People, organizations, countries and places named, with their aliases in both scripts.", stored=False),
    Field("date", "stored", "date", lambda d: d.date, "The date the article states (YYYY, YYYY-MM or YYYY-MM-DD).",
          hit=True, csv=True, show=True, label_zh="日期"),
    Field("date_start", "date", "from", lambda d: date_bounds(d.date)[0], "First day the stated date covers."),
    Field("date_end", "date", "until", lambda d: date_bounds(d.date)[1], "Last day the stated date covers."),
    Field("countries", "keyword", "countries", lambda d: d.countries, "Countries named.",
          multi=True, facet=True, filter=True, lexicon=("countries",), hit=True, csv=True, show=True,
          label_zh="国家"),
    Field("organizations", "keyword", "organizations", lambda d: d.organizations,
          "IP offices and other organizations named.", multi=True, facet=True, filter=True,
          lexicon=("offices", "organizations"), hit=True, csv=True, show=True, label_zh="机构"),
    Field("people", "keyword", "people", lambda d: d.people, "People named (canonical English names).",
          multi=True, facet=True, filter=True, lexicon=("people",), hit=True, csv=True, show=True, label_zh="人物"),
    Field("people_keys", "keyword", "people keys", _people_keys,
          "Each person's name in any order, in pinyin, and surname alone (ipsearch.people_keys).", multi=True),
    Field("places", "keyword", "places", lambda d: d.places, "Cities and regions named.",
          multi=True, facet=True, filter=True, lexicon=("places",), hit=True, csv=True, show=True, label_zh="地点"),
    Field("event_types", "keyword", "event types", lambda d: d.event_types,
          f"What kind of event the article reports: {_one_of(EVENT_TYPES)}.", terms=EVENT_TYPES,
          multi=True, facet=True, filter=True, hit=True, csv=True, show=True, label_zh="活动类型"),
    Field("year", "keyword", "year", lambda d: d.year, "The year of the stated date.",
          facet=True, filter=True, hit=True, decode=_year, label_zh="年份"),
    Field("month", "keyword", "month", lambda d: month_of(d.date),
          "YYYY-MM of a date stated to the month (a date histogram with --facet-sort value).",
          facet=True, filter=True, label_zh="月份"),
    Field("language", "keyword", "language", lambda d: d.language,
          f"The language the text is written in: {_one_of(LANGUAGES)}.", terms=LANGUAGES, facet=True, filter=True, hit=True, decode=_text, csv=True, show=True, label_zh="语言"),
    Field("source", "keyword", "source", lambda d: d.source,
          "The publisher or agency named (an office or organization the lexicon knows by its canonical name).",
          facet=True, filter=True, lexicon=("offices", "organizations"), hit=True, decode=_optional, csv=True,
          show=True, label_zh="来源"),
    Field("translated_from", "stored", "translated from", lambda d: d.translated_from,
          "The language of the original, when the article says it is a translation.", hit=True, show=True,
          label_zh="译自"),
    Field("encoding", "stored", "encoding", lambda d: d.encoding, "How the file's bytes were decoded.",
          hit=True, decode=_text, show=True, label_zh="编码"),
    Field("path", "stored", "path", lambda d: d.path, "Where the file was read from.",
          hit=True, decode=_text, csv=True, show=True, label_zh="路径"),
    Field("chrome", "stored", "chrome", _chrome, "Which snippet lines are page furniture (never quoted)."),
    Field("fingerprint", "bytes", "fingerprint", lambda d: f"{d.content_hash}|{d.stamp}".encode(),
          "Content hash and file stamp: tells an unchanged file from a changed one."),
    Field(SPELLING_FIELD, "words", "spelling", _spelling, "Each word once per segment, for spelling suggestions.",
          stored=False),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
#: Ranked full-text fields.
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "text")
#: Fields ``facets=`` / ``--facet`` can count, and ``filters=`` / ``--filter`` can restrict.
FACET_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.facet)
FILTER_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.filter)
MULTI_VALUED: frozenset[str] = frozenset(f.name for f in FIELDS if f.multi)
#: The fields a :class:`~ipsearch.results.SearchHit` carries, and those shown in CSV and by ``show``.
HIT_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.hit)
CSV_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.csv)
SHOW_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.show)


def to_fields(doc: Document) -> dict[str, Any]:
    """The keyword arguments of ``writer.add_document`` for one document (None values left out)."""
    values = {f.name: f.encode(doc) for f in FIELDS}
    return {k: v for k, v in values.items() if v is not None}


def hit_values(stored: dict[str, Any]) -> dict[str, Any]:
    """A :class:`~ipsearch.results.SearchHit`'s field attributes from a document's stored values."""
    return {f.name: f.from_stored(stored.get(f.name)) for f in HIT_FIELDS}


__all__ = [
    "BY_NAME", "CSV_FIELDS", "EVENT_TYPES", "FACET_FIELDS", "FIELDS", "FILTER_FIELDS", "Field", "HIT_FIELDS",
    "Kind", "LANGUAGES", "MULTI_VALUED", "NO_DATE", "OPEN_END", "SHOW_FIELDS", "SPELLING_FIELD", "TEXT_FIELDS",
    "Term", "date_bounds",
    "hit_values", "join_values", "month_of", "split_values", "to_fields",
]
