"""Every article's title, without a second segmentation: load keeps the title a file gives, and
an untitled article is titled from the segmentation its extraction makes (segment.title_of),
carried back from the worker, kept in the cache row's summary and stored in the index. A cold
check segments each article once; a warm one segments nothing and shows the same titles."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

import factcheck.batch
import factcheck.segment
from factcheck.cache import ClaimsCache, key_for
from factcheck.cli import main
from factcheck.index import Index
from factcheck.load import load_paths

# Our own words: three reports of one ferry story, one with front matter, one a Markdown
# heading, one a scraped-looking page whose headline stands among menu lines.
ARTICLES = {
    "harbour-post.txt": (
        "Home | News | Sport | Weather\n\n"
        "Ilsa Ferry Returns After Storm Closes Port Venn\n\n"
        "The ferry between Port Venn and Ilsa sailed again on Tuesday after a storm closed "
        "the port for three days, the harbour office said.\n\n"
        "The harbour office said 14 crossings would run each day until the weekend.\n"),
    "island-news.md": (
        "# Ilsa ferry sails again after the storm\n\n"
        "The ferry between Port Venn and Ilsa sailed again on Tuesday after a storm closed "
        "the port for three days, the harbour office said.\n\n"
        "The harbour office said 12 crossings would run each day until the weekend.\n"),
    "wire.md": (
        "---\ntitle: Port Venn reopens to ferries\npublished: 2025-03-04\n---\n"
        "Ferry news\n\n"
        "The ferry between Port Venn and Ilsa sailed again on Tuesday after a storm closed "
        "the port for three days, the harbour office said.\n\n"
        "The harbour office said 14 crossings would run each day until the weekend.\n"),
}
TITLES = {"harbour-post": "Ilsa Ferry Returns After Storm Closes Port Venn",
          "island-news": "Ilsa ferry sails again after the storm",
          "wire": "Port Venn reopens to ferries"}


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in ARTICLES.items():
        (news / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def segmented(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The articles segment.segment is called on, by id, wherever it is called from."""
    calls: Counter[str] = Counter()
    real = factcheck.segment.segment

    def counting(doc):  # type: ignore[no-untyped-def]
        calls[doc.id] += 1
        return real(doc)

    monkeypatch.setattr(factcheck.segment, "segment", counting)
    monkeypatch.setattr(factcheck.batch, "segment", counting)
    return calls


def _titles(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, str]:
    main(["check", "news", "--format", "json", "--jobs", "1", *args])
    return {a["id"]: a["title"] for a in json.loads(capsys.readouterr().out)["articles"]}


def test_load_keeps_only_the_title_a_file_gives(desk: Path) -> None:
    docs, errors = load_paths(["news"])
    assert errors == []
    assert {d.id: (d.title, d.title_from) for d in docs} == {
        "harbour-post": (None, None), "island-news": (None, None),
        "wire": ("Port Venn reopens to ferries", "metadata")}


def test_a_cold_check_segments_each_article_once(desk: Path, segmented: Counter[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert _titles(capsys, "--no-cache") == TITLES
    assert segmented == Counter({"harbour-post": 1, "island-news": 1, "wire": 1})


def test_a_recheck_shows_the_same_titles_from_the_cache(desk: Path, segmented: Counter[str],
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    assert _titles(capsys, "--cache", "c") == TITLES
    assert sum(segmented.values()) == 3
    segmented.clear()
    assert _titles(capsys, "--cache", "c") == TITLES  # from the rows' summaries
    assert segmented == Counter()
    main(["extract", "news", "--cache", "c", "--format", "json", "--jobs", "1"])
    shown = {a["id"]: a["title"] for a in json.loads(capsys.readouterr().out)["articles"]}
    assert shown == TITLES and segmented == Counter()


def test_the_index_stores_the_titles_a_check_shows(desk: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "news", "--cache", "c", "--jobs", "1"]) == 0
    index = Index("c")
    try:
        docs, _ = index.documents()
    finally:
        index.close()
    assert {d.id: d.title for d in docs} == TITLES


def test_a_summary_whose_title_is_not_text_is_computed_again(desk: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    """The cache is untrusted: a title that is not a string drops the row, like any bad field."""
    assert _titles(capsys, "--cache", "c") == TITLES
    docs, _ = load_paths(["news"])
    cache = ClaimsCache("c")
    try:
        assert {s.title for s in cache.summaries([key_for(d) for d in docs]).values()} == set(
            TITLES.values())
    finally:
        cache.close()
    db = sqlite3.connect(Path("c") / "claims-v2.sqlite")
    with db:
        for key, names in db.execute("SELECT key, names FROM article").fetchall():
            summary = json.loads(names)
            summary["title"] = 7
            db.execute("UPDATE article SET names = ? WHERE key = ?", (json.dumps(summary), key))
    db.close()
    cache = ClaimsCache("c")
    try:
        assert cache.summaries([key_for(d) for d in docs]) == {}
    finally:
        cache.close()
    assert _titles(capsys, "--cache", "c") == TITLES
