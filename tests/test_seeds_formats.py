"""Issue 5's acceptance on the real seed pages: SARIF that validates and points at both
conflicts, an HTML report that Chromium shows with the conflicts and the timeline, and a rich
report that prints markup-looking article text literally. Skipped when ../shared is absent."""

import contextlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.cli import main
from factcheck.model import Document
from factcheck.report import check
from factcheck.segment import segment
from factcheck.extract import extract
from factcheck.align import align
from factcheck.compare import compare

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()
SEEDS, SCHEMA = SHARED / "seeds", SHARED / "schemas" / "sarif-schema-2.1.0.json"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def run(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", str(SEEDS), "--no-cache", "--no-facts", "--fail-on", "never", *args])
    assert code == 0
    return out.getvalue()


@needs_seeds
@pytest.mark.skipif(not SCHEMA.is_file(), reason="SARIF schema not present")
def test_seed_sarif_validates_and_locates_both_conflicts():
    import jsonschema

    report = json.loads(run("--format", "json"))
    sarif = json.loads(run("--format", "sarif"))
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text(encoding="utf-8")))
    results = sarif["runs"][0]["results"]
    assert len(results) == len(report["conflicts"])
    for finding, result in zip(report["conflicts"], results):
        assert result["partialFingerprints"]["factcheck/v1"] == finding["fingerprint"]
        primary = next((c for c in finding["claims"] if c["role"] == "outlier"),
                       finding["claims"][0])
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith(Path(primary["path"]).name)
        assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (
            primary["line"], primary["column"])
        text = (SEEDS / Path(primary["path"]).name).read_text(encoding="utf-8")
        line = text.splitlines()[primary["line"] - 1]
        col = primary["column"] - 1
        assert line[col:col + len(primary["text"])] == primary["text"]
    kinds = {r["ruleId"] for r in results}
    assert {"quantity", "quote"} <= kinds


@needs_seeds
@pytest.mark.skipif(BROWSER is None, reason="no chromium binary")
def test_seed_html_in_chromium_shows_conflicts_and_timeline(tmp_path):
    page = tmp_path / "seeds.html"
    page.write_text(run("--format", "html"), encoding="utf-8")
    shown = subprocess.run([BROWSER, "--headless=new", "--no-sandbox", "--disable-gpu",
                            f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                            page.as_uri()], capture_output=True, text=True, timeout=90)
    assert shown.returncode == 0, shown.stderr[-2000:]
    dom = shown.stdout
    assert 'id="C1"' in dom and 'id="C2"' in dom
    assert "<mark>25 years</mark>" in dom and "unwavering" in dom
    assert 'class="timeline' in dom and dom.count("conflict") >= 1
    reports = Path(__file__).resolve().parents[1] / "reports"
    reports.mkdir(exist_ok=True)
    subprocess.run([BROWSER, "--headless=new", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={tmp_path / 'profile2'}", "--window-size=1280,2400",
                    f"--screenshot={reports / 'seeds-report.png'}", page.as_uri()],
                   capture_output=True, timeout=90)
    assert (reports / "seeds-report.png").stat().st_size > 10000


def test_rich_report_prints_markup_and_scripts_literally():
    texts = ["Updated: March 3, 2025 9:00 am\n\nPier Reopens\n\n"
             "The pier reopened after {n} weeks of repairs, officials said, "
             "and <script>alert(1)</script> [bold]x[/bold] stayed on the sign.\n"]
    docs = [Document(id=f"a{n}", path=f"a{n}.txt", text=texts[0].format(n=n)) for n in (3, 5)]
    claims = [c for d in docs for c in extract(segment(d)).claims]
    report = check.build([extract(segment(d)) for d in docs], [], compare(align(claims)))
    console = Console(record=True, width=200, file=io.StringIO())
    check.print_rich(console, report)
    shown = console.export_text()
    assert "<script>alert(1)</script> [bold]x[/bold]" in shown
    assert re.search(r"\[error\] #[0-9a-f]{8}  Weeks of repairs: 3 weeks \(a3\) vs 5 weeks \(a5\)", shown)
