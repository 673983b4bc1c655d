"""Regex helpers every field family shares: anchored search, literal-word tries, the Han test.

Python's ``re`` tries a pattern that opens with a run of capitalised words (or a lookbehind) at
every position; these helpers keep such patterns fast on megabyte files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..han import HAN


def anchored_finditer(
    pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, reach: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match holds an ``anchor`` match that starts
    at most ``reach`` characters after the match (with ``reach=0``: every match starts where an
    anchor match starts): the pattern is tried only near anchors.

    Patterns that start with a run of capitalised words, or with a lookbehind, are tried at every
    position by the regex engine; their anchors (a head noun, a title, a month name) are rare, and
    a pattern that starts with a literal or a character class is found at C speed.
    """
    end = 0
    for a in anchor.finditer(text):
        at = a.start()
        if at < end:
            continue
        if reach == 0:  # every match starts at an anchor
            m = pattern.match(text, at)
            if m is None:
                continue
            yield m
            end = max(m.end(), m.start() + 1)
            continue
        start = max(end, at - reach)
        if start > end:
            space = text.rfind(" ", end, start)  # not from inside a word
            start = space if space >= 0 else end
        m = pattern.search(text, start)
        if m is None:
            return
        yield m
        end = max(m.end(), m.start() + 1)


def alternation(words: list[str]) -> re.Pattern[str]:
    """Literal words as one regex shaped like a trie ("me(?:et(?:ing|s)?|morand|t)"), longest first:
    the engine tries one branch per character instead of every word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie))


#: One Han character: a text without one skips every Chinese rule (the range is :data:`ipsearch.han.HAN`).
HAN_CHAR = re.compile(rf"[{HAN}]")
#: A label's colon, ASCII or full-width: where "Source:" and "Updated:" lines can be.
COLON = re.compile("[:：]")


def unique(values: list[str]) -> tuple[str, ...]:
    """``values`` without empties and repeats, in first-seen order (a facet lists each value once)."""
    return tuple(dict.fromkeys(v for v in values if v))
