"""Speed and scale of ipsearch against stock Whoosh, on Reuters-21578, in one run.

    python bench/speed.py            # full Reuters (~2.5 min on 2 idle cores)
    python bench/speed.py --quick    # 3,000 articles, 100 queries (~15 s)
    python bench/speed.py --scale    # adds a 10x point (~216k documents; ~13 min more)

Every article becomes one text file (headline, date line, body) in a temporary folder.
Both systems then build from those files in a fresh subprocess each (so peak RSS is the
build's own: the sampled sum over its process tree, workers included), and answer the
same fixed-seed queries on a warm searcher:

* ipsearch: ``build_index`` with its defaults (decoding, metadata extraction, bilingual
  analysis included; a batch of 2,000+ files is split across one worker process per CPU,
  at most 4), ``SearchIndex.search`` (total count, snippets for the page, facets from columns);
* stock Whoosh (the same pinned version): StemmingAnalyzer on title and body, KEYWORD
  fields for places/people/orgs/topics (+ year), taken from the SGML, not extracted;
  one process, ``limitmb=1024``; ``MultifieldParser`` with ``OrGroup``; facets with
  ``groupedby`` and ``FieldFacet(allow_overlap=True)`` on ``places`` and ``year``.

tantivy-py and SQLite FTS5 columns are added when importable (they are never runtime
dependencies of ipsearch). Needs ``../shared/data/reuters21578`` beside the repo.
Timings only: nothing here asserts; correctness lives in tests/.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578"
STOCK_FACETS = ("places", "year")
IPSEARCH_FACETS = ("countries", "year")
STOCK_LIMIT_MB = 1024
#: Words no query is made of: both systems' stop words, and Reuters' unit abbreviations.
_STOP = frozenset(
    "a an and are as at be by for from has have he in is it its of on or said that the to was were will with "
    "would mln dlrs pct not this which but after about also they their been would last than may can us we if when yet you your".split()
)

# ---------------------------------------------------------------------------- corpus

_RECORD = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.S)
_TAG = {name: re.compile(rf"<{name}[^>]*>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY", "TEXT")}
_LIST = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TOPICS", "PLACES", "PEOPLE", "ORGS")}
_D = re.compile(r"<D>(.*?)</D>")
_MONTHS = "January February March April May June July August September October November December".split()


def _clean(text: str) -> str:
    text = re.sub(r"&#\d+;", "", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def parse_reuters(folder: Path) -> list[dict]:
    """Every record with some text: title, ISO date, body and the four keyword lists."""
    records = []
    for sgm in sorted(folder.glob("reut2-*.sgm")):
        for raw in _RECORD.findall(sgm.read_text(encoding="latin-1")):
            get = lambda name: (m.group(1) if (m := _TAG[name].search(raw)) else "")  # noqa: E731
            title, body = _clean(get("TITLE")), _clean(get("BODY"))
            if not body and not title:
                body = _clean(get("TEXT"))  # TYPE="UNPROC" records: raw text only
            if not (title or body):
                continue
            d, mon, y = get("DATE").strip().split()[0].split("-")
            month = [m[:3].upper() for m in _MONTHS].index(mon.upper()) + 1
            rec = {"title": title, "body": body, "year": y, "date": f"{y}-{month:02d}-{int(d):02d}"}
            for name, pattern in _LIST.items():
                m = pattern.search(raw)
                rec[name.lower()] = _D.findall(m.group(1)) if m else []
            records.append(rec)
    return records


def write_corpus(records: list[dict], dest: Path, copies: int = 1) -> dict[str, dict]:
    """One file per article (and per copy, with distinct ids); returns id -> keyword fields."""
    manifest: dict[str, dict] = {}
    for copy in range(copies):
        for i, rec in enumerate(records):
            rel = f"c{copy:02d}/{i // 1000:03d}/r{i:05d}.txt"
            path = dest / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            y, m, d = rec["date"].split("-")
            dateline = f"{_MONTHS[int(m) - 1]} {int(d)}, {y}"
            path.write_text(f"{rec['title']}\n{dateline}\n\n{rec['body']}\n", encoding="utf-8")
            manifest[rel] = {k: rec[k] for k in ("topics", "places", "people", "orgs", "year")}
    return manifest


def make_queries(records: list[dict], n_title: int, n_term: int, n_phrase: int, seed: int = 6) -> list[str]:
    """Fixed-seed queries: 2-3 title words, frequent single body terms, two-word body phrases."""
    rng = random.Random(seed)
    words = lambda text: [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _STOP]  # noqa: E731
    titled = [r for r in records if len(words(r["title"])) >= 2]
    queries = []
    for _ in range(n_title):
        ws = list(dict.fromkeys(words(rng.choice(titled)["title"])))
        queries.append(" ".join(rng.sample(ws, min(len(ws), rng.choice((2, 3))))))
    freq = Counter(w for r in records[:: max(1, len(records) // 5000)] for w in set(words(r["body"])))
    common = [w for w, _ in freq.most_common(300)]
    queries += rng.sample(common, n_term)
    bodies = [r["body"] for r in records if len(r["body"]) > 200]
    while len(queries) < n_title + n_term + n_phrase:
        toks = re.findall(r"[A-Za-z]+", rng.choice(bodies))
        i = rng.randrange(len(toks) - 1)
        a, b = toks[i].lower(), toks[i + 1].lower()
        if len(a) > 2 and len(b) > 2 and a not in _STOP and b not in _STOP:
            queries.append(f'"{a} {b}"')
    return queries


# ---------------------------------------------------------------------------- workers (subprocesses)


def _rss_mb() -> float:
    """Peak resident memory of this process plus its largest child (the parent then takes the
    higher of this and its sampled sum over the process tree, see :class:`_TreeRss`)."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


class _TreeRss:
    """Samples, from the bench's own process, the summed RSS of a worker process and all its
    descendants every 200 ms (Linux /proc; pages a forked process shares with its parent are
    counted twice, so this errs high). It runs here, not in the worker: a worker with a
    second thread would build in one process (ipsearch forks only single-threaded callers).
    Every 50 ms it took 3.4% of a CPU, which a build using every CPU paid for."""

    def __init__(self, root: int) -> None:
        import threading

        self.root, self.peak_mb, self.done = root, 0.0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        if Path("/proc/self/stat").exists():
            self.thread.start()

    def stop(self) -> float:
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()
        return self.peak_mb

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self.done.is_set():
            parents: dict[int, int] = {}
            rss: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    parents[int(entry)] = int(fields[1])
                    rss[int(entry)] = int(fields[21]) * page
            tree, grew = {self.root}, True
            while grew:
                more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
                tree |= more
                grew = bool(more)
            self.peak_mb = max(self.peak_mb, sum(rss.get(pid, 0) for pid in tree) / 1048576)
            time.sleep(0.2)


def _cpu_s() -> float:
    """CPU seconds of this process and its children: what the build cost, whatever else ran."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.txt"))


def worker_build_ipsearch(corpus: str, index: str) -> dict:
    t0 = time.perf_counter()
    from ipsearch import build_index

    report = build_index(corpus, index)
    return {"seconds": time.perf_counter() - t0, "docs": report.documents, "added": len(report.added),
            "updated": len(report.updated), "unchanged": len(report.unchanged), "rss_mb": _rss_mb(), "cpu": _cpu_s()}


def stock_schema():  # type: ignore[no-untyped-def]
    from whoosh import fields
    from whoosh.analysis import StemmingAnalyzer

    kw = lambda: fields.KEYWORD(stored=True, sortable=True, commas=False, lowercase=True)  # noqa: E731
    return fields.Schema(
        id=fields.ID(stored=True, unique=True), title=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        body=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        places=kw(), people=kw(), orgs=kw(), topics=kw(), year=kw(),
    )


def worker_build_stock(corpus: str, index: str, manifest: str) -> dict:
    t0 = time.perf_counter()
    from whoosh.filedb.filestore import FileStorage

    meta = json.loads(Path(manifest).read_text())
    Path(index).mkdir(parents=True, exist_ok=True)
    ix = FileStorage(index).create_index(stock_schema())
    writer = ix.writer(limitmb=STOCK_LIMIT_MB)
    root = Path(corpus)
    n = 0
    for path in _files(root):
        rel = path.relative_to(root).as_posix()
        title, _, rest = path.read_text(encoding="utf-8").partition("\n")
        m = meta[rel]
        writer.add_document(id=rel, title=title, body=rest, places=" ".join(m["places"]),
                            people=" ".join(m["people"]), orgs=" ".join(m["orgs"]),
                            topics=" ".join(m["topics"]), year=m["year"])
        n += 1
    writer.commit()
    return {"seconds": time.perf_counter() - t0, "docs": n, "rss_mb": _rss_mb(), "cpu": _cpu_s()}


def _percentiles(ms: list[float], cpu_ms: list[float] | None = None) -> dict:
    """Wall-clock p50/p95/p99, and the CPU-time p95 (what a busy machine does not inflate)."""
    q = statistics.quantiles(ms, n=100, method="inclusive")
    out = {"p50": statistics.median(ms), "p95": q[94], "p99": q[98], "n": len(ms)}
    if cpu_ms:
        out["cpu_p95"] = statistics.quantiles(cpu_ms, n=100, method="inclusive")[94]
    return out


def worker_query_ipsearch(index: str, queries_file: str, facets: bool) -> dict:
    from ipsearch import QueryError, open_index

    queries = json.loads(Path(queries_file).read_text())
    names = list(IPSEARCH_FACETS) if facets else []
    times, cpu, totals = [], [], 0
    with open_index(index) as ix:
        ix.search(queries[0], facets=names)  # warm: column caches, stems
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            try:
                res = ix.search(q, facets=names, limit=10)
                totals += res.total
            except QueryError:
                pass
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    return {**_percentiles(times, cpu), "total_hits": totals}


def worker_query_stock(index: str, queries_file: str, facets: bool) -> dict:
    from whoosh import sorting
    from whoosh.filedb.filestore import FileStorage
    from whoosh.qparser import MultifieldParser, OrGroup

    queries = json.loads(Path(queries_file).read_text())
    ix = FileStorage(index).open_index()
    times, cpu, totals = [], [], 0
    with ix.searcher() as s:
        parser = MultifieldParser(["title", "body"], ix.schema, group=OrGroup)
        groups = [sorting.FieldFacet(name, allow_overlap=True) for name in STOCK_FACETS] if facets else None

        def run(q: str) -> int:
            r = s.search(parser.parse(q), limit=10, groupedby=groups)
            [hit["title"] for hit in r]
            if groups:
                for name in STOCK_FACETS:
                    r.groups(name)
            return len(r)

        run(queries[0])
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            totals += run(q)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    return {**_percentiles(times, cpu), "total_hits": totals}


def worker_build_tantivy(corpus: str, index: str) -> dict:
    t0 = time.perf_counter()
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("body", stored=True, tokenizer_name="en_stem")
    Path(index).mkdir(parents=True, exist_ok=True)
    ix = tantivy.Index(sb.build(), path=index)
    writer = ix.writer(heap_size=256_000_000, num_threads=1)
    root, n = Path(corpus), 0
    for path in _files(root):
        title, _, rest = path.read_text(encoding="utf-8").partition("\n")
        writer.add_document(tantivy.Document(id=path.relative_to(root).as_posix(), title=title, body=rest))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return {"seconds": time.perf_counter() - t0, "docs": n, "rss_mb": _rss_mb(), "cpu": _cpu_s()}


def worker_query_tantivy(index: str, queries_file: str, facets: bool) -> dict:
    import tantivy

    queries = json.loads(Path(queries_file).read_text())
    ix = tantivy.Index.open(index)
    ix.reload()
    s = ix.searcher()
    times = []
    for q in queries:
        t = time.perf_counter()
        try:
            res = s.search(ix.parse_query(q, ["title", "body"]), 10)
            [s.doc(addr)["title"] for _score, addr in res.hits]
        except ValueError:
            pass
        times.append((time.perf_counter() - t) * 1000)
    return _percentiles(times)


def worker_build_fts5(corpus: str, index: str) -> dict:
    import sqlite3

    t0 = time.perf_counter()
    Path(index).mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(Path(index) / "fts.db")
    db.execute("create virtual table docs using fts5(id unindexed, title, body, tokenize='porter')")
    root, n = Path(corpus), 0
    rows = []
    for path in _files(root):
        title, _, rest = path.read_text(encoding="utf-8").partition("\n")
        rows.append((path.relative_to(root).as_posix(), title, rest))
        n += 1
    db.executemany("insert into docs values (?, ?, ?)", rows)
    db.commit()
    db.close()
    return {"seconds": time.perf_counter() - t0, "docs": n, "rss_mb": _rss_mb(), "cpu": _cpu_s()}


def worker_query_fts5(index: str, queries_file: str, facets: bool) -> dict:
    import sqlite3

    queries = json.loads(Path(queries_file).read_text())
    db = sqlite3.connect(Path(index) / "fts.db")
    times = []
    for q in queries:
        match = q if q.startswith('"') else " OR ".join(q.split())
        t = time.perf_counter()
        db.execute("select title from docs where docs match ? order by bm25(docs, 3.0, 1.0) limit 10", (match,)).fetchall()
        times.append((time.perf_counter() - t) * 1000)
    return _percentiles(times)


WORKERS = {name[len("worker_"):]: fn for name, fn in globals().items() if name.startswith("worker_")}

STOCK_CLI = """\
import sys
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import MultifieldParser, OrGroup
ix = FileStorage(sys.argv[1]).open_index()
with ix.searcher() as s:
    q = MultifieldParser(["title", "body"], ix.schema, group=OrGroup).parse(sys.argv[2])
    for hit in s.search(q, limit=10):
        print(hit["title"])
"""


# ---------------------------------------------------------------------------- driver


def run_worker(name: str, *args: object) -> dict:
    """Run one worker in a fresh interpreter; its JSON answer is the last stdout line."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, *map(str, args)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) as proc:
        tree = _TreeRss(proc.pid)
        stdout, stderr = proc.communicate()
        tree_mb = tree.stop()
    if proc.returncode != 0:
        raise SystemExit(f"worker {name} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    if "rss_mb" in result:  # with worker processes, the tree's sum is what the machine must have
        result["rss_mb"] = max(result["rss_mb"], tree_mb)
    return result


def cold_runs(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (ms) of a new process to its exit, after one untimed warm-up.

    Bytecode caching is on, as on a normal install (some sandboxes set PYTHONDONTWRITEBYTECODE,
    which would make every run recompile ipsearch's editable sources but not Whoosh's).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    times, cpu = [], []
    for _ in range(runs):
        before, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        times.append((time.perf_counter() - t) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(times), statistics.median(cpu)


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1048576


def touch_fraction(corpus: Path, fraction: float, seed: int = 7) -> int:
    """Append a line to a fixed-seed sample of files (content and mtime change)."""
    files = _files(corpus)
    picked = random.Random(seed).sample(files, max(1, int(len(files) * fraction)))
    for path in picked:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("Revised: figures confirmed by the exchange.\n")
    return len(picked)


def extras_available() -> list[str]:
    found = []
    try:
        import tantivy  # noqa: F401

        found.append("tantivy")
    except ImportError:
        print("(tantivy-py not installed: no tantivy column; `pip install tantivy` to add it)", file=sys.stderr)
    import sqlite3

    try:
        sqlite3.connect(":memory:").execute("create virtual table t using fts5(a)")
        found.append("fts5")
    except sqlite3.OperationalError:
        print("(this sqlite3 has no FTS5: no fts5 column)", file=sys.stderr)
    return found


def measure(records: list[dict], work: Path, queries: list[str], copies: int, cold: int,
            extras: list[str], rerun: bool, log) -> dict:  # type: ignore[no-untyped-def]
    corpus = work / f"corpus{copies}"
    t = time.perf_counter()
    manifest = write_corpus(records, corpus, copies)
    (work / "manifest.json").write_text(json.dumps(manifest))
    (work / "queries.json").write_text(json.dumps(queries))
    log(f"wrote {len(manifest):,} files ({dir_mb(corpus):.1f} MB) in {time.perf_counter() - t:.1f} s")
    out: dict = {"docs": len(manifest), "queries": len(queries)}
    systems = ["stock", "ipsearch", *extras]
    for name in systems:
        index = work / f"{name}-index{copies}"
        shutil.rmtree(index, ignore_errors=True)
        args = (corpus, index, work / "manifest.json") if name == "stock" else (corpus, index)
        b = run_worker(f"build_{name}", *args)
        b["mb"] = dir_mb(index)
        log(f"{name}: built {b['docs']:,} docs in {b['seconds']:.1f} s, {b['mb']:.1f} MB, peak RSS {b['rss_mb']:.0f} MB")
        out[name] = {"build": b}
    if rerun:
        index = work / f"ipsearch-index{copies}"
        out["ipsearch"]["rerun"] = run_worker("build_ipsearch", corpus, index)
        n = touch_fraction(corpus, 0.01)
        out["ipsearch"]["rerun1pct"] = run_worker("build_ipsearch", corpus, index)
        log(f"ipsearch: re-run {out['ipsearch']['rerun']['seconds']:.2f} s; with {n} files changed "
            f"{out['ipsearch']['rerun1pct']['seconds']:.2f} s ({out['ipsearch']['rerun1pct']['updated']} updated)")
    for name in systems:
        index = work / f"{name}-index{copies}"
        out[name]["query"] = run_worker(f"query_{name}", index, work / "queries.json", False)
        if name in ("stock", "ipsearch"):
            out[name]["facet"] = run_worker(f"query_{name}", index, work / "queries.json", True)
        log(f"{name}: query p95 {out[name]['query']['p95']:.1f} ms"
            + (f", faceted p95 {out[name]['facet']['p95']:.1f} ms" if "facet" in out[name] else ""))
    if cold:
        q = queries[0]
        script = work / "stock_search.py"
        script.write_text(STOCK_CLI)
        exe = Path(sys.executable).parent / "ipsearch"
        ips = [str(exe), "search", q, "--index-dir", str(work / f"ipsearch-index{copies}")] if exe.exists() \
            else [sys.executable, "-m", "ipsearch", "search", q, "--index-dir", str(work / f"ipsearch-index{copies}")]
        out["ipsearch"]["cold_ms"], out["ipsearch"]["cold_cpu_ms"] = cold_runs(ips, cold)
        out["stock"]["cold_ms"], out["stock"]["cold_cpu_ms"] = cold_runs(
            [sys.executable, str(script), str(work / f"stock-index{copies}"), q], cold)
        log(f"cold: ipsearch {out['ipsearch']['cold_ms']:.0f} ms, stock script {out['stock']['cold_ms']:.0f} ms")
    return out


def table(r: dict, extras: list[str], scale: dict | None) -> str:
    s, i = r["stock"], r["ipsearch"]
    rows: list[tuple[str, str, str, str, str]] = []
    ratio = lambda a, b: f"{a / b:.2f}x" if b else "-"  # noqa: E731

    def row(label: str, a: float | None, b: float | None, unit: str, target: str = "", fmt: str = "{:.1f}") -> None:
        rows.append((label, fmt.format(a) + unit if a is not None else "-", fmt.format(b) + unit if b is not None else "-",
                     ratio(b, a) if a is not None and b is not None else "-", target))

    sb, ib = s["build"], i["build"]
    row("full build", sb["seconds"], ib["seconds"], " s", "<= 0.75x")
    row("  docs/s", sb["docs"] / sb["seconds"], ib["docs"] / ib["seconds"], "", "", "{:.0f}")
    row("  index size", sb["mb"], ib["mb"], " MB")
    row("  CPU (all processes)", sb["cpu"], ib["cpu"], " s")
    row("  peak RSS", sb["rss_mb"], ib["rss_mb"], " MB", "", "{:.0f}")
    if "rerun" in i:
        rows.append(("re-run, nothing changed", "-", f"{i['rerun']['seconds']:.2f} s",
                     f"{i['rerun']['seconds'] / ib['seconds']:.3f}x build", "<= 0.10x build"))
        rows.append(("re-run, 1% changed", "-", f"{i['rerun1pct']['seconds']:.2f} s",
                     f"{i['rerun1pct']['seconds'] / ib['seconds']:.3f}x build", ""))
    for key, label, target in (("query", "query", "p95 <= 1.00x"), ("facet", "query + 2 facets", "p95 <= 0.30x, <= 25 ms")):
        for p in ("p50", "p95", "p99"):
            row(f"{label} {p}", s[key][p], i[key][p], " ms", target if p == "p95" else "", "{:.2f}")
        if "cpu_p95" in i[key]:
            row(f"  {label} p95, CPU time", s[key]["cpu_p95"], i[key]["cpu_p95"], " ms", "", "{:.2f}")
    if "cold_ms" in i:
        row("cold `search` process", s["cold_ms"], i["cold_ms"], " ms", "<= 1.5x", "{:.0f}")
        row("  cold, CPU time", s["cold_cpu_ms"], i["cold_cpu_ms"], " ms", "", "{:.0f}")
    if scale:
        ss, si = scale["stock"], scale["ipsearch"]
        n = scale["docs"]
        row(f"10x build ({n:,} docs)", ss["build"]["seconds"], si["build"]["seconds"], " s")
        row("  10x docs/s", ss["build"]["docs"] / ss["build"]["seconds"], si["build"]["docs"] / si["build"]["seconds"], "", "", "{:.0f}")
        tput = (si["build"]["docs"] / si["build"]["seconds"]) / (ib["docs"] / ib["seconds"])
        rows.append(("  10x / 1x throughput", "", "", f"{tput:.2f}", ">= 0.80"))
        row("  10x CPU (all processes)", ss["build"]["cpu"], si["build"]["cpu"], " s")
        row("  10x index size", ss["build"]["mb"], si["build"]["mb"], " MB")
        row("  10x peak RSS", ss["build"]["rss_mb"], si["build"]["rss_mb"], " MB", "< 2048 MB", "{:.0f}")
        row("  10x query p95", ss["query"]["p95"], si["query"]["p95"], " ms", "", "{:.2f}")
        row("  10x faceted p95", ss["facet"]["p95"], si["facet"]["p95"], " ms", "", "{:.2f}")
    head = ("measure", "stock Whoosh", "ipsearch", "ipsearch/stock", "target")
    widths = [max(len(x[c]) for x in [head, *rows]) for c in range(5)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)]
    for name in extras:
        e = r[name]
        out.append(f"{name}: build {e['build']['seconds']:.1f} s ({e['build']['mb']:.1f} MB, RSS {e['build']['rss_mb']:.0f} MB), "
                   f"query p50/p95/p99 {e['query']['p50']:.2f}/{e['query']['p95']:.2f}/{e['query']['p99']:.2f} ms")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="3,000 articles, 100 queries, 3 cold runs (~15 s)")
    ap.add_argument("--scale", action="store_true", help="also build and query a 10x replica (~216k docs)")
    ap.add_argument("--no-extras", action="store_true", help="skip tantivy / FTS5 even when installed")
    ap.add_argument("--work", type=Path, help="keep files here instead of a temporary folder")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        name, *rest = args.worker
        fn = WORKERS[name]
        if name.startswith("query_"):
            rest[-1] = rest[-1] == "True"
        print(json.dumps(fn(*rest)))
        return
    if not REUTERS.is_dir():
        print(f"skipped: {REUTERS} not found (the shared data folder must sit beside the repo)")
        return
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    started, load0 = time.perf_counter(), os.getloadavg()[0]
    records = parse_reuters(REUTERS)
    if args.quick:
        records = records[:3000]
    n = (50, 30, 20) if args.quick else (150, 100, 50)
    queries = make_queries(records, *n)
    extras = [] if args.no_extras else extras_available()
    work = args.work or Path(tempfile.mkdtemp(prefix="ipsearch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        log(f"{len(records):,} Reuters articles, {len(queries)} queries; work folder {work}")
        result = measure(records, work, queries, 1, 3 if args.quick else 5, extras, True, log)
        scale = None
        if args.scale:
            scale = measure(records, work, queries, 10, 0, [], False, log)
            shutil.rmtree(work / "corpus10", ignore_errors=True)
        from ipsearch.indexer import default_workers

        print(f"\nReuters-21578: {result['docs']:,} files, {result['queries']} queries "
              f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus, ipsearch workers {default_workers()}, load average at start {load0:.1f}, "
              f"at end {os.getloadavg()[0]:.1f})\n")
        print(table(result, extras, scale))
        print(f"\n(total bench time {time.perf_counter() - started:.0f} s)")
        if args.json:
            args.json.write_text(json.dumps({"1x": result, "10x": scale}, indent=1))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
