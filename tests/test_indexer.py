"""Step 4: sync a corpus folder into the index."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ipsearch
from ipsearch import indexer, store, whoosh_internals
from ipsearch.lexicon import read_user_lexicon

from .conftest import KAZAKHSTAN_VISIT


def test_first_run_adds_every_file(corpus_copy: Path, tmp_path: Path) -> None:
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert len(report.added) == 5 and report.documents == 5
    assert not report.updated and not report.removed and not report.skipped


def test_rerun_with_nothing_changed_reindexes_nothing(corpus_copy: Path, tmp_path: Path) -> None:
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert len(report.unchanged) == 5
    assert not report.added and not report.updated and not report.removed


def test_sync_adds_updates_removes_and_skips(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    (corpus_copy / "new" ).mkdir()
    (corpus_copy / "new" / "pph.txt").write_text("CNIPA and JPO extend the PPH pilot\n\nThe Patent Prosecution Highway goes on.\n")
    changed = corpus_copy / KAZAKHSTAN_VISIT
    changed.write_text(changed.read_text() + "\nAddendum: a follow-up seminar in Astana.\n")
    (corpus_copy / "cnipa-kipo-heads-meeting.txt").unlink()
    (corpus_copy / "empty.txt").write_text("")
    report = ipsearch.build_index(corpus_copy, ix_dir)
    assert report.added == ("new/pph.txt",)
    assert report.updated == (KAZAKHSTAN_VISIT,)
    assert report.removed == ("cnipa-kipo-heads-meeting.txt",)
    assert [(s.path, s.reason) for s in report.skipped] == [("empty.txt", "empty file")]
    assert len(report.unchanged) == 3
    assert report.documents == 5
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.search("Astana").hits[0].id == KAZAKHSTAN_VISIT
        assert ix.search("Patent Prosecution Highway").hits[0].id == "new/pph.txt"
        assert ix.search("Kobe").total == 0


def test_touching_a_file_without_changing_it_is_unchanged(corpus_copy: Path, tmp_path: Path) -> None:
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    path = corpus_copy / KAZAKHSTAN_VISIT
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000_000))
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert len(report.unchanged) == 5 and not report.updated


def test_rebuild_replaces_the_generation(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    before = store.read_meta(ix_dir)["indexname"]
    report = ipsearch.build_index(corpus_copy, ix_dir, rebuild=True)
    after = store.read_meta(ix_dir)["indexname"]
    assert len(report.added) == 5 and before != after
    assert not any(p.name.lstrip("_").startswith(before) for p in ix_dir.iterdir())


def test_progress_is_reported_per_file(corpus_copy: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    ipsearch.build_index(corpus_copy, tmp_path / "ix", progress=lambda done, total, _id: calls.append((done, total)))
    assert calls == [(i, 5) for i in range(1, 6)]


def test_a_second_writer_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    with store.write_lock(ix_dir):
        with pytest.raises(ipsearch.IndexLockedError, match="another process"):
            ipsearch.build_index(corpus_copy, ix_dir)


# ---------------------------------------------------------------- interruptions (hardening, step 3)


class Interrupted(Exception):
    """Stands for Ctrl-C or a crash in the middle of a run."""


def stop_after(n: int):  # type: ignore[no-untyped-def]
    def progress(done: int, total: int, doc_id: str) -> None:
        if done == n:
            raise Interrupted

    return progress


def test_files_go_through_in_chunks_bounded_by_count_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipsearch.corpus import SourceFile

    monkeypatch.setattr(indexer, "CHUNK_FILES", 3)
    monkeypatch.setattr(indexer, "CHUNK_BYTES", 100)
    sizes = [10, 10, 10, 10, 60, 50, 200, 5]
    files = [SourceFile(f"f{i}", Path(f"f{i}"), size, 0) for i, size in enumerate(sizes)]
    chunks = [[f.size for f in chunk] for chunk in indexer._chunks(files)]
    assert chunks == [[10, 10, 10], [10, 60], [50], [200], [5]]  # a file above the cap goes alone
    assert [f for chunk in indexer._chunks(files) for f in chunk] == files


def test_chunk_size_changes_nothing_in_the_index(corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus_copy / "empty.txt").write_bytes(b"")
    whole = ipsearch.build_index(corpus_copy, tmp_path / "a")
    monkeypatch.setattr(indexer, "CHUNK_FILES", 2)
    chunked = ipsearch.build_index(corpus_copy, tmp_path / "b")
    assert chunked.added == whole.added and chunked.skipped == whole.skipped and len(whole.added) == 5
    with ipsearch.open_index(tmp_path / "a") as a, ipsearch.open_index(tmp_path / "b") as b:
        for query in ("Kazakhstan memorandum", "patent", "申长雨"):
            assert [(h.id, h.score) for h in a.search(query).hits] == [(h.id, h.score) for h in b.search(query).hits]


def doc_count(ix_dir: Path) -> int:
    with ipsearch.open_index(ix_dir) as ix:
        return ix.stats().documents


def test_a_first_run_commits_in_batches_and_the_next_run_completes_it(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    with pytest.raises(Interrupted):
        ipsearch.build_index(corpus_copy, ix_dir, batch_size=2, progress=stop_after(3))
    assert doc_count(ix_dir) == 2  # the first batch is committed and searchable; the third file is lost
    report = ipsearch.build_index(corpus_copy, ix_dir, batch_size=2)
    assert len(report.unchanged) == 2 and len(report.added) == 3 and report.documents == 5


def test_an_interrupted_rebuild_keeps_the_old_index_and_the_next_run_finishes_it(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    old = store.read_meta(ix_dir)["indexname"]  # type: ignore[index]
    with pytest.raises(Interrupted):
        ipsearch.build_index(corpus_copy, ix_dir, rebuild=True, batch_size=2, progress=stop_after(3))
    meta = store.read_meta(ix_dir)
    assert meta["indexname"] == old and meta["staged"] != old  # type: ignore[index]
    assert doc_count(ix_dir) == 5  # searches still see the whole old index
    report = ipsearch.build_index(corpus_copy, ix_dir, batch_size=2)  # no --rebuild: finishes it
    assert len(report.unchanged) == 2 and len(report.added) == 3  # the staged batch was kept
    meta = store.read_meta(ix_dir)
    assert meta["indexname"] == report_name(ix_dir) != old and "staged" not in meta  # type: ignore[index]
    assert not any(old in p.name for p in ix_dir.iterdir())
    assert doc_count(ix_dir) == 5


def report_name(ix_dir: Path) -> str:
    return store.open_current(ix_dir).indexname


def test_rebuild_again_starts_over(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    with pytest.raises(Interrupted):
        ipsearch.build_index(corpus_copy, ix_dir, rebuild=True, batch_size=2, progress=stop_after(3))
    first_stage = store.read_meta(ix_dir)["staged"]  # type: ignore[index]
    report = ipsearch.build_index(corpus_copy, ix_dir, rebuild=True)
    assert len(report.added) == 5
    assert not any(first_stage in p.name for p in ix_dir.iterdir())


def test_rebuild_replaces_an_unreadable_index(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    (ix_dir / store.META_FILE).write_text("garbage")
    with pytest.raises(ipsearch.CorruptIndexError):
        ipsearch.build_index(corpus_copy, ix_dir)
    assert ipsearch.build_index(corpus_copy, ix_dir, rebuild=True).documents == 5


KILL_FILES = 1500
KILL_BATCH = 100


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many")
    for i in range(KILL_FILES):
        (root / f"n{i:05d}.txt").write_text(
            f"Bulletin {i} of the examination office\n\nThe office filed report tok{i:05d} on cooperation.\n"
        )
    return root


def spawn_index(corpus: Path, ix_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ipsearch", "index", str(corpus), "--index-dir", str(ix_dir), "--quiet",
         "--batch-size", str(KILL_BATCH), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def commits(ix_dir: Path, key: str) -> int:
    """How many commits the generation named by ``ipsearch.json[key]`` has (-1: none yet)."""
    name = (store.read_meta(ix_dir) or {}).get(key)
    gens = [int(p.stem.rsplit("_", 1)[1]) for p in ix_dir.glob(f"_{name}_*.toc")] if name else []
    return max(gens, default=-1)


def kill_9(child: subprocess.Popen[bytes], after: float, ix_dir: Path, wait_for_commit_of: str | None = None) -> None:
    """SIGKILL ``child`` ``after`` seconds from now, or from the next commit of a generation
    (``indexname`` or ``staged``) that holds documents."""
    if wait_for_commit_of:
        seen = max(commits(ix_dir, wait_for_commit_of), 0)  # generation 0 is the empty index
        while commits(ix_dir, wait_for_commit_of) <= seen and child.poll() is None:
            time.sleep(0.005)
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()


def test_kill_9_at_any_moment_loses_at_most_one_batch(many_files: Path, tmp_path: Path) -> None:
    """A real ``kill -9`` of ``ipsearch index`` at random moments: early, mid-run, mid-rebuild."""
    ix_dir = tmp_path / "ix"
    rng = random.Random()
    counts = [0]
    for early in (True, False):
        delay = rng.uniform(0.05, 0.8) if early else rng.uniform(0.0, 0.3)
        if not early and counts[-1] > KILL_FILES // 5:  # a run this far on can end within the delay
            shutil.rmtree(ix_dir)  # the mid-run kill gets a run with most of its work ahead
            counts.append(0)
        kill_9(spawn_index(many_files, ix_dir), delay, ix_dir, None if early else "indexname")
        if store.read_meta(ix_dir) is None:
            continue  # killed before its first publish: there is no index yet, and no harm
        try:
            index = ipsearch.open_index(ix_dir)
        except ipsearch.IndexNotFoundError:
            assert store.read_meta(ix_dir).get("first_run")  # type: ignore[union-attr]
            continue  # killed before its first generation existed: no index yet, and no harm
        with index as ix:  # the last commit is searchable
            n = ix.stats().documents
            assert ix.search("cooperation", limit=1).total == n, f"killed after {delay:.2f} s"
        assert n % KILL_BATCH == 0 and n >= counts[-1], f"killed after {delay:.2f} s: {n} documents"
        if not early:
            assert 0 < n < KILL_FILES  # this kill landed mid-run
        counts.append(n)

    report = ipsearch.build_index(many_files, ix_dir, batch_size=KILL_BATCH)  # no stale lock: lock_wait=0
    assert len(report.unchanged) == counts[-1] and len(report.added) == KILL_FILES - counts[-1]
    assert report.documents == KILL_FILES and not report.skipped
    names = {m.group(1) for m in map(store._GENERATION_FILE.match, (p.name for p in ix_dir.iterdir())) if m}
    assert names == {store.read_meta(ix_dir)["indexname"]}  # type: ignore[index]  # no leftovers

    child = spawn_index(many_files, ix_dir, "--rebuild")
    while "staged" not in (store.read_meta(ix_dir) or {}) and child.poll() is None:
        time.sleep(0.005)
    kill_9(child, rng.uniform(0.0, 0.3), ix_dir, "staged")
    assert "staged" in store.read_meta(ix_dir)  # type: ignore[operator]  # killed mid-rebuild
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.stats().documents == KILL_FILES  # the old generation, whole
        assert ix.search("tok01499").total == 1
    report = ipsearch.build_index(many_files, ix_dir, batch_size=KILL_BATCH)  # finishes the rebuild
    assert 0 < len(report.unchanged) < KILL_FILES and report.documents == KILL_FILES
    assert "staged" not in store.read_meta(ix_dir)  # type: ignore[operator]
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.search("tok00000").total == 1 and ix.search("tok01499").total == 1


# ---------------------------------------------------------------- parallel batches


def _search_all(ix_dir: Path, queries: list[str]) -> list[tuple[int, list[str]]]:
    with ipsearch.open_index(ix_dir) as ix:
        return [(r.total, sorted(h.id for h in r.hits)) for r in (ix.search(q, limit=100) for q in queries)]


def _stem_rows(ix_dir: Path) -> set[tuple[str, str]]:
    import sqlite3

    with contextlib.closing(sqlite3.connect(ix_dir / "stems.sqlite")) as db:
        return set(db.execute("SELECT word, stem FROM stems"))


def test_a_batch_split_across_worker_processes_indexes_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipsearch import indexer

    from .conftest import write_news_corpus

    monkeypatch.setattr(indexer, "PARALLEL_MIN_FILES", 10)
    corpus = write_news_corpus(tmp_path / "news", 60)
    (corpus / "empty.txt").write_text("")
    (corpus / "blob.txt").write_bytes(b"\x00\x01" * 500)
    fresh = "".join(random.choices("bcdfghjklmnpqrstvwxz", k=12)) + "ations"
    (corpus / "n000.txt").write_text((corpus / "n000.txt").read_text() + f"\nIt {fresh} well.\n")
    queries = ["patent examination", "KIPO Seoul", "countries:japan", "\"prosecution highway\"", "Astana"]
    reports, results, ticks = [], [], []
    for workers in (3, 1):
        calls: list[int] = []
        report = ipsearch.build_index(corpus, tmp_path / f"ix{workers}", workers=workers,
                                      progress=lambda done, total, _id: calls.append(done))
        reports.append((report.added, report.skipped, report.documents))
        results.append(_search_all(tmp_path / f"ix{workers}", queries))
        ticks.append(calls)
    assert reports[0] == reports[1] and reports[0][2] == 60 and len(reports[0][1]) == 2
    assert results[0] == results[1] and all(total for total, _ in results[0])
    assert ticks[0] == ticks[1] == list(range(1, 63))
    # a word no process stemmed before: only a worker saw it, yet its stem reaches the stem file
    assert any(word == fresh for word, _ in _stem_rows(tmp_path / "ix3"))
    assert not list((tmp_path / "ix3").glob(f"{store.PART_PREFIX}*"))

    # A second parallel run updates and removes like a serial one.
    for i in range(0, 30):
        path = corpus / f"n{i:03d}.txt"
        path.write_text(path.read_text() + f"\nUpdate {i}: a follow-up meeting in Tashkent.\n")
    (corpus / "n059.txt").unlink()
    report = ipsearch.build_index(corpus, tmp_path / "ix3", workers=3)
    assert len(report.updated) == 30 and report.removed == ("n059.txt",) and report.documents == 59
    with ipsearch.open_index(tmp_path / "ix3") as ix:
        assert ix.search("Tashkent").total == 30 and ix.stats().documents == 59


def test_a_failing_worker_fails_the_run_and_keeps_the_last_good_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipsearch import indexer
    from ipsearch.errors import IndexWriteError
    from whoosh.writing import SegmentWriter

    from ipsearch.writer import FastSegmentWriter

    from .conftest import write_news_corpus

    monkeypatch.setattr(indexer, "PARALLEL_MIN_FILES", 10)
    corpus = write_news_corpus(tmp_path / "news", 40)
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus, ix_dir, workers=1)
    write_news_corpus(tmp_path / "news", 80, seed=5)

    def disk_full(self: FastSegmentWriter) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FastSegmentWriter, "_flush_segment", disk_full)
    monkeypatch.setattr(SegmentWriter, "_flush_segment", disk_full)  # IPSEARCH_WHOOSH_FAST=0: Whoosh's writer, no workers
    with pytest.raises(IndexWriteError, match="No space left"):
        ipsearch.build_index(corpus, ix_dir, workers=2)
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.stats().documents == 40
    assert not list(ix_dir.glob(f"{store.PART_PREFIX}*"))


def test_kill_9_during_a_parallel_batch_leaves_the_last_commit_and_no_orphan_workers(
    many_files: Path, tmp_path: Path
) -> None:
    ix_dir = tmp_path / "ix"
    code = (
        "import sys, ipsearch.indexer as i; i.PARALLEL_MIN_FILES = 50; "
        "i.build_index(sys.argv[1], sys.argv[2], batch_size=300, workers=2)"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(many_files), str(ix_dir)], stderr=subprocess.PIPE)
    kill_9(child, random.uniform(0.0, 0.3), ix_dir, "indexname")
    time.sleep(1.0)  # orphaned workers, if any, would now write a report or a segment
    before = sorted(p.name for p in ix_dir.iterdir())
    time.sleep(1.0)
    assert sorted(p.name for p in ix_dir.iterdir()) == before  # nobody is writing any more
    with ipsearch.open_index(ix_dir) as ix:
        n = ix.stats().documents
        assert n % 300 == 0 and 0 < n < KILL_FILES and ix.search("cooperation", limit=1).total == n
    report = ipsearch.build_index(many_files, ix_dir, batch_size=300, workers=2)
    assert report.documents == KILL_FILES and len(report.unchanged) == n
    assert not list(ix_dir.glob(f"{store.PART_PREFIX}*"))  # workers' reports a kill left are cleaned up
    segments = {s.segment_id() for s in store.open_current(ix_dir)._segments()}
    on_disk = {p.name.split(".", 1)[0] for p in ix_dir.glob("g*_*.*")}  # a segment's files: <segment id>.<part>
    assert on_disk == segments  # the killed batch's segment files are gone


def test_a_multi_threaded_caller_gets_no_fork_unless_it_asks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking copies locks other threads may hold: by default a threaded process builds in itself."""
    import threading

    if not whoosh_internals.active().segment_writer:
        pytest.skip("worker processes need the segment_writer fast path (IPSEARCH_WHOOSH_FAST=0: one process)")

    from ipsearch import indexer

    from .conftest import write_news_corpus

    monkeypatch.setattr(indexer, "PARALLEL_MIN_FILES", 10)
    corpus = write_news_corpus(tmp_path / "news", 40)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        ipsearch.build_index(corpus, tmp_path / "default", workers=None)
        ipsearch.build_index(corpus, tmp_path / "asked", workers=2)
    finally:
        release.set()
        other.join()
    assert len(store.open_current(tmp_path / "default")._segments()) == 1
    assert len(store.open_current(tmp_path / "asked")._segments()) == 2


# ---------------------------------------------------------------- the folders an index remembers


def _news(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_index_without_a_folder_syncs_the_folders_the_index_was_built_from(corpus_copy: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ipsearch.cli import main

    ix_dir = tmp_path / "ix"
    other = _news(tmp_path / "other", "madrid.txt", "WIPO and the Madrid System\n\nA note on trademark filings in Geneva.\n")
    ipsearch.build_index(other, ix_dir)
    (other / "hague.txt").write_text("The Hague System grows\n\nDesign filings rose in Geneva.\n")
    result = CliRunner().invoke(main, ["index", "--index-dir", str(ix_dir), "--quiet", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["added_ids"] == ["hague.txt"]
    with ipsearch.open_index(ix_dir) as ix:
        assert sorted(h.id for h in ix.search("").hits) == ["hague.txt", "madrid.txt"]  # no demo corpus, nothing lost
        assert ix.stats().folders == (str(other.resolve()),)


def test_a_second_folder_is_added_beside_the_first_with_ids_that_cannot_collide(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    first = ipsearch.build_index(corpus_copy, ix_dir)
    other = _news(tmp_path / "other", KAZAKHSTAN_VISIT, "Same name, other folder\n\nA bulletin about the Madrid System.\n")
    report = ipsearch.build_index(other, ix_dir)
    assert report.added == (f"other//{KAZAKHSTAN_VISIT}",) and not report.removed
    assert report.documents == len(first.added) + 1
    assert report.folders == (str(corpus_copy.resolve()), str(other.resolve()))
    again = ipsearch.build_index(None, ix_dir)  # both folders, nothing changed
    assert len(again.unchanged) == report.documents and not again.removed and not again.added
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.get(KAZAKHSTAN_VISIT).title != ix.get(f"other//{KAZAKHSTAN_VISIT}").title
        assert len(ix.stats().folders) == 2
    (other / KAZAKHSTAN_VISIT).unlink()
    (other / "pph.txt").write_text("PPH pilot\n\nThe Patent Prosecution Highway goes on.\n")
    synced = ipsearch.build_index(other, ix_dir)  # only this folder's missing file goes
    assert synced.removed == (f"other//{KAZAKHSTAN_VISIT}",) and synced.added == ("other//pph.txt",)
    assert synced.documents == len(first.added) + 1
    dropped = ipsearch.build_index(None, ix_dir, remove=[other])
    assert dropped.removed == ("other//pph.txt",) and dropped.documents == len(first.added)
    assert dropped.folders == (str(corpus_copy.resolve()),)


def test_an_empty_or_missing_folder_that_held_documents_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    from ipsearch.errors import CorpusError

    ix_dir = tmp_path / "ix"
    built = ipsearch.build_index(corpus_copy, ix_dir)
    empty = tmp_path / "mnt"
    empty.mkdir()
    shutil.move(str(corpus_copy), str(empty / "away"))
    with pytest.raises(CorpusError, match=f"holds {built.documents} documents from it.*--allow-empty"):
        ipsearch.build_index(None, ix_dir)  # missing: an unmounted drive
    corpus_copy.mkdir()
    with pytest.raises(CorpusError, match="holds no files"):
        ipsearch.build_index(corpus_copy, ix_dir)
    with pytest.raises(CorpusError, match="holds no files"):
        ipsearch.build_index(corpus_copy, ix_dir, rebuild=True)
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.stats().documents == built.documents
    report = ipsearch.build_index(corpus_copy, ix_dir, allow_empty=True)
    assert len(report.removed) == built.documents and report.documents == 0


def test_a_rebuild_from_a_folder_the_index_does_not_know_starts_over(corpus_copy: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    other = _news(tmp_path / "other", "madrid.txt", "WIPO and the Madrid System\n\nTrademark filings in Geneva.\n")
    report = ipsearch.build_index(other, ix_dir, rebuild=True)
    assert report.added == ("madrid.txt",) and report.documents == 1 and report.folders == (str(other.resolve()),)


def test_removing_a_folder_the_index_does_not_know_is_a_usage_error(corpus_copy: Path, tmp_path: Path) -> None:
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    with pytest.raises(ipsearch.UsageError, match="is not a folder of the index"):
        ipsearch.build_index(None, tmp_path / "ix", remove=[tmp_path / "elsewhere"])


# ---------------------------------------------------------------- interruptions and the first search (#14)


def _interrupt_after(n: int):  # type: ignore[no-untyped-def]
    def progress(done: int, total: int, doc_id: str) -> None:
        if done > n:
            raise KeyboardInterrupt

    return progress


def test_ctrl_c_says_what_was_committed(corpus_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(ipsearch.InterruptedRunError, match=r"^interrupted: 2 documents committed; run again to finish$"):
        ipsearch.build_index(corpus_copy, tmp_path / "ix", batch_size=2, progress=_interrupt_after(2), workers=1)
    with ipsearch.open_index(tmp_path / "ix") as ix:
        assert ix.search("").total == 2
    assert ipsearch.build_index(corpus_copy, tmp_path / "ix").documents == 5


def test_a_first_search_never_shows_a_first_run_unfinished(corpus_copy: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from ipsearch import cli

    target = tmp_path / "default-index"
    monkeypatch.setattr(cli, "default_index", lambda: target)
    monkeypatch.setattr(cli, "default_corpus", lambda: corpus_copy)
    with pytest.raises(ipsearch.InterruptedRunError):
        ipsearch.build_index(corpus_copy, target, batch_size=2, progress=_interrupt_after(2), workers=1)
    result = CliRunner().invoke(cli.main, ["search", "*", "--format", "jsonl", "-n", "50"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5 and "first run" in result.stderr
    with ipsearch.open_index(target) as ix:
        assert not ix.first_run_unfinished()


# ---------------------------------------------------------------- a user lexicon (--lexicon)

_LEXICON_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lexicon"


def _people_facet(index_dir: Path) -> dict[str, int]:
    with ipsearch.open_index(index_dir) as ix:
        return {c.value: c.count for c in ix.search("", facets=["people"]).facets["people"]}


def test_the_index_keeps_its_lexicon_and_a_changed_one_reextracts_every_document(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(_LEXICON_FIXTURES / "corpus", corpus)
    index_dir = tmp_path / "index"
    mine = tmp_path / "mine.json"
    data = json.loads((_LEXICON_FIXTURES / "user-lexicon.json").read_text(encoding="utf-8"))
    mine.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ids = sorted(p.name for p in corpus.iterdir())

    first = ipsearch.build_index(corpus, index_dir, lexicon=mine)
    assert sorted(first.added) == ids and _people_facet(index_dir) == {"Aigerim Bekova": 3}
    assert (index_dir / store.LEXICON_FILE).exists()

    # a later run without --lexicon extracts with the kept copy: nothing changed, nothing redone
    (corpus / "later.txt").write_text("Aigerim Bekova Opens Fund Office\n\nAigerim Bekova opened an office.\n",
                                      encoding="utf-8")
    again = ipsearch.build_index(corpus, index_dir)
    assert again.added == ("later.txt",) and not again.updated and _people_facet(index_dir) == {"Aigerim Bekova": 4}

    # the same lexicon written differently is the same lexicon
    mine.write_text(json.dumps(data, ensure_ascii=True, indent=4), encoding="utf-8")
    assert not ipsearch.build_index(corpus, index_dir, lexicon=mine).updated

    # a changed lexicon: every document is extracted again, reported as updated
    person = data["people"][0]
    person["aliases"].append(person["name"])
    person["name"] = "BEKOVA Aigerim"  # another canonical form: the facet shows it everywhere
    mine.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    changed = ipsearch.build_index(corpus, index_dir, lexicon=mine)
    assert sorted(changed.updated) == sorted([*ids, "later.txt"]) and not changed.unchanged
    assert _people_facet(index_dir) == {"BEKOVA Aigerim": 4}

    # an empty lexicon goes back to the built-in names (and re-extracts once more)
    mine.write_text("{}", encoding="utf-8")
    plain = ipsearch.build_index(corpus, index_dir, lexicon=mine)
    assert len(plain.updated) == len(ids) + 1 and not (index_dir / store.LEXICON_FILE).exists()
    with ipsearch.open_index(index_dir) as ix:
        assert ix.user_lexicon is None
        assert not ix.search(filters={"people": ["Айгерим Бекова"]}).total
    assert "BEKOVA Aigerim" not in _people_facet(index_dir)
    assert not ipsearch.build_index(corpus, index_dir).updated


def test_an_interrupted_reextraction_is_finished_by_the_next_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(_LEXICON_FIXTURES / "corpus", corpus)
    index_dir = tmp_path / "index"
    ipsearch.build_index(corpus, index_dir)
    # the kept copy is written first, the digest of what documents hold last: as a killed run leaves them
    store.write_lexicon(index_dir, read_user_lexicon(_LEXICON_FIXTURES / "user-lexicon.json"))
    report = ipsearch.build_index(corpus, index_dir)
    assert len(report.updated) == len(list(corpus.iterdir())) and _people_facet(index_dir) == {"Aigerim Bekova": 3}


def test_a_bad_lexicon_stops_the_run_before_it_touches_the_index(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"places": [{"name": "Turkistan", "country": "Kazakstan"}]}', encoding="utf-8")
    with pytest.raises(ipsearch.errors.LexiconError, match=r'places\[0\]: "country" must be a known country'):
        ipsearch.build_index(_LEXICON_FIXTURES / "corpus", tmp_path / "index", lexicon=bad)
    assert not (tmp_path / "index").exists()
