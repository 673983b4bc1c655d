"""A committed index, written once by an earlier version (tools/make_golden_index.py), must
give the answers recorded with it: a Whoosh upgrade or a change to the writer or the
collector that reads the on-disk format differently fails here."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("make_golden_index", ROOT / "tools" / "make_golden_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _close(a: float | None, b: float | None) -> bool:
    """Scores agree to 1e-6 (None: listed without a score, as the empty query does)."""
    return a == b or (a is not None and b is not None and abs(a - b) <= 1e-6)


@pytest.fixture(scope="module")
def golden_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy: opening an index may leave a lock file, and the committed files stay as written."""
    target = tmp_path_factory.mktemp("golden") / "index"
    shutil.copytree(GOLDEN / "index", target)
    return target


def test_the_golden_index_gives_the_recorded_answers(golden_copy: Path) -> None:
    recorded = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))["answers"]
    tool = _tool()
    assert [(a["query"], a["filters"]) for a in recorded] == [(q, f) for q, f in tool.QUERIES]
    found = tool.answers(golden_copy)
    assert sum(a["total"] for a in recorded) > 10 and any(a["facets"] for a in recorded)
    for want, got in zip(recorded, found):
        assert got["total"] == want["total"], want["query"]
        assert [h[0] for h in got["hits"]] == [h[0] for h in want["hits"]], want["query"]
        assert all(_close(g[1], w[1]) for g, w in zip(got["hits"], want["hits"])), want["query"]
        assert got["facets"] == want["facets"], want["query"]


def test_the_golden_index_is_small_and_has_segments_with_a_deletion(golden_copy: Path) -> None:
    from ipsearch import store

    files = list((GOLDEN / "index").iterdir())
    assert sum(p.stat().st_size for p in files) < 1 << 20
    ix = store.open_generation(golden_copy, store.read_meta(golden_copy)["indexname"])
    assert ix is not None
    with ix.reader() as reader:
        assert len(list(reader.leaf_readers())) == 2 and reader.has_deletions()
