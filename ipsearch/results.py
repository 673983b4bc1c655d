"""What the library returns: plain frozen dataclasses, no Whoosh objects.

``to_dict`` gives the JSON contract of the CLI, so library users and shell users see
the same shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A highlighted range ``[start, end)`` inside a snippet."""

    start: int
    end: int


@dataclass(frozen=True)
class SearchHit:
    id: str
    path: str
    title: str
    date: str | None
    year: int | None
    score: float | None  # None when sorted by date or fetched by id
    snippet: str
    highlights: tuple[Span, ...] = ()
    language: str = ""
    source: str | None = None
    translated_from: str | None = None
    encoding: str = ""
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    body: str | None = None
    explanation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["highlights"] = [[s.start, s.end] for s in self.highlights]
        for key in ("people", "organizations", "countries", "places", "event_types"):
            d[key] = list(d[key])
        if self.body is None:
            del d["body"]
        if self.explanation is None:
            del d["explanation"]
        return d


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    page: int
    limit: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    suggestion: str | None = None
    parsed_query: str | None = None
    corrected: bool = False  # True when no hit matched as typed and ``suggestion`` was searched instead

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit)) if self.limit else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "limit": self.limit,
            "pages": self.pages,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [{"value": f.value, "count": f.count} for f in v] for k, v in self.facets.items()},
            "suggestion": self.suggestion,
            "parsed_query": self.parsed_query,
            "corrected": self.corrected,
        }


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    """What an index run did to every file it saw."""

    index_dir: str
    corpus_dir: str
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()
    documents: int = 0
    seconds: float = 0.0
    #: Every corpus folder the index holds after the run (``corpus_dir``: the ones synced).
    folders: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "documents": self.documents,
            "index_dir": self.index_dir,
            "corpus_dir": self.corpus_dir,
            "folders": list(self.folders),
            "seconds": round(self.seconds, 3),
            "added_ids": list(self.added),
            "updated_ids": list(self.updated),
            "unchanged_ids": list(self.unchanged),
            "removed_ids": list(self.removed),
        }


@dataclass(frozen=True)
class IndexStats:
    index_dir: str
    documents: int
    schema_version: int
    size_bytes: int
    segments: int
    fields: tuple[str, ...]
    facets: dict[str, int]
    languages: dict[str, int]
    last_modified: str | None
    #: The corpus folders the index was built from (``ipsearch index`` without a folder syncs them).
    folders: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["fields"] = list(self.fields)
        d["folders"] = list(self.folders)
        return d


@dataclass(frozen=True)
class AnalyzedToken:
    """One token as the index sees it (``ipsearch analyze``)."""

    token: str
    position: int
    start: int
    end: int
    stopped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
