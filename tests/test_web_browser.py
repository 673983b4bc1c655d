"""`ipsearch serve` in a real browser: Playwright driving Debian's Chromium (#15).

Never a downloaded browser: /usr/bin/chromium (apt-get install chromium fonts-noto-cjk;
.ci/run does it). Without it these tests skip with that hint; under CI=true they fail.
Screenshots of the search and document pages, English and Chinese, land in artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest

import ipsearch

from .conftest import KAZAKHSTAN_VISIT, ROOT

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
CHROMIUM = os.environ.get("IPSEARCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "artifacts"
HOW = "install it with: apt-get install -y chromium fonts-noto-cjk"


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}; {HOW}"
    return None


@pytest.fixture(scope="module")
def base_url(web_index: Path) -> Iterator[str]:
    from waitress.server import create_server

    from ipsearch.web import create_app

    app = create_app(web_index)
    server: Any = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    app.config["IPSEARCH_INDEX"].close()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def launch(playwright: Any, profile: Path, **options: Any) -> Any:
    """Debian's Chromium with a fresh profile (never a downloaded browser)."""
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, locale="en-US", **options)


@pytest.fixture(scope="module")
def browser_context(playwright: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    context = launch(playwright, tmp_path_factory.mktemp("chromium-profile"), viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture()
def page(browser_context: Any, base_url: str) -> Iterator[Any]:
    tab = browser_context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.set_default_timeout(15_000)
    yield tab
    tab.close()
    assert not errors, f"browser console errors (CSP violations show here): {errors}"


def shown_total(page: Any) -> int:
    return int(page.locator("#count strong").inner_text().replace(",", ""))


def api_total(web_index: Path, query: str, **kwargs: Any) -> int:
    with ipsearch.open_index(web_index) as ix:
        return ix.search(query, **kwargs).total


def test_search_facet_chip_histogram_document_back(page: Any, base_url: str, web_index: Path) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("/")  # focuses the search box
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("patent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=patent"))
    assert shown_total(page) == api_total(web_index, "patent")

    link = page.locator('a[data-facet="countries"]', has_text=re.compile(r"^Japan$"))
    link.first.click()
    page.wait_for_url(re.compile(r"filter=countries%3DJapan"))
    chip = page.locator(".chip", has_text="Countries: Japan")
    assert chip.is_visible()
    assert shown_total(page) == api_total(web_index, "patent", filters={"countries": ["Japan"]})

    bar = page.locator(".histogram a.bar").first
    year = bar.get_attribute("aria-label").split(":")[0]
    bar.click()
    page.wait_for_url(re.compile(rf"since={year}"))
    params = parse_qs(urlparse(page.url).query)
    assert params["since"] == [year] and params["until"] == [year]
    assert shown_total(page) == api_total(web_index, "patent", filters={"countries": ["Japan"]},
                                          since=year, until=year)
    results_url = page.url

    first = page.locator(".hits .hit h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.locator("h1").inner_text() == title
    assert page.locator(".body mark").count() > 0

    page.go_back()
    page.wait_for_url(results_url)
    assert page.locator(".chip", has_text="Countries: Japan").is_visible()

    page.locator(".chip", has_text="Countries: Japan").get_by_role("link").click()  # remove the chip
    page.wait_for_url(lambda url: "filter=" not in url)
    assert shown_total(page) == api_total(web_index, "patent", since=year, until=year)


def test_did_you_mean_link(page: Any, base_url: str, web_index: Path) -> None:
    page.goto(base_url + "/?q=memorandm")
    page.locator(".didyoumean a").click()
    page.wait_for_url(re.compile(r"q=memorandum"))
    assert page.locator("#q").input_value() == "memorandum"
    assert shown_total(page) == api_total(web_index, "memorandum")


def test_hostile_text_stays_text(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?q=examiners+Japan")
    page.goto(base_url + "/doc/hostile-markup.txt?q=examination")
    assert page.title().startswith("Patent office hosts examiners")  # no script renamed it
    assert "<script>document.title='owned'</script>" in page.locator(".body").inner_text()
    assert page.locator(".body img").count() == 0


def test_language_switch_is_kept_while_browsing(page: Any, base_url: str, web_index: Path) -> None:
    page.route("**/*", lambda route: route.continue_(  # a browser set to Chinese (the context's locale is en-US)
        headers={**route.request.headers, "accept-language": "zh-CN,zh;q=0.9"}))
    page.goto(base_url + "/?q=patent")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.locator("#facet-countries").text_content() == "国家"
    assert page.get_by_role("searchbox", name="搜索文章").input_value() == "patent"  # the screen reader's label

    page.get_by_role("navigation", name="界面语言").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#facet-countries").text_content() == "Countries"
    assert shown_total(page) == api_total(web_index, "patent")

    page.locator('a[data-facet="countries"]', has_text=re.compile(r"^Japan$")).first.click()
    page.wait_for_url(re.compile(r"filter=countries%3DJapan"))
    assert "lang=en" in page.url and page.locator(".chip", has_text="Countries: Japan").is_visible()

    switch = page.get_by_role("navigation", name="Interface language").get_by_role("link", name="中文")
    switch.focus()
    page.keyboard.press("Enter")  # by keyboard
    page.wait_for_url(re.compile(r"lang=zh"))
    assert page.locator(".chip", has_text="国家：Japan").is_visible()
    assert shown_total(page) == api_total(web_index, "patent", filters={"countries": ["Japan"]})

    box = page.locator("#q")
    box.fill("examination")
    box.press("Enter")  # a new search stays in Chinese
    page.wait_for_url(re.compile(r"q=examination"))
    assert "lang=zh" in page.url and page.evaluate("document.documentElement.lang") == "zh-Hans"
    page.locator(".hits .hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert "lang=zh" in page.url and page.get_by_role("link", name="← 返回搜索").is_visible()


def test_screenshots_english_and_chinese(page: Any, base_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {
        "search-en.png": "/?q=Kazakhstan+memorandum",
        "document-en.png": "/doc/" + quote(KAZAKHSTAN_VISIT, safe="") + "?q=memorandum",
        "search-zh.png": "/?lang=zh&q=" + quote("哈萨克斯坦 专利"),  # the Chinese interface
        "search-zh-filtered.png": "/?lang=zh&q=" + quote("专利") + "&filter=" + quote("event_types=mou_signing")
                                  + "&filter=" + quote("countries=China"),  # chips, labels of event types
        "document-zh.png": "/doc/" + quote("bilingual/kazakhstan-ip-memorandum-zh-hans.txt", safe="") + "?lang=zh&q="
                           + quote("哈萨克斯坦"),
    }
    for name, url in shots.items():
        page.goto(base_url + url)
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        assert (ARTIFACTS / name).stat().st_size > 10_000
    # CJK glyphs are drawn with a CJK font, not boxes: the text is as wide as a CJK face makes it
    width = page.evaluate("""() => { const s = document.createElement('span'); s.lang = 'zh-Hans';
        s.textContent = '哈萨克斯坦'; document.body.appendChild(s); const w = s.getBoundingClientRect().width;
        s.remove(); return w; }""")
    assert width > 40


def test_chinese_labels_for_event_types_while_the_url_keeps_the_key(page: Any, base_url: str, web_index: Path) -> None:
    page.goto(base_url + "/?q=patent&lang=zh")
    page.locator('a[data-facet="event_types"]', has_text=re.compile(r"^签署合作文件$")).first.click()
    page.wait_for_url(re.compile(r"filter=event_types%3Dmou_signing"))
    assert page.locator(".chip", has_text="活动类型：签署合作文件").is_visible()
    assert shown_total(page) == api_total(web_index, "patent", filters={"event_types": ["mou_signing"]})
    assert "mou_signing" not in page.locator("main").inner_text()
    assert page.locator(".hits .meta .lang").first.inner_text() in ("英文", "中文", "中英混合")


def test_more_and_histogram_bars_work_by_keyboard(page: Any, base_url: str, web_index: Path) -> None:
    page.goto(base_url + "/?q=patent&facet=countries")
    summary = page.locator("#facet-countries ~ details summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#facet-countries ~ details").get_attribute("open") is not None
    bar = page.locator(".histogram a.bar").last
    label = bar.get_attribute("aria-label")
    bar.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == label
    page.keyboard.press("Enter")
    year = label.split(":")[0]
    page.wait_for_url(re.compile(rf"since={year}&until={year}"))
    assert shown_total(page) == api_total(web_index, "patent", since=year, until=year)


def test_the_page_works_without_javascript(playwright: Any, base_url: str, web_index: Path, tmp_path: Path) -> None:
    context = launch(playwright, tmp_path / "profile", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") != "q"  # app.js did not run
        page.keyboard.press("Tab")  # the first stop: the skip link
        assert page.evaluate("document.activeElement.className") == "skip"
        page.locator("#q").fill("patent")
        page.locator("#q").press("Enter")  # a plain GET form
        page.wait_for_url(re.compile(r"q=patent"))
        page.locator('a[data-facet="countries"]', has_text=re.compile(r"^Japan$")).first.click()
        page.wait_for_url(re.compile(r"filter=countries%3DJapan"))
        assert shown_total(page) == api_total(web_index, "patent", filters={"countries": ["Japan"]})
        page.locator(".histogram a.bar").first.click()
        page.wait_for_url(re.compile(r"since=\d{4}"))
        page.locator(".hits .hit h3 a").first.click()
        page.wait_for_url(re.compile(r"/doc/"))
        assert page.locator(".body mark").count() > 0
    finally:
        context.close()
