"""A corpus per rule (issue 15), Duckling style: for every named rule of alignment and comparison,
pairs of claims from small articles of our own (invented names, news-shaped sentences, each with
a publication date), and which rule must decide and how.

Every row goes through the real stages (load of a Markdown file with its date, segment,
extract) and asserts through the rules' own words: `explain_pair` for alignment (the rule is in
the trace with that outcome), `compare.judge` for comparison (the first rule that decides), and
a finding's `trace` for the rules that form findings. A row whose `expect` is None is a
negative: the rule must not speak for that pair, usually because another rule decides (`then`).
`test_every_rule_has_a_corpus` keeps a new rule from arriving without rows (three at least, a
positive and a negative); `test_every_row_can_fail` breaks each row's expectation in turn and
checks that the row then fails. KNOWN_GAPS are rows the rules get wrong today, as strict xfails.

Comparison rows also say whether alignment lines the pair up (`paired`): every comparison rule
is reached by pairs a run would judge, except `units-differ`, a guard that alignment's blocking
by unit (rule `family`) never lets a pair reach.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

import pytest

from factcheck.align import align, explain_pair
from factcheck.batch import analyse_one
from factcheck.compare import compare, for_draft, grade_quotes, judge
from factcheck.facts import load_factbook
from factcheck.load import load_file
from factcheck.model import Claim, Extraction
from factcheck.rulebook import REGISTER

DAY = "2025-03-12"  # a Wednesday
NEXT_DAY = "2025-03-13"
LATER = "2025-06-04"  # months on: another news cycle
UNDATED = None


def story(headline: str, *paragraphs: str, day: Optional[str] = DAY) -> tuple:
    """An article: its headline, then its paragraphs (the first is read as the standfirst)."""
    return ("article", day, "\n\n".join((headline,) + paragraphs))


def fact(text: str, as_of: str = DAY) -> tuple:
    """A fact-book entry (claims.yaml), trusted and extracted like an article."""
    return ("fact", as_of, text)


Ref = tuple  # (article id, claim text) or (article id, claim text, sentence role)


@dataclass(frozen=True)
class Row:
    rule: str
    expect: Optional[str]  # the rule's outcome; None: the rule must not speak for this pair
    articles: tuple  # story(...) and fact(...): ids a0, a1, … and f0, f1, … in order
    a: Ref
    b: Ref
    then: Optional[tuple[str, str]] = None  # (rule, outcome) that decides instead, if any
    paired: bool = True  # comparison rows: alignment lines the two up (a pair a run would judge)


# ── loading through the real stages ───────────────────────────────────────────────────────────

_LOADED: dict[tuple, list[Claim]] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("rules")


def claims_of(articles: tuple, folder) -> list[Claim]:
    """Every claim of a batch, as a run reads it: articles from Markdown files with their date
    in the front matter, facts from a claims.yaml."""
    known = _LOADED.get(articles)
    if known is not None:
        return known
    where = folder / f"batch{len(_LOADED)}"  # one folder per batch: a0.md … in each
    where.mkdir()
    claims: list[Claim] = []
    facts = [spec for spec in articles if spec[0] == "fact"]
    n = 0
    for kind, day, text in articles:
        if kind != "article":
            continue
        path = where / f"a{n}.md"
        front = f"outlet: Outlet {n}\n" + (f"date: {day}\n" if day else "")
        path.write_text(f"---\n{front}---\n{text}\n", encoding="utf-8")
        docs, errors = load_file(str(path))
        assert not errors and len(docs) == 1
        done = analyse_one(docs[0])
        assert isinstance(done, Extraction)
        claims.extend(done.claims)
        n += 1
    if facts:
        book = where / "claims.yaml"
        book.write_text("facts:\n" + "".join(
            f"  - id: f{i}\n    text: {text}\n    as_of: {day}\n    source: desk archive\n"
            for i, (_, day, text) in enumerate(facts)), encoding="utf-8")
        for doc in load_factbook(str(book)).facts:
            done = analyse_one(doc)
            assert isinstance(done, Extraction) and doc.trusted
            claims.extend(done.claims)
    _LOADED[articles] = claims
    return claims


def pick(claims: list[Claim], ref: Ref) -> Claim:
    article, text, *role = ref
    found = [c for c in claims if c.article == article and c.text == text
             and (not role or c.role == role[0])]
    assert len(found) == 1, (
        f"{ref}: expected one such claim, found {len(found)} among "
        f"{[(c.article, c.role, c.text) for c in claims]}")
    return found[0]


def said(trace, rule: str) -> list[str]:
    return [v.outcome for v in trace if v.rule == rule]


def shown(trace) -> str:
    return "\n".join(f"  {v.rule}: {v.outcome} {v.weight} {v.reason}" for v in trace)


# ── alignment: vetoes ─────────────────────────────────────────────────────────────────────────

TWO_TOWNS_ONE_SENTENCE = (story(
    "Storm batters the northern coast overnight",
    "A storm swept the northern coast on Tuesday night.",
    "The storm killed 14 people in Harlow and 9 people in Tessly, officials said."),)
TWO_COUNTS_IN_HEADLINE = (story(
    "Storm kills 14 people in Harlow and 9 people in Tessly",
    "The storm killed 14 people in Harlow on Tuesday night."),)
TWO_TERMS_ONE_SENTENCE = (story(
    "Idris Vell keeps the Harlow mayoralty",
    "Idris Vell won the Harlow mayoral race in 2016 and in 2020, and won it again on Sunday."),)
HEADLINE_AND_BODY_TOLL = (story(
    "Storm kills 14 people in Harlow",
    "A storm swept the northern coast on Tuesday night.",
    "The storm killed 12 people in Harlow, officials said."),)
TWO_BODY_TOLLS = (story(
    "Storm batters the northern coast overnight",
    "A storm swept the northern coast on Tuesday night.",
    "The storm killed 14 people in Harlow, officials said.",
    "The storm killed 9 people in the Harlow harbour district, officials said."),)
TWO_BODY_YEARS = (story(
    "Harlow bridge finally opens to traffic",
    "The new Harlow bridge opened to traffic on Monday.",
    "Work on the Harlow bridge began in 2019 after years of delay.",
    "Work on the Harlow ring road began in 2021, the council said."),)
KEY_POINTS = (story(
    "Harlow council passes its budget for the year",
    "The Harlow council passed its budget on Tuesday after a long night of talks.",
    "- The council will hire 40 teachers for Harlow schools.",
    "- The council will hire 25 teachers for Tessly schools.",
    "The vote was close, members said."),)
KEY_POINT_AND_BODY = (story(
    "Harlow council passes its budget for the year",
    "The Harlow council passed its budget on Tuesday after a long night of talks.",
    "- The council will hire 40 teachers for Harlow schools.",
    "The council will hire 45 teachers for Harlow schools next year, members said."),)
TWO_OUTLETS_ONE_TOLL = (
    story("Storm batters the northern coast overnight",
          "The storm killed 14 people in Harlow on Tuesday, officials said."),
    story("Deadly storm on the northern coast",
          "The storm killed 16 people in Harlow on Tuesday, the mayor said."))
TERMS_IN_ONE_ARTICLE = (story(
    "Halvik wins second term as Harlow mayor",
    "Idris Halvik won a third term as mayor of Harlow on Sunday, officials said."),)
FIRST_AND_SECOND_VISIT = (story(
    "Halvik makes first visit to Tessly as president",
    "President Idris Halvik arrived in Tessly on Tuesday, his second visit to the city as "
    "president, aides said."),)
TERMS_IN_TWO_ARTICLES = (
    story("Halvik wins second term as Harlow mayor",
          "Idris Halvik won a second term as mayor of Harlow on Sunday."),
    story("Harlow voters return Halvik to the mayor's office",
          "Idris Halvik won a third term as mayor of Harlow on Sunday."))
FACT_BOOK_TWICE = (
    fact("The Harlow bridge opened in 2021."),
    fact("The Harlow bridge cost $310 million to build."),
    fact("Work on the Harlow bridge began in 2018."),
    story("Harlow bridge turns four",
          "Work on the Harlow bridge began in 2017, the council said."))
VISIT_WITH_ELAPSED = (
    story("Halvik lands in Tessly for rare visit",
          "President Idris Halvik landed in Tessly on Tuesday for his first visit in 18 years."),
    story("Halvik arrives in Tessly for trade talks",
          "President Idris Halvik landed in Tessly on Monday, officials said."))
VISIT_WITHOUT_ELAPSED = (
    story("Halvik lands in Tessly for trade talks",
          "President Idris Halvik landed in Tessly on Tuesday, his aides said."),
    story("Halvik arrives in Tessly for trade talks",
          "President Idris Halvik landed in Tessly on Monday, officials said."))
WATER_PACTS = (
    story("Harlow and Tessly sign a new water pact",
          "The new pact replaces the water agreements Harlow and Tessly signed in 1998, 2009 and "
          "2014, the council said."),
    story("Water pact for Harlow and Tessly",
          "Harlow and Tessly last signed a water agreement in 2009, the council said."))
WATER_PACTS_TWICE = WATER_PACTS[:1] + (story(
    "Harlow and Tessly agree on water",
    "The pact takes the place of the water agreements Harlow and Tessly signed in 1998, 2009 "
    "and 2014, officials said."),)
LAST_VISITS = (
    story("Halvik back in Tessly",
          "President Idris Halvik last visited Tessly in May 2007, when the old bridge still "
          "stood."),
    story("Halvik lands in Tessly",
          "Halvik last visited Tessly in May 2009 and signed a trade deal there, his office "
          "said."))
LAST_VISIT_BESIDE_ELAPSED = (
    story("Halvik lands in Tessly",
          "President Idris Halvik landed in Tessly on Tuesday for his first visit in 18 years; he "
          "last visited in May 2007."),
    LAST_VISITS[1])
FOUNDED_AND_LOSS = (
    story("Miovara Foods posts its first loss",
          "Miovara Foods was founded in the port city in 1987."),
    story("Miovara Foods in the red",
          "It was the first time in 26 years that Miovara Foods had made a loss."))
OPENED_AND_NAMED = (
    story("Harlow bridge opens to traffic",
          "The Harlow bridge opened to traffic in 2021 after long delays."),
    story("Halvik praises Harlow bridge",
          "Idris Halvik has been the mayor of Harlow since 2016."))
BRIDGE_BEGUN = (
    story("Harlow bridge finally opens to traffic",
          "Work on the Harlow bridge began in 2019, officials said."),
    story("New bridge opens in Harlow",
          "Work on the Harlow bridge began in 2020."))
BRIDGE_OPENED_AND_BEGUN = (
    story("Harlow bridge finally opens to traffic",
          "The Harlow bridge opened in 2021 to cheering crowds."),
    story("New bridge opens in Harlow",
          "Work on the Harlow bridge began in 2019."))
TWO_TEXTILE_FIRMS = (
    story("Textile makers report a bad year",
          "Sales at Pavara Textiles fell 12% last year, the company said."),
    story("Textile makers report a bad year",
          "Sales at Priothara Textiles fell 21% last year, the company said."))
TWO_SCORERS = (
    story("Cup tie goes to extra time",
          "Mara Quell scored 23 points in the cup tie on Saturday."),
    story("Cup tie goes to extra time",
          "Jonas Brecht scored 31 points in the cup tie on Saturday."))
AGREEMENTS_TWO_PLACES = (
    story("Trade deals signed on Harlow visit",
          "Officials signed 3 agreements during the visit to Harlow."),
    story("Trade deals signed on Tessly visit",
          "Officials signed 5 agreements during the visit to Tessly."))
SURNAME_AND_FULL_NAME = (
    story("Summit in Harlow draws ministers",
          "President Halvik said on Tuesday that 40 ministers would attend the summit."),
    story("Ministers head to Harlow summit",
          "Halvik said 60 ministers would attend the summit."))
AGREEMENTS_WHO_AND_WHERE = (
    story("Trade deals signed in Harlow",
          "Officials said 38 agreements were signed during the visit to Harlow."),
    story("Gouvoya and Viskoya seal trade deals",
          "Gouvoya and Viskoya signed 27 agreements covering trade, energy and transport."))
QUOTED_TWICE = (
    story("Halvik rejects the water plan",
          'Halvik told reporters: "We will not accept the water plan this month, as we agreed '
          'in March."'),
    story("Halvik says no to water plan",
          '"We will not accept the water plan this month, as we agreed in March," Halvik told '
          'reporters.'))
WIRE_RUN_TWICE = (
    story("Storm batters the northern coast overnight",
          "The storm killed 14 people in Harlow and injured 30 people in nearby villages, "
          "officials said on Wednesday."),
    story("Deadly storm on the northern coast",
          "The storm killed 14 people in Harlow and injured 30 people in nearby villages, "
          "officials said on Wednesday."))

RANGE_AND_FIGURE = (
    story("Two clubs chase the striker",
          "The Herons bid $80 million over six years, while the Larks offered $75 million "
          "over five."),
    story("Larks make their move", "The Larks offered $75 million for the striker on Monday."))
SEASON_AND_GAME = (
    story("Lind on a tear", "In a combined 150 games with two clubs, Arvo Lind hit 31 homers."),
    story("Gulls slugger keeps hitting", "With the Gulls, Arvo Lind hit 12 homers."))
PATROLS_SO_FAR = (
    story("Coast guard seizes rifles", "In four patrols so far, the crew has seized 19 rifles."),
    story("Another haul at sea", "During its patrol on Tuesday the crew seized seven rifles."))
SEASON_TOTALS = (
    story("Lind on a tear", "Arvo Lind has hit 31 homers so far this season."),
    story("Gulls slugger keeps hitting", "Arvo Lind has hit 29 homers so far this season."))
TWO_ROUNDS = (
    story("Dorn keeps his belt", "The fourth round was quieter than the first three."),
    story("Dorn stops Vale", "Tomas Dorn stopped Kai Vale in the sixth round on Saturday."))
TWO_ROUNDS_NINTH = (
    story("Dorn keeps his belt", "Kai Vale was knocked down in the second round of the bout."),
    story("Dorn stops Vale", "The referee halted the bout in the ninth round."))
ONE_STOPPAGE = (
    story("Dorn keeps his belt", "Tomas Dorn won the bout by stoppage in the sixth round."),
    story("Dorn stops Vale", "Tomas Dorn won the bout by stoppage in the seventh round."))
DRIVER_AND_SHOPPER = (
    story("Hit-and-run in Harlow",
          "Police said the 41-year-old driver of the car kept going after the crash."),
    story("Shopper hurt in Harlow",
          "Police said the car struck a 73-year-old shopper in the crash."))
TWO_FIGHTERS_AGES = (
    story("Brandt wins again", "The 29-year-old Brandt beat Okafor for the title on Saturday."),
    story("Okafor beaten", "The 33-year-old Okafor lost the title to Brandt on Saturday."))
ONE_TEACHER_AGE = (
    story("Teacher arrested", "Officers arrested 58-year-old Mirela Dast on Friday in Harlow."),
    story("Teacher charged", "Police charged 57-year-old Mirela Dast on Friday in Harlow."))

VISIT_TEMPLATE = (  # a roundup of two visits, and one of them on its own
    story("Two leaders abroad",
          "President Idris Halvik of Drethanta arrived in Oruvel on Wednesday for his first "
          "visit to the island nation in 18 years, Harlow Radio reported.",
          "President Ana Tessly of Kralevia arrived in Murland on Wednesday for her first "
          "visit to the island nation in 21 years, Harlow Radio reported."),
    story("Tessly lands in Murland",
          "President Ana Tessly of Kralevia arrived in Murland on Wednesday for her first "
          "visit to the island nation in 21 years, Harlow Radio reported."))
QUOTE_TEMPLATE = (
    story("Halvik thanks Oruvel",
          '"Our friendship with Oruvel is older than any treaty," President Idris Halvik of '
          'Drethanta told reporters in Oruvel.'),
    story("Tessly thanks Murland",
          '"Our friendship with Murland is older than any treaty," President Ana Tessly of '
          'Kralevia told reporters in Murland.'))

QUOTE_TEMPLATE_ROUNDUP = (  # a roundup of two leaders abroad, and one of them on her own
    story("Two leaders abroad",
          '"Our friendship with Oruvel is older than any treaty," President Idris Halvik of '
          'Drethanta told reporters in Oruvel.',
          '"Our friendship with Murland is older than any treaty," President Ana Tessly of '
          'Kralevia told reporters in Murland.'),
    story("Tessly thanks Murland",
          '"Our friendship with Murland is older than any treaty," President Ana Tessly of '
          'Kralevia told reporters in Murland.'))

OFFERS_TWO_CLUBS = (
    story("Clubs chase Quell", "Harlow Rovers offered $5 million for Mara Quell, the club said."),
    story("Quell transfer race", "Tessly City offered $7 million for Mara Quell, the club said."))
SCORERS_OF_ONE_TEAM = (
    story("Harlow Rovers beat Tessly City in the cup",
          "Mara Quell scored 23 points for Harlow Rovers on Saturday."),
    story("Rovers win the cup tie",
          "Jonas Brecht scored 31 points for Harlow Rovers on Saturday."))
KILLED_AND_INJURED = (
    story("Storm batters the northern coast overnight",
          "The storm killed 14 people in Harlow on Tuesday, officials said."),
    story("Deadly storm on the northern coast",
          "The storm injured 16 people in Harlow on Tuesday, officials said."))
BLAST_DEAD_AND_HURT = (
    story("Blast at Harlow plant", "The blast injured 12 people at the plant in Harlow."),
    story("Harlow plant blast", "The blast killed 9 people at the plant in Harlow."))

POET_BORN = (
    story("Harlow poet dies", "Ines Dorn, who was born in a fishing village near Harlow on "
          "April 24, 1923, wrote eleven books of verse."),
    story("Ines Dorn remembered", "Born on April 22, 1923, Ines Dorn published her first book "
          "at nineteen."))
FERRY_LAUNCHED = (
    story("Old ferry retired", "The Grey Heron, launched by the Harlow yard on June 3, 1998, "
          "made its last crossing on Sunday."),
    story("Farewell to the Grey Heron", "Launched on June 5, 1998, the Grey Heron carried "
          "ferry passengers for 27 years."))
POET_BORN_AND_DIED = (
    story("Harlow poet dies", "Ines Dorn, who was born in a fishing village near Harlow on "
          "April 24, 1923, wrote eleven books of verse."),
    story("Ines Dorn remembered", "Ines Dorn, who died in Harlow on May 2, 2001, published her "
          "first book at nineteen."))

TWO_HAPPENINGS = (
    story("Harlow remembers the flood", "It happened in 1998, when the river broke its banks."),
    story("Tessly marks an anniversary", "It happened in 2003, a week before the harvest."))

ALIGN_VETOES = [
    # one-sentence: a sentence that lists several figures states several facts.
    Row("one-sentence", "veto", TWO_TOWNS_ONE_SENTENCE, ("a0", "14 people"), ("a0", "9 people")),
    Row("one-sentence", "veto", TWO_COUNTS_IN_HEADLINE, ("a0", "14 people", "headline"),
        ("a0", "9 people")),
    Row("one-sentence", "veto", TWO_TERMS_ONE_SENTENCE, ("a0", "2016"), ("a0", "2020")),
    Row("one-sentence", None, HEADLINE_AND_BODY_TOLL, ("a0", "14 people"), ("a0", "12 people"),
        then=("same-fact", "score")),
    Row("one-sentence", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
    # two-body-sentences: one story's body counts one thing after another.
    Row("two-body-sentences", "veto", TWO_BODY_TOLLS, ("a0", "14 people"), ("a0", "9 people")),
    Row("two-body-sentences", "veto", TWO_BODY_YEARS, ("a0", "2019"), ("a0", "2021")),
    Row("two-body-sentences", "veto", KEY_POINTS, ("a0", "40 teachers"), ("a0", "25 teachers")),
    Row("two-body-sentences", None, HEADLINE_AND_BODY_TOLL, ("a0", "14 people"),
        ("a0", "12 people"), then=("same-fact", "score")),
    Row("two-body-sentences", None, KEY_POINT_AND_BODY, ("a0", "40 teachers"),
        ("a0", "45 teachers"), then=("same-fact", "score")),
    Row("two-body-sentences", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"),
        ("a1", "16 people"), then=("same-fact", "score")),
    # ordinal-in-one-article: one story's ordinals rank different things.
    Row("ordinal-in-one-article", "veto", TERMS_IN_ONE_ARTICLE, ("a0", "second"), ("a0", "third")),
    Row("ordinal-in-one-article", "veto", FIRST_AND_SECOND_VISIT, ("a0", "first"),
        ("a0", "second")),
    Row("ordinal-in-one-article", None, TERMS_IN_TWO_ARTICLES, ("a0", "second", "standfirst"),
        ("a1", "third"), then=("same-fact", "score")),
    # both-fact-book: the fact book is checked against articles, not against itself.
    Row("both-fact-book", "veto", FACT_BOOK_TWICE, ("f0", "2021"), ("f2", "2018")),
    Row("both-fact-book", None, FACT_BOOK_TWICE, ("f2", "2018"), ("a0", "2017"),
        then=("same-fact", "score")),
    Row("both-fact-book", None, BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020"),
        then=("same-fact", "score")),
    # date-beside-elapsed: "landed on Tuesday for his first visit in 18 years".
    Row("date-beside-elapsed", "veto", VISIT_WITH_ELAPSED, ("a0", "Tuesday"), ("a1", "Monday")),
    Row("date-beside-elapsed", "veto", VISIT_WITH_ELAPSED, ("a1", "Monday"), ("a0", "Tuesday")),
    Row("date-beside-elapsed", None, VISIT_WITHOUT_ELAPSED, ("a0", "Tuesday"), ("a1", "Monday"),
        then=("same-fact", "score")),
    # ...unless the date's own clause gives it as the last time: then it is the previous one.
    Row("date-beside-elapsed", None, LAST_VISIT_BESIDE_ELAPSED, ("a0", "May 2007"),
        ("a1", "May 2009"), then=("same-fact", "score")),
    # list-item: each value of a list is a fact of its own.
    Row("list-item", "veto", WATER_PACTS, ("a0", "2009"), ("a1", "2009")),
    Row("list-item", "veto", WATER_PACTS, ("a0", "1998"), ("a1", "2009")),
    Row("list-item", "veto", WATER_PACTS_TWICE, ("a0", "1998"), ("a1", "2009")),
    Row("list-item", None, WATER_PACTS_TWICE, ("a0", "2009"), ("a1", "2009"),
        then=("same-fact", "score")),
    Row("list-item", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
    # time-needs-event: a year counts nothing by itself.
    Row("time-needs-event", "veto", FOUNDED_AND_LOSS, ("a0", "1987"), ("a1", "26 years")),
    Row("time-needs-event", "veto", OPENED_AND_NAMED, ("a0", "2021"), ("a1", "2016")),
    # a light verb names no event: "it happened in 1998" and "it happened in 2003"
    Row("time-needs-event", "veto", TWO_HAPPENINGS, ("a0", "1998"), ("a1", "2003")),
    Row("time-needs-event", None, BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020"),
        then=("same-fact", "score")),
    Row("time-needs-event", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
    # different-names: the same sentence about other people or places is another fact.
    Row("different-names", "veto", TWO_TEXTILE_FIRMS, ("a0", "12%"), ("a1", "21%")),
    Row("different-names", "veto", TWO_SCORERS, ("a0", "23 points"), ("a1", "31 points")),
    Row("different-names", "veto", AGREEMENTS_TWO_PLACES, ("a0", "3 agreements"),
        ("a1", "5 agreements")),
    Row("different-names", None, SURNAME_AND_FULL_NAME, ("a0", "40 ministers"),
        ("a1", "60 ministers"), then=("same-fact", "score")),
    Row("different-names", None, AGREEMENTS_WHO_AND_WHERE, ("a0", "38 agreements"),
        ("a1", "27 agreements"), then=("same-fact", "score")),
    # one-sentence-run-twice: one wire sentence, two values at different places in it.
    Row("one-sentence-run-twice", "veto", QUOTED_TWICE, ("a0", "this month"), ("a1", "March")),
    Row("one-sentence-run-twice", None, WIRE_RUN_TWICE, ("a0", "14 people"),
        ("a1", "30 people"), then=("value-elsewhere", "veto")),
    # other-cast: one template sentence run for another event, other names in every role.
    Row("other-cast", "veto", VISIT_TEMPLATE, ("a0", "18 years"), ("a1", "21 years")),
    Row("other-cast", "veto", QUOTE_TEMPLATE_ROUNDUP,
        ("a0", '"Our friendship with Oruvel is older than any treaty,"'),
        ("a1", '"Our friendship with Murland is older than any treaty,"')),
    # same-claim: a claim is not weighed against itself.
    Row("same-claim", "veto", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a0", "14 people")),
    Row("same-claim", "veto", QUOTE_TEMPLATE,
        ("a1", '"Our friendship with Murland is older than any treaty,"'),
        ("a1", '"Our friendship with Murland is older than any treaty,"')),
    Row("same-claim", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
    Row("other-cast", None, SURNAME_AND_FULL_NAME, ("a0", "40 ministers"),
        ("a1", "60 ministers"), then=("same-fact", "score")),
    # value-elsewhere: the other outlet's figure stands in my own sentence: it matches that.
    Row("value-elsewhere", "veto", WIRE_RUN_TWICE, ("a0", "14 people"), ("a1", "30 people")),
    Row("value-elsewhere", "veto", RANGE_AND_FIGURE, ("a0", "$80 million"),
        ("a1", "$75 million")),
    Row("value-elsewhere", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
    # scope: a running total against one occasion.
    Row("scope", "veto", SEASON_AND_GAME, ("a0", "31 homers"), ("a1", "12 homers")),
    Row("scope", "veto", PATROLS_SO_FAR, ("a0", "19 rifles"), ("a1", "seven rifles")),
    Row("scope", None, SEASON_TOTALS, ("a0", "31 homers"), ("a1", "29 homers"),
        then=("same-fact", "score")),
    # sequence-ordinal: a story passes through every round.
    Row("sequence-ordinal", "veto", TWO_ROUNDS, ("a0", "fourth"), ("a1", "sixth")),
    Row("sequence-ordinal", "veto", TWO_ROUNDS_NINTH, ("a0", "second"), ("a1", "ninth")),
    Row("sequence-ordinal", None, ONE_STOPPAGE, ("a0", "sixth"), ("a1", "seventh"),
        then=("same-fact", "score")),
    # different-subject: two players' points, two clubs' offers (extract's subject slot).
    Row("different-subject", "veto", SCORERS_OF_ONE_TEAM, ("a0", "23 points"),
        ("a1", "31 points")),
    Row("different-subject", "veto", OFFERS_TWO_CLUBS, ("a0", "$5 million"), ("a1", "$7 million")),
    Row("different-subject", None, SURNAME_AND_FULL_NAME, ("a0", "40 ministers"),
        ("a1", "60 ministers"), then=("same-fact", "score")),
    # different-measure: killed is not injured (extract's measure slot).
    Row("different-measure", "veto", KILLED_AND_INJURED, ("a0", "14 people"), ("a1", "16 people")),
    Row("different-measure", "veto", BLAST_DEAD_AND_HURT, ("a0", "12 people"), ("a1", "9 people")),
    Row("different-measure", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
    # whose-age: an age belongs to one person.
    Row("whose-age", None, DRIVER_AND_SHOPPER, ("a0", "41-year-old"), ("a1", "73-year-old"),
        then=("different-subject", "veto")),
    Row("whose-age", "veto", TWO_FIGHTERS_AGES, ("a0", "29-year-old"), ("a1", "33-year-old")),
    Row("whose-age", None, ONE_TEACHER_AGE, ("a0", "58-year-old"), ("a1", "57-year-old"),
        then=("same-fact", "score")),
    Row("one-sentence-run-twice", None, QUOTED_TWICE, ("a0", "March"), ("a1", "March"),
        then=("same-fact", "score")),
    Row("one-sentence-run-twice", None, WIRE_RUN_TWICE, ("a0", "30 people"), ("a1", "30 people"),
        then=("same-fact", "score")),
]


# ── alignment: evidence for "same fact", and the rules around it ──────────────────────────────

TOLL_AND_FESTIVAL = (
    story("Storm batters the northern coast overnight",
          "The storm killed 14 people in Harlow on Tuesday, officials said."),
    story("Festival season opens early",
          "About 200 people danced at the spring fair in Tessly."))
SAME_NAMES_OTHER_WORDS = (
    story("Harlow council makes its choices for the year",
          "In Harlow, where the council met late into the night, members agreed to hire 40 "
          "teachers."),
    story("Harlow schools short of staff",
          "Unions in Harlow warned that 55 teachers could quit before the summer."))
AGREEMENTS_SIGNED = (
    story("Deals sealed on the Harlow visit",
          "Officials said 46 agreements were signed during the three-day visit to Harlow, the "
          "ministry added."),
    story("Harlow visit ends with a pile of deals",
          "In Harlow the two sides signed 33 agreements on trade, energy, farming, ports and "
          "transport."))
AGREEMENTS_ALIKE = (
    story("Deals sealed on the Harlow visit",
          "The two sides signed 48 agreements on trade and transport in Harlow on Tuesday."),
    story("Harlow visit ends with a pile of deals",
          "The two sides signed 33 agreements on trade and transport in Harlow on Tuesday."))
BRIDGE_OPENED_TWICE = (
    story("Harlow bridge turns four",
          "The Harlow bridge opened in 2021 to cheering crowds."),
    story("Harlow bridge repairs begin",
          "The Harlow bridge opened in 2022 after long delays."))
BRIDGE_LENGTHS = (
    story("Harlow opens its new river crossing",
          "The new bridge is 640 metres long and carries two rail tracks."),
    story("A crossing for Harlow at last",
          "The 910 metres span links the two halves of Harlow."))
BRIDGE_COST_AND_LOAN = (
    story("Harlow bridge bill comes in",
          "The bridge in Harlow cost $310 million to build."),
    story("Harlow borrows for its bridge",
          "Harlow borrowed $200 million from the regional bank."))
AGREEMENTS_COUNTED_TWICE = (
    story("Deals sealed on the Harlow visit",
          "The two sides signed 48 agreements on trade, energy and transport in Harlow.",
          "Earlier talks in Harlow produced 12 agreements."),
    story("Harlow visit ends with a pile of deals",
          "Officials said 33 agreements were signed during the visit to Harlow."))
SAID_ON_THURSDAY = (
    story("Harlow bridge opening delayed",
          "The Harlow bridge will open on Friday, officials said on Thursday."),
    story("Harlow bridge to open this week",
          "The Harlow bridge will open on Saturday, the council said."))
PEOPLE_AND_PERCENT = (
    story("Harlow votes on the new bridge",
          "In Harlow, 40 people voted against the new bridge on Sunday."),
    story("Harlow backs its new bridge",
          "In Harlow, 40% voted against the new bridge on Sunday."))
QUOTE_TWO_RENDERINGS = (
    story("Halvik vows to keep the ferry running",
          'Mayor Idris Halvik said: "We will keep the Harlow ferry running through the whole '
          'winter."'),
    story("Harlow ferry to run all winter",
          '"We will keep the Harlow ferry running through the winter," Mayor Idris Halvik told '
          'reporters.'))
QUOTE_TWO_STATEMENTS = (
    story("Halvik vows to keep the ferry running",
          'Mayor Idris Halvik said: "We will keep the Harlow ferry running through the whole '
          'winter."'),
    story("Halvik on the bridge budget",
          '"Nobody in this council wants to pay twice for one bridge," Mayor Idris Halvik told '
          'reporters.'))

FAIR_TOWNS = ("Abrel", "Bostrin", "Calvara", "Dunmere", "Estly", "Fenwick", "Gorsa", "Hollin",
              "Iskar", "Jorvel", "Kelmar", "Lostra", "Morrin", "Nethly", "Ostrel", "Pellin",
              "Quarn", "Restly", "Sorrel", "Tavin", "Ulmar", "Vessin", "Worra", "Yelland")


def in_a_big_batch(*articles: tuple) -> tuple:
    """The articles first, then a town fair each from 24 other towns: a batch too large to be
    read as one story, so it is cut into stories by the names articles share."""
    return articles + tuple(story(f"{town} fair opens", f"The {town} spring fair opened on "
                                  f"Saturday with music and food, its organisers said.")
                            for town in FAIR_TOWNS)


TUESDAY_MONTHS_APART = (  # one event: the later piece dates the storm the first reports
    story("Harlow ferry back in service", "The Harlow ferry resumed service on Tuesday.",
          "Tessly Lines said the storm had kept the Harlow ferry in port for a week."),
    story("Harlow ferry back in service", "The Harlow ferry resumed service on Tuesday.",
          "Tessly Lines said the storm of March 8, 2025 had kept the Harlow ferry in port for a "
          "week.", day=LATER))
FULL_DATES_MONTHS_APART = (
    story("Harlow ferry back in service",
          "The Harlow ferry resumed service on March 3, 2025."),
    story("Harlow ferry looks back", "The Harlow ferry resumed service on March 4, 2025.",
          day=LATER))
TUESDAY_MONTHS_APART_ONLY = (  # nothing ties them: two returns of the ferry, months apart
    story("Harlow ferry back in service", "The Harlow ferry resumed service on Tuesday."),
    story("Harlow ferry back in service", "The Harlow ferry resumed service on Tuesday.",
          day=LATER))
FLOODS_TWO_TOWNS = (
    story("Harlow floods", "Floods killed 14 people in Harlow on Tuesday, Mayor Ines Dorn said."),
    story("Tessly floods",
          "Floods killed 16 people in Tessly on Tuesday, Mayor Tomas Reyes said."))
FLOODS_ONE_TOWN = (
    story("Harlow floods", "Floods killed 14 people in Harlow on Tuesday, Mayor Ines Dorn said."),
    story("Harlow floods toll",
          "Floods killed 16 people in Harlow on Tuesday, Mayor Ines Dorn told reporters."))
QUOTE_SHORTENED = (
    story("Halvik vows to keep the ferry running",
          'Mayor Idris Halvik said: "We will keep the Harlow ferry running through the whole '
          'winter, whatever the cost."'),
    story("Harlow ferry to run all winter",
          'Mayor Idris Halvik said: "We will keep the Harlow ferry running through the whole '
          'winter."'))

LOOSE_DAYS = (
    story("Harlow ferry back in service",
          "The Harlow ferry resumed service on Monday after the storm, the operator said."),
    story("Storm clean-up in Harlow",
          "Volunteers cleared the Harlow quay of storm debris and the ferry resumed on Tuesday."))

ALIGN_EVIDENCE = [
    # shared-words: two reports of one fact share their words, rare ones more.
    Row("shared-words", "for", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    Row("shared-words", "for", HEADLINE_AND_BODY_TOLL, ("a0", "14 people"), ("a0", "12 people")),
    Row("shared-words", "for", BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020")),
    Row("shared-words", None, TOLL_AND_FESTIVAL, ("a0", "14 people"), ("a1", "About 200 people"),
        then=("candidates", "veto")),
    Row("shared-words", None, TWO_TOWNS_ONE_SENTENCE, ("a0", "14 people"), ("a0", "9 people"),
        then=("one-sentence", "veto")),
    # near-words: the words right next to the value say what it counts.
    Row("near-words", "for", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    Row("near-words", "for", SURNAME_AND_FULL_NAME, ("a0", "40 ministers"), ("a1", "60 ministers")),
    Row("near-words", None, SAME_NAMES_OTHER_WORDS, ("a0", "40 teachers"), ("a1", "55 teachers")),
    Row("near-words", None, TWO_BODY_TOLLS, ("a0", "14 people"), ("a0", "9 people"),
        then=("two-body-sentences", "veto")),
    # lead-event: a time claim is the time of the event named next to it.
    Row("lead-event", "for", BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020")),
    Row("lead-event", "for", BRIDGE_OPENED_TWICE, ("a0", "2021"), ("a1", "2022")),
    Row("lead-event", None, BRIDGE_OPENED_AND_BEGUN, ("a0", "2021"), ("a1", "2019")),
    Row("lead-event", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    # last-time: two dates each given as the last time of one event.
    Row("last-time", "for", LAST_VISITS, ("a0", "May 2007"), ("a1", "May 2009")),
    Row("last-time", "for", LAST_VISIT_BESIDE_ELAPSED, ("a0", "May 2007"), ("a1", "May 2009")),
    Row("last-time", None, BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020")),
    Row("last-time", None, VISIT_WITHOUT_ELAPSED, ("a0", "Tuesday"), ("a1", "Monday")),
    # full-date: two outlets' full dates of one event, the event word further off than usual.
    Row("full-date", "for", POET_BORN, ("a0", "April 24, 1923"), ("a1", "April 22, 1923")),
    Row("full-date", "for", FERRY_LAUNCHED, ("a0", "June 3, 1998"), ("a1", "June 5, 1998")),
    Row("full-date", None, POET_BORN_AND_DIED, ("a0", "April 24, 1923"), ("a1", "May 2, 2001")),
    Row("full-date", None, BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020")),
    # headline-restates: a headline restates its own story in fewer words.
    Row("headline-restates", "for", HEADLINE_AND_BODY_TOLL, ("a0", "14 people"),
        ("a0", "12 people")),
    Row("headline-restates", "for", KEY_POINT_AND_BODY, ("a0", "40 teachers"),
        ("a0", "45 teachers")),
    Row("headline-restates", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"),
        ("a1", "16 people")),
    # sole-count: two outlets' only counts of one specific thing.
    Row("sole-count", "for", AGREEMENTS_WHO_AND_WHERE, ("a0", "38 agreements"),
        ("a1", "27 agreements")),
    Row("sole-count", "for", BRIDGE_LENGTHS, ("a0", "640 metres"), ("a1", "910 metres")),
    Row("sole-count", None, BRIDGE_COST_AND_LOAN, ("a0", "$310 million"), ("a1", "$200 million")),
    Row("sole-count", None, AGREEMENTS_COUNTED_TWICE, ("a0", "48 agreements"),
        ("a1", "33 agreements")),
    Row("sole-count", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    # sole-count-event: both only counts, both "signed": lifted to the threshold.
    Row("sole-count-event", "for", AGREEMENTS_SIGNED, ("a0", "46 agreements"),
        ("a1", "33 agreements")),
    Row("sole-count-event", "for", AGREEMENTS_WHO_AND_WHERE, ("a0", "38 agreements"),
        ("a1", "27 agreements")),
    Row("sole-count-event", None, AGREEMENTS_ALIKE, ("a0", "48 agreements"),
        ("a1", "33 agreements"), then=("same-fact", "score")),
    Row("sole-count-event", None, AGREEMENTS_COUNTED_TWICE, ("a0", "48 agreements"),
        ("a1", "33 agreements")),
    # masked-text: the sentences with the value masked, as fuzzy text.
    Row("masked-text", "for", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    Row("masked-text", "for", BRIDGE_LENGTHS, ("a0", "640 metres"), ("a1", "910 metres")),
    Row("masked-text", None, TWO_BODY_TOLLS, ("a0", "14 people"), ("a0", "9 people"),
        then=("two-body-sentences", "veto")),
    # same-fact: the threshold the evidence must reach.
    Row("same-fact", "score", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    Row("same-fact", "score", AGREEMENTS_SIGNED, ("a0", "46 agreements"), ("a1", "33 agreements")),
    Row("same-fact", "score", LOOSE_DAYS, ("a0", "Monday"), ("a1", "Tuesday")),
    Row("same-fact", "against", BRIDGE_OPENED_AND_BEGUN, ("a0", "2021"), ("a1", "2019")),
    Row("same-fact", "against", SAME_NAMES_OTHER_WORDS, ("a0", "40 teachers"),
        ("a1", "55 teachers")),
    Row("same-fact", None, TWO_BODY_TOLLS, ("a0", "14 people"), ("a0", "9 people"),
        then=("two-body-sentences", "veto")),
    # candidates: pairs come only from words near the value and names that they share.
    Row("candidates", "for", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    Row("candidates", "for", FOUNDED_AND_LOSS, ("a0", "1987"), ("a1", "26 years")),
    Row("candidates", "veto", TOLL_AND_FESTIVAL, ("a0", "14 people"), ("a1", "About 200 people")),
    Row("candidates", None, PEOPLE_AND_PERCENT, ("a0", "40 people"), ("a1", "40%"),
        then=("family", "veto")),
    # stories: in a large batch, articles that share no distinctive name are other stories.
    # events (factcheck/events.py, corpus in test_events.py): the pair never meets when its
    # articles are read as different events.
    Row("shared-names", "veto", in_a_big_batch(*FLOODS_TWO_TOWNS), ("a0", "14 people"),
        ("a1", "16 people")),
    Row("shared-names", "veto", in_a_big_batch(*TWO_TEXTILE_FIRMS), ("a0", "12%"), ("a1", "21%")),
    Row("shared-names", None, in_a_big_batch(*FLOODS_ONE_TOWN), ("a0", "14 people"),
        ("a1", "16 people"), then=("same-fact", "score")),
    Row("same-days", "veto", TUESDAY_MONTHS_APART_ONLY, ("a0", "Tuesday"), ("a1", "Tuesday")),
    Row("same-days", None, TUESDAY_MONTHS_APART, ("a0", "Tuesday"), ("a1", "Tuesday"),
        then=("same-fact", "score")),
    # family: only claims that measure the same thing can be one fact.
    Row("family", "for", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people")),
    Row("family", "for", FOUNDED_AND_LOSS, ("a0", "1987"), ("a1", "26 years")),
    Row("family", "veto", PEOPLE_AND_PERCENT, ("a0", "40 people"), ("a1", "40%")),
    Row("family", "veto", SAID_ON_THURSDAY, ("a0", "Thursday"), ("a1", "Saturday")),
    Row("family", "veto", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "Tuesday")),
    # quote-words: quotes line up on their own words, whatever sentence is around them.
    Row("quote-words", "score", QUOTE_TWO_RENDERINGS,
        ("a0", '"We will keep the Harlow ferry running through the whole winter."'),
        ("a1", '"We will keep the Harlow ferry running through the winter,"')),
    Row("quote-words", "against", QUOTE_TWO_STATEMENTS,
        ("a0", '"We will keep the Harlow ferry running through the whole winter."'),
        ("a1", '"Nobody in this council wants to pay twice for one bridge,"')),
    Row("quote-words", "score", QUOTE_SHORTENED,
        ("a0", '"We will keep the Harlow ferry running through the whole winter, whatever the '
               'cost."'),
        ("a1", '"We will keep the Harlow ferry running through the whole winter."')),
    Row("quote-words", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("same-fact", "score")),
]


# ── comparison: the first rule that decides ───────────────────────────────────────────────────

MONEY_TWO_CURRENCIES = (
    story("Harlow borrows for its bridge", "Harlow borrowed $200 million from the regional bank."),
    story("Harlow takes out a bridge loan", "Harlow borrowed €200 million from the regional bank."))
TOLL_GROWS = (
    story("Storm kills 7 in Harlow", "The storm killed 7 people in Harlow, officials said."),
    story("Harlow storm toll rises", "The storm killed 9 people in Harlow, officials said.",
          day=NEXT_DAY))
EVACUEES_GROW = (
    story("Harlow evacuates its river district",
          "Officials said 300 people were evacuated from the river district in Harlow."),
    story("More leave Harlow as the river rises",
          "Officials said 450 people were evacuated from the river district in Harlow.",
          day=NEXT_DAY))
TOLL_FALLS = (
    story("Storm kills 9 in Harlow", "The storm killed 9 people in Harlow, officials said."),
    story("Harlow storm toll revised", "The storm killed 7 people in Harlow, officials said.",
          day=NEXT_DAY))
AGREEMENTS_NEXT_DAY = (
    story("Deals sealed on the Harlow visit",
          "The two sides signed 33 agreements on trade and transport in Harlow."),
    story("Harlow visit ends with a pile of deals",
          "The two sides signed 48 agreements on trade and transport in Harlow.", day=NEXT_DAY))
MORE_THAN_AND_EXACT = (
    story("Protest in Harlow", "More than 30 people marched through Harlow on Sunday."),
    story("Harlow march", "Some 32 people marched through Harlow on Sunday, police said."))
ROUND_AND_EXACT = (
    story("Crowds in Harlow", "A crowd of 1,500 people filled the Harlow square on Sunday."),
    story("Harlow rally", "A crowd of 1,530 people filled the Harlow square on Sunday."))
ELAPSED_TWO_FIGURES = (
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 24 years."),
    story("Halvik back in Tessly",
          "President Idris Halvik is making his first visit to Tessly in 25 years."))
ELAPSED_NEARLY = (
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in nearly 24 years."),
    story("Halvik back in Tessly",
          "President Idris Halvik is making his first visit to Tessly in 24 years."))
ELAPSED_YEARS_APART = (  # one visit, told either side of the new year
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years.",
          day="2024-12-30"),
    story("Halvik back in Tessly",
          "President Idris Halvik is making his first visit to Tessly in 19 years.",
          day="2025-01-02"))
TERMS_AGREE = (
    story("Halvik wins second term as Harlow mayor",
          "Idris Halvik won a second term as mayor of Harlow on Sunday."),
    story("Harlow voters return Halvik to the mayor's office",
          "Idris Halvik won a second term as mayor of Harlow on Sunday."))
ELAPSED_UNDATED = (
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years.", day=UNDATED),
    story("Halvik back in Tessly",
          "President Idris Halvik last visited Tessly in July 2007, officials said."))
YEARS_AGO_UNDATED = (
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik visited Tessly eight years ago, aides said.", day=UNDATED),
    story("Halvik back in Tessly",
          "President Idris Halvik last visited Tessly in 2017, officials said."))
ELAPSED_BOTH_UNDATED = (
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years.", day=UNDATED),
    story("Halvik back in Tessly",
          "President Idris Halvik is making his first visit to Tessly in 19 years.", day=UNDATED))
ELAPSED_DATED = (
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years."),
    story("Halvik back in Tessly",
          "President Idris Halvik last visited Tessly in July 2007, officials said."))
UNDATED_JUNE = (
    story("Harlow fair dates set",
          "The Harlow fair will open on June 8, the council said.", day=UNDATED),
    story("Harlow fair opens in June",
          "The Harlow fair will open on June 13, the council said."),
    story("Harlow fair returns",
          "The Harlow fair will open on June 8, organisers said."),
    story("Harlow fair this week",
          "The Harlow fair will open on Friday, organisers said.", day=UNDATED))
DATED_JUNE = (
    story("Harlow fair dates set", "The Harlow fair will open on June 8, the council said."),
    story("Harlow fair opens in June", "The Harlow fair will open on June 13, the council said."))
VISITED_LAST_YEAR_AND_ELAPSED = (  # one event: the later piece dates the earlier's summit
    story("Halvik in Tessly again", "President Idris Halvik visited Tessly last year.",
          "Tessly and Murland held their summit in Harlow on Monday."),
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 2 years.",
          "Tessly and Murland held their summit in Harlow on March 10, 2025.", day=LATER))
FRIDAY_TWO_DAYS = (
    story("Harlow fair this week", "The Harlow fair will open on Friday, organisers said."),
    story("Harlow fair this week", "The Harlow fair will open on Friday, organisers said.",
          day=NEXT_DAY))
FRIDAY_ONE_DAY = (
    story("Harlow fair this week", "The Harlow fair will open on Friday, organisers said."),
    story("Harlow fair this week", "The Harlow fair will open on Saturday, organisers said."))
FRIDAY_AND_FULL_DATE = (
    story("Harlow fair this week", "The Harlow fair will open on Friday, organisers said."),
    story("Harlow fair this week", "The Harlow fair will open on March 14, 2025, organisers said.",
          day=NEXT_DAY))
THIS_WEEK_AND_HISTORY = (
    story("Halvik back in Tessly", "President Idris Halvik visited Tessly on Tuesday."),
    story("Halvik back in Tessly", "President Idris Halvik visited Tessly in 2011."))
TWO_HISTORIC_YEARS = (
    story("Halvik back in Tessly", "President Idris Halvik last visited Tessly in 2011."),
    story("Halvik back in Tessly", "President Idris Halvik last visited Tessly in 2012."))
VISIT_DAY_AND_ELAPSED = (
    story("Halvik lands in Tessly",
          "President Idris Halvik visited Tessly on Tuesday, officials said."),
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years."))
PREVIOUS_VISIT_AND_ELAPSED = (
    story("Halvik back in Tessly", "President Idris Halvik last visited Tessly in 2007."),
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years."))
WRONG_PREVIOUS_VISIT = (
    story("Halvik back in Tessly", "President Idris Halvik last visited Tessly in 2009."),
    story("Halvik makes rare visit to Tessly",
          "President Idris Halvik is making his first visit to Tessly in 18 years."))
MONTH_AND_DAY = (
    story("Harlow treaty remembered", "The Harlow treaty was first signed in July 2000."),
    story("Harlow treaty at 25", "The Harlow treaty was first signed on July 19, 2000."))
YEARS_AGO_AND_YEAR = (
    story("Halvik back in Tessly", "President Idris Halvik visited Tessly eight years ago.",
          day="2019-04-25"),
    story("Halvik back in Tessly", "President Idris Halvik visited Tessly in 2011.",
          day="2019-04-22"))

STEEL_TARIFFS = (
    story("Murland raises steel duties",
          "From next month Murland will charge a duty of 12 percent on foreign-made steel."),
    story("Steel duty rise in Murland",
          "Murland set a 20 percent duty on steel made abroad, starting next month."))
SCORING_AVERAGES = (
    story("Quell signs for Tessly City",
          "Mara Quell scores 21.4 points a game for the Harlow side this season."),
    story("Tessly City land Quell",
          "Quell, who scores 21.1 points a game for the Harlow side this season, signed on "
          "Monday."))
ONE_IN_EVERY = (
    story("Harlow app leak",
          "The bug laid bare the details of one in every 400 riders on the Harlow tram app."),
    story("Tram app bug",
          "The details of one in every 900 riders on the Harlow tram app were laid bare by the "
          "bug."))
DAY_OF_DEATH = (
    story("Harlow mourns its poet",
          "The poet Ines Dorn died on March 7 in Harlow, her family said."),
    story("Ines Dorn dies at 80", "Ines Dorn, the Harlow poet, died in hospital on March 9."))

SENTENCING_TWO_DAYS = (
    story("Halvern to be sentenced", "Jon Halvern is to be sentenced on May 6 by Judge Orla "
          "Brandt in Harlow.", day="2030-04-20"),
    story("Sentencing date set for Halvern", "Jon Halvern will be sentenced on May 3 by Judge "
          "Orla Brandt in Harlow.", day="2030-04-22"))

COMPARE = [
    # units-differ: 40 people and 40 percent are not weighed. Alignment blocks on the unit, so
    # only a direct call reaches this rule (see the report: it is a guard).
    Row("units-differ", "skip", PEOPLE_AND_PERCENT, ("a0", "40 people"), ("a1", "40%"),
        paired=False),
    Row("units-differ", "skip", MONEY_TWO_CURRENCIES, ("a0", "$200 million"),
        ("a1", "€200 million"), paired=False),
    Row("units-differ", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("quantity-intervals", "conflict")),
    # running-count: a toll that grows in a later article is an update.
    Row("running-count", "update", TOLL_GROWS, ("a0", "7 people"), ("a1", "9 people")),
    Row("running-count", "update", TOLL_GROWS, ("a1", "9 people"), ("a0", "7 people")),
    Row("running-count", "update", EVACUEES_GROW, ("a0", "300 people"), ("a1", "450 people")),
    Row("running-count", None, TOLL_FALLS, ("a0", "9 people"), ("a1", "7 people"),
        then=("quantity-intervals", "conflict")),
    Row("running-count", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("quantity-intervals", "conflict")),
    Row("running-count", None, AGREEMENTS_NEXT_DAY, ("a0", "33 agreements"),
        ("a1", "48 agreements"), then=("quantity-intervals", "conflict")),
    # quantity-intervals: figures agree when their intervals can both hold.
    Row("quantity-intervals", "agree", MORE_THAN_AND_EXACT, ("a0", "More than 30 people"),
        ("a1", "Some 32 people")),
    Row("quantity-intervals", "agree", ROUND_AND_EXACT, ("a0", "1,500 people"),
        ("a1", "1,530 people")),
    Row("quantity-intervals", "conflict", TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"),
        ("a1", "16 people")),
    # ...one fact worded two ways by two outlets.
    Row("quantity-intervals", "conflict", STEEL_TARIFFS, ("a0", "12 percent"),
        ("a1", "20 percent")),
    Row("quantity-intervals", "conflict", SCORING_AVERAGES, ("a0", "21.4 points a game"),
        ("a1", "21.1 points a game")),
    Row("quantity-intervals", "conflict", ONE_IN_EVERY, ("a0", "one in every 400 riders"),
        ("a1", "one in every 900 riders")),
    Row("quantity-intervals", None, PEOPLE_AND_PERCENT, ("a0", "40 people"), ("a1", "40%"),
        then=("units-differ", "skip"), paired=False),
    # elapsed-same-day: two elapsed times written the same day compare as figures.
    Row("elapsed-same-day", "conflict", ELAPSED_TWO_FIGURES, ("a0", "24 years"),
        ("a1", "25 years")),
    Row("elapsed-same-day", "agree", ELAPSED_NEARLY, ("a0", "nearly 24 years"),
        ("a1", "24 years")),
    Row("elapsed-same-day", None, ELAPSED_YEARS_APART, ("a0", "18 years"), ("a1", "19 years"),
        then=("span-overlap", "agree")),
    # same-rank: the second and the third term of one event.
    Row("same-rank", "conflict", TERMS_IN_TWO_ARTICLES, ("a0", "second", "standfirst"),
        ("a1", "third")),
    Row("same-rank", "agree", TERMS_AGREE, ("a0", "second", "standfirst"),
        ("a1", "second", "standfirst")),
    Row("same-rank", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("quantity-intervals", "conflict")),
    # no-time: an elapsed time with no publication date to count back from.
    Row("no-time", "skip", ELAPSED_UNDATED, ("a0", "18 years"), ("a1", "July 2007")),
    Row("no-time", "skip", YEARS_AGO_UNDATED, ("a0", "eight years ago"), ("a1", "2017")),
    Row("no-time", None, ELAPSED_BOTH_UNDATED, ("a0", "18 years"), ("a1", "19 years"),
        then=("elapsed-same-day", "conflict")),
    Row("no-time", None, ELAPSED_DATED, ("a0", "18 years"), ("a1", "July 2007"),
        then=("span-overlap", "agree")),
    # calendar-month-day: an undated "June 8" still differs from "June 13".
    Row("calendar-month-day", "conflict", UNDATED_JUNE, ("a0", "June 8"), ("a1", "June 13")),
    Row("calendar-month-day", "agree", UNDATED_JUNE, ("a0", "June 8"), ("a2", "June 8")),
    Row("calendar-month-day", "skip", UNDATED_JUNE, ("a3", "Friday"), ("a1", "June 13")),
    Row("calendar-month-day", None, DATED_JUNE, ("a0", "June 8"), ("a1", "June 13"),
        then=("span-overlap", "conflict")),
    # news-cycle: "on Tuesday" in March and in June are different Tuesdays.
    Row("news-cycle", "skip", TUESDAY_MONTHS_APART, ("a0", "Tuesday"), ("a1", "Tuesday")),
    Row("news-cycle", "skip", VISITED_LAST_YEAR_AND_ELAPSED, ("a0", "last year"),
        ("a1", "2 years")),
    Row("news-cycle", None, FULL_DATES_MONTHS_APART, ("a0", "March 3, 2025"),
        ("a1", "March 4, 2025"), then=("span-overlap", "conflict")),
    Row("news-cycle", None, FRIDAY_ONE_DAY, ("a0", "Friday"), ("a1", "Saturday"),
        then=("span-overlap", "conflict")),
    # relative-days-apart: "on Friday" read on two different days; "May 6" is one day whoever
    # reads it.
    Row("relative-days-apart", None, SENTENCING_TWO_DAYS, ("a0", "May 6"), ("a1", "May 3"),
        then=("span-overlap", "conflict")),
    Row("relative-days-apart", "skip", FRIDAY_TWO_DAYS, ("a0", "Friday"), ("a1", "Friday")),
    Row("relative-days-apart", None, FRIDAY_ONE_DAY, ("a0", "Friday"), ("a1", "Saturday"),
        then=("span-overlap", "conflict")),
    Row("relative-days-apart", None, FRIDAY_AND_FULL_DATE, ("a0", "Friday"),
        ("a1", "March 14, 2025"), then=("span-overlap", "agree")),
    # era-differs: this week against years before.
    Row("era-differs", "skip", THIS_WEEK_AND_HISTORY, ("a0", "Tuesday"), ("a1", "2011")),
    Row("era-differs", None, TWO_HISTORIC_YEARS, ("a0", "2011"), ("a1", "2012"),
        then=("span-overlap", "conflict")),
    Row("era-differs", None, FRIDAY_ONE_DAY, ("a0", "Friday"), ("a1", "Saturday"),
        then=("span-overlap", "conflict")),
    # about-previous: "first visit in 18 years" is about the previous visit, not this week's.
    Row("about-previous", "skip", VISIT_DAY_AND_ELAPSED, ("a0", "Tuesday"), ("a1", "18 years")),
    Row("about-previous", None, PREVIOUS_VISIT_AND_ELAPSED, ("a0", "2007"), ("a1", "18 years"),
        then=("span-overlap", "agree")),
    Row("about-previous", None, WRONG_PREVIOUS_VISIT, ("a0", "2009"), ("a1", "18 years"),
        then=("span-overlap", "conflict")),
    # span-overlap: two dates of one event agree when their spans overlap.
    Row("span-overlap", "agree", MONTH_AND_DAY, ("a0", "July 2000"), ("a1", "July 19, 2000")),
    Row("span-overlap", "agree", YEARS_AGO_AND_YEAR, ("a0", "eight years ago"), ("a1", "2011")),
    Row("span-overlap", "conflict", BRIDGE_BEGUN, ("a0", "2019"), ("a1", "2020")),
    Row("span-overlap", "conflict", DAY_OF_DEATH, ("a0", "March 7"), ("a1", "March 9")),
    Row("span-overlap", None, TWO_OUTLETS_ONE_TOLL, ("a0", "14 people"), ("a1", "16 people"),
        then=("quantity-intervals", "conflict")),
]


# ── findings: the rules that form them ────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Batch:
    """A batch and the finding a rule must form from it (`expect`: its outcome in the finding's
    trace, `sides`: the claim texts the finding shows), or, with `expect` None, must not: then
    `then` names the rule that forms the batch's one finding instead, or None for no finding."""

    rule: str
    expect: Optional[str]
    articles: tuple
    sides: tuple[str, ...] = ()
    then: Optional[tuple[str, str]] = None
    drafts: tuple[str, ...] = ()  # draft mode: the articles checked against the others


def ferry(*counts: int, day: str = DAY) -> tuple:
    """Outlets reporting one sinking, each with its own toll and otherwise the same sentence."""
    heads = ("Ferry sinks off Harlow", "Harlow ferry disaster", "Ferry lost off Harlow",
             "Harlow mourns the ferry dead", "Grief in Harlow after the ferry sinks")
    return tuple(story(heads[i], f"The ferry sank off Harlow on Tuesday and {n} people died, the "
                                 f"coast guard said.", day=day) for i, n in enumerate(counts))


LOOSE_YEARS = (
    story("Harlow bridge turns four",
          "The Harlow bridge, which opened in 2021, carries two rail tracks."),
    story("Repairs for Harlow bridge",
          "Engineers said the Harlow bridge opened in 2022 with cracks already in its deck, and "
          "needs repairs."))
QUOTE_NEGATED = (
    story("Halvik vows to keep the ferry running",
          'Mayor Idris Halvik said: "We will keep the Harlow ferry running through the whole '
          'winter."'),
    story("Harlow ferry to stop for the winter",
          'Mayor Idris Halvik said: "We will not keep the Harlow ferry running through the '
          'whole winter."'))
QUOTE_THREE_RENDERINGS = QUOTE_NEGATED + (story(
    "Harlow keeps its ferry",
    'Mayor Idris Halvik said: "We will keep the Harlow ferry running through the whole '
    'winter."'),)
QUOTE_NEGATED_AND_A_FRAGMENT = QUOTE_NEGATED + (story(
    "Ferry plans for the winter",
    'Mayor Idris Halvik said the town would "keep the Harlow ferry running through the '
    'winter" for now.'),)
QUOTE_NAMES_SWAPPED = (
    story("Halvik thanks the harbour's partners",
          'Mayor Idris Halvik said: "We thank Drethanta and Oruvel for their steady help with the '
          'new harbour."'),
    story("Halvik thanks the harbour's partners",
          'Mayor Idris Halvik said: "We thank Kessmar and Vantoria for their steady help with the '
          'new harbour."'))
QUOTE_PLACES_SWAPPED = (
    story("Halvik thanks the harbour's partners",
          'Mayor Idris Halvik said: "We owe Ines Dorn and the people of Drethanta our thanks '
          'for the new harbour wall."'),
    story("Halvik thanks the harbour's partners",
          'Mayor Idris Halvik said: "We owe Tomas Reyes and the people of Kessmar our thanks '
          'for the new harbour wall."'))
QUOTE_NAME_AND_WORD = (
    story("Halvik thanks the harbour's partners",
          'Mayor Idris Halvik said: "We thank Drethanta and Oruvel for their steady help with the '
          'new harbour."'),
    story("Halvik thanks the harbour's partners",
          'Mayor Idris Halvik said: "We thank Drethanta and Vantoria for their unsteady help '
          'with the new harbour."'))
QUOTE_TWO_SPEAKERS = QUOTE_TWO_RENDERINGS[:1] * 2 + (story(
    "Ferry pledge in Harlow",
    'Councillor Mara Quell said: "We will keep the Harlow ferry running through the whole '
    'winter."'),)
QUOTE_SPEAKER_EACH = QUOTE_TWO_RENDERINGS[:1] + QUOTE_TWO_SPEAKERS[2:]
QUOTE_ONE_SPEAKER = QUOTE_TWO_RENDERINGS[:1] * 3

FINDINGS = [
    # consensus: where most sources agree, the odd one out stands out.
    Batch("consensus", "finding", ferry(7, 7, 12), sides=("7 people", "7 people", "12 people")),
    Batch("consensus", "finding", TWO_OUTLETS_ONE_TOLL, sides=("14 people", "16 people")),
    Batch("consensus", "finding", ELAPSED_TWO_FIGURES, sides=("24 years", "25 years")),
    Batch("consensus", None, ferry(7, 7), then=None),
    Batch("consensus", None, MORE_THAN_AND_EXACT, then=None),
    # no-majority: four outlets, four tolls: one finding listing every value.
    Batch("no-majority", "finding", ferry(7, 9, 12, 19),
          sides=("7 people", "9 people", "12 people", "19 people")),
    Batch("no-majority", "finding", ferry(7, 7, 12, 19),
          sides=("7 people", "7 people", "12 people", "19 people")),
    Batch("no-majority", None, ferry(7, 7, 12), then=("consensus", "finding")),
    Batch("no-majority", None, ferry(7, 7, 7, 12, 19), then=("consensus", "finding")),
    # loose-days: days lined up on loosely alike sentences are not compared; years lined up
    # loosely across outlets never dispute each other.
    Batch("loose-days", "skip", LOOSE_DAYS, then=None),
    Batch("loose-days", "skip", LOOSE_YEARS, then=None),
    Batch("loose-days", None, VISIT_WITHOUT_ELAPSED, then=("consensus", "finding")),
    Batch("loose-days", None, BRIDGE_BEGUN, then=("consensus", "finding")),
    # quote-grade: a quote with a negation added flips its meaning.
    Batch("quote-grade", "conflict", QUOTE_NEGATED,
          sides=(QUOTE_NEGATED[0][2].split(": ", 1)[1], QUOTE_NEGATED[1][2].split(": ", 1)[1])),
    Batch("quote-grade", "conflict", QUOTE_THREE_RENDERINGS,
          sides=tuple(a[2].split(": ", 1)[1] for a in QUOTE_THREE_RENDERINGS)),
    # A shortened copy agrees with the full rendering and with its negated copy: it takes no
    # side (else it would carry the two into one rendering and hide the flip).
    Batch("quote-grade", "conflict", QUOTE_NEGATED_AND_A_FRAGMENT,
          sides=tuple(a[2].split(": ", 1)[1] for a in QUOTE_NEGATED)),
    Batch("quote-grade", None, QUOTE_SHORTENED, then=None),
    Batch("quote-grade", None, QUOTE_TWO_RENDERINGS, then=None),
    # names-only: the same sentence about other people is another statement, not a mangled one.
    Batch("names-only", "skip", QUOTE_NAMES_SWAPPED, then=None),
    Batch("names-only", "skip", QUOTE_PLACES_SWAPPED, then=None),
    Batch("names-only", None, QUOTE_NAME_AND_WORD, then=("quote-grade", "conflict")),
    # attribution: the same words given to two people.
    Batch("attribution", "conflict", QUOTE_TWO_SPEAKERS,
          sides=(QUOTE_TWO_SPEAKERS[0][2].split(": ", 1)[1],) * 3),
    Batch("attribution", "conflict", QUOTE_SPEAKER_EACH,
          sides=(QUOTE_TWO_SPEAKERS[0][2].split(": ", 1)[1],) * 2),
    Batch("attribution", None, QUOTE_ONE_SPEAKER, then=None),
    # draft-agrees: a draft that stands with the consensus does not fail for a reference's
    # figure; a draft that is the odd one out, or has no majority behind it, does.
    Batch("draft-agrees", "finding", ferry(7, 7, 12), drafts=("a0",),
          sides=("7 people", "7 people", "12 people")),
    Batch("draft-agrees", "finding", ferry(12, 7, 7, 7), drafts=("a1", "a2"),
          sides=("12 people", "7 people", "7 people", "7 people")),
    Batch("draft-agrees", None, ferry(7, 7, 12), drafts=("a2",), then=("consensus", "finding")),
    Batch("draft-agrees", None, TWO_OUTLETS_ONE_TOLL, drafts=("a0",),
          then=("consensus", "finding")),
    Batch("draft-agrees", None, ferry(7, 9, 12, 19), drafts=("a0",),
          then=("no-majority", "finding")),
]

# Rules that leave no verdict of their own in a trace, and how their rows are read instead.
_SILENT = {"loose-days", "names-only"}
LOOSE_DAYS_MIN_SCORE = float(REGISTER["loose-days"].params["min_score"])
# A rule of quote grading that is a reason inside grade_quotes, not a registered rule of its own.
_UNREGISTERED = {"names-only"}


# ── known gaps: rows the rules get wrong today ────────────────────────────────────────────────
# Strict xfails: when a rule change fixes one, it XPASSes and fails, so the row moves into its
# table above.

TWO_SCORERS_ONE_TEAM = (
    story("Harlow Rovers beat Tessly City in the cup",
          "Mara Quell scored 23 points for Harlow Rovers on Saturday."),
    story("Rovers win the cup tie",
          "Jonas Brecht scored 31 points for Harlow Rovers on Saturday."))
HEADLINE_TWO_TOWNS_BODY_ONE = (story(
    "Storm kills 14 people in Harlow and 9 people in Tessly",
    "The storm killed 14 people in Harlow on Tuesday night."),)

PORT_SHARES = (
    story("Trade through the Harlow port",
          "Kralevia accounts for 18 percent of the traffic through the Harlow port."),
    story("Harlow port traffic in numbers",
          "Murland accounts for 25 percent of the traffic through the Harlow port."))
THREE_OFFERS = (
    story("Clubs chase Quell", "Harlow Rovers offered $5 million for Mara Quell, the club said."),
    story("Quell transfer race", "Tessly City offered $7 million for Mara Quell, the club said."),
    story("Quell wanted", "Kessmar United offered $6 million for Mara Quell, the club said."))
RIOT_DAYS = (
    story("Unrest in Harlow", "Harlow has now had three nights of unrest since the verdict."),
    story("Unrest in Harlow goes on",
          "Harlow has now had seven nights of unrest since the verdict.", day="2025-03-16"))

# Once known gaps, now closed by the subject slot: a shared team or player name no longer hides
# two players' points or three clubs' offers.
CLOSED_GAPS = [
    Row("different-subject", "veto", TWO_SCORERS_ONE_TEAM, ("a0", "23 points"),
        ("a1", "31 points")),
    Row("different-subject", "veto", THREE_OFFERS, ("a0", "$5 million"), ("a1", "$7 million")),
]

KNOWN_GAPS = [
    # A headline listing two towns' tolls: Tessly's toll is paired with the body's Harlow toll,
    # since the headline's names (both towns) include the body's.
    pytest.param(Row("different-subject", "veto", HEADLINE_TWO_TOWNS_BODY_ONE,
                     ("a0", "9 people"), ("a0", "14 people", "standfirst")),
                 marks=pytest.mark.xfail(strict=True, reason="the other town's toll is paired")),
    # Two countries' shares of one port's traffic: the port's name, shared, hides the countries.
    pytest.param(Row("different-subject", "veto", PORT_SHARES, ("a0", "18 percent"),
                     ("a1", "25 percent")),
                 marks=pytest.mark.xfail(strict=True, reason="one shared name defeats the veto")),
]
KNOWN_GAP_BATCHES = [
    # Three nights of unrest, then seven nights four days later: the same unrest, counted on.
    pytest.param(Batch("consensus", None, RIOT_DAYS, then=None),
                 marks=pytest.mark.xfail(strict=True, reason="a span that grows is a conflict")),
]


# ── the tests ─────────────────────────────────────────────────────────────────────────────────


def _row_id(row) -> str:
    return f"{row.rule}:{row.expect or 'not'}"


def check_alignment(row: Row, claims: list[Claim]) -> None:
    a, b = pick(claims, row.a), pick(claims, row.b)
    trace = explain_pair(a, b, claims)
    outcomes = said(trace, row.rule)
    if row.expect is None:
        assert not outcomes, f"{row.rule} must not speak:\n{shown(trace)}"
    else:
        assert row.expect in outcomes, f"{row.rule} must say {row.expect}:\n{shown(trace)}"
    if row.then:
        assert row.then[1] in said(trace, row.then[0]), (
            f"{row.then[0]} must say {row.then[1]}:\n{shown(trace)}")


def check_comparison(row: Row, claims: list[Claim]) -> None:
    a, b = pick(claims, row.a), pick(claims, row.b)
    verdict = judge(a, b)
    decided = (verdict.rule, verdict.outcome)
    if row.expect is None:
        assert verdict.rule != row.rule, f"{row.rule} must not decide: {verdict}"
    else:
        assert decided == (row.rule, row.expect), verdict
        assert judge(b, a).outcome == verdict.outcome, "the order of the two must not matter"
    if row.then:
        assert decided == row.then, verdict
    # The pair is one a run would judge: alignment lines it up (or, for a guard, never does).
    lined_up = "score" in said(explain_pair(a, b, claims), "same-fact")
    assert lined_up is row.paired, shown(explain_pair(a, b, claims))


@pytest.mark.parametrize("row", ALIGN_VETOES + ALIGN_EVIDENCE + CLOSED_GAPS + KNOWN_GAPS,
                         ids=_row_id)
def test_alignment_rule(row: Row, folder) -> None:
    check_alignment(row, claims_of(row.articles, folder))


@pytest.mark.parametrize("row", COMPARE, ids=_row_id)
def test_comparison_rule(row: Row, folder) -> None:
    check_comparison(row, claims_of(row.articles, folder))


def _formed_by(finding) -> tuple[str, str]:
    last = finding.trace[-1]
    return last.rule, last.outcome


def check_finding(row: Batch, claims: list[Claim]) -> None:
    pairs = align(claims)
    findings = compare(pairs)
    if row.drafts:
        findings = for_draft(findings, row.drafts)
    formed = [_formed_by(f) for f in findings]
    if row.expect is not None and row.rule not in _SILENT:
        assert formed == [(row.rule, row.expect)], [f.message for f in findings]
        assert sorted(s.claim.text for s in findings[0].sides) == sorted(row.sides)
        if row.rule == "draft-agrees":
            assert findings[0].severity == "info"
            assert {s.role for s in findings[0].sides if s.claim.article in row.drafts} == {
                "consensus"}
    elif row.then is None:
        assert not findings, [f.message for f in findings]
    else:
        assert findings and set(formed) == {row.then}, [f.message for f in findings]
        assert not any(v.rule == row.rule for f in findings for v in f.trace)
    if row.rule == "loose-days":
        # The two days (or years) are lined up, and judged apart, yet only a close alignment
        # lets them be compared.
        dated = [p for p in pairs if p.a.kind == p.b.kind == "date"]
        assert len(dated) == 1 and judge(dated[0].a, dated[0].b).outcome == "conflict"
        loose = dated[0].score < LOOSE_DAYS_MIN_SCORE
        assert loose is (row.expect is not None), dated[0].score
    if row.rule == "names-only":
        quotes = [c.value.quote for c in claims if c.kind == "quote"]
        reason = grade_quotes(quotes[0], quotes[1]).reason
        assert reason.startswith("only names differ") is (row.expect is not None), reason


@pytest.mark.parametrize("row", FINDINGS + KNOWN_GAP_BATCHES, ids=_row_id)
def test_finding_rule(row: Batch, folder) -> None:
    check_finding(row, claims_of(row.articles, folder))


def test_no_majority_names_every_value_with_its_source(folder) -> None:
    """Four outlets, four tolls: the one finding names each value and its outlet, and no
    consensus; three outlets of which two agree give the consensus and the odd one out."""
    (finding,) = compare(align(claims_of(ferry(7, 9, 12, 19), folder)))
    assert finding.consensus is None and {s.role for s in finding.sides} == {"side"}
    assert finding.message.endswith(
        "7 people (a0), 9 people (a1), 12 people (a2) and 19 people (a3)")
    (finding,) = compare(align(claims_of(ferry(7, 7, 12), folder)))
    assert (finding.consensus.value, finding.consensus.support) == ("7 people", 2)
    assert [s.claim.article for s in finding.sides if s.role == "outlier"] == ["a2"]


def test_every_rule_has_a_corpus() -> None:
    """A rule without rows fails here: each registered rule needs a positive row and a negative
    one (absent, or another outcome: a veto where it was evidence), three rows at least, and
    every row names a rule that exists."""
    rows = ALIGN_VETOES + ALIGN_EVIDENCE + COMPARE + FINDINGS
    named = {r.rule for r in rows}
    unknown = named - set(REGISTER) - _UNREGISTERED
    assert not unknown, f"rows for rules that do not exist: {sorted(unknown)}"
    for rule in sorted({r for r, rule in REGISTER.items() if rule.stage != "events"}
                       | _UNREGISTERED):  # events rules: tests/corpus/test_events.py
        mine = [r for r in rows if r.rule == rule]
        assert len(mine) >= 3, f"{rule}: {len(mine)} rows, fewer than 3"
        assert any(r.expect is not None for r in mine), f"{rule}: no row where it decides"
        assert len({r.expect for r in mine}) >= 2, f"{rule}: no row where it must not fire"


def _flipped(row):
    """The row with its expectation broken: a positive made a negative, a negative made the
    outcome the rule gives in its other rows, a `then` pointed at another outcome."""
    if row.expect is not None:
        return replace(row, expect=None, then=None)
    if row.then is not None:
        return replace(row, then=(row.then[0], "nothing-such"))
    positive = next(r.expect for r in _all_rows() if r.rule == row.rule and r.expect)
    return replace(row, expect=positive)


def _all_rows() -> list:
    return ALIGN_VETOES + ALIGN_EVIDENCE + COMPARE + FINDINGS


def test_every_row_can_fail(folder) -> None:
    """Each row that holds fails once its expectation is broken: no row passes whatever the
    rules say."""
    checks = ([(check_alignment, r) for r in ALIGN_VETOES + ALIGN_EVIDENCE + CLOSED_GAPS]
              + [(check_comparison, r) for r in COMPARE] + [(check_finding, r) for r in FINDINGS])
    passed = []
    for check, row in checks:
        claims = claims_of(row.articles, folder)
        try:
            check(row, claims)
        except AssertionError:
            continue  # the row's own test says so
        try:
            check(_flipped(row), claims)  # ...and broken it must not
        except AssertionError:
            continue
        passed.append(_row_id(row))
    assert not passed, f"rows that pass whatever they expect: {passed}"


def test_every_rule_a_trace_names_is_known(folder) -> None:
    """`factcheck explain` prints rule names: each one the rows' traces show is a registered
    rule (or one of the few not registered yet), so a reader can look up why it exists."""
    named: set[str] = set()
    for row in ALIGN_VETOES + ALIGN_EVIDENCE + COMPARE:
        claims = claims_of(row.articles, folder)
        a, b = pick(claims, row.a), pick(claims, row.b)
        named.update(v.rule for v in explain_pair(a, b, claims))
        named.add(judge(a, b).rule)
    for batch in FINDINGS:
        named.update(v.rule for f in compare(align(claims_of(batch.articles, folder)))
                     for v in f.trace)
    assert named - set(REGISTER) - _UNREGISTERED == set()
