"""User text, filters and dates -> a Whoosh query.

People type natural language; some type Whoosh syntax. Words are OR-ed (every-word
AND finds nothing for long natural queries) and BM25F ranks documents that match more
of them higher. Field queries, phrases, AND/OR/NOT and wildcards still work. Queries
that parse to nothing searchable are reported, never silently run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import MultifieldParser, OrGroup

from .analysis import facet_key
from .errors import QueryError
from .schema import FACET_FIELDS, TEXT_FIELDS

FIELD_BOOSTS = {"title": 3.0, "entities": 1.5, "body": 1.0}

#: Field names a user may use in ``field:value`` and ``--filter field=value``.
FILTER_FIELDS = FACET_FIELDS


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    query: wq.Query  # ``wq.Every()`` when the text is empty

    @property
    def is_match_all(self) -> bool:
        return isinstance(self.query, wq.Every)


def parse(text: str, schema: Schema) -> ParsedQuery:
    """Parse user text; raise :class:`QueryError` when it holds nothing searchable."""
    text = check_query(text)
    text = _clean(text)
    if not text:
        return ParsedQuery("", wq.Every())
    parser = MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts=FIELD_BOOSTS, group=OrGroup)
    try:
        q = parser.parse(text)
    except Exception as exc:  # the parser rarely raises, but field conversions can
        raise QueryError(f"cannot parse query {text!r}: {exc}") from exc
    q = q.normalize()
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)) or not list(q.leaves()):
        raise QueryError(f"query {text!r} has no searchable words")
    return ParsedQuery(text, q)


def _clean(text: str) -> str:
    """Drop control characters and collapse whitespace."""
    text = "".join(c if c.isprintable() or c in "\t\n" else " " for c in text or "")
    return " ".join(text.split())


def filter_query(
    filters: Mapping[str, Iterable[str]] | None,
    since: str | None,
    until: str | None,
    canonical: Callable[[str, str], str] | None = None,
) -> wq.Query | None:
    """Facet filters (values of one field OR-ed, fields AND-ed) and a date range, as one query."""
    parts: list[wq.Query] = []
    for name, values in (filters or {}).items():
        if name not in FILTER_FIELDS:
            raise QueryError(f"unknown filter field {name!r}; use one of: {', '.join(FILTER_FIELDS)}")
        values = [v for v in values if v is not None and str(v).strip()]
        if not values:
            raise QueryError(f"filter {name}= needs a value")
        terms: list[wq.Query] = []
        for value in values:
            value = str(value)
            if canonical is not None:
                value = canonical(name, value)
            terms.append(wq.Term(name, facet_key(value)))
        parts.append(terms[0] if len(terms) == 1 else wq.Or(terms))
    lo = parse_date(since, end=False, label="--since") if since else None
    hi = parse_date(until, end=True, label="--until") if until else None
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"--since {since} is after --until {until}")
    if lo is not None:
        parts.append(wq.NumericRange("date_end", lo, None))
    if hi is not None:
        parts.append(wq.NumericRange("date_start", 1, hi))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


_DATE_ARG = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")


def parse_date(value: str, *, end: bool, label: str = "date") -> int:
    """``2019``, ``2019-12`` or ``2019-12-03`` -> yyyymmdd; a partial date covers its whole span."""
    m = _DATE_ARG.match(value.strip())
    if not m:
        raise QueryError(f"{label} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    y = int(m["y"])
    mon = int(m["m"]) if m["m"] else (12 if end else 1)
    day = int(m["d"]) if m["d"] else None
    try:
        if day is None:
            first = dt.date(y, mon, 1)
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            date = last if end else first
        else:
            date = dt.date(y, mon, day)
    except ValueError as exc:
        raise QueryError(f"{label} {value!r} is not a valid date: {exc}") from exc
    return date.year * 10000 + date.month * 100 + date.day


# ---------------------------------------------------------------- shapes refused before parsing
# Whoosh's parser accepts almost anything and quietly serves some shapes badly (a leading
# wildcard scans the whole lexicon, an unknown field becomes words, a broken range matches
# nothing). These are refused with a message that says what to type instead; everything
# else runs as the words it contains.

#: Longer queries are refused: a pasted article (~5,000 characters) runs in well under a second.
MAX_QUERY_CHARS = 10_000
#: Field names a query may use.
QUERY_FIELDS = (*TEXT_FIELDS, *FACET_FIELDS, "id")

_PHRASE = re.compile(r'"[^"]*"')
_FIELD = re.compile(r"(?<![\w.:/\\])([A-Za-z][A-Za-z0-9_]*):(?!//)(\S?)")
_LEADING_WILDCARD = re.compile(r"(?:^|(?<=[\s(:]))([*?][^\s()]*)")
_RANGE = re.compile(r"(\w+):[\[{]([^\[\]{}]*)[\]}]")
_BROKEN_RANGE = re.compile(r"(\w+):([\[{<>]\S*)")


def check_query(text: str) -> str:
    """``text`` ready to parse (``*`` alone means everything); raise :class:`QueryError` for
    shapes the parser would accept but serve badly."""
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    cleaned = _clean(text)
    if not cleaned:
        if text.strip():
            raise QueryError("the query has no searchable words (only control or invisible characters)")
        return ""
    if cleaned == "*":
        return ""
    outside = _PHRASE.sub('""', cleaned)  # a phrase is words, whatever it holds
    fields = ", ".join(QUERY_FIELDS)
    for m in _FIELD.finditer(outside):
        name, after = m.group(1), m.group(2)
        if name in QUERY_FIELDS:
            if not after:
                raise QueryError(f"'{name}:' needs a value right after the colon, e.g. {name}:kazakhstan")
        elif after:  # "Note: ..." is prose; "colour:red" is a field
            if name.startswith("date"):
                raise QueryError(f"'{name}:' cannot be searched; filter dates with --since and --until")
            hint = f"field names are lower case: {name.lower()}:" if name.lower() in QUERY_FIELDS else f"use one of: {fields}"
            raise QueryError(f"unknown field '{name}' in the query; {hint} (or put the words in quotes)")
    for m in _RANGE.finditer(outside):
        if not re.search(r"(?:^|\s)TO(?:\s|$)", m.group(2)):
            raise QueryError(f"'{m.group(0)}' is not a range; write {m.group(1)}:[FROM TO UNTIL], e.g. year:[2019 TO 2021]")
    broken = _BROKEN_RANGE.search(_RANGE.sub(" ", outside))
    if broken:
        raise QueryError(
            f"'{broken.group(0)}' is not a complete range; write {broken.group(1)}:[FROM TO UNTIL], "
            "e.g. year:[2019 TO 2021] (dates: --since and --until)"
        )
    wild = _LEADING_WILDCARD.search(outside)
    if wild:
        raise QueryError(
            f"'{wild.group(1)}' starts with a wildcard, which would scan every indexed word; "
            "put letters before it (kaz*), or search '*' alone to list everything"
        )
    return cleaned
