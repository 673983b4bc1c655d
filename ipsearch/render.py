"""Result objects -> text for people (optionally coloured) or for machines (json, jsonl, csv).

Pure string building: the CLI decides where it goes and whether colour is on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .results import AnalyzedToken, IndexReport, IndexStats, SearchHit, SearchResults, Span

if TYPE_CHECKING:
    from .evaluation import EvalReport

FORMATS = ("text", "json", "jsonl", "csv")
CSV_COLUMNS = ("rank", "id", "title", "date", "score", "source", "language", "countries", "organizations", "people", "path")

_ANSI = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "cyan": "36", "red": "31"}


def style(text: str, *styles: str, color: bool) -> str:
    if not color or not styles:
        return text
    codes = ";".join(_ANSI[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def highlighted(snippet: str, spans: Sequence[Span], *, color: bool) -> str:
    if not color:
        return snippet
    out, index = [], 0
    for span in spans:
        out.append(snippet[index : span.start])
        out.append(style(snippet[span.start : span.end], "bold", "yellow", color=True))
        index = span.end
    out.append(snippet[index:])
    return "".join(out)


def search_results(
    results: SearchResults, fmt: str = "text", *, color: bool = False, explain: bool = False, heading: str | None = None
) -> str:
    """``explain`` adds the parsed query; ``heading`` replaces the "N results for" line (similar articles)."""
    if fmt == "json":
        return to_json(results.to_dict())
    if fmt == "jsonl":
        return "\n".join(json.dumps(h.to_dict(), ensure_ascii=False) for h in results.hits)
    if fmt == "csv":
        return _csv(results)
    return _search_text(results, color, explain, heading)


def _hit_meta(hit: SearchHit) -> list[str]:
    meta = [hit.id]
    if hit.date:
        meta.append(hit.date)
    if hit.source:
        meta.append(hit.source)
    if hit.language and hit.language != "en":
        meta.append(hit.language)
    return meta


def _search_text(results: SearchResults, color: bool, explain: bool = False, heading: str | None = None) -> str:
    lines: list[str] = []
    searched = results.suggestion if results.corrected else results.query
    what = f' for "{searched}"' if searched else ""
    noun = "result" if results.total == 1 else "results"
    header = heading or f"{results.total} {noun}{what}"
    if results.total > results.limit and heading is None:
        header += f" (page {results.page} of {results.pages})"
    lines.append(style(header, "bold", color=color))
    if results.corrected:
        note = f'No results for "{results.query}"; showing results for "{results.suggestion}" instead.'
        lines.append(style(note, "cyan", color=color))
    elif results.suggestion:
        lines.append(style(f'Did you mean: "{results.suggestion}"?', "cyan", color=color))
    if explain and results.parsed_query:
        lines.append(style(f"Parsed query: {results.parsed_query}", "dim", color=color))
    first = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, first + 1):
        lines.append("")
        lines.append(f"{rank:>3}. " + style(hit.title or hit.id, "bold", color=color))
        score = [] if hit.score is None else [f"score {hit.score:.2f}"]
        meta = " · ".join([*_hit_meta(hit), *score])
        lines.append("     " + style(meta, "dim", color=color))
        if hit.snippet:
            lines.append("     " + highlighted(hit.snippet, hit.highlights, color=color))
        if hit.explanation:
            lines.extend("     " + style(x, "dim", color=color) for x in hit.explanation.splitlines())
    if results.total and not results.hits:
        lines.append(f"(no hits on page {results.page}; there are {results.pages} pages)")
    if results.facets:
        lines.append("")
        lines.append(style("Facets", "bold", color=color))
        for name, counts in results.facets.items():
            values = ", ".join(f"{f.value} ({f.count})" for f in counts) or "-"
            lines.append(f"  {style(name, 'cyan', color=color)}: {values}")
    return "\n".join(lines)


def _csv(results: SearchResults) -> str:
    import csv  # only this format needs it

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    first = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, first + 1):
        writer.writerow(
            [rank, hit.id, hit.title, hit.date or "", hit.score, hit.source or "", hit.language,
             "; ".join(hit.countries), "; ".join(hit.organizations), "; ".join(hit.people), hit.path]
        )
    return buf.getvalue().rstrip("\n")


def document(hit: SearchHit, *, color: bool = False) -> str:
    lines = [style(hit.title or hit.id, "bold", color=color)]
    fields = [
        ("id", hit.id), ("path", hit.path), ("date", hit.date), ("source", hit.source),
        ("translated from", hit.translated_from), ("language", hit.language), ("encoding", hit.encoding),
        ("people", ", ".join(hit.people)), ("organizations", ", ".join(hit.organizations)),
        ("countries", ", ".join(hit.countries)), ("places", ", ".join(hit.places)),
        ("event types", ", ".join(hit.event_types)),
    ]
    for label, value in fields:
        if value:
            lines.append(f"{style(label + ':', 'cyan', color=color)} {value}")
    if hit.body:
        lines += ["", hit.body]
    return "\n".join(lines)


def index_report(report: IndexReport, *, color: bool = False) -> str:
    parts = [f"{len(report.added)} added", f"{len(report.updated)} updated", f"{len(report.unchanged)} unchanged",
             f"{len(report.removed)} removed", f"{len(report.skipped)} skipped"]
    lines = [
        style(f"Indexed {report.corpus_dir} into {report.index_dir}", "bold", color=color),
        ", ".join(parts) + f"; {report.documents} documents in the index ({report.seconds:.1f} s)",
    ]
    for s in report.skipped:
        lines.append(style(f"  skipped {s.path}: {s.reason}", "yellow", color=color))
    return "\n".join(lines)


def stats(st: IndexStats, *, color: bool = False) -> str:
    lines = [
        style(f"Index {st.index_dir}", "bold", color=color),
        f"documents: {st.documents}",
        f"size: {st.size_bytes / 1024:.0f} KB in {st.segments} segment(s)",
        f"schema version: {st.schema_version}",
        f"last modified: {st.last_modified or '-'}",
        "folders: " + (", ".join(st.folders) or "-"),
        "languages: " + (", ".join(f"{k} ({v})" for k, v in st.languages.items()) or "-"),
        "distinct facet values: " + ", ".join(f"{k} {v}" for k, v in st.facets.items()),
    ]
    return "\n".join(lines)


def tokens(rows: Sequence[AnalyzedToken], fmt: str = "text") -> str:
    if fmt == "json":
        return to_json([t.to_dict() for t in rows])
    lines = ["pos   chars       token"]
    for t in rows:
        mark = "  (stop word)" if t.stopped else ""
        lines.append(f"{t.position:>3}  {t.start:>5}-{t.end:<5} {t.token}{mark}")
    return "\n".join(lines)


def eval_report(report: EvalReport, *, per_query: bool = False, color: bool = False) -> str:
    """Mean figures, then (optionally) one row per query, worst nDCG first."""
    lines = [
        style(f"{len(report.queries)} judged queries", "bold", color=color),
        f"  nDCG@10     {report.ndcg:.4f}",
        f"  MRR@10      {report.mrr:.4f}",
        f"  Recall@100  {report.recall:.4f}",
        f"  without hits: {len(report.without_hits)}" + (f" ({', '.join(report.without_hits)})" if report.without_hits else ""),
    ]
    if per_query:
        lines += ["", "query         nDCG@10  RR@10   R@100  first  hits  text"]
        for q in sorted(report.queries, key=lambda q: (q.ndcg, q.query_id)):
            first = "-" if q.first_relevant is None else str(q.first_relevant)
            text = q.text if len(q.text) <= 60 else q.text[:59] + "…"
            if q.error:
                text += style(f"  [{q.error}]", "red", color=color)
            lines.append(f"{q.query_id:<12}  {q.ndcg:7.4f}  {q.reciprocal_rank:5.3f}  {q.recall:6.3f}  {first:>5}  {q.hits:>4}  {text}")
    return "\n".join(lines)
