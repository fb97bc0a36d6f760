"""Align: find the claims, across articles and inside one (headline vs body), that speak about
the same fact.

Comparing every claim with every other would be quadratic and, worse, would pair "24 years" in
a trending list with "24 years" in the story. Claims are blocked by what they measure (kind and
unit), candidate pairs come from an inverted index over the words around the value (common words
capped), and each candidate is scored on its frame: rare shared words count more than common ones,
shared names matter, and the words right next to the value must meet.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import combinations
from typing import Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from factcheck import rules
from factcheck.words import stem
from factcheck.model import Claim, DateSpan, Duration, Ordinal, Pair, Quantity, Quote, Story

NEAR = 6  # the words nearest the value that say what it counts
POSTING_CAP = 60  # a word shared by more claims than this is too common to propose pairs
MIN_SCORE = 0.42
COMMON_NAME_SHARE = 0.005  # a name token in more than this share of claims is common
QUOTE_MIN_RATIO = 72.0
SAME_SENTENCE_RATIO = 90.0  # two outlets' sentences this alike are one sentence run twice
# A headline restates its own story's facts in fewer words: within one article, less overlap
# is needed than across outlets.
SAME_STORY_BONUS = 0.1
# Two outlets' only counts of one specific thing in a story are very likely the same count.
SOLE_COUNT_BONUS = 0.1
# A time claim is the time of the event named next to it: "begun in 2017" and "construction
# started in 2018" name the same event first, "opened on Friday" another.
LEAD_EVENT_BONUS = 0.1
EDITORIAL_ROLES = frozenset({"headline", "standfirst", "key_point", "caption"})

_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


_UNITS = rules.load("units")
_SPEECH_BEFORE = re.compile(
    r"\b(?:" + rules.alternation(rules.load("speech")["verbs"]) +
    r")(?:\s+(?:reporters|journalists))?\s+(?:on\s+|in\s+|late\s+|early\s+)?$", re.IGNORECASE)
# Money, people, years: counts too general for two outlets' only figures to be one fact.
_GENERAL_COUNTS = (frozenset(_UNITS["currency_prefix"].values())
                   | frozenset(_UNITS["unit_after"].values()) | frozenset(_UNITS["general_counts"]))
_MEASURED_UNITS = frozenset(_UNITS["measure_dimensions"]["units"])
_DIMENSION_OF = {word: dimension
                 for dimension, words in _UNITS["measure_dimensions"]["words"].items()
                 for word in words}
_DEMONYM_ENDINGS = tuple(_UNITS["demonym_endings"])
_SENTENCE_WORD = re.compile(r"[^\W\d_]+")
# Matched against the lowercased words before a name, and right after it.
_PLACE_BEFORE = re.compile(r"\b(?:" + rules.alternation(_UNITS["place_prepositions"]) +
                           r")\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"-(?:" + rules.alternation(_UNITS["place_suffixes"]) + r")\b")


def _placed(name: str, sentence: str) -> bool:
    """Whether a (lowercase) name stands as a place in a lowercased sentence: after a place
    preposition ("the visit to Harlow") or joined to a place suffix ("the Harlow-based firm")."""
    at = sentence.find(name)
    while at != -1:
        end = at + len(name)
        if (end == len(sentence) or not sentence[end].isalnum()) and (
                _PLACE_BEFORE.search(sentence[max(0, at - 16):at])
                or _PLACE_AFTER.match(sentence, end)):
            return True
        at = sentence.find(name, at + 1)
    return False


def reporting_time(claim: Claim) -> bool:
    """"officials said on Thursday", "as I said in April": when something was said, not a fact
    of the story."""
    if claim.kind != "date":
        return False
    before = claim.sentence[max(0, claim.start - claim.sentence_start - 40):
                            claim.start - claim.sentence_start]
    return bool(_SPEECH_BEFORE.search(before))


def family(claim: Claim) -> Optional[str]:
    """Claims can only be about the same fact within one family: what they measure."""
    value = claim.value
    if reporting_time(claim):
        return None
    if isinstance(value, Quantity):
        return f"quantity:{value.unit}"
    if isinstance(value, (DateSpan, Duration)):
        return "time"
    if isinstance(value, Ordinal):
        return f"ordinal:{value.noun or ''}"
    if isinstance(value, Quote):
        return "quote"
    return None


class Aliases:
    """Names that mean the same thing (claims.yaml `aliases`), folded to one canonical name."""

    def __init__(self, groups: Optional[Mapping[str, Iterable[str]]] = None) -> None:
        self.canonical: dict[str, str] = {}
        for main, others in (groups or {}).items():
            key = main.lower()
            for other in others:
                self.canonical[other.lower()] = key
            self.canonical[key] = key

    def tokens(self, names: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for name in names:
            name = self.canonical.get(name, name)
            out.update(self.canonical.get(tok, tok) for tok in name.split())
        return out


def _pairable(a: Claim, b: Claim) -> bool:
    if a.article == b.article:
        if a.sentence_start == b.sentence_start:
            return False  # "in 1961, 2000 and 2001": one sentence lists several facts
        if a.kind != "quote" and not ((a.role in EDITORIAL_ROLES) != (b.role in EDITORIAL_ROLES)
                                      or (a.role == "headline") != (b.role == "headline")):
            return False  # two body sentences of one story usually count different things
        if a.kind == "ordinal":
            return False
    if a.trusted and b.trusted:
        return False
    return True


_Named = tuple[set[str], list[frozenset[str]]]  # name tokens, and distinctive whole names


def _name_differently(a: _Named, b: _Named) -> bool:
    """Whether two claims name different people, places or firms: "Pavara Textiles" is not
    "Priothara Textiles" (a common word shared), while "Putin" is "Vladimir Putin"."""
    (tokens_a, rare_a), (tokens_b, rare_b) = a, b
    if tokens_a and tokens_b and not (tokens_a & tokens_b):
        return True
    return bool(rare_a and rare_b and not any(x <= y or y <= x for x in rare_a for y in rare_b))


class _Scorer:
    def __init__(self, claims: Sequence[Claim], aliases: Aliases, timed: bool = False) -> None:
        self.aliases = aliases
        self.names = {c.id: aliases.tokens(c.frame.names) for c in claims}
        # Only time claims need names as stems (to tell an event word from a name).
        self.name_stems = ({cid: {stem(t) for t in toks} for cid, toks in self.names.items()}
                           if timed else {})
        self.timed = timed
        self.terms = {c.id: set(c.frame.terms) for c in claims}
        df: Counter[str] = Counter()
        for c in claims:
            df.update(self.terms[c.id] | self.names[c.id])
        n = max(len(claims), 1)
        self.idf = {t: math.log((n + 1) / (k + 0.5)) + 1.0 for t, k in df.items()}
        # Whole names decide whether two claims name the same: "Pavara Textiles" is not
        # "Priothara Textiles", while "Putin" is "Vladimir Putin". A name on a large share of
        # the claims ("Sales" opening a stock sentence) tells nothing apart and is left out.
        full = {c.id: {aliases.canonical.get(x, x) for x in c.frame.names} for c in claims}
        name_df: Counter[str] = Counter()
        for c in claims:
            name_df.update(full[c.id])
        common = max(POSTING_CAP, int(n * COMMON_NAME_SHARE))
        self.distinctive = {cid: [frozenset(x.split()) for x in names if name_df[x] <= common]
                            for cid, names in full.items()}
        self.common = {x for x, k in name_df.items() if k > common}
        self.named: dict[str, _Named] = {c.id: (self.names[c.id], self.distinctive[c.id])
                                         for c in claims}
        self.profiles: dict[str, tuple[frozenset[str], frozenset[str], float, float]] = {}
        self.roles: dict[str, tuple[_Named, _Named]] = {}

    def keys(self, claim: Claim) -> set[str]:
        near = set(claim.frame.terms[:NEAR])
        return near | self.names[claim.id]

    def _weight(self, terms: Iterable[str]) -> float:
        # Every term and name of the block's claims has its idf: a look-up, never a default.
        return sum(map(self.idf.__getitem__, terms))

    def _profile(self, c: Claim) -> tuple[frozenset[str], frozenset[str], float, float]:
        """A claim's near words and all its words, with their weights, worked out once."""
        known = self.profiles.get(c.id)
        if known is None:
            near = frozenset(c.frame.terms[:NEAR])
            every = frozenset(self.terms[c.id] | self.names[c.id])
            known = self.profiles[c.id] = (near, every, self._weight(near), self._weight(every))
        return known

    def _lead(self, c: Claim) -> Optional[str]:
        """The word nearest a time claim that is not a name: the event it dates."""
        names = self.name_stems[c.id]
        return next((t for t in c.frame.terms if t not in names), None)

    def share_event_word(self, a: Claim, b: Claim) -> bool:
        """Whether the words nearest both claims have one in common besides names."""
        near_a, near_b = self._profile(a)[0], self._profile(b)[0]
        return bool((near_a & near_b) - self.names[a.id] - self.names[b.id])

    def _roles(self, c: Claim) -> tuple[_Named, _Named]:
        """A claim's names split into who did it and where it happened ("signed during the visit
        to Harlow"), each as name tokens and distinctive whole names."""
        known = self.roles.get(c.id)
        if known is None:
            sentence = c.sentence.lower()
            placed = {name for name in c.frame.names if _placed(name, sentence)}
            who, where = [n for n in c.frame.names if n not in placed], sorted(placed)
            known = self.roles[c.id] = (self._named(who), self._named(where))
        return known

    def _named(self, names: list[str]) -> _Named:
        whole = {self.aliases.canonical.get(x, x) for x in names}
        return (self.aliases.tokens(names),
                [frozenset(x.split()) for x in sorted(whole) if x not in self.common])

    def score(self, a: Claim, b: Claim, floor: float = -math.inf, sole: bool = False) -> float:
        """How alike two claims' frames are, 0 to 1; 0.0 as soon as the score is known to stay
        under `floor` (most candidate pairs: the fuzzy text match is then never run). Two
        outlets' only counts of one thing (`sole`) weigh who against who and where against where:
        "the visit to Harlow" and "Halvik and Tessly signed" may tell one signing."""
        near_a, all_a, w_near_a, w_all_a = self._profile(a)
        near_b, all_b, w_near_b, w_all_b = self._profile(b)
        shared_near = near_a & near_b
        if self.timed and not shared_near - self.name_stems[a.id] - self.name_stems[b.id]:
            # A year counts nothing by itself: "founded in 1987" and "first loss in 26 years"
            # share the company's name but no event; time claims must share an event word.
            return 0.0
        if sole:
            if any(_name_differently(x, y) for x, y in zip(self._roles(a), self._roles(b))):
                return 0.0
        elif _name_differently(self.named[a.id], self.named[b.id]):
            return 0.0  # both name who it is about, and the names differ
        shared = self._weight(all_a & all_b)
        union = w_all_a + w_all_b - shared
        # A headline is short: judge it by how much of it the other sentence covers, too.
        smaller = min(w_all_a, w_all_b)
        jaccard = 0.5 * (shared / union if union else 0.0) + 0.5 * (shared / smaller if smaller else 0.0)
        near = self._weight(shared_near) / max(min(w_near_a, w_near_b), 1e-9)
        words = 0.45 * jaccard + 0.35 * min(near, 1.0)
        if self.timed:
            lead_a, lead_b = self._lead(a), self._lead(b)
            if lead_a is not None and lead_a == lead_b:
                words += LEAD_EVENT_BONUS
        if words + 0.20 < floor:
            return 0.0
        text = fuzz.token_set_ratio(a.frame.masked, b.frame.masked) / 100.0
        return words + 0.20 * text


def _quote_words(quote: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _QUOTE_WORD.findall(quote)]


def _align_quotes(claims: Sequence[Claim]) -> list[Pair]:
    """Quotes align on their own words: the same words said twice are the same quote."""
    words = {c.id: _quote_words(c.value.quote) for c in claims}  # type: ignore[union-attr]
    index: dict[str, list[Claim]] = defaultdict(list)
    df: Counter[str] = Counter()
    for c in claims:
        df.update(set(words[c.id]))
    for c in claims:
        rare = sorted(set(words[c.id]), key=lambda w: (df[w], w))[:4]
        for w in rare:
            index[w].append(c)
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    for posting in index.values():
        if len(posting) > POSTING_CAP:
            continue
        for a, b in combinations(posting, 2):
            key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if key in seen or (a.trusted and b.trusted) or (a.article == b.article and a.start == b.start):
                continue
            seen.add(key)
            ta, tb = " ".join(words[a.id]), " ".join(words[b.id])
            ratio = fuzz.ratio(ta, tb)
            if min(len(words[a.id]), len(words[b.id])) >= 4:
                ratio = max(ratio, fuzz.partial_ratio(ta, tb) - 5)
            if ratio >= QUOTE_MIN_RATIO:
                pairs.append(Pair(a, b, ratio / 100.0))
    return pairs


STORY_NAME_SHARE = 0.005  # a name in more than this share of the articles links no story
STORY_NAME_FLOOR = 25  # ...but in a batch this small every name links
ONE_STORY_UP_TO = 25  # a draft and a handful of sources are read as one story


def story_names(claims: Iterable[Claim]) -> frozenset[str]:
    """The names one article's claims are about: what ties it to other articles of its story."""
    found: set[str] = set()
    for c in claims:
        found.update(c.frame.names)
        if isinstance(c.value, Quote) and c.value.speaker_ref:
            found.add(c.value.speaker_ref)
    return frozenset(found)


def stories(names: Mapping[str, Iterable[str]],
            aliases: Optional[Mapping[str, Iterable[str]]] = None) -> list[Story]:
    """The batch cut into stories: articles that share distinctive names tell one story.

    Two outlets reporting one event name the same people and places; an archive of thousands
    of articles holds hundreds of events whose "first visit in 18 years" and "worst floods in
    41 years" must never be lined up. A name found in many articles ("Reuters", a president in
    every story) links nothing; a batch of a few articles is one story. One shared name is weak
    evidence (a town has many stories), so articles are linked by two shared names (not one
    inside the other); an article that shares only single names joins the one story that holds
    the rarest of them, or, when no story of several articles holds any, the other such
    articles it shares a name with. Alignment and comparison look inside one story at a time,
    which keeps them linear in the batch and lets an unchanged story's findings be reused.
    `names` maps each article, in batch order, to its `story_names`.
    """
    order = list(names)
    if len(order) <= ONE_STORY_UP_TO:
        return [Story(articles=tuple(order))] if order else []
    folded = Aliases(aliases)
    canonical = {a: sorted({folded.canonical.get(n, n) for n in names[a]}) for a in order}
    share: Counter[str] = Counter()
    for article in order:
        share.update(canonical[article])
    limit = max(STORY_NAME_FLOOR, int(len(order) * STORY_NAME_SHARE))
    distinctive = {a: [n for n in canonical[a] if share[n] <= limit] for a in order}
    groups = _Groups(order)

    first_with: dict[object, str] = {}
    for article in order:
        for pair in combinations(distinctive[article], 2):
            if not _nested(*pair):
                groups.join(article, first_with.setdefault(pair, article))

    holders: dict[str, list[str]] = defaultdict(list)
    for article in order:
        for name in distinctive[article]:
            holders[name].append(article)
    size = Counter(groups.root(a) for a in order)
    alone = [a for a in order if size[groups.root(a)] == 1]
    joins: dict[str, str] = {}
    for article in alone:
        # Its rarest name decides ("residents of Skaivrin" before "Skaivrin"): the first held by
        # a story of several articles, if by only one.
        for name in sorted(distinctive[article], key=lambda n: (share[n], n)):
            held_by = {groups.root(b) for b in holders[name] if size[groups.root(b)] > 1}
            if held_by:
                if len(held_by) == 1:
                    joins[article] = held_by.pop()
                break
    for article, story in joins.items():
        groups.join(article, story)
    still_alone = {a for a in alone if a not in joins}
    first_with.clear()
    for article in order:
        if article in still_alone:
            for name in distinctive[article]:
                if all(b in still_alone for b in holders[name]):
                    groups.join(article, first_with.setdefault(name, article))
    return groups.stories()


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
    """Union-find over the batch's articles; a story is named after its earliest article,
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

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = defaultdict(list)
        for article in self.order:
            members[self.root(article)].append(article)
        return [Story(articles=tuple(m)) for m in members.values()]


def align_story(claims: Sequence[Claim], aliases: Optional[Mapping[str, Iterable[str]]] = None,
                min_score: float = MIN_SCORE) -> list[Pair]:
    """Pairs of claims about the same fact within one story (its articles' claims and the fact
    book's), best first."""
    pairs = _align(claims, Aliases(aliases), min_score)
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return pairs


def align(claims: Sequence[Claim], aliases: Optional[Mapping[str, Iterable[str]]] = None,
          min_score: float = MIN_SCORE) -> list[Pair]:
    """Pairs of claims about the same fact, story by story, best first. Never all pairs: see the
    module doc."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    facts: list[Claim] = []
    for c in claims:
        (facts if c.trusted else by_article[c.article]).append(c)
    names = {a: story_names(cs) for a, cs in by_article.items()}
    folded = Aliases(aliases)
    pairs: list[Pair] = []
    for story in stories(names, aliases):
        members = [c for a in story.articles for c in by_article[a]] + facts
        pairs.extend(_align(members, folded, min_score))
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return pairs


_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


_Place = tuple[tuple[str, ...], int]  # words on one side of a claim, and how often they stand there


class _Sentences:
    """Sentences with quote marks folded, and the words around each claim in its own, worked
    out once per block: an outlet's sentence meets every other outlet's copy of it."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}
        self.around: dict[str, tuple[_Place, _Place]] = {}
        self.quotes: dict[str, Optional[str]] = {}

    def fold(self, sentence: str) -> str:
        found = self.folded.get(sentence)
        if found is None:
            found = self.folded[sentence] = sentence.translate(_QUOTE_MARKS)
        return found

    def quoted(self, c: Claim) -> Optional[str]:
        """The quotation a claim stands in, quote marks folded; None outside quotation marks."""
        if c.id not in self.quotes:
            sentence = self.fold(c.sentence)
            offset = c.start - c.sentence_start
            marks = [i for i, ch in enumerate(sentence) if ch == '"']
            self.quotes[c.id] = next((sentence[i + 1:j] for i, j in zip(marks[::2], marks[1::2])
                                      if i < offset < j), None)
        return self.quotes[c.id]

    def words_around(self, c: Claim) -> tuple[_Place, _Place]:
        """The two words before and after a claim in its sentence, each with how many times
        they stand there on that side of it: in "as I said in October … as I said in November"
        the two months follow the same words, once and twice."""
        found = self.around.get(c.id)
        if found is None:
            offset = c.start - c.sentence_start
            sentence = self.fold(c.sentence)  # one character for one: offsets hold
            left = sentence[:offset].lower().split()
            right = sentence[offset + len(c.text):].lower().split()
            before, after = left[-2:], right[:2]
            found = self.around[c.id] = (
                (tuple(before), _occurrences(left, before)), (tuple(after), _occurrences(right, after)))
        return found


def _occurrences(words: list[str], run: list[str]) -> int:
    """How many times `run` stands in `words` (as whole words)."""
    if not run:
        return 0
    n = len(run)
    return sum(1 for i in range(len(words) - n + 1) if words[i:i + n] == run)


def _elsewhere_in_one_sentence(a: Claim, b: Claim, sentences: _Sentences) -> bool:
    """Two outlets running one sentence (a wire paragraph, a quote): "March" and "this month"
    in it are two facts however alike their frames; only the same place is the same claim.
    Inside a quotation, the quotation is what is run twice, whatever words each outlet puts
    around it ("Speaking afterwards, she said: …" and "… she said.")."""
    if a.article == b.article:
        return False
    qa, qb = sentences.quoted(a), sentences.quoted(b)
    if qa is not None and qb is not None:
        ta, tb = qa, qb
    else:
        ta, tb = sentences.fold(a.sentence), sentences.fold(b.sentence)
    la, lb = len(ta), len(tb)
    if min(la, lb) < 0.8 * max(la, lb):
        return False
    if fuzz.token_sort_ratio(ta, tb, score_cutoff=SAME_SENTENCE_RATIO) < SAME_SENTENCE_RATIO:
        return False
    (before_a, after_a), (before_b, after_b) = sentences.words_around(a), sentences.words_around(b)
    return before_a != before_b and after_a != after_b


def _sole_counts(fam: str, members: Sequence[Claim]) -> dict[str, str]:
    """Claims that are their article's only count of a specific thing ("33 agreements") in this
    story, each with what it counts: two outlets' only counts of agreements are about the same
    agreements, however differently the sentences around them run. Money and counts of people or
    time are too general for that; a length is specific when its sentence names what it measures
    ("1,093 metres long", "the 2,099 metres span": both the bridge's length)."""
    if not fam.startswith("quantity:"):
        return {}
    unit = fam[len("quantity:"):]
    measured = unit in _MEASURED_UNITS
    if unit in _GENERAL_COUNTS and not measured:
        return {}
    # A figure an article repeats (a paragraph run twice) is still its only count.
    figures: dict[str, set[object]] = defaultdict(set)
    for c in members:
        figures[c.article].add(c.value)
    sole: dict[str, str] = {}
    for c in members:
        if len(figures[c.article]) != 1 or c.trusted:
            continue
        what = _dimension(c.sentence) if measured else unit
        if what:
            sole[c.id] = what
    return sole


def _dimension(sentence: str) -> Optional[str]:
    """The one dimension a sentence names ("long", "span": length); None for none or several."""
    words = _SENTENCE_WORD.findall(sentence.lower())
    named = {_DIMENSION_OF[w] for w in words if w in _DIMENSION_OF}
    return named.pop() if len(named) == 1 else None


def _align(claims: Sequence[Claim], folded: Aliases, min_score: float) -> list[Pair]:
    blocks: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        fam = family(c)
        if fam:
            blocks[fam].append(c)
    # "landed on Wednesday for his first visit in 24 years": the date there is the current
    # occurrence, the elapsed time speaks of the previous one; neither date may stand for the other.
    elapsed_sentences = {(c.article, c.sentence_start) for c in claims
                         if isinstance(c.value, Duration)}
    pairs: list[Pair] = []
    sentences = _Sentences()
    for fam, members in blocks.items():
        if fam == "quote":
            pairs.extend(_align_quotes(members))
            continue
        scorer = _Scorer(members, folded, timed=fam == "time")
        sole = _sole_counts(fam, members)
        index: dict[str, list[Claim]] = defaultdict(list)
        for c in members:
            for key in scorer.keys(c):
                index[key].append(c)
        seen: set[tuple[str, str]] = set()
        for posting in index.values():
            if len(posting) > POSTING_CAP:
                continue
            for a, b in combinations(posting, 2):
                key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if key in seen:
                    continue
                seen.add(key)
                if not _pairable(a, b):
                    continue
                if (isinstance(a.value, DateSpan) and isinstance(b.value, DateSpan)
                        and ((a.article, a.sentence_start) in elapsed_sentences
                             or (b.article, b.sentence_start) in elapsed_sentences)):
                    continue
                sole_pair = (a.article != b.article and a.id in sole
                             and sole[a.id] == sole.get(b.id))
                if a.article == b.article:
                    bonus = SAME_STORY_BONUS
                elif sole_pair:
                    bonus = SOLE_COUNT_BONUS
                else:
                    bonus = 0.0
                s = (scorer.score(a, b, sole=True) if sole_pair
                     else scorer.score(a, b, min_score - bonus - 1e-6))
                if s > 0 or a.article == b.article:
                    s += bonus
                if sole_pair and 0 < s < min_score and scorer.share_event_word(a, b):
                    # Two outlets' only counts of agreements, both signed: the same agreements.
                    s = min_score
                # Sums over sets run in an order that changes between processes; rounding
                # keeps the last bits from reordering equal scores from one run to the next.
                s = round(s, 9)
                if s >= min_score and not _elsewhere_in_one_sentence(a, b, sentences):
                    pairs.append(Pair(a, b, s))
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return pairs


def candidate_count(claims: Sequence[Claim]) -> int:
    """How many pairs the index proposes (for the benchmark): proportional to the batch."""
    return len(align(claims, min_score=-1.0))
