"""The OpenSearch backend's speed on Reuters-21578, beside the embedded index.

    python tools/opensearch_cluster.py start --nodes 2 --http-port 9400 --data /tmp/os &
    python bench/opensearch.py --url http://127.0.0.1:9400 [--docs 5000] [--queries 200]

Three figures:

* extraction: ipsearch's Python extraction (decode, metadata, entities) per document,
  the part of a build that runs on the indexing client whichever backend is used;
* bulk loading: already-extracted documents sent with ``helpers.parallel_bulk`` for each
  bulk size and client thread count tried (documents/s into a fresh index);
* queries: p50/p95 of the same fixed-seed queries (with two facets) through
  ``OpenSearchIndex.search`` and the embedded ``SearchIndex.search``.

``--replicate 10`` measures the scale point instead: all of Reuters (21,578 articles) is
extracted ONCE, then loaded as itself (1x) and as 10 copies with new ids (10x, 215,780
documents; each copy's ids get a ``copy-K/`` prefix, text and metadata are unchanged, so
the 10x index has every term 10 times as often); bulk loading throughput and query p50/p95
through ``OpenSearchIndex`` are measured on both, and extraction's cost on its own.

    python bench/opensearch.py --url http://127.0.0.1:9400 --replicate 10 --bulk 2000 --threads 2

Timings only: nothing here asserts; correctness lives in tests/test_opensearch_search.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _speed():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("ipsearch_bench_speed", ROOT / "bench" / "speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _percentiles(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1)}


def extract_sources(corpus: Path) -> list[dict]:  # type: ignore[type-arg]
    """Each readable article of ``corpus`` extracted once, as the backend's document source.

    The benches time the cluster's load apart from extraction, so both extract up front.
    """
    from ipsearch.backends.opensearch import document_source
    from ipsearch.corpus import Skipped, discover, display_name, read_source
    from ipsearch.extract import extract
    from ipsearch.lexicon import default_lexicon

    lexicon = default_lexicon()
    sources = []
    for item in discover(corpus):
        if isinstance(item, Skipped):
            continue
        doc = extract(read_source(item, 10 << 20), lexicon)
        sources.append(document_source(dataclasses.replace(doc, path=display_name(doc.path))))
    return sources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True, help="a node of a running cluster, e.g. http://127.0.0.1:9400")
    ap.add_argument("--docs", type=int, default=5000, help="Reuters articles to use (all: 0)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--bulk", default="250,500,1000,2000", help="bulk sizes to try")
    ap.add_argument("--threads", default="1,2,4", help="client thread counts to try")
    ap.add_argument("--keep", action="store_true", help="leave the --replicate indexes in the cluster")
    ap.add_argument("--replicate", type=int, default=0, metavar="N",
                    help="scale point: extract all of Reuters once, load it as 1x and as N copies with new ids")
    args = ap.parse_args()
    if args.replicate:
        replicate(args)
        return

    import ipsearch
    from opensearchpy import OpenSearch, helpers

    from ipsearch.backends.opensearch import OpenSearchBackend

    speed = _speed()
    records = speed.parse_reuters(speed.REUTERS)
    records = records[: args.docs] if args.docs else records
    out: dict[str, object] = {"documents": len(records)}
    with tempfile.TemporaryDirectory(prefix="ipsearch-os-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        speed.write_corpus(records, corpus)

        started = time.perf_counter()
        sources = [(source["id"], source) for source in extract_sources(corpus)]
        extraction = time.perf_counter() - started
        out["extraction_docs_per_s"] = round(len(sources) / extraction)

        client = OpenSearch(args.url, timeout=120)
        loads = []
        for bulk in map(int, args.bulk.split(",")):
            for threads in map(int, args.threads.split(",")):
                index = f"bench-{bulk}-{threads}"
                client.indices.delete(index=index, ignore_unavailable=True)
                OpenSearchBackend(args.url, index).install_template()
                started = time.perf_counter()
                actions = ({"_index": index, "_id": i, "_source": s} for i, s in sources)
                for ok, item in helpers.parallel_bulk(client, actions, chunk_size=bulk, thread_count=threads,
                                                      raise_on_error=True):
                    pass
                client.indices.refresh(index=index)
                seconds = time.perf_counter() - started
                loads.append({"bulk": bulk, "threads": threads, "docs_per_s": round(len(sources) / seconds)})
                client.indices.delete(index=index, ignore_unavailable=True)
                print(json.dumps(loads[-1]), file=sys.stderr)
        out["bulk_loading"] = loads

        # The query comparison: the full ipsearch build both ways, then the same queries.
        started = time.perf_counter()
        ipsearch.build_index(corpus, Path(tmp) / "index")
        out["embedded_build_s"] = round(time.perf_counter() - started, 1)
        url = f"{args.url}/bench-query"
        client.indices.delete(index="bench-query", ignore_unavailable=True)
        started = time.perf_counter()
        ipsearch.build_index(corpus, url)
        out["opensearch_build_s"] = round(time.perf_counter() - started, 1)
        n = args.queries
        queries = speed.make_queries(records, n // 2, n // 4, n - n // 2 - n // 4)
        for name, location in (("embedded", Path(tmp) / "index"), ("opensearch", url)):
            with ipsearch.open_index(location) as ix:
                for q in queries[:10]:  # warm caches
                    ix.search(q, facets=["countries", "year"])
                ms = []
                for q in queries:
                    t0 = time.perf_counter()
                    ix.search(q, facets=["countries", "year"])
                    ms.append((time.perf_counter() - t0) * 1000)
                out[f"query_{name}"] = _percentiles(ms)
        client.indices.delete(index="bench-query", ignore_unavailable=True)
    print(json.dumps(out, indent=2))


def _query_times(location: object, queries: list[str]) -> dict[str, float]:
    import ipsearch

    with ipsearch.open_index(location) as ix:  # type: ignore[arg-type]
        for q in queries[:10]:  # warm caches
            ix.search(q, facets=["countries", "year"])
        ms, cpu = [], []
        for q in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            ix.search(q, facets=["countries", "year"])
            ms.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    return {**_percentiles(ms), "client_cpu_p50_ms": round(statistics.median(cpu), 1)}


def replicate(args: argparse.Namespace) -> None:
    """Reuters at 1x and ``args.replicate``x through the cluster, extracted once (see the module doc)."""
    from opensearchpy import OpenSearch, helpers

    from ipsearch.backends.opensearch import OpenSearchBackend

    speed = _speed()
    records = speed.parse_reuters(speed.REUTERS)
    bulk, threads = int(args.bulk.split(",")[0]), int(args.threads.split(",")[0])
    out: dict[str, object] = {"articles": len(records), "bulk": bulk, "client_threads": threads}
    with tempfile.TemporaryDirectory(prefix="ipsearch-os-scale-") as tmp:
        corpus = Path(tmp) / "corpus"
        speed.write_corpus(records, corpus)
        started, cpu = time.perf_counter(), time.process_time()
        sources = extract_sources(corpus)
        seconds = time.perf_counter() - started
        out["extraction"] = {"docs": len(sources), "seconds": round(seconds, 1),
                             "cpu_seconds": round(time.process_time() - cpu, 1),
                             "docs_per_s": round(len(sources) / seconds)}
        print(json.dumps(out), file=sys.stderr, flush=True)
        client = OpenSearch(args.url, timeout=300)
        queries = speed.make_queries(records, args.queries // 2, args.queries // 4,
                                     args.queries - args.queries // 2 - args.queries // 4)
        for copies in (1, args.replicate):
            index = f"bench-x{copies}"
            client.indices.delete(index=index, ignore_unavailable=True)
            OpenSearchBackend(args.url, index).install_template()

            def actions(index: str = index, copies: int = copies):  # type: ignore[no-untyped-def]
                for k in range(copies):
                    for source in sources:
                        doc_id = source["id"] if k == 0 else f"copy-{k}/{source['id']}"
                        yield {"_index": index, "_id": doc_id, "_source": {**source, "id": doc_id}}

            started, cpu = time.perf_counter(), time.process_time()
            for ok, item in helpers.parallel_bulk(client, actions(), chunk_size=bulk, thread_count=threads,
                                                  raise_on_error=True):
                pass
            client.indices.refresh(index=index)
            seconds = time.perf_counter() - started
            docs = client.count(index=index)["count"]
            stats = client.indices.stats(index=index, metric="store")["indices"][index]
            point = {"docs": docs, "load_seconds": round(seconds, 1), "load_docs_per_s": round(docs / seconds),
                     "client_cpu_seconds": round(time.process_time() - cpu, 1),
                     "store_mb_with_replicas": round(stats["total"]["store"]["size_in_bytes"] / 1e6),
                     "query": _query_times(f"{args.url}/{index}", queries)}
            out[f"x{copies}"] = point
            print(json.dumps({f"x{copies}": point}), file=sys.stderr, flush=True)
        if not args.keep:
            for copies in (1, args.replicate):
                client.indices.delete(index=f"bench-x{copies}", ignore_unavailable=True)
        started = time.perf_counter()
        import ipsearch

        ipsearch.build_index(corpus, Path(tmp) / "index")
        out["embedded_x1"] = {"build_seconds": round(time.perf_counter() - started, 1),
                              "query": _query_times(Path(tmp) / "index", queries)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
