"""The bilingual name tables: every office, country, person, organization and place we
know, with its canonical English name and its English, Simplified and Traditional forms.

Facets show canonical names; any form finds the entity. Data lives in ``ipsearch/data``
as JSON so that editors can extend it without touching code. Country names are generated
from CLDR and ISO 3166 (``tools/make_data.py``); editors' choices (short names,
adjectives, historical states, regions that are not countries) sit in
``country_overrides.json`` and are merged here.

Matching is one pass per script: a regex finds the capitalised words (or the Han
characters) that can start a known form, and only there are the forms starting with
that word tried. That keeps extraction linear in the text and independent of how many
names the tables hold.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import LexiconError
from .han import HAN, t2s_table

KINDS = ("countries", "offices", "organizations", "people", "places")

#: Kinds whose mentions compete for the same characters: "Inner Mongolia" (a place) is not
#: "Mongolia" (a country), but "Kazakhstan" inside an organization's name still counts.
_GROUP = {"countries": "geo", "places": "geo", "offices": "offices", "organizations": "organizations", "people": "people"}

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Entry:
    """One entity: ``kind`` is a file name in ``data/``; ``forms`` includes ``name``.

    An entry with an empty ``name`` is a blocker: it consumes text ("Central Asia",
    "中美洲") so that a shorter form inside it is not read as a country.
    """

    kind: str
    name: str
    forms: tuple[str, ...]
    country: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Mention:
    entry: Entry
    surface: str
    start: int
    end: int
    adjective: bool = False


@functools.lru_cache(maxsize=16384)
def fold_key(value: str) -> str:
    """The case-, accent- and spacing-insensitive key under which a name is looked up (cached:
    extraction looks the same names up in every article)."""
    value = unicodedata.normalize("NFKC", value).casefold().replace("’", "'")
    if not value.isascii():
        value = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
    return " ".join(value.split())


def abbreviation_key(value: str) -> str:
    """"W. Va." == "W.Va." == "WVA": abbreviations are written with and without dots and spaces."""
    return re.sub(r"[\s.]", "", value).casefold()


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters)


_FIRST_WORD = re.compile(r"[^\W\d_]+")
_LEADING_THE = re.compile(r"^the\s+")  # "the State of Palestine"; "The Hague" keeps its article


def _latin_key(form: str) -> str:
    m = _FIRST_WORD.match(form)
    return fold_key(m.group(0)) if m else ""


def _form_regex(form: str) -> re.Pattern[str]:
    """A form as it may be written: any spacing, either apostrophe, hyphen or space between words."""
    parts = []
    for word in re.split(r"(\s+|-)", form):
        if not word:
            continue
        if word.isspace() or word == "-":
            parts.append(r"[\s\-]+" if word == "-" else r"\s+")
        else:
            parts.append(re.escape(word).replace("'", "['’]"))
    # Where the name ends is checked by :class:`_LazyRegex` (a Han class here made compiling
    # each form, case-insensitive, 50x slower).
    return re.compile("".join(parts), re.I)


class _LazyRegex:
    """:func:`_form_regex`, compiled at its first match: compiling all 1,500 forms up front
    cost a new process 0.25 s (every search scans its query for names), most are never tried."""

    __slots__ = ("form", "_regex")

    def __init__(self, form: str) -> None:
        self.form = form
        self._regex: re.Pattern[str] | None = None

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        if self._regex is None:
            self._regex = _form_regex(self.form)
        m = self._regex.match(text, pos)
        if m is not None and m.end() < len(text):
            # A name ends before any letter or digit but a Han character: "EUIPO局长" is EUIPO
            # (Chinese text runs Latin names into the characters after them, with no space).
            after = text[m.end()]
            if (after.isalnum() or after == "_") and not _HAN_CHAR.match(after):
                return None
        return m


@functools.lru_cache(maxsize=16384)
def _case_ok(surface: str, form: str) -> bool:
    """Names keep their capitals: "Chad" is a country, "chad" is not; "US" is, "us" is not."""
    if _is_acronym(form):
        return [c for c in surface if c.isalpha()] == [c for c in form if c.isalpha()]
    if surface.isupper():  # headlines and datelines in capitals
        return True
    for s, f in zip(re.split(r"[\s\-]+", surface), re.split(r"[\s\-]+", form)):
        if s and f and f[0].isupper() and not s[0].isupper():
            return False
    return True


# Latin and Cyrillic capitals (a user's lexicon may spell a name "Айгерим Бекова"). Starts with a
# class: the engine skips ahead fast.
_CAP_WORD = re.compile(rf"[A-Z\u00c0-\u00de\u0400-\u042f][^\W\d_{HAN}]*")  # "EUIPO局长": the word is EUIPO
_PREV_WORD = re.compile(r"([A-Z][a-z]+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
_LANGUAGE_USE = re.compile(
    r"(?:\s+(?:and|or)\s+[A-Z]\w+|,\s*[A-Z]\w+)*[\s-]*(?:versions?|languages?|translations?|editions?|speaking|speakers?|texts?|characters|script|subtitles|interpret)\b",
    re.I,
)
# "U.S. dlrs", "Swiss francs": a currency, not the country taking part.
_CURRENCY = re.compile(r"\s+(?:dollars?|dlrs|francs?|pounds?|sterling|marks?|crowns?|kronor|krona|lire|lira|pesos?|cents?|guilders?|currency)\b", re.I)
_SENTENCE_WORDS = frozenset({"The", "In", "On", "At", "And", "But", "For", "From", "With", "By", "To", "Of", "As", "While", "When"})


class Lexicon:
    """Name tables plus one matcher over all of them."""

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        adjectives: Iterable[str] = (),
        ambiguous: Iterable[str] = (),
        abbreviations: Mapping[str, Entry] | None = None,
    ) -> None:
        entries = list(entries)
        #: What :meth:`extended` builds on.
        self._made_of = (entries, tuple(adjectives), tuple(ambiguous), dict(abbreviations or {}))
        self.entries: dict[str, list[Entry]] = {k: [] for k in KINDS}
        self._by_key: dict[str, list[Entry]] = {}
        for entry in entries:
            self.entries.setdefault(entry.kind, []).append(entry)
            if not entry.name:
                continue
            for form in _matched_forms(entry):
                found = self._by_key.setdefault(fold_key(form), [])
                if entry not in found:
                    found.append(entry)
        self._adjectives = frozenset(fold_key(a) for a in adjectives)
        self.ambiguous = tuple(ambiguous)
        self._ambiguous = frozenset(fold_key(a) for a in ambiguous)
        #: Dateline abbreviations of states and provinces ("Calif.", "Ont."): too short to match in
        #: running text ("Mass.", "Ill.", "La."), unmistakable after a dateline city.
        self.abbreviations = {abbreviation_key(k): v for k, v in (abbreviations or {}).items()}
        self._compiled = False

    @classmethod
    def from_package(cls) -> Lexicon:
        entries: list[Entry] = []
        abbreviations: dict[str, Entry] = {}
        place_ambiguous: list[str] = []
        for kind in KINDS:
            if kind == "countries":
                continue
            for row in json.loads((_DATA / f"{kind}.json").read_text(encoding="utf-8")):
                entry = _entry(kind, row)
                entries.append(entry)
                abbreviations.update((a, entry) for a in row.get("abbreviations", []))
                if row.get("ambiguous"):  # "Virginia", "Austin", "Phoenix": names of people and firms too
                    place_ambiguous.append(entry.name)
        countries, adjectives, ambiguous = _countries()
        return cls(
            [*countries, *entries],
            adjectives=adjectives,
            ambiguous=[*ambiguous, *place_ambiguous],
            abbreviations=abbreviations,
        )

    def extended(self, extra: Iterable[Entry]) -> Lexicon:
        """A new lexicon with ``extra`` entries (a user's own names) before this one's: where a
        form is both, the user's entry is the one it names."""
        entries, adjectives, ambiguous, abbreviations = self._made_of
        return Lexicon([*extra, *entries], adjectives=adjectives, ambiguous=ambiguous, abbreviations=abbreviations)

    # ------------------------------------------------------------ lookups

    def lookup(self, value: str, kind: str | None = None) -> list[Entry]:
        """Entries any of whose forms equals ``value`` (ignoring case, accents and spacing)."""
        found = self._by_key.get(fold_key(value), [])
        return [e for e in found if kind is None or e.kind == kind]

    def canonical(self, kind: str, value: str) -> str | None:
        found = self.lookup(value, kind)
        return found[0].name if found else None

    def is_adjective(self, mention: Mention) -> bool:
        return mention.adjective

    def is_adjective_form(self, form: str) -> bool:
        """Whether ``form`` is an adjective of a country ("Chinese", "Sino"), not its name:
        translation puts a country's names into a query, never its adjectives."""
        return fold_key(form) in self._adjectives

    # ------------------------------------------------------------ matching

    def find(self, text: str, kind: str) -> Iterator[Mention]:
        """Mentions of ``kind`` entities (blockers excluded), in text order."""
        for mention in self.scan(text):
            if mention.entry.kind == kind:
                yield mention

    def scan(self, text: str) -> list[Mention]:
        """Every mention of every kind, in text order.

        Within a group of kinds, mentions never overlap: the leftmost, then the longest,
        wins. Blockers win like any other form and are then dropped.
        """
        self._compile()
        found: list[Mention] = []
        if not text.isascii():
            self._scan_han(text, found)
        self._scan_latin(text, found)
        found.sort(key=lambda m: (m.start, m.start - m.end))
        kept: list[Mention] = []
        ends: dict[str, int] = {}
        for m in found:
            group = _GROUP.get(m.entry.kind, m.entry.kind)
            if m.start < ends.get(group, -1):
                continue
            ends[group] = m.end
            if m.entry.name:
                kept.append(m)
        return kept

    def _scan_latin(self, text: str, found: list[Mention]) -> None:
        index = self._latin
        for word in _CAP_WORD.finditer(text):
            w = word.group(0)
            candidates = index.get(w.lower() if w.isascii() else fold_key(w))
            if not candidates:
                continue
            pos = word.start()
            if pos and (text[pos - 1].isalnum() or text[pos - 1] == "_") and not _HAN_CHAR.match(text, pos - 1):
                continue  # inside a word; after a Han character a name starts ("与EUIPO")
            seen_groups: set[str] = set()
            for regex, form, entry in candidates:
                group = _GROUP.get(entry.kind, entry.kind)
                if group in seen_groups:
                    continue
                m = regex.match(text, pos)
                if not m or not _case_ok(m.group(0), form):
                    continue
                key = fold_key(form)
                if key in self._ambiguous and _inside_longer_name(text, pos, m.end()):
                    continue
                adjective = key in self._adjectives
                if adjective and _LANGUAGE_USE.match(text, m.end()):
                    continue
                if entry.kind == "countries" and _CURRENCY.match(text, m.end()):
                    continue
                seen_groups.add(group)
                found.append(Mention(entry, m.group(0), pos, m.end(), adjective))

    def _scan_han(self, text: str, found: list[Mention]) -> None:
        # Candidates keyed by a form's first two characters (one-character forms by the one):
        # common first characters (中, 国) start hundreds of forms, which made every Han
        # character of a long Chinese text try them all (5 s/MB). Each key's list keeps
        # the longest-first order of the full list, one-character forms last, as before.
        # Text and forms are compared folded to Simplified, one character for one (offsets hold):
        # a name given in both scripts is found in either, or in a variant (産 for 產, 臺 for 台).
        # A form given in one script only is matched as written: 我国 is China, 我國 in a
        # Taiwanese text is not.
        where: list[int] | None = None  # offsets in ``text`` of the characters scanned, when not all are
        if _RUBY.search(text):
            where = _unannotated(text)
            text_scanned = "".join(text[i] for i in where)
        else:
            text_scanned = text
        folded = text_scanned.translate(t2s_table())
        pairs, singles, literal = self._han_pairs, self._han_singles, self._han_literal
        for ch in self._han_first.finditer(folded):
            pos = ch.start()
            cands = pairs.get(folded[pos : pos + 2], ()) + singles.get(ch.group(0), ())
            if not cands:
                continue
            seen_groups: set[str] = set()
            for form, entry in cands:
                group = _GROUP.get(entry.kind, entry.kind)
                if group in seen_groups or not folded.startswith(form, pos):
                    continue
                written = literal.get((form, id(entry)))
                if written is not None and not any(text_scanned.startswith(w, pos) for w in written):
                    continue
                seen_groups.add(group)
                start, end = (pos, pos + len(form)) if where is None else (where[pos], where[pos + len(form) - 1] + 1)
                found.append(Mention(entry, text[start:end], start, end))

    def _compile(self) -> None:
        if self._compiled:
            return
        latin: dict[str, list[tuple[_LazyRegex, str, Entry]]] = {}
        han: dict[str, list[tuple[str, Entry]]] = {}
        han_written: dict[tuple[str, int], list[str]] = {}  # (folded form, entry) -> forms as written
        for kind in KINDS:
            for entry in self.entries.get(kind, []):
                for form in _matched_forms(entry):
                    if re.match(rf"[{HAN}]", form):
                        key = form.translate(t2s_table())
                        written = han_written.setdefault((key, id(entry)), [])
                        if not written:  # a Traditional form folds onto its Simplified one
                            han.setdefault(key[0], []).append((key, entry))
                        written.append(form)
                    elif _CAP_WORD.match(form):
                        latin.setdefault(_latin_key(form), []).append((_LazyRegex(form), form, entry))
        for cands in latin.values():
            cands.sort(key=lambda c: -len(c[1]))
        for hcands in han.values():
            hcands.sort(key=lambda c: -len(c[0]))
        self._latin = latin
        self._han = han
        self._han_pairs: dict[str, tuple[tuple[str, Entry], ...]] = {}
        self._han_singles: dict[str, tuple[tuple[str, Entry], ...]] = {}
        for first, hcands in han.items():
            self._han_singles[first] = tuple(c for c in hcands if len(c[0]) == 1)
            for pair in dict.fromkeys(c[0][:2] for c in hcands if len(c[0]) > 1):
                self._han_pairs[pair] = tuple(c for c in hcands if len(c[0]) > 1 and c[0][:2] == pair)
        self._han_first = re.compile("[" + "".join(sorted(han)) + "]") if han else re.compile(r"(?!x)x")
        #: Folded forms written one way only (no second script folds onto them): matched as written.
        self._han_literal = {k: tuple(w) for k, w in han_written.items() if len(w) == 1}
        self._compiled = True


#: Pinyin a page writes inside its words, after the character it reads ("知识产(chǎn)权",
#: "知识产权[ZhiShiChanQuan]"): lower case in parentheses, or CamelCase syllables in brackets.
#: Acronyms in parentheses ("(SIPO)") are capitals and stay. Some pages wrap a line inside the
#: syllable ("产(ch\nǎn)") or print a space after it ("产(chan) 权"): both belong to the annotation.
_RUBY = re.compile(  # opens with its bracket, not a lookbehind: the engine skips ahead to brackets fast
    rf"\((?<=[{HAN}]\()[a-z\u00e0-\u01dc](?:\n?[a-z\u00e0-\u01dc]){{0,5}}\)(?: (?=[{HAN}]))?"
    rf"|\[(?<=[{HAN}]\[)(?:[A-Z][a-z\u00e0-\u01dc]{{0,5}}){{2,}}\]"
)
_HAN_CHAR = re.compile(rf"[{HAN}]")


def without_annotations(text: str, mentions: list[Mention]) -> tuple[str, list[Mention]]:
    """``text`` without the pinyin a page prints inside its Chinese words (:data:`_RUBY`), and
    ``mentions`` (found in ``text``) moved to where they are in it: rules that read characters side
    by side (a place and the head noun after it) need the annotations gone. ``text`` itself (the
    same object) when it holds none."""
    if text.isascii() or not _RUBY.search(text):
        return text, mentions
    cuts = [(m.start(), m.end()) for m in _RUBY.finditer(text)]
    starts = [s for s, _ in cuts]
    removed = [0]
    for s, e in cuts:
        removed.append(removed[-1] + e - s)

    def moved(at: int) -> int:
        i = bisect.bisect_right(starts, at) - 1  # the last cut starting at or before ``at``
        if i < 0:
            return at
        s, e = cuts[i]
        return s - removed[i] if at < e else at - removed[i + 1]

    plain = _RUBY.sub("", text)
    out = []
    for m in mentions:
        start, end = moved(m.start), moved(m.end)
        out.append(dataclasses.replace(m, start=start, end=end, surface=plain[start:end]))
    return plain, out


def _unannotated(text: str) -> list[int]:
    """Offsets of ``text``'s characters outside :data:`_RUBY` annotations: names are read across them."""
    where: list[int] = []
    at = 0
    for m in _RUBY.finditer(text):
        where.extend(range(at, m.start()))
        at = m.end()
    where.extend(range(at, len(text)))
    return where


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when an ambiguous name ("Jordan", "Georgia") is part of a longer proper name."""
    before = _PREV_WORD.search(text, max(0, start - 40), start)
    if before and before.group(1) not in _SENTENCE_WORDS and not _line_is_title_case(text, start):
        return True
    after = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    return bool(after) and not _line_is_title_case(text, start)


#: Longer lines are paragraphs, not headlines (and reading a whole long line for every
#: name in it made a 1 MB one-line file take minutes).
HEADLINE_CHARS = 300


def _line_is_title_case(text: str, pos: int) -> bool:
    """A headline in Title Case: capitals there say nothing about names."""
    line_start = text.rfind("\n", max(0, pos - HEADLINE_CHARS), pos) + 1
    line_end = text.find("\n", pos, pos + HEADLINE_CHARS)
    if line_end < 0:
        line_end = len(text) if len(text) - pos <= HEADLINE_CHARS else -1
    if (line_start == 0 and pos > HEADLINE_CHARS) or line_end < 0 or line_end - line_start > HEADLINE_CHARS:
        return False
    line = text[line_start:line_end]
    words = re.findall(r"[A-Za-z]{3,}", line)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.8


def _forms(row: dict[str, object], *keys: str) -> list[str]:
    out: list[str] = []
    for key in keys:
        value: Any = row.get(key) or []
        for form in [value] if isinstance(value, str) else value:
            form = _LEADING_THE.sub("", str(form).replace("’", "'")).strip()
            if form and form not in out:
                out.append(form)
    return out


#: Taiwan's words for "intellectual property" in an office's name: 智慧財產權 for 知識產權, and
#: 智慧財產局 (or 智慧財產權局) for an office (知識產權局): Taiwanese texts name every office so
#: (韓國智慧財產局, 世界智慧財產權組織). One way only: a bare Taiwanese name (智慧財產局) is Taiwan's
#: office, a bare mainland one (知識產權局) is no office in particular.
_TAIWAN_IP_WORDS = (("知识产权局", "智慧财产局"), ("知識產權局", "智慧財產局"), ("知识产权", "智慧财产权"),
                    ("知識產權", "智慧財產權"), ("智慧财产局", "智慧财产权局"), ("智慧財產局", "智慧財產權局"))


def _taiwan_variants(forms: list[str]) -> list[str]:
    """``forms`` with their Taiwanese wordings (:data:`_TAIWAN_IP_WORDS`)."""
    out = list(forms)
    for form in out:  # grows: a variant's own variant (知識產權局 -> 智慧財產局 -> 智慧財產權局)
        for mainland, taiwan in _TAIWAN_IP_WORDS:
            if mainland in form and taiwan not in form:
                variant = form.replace(mainland, taiwan)
                if variant not in out:
                    out.append(variant)
    return out


def _matched_forms(entry: Entry) -> list[str] | tuple[str, ...]:
    """The forms text is matched and looked up by: an office's also in Taiwan's wording. Only
    matched: the forms an index stores as aliases stay the table's own."""
    return _taiwan_variants(list(entry.forms)) if entry.kind == "offices" else entry.forms


def _entry(kind: str, row: dict[str, object]) -> Entry:
    forms = _forms(row, "name", "aliases", "adjectives", "zh_hans", "zh_hant")
    return Entry(kind, str(row["name"]), tuple(forms), row.get("country") or None, row.get("code") or None)  # type: ignore[arg-type]


def _countries() -> tuple[list[Entry], list[str], list[str]]:
    """Generated ISO/CLDR names merged with the editors' overrides."""
    rows = json.loads((_DATA / "countries.json").read_text(encoding="utf-8"))
    over = json.loads((_DATA / "country_overrides.json").read_text(encoding="utf-8"))
    adjectives: list[str] = []
    entries: list[Entry] = []
    for row in [*rows, *over.get("historical", [])]:
        extra = over["countries"].get(row["code"], {})
        merged = dict(row)
        for key in ("aliases", "adjectives", "zh_hans", "zh_hant"):
            merged[key] = [*row.get(key, []), *extra.get(key, [])]
        if "name" in extra:
            merged["aliases"] = [row["name"], *merged["aliases"]]
            merged["name"] = extra["name"]
        adjectives += merged["adjectives"]
        entries.append(_entry("countries", merged))
    for form in over.get("not_countries", []):
        entries.append(Entry("countries", "", (form,)))
    return entries, adjectives, list(over.get("ambiguous", []))


def may_name(text: str) -> bool:
    """Whether :meth:`Lexicon.scan` could find a name in ``text``: only a capitalised word or
    a Han character can start one. All-lower-case ASCII text (most typed queries) needs no
    tables, whose loading costs a new process about 15 ms."""
    return not text.isascii() or _CAP_WORD.search(text) is not None


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.from_package()


# ---------------------------------------------------------------- the user's own names

#: The kinds a user's lexicon file adds to, and the keys an entry of each may have.
USER_KINDS: dict[str, tuple[str, ...]] = {
    "people": ("name", "aliases"),
    "organizations": ("name", "aliases", "country"),
    "places": ("name", "aliases", "country"),
}


@dataclass(frozen=True)
class UserLexicon:
    """A user's own people, organizations and places (``ipsearch index --lexicon FILE``).

    ``content`` is the file's entries written out again in one canonical form (sorted keys,
    countries by their canonical names): the index folder keeps it, so that a search in
    another process, or a later run without ``--lexicon``, names things the same way, and
    ``digest`` tells a changed lexicon (every document extracted again) from the same one
    (whatever the file's spacing or key order).
    """

    entries: tuple[Entry, ...]
    content: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


def read_user_lexicon(path: str | Path) -> UserLexicon:
    """Read and check a user lexicon file; :class:`LexiconError` names the file and the entry at fault."""
    label = f"lexicon {path}"
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LexiconError(f"{label}: not UTF-8 text; save it as UTF-8 JSON") from None
    except OSError as exc:
        raise LexiconError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{label}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    return parse_user_lexicon(data, label)


def parse_user_lexicon(data: object, label: str = "lexicon") -> UserLexicon:
    """A user lexicon from its parsed JSON: ``{"people": [{"name": ..., "aliases": [...]}],
    "organizations": [{..., "country": ...}], "places": [...]}``, every section optional.

    Aliases may be in any script; an organization's or place's ``country`` must be a country
    the built-in tables know (any of its forms) and is kept by its canonical name, so that
    it counts for the ``countries`` of an article that names the organization or place.
    """
    sections = ", ".join(f'"{k}"' for k in USER_KINDS)
    if not isinstance(data, dict):
        raise LexiconError(f"{label}: must be a JSON object with {sections} lists")
    countries = default_lexicon()
    clean: dict[str, list[dict[str, Any]]] = {}
    entries: list[Entry] = []
    for kind, rows in data.items():
        if kind not in USER_KINDS:
            raise LexiconError(f"{label}: unknown section {json.dumps(kind, ensure_ascii=False)}; use {sections}")
        if not isinstance(rows, list):
            raise LexiconError(f'{label}: "{kind}" must be a list of entries')
        keys = USER_KINDS[kind]
        seen: dict[str, int] = {}
        for i, row in enumerate(rows):
            where = f"{label}: {kind}[{i}]"
            if not isinstance(row, dict):
                raise LexiconError(f'{where}: must be an object with a "name"')
            unknown = [k for k in row if k not in keys]
            if unknown:
                raise LexiconError(f'{where}: unknown key "{unknown[0]}"; use {", ".join(keys)}')
            name = _user_name(row.get("name"), f'{where}: "name"')
            aliases = row.get("aliases", [])
            if not isinstance(aliases, list):
                raise LexiconError(f'{where}: "aliases" must be a list of names')
            forms = [_user_name(a, f'{where}: "aliases"[{j}]') for j, a in enumerate(aliases)]
            out: dict[str, Any] = {"name": name, "aliases": list(dict.fromkeys(f for f in forms if f != name))}
            if row.get("country") is not None:
                given = row["country"]
                country = countries.canonical("countries", given) if isinstance(given, str) else None
                if country is None:
                    shown = json.dumps(given, ensure_ascii=False)
                    raise LexiconError(f'{where}: "country" must be a known country name ({shown})')
                out["country"] = country
            if fold_key(name) in seen:
                raise LexiconError(f"{where}: {json.dumps(name, ensure_ascii=False)} is already {kind}[{seen[fold_key(name)]}]")
            seen[fold_key(name)] = i
            clean.setdefault(kind, []).append(out)
            entries.append(_entry(kind, out))
    content = json.dumps({k: clean[k] for k in USER_KINDS if k in clean}, ensure_ascii=False, sort_keys=True, indent=1)
    return UserLexicon(tuple(entries), content)


def _user_name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where} must be a non-empty string")
    return " ".join(value.split())


#: Lexicons with a user's names, by the user lexicon's digest: each builds its matcher once.
_EXTENDED: dict[str, Lexicon] = {}


def lexicon_with(user: UserLexicon | None) -> Lexicon:
    """The built-in lexicon with ``user``'s names added (the built-in one itself when None or empty)."""
    if user is None or not user.entries:
        return default_lexicon()
    found = _EXTENDED.get(user.digest)
    if found is None:
        if len(_EXTENDED) >= 4:  # a long-lived process that saw many lexicons keeps the last few
            _EXTENDED.pop(next(iter(_EXTENDED)))
        found = _EXTENDED[user.digest] = default_lexicon().extended(user.entries)
    return found


#: The lexicon of the index a search is running on (set by its handle), read where a query's
#: names are looked up: filters, ``field:value``, entity phrases, name highlighting.
_ACTIVE: ContextVar[Lexicon | None] = ContextVar("ipsearch_active_lexicon", default=None)


def active_lexicon() -> Lexicon:
    """The lexicon of the index being searched (with its user's names), else the built-in one."""
    return _ACTIVE.get() or default_lexicon()


def activate(lexicon: Lexicon | None) -> None:
    """Make ``lexicon`` the :func:`active_lexicon` until the enclosing :func:`searching_with` ends."""
    _ACTIVE.set(lexicon)


@contextlib.contextmanager
def searching_with(lexicon: Lexicon | None) -> Iterator[None]:
    """Make ``lexicon`` the :func:`active_lexicon` for the block (this thread or task only)."""
    token = _ACTIVE.set(lexicon)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
