"""Decoded text -> a :class:`Document` with the fields analysts facet and filter on.

One module per field family (:mod:`.layout`, :mod:`.dates`, :mod:`.source`, :mod:`.language`,
:mod:`.people`, :mod:`.organizations`, :mod:`.countries`, :mod:`.events`), behind one
:class:`Extractor` per lexicon (:mod:`.extractor`).

The rules load on first use of :class:`Extractor` or :func:`extract`, not on import of this
package: the search path imports :class:`Document` and :func:`snippet_lines` from here, and a
search must not pay for compiling the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document import Document, snippet_lines

if TYPE_CHECKING:
    from .dates import DateMatch
    from .extractor import FIELDS, Extractor, extract

_LAZY = {"Extractor": "extractor", "extract": "extractor", "FIELDS": "extractor", "DateMatch": "dates"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)


__all__ = ["FIELDS", "DateMatch", "Document", "Extractor", "extract", "snippet_lines"]
