"""bench/hostile.py (issue 18's probe table): its rows parse back, name the bad input and say
whether a traceback came; a run that hangs is killed at the timeout, its session with it."""

from __future__ import annotations

import json
import sys
import time

import pytest

from bench import hostile

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="FIFOs, sessions and /proc")


def _table(out: str) -> list[list[str]]:
    lines = [ln for ln in out.splitlines() if ln.startswith("|")]
    assert hostile.parse_row(lines[0]) == hostile.HEADER
    assert lines[1] == "|" + "|".join("---" for _ in hostile.HEADER) + "|"
    return [hostile.parse_row(ln) for ln in lines[2:]]


@pytest.mark.parametrize("only, names", [
    ("fifo", {"FIFO in the folder": "pipe.txt", "FIFO given as an argument": "arg.md"}),
    ("front matter nested", {"front matter nested 1,000 deep (2 KB)": "deep.md"}),
])
def test_cheap_probes_print_rows_that_parse(tmp_path, capsys, only, names):
    report = tmp_path / "probes.json"
    code = hostile.main(["--only", only, "--scale", "0.001", "--json", str(report)])
    out = capsys.readouterr().out
    assert code == 0, out
    rows = _table(out)
    befores = {name: before for name, before, _ in hostile.PROBES}
    assert [r[0] for r in rows] == list(names)
    for probe, before, after, exit_code, rss, said, traceback, good in rows:
        assert before == befores[probe]
        assert 0 < float(after) < 10 and exit_code == "2" and float(rss) > 0
        assert names[probe] in said and said.startswith("factcheck: "), said
        assert (traceback, good) == ("no", "yes")
    assert "probes in" in out.splitlines()[-1] and "none failed" in out
    doc = json.loads(report.read_text())
    assert [r["probe"] for r in doc["rows"]] == list(names) and doc["scale"] == 0.001
    assert all(r["ok"] and r["traceback"] is False for r in doc["rows"])


def test_cells_with_pipes_and_backslashes_round_trip():
    cells = ["a | b", "c\\|d", "e\\", "'1 km 2 km ...'", "-"]
    assert hostile.parse_row(hostile.md_row(cells)) == cells
    assert hostile.excerpt("x\x1b[2Jy\n") == "x\\x1b[2Jy"


def _fake_factcheck(tmp_path, body: str) -> None:
    """A `factcheck` package in the run's working folder: `python -m factcheck` runs it."""
    (tmp_path / "factcheck").mkdir()
    (tmp_path / "factcheck" / "__init__.py").write_text("")
    (tmp_path / "factcheck" / "__main__.py").write_text(body)


def test_a_hanging_run_is_killed_at_the_timeout_with_its_workers(tmp_path):
    _fake_factcheck(tmp_path, "import subprocess, sys, time\n"
                              "subprocess.Popen([sys.executable, '-c', 'import time; "
                              "time.sleep(60)'])\ntime.sleep(60)\n")
    began = time.monotonic()
    run = hostile.cli(tmp_path, "check", "b", timeout=1.0)
    assert time.monotonic() - began < 5
    assert run.timed_out and run.code is None and 1.0 <= run.seconds < 3
    assert run.left == 0  # the killed session's worker is gone too
    row = hostile.from_run(hostile.Row("hang", "hangs"), run)
    assert row.cells()[2] == "> 1" and row.cells()[3] == "-" and not row.ok


def test_a_traceback_fails_the_row(tmp_path):
    _fake_factcheck(tmp_path, "import sys\nprint('factcheck: b/x.txt: boom', file=sys.stderr)\n"
                              "raise RecursionError('deep')\n")
    run = hostile.cli(tmp_path, "check", "b")
    row = hostile.bad_input(hostile.Row("deep", "traceback"), run, "x.txt")
    assert run.code == 1 and run.traceback
    assert row.cells()[5:] == ["factcheck: b/x.txt: boom", "yes", "no"] and not row.ok


@pytest.mark.skipif(hostile.GNU_TIME is None, reason="no /usr/bin/time")
def test_peak_rss_is_the_runs_own_not_the_scripts(tmp_path):
    """A run's peak RSS is its own: not the caller's (Linux keeps a process's peak across the
    vfork and exec that start it), and its allocations are all counted."""
    _fake_factcheck(tmp_path, "import sys\nheld = b'x' * (int(sys.argv[1]) * 2**20)\n")
    ballast = b"y" * (200 * 2**20)  # this process's peak: at least 200 MB
    small = hostile.cli(tmp_path, "1")
    big = hostile.cli(tmp_path, "150")
    del ballast
    assert small.code == 0 and small.rss_mb < 100, small.rss_mb
    assert big.code == 0 and 150 <= big.rss_mb < 250, big.rss_mb
