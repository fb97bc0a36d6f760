"""Issue 18's probe table, measured end to end: every probe of "What fails today" run as users
run factcheck, with its time before (from the issue) and after (measured here).

Usage: python bench/hostile.py [--only SUBSTRING] [--skip SUBSTRING]... [--json FILE]
                               [--scale 1.0] [--timeout 60] [--list]

Each probe builds its input in a temporary folder (generated, never kept), runs

    python -m factcheck check ...      (PYTHONPATH = this checkout, so its code runs)

as a subprocess in a session of its own, and prints one Markdown row: the probe, its time before
(the issue's words), wall time, exit code, peak RSS, what factcheck said about the bad input (the
first stderr line naming it, cut short) or, for output-safety probes, what is checked and PASS or
FAIL, whether a traceback was printed, and whether the good articles' finding is in the JSON
report. Peak RSS is the largest process of the run (the CLI or one of its workers), by
`/usr/bin/time -f %M`, which the run is started under: the rusage of a child started from this
script would count this script's own peak (Linux keeps a process's peak across exec, and
subprocess starts children by vfork). Signal probes (a `--jobs 2` run over a generated batch,
signalled once its two workers run and 1 s has passed) give the time from the signal until no
process of the run is left, and the workers left in the process table (no RSS: the CLI is
started bare, so that "the parent" is the CLI). `--scale` multiplies the inputs' sizes
(30,000 tiny articles x scale, 100,000-word sentences x scale, ...); the tests run a tiny scale.
Inputs are built from tests/test_hostile.py's generators, so the table measures what the tests
assert. A run past `--timeout` is killed (its whole session) and shown as "> 60 s".
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate as gen  # noqa: E402


def _load_tests(name: str):
    """A module of tests/ by its file (tests/ is no package; a `tests` package installed
    elsewhere must not shadow it)."""
    spec = importlib.util.spec_from_file_location(f"_probes_{name}", ROOT / "tests" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TH = _load_tests("test_hostile")
TS = _load_tests("test_signals")

TIMEOUT = 60.0
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
FORMATS = ("rich", "json", "sarif", "github", "markdown", "html")


# ── one run ───────────────────────────────────────────────────────────────────────────────────


@dataclass
class Run:
    """One measured `python -m factcheck` run."""

    argv: list[str]
    seconds: float
    code: Optional[int]  # None: killed at the timeout
    rss_mb: Optional[float]  # None: not known (killed at the timeout, or no /usr/bin/time)
    out: bytes  # stdout (the terminal's bytes for a tty run)
    err: str
    out_bytes: int
    err_bytes: int
    left: int = 0  # processes of its session still alive after it was reaped

    @property
    def timed_out(self) -> bool:
        return self.code is None

    @property
    def traceback(self) -> bool:
        return bool(re.search(r"Traceback \(most recent call last\)|^(KeyboardInterrupt|"
                              r"MemoryError|RecursionError|\w*Error:)", self.err, re.M))

    def json(self) -> Optional[dict]:
        try:
            return json.loads(self.out)
        except ValueError:
            return None


def _env(extra: Optional[dict] = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR", "NO_COLOR")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra or {})
    return env


def _reap(pid: int, until: float) -> Optional[tuple[int, object, float]]:
    """(wait status, rusage, when) of `pid` once it exits, or None at `until`."""
    pause = 0.002
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, time.monotonic()
        if time.monotonic() >= until:
            return None
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def _kill_session(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _tail(path: Path, limit: int = 256 * 1024) -> tuple[str, int]:
    """A stream's text (its head and tail when it is long) and its size in bytes."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        if size <= 2 * limit:
            data = fh.read()
        else:
            data = fh.read(limit) + b"\n[...]\n"
            fh.seek(size - limit)
            data += fh.read()
    return data.decode("utf-8", "replace"), size


_runs = itertools.count()


def cli(cwd: Path, *args: str, timeout: float = None, env: Optional[dict] = None,
        umask: int = -1, tty: bool = False, keep_out: bool = True) -> Run:
    """`python -m factcheck ARGS` in `cwd`, measured. `tty`: stdout is a pseudo-terminal (what
    reaches a user's screen), stderr a file."""
    timeout = TIMEOUT if timeout is None else timeout
    argv = [sys.executable, "-m", "factcheck", *args]
    n = next(_runs)
    out_path, err_path = cwd / f".probe-{n}.out", cwd / f".probe-{n}.err"
    rss_path = cwd / f".probe-{n}.rss"
    if GNU_TIME:
        argv = [GNU_TIME, "-f", "%M", "-o", str(rss_path), *argv]
    reader = None
    chunks: list[bytes] = []
    with open(out_path, "wb") as out_fh, open(err_path, "wb") as err_fh:
        if tty:
            master, slave = pty.openpty()
            stdout = slave
        else:
            stdout = out_fh
        began = time.monotonic()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout,
                                stderr=err_fh, env=_env(dict({"COLUMNS": "100"}, **(env or {}))),
                                start_new_session=True, umask=umask)
        if tty:
            os.close(slave)
            reader = threading.Thread(target=_drain, args=(master, chunks), daemon=True)
            reader.start()
        got = _reap(proc.pid, began + timeout)
        if got is None:
            _kill_session(proc.pid)
            status, usage, ended = _reap(proc.pid, float("inf"))
            code = None
        else:
            status, usage, ended = got
            code = os.waitstatus_to_exitcode(status)
        proc.returncode = code if code is not None else -9  # reaped here, not by Popen
        rss_mb, code = _peak(rss_path, usage, code)
        left = TS._gone(proc.pid, within=1.0)
        if left:
            _kill_session(proc.pid)
    if reader is not None:
        reader.join(5)
        out = b"".join(chunks)
        out_bytes = len(out)
    else:
        out_bytes = out_path.stat().st_size
        out = out_path.read_bytes() if keep_out and out_bytes < 512 * 2**20 else b""
    err, err_bytes = _tail(err_path)
    out_path.unlink()
    err_path.unlink()
    return Run(argv=list(args), seconds=ended - began, code=code, rss_mb=rss_mb, out=out,
               err=err, out_bytes=out_bytes, err_bytes=err_bytes, left=len(left))


def _peak(rss_path: Path, usage, code: Optional[int]) -> tuple[Optional[float], Optional[int]]:
    """(peak RSS in MB, the CLI's exit code) of a run: from /usr/bin/time's report (its last
    line the peak in KB, before it "Command terminated by signal N" when one killed the CLI),
    else from the rusage when it is above this script's own peak (below, it may be ours)."""
    if not GNU_TIME:
        import resource

        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return (usage.ru_maxrss / 1024 if usage.ru_maxrss > own else None), code
    try:
        lines = rss_path.read_text().split("\n")
        rss_path.unlink()
    except OSError:
        return None, code
    lines = [ln.strip() for ln in lines if ln.strip()]
    killed = [int(m.group(1)) for ln in lines if (m := re.match(r"Command terminated by signal "
                                                                r"(\d+)", ln))]
    if killed and code is not None:
        code = -killed[0]
    try:
        return int(lines[-1]) / 1024, code
    except (IndexError, ValueError):
        return None, code


def _drain(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            data = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's last writer is gone
            break
        if not data:
            break
        chunks.append(data)
    os.close(fd)


# ── one row ───────────────────────────────────────────────────────────────────────────────────


@dataclass
class Row:
    probe: str
    before: str
    seconds: Optional[float] = None
    timed_out: bool = False
    code: Optional[int] = None
    rss_mb: Optional[float] = None
    said: str = ""  # what it printed about the bad input, or what is checked: PASS/FAIL
    traceback: Optional[bool] = None
    good: Optional[bool] = None  # the good articles' findings in the report (None: no such)
    ok: bool = True
    notes: dict = field(default_factory=dict)

    def cells(self) -> list[str]:
        if self.seconds is None:
            after = "-"
        elif self.timed_out:
            after = f"> {self.seconds:.0f}"
        else:
            after = f"{self.seconds:.2f}"
        yes = {True: "yes", False: "no", None: "-"}
        return [self.probe, self.before, after, "-" if self.code is None else str(self.code),
                "-" if self.rss_mb is None else f"{self.rss_mb:.0f}", self.said or "-",
                yes[self.traceback], yes[self.good]]


HEADER = ["probe", "before", "after (s)", "exit", "peak RSS (MB)",
          "what it said about the bad input / what is checked", "traceback", "good findings"]


def _md(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|")


def md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


def parse_row(line: str) -> list[str]:
    """A table line back into its cells (the tests read the printed table)."""
    assert line.startswith("| ") and line.endswith(" |"), line
    body = line[2:-2]
    cells, cell, i = [], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):  # an escaped character
            cell.append(body[i + 1])
            i += 2
        elif body.startswith(" | ", i):
            cells.append("".join(cell))
            cell, i = [], i + 3
        else:
            cell.append(body[i])
            i += 1
    return cells + ["".join(cell)]


def excerpt(text: str, limit: int = 100) -> str:
    """A line shown in the table: control characters escaped, cut short."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text.strip())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def said_about(run: Run, *names: str) -> str:
    """The first stderr line naming one of `names` (the bad input), cut short."""
    for line in run.err.splitlines():
        if any(n in line for n in names):
            return excerpt(line)
    return "(nothing named)" if run.err.strip() else "(nothing on stderr)"


def from_run(row: Row, run: Run) -> Row:
    row.seconds, row.timed_out, row.code, row.rss_mb = run.seconds, run.timed_out, run.code, \
        run.rss_mb
    row.traceback = run.traceback
    if run.timed_out or run.traceback:
        row.ok = False
    return row


def check(row: Row, what: str, passed: bool, why: str = "") -> Row:
    """An output-safety or behaviour row: what it checks, PASS or FAIL (and why it failed)."""
    row.said = f"{'PASS' if passed else 'FAIL'}: {what}" + ("" if passed or not why else
                                                            f" ({excerpt(why, 60)})")
    row.ok = row.ok and passed
    return row


# ── inputs ────────────────────────────────────────────────────────────────────────────────────


def desk(tmp: Path) -> Path:
    """tmp/b holding the two good articles that disagree (three days against five)."""
    (tmp / "b").mkdir()
    (tmp / "b" / "good_a.txt").write_text(TH.GOOD_A, encoding="utf-8")
    (tmp / "b" / "good_b.txt").write_text(TH.GOOD_B, encoding="utf-8")
    return tmp / "b"


def ferry_found(doc: Optional[dict]) -> bool:
    """The good articles' finding (three days against five) is in the report."""
    if not doc:
        return False
    return any({c["article"] for c in f["claims"]} >= {"good_a", "good_b"}
               for f in doc.get("conflicts", ()) if f["kind"] == "quantity")


CHECK = ("check", "--no-cache", "--format", "json")


def bad_input(row: Row, run: Run, *names: str, good: bool = True) -> Row:
    """A bad input beside the good articles: named, no traceback, the good finding kept."""
    from_run(row, run)
    row.said = said_about(run, *names)
    if good:
        row.good = ferry_found(run.json())
        row.ok = row.ok and row.good
    return row


# ── the probes ────────────────────────────────────────────────────────────────────────────────

PROBES: list[tuple[str, str, Callable[[Path, float], Row]]] = []


def probe(name: str, before: str):
    def register(fn: Callable[[Row, Path, float], Row]):
        PROBES.append((name, before, lambda tmp, scale: fn(Row(name, before), tmp, scale)))
        return fn
    return register


def n_of(base: int, scale: float, least: int = 1) -> int:
    return max(least, int(base * scale))


# Hangs ─────────────────────────────────────────────────────────────────────────────────────────

@probe("FIFO in the folder", "hangs (blocks opening it)")
def _fifo_folder(row, tmp, scale):
    b = desk(tmp)
    os.mkfifo(b / "pipe.txt")
    return bad_input(row, cli(tmp, *CHECK, "b"), "pipe.txt")


@probe("FIFO given as an argument", "hangs (blocks opening it)")
def _fifo_arg(row, tmp, scale):
    desk(tmp)
    os.mkfifo(tmp / "arg.md")
    return bad_input(row, cli(tmp, *CHECK, "b", "arg.md"), "arg.md")


@probe("glob over a folder with two symlinks to '.'", "> 60 s, 968 MB (as a folder: 0.6 s)")
def _glob_loops(row, tmp, scale):
    b = desk(tmp)
    os.symlink(".", b / "l1")
    os.symlink(".", b / "l2")
    return bad_input(row, cli(tmp, *CHECK, "b/**/*.txt"), "l1", "l2")


@probe("claims.yaml of 50 MB", "> 120 s, 2.2 GB")
def _claims_50mb(row, tmp, scale):
    desk(tmp)
    with open(tmp / "huge.yaml", "wb") as fh:  # sparse: costs no disk
        fh.truncate(50 * 2**20)
    run = cli(tmp, *CHECK, "b", "--facts", "huge.yaml")
    return bad_input(row, run, "huge.yaml", good=False)


def _fact_book(path: Path, size: int) -> int:
    """A fact book of about `size` bytes: facts of invented harbours, each with a figure."""
    names = ("".join(p).capitalize() for p in itertools.product(TH._SYLLABLES, repeat=3))
    written = n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("facts:\n")
        while written < size:
            entry = (f"  - id: harbour-{n}\n    text: The harbour of {next(names)} has "
                     f"{n % 90 + 10} berths.\n    as_of: 2025-03-12\n")
            fh.write(entry)
            written += len(entry)
            n += 1
    return n


@probe("claims.yaml of 2 MB of facts", "20.6 s (1 MB: 5.6 s; line_of per fact quadratic)")
def _claims_2mb(row, tmp, scale):
    desk(tmp)
    facts = _fact_book(tmp / "book.yaml", n_of(2 * 2**20, scale, 4096))
    run = cli(tmp, *CHECK, "b", "--facts", "book.yaml")
    from_run(row, run)
    row.said = f"({facts:,} facts read; nothing to name)" if run.code in (0, 1) else \
        said_about(run, "book.yaml")
    row.good = ferry_found(run.json())
    row.ok = row.ok and row.good
    return row


@probe("30,000 tiny articles that share names", "> 600 s (8,000: 32 s)")
def _market_day(row, tmp, scale):
    n = n_of(30_000, scale, 20)
    TH._market_day(tmp / "m", n, n // 2)
    run = cli(tmp, "check", "--no-cache", "--format", "json", "m")
    from_run(row, run)
    doc = run.json() or {}
    odd = f"m{n // 2:05d}-odd"
    found = [f for f in doc.get("conflicts", ())
             if [c["article"] for c in f["claims"] if c["role"] == "outlier"] == [odd]]
    row.good = len(found) == 1 and len(doc["conflicts"]) == 1
    row.said = f"({n + 4:,} articles; the odd figure found: {'yes' if row.good else 'NO'})"
    row.ok = row.ok and row.good
    return row


def _pathological(name: str, text: Callable[[float], str], before: str, ext: str = "txt"):
    @probe(name, before)
    def run_probe(row, tmp, scale):
        b = desk(tmp)
        file = f"probe.{ext}"
        body = text(scale)
        if ext == "txt":
            body = "Updated: March 12, 2025\n\n" + body + "\n"
        (b / file).write_text(body, encoding="utf-8")
        run = cli(tmp, *CHECK, "b")
        bad_input(row, run, file)
        mine = [a for a in (run.json() or {}).get("articles", ()) if a["path"].endswith(file)]
        if mine and not mine[0]["error"]:  # read, not skipped: say so rather than a note
            row.said = f"(read whole: {mine[0]['claims']:,} claims; no error)"
        return row


_WORDS = TH._PLAIN_WORDS
_NUMBERS = TH._NUMBER_WORDS
_pathological("one 100,000-word sentence, no full stop",
              lambda s: " ".join(_WORDS[i * 7 % 10] for i in range(n_of(100_000, s))),
              "> 120 s (this group: up to 5.4 GB)")
_pathological("100,000 number words",
              lambda s: " ".join(_NUMBERS[i % len(_NUMBERS)] for i in range(n_of(100_000, s))),
              "> 120 s (this group: up to 5.4 GB)")
_pathological("a chain of '3 years ago' x 30,000",
              lambda s: "3 years ago " * n_of(30_000, s), "> 120 s (this group: up to 5.4 GB)")
_pathological("'1 km 2 km ...' to 50,000 km",
              lambda s: " ".join(f"{i} km" for i in range(1, n_of(50_000, s) + 1)),
              "> 120 s (this group: up to 5.4 GB)")
_pathological("'between 1 and 2 percent' x 8,333",
              lambda s: "between 1 and 2 percent " * n_of(8_333, s), "114 s, 6.9 GB")
_pathological("'a' + 200,000 spaces + 'b'", lambda s: "a" + " " * n_of(200_000, s) + "b", "37 s")
_pathological("HTML page with 200,000 attributes in a tag",
              lambda s: ("<html><body><article><p "
                         + " ".join(f'data-a{i}="v{i}"' for i in range(n_of(200_000, s)))
                         + ">The harbour reopened on Tuesday after the storm, officials said, "
                         "and ferries sailed again.</p></article></body></html>"),
              "> 120 s", ext="html")


# Tracebacks ────────────────────────────────────────────────────────────────────────────────────

@probe("front matter nested 1,000 deep (2 KB)", "traceback, exit 1, report lost")
def _deep_front_matter(row, tmp, scale):
    b = desk(tmp)
    (b / "deep.md").write_text("---\ntitle: " + "[" * 1000 + "]" * 1000
                               + "\n---\nThe ferry sailed.\n")
    return bad_input(row, cli(tmp, *CHECK, "b"), "deep.md")


def _deep_claims(tmp: Path) -> None:
    (tmp / "deep.yaml").write_text("facts: " + "[" * 500 + "]" * 500 + "\n")


@probe("claims.yaml nested 500 deep, in check", "traceback, exit 1, report lost")
def _deep_claims_check(row, tmp, scale):
    desk(tmp)
    _deep_claims(tmp)
    return bad_input(row, cli(tmp, *CHECK, "b", "--facts", "deep.yaml"), "deep.yaml", good=False)


@probe("claims.yaml nested 500 deep, in accept", "traceback, exit 1")
def _deep_claims_accept(row, tmp, scale):
    _deep_claims(tmp)
    run = cli(tmp, "accept", "12345678", "--reason", "probe", "--facts", "deep.yaml")
    return bad_input(row, run, "deep.yaml", good=False)


def _bomb_probe(levels: int, row: Row, tmp: Path) -> Row:
    b = desk(tmp)
    front = TH._bomb(levels + 1)  # `date:` points at the alias of `levels` levels of lists
    (b / "bomb.md").write_text("---\n" + front + "---\nThe ferry sailed.\n")
    run = cli(tmp, *CHECK, "b", keep_out=True)
    bad_input(row, run, "bomb.md")
    row.notes.update(front_matter_bytes=len(front), stdout_bytes=run.out_bytes,
                     stderr_bytes=run.err_bytes)
    row.said += f" [{len(front)} B in, {(run.out_bytes + run.err_bytes) / 1024:.0f} KB out]"
    return row


@probe("front matter date: a nine-level alias bomb", "MemoryError after 58 s")
def _bomb9(row, tmp, scale):
    return _bomb_probe(9, row, tmp)


@probe("front matter date: an eight-level alias bomb (~600 B)",
       "312 MB on stdout + 312 MB on stderr (624 MB of messages)")
def _bomb8(row, tmp, scale):
    return _bomb_probe(8, row, tmp)


def _cache_probe(row: Row, tmp: Path, tamper: Callable[[str], None], expect: str) -> Row:
    """A cached run of a small generated batch, the cache damaged by `tamper`, and the run
    after: no traceback, the report the same as a fresh one, the warning `expect` given."""
    gen.generate(60, tmp / "b", seed=11)
    (tmp / "b" / "planted.json").unlink()
    base = ("check", "b", "--format", "json", "--fail-on", "never", "--no-facts")
    fresh = cli(tmp, *base, "--no-cache").json()
    cli(tmp, *base, "--cache", "cache")
    tamper(str(tmp / "cache" / "claims-v4.sqlite"))
    run = cli(tmp, *base, "--cache", "cache")
    again = cli(tmp, *base, "--cache", "cache")
    from_run(row, run)
    row.said = said_about(run, expect) if expect in run.err else said_about(run, "cache", "warn")
    row.good = run.json() == fresh and again.json() == fresh
    quiet = "warning" not in again.err
    row.said += "; next run quiet" if quiet else "; warned again on the next run"
    row.ok = row.ok and row.good and quiet and expect in run.err
    return row


def _tamper_deep(db_path: str) -> None:
    db = sqlite3.connect(db_path)
    with db:
        [key] = db.execute("SELECT key FROM article ORDER BY key LIMIT 1").fetchone()
        deep = "[" * 100_000 + "]" * 100_000  # in the columns every run reads, and the rest
        db.execute("UPDATE article SET names = ?, data = ?, dates = ? WHERE key = ?",
                   (deep, deep, deep, key))
    db.close()


def _tamper_severity(db_path: str) -> None:
    db = sqlite3.connect(db_path)
    with db:
        for key, data in db.execute("SELECT key, data FROM story WHERE data != '[]'").fetchall():
            db.execute("UPDATE story SET data = ? WHERE key = ?",
                       (data.replace('"severity": "error"', '"severity": "severe"'), key))
    db.close()


@probe("cache row with deep JSON", "traceback (cache rows trusted as read)")
def _cache_deep(row, tmp, scale):
    return _cache_probe(row, tmp, _tamper_deep, "do not validate")


@probe("cache row with an unknown severity", "traceback (cache rows trusted as read)")
def _cache_severity(row, tmp, scale):
    return _cache_probe(row, tmp, _tamper_severity, "do not validate")


# Signals ───────────────────────────────────────────────────────────────────────────────────────

_SIGNAL_BATCH: dict[float, Path] = {}


def _signal_batch(scale: float) -> Path:
    """A generated batch that a `--jobs 2` check is still reading after a second or two, made
    once per run of this script and shared by the signal probes."""
    if scale not in _SIGNAL_BATCH:
        d = Path(tempfile.mkdtemp(prefix="factcheck-probes-signals."))
        gen.generate(n_of(3000, scale, 20), d / "b", seed=3)
        (d / "b" / "planted.json").unlink()
        _SIGNAL_BATCH[scale] = d / "b"
    return _SIGNAL_BATCH[scale]


def _signal_probe(row: Row, scale: float, send: Callable[[int], list[float]]) -> Row:
    """Start a `--jobs 2` check, wait until its two workers run and 1 s has passed, `send` the
    signals (it returns when each went), then time until no process of the run is left."""
    batch = _signal_batch(scale)
    err_path = batch.parent / f"signal-{next(_runs)}.err"
    with open(err_path, "wb") as err_fh:
        began = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(batch),
                                 "--no-cache", "--jobs", "2", "--format", "json", "--fail-on",
                                 "never"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err_fh, env=_env(), start_new_session=True)
        pid = proc.pid
        workers = 0
        while True:
            got = _reap(pid, time.monotonic() + 0.02)
            if got is not None:
                proc.returncode = os.waitstatus_to_exitcode(got[0])
                row.seconds, row.code = got[2] - began, proc.returncode
                return check(row, "signalled mid-run", False,
                             f"the run ended in {row.seconds:.1f} s, before the signal: "
                             "use a larger --scale")
            workers = max(workers, len([p for p in TS._group(pid) if p[1] == pid]))
            if workers >= 2 and time.monotonic() - began >= 1.0:
                break
            if time.monotonic() - began > 30:
                _kill_session(pid)
                _reap(pid, float("inf"))
                return check(row, "signalled mid-run", False, "no two workers within 30 s")
        sent = send(pid)
        first = sent[0]
        signalled_at = first - began
        got = _reap(pid, first + 10)
        hung = got is None
        if hung:
            _kill_session(pid)
            got = _reap(pid, float("inf"))
        status, usage, ended = got
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        left = TS._gone(pid, within=3.0)
        gone = time.monotonic()
        if left:
            _kill_session(pid)
    err, _ = _tail(err_path)
    err_path.unlink()
    run = Run(argv=[], seconds=gone - first, code=code, rss_mb=None,
              out=b"", err=err, out_bytes=0, err_bytes=0, left=len(left))
    from_run(row, run)
    row.timed_out = hung
    first_line = excerpt(err.strip().splitlines()[0], 40) if err.strip() else "nothing"
    parent = ended - first
    if send.times > 1:
        after_last = (f", {ended - sent[-1]:.2f} s after the last" if len(sent) > 1 else
                      ", before the second")
    else:
        after_last = ""
    ok = not hung and not left and not row.traceback
    row.notes.update(signalled_at_s=round(signalled_at, 3), parent_exit_s=round(parent, 3),
                     workers_left=len(left), signals_sent=len(sent))
    return check(row, f"signalled {signalled_at:.1f} s in; parent out {parent:.2f} s after"
                      f"{after_last}; workers left: {len(left)}; said: {first_line}", ok,
                 "hung" if hung else "")


def _send_each(sig: int, gap: float, times: int, group: bool):
    """The signals of a probe: `times` of `sig`, `gap` seconds apart (none once the run is
    out), to the whole session as a terminal sends Ctrl-C, or to the parent alone."""
    def send(pid: int) -> list[float]:
        sent = []
        for i in range(times):
            if i:
                if _reap_peek(pid, time.monotonic() + gap):
                    break  # it exited before the next: nothing left to signal
            try:
                (os.killpg if group else os.kill)(pid, sig)
            except ProcessLookupError:
                break
            sent.append(time.monotonic())
        return sent
    send.times = times
    return send


def _reap_peek(pid: int, until: float) -> bool:
    """Whether `pid` has exited by `until` (without reaping it)."""
    while time.monotonic() < until:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                state = fh.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in "ZX":
            return True
        time.sleep(0.005)
    return False


@probe("Ctrl-C once, --jobs 2", "workers' KeyboardInterrupt tracebacks (once InvalidStateError)")
def _ctrl_c_once(row, tmp, scale):
    return _signal_probe(row, scale, _send_each(signal.SIGINT, 0, 1, group=True))


@probe("Ctrl-C twice 0.5 s apart, --jobs 2",
       "hangs: 'interrupted', then waits on its workers for ever (8 of 9 runs)")
def _ctrl_c_twice(row, tmp, scale):
    return _signal_probe(row, scale, _send_each(signal.SIGINT, 0.5, 2, group=True))


@probe("SIGTERM of the parent alone, --jobs 2", "workers orphaned, blocked for ever")
def _sigterm(row, tmp, scale):
    return _signal_probe(row, scale, _send_each(signal.SIGTERM, 0, 1, group=False))


@probe("SIGKILL of the parent alone, --jobs 2", "workers orphaned, blocked for ever")
def _sigkill(row, tmp, scale):
    return _signal_probe(row, scale, _send_each(signal.SIGKILL, 0, 1, group=False))


# Unsafe output ─────────────────────────────────────────────────────────────────────────────────

def hostile_names(tmp: Path) -> Path:
    """tests/test_hostile.py's batch of hostile names and text (escape sequences, workflow
    commands, a `javascript:` file name), under tmp/b."""
    d = tmp / "b"
    d.mkdir()
    (d / "evil\n::error file=x::pwned.txt").write_text(TH.HOSTILE_A)
    (d / "javascript:alert(document.domain).txt").write_text(TH.HOSTILE_B)
    (d / "\x1b[2Jclear\r::error::x.txt").write_text("")  # unreadable: named on stderr
    (d / "j.json").write_text(json.dumps({
        "id": "id\x1b[31mred\n::error::x", "title": "T\x1b]0;t\x07\x9b",
        "published": "2025-03-12", "text": TH.HOSTILE_A.replace("three days", "four days")}))
    return d


def _all_formats(tmp: Path, env: Optional[dict] = None) -> tuple[Run, dict[str, str]]:
    """Every format into tmp/rep, and stderr: {name: text}."""
    run = cli(tmp, "check", "b", "--no-cache", "--output-dir", "rep", "--format",
              ",".join(FORMATS), env=env)
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace")
             for p in (tmp / "rep").iterdir() if p.name.startswith("factcheck.")} \
        if (tmp / "rep").is_dir() else {}
    texts["stderr"] = run.err
    return run, texts


# What the hostile inputs carry, as a terminal would get it raw (rich's own colours are ESC[…m:
# an injected colour is looked for with the text it colours).
_INJECTED = (b"\x1b[2J", b"\x1b]0;", b"\x1b]8;;https://evil", b"\xc2\x9b", b"\x1b[31mred",
             b"\x07")


@probe("control sequences in text, titles, ids, file names",
       "raw on the terminal (ESC[2J, OSC 0 titles, OSC 8 links) and on stderr")
def _controls(row, tmp, scale):
    hostile_names(tmp)
    screen = cli(tmp, "check", "b", "--no-cache", tty=True)  # the rich report on a terminal
    from_run(row, screen)
    run, texts = _all_formats(tmp)
    raw = [name for name, text in texts.items() if TH._RAW_CONTROL.search(text)]
    on_screen = [s for s in _INJECTED if s in screen.out]
    why = "; ".join(filter(None, [f"raw on the terminal: {on_screen}" if on_screen else "",
                                  f"raw control in {raw}" if raw else ""]))
    row.notes.update(runs=2, formats=sorted(texts))
    row.traceback = screen.traceback or run.traceback
    return check(row, "no injected ESC/OSC/C1 on a terminal; no raw C0/C1 in any format nor "
                      "on stderr", not why and len(texts) == len(FORMATS) + 1 and
                 not row.traceback, why)


def _own_annotations(doc: dict) -> int:
    return (len([f for f in doc["conflicts"] if "accepted" not in f])
            + len([a for a in doc["articles"] if a["error"]]) + len(doc.get("notes", ())))


def _stray_commands(name: str, text: str, own: int) -> str:
    """Why `text` is unsafe for a workflow log (empty: it is not)."""
    try:
        TH.assert_safe(name, text, own)
    except AssertionError as exc:
        return f"{name}: {excerpt(str(exc), 50)}"
    return ""


@probe("file name with a newline: workflow commands",
       "'::error …', '::stop-commands::' injected on stderr, and stdout under Actions")
def _commands(row, tmp, scale):
    hostile_names(tmp)
    run, texts = _all_formats(tmp)
    doc = json.loads(texts.get("factcheck.json", "null") or "null")
    actions = cli(tmp, "check", "b", "--no-cache",
                  env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp / "sum.md")})
    from_run(row, actions)
    texts["stdout under Actions"] = actions.out.decode("utf-8", "replace")
    texts["stderr under Actions"] = actions.err
    if (tmp / "sum.md").exists():
        texts["step summary"] = (tmp / "sum.md").read_text(encoding="utf-8")
    own = _own_annotations(doc) if doc else 0
    bad = [w for name, text in texts.items()
           if (w := _stray_commands(name, text, own if name in (
               "factcheck.annotations.txt", "stdout under Actions") else 0))]
    row.traceback = run.traceback or actions.traceback
    row.notes.update(runs=2, annotations=own)
    return check(row, f"no line-leading command but its own {own} annotations, in any format, "
                      "on stderr, under Actions", bool(doc) and not bad and not row.traceback,
                 "; ".join(bad) or ("no JSON report" if not doc else ""))


@probe("file named javascript:alert(document.domain).txt", "an href with that scheme")
def _javascript(row, tmp, scale):
    hostile_names(tmp)
    run, texts = _all_formats(tmp)
    from_run(row, run)
    links = [name for name, text in texts.items() if TH._SCHEME_LINK.search(text)]
    page = texts.get("factcheck.html", "")
    return check(row, "no javascript: href/src/uri in any format",
                 bool(page) and "alert(document.domain)" in page and not links,
                 f"in {links}" if links else "no page")


@probe("glob with a symlink out of the folder", "followed (/etc/hostname read)")
def _glob_out(row, tmp, scale):
    b = desk(tmp)
    (tmp / "secret.txt").write_text(TH.GOOD_A.replace("three", "nine").replace(
        "islands", "islands of Zanthorpe"))
    os.symlink(tmp / "secret.txt", b / "out.txt")
    run = cli(tmp, *CHECK, "b/**/*.txt")
    bad_input(row, run, "out.txt")
    leaked = b"Zanthorpe" in run.out or "Zanthorpe" in run.err
    row.ok = row.ok and not leaked
    row.said = ("PASS" if not leaked else "FAIL") + ": not read; " + row.said
    return row


def _output_target(row: Row, tmp: Path, target: str, why: str, intact: Callable[[], bool]):
    desk(tmp)
    run = cli(tmp, *CHECK, "b", "--fail-on", "never", "--output", target)
    from_run(row, run)
    line = said_about(run, why)
    return check(row, f"refused (exit 2), left as it was; said: {line}",
                 run.code == 2 and why in run.err and intact(), "")


@probe("--output onto a device node", "replaced by a regular file (as root: /dev/null)")
def _output_device(row, tmp, scale):
    node = tmp / "null"
    if os.geteuid() == 0:
        try:  # a device of our own: /dev/null is the machine's
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except OSError as exc:
            return check(row, "refused", False, f"cannot make a device node to try: {exc}")
    else:
        node = Path("/dev/null")  # not root: cannot be replaced
    return _output_target(row, tmp, str(node), "device",
                          lambda: stat.S_ISCHR(os.lstat(node).st_mode))


@probe("--output onto a symlink", "replaced by a regular file")
def _output_symlink(row, tmp, scale):
    (tmp / "real.json").write_text("{}")
    os.symlink(tmp / "real.json", tmp / "link.json")
    return _output_target(row, tmp, "link.json", "symbolic link",
                          lambda: os.path.islink(tmp / "link.json")
                          and (tmp / "real.json").read_text() == "{}")


@probe("--output onto an input article", "the article overwritten")
def _output_input(row, tmp, scale):
    return _output_target(row, tmp, "b/good_a.txt", "input",
                          lambda: (tmp / "b" / "good_a.txt").read_text() == TH.GOOD_A)


@probe("--output-dir onto the input folder", "the next run reads its own reports")
def _output_dir_inputs(row, tmp, scale):
    desk(tmp)
    args = ("check", "b", "--no-cache", "--fail-on", "never", "--output-dir", "b", "--format",
            "json,sarif,markdown,html,github")
    first = cli(tmp, *args)
    second = cli(tmp, *args)
    from_run(row, second)
    try:
        doc = json.loads((tmp / "b" / "factcheck.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = None
    paths = sorted(a["path"] for a in doc["articles"]) if doc else []
    row.good = ferry_found(doc)
    why = "" if paths == [os.path.join("b", "good_a.txt"), os.path.join("b", "good_b.txt")] \
        else f"the second run read {paths}"
    return check(row, "the second run reads the two articles only",
                 not why and first.code == 0 and second.code == 0 and row.good, why)


@probe("a 19 MB article, HTML report", "228 MB of HTML")
def _amplification(row, tmp, scale):
    """One sentence of 19 MB (no full stop) that states the ferry's figure 12 times: each of its
    claims used to carry the whole sentence into the page."""
    b = desk(tmp)
    size = n_of(19 * 2**20, scale, 50_000)
    unit = " ".join(_WORDS[i * 7 % 10] for i in range(200)) + " "
    figure = ("the ferry service between the two islands resumed on Tuesday after a storm "
              "closed the port for four days, the harbour master said ")
    every = max(1, size // len(unit) // 12)
    with open(b / "big.txt", "w", encoding="utf-8") as fh:
        fh.write("Updated: March 12, 2025 10:00 am\n\nFerry Back\n\n")
        for i in range(size // len(unit)):
            fh.write(unit + (figure if i % every == every // 2 else ""))
        fh.write("\n")
    run = cli(tmp, "check", "b", "--no-cache", "--format", "html", keep_out=False)
    json_run = cli(tmp, *CHECK, "b", keep_out=True)
    from_run(row, run)
    doc = json_run.json() or {}
    sides = sum(1 for f in doc.get("conflicts", ()) for c in f["claims"] if c["article"] == "big")
    article = (b / "big.txt").stat().st_size
    row.good = ferry_found(doc)
    row.notes.update(article_bytes=article, html_bytes=run.out_bytes, big_sides=sides)
    return check(row, f"HTML {run.out_bytes / 2**20:.2f} MB for a {article / 2**20:.1f} MB "
                      f"article, its figure on {sides} side(s) of findings (< the article)",
                 run.out_bytes < article and run.code in (0, 1) and not run.traceback, "")


# Lesser ────────────────────────────────────────────────────────────────────────────────────────

@probe("report files under umask 022", "0600 whatever the umask")
def _umask(row, tmp, scale):
    desk(tmp)
    run = cli(tmp, "check", "b", "--no-cache", "--fail-on", "never", "--output-dir", "rep",
              "--format", "json,markdown,html", umask=0o022)
    single = cli(tmp, "check", "b", "--no-cache", "--fail-on", "never", "--output", "one.json",
                 umask=0o022)
    from_run(row, run)
    files = [p for p in (tmp / "rep").iterdir() if p.name.startswith("factcheck.")] + \
        [tmp / "one.json"]
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in files if p.exists()}
    return check(row, f"every report 0644 ({len(modes)} files)",
                 len(modes) == 4 and set(modes.values()) == {"0o644"} and single.code == 0,
                 str(modes))


@probe("--output-dir with a format it cannot write", "stops at the first (json written, rest lost)")
def _output_dir_partial(row, tmp, scale):
    desk(tmp)
    (tmp / "rep" / "factcheck.json").mkdir(parents=True)  # json cannot be written there
    run = cli(tmp, "check", "b", "--no-cache", "--fail-on", "never", "--output-dir", "rep",
              "--format", "json,sarif,markdown")
    from_run(row, run)
    written = (tmp / "rep" / "factcheck.sarif").is_file() and \
        (tmp / "rep" / "factcheck.md").is_file()
    return check(row, f"the others written, exit 2, said: {said_about(run, 'json report')}",
                 run.code == 2 and "json report" in run.err and written, "")


@probe("--output with --output-dir", "--output silently dropped")
def _output_both(row, tmp, scale):
    desk(tmp)
    run = cli(tmp, "check", "b", "--no-cache", "--output", "x.json", "--output-dir", "rep")
    from_run(row, run)
    return check(row, f"exit 2, said: {said_about(run, '--output')}",
                 run.code == 2 and "--output-dir" in run.err, "")


@probe("cache with corrupted middle pages", "'working afresh' on every run, never rebuilt")
def _cache_corrupt(row, tmp, scale):
    def corrupt(path: str) -> None:
        try:
            TH._corrupt_middle(path)
        except TH.pytest.fail.Exception as exc:
            raise RuntimeError(str(exc)) from None
    return _cache_probe(row, tmp, corrupt, "rebuilt")


# ── the table ─────────────────────────────────────────────────────────────────────────────────


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def run_probe(name: str, before: str, fn: Callable[[Path, float], Row], scale: float) -> Row:
    tmp = Path(tempfile.mkdtemp(prefix="factcheck-probe."))
    try:
        return fn(tmp, scale)
    except Exception as exc:  # the probe's own failure: a row that says so, and go on
        return Row(name, before, said=f"FAIL: the probe itself failed: "
                                       f"{excerpt(type(exc).__name__ + ': ' + str(exc), 70)}",
                   ok=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Prints the table; exit 1 when a probe failed (a timeout, a traceback, a lost finding, a
    check that did not pass)."""
    global TIMEOUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", metavar="SUBSTRING",
                    help="run only the probes whose name contains it (case-insensitive)")
    ap.add_argument("--skip", metavar="SUBSTRING", action="append", default=[],
                    help="leave out the probes whose name contains it (repeatable)")
    ap.add_argument("--json", metavar="FILE", help="also write the rows to FILE")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the inputs' sizes (default 1.0: the issue's sizes)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per run (default 60)")
    ap.add_argument("--list", action="store_true", help="list the probes and exit")
    args = ap.parse_args(argv)
    TIMEOUT = args.timeout
    chosen = [p for p in PROBES if (not args.only or args.only.lower() in p[0].lower())
              and not any(s.lower() in p[0].lower() for s in args.skip)]
    if args.list or not chosen:
        for name, before, _ in chosen or PROBES:  # none chosen: say which there are
            print(f"{name}  (before: {before})")
        return 0 if chosen else 2
    began = time.monotonic()
    load = os.getloadavg()[0]
    print(f"factcheck {_commit()}, scale {args.scale:g}, timeout {args.timeout:g} s, "
          f"{os.cpu_count()} cores, load {load:.2f} at the start\n", flush=True)
    print(md_row(HEADER))
    print("|" + "|".join("---" for _ in HEADER) + "|", flush=True)
    rows = []
    try:
        for name, before, fn in chosen:
            row = run_probe(name, before, fn, args.scale)
            rows.append(row)
            print(md_row(row.cells()), flush=True)
    finally:
        for d in _SIGNAL_BATCH.values():
            shutil.rmtree(d.parent, ignore_errors=True)
        _SIGNAL_BATCH.clear()
    total = time.monotonic() - began
    failed = [r.probe for r in rows if not r.ok]
    print(f"\n{len(rows)} probes in {total:.1f} s; "
          + (f"{len(failed)} failed: {', '.join(failed)}" if failed else "none failed"))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"commit": _commit(), "scale": args.scale, "timeout": args.timeout,
                       "load_at_start": load, "total_seconds": round(total, 2),
                       "rows": [asdict(r) for r in rows]}, fh, indent=2)
            fh.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
