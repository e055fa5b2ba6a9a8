"""The release page in a real browser (Debian's headless Chromium through Selenium): it loads
over HTTP and from file:// without a console error, draws its three plots from the latest
release's data, and every download link fetches a file whose sha256, computed in the page by
the browser, is the one the manifest (or SHA256SUMS) gives. A full-page screenshot is left in
output/test-artefacts/release-page.png for a person to look at."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import json
import os
import shutil
import struct
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from conftest import run_build

from pipeline.publish.bundle import SHA256SUMS, parse_sha256sums, zip_name
from pipeline.publish.site import download_rank, write_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "output" / "test-artefacts" / "release-page.png"
# The repository's own report has places with coordinates (the test reports have none) and a
# date after the test build date, so the second release needs a later one.
SECOND_BUILD_DATE = "2026-06-01"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]
# fetch every link, hash it with WebCrypto, hand back {href: hex or error}
FETCH_AND_HASH = """
const [hrefs, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const out = {};
  for (const href of hrefs) {
    const response = await fetch(href, {cache: "no-store"});
    if (!response.ok) { out[href] = "HTTP " + response.status; continue; }
    const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
    out[href] = Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("");
  }
  return out;
})().then(done, error => done("ERROR " + error));
"""


@pytest.fixture(scope="module")
def site(built, tmp_path_factory) -> Path:
    """Two releases: the session's build, then one more with the repository's report added,
    which ``latest`` points at. Built in a copy: the session's output folder stays as other
    tests expect it. The build writes the page; it is written again here over it."""
    raw, out, _ = built
    tmp = tmp_path_factory.mktemp("site")
    out2, raw2 = tmp / "output", tmp / "raw"
    shutil.copytree(out, out2, symlinks=True)
    shutil.copytree(raw, raw2)
    for report in (ROOT / "raw").glob("*.txt"):
        shutil.copy(report, raw2 / report.name)
    run_build(raw2, out2, build_date=SECOND_BUILD_DATE)
    page = out2 / "site" / "index.html"
    by_build = page.read_bytes()
    write_site(out2)
    assert page.read_bytes() == by_build  # the build wrote it, and the same releases give the same page
    return out2


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator:
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        if os.environ.get("CONFLICT_CLAIMS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CONFLICT_CLAIMS_REQUIRE_BROWSER=1 but {CHROMIUM} or {CHROMEDRIVER} is missing")
        pytest.skip(f"needs Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER})")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)  # with the driver's path: Selenium Manager stays idle
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def served(site) -> Iterator[str]:
    """The output folder over HTTP on a free local port: the page's base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/site/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def severe(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def texts(driver, selector: str) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent)", selector
    )


def count(driver, selector: str) -> int:
    return driver.execute_script("return document.querySelectorAll(arguments[0]).length", selector)


def expected_sha256(site: Path, version: str, name: str) -> str:
    folder = site / "releases" / version
    manifest = json.loads((folder / "manifest.json").read_text())
    if name in manifest["files"]:
        return manifest["files"][name]["sha256"]
    if name != SHA256SUMS and (folder / SHA256SUMS).is_file():
        return parse_sha256sums((folder / SHA256SUMS).read_text())[name]
    # manifest.json in a release without SHA256SUMS, and SHA256SUMS itself: what the disk holds
    return hashlib.sha256((folder / name).read_bytes()).hexdigest()


def test_page_over_http(browser, served, site):
    browser.get(served)
    assert browser.title == "conflict-claims releases"
    latest = (site / "latest").resolve()
    figures = pd.read_parquet(latest / "figures.parquet")
    events = pd.read_parquet(latest / "events.parquet")
    assert len(figures) and events["latitude"].notna().any()  # the plots have something to show

    # (a) one stacked bar piece per month and category; their counts add up to the figures
    bars = texts(browser, "#plot-months rect.bar title")
    assert bars and sum(int(t.rsplit(": ", 1)[1]) for t in bars) == len(figures)
    # (b) one bar per kind of claimant, every figure in one of them
    sides = texts(browser, "#plot-sides rect.bar title")
    assert len(sides) == 5 and sum(int(t.split(": ", 1)[1].split(" ")[0]) for t in sides) == len(figures)
    # (c) a circle per incident with coordinates, a graticule, and country labels
    assert count(browser, "#plot-map circle.event") == events["latitude"].notna().sum()
    assert count(browser, "#plot-map line.graticule") >= 4
    assert sorted(texts(browser, "#plot-map text.country")) == sorted(
        events.dropna(subset=["latitude"])["country_iso3"].dropna().unique()
    )
    for plot in ("months", "sides", "map"):
        assert browser.execute_script(f"return document.getElementById('plot-{plot}').getBBox().width") > 0
        assert texts(browser, f"#plot-{plot} > title")[0]

    # every download link, fetched and hashed by the browser
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('a.download'), a => [a.getAttribute('href'), a.href])"
    )
    hashes = browser.execute_async_script(FETCH_AND_HASH, [absolute for _, absolute in links])
    assert isinstance(hashes, dict), hashes
    seen: dict[str, set[str]] = {}
    for relative, absolute in links:
        assert relative.startswith("../releases/")
        assert len(hashes[absolute]) == 64, (relative, hashes[absolute])  # else "HTTP 404"
        version, name = (unquote(p) for p in urlsplit(absolute).path.split("/")[-2:])
        assert hashes[absolute] == expected_sha256(site, version, name), (name, hashes[absolute])
        seen.setdefault(version, set()).add(name)
    # and the links are exactly the downloads each release folder holds
    releases = sorted(p for p in (site / "releases").iterdir() if not p.name.startswith("."))
    assert len(releases) == 2 and sorted(seen) == [p.name for p in releases]
    for folder in releases:
        assert seen[folder.name] == {
            p.name for p in folder.iterdir() if download_rank(p.name, folder.name) is not None
        }
    assert {SHA256SUMS, zip_name(releases[0].name)} <= seen[releases[0].name]

    assert count(browser, ".release.latest") == 1
    assert latest.name in texts(browser, ".release.latest h3")[0]
    assert severe(browser) == []
    screenshot(browser)


def test_page_from_a_file(browser, site):
    browser.get((site / "site" / "index.html").as_uri())
    assert browser.title == "conflict-claims releases"
    assert count(browser, "svg.plot") == 3
    assert severe(browser) == []


def screenshot(driver) -> None:
    """The whole page (beyond the window) as PNG, through the DevTools protocol."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    png = base64.b64decode(shot["data"])
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.write_bytes(png)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert width >= 1000 and height > 2000 and SCREENSHOT.stat().st_size > 10_000
