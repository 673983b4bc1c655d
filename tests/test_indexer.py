"""Step 4: sync a corpus folder into the index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ipsearch
from ipsearch import store

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
