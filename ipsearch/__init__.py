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
    IpsearchError,
    QueryError,
    SchemaVersionError,
    UsageError,
)
from .indexer import build_index
from .results import FacetCount, IndexReport, IndexStats, SearchHit, SearchResults, SkippedFile, Span
from .searcher import SearchIndex, open_index

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
    "build_index",
    "open_index",
]
