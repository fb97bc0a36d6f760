"""End to end on the bundled examples/: exactly the planted findings (examples/README.md), the
traps silent, exit codes as CI sees them, and fingerprints that do not depend on file order."""

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from factcheck.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(str(p) for p in EXAMPLES.iterdir()
               if p.suffix in (".txt", ".md", ".html", ".jsonl") and p.name != "README.md")


def check(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", *args, "--format", "json", "--no-cache", "--no-facts"])
    return code, json.loads(out.getvalue())


def side(claim):
    """A side as the report gives it: the article, `file:line` (lines of the extracted text for
    .html, the object's line for .jsonl), the claim's own words and its role."""
    return (claim["article"], f"{Path(claim['path']).name}:{claim['line']}", claim["text"],
            claim["role"])


# Every finding by its report id: kind, severity, consensus, and every side. The list is exact:
# a finding more or fewer, two merged into one, or the same findings under other ids fails.
PLANTED = {
    # 1. a headline that disagrees with its own body and three other sources
    "C1": ("quantity", "error", {"value": "18 years", "support": 5}, [
        ("daily-meridian", "daily-meridian.txt:7", "19 Years", "outlier"),
        ("daily-meridian", "daily-meridian.txt:18", "18 years", "consensus"),
        ("nwa-0312-halvik-arrives", "wire.jsonl:1", "18 years", "consensus"),
        ("veldra-post", "veldra-post.txt:14", "18 years", "consensus"),
        ("veldra-post", "veldra-post.txt:25", "18 years", "consensus"),
        # "last visited … in 2007": the same fact, told as a year
        ("veldra-post", "veldra-post.txt:25", "2007", "consensus")]),
    # 2. a same-day cross-source figure conflict, no consensus to name
    "C2": ("quantity", "error", None, [
        ("estravia-today", "estravia-today.html:43", "3.1 km", "side"),
        ("norland-ledger", "norland-ledger.md:16", "2.4 km", "side")]),
    # 3. a mangled quote: the negation dropped by one wire item
    "C3": ("quote", "error",
           {"value": "Norland will not walk away from the Senn water treaty, whatever the pressure "
                     "at…", "support": 2}, [
        ("norland-ledger", "norland-ledger.md:18", "“Norland will not walk away from the Senn "
         "water treaty, whatever the pressure at home.”", "consensus"),
        ("nwa-0313-treaty", "wire.jsonl:2", '"Norland will walk away from the Senn water treaty, '
         'whatever the pressure at home."', "outlier"),
        ("veldra-post", "veldra-post.txt:35", '"Norland will not walk away from the Senn water '
         'treaty, whatever the pressure at home,"', "consensus")]),
    # 4. the same words put in another speaker's mouth
    "C4": ("attribution", "warning", {"value": "Castrov", "support": 2}, [
        ("estravia-today", "estravia-today.html:45",
         "“Our peoples have waited long enough for this bridge,”", "outlier"),
        ("northline-news", "northline-news.txt:35",
         '"Our peoples have waited long enough for this bridge,"', "consensus"),
        ("veldra-post", "veldra-post.txt:33",
         '"Our peoples have waited long enough for this bridge,"', "consensus")]),
    # 5. a toll that grew between two days' articles: an update, not a conflict
    "C5": ("update", "info", None, [
        ("northline-news", "northline-news.txt:29", "19 people", "later"),
        ("veldra-post", "veldra-post.txt:29", "12 people", "earlier")]),
}


def mismatches(doc, planted):
    """What differs between the report's findings and `planted`, finding by finding (empty when
    they are exactly the same)."""
    found = {c["id"]: c for c in doc["conflicts"]}
    out = []
    if [c["id"] for c in doc["conflicts"]] != list(planted):
        out.append(("ids", [c["id"] for c in doc["conflicts"]], list(planted)))
    for fid, (kind, severity, consensus, sides) in planted.items():
        c = found.get(fid)
        if c is None:
            continue
        got = (c["kind"], c["severity"], c["consensus"], sorted(side(s) for s in c["claims"]))
        if got != (kind, severity, consensus, sorted(sides)):
            out.append((fid, got))
    return out


@pytest.fixture(scope="module")
def report():
    return check(str(EXAMPLES), "--fail-on", "never")


def test_exactly_the_planted_findings(report):
    code, doc = report
    assert code == 0
    assert mismatches(doc, PLANTED) == []
    assert doc["summary"]["conflicts"] == {"error": 3, "warning": 1, "info": 1}


def _broken(planted):
    """Every way of getting one expectation wrong: each must be caught."""
    for fid, (kind, severity, consensus, sides) in planted.items():
        yield {**planted, fid: ("date", severity, consensus, sides)}
        yield {**planted, fid: (kind, "info" if severity != "info" else "error", consensus, sides)}
        if consensus is None:
            yield {**planted, fid: (kind, severity, {"value": "x", "support": 1}, sides)}
        else:
            yield {**planted, fid: (kind, severity, None, sides)}
            yield {**planted, fid: (kind, severity, dict(consensus, value=consensus["value"] + "!"),
                                    sides)}
            yield {**planted, fid: (kind, severity, dict(consensus, support=consensus["support"] + 1),
                                    sides)}
        yield {**planted, fid: (kind, severity, consensus, sides[1:])}
        for i, s in enumerate(sides):
            for j in range(4):
                changed = list(s)
                changed[j] = changed[j] + "x"
                yield {**planted, fid: (kind, severity, consensus,
                                        sides[:i] + [tuple(changed)] + sides[i + 1:])}
    ids = list(planted)
    yield {k: planted[k] for k in ids[:-1]}  # one finding fewer
    yield {**planted, "C9": planted[ids[0]]}  # one more
    yield dict(zip(ids, [planted[k] for k in ids[1:] + ids[:1]]))  # the same under other ids


def test_every_expectation_can_fail(report):
    _, doc = report
    for n, wrong in enumerate(_broken(PLANTED)):
        assert mismatches(doc, wrong), n


def test_traps_stay_silent(report):
    _, doc = report
    texts = {c["text"] for f in doc["conflicts"] for c in f["claims"]}
    for trap in ("about 150 passengers", "148 passengers", "more than 20 agreements",
                 "23 agreements", "52-year-old", "34-year-old", "this week", "last month",
                 "two years ago", "on Friday", "Friday", "Thursday", "₹900"):
        assert trap not in texts, trap
    assert doc["summary"]["articles"] == 8 and doc["summary"]["unreadable"] == 0


def test_exit_codes(report):
    assert check(str(EXAMPLES))[0] == 1
    assert check(str(EXAMPLES), "--fail-on", "info")[0] == 1
    # Without the articles that carry the errors, only the update (info) is left.
    code, doc = check(str(EXAMPLES / "veldra-post.txt"), str(EXAMPLES / "northline-news.txt"))
    assert code == 0 and [c["kind"] for c in doc["conflicts"]] == ["update"]


def test_fingerprints_do_not_depend_on_file_order(report):
    _, doc = report
    _, reversed_doc = check(*reversed(FILES), "--fail-on", "never")
    assert sorted(c["fingerprint"] for c in doc["conflicts"]) == sorted(
        c["fingerprint"] for c in reversed_doc["conflicts"])


def test_against_reports_only_the_draft(report):
    draft = str(EXAMPLES / "norland-ledger.md")
    others = [f for f in FILES if f != draft]
    code, doc = check(draft, "--against", *others, "--fail-on", "never")
    assert doc["conflicts"]
    for c in doc["conflicts"]:
        assert any(s["article"] == "norland-ledger" for s in c["claims"])
    assert {c["kind"] for c in doc["conflicts"]} == {"quantity", "quote"}


def test_rich_report_shows_every_side(capsys):
    code = main(["check", str(EXAMPLES), "--no-cache", "--no-facts", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert code == 0
    assert "ERRORS (3)" in out and "WARNINGS (1)" in out and "INFOS (1)" in out
    assert "examples/daily-meridian.txt:" in out.replace(os.sep, "/")
    assert "8 articles" in out and "3 errors, 1 warning, 1 info" in out


def test_the_bundled_fact_book_outranks_the_headline():
    """claims.yaml at the top of the repository fits examples/: the headline's 19 years now
    contradicts a verified fact, and nothing else changes."""
    book = str(EXAMPLES.parent / "claims.yaml")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", str(EXAMPLES), "--format", "json", "--no-cache", "--facts", book])
    doc = json.loads(out.getvalue())
    assert code == 1
    kinds = sorted(c["kind"] for c in doc["conflicts"])
    assert kinds == ["attribution", "fact", "quantity", "quote", "update"]
    fact = next(c for c in doc["conflicts"] if c["kind"] == "fact")
    assert "Norland foreign ministry archive" in fact["message"]
    assert [c["text"] for c in fact["claims"] if c["role"] == "outlier"] == ["19 Years"]


def test_the_findings_read_as_an_editor_would_write_them(report):
    """Issue 17: each title names the fact, the odd one out and the consensus with its count,
    and gives the fix where one follows; the count is the consensus rows shown."""
    _, doc = report
    got = sorted((c["kind"], c["title"], c["fix"]) for c in doc["conflicts"])
    assert got == sorted([
        ("quantity", "Years since the last visit: daily-meridian headline says 19, 5 others say 18",
         "change “19 Years” to “18 Years”"),
        ("quantity", "Length of the Senn rail bridge: 3.1 km (estravia-today) vs 2.4 km "
                     "(norland-ledger)", None),
        ("quote", "Quote from Halvik: nwa-0313-treaty says “Norland will walk”, 2 others say "
                  "“Norland will not walk”", "restore “not”"),
        ("attribution", "Who said “Our peoples have waited long enough…”: estravia-today says "
                        "Halvik, 2 others say Castrov", "attribute it to Castrov"),
        ("update", "Death toll: 12 people (veldra-post, 2025-03-12) → 19 people (northline-news, "
                   "2025-03-14), a later figure", None),
    ])
    for c in doc["conflicts"]:
        if c["consensus"]:
            assert c["consensus"]["support"] == sum(
                1 for s in c["claims"] if s["role"] in ("consensus", "fact"))
