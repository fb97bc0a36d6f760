"""Findings that read like an editor's note, and keep their identity (issue 17).

Two small batches of made-up articles (the port town of Kessvik and its transport minister Lena
Ardell), written for these tests. Each is checked through the CLI and the findings asserted
exactly: the title (what the fact is about, the odd one out, the consensus with its count), the
fix, one finding per disagreement; then the fingerprint is shown to survive an agreeing article,
lines added above, and another file order, so that an accepted finding stays accepted.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.compare import titles

KESSVIK = {
    "harbour-gazette.md": """\
---
title: Minister Ardell opens the Kessvik ferry terminal
date: 2026-05-06
outlet: The Harbour Gazette
---

# Ardell Opens Kessvik Terminal On First Visit In 12 Years

Transport minister Lena Ardell came back to Kessvik on Tuesday, her first visit to the port town in 11 years, to open the new ferry terminal.

The new Kessvik pier is 640 metres long and took two years to build.

"We will not let the island routes wither, whatever the cost," Ardell told the crowd.
""",
    "coastal-times.txt": """\
Updated: May 6, 2026 4:10 pm

Ardell opens Kessvik ferry terminal

Transport minister Lena Ardell opened the Kessvik ferry terminal on Tuesday, her first visit to the port town in 11 years.

"We will not let the island routes wither, whatever the cost," Ardell said at the ribbon cutting.

Harbour master Odo Brannick said: "This terminal was worth every winter we waited."
""",
    "island-post.txt": """\
Updated: May 6, 2026 6:30 pm

Kessvik celebrates new terminal

Lena Ardell, the transport minister, visited Kessvik on Tuesday for the first time in 11 years and opened the ferry terminal.

The new Kessvik pier is 720 metres long, according to the port authority.

"We will let the island routes wither, whatever the cost," Ardell said.

"This terminal was worth every winter we waited," Ardell said.
""",
    "north-wire.txt": """\
Updated: May 6, 2026 7:05 pm

Minister opens Kessvik terminal

Transport minister Lena Ardell opened the Kessvik ferry terminal on Tuesday, her first visit to the port town in 11 years.

Harbour master Odo Brannick said: "This terminal was worth every winter we waited."
""",
}

# One more outlet that agrees with the consensus on the years and the quote.
AGREEING = ("east-herald.txt", """\
Updated: May 6, 2026 9:45 pm

A new terminal for Kessvik

Transport minister Lena Ardell opened the Kessvik ferry terminal on Tuesday, her first visit to the port town in 11 years.

"We will not let the island routes wither, whatever the cost," Ardell said.
""")

ARDELL = {
    "a.txt": """\
Updated: May 6, 2026 4:10 pm

Ardell opens Kessvik ferry terminal

Transport minister Lena Ardell, who last visited Kessvik in July 2014, opened the ferry terminal on Tuesday.

Port chief Odo Brannick thanked the ministry for its "steady and unfailing support for the island routes."

Officials said 4 people were injured when a gangway collapsed during the ceremony.
""",
    "b.txt": """\
Updated: May 6, 2026 6:30 pm

Kessvik celebrates new terminal

Lena Ardell last visited Kessvik in July 2014, her office said.

Ardell thanked the islanders for their "steady and failing support for the island routes."
""",
    "c.txt": """\
Updated: May 7, 2026 9:00 am

Kessvik terminal: the day after

Lena Ardell last visited Kessvik in July 2016, her aides said.

Officials said on Wednesday that 9 people were injured when a gangway collapsed during the ceremony.
""",
    "d.txt": """\
Updated: May 6, 2026 8:00 pm

Terminal opens

Lena Ardell last visited Kessvik in July 2014, her aides said.
""",
}

# Every finding of each batch: (kind, severity, title, fix).
EXPECTED = {
    "kessvik": [
        ("quantity", "error",
         "Years since the last visit: harbour-gazette headline says 12, 4 others say 11",
         "change “12 Years” to “11 Years”"),
        ("quote", "error",
         "Quote from Ardell: island-post says “We will let”, 2 others say “We will not let”",
         "restore “not”"),
        ("quantity", "error",
         "Length of the Kessvik pier: 640 metres (harbour-gazette) vs 720 metres (island-post)",
         None),
        ("attribution", "warning",
         "Who said “This terminal was worth every winter…”: island-post says Ardell, 2 others "
         "say Harbour master Odo Brannick",
         "attribute it to Harbour master Odo Brannick"),
    ],
    "ardell": [
        # the mangled quote also names two speakers: one finding that says who each side names
        ("quote", "error",
         "Quote: “steady and failing support” (b, given to Ardell) vs “steady and unfailing "
         "support” (a, given to Port chief Odo Brannick)", None),
        ("date", "error",
         "Date last visited: c says July 2016, 3 others say July 2014",
         "change “July 2016” to “July 2014”"),
        ("update", "info",
         "Number injured: 4 people (a, 2026-05-06) → 9 people (c, 2026-05-07), a later figure",
         None),
    ],
}
TOLL = {f"{name}.txt": ("Updated: May 6, 2026 4:10 pm\n\nFerry capsizes off Kessvik\n\n"
                        f"Officials said {n} people died when the ferry Ostra capsized off "
                        "Kessvik on Tuesday night.\n")
        for name, n in (("a", 7), ("b", 9), ("c", 12))}
EXPECTED["toll"] = [
    ("quantity", "error", "Death toll: no majority, 7 people (a), 9 people (b) and 12 people (c)",
     None),
]
BATCHES = {"kessvik": KESSVIK, "ardell": ARDELL, "toll": TOLL}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def check(*args: str) -> tuple[int, dict]:
    code, out, err = run("check", *args, "--format", "json", "--no-cache")
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.fixture
def desk(tmp_path, monkeypatch):
    """A desk folder with no claims.yaml yet, the Kessvik batch in news/."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "news", KESSVIK)
    return tmp_path


# ── titles, fixes, one finding per disagreement ───────────────────────────────────────────────


@pytest.mark.parametrize("batch", sorted(EXPECTED))
def test_every_finding_reads_as_an_editor_would_write_it(tmp_path, monkeypatch, batch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / batch, BATCHES[batch])
    _, doc = check(batch, "--fail-on", "never")
    got = sorted((c["kind"], c["severity"], c["title"], c["fix"]) for c in doc["conflicts"])
    assert got == sorted(EXPECTED[batch])


@pytest.mark.parametrize("batch", sorted(EXPECTED))
def test_the_consensus_count_is_the_rows_shown(tmp_path, monkeypatch, batch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / batch, BATCHES[batch])
    _, doc = check(batch, "--fail-on", "never")
    for c in doc["conflicts"]:
        rows = [s for s in c["claims"] if s["role"] in ("consensus", "fact")]
        if c["consensus"]:
            assert c["consensus"]["support"] == len(rows), c["title"]
            assert f"{len(rows)} others say" in c["title"] or len(rows) == 1


def test_an_attribution_stands_alone_only_when_the_words_agree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "ardell", ARDELL)
    _, doc = check("ardell", "--fail-on", "never")
    assert "attribution" not in [c["kind"] for c in doc["conflicts"]]
    quote = next(c for c in doc["conflicts"] if c["kind"] == "quote")
    # who each side names is highlighted beside the changed word
    b = next(s for s in quote["claims"] if s["article"] == "b")
    assert sorted(b["sentence"][x:y] for x, y in b["highlight"]) == ["Ardell", "failing"]
    assert [v["rule"] for v in quote["trace"]][-2:] == ["quote-grade", "attribution"]


@pytest.mark.parametrize("odd, right, fix", [
    ("Norland will walk away from the treaty", "Norland will not walk away from the treaty",
     "restore “not”"),
    ("we never said it would close", "we said it would close", "remove “never”"),
    ("steady and failing support", "steady and unfailing support",
     "restore “unfailing” (for “failing”)"),
    ("this is the ferry we wanted", "this is the ferry that we wanted", None),  # a function word
    ("we organise the routes and will not close them",
     "we organize the routes and will close them", "remove “not”"),  # spelling is not the change
])
def test_quote_fixes(odd, right, fix):
    assert titles.quote_fix(odd, right) == fix


# ── stable identity ───────────────────────────────────────────────────────────────────────────


def _fingerprints(doc: dict) -> dict[str, str]:
    return {c["title"].split(":")[0]: c["fingerprint"] for c in doc["conflicts"]}


def test_fingerprints_survive_an_agreeing_article_line_shifts_and_file_order(desk):
    _, before = check("news", "--fail-on", "never")
    fps = _fingerprints(before)
    # one more outlet agreeing with the consensus
    write(desk / "news", dict([AGREEING]))
    _, more = check("news", "--fail-on", "never")
    # the odd article gains lines above every claim
    gazette = desk / "news" / "harbour-gazette.md"
    head, _, body = gazette.read_text().partition("\n# ")
    gazette.write_text(head + "\n*Reporting by the desk.*\n\n*Updated with reaction.*\n\n# " + body)
    _, shifted = check("news", "--fail-on", "never")
    files = sorted(str(p) for p in (desk / "news").iterdir())
    _, reordered = check(*reversed(files), "--fail-on", "never")
    for doc in (more, shifted, reordered):
        assert _fingerprints(doc) == fps
    years = lambda doc: next(c for c in doc["conflicts"] if c["title"].startswith("Years"))
    assert years(more)["consensus"]["support"] == years(before)["consensus"]["support"] + 1
    assert years(shifted)["claims"][0]["line"] == years(before)["claims"][0]["line"] + 4


def test_an_accepted_finding_stays_accepted_after_an_agreeing_article_and_line_shifts(desk):
    code, before = check("news")
    assert code == 1
    years = next(c for c in before["conflicts"] if c["title"].startswith("Years"))
    code, out, err = run("accept", f"#{years['fingerprint']}", "news", "--no-cache",
                         "--reason", "the headline counts from the 2014 announcement")
    assert code == 0, err
    assert out == (f"accepted #{years['fingerprint']} in claims.yaml: {years['title']}\n")
    write(desk / "news", dict([AGREEING]))
    gazette = desk / "news" / "harbour-gazette.md"
    gazette.write_text(gazette.read_text().replace("\n# ", "\n*Reporting by the desk.*\n\n# ", 1))
    _, after = check("news", "--fail-on", "never")
    accepted = [c for c in after["conflicts"] if c.get("accepted")]
    assert [(c["fingerprint"], c["accepted"]["reason"]) for c in accepted] == [
        (years["fingerprint"], "the headline counts from the 2014 announcement")]
    assert "notes" not in after  # the entry still matches: nothing stale
    # numbers do not shift: every finding keeps its id, the accepted one included
    assert {c["fingerprint"]: c["id"] for c in after["conflicts"]} == {
        c["fingerprint"]: c["id"] for c in before["conflicts"]}


def test_an_agreeing_article_that_sorts_first_does_not_renumber(desk):
    _, before = check("news", "--fail-on", "never")
    name, text = AGREEING
    write(desk / "news", {"aaa-" + name: text})  # sorts before every other article
    _, after = check("news", "--fail-on", "never")
    assert {c["fingerprint"]: c["id"] for c in after["conflicts"]} == {
        c["fingerprint"]: c["id"] for c in before["conflicts"]}


def test_a_two_sided_finding_stays_accepted_when_a_third_source_takes_a_side(desk):
    _, before = check("news", "--fail-on", "never")
    pier = next(c for c in before["conflicts"] if c["title"].startswith("Length"))
    assert pier["consensus"] is None
    assert run("accept", pier["fingerprint"], "news", "--no-cache", "--reason", "two surveys")[0] == 0
    write(desk / "news", {"quay-news.txt": (
        "Updated: May 6, 2026 10:00 pm\n\nThe pier\n\n"
        "The new Kessvik pier is 720 metres long, the port authority says.\n")})
    _, after = check("news", "--fail-on", "never")
    pier_now = next(c for c in after["conflicts"] if c["title"].startswith("Length"))
    assert pier_now["consensus"]["support"] == 2
    assert [s["article"] for s in pier_now["claims"] if s["role"] == "outlier"] == [
        "harbour-gazette"]
    assert pier_now["accepted"] == {"reason": "two surveys"}
    # accept, given the fingerprint it had, writes the finding's fingerprint as it is now; the
    # old entry is then the one to remove
    code, out, _ = run("accept", pier["fingerprint"], "news", "--no-cache", "--reason", "again")
    assert code == 0
    assert out == (f"accepted #{pier_now['fingerprint']} in claims.yaml (given as "
                   f"#{pier['fingerprint']}, its fingerprint before): {pier_now['title']}\n")
    _, again = check("news", "--fail-on", "never")
    assert again["notes"] == [f"claims.yaml:2: ignore entry {pier['fingerprint']} no longer "
                              "matches any finding; remove it"]


# ── accept ────────────────────────────────────────────────────────────────────────────────────


def test_accept_refuses_an_unknown_fingerprint_unless_forced(desk):
    code, out, err = run("accept", "deadbeef", "news", "--no-cache", "--reason", "typo")
    assert code == 2 and out == "" and not Path("claims.yaml").exists()
    assert "#deadbeef is not a finding of the check of news" in err
    assert "Years since the last visit" in err  # the findings it could have meant
    code, out, _ = run("accept", "#deadbeef", "--force", "--no-cache", "--reason", "ahead")
    assert code == 0 and "deadbeef" in Path("claims.yaml").read_text()
    assert out == "accepted #deadbeef in claims.yaml (--force: no current finding has it)\n"


def test_accept_without_paths_reads_the_last_check(desk):
    code, out, err = run("accept", "#12345678", "--cache", "cache", "--reason", "x")
    assert code == 2 and "no check to take the findings from" in err
    code, out, _ = run("check", "news", "--cache", "cache", "--format", "json")
    doc = json.loads(out)
    quote = next(c for c in doc["conflicts"] if c["kind"] == "quote")
    code, out, err = run("accept", f"#{quote['fingerprint']}", "--cache", "cache",
                         "--reason", "checked with the tape")
    assert code == 0, err
    assert out == f"accepted #{quote['fingerprint']} in claims.yaml: {quote['title']}\n"
    code, out, err = run("accept", "#12345678", "--cache", "cache", "--reason", "x")
    assert code == 2 and "is not a finding of the last check" in err


# ── inline accepts ────────────────────────────────────────────────────────────────────────────


def test_an_inline_accept_is_honoured_for_its_article_and_makes_no_claims(desk):
    _, before = check("news", "--fail-on", "never")
    quote = next(c for c in before["conflicts"] if c["kind"] == "quote")
    pier = next(c for c in before["conflicts"] if c["title"].startswith("Length"))
    post = desk / "news" / "island-post.txt"
    original = post.read_text()
    _, out, _ = run("extract", str(post), "--format", "json", "--no-cache")
    claims_before = [c["text"] for c in json.loads(out)["articles"][0]["claims"]]
    post.write_text(original + f"\n<!-- factcheck: accept #{quote['fingerprint']} the minister "
                               "misspoke; 2 km of road and 3 piers are promised -->\n")
    # the north wire is not in the pier finding: its accept of it is not honoured
    wire = desk / "news" / "north-wire.txt"
    wire.write_text(f"<!-- factcheck: accept {pier['fingerprint']} not ours to accept -->\n"
                    + wire.read_text())
    _, out, _ = run("extract", str(post), "--format", "json", "--no-cache")
    assert [c["text"] for c in json.loads(out)["articles"][0]["claims"]] == claims_before
    code, after = check("news")
    accepted = {c["fingerprint"]: c["accepted"]["reason"] for c in after["conflicts"]
                if c.get("accepted")}
    line = len(original.splitlines()) + 2
    assert accepted == {quote["fingerprint"]: "the minister misspoke; 2 km of road and 3 piers "
                                              f"are promised (news/island-post.txt:{line})"}
    assert after["notes"] == [f"news/north-wire.txt:1: accept {pier['fingerprint']} no longer "
                              "matches any finding on this article; remove it"]
    # an agreeing article and lines added above the quote: still accepted
    write(desk / "news", dict([AGREEING]))
    post.write_text("Updated: May 6, 2026 6:30 pm\n\nFerry news in brief\n\n"
                    + post.read_text().split("\n", 1)[1])
    _, later = check("news", "--fail-on", "never")
    assert [c["fingerprint"] for c in later["conflicts"] if c.get("accepted")] == [
        quote["fingerprint"]]


# ── the terminal ──────────────────────────────────────────────────────────────────────────────


def test_piped_report_keeps_lines_whole_with_marks_and_the_fingerprint_on_the_title(desk):
    code, out, _ = run("check", "news", "--no-cache")
    assert code == 1
    lines = out.splitlines()
    _, doc = check("news", "--fail-on", "never")
    for c in doc["conflicts"]:
        head = f"{c['id']} [{c['severity']}] #{c['fingerprint']}  {c['title']}"
        assert head in lines
        if c["fix"]:
            assert lines[lines.index(head) + 1] == f"   fix: {c['fix']}"
        for side in c["claims"]:  # each sentence on one line, under its side's indent
            assert any(line.startswith("      ") and
                       line.replace("«", "").replace("»", "") == "      " + side["sentence"]
                       for line in lines), side["sentence"]
    assert "      # Ardell Opens Kessvik Terminal On First Visit In «12 Years»" in lines
    assert max(len(line) for line in lines) > 100  # not wrapped at 80 columns


def test_an_inline_accept_holds_through_the_cache_and_parallel_loading(desk):
    _, before = check("news", "--fail-on", "never")
    quote = next(c for c in before["conflicts"] if c["kind"] == "quote")
    post = desk / "news" / "island-post.txt"
    post.write_text(post.read_text() + f"\n<!-- factcheck: accept {quote['fingerprint']} "
                                       "checked -->\n")
    for extra in ([], [], ["--jobs", "2"]):  # fills the cache, reads it, loads in processes
        code, out, err = run("check", "news", "--cache", "cache", "--format", "json", *extra)
        assert code == 1, err
        doc = json.loads(out)
        assert [(c["fingerprint"], c["title"]) for c in doc["conflicts"] if c.get("accepted")] \
            == [(quote["fingerprint"], quote["title"])]


def _rendered(folder: str, **console) -> str:
    from rich.console import Console

    from factcheck import cli
    from factcheck.report import check as check_report

    buf = io.StringIO()
    args = cli.build_parser().parse_args(["check", folder, "--no-cache", "--no-facts"])
    done = cli._check_report(cli._load_batch(args, args.paths), args, keep_extractions=False)
    check_report.print_rich(Console(file=buf, highlight=False, **console), done.report)
    return buf.getvalue()


def test_on_a_terminal_lines_wrap_under_their_own_indent(desk):
    shown = _rendered("news", force_terminal=True, width=60, color_system=None)
    lines = [line.rstrip() for line in shown.splitlines()]
    head = next(i for i, line in enumerate(lines) if line.startswith("C1 "))
    hang = len("C1 [error] #12345678  ")
    assert lines[head].startswith("C1 [error] #") and lines[head][hang:].startswith("Years since")
    assert lines[head + 1].startswith(" " * hang) and lines[head + 1].strip()  # the title wraps
    assert max(len(line) for line in lines) <= 60
    sentence = [line for line in lines if line.startswith("      ") and line[6] != " "]
    assert len(sentence) > 10  # sentences and their wrapped lines, all under the same indent
    assert not [line for line in lines if line.strip() and not line.startswith(
        ("ERRORS", "WARNINGS", "C", "   ", "4 articles", "Transport", "Lena"))]
    assert "«12" in shown  # no colour: marked (the mark may wrap with its words)


def test_with_colour_the_words_are_highlighted_not_marked(desk):
    shown = _rendered("news", force_terminal=True, width=200, color_system="truecolor")
    assert "«" not in shown and "\x1b[7" in shown  # reverse video


def test_every_format_carries_the_title_and_the_fix(desk):
    _, doc = check("news", "--fail-on", "never")
    code, _, err = run("check", "news", "--no-cache", "--format", "sarif,markdown,github",
                       "--output-dir", "reports", "--fail-on", "never")
    assert code == 0, err
    sarif = json.loads(Path("reports/factcheck.sarif").read_text())
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    markdown = Path("reports/factcheck.md").read_text()
    github = Path("reports/factcheck.annotations.txt").read_text()
    for c in doc["conflicts"]:
        want = c["title"] + (f". Fix: {c['fix']}" if c["fix"] else "")
        assert want in texts
        assert c["title"].replace("|", "\\|") in markdown
        if c["fix"]:
            assert f"*Fix:* {c['fix']}" in markdown
        # the annotation's bold title (a property: "%", ":" and "," escaped) leads with it
        title = c["title"].replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        assert f"title={c['kind']}%3A {title} [{c['fingerprint']}]" in github
