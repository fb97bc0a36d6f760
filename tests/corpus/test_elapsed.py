"""Corpus for the elapsed-time recognizer: (sentence, publication date, expected
[(span text, low, high, unit, approx, anchor start, anchor end, granularity)]); anchor fields
are None when the duration is not tied to the publication date."""

import math
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.elapsed import find_elapsed

W = date(2024, 6, 19)
M = date(2019, 4, 22)
INF = math.inf


def _y(span, n, year, approx="exact", low=None, high=None, last=None):
    lo = n if low is None else low
    hi = n if high is None else high
    return (span, lo, hi, "year", approx, f"{year}-01-01", f"{last or year}-12-31", "year")


CORPUS = [
    # ── "in N years" after a retrospective cue ──
    ("Putin arrived for his first visit in 24 years.", W, [_y("24 years", 24, 2000)]),
    ("For the first time in 24 years, the leaders shook hands.", W, [_y("24 years", 24, 2000)]),
    ("It is the first such trip in nearly 24 years.", W,
     [_y("nearly 24 years", 24, 2000, "nearly", 23, 24, 2001)]),
    ("Inflation reached its highest level in a decade.", W, [_y("a decade", 10, 2014)]),
    ("The lake fell to its lowest point in two decades.", W, [_y("two decades", 20, 2004)]),
    ("The minister made the first official trip to the island in 24 years.", W,
     [_y("24 years", 24, 2000)]),
    ("The team won its first title in twelve years.", M, [_y("twelve years", 12, 2007)]),
    ("It was the worst drought in the past 50 years.", W, [_y("50 years", 50, 1974)]),
    ("The storm was the deadliest in more than 20 years.", W,
     [("more than 20 years", 20, INF, "year", "more_than", None, None, None)]),
    ("Wheat hit its cheapest price in over a decade.", W,
     [("over a decade", 10, INF, "year", "more_than", None, None, None)]),
    ("Rates are at the highest in about 30 years.", W,
     [_y("about 30 years", 30, 1993, "about", 29, 31, 1995)]),
    ("The bank posted its first loss in almost two decades.", W,
     [_y("almost two decades", 20, 2004, "nearly", 19, 20, 2005)]),
    ("The town saw its first snow in three weeks.", W,
     [("three weeks", 3, 3, "week", "exact", "2024-05-27", "2024-06-02", "week")]),
    ("Shares had their best day in six months.", W,
     [("six months", 6, 6, "month", "exact", "2023-12-01", "2023-12-31", "month")]),
    ("It is the first rain in 40 days.", W,
     [("40 days", 40, 40, "day", "exact", "2024-05-10", "2024-05-10", "day")]),
    ("The two sides have not met in five years.", W, [_y("five years", 5, 2019)]),
    ("The club hasn't won a derby in a decade.", W, [_y("a decade", 10, 2014)]),
    ("The two leaders had not spoken for ten years.", W, [_y("ten years", 10, 2014)]),
    ("Never in 24 years has the river run so low.", W, [_y("24 years", 24, 2000)]),
    ("It was the country's first-ever surplus in a century.", W, [_y("a century", 100, 1924)]),
    ("It is the first visit in 24 years.", None,
     [("24 years", 24, 24, "year", "exact", None, None, None)]),
    ("The party recorded its third-highest vote share in 30 years.", W, [_y("30 years", 30, 1994)]),
    # ── "ago" ──
    ("The bridge opened eight years ago.", M, [_y("eight years ago", 8, 2011)]),
    ("Two decades ago the valley was a lake.", W, [_y("Two decades ago", 20, 2004)]),
    ("The firm was founded a year ago.", W, [_y("a year ago", 1, 2023)]),
    ("Three months ago the mill shut.", W,
     [("Three months ago", 3, 3, "month", "exact", "2024-03-01", "2024-03-31", "month")]),
    ("The deal was struck three months ago.", date(2024, 2, 10),
     [("three months ago", 3, 3, "month", "exact", "2023-11-01", "2023-11-30", "month")]),
    ("She was elected 5 days ago.", W,
     [("5 days ago", 5, 5, "day", "exact", "2024-06-14", "2024-06-14", "day")]),
    ("The plant closed two weeks ago.", W,
     [("two weeks ago", 2, 2, "week", "exact", "2024-06-03", "2024-06-09", "week")]),
    ("The town was founded some 300 years ago.", W,
     [_y("some 300 years ago", 300, 1723, "about", 299, 301, 1725)]),
    ("He moved abroad more than 20 years ago.", W,
     [("more than 20 years ago", 20, INF, "year", "more_than", None, None, None)]),
    ("The crater formed 1.5 million years ago.", W,
     [("1.5 million years ago", 1.5e6, 1.5e6, "year", "exact", None, None, None)]),
    ("He left twenty-four years ago.", W, [_y("twenty-four years ago", 24, 2000)]),
    ("It began a dozen years ago.", W, [_y("a dozen years ago", 12, 2012)]),
    ("The school opened eight years ago.", None,
     [("eight years ago", 8, 8, "year", "exact", None, None, None)]),
    # ── "after", "later", "since": amount only, or anchored to the publication date ──
    ("He returned home 24 years after the war.", W,
     [("24 years", 24, 24, "year", "exact", None, None, None)]),
    ("After 24 years in exile, she came back.", W,
     [("24 years", 24, 24, "year", "exact", None, None, None)]),
    ("Ten years later, the plant was sold.", W,
     [("Ten years", 10, 10, "year", "exact", None, None, None)]),
    ("It has been 24 years since the last visit.", W, [_y("24 years", 24, 2000)]),
    # ── nothing ──
    ("The tunnel will be finished in five years.", W, []),
    ("The first phase will be finished in five years.", W, []),
    ("The first unit grew 5% in two years.", W, []),
    ("The first half of the dam was built in two years.", W, []),
    ("The bridge should pay for itself in 20 years.", W, []),
    ("We will know more in a year.", W, []),
    ("The loan is repaid in five years' time.", W, []),
    ("A 24-year-old man was arrested.", W, []),
    ("The driver is 24 years old.", W, []),
    ("The 24 years of his rule were harsh.", W, []),
    ("The firm doubled its sales in five years.", W, []),
    ("He served as mayor for 24 years.", W, []),
    ("She has worked there for 24 years.", W, []),
    ("The first visit in 24 years of marriage was a surprise.", W, []),
    ("In the five years since 2019, prices rose.", W, []),
    ("The first lady was born in 2011.", W, []),
    ("The census was taken in 2011.", W, []),
    ("We met.", W, []),
    ("They may come.", W, []),
    ("India won the T20 final.", W, []),
    ("The vote closes at 06 pm.", W, []),
    ("The highest mountain is climbed in two days.", W, []),
    ("It took years ago.", W, []),
    ("They came decades ago.", W, []),
    ("9" * 400 + " years ago", W, []),
    ("1e400 years ago", W, []),
]


def _iso(d):
    return d.isoformat() if d else None


@pytest.mark.parametrize("text,published,expected", CORPUS)
def test_elapsed_corpus(text, published, expected):
    got = []
    for m in find_elapsed(text, published):
        q, a = m.value.amount, m.value.anchor
        got.append((text[m.start:m.end], q.low, q.high, q.unit, q.approx,
                    _iso(a.start) if a else None, _iso(a.end) if a else None,
                    a.granularity if a else None))
    assert got == expected


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 40
    assert sum(1 for _, _, e in CORPUS if not e) >= 15


def test_open_amounts_are_flagged():
    (m,) = find_elapsed("The storm was the deadliest in more than 20 years.", W)
    assert m.value.amount.low_open and not m.value.amount.high_open


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    list("0123456789 -–'’,.%") + ["in ", "for ", "ago", "years", "decade", "a ", "first ",
                                 "nearly ", "more than ", "highest ", "not ", "has ", "after ",
                                 "since ", "will ", "twenty-", "four ", "months", "İ", "\u00a0",
                                 "9" * 30, "1e400"]),
    max_size=30).map("".join), st.one_of(st.none(), st.dates()))
def test_never_raises_and_values_are_sane(text, published):
    for m in find_elapsed(text, published):
        assert 0 <= m.start < m.end <= len(text)
        q = m.value.amount
        assert q.low <= q.high
        a = m.value.anchor
        if a is not None:
            assert a.start is not None and a.end is not None and a.start <= a.end


@pytest.mark.parametrize("published", [date.min, date.max, date(1, 1, 7), date(9999, 12, 25)])
def test_calendar_ends_do_not_raise(published):
    for text in ("eight years ago", "three months ago", "two weeks ago", "5 days ago",
                 "first visit in 24 years", "0 days ago"):
        find_elapsed(text, published)


@pytest.mark.parametrize("text", ["in " * 70000, "first " * 40000 + "in 2 years",
                                  "24 " * 70000, "a " * 100000, "nearly " * 30000,
                                  "9" * 200000, "in 2" * 50000, "in a year " * 20000,
                                  "nearly 9,999," * 15000 + "years ago",
                                  "twenty-four years ago " * 9000], ids=lambda t: repr(t[:12]))
def test_fast_on_adversarial_text(text):
    began = time.process_time()
    find_elapsed(text, W)
    assert time.process_time() - began < 3.0  # quadratic takes minutes; room for a busy runner
