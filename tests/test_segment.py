"""Clean & segment: the story is kept (headline first), site chrome is dropped, offsets hold."""

from pathlib import Path

import pytest

from factcheck.model import Document
from factcheck.segment import segment

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

PAGE = """Home | World | Sport | Business
- Trending: Star striker signs 5-year deal worth $80 million
- Markets close 2% higher on Friday
Ferry capsizes off Lorne Island, 14 feared dead
Updated: March 4, 2025 2:10:07 pm
A passenger ferry capsized off Lorne Island on Monday, and 14 people are feared dead, the coast guard said.
Rescuers pulled 61 survivors from the water by nightfall. "We are still searching the north channel," said Captain Mara Quist.
- The ferry was built in 1998 and carried 75 people.
Subscribe to The Daily Ledger for ₹900 / 3 Months - SAVE 25%
MOST POPULAR
1. Actor Completes 11 Years In TV, Promises More
2. Heatwave: Power Demand Hits 8,656 MW As Mercury Soars.
"""


def test_story_kept_and_chrome_dropped():
    article = segment(Document(id="p", path="p.txt", text=PAGE))
    assert article.headline is not None
    assert article.headline.text == "Ferry capsizes off Lorne Island, 14 feared dead"
    texts = [s.text for s in article.sentences]
    assert texts[0] == article.headline.text
    assert "Rescuers pulled 61 survivors from the water by nightfall." in texts
    assert any("We are still searching" in t for t in texts)
    assert "The ferry was built in 1998 and carried 75 people." in texts
    joined = "\n".join(texts)
    for chrome in ("80 million", "2% higher", "₹900", "11 Years", "8,656 MW", "Updated"):
        assert chrome not in joined
    roles = {s.text: s.role for s in article.sentences}
    assert roles["The ferry was built in 1998 and carried 75 people."] == "key_point"


def test_offsets_point_into_the_file():
    article = segment(Document(id="p", path="p.txt", text=PAGE))
    for s in article.sentences:
        assert PAGE[s.start:s.end] == s.text


def test_sentences_do_not_split_inside_quotes_or_abbreviations():
    text = ("Harbour talks resume in Lorne\n"
            'Ms. Quist told the U.S. envoy, "We will not move. Not this year." The envoy left.\n')
    article = segment(Document(id="q", path="q.txt", text=text))
    body = [s.text for s in article.sentences if s.role != "headline"]
    assert body == ['Ms. Quist told the U.S. envoy, "We will not move. Not this year."',
                    "The envoy left."]


def test_title_from_metadata_is_the_headline():
    text = "Menu\nBridge reopens after 17 years\nThe old bridge reopened on Friday after 17 years of repairs.\n"
    article = segment(Document(id="m", path="m.md", text=text, title="Bridge reopens after 17 years"))
    assert article.headline is not None and article.headline.text == "Bridge reopens after 17 years"


def test_empty_and_chrome_only_documents_have_no_story():
    assert segment(Document(id="e", path="e.txt", text="\n\n  \n")).sentences == ()
    chrome = "Home | World\nSign in\nSubscribe now for $3/month\n"
    assert segment(Document(id="c", path="c.txt", text=chrome)).sentences == ()


SEED_HEADLINES = {
    "000": "Kim Jong Un meets Vladimir Putin in Russia",
    "001": "N Korea's Kim heads to Russia to revive old friendship",
    "002": "Russian President Vladimir Putin arrives in North Korea for his first visit in 24 years",
    "003": "North Korea's Kim Jong Un to meet Putin in Russia this month: U.S. official",
    "004": "Putin’s North Korea Visit For First Time In 25 years Amid US Tensions - Key Points",
}
SEED_CHROME = ["₹900", "3 Months", "SAVE 25%", "8,656 MW", "23-24 Years", "11 Years", "7 Injured",
               "Rs 18330", "16-year", "July 8", "2nd ODI", "14 Crops", "1 / 7", "Subscribe",
               "Sign in", "Comments have to be"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize("seed", sorted(SEED_HEADLINES))
def test_seed_story_and_chrome(seed):
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    text = path.read_text(encoding="utf-8")
    article = segment(Document(id=seed, path=str(path), text=text))
    assert article.headline is not None and article.headline.text == SEED_HEADLINES[seed]
    joined = "\n".join(s.text for s in article.sentences)
    for chrome in SEED_CHROME:
        assert chrome not in joined
    assert len(article.sentences) >= 8


PAGE_WITH_LINKS = """Coast Post
Home  News  Sport

Editor's picks
Film review: the second instalment of the harbour saga disappoints
Get 12 months for $39 — SAVE 40% today
Become a member: $2 for 2 months, then $12 a month

Ferry Operator Cuts Jobs After First Loss In Nine Years

By Staff Writer
Updated: March 3, 2025 9:00 am

The ferry operator said on Monday it would cut 120 jobs at its yard in the old harbour.

ALSO READ | Film review: the third instalment of the harbour saga disappoints

The company reported that its fares income fell last year, and unions said they would fight.

It was the first loss in nine years for the operator, which runs 14 boats.
"""


def test_in_story_links_and_offers_are_chrome_and_never_the_headline():
    article = segment(Document(id="p", path="p.txt", text=PAGE_WITH_LINKS))
    assert article.headline.text == "Ferry Operator Cuts Jobs After First Loss In Nine Years"
    story = " ".join(s.text for s in article.sentences)
    for chrome in ("Film review", "SAVE 40%", "Become a member", "ALSO READ"):
        assert chrome not in story
    assert "cut 120 jobs" in story and "runs 14 boats" in story


# A question from a list of links opens the densest run of prose; the lines after it (a menu,
# more links) share words with it and with each other, never with the story.
PAGES_WITH_A_TEASER_AND_LOOK_ALIKE_LINES = {
    "one teaser set apart from the story": ("""Harbour Herald
Home | Local | Sport | Money
LATEST
Ferry fares: what changes from Monday
5 walks to try before the frost sets in
Quiz: can you name every lighthouse on the coast?
Subscribe from $3.99 a month. Cancel anytime.
Local
Grain silo built in 1961 comes down in Portmere
Written by Ada Kestrel
Updated: March 4, 2025 9:15 am
ShareFacebookEmail
Demolition crews brought down the old grain silo in Portmere on Tuesday.
The silo, built in 1961, had stood empty for twenty years, the council said.
"It was part of the skyline," said resident Tom Vey.
""", "Grain silo built in 1961 comes down in Portmere"),
    "a menu shares two words with the teaser list": ("""Lakeside Gazette
Home | World | Business | Sport | Culture
LATEST
Weather: heavy rain expected in Dunmore this weekend
Quiz: how well do you know the rivers of the world?
Business: ten firms to watch this year
Film review: the sequel nobody asked for
Become a member: $2 for 2 months, then $12 a month
Business
Harrow Shipping cuts jobs after first loss in 14 years
The company blamed weak demand and higher fuel costs.
By Lena Moss
Updated: May 2, 2024 7:00 am
Harrow Shipping said on Monday that 420 jobs in Dunmore would go.
It was the first time in 14 years that Harrow Shipping had made a loss.
Unions in Dunmore said they would fight the cuts.
""", "Harrow Shipping cuts jobs after first loss in 14 years"),
    "a link repeated lower in the list": ("""Lakeside Gazette
Home  News  Money  Life
TRENDING
Lottery results: jackpot of 12 million unclaimed
Gardening: five shrubs that survive frost
Quiz: how well do you know the rivers of the world?
Lottery results: jackpot of 9 million unclaimed
Gardening: three shrubs for a shady corner
Digital access from $4.99 a month. Cancel anytime.
World
Mayor Tova Renn arrives in Castlereach on first visit in 9 years
The mayor is expected to discuss the ferry link with her counterpart.
Written by Olan Pike
Updated: June 3, 2024 8:00 am
Mayor Tova Renn arrived in Castlereach on Sunday, her first visit to the city in 9 years.
Renn last visited Castlereach in 2015, before the ferry link closed.
Officials said the talks would continue on Tuesday.
""", "Mayor Tova Renn arrives in Castlereach on first visit in 9 years"),
    "two teasers in the list": ("""Lakeside Gazette
Home  News  Money  Life
Top Stories
Quiz: how well do you know the rivers of the world?
Gardening: five shrubs that survive frost
Opinion: why Dunmore needs a new pier
Editor's picks
Podcast: three questions about the ferry, answered
Quiz: how well do you know the rivers of the world?
Digital access from $4.99 a month. Cancel anytime.
World
Mayor Tova Renn arrives in Castlereach on first visit in 9 years
The mayor is expected to discuss the ferry link with her counterpart.
Written by Olan Pike
Updated: June 3, 2024 8:00 am
Share this article
Mayor Tova Renn arrived in Castlereach on Sunday, her first visit to the city in 9 years.
Renn last visited Castlereach in 2015, before the ferry link closed.
Officials said the talks would continue on Tuesday.
""", "Mayor Tova Renn arrives in Castlereach on first visit in 9 years"),
    "a link sharing two words the story uses once": ("""Valley Courier
Home | World | Business | Sport
Just in
9 foods that help you sleep better
Quiz: how well do you know the capitals of the world?
Pictures: 6 stunning photos of the northern lights
Become a member: $2 for 2 months, then $12 a month
News
Tessly counts the cost of deadly floods
Thousands of residents of Tessly have been moved to shelters.
By Ada Kestrel
Updated: March 8, 2024 5:44 pm
At least 12 people were killed when floods hit Tessly on Sunday.
Volunteers brought food and blankets to the school halls of Tessly.
Charities have been helping families in Tessly since the floods.
""", "Tessly counts the cost of deadly floods"),
}


@pytest.mark.parametrize("case", sorted(PAGES_WITH_A_TEASER_AND_LOOK_ALIKE_LINES))
def test_a_teaser_ahead_of_the_story_loses_to_the_story_headline(case):
    page, headline = PAGES_WITH_A_TEASER_AND_LOOK_ALIKE_LINES[case]
    article = segment(Document(id="t", path="t.txt", text=page))
    assert article.headline is not None and article.headline.text == headline
    texts = [s.text for s in article.sentences]
    assert texts[0] == headline
    assert not any("Quiz" in t or "Lottery" in t or "Home" in t for t in texts)
    assert page.rstrip().splitlines()[-1] in texts  # and the story's body is kept


# A "sentence" longer than MAX_SENTENCE characters is read in pieces: cut after a clause mark
# in the piece's last quarter, else at a space, else (one endless word) anywhere.
_CLAUSE = "the ferry from Vellmar to Ostrand carried 12 km of cable for the new pier"
LONG_SENTENCES = [  # (text of one line, pieces expected, a phrase that must stay whole)
    ("Updated: May 2, 2025\n\n" + ", ".join([_CLAUSE] * 40) + ".", 2, "carried 12 km of cable"),
    ("Updated: May 2, 2025\n\n" + " ".join([_CLAUSE] * 70) + ".", 3, "carried 12 km of cable"),
    ("Updated: May 2, 2025\n\nThe story runs on " + "x" * 5000 + " and ends here.", 3, None),
    # Below the cap: one sentence, as before.
    ("Updated: May 2, 2025\n\n" + ", ".join([_CLAUSE] * 26) + ".", 1, None),
]


@pytest.mark.parametrize("text,pieces,whole", LONG_SENTENCES)
def test_overlong_sentence_is_read_in_pieces(text, pieces, whole):
    from factcheck.segment import MAX_SENTENCE

    article = segment(Document(id="l", path="l.txt", text=text))
    got = [s for s in article.sentences if s.role != "headline"]
    assert len(got) == pieces
    for s in got:
        assert len(s.text) <= MAX_SENTENCE and text[s.start:s.end] == s.text
    line = text.split("\n")[-1]
    assert "".join(s.text for s in got).replace(" ", "") == line.replace(" ", "")
    if whole and pieces > 1:
        assert all(s.text.count(whole) == s.text.count("12 km") for s in got)
        assert all(s.text.endswith((",", ".")) for s in got) or "," not in line


def test_full_stops_in_a_long_line_are_read_in_linear_time():
    """Each full stop reads the word before it, not the whole sentence so far: "x. y. " × 50,000
    took minutes."""
    import time

    text = "Updated: May 2, 2025\n\nThe ferry sailed, " + "at dawn, x. y. " * 40_000 + "End."
    t = time.process_time()
    segment(Document(id="s", path="s.txt", text=text))
    assert time.process_time() - t < 3
