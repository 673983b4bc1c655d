"""The OpenSearch backend, first part: index template, document mapping, bulk indexing.

Why: when an archive outgrows one machine, ipsearch's extraction (titles, dates, people,
offices, countries, event types) should feed a cluster instead of the embedded Whoosh
index, which stays the default. This module turns extracted :class:`Document` objects into
OpenSearch documents under an index template made from ipsearch's own field lists, and
bulk-loads a corpus folder. Searching through OpenSearch is not here yet.

Works with any OpenSearch 2.x cluster; ``tools/opensearch_cluster.py`` starts a local one.
Needs the optional client: ``pip install 'ipsearch[opensearch]'``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpus import MAX_FILE_BYTES
from ..errors import BackendError, BadDocumentError, UsageError
from ..indexer import Progress
from ..results import IndexReport, SkippedFile

if TYPE_CHECKING:
    from ..extract import Document

#: Index (and template pattern) used when the caller names none.
DEFAULT_INDEX = "ipsearch"
#: Documents per bulk request: large enough to amortise the round trip, small enough
#: (a few MB of news text) to stay far below a cluster's http.max_content_length.
BULK_CHUNK = 500



@dataclass(frozen=True)
class FieldLists:
    """Which document fields are full text, which are facets and which facets hold lists."""

    text: tuple[str, ...]
    facets: tuple[str, ...]
    multi_valued: frozenset[str]


def field_lists() -> FieldLists:
    """The one place this backend learns ipsearch's fields.

    Today they come from :mod:`ipsearch.schema`; when the field registry lands, only this
    function changes, and the template and document mapping follow it.
    """
    from ..schema import FACET_FIELDS, MULTI_VALUED, TEXT_FIELDS

    return FieldLists(tuple(TEXT_FIELDS), tuple(FACET_FIELDS), frozenset(MULTI_VALUED))


def _analysis() -> dict[str, Any]:
    """Text analysis close to the Whoosh index's (fold, drop stop words, Snowball stems),
    with CJK bigrams for Chinese: everything comes from the analysis-common module that
    every OpenSearch distribution ships. Traditional Chinese is folded to Simplified by a
    ``mapping`` character filter made from the embedded index's own table
    (:func:`ipsearch.han.t2s_table`), so a query in either script finds text in both, as
    in the embedded index, with no extra plugin on the cluster.
    """
    from ..han import t2s_table

    return {
        "char_filter": {
            "ipsearch_t2s": {"type": "mapping",
                             "mappings": [f"{chr(t)}=>{s}" for t, s in sorted(t2s_table().items())]},
        },
        "filter": {
            "ipsearch_english_stop": {"type": "stop", "stopwords": "_english_"},
            "ipsearch_english_stem": {"type": "snowball", "language": "English"},
            "ipsearch_cjk_bigram": {"type": "cjk_bigram", "output_unigrams": True},
        },
        "analyzer": {
            "ipsearch_text": {
                "type": "custom",
                "char_filter": ["ipsearch_t2s"],
                "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "asciifolding", "ipsearch_english_stop",
                           "ipsearch_english_stem", "ipsearch_cjk_bigram"],
            },
        },
        # Facet values are shown verbatim ("Russia") but matched folded (``russia``).
        "normalizer": {
            "ipsearch_facet_key": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }


def index_template(index: str = DEFAULT_INDEX, *, shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """The body of ``PUT _index_template/<index>``: settings and mappings for ``index``
    and any ``index-*`` (so a reindex can write a new index beside the live one)."""
    fields = field_lists()
    properties: dict[str, Any] = {
        "id": {"type": "keyword"},
        "path": {"type": "keyword", "index": False},
        "date": {"type": "keyword"},
        # yyyymmdd of the first and last day the stated date covers, as the Whoosh schema.
        "date_start": {"type": "integer"},
        "date_end": {"type": "integer"},
        "translated_from": {"type": "keyword", "index": False},
        "encoding": {"type": "keyword", "index": False},
        "content_hash": {"type": "keyword"},
    }
    for name in fields.text:
        properties[name] = {"type": "text", "analyzer": "ipsearch_text"}
    for name in fields.facets:
        properties[name] = {"type": "keyword",
                            "fields": {"key": {"type": "keyword", "normalizer": "ipsearch_facet_key"}}}
    return {
        "index_patterns": [index, f"{index}-*"],
        "template": {
            "settings": {"number_of_shards": shards, "number_of_replicas": replicas, "analysis": _analysis()},
            "mappings": {"dynamic": "strict", "properties": properties},
        },
    }


def document_source(doc: Document) -> dict[str, Any]:
    """The ``_source`` of one document: every template field, facets as lists where the
    field holds several values (OpenSearch indexes each list item as a value)."""
    from ..schema import date_bounds

    fields = field_lists()
    start, end = date_bounds(doc.date)
    entities = [*doc.people, *doc.organizations, *doc.countries, *doc.places, *doc.aliases]
    source: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "date": doc.date,
        "date_start": start or None,
        "date_end": end or None,
        "translated_from": doc.translated_from,
        "encoding": doc.encoding,
        "content_hash": doc.content_hash,
    }
    texts = {"title": doc.title, "body": doc.body, "entities": "\n".join(dict.fromkeys(entities))}
    for name in fields.text:
        source[name] = texts[name] if name in texts else getattr(doc, name)
    for name in fields.facets:
        value = getattr(doc, name)
        if name in fields.multi_valued:
            source[name] = [v for v in value if v]
        else:
            source[name] = None if value is None or value == "" else str(value)
    return source


def _client(url: str) -> Any:
    try:
        from opensearchpy import OpenSearch
    except ImportError as exc:
        raise BackendError("the OpenSearch backend needs its client: pip install 'ipsearch[opensearch]'") from exc
    return OpenSearch(url, timeout=120, max_retries=2, retry_on_timeout=True)


class OpenSearchBackend:
    """An OpenSearch cluster that ipsearch writes extracted documents to.

    One instance holds one client (a connection pool); ``url`` is any node's HTTP address.
    """

    def __init__(self, url: str, index: str = DEFAULT_INDEX) -> None:
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"an OpenSearch address starts with http:// or https://, not {url!r}")
        if not index or index != index.lower() or index.startswith(("-", "_", "+")):
            raise UsageError(f"{index!r} is not an OpenSearch index name: use lowercase, not starting with - _ +")
        self.url = url
        self.index = index
        self._client = _client(url)

    def _call(self, what: str, call: Callable[[], Any]) -> Any:
        """Run one request, turning the client's errors into one actionable line."""
        from opensearchpy import exceptions

        try:
            return call()
        except exceptions.ConnectionError as exc:
            raise BackendError(f"OpenSearch at {self.url} is unreachable while trying to {what}; is the cluster "
                               f"running? (a local one: python tools/opensearch_cluster.py start --data DIR)") from exc
        except exceptions.TransportError as exc:
            raise BackendError(f"OpenSearch at {self.url} refused to {what}: {exc.status_code} {exc.error}") from exc

    def install_template(self, *, shards: int = 1, replicas: int = 1) -> None:
        """Create or replace the index template; existing indexes keep their mapping."""
        body = index_template(self.index, shards=shards, replicas=replicas)
        self._call("install the index template",
                   lambda: self._client.indices.put_index_template(name=self.index, body=body))

    def index_documents(self, docs: Iterable[Document]) -> tuple[list[str], list[str], list[SkippedFile]]:
        """Bulk-index ``docs`` (by id, so a re-run replaces them); (created, updated, rejected)."""
        from opensearchpy import helpers

        created: list[str] = []
        updated: list[str] = []
        rejected: list[SkippedFile] = []
        paths: dict[str, str] = {}

        def actions() -> Iterator[dict[str, Any]]:
            for doc in docs:
                paths[doc.id] = doc.path
                yield {"_op_type": "index", "_index": self.index, "_id": doc.id, "_source": document_source(doc)}

        results = helpers.streaming_bulk(self._client, actions(), chunk_size=BULK_CHUNK, raise_on_error=False,
                                         raise_on_exception=True)
        for ok, item in self._call("bulk-index documents", lambda: list(results)):
            info = item["index"]
            if ok:
                (created if info.get("result") == "created" else updated).append(info["_id"])
            else:
                error = info.get("error", {})
                reason = error.get("reason", error) if isinstance(error, dict) else error
                rejected.append(SkippedFile(paths.get(info["_id"], info["_id"]), f"OpenSearch rejected it: {reason}"))
        return created, updated, rejected

    def refresh(self) -> None:
        """Make everything indexed so far searchable now rather than within a second."""
        self._call("refresh the index", lambda: self._client.indices.refresh(index=self.index))

    def count(self) -> int:
        """Documents in the index."""
        return int(self._call("count documents", lambda: self._client.count(index=self.index))["count"])


def index_corpus(corpus_dir: str | Path, url: str, *, index: str = DEFAULT_INDEX,
                 progress: Progress | None = None, max_file_bytes: int = MAX_FILE_BYTES) -> IndexReport:
    """Extract every file under ``corpus_dir`` as the Whoosh indexer does and bulk-load the
    documents into ``index`` at ``url``, under ipsearch's index template.

    Files are re-sent on every run (OpenSearch replaces a document with the same id);
    documents whose files were deleted are not removed yet.
    """
    from ..corpus import Skipped, discover, display_name, read_source
    from ..errors import CorpusError
    from ..lexicon import default_lexicon
    from ..extract import extract

    started = time.perf_counter()
    corpus = Path(corpus_dir).absolute()
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist or is not a folder")
    backend = OpenSearchBackend(url, index)
    backend.install_template()
    skipped: list[SkippedFile] = []
    files = []
    for item in discover(corpus):
        if isinstance(item, Skipped):
            skipped.append(SkippedFile(item.path, item.reason))
        else:
            files.append(item)
    lexicon = default_lexicon()

    def documents() -> Iterator[Document]:
        for done, file in enumerate(files, 1):
            try:
                doc = extract(read_source(file, max_file_bytes), lexicon)
                doc = dataclasses.replace(doc, path=display_name(doc.path))
            except BadDocumentError as exc:
                skipped.append(SkippedFile(display_name(str(file.path)), str(exc)))
                continue
            finally:
                if progress is not None:
                    progress(done, len(files), str(file.path))
            yield doc

    created, updated, rejected = backend.index_documents(documents())
    backend.refresh()
    skipped.extend(rejected)
    return IndexReport(
        index_dir=f"{url.rstrip('/')}/{index}",
        corpus_dir=display_name(str(corpus)),
        added=tuple(created),
        updated=tuple(updated),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        documents=backend.count(),
        seconds=time.perf_counter() - started,
    )
