"""Organizations: offices and organizations the lexicon knows, and others read from the head
nouns their names carry ("... Intellectual Property Agency", "Ministry of Justice of ...")."""

from __future__ import annotations

import functools
import re
import weakref
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..han import t2s_table
from ..lexicon import Entry, Lexicon, Mention, _line_is_title_case, fold_key, without_annotations
from .matching import alternation, anchored_finditer


_ORG_HEAD = (
    r"(?:Ministry|Department|Agency|Office|Administration|Authority|Association|Federation|Council|Commission|"
    r"Committee|Court|University|Institute|Academy|Bank|Organization|Organisation|Foundation|Center|Centre|Bureau|"
    r"Service|Chamber|Corporation|Company|Society|Alliance|Fund|Tribunal|Secretariat|Parliament|Directorate|Inspectorate)\b"
)
# A capitalised word of a name: not a month or weekday ("ECO Secretariat on September 5"); an
# abbreviation keeps its last full stop ("Office of the U.S. Trade Representative").
_ORG_WORD = (
    r"(?:(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"[A-Z](?:[\w'’&-]|\.(?=\w))*(?:(?<=\.[A-Z])\.(?=\s+(?!(?:The|A|An|In|On|At|It|He|She|They|We|This|That)\b)[A-Z]))?)"
)
_LIST_WORD = rf"(?!{_ORG_HEAD}){_ORG_WORD}"  # the subjects a name lists are not bodies themselves
#: A title after "and" starts a person, not more of the name ("... Office of Viet Nam and the Head of ...").
_TITLE_AFTER_AND = (
    r"(?!(?:the\s+)?(?:Heads?|Directors?|President|Chair(?:man|woman|person)?|Commissioner|Secretary|Minister|"
    r"Ambassador|Chief|Mr|Ms|Mrs|Dr|Prof)\b)"
)
_ORG_WORDS = rf"{_ORG_WORD}(?:\s+(?:(?:of|for|the|on)\s+|and\s+{_TITLE_AFTER_AND})*{_ORG_WORD})*"
_ORG = re.compile(  # never from inside a word or after a hyphen ("Sino-Kazakh")
    rf"(?<![\w.-])(?P<org>(?:{_ORG_WORD}\s+){{0,6}}{_ORG_HEAD}"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_ORG_WORDS}"
    # a list inside the name: "Ministry of Industry, Science, Technology and Innovation"
    rf"(?:(?:,\s+{_LIST_WORD}(?:\s+{_LIST_WORD})*)+,?\s+(?:and|&)\s+{_LIST_WORD}(?:\s+{_LIST_WORD})*"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_ORG_WORD}(?:\s+{_ORG_WORD})*)?)?)?)"
)
#: Where a head noun is, to try :data:`_ORG` only near one: the same words as a trie (one branch
#: per character, not one per word at every position).
_ORG_HEAD_AT = re.compile(alternation(re.findall(r"\w+", _ORG_HEAD.split(")")[0])).pattern + r"\b")
_LIST_ITEM = re.compile(r"\s*,\s*|\s+(?:and|&)\s+")
#: Heads of the units inside a body: "International Cooperation Bureau", "Office of First Filing"
#: name a body only with an owner ("... of the Ministry of Culture", "Japan Patent Office").
_UNIT_HEAD = frozenset({"Bureau", "Department", "Division", "Office", "Committee", "Section", "Unit", "Secretariat",
                        "Directorate", "Service"})
#: Words any unit's name may hold: the subject it handles, where it works, how it ranks. A name of
#: these words and a unit head alone has no owner.
_UNIT_WORDS = frozenset("""
international cooperation co-operation regional national intellectual property industrial policy policies external affairs
legal general administrative administration planning finance financial human resources trademark trademarks trade mark marks
patent patents design designs examination examining filing first second third public relations information communication
communications strategy strategic research development protection enforcement copyright copyrights technology technologies
practices practice quality management operations innovation trade law laws legislation legislative asia pacific africa
europe european americas america latin arab countries region regions state diplomacy global issues standing coordination
support registration registry statistics economic economics infrastructure digital transformation multilateral bilateral
affairs audit personnel services service office bureau department division committee section unit secretariat directorate
central foreign domestic main head deputy internal the of for and on &
""".split())
#: Capitalised words that open a sentence or qualify a noun, never a university's own name.
_NOT_A_NAME = frozenset("""
The A An This That These Those Its His Her Their Our Your My At In On For From With By To Of And But Or As If When While
After Before During Since Under Every Each Some Any No All Both Many Most Such Which What Whose How Where Why It He She
They We I You Open State National Public Private Technical Medical Normal Central Global Local International Federal
Regional Provincial Municipal Other Same New Old Online Virtual Partner Host Leading Top Major Foreign Chinese
""".split())


def _named_university(words: list[str]) -> bool:
    """Two words a university's name can be: its own name and "University" ("Renmin University",
    "Ankara University"), not a word any university's name could open ("the Open University" aside)."""
    return (len(words) == 2 and words[1] == "University" and len(words[0]) > 2 and words[0] not in _NOT_A_NAME
            and words[0].lower() not in _UNIT_WORDS)


#: Names of news outlets ("China IP News", "Xinhua News Agency"): an article's source, not a party to it.
_OUTLET = re.compile(
    r"\b(?:News|Daily|Times|Herald|Gazette|Tribune|Post|Xinhua|Reuters|Bloomberg|Press|Newspaper|Television|TV|Radio|"
    r"Broadcasting)\b|(?:报|報|新闻|新聞|通讯社|通訊社|电视台|電視台|广播|廣播)$"
)
_ORG_HEAD_WORD = re.compile(rf"\b{_ORG_HEAD}\b")
_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ORG_LEAD_TRIM = re.compile(
    r"^(?:(?:The|A|An|This|That|Its|His|Her|Their|Both|First|Second|Third|\d+(?:st|nd|rd|th)|Deputy|Vice|Director|General|"
    r"Commissioner|President|Minister|Head|Chairman|Secretary|Ambassador|Representative|Mr|Ms|Dr)\.?\s+)+"
)
#: Capitalised words joined by "and" to a name read by its head noun, after an article: the name
#: starts there ("the Intellectual Property and Innovation Cooperation Alliance"). A name after a
#: country or another body's name does not ("China and Singapore Management University").
_JOINED_BEFORE = re.compile(
    r"(?<![\w'’-])(?:the|an?)\s+(?P<left>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?P<joint>and|&)\s+$"
)
#: Roles an office takes under a treaty ("International Searching Authority", "Receiving Office"):
#: what an office is, not a body of its own.
_TREATY_ROLE = re.compile(r"(?:Searching|Examining|Examination)\s+Authority$|\b(?:Receiving|Designated|Elected)\s+Office$")
#: A name that ends in an adjective whose noun is written in lower case: the owner is cut off.
_CUT_ADJECTIVE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:Federal|National|Regional|Central|Municipal|Provincial|Presidential|Ministerial|"
    r"Territorial|Constitutional|International|Governmental)$"
)
_LOWER_NEXT = re.compile(r"\s+[a-z]")
#: Lower-case words before a name made of common words only that make it a common noun phrase.
_GENERIC_AFTER = re.compile(r"(?<![\w'’-])(?:its|their|his|her|our|your)\s+$")
_JOINT_AFTER_KNOWN = re.compile(r",?\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])")
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
        if (m.end("org") - m.start("org") < 25 and len(words := m.group("org").split()) < 3
                and not _named_university(words)):
            continue  # fewer than three words: never kept (below), so skip the work
        if _ORG_TAIL_EVENT.match(text, m.end()):
            continue  # event names
        raw = _within_paragraph_lines(text, m.start("org"), m.group("org"))
        end = m.start("org") + len(raw)
        org = _ORG_LEAD_TRIM.sub("", raw)
        org = _SPACES.sub(" ", org).strip(" .,'’")
        org = _POSSESSIVE_END.sub("", org)
        start = end - len(org)
        if text.endswith((" and ", " & "), max(0, start - 5), start):
            joined = _JOINED_BEFORE.search(text, max(0, start - 60), start)
            if joined and not _ORG_HEAD_WORD.search(joined.group("left")) and not lexicon.lookup(joined.group("left")):
                # "the Posts and Telecommunications Institute of Technology": one name across its "and"
                org, start = _SPACES.sub(" ", text[joined.start("left") : start]) + org, joined.start("left")
        near = spans[bisect_left(starts, start - longest - 1) : bisect_left(starts, end)]
        opened = [e for s, e in near if s <= start < e < end]
        if opened and (joint := _JOINT_AFTER_KNOWN.match(text, opened[-1], end)) is not None:
            # "the Patent Office of Australia and the United States Patent Trademark Office": the known
            # name, then a name of its own
            start = joint.end()
            org = _SPACES.sub(" ", text[start:end])
            near = [(s, e) for s, e in near if e > start]
        if any(s <= start and end <= e + 1 or (s < end and start < e) for s, e in near):
            continue  # inside or across a known name
        if _line_is_title_case(text, m.start()) and not _sentence_line(text, m.start()):
            continue  # Title Case headlines, where every word is capitalised
        cut = _CUT_ADJECTIVE.search(org)
        if cut is not None and _LOWER_NEXT.match(text, end):
            org = org[: cut.start()]  # "... Department of the Federal service for ...": the owner is cut off
        for org in _bodies(org):  # "the University of Ghana and the Bank of Ghana": two bodies
            words = org.split()
            if len(words) < 3 and not _named_university(words) or not _ORG_HEAD_WORD.search(org):
                continue
            if any(w in {"Heads", "Meeting", "Seminar", "Conference"} for w in words):
                continue
            if _is_ownerless_unit(words) or _TREATY_ROLE.search(org):
                continue
            if _GENERIC_AFTER.search(text, max(0, start - 8), start) and all(
                    w.lower() in _UNIT_WORDS or _ORG_HEAD_AT.fullmatch(w) for w in words):
                continue  # "its Intellectual Property Organisation": a kind of body, not a name
            if "," in org and any(lexicon.lookup(item, "countries") for item in _LIST_ITEM.split(org.split(",", 1)[1])):
                org = org.split(",", 1)[0]  # "University of London, UK, ...": a list of bodies and places, not a name
                words = org.split()
                if len(words) < 3:
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
            variant = _known_variant(org, lexicon)
            if variant is not None:  # "Korean IP Office", "Patent Office of Australia"
                out.append(variant)
                continue
            if any(f.startswith(org) and f != org for f in known_forms):  # "Ministry of Justice" after the full name
                continue
            out.append(_without_country(org, lexicon))
    return out


_VARIANT_GLUE = frozenset({"of", "the", "and", "&", "for"})
_VARIANT_WORD = {"ip": "intellectual property", "organisation": "organization", "centre": "center"}


@functools.lru_cache(maxsize=8192)  # news repeats names: each is keyed once
def _variant_key(name: str, lexicon: Lexicon) -> tuple[str, bool]:
    """``name`` as a bag of words, with the spellings one body's name is written in folded together:
    "IP" for "Intellectual Property", British and American spelling, a country's adjective for its
    name ("Korean" = "Korea"), the glue words and the word order left out ("Patent Office of
    Australia" = "Australian Patent Office"); and whether it names a country (a generic name with
    none, "National Intellectual Property Center", is several countries' and none in particular)."""
    words: list[str] = []
    owned = False
    raw = fold_key(name).replace("’", "'").split()
    i = 0
    while i < len(raw):
        word = raw[i]
        i += 1
        if word in _VARIANT_GLUE:
            continue
        word = _VARIANT_WORD.get(word, word)
        country: list[Entry] = []
        if i < len(raw):  # two-word names first: "United States", "Viet Nam"
            country = lexicon.lookup(f"{word} {raw[i]}", "countries")
            i += len(country) == 1
        if len(country) != 1 and word[:1].isalpha() and len(word) > 3:
            country = lexicon.lookup(word, "countries")
        owned = owned or len(country) == 1
        words.extend(fold_key(country[0].name).split() if len(country) == 1 else word.split())
    return " ".join(sorted(words)), owned


@functools.lru_cache(maxsize=8)
def _variant_index(lexicon: Lexicon) -> dict[str, str | None]:
    """:func:`_variant_key` of every English form of every office and organization: its entry's
    name, or None where two entries share the key."""
    index: dict[str, str | None] = {}
    for kind in ("offices", "organizations"):
        for entry in lexicon.entries.get(kind, ()):
            for form in entry.forms:
                if form.isascii() and len(form.split()) >= 3:
                    key = _variant_key(form, lexicon)[0]
                    index[key] = entry.name if index.get(key, entry.name) == entry.name else None
    return index


def _known_variant(org: str, lexicon: Lexicon) -> str | None:
    """The office or organization that ``org`` (read by head nouns, unknown as written) names in
    another spelling (:func:`_variant_key`); also without a trailing "of <country>" when the body
    is that country's ("State Administration of Industry and Commerce of China")."""
    index = _variant_index(lexicon)
    key, owned = _variant_key(org, lexicon)
    if not owned:
        return None
    found = index.get(key)
    if found is not None:
        return found
    owner = _OWNER_COUNTRY.search(org)
    if owner is None:
        return None
    country = lexicon.lookup(owner.group("country"), "countries")
    bare = index.get(_variant_key(org[: owner.start()], lexicon)[0])
    if bare is None or len(country) != 1:
        return None
    entries = lexicon.lookup(bare, "offices") + lexicon.lookup(bare, "organizations")
    return bare if entries and entries[0].country == country[0].name else None


#: Lower-case words of four letters or more that a Title Case headline keeps small.
_SMALL_WORDS = frozenset("with from into onto over upon than that this about after under between among through during "
                         "within without against towards toward amid across along".split())
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}\b")


def _sentence_line(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is a sentence dense with names rather than a Title Case headline:
    two lower-case words a headline would capitalise ("... received a visit of Director General of
    WIPO at the Ministry of Foreign Affairs")."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    lower = [w for w in _LOWER_WORD.findall(text, start, end if end >= 0 else len(text)) if w not in _SMALL_WORDS]
    return len(lower) >= 2


_GOVERNMENT_HEAD = re.compile(r"(?:Ministry|Department|Agency|Administration|Authority|Directorate|Commission)\b")
_OWNER_COUNTRY = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|State|Federation|Sultanate|Principality)\s+of\s+(?:the\s+)?)?"
    r"(?P<country>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)$"
)


def _without_country(org: str, lexicon: Lexicon) -> str:
    """A government body by its own name, its country left to the countries field: "Ministry of
    Justice and Human Rights of Indonesia" is "Ministry of Justice and Human Rights" (Indonesia).
    Universities, banks and institutes keep theirs ("University of London")."""
    if not _GOVERNMENT_HEAD.match(org):
        return org
    owner = _OWNER_COUNTRY.search(org)
    if owner is None or not lexicon.lookup(owner.group("country"), "countries"):
        return org
    bare = org[: owner.start()]
    return bare if len(bare.split()) >= 3 else org


_UNIT_OF_BODY = re.compile(rf"(?P<unit>.+?\b(?:{'|'.join(sorted(_UNIT_HEAD))}))\s+of\s+the\s+(?P<body>{_ORG_HEAD}.*)$")
#: A name cut before the country its state word belongs to ("... of the Republic" of "the Republic of Korea").
_CUT_STATE = re.compile(r"\s+of\s+the\s+(?:Republic|Kingdom|State|Federation|Principality|Sultanate)$")
_BODY_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])\s+")
_AND = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?")


def _bodies(org: str) -> list[str]:
    """A name read across "and" split where both sides carry a head noun of their own, a unit named
    with its owner read as both ("Copyright Bureau of the Ministry of Culture"), and a body's
    possessive split from what it owns ("Ministry of Science and Technology's Intellectual Property
    Office": the ministry, and a unit named by its owner only)."""
    unit = _UNIT_OF_BODY.match(org)
    if unit is not None and _is_ownerless_unit(unit.group("unit").split()):
        # "Copyright Bureau of the Ministry of Culture": the unit, and the body that owns it
        return [_CUT_STATE.sub("", org), *_bodies(_CUT_STATE.sub("", unit.group("body")))]
    for owner in _BODY_POSSESSIVE.finditer(org):
        if _ORG_HEAD_WORD.search(org[: owner.start()]):
            return [org[: owner.start()], org[owner.end() :]]
    for joint in _AND.finditer(org):
        left, right = org[: joint.start()], org[joint.end() :]
        if _ORG_HEAD_WORD.search(right) and _ORG_HEAD_WORD.search(left) and right[:1].isupper():
            return [left, *_bodies(right)]
    return [org]


#: A line shorter than this ends where its writer ended it (a heading, a menu item); a longer one
#: was wrapped, and a name may run on to the next.
WRAPPED_LINE = 60


def _within_paragraph_lines(text: str, at: int, org: str) -> str:
    """``org`` (found at ``at``) cut at a line break that ends a short line: "Ministry of Economy,
    Trade and Industry" above a "Font Size Change" menu line is not one name with it."""
    nl = org.find("\n")
    while nl >= 0:
        line_start = text.rfind("\n", 0, at + nl) + 1
        if at + nl - line_start < WRAPPED_LINE:
            return org[:nl].rstrip()
        nl = org.find("\n", nl + 1)
    return org


def _is_ownerless_unit(words: list[str]) -> bool:
    """A unit's name with no owner in it: "International Cooperation Bureau", "Office of First Filing"."""
    heads = [w for w in words if w in _UNIT_HEAD]
    return bool(heads) and not _ORG_HEAD_WORD.search(" ".join(w for w in words if w not in _UNIT_HEAD)) and all(
        w.lower().strip(",") in _UNIT_WORDS for w in words
    )


def is_outlet(name: str) -> bool:
    """Whether ``name`` is a news outlet's ("China IP News", "Xinhua News Agency", 中国知识产权报)."""
    return _OUTLET.search(name) is not None


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


def read_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """The lexicon's names in ``text`` as the name fields read them: :meth:`Lexicon.scan`, then
    :func:`foreign_prefix`, then :func:`resolve_shared`."""
    return resolve_shared(text, lexicon, parent_prefix(text, foreign_prefix(lexicon.scan(text))))


#: Last characters of Chinese body names (办公室, 联络办, 委员会, 总局, 政府 ...): a name right after one
#: is a department of that body ("中联办经济部" is the Liaison Office's economic department).
_BODY_END = frozenset("办辦室会會局署院部委厅廳府处處")


def parent_prefix(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a body's name inside an office's ("European Union" in "European Union Intellectual
    Property Office"); in Chinese also one that opens an office's full name (经济部智慧财产局 is
    Taiwan's office, the ministry only owns it) or follows another body's name (a department of it)."""
    offices = sorted((m.start, m.end) for m in mentions if m.entry.kind == "offices")  # never overlapping
    starts = [s for s, _ in offices]

    def owned(m: Mention) -> bool:
        i = bisect_left(starts, m.end)  # offices starting before the name ends
        if i > 0 and offices[i - 1][0] <= m.start and m.end <= offices[i - 1][1]:
            return True  # inside one
        if m.surface.isascii():
            return False
        if m.start and text[m.start - 1] in _BODY_END:
            return True  # a department of the body named before it: 中联办经济部
        return i < len(starts) and starts[i] == m.end  # right before an office

    return [m for m in mentions if not (m.entry.kind == "organizations" and owned(m))]


_SENTENCE_STOP = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.!?](?=\s)|[。！？\n]")
_PARAGRAPH_STOP = re.compile(r"\n\s*\n")
_PAREN_AFTER = re.compile(r"\s*[(（]([^()（）\n]{1,80})[)）]")
_ACRONYM_DEFINED = re.compile(r"[(（]([A-Z][A-Za-z]{1,7})[)）]")
_DEFINING_WORD = re.compile(r"[A-Z][\w'’&-]*")
_GLUE = frozenset({"of", "for", "and", "the", "on", "in", "&"})


def _initials_expansion(text: str, at: int, acronym: str) -> str | None:
    """The words before ``at`` that ``acronym`` abbreviates ("Heads of Intellectual Property Offices
    Meeting (HIPO)"): capitalised words whose initials hold the acronym's capitals in order, glue
    words ("of", "and") allowed between them; None when the words before do not spell it."""
    words: list[tuple[int, str]] = []
    for m in re.finditer(r"[\w'’&-]+", text[max(0, at - 160) : at]):
        words.append((max(0, at - 160) + m.start(), m.group(0)))
    letters = [c for c in acronym if c.isupper()]
    need = len(letters)
    caps: list[int] = []  # indexes into words of the run of name words ending at ``at``
    for i in range(len(words) - 1, -1, -1):
        w = words[i][1]
        if w[0].isupper():
            caps.append(i)
        elif w.lower() not in _GLUE:
            break
        if len(caps) > need + 3:
            break
    caps.reverse()
    for first in range(len(caps)):  # the longest run whose initials hold the letters in order, from its first
        initials = [words[i][1][0] for i in caps[first:]]
        if initials[0] != letters[0]:
            continue
        it = iter(initials)
        if all(ch in it for ch in letters):
            return text[words[caps[first]][0] : at].strip()
    return None


def _redefined(text: str, lexicon: Lexicon, mentions: list[Mention]) -> set[str]:
    """Acronyms a text spells out as something other than the office they name: after "Heads of
    Intellectual Property Offices (HIPO)", HIPO is that meeting, not Hungary's office."""
    out: set[str] = set()
    for m in _ACRONYM_DEFINED.finditer(text):
        acronym = m.group(1)
        known = lexicon.lookup(acronym, "offices")
        if not known:
            continue
        expansion = _initials_expansion(text, m.start(), acronym)
        if expansion is None:
            continue
        words = expansion.split()
        named = {e for k in range(len(words)) for e in lexicon.lookup(" ".join(words[k:]), "offices")}
        countries = {x.entry.name for x in mentions if x.entry.kind == "countries" and m.start() - len(expansion) - 1 <= x.start < m.start()}
        if not named.intersection(known) and not any(e.country in countries for e in known):
            out.add(fold_key(acronym))
    return out


def _bounds(text: str, pos: int, stop: re.Pattern[str]) -> tuple[int, int]:
    start = 0
    for m in stop.finditer(text, max(0, pos - 3000), pos):
        start = m.end()
    end_m = stop.search(text, pos)
    return start, end_m.start() if end_m else len(text)


def _country_of(m: Mention) -> str | None:
    e = m.entry
    return e.name if e.kind == "countries" else e.country


def _is_shared(lexicon: Lexicon, m: Mention) -> bool:
    """An office name several offices share ("INPI"): it says nothing about which one is meant."""
    return m.entry.kind == "offices" and len(lexicon.lookup(m.surface, "offices")) > 1


def _choose(text: str, lexicon: Lexicon, m: Mention, shared: list[Entry], mentions: list[Mention]) -> Entry | None:
    """The office a shared name means here: the one its parenthesis names ("INPI (Brazil)"), else
    the one whose country is named nearest in the same sentence, else the only one whose country
    the paragraph, then the text, names; None when nothing decides."""
    by_country = {e.country: e for e in shared if e.country}
    after = _PAREN_AFTER.match(text, m.end)
    if after:
        for x in mentions:
            if after.start(1) <= x.start < after.end(1) and not _is_shared(lexicon, x):
                if x.entry in shared:
                    return x.entry
                if (country := _country_of(x)) in by_country:
                    return by_country[country]
    # the text right before: "the National Institute of Industrial Property (INPI) of Brazil"
    # is read like the sentence, nearest country first.
    for stop in (_SENTENCE_STOP, _PARAGRAPH_STOP, None):
        start, end = _bounds(text, m.start, stop) if stop else (0, len(text))
        near = [(abs(x.start - m.start), by_country[c]) for x in mentions
                if x is not m and start <= x.start < end and (c := _country_of(x)) in by_country
                and not _is_shared(lexicon, x)]
        if stop is _SENTENCE_STOP and near:
            return min(near, key=lambda t: t[0])[1]
        found = {e.name: e for _, e in near}
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            return None
    return None


def resolve_shared(text: str, lexicon: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """Office names that several offices share, resolved by context or dropped.

    INPI is the office of Brazil, France, Portugal and Argentina: the parenthesis after it, or the
    country named with it, says which; with nothing to decide, it names none of them (and none of
    their countries). An acronym the text spells out as something else (a meeting, a programme)
    names no office anywhere in that text, and neither does one right after another body's name
    ("BRICS HIPO": that group's meeting of heads of offices).
    """
    redefined = _redefined(text, lexicon, mentions) if "(" in text or "（" in text else set()
    out: list[Mention] = []
    prev: Mention | None = None
    for m in mentions:
        if m.entry.kind != "offices":
            out.append(m)
            prev = m
            continue
        key = fold_key(m.surface)
        if key in redefined:
            continue
        acronym = m.surface.isupper() and len(m.surface) <= 8
        if (acronym and prev is not None and prev.entry.kind == "organizations" and prev.end < m.start
                and text[prev.end : m.start] == " "):
            continue
        shared = lexicon.lookup(m.surface, "offices")
        if len(shared) > 1:
            chosen = _choose(text, lexicon, m, shared, mentions)
            if chosen is None:
                continue
            m = replace(m, entry=chosen)
        out.append(m)
        prev = m
    return out


def _continued(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """A known name that a longer name read by head nouns continues with a list or "and": "Ministry
    of Commerce" inside "Ministry of Commerce and Industry" is not China's ministry. What follows
    the "and" may be another known name: "the Intellectual Property Office of Vietnam and WIPO"
    names two bodies."""
    if not text.startswith((",", " and ", " & ", "\nand "), m.end) or not m.surface.isascii():
        return False  # nothing joined after it (checked first: cheap)
    if _ORG_HEAD_WORD.search(m.surface) is None:
        return False
    longer = _ORG.match(text, m.start)
    if longer is None or longer.end() <= m.end:
        return False
    joint = re.match(r",?\s+(?:and|&)\s+(?:the\s+)?|,\s+(?:the\s+)?", text[m.end : longer.end()])
    if joint is None:
        return False
    after = m.end + joint.end()
    return not any(o.start == after and o.entry.kind in ("offices", "organizations") for o in mentions)


def extract_organizations(text: str, lexicon: Lexicon, mentions: list[Mention]) -> list[str]:
    """Offices, then organizations the lexicon knows, then those read from head nouns, in text order;
    news outlets left out where they are only cited as sources (they report, they do not act).

    ``mentions``: the lexicon's names in ``text`` (as :func:`read_mentions` gives them).
    """
    text, mentions = without_annotations(text, mentions)  # 广东(dong) 省: place and head side by side
    named = [m for m in mentions if m.entry.kind in ("offices", "organizations") and not _continued(text, m, mentions)
             and not (m.entry.kind == "organizations" and m.surface.isascii() and _is_ownerless_unit(m.surface.split()))]
    # (a unit's English name is no body whether the lexicon holds it or not: "KIPO International
    # Cooperation Department" is KIPO's; the lexicon holds the name for its Chinese form, 国际合作司)
    described = country_offices(text, lexicon, mentions)
    if described:
        named = sorted(named + described, key=lambda m: m.start)
    folded = text if text.isascii() else text.translate(t2s_table())  # one character for one: offsets hold
    if folded is not text:
        named = _acting_zh(folded, [m for m in named if not _inside_zh_head(folded, m)])
    named = _acting_en(text, named)
    offices = [m.entry.name for m in named if m.entry.kind == "offices"]
    known_orgs = [m.entry.name for m in named if m.entry.kind == "organizations"]
    org_spans = [(m.start, m.end) for m in named]
    org_forms = {f for m in named for f in m.entry.forms}
    found = offices + known_orgs + pattern_orgs(text, lexicon, org_spans, org_forms) + minister_ministries(text, lexicon)
    found += named_groups(text, lexicon)
    if folded is not text:
        parts: set[str] = set()
        composed = composed_zh_orgs(text, folded, lexicon, mentions, parts)
        found = [name for name in found if name not in parts] + composed
    if not any(is_outlet(name) for name in found):
        return found
    places: dict[str, list[tuple[int, int]]] = {}
    for m in named:
        places.setdefault(m.entry.name, []).append((m.start, m.end))
    return [name for name in found if not is_outlet(name) or not _only_cited(text, name, places.get(name))]


#: Where a news outlet is cited, not acting: "(China IP News) --", "According to Xinhua News Agency",
#: "..., Xinhua reported",
#: "Source: ...", 据新华社; and a dateline line that opens with it ("Xinhua, March 18, 2016").
_CITED_BEFORE = re.compile(
    r"(?:\baccording\s+to|\breported\s+by|\bquoted\s+by|\bsource[:：]?|\bvia|/\s*for|[(（\[]|据|據|来源[:：]|來源[:：]|转自|轉自)\s*(?:the\s+)?$",
    re.I,
)
#: ... and after it, what its reporting says: "Xinhua reported", 新华社记者, a dispatch's dateline
#: (新华社北京3月5日电).
_REPORTED = re.compile(r"\s*(?:reported|reports|报道|報道|消息|讯|訊|记者|記者|[^\s，。,]{0,8}?\d{1,2}月\d{1,2}日(?:电|電))")
_DATELINE_AFTER = re.compile(r"\s*[,，]\s*(?:[A-Z][a-z]+\.?\s+\d|\d)")


def _only_cited(text: str, name: str, spans: list[tuple[int, int]] | None) -> bool:
    """Whether every mention of outlet ``name`` (at ``spans``) cites it as a source: such a name is not a party."""
    if spans is None:  # read by head nouns: find it in the text
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    if not spans:
        return True
    for at, end in spans:
        line_start = text.rfind("\n", 0, at) + 1
        if _CITED_BEFORE.search(text, max(line_start, at - 40), at):
            continue
        if not text[line_start:at].strip() and _DATELINE_AFTER.match(text, end) or _REPORTED.match(text, end):
            continue
        return False
    return True


# ---------------------------------------------------------------- English offices named by their country

#: The words that make an office an IP office, and what it handles: "IP Office", "Patent Office",
#: "Trademark Office", "Institute of Industrial Property".
_IP_SUBJECT = (
    r"(?:(?i:intellectual\s+property|industrial\s+property|patents?|trade\s*-?\s*marks?|copyrights?)|IP)"
)
_IP_SUBJECTS = rf"{_IP_SUBJECT}(?:\s*(?:,|and|&)\s*{_IP_SUBJECT})*"
#: Lower case, only the words that never name an industry or a trade ("China's IP sector", "patent
#: agencies" are firms); capitalised, any body's.
_IP_BODY = (
    r"(?:(?i:offices?|authority|authorities)|(?:Agency|Agencies|Institutes?|Administrations?|Organi[sz]ations?|"
    r"Sectors?|Services?|Bureaus?|Directorates?|Departments?))\b"
)
#: After a country: "Korean IP Office", "the UAE's Intellectual Property Sector", "Chinese Trademark Office",
#: and the plural after a list ("the Singaporean and the Hungarian IP Offices").
_COUNTRY_OFFICE_AFTER = re.compile(rf"(?:['’]s)?\s+(?:(?i:national)\s+)?(?P<subject>{_IP_SUBJECTS})\s+(?P<body>{_IP_BODY})")
#: Before a country: "Patent Office of Australia", "Institute of Industrial Property of Angola", "the IP
#: offices of Canada, the United Kingdom and Japan".
_COUNTRY_OFFICE_BEFORE = re.compile(
    rf"(?:(?P<subject>{_IP_SUBJECTS})\s+(?P<body>{_IP_BODY})|(?P<body2>{_IP_BODY})\s+(?:of|for)\s+(?P<subject2>{_IP_SUBJECTS}))"
    r"\s+(?:of|in)\s+(?:the\s+)?$"
)
#: The last word before "of" or "in" of :data:`_COUNTRY_OFFICE_BEFORE`, to try it only there.
_OFFICE_LAST_WORDS = frozenset("""
office offices agency agencies institute institutes administration administrations organization organizations
organisation organisations sector sectors service services bureau bureaus directorate directorates department
departments authority authorities property patent patents trademark trademarks mark marks copyright copyrights
""".split())
_WORD_BEFORE_OF = re.compile(r"(\w+)\s+(?:of|in)\s+(?:the\s+)?$")
_OF_IN = (" of ", " of the ", " in ", " in the ")  # what the words before a country end with, to be read at all
#: Between the countries of a list: ", ", ", the ", " and the ".
_COUNTRY_LIST_GLUE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:the\s+)?")
_SUBNATIONAL = re.compile(r"\b(?:Provincial|Municipal|Autonomous|Province|City|Prefecture|State of)\b")
_TRADEMARK_ONLY = re.compile(r"(?i:trade\s*-?\s*marks?)")
_IP_GENERAL = re.compile(r"(?i:intellectual\s+property|industrial\s+property|patent)|\bIP")
_COPYRIGHT = re.compile(r"(?i:copyright)")
_NATIONAL_OFFICES: weakref.WeakKeyDictionary[Lexicon, dict[tuple[str, str], list[Entry]]] = weakref.WeakKeyDictionary()


def _office_handles(forms: Iterable[str]) -> str:
    """What an office handles by the words of its names: "ip" (patents, or everything), "trademark"
    (China's Trademark Office), "copyright"."""
    english = [f for f in forms if f.isascii()]
    if any(_IP_GENERAL.search(f) for f in english):
        return "ip"
    if any(_TRADEMARK_ONLY.search(f) for f in english):
        return "trademark"
    if any(_COPYRIGHT.search(f) for f in english):
        return "copyright"
    return "ip"  # an acronym or a name without subject words ("IP Australia", "Kazpatent")


def _national_offices(lexicon: Lexicon) -> dict[tuple[str, str], list[Entry]]:
    """(country, what it handles) -> the country's national offices in the table (provinces' and
    cities' offices left out)."""
    table = _NATIONAL_OFFICES.get(lexicon)
    if table is None:
        table = {}
        for e in lexicon.entries.get("offices", []):
            if e.country and not any(_SUBNATIONAL.search(f) for f in e.forms if f.isascii()):
                table.setdefault((e.country, _office_handles(e.forms)), []).append(e)
        _NATIONAL_OFFICES[lexicon] = table
    return table


def _office_of(lexicon: Lexicon, country: str, subject: str) -> Entry | None:
    """The one national office of ``country`` for ``subject`` (the words naming what it handles):
    a trademark office is the country's general office when it has no trademark office of its own;
    None when the table holds none, or several."""
    table = _national_offices(lexicon)
    handles = _office_handles([subject])
    found = table.get((country, handles), [])
    if not found and handles == "trademark":
        found = table.get((country, "ip"), [])
    return found[0] if len(found) == 1 else None


def country_offices(text: str, lexicon: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """Offices an English text names by their country and what they handle, not by their names:
    "the Korean IP Office" (KIPO), "Patent Office of Australia" (IP Australia), "the Singaporean and
    the Hungarian IP Offices" (two offices). Each is the country's one national office for that
    subject in the table; with none, or several (a country with separate patent offices), it names
    none. "The IP offices of Russia, Sweden and Austria" names a kind of office, each an option
    (where to file, whom to ask), far more often than the parties to the news: none."""
    countries = [m for m in mentions if m.entry.kind == "countries" and m.surface.isascii()]
    if not countries:
        return []
    taken: list[tuple[int, int]] | None = None
    # runs of countries in a list: "Canada, the United Kingdom and Japan", "the Singaporean and the Hungarian"
    runs: list[list[Mention]] = [[countries[0]]]
    for m in countries[1:]:
        gap = m.start - runs[-1][-1].end
        glue = _COUNTRY_LIST_GLUE.match(text, runs[-1][-1].end) if 0 < gap <= 12 else None
        if glue is not None and glue.end() == m.start:
            runs[-1].append(m)
        else:
            runs.append([m])
    out: list[Mention] = []
    for run in runs:
        first, last = run[0], run[-1]
        after = _COUNTRY_OFFICE_AFTER.match(text, last.end)
        before = None
        if after is None and text[max(0, first.start - 8) : first.start].endswith(_OF_IN):
            word_before = _WORD_BEFORE_OF.search(text, max(0, first.start - 30), first.start)
            if word_before is not None and word_before.group(1).lower() in _OFFICE_LAST_WORDS:
                before = _COUNTRY_OFFICE_BEFORE.search(text, max(0, first.start - 80), first.start)
        found = after or before
        if found is None:
            continue
        body = found.group("body") or found.group("body2")
        plural = body.lower().endswith(("s", "ies"))
        if before and plural:
            continue  # "the IP offices of Russia, Sweden and Austria": a kind of office, where each is one choice
        if len(run) > 1 and not plural:
            run = [first] if before else [last]  # "Japan and the Korean Patent Office": the one next to it
        subject = found.group("subject") or found.group("subject2")
        start, end = (run[0].start, found.end()) if after else (found.start(), run[-1].end)
        if taken is None:
            taken = [(m.start, m.end) for m in mentions if m.entry.kind in ("offices", "organizations")]
        if any(s < end and start < e for s, e in taken):
            continue  # a name the table knows ("Korean Intellectual Property Office")
        for m in run:
            office = _office_of(lexicon, m.entry.name, subject)
            if office is not None:
                out.append(Mention(office, text[start:end], start, end))
    return out


# ---------------------------------------------------------------- English bodies only named, not acting

#: Before a body's name, a title that only says where someone serves ("Permanent Representative of
#: Vietnam to the United Nations", "Ambassador to the WTO"), or background that files another body
#: under it ("a specialized agency of the United Nations").
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Representative|Ambassador|Envoy|Observer|Rapporteur|Delegate)(?:\s+of\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?"
    r"\s+(?:to|of|at)|\b(?:agency|agencies|organ|body|bodies|system|family)\s+of)\s+(?:the\s+)?$"
)
#: After a body's name, a noun it only qualifies: a programme or goal of it, a title in it, the
#: agencies under it ("UN Sustainable Development Goals", "UN Special Rapporteur", "a UN agency",
#: "EU-funded projects", "UN-led").
_QUALIFIED_AFTER = re.compile(
    r"(?:\s*\([A-Z]{2,8}\))?(?:\s+(?:Sustainable\s+Development|SDGs?\b|Agenda\b|Special\s+(?:Rapporteur|Envoy)|"
    r"(?:specialized\s+|specialised\s+)?agency\b|agencies\b|Charter\b|(?:Secretary|Under-Secretary)[- ]General)|"
    r"\s*[-‐]?\s*(?i:led|funded|backed)\b)"
)
#: Between two bodies of one list, or a body and its acronym: "to the United Nations (UN), World Trade Organization".
_LIST_AFTER_NAME = re.compile(r"\)?\s*(?:\(|(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?)")
_TO_OF_IN = (" to ", " to the ", " of ", " of the ", " at ", " at the ", " in ", " in the ")
#: A body's name after a past participle and "in": a territory, not a party ("registered in the European Union").
_PLACE_BEFORE = re.compile(r"\b[A-Za-z][a-z]+ed\s+in\s+(?:the\s+)?$")


# ---------------------------------------------------------------- English ministries named by their minister

#: What ministries are of: a minister's title is read as far as these words go ("Minister of Commerce
#: Li Chenggang" is the Minister of Commerce).
_MINISTRY_SUBJECT_WORDS = _UNIT_WORDS | frozenset("""
handicraft handicrafts sport sports tourism culture arts heritage health justice defence defense interior agriculture
education higher energy environment labour labor transport industry industries commerce economy finance foreign human
rights youth women family welfare social works housing land lands water mines mining fisheries forestry
telecommunications posts science sciences investment investments development home employment petroleum oil gas natural
resources urban rural food infrastructure security media culture religious religion tourism affairs
""".split())
_MINISTER = re.compile(r"(?<![\w-])(?<!Prime )Minister of (?!State\b)(?=[A-Z])")
_SUBJECT_WORD = re.compile(r"\s*(,?\s*[\w'’&-]+)")
_MINISTER_COUNTRY = re.compile(
    r"(?P<country>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}?)(?:['’]s)?\s+(?:(?:Deputy|Vice|Assistant|First|Senior|Acting)\s+)*$"
)


_MINISTER_COUNTRY_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:Republic\s+(?:of\s+)?)?(?P<country>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
)


def _minister_subject(text: str, at: int) -> str:
    """The words of a ministry's subject from ``at`` on, as far as they go ("Industry and Handicraft" in
    "Industry and Handicraft of Cambodia Cham Prasidh")."""
    words: list[str] = []
    pos = at
    while len(words) < 12 and (w := _SUBJECT_WORD.match(text, pos)) is not None:
        word = w.group(1).lstrip(", ")
        if word.lower() not in _MINISTRY_SUBJECT_WORDS or word[:1].islower() and word not in ("and", "of", "the", "for"):
            break
        words.append(w.group(1).strip())
        pos = w.end()
    while words and words[-1].lstrip(", ") in ("and", "of", "the", "for", "&"):
        words.pop()
    return " ".join(words).replace(" ,", ",")


def minister_ministries(text: str, lexicon: Lexicon) -> list[str]:
    """Ministries an English text names by their minister: "Cameroon's Minister of Commerce" speaks
    for the Ministry of Commerce. A country before the title picks the ministry the lexicon knows
    for it ("the Kazakh Minister of Justice"); else the ministry goes by its own name, its country
    left to the countries field. Not a prime minister, nor a minister of state (a rank)."""
    out: list[str] = []
    for m in _MINISTER.finditer(text) if "Minister of " in text else ():
        subject = _minister_subject(text, m.end())
        if not subject or not subject[0].isupper() or _ORG_HEAD_AT.match(subject):
            continue  # "Minister of Ministry ...": no subject
        if subject.endswith(("al", "ic", "ign", "ern", "ive")):
            continue  # cut before its noun: "Regional and Industrial [Expansion]"
        name = named = f"Ministry of {subject}"
        country = _MINISTER_COUNTRY.search(text, max(0, m.start() - 40), m.start())
        found = lexicon.lookup(country.group("country"), "countries") if country else []
        after = _MINISTER_COUNTRY_AFTER.match(text, m.end() + len(subject))
        if not found and after:  # "Minister of Justice of the Republic Kazakhstan"
            found = lexicon.lookup(after.group("country"), "countries")
        if found:
            for form in (f"{name} of {found[0].name}", f"{name} of the Republic of {found[0].name}"):
                known = lexicon.lookup(form, "organizations")
                if known:
                    named = known[0].name
                    break
        known = lexicon.lookup(named, "organizations")
        out.append(known[0].name if known else named)
    return out


# ---------------------------------------------------------------- English groups named by their own words

_GROUP_NAME = re.compile(r"(?<![\w'’&.-])(?P<name>[A-Z][\w'’-]*\w(?:\s[A-Z][\w'’-]*\w){0,2})$")
#: Words that say what a group does or who is in it, not whose it is ("Working Group", "Expert Group").
_GENERIC_GROUP_WORDS = frozenset("""
working expert experts study contact focus research action interest advisory steering task peer user users industry
business consumer pressure lobby age ethnic control test target parliamentary drafting core sub special joint ad hoc
reference member members friends leadership consultative coordinating negotiating implementation technical review
liaison high level
""".split())


def _written_lower(text: str, word: str) -> bool:
    """Whether ``word`` (in lower case) stands as a word of its own somewhere in ``text``."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")) and (
            end == len(text) or not (text[end].isalnum() or text[end] == "-")
        ):
            return True
        at = text.find(word, end)
    return False


def named_groups(text: str, lexicon: Lexicon) -> list[str]:
    """Groups named by a name of their own before "Group": a company ("Viettel Group") or a grouping
    of states named for a place ("the Visegrad Group"). Not a group named by what it does or who is
    in it ("Working Group", "Expert Group"), nor one the lexicon knows under another form."""
    out: list[str] = []
    for m in _groups_at(text):
        words = m.group("name").split()
        if any(w in _NOT_A_NAME or w.lower() in _UNIT_WORDS or w.lower() in _GENERIC_GROUP_WORDS
               or w.endswith(("'s", "’s", "-based")) for w in words):
            continue
        if any(_written_lower(text, w.lower()) for w in words if not w.isupper()):
            continue  # a word the text also writes in lower case names a trade or a product: "Electronics Group"
        start = m.start("name")
        before = text[max(0, start - 30) : start].split()
        if before and before[-1].lstrip("(\"“‘'")[:1].isupper() and before[-1].lstrip("(\"“‘'") != "The":
            continue  # part of a longer name the head nouns read, or a list of names
        if lexicon.lookup(m.group("name")) or _line_is_title_case(text, start) and not _sentence_line(text, start):
            continue
        if re.search(r"\b(?:[Hh]ead|[Ll]eader|[Cc]hief|[Dd]irector)\s+of\s+the\s+$", text[max(0, start - 20) : start]):
            continue  # a team someone heads: "Head of the Discipline Inspection Group stationed in ..."
        out.append(_SPACES.sub(" ", m.group("name")) + " Group")
    return out


def _groups_at(text: str) -> Iterator[re.Match[str]]:
    """The names before each word "Group" in ``text`` (found by plain search: most texts have none)."""
    at = text.find(" Group")
    while at >= 0:
        end = at + len(" Group")
        if end == len(text) or not text[end].isalnum():
            window = max(0, at - 60)
            m = _GROUP_NAME.search(text, window, at)
            if m is not None:
                yield m
        at = text.find(" Group", end)


# ---------------------------------------------------------------- Chinese names built of parts

#: Chinese bodies are named by their country or place and a generic head: 新疆维吾尔自治区人民政府,
#: 广州市市场监督管理局, 希腊驻华大使馆, 以色列经济产业部. Names the lexicon does not hold are put
#: into English from their parts, the way English texts name the same bodies.
#: Level words after a Chinese place: province, municipality, autonomous region (with its people).
_ZH_LEVEL = re.compile(r"(?P<level>(?:维吾尔|壮族|回族)?自治区|(?P<people>回族|哈萨克|蒙古|藏族|朝鲜族|彝族|苗族|土家族|白族|傣族|壮族)?自治州|省|市)?")
#: The people an autonomous prefecture's English name carries (昌吉回族自治州: Changji Hui).
_PREFECTURE_PEOPLE = {"回族": "Hui", "哈萨克": "Kazakh", "蒙古": "Mongol", "藏族": "Tibetan", "朝鲜族": "Korean",
                      "彝族": "Yi", "苗族": "Miao", "土家族": "Tujia", "白族": "Bai", "傣族": "Dai", "壮族": "Zhuang"}


def _level_at(folded: str, at: int) -> tuple[str, int]:
    """The administrative level word at ``at`` ("" when none) and where it ends."""
    m = _ZH_LEVEL.match(folded, at)
    return (m.group("level") or "", m.end()) if m else ("", at)


#: The people an autonomous region's English name carries ("Guangxi Zhuang Autonomous Region").
_AUTONOMOUS = {"Xinjiang": "Xinjiang Uygur", "Guangxi": "Guangxi Zhuang", "Ningxia": "Ningxia Hui"}
#: Heads of local government bodies (Simplified) and their English, ``{where}`` being the place
#: with its level ("Urumqi Municipal") and ``{place}`` the place alone.
_ZH_LOCAL_BODY = {
    "人民政府": "{where} Government",
    "市场监督管理局": "{place} Administration for Market Regulation",
    "市场监管局": "{place} Administration for Market Regulation",
    "教育委员会": "{where} Education Commission",
    "科学技术厅": "{where} Department of Science and Technology",
    "科技厅": "{where} Department of Science and Technology",
    "商务厅": "{where} Department of Commerce",
    "中级人民法院": "{place} Intermediate People's Court",
    "高级人民法院": "{place} High People's Court",
    "知识产权局": "{office} IP Office",
    # a market regulator that is also the place's IP office goes by both names
    "市场监督管理局(知识产权局)": "{place} Administration for Market Regulation|{office} IP Office",
    "市场监督管理局（知识产权局）": "{place} Administration for Market Regulation|{office} IP Office",
    "知识产权保护中心": "{place} IP Protection Center",
    # societies named by their place (珠海市知识产权保护协会, 澳门商标协会)
    "知识产权保护协会": "{place} IP Protection Association",
    "知识产权协会": "{place} IP Association",
    "商标协会": "{place} Trademark Association",
    "专利代理协会": "{place} Patent Attorneys Association",
    "专利代理师协会": "{place} Patent Attorneys Association",
    "专利代理人协会": "{place} Patent Attorneys Association",
    "版权协会": "{place} Copyright Association",
}
#: The heads above that a place outside the mainland (香港, 澳门, 台湾) names too.
_ZH_SOCIETY_HEAD = re.compile("|".join(h for h in sorted(_ZH_LOCAL_BODY, key=len, reverse=True) if h.endswith("协会")))
_ZH_LOCAL_HEAD = re.compile("|".join(re.escape(h) for h in sorted(_ZH_LOCAL_BODY, key=len, reverse=True)))
#: Between the places of a list that share one head (北京市、天津市以及深圳市知识产权局).
_ZH_LIST_SEP = re.compile(r"\s*(?:、|以及|及|和|与)\s*")
#: What follows a body's name when the name only qualifies another noun: a scholarship, a website,
#: a decree, the body's own general office (重庆市人民政府外国留学生奖学金, 市人民政府办公厅).
_ZH_QUALIFIES = re.compile(r"外国|奖|网|门户|令|办公厅|新闻办|官网")
#: A line of a site's menu or footer ("主办单位：", "指导单位：", links split by "|"): no party to the news.
_ZH_SITE_LINE = re.compile(
    r"(?:^|\s)(?:主办|主辦|指导|指導|协办|協辦|技术支持|技術支持)(?:单位|單位)?\s*[:：]|\s[|｜]\s", re.M
)
#: A mission abroad: 希腊驻华大使馆 is the Embassy of Greece in China; 中国常驻日内瓦代表团 its
#: permanent mission there.
_ZH_MISSION = re.compile(r"(?P<permanent>常)?驻(?:华|中国|(?=\S))")
#: The envoy heading a mission stands for it (希腊驻华大使 speaks for the Embassy).
_ZH_MISSION_KIND = {"大使馆": "Embassy", "总领事馆": "Consulate General", "领事馆": "Consulate",
                    "大使": "Embassy", "总领事": "Consulate General", "代表团": "Mission", "代表处": "Mission",
                    "代表部": "Mission"}
_MISSION_NAMES = ("Embassy", "Consulate", "Mission", "Permanent Mission", "Delegation")
#: Offices abroad that are no embassy, named "<owner> <kind> in <host>": 以色列驻台北经济文化办事处,
#: or host first, 驻台北以色列经济文化办事处 (the Israel Economic and Cultural Office in Taipei).
_ZH_OFFICE_ABROAD = {"经济文化办事处": "Economic and Cultural Office",
                     "经济文化代表处": "Economic and Cultural Representative Office",
                     "贸易办事处": "Trade Office", "商务办事处": "Trade Office"}
_ZH_MISSION_HEAD = re.compile("|".join(sorted([*_ZH_MISSION_KIND, *_ZH_OFFICE_ABROAD], key=len, reverse=True)))
#: Subjects of ministries (部): 以色列经济产业部 is Israel's Ministry of Economy and Industry.
_ZH_MINISTRY_SUBJECT = {
    "外交": "Foreign Affairs", "司法": "Justice", "经济发展": "Economic Development", "经济": "Economy",
    "产业": "Industry", "工业": "Industry", "贸易": "Trade", "商务": "Commerce", "商业": "Commerce",
    "文化": "Culture", "教育": "Education", "卫生": "Health", "农业": "Agriculture", "财政": "Finance",
    "科学技术": "Science and Technology", "科技": "Science and Technology", "科学": "Science", "技术": "Technology",
    "律政": "Law", "法律": "Law", "内政": "Interior", "投资": "Investment", "创新": "Innovation", "发展": "Development", "旅游": "Tourism",
    "能源": "Energy", "交通": "Transport", "环境": "Environment", "劳动": "Labour", "高等教育": "Higher Education",
}
_ZH_SUBJECT = re.compile("|".join(sorted(_ZH_MINISTRY_SUBJECT, key=len, reverse=True)))
_ZH_AND = re.compile(r"[和与及、]")


def composed_zh_orgs(
    text: str, folded: str, lexicon: Lexicon, mentions: list[Mention], parts: set[str] | None = None
) -> list[str]:
    """Chinese names of bodies the lexicon does not hold, built from a place or country the lexicon
    finds and a generic head after it: local governments and their bureaus (in China), missions
    abroad (any country), ministries (other countries than China, whose own the lexicon holds).

    A name the lexicon knows from the same place on is left to it; a name on a site's menu or
    footer line, or one that only qualifies the noun after it, is no party to the news.
    ``folded``: ``text`` in Simplified characters. ``parts``, when given, receives the known bodies
    the text names only as a mission's owner or host (欧盟 in 欧盟驻华代表团 is no party itself).
    """
    taken = [(m.start, m.end) for m in mentions
             if m.entry.kind in ("offices", "organizations") and not _inside_zh_head(folded, m)]
    # owners and hosts of missions may be bodies too (欧盟驻华代表团, 中国驻欧盟代表团)
    geo = {m.start: m for m in mentions if m.entry.kind in ("countries", "places", "organizations")}
    out: list[str] = []
    inside: list[tuple[int, int]] = []  # the missions' spans
    for m in mentions:
        if m.entry.kind not in ("countries", "places", "organizations") or m.surface.isascii():
            continue
        if m.entry.kind == "organizations" and not folded.startswith(("驻", "常驻"), m.end):
            continue  # a body opens only a mission's name
        name, end = _composed_at(folded, m, geo, lexicon)
        if name is None:
            continue
        # a longer known name wins; a mission's owner and host are known names inside it
        mission = name.startswith(_MISSION_NAMES)
        if any(s < end and m.start < e and not (mission and m.start <= s and e <= end and e - s < end - m.start)
               for s, e in taken):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", end)
        if _ZH_SITE_LINE.search(text, line_start, line_end if line_end >= 0 else len(text)):
            continue
        if _ZH_QUALIFIES.match(folded, end):
            continue
        out.extend(name.split("|"))
        if mission:
            inside.append((m.start, end))
        if name.startswith("Ministry of") and folded.startswith("兼", end):  # 律政部兼内政部: two ministries
            also, _ = _ministry_at(folded, end + 1, m.entry.name)
            if also:
                out.append(also)
    out += _bare_level_bodies(text, folded, lexicon, mentions)
    out += _bare_sar_government(folded, lexicon, mentions)
    if "五" in folded:
        out += [name for name, five in _ZH_FIVE.items() if five.search(folded)]
    if parts is not None and inside:
        bodies = [m for m in mentions if m.entry.kind == "organizations"]
        within = {m.entry.name for m in bodies if any(s <= m.start and m.end <= e for s, e in inside)}
        parts.update(n for n in within if all(any(s <= m.start and m.end <= e for s, e in inside)
                                              for m in bodies if m.entry.name == n))
    return out


_ZH_SAR_GOVERNMENT = re.compile("特区政府|特别行政区政府")
#: The five offices named by their members' one-character names: 中美欧日韩知识产权五局, 中、日、美、欧、韩五局.
_ZH_FIVE = {
    "IP5": re.compile(r"[中美欧日韩](?:[、,，]?[中美欧日韩]){4}(?:知识产权|专利)?五局"),
    "TM5": re.compile(r"[中美欧日韩](?:[、,，]?[中美欧日韩]){4}商标五方"),
}


def _bare_sar_government(folded: str, lexicon: Lexicon, mentions: list[Mention]) -> list[str]:
    """特区政府 with no place before it: the government of the one SAR (香港 or 澳门) the text names."""
    bare = [g for g in _ZH_SAR_GOVERNMENT.finditer(folded) if folded[max(0, g.start() - 2) : g.start()] not in ("香港", "澳门")]
    if not bare:
        return []
    sars = {m.surface.translate(t2s_table()) for m in mentions if m.entry.kind in ("countries", "places")
            and m.surface.translate(t2s_table()) in ("香港", "澳门")}
    if len(sars) != 1:
        return []
    found = lexicon.lookup(next(iter(sars)) + "特区政府", "organizations")
    return [found[0].name] if found else []


#: What follows a body's Chinese name when the text only cites its publication ("世界知识产权组织
#: 发布的报告显示", "…的2021年全球创新指数"), names it in its head's title (国务院总理), or uses it
#: to qualify its members, its area or a kind ("欧盟国家", "欧盟企业", "联合国专门机构"): no party.
_ZH_NAMED_ONLY = re.compile(
    r"发布的|公布的|的\d{4}年|的《|(?:副)?总理"
    r"|的?(?:专门机构|各国|国家|企业|地区|边境|境内|公民|相关机构|组织系统|会员国)"
    r"|负责[^，。、]{0,12}的专门机构"
)
#: Before a body's name: 驻 makes it where an envoy is posted (常驻联合国日内瓦办事处代表), no party.
_ZH_POSTED_TO = re.compile(r"驻$")


#: A head that ends with another office's whole name: 专利商标局 ends with 商标局 (the Trademark Office).
_ZH_LONGER_HEAD = re.compile(r"(?:专利|专利和|专利与|工业产权和?)$")


def _inside_zh_head(folded: str, m: Mention) -> bool:
    """Whether office ``m``, named by its head alone (商标局), is the end of a longer head: in
    美专利商标局 it is the United States' patent and trademark office, not China's."""
    return (len(m.surface) <= 4 and m.start > 1 and folded[m.start - 1] in "利和与权" and not m.surface.isascii()
            and _ZH_LONGER_HEAD.search(folded, max(0, m.start - 5), m.start) is not None)


#: What follows a body's English name when it only qualifies a kind or a programme ("an agency of
#: the United Nations", "UN agency", "the UN Sustainable Development Goals", "UN-led SDGs").
_EN_QUALIFIES = re.compile(
    r"(?:['’]s)?(?:\s*-\s*led\b|\s+(?:Sustainable\s+Development|SDGs?\b|(?:specialized\s+|specialised\s+)?agenc(?:y|ies)\b|"
    r"system\b|member\s+(?:states|countries)\b|Charter\b))"
)
_EN_AGENCY_OF = re.compile(r"\b(?:agency|agencies|body|organi[sz]ation)\s+of\s+the\s+$")
#: A representative's title naming the bodies they are sent to ("Permanent Representative of
#: Indonesia to the United Nations, World Trade Organization and other ..."): those are no party.
_EN_ACCREDITED = re.compile(
    r"Representative(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?\s+to\s+(?:the\s+)?"
    r"(?:[A-Z(][\w()’'-]*(?:\s+(?:of\s+|for\s+)?[A-Z(][\w()’'-]*)*\s*,\s*(?:and\s+)?(?:the\s+)?){0,4}$"
)


def _acting_en(text: str, named: list[Mention]) -> list[Mention]:
    """``named`` without the bodies whose every English mention only qualifies a kind or a
    programme (:data:`_EN_QUALIFIES`, :data:`_EN_AGENCY_OF`) or names where a representative is
    sent (:data:`_EN_ACCREDITED`)."""
    passive: dict[str, bool] = {}
    passive_end = -1  # where the last mention that only names a body ended
    for m in named:
        if not m.surface.isascii():
            passive[m.entry.name] = False
            continue
        if passive_end >= 0 and _LIST_AFTER_NAME.fullmatch(text, passive_end, m.start) is not None:
            passive.setdefault(m.entry.name, True)  # "to the United Nations (UN), World Trade Organization (WTO)"
            passive_end = m.end
            continue
        before = text[max(0, m.start - 80) : m.start] if text.endswith(_TO_OF_IN, max(0, m.start - 8), m.start) else ""
        only = (_EN_QUALIFIES.match(text, m.end) is not None
                or _EN_AGENCY_OF.search(text, max(0, m.start - 30), m.start) is not None
                or _QUALIFIED_AFTER.match(text, m.end) is not None
                or bool(before) and (_TITLE_BEFORE.search(before) is not None or _PLACE_BEFORE.search(before) is not None)
                or ("Representative" in text[max(0, m.start - 160) : m.start]
                    and _EN_ACCREDITED.search(text, max(0, m.start - 160), m.start) is not None))
        passive[m.entry.name] = passive.get(m.entry.name, True) and only
        passive_end = m.end if only else -1
    return [m for m in named if not passive[m.entry.name]]


def _acting_zh(folded: str, named: list[Mention]) -> list[Mention]:
    """``named`` without the bodies whose every mention, all in Chinese, is :data:`_ZH_NAMED_ONLY`
    (``folded``: the text in Simplified characters)."""
    passive: dict[str, bool] = {}
    for m in named:
        only = not m.surface.isascii() and (
            _ZH_NAMED_ONLY.match(folded, m.end) is not None
            or (m.start > 0 and _ZH_POSTED_TO.search(folded, m.start - 1, m.start) is not None)
        )
        passive[m.entry.name] = passive.get(m.entry.name, True) and only
        passive_end = m.end if only else -1
    return [m for m in named if not passive[m.entry.name]]


#: A body named by its level word alone ("自治区市场监督管理局", "省科技厅"), after its place was named
#: in full: the level's place is the one named last (bare, it opens a clause or a list item).
_ZH_BARE_LEVEL = re.compile(rf"(?:^|(?<=[\s,，、。；;：:和与及(（]))(?P<level>自治区|省|市)(?=(?:{_ZH_LOCAL_HEAD.pattern}))", re.M)


def _bare_level_bodies(text: str, folded: str, lexicon: Lexicon, mentions: list[Mention]) -> list[str]:
    """Bodies named by :data:`_ZH_BARE_LEVEL`, in English by the place last named with that level."""
    places = [m for m in mentions if m.entry.kind == "places" and m.entry.country == "China" and not m.surface.isascii()]
    out = []
    for bare in _ZH_BARE_LEVEL.finditer(folded) if places else ():
        named = None
        for m in places:
            if m.end > bare.start():
                break
            level = _level_at(folded, m.end)[0]
            if level and level.endswith(bare.group("level")):
                named = (m.entry, level)
        head = _ZH_LOCAL_HEAD.match(folded, bare.end())
        if named and head:
            out.extend(_local_names(lexicon, named[0], named[1], head.group(0)))
    return out


def _local_names(lexicon: Lexicon, place: Entry, level: str, head: str) -> list[str]:
    """:func:`_local_name`, each name as the office table gives it where it holds it ("Beijing IP
    Office" is its "Beijing Intellectual Property Office")."""
    names = _local_name(place, level, head).split("|")
    return [next((e.name for e in lexicon.lookup(n, "offices")), n) for n in names]


def _local_name(place: Entry, level: str, head: str) -> str:
    """The English name of local body ``head`` of ``place`` at ``level`` (省, 市, 自治区 or "").

    IP offices go by "Guangdong Provincial IP Office" but "Shenzhen IP Office" (``{office}``), as the
    office table names those it holds."""
    if level.endswith("自治区"):
        where = f"{_AUTONOMOUS.get(place.name, place.name)} Autonomous Region"
    elif level.endswith("自治州"):
        people = _PREFECTURE_PEOPLE.get(level[:-3])
        where = f"{place.name} {people + ' ' if people else ''}Autonomous Prefecture"
    elif level:
        where = f"{place.name} {'Provincial' if level == '省' else 'Municipal'}"
    else:
        where = place.name
    office = (f"{place.name} Autonomous Region" if level.endswith("自治区")
              else where if level in ("省", "") or level.endswith("自治州") else place.name)
    return _ZH_LOCAL_BODY[head].format(where=where, place=place.name, office=office)


def _composed_at(folded: str, m: Mention, geo: dict[int, Mention], lexicon: Lexicon) -> tuple[str | None, int]:
    """The English name of the body whose Chinese name opens with place or country ``m``, and where it ends."""
    e = m.entry
    # a mission: <country>驻<country or place, or 华>大使馆
    mission = _ZH_MISSION.match(folded, m.end)
    if mission and e.kind in ("countries", "organizations"):
        at = mission.end()
        host: str | None = "China" if not mission.group(0).endswith("驻") else None
        to = "in"  # in a country or city, to a body ("Mission of China to the European Union")
        if host is None and at in geo:
            host, at = geo[at].entry.name, geo[at].end
            to = "to" if geo[mission.end()].entry.kind == "organizations" else "in"
        head = _ZH_MISSION_HEAD.match(folded, at)
        if host and head and head.group(0) in _ZH_OFFICE_ABROAD:
            return f"{e.name} {_ZH_OFFICE_ABROAD[head.group(0)]} in {host}", head.end()
        if host and head:
            kind = _ZH_MISSION_KIND[head.group(0)]
            if kind == "Mission" and (mission.group("permanent") or e.kind == "organizations"):
                # a body's mission to a country is its delegation (the EU's Delegation to China)
                kind, to = ("Delegation", "to") if e.kind == "organizations" else ("Permanent Mission", to)
            return f"{kind} of {'the ' if e.name.startswith('European') else ''}{e.name} {to} {host}", head.end()
        return None, m.end
    if m.start and folded[m.start - 1] == "驻" and (m.start - 1) not in _ends(geo) and m.end in geo:
        # host first: 驻台北以色列经济文化办事处
        owner = geo[m.end]
        head = _ZH_MISSION_HEAD.match(folded, owner.end)
        if owner.entry.kind == "countries" and head and head.group(0) in _ZH_OFFICE_ABROAD:
            return f"{owner.entry.name} {_ZH_OFFICE_ABROAD[head.group(0)]} in {e.name}", head.end()
    if e.kind == "organizations":
        return None, m.end
    if e.kind == "places" and e.country == "China":
        level, level_end = _level_at(folded, m.end)
        head = _ZH_LOCAL_HEAD.match(folded, level_end)
        end = head.end() if head else level_end
        if head is None and (head := _shared_head(folded, level_end, geo)) is None:
            return None, m.end
        if not level and head.group(0) == "人民政府":
            return None, m.end  # 北京人民政府 without its level: too loose to name
        return "|".join(_local_names(lexicon, e, level, head.group(0))), end
    if e.kind == "countries" and e.name in ("Hong Kong", "Macao", "Taiwan"):
        society = _ZH_SOCIETY_HEAD.match(folded, m.end)
        if society is not None:
            return _ZH_LOCAL_BODY[society.group(0)].format(place=e.name), society.end()
    if e.kind == "countries":
        head = _ZH_OFFICE_HEAD.match(folded, m.end)
        if head is not None:
            office = _national_office(lexicon, e.name)
            return (office, head.end()) if office else (None, m.end)
    if e.kind == "countries" and e.name not in ("China", "Taiwan", "Hong Kong", "Macao"):
        return _ministry_at(folded, m.end, e.name)
    return None, m.end


def _ends(geo: dict[int, Mention]) -> set[int]:
    """Where the names in ``geo`` end."""
    return {m.end for m in geo.values()}


def _ministry_at(folded: str, at: int, country: str) -> tuple[str | None, int]:
    """The ministry of ``country`` whose subjects and 部 start at ``at`` (以色列|经济产业部)."""
    start, subjects = at, []
    while (word := _ZH_SUBJECT.match(folded, at)) is not None:
        subjects.append(_ZH_MINISTRY_SUBJECT[word.group(0)])
        at = word.end()
        joint = _ZH_AND.match(folded, at)
        if joint and _ZH_SUBJECT.match(folded, joint.end()):
            at = joint.end()
    if not subjects or not folded.startswith("部", at):
        return None, start
    subject = subjects[0] if len(subjects) == 1 else ", ".join(subjects[:-1]) + " and " + subjects[-1]
    if country == "United States":
        return f"US Department of {subject}", at + 1
    return f"Ministry of {subject} ({country})", at + 1


def _shared_head(folded: str, at: int, geo: dict[int, Mention]) -> re.Match[str] | None:
    """The head that a list of Chinese places shares, when the place ending at ``at`` opens or
    continues one: 北京市、天津市以及深圳市知识产权局 names three offices."""
    for _ in range(12):
        sep = _ZH_LIST_SEP.match(folded, at)
        nxt = geo.get(sep.end()) if sep else None
        if nxt is None or nxt.entry.kind != "places" or nxt.entry.country != "China":
            return None
        at = _level_at(folded, nxt.end)[1]
        head = _ZH_LOCAL_HEAD.match(folded, at)
        if head is not None:
            return head
    return None


#: Heads of a country's IP office in Chinese (法国工业产权局, 日本特许厅, 澳大利亚知识产权局).
_ZH_OFFICE_HEAD = re.compile(
    r"(?:国家|联邦)?(?:工业产权|知识产权|专利商标|专利与商标|专利和商标|专利|商标|智慧财产)(?:总局|局|厅|署|办公室)|特许厅"
)


@functools.lru_cache(maxsize=8)
def _offices_by_country(lexicon: Lexicon) -> dict[str, str]:
    """Each country's first office in the office table (its national one)."""
    first: dict[str, str] = {}
    for entry in lexicon.entries.get("offices", ()):
        if entry.country:
            first.setdefault(entry.country, entry.name)
    return first


def _national_office(lexicon: Lexicon, country: str) -> str | None:
    """The IP office of ``country`` when a Chinese text names it by country and generic head."""
    return _offices_by_country(lexicon).get(country)
