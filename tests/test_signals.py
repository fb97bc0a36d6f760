"""Signals during a `--jobs 2` check: Ctrl-C once or twice and SIGTERM end the run promptly
with no traceback; SIGKILL of the parent alone takes its workers with it. Each run is a real
process group over a generated batch big enough to be mid-run when the signal comes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import generate as gen  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads the process table through /proc")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("signals")
    gen.generate(1500, d, seed=3)
    (d / "planted.json").unlink()
    return d


def _group(pgid: int) -> list[tuple[int, int, str]]:
    """(pid, parent pid, state) of every live process in the group: zombies are dead."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, ppid, group = fields[0], int(fields[1]), int(fields[2])
        if group == pgid and state not in "ZX":
            out.append((int(name), ppid, state))
    return out


def _start(batch) -> subprocess.Popen:
    """A check mid-run: its two workers started and busy."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(batch), "--no-cache",
                             "--jobs", "2", "--format", "json", "--fail-on", "never"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if len([p for p in _group(proc.pid) if p[1] == proc.pid]) >= 2:
            time.sleep(0.3)
            assert proc.poll() is None, "the run ended before it could be interrupted"
            return proc
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail("no workers started")


def _gone(pgid: int, within: float = 3.0) -> list:
    deadline = time.monotonic() + within
    while (left := _group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _finish(proc: subprocess.Popen, within: float = 5.0) -> tuple[float, str]:
    start = time.monotonic()
    try:
        proc.wait(timeout=within)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        pytest.fail("the parent did not exit")
    took = time.monotonic() - start
    left = _gone(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not left, f"workers left behind: {left}"
    return took, proc.stderr.read().decode("utf-8", "replace")


def test_ctrl_c_once_exits_130_without_traceback(batch):
    proc = _start(batch)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal sends it to the whole group
    took, err = _finish(proc)
    assert proc.returncode == 130, err
    assert took < 3, took
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "interrupted" in err


def test_ctrl_c_twice_exits_at_once(batch):
    proc = _start(batch)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    took, err = _finish(proc)
    # 130, or killed by SIGINT itself when the second one lands as the interpreter finishes:
    # a shell reports both as 130.
    assert proc.returncode in (130, -signal.SIGINT), err
    assert took < 3, took
    assert "Traceback" not in err, err


def test_sigterm_is_honoured(batch):
    proc = _start(batch)
    proc.send_signal(signal.SIGTERM)  # the parent alone, as a supervisor would
    took, err = _finish(proc)
    assert proc.returncode in (130, 143), err
    assert took < 3, took
    assert "Traceback" not in err, err


def test_workers_die_with_a_killed_parent(batch):
    proc = _start(batch)
    deadline = time.monotonic() + 10  # reading and extracting each have their pool: catch one
    while len([p for p in _group(proc.pid) if p[1] == proc.pid]) < 2:
        assert time.monotonic() < deadline and proc.poll() is None, "no workers to outlive it"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=5)
    left = _gone(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not left, f"workers outlived their parent: {left}"
