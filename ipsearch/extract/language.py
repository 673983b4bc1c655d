"""Language: ``en``, ``zh`` or ``mixed``, from how much of the text each script carries."""

from __future__ import annotations

import re

from .matching import HAN_CHAR


_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


def detect_language(text: str) -> str:
    """``en``, ``zh``, or ``mixed`` when both scripts carry real text."""
    han = 0 if text.isascii() else len(HAN_CHAR.findall(text))
    if han == 0:
        return "en"
    latin_words = len(_LATIN_WORD.findall(text))
    # A Han character carries about as much as an English word's letters / 2.
    han_share = han / (han + latin_words * 2.5)
    if han_share > 0.8:
        return "zh"
    if han_share < 0.1:
        return "en"
    return "mixed"

