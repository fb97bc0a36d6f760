"""Corpus for the quantity recognizer: sentence → every (claim text, low, high, unit, approx).

Negatives are as important as positives: a number without a unit or counted noun, a year, a
time of day, a code or a list counter must yield nothing."""

import math
import time

import pytest
from hypothesis import given, settings, strategies as st

from factcheck.extract.quantity import find_quantities

INF = math.inf

CORPUS = [
    # ── digits, separators, scales ──
    ("The stadium holds 26,000 people.", [("26,000 people", 26000, 26000, "people", "exact")]),
    ("About 1.5 million people live in the valley.",
     [("About 1.5 million people", 1350000, 1650000, "people", "about")]),
    ("The state had 1,50,000 voters on its rolls.",
     [("1,50,000 voters", 150000, 150000, "voter", "exact")]),
    ("The plant produces 8,656 MW at peak.", [("8,656 MW", 8656, 8656, "MW", "exact")]),
    ("Turnout was 12.5% lower.", [("12.5%", 12.5, 12.5, "percent", "exact")]),
    ("Turnout fell by 12.5 per cent.", [("12.5 per cent", 12.5, 12.5, "percent", "exact")]),
    ("The road is 40km long.", [("40km", 40, 40, "km", "exact")]),
    ("The bridge is 2.4 km long.", [("2.4 km", 2.4, 2.4, "km", "exact")]),
    ("The 3.1 km rail bridge will open in May.", [("3.1 km", 3.1, 3.1, "km", "exact")]),
    # a volume or an area is not a length: "cubic metres", "square kilometres" are units of
    # their own
    ("The dam holds 40 million cubic metres of water.",
     [("40 million cubic metres", 40_000_000, 40_000_000, "cubic_metre", "exact")]),
    ("The fire burned 120 square kilometres of forest.",
     [("120 square kilometres", 120, 120, "km2", "exact")]),
    # ── currencies ──
    ("Tickets cost ₹900 each.", [("₹900", 900, 900, "INR", "exact")]),
    ("The council set aside ₹900 crore for roads.",
     [("₹900 crore", 9e9, 9e9, "INR", "exact")]),
    ("He paid Rs 18,330 in fines.", [("Rs 18,330", 18330, 18330, "INR", "exact")]),
    ("The deal is worth $5 billion.", [("$5 billion", 5e9, 5e9, "USD", "exact")]),
    ("The fund holds US$3 million.", [("US$3 million", 3e6, 3e6, "USD", "exact")]),
    ("Fares rose to €12.", [("€12", 12, 12, "EUR", "exact")]),
    ("The club paid £40 million.", [("£40 million", 4e7, 4e7, "GBP", "exact")]),
    # ── number words ──
    ("Eight years have passed.", [("Eight years", 8, 8, "year", "exact")]),
    ("A dozen soldiers were hurt.", [("A dozen soldiers", 12, 12, "soldier", "exact")]),
    ("Two dozen boats joined the search.", [("Two dozen boats", 24, 24, "boat", "exact")]),
    ("Twenty-four families were moved.", [("Twenty-four families", 24, 24, "family", "exact")]),
    ("Three hundred workers marched.", [("Three hundred workers", 300, 300, "worker", "exact")]),
    ("The two leaders shook hands.", [("two leaders", 2, 2, "leader", "exact")]),
    ("Three Estravian ministers resigned.",
     [("Three Estravian ministers", 3, 3, "minister", "exact")]),
    ("The fire killed five children.", [("five children", 5, 5, "child", "exact")]),
    ("Rescuers found 31 survivors and 4 casualties.",
     [("31 survivors", 31, 31, "survivor", "exact"), ("4 casualties", 4, 4, "casualty", "exact")]),
    # ── modifiers ──
    ("More than 150 people attended.", [("More than 150 people", 150, INF, "people", "more_than")]),
    ("Over 30 agreements were signed.", [("Over 30 agreements", 30, INF, "agreement", "more_than")]),
    ("At least 7 people were injured.", [("At least 7 people", 7, INF, "people", "at_least")]),
    ("It was nearly 24 years.", [("nearly 24 years", 21.6, 24, "year", "nearly")]),
    ("Almost 10 villages flooded.", [("Almost 10 villages", 9, 10, "village", "nearly")]),
    ("About 30 percent voted.", [("About 30 percent", 27, 33, "percent", "about")]),
    ("Around 150 passengers were aboard.",
     [("Around 150 passengers", 135, 165, "passenger", "about")]),
    ("Up to 40 km of coast is closed.", [("Up to 40 km", 0, 40, "km", "at_most")]),
    ("As many as 60 ministers came.", [("As many as 60 ministers", 0, 60, "minister", "at_most")]),
    ("Fewer than 20 boats returned.", [("Fewer than 20 boats", 0, 20, "boat", "less_than")]),
    # ── ranges ──
    ("The works took 23-24 years.", [("23-24 years", 23, 24, "year", "range")]),
    ("Between 23 and 24 years passed.", [("Between 23 and 24 years", 23, 24, "year", "range")]),
    ("Crowds of 5,000 to 6,000 people gathered.",
     [("5,000 to 6,000 people", 5000, 6000, "people", "range")]),
    # ── ages ──
    ("A 24-year-old man was arrested.", [("24-year-old", 24, 24, "year_of_age", "exact")]),
    ("The 52-year-old fisherman survived.", [("52-year-old", 52, 52, "year_of_age", "exact")]),
    # ── scales shared across a range, money scale letters, rates ──
    ("Officials expect 1.5-2 million people.",
     [("1.5-2 million people", 1.5e6, 2e6, "people", "range")]),
    ("The striker cost $5m last summer.", [("$5m", 5e6, 5e6, "USD", "exact")]),
    ("He waived a £300k bonus.", [("£300k", 3e5, 3e5, "GBP", "exact")]),
    ("The plan costs ₹162/month.", [("₹162/month", 162, 162, "INR/month", "exact")]),
    ("Diesel sells at ₹90 per litre.", [("₹90 per litre", 90, 90, "INR/litre", "exact")]),
    ("Gusts reached 95 km/h overnight.", [("95 km/h", 95, 95, "km/hour", "exact")]),
    # ── more ranges, compounds, groups ──
    ("Two or three boats capsized.", [("Two or three boats", 2, 3, "boat", "range")]),
    ("Exports rose from 20 to 30 percent.", [("30 percent", 30, 30, "percent", "exact")]),
    ("They held a two-day summit.", [("two-day", 2, 2, "day", "exact")]),
    ("The 10-km stretch reopened.", [("10-km", 10, 10, "km", "exact")]),
    ("Two dozen 19-year-olds enlisted.", [("19-year-olds", 19, 19, "year_of_age", "exact")]),
    ("He is 24 years old.", [("24 years old", 24, 24, "year_of_age", "exact")]),
    ("26,000 North Korean troops crossed.",
     [("26,000 North Korean troops", 26000, 26000, "troop", "exact")]),
    ("The blast left 12 killed and 30 injured.",
     [("12 killed", 12, 12, "dead", "exact"), ("30 injured", 30, 30, "injured", "exact")]),
    ("More than 2000 people fled.", [("More than 2000 people", 2000, INF, "people", "more_than")]),
    ("A 2 percentage point rise.", [("2 percentage point", 2, 2, "percentage_point", "exact")]),
    ("One man was detained.", [("One man", 1, 1, "man", "exact")]),
    ("Nearly 0.5 percent of ballots were void.",
     [("Nearly 0.5 percent", 0, 0.5, "percent", "nearly")]),
    # ── any counted noun, its modifiers kept when they say which things are counted ──
    ("Dellan finished with 41 homers and 117 RBIs.",
     [("41 homers", 41, 41, "homer", "exact"), ("117 RBIs", 117, 117, "rbi", "exact")]),
    ("Tovin drove in 98 RBI last year.", [("98 RBI", 98, 98, "rbi", "exact")]),
    ("His record holds 29 KOs.", [("29 KOs", 29, 29, "ko", "exact")]),
    ("More than 60 volunteer firefighters fought the blaze.",
     [("More than 60 volunteer firefighters", 60, INF, "volunteer firefighter", "more_than")]),
    ("Officials sent 22 fire trucks to the mill.",
     [("22 fire trucks", 22, 22, "fire truck", "exact")]),
    ("A total of 17 fire apparatus responded.",
     [("17 fire apparatus", 17, 17, "fire apparatus", "exact")]),
    ("Rioters left 212 damaged stores on the avenue.",
     [("212 damaged stores", 212, 212, "damaged store", "exact")]),
    ("The district has 1.8 million eligible voters.",
     [("1.8 million eligible voters", 1.8e6, 1.8e6, "eligible voter", "exact")]),
    ("Marines seized 9 fully loaded magazines.",
     [("9 fully loaded magazines", 9, 9, "loaded magazine", "exact")]),
    ("Guards found 640 banned cell phones.",
     [("640 banned cell phones", 640, 640, "banned cell phone", "exact")]),
    ("Aid reached the 14 worst-hit hamlets first.",
     [("14 worst-hit hamlets", 14, 14, "worst-hit hamlet", "exact")]),
    ("Two plainclothes detectives made the arrest.",
     [("Two plainclothes detectives", 2, 2, "plainclothes detective", "exact")]),
    ("Marrow hit 27 home runs.", [("27 home runs", 27, 27, "home run", "exact")]),
    ("They named three leading medical journals.",
     [("three leading medical journals", 3, 3, "leading journal", "exact")]),
    ("Two gunmen fled the bank.", [("Two gunmen", 2, 2, "gunman", "exact")]),
    ("Pirates held nearly 200 crewmen.", [("nearly 200 crewmen", 180, 200, "crewman", "nearly")]),
    ("One man died at the scene.", [("One man", 1, 1, "man", "exact")]),  # not "died"
    ("One gunman escaped on foot.", [("One gunman", 1, 1, "gunman", "exact")]),
    ("Lab staff kept two specimen trays.", []),
    ("Only 4.1 million TV viewers watched.",
     [("4.1 million TV viewers", 4.1e6, 4.1e6, "tv viewer", "exact")]),
    ("Three NATO medics were hurt.", [("Three NATO medics", 3, 3, "nato medic", "exact")]),
    ("Talks resume at 5 PM sessions.", []),
    ("The board cited seven alleged rules breaches.", []),  # "rules" or "breaches"?
    ("The two signed treaties on Friday.", []),  # "the two" is the subject of a verb
    ("He grows 30 tea bushes.", []),  # "tea" is no listed modifier: nothing rather than "tea"
    # ── rates ──
    ("The van reached 135 mph on the ramp.", [("135 mph", 135, 135, "mile/hour", "exact")]),
    ("The lorry was doing 90 miles an hour.",
     [("90 miles an hour", 90, 90, "mile/hour", "exact")]),
    ("Osric is averaging 18.5 points per game.",
     [("18.5 points per game", 18.5, 18.5, "point/game", "exact")]),
    ("The club offered $19 million per season.",
     [("$19 million per season", 1.9e7, 1.9e7, "USD/season", "exact")]),
    ("Brennet will earn $21 million a season.",
     [("$21 million a season", 2.1e7, 2.1e7, "USD/season", "exact")]),
    ("The striker earns $4 million annually.",
     [("$4 million annually", 4e6, 4e6, "USD/year", "exact")]),
    ("The studio plans eight to ten films annually.",
     [("eight to ten films annually", 8, 10, "film/year", "range")]),
    ("The site drew 12 million visits a month.",
     [("12 million visits a month", 1.2e7, 1.2e7, "visit/month", "exact")]),
    ("Shifts last eight hours a day.", [("eight hours a day", 8, 8, "hour/day", "exact")]),
    ("She was paid $5 million a year ago.", [("$5 million", 5e6, 5e6, "USD", "exact")]),
    ("He earns $6 million a year and a car.",
     [("$6 million a year", 6e6, 6e6, "USD/year", "exact")]),
    ("He sold 9 boats a year and a half ago.", [("9 boats", 9, 9, "boat", "exact")]),
    ("He signed a $23-million-a-year deal.",
     [("$23-million-a-year", 2.3e7, 2.3e7, "USD/year", "exact")]),
    ("They agreed a $3.5-million settlement.", [("$3.5-million", 3.5e6, 3.5e6, "USD", "exact")]),
    ("Gunboats sank 3 barges/ferries.", [("3 barges", 3, 3, "barge", "exact")]),
    ("The tour drew 2 million-plus fans.", []),
    # ── the noun before the figure, shares ──
    ("The rescue tents numbered 1,800.",
     [("tents numbered 1,800", 1800, 1800, "tent", "exact")]),
    ("Casualties totalled about 45.", [("Casualties totalled about 45", 40.5, 49.5, "casualty", "about")]),
    ("The fault hits one in every 400 drivers.",
     [("one in every 400 drivers", 0.0025, 0.0025, "fraction:driver", "exact")]),
    ("Two in five tenants pay late.",
     [("Two in five tenants", 0.4, 0.4, "fraction:tenant", "exact")]),
    ("One in four said yes.", []),
    ("The votes numbered one.", []),
    ("The huts numbered 12 to 40 were cleared.", []),  # labels, not a count
    # ── a change or a part-season tally is not the figure itself ──
    ("Sales showed a drop of 4 percent.", []),
    ("His scoring is down almost six points per game.", []),
    ("Lorne hit 8 homers and 30 RBIs in 41 games.",
     [("8 homers", 8, 8, "homer", "exact"), ("41 games", 41, 41, "game", "exact")]),
    # ── calibres, model numbers, addresses ──
    ("Deputies found a .38 caliber pistol.", []),
    ("Police recovered a 38-caliber revolver.", []),
    ("He carried a 12-gauge shotgun.", []),
    ("The rebels had 6 AK 47 rifles.", []),
    ("Crews seized 14 AK 47 rifles.", []),
    ("He lives at 24 Marlow Street.", []),
    ("It happened in the 1400 block of Pell Avenue.", []),
    ("The Galaxy S7 sold well.", []),
    ("They won 20-13 on Sunday.", []),
    ("He stabbed the bag 17 times.", []),
    # ── negatives: nothing checkable ──
    ("One day the river rose.", []),
    ("At one point the talks stalled.", []),
    ("No one was hurt.", []),
    ("The two sign deals today.", []),  # a verb, not a counted noun
    ("Of the 10 highest peaks, few are climbed.", []),
    ("The gunmen killed the guards.", []),
    ("The two killed three guards.", [("three guards", 3, 3, "guard", "exact")]),
    ("The farmers 500 strong marched.", []),  # "rs 500" is not rupees
    ("Section 144 was imposed.", []),
    ("The 1990s were lean.", []),
    ("It is open 24/7 now.", []),
    ("Rated 4.5/5 by critics.", []),
    ("The club won 5-0 at home.", []),
    ("Call 98765 43210 today.", []),
    ("The G20 leaders met.", []),
    ("Su-57 jets flew past.", []),
    ("We", []), ("may", []), ("SA", []), ("T20", []), ("06 pm", []),
    ("The talks began in 2011.", []),
    ("The 2011 elections were close.", []),
    ("It happened on July 8.", []),
    ("India won the 2nd ODI.", []),
    ("Photo 1 / 7", []),
    ("One of the ministers spoke.", []),
    ("COVID-19 cases fell.", []),
    ("The 2023-24 season ended.", []),
    ("The final score was 3-1.", []),
    ("The flight 370 search resumed.", []),
    ("Updated 11:50 AM IST", []),
    ("The two met in the capital.", []),
    ("Eight of them were rescued.", []),
    ("They tried three times.", []),
    ("SAVE 25 Offer: 3 Months for ₹900", [("₹900", 900, 900, "INR", "exact")]),
    ("Trending: 7 Injured In Blast", []),
    ("About 1.5 million.", []),  # no unit, nothing to check
    ("9" * 400 + " people", []),
    ("1e400 people", []),
    ("\u0663\u0664 people", []),
    ("2\u200b4 people", []),  # a number broken by a zero-width space is not trusted
]


@pytest.mark.parametrize("text, expected", CORPUS, ids=[c[0][:40] for c in CORPUS])
def test_quantity_corpus(text, expected):
    found = [(text[m.start:m.end], m.value.low, m.value.high, m.value.unit, m.value.approx)
             for m in find_quantities(text)]
    assert len(found) == len(expected), found
    for got, want in zip(found, expected):
        assert got[0] == want[0] and got[3:] == want[3:], got
        assert got[1] == pytest.approx(want[1]) and got[2] == pytest.approx(want[2])


def test_open_ends_are_marked():
    [more] = find_quantities("More than 30 people came.")
    [fewer] = find_quantities("Fewer than 30 people came.")
    assert more.value.low_open and not more.value.high_open
    assert fewer.value.high_open and not fewer.value.low_open


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_offsets_hold(text):
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.value.low <= m.value.high


@pytest.mark.parametrize("text", ["1," * 50000, "1 " * 100000, "a" * 200000],
                         ids=["commas", "spaced", "letters"])
def test_adversarial_strings_run_under_a_second(text):
    started = time.process_time()
    find_quantities(text)
    assert time.process_time() - started < 3.0  # quadratic takes minutes; room for a busy runner


# Linear, not quadratic: 20,000 hits in a sentence would take minutes if each rescanned it.
@pytest.mark.parametrize("text", ["more than " * 20000, "₹" * 100000, "1-" * 50000,
                                  "1 people " * 20000, "1-year-old " * 20000, "1 or 2 boats " * 10000,
                                  "$1m " * 20000, "from 1 to " * 15000, "1 km 2 km " * 10000,
                                  "31 fire trucks " * 10000, "5 fully loaded " * 10000,
                                  "one in every 5 users " * 10000, "tents numbered 2 " * 10000,
                                  "5 RBIs " * 10000, "$1 million a season " * 10000,
                                  "a drop of 5 " * 10000, "AK 47 " * 10000],
                         ids=["modifiers", "rupees", "dashes", "counts", "ages", "ranges",
                              "money", "changes", "units", "compounds", "adverbs", "shares",
                              "noun-before", "acronyms", "rates", "drops", "codes"])
def test_adversarial_strings_are_linear(text):
    started = time.process_time()
    find_quantities(text)
    assert time.process_time() - started < 2.0
