"""The command line as CI and editors use it: exit codes, usage errors, outputs written safely."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck.cli import main

A = ("Updated: March 12, 2025 9:00 am\n\nFerry Service Resumes After Storm\n\n"
     "The ferry service between the two islands resumed on Tuesday after a storm closed the "
     "port for three days, the harbour master said.\n")
B = ("Updated: March 12, 2025 11:00 am\n\nFerries Sail Again\n\n"
     "The ferry service between the two islands resumed on Tuesday after a storm closed the "
     "port for five days, the harbour master said.\n")


@pytest.fixture
def batch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def run(capsys, *args):
    code = main(["check", *args, "--no-cache"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_codes_follow_fail_on(batch, capsys):
    code, out, _ = run(capsys, "news", "--format", "json")
    doc = json.loads(out)
    assert [c["kind"] for c in doc["conflicts"]] == ["quantity"]
    assert code == 1
    assert run(capsys, "news", "--fail-on", "never")[0] == 0
    assert run(capsys, "news", "--fail-on", "warning")[0] == 1


def test_missing_path_exits_2_and_names_it(batch, capsys):
    code, out, err = run(capsys, "news", "nowhere.txt", "--format", "json")
    assert code == 2
    assert "nowhere.txt: no such file or directory" in err
    doc = json.loads(out)
    assert {a["id"]: a["error"] for a in doc["articles"]}["nowhere"] == "no such file or directory"
    assert len(doc["conflicts"]) == 1  # the readable articles are still checked


@pytest.mark.parametrize("args, message", [
    (["--format", "json,sarif"], "several formats need --output-dir"),
    (["--format", "pdf"], "unknown format"),
    (["--fail-on", "sometimes"], "invalid choice"),
    (["--published", "2024-02-30"], "not a date"),
])
def test_usage_errors_exit_2_in_one_line(batch, capsys, args, message):
    try:
        code = main(["check", "news", *args])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_output_dir_writes_every_format(batch, capsys):
    code = main(["check", "news", "--format", "json,sarif,markdown,html,github",
                 "--output-dir", "reports", "--no-cache"])
    assert code == 1
    names = sorted(os.listdir("reports"))
    written = ["factcheck.annotations.txt", "factcheck.html", "factcheck.json", "factcheck.md",
               "factcheck.sarif"]
    assert names == [".factcheck-reports"] + written
    assert Path("reports/.factcheck-reports").read_text().split() == written
    assert json.loads(Path("reports/factcheck.json").read_text())["schema"] == "factcheck/report@1"
    assert capsys.readouterr().out == ""


def test_json_stdout_stays_clean_when_files_are_bad(batch, capsys):
    (batch / "news" / "empty.txt").write_text("")
    code, out, err = run(capsys, "news", "--format", "json")
    assert code == 2
    json.loads(out)  # nothing but the report on stdout
    assert "empty.txt: is empty" in err


def test_killed_mid_write_leaves_no_partial_report(batch):
    """The process dies after writing the report's bytes but before the rename."""
    (batch / "report.json").write_text('{"old": "complete"}')
    script = textwrap.dedent("""
        import os, signal, sys
        import factcheck.report.output as output
        real_fsync = os.fsync
        def die(fd):
            real_fsync(fd)
            os.kill(os.getpid(), signal.SIGKILL)
        output.os.fsync = die
        from factcheck.cli import main
        sys.exit(main(["check", "news", "--format", "json", "--output", "report.json",
                       "--no-cache"]))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=batch, capture_output=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert (batch / "report.json").read_text() == '{"old": "complete"}'
    assert [p.name for p in batch.iterdir() if p.name.startswith("report.json")] == ["report.json"]


def test_python_dash_m(batch):
    proc = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("factcheck ")


def test_an_undated_article_is_named_once_with_the_way_to_resolve_it(batch, capsys):
    draft = batch / "draft.txt"
    draft.write_text("Ferries Sail Again\n\nThe ferry service resumed on Tuesday after the storm "
                     "closed the port for five days.\n", encoding="utf-8")
    code, out, err = run(capsys, "news", "draft.txt", "--format", "json")
    doc = json.loads(out)
    undated = [n for n in doc.get("notes", []) if "no publication date" in n]
    assert len(undated) == 1 and "draft.txt" in undated[0] and "--published" in undated[0]
    assert "news/a.txt" not in undated[0]  # dated by its own date line
    assert err.count("no publication date") == 1  # the report went to stdout as JSON
    by_id = {a["id"]: a for a in doc["articles"]}
    assert by_id["draft"]["published"] is None and by_id["draft"]["published_from"] is None
    assert by_id["a"]["published_from"] == "text"

    code, out, err = run(capsys, "news", "draft.txt", "--format", "json", "--published",
                         "2025-03-12")
    doc = json.loads(out)
    assert not [n for n in doc.get("notes", []) if "no publication date" in n]
    assert "no publication date" not in err
    assert {a["id"]: a["published_from"] for a in doc["articles"]}["draft"] == "option"


def test_reports_written_into_the_input_folder_are_not_read_back(batch, capsys):
    code, _, _ = run(capsys, "news", "--format", "json,html,markdown,rich", "--output-dir", "news")
    assert sorted(p.name for p in (batch / "news").iterdir() if p.name.startswith("factcheck."))
    first = json.loads((batch / "news" / "factcheck.json").read_text(encoding="utf-8"))
    code, out, err = run(capsys, "news", "--format", "json")
    again = json.loads(out)
    assert [a["path"] for a in again["articles"]] == [a["path"] for a in first["articles"]] == [
        "news/a.txt", "news/b.txt"]
    assert code != 2 and "factcheck." not in err
    code, out, _ = run(capsys, "news/*.txt", "--format", "json")  # a glob, too
    assert [a["path"] for a in json.loads(out)["articles"]] == ["news/a.txt", "news/b.txt"]
