"""Benchmark of a re-check inside one big event (issue 16: "when one article changes, only the
pairs that involve its claims are redone, not its whole event").

    python bench/recheck_event.py                      # 5,000 articles, one event
    python bench/recheck_event.py --articles 30000 --jobs 2

The corpus is one event of N short reports of a town's flower show (generated here), each
naming three of a chain of invented exhibitors (each report shares two with the next, so the
batch is one event of N look-alike claims: the worst case for a re-check by event). It is
checked cold through a fresh cache, then one report's figure is changed and the batch checked
again, three ways: through the cache with the event's kept pairs (what factcheck does), through
the cache with the kept pairs dropped (the whole event judged again, as before issue 16's
re-check), and without a cache. For each: wall time, the pairs of claims judged (counted in
this process: `--jobs 1` by default, so that every judgement is seen), and whether the report
is the fresh run's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import contextmanager, redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import factcheck.align as align  # noqa: E402
from factcheck.cli import main as factcheck  # noqa: E402


def write_event(root: Path, n: int) -> Path:
    """N reports of one flower show; every one counts 212 entries. Returns the middle one."""
    names = [f"Vel{chr(97 + i // 676 % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i % 26)}ora"
             for i in range(n + 2)]
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"show{i:05d}.txt").write_text(
            f"Posted: August 23, 2025\n\nRoses Win The Day\n\nAt the flower show {names[i]} "
            f"praised {names[i + 1]} and {names[i + 2]}, whose stands held 212 entries.\n",
            encoding="utf-8")
    return root / f"show{n // 2:05d}.txt"


@contextmanager
def counting() -> Iterator[list[int]]:
    """The number of pairs judged while the block runs (in this process)."""
    judged = [0]
    real = align.judge

    def judge(*args, **kw):  # type: ignore[no-untyped-def]
        judged[0] += 1
        return real(*args, **kw)

    align.judge = judge
    try:
        yield judged
    finally:
        align.judge = real


def run(folder: Path, jobs: int, *cache: str) -> tuple[float, int, dict]:
    out = StringIO()
    with counting() as judged, redirect_stdout(out):
        start = time.perf_counter()
        code = factcheck(["check", str(folder), "--format", "json", "--fail-on", "never",
                          "--jobs", str(jobs), *cache])
        seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"check exited {code}")
    return seconds, judged[0], json.loads(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="factcheck-recheck-"))
    try:
        folder = work / "show"
        changed = write_event(folder, args.articles)
        cache = str(work / "cache")
        cold, cold_pairs, _ = run(folder, args.jobs, "--cache", cache)
        changed.write_text(changed.read_text(encoding="utf-8").replace("212 entries",
                                                                       "221 entries"),
                           encoding="utf-8")
        shutil.copytree(cache, work / "cache-whole")
        kept, kept_pairs, kept_report = run(folder, args.jobs, "--cache", cache)
        db = sqlite3.connect(work / "cache-whole" / "claims-v4.sqlite")
        with db:
            dropped = db.execute("DELETE FROM lineup").rowcount
        db.close()
        whole, whole_pairs, whole_report = run(folder, args.jobs, "--cache",
                                               str(work / "cache-whole"))
        fresh, fresh_pairs, fresh_report = run(folder, args.jobs, "--no-cache")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "articles": args.articles, "jobs": args.jobs, "cold_s": round(cold, 2),
        "cold_pairs": cold_pairs, "kept_rows_dropped": dropped,
        "recheck_kept_s": round(kept, 2), "recheck_kept_pairs": kept_pairs,
        "recheck_whole_s": round(whole, 2), "recheck_whole_pairs": whole_pairs,
        "fresh_s": round(fresh, 2), "fresh_pairs": fresh_pairs,
        "kept_same_report": kept_report == fresh_report,
        "whole_same_report": whole_report == fresh_report,
        "findings": len(fresh_report["conflicts"]),
    }
    def judged(pairs: int) -> str:  # counted in this process only
        return f"{pairs:>9,} pairs judged" if args.jobs == 1 else "(pairs judged in workers)"

    print(f"one event of {args.articles:,} reports, --jobs {args.jobs}")
    print(f"  cold, through a fresh cache      {cold:7.2f} s  {judged(cold_pairs)}")
    print(f"  re-check, the event's kept pairs {kept:7.2f} s  {judged(kept_pairs)}"
          f"  same report as fresh: {figures['kept_same_report']}")
    print(f"  re-check, the event judged whole {whole:7.2f} s  {judged(whole_pairs)}"
          f"  same report as fresh: {figures['whole_same_report']}")
    print(f"  fresh, no cache                  {fresh:7.2f} s  {judged(fresh_pairs)}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
