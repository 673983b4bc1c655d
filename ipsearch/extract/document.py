"""The :class:`Document` extraction produces, and the lines of it a snippet may quote.

Light on purpose (no rules): the search path imports :func:`snippet_lines` from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """Everything the index stores about one file."""

    id: str
    path: str
    title: str
    body: str
    date: str | None = None
    year: int | None = None
    source: str | None = None
    translated_from: str | None = None
    language: str = "en"
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=(), repr=False)
    #: Indexes of the :func:`snippet_lines` that are page furniture or bare dates: decided here, at
    #: extraction, and stored, so that a search quotes snippets without loading any rule.
    chrome: tuple[int, ...] = field(default=(), repr=False)
    encoding: str = "utf-8"
    content_hash: str = ""
    stamp: str = ""


def snippet_lines(body: str, title: str) -> list[str]:
    """The lines a snippet may quote: the body after its headline."""
    if title and title in body[: len(title) + 400]:
        body = body[body.index(title) + len(title):]
    return body.splitlines()
