"""The bilingual name tables: every office, country, person, organization and place we
know, with its canonical English name and its English, Simplified and Traditional forms.

Facets show canonical names; any form finds the entity. Data lives in ``ipsearch/data``
as JSON so that editors can extend it without touching code.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = ("countries", "offices", "organizations", "people", "places")


@dataclass(frozen=True)
class Entry:
    """One entity: ``kind`` is a file name in ``data/``; ``forms`` includes ``name``."""

    kind: str
    name: str
    forms: tuple[str, ...]
    country: str | None = None


@dataclass(frozen=True)
class Mention:
    entry: Entry
    surface: str
    start: int
    end: int


def fold_key(value: str) -> str:
    """The case- and spacing-insensitive key under which a name is looked up."""
    return " ".join(value.casefold().replace("’", "'").split())


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) <= 6 and all(c.isupper() for c in letters)


class Lexicon:
    """Name tables plus one compiled matcher per kind."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, list[Entry]] = {k: [] for k in KINDS}
        self._by_key: dict[str, list[Entry]] = {}
        for entry in entries:
            self.entries.setdefault(entry.kind, []).append(entry)
            for form in entry.forms:
                self._by_key.setdefault(fold_key(form), []).append(entry)
        self._matchers: dict[str, tuple[re.Pattern[str], dict[str, Entry]]] = {}

    @classmethod
    def from_package(cls) -> Lexicon:
        entries: list[Entry] = []
        root = Path(__file__).parent / "data"
        for kind in KINDS:
            rows = json.loads((root / f"{kind}.json").read_text(encoding="utf-8"))
            for row in rows:
                forms = [row["name"], *row.get("aliases", ()), *row.get("zh_hans", ()), *row.get("zh_hant", ())]
                entries.append(Entry(kind, row["name"], tuple(dict.fromkeys(forms)), row.get("country")))
        return cls(entries)

    def lookup(self, value: str, kind: str | None = None) -> list[Entry]:
        """Entries any of whose forms equals ``value`` (ignoring case and spacing)."""
        found = self._by_key.get(fold_key(value), [])
        return [e for e in found if kind is None or e.kind == kind]

    def canonical(self, kind: str, value: str) -> str | None:
        found = self.lookup(value, kind)
        return found[0].name if found else None

    def find(self, text: str, kind: str) -> Iterator[Mention]:
        """Non-overlapping mentions of ``kind`` entities, longest form first at each position."""
        pattern, table = self._matcher(kind)
        for m in pattern.finditer(text):
            surface = m.group(0)
            entry = table.get(surface) or table.get(fold_key(surface))
            if entry is not None:
                yield Mention(entry, surface, m.start(), m.end())

    def _matcher(self, kind: str) -> tuple[re.Pattern[str], dict[str, Entry]]:
        if kind not in self._matchers:
            table: dict[str, Entry] = {}
            exact: list[str] = []
            folded: list[str] = []
            for entry in self.entries.get(kind, []):
                for form in entry.forms:
                    if _is_acronym(form) or not form.isascii():
                        table.setdefault(form, entry)
                        exact.append(form)
                    else:
                        table.setdefault(fold_key(form), entry)
                        folded.append(form)
            parts = [_alternation(exact, ignore_case=False), _alternation(folded, ignore_case=True)]
            regex = "|".join(p for p in parts if p) or r"(?!x)x"
            self._matchers[kind] = (re.compile(regex), table)
        return self._matchers[kind]


def _alternation(forms: list[str], *, ignore_case: bool) -> str:
    if not forms:
        return ""
    alts = []
    for form in sorted(set(forms), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in form.split())
        body = body.replace("'", "['’]")
        if form.isascii():
            body = rf"(?<![\w]){body}(?![\w])"
        alts.append(body)
    inner = "|".join(alts)
    return f"(?i:{inner})" if ignore_case else f"(?:{inner})"


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.from_package()
