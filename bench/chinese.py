"""Measurements behind ipsearch's bilingual analysis (issue 4). Prints figures; asserts nothing.

    python bench/chinese.py reuters [--docs 3000] [--runs 5]   # English must not pay for Chinese
    python bench/chinese.py eval                                # targets on the bilingual fixtures
    python bench/chinese.py segment                             # bigrams vs jieba vs single characters
    python bench/chinese.py t2s                                 # Traditional -> Simplified candidates
    python bench/chinese.py decode                              # GB18030 vs Big5 guessing, vs charset-normalizer

``segment``, ``t2s`` and ``decode`` compare against optional packages (jieba, opencc-python-reimplemented,
hanziconv, charset-normalizer) when they are installed; ipsearch itself needs none of them.
Reuters-21578 is read in place from ../shared/data (never copied).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "data" / "reuters21578"
FIXTURES = ROOT / "tests" / "fixtures" / "bilingual"
sys.path.insert(0, str(ROOT))


# ------------------------------------------------------------------ Reuters (English cost)

_RECORD = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def reuters_texts() -> list[str]:
    if not REUTERS.is_dir():
        sys.exit(f"Reuters-21578 not found at {REUTERS}")
    texts = []
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for rec in _RECORD.findall(path.read_text(encoding="latin-1")):
            title = _TITLE.search(rec)
            body = _BODY.search(rec)
            if body:
                texts.append(html.unescape((title.group(1) + "\n\n" if title else "") + body.group(1)))
    return texts


_ANALYZE_ONCE = """
import sys, time
sys.path.insert(0, {bench!r})
from chinese import reuters_texts
texts = reuters_texts()
sys.path.insert(0, {root!r})
from ipsearch.analysis import text_analyzer
ana = text_analyzer()
t0 = time.process_time()
n = 0
for text in texts:
    for _ in ana(text, positions=True, chars=True, mode="index"):
        n += 1
print(time.process_time() - t0, n, len(texts))
"""

_INDEX_ONCE = """
import sys, time
sys.path.insert(0, {root!r})
import ipsearch
t0 = time.process_time()
ipsearch.build_index({corpus!r}, {index!r})
print(time.process_time() - t0)
"""


def _child(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def cmd_reuters(args: argparse.Namespace) -> None:
    """CPU time of the analyzer over all Reuters text and of an index build, in fresh processes.

    With ``--baseline DIR`` (a folder holding another ``ipsearch`` package, e.g. from
    ``git archive main ipsearch | tar -x -C DIR``) runs alternate between the two trees, so
    that load from other processes on the machine hits both alike.
    """
    roots = {"this tree": ROOT}
    if args.baseline:
        roots = {"baseline": Path(args.baseline).resolve(), "this tree": ROOT}
    bench = str(Path(__file__).parent)
    analyze: dict[str, list[float]] = {k: [] for k in roots}
    index: dict[str, list[float]] = {k: [] for k in roots}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        if args.docs:
            for i, text in enumerate(reuters_texts()[: args.docs]):
                (corpus / f"r{i:05d}.txt").write_text(text, encoding="latin-1", errors="replace")
        for _ in range(args.runs):
            for name, root in roots.items():
                out = _child(_ANALYZE_ONCE.format(root=str(root), bench=bench))
                analyze[name].append(float(out[0]))
                tokens, docs = int(out[1]), int(out[2])
                if args.docs:
                    ix = Path(tmp) / "index"
                    shutil.rmtree(ix, ignore_errors=True)
                    index[name].append(float(_child(_INDEX_ONCE.format(root=str(root), corpus=str(corpus), index=str(ix)))[0]))
        print(f"Reuters-21578: {docs} texts with a body, {tokens} tokens; CPU seconds, {args.runs} fresh processes each")
        for name in roots:
            line = f"  {name:10} analyzer median {statistics.median(analyze[name]):6.2f} min {min(analyze[name]):6.2f}"
            if args.docs:
                line += f" | build_index({args.docs} docs) median {statistics.median(index[name]):6.2f} min {min(index[name]):6.2f}"
            print(line)
        if args.baseline:
            a = statistics.median(analyze["this tree"]) / statistics.median(analyze["baseline"])
            print(f"  analyzer: this tree / baseline = {a:.3f}", end="")
            if args.docs:
                b = statistics.median(index["this tree"]) / statistics.median(index["baseline"])
                print(f"; build_index: this tree / baseline = {b:.3f}", end="")
            print()


# ------------------------------------------------------------------ Traditional -> Simplified

T2S_FILE = ROOT / "ipsearch" / "data" / "t2s.txt"
_T2S_SOURCES = ("TSCharacters.txt", "TWVariantsRev.txt", "HKVariantsRev.txt")


def build_t2s_table() -> dict[str, str]:
    """OpenCC's character tables (Apache-2.0, shipped in opencc-python-reimplemented) as one map.

    Regional variants (Taiwan, Hong Kong) go to OpenCC's standard Traditional form first, then
    to Simplified; a character with several Simplified readings takes OpenCC's first. The map is
    applied to index and query alike, so a merge (乾 -> 干) costs precision, never recall.
    """
    import opencc  # opencc-python-reimplemented

    folder = Path(opencc.__file__).parent / "dictionary"
    tables = []
    for name in _T2S_SOURCES:
        table = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                src, dst = line.split("\t")
                if len(src) == 1 and len(dst.split()[0]) == 1:
                    table[src] = dst.split()[0]
        tables.append(table)
    ts, *variants = tables
    merged: dict[str, str] = {}
    for variant in variants:
        for src, dst in variant.items():
            merged[src] = ts.get(dst, dst)
    for src, dst in ts.items():
        merged[src] = dst
    # Close the map under itself (a target that is itself mapped), and drop identities.
    for src in list(merged):
        seen = {src}
        while merged[src] in merged and merged[src] not in seen:
            seen.add(merged[src])
            merged[src] = merged[merged[src]]
    return {k: v for k, v in sorted(merged.items()) if k != v}


def write_t2s_table() -> None:
    table = build_t2s_table()
    header = (
        "# Traditional -> Simplified Chinese, one character to one character: used by\n"
        "# ipsearch.analysis to fold Han text at index and query time.\n"
        "# Generated by `python bench/chinese.py t2s --write` from OpenCC's TSCharacters,\n"
        "# TWVariantsRev and HKVariantsRev tables (OpenCC, https://github.com/BYVoid/OpenCC,\n"
        "# Apache License 2.0, as shipped by the opencc-python-reimplemented package).\n"
        "# Format: each line is a Traditional character followed by its Simplified form.\n"
    )
    T2S_FILE.write_text(header + "".join(f"{k}{v}\n" for k, v in table.items()), encoding="utf-8")
    print(f"wrote {len(table)} pairs to {T2S_FILE.relative_to(ROOT)} ({T2S_FILE.stat().st_size} bytes)")


# ------------------------------------------------------------------ fixture evaluation


def evaluate(index_dir: Path, verbose: bool = True) -> dict[str, float]:
    """Run every judged query of tests/fixtures/bilingual against an index; print and sum up."""
    import ipsearch
    from tests.bilingual import Outcome, queries

    outcomes = []
    with ipsearch.open_index(index_dir) as ix:
        for q in queries():
            try:
                hits = ix.search(q.text, limit=50).hits
            except ipsearch.IpsearchError:
                hits = ()
            outcomes.append(Outcome(q, tuple(h.id for h in hits)))
    if verbose:
        for o in outcomes:
            flag = "ok  " if o.meets_target else "MISS"
            extra = f" missing {list(o.missing)}" if o.missing else ""
            print(f"  {flag} {o.query.kind:5} {o.query.id:28} {o.query.script:4} {o.query.text!r:24} "
                  f"AP {o.average_precision:.2f} P@R {o.precision_at_r:.2f}{extra}")
    summary: dict[str, float] = {}
    for kind in ("zh", "cross", "en"):
        group = [o for o in outcomes if o.query.kind == kind]
        if group:
            summary[f"{kind} target met"] = sum(o.meets_target for o in group) / len(group)
            summary[f"{kind} all relevant in top 10"] = sum(not o.missing for o in group) / len(group)
            summary[f"{kind} MAP"] = statistics.mean(o.average_precision for o in group)
            summary[f"{kind} P@R"] = statistics.mean(o.precision_at_r for o in group)
            summary[f"{kind} queries"] = len(group)
    return summary


def cmd_eval(args: argparse.Namespace) -> None:
    import ipsearch
    from tests.bilingual import DOCS

    with tempfile.TemporaryDirectory() as tmp:
        ipsearch.build_index(DOCS, Path(tmp) / "index")
        summary = evaluate(Path(tmp) / "index")
    for key, value in summary.items():
        print(f"{key:32} {value:.3f}" if isinstance(value, float) else f"{key:32} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("reuters")
    p.add_argument("--docs", type=int, default=3000, help="texts in the index-build sample (0: skip)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--baseline", help="folder holding a baseline ipsearch package to compare with")
    p.set_defaults(func=cmd_reuters)
    p = sub.add_parser("eval")
    p.set_defaults(func=cmd_eval)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
