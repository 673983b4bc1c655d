"""Han-script helpers shared by decoding (corpus.py) and analysis (analysis.py); no Whoosh here.

The Traditional -> Simplified table is ``data/t2s.txt``: 4,117 character pairs generated
once from OpenCC's character tables (Apache-2.0) by ``tools/make_data.py``.
A shipped table beats a converter package here: no dependency, ~2 ms to load, and one
character for one keeps token offsets valid (bench/chinese.py t2s has the comparison).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

#: Han ideographs: 〇, Extension A, the URO, compatibility ideographs, Extensions B-H.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


#: A pinyin reading in brackets glued to the character it reads: 知識產(chǎn)權. Pages run
#: through reading-aid converters (common on mirror and aggregator sites) carry one after
#: many characters, which splits every word and name they touch. A tone mark is required,
#: so an English gloss or acronym in brackets (中国(China), 局(ip)) is never taken.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLUED_PINYIN = re.compile(
    rf"(?<=[{HAN}])[(（](?=[a-z{_TONED}ü]*[{_TONED}])[a-z{_TONED}ü]{{1,6}}[)）]")


#: The same without tone marks, often with a space after (知識產(chan) 權, a news mirror's
#: style): a pinyin syllable between a character and the next, taken only on a page that
#: has several, so that a lone 局(ip) or 会(hui) in an ordinary text stays.
_TONELESS_PINYIN = re.compile(
    rf"(?<=[{HAN}])[(（](?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:[aeiouv]|ü){{1,3}}(?:ng|n|r)?[)）] ?(?=[{HAN}])")
#: How many toneless readings make a converter's page.
_TONELESS_MIN = 3


def strip_glued_pinyin(text: str) -> str:
    """Drop pinyin readings glued after Han characters (知識產(chǎn)權 -> 知識產權)."""
    if "(" not in text and "（" not in text:
        return text
    text = _GLUED_PINYIN.sub("", text)
    toneless = _TONELESS_PINYIN.findall(text, 0, 20_000)
    return _TONELESS_PINYIN.sub("", text) if len(toneless) >= _TONELESS_MIN else text


def fold_han(text: str) -> str:
    """Traditional -> Simplified, one character for one (so offsets hold): 韓國 == 韩国.

    Character level is enough for search because index and query fold alike; NFKC first
    maps compatibility ideographs (U+F900...) to their unified forms.
    """
    return unicodedata.normalize("NFKC", text).translate(t2s_table())


@functools.lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """``str.translate`` table of data/t2s.txt (lines of two characters: Traditional, Simplified)."""
    path = Path(__file__).parent / "data" / "t2s.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if len(line) == 2:
            table[ord(line[0])] = line[1]
    return table


@functools.lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level 1 (the 3,755 most used Simplified characters) and their Traditional forms.

    Real Chinese text is about 95-99% these characters; Big5 bytes read as GB18030, or
    the reverse, land on them far less often, which is how decoding tells the two apart.
    """
    level1 = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                level1.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    traditional = {c for c in map(chr, range(0x4E00, 0xA000)) if fold_han(c) in level1}
    return frozenset(level1 | traditional)
