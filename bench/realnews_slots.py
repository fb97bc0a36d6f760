"""How often claims of real news get their slots (issue 15): of the quantity claims, the share
with a measure, with a subject, with both; and the kinds' time slots and said_at dates.

Usage: python bench/realnews_slots.py [CLUSTERS_DIR] [--show N]

CLUSTERS_DIR (default $TMPDIR/realnews/clusters) holds one folder per cluster of articles, one
.txt per article (the real-news kit of shared/realnews). Claims are read in process with the
factcheck on the path (set PYTHONPATH to a checkout). --show N lists N quantity claims with a
subject (claim text and subject only), to read them against their articles.
"""

from __future__ import annotations

import argparse
import glob
import os
import tempfile
from collections import Counter

from factcheck.extract import extract
from factcheck.load import load_paths
from factcheck.segment import segment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clusters", nargs="?",
                        default=os.path.join(tempfile.gettempdir(), "realnews", "clusters"))
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    paths = sorted(glob.glob(os.path.join(args.clusters, "*", "*.txt")))
    if not paths:
        print(f"no clusters under {args.clusters}: build them with shared/realnews (its README)")
        return
    docs, errors = load_paths(paths)
    counts: Counter[str] = Counter()
    times: Counter[tuple[str, str]] = Counter()
    measures: Counter[str] = Counter()
    shown = 0
    for doc in docs:
        for claim in extract(segment(doc)).claims:
            slots = claim.slots
            times[claim.kind, slots.time] += 1
            counts["said_at"] += slots.said_at
            if claim.kind != "quantity":
                continue
            counts["quantity"] += 1
            counts["measure"] += bool(slots.measure)
            counts["subject"] += bool(slots.subject)
            counts["both"] += bool(slots.measure and slots.subject)
            counts["subject named"] += slots.subject in claim.frame.names
            if slots.measure:
                measures[slots.measure] += 1
            if slots.subject and shown < args.show:
                shown += 1
                print(f"{claim.article}:{claim.line}  {claim.text!r} → {slots.subject!r}")
    n = max(counts["quantity"], 1)
    print(f"{len(docs)} articles ({len(errors)} unreadable), {counts['quantity']} quantity claims")
    for key in ("measure", "subject", "both", "subject named"):
        print(f"  {key:14} {counts[key]:5}  {counts[key] / n:6.1%}")
    print(f"  dates that say when something was said: {counts['said_at']}")
    print("  time:", ", ".join(f"{k}/{t} {v}" for (k, t), v in sorted(times.items())))
    print("  measures:", ", ".join(f"{m} {v}" for m, v in measures.most_common(15)))


if __name__ == "__main__":
    main()
