"""How well does ipsearch do on real published articles it has never seen? (issue #13)

The development set is hand-labelled news about international IP cooperation, in English and
Chinese (both scripts), gathered from IP offices, WIPO, news agencies, newspapers, law firms and
the trade press. The texts are not the project's to commit: they live outside the repository
(default ``/work/devset/texts``, one ``<id>.txt`` per article). What is committed is
``bench/devset/articles-*.jsonl`` (one labelled article a line, with the address and the search
words that found it, so the folder can be gathered again) and ``bench/devset/queries-*.jsonl``
(judged queries: ``lang`` is ``en``, ``zh`` or ``cross``; ``relevant`` maps article ids to 2 =
about exactly this, 1 = partly relevant).

The script indexes the texts folder in a temporary directory through the public library only
(``build_index``, ``open_index``, ``SearchIndex.get``/``search``/``canonical``), then prints

* per field (people, organizations, countries) precision, recall and F1, per article language
  (en, zh-Hans, zh-Hant) and overall; ``--errors`` lists every miss and every extra name;
* title exact matches (over the articles whose label has a title) and date exact matches (over
  every article; a label of null means the text states no year);
* ranking: nDCG@10 per query language (en, zh, cross) and overall.

Names compare after both sides go through ``SearchIndex.canonical`` (so SIPO and CNIPA, or
韩国 and South Korea, are one name) and a fold of case, width, spacing and punctuation; a
person's name also ignores word order (``Kim Ho-won`` = ``Ho-won Kim``), an organization's the
words "of", "the" and "and" (``Ministry of Foreign Affairs of China`` = ``Ministry of Foreign Affairs
(China)``). A Chinese article's
person counts as found under its pinyin or its Chinese form (``people_zh``). Nothing else is
loosened: a name the library maps to another entity stays wrong.

Run: ``python bench/devset.py [--texts DIR] [--labels DIR ...] [--errors] [--json] [--per-query]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "devset"
TEXTS = Path("/work/devset/texts")

sys.path.insert(0, str(ROOT))

import ipsearch  # noqa: E402
from bench.extraction import PRF  # noqa: E402
from ipsearch.evaluation import doc_key, ndcg  # noqa: E402

NAME_FIELDS = ("people", "organizations", "countries")
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
QUERY_LANGUAGES = ("en", "zh", "cross")
ALL = "all"

#: Punctuation that writers use freely inside names (A.N. Grigoriev, Won-joo, IP Office’s).
_PUNCT = re.compile(r"[.\-‐‑–—'’`\"“”·・•()（）,，/]")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- labels


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object a line; blank lines are allowed, anything else that is not an object is an error."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row, dict):
            raise ValueError(f"{path}:{number}: not a JSON object")
        rows.append(row)
    return rows


def load_labels(folders: Iterable[Path]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Every article and query label under ``folders`` (``articles-*.jsonl``, ``queries-*.jsonl``)."""
    articles: dict[str, dict[str, Any]] = {}
    queries: list[dict[str, Any]] = []
    for folder in folders:
        for path in sorted(folder.glob("articles-*.jsonl")):
            for row in read_jsonl(path):
                if row["id"] in articles and articles[row["id"]] != row:
                    raise ValueError(f"article {row['id']} is labelled twice, differently ({path})")
                articles[row["id"]] = row
        for path in sorted(folder.glob("queries-*.jsonl")):
            queries.extend(read_jsonl(path))
    return articles, queries


# ---------------------------------------------------------------- comparing names


def fold(value: str) -> str:
    """Case, width, spacing and name punctuation folded away; hyphens join (Won-joo = Wonjoo)."""
    text = unicodedata.normalize("NFKC", value).casefold()
    text = re.sub(r"(?<=\w)[\-‐‑](?=\w)", "", text)
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()


#: Words that only join an organization's name to its country ("Ministry of Foreign Affairs of
#: China" = "Ministry of Foreign Affairs (China)"); no two real bodies differ by them alone.
_ORG_GLUE = {"of", "the", "and", "&"}


def name_key(index: Any, name_field: str, value: str) -> str:
    """The comparable form of one name: the library's canonical name, folded.

    People ignore word order; organizations ignore the glue words "of", "the", "and".
    """
    words = fold(index.canonical(name_field, value)).split()
    if name_field == "people":
        return " ".join(sorted(words))
    if name_field == "organizations":
        return " ".join(w for w in words if w not in _ORG_GLUE)
    return " ".join(words)


def gold_alternatives(index: Any, article: dict[str, Any], name_field: str) -> list[set[str]]:
    """Each labelled name as the set of keys that count as finding it (pinyin or Chinese for people)."""
    names = article.get(name_field) or []
    alternatives = [{name_key(index, name_field, n)} for n in names]
    if name_field == "people":
        for alts, chinese in zip(alternatives, article.get("people_zh") or []):
            if chinese:
                alts.add(name_key(index, name_field, chinese))
    return alternatives


def match_names(predicted: dict[str, str], gold: list[set[str]]) -> tuple[int, list[int], list[str]]:
    """One-to-one matching of predicted names (key -> name as extracted) with the labelled ones.

    Returns the true positives, the indexes of the labelled names missed, and the predicted
    names left over.
    """
    left = dict(predicted)
    missed = []
    for i, alternatives in enumerate(gold):
        hit = next((key for key in left if key in alternatives), None)
        if hit is None:
            missed.append(i)
        else:
            del left[hit]
    return len(gold) - len(missed), missed, list(left.values())


def normal_title(title: str | None) -> str | None:
    return _SPACE.sub(" ", title).strip() if title else None


def normal_date(date: str | None) -> str | None:
    """A predicted date without a year (``--07-03``) is what a null label means: no year stated."""
    return None if not date or date.startswith("-") else date


# ---------------------------------------------------------------- scoring


@dataclass
class Exact:
    ok: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.ok += hit
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "total": self.total, "rate": round(self.ok / self.total, 3) if self.total else None}


@dataclass
class ExtractionReport:
    counts: dict[str, int] = field(default_factory=dict)
    names: dict[tuple[str, str], PRF] = field(default_factory=dict)
    titles: dict[str, Exact] = field(default_factory=dict)
    dates: dict[str, Exact] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    missing_texts: list[str] = field(default_factory=list)

    def prf(self, name_field: str, language: str) -> PRF:
        return self.names.setdefault((name_field, language), PRF())


def doc_ids(report: Any) -> dict[str, str]:
    """Article id (file name without extension) -> the id the index gave that file when it was built."""
    return {doc_key(doc_id): doc_id for doc_id in (*report.added, *report.updated, *report.unchanged)}


def score_extraction(index: Any, articles: dict[str, dict[str, Any]], ids: dict[str, str]) -> ExtractionReport:
    report = ExtractionReport()
    for aid in sorted(articles):
        gold = articles[aid]
        if aid not in ids:
            report.missing_texts.append(aid)
            continue
        hit = index.get(ids[aid])
        groups = (gold["language"], ALL)
        for group in groups:
            report.counts[group] = report.counts.get(group, 0) + 1
        for name_field in NAME_FIELDS:
            alternatives = gold_alternatives(index, gold, name_field)
            predicted = {name_key(index, name_field, v): v for v in getattr(hit, name_field)}
            tp, missed, extra = match_names(predicted, alternatives)
            for group in groups:
                prf = report.prf(name_field, group)
                prf.tp += tp
                prf.fn += len(missed)
                prf.fp += len(extra)
            if missed or extra:
                wanted = [gold[name_field][i] for i in missed]
                report.errors.append(f"{aid} {name_field}: missing {wanted} extra {extra}")
        if gold.get("title") is not None:
            ok = normal_title(hit.title) == normal_title(gold["title"])
            for group in groups:
                report.titles.setdefault(group, Exact()).add(ok)
            if not ok:
                report.errors.append(f"{aid} title: got {hit.title!r} want {gold['title']!r}")
        ok = normal_date(hit.date) == gold.get("date")
        for group in groups:
            report.dates.setdefault(group, Exact()).add(ok)
        if not ok:
            report.errors.append(f"{aid} date: got {hit.date!r} want {gold.get('date')!r}")
    return report


@dataclass
class RankingReport:
    per_query: dict[str, float] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)

    def mean(self, language: str) -> tuple[float | None, int]:
        scores = [s for q, s in self.per_query.items() if language == ALL or self.languages[q] == language]
        return (sum(scores) / len(scores) if scores else None), len(scores)


def score_ranking(index: Any, queries: Sequence[dict[str, Any]]) -> RankingReport:
    """nDCG@10 of the library's default search (what users get), one query at a time."""
    report = RankingReport()
    for q in queries:
        hits = index.search(q["query"], limit=10, snippets=False).hits
        report.per_query[q["qid"]] = ndcg([doc_key(h.id) for h in hits], q["relevant"])
        report.languages[q["qid"]] = q["lang"]
    return report


# ---------------------------------------------------------------- output


def as_dict(extraction: ExtractionReport, ranking: RankingReport, errors: bool) -> dict[str, Any]:
    groups = [g for g in (*LANGUAGES, ALL) if g in extraction.counts]
    out: dict[str, Any] = {"articles": extraction.counts, "missing_texts": extraction.missing_texts}
    out["names"] = {
        f: {
            g: {"precision": round(p.precision, 3), "recall": round(p.recall, 3), "f1": round(p.f1, 3),
                "tp": p.tp, "fp": p.fp, "fn": p.fn}
            for g in groups if (p := extraction.names.get((f, g)))
        }
        for f in NAME_FIELDS
    }
    out["titles"] = {g: e.to_dict() for g, e in extraction.titles.items()}
    out["dates"] = {g: e.to_dict() for g, e in extraction.dates.items()}
    out["ndcg@10"] = {}
    for lang in (*QUERY_LANGUAGES, ALL):
        mean, n = ranking.mean(lang)
        out["ndcg@10"][lang] = {"mean": round(mean, 3) if mean is not None else None, "queries": n}
    out["per_query"] = {q: round(s, 3) for q, s in ranking.per_query.items()}
    if errors:
        out["errors"] = extraction.errors
    return out


def print_report(extraction: ExtractionReport, ranking: RankingReport, errors: bool) -> None:
    groups = [g for g in (*LANGUAGES, ALL) if g in extraction.counts]
    print("Extraction: " + ", ".join(f"{g} {extraction.counts[g]}" for g in groups) + " articles")
    if extraction.missing_texts:
        print(f"  ({len(extraction.missing_texts)} labelled articles have no text in the folder: "
              f"{' '.join(extraction.missing_texts)})")
    for f in NAME_FIELDS:
        for g in groups:
            p = extraction.names[(f, g)]
            print(f"  {f:<13} {g:<8} P {p.precision:.3f}  R {p.recall:.3f}  F1 {p.f1:.3f}   "
                  f"(tp {p.tp}, fp {p.fp}, fn {p.fn})")
    for label, table in (("title exact", extraction.titles), ("date exact", extraction.dates)):
        print(f"  {label:<22} " + "   ".join(f"{g} {table[g].ok}/{table[g].total}" for g in groups if g in table))
    print("Ranking (nDCG@10):")
    for lang in (*QUERY_LANGUAGES, ALL):
        mean, n = ranking.mean(lang)
        print(f"  {lang:<6} {'-' if mean is None else f'{mean:.3f}'}   ({n} queries)")
    if errors:
        print("Extraction errors:")
        for line in extraction.errors:
            print("  " + line)
        print("Queries below nDCG 0.5:")
        for q, s in ranking.per_query.items():
            if s < 0.5:
                print(f"  {q} ({ranking.languages[q]}) {s:.3f}")


def print_per_query(ranking: RankingReport, queries: Sequence[dict[str, Any]]) -> None:
    """Every query's nDCG@10, worst first: where cross-language or ranking work should look."""
    words = {q["qid"]: q["query"] for q in queries}
    print("Per query (nDCG@10, worst first):")
    for qid, score in sorted(ranking.per_query.items(), key=lambda item: (item[1], item[0])):
        print(f"  {score:.3f}  {ranking.languages[qid]:<5} {qid:<8} {words[qid]}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, default=TEXTS, help="folder of <id>.txt articles (outside the repo)")
    ap.add_argument("--labels", type=Path, action="append",
                    help="folder of articles-*.jsonl / queries-*.jsonl (repeatable; default bench/devset)")
    ap.add_argument("--errors", action="store_true", help="list every extraction error and weak query")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--per-query", action="store_true",
                    help="also list every query's nDCG@10, worst first, with its language and words")
    args = ap.parse_args(argv)
    if not args.texts.is_dir():
        print(f"skipped: no texts folder at {args.texts}. The articles are not in the repository; gather them "
              "again from the url and search words in bench/devset/articles-*.jsonl, or pass --texts DIR.",
              file=sys.stderr)
        return 0
    articles, queries = load_labels(args.labels or [LABELS])
    with tempfile.TemporaryDirectory(prefix="ipsearch-devset-") as tmp:
        built = ipsearch.build_index(args.texts, Path(tmp) / "index")
        with ipsearch.open_index(Path(tmp) / "index") as index:
            ids = doc_ids(built)
            extraction = score_extraction(index, articles, ids)
            ranking = score_ranking(index, queries)
    if args.json:
        print(json.dumps(as_dict(extraction, ranking, args.errors), ensure_ascii=False, indent=1))
    else:
        print_report(extraction, ranking, args.errors)
        if args.per_query:
            print_per_query(ranking, queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
