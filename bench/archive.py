"""The archive corpus (issue 16): a desk's years of coverage, where the same leaders, towns and
companies come back event after event, told in the same templated wire copy with other names
and figures.

Usage: python bench/generate.py N OUTDIR --archive [--seed S]

Pools drawn once per seed: countries with their capitals and leaders by term of office, towns
with their regions, mayors and rivers, transport ministers by term, firms with their towns and
chief executives by term. Events (a state visit, a disaster, a bridge opening, job cuts) are
spread over 2015–2026; each takes its actors from the pools, so one leader visits the same host
many times, one town floods every few months, one firm cuts jobs again, always in the same
sentence shapes (bench/templates.py) with other figures and years. A permanent fact of an actor
(a firm's founding year) is the same in every event; what an event says of its own time (a
toll, "the first visit in 17 years", "their third summit") is drawn per event, as wire copy
fills its template, so two events of one actor may well say other things: comparing them is the
mistake the archive is there to show. The same key actors never
meet twice within MIN_GAP days: closer than that, two events would be one.

Each event's outlets publish within a few days of one another (never across a month's end, so
"last month" and "last year" mean the same to all of them). One disaster in two also gets a
desk's follow-up: one of its outlets again, days later, with a death toll that has grown (an
update, not a conflict) and every other figure the same. Planted conflicts are those of
generate.py, always inside one event; planted.json lists the events as `clusters` (ids `E…`)
and gives each article's event under `events`, the follow-ups under `followups`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Optional

from bench import generate as G
from bench import templates as T

GENERATOR = "factcheck-bench-archive/1"
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2026, 10, 31)  # before the bench was written: no article from the future
MIN_GAP = 45  # days between two events of the same key actors
POOLS = {"countries": 10, "regions": 6, "towns": 16, "rivers": 6, "firms": 10}
ARTICLES_PER_POOL = 10_000  # the pools above serve this many articles; more scale them
FOLLOW_UP = 0.5  # share of disasters with a follow-up
SPREAD = 2  # an event's outlets publish up to this many days after the first


class _Names:
    """Invented names, never the same word twice in one archive."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def fresh(self, make) -> str:  # type: ignore[no-untyped-def]
        while True:
            name = make(self.rng)
            words = set(name.split())
            if not words & self.used:
                self.used |= words
                return name

    def person(self) -> tuple[str, str]:
        full = self.fresh(lambda r: f"{T.given(r)} {T.surname(r)}")
        return full, full.split()[-1]

    def terms(self) -> list[tuple[int, tuple[str, str]]]:
        """Office holders by term: (first year, (name, surname)), two or three over the years."""
        changes = sorted(self.rng.sample(range(FIRST_DAY.year + 1, LAST_DAY.year), self.rng.randint(1, 2)))
        return [(year, self.person()) for year in [FIRST_DAY.year, *changes]]


def holder(terms: list[tuple[int, tuple[str, str]]], day: date) -> tuple[str, str]:
    """Who held the office on `day`."""
    return [who for year, who in terms if year <= day.year][-1]


def pools(seed: int, scale: int = 1) -> dict:
    """The recurring actors; `scale` times as many of each for an archive of more than
    ARTICLES_PER_POOL articles (a bigger desk covers more places, and the time span holds only
    so many events of one key MIN_GAP days apart)."""
    names = _Names(random.Random(f"{seed}:archive:pools"))
    rng = names.rng
    countries = []
    for _ in range(POOLS["countries"] * scale):
        countries.append({"name": names.fresh(T.country), "capital": names.fresh(T.place),
                          "leaders": names.terms()})
    regions = [names.fresh(T.place) for _ in range(POOLS["regions"] * scale)]
    rivers = [names.fresh(T.place) for _ in range(POOLS["rivers"] * scale)]
    towns = [{"name": names.fresh(T.place), "region": rng.choice(regions),
              "river": rng.choice(rivers), "mayors": names.terms()}
             for _ in range(POOLS["towns"] * scale)]
    suffixes = (" Motors", " Steel", " Foods", " Telecom", " Airways", " Textiles")
    firms = [{"name": names.fresh(T.place) + rng.choice(suffixes), "town": rng.choice(towns)["name"],
              "ceos": names.terms(), "founded": rng.randint(1921, 1995)}
             for _ in range(POOLS["firms"] * scale)]
    return {"countries": countries, "towns": towns, "firms": firms, "ministers": names.terms()}


def cast(kind: str, rng: random.Random, p: dict, day: date) -> tuple[dict, str]:
    """The actors of one event of `kind` on `day`, and the key that makes two events one."""
    if kind == "visit":
        guest, host = rng.sample(p["countries"], 2)
        return ({"guest": guest["name"], "host": host["name"], "capital": host["capital"],
                 "leader": holder(guest["leaders"], day),
                 "host_leader": holder(host["leaders"], day)},
                f"visit:{guest['name']}:{host['name']}")
    if kind == "disaster":
        town = rng.choice(p["towns"])
        return ({"town": town["name"], "region": town["region"],
                 "mayor": holder(town["mayors"], day)}, f"disaster:{town['name']}")
    if kind == "opening":
        town = rng.choice(p["towns"])
        return ({"city": town["name"], "river": town["river"],
                 "minister": holder(p["ministers"], day)}, f"opening:{town['name']}")
    firm = rng.choice(p["firms"])
    return ({"firm": firm["name"], "town": firm["town"], "ceo": holder(firm["ceos"], day),
             "founded": firm["founded"]},
            f"company:{firm['name']}")


def _day_after(base: date, rng: random.Random, most: int) -> date:
    """`base` plus 0..most days, in the same month."""
    d = base + timedelta(days=rng.randint(0, max(0, most)))
    return d if d.month == base.month else base


def _follow_up(st: T.Story, rng: random.Random) -> Optional[T.Story]:
    """The desk's later article on a disaster: 2–3 days on, the toll grown, the day of the
    disaster by its date (a weekday would now name another week)."""
    assert st.event is not None
    day = st.published + timedelta(days=rng.randint(2, 3))
    if day.month != st.published.month:
        return None
    dead = int(st.slots["dead"]) + rng.randint(2, 9)
    slots = {**st.slots, "dead": str(dead), "deadw": T.word(dead), "weekday": st.slots["event_date"]}
    return T.Story(**{**st.__dict__, "published": day, "slots": slots})


def build(n: int, seed: int = 0) -> G.Corpus:
    """The archive in memory: deterministic in (n, seed)."""
    p = pools(seed, max(1, -(-n // ARTICLES_PER_POOL)))
    outlets = T.outlets(random.Random(f"{seed}:archive:outlets"))
    drafts: list[G._Draft] = []
    plants: list[tuple[int, str, list[int], list[str]]] = []
    events: list[list[int]] = []
    info: list[dict] = []
    followups: list[int] = []
    last_seen: dict[str, list[date]] = {}
    span = (LAST_DAY - FIRST_DAY).days
    e = 0
    while len(drafts) < n:
        rng = random.Random(f"{seed}:archive:event:{e}")
        kind = rng.choice(T.KIND_NAMES)
        while True:
            published = FIRST_DAY + timedelta(days=rng.randrange(span))
            actors, key = cast(kind, rng, p, published)
            if all(abs((published - d).days) >= MIN_GAP for d in last_seen.get(key, [])):
                break
        last_seen.setdefault(key, []).append(published)
        size = min(rng.randint(3, 8), n - len(drafts))
        st = T.story(rng, published, kind, actors)
        assert st.event is not None
        chosen = rng.sample(outlets, size)
        plant = G.plant_for(e, size)
        members: list[int] = []
        texts: list[str] = []
        most = min(SPREAD, 6 - (published - st.event).days)  # a weekday still names this week
        for k, outlet in enumerate(chosen):
            day = published if k == 0 else _day_after(published, rng, most)
            draft, planted_texts = G.page(T.Story(**{**st.__dict__, "published": day}), outlet,
                                          rng, e, plant if k == 0 else None)
            texts = planted_texts or texts
            members.append(len(drafts))
            drafts.append(draft)
        if kind == "disaster" and size >= 2 and len(drafts) < n and rng.random() < FOLLOW_UP:
            later = _follow_up(st, rng)
            if later is not None:
                outlet = chosen[rng.randrange(1, size)]  # never the planted odd one
                headline = later.fill(rng.choice(st.headlines))
                followups.append(len(drafts))
                members.append(len(drafts))
                drafts.append(G._Draft(e, G.render(later, outlet, rng, headline,
                                                   T.quotes(st)[0]), headline))
        if plant:
            plants.append((e, plant, G.partners(plant, members), texts))
        events.append(members)
        info.append({"kind": kind, "published": published.isoformat(), "key": key,
                     "happened": st.event.isoformat()})
        e += 1
    corpus = G.assemble(drafts, plants, events, f"{seed}:archive", "E", info)
    corpus.events = {corpus.ids[i]: f"E{ev:05d}" for ev, members in enumerate(events)
                     for i in members}
    corpus.followups = sorted(corpus.ids[i] for i in followups)
    corpus.generator = GENERATOR
    return corpus
