"""Finding a person by a spelling the article never used: pinyin, either name order, the surname alone.

An article written in Chinese names 李明华; an analyst types ``Li Minghua``, ``minghua li`` or just
``Li``. At index time every person gets keys in the ``people_keys`` field (:func:`person_keys`):

- ``<full key>=<person>``: the name's words folded and sorted, so word order and case do not
  matter (``li minghua=李明华``, ``grigory zubov=grigory zubov``); a Chinese name in Han characters
  gets the key of its pinyin;
- ``~<surname>=<person>``: the family name alone (``~zubov=grigory zubov``, ``~li=李明华``).

At search time a ``people`` filter value the index does not hold as a name is looked up among
these keys (:func:`resolve_person`): one person found is that person; several with that surname is
a :class:`~ipsearch.errors.QueryError` that lists them (a filter that silently matched all the Lis
would answer a different question than the one asked). pypinyin is imported only at index time
(:func:`han_pinyin`): the search path reads keys, it never computes pinyin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .errors import QueryError
from .han import HAN

#: The field that holds the keys (declared in :mod:`ipsearch.fields`).
KEYS_FIELD = "people_keys"

# Surnames whose reading differs from the character's everyday one (单 dan -> Shan, 曾 ceng -> Zeng);
# pypinyin reads a lone character by its commonest sound.
SURNAME_READINGS = {
    "单": "shan", "單": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "區": "ou", "查": "zha",
    "盖": "ge", "蓋": "ge", "缪": "miao", "繆": "miao", "乐": "yue", "樂": "yue", "覃": "qin", "种": "chong",
    "種": "chong", "员": "yun", "員": "yun", "秘": "bi", "召": "shao", "宓": "fu", "繁": "po", "句": "gou",
    "折": "she", "隗": "wei", "翟": "zhai", "柏": "bai", "都": "du", "薄": "bo", "卜": "bu", "朴": "piao",
    "重": "chong", "沈": "shen", "冼": "xian", "洗": "xian", "谌": "chen", "諶": "chen", "莘": "shen",
    "长孙": "zhangsun", "長孫": "zhangsun", "尉迟": "yuchi", "尉遲": "yuchi", "万俟": "moqi", "令狐": "linghu",
}
#: Family names written first in English ("Kim Ho-won", "Shen Changyu", "Tan Yih San"): the common
#: pinyin surnames, and Korean, Cantonese, Hokkien and Malaysian romanisations. Written out rather
#: than read with pypinyin, so that an English-only corpus never loads it.
SURNAME_FIRST = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
    song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lyu lu ding
    ren shen yao jin cui zhong tan wan fan shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan
    duan lei hou long tao hei gu mao hao gong shao qian qi zhan kong xiang shang gan chai nie chu yi qiao
    guan teng wen you hong xing mei sheng bi miao ke weng tu ji lian ni wen ruan shan xi niu ge zuo kang
    yue mu shu miu zhuo pu ning xian
    kim lee park choi jung jeong kang cho jo yoon yun jang lim han oh seo shin kwon hwang ahn song yoo
    hong jeon ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ryu na jin ji um cheon
    chan chang cheung chow chu fong ho hui kwok lai lam lau leung li liu lo lui mak ng poon tam tang tsang
    tse wong wu yau yeung yip tan teo goh ong koh lim chua ang""".split()
)
_HAN_NAME = re.compile(f"[{HAN}]{{2,4}}")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _words(name: str) -> list[str]:
    """A name's words, folded, with hyphens, dots and apostrophes inside a word dropped (Ho-won = howon)."""
    return [w for w in (re.sub(r"[-‐.'’·]", "", w) for w in _fold(name).replace("·", " ").split()) if w]


def name_key(name: str) -> str:
    """The key of a full name: its folded words, sorted (``Minghua Li`` = ``li minghua``)."""
    return " ".join(sorted(_words(name)))


def _split_han(name: str) -> tuple[str, str] | None:
    """(surname, given name) of a Chinese name written in Han characters, or None."""
    from .extract.people_zh import SURNAMES, TWO_CHAR_SURNAMES, WEAK_SURNAMES

    if not _HAN_NAME.fullmatch(name):
        return None
    if name[:2] in TWO_CHAR_SURNAMES and len(name) >= 3:
        return name[:2], name[2:]
    if name[0] in SURNAMES or name[0] in WEAK_SURNAMES:
        return name[:1], name[1:]
    return None


@lru_cache(maxsize=4096)
def han_pinyin(name: str) -> tuple[str, str] | None:
    """("Li", "Minghua") for 李明华: surname and given name in pinyin without tones, or None
    when ``name`` is not a Chinese name in Han characters. Index time only (imports pypinyin)."""
    parts = _split_han(name)
    if parts is None:
        return None
    from pypinyin import lazy_pinyin  # ~1 s to import: the write path pays it, a search never does

    surname, given = parts
    family = SURNAME_READINGS.get(surname) or "".join(lazy_pinyin(surname))
    return family.capitalize(), "".join(lazy_pinyin(given)).capitalize()


def pinyin_aliases(names: Iterable[str]) -> list[str]:
    """Both orders of every Chinese name's pinyin ("Li Minghua", "Minghua Li"), for full-text search."""
    out: list[str] = []
    for name in names:
        py = han_pinyin(name)
        if py:
            out += [f"{py[0]} {py[1]}", f"{py[1]} {py[0]}"]
    return out


def surnames(name: str) -> set[str]:
    """The folded family names ``name`` may have: a Han name's surname (and its pinyin); a Latin
    name's first word when that is a surname written first (Shen Changyu, Kim Ho-won), else its
    last word (Grigory Zubov, Daren Tang)."""
    py = han_pinyin(name)
    if py:
        parts = _split_han(name)
        return {py[0].lower(), parts[0]} if parts else {py[0].lower()}
    words = _words(name)
    if len(words) < 2:
        return set(words)
    if words[0] in SURNAME_FIRST:  # "Shen Changyu", "Kim Ho-won": not "Changyu"
        return {words[0], words[-1]} if words[-1] in SURNAME_FIRST else {words[0]}
    return {words[-1]}


def person_keys(people: Iterable[str]) -> list[str]:
    """The ``people_keys`` values of an article that names ``people`` (see the module's doc)."""
    from .analysis import facet_key

    keys: dict[str, None] = {}
    for person in people:
        term = facet_key(person)
        py = han_pinyin(person)
        for full in (person, f"{py[0]} {py[1]}" if py else ""):
            if full:
                keys[f"{name_key(full)}={term}"] = None
        for surname in sorted(surnames(person)):  # a set: its order would follow the hash seed
            keys[f"~{surname}={term}"] = None
    return list(keys)


def _people_with(reader: Any, prefix: str) -> list[str]:
    found = []
    for raw in reader.expand_prefix(KEYS_FIELD, prefix):
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        found.append(text[len(prefix):])
    return sorted(set(found))


def resolve_person(searcher: Any, value: str) -> str:
    """The indexed person a ``people`` filter value means: ``value`` itself when the index holds
    that name; else the one person whose name, in any order or in pinyin, is ``value``; else the
    one person whose surname ``value`` is. Several with that surname raise :class:`QueryError`
    naming them; no match leaves ``value`` as it is (the filter then matches nothing, as before).
    """
    from .analysis import facet_key

    reader = searcher.reader()
    if KEYS_FIELD not in searcher.schema or ("people", facet_key(value)) in reader:
        return value
    key = name_key(value)
    if not key:
        return value
    for prefix in (f"{key}=", f"~{key}=" if " " not in key else None):
        if prefix is None:
            continue
        found = _people_with(reader, prefix)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            what = "the name" if prefix[0] != "~" else "the surname"
            names = [f.title() if f.isascii() else f for f in found]
            shown = ", ".join(names[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
            raise QueryError(f"people={value!r}: {len(found)} people in the index have {what} {value!r} "
                             f"({shown}); give the full name")
    return value
