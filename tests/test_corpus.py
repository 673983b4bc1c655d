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
        (b"\xfe\xff" + "Genève 知识产权".encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + "Genève 知识产权".encode("utf-32-le"), "utf-32-le"),
        (b"\x00\x00\xfe\xff" + "Genève 知识产权".encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_decode_utf_variants(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert text == "Genève 知识产权"
    assert used == encoding


# Short on purpose: the shorter the text, the harder GB18030 and Big5 are to tell apart.
SIMPLIFIED = "国家知识产权局与韩国知识产权局签署备忘录。"
TRADITIONAL = "韓國知識產權局與國家知識產權局簽署備忘錄。"


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (SIMPLIFIED, "gb2312", "gb18030"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "cp950", "big5"),
        (TRADITIONAL, "gb18030", "gb18030"),  # Traditional text saved by a mainland tool
        ("申长雨", "gb18030", "gb18030"),
        ("申長雨", "big5", "big5"),
        ("WIPO 大会在日内瓦闭幕 (Genève)", "gb18030", "gb18030"),
        ("Delegations met in Genève – “busy but fruitful”.", "cp1252", "cp1252"),
    ],
)
def test_decode_guesses_chinese_and_single_byte_encodings(text: str, codec: str, encoding: str) -> None:
    assert decode(text.encode(codec)) == (text, encoding)


def test_gb18030_four_byte_characters_decode() -> None:
    text = "𠮷野家与知识产权局合作。"  # U+20BB7 is outside GBK: four bytes in GB18030
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_bytes_no_code_page_defines_fall_back_to_latin1() -> None:
    data = b"Caf\xe9 \x81\x8d\x8f\x90\x9d end"  # undefined in cp1252, garbage as GB18030 or Big5
    text, used = decode(data)
    assert used == "latin-1" and text.startswith("Café ")


def test_a_stray_invalid_byte_loses_only_that_byte() -> None:
    text, used = decode("申长雨 visited Kazakhstan. ".encode() * 20 + b"\xff" + b" The end.")
    assert "Kazakhstan" in text and "\ufffd" not in text
    assert text.endswith("Kazakhstan.  The end.")
    assert used == "utf-8 (invalid bytes dropped)"


def test_a_stray_invalid_byte_in_gb18030_loses_only_that_byte() -> None:
    data = ("国家知识产权局与韩国知识产权局签署备忘录。" * 5).encode("gb18030")
    text, used = decode(data[:40] + b"\xff" + data[40:])
    assert used == "gb18030 (invalid bytes dropped)"
    assert text == "国家知识产权局与韩国知识产权局签署备忘录。" * 5


def test_an_odd_utf16_tail_is_dropped() -> None:
    text, used = decode(b"\xff\xfe" + "知识产权".encode("utf-16-le") + b"\x00")
    assert text == "知识产权" and used == "utf-16-le (invalid bytes dropped)"


def test_newlines_and_wide_spaces_are_normalised_without_moving_offsets() -> None:
    text, _ = decode("标题\r\n\u3000正文\rend".encode("gb18030"))
    assert text == "标题\n 正文\nend"


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


def test_a_stray_byte_in_ascii_english_is_dropped_not_read_as_a_letter() -> None:
    text, used = decode(b"Examiners cut the pend\xffency of applications. " + b"More plain English text. " * 40)
    assert text.startswith("Examiners cut the pendency of") and used == "utf-8 (invalid bytes dropped)"


def test_a_short_western_european_file_is_still_cp1252() -> None:
    assert decode("Talks in Genève and Málaga.".encode("cp1252")) == ("Talks in Genève and Málaga.", "cp1252")


def test_pinyin_glued_after_han_characters_is_dropped_but_english_in_brackets_stays(tmp_path: Path) -> None:
    page = ("韓國知識產(chǎn)權局局長李明浩訪問臺灣\n2021年3月4日，韓國知識產(chǎn)權局(KIPO)局長李明浩"
            "與智慧財產(chǎn)局簽署合作備忘錄，雙方同意推動專利審查高速公路(PPH)與產(chǎn)業(yè)交流(de)。\n")
    (tmp_path / "reading-aid.txt").write_text(page, encoding="utf-8")
    (tmp_path / "reading-aid.html").write_text(
        f"<html><head><title>韓國知識產(chǎn)權局局長李明浩訪問臺灣</title></head><body><p>{page}</p></body></html>",
        encoding="utf-8")
    texts = {f.doc_id: read_source(f) for f in discover(tmp_path) if isinstance(f, SourceFile)}
    plain = texts["reading-aid.txt"].text
    assert "知識產權局" in plain and "產業交流" in plain and "(chǎn)" not in plain
    assert "(KIPO)" in plain and "(PPH)" in plain  # an acronym gloss is not a reading
    assert "(de)" in plain  # no tone mark: not taken for a reading
    assert texts["reading-aid.html"].title == "韓國知識產權局局長李明浩訪問臺灣"


def test_toneless_readings_are_dropped_only_on_a_page_full_of_them(tmp_path: Path) -> None:
    mirror = "閩臺知識產(chan) 權研討會(hui) 在廈門舉(ju) 行,兩岸專(zhuan) 家出席。\n"
    plain = "會議由國家知識產權局(ip)與研究會(hui) 合辦。\n"  # one: a gloss or a typo, left as written
    (tmp_path / "mirror.txt").write_text(mirror, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(plain, encoding="utf-8")
    texts = {f.doc_id: read_source(f).text for f in discover(tmp_path) if isinstance(f, SourceFile)}
    assert texts["mirror.txt"] == "閩臺知識產權研討會在廈門舉行,兩岸專家出席。\n"
    assert texts["plain.txt"] == plain
