"""How good and how fast is metadata extraction?

Prints per-field precision, recall and F1

(a) against the gold PLACES / PEOPLE / ORGS tags of Reuters-21578 in ``../shared/data``
    (place codes mapped to our canonical country names; codes that name no country, or
    no country we hold, are reported as not comparable), and
(b) against the hand-labelled set in ``tests/fixtures/labelled`` (plus exact-match
    rates for title, date and source),

and the time ``extract()`` takes over all Reuters articles next to the time of indexing
them (``--index`` builds a real index of the articles written out as files).

``--field NAME`` scores one field alone, through its family's own entry point
(``Extractor.field``), and times that family's rules instead of the whole of ``extract()``.

Run: ``python bench/extraction.py [--index] [--limit N] [--field NAME]``
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "data" / "reuters21578"
LABELLED = ROOT / "tests" / "fixtures" / "labelled"

sys.path.insert(0, str(ROOT))

from ipsearch.corpus import SourceText  # noqa: E402
from ipsearch.lexicon import Lexicon, default_lexicon  # noqa: E402
from ipsearch.extract import FIELDS, Extractor, extract  # noqa: E402

SET_FIELDS = ("countries", "organizations", "people", "places", "event_types")
EXACT_FIELDS = ("title", "date", "source", "translated_from")


# ---------------------------------------------------------------- scoring


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable[str], gold: Iterable[str]) -> None:
        p, g = set(predicted), set(gold)
        self.tp += len(p & g)
        self.fp += len(p - g)
        self.fn += len(g - p)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        return f"  {name:<15} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"


# ---------------------------------------------------------------- labelled set


@dataclass(frozen=True)
class Labelled:
    name: str
    text: str
    gold: dict[str, object]


def load_labelled(folder: Path = LABELLED) -> list[Labelled]:
    """Each ``X.json`` labels ``X.txt`` beside it, or the file its ``text_path`` names (repo-relative)."""
    items = []
    for label in sorted(folder.glob("*.json")):
        gold = json.loads(label.read_text(encoding="utf-8"))
        path = ROOT / gold["text_path"] if "text_path" in gold else label.with_suffix(".txt")
        items.append(Labelled(label.stem, path.read_text(encoding="utf-8"), gold))
    return items


def _source_text(name: str, text: str) -> SourceText:
    return SourceText(name, Path(name), text, "utf-8", "", len(text), "")


@dataclass
class LabelledReport:
    fields: dict[str, PRF]
    exact: dict[str, tuple[int, int]]
    misses: list[str]


def evaluate_labelled(items: list[Labelled], lexicon: Lexicon | None = None, field: str | None = None) -> LabelledReport:
    """Every field of ``extract()``, or only ``field`` from its family alone (``Extractor.field``)."""
    extractor = Extractor(lexicon or default_lexicon())
    fields = {f: PRF() for f in SET_FIELDS if field in (None, f)}
    exact = {f: (0, 0) for f in EXACT_FIELDS if field in (None, f)}
    misses: list[str] = []
    for item in items:
        doc: Any
        if field is None:
            doc = extractor.extract(_source_text(item.name, item.text))
        else:
            doc = _OneField(field, extractor.field(field, item.text))
        for f in fields:
            got, want = set(getattr(doc, f)), set(item.gold.get(f, []))  # type: ignore[call-overload]
            fields[f].add(got, want)
            if got != want:
                misses.append(f"{item.name} {f}: extra {sorted(got - want)} missing {sorted(want - got)}")
        for f in exact:
            if f not in item.gold:
                continue
            ok, n = exact[f]
            hit = getattr(doc, f) == item.gold[f]
            exact[f] = (ok + hit, n + 1)
            if not hit:
                misses.append(f"{item.name} {f}: got {getattr(doc, f)!r} want {item.gold[f]!r}")
    return LabelledReport(fields, exact, misses)


class _OneField:
    """Stands in for a Document when one field was extracted alone."""

    def __init__(self, name: str, value: object) -> None:
        setattr(self, name, value)


# ---------------------------------------------------------------- Reuters

#: The fields Reuters-21578 has gold tags for (PLACES, PEOPLE, ORGS).
REUTERS_FIELDS = ("countries", "people", "organizations")

_RECORD = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_TAG = {t: re.compile(rf"<{t}>(.*?)</{t}>", re.S) for t in ("PLACES", "PEOPLE", "ORGS", "TITLE", "DATELINE", "BODY")}
_D = re.compile(r"<D>(.*?)</D>")

#: Reuters place codes whose names differ from ours (the rest map through the lexicon).
PLACE_CODES = {
    "usa": "United States", "uk": "United Kingdom", "ussr": "Soviet Union", "west-germany": "Germany",
    "east-germany": "East Germany", "uae": "United Arab Emirates", "ivory-coast": "Côte d'Ivoire",
    "kampuchea": "Cambodia", "burma": "Myanmar", "zaire": "DR Congo", "congo": "Republic of the Congo",
    "trinidad-tobago": "Trinidad & Tobago", "yemen-arab-republic": "Yemen", "yemen-demo-republic": "Yemen",
    "western-samoa": "Samoa", "vatican": "Vatican City", "macao": "Macao", "hong-kong": "Hong Kong",
    "antigua": "Antigua & Barbuda", "guinea-bissau": "Guinea-Bissau", "us-virgin-islands": "U.S. Virgin Islands",
}
#: Reuters org codes for the organizations our lexicon holds.
ORG_CODES = {
    "European Community": "ec", "European Union": "ec", "International Monetary Fund": "imf", "OPEC": "opec",
    "World Bank": "worldbank", "GATT": "gatt", "International Coffee Organization": "ico-coffee", "OECD": "oecd",
    "International Cocoa Organization": "icco", "Asian Development Bank": "adb-asia", "International Tin Council": "itc",
    "United Nations": "un", "African Development Bank": "adb-africa", "UNCTAD": "unctad",
    "Food and Agriculture Organization": "fao", "International Natural Rubber Organization": "inro",
    "European Investment Bank": "eib", "International Energy Agency": "iea", "ASEAN": "asean",
    "Gulf Cooperation Council": "gcc", "World Health Organization": "who",
}


@dataclass(frozen=True)
class ReutersDoc:
    id: str
    text: str
    places: tuple[str, ...]
    people: tuple[str, ...]
    orgs: tuple[str, ...]


def reuters_docs(limit: int | None = None) -> Iterator[ReutersDoc]:
    n = 0
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for rec in _RECORD.findall(raw):
            body = _TAG["BODY"].search(rec)
            if not body:
                continue
            parts = {t: (m.group(1) if (m := _TAG[t].search(rec)) else "") for t in ("TITLE", "DATELINE")}
            text = html.unescape(f"{parts['TITLE']}\n\n{parts['DATELINE'].strip()} {body.group(1)}")
            newid = re.search(r'NEWID="(\d+)"', rec)
            yield ReutersDoc(
                newid.group(1) if newid else str(n),
                text,
                tuple(_D.findall(_TAG["PLACES"].search(rec).group(1))),  # type: ignore[union-attr]
                tuple(_D.findall(_TAG["PEOPLE"].search(rec).group(1))),  # type: ignore[union-attr]
                tuple(_D.findall(_TAG["ORGS"].search(rec).group(1))),  # type: ignore[union-attr]
            )
            n += 1
            if limit and n >= limit:
                return


def place_map(lexicon: Lexicon) -> tuple[dict[str, str], list[str]]:
    codes = (REUTERS / "all-places-strings.lc.txt").read_text(encoding="latin-1").split()
    mapping, unmapped = {}, []
    for code in codes:
        name = PLACE_CODES.get(code) or lexicon.canonical("countries", code.replace("-", " "))
        if name and lexicon.canonical("countries", name):
            mapping[code] = lexicon.canonical("countries", name)  # type: ignore[assignment]
        else:
            unmapped.append(code)
    return mapping, unmapped


def _person_matches(code: str, names: Iterable[str]) -> bool:
    parts = code.split("-")
    for name in names:
        words = re.sub(r"[^a-z ]", "", name.lower().replace("-", " ")).split()
        if words and (words == parts or words[-len(parts):] == parts or words[-1] == parts[-1]):
            return True
    return False


def run_reuters(limit: int | None, with_index: bool, field: str | None = None) -> None:
    lexicon = default_lexicon()
    mapping, unmapped = place_map(lexicon)
    comparable = set(mapping.values())
    countries, people, orgs = PRF(), PRF(), PRF()
    docs = list(reuters_docs(limit))
    lexicon.scan("")  # compile the matcher outside the timing (once per index run)
    extractor = Extractor(lexicon)
    started, cpu = time.perf_counter(), time.process_time()
    if field is None:
        extracted: list[Any] = [extract(_source_text(d.id, d.text), lexicon) for d in docs]
    else:
        extracted = [_OneField(field, extractor.field(field, d.text)) for d in docs]
    extract_s, extract_cpu = time.perf_counter() - started, time.process_time() - cpu
    unmapped_seen = 0
    for d, doc in zip(docs, extracted):
        if field is not None and field not in REUTERS_FIELDS:
            continue
        gold = {mapping[c] for c in d.places if c in mapping}
        unmapped_seen += sum(c not in mapping for c in d.places)
        if field in (None, "countries"):
            countries.add([c for c in doc.countries if c in comparable], gold)
        if field in (None, "people"):
            # People: Reuters tags surnames ("reagan", "james-baker").
            hit = {c for c in d.people if _person_matches(c, doc.people)}
            people.tp += len(hit)
            people.fn += len(d.people) - len(hit)
            people.fp += sum(1 for n in doc.people if not any(_person_matches(c, [n]) for c in d.people))
        if field in (None, "organizations"):
            got = {ORG_CODES[o] for o in doc.organizations if o in ORG_CODES}
            orgs.add(got, {o for o in d.orgs if o in set(ORG_CODES.values())})
    print(f"Reuters-21578: {len(docs)} articles with a body")
    for name, prf in zip(REUTERS_FIELDS, (countries, people, orgs)):
        if field in (None, name):
            print(prf.row(name))
    if field is not None and field not in REUTERS_FIELDS:
        print(f"  {field}: no Reuters gold tags (only {', '.join(REUTERS_FIELDS)}); timing only")
    print(f"  not comparable: place codes naming no country we hold: {', '.join(unmapped) or 'none'} "
          f"({unmapped_seen} gold tags); org codes outside our lexicon: "
          f"{', '.join(sorted(_all_orgs() - set(ORG_CODES.values())))}; "
          f"people are compared by surname (Reuters tags surnames only)")
    chars = sum(len(d.text) for d in docs)
    what = "extract()" if field is None else f"Extractor.field({field!r})"
    print(f"  {what}: {extract_s:.2f} s wall, {extract_cpu:.2f} s CPU for {len(docs)} articles "
          f"({chars / 1e6:.1f} MB), {1000 * extract_cpu / max(1, len(docs)):.3f} ms CPU/article")
    if with_index and field is None:
        _index_time(docs, extract_cpu)


def _all_orgs() -> set[str]:
    return set((REUTERS / "all-orgs-strings.lc.txt").read_text(encoding="latin-1").split())


def _index_time(docs: list[ReutersDoc], extract_cpu: float) -> None:
    """CPU time, not wall time: other work on a shared machine inflates wall clocks unevenly."""
    import ipsearch

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for d in docs:
            (corpus / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        report = ipsearch.build_index(corpus, Path(tmp) / "index", workers=1)  # all CPU in this process
        total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    rest = total_cpu - extract_cpu
    print(f"  ipsearch.build_index: {total:.1f} s wall, {total_cpu:.1f} s CPU for {report.documents} documents; "
          f"extraction {extract_cpu:.1f} s CPU = {100 * extract_cpu / total_cpu:.0f}% of the build, "
          f"+{100 * extract_cpu / rest:.0f}% over the rest of indexing")


# ---------------------------------------------------------------- main


def run_labelled(verbose: bool, field: str | None = None) -> None:
    items = load_labelled()
    report = evaluate_labelled(items, field=field)
    langs: dict[str, int] = {}
    for item in items:
        lang = str(item.gold.get("language", "?"))
        langs[lang] = langs.get(lang, 0) + 1
    print(f"Labelled set: {len(items)} texts ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))})")
    for f, prf in report.fields.items():
        print(prf.row(f))
    for f, (ok, n) in report.exact.items():
        print(f"  {f:<15} exact {ok}/{n}")
    if verbose:
        for miss in report.misses:
            print("   -", miss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N Reuters articles")
    parser.add_argument("--index", action="store_true", help="also build an index of Reuters and time it")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every labelled-set difference")
    parser.add_argument("--field", choices=FIELDS, help="score and time one field alone, from its family's rules")
    args = parser.parse_args()
    run_labelled(args.verbose, args.field)
    if not REUTERS.is_dir():
        print(f"skipped Reuters-21578: {REUTERS} is absent (the repo's parent folder holds shared/)")
        return
    run_reuters(args.limit, args.index, args.field)


if __name__ == "__main__":
    main()
