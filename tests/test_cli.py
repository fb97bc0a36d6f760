"""The command line as CI and editors use it: exit codes, usage errors, outputs written safely."""

import json
import os
import re
import shutil
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


# ── the command line as a new user meets it (issue 17) ────────────────────────────────────────

KESSEL = Path(__file__).resolve().parent / "fixtures" / "kessel"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def kessel(tmp_path, monkeypatch):
    """Three reports of one harbour reopening (our own words): one outlet says five days where
    two say three, flips a quote's "safe" to "unsafe", and gives the mayor's words to the
    harbour master."""
    shutil.copytree(KESSEL, tmp_path / "articles")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def usage(capsys, *argv):
    """Exit code and stderr of a command argparse may refuse."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().err


CONCISE = re.compile(r"(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                     r"(?P<kind>\w+): (?P<title>.+) \[(?P<fingerprint>[0-9a-f]{8})\]")


def test_concise_is_one_line_per_finding_at_the_odd_one_out(kessel, capsys):
    code = main(["check", "articles", "--no-cache", "--format", "concise"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    parsed = [CONCISE.fullmatch(line) for line in lines]
    assert all(parsed), lines
    assert [(m["path"], int(m["line"]), int(m["col"]), m["severity"], m["kind"])
            for m in parsed] == [
        ("articles/coast-courier.md", 8, 75, "error", "quantity"),
        ("articles/coast-courier.md", 10, 1, "error", "quote"),
        ("articles/coast-courier.md", 14, 1, "warning", "attribution"),
    ]
    main(["check", "articles", "--no-cache", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert [(m["fingerprint"], m["title"]) for m in parsed] == [
        (f["fingerprint"], f.get("title") or f["message"]) for f in doc["conflicts"]]


def test_concise_names_unreadable_files_in_the_same_shape(kessel, capsys):
    (kessel / "articles" / "empty.txt").write_text("")
    assert main(["check", "articles", "--no-cache", "--format", "concise"]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "articles/empty.txt:1:1: error unreadable: is empty"
    assert "empty.txt" not in captured.err  # named once, in the report on the screen


def test_statistics_count_articles_claims_and_findings(kessel, capsys):
    main(["check", "articles", "--no-cache", "--format", "json"])
    quote = next(f for f in json.loads(capsys.readouterr().out)["conflicts"]
                 if f["kind"] == "quote")
    (kessel / "claims.yaml").write_text(
        f"ignore:\n  - fingerprint: {quote['fingerprint']}\n"
        f"    reason: checked with the harbour master\n", encoding="utf-8")
    code = main(["check", "articles", "--no-cache", "--format", "json", "--statistics"])
    captured = capsys.readouterr()
    assert code == 1
    json.loads(captured.out)  # stdout keeps the document: the counts go to stderr
    assert captured.err.splitlines() == [
        "articles                    3",
        "claims                     18",
        "unreadable                  0",
        "findings                    2",
        "  error quantity            1",
        "  warning attribution       1",
        "accepted                    1",
    ]


@pytest.mark.parametrize("name, looks_like", [
    ("r.json", lambda t: json.loads(t)["schema"] == "factcheck/report@1"),
    ("r.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("r.sarif.json", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("r.html", lambda t: t.lstrip().lower().startswith("<!doctype html")),
    ("r.HTM", lambda t: t.lstrip().lower().startswith("<!doctype html")),
    ("r.md", lambda t: "| " in t and "coast-courier" in t and "<!doctype" not in t.lower()),
    ("r.log", lambda t: all(CONCISE.fullmatch(line) for line in t.splitlines())),
    ("r.annotations.txt", lambda t: t.startswith("::error file=articles/coast-courier.md,")),
    ("r.txt", lambda t: "coast-courier.md:8:75" in t and "\x1b" not in t and "::" not in t),
    ("report", lambda t: "coast-courier.md:8:75" in t and not t.lstrip().startswith("{")),
])
def test_output_without_format_follows_the_extension(kessel, capsys, name, looks_like):
    assert main(["check", "articles", "--no-cache", "--output", name]) == 1
    assert capsys.readouterr().out == ""
    assert looks_like(Path(name).read_text(encoding="utf-8"))


def test_format_given_wins_over_the_extension(kessel, capsys):
    assert main(["check", "articles", "--no-cache", "--output", "r.txt", "--format", "json"]) == 1
    assert json.loads(Path("r.txt").read_text(encoding="utf-8"))["conflicts"]
    assert main(["check", "articles", "--no-cache", "-o", "-", "--format", "concise"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 3 and not Path("-").exists()


def test_extract_output_follows_the_extension(kessel, capsys):
    assert main(["extract", "articles", "--no-cache", "--output", "claims.json"]) == 0
    assert json.loads(Path("claims.json").read_text())["schema"] == "factcheck/claims@1"


def test_piped_report_keeps_each_line_whole(kessel):
    """Through a pipe rich would wrap at 80 columns; a sentence must stay on its line."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "GITHUB_ACTIONS")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", "articles", "--no-cache"],
                          cwd=kessel, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    sentence = ("The port of Kessel reopened on Wednesday after a storm kept it closed for five "
                "days, officials said.")
    assert len(sentence) > 80
    # (without colour the differing words are marked «so»: the marks aside, the line is whole)
    assert any(line.strip().replace("«", "").replace("»", "") == sentence
               for line in proc.stdout.splitlines()), proc.stdout
    fingerprints = re.findall(r"\[([0-9a-f]{8})\]", subprocess.run(
        [sys.executable, "-m", "factcheck", "check", "articles", "--no-cache", "--format",
         "concise"], cwd=kessel, env=env, capture_output=True, text=True, timeout=120).stdout)
    for fp in fingerprints:  # each on its finding's line, not wrapped onto a line of its own
        line = next(line for line in proc.stdout.splitlines() if fp in line)
        assert line.strip() != f"#{fp}" and line.strip() != fp
    # extract's table is laid out wide: a claim's row stays one line for grep.
    proc = subprocess.run([sys.executable, "-m", "factcheck", "extract", "articles/coast-courier.md",
                           "--no-cache"], cwd=kessel, env=env, capture_output=True, text=True,
                          timeout=120)
    quote = '"We will reopen the north pier as soon as the divers say it is unsafe,"'
    assert any(line.startswith("10:1 ") and quote in line for line in proc.stdout.splitlines())


def test_version_and_help_say_what_the_user_needs(capsys):
    from factcheck import __version__

    code, _ = usage(capsys, "--version")
    assert code == 0
    main_help = subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True,
                               text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert main_help.returncode == 0
    for said in ("exit codes:", "0  no finding at or above --fail-on", "examples:",
                 "factcheck check draft.md --against wire/", "--version"):
        assert said in main_help.stdout, said
    assert "wires the stages" not in main_help.stdout
    check_help = subprocess.run([sys.executable, "-m", "factcheck", "check", "--help"],
                                capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})
    text = check_help.stdout
    for said in ("exit codes:", "2  a usage error", "examples:", "--statistics", "concise",
                 "factcheck check --against wire/ -- draft.md",
                 "which findings fail the run with exit 1", "never none (exit 0 whatever is found"):
        assert said in text, said
    assert f"factcheck {__version__}" in subprocess.run(
        [sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True,
        timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout


@pytest.mark.parametrize("argv, said", [
    (["check", "news", "--agianst", "x"], "unrecognized arguments: --agianst (did you mean --against?)"),
    (["check", "news", "--fial-on=never"], "--fial-on=never (did you mean --fail-on?)"),
    (["check", "news", "--statistic"], None),  # a prefix argparse completes: no error at all
    (["chek", "news"], "invalid choice: 'chek'"),
    (["chek", "news"], "(did you mean check?)"),
    (["check", "news", "--fail-on", "eror"], "(did you mean error?)"),
    (["check", "news", "--format", "jsno"], "unknown format jsno (did you mean json?)"),
    (["extract", "news", "--fromat", "json"], "(did you mean --format?)"),
    (["explian", "news"], "(did you mean explain?)"),
])
def test_a_mistyped_option_or_command_gets_a_suggestion(batch, capsys, argv, said):
    code, err = usage(capsys, *argv, "--no-cache")
    if said is None:
        assert "unrecognized" not in err
        return
    assert code == 2 and said in err, err
    assert err.count("factcheck: error:") == 1 and "Traceback" not in err


def test_against_that_took_the_draft_says_how_to_write_it(batch, capsys):
    (batch / "draft.md").write_text(B, encoding="utf-8")
    code, err = usage(capsys, "check", "--against", "news", "draft.md", "--no-cache")
    assert code == 2
    assert err.splitlines()[-1] == ("factcheck: error: no PATH to check: --against took every "
                                    "path after it (news draft.md); name the draft first: "
                                    "factcheck check draft.md --against news")
    # Both ways the message and the help give work, and read the same.
    reports = []
    for argv in (["check", "draft.md", "--against", "news"],
                 ["check", "--no-cache", "--format", "json", "--against", "news", "--",
                  "draft.md"]):
        code = main([*argv, "--no-cache", "--format", "json"] if "--" not in argv else argv)
        doc = json.loads(capsys.readouterr().out)
        assert code in (0, 1) and "draft.md" in [a["path"] for a in doc["articles"]]
        assert {c["path"] for f in doc["conflicts"] for c in f["claims"]} >= {"draft.md"}
        reports.append(doc["conflicts"])
    assert reports[0] == reports[1]
    code, err = usage(capsys, "check", "--no-cache")
    assert code == 2 and "no PATH to check: name the articles" in err


def test_an_empty_folder_is_not_a_passing_check(batch, capsys):
    (batch / "empty").mkdir()
    (batch / "empty" / "notes.docx").write_bytes(b"PK")
    code, out, err = run(capsys, "empty")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "factcheck: empty: no article in this folder (factcheck reads .txt, .md, .markdown, "
        ".html, .htm, .json, .jsonl files)",
        "factcheck: warning: no article found in empty"]
    code, out, err = run(capsys, "nothing/*.txt", "--fail-on", "never")
    assert code == 2 and "warning: no article found in 'nothing/*.txt'" in err
    assert "no file matches this pattern" in err
    # Among folders that hold articles, the empty one is named in the report, like a missing file.
    code, out, err = run(capsys, "news", "empty", "--format", "json")
    doc = json.loads(out)
    assert code == 2 and len(doc["conflicts"]) == 1
    assert {a["path"]: a["error"] for a in doc["articles"]}["empty"].startswith(
        "no article in this folder")
    # A draft folder with nothing in it has nothing to check against the references.
    code, out, err = run(capsys, "empty", "--against", "news")
    assert code == 2 and "no article found in empty (the drafts" in err
    # extract and index say the same, and index writes no index of nothing.
    assert main(["extract", "empty", "--no-cache"]) == 2
    assert "warning: no article found in empty" in capsys.readouterr().err
    assert main(["index", "empty", "--cache", "c"]) == 2
    assert "no article found in empty: no index made" in capsys.readouterr().err
    assert not (batch / "c").exists()


def test_the_cache_folder_stays_out_of_git_status(batch, capsys):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=batch, check=True)
    assert main(["check", "news", "--format", "json"]) == 1  # with the cache, this time
    capsys.readouterr()
    assert (batch / ".factcheck-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=batch,
                            capture_output=True, text=True, check=True).stdout
    assert status.splitlines() == ["?? news/a.txt", "?? news/b.txt"]


def test_a_concise_line_is_one_line_and_never_a_workflow_command():
    from factcheck.report.concise import render_concise
    from factcheck.report.safe import has_command_line

    side = {"path": "::error::x\n.txt", "line": 2, "column": 7, "role": "outlier"}
    doc = {"conflicts": [
        {"fingerprint": "0123abcd", "kind": "quote", "severity": "warning",
         "message": "m", "title": "Quote: “safe”\nbecame “unsafe”", "claims": [side]},
        {"fingerprint": "4567cdef", "kind": "date", "severity": "info", "message": "accepted",
         "accepted": {"reason": "known"}, "claims": [side]}],
        "articles": [{"path": "bad\x1b[2J.txt", "error": "not valid UTF-8"}]}
    text = render_concise(doc)
    assert len(text.splitlines()) == 2 and not has_command_line(text) and "\x1b" not in text
    first = text.splitlines()[0]
    assert first.endswith(":2:7: warning quote: Quote: “safe”\\nbecame “unsafe” [0123abcd]")
    assert text.splitlines()[1] == "bad\\x1b[2J.txt:1:1: error unreadable: not valid UTF-8"
