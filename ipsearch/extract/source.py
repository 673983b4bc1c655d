"""Source: who published an article ("Source:" lines, translation notes, an agency dateline).

Those lines name the publisher, not what the article is about: :func:`without_footers` blanks them
before names are read.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from .matching import COLON, anchored_finditer


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


def without_footers(text: str) -> str:
    """The text with its "Source:" lines and translation notes blanked (same length): they name the
    publisher, not what the article is about."""
    spans = [m.span("src") for m in anchored_finditer(_SOURCE, COLON, text, 20)]
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
    m = next(anchored_finditer(_SOURCE, COLON, text, 20), None)
    if m:
        source = m.group("src").strip().rstrip(".。")
    elif source is None:
        m = _AGENCY_DATELINE.search(text[:1000])
        if m:
            source = m.group("src").strip()
    return source, translated



#: What a source line may add after the publisher's name: "CNIPA website", "国家知识产权局网站".
_SITE_SUFFIX = re.compile(
    r"(?:\s*(?:official\s+)?(?:web\s*site|web\s*page|portal|homepage)|\s*(?:官方网站|官方網站|官网|官網|门户网站|門戶網站|网站|網站|网|網))$",
    re.I,
)


def resolve_source(source: str | None, lexicon: Lexicon) -> str | None:
    """The canonical name of the office or organization ``source`` names, else ``source`` as written.

    "Source: SIPO", "来源：国家知识产权局" and "資料來源：國家知識產權局網站" are one publisher, and a
    ``source=`` filter in any of those forms should find all three; a publisher the lexicon does
    not know (a newspaper, a news agency) keeps its own words. Only a source that *is* a name
    resolves ("CNIPA website" is CNIPA; "China IP News" is not the office "China").
    """
    if not source:
        return source
    for value in (source, _SITE_SUFFIX.sub("", source).strip()):
        for kind in ("offices", "organizations"):
            found = lexicon.canonical(kind, value)
            if found:
                return found
    return source
