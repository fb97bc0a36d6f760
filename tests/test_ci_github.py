"""The shipped GitHub workflow, run as the runner runs it: its command with GITHUB_ACTIONS=true on
a batch of our own (tests/fixtures/kessel), its annotations read back the way the runner reads
them, and compared with the JSON report of the same run."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "ci" / "factcheck.yml"
KESSEL = Path(__file__).resolve().parent / "fixtures" / "kessel"
_COMMAND = re.compile(r"^::(\w+)(?: ([^:]*))?::(.*)$")
SEVERITY = {"error": "error", "warning": "warning", "notice": "info"}


def _unescape(s: str, prop: bool = False) -> str:
    """@actions/core's escaping, undone (command.ts)."""
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def annotations(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    """Every workflow command in a log, as the runner reads it: (command, properties, message)."""
    out = []
    for line in stdout.splitlines():
        m = _COMMAND.match(line)
        if not m:
            continue
        props = {}
        for item in (m.group(2) or "").split(","):
            if item:
                key, _, value = item.partition("=")
                props[key] = _unescape(value, prop=True)
        out.append((m.group(1), props, _unescape(m.group(3))))
    return out


def steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["factcheck"]["steps"]


def workflow_command() -> list[str]:
    """The workflow's factcheck command, as the shell would split it."""
    runs = [s["run"] for s in steps() if "factcheck check" in (s.get("run") or "")]
    assert len(runs) == 1, runs
    argv = shlex.split(runs[0])
    assert argv[:2] == ["factcheck", "check"]
    return argv


@pytest.fixture
def workspace(tmp_path):
    """A repository's checkout as the workflow sees it: the articles under articles/."""
    shutil.copytree(KESSEL, tmp_path / "articles")
    (tmp_path / "summary.md").write_text("## an earlier step's summary\n", encoding="utf-8")
    return tmp_path


def run_in_actions(workspace: Path, argv: list[str], umask: int = 0o022, **env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(workspace / "summary.md"),
               PYTHONPATH=str(ROOT), **env_extra)
    return subprocess.run([sys.executable, "-m", "factcheck", *argv[1:]], cwd=workspace, env=env,
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.umask(umask))


def test_the_workflow_installs_factcheck_the_way_the_readme_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = [s["run"] for s in steps() if "pip install" in (s.get("run") or "")]
    assert install == ["python -m pip install ./.factcheck"]
    assert install[0] in readme  # the README's CI section gives this very line
    checkout = [s for s in steps() if s.get("uses", "").startswith("actions/checkout")]
    assert [s.get("with", {}).get("path") for s in checkout] == [None, ".factcheck"]
    assert "python -m pip install -e ." in readme  # and pip install from a checkout is its way


def test_the_workflow_command_annotates_the_findings_of_its_json_report(workspace):
    argv = workflow_command()
    proc = run_in_actions(workspace, argv)
    assert proc.returncode == 1, proc.stderr  # --fail-on error, and the batch has errors
    assert "Traceback" not in proc.stderr

    # The log shows every finding: each stdout line is a workflow command the runner obeys.
    lines = proc.stdout.splitlines()
    found = annotations(proc.stdout)
    assert lines and len(found) == len(lines)

    out_dir = workspace / argv[argv.index("--output-dir") + 1]
    doc = json.loads((out_dir / "factcheck.json").read_text(encoding="utf-8"))
    expected = set()
    for f in doc["conflicts"]:
        if f.get("accepted") is None:
            main_side = next((s for s in f["claims"] if s["role"] == "outlier"), f["claims"][0])
            expected.add((main_side["path"], main_side["line"], main_side["column"],
                          f["fingerprint"], f["severity"], f["kind"]))
    annotated = set()
    for command, props, message in found:
        m = re.fullmatch(r"(\w+): (.*) \[([0-9a-f]{8})\]", props["title"], re.S)
        assert m, props["title"]
        annotated.add((props["file"], int(props["line"]), int(props["col"]), m.group(3),
                       SEVERITY[command], m.group(1)))
    assert annotated == expected
    # The batch of our own: the closure the outlet got wrong, the quote it flipped, and the
    # quote it put in another mouth (a file name with a comma and a space survives escaping).
    assert {(path, line, sev, kind) for path, line, _, _, sev, kind in annotated} == {
        ("articles/coast-courier.md", 8, "error", "quantity"),
        ("articles/coast-courier.md", 10, "error", "quote"),
        ("articles/coast-courier.md", 14, "warning", "attribution"),
    }
    assert any("articles/bay-times, late.txt" in message for _, _, message in found)

    # Every format of the command was written, with the mode any new file gets under the umask.
    formats = argv[argv.index("--format") + 1].split(",")
    names = {"github": "factcheck.annotations.txt", "json": "factcheck.json",
             "sarif": "factcheck.sarif", "html": "factcheck.html", "markdown": "factcheck.md"}
    for fmt in formats:
        assert (out_dir / names[fmt]).stat().st_mode & 0o777 == 0o644, fmt
    assert annotations((out_dir / "factcheck.annotations.txt").read_text(encoding="utf-8")) == found

    # The job summary is appended to, as GitHub expects: the earlier step's stays.
    summary = (workspace / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## an earlier step's summary\n")
    assert summary.count("coast-courier") >= 3 and "|" in summary
    # --statistics in the workflow: the counts in the log too (on stderr).
    assert re.search(r"^findings\s+3$", proc.stderr, re.M)


def test_report_files_keep_the_umask(workspace):
    proc = run_in_actions(workspace, ["factcheck", "check", "articles", "--no-cache",
                                      "--format", "json,markdown", "--output-dir", "out"],
                          umask=0o027)
    assert proc.returncode == 1, proc.stderr
    for name in ("factcheck.json", "factcheck.md"):
        assert (workspace / "out" / name).stat().st_mode & 0o777 == 0o640


@pytest.fixture
def in_actions(workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workspace / "summary.md"))
    return workspace


def test_annotations_follow_a_report_written_to_a_file(in_actions, capsys):
    assert main(["check", "articles", "--no-cache", "--output", "report.sarif"]) == 1
    out = capsys.readouterr().out
    assert json.loads(Path("report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert [c for c, _, _ in annotations(out)] == ["error", "error", "warning"]


def test_a_document_on_stdout_stays_that_document(in_actions, capsys):
    """JSON on stdout is parsed by the next step: no annotation may spoil it."""
    assert main(["check", "articles", "--no-cache", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["conflicts"]) == 3
    summary = Path("summary.md").read_text(encoding="utf-8")
    assert "coast-courier" in summary  # the job summary is written all the same


def test_concise_on_stdout_is_followed_by_the_annotations(in_actions, capsys):
    assert main(["check", "articles", "--no-cache", "--format", "concise"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 6
    assert all(not line.startswith("::") for line in out[:3])
    assert len(annotations("\n".join(out[3:]))) == 3


def test_outside_actions_nothing_is_annotated_or_summarised(workspace, monkeypatch, capsys):
    monkeypatch.chdir(workspace)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workspace / "summary.md"))
    assert main(["check", "articles", "--no-cache", "--format", "json",
                 "--output-dir", "out"]) == 1
    assert capsys.readouterr().out == ""
    assert Path("summary.md").read_text(encoding="utf-8") == "## an earlier step's summary\n"


def test_an_annotation_carries_the_findings_title_and_fix():
    """When the report gives a finding a title and a suggested fix (report@1 additions), the
    annotation's bold title is that title and its message says the fix."""
    from factcheck.report.github import render_github

    side = {"path": "a, b.md", "line": 3, "column": 5, "text": "25 years", "role": "outlier",
            "sentence": "First visit in 25 years."}
    doc = {"conflicts": [{"id": "C1", "fingerprint": "0123abcd", "kind": "quantity",
                          "severity": "error", "message": "first visit in 25 years vs 24 years",
                          "title": "Years since the last visit: headline says 25, 6 sources say 24",
                          "fix": "change 25 to 24", "consensus": None, "claims": [side]}]}
    [(command, props, message)] = annotations(render_github(doc))
    assert command == "error" and props["file"] == "a, b.md" and props["line"] == "3"
    assert props["title"] == ("quantity: Years since the last visit: headline says 25, 6 sources "
                              "say 24 [0123abcd]")
    # the body opens with the title (the bold line may be cut), never the comparison's raw
    # message ("of Hollesk is 2.4 km vs The 3.1 km" was a sentence fragment)
    assert message.splitlines()[:2] == [
        "Years since the last visit: headline says 25, 6 sources say 24", "fix: change 25 to 24"]
    quote = dict(doc["conflicts"][0], kind="quote", fix="restore “unwavering”",
                 message="the same quote differs: “wavering” became “unwavering”: the meaning flips",
                 title="Quote: “consistent and unwavering support” vs “consistent and wavering "
                       "support”")
    [(_, _, message)] = annotations(render_github({"conflicts": [quote]}))
    assert message.splitlines()[:3] == [
        quote["title"], "why: “wavering” became “unwavering”: the meaning flips",
        "fix: restore “unwavering”"]


def test_draft_modes_verdict_is_a_notice_in_the_log():
    """With --against the report says whether the draft agrees (summary.draft.verdict): the
    log says it too, as a notice, not as a warning the job would be asked to act on."""
    from factcheck.report.github import render_github

    doc = {"conflicts": [], "summary": {"draft": {
        "agrees": True, "verdict": "draft.md agrees with 6 sources on 24 years, July 2000"}}}
    assert annotations(render_github(doc)) == [
        ("notice", {"title": "factcheck draft"},
         "draft.md agrees with 6 sources on 24 years, July 2000")]
    assert render_github({"conflicts": [], "summary": {}}) == ""
