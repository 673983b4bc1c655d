"""`ipsearch serve`'s routes, through Flask's test client, on a real index (#15)."""

from __future__ import annotations

import html
import json
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

import ipsearch
from ipsearch.cli import main
from ipsearch.fields import BY_NAME, FACET_FIELDS
from ipsearch.results import FacetCount, SearchResults
from ipsearch.web import app as web_app
from ipsearch.web import create_app, i18n

from .conftest import HOSTILE_NAME, KAZAKHSTAN_VISIT

BILINGUAL_ZH = "bilingual/kazakhstan-ip-memorandum-zh-hans.txt"


@pytest.fixture(scope="module")
def client(web_index: Path):
    lines: list[str] = []
    app = create_app(web_index, log=lines.append)
    app.config["log_lines"] = lines
    yield app.test_client()
    app.config["IPSEARCH_INDEX"].close()


def cli_json(web_index: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--index-dir", str(web_index), "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def text_of(page: bytes) -> str:
    """The page's visible text, roughly: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page.decode()))


# ---------------------------------------------------------------- the one contract


@pytest.mark.parametrize("params, cli_args", [
    ("q=Kazakhstan+memorandum", ["search", "Kazakhstan", "memorandum"]),
    ("q=patent&filter=countries%3DJapan&facet=countries&facet=year&sort=newest&limit=3&page=2",
     ["search", "patent", "--filter", "countries=Japan", "--facet", "countries", "--facet", "year", "--sort",
      "newest", "--limit", "3", "--page", "2"]),
    ("q=%E4%B8%93%E5%88%A9&since=2020&until=2022-06&facet=language", ["search", "专利", "--since", "2020", "--until",
                                                                       "2022-06", "--facet", "language"]),
    ("q=memorandm", ["search", "memorandm"]),
    ("q=patent+office+Kazakhstan&operator=and", ["search", "patent", "office", "Kazakhstan", "--operator", "and"]),
    ("q=patent+office+Kazakhstan&operator=or", ["search", "patent", "office", "Kazakhstan", "--operator", "or"]),
    ("q=patent&facet=countries&facet=year&facet-sort=value&facet-limit=3",
     ["search", "patent", "--facet", "countries", "--facet", "year", "--facet-sort", "value", "--facet-limit", "3"]),
    ("q=memorandm&correct=no", ["search", "memorandm", "--no-correct"]),
    ("q=%E5%A4%87%E5%BF%98%E5%BD%95&translate=no", ["search", "备忘录", "--no-translate"]),
    ("q=%E5%A4%87%E5%BF%98%E5%BD%95&translate=yes&correct=on", ["search", "备忘录"]),
    ("q=Kazakhstan+memorandum&explain=yes", ["search", "Kazakhstan", "memorandum", "--explain"]),
    ("q=%E5%A4%87%E5%BF%98%E5%BD%95&explain=1", ["search", "备忘录", "--explain"]),
    ("q=Kazakhstan&explain=no", ["search", "Kazakhstan"]),
])
def test_api_search_answers_what_search_json_prints(client, web_index: Path, params: str, cli_args: list[str]) -> None:
    response = client.get(f"/api/search?{params}")
    assert response.status_code == 200
    assert response.content_type.startswith("application/json")
    assert response.get_data(as_text=True) == cli_json(web_index, *cli_args)


def test_explain_shows_the_parsed_query_translations_and_each_hits_score(client) -> None:
    page = client.get("/?q=%E5%A4%87%E5%BF%98%E5%BD%95&explain=yes").get_data(as_text=True)
    assert re.search(r"Parsed query: <code>[^<]*body:备忘", page)
    assert re.search(r"Translated: <code>[^<]*memorand", page)
    assert re.search(r'<details class="explain"><summary>Score \d+\.\d\d</summary><pre>[^<]*\d', page)
    plain = client.get("/?q=%E5%A4%87%E5%BF%98%E5%BD%95").get_data(as_text=True)
    assert 'class="explain"' not in plain


def test_api_doc_answers_what_show_json_prints(client, web_index: Path) -> None:
    response = client.get("/api/doc/" + quote(BILINGUAL_ZH, safe=""))
    assert response.status_code == 200
    assert response.get_data(as_text=True) == cli_json(web_index, "show", BILINGUAL_ZH)


def test_exports_are_the_cli_formats(client, web_index: Path) -> None:
    for fmt in ("csv", "jsonl"):
        response = client.get(f"/api/search?q=patent&format={fmt}")
        expected = CliRunner().invoke(main, ["search", "patent", "--format", fmt, "--index-dir", str(web_index)])
        assert response.status_code == 200
        assert response.get_data(as_text=True) == expected.stdout
        assert "attachment" in response.headers["Content-Disposition"]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("url, status, message", [
    ("/api/search?q=title:(", 400, "needs a value right after the colon"),
    ("/api/search?limit=0", 400, "limit must be a whole number between 1 and 1000"),
    ("/api/search?limit=ten", 400, "limit must be a whole number"),
    ("/api/search?sort=best", 400, "unknown sort 'best'"),
    ("/api/search?explain=maybe", 400, "explain must be one of"),
    ("/api/search?facet=colour", 400, "unknown facet 'colour'"),
    ("/api/search?filter=countries", 400, "is not FIELD=VALUE"),
    ("/api/search?format=xml", 400, "unknown format 'xml'"),
    ("/api/search?since=abc", 400, "'abc' is not a date"),
    ("/api/search?until=2020-13", 400, "is not a valid date"),
    ("/api/search?page=0", 400, "page must be a whole number 1 or more"),
    ("/api/search?filter=colour%3Dred", 400, "unknown filter field 'colour'"),
    ("/api/search?facet-sort=alpha", 400, "unknown facet_sort 'alpha'"),
    ("/api/search?facet-limit=-1", 400, "facet_limit must be a whole number 0 or more"),
    ("/api/search?correct=maybe", 400, "correct must be one of"),
    ("/api/search?translate=2", 400, "translate must be one of"),
    ("/api/doc/no-such-file.txt", 404, "no document with id 'no-such-file.txt'"),
    ("/api/nothing-here", 404, "no such page"),
])
def test_api_errors_are_one_json_line(client, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert message in error and "\n" not in error


def test_page_errors_keep_the_search_box(client) -> None:
    response = client.get("/?q=title:(")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="q"' in page and 'value="title:("' in page and 'role="alert"' in page
    message = re.search(r'<p id="error-message">([^<]+)</p>', page)
    assert message and "\n" not in message.group(1)
    assert html.unescape(message.group(1)) == client.get("/api/search?q=title:(").get_json()["error"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_reads(client, method: str) -> None:
    for url in ("/", "/api/search", "/doc/" + KAZAKHSTAN_VISIT):
        assert client.open(url, method=method).status_code == 405
    assert client.head("/?q=patent").status_code == 200


@pytest.mark.parametrize("url", ["/doc/..%2F..%2Fetc%2Fpasswd", "/doc/../../etc/passwd", "/api/doc/%2Fetc%2Fpasswd",
                                 "/static/..%2F..%2Fpyproject.toml", "/static/app.py", "/doc/"])
def test_no_url_reaches_the_file_system(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert b"root:" not in response.data and b"[project]" not in response.data


# ---------------------------------------------------------------- safety


def test_every_response_has_the_security_headers(client) -> None:
    for url in ("/", "/?q=patent", "/api/search?q=x", "/doc/" + KAZAKHSTAN_VISIT, "/static/style.css", "/nope"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_document_markup_shows_as_text(client) -> None:
    for url in ("/?q=examiners+Japan", "/doc/" + HOSTILE_NAME + "?q=examination", "/?q=%3Cscript%3E",
                "/?filter=" + quote("people=<img src=x onerror=alert(3)>")):
        page = client.get(url).get_data(as_text=True)
        scripts = re.findall(r"<script[^>]*>", page)
        assert scripts == ['<script src="/static/app.js" defer>'], url  # only our own file
        assert "<img" not in page and "</title><" not in page.split("</head>", 1)[1], url
        assert "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "").replace("onerror=alert(3)&gt;", "") \
            or "&lt;img" in page
    body = client.get("/doc/" + HOSTILE_NAME).get_data(as_text=True)
    assert "&lt;script&gt;document.title=" in body and "&lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;" in body
    assert "&amp; &lt;b&gt;training&lt;/b&gt;" in body


def test_no_inline_script_or_style(client) -> None:
    page = client.get("/?q=patent").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "<style" not in page
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers


# ---------------------------------------------------------------- the page


def test_page_shows_results_count_and_facets_with_filter_links(client) -> None:
    response = client.get("/?q=patent")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    total = ipsearch.open_index(client.application.config["IPSEARCH_INDEX"].index_dir).search("patent").total
    assert re.search(rf"<strong>{total}</strong> results", page)
    for label in ("Countries", "Organizations", "People", "Places", "Event types", "Language", "Year"):
        assert f">{label}</h2>" in page
    assert 'href="/?q=patent&amp;filter=countries%3DJapan"' in page


def test_long_facet_lists_fold_the_rest_under_more(client) -> None:
    page = client.get("/?facet=countries").get_data(as_text=True)
    section = page[page.index('<section class="facet" aria-labelledby="facet-countries">'):]
    section = section[:section.index("</section>")]
    head, _, folded = section.partition("<details><summary>more")
    assert len(re.findall(r"data-facet=", head)) == web_app.FACET_SHOWN and re.findall(r"data-facet=", folded)


def test_count_time_and_export_links_follow_the_search(client) -> None:
    page = client.get("/?q=patent&filter=countries%3DJapan&sort=newest&limit=5&page=2").get_data(as_text=True)
    assert re.search(r'<p id="count" role="status"><strong>\d+</strong> results.*<span class="took">\(\d+ ms\)</span>',
                     page)
    exports = [html.unescape(h) for h in re.findall(r'href="(/api/search[^"]*format=[^"]*)"', page)]
    assert exports == [f"/api/search?q=patent&filter=countries%3DJapan&sort=newest&limit=5&page=2&format={f}"
                       for f in ("csv", "jsonl", "json")]
    assert client.get(exports[0]).get_data(as_text=True).count("\n") <= 6  # a header and this page's hits


def test_filter_chip_removes_its_filter_and_counts_follow(client) -> None:
    page = client.get("/?q=patent&filter=countries%3DJapan").get_data(as_text=True)
    expected = ipsearch.open_index(client.application.config["IPSEARCH_INDEX"].index_dir).search(
        "patent", filters={"countries": ["Japan"]}).total
    assert re.search(rf"<strong>{expected}</strong> result", page)
    assert 'aria-label="Remove filter Countries: Japan"' in page
    assert re.search(r'href="/\?q=patent"\s+aria-label="Remove filter Countries: Japan"', page)


def test_histogram_bars_set_a_date_range(client) -> None:
    page = client.get("/?q=patent").get_data(as_text=True)
    svg = page[page.index("<svg"):page.index("</svg>")]
    bars = re.findall(r'<a href="([^"]+)" aria-label="(\d{4}): (\d+)"', svg)
    assert len(bars) >= 2
    years = [int(y) for _, y, _ in bars]
    assert years == list(range(min(years), max(years) + 1))  # every year, gaps as empty bars
    href, year, count = bars[0]
    assert f"since={year}" in href and f"until={year}" in href
    narrowed = client.get(html.unescape(href)).get_data(as_text=True)
    assert re.search(rf"<strong>{count}</strong> result", narrowed)
    # one year: the bars go by month, and each sets a month range
    months = re.findall(r'<a href="([^"]+)" aria-label="(\d{4}-\d{2}): (\d+)"', narrowed)
    assert months and all(m.startswith(year) for _, m, _ in months)
    assert sum(int(c) for _, _, c in months) <= int(count)
    assert f"since={months[0][1]}" in months[0][0] and f"until={months[0][1]}" in months[0][0]


def test_did_you_mean_is_a_link(client) -> None:
    page = client.get("/?q=memorandm").get_data(as_text=True)
    assert re.search(r'<a href="/\?q=memorandum">memorandum</a>', page)
    # not corrected (correct=no): the search as typed, and the suggestion as a question with a link
    asked = client.get("/?q=memorandm&correct=no").get_data(as_text=True)
    assert re.search(r'<p class="didyoumean">Did you mean <a href="/\?correct=no&amp;q=memorandum">memorandum</a>\?</p>',
                     asked)
    assert "<strong>0</strong> results" in asked


def test_query_syntax_is_one_click_away_and_every_asset_is_local(client) -> None:
    page = client.get("/?q=patent").get_data(as_text=True)
    assert re.search(r'<a id="syntax-link" class="syntax" href="/syntax\?q=patent">Query syntax</a>', page)
    assert 'aria-describedby="syntax-link"' in page
    help_page = client.get("/syntax?q=patent").get_data(as_text=True)
    for example in ("&#34;heads meeting&#34;", "patent AND trademark", "exam*", "title:seminar", "filter=countries=Japan"):
        assert example in help_page or html.unescape(example) in help_page, example
    for url in ("/?q=patent", "/doc/" + KAZAKHSTAN_VISIT, "/syntax"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r'(?:src|href)="(?:https?:)?//', page), url  # nothing from another host
        assert '<a class="skip" href="#main">' in page and '<main id="main">' in page


def test_one_index_shared_by_threads_answers_each_as_alone(client) -> None:
    from concurrent.futures import ThreadPoolExecutor

    urls = ["/api/search?q=patent&facet=countries", "/api/search?q=%E4%B8%93%E5%88%A9&facet=year",
            "/api/search?q=memorandm", "/api/doc/" + KAZAKHSTAN_VISIT, "/api/search?filter=countries%3DJapan"] * 4
    alone = {url: client.get(url).get_data() for url in urls}
    app = client.application

    def fetch(url: str) -> bytes:
        return app.test_client().get(url).get_data()

    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(fetch, urls))
    assert together == [alone[url] for url in urls]


def test_snippets_mark_both_scripts_and_names_link_to_filters(client) -> None:
    page = client.get("/?q=%E5%93%88%E8%90%A8%E5%85%8B%E6%96%AF%E5%9D%A6").get_data(as_text=True)  # 哈萨克斯坦
    marks = set(re.findall(r"<mark>([^<]+)</mark>", page))
    assert "Kazakhstan" in marks and any("哈萨克" in m for m in marks)
    assert 'class="name countries"' in page and "filter=countries%3DKazakhstan" in page


def test_pagination_and_sort_are_links(client) -> None:
    page = client.get("/?limit=5&sort=newest").get_data(as_text=True)
    assert 'href="/?limit=5&amp;sort=newest&amp;page=2" rel="next"' in page
    second = client.get("/?limit=5&sort=newest&page=2").get_data(as_text=True)
    assert 'rel="prev"' in second and "Page 2 of" in second


def test_document_page_marks_query_words_and_names_and_lists_similar(client) -> None:
    page = client.get(f"/doc/{KAZAKHSTAN_VISIT}?q=memorandum").get_data(as_text=True)
    marks = {m.lower() for m in re.findall(r"<mark>([^<]+)</mark>", page)}
    assert {"memorandum", "kazakhstan", "shen", "changyu"} <= marks
    assert "Similar articles" in page and page.count('href="/doc/') >= 2


def test_document_ids_with_slashes_and_chinese_pages(client) -> None:
    page = client.get("/doc/" + quote(BILINGUAL_ZH, safe="")).get_data(as_text=True)
    assert 'lang="zh-Hans"' in page or 'lang="zh"' in page
    assert "哈萨克斯坦" in text_of(page.encode())


def test_assets_are_served_from_memory_with_types(client) -> None:
    css = client.get("/static/style.css")
    js = client.get("/static/app.js")
    assert css.status_code == js.status_code == 200
    assert css.content_type.startswith("text/css") and js.content_type.startswith("text/javascript")


def test_one_log_line_per_request(client) -> None:
    lines = client.application.config["log_lines"]
    before = len(lines)
    client.get("/api/search?q=patent")
    client.get("/nope")
    assert len(lines) == before + 2
    assert '"GET /api/search?q=patent" 200' in lines[-2] and '"GET /nope" 404' in lines[-1]


def test_a_running_server_sees_new_commits(web_index: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Patent office opens\n2020-01-02\n\nThe patent office opened.\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    ipsearch.build_index(corpus, index_dir)
    app = create_app(index_dir)
    c = app.test_client()
    assert c.get("/api/search?q=patent").get_json()["total"] == 1
    (corpus / "b.txt").write_text("Another patent office\n2020-02-02\n\nA patent office too.\n", encoding="utf-8")
    ipsearch.build_index(corpus, index_dir)
    assert c.get("/api/search?q=patent").get_json()["total"] == 2
    app.config["IPSEARCH_INDEX"].close()


# ---------------------------------------------------------------- the command


def test_serve_prints_its_url_logs_requests_and_stops_cleanly_on_ctrl_c(web_index: Path) -> None:
    cmd = [sys.executable, "-m", "ipsearch", "serve", "--index-dir", str(web_index), "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline() if proc.stderr else ""
        m = re.match(rf"Serving {re.escape(str(web_index))} at (http://127\.0\.0\.1:\d+/)$", first.strip())
        assert m, first
        with urllib.request.urlopen(m.group(1) + "api/search?q=patent") as response:
            assert json.load(response)["total"] > 0
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert out == ""
    assert '"GET /api/search?q=patent" 200' in err and "Traceback" not in err
    assert err.rstrip().endswith("Stopped.")


def test_serve_stops_cleanly_on_sigterm(web_index: Path) -> None:
    cmd = [sys.executable, "-m", "ipsearch", "serve", "--index-dir", str(web_index), "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None and proc.stderr.readline().startswith("Serving ")
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "Stopped." in err and "Traceback" not in err


def test_serve_warns_when_not_on_loopback(web_index: Path) -> None:
    cmd = [sys.executable, "-m", "ipsearch", "serve", "--index-dir", str(web_index), "--host", "0.0.0.0", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        warning = proc.stderr.readline() if proc.stderr else ""
        serving = proc.stderr.readline() if proc.stderr else ""
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "read-only" in warning and "no authentication" in warning
    assert serving.startswith("Serving ")


def test_serve_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "ipsearch index" in result.stderr and "Traceback" not in result.output



# ---------------------------------------------------------------- the histogram and the operator option


def _results_with(years: dict[str, int], months: dict[str, int] | None = None) -> SearchResults:
    facets = {"year": tuple(FacetCount(y, c) for y, c in years.items())}
    if months is not None:
        facets["month"] = tuple(FacetCount(m, c) for m, c in months.items())
    return SearchResults(query="", total=sum(years.values()), page=1, limit=10, hits=(), facets=facets)


def test_histogram_has_a_bar_for_every_year_between_the_first_and_last(monkeypatch) -> None:
    monkeypatch.setattr(web_app, "MONTH_FACET", None)
    bars = web_app.histogram(_results_with({"2023": 4, "2019": 2, "2021": 1}))
    assert [(b.label, b.count, b.since, b.until) for b in bars] == [
        ("2019", 2, "2019", "2019"), ("2020", 0, "2020", "2020"), ("2021", 1, "2021", "2021"),
        ("2022", 0, "2022", "2022"), ("2023", 4, "2023", "2023")]
    assert web_app.histogram(_results_with({})) == []


def test_histogram_goes_by_month_when_the_years_are_few_and_months_are_counted(monkeypatch) -> None:
    monkeypatch.setattr(web_app, "MONTH_FACET", "month")
    bars = web_app.histogram(_results_with({"2021": 3, "2022": 1}, {"2021-11": 2, "2022-02": 1, "2021-12": 1}))
    assert [(b.label, b.count) for b in bars] == [("2021-11", 2), ("2021-12", 1), ("2022-01", 0), ("2022-02", 1)]
    assert bars[0].since == bars[0].until == "2021-11"
    wide = web_app.histogram(_results_with({"2015": 1, "2022": 1}, {"2015-01": 1, "2022-02": 1}))
    assert [b.label for b in wide][:2] == ["2015", "2016"]  # many years: by year


def test_operator_and_narrows_what_or_finds(client) -> None:
    either = client.get("/api/search?q=patent+office+Kazakhstan").get_json()
    both = client.get("/api/search?q=patent+office+Kazakhstan&operator=and").get_json()
    assert 0 < both["total"] < either["total"]
    response = client.get("/api/search?q=patent&operator=xor")
    assert response.status_code == 400 and "\n" not in response.get_json()["error"]


def test_an_active_facet_value_is_marked_and_removes_its_filter(client) -> None:
    page = client.get("/?q=patent&filter=countries%3DJapan").get_data(as_text=True)
    assert re.search(r'<a href="/\?q=patent" class="on" aria-current="true" data-facet="countries"[^>]*>Japan</a>', page)


# ---------------------------------------------------------------- the interface in English and Chinese

ZH_BROWSER = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.6"}
EN_BROWSER = {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}


def test_the_browser_language_chooses_the_interface(client) -> None:
    zh = client.get("/?q=patent", headers=ZH_BROWSER)
    page = zh.get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page and "Accept-Language" in zh.headers["Vary"]
    # field labels come from the registry's Chinese labels, messages from the table
    for field in ("countries", "organizations", "year"):
        assert f">{BY_NAME[field].label_zh}</h2>" in page
    assert re.search(r"<strong>\d+</strong> 条结果", page) and 'aria-label="筛选"' in page
    assert 'placeholder="搜索（按 / 键聚焦）"' in page and '<label for="q" class="sr-only">搜索文章</label>' in page
    en = client.get("/?q=patent", headers=EN_BROWSER).get_data(as_text=True)
    assert '<html lang="en">' in en and ">Countries</h2>" in en and "条结果" not in en
    assert '<html lang="en">' in client.get("/?q=patent", headers={"Accept-Language": "fr, de;q=0.5"}).get_data(
        as_text=True)  # a language we do not speak: English


def test_lang_in_the_url_wins_and_is_kept_in_every_link(client) -> None:
    response = client.get("/?q=patent&facet=countries&limit=5&lang=zh", headers=EN_BROWSER)
    page = response.get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page and "Accept-Language" not in response.headers.get("Vary", "")
    links = [html.unescape(h) for h in re.findall(r'<a (?!lang=)[^>]*href="(/[^"]*)"', page)]  # all but the switch
    searches = [h for h in links if h.startswith(("/?", "/doc/", "/syntax"))]
    assert len(searches) > 10 and all("lang=zh" in h for h in searches), [h for h in searches if "lang=zh" not in h]
    assert '<input type="hidden" name="lang" value="zh">' in page  # a new search stays in Chinese
    # the switch: this very page in English
    switch = re.search(r'<a lang="en" hreflang="en" href="([^"]+)">English</a>', page)
    assert switch and html.unescape(switch.group(1)) == "/?q=patent&facet=countries&limit=5&lang=en"
    english = client.get(html.unescape(switch.group(1)), headers=ZH_BROWSER).get_data(as_text=True)
    assert '<html lang="en">' in english and ">Countries</h2>" in english
    assert re.search(r'<a lang="zh" hreflang="zh" href="/\?q=patent&amp;facet=countries&amp;limit=5&amp;lang=zh">中文',
                     english)
    # a page number survives the switch; exports stay the CLI's (no lang)
    second = client.get("/?q=patent&limit=5&page=2&lang=zh").get_data(as_text=True)
    assert 'href="/?q=patent&amp;limit=5&amp;lang=en&amp;page=2">English' in second
    assert all("lang=" not in h for h in re.findall(r'href="(/api/search[^"]*)"', page))


def test_chinese_messages_correction_no_results_and_more(client) -> None:
    page = client.get("/?q=memorandm&lang=zh").get_data(as_text=True)
    assert re.search(r'“memorandm”没有结果。以下是这个词的结果： <a href="/\?lang=zh&amp;q=memorandum">memorandum</a>', page)
    none = client.get("/?q=patent&filter=countries%3DAtlantis&lang=zh").get_data(as_text=True)
    assert "<strong>0</strong> 条结果" in none and "没有匹配的文章" in none
    assert "No articles match" in client.get("/?q=patent&filter=countries%3DAtlantis").get_data(as_text=True)
    many = client.get("/?facet=countries&lang=zh").get_data(as_text=True)
    assert len(re.findall(r'data-facet="countries"', many)) > web_app.FACET_SHOWN and "<summary>更多" in many


def test_chinese_document_error_and_syntax_pages(client) -> None:
    doc = client.get(f"/doc/{KAZAKHSTAN_VISIT}?q=memorandum&lang=zh").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in doc and "相似文章" in doc and "← 返回搜索" in doc
    assert f"<dt>{BY_NAME['countries'].label_zh}</dt>" in doc
    assert 'href="/?q=memorandum&amp;lang=zh">← 返回搜索' in doc
    similar = re.findall(r'<a (?!lang=)[^>]*href="(/doc/[^"]+)"', doc)
    assert similar and all("lang=zh" in h for h in similar)
    assert 'hreflang="en" href="/doc/' in doc  # the switch stays on this document
    missing = client.get("/doc/no-such-file.txt?lang=zh")
    assert missing.status_code == 404 and "未找到" in missing.get_data(as_text=True)
    assert client.get("/api/nothing-here?lang=zh").get_json() == {"error": "no such page"}  # the API speaks English
    assert "查询语法" in client.get("/syntax?lang=zh").get_data(as_text=True)


def test_the_api_ignores_the_interface_language(client) -> None:
    plain = client.get("/api/search?q=patent&facet=countries").get_data(as_text=True)
    assert client.get("/api/search?q=patent&facet=countries&lang=zh", headers=ZH_BROWSER).get_data(as_text=True) == plain


def test_every_phrase_and_facet_label_exists_in_both_languages() -> None:
    for key, (en, zh) in i18n.MESSAGES.items():
        assert en and zh, key
        assert re.findall(r"{(\w+)}", en) == re.findall(r"{(\w+)}", zh) or \
            sorted(re.findall(r"{(\w+)}", en)) == sorted(re.findall(r"{(\w+)}", zh)), key
        assert not re.search(r"[\u4e00-\u9fff]", en), key
    for name in FACET_FIELDS:
        assert re.search(r"[\u4e00-\u9fff]", BY_NAME[name].label_zh), name
    assert i18n.choose(None, ["zh-TW", "en"]) == "zh" and i18n.choose("en", ["zh"]) == "en"
    assert i18n.choose("xx", []) == "en"


def test_event_types_and_languages_read_as_labels_while_links_keep_the_key(client) -> None:
    events, languages = BY_NAME["event_types"].terms, BY_NAME["language"].terms
    for lang, column in (("en", "label"), ("zh", "label_zh")):
        page = client.get(f"/?q=patent&lang={lang}").get_data(as_text=True)
        sidebar = page[page.index('<aside class="facets"'):page.index("</aside>")]
        shown = dict(re.findall(r'href="[^"]*filter=(?:event_types|language)%3D([^"&]+)" data-facet="[^"]+" '
                                r'title="[^"]*">([^<]+)</a>', sidebar))
        labels = {t.key: getattr(t, column) for t in (*events, *languages)}
        assert shown and all(html.unescape(text) == labels[key] for key, text in shown.items()), shown
        assert "mou_signing" not in text_of(sidebar.encode())  # the key is in links only
        hits = page[page.index('<ol class="hits"'):]
        assert f'<span class="lang" lang="{i18n.HTML_LANG[lang]}">{labels["en"]}</span>' in hits
        chip = client.get(f"/?q=patent&filter=event_types%3Dmou_signing&filter=language%3Den&lang={lang}")
        chips = chip.get_data(as_text=True)
        chips = chips[chips.index('<ul class="chips"'):chips.index("</ul>", chips.index('<ul class="chips"'))]
        assert f"{i18n.Words(lang).label('event_types')}{'：' if lang == 'zh' else ': '}{labels['mou_signing']}</span>" \
            in chips
        assert "filter=language%3Den" in chips and "mou_signing" not in text_of(chips.encode())
    doc = client.get(f"/doc/{KAZAKHSTAN_VISIT}?lang=zh").get_data(as_text=True)
    assert "<dd>英文</dd>" in doc and re.search(r'filter=event_types%3Dvisit[^"]*">访问</a>', doc)
    # the API and exports keep the keys: they are the CLI's output
    api = client.get("/api/search?q=patent&facet=event_types&lang=zh").get_json()
    assert {f["value"] for f in api["facets"]["event_types"]} <= {t.key for t in events}


def test_every_vocabulary_value_has_a_label_in_both_languages() -> None:
    for field in ("event_types", "language"):
        terms = BY_NAME[field].terms
        assert terms and len({t.key for t in terms}) == len(terms)
        for t in terms:
            assert t.label and not re.search(r"[\u4e00-\u9fff]", t.label), t
            assert re.search(r"[\u4e00-\u9fff]", t.label_zh), t
            assert i18n.Words("zh").value(field, t.key) == t.label_zh and i18n.Words("en").value(field, t.key) == t.label
    assert i18n.Words("zh").value("countries", "Japan") == "Japan"  # names are shown as they are
    assert i18n.Words("zh").value("event_types", "unheard_of") == "unheard_of"


def test_the_histogram_counts_every_year_beyond_the_facet_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    years = range(1990, 2013)  # 23 years: more than facet-limit (20) keeps
    for year in years:
        (corpus / f"{year}.txt").write_text(f"Patent office report {year}\n{year}-05-06\n\nThe patent office reported.\n",
                                            encoding="utf-8")
    (corpus / "extra.txt").write_text("Patent office extra\n2001-07-08\n\nAnother patent office report.\n",
                                      encoding="utf-8")
    ipsearch.build_index(corpus, tmp_path / "index")
    app = create_app(tmp_path / "index")
    try:
        page = app.test_client().get("/?q=patent&facet=countries").get_data(as_text=True)
    finally:
        app.config["IPSEARCH_INDEX"].close()
    bars = dict(re.findall(r'aria-label="(\d{4}): (\d+)"', page))
    assert bars == {str(y): "2" if y == 2001 else "1" for y in years}


def test_the_server_never_writes_to_the_index(client, web_index: Path) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {str(p.relative_to(web_index)): (p.stat().st_size, p.stat().st_mtime_ns)
                for p in sorted(web_index.rglob("*"))}

    before = snapshot()
    for url in ("/?q=patent&facet=people", "/api/search?q=memorandm", "/doc/" + KAZAKHSTAN_VISIT + "?q=visit",
                "/api/doc/" + KAZAKHSTAN_VISIT, "/?q=title:(", "/doc/nothing", "/api/search?q=patent&format=csv"):
        client.get(url)
    for method in ("POST", "PUT", "DELETE"):
        client.open("/api/search?q=patent", method=method)
    assert snapshot() == before


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False),
])
def test_only_loopback_addresses_go_unwarned(host: str, loopback: bool) -> None:
    assert web_app.is_loopback(host) is loopback


def test_a_new_search_from_the_box_keeps_every_other_option(client) -> None:
    page = client.get("/?q=patent&filter=countries%3DJapan&facet=people&since=2020&until=2023&sort=newest&limit=5"
                      "&operator=and&facet-sort=value&facet-limit=5&correct=no&translate=no&page=2&lang=zh")
    form = page.get_data(as_text=True)
    form = form[form.index('<form class="searchbar"'):form.index("</form>")]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    assert sorted(hidden) == sorted([
        ("filter", "countries=Japan"), ("facet", "people"), ("since", "2020"), ("until", "2023"), ("sort", "newest"),
        ("limit", "5"), ("operator", "and"), ("facet-sort", "value"), ("facet-limit", "5"), ("correct", "no"),
        ("translate", "no"), ("lang", "zh")])  # the page starts again at 1


@pytest.mark.parametrize("ci, outcome", [("", "SKIPPED"), ("true", "ERROR")])
def test_browser_tests_without_chromium_skip_with_the_hint_and_fail_under_ci(ci: str, outcome: str) -> None:
    pytest.importorskip("playwright.sync_api")  # without it the hint is pip's, not apt-get's
    env = {k: v for k, v in __import__("os").environ.items() if k != "CI"}
    env.update(IPSEARCH_CHROMIUM="/nonexistent/chromium", **({"CI": ci} if ci else {}))
    run = subprocess.run([sys.executable, "-m", "pytest", "-rA", "-p", "no:cacheprovider",
                          "tests/test_web_browser.py", "-k", "did_you_mean"], cwd=Path(__file__).parent.parent,
                         env=env, capture_output=True, text=True, timeout=300)
    assert re.search(rf"^{outcome} .*apt-get install -y chromium fonts-noto-cjk", run.stdout, re.M), run.stdout[-2000:]
    assert run.returncode == (1 if ci else 0)


def test_a_yearless_date_says_so_in_either_language(client, tmp_path: Path) -> None:
    assert i18n.Words("en").date("--07-03") == "07-03 (year not stated)"
    assert i18n.Words("zh").date("--07-03") == "07-03（未注明年份）" and i18n.Words("zh").date("2019-09") == "2019-09"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Patent office opens a branch\n\nOn 3 July the patent office opened a branch.\n",
                                  encoding="utf-8")
    ipsearch.build_index(corpus, tmp_path / "index")
    app = create_app(tmp_path / "index")
    try:
        hit = app.config["IPSEARCH_INDEX"].get("a.txt")
        page = app.test_client().get("/?q=patent").get_data(as_text=True)
        doc = app.test_client().get("/doc/a.txt?lang=zh").get_data(as_text=True)
    finally:
        app.config["IPSEARCH_INDEX"].close()
    assert hit.date == "--07-03"
    assert '<time datetime="--07-03">07-03 (year not stated)</time>' in page
    assert '<time datetime="--07-03">07-03（未注明年份）</time>' in doc
