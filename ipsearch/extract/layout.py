"""Layout: what an editor sees first — headline, page furniture, dateline, lead paragraphs.

News pages from IP offices follow a few layouts (site menus, a headline, an "Updated:" or
dateline, a lead paragraph, a "Source:" footer); the other families read the parts found here
(a country in the dateline or lead is one the article is about; the date stands near the top).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache

from ..han import HAN, strip_glued_pinyin
from ..lexicon import Entry, Lexicon, abbreviation_key
from .dates import MONTH_RE, SCRAPE_DATE, find_dates, leading_date, only_date, title_span
from .document import snippet_lines
from .matching import HAN_CHAR


_CHROME = re.compile(
    r"""^(?:select\s+language|service\s+phone|language\s*:|home\b|(?-i:Home(?=[A-Z]))|print\b|close\b|share\b|font\s*size|
    skip\s+to|shortcut\s+to|jump\s+to|go\s+to\s+(?:main\s+)?content|welcome\s+to|(?:你好|您好)?[,，!！\s]*(?:欢迎|歡迎)(?:来到|來到|光临|光臨|访问|訪問)|search\b|menu\b|login\b|log\s+in|sign\s+in|copyright|all\s+rights|back\s+to|you\s+are\s+here|
    related\s+(?:news|articles)|text\s+size|views?\s*:|hits\s*:|\d[\d,.]*\s+(?:times|views|hits|reads)$|
    trang\s+chủ|tin\s+tức|xem\s+với|cỡ\s+chữ|in\s+bài|đọc\s+bài|chia\s+sẻ|tương\s+phản|
    updated\s*:|source\s*:|date\s*:|time\s*:|author\s*:|editor\s*:|release\s+date\s*:|published\s*:|posted\s*:|
    字号|字體|打印|关闭|關閉|分享|当前位置|當前位置|您现在的位置|您現在的位置|首页|首頁|来源|來源|发布时间|發布時間|发布日期|發布日期|
    时间|時間|作者|编辑|編輯|责任编辑|責任編輯|浏览|瀏覽|点击|點擊|
    地址|邮编|郵編|电话|電話|传真|傳真|主办单位|主辦單位|承办单位|承辦單位|版权所有|版權所有|
    address\s*:|tel\s*[.:]|phone\s*:|fax\s*:|e-?mail\s*:)""",
    re.I | re.X,
)
_TITLE_PREFIX = re.compile(r"^(?:title|headline|标题|標題|法规名称|法規名稱|文件名称|文件名稱)\s*[:：]\s*", re.I)
_SITE_SUFFIX = re.compile(
    r"\s*(?:\s[-|–—]\s?|_|｜|\s::\s|\s[«»]\s|－)\s*(?P<site>[^-|–—_｜:«»－]{2,60})$"
)
_SITE_WORDS = re.compile(
    r"website|web\s*site|portal|official|news|xinhua|网|網|官网|官網|媒|\w\.(?:com|net|org|gov|hk|cn|tw|mo)\b", re.I
)
#: More words of a site's name after a headline ("- IP Daily", "- Norland Patent Office"); not after a wire's
#: headline in capitals, where "- MINISTRY", "- NY TIMES" credit the source of the news.
_SITE_NAME_WORDS = re.compile(
    r"\b(?:daily|times|journal|herald|gazette|magazine|weekly|online)\b|\s(?:office|ministry|agency|bureau|administration|institute)$",
    re.I,
)
#: A Chinese headline glued to its site's name by a bare dash: "香港與內地合作深化-紫荊網".
_ZH_SITE_SUFFIX = re.compile(rf"[-–—_－](?P<site>[{HAN}]{{2,10}})$")
#: A section's or site's name before a headline: "NEWS | ...", "IP Daily | ...", "Latest news: ...", "新闻动态：...".
_SECTION_PREFIX = re.compile(r"^(?P<label>[^|｜:：»›]{2,40}?)\s*(?P<sep>[|｜»›]|::|[:：])\s*(?=\S)")
#: Section names a page puts before its headlines with a colon (a colon after other words is the headline's:
#: "Singapore: office signs MoU").
_SECTION_WORDS = re.compile(
    r"(?:latest\s+|breaking\s+|top\s+)?(?:news|press\s+releases?|media\s+releases?|news\s+releases?|announcements?|"
    r"updates?|events?|features?|blog(?:\s+post)?|articles?|opinion|spotlight|in\s+brief|news\s+in\s+brief)|"
    r"新闻|新聞|新闻动态|新聞動態|动态|動態|公告|通知|要闻|要聞|快讯|快訊|最新消息|新闻发布|新聞發布|工作动态|工作動態",
    re.I,
)
#: A site's or column's name before a Chinese headline: "台商服務網-OECD聯合研究", "董事長專欄-第八屆研討會".
_ZH_SITE_PREFIX = re.compile(rf"^(?P<site>[{HAN}]{{2,12}}?(?:网|網|专栏|專欄|频道|頻道))\s*[-–—|｜:：]\s*(?=\S)")


def extract_title(lines: list[str], lexicon: Lexicon | None = None) -> str:
    """The headline: the first line that is not page furniture, without a trailing site name.

    A label of a few words ("Avatar photo", "新闻动态") or the site owner's name alone ("Ministry of Economy,
    Trade and Industry") gives way to a headline-length line close below it: page chrome and section names
    are short, headlines are phrases. So does one short sentence ("X led WIPO from 2008 to 2020."), a
    page's note above its headline; a line with a web address is never the headline.
    """
    def label(line: str) -> bool:
        return _is_label(line) or _is_site_name(line) or _is_owner(line, lexicon)

    candidates = []
    sentences = 0
    texts = [s for s in map(_unlabelled, lines) if s]
    start = _after_author_card(texts)
    for i, raw in enumerate(texts):
        if i < start or (i and _ABOUT_BOX.match(texts[i - 1])):  # an about box's heading, then its text
            continue
        # "1. Home" "2. News" ... "5. <headline>": numbered lines in a row are a menu or breadcrumb trail
        if _NUMBERED.match(raw) and (
            is_chrome(_NUMBERED.sub("", raw)) or any(_NUMBERED.match(t) for t in texts[max(0, i - 1):i + 2] if t is not raw)
        ):  # ("1. Home" alone is a menu too)
            continue
        s = _undated(raw)
        if not s:
            continue
        if is_chrome(s) or len(s) < 4 or _is_navigation(s) or not _WORDY.search(s) or _REFERENCE.match(s):
            continue
        if _ADDRESS.search(s) or _is_place_and_date(s) or _is_stamp(s):
            continue
        candidates.append(s)
        if len(candidates) > 8:
            break
        if not label(s):
            if sentences or _headline_like(s) or not _short_sentence(s):
                break
            sentences += 1
    if not candidates:
        return ""
    chosen = next((c for c in candidates if not label(c) and _headline_like(c)), candidates[0])
    at = texts.index(chosen) if chosen in texts else -1
    over = _over_stamp(texts, at, label)
    if over is not None:
        at, chosen = over, texts[over]
    elif 0 <= at < len(texts) - 2 and _is_slogan(chosen, texts[at + 1], texts[at + 2]):
        at += 1
        chosen = texts[at]
    if 0 <= at < len(texts) - 1 and _continues(chosen, texts[at + 1]):
        chosen = f"{chosen} {texts[at + 1]}"
    chosen = _before_dateline(strip_glued_pinyin(re.sub(r"\s+", " ", chosen)))
    return _shortened(_strip_site(_without_stamp(chosen), lexicon))


#: A news agency's dateline opening the story, on the headline's line when a page lost its line breaks:
#: "... 新华社香港12月5日电(记者...)", "... 【本报讯】", "... GENEVA, Dec. 5 (Agency) -- ...".
_GLUED_DATELINE = re.compile(
    rf"\s*(?:[（(【\[]?[{HAN}]{{1,6}}?(?:社|网|網|报|報|台)[{HAN}]{{2,8}}?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:电|電|讯|訊)"
    r"|[【\[](?:本报讯|本報訊)[】\]]"
    r"|\s(?:[A-Z]{3,}\s){0,2}[A-Z]{3,},\s(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s(?:19|20)\d\d)?\s)?(?:\([A-Za-z .]{2,30}\)\s)?(?:--?|–|—)\s)"
)


def _before_dateline(line: str) -> str:
    """The headline of a line that runs on into the story's dateline and text (a page without line breaks)."""
    if len(line) < 30 or not (line.endswith(("。", ".", "…")) or len(line) > MAX_HEADLINE_CHARS):
        return line
    m = _GLUED_DATELINE.search(line, 8)
    return line[: m.start()].rstrip() if m else line


#: A publication line's label: "时间:", "發布日期：", "Posted on", "Published:", "Updated:".
_STAMP_LABEL = re.compile(
    r"^(?:发布|發布|發佈|时间|時間|日期|更新|posted|published|updated|last\s+updated|release\s+date|date\s*:)", re.I
)
#: How far down a page its headline and publication line may stand (in non-blank lines).
_STAMP_REACH = 25


def _is_stamp(line: str) -> bool:
    """A line that dates the page: a date alone, or after a label, an author's or a button's name of a word or
    two ("Posted on 5 March 2019", "时间:2015-04-03 00:25", "Oyundelger 2018-10-08 11:10", "Broadcast 2018-12-10")."""
    if len(line) > 70 or not _YEARISH.search(line):  # (every stamp states its year)
        return False
    if line[:1].islower() or line.endswith(".") and not _DOTTED.search(line):  # "to February 1986.", "be May 1,
        return False  # 1987.": a wrapped sentence's end (a dotted date may end with its dot: "2020. 10. 26.")
    if only_date(line):  # (a full date: "On February 13, ..." opens a lead, "June 1986" ends a sentence)
        return any(d.year and len(d.iso) == 10 for d in find_dates(line)) or _DAY_MONTH_YEAR.search(line) is not None
    if _STAMP_LABEL.match(line):
        return any(d.year for d in find_dates(line))
    if len(line.split()) > 5 or not _ANY_DIGIT_TAIL.search(line):  # (a name or a word or two, a date, a time)
        return False
    rest = _without_stamp(_CLOCK_TAIL.sub("", line))
    han = len(HAN_CHAR.findall(rest))
    return rest != line and (han <= 4 if han else len(rest.split()) <= 2) and not _NUMBER.search(rest)


_DOTTED = re.compile(r"\d\.\s?\d")
_YEARISH = re.compile(r"(?:19|20)\d\d|1[01]\d\s*[/.年-]")
_CLOCK_TAIL = re.compile(r"\s+\d{1,2}:\d\d(?::\d\d)?\s*$")


def _over_stamp(texts: list[str], at: int, label: Callable[[str], bool]) -> int | None:
    """Where the headline stands when it is not the line chosen (at ``at``): right over the page's
    publication line ("时间:2015-04-03", "28 Kasım 2024"), the first labelled one, else the first date line.
    A slogan or banner above it, or a subtitle under the date line, gives way; over a headline and its
    subtitle, the upper line. None: keep the chosen line."""
    stamps = [  # (substring tests first, at C speed: a stamp's short line states a year)
        i for i, t in enumerate(texts[: min(_STAMP_REACH, at + 7)])
        if len(t) <= 70 and ("19" in t or "20" in t or not t.isascii()) and _is_stamp(t)
    ]
    labelled = [i for i in stamps if _STAMP_LABEL.match(texts[i])]
    if at + 1 in (labelled[:1] or stamps):  # the chosen line stands over the publication line itself
        return None
    p = (labelled or stamps or [-1])[0]
    h = p - 1
    if h < 0 or h == at or (0 <= at < h and at == h - 1):  # (the chosen line, or a headline over its subtitle)
        return None

    def headline(i: int) -> bool:
        t = _undated(texts[i])
        return bool(t) and t == texts[i] and not (
            is_chrome(t) or _is_navigation(t) or _SECTION_WORDS.fullmatch(t) or _REFERENCE.match(t)
            or _ADDRESS.search(t) or _is_site_name(t) or _is_stamp(t) or not _WORDY.search(t) or not _headline_like(t)
            or t.endswith((":", "："))
        )

    if not headline(h) or (label(texts[h]) and at != p + 1):  # a short headline over the date, a subtitle under it
        return None
    if h - 1 > at and h - 1 >= 0 and headline(h - 1) and not label(texts[h - 1]):
        return h - 1
    return h


#: Where a publication stamp may be set apart after a headline: a bar, a spaced dash, brackets, or
#: (for a numeric date alone) a space: "... agreement | 12 March 2021", "... 协议 2023-07-25", "... (2021-03-12)".
_STAMP_SEPARATOR = re.compile(r"\s*[|｜]\s*|\s+[-–—]\s+|\s*[(（\[【]\s*|\s+")
#: A numeric date ("2017.12.06", "05/03/2019", "2023年12月8日"): after a mere space it is still a stamp.
_NUMERIC_STAMP = re.compile(r"[\d./\-年月日\s]+$")
#: A headline's last words that make a date after them part of the sentence ("... held on 3 May 2021").
_DATE_GOVERNOR = re.compile(r"(?:\b(?:on|in|at|of|from|until|since|by|to|and|till|before|after|held|dated)|[于於在至到,，])$", re.I)


def _without_stamp(title: str) -> str:
    """``title`` without the publication date a page glued after it ("Offices sign pact | 12 March 2021",
    "甲乙签署协议 2023-07-25"): the date dates the article (:mod:`.dates` reads it on the line), it is no
    part of the headline. A date the headline's words lead into ("Heads meeting, 15 June 2023", "held on
    3 May") stays: it names the event."""
    if not _ANY_DIGIT_TAIL.search(title):
        return title
    labelled = _GLUED_STAMP.search(title, 8)  # "... 时间:2021-10-26", "... Posted: 5 March 2019"
    if labelled and any(d.year for d in find_dates(labelled.group("stamp"))):
        return title[: labelled.start()].rstrip(" ,:-–—|")
    for sep in _STAMP_SEPARATOR.finditer(title, 8):
        tail = title[sep.end():].rstrip(" )）]】")
        if not tail or len(tail) > 40:
            continue
        if not only_date(tail) or _DATE_GOVERNOR.search(title[: sep.start()].rstrip()):
            continue
        found = [d for d in find_dates(tail) if d.year]
        if (not found or found[0].start != 0) and not _DAY_MONTH_YEAR.fullmatch(tail):  # (05/03/2019: either way)
            continue
        if sep.group().strip() or _NUMERIC_STAMP.match(tail):
            return title[: sep.start()].rstrip(" ,:-–—")
        return title
    return title


_GLUED_STAMP = re.compile(
    r"\s+(?:[|｜]\s*)?(?:发布时间|發布時間|发布日期|發布日期|时间|時間|日期|date|posted(?:\s+on)?|published|updated)\s*[:：]\s*"
    r"(?P<stamp>[^:：]{6,30})$",
    re.I,
)
_ANY_DIGIT_TAIL = re.compile(r"\d\D{0,3}$")
_DAY_MONTH_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d")


#: A blog author's card above the headline ("Avatar photo", name, position, "Part of ..." series,
#: the post's date): the headline follows the card's date.
_AVATAR = re.compile(r"^(?:avatar|author|profile)\s+(?:photo|image|picture|pic)$", re.I)


def _after_author_card(texts: list[str]) -> int:
    """Where the headline search starts: after an author card's date line, when the page opens with a card."""
    for i, line in enumerate(texts[:6]):
        if _AVATAR.match(line):
            for j in range(i + 1, min(i + 7, len(texts))):
                if leading_date(texts[j]) is not None or only_date(texts[j]):
                    return j + 1 if j + 1 < len(texts) else 0
            return 0
    return 0


#: A blog's own name at the top of its posts ("Director's Blog: the latest from ...", "The IP Blog").
_BLOG_NAME = re.compile(r"^(?:[A-Z0-9][\w’'.&-]*\s+){1,3}(?:Blog|BLOG)(?:\s*[:|–—-].*)?$")
#: The box about the site itself ("中华人民共和国年鉴简介", "About us"): its heading is no headline.
_ABOUT_BOX = re.compile(rf"^(?:[{HAN}A-Za-z]{{2,16}}(?:简介|簡介)|about\s+us)$", re.I)


def _is_site_name(line: str) -> bool:
    return bool(_BLOG_NAME.match(line) or _ABOUT_BOX.match(line))


#: A government body's name alone, every word capitalised ("Ministry of Economy, Trade and Industry",
#: "U.S. Department of State"): the site's owner, where the lexicon does not know it.
_INSTITUTION = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.]*\s+){0,3}(?:Ministry|Department|Office|Bureau|Agency|Embassy|Commission|Administration)"
    r"(?:\s+(?:of|for|and|the|&|[A-Z][\w.’'-]*,?))+$"
)


def _is_owner(line: str, lexicon: Lexicon | None) -> bool:
    """The site owner's name, alone or with its logo's caption ("U.S. Department of State - Great Seal")."""
    def owner(name: str) -> bool:
        return bool(_INSTITUTION.match(name)) or (lexicon is not None and _is_organization(name, lexicon))

    if owner(line):
        return True
    parts = re.split(r"\s+[-–—|]\s+", line)
    return len(parts) == 2 and any(owner(p) and _is_label(q) for p, q in (parts, parts[::-1]))


#: A Chinese line of short phrases between spaces ("保护知识产权 就是保护创新"): a site's slogan, or a
#: headline with a space for a comma ("港方与甲局签备忘 加强资讯共享").
_SPACED_PHRASES = re.compile(rf"^[{HAN}]{{2,8}}(?:\s+[{HAN}]{{2,8}})+$")
#: The publication line under a Chinese headline ("发布时间：…", "信息来源：…", "時間:…來源:…").
_PUBLISHED = re.compile(r"^(?:发布|發布|信息来源|資訊來源|来源|來源|时间|時間|日期)")


def _is_slogan(line: str, below: str, after: str) -> bool:
    """Whether ``line`` is the site's slogan above its headline: phrases between spaces, then a
    headline standing right over the publication line (the headline sits there, the slogan does not)."""
    return (
        bool(_SPACED_PHRASES.match(line))
        and bool(_PUBLISHED.match(after) or only_date(after))
        and re.search(f"[{HAN}]", below) is not None
        and " " not in below.strip()
        and _headline_like(below)
        and not is_chrome(below)
        and not _is_label(below)
    )


#: A Chinese headline's first line that is only its subject, names joined by 、/及/與 and ending in one
#: ("甲國專利局、乙國商標局及丙國協會"): the predicate follows on the next line.
_ZH_SUBJECT_LINE = re.compile(
    rf"^[{HAN}A-Za-z()（）\s、]{{4,40}}[、及与與和][{HAN}A-Za-z()（）\s]{{2,20}}"
    r"(?:会|會|局|部|署|院|处|處|府|馆|館|组织|組織|公司|中心)$"
)


def _continues(first: str, second: str) -> bool:
    """Whether ``second`` is the rest of a two-line Chinese headline that ``first`` begins."""
    return (
        bool(_ZH_SUBJECT_LINE.match(first))
        and bool(re.match(f"[{HAN}]", second))
        and _headline_like(second)
        and not is_chrome(second)
        and len(re.findall(f"[{HAN}]", first + second)) <= 90
    )


_ADDRESS = re.compile(r"https?://|www\.\w|\w@[\w-]+\.\w", re.I)
#: "Geneva, March 5, 2019", "OSLO, 5 March 2019 –": a press release's place and date line, above or under its headline.
_PLACE_COMMA = re.compile(r"^[A-Z][A-Za-z.'’ ()-]{1,40},\s*(?=\d|[A-Z][a-z]{2})")


def _is_place_and_date(line: str) -> bool:
    m = _PLACE_COMMA.match(line) if len(line) <= 70 else None
    return m is not None and only_date(line[m.end():].rstrip(" -–—:"))


def _is_organization(line: str, lexicon: Lexicon) -> bool:
    """A line that is an office's or organization's name and nothing else: the site's owner, at the top."""
    return bool(lexicon.lookup(line, "offices") or lexicon.lookup(line, "organizations"))


def _short_sentence(line: str) -> bool:
    han = len(HAN_CHAR.findall(line))
    return (han <= 40 if han else len(line) <= 120) and len(_SENTENCE_END.findall(line)) == 1


#: A full stop after a word, not after an initial ("A. Person"); Chinese stops anywhere.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]\"”’])[.!?](?:\s|$)|[。！？]")


def _undated(line: str) -> str:
    """A line without the full date it opens with, when a headline follows the date ("12 February 2019
    Offices sign ...", the date is the dateline's); a date followed by an issue number or a link back
    ("March 15, 2017 Vol. 72 No. 5 Back to ...") is a periodical's issue line, page furniture."""
    found = leading_date(line)
    if found is None or only_date(line):
        return line
    rest = _ISSUE.sub("", found[1])
    if not rest or is_chrome(rest) or _BACK.search(rest) or _is_label(rest):
        return ""
    return rest


_ISSUE = re.compile(r"^(?:(?:vol(?:ume)?|issue|no)\.?\s*\d+[,.]?\s*)+", re.I)
_BACK = re.compile(r"\b(?:back\s+to|return\s+to|main\s+page)\b|返回", re.I)


#: A press release's or document's number ("PR-2121", "No. 2019-07", "新闻稿 2023/15"): a reference, not a headline.
_REFERENCE = re.compile(
    r"^(?:(?:press|media|news)\s+releases?|releases?|communiqu[ée]|announcement|notice|[A-Za-z]{1,6}|新闻稿|新聞稿|公告|第)?"
    r"\s*(?:no\.?|nr\.?|number|n°|ref\.?)?\s*[.#:：/-]?\s*[〔\[(（]?\d[\d/.\-〔〕\[\]()（）]*\s*(?:号|號)?$",
    re.I,
)


_WORDY = re.compile(rf"[A-Za-z]{{2}}|[{HAN}]")


def _headline_like(line: str) -> bool:
    """A phrase, not a paragraph: short, and not closed like a sentence."""
    han = len(HAN_CHAR.findall(line))
    return (han <= 60 if han else len(line) <= MAX_HEADLINE_CHARS) and not line.rstrip().endswith(("。", ".", "!", "！"))


def _is_label(line: str) -> bool:
    """A few words, no phrase: a button, a section name, a site's name."""
    han = len(HAN_CHAR.findall(line))
    if han:
        return han <= 6
    # a number makes a phrase of a few words ("2020 TM5 Meetings"): section names and buttons are words
    return len(line.split()) <= 3 and not _NUMBER.search(line)


_NUMBER = re.compile(r"\d")


#: A first line longer than this is a paragraph (a text with no headline, or no line breaks
#: at all): its opening stands in as the title, cut at a sentence or word end, with "…".
MAX_TITLE_CHARS = 200
#: A line up to this long with no sentence in it is a (long) headline, kept whole: formal titles of
#: agreements and conference reports run past 200 characters.
MAX_HEADLINE_CHARS = 250


def _shortened(title: str) -> str:
    if len(title) <= MAX_TITLE_CHARS or (len(title) <= MAX_HEADLINE_CHARS and not _SENTENCE_END.search(title)):
        return title
    head = title[:MAX_TITLE_CHARS]
    sentence = max(head.rfind(". "), *(head.rfind(m) for m in "。！？；"))
    cut = sentence + 1 if sentence >= MAX_TITLE_CHARS // 4 else head.rfind(" ")
    return head[: cut if cut >= MAX_TITLE_CHARS // 4 else MAX_TITLE_CHARS].rstrip(" ,;:，、") + " …"


#: A numbered line ("1. Home"): a menu entry when it is a few words or follows another numbered line.
_NUMBERED = re.compile(r"^\d{1,2}\.\s")


def _is_navigation(line: str) -> bool:
    """Breadcrumbs and menus: "Home > News > Events", "About | News | Contact"."""
    if len(line.split()) <= 6 and (line[:1] in "<«‹•▪◦‣●■" or line[-1:] in ">»›"):  # "< Back to all publications",
        return True  # "• News & Events" (a menu's item)
    if len(re.findall(r"\s[>|»•/]\s|\s?[>»]\s?", line)) >= 2 or line.count("|") >= 2:  # "... • ... • ..." a ticker
        return True
    return _is_menu(line)


def _is_menu(line: str) -> bool:
    """A row of buttons: "最新消息 | 活動報導", "News | Events", "登录 会员之家 登出", "网站支持IPv6 繁體中文 无障碍"
    (Chinese headlines are written without spaces, so short Chinese pieces between spaces are buttons)."""
    parts = [p for p in re.split(r"\s*[|｜]\s*", line) if p]
    if len(parts) >= 2:
        return all(_is_button(p) for p in parts)
    # a headline may have a space for a comma ("港方与甲局签备忘 加强资讯共享"): buttons are three or more words
    words = line.split()
    return len(words) >= 3 and all(re.search(f"[{HAN}]", w) and _is_button(w) for w in words)


def _is_button(piece: str) -> bool:
    """A menu entry: up to four Han characters ("会员之家", "繁體中文") or two words ("About us"); a short
    headline beside its site's name ("中日签署合作协议 | 某某网", "Heads Meeting in Kobe | JPO") is longer."""
    han = len(re.findall(f"[{HAN}]", piece))
    return han <= _BUTTON_HAN if han else len(piece.split()) <= 2 and not _NUMBER.search(piece)


_BUTTON_HAN = 4


def _strip_site(title: str, lexicon: Lexicon | None) -> str:
    prefix = _ZH_SITE_PREFIX.match(title)
    if prefix and len(title) - prefix.end() >= 8:
        title = title[prefix.end():]
    else:
        title = _without_section(title)
    m = _SITE_SUFFIX.search(title) or _ZH_SITE_SUFFIX.search(title)
    if not m or m.start() < 8:
        return title
    site = m.group("site").strip()
    known = lexicon is not None and (lexicon.lookup(site, "offices") or lexicon.lookup(site, "organizations"))
    # a suffix in another script than the headline's is no part of it ("... cooperation -必威app")
    other_script = title[: m.start()].isascii() and bool(re.search(f"[{HAN}]", site))
    if known or _SITE_WORDS.search(site) or other_script or (not title.isupper() and _SITE_NAME_WORDS.search(site)):
        return title[: m.start()].strip()
    return title


def _without_section(title: str) -> str:
    """``title`` without a section's or site's name before it ("NEWS | Offices sign ...", "Latest news: ...",
    "IP Daily | ..."): a few words before a bar, or a known section name before a colon, then a headline."""
    m = _SECTION_PREFIX.match(title) if any(c in title for c in "|｜»›:：") else None
    if not m:
        return title
    label, rest = m.group("label").strip(), title[m.end():]
    if m.group("sep") in ":：" and not _SECTION_WORDS.fullmatch(label):
        return title
    if not (_SECTION_WORDS.fullmatch(label) or _is_label(label) or _SITE_WORDS.search(label)):
        return title
    han = len(HAN_CHAR.findall(rest))
    if (han < 6 if han else len(rest.split()) < 4) or _is_navigation(rest):
        return title
    return rest


def _unlabelled(line: str) -> str:
    """``line`` stripped, without a scraper's date stamp or a "Title:" label (each rule runs only
    on a line holding its literal "date" or colon: most lines hold neither)."""
    if "date" in line:
        line = SCRAPE_DATE.sub("", line)
    line = line.strip()
    if ":" in line or "：" in line:
        line = _TITLE_PREFIX.sub("", line)
    if "/" in line or ">" in line or "»" in line or "›" in line:
        line = _last_crumb(line)
    return line


#: A breadcrumb trail's separators, and its first crumb: "Homepage / Press-center / News / <headline>".
_CRUMB_SEPARATOR = re.compile(r"\s+[/>»›]\s+|\s*[/>»›]\s*$")
_HOME_CRUMB = re.compile(
    r"^(?:you\s+are\s+here\s*:\s*)?(?:home(?:\s*page)?|main\s+page|首页|首頁|主页|主頁|trang\s+chủ|inicio|accueil|startseite)\s*[/>»›]",
    re.I,
)


def _last_crumb(line: str) -> str:
    """The headline a breadcrumb trail ends with ("Home / News / Offices of A and B sign a patent
    agreement"); a trail of section names alone stays as it is (navigation)."""
    if not _HOME_CRUMB.match(line):
        return line
    crumbs = [c for c in _CRUMB_SEPARATOR.split(line) if c.strip()]
    last = crumbs[-1].strip() if len(crumbs) >= 3 and not _CRUMB_SEPARATOR.search(line[-2:]) else ""
    han = len(HAN_CHAR.findall(last))
    return last if last and (han >= 8 if han else len(last.split()) >= 4) else line


@lru_cache(maxsize=4096)
def is_chrome(line: str) -> bool:
    """Page furniture or a bare date line: never a headline, never a snippet.

    Cached: the headline, lead and chrome rules ask about the same lines of an article (and
    a site repeats its furniture in every file)."""
    s = line.strip()
    return bool(_CHROME.match(s)) or only_date(s) or bool(_BYLINE.match(s))


_BYLINE = re.compile(r"^(?:(?:blog\s+|posted\s+)?by|written\s+by|reporter|记者|記者|文／|文/)\s*[:：]?\s*\S.{0,50}$", re.I)


def lead_text(text: str, title: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The first two paragraphs after the headline that are not page furniture."""
    spans = lead_spans(text, title) if spans is None else spans
    return "\n".join(text[s:e] for s, e in spans)[:1500]


def lead_spans(text: str, title: str) -> list[tuple[int, int]]:
    """Where the first two paragraphs after the headline that are not page furniture stand in ``text``."""
    at, end = title_span(text, title)
    start = end if at >= 0 else 0
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
    rf"(?P<date>(?:{MONTH_RE}\s*\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{MONTH_RE.replace('?P<mon>', '')})"
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
class Layout:
    """Where the parts an editor reads first stand in the text: headline, dateline and lead."""

    title: tuple[int, int]
    dateline: tuple[int, int]
    lead: tuple[int, int]
    region: Entry | None = None  # a state or province the dateline names by its abbreviation ("Calif.")

    def salient(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in (self.title, self.dateline, self.lead))


def find_layout(text: str, title: str, lexicon: Lexicon, spans: list[tuple[int, int]]) -> Layout:
    """Headline, dateline and lead of ``text``; ``spans``: its lead paragraphs (:func:`lead_spans`).

    A dateline ("PORTLAND, Ore., Feb 26 -", "新华社北京3月3日电") opens the first paragraph; its
    state or province abbreviation is read here, where it cannot be a word ("Mass.", "Ill.").
    """
    at, end = title_span(text, title)
    headline = (at, end) if at >= 0 else (0, 0)
    if not spans:
        return Layout(headline, (0, 0), (0, 0))
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
    return Layout(headline, (start, dateline_end), (dateline_end, min(end, dateline_end + _LEAD_CHARS)), region)


def chrome_lines(body: str, title: str) -> tuple[int, ...]:
    """Which of :func:`~.document.snippet_lines` are page furniture or bare dates (never quoted).

    Found once, at extraction (:attr:`Document.chrome`), and stored, so a search needs none of these rules.
    """
    return tuple(i for i, line in enumerate(snippet_lines(body, title)) if is_chrome(line))
