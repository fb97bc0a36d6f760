"""Parallel extraction gives exactly what one process gives, in the same order."""

from pathlib import Path

from factcheck.batch import PARALLEL_FROM, analyse
from factcheck.load import load_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_jobs_2_equals_jobs_1():
    docs, errors = load_paths([str(EXAMPLES)])
    assert not errors
    from dataclasses import replace
    batch = [replace(d, id=f"{d.id}-{n}") for n in range(PARALLEL_FROM // len(docs) + 1)
             for d in docs]
    assert len(batch) >= PARALLEL_FROM
    one, _ = analyse(batch, jobs=1)
    two, _ = analyse(batch, jobs=2)
    assert [ex.claims for ex in one] == [ex.claims for ex in two]
    assert sum(len(ex.claims) for ex in one) > 0
