"""Unit tests for the comparison logic: interval overlap with tolerance, open intervals, rounding,
and the grading of quote differences."""

import math

import pytest

from factcheck.compare import Settings, grade_quotes, implied_precision, quantities_overlap
from factcheck.model import Quantity

INF = math.inf


def q(low, high=None, unit="people", approx="exact", low_open=False, high_open=False):
    return Quantity(low, low if high is None else high, unit, approx, low_open, high_open)


OVERLAP = [
    # (a, b, overlap?)
    (q(24, unit="year"), q(24, unit="year"), True),
    (q(25, unit="year"), q(24, unit="year"), False),
    (q(30, INF, approx="more_than", low_open=True), q(32), True),        # "more than 30" vs "32"
    (q(30, INF, approx="more_than", low_open=True), q(30), False),       # "more than 30" vs "30"
    (q(30, INF, approx="at_least"), q(30), True),                        # "at least 30" vs "30"
    (q(22.5, 25, approx="nearly"), q(24), True),                         # "nearly 25" vs "24"
    (q(22.5, 25, approx="nearly"), q(26), False),                        # "nearly 25" vs "26"
    (q(23, 24, unit="year", approx="range"), q(24, unit="year"), True),  # "23-24" vs "24"
    (q(23, 24, unit="year", approx="range"), q(26, unit="year"), False),
    (q(0, 40, approx="at_most"), q(40), True),                           # "up to 40" vs "40"
    (q(0, 5, approx="less_than", high_open=True), q(5), False),          # "less than 5" vs "5"
    (q(1.8, 2.2, unit="km", approx="about"), q(2.1, unit="km"), True),   # "about 2 km" vs "2.1 km"
    (q(1500), q(1480), True),                                            # 1,500 is a round figure
    (q(1500), q(1400), False),
    (q(2000), q(2400), True),                                            # 2,000 → ±500
    (q(420, unit="m"), q(240, unit="m"), False),
    (q(32), q(30), False),                                               # small exact figures
]


@pytest.mark.parametrize("a,b,expected", OVERLAP)
def test_interval_overlap(a, b, expected):
    assert quantities_overlap(a, b) is expected
    assert quantities_overlap(b, a) is expected


def test_tolerance_from_settings():
    settings = Settings(tolerance={"percent": 0.5})
    assert quantities_overlap(q(25, unit="percent"), q(25.4, unit="percent"), settings)
    assert not quantities_overlap(q(25, unit="percent"), q(25.6, unit="percent"), settings)
    assert not quantities_overlap(q(25, unit="percent"), q(25.4, unit="percent"))


def test_relative_tolerance_for_large_counts():
    settings = Settings(relative_tolerance=0.02)
    assert quantities_overlap(q(10_300), q(10_150), settings)
    assert not quantities_overlap(q(10_300), q(10_150))
    assert not quantities_overlap(q(10_300), q(9_900), settings)


@pytest.mark.parametrize("x,expected", [(24, 0), (1500, 50), (2000, 500), (26000, 500),
                                        (1_500_000, 50_000), (1480, 0), (100, 50), (90, 0)])
def test_implied_precision(x, expected):
    assert implied_precision(x) == expected


QUOTES = [
    # (a, b, severity or None)
    ("consistent and unwavering support for our policy", "consistent and wavering support for our policy", "error"),
    ("we will reopen the road", "we will not reopen the road", "error"),
    ("the plan is likely to pass", "the plan is unlikely to pass", "error"),
    ("costs rose by 12 percent", "costs rose by 21 percent", "error"),
    # a name changed beside another change is a mangled quote...
    ("Mayor Holt firmly approved the budget", "Mayor Brandt approved the budget", "warning"),
    ("Mayor Holt approved the budget", "Mayor Brandt rejected the budget", "error"),
    # ...while names alone changed are one template said of other people (rule names-only)
    ("Mayor Holt approved the budget", "Mayor Brandt approved the budget", None),
    ("we thank Halvik and the people of Drethanta", "we thank Tessly and the people of Oruvel",
     None),
    ("a deeply responsible decision by the board", "a deeply irresponsible decision by the board", "error"),
    ("we are ready to talk at any time", "we are prepared to talk at any time", "warning"),
    # rule quote-tidy: an ordinal word is its figure, "6:00" is "6", an outlet's [words] are its own
    ("by scrapping this eleventh-hour rule we protect the marsh",
     "by scrapping this 11th hour rule we protect the marsh", None),
    ("by scrapping this eleventh-hour rule we protect the marsh",
     "by scrapping this twelfth-hour rule we protect the marsh", "error"),
    ("he gave himself up just after 6:00 p.m. at the gate", "he gave himself up just after 6 p.m. at the gate", None),
    ("he gave himself up just after 6:00 p.m. at the gate", "he gave himself up just after 7 p.m. at the gate", "error"),
    ("[The council] have a hard job here", "They have a hard job here", None),
    ("[The council] have a hard job here", "They have an easy job here", "warning"),
    # nothing to report
    ("We Will Rebuild The Bridge.", "we will rebuild the bridge", None),
    ("the bridge will open in the spring", "the bridge will open … in the spring", None),
    ("the new bridge will open in the spring, and traffic will flow again", "the new bridge will open in the spring", None),
    ("a favourable outcome for the region", "a favorable outcome for the region", None),
    ("the centre of the town", "the center of the town", None),
    ("it’s a good day", "it's a good day", None),
    # tidied wording: function words, a contraction spelled out, another form of one word
    ("the levee held through the night", "this levee held through the night", None),
    ("we knew the levee would hold", "we knew that the levee would hold", None),
    ("the crews had worked for three days", "the crews worked for three days", None),
    ("I'm proud of every volunteer here", "I am proud of every volunteer here", None),
    ("it was ok in the end", "it was okay in the end", None),
    ("having seen the river rise before", "have seen the river rise before", None),
    # a passage that stands in one rendering only: another statement, not a slip
    ("we cleared the road and then the bridge opened", "we cleared the road and our whole town came out to help", None),
    ("we cleared the road and the bridge opened", "we cleared the road and every family in the village helped and the bridge opened", None),
    ("our hearts are with the flood victims", "our hearts go out to the flood victims", None),
    # but a content word swapped, or a negation moved, is still worth a look
    ("it is a sad day for the valley", "it is a sad time for the valley", "warning"),
    ("I didn't think the dam was failing", "I think the dam wasn't failing", "warning"),
    ("we will reopen the road", "we will never reopen the road", "error"),
]


@pytest.mark.parametrize("a,b,expected", QUOTES)
def test_quote_grading(a, b, expected):
    assert grade_quotes(a, b).severity == expected
    assert grade_quotes(b, a).severity == expected


def test_quote_diff_points_at_the_changed_word():
    a = "consistent and unwavering support"
    b = "consistent and wavering support"
    diff = grade_quotes(a, b)
    assert [a[s:e] for s, e in diff.changed_a] == ["unwavering"]
    assert [b[s:e] for s, e in diff.changed_b] == ["wavering"]


def d(text):
    """A DateSpan from a short spec: '2013-06-08' a day, '2013-06' a month, '06-08' / '06' a
    year-less day or month (an undated article's "June 8" / "in June")."""
    from datetime import date as _date

    from factcheck.model import DateSpan

    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = _date(*parts)
        return DateSpan(day, day, "day")
    if len(parts) == 2 and parts[0] > 12:
        first = _date(parts[0], parts[1], 1)
        last = _date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1).toordinal() - 1
        return DateSpan(first, _date.fromordinal(last), "month")
    if len(parts) == 2:
        return DateSpan(None, None, "day", month=parts[0], day=parts[1])
    return DateSpan(None, None, "month", month=parts[0])


CALENDAR = [
    # (a, b, agree? or None when month and day cannot decide)
    ("06-08", "06-08", True),            # "June 8" in two undated articles
    ("06-08", "06-13", False),           # "sentenced June 8" / "sentenced June 13"
    ("06-08", "07-08", False),
    ("06", "06-08", True),               # "in June" holds "June 8"
    ("06", "07", False),
    ("06-08", "2013-06-08", True),       # undated draft against the dated wire
    ("06-08", "2013-06-11", False),
    ("06", "2013-06", True),
    ("06-08", "2013-06", True),
    ("2013-06-08", "2013-06-11", None),  # both dated: the ordinary interval test decides
    ("06-08", "2013-06-01..2013-06-07", None),
]


@pytest.mark.parametrize("a,b,expected", CALENDAR)
def test_year_less_dates_compare_on_month_and_day(a, b, expected):
    from datetime import date as _date

    from factcheck.compare import calendar_overlap
    from factcheck.model import DateSpan

    def span(text):
        if ".." in text:  # a week: no single month and day
            first, last = (_date.fromisoformat(t) for t in text.split(".."))
            return DateSpan(first, last, "week")
        return d(text)

    assert calendar_overlap(span(a), span(b)) is expected
    assert calendar_overlap(span(b), span(a)) is expected


def _year_claim(cid, article, text, sentence, year, role="body", published=None):
    from datetime import date as _date

    from factcheck.model import Claim, DateSpan, Frame

    at = sentence.index(text)
    span = (DateSpan(_date(year, 1, 1), _date(year, 12, 31), "year") if isinstance(year, int)
            else year)
    return Claim(id=cid, article=article, path=f"{article}.txt", kind="date", text=text,
                 start=at, end=at + len(text), line=1, column=at + 1, sentence=sentence,
                 sentence_start=0, role=role, value=span, frame=Frame("", (), ()),
                 published=published or _date(2013, 8, 1))


def _findings(a, b, score):
    from factcheck.compare import compare
    from factcheck.model import Pair

    return [(c.kind, sorted(s.claim.text for s in c.sides)) for c in compare([Pair(a, b, score)])]


YEAR_PAIRS = [
    # (a, b, alignment score, findings) — loosely lined-up years: one outlet's "hosted in 2007"
    # and another's "will host in 2014" are two hostings, not a dispute; a headline's year
    # against its own body's is one fact even loosely worded.
    (("x", "She first hosted the gala in 2007.", "2007", "body"),
     ("y", "She will host the gala again in 2014.", "2014", "body"), 0.5, []),
    (("x", "Work on the Harlow bridge was begun in 2021", "2021", "headline"),
     ("x", "Builders began the Harlow bridge in 2020.", "2020", "body"), 0.5,
     [("date", ["2020", "2021"])]),
    (("x", "Work on the Harlow bridge was begun in 2021.", "2021", "body"),
     ("y", "Work on the Harlow bridge was begun in 2020.", "2020", "body"), 0.7,
     [("date", ["2020", "2021"])]),
]


@pytest.mark.parametrize("a,b,score,expected", YEAR_PAIRS)
def test_loosely_lined_up_years_of_two_outlets_never_dispute(a, b, score, expected):
    ca = _year_claim("a#1", a[0], a[2], a[1], int(a[2]), role=a[3])
    cb = _year_claim("b#1", b[0], b[2], b[1], int(b[2]), role=b[3])
    if a[0] == b[0]:
        cb = _year_claim("a#2", b[0], b[2], b[1], int(b[2]), role=b[3])
    assert _findings(ca, cb, score) == expected


def test_undated_articles_dispute_a_day_on_month_and_day():
    from factcheck.model import DateSpan

    a = _year_claim("a#1", "a", "June 8", "The court sentenced Arlo Venn on June 8.",
                    DateSpan(None, None, "day", month=6, day=8))
    b = _year_claim("b#1", "b", "June 13", "Arlo Venn was sentenced on June 13.",
                    DateSpan(None, None, "day", month=6, day=13))
    same = _year_claim("c#1", "c", "June 8", "Arlo Venn was sentenced June 8.",
                       DateSpan(None, None, "day", month=6, day=8))
    a, b, same = (c.__class__(**{**c.__dict__, "published": None}) for c in (a, b, same))
    assert _findings(a, b, 0.8) == [("date", ["June 13", "June 8"])]
    assert _findings(a, same, 0.8) == []


def test_every_running_count_word_matches_what_frames_record():
    from factcheck import rules
    from factcheck.compare import running_counts
    from factcheck.extract.frame import content_terms

    for word in rules.load("wording")["running_counts"]:
        terms = content_terms(f"the {word}")
        assert terms and terms[-1] in running_counts(), (word, terms)


@pytest.mark.parametrize("verb", ["evacuated", "killed", "arrested", "rescued", "displaced"])
def test_a_toll_that_grows_from_one_day_to_the_next_is_an_update(tmp_path, capsys, verb):
    import json

    from factcheck.cli import main

    for day, n in (("2025-03-10", 300), ("2025-03-11", 450)):
        (tmp_path / f"{day}.md").write_text(
            f"---\ndate: {day}\n---\nFlooding in Merrow Vale\n\nAuthorities in Merrow Vale said "
            f"{n} people had been {verb} as the river Tessel burst its banks.\n", encoding="utf-8")
    main(["check", str(tmp_path), "--format", "json", "--no-cache", "--fail-on", "never"])
    found = json.loads(capsys.readouterr().out)["conflicts"]
    assert [(c["kind"], c["severity"]) for c in found] == [("update", "info")]
