"""How far each injected date case of the real-news dev set gets through the pipeline.

    python bench/realnews_dates.py [INJECTED_DIR]   (default $TMPDIR/realnews/injected-7)

`../shared/realnews/run` builds INJECTED_DIR: one changed fact per case, and a manifest naming
the changed article, the witness article that states the same fact, and the words around it
("February 22"). Recall alone does not say where a case is lost, so for every `date` case this
prints whether the changed span is a date claim, whether the witness states it as a date claim,
whether both are resolved (a start date, or month and day when the year is unknown), and
whether alignment lines the two up. Prints a message and exits 0 when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

from factcheck.align import align
from factcheck.extract import extract
from factcheck.load import load_paths
from factcheck.model import Claim, DateSpan, Duration
from factcheck.segment import segment


def _resolved(claim: Claim) -> bool:
    value = claim.value.anchor if isinstance(claim.value, Duration) else claim.value
    return isinstance(value, DateSpan) and (value.start is not None or value.month is not None)


def _on(claims: list[Claim], start: int, end: int) -> Optional[Claim]:
    return next((c for c in claims if c.kind in ("date", "duration") and c.start < end
                 and start < c.end), None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("injected", nargs="?",
                    default=os.path.join(tempfile.gettempdir(), "realnews", "injected-7"))
    args = ap.parse_args()
    manifest_path = Path(args.injected) / "manifest.json"
    if not manifest_path.is_file():
        print(f"no injected set at {args.injected}: run ../shared/realnews/run first; skipped")
        return 0
    cases = [c for c in json.loads(manifest_path.read_text()) if c["kind"] == "date"]
    stages = {"changed is a date claim": 0, "witness is a date claim": 0, "both resolved": 0,
              "lined up": 0}
    for case in cases:
        folder = Path(args.injected) / case["id"]
        docs, _ = load_paths([str(folder / case["doc"]), str(folder / case["witness"])])
        by_name = {Path(d.path).name: extract(segment(d)).claims for d in docs}
        changed = _on(list(by_name.get(case["doc"], ())), case["start"], case["end"])
        witness_doc = next((d for d in docs if Path(d.path).name == case["witness"]), None)
        witness = None
        if witness_doc is not None:
            at = witness_doc.text.find(case["context"])
            if at >= 0:
                witness = _on(list(by_name[case["witness"]]), at, at + len(case["context"]))
        lined = False
        if changed and witness:
            lined = any({p.a.id, p.b.id} == {changed.id, witness.id}
                        for p in align(list(by_name[case["doc"]]) + list(by_name[case["witness"]])))
        row = [bool(changed), bool(witness),
               bool(changed and witness and _resolved(changed) and _resolved(witness)), lined]
        for key, ok in zip(stages, row):
            stages[key] += ok
        print(f"{case['id']:28} {case['context']!r:24} "
              + " ".join("yes" if ok else "no " for ok in row)
              + (f"  changed={changed.text!r}" if changed else "")
              + (f" witness={witness.text!r}" if witness else ""))
    print(f"date cases: {len(cases)}")
    for key, n in stages.items():
        print(f"  {key:26} {n}/{len(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
