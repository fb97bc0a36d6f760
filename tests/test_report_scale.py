"""Every output format at archive scale (issue 16): the HTML timeline's date points come from the
cache without decoding whole extractions, and its tracks are built in one pass. What the
reports show must not change for it: a warm re-check writes the same bytes as a cold check and
as a check without a cache, in every format, and a cache row that does not validate is
extracted again rather than shown."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from factcheck.batch import analyse
from factcheck.cache import ClaimsCache, key_for
from factcheck.cli import main
from factcheck.load import load_paths
from factcheck.report.formats import FORMATS, EXTENSIONS, date_points
from factcheck.report.html import render_html

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(p for p in EXAMPLES.iterdir()
               if p.suffix in (".txt", ".md", ".html", ".jsonl") and p.name != "README.md")


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in FILES:
        shutil.copyfile(p, folder / p.name)
    return folder


def _reports(articles: Path, out: Path, *cache: str) -> dict[str, bytes]:
    """Every format of one check, as bytes by format."""
    code = main(["check", str(articles), "--format", ",".join(FORMATS), "--output-dir", str(out),
                 "--fail-on", "never", "--no-facts", "--jobs", "1", *cache])
    assert code == 0
    return {f: (out / f"factcheck.{EXTENSIONS[f]}").read_bytes() for f in FORMATS}


def test_every_format_is_the_same_cold_warm_and_without_a_cache(articles, tmp_path):
    cache = ["--cache", str(tmp_path / "cache")]
    plain = _reports(articles, tmp_path / "plain", "--no-cache")
    cold = _reports(articles, tmp_path / "cold", *cache)
    warm = _reports(articles, tmp_path / "warm", *cache)
    assert b'class="tl-mark conflict"' in plain["html"] and b"<tr" in plain["html"]
    for fmt in FORMATS:
        assert cold[fmt] == plain[fmt], fmt
        assert warm[fmt] == plain[fmt], fmt


def test_a_recheck_after_one_change_shows_what_a_fresh_check_shows(articles, tmp_path):
    """The changed article's story is held in memory, every other article's dates come from
    the cache: the page is the one a check without a cache writes."""
    cache = ["--cache", str(tmp_path / "cache")]
    _reports(articles, tmp_path / "cold", *cache)
    changed = articles / "northline-news.txt"
    text = changed.read_text(encoding="utf-8")
    at = text.index("Regional officials said")
    changed.write_text(text[:at] + "The old pier at Bresk was first built in March 1988.\n\n"
                       + text[at:], encoding="utf-8")
    warm = _reports(articles, tmp_path / "warm", *cache)
    plain = _reports(articles, tmp_path / "plain", "--no-cache")
    assert b"1988-03-31" in plain["html"]
    assert warm["html"] == plain["html"]


def _cached(articles: Path, tmp_path: Path) -> tuple[list, ClaimsCache, dict]:
    docs, _ = load_paths([str(articles)])
    store = ClaimsCache(tmp_path / "cache")
    analyse(docs, jobs=1, cache=store)
    return docs, store, {key_for(d): d for d in docs}


def test_cached_date_points_are_those_of_the_extractions(articles, tmp_path):
    (articles / "undated.txt").write_text("Ferry office note\n\nThe ferry office at Bresk "
                                          "reopened on Monday, its staff said.\n", encoding="utf-8")
    docs, store, keys = _cached(articles, tmp_path)
    try:
        cached = store.date_points(keys)
    finally:
        store.close()
    extractions, _ = analyse(docs, jobs=1)
    fresh = date_points(extractions)
    assert fresh and len(cached) == len(docs)
    assert [p for d in docs for p in cached[d.id]] == fresh
    assert {p.span.granularity for p in fresh} >= {"day", "year"}
    assert any(p.span.start is None for p in fresh)  # kept: the timeline leaves them out


def _first_date(row: dict) -> dict:
    return row["dates"][0]


# (what is wrong with the article row's date points, how it is made): each must leave the
# article out, so that it is extracted again. The first row is the negative: an untouched row
# is read.
TAMPERED = [
    ("nothing", lambda row: None),
    ("a line number given as text", lambda row: _first_date(row).update(line="3")),
    ("an offset that is a float", lambda row: _first_date(row).update(start=4.0)),
    ("a date that is no date", lambda row: _first_date(row)["span"].update(start={"__d": "2024-13-45"})),
    ("a span of another record type",
     lambda row: _first_date(row).update(span={"__t": "Quote", "quote": "x", "speaker": None})),
    ("a span with a field it does not have",
     lambda row: _first_date(row)["span"].update(colour="red")),
    ("date points that are not a list", lambda row: row.update(dates={"a": 1})),
    ("a date point that is not a record", lambda row: row["dates"].append(7)),
    ("a date point without its article", lambda row: _first_date(row).pop("article")),
    ("no date points kept (a row with none)", lambda row: row.pop("dates")),
]


@pytest.mark.parametrize("why, how", TAMPERED, ids=[t[0] for t in TAMPERED])
def test_a_tampered_row_is_left_out(articles, tmp_path, why, how):
    docs, store, keys = _cached(articles, tmp_path)
    target = next(d for d in docs if d.path.endswith("northline-news.txt"))
    key = key_for(target)
    try:
        (data,) = store.db.execute("SELECT dates FROM article WHERE key = ?", (key,)).fetchone()
        row = {"dates": json.loads(data)}
        how(row)
        with store.db:
            store.db.execute("UPDATE article SET dates = ? WHERE key = ?",
                             (json.dumps(row["dates"]) if "dates" in row else None, key))
        found = store.date_points(keys)
    finally:
        store.close()
    assert (target.id in found) == (why == "nothing")
    assert len(found) >= len(docs) - 1


def test_a_row_that_is_not_json_is_left_out_and_the_page_is_unchanged(articles, tmp_path, capsys):
    cache = ["--cache", str(tmp_path / "cache")]
    _reports(articles, tmp_path / "cold", *cache)
    store = ClaimsCache(tmp_path / "cache")
    with store.db:
        store.db.execute("UPDATE article SET data = '{\"__t\": \"Extraction\", \"claims\": ['")
    store.close()
    warm = _reports(articles, tmp_path / "warm", *cache)
    plain = _reports(articles, tmp_path / "plain", "--no-cache")
    assert warm["html"] == plain["html"]


def test_timeline_rows_follow_the_articles_then_the_first_dates_of_others():
    doc = {"articles": [{"id": "b", "title": "B"}, {"id": "x", "error": "unreadable"},
                        {"id": "a", "title": "A"}], "conflicts": []}
    dates = [{"article": art, "text": f"{art}{i}", "start": f"2020-0{i}-01", "end": f"2020-0{i}-01",
              "conflict": False} for i, art in enumerate(["c", "a", "b", "d", "c"], 1)]
    page = render_html(doc, dates=dates)
    rows = [chunk.split('"', 1)[0] for chunk in page.split('data-article="')[1:]]
    assert rows == ["b", "a", "c", "d"]
    c_row = page.split('data-article="c"')[1].split('data-article="d"')[0]
    assert c_row.count('class="tl-mark"') == 2  # both of c's dates, in one row


def test_a_timeline_of_thousands_of_articles_is_built_in_one_pass():
    """18,000 dates over 6,000 articles: scanning every date for every article's row took
    about twenty seconds here; one pass takes a fraction of one."""
    n = 6000
    doc = {"articles": [{"id": f"a{i}", "title": f"T{i}"} for i in range(n)], "conflicts": []}
    day = date(2020, 1, 1).toordinal()
    dates = [{"article": f"a{i % n}", "text": "x", "start": date.fromordinal(day + i).isoformat(),
              "end": date.fromordinal(day + i).isoformat(), "conflict": False}
             for i in range(3 * n)]
    t0 = time.perf_counter()
    page = render_html(doc, dates=dates)
    assert time.perf_counter() - t0 < 5
    assert page.count('class="tl-row"') == n


def test_the_warm_timeline_lists_every_resolved_date_that_extract_finds(articles, tmp_path,
                                                                        capsys):
    """An oracle that does not go stale: the page of a re-check (dates from the cache) lists
    exactly the resolved dates and elapsed-time anchors of `factcheck extract`, and marks as
    disputed exactly the dates that are a side of a finding."""
    import html as htmllib
    import re

    cache = ["--cache", str(tmp_path / "cache")]
    _reports(articles, tmp_path / "cold", *cache)
    warm = _reports(articles, tmp_path / "warm", *cache)
    capsys.readouterr()
    assert main(["extract", str(articles), "--format", "json", "--no-cache"]) == 0
    claims = [c for a in json.loads(capsys.readouterr().out)["articles"] for c in a["claims"]]
    expected = sorted((c["id"].split("#")[0], c["text"], c["value"]["start"], c["value"]["end"])
                      for c in claims if c["kind"] in ("date", "duration")
                      and c["value"].get("start") and c["value"].get("end"))
    page = warm["html"].decode("utf-8")
    listing = page.split("<details>")[1].split("</details>")[0]
    cell = r"<td[^>]*>"  # each cell carries its column's name, for the stacked layout
    rows = re.findall(rf"<tr(?: class=\"error-text\")?>{cell}(.*?)</td>{cell}(.*?)</td>{cell}"
                      rf"(.*?)</td>{cell}(.*?)</td>{cell}(conflict)?</td></tr>", listing)
    assert sorted(tuple(htmllib.unescape(x) for x in r[:4]) for r in rows) == expected
    report = json.loads(warm["json"])
    disputed = {(s["article"], s["text"]) for f in report["conflicts"] for s in f["claims"]
                if s["value"].get("start")}
    assert disputed and {(r[0], htmllib.unescape(r[1])) for r in rows if r[4]} == disputed


# sentence_text now walks the highlight spans instead of marking every character: (sentence,
# highlight spans, the pieces it must give as (text, highlighted)).
SENTENCE = "The ferry left at 9 am with 40 people."
HIGHLIGHTS = [
    ((), [(SENTENCE, False)]),
    (((18, 22),), [("The ferry left at ", False), ("9 am", True), (" with 40 people.", False)]),
    (((0, 3),), [("The", True), (" ferry left at 9 am with 40 people.", False)]),
    (((28, 38),), [("The ferry left at 9 am with ", False), ("40 people.", True)]),
    (((28, 30), (18, 19)), [("The ferry left at ", False), ("9", True),
                            (" am with ", False), ("40", True), (" people.", False)]),
    (((4, 9), (6, 14)), [("The ", False), ("ferry left", True), (" at 9 am with 40 people.", False)]),
    (((4, 9), (9, 14)), [("The ", False), ("ferry left", True), (" at 9 am with 40 people.", False)]),
    (((4, 9), (5, 7)), [("The ", False), ("ferry", True), (" left at 9 am with 40 people.", False)]),
    (((0, 38),), [(SENTENCE, True)]),
    (((30, 99), (-1, 3), (5, 5), (7, 6)), [(SENTENCE, False)]),  # out of range or empty
]


@pytest.mark.parametrize("spans, pieces", HIGHLIGHTS)
def test_the_terminal_sentence_highlights_whole_runs(spans, pieces):
    from factcheck.model import Claim, Frame, Quantity, Side
    from factcheck.report.check import sentence_text

    claim = Claim(id="a#1", article="a", path="a.txt", kind="quantity", text="40 people",
                  start=28, end=37, line=1, column=29, sentence=SENTENCE, sentence_start=0,
                  role="body", value=Quantity(40, 40, "people"), frame=Frame("", (), ()))
    text = sentence_text(Side(claim=claim, role="outlier", highlight=spans), "reverse red")
    got = [(text.plain[s.start:s.end], s.style == "reverse red") for s in text.spans]
    shown = [p for p in pieces if p[1]]
    assert text.plain == SENTENCE
    assert got == shown
    assert "".join(t for t, _ in pieces) == SENTENCE
