"""Benchmark of the archive index (issue 16): a draft checked against an indexed archive.

    python bench/index.py --sizes 2000,10000              # build, size, warm draft checks, equality
    python bench/index.py --sizes 100000 --no-full        # the same without the full checks

For each size: the archive corpus (`generate.py N --archive`, its planted.json moved beside it),
`factcheck index` cold and again unchanged (cache hits), the index and cache sizes on disk, and
for three drafts written here (a copy of an archive article with one figure changed, a new
article naming an event's recurring actors, the changed copy without its date line) the wall
and CPU time of `check DRAFT --against ARCHIVE` through the index, run `--repeat` times after one warm-up
(the range is printed: the machine is shared), and whether its JSON report is byte for byte the
full check's (the same command with the index moved aside, through the same warm cache).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
INDEX_FILE = "index-v1.sqlite"


def corpus(n: int, workdir: Path) -> tuple[Path, dict]:
    """The archive of n articles (generated once), and its planted.json."""
    folder = workdir / f"index-archive-n{n}"
    planted = workdir / f"index-archive-n{n}.planted.json"
    if not planted.exists():
        if folder.exists():
            shutil.rmtree(folder)
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(folder),
                        "--archive"], check=True, stdout=subprocess.DEVNULL)
        os.replace(folder / "planted.json", planted)
    return folder, json.loads(planted.read_text(encoding="utf-8"))


_FIGURE = re.compile(r"\$(\d+) million|\b(\d+) (?:homes|jobs)\b")


def _changed(text: str) -> Optional[str]:
    """The text with the first exact figure of its body (money, homes, jobs: not a headline's,
    not an "at least") a third higher; None when it has none."""
    body = text.find("\nUpdated:")
    m = _FIGURE.search(text, body) if body >= 0 else None
    if not m:
        return None
    group = 1 if m.group(1) else 2
    new = str(int(m.group(group)) * 4 // 3 + 1)
    return text[:m.start(group)] + new + text[m.end(group):]


def drafts(folder: Path, planted: dict, out: Path) -> list[Path]:
    """Three drafts of our own against this archive."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(folder.glob("*.txt"))
    changed = next(filter(None, (_changed(f.read_text(encoding="utf-8"))
                                 for f in files[len(files) // 2:])))
    visit = next(c for c in planted["clusters"][len(planted["clusters"]) // 2:]
                 if c["kind"] == "visit")
    _, guest, host = visit["key"].split(":")
    day = date.fromisoformat(visit["published"]) + timedelta(days=1)
    new = (f"Desk draft\n\nTalks between {guest} and {host} end\n\n"
           f"Updated: {day:%B} {day.day}, {day.year} 9:05 am\n\n"
           f"Delegations from {guest} and {host} closed two days of talks on Thursday. "
           f"Officials said 318 delegates took part and that a trade accord worth $870 million "
           f"would be signed next spring. The talks were the first in {host} for 14 years.\n")
    undated = "\n".join(line for line in changed.splitlines() if not line.startswith("Updated:"))
    paths = []
    for name, text in (("draft_changed.txt", changed), ("draft_new.txt", new),
                       ("draft_undated.txt", undated + "\n")):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def factcheck(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time and outcome of one run; its CPU time (user + system, less noisy than the wall
    time on a shared machine) is kept in `cpu_times`."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True,
                          text=True, env=env, cwd=str(ROOT))
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return took, done


cpu_times: list[float] = []


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file())


def run(n: int, workdir: Path, jobs: int, repeat: int, full: bool) -> dict:
    folder, planted = corpus(n, workdir)
    cache = workdir / f"index-cache-n{n}"
    figures: dict = {"n": n}
    for label in ("index_cold_s", "index_again_s"):
        if label == "index_cold_s" and cache.exists():
            shutil.rmtree(cache)
        took, done = factcheck("index", str(folder), "--cache", str(cache), "--jobs", str(jobs))
        if done.returncode != 0:
            raise SystemExit(f"factcheck index failed: {done.stderr.strip()}")
        figures[label] = round(took, 2)
        print(f"N={n:,}  {label}: {took:.1f} s  ({done.stderr.strip().splitlines()[-1]})",
              flush=True)
    figures["index_mb"] = round((cache / INDEX_FILE).stat().st_size / 2**20, 1)
    figures["cache_dir_mb"] = round(_size(cache) / 2**20, 1)
    print(f"N={n:,}  index file {figures['index_mb']} MB, cache folder with it "
          f"{figures['cache_dir_mb']} MB", flush=True)
    for draft in drafts(folder, planted, workdir / f"index-drafts-n{n}"):
        args = ("check", str(draft), "--against", str(folder), "--cache", str(cache),
                "--format", "json", "--no-facts", "--jobs", str(jobs))
        factcheck(*args)  # warm-up: the draft's own extraction goes into the cache
        times, cpu = [], []
        for _ in range(repeat):
            took, fast = factcheck(*args)
            times.append(took)
            cpu.append(cpu_times[-1])
        entry = {"fast_s": [round(min(times), 2), round(max(times), 2)],
                 "fast_cpu_s": [round(min(cpu), 2), round(max(cpu), 2)],
                 "findings": len(json.loads(fast.stdout)["conflicts"]),
                 "warning": "warning" in fast.stderr}
        if full:
            index = cache / INDEX_FILE
            os.replace(index, index.with_suffix(".off"))
            try:
                took, whole = factcheck(*args)
            finally:
                os.replace(index.with_suffix(".off"), index)
            entry["full_s"] = round(took, 2)
            entry["full_cpu_s"] = round(cpu_times[-1], 2)
            entry["same_report"] = whole.stdout == fast.stdout
            entry["full_findings"] = len(json.loads(whole.stdout)["conflicts"])
            entry["same_findings"] = (json.loads(whole.stdout)["conflicts"]
                                      == json.loads(fast.stdout)["conflicts"])
        figures[draft.stem] = entry
        print(f"N={n:,}  {draft.stem}: {json.dumps(entry)}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "factcheck-bench"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-full", action="store_true", help="skip the full checks")
    parser.add_argument("--json", metavar="FILE", help="write the figures here too")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    out = [run(int(s), workdir, args.jobs, args.repeat, not args.no_full)
           for s in args.sizes.split(",")]
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
