"""The HTML report in a real browser: headless Chromium parses it, shows the findings and the
timeline, runs no article text as markup, and holds its layout at 1,400 px and at 400 px (no
two labels overlap, nothing is cut), leaving screenshots in reports/ to look at."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

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

# Measures the laid-out page into the DOM for --dump-dom: every label's box (timeline texts,
# ticks, article labels, legend keys) and every timeline mark, and what is wider than its box.
# The report itself runs no script (its CSP forbids it): only this test copy does.
_MEASURE = """<script>
(function () {
  const de = document.documentElement, W = de.clientWidth;
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const box = e => { const r = e.getBoundingClientRect();
    return {l: r.left, t: r.top + scrollY, r: r.right, b: r.bottom + scrollY,
            what: e.className + ': ' + e.textContent.trim().slice(0, 50)}; };
  const labels = [...document.querySelectorAll('.tl-text, .tl-tick, .tl-label, .tl-key')]
    .filter(shown).map(box);
  const marks = [...document.querySelectorAll('.timeline .tl-mark')].filter(shown).map(box);
  const tables = [...document.querySelectorAll('table')].filter(shown)
    .filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.className || 'table');
  const wide = [...document.body.querySelectorAll('*')].filter(shown).filter(e => {
      const r = e.getBoundingClientRect(); return r.right > W + 1 || r.left < -1; })
    .map(e => e.tagName + '.' + e.className);
  const clipped = [...document.body.querySelectorAll('*')].filter(shown).filter(e => {
      const o = getComputedStyle(e).overflowX;
      return o !== 'visible' && e.scrollWidth > e.clientWidth + 1; }).map(e => e.className);
  const facts = {width: W, innerWidth: innerWidth, height: de.scrollHeight,
                 pageScroll: de.scrollWidth, labels: labels, marks: marks, tables: tables,
                 wide: wide, clipped: clipped};
  const pre = document.createElement('pre');
  pre.id = 'layout-facts';
  pre.textContent = JSON.stringify(facts);
  document.body.appendChild(pre);
})();
</script>"""


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


def _layout(page: Path, width: int, tmp_path: Path) -> dict:
    """The layout facts of `page` at `width` px, measured by Chromium in a copy of it (beside
    it, so its relative links resolve alike) that carries the measuring script."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text, count=1)
    probe = page.with_name(page.stem + f".probe-{width}.html")
    probe.write_text(text.replace("</body>", _MEASURE + "</body>", 1), encoding="utf-8")
    run = _chromium(tmp_path, f"--window-size={width},1000", "--dump-dom", probe.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    m = re.search(r'<pre id="layout-facts">(.*?)</pre>', run.stdout, re.DOTALL)
    assert m, "the measuring script did not run"
    return json.loads(html.unescape(m.group(1)))


def _screenshot(page: Path, width: int, height: int, name: str, tmp_path: Path) -> Path:
    REPORTS.mkdir(exist_ok=True)
    shot = REPORTS / name
    shot.unlink(missing_ok=True)
    run = _chromium(tmp_path, f"--screenshot={shot}",
                    f"--window-size={width},{min(max(height, 600), 16000)}", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one
    return shot


def assert_holds(page: Path, width: int, tmp_path: Path) -> dict:
    """At `width` px: no two labels overlap, no label covers a mark, nothing is wider than the
    page or its box (the page does not scroll sideways, no table is cut)."""
    facts = _layout(page, width, tmp_path)
    assert facts["width"] == width and facts["innerWidth"] == width
    assert facts["labels"], "no timeline labels measured"
    assert _overlaps(facts["labels"]) == []
    marks_under_labels = [pair for pair in _overlaps(facts["labels"] + facts["marks"])
                          if not pair[0].startswith("tl-mark") or not pair[1].startswith("tl-mark")]
    assert marks_under_labels == []
    assert facts["pageScroll"] <= facts["width"]
    assert facts["tables"] == [] and facts["wide"] == [] and facts["clipped"] == []
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
    assert "3 May 2024 → 3 May 2024 <span" in dom and "◂ in 2000 → 2000 <span" in dom
    # The browser parsed article text as text: no script element, the tags shown literally.
    assert "<script" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "[bold]x[/bold]" in dom


@pytest.mark.parametrize("width", WIDTHS)
def test_fixture_page_holds_its_layout(page_file, tmp_path, width):
    facts = assert_holds(page_file, width, tmp_path)
    _screenshot(page_file, width, facts["height"], f"html-report-{width}.png", tmp_path)


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
def test_examples_report_holds_its_layout(examples_page, tmp_path, width):
    facts = assert_holds(examples_page, width, tmp_path)
    labels = [b["what"] for b in facts["labels"]]
    assert any("Estravia and Norland approve rail bridge" in w for w in labels)  # titles
    _screenshot(examples_page, width, facts["height"], f"html-examples-{width}.png", tmp_path)


@pytest.mark.parametrize("width", WIDTHS)
def test_seeds_report_holds_its_layout(seeds_page, tmp_path, width):
    facts = assert_holds(seeds_page, width, tmp_path)
    # The year 2000 of "24 years" (002) is pinned off the scale, not a year-long bar.
    assert any("◂ 24 years → 2000" in b["what"] for b in facts["labels"])
    _screenshot(seeds_page, width, facts["height"], f"html-seeds-{width}.png", tmp_path)
