"""The benchmark corpus is only worth its figures if it is the same on every run and plants what
planted.json says it plants."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate as gen  # noqa: E402


def _read(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench_a")
    gen.generate(20, out, seed=7)
    return out


def test_same_bytes_twice(corpus: Path, tmp_path: Path) -> None:
    gen.generate(20, tmp_path, seed=7)
    assert _read(corpus) == _read(tmp_path)


def test_seed_changes_corpus(corpus: Path, tmp_path: Path) -> None:
    gen.generate(20, tmp_path, seed=8)
    assert _read(corpus) != _read(tmp_path)


def test_count_ids_and_clusters(corpus: Path) -> None:
    manifest = json.loads((corpus / "planted.json").read_text(encoding="utf-8"))
    files = sorted(corpus.glob("*.txt"))
    assert len(files) == 20 == manifest["articles"]
    ids = {f.name.split("_")[0] for f in files}
    in_clusters = [a for c in manifest["clusters"] for a in c["articles"]]
    assert sorted(in_clusters) == sorted(ids)  # every article in exactly one story
    assert all(len(c["articles"]) <= 8 for c in manifest["clusters"])


def test_each_article_headline_is_a_line_of_its_page(corpus: Path) -> None:
    manifest = json.loads((corpus / "planted.json").read_text(encoding="utf-8"))
    for f in sorted(corpus.glob("*.txt")):
        headline = manifest["headlines"][f.name.split("_")[0]]
        assert headline in f.read_text(encoding="utf-8").splitlines()


def test_planted_entries_point_at_their_text(corpus: Path) -> None:
    manifest = json.loads((corpus / "planted.json").read_text(encoding="utf-8"))
    planted = manifest["planted"]
    assert planted, "20 articles span at least 4 stories, so at least one is planted"
    by_id = {f.name.split("_")[0]: f.read_text(encoding="utf-8") for f in corpus.glob("*.txt")}
    clusters = {c["id"]: set(c["articles"]) for c in manifest["clusters"]}
    for p in planted:
        assert p["kind"] in gen.PLANT_KINDS
        assert p["outlier"] == p["articles"][0]
        assert set(p["articles"]) <= clusters[p["cluster"]]
        odd, other = p["claims"]
        assert odd["text"] != other["text"]
        assert odd["text"] in by_id[odd["article"]]
        assert other["text"] in by_id[other["article"]]
        if p["kind"] != "headline_year":
            # the odd outlet never also states the others' value, nor they its value
            assert other["text"] not in by_id[odd["article"]]
            assert odd["text"] not in by_id[other["article"]]


def test_headline_plant_is_in_the_headline_only() -> None:
    corpus = gen.build(40, seed=3)
    texts = {name.split("_")[0]: text for name, text in corpus.files}
    heads = [p for p in corpus.planted if p.kind == "headline_year"]
    assert heads
    for p in heads:
        text = texts[p.articles[0]]
        wrong, right = p.texts
        lines = [line for line in text.splitlines() if wrong in line]
        assert len(lines) == 1, lines  # only the headline carries the wrong figure
        assert right in text.replace(lines[0], "")


def test_every_plant_kind_occurs() -> None:
    corpus = gen.build(200, seed=0)
    assert {p.kind for p in corpus.planted} == set(gen.PLANT_KINDS)
