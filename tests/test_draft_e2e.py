"""Draft mode end to end (issue 17): `factcheck check DRAFT --against REFERENCES` answers the
editor's question, "does my draft agree?", through the CLI as an editor runs it.

tests/drafts/ holds a story of our own (invented names: Kestria's prime minister Tovan Reyk on
his first visit to Ulvenland in 16 years; he last visited Marrow in May 2009), shaped like the
seeds: a wire story (JSON Lines), an outlet's scraped page whose headline says 17 years, an
outlet's Markdown page; and four drafts: correct, wrong (14 years and May 2011), undated (.txt,
14 years), and one with a list of years and a planted "May 2011". The seeds tests write drafts
of our own words about the seeds' story and skip when ../shared/seeds is absent.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import os
from pathlib import Path

import pytest

from factcheck.cli import main

HERE = Path(__file__).resolve().parent
DRAFTS = HERE / "drafts"
REFS = DRAFTS / "references"
SEEDS = (HERE.parent / ".." / "shared" / "seeds").resolve()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def draft_check(draft: Path, *more: str, refs: object = REFS) -> tuple[int, dict, str]:
    refs = [str(r) for r in refs] if isinstance(refs, list) else [str(refs)]
    code, out, err = run("check", str(draft), "--against", *refs, "--format", "json",
                         "--no-cache", "--no-facts", *more)
    return code, json.loads(out), err


def rich(draft: Path, *more: str, refs: object = REFS) -> tuple[int, str]:
    refs = [str(r) for r in refs] if isinstance(refs, list) else [str(refs)]
    code, out, _ = run("check", str(draft), "--against", *refs, "--no-cache", "--no-facts",
                       *more)
    return code, " ".join(out.split())  # the terminal wraps long lines


def sides(finding: dict, role: str) -> list[tuple[str, int, str]]:
    return [(s["article"], s["line"], s["text"]) for s in finding["claims"] if s["role"] == role]


def no_sentence_against_itself(doc: dict) -> None:
    """No finding sets a claim against another claim of its own sentence."""
    for f in doc["conflicts"]:
        odd = {(s["article"], s["sentence"]) for s in f["claims"] if s["role"] == "outlier"}
        backing = {(s["article"], s["sentence"]) for s in f["claims"]
                   if s["role"] in ("consensus", "fact")}
        assert not odd & backing, f["message"]


# ── our own story ─────────────────────────────────────────────────────────────────────────────


def test_a_correct_draft_exits_0_and_says_it_agrees():
    code, doc, _ = draft_check(DRAFTS / "correct.md")
    assert code == 0
    (finding,) = doc["conflicts"]
    # The only disagreement is the Harbour Herald's headline: shown, at info, the draft's side
    # marked among the consensus.
    assert finding["severity"] == "info" and finding["kind"] == "quantity"
    assert sides(finding, "outlier") == [("harbour-herald", 10, "17 Years")]
    mine = [s for s in finding["claims"] if s.get("draft")]
    assert {(s["article"], s["role"], s["text"]) for s in mine} == {
        ("correct", "consensus", "16 years"), ("correct", "consensus", "May 2009")}
    assert all(s["article"] == "correct" for s in mine)
    assert finding["trace"][-1]["rule"] == "draft-agrees"
    assert [a["id"] for a in doc["articles"] if a.get("draft")] == ["correct"]
    assert all("draft" not in a for a in doc["articles"] if a["id"] != "correct")
    verdict = doc["summary"]["draft"]
    assert verdict["agrees"] is True and verdict["reference_side"] == ["C1"]
    assert verdict["odd_one_out"] == []
    code, text = rich(DRAFTS / "correct.md")
    assert code == 0
    assert ("correct.md agrees with 3 sources on 16 years; 1 reference-side disagreement shown "
            "as info") in text
    assert "consensus correct (draft)" in text


def test_the_same_finding_fails_a_run_without_a_draft():
    """Draft mode changes the severity, not the finding: the batch checked as a whole still
    fails on the headline (same fingerprint)."""
    _, drafted, _ = draft_check(DRAFTS / "correct.md")
    code, out, _ = run("check", str(DRAFTS / "correct.md"), str(REFS), "--format", "json",
                       "--no-cache", "--no-facts")
    whole = json.loads(out)
    assert code == 1
    assert [(f["fingerprint"], f["severity"]) for f in whole["conflicts"]] == [
        (drafted["conflicts"][0]["fingerprint"], "error")]
    assert "draft" not in whole["summary"]
    assert not any("draft" in s for f in whole["conflicts"] for s in f["claims"])


def test_a_wrong_draft_names_the_line_and_exits_1():
    code, doc, _ = draft_check(DRAFTS / "wrong.md")
    assert code == 1
    (finding,) = doc["conflicts"]
    assert finding["severity"] == "error"
    # "14 years" and the planted "last visited Marrow in May 2011" (the wire and the Ulven
    # Daily: May 2009): both odd, one fact.
    assert sorted(sides(finding, "outlier")) == [("wrong", 8, "14 years"),
                                                 ("wrong", 12, "May 2011")]
    assert finding["consensus"] == {"value": "16 years", "support": 4}
    assert doc["summary"]["draft"]["agrees"] is False
    assert doc["summary"]["draft"]["odd_one_out"] == ["C1"]
    code, text = rich(DRAFTS / "wrong.md")
    assert code == 1
    assert "wrong.md disagrees with the references: 1 finding to check (C1 at " in text
    assert "wrong.md:8, " in text and "wrong.md:12)" in text


def test_an_undated_draft_is_named_and_still_checked():
    code, doc, err = draft_check(DRAFTS / "undated.txt")
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "undated.txt has no publication date" in warnings[0] and "--published" in warnings[0]
    assert [a["published"] for a in doc["articles"] if a.get("draft")] == [None]
    assert any("undated.txt has no publication date" in n for n in doc["notes"])
    # Its "14 years" is compared with the story's 16 years all the same.
    assert code == 1
    (finding,) = doc["conflicts"]
    assert sides(finding, "outlier") == [("undated", 3, "14 years")]
    code, text = rich(DRAFTS / "undated.txt")
    assert code == 1 and "undated.txt has no publication date" in text


def test_a_drafts_list_is_not_turned_against_itself():
    """"Visited Ulvenland in 1988, 2009 and 2012": three facts, not three sides of one; the
    planted "May 2011" (the wire: May 2009) is the draft's one error."""
    code, doc, _ = draft_check(DRAFTS / "list.md")
    assert code == 1
    no_sentence_against_itself(doc)
    listed = {"1988", "2009", "2012"}
    assert not [s["text"] for f in doc["conflicts"] for s in f["claims"]
                if s["article"] == "list" and s["text"] in listed]
    assert [(f["severity"], sides(f, "outlier")) for f in doc["conflicts"]] == [
        ("error", [("list", 12, "May 2011")]), ("info", [("harbour-herald", 10, "17 Years")])]


def test_every_format_marks_the_draft(tmp_path: Path):
    out_dir = tmp_path / "reports"
    code, _, _ = run("check", str(DRAFTS / "correct.md"), "--against", str(REFS), "--format",
                     "json,sarif,markdown,html", "--output-dir", str(out_dir), "--no-cache",
                     "--no-facts")
    assert code == 0
    sarif = json.loads((out_dir / "factcheck.sarif").read_text(encoding="utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["level"] == "note" and result["properties"]["drafts"] == ["correct"]
    locations = result["locations"] + result["relatedLocations"]
    marked = [loc["message"]["text"] for loc in locations
              if loc.get("properties", {}).get("draft")]
    assert sorted(marked) == ["consensus: 16 years (correct) — the draft",
                              "consensus: May 2009 (correct) — the draft"]
    assert sarif["runs"][0]["properties"]["summary"]["draft"]["agrees"] is True
    markdown = (out_dir / "factcheck.md").read_text(encoding="utf-8")
    assert "✅ **" in markdown and "agrees with 3 sources on 16 years" in markdown
    assert markdown.count("· *draft*") == 2
    report = json.loads((out_dir / "factcheck.json").read_text(encoding="utf-8"))
    assert report["summary"]["draft"]["verdict"].endswith(
        "agrees with 3 sources on 16 years; 1 reference-side disagreement shown as info")
    # the page: a badge on the draft's two sides and on its row of the articles, the verdict
    page = (out_dir / "factcheck.html").read_text(encoding="utf-8")
    assert page.count('<strong>correct</strong> <span class="draft">draft</span>') == 2
    assert page.count('<span class="draft">draft</span>') == 3
    assert re.search(r'<p class="verdict verdict-agrees" id="verdict">[^<]*agrees with 3 '
                     r'sources on 16 years', page)


def test_the_indexed_check_gives_the_same_draft_report(tmp_path: Path):
    """The archive index's fast path reports a draft as the full check does: same findings,
    same severities, same marks."""
    cache = tmp_path / "cache"
    assert run("index", str(REFS), "--cache", str(cache), "--jobs", "1")[0] == 0
    for name in ("correct.md", "wrong.md", "undated.txt"):
        args = ["check", str(DRAFTS / name), "--against", str(REFS), "--format", "json",
                "--no-facts", "--cache", str(cache), "--jobs", "1"]
        fast = run(*args)
        os.rename(cache / "index-v1.sqlite", cache / "aside")
        try:
            full = run(*args)
        finally:
            os.rename(cache / "aside", cache / "index-v1.sqlite")
        assert fast == full, name
        assert "checking the whole archive" not in fast[2]


# ── the seeds, with drafts of our own words ───────────────────────────────────────────────────

SEED_DRAFTS = {
    "correct.md": ("---\ntitle: Putin in Pyongyang\ndate: 2024-06-19\noutlet: Our Desk\n---\n"
                   "# Putin arrives in Pyongyang on his first trip to North Korea in 24 years\n\n"
                   "Russian President Vladimir Putin landed in Pyongyang early on Wednesday, his "
                   "first trip to North Korea in 24 years.\n\n"
                   "Putin last visited Pyongyang in July 2000, when Kim Jong Il led the "
                   "country.\n"),
    "wrong.md": ("---\ntitle: Putin in Pyongyang\ndate: 2024-06-19\noutlet: Our Desk\n---\n"
                 "# Putin arrives in Pyongyang\n\n"
                 "Russian President Vladimir Putin landed in Pyongyang early on Wednesday, his "
                 "first trip to North Korea in 22 years.\n"),
    "draft.txt": ("Putin arrives in Pyongyang\n\n"
                  "Russian President Vladimir Putin landed in Pyongyang early on Wednesday, his "
                  "first trip to North Korea in 22 years.\n"),
    "list.md": ("---\ntitle: Putin in Pyongyang\ndate: 2024-06-19\noutlet: Our Desk\n---\n"
                "# Putin in Pyongyang\n\n"
                "Putin arrived in Pyongyang on Wednesday for his first visit in 24 years.\n\n"
                "Putin last visited North Korea in July 2002 and signed treaties in 1961, 2000 "
                "and 2001.\n\n"
                "Kim thanked Putin for his support.\n"),
}


@pytest.fixture()
def seed_draft(tmp_path: Path):
    def write(name: str) -> Path:
        path = tmp_path / name
        path.write_text(SEED_DRAFTS[name], encoding="utf-8")
        return path
    return write


@needs_seeds
def test_seeds_a_correct_draft_agrees(seed_draft):
    draft = seed_draft("correct.md")
    code, doc, _ = draft_check(draft, refs=SEEDS)
    assert code == 0
    (finding,) = doc["conflicts"]
    assert finding["severity"] == "info"
    assert [(a, t) for a, _, t in sides(finding, "outlier")] == [("004", "25 years")]
    code, text = rich(draft, refs=SEEDS)
    assert code == 0
    assert ("correct.md agrees with 2 sources on 24 years; 1 reference-side disagreement shown "
            "as info") in text


@needs_seeds
def test_seeds_a_wrong_draft_names_the_line(seed_draft):
    code, doc, _ = draft_check(seed_draft("wrong.md"), refs=SEEDS)
    assert code == 1
    (finding,) = doc["conflicts"]
    assert sides(finding, "outlier") == [("wrong", 8, "22 years")]
    assert finding["consensus"]["value"] == "24 years"


@needs_seeds
def test_seeds_an_undated_draft_is_named_and_checked(seed_draft):
    code, doc, err = draft_check(seed_draft("draft.txt"), refs=SEEDS)
    assert "draft.txt has no publication date" in err
    assert code == 1
    (finding,) = doc["conflicts"]
    assert sides(finding, "outlier") == [("draft", 3, "22 years")]


@needs_seeds
def test_seeds_a_list_is_not_turned_against_itself(seed_draft):
    """"Treaties in 1961, 2000 and 2001" gave one finding that set the list's years against
    each other and the story's 24 years; the planted July 2002 (the wire: July 2000) is what
    the editor must see."""
    code, doc, _ = draft_check(seed_draft("list.md"), refs=SEEDS)
    assert code == 1
    no_sentence_against_itself(doc)
    assert not [s["text"] for f in doc["conflicts"] for s in f["claims"]
                if s["article"] == "list" and s["text"] in ("1961", "2000", "2001")]
    failing = [f for f in doc["conflicts"] if f["severity"] == "error"]
    assert [sides(f, "outlier") for f in failing] == [[("list", 10, "July 2002")]]
