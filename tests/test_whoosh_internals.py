"""The door to Whoosh's internals: which fast paths are taken, and that the public-API
fallback (``IPSEARCH_WHOOSH_FAST=0``, or a Whoosh without the internals) writes and
answers the same."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest

import ipsearch
from ipsearch import whoosh_internals as wi
from ipsearch.schema import FACET_FIELDS

from .conftest import DOCS_CORPUS, SHARED, write_news_corpus
from .test_writer import _dump

ROOT = Path(__file__).resolve().parents[1]
BILINGUAL = Path(__file__).resolve().parent / "fixtures" / "bilingual" / "docs"
REUTERS = SHARED / "data" / "reuters21578"
#: The tests below that set each mode themselves: CI's second pass (IPSEARCH_WHOOSH_FAST=0)
#: would only repeat them.
both_modes = pytest.mark.skipif(
    os.environ.get(wi.ENV_FAST, "").strip() == "0", reason="compares both modes itself, in the default pass"
)


def _pinned_whoosh3() -> str | None:
    m = re.search(r'"whoosh3==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return m.group(1) if m else None


def _installed_whoosh3() -> str | None:
    try:
        return importlib.metadata.version("whoosh3")
    except importlib.metadata.PackageNotFoundError:
        return None


@pytest.fixture()
def mode() -> Iterator[Any]:
    """Call with a FastPaths to take exactly those paths for the rest of the test."""
    yield wi.use
    wi.use(None)


# ---------------------------------------------------------------- which paths


def test_every_fast_path_is_taken_on_the_pinned_whoosh() -> None:
    """A Whoosh upgrade that silently drops a fast path fails here, not in a benchmark."""
    pinned, installed = _pinned_whoosh3(), _installed_whoosh3()
    if installed is None or installed != pinned:
        pytest.skip(f"not the pinned whoosh3=={pinned} (installed: whoosh3 {installed}): fast paths may be off")
    assert wi.supported().inactive() == []
    if os.environ.get(wi.ENV_FAST, "").strip() == "0":
        assert wi.active() == wi.FastPaths.none()
    else:
        assert wi.active() == wi.supported()


def test_fast_0_in_the_environment_turns_every_path_off(monkeypatch: pytest.MonkeyPatch, mode: Any) -> None:
    monkeypatch.setenv(wi.ENV_FAST, "0")
    mode(None)
    assert wi.active() == wi.FastPaths.none()
    assert wi.active().inactive() == [f.name for f in fields(wi.FastPaths)]
    monkeypatch.setenv(wi.ENV_FAST, "1")
    mode(None)
    assert wi.active() == wi.supported()


def test_the_check_sees_a_missing_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    from whoosh.codec import whoosh3
    from whoosh.writing import SegmentWriter

    before = wi._check()
    monkeypatch.delattr(whoosh3.W3LeafMatcher, "_next_block")
    monkeypatch.delattr(SegmentWriter, "_finalize_segment")
    after = wi._check()
    assert not after.block_read and not after.segment_writer
    assert replace(after, block_read=before.block_read, segment_writer=before.segment_writer) == before


def test_whooshs_writer_holds_the_lock_file_named_here(tmp_path: Path) -> None:
    from whoosh.filedb.filestore import FileStorage

    from ipsearch.schema import build_schema

    ix = FileStorage(str(tmp_path)).create_index(build_schema(), indexname="gen")
    writer = ix.writer()
    try:
        assert not FileStorage(str(tmp_path)).lock(wi.write_lock_name("gen")).acquire(blocking=False)
    finally:
        writer.cancel()


# ---------------------------------------------------------------- same index, same answers


def _fixture_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    shutil.copytree(DOCS_CORPUS, corpus / "docs")
    shutil.copytree(BILINGUAL, corpus / "bilingual")
    write_news_corpus(corpus / "news", 60)
    return corpus


FIXTURE_QUERIES = [
    "Kazakhstan memorandum", "patent examination", '"patent prosecution highway"', "知识产权 合作", "專利審查",
    "CNIPA OR KIPO", "train*", "title:cooperation", "Geneva -Tokyo", "", "seminar", '"heads of office"~2',
]


def _answers(ix_dir: Path, queries: list[str]) -> list[tuple[Any, ...]]:
    """Each query's total, facets and every hit (id, score), ties put in id order (the
    two modes may sum a score's parts in another order: the last bit can differ)."""
    out = []
    with ipsearch.open_index(ix_dir) as ix:
        for text in queries:
            for filters in ({}, {"countries": ["China"]}):
                r = ix.search(text, filters=filters, facets=FACET_FIELDS, limit=1000, snippets=False, facet_limit=50)
                hits = sorted(((h.id, round(h.score or 0.0, 6)) for h in r.hits), key=lambda h: (-h[1], h[0]))
                facets = {k: [(f.value, f.count) for f in v] for k, v in r.facets.items()}
                out.append((text, filters, r.total, hits, facets, r.suggestion, r.corrected))
    return out


def _scores_close(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x[:3] == y[:3] and x[4:] == y[4:], x[0]
        assert [h[0] for h in x[3]] == [h[0] for h in y[3]], x[0]
        assert all(abs(s - t) <= 1e-6 for (_, s), (_, t) in zip(x[3], y[3])), x[0]


def _build_and_update(corpus: Path, ix_dir: Path) -> None:
    """A build, then a sync that updates and removes files (deletions, a second segment)."""
    ipsearch.build_index(corpus, ix_dir)
    news = sorted((corpus / "news").rglob("*.txt"))
    for path in news[:5]:
        path.write_text(path.read_text(encoding="utf-8") + "\nA late note on Geneva talks.\n", encoding="utf-8")
    news[-1].unlink()
    ipsearch.build_index(corpus, ix_dir)


@pytest.fixture(scope="module")
def fixture_indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture corpus indexed with every fast path, and with none (then updated alike)."""
    root = tmp_path_factory.mktemp("modes")
    built = {}
    try:
        for name, paths in (("fast", wi.supported()), ("public", wi.FastPaths.none())):
            wi.use(paths)
            shutil.rmtree(root / "corpus", ignore_errors=True)
            corpus = _fixture_corpus(root)  # the same path each time: stored paths are equal
            built[name] = root / name
            _build_and_update(corpus, built[name])
    finally:
        wi.use(None)
    return built


@both_modes
def test_both_modes_write_the_same_index(fixture_indexes: dict[str, Path]) -> None:
    from ipsearch import store

    dumps = []
    for name in ("fast", "public"):
        ix = store.open_generation(fixture_indexes[name], store.read_meta(fixture_indexes[name])["indexname"])
        dumps.append(_dump(ix))
    fast, public = dumps
    assert len(fast) > 3000
    # Whoosh's own writer posts the spelling word list on every document (schema.WordList)
    spelling = [k for k in public if isinstance(k, tuple) and k[0] == "spelling"]
    for key in spelling:
        assert public[key][1] == fast[key][1]  # same word, same summed count
        del public[key], fast[key]
    for dump in (fast, public):  # each file's content hash and mtime: the files were written twice
        dump["columns"].pop("fingerprint")
        for stored in dump["stored"]:
            stored.pop("fingerprint", None)
    assert set(public) == set(fast)
    for column in fast["columns"]:
        assert public["columns"][column] == fast["columns"][column], column
    assert public == fast


@both_modes
@pytest.mark.parametrize("read", ["fast", "public"])
def test_both_modes_give_the_same_answers(fixture_indexes: dict[str, Path], mode: Any, read: str) -> None:
    mode(wi.supported())
    expected = _answers(fixture_indexes["fast"], FIXTURE_QUERIES)
    assert sum(a[2] for a in expected) > 100
    mode(wi.supported() if read == "fast" else wi.FastPaths.none())
    for name in ("fast", "public"):
        _scores_close(_answers(fixture_indexes[name], FIXTURE_QUERIES), expected)


@both_modes
@pytest.mark.parametrize("off", [f.name for f in fields(wi.FastPaths)])
def test_each_path_off_alone_writes_and_answers_the_same(
    fixture_indexes: dict[str, Path], mode: Any, tmp_path: Path, off: str
) -> None:
    if not getattr(wi.supported(), off):
        pytest.skip(f"{off} is not supported by this Whoosh")
    mode(wi.supported())
    expected = _answers(fixture_indexes["fast"], FIXTURE_QUERIES)
    mode(replace(wi.supported(), **{off: False}))
    corpus = _fixture_corpus(tmp_path)
    _build_and_update(corpus, tmp_path / "ix")
    _scores_close(_answers(tmp_path / "ix", FIXTURE_QUERIES), expected)


@both_modes
def test_a_reuters_sample_is_the_same_in_both_modes(mode: Any, tmp_path: Path) -> None:
    """250 real articles (read in place from ../shared), written and searched in each mode."""
    if not (REUTERS / "reut2-000.sgm").is_file():
        pytest.skip(f"Reuters-21578 not found at {REUTERS}")
    from bench.speed import make_queries, parse_reuters, write_corpus

    one_file = tmp_path / "sgm"
    one_file.mkdir()
    (one_file / "reut2-000.sgm").symlink_to(REUTERS / "reut2-000.sgm")
    records = parse_reuters(one_file)[:250]
    write_corpus(records, tmp_path / "corpus")
    queries = make_queries(records, 6, 6, 6) + ["oil prices", "trade deficit japan", '"interest rates"']
    answers = []
    for name, paths in (("fast", wi.supported()), ("public", wi.FastPaths.none())):
        mode(paths)
        ipsearch.build_index(tmp_path / "corpus", tmp_path / name)
        answers.append(_answers(tmp_path / name, queries))
    assert sum(a[2] for a in answers[0]) > 300
    _scores_close(answers[1], answers[0])
