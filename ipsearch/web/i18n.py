"""The web page's words in English and Chinese: one table, one choice of language per request.

Analysts read the archive in both languages, so the interface speaks both. The language
is the URL's ``lang`` (``en`` or ``zh``, kept in every link the page makes, so a shared
link opens in the language it was sent in), else the browser's ``Accept-Language``, else
English. Field labels come from the field registry (:data:`ipsearch.fields.FIELDS`,
``label`` and ``label_zh``), and so do the labels of a fixed vocabulary's values (``Field.terms``:
event types, languages), which are shown while links and filters keep the raw key; everything else the page says is in :data:`MESSAGES`.
Chinese here is Simplified (``zh-Hans``), the script most readers of both can read.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..fields import FIELDS

#: Interface languages, the default first.
LANGUAGES: tuple[str, ...] = ("en", "zh")
#: The ``<html lang>`` of each interface language.
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
#: Each language's name in itself, for the switch.
NATIVE_NAMES = {"en": "English", "zh": "中文"}

#: Every phrase of the interface, by key: (English, Chinese). ``{name}`` slots are filled by ``str.format``.
MESSAGES: dict[str, tuple[str, str]] = {
    "skip": ("Skip to results", "跳到结果"),
    "search_label": ("Search articles", "搜索文章"),
    "placeholder": ("Search (press / to focus)", "搜索（按 / 键聚焦）"),
    "search": ("Search", "搜索"),
    "syntax": ("Query syntax", "查询语法"),
    "index": ("Index", "索引"),
    "read_only": ("read-only", "只读"),
    "api": ("JSON API", "JSON 接口"),
    "language_switch": ("Interface language", "界面语言"),
    "all_articles": ("All articles", "全部文章"),
    "refine": ("Refine by", "筛选"),
    "more": ("more", "更多"),
    "and_more": ("and {n} more", "另有 {n} 项"),
    "none": ("none", "无"),
    "results_region": ("Results", "结果"),
    "active_filters": ("Active filters", "当前筛选"),
    "remove_filter": ("Remove filter {label}: {value}", "移除筛选 {label}：{value}"),
    "remove_this_filter": ("Remove this filter", "移除此筛选"),
    "dates": ("Dates", "日期"),
    "chip": ("{label}: {value}", "{label}：{value}"),
    "no_year": ("{date} (year not stated)", "{date}（未注明年份）"),
    "remove_dates": ("Remove date range", "移除日期范围"),
    "corrected": ("No results for “{query}”. Showing results for", "“{query}”没有结果。以下是这个词的结果："),
    "did_you_mean": ("Did you mean", "您是不是要找"),
    "explain": ("How this query ran", "查询的执行方式"),
    "translated": ("Translated", "翻译"),
    "parsed_query": ("Parsed query", "解析后的查询"),
    "score": ("Score", "得分"),
    "result_one": ("result", "条结果"),
    "result_many": ("results", "条结果"),
    "no_results": ("No articles match. Try fewer words or remove a filter.",
                   "没有匹配的文章。请减少关键词或移除筛选。"),
    "showing": ("showing {first}–{last}", "显示第 {first}–{last} 条"),
    "sort": ("Sort", "排序"),
    "sort_relevance": ("relevance", "相关度"),
    "sort_newest": ("newest", "最新"),
    "sort_oldest": ("oldest", "最早"),
    "export": ("Export", "导出"),
    "by_date": ("Matches by date", "按日期分布"),
    "filter_by": ("Filter: {label} = {value}", "筛选：{label} = {value}"),
    "pages": ("Pages", "分页"),
    "previous": ("← Previous", "← 上一页"),
    "next": ("Next →", "下一页 →"),
    "page_of": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    "back": ("← Search", "← 返回搜索"),
    "similar": ("Similar articles", "相似文章"),
    "not_found": ("Not found", "未找到"),
    "bad_query": ("Cannot search that", "无法搜索"),
    "error": ("Error", "错误"),
    "new_search": ("New search", "新搜索"),
    "no_such_page": ("no such page", "没有这个页面"),
    "only_reads": ("this server only reads: use GET", "此服务器只读：请使用 GET"),
    "error_title": ("Error {status}", "错误 {status}"),
    "type": ("Type", "输入"),
    "finds": ("Finds", "查找"),
    "syntax_words": ("articles with any of the words, best matches first (plain words; stems match: "
                     "<code>signed</code> finds <code>signing</code>)",
                     "含任一词的文章，最相关的在前（词干相同即匹配：<code>signed</code> 可找到 <code>signing</code>）"),
    "syntax_phrase": ("the words together, in that order", "这些词相连且按此顺序出现"),
    "syntax_boolean": ("boolean combinations", "布尔组合"),
    "syntax_prefix": ("words starting with <code>exam</code>", "以 <code>exam</code> 开头的词"),
    "syntax_field": ("a word in one field (<code>title</code>, <code>body</code>)",
                     "在某一字段中查找（<code>title</code>、<code>body</code>）"),
    "syntax_chinese": ("Chinese in either script; names match their English forms",
                       "简体或繁体中文均可；人名、地名也匹配其英文写法"),
    "syntax_filters": ("Filters, dates and facets are links on the results page; each becomes part of the address",
                       "筛选、日期和分面都是结果页上的链接；每一项都会成为地址的一部分"),
    "syntax_same": ("the same options as <code>ipsearch search</code>.", "与 <code>ipsearch search</code> 的选项相同。"),
    "syntax_keys": ("Keys: <kbd>/</kbd> focuses the search box.", "快捷键：<kbd>/</kbd> 聚焦搜索框。"),
}

_LABELS = {lang: {f.name: (f.label_zh if lang == "zh" and f.label_zh else f.label) for f in FIELDS}
           for lang in LANGUAGES}
#: Per language, per field with a vocabulary, each value's label (``mou_signing`` -> "签署合作文件").
_TERMS = {lang: {f.name: {t.key: (t.label_zh if lang == "zh" else t.label) for t in f.terms} for f in FIELDS if f.terms}
          for lang in LANGUAGES}


def choose(url_lang: str | None, accepted: Iterable[str] = ()) -> str:
    """The interface language: the URL's ``lang`` when it names one, else the first of the
    browser's languages (most preferred first) we speak, else English."""
    if url_lang in LANGUAGES:
        return url_lang
    for tag in accepted:
        primary = tag.split("-")[0].split("_")[0].lower()
        if primary in LANGUAGES:
            return primary
    return LANGUAGES[0]


class Words:
    """The phrases and field labels of one language, as templates call them: ``t("search")``,
    ``t("page_of", page=2, pages=5)``, ``t.label("countries")``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._column = LANGUAGES.index(lang)

    def __call__(self, key: str, **slots: object) -> str:
        text = MESSAGES[key][self._column]
        return text.format(**slots) if slots else text

    def label(self, field: str) -> str:
        """A field's label, capitalised where the script has capitals."""
        text = _LABELS[self.lang].get(field, field)
        return text[:1].upper() + text[1:]

    def date(self, iso: str) -> str:
        """A stated date as the page shows it: ISO as stored, but a yearless one (``--07-03``,
        "on 3 July") says so rather than showing its two dashes."""
        return self("no_year", date=iso[2:]) if iso.startswith("--") else iso

    def value(self, field: str, key: str) -> str:
        """How a field's value reads: its vocabulary label (``visit`` -> "访问"), else the value
        itself (names, years: already what people read)."""
        terms = _TERMS[self.lang].get(field)
        return terms.get(key.lower(), key) if terms else key


__all__ = ["HTML_LANG", "LANGUAGES", "MESSAGES", "NATIVE_NAMES", "Words", "choose"]
