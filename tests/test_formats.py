"""The CI and editor formats (SARIF, GitHub annotations, Markdown, HTML), all rendered from one
report@1 document built from model records, with hostile article text in it."""

from __future__ import annotations

import html as htmllib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from factcheck.model import (
    Article, Claim, Conflict, Consensus, DateSpan, Document, Extraction, Frame, LoadError,
    Ordinal, Quantity, Quote, Side,
)
from factcheck.report import check
from factcheck.report.github import escape_data, escape_property, render_github
from factcheck.report.html import render_html
from factcheck.report.markdown import escape as md_escape
from factcheck.report.markdown import line_safe, render_markdown, summary_markdown
from factcheck.report.sarif import render_sarif

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

HOSTILE = "Officials said <script>alert(1)</script> and [bold]x[/bold] | pipes in a row."

TEXTS = {
    "alpha": ("Harbour bridge reopens\n"
              "The mayor crossed the bridge for the first time in 25 years on 3 May 2024.\n"
              "\"We will not close it again,\" the mayor said.\n"
              "It was the second visit by a mayor.\n"
              + HOSTILE + "\n"),
    "beta": ("Bridge open again\n"
             "It was the first crossing by a mayor in 24 years, on 4 May 2024.\n"
             "\"We will close it again,\" the mayor said.\n"
             "It was the third visit by a mayor.\n"),
    "gamma": ("Mayor on the bridge\n"
              "The bridge last saw a mayor 24 years ago, in 2000.\n"),
}
PATHS = {"alpha": "news/alpha.txt", "beta": "news/beta, part 2.md", "gamma": "news/gamma.txt"}


def _doc(aid: str) -> Document:
    return Document(id=aid, path=PATHS[aid], text=TEXTS[aid], title=TEXTS[aid].split("\n")[0],
                    published=date(2024, 5, 5))


def _claim(aid: str, text: str, value: Any, kind: str, n: int = 0) -> Claim:
    """A claim at the real offsets of `text` in the article, with its line as sentence."""
    doc_text = TEXTS[aid]
    start = doc_text.index(text)
    line_start = doc_text.rfind("\n", 0, start) + 1
    line_end = doc_text.index("\n", start)
    return Claim(id=f"{aid}#{n}", article=aid, path=PATHS[aid], kind=kind, text=text,
                 start=start, end=start + len(text), line=doc_text.count("\n", 0, start) + 1,
                 column=start - line_start + 1, sentence=doc_text[line_start:line_end],
                 sentence_start=line_start, role="body", value=value, frame=Frame("", (), ()))


def _hl(claim: Claim) -> tuple[tuple[int, int], ...]:
    at = claim.start - claim.sentence_start
    return ((at, at + len(claim.text)),)


Q25 = _claim("alpha", "25 years", Quantity(25, 25, "year"), "quantity")
Q24B = _claim("beta", "24 years", Quantity(24, 24, "year"), "quantity")
Q24G = _claim("gamma", "24 years", Quantity(24, 24, "year"), "quantity")
QUOTE_A = _claim("alpha", "We will not close it again,", Quote("We will not close it again", "the mayor"), "quote")
QUOTE_B = _claim("beta", "We will close it again,", Quote("We will close it again", "the mayor"), "quote")
DATE_A = _claim("alpha", "3 May 2024", DateSpan(date(2024, 5, 3), date(2024, 5, 3), "day"), "date")
DATE_B = _claim("beta", "4 May 2024", DateSpan(date(2024, 5, 4), date(2024, 5, 4), "day"), "date")
ORD_A = _claim("alpha", "second", Ordinal(2, "visit"), "ordinal")
ORD_B = _claim("beta", "third", Ordinal(3, "visit"), "ordinal")
HOSTILE_CLAIM = _claim("alpha", "pipes", Quantity(2, 2, "pipes"), "quantity")

QUANTITY_MSG = "first visit in 25 years vs 24 years: 4% off, see\nsecond line"
CONFLICTS = [
    Conflict("quantity", "error", QUANTITY_MSG, "qqqq1111",
             (Side(Q25, "outlier", _hl(Q25)), Side(Q24B, "consensus", _hl(Q24B)),
              Side(Q24G, "consensus", ())),  # no highlight: renderers fall back to the claim text
             Consensus("24 years", 2)),
    Conflict("quote", "warning", "quote differs: 'not' dropped", "wwww2222",
             (Side(QUOTE_A, "side", ((9, 12),)), Side(QUOTE_B, "side", ()))),
    Conflict("date", "info", "crossing on 3 May 2024 vs 4 May 2024", "dddd3333",
             (Side(DATE_A, "side", _hl(DATE_A)), Side(DATE_B, "side", _hl(DATE_B)))),
    Conflict("ordinal", "warning", "second visit vs third visit", "oooo4444",
             (Side(ORD_A, "side", _hl(ORD_A)), Side(ORD_B, "side", _hl(ORD_B))),
             accepted="counted differently: the 1998 visit was unofficial"),
    Conflict("fact", "info", "a row of | pipes <b>\nsplit", "hhhh5555",
             (Side(HOSTILE_CLAIM, "outlier", _hl(HOSTILE_CLAIM)),)),
]
UNREADABLE = LoadError("news/broken.html", "not valid UTF-8 at byte 12: tried windows-1252, failed")


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    extractions = [Extraction(Article(_doc(a), ()), ()) for a in TEXTS]
    report = check.build(extractions, [UNREADABLE], CONFLICTS, notes=["stale ignore: abcd0000"])
    out = check.report_document(report)
    json.dumps(out)  # the document is plain JSON
    return out


def _by_kind(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["kind"]: c for c in doc["conflicts"]}


# ── SARIF ─────────────────────────────────────────────────────────────────────────────────────


def test_sarif_validates_against_the_2_1_0_schema(doc):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA_PATH.exists():
        pytest.skip(f"no SARIF schema at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    sarif = json.loads(render_sarif(doc))
    jsonschema.Draft7Validator(schema).validate(sarif)
    assert sarif["version"] == "2.1.0"


def test_sarif_rules_levels_and_fingerprints(doc):
    run = json.loads(render_sarif(doc))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    kinds = ["quantity", "date", "ordinal", "quote", "attribution", "fact", "update"]
    assert [r["id"] for r in rules] == kinds
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules)
    assert run["columnKind"] == "unicodeCodePoints"
    results = {r["ruleId"]: r for r in run["results"]}
    assert {k: results[k]["level"] for k in ("quantity", "quote", "date")} == {
        "quantity": "error", "quote": "warning", "date": "note"}
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert results["quantity"]["partialFingerprints"] == {"factcheck/v1": "qqqq1111"}
    assert results["quantity"]["message"]["text"] == QUANTITY_MSG


def test_sarif_outlier_is_primary_and_others_related(doc):
    results = {r["ruleId"]: r for r in json.loads(render_sarif(doc))["runs"][0]["results"]}
    q = results["quantity"]
    (primary,) = q["locations"]
    phys = primary["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "news/alpha.txt", "uriBaseId": "%SRCROOT%"}
    assert phys["region"] == {"startLine": Q25.line, "startColumn": Q25.column,
                              "endColumn": Q25.column + len("25 years"),
                              "snippet": {"text": "25 years"}}
    # The region really points at the claim in the file.
    line_text = TEXTS["alpha"].split("\n")[Q25.line - 1]
    assert line_text[phys["region"]["startColumn"] - 1:phys["region"]["endColumn"] - 1] == "25 years"
    related = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in q["relatedLocations"]]
    assert related == ["news/beta%2C%20part%202.md", "news/gamma.txt"]
    assert len({loc["id"] for loc in q["relatedLocations"]}) == 2
    # No outlier: the first side is primary.
    assert results["quote"]["locations"][0]["physicalLocation"]["region"]["startLine"] == QUOTE_A.line
    assert "suppressions" not in q


def test_sarif_accepted_is_suppressed_and_unreadable_is_notified(doc):
    run = json.loads(render_sarif(doc))["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["ordinal"]["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": "counted differently: the 1998 visit was unofficial"}]
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "not valid UTF-8" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/broken.html"
    assert inv["toolConfigurationNotifications"][0]["message"]["text"] == "stale ignore: abcd0000"


def test_sarif_clean_run_is_successful():
    clean = {"schema": "factcheck/report@1", "tool": {"name": "factcheck", "version": "0"},
             "articles": [{"id": "a", "path": "a.txt", "error": None}], "conflicts": [],
             "summary": {}}
    (inv,) = json.loads(render_sarif(clean))["runs"][0]["invocations"]
    assert inv == {"executionSuccessful": True}


# ── GitHub workflow commands ──────────────────────────────────────────────────────────────────

_CMD = re.compile(r"^::(\w+)(?: ([^:]*))?::(.*)$")


def _unescape(s: str, prop: bool = False) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for enc, raw in pairs:
        s = s.replace(enc, raw)
    return s.replace("%25", "%")


def parse_workflow_commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """What the Actions runner reads back, per @actions/core's escaping rules."""
    out = []
    for line in text.splitlines():
        m = _CMD.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = {}
        if m.group(2):
            for item in m.group(2).split(","):
                key, _, value = item.partition("=")
                props[key] = _unescape(value, prop=True)
        out.append((m.group(1), props, _unescape(m.group(3))))
    return out


@pytest.mark.parametrize("raw", ["50% off", "a:b,c", "line1\nline2\r\n", "%0A literal", "%25"])
def test_github_escaping_round_trips(raw):
    assert _unescape(escape_data(raw)) == raw
    assert _unescape(escape_property(raw), prop=True) == raw
    assert "\n" not in escape_data(raw) and "," not in escape_property(raw)


def test_github_annotations_round_trip(doc):
    text = render_github(doc)
    cmds = parse_workflow_commands(text)
    assert len(text.splitlines()) == len(cmds)  # every message stayed on one line
    # The title GitHub shows: "kind: title [fingerprint]", the fingerprint claims.yaml takes.
    findings = {f["fingerprint"]: f for f in doc["conflicts"]}
    by_kind = {}
    for name, p, msg in cmds:
        m = re.fullmatch(r"(\w+): (.*) \[(\w+)\]", p.get("title") or "", re.S)
        if m:
            assert m.group(1) == findings[m.group(3)]["kind"]
            assert m.group(2) == findings[m.group(3)]["message"]
            by_kind[m.group(1)] = (name, p, msg)
    name, props, msg = by_kind["quantity"]
    assert name == "error"
    assert props["file"] == "news/alpha.txt"
    assert (props["line"], props["col"], props["endColumn"]) == (
        str(Q25.line), str(Q25.column), str(Q25.column + 8))
    assert msg.startswith(QUANTITY_MSG + "\n")  # '%', ':' and the newline survive
    assert "consensus: 24 years (2 claims)" in msg
    assert "news/beta, part 2.md:" in msg and "news/gamma.txt:" in msg
    name, props, _ = by_kind["quote"]
    assert name == "warning" and props["file"] == "news/alpha.txt"
    name, props, _ = by_kind["date"]
    assert name == "notice" and props["file"] == "news/alpha.txt"
    # Accepted findings are not annotated.
    assert not any("ordinal" in (p.get("title") or "") for _, p, _ in cmds)
    assert ("error", {"file": "news/broken.html", "title": "unreadable"}, UNREADABLE.reason) in cmds
    assert ("warning", {"title": "factcheck"}, "stale ignore: abcd0000") in cmds


def test_github_comma_in_path_is_escaped(doc):
    beta_only = dict(doc, conflicts=[dict(_by_kind(doc)["quote"],
                                          claims=_by_kind(doc)["quote"]["claims"][::-1])])
    line = render_github(beta_only).splitlines()[0]
    assert "file=news/beta%2C part 2.md," in line
    assert parse_workflow_commands(line)[0][1]["file"] == "news/beta, part 2.md"


# ── Markdown ──────────────────────────────────────────────────────────────────────────────────


def test_markdown_summary_and_table(doc):
    md = render_markdown(doc)
    assert md.startswith("## ❌ factcheck: 1 error, 1 warning, 2 info")
    assert "3 articles" in md and "1 accepted" in md and "**1 unreadable**" in md
    live, _, folded = md.partition("<details>")
    rows = [line for line in live.splitlines() if line.startswith("| C")]
    assert len(rows) == 4  # live findings only; the accepted one is folded away
    # numbered before the accepted one is set apart: warnings come before infos
    assert "| C3 | warning | ordinal | second visit vs third visit |" in folded
    assert all(row.count(" | ") == 4 for row in rows)  # hostile text did not add columns
    assert rows[0].startswith("| C1 | error | quantity | first visit in 25 years vs 24 years: 4% off, see second line")
    assert rows[0].endswith("| news/alpha.txt:2 |")
    assert "| fact | a row of \\| pipes &lt;b&gt; split | news/alpha.txt:5 |" in md
    assert "news/broken.html: not valid UTF-8" in md
    assert "<details><summary>Accepted findings (1)</summary>" in md
    assert summary_markdown(doc) in md


def test_markdown_sides_are_quoted_with_highlights(doc):
    md = render_markdown(doc)
    assert "> The mayor crossed the bridge for the first time in **25 years** on 3 May 2024." in md
    # No highlight span given: the claim text itself is highlighted.
    assert "> The bridge last saw a mayor **24 years** ago, in 2000." in md
    assert "**outlier** · alpha · news/alpha.txt:2:" in md
    assert "*Consensus:* 24 years (2 claims)" in md


def test_markdown_escapes_article_text(doc):
    md = render_markdown(doc)
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\[bold\\]x\\[/bold\\]" in md
    assert "\\| **pipes** in a row" in md


@pytest.mark.parametrize("raw, expected", [
    ("a | b", "a \\| b"),
    ("line\nbreak", "line break"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("[link](http://x)", "\\[link\\](http://x)"),
    ("costs $5 or $6", "costs \\$5 or \\$6"),  # not math on GitHub
    ("seeds/004_51545.txt and snake_case", "seeds/004_51545.txt and snake_case"),
    ("`code` ~~gone~~", "\\`code\\` \\~\\~gone\\~\\~"),
    ("*bold* _it_", "\\*bold\\* \\_it\\_"),
    ("&amp;", "&amp;amp;"),
    ("ping @someone", "ping @\u2060someone"),
])
def test_markdown_escape(raw, expected):
    assert md_escape(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("# not a heading", "\\# not a heading"),
    ("- not a list", "\\- not a list"),
    ("12. not a list", "12\\. not a list"),
    ("3) nor this", "3\\) nor this"),
    ("2024 was a year.", "2024 was a year."),
])
def test_markdown_line_start_is_not_markup(raw, expected):
    assert line_safe(md_escape(raw)) == expected


def test_markdown_stays_under_the_comment_limit(doc):
    many = dict(doc, conflicts=[dict(_by_kind(doc)["quantity"], id=f"C{i}") for i in range(400)])
    md = render_markdown(many, max_chars=20_000)
    assert len(md) <= 20_000
    assert "*Cut to fit a comment: 0 of 400 findings shown in detail." in md
    assert 50 < sum(1 for line in md.splitlines() if line.startswith("| C")) < 400
    assert "Cut to fit" not in render_markdown(doc)


# ── HTML ──────────────────────────────────────────────────────────────────────────────────────

DATES = [
    {"article": "alpha", "text": "3 May 2024", "start": "2024-05-03", "end": "2024-05-03",
     "conflict": True, "path": "news/alpha.txt", "line": 2},
    {"article": "beta", "text": "4 May 2024", "start": "2024-05-04", "end": "2024-05-04",
     "conflict": True, "path": "news/beta, part 2.md", "line": 2},
    {"article": "gamma", "text": "in 2000", "start": "2000-01-01", "end": "2000-12-31",
     "conflict": False},
]


def test_html_escapes_article_text(doc):
    page = render_html(doc, dates=DATES)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[bold]x[/bold]" in page
    # The line break kept as a character reference: no line of the page starts with input.
    assert "a row of | pipes &lt;b&gt;&#10;split" in page


def test_html_is_self_contained(doc):
    page = render_html(doc, dates=DATES)
    assert not re.search(r"(?i)<(script|link|img|iframe)\b", page)
    assert not re.search(r"(?i)(src=|@import|url\()", page)
    assert "https://" not in page and "http://" not in page
    assert "<style>" in page


def test_html_findings_with_highlights_and_links(doc):
    page = render_html(doc, dates=DATES)
    for fid in ("C1", "C2", "C3", "C4", "C5"):
        assert f'id="{fid}"' in page
    assert "the first time in <mark>25 years</mark> on 3 May 2024." in page
    assert "a mayor <mark>24 years</mark> ago" in page  # fallback to the claim text
    assert "&quot;We will <mark>not</mark> close it again,&quot; the mayor said." in page
    assert 'href="news/alpha.txt#L2"' in page
    assert 'href="news/beta%2C%20part%202.md#L2"' in page
    assert ">news/alpha.txt:2:" in page
    assert "counted differently: the 1998 visit was unofficial" in page
    assert 'id="accepted"' in page and "news/broken.html" in page and "unreadable" in page


def _tracks(page: str) -> list[str]:
    """The timeline axes of a page."""
    return re.findall(r'<div class="timeline".*?(?=<p class="legend)', page, re.DOTALL)


def _marks(track: str) -> list[tuple[float, str, str]]:
    """(left %, class, start date) of every mark on one axis, left to right."""
    found = re.findall(r'class="(tl-mark[^"]*)" style="left:([\d.]+)%[^"]*"[^>]*'
                       r'data-start="([\d-]+)"', track)
    return sorted((float(left), cls, start) for cls, left, start in found)


def test_html_timeline_positions_and_colours(doc):
    """The axis is the story's days (3 and 4 May, a day either side); the year 2000 does not
    stretch it to 24 years: it is pinned before the axis, labelled."""
    page = render_html(doc, dates=DATES)
    [track] = _tracks(page)
    assert 'data-from="2024-05-02" data-to="2024-05-06"' in track
    assert re.findall(r'<div class="tl-row" data-article="(\w+)"', track) == ["alpha", "beta", "gamma"]
    assert _marks(track) == [(0.0, "tl-mark off before", "2000-01-01"),
                             (25.0, "tl-mark conflict", "2024-05-03"),
                             (50.0, "tl-mark conflict", "2024-05-04")]
    assert re.findall(r'class="tl-tick[^"]*" style="left:([\d.]+)%">([^<]*)<', track) == [
        ("25.0", "3 May"), ("50.0", "4 May"), ("75.0", "5 May")]
    labels = re.findall(r'<span class="tl-text tl-(\w+)"[^>]*>([^<]*) <span class="tl-source">'
                        r'· (\w+)</span>', track)
    assert labels == [("right", "3 May 2024", "alpha"), ("left", "4 May 2024", "beta"),
                      ("right", "in 2000 → 2000", "gamma")]
    assert "1 date outside it pinned to its ends" in page


def test_html_timeline_clips_a_month_to_the_story_days(doc):
    """A month-level claim never sets the axis: it is a hatched range cut at the axis's ends."""
    month = {"article": "gamma", "text": "in May", "start": "2024-05-01", "end": "2024-05-31",
             "conflict": False}
    [track] = _tracks(render_html(doc, dates=[DATES[0], DATES[1], month]))
    assert 'data-from="2024-05-02" data-to="2024-05-06"' in track
    assert (0.0, "tl-mark coarse", "2024-05-01") in _marks(track)
    assert 'style="left:0.0%;width:100.0%"' in track
    assert "in May → May 2024 (beyond this scale)" in track


def test_html_timeline_gives_disputed_years_a_scale_of_their_own(doc):
    """Years in a finding ("25 years" before 2024: 1999 against 2000) lie beyond the story's
    days: pinned there, and drawn again on a scale of their own, side by side."""
    years = [dict(DATES[2], conflict=True),
             {"article": "alpha", "text": "25 years", "start": "1999-01-01", "end": "1999-12-31",
              "conflict": True, "path": "news/alpha.txt", "line": 2}]
    page = render_html(doc, dates=DATES[:2] + years)
    assert "Disputed dates beyond the story's days, 26 Nov 1998 to 5 Feb 2001" in page
    full, beyond = page.split('<div class="timeline beyond"')
    assert [(cls, start) for _, cls, start in _marks(full)][:2] == [
        ("tl-mark conflict off before", "1999-01-01"), ("tl-mark conflict off before", "2000-01-01")]
    marks = _marks(beyond)
    assert [(cls, start) for _, cls, start in marks] == [
        ("tl-mark conflict coarse", "1999-01-01"), ("tl-mark conflict coarse", "2000-01-01")]
    assert 0 < marks[0][0] < 10 and 45 < marks[1][0] < 55
    assert "25 years → 1999" in beyond and "in 2000 → 2000" in beyond
    assert "3 May 2024" not in beyond.split('<p class="legend')[0]


def test_html_timeline_falls_back_to_dates_in_findings(doc):
    page = render_html(doc)
    assert len(re.findall(r'class="tl-mark conflict"[^>]*data-start', page)) == 2
    assert 'data-start="2024-05-03"' in page and 'data-start="2024-05-04"' in page
    empty = render_html(dict(doc, conflicts=[]), dates=[])
    assert "No dated claims" in empty and "No conflicting claims found" in empty


def test_html_highlight_out_of_range_is_ignored():
    side = {"role": "side", "article": "a", "path": "a.txt", "line": 1, "column": 1,
            "text": "zz", "sentence": "short", "highlight": [[3, 99], [-1, 2]]}
    finding = {"id": "C1", "kind": "quote", "severity": "warning", "message": "m",
               "fingerprint": "f", "consensus": None, "claims": [side]}
    page = render_html({"conflicts": [finding], "articles": [], "summary": {}})
    assert "<blockquote>short</blockquote>" in page


def test_the_html_page_grows_with_the_findings_not_with_the_text(tmp_path, capsys):
    """An article of thousands of dates once made an HTML page twelve times its size."""
    from factcheck.cli import main
    from factcheck.report.html import MARKS_PER_ARTICLE

    sentence = "The ferry sailed from Port Venn on Tuesday, harbour staff said. "
    (tmp_path / "dates.txt").write_text("Ferry news\n\nUpdated: March 12, 2025 9:00 am\n\n"
                                        + sentence * 1500 + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    main(["check", str(tmp_path / "dates.txt"), "--no-cache", "--format", "html", "--output",
          str(out)])
    page = out.read_text(encoding="utf-8")
    # The drawn ones, alike, are one mark counted (and the legend's); the rest are counted.
    assert page.count('class="tl-mark"') == 2
    assert f"Tuesday → 11 Mar 2025 ×{MARKS_PER_ARTICLE}" in page
    assert f"{1500 - MARKS_PER_ARTICLE} more date claims not drawn" in page
    assert len(page) < 100_000  # the input is 95 KB of text; every mark drawn was 500 KB
