"""`factcheck explain`: a finding's sides and the rules that paired and judged them; two places
and why they were or were not taken for one fact; the rulebook. End to end through the CLI, on
small articles written here, and on ../shared/seeds when present."""

import json
from pathlib import Path

import pytest

from factcheck.cli import main

# Two outlets on one reopening; they differ on how long the bridge was shut. Line 5 of each
# holds two claims (the day and the span); line 7 of b carries console markup as plain text.
A = ("Updated: May 3, 2025 8:00 am\n\nLenna Footbridge Reopens After Repairs\n\n"
     "The Ostrava footbridge over the Lenna reopened on Friday after repairs kept it shut for "
     "six weeks, city engineer Marta Velko said.\n\n"
     "The works cost 2.4 million crowns, and the bridge first opened in 1987.\n")
B = ("Updated: May 3, 2025 11:00 am\n\nFootbridge Open Again\n\n"
     "The Ostrava footbridge over the Lenna reopened on Friday after repairs kept it shut for "
     "nine weeks, city engineer Marta Velko said.\n\n"
     "Velko said the [bold red]crossing[/] will be checked again in 2026.\n")


@pytest.fixture
def batch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def run(capsys, *args):
    code = main(["explain", *args, "--no-cache"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_json(capsys, *paths):
    main(["check", *paths, "--format", "json", "--no-cache", "--fail-on", "never"])
    return json.loads(capsys.readouterr().out)


# ── a finding ─────────────────────────────────────────────────────────────────────────────────


def test_finding_by_id_prints_sides_and_rules(batch, capsys):
    code, out, err = run(capsys, "news", "C1")
    assert code == 0, err
    out = " ".join(out.split())  # as wrapped to the terminal's width
    assert "news/a.txt:5:89" in out and "news/b.txt:5:89" in out
    for rule in ("shared-words", "same-fact", "quantity-intervals"):
        assert rule in out
    assert "why: " in out  # each rule says why it exists
    assert "6 weeks and 9 weeks cannot both hold" in out or "9 weeks and 6 weeks" in out


def test_finding_by_fingerprint_or_its_start_is_the_same(batch, capsys):
    fp = check_json(capsys, "news")["conflicts"][0]["fingerprint"]
    by_id = run(capsys, "news", "C1")[1]
    assert run(capsys, "news", fp)[1] == by_id
    assert run(capsys, "news", fp[:5].upper())[1] == by_id
    assert run(capsys, "news", "--finding", fp)[1] == by_id


def test_finding_json_is_the_report_entry_with_its_trace(batch, capsys):
    entry = check_json(capsys, "news")["conflicts"][0]
    code, out, _ = run(capsys, "news", "C1", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "factcheck/explain@1"
    assert doc["finding"] == entry and doc["finding"]["trace"]
    assert set(doc["rules"]) == {v["rule"] for v in entry["trace"]}
    assert all(r["summary"] for r in doc["rules"].values())


def test_unknown_finding_exits_2_and_lists_the_findings(batch, capsys):
    code, out, err = run(capsys, "news", "C7")
    assert code == 2 and out == ""
    assert "no finding C7" in err and "C1" in err and "Traceback" not in err
    code, _, err = run(capsys, "news", "ffff0000")
    assert code == 2 and "no finding ffff0000" in err


def test_article_text_is_never_markup(batch, capsys):
    code, out, _ = run(capsys, "news", "news/a.txt:7:1987", "news/b.txt:7")
    assert code == 0
    assert "[bold red]crossing[/]" in out


# ── two places ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("first, second, answer", [
    # the same fact, two figures
    ("news/a.txt:5:six weeks", "news/b.txt:5:nine", "lined up as one fact; they conflict"),
    ("a#2", "b#2", "lined up as one fact; they conflict"),  # claim ids
    ("news/a.txt:5:89", "news/b.txt:5:95", "lined up as one fact; they conflict"),  # columns
    # the same day, said by both
    ("news/a.txt:5:Friday", "news/b.txt:5:51", "lined up as one fact; they agree"),
    # a span and a year measure different things
    ("news/a.txt:5:six weeks", "news/b.txt:7", "not lined up: veto family"),
    # digits that are no claim's column read as the claim's words
    ("news/a.txt:7:1987", "news/b.txt:7:2026", "not lined up: same-fact"),
])
def test_pair_answer(batch, capsys, first, second, answer):
    code, out, err = run(capsys, "news", first, second)
    assert code == 0, err
    assert answer in " ".join(out.split())


def test_pair_not_lined_up_still_compares_the_values(batch, capsys):
    code, out, _ = run(capsys, "news", "news/a.txt:7:1987", "news/b.txt:7", "--format", "json")
    pair = json.loads(out)["pair"]
    assert code == 0 and pair["lined_up"] is False
    assert pair["trace"][-1]["rule"] == "same-fact"
    assert [v["verdict"] for v in pair["comparison"]] == ["conflict"]
    assert "their values conflict" in pair["answer"]


def test_pair_json_carries_both_claims_and_every_verdict(batch, capsys):
    code, out, _ = run(capsys, "news", "a#2", "b#2", "--format", "json")
    doc = json.loads(out)
    pair = doc["pair"]
    assert code == 0 and pair["lined_up"] is True
    assert [c["text"] for c in pair["claims"]] == ["six weeks", "nine weeks"]
    rules = [v["rule"] for v in pair["trace"]]
    assert rules[0] == "family" and rules[-1] == "same-fact"
    assert pair["trace"][-1]["verdict"].startswith("=")
    assert pair["comparison"][0] == {"rule": "quantity-intervals", "verdict": "conflict",
                                     "reason": "6 weeks and 9 weeks cannot both hold",
                                     "claims": ["a#2", "b#2"]}
    assert set(doc["rules"]) == set(rules) | {"quantity-intervals"}


def test_two_files_and_no_path_read_only_those_files(batch, capsys):
    code, out, err = run(capsys, "news/a.txt:5:six", "news/b.txt:5:nine")
    assert code == 0
    assert "lined up as one fact" in " ".join(out.split())
    assert "only news/a.txt and news/b.txt read" in err


def test_a_line_of_several_claims_is_asked_about(batch, capsys):
    code, out, err = run(capsys, "news", "news/a.txt:5", "b#2")
    assert code == 2 and out == ""
    assert "line 5 holds 2 claims" in err
    assert "a#1" in err and "a#2" in err and "Traceback" not in err


@pytest.mark.parametrize("place, message", [
    ("news/a.txt:4", "no claim on line 4; the nearest"),
    ("news/a.txt:5:seven", "no claim there matches; line 5 holds"),
    ("a#99", "no claim a#99: article a has a#1 to a#4"),
    ("zz#1", "no article 'zz'"),
])
def test_a_place_holding_no_claim_exits_2(batch, capsys, place, message):
    code, out, err = run(capsys, "news", place, "b#2")
    assert code == 2 and out == "" and message in err and "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["news"], "what to explain?"),
    (["news", "C1", "a#2", "b#2"], "a finding or two places, not both"),
    (["news", "a#1", "a#2", "b#2"], "two places (got 3"),
    (["news", "C1", "C2"], "one finding at a time"),
    (["C1"], "name the articles to read"),
    (["a#2", "b#2"], "name the articles to read"),
    (["news", "--pair", "a#2", "nowhere.txt:3"], "--pair nowhere.txt:3: not a place"),
    (["--rules", "news", "C1"], "give it no finding or place"),
])
def test_usage_errors_exit_2_in_one_line(batch, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_an_unreadable_path_is_named_and_exits_2(batch, capsys):
    code, out, err = run(capsys, "news", "nowhere.txt", "C1")
    assert code == 2
    assert "nowhere.txt: no such file or directory" in err
    assert "quantity-intervals" in out  # what could be read is still explained


def test_a_missing_path_is_named_when_no_finding_is_left(batch, capsys):
    """Only a missing folder given: the error says it is missing, not just "no finding"."""
    code, out, err = run(capsys, "nowhere", "C1")
    assert code == 2 and out == ""
    assert "nowhere: no such file or directory" in err and "no finding C1" in err
    code, _, err = run(capsys, "news", "nowhere.txt:3", "news/b.txt:7")
    assert code == 2 and "no such file: nowhere.txt:3" in err


def test_output_file(batch, capsys):
    code, out, _ = run(capsys, "news", "C1", "--format", "json", "--output", "why.json")
    assert code == 0 and out == ""
    assert json.loads(Path("why.json").read_text())["finding"]["id"] == "C1"


# ── the rulebook ──────────────────────────────────────────────────────────────────────────────


def test_rules_lists_every_registered_rule(capsys):
    from factcheck.report.explain import _register

    code = main(["explain", "--rules", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [r["name"] for r in doc["rules"]] == list(_register())
    for r in doc["rules"]:
        assert r["stage"] in ("events", "align", "compare") and r["why"] and r["summary"]
    assert {r["name"]: r["params"] for r in doc["rules"]}["same-fact"]["min_score"] > 0
    code = main(["explain", "--rules"])
    out = capsys.readouterr().out
    assert code == 0 and "time-needs-event" in out and "min_score=" in out


@pytest.mark.parametrize("why, summary", [
    ("One line.", "One line."),
    ("A first sentence wrapped\nover two lines. Then more.\n\nA second paragraph.",
     "A first sentence wrapped over two lines."),
    ('"The second summit" and "the third": both. Later.', '"The second summit" and "the third": both.'),
])
def test_a_rules_why_in_one_line_is_its_first_sentence(why, summary):
    from factcheck.report.explain import summary as one_line

    assert one_line(why) == summary


# ── the seeds (skipped when absent) ───────────────────────────────────────────────────────────

SEEDS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds").resolve()
seeds_only = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


def _place_of(words: str) -> str:
    """FILE:LINE:WORDS of the one seed line holding `words` (found at test time)."""
    found = [f"{path}:{n}:{words}" for path in sorted(SEEDS.glob("*.txt"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if words in line]
    assert len(found) == 1, found
    return found[0]


@seeds_only
def test_each_seed_finding_is_explained_with_its_rules(capsys):
    report = check_json(capsys, str(SEEDS))
    # the years and the quote; the quote's attribution is folded into the quote finding
    assert [c["id"] for c in report["conflicts"]] == ["C1", "C2"]
    for entry in report["conflicts"]:
        code, out, err = run(capsys, str(SEEDS), entry["id"])
        assert code == 0, err
        flat = " ".join(out.split())
        assert entry["fingerprint"] in flat
        for verdict in entry["trace"]:
            assert verdict["rule"] in flat
        for side in entry["claims"]:
            assert f"{side['path']}:{side['line']}:{side['column']}" in flat


@seeds_only
def test_seeds_eight_years_ago_and_2011_say_why_they_agree(capsys):
    code, out, err = run(capsys, str(SEEDS), _place_of("eight years ago"), _place_of("2011"),
                         "--format", "json")
    assert code == 0, err
    pair = json.loads(out)["pair"]
    assert [c["value"]["start"] for c in pair["claims"]] == ["2011-01-01", "2011-01-01"]
    assert pair["comparison"][-1]["verdict"] == "agree"
    assert pair["comparison"][-1]["rule"] == "span-overlap"
    assert "agree (span-overlap: 2011 and 2011 overlap)" in pair["answer"]


def test_a_findings_pair_explained_by_place_reads_as_its_trace(batch, capsys):
    """The two ways in agree: a pair of a finding, asked about by claim ids, gives the verdicts
    the finding recorded for it (after the family and candidate checks the finding skips)."""
    entry = check_json(capsys, "news")["conflicts"][0]
    ids = entry["trace"][0]["claims"]
    recorded = [v for v in entry["trace"] if v["claims"] == ids]
    code, out, _ = run(capsys, "news", *ids, "--format", "json")
    pair = json.loads(out)["pair"]
    assert code == 0
    assert pair["trace"][2:] + pair["comparison"] == recorded
