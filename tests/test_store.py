"""Hardening, step 5: the index folder in trouble, and who may write to it.

Missing, empty, damaged or foreign indexes give one line that says what to do; damage
that Whoosh only meets in the middle of a search is mapped too; leftovers of killed runs
are cleaned; a second writer is refused or waits a bounded time.
"""

from __future__ import annotations

import errno
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import ipsearch
from ipsearch import store
from ipsearch.cli import main
from ipsearch.errors import CorruptIndexError, IndexLockedError, IndexNotFoundError, IndexWriteError, SchemaVersionError
from ipsearch.schema import SCHEMA_VERSION

from .conftest import DOCS_CORPUS, KAZAKHSTAN_VISIT

REBUILD = "run `ipsearch index --rebuild`"


@pytest.fixture()
def index_copy(default_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ix"
    shutil.copytree(default_index, target)
    return target


def segment_parts(index_dir: Path) -> list[Path]:
    """The segment files of the current index."""
    indexname = store.read_meta(index_dir)["indexname"]  # type: ignore[index]
    return sorted(index_dir.glob(f"{indexname}_*.*"))


def segment(index_dir: Path) -> list[Path]:
    """The files of the index's one segment: a plain segment keeps each part (terms, postings,
    stored fields, each column) in a file of its own."""
    files = segment_parts(index_dir)
    assert len({p.name.split(".")[0] for p in files}) == 1 and ".seg" not in {p.suffix for p in files}, files
    return files


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def assert_one_line_error(result, code: int, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""


def search_everything(index_dir: Path) -> None:
    """Every read path: open, ranked search with facets, browse, get each hit, stats."""
    with ipsearch.open_index(index_dir) as ix:
        ix.search("Kazakhstan memorandum", facets=["countries", "year"])
        for hit in ix.search("", sort="newest", limit=100).hits:
            ix.get(hit.id)
        ix.stats()


# ---------------------------------------------------------------- no index


@pytest.mark.parametrize("make", ["missing", "empty folder"])
def test_no_index_says_how_to_build_one(tmp_path: Path, make: str) -> None:
    target = tmp_path / "ix"
    if make == "empty folder":
        target.mkdir()
    with pytest.raises(IndexNotFoundError, match=r"no index at .*; run `ipsearch index CORPUS`"):
        ipsearch.open_index(target)
    for command in (["search", "x"], ["stats"], ["show", "a.txt"]):
        assert_one_line_error(cli(*command, "--index-dir", str(target)), 1, "no index at")


def test_an_index_path_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "ix"
    target.write_text("not an index")
    with pytest.raises(IndexNotFoundError, match="is a file, not a folder"):
        ipsearch.open_index(target)


# ---------------------------------------------------------------- damaged index


@pytest.mark.parametrize(
    ("content", "message"),
    [("{nope", "cannot read"), ("[]", "is not an ipsearch index description"),
     ('{"schema_version": 1}', "is not an ipsearch index description")],
)
def test_a_damaged_description_file(index_copy: Path, content: str, message: str) -> None:
    (index_copy / store.META_FILE).write_text(content)
    with pytest.raises(CorruptIndexError, match=message):
        ipsearch.open_index(index_copy)
    assert_one_line_error(cli("search", "x", "--index-dir", str(index_copy)), 1, message, REBUILD)


def truncate(path: Path, keep: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


DAMAGE = {
    "segment truncated": lambda ix: [truncate(f, 0.5) for f in segment(ix)],
    "segment emptied": lambda ix: [truncate(f, 0.0) for f in segment(ix)],
    "segment deleted": lambda ix: [f.unlink() for f in segment(ix)],
    "table of contents truncated": lambda ix: truncate(next(ix.glob("_*.toc")), 0.5),
    "table of contents deleted": lambda ix: next(ix.glob("_*.toc")).unlink(),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_says_rebuild_and_rebuild_repairs_it(index_copy: Path, damage: str) -> None:
    DAMAGE[damage](index_copy)
    with pytest.raises(CorruptIndexError, match="run `ipsearch index --rebuild`"):
        search_everything(index_copy)
    assert_one_line_error(cli("search", "Kazakhstan", "--index-dir", str(index_copy)), 1, str(index_copy), REBUILD)
    assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(index_copy)), 1, REBUILD)
    repaired = cli("index", str(DOCS_CORPUS), "--index-dir", str(index_copy), "--rebuild", "--json")
    assert repaired.exit_code == 0 and json.loads(repaired.stdout)["documents"] == 5
    search_everything(index_copy)


def test_damage_anywhere_in_a_segment_gives_only_documented_errors(default_index: Path, tmp_path: Path) -> None:
    """Overwrite 2 KB at many places of the segment's files, taken end to end: each read either
    works (the bytes were stored text, which has no checksum) or fails with an ipsearch error,
    never anything else."""
    sizes = [f.stat().st_size for f in segment(default_index)]
    total = sum(sizes)
    for i in range(1, 30):
        target = tmp_path / f"ix{i}"
        shutil.copytree(default_index, target)
        at = total * i // 30
        for path, size in zip(segment(target), sizes):
            if at < size:
                break
            at -= size
        data = bytearray(path.read_bytes())
        data[at : at + 2048] = random.Random(at).randbytes(2048)[: len(data[at : at + 2048])]
        path.write_bytes(bytes(data))
        try:
            search_everything(target)
        except (CorruptIndexError, ipsearch.DocumentNotFoundError):
            pass


@pytest.mark.parametrize("part", [".pst", "._stored.col", ".countries.col"])
def test_damage_met_in_the_middle_of_a_search_is_mapped(index_copy: Path, part: str) -> None:
    """Whoosh opens a segment's files up front but decodes postings, stored fields and
    columns only when a search needs them: the index opens, then the search fails."""
    path = next(f for f in segment(index_copy) if f.name.endswith(part))
    length = path.stat().st_size
    path.write_bytes(random.Random(length).randbytes(length))
    with ipsearch.open_index(index_copy) as ix, pytest.raises(CorruptIndexError, match=REBUILD):
        ix.search("Kazakhstan memorandum", facets=["countries"])
        for hit in ix.search("", limit=100).hits:
            ix.get(hit.id)
    assert_one_line_error(cli("search", "Kazakhstan", "--facet", "countries", "--index-dir", str(index_copy)), 1, REBUILD)


def test_compound_segments_of_older_indexes_still_read(default_index: Path, tmp_path: Path) -> None:
    """Indexes written before segments were plain hold each segment in one compound ``.seg``
    file: they open and answer exactly as the same index in plain files. (Both copies are
    rewritten the same way, since merging a segment changes its length statistics.)"""
    copies = {}
    for compound in (False, True):
        copies[compound] = target = tmp_path / f"ix-{compound}"
        shutil.copytree(default_index, target)
        store.open_current(target).writer(compound=compound).commit(optimize=True)
    assert [p.suffix for p in segment_parts(copies[True])] == [".seg"]
    assert ".pst" in {p.suffix for p in segment_parts(copies[False])}
    with ipsearch.open_index(copies[False]) as plain, ipsearch.open_index(copies[True]) as compound:
        for query in ("Kazakhstan memorandum", "", "申长雨", '"heads meeting"'):
            expected = plain.search(query, facets=["countries", "year"], limit=100)
            assert expected.total and compound.search(query, facets=["countries", "year"], limit=100) == expected
        assert compound.stats().documents == plain.stats().documents == 5


def test_a_reader_keeps_reading_its_segment_after_a_merge_deletes_the_files(index_copy: Path) -> None:
    """A writer's merge deletes the files of the segments it merged. Whoosh opens a segment's
    columns only when first read, yet a reader opened before the merge still reads them all."""
    ix, searcher = store.open_searcher(index_copy)
    try:
        old_files = {p.name for p in segment(index_copy)}
        store.open_current(index_copy).optimize()
        assert not old_files & {p.name for p in index_copy.iterdir()}
        reader = searcher.reader()
        stored = [searcher.stored_fields(n) for n in reader.all_doc_ids()]
        assert sorted(s["id"] for s in stored) == sorted(p.name for p in DOCS_CORPUS.iterdir() if p.is_file())
        assert "Kazakhstan" in ",".join(reader.column_reader("countries"))
    finally:
        searcher.close()


def test_a_bug_of_ours_is_not_passed_off_as_damage(index_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ipsearch import searcher

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug in ipsearch")

    monkeypatch.setattr(searcher.SearchIndex, "_hit", broken)
    with ipsearch.open_index(index_copy) as ix, pytest.raises(TypeError, match="a bug in ipsearch"):
        ix.search("Kazakhstan")


def test_an_index_of_another_schema_version(index_copy: Path) -> None:
    meta = json.loads((index_copy / store.META_FILE).read_text())
    (index_copy / store.META_FILE).write_text(json.dumps({**meta, "schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(SchemaVersionError, match=rf"schema version {SCHEMA_VERSION + 1}, this ipsearch needs {SCHEMA_VERSION}"):
        ipsearch.open_index(index_copy)
    assert_one_line_error(cli("stats", "--index-dir", str(index_copy)), 1, "schema version", REBUILD)
    assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(index_copy)), 1, REBUILD)
    assert cli("index", str(DOCS_CORPUS), "--index-dir", str(index_copy), "--rebuild").exit_code == 0
    with ipsearch.open_index(index_copy) as ix:
        assert ix.search("Kazakhstan").total == 2


# ---------------------------------------------------------------- leftovers and write failures


def test_clean_removes_leftovers_of_killed_runs_only(index_copy: Path) -> None:
    current = store.read_meta(index_copy)["indexname"]  # type: ignore[index]
    orphan = "g20200101000000abcdef"
    staged = "g20200102000000fedcba"
    (index_copy / f"{orphan}_x1y2.seg").write_bytes(b"old")
    (index_copy / f"{orphan}_x1y3.pst").write_bytes(b"old")
    (index_copy / f"_{orphan}_3.toc").write_bytes(b"old")
    (index_copy / f"{staged}_z9.seg").write_bytes(b"staged")
    (index_copy / f"{current}.tmp").mkdir()
    (index_copy / f"{current}.tmp" / "run.tmp").write_bytes(b"x")
    (index_copy / "ipsearch.tmp-4242").write_text("{")
    (index_copy / "notes.txt").write_text("not ours")
    (index_copy / "g20240101120000aaaaaa.tmp").mkdir()  # a user's things that look like generations
    (index_copy / "g20240101120000aaaaaa.tmp" / "thesis.txt").write_text("my thesis")
    (index_copy / "g19991231235959123456_draft.txt").write_text("a draft")
    meta = json.loads((index_copy / store.META_FILE).read_text())
    (index_copy / store.META_FILE).write_text(json.dumps({**meta, "staged": staged, "written": [current, orphan, staged]}))
    before = {p.name for p in index_copy.iterdir()}
    store.clean(index_copy)
    gone = before - {p.name for p in index_copy.iterdir()}
    assert gone == {f"{orphan}_x1y2.seg", f"{orphan}_x1y3.pst", f"_{orphan}_3.toc", f"{current}.tmp", "ipsearch.tmp-4242"}
    assert orphan not in store.read_meta(index_copy)["written"]  # type: ignore[index]
    search_everything(index_copy)


def test_a_folder_that_is_not_an_index_is_never_cleaned_and_refused_as_a_new_index(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    (folder / "g20240101120000aaaaaa.tmp").mkdir(parents=True)
    (folder / "g20240101120000aaaaaa.tmp" / "thesis.txt").write_text("my thesis")
    (folder / "g19991231235959123456_draft.txt").write_text("a draft")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    store.clean(folder)
    with pytest.raises(ipsearch.UsageError, match="is not empty .* holds no ipsearch index"):
        ipsearch.build_index(DOCS_CORPUS, folder)
    assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(folder)), 2, "holds no ipsearch index")
    assert sorted(p.relative_to(folder) for p in folder.rglob("*") if p.name != store.LOCK_FILE) == before


def test_an_unwritable_index_folder_is_a_runtime_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(IndexWriteError, match="cannot write the index at"):
        ipsearch.build_index(DOCS_CORPUS, blocker / "ix")
    assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(blocker / "ix")), 1, "cannot write the index")


def test_a_full_disk_keeps_the_last_commit(tmp_path: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whoosh.writing import SegmentWriter

    index_copy = tmp_path / "own-ix"
    ipsearch.build_index(corpus_copy, index_copy)
    (corpus_copy / "new.txt").write_text("A fresh bulletin about the Madrid system.\n")

    def full(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "commit", full)
    with pytest.raises(IndexWriteError, match="No space left on device; the last committed index is unchanged"):
        ipsearch.build_index(corpus_copy, index_copy)
    monkeypatch.undo()
    with ipsearch.open_index(index_copy) as ix:
        assert ix.stats().documents == 5 and ix.search("Madrid").total == 0
    assert ipsearch.build_index(corpus_copy, index_copy).added == ("new.txt",)


# ---------------------------------------------------------------- writers


def test_a_second_writer_waits_a_bounded_time_then_says_why(index_copy: Path) -> None:
    with store.write_lock(index_copy):
        started = time.monotonic()
        with pytest.raises(IndexLockedError, match=r"another process is writing .* \(waited 0.3 s\)"):
            ipsearch.build_index(DOCS_CORPUS, index_copy, lock_wait=0.3)
        assert 0.3 <= time.monotonic() - started < 3
        assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(index_copy)), 1,
                              "another process is writing")
        assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(index_copy), "--wait", "0.2"), 1,
                              "waited 0.2 s")
    assert ipsearch.build_index(DOCS_CORPUS, index_copy).documents == 5  # the lock went with its holder


def test_whoosh_own_write_lock_is_respected_too(index_copy: Path, corpus_copy: Path) -> None:
    (corpus_copy / "new.txt").write_text("A fresh bulletin about the Madrid system.\n")
    ix = store.open_current(index_copy)
    writer = ix.writer()  # a writer that does not take ipsearch's lock
    try:
        with pytest.raises(IndexLockedError, match="another process is writing"):
            ipsearch.build_index(corpus_copy, index_copy)
    finally:
        writer.cancel()


def test_searching_while_a_writer_holds_the_lock(index_copy: Path) -> None:
    with store.write_lock(index_copy), ipsearch.open_index(index_copy) as ix:
        assert ix.search("Kazakhstan").hits[0].id == KAZAKHSTAN_VISIT


# ---------------------------------------------------------------- readers and a writer in another process (step 4)

CONCURRENT_FILES = 1000


@pytest.fixture(scope="module")
def bulletins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bulletins")
    for i in range(CONCURRENT_FILES):
        (root / f"b{i:04d}.txt").write_text(f"Office bulletin {i}\n\nExaminers exchanged notes on case c{i:04d}.\n")
    return root


def spawn_index(corpus: Path, ix_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ipsearch", "index", str(corpus), "--index-dir", str(ix_dir), "--quiet",
         "--batch-size", "50", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def search_while_running(child: subprocess.Popen[bytes], ix_dir: Path) -> tuple[list[int], list[int]]:
    """Search until the child exits: fresh opens (as CLI runs do) and one long-lived index."""
    fresh: list[int] = []
    kept: list[int] = []
    long_lived = None
    while child.poll() is None:
        try:
            with ipsearch.open_index(ix_dir) as ix:
                fresh.append(ix.search("examiners", limit=1).total)
        except IndexNotFoundError:
            assert store.read_meta(ix_dir) is None  # only before the writer's first publish
            time.sleep(0.02)
            continue
        long_lived = long_lived or ipsearch.open_index(ix_dir)
        kept.append(long_lived.search("examiners", facets=["year"], limit=1).total)
        time.sleep(0.02)  # leave the writer some CPU
    if long_lived is not None:
        long_lived.close()
    assert child.returncode == 0, child.stderr.read().decode() if child.stderr else ""
    return fresh, kept


def test_searches_keep_working_while_an_index_run_commits(bulletins: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    child = spawn_index(bulletins, ix_dir)
    while store.read_meta(ix_dir) is None and child.poll() is None:
        time.sleep(0.01)
    # Never two writers: a second one is refused while the first runs...
    with pytest.raises(IndexLockedError, match="another process is writing"):
        ipsearch.build_index(bulletins, ix_dir)
    assert child.poll() is None
    fresh, kept = search_while_running(child, ix_dir)
    assert len(fresh) >= 3 and len(kept) >= 3
    assert fresh == sorted(fresh) and kept == sorted(kept)  # committed documents only ever grow
    assert all(n % 50 == 0 for n in fresh)  # whole batches only
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.search("examiners").total == CONCURRENT_FILES

    # ...and during a rebuild, readers see the whole old generation, then the whole new one.
    child = spawn_index(bulletins, ix_dir, "--rebuild")
    fresh, kept = search_while_running(child, ix_dir)
    assert set(fresh) == {CONCURRENT_FILES} and set(kept) == {CONCURRENT_FILES}
    assert "staged" not in store.read_meta(ix_dir)  # type: ignore[operator]


def test_a_waiting_writer_runs_when_the_other_finishes(bulletins: Path, tmp_path: Path) -> None:
    ix_dir = tmp_path / "ix"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from ipsearch import store\n"
         "with store.write_lock(sys.argv[1]):\n    print('locked', flush=True); time.sleep(0.8)",
         str(ix_dir)],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
    assert_one_line_error(cli("index", str(DOCS_CORPUS), "--index-dir", str(ix_dir)), 1, "another process is writing")
    started = time.monotonic()
    report = ipsearch.build_index(DOCS_CORPUS, ix_dir, lock_wait=30)
    assert report.documents == 5 and time.monotonic() - started < 30
    assert holder.wait() == 0


def test_opening_retries_when_a_commit_deletes_files_under_it(index_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that read the table of contents just before a commit replaced it tries again;
    one that fails with nothing moving around it reports damage at once."""
    from whoosh.filedb.filestore import FileStorage

    real = FileStorage.open_index
    races = {"left": 2}

    def racing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if races["left"]:
            races["left"] -= 1
            toc = next(index_copy.glob("_*.toc"))
            real(self, *args, **kwargs).writer().commit()  # another process commits: a new .toc, the old one gone
            assert not toc.exists()
            raise FileNotFoundError(2, "No such file or directory", toc.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "open_index", racing)
    with ipsearch.open_index(index_copy) as ix:
        assert ix.search("Kazakhstan").total == 2
    assert races["left"] == 0

    def broken(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        races["left"] += 1
        raise FileNotFoundError(2, "No such file or directory", "_g_1.toc")

    monkeypatch.setattr(FileStorage, "open_index", broken)
    with pytest.raises(CorruptIndexError, match="No such file or directory: _g_1.toc"):
        ipsearch.open_index(index_copy)
    assert races["left"] == 1  # no retry: nothing moved


# ---------------------------------------------------------------- damage on every read path, disposable parts (#14)


def test_damage_met_by_similar_is_damage_not_an_internal_error(index_copy: Path) -> None:
    path = next(f for f in segment(index_copy) if f.name.endswith(".pst"))
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))
    with ipsearch.open_index(index_copy) as ix, pytest.raises(CorruptIndexError, match=REBUILD):
        ix.similar(KAZAKHSTAN_VISIT)
    assert_one_line_error(cli("similar", KAZAKHSTAN_VISIT, "--index-dir", str(index_copy)), 1, "damaged", REBUILD)


def test_a_damaged_stem_file_is_recreated_by_the_next_run_and_by_a_rebuild(corpus_copy: Path, tmp_path: Path) -> None:
    from ipsearch.analysis import STEMS_FILE

    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    stems = ix_dir / STEMS_FILE
    for rebuild in (False, True):
        stems.write_bytes(b"this is not a database" * 100)
        (corpus_copy / f"new-{rebuild}.txt").write_text("A fresh bulletin about the Madrid system.\n")
        result = cli("index", str(corpus_copy), "--index-dir", str(ix_dir), *(["--rebuild"] if rebuild else []))
        assert result.exit_code == 0, result.stderr
        with sqlite3.connect(stems) as db:
            assert db.execute("SELECT count(*) FROM stems").fetchone()[0] > 100
    with ipsearch.open_index(ix_dir) as ix:
        assert ix.search("Madrid").total == 2


def test_a_killed_runs_stem_journal_is_cleaned_by_the_next_run(corpus_copy: Path, tmp_path: Path) -> None:
    from ipsearch.analysis import STEMS_FILE

    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    journal = ix_dir / f"{STEMS_FILE}-journal"
    journal.write_bytes(b"\x00" * 512)  # what a run killed mid-write of the stem file leaves
    assert ipsearch.build_index(corpus_copy, ix_dir).unchanged  # nothing to index: the journal still goes
    assert not journal.exists()
    with sqlite3.connect(ix_dir / STEMS_FILE) as db:
        assert db.execute("SELECT count(*) FROM stems").fetchone()[0] > 100


def test_a_full_disk_during_the_commit_says_so(corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whoosh.writing import SegmentWriter

    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    (corpus_copy / "new.txt").write_text("A fresh bulletin about the Madrid system.\n")

    def full(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "_commit_toc", full)  # fails inside commit, which then closes the writer
    assert_one_line_error(cli("index", str(corpus_copy), "--index-dir", str(ix_dir)), 1,
                          f"cannot write the index at {ix_dir}: No space left on device; the last committed index is unchanged")
    monkeypatch.undo()
    assert ipsearch.build_index(corpus_copy, ix_dir).added == ("new.txt",)


def _damage_column(index_dir: Path, column: str, how: str) -> None:
    path = next(f for f in segment(index_dir) if f.name.endswith(f".{column}.col"))
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "emptied":
        path.write_bytes(b"")
    else:  # overwritten in the middle, length kept
        middle = len(data) // 4
        path.write_bytes(data[:middle] + random.Random(len(data)).randbytes(len(data) // 2) + data[middle + len(data) // 2 :])


DATE_BROWSING = {
    "date_start": [("search", "", "--sort", "newest"), ("search", "", "--sort", "oldest"), ("search", "patent", "--since", "2019")],
    "date_end": [("search", "", "--until", "2021-06")],
    "year": [("search", "", "--facet", "year"), ("search", "patent", "--facet", "year", "--since", "2020")],
}


@pytest.mark.parametrize("how", ["truncated", "emptied", "overwritten"])
@pytest.mark.parametrize("column", list(DATE_BROWSING))
def test_damaged_date_and_facet_columns_give_the_damaged_index_line(index_copy: Path, column: str, how: str) -> None:
    """Date browsing reads the date and year/month columns whole: their damage is the
    damaged-index line (exit 1, rebuild), never an internal error or a traceback (#14 item 10)."""
    _damage_column(index_copy, column, how)
    for args in DATE_BROWSING[column]:
        result = cli(*args, "--index-dir", str(index_copy))
        # A filter may be answered from the postings, which are intact: a right result is fine.
        if result.exit_code == 0 and "--sort" not in args:
            assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
            continue
        assert_one_line_error(result, 1, "damaged", REBUILD)


def test_a_search_waits_while_a_first_run_creates_its_generation(tmp_path: Path) -> None:
    """A first run names its generation in ipsearch.json before Whoosh writes the generation's
    table of contents; a search that lands in between waits instead of calling it damaged."""
    import threading

    from whoosh.filedb.filestore import FileStorage

    from ipsearch.schema import build_schema

    ix_dir = tmp_path / "ix"
    ix_dir.mkdir()
    name = "g20261204000000abcdef"
    store.write_meta(ix_dir, {"format": "ipsearch", "schema_version": SCHEMA_VERSION, "indexname": name,
                              "written": [name], "first_run": True})
    creator = threading.Timer(0.3, lambda: FileStorage(str(ix_dir)).create_index(build_schema(), indexname=name))
    creator.start()
    try:
        with ipsearch.open_index(ix_dir) as ix:
            assert ix.search("anything").total == 0
    finally:
        creator.join()
    store.update_meta(ix_dir, first_run=None)
    shutil.rmtree(ix_dir / "missing", ignore_errors=True)
    for toc in ix_dir.glob(f"_{name}_*.toc"):
        toc.unlink()  # without a first run, a generation whose files are gone is damage, as before
    with pytest.raises(CorruptIndexError, match="missing its files"):
        ipsearch.open_index(ix_dir)
