"""The HTML report in a real browser: headless Chromium parses it, shows the findings and the
timeline, runs no article text as markup, and holds its layout at 1,400 px and at 400 px (no
two labels overlap, nothing is cut), leaving screenshots in reports/ to look at."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Optional

import pytest

from factcheck.model import Article, Extraction
from factcheck.report import check
from factcheck.report.html import render_html

import test_formats as tf  # the shared report fixture (tests/ is on sys.path under pytest)

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary")
ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
SEEDS = ROOT.parent / "shared" / "seeds"
# Quiet, offline start: this machine's network is closed, so no background connections.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
WIDTHS = (1400, 400)

# Measures the laid-out page: every label's box (timeline texts, ticks, article labels, legend
# keys) and every timeline mark, and what is wider than the page or than its own box. Run
# through the DevTools protocol, which the page's CSP (no scripts) does not stop.
_MEASURE = """(() => {
  const de = document.documentElement, W = de.clientWidth;
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 || r.height > 0; };
  const box = e => { const r = e.getBoundingClientRect();
    return {l: r.left, t: r.top + scrollY, r: r.right, b: r.bottom + scrollY,
            what: e.className + ': ' + e.textContent.trim().slice(0, 60)}; };
  const labels = [...document.querySelectorAll('.tl-text, .tl-tick, .tl-label, .tl-key')]
    .filter(shown).map(box);
  const marks = [...document.querySelectorAll('.timeline .tl-mark')].filter(shown).map(box);
  const tables = [...document.querySelectorAll('table')].filter(shown)
    .filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.className || 'table');
  const all = [...document.body.querySelectorAll('*')].filter(shown);
  const wide = all.filter(e => { const r = e.getBoundingClientRect();
      return r.right > W + 1 || r.left < -1; }).map(e => e.tagName + '.' + e.className);
  const clipped = all.filter(e => getComputedStyle(e).overflowX !== 'visible'
      && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + '.' + e.className);
  return JSON.stringify({width: W, innerWidth: innerWidth, height: de.scrollHeight,
                         pageScroll: de.scrollWidth, labels: labels, marks: marks,
                         tables: tables, wide: wide, clipped: clipped});
})()"""


class Chromium:
    """Headless Chromium driven through the DevTools protocol on a pipe (fds 3 and 4, messages
    ended by NUL): a window of any width (--window-size stops at 500 px), no websocket."""

    def __init__(self, profile: Path) -> None:
        import fcntl

        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()
        # Moved above 10 first, so that putting them on 3 and 4 in the child clobbers neither.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
        os.close(to_browser)
        os.close(from_browser)
        self.proc = subprocess.Popen(
            [BROWSER, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "about:blank"], pass_fds=(3, 4), preexec_fn=lambda: [os.dup2(high[0], 3),
                                                                  os.dup2(high[1], 4)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in high:
            os.close(fd)
        self._buf, self._n, self._events = b"", 0, []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable", session=True)

    def send(self, method: str, session: bool = False, **params: object) -> dict:
        self._n += 1
        message = {"id": self._n, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._n:
                assert "error" not in reply, reply["error"]
                return reply["result"]
            self._events.append(reply)

    def _read(self) -> dict:
        while b"\0" not in self._buf:
            chunk = os.read(self._in, 1 << 20)
            assert chunk, "chromium closed the DevTools pipe"
            self._buf += chunk
        one, self._buf = self._buf.split(b"\0", 1)
        return json.loads(one)

    def open(self, page: Path, width: int, height: int = 1000) -> None:
        self.resize(width, height)
        self.send("Page.navigate", session=True, url=page.as_uri())
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._events.append(self._read())
        self._events.clear()

    def resize(self, width: int, height: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width,
                  height=height, deviceScaleFactor=1, mobile=False)

    def evaluate(self, expression: str) -> object:
        return self.send("Runtime.evaluate", session=True, expression=expression,
                         returnByValue=True)["result"]["value"]

    def screenshot(self) -> bytes:
        return base64.b64decode(self.send("Page.captureScreenshot", session=True,
                                          format="png")["data"])

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except AssertionError:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._out)
        os.close(self._in)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = Chromium(tmp_path_factory.mktemp("profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    extractions = [Extraction(Article(tf._doc(a), ()), ()) for a in tf.TEXTS]
    report = check.build(extractions, [tf.UNREADABLE], tf.CONFLICTS)
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(check.report_document(report), dates=tf.DATES), encoding="utf-8")
    return path


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of boxes that share more than half a pixel each way."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (min(a["r"], b["r"]) - max(a["l"], b["l"]) > 0.5
                    and min(a["b"], b["b"]) - max(a["t"], b["t"]) > 0.5):
                found.append((a["what"], b["what"]))
    return found


def assert_holds(browser: Chromium, page: Path, width: int, shot: Optional[str] = None) -> dict:
    """At `width` px: no two labels overlap, no label covers a mark, nothing is wider than the
    page or its box (the page does not scroll sideways, no table is cut). The whole page is
    kept as reports/`shot`."""
    browser.open(page, width)
    facts = json.loads(browser.evaluate(_MEASURE))
    assert facts["width"] == width and facts["innerWidth"] == width
    assert facts["labels"], "no timeline labels measured"
    assert _overlaps(facts["labels"]) == []
    marks_under_labels = [pair for pair in _overlaps(facts["labels"] + facts["marks"])
                          if not pair[0].startswith("tl-mark") or not pair[1].startswith("tl-mark")]
    assert marks_under_labels == []
    assert facts["pageScroll"] <= facts["width"]
    assert facts["tables"] == [] and facts["wide"] == [] and facts["clipped"] == []
    if shot is None:
        return facts
    browser.resize(width, min(facts["height"], 16_000))
    data = browser.screenshot()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a page, not a blank
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / shot).write_bytes(data)
    return facts


def test_dom_shows_findings_and_timeline(page_file, tmp_path):
    run = _chromium(tmp_path, "--dump-dom", page_file.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "<h1>factcheck report</h1>" in dom
    for fid in ("C1", "C2", "C3", "C4", "C5"):
        assert f'id="{fid}"' in dom
    assert "the first time in <mark>25 years</mark> on 3 May 2024." in dom
    assert re.findall(r'class="tl-row" data-article="(\w+)"', dom) == ["alpha", "beta", "gamma"]
    assert len(re.findall(r'class="tl-mark conflict"[^>]*data-start', dom)) == 2
    # Every mark labelled with its words, its date and its article; the year 2000 off the scale.
    assert '3 May 2024 <span class="tl-source">· alpha</span>' in dom
    assert 'class="tl-mark off before"' in dom and "in 2000 → 2000 <span" in dom
    # The browser parsed article text as text: no script element, the tags shown literally.
    assert "<script" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "[bold]x[/bold]" in dom


@pytest.mark.parametrize("width", WIDTHS)
def test_fixture_page_holds_its_layout(browser, page_file, width):
    assert_holds(browser, page_file, width, f"html-report-{width}.png")


def _report(tmp_path: Path, *paths: str) -> Path:
    """The CLI's HTML report of `paths`, written into a folder of its own."""
    from factcheck.cli import main

    out = tmp_path / "out" / "factcheck.html"
    out.parent.mkdir()
    code = main(["check", *paths, "--no-cache", "--no-facts", "--format", "html",
                 "--output", str(out)])
    assert code in (0, 1)
    return out


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory) -> Path:
    return _report(tmp_path_factory.mktemp("examples"), str(ROOT / "examples"))


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return _report(tmp_path_factory.mktemp("seeds"), str(SEEDS))


@pytest.mark.parametrize("width", WIDTHS)
def test_examples_report_holds_its_layout(browser, examples_page, width):
    facts = assert_holds(browser, examples_page, width, f"html-examples-{width}.png")
    labels = [b["what"] for b in facts["labels"]]
    assert any("Estravia and Norland approve rail bridge" in w for w in labels)  # titles


@pytest.mark.parametrize("width", WIDTHS)
def test_seeds_report_holds_its_layout(browser, seeds_page, width):
    facts = assert_holds(browser, seeds_page, width, f"html-seeds-{width}.png")
    # The story's week is the scale; the years of "25 years" and "24 years" (004) are pinned
    # before it, labelled, not year-long bars.
    labels = [b["what"] for b in facts["labels"]]
    assert [w for w in labels if w.startswith("tl-tick:")][:2] == ["tl-tick: 17 Jun", "tl-tick: 19 Jun"]
    assert "tl-text tl-right: 25 years → 1999 · 004" in labels
    assert "tl-text tl-right: 24 years → 2000 · 004" in labels
    assert "tl-text tl-right: 24 years → 2000 ×2 · 002" in labels


@pytest.mark.parametrize("report", ["examples_page", "seeds_page"])
@pytest.mark.parametrize("width", [320, 560, 701, 768, 1024, 1920])
def test_reports_hold_at_other_widths(browser, request, report, width):
    """Around the width where tables stop stacking (700 px) too: a title whose words a scraped
    page joined with no-break spaces once pushed the articles table 40 px past a 701 px page."""
    assert_holds(browser, request.getfixturevalue(report), width)
