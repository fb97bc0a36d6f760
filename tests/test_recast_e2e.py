"""Two events told in the same words (issue 15, "same template, other names"): a batch of the
five seed pages and a re-cast copy of them (bench/recast.py: other leaders, countries, cities,
organisations and years), or of two different re-casts, must report each copy's own findings
and nothing that pairs one copy with the other.

The re-casts are built at run time from ../shared/seeds (skipped when absent), so no seed
text is kept in the repository. The first tests check the generator itself: a copy alone says
what the seeds say, with its own names and years.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (ROOT / ".." / "shared" / "seeds").resolve()
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")

sys.path.insert(0, str(ROOT))
from bench import recast as R  # noqa: E402

# (seed, years added): the copies the batches are made of.
COPY_A = (1, 3)
COPY_B = (2, -5)


def check(folder: Path) -> dict:
    """`python -m factcheck check FOLDER --format json`, as CI runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(folder), "--format",
                           "json", "--fail-on", "never", "--no-facts", "--no-cache"],
                          capture_output=True, text=True, cwd=folder, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in R.seed_files(SEEDS)]


def recasting(copy: tuple[int, int]) -> R.Recast:
    return R.make(copy[0], seed_texts(), copy[1])


def write_copy(folder: Path, copy: tuple[int, int]) -> None:
    R.recast(SEEDS, folder, copy[0], copy[1])


def write_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for p in R.seed_files(SEEDS):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")


# ── what a finding is, and what it becomes in a copy ─────────────────────────────────────────


def shift_iso(value: str, years: int) -> str:
    d = date.fromisoformat(value)
    return d.replace(year=d.year + years).isoformat()


def side_shape(side: dict) -> tuple:
    value = {k: v for k, v in side["value"].items() if k != "speaker_ref"}
    return (side["article"], side["line"], side["text"], side["role"],
            json.dumps(value, sort_keys=True))


def message(text: str) -> tuple[str, ...]:
    """A message, with the speakers of an attribution finding (or of a quote finding it was
    folded into: "…; given to A and to B") in any order (they are listed by name, and a copy's
    names sort otherwise)."""
    head, sep, rest = text.partition(" is given to ")
    if not sep:
        head, _, rest = text.partition("; given to ")
    return (head, *sorted(rest.split(" and to ")))


def shape(conflict: dict) -> tuple:
    return (conflict["kind"], conflict["severity"], message(conflict["message"]),
            json.dumps(conflict.get("consensus"), sort_keys=True),
            tuple(sorted(side_shape(s) for s in conflict["claims"])))


def translated(conflict: dict, copy: tuple[int, int]) -> tuple:
    """The seeds' finding as its counterpart in a copy must read: names and years swapped,
    article 004 become 1004 (seed 1), dates moved, elapsed times the same."""
    return translated_as(conflict, str(copy[0]), recasting(copy))


def translated_as(conflict: dict, seed: str, rc: R.Recast) -> tuple:
    """The seeds' finding as it must read in the copy re-cast by `rc` whose ids start `seed`."""
    years = rc.years

    def ids(text: str) -> str:
        return re.sub(r"\((\d{3})\)", rf"({seed}\1)", text)

    sides = []
    for s in conflict["claims"]:
        value = {}
        for k, v in s["value"].items():
            if k in ("start", "end") and v:
                v = shift_iso(v, years)
            elif k in ("quote", "speaker") and v:
                v = rc.apply(v)
            value[k] = v
        sides.append(dict(s, article=f"{seed}{s['article']}", text=rc.apply(s["text"]),
                          value=value))
    consensus = conflict.get("consensus")
    if consensus:
        consensus = dict(consensus, value=rc.apply(consensus["value"]))
    return shape(dict(conflict, message=ids(rc.apply(conflict["message"])), consensus=consensus,
                      claims=sides))


def copy_of(article: str) -> str:
    """Which copy an article id belongs to: "seeds" for 004, "1" for 1004."""
    return article[:-3] or "seeds"


def assert_the_seed_findings(conflicts: list[dict], prefix: str = "",
                             demonym: str = "Russian") -> None:
    """What tests/test_seeds_e2e.py asserts of the seeds, for the copy whose ids start with
    `prefix` and whose leader's country gives `demonym`."""
    kinds = sorted(c["kind"] for c in conflicts)
    assert kinds in (["quantity", "quote"], ["attribution", "quantity", "quote"],
                     ["date", "quote"], ["attribution", "date", "quote"]), \
        [c["message"] for c in conflicts]
    years = next(c for c in conflicts if c["kind"] in ("quantity", "date"))
    outliers = [s for s in years["claims"] if s["role"] == "outlier"]
    assert [(s["article"], s["text"], s["section"]) for s in outliers] == \
        [(f"{prefix}004", "25 years", "headline")]
    assert years["consensus"]["value"].startswith("24")
    assert any(s["text"] == "24 years" for s in years["claims"] if s["role"] == "consensus")
    quote = next(c for c in conflicts if c["kind"] == "quote")
    assert quote["severity"] == "error"
    texts = sorted(s["value"]["quote"] for s in quote["claims"])
    assert [t.split(" for ")[0] for t in texts] == ["consistent and unwavering support",
                                                    "consistent and wavering support"]
    assert all(f" for {demonym} policy" in t for t in texts), texts
    for c in conflicts:
        if c["kind"] in ("quote", "attribution"):
            assert {s["article"] for s in c["claims"]} == {f"{prefix}004"}


# ── the generator ─────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def seeds_alone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    write_seeds(folder)
    return check(folder)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    out = {}
    for copy in (COPY_A, COPY_B):
        folder = tmp_path_factory.mktemp(f"copy{copy[0]}")
        write_copy(folder, copy)
        out[copy] = folder
    return out


def test_the_same_seed_gives_the_same_bytes(copies, tmp_path):
    write_copy(tmp_path, COPY_A)
    again = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    first = {p.name: p.read_bytes() for p in copies[COPY_A].iterdir()}
    assert again == first and len(first) == 5
    assert sorted(first)[0].startswith("1000_")


def test_every_listed_name_is_swapped_the_same_way_in_every_article(copies):
    seeds = seed_texts()
    for copy in (COPY_A, COPY_B):
        rc = recasting(copy)
        texts = [p.read_text(encoding="utf-8") for p in sorted(copies[copy].iterdir())]
        for real in R.real_names(R.table()):
            new = rc.names[real]
            assert real != new
            was = re.compile(rf"(?<!\w){re.escape(real)}(?!\w)")
            now = re.compile(rf"(?<!\w){re.escape(new)}(?!\w)")
            for before, after in zip(seeds, texts):
                assert not was.search(after), (copy, real)
                assert len(now.findall(after)) == len(was.findall(before)), (copy, real, new)


def test_shapes_hold():
    rc = recasting(COPY_A)
    n = rc.names
    assert n["Russian"] == n["Russia"] + "n"  # a country and its demonym
    assert n["Korean"] == n["Korea"] + "n"
    assert n["U.S."] == ".".join(n["US"]) + "." and n["USA"][:2] == n["US"]
    assert n["United States"].startswith("United ")
    assert n["WASHINGTON"] == n["Washington"].upper()  # a dateline in capitals
    assert rc.apply("Kim Jong Un and Kim Jong Il met Mr. Kim") == \
        f"{n['Kim']} {n['Jong']} {n['Un']} and {n['Kim']} {n['Jong']} {n['Il']} met Mr. {n['Kim']}"


def test_two_seeds_invent_different_names():
    a, b = recasting(COPY_A).names, recasting(COPY_B).names
    for real in ("Kim", "Putin", "Russia", "Korea", "Pyongyang", "Moscow", "Kremlin",
                 "United States", "Watson", "Kirby"):
        assert a[real] != b[real], real


def test_years_move_and_elapsed_times_stay(copies):
    for copy in (COPY_A, COPY_B):
        rc = recasting(copy)
        texts = [p.read_text(encoding="utf-8") for p in sorted(copies[copy].iterdir())]
        for before, after in zip(seed_texts(), texts):
            assert [int(y) + copy[1] for y in R._YEAR.findall(before)] == \
                [int(y) for y in R._YEAR.findall(after)]
            for kept in ("24 years", "25 years", "eight years ago", "COVID-19", "8,656 MW",
                         "Rs 18330", "2898 AD"):
                assert before.count(kept) == after.count(kept), kept
        assert rc.apply("in 2000, 1961 and 2024-06-19") == \
            f"in {2000 + copy[1]}, {1961 + copy[1]} and {2024 + copy[1]}-06-19"


def test_the_table_misses_no_name_of_the_stories(copies):
    """Every capitalised word left in a copy's story sentences is a stand-in or ordinary; on the
    seeds themselves the same check finds their names (so it can fail)."""
    seeds = seed_texts()
    for copy in (COPY_A, COPY_B):
        rc = recasting(copy)
        texts = [p.read_text(encoding="utf-8") for p in sorted(copies[copy].iterdir())]
        assert R.unswapped(texts, rc, seeds) == set()
    assert {"Putin", "Pyongyang", "Kirby", "Moscow"} <= R.unswapped(seeds, recasting(COPY_A), seeds)


def test_the_seeds_alone_report_the_seed_findings(seeds_alone):
    assert_the_seed_findings(seeds_alone["conflicts"])


@pytest.mark.parametrize("copy", [COPY_A, COPY_B])
def test_a_copy_alone_reports_the_same_findings_as_the_seeds(copy, copies, seeds_alone):
    """Same kinds, values and count: only names, years and article ids differ."""
    doc = check(copies[copy])
    got = sorted(shape(c) for c in doc["conflicts"])
    assert got == sorted(translated(c, copy) for c in seeds_alone["conflicts"])
    assert_the_seed_findings(doc["conflicts"], str(copy[0]), recasting(copy).names["Russian"])


# ── two copies in one batch ───────────────────────────────────────────────────────────────────


def spanning(doc: dict) -> list[dict]:
    return [c for c in doc["conflicts"] if len({copy_of(s["article"]) for s in c["claims"]}) > 1]


def own(doc: dict, copy: str) -> list[dict]:
    return [c for c in doc["conflicts"] if {copy_of(s["article"]) for s in c["claims"]} == {copy}]


@pytest.fixture(scope="module")
def seeds_and_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds_and_copy")
    write_seeds(folder)
    write_copy(folder, COPY_A)
    return check(folder)


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_copies")
    write_copy(folder, COPY_A)
    write_copy(folder, COPY_B)
    return check(folder)


def describe(conflicts: list[dict]) -> list[str]:
    return [f"{c['kind']}: {c['message']} [{', '.join(sorted({s['article'] for s in c['claims']}))}]"
            for c in conflicts]


def test_seeds_and_a_copy_pair_nothing_across_the_two(seeds_and_copy):
    doc = seeds_and_copy
    assert doc["summary"]["articles"] == 10
    assert spanning(doc) == [], describe(spanning(doc))


def test_seeds_and_a_copy_each_report_exactly_their_own(seeds_and_copy, seeds_alone):
    doc = seeds_and_copy
    assert sorted(shape(c) for c in own(doc, "seeds")) == \
        sorted(shape(c) for c in seeds_alone["conflicts"])
    assert sorted(shape(c) for c in own(doc, "1")) == \
        sorted(translated(c, COPY_A) for c in seeds_alone["conflicts"])
    assert len(doc["conflicts"]) == 2 * len(seeds_alone["conflicts"]), describe(doc["conflicts"])
    assert_the_seed_findings(own(doc, "seeds"))
    assert_the_seed_findings(own(doc, "1"), "1", recasting(COPY_A).names["Russian"])


def test_two_recasts_pair_nothing_across_the_two(two_copies):
    doc = two_copies
    assert doc["summary"]["articles"] == 10
    assert spanning(doc) == [], describe(spanning(doc))


def test_two_recasts_each_report_exactly_their_own(two_copies, seeds_alone):
    doc = two_copies
    for copy in (COPY_A, COPY_B):
        assert sorted(shape(c) for c in own(doc, str(copy[0]))) == \
            sorted(translated(c, copy) for c in seeds_alone["conflicts"]), copy
        assert_the_seed_findings(own(doc, str(copy[0])), str(copy[0]),
                                 recasting(copy).names["Russian"])
    assert len(doc["conflicts"]) == 2 * len(seeds_alone["conflicts"]), describe(doc["conflicts"])


# ── two stories of a re-cast archive (bench/recast_archive.py, issue 16) ─────────────────────
# Stories of one archive draw their leaders, countries, cities and years from small pools.
# (story, story): what the two share, with the archive of pool seed 0.
NOTHING_SHARED = (16, 19)  # no leader, no country; years -3 and +2
SAME_LEADERS = (1, 2)  # the same two leaders and one country; years -5 and -4
MOST_SHARED = (18, 20)  # 16 roles of 38 the same, both leaders and the visited country; -3, +3


@pytest.fixture(scope="module")
def archive():
    from bench import recast_archive as A

    return A.Archive(seed_texts(), pool_seed=0)


def archive_pair(tmp_path_factory, stories: tuple[int, int]) -> dict:
    from bench import recast_archive as A

    folder = tmp_path_factory.mktemp(f"archive_{stories[0]}_{stories[1]}")
    A.make(SEEDS, folder, max(stories), pool_seed=0, only=set(stories))
    return check(folder)


def assert_each_story_exactly_its_own(doc: dict, stories: tuple[int, int], archive,
                                      seeds_alone: dict) -> None:
    assert doc["summary"]["articles"] == 10
    assert spanning(doc) == [], describe(spanning(doc))
    for k in stories:
        rc = archive.story(k)
        assert sorted(shape(c) for c in own(doc, str(k))) == \
            sorted(translated_as(c, str(k), rc) for c in seeds_alone["conflicts"]), k
        assert_the_seed_findings(own(doc, str(k)), str(k), rc.names["Russian"])
    assert len(doc["conflicts"]) == 2 * len(seeds_alone["conflicts"]), describe(doc["conflicts"])


def test_the_archive_pairs_share_what_they_say(archive):
    """The pairs below are what their names say (so the harder cases stay hard)."""
    def shared(pair):
        a, b = (archive.story(k) for k in pair)
        return {real for real in a.names if a.names[real] == b.names[real]}, (a.years, b.years)

    names, years = shared(NOTHING_SHARED)
    assert not names & {"Kim", "Putin", "Trump", "Russia", "Korea", "Ukraine"} and \
        years[0] != years[1]
    names, years = shared(SAME_LEADERS)
    assert {"Kim", "Putin", "Korea"} <= names and "Russia" not in names and \
        abs(years[0] - years[1]) == 1
    names, years = shared(MOST_SHARED)
    assert {"Kim", "Putin", "Russia"} <= names and years == (-3, 3)


def test_two_archive_stories_with_other_leaders_countries_years(tmp_path_factory, archive,
                                                                 seeds_alone):
    doc = archive_pair(tmp_path_factory, NOTHING_SHARED)
    assert_each_story_exactly_its_own(doc, NOTHING_SHARED, archive, seeds_alone)


@pytest.mark.parametrize("stories", [SAME_LEADERS, MOST_SHARED], ids=["same-leaders", "most-shared"])
def test_two_archive_stories_sharing_names_other_years(stories, tmp_path_factory, archive,
                                                       seeds_alone):
    doc = archive_pair(tmp_path_factory, stories)
    assert_each_story_exactly_its_own(doc, stories, archive, seeds_alone)
