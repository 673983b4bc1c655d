"""The ``ipsearch`` command: parse options, call the library, print what :mod:`render` returns.

stdout carries results only; notices, progress and errors go to stderr. Every library
error becomes one line on stderr and its exit code (1 runtime, 2 usage), never a traceback.
"""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import render
from .errors import IndexNotFoundError, IpsearchError, UsageError
from .fields import FACET_FIELDS, FILTER_FIELDS
from .results import FACET_SORTS, SORTS

F = TypeVar("F", bound=Callable[..., Any])

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: A first search that finds another process building the default index waits for it.
FIRST_RUN_WAIT = 120.0


def default_corpus() -> Path:
    """The embedded corpus when running from a checkout, else ./docs_corpus."""
    bundled = PROJECT_ROOT / "docs_corpus"
    return bundled if bundled.is_dir() else Path("docs_corpus")


def default_index() -> Path:
    bundled = PROJECT_ROOT / "docs_corpus"
    return PROJECT_ROOT / "index" if bundled.is_dir() else Path("index")


def _use_color() -> bool:
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"Error: {render.clean(message)}", err=True)
    sys.exit(code)


def handle_errors(fn: F) -> F:
    """Turn library errors into one stderr line and their exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except IpsearchError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: still one line, with a way to see more
            if os.environ.get("IPSEARCH_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set IPSEARCH_DEBUG=1 for details)", 1)

    return wrapper  # type: ignore[return-value]


def index_dir_option(fn: F) -> F:
    """``--index-dir DIR`` or ``--opensearch URL``: where the index is, handed to the command
    as ``index_dir`` (a folder Path, or the URL string that ``open_index`` and
    ``build_index`` accept), so every command reaches either backend the same way."""

    @functools.wraps(fn)
    def wrapper(*args: Any, opensearch: str | None = None, **kwargs: Any) -> Any:
        if opensearch:
            from .backends import is_url

            if kwargs.get("index_dir") is not None:
                raise click.UsageError("give --index-dir or --opensearch, not both")
            if not is_url(opensearch):
                raise click.BadParameter(f"{opensearch!r} is not an http:// or https:// address",
                                         param_hint="--opensearch")
            kwargs["index_dir"] = opensearch.rstrip("/")
        return fn(*args, **kwargs)

    wrapper = click.option(
        "--opensearch",
        metavar="URL",
        envvar="IPSEARCH_OPENSEARCH",
        show_envvar=True,
        default=None,
        help="Use the OpenSearch index at URL (http://host:9200/NAME; NAME defaults to ipsearch) "
             "instead of an index folder. Needs: pip install 'ipsearch[opensearch]'.",
    )(wrapper)
    return click.option(
        "--index-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="IPSEARCH_INDEX_DIR",
        show_envvar=True,
        default=None,
        help="Index folder [default: index/ of the project].",
    )(wrapper)  # type: ignore[return-value]


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(fn)


class _Commands(click.Group):
    """Builds the ``index`` command only when it is asked for.

    Its option defaults come from the write path, whose import (corpus reading, metadata
    patterns: about 60 ms) no other command needs; ``search`` starts without it.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, "index"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "index" and cmd_name not in self.commands:
            self.add_command(_index_command())
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ipsearch")
def main() -> None:
    """Search news about international IP cooperation, in English and Chinese.

    \b
    Quick start:
      ipsearch search "Kazakhstan memorandum"
      ipsearch search --filter countries=Kazakhstan --facet countries --facet year
    """


# ---------------------------------------------------------------- index


def _progress_bar(total_hint: int | None = None) -> Any:
    return click.progressbar(length=max(total_hint or 0, 1), label="Indexing", file=sys.stderr, show_pos=True)


def run_index(corpus: Path | None, index_dir: Path, rebuild: bool, quiet: bool, **options: Any) -> Any:
    from .indexer import build_index

    if quiet or not sys.stderr.isatty():
        return build_index(corpus, index_dir, rebuild=rebuild, **options)
    bar: Any = None

    def progress(done: int, total: int, doc_id: str) -> None:
        nonlocal bar
        if bar is None:
            bar = _progress_bar(total).__enter__()
        bar.update(1)

    try:
        return build_index(corpus, index_dir, rebuild=rebuild, progress=progress, **options)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _index_command() -> click.Command:
    from .corpus import MAX_FILE_BYTES
    from .indexer import BATCH_SIZE

    @click.command()
    @click.argument("corpus", required=False, type=click.Path(path_type=Path))
    @index_dir_option
    @click.option("--rebuild", is_flag=True, help="Start from scratch instead of syncing.")
    @click.option("--remove", "remove", multiple=True, type=click.Path(path_type=Path), metavar="FOLDER",
                  help="Remove FOLDER and its documents from the index (repeatable).")
    @click.option("--allow-empty", is_flag=True,
                  help="Sync a folder that is missing or empty even though the index holds documents from it.")
    @click.option("--follow-links", is_flag=True, help="Index files that links lead to outside the corpus folder.")
    @click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
    @click.option("--wait", type=click.FloatRange(0, 3600), default=0, show_default=True, metavar="SECONDS",
                  help="If another process is writing to the index, wait this long for it before giving up.")
    @click.option("--max-file-mb", type=click.FloatRange(0.001, 2048), default=MAX_FILE_BYTES / 1048576,
                  show_default=True, metavar="MB", help="Skip files larger than this (with a reason in the summary).")
    @click.option("--batch-size", type=click.IntRange(1), default=BATCH_SIZE, show_default=True, metavar="N",
                  help="Commit every N documents: an interrupted run loses at most one batch.")
    @click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N",
                  help="Processes for a large batch (default: one per CPU, at most 4; 1: never split).")
    @click.option("--opensearch-index", default=None, metavar="NAME",
                  help="Index name in OpenSearch when the --opensearch URL names none [default: ipsearch].")
    @click.option("--lexicon", type=click.Path(path_type=Path), default=None, metavar="FILE",
                  help="Your own people, organizations and places (JSON, see the README); the index keeps it.")
    @json_option
    @handle_errors
    def index(corpus: Path | None, index_dir: Path | None, rebuild: bool, remove: tuple[Path, ...],
              allow_empty: bool, follow_links: bool, quiet: bool, wait: float,
              max_file_mb: float, batch_size: int, workers: int | None, opensearch_index: str | None,
              lexicon: Path | None, as_json: bool) -> None:
        """Sync the index with the files in CORPUS (default: the folders the index was built
        from; for a new index, the embedded docs_corpus/).

        New files are added, changed ones re-indexed, deleted ones removed; every file is
        accounted for in the summary, files that cannot be indexed with the reason. An
        interrupted run keeps what it committed; the next run finishes the work. A CORPUS
        the index does not know yet is added beside its other folders; a folder that is
        missing or empty while the index holds its documents is refused (--allow-empty).

        --lexicon FILE adds your own names (aliases in any script) to the built-in ones; the
        index keeps a copy and uses it in later runs too. A changed FILE re-extracts every
        document; an empty one ({}) goes back to the built-in names.

        With --opensearch URL the same extracted documents go to an OpenSearch 2.x cluster
        (pip install 'ipsearch[opensearch]'), synced the same way.

        \b
        Examples:
          ipsearch index ~/news --index-dir ~/news-index
          ipsearch index ~/more-news --index-dir ~/news-index     # a second folder
          ipsearch index --index-dir ~/news-index                  # sync both
          ipsearch index --remove ~/more-news --index-dir ~/news-index
          ipsearch index ~/news --opensearch http://127.0.0.1:9200/news
        """
        from urllib.parse import urlsplit

        from .backends import is_url

        if is_url(index_dir):
            from .backends.opensearch import index_corpus, remembered_folders as remembered_in, split_url

            if rebuild:
                raise UsageError("--rebuild applies to an index folder; an OpenSearch index is synced in place")
            if lexicon is not None:
                raise UsageError("--lexicon applies to an index folder; the OpenSearch backend uses the built-in names")
            base, name = split_url(str(index_dir))
            if opensearch_index and urlsplit(str(index_dir)).path.strip("/") == "":
                name = opensearch_index
            if corpus is None and not remove and not remembered_in(base, name):
                corpus = default_corpus()
            report = index_corpus(corpus, base, index=name, remove=remove, allow_empty=allow_empty,
                                  follow_links=follow_links, max_file_bytes=int(max_file_mb * 1048576))
        elif opensearch_index is not None:
            raise UsageError("--opensearch-index names an index in OpenSearch: give --opensearch URL too")
        else:
            from .indexer import remembered_folders

            target = index_dir or default_index()
            if corpus is None and not remove and not remembered_folders(target):
                corpus = default_corpus()
            report = run_index(corpus, target, rebuild, quiet, remove=remove, allow_empty=allow_empty,
                               follow_links=follow_links, lock_wait=wait, max_file_bytes=int(max_file_mb * 1048576),
                               batch_size=batch_size, workers=workers, lexicon=lexicon)
        if as_json:
            click.echo(render.to_json(report.to_dict()))
        else:
            click.echo(render.index_report(report, color=_use_color()))

    return index


# ---------------------------------------------------------------- search


def _parse_filters(values: tuple[str, ...]) -> dict[str, list[str]]:
    from .query import split_filters

    try:
        return split_filters(values)
    except UsageError as exc:
        raise click.BadParameter(str(exc), param_hint="--filter") from exc


def _open(index_dir: Path | str | None) -> Any:
    """Open the index; on first use of the default index, build it from the embedded corpus."""
    from .searcher import open_index

    target = index_dir or default_index()
    try:
        ix = open_index(target)
        if index_dir is not None or not ix.first_run_unfinished():
            return ix
        ix.close()  # another process is building it (or a first run was cut short): wait and finish it
        click.echo(f"The index {target} is being built (first run): waiting for it...", err=True)
    except IndexNotFoundError:
        if index_dir is not None:
            raise
        target = default_index()
        click.echo(f"No index yet: indexing {default_corpus()} into {target} (first run)...", err=True)
    run_index(default_corpus(), Path(target), rebuild=False, quiet=True, lock_wait=FIRST_RUN_WAIT)
    return open_index(target)


class _SearchCommand(click.Command):
    """Reads ``-word`` in a query as "exclude word", as a search box does, not as an option.

    Click would take ``-Geneva`` for an unknown option, and ``-facebook`` for ``-f acebook``.
    A dash word that is no option of this command (``-n5``, ``-p2`` and ``-fFIELD=VALUE`` are)
    is moved after ``--``, where click reads everything as query words.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            return super().parse_args(ctx, args)
        names = {name for param in self.get_params(ctx) for name in getattr(param, "opts", [])
                 + getattr(param, "secondary_opts", [])}
        options: list[str] = []
        words: list[str] = []
        for arg in args:
            (words if _is_exclusion(arg, names) else options).append(arg)
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


def _is_exclusion(arg: str, options: set[str]) -> bool:
    if not arg.startswith("-") or arg.startswith("--") or len(arg) < 3 or arg.split("=", 1)[0] in options:
        return False
    short, value = arg[:2], arg[2:]
    if short in ("-n", "-p") and value.isdigit():
        return False
    return not (short == "-f" and "=" in value)


@main.command(cls=_SearchCommand)
@click.argument("query", nargs=-1)
@index_dir_option
@click.option("--filter", "-f", "filters", multiple=True, metavar="FIELD=VALUE",
              help="Keep hits whose FIELD has VALUE (repeatable; one field ORs, fields AND). "
                   f"FIELD is one of: {', '.join(FILTER_FIELDS)}.")
@click.option("--since", metavar="DATE", help="Dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Dated on or before DATE.")
@click.option("--facet", "facets", multiple=True, type=click.Choice(FACET_FIELDS),
              help="Count the values of this field over all matches (repeatable).")
@click.option("--facet-sort", type=click.Choice(FACET_SORTS), default="count", show_default=True,
              help="Order facet values by how many matches have them, or by value (years and months in order).")
@click.option("--facet-limit", type=click.IntRange(0), default=20, show_default=True, metavar="N",
              help="Show at most N values per facet (the text output says how many more there are).")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True, help="Hits per page.")
@click.option("--page", "-p", type=click.IntRange(1), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(render.FORMATS), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the parsed query and what each term added to each hit's score.")
@click.option("--operator", type=click.Choice(["or", "and"]), default="or", show_default=True,
              help="and: every word must match (+word requires one word, -word excludes one).")
@click.option("--correct/--no-correct", "autocorrect", default=True, show_default=True,
              help="When nothing matches as typed, search the spelling suggestion instead.")
@click.option("--translate/--no-translate", default=True, show_default=True,
              help="Also search the words' translations (Chinese <-> English) at a lower weight; --explain lists them.")
@json_option
@handle_errors
def search(query: tuple[str, ...], index_dir: Path | None, filters: tuple[str, ...], since: str | None,
           until: str | None, facets: tuple[str, ...], facet_sort: Any, facet_limit: int, sort: Any, limit: int,
           page: int, fmt: str, explain: bool, operator: str, autocorrect: bool, translate: bool,
           as_json: bool) -> None:
    """Ranked search. QUERY is plain words or Whoosh syntax; empty lists everything.

    \b
    Examples:
      ipsearch search Kazakhstan memorandum
      ipsearch search '"heads meeting"' --sort newest
      ipsearch search --filter countries=Kazakhstan --facet countries --facet year --json
      ipsearch search 申长雨 --since 2019 --until 2023-12
      ipsearch search Kazakstan memorandom --explain
      ipsearch search WIPO -Geneva
      ipsearch search Kazakhstan memorandum --operator and
      ipsearch search --facet month --facet-sort value --facet-limit 1000
      ipsearch search 谅解备忘录 --explain --no-translate
    """
    parsed_filters = _parse_filters(filters)
    with _open(index_dir) as ix:
        results = ix.search(" ".join(query), filters=parsed_filters, since=since, until=until,
                            facets=facets, facet_sort=facet_sort, facet_limit=facet_limit, sort=sort,
                            limit=limit, page=page, explain=explain, autocorrect=autocorrect, operator=operator,
                            translate=translate)
    fmt = "json" if as_json else fmt
    if results.corrected and fmt in ("jsonl", "csv"):  # these carry no notice of their own
        click.echo(f'No results for "{results.query}"; showing results for "{results.suggestion}" instead.', err=True)
    click.echo(render.search_results(results, fmt, color=_use_color(), explain=explain))


@main.command()
@click.argument("doc_id")
@index_dir_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True, help="Articles to list.")
@click.option("--format", "fmt", type=click.Choice(render.FORMATS), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the key-term query and what each term added to each score.")
@json_option
@handle_errors
def similar(doc_id: str, index_dir: Path | None, limit: int, fmt: str, explain: bool, as_json: bool) -> None:
    """Articles most like DOC_ID: shared key terms and shared people, offices, countries, places.

    \b
    Example:
      ipsearch similar shen-changyu-visits-kazakhstan.txt --limit 3
    """
    with _open(index_dir) as ix:
        source = ix.get(doc_id)
        results = ix.similar(doc_id, limit=limit, explain=explain)
    noun = "article" if results.total == 1 else "articles"
    heading = f'{results.total} {noun} similar to "{source.title or doc_id}"'
    click.echo(render.search_results(results, "json" if as_json else fmt, color=_use_color(), explain=explain,
                                     heading=heading))


# ---------------------------------------------------------------- show / stats / analyze


@main.command()
@click.argument("doc_id")
@index_dir_option
@json_option
@handle_errors
def show(doc_id: str, index_dir: Path | None, as_json: bool) -> None:
    """Print one document: its metadata and full text.

    \b
    Example:
      ipsearch show cnipa-kipo-heads-meeting.txt
    """
    from .corpus import display_name

    with _open(index_dir) as ix:
        hit = ix.get(display_name(doc_id))  # a raw file name finds the id its odd bytes were escaped to
    click.echo(render.to_json(hit.to_dict()) if as_json else render.document(hit, color=_use_color()))


@main.command()
@index_dir_option
@json_option
@handle_errors
def stats(index_dir: Path | None, as_json: bool) -> None:
    """Summarise the index: documents, size, languages, facet values.

    \b
    Example:
      ipsearch stats --json
    """
    with _open(index_dir) as ix:
        st = ix.stats()
    click.echo(render.to_json(st.to_dict()) if as_json else render.stats(st, color=_use_color()))


@main.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--query", "query_mode", is_flag=True, help="Analyze as a query instead of as indexed text.")
@index_dir_option
@json_option
@handle_errors
def analyze(text: tuple[str, ...], query_mode: bool, index_dir: Path | None, as_json: bool) -> None:
    """Show the tokens the analyzer makes of TEXT (a debugging aid).

    \b
    Examples:
      ipsearch analyze "SIPO's delegation visited Genève"
      ipsearch analyze 国家知识产权局与韩国知识产权局签署备忘录
    """
    from .analysis import analyze as run

    rows = run(" ".join(text), mode="query" if query_mode else "index")
    click.echo(render.tokens(rows, "json" if as_json else "text"))


# ---------------------------------------------------------------- serve


@main.command()
@index_dir_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines read the index.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@handle_errors
def serve(index_dir: Path | None, host: str, port: int) -> None:
    """Serve a read-only web page and JSON API over the index until Ctrl-C.

    The page and /api/search take the search command's options as query parameters
    (q, filter, facet, since, until, sort, limit, page, operator, facet-sort,
    facet-limit, correct, translate); /api/search answers what
    `search --json` prints. Needs the web extra: pip install 'ipsearch[web]'.

    \b
    Example:
      ipsearch serve --index-dir ~/news-index --port 8000
    """
    try:
        from .web import serve as run_server
        from .web.app import is_loopback
    except ImportError as exc:
        raise UsageError(f"serve needs the web extra ({exc.name} is missing): pip install 'ipsearch[web]'") from exc
    target = index_dir or default_index()
    _open(index_dir).close()  # a missing default index is built first, as search does
    if not is_loopback(host):
        click.echo(f"Warning: listening on {host}: the page is read-only but anyone who can reach it "
                   "can read the whole index (no authentication)", err=True)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:
        run_server(target, host, port, log=lambda line: click.echo(line, err=True),
                   ready=lambda url: click.echo(f"Serving {target} at {url}", err=True))
    except KeyboardInterrupt:  # before the server loop, which takes Ctrl-C itself and returns
        pass
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; try another --port") from exc
    click.echo("Stopped.", err=True)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


# ---------------------------------------------------------------- eval


@main.command("eval")
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("qrels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_dir_option
@click.option("--per-query", is_flag=True, help="Also print each query's figures, worst first.")
@json_option
@handle_errors
def eval_(queries: Path, qrels: Path, index_dir: Path | None, per_query: bool, as_json: bool) -> None:
    """Measure ranking quality: nDCG@10, MRR@10 and Recall@100 of the default search.

    QUERIES is BEIR-style JSONL ({"_id": ..., "text": ...} a line); QRELS is TSV
    `query-id corpus-id score` (a header line is fine). Corpus ids are file names
    without extension.

    \b
    Example:
      ipsearch eval queries.jsonl qrels/test.tsv --index-dir scifact-index --per-query
    """
    from .evaluation import evaluate, read_qrels, read_queries

    texts, judged = read_queries(queries), read_qrels(qrels)
    with _open(index_dir) as ix:
        bar: Any = None

        def progress(done: int, total: int, query_id: str) -> None:
            nonlocal bar
            if bar is None and sys.stderr.isatty():
                bar = click.progressbar(length=total, label="Evaluating", file=sys.stderr).__enter__()
            if bar is not None:
                bar.update(1)

        try:
            report = evaluate(ix, texts, judged, progress=progress)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    if report.unknown_ids:
        shown = ", ".join(report.unknown_ids[:5]) + (" ..." if len(report.unknown_ids) > 5 else "")
        click.echo(f"{len(report.unknown_ids)} judged document ids are not in the index: {shown}", err=True)
    if as_json:
        click.echo(render.to_json(report.to_dict(per_query=per_query)))
    else:
        click.echo(render.eval_report(report, per_query=per_query, color=_use_color()))


def run() -> None:
    """The console entry point (``ipsearch``, ``python -m ipsearch``)."""
    try:
        main(prog_name="ipsearch")
    finally:
        # The process ends here. Objects frozen now are left out of the interpreter's last
        # garbage collection, a walk over every imported module's objects (~15 ms of a search).
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
