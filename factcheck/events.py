"""Events: the batch cut into occurrences, so that claims meet only inside one.

A desk's archive is not a bag of articles: the same leaders, clubs and towns come back every
month, and wire copy tells every quake and summit in the same words. "First visit in 18 years"
in one summit's coverage must never be lined up with "first visit in 25 years" in another's,
however many names the two share. An event is bounded in time as well as by who and where:
articles are tied into one when they were published within days of each other (or one speaks
of the dated occurrence the other reports) and share enough of their names, weighed by how rare
each name is in the batch. Recurring names are evidence, never proof; no batch size decides.

Each decision is a named rule (parameters in rules/events.yaml); the stage takes one `Profile`
per article (what extract found it is about, and when) and returns `Event`s, which alignment and
comparison then work inside, one at a time.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from typing import Iterable, Mapping, Optional, Sequence

from factcheck.model import Claim, DateSpan, Duration, Event, Profile, Quote
from factcheck.rulebook import Rule
from factcheck.rules import load as load_rules

__all__ = ["Profile", "Event", "events", "profile", "RULES"]

_DEMONYM_ENDINGS = tuple(load_rules("units")["demonym_endings"])


class SameDays(Rule):
    """Outlets report an event within days of each other, and a desk's follow-ups come soon
    after; articles published further apart than `window_days` (and not chained by articles in
    between) tell of different occurrences, even with the same people in the same words."""

    name = "same-days"
    stage = "events"


class DatedOccurrence(Rule):
    """An article may speak of an occurrence long past ("he last visited in July 2000"): a date
    it gives to the day or the month is one of its times too, so it meets the coverage of that
    occurrence. A past year it recalls ("first visit in 24 years", "16 years ago", "in 2007")
    is too coarse to meet coverage (it would tie a whole year) but meets another article that
    recalls the same year with the same names: 2023's "16 years ago" and 2025's "18 years"
    both speak of 2007."""

    name = "dated-occurrence"
    stage = "events"


class SharedNames(Rule):
    """Two outlets on one event name the same people and places. Two articles published close
    together are one event when they share `min_names` names (not one inside the other:
    "Harlow" and "residents of Harlow" are one place) and the shared names weigh at least
    `min_overlap` of the lighter article's names, each name weighed by how rare it is in the
    batch (a leader in every third article weighs little, a town named once weighs much)."""

    name = "shared-names"
    stage = "events"


class CommonName(Rule):
    """A name held by more than `local_cap` articles within one window (the agency, the head of
    state of the day) proposes no pair by itself: it would tie every story of the week. It still
    weighs, a little, in `shared-names` once another name proposes the pair."""

    name = "common-name"
    stage = "events"


class OnlyEvent(Rule):
    """An article that shares too few names to be tied to anything (a brief, a short piece that
    names nobody) is about the one occurrence the batch holds at its time, if there is only
    one, unless it names a cast of its own (`least_own_names` names the event lacks, and at
    most `max_shared` of its names in common): then it is another occurrence on the same days."""

    name = "only-event"
    stage = "events"


class Brief(Rule):
    """With several events at its time, an article tied to none joins the one that holds its
    rarest name ("residents of Skaivrin"), or none when two hold it: which one is unknown."""

    name = "brief"
    stage = "events"


class Nameless(Rule):
    """Pieces whose claims name nobody and nowhere ("the ferry service resumed on Tuesday")
    carry no evidence of being different occurrences: those published close together are read
    as one, and, like any lone article, join the one event near them (`only-event`)."""

    name = "nameless"
    stage = "events"


class Undated(Rule):
    """An article with no date at all (a draft, a text with no date line) cannot be placed in
    time: its names alone tie it, to articles at any date."""

    name = "undated"
    stage = "events"


SAME_DAYS, DATED, SHARED, COMMON, ONLY, BRIEF, NAMELESS, UNDATED = (
    SameDays(), DatedOccurrence(), SharedNames(), CommonName(), OnlyEvent(), Brief(), Nameless(),
    Undated())
RULES = (SAME_DAYS, DATED, SHARED, COMMON, ONLY, BRIEF, NAMELESS, UNDATED)
WINDOW = int(SAME_DAYS.params["window_days"])
_DATED_GRAINS = frozenset(DATED.params["granularities"])


def profile(claims: Iterable[Claim], published: Optional[date]) -> Profile:
    """What ties one article to its event: the names its claims are about, when it was
    published, the occurrences it dates to the day or month, and the past years it recalls."""
    names: set[str] = set()
    fine: set[tuple[int, int]] = set()
    coarse: set[tuple[int, int]] = set()
    for c in claims:
        names.update(c.frame.names)
        value = c.value
        if isinstance(value, Quote) and value.speaker_ref:
            names.add(value.speaker_ref)
        recalled = isinstance(value, Duration)  # "first visit in 24 years": 24 years back
        if recalled:
            value = value.anchor  # type: ignore[union-attr]
        if (not isinstance(value, DateSpan) or value.start is None or value.end is None
                or c.slots.said_at):
            continue
        span = (value.start.toordinal(), value.end.toordinal())
        if not recalled and value.granularity in _DATED_GRAINS:
            fine.add(span)
        elif value.granularity == "year":
            coarse.add(span)
    if published is not None:
        day = published.toordinal()
        fine = {s for s in fine if s[1] < day - WINDOW or s[0] > day + WINDOW}
        coarse = {s for s in coarse if s[1] < day - WINDOW}  # a year gone by, not this one
    return Profile(names=frozenset(names), published=published, dated=tuple(sorted(fine)),
                   recalled=tuple(sorted(coarse)))


def events(profiles: Mapping[str, Profile],
           aliases: Optional[Mapping[str, Iterable[str]]] = None) -> list[Event]:
    """The batch (`profiles` in batch order) cut into events, each named by its articles in
    batch order; every article is in exactly one. Near-linear: pairs are proposed only by
    names within one window, never all pairs."""
    order = list(profiles)
    if not order:
        return []
    canonical = _canonical_names(profiles, aliases)
    held: Counter[str] = Counter()
    for a in order:
        held.update(canonical[a])
    n = len(order)
    weight = {name: math.log(1.0 + n / count) for name, count in held.items()}
    times = {a: _times(profiles[a]) for a in order}
    groups = _Groups(order)

    min_names = int(SHARED.params["min_names"])
    min_overlap = float(SHARED.params["min_overlap"])
    cap = int(COMMON.params["local_cap"])
    recalled = {a: profiles[a].recalled for a in order if profiles[a].recalled}
    proposed = _proposed(order, canonical, times, cap)
    if recalled:  # the same year recalled: window 0, and only between recollections
        proposed |= _proposed([a for a in order if a in recalled], canonical, recalled, cap, 0)
    for a, b in sorted(proposed):
        shared = canonical[a] & canonical[b]
        if len(shared) < min_names or not _distinct_pair(shared):
            continue
        lighter = min(sum(weight[x] for x in canonical[a]), sum(weight[x] for x in canonical[b]))
        if sum(weight[x] for x in shared) >= min_overlap * lighter:
            groups.join(a, b)
    _join_lone(order, canonical, times, held, groups)
    return groups.events()


def _canonical_names(profiles: Mapping[str, Profile],
                     aliases: Optional[Mapping[str, Iterable[str]]]) -> dict[str, frozenset[str]]:
    to_canonical: dict[str, str] = {}
    for canon, others in (aliases or {}).items():
        key = canon.lower()
        for other in others:
            to_canonical[other.lower()] = key
    return {a: frozenset(to_canonical.get(n, n) for n in p.names) for a, p in profiles.items()}


_ANYWHEN = ((-10**9, 10**9),)


def _times(p: Profile) -> tuple[tuple[int, int], ...]:
    """The article's times as day-number intervals, each widened by nothing (the window is
    applied when two are compared); an undated article with no dated occurrence is anywhen."""
    spans = list(p.dated)
    if p.published is not None:
        day = p.published.toordinal()
        spans.append((day, day))
    return tuple(sorted(set(spans))) or _ANYWHEN


def _proposed(order: Sequence[str], canonical: Mapping[str, frozenset[str]],
              times: Mapping[str, tuple[tuple[int, int], ...]], cap: int,
              window: int = WINDOW) -> set[tuple[str, str]]:
    """Pairs of articles that hold one name at times no more than `window` days apart; a name
    held by more than `cap` articles around one article proposes none of that article's pairs."""
    position = {a: i for i, a in enumerate(order)}
    holders: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for a in order:
        for lo, hi in times[a]:
            for name in canonical[a]:
                holders[name].append((lo, hi, a))
    pairs: set[tuple[str, str]] = set()
    for points in holders.values():
        if len(points) < 2:
            continue
        points.sort()
        starts = [p[0] for p in points]
        for i, (lo, hi, a) in enumerate(points):
            reach = hi + window if hi < 10**9 else 10**9
            end = _bisect_right(starts, reach, i + 1)
            if end - i - 1 > cap:
                continue
            for j in range(i + 1, end):
                b = points[j][2]
                if b != a:
                    pairs.add((a, b) if position[a] < position[b] else (b, a))
    return pairs


def _bisect_right(values: Sequence[int], x: int, lo: int) -> int:
    hi = len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _near(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    return any(lo1 - hi2 <= WINDOW and lo2 - hi1 <= WINDOW for lo1, hi1 in a for lo2, hi2 in b)


def _join_lone(order: Sequence[str], canonical: Mapping[str, frozenset[str]],
               times: Mapping[str, tuple[tuple[int, int], ...]], held: Counter[str],
               groups: "_Groups") -> None:
    """Articles that `shared-names` tied to nothing: `only-event`, `brief` and `nameless`."""
    size = Counter(groups.root(a) for a in order)
    points = sorted((lo, hi, a) for a in order for lo, hi in times[a])
    # Nameless pieces near each other: nothing tells them apart (see `nameless`).
    nameless = [(lo, hi, a) for lo, hi, a in points if not canonical[a] and size[groups.root(a)] == 1]
    for (_, hi1, x), (lo2, _, y) in zip(nameless, nameless[1:]):
        if lo2 - hi1 <= WINDOW:
            groups.join(x, y)
    members: dict[str, list[str]] = defaultdict(list)
    for a in order:
        members[groups.root(a)].append(a)
    lone = [m for m in members.values() if len(m) == 1 or not any(canonical[a] for a in m)]
    if not lone:
        return
    cap = int(COMMON.params["local_cap"])
    least_own = int(ONLY.params["least_own_names"])
    max_shared = float(ONLY.params["max_shared"])
    starts = [p[0] for p in points]
    longest = max(hi - lo for lo, hi, _ in points)
    joined: set[str] = set()
    for group in lone:
        if group[0] in joined:  # another lone piece joined it meanwhile: no longer lone
            continue
        mine = set(group)
        near: set[str] = set()
        spans = {t for a in group for t in times[a]}
        for lo, hi in spans:
            first = _bisect_right(starts, lo - WINDOW - longest - 1, 0)
            last = _bisect_right(starts, hi + WINDOW, first)
            if last - first > cap + len(group) * 2:
                near = set()
                break
            near.update(b for blo, bhi, b in points[first:last]
                        if b not in mine and blo - hi <= WINDOW and lo - bhi <= WINDOW)
        if not near:
            continue
        events_near: dict[str, set[str]] = defaultdict(set)
        for b in near:
            events_near[groups.root(b)].update(canonical[b])
        names = frozenset(x for a in group for x in canonical[a])
        if len(events_near) == 1:
            (target, theirs), = events_near.items()
            own = _people(names - theirs)
            if len(own) >= least_own and len(names & theirs) <= max_shared * len(names):
                continue  # a cast of its own: another occurrence on the same days
        else:
            target = _rarest_holder(names, events_near, held)
            if target is None:
                continue
        joined.update(members[groups.root(target)])
        groups.join(group[0], target)
    # Briefs that name only what other briefs name, and nothing else does, are one event.
    size = Counter(groups.root(a) for a in order)
    still = [a for a in order if size[groups.root(a)] == 1]
    holders: dict[str, list[str]] = defaultdict(list)
    for a in order:
        for name in canonical[a]:
            holders[name].append(a)
    alone = set(still)
    for name in sorted({x for a in still for x in canonical[a]}):
        briefs = holders[name]
        if len(briefs) > 1 and all(b in alone for b in briefs):
            briefs = sorted(briefs, key=lambda b: times[b])
            for x, y in zip(briefs, briefs[1:]):
                if _near(times[x], times[y]):
                    groups.join(x, y)


def _people(names: Iterable[str]) -> list[str]:
    """Names counted once per person or place: "quell" is "councillor mara quell" again."""
    names = sorted(set(names), key=len, reverse=True)
    kept: list[str] = []
    for name in names:
        words = set(name.split())
        if not any(words <= set(k.split()) for k in kept):
            kept.append(name)
    return kept


def _rarest_holder(names: frozenset[str], events_near: Mapping[str, set[str]],
                   held: Counter[str]) -> Optional[str]:
    for name in sorted(names, key=lambda x: (held[x], x)):
        holders = [root for root, theirs in events_near.items() if name in theirs]
        if holders:
            return holders[0] if len(holders) == 1 else None
    return None


def _distinct_pair(shared: frozenset[str]) -> bool:
    """Whether the shared names hold two that are not one name said twice."""
    return any(not _nested(x, y) for x, y in combinations(sorted(shared), 2))


def _nested(a: str, b: str) -> bool:
    """"Skaivrin" and "residents of Skaivrin", or "Kralevia" and "Kralevian", are one place
    named twice, not two names ("Harlow" and "Harlow Rovers" are two)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long.endswith(" of " + short) or _demonym_of(long, short)


def _demonym_of(word: str, place: str) -> bool:
    """Whether `word` is the nationality word of `place`: Kralevia → Kralevian, Murland →
    Murlandian, Japan → Japanese, Italy → Italian, Pakistan → Pakistani."""
    if " " in word or " " in place or len(place) < 4:
        return False
    base = place[:-1] if place[-1] in "aeiouy" else place
    rest = word[len(base):]
    return (word.startswith(base) and 0 < len(rest) <= 4
            and rest.endswith(_DEMONYM_ENDINGS) and rest.isalpha())


class _Groups:
    """Union-find over the batch's articles; an event is named after its earliest article,
    whatever the order of the joins."""

    def __init__(self, order: Sequence[str]) -> None:
        self.order = order
        self.parent = {a: a for a in order}
        self.position = {a: i for i, a in enumerate(order)}

    def root(self, a: str) -> str:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            first, later = sorted((ra, rb), key=self.position.__getitem__)
            self.parent[later] = first

    def events(self) -> list[Event]:
        members: dict[str, list[str]] = defaultdict(list)
        for article in self.order:
            members[self.root(article)].append(article)
        return [Event(articles=tuple(m)) for m in members.values()]


def apart(a: Profile, b: Profile) -> tuple[str, str]:
    """Why two articles were read as different events, as (rule, reason), for `explain`."""
    ta, tb = _times(a), _times(b)
    if not _near(ta, tb):
        gap = abs(a.published.toordinal() - b.published.toordinal()) if (
            a.published and b.published) else None
        said = f"published {gap} days apart" if gap is not None else "far apart in time"
        return SAME_DAYS.name, (f"{said}, and neither dates the occurrence the other reports: "
                                "different events")
    shared = sorted(a.names & b.names)
    return SHARED.name, (f"close in time, but they share too few of their names "
                         f"({', '.join(shared) or 'none'}): different events")
