"""Parallel extraction, alignment and comparison give exactly what one process gives, in the
same order."""

import sys
from pathlib import Path

from factcheck import batch
from factcheck.batch import PARALLEL_FROM, analyse
from factcheck.load import load_paths

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate as gen  # noqa: E402

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


def test_stories_shared_out_among_processes_give_the_same_findings(tmp_path, monkeypatch):
    gen.generate(60, tmp_path, seed=5)
    (tmp_path / "planted.json").unlink()
    docs, errors = load_paths([str(tmp_path)])
    assert not errors
    one = batch.check(docs, jobs=1)
    tasks = []
    real_map = batch._Workers.map

    def counted(self, work, items):  # the stories really are shared out
        if work is batch._story_findings:
            tasks.append(len(items))
        return real_map(self, work, items)

    monkeypatch.setattr(batch._Workers, "map", counted)
    two = batch.check(docs, jobs=2)
    assert tasks and tasks[0] > 1
    assert two.conflicts == one.conflicts and two.claim_counts == one.claim_counts
    assert len(one.conflicts) >= 3
    # Held back, the extractions change nothing found; kept, they are every article's.
    slim = batch.check(docs, jobs=2, keep_extractions=False)
    assert slim.conflicts == one.conflicts and slim.claim_counts == one.claim_counts
    assert slim.extractions == {} and set(one.extractions) == {d.id for d in docs}
