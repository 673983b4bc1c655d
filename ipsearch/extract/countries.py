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
from .matching import HAN_CHAR


# 中哈合作, 中蒙俄, 中韩局长会谈: China with one-character country abbreviations.
_ZH_ABBREV = {"美": "United States", "俄": "Russia", "日": "Japan", "韩": "South Korea", "韓": "South Korea",
              "蒙": "Mongolia", "哈": "Kazakhstan", "吉": "Kyrgyzstan", "塔": "Tajikistan", "英": "United Kingdom",
              "法": "France", "德": "Germany"}
_ZH_PAIR = re.compile(
    "中(?P<rest>[" + "".join(_ZH_ABBREV) + "]{1,3})"
    "(?=两|兩|三|双|雙|关|關|合|知|智|经|經|局|会|會|战|戰|联|聯|边|邊|政|友|建|签|簽|专|專|商|人|青|博|地|务|務)"
)
_STRONG_SOUTH_KOREA = re.compile(r"South\s+Korea|(?<!People's\s)(?<!People’s\s)Republic\s+of\s+Korea|\bROK\b|Seoul|韩国|韓國|南韩|南韓|KIPO", re.I)


def extract_countries(mentions: list[Mention], text: str, layout: Layout | None = None) -> list[str]:
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
        elif e.kind in ("places", "offices", "organizations") and e.country:  # organizations: a user lexicon's
            add(e.country, m.start, strong=e.kind != "places")
    if not text.isascii() and HAN_CHAR.search(text):
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
                country = e.name if e.kind == "countries" else e.country
                if country in candidates:
                    found.add(country)
    return found

