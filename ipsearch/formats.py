"""Saved web pages and Markdown -> the plain text that metadata extraction reads.

Extraction works on lines: the headline is the first line, a date alone on a line under it
is the dateline, paragraphs are separated by blank lines. A format reader therefore turns a
page into exactly that shape: the title as the first line, the page's own publication date
(when it states one) as the next line, then the visible body text, one paragraph per block.
Plain ``.txt`` files are not touched, so the one article saved as ``.txt``, ``.html`` and
``.md`` gives the same metadata, and no tag or markup ever reaches the index or a snippet.

HTML is read with the standard library's :mod:`html.parser` (see the README, "Formats", for
the measurements behind that choice): it never raises on broken markup, costs no install,
and its event stream lets this module keep a bounded stack, so hostile nesting cannot blow
the recursion limit or take quadratic time. Markdown is read with a small line-based stripper
(CommonMark's structure is line-based; a full parser would be a dependency to throw away
what it builds).
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: File name endings read as a saved web page, and as Markdown. Anything else is plain text.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


@dataclass(frozen=True)
class FormattedText:
    """What a format reader found: the text to index, and the title and date the page declared."""

    text: str
    title: str | None
    date: str | None


def format_of(suffix: str) -> str | None:
    """``"html"``, ``"markdown"`` or None (plain text) for a file name ending such as ``".htm"``."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return None


def convert(text: str, fmt: str) -> FormattedText:
    """Decoded text of format ``fmt`` (from :func:`format_of`) -> :class:`FormattedText`."""
    if fmt == "html":
        return read_html(text)
    if fmt == "markdown":
        return read_markdown(text)
    raise ValueError(f"unknown format {fmt!r}")


# ---------------------------------------------------------------- charset

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: Declared charsets read with a superset that Python has (pages declare the narrow one and
#: use the wide one: a GB2312 page holds GBK characters, a Big5 page cp950's).
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
          "big5": "cp950", "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in its first 4 KB (``<meta charset>`` or
    ``http-equiv`` content), or None when it declares none Python knows."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    name = _WIDER.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# ---------------------------------------------------------------- HTML

#: Elements whose content is never visible article text.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                        "canvas", "select", "button", "title"})
#: Page furniture. ``header`` counts only outside the article (an article's own header holds
#: its headline and dateline).
_FURNITURE = frozenset({"nav", "footer", "aside", "form", "menu", "dialog"})
#: Words in a class, id or role that mark furniture (matched as whole words of the attribute).
_FURNITURE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar|breadcrumbs?|crumbs?|footer|sidebar|side-?bar|share|"
    r"sharing|social|comments?|cookies?|consent|banner|related|subscribe|newsletter|pagination|skip|toolbar|"
    r"masthead|site-?header)(?:$|[\s_-])", re.I)
_MAIN = frozenset({"article", "main"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "keygen"})
#: Elements that start a new paragraph (a blank line) in the produced text.
_BLOCK = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                    "li", "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "figure", "figcaption",
                    "address", "header", "hr", "center", "details", "summary", "caption", "body", "tbody",
                    "thead", "tfoot"})
_CELL = frozenset({"td", "th"})
#: Open elements kept on the stack at most: deeper nesting is read flat (hostile pages).
_MAX_DEPTH = 256
_DATE_META = frozenset({"article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                        "publish_date", "publication_date", "dc.date", "dc.date.issued", "dcterms.date",
                        "dcterms.created", "citation_publication_date", "sailthru.date", "parsely-pub-date"})
_ISO_DAY = re.compile(r"((?:19|20)\d\d)[-/.](\d\d?)[-/.](\d\d?)")
_SITE_SEPARATOR = re.compile(r"\s+[|｜\-–—·:]\s+|_|｜|\s[|]\s?")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


class _Page(HTMLParser):
    """One pass over a page: visible text as paragraphs, per candidate article region."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, bool, int]] = []  # (tag, hides, hides if loose, main, region)
        self.hidden = 0  # open elements that hide their content
        self.loose_hidden = 0  # open elements that hide their content even in the loose reading
        self.loose: list[str] = []  # the page with only invisible elements left out
        self.in_main = 0  # open article/main elements
        self.region = -1  # the outermost open article/main region
        self.everything: list[str] = []
        self.regions: list[list[str]] = []
        self.pre = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.h1: list[str] | None = None
        self.h1_done = False
        self.in_h1 = False
        self.time: str | None = None
        self.open_count: dict[str, int] = {}  # open elements by tag: an end tag of none is ignored at once

    # -- helpers
    def _emit(self, piece: str) -> None:
        if not self.loose_hidden:
            self.loose.append(piece)
        if self.hidden:
            return
        self.everything.append(piece)
        if self.region >= 0:
            self.regions[self.region].append(piece)

    def _hides(self, tag: str, attrs: dict[str, str]) -> tuple[bool, bool]:
        """(hidden as furniture or invisible, hidden because invisible): the page is read both
        ways in one pass, the second as the fallback of :func:`read_html`."""
        if tag in _INVISIBLE or "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return True, True
        if tag in _MAIN or tag in ("body", "html") or attrs.get("role") in ("main", "article"):
            return False, False
        if tag in _FURNITURE or (tag == "header" and not self.in_main):
            return True, False
        marks = " ".join((attrs.get("class") or "", attrs.get("id") or "", attrs.get("role") or ""))
        return bool(marks.strip()) and bool(_FURNITURE_WORDS.search(marks)), False

    # -- parser events
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: (v or "") for k, v in attrs_list}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and "content" in attrs:
                self.meta.setdefault(key, attrs["content"])
            return
        if tag == "title" and not self.hidden:
            self.in_title = True
        if tag == "br":
            self._emit("\n")
        if tag == "time" and not self.hidden and self.time is None and attrs.get("datetime"):
            self.time = attrs["datetime"]
        if tag in _VOID:
            if tag == "hr":
                self._emit("\n\n")
            return
        if tag == "p" and self.stack and self.stack[-1][0] == "p":  # <p> closes an open <p>
            self._pop_to(len(self.stack) - 1)
        if tag == "li" and self.stack and self.stack[-1][0] == "li":
            self._pop_to(len(self.stack) - 1)
        hides, loose_hides = self._hides(tag, attrs)
        main = (tag in _MAIN or attrs.get("role") == "main") and not self.hidden and not hides
        if self.in_h1 and tag in _BLOCK:  # an unclosed <h1> ends where the next block starts
            self.in_h1 = False
            self.h1_done = True
        if tag == "h1" and not self.hidden and not hides and not self.h1_done:
            self.h1 = []
            self.in_h1 = True
        if tag in _BLOCK:
            self._emit("\n\n")
        elif tag in _CELL:
            self._emit("  ")
        if len(self.stack) >= _MAX_DEPTH:
            return
        region = -1
        if main and self.region < 0:
            self.regions.append([])
            region = self.region = len(self.regions) - 1
        self.stack.append((tag, hides, loose_hides, main, region))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.hidden += hides
        self.loose_hidden += loose_hides
        self.in_main += main
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1_done = True
        if not self.open_count.get(tag):
            return
        for i in range(len(self.stack) - 1, -1, -1):  # bounded by _MAX_DEPTH
            if self.stack[i][0] == tag:
                self._pop_to(i)
                break

    def _pop_to(self, i: int) -> None:
        while len(self.stack) > i:
            tag, hides, loose_hides, main, region = self.stack.pop()
            self.open_count[tag] -= 1
            self.hidden -= hides
            self.loose_hidden -= loose_hides
            self.in_main -= main
            if region >= 0:
                self.region = -1
            if tag == "pre":
                self.pre -= 1
            if tag in _BLOCK:
                self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.loose_hidden:
            return
        if self.in_h1 and self.h1 is not None and not self.hidden:
            self.h1.append(data)
        self._emit(data if self.pre else _SPACE.sub(" ", data))


def read_html(text: str) -> FormattedText:
    """A saved web page -> its headline, its date and its visible article text.

    The title is ``og:title``, else the first ``<h1>``, else ``<title>`` less a site name.
    The text is the largest ``<article>``/``<main>``/``role=main`` region when the page has
    one with real text, else the whole body; scripts, styles, navigation, headers, footers,
    sidebars, share and comment blocks are left out. If leaving out furniture by class or id
    leaves almost nothing (a page whose wrapper is called "content-with-sidebar"), the page
    is read again with only the tag rules, so an article is never lost to a class name.
    """
    page = _Page()
    page.feed(text)
    page.close()
    body = _best_text(page)
    if len(body) < 200:
        loose = _paragraphs("".join(page.loose))
        if len(loose) > 3 * max(len(body), 50):
            body = loose
    title = _page_title(page)
    date = _page_date(page)
    return FormattedText(_assemble(title, date, body), title or None, date)


def _best_text(page: _Page) -> str:
    whole = _paragraphs("".join(page.everything))
    regions = [_paragraphs("".join(parts)) for parts in page.regions]
    best = max(regions, key=len, default="")
    return best if len(best) >= 80 or (best and len(best) * 2 >= len(whole)) else whole


def _paragraphs(raw: str) -> str:
    """Text with block breaks -> stripped lines, one blank line between paragraphs."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [line.strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def _page_title(page: _Page) -> str:
    for key in ("og:title", "twitter:title"):
        value = _SPACE.sub(" ", page.meta.get(key, "")).strip()
        if value:
            return value
    if page.h1:
        value = _SPACE.sub(" ", "".join(page.h1)).strip()
        if value:
            return value
    return strip_site_name(_SPACE.sub(" ", "".join(page.title_parts)).strip())


def strip_site_name(title: str) -> str:
    """``"Headline | Site"``, ``"Headline - Site"``, ``"标题_网站"`` -> the headline.

    The last separator decides; the part before it is kept when it is the longer part
    (a site name is shorter than a headline), so "Madrid - Spain's office" loses its tail
    while "WIPO - A new treaty enters into force" is left whole.
    """
    cuts = list(_SITE_SEPARATOR.finditer(title))
    if not cuts:
        return title
    cut = cuts[-1]
    head, site = title[: cut.start()].strip(), title[cut.end():].strip()
    if head and site and len(head) > len(site):
        return head
    return title


def _page_date(page: _Page) -> str | None:
    for key in _DATE_META:
        value = page.meta.get(key)
        if value:
            iso = _iso_day(value)
            if iso:
                return iso
    return _iso_day(page.time) if page.time else None


def _iso_day(value: str) -> str | None:
    m = _ISO_DAY.match(value.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _assemble(title: str | None, date: str | None, body: str) -> str:
    """Title line, date line, then the body without a repeat of the title."""
    paragraphs = body.split("\n\n") if body else []
    if title and paragraphs:
        first = paragraphs[0].split("\n")
        if _SPACE.sub(" ", first[0]).strip() == title:
            rest = "\n".join(first[1:])
            paragraphs = ([rest] if rest else []) + paragraphs[1:]
    head = [p for p in (title, date) if p]
    return "\n\n".join(head + paragraphs)


# ---------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEY = re.compile(r"^(title|date|published|pubdate)\s*:\s*(.*?)\s*$", re.I | re.M)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(?<![\w\\])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_EMPHASIS = re.compile(r"(?<![\w\\*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
#: CommonMark lets a backslash escape any ASCII punctuation ("\\<", "\\|").
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: A table's cell separator: a pipe no backslash escapes.
_TABLE_PIPE = re.compile(r"(?<!\\)\|")


def read_markdown(text: str) -> FormattedText:
    """A Markdown file -> its title, date and text without markup.

    Front matter ``title:``/``date:`` become the title and date lines; otherwise the first
    heading is the title. Headings, emphasis, links (their text stays), images (their alt
    text stays), code fences, tables (cells as text), quotes and list markers lose their
    markup. Lines of one paragraph are joined as Markdown joins them, except at a hard break.
    """
    title = date = None
    m = _FRONT_MATTER.match(text)
    if m:
        for key, value in _FRONT_KEY.findall(m.group(1)):
            value = _yaml_scalar(value)
            if key.lower() == "title" and value and title is None:
                title = value
            elif key.lower() != "title" and value and date is None:
                date = _iso_day(value) or value
        text = text[m.end():]
    paragraphs: list[list[str]] = []
    current: list[str] = []
    hard_break = False

    def close() -> None:
        nonlocal current, hard_break
        if current:
            paragraphs.append(current)
        current = []
        hard_break = False

    fence: str | None = None
    for line in text.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                close()
            elif line.strip():
                current.append(line.rstrip())
            continue
        f = _FENCE.match(line)
        if f:
            close()
            fence = f.group(1)
            continue
        if not line.strip() or _RULE.match(line) or _TABLE_RULE.match(line) or _REF_DEF.match(line):
            close()
            continue
        if _SETEXT.match(line) and current:
            close()
            continue
        heading = _ATX.match(line)
        if heading:
            close()
            value = _inline(heading.group(1))
            if value:
                if title is None:
                    title = value
                paragraphs.append([value])
            continue
        quoted = _QUOTE.sub("", line)
        item = _LIST.match(quoted)
        if item:
            close()
            quoted = quoted[item.end():]
        stripped = quoted.strip()
        pipes = len(_TABLE_PIPE.findall(stripped))
        if pipes and (stripped.startswith("|") or pipes >= 2 and _TABLE_PIPE.search(stripped[1:-1])):
            close()
            cells = [_inline(c.strip()) for c in _TABLE_PIPE.split(stripped.strip("|"))]
            paragraphs.append(["  ".join(c for c in cells if c)])
            continue
        ends_hard = line.endswith("  ") or line.endswith("\\")
        value = _inline(stripped.rstrip("\\"))
        if current and not hard_break:
            current[-1] = f"{current[-1]} {value}"
        else:
            current.append(value)
        hard_break = ends_hard
    close()
    body = "\n\n".join("\n".join(p) for p in paragraphs if any(p))
    return FormattedText(_assemble(title, date, body), title, date)


def _yaml_scalar(value: str) -> str:
    """A one-line YAML scalar as text: quotes removed and their escapes undone."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'").strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r'\\(["\\/])', r"\1", value[1:-1]).strip()
    return re.sub(r"\s+#.*$", "", value).strip()


def _inline(s: str) -> str:
    """Inline Markdown -> text: images by alt text, links by their text, no emphasis or code marks."""
    s = _IMAGE.sub(lambda m: m.group(1) or m.group(2) or "", s)
    s = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _CODE.sub(lambda m: m.group(2).strip(), s)
    s = _TAG.sub("", s)
    for _ in range(2):
        s = _STRONG.sub(r"\2", s)
        s = _EMPHASIS.sub(r"\2", s)
    s = _STRIKE.sub(r"\1", s)
    s = _ESCAPE.sub(r"\1", s)
    return html.unescape(s).strip()
