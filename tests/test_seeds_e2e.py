"""End to end on the five real scraped pages in ../shared/seeds (skipped when absent).

DESIGN.md lists what a good run reports there, and what it must not: these tests assert exactly
that, through the CLI, as CI would run it.
"""

import json
from pathlib import Path

import pytest

from factcheck.cli import main

SEEDS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")

CHROME = ["₹900", "3 Months", "SAVE 25%", "8,656 MW", "23-24 Years", "11 Years", "7 Injured",
          "Rs 18330", "16-year", "July 8", "2nd ODI", "14 Crops", "1 / 7"]


def run_json(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr().out
    return code, json.loads(out)


@pytest.fixture(scope="module")
def claims_doc():
    import io
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["extract", str(SEEDS), "--format", "json", "--no-cache"])
    assert code == 0
    return json.loads(buf.getvalue())


@pytest.fixture(scope="module")
def report_doc():
    import io
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["check", str(SEEDS), "--format", "json", "--fail-on", "never", "--no-facts", "--no-cache"])
    assert code == 0
    return json.loads(buf.getvalue())


def by_id(doc):
    return {a["id"]: a for a in doc["articles"]}


def test_publication_dates(claims_doc):
    assert claims_doc["schema"] == "factcheck/claims@1"
    published = {k: v["published"] for k, v in by_id(claims_doc).items()}
    assert published == {"000": "2019-04-25", "001": "2019-04-22", "002": "2024-06-19",
                         "003": "2023-09-05", "004": "2024-06-19"}


def claims(doc, article, text=None, kind=None):
    return [c for c in by_id(doc)[article]["claims"]
            if (text is None or c["text"] == text) and (kind is None or c["kind"] == kind)]


def test_the_claims_that_define_the_job(claims_doc):
    doc = claims_doc
    headline_25 = [c for c in claims(doc, "004", "25 years") if c["role"] == "headline"]
    assert len(headline_25) == 1
    assert [c for c in claims(doc, "004", "24 years") if c["role"] != "headline"]
    assert len(claims(doc, "002", "24 years")) >= 3
    july = claims(doc, "002", "July 2000")
    assert july and july[0]["value"] == {"start": "2000-07-01", "end": "2000-07-31",
                                         "granularity": "month"}
    ago = claims(doc, "001", "eight years ago")
    assert ago and ago[0]["kind"] == "duration"
    assert ago[0]["value"]["start"] == "2011-01-01" and ago[0]["value"]["end"] == "2011-12-31"
    y2011 = [c for c in claims(doc, "000", kind="date") if "2011" in c["text"]]
    assert y2011 and y2011[0]["value"]["start"] == "2011-01-01"
    last_sept = [c for c in claims(doc, "002", kind="date") if c["text"].lower() == "last september"]
    assert last_sept and last_sept[0]["value"]["start"] == "2023-09-01"
    assert last_sept[0]["value"]["end"] == "2023-09-30"
    quotes = [c["value"]["quote"] for c in claims(doc, "004", kind="quote")]
    assert any(q.startswith("consistent and wavering support") for q in quotes)
    assert any(q.startswith("consistent and unwavering support") for q in quotes)


def test_offsets_and_positions_hold(claims_doc):
    for article in claims_doc["articles"]:
        path = Path(article["path"])
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for c in article["claims"]:
            assert text[c["start"]:c["end"]] == c["text"]
            assert lines[c["line"] - 1][c["column"] - 1:].startswith(c["text"].split("\n")[0])


def test_no_claim_from_site_chrome(claims_doc):
    for article in claims_doc["articles"]:
        for c in article["claims"]:
            for chrome in CHROME:
                assert chrome not in c["text"] and chrome not in c["sentence"], (chrome, c)


def test_check_reports_exactly_the_two_seed_findings(report_doc):
    conflicts = report_doc["conflicts"]
    kinds = sorted(c["kind"] for c in conflicts)
    assert kinds in (["quantity", "quote"], ["attribution", "quantity", "quote"],
                     ["date", "quote"], ["attribution", "date", "quote"]), \
        [c["message"] for c in conflicts]
    years = next(c for c in conflicts if c["kind"] in ("quantity", "date"))
    outliers = [s for s in years["claims"] if s["role"] == "outlier"]
    assert [(s["article"], s["text"], s["section"]) for s in outliers] == \
        [("004", "25 years", "headline")]
    assert years["consensus"]["value"].startswith("24")
    assert any(s["text"] == "24 years" for s in years["claims"] if s["role"] == "consensus")
    quote = next(c for c in conflicts if c["kind"] == "quote")
    assert quote["severity"] == "error"
    texts = sorted(s["value"]["quote"].split(" for ")[0] for s in quote["claims"])
    assert texts == ["consistent and unwavering support", "consistent and wavering support"]
    assert {s["article"] for s in quote["claims"]} == {"004"}
    for c in conflicts:
        if c["kind"] == "attribution":
            assert {s["article"] for s in c["claims"]} == {"004"}


def test_exit_codes(capsys):
    assert main(["check", str(SEEDS)]) == 1
    assert main(["check", str(SEEDS), "--fail-on", "never"]) == 0
    capsys.readouterr()
    missing = str(SEEDS / "no-such-article.txt")
    assert main(["check", str(SEEDS), missing, "--fail-on", "never", "--format", "json"]) == 0
    assert main(["check", str(SEEDS), missing]) == 2
    captured = capsys.readouterr()
    assert "no-such-article.txt" in captured.out + captured.err


def test_against_reports_only_findings_involving_the_draft(capsys):
    draft = next(SEEDS.glob("004_*.txt"))
    others = [str(p) for p in sorted(SEEDS.glob("*.txt")) if p != draft]
    code, doc = run_json(capsys, "check", str(draft), "--against", *others, "--format", "json",
                         "--fail-on", "never")
    assert code == 0
    assert doc["conflicts"]
    for c in doc["conflicts"]:
        assert any(s["article"] == "004" for s in c["claims"])
    only_refs = [str(p) for p in sorted(SEEDS.glob("00[0-3]_*.txt"))]
    code, doc = run_json(capsys, "check", only_refs[0], "--against", *only_refs[1:], "--format",
                         "json")
    assert code == 0 and doc["conflicts"] == []


def test_the_seed_findings_read_as_an_editor_would_write_them(report_doc):
    """Issue 17: titles built from the fact, the odd one out and the consensus with its count;
    the quote's attribution folded into the quote finding (one finding per disagreement)."""
    got = [(c["kind"], c["title"], c["fix"]) for c in report_doc["conflicts"]]
    assert got == [
        ("quantity", "Years since the last visit: 004 headline says 25, 3 others say 24",
         "change “25 years” to “24 years”"),
        ("quote", "Quote: “consistent and unwavering support” (004 key point, given to Kim) vs "
                  "“consistent and wavering support” (004 body, given to the Russian leader)",
         None),  # two renderings, no third: nothing says which is right
    ]
    years = report_doc["conflicts"][0]
    assert years["consensus"]["support"] == sum(
        1 for s in years["claims"] if s["role"] == "consensus") == 3


def test_the_seed_report_in_the_terminal(capsys):
    """What an editor reads in a terminal (piped here: never wrapped, differing words «marked»)."""
    code = main(["check", str(SEEDS), "--no-facts", "--no-cache"])
    out = capsys.readouterr().out
    assert code == 1
    heads = [line for line in out.splitlines() if line.startswith("C")]
    assert [h.split("  ", 1)[1] for h in heads] == [
        "Years since the last visit: 004 headline says 25, 3 others say 24",
        "Quote: “consistent and unwavering support” (004 key point, given to Kim) vs "
        "“consistent and wavering support” (004 body, given to the Russian leader)"]
    assert "   fix: change “25 years” to “24 years”" in out
    assert ("      Putin’s North Korea Visit For First Time In «25 years» Amid US Tensions - "
            "Key Points\n") in out
    assert "«Kim» thanked Putin for his \"consistent and «unwavering» support" in out
    assert out.rstrip().endswith("5 articles, 64 claims: 2 errors, 0 warnings, 0 infos")
