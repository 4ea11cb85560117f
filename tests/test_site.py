"""The offline explorer (``stepanakert2020.site``): every record has its page, every link
between pages resolves, nothing is fetched from the network, the JSON-LD is a schema.org
Dataset, and, in a real browser (Debian's headless Chromium), the pages load with no console
error and no failed request, the filters hide rows exactly as the library's queries would,
and axe-core finds no serious accessibility violation.

The browser tests are skipped only where Chromium or its driver is not installed (CI installs
both). Screenshots for docs/site.md are opt-in::

    STEPANAKERT2020_SCREENSHOTS=docs/images python -m pytest tests/test_site.py -k screenshot
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs
import pytest

import stepanakert2020 as s
from stepanakert2020.site import build_site

#: An event with claims on both sides, figures, weapons and many sources: the page to check and show.
EVENT = "strike-2020-10-28-maternity-hospital"
#: The pages shown in docs/site.md, and their pictures.
SCREENSHOTS = (("index.html", "site-index.png"), (f"events/{EVENT}.html", "site-event.png"))
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)",
)


@pytest.fixture(scope="module")
def ds() -> s.Dataset:
    return s.load()


@pytest.fixture(scope="module")
def site(ds: s.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ds, tmp_path_factory.mktemp("site") / "out").parent


class _Page(HTMLParser):
    """What the checks need from one page: every (tag, attribute, value), every id, the text of
    each <script>, and the <h1>..<h6> in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.headings: list[int] = []
        self._script: dict[str, str | None] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "id" and value:
                self.ids.add(value)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self._script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def _pages(site: Path) -> dict[Path, _Page]:
    return {path: _Page(path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[Path, _Page]:
    return _pages(site)


# -- the files ---------------------------------------------------------------------------


def test_every_record_has_its_page(ds: s.Dataset, site: Path) -> None:
    for folder, records in (
        ("events", ds.events()),
        ("places", ds.places()),
        ("actors", ds.actors()),
        ("sources", ds.sources()),
    ):
        assert {p.stem for p in (site / folder).glob("*.html")} == {r.id for r in records}, folder
    for page in ("index", "places", "actors", "sources", "weapons", "report"):
        assert (site / f"{page}.html").is_file()


def test_every_relative_link_resolves_to_a_file_and_an_anchor(site: Path, pages: dict[Path, _Page]) -> None:
    checked = 0
    for path, page in pages.items():
        for tag, name, value in page.attributes:
            if name not in ("href", "src") or value.startswith(("http://", "https://", "data:")):
                continue
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc, f"{path.name}: <{tag} {name}={value!r}>"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(site)}: <{tag} {name}={value!r}> leads nowhere"
            assert site in target.parents, f"{path.name}: {value!r} leaves the site"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in pages[target].ids, f"{path.relative_to(site)}: {value!r}"
            checked += 1
    assert checked > 10_000


def test_nothing_is_fetched_from_the_network(site: Path, pages: dict[Path, _Page]) -> None:
    """Only <a href> may hold a web address (a source's page, opened when a reader follows it)."""
    for path, page in pages.items():
        for tag, name, value in page.attributes:
            if name in ("src", "href", "srcset", "poster", "data", "action", "formaction") and tag != "a":
                assert not re.match(r"\s*(https?:)?//", value), f"{path.name}: <{tag} {name}={value!r}>"
        for attributes, _ in page.scripts:
            assert attributes.get("src") is None or not re.match(r"(https?:)?//", attributes["src"] or "")
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    script = (site / "assets" / "filter.js").read_text(encoding="utf-8")
    assert not re.search(r"https?:|fetch\(|XMLHttpRequest|import\(", script)


def test_every_page_has_landmarks_one_h1_and_headings_in_order(pages: dict[Path, _Page]) -> None:
    for path, page in pages.items():
        tags = {tag for tag, _, _ in page.attributes} | {"main"}  # (a tag with no attribute is not listed)
        assert {"html", "main", "nav"} <= tags, path.name
        assert ("html", "lang", "en") in page.attributes, path.name
        assert ("meta", "name", "viewport") in page.attributes, path.name
        assert page.headings.count(1) == 1 and page.headings[0] == 1, f"{path.name}: {page.headings}"
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{path.name}: h{before} then h{after}"


def test_every_form_control_has_a_label(pages: dict[Path, _Page], site: Path) -> None:
    page = pages[site / "index.html"]
    controls = {value for tag, name, value in page.attributes if tag in ("input", "select") and name == "id"}
    labelled = {value for tag, name, value in page.attributes if tag == "label" and name == "for"}
    assert controls and controls <= labelled


def test_without_javascript_every_event_is_listed(ds: s.Dataset, site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-id=\"([^\"]+)\"[^>]*>", html)
    assert rows == [e.id for e in ds.events()]
    assert not re.search(r"<tr[^>]* hidden", html)
    assert re.search(r"<form id=\"filters\"[^>]* hidden", html), "the filters only show when they can work"


def test_the_json_ld_describes_the_dataset(ds: s.Dataset, pages: dict[Path, _Page], site: Path) -> None:
    (found,) = [
        text
        for attributes, text in pages[site / "index.html"].scripts
        if attributes.get("type") == "application/ld+json"
    ]
    data = json.loads(found)
    city = ds.place("stepanakert")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert data["version"] == s.DATA_VERSION and data["license"]["name"] == "CC-BY-4.0"
    assert data["temporalCoverage"] == "2020-09-27/2020-11-10"
    assert data["spatialCoverage"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": city.latitude,
        "longitude": city.longitude,
    }
    assert data["creator"] == {"@type": "Organization", "name": "stepanakert2020 maintainers"}
    assert {v["name"] for v in data["variableMeasured"]} == {f.measure.value for f in ds.figures()}
    assert 50 <= len(data["description"]) <= 5000
    assert "url" not in data and "distribution" not in data  # the site has no address of its own


def test_an_event_page_shows_every_claim_figure_and_source(ds: s.Dataset, site: Path, pages: dict[Path, _Page]) -> None:
    page = pages[site / "events" / f"{EVENT}.html"]
    html = (site / "events" / f"{EVENT}.html").read_text(encoding="utf-8")
    assert {f"claim-{c.id}" for c in ds.claims(event=EVENT)} <= page.ids
    assert {f"figure-{f.id}" for f in ds.figures(event=EVENT)} <= page.ids
    assert {f"source-{x.id}" for x in ds.sources_behind(EVENT)} <= page.ids
    hrefs = {value for tag, name, value in page.attributes if tag == "a" and name == "href"}
    assert {x.url for x in ds.sources_behind(EVENT)} <= hrefs
    assert "Denied, disputed or retracted" in html and "@misc{" in html
    for source in ds.sources_behind(EVENT):
        if source.original_publisher:
            assert f'content of <a href="../actors/{source.original_publisher}.html">' in html


def test_every_string_is_escaped(ds: s.Dataset, tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> & <b>'
    events = [attrs.evolve(e, title=hostile, notes=hostile) if e.id == EVENT else e for e in ds.events()]
    tables: dict[str, Any] = {
        "claims": ds.claims(),
        "figures": ds.figures(),
        "sources": ds.sources(),
        "citations": ds.citations(),
        "places": ds.places(),
        "actors": ds.actors(),
        "weapons": ds.weapons(),
    }
    changed = s.RecordSet(events=events, **tables)
    site = build_site(changed, tmp_path / "out").parent
    html = (site / "events" / f"{EVENT}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert "<script>alert" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_folder_that_holds_files_is_refused_unless_forced(ds: s.Dataset, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match=re.escape(str(tmp_path))):
        build_site(ds, tmp_path)
    assert build_site(ds, tmp_path, force=True) == tmp_path / "index.html"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(FileExistsError, match="not a folder"):
        build_site(ds, tmp_path / "notes.txt")


def test_without_jinja2_the_error_says_how_to_install_it(
    ds: s.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(ImportError, match="pip install jinja2"):
        build_site(ds, tmp_path)


# -- in a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--hide-scrollbars",
        "--lang=en-US",  # the date fields take keys in the order month, day, year
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.get("about:blank")  # away from the new-tab page and what it loads
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, site: Path, page: str) -> list[str]:
    """Load a page; the problems: console errors, and any request of the page that failed or
    went anywhere but a file of the site (or a ``data:`` URL the browser makes itself)."""
    driver.get_log("browser"), driver.get_log("performance")  # forget what came before
    driver.get((site / page).as_uri())
    problems = [f"console: {e['message']}" for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    ours: set[str] = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent" and params.get("documentURL", "").startswith("file:"):
            ours.add(params["requestId"])
            if not params["request"]["url"].startswith((site.as_uri() + "/", "data:")):
                problems.append(f"request: {params['request']['url']}")
        elif message["method"] == "Network.loadingFailed" and params["requestId"] in ours:
            problems.append(f"failed: {params}")
    assert ours, "the performance log saw the page's requests"
    return problems


def _shown(driver: Any) -> list[str]:
    rows = driver.find_elements("css selector", "#timeline tbody tr")
    return [row.get_attribute("data-id") for row in rows if row.is_displayed()]


def _sample(ds: s.Dataset) -> list[str]:
    """A page of every kind: the top pages, the event shown in the docs, and a place, an actor
    and a source of it."""
    source = ds.sources_behind(EVENT)[0]
    top = ["index.html", "places.html", "actors.html", "weapons.html", "sources.html", "report.html"]
    return [
        *top,
        f"events/{EVENT}.html",
        "places/stepanakert.html",
        f"actors/{source.publisher}.html",
        f"sources/{source.id}.html",
    ]


@needs_browser
def test_the_pages_load_with_no_error_and_no_request_beyond_the_files(browser: Any, ds: s.Dataset, site: Path) -> None:
    for page in _sample(ds):
        assert _open(browser, site, page) == [], page
        header = browser.find_element("css selector", "header.site")
        assert header.value_of_css_property("background-color") == "rgba(20, 33, 61, 1)", "the stylesheet loaded"


@needs_browser
def test_the_filters_hide_rows_as_the_queries_would(browser: Any, ds: s.Dataset, site: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    assert _open(browser, site, "index.html") == []
    assert browser.find_element("id", "filters").is_displayed(), "the script shows the form"
    assert _shown(browser) == [e.id for e in ds.events()]
    kind = browser.find_element("id", "f-kind")
    kind.send_keys("ceasefire")  # by keyboard: typing in a focused <select> picks the option
    assert _shown(browser) == [e.id for e in ds.events(kind="ceasefire")]
    words = browser.find_element("id", "f-text")
    words.send_keys("TRUCE")
    assert _shown(browser) == [e.id for e in ds.events(kind="ceasefire", text="truce")]
    assert browser.find_element("id", "shown").text.startswith(f"{len(_shown(browser))} of {len(ds.events())}")
    browser.find_element("css selector", "#filters button[type=reset]").send_keys(Keys.ENTER)
    assert _shown(browser) == [e.id for e in ds.events()]
    browser.find_element("id", "f-from").send_keys("10112020")  # a date field types in the locale's order
    browser.find_element("id", "f-to").send_keys("10112020")
    one_day = [e.id for e in ds.events("2020-10-11", "2020-10-11")]  # (those that possibly overlap it)
    assert _shown(browser) == one_day and len(one_day) > len(ds.events("2020-10-11", "2020-10-11", within="certain"))
    browser.find_element("id", "f-place").send_keys("Stepanakert")
    assert _shown(browser) == [e.id for e in ds.events("2020-10-11", "2020-10-11", place="stepanakert")]
    assert _open(browser, site, "index.html") == []  # nothing went wrong on the way


def _serious(driver: Any) -> list[str]:
    from axe_selenium_python import Axe  # type: ignore[import-untyped]

    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    assert results["passes"], "axe-core ran its checks"
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@needs_browser
def test_axe_finds_no_serious_accessibility_violation(browser: Any, ds: s.Dataset, site: Path) -> None:
    """On the index and an event page, and on a page of every other kind, as a desktop and as a phone."""
    found = {}
    for width, pages in ((1280, _sample(ds)), (390, ["index.html", f"events/{EVENT}.html"])):
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        for page in pages:
            assert _open(browser, site, page) == [], page
            found[f"{page} at {width} px"] = _serious(browser)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert {page: violations for page, violations in found.items() if violations} == {}


@needs_browser
@pytest.mark.skipif(
    not os.environ.get("STEPANAKERT2020_SCREENSHOTS"), reason="opt-in: STEPANAKERT2020_SCREENSHOTS=docs/images"
)
def test_screenshots(browser: Any, site: Path, tmp_path: Path) -> None:
    """The pictures of docs/site.md (1280x900), and a phone-sized view of the index to look at."""
    folder = Path(os.environ["STEPANAKERT2020_SCREENSHOTS"])
    shots = [(1280, 900, False, page, folder / name) for page, name in SCREENSHOTS]
    shots += [(390, 844, True, page, tmp_path / name.replace(".png", "-phone.png")) for page, name in SCREENSHOTS]
    try:
        for width, height, mobile, page, target in shots:
            metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            assert _open(browser, site, page) == []
            assert browser.save_screenshot(str(target)), target
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"phone views: {tmp_path}")
