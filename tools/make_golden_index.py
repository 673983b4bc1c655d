"""Regenerate ``tests/golden/``: a small index and the answers it gives, which every later
version of ipsearch (and of Whoosh) must read with the same answers.

Why: an upgrade of Whoosh or a change to ipsearch's writer or collector could write or read
the on-disk format differently, and tests that build a fresh index each run would never
notice that an index built before no longer answers the same. The golden index is built
once, by the version of the day, and committed; ``tests/test_golden.py`` opens a copy and
checks ids, scores (to 1e-6), totals and facets against ``expected.json``.

Regenerate only on purpose (a schema version change that makes old indexes unreadable by
design), never in tests: ``python tools/make_golden_index.py --write``.

The index holds the five seed articles of ``docs_corpus/``, written as two commits (four
articles, then the fifth and an update of the first, so there are two segments and a
deleted document).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FACETS = ("countries", "organizations", "people", "year", "language", "event_types")

#: (query, filters): words, phrases, Chinese in both scripts, syntax, a filter, everything.
QUERIES: list[tuple[str, dict[str, list[str]]]] = [
    ("Kazakhstan memorandum", {}),
    ("intellectual property cooperation", {}),
    ('"heads of office"', {}),
    ("知识产权 合作", {}),
    ("知識產權", {}),
    ("CNIPA OR KIPO", {}),
    ("cooperat*", {}),
    ("title:seminar", {}),
    ("patent", {"countries": ["China"]}),
    ("", {}),
]


def answers(index_dir: Path) -> list[dict[str, Any]]:
    """What the index answers to each of :data:`QUERIES`: total, every hit's id and score, facets."""
    import ipsearch

    out = []
    with ipsearch.open_index(index_dir) as ix:
        for text, filters in QUERIES:
            # translate=False: the answers pin how the files are read; query translation has its own tests
            r = ix.search(text, filters=filters, facets=FACETS, limit=100, snippets=False, facet_limit=50,
                          translate=False)
            out.append({
                "query": text,
                "filters": filters,
                "total": r.total,
                "hits": [[h.id, h.score] for h in r.hits],
                "facets": {name: [[f.value, f.count] for f in counts] for name, counts in r.facets.items()},
            })
    return out


def build(work: Path) -> Path:
    import ipsearch

    corpus, index_dir = work / "corpus", work / "index"
    seeds = sorted((ROOT / "docs_corpus").glob("*.txt"))
    corpus.mkdir()
    for seed in seeds[:4]:
        shutil.copy(seed, corpus / seed.name)
    ipsearch.build_index(corpus, index_dir, workers=1)
    shutil.copy(seeds[4], corpus / seeds[4].name)
    first = corpus / seeds[0].name
    first.write_text(first.read_text(encoding="utf-8") + "\nThe two offices will meet again next year.\n", encoding="utf-8")
    ipsearch.build_index(corpus, index_dir, workers=1)
    return index_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="replace tests/golden/ (only on purpose)")
    if not parser.parse_args().write:
        sys.exit("refusing to replace tests/golden/ without --write (read this script's docstring first)")
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = build(Path(tmp))
        expected = answers(index_dir)
        shutil.rmtree(GOLDEN / "index", ignore_errors=True)
        GOLDEN.mkdir(parents=True, exist_ok=True)
        shutil.copytree(index_dir, GOLDEN / "index", ignore=shutil.ignore_patterns("*.lock", "*_WRITELOCK"))
    import whoosh

    import ipsearch

    meta = {"ipsearch": ipsearch.__version__, "whoosh": whoosh.versionstring(), "answers": expected}
    (GOLDEN / "expected.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in (GOLDEN / "index").iterdir())
    print(f"wrote {GOLDEN}: index {size / 1024:.0f} KB, {len(expected)} queries")


if __name__ == "__main__":
    main()
