"""Dates: every date expression a text states, at the precision it states, and the article's own date.

English ("December 3, 2019", "3rd of December", "Dec. 2019"), ISO-like ("2023/04/28") and Chinese
("2019年12月3日", "二〇一九年十二月") forms; a date is never completed with a guessed year.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

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
_LOWER_MONTH = "|".join(sorted({n.lower() for names in _MONTH_NAMES for n in names if len(n) > 3}, key=len, reverse=True))
#: A weekday in brackets after a day ("April 12 (Wed)"), and the second day of a range ("3-5", "12 (Wed) to 14 (Fri)"):
#: a range is dated by its first day.
_WEEKDAY = r"(?:\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?\))?"
_TO_DAY = rf"(?:\s*(?:-|–|to|and|&)\s*\d{{1,2}}(?:st|nd|rd|th)?{_WEEKDAY})?"
#: "November 30 and December 1, 2017": a range into the next month, dated by its first day and the year after it.
_TO_MONTH_DAY = (
    rf"(?:\s*(?:-|–|to|and|&)\s*(?:{_MONTH_ALT})\.?\s*\d{{1,2}}(?:st|nd|rd|th)?{_WEEKDAY}(?=\s*,?\s*(?:19|20)\d\d))?"
)
_ZH_TO_DAY = r"(?:\s*(?:日)?\s*[、,，至到\-~～–]\s*\d{1,2})?"

_DATE_PATTERNS = [
    # 2019年12月3日 / 2019年12月 / 12月3日 / 12月6日至7日 / 5月15、16日 (民國 years are made Western first)
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}}){_ZH_TO_DAY}\s*[日号號])?"),
    re.compile(rf"(?<!\d)(?<!\d年)(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}}){_ZH_TO_DAY}\s*[日号號]"),
    # 2023-04-28, 2023/04/28, 2023.04.28, 2020. 10. 26. (Korean style)
    re.compile(rf"(?<!\d){_YEAR}(?:[-/]|\.\s?)(?P<m>\d{{1,2}})(?:[-/]|\.\s?)(?P<d>\d{{1,2}})(?![\d])"),
    # December 3, 2019 / Dec. 3 2019 / Oct.1 / July 3rd / November 3-5, 2021 / April 12 (Wed) to 14 (Fri), 2017;
    # Sep122014: a page's compact stamp, month, day and year run together
    re.compile(
        rf"(?<![\w]){MONTH_RE}(?:(?P<cd>\d{{1,2}})(?P<cy>(?:19|20)\d\d)(?!\d)|\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"{_WEEKDAY}{_TO_DAY}{_TO_MONTH_DAY}(?![\d:])(?:(?:\s*,\s*|\s+){_YEAR}(?!\d))?)"
    ),
    # 3 December 2019 / 3rd of December, 2019 / 3-5 November 2021; 12 february 2019: a month in lower case
    # is a date only with its day and year
    re.compile(
        rf"(?<![\w.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_TO_DAY}\s+(?:of\s+)?(?:{MONTH_RE}(?![\w])"
        rf"(?:\s*,?\s*{_YEAR}(?!\d))?|(?P<lmon>{_LOWER_MONTH})\s+(?P<ly>(?:19|20)\d\d)(?!\d))"
    ),
    # December 2019
    re.compile(rf"(?<![\w]){MONTH_RE}(?:\s+of)?,?\s+{_YEAR}(?!\d)"),
    # 28.05.2024: dots between the parts put the day first (no month-first writer uses dots)
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{_YEAR}(?!\d|\.\d)"),
]

#: Month names of the other languages IP offices publish in, for "29 septiembre 2021", "28 Kasım 2024",
#: "5 de março de 2020", "12. Mai 2022" stamps on pages otherwise in English: read only as a full day, month and year.
_FOREIGN_MONTH_NAMES = [
    ("enero", "janeiro", "janvier", "gennaio", "januar", "jänner", "januari", "ocak"),
    ("febrero", "fevereiro", "février", "febbraio", "februar", "februari", "şubat"),
    ("marzo", "março", "mars", "märz", "maret", "mac", "maart", "mart"),
    ("abril", "avril", "aprile", "nisan"),
    ("mayo", "maio", "mai", "maggio", "mei", "mayıs"),
    ("junio", "junho", "juin", "giugno", "juni", "haziran"),
    ("julio", "julho", "juillet", "luglio", "juli", "temmuz"),
    ("agosto", "août", "agustus", "ogos", "augustus", "ağustos"),
    ("septiembre", "setiembre", "setembro", "septembre", "settembre", "eylül"),
    ("octubre", "outubro", "octobre", "ottobre", "oktober", "ekim"),
    ("noviembre", "novembro", "novembre", "kasım"),
    ("diciembre", "dezembro", "décembre", "dicembre", "dezember", "desember", "disember", "aralık"),
]
_FOREIGN_MONTHS = {n: i for i, names in enumerate(_FOREIGN_MONTH_NAMES, start=1) for n in names}
_FOREIGN_ALT = "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))
_DATE_PATTERNS.append(
    re.compile(
        rf"(?<![\w.])(?P<fd>\d{{1,2}})\.?\s+(?:de\s+)?(?P<fmon>{_FOREIGN_ALT})(?![\w])\s+(?:de\s+)?(?P<fy>(?:19|20)\d\d)(?!\d)",
        re.I,
    )
)
#: How long a text may be for its foreign month names to be read: a stamp's line.
_STAMP_CHARS = 100
_MONTH_AT = alternation(_MONTH_ALT.split("|"))
#: Where each pattern's matches can be found (anchor, reach; see anchored_finditer); None: everywhere.
_DATE_ANCHORS: list[tuple[re.Pattern[str], int] | None] = [
    None, None, (re.compile(r"(?:19|20)\d\d[-/.]"), 0), (_MONTH_AT, 0),
    (re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?{_TO_DAY}\s+(?:of\s+)?[A-Za-z]"), 0), (_MONTH_AT, 0),
    None,
    (re.compile(r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,10}\s+(?:de\s+)?(?:19|20)\d\d"), 0),
]

# "Updated: 8 03,2023" (month day, year, with a comma and no month name)
_LABELLED_DATE = re.compile(
    r"(?P<label>updated|date|dated|published|posted|release\s+date|release\s+time|发布时间|發布時間|发布日期|發布日期|"
    r"更新时间|更新時間|日期|时间|時間|ngày\s+cập\s+nhật|ngày\s+đăng|cập\s+nhật)\s*[:：]\s*"
    r"(?:(?P<y1>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m1>\d{1,2})\s*[-/.月]\s*(?P<d1>\d{1,2})"
    r"|(?P<m2>\d{1,2})[\s/.-]+(?P<d2>\d{1,2})\s*[,/.-]\s*(?P<y2>(?:19|20)\d\d)"
    r"|(?P<rest>[^\n]{4,40}))",
    re.I,
)

_ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_ZH_DIGITS["零"] = 0
_ZH_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def _zh_number(s: str) -> int:
    if s.isdigit():  # ("三月22日": a month in numerals, its day in figures)
        return int(s)
    if "十" not in s:
        return int("".join(str(_ZH_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


#: "民國八十八年", "中華民國一百零八年", "民國一〇八年": a year of the Republic of China in Chinese numerals.
_ROC_ZH_YEAR = re.compile(r"(?<=民[國国])\s*([〇零一二三四五六七八九十百]{1,5})\s*(?=年)")


#: "1999年十二月三十一日" once its 民國 year is in figures: the month and day in numerals after it.
_ZH_MONTH_OF_YEAR = re.compile(r"(?<=\d年)\s*([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?")


def _zh_hundreds(s: str) -> int:
    """A number up to 199 in Chinese numerals ("八十八", "一百零八", "一〇八")."""
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        rest = rest.lstrip("零〇")
        return (_ZH_DIGITS.get(hundreds, 1) if hundreds else 1) * 100 + (_zh_number(rest) if rest else 0)
    if "十" in s:
        return _zh_number(s)
    return int("".join(str(_ZH_DIGITS[c]) for c in s if c in _ZH_DIGITS))


def _normalise_dates(text: str) -> str:
    """Full-width digits and Chinese numerals as ASCII digits, so one set of patterns serves."""
    text = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    if "年" in text:
        text = _ZH_DATE.sub(
            lambda m: f"{''.join(str(_ZH_DIGITS[c]) for c in m[1])}年{_zh_number(m[2])}月"
            + (f"{_zh_number(m[3])}日" if m[3] else ""),
            text,
        )
        if "民" in text:  # 中華民國八十八年: a 民國 year in numerals
            text = _ROC_ZH_YEAR.sub(lambda m: f"{_zh_hundreds(m[1]) + 1911}", text)
            text = _ZH_MONTH_OF_YEAR.sub(
                lambda m: f"{_zh_number(m[1])}月" + (f"{_zh_number(m[2])}日" if m[2] else ""), text
            )
        text = _ROC_YEAR.sub(lambda m: f"{int(m['roc'] or m['roc3']) + 1911}年", text)
    if "月" in text:
        text = _ZH_MONTH_DAY.sub(lambda m: f"{_zh_number(m[1])}月{_zh_number(m[2])}日", text)
    if not text.isascii():  # (a Chinese page: 112/03/05 is a 民國 date, 108.1 a monthly's issue)
        text = _ROC_NUMERIC.sub(lambda m: f"{int(m['y']) + 1911}{m['sep']}{m['rest']}", text)
        if "刊" in text or "VOL" in text.upper():
            text = _ROC_ISSUE.sub(lambda m: f"{int(m[1]) + 1911}年{int(m[2])}月", text)
    return text


#: "112/03/05", "112.3.5", "112-03-05": a 民國 year written with figures (2011 to 2030), as Taiwan's offices date pages.
_ROC_NUMERIC = re.compile(r"(?<![\d./-])(?P<y>1[01]\d)(?P<sep>[/.-])(?P<rest>\d{1,2}(?P=sep)\d{1,2})(?![\d./-])")
#: "108.1 智慧財產權月刊 VOL.241": a periodical's issue line, the 民國 year and month of the issue.
_ROC_ISSUE = re.compile(r"(?<![\d.])(1[01]\d)\.(\d{1,2})(?=\s*\S{0,12}?(?:月刊|期刊|季刊|VOL|Vol))")


#: "今日(十二月八日)": a month and day in Chinese numerals, without a year.
_ZH_MONTH_DAY = re.compile(
    r"(?<![〇零一二三四五六七八九十年])([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3}|[0-9]{1,2})日"
)


#: A year of the Republic of China (Taiwan's calendar: 民國108年 is 2019): after 民國, or of three digits
#: with a month after it ("106年5月15日"), a form no Western year takes.
_ROC_YEAR = re.compile(r"(?:民[國国]\s*(?P<roc>\d{2,3})\s*年|(?<![\d.])(?P<roc3>1[0-4]\d)\s*年(?=\s*\d{1,2}\s*月))")


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
    has_dotted_year = ".19" in text or ".20" in text  # (28.05.2024; a scan at C speed before the pattern's)
    for i, (pattern, anchor) in enumerate(zip(_DATE_PATTERNS, _DATE_ANCHORS)):
        if (i < 2 and not has_month_char) or (i == 6 and not has_dotted_year) or (i == 7 and len(text) > _STAMP_CHARS):
            continue  # (a month named in another language is read on a stamp's line, not in running text)
        for m in pattern.finditer(text) if anchor is None else anchored_finditer(pattern, anchor[0], text, anchor[1]):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            name = g.get("mon") or g.get("lmon")
            mon = _MONTHS[name.lower().rstrip(".")] if name else (int(g["m"]) if g.get("m") else None)
            if g.get("fmon"):
                mon = _FOREIGN_MONTHS.get(g["fmon"].lower())
            year, day = g.get("y") or g.get("cy") or g.get("ly") or g.get("fy"), g.get("d") or g.get("cd") or g.get("fd")
            y = int(year) if year else None
            d = int(day) if day else None
            iso = _iso(y, mon, d)
            if iso:
                found.append(DateMatch(iso, y, m.start()))
                taken.append((m.start(), m.end()))
    if "/" in text:
        for m in _NUMERIC_DATE.finditer(text):
            day_first = _day_first(m, text)
            if day_first is not None and not any(s < m.end() and m.start() < e for s, e in taken):
                a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
                iso = _iso(y, b, a) if day_first else _iso(y, a, b)
                if iso:
                    found.append(DateMatch(iso, y, m.start()))
    return sorted(found, key=lambda dm: dm.start)


#: 03/06/2015: day first in most of the world, month first in the United States. Taken only when one
#: reading is impossible (25/05/2015) or a weekday beside it fits one reading ("Wednesday, 03/06/2015").
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?![\d/])")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAME = re.compile(
    r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b\.?,?", re.I
)


def _day_first(m: re.Match[str], text: str) -> bool | None:
    """Whether ``m`` (a/b/year) is day/month (True), month/day (False), or cannot be told (None)."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    can_dm, can_md = _real(y, b, a), _real(y, a, b)
    if can_dm != can_md:
        return can_dm
    if not can_dm or a == b:
        return True if a == b and can_dm else None
    before = text[max(0, m.start() - 24):m.start()]  # ("Monday morning 07/01/2013")
    near = _WEEKDAY_NAME.findall(before)
    vi = _VI_WEEKDAY.search(before) if not near else None
    if not near and not vi:
        return None
    if vi:  # "Th 3" (thứ ba) is Tuesday, "CN" Sunday
        named = int(vi[1]) - 2 if vi[1] else 6
    else:
        named = next(i for i, day in enumerate(_WEEKDAYS) if day.startswith(near[-1].lower().rstrip(".,")[:3]))
    if datetime.date(y, b, a).weekday() == named:
        return True
    if datetime.date(y, a, b).weekday() == named:
        return False
    return None


#: A Vietnamese weekday: "Th 3", "Thứ 3" (the third day: Tuesday) ... "Thứ 7" (Saturday); "CN", "Chủ nhật" (Sunday).
_VI_WEEKDAY = re.compile(r"\b(?:Th(?:ứ)?\s*([2-7])|CN|Chủ\s+nhật)\b,?")


def _real(y: int, m: int, d: int) -> bool:
    try:
        datetime.date(y, m, d)
    except ValueError:
        return False
    return True


def extract_date(text: str, title: str, lead: str) -> DateMatch | None:
    """The article's own date: an "Updated:"-style line, else a dateline (a date alone near the headline, a
    credit or source line: "Xinhua, March 18, 2016"; a wire's "【...12月22日報導】"), else a "posted on" stamp
    at the page's foot (the publication date, where the lead names event days), else the first date of the
    lead; with no day or month anywhere, the year alone when a garbled date or the headline states it
    (``title`` and ``lead``: what :mod:`.layout` found in ``text``).

    A dateline without a year ("March 5") takes the year the headline states when it states exactly
    one ("... 2018 annual meeting"): the editor wrote the year once, above; or the year of the same day
    written in full elsewhere on the page ("今日(十二月八日)" above a "2023年12月8日" stamp). Otherwise no
    year is guessed: a lone year in the text may be a plan's ("will be held in 2018"), unless the
    text narrates that day in that year ("On January 29, 2021, ... On March 1, it entered into force"
    under "today (March 1)"). A dateline left without a year yields to a full date the lead opens
    with, the event the article reports ("December 08" above "On November 30, 2017, ..."). A dateline that
    states only the month ("October 2017, Geneva") takes the day of the one date in that month the lead names.
    """
    found = _article_date(text, title, lead)
    if found is not None and len(found.iso) == 7:  # "October 2017, Geneva": the lead may name the day
        days = {d.iso for d in find_dates(lead[:400]) if d.iso.startswith(found.iso) and len(d.iso) == 10}
        if len(days) == 1:
            return DateMatch(days.pop(), found.year, found.start)
    if found is None or found.year is not None:
        return found
    # (a page without a headline: its first paragraph stands as title, and a year in it is the lead's, read below)
    years = set(_TITLE_YEAR.findall(_normalise_dates(title))) if title and not _is_paragraph(title) else set()
    if len(years) != 1:  # (a day written in full stands next to its year: read only around the years,
        # the first and last few, where a page prints its stamp)
        at = [m.start() for m in _ANY_YEAR.finditer(text)]
        day = str(int(found.iso[-2:]))
        windows = (text[max(0, i - 24):i + 12] for i in (at if len(at) <= 12 else at[:6] + at[-6:]))
        spots = "\n".join(w for w in windows if day in w)
        years = {d.year for d in find_dates(spots) if d.year and d.iso[4:] == found.iso[1:]} if spots else set()
        if not years:
            years = _narrated_years(text, at if len(at) <= 12 else at[:6] + at[-6:], found.iso[1:])
        if not years:
            years = _event_year(f"{title}\n{lead}" if _is_paragraph(title) else lead)
    if len(years) == 1:
        year = int(years.pop())
        return DateMatch(f"{year:04d}{found.iso[1:]}", year, found.start)
    head = lead.lstrip()[:60]
    opening = next((d for d in find_dates(head) if not d.iso.isdigit()), None) if _ANY_YEAR.search(head) else None
    if opening and opening.start < 20 and len(opening.iso) == 10 and opening.iso[4:] <= found.iso[1:]:
        return opening  # "December 08" over a lead opening "On November 30, 2017, ...": the dated event
    return found


#: A year naming the event an article reports: "2023年粤港知识产权研讨会", "the 2019 Norland Patent Forum".
_EVENT_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?!\d)\s*(?:年(?!\s*\d{1,2}\s*月))?[^。！？.;；\n]{0,40}?"
    r"(?:研讨会|研討會|会议|會議|论坛|論壇|大会|大會|峰会|峰會|年会|年會|博览会|博覽會|展览会|展覽會|座谈会|座談會|"
    r"培训班|培訓班|研修班|交流会|交流會|会晤|會晤|活动周|活動週|宣传周|宣傳週|"
    r"\b(?:conference|forum|summit|meeting|symposium|seminar|workshop|congress|expo|fair|assembl(?:y|ies)|session)s?\b)",
    re.I,
)
#: Where a lead's first sentence ends (not after "Aug." before its day, nor inside "U.S.").
_SENTENCE_BREAK = re.compile(r"[。！？\n]|(?<=[a-z]{2})\.\s+(?=[A-Z“\"])")
#: A sentence about what is to come: its event's year may be the next one.
_FUTURE = re.compile(r"\b(?:will|to\s+be|shall|upcoming|next)\b|将于|將於|将在|將在|即将|即將|拟于|擬於", re.I)


def _event_year(lead: str) -> set[int]:
    """The year of the event the lead's first sentence reports, when it names it with its year ("10月17日电
    ... 2023年粤港知识产权研讨会已在惠州举行"): the editor wrote the year once, in the event's name. An event
    to come ("will be held", "将于") may be next year's, and tells nothing."""
    if not _ANY_YEAR.search(lead, 0, 420) and "年" not in lead[:420]:
        return set()
    first = _SENTENCE_BREAK.split(_normalise_dates(lead.lstrip()[:400]), maxsplit=1)[0]
    if _FUTURE.search(first) or len(set(_TITLE_YEAR.findall(first))) != 1:
        return set()
    m = _EVENT_YEAR.search(first)
    return {int(m[1])} if m else set()


def _narrated_years(text: str, at: list[int], month_day: str) -> set[int]:
    """The years of the full dates (at ``at``) that the same ``month_day`` ("-03-01") follows in their
    paragraph, later in that year: "On January 29, 2021, the parties ... On March 1, it entered into force"
    narrates 2021, and the yearless dateline "March 1" is that day."""
    years: set[int] = set()
    mon = int(month_day[1:3])
    names = (*_MONTH_NAMES[mon - 1], f"{mon}月")
    for i in at:
        if not any(name in text[i + 4:i + 240] for name in names):  # (the month named after the year)
            continue
        stated = find_dates(text[max(0, i - 24):i].rsplit("\n", 1)[-1] + text[i:i + 240].split("\n", 1)[0])
        for k, d in enumerate(stated):
            if d.year and len(d.iso) == 10 and d.iso[4:] <= month_day:
                if any(e.year is None and e.iso[1:] == month_day for e in stated[k + 1:]):
                    years.add(d.year)
    return years


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


#: Words that make the date after them the start of a period, long before the article: "since January 2015",
#: "as early as July 2011", "自2003年1月...以来", "早在2011年7月".
_PERIOD_START = re.compile(r"(?:\b(?:since|as\s+early\s+as|back\s+in|dating\s+back\s+to)\s+(?:the\s+)?|自从|自|早在|始于|始於)\s*$", re.I)


#: Words that make a headline's date the bound of a period ("YEAR ENDED DEC 31 1986", "Year to September 30,
#: 1986"): an accounting date, not the day of the news.
_PERIOD_BOUND = re.compile(r"\b(?:end(?:ed|ing|s)?|to|through|thru|until|till|as\s+of|since|from)\s*$", re.I)


def _is_paragraph(title: str) -> bool:
    """Whether ``title`` is the page's first paragraph standing in for a headline the page lacks (it ends
    a sentence, or was cut short): its dates are the lead's."""
    return title.endswith(("。", ".", "…", "！", "!")) or "。" in title


def _article_date(text: str, title: str, lead: str) -> DateMatch | None:
    paragraph = bool(title) and _is_paragraph(title)
    if paragraph:
        lead = f"{title}\n{lead}"
    scraped = SCRAPE_DATE.match(text)
    if scraped:  # " date 2023-07-20 17 July 2023": a date the page states itself comes first
        stated = [d for d in find_dates(text[scraped.end():].split("\n", 1)[0][:40]) if d.year]
        if stated and stated[0].start == 0:
            return stated[0]
        y, mon, day = (int(g) for g in scraped.group("y", "m", "d"))
        iso = _iso(y, mon, day)
        if iso:
            return DateMatch(iso, y, scraped.start("y"))
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
            if mon > 12 >= day or (day <= 12 and not g["label"].isascii()):  # 28/04/2023; or a label not
                # in English: the rest of the world writes the day first
                mon, day = day, mon
            iso = _iso(int(g["y2"]), mon, day)
            if iso:
                return DateMatch(iso, int(g["y2"]), m.start())
        elif g["rest"]:
            dates = find_dates(g["rest"])
            if dates:
                return dates[0]
    at, end = title_span(text, title)
    before, after = (text[:at], text[end:]) if at >= 0 else ("", text)
    # a date alone on a line just above or under the headline is a dateline (blank lines do not count)
    above = [line for line in before[-300:].splitlines() if line.strip()][-2:]
    for line in reversed(above):  # "March 15, 2017 Vol. 72 No. 5": a date opening a line above the headline
        lead_date = leading_date(line)
        if lead_date and not only_date(line.strip()):
            return lead_date[0]
    first = next((line for line in before[:300].splitlines() if line.strip()), None)  # "23.05.24" opening the page
    near = ([first] if first is not None and first not in above else []) + above
    near += [line for line in after[:600].splitlines() if line.strip()][:6]
    for line in ([title] if title else []) + near:
        found = _dateline(line.strip(), line is title)
        if found:
            return found
    # "posted on November 13, 2012" in the page's foot: the publication date, stated (events come first in the lead)
    foot = text[-400:]
    posted = list(_POSTED.finditer(foot)) if any(w in foot for w in ("osted", "ublished", "发", "發")) else []
    if posted:
        found = _stamp_date(posted[-1]["date"], day_first=not posted[-1]["label"].isascii())
        if found:
            return found
    # the date a headline states in full ("IP5 Heads meeting, 20 June 2024"): the event the page is about,
    # before the lead's dates (which may tell what came before it)
    stated = (
        [d for d in find_dates(title) if d.year and len(d.iso) == 10]
        if title and not paragraph and _ANY_YEAR.search(title) else []
    )
    heading = _normalise_dates(title) if stated else ""
    stated = [d for d in stated if not _PERIOD_BOUND.search(heading, max(0, d.start - 12), d.start)]
    if len(stated) == 1:
        return stated[0]
    # a full date on the page's last line is its publication stamp, printed at the foot: it dates the page
    # over the lead's dates, which tell the events reported (a signing a few days before)
    last = next((line.strip() for line in reversed(text[-300:].splitlines()) if line.strip()), "")
    stamp = _stamp(last)
    if stamp is not None:
        return stamp
    opening = _normalise_dates(lead[:800])
    for found in find_dates(opening):
        # a bare year is no article date, nor the start of a period ("since January 2015", "自2003年1月")
        if not found.iso.isdigit() and not _PERIOD_START.search(opening, max(0, found.start - 16), found.start):
            if found.year is None and not text.isascii():  # ("11月13日" in the lead, "某局 103年11月21日" closing
                # the article: its own date; a Chinese page's stamp line, where hard-wrapped English prose ends
                # lines with "June 15, 2017.")
                return next(filter(None, map(_stamp, _year_lines(text[:4000]))), found)
            return found
    # a dateline opening a paragraph further down, under captions and the headline in another language
    # ("2025年5月20日，北京 – ...", "May 20, 2025, Geneva – ..."): the lead the page buried
    for line in (after[:3000] if at >= 0 else "").splitlines():
        dated = leading_date(line) if line[:1].isdigit() or line[:3].lower() in _MONTHS else None
        if dated and _PLACE_DASH.match(dated[1]):
            return dated[0]
    return _year_only(title, opening)


#: A dateline's place and dash after its date: "北京 – ", "Geneva -- ".
_PLACE_DASH = re.compile(r"[，、]?\s*[^\W\d_][\w .'’-]{0,24}?\s*(?:--?|–|—)\s")


def _year_lines(text: str) -> Iterator[str]:
    """The short lines of ``text`` that state a year (found at C speed: most lines state none)."""
    end = -1
    for m in _YEAR_MARK.finditer(text):  # (a year's or 年's place, found at C speed; then its line)
        if m.start() < end:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if 6 <= len(line) <= 60 and _STAMP_YEAR.search(line):
            yield line


_YEAR_MARK = re.compile(r"[12][019]\d\d|年|[０-９]{4}")


def _stamp(last: str) -> DateMatch | None:
    """The full date of a stamp line, alone or after its publisher's name ("2019-03-06", "某某局 103 年 11 月 21 日")."""
    if len(last) > 60 or not _STAMP_YEAR.search(last) or last.endswith("."):  # (a stamp states its year; a
        return None  # sentence's end is no stamp. Most lines are passed at C speed)
    dates = [d for d in find_dates(last) if d.year and len(d.iso) == 10]
    if not dates:
        return None
    if only_date(last):
        return dates[0]
    if len(dates) == 1 and _CREDIT.match(last):  # "Source: Agency (Dec. 5, 2017)", "來源：某報 2023-03-05"
        return dates[0]
    name = _normalise_dates(last)[: dates[-1].start].strip()
    if name and len(dates) == 1 and len(name) <= 30 and not _CLAUSE.search(name) and _ONLY_DATE_AFTER.match(
        _normalise_dates(last)[dates[-1].start:]
    ):
        return dates[0]
    return None


#: A full date's shape around its year, as a stamp writes it ("2019-03-05", "5.3.2019", "March 5, 2019", "5 mars 2019",
#: a 民國 "103 年 11 月" or "112/03/05", "二〇一九年"): a line without one is passed at C speed.
_STAMP_YEAR = re.compile(
    r"(?:19|20)\d\d\s*[-/.年]\s*\d|\d\s*[-/.]\s*(?:19|20)\d\d|\d,?\s+(?:19|20)\d\d|\d{2,3}\s*年\s*\d{1,2}\s*月"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,10}\.?\s+(?:19|20)\d\d|1[01]\d[/.-]\d{1,2}[/.-]\d|[〇零一二三四五六七八九]{4}年|[０-９]{4}"
)
#: A credit line closing a page, naming its source and the date it ran there.
_CREDIT = re.compile(
    r"^(?:(?:source|sources|courtesy\s+of|来源|來源|资料来源|資料來源|稿源|出处|出處)\s*[:：]"
    r"|[\[(]?\s*(?:last\s+)?update[sd]?(?:\s+on)?\b|更新(?:日期|时间|時間)?)",
    re.I,
)
#: Punctuation or words of a sentence: a line with them before its date is text, not a stamp.
_CLAUSE = re.compile(r"[,，。;；:：!?！？]|\b(?:on|in|at|by|from|since|until|will|was|is)\b", re.I)
_ONLY_DATE_AFTER = re.compile(r"[^\n]*?[日\d]\s*$")


#: "2012124日至5日": a Chinese date whose month and day ran into its year; only the year can be read.
_GARBLED_ZH = re.compile(r"(?<!\d)((?:19|20)\d\d)\d{1,4}\s*日")


#: "... fall slightly in 1986", "在2015年": a headline's year after a preposition is the period it reports on.
_PERIOD_YEAR = re.compile(r"(?:\b(?:in|for|since|by|to|until|from|through|before|after|of)\s+|[在于至到])(?:19|20)\d\d", re.I)


def _year_only(title: str, lead: str) -> DateMatch | None:
    """The year, when no day or month dates the article but the year is stated as its own: a date whose
    month and day are garbled, or the one year the headline names and the lead repeats ("2014年...研讨会")."""
    garbled = _GARBLED_ZH.search(lead) if "日" in lead else None
    if garbled:
        return DateMatch(garbled[1], int(garbled[1]), garbled.start())
    years = set(_TITLE_YEAR.findall(_normalise_dates(title))) if title else set()
    if len(years) == 1 and not _PERIOD_YEAR.search(title):
        year = years.pop()
        at = lead.find(year)
        if at >= 0:
            return DateMatch(year, int(year), at)
    return None


#: "[Agency 12月22日報導]": a wire service's bracketed dateline opening the first paragraph.
_WIRE_DATELINE = re.compile(r"[【\[]([^\d】\]\n]{0,8}\d{1,2}\s*月\s*\d{1,2}\s*日[^】\]\n]{0,6})[】\]]")
#: "23.05.24": day, month and a two-digit year, alone on a line; a dateline, never a version number there.
_SHORT_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d\d)")
_SOURCE_FIELD = re.compile(r"(?:来源|來源|作者|编辑|編輯|source|author)\s*[:：]", re.I)
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
#: "posted on November 13, 2012", "本文由 ... 發表于 02/12/2021 15:03": the page's own publication stamp.
_POSTED = re.compile(
    r"(?P<label>posted|published|发表于|發表于|發表於|发布于|發布於|發佈於)(?:\s+on)?\s*[:：]?\s*(?P<date>[^\n<>]{6,30})",
    re.I,
)


def _dateline(line: str, is_title: bool) -> DateMatch | None:
    """The date ``line`` (near the headline) gives the article when it is a dateline: a date alone
    (or after a byline), a wire's bracketed dateline, or a credit line ("Xinhua, March 18, 2016",
    "Agency, 28.05.2024": a source's name, then the full date)."""
    wire = _WIRE_DATELINE.match(line) if "月" in line else None
    if wire:
        return next(iter(find_dates(wire[1])), None)
    if is_title:
        return None
    byline = _BYLINE_DATE.match(line)
    if only_date(line) or (byline and only_date(byline["date"])):
        dates = find_dates(line)
        if dates:
            return dates[0]
    short = _SHORT_DOTTED.fullmatch(line) if len(line) <= 8 else None
    if short:
        iso = _iso(2000 + int(short[3]), int(short[2]), int(short[1]))
        if iso:
            return DateMatch(iso, 2000 + int(short[3]), 0)
    if len(line) > 90:
        return None
    if (":" in line or "：" in line) and _SOURCE_FIELD.search(line):  # "来源:某报 作者:某人 2017-09-01 09:55"
        dates = [d for d in find_dates(line) if d.year and len(d.iso) == 10]
        if dates:
            return dates[0]
    comma = line.find(", ")  # (a comma and a space: "1,250" is no credit line)
    if comma > 0 and not _ANY_YEAR.search(line, comma):
        return None
    while 0 < comma <= 40 and not _LOWER_WORD.search(line, 0, comma):
        credited = leading_date(line[comma + 2:])
        if credited and not _ANY_DIGIT.search(credited[1]):  # (figures after it: a table's row)
            return credited[0]
        comma = line.find(", ", comma + 2)
    return None


def _stamp_date(part: str, day_first: bool) -> DateMatch | None:
    """The full date opening ``part``; a numeric date both ways readable ("02/12/2021") is read day first
    after a label not in English."""
    dates = [d for d in find_dates(part) if d.year and len(d.iso) == 10]
    if dates and dates[0].start <= 2:
        return dates[0]
    m = _NUMERIC_DATE.match(part)
    if m and day_first:
        y = int(m["y"])
        iso = _iso(y, int(m["b"]), int(m["a"]))
        if iso and _real(y, int(m["b"]), int(m["a"])):
            return DateMatch(iso, y, 0)
    return None


def title_span(text: str, title: str) -> tuple[int, int]:
    """Where the headline stands in ``text`` ((-1, -1) if nowhere): a headline is given with its spaces
    folded and a two-line headline joined by a space, so a run of spaces or a line break matches a space."""
    if not title:
        return -1, -1
    at = text.find(title)
    if at >= 0:
        return at, at + len(title)
    if " " not in title:
        return _glossed_span(text, title)
    first = title.split(" ", 1)[0]
    start = text.find(first)
    m = re.compile(r"\s+".join(map(re.escape, title.split(" ")))).search(text, max(start, 0)) if start >= 0 else None
    return (m.start(), m.end()) if m else (-1, -1)


def _glossed_span(text: str, title: str) -> tuple[int, int]:
    """A Chinese headline found with the pinyin readings the page glued after its characters ("知識產(chǎn)權"),
    which the title leaves out."""
    if "(" not in text and "（" not in text:
        return -1, -1
    gloss = r"(?:[(（][a-zü\u00e0-\u01dc]{1,8}[)）])?"
    m = re.compile(gloss.join(map(re.escape, title))).search(text)
    return (m.start(), m.end()) if m else (-1, -1)


def leading_date(line: str) -> tuple[DateMatch, str] | None:
    """The full date (year, month and day) a line opens with, and the rest of the line: a date glued
    before a headline ("12 February 2019 Offices sign ...") or a periodical's issue line."""
    s = line.lstrip()
    if not s[:1].isdigit() and s[:3].lower() not in _MONTHS:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        g = m.groupdict() if m else {}
        if m and (g.get("y") or g.get("cy") or g.get("ly") or g.get("fy")) and (g.get("d") or g.get("cd") or g.get("fd")):
            found = find_dates(m.group(0))
            if found and found[0].year and len(found[0].iso) == 10:
                return found[0], s[m.end():].lstrip(" \t,.:-–—|")
    return None


#: "by Jane Doe on August 5, 2011", "Posted on 5 August 2011": a byline that dates the article.
_BYLINE_DATE = re.compile(r"^(?:by|posted|published|written)\b.{0,60}?\s(?:on|at)\s+(?P<date>[^\n]{4,40})$", re.I)


#: A scraper's stamp opening the text: " date 2023-07-25" before the headline.
SCRAPE_DATE = re.compile(r"^\s*date\s+(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)[ \t]*")


@lru_cache(maxsize=4096)
def only_date(line: str) -> bool:
    """A line that is a date and little else (a dateline, not a headline); cached like
    :func:`.layout.is_chrome`, which asks it about every line it is asked about."""
    if len(line) > 60 or not _ANY_DIGIT.search(line):  # a dateline is short
        return False
    words = [w.lower() for w in _LONG_WORD.findall(line)]
    if any(w not in _MONTHS and w not in _FOREIGN_MONTHS and w not in _STAMP_WORDS for w in words):
        return False  # words no date pattern removes
    if words or ":" in line or "Th" in line:  # "Wednesday, 03/06/2015 09:01 GMT+7", "Th 3, 01/12/2009 | 14:42 CH"
        line = _CLOCK.sub(" ", _VI_WEEKDAY.sub(" ", _WEEKDAY_NAME.sub(" ", line))).strip()
    rest = line
    for pattern in (*_DATE_PATTERNS, _NUMERIC_DATE):
        rest = pattern.sub("\0", rest)
    if rest == line:
        return False
    rest = _ZH_WEEKDAY.sub("", rest)
    if rest.startswith("\0") and _SET_APART.match(rest[1:]):  # "2016年6月27日    即時資訊": a date, then a label
        return True
    return len(rest.replace("\0", "").strip(" .,:-–—|()\t")) < 3


_ZH_WEEKDAY = re.compile(r"\s*[(（]?(?:星期|週|周|礼拜|禮拜)[一二三四五六日天][)）]?")
#: What may follow a date on a dateline, set apart by wide space or a bar: a short label ("即時資訊", "News").
_SET_APART = re.compile(r"(?:\s{2,}|\s*[|｜]\s*)\S{1,8}\s*$")


_STAMP_WORDS = frozenset(
    [*_WEEKDAYS, *(d[:3] for d in _WEEKDAYS), "tues", "thur", "thurs", "gmt", "utc", "thứ"]
)
_CLOCK = re.compile(
    r"(?<!\d)\d{1,2}:\d\d(?::\d\d)?(?:\s*(?:[ap]\.?m\.?|CH\b|SA\b|(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2})?))?", re.I
)
#: Words of Latin letters, accented ones too ("Kasım", "septiembre", "Thứ").
_LONG_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]{3,}")
_ANY_DIGIT = re.compile(r"[0-9０-９〇一二三四五六七八九]")
