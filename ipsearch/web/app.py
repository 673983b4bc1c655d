"""``ipsearch serve``: a read-only web page and JSON API over one open index.

Another renderer over the library, like :mod:`ipsearch.render`: the page and
``/api/search`` read the CLI's search options (same names, as query parameters), call
:meth:`SearchIndex.search` and show what it returns; ``/api/search`` answers with
exactly what ``ipsearch search --json`` prints. Nothing here parses queries, filters
or counts facets.

Document text is hostile input: templates autoescape (Jinja2 via Flask), marked text
is built from escaped pieces, every response carries a strict Content-Security-Policy,
and no part of a URL ever reaches the file system (assets are read into memory at
start-up and served from there by name; document ids are looked up in the index).
One :class:`SearchIndex` is shared by the server's threads (calls take turns on its
lock) and sees new commits of a running ``ipsearch index`` as the CLI does.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

from flask import Flask, Response, abort, g, render_template, request
from markupsafe import Markup, escape

from .. import render
from ..corpus import display_name
from ..errors import DocumentNotFoundError, IpsearchError, UsageError
from ..query import split_filters
from ..results import SearchHit, SearchResults, Span
from ..searcher import SORTS, SearchIndex, open_index
from . import i18n

# ---------------------------------------------------------------- the fields the page knows
# Facet names and labels come from the field registry (ipsearch.fields), as the CLI's do.
from ..fields import FACET_FIELDS, FIELDS

#: A month facet (``YYYY-MM`` values) draws a month histogram when the years shown are few;
#: the publisher (``source``) is a filter, not a sidebar list.
MONTH_FACET = "month" if "month" in FACET_FIELDS else None
#: Facets in the sidebar when the URL names none, in the registry's order.
SIDEBAR_FACETS = tuple(f.name for f in FIELDS if f.facet and f.name not in (MONTH_FACET, "source"))
#: The facets the date histogram is drawn from.
DATE_FACETS = ("year", *([MONTH_FACET] if MONTH_FACET else []))
#: Names on a result that link to a filter on their field.
HIT_NAME_FIELDS = tuple(f for f in ("people", "organizations", "countries") if f in FACET_FIELDS)
# ----------------------------------------------------------------

#: Values a sidebar facet shows before "more".
FACET_SHOWN = 8
#: Years at most for which the histogram is drawn by month (when a month facet exists).
MONTHS_UNDER_YEARS = 2
EXPORT_FORMATS = {"json": "application/json", "jsonl": "application/x-ndjson", "csv": "text/csv"}
SIMILAR_SHOWN = 5
#: Values counted for the histogram when the years (months) are more than the URL's facet-limit.
HISTOGRAM_VALUES = 100_000

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_ASSET_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class SearchRequest:
    """The CLI's search options, read from a URL's query parameters."""

    q: str
    filters: dict[str, list[str]]
    facets: tuple[str, ...]
    since: str | None
    until: str | None
    sort: str
    limit: int
    page: int
    operator: str
    facet_sort: str = "count"
    facet_limit: int = 20
    autocorrect: bool = True
    translate: bool = True
    explain: bool = False

    def search_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = dict(filters=self.filters, since=self.since, until=self.until, facets=self.facets,
                                      sort=self.sort, limit=self.limit, page=self.page, operator=self.operator,
                                      facet_sort=self.facet_sort, facet_limit=self.facet_limit,
                                      autocorrect=self.autocorrect, translate=self.translate, explain=self.explain)
        return kwargs


def _int(args: Any, name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {raw!r}") from None


_YES, _NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _flag(args: Any, name: str, default: bool = True) -> bool:
    """A CLI switch as a parameter: ``correct=no`` for ``--no-correct``, ``explain=yes`` for ``--explain``."""
    raw = args.get(name, "").strip().lower()
    if raw and raw not in _YES + _NO:
        raise UsageError(f"{name} must be one of {', '.join(_YES + _NO)}, not {raw!r}")
    return raw in _YES if raw else default


def read_options(args: Any) -> SearchRequest:
    """The search options of a URL, as the CLI would pass them (errors are UsageError).

    The names are the search command's (``facet-limit`` for ``--facet-limit``, ``correct=no``
    for ``--no-correct``), so a command line and a URL say the same thing the same way.
    """
    operator = args.get("operator") or "or"
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}; use one of: {', '.join(SORTS)}")
    return SearchRequest(
        q=args.get("q", ""),
        filters=split_filters(v for v in args.getlist("filter") if v),
        facets=tuple(dict.fromkeys(f for f in args.getlist("facet") if f)),
        since=args.get("since") or None,
        until=args.get("until") or None,
        sort=sort,
        limit=_int(args, "limit", 10),
        page=_int(args, "page", 1),
        operator=operator,
        facet_sort=args.get("facet-sort") or "count",
        facet_limit=_int(args, "facet-limit", 20),
        autocorrect=_flag(args, "correct"),
        translate=_flag(args, "translate"),
        explain=_flag(args, "explain", default=False),
    )


# ---------------------------------------------------------------- helpers for templates


def marked(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` escaped, with each span in ``<mark>``."""
    out, index = [], 0
    for span in spans:
        if span.start < index:
            continue
        out.append(escape(text[index : span.start]))
        out.append(Markup("<mark>") + escape(text[span.start : span.end]) + Markup("</mark>"))
        index = span.end
    out.append(escape(text[index:]))
    return Markup("").join(out)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (``localhost``, 127.0.0.0/8, ``::1``):
    any other address is warned about, since the page has no authentication."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def lang_tag(language: str) -> str:
    """An HTML ``lang`` for a document language code, so CJK text gets CJK glyphs."""
    return {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "zh": "zh"}.get(language.lower(), language or "en")


class Links:
    """URLs of the current search with one thing changed: every state is a URL."""

    def __init__(self, args: Any, path: str = "/") -> None:
        self.path = path
        self.pairs = [(k, v) for k, v in args.items(multi=True) if v != "" and k != "page"]
        self.page = args.get("page")
        self._base = urlencode(self.pairs)  # a page has a hundred filter links: encode the shared part once

    def _url(self, pairs: Iterable[tuple[str, str]], path: str = "/") -> str:
        query = urlencode(list(pairs))
        return f"{path}?{query}" if query else path

    def with_filter(self, field: str, value: str) -> str:
        item = f"{field}={value}"
        if ("filter", item) in self.pairs:
            return self._url(self.pairs)
        added = "filter=" + quote_plus(item)
        return f"/?{self._base}&{added}" if self._base else f"/?{added}"

    def without(self, key: str, value: str | None = None) -> str:
        return self._url(p for p in self.pairs if not (p[0] == key and (value is None or p[1] == value)))

    def replacing(self, **changes: str | None) -> str:
        """Set (or with None drop) single-valued parameters; the page resets unless given."""
        pairs = [p for p in self.pairs if p[0] not in changes]
        pairs += [(k, v) for k, v in changes.items() if v is not None]
        return self._url(pairs)

    def in_language(self, lang: str) -> str:
        """This very page (same page number) in another interface language."""
        pairs = [p for p in self.pairs if p[0] != "lang"] + [("lang", lang)]
        return self._url([*pairs, ("page", self.page)] if self.page else pairs, self.path)

    def page_url(self, page: int) -> str:
        return self._url([*self.pairs, ("page", str(page))] if page > 1 else self.pairs)

    def export(self, fmt: str) -> str:
        base = [p for p in self.pairs if p[0] not in ("format", "lang")]
        if self.page:
            base.append(("page", self.page))
        return self._url([*base, ("format", fmt)], "/api/search")

    def query(self, q: str) -> str:
        return self.replacing(q=q)


def doc_url(doc_id: str, q: str = "", lang: str = "") -> str:
    """``/doc/<id>``, the id percent-encoded whole (slashes too), keeping the query and the
    interface language the URL chose."""
    url = "/doc/" + quote(doc_id, safe="")
    params = [p for p in (("q", q), ("lang", lang)) if p[1]]
    return f"{url}?{urlencode(params)}" if params else url


def link(path: str = "/", **params: str) -> str:
    """``path`` with ``params``, empty ones left out (``lang=url_lang`` keeps a chosen language)."""
    pairs = [p for p in params.items() if p[1]]
    return f"{path}?{urlencode(pairs)}" if pairs else path


@dataclass(frozen=True)
class FacetRow:
    """One value of a sidebar facet as the page shows it: built here rather than in the
    template, where a macro call per value cost more than the counting."""

    value: str
    #: What the page shows: the value's label in the interface language (the link keeps ``value``).
    label: str
    count: int
    href: str
    active: bool


def facet_rows(name: str, counts: Sequence[Any], active: set[tuple[str, str]], links: Links,
               words: i18n.Words) -> list[FacetRow]:
    rows = []
    for f in counts:
        on = (name, f.value) in active
        href = links.without("filter", f"{name}={f.value}") if on else links.with_filter(name, f.value)
        rows.append(FacetRow(f.value, words.value(name, f.value), f.count, href, on))
    return rows


def hit_names(hit: SearchHit) -> list[tuple[str, str]]:
    """The names on a result that link to a filter, with their field."""
    return [(field, value) for field in HIT_NAME_FIELDS for value in getattr(hit, field)]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    since: str
    until: str


def histogram_complete(results: SearchResults) -> bool:
    """Whether ``results`` counted every year (and, when the histogram goes by month, every month)
    it needs, or facet-limit left some out."""
    left = results.facets_left_out
    if left.get("year"):
        return False
    if MONTH_FACET and left.get(MONTH_FACET):
        years = [int(f.value) for f in results.facets.get("year", ()) if f.value.isdigit()]
        return bool(years) and max(years) - min(years) >= MONTHS_UNDER_YEARS
    return True


def histogram(results: SearchResults) -> list[Bar]:
    """Bars by year (every year from the first to the last with matches), or by month
    when the years are few and the index has a month facet."""
    years = {int(f.value): f.count for f in results.facets.get("year", ()) if f.value.isdigit()}
    if not years:
        return []
    lo, hi = min(years), max(years)
    if MONTH_FACET and hi - lo < MONTHS_UNDER_YEARS and results.facets.get(MONTH_FACET):
        months = {f.value: f.count for f in results.facets[MONTH_FACET]}
        keys = [f"{y}-{m:02d}" for y in range(lo, hi + 1) for m in range(1, 13)]
        first = min(k for k in keys if k in months)
        last = max(k for k in keys if k in months)
        return [Bar(k, months.get(k, 0), k, k) for k in keys if first <= k <= last]
    return [Bar(str(y), years.get(y, 0), str(y), str(y)) for y in range(lo, hi + 1)]


# ---------------------------------------------------------------- the application


def create_app(index_dir: str | Path, *, log: Callable[[str], None] | None = None) -> Flask:
    """The web application over ``index_dir``, opened once and shared by every request.

    ``log`` receives one line per request (the CLI sends it to stderr; the library never prints).
    """
    index = open_index(index_dir)
    assets = {
        item.name: item.read_bytes()
        for item in resources.files("ipsearch.web").joinpath("static").iterdir()
        if item.is_file()
    }
    app = Flask(__name__, static_folder=None)
    app.url_map.merge_slashes = False  # an id is looked up as sent, never redirected to another
    app.config["IPSEARCH_INDEX"] = index
    app.jinja_env.globals.update(marked=marked, doc_url=doc_url, link=link, lang_tag=lang_tag,
                                 hit_names=hit_names, index_name=str(index_dir), languages=i18n.LANGUAGES,
                                 native_names=i18n.NATIVE_NAMES)

    @app.before_request
    def only_reads() -> None:
        g.started = time.perf_counter()
        url_lang = request.args.get("lang", "")
        g.url_lang = url_lang if url_lang in i18n.LANGUAGES else ""
        g.lang = i18n.choose(g.url_lang, (tag for tag, _ in request.accept_languages))
        if request.method not in ("GET", "HEAD"):
            abort(405)

    @app.context_processor
    def language() -> dict[str, Any]:
        lang = g.get("lang", i18n.LANGUAGES[0])
        return {"t": i18n.Words(lang), "lang": lang, "html_lang": i18n.HTML_LANG[lang],
                "url_lang": g.get("url_lang", "")}

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        if not g.get("url_lang") and response.mimetype == "text/html":
            response.vary.add("Accept-Language")  # the page's language came from the header
        if log is not None:
            ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
            log(f'{request.remote_addr or "-"} "{request.method} {request.full_path.rstrip("?")}" '
                f"{response.status_code} {ms:.0f} ms")
        return response

    def wants_json() -> bool:
        return request.path.startswith("/api/")

    @app.errorhandler(IpsearchError)
    def library_error(exc: IpsearchError) -> tuple[Any, int]:
        status = 404 if isinstance(exc, DocumentNotFoundError) else 400 if isinstance(exc, UsageError) else 500
        if wants_json():
            return {"error": str(exc)}, status
        return render_template("error.html", message=str(exc), status=status, q=request.args.get("q", ""),
                               links=Links(request.args, request.path)), status

    @app.errorhandler(404)
    @app.errorhandler(405)
    def http_error(exc: Any) -> tuple[Any, int]:
        status = exc.code
        key = "no_such_page" if status == 404 else "only_reads"
        if wants_json():
            return {"error": i18n.Words("en")(key)}, status
        words = i18n.Words(g.get("lang", i18n.LANGUAGES[0]))
        return render_template("error.html", message=words(key), status=status, q="", links=None), status

    @app.get("/")
    def page() -> Any:
        options = read_options(request.args)
        shown = options.facets or SIDEBAR_FACETS
        wanted = tuple(dict.fromkeys([*shown, *DATE_FACETS]))
        started = time.perf_counter()
        kwargs = {**options.search_kwargs(), "facets": wanted}
        results = index.search(options.q, **kwargs)
        dated = results
        if not histogram_complete(results):
            # more years (months) than facet-limit: the histogram needs them all, so count those
            # again, all of them, without a page of hits (rare: a limit of 20 covers most archives)
            dated = index.search(options.q, **{**kwargs, "facets": DATE_FACETS, "facet_limit": HISTOGRAM_VALUES,
                                              "limit": 1, "page": 1, "snippets": False})
        took = time.perf_counter() - started
        active = [(name, value) for name, values in options.filters.items() for value in values]
        links = Links(request.args)
        words = i18n.Words(g.lang)
        facets = {name: facet_rows(name, results.facets.get(name, ()), set(active), links, words) for name in shown}
        return render_template(
            "search.html", results=results, options=options, facets=facets, active=active, took=took,
            links=links, bars=histogram(dated), sorts=SORTS, shown=FACET_SHOWN,
            first=(results.page - 1) * results.limit + 1, q=options.q,
        )

    @app.get("/api/search")
    def api_search() -> Response:
        options = read_options(request.args)
        fmt = request.args.get("format") or "json"
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}")
        results = index.search(options.q, **options.search_kwargs())
        body = render.search_results(results, fmt) + "\n"  # what `ipsearch search --json` prints
        response = Response(body, content_type=f"{EXPORT_FORMATS[fmt]}; charset=utf-8")
        if fmt != "json":
            response.headers["Content-Disposition"] = f'attachment; filename="ipsearch-results.{fmt}"'
        return response

    @app.get("/doc/<path:doc_id>")
    def document(doc_id: str) -> Any:
        q = request.args.get("q", "")
        hit = index.get(display_name(doc_id), mark=q)
        similar = index.similar(hit.id, limit=SIMILAR_SHOWN)
        return render_template("doc.html", hit=hit, similar=similar, q=q, links=Links(request.args, request.path))

    @app.get("/api/doc/<path:doc_id>")
    def api_document(doc_id: str) -> Response:
        hit = index.get(display_name(doc_id))
        return Response(render.to_json(hit.to_dict()) + "\n", content_type="application/json; charset=utf-8")

    @app.get("/syntax")
    def syntax() -> Any:
        return render_template("syntax.html", q=request.args.get("q", ""), links=Links(request.args, request.path))

    @app.get("/static/<name>")
    def asset(name: str) -> Response:
        data = assets.get(name)
        if data is None:
            abort(404)
        response = Response(data, content_type=_ASSET_TYPES.get(Path(name).suffix, "application/octet-stream"))
        response.headers["Cache-Control"] = "max-age=3600"
        return response

    return app


def serve(index_dir: str | Path, host: str, port: int, *, log: Callable[[str], None] | None = None,
          ready: Callable[[str], None] | None = None, threads: int = 8) -> None:
    """Serve until interrupted, with waitress (a multi-threaded production WSGI server).

    ``ready`` receives the URL once the socket is bound (port 0 picks a free port).
    """
    from waitress.server import create_server

    app = create_app(index_dir, log=log)
    server: Any = create_server(app, host=host, port=port, threads=threads, ident="ipsearch")
    shown_host = f"[{host}]" if ":" in host else host
    if ready is not None:
        ready(f"http://{shown_host}:{server.effective_port}/")
    try:
        server.run()
    finally:
        server.close()
        app.config["IPSEARCH_INDEX"].close()
