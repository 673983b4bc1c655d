"""SciFact end to end: ipsearch's default search against plain Whoosh on the same files.

Writes each SciFact abstract (``../shared/data/scifact/corpus.jsonl``) as a text file
(title line, blank line, text), indexes the folder with ipsearch and with stock Whoosh
(StemmingAnalyzer, ``OrGroup``, default BM25F; one field, and title + body fields),
runs the judged queries of one split through both and prints nDCG@10, MRR@10 and
Recall@100 side by side, with build and query times.

    .venv/bin/python bench/relevance.py                 # test split, 300 claims, a few minutes
    .venv/bin/python bench/relevance.py --split train   # the 809 training claims used to check choices
    .venv/bin/python bench/relevance.py --workdir /tmp/scifact   # keep files and indexes for re-runs
    .venv/bin/python bench/relevance.py --opensearch http://127.0.0.1:9200/scifact   # ipsearch on OpenSearch too

Skips with a message when the shared data folder is absent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ipsearch  # noqa: E402
from ipsearch.evaluation import EvalReport, doc_key, evaluate, judged_queries, read_qrels, read_queries, score_rankings  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "data" / "scifact"

#: Published or previously measured figures (nDCG@10, test split), for context only.
REFERENCE = [
    ("BM25 in the BEIR paper (multifield)", 0.665),
    ("Pyserini Lucene BM25, one field (k1 0.9, b 0.4)", 0.6789),
    ("bm25s + PyStemmer (measured here)", 0.686),
    ("tantivy en_stem, one field (measured here)", 0.684),
]


def write_corpus(corpus_jsonl: Path, folder: Path) -> int:
    """One ``<_id>.txt`` per abstract: title line, blank line, text."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    with corpus_jsonl.open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            target = folder / f"{doc['_id']}.txt"
            text = f"{doc['title'].strip()}\n\n{doc['text'].strip()}\n"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
            count += 1
    return count


def run_ipsearch(corpus: Path, index_dir: Path, queries: dict[str, str], qrels: dict) -> tuple[EvalReport, float | None]:
    started = time.perf_counter()
    fresh = not index_dir.exists()
    ipsearch.build_index(corpus, index_dir)
    built = time.perf_counter() - started if fresh else None
    with ipsearch.open_index(index_dir) as ix:
        return evaluate(ix, queries, qrels), built


def run_ipsearch_opensearch(corpus: Path, url: str, queries: dict[str, str], qrels: dict) -> tuple[EvalReport, float]:
    """The same corpus and queries through the OpenSearch backend (index at ``url``, rebuilt)."""
    from ipsearch.backends.opensearch import OpenSearchBackend, split_url

    base, name = split_url(url)
    backend = OpenSearchBackend(base, name)
    backend._client.indices.delete(index=name, ignore_unavailable=True)
    started = time.perf_counter()
    ipsearch.build_index(corpus, url)
    built = time.perf_counter() - started
    with ipsearch.open_index(url) as ix:
        return evaluate(ix, queries, qrels), built


def run_whoosh(
    corpus: Path, index_dir: Path, queries: dict[str, str], qrels: dict, *, split_title: bool
) -> tuple[EvalReport, float | None]:
    """Stock Whoosh as a newcomer sets it up: StemmingAnalyzer, OR grouping, default BM25F.

    One field holding the whole file, or (``split_title``) a title and a body field
    searched with ``MultifieldParser``, the usual layout for news.
    """
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import MultifieldParser, OrGroup, QueryParser

    built = None
    if not index.exists_in(str(index_dir)):
        started = time.perf_counter()
        index_dir.mkdir(parents=True, exist_ok=True)
        text = TEXT(analyzer=StemmingAnalyzer())
        schema = Schema(id=ID(stored=True, unique=True), title=text, body=text) if split_title else \
            Schema(id=ID(stored=True, unique=True), body=text)
        ix = index.create_in(str(index_dir), schema)
        writer = ix.writer(limitmb=256)
        for path in sorted(corpus.glob("*.txt")):
            content = path.read_text(encoding="utf-8")
            if split_title:
                title, _, rest = content.partition("\n")
                writer.add_document(id=path.stem, title=title, body=rest)
            else:
                writer.add_document(id=path.stem, body=content)
        writer.commit()
        built = time.perf_counter() - started
    ix = index.open_dir(str(index_dir))
    parser = (MultifieldParser(["title", "body"], ix.schema, group=OrGroup) if split_title
              else QueryParser("body", ix.schema, group=OrGroup))
    rankings: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    started = time.perf_counter()
    with ix.searcher() as searcher:
        for qid in judged_queries(queries, qrels):
            results = searcher.search(parser.parse(queries[qid]), limit=100)
            rankings[qid] = [doc_key(hit["id"]) for hit in results]
            totals[qid] = len(rankings[qid])
    report = score_rankings(rankings, queries, qrels, totals=totals, seconds=time.perf_counter() - started)
    return report, built


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="SciFact folder (BEIR layout)")
    ap.add_argument("--split", default="test", choices=["test", "train"])
    ap.add_argument("--workdir", type=Path, help="keep corpus files and indexes here (reused when present)")
    ap.add_argument("--opensearch", metavar="URL",
                    help="also run ipsearch through the OpenSearch backend, index at URL (rebuilt), e.g. "
                         "http://127.0.0.1:9200/scifact")
    ap.add_argument("--no-whoosh", action="store_true", help="skip the two stock-Whoosh baselines")
    args = ap.parse_args()

    if not (args.data / "corpus.jsonl").is_file():
        print(f"SKIP: SciFact not found at {args.data} (needs the shared data folder next to the repo)")
        return 0

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ipsearch-scifact-"))
    try:
        queries = read_queries(args.data / "queries.jsonl")
        qrels = read_qrels(args.data / "qrels" / f"{args.split}.tsv")
        n = write_corpus(args.data / "corpus.jsonl", work / "corpus")
        print(f"SciFact {args.split}: {len(judged_queries(queries, qrels))} judged queries over {n} abstracts "
              f"(files in {work / 'corpus'})", flush=True)
        systems: list[tuple[str, EvalReport, float | None]] = []
        baselines = () if args.no_whoosh else (("Whoosh, 1 field", "whoosh-index", False),
                                                ("Whoosh, title+body", "whoosh-index-2f", True))
        for label, folder, split_title in baselines:
            report, built = run_whoosh(work / "corpus", work / folder, queries, qrels, split_title=split_title)
            systems.append((label, report, built))
            print(f"  {label}: done", flush=True)
        ours, our_build = run_ipsearch(work / "corpus", work / "ipsearch-index", queries, qrels)
        systems.append(("ipsearch", ours, our_build))
        print("  ipsearch: done", flush=True)
        if args.opensearch:
            remote, remote_build = run_ipsearch_opensearch(work / "corpus", args.opensearch, queries, qrels)
            systems.append(("ipsearch on OpenSearch", remote, remote_build))
            print("  ipsearch on OpenSearch: done", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)

    names = [label for label, _, _ in systems]
    print()
    print("| " + " | ".join([f"{'':<24}", *names]) + " |")
    print("|" + "|".join(["-" * 26, *("-" * (len(n) + 2) for n in names)]) + "|")

    def row(label: str, cells: list[str]) -> None:
        print("| " + " | ".join([f"{label:<24}", *(c.rjust(len(n)) for c, n in zip(cells, names))]) + " |")

    row("nDCG@10", [f"{r.ndcg:.4f}" for _, r, _ in systems])
    row("MRR@10", [f"{r.mrr:.4f}" for _, r, _ in systems])
    row("Recall@100", [f"{r.recall:.4f}" for _, r, _ in systems])
    row("queries without hits", [str(len(r.without_hits)) for _, r, _ in systems])
    row("ms per query (top 100)", [f"{1000 * r.seconds / max(1, len(r.queries)):.1f}" for _, r, _ in systems])
    row("index build (s)", ["reused" if b is None else f"{b:.1f}" for _, _, b in systems])
    if args.split == "test":
        print("\nReference nDCG@10 on the test split (not run here):")
        for label, value in REFERENCE:
            print(f"  {label:<48} {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
