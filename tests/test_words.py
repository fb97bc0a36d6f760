"""The stemmer: forms of one word must meet in frames, different words must not."""

import pytest

from factcheck.words import stem


@pytest.mark.parametrize("forms", [
    ("visit", "visits", "visited", "visiting"),
    ("cut", "cuts", "cutting"),
    ("job", "jobs"),
    ("announce", "announces", "announced", "announcing"),
    ("agree", "agreed", "agrees"),
    ("plan", "plans", "planned", "planning"),
    ("stop", "stops", "stopped", "stopping"),
    ("sell", "sells", "selling"),
    ("press", "presses", "pressed", "pressing"),
    ("business", "businesses"),
    ("country", "countries"),
    ("Harlow's", "Harlow"),
])
def test_forms_of_one_word_meet(forms):
    assert {stem(f) for f in forms} == {stem(forms[0])}


@pytest.mark.parametrize("a, b", [
    ("cut", "cute"),
    ("sell", "sel"),
    ("plan", "plane"),
    ("bridge", "bride"),
    ("news", "new"),
    ("plane", "plan"),
])
def test_different_words_stay_apart(a, b):
    assert stem(a) != stem(b)
