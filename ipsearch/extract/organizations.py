"""Organizations: offices and organizations the lexicon knows, and others read from the head
nouns their names carry ("... Intellectual Property Agency", "Ministry of Justice of ...")."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import Lexicon, Mention, _line_is_title_case
from .matching import anchored_finditer


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


def pattern_orgs(
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
    for m in anchored_finditer(_ORG, _ORG_HEAD_AT, text, 150):
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


def foreign_prefix(mentions: list[Mention]) -> list[Mention]:
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


def extract_organizations(text: str, lexicon: Lexicon, mentions: list[Mention]) -> list[str]:
    """Offices, then organizations the lexicon knows, then those read from head nouns, in text order.

    ``mentions``: the lexicon's names in ``text`` (after :func:`foreign_prefix`).
    """
    offices = [m.entry.name for m in mentions if m.entry.kind == "offices"]
    known_orgs = [m.entry.name for m in mentions if m.entry.kind == "organizations"]
    org_spans = [(m.start, m.end) for m in mentions if m.entry.kind in ("offices", "organizations")]
    org_forms = {f for m in mentions if m.entry.kind in ("offices", "organizations") for f in m.entry.forms}
    return offices + known_orgs + pattern_orgs(text, lexicon, org_spans, org_forms)
