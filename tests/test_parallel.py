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
        if work is batch._call:
            tasks.append(sum(1 for w, _ in items if w is batch._story_findings))
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


def test_files_read_in_processes_and_through_the_cache_are_the_files_read_in_one(tmp_path):
    """batch.load_paths: the same documents and errors, in the same order, as load.load_paths,
    read in processes or not, with the cache cold or warm."""
    gen.generate(PARALLEL_FROM + 20, tmp_path / "a", seed=3)
    (tmp_path / "a" / "planted.json").unlink()
    (tmp_path / "a" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "a" / "binary.txt").write_bytes(b"\x00\x01" * 50)
    (tmp_path / "a" / "two.jsonl").write_text(
        '{"text": "The ferry carried 310 passengers.", "published": "2025-03-04"}\n'
        '{"title": "no text"}\n', encoding="utf-8")
    (tmp_path / "a" / "00003_0123456789abcdef.md").write_text(
        "---\ntitle: Ferry\ndate: 2025-03-04\n---\nThe ferry carried 310 passengers.\n",
        encoding="utf-8")
    expected = load_paths([str(tmp_path / "a")], taken=["00001"])
    assert expected[1] and len(expected[0]) == PARALLEL_FROM + 22
    cache = str(tmp_path / "cache")
    for jobs in (1, 2):
        for cache_dir in (None, cache, cache):
            got = batch.load_paths([str(tmp_path / "a")], taken=["00001"], jobs=jobs,
                                   cache_dir=cache_dir)
            assert got == expected, (jobs, cache_dir)


def _fair(root: Path, n: int) -> None:
    """`n` short reports of one village fair, each naming three of a chain of invented
    stallholders (each report shares two with the next: one story of `n` look-alike claims),
    and three more reports naming the middle one's three; every report counts 120 stalls but
    the middle one, which counts 152."""
    names = [f"Tar{chr(97 + i // 26)}{chr(97 + i % 26)}vel" for i in range(n + 2)]
    root.mkdir()
    middle = n // 2
    for name, i in [(f"f{i:04d}", i) for i in range(n)] + [(f"g{k}", middle) for k in range(3)]:
        stalls = 152 if name == f"f{middle:04d}" else 120
        (root / f"{name}.txt").write_text(
            f"Published: May 9, 2025\n\nThe Fair Returns\n\nAt the spring fair {names[i]} "
            f"greeted {names[i + 1]} and {names[i + 2]}, who counted {stalls} stalls.\n",
            encoding="utf-8")


def test_a_story_bigger_than_a_process_part_is_judged_in_shares_with_the_same_findings(
        tmp_path, monkeypatch):
    """One story of look-alike claims is split among the processes by pair (Lineup shares) and
    compared in the parent: the same findings as one process, and the shares really ran."""
    _fair(tmp_path / "fair", 600)
    docs, errors = load_paths([str(tmp_path / "fair")])
    assert not errors
    one = batch.check(docs, jobs=1)
    monkeypatch.setattr(batch, "SPLIT_STORY_FROM", 500)
    shares = []
    real_map = batch._Workers.map

    def counted(self, work, items):
        if work is batch._call:
            shares.extend(args[3:5] for w, args in items if w is batch._story_share)
        return real_map(self, work, items)

    monkeypatch.setattr(batch._Workers, "map", counted)
    two = batch.check(docs, jobs=2)
    assert shares == [(0, 2), (1, 2)]
    assert two.conflicts == one.conflicts
    [finding] = one.conflicts
    assert [s.claim.article for s in finding.sides if s.role == "outlier"] == ["f0300"]


def test_a_story_judged_in_shares_keeps_the_pairs_one_process_keeps(tmp_path):
    """The pairs a big story keeps for its next re-check are the same whether it was judged
    in one process or in shares (same weights, same pairs, family by family)."""
    from factcheck.compare import Settings

    _fair(tmp_path / "fair", 300)
    docs, _ = load_paths([str(tmp_path / "fair")])
    packed = [batch._pack(batch.analyse_one(d).claims) for d in docs]
    [(found, kept)] = batch._story_findings(
        ([batch.StoryWork(packed, keep=True)], (), None, Settings()))
    shares = [batch._story_share((packed, (), None, k, 2, True)) for k in range(2)]
    assert all(pairs for _, pairs in shares)
    merged_found, merged_kept = batch._merge_shares(batch.StoryWork(packed, keep=True), (),
                                                    None, Settings(), shares)
    assert merged_found == found and len(found) == 1

    def by_family(kept):
        return {k.family: (k.weights, sorted(k.pairs)) for k in kept}

    assert by_family(merged_kept) == by_family(kept) and any(k.pairs for k in kept)
