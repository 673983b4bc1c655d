"""Result objects -> text for people (optionally coloured) or for machines (json, jsonl, csv).

Pure string building: the CLI decides where it goes and whether colour is on.

Text from documents, names and paths is untrusted: every piece of it passes through
:func:`clean` before it reaches text output, so an article cannot set the terminal's
title, clear the screen or write the clipboard with escape sequences, nor a file name
with a newline forge a report line. CSV cells that a spreadsheet would run as a formula
are defused (:func:`csv_cell`).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .fields import CSV_FIELDS, SHOW_FIELDS
from .results import AnalyzedToken, IndexReport, IndexStats, SearchHit, SearchResults, Span

if TYPE_CHECKING:
    from .evaluation import EvalReport

FORMATS = ("text", "json", "jsonl", "csv")
CSV_COLUMNS = ("rank", *(f.name for f in CSV_FIELDS), "score")

# C0 controls, DEL and C1 controls (U+0080-U+009F: 8-bit CSI and OSC on some terminals).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # keeps newline and tab
# OWASP's list: a spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), safe to print.

    ``multiline`` keeps newlines and tabs (a document's body); everywhere else, a name,
    title, path or reason stays on its one line.
    """
    pattern = _CONTROL_IN_TEXT if multiline else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading ``= + - @`` (formula) gets a ``'`` before it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value

_ANSI = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "cyan": "36", "red": "31"}


def style(text: str, *styles: str, color: bool) -> str:
    if not color or not styles:
        return text
    codes = ";".join(_ANSI[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def highlighted(snippet: str, spans: Sequence[Span], *, color: bool) -> str:
    """The snippet, cleaned, with its matches in bold yellow when ``color`` is on."""
    if not color:
        return clean(snippet)
    out, index = [], 0
    for span in spans:
        out.append(clean(snippet[index : span.start]))
        out.append(style(clean(snippet[span.start : span.end]), "bold", "yellow", color=True))
        index = span.end
    out.append(clean(snippet[index:]))
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
    meta = [clean(hit.id)]
    if hit.date:
        meta.append(hit.date)
    if hit.source:
        meta.append(clean(hit.source))
    if hit.language and hit.language != "en":
        meta.append(clean(hit.language))
    return meta


def _search_text(results: SearchResults, color: bool, explain: bool = False, heading: str | None = None) -> str:
    lines: list[str] = []
    searched = clean(results.suggestion or "") if results.corrected else clean(results.query)
    what = f' for "{searched}"' if searched else ""
    noun = "result" if results.total == 1 else "results"
    header = heading or f"{results.total} {noun}{what}"
    if results.total > results.limit and heading is None:
        header += f" (page {results.page} of {results.pages})"
    lines.append(style(header, "bold", color=color))
    if results.corrected:
        note = f'No results for "{clean(results.query)}"; showing results for "{searched}" instead.'
        lines.append(style(note, "cyan", color=color))
    elif results.suggestion:
        lines.append(style(f'Did you mean: "{clean(results.suggestion)}"?', "cyan", color=color))
    if explain and results.translations:
        lines.append(style("Translated: " + clean("; ".join(results.translations)), "dim", color=color))
    if explain and results.parsed_query:
        lines.append(style(f"Parsed query: {clean(results.parsed_query)}", "dim", color=color))
    first = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, first + 1):
        lines.append("")
        lines.append(f"{rank:>3}. " + style(clean(hit.title or hit.id), "bold", color=color))
        score = [] if hit.score is None else [f"score {hit.score:.2f}"]
        meta = " · ".join([*_hit_meta(hit), *score])
        lines.append("     " + style(meta, "dim", color=color))
        if hit.snippet:
            lines.append("     " + highlighted(hit.snippet, hit.highlights, color=color))
        if hit.explanation:
            lines.extend("     " + style(clean(x), "dim", color=color) for x in hit.explanation.splitlines())
    if results.total and not results.hits:
        lines.append(f"(no hits on page {results.page}; there are {results.pages} pages)")
    if results.facets:
        lines.append("")
        lines.append(style("Facets", "bold", color=color))
        for name, counts in results.facets.items():
            values = ", ".join(f"{clean(f.value)} ({f.count})" for f in counts)
            more = results.facets_left_out.get(name, 0)
            if more:
                values += f"{' and' if values else ''} {more} more"
            lines.append(f"  {style(name, 'cyan', color=color)}: {values.strip() or '-'}")
    return "\n".join(lines)


def _csv(results: SearchResults) -> str:
    """One row per hit: rank, the ``csv`` fields (several values joined by "; ") and score."""
    import csv  # only this format needs it

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    first = (results.page - 1) * results.limit
    for rank, hit in enumerate(results.hits, first + 1):
        cells = [_joined(getattr(hit, f.name), "; ") for f in CSV_FIELDS]
        writer.writerow([rank, *map(csv_cell, cells), hit.score])
    return buf.getvalue().rstrip("\n")


def _joined(value: Any, sep: str) -> str:
    """A field's value as one string: several values joined by ``sep``, None as empty."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return sep.join(value)
    return str(value)


def document(hit: SearchHit, *, color: bool = False) -> str:
    """``ipsearch show``: the title, each ``show`` field that has a value, then the full text."""
    lines = [style(clean(hit.title or hit.id), "bold", color=color)]
    for f in SHOW_FIELDS:
        value = _joined(getattr(hit, f.name), ", ")
        if value:
            lines.append(f"{style(f.label + ':', 'cyan', color=color)} {clean(value)}")
    if hit.body:
        lines += ["", clean(hit.body, multiline=True)]
    return "\n".join(lines)


def index_report(report: IndexReport, *, color: bool = False) -> str:
    parts = [f"{len(report.added)} added", f"{len(report.updated)} updated", f"{len(report.unchanged)} unchanged",
             f"{len(report.removed)} removed", f"{len(report.skipped)} skipped"]
    lines = [
        style(f"Indexed {clean(report.corpus_dir)} into {clean(report.index_dir)}", "bold", color=color),
        ", ".join(parts) + f"; {report.documents} documents in the index ({report.seconds:.1f} s)",
    ]
    for s in report.skipped:
        lines.append(style(f"  skipped {clean(s.path)}: {clean(s.reason)}", "yellow", color=color))
    return "\n".join(lines)


def stats(st: IndexStats, *, color: bool = False) -> str:
    lines = [
        style(f"Index {clean(st.index_dir)}", "bold", color=color),
        f"documents: {st.documents}",
        f"size: {st.size_bytes / 1024:.0f} KB in {st.segments} segment(s)",
        f"schema version: {st.schema_version}",
        f"last modified: {st.last_modified or '-'}",
        "folders: " + (", ".join(clean(f) for f in st.folders) or "-"),
        "languages: " + (", ".join(f"{clean(k)} ({v})" for k, v in st.languages.items()) or "-"),
        "distinct facet values: " + ", ".join(f"{k} {v}" for k, v in st.facets.items()),
    ]
    return "\n".join(lines)


def tokens(rows: Sequence[AnalyzedToken], fmt: str = "text") -> str:
    if fmt == "json":
        return to_json([t.to_dict() for t in rows])
    lines = ["pos   chars       token"]
    for t in rows:
        mark = "  (stop word)" if t.stopped else ""
        lines.append(f"{t.position:>3}  {t.start:>5}-{t.end:<5} {clean(t.token)}{mark}")
    return "\n".join(lines)


def eval_report(report: EvalReport, *, per_query: bool = False, color: bool = False) -> str:
    """Mean figures, then (optionally) one row per query, worst nDCG first."""
    lines = [
        style(f"{len(report.queries)} judged queries", "bold", color=color),
        f"  nDCG@10     {report.ndcg:.4f}",
        f"  MRR@10      {report.mrr:.4f}",
        f"  Recall@100  {report.recall:.4f}",
        f"  without hits: {len(report.without_hits)}" + (f" ({clean(', '.join(report.without_hits))})" if report.without_hits else ""),
    ]
    if per_query:
        lines += ["", "query         nDCG@10  RR@10   R@100  first  hits  text"]
        for q in sorted(report.queries, key=lambda q: (q.ndcg, q.query_id)):
            first = "-" if q.first_relevant is None else str(q.first_relevant)
            text = clean(q.text if len(q.text) <= 60 else q.text[:59] + "…")
            if q.error:
                text += style(f"  [{clean(q.error)}]", "red", color=color)
            lines.append(f"{clean(q.query_id):<12}  {q.ndcg:7.4f}  {q.reciprocal_rank:5.3f}  {q.recall:6.3f}  {first:>5}  {q.hits:>4}  {text}")
    return "\n".join(lines)
