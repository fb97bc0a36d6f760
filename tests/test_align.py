"""Alignment: which claims speak about the same fact. Built from our own sentences through the
real extract stage, so the frames are the ones a run would see."""

from datetime import date

import pytest

from factcheck.align import align
from factcheck.compare import grade_quotes
from factcheck.extract import extract
from factcheck.extract.frame import names
from factcheck.model import Document
from factcheck.segment import segment

DAY = date(2025, 3, 12)


def claims_of(*bodies):
    out = []
    for n, body in enumerate(bodies):
        doc = Document(id=f"a{n}", path=f"a{n}.txt", text=f"Story {n}\n\n{body}\n", published=DAY)
        out.extend(extract(segment(doc)).claims)
    return out


def aligned(a_text, b_text, *bodies):
    claims = claims_of(*bodies)
    return any({p.a.text, p.b.text} == {a_text, b_text} for p in align(claims))


TWO_MONTHS_QUOTED = (
    'Halvik said: "We signed the water plan, as we agreed in March. The ferry plan we will '
    'sign this year, as we agreed in May."',
    '"We signed the water plan, as we agreed in March. The ferry plan we will sign this year, as we '
    'agreed in May," Halvik said.')

QUOTED_WITH_AND_WITHOUT_LEAD_IN = (
    'Speaking to reporters after the council meeting on the quay, Mayor Halvik said: "Next year, '
    'Drethanta will rebuild the old harbour wall, as we agreed in August. Ask the fishermen: '
    'the town can afford it."',
    '"Next year, Drethanta will rebuild the old harbour wall, as we agreed in August. Ask the '
    'fishermen: the town can afford it."')


@pytest.mark.parametrize("bodies, a, b, expected", [
    # Different companies that share only a common word in their names.
    (("Sales at Pavara Textiles fell 12% last year, the company said.",
      "Sales at Priothara Textiles fell 21% last year, the company said."), "12%", "21%", False),
    # The same person, named in full in one source and by surname in the other.
    (("President Halvik said on Tuesday that 40 ministers would attend the summit.",
      "Halvik said 60 ministers would attend the summit."), "40 ministers", "60 ministers", True),
    # A founding year and an elapsed time about a loss share the company, not the event.
    (("Miovara Foods was founded in the port city in 1987.",
      "It was the first time in 26 years that Miovara Foods had made a loss."),
     "1987", "26 years", False),
    # A trip and a visit are one event.
    (("President Halvik landed on Friday, making his first trip to Estravia in 18 years.",
      "President Halvik arrived for his first visit to Estravia in 19 years."),
     "18 years", "19 years", True),
    # Each outlet's only count of agreements: the same agreements, however the sentence runs.
    (("The two sides signed 48 agreements on trade, energy and transport in Drethanta.",
      "Officials said 33 agreements were signed during the visit to Drethanta."),
     "48 agreements", "33 agreements", True),
    # ...but not when an outlet counts agreements twice: then the words must decide.
    (("The two sides signed 48 agreements on trade, energy and transport in Drethanta. "
      "Earlier talks produced 12 agreements.",
      "Officials said 33 agreements were signed during the visit to Drethanta."),
     "48 agreements", "33 agreements", False),
    # Sums of money are too general: two outlets' only sums may be a cost and a loan.
    (("The bridge in Drethanta cost $310 million to build.",
      "Drethanta borrowed $200 million from the regional bank."), "$310 million", "$200 million",
     False),
    # One quote run by two outlets: "this month" in it is not "March" in it.
    (('Halvik told reporters: "We will not accept the water plan this month, as we agreed in '
      'March."', '"We will not accept the water plan this month, as we agreed in March," Halvik '
      'told reporters.'), "this month", "March", False),
    (('Halvik told reporters: "We will not accept the water plan this month, as we agreed in '
      'March."', '"We will not accept the water plan this month, as we agreed in March," Halvik '
      'told reporters.'), "March", "March", True),
    # "As I said in April" is when something was said, not a date of the story.
    (("The Harlow bridge was opened on Tuesday by Transport Minister Ada Moss.",
      '"We will keep the border crossing at Harlow open, as I said in April," said Transport '
      'Minister Ada Moss.'), "Tuesday", "April", False),
    # The same words before two months of one quote: the first month is not the second.
    (TWO_MONTHS_QUOTED, "March", "May", False),
    (TWO_MONTHS_QUOTED, "May", "May", True),
    # One quotation, with a long lead-in in one outlet and none in the other: still one quote.
    (QUOTED_WITH_AND_WITHOUT_LEAD_IN, "Next year", "August", False),
    (QUOTED_WITH_AND_WITHOUT_LEAD_IN, "August", "August", True),
    # A bridge's length, said two ways: the crossing is the bridge, "longest" speaks of length.
    (("The new bridge is 640 metres long and carries two rail tracks.",
      "At 910 metres, the crossing is the longest on the coast."), "640 metres", "910 metres",
     True),
    # Work that began, was begun or started is one event.
    (("Work on the Harlow bridge was begun in 2019, officials said.",
      "Construction of the Harlow bridge started in 2020."), "2019", "2020", True),
    # Each outlet's only count of agreements, both signed: the same agreements.
    (("Officials said 46 agreements were signed during the three-day visit to Harlow, the "
      "ministry added.",
      "In Harlow the two sides signed 33 agreements on trade, energy, farming, ports and "
      "transport."),
     "46 agreements", "33 agreements", True),
    # ...while a depth of water in the same story is another measure.
    (("The new bridge is 640 metres long and carries two rail tracks.",
      "Floodwater rose 3 metres above the quay last winter."), "640 metres", "3 metres", False),
    # Each outlet's only length, both of the bridge's length ("long", "span"): one measure.
    (("The bridge is 640 metres long and carries two rail tracks.",
      "The 910 metres span links the two halves of Harlow."), "640 metres", "910 metres", True),
    # ...but a length and a height of one bridge are two measures.
    (("The bridge is 640 metres long and carries two rail tracks.",
      "The bridge deck stands 40 metres high above the river."), "640 metres", "40 metres", False),
    # Each outlet's only count of agreements: one names where they were signed, the other who
    # signed them. Who and where are not weighed against each other.
    (("Officials said 38 agreements were signed during the visit to Harlow.",
      "Gouvoya and Viskoya signed 27 agreements covering trade, energy and transport."),
     "38 agreements", "27 agreements", True),
    # ...while two signers, or two places, that differ are two signings.
    (("Pavara Textiles signed 3 agreements with Harlow.",
      "Taivik Textiles signed 5 agreements with Tessly."), "3 agreements", "5 agreements", False),
    (("Officials signed 3 agreements during the visit to Harlow.",
      "Officials signed 5 agreements during the visit to Tessly."), "3 agreements", "5 agreements",
     False),
    # A paragraph the page runs twice repeats the outlet's only count; it stays the only count.
    (("The two sides signed 9 agreements on trade and transport in Harlow. Crowds gathered.\n\n"
      "The two sides signed 9 agreements on trade and transport in Harlow.",
      "Gouvoya and Viskoya signed 14 agreements covering farming and ports."),
     "9 agreements", "14 agreements", True),
    # "The Harlow-based company" says where the company is, not who it is.
    (("Taivik Mills said on Monday it would shed 420 jobs at its plant in Harlow.",
      "The Harlow-based firm said on March 10 it was shedding 610 jobs."),
     "420 jobs", "610 jobs", True),
    # Jobs that go are jobs cut.
    (("Taivik Mills announced on Monday that 420 jobs in Harlow would go.",
      "The company in Harlow is cutting 610 jobs, a union said."),
     "420 jobs", "610 jobs", True),
    # Cutting and cut are one word.
    (("Taivik Mills said on Monday it would cut 420 jobs at its plant in Harlow.",
      "The company in Harlow is cutting 610 jobs, a union said."),
     "420 jobs", "610 jobs", True),
])
def test_alignment(bodies, a, b, expected):
    assert aligned(a, b, *bodies) is expected


@pytest.mark.parametrize("text, expected", [
    ("Storms kill at least 16 in Brusrin, worst in 48 years", ["brusrin"]),
    ("Sales at Pavara Textiles fell 12% last year.", ["pavara textiles"]),
    ("Vladimir Putin said the talks went well.", ["vladimir putin"]),
    ("The death toll hit Kiara on Monday.", ["kiara"]),
    # A name after an opening "The"/"New" is capitalised as a name, not as an opener.
    ("New Harlow bridge begun in 2019 opens in Tessly", ["harlow", "tessly"]),
    ("The Harlow bridge was opened on Friday.", ["harlow"]),
    # A capital that opens a quotation opens its sentence: "Believe" is no name; a name after
    # a closing quote mark still is.
    ("Minister Ivo Brell told reporters: “Believe me, Tessly will gain.”", ["minister ivo brell", "tessly"]),
    ('Reporters heard Dorn say: "Nothing changed."', ["dorn"]),
    ('"We will win," Pell said.', ["pell"]),
])
def test_names_leave_out_sentence_openers_and_fragments(text, expected):
    assert names(text) == expected


def test_different_statements_on_one_theme_are_not_a_mangled_quote():
    a = "Believe me, the popular power station is not something we finish by the summer."
    b = "Believe me, the popular water network is something we finance by the summer."
    assert grade_quotes(a, b).severity is None
    assert grade_quotes(a, a.replace(" not", "")).severity == "error"


def test_a_year_is_lined_up_with_the_year_of_the_same_event():
    """"begun in 2017" and "construction started in 2018" date the same event, which the word
    next to each names first; "opened on Thursday" dates another."""
    from factcheck.compare import compare
    first = Document(id="a", path="a.txt", published=DAY, text=(
        "New Harlow bridge begun in 2017 opens in Tessly\n\n"
        "Traffic began crossing the new Harlow bridge in Tessly on March 10.\n"
        "The bridge over the Harlow river was opened on Thursday by the minister.\n"))
    second = Document(id="b", path="b.txt", published=DAY, text=(
        "Harlow bridge opens\n\n"
        "The Harlow bridge in Tessly was opened on Thursday by the transport minister.\n"
        "Construction of the Harlow crossing started in 2018.\n"))
    claims = [c for d in (first, second) for c in extract(segment(d)).claims]
    found = [sorted(s.claim.text for s in c.sides) for c in compare(align(claims))
             if c.kind in ("date", "quantity")]
    assert found == [["2017", "2018"]]


def test_a_headline_year_is_checked_against_its_own_body():
    """The headline's "begun in 2022" shares more words with the line on the opening (names,
    "bridge", "opens") than with "work began in 2021"; the year still meets the year."""
    from factcheck.compare import compare
    page = Document(id="a", path="a.txt", published=DAY, text=(
        "New Harlow bridge begun in 2022 opens in Tessly\n\n"
        "The Harlow bridge in Tessly was opened on Wednesday by Transport Minister Ada Moss.\n"
        "Hundreds of people walked across the bridge after the ceremony.\n"
        "Work on the bridge began in 2021 after years of delays.\n"))
    found = [sorted(s.claim.text for s in c.sides)
             for c in compare(align(extract(segment(page)).claims))
             if c.kind in ("date", "quantity")]
    assert found == [["2021", "2022"]]
