"""claims.yaml through the CLI: facts outrank articles, accepted findings stop failing the run,
stale entries are reported, and a malformed book stops the run with its line (exit 2)."""

import contextlib
import io
import json
import textwrap
from pathlib import Path

import pytest

from factcheck.cli import main

SEEDS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()
BOOK = textwrap.dedent("""\
    # the desk's verified facts
    facts:
      - id: last-visit
        text: Putin last visited Pyongyang in July 2000.
        as_of: 2024-06-19
        source: Kremlin archive
    """)
ARTICLE = ("Updated: June 19, 2024 10:00 am\n\nPutin Lands In Pyongyang\n\n"
           "Russian President Vladimir Putin landed in Pyongyang on Wednesday for his first "
           "visit to North Korea in {n} years, state media said.\n")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("claims.yaml").write_text(BOOK, encoding="utf-8")
    Path("wrong.txt").write_text(ARTICLE.format(n=23), encoding="utf-8")
    Path("right.txt").write_text(ARTICLE.format(n=24), encoding="utf-8")
    return tmp_path


def test_a_claim_against_the_fact_book_is_a_fact_error(desk):
    code, out, _ = run("check", "wrong.txt", "--format", "json", "--no-cache")
    doc = json.loads(out)
    assert code == 1
    [finding] = doc["conflicts"]
    assert (finding["kind"], finding["severity"]) == ("fact", "error")
    assert "Kremlin archive" in finding["message"]
    sides = {c["role"]: c for c in finding["claims"]}
    assert sides["outlier"]["text"] == "23 years" and sides["outlier"]["article"] == "wrong"
    assert sides["fact"]["source"] == "Kremlin archive"
    assert sides["fact"]["path"] == "claims.yaml"


def test_an_agreeing_claim_gets_nothing(desk):
    code, out, _ = run("check", "right.txt", "--format", "json", "--no-cache")
    assert code == 0 and json.loads(out)["conflicts"] == []


def test_no_facts_skips_the_book(desk):
    code, out, _ = run("check", "wrong.txt", "--format", "json", "--no-cache", "--no-facts")
    assert code == 0 and json.loads(out)["conflicts"] == []


def test_accept_then_stale(desk):
    _, out, _ = run("check", "wrong.txt", "--format", "json", "--no-cache")
    fp = json.loads(out)["conflicts"][0]["fingerprint"]
    # accept checks the fingerprint against the findings of the articles named (the check
    # above kept no record: --no-cache)
    assert run("accept", fp, "wrong.txt", "--no-cache", "--reason", "the desk checked it")[0] == 0
    text = Path("claims.yaml").read_text()
    assert text.startswith("# the desk's verified facts\n") and fp in text
    code, out, _ = run("check", "wrong.txt", "--format", "json", "--no-cache")
    doc = json.loads(out)
    assert code == 0
    assert doc["conflicts"][0]["accepted"] == {"reason": "the desk checked it"}
    assert doc["summary"]["accepted"] == 1
    # Once the article is fixed, the entry matches nothing and is reported as stale.
    code, out, err = run("check", "right.txt", "--no-cache")
    assert code == 0 and f"ignore entry {fp} no longer matches" in out


@pytest.mark.parametrize("book, line, reason", [
    ("facts:\n\t- text: x\n", 2, "tab"),
    ("facts: []\ntolerence:\n  percent: 1\n", 2, "unknown key 'tolerence'"),
    ("facts:\n  - text: The pier opened in May 2001.\n    as_of: 2024-02-30\n", 3, "2024-02-30"),
    ("facts:\n  - text: !!python/object:os.system echo\n", 2, "python/object"),
])
def test_a_malformed_book_stops_with_its_line(desk, book, line, reason):
    Path("claims.yaml").write_text(book, encoding="utf-8")
    code, out, err = run("check", "right.txt", "--no-cache")
    assert code == 2 and out == ""
    [message] = err.strip().splitlines()
    assert message.startswith(f"factcheck: claims.yaml:{line}: ") and reason in message
    assert "Traceback" not in err


def test_a_fact_with_no_claim_is_refused(desk):
    Path("claims.yaml").write_text("facts:\n  - text: The pier is made of stone.\n")
    code, _, err = run("check", "right.txt", "--no-cache")
    assert code == 2 and "claims.yaml:2:" in err and "no number, date or quote" in err


def test_init_refuses_to_overwrite(desk):
    assert run("init", "new.yaml")[0] == 0
    assert Path("new.yaml").read_text().startswith("#")
    code, _, err = run("init", "new.yaml")
    assert code == 2 and "already exists" in err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_accepting_the_seeds_headline_finding_leaves_the_quote_failing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, out, _ = run("check", str(SEEDS), "--format", "json", "--no-cache", "--fail-on", "never")
    headline = next(c for c in json.loads(out)["conflicts"]
                    if any(s["text"].endswith("25 years") for s in c["claims"]))
    assert run("accept", headline["fingerprint"], str(SEEDS), "--no-cache",
               "--reason", "headline style rounds")[0] == 0
    code, out, _ = run("check", str(SEEDS), "--format", "json", "--no-cache")
    doc = json.loads(out)
    assert code == 1
    accepted = [c for c in doc["conflicts"] if c.get("accepted")]
    assert [c["fingerprint"] for c in accepted] == [headline["fingerprint"]]
    assert any(c["kind"] == "quote" and not c.get("accepted") and c["severity"] == "error"
               for c in doc["conflicts"])
    assert doc["summary"]["accepted"] == 1
