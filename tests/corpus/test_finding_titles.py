"""Corpus of finding titles (factcheck/compare/titles.py): two articles of one event whose
figures differ, and how the title names what the figure is about. Each row runs the real
stages through the CLI."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import main

ROWS = [
    # the run of words before the value names the thing measured
    ("The 3.1 km Senn rail bridge was opened on Monday by the regional council.",
     "The 2.4 km Senn rail bridge was opened on Monday by the regional council.",
     "Length of the Senn rail bridge: "),
    # a run after the value, past "and", is another clause: no "of the carries two lanes"
    ("Mayor Oda Brenn said the tunnel is 2.8 km long & carries two lanes each way.",
     "Brenn told reporters the tunnel is 3.4 km long and carries two lanes in each direction.",
     "Length: "),
    ("The new Meran tunnel is 2.8 km long and carries two lanes each way, officials said.",
     "The new Meran tunnel is 3.4 km long and carries two lanes in each direction, officials said.",
     "Length of the Meran tunnel: "),
    # ...and past "which" too; a verb that puts the figure to the thing ("holds") is no part
    # of its name, and cubic metres measure a volume, not a length
    ("The Ostra dam holds 40 million cubic metres of water, which feeds four towns, its operator said.",
     "The Ostra dam holds 55 million cubic metres of water, which feeds four towns, its operator said.",
     "Volume of the Ostra dam: "),
]


@pytest.mark.parametrize("first, second, title", ROWS)
def test_title_names_what_the_figure_measures(tmp_path, monkeypatch, capsys, first, second,
                                              title):
    monkeypatch.chdir(tmp_path)
    for name, body in (("a.txt", first), ("b.txt", second)):
        (tmp_path / name).write_text(f"Updated: March 3, 2025\n\nWorks finished\n\n{body}\n",
                                     encoding="utf-8")
    main(["check", "a.txt", "b.txt", "--no-cache", "--no-facts", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    titles = [c["title"] for c in doc["conflicts"]]
    assert len(titles) == 1, titles
    if title is not None:
        assert titles[0].startswith(title), titles
    assert " of the feeds" not in titles[0] and " of the carries" not in titles[0], titles
