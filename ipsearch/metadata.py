"""Decoded text -> a :class:`Document` with the fields analysts facet and filter on.

Rules, not models: news pages from IP offices follow a few layouts (headline, an
"Updated:" or dateline, a lead paragraph, a "Source:" footer), and rules over those
layouts are predictable, fast and explainable. Entity names come from the lexicon so
that facets show one canonical name per entity whatever script the article used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .corpus import SourceText
from .lexicon import Lexicon, default_lexicon

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


# ---------------------------------------------------------------- title

_CHROME = re.compile(
    r"""^(?:select\s+language|service\s+phone|language\s*:|home\b|print\b|close\b|share\b|font\s*size|
    skip\s+to|search\b|menu\b|login\b|sign\s+in|copyright|all\s+rights|
    updated\s*:|source\s*:|date\s*:|time\s*:|author\s*:|editor\s*:|
    字号|打印|关闭|分享|当前位置|您现在的位置|来源|來源|发布时间|發布時間|时间|時間|作者|编辑|編輯|责任编辑)""",
    re.I | re.X,
)


def extract_title(lines: list[str]) -> str:
    for line in lines:
        s = line.strip()
        if not s or _CHROME.match(s) or _only_date(s) or len(s) < 4:
            continue
        return re.sub(r"\s+", " ", s)
    return ""


def is_chrome(line: str) -> bool:
    """Page furniture or a bare date line: never a headline, never a snippet."""
    s = line.strip()
    return bool(_CHROME.match(s)) or _only_date(s)


def _only_date(line: str) -> bool:
    """A line that is a date and little else (a dateline, not a headline)."""
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub("", rest)
    return len(rest.strip(" .,:-–—|()")) < 3


# ---------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_DATE_PATTERNS = [
    # 2019年12月3日 / 2019年12月 / 12月3日
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    # 2023-04-28, 2023/04/28, 2023.04.28
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # December 3, 2019 / Dec. 3 2019 / Oct.1 / July 3
    re.compile(rf"(?<![\w]){_MONTH_RE}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:\s*,\s*|\s+)?(?P<y>(?:19|20)\d\d)?(?!\d)", re.I),
    # 3 December 2019
    re.compile(rf"(?<![\w])(?P<d>\d{{1,2}})\s+{_MONTH_RE}(?:\s*,?\s*(?P<y>(?:19|20)\d\d))?(?!\d)", re.I),
    # December 2019
    re.compile(rf"(?<![\w]){_MONTH_RE}\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
]

# "Updated: 8 03,2023" (month day, year with a comma and no month name)
_UPDATED = re.compile(
    r"(?:updated|date|published|release\s+date|发布时间|發布時間|发布日期|日期|时间|時間)\s*[:：]\s*"
    r"(?:(?P<y1>(?:19|20)\d\d)[-/.年](?P<m1>\d{1,2})[-/.月](?P<d1>\d{1,2})"
    r"|(?P<m2>\d{1,2})[\s/.-]+(?P<d2>\d{1,2})\s*[,/.-]\s*(?P<y2>(?:19|20)\d\d)"
    r"|(?P<rest>.{4,40}))",
    re.I,
)


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
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
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


def extract_date(text: str, title: str) -> DateMatch | None:
    """The article's own date: an "Updated:"-style line, else the first date in the lead."""
    head = text[:600]
    m = _UPDATED.search(head)
    if m:
        g = m.groupdict()
        if g["y1"]:
            iso = _iso(int(g["y1"]), int(g["m1"]), int(g["d1"]))
            if iso:
                return DateMatch(iso, int(g["y1"]), m.start())
        elif g["y2"]:
            iso = _iso(int(g["y2"]), int(g["m2"]), int(g["d2"]))
            if iso:
                return DateMatch(iso, int(g["y2"]), m.start())
        elif g["rest"]:
            dates = find_dates(g["rest"])
            if dates:
                return dates[0]
    lead = _lead(text, title)
    dates = find_dates(lead)
    return dates[0] if dates else None


def _lead(text: str, title: str) -> str:
    after = text.split(title, 1)[1] if title and title in text else text
    paras = [p for p in re.split(r"\n\s*\n", after) if p.strip()]
    return "\n".join(paras[:2])[:1500]


# ---------------------------------------------------------------- source

_SOURCE = re.compile(r"^\s*(?:source|来源|來源)\s*[:：]\s*(?P<src>[^\n]{2,80}?)\s*$", re.I | re.M)
_TRANSLATED = re.compile(
    r"\(\s*translated\s+from\s+(?P<src>.+?)(?:\s+website)?\s+(?P<lang>chinese|english|russian|japanese|korean)?\s*version\s*\)",
    re.I,
)


def extract_source(text: str) -> tuple[str | None, str | None]:
    source = translated = None
    m = _TRANSLATED.search(text)
    if m:
        source = m.group("src").strip()
        translated = (m.group("lang") or "").capitalize() or None
    m = _SOURCE.search(text)
    if m:
        source = m.group("src").strip().rstrip(".")
    return source, translated


# ---------------------------------------------------------------- language

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def detect_language(text: str) -> str:
    """``en``, ``zh``, or ``mixed`` when both scripts carry real text."""
    han = len(_HAN.findall(text))
    latin_words = len(re.findall(r"[A-Za-z\u00c0-\u024f]{2,}", text))
    if han == 0:
        return "en"
    # A Han character carries about as much as an English word's letters / 2.
    han_share = han / (han + latin_words * 2.5)
    if han_share > 0.8:
        return "zh"
    if han_share < 0.1:
        return "en"
    return "mixed"


# ---------------------------------------------------------------- people

_HONORIFIC = r"(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|H\.E)\.?"
_TITLE_WORDS = (
    r"(?:Deputy\s+|Vice\s+|Acting\s+|Former\s+)?(?:Commissioner|Director(?:\s+General)?|Head|President|Chairman|Chairwoman|"
    r"Minister|Secretary(?:\s+General)?|Ambassador|Representative|Chief|Counsellor|Counselor|Administrator)"
)
_NAME = r"(?P<name>[A-Z][a-z]+(?:[-'][A-Za-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Za-z]+)?){1,3})"
_PERSON_PATTERNS = [
    re.compile(rf"\b{_HONORIFIC}\s+{_NAME}"),
    re.compile(rf"\b{_TITLE_WORDS}\s+{_NAME}"),
    re.compile(rf"\b{_NAME},\s+(?:the\s+)?{_TITLE_WORDS}\b"),
]
_NOT_NAME_WORDS = {
    "The", "Of", "And", "For", "In", "On", "At", "State", "National", "Intellectual", "Property", "Office",
    "Department", "Ministry", "Justice", "General", "Authority", "Agency", "Center", "Centre", "Service",
    "Republic", "People", "Administration", "Bureau", "Committee", "Council", "Organization", "Patent",
    "Commission", "Government", "China", "Chinese", "Economic", "Development", "Trade", "Finance", "Economy",
}


def extract_people(text: str, lexicon: Lexicon) -> list[str]:
    names: dict[str, None] = {}
    for mention in lexicon.find(text, "people"):
        names[mention.entry.name] = None
    for pattern in _PERSON_PATTERNS:
        for m in pattern.finditer(text):
            name = re.sub(r"\s+", " ", m.group("name"))
            words = name.split()
            if any(w in _NOT_NAME_WORDS for w in words):
                continue
            known = lexicon.canonical("people", name)
            names[known or name] = None
    # Drop a shorter form when a fuller one is present ("Marat Bakytzhanovich" vs the full name).
    result = list(names)
    return [n for n in result if not any(n != o and _is_part_of(n, o) for o in result)]


def _is_part_of(short: str, full: str) -> bool:
    s, f = short.split(), full.split()
    return len(s) < len(f) and all(w in f for w in s)


# ---------------------------------------------------------------- events

_EVENT_RULES: dict[str, re.Pattern[str]] = {
    "mou_signing": re.compile(
        r"memorandum\s+of\s+understanding|\bmou\b|sign(?:s|ed|ing)?\b[^.]{0,60}\b(?:agreement|protocol|memorandum|mou)|"
        r"(?:agreement|protocol)[^.]{0,40}\bsign(?:ed|ing)\b|签署|签订|簽署|簽訂|备忘录|備忘錄|合作协议|合作協議",
        re.I,
    ),
    "visit": re.compile(r"\bdelegation\b|\bvisit(?:s|ed|ing)?\b|访问|訪問|代表团|代表團|拜会|拜會|到访|到訪", re.I),
    "meeting": re.compile(r"\bmeeting\b|\btalks\b|\bmet\s+with\b|\bheads?\s+(?:of\s+office\s+)?meeting|会谈|會談|会见|會見|会晤|會晤|局长会议|局長會議", re.I),
    "seminar_or_conference": re.compile(r"\bseminar\b|\bconference\b|\bforum\b|\bsymposium\b|研讨会|研討會|论坛|論壇|大会|大會", re.I),
    "training": re.compile(r"\btraining\s+(?:course|program(?:me)?|session|workshop|class)|\bworkshop\b|\btrainees?\b|培训班|培訓班|培训|培訓", re.I),
    "statement": re.compile(r"joint\s+statement|\bdeclaration\b|联合声明|聯合聲明|宣言", re.I),
}


def extract_event_types(title: str, lead: str, body: str) -> tuple[str, ...]:
    """An event type counts when the headline or lead names it, or the body names it twice."""
    found = []
    for name, pattern in _EVENT_RULES.items():
        if pattern.search(title) or pattern.search(lead) or len(pattern.findall(body)) >= 2:
            found.append(name)
    return tuple(found) or ("other",)


# ---------------------------------------------------------------- document


def extract(source: SourceText, lexicon: Lexicon | None = None) -> Document:
    """Turn a decoded file into a :class:`Document`."""
    lexicon = lexicon or default_lexicon()
    text = source.text
    lines = text.splitlines()
    title = extract_title(lines)
    body = text.strip()
    date = extract_date(text, title)
    src, translated = extract_source(text)
    lead = _lead(text, title)

    offices = [m.entry for m in lexicon.find(text, "offices")]
    orgs = [m.entry.name for m in lexicon.find(text, "organizations")]
    countries = [m.entry.name for m in lexicon.find(text, "countries")]
    countries += [e.country for e in offices if e.country]
    places = [m.entry for m in lexicon.find(text, "places")]
    people = extract_people(text, lexicon)

    aliases: set[str] = set()
    for kind in ("offices", "organizations", "countries", "places", "people"):
        for mention in lexicon.find(text, kind):
            aliases.update(mention.entry.forms)

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
        organizations=_unique([e.name for e in offices] + orgs),
        countries=_unique(countries),
        places=_unique([e.name for e in places]),
        event_types=extract_event_types(title, lead, body),
        aliases=tuple(sorted(aliases)),
        encoding=source.encoding,
        content_hash=source.content_hash,
        stamp=source.stamp,
    )


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
