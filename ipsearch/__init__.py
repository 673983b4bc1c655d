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
    IpsearchError,
    QueryError,
    SchemaVersionError,
    UsageError,
)
from typing import TYPE_CHECKING, Any

from .results import FacetCount, IndexReport, IndexStats, SearchHit, SearchResults, SkippedFile, Span

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

__version__ = "0.1.0"

__all__ = [
    "BadDocumentError",
    "CorpusError",
    "CorruptIndexError",
    "DocumentNotFoundError",
    "FacetCount",
    "IndexLockedError",
    "IndexNotFoundError",
    "IndexReport",
    "IndexStats",
    "IpsearchError",
    "QueryError",
    "SchemaVersionError",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "SkippedFile",
    "Span",
    "UsageError",
    "InterruptedRunError",
    "build_index",
    "open_index",
]
