"""Time every output format of `factcheck check` at archive scale (issue 16).

Usage: python bench/formats.py --sizes 1000,4000,10000 [--jobs 2] [--seed 0] [--dense]
                               [--formats json,html,...] [--repeat 1] [--src DIR[,DIR]]
                               [--workdir DIR] [--profile FMT] [--json FILE]

For each size: a bench corpus (generated once and reused; `--dense` plants a conflict in every
story instead of one in four, since findings drive the cost of some formats), one check to fill
a claims cache, then for each format the warm run an editor or CI makes, as a subprocess:

    python -m factcheck check DIR --format F --jobs J --output out.F --fail-on never --cache C

and, in one process, the report's build and render alone (the shared part, reading and
checking, left out). The table gives seconds, the ratio to JSON, the output's size and the
growth exponent log(t2/t1)/log(n2/n1) between consecutive sizes. `--src OLD,NEW` runs other
checkouts' factcheck (e.g. `git archive` of an older commit), their runs interleaved, to
compare before and after; `--profile FMT` prints a cProfile of the largest size's warm run in
that format.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH: --src decides which factcheck runs

FORMATS = ("json", "html", "sarif", "markdown", "github", "rich")


# ── corpus ────────────────────────────────────────────────────────────────────────────────────


def _generator_hash() -> str:
    h = hashlib.sha1()
    for name in ("generate.py", "templates.py"):
        h.update((ROOT / "bench" / name).read_bytes())
    return h.hexdigest()[:10]


def corpus(n: int, seed: int, dense: bool, workdir: Path) -> Path:
    """`DIR/articles` of the generated corpus (planted.json beside it, not among the articles),
    made once per (n, seed, density, generator source) and reused."""
    from bench import generate as gen

    target = workdir / f"corpus-n{n}-s{seed}{'-dense' if dense else ''}-{_generator_hash()}"
    if (target / "planted.json").exists():
        return target / "articles"
    tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=workdir))
    every = gen.PLANT_EVERY
    gen.PLANT_EVERY = 1 if dense else every
    try:
        gen.generate(n, tmp / "articles", seed)
    finally:
        gen.PLANT_EVERY = every
    (tmp / "articles" / "planted.json").rename(tmp / "planted.json")
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    return target / "articles"


# ── runs ──────────────────────────────────────────────────────────────────────────────────────


def _env(src: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop("GITHUB_ACTIONS", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    return env


def run_check(src: Path, articles: Path, fmt: str, jobs: int, out: Path, cache: Path,
              profile: Optional[Path] = None) -> float:
    """Wall seconds of one `factcheck check` subprocess, as a user runs it."""
    head = [sys.executable] + (["-m", "cProfile", "-o", str(profile)] if profile else [])
    cmd = head + ["-m", "factcheck", "check", str(articles), "--format", fmt, "--jobs", str(jobs),
                  "--output", str(out), "--fail-on", "never", "--cache", str(cache)]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=_env(src), cwd=articles.parent, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def in_process(articles: str, cache: str, jobs: int, formats: Sequence[str]) -> dict[str, float]:
    """Seconds of `build_from` + `render` per format, in this process, after a warm check (the
    extractions the HTML timeline places are read beforehand, untimed)."""
    from factcheck.batch import analyse, check
    from factcheck.cache import ClaimsCache
    from factcheck.load import load_paths
    from factcheck.report import check as report
    from factcheck.report import formats as shown

    docs, errors = load_paths([articles])
    store = ClaimsCache(cache)
    try:
        checked = check(docs, jobs=jobs, cache=store, keep_extractions=False)
        extractions, _ = analyse(docs, jobs=jobs, cache=store)
    finally:
        store.close()
    # The extractions held here for the timeline are no part of a CLI run's heap: frozen, the
    # collector's passes over them do not grow every render with the batch.
    gc.collect()
    gc.freeze()
    out: dict[str, float] = {}
    for fmt in [f for _ in range(3) for f in formats]:  # the fastest of three, interleaved
        gc.collect()
        t0 = time.perf_counter()
        built = report.build_from(docs, checked.claim_counts, list(errors) + checked.errors,
                                  checked.conflicts)
        dates: Any = ()
        if fmt == "html":  # an older checkout's render took the extractions themselves
            dates = (shown.date_points(extractions) if hasattr(shown, "date_points")
                     else extractions)
        shown.render(fmt, built, dates)
        out[fmt] = min(out.get(fmt, math.inf), time.perf_counter() - t0)
    return out


def _tag(src: Path) -> str:
    return hashlib.sha1(str(src.resolve()).encode()).hexdigest()[:8]


def bench_size(n: int, args: argparse.Namespace, workdir: Path,
               srcs: Sequence[Path]) -> list[dict[str, Any]]:
    """The figures of one size for each checkout in `srcs`, their runs interleaved."""
    articles = corpus(n, args.seed, args.dense, workdir)
    where = {src: workdir / f"out-{articles.parent.name}-{_tag(src)}" for src in srcs}
    cache = {src: workdir / f"cache-{articles.parent.name}-{_tag(src)}" for src in srcs}
    findings = {}
    for src in srcs:
        where[src].mkdir(exist_ok=True)
        run_check(src, articles, "json", args.jobs, where[src] / "warmup.json", cache[src])
        warm = json.loads((where[src] / "warmup.json").read_text(encoding="utf-8"))
        findings[src] = len(warm["conflicts"])
    seconds = {src: {f: [] for f in args.formats} for src in srcs}
    for _ in range(args.repeat):  # interleaved: a busy moment hits every format and checkout
        for fmt in args.formats:
            for src in srcs:
                seconds[src][fmt].append(run_check(src, articles, fmt, args.jobs,
                                                   where[src] / f"out.{fmt}", cache[src]))
    results = []
    for src in srcs:
        probe = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--in-process", str(articles),
             str(cache[src]), "--jobs", str(args.jobs), "--formats", ",".join(args.formats)],
            env=_env(src), capture_output=True, text=True, check=True)
        results.append({
            "n": n, "src": str(src), "findings": findings[src],
            "seconds": {f: min(v) for f, v in seconds[src].items()}, "runs": seconds[src],
            "bytes": {f: (where[src] / f"out.{f}").stat().st_size for f in args.formats},
            "render": json.loads(probe.stdout)})
    return results


# ── table ─────────────────────────────────────────────────────────────────────────────────────


def _exp(t1: float, t2: float, n1: int, n2: int) -> str:
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return "-"
    return f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}"


def _size(b: int) -> str:
    return f"{b / 2**20:.1f} MB" if b >= 2**20 else f"{b / 2**10:.0f} KB"


def table(results: Sequence[dict[str, Any]], formats: Sequence[str]) -> str:
    lines = []
    lines.append(f"{'articles':<9}" + "".join(f"{r['n']:>36,}" for r in results))
    lines.append(f"{'findings':<9}" + "".join(f"{r['findings']:>36,}" for r in results))
    lines.append(f"{'format':<9}" + "".join(f"{'warm s (x JSON)     size  render s':>36}"
                                             for _ in results))
    for fmt in formats:
        cells = []
        for r in results:
            s, base = r["seconds"][fmt], r["seconds"].get("json") or float("nan")
            cells.append(f"{s:8.2f} ({s / base:4.2f}x) {_size(r['bytes'][fmt]):>8}  "
                         f"{r['render'][fmt]:8.3f}")
        lines.append(f"{fmt:<9}" + "".join(f"{c:>36}" for c in cells))
    if len(results) > 1:
        lines.append("growth exponent (warm run; render alone):")
        for fmt in formats:
            parts = []
            for a, b in zip(results, results[1:]):
                parts.append(f"{a['n']:,}→{b['n']:,} {_exp(a['seconds'][fmt], b['seconds'][fmt], a['n'], b['n'])}"
                             f"; {_exp(a['render'][fmt], b['render'][fmt], a['n'], b['n'])}")
            lines.append(f"  {fmt:<9}" + "   ".join(parts))
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dense", action="store_true", help="a planted conflict in every story")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per format; the fastest counts")
    parser.add_argument("--src", default=str(ROOT),
                        help="the checkout(s) whose factcheck runs, comma-separated (runs are "
                             "interleaved; --profile profiles the last)")
    parser.add_argument("--workdir",
                        default=os.path.join(tempfile.gettempdir(), "factcheck-bench-formats"))
    parser.add_argument("--profile", metavar="FMT", help="cProfile the largest size in FMT")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--in-process", nargs=2, metavar=("ARTICLES", "CACHE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.formats = [f for f in args.formats.split(",") if f]
    if args.in_process:
        print(json.dumps(in_process(*args.in_process, jobs=args.jobs, formats=args.formats)))
        return 0
    if "json" not in args.formats:
        args.formats.insert(0, "json")
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    srcs = [Path(s) for s in args.src.split(",")]
    by_src: dict[Path, list[dict[str, Any]]] = {src: [] for src in srcs}
    for n in sorted(int(s) for s in args.sizes.split(",")):
        for src, result in zip(srcs, bench_size(n, args, workdir, srcs)):
            by_src[src].append(result)
        print(f"{n:,} articles done", file=sys.stderr, flush=True)
    for src in srcs:
        print(f"factcheck from {src}, --jobs {args.jobs}, seed {args.seed}"
              f"{', a conflict planted in every story' if args.dense else ''}; the fastest of "
              f"{args.repeat} warm run(s), interleaved with {len(srcs) - 1} other checkout(s)")
        print(table(by_src[src], args.formats))
        print()
    if args.json:
        Path(args.json).write_text(json.dumps([r for rs in by_src.values() for r in rs], indent=1),
                                   encoding="utf-8")
    if args.profile:
        import pstats
        n = max(int(s) for s in args.sizes.split(","))
        articles = corpus(n, args.seed, args.dense, workdir)
        prof = workdir / f"profile-{args.profile}-{n}.prof"
        run_check(srcs[-1], articles, args.profile, args.jobs, workdir / f"profiled.{args.profile}",
                  workdir / f"cache-{articles.parent.name}-{_tag(srcs[-1])}", profile=prof)
        pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
