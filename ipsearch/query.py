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
