"""The re-cast archive (bench/recast_archive.py, issue 16): stories told in the seeds' words whose
names and years come from small pools, and the scorer that says which findings stay inside one
story. The stories are built at run time from ../shared/seeds (skipped when absent); the
scorer's table needs no seeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (ROOT / ".." / "shared" / "seeds").resolve()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")

sys.path.insert(0, str(ROOT))
from bench import recast as R  # noqa: E402
from bench import recast_archive as A  # noqa: E402

STORIES = 40


def _read(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    out = tmp_path_factory.mktemp("archive")
    A.make(SEEDS, out, STORIES, pool_seed=0)
    return out


@pytest.fixture(scope="module")
def manifest(archive_dir: Path) -> dict:
    return json.loads((archive_dir / A.MANIFEST).read_text(encoding="utf-8"))


# ── the archive ───────────────────────────────────────────────────────────────────────────────


@needs_seeds
def test_same_pool_seed_same_bytes_other_seed_other_names(archive_dir: Path, tmp_path: Path):
    A.make(SEEDS, tmp_path / "again", STORIES, pool_seed=0)
    assert _read(tmp_path / "again") == _read(archive_dir)
    A.make(SEEDS, tmp_path / "other", 3, pool_seed=1)
    other = json.loads((tmp_path / "other" / A.MANIFEST).read_text(encoding="utf-8"))
    ours = json.loads((archive_dir / A.MANIFEST).read_text(encoding="utf-8"))
    assert other["stories"][0]["cast"] != ours["stories"][0]["cast"]


@needs_seeds
def test_recast_py_archive_writes_the_same(archive_dir: Path, tmp_path: Path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "recast.py"), str(SEEDS),
                           str(tmp_path), "--archive", "5"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    first5 = {name for name in _read(archive_dir) if name.split("_")[0][:-3] in {"1", "2", "3", "4", "5"}}
    assert set(_read(tmp_path)) == first5 | {A.MANIFEST}


def test_story_ids_files_and_manifest(archive_dir: Path, manifest: dict):
    files = sorted(archive_dir.glob("*.txt"))
    assert len(files) == 5 * STORIES
    ids = [f.name.split("_")[0] for f in files]
    assert len(set(ids)) == len(ids)
    stories = manifest["stories"]
    assert [s["id"] for s in stories] == [str(k) for k in range(1, STORIES + 1)]
    assert sorted(a for s in stories for a in s["articles"]) == sorted(ids)
    assert stories[11]["articles"] == ["12000", "12001", "12002", "12003", "12004"]
    headline, quote = stories[11]["expected"]
    assert headline["outlier"] == {"article": "12004", "text": "25 years"}
    assert headline["other"]["articles"] == ["12002", "12004"]
    assert quote["outlier"]["article"] == "12004" and quote["expect"] == ["quote"]


def test_names_and_years_come_from_small_pools_and_recur(manifest: dict):
    stories = manifest["stories"]
    for label, size in (("people:Kim Jong Un", 6), ("people:Vladimir Putin", 6),
                        ("countries:Russia", 5), ("places:Pyongyang", 4)):
        used = Counter(s["cast"][label] for s in stories)
        assert 2 <= len(used) <= size, (label, used)
        assert max(used.values()) >= STORIES // size - 2, (label, used)  # names recur
    years = Counter(s["years"] for s in stories)
    assert set(years) <= set(range(-6, 7)) and max(years.values()) >= 3


def test_a_story_never_gives_two_roles_one_name(manifest: dict):
    for s in manifest["stories"]:
        names = list(s["cast"].values())
        assert len(set(names)) == len(names), s["id"]


def test_no_two_stories_share_principal_cast_and_years(manifest: dict):
    keys = [(tuple(s["cast"][p] for p in A.PRINCIPAL), s["years"]) for s in manifest["stories"]]
    assert len(set(keys)) == len(keys)


@needs_seeds
def test_every_story_swaps_every_name(archive_dir: Path):
    seeds = [p.read_text(encoding="utf-8") for p in R.seed_files(SEEDS)]
    archive = A.Archive(seeds, pool_seed=0)
    for k in (1, 7, STORIES):
        texts = [p.read_text(encoding="utf-8") for p in sorted(archive_dir.glob(f"{k}???_*.txt"))]
        assert len(texts) == 5
        assert R.unswapped(texts, archive.story(k), seeds) == set(), k


def test_the_family_is_one_role():
    roles = dict(A.roles(R.table()))
    assert roles["people:Kim Jong Un"] == ["Kim", "Jong", "Un", "Il", "Sung"]
    assert roles["countries:Russia"] == ["Russia", "Russian"]
    assert roles["places:Moscow"] == ["Moscow", "MOSCOW"]


# ── the scorer ────────────────────────────────────────────────────────────────────────────────


def _story(k: int) -> dict:
    return {"id": str(k), "articles": [f"{k}00{p}" for p in range(5)],
            "expected": [{"name": name, "expect": list(kinds),
                          "outlier": {"article": f"{k}{page}", "text": word},
                          "other": {"articles": [f"{k}{p}" for p in pages], "text": other}}
                         for name, kinds, (page, word), (pages, other) in A.EXPECTED]}


def _finding(kind: str, *sides: tuple[str, str]) -> dict:
    return {"kind": kind, "message": "m", "claims": [{"article": a, "text": t} for a, t in sides]}


MANIFEST = {"stories": [_story(1), _story(2)]}
HEADLINE_1 = _finding("quantity", ("1004", "25 years"), ("1002", "24 years"))
QUOTE_2 = _finding("quote", ("2004", "“consistent and wavering support”"),
                   ("2004", "\"consistent and unwavering support\""))

# (findings, (total, spanning, own headline, own quote, other inside a story))
SCORES = [
    ([], (0, 0, 0, 0, 0)),
    ([HEADLINE_1, QUOTE_2], (2, 0, 1, 1, 0)),
    ([_finding("date", ("1004", "25 years"), ("1004", "24 years"))], (1, 0, 1, 0, 0)),
    # the other side from another story: spanning, not found
    ([_finding("quantity", ("1004", "25 years"), ("2002", "24 years"))], (1, 1, 0, 0, 0)),
    # a finding found, plus a claim from another story: spanning, not found
    ([_finding("quantity", ("1004", "25 years"), ("1002", "24 years"), ("2002", "24 years"))],
     (1, 1, 0, 0, 0)),
    # the wrong kind, the wrong article, the wrong word
    ([_finding("quote", ("1004", "25 years"), ("1002", "24 years"))], (1, 0, 0, 0, 1)),
    ([_finding("quantity", ("1003", "25 years"), ("1002", "24 years"))], (1, 0, 0, 0, 1)),
    ([_finding("quote", ("2004", "unwavering"), ("2004", "unwavering support"))], (1, 0, 0, 0, 1)),
    # an attribution finding inside story 2: its own, not expected
    ([_finding("attribution", ("2004", "a"), ("2004", "b"))], (1, 0, 0, 0, 1)),
    # found twice counts once
    ([HEADLINE_1, HEADLINE_1], (2, 0, 1, 0, 0)),
]


@pytest.mark.parametrize("findings,expected", SCORES)
def test_score(findings: list, expected: tuple):
    got = A.score({"conflicts": findings}, MANIFEST)
    assert (got["findings"], got["spanning_stories"], got["own_headline"], got["own_quote"],
            got["own_other"]) == expected
    assert got["stories"] == 2 and got["articles"] == 10


def test_score_cli_reads_the_folder_and_names_a_bad_report(tmp_path: Path):
    (tmp_path / A.MANIFEST).write_text(json.dumps(MANIFEST), encoding="utf-8")
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"conflicts": [HEADLINE_1, QUOTE_2]}), encoding="utf-8")
    script = str(ROOT / "bench" / "recast_archive.py")
    done = subprocess.run([sys.executable, script, "score", str(report), str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "own headline conflict found   1/2" in done.stdout
    assert "findings spanning stories     0" in done.stdout
    report.write_text("{not json", encoding="utf-8")
    done = subprocess.run([sys.executable, script, "score", str(report), str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "r.json" in done.stderr


def test_smaller_pools_recur_more_and_too_small_is_refused():
    seeds = [p.read_text(encoding="utf-8") for p in R.seed_files(SEEDS)] if SEEDS.is_dir() else [""]
    small = A.Archive(seeds, pool_seed=0, pool={"people": 2, "countries": 2})
    drawn = small.stories(40)
    assert {picks["people:Kim Jong Un"] for picks, _ in drawn} == {0, 1}
    assert {picks["countries:Korea"] for picks, _ in drawn} == {0, 1}
    assert max(picks["places:Moscow"] for picks, _ in drawn) == A.POOL["places"] - 1
    with pytest.raises(ValueError, match="208 principal casts"):
        small.stories(209)
    assert len(small.stories(208)) == 208  # every principal cast and year once
