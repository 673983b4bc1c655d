"""Regions a query may name (data/country_overrides.json "regions"): a search for one is also a
search for its member countries. Kept out of ``extract/`` so a search process never loads the
extraction rules."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _regions() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    data = json.loads((Path(__file__).parent / "data" / "country_overrides.json").read_text(encoding="utf-8"))
    regions = []
    for name, region in data.get("regions", {}).items():
        if name.startswith("_"):
            continue
        forms = sorted(region["forms"], key=len, reverse=True)
        latin = "|".join(re.escape(f) for f in forms if f.isascii())  # whole words: not "North-Central Asia"
        han = "|".join(re.escape(f) for f in forms if not f.isascii())  # Chinese has no spaces: anywhere
        pattern = re.compile("|".join(p for p in (latin and rf"(?<![\w-])(?:{latin})(?![\w-])", han) if p), re.I)
        regions.append((pattern, tuple(region["members"])))
    return regions


def region_members(text: str) -> list[tuple[str, ...]]:
    """The member countries of each region ``text`` names ("中亚", "Central Asia"), from
    ``data/country_overrides.json``: a search for a region is also one for its countries."""
    return [members for pattern, members in _regions() if pattern.search(text)]
