"""One :class:`Extractor` per lexicon: it turns decoded text into a :class:`Document`, and answers
for each field family alone (``Extractor.field("people", text)``) so that each can be tested and
scored on its own.

Rules, not models: news pages from IP offices follow a few layouts, and rules over those layouts
are predictable, fast and explainable. Entity names come from the lexicon so that facets show one
canonical name per entity whatever script the article used. The rules live with their family
(:mod:`.layout`, :mod:`.dates`, :mod:`.source`, :mod:`.language`, :mod:`.people`,
:mod:`.organizations`, :mod:`.countries`, :mod:`.events`); this module only says what each reads.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, Generic, TypeVar

from ..corpus import SourceText
from ..lexicon import Lexicon, Mention, default_lexicon
from . import countries, dates, events, language, layout, organizations, people, source
from .document import Document
from .matching import unique

#: The fields :meth:`Extractor.field` answers: every :class:`Document` field that a rule fills.
FIELDS = (
    "title", "date", "year", "source", "translated_from", "language", "people", "organizations",
    "countries", "places", "event_types", "aliases", "chrome",
)


class Extractor:
    """Extraction with one lexicon, and the state built from it once (the words no name holds).

    Hold one while extracting many files: the state lives as long as the extractor, so it can
    never be handed to another lexicon.
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    @cached_property
    def not_name(self) -> frozenset[str]:
        """:func:`.people.not_name_words` of this lexicon, built on the first article with people."""
        return people.not_name_words(self.lexicon)

    def extract(self, source: SourceText) -> Document:
        """Turn a decoded file into a :class:`Document`."""
        r = _Reading(self, source.text)
        date = r.date
        return Document(
            id=source.doc_id,
            path=str(source.path),
            title=r.title,
            body=r.body,
            date=date.iso if date else None,
            year=date.year if date else None,
            source=r.source[0],
            translated_from=r.source[1],
            language=r.language,
            people=r.people,
            organizations=r.organizations,
            countries=r.countries,
            places=r.places,
            event_types=r.event_types,
            aliases=r.aliases,
            chrome=r.chrome,
            encoding=source.encoding,
            content_hash=source.content_hash,
            stamp=source.stamp,
        )

    __call__ = extract

    def field(self, name: str, text: str) -> object:
        """What :meth:`extract` would give as :class:`Document` field ``name`` for ``text``,
        running only the rules that field needs (one of :data:`FIELDS`)."""
        if name not in FIELDS:
            raise ValueError(f"no extracted field {name!r}; choose from {', '.join(FIELDS)}")
        r = _Reading(self, text)
        if name in ("date", "year"):
            found = r.date
            return None if found is None else found.iso if name == "date" else found.year
        if name in ("source", "translated_from"):
            return r.source[0 if name == "source" else 1]
        return getattr(r, name)


_T = TypeVar("_T")


class _once(Generic[_T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first read:
    about 3 µs, twenty times per article): the value, once computed, shadows the descriptor."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, reading: Any, owner: type | None = None) -> _T:
        value = self.compute(reading)
        reading.__dict__[self.name] = value
        return value


class _Reading:
    """One text as the families read it: each part is found once, when a field first needs it."""

    def __init__(self, extractor: Extractor, text: str) -> None:
        self.lexicon = extractor.lexicon
        self.extractor = extractor
        self.text = text

    # ---- layout
    @_once
    def title(self) -> str:
        return layout.extract_title(self.text.splitlines()[:60], self.lexicon)

    @_once
    def body(self) -> str:
        return self.text.strip()

    @_once
    def lead_spans(self) -> list[tuple[int, int]]:
        return layout.lead_spans(self.text, self.title)

    @_once
    def lead(self) -> str:
        return layout.lead_text(self.text, self.title, self.lead_spans)

    @_once
    def chrome(self) -> tuple[int, ...]:
        return layout.chrome_lines(self.body, self.title)

    # ---- dates, source, language
    @_once
    def date(self) -> dates.DateMatch | None:
        return dates.extract_date(self.text, self.title, self.lead)

    @_once
    def source(self) -> tuple[str | None, str | None]:
        found, translated = source.extract_source(self.text)
        return source.resolve_source(found, self.lexicon), translated

    @_once
    def language(self) -> str:
        return language.detect_language(self.text)

    # ---- names
    @_once
    def content(self) -> str:
        """The text with its "Source:" lines blanked (same length): names there are the publisher's."""
        return source.without_footers(self.text)

    @_once
    def mentions(self) -> list[Mention]:
        return organizations.foreign_prefix(self.lexicon.scan(self.content))

    @_once
    def people(self) -> tuple[str, ...]:
        return tuple(people.extract_people(self.content, self.lexicon, self.mentions, self.extractor.not_name))

    @_once
    def organizations(self) -> tuple[str, ...]:
        return unique(organizations.extract_organizations(self.content, self.lexicon, self.mentions))

    @_once
    def countries(self) -> tuple[str, ...]:
        found = layout.find_layout(self.content, self.title, self.lexicon, self.lead_spans)
        return unique(countries.extract_countries(self.mentions, self.content, found))

    @_once
    def places(self) -> tuple[str, ...]:
        return unique([m.entry.name for m in self.mentions if m.entry.kind == "places"])

    @_once
    def aliases(self) -> tuple[str, ...]:
        """Every form of every name found, so a search in any script or spelling finds the article."""
        found: set[str] = set()
        for mention in self.mentions:
            found.update(mention.entry.forms)
        for name in self.people:
            for entry in self.lexicon.lookup(name, "people"):
                found.update(entry.forms)
        return tuple(sorted(found))

    # ---- events
    @_once
    def event_types(self) -> tuple[str, ...]:
        end = self.lead_spans[-1][1] if self.lead_spans else 0
        after = self.text[end : end + events.AFTER_LEAD_CHARS]
        return events.extract_event_types(self.title, self.lead, self.body, after)


_last: Extractor | None = None


def extract(source: SourceText, lexicon: Lexicon | None = None) -> Document:
    """Turn a decoded file into a :class:`Document` with ``lexicon`` (the default one when None).

    Reuses the last :class:`Extractor` while it holds this very lexicon (``is``: it keeps that
    lexicon alive, so no other can take its place); callers with many lexicons should hold their
    own extractors.
    """
    global _last
    lexicon = lexicon or default_lexicon()
    if _last is None or _last.lexicon is not lexicon:
        _last = Extractor(lexicon)
    return _last.extract(source)
