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

import hashlib
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from typing import Iterable, Mapping, NamedTuple, Optional, Sequence

from factcheck.model import Claim, DateSpan, Event, Profile, Quote
from factcheck.rulebook import Rule
from factcheck.rules import load as load_rules

__all__ = ["Profile", "Event", "Population", "events", "population", "profile", "RULES"]

_DEMONYM_ENDINGS = tuple(load_rules("units")["demonym_endings"])


class SameDays(Rule):
    """Outlets report an event within days of each other, and a desk's follow-ups come soon
    after; articles published further apart than `window_days` (and not chained by articles in
    between) tell of different occurrences, even with the same people in the same words."""

    name = "same-days"
    stage = "events"


class DatedOccurrence(Rule):
    """An article may speak of an occurrence long past ("he last visited on July 19, 2000"): a
    date it gives to the day is one of its times too, so it meets the coverage of that
    occurrence. A month or a year is too coarse ("last month", "in 2007", the year "first visit
    in 18 years" points back to): it would tie a whole month's or year's coverage, as a town's
    floods a month apart, or an archive's template told a year apart. Claims of one event that
    date the same occurrence ("24 years" and "July 2000") still meet in comparison."""

    name = "dated-occurrence"
    stage = "events"


class SharedNames(Rule):
    """Two outlets on one event name the same people and places. Two articles published close
    together are one event when they share `min_names` names that do not recur across the
    batch (held by at most `recurring_share` of its articles, or `recurring_floor`, and so is
    one of their words; not one inside the other: "Harlow" and "residents of Harlow" are one
    place) and the shared names
    (recurring ones too) weigh at least
    `min_overlap` of the lighter article's names, each name weighed by how rare it is in the
    batch (a leader in every third article weighs little, a town named once weighs much)."""

    name = "shared-names"
    stage = "events"


class SameOffice(Rule):
    """One office has one holder at a time: articles that name different holders of the same
    qualified office ("the Skadorian president Drivas Vell" and "the Skadorian president Tora
    Mek") tell of different occurrences, however much else they share: an archive's template
    with another leader put in. Never joined, not even through other articles. An office needs
    its qualifier (a country, a city): two unqualified presidents meet at every summit. One
    person named as president of two countries is two occurrences too."""

    name = "same-office"
    stage = "events"


class SameCast(Rule):
    """An archive's recurring actors make every name of an event recur (the leader who visits
    the same host each year): articles published close together whose names are, word for
    word, mostly the same cast (`min_overlap` of the smaller article's name words, `min_words`
    at least; titles and compass words left out) are one event all the same."""

    name = "same-cast"
    stage = "events"


class FewNames(Rule):
    """Real outlets name one event in their own words ("the Central Elections Commission",
    "the CEC", "Ashgabat") and often share one name only. A piece that `shared-names` tied to
    nothing joins the pieces published close to it that share a name with it that does not
    recur across the batch, nor is held by more than `max_holders` pieces around it (one
    event's outlets; more is the week's leader, met at a dozen events), when they are of one
    event or none (never against `same-office`)."""

    name = "few-names"
    stage = "events"


class OnlyEvent(Rule):
    """An article that shares too few names to be tied to anything (a brief, a short piece that
    names nobody) is about the one occurrence the batch holds at its time, if there is only
    one, unless it names a cast of its own (`least_own_names` names the event lacks, and at
    most `max_shared` of its names in common): then it is another occurrence on the same days."""

    name = "only-event"
    stage = "events"


class Brief(Rule):
    """With several events at its time, a brief tied to none (it names `max_names` people or
    places at most) joins the one that holds its rarest name ("residents of Skaivrin"), or none
    when two hold it: which one is unknown. A full story tied to none stays on its own."""

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


SAME_DAYS, DATED, SHARED, CAST, OFFICE, FEW, ONLY, BRIEF, NAMELESS, UNDATED = (
    SameDays(), DatedOccurrence(), SharedNames(), SameCast(), SameOffice(), FewNames(),
    OnlyEvent(), Brief(), Nameless(), Undated())
RULES = (SAME_DAYS, DATED, SHARED, CAST, OFFICE, FEW, ONLY, BRIEF, NAMELESS, UNDATED)
_NOT_CAST = frozenset(CAST.params["not_cast"])
_OFFICES = frozenset(OFFICE.params["offices"])
_NOT_QUALIFIERS = frozenset(OFFICE.params["not_qualifiers"])
WINDOW = int(SAME_DAYS.params["window_days"])
_DATED_GRAINS = frozenset(DATED.params["granularities"])


def profile(claims: Iterable[Claim], published: Optional[date]) -> Profile:
    """What ties one article to its event: the names its claims are about, when it was
    published, and the occurrences it dates to the day or month away from its own days."""
    names: set[str] = set()
    spans: set[tuple[int, int]] = set()
    for c in claims:
        names.update(c.frame.names)
        value = c.value
        if isinstance(value, Quote) and value.speaker_ref:
            names.add(value.speaker_ref)
        if (isinstance(value, DateSpan) and value.granularity in _DATED_GRAINS
                and value.start is not None and value.end is not None and not c.slots.said_at):
            spans.add((value.start.toordinal(), value.end.toordinal()))
    if published is not None:
        day = published.toordinal()
        spans = {s for s in spans if s[1] < day - WINDOW or s[0] > day + WINDOW}
    return Profile(names=frozenset(names), published=published, dated=tuple(sorted(spans)))


class Population(NamedTuple):
    """How common names are in the whole batch, when `events` is given only part of it (a
    draft and the archive articles an index found near it): the number of articles, and how
    many hold each name, and each word of a name. It must cover every name of the articles
    given (more is harmless)."""

    articles: int
    names: Mapping[str, int]
    words: Mapping[str, int]


def population(profiles: Iterable[Profile]) -> Population:
    """The counts `events` takes of a batch, to be stored (an index) and given back."""
    n = 0
    names: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for p in profiles:
        n += 1
        names.update(p.names)
        words.update({w for name in p.names for w in name.split()})
    return Population(n, names, words)


def events(profiles: Mapping[str, Profile],
           aliases: Optional[Mapping[str, Iterable[str]]] = None,
           population: Optional[Population] = None) -> list[Event]:
    """The batch (`profiles` in batch order) cut into events, each named by its articles in
    batch order; every article is in exactly one. Near-linear: pairs are proposed only by
    names within one window, never all pairs."""
    order = list(profiles)
    if not order:
        return []
    canonical = _canonical_names(profiles, aliases)
    held: Counter[str] = Counter()
    words: Counter[str] = Counter()
    if population is None:
        n = len(order)
        for a in order:
            held.update(canonical[a])
            words.update({w for name in canonical[a] for w in name.split()})
    else:  # the whole batch's counts, of the names these articles hold (aliases summed)
        n = population.articles
        to_canonical = _alias_map(aliases)
        for name, count in population.names.items():
            held[to_canonical.get(name, name)] += count
        words.update(population.words)
    weight = {name: math.log(1.0 + n / count) for name, count in held.items()}
    when = {a: times(profiles[a]) for a in order}
    groups = _Groups(order, {a: _offices(canonical[a]) for a in order})

    min_names = int(SHARED.params["min_names"])
    min_overlap = float(SHARED.params["min_overlap"])
    recurring = max(int(SHARED.params["recurring_floor"]), int(n * SHARED.params["recurring_share"]))
    telling_names = _telling(held, words, recurring)
    proposed = _proposed(order, canonical, when, int(SHARED.params["proposal_cap"]))
    same_cast = float(CAST.params["min_overlap"])
    least_words = int(CAST.params["min_words"])
    cast = {a: _cast_words(canonical[a]) for a in order}
    links: list[tuple[float, str, str]] = []
    total = {a: sum(weight[x] for x in canonical[a]) for a in order}
    for a, b in proposed:
        shared = canonical[a] & canonical[b]
        telling = shared & telling_names
        if len(telling) >= min_names and _distinct_pair(telling):
            lighter = min(total[a], total[b])
            overlap = sum(weight[x] for x in shared) / lighter
            if overlap >= min_overlap:
                links.append((-overlap, a, b))
                continue
        common = cast[a] & cast[b]
        smaller = min(len(cast[a]), len(cast[b]))
        if len(common) >= least_words and len(common) >= same_cast * smaller:
            links.append((-len(common) / smaller, a, b))
    for _, a, b in sorted(links):  # the surest first: an office held twice refuses the rest
        groups.join(a, b)
    _join_lone(order, canonical, when, held, groups, telling_names)
    return groups.events()


def signature(profiles: Mapping[str, Profile],
              aliases: Optional[Mapping[str, Iterable[str]]] = None) -> str:
    """What `events` reads, as a digest: the articles in batch order with their profiles, and
    the aliases. A re-check whose edits changed no profile (a figure corrected, a sentence
    added) is cut as before, and the cache can say so without cutting the batch again."""
    h = hashlib.sha256()
    for canon, others in sorted((aliases or {}).items()):
        h.update(f"{canon}\0{sorted(others)!r}\n".encode("utf-8", "surrogatepass"))
    for a, p in profiles.items():
        h.update(f"{a}\0{chr(1).join(sorted(p.names))}\0{p.published}\0{p.dated!r}\n"
                 .encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _cast_words(names: Iterable[str]) -> frozenset[str]:
    """One word per person or place: a name's last telling word, and its place after "of"
    ("transport minister praisko vainovic" → vainovic; "president breskas greaskander of
    vustumbia" → greaskander, vustumbia), so that one recurring minister's two names do not
    weigh as two of the cast."""
    return frozenset(w for name in names for w in name.split() if w not in _NOT_CAST)
    found: set[str] = set()
    for name in names:
        for part in name.split(" of "):
            words = [w for w in part.split() if w not in _NOT_CAST]
            if words:
                found.add(words[-1])
    return frozenset(found)


def _telling(held: Counter[str], words: Counter[str], recurring: int) -> frozenset[str]:
    """Names that do not recur across the batch: held by `recurring` articles at most, and with
    a word that does not recur either ("the UL president Vralo" is rare as a whole, but made
    of an agency, a title and a leader that come back in every other story)."""
    return frozenset(name for name, count in held.items() if count <= recurring
                     and any(words[w] <= recurring for w in name.split()))


def _alias_map(aliases: Optional[Mapping[str, Iterable[str]]]) -> dict[str, str]:
    to_canonical: dict[str, str] = {}
    for canon, others in (aliases or {}).items():
        key = canon.lower()
        for other in others:
            to_canonical[other.lower()] = key
    return to_canonical


def _canonical_names(profiles: Mapping[str, Profile],
                     aliases: Optional[Mapping[str, Iterable[str]]]) -> dict[str, frozenset[str]]:
    to_canonical = _alias_map(aliases)
    return {a: frozenset(to_canonical.get(n, n) for n in p.names) for a, p in profiles.items()}


ANYWHEN = (-10**9, 10**9)  # the one time of an article with none: near every other


def times(p: Profile) -> tuple[tuple[int, int], ...]:
    """An article's times as day-number intervals: its publication day and its dated spans,
    each widened by nothing (the window is applied when two are compared); an undated article
    with no dated occurrence is ANYWHEN."""
    spans = list(p.dated)
    if p.published is not None:
        day = p.published.toordinal()
        spans.append((day, day))
    return tuple(sorted(set(spans))) or (ANYWHEN,)


def _proposed(order: Sequence[str], canonical: Mapping[str, frozenset[str]],
              times: Mapping[str, tuple[tuple[int, int], ...]], cap: int) -> set[tuple[str, str]]:
    """Pairs of articles that hold one name at times no more than WINDOW days apart; a name held
    by more than `cap` articles around one article proposes none of that article's pairs."""
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
        longest = max((hi - lo for lo, hi, _ in points if lo > -10**9), default=0)
        ends = [_bisect_right(starts, hi + WINDOW if hi < 10**9 else 10**9, i + 1)
                for i, (lo, hi, _) in enumerate(points)]
        crowded = [ends[i] - _bisect_right(starts, lo - WINDOW - longest - 1, 0) - 1 > cap
                   for i, (lo, _, _) in enumerate(points)]
        for i, (lo, hi, a) in enumerate(points):
            if crowded[i]:
                continue
            for j in range(i + 1, ends[i]):
                b = points[j][2]
                if b != a and not crowded[j]:
                    pairs.add((a, b) if position[a] < position[b] else (b, a))
    return pairs


def _bisect_right(values: Sequence[int], x: int, lo: int) -> int:
    return bisect_right(values, x, lo)


def _near(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    return any(lo1 - hi2 <= WINDOW and lo2 - hi1 <= WINDOW for lo1, hi1 in a for lo2, hi2 in b)


def _join_lone(order: Sequence[str], canonical: Mapping[str, frozenset[str]],
               times: Mapping[str, tuple[tuple[int, int], ...]], held: Counter[str],
               groups: "_Groups", telling_names: frozenset[str]) -> None:
    """Articles that `shared-names` tied to nothing: `few-names`, `only-event`, `brief` and
    `nameless`."""
    cap = int(SHARED.params["proposal_cap"])
    size = Counter(groups.root(a) for a in order)
    points = sorted((lo, hi, a) for a in order for lo, hi in times[a])
    # Nameless pieces near each other: nothing tells them apart (see `nameless`).
    nameless = [(lo, hi, a) for lo, hi, a in points if not canonical[a] and size[groups.root(a)] == 1]
    for (_, hi1, x), (lo2, _, y) in zip(nameless, nameless[1:]):
        if lo2 - hi1 <= WINDOW:
            groups.join(x, y)
    # Pieces tied to nothing that share a name that does not recur (see `few-names`).
    single = {a for a in order if size[groups.root(a)] == 1 and canonical[a]}
    if single:
        telling = {a: canonical[a] & telling_names for a in order}
        partners: dict[str, set[str]] = defaultdict(set)
        for a, b in _proposed(order, telling, times, int(FEW.params["max_holders"])):
            if a in single:
                partners[a].add(b)
            if b in single:
                partners[b].add(a)
        for a in order:
            if a not in partners:
                continue
            events_of = {groups.root(b) for b in partners[a] if size[groups.root(b)] > 1}
            if len(events_of) > 1:
                continue  # two events hold its names: which one is unknown
            for b in sorted(partners[a]):
                if b in single or groups.root(b) in events_of:
                    groups.join(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for a in order:
        members[groups.root(a)].append(a)
    lone = [m for m in members.values() if len(m) == 1 or not any(canonical[a] for a in m)]
    if not lone:
        return
    least_own = int(ONLY.params["least_own_names"])
    max_shared = float(ONLY.params["max_shared"])
    brief_names = int(BRIEF.params["max_names"])
    starts = [p[0] for p in points]
    longest = max((hi - lo for lo, hi, _ in points if lo > -10**9), default=0)
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
        elif len(_people(names)) <= brief_names:
            target = _rarest_holder(names, events_near, held)
            if target is None:
                continue
        else:
            continue  # a full story among several: nothing says which, if any, it belongs to
        joined.update(members[groups.root(target)])
        groups.join(group[0], target)
    # Briefs that name only what other briefs name, and nothing else does, are one event.
    size = Counter(groups.root(a) for a in order)
    still = [a for a in order
             if size[groups.root(a)] == 1 and len(_people(canonical[a])) <= brief_names]
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
    """Whether the shared names hold two that are not one name said twice: a person's surname
    is the person again ("greaskander", "president breskas greaskander of vustumbia")."""
    return any(not _nested(x, y) for x, y in combinations(sorted(_people(shared)), 2))


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
    """Union-find over the batch's articles that never puts two holders of one office in one
    event (`same-office`); an event is named after its earliest article, whatever the order of
    the joins."""

    def __init__(self, order: Sequence[str],
                 offices: Optional[Mapping[str, Mapping[str, frozenset[str]]]] = None) -> None:
        self.order = order
        self.parent = {a: a for a in order}
        self.position = {a: i for i, a in enumerate(order)}
        self.offices: dict[str, dict[str, set[str]]] = {
            a: {k: set(v) for k, v in held.items()} for a, held in (offices or {}).items() if held}

    def root(self, a: str) -> str:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        oa, ob = self.offices.get(ra), self.offices.get(rb)
        if oa and ob and _two_holders(oa, ob):
            return False
        first, later = sorted((ra, rb), key=self.position.__getitem__)
        self.parent[later] = first
        if oa or ob:
            merged: dict[str, set[str]] = {}
            for held in (oa or {}, ob or {}):
                for office, people in held.items():
                    merged.setdefault(office, set()).update(people)
            self.offices[first] = merged
            self.offices.pop(later, None)
        return True

    def events(self) -> list[Event]:
        members: dict[str, list[str]] = defaultdict(list)
        for article in self.order:
            members[self.root(article)].append(article)
        return [Event(articles=tuple(m)) for m in members.values()]


def _offices(names: Iterable[str]) -> dict[str, frozenset[str]]:
    """Qualified offices and who holds them: "skadorian president drivas vell" →
    {"skadorian president": {"drivas vell"}}."""
    found: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        for i in range(1, len(words) - 1):
            if words[i] in _OFFICES and words[0] not in _NOT_QUALIFIERS \
                    and words[0] not in _OFFICES:
                found[" ".join(words[:i + 1])].add(" ".join(words[i + 1:]))
                break
    return {k: frozenset(v) for k, v in found.items()}


def _two_holders(a: Mapping[str, set[str]], b: Mapping[str, set[str]]) -> bool:
    """Whether one office has a holder on each side that the other side never names (a
    surname in common is the same person: "drivas vell" and "vell"), or one person holds the
    same office of two countries ("the Skadorian president Vell", "the Malolian president
    Vell")."""
    for office, people in a.items():
        others = b.get(office)
        if others and not any(_same_person(p, q) for p in people for q in others):
            return True
        title = office.rsplit(" ", 1)[-1]
        for other_office, other_people in b.items():
            if (other_office != office and other_office.rsplit(" ", 1)[-1] == title
                    and other_office not in a and office not in b
                    and any(_same_person(p, q) for p in people for q in other_people)):
                return True
    return False


def _same_person(p: str, q: str) -> bool:
    return bool(set(p.split()) & set(q.split()))


def apart(a: Profile, b: Profile) -> tuple[str, str]:
    """Why two articles were read as different events, as (rule, reason), for `explain`."""
    if not _near(times(a), times(b)):
        gap = abs(a.published.toordinal() - b.published.toordinal()) if (
            a.published and b.published) else None
        said = f"published {gap} days apart" if gap is not None else "far apart in time"
        return SAME_DAYS.name, (f"{said}, and neither dates the occurrence the other reports: "
                                "different events")
    oa, ob = _offices(a.names), _offices(b.names)
    if oa and ob and _two_holders({k: set(v) for k, v in oa.items()},
                                  {k: set(v) for k, v in ob.items()}):
        return OFFICE.name, "they name different holders of one office: different events"
    shared = sorted(a.names & b.names)
    return SHARED.name, (f"close in time, but they share too few of their names "
                         f"({', '.join(shared) or 'none'}): different events")
