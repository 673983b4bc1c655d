"""Decoded text -> a :class:`Document` with the fields analysts facet and filter on.

Rules, not models: news pages from IP offices follow a few layouts (headline, an
"Updated:" or dateline, a lead paragraph, a "Source:" footer), and rules over those
layouts are predictable, fast and explainable. Entity names come from the lexicon so
that facets show one canonical name per entity whatever script the article used;
people and organizations the lexicon does not know are read from the patterns news
writers use ("Minister of Justice Marat Beketayev", "Ms. Rakhat Kerimbaeva, Director of").

Conventions an editor would apply, and the labelled set follows: a city, state or province
names its country (an article set in Kobe involves Japan; "PORTLAND, Ore." is in the United
States) and so does a national IP office; the ``countries`` facet holds the countries an article
involves (named in the headline, dateline or lead, named again, a party that took part), while a
country named once in passing stays searchable by name; regions ("Central Asia") are not
countries; a date is never completed with a guessed year.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from .corpus import SourceText
from .lexicon import HAN, Entry, Lexicon, Mention, _line_is_title_case, abbreviation_key, default_lexicon

EVENT_TYPES = ("meeting", "visit", "mou_signing", "seminar_or_conference", "training", "statement", "other")


@dataclass(frozen=True)
class Document:
    """Everything the index stores about one file."""

    id: str
    path: str
    title: str
    body: str
    date: str | None = None
    year: int | None = None
    source: str | None = None
    translated_from: str | None = None
    language: str = "en"
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=(), repr=False)
    encoding: str = "utf-8"
    content_hash: str = ""
    stamp: str = ""


# ---------------------------------------------------------------- matching helpers


def _anchored_finditer(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, reach: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match holds an ``anchor`` match that starts
    at most ``reach`` characters after the match (with ``reach=0``: every match starts where an
    anchor match starts): the pattern is tried only near anchors.

    Patterns that start with a run of capitalised words, or with a lookbehind, are tried at every
    position by the regex engine; their anchors (a head noun, a title, a month name) are rare, and
    a pattern that starts with a literal or a character class is found at C speed.
    """
    end = 0
    for a in anchor.finditer(text):
        at = a.start()
        if at < end:
            continue
        if reach == 0:  # every match starts at an anchor
            m = pattern.match(text, at)
            if m is None:
                continue
            yield m
            end = max(m.end(), m.start() + 1)
            continue
        start = max(end, at - reach)
        if start > end:
            space = text.rfind(" ", end, start)  # not from inside a word
            start = space if space >= 0 else end
        m = pattern.search(text, start)
        if m is None:
            return
        yield m
        end = max(m.end(), m.start() + 1)


def _alternation(words: list[str]) -> re.Pattern[str]:
    """Literal words as one regex shaped like a trie ("me(?:et(?:ing|s)?|morand|t)"), longest first:
    the engine tries one branch per character instead of every word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie))


# ---------------------------------------------------------------- title

_CHROME = re.compile(
    r"""^(?:select\s+language|service\s+phone|language\s*:|home\b|print\b|close\b|share\b|font\s*size|
    skip\s+to|search\b|menu\b|login\b|log\s+in|sign\s+in|copyright|all\s+rights|back\s+to|you\s+are\s+here|
    related\s+(?:news|articles)|text\s+size|views?\s*:|
    updated\s*:|source\s*:|date\s*:|time\s*:|author\s*:|editor\s*:|release\s+date\s*:|published\s*:|posted\s*:|
    字号|字體|打印|关闭|關閉|分享|当前位置|當前位置|您现在的位置|您現在的位置|首页|首頁|来源|來源|发布时间|發布時間|发布日期|發布日期|
    时间|時間|作者|编辑|編輯|责任编辑|責任編輯|浏览|瀏覽|点击|點擊)""",
    re.I | re.X,
)
_TITLE_PREFIX = re.compile(r"^(?:title|headline|标题|標題)\s*[:：]\s*", re.I)
_SITE_SUFFIX = re.compile(
    r"\s*(?:\s[-|–—]\s|_|｜)\s*(?P<site>[^-|–—_｜]{2,60})$"
)
_SITE_WORDS = re.compile(r"website|web\s*site|portal|official|news|xinhua|网|網|官网|官網", re.I)


def extract_title(lines: list[str], lexicon: Lexicon | None = None) -> str:
    """The headline: the first line that is not page furniture, without a trailing site name."""
    for line in lines:
        s = _TITLE_PREFIX.sub("", line.strip())
        if not s or is_chrome(s) or len(s) < 4 or _is_navigation(s):
            continue
        return _shortened(_strip_site(re.sub(r"\s+", " ", s), lexicon))
    return ""


#: A first line longer than this is a paragraph (a text with no headline, or no line breaks
#: at all): its opening stands in as the title, cut at a sentence or word end, with "…".
MAX_TITLE_CHARS = 200


def _shortened(title: str) -> str:
    if len(title) <= MAX_TITLE_CHARS:
        return title
    head = title[:MAX_TITLE_CHARS]
    sentence = max(head.rfind(". "), *(head.rfind(m) for m in "。！？；"))
    cut = sentence + 1 if sentence >= MAX_TITLE_CHARS // 4 else head.rfind(" ")
    return head[: cut if cut >= MAX_TITLE_CHARS // 4 else MAX_TITLE_CHARS].rstrip(" ,;:，、") + " …"


def _is_navigation(line: str) -> bool:
    """Breadcrumbs and menus: "Home > News > Events", "About | News | Contact"."""
    return len(re.findall(r"\s[>|»]\s|\s?[>»]\s?", line)) >= 2 or line.count("|") >= 2


def _strip_site(title: str, lexicon: Lexicon | None) -> str:
    m = _SITE_SUFFIX.search(title)
    if not m or m.start() < 8:
        return title
    site = m.group("site").strip()
    known = lexicon is not None and (lexicon.lookup(site, "offices") or lexicon.lookup(site, "organizations"))
    if known or _SITE_WORDS.search(site):
        return title[: m.start()].strip()
    return title


def is_chrome(line: str) -> bool:
    """Page furniture or a bare date line: never a headline, never a snippet."""
    s = line.strip()
    return bool(_CHROME.match(s)) or _only_date(s) or bool(_BYLINE.match(s))


_BYLINE = re.compile(r"^(?:by|written\s+by|reporter|记者|記者|文／|文/)\s*[:：]?\s*\S.{0,50}$", re.I)


def _only_date(line: str) -> bool:
    """A line that is a date and little else (a dateline, not a headline)."""
    if len(line) > 60 or not _ANY_DIGIT.search(line):  # a dateline is short
        return False
    if any(w.lower() not in _MONTHS for w in _LONG_WORD.findall(line)):  # words no date pattern removes
        return False
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub("", rest)
    if rest == line:
        return False
    return len(rest.strip(" .,:-–—|()\t")) < 3


_LONG_WORD = re.compile(r"[A-Za-z]{3,}")
_ANY_DIGIT = re.compile(r"[0-9０-９〇一二三四五六七八九]")

# ---------------------------------------------------------------- dates

_MONTH_NAMES = [
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
    ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
    ("December", "Dec"),
]
_MONTHS = {n.lower(): i for i, names in enumerate(_MONTH_NAMES, start=1) for n in names}
# Capitalised or in capitals: "may 3" in running text is rarely a date, "May 3" is.
_MONTH_ALT = "|".join(
    sorted({v for names in _MONTH_NAMES for n in names for v in (n, n.upper())}, key=len, reverse=True)
)
_MONTH_RE = rf"(?P<mon>{_MONTH_ALT})\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"

_DATE_PATTERNS = [
    # 2019年12月3日 / 2019年12月 / 12月3日
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*[日号號])?"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"),
    # 2023-04-28, 2023/04/28, 2023.04.28
    re.compile(rf"(?<!\d){_YEAR}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?![\d])"),
    # December 3, 2019 / Dec. 3 2019 / Oct.1 / July 3rd
    re.compile(
        rf"(?<![\w]){_MONTH_RE}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:(?:\s*,\s*|\s+){_YEAR}(?!\d))?"
    ),
    # 3 December 2019 / 3rd of December, 2019
    re.compile(
        rf"(?<![\w.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?![\w])(?:\s*,?\s*{_YEAR}(?!\d))?"
    ),
    # December 2019
    re.compile(rf"(?<![\w]){_MONTH_RE}(?:\s+of)?,?\s+{_YEAR}(?!\d)"),
]

_MONTH_AT = _alternation(_MONTH_ALT.split("|"))
#: Where each pattern's matches can be found (anchor, reach; see _anchored_finditer); None: everywhere.
_DATE_ANCHORS: list[tuple[re.Pattern[str], int] | None] = [
    None, None, (re.compile(r"(?:19|20)\d\d[-/.]"), 0), (_MONTH_AT, 0),
    (re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z]"), 0), (_MONTH_AT, 0),
]

# "Updated: 8 03,2023" (month day, year, with a comma and no month name)
_LABELLED_DATE = re.compile(
    r"(?:updated|date|dated|published|posted|release\s+date|release\s+time|发布时间|發布時間|发布日期|發布日期|"
    r"更新时间|更新時間|日期|时间|時間)\s*[:：]\s*"
    r"(?:(?P<y1>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m1>\d{1,2})\s*[-/.月]\s*(?P<d1>\d{1,2})"
    r"|(?P<m2>\d{1,2})[\s/.-]+(?P<d2>\d{1,2})\s*[,/.-]\s*(?P<y2>(?:19|20)\d\d)"
    r"|(?P<rest>[^\n]{4,40}))",
    re.I,
)

_COLON = re.compile("[:：]")

_ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_ZH_DIGITS["零"] = 0
_ZH_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def _zh_number(s: str) -> int:
    if "十" not in s:
        return int("".join(str(_ZH_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


def _normalise_dates(text: str) -> str:
    """Full-width digits and Chinese numerals as ASCII digits, so one set of patterns serves."""
    text = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    if "年" in text:
        text = _ZH_DATE.sub(
            lambda m: f"{''.join(str(_ZH_DIGITS[c]) for c in m[1])}年{_zh_number(m[2])}月"
            + (f"{_zh_number(m[3])}日" if m[3] else ""),
            text,
        )
    return text


@dataclass(frozen=True)
class DateMatch:
    iso: str
    year: int | None
    start: int


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if m is not None and not 1 <= m <= 12:
        return None
    if d is not None and not 1 <= d <= 31:
        return None
    if y is None:
        return f"--{m:02d}-{d:02d}" if m and d else None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str) -> list[DateMatch]:
    """Every date expression in ``text``, in order, at the precision it states."""
    text = _normalise_dates(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    has_month_char = "月" in text
    for i, (pattern, anchor) in enumerate(zip(_DATE_PATTERNS, _DATE_ANCHORS)):
        if i < 2 and not has_month_char:
            continue
        for m in pattern.finditer(text) if anchor is None else _anchored_finditer(pattern, anchor[0], text, anchor[1]):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            mon = _MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else (int(g["m"]) if g.get("m") else None)
            y = int(g["y"]) if g.get("y") else None
            d = int(g["d"]) if g.get("d") else None
            iso = _iso(y, mon, d)
            if iso:
                found.append(DateMatch(iso, y, m.start()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda dm: dm.start)


def extract_date(text: str, title: str, lead: str | None = None) -> DateMatch | None:
    """The article's own date: an "Updated:"-style line, else a dateline or the first full date of the lead
    (``lead``: :func:`_lead` of the text, when the caller has it)."""
    head = _normalise_dates(text[:800])
    m = next(_anchored_finditer(_LABELLED_DATE, _COLON, head, 30), None)
    if m:
        g = m.groupdict()
        if g["y1"]:
            iso = _iso(int(g["y1"]), int(g["m1"]), int(g["d1"]))
            if iso:
                return DateMatch(iso, int(g["y1"]), m.start())
        elif g["y2"]:
            mon, day = int(g["m2"]), int(g["d2"])
            if mon > 12 >= day:  # 28/04/2023: day first
                mon, day = day, mon
            iso = _iso(int(g["y2"]), mon, day)
            if iso:
                return DateMatch(iso, int(g["y2"]), m.start())
        elif g["rest"]:
            dates = find_dates(g["rest"])
            if dates:
                return dates[0]
    after = text.split(title, 1)[1] if title and title in text else text
    for line in after[:400].splitlines()[:6]:  # a date alone on a line under the headline is a dateline
        if line.strip() and _only_date(line.strip()):
            dates = find_dates(line)
            if dates:
                return dates[0]
    for found in find_dates((_lead(text, title) if lead is None else lead)[:800]):
        if not found.iso.isdigit():  # a bare year is no article date
            return found
    return None


def _lead(text: str, title: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The first two paragraphs after the headline that are not page furniture."""
    spans = _lead_spans(text, title) if spans is None else spans
    return "\n".join(text[s:e] for s, e in spans)[:1500]


def _lead_spans(text: str, title: str) -> list[tuple[int, int]]:
    """Where the first two paragraphs after the headline that are not page furniture stand in ``text``."""
    at = text.find(title) if title else -1
    start = at + len(title) if at >= 0 else 0
    limit = min(len(text), start + 4000)
    spans: list[tuple[int, int]] = []
    for sep in [*_PARAGRAPH.finditer(text, start, limit), None]:
        end = sep.start() if sep else limit
        para = text[start:end]
        if para.strip() and not is_chrome(para.strip().split("\n")[0]):
            spans.append((start, end))
            if len(spans) == 2:
                break
        if sep is None:
            break
        start = sep.end()
    return spans


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s)")

# ---------------------------------------------------------------- layout

# "PORTLAND, Ore., Feb 26 -", "NEW DELHI, Aug. 25 --", "HARARE, May 16, 2022 (Xinhua) --", "Munich, 3 May 2021 --",
# "LONDON (Reuters) -"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'’-]*(?:[ ][A-Za-z.'’-]+){0,3}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’ ]{0,20}?))?,?\s+"
    rf"(?P<date>(?:{_MONTH_RE}\s*\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH_RE.replace('?P<mon>', '')})"
    r"(?:,?\s*(?:19|20)\d\d)?\s*)?"
    r"(?P<agency>\([^()\n]{1,40}\)\s*)?"
    r"(?:-{1,3}|–|—)\s"
)
# "新华社北京3月3日电", "本报东京12月1日讯", "人民网首尔电"
_ZH_DATELINE = re.compile(
    rf"[（(【\[]?(?:[{HAN}]{{1,8}}?(?:社|网|網|报|報|台)\s*)?(?P<place>[{HAN}]{{2,8}}?)\s*"
    r"(?:[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日\s*)?(?:电|電|讯|訊)"
)


#: The lead an editor reads: the first paragraph after the dateline, at most this long (a page
#: without paragraph breaks is one paragraph).
_LEAD_CHARS = 600


@dataclass(frozen=True)
class _Layout:
    """Where the parts an editor reads first stand in the text: headline, dateline and lead."""

    title: tuple[int, int]
    dateline: tuple[int, int]
    lead: tuple[int, int]
    region: Entry | None = None  # a state or province the dateline names by its abbreviation ("Calif.")

    def salient(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in (self.title, self.dateline, self.lead))


def _layout(text: str, title: str, lexicon: Lexicon, spans: list[tuple[int, int]]) -> _Layout:
    """Headline, dateline and lead of ``text``; ``spans``: its lead paragraphs (:func:`_lead_spans`).

    A dateline ("PORTLAND, Ore., Feb 26 -", "新华社北京3月3日电") opens the first paragraph; its
    state or province abbreviation is read here, where it cannot be a word ("Mass.", "Ill.").
    """
    at = text.find(title) if title else -1
    title_span = (at, at + len(title)) if at >= 0 else (0, 0)
    if not spans:
        return _Layout(title_span, (0, 0), (0, 0))
    start, end = spans[0]
    while start < end and text[start].isspace():
        start += 1
    dateline_end, region = start, None
    m = _DATELINE.match(text, start, end)
    if m and (m.group("date") or m.group("agency") or m.group("place").isupper()):
        dateline_end = m.end()
        if m.group("region"):
            region = lexicon.abbreviations.get(abbreviation_key(m.group("region")))
    elif not text[start:start + 1].isascii():
        m = _ZH_DATELINE.match(text, start, min(end, start + 40))
        if m:
            dateline_end = m.end()
    return _Layout(title_span, (start, dateline_end), (dateline_end, min(end, dateline_end + _LEAD_CHARS)), region)


# ---------------------------------------------------------------- source

_LABEL_END = r"(?=\s{2,}|\s*[|｜]|\s+(?:author|editor|by|updated|date|time|views|clicks)\s*[:：]|\s*(?:作者|编辑|編輯|责任编辑|發布時間|发布时间|时间|時間|日期|浏览|点击)|\s*$)"
_SOURCE = re.compile(
    rf"(?:^|\s)(?:source|from|来源|來源|文章来源|信息来源|稿件来源)\s*[:：]\s*(?P<src>[^\n|｜]{{2,80}}?)\s*{_LABEL_END}",
    re.I | re.M,
)
_TRANSLATED = re.compile(
    r"\(\s*translated\s+from\s+(?:the\s+)?(?P<src>.+?)(?:\s+(?:website|web\s*site|official\s+website))?"
    r"(?:\s+(?P<lang>chinese|english|russian|japanese|korean|french|german|spanish|arabic))?\s*(?:version|text|original)?\s*\)",
    re.I,
)
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},\s+[A-Z][a-z]{2,8}\.?\s*\d{1,2}(?:,\s*\d{4})?\s*\((?P<src>[A-Z][\w .&-]{1,30})\)\s*[-–—]", re.M
)


def _without_footers(text: str) -> str:
    """The text with its "Source:" lines and translation notes blanked (same length): they name the
    publisher, not what the article is about."""
    spans = [m.span("src") for m in _anchored_finditer(_SOURCE, _COLON, text, 20)]
    spans += [m.span() for m in _TRANSLATED.finditer(text)]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def extract_source(text: str) -> tuple[str | None, str | None]:
    """``(source, translated_from)`` from "Source:" lines, translation notes or an agency dateline."""
    source = translated = None
    m = _TRANSLATED.search(text)
    if m:
        src = re.sub(r"\s+(?:website|web\s*site)$", "", m.group("src").strip(), flags=re.I)
        lang = m.group("lang")
        if not lang:
            parts = src.rsplit(" ", 1)
            if len(parts) == 2 and parts[1].lower() in {"chinese", "english", "russian", "japanese", "korean"}:
                src, lang = parts
        source = src.strip() or None
        translated = lang.capitalize() if lang else None
    m = next(_anchored_finditer(_SOURCE, _COLON, text, 20), None)
    if m:
        source = m.group("src").strip().rstrip(".。")
    elif source is None:
        m = _AGENCY_DATELINE.search(text[:1000])
        if m:
            source = m.group("src").strip()
    return source, translated


# ---------------------------------------------------------------- language

_HAN = re.compile(rf"[{HAN}]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


def detect_language(text: str) -> str:
    """``en``, ``zh``, or ``mixed`` when both scripts carry real text."""
    han = 0 if text.isascii() else len(_HAN.findall(text))
    if han == 0:
        return "en"
    latin_words = len(_LATIN_WORD.findall(text))
    # A Han character carries about as much as an English word's letters / 2.
    han_share = han / (han + latin_words * 2.5)
    if han_share > 0.8:
        return "zh"
    if han_share < 0.1:
        return "en"
    return "mixed"


# ---------------------------------------------------------------- people

_HONORIFIC = r"(?:Mr|Ms|Mrs|Miss|Madam|Dr|Prof|Professor|H\.\s?E|His\s+Excellency|Her\s+Excellency|Sir|Dame)\.?"
_TITLE_CORE = (
    r"(?:Commissioner|Director[\s-]General|Director|Head|President|Chairman|Chairwoman|Chairperson|Chair|Minister|"
    r"Secretary[\s-]General|Secretary|Ambassador|Representative|Counsellor|Counselor|Administrator|Governor|Premier|"
    r"Prime\s+Minister|Chancellor|Mayor|Judge|Senator|Liaison|Envoy|Consul[\s-]General|Consul|Spokesman|Spokeswoman|"
    r"Spokesperson|CEO|Founder|Manager|Rector|Dean|Registrar|Examiner|Attorney|Undersecretary|Officer|Advisor|Adviser|"
    r"Commander|King|Queen|Prince|Princess|Sheikh|Emir|Executive(?:\s+Officer)?)"
)
_TITLE = (
    r"(?:(?:Deputy|Vice|Acting|Former|Assistant|Executive|Associate|Chief|First|Senior|Permanent|Under|Principal|General)[\s-]+){0,2}"
    + _TITLE_CORE
)
_UP = "A-Z\u00c0-\u00de\u0100-\u017f"
_LOW = "a-z\u00df-\u00ff\u0100-\u017f"
_NAME_WORD = rf"(?:[{_UP}][{_LOW}]+(?:[-'’][{_UP}{_LOW}][{_LOW}]+)?|[A-Z]\.|(?:bin|van|von|de|da|del|der|al|le|la)(?=\s+[A-Z]))"
_CAP_RUN = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"
# Pattern 1 takes the title and everything capitalised after it ("Minister of Justice Marat
# Beketayev", "President of the Eurasian Patent Office Saule Tlevlessova") and keeps the tail
# that is a name; the others keep the run next to the title, honorific or speech verb.
_QUALIFIED_RUN = r"(?P<run>(?:\s+(?:of|for|to|at|in|on|the|and)\b|\s+[A-Z][\w.'’&-]*)+)"
_COMMA_TITLE = rf",\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z]{{2,8}}\s+|[A-Z][a-z]+\s+)?{_TITLE}\b"
_SPEECH = (
    r"\s+(?:said|says|noted|notes|stressed|stresses|pointed\s+out|points\s+out|remarked|remarks|added|stated|"
    r"emphasized|emphasised|expressed|hoped|introduced|welcomed|thanked)\b"
)
_AFTER_NAME = f"{_COMMA_TITLE}|{_SPEECH}"
#: (pattern, keep the run's tail, anchor, reach): every match holds an anchor match starting at
#: most ``reach`` characters after the match starts, so the pattern is tried only near anchors.
_PERSON_PATTERNS: list[tuple[re.Pattern[str], bool, re.Pattern[str], int]] = [
    (re.compile(rf"\b{_HONORIFIC}\s+(?P<run>{_CAP_RUN})"), False, re.compile(_HONORIFIC), 0),
    (re.compile(rf"\b{_TITLE}{_QUALIFIED_RUN}"), True, re.compile(_TITLE_CORE), 40),
    # "Elvira Azimova, Deputy Minister of Justice" / "Grigoriy Ivliev said": one pass for both.
    # Anchored on the run's last word and what follows it: "Ivliev said", ", Deputy Minister".
    (
        re.compile(rf"(?P<run>{_CAP_RUN})(?:{_AFTER_NAME})"),
        True,
        re.compile(rf"[{_UP}][{_UP}{_LOW}'’-]*\.?{_SPEECH}|{_COMMA_TITLE}"),
        100,
    ),
]
_NOT_NAME = frozenset(
    """the of and for in on at to a an this that these those his her its their our it he she they we i
    state national federal international world global general republic kingdom people people's
    intellectual property patent patents office offices trademark trademarks department ministry justice agency
    administration bureau service services center centre institute organization organisation council committee
    commission court bank fund union association federation academy university college school authority
    government cabinet parliament congress assembly board secretariat group forum summit seminar conference
    meeting meetings heads head delegation embassy consulate mission liaison cooperation co-operation
    exchange exchanges examination law legal policy planning protection enforcement affairs public relations
    security customs tax taxation statistics labour labor transport tourism environment resources water housing
    sports media press economic economy development trade finance commerce foreign education science technology
    industry industrial agriculture culture health defense defence interior energy innovation information
    registration rights division section unit team parties party side sides both two three first second third
    chinese russian european eurasian asian african american japanese korean mongolian kazakh english french german
    europe asia africa america central eastern western northern southern east west north south new
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    commissioner director president chairman minister secretary ambassador representative vice deputy
    mr ms mrs dr prof professor madam sir excellency his her
    ip ipr wipo memorandum understanding agreement protocol statement declaration belt road silk
    also however meanwhile during after before while when since according recently currently today yesterday
    leads led attends attended attending meets met visits visited signs signed holds held delivers addresses calls
    says said urges receives received hosts hosted chairs inspects congratulates talks joins opens launches presides
    speaks meeting attend visit sign hold""".split()
)


class _PeopleRules:
    """Lexicon words that can never be part of a person's name (office words, countries, places)."""

    def __init__(self, lexicon: Lexicon) -> None:
        words: set[str] = set(_NOT_NAME)
        people_words: set[str] = set()
        for kind, entries in lexicon.entries.items():
            for entry in entries:
                for form in entry.forms:
                    if not form.isascii() or kind == "places" and " " in form:
                        continue  # "Saint Paul", "Ann Arbor", "Long Beach": their words are names too
                    for w in re.findall(r"[A-Za-z][\w'’-]*", form):
                        (people_words if kind == "people" else words).add(w.lower())
        # "Jordan", "Chad", "Georgia" are countries and first names alike.
        self.not_name = frozenset(words - people_words - {w.casefold() for w in lexicon.ambiguous})


_RULES: dict[int, _PeopleRules] = {}


def _rules(lexicon: Lexicon) -> _PeopleRules:
    rules = _RULES.get(id(lexicon))
    if rules is None:
        rules = _RULES[id(lexicon)] = _PeopleRules(lexicon)
    return rules


def _glued(text: str, pos: int) -> bool:
    """A match starting inside a word or right after a hyphen or dot ("Sino-Kazakh", "U.S.")."""
    return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_.-")


_CONNECTORS = frozenset({"of", "for", "to", "at", "in", "on", "the", "and"})


def _name_from_run(run: str, not_name: frozenset[str], *, from_end: bool) -> str | None:
    """The person's name inside a capitalised run: its tail (after a title) or head (before one)."""
    words = run.split()
    while from_end and words and words[-1] in _CONNECTORS:
        words.pop()
    picked: list[str] = []
    seq = reversed(words) if from_end else iter(words)
    for w in seq:
        if w.lower().strip("’'") in not_name or w.isupper() and len(w) > 1:
            break
        if w.endswith(".") and len(w) > 2:  # a sentence ends here ("... Rights. Shen Changyu said")
            if not from_end:
                picked.append(w.rstrip("."))
            break
        picked.append(w)
    if from_end:
        picked.reverse()
    while picked and picked[0].islower():
        picked.pop(0)
    while picked and picked[-1].islower():
        picked.pop()
    if not 2 <= len(picked) <= 4 or picked[-1].endswith("."):
        return None
    return " ".join(picked)


# Chinese: title then a 2-3 character name starting with a common surname.
_ZH_SURNAMES = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖田董袁潘于蒋蔣蔡余杜叶葉程"
    "苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢"
    "严嚴覃武戴莫孔向汤湯申甘柴聂聶褚易乔喬关關滕文"
)
_ZH_TITLES = (
    "副局长|副局長|局长|局長|副部长|副部長|部长|部長|副司长|副司長|司长|司長|副主任|主任|副总干事|副總幹事|总干事|總幹事|副主席|主席|"
    "总统|總統|总理|總理|大使|处长|處長|院长|院長|会长|會長|秘书长|秘書長|署长|署長|厅长|廳長|市长|市長|省长|省長|党组书记|黨組書記|书记|書記|"
    "副司長|參贊|参赞|教授|博士"
)
_ZH_PERSON = re.compile(rf"(?:{_ZH_TITLES})(?P<name>[{_ZH_SURNAMES}][{HAN}]{{1,2}})")
_ZH_FOLLOW = set("会會在表出率与與和一及指强強说說介主致参參接等；，。、：）同就对對为為向")


# Foreign names in Chinese are transliterated with a small set of characters (阿济莫娃, 伊夫利耶夫).
_TRANSLIT = "阿埃艾安奥巴贝本比波伯布查达德迪蒂杜多厄恩法菲弗福盖格古哈海汉赫胡霍基吉加杰金卡凯柯科克库拉莱兰劳勒雷里利林卢鲁伦罗洛马迈曼梅米莫穆纳娜内尼涅努诺帕佩皮普齐奇乔切萨塞桑瑟莎沙舍什斯松苏索塔泰坦特提图托瓦娃万维温沃乌西希谢辛亚雅耶伊尤于扎泽兹佐娅济姆夫娃尔"
_ZH_FOREIGN = re.compile(rf"(?:{_ZH_TITLES})(?P<name>[{_TRANSLIT}]{{3,6}})(?=一行|等|会|會|在|表示|出席|，|、|。|和|与|與)")


def _zh_people(text: str, lexicon: Lexicon) -> list[str]:
    out: list[str] = []
    for m in _ZH_FOREIGN.finditer(text):
        out.append(lexicon.canonical("people", m.group("name")) or m.group("name"))
    for m in _ZH_PERSON.finditer(text):
        name = m.group("name")
        end = m.end()
        if len(name) == 3 and name[2] in _ZH_FOLLOW:
            name = name[:2]
        elif len(name) == 3 and end < len(text) and text[end] not in _ZH_FOLLOW:
            continue
        elif len(name) == 2 and end < len(text) and text[end] not in _ZH_FOLLOW:
            continue
        if name[-1] in _ZH_FOLLOW:
            continue
        out.append(lexicon.canonical("people", name) or name)
    return out


def extract_people(text: str, lexicon: Lexicon, mentions: list[Mention] | None = None) -> list[str]:
    """Known people from the lexicon, and names that titles and honorifics announce."""
    if mentions is None:
        mentions = lexicon.scan(text)
    names: dict[str, None] = {}
    for mention in mentions:
        if mention.entry.kind == "people":
            names[mention.entry.name] = None
    not_name = _rules(lexicon).not_name
    for pattern, from_end, anchor, reach in _PERSON_PATTERNS:
        runs = deque(m.group("run") for m in _anchored_finditer(pattern, anchor, text, reach) if not _glued(text, m.start()))
        while runs:
            run = re.sub(r"\s+", " ", runs.popleft()).strip()
            if from_end and " and " in run:
                # "Director X Y and CAS Vice President Z W": the name after this title, then look again
                run, rest = run.split(" and ", 1)
                runs += [m.group("run") for m in pattern.finditer(rest)]
            name = _name_from_run(run, not_name, from_end=from_end)
            if name:
                names[lexicon.canonical("people", name) or name] = None
    if not text.isascii() and _HAN.search(text):
        for name in _zh_people(text, lexicon):
            names[name] = None
    return _without_parts(list(names))


def _without_parts(names: list[str]) -> list[str]:
    """``names`` less each one whose words all belong to a longer name found too ("Shen" beside
    "Shen Changyu"). Candidates come from a word index: comparing every pair of names took
    most of a minute for a large file full of names."""
    words = [name.split() for name in names]
    having: dict[str, set[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            having.setdefault(w, set()).add(i)
    kept = []
    for name, ws in zip(names, words):
        sets = sorted((having[w] for w in set(ws)), key=len)
        longer = set.intersection(*sets) if sets else set()
        if not any(len(words[j]) > len(ws) for j in longer):
            kept.append(name)
    return kept


# ---------------------------------------------------------------- organizations

_ORG_HEAD = (
    r"(?:Ministry|Department|Agency|Office|Administration|Authority|Association|Federation|Council|Commission|"
    r"Committee|Court|University|Institute|Academy|Bank|Organization|Organisation|Foundation|Center|Centre|Bureau|"
    r"Service|Chamber|Corporation|Company|Society|Alliance|Fund|Tribunal|Secretariat|Parliament|Directorate|Inspectorate)\b"
)
_ORG_WORD = r"(?:[A-Z](?:[\w'’&-]|\.(?=\w))*)"
_ORG = re.compile(  # never from inside a word or after a hyphen ("Sino-Kazakh")
    rf"(?<![\w.-])(?P<org>(?:{_ORG_WORD}\s+){{0,6}}{_ORG_HEAD}"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_ORG_WORD}(?:\s+(?:(?:of|for|and|the|on)\s+)*{_ORG_WORD})*)?)"
)
_ORG_HEAD_AT = re.compile(_ORG_HEAD)
_ORG_HEAD_WORD = re.compile(rf"\b{_ORG_HEAD}\b")
_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ORG_LEAD_TRIM = re.compile(
    r"^(?:(?:The|A|An|This|That|Its|His|Her|Their|Both|First|Second|Third|\d+(?:st|nd|rd|th)|Deputy|Vice|Director|General|"
    r"Commissioner|President|Minister|Head|Chairman|Secretary|Ambassador|Representative|Mr|Ms|Dr)\.?\s+)+"
)
_ORG_TAIL_EVENT = re.compile(r"\s+(?:Meeting|Heads|Conference|Seminar|Forum|Summit|Symposium|Workshop|Mechanism|Week)\b")


def _pattern_orgs(
    text: str, lexicon: Lexicon, known_spans: list[tuple[int, int]], known_forms: set[str]
) -> list[str]:
    """Organizations the lexicon does not know, by the head nouns their names carry."""
    out: list[str] = []
    # Known names near a candidate are found by bisection: a long file holds thousands of
    # each, and comparing every pair took minutes for 1 MB.
    spans = sorted(known_spans)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    # Six capitalised words before the head noun fit in 150 characters.
    for m in _anchored_finditer(_ORG, _ORG_HEAD_AT, text, 150):
        if len(m.group("org").split()) < 3:
            continue  # fewer than three words: never kept (below), so skip the work
        if _ORG_TAIL_EVENT.match(text, m.end()):
            continue  # event names
        org = _ORG_LEAD_TRIM.sub("", m.group("org"))
        org = _SPACES.sub(" ", org).strip(" .,'’")
        org = _POSSESSIVE_END.sub("", org)
        start = m.end() - len(org)
        near = spans[bisect_left(starts, start - longest - 1) : bisect_left(starts, m.end())]
        if any(s <= start and m.end() <= e + 1 or (s < m.end() and start < e) for s, e in near):
            continue  # inside or across a known name
        words = org.split()
        if len(words) < 3 or not _ORG_HEAD_WORD.search(org):
            continue
        if _line_is_title_case(text, m.start()):
            continue  # Title Case headlines, where every word is capitalised
        if any(w in {"Heads", "Meeting", "Seminar", "Conference"} for w in words):
            continue
        owner = re.match(r"([A-Z][\w ]+?)['’]s\s+(.+)$", org)
        if owner and lexicon.lookup(owner.group(1), "countries"):
            # "Georgia's National Intellectual Property Center" = "... Center of Georgia"
            for form in (f"{owner.group(2)} of {owner.group(1)}", f"{owner.group(1)} {owner.group(2)}"):
                found = lexicon.lookup(form, "offices") or lexicon.lookup(form, "organizations")
                if found:
                    break
            else:
                found = []
            if found:
                out.append(found[0].name)
                continue
            org = f"{owner.group(2)} of {owner.group(1)}"
        if lexicon.lookup(org, "offices") or lexicon.lookup(org, "organizations"):
            continue
        if any(f.startswith(org) and f != org for f in known_forms):  # "Ministry of Justice" after the full name
            continue
        out.append(org)
    return out


# ---------------------------------------------------------------- countries

# 中哈合作, 中蒙俄, 中韩局长会谈: China with one-character country abbreviations.
_ZH_ABBREV = {"美": "United States", "俄": "Russia", "日": "Japan", "韩": "South Korea", "韓": "South Korea",
              "蒙": "Mongolia", "哈": "Kazakhstan", "吉": "Kyrgyzstan", "塔": "Tajikistan", "英": "United Kingdom",
              "法": "France", "德": "Germany"}
_ZH_PAIR = re.compile(
    "中(?P<rest>[" + "".join(_ZH_ABBREV) + "]{1,3})"
    "(?=两|兩|三|双|雙|关|關|合|知|智|经|經|局|会|會|战|戰|联|聯|边|邊|政|友|建|签|簽|专|專|商|人|青|博|地|务|務)"
)
_STRONG_SOUTH_KOREA = re.compile(r"South\s+Korea|(?<!People's\s)(?<!People’s\s)Republic\s+of\s+Korea|\bROK\b|Seoul|韩国|韓國|南韩|南韓|KIPO", re.I)


def _countries(mentions: list[Mention], text: str, layout: _Layout | None = None) -> list[str]:
    """The countries an article involves, in order of first mention.

    Every country mentioned stays searchable (its names go to the ``entities`` field); the
    facet holds those an editor would tag: named in the headline, dateline or lead, named
    again later, the home of a named IP office, or a party in a pair ("中哈合作"). A country
    named once in passing ("listed in Luxembourg", "offices in Japan and Brazil") is not one
    the article is about.
    """
    seen: dict[str, int] = {}
    salient: set[str] = set()

    def add(country: str, pos: int, strong: bool = False) -> None:
        seen[country] = seen.get(country, 0) + 1
        if strong or seen[country] >= 2 or layout is None or layout.salient(pos):
            salient.add(country)

    if layout is not None and layout.region is not None and layout.region.country:
        add(layout.region.country, layout.dateline[0], strong=True)
    for m in mentions:
        e = m.entry
        if e.kind == "countries":
            add(e.name, m.start)
        elif e.kind in ("places", "offices") and e.country:
            add(e.country, m.start, strong=e.kind == "offices")
    if not text.isascii() and _HAN.search(text):
        for pair in _ZH_PAIR.finditer(text):
            add("China", pair.start(), strong=True)
            for c in pair.group("rest"):
                add(_ZH_ABBREV[c], pair.start(), strong=True)
    passing = [c for c in seen if c not in salient]
    if passing and layout is not None:
        salient.update(_participants(mentions, text, set(passing)))
    out = [c for c in seen if c in salient]
    # "Korean" alone is South Korean, unless the article is about the North and never names the South.
    if "North Korea" in out and "South Korea" in out and not _STRONG_SOUTH_KOREA.search(text):
        out = [c for c in out if c != "South Korea"]
    return out


# "Delegates from Zimbabwe, Kenya and Ghana attended": the countries of a sentence that says who took part.
# Matched on lower-cased text, at word starts (a leading non-letter is cheaper than \b).
_TOOK_PART_WORDS = (
    r"(?:delegat(?:es?|ions?)|attend(?:ed|ing|ees?)|participa(?:nts?|ted|ting)|took\s+part|representatives?\s+(?:of|from)|"
    r"officials?\s+from)\b"
)
_TOOK_PART = re.compile(rf"(?:^|[^a-z]){_TOOK_PART_WORDS}|出席|参加|參加|与会|與會|代表团|代表團")
_NEGATED = re.compile(r"\b(?:not|no|nor|never|without|absent)\b|n't|未|没有|沒有|缺席", re.I)
_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def _participants(mentions: list[Mention], text: str, candidates: set[str]) -> set[str]:
    found: set[str] = set()
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    end = 0
    for cue in _TOOK_PART.finditer(lowered):
        if cue.start() < end:
            continue  # this sentence was read
        start = max(lowered.rfind(c, 0, cue.end()) for c in ".!?。！？\n") + 1
        stop = _SENTENCE_END.search(text, cue.end())
        end = stop.end() if stop else len(text)
        if _NEGATED.search(text, start, end):
            continue
        for m in mentions:
            if start <= m.start < end:
                e = m.entry
                country = e.name if e.kind == "countries" else e.country if e.kind in ("places", "offices") else None
                if country in candidates:
                    found.add(country)
    return found


def _foreign_prefix(mentions: list[Mention]) -> list[Mention]:
    """Drop a Chinese office name that belongs to another country: 蒙古国国家知识产权局 is not CNIPA."""
    geo_end = {m.end: m.entry for m in mentions if m.entry.kind == "countries"}
    kept = []
    for m in mentions:
        if m.entry.kind in ("offices", "organizations") and not m.surface.isascii():
            before = geo_end.get(m.start)
            if before is not None and m.entry.country and before.name != m.entry.country:
                continue
            if before is not None and m.entry.country is None and m.entry.kind == "organizations" and before.name != "China":
                continue
        kept.append(m)
    return kept


# ---------------------------------------------------------------- events

# One alternation per event type, matched on lower-cased text in a single pass; each branch
# starts with a literal so the regex engine can skip ahead (no leading \b: word starts are
# checked on the match instead).
_EVENT_WORDS: dict[str, str] = {
    "mou_signing": (
        r"memorand(?:um|a)\s+of\s+understanding|mous?\b|"
        r"sign(?:s|ed|ing)?\b[^.\n]{0,80}?\b(?:agreement|protocol|memorand|mou\b|accord|arrangement)|"
        r"(?:agreement|protocol|memorandum|accord|arrangement)[^.\n]{0,60}?\bsigned\b|"
        r"(?:签署|签订|簽署|簽訂)[^。，,]{0,20}?(?:协议|協議|协定|協定|备忘录|備忘錄|议定书|議定書|合作文件|谅解|諒解|合同|宣言)|"
        r"备忘录|備忘錄|签约|簽約"
    ),
    "visit": r"visit(?:s|ed|ing)?\b|courtesy\s+call|访问|訪問|拜会|拜會|到访|到訪|来访|來訪|访华|訪華|考察|调研|調研",
    "meeting": (
        r"meetings?\b|talks\b|met\b|meets\b|summit\b|round\s*table|consultations?\b|"
        r"会谈|會談|会见|會見|会晤|會晤|会议|會議|座谈|座談|磋商|峰会|峰會"
    ),
    "seminar_or_conference": (
        r"seminars?\b|conferences?\b|forums?\b|symposi(?:um|a)\b|colloquium\b|expo\b|exhibition\b|"
        r"研讨会|研討會|论坛|論壇|大会|大會|博览会|博覽會|交流会|交流會"
    ),
    "training": (
        r"training\s+(?:course|program|session|workshop|class|activit)|workshops?\b|trainees?\b|"
        r"train(?:s|ed)?\s+\d*\s*(?:examiners|officials|staff)|summer\s+school|"
        r"培训班|培訓班|研修班|讲习班|講習班|培训课程|培訓課程|培训活动|培訓活動|(?:举办|舉辦|参加|參加|开展|開展)[^。，]{0,20}?(?:培训|培訓)"
    ),
    "statement": (
        r"joint\s+statement|declaration\b|communiqu[eé]|issued\s+a\s+statement|statement\s+(?:issued|released)|"
        r"联合声明|聯合聲明|宣言|声明|聲明|公报|公報"
    ),
}
_EVENT_MATCHERS = [(name, re.compile(words)) for name, words in _EVENT_WORDS.items()]
# Literal words that can start a branch above: a pure-literal alternation scans at C speed,
# and the full patterns are tried only where one of these stands.
_TRIGGER_WORDS = """memorand mou sign agreement protocol accord arrangement visit courtesy meeting talks met meets summit
            round consultation seminar conference forum symposi colloquium expo exhibition training workshop trainee
            train summer joint declaration communiqu issued statement
            签署 签订 簽署 簽訂 备忘录 備忘錄 签约 簽約 访问 訪問 拜会 拜會 到访 到訪 来访 來訪 访华 訪華 考察 调研 調研
            会谈 會談 会见 會見 会晤 會晤 会议 會議 座谈 座談 磋商 峰会 峰會 研讨会 研討會 论坛 論壇 大会 大會 博览会 博覽會
            交流会 交流會 培训 培訓 研修班 讲习班 講習班 宣言 声明 聲明 公报 公報 联合声明 聯合聲明""".split()


_EVENT_TRIGGER = _alternation([w for w in _TRIGGER_WORDS if w.isascii()])
# At word starts only ("revisited" holds no visit): a leading non-letter is a cheaper test than \b.
_EVENT_TRIGGER_WORD = re.compile(f"[^a-z](?:{_EVENT_TRIGGER.pattern})")
_EVENT_TRIGGER_ZH = _alternation([w for w in _TRIGGER_WORDS if not w.isascii()])


def _event_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    lowered = text.lower()
    starts = [m.start() + 1 for m in _EVENT_TRIGGER_WORD.finditer(lowered)]
    if _EVENT_TRIGGER.match(lowered):
        starts.insert(0, 0)
    if not text.isascii() and _HAN.search(text):
        starts = sorted(starts + [m.start() for m in _EVENT_TRIGGER_ZH.finditer(lowered)])
    free = 0
    for start in starts:
        if start < free or start and lowered[start - 1].isascii() and lowered[start - 1].isalpha():
            continue  # inside a word ("revisited") or inside the last match ("training workshop")
        for name, pattern in _EVENT_MATCHERS:
            m = pattern.match(lowered, start)
            if m:
                counts[name] = counts.get(name, 0) + 1
                free = max(free, m.end())
    return counts


# Sentences about plans ("will organise joint seminars", "将继续加强培训") name no event that happened.
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
# Matched on lower-cased text: case-insensitive matching is several times slower in Python's re.
_FUTURE_WORDS = r"(?:will|would|shall|plan(?:s|ned)?|willing|hope[sd]?|expects?|next\s+year)\b"
_FUTURE_ZH = "将|將|拟|擬|计划|計劃|希望|愿|願"
_FUTURE = re.compile(rf"(?<![a-z]){_FUTURE_WORDS}|{_FUTURE_ZH}")
_FUTURE_AT_WORD = re.compile(rf"[^a-z]{_FUTURE_WORDS}")  # a leading non-letter: cheaper than a lookbehind
_FUTURE_AT_START = re.compile(_FUTURE_WORDS)
_FUTURE_ZH_RE = re.compile(_FUTURE_ZH)


def _past_sentences(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters
        return " ".join(s for s in _SENTENCE.findall(text) if not _FUTURE.search(s.lower()))
    future = [m.start() + 1 for m in _FUTURE_AT_WORD.finditer(lowered)]
    if _FUTURE_AT_START.match(lowered):
        future.append(0)
    if not lowered.isascii():
        future += [m.start() for m in _FUTURE_ZH_RE.finditer(lowered)]
    if not future:
        return " ".join(_SENTENCE.findall(text))
    kept = []
    for m in _SENTENCE.finditer(text):
        if not any(m.start() <= f < m.end() for f in future):
            kept.append(m.group(0))
    return " ".join(kept)


def extract_event_types(title: str, lead: str, body: str) -> tuple[str, ...]:
    """An event type counts when the headline or lead names it, or the body returns to it (three times):
    a passing mention of future training in a joint statement does not make it a training event."""
    named = _event_counts(title + "\n" + _past_sentences(lead))
    in_body = _event_counts(body)
    found = [name for name in _EVENT_WORDS if named.get(name) or in_body.get(name, 0) >= 3]
    return tuple(found) or ("other",)


# ---------------------------------------------------------------- document


def extract(source: SourceText, lexicon: Lexicon | None = None) -> Document:
    """Turn a decoded file into a :class:`Document`."""
    lexicon = lexicon or default_lexicon()
    text = source.text
    title = extract_title(text.splitlines()[:60], lexicon)
    body = text.strip()
    lead_spans = _lead_spans(text, title)
    lead = _lead(text, title, lead_spans)
    date = extract_date(text, title, lead)
    src, translated = extract_source(text)

    content = _without_footers(text)
    mentions = _foreign_prefix(lexicon.scan(content))
    offices = [m.entry for m in mentions if m.entry.kind == "offices"]
    known_orgs = [m.entry.name for m in mentions if m.entry.kind == "organizations"]
    org_spans = [(m.start, m.end) for m in mentions if m.entry.kind in ("offices", "organizations")]
    org_forms = {f for m in mentions if m.entry.kind in ("offices", "organizations") for f in m.entry.forms}
    other_orgs = _pattern_orgs(content, lexicon, org_spans, org_forms)

    aliases: set[str] = set()
    for mention in mentions:
        aliases.update(mention.entry.forms)
    people = extract_people(content, lexicon, mentions)
    for name in people:
        for entry in lexicon.lookup(name, "people"):
            aliases.update(entry.forms)

    return Document(
        id=source.doc_id,
        path=str(source.path),
        title=title,
        body=body,
        date=date.iso if date else None,
        year=date.year if date else None,
        source=src,
        translated_from=translated,
        language=detect_language(text),
        people=tuple(people),
        organizations=_unique([e.name for e in offices] + known_orgs + other_orgs),
        countries=_unique(_countries(mentions, content, _layout(content, title, lexicon, lead_spans))),
        places=_unique([m.entry.name for m in mentions if m.entry.kind == "places"]),
        event_types=extract_event_types(title, lead, body),
        aliases=tuple(sorted(aliases)),
        encoding=source.encoding,
        content_hash=source.content_hash,
        stamp=source.stamp,
    )


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


__all__ = [
    "EVENT_TYPES", "DateMatch", "Document", "Entry", "detect_language", "extract", "extract_date",
    "extract_event_types", "extract_people", "extract_source", "extract_title", "find_dates", "is_chrome",
]
