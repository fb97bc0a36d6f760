"""bench/recheck_event.py measures what issue 16 asks of a re-check inside one big event: the
pairs judged when one article changed, against the event judged whole, with the same report."""

import json
import sys
from pathlib import Path

from factcheck import batch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import recheck_event  # noqa: E402


def test_the_recheck_bench_judges_few_pairs_with_the_fresh_report(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(batch, "KEEP_PAIRS_FROM", 100)  # 200 reports are a big event here
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "figures.json"
    assert recheck_event.main(["--articles", "200", "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["kept_rows_dropped"] == 1
    assert figures["kept_same_report"] and figures["whole_same_report"]
    assert figures["recheck_whole_pairs"] == figures["fresh_pairs"] == figures["cold_pairs"] > 300
    assert 0 < figures["recheck_kept_pairs"] <= 6
    printed = capsys.readouterr().out
    assert "re-check, the event's kept pairs" in printed and "same report as fresh: True" in printed
