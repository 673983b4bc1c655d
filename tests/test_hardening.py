"""Hardening, steps 1 and 4: bad files found in a real archive, and the run that meets them.

Every bad file is either indexed (as much of it as is text) or skipped with a stated
reason; the run goes on and every good file is indexed. Unreadable files are simulated
where the tests run as root (root reads anything), and tested for real otherwise.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ipsearch
from ipsearch import corpus, indexer
from ipsearch.analysis import analyze, text_analyzer
from ipsearch.cli import main
from ipsearch.corpus import SourceFile, Skipped, decode, discover, display_name, read_source
from ipsearch.errors import BadDocumentError, FileVanishedError, UnreadableFileError

from .conftest import CAS_PROTOCOL, CENTRAL_ASIA, DOCS_CORPUS, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA


def _mode_000_stops_us() -> bool:
    """False as root (or with CAP_DAC_OVERRIDE): then unreadable files are simulated."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_text("x")
        probe.chmod(0)
        try:
            probe.read_text()
        except PermissionError:
            return True
        finally:
            probe.chmod(0o600)
    return False


MODE_000_WORKS = _mode_000_stops_us()


PPH_NEWS = (
    "CNIPA and the Danish office extend their patent prosecution pilot\n\n"
    "Copenhagen, 12 March 2021. The two offices agreed to run the Patent Prosecution Highway "
    "pilot for another three years, citing shorter pendency for applicants in both countries.\n"
)
GENEVA_NEWS = (
    "WIPO hosts a seminar on examination quality\n\n"
    "Geneva. Examiners from twelve offices met to compare quality-assurance practice.\n"
)

#: A distinctive query for each default text: all five must stay searchable.
DEFAULT_QUERIES = {
    KAZAKHSTAN_VISIT: "Nurly Zhol",
    CENTRAL_ASIA: "Kerimbaeva",
    MONGOLIA_RUSSIA: "Mongolia",
    KIPO_MEETING: "KIPO",
    CAS_PROTOCOL: "Academy of Sciences",
}


def sources(root: Path, **kwargs: object) -> dict[str, SourceFile | Skipped]:
    return {item.path if isinstance(item, Skipped) else item.doc_id: item for item in discover(root, **kwargs)}  # type: ignore[arg-type]


def make_bad_name(folder: Path, raw: bytes, text: str) -> bytes:
    """Create a file whose name is not UTF-8 (skip where the file system refuses such names)."""
    path = os.path.join(os.fsencode(folder), raw)
    try:
        with open(path, "wb") as fh:
            fh.write(text.encode())
    except OSError as exc:
        pytest.skip(f"this file system refuses names that are not UTF-8: {exc}")
    return path


@pytest.fixture()
def deny_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Paths in the yielded set fail to open with EACCES, as under chmod 000 for a normal user."""
    denied: set[str] = set()
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    yield denied


# ---------------------------------------------------------------- one bad file at a time


def test_binary_empty_and_blank_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02" + bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\r\n \u3000\n")
    reasons = {}
    for doc_id, item in sources(tmp_path).items():
        with pytest.raises(BadDocumentError) as err:
            read_source(item)  # type: ignore[arg-type]
        reasons[doc_id] = str(err.value)
    assert reasons == {"scan.txt": "binary file (not text)", "empty.txt": "empty file",
                       "blank.txt": "no text (only whitespace)"}


def test_a_stray_invalid_byte_costs_that_byte_only(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "stray.txt").write_bytes(PPH_NEWS.encode().replace(b"pendency", b"pend\xffency"))
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert "stray.txt" in report.added and not report.skipped
    with ipsearch.open_index(tmp_path / "ix") as ix:
        assert [h.id for h in ix.search("Copenhagen applicants").hits][:1] == ["stray.txt"]
        body = ix.get("stray.txt").body or ""
        # The byte is dropped, so the word it sat in is whole and searchable again.
        assert "pendency" in body and "\xff" not in body and len(body) <= len(PPH_NEWS)
        assert "stray.txt" in [h.id for h in ix.search("pendency").hits]
        assert ix.get("stray.txt").encoding == "utf-8 (invalid bytes dropped)"


def test_files_over_the_size_cap_are_skipped_before_being_read(tmp_path: Path, corpus_copy: Path) -> None:
    big = corpus_copy / "archive-dump.txt"
    line = b"Patent office cooperation bulletin, page after page of the same archive.\n"
    with open(big, "wb") as fh:
        for _ in range(20 * 1048576 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 20 * 1048576
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("archive-dump.txt", "file is 20.0 MB, over the 5 MB size cap (see --max-file-mb)")
    ]
    assert len(report.added) == 5


def test_the_size_cap_is_exact_and_adjustable(tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text("x" * 999 + "\n")  # 1,000 bytes
    item = sources(tmp_path)["small.txt"]
    assert read_source(item, max_bytes=1000).size == 1000  # type: ignore[arg-type]
    with pytest.raises(BadDocumentError, match="size cap"):
        read_source(item, max_bytes=999)  # type: ignore[arg-type]


def test_a_file_that_grows_past_the_cap_after_discovery_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "growing.txt"
    path.write_text("Opening paragraph of a news item.\n")
    item = sources(tmp_path)["growing.txt"]
    path.write_text("Opening paragraph of a news item.\n" * 100)  # now 3,400 bytes
    with pytest.raises(BadDocumentError, match="over the .* size cap"):
        read_source(item, max_bytes=2000)  # type: ignore[arg-type]


def test_a_name_that_is_not_utf8_gets_an_escaped_id(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    make_bad_name(corpus_dir, b"caf\xe9-geneva.txt", GENEVA_NEWS)
    report = ipsearch.build_index(corpus_dir, tmp_path / "ix")
    assert report.added == ("caf\\xe9-geneva.txt",)
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # representable
    with ipsearch.open_index(tmp_path / "ix") as ix:
        hit = ix.search("Geneva examiners").hits[0]
        assert hit.id == "caf\\xe9-geneva.txt" and hit.path.endswith("caf\\xe9-geneva.txt")
        hit.path.encode("utf-8")
        assert "twelve offices" in ix.get("caf\\xe9-geneva.txt").body
    again = ipsearch.build_index(corpus_dir, tmp_path / "ix")
    assert again.unchanged == ("caf\\xe9-geneva.txt",)
    raw_name = os.fsdecode(b"caf\xe9-geneva.txt")  # as a shell passes the real file name
    shown = CliRunner().invoke(main, ["show", raw_name, "--index-dir", str(tmp_path / "ix"), "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == "caf\\xe9-geneva.txt"
    with ipsearch.open_index(tmp_path / "ix") as ix, pytest.raises(ipsearch.UsageError, match="not valid Unicode"):
        ix.get(raw_name)


def test_names_that_clash_once_escaped_are_both_reported(tmp_path: Path) -> None:
    make_bad_name(tmp_path, b"caf\xe9.txt", GENEVA_NEWS)
    (tmp_path / "caf\\xe9.txt").write_text(PPH_NEWS)
    found = list(discover(tmp_path))
    assert [type(i) for i in found].count(SourceFile) == 1
    clash = [i for i in found if isinstance(i, Skipped)]
    assert len(clash) == 1 and clash[0].path == "caf\\xe9.txt" and "rename one" in clash[0].reason


def test_display_name_keeps_valid_text_and_escapes_the_rest() -> None:
    assert display_name("新闻/Genève.txt") == "新闻/Genève.txt"
    assert display_name(os.fsdecode(b"a\xff\xfeb.txt")) == "a\\xff\\xfeb.txt"
    assert display_name("lone\ud800") == "lone\\ud800"


def test_links_loops_folders_and_special_files_each_get_a_reason(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(GENEVA_NEWS)
    (root / "real.txt").write_text(PPH_NEWS)
    try:
        (root / "loop.txt").symlink_to("loop.txt")
        (root / "dangling.txt").symlink_to("no-such-file.txt")
        (root / "twin.txt").symlink_to("real.txt")
        (root / "outside.txt").symlink_to(outside)
        (root / "mirror").symlink_to(root, target_is_directory=True)
    except (OSError, NotImplementedError) as exc:
        pytest.skip(f"no symlinks here: {exc}")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
    found = sources(root)
    assert isinstance(found["real.txt"], SourceFile)
    reasons = {k: v.reason for k, v in found.items() if isinstance(v, Skipped)}
    assert reasons["loop.txt"].startswith("symlink loop")
    assert reasons["dangling.txt"].startswith("broken link")
    assert reasons["twin.txt"] == "link to real.txt, which is indexed under its own id"
    assert reasons["mirror"].startswith("link to a folder (not followed")
    assert reasons["outside.txt"].startswith("link to a file outside the corpus folder (not followed")
    if hasattr(os, "mkfifo"):
        assert reasons["pipe.txt"] == "not a regular file (a FIFO)"
    report = ipsearch.build_index(root, tmp_path / "ix")  # the FIFO must not hang the run
    assert set(report.added) == {"real.txt"}
    with ipsearch.open_index(tmp_path / "ix") as ix:
        assert ix.search("Geneva").total == 0  # the outside file is neither indexed nor shown
    followed = ipsearch.build_index(root, tmp_path / "ix", follow_links=True)
    assert followed.added == ("outside.txt",)


def test_read_errors_tell_a_passing_problem_from_bad_content(tmp_path: Path, deny_open: set[str]) -> None:
    """The indexer keeps an indexed copy on UnreadableFileError, drops it on FileVanishedError."""
    (tmp_path / "a.txt").write_text(PPH_NEWS)
    (tmp_path / "b.txt").write_text(GENEVA_NEWS)
    found = sources(tmp_path)
    deny_open.add(str(tmp_path / "a.txt"))
    with pytest.raises(UnreadableFileError, match="cannot read: Permission denied") as err:
        read_source(found["a.txt"])  # type: ignore[arg-type]
    assert not isinstance(err.value, FileVanishedError)
    (tmp_path / "b.txt").unlink()
    with pytest.raises(FileVanishedError, match="vanished during the run"):
        read_source(found["b.txt"])  # type: ignore[arg-type]


def test_unreadable_file_is_skipped_and_the_run_goes_on(tmp_path: Path, corpus_copy: Path, deny_open: set[str]) -> None:
    locked = corpus_copy / "locked.txt"
    locked.write_text(PPH_NEWS)
    deny_open.add(str(locked))
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert [(s.path, s.reason) for s in report.skipped] == [("locked.txt", "cannot read: Permission denied")]
    assert len(report.added) == 5


@pytest.mark.skipif(not MODE_000_WORKS, reason="this process reads files whatever their mode (root): simulated above")
def test_chmod_000_file_and_folder_for_real(tmp_path: Path, corpus_copy: Path) -> None:
    locked = corpus_copy / "locked.txt"
    locked.write_text(PPH_NEWS)
    (corpus_copy / "closed").mkdir()
    (corpus_copy / "closed" / "inside.txt").write_text(GENEVA_NEWS)
    locked.chmod(0)
    (corpus_copy / "closed").chmod(0)
    try:
        report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    finally:
        locked.chmod(0o644)
        (corpus_copy / "closed").chmod(0o755)
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons["locked.txt"].startswith("cannot read")
    assert reasons["closed"].startswith("folder cannot be read")
    assert len(report.added) == 5


def test_unreadable_folder_is_reported_not_silently_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inside.txt").write_text(GENEVA_NEWS)
    (tmp_path / "open.txt").write_text(PPH_NEWS)
    real_scandir = os.scandir

    def fake_scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    found = sources(tmp_path)
    assert isinstance(found["open.txt"], SourceFile)
    assert found["closed"].reason == "folder cannot be read (Permission denied); nothing in it is indexed"  # type: ignore[union-attr]


def test_an_indexed_file_that_turns_unreadable_keeps_its_copy(tmp_path: Path, corpus_copy: Path, deny_open: set[str]) -> None:
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    path = corpus_copy / KIPO_MEETING
    path.write_text(path.read_text() + "\nA later paragraph.\n")
    deny_open.add(str(path))
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert not report.removed and report.documents == 5
    assert report.skipped[0].reason == "cannot read: Permission denied; the indexed copy is kept"
    with ipsearch.open_index(tmp_path / "ix") as ix:
        assert ix.search("KIPO").hits[0].id == KIPO_MEETING


def test_an_indexed_file_that_turns_binary_is_removed_and_reported(tmp_path: Path, corpus_copy: Path) -> None:
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    (corpus_copy / KIPO_MEETING).write_bytes(b"\x00\x01\x02\x03" * 500)
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert report.removed == (KIPO_MEETING,)
    assert [(s.path, s.reason) for s in report.skipped] == [(KIPO_MEETING, "binary file (not text)")]
    assert report.documents == 4


def test_files_that_vanish_during_the_run(tmp_path: Path, corpus_copy: Path) -> None:
    ix_dir = tmp_path / "ix"
    ipsearch.build_index(corpus_copy, ix_dir)
    (corpus_copy / "zz-new.txt").write_text(GENEVA_NEWS)
    old = corpus_copy / "zz-old.txt"
    old.write_text(PPH_NEWS)
    ipsearch.build_index(corpus_copy, ix_dir)
    (corpus_copy / "zz-new.txt").unlink()
    (corpus_copy / "zz-new.txt").write_text(GENEVA_NEWS + "\nUpdated.\n")  # changed: will be read
    old.write_text(PPH_NEWS + "\nUpdated.\n")

    def delete_after_discovery(done: int, total: int, doc_id: str) -> None:
        if done == 1:  # both files were found; now they go away before being read
            (corpus_copy / "zz-new.txt").unlink()
            old.unlink()

    report = ipsearch.build_index(corpus_copy, ix_dir, progress=delete_after_discovery)
    assert report.removed == ("zz-new.txt", "zz-old.txt")  # both were indexed before
    assert report.documents == 5 and not report.skipped

    (corpus_copy / "zz-brand-new.txt").write_text(GENEVA_NEWS)
    report = ipsearch.build_index(corpus_copy, ix_dir, progress=lambda done, total, _id: (
        (corpus_copy / "zz-brand-new.txt").unlink() if done == 1 else None))
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("zz-brand-new.txt", "vanished during the run (deleted after it was found)")
    ]


def test_a_file_changed_after_discovery_is_indexed_as_it_is_now(
    tmp_path: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files are read a chunk at a time; chunks of one file put the rewrite below between
    # the discovery of zz-late.txt and its reading.
    monkeypatch.setattr(indexer, "CHUNK_FILES", 1)
    late = corpus_copy / "zz-late.txt"
    late.write_text(PPH_NEWS)

    def rewrite(done: int, total: int, doc_id: str) -> None:
        if done == 1:
            late.write_text(GENEVA_NEWS + "A paragraph added while the run was going on.\n")

    report = ipsearch.build_index(corpus_copy, tmp_path / "ix", progress=rewrite)
    assert "zz-late.txt" in report.added
    with ipsearch.open_index(tmp_path / "ix") as ix:
        assert "while the run was going on" in ix.get("zz-late.txt").body
        assert ix.search("Copenhagen").total == 0
    # The stamp stored is the one of the content read, so the next run trusts it.
    assert ipsearch.build_index(corpus_copy, tmp_path / "ix").unchanged.count("zz-late.txt") == 1


def appending_open(target: Path, times: int):  # type: ignore[no-untyped-def]
    """An ``open`` for ipsearch.corpus whose reads of ``target`` append to it ``times`` times
    (a writer still busy with the file while it is read)."""
    real_open = open
    state = {"left": times}

    def fake_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        fh = real_open(file, mode, *args, **kwargs)
        if not isinstance(file, int) or not os.path.samestat(os.fstat(file), target.stat()):
            return fh
        real_read = fh.read

        class Reader:
            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc: object) -> None:
                fh.close()

            def read(self, n: int = -1) -> bytes:
                data = real_read(n)
                if state["left"] > 0:
                    state["left"] -= 1
                    with real_open(target, "ab") as out:
                        out.write(b"More text arriving.\n")
                return data

        return Reader()

    return fake_open


def test_a_file_written_while_read_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "live.txt"
    path.write_text(PPH_NEWS)
    item = sources(tmp_path)["live.txt"]
    monkeypatch.setattr(corpus, "open", appending_open(path, times=1), raising=False)
    source = read_source(item)  # type: ignore[arg-type]
    assert source.text.endswith("More text arriving.\n")
    assert source.stamp == f"{path.stat().st_size}:{path.stat().st_mtime_ns}"


def test_a_file_that_keeps_changing_is_skipped_and_its_copy_kept(
    tmp_path: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ipsearch.build_index(corpus_copy, tmp_path / "ix")
    path = corpus_copy / KIPO_MEETING
    path.write_text(path.read_text() + "\nA correction.\n")
    monkeypatch.setattr(corpus, "open", appending_open(path, times=100), raising=False)
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert report.skipped[0].path == KIPO_MEETING
    assert report.skipped[0].reason.startswith("changed while being read")
    assert report.skipped[0].reason.endswith("the indexed copy is kept")
    assert report.documents == 5


def test_the_index_folder_inside_the_corpus_is_not_indexed(corpus_copy: Path) -> None:
    report = ipsearch.build_index(corpus_copy, corpus_copy / "index")
    again = ipsearch.build_index(corpus_copy, corpus_copy / "index")
    assert len(report.added) == 5 and not again.skipped and not again.added and again.documents == 5


def test_the_index_folder_cannot_be_the_corpus_folder(corpus_copy: Path) -> None:
    with pytest.raises(ipsearch.UsageError, match="cannot be the corpus folder"):
        ipsearch.build_index(corpus_copy, corpus_copy)


def test_a_bug_on_one_file_costs_that_file_only(tmp_path: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = indexer.extract

    def fragile(source, lexicon=None):  # type: ignore[no-untyped-def]
        if source.doc_id == KIPO_MEETING:
            raise ValueError("unexpected layout")
        return real_extract(source, lexicon)

    monkeypatch.setattr(indexer, "extract", fragile)
    report = ipsearch.build_index(corpus_copy, tmp_path / "ix")
    assert len(report.added) == 4
    assert report.skipped[0].reason == "could not be analysed (ValueError: unexpected layout); please report this"


# ---------------------------------------------------------------- all of them at once (the "done when" check)


def test_every_bad_file_is_reported_while_the_five_texts_stay_searchable(
    tmp_path: Path, corpus_copy: Path, deny_open: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus_copy
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("   \n\n\t \n")
    (root / "stray-byte.txt").write_bytes(PPH_NEWS.encode().replace(b"pendency", b"pend\xffency"))
    with open(root / "huge.txt", "wb") as fh:
        fh.truncate(20 * 1048576)  # 20 MB: skipped by size, never read
    make_bad_name(root, b"caf\xe9-geneva.txt", GENEVA_NEWS)
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "locked.txt").write_text("An embargoed statement.\n")
    deny_open.add(str(root / "locked.txt"))
    (root / "vanishing.txt").write_text("A draft that is deleted during the run.\n")
    (root / "growing.txt").write_text("A log still being written.\n")
    monkeypatch.setattr(corpus, "open", appending_open(root / "growing.txt", times=100), raising=False)
    real_discover = indexer.discover

    def discover_then_delete(*args, **kwargs):  # type: ignore[no-untyped-def]
        yield from real_discover(*args, **kwargs)
        (root / "vanishing.txt").unlink(missing_ok=True)

    monkeypatch.setattr(indexer, "discover", discover_then_delete)

    result = CliRunner().invoke(main, ["index", str(root), "--index-dir", str(tmp_path / "ix"), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    reasons = {s["path"]: s["reason"] for s in data["skipped"]}
    assert reasons == {
        "binary.txt": "binary file (not text)",
        "empty.txt": "empty file",
        "blank.txt": "no text (only whitespace)",
        "huge.txt": "file is 20.0 MB, over the 5 MB size cap (see --max-file-mb)",
        "loop.txt": "symlink loop (the link leads back to itself)",
        "locked.txt": "cannot read: Permission denied",
        "vanishing.txt": "vanished during the run (deleted after it was found)",
        "growing.txt": "changed while being read (still being written?); it is indexed by a later run",
    }
    assert sorted(data["added_ids"]) == sorted([*DEFAULT_QUERIES, "caf\\xe9-geneva.txt", "stray-byte.txt"])
    with ipsearch.open_index(tmp_path / "ix") as ix:
        for doc_id, query in DEFAULT_QUERIES.items():
            assert doc_id in [h.id for h in ix.search(query).hits], query
        assert ix.search("Copenhagen").hits[0].id == "stray-byte.txt"
        assert ix.search("examination quality").hits[0].id == "caf\\xe9-geneva.txt"
    text = CliRunner().invoke(main, ["index", str(root), "--index-dir", str(tmp_path / "ix")])
    assert text.exit_code == 0 and "skipped loop.txt: symlink loop" in text.stdout


def test_the_cli_size_cap_option(tmp_path: Path, corpus_copy: Path) -> None:
    result = CliRunner().invoke(main, ["index", str(corpus_copy), "--index-dir", str(tmp_path / "ix"),
                                       "--max-file-mb", "0.004", "--json"])
    data = json.loads(result.stdout)
    big = {s["path"] for s in data["skipped"]}
    assert big == {p.name for p in corpus_copy.iterdir() if p.stat().st_size > 0.004 * 1048576}
    assert big and data["added"] == 5 - len(big)


# ---------------------------------------------------------------- properties: decoding and analysis


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_decode_never_crashes_on_random_bytes(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except BadDocumentError:
        return
    assert isinstance(text, str) and isinstance(encoding, str) and encoding
    text.encode("utf-8")  # never a lone surrogate: the index stores UTF-8


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.text(max_size=200))
def test_decode_keeps_text_with_a_few_bad_bytes(noise: bytes, words: str) -> None:
    data = words.encode("utf-8") + noise[:2]
    try:
        text, _ = decode(data)
    except BadDocumentError:
        return
    text.encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_analyzer_tokens_keep_valid_offsets(text: str) -> None:
    for mode in ("index", "query"):
        for token in analyze(text, mode=mode):
            assert 0 <= token.start <= token.end <= len(text)
            assert token.token
    # Whoosh's own call (as highlighting makes it), offset by a start position.
    for t in text_analyzer()(text, positions=True, chars=True, start_char=7, removestops=False):
        assert 7 <= t.startchar <= t.endchar <= len(text) + 7


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "Z", "S")), max_size=200))
def test_analyzer_token_spans_cover_real_text(text: str) -> None:
    for token in analyze(text):
        span = text[token.start:token.end]
        assert span.strip(), (token, span)
        assert not unicodedata.category(span[0]).startswith("Z")


def test_the_readme_states_the_limits_the_code_applies() -> None:
    from ipsearch.query import MAX_QUERY_CHARS

    readme = " ".join((DOCS_CORPUS.parent / "README.md").read_text(encoding="utf-8").split())
    assert f"**size cap, {corpus.MAX_FILE_BYTES / 1048576:g} MB**" in readme
    assert f"default {indexer.BATCH_SIZE:,}" in readme
    assert f"more than {MAX_QUERY_CHARS:,} characters" in readme
    for code in ("| 0 |", "| 1 | runtime error", "| 2 | usage error"):
        assert code in readme
