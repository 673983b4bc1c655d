"""Every failure a user can cause or meet, as one family of exceptions.

Each carries a one-line message that names the path, field or value at fault and,
where there is one, what to do next. The CLI maps ``exit_code`` to the process exit
status in one place, so no caller needs to know which error is which.
"""

from __future__ import annotations


class IpsearchError(Exception):
    """Base of all ipsearch errors; ``exit_code`` 1 means a runtime problem."""

    exit_code = 1


class UsageError(IpsearchError):
    """The caller asked for something malformed (exit code 2)."""

    exit_code = 2


class QueryError(UsageError):
    """A query string, filter or date range that cannot be searched."""


class LexiconError(UsageError):
    """A user lexicon file (``--lexicon``) that cannot be read, or one of its entries is malformed."""


class CorpusError(IpsearchError):
    """The corpus folder is missing or not a folder."""


class BadDocumentError(IpsearchError):
    """One file cannot be indexed; the indexer reports it and goes on."""


class UnreadableFileError(BadDocumentError):
    """A file could not be read (permissions, I/O, still being written).

    Unlike bad content this may pass, so the indexer keeps an already indexed copy.
    """


class FileVanishedError(UnreadableFileError):
    """A file was deleted between being found and being read."""


class IndexNotFoundError(IpsearchError):
    """No index at the given folder."""


class IndexLockedError(IpsearchError):
    """Another process is writing to the index."""


class SchemaVersionError(IpsearchError):
    """The index was written by an incompatible version of ipsearch."""


class CorruptIndexError(IpsearchError):
    """The index files are damaged or truncated."""


class IndexWriteError(IpsearchError):
    """The index folder cannot be written (permissions, disk full); the last commit stays intact."""


class DocumentNotFoundError(IpsearchError):
    """No document with the given id in the index."""


class InterruptedRunError(IpsearchError):
    """An index run stopped by Ctrl-C: what it committed stays, the next run finishes the rest."""

    exit_code = 130


class BackendError(IpsearchError):
    """A search backend other than the embedded index (OpenSearch) is missing, unreachable or refused a request."""
