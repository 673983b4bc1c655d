"""Latency of ``ipsearch serve`` on Reuters-21578: the page with three facets, and /api/search.

    python bench/web.py                       # full Reuters: build (~3-5 min), then ~1 min of load
    python bench/web.py --docs 3000           # a smaller index
    python bench/web.py --index DIR           # reuse an index built before (--keep prints where)

The index is built with the library into a temporary folder (as bench/speed.py writes
Reuters: one text file per article). ``ipsearch serve`` then runs in its own process on
loopback, and this process is the load: 1 client, then 10 concurrent clients, each a
thread with its own keep-alive connection, sending fixed-seed queries (bench/speed.py's)
as ``/?q=...&facet=countries&facet=organizations&facet=year`` and as the same options
on ``/api/search``. Each level is bounded in requests and in seconds. Latency is the
client's wall time for the whole response. Target: page p95 <= 50 ms at 1 client, no
errors at 10. Timings only: nothing here asserts; correctness lives in tests/.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402  (Reuters parsing, corpus writing and queries, shared with bench/speed.py)

FACETS = ("countries", "organizations", "year")
PAGE_TARGET_MS = 50.0


def build(docs: int | None, work: Path) -> Path:
    import ipsearch

    records = speed.parse_reuters(speed.REUTERS)[: docs or None]
    corpus, index = work / "corpus", work / "index"
    speed.write_corpus(records, corpus)
    started = time.perf_counter()
    ipsearch.build_index(corpus, index)
    print(f"built {len(records):,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return index


def start_server(index: Path) -> tuple[subprocess.Popen[str], str]:
    cmd = [sys.executable, "-m", "ipsearch", "serve", "--index-dir", str(index), "--port", "0"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    if " at http://" not in line:
        proc.kill()
        raise SystemExit(f"the server did not start: {line.strip()}")
    threading.Thread(target=lambda: proc.stderr.read() if proc.stderr else None, daemon=True).start()  # drain the log
    return proc, line.rsplit(" at ", 1)[1].strip()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux), to show the server's work per
    request apart from time spent waiting for a CPU on a busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def url_for(kind: str, query: str) -> str:
    params = urlencode([("q", query), *(("facet", f) for f in FACETS)])
    return f"/?{params}" if kind == "page" else f"/api/search?{params}"


def load(base: str, paths: list[str], clients: int, max_requests: int, max_seconds: float) -> dict:
    """``clients`` threads send ``paths`` in turn until ``max_requests`` or ``max_seconds``."""
    host = urlparse(base)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    next_index = [0]
    deadline = time.monotonic() + max_seconds

    def client(_: int) -> None:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= max_requests:
                break
            started = time.perf_counter()
            try:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status, conn = -1, http.client.HTTPConnection(host.hostname, host.port, timeout=30)
                with lock:
                    errors.append(repr(exc))
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                elif status != -1:
                    errors.append(f"HTTP {status} for {paths[i % len(paths)]}")
        conn.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")

    return {"clients": clients, "requests": len(latencies) + len(errors), "errors": len(errors),
            "first_error": errors[0] if errors else "", "p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99),
            "mean": statistics.fmean(ordered) if ordered else float("nan"), "per_s": len(latencies) / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=None, help="first N Reuters articles (default: all)")
    parser.add_argument("--index", type=Path, help="an index built before (skips the build)")
    parser.add_argument("--keep", action="store_true", help="keep the built index and print where")
    parser.add_argument("--requests", type=int, default=300, help="requests per kind and level [300]")
    parser.add_argument("--seconds", type=float, default=30.0, help="time bound per kind and level [30]")
    args = parser.parse_args()

    records = speed.parse_reuters(speed.REUTERS)
    queries = speed.make_queries(records[: args.docs or None], 40, 40, 20)
    work: Path | None = None
    if args.index:
        index = args.index
    else:
        work = Path(tempfile.mkdtemp(prefix="ipsearch-web-bench-"))
        index = build(args.docs, work)
    proc, base = start_server(index)
    try:
        for path in [url_for("page", q) for q in queries[:10]] + [url_for("api", q) for q in queries[:10]]:
            load(base, [path], 1, 1, 30)  # warm: columns and caches read once
        rows = []
        for kind in ("page", "api"):
            paths = [url_for(kind, q) for q in queries]
            for clients in (1, 10):
                before = cpu_seconds(proc.pid)
                row = load(base, paths, clients, args.requests, args.seconds)
                after = cpu_seconds(proc.pid)
                row["cpu_ms"] = (after - before) * 1000 / max(1, row["requests"]) if before is not None \
                    and after is not None else float("nan")
                rows.append((kind, row))
        import ipsearch

        with ipsearch.open_index(index) as ix:  # the library alone, in this process: the floor under both
            ix.search(queries[0], facets=FACETS)
            times = []
            for q in queries:
                started = time.perf_counter()
                ix.search(q, facets=FACETS)
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        library = (times[len(times) // 2], times[min(len(times) - 1, int(0.95 * len(times)))])
    finally:
        proc.terminate()
        proc.wait(10)
        if work is not None and args.keep:
            print(f"index kept at {index}", file=sys.stderr)
        elif work is not None:
            shutil.rmtree(work, ignore_errors=True)

    docs = f"{args.docs:,}" if args.docs else "all"
    print(f"ipsearch serve on Reuters-21578 ({docs} articles), facets {', '.join(FACETS)}; "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load average {os.getloadavg()[0]:.1f}")
    print()
    print("| what          | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s | server CPU ms/req |")
    print("|---------------|---------|----------|--------|--------|--------|--------|-------|-------------------|")
    for kind, r in rows:
        name = "page (/)" if kind == "page" else "/api/search"
        print(f"| {name:<13} | {r['clients']:>7} | {r['requests']:>8} | {r['errors']:>6} | {r['p50']:>6.1f} "
              f"| {r['p95']:>6.1f} | {r['p99']:>6.1f} | {r['per_s']:>5.1f} | {r['cpu_ms']:>17.1f} |")
    print(f"\nthe library alone (SearchIndex.search, same queries and facets, in-process): "
          f"p50 {library[0]:.1f} ms, p95 {library[1]:.1f} ms")
    page_1 = rows[0][1]
    verdict = "met" if page_1["p95"] <= PAGE_TARGET_MS else "NOT met"
    print(f"\ntarget page p95 <= {PAGE_TARGET_MS:.0f} ms at 1 client: {verdict}; "
          f"errors at 10 clients: {sum(r['errors'] for _, r in rows if r['clients'] == 10)}")
    for _, r in rows:
        if r["first_error"]:
            print(f"first error: {r['first_error']}")


if __name__ == "__main__":
    main()
