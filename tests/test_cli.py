"""Step 7: the command line, through click's CliRunner (stdout and stderr apart)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipsearch.cli import main

from .conftest import CENTRAL_ASIA, KAZAKHSTAN_VISIT

HIT_KEYS = {"id", "path", "title", "date", "year", "score", "snippet", "language", "source", "people",
            "organizations", "countries", "places", "event_types"}


@pytest.fixture()
def run(default_index: Path):
    runner = CliRunner()

    def invoke(*args: str, index: Path | None = default_index):
        extra = ["--index-dir", str(index)] if index is not None and args and args[0] != "--help" else []
        return runner.invoke(main, [*args, *extra], catch_exceptions=False)

    return invoke


def test_search_text_output(run) -> None:
    result = run("search", "Kazakhstan", "memorandum")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == '2 results for "Kazakhstan memorandum"'
    assert "1. Shen Changyu Leads a Delegation to Visit Kazakhstan" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_search_json_contract(run) -> None:
    result = run("search", "--filter", "countries=Kazakhstan", "--facet", "countries", "--facet", "year", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"query", "total", "page", "limit", "hits", "facets", "suggestion"} <= set(data)
    assert data["total"] == 2 and {h["id"] for h in data["hits"]} == {KAZAKHSTAN_VISIT, CENTRAL_ASIA}
    for hit in data["hits"]:
        assert HIT_KEYS <= set(hit)
        assert isinstance(hit["countries"], list) and Path(hit["path"]).is_file()
    china = [f for f in data["facets"]["countries"] if f["value"] == "China"]
    assert china == [{"value": "China", "count": 2}]
    assert set(data["facets"]) == {"countries", "year"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_machine_formats(run, fmt: str) -> None:
    result = run("search", "Kazakhstan", "--format", fmt)
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in lines][0] == KAZAKHSTAN_VISIT
    else:
        assert lines[0].startswith("rank,id,title") and KAZAKHSTAN_VISIT in lines[1]


def test_stats_json(run, default_index: Path) -> None:
    data = json.loads(run("stats", "--json").stdout)
    assert data["documents"] == 5 and data["index_dir"] == str(default_index)


def test_show(run) -> None:
    result = run("show", KAZAKHSTAN_VISIT, "--json")
    data = json.loads(result.stdout)
    assert data["id"] == KAZAKHSTAN_VISIT and "Nurly Zhol" in data["body"]
    missing = run("show", "nope.txt")
    assert missing.exit_code == 1 and "no document with id 'nope.txt'" in missing.stderr


def test_show_text_lists_the_metadata_then_the_text(run, ix) -> None:
    hit = ix.get(KAZAKHSTAN_VISIT)
    lines = run("show", KAZAKHSTAN_VISIT).stdout.splitlines()
    assert lines[0] == hit.title
    assert f"id: {hit.id}" in lines and f"path: {hit.path}" in lines
    assert f"countries: {', '.join(hit.countries)}" in lines and f"people: {', '.join(hit.people)}" in lines
    blank = lines.index("")
    assert "\n".join(lines[blank + 1:]) == (hit.body or "").rstrip("\n")


def test_stats_text_agrees_with_the_library(run, ix) -> None:
    st = ix.stats()
    lines = run("stats").stdout.splitlines()
    assert f"documents: {st.documents}" in lines and f"schema version: {st.schema_version}" in lines
    languages = next(line for line in lines if line.startswith("languages: "))
    assert languages == "languages: " + ", ".join(f"{k} ({v})" for k, v in st.languages.items())
    facets = next(line for line in lines if line.startswith("distinct facet values: "))
    assert all(f"{name} {n}" in facets for name, n in st.facets.items()) and "month" in st.facets


def test_analyze_text_has_one_row_per_token(run) -> None:
    lines = run("analyze", "SIPO's 知识产权 of").stdout.splitlines()
    assert lines[0].split() == ["pos", "chars", "token"]
    rows = [line.split() for line in lines[1:]]
    assert rows[0][:3] == ["0", "0-6", "sipo"] and rows[-1][2:] == ["of", "(stop", "word)"]
    assert [r[2] for r in rows] == ["sipo", "知", "知识", "识", "识产", "产", "产权", "权", "of"]


def test_month_facet_in_value_order_with_a_limit(run, ix) -> None:
    counted = ix.search("", facets=["month"], facet_sort="value").facets["month"]
    assert len(counted) >= 2, "the corpus has articles of two months"
    out = run("search", "--facet", "month", "--facet-sort", "value", "--facet-limit", "1").stdout
    first = counted[0]
    assert f"  month: {first.value} ({first.count}) and {len(counted) - 1} more" in out.splitlines()


def test_a_negative_facet_limit_is_a_usage_error(run) -> None:
    result = run("search", "--facet", "countries", "--facet-limit", "-1")
    assert result.exit_code == 2 and "--facet-limit" in result.stderr


def test_analyze(run) -> None:
    result = run("analyze", "--json", "SIPO's 知识产权")
    assert [t["token"] for t in json.loads(result.stdout)] == ["sipo", "知", "知识", "识", "识产", "产", "产权", "权"]


def test_index_json_summary(tmp_path: Path, corpus_copy: Path) -> None:
    runner = CliRunner()
    (corpus_copy / "blank.txt").write_text("   ")
    result = runner.invoke(main, ["index", str(corpus_copy), "--index-dir", str(tmp_path / "ix"), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["added"] == 5 and data["documents"] == 5
    assert data["skipped"] == [{"path": "blank.txt", "reason": "no text (only whitespace)"}]
    again = json.loads(runner.invoke(main, ["index", str(corpus_copy), "--index-dir", str(tmp_path / "ix"), "--json"]).stdout)
    assert again["unchanged"] == 5 and again["added"] == 0 and again["updated"] == 0


def test_index_dir_from_environment(default_index: Path) -> None:
    result = CliRunner(env={"IPSEARCH_INDEX_DIR": str(default_index)}).invoke(main, ["stats", "--json"])
    assert json.loads(result.stdout)["documents"] == 5


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["search", "AND"], 2, "no searchable words"),
        (["search", "x", "--filter", "colour=red"], 2, "unknown filter field"),
        (["search", "x", "--filter", "countries"], 2, "FIELD=VALUE"),
        (["search", "x", "--since", "last week"], 2, "not a date"),
        (["search", "x", "--limit", "0"], 2, "limit"),
        (["search", "x", "--facet", "colour"], 2, "colour"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run, args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_index_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "x", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: no index at") and len(result.stderr.strip().splitlines()) == 1


def test_first_search_builds_the_default_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ipsearch.cli as cli

    monkeypatch.setattr(cli, "default_index", lambda: tmp_path / "index")
    result = CliRunner().invoke(main, ["search", "Kazakhstan memorandum", "--json"])
    assert result.exit_code == 0
    assert "first run" in result.stderr
    data = json.loads(result.stdout)
    assert data["hits"][0]["title"] == "Shen Changyu Leads a Delegation to Visit Kazakhstan"


@pytest.mark.parametrize("command", ["index", "search", "show", "stats", "analyze", "eval", "serve"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout and "--index-dir" in result.stdout


# ---------------------------------------------------------------- did you mean, similar, explain


def test_misspelled_search_shows_the_corrected_results(run) -> None:
    result = run("search", "Kazakstan", "memorandom")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0] == '2 results for "Kazakhstan memorandum"'
    assert lines[1] == 'No results for "Kazakstan memorandom"; showing results for "Kazakhstan memorandum" instead.'
    assert "1. Shen Changyu Leads a Delegation to Visit Kazakhstan" in result.stdout
    data = json.loads(run("search", "Kazakstan", "--json").stdout)
    assert data["suggestion"] == "Kazakhstan" and data["corrected"] is True and data["query"] == "Kazakstan"


def test_did_you_mean_and_no_correct(run) -> None:
    assert 'Did you mean: "Changyu Shen"?' in run("search", "Changyu", "Shenn").stdout.splitlines()[1]
    exact = run("search", "Kazakstan", "--no-correct", "--json")
    data = json.loads(exact.stdout)
    assert data["total"] == 0 and data["suggestion"] == "Kazakhstan" and data["corrected"] is False
    assert 'Did you mean: "Kazakhstan"?' in run("search", "Kazakstan", "--no-correct").stdout


def test_search_explain(run) -> None:
    result = run("search", "Kazakhstan", "memorandum", "--explain", "--limit", "1")
    assert result.exit_code == 0
    assert "Parsed query: (body:kazakhstan OR" in result.stdout
    assert "= sum of:" in result.stdout and "body:memorandum" in result.stdout
    data = json.loads(run("search", "Kazakhstan", "--explain", "--json").stdout)
    top = data["hits"][0]
    assert top["explanation"].startswith(f"score {top['score']:.2f} = sum of:")


def test_similar_command(run) -> None:
    result = run("similar", KAZAKHSTAN_VISIT, "--limit", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == '4 articles similar to "Shen Changyu Leads a Delegation to Visit Kazakhstan"'
    assert "1. Joint Statement of the First China-Central Asia Heads" in result.stdout
    data = json.loads(run("similar", KAZAKHSTAN_VISIT, "--json").stdout)
    assert [h["id"] for h in data["hits"]][0] == CENTRAL_ASIA and KAZAKHSTAN_VISIT not in {h["id"] for h in data["hits"]}
    missing = run("similar", "nope.txt")
    assert missing.exit_code == 1 and "no document with id 'nope.txt'" in missing.stderr


def test_similar_has_help_with_an_example() -> None:
    result = CliRunner().invoke(main, ["similar", "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout and "--index-dir" in result.stdout


JUDGED = Path(__file__).parent / "fixtures" / "judged"


def test_eval_prints_the_three_figures(run) -> None:
    result = run("eval", str(JUDGED / "queries.jsonl"), str(JUDGED / "qrels.tsv"), "--per-query")
    assert result.exit_code == 0, result.stderr
    for label in ("nDCG@10", "MRR@10", "Recall@100", "without hits"):
        assert label in result.stdout
    assert "person-1" in result.stdout and "Shen Changyu" in result.stdout


def test_eval_json(run, tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('{"_id": "k", "text": "Kazakhstan memorandum"}\n')
    (tmp_path / "qrels.tsv").write_bytes(b"query-id\tcorpus-id\tscore\r\nk\tshen-changyu-visits-kazakhstan\t1\r\n")
    data = json.loads(run("eval", str(tmp_path / "q.jsonl"), str(tmp_path / "qrels.tsv"), "--json").stdout)
    assert data["queries"] == 1 and data["ndcg@10"] == 1.0 and data["mrr@10"] == 1.0 and data["recall@100"] == 1.0


def test_eval_bad_qrels_is_a_usage_error(run, tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('{"_id": "k", "text": "Kazakhstan"}\n')
    (tmp_path / "qrels.tsv").write_text("k\tdoc\n")
    result = run("eval", str(tmp_path / "q.jsonl"), str(tmp_path / "qrels.tsv"))
    assert result.exit_code == 2 and "qrels.tsv line 1" in result.stderr and result.stdout == ""


def test_the_entry_point_in_a_process_of_its_own(default_index: Path, tmp_path: Path) -> None:
    """``python -m ipsearch`` (as the ``ipsearch`` script): output, one-line errors, exit codes."""
    import subprocess
    import sys

    def ipsearch(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ipsearch", *args], capture_output=True, text=True)

    found = ipsearch("search", "Kazakhstan", "memorandum", "--json", "--index-dir", str(default_index))
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 2 and found.stderr == ""
    missing = ipsearch("search", "x", "--index-dir", str(tmp_path / "none"))
    assert missing.returncode == 1 and missing.stdout == "" and missing.stderr.startswith("Error: no index at")
    usage = ipsearch("search", "--limit", "0", "--index-dir", str(default_index))
    assert usage.returncode == 2 and "Invalid value for '--limit'" in usage.stderr
    index_help = ipsearch("index", "--help")
    assert index_help.returncode == 0 and "--batch-size N" in index_help.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_formats_without_a_notice_say_on_stderr_that_a_query_was_corrected(run, fmt: str) -> None:
    result = run("search", "Kazakstan", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert 'showing results for "Kazakhstan" instead' in result.stderr
    assert KAZAKHSTAN_VISIT in result.stdout


_USER_LEXICON = Path(__file__).resolve().parent / "fixtures" / "lexicon" / "user-lexicon.json"


def test_index_with_a_user_lexicon_then_filter_by_a_user_name(tmp_path: Path) -> None:
    runner = CliRunner()
    corpus, index = _USER_LEXICON.parent / "corpus", tmp_path / "index"
    result = runner.invoke(main, ["index", str(corpus), "--index-dir", str(index), "--lexicon", str(_USER_LEXICON),
                                  "--quiet", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 4
    result = runner.invoke(main, ["search", "--index-dir", str(index), "--filter", "people=艾格里姆·别科娃",
                                  "--facet", "organizations", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["total"] == 3 and {h["people"][0] for h in out["hits"]} == {"Aigerim Bekova"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"people": {"name": "Aigerim Bekova"}}', '"people" must be a list of entries'),
        ('{"organizations": [{"name": "Steppe Innovation Fund", "country": "Kazakstan"}]}',
         'organizations[0]: "country" must be a known country name ("Kazakstan")'),
        ('{"places": [{"name": ""}]}', 'places[0]: "name" must be a non-empty string'),
    ],
)
def test_a_bad_lexicon_file_is_one_line_and_exit_2(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "mine.json"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["index", str(_USER_LEXICON.parent / "corpus"), "--index-dir",
                                       str(tmp_path / "index"), "--lexicon", str(bad), "--quiet"])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"lexicon {bad}: " in lines[0] and message in lines[0] and "Traceback" not in lines[0]
