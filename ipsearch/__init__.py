"""ipsearch: full-text search for news about international IP cooperation.

>>> import ipsearch
>>> report = ipsearch.build_index("docs_corpus", "index")          # doctest: +SKIP
>>> with ipsearch.open_index("index") as ix:                         # doctest: +SKIP
...     results = ix.search("Kazakhstan memorandum", facets=["countries"])
"""

from __future__ import annotations

from .errors import (
    BadDocumentError,
    CorpusError,
    CorruptIndexError,
    DocumentNotFoundError,
    IndexLockedError,
    IndexNotFoundError,
    InterruptedRunError,
    IndexWriteError,
    IpsearchError,
    QueryError,
    SchemaVersionError,
    UsageError,
)
from typing import TYPE_CHECKING, Any

from .fields import FIELDS, Field
from .results import FacetCount, FacetSort, IndexReport, IndexStats, SearchHit, SearchResults, SkippedFile, Sort, Span

if TYPE_CHECKING:
    from .indexer import build_index
    from .searcher import SearchIndex, open_index

#: Imported on first use: a search never loads the write path, and ``import ipsearch`` stays cheap.
_LAZY = {"build_index": "indexer", "SearchIndex": "searcher", "open_index": "searcher"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ipsearch' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The lazy names too, so ``dir(ipsearch)`` and ``help(ipsearch)`` list the whole public API."""
    return sorted({*globals(), *_LAZY})

__version__ = "0.1.0"

__all__ = [
    "BadDocumentError",
    "CorpusError",
    "CorruptIndexError",
    "DocumentNotFoundError",
    "FIELDS",
    "FacetCount",
    "FacetSort",
    "Field",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexReport",
    "IndexStats",
    "IndexWriteError",
    "IpsearchError",
    "QueryError",
    "SchemaVersionError",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "SkippedFile",
    "Sort",
    "Span",
    "UsageError",
    "InterruptedRunError",
    "build_index",
    "open_index",
]
