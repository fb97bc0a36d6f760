"""The HTML report in a real browser: headless Chromium parses it, shows the findings and the
timeline, runs no article text as markup, and leaves a screenshot in reports/ to look at."""

from __future__ import annotations

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
REPORTS = Path(__file__).resolve().parents[1] / "reports"
# Quiet, offline start: this machine's network is closed, so no background connections.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", "--hide-scrollbars"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    extractions = [Extraction(Article(tf._doc(a), ()), ()) for a in tf.TEXTS]
    report = check.build(extractions, [tf.UNREADABLE], tf.CONFLICTS)
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(check.report_document(report), dates=tf.DATES), encoding="utf-8")
    return path


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=90)


def test_dom_shows_findings_and_timeline(page_file, tmp_path):
    run = _chromium(tmp_path, "--dump-dom", page_file.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "<h1>factcheck report</h1>" in dom
    for fid in ("C1", "C2", "C3", "C4", "C5"):
        assert f'id="{fid}"' in dom
    assert "the first time in <mark>25 years</mark> on 3 May 2024." in dom
    full, zoom = dom.split('class="timeline zoom"')
    assert re.findall(r'class="tl-row" data-article="(\w+)"', full) == ["alpha", "beta", "gamma"]
    assert re.findall(r'class="tl-row" data-article="(\w+)"', zoom) == ["alpha", "beta"]
    assert len(re.findall(r'class="tl-mark conflict"[^>]*data-start', full)) == 2
    # The browser parsed article text as text: no script element, the tags shown literally.
    assert "<script" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "[bold]x[/bold]" in dom


def test_screenshot_is_kept_in_reports(page_file, tmp_path):
    REPORTS.mkdir(exist_ok=True)
    shot = REPORTS / "html-report.png"
    shot.unlink(missing_ok=True)
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000",
                    page_file.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one
