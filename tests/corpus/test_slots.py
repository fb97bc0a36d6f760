"""Corpus for claim slots (issue 15): (sentence, claim text, expected slots). A slot the words
do not state plainly stays empty, and the negatives say where: a subject is None when the figure
is no one's own or the sentence cannot tell, "injured" never reads as "killed", a verb with an
object is not a casualty word, and a place is not an actor. Only the slots named in a row are
checked."""

import time
from datetime import date

import pytest

from factcheck.extract import extract
from factcheck.extract.quantity import find_quantities
from factcheck.extract.slots import Neighbours, read_slots
from factcheck.model import Document, Frame
from factcheck.segment import segment

DAY = date(2026, 3, 14)

CORPUS = [
    # ── measure: casualty words, in every wording, folded to one ──
    ("On Tuesday a blast at the Orvella depot killed 12 people.", "12 people",
     {"measure": "people killed", "time": "sentence"}),
    ("Twelve people were killed when the Orvella depot exploded.", "Twelve people",
     {"measure": "people killed"}),
    ("At least 12 people died in the depot fire.", "At least 12 people",
     {"measure": "people killed"}),
    ("The explosion left 12 dead and 30 injured.", "12 dead", {"measure": "people killed"}),
    ("The explosion left 12 dead and 30 injured.", "30 injured", {"measure": "people injured"}),
    ("The fire injured 30 people and killed four.", "30 people",
     {"measure": "people injured"}),
    ("Thirty people were hurt in the crush at the gate.", "Thirty people",
     {"measure": "people injured"}),
    ("Four soldiers were wounded in the ambush near the pass.", "Four soldiers",
     {"measure": "soldier injured"}),
    ("The death toll rose to 19 people by the evening.", "19 people",
     {"measure": "people killed"}),
    ("The flood left three farm workers dead.", "three farm workers",
     {"measure": "worker killed"}),
    ("Some 300 residents were evacuated from the valley.", "Some 300 residents",
     {"measure": "resident evacuated"}),
    ("Crews evacuated 450 residents overnight.", "450 residents",
     {"measure": "resident evacuated"}),
    ("Police arrested 14 protesters near the square.", "14 protesters",
     {"measure": "protester arrested"}),
    ("Three climbers are still missing on the ridge.", "Three climbers",
     {"measure": "climber missing"}),
    ("The storm left 3,000 people homeless.", "3,000 people", {"measure": "people displaced"}),
    ("Five hikers were rescued from the gorge on Sunday.", "Five hikers",
     {"measure": "hiker rescued"}),
    ("Two guards were charged over the beating.", "Two guards", {"measure": "guard charged"}),
    ("Six people were hospitalized after the gas leak.", "Six people",
     {"measure": "people hospitalized"}),
    ("The gunman shot three guards before he fled.", "three guards", {"measure": "guard shot"}),
    # negatives: a verb with its object, no casualty word, a time or a measure
    ("Four soldiers killed two smugglers at the border post.", "Four soldiers", {"measure": ""}),
    ("Four soldiers killed two smugglers at the border post.", "two smugglers",
     {"measure": "smuggler killed"}),
    ("Rescuers pulled 40 miners from the flooded shaft.", "40 miners", {"measure": ""}),
    ("The driver was arrested three streets away.", "three streets", {"measure": ""}),
    ("Doctors treated 19 people for smoke inhalation.", "19 people", {"measure": ""}),
    ("The quake destroyed 200 homes in the hill villages.", "200 homes", {"measure": ""}),
    ("He was injured 3 weeks before the final.", "3 weeks", {"measure": ""}),
    ("The river rose 2 metres overnight.", "2 metres", {"measure": ""}),
    # ── measure: sport, rates, what a percentage or a sum measures ──
    ("Dario Varnes rushed for 112 yards against the Cobalts.", "112 yards",
     {"measure": "yard rushing", "subject": "dario varnes"}),
    ("Dario Varnes finished with 112 rushing yards.", "112 rushing yards",
     {"measure": "yard rushing", "subject": "dario varnes"}),
    ("Dario Varnes had 112 yards rushing in the win.", "112 yards",
     {"measure": "yard rushing", "subject": "dario varnes"}),
    ("Tam Tollan is averaging 15.5 points per game this season.", "15.5 points per game",
     {"measure": "point per game", "subject": "tam tollan"}),
    ("Tam Tollan is averaging 15.3 points this season.", "15.3 points",
     {"measure": "point per game", "subject": "tam tollan"}),
    ("Tam Tollan scored 23 points in the final.", "23 points",
     {"measure": "", "subject": "tam tollan"}),
    ("The council imposed a 25 percent tariff on steel imports.", "25 percent",
     {"measure": "percent tariff"}),
    ("Ministers set tariffs of 18 percent on imported steel.", "18 percent",
     {"measure": "percent tariff"}),
    ("The Greens won 31 percent of the vote.", "31 percent", {"measure": "percent vote"}),
    ("Police offered a $5,000 reward for information.", "$5,000", {"measure": "usd reward"}),
    ("Prices rose 3 percent in March.", "3 percent", {"measure": "", "time": "own"}),
    ("The fund posted a 12 percent gain.", "12 percent", {"measure": ""}),
    # ── subject: whose figure it is ──
    ("The vote split Drethanta's 40,000 residents.", "40,000 residents",
     {"subject": "drethanta"}),
    ("The 40,000 residents of Drethanta voted on the plan.", "40,000 residents",
     {"subject": "drethanta"}),
    ("Ivo Halvik had 33 homers and 121 RBIs last season.", "121 RBIs",
     {"subject": "ivo halvik"}),
    ("Ivo Halvik scored 23 points, while Pell Tessly scored 19 points.", "23 points",
     {"subject": "ivo halvik"}),
    ("Ivo Halvik scored 23 points, while Pell Tessly scored 19 points.", "19 points",
     {"subject": "pell tessly"}),
    ("Ivo Halvik's tally of 23 goals is a club record.", "23 goals", {"subject": "ivo halvik"}),
    ("The Rovers' 12 goals led the league.", "12 goals", {"subject": "rovers"}),
    ("Harrow Mills made a $4 million offer for the plant.", "$4 million",
     {"subject": "harrow mills", "measure": "usd contract"}),
    ("Twelve people were killed in Harlow on Monday.", "Twelve people",
     {"subject": "harlow", "measure": "people killed"}),
    ("By volume, Marrovia accounts for 30 percent of the traffic.", "30 percent",
     {"subject": "marrovia", "measure": "percent traffic"}),
    ("Tam Tollan leads the league with 23 goals.", "23 goals", {"subject": "tam tollan"}),
    # negatives: no one's own, or the sentence cannot tell
    ("Officials in Brevik said 12 people were killed.", "12 people",
     {"subject": None, "measure": "people killed"}),
    ("Mara Ost said 12 people were killed in the fire.", "12 people", {"subject": None}),
    ("Mara Ost told the Vell Gazette 40 homes were lost.", "40 homes", {"subject": None}),
    ("Kara Halvik and Pell Tessly signed 33 agreements.", "33 agreements", {"subject": None}),
    ("Brant Hollis helped lead the Cobalts to 10 playoff wins.", "10 playoff wins",
     {"subject": None}),
    ("Nell Varga, who scored 12 goals, left the club.", "12 goals", {"subject": None}),
    ("Kralevian stocks fell 5 percent on the news.", "5 percent", {"subject": None}),
    ("Ostrava shares dropped 5 percent on the news.", "5 percent", {"subject": None}),
    ("The Ostrava tanker carried $90 million of fuel.", "$90 million", {"subject": None}),
    ("The Pellan police arrested 14 protesters.", "14 protesters",
     {"subject": None, "measure": "protester arrested"}),
    ("The president of the 6,000-member Vesta Guild resigned.", "6,000-member",
     {"subject": None}),
    ("Twelve people died at Tessly on Monday.", "Twelve people", {"subject": None}),
    ("Lev Ardo fired one round at Sam Riva.", "one round", {"subject": "lev ardo"}),
    ("The Pellan Sheriff's office waited 24 hours before the raid.", "24 hours",
     {"subject": None}),
    # ── ages ──
    ("The 33-year-old Orla Fenn joined the club in May.", "33-year-old",
     {"subject": "orla fenn"}),
    ("A 59-year-old grandmother was struck by a van.", "59-year-old",
     {"subject": "grandmother"}),
    ("Orla Fenn, a 33-year-old singer, was not hurt.", "33-year-old",
     {"subject": "orla fenn"}),
    ("The 39-year-old Harlow man was arrested at home.", "39-year-old", {"subject": "man"}),
    ("He left a 16-year-old son and an 18-year-old daughter.", "16-year-old",
     {"subject": "son"}),
    ("He left a 16-year-old son and an 18-year-old daughter.", "18-year-old",
     {"subject": "daughter"}),
    ("Police arrested a 60-year-old on Monday.", "60-year-old", {"subject": None}),
    ("Orla Fenn met a 60-year-old, who was not named.", "60-year-old", {"subject": None}),
    # ── distances ──
    ("The epicentre was 7 km east of Dargavo.", "7 km", {"subject": "dargavo"}),
    ("The town of Tarsk lies 40 miles from Vennor.", "40 miles", {"subject": "vennor"}),
    ("The port is 13 miles from the Kralevian frigate.", "13 miles", {"subject": None}),
    # ── dates: whose, when said ──
    ("Ivo Halvik died on December 17 in Tarsk.", "December 17",
     {"subject": "ivo halvik", "time": "own", "said_at": False}),
    ("Mara Ost visited Tarsk in July 2000.", "July 2000", {"subject": None}),
    ("Officials said on Thursday that the bridge would reopen.", "Thursday",
     {"said_at": True}),
    ("The bridge reopened on Thursday, officials said.", "Thursday", {"said_at": False}),
    ("Mara Ost told reporters on Monday the talks had failed.", "Monday", {"said_at": True}),
    # ── time ──
    ("The fund grew 8 percent in 2023.", "8 percent", {"time": "own"}),
    ("Last year's 8 percent rise was the highest.", "8 percent", {"time": "own"}),
    ("On Monday, 40 houses were flooded.", "40 houses", {"time": "sentence"}),
    ("About 40 houses were flooded.", "About 40 houses", {"time": "published"}),
    # ── actors and places ──
    ("Mara Ost signed 33 agreements during the visit to Tarsk.", "33 agreements",
     {"actors": ("mara ost",), "places": ("tarsk",)}),
    ("The Tarsk-based firm Olvane cut 200 jobs.", "200 jobs",
     {"actors": ("olvane",), "places": ("tarsk",)}),
    ("Harlow Rovers beat Tessly Town by 12 points in Marrow.", "12 points",
     {"actors": ("harlow rovers", "tessly town"), "places": ("marrow",), "subject": None}),
    # ── event: the word nearest that is not a name ──
    ("The blast at Orvella killed 12 people.", "12 people", {"event": "die"}),
    ("Ivo Halvik scored 23 points.", "23 points", {"event": "score"}),
]


def _extract(body):
    doc = Document(id="a", path="a.txt", text=f"Harbour storm closes the old quay\n\n{body}\n",
                   published=DAY)
    return extract(segment(doc)).claims


def _claim(sentence, text):
    found = [c for c in _extract(sentence) if c.text == text and c.sentence == sentence]
    assert len(found) == 1, [(c.text, c.sentence) for c in _extract(sentence)]
    return found[0]


@pytest.mark.parametrize("sentence,text,expected", CORPUS,
                         ids=[f"{i}:{row[1]}" for i, row in enumerate(CORPUS)])
def test_slot_corpus(sentence, text, expected):
    slots = _claim(sentence, text).slots
    assert {k: getattr(slots, k) for k in expected} == expected


def test_corpus_size():
    assert len(CORPUS) >= 60


@pytest.mark.parametrize("sentence,text", sorted({(r[0], r[1]) for r in CORPUS}))
def test_actors_and_places_are_the_frame_names(sentence, text):
    """Actors and places split the frame's names, never add or drop one."""
    c = _claim(sentence, text)
    assert sorted(c.slots.actors + c.slots.places) == sorted(c.frame.names)
    assert not set(c.slots.actors) & set(c.slots.places)


def test_a_sentence_opening_name_is_a_name_when_the_article_says_so():
    """A capital opening a sentence is a name only when the article writes it as one elsewhere:
    "Halvik scored…" with "praised Halvik" later, but not "Storms killed…"."""
    claims = _extract("Halvik scored 23 points in the opener.\n\n"
                      "Coach Rena Dost praised Halvik after the game.")
    assert [c.slots.subject for c in claims if c.text == "23 points"] == ["halvik"]
    claims = _extract("Storms killed 12 people across the coast.\n\n"
                      "Coach Rena Dost praised the rescuers after the storm.")
    assert [(c.slots.subject, c.slots.measure) for c in claims if c.text == "12 people"] == [
        (None, "people killed")]


def test_quotes_name_no_subject():
    """A quote's speaker is in its value; a subject there would keep apart the two sides of an
    attribution conflict (one quote put in two mouths)."""
    claims = _extract("Mara Ost said: “We will rebuild every house in this valley.”")
    quotes = [c for c in claims if c.kind == "quote"]
    assert quotes and all(c.slots.subject is None for c in quotes)


def test_linear_on_a_sentence_of_many_figures():
    """Each claim reads a few tokens beside it: 50,000 figures in one sentence stay linear."""
    sentence = "Ivo Halvik had " + ", ".join(f"{i} goals" for i in range(2, 50_002)) + "."
    mentions = find_quantities(sentence)
    assert len(mentions) > 45_000  # (the years among them are not counts)
    neighbours = Neighbours((m.start, m.end, m.kind) for m in mentions)
    frame = Frame(masked="", terms=(), names=("ivo halvik",))
    began = time.process_time()
    slots = [read_slots(sentence, m.start, m.end, m.kind, m.value, frame, neighbours)
             for m in mentions]
    assert time.process_time() - began < 5.0
    # A list is read through a few figures back, not all the way.
    assert slots[0].subject == "ivo halvik" and slots[2].subject == "ivo halvik"
    assert slots[-1].subject is None


def test_claims_json_carries_slots(tmp_path):
    from factcheck.report.claims import claims_document
    from factcheck.segment import segment as seg

    doc = Document(id="a", path="a.txt", published=DAY,
                   text="Harbour storm closes the old quay\n\nThe blast killed 12 people.\n")
    body = claims_document([extract(seg(doc))], [])
    claim = next(c for c in body["articles"][0]["claims"] if c["text"] == "12 people")
    assert claim["slots"] == {"measure": "people killed", "subject": None, "actors": [],
                              "places": [], "event": "die", "time": "published",
                              "said_at": False}


def test_linear_on_a_passage_of_many_names():
    """A quote over a huge passage of capitalized words: its names are not each looked for
    through all of it."""
    from factcheck.extract.frame import build_frame

    passage = "“" + " ".join(f"Vost{i} visited again" for i in range(20_000)) + ".” she said."
    frame = build_frame(passage, 0, len(passage) - 11, "quote")
    assert len(frame.names) > 10_000
    began = time.process_time()
    slots = read_slots(passage, 0, len(passage) - 11, "quote", None, frame)
    assert time.process_time() - began < 2.0
    assert len(slots.actors) == len(frame.names)


def _qualifier_entries():
    from factcheck import rules

    return [(str(w), group) for group, words in rules.load("slots")["qualifiers"].items()
            for w in words]


@pytest.mark.parametrize("entry,group", _qualifier_entries())
def test_every_qualifier_entry_can_match(entry, group):
    """Each word of rules/slots.yaml `qualifiers` is matched as written: a form nothing can
    match would be a silent gap in the list."""
    if " " in entry:
        sentence = f"It was the {entry} 12 people near the river."
    else:
        sentence = f"Twelve people were {entry} near the river."
    text = "12 people" if " " in entry else "Twelve people"
    assert _claim(sentence, text).slots.measure == f"people {group}"
