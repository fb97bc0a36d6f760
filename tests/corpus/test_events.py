"""Corpus of the events stage (factcheck/events.py): how a batch is cut into occurrences.

Each row: the rule it exercises, the articles (id -> names, publication day, and optionally the
dates it gives to the day or month) and the events expected
(sets of article ids; an article left out of every set is an event of its own). Rows whose rule
must NOT decide are the negatives: each rule has both, and three rows at least.

The batch order is the order of the dict; no row depends on the batch's size.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple, Optional

import pytest

from factcheck.events import RULES, events, profile
from factcheck.model import Profile

D = date(2025, 3, 12)


def day(offset: int) -> date:
    return date.fromordinal(D.toordinal() + offset)


def span(first: date, last: date) -> tuple[int, int]:
    return (first.toordinal(), last.toordinal())


def year(y: int) -> tuple[int, int]:
    return span(date(y, 1, 1), date(y, 12, 31))


def art(*names: str, on: Optional[date] = D, dated: tuple = ()) -> Profile:
    return Profile(frozenset(names), on, tuple(dated))


class Row(NamedTuple):
    rule: str
    fires: bool  # whether the rule decides the row (a negative row: it must not)
    batch: dict
    expect: list  # the events of several articles, as sets


# A crowd of other events on the same days: a town fair each, so the rows never rest on a
# batch holding only their own articles.
CROWD = {f"fair{i:02d}": art(f"town{i}", f"fair of town{i}", "organisers") for i in range(30)}

ROWS = [
    # same-days: one event is told within days; the same cast months apart is another event.
    Row("same-days", True, {"a1": art("harlow", "mayor ines dorn"),
                            "a2": art("harlow", "mayor ines dorn", on=day(200))}, []),
    Row("same-days", True, {"a1": art("kim", "putin", "pyongyang"),
                            "a2": art("kim", "putin", "pyongyang", on=day(365 * 5))}, []),
    Row("same-days", False, {"a1": art("harlow", "mayor ines dorn"),
                             "a2": art("harlow", "mayor ines dorn", on=day(3))}, [{"a1", "a2"}]),
    # ...and follow-ups chain: each within a week of the one before.
    Row("same-days", False, {"a1": art("harlow", "mayor ines dorn"),
                             "a2": art("harlow", "mayor ines dorn", on=day(6)),
                             "a3": art("harlow", "mayor ines dorn", on=day(12))},
        [{"a1", "a2", "a3"}]),
    # dated-occurrence: a later piece that dates the occurrence to the day meets its coverage.
    Row("dated-occurrence", True,
        {"a1": art("halvik", "oruvel", on=date(2000, 7, 19)),
         "a2": art("halvik", "oruvel", on=D, dated=(span(date(2000, 7, 19), date(2000, 7, 19)),))},
        [{"a1", "a2"}]),
    Row("dated-occurrence", True,
        {"a1": art("halvik", "oruvel", on=date(2000, 7, 16)),
         "a2": art("halvik", "oruvel", on=D, dated=(span(date(2000, 7, 21), date(2000, 7, 21)),))},
        [{"a1", "a2"}]),
    # ...but a year is too coarse: a piece that names the year of another's coverage, or two
    # templates a year apart, stay apart.
    Row("dated-occurrence", False,
        {"a1": art("halvik", "oruvel", on=date(2000, 7, 19)),
         "a2": art("halvik", "oruvel", on=D, dated=())}, []),
    Row("dated-occurrence", False,
        {"a1": art("halvik", "oruvel", "premier ulla voss", on=date(2024, 6, 19)),
         "a2": art("halvik", "oruvel", "premier ulla voss", on=date(2025, 6, 19))}, []),
    # shared-names: two outlets on one event share its people and places...
    Row("shared-names", True, {**CROWD,
                               "a1": art("harlow", "mayor ines dorn"),
                               "a2": art("harlow", "mayor ines dorn", "harlow council"),
                               "a3": art("harlow council", "mayor ines dorn")},
        [{"a1", "a2", "a3"}]),
    # ...two stories from one town share only the town...
    Row("shared-names", False, {**CROWD,
                                "a1": art("harlow", "mayor ines dorn"),
                                "a2": art("harlow", "mayor ines dorn"),
                                "b1": art("harlow", "harlow rovers", "coach tom pell"),
                                "b2": art("harlow", "harlow rovers")},
        [{"a1", "a2"}, {"b1", "b2"}]),
    # ...and a country with its nationality word is one name, not two.
    Row("shared-names", False, {**CROWD,
                                "a1": art("kralevia", "kralevian", "president ada moss"),
                                "a2": art("kralevia", "president ada moss"),
                                "b1": art("kralevia", "kralevian", "premier tom pell"),
                                "b2": art("kralevian", "premier tom pell")},
        [{"a1", "a2"}, {"b1", "b2"}]),
    # ...and one person named twice (a surname and the titled full name) is one name: one
    # leader's visits to two hosts on consecutive days are two events.
    Row("shared-names", False, {**CROWD,
                                "a1": art("oskel", "president varo oskel of dunmark", "tarvia",
                                          "queen ilse"),
                                "a2": art("oskel", "president varo oskel of dunmark", "tarvia",
                                          "queen ilse", on=day(1)),
                                "b1": art("oskel", "varo oskel", "president varo oskel of dunmark",
                                          "belmora", "premier sana quist", on=day(1)),
                                "b2": art("oskel", "varo oskel", "belmora", "premier sana quist",
                                          on=day(2))},
        [{"a1", "a2"}, {"b1", "b2"}]),
    # A leader in every third article weighs little: two summits with one leader in common
    # and otherwise their own casts stay apart though published the same day.
    Row("shared-names", False, {
        **{f"x{i}": art("president ada moss", f"guest{i}", f"city{i}", f"minister{i}")
           for i in range(12)},
        "y1": art("president ada moss", "lake view", "premier ulla voss"),
        "y2": art("president ada moss", "lake view", "premier ulla voss")},
        [{"y1", "y2"}]),
    # ...and names that recur across an archive (on more than 0.5 % of a big batch) are no
    # tie by themselves: two pieces sharing only the week's leader and his country stay apart.
    Row("shared-names", False, {
        **{f"x{i:03d}": art("president ada moss", "kralevia", f"guest{i}", f"city{i}",
                            on=day(i % 3)) for i in range(60)},
        "y1": art("president ada moss", "kralevia", "lake view"),
        "y2": art("president ada moss", "kralevia", "premier ulla voss")}, []),
    # same-cast: in an archive where the same leader visits the same host year after year,
    # every name recurs; two outlets of one visit still name, word for word, one cast...
    Row("same-cast", True, {
        **{f"x{i:03d}": art("druo pellant", "vostria", "harnsby", f"guest{i}",
                            on=day(60 * i)) for i in range(40)},
        "y1": art("druo pellant", "vostria", "harnsby", "president druo pellant of kessia",
                  on=day(-30)),
        "y2": art("druo pellant", "vostria", "harnsby", "kessian", on=day(-29))},
        [{"y1", "y2"}]),
    Row("same-cast", True, {
        **{f"x{i:03d}": art("ferro mills", "tessly", f"chief executive {i}", on=day(45 * i))
           for i in range(40)},
        "y1": art("ferro mills", "tessly", "ana brel", on=day(-20)),
        "y2": art("ferro mills", "tessly", "ana brel", "tessly works", on=day(-20))},
        [{"y1", "y2"}]),
    # ...but a cast that is half another's is not the same cast, nor is the same cast a year on.
    Row("same-cast", False, {
        **{f"x{i:03d}": art("druo pellant", "vostria", f"guest{i}", on=day(60 * i))
           for i in range(40)},
        "y1": art("druo pellant", "vostria", "harnsby", "lake orm", on=day(-30)),
        "y2": art("druo pellant", "vostria", "kessia", "mount tarl", on=day(-29))}, []),
    Row("same-cast", False, {
        **{f"x{i:03d}": art("druo pellant", "vostria", "harnsby", f"guest{i}",
                            on=day(60 * i)) for i in range(40)},
        "y1": art("druo pellant", "vostria", "harnsby", on=day(-30)),
        "y2": art("druo pellant", "vostria", "harnsby", on=day(-30 - 365))}, []),
    # same-office: one office, two holders: another occurrence told in the same words...
    Row("same-office", True, {**CROWD,
        "a1": art("harlow", "tessly", "murland", "kralevian president ada moss"),
        "a2": art("harlow", "tessly", "murland", "kralevian president tom pell")}, []),
    # ...one person named president of two countries, the same...
    Row("same-office", True, {**CROWD,
        "a1": art("harlow", "tessly", "murland", "kralevian president ada moss"),
        "a2": art("harlow", "tessly", "murland", "oruvelian president ada moss")}, []),
    # ...even through a third piece that names neither.
    Row("same-office", True, {**CROWD,
        "a1": art("harlow", "tessly", "murland", "kralevian president ada moss"),
        "a2": art("harlow", "tessly", "murland", "kralevian president tom pell"),
        "a3": art("harlow", "tessly", "murland")}, [{"a1", "a3"}]),
    # The same holder, named in full or by surname, and an unqualified title, do not count.
    Row("same-office", False, {**CROWD,
        "a1": art("harlow", "tessly", "murland", "kralevian president ada moss"),
        "a2": art("harlow", "tessly", "murland", "kralevian president moss")},
        [{"a1", "a2"}]),
    Row("same-office", False, {**CROWD,
        "a1": art("harlow", "tessly", "murland", "president ada moss"),
        "a2": art("harlow", "tessly", "murland", "president tom pell")}, [{"a1", "a2"}]),
    # few-names: outlets that word one event their own way share one rare name...
    Row("few-names", True, {**CROWD,
        "a1": art("ashvale", "central vote commission", "turnout office", "lira dosk"),
        "a2": art("ashvale", "vote commission of ashvale", "mps", on=day(1)),
        "a3": art("ashvale cec", "ashvale", "polling staff union", "oren bly", on=day(5))},
        [{"a1", "a2", "a3"}]),
    Row("few-names", True, {**CROWD,
        "a1": art("corvo dam", "tessly water board", "ines dorn"),
        "a2": art("corvo dam", "murland river agency", "tom pell", on=day(2))},
        [{"a1", "a2"}]),
    # ...but a name made of words that come back all over the archive ties nothing...
    Row("few-names", False, {
        **{f"x{i:03d}": art(f"ul president {['vralo', 'dones', 'damol'][i % 3]}",
                            f"town{i}", f"minister{i}", on=day(i % 3)) for i in range(60)},
        "y1": art("ul president vralo", "harlow", "mayor ines dorn"),
        "y2": art("ul president vralo", "tessly", "premier tom pell")}, []),
    # ...nor one piece months after the other.
    Row("few-names", False, {**CROWD,
        "a1": art("corvo dam", "tessly water board", "ines dorn"),
        "a2": art("corvo dam", "murland river agency", "tom pell", on=day(60))}, []),
    # only-event: a piece that names little is about the one occurrence of its days...
    Row("only-event", True, {"a1": art("halvik", "harlow", "mayor idris halvik"),
                             "a2": art("halvik", "harlow", "mayor idris halvik"),
                             "a3": art("councillor mara quell", "quell", "harlow")},
        [{"a1", "a2", "a3"}]),
    Row("only-event", True, {"a1": art("harlow"), "a2": art()}, [{"a1", "a2"}]),
    # ...unless it names a cast of its own: another occurrence on the same days.
    Row("only-event", False, {"a1": art("drethanta", "oruvel", "president idris halvik"),
                              "a2": art("kralevia", "murland", "president ana tessly")}, []),
    # brief: with several events about, a brief joins the one holding its rarest name...
    Row("brief", True, {**CROWD,
                        "a1": art("harlow council", "mayor ines dorn"),
                        "a2": art("harlow council", "mayor ines dorn", "harlow quay"),
                        "b1": art("harlow", "harlow rovers"), "b2": art("harlow", "harlow rovers"),
                        "c1": art("harlow", "harlow quay")},
        [{"a1", "a2", "c1"}, {"b1", "b2"}]),
    Row("brief", True, {**CROWD,
                        "a1": art("harlow", "mayor ines dorn"), "a2": art("harlow", "mayor ines dorn"),
                        "a3": art("harlow", "residents of harlow")},
        [{"a1", "a2", "a3"}]),
    # ...but not when two events hold it: which one is unknown.
    Row("brief", False, {**CROWD,
                         "a1": art("harlow", "mayor ines dorn"), "a2": art("harlow", "mayor ines dorn"),
                         "b1": art("harlow", "harlow rovers"), "b2": art("harlow", "harlow rovers"),
                         "c1": art("harlow")},
        [{"a1", "a2"}, {"b1", "b2"}]),
    Row("brief", True, {**CROWD, "a1": art("harlow"), "a2": art("harlow"), "b1": art("tessly")},
        [{"a1", "a2"}]),
    # nameless: pieces that name nobody, close together, are one occurrence...
    Row("nameless", True, {**CROWD, "a1": art(), "a2": art(), "a3": art(on=day(2))},
        [{"a1", "a2", "a3"}]),
    Row("nameless", True, {"a1": art(), "a2": art(on=day(1))}, [{"a1", "a2"}]),
    # ...but not months apart.
    Row("nameless", False, {"a1": art(), "a2": art(on=day(90))}, []),
    # undated: a draft with no date is placed by its names alone...
    Row("undated", True, {"a1": art("harlow", "mayor ines dorn", on=day(-400)),
                          "a2": art("harlow", "mayor ines dorn", on=None)}, [{"a1", "a2"}]),
    Row("undated", True, {"a1": art("harlow", "mayor ines dorn"),
                          "a2": art("harlow", "mayor ines dorn", on=None)}, [{"a1", "a2"}]),
    # ...and names still have to say so.
    Row("undated", False, {**CROWD, "a1": art("harlow", "mayor ines dorn"),
                           "a2": art("tessly", "mayor tomas reyes", on=None)}, []),
]


def cut(batch: dict) -> list[set]:
    return sorted((set(e.articles) for e in events(batch) if len(e.articles) > 1
                   and not any(a.startswith(("fair", "w", "x")) for a in e.articles)), key=min)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.rule}:{'fires' if r.fires else 'not'}")
def test_event_rule(row: Row) -> None:
    assert cut(row.batch) == sorted(row.expect, key=min)


def test_every_event_rule_has_a_corpus() -> None:
    for rule in RULES:
        mine = [r for r in ROWS if r.rule == rule.name]
        assert len(mine) >= 3 and {r.fires for r in mine} == {True, False}, rule.name
    assert {r.rule for r in ROWS} <= {r.name for r in RULES}


def test_every_article_is_in_one_event_in_batch_order() -> None:
    batch = {**CROWD, "a1": art("harlow", "mayor ines dorn"), "a2": art(),
             "a3": art("harlow", "mayor ines dorn", on=day(400))}
    found = events(batch)
    assert sorted(a for e in found for a in e.articles) == sorted(batch)
    order = list(batch)
    for e in found:
        assert list(e.articles) == sorted(e.articles, key=order.index)


# From text: what extract gives an article's profile (names, dated occurrences).
def test_profile_reads_names_and_dated_occurrences_from_claims(tmp_path) -> None:
    from factcheck.extract import extract
    from factcheck.model import Document
    from factcheck.segment import segment

    text = ("Halvik returns to Oruvel\n\nPresident Idris Halvik arrived in Oruvel on Wednesday, "
            "his first visit in 18 years. He last went there on May 4, 2007, aides said. "
            "The Oruvel ferry opened in 1990 and was repaired last month.\n")
    doc = Document(id="a", path="a.txt", text=text, published=D)
    ex = extract(segment(doc))
    found = profile(ex.claims, D)
    assert "oruvel" in found.names
    assert span(date(2007, 5, 4), date(2007, 5, 4)) in found.dated
    assert found.dated == (span(date(2007, 5, 4), date(2007, 5, 4)),)  # a month or year is coarse
    assert not any(lo <= D.toordinal() <= hi for lo, hi in found.dated)  # its own days are not


def test_a_part_of_the_batch_is_cut_as_the_whole_when_given_its_population() -> None:
    """An index hands events a draft and the archive articles near it: with the whole archive's
    counts, names that recur across the archive recur in the part too, and the draft's event
    is the one the full batch gives it."""
    from factcheck.events import population

    whole = {**{f"x{i:03d}": art("druo pellant", "vostria", f"guest{i}", on=day(60 * i))
                for i in range(40)},
             "y1": art("druo pellant", "vostria", "lake orm", "ines dorn", on=day(-30)),
             "y2": art("druo pellant", "vostria", "mount tarl", "tom pell", on=day(-29))}
    full = {a: e.articles for e in events(whole) for a in e.articles}
    assert full["y1"] == ("y1",)  # two names that recur: no tie
    part = {a: whole[a] for a in ("y1", "y2", "x000")}
    alone = {a: e.articles for e in events(part) for a in e.articles}
    assert alone["y1"] == ("y1", "y2")  # in three articles nothing recurs: the part differs
    counted = {a: e.articles for e in events(part, population=population(whole.values()))
               for a in e.articles}
    assert counted["y1"] == full["y1"]
