"""The archive corpus (bench/archive.py, `generate.py N OUT --archive`): the same on every run,
recurring actors over years, outlets of one event within days, follow-ups whose toll only grows,
planted conflicts inside one event; and the default corpus left byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import archive as A  # noqa: E402
from bench import generate as gen  # noqa: E402
from bench import run  # noqa: E402

_UPDATED = re.compile(r"^Updated: (\w+ \d+, \d{4}) ", re.M)


def _digest(corpus: gen.Corpus, n: int, seed: int) -> tuple[str, str]:
    h = hashlib.sha1()
    for name, text in corpus.files:
        h.update(name.encode())
        h.update(text.encode())
    manifest = json.dumps(corpus.manifest(n, seed), sort_keys=True).encode()
    return h.hexdigest(), hashlib.sha1(manifest).hexdigest()


def test_the_default_corpus_is_unchanged() -> None:
    """The figures of earlier issues stay comparable: the same bytes as before the archive."""
    assert _digest(gen.build(50, seed=1), 50, 1) == (
        "8711f22d45b33f83ef41247b7cd138e18910cafa", "f196261c1740be77834b19f6a640dc45eda51262")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    gen.generate(400, out, seed=7, archive=True)
    return out


@pytest.fixture(scope="module")
def manifest(archive: Path) -> dict:
    return json.loads((archive / "planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(archive: Path) -> dict[str, str]:
    return {f.name.split("_")[0]: f.read_text(encoding="utf-8") for f in archive.glob("*.txt")}


def _published(text: str) -> date:
    return datetime.strptime(_UPDATED.search(text).group(1), "%B %d, %Y").date()


def test_same_bytes_twice_other_seed_other_bytes(archive: Path, tmp_path: Path) -> None:
    gen.generate(400, tmp_path / "again", seed=7, archive=True)
    read = lambda d: {p.name: p.read_bytes() for p in sorted(d.iterdir())}  # noqa: E731
    assert read(tmp_path / "again") == read(archive)
    assert _digest(A.build(60, seed=8), 60, 8) != _digest(A.build(60, seed=7), 60, 7)
    assert _digest(A.build(60, seed=7), 60, 7) != _digest(gen.build(60, seed=7), 60, 7)


def test_every_article_in_one_event(manifest: dict, texts: dict[str, str]) -> None:
    assert manifest["archive"] is True and len(texts) == 400 == manifest["articles"]
    members = [a for c in manifest["clusters"] for a in c["articles"]]
    assert sorted(members) == sorted(texts) == sorted(manifest["events"])
    for c in manifest["clusters"]:
        assert {manifest["events"][a] for a in c["articles"]} == {c["id"]}


def test_actors_and_places_recur_over_years(manifest: dict, texts: dict[str, str]) -> None:
    keys = Counter(c["key"] for c in manifest["clusters"])
    assert sum(1 for n in keys.values() if n >= 3) >= 5, keys.most_common(8)
    assert {c["kind"] for c in manifest["clusters"]} == {"visit", "disaster", "opening", "company"}
    years = {c["published"][:4] for c in manifest["clusters"]}
    assert len(years) >= 8
    # leaders come back: some leader's surname is in three events or more
    leaders = [who[1] for c in A.pools(7)["countries"] for _, who in c["leaders"]]
    events_of = {s: {manifest["events"][a] for a, t in texts.items() if s in t} for s in leaders}
    assert max(len(e) for e in events_of.values()) >= 3


def test_the_same_key_actors_never_meet_within_the_gap(manifest: dict) -> None:
    by_key = defaultdict(list)
    for c in manifest["clusters"]:
        by_key[c["key"]].append(date.fromisoformat(c["published"]))
    for key, days in by_key.items():
        days.sort()
        assert all((b - a).days >= A.MIN_GAP for a, b in zip(days, days[1:])), key


def test_outlets_of_an_event_publish_within_days(manifest: dict, texts: dict[str, str]) -> None:
    followups = set(manifest["followups"])
    assert followups
    for c in manifest["clusters"]:
        first = date.fromisoformat(c["published"])
        happened = date.fromisoformat(c["happened"])
        for a in c["articles"]:
            day = _published(texts[a])
            assert day.month == first.month and day <= A.LAST_DAY
            late = (day - first).days
            assert 0 <= late <= (3 if a in followups else A.SPREAD), (a, late)
            if a not in followups:  # a weekday still names the week of the event
                assert 1 <= (day - happened).days <= 6


def _tolls(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"at least (\d+)", text, re.I)}


def test_a_follow_up_only_grows_the_toll(manifest: dict, texts: dict[str, str]) -> None:
    for a in manifest["followups"]:
        event = next(c for c in manifest["clusters"] if a in c["articles"])
        assert event["kind"] == "disaster"
        others = [texts[b] for b in event["articles"] if b not in manifest["followups"]]
        before = set().union(*(_tolls(t) for t in others))
        after = _tolls(texts[a])
        assert len(before) == 1 and len(after) == 1 and after.pop() > before.pop(), a
        homes = lambda t: set(re.findall(r"([\d,]+) homes", t))  # noqa: E731
        assert homes(texts[a]) <= set().union(*(homes(t) for t in others))


def test_planted_inside_one_event(manifest: dict, texts: dict[str, str]) -> None:
    assert {p["kind"] for p in manifest["planted"]} == set(gen.PLANT_KINDS)
    for p in manifest["planted"]:
        assert {manifest["events"][a] for a in p["articles"]} == {p["cluster"]}
        odd, other = p["claims"]
        assert odd["text"] in texts[odd["article"]] and other["text"] in texts[other["article"]]
        assert odd["article"] not in manifest["followups"]


# ── run.py's score: findings spanning events, a follow-up's update ─────────────────────────────

_MANIFEST = {"clusters": [{"id": "E1", "articles": ["01", "02", "03"]},
                          {"id": "E2", "articles": ["04", "05"]}],
             "planted": [{"kind": "changed_figure", "expect": ["quantity"], "cluster": "E1",
                          "articles": ["01", "02"], "outlier": "01", "texts": ["52 jobs", "37 jobs"]}],
             "followups": ["03"]}


def _f(kind: str, *sides: tuple[str, str]) -> dict:
    return {"kind": kind, "severity": "error", "message": "m",
            "claims": [{"article": a, "text": t} for a, t in sides]}


# (findings, (found, extra, extra across events, all spanning events, follow-up updates))
SCORES = [
    ([], (0, 0, 0, 0, 0)),
    ([_f("quantity", ("01", "52 jobs"), ("02", "37 jobs"))], (1, 0, 0, 0, 0)),
    ([_f("quantity", ("01", "52 jobs"), ("04", "37 jobs"))], (0, 1, 1, 1, 0)),
    ([_f("update", ("02", "at least 4"), ("03", "at least 9"))], (0, 0, 0, 0, 1)),
    ([_f("update", ("02", "at least 4"), ("01", "at least 9"))], (0, 1, 0, 0, 0)),
    ([_f("update", ("04", "at least 4"), ("03", "at least 9"))], (0, 1, 1, 1, 0)),
    ([_f("quantity", ("03", "at least 4"), ("02", "at least 9"))], (0, 1, 0, 0, 0)),
    ([_f("date", ("04", "2019"), ("05", "2020"))], (0, 1, 0, 0, 0)),
]


@pytest.mark.parametrize("findings,expected", SCORES)
def test_score_planted_in_the_archive(findings: list, expected: tuple) -> None:
    got = run.score_planted({"conflicts": findings}, _MANIFEST)
    assert (got["found"], got["extra"], got["extra_cross_story"], got["spanning"],
            got["follow_up_updates"]) == expected


def test_a_firm_has_one_founding_year(manifest: dict, texts: dict[str, str]) -> None:
    """A permanent fact is the same in every event that tells it (else two events would truly
    disagree, and a finding across them would be right)."""
    years: dict[str, set[str]] = defaultdict(set)
    for c in manifest["clusters"]:
        if c["kind"] == "company":
            for a in c["articles"]:
                years[c["key"]] |= set(re.findall(r"founded in (?:\w+ in )?(\d{4})", texts[a]))
    repeated = [k for k in years if sum(c["key"] == k for c in manifest["clusters"]) >= 2]
    assert repeated
    assert all(len(years[k]) == 1 for k in years), dict(years)


def test_a_bigger_archive_has_more_actors_of_each_kind() -> None:
    """100,000 articles need more keys than the time span holds MIN_GAP days apart for the
    10,000-article pools (the generator looped for ever): the pools scale, the small ones stay."""
    small, big = A.pools(7), A.pools(7, scale=3)
    for kind in ("countries", "towns", "firms"):
        assert len(big[kind]) == 3 * len(small[kind])
        assert len({x["name"] for x in big[kind]}) == len(big[kind])
    assert small == A.pools(7)  # the pools of a 10,000-article archive are as they were
