"""The OpenSearch backend, first part: index template, document mapping, bulk indexing.

Why: when an archive outgrows one machine, ipsearch's extraction (titles, dates, people,
offices, countries, event types) should feed a cluster instead of the embedded Whoosh
index, which stays the default. This module turns extracted :class:`Document` objects into
OpenSearch documents under an index template made from ipsearch's own field lists, and
bulk-loads a corpus folder. Searching goes through :class:`OpenSearchIndex`.

Works with any OpenSearch 2.x cluster; ``tools/opensearch_cluster.py`` starts a local one.
Needs the optional client: ``pip install 'ipsearch[opensearch]'``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..corpus import MAX_FILE_BYTES
from ..errors import BackendError, BadDocumentError, QueryError, UsageError
from . import is_url
from ..indexer import Progress
from ..results import IndexReport, SkippedFile, Span

if TYPE_CHECKING:
    from ..extract import Document

#: Index (and template pattern) used when the caller names none.
DEFAULT_INDEX = "ipsearch"
#: Primary shards and replicas of a new index: two primaries spread indexing and searching
#: over two nodes, one replica keeps every document searchable when a node is lost.
DEFAULT_SHARDS = 2
DEFAULT_REPLICAS = 1
#: Documents per bulk request: large enough to amortise the round trip, small enough
#: (a few MB of news text) to stay far below a cluster's http.max_content_length.
BULK_CHUNK = 2000
#: The file's size:mtime when indexed: a sync skips a file whose stamp has not moved
#: without reading it, as the embedded index does.
STAMP_FIELD = {"stamp": {"type": "keyword", "index": False}}
#: The spelling word list (each distinct folded surface word of the article once, as the
#: embedded index's ``spelling`` field): the vocabulary "did you mean" draws from through
#: the term suggester. Only whether a document has a word matters: no positions, no norms.
SPELLING_MAPPING = {"spelling": {"type": "text", "analyzer": "whitespace", "index_options": "docs", "norms": False}}



@dataclass(frozen=True)
class FieldLists:
    """Which document fields are full text, which are facets and which facets hold lists."""

    text: tuple[str, ...]
    facets: tuple[str, ...]
    multi_valued: frozenset[str]


def field_lists() -> FieldLists:
    """The one place this backend learns ipsearch's fields.

    They come from the field registry (:mod:`ipsearch.fields`); the template and document
    mapping follow it.
    """
    from ..fields import FACET_FIELDS, MULTI_VALUED, TEXT_FIELDS

    return FieldLists(tuple(TEXT_FIELDS), tuple(FACET_FIELDS), frozenset(MULTI_VALUED))


#: Marks a position where the embedded index dropped a stop word (no term, but phrases span it).
GAP = "_"
#: Joins the terms that share one position (a Han bigram and its first character).
SAME_POSITION = "|"
#: Bumped when what the cluster indexes changes; an index of another version must be rebuilt.
MAPPING_VERSION = 2


def analysed(text: str) -> str:
    """``text`` as the embedded index analyses it, written out for the cluster: one
    whitespace-separated item per position, the terms of a position joined by ``|``, ``_``
    where a stop word was dropped.

    Why: OpenSearch's own tokenizers, stop lists and stemmers differ from ipsearch's in
    small ways (``3.6``, ``don't``, ``can``/``was``, Cyrillic, Han folding) that change
    totals, not just scores. Analysing in Python with :func:`ipsearch.analysis.index_positions`
    (what the embedded index writes) gives both backends the same terms at the same
    positions; the cluster only splits them back (:func:`_analysis`).
    """
    from ..analysis import index_positions

    at: dict[int, list[str]] = {}
    for term, positions in index_positions(text).items():
        for pos in positions:
            at.setdefault(pos, []).append(term)
    if not at:
        return ""
    return " ".join(SAME_POSITION.join(at[pos]) if pos in at else GAP for pos in range(max(at) + 1))


def _analysis() -> dict[str, Any]:
    """Splits :func:`analysed` text back into ipsearch's terms and positions: whitespace
    separates positions, ``pattern_capture`` emits each ``|``-joined term at its item's
    position, and a ``stop`` filter removes the ``_`` gap markers while keeping the gap.
    All from the analysis-common module every OpenSearch distribution ships.
    """
    return {
        "filter": {
            "ipsearch_same_position": {"type": "pattern_capture", "preserve_original": False,
                                       "patterns": [f"([^{SAME_POSITION}]+)"]},
            "ipsearch_gap": {"type": "stop", "stopwords": [GAP], "ignore_case": False},
        },
        "analyzer": {
            "ipsearch_terms": {"type": "custom", "tokenizer": "whitespace",
                               "filter": ["ipsearch_same_position", "ipsearch_gap"]},
        },
        # Facet values are shown verbatim ("Russia") but matched folded (``russia``).
        "normalizer": {
            "ipsearch_facet_key": {"type": "custom", "filter": ["lowercase", "asciifolding"]},
        },
    }


def _similarity() -> dict[str, Any]:
    """BM25 with the embedded index's constants (:data:`ipsearch.searcher.WEIGHTING`), so both
    backends rank with one k1 and b; field weights travel as query boosts (:func:`to_dsl`)."""
    from ..searcher import WEIGHTING

    # A field's length counts every term, a Han bigram and the character at its position
    # alike, as Whoosh counts it; Lucene's default would count positions only, making
    # Chinese articles look half as long as the embedded index sees them.
    return {"type": "BM25", "k1": float(WEIGHTING.K1), "b": float(WEIGHTING.B), "discount_overlaps": False}


def index_template(index: str = DEFAULT_INDEX, *, shards: int = DEFAULT_SHARDS, replicas: int = DEFAULT_REPLICAS) -> dict[str, Any]:
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
        # What hits show and snippets are cut from; the searched terms are in title/body.
        "title_text": {"type": "text", "index": False},
        "body_text": {"type": "text", "index": False},
        "encoding": {"type": "keyword", "index": False},
        "content_hash": {"type": "keyword"},
        **STAMP_FIELD,
        **SPELLING_MAPPING,
    }
    for name in fields.text:
        properties[name] = {"type": "text", "analyzer": "ipsearch_terms"}
    for name in fields.facets:
        properties[name] = {"type": "keyword",
                            "fields": {"key": {"type": "keyword", "normalizer": "ipsearch_facet_key"}}}
    return {
        "index_patterns": [index, f"{index}-*"],
        "template": {
            "settings": {"number_of_shards": shards, "number_of_replicas": replicas, "analysis": _analysis(),
                         "similarity": {"default": _similarity()}},
            # Analysed terms and the word list are searched, never shown: they stay out of the stored source.
            "mappings": {"dynamic": "strict", "_meta": {"ipsearch_mapping": MAPPING_VERSION},
                         "_source": {"excludes": [*fields.text, "spelling"]}, "properties": properties},
        },
    }


def document_source(doc: Document) -> dict[str, Any]:
    """The ``_source`` of one document: every template field, facets as lists where the
    field holds several values (OpenSearch indexes each list item as a value)."""
    from ..fields import BY_NAME, date_bounds

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
        "stamp": doc.stamp,
        "spelling": BY_NAME["spelling"].value(doc),
        "title_text": doc.title,
        "body_text": doc.body,
    }
    texts = {"title": doc.title, "body": doc.body, "entities": "\n".join(dict.fromkeys(entities))}
    for name in fields.text:
        source[name] = analysed(texts[name] if name in texts else getattr(doc, name))
    for name in fields.facets:
        value = BY_NAME[name].value(doc)  # a facet need not be a Document attribute (month)
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

    def install_template(self, *, shards: int = DEFAULT_SHARDS, replicas: int = DEFAULT_REPLICAS) -> None:
        """Create or replace the index template; existing indexes keep their mapping."""
        body = index_template(self.index, shards=shards, replicas=replicas)
        self._call("install the index template",
                   lambda: self._client.indices.put_index_template(name=self.index, body=body))

    def index_documents(self, docs: Iterable[Document]) -> tuple[list[str], list[str], list[SkippedFile]]:
        """Bulk-index ``docs`` (by id, so a re-run replaces them); (created, updated, rejected).

        A document the cluster refuses is returned as its file's skip reason, never dropped silently."""
        from opensearchpy import helpers

        created: list[str] = []
        updated: list[str] = []
        rejected: list[SkippedFile] = []

        def actions() -> Iterator[dict[str, Any]]:
            for doc in docs:
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
                # Named by its id (the path in the corpus), as the embedded index names skipped files.
                rejected.append(SkippedFile(info["_id"], f"OpenSearch rejected it: {reason}"))
        return created, updated, rejected

    def exists(self) -> bool:
        return bool(self._call("check the index", lambda: self._client.indices.exists(index=self.index)))

    def _meta(self) -> dict[str, Any]:
        mapping = self._call("read the mapping", lambda: self._client.indices.get_mapping(index=self.index))
        return dict(mapping[self.index]["mappings"].get("_meta") or {})

    def check_version(self) -> None:
        """Refuse an index whose terms were written by another version of this mapping."""
        from ..errors import SchemaVersionError

        version = self._meta().get("ipsearch_mapping")
        if version != MAPPING_VERSION:
            raise SchemaVersionError(
                f"the OpenSearch index {self.url}/{self.index} has mapping version {version}, this ipsearch writes "
                f"{MAPPING_VERSION}; delete it (curl -X DELETE {self.url}/{self.index}) and run ipsearch index again")

    def folders(self) -> list[Any]:
        """The corpus folders the index remembers (``store.Folder``), from its mapping's ``_meta``."""
        from .. import store

        return store.folders_of({"folders": self._meta().get("ipsearch_folders")})

    def remember_folders(self, folders: Iterable[Any]) -> None:
        """Record the index's corpus folders in its mapping's ``_meta`` (creating the index if new)."""
        from .. import store

        if not self.exists():
            self._call("create the index", lambda: self._client.indices.create(index=self.index))
        body = {"_meta": {"ipsearch_mapping": MAPPING_VERSION, "ipsearch_folders": store.folders_meta(folders)}}
        self._call("record the corpus folders",
                   lambda: self._client.indices.put_mapping(index=self.index, body=body))

    def fingerprints(self) -> dict[str, tuple[str, str]]:
        """doc id -> (content hash, stamp) of every indexed document, read in one scroll."""
        from opensearchpy import helpers

        def read() -> dict[str, tuple[str, str]]:
            return {
                hit["_id"]: (hit["_source"].get("content_hash") or "", hit["_source"].get("stamp") or "")
                for hit in helpers.scan(self._client, index=self.index, size=2000,
                                        query={"query": {"match_all": {}}, "_source": ["content_hash", "stamp"]})
            }

        return dict(self._call("read the indexed documents", read))

    def delete_documents(self, ids: Iterable[str]) -> list[str]:
        """Delete ``ids``; the ones actually removed (already gone counts as removed)."""
        from opensearchpy import helpers

        actions = ({"_op_type": "delete", "_index": self.index, "_id": doc_id} for doc_id in ids)
        results = helpers.streaming_bulk(self._client, actions, chunk_size=BULK_CHUNK, raise_on_error=False,
                                         raise_on_exception=True)
        return [item["delete"]["_id"] for ok, item in self._call("delete documents", lambda: list(results))
                if ok or item["delete"].get("status") == 404]

    def refresh(self) -> None:
        """Make everything indexed so far searchable now rather than within a second."""
        self._call("refresh the index", lambda: self._client.indices.refresh(index=self.index))

    def count(self) -> int:
        """Documents in the index."""
        return int(self._call("count documents", lambda: self._client.count(index=self.index))["count"])


def index_corpus(corpus_dir: str | Path | None, url: str, *, index: str = DEFAULT_INDEX,
                 remove: Iterable[str | Path] = (), allow_empty: bool = False, follow_links: bool = False,
                 progress: Progress | None = None, max_file_bytes: int = MAX_FILE_BYTES,
                 shards: int = DEFAULT_SHARDS, replicas: int = DEFAULT_REPLICAS) -> IndexReport:
    """Sync ``index`` at ``url`` with its corpus folders, as the embedded index syncs its own
    (:func:`ipsearch.build_index`): extract each new or changed file as the Whoosh indexer
    does and bulk-load it under ipsearch's index template, leave files whose stamp (size,
    mtime) or content hash is unchanged, and delete the documents of files that are gone. A
    document the cluster rejects is reported as that file's skip reason.

    The index remembers its folders (in its mapping's ``_meta``), with the embedded index's
    rules: ``corpus_dir=None`` syncs every remembered folder, a new folder is added beside
    the others (its ids prefixed ``name//``), a folder's documents are removed only when that
    folder is synced and a file is gone or when it is named in ``remove``, and a missing or
    empty folder whose documents the index holds is refused unless ``allow_empty``.

    ``shards`` and ``replicas`` shape an index this run creates (an existing one keeps its own).
    """
    from .. import store
    from ..corpus import Skipped, SourceFile, discover, display_name, read_source
    from ..errors import CorpusError, FileVanishedError, UnreadableFileError
    from ..extract import extract
    from ..indexer import _match, _new_prefix, _split_removed
    from ..lexicon import default_lexicon

    started = time.perf_counter()
    backend = OpenSearchBackend(url, index)
    backend.install_template(shards=shards, replicas=replicas)
    known: dict[str, tuple[str, str]] = {}
    folders: list[store.Folder] = []
    if backend.exists():
        backend.check_version()
        known = backend.fingerprints()
        folders = backend.folders()
    paths = [remove] if isinstance(remove, str | Path) else remove
    removing, kept = _split_removed(folders, [Path(p).absolute() for p in paths], f"{backend.url}/{index}")
    if corpus_dir is None:
        if not folders:
            raise UsageError(f"the index at {backend.url}/{index} remembers no corpus folder; name one: "
                             "ipsearch index FOLDER --opensearch URL")
        targets = kept
    else:
        corpus = Path(corpus_dir).absolute()
        folder = _match(folders, corpus)
        if folder in removing:
            raise UsageError(f"{corpus} is both synced and removed; choose one")
        if folder is None:
            if not folders and known:
                # An index written before folders were remembered holds one folder's plain ids.
                folder = store.Folder(display_name(str(corpus.resolve())), "")
            else:
                folder = store.Folder(display_name(str(corpus.resolve())),
                                      _new_prefix(folders, corpus) if folders else "")
            kept.append(folder)
        targets = [folder]
    backend.remember_folders([*kept, *removing])  # recorded before anything is written, as the embedded index
    skipped: list[SkippedFile] = []
    files: list[SourceFile] = []
    for folder in targets:
        root = Path(folder.path)
        held = sum(1 for doc_id in known if folder.owns(doc_id))
        try:
            found = list(discover(root, follow_links=follow_links))
        except CorpusError:
            if held and not allow_empty:
                raise CorpusError(f"the corpus folder {folder.path} is missing but the index holds {held} documents "
                                  "from it; if it is on a drive, mount it; pass --allow-empty to remove them") from None
            if not held:
                raise
            found = []
        if held and not allow_empty and not any(isinstance(item, SourceFile) for item in found):
            raise CorpusError(f"the corpus folder {folder.path} holds no files but the index holds {held} documents "
                              "from it; if it is on a drive, mount it; pass --allow-empty to remove them")
        for item in found:
            if isinstance(item, Skipped):
                skipped.append(SkippedFile(folder.prefix + item.path, item.reason))
            else:
                files.append(dataclasses.replace(item, doc_id=folder.prefix + item.doc_id) if folder.prefix else item)
    seen = {file.doc_id for file in files}
    gone = [doc_id for doc_id in known if doc_id not in seen and any(f.owns(doc_id) for f in targets)]
    gone += [doc_id for doc_id in known if any(f.owns(doc_id) for f in removing)]
    unchanged: list[str] = []  # same stamp, then (as the embedded index lists them) same bytes under a new stamp
    same_bytes: list[str] = []
    lexicon = default_lexicon()

    def documents() -> Iterator[Document]:
        for done, file in enumerate(files, 1):
            old = known.get(file.doc_id)
            try:
                if old is not None and old[1] == file.stamp:
                    unchanged.append(file.doc_id)
                    continue
                source = read_source(file, max_file_bytes)
                if old is not None and old[0] == source.content_hash:
                    same_bytes.append(file.doc_id)
                    continue
                doc = extract(source, lexicon)
                doc = dataclasses.replace(doc, path=display_name(doc.path))
            except FileVanishedError as exc:
                (gone.append(file.doc_id) if old is not None else skipped.append(SkippedFile(file.doc_id, str(exc))))
                continue
            except UnreadableFileError as exc:
                skipped.append(SkippedFile(file.doc_id, f"{exc}; the indexed copy is kept" if old else str(exc)))
                continue
            except BadDocumentError as exc:
                skipped.append(SkippedFile(file.doc_id, str(exc)))
                if old is not None:
                    gone.append(file.doc_id)  # its content can no longer be indexed
                continue
            finally:
                if progress is not None:
                    progress(done, len(files), str(file.path))
            yield doc

    created, updated, rejected = backend.index_documents(documents())
    removed = backend.delete_documents(sorted(gone)) if gone else []
    backend.remember_folders(kept)
    backend.refresh()
    skipped.extend(rejected)
    sent = [*created, *updated]
    return IndexReport(
        index_dir=f"{url.rstrip('/')}/{index}",
        corpus_dir=", ".join(f.path for f in targets),
        added=tuple(d for d in sent if d not in known),  # in corpus order, as the embedded report
        updated=tuple(d for d in sent if d in known),
        unchanged=(*unchanged, *same_bytes),
        removed=tuple(sorted(removed)),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        documents=backend.count(),
        seconds=time.perf_counter() - started,
        folders=tuple(f.path for f in kept),
    )


def remembered_folders(url: str, index: str = DEFAULT_INDEX) -> tuple[str, ...]:
    """The corpus folders the index at ``url`` was built from (empty when there is no such index)."""
    backend = OpenSearchBackend(url, index)
    return tuple(f.path for f in backend.folders()) if backend.exists() else ()


# ------------------------------------------------------------ the read path


def split_url(url: str) -> tuple[str, str]:
    """``http://host:9200/name`` -> (``http://host:9200``, ``name``); no path means the default index.

    Why: one string names both the cluster and the index, so every place that takes an
    index folder (``--index-dir``, ``open_index``) can take a cluster address instead.
    """
    from urllib.parse import urlsplit, urlunsplit

    if not is_url(url):
        raise UsageError(f"an OpenSearch address starts with http:// or https://, not {url!r}")
    parts = urlsplit(url)
    index = parts.path.strip("/") or DEFAULT_INDEX
    if "/" in index:
        raise UsageError(f"an OpenSearch address names one index after the host (http://host:9200/NAME), not {url!r}")
    return urlunsplit((parts.scheme, parts.netloc, "", "", "")), index


def to_dsl(q: Any, facets: frozenset[str] | None = None) -> dict[str, Any]:
    """The OpenSearch query DSL for a Whoosh query object built by :func:`ipsearch.query.parse`
    or :func:`ipsearch.query.filter_query`.

    Why a walk over the parsed object rather than a second parser: the query syntax,
    cross-language name expansion and field boosts stay written once, in :mod:`ipsearch.query`.
    Terms arrive already analysed by ipsearch (stems, folded scripts), so they become exact
    ``term``/``span`` queries on the same analysed fields; facet terms (folded keys) go to
    each facet's ``.key`` sub-field.
    """
    from whoosh import query as wq

    facets = frozenset(field_lists().facets) if facets is None else facets

    def field(name: str) -> str:
        return f"{name}.key" if name in facets else name

    def boosted(body: dict[str, Any], boost: float) -> dict[str, Any]:
        if boost != 1.0:
            kind, = body
            inner = body[kind]
            if kind in ("bool", "dis_max", "span_near", "match_all", "match_none"):
                inner["boost"] = boost
            else:
                name, = inner
                value = inner[name]
                inner[name] = {**value, "boost": boost} if isinstance(value, dict) else {"value": value, "boost": boost}
        return body

    def walk(node: Any) -> dict[str, Any]:
        boost = float(getattr(node, "boost", 1.0))
        if isinstance(node, wq.Every):
            return {"match_all": {}} if not node.fieldname or node.fieldname == "*" else \
                {"exists": {"field": field(node.fieldname)}}
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return {"match_none": {}}
        if isinstance(node, wq.FuzzyTerm):
            return boosted({"fuzzy": {field(node.fieldname): {"value": node.text, "fuzziness": node.maxdist,
                                                               "prefix_length": node.prefixlength}}}, boost)
        if isinstance(node, wq.Prefix):
            return boosted({"prefix": {field(node.fieldname): node.text}}, boost)
        if isinstance(node, wq.Wildcard):
            return boosted({"wildcard": {field(node.fieldname): node.text}}, boost)
        if isinstance(node, wq.Term):
            return boosted({"term": {field(node.fieldname): node.text}}, boost)
        if isinstance(node, wq.Phrase):
            name = field(node.fieldname)
            if len(node.words) == 1:
                return boosted({"term": {name: node.words[0]}}, boost)
            # Matched as a phrase, scored as Whoosh scores one: the sum of its words' BM25
            # scores in the document (a span query's own score weighs a phrase far lower).
            near = {"span_near": {"clauses": [{"span_term": {name: w}} for w in node.words],
                                  "slop": max(0, node.slop - 1), "in_order": True}}
            return {"bool": {"filter": [near], "should": [boosted({"term": {name: w}}, boost) for w in node.words]}}
        if isinstance(node, wq.NumericRange | wq.TermRange):
            bounds: dict[str, Any] = {}
            if node.start is not None:
                bounds["gt" if node.startexcl else "gte"] = node.start
            if node.end is not None:
                bounds["lt" if node.endexcl else "lte"] = node.end
            return boosted({"range": {field(node.fieldname): bounds}}, boost)
        if isinstance(node, wq.Not):
            return {"bool": {"must_not": [walk(node.query)]}}
        if isinstance(node, wq.AndNot):
            return boosted({"bool": {"must": [walk(node.a)], "must_not": [walk(node.b)]}}, boost)
        if isinstance(node, wq.AndMaybe):
            return boosted({"bool": {"must": [walk(node.a)], "should": [walk(node.b)]}}, boost)
        if isinstance(node, wq.Require):
            return boosted({"bool": {"must": [walk(node.a)], "filter": [walk(node.b)]}}, boost)
        if isinstance(node, wq.DisjunctionMax):
            return boosted({"dis_max": {"queries": [walk(s) for s in node.subqueries],
                                        "tie_breaker": node.tiebreak}}, boost)
        if isinstance(node, wq.And):
            must, must_not = [], []
            for sub in node.subqueries:  # a NOT inside an AND excludes, as in Whoosh
                (must_not.append(walk(sub.query)) if isinstance(sub, wq.Not) else must.append(walk(sub)))
            return boosted({"bool": {"must": must or [{"match_all": {}}], "must_not": must_not}}, boost)
        if isinstance(node, wq.Or):
            return boosted({"bool": {"should": [walk(s) for s in node.subqueries], "minimum_should_match": 1}}, boost)
        raise QueryError(f"the OpenSearch backend cannot run a {type(node).__name__} query ({node})")

    return walk(q)


def _text_terms(q: Any) -> frozenset[str]:
    """The analysed words a query looks for in the text fields (what its snippets mark)."""
    from whoosh import query as wq

    text = frozenset(field_lists().text)
    terms: set[str] = set()
    for leaf in q.leaves():
        if leaf.field() not in text:
            continue
        if isinstance(leaf, wq.Phrase):
            terms.update(leaf.words)
        elif isinstance(leaf, wq.Term):
            terms.add(leaf.text)
    return frozenset(terms)


def _speller_fields() -> tuple[tuple[str, ...], tuple[str, ...]]:
    fields = field_lists()
    return fields.text, fields.facets


class RemoteWords:
    """The part of a Whoosh index reader that :class:`ipsearch.suggest.Speller` reads, answered
    by the cluster, so "did you mean" on OpenSearch is ipsearch's own corrector with the
    same rules (known words, lexicon names, English list, nearest index word, ties to the
    more frequent) and the same JSON shape.

    Why not OpenSearch's suggester alone: it would correct words the embedded index leaves
    alone (names, English words the archive lacks). The suggester is used only where Whoosh
    walks its term list, to list index words within 1-2 edits of a typed word
    (:meth:`terms_within`). Document frequencies of the query's words are fetched in one
    ``_msearch`` before the corrector asks (:meth:`prefetch`); one object serves one query.
    """

    def __init__(self, index: OpenSearchIndex, text: str) -> None:
        self._index = index
        self.schema = index._schema
        self._facets = frozenset(field_lists().facets)
        self._counts: dict[tuple[str, str], int] = {}
        self.prefetch(text)

    def _field(self, name: str) -> str:
        return f"{name}.key" if name in self._facets else name

    def prefetch(self, text: str) -> None:
        """Count, in one request, every (field, term) the corrector may ask about for ``text``."""
        from ..analysis import facet_key, fold, stem
        from ..fields import SPELLING_FIELD
        from ..suggest import Speller

        text_fields, facet_fields = _speller_fields()
        wanted: set[tuple[str, str]] = set()
        for _start, _end, word, field in Speller(self, text_fields, facet_fields)._words(text):
            folded = fold(word)
            if field is not None and field not in text_fields:
                wanted.add((field, facet_key(word)))
            elif folded.isalpha():
                wanted.add((SPELLING_FIELD, folded))
                wanted.update((name, stem(folded)) for name in text_fields)
        self._count(sorted(wanted - self._counts.keys()))

    def _count(self, pairs: list[tuple[str, str]]) -> None:
        if not pairs:
            return
        lines: list[dict[str, Any]] = []
        for field, term in pairs:
            lines += [{"index": self._index.index},
                      {"size": 0, "track_total_hits": True, "query": {"term": {self._field(field): term}}}]
        client = self._index._backend._client
        answer = self._index._backend._call("check the query's spelling", lambda: client.msearch(body=lines))
        for pair, response in zip(pairs, answer["responses"]):
            if "error" in response:
                raise BackendError(f"OpenSearch at {self._index.url} refused to check spelling: {response['error']}")
            self._counts[pair] = int(response["hits"]["total"]["value"])

    def doc_frequency(self, field: str, term: str) -> int:
        if (field, term) not in self._counts:
            self._count([(field, term)])
        return self._counts[(field, term)]

    def frequency(self, field: str, term: str) -> int:
        return self.doc_frequency(field, term)

    def leaf_readers(self) -> list[tuple[RemoteWords, int]]:
        return [(self, 0)]

    def doc_count(self) -> int:
        return 1  # "has documents": the suggester answers from whatever the index holds

    def terms_within(self, field: str, text: str, maxdist: int, prefix: int = 0) -> list[str]:
        """Index words within ``maxdist`` edits of ``text`` (the first ``prefix`` letters fixed),
        from the term suggester; their document counts are kept for the ranking."""
        suggest = {"typo": {"text": text, "term": {
            "field": self._field(field), "max_edits": max(1, min(2, maxdist)), "prefix_length": prefix,
            "min_word_length": 1, "suggest_mode": "always", "size": SUGGESTER_CANDIDATES,
            "max_term_freq": 1.0, "string_distance": "damerau_levenshtein"}}}
        answer = self._index._search({"size": 0, "suggest": suggest}, "look up spelling suggestions")
        found: list[str] = []
        for entry in answer.get("suggest", {}).get("typo", []):
            for option in entry.get("options", []):
                self._counts[(field, option["text"])] = int(option["freq"])
                found.append(option["text"])
        return found


#: Index words the term suggester lists per typed word (Whoosh lists them all; a word has
#: rarely more than a few dozen within two edits).
SUGGESTER_CANDIDATES = 100


class OpenSearchIndex:
    """An index in an OpenSearch cluster with the same searching surface as :class:`ipsearch.SearchIndex`.

    Why: callers (CLI, web, library users) hold an :class:`ipsearch.searcher.Index` and do
    not care where the documents live. Queries are parsed by ipsearch and walked into the
    query DSL (:func:`to_dsl`); snippets are cut by ipsearch's own snippet code from the
    returned text, so hits look the same. Thread-safe: the client is a connection pool.
    Spelling suggestions come from ipsearch's own corrector reading the cluster (:class:`RemoteWords`).
    """

    def __init__(self, url: str) -> None:
        from ..schema import build_schema
        from ..searcher import MemoAnalyzer

        base, index = split_url(url)
        self.url = f"{base}/{index}"
        self.index_dir = self.url  # what error messages and reports call the location
        self._backend = OpenSearchBackend(base, index)
        self.index = index
        self._schema = build_schema()
        self._analyzer = MemoAnalyzer(self._schema["body"].analyzer)
        exists = self._backend._call("check the index", lambda: self._backend._client.indices.exists(index=index))
        if not exists:
            from ..errors import IndexNotFoundError

            raise IndexNotFoundError(f"no index {index!r} at {base}: build it with "
                                     f"ipsearch index CORPUS --opensearch {self.url}")
        self._backend.check_version()

    def close(self) -> None:
        self._backend._client.close()

    def __enter__(self) -> OpenSearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _search(self, body: dict[str, Any], what: str = "search", *, ranked: bool = False) -> dict[str, Any]:
        """One search request. A ranked one first gathers every shard's term statistics
        (``dfs_query_then_fetch``), so BM25 scores, and the order, do not depend on how the
        documents fall into shards: the embedded index's idf over the whole collection."""
        client = self._backend._client
        params = {"search_type": "dfs_query_then_fetch"} if ranked else {}
        return dict(self._backend._call(what, lambda: client.search(index=self.index, body=body, params=params)))

    def canonical(self, field: str, value: str) -> str:
        from ..searcher import canonical_value

        return canonical_value(field, value)

    def search(
        self,
        query: str = "",
        *,
        filters: Any = None,
        since: str | None = None,
        until: str | None = None,
        facets: Any = (),
        sort: str = "relevance",
        limit: int = 10,
        page: int = 1,
        facet_limit: int = 20,
        facet_sort: str = "count",
        explain: bool = False,
        autocorrect: bool = True,
        snippets: bool = True,
        operator: str = "or",
        translate: bool = True,
    ) -> Any:
        """As :meth:`ipsearch.SearchIndex.search`: one page of hits, exact total and facet counts."""
        from ..query import filter_query, name_highlight_terms, parse
        from ..results import FacetCount, SearchResults
        from ..searcher import check_search_args, known_name
        from ..suggest import Speller

        facets = check_search_args(query, sort, limit, page, facet_limit, facets, facet_sort)
        translation = self._translation() if translate and operator == "or" else {}
        parsed = parse(query, self._schema, self.canonical, operator, **translation)
        self._check_expansion(parsed.query)
        fq = filter_query(filters, since, until, self.canonical)
        names = list(dict.fromkeys(facets))

        def request(parsed: Any) -> dict[str, Any]:
            body: dict[str, Any] = {"track_total_hits": True, "from": (page - 1) * limit, "size": limit,
                                    "_source": {"excludes": HIDDEN_SOURCE}}
            main = to_dsl(parsed.query)
            body["query"] = main if fq is None else {"bool": {"must": [main], "filter": [to_dsl(fq)]}}
            if sort != "relevance" or parsed.is_match_all:
                order = "asc" if sort == "oldest" else "desc"
                body["sort"] = [{"date_start": {"order": order, "missing": "_last"}}, {"id": "asc"}]
            if explain:
                body["explain"] = True
            if names:
                body["aggs"] = {name: {"terms": {"field": name, "size": FACET_BUCKETS, "shard_size": FACET_BUCKETS,
                                                 "order": [{"_count": "desc"}, {"_key": "asc"}]}} for name in names}
            return body

        body = request(parsed)
        response = self._search(body, ranked="sort" not in body)
        total = int(response["hits"]["total"]["value"])
        typed, suggestion, corrected = parsed.text, None, False
        if not parsed.is_match_all and self._has_spelling():
            # "Did you mean": ipsearch's own corrector, fed from this index's words (RemoteWords).
            fix = Speller(RemoteWords(self, parsed.text), *_speller_fields(), known_name).correct(parsed.text)
            suggestion = fix.text if fix else None
            if fix and not total and autocorrect:
                try:
                    fixed = parse(fix.text, self._schema, self.canonical, operator, **translation)
                    self._check_expansion(fixed.query)
                except QueryError:  # e.g. "frim" -> "from": only stop words left
                    fixed = None
                if fixed is not None and not fixed.is_match_all:
                    again = request(fixed)
                    found = self._search(again, ranked="sort" not in again)
                    if found["hits"]["total"]["value"]:
                        parsed, body, response, corrected = fixed, again, found, True
                        total = int(found["hits"]["total"]["value"])
        terms: frozenset[str] = frozenset()
        if snippets and not parsed.is_match_all:
            terms = _text_terms(parsed.query) | name_highlight_terms(parsed.text, self._schema,
                                                                    lower_case_names=self._has_chinese())
        ranked = "sort" not in body
        hits = tuple(self._hit(h, terms, score=ranked, snippet=snippets) for h in response["hits"]["hits"])
        counted: dict[str, tuple[Any, ...]] = {}
        left_out: dict[str, int] = {}
        for name in names:
            buckets = [(str(b["key"]), int(b["doc_count"])) for b in response["aggregations"][name]["buckets"]]
            if facet_sort == "value":
                buckets.sort()
            counted[name] = tuple(FacetCount(v, c) for v, c in buckets[:facet_limit])
            left_out[name] = max(0, len(buckets) - facet_limit)
        combined = str(parsed.query if fq is None else f"({parsed.query} AND {fq})")
        if explain:  # what the cluster was actually sent (README: "Past one machine")
            combined += "\nOpenSearch query DSL: " + json.dumps(body["query"], ensure_ascii=False)
        return SearchResults(query=typed, total=total, page=page, limit=limit, hits=hits, facets=counted,
                             facets_left_out=left_out, suggestion=suggestion, parsed_query=combined,
                             corrected=corrected, translations=tuple(t.describe() for t in parsed.translations))

    def _check_expansion(self, q: Any) -> None:
        """Refuse wildcards that expand to more than :data:`ipsearch.query.MAX_EXPANDED_WORDS`
        indexed words in all, as the embedded index does (QueryError, exit 2).

        The cluster counts them: ``_validate/query?rewrite=true`` with each wildcard rewritten
        into one clause per word lists the words each shard holds. A cluster refuses to expand
        past its ``indices.query.bool.max_clause_count`` (1,024 unless raised; the launcher
        sets 4,096): that is refused too, naming the cluster's limit.
        """
        from whoosh import query as wq

        from ..query import MAX_EXPANDED_WORDS

        leaves = [leaf for leaf in q.leaves() if isinstance(leaf, wq.Prefix | wq.Wildcard)]
        if not leaves:
            return
        clauses, fields = [], set()
        for leaf in leaves:
            kind, = clause = to_dsl(leaf)
            name, = clause[kind]
            fields.add(f"{name}:")
            clauses.append({kind: {name: {"value": leaf.text, "rewrite": "scoring_boolean"}}})
        client = self._backend._client
        answer = self._backend._call("expand the query's wildcards", lambda: client.indices.validate_query(
            index=self.index, body={"query": {"bool": {"should": clauses}}}, rewrite=True, all_shards=True))
        message = (f"the wildcards in the query match more than {{:,}} indexed words, which would scan too much of "
                   "the index; put more letters before each wildcard")
        for failure in answer.get("_shards", {}).get("failures", []):
            reason = str(failure.get("reason", {}).get("reason", failure))
            if "too_many_clauses" in reason:
                limit = re.search(r"maxClauseCount is set to (\d+)", reason)
                cap = min(MAX_EXPANDED_WORDS, int(limit.group(1))) if limit else MAX_EXPANDED_WORDS
                raise QueryError(message.format(cap) + (f" (the cluster expands at most {cap:,})"
                                                        if cap < MAX_EXPANDED_WORDS else ""))
        words = {token for item in answer.get("explanations", []) for token in str(item.get("explanation", "")).split()
                 if token.startswith(tuple(fields))}
        if len(words) > MAX_EXPANDED_WORDS:
            raise QueryError(message.format(MAX_EXPANDED_WORDS))

    def _translation(self) -> dict[str, Any]:
        """As the embedded index: translate only into the languages the index holds, and only
        into forms some article contains (a term query on the body, remembered)."""
        into = {lang for lang, held in (("zh", self._has_chinese()), ("en", self._has_english())) if held}
        if not into:
            return {}
        seen: dict[str, bool] = getattr(self, "_held_terms", None) or {}
        self._held_terms = seen

        def holds(term: str) -> bool:
            if term not in seen:
                body = {"size": 0, "track_total_hits": 1, "query": {"term": {"body": term}}}
                seen[term] = bool(self._search(body, "look up a translation")["hits"]["total"]["value"])
            return seen[term]

        return {"translate_into": into, "holds": holds}

    def _has_spelling(self) -> bool:
        """Whether the index has the spelling word list (one built before it had none: no suggestions
        until a sync adds the field and rewrites its documents)."""
        cached: bool | None = getattr(self, "_spelling", None)
        if cached is None:
            client = self._backend._client
            mapping = self._backend._call("read the mapping", lambda: client.indices.get_mapping(index=self.index))
            cached = self._spelling = "spelling" in mapping[self.index]["mappings"].get("properties", {})
        return cached

    def _has_english(self) -> bool:
        cached: bool | None = getattr(self, "_english", None)
        if cached is None:
            body = {"size": 0, "query": {"term": {"language": "en"}}, "track_total_hits": 1}
            cached = self._english = bool(self._search(body, "count languages")["hits"]["total"]["value"])
        return cached

    def _has_chinese(self) -> bool:
        cached: bool | None = getattr(self, "_chinese", None)
        if cached is None:
            body = {"size": 0, "query": {"bool": {"must_not": [{"term": {"language": "en"}}]}},
                    "track_total_hits": 1}
            cached = self._chinese = bool(self._search(body, "count languages")["hits"]["total"]["value"])
        return cached

    def _hit(self, raw: dict[str, Any], terms: frozenset[str], *, score: bool, snippet: bool = True,
             with_body: bool = False) -> Any:
        from ..results import SearchHit
        from ..searcher import make_snippet

        src = raw["_source"]
        body = src.get("body_text") or ""
        text, spans = "", cast("tuple[Span, ...]", ())
        if snippet:
            text, spans = make_snippet(body, src.get("title_text") or "", terms, self._analyzer)
        year = src.get("year")
        explanation = raw.get("_explanation")
        return SearchHit(
            id=src["id"], path=src.get("path") or "", title=src.get("title_text") or "", date=src.get("date"),
            year=int(year) if year else None,
            score=round(float(raw["_score"]), 4) if score and raw.get("_score") is not None else None,
            snippet=text, highlights=spans, language=src.get("language") or "", source=src.get("source") or None,
            translated_from=src.get("translated_from"), encoding=src.get("encoding") or "",
            people=tuple(src.get("people") or ()), organizations=tuple(src.get("organizations") or ()),
            countries=tuple(src.get("countries") or ()), places=tuple(src.get("places") or ()),
            event_types=tuple(src.get("event_types") or ()), body=body if with_body else None,
            explanation=_describe(explanation) if explanation else None,
        )

    def get(self, doc_id: str, *, mark: str | None = None) -> Any:
        """One document by id with its full text, as :meth:`ipsearch.SearchIndex.get`."""
        import contextlib

        from ..errors import DocumentNotFoundError, QueryError
        from ..query import name_highlight_terms, parse
        from ..searcher import mark_names

        found = self._search({"query": {"term": {"id": doc_id}}, "size": 1}, "fetch a document")["hits"]["hits"]
        if not found:
            raise DocumentNotFoundError(f"no document with id {doc_id!r} in {self.url}")
        hit = self._hit(found[0], frozenset(), score=False, snippet=True, with_body=True)
        if mark is None or not hit.body:
            return hit
        terms: set[str] = set()
        if mark.strip():
            with contextlib.suppress(QueryError):
                parsed = parse(mark, self._schema)
                if not parsed.is_match_all:
                    terms |= _text_terms(parsed.query) | name_highlight_terms(
                        parsed.text, self._schema, lower_case_names=self._has_chinese())
        return mark_names(hit, frozenset(terms), self._schema, self._analyzer)

    def similar(self, doc_id: str, limit: int = 10, *, explain: bool = False) -> Any:
        """Articles most like ``doc_id`` (never itself), by OpenSearch's ``more_like_this``
        over title, body and entity names (25 key terms, as the embedded index)."""
        from ..errors import DocumentNotFoundError
        from ..results import SearchResults
        from ..searcher import MAX_LIMIT, SIMILAR_TERMS

        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        found = self._search({"query": {"term": {"id": doc_id}}, "size": 1,
                              "_source": ["title_text", "body_text", *ENTITY_FACETS]}, "fetch a document")["hits"]["hits"]
        if not found:
            raise DocumentNotFoundError(f"no document with id {doc_id!r} in {self.url}")
        src = found[0]["_source"]
        names = [name for field in ENTITY_FACETS for name in src.get(field) or ()]
        # The article's own terms, analysed as they were indexed (the cluster stores no copy of them).
        like = analysed("\n".join([src.get("title_text") or "", src.get("body_text") or "", *names]))
        similar = {"more_like_this": {"fields": list(field_lists().text), "like": like,
                                      "max_query_terms": SIMILAR_TERMS, "min_term_freq": 1, "min_doc_freq": 1,
                                      "min_word_length": 3, "max_doc_freq": max(1, self.count() // 2)}}
        mlt = {"bool": {"must": [similar], "must_not": [{"ids": {"values": [found[0]["_id"]]}}]}}
        body = {"query": mlt, "size": limit, "track_total_hits": True, "explain": explain,
                "_source": {"excludes": HIDDEN_SOURCE}}
        response = self._search(body, "find similar articles")
        hits = tuple(self._hit(h, frozenset(), score=True) for h in response["hits"]["hits"])
        return SearchResults(query=doc_id, total=int(response["hits"]["total"]["value"]), page=1, limit=limit,
                             hits=hits, parsed_query=str(mlt))

    def count(self) -> int:
        return self._backend.count()

    def ids(self) -> tuple[str, ...]:
        """Every document id in the index (evaluation checks its judgments against them)."""
        return tuple(sorted(self._backend.fingerprints()))

    def stats(self) -> Any:
        """As :meth:`ipsearch.SearchIndex.stats`; size and segments are the cluster's primaries."""
        from ..results import IndexStats
        from ..schema import SCHEMA_VERSION

        client = self._backend._client
        fields = field_lists()
        aggs = {name: {"terms": {"field": name, "size": FACET_BUCKETS, "shard_size": FACET_BUCKETS}}
                for name in fields.facets}
        response = self._search({"size": 0, "track_total_hits": True, "aggs": aggs}, "read index statistics")
        info = self._backend._call("read index statistics",
                                   lambda: client.indices.stats(index=self.index, metric="store,segments"))
        primaries = info["indices"][self.index]["primaries"]
        mapping = self._backend._call("read the mapping", lambda: client.indices.get_mapping(index=self.index))
        return IndexStats(
            index_dir=self.url,
            documents=int(response["hits"]["total"]["value"]),
            schema_version=SCHEMA_VERSION,
            size_bytes=int(primaries["store"]["size_in_bytes"]),
            segments=int(primaries["segments"]["count"]),
            fields=tuple(mapping[self.index]["mappings"]["properties"]),
            facets={name: len(response["aggregations"][name]["buckets"]) for name in fields.facets},
            languages={b["key"]: int(b["doc_count"]) for b in response["aggregations"]["language"]["buckets"]},
            last_modified=None,
        )


#: The facets that name entities, whose names ``similar`` adds to an article's terms.
ENTITY_FACETS = ("people", "organizations", "countries", "places")
#: Source fields a hit never shows: the entity text (the facets hold the names) and the spelling words.
HIDDEN_SOURCE = ["entities", "spelling"]
#: Facet buckets asked of each shard: above any facet's number of distinct values, so counts are exact.
FACET_BUCKETS = 65_536


def _describe(explanation: dict[str, Any], depth: int = 0) -> str:
    """OpenSearch's score explanation as indented lines (the top three levels)."""
    lines = [f"{'  ' * depth}{explanation['value']:.2f}  {explanation['description']}"]
    if depth < 2:
        lines += [_describe(d, depth + 1) for d in explanation.get("details", [])]
    return "\n".join(lines)
