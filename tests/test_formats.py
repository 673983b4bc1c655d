"""Step 1b: saved web pages and Markdown are read as documents, not as plain text."""

from __future__ import annotations

import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ipsearch
from ipsearch.corpus import SourceFile, discover, read_source
from ipsearch.errors import BadDocumentError
from ipsearch.formats import read_html, read_markdown, strip_site_name

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SAME = ("title", "date", "people", "organizations", "countries", "language")


@pytest.fixture(scope="module")
def three_formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ipsearch.SearchHit]:
    root = tmp_path_factory.mktemp("formats")
    corpus, index = root / "corpus", root / "index"
    corpus.mkdir()
    for name in ("article.txt", "article.html", "article.md"):
        shutil.copy(FIXTURES / name, corpus / name)
    report = ipsearch.build_index(corpus, index, workers=1)
    assert not report.skipped and report.documents == 3
    with ipsearch.open_index(index) as ix:
        hits = {name: ix.get(name) for name in ("article.txt", "article.html", "article.md")}
        hits["search:kazakhstan"] = ix.search("Kazakhstan").hits  # type: ignore[assignment]
        hits["search:lisbon"] = ix.search("Lisbon examiners", limit=5).hits  # type: ignore[assignment]
    return hits


def test_one_article_in_three_formats_gives_the_same_metadata(three_formats: dict) -> None:
    txt = three_formats["article.txt"]
    assert txt.title == "Patent Offices of Brazil and Portugal Agree to Share Examination Results"
    assert txt.date == "2023-07-25"
    assert "Ana Bandeira" in txt.people and "Portugal" in txt.countries and "Brazil" in txt.countries
    for name in ("article.html", "article.md"):
        other = three_formats[name]
        for field in SAME:
            assert getattr(other, field) == getattr(txt, field), (name, field)


def test_page_script_navigation_and_footer_are_not_indexed(three_formats: dict) -> None:
    html = three_formats["article.html"]
    assert three_formats["search:kazakhstan"] == ()  # only in the page's scripts
    assert "Kazakhstan" not in html.countries
    for furniture in ("Japan", "Germany", "Switzerland", "Argentina"):  # menu, sidebar, footer, comments
        assert furniture not in html.countries
    assert html.date != "2024-01-12"  # the footer's "Last updated" date does not win


def test_snippets_show_no_tag_or_markup(three_formats: dict) -> None:
    hits = three_formats["search:lisbon"]
    assert {h.id for h in hits} == {"article.txt", "article.html", "article.md"}
    for hit in hits:
        assert "Lisbon" in hit.snippet
        for mark in ("<", ">", "](", "**", "_Rio", "&#"):
            assert mark not in hit.snippet, (hit.id, mark)


def _read(tmp_path: Path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    (tmp_path / name).write_bytes(data)
    item = next(f for f in discover(tmp_path) if isinstance(f, SourceFile) and f.doc_id == name)
    return read_source(item)


def test_chinese_page_in_gb18030_is_read_with_its_declared_charset(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="gb2312"><title>中哈两国知识产权局签署合作备忘录_国家知识产权局</title></head>'
            "<body><div class=\"nav\">首页 | 新闻 | 联系我们</div><div class=\"content\"><p>2023年7月25日</p>"
            "<p>国家知识产权局局长申长雨与哈萨克斯坦司法部部长在北京签署了两局合作备忘录。双方表示将继续加强专利审查合作。</p>"
            "</div></body></html>")
    source = _read(tmp_path, "zh.html", page.encode("gb18030"))
    assert source.encoding == "gb18030"
    assert source.title == "中哈两国知识产权局签署合作备忘录"
    assert source.text.splitlines()[0] == "中哈两国知识产权局签署合作备忘录"
    assert "申长雨" in source.text and "联系我们" not in source.text


def test_a_utf8_page_that_declares_another_charset_stays_utf8(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>Genève: 知识产权合作</p></body></html>'
    source = _read(tmp_path, "saved.htm", page.encode("utf-8"))
    assert source.encoding == "utf-8" and "Genève: 知识产权合作" in source.text


def test_broken_html_still_reads(tmp_path: Path) -> None:
    page = (b"<html><body><h1>Offices of Chile and Peru meet<p>Santiago, 3 May 2022<p>The heads of the two offices"
            b" met in <b>Santiago <i>on Tuesday.<div><p>They agreed to train examiners together</table></span>")
    source = _read(tmp_path, "broken.htm", page)
    assert source.title == "Offices of Chile and Peru meet"
    lines = source.text.splitlines()
    assert lines[0] == "Offices of Chile and Peru meet"
    assert "Santiago, 3 May 2022" in lines
    assert "They agreed to train examiners together" in source.text
    assert "<" not in source.text


def test_an_unclosed_navigation_block_does_not_swallow_the_article() -> None:
    page = ('<body><div class="menu-and-content"><nav class="menu"><a>Home</a>'
            + "<p>The offices of Chile and Peru signed a work-sharing agreement on examination. " * 5
            + "</body>")
    assert "work-sharing agreement" in read_html(page).text


def test_the_article_is_preferred_over_the_rest_of_the_page() -> None:
    page = ("<body><div>Latest headlines: Japan and India, France and Spain</div>"
            "<article><h1>Chile and Peru sign patent deal</h1><p>" + "The two offices agreed on examination. " * 4
            + "</p></article><div>More stories from around the world</div></body>")
    result = read_html(page)
    assert result.title == "Chile and Peru sign patent deal"
    assert "Japan" not in result.text and "More stories" not in result.text
    assert result.text.startswith("Chile and Peru sign patent deal\n\nThe two offices agreed")


def test_a_page_with_only_furniture_and_scripts_is_a_bad_document(tmp_path: Path) -> None:
    page = b"<html><head><script>var x = 'Kazakhstan';</script></head><body><nav>Home</nav></body></html>"
    with pytest.raises(BadDocumentError, match="no visible text"):
        _read(tmp_path, "empty.html", page)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Brazil and Portugal sign an MoU | IP Cooperation News", "Brazil and Portugal sign an MoU"),
        ("Brazil and Portugal sign an MoU - WIPO", "Brazil and Portugal sign an MoU"),
        ("中哈签署合作备忘录_国家知识产权局", "中哈签署合作备忘录"),
        ("WIPO - A new treaty on designs enters into force", "WIPO - A new treaty on designs enters into force"),
        ("A headline without a site", "A headline without a site"),
    ],
)
def test_site_name_is_cut_from_the_page_title(title: str, expected: str) -> None:
    assert strip_site_name(title) == expected


def test_markdown_without_front_matter_takes_its_first_heading_as_title() -> None:
    md = ("Setext intro line\n\n## Chile and Peru sign a **patent** deal ##\n\n| Office | Head |\n|---|---|\n"
          "| INAPI | Loreto Bresky |\n\n```\ncode sample\n```\n\nSee [the text](https://example.org/x_(y)) and "
          "`the annex`, or ![a map](map.png).\n")
    result = read_markdown(md)
    assert result.title == "Chile and Peru sign a patent deal"
    assert result.text.splitlines()[0] == "Chile and Peru sign a patent deal"
    assert "INAPI  Loreto Bresky" in result.text and "code sample" in result.text
    assert "See the text and the annex, or a map." in result.text
    assert not any(mark in result.text for mark in ("|", "**", "](", "```", "#", "`"))


def test_markdown_joins_wrapped_lines_but_keeps_hard_breaks() -> None:
    result = read_markdown("# Title of the story\n\nfirst half\nsecond half\n\nline one  \nline two\n")
    assert result.text.split("\n\n") == ["Title of the story", "first half second half", "line one\nline two"]


def test_markdown_backslash_escapes_of_any_punctuation_are_undone() -> None:
    md = ("\\< Back to all news\n\n# Kenya \\& Ghana sign an IP \\<MoU\\>\n\n"
          "\u00ab Previous \\| News home \\| Next \u00bb\n\n| Office | Note |\n|---|---|\n| KIPI | a \\| b |\n")
    result = read_markdown(md)
    assert result.title == "Kenya & Ghana sign an IP <MoU>"
    assert result.text.split("\n\n")[1:] == ["< Back to all news", "Kenya & Ghana sign an IP <MoU>",
                                               "\u00ab Previous | News home | Next \u00bb", "Office  Note", "KIPI  a | b"]


def test_plain_text_is_not_touched(tmp_path: Path) -> None:
    text = "<b>Not a tag</b> # not a heading\n\n**kept as written**\n"
    source = _read(tmp_path, "note.txt", text.encode())
    assert source.text == text and source.title is None and source.date is None


def test_a_huge_hostile_page_stays_bounded_in_time() -> None:
    """Deep unbalanced nesting costs the reader no more than a few times what the bare
    standard-library tokenizer costs (no quadratic stack search, no recursion)."""
    nested = "<div><span>" * 30_000 + "deep text " + "</p></td>" * 30_000
    flat = "<p>Some words &amp; more <b>bold</b> text</p>\n" * 20_000
    for page in (nested, flat):
        started = time.perf_counter()
        bare = HTMLParser()
        bare.feed(page)
        bare.close()
        tokenizer = time.perf_counter() - started
        started = time.perf_counter()
        result = read_html(page)
        seconds = time.perf_counter() - started
        assert "deep text" in result.text or "Some words & more bold text" in result.text
        assert seconds < 3 * tokenizer + 0.5, f"{seconds:.2f} s against {tokenizer:.2f} s for the tokenizer alone"


@pytest.mark.parametrize(
    ("stem", "title", "date"),
    [
        # a slogan and a breadcrumb above, a 民國 date under the headline
        ("roc", "諾蘭專利局與維斯蒂亞智慧財產局簽署專利審查合作備忘錄", "2023-03-05"),
        # a breadcrumb, a publication date glued after the headline, a byline, a year-less dateline
        ("stamped", "Offices of Norland and Vestia extend their patent prosecution highway", "2021-03-12"),
    ],
)
def test_titles_and_dates_are_the_same_in_every_format(tmp_path: Path, stem: str, title: str, date: str) -> None:
    from ipsearch.extract.extractor import Extractor

    extractor = Extractor()
    for ext in (".txt", ".html", ".md"):
        source = _read(tmp_path, stem + ext, (FIXTURES / (stem + ext)).read_bytes())
        doc = extractor.extract(source)
        assert (doc.title, doc.date) == (title, date), ext
