"""Countries: the countries an article involves, as an editor would tag them.

A city, state or province names its country (an article set in Kobe involves Japan; "PORTLAND,
Ore." is in the United States) and so does a national IP office; the facet holds the countries
named in the headline, dateline or lead, named again, or a party that took part, while a country
named once in passing stays searchable by name; regions ("Central Asia") are not countries.
"""

from __future__ import annotations

import re

from ..lexicon import Mention
from .layout import Layout
from ..han import HAN
from .matching import HAN_CHAR


# 中哈合作, 中蒙俄, 中美欧日韩五局, 台韩签署, 臺以經濟: one-character country abbreviations run together before a
# word of cooperation; 中/台/臺 open such runs, 欧/歐 (the EU) may stand in them without being a country.
_ZH_ABBREV = {"中": "China", "美": "United States", "俄": "Russia", "日": "Japan", "韩": "South Korea", "韓": "South Korea",
              "蒙": "Mongolia", "哈": "Kazakhstan", "吉": "Kyrgyzstan", "塔": "Tajikistan", "英": "United Kingdom",
              "法": "France", "德": "Germany", "台": "Taiwan", "臺": "Taiwan", "以": "Israel", "欧": "", "歐": ""}
_ZH_HOME = "中台臺"
_ZH_COOPERATION = (
    "两兩三四五双雙关關合知智经經局会會战戰联聯边邊政友建签簽专專商人青博地务務「《“昨今将將共"
)
_ZH_RUN = re.compile(
    f"(?P<run>[{_ZH_HOME}][{''.join(_ZH_ABBREV)}]{{1,5}}|[{''.join(_ZH_ABBREV)}]{{1,4}}[{_ZH_HOME}])(?=[{_ZH_COOPERATION}])"
)
# "继美、日、西班牙后": a one-character item of a 、 list is a country's abbreviation (not "梁振英、" or "1日、").
_ZH_LIST_ONE = "美俄日韩韓蒙哈吉塔英法德"
_ZH_LIST_ITEM = re.compile(
    f"(?:(?<=、)(?P<a>[{_ZH_LIST_ONE}])(?=[、与與和及等后後])|(?<=[继繼与與和及同、，,（(])(?P<b>[{_ZH_LIST_ONE}])(?=、))"
)
_ZH_WHOLE_RUN = re.compile(f"[{''.join(_ZH_ABBREV)}]{{2,6}}")


def abbreviated_countries(text: str) -> list[str]:
    """Countries named by one-character abbreviations run together ("中俄合作", or a query word "中俄"), in order.

    A query has no word of cooperation after its pair, so a run that is a whole word by itself
    (between spaces or punctuation) counts too when 中, 台 or 臺 is in it.
    """
    found: list[str] = []
    runs = [m.group("run") for m in _ZH_RUN.finditer(text)]
    for word in re.findall(f"[{HAN}]+", text):
        if _ZH_WHOLE_RUN.fullmatch(word) and any(c in _ZH_HOME for c in word):
            runs.append(word)
    for run in runs:
        found.extend(_ZH_ABBREV[c] for c in run if _ZH_ABBREV[c] and _ZH_ABBREV[c] not in found)
    return found


_STRONG_SOUTH_KOREA = re.compile(r"South\s+Korea|(?<!People's\s)(?<!People’s\s)Republic\s+of\s+Korea|\bROK\b|Seoul|韩国|韓國|南韩|南韓|KIPO", re.I)

# Sentences where a country is a yardstick or a location of someone else, not a side of the article:
# "second only to the US, Japan and Germany", "超过德国", "headquartered in London, UK", "总部设在日内瓦".
# The leading lookahead (every alternative's first letter, case-folded like the rest) lets the
# engine skip most positions at once: without it this one search took a ninth of all extraction.
_ASIDE = re.compile(
    r"(?=[staobh仅僅超领領总總])(?:"
    r"(?:second|third|only)\s+(?:only\s+)?to|ahead\s+of|behind|surpass(?:ed|ing)?|overt(?:ook|aking)|outpac(?:ed|ing)|"
    r"headquartered\s+in|based\s+in|仅次于|僅次於|超过|超過|超越|领先于|領先於|总部设在|總部設在|总部位于|總部位於|总部在|總部在)",
    re.I,
)
# The same, case-sensitive, for ASCII text lower-cased (same offsets): case-insensitive matching
# is several times slower in Python's re.
_ASIDE_LOWER = re.compile(_ASIDE.pattern)
# "French abbreviation", "Spanish version": a demonym naming a language; "Swiss-registered", "US-based": someone
# else's seat. Neither makes the country a side.
_NOT_A_SIDE_AFTER = re.compile(
    r"\s+(?:abbreviation|acronym|name|version|translation|language|text|edition)\b|-?speaking\b|-(?:based|registered|headquartered)\b",
    re.I,
)
# A ticker of unrelated headlines ("Somali town ... • EU-Turkey deal ... • Cambodia, Laos hold ..."): page furniture.
_TICKER = re.compile(r"[^\n]*(?:\s[•·|]\s[^\n]*){2,}")


def extract_countries(mentions: list[Mention], text: str, layout: Layout | None = None) -> list[str]:
    """The countries an article involves, in order of first mention.

    Every country mentioned stays searchable (its names go to the ``entities`` field); the
    facet holds those an editor would tag: named in the headline, dateline or lead, named
    again later, the home of a named IP office, or a party in a pair ("中哈合作") or in a
    sentence that says who signed, met or took part. A country named once in passing ("listed
    in Luxembourg", "offices in Japan and Brazil"), as a yardstick ("second only to Germany"),
    as where someone else sits ("headquartered in London, UK") or in a ticker of other headlines
    is not one the article is about.
    """
    seen: dict[str, int] = {}
    salient: set[str] = set()
    skip = _skipped_spans(text)

    def add(country: str, pos: int, strong: bool = False) -> None:
        if not country:
            return  # 欧 in 中欧: the EU
        seen[country] = seen.get(country, 0) + 1
        if strong or seen[country] >= 2 or layout is None or layout.salient(pos):
            salient.add(country)

    if layout is not None and layout.region is not None and layout.region.country:
        add(layout.region.country, layout.dateline[0], strong=True)
    for m in mentions:
        if any(s <= m.start < e for s, e in skip):
            continue
        e = m.entry
        if e.kind == "countries":
            if _NOT_A_SIDE_AFTER.match(text, m.end) and (m.adjective or text[m.end:m.end + 1] == "-"):
                continue
            add(e.name, m.start)
        elif e.kind in ("places", "offices", "organizations") and e.country:  # organizations: a user lexicon's
            add(e.country, m.start, strong=e.kind != "places")
    if not text.isascii() and HAN_CHAR.search(text):
        for run in _ZH_RUN.finditer(text):
            for c in run.group("run"):
                add(_ZH_ABBREV[c], run.start(), strong=True)
        for item in _ZH_LIST_ITEM.finditer(text):
            add(_ZH_ABBREV[item.group("a") or item.group("b")], item.start())
    passing = [c for c in seen if c not in salient]
    if passing and layout is not None:
        salient.update(_participants(mentions, text, set(passing)))
    out = [c for c in seen if c in salient]
    # "Korean" alone is South Korean, unless the article is about the North and never names the South.
    if "North Korea" in out and "South Korea" in out and not _STRONG_SOUTH_KOREA.search(text):
        out = [c for c in out if c != "South Korea"]
    return out


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    """Where countries are named but not as the article's: tickers, and yardstick or seat clauses."""
    spans = [(m.start(), m.end()) for m in _TICKER.finditer(text)] if ("•" in text or " | " in text) else []
    for m in _ASIDE_LOWER.finditer(text.lower()) if text.isascii() else _ASIDE.finditer(text):
        stop = _CLAUSE_END.search(text, m.end())
        spans.append((m.end(), stop.start() if stop else len(text)))
    return spans


_CLAUSE_END = re.compile(r"[.;!?。；！？，,\n](?!\s*(?:UK|U\.S\.|USA|[A-Z][a-z]+\s*(?:and|,)))|的|\band\s+(?:the|a|its|has|is|was|will)\b")


# "Delegates from Zimbabwe, Kenya and Ghana attended", "signed PPH pilots with the offices of Korea and Japan",
# "来自柬埔寨、老挝等国的代表": the countries of a sentence that says who took part, signed, met or partnered.
# Belonging to a body ("members of GATT") is not taking part in the story.
# Matched on lower-cased text, at word starts (a leading non-letter is cheaper than \b).
_TOOK_PART_WORDS = (
    r"(?:delegat(?:es?|ions?)|attend(?:ed|ing|ees?|ance)|participa(?:nts?|ted|ting|tion)|took\s+part|representatives?\s+(?:of|from)|"
    r"officials?\s+from|sign(?:ed|s|ing)|conclude[ds]?|agreements?\s+(?:with|between)|partner(?:s|ed|ships?)?|bilateral|met\s+with|"
    r"observers?)\b"
)
_TOOK_PART = re.compile(
    rf"(?:^|[^a-z]){_TOOK_PART_WORDS}|出席|参加|參加|与会|與會|代表团|代表團|签署|簽署|签订|簽訂|会晤|會晤|会面|會面|"
    r"双边|雙邊|伙伴|夥伴|来自|來自|观察员|觀察員"
)
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
                country = e.name if e.kind == "countries" else e.country
                if country in candidates:
                    found.add(country)
    return found

