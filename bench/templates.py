"""Invented stories for the benchmark corpus: names from syllables, facts in slots, and several
wordings of each fact so that outlets covering one story frame it differently.

Every story is self-consistent: all outlets state the same values (in different words, as digits
or words, relative or absolute dates). The only disagreements are the ones `generate.py` plants.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Optional

# ── names ─────────────────────────────────────────────────────────────────────────────────────

_ONSET = ("b br c d dr f g gr h k kr l m n p pr r s st t tr v z th sk".split())
_VOWEL = ("a e i o u ai ea ou io".split())
_CODA = ("", "", "", "n", "r", "l", "s", "m", "nd", "rt", "sk", "v", "th")
_PLACE_END = ("mora vik stad rin ovo enza dell ara ith orn ebec alka usk und ima ethra anta".split())
_COUNTRY_END = ("ia ania istan ora evia and eria umbia".split())
_GIVEN_END = ("a o in el as ek ina is or ette").split()
_SURNAME_END = ("enko ardi vane mont ric ssen oya ell ander ovic aro ley quist").split()


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSET) + rng.choice(_VOWEL) + rng.choice(_CODA)


def place(rng: random.Random) -> str:
    return (_syllable(rng) + rng.choice(_PLACE_END)).capitalize()


def country(rng: random.Random) -> str:
    return (_syllable(rng) + rng.choice(("", "r", "l", "t")) + rng.choice(_COUNTRY_END)).capitalize()


def demonym(name: str) -> str:
    return name + "n" if name.endswith("a") else name + "ian"


def given(rng: random.Random) -> str:
    return (_syllable(rng) + rng.choice(_GIVEN_END)).capitalize()


def surname(rng: random.Random) -> str:
    return (_syllable(rng) + rng.choice(_SURNAME_END)).capitalize()


def person(rng: random.Random) -> tuple[str, str]:
    """(full name, surname)."""
    s = surname(rng)
    return f"{given(rng)} {s}", s


# ── numbers and dates ─────────────────────────────────────────────────────────────────────────

_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve").split()
WEEKDAYS = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split()
MONTHS = ("January February March April May June July August September October November "
          "December").split()


def num(n: int) -> str:
    return f"{n:,}"


def word(n: int) -> str:
    """Small numbers as words, the way most style guides want them."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else num(n)


def odd_figure(rng: random.Random, low: int, high: int) -> int:
    """A figure that is not round (a round one carries an implied tolerance)."""
    while True:
        n = rng.randint(low, high)
        if n % 10:
            return n


def changed(rng: random.Random, n: int) -> int:
    """A clearly different figure for a planted conflict: 25–60% off, never round."""
    while True:
        m = int(n * rng.uniform(1.25, 1.6)) if rng.random() < 0.5 else int(n * rng.uniform(0.45, 0.75))
        if m % 10 and m != n and m > 2:
            return m


def long_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


# ── stories ───────────────────────────────────────────────────────────────────────────────────


@dataclass
class Story:
    """One invented event, the facts every outlet states, and how each can be worded.

    `facts` maps a fact key to its wordings (format strings over `slots`); `figure` names the
    exact figure a planted "changed figure" alters and `quote` holds the quote with a `{neg}`
    slot. `headline_plant` is a function giving (wrong headline, wrong text, right text)."""

    kind: str
    published: date
    slots: dict[str, str]
    headlines: list[str]
    standfirsts: list[str]
    facts: dict[str, list[str]]
    lede: str  # the fact key that opens the story
    filler: list[str]
    quote: str  # the quote text, with "{neg}" where a planted negation goes
    quote_frames: list[str]  # wordings around the quote: {q} is the quote, {speaker} etc.
    figure: str  # the slot holding the exact figure a plant may change
    figure_fact: str  # the fact key whose wordings carry that figure
    figure_noun: str = ""  # the word after the figure in every wording: "{figure} homes"
    quote_neg: str = ""  # the story's own polarity of the quote: "" or " not"
    event: Optional[date] = None  # the day it happened (the archive dates follow-ups from it)
    headline_plant: Callable[[random.Random], tuple[str, str, str]] = field(repr=False,
                                                                           default=None)  # type: ignore[assignment]

    def fill(self, template: str, **extra: str) -> str:
        return template.format(**{**self.slots, **extra})


def _event_day(rng: random.Random, published: date) -> tuple[date, str]:
    """The event 1–5 days before publication, and its weekday (never the publication weekday:
    "on Wednesday" in a Wednesday paper is ambiguous)."""
    d = published - timedelta(days=rng.randint(1, 5))
    return d, WEEKDAYS[d.weekday()]


def _quote_parts(rng: random.Random, pools: list[list[str]]) -> str:
    return " ".join(rng.choice(p) for p in pools)


_Q_OPEN = ["We", "This government", "Our people", "The whole country", "My administration",
           "Everyone here", "Our partners and we", "The families of this region", "Our ministry",
           "The people of this city", "My colleagues and I", "This council"]
_Q_OBJ = ["every damaged school", "the old harbour road", "the northern rail line",
          "this partnership", "the emergency fund", "the grain agreement", "the river crossing",
          "the wage settlement", "the border crossing", "the hospital wing", "the new treaty",
          "the power station", "the water network", "the coastal defences", "these talks",
          "the housing plan", "the fishing quota", "the transit tunnel", "the schools programme",
          "the trade corridor", "the airport expansion", "the mining licence"]


_Q_AUDIENCE = ["families", "neighbours", "workers", "young people", "farmers", "investors",
               "teachers", "nurses", "fishermen", "shopkeepers", "pensioners", "volunteers",
               "students", "engineers", "drivers", "miners", "parents", "veterans"]
_Q_ADJ = ["honest", "patient", "stubborn", "generous", "careful", "brave", "tireless", "united",
          "practical", "quiet", "determined", "grateful", "angry", "exhausted", "hopeful", "proud"]
_Q_VERBS = ["accept", "rebuild", "abandon", "support", "delay", "tolerate", "fund", "reopen",
            "postpone", "sign", "defend", "finish", "protect", "finance", "expand", "inspect",
            "modernise", "compensate", "strengthen", "redesign", "audit", "cancel", "extend",
            "privatise", "relocate", "shrink", "double", "review"]
_Q_WHEN = ["this winter", "before spring", "next year", "by the summer", "in our term",
           "this decade", "after the vote", "at once", "before the harvest", "this month"]
_Q_SKELETONS = [
    "{open} will{neg} {verb} {obj} {when}.",
    "We are{neg} going to {verb} {obj} in {place}.",
    "{place} will{neg} {verb} {obj} for its {aud}.",
    "The {aud} of {place} are {adj}, and I will{neg} {verb} {obj}.",
    "I can{neg} promise the {aud} that we {verb} {obj} {when}.",
    "It is{neg} time to {verb} {obj} in {place}.",
    "My answer to the {aud} is simple: we will{neg} {verb} {obj}.",
    "{place} does{neg} need to {verb} {obj}, whatever {rival} may say.",
    "Nobody in {place} should{neg} {verb} {obj} lightly.",
    "Ask any of the {aud}: {place} can{neg} afford to {verb} {obj}.",
    "I told {rival} we would{neg} {verb} {obj}.",
    "{when_cap}, {place} will{neg} {verb} {obj}.",
    "Why would we{neg} {verb} {obj}? The {aud} are {adj}.",
    "Believe me, {obj} is{neg} something we {verb} {when}.",
    "For {place}, this does{neg} mean we {verb} {obj}.",
    "The {aud} did{neg} vote to {verb} {obj}.",
]
_Q_RIVAL = ["the opposition", "the capital", "the regulator", "the banks", "the unions",
            "our critics", "the press", "the auditors"]


_Q_OBJ_ADJ = ["long-promised", "half-built", "old", "new", "delayed", "costly", "disputed",
              "popular", "unfinished", "regional", "national", "second", "smaller", "private",
              "original", "planned"]
_Q_CLAUSE = ["because the {aud2} deserve better", "and I say that as a {role}",
             "even if it costs us votes", "unless the money arrives", "and everyone knows why",
             "as I said in {month}", "no matter how long it takes", "and that is final",
             "while the {aud2} are watching", "as my predecessor did", "if the courts allow it",
             "and the {aud2} agree", "despite the weather", "once the audit is done",
             "with or without help", "as soon as we can", "before anyone else does",
             "and we will say so in parliament", "as the law requires", "if that is what it takes"]
_Q_ROLE = ["mother", "father", "former teacher", "local man", "local woman", "lawyer", "engineer",
           "farmer's son", "veteran", "grandmother"]


def _q_sentence(rng: random.Random, place_name: str, neg: bool) -> str:
    aud = rng.choice(_Q_AUDIENCE)
    noun = rng.choice(_Q_OBJ).split(" ", 1)[1]
    obj = f"the {rng.choice(_Q_OBJ_ADJ)} {noun}"
    text = rng.choice(_Q_SKELETONS).format(
        open=rng.choice(_Q_OPEN), verb=rng.choice(_Q_VERBS), obj=obj,
        place=place_name, when=rng.choice(_Q_WHEN), aud=aud, adj=rng.choice(_Q_ADJ),
        rival=rng.choice(_Q_RIVAL), when_cap=rng.choice(_Q_WHEN).capitalize(),
        neg="{neg}" if neg else "")
    clause = rng.choice(_Q_CLAUSE).format(aud2=rng.choice(_Q_AUDIENCE), role=rng.choice(_Q_ROLE),
                                          month=rng.choice(MONTHS))
    end = text[-1]
    text = f"{text[:-1]}, {clause}{end}" if end in ".?" and "?" not in text[:-1] else text
    return text[0].upper() + text[1:]


def make_quote(rng: random.Random, place_name: str) -> str:
    """A quote of one or two short composed sentences, the first with a negation slot
    ("will{neg} rebuild"), with the story's place in it: quotes of different stories share
    shapes but rarely more than a few words, as real quotes do."""
    first = _q_sentence(rng, place_name, True)
    if rng.random() < 0.5:
        return first
    return f"{first} {_q_sentence(rng, place_name, False)}"


_QUOTE_FRAMES = [
    "“{q}” {speaker} said.",
    "“{q}” said {speaker}.",
    "{speaker} told reporters: “{q}”",
    "“{q}” {speaker} said in a statement.",
    "Speaking afterwards, {speaker} said: “{q}”",
    '"{q}" {speaker} said.',
]


def _visit(rng: random.Random, published: date, cast: Optional[dict] = None) -> Story:
    guest_country, host_country = country(rng), country(rng)
    while host_country == guest_country:
        host_country = country(rng)
    capital = place(rng)
    leader, leader_s = person(rng)
    host, host_s = person(rng)
    if cast:  # the archive's recurring actors (drawn above all the same: the rest stays)
        guest_country, host_country, capital = cast["guest"], cast["host"], cast["capital"]
        (leader, leader_s), (host, host_s) = cast["leader"], cast["host_leader"]
    gap = rng.randint(6, 31)
    last_year = published.year - gap
    event, weekday = _event_day(rng, published)
    agreements = odd_figure(rng, 11, 39)
    delegation = odd_figure(rng, 41, 260)
    summit = rng.choice([("second", 2), ("third", 3), ("fourth", 4)])
    s = dict(guest=guest_country, host=host_country, guestn=demonym(guest_country),
             hostn=demonym(host_country), capital=capital, leader=leader, leader_s=leader_s,
             host_leader=host, host_s=host_s, gap=str(gap), gapw=word(gap),
             last_year=str(last_year), weekday=weekday, event_date=long_date(event),
             agreements=num(agreements), delegation=num(delegation), summit=summit[0],
             month=MONTHS[rng.randint(0, 11)])
    facts = {
        "arrive": [
            "{guestn} President {leader} arrived in {capital} on {weekday} for his first visit to {host} in {gap} years.",
            "President {leader} of {guest} landed in {capital} on {weekday}, making his first trip to {host} in {gap} years.",
            "{leader} arrived in the {hostn} capital {capital} on {event_date}, his first visit to the country in {gap} years.",
        ],
        "last": [
            "{leader_s} last visited {host} in {last_year}, when relations between the two countries were warmer.",
            "The {guestn} leader's previous visit to {capital} was in {last_year}.",
            "He last travelled to {host} in {last_year}, according to officials in {capital}.",
        ],
        "summit": [
            "The talks are the {summit} summit between {leader_s} and {host_s}.",
            "It is the {summit} summit between the two leaders, officials in {capital} said.",
            "{host_s} and {leader_s} are holding their {summit} summit since taking office.",
        ],
        "agreements": [
            "The two sides signed {agreements} agreements on trade, energy and transport in {capital}.",
            "{leader_s} and {host_s} signed {agreements} agreements covering trade, energy and transport.",
            "Officials said {agreements} agreements were signed during the visit to {capital}.",
        ],
        "delegation": [
            "{leader_s} travelled with a delegation of {delegation} officials and business leaders.",
            "A delegation of {delegation} officials accompanied {leader_s} to {capital}.",
        ],
    }
    filler = [
        "Relations between {guest} and {host} have improved since the border dispute was settled.",
        "Crowds lined the main avenue of {capital} as the motorcade passed.",
        "Diplomats in the region are watching the visit closely.",
        "{host_s} greeted his guest at the airport with a military band and an honour guard.",
        "The visit had been announced only a day earlier by the foreign ministry in {capital}.",
        "Trade between the two countries fell sharply during the pandemic and has recovered only slowly.",
        "Critics of the government in {capital} said the agreements lacked detail.",
        "The two leaders were due to hold a joint news conference before {leader_s} leaves.",
        "Security in {capital} was tight, with several roads near the palace closed to traffic.",
        "Analysts said the trip signalled a shift in {guestn} foreign policy.",
    ]
    st = Story(
        kind="visit", published=published, slots=s,
        headlines=["{leader} arrives in {host} on first visit in {gap} years",
                   "{guestn} leader {leader} lands in {capital} for talks with {host_s}",
                   "{leader_s} visits {host} for the first time in {gap} years, signs {agreements} deals"],
        standfirsts=["The {guestn} president is expected to hold talks with {host_s} on trade and energy.",
                     "The trip is a rare foreign visit for {leader_s} and a boost for {host_s}."],
        facts=facts, lede="arrive", filler=filler, quote=make_quote(rng, capital),
        quote_frames=_QUOTE_FRAMES, figure="agreements", figure_fact="agreements", figure_noun="agreements",
    )
    st.slots["speaker"] = rng.choice(["{leader}", "{leader_s}", "President {leader_s}"]).format(**s)

    def plant(r: random.Random) -> tuple[str, str, str]:
        wrong = gap + r.choice((-2, -1, 1, 2))
        return (f"{leader} arrives in {host_country} on first visit in {wrong} years", f"{wrong} years",
                f"{gap} years")
    st.headline_plant = plant
    st.event = event
    return st


def _disaster(rng: random.Random, published: date, cast: Optional[dict] = None) -> Story:
    town, region = place(rng), place(rng)
    mayor, mayor_s = person(rng)
    if cast:
        town, region, (mayor, mayor_s) = cast["town"], cast["region"], cast["mayor"]
    hazard = rng.choice([("floods", "flooding", "flood"), ("storms", "storm", "storm"),
                         ("landslides", "landslide", "landslide")])
    dead = rng.randint(6, 58)
    injured = odd_figure(rng, 60, 400)
    homes = odd_figure(rng, 300, 4800)
    gap = rng.randint(12, 60)
    event, weekday = _event_day(rng, published)
    s = dict(town=town, region=region, mayor=mayor, mayor_s=mayor_s, plural=hazard[0],
             noun=hazard[1], adj=hazard[2], dead=str(dead), deadw=word(dead),
             injured=num(injured), homes=num(homes), gap=str(gap), weekday=weekday,
             event_date=long_date(event), rescuers=num(odd_figure(rng, 120, 900)))
    facts = {
        "hit": [
            "At least {dead} people were killed when {plural} hit the town of {town} in {region} province on {weekday}.",
            "{plural_cap} struck {town} on {weekday}, killing at least {dead} people, local officials said.",
            "The death toll from the {noun} that hit {town} on {event_date} has risen to at least {dead}.",
        ],
        "injured": [
            "Another {injured} people were injured in {town}, the regional health office said.",
            "Hospitals in {region} treated {injured} injured people from {town}.",
        ],
        "homes": [
            "The {noun} damaged {homes} homes in and around {town}, according to the provincial government.",
            "Officials in {region} said {homes} homes in {town} had been damaged.",
            "In {town} alone, {homes} homes were damaged, the provincial government said.",
        ],
        "worst": [
            "It was the worst {adj} to hit {region} in {gap} years.",
            "Residents of {town} said the {noun} was the worst in {gap} years.",
            "Meteorologists said {region} had not seen {noun} this severe in {gap} years.",
        ],
        "rescue": [
            "About {rescuers} rescue workers were sent to {town} from across {region}.",
            "The province sent about {rescuers} rescue workers to search the debris in {town}.",
        ],
    }
    s["plural_cap"] = s["plural"].capitalize()
    filler = [
        "Roads into {town} remained blocked by mud and fallen trees.",
        "Many families in {town} spent the night in schools and community halls.",
        "Power was cut to large parts of {region} province.",
        "Rainfall last month was well above the seasonal average, forecasters said.",
        "Volunteers from neighbouring villages brought food and blankets to {town}.",
        "The national weather office warned that more rain was expected later in the week.",
        "Schools across {region} were closed as a precaution.",
        "Aid groups said clean drinking water was the most urgent need in {town}.",
        "Opposition politicians said warnings had come too late for people in {town}.",
        "Television pictures showed streets in {town} turned into rivers of brown water.",
    ]
    st = Story(
        kind="disaster", published=published, slots=s,
        headlines=["At least {dead} dead as {plural} hit {town}",
                   "{plural_cap} kill at least {dead} in {region}, worst in {gap} years",
                   "{town} counts the cost of deadly {plural}"],
        standfirsts=["Rescue teams in {region} are searching for people still missing in {town}.",
                     "Thousands of residents of {town} have been moved to temporary shelters."],
        facts=facts, lede="hit", filler=filler, quote=make_quote(rng, town),
        quote_frames=_QUOTE_FRAMES, figure="homes", figure_fact="homes", figure_noun="homes",
    )
    st.slots["speaker"] = rng.choice(["Mayor {mayor}", "{mayor}, the mayor of {town},",
                                      "{mayor_s}"]).format(**s)

    def plant(r: random.Random) -> tuple[str, str, str]:
        wrong = gap + r.choice((-3, -2, 2, 3))
        return (f"{hazard[0].capitalize()} kill at least {dead} in {region}, worst in {wrong} years",
                f"{wrong} years", f"{gap} years")
    st.headline_plant = plant
    st.event = event
    return st


def _opening(rng: random.Random, published: date, cast: Optional[dict] = None) -> Story:
    city, river = place(rng), place(rng)
    minister, minister_s = person(rng)
    if cast:
        city, river, (minister, minister_s) = cast["city"], cast["river"], cast["minister"]
    length = odd_figure(rng, 420, 2900)
    cost = odd_figure(rng, 120, 980)
    begun = published.year - rng.randint(3, 7)
    vehicles = odd_figure(rng, 12000, 48000)
    gap = rng.randint(15, 70)
    event, weekday = _event_day(rng, published)
    s = dict(city=city, river=river, minister=minister, minister_s=minister_s,
             length=num(length), cost=num(cost), begun=str(begun), vehicles=num(vehicles),
             gap=str(gap), weekday=weekday, event_date=long_date(event))
    facts = {
        "open": [
            "A new bridge over the {river} river in {city} opened to traffic on {weekday}.",
            "The {river} bridge in {city} was opened on {weekday} by Transport Minister {minister}.",
            "Traffic began crossing the new {river} bridge in {city} on {event_date}.",
        ],
        "length": [
            "The bridge is {length} metres long and carries four lanes of traffic.",
            "At {length} metres, the crossing is the longest in the region.",
            "The {length} metres span links the two halves of {city}.",
        ],
        "cost": [
            "The project cost ${cost} million, the transport ministry said.",
            "The bridge cost ${cost} million to build, according to the ministry.",
        ],
        "begun": [
            "Work on the bridge began in {begun} after years of delays.",
            "Construction of the {river} crossing started in {begun}.",
        ],
        "vehicles": [
            "Engineers expect {vehicles} vehicles a day to use the bridge.",
            "The ministry expects {vehicles} vehicles to cross the {river} every day.",
        ],
        "first": [
            "It is the first new crossing over the {river} in {gap} years.",
            "No new bridge had been built over the {river} in {gap} years.",
        ],
    }
    filler = [
        "Residents of {city} have long complained about traffic on the old bridge.",
        "The old crossing will be closed for repairs next year.",
        "Local businesses said the bridge would cut journey times across {city}.",
        "Cyclists and pedestrians have their own lane on the eastern side.",
        "Environmental groups had opposed an earlier design for the crossing.",
        "The opening ceremony was attended by hundreds of people from {city}.",
        "Tolls will not be charged during the first month of operation.",
        "The project was financed partly through a loan from a regional development bank.",
        "Engineers said the foundations had been designed to withstand heavy floods on the {river}.",
    ]
    st = Story(
        kind="opening", published=published, slots=s,
        headlines=["{city} opens new bridge over the {river}",
                   "New {river} bridge begun in {begun} opens in {city}",
                   "{city} bridge opens after years of delays"],
        standfirsts=["The crossing is expected to ease congestion in the centre of {city}.",
                     "Transport Minister {minister} said the bridge would transform the city."],
        facts=facts, lede="open", filler=filler, quote=make_quote(rng, city),
        quote_frames=_QUOTE_FRAMES, figure="length", figure_fact="length", figure_noun="metres",
    )
    st.slots["speaker"] = rng.choice(["Transport Minister {minister}", "{minister_s}",
                                      "{minister}"]).format(**s)

    def plant(r: random.Random) -> tuple[str, str, str]:
        wrong = begun + r.choice((-2, -1, 1, 2))
        return (f"New {river} bridge begun in {wrong} opens in {city}", str(wrong), str(begun))
    st.headline_plant = plant
    st.event = event
    return st


def _company(rng: random.Random, published: date, cast: Optional[dict] = None) -> Story:
    firm = place(rng) + rng.choice([" Motors", " Steel", " Foods", " Telecom", " Airways", " Textiles"])
    town = place(rng)
    ceo, ceo_s = person(rng)
    if cast:
        firm, town, (ceo, ceo_s) = cast["firm"], cast["town"], cast["ceo"]
    jobs = odd_figure(rng, 140, 3900)
    pct = rng.randint(4, 31)
    founded = rng.randint(1921, 1995)
    if cast:  # a firm has one founding year, whichever event tells it
        founded = cast["founded"]
    gap = rng.randint(8, 30)
    plants = rng.randint(2, 9)
    event, weekday = _event_day(rng, published)
    s = dict(firm=firm, town=town, ceo=ceo, ceo_s=ceo_s, jobs=num(jobs), pct=str(pct),
             founded=str(founded), gap=str(gap), weekday=weekday, event_date=long_date(event),
             plants=word(plants), plantsd=str(plants))
    facts = {
        "cut": [
            "{firm} said on {weekday} it would cut {jobs} jobs at its factory in {town}.",
            "{firm} announced on {weekday} that {jobs} jobs in {town} would go.",
            "The {town}-based company said on {event_date} it was cutting {jobs} jobs.",
        ],
        "sales": [
            "Sales at {firm} fell {pct}% last year, the company said.",
            "The company reported that its sales fell {pct}% last year.",
        ],
        "loss": [
            "{firm} reported its first annual loss in {gap} years.",
            "It was the first time in {gap} years that {firm} had made a loss.",
        ],
        "founded": [
            "{firm} was founded in {town} in {founded}.",
            "The company, founded in {founded}, is the largest employer in {town}.",
        ],
        "plants": [
            "{firm} runs {plants} factories, the company said.",
            "The firm operates {plants} factories across the country.",
        ],
    }
    filler = [
        "Unions in {town} said they would fight the cuts.",
        "Shares in {firm} rose slightly after the announcement.",
        "The company blamed higher energy prices and weak demand.",
        "Local politicians called the news a heavy blow for {town}.",
        "{firm} said it would offer voluntary redundancy before compulsory cuts.",
        "Analysts had expected the company to announce savings this year.",
        "The government said it was in talks with the company about support for workers.",
        "Rival manufacturers have also struggled with weak orders.",
    ]
    st = Story(
        kind="company", published=published, slots=s,
        headlines=["{firm} to cut {jobs} jobs in {town}",
                   "{firm} cuts jobs after first loss in {gap} years",
                   "Blow for {town} as {firm} announces job cuts"],
        standfirsts=["The company blamed weak demand and higher costs for its decision.",
                     "Unions in {town} reacted angrily to the announcement by {firm}."],
        facts=facts, lede="cut", filler=filler, quote=make_quote(rng, town),
        quote_frames=_QUOTE_FRAMES, figure="jobs", figure_fact="cut", figure_noun="jobs",
    )
    st.slots["speaker"] = rng.choice(["chief executive {ceo}", "{ceo}", "{ceo_s}"]).format(**s)

    def plant(r: random.Random) -> tuple[str, str, str]:
        wrong = gap + r.choice((-2, -1, 1, 2))
        return (f"{firm} cuts jobs after first loss in {wrong} years", f"{wrong} years",
                f"{gap} years")
    st.headline_plant = plant
    st.event = event
    return st


KINDS: list[Callable[..., Story]] = [_visit, _disaster, _opening, _company]
KIND_NAMES = ("visit", "disaster", "opening", "company")  # in the order of KINDS


def story(rng: random.Random, published: date, kind: Optional[str] = None,
          cast: Optional[dict] = None) -> Story:
    """A story of a random kind, or of `kind` with the archive's `cast` (recurring names)."""
    if kind is None:
        st = rng.choice(KINDS)(rng, published)
    else:
        st = KINDS[KIND_NAMES.index(kind)](rng, published, cast)
    st.quote_neg = rng.choice(["", " not"])
    return st


def quotes(st: Story) -> tuple[str, str]:
    """(the quote as said, the quote with its polarity flipped)."""
    other = "" if st.quote_neg else " not"
    return st.quote.format(neg=st.quote_neg), st.quote.format(neg=other)


def with_figure(st: Story, value: str) -> Story:
    """The same story as one outlet tells it with a different figure (a planted conflict)."""
    return Story(**{**st.__dict__, "slots": {**st.slots, st.figure: value}})


def figure_value(st: Story) -> int:
    return int(st.slots[st.figure].replace(",", ""))


# ── site chrome ───────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Outlet:
    name: str
    sections: str
    trending_label: str
    tail_label: str
    price: str
    share: str
    author_prefix: str


def outlets(rng: random.Random, n: int = 16) -> list[Outlet]:
    names = set()
    out = []
    while len(out) < n:
        name = rng.choice(["The {} Ledger", "{} Daily", "The {} Courier", "{} Today",
                           "{} Post", "The {} Herald", "{} News Network", "The {} Observer"]
                          ).format(place(rng))
        if name in names:
            continue
        names.add(name)
        price = rng.choice([
            "Premium: 3 Months ₹900 | 12 Months ₹2,999 | SAVE 25%",
            "Digital access from $4.99 a month. Cancel anytime.",
            "Get 12 months for $39 — SAVE 40% today",
            "All access: 6 Months €18 | 1 Year €30 | SAVE 17%",
            "Become a member: $2 for 2 months, then $12 a month",
        ])
        out.append(Outlet(
            name=name,
            sections=rng.choice(["Home | World | Business | Sport | Culture | Opinion",
                                 "Home  News  Politics  Money  Tech  Life  Video",
                                 "LATEST • WORLD • ECONOMY • SCIENCE • PHOTOS • PODCASTS"]),
            trending_label=rng.choice(["TRENDING", "Trending Now", "LATEST", "Top Stories"]),
            tail_label=rng.choice(["MOST POPULAR", "Related stories", "More stories",
                                   "You may also like", "Most read"]),
            price=price,
            share=rng.choice(["Share: Facebook | X | Email | Copy link",
                              "FacebookTwitterWhatsappLinkedin", "Share this article"]),
            author_prefix=rng.choice(["By ", "Written by ", ""]),
        ))
    return out


_TREND = [
    "{n} habits of people who wake up early",
    "{n} foods that help you sleep better",
    "Singer {p} says the last {a}-{b} years were the hardest of her career",
    "{n} highest-grossing films of the decade, ranked",
    "Actor {p} on {a} years in television and what comes next",
    "Markets: the {c} index closes {a}.{n}% higher",
    "Watch: {n} cars collide on the {c} ring road",
    "{c} FC sign striker for a record fee",
    "Recipe: {n}-minute lemon pasta",
    "Weather: up to {a} mm of rain expected in {c} this weekend",
    "Quiz: how well do you know the capitals of the world?",
    "{n} signs your phone battery is failing",
    "Fuel prices rise for the {o} week in a row",
    "Photos: {c} marathon draws {a},{n}00 runners",
    "{p} wins the {c} Open after {n} sets",
    "Opinion: why {c} needs a new airport",
    "Travel: {n} quiet beaches to visit before summer ends",
    "Lottery results: jackpot of {a} million unclaimed",
    "{n} gadgets worth buying this month",
    "Health: walking {n},000 steps a day, what the research says",
    "Cricket: {c} beat rivals by {a} runs in thriller",
    "Property prices in {c} up {n}% in a year",
    "{p} turns {a}: a look back at a remarkable career",
    "Exam results: {a} schools in {c} score top marks",
    "Pictures: {n} stunning photos of the northern lights",
    "Film review: the {o} instalment of the spy series disappoints",
    "Podcast: {n} questions about the new tax rules, answered",
    "Horoscope for the week ahead",
    "Transfer news: {c} United want {p}",
    "Crossword: play today's puzzle",
]
_ORD = ["second", "third", "fourth", "fifth"]


def trending(rng: random.Random, k: int) -> list[str]:
    lines = []
    for t in rng.sample(_TREND, k):
        a = rng.randint(11, 40)
        lines.append(t.format(n=rng.randint(3, 12), a=a, b=a + 1, c=place(rng),
                              p=f"{given(rng)} {surname(rng)}", o=rng.choice(_ORD)))
    return lines


# Background sentences any story may carry: common words everywhere, so that the inverted index
# meets long postings. No figures: they would belong to no story.
GENERAL = [
    "The government said it would publish more details in the coming days.",
    "Officials declined to comment further when contacted by reporters on the phone.",
    "The announcement drew a mixed reaction from people in the region.",
    "Opposition parties called for a debate in parliament on the issue.",
    "It was not immediately clear how the plans would be paid for.",
    "Local media reported that the decision had been taken at a late-night meeting.",
    "Several people who spoke to reporters asked not to be named.",
    "The ministry said the situation was being monitored closely.",
    "Community leaders urged people to remain calm and to follow official advice.",
    "The news was widely shared on social media throughout the day.",
    "Experts said it was too early to judge the long-term effects.",
    "A spokesperson for the ministry said more information would follow.",
    "The issue is expected to feature prominently in the coming election campaign.",
    "Business groups welcomed the move but asked for more clarity on timing.",
    "Critics said the government had been slow to act.",
    "Residents said they had been waiting a long time for news.",
    "International organisations offered their support and expertise.",
    "Questions remain about who will be responsible for the next steps.",
    "The matter has divided opinion among lawmakers from both of the main parties for some time.",
    "People queued outside government offices from early in the morning to ask for information.",
    "Newspapers across the country carried the story on their front pages the following day.",
    "A senior official described the past few days as among the most difficult in recent memory.",
    "The development comes at a sensitive time for the governing coalition and its partners.",
    "Observers noted that similar promises had been made before without much result.",
    "Independent monitors said they would publish their own assessment in due course.",
    "Some residents said they were hopeful, while others were openly sceptical of the plans.",
    "The statement was read out at a press briefing that lasted less than ten minutes.",
    "Regional authorities said they had not been consulted before the announcement was made.",
    "Economists warned that the costs could rise further if the work was delayed again.",
    "Church groups and charities have been helping people affected by the situation.",
]

FOOTER = [
    "About us | Contact | Careers | Advertise with us | Privacy policy | Terms of use",
    "Download our app on iOS and Android",
    "Follow us on Facebook, X, Instagram and YouTube",
    "Newsletters: Morning briefing | Business daily | Weekend reads",
    "Corrections policy | Editorial standards | Complaints",
]

LATEST_LABEL = ["Latest News", "Just in", "Editor's picks", "Don't miss"]


def author(rng: random.Random) -> str:
    return f"{given(rng)} {surname(rng)}"


def time_of_day(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['am', 'pm'])}"


def quote_sentence(st: Story, rng: random.Random, quote: str, frame: Optional[str] = None) -> str:
    """The quote in one of the usual shapes; an appositive speaker ("X, the mayor of Y,") keeps
    its closing comma only before a verb."""
    speaker = st.slots["speaker"]
    shape = frame or rng.choice(st.quote_frames)
    head = speaker.rstrip(",")
    text = shape.format(q=quote, speaker=head)
    if speaker.endswith(","):
        text = text.replace(f"{head} said", f"{speaker} said").replace(f"{head} told", f"{speaker} told")
    return text
