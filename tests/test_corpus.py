"""Step 1: files on disk -> decoded text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsearch.corpus import SourceFile, Skipped, decode, discover, read_source
from ipsearch.errors import BadDocumentError, CorpusError

from .conftest import DOCS_CORPUS


def test_discover_lists_every_regular_file_with_posix_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("one")
    (tmp_path / "two.md").write_text("two")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    found = [f.doc_id for f in discover(tmp_path) if isinstance(f, SourceFile)]
    assert found == ["two.md", "a/one.txt"] or sorted(found) == ["a/one.txt", "two.md"]
    assert ".hidden.txt" not in found and ".git/config" not in found


def test_discover_the_default_corpus_finds_five_texts() -> None:
    files = [f for f in discover(DOCS_CORPUS) if isinstance(f, SourceFile)]
    assert len(files) == 5


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        list(discover(tmp_path / "nope"))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Genève 知识产权".encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + "Genève 知识产权".encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + "Genève 知识产权".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_decode_utf_variants(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert text == "Genève 知识产权"
    assert used == encoding


def test_a_stray_invalid_byte_loses_only_that_byte() -> None:
    text, used = decode("申长雨 visited Kazakhstan. ".encode() * 20 + b"\xff" + b" The end.")
    assert "Kazakhstan" in text and "\ufffd" not in text
    assert "invalid" in used


def test_binary_data_is_refused() -> None:
    with pytest.raises(BadDocumentError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_read_source_reports_empty_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    reasons = {}
    for item in discover(tmp_path):
        assert not isinstance(item, Skipped)
        with pytest.raises(BadDocumentError) as err:
            read_source(item)
        reasons[item.doc_id] = str(err.value)
    assert reasons == {"blank.txt": "no text (only whitespace)", "empty.txt": "empty file"}


def test_read_source_hashes_content(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Same words\n")
    first = read_source(next(f for f in discover(tmp_path) if isinstance(f, SourceFile)))
    path.write_text("Other words\n")
    second = read_source(next(f for f in discover(tmp_path) if isinstance(f, SourceFile)))
    assert first.content_hash != second.content_hash
    assert second.text == "Other words\n"
