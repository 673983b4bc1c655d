"""Is ``similar`` about the article's topic? Reuters-21578's topic labels as the judge (issue #13, item 10).

Writes the Reuters articles of the first ``--files`` SGML files that have a body and a TOPICS label (so every
article ``similar`` can return is judged) as text files the way a
news page reads (headline, blank line, then the dateline and the body, "NEW YORK, March 3 - ..." and the
closing "Reuter" included), indexes them with ipsearch, and for ``--sample`` of them asks
``SearchIndex.similar(id, limit=5)``. It prints

* topic share: the share of the top 5 that share a TOPICS label with the article (the figure to raise);
* chance: the same share for 5 articles drawn at random from the labelled ones (what no signal gives);
* dateline share: the share of the top 5 written from the article's dateline place (what a ranking led
  by the dateline would raise; Reuters files most stories from a few cities);
* time per ``similar`` call (wall and CPU, ms; the machine is shared, CPU is the steadier figure).

    .venv/bin/python bench/similar.py                       # 4 files (~2,000 articles), 300 samples
    .venv/bin/python bench/similar.py --workdir /tmp/sim    # keep the corpus and index for re-runs

Skips with a message when the shared data folder is absent.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ipsearch  # noqa: E402

REUTERS = ROOT.parent / "shared" / "data" / "reuters21578"

_RECORD = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.S)
_TAG = {name: re.compile(rf"<{name}[^>]*>(.*?)</{name}>", re.S) for name in ("TITLE", "DATELINE", "BODY", "TOPICS")}
_D = re.compile(r"<D>(.*?)</D>")


def _clean(text: str) -> str:
    text = re.sub(r"&#\d+;", "", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def read_articles(folder: Path, files: int) -> list[dict]:
    """Articles with a headline and a body: title, dateline, body, topics, and the dateline's place."""
    articles = []
    for sgm in sorted(folder.glob("reut2-*.sgm"))[:files]:
        for raw in _RECORD.findall(sgm.read_text(encoding="latin-1")):
            get = lambda name: (m.group(1) if (m := _TAG[name].search(raw)) else "")  # noqa: E731
            title, dateline, body = _clean(get("TITLE")), _clean(get("DATELINE")), _clean(get("BODY"))
            if not title or not body or "<D>" not in get("TOPICS"):
                continue
            place = dateline.split(",")[0].strip().upper()
            articles.append({"title": title, "dateline": dateline, "body": body, "place": place,
                             "topics": set(_D.findall(get("TOPICS")))})
    return articles


def write_corpus(articles: list[dict], dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(articles):
        path = dest / f"r{i:05d}.txt"
        if not path.exists():
            path.write_text(f"{a['title']}\n\n{a['dateline']} {a['body']}\n", encoding="utf-8")


def measure(index: object, articles: list[dict], sample: list[int], k: int) -> dict[str, float]:
    topic = place = n = 0
    wall: list[float] = []
    cpu: list[float] = []
    for i in sample:
        t0, c0 = time.perf_counter(), time.process_time()
        hits = index.similar(f"r{i:05d}.txt", limit=k).hits  # type: ignore[attr-defined]
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        for hit in hits:
            other = articles[int(hit.id[1:6])]
            n += 1
            topic += bool(other["topics"] & articles[i]["topics"])
            place += other["place"] == articles[i]["place"]
    wall.sort()
    cpu.sort()
    return {
        "topic": topic / max(n, 1), "place": place / max(n, 1), "hits": n,
        "wall_median": wall[len(wall) // 2], "wall_p95": wall[int(len(wall) * 0.95)],
        "cpu_median": cpu[len(cpu) // 2], "cpu_p95": cpu[int(len(cpu) * 0.95)],
    }


def chance(articles: list[dict], sample: list[int], k: int, rng: random.Random) -> tuple[float, float]:
    """Topic and dateline share of ``k`` articles drawn at random."""
    topic = place = n = 0
    for i in sample:
        for j in rng.sample([j for j in range(len(articles)) if j != i], k):
            n += 1
            topic += bool(articles[j]["topics"] & articles[i]["topics"])
            place += articles[j]["place"] == articles[i]["place"]
    return topic / n, place / n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=4, help="how many reut2-*.sgm files to read (about 500 labelled articles each)")
    ap.add_argument("--sample", type=int, default=300, help="how many labelled articles to ask similar() for")
    ap.add_argument("--k", type=int, default=5, help="how many similar articles to judge")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--workdir", type=Path, help="keep the corpus and index here (reused when present)")
    args = ap.parse_args(argv)
    if not REUTERS.is_dir():
        print(f"skipped: no Reuters data at {REUTERS}", file=sys.stderr)
        return 0
    articles = read_articles(REUTERS, args.files)
    rng = random.Random(args.seed)
    sample = sorted(rng.sample(range(len(articles)), min(args.sample, len(articles))))
    with tempfile.TemporaryDirectory(prefix="ipsearch-similar-") as tmp:
        work = args.workdir or Path(tmp)
        corpus, index_dir = work / "corpus", work / "index"
        write_corpus(articles, corpus)
        t0 = time.perf_counter()
        ipsearch.build_index(corpus, index_dir)
        build_s = time.perf_counter() - t0
        with ipsearch.open_index(index_dir) as index:
            index.similar(f"r{sample[0]:05d}.txt", limit=args.k)  # first call: opening readers, not similar
            got = measure(index, articles, sample, args.k)
    base, base_place = chance(articles, sample, args.k, rng)
    print(f"Reuters: {len(articles)} articles with a topic, {len(sample)} sampled, top {args.k}"
          f" (index build or update {build_s:.1f} s)")
    print(f"  topic share     {got['topic']:.3f}   (chance {base:.3f}; {got['hits']} hits)")
    print(f"  dateline share  {got['place']:.3f}   (chance {base_place:.3f})")
    print(f"  similar() ms    wall median {got['wall_median']:.1f} p95 {got['wall_p95']:.1f}   "
          f"CPU median {got['cpu_median']:.1f} p95 {got['cpu_p95']:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
