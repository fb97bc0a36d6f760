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
        entries = [json.loads(line) for line in index.listing().entries()]
    finally:
        index.close()
    assert {e["id"]: e["title"] for e in entries} == TITLES


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
    db = sqlite3.connect(Path("c") / "claims-v4.sqlite")
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


# ── findings on the HTML page: their title and fix, as the other formats show them ──────────


def test_the_html_page_shows_each_findings_title_and_fix(desk: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    from factcheck.report.html import esc

    main(["check", "news", "--no-cache", "--format", "json"])
    [finding] = json.loads(capsys.readouterr().out)["conflicts"]
    assert finding["fix"] and finding["title"] != finding["message"]
    main(["check", "news", "--no-cache", "--format", "html"])
    page = capsys.readouterr().out
    title = esc(finding["title"])
    assert f'<td data-label="Finding" class="message">{title}</td>' in page  # the index
    assert f'{finding["severity"]}</span> <span class="message">{title}</span></h3>' in page
    assert f'<div class="meta">{finding["kind"]} · ' in page  # the kind under the title
    assert f'<p class="fix"><strong>Fix:</strong> {esc(finding["fix"])}</p>' in page
    assert esc(finding["message"]) not in page


@pytest.mark.parametrize("given, heading, fix", [
    ({"title": "Number of <b>crossings</b>", "fix": "change “12” to “14”",
      "message": "12 vs 14: the message"},
     "Number of &lt;b&gt;crossings&lt;/b&gt;", "change “12” to “14”"),
    ({"title": "Date of the crossing", "fix": None, "message": "3 May vs 4 May: the message"},
     "Date of the crossing", None),
    ({"message": "12 vs 14 (a report from before titles)"},
     "12 vs 14 (a report from before titles)", None),
])
def test_a_findings_title_and_fix_are_escaped_text(given: dict, heading: str,
                                                   fix: object) -> None:
    from factcheck.report.html import render_html

    finding = {"id": "C1", "kind": "quantity", "severity": "warning", "fingerprint": "abcd1234",
               "claims": [], **given}
    page = render_html({"conflicts": [finding], "articles": [], "summary": {}})
    assert f'<span class="message">{heading}</span></h3>' in page
    assert page.count('<p class="fix">') == (1 if fix else 0)
    if fix:
        assert f'<p class="fix"><strong>Fix:</strong> {fix}</p>' in page
    if given.get("title"):
        assert given["message"] not in page
