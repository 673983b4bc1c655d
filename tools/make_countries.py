"""Regenerate ``ipsearch/data/countries.json`` from CLDR (Babel) and ISO 3166-1 (pycountry).

Why generated and committed rather than imported at run time: the two libraries hold the
facts (names in English, Simplified and Traditional Chinese, official names) but weigh
33 MB and 23 MB installed; importing them and loading three locales costs ~25-35 ms, which
the search path would pay for every ``--filter countries=...``. The generated table is
about 60 KB of JSON that loads in a few milliseconds and needs no dependency. Editors'
choices (short names, adjectives, historical names, ambiguity) live apart in
``country_overrides.json``, which the lexicon merges at load time, so regenerating this
file never loses curated work.

Run: ``pip install babel pycountry && python tools/make_countries.py``
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pycountry
from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "ipsearch" / "data" / "countries.json"


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


def main() -> None:
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
    OUT.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} countries to {OUT}")


if __name__ == "__main__":
    main()
