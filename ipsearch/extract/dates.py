"""Dates: every date expression a text states, at the precision it states, and the article's own date.

English ("December 3, 2019", "3rd of December", "Dec. 2019"), ISO-like ("2023/04/28") and Chinese
("2019年12月3日", "二〇一九年十二月") forms; a date is never completed with a guessed year.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .matching import COLON, alternation, anchored_finditer


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
MONTH_RE = rf"(?P<mon>{_MONTH_ALT})\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"

_DATE_PATTERNS = [
    # 2019年12月3日 / 2019年12月 / 12月3日
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*[日号號])?"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"),
    # 2023-04-28, 2023/04/28, 2023.04.28
    re.compile(rf"(?<!\d){_YEAR}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?![\d])"),
    # December 3, 2019 / Dec. 3 2019 / Oct.1 / July 3rd
    re.compile(
        rf"(?<![\w]){MONTH_RE}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:(?:\s*,\s*|\s+){_YEAR}(?!\d))?"
    ),
    # 3 December 2019 / 3rd of December, 2019
    re.compile(
        rf"(?<![\w.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE}(?![\w])(?:\s*,?\s*{_YEAR}(?!\d))?"
    ),
    # December 2019
    re.compile(rf"(?<![\w]){MONTH_RE}(?:\s+of)?,?\s+{_YEAR}(?!\d)"),
]

_MONTH_AT = alternation(_MONTH_ALT.split("|"))
#: Where each pattern's matches can be found (anchor, reach; see anchored_finditer); None: everywhere.
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
        for m in pattern.finditer(text) if anchor is None else anchored_finditer(pattern, anchor[0], text, anchor[1]):
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


def extract_date(text: str, title: str, lead: str) -> DateMatch | None:
    """The article's own date: an "Updated:"-style line, else a dateline or the first full date of the lead
    (``title`` and ``lead``: what :mod:`.layout` found in ``text``)."""
    head = _normalise_dates(text[:800])
    m = next(anchored_finditer(_LABELLED_DATE, COLON, head, 30), None)
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
        if line.strip() and only_date(line.strip()):
            dates = find_dates(line)
            if dates:
                return dates[0]
    for found in find_dates(lead[:800]):
        if not found.iso.isdigit():  # a bare year is no article date
            return found
    return None


def only_date(line: str) -> bool:
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
