# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The catalogue and the report in a real browser: Debian's headless Chromium, driven by selenium.

Selenium is given the system's chromedriver, so nothing is downloaded. The
pages are opened from disk (``file://``), as a user browsing the folder would.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.publish_world import World, build
from tests.test_publish import hostile_db

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
)  # fmt: skip


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        pytest.skip("needs Debian's chromium and chromium-driver packages (apt-get install chromium chromium-driver)")
    os.environ.setdefault("SE_AVOID_STATS", "true")  # selenium sends nothing anywhere
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1200,900")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, Path]:
    world = build(tmp_path_factory.mktemp("world"))
    out = world.base / "site"
    proc = run_cli("catalogue", "--db", str(world.db), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    return world, out


def shown(driver) -> list[str]:
    return [h.text for h in driver.find_elements("css selector", "#projects li:not([hidden]) h2")]


#: The contrast ratio of each visible text element's colour on the page's white (WCAG 2 relative luminance).
CONTRAST = """
function lum(c) { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
  .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
return Array.from(document.querySelectorAll('h1, h2, p, a, label, span, option, input, select'))
  .filter(e => e.offsetParent !== null && e.textContent.trim())
  .map(e => [(1.05) / (lum(getComputedStyle(e).color) + 0.05), e.tagName + ' ' + e.textContent.trim().slice(0, 30)]);
"""


def open_index(driver, out: Path) -> None:
    driver.get((out / "index.html").as_uri())
    assert driver.find_element("css selector", "html").get_attribute("data-ready") == "1"


def test_filters_and_search_narrow_the_list(browser, site):
    from selenium.webdriver.support.ui import Select

    _, out = site
    open_index(browser, out)
    assert shown(browser) == ["alpha", "beta", "board", "gen-a", "gen-b"]
    assert browser.find_element("id", "count").text == "5 of 5 projects shown"
    Select(browser.find_element("id", "kind")).select_by_value("hardware")
    assert shown(browser) == ["board"]
    Select(browser.find_element("id", "kind")).select_by_value("")
    Select(browser.find_element("id", "licence")).select_by_value("CC-BY-4.0")
    assert shown(browser) == ["beta", "gen-a", "gen-b"]
    Select(browser.find_element("id", "status")).select_by_value("wip")
    assert shown(browser) == ["gen-b"] and browser.find_element("id", "count").text == "1 of 5 projects shown"
    Select(browser.find_element("id", "licence")).select_by_value("")
    Select(browser.find_element("id", "status")).select_by_value("")
    search = browser.find_element("id", "q")
    search.send_keys("software MIT")  # words anywhere in the entry, all of them
    assert shown(browser) == ["alpha"]
    search.clear()
    search.send_keys("nothing-like-this")
    assert shown(browser) == [] and browser.find_element("id", "count").text == "0 of 5 projects shown"


def test_the_page_is_used_with_the_keyboard_alone_and_opens_a_project(browser, site):
    from selenium.webdriver.common.keys import Keys

    _, out = site
    open_index(browser, out)
    body = browser.find_element("css selector", "body")
    body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Skip to the projects"
    order = []
    for _ in range(5):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        order.append(browser.switch_to.active_element.get_attribute("id") or browser.switch_to.active_element.text)
    assert order == ["catalogue.json", "q", "kind", "licence", "status"], order
    browser.find_element("id", "q").send_keys("board")
    link = browser.find_element("link text", "board")
    link.send_keys(Keys.ENTER)
    assert browser.find_element("tag name", "h1").text == "board"
    headings = [h.text for h in browser.find_elements("tag name", "h2")]
    assert headings == ["At a glance", "Links", "Licences", "How to cite", "Compliance"]
    assert "CERN Open Hardware Licence Version 2 - Strongly Reciprocal" in browser.page_source or "CERN-OHL-S-2.0" in (
        browser.find_element("tag name", "main").text
    )
    # every form control has a label, and text stands out from its background (WCAG AA: 4.5:1)
    open_index(browser, out)
    ratios = browser.execute_script(CONTRAST)
    assert ratios and min(r for r, _ in ratios) >= 4.5, sorted(ratios)[:3]
    for control in browser.find_elements("css selector", "input, select"):
        assert browser.find_elements("css selector", f"label[for='{control.get_attribute('id')}']")


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on loopback, as any web server would; its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = partial(Quiet, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_no_request_leaves_the_site_and_a_phone_needs_no_sideways_scrolling(browser, site):
    _, out = site
    with serve(out) as base:
        browser.get(base + "/index.html")
        assert browser.find_element("css selector", "html").get_attribute("data-ready") == "1"
        resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert sorted(resources) == [base + "/catalogue.js", base + "/style.css"], resources
        browser.find_element("link text", "alpha").click()
        assert browser.find_element("tag name", "h1").text == "alpha"
        resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert resources == [base + "/style.css"], resources
    browser.set_window_size(390, 844)
    try:
        open_index(browser, out)
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], width
        shot = out.parent / "catalogue-phone.png"
        browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 5000
    finally:
        browser.set_window_size(1200, 900)
    browser.save_screenshot(str(out.parent / "catalogue.png"))
    assert (out.parent / "catalogue.png").stat().st_size > 5000


def test_hostile_descriptions_never_run_in_the_browser(browser, tmp_path):
    db = hostile_db(tmp_path / "h.sqlite")
    assert run_cli("catalogue", "--db", str(db), "--output", str(tmp_path / "site")).returncode == 0
    rep = run_cli("report", "--db", str(db), "--year", "2026", "--output", str(tmp_path / "rep"), "--no-pdf")
    assert rep.returncode == 0, rep.stderr
    pages = [tmp_path / "site" / "index.html", *(tmp_path / "site" / "projects").glob("*/index.html")]
    for page in [*pages, tmp_path / "rep" / "report.html"]:
        browser.get(page.as_uri())
        assert browser.execute_script("return window.PWNED === undefined"), page
        if "good-" not in str(page):  # every page but the good project's shows the hostile name, as text
            assert "<script>window.PWNED=1</script>" in browser.find_element("tag name", "body").text, page
        for a in browser.find_elements("tag name", "a"):
            href = a.get_attribute("href") or ""
            assert href.startswith(("http://", "https://", "file://")), href
    browser.get((tmp_path / "site" / "index.html").as_uri())
    browser.find_element("partial link text", "window.PWNED=1").click()
    assert browser.execute_script("return window.PWNED === undefined")


def test_the_report_shows_its_figures_with_alt_text(browser, site, tmp_path):
    world, _ = site
    proc = run_cli("report", "--db", str(world.db), "--year", "2026", "--output", str(tmp_path / "r"), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    with serve(tmp_path / "r") as base:
        browser.get(base + "/report.html")
        assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # all inline
    browser.get((tmp_path / "r" / "report.html").as_uri())
    figures = browser.find_elements("css selector", "figure [role=img]")
    assert len(figures) >= 8
    for f in figures:
        assert f.get_attribute("aria-label") and f.find_element("tag name", "svg").size["width"] > 100
    browser.save_screenshot(str(tmp_path / "report.png"))


def test_the_pdf_is_printed_from_the_same_html(site, tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("needs Debian's chromium package to print the PDF")
    world, _ = site
    proc = run_cli("report", "--db", str(world.db), "--year", "2026", "--output", str(tmp_path / "r"))
    assert proc.returncode == 0 and "PDF: " in proc.stdout, proc.stdout + proc.stderr
    assert (tmp_path / "r" / "report.pdf").read_bytes()[:5] == b"%PDF-"
