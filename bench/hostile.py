"""How long do hostile texts take to index, per MB?

Metadata extraction runs dozens of regexes and lexicon lookups; a rule that compares
every match with every other one is invisible on news articles and takes minutes on
one large file full of names (a 1 MB soup of titles and names took 350 s before the
headline check and the known-name overlap test were bounded). This script writes
random soups of the words each rule looks for (titles, personal names, office names,
places, dates, sources, punctuation, Chinese) at two sizes and prints extraction and
analysis CPU time per MB for each: the figure should stay flat as the size grows.

Run: ``python bench/hostile.py [--size 800000] [--seed 3]`` (the size in characters of
the smaller text; the larger is 4x).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ipsearch.analysis import index_positions  # noqa: E402
from ipsearch.corpus import SourceFile, read_source  # noqa: E402
from ipsearch.lexicon import default_lexicon  # noqa: E402
from ipsearch.extract import extract  # noqa: E402
from ipsearch.schema import TEXT_FIELDS, to_fields  # noqa: E402

WORDS = {
    "titles": "Mr. Dr. Ms. Mrs. Prof. Commissioner Director Director-General Minister President Vice Deputy Chairman H.E.",
    "names": "Shen Changyu Park Won-joo Daren Tang Li Wang Grigoriy Ivliev Sholpan Abdreyeva O'Neil McDonald Jean-Luc",
    "offices": "Ministry of Justice the Office Administration National Intellectual Property Patent Trademark Institute "
               "Agency Department Committee Korean Japan State Council Bureau Federal Service for and Rospatent KIPO "
               "CNIPA WIPO EUIPO",
    "places": "Kazakhstan Georgia Jordan China Beijing Geneva Nur-Sultan Astana Kobe Japan Russia Vladivostok Mongolia "
              "Korea U.S. UK New York Hong Kong",
    "dates": "On July 24, 2023, 2019-12-03 May 5 Monday (Xinhua) -- Dec. 3rd 1987 March of in at the afternoon",
    "sources": "Source: Beijing Xinhua Reporter: By Editor: Translated from Chinese Source CNIPA",
    "punctuation": ": ; , . - — ( ) \" ' / & … ! ?",
    "chinese": "举行 签署 局长 会见 中国 哈萨克斯坦 知识产权局 申长雨 备忘录 ： ， 。 （ ） 会议 在 与 和 日 月 2019年 记者",
}


def soups() -> dict[str, list[str]]:
    vocab = {name: words.split() for name, words in WORDS.items()}
    out = dict(vocab)
    out["titles+names"] = vocab["titles"] + vocab["names"]
    out["offices+places"] = vocab["offices"] + vocab["places"]
    out["everything"] = [w for words in vocab.values() for w in words]
    return out


def text_of(words: list[str], chars: int, rng: random.Random, line_words: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(words)
        out.append(word)
        size += len(word) + 1
        if line_words and len(out) % line_words == 0:
            out.append("\n")
    return "A headline of a hostile file\n\n" + " ".join(out)


def cpu_seconds(path: Path) -> tuple[float, float]:
    """CPU time of extraction, and of extraction plus the writer's analysis."""
    stat = path.stat()
    source = read_source(SourceFile(path.name, path, stat.st_size, stat.st_mtime_ns), 64 << 20)
    start = time.process_time()
    doc = extract(source, default_lexicon())
    extracted = time.process_time() - start
    fields = to_fields(doc)
    for name in TEXT_FIELDS:
        index_positions(fields[name])
    return extracted, time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=800_000, help="characters of the smaller text")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    default_lexicon().scan("Warm-up: Kazakhstan")
    print(f"{'soup':16s} {'lines':>6s} | {'MB':>5s} {'extract s/MB':>12s} {'+analysis':>10s} | "
          f"{'MB':>5s} {'extract s/MB':>12s} {'+analysis':>10s}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, words in soups().items():
            for line_words in (0, 40):
                row = f"{name:16s} {'one' if not line_words else str(line_words) + 'w':>6s}"
                per_mb = []
                for chars in (args.size, 4 * args.size):
                    path = Path(tmp) / f"{name}.txt"
                    path.write_text(text_of(words, chars, random.Random(args.seed), line_words), encoding="utf-8")
                    mb = path.stat().st_size / 1e6
                    extracted, total = cpu_seconds(path)
                    per_mb.append(total / mb)
                    row += f" | {mb:5.2f} {extracted / mb:12.2f} {total / mb:10.2f}"
                worst = max(worst, per_mb[1] / per_mb[0])
                print(row, flush=True)
    print(f"\nworst growth of s/MB from the small to the 4x text: {worst:.2f}x (1.0 = linear)")


if __name__ == "__main__":
    main()
