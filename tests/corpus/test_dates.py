"""Corpus for the date recognizer: (sentence, publication date, expected
[(span text, start, end, granularity)]), start/end as ISO dates or None (unresolved)."""

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import find_dates

W = date(2024, 6, 19)  # a Wednesday
M = date(2019, 4, 22)  # a Monday
T = date(2023, 9, 5)  # a Tuesday
A = date(2019, 4, 25)  # a Thursday
J = date(2024, 1, 15)  # a Monday in winter

CORPUS = [
    # ── months, relative and absolute ──
    ("The envoy came to Oslo last September.", W,
     [("last September", "2023-09-01", "2023-09-30", "month")]),
    ("The treaty was first signed in July 2000.", W,
     [("July 2000", "2000-07-01", "2000-07-31", "month")]),
    ("In March, the court struck down the law.", W,
     [("March", "2024-03-01", "2024-03-31", "month")]),
    ("The talks in Oslo collapsed in February.", A,
     [("February", "2019-02-01", "2019-02-28", "month")]),
    ("The fair was held in September.", W, [("September", "2023-09-01", "2023-09-30", "month")]),
    ("The fair will be held in September.", W,
     [("September", "2024-09-01", "2024-09-30", "month")]),
    ("The fair will be held in March.", W, [("March", "2025-03-01", "2025-03-31", "month")]),
    ("The parade is held in June.", W, [("June", "2024-06-01", "2024-06-30", "month")]),
    ("Snow fell in early March.", W, [("early March", "2024-03-01", "2024-03-31", "month")]),
    ("Prices have climbed since September.", W,
     [("September", "2023-09-01", "2023-09-30", "month")]),
    ("The plant ran at half capacity between March and May.", W,
     [("March", "2024-03-01", "2024-03-31", "month"),
      ("May", "2024-05-01", "2024-05-31", "month")]),
    ("The dam was finished by the end of March.", W,
     [("March", "2024-03-01", "2024-03-31", "month")]),
    ("The invitation was extended in September 2023.", W,
     [("September 2023", "2023-09-01", "2023-09-30", "month")]),
    ("Its founders met in Sept. 1998 in a garage.", W,
     [("Sept. 1998", "1998-09-01", "1998-09-30", "month")]),
    # ── this/last/next periods and day words ──
    ("The mayor will visit the port this month.", T,
     [("this month", "2023-09-01", "2023-09-30", "month")]),
    ("Inflation eased this week.", W, [("this week", "2024-06-17", "2024-06-23", "week")]),
    ("Inflation eased last week.", W, [("last week", "2024-06-10", "2024-06-16", "week")]),
    ("The vote is due next month.", W, [("next month", "2024-07-01", "2024-07-31", "month")]),
    ("The vote was held last month.", date(2024, 1, 5),
     [("last month", "2023-12-01", "2023-12-31", "month")]),
    ("Exports fell last year.", W, [("last year", "2023-01-01", "2023-12-31", "year")]),
    ("Exports rose this year.", W, [("this year", "2024-01-01", "2024-12-31", "year")]),
    ("Sales have doubled earlier this year.", W,
     [("earlier this year", "2024-01-01", "2024-12-31", "year")]),
    ("Rates stay frozen until next year.", W, [("next year", "2025-01-01", "2025-12-31", "year")]),
    ("The bridge reopened yesterday.", W, [("yesterday", "2024-06-18", "2024-06-18", "day")]),
    ("The bridge reopens today and the ferry stops tomorrow.", W,
     [("today", "2024-06-19", "2024-06-19", "day"),
      ("tomorrow", "2024-06-20", "2024-06-20", "day")]),
    ("It rained heavily last night.", W, [("last night", "2024-06-18", "2024-06-18", "day")]),
    # ── weekdays and tense ──
    ("The ferry reached the island on Wednesday.", W,
     [("Wednesday", "2024-06-19", "2024-06-19", "day")]),
    ("A Danish official said Monday that the minister will resign.", T,
     [("Monday", "2023-09-04", "2023-09-04", "day")]),
    ("The council met on Thursday.", W, [("Thursday", "2024-06-13", "2024-06-13", "day")]),
    ("On Friday, the last day of the visit, the two leaders are due at the dam.", date(2025, 3, 13),
     [("Friday", "2025-03-14", "2025-03-14", "day")]),
    ("The delegation will travel on Wednesday.", W,
     [("Wednesday", "2024-06-19", "2024-06-19", "day")]),
    ("The delegation will travel next Wednesday.", W,
     [("next Wednesday", "2024-06-26", "2024-06-26", "day")]),
    ("The delegation left last Wednesday.", W,
     [("last Wednesday", "2024-06-12", "2024-06-12", "day")]),
    ("The talks are scheduled for Friday.", W, [("Friday", "2024-06-21", "2024-06-21", "day")]),
    ("She plans to sign the bill on Thursday.", W,
     [("Thursday", "2024-06-20", "2024-06-20", "day")]),
    ("Aides said on Sunday that the king would arrive on Friday.", W,
     [("Sunday", "2024-06-16", "2024-06-16", "day"),
      ("Friday", "2024-06-21", "2024-06-21", "day")]),
    ("The summit, which ended on Thursday, will shape the talks.", W,
     [("Thursday", "2024-06-13", "2024-06-13", "day")]),
    ("The minister is expected to meet her counterpart in Bergen this week, possibly on "
     "Wednesday and Thursday.", M,
     [("this week", "2019-04-22", "2019-04-28", "week"),
      ("Wednesday", "2019-04-24", "2019-04-24", "day"),
      ("Thursday", "2019-04-25", "2019-04-25", "day")]),
    ("Rail strike to start on Wednesday", M, [("Wednesday", "2019-04-24", "2019-04-24", "day")]),
    ("FERRY SERVICE RESUMES ON WEDNESDAY", W, [("WEDNESDAY", "2024-06-19", "2024-06-19", "day")]),
    ("The governor on Tuesday signed the order.", W,
     [("Tuesday", "2024-06-18", "2024-06-18", "day")]),
    ("İstanbul talks resumed on Wednesday.", W,
     [("Wednesday", "2024-06-19", "2024-06-19", "day")]),
    # ── days ──
    ("The premier will tour the region on June 20-21.", W,
     [("June 20-21", "2024-06-20", "2024-06-21", "day")]),
    ("Updated: March 14, 2019 9:02:11 am", W,
     [("March 14, 2019", "2019-03-14", "2019-03-14", "day")]),
    ("Last Updated : Mar 18 2019 | 10:15 AM IST", W,
     [("Mar 18 2019", "2019-03-18", "2019-03-18", "day")]),
    ("Posted Jun 19, 2024, 06:28 AM IST", W, [("Jun 19, 2024", "2024-06-19", "2024-06-19", "day")]),
    ("September 05, 2023 06:49 am | Updated 06:50 am IST", W,
     [("September 05, 2023", "2023-09-05", "2023-09-05", "day")]),
    ("The accord was signed on 25 April 2019.", W,
     [("25 April 2019", "2019-04-25", "2019-04-25", "day")]),
    ("published 2024-06-19 by the desk", W, [("2024-06-19", "2024-06-19", "2024-06-19", "day")]),
    ("Morning briefing, June 19: markets steady", W,
     [("June 19", "2024-06-19", "2024-06-19", "day")]),
    ("The results arrive on April 25.", W, [("April 25", "2024-04-25", "2024-04-25", "day")]),
    ("The vote fell on December 30.", date(2025, 1, 2),
     [("December 30", "2024-12-30", "2024-12-30", "day")]),
    ("The festival runs June 30-July 2.", W,
     [("June 30-July 2", "2024-06-30", "2024-07-02", "day")]),
    ("The festival runs December 30-January 2, 2024.", W,
     [("December 30-January 2, 2024", "2023-12-30", "2024-01-02", "day")]),
    ("She was born on 4 July 1990.", W, [("4 July 1990", "1990-07-04", "1990-07-04", "day")]),
    ("On 25 April the leaders met.", W, [("25 April", "2024-04-25", "2024-04-25", "day")]),
    ("It resumes on the 19th of June.", W, [("19th of June", "2024-06-19", "2024-06-19", "day")]),
    ("Tuesday, April 23, 2019: council notes", W,
     [("Tuesday, April 23, 2019", "2019-04-23", "2019-04-23", "day")]),
    ("Registrations received by May 13 will be honoured.", W,
     [("May 13", "2024-05-13", "2024-05-13", "day")]),
    ("Leap day, February 29, 2024, was quiet.", W,
     [("February 29, 2024", "2024-02-29", "2024-02-29", "day")]),
    # ── years and decades ──
    ("Her father visited the plant in 2011.", W, [("2011", "2011-01-01", "2011-12-31", "year")]),
    ("Agreements signed in 1961, 2000 and 2001 will be replaced.", W,
     [("1961", "1961-01-01", "1961-12-31", "year"), ("2000", "2000-01-01", "2000-12-31", "year"),
      ("2001", "2001-01-01", "2001-12-31", "year")]),
    ("It was his first trip abroad since the war began in 2022, and a test.", W,
     [("2022", "2022-01-01", "2022-12-31", "year")]),
    ("No leader had come since 2000.His visit was brief.", W,
     [("2000", "2000-01-01", "2000-12-31", "year")]),
    ("Visitors came from 2005 to 2009.", W,
     [("2005", "2005-01-01", "2005-12-31", "year"), ("2009", "2009-01-01", "2009-12-31", "year")]),
    ("The dam was finished by the end of 2019.", W,
     [("2019", "2019-01-01", "2019-12-31", "year")]),
    ("Construction stalled in mid-2021.", W, [("mid-2021", "2021-01-01", "2021-12-31", "year")]),
    ("Prices were lower in the 1990s.", W, [("1990s", "1990-01-01", "1999-12-31", "decade")]),
    ("The band was big in the '90s.", W, [("'90s", "1990-01-01", "1999-12-31", "decade")]),
    ("The 2000s were a quieter decade.", W, [("2000s", "2000-01-01", "2009-12-31", "decade")]),
    ("The festival ran in the early 1990s.", W,
     [("early 1990s", "1990-01-01", "1999-12-31", "decade")]),
    # ── seasons and quarters ──
    ("The survey ran in spring 2020.", W, [("spring 2020", "2020-03-01", "2020-05-31", "season")]),
    ("Work slowed in the summer of 2020.", W,
     [("summer of 2020", "2020-06-01", "2020-08-31", "season")]),
    ("The rink opens in winter 2023.", W, [("winter 2023", "2023-12-01", "2024-02-29", "season")]),
    ("Tourists will return this summer.", W,
     [("this summer", "2024-06-01", "2024-08-31", "season")]),
    ("The river froze last winter.", W, [("last winter", "2023-12-01", "2024-02-29", "season")]),
    ("The river froze last winter.", J, [("last winter", "2022-12-01", "2023-02-28", "season")]),
    ("The river is frozen this winter.", J,
     [("this winter", "2023-12-01", "2024-02-29", "season")]),
    ("Revenue grew in Q3 2023.", W, [("Q3 2023", "2023-07-01", "2023-09-30", "quarter")]),
    ("Revenue grew in the third quarter of 2023.", W,
     [("third quarter of 2023", "2023-07-01", "2023-09-30", "quarter")]),
    # ── no publication date: relative dates stay unresolved, absolute ones resolve ──
    ("The envoy came to Oslo last September.", None, [("last September", None, None, "month")]),
    ("The treaty was signed in July 2000.", None,
     [("July 2000", "2000-07-01", "2000-07-31", "month")]),
    ("The ferry reached the island on Wednesday.", None, [("Wednesday", None, None, "day")]),
    ("Markets were calm this week.", None, [("this week", None, None, "week")]),
    ("The accord was signed on April 25.", None, [("April 25", None, None, "day")]),
    ("The river froze last winter.", None, [("last winter", None, None, "season")]),
    ("The festival opened in 2011.", None, [("2011", "2011-01-01", "2011-12-31", "year")]),
    # ── negatives ──
    ("We will see.", W, []),
    ("Moscow may be breaching the embargo.", W, []),
    ("May I ask one more question?", W, []),
    ("SA were beaten in the T20 final.", W, []),
    ("Doors open at 06 pm and close at 06:49 am.", W, []),
    ("Photo 1 / 7 of the gallery", W, []),
    ("He runs the Super 30 coaching centre.", W, []),
    ("Fans lined up for the Kalki 2898 AD premiere.", W, []),
    ("It was a 16-year journey for the coach.", W, []),
    ("Some 2,000 people joined the march.", W, []),
    ("She won in the 2nd round.", W, []),
    ("The deadline is February 30, 2024.", W, []),
    ("The form says 32 March.", W, []),
    ("The form says 32 March 2024.", W, []),
    ("June 31 is not a date.", W, []),
    ("Ridership rose by 2000 to 5000.", W, []),
    ("The odds are one in 2000.", W, []),
    ("The 2024 election looms.", W, []),
    ("UEFA Euro 2024 kicked off.", W, []),
    ("The fund helped in 2000 homes.", W, []),
    ("New bridge begun in 2019 opens to traffic", W, [("2019", "2019-01-01", "2019-12-31", "year")]),
    ("Strike called in 2023 ends after a deal", W, [("2023", "2023-01-01", "2023-12-31", "year")]),
    ("Inquiry launched in 2021 faces delays", W, [("2021", "2021-01-01", "2021-12-31", "year")]),
    ("The grant reached in 2000 schools.", W, []),
    ("In 1700 cases the court ruled.", W, []),
    ("Ticket sales for Top 10 March Madness games", W, []),
    ("Growth over the last year was slow.", W, []),
    ("Prices jumped after the last fall in demand.", W, []),
    ("Good Friday services drew crowds.", W, []),
    ("Wednesday Addams fans queued.", W, []),
    ("June said she would run again.", W, []),
    ("Troops march on the capital.", W, []),
    ("Top News Today", W, []),
    ("He has worked Mondays for years.", W, []),
    ("The game ended 6-3 after 90 minutes.", W, []),
    ("The king visited eight years ago.", W, []),
    ("It is his first visit in 24 years.", W, []),
    ("The week of June 19 was busy.", W, []),
    ("The 1900s were a century of change.", W, []),
    ("She came of age in the '20s.", W, []),
    ("9" * 400, W, []),
    ("1e400", W, []),
]


def _iso(d):
    return d.isoformat() if d else None


@pytest.mark.parametrize("text,published,expected", CORPUS)
def test_date_corpus(text, published, expected):
    found = find_dates(text, published)
    got = [(text[m.start:m.end], _iso(m.value.start), _iso(m.value.end), m.value.granularity)
           for m in found]
    assert got == expected


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 60


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    list("0123456789 -–/,.:'’%$") + ["May", "March", "June", "Q3", "in ", "on ", "last ", "the ",
                                    "Wednesday", "winter", "2024", "1990s", "this week", "İ",
                                    "\u00a0", "of ", "next ", "will ", "Jan", "Dec 31", "th"]),
    max_size=30).map("".join), st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_sane(text, published):
    for m in find_dates(text, published):
        assert 0 <= m.start < m.end <= len(text)
        span = m.value
        assert (span.start is None) == (span.end is None)
        if span.start is not None:
            assert span.start <= span.end


@pytest.mark.parametrize("published", [date.min, date.max, date(1, 1, 7), date(9999, 12, 25)])
def test_calendar_ends_do_not_raise(published):
    for text in ("last week", "next week", "yesterday", "tomorrow", "on Wednesday",
                 "will go on Monday", "next Wednesday", "last winter", "next March", "June 19"):
        assert all(m.value.start is None for m in find_dates(text, published))


def test_fast_on_sentences_without_dates():
    sentence = "The council approved the plan after a long debate about the new roads."
    began = time.perf_counter()
    for _ in range(2000):
        assert find_dates(sentence, W) == []
    assert time.perf_counter() - began < 0.5
