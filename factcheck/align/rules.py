"""The alignment rules: when two claims speak about the same fact.

Each rule is a small named object (see factcheck.rulebook) with its parameters in
rules/align.yaml. Vetoes say "not the same fact" whatever else holds; evidence rules each add
a weight for "same fact"; `same-fact` lines the pair up when the sum reaches its threshold.
`judge` runs them in order and, when asked, records a `Verdict` per rule: every `Pair` carries
that trace, and `factcheck explain` prints it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from typing import Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from factcheck import rules
from factcheck.model import Claim, DateSpan, Duration, Ordinal, Quantity, Quote, Verdict
from factcheck.rulebook import Rule
from factcheck.words import stem, term

EDITORIAL_ROLES = frozenset({"headline", "standfirst", "key_point", "caption"})

_UNITS = rules.load("units")
# Money, people, years: counts too general for two outlets' only figures to be one fact.
_GENERAL_COUNTS = (frozenset(_UNITS["currency_prefix"].values())
                   | frozenset(_UNITS["unit_after"].values()) | frozenset(_UNITS["general_counts"]))
_MEASURED_UNITS = frozenset(_UNITS["measure_dimensions"]["units"])
_DIMENSION_OF = {word: dimension
                 for dimension, words in _UNITS["measure_dimensions"]["words"].items()
                 for word in words}
_SENTENCE_WORD = re.compile(r"[^\W\d_]+")
# Matched against the lowercased words before a name, and right after it.
_PLACE_BEFORE = re.compile(r"\b(?:" + rules.alternation(_UNITS["place_prepositions"]) +
                           r")\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"-(?:" + rules.alternation(_UNITS["place_suffixes"]) + r")\b")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# ── what the rules read ───────────────────────────────────────────────────────────────────────


def reporting_time(claim: Claim) -> bool:
    """"officials said on Thursday", "as I said in April": when something was said, not a fact
    of the story (extract's said_at slot)."""
    return claim.kind == "date" and claim.slots.said_at


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


_Named = tuple[set[str], list[frozenset[str]]]  # name tokens, and distinctive whole names


def _name_differently(a: _Named, b: _Named) -> bool:
    (tokens_a, rare_a), (tokens_b, rare_b) = a, b
    if tokens_a and tokens_b and not (tokens_a & tokens_b):
        return True
    return bool(rare_a and rare_b and not any(x <= y or y <= x for x in rare_a for y in rare_b))


def _occurrences(words: list[str], run: list[str]) -> int:
    """How many times `run` stands in `words` (as whole words)."""
    if not run:
        return 0
    n = len(run)
    return sum(1 for i in range(len(words) - n + 1) if words[i:i + n] == run)


def _dimension(sentence: str) -> Optional[str]:
    """The one dimension a sentence names ("long", "span": length); None for none or several."""
    words = _SENTENCE_WORD.findall(sentence.lower())
    named = {_DIMENSION_OF[w] for w in words if w in _DIMENSION_OF}
    return named.pop() if len(named) == 1 else None


_Place = tuple[tuple[str, ...], int]  # words on one side of a claim, and how often they stand there


class Block:
    """The claims of one family in one story, and what the rules read about them, worked out
    once: word weights (rare words count more), names, the words near each value, the
    sentences with quote marks folded."""

    def __init__(self, family_name: str, claims: Sequence[Claim], aliases: Aliases,
                 common_name_share: float, near: int, posting_cap: int,
                 article_names: Optional[Mapping[str, Iterable[str]]] = None) -> None:
        self.family = family_name
        self.timed = family_name == "time"
        self.aliases = aliases
        self.near = near
        self.names = {c.id: aliases.tokens(c.frame.names) for c in claims}
        # Only time claims need names as stems (to tell an event word from a name).
        self.name_stems = ({cid: {stem(t) for t in toks} for cid, toks in self.names.items()}
                           if self.timed else {})
        self.terms = {c.id: set(c.frame.terms) for c in claims}
        df: Counter[str] = Counter()
        for c in claims:
            df.update(self.terms[c.id] | self.names[c.id])
        n = max(len(claims), 1)
        self.idf = {t: math.log((n + 1) / (k + 0.5)) + 1.0 for t, k in df.items()}
        full = {c.id: {aliases.canonical.get(x, x) for x in c.frame.names} for c in claims}
        name_df: Counter[str] = Counter()
        for c in claims:
            name_df.update(full[c.id])
        common = max(posting_cap, int(n * common_name_share))
        self.distinctive = {cid: [frozenset(x.split()) for x in names if name_df[x] <= common]
                            for cid, names in full.items()}
        self.common = {x for x, k in name_df.items() if k > common}
        self.named: dict[str, _Named] = {c.id: (self.names[c.id], self.distinctive[c.id])
                                         for c in claims}
        self.profiles: dict[str, tuple[frozenset[str], frozenset[str], float, float]] = {}
        self.roles: dict[str, tuple[_Named, _Named]] = {}
        # "landed on Wednesday for his first visit in 24 years": sentences holding an elapsed time
        self.elapsed_sentences = {(c.article, c.sentence_start) for c in claims
                                  if isinstance(c.value, Duration)}
        self.sole = _sole_counts(family_name, claims)
        self.article_names = article_names or {}
        self.article_casts: dict[str, list[frozenset[str]]] = {}
        self.casts: dict[str, list[frozenset[str]]] = {}
        self.mismatches: dict[object, Optional[str]] = {}
        self.scopes: dict[str, Optional[str]] = {}
        # The values each sentence states ("between $140 million and $150 million": two)
        self.sentence_values: dict[tuple[str, int], set[object]] = defaultdict(set)
        self.stated = {c.id: stated_value(c) for c in claims}
        for c in claims:
            self.sentence_values[(c.article, c.sentence_start)].add(self.stated[c.id])
        self.lists = _lists(claims)
        self.previous: dict[str, Optional[str]] = {}
        self.folded: dict[str, str] = {}
        self.around: dict[str, tuple[_Place, _Place]] = {}
        self.quotes: dict[str, Optional[str]] = {}

    def weights(self, capped: Iterable[str]) -> str:
        """A digest of everything here that one pair's judgement reads from the other claims of
        the block: the words' weights, the names too common to count, and the `capped` words
        (held by too many claims to propose a pair). Equal digests, equal judgements of a
        pair whose two claims did not change."""
        h = hashlib.blake2b(digest_size=16)
        for part in (sorted(self.idf.items()), sorted(self.common), sorted(capped)):
            h.update(repr(part).encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    def keys(self, claim: Claim) -> set[str]:
        """The words that propose candidate pairs: the value's near words and the names."""
        return set(claim.frame.terms[:self.near]) | self.names[claim.id]

    def weight(self, terms: Iterable[str]) -> float:
        return sum(map(self.idf.__getitem__, terms))

    def profile(self, c: Claim) -> tuple[frozenset[str], frozenset[str], float, float]:
        """A claim's near words and all its words, with their weights, worked out once."""
        known = self.profiles.get(c.id)
        if known is None:
            near = frozenset(c.frame.terms[:self.near])
            every = frozenset(self.terms[c.id] | self.names[c.id])
            known = self.profiles[c.id] = (near, every, self.weight(near), self.weight(every))
        return known

    def lead(self, c: Claim) -> Optional[str]:
        """The word nearest a time claim that is not a name: the event it dates."""
        names = self.name_stems[c.id]
        return next((t for t in c.frame.terms if t not in names), None)

    def shared_event_words(self, a: Claim, b: Claim) -> set[str]:
        near_a, near_b = self.profile(a)[0], self.profile(b)[0]
        return set((near_a & near_b) - self.names[a.id] - self.names[b.id])

    def role_names(self, c: Claim) -> tuple[_Named, _Named]:
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

    def cast(self, c: Claim) -> list[frozenset[str]]:
        """The whole names a claim's sentence holds, aliases folded: who and where it is about
        (abbreviations spelled out)."""
        known = self.casts.get(c.id)
        if known is None:
            known = self.casts[c.id] = cast_of(c.frame.names, self.aliases)
        return known

    def scoped(self, c: Claim) -> Optional[str]:
        """The running-total word of a claim's sentence ("combined", "so far"), if any."""
        if c.id not in self.scopes:
            m = _SCOPE.search(c.sentence)
            self.scopes[c.id] = m.group(0) if m else None
        return self.scopes[c.id]

    def article_cast(self, c: Claim) -> Sequence[frozenset[str]]:
        """The names of a claim's whole article (for a headline that names nothing itself)."""
        known = self.article_casts.get(c.article)
        if known is None:  # worked out only for the few claims that need it
            known = self.article_casts[c.article] = cast_of(
                self.article_names.get(c.article, ()), self.aliases)
        return known

    def sole_pair(self, a: Claim, b: Claim) -> bool:
        return a.article != b.article and a.id in self.sole and self.sole[a.id] == self.sole.get(b.id)

    def of_previous(self, c: Claim) -> Optional[str]:
        """The event a date's own clause gives it as the last or previous time of ("he last
        visited in July 2002", "his first visit since 2000": visit), the occurrence an elapsed
        time counts from, not the current one; None for any other date."""
        if c.id not in self.previous:
            found: Optional[str] = None
            if isinstance(c.value, DateSpan):
                before = _CLAUSE_BREAK.split(c.sentence[:c.start - c.sentence_start])[-1]
                words = _SENTENCE_WORD.findall(before.lower())
                near = int(_LAST_TIME["near"])
                for i in range(len(words) - 1, max(-1, len(words) - 1 - near), -1):
                    if words[i] in _PREVIOUS_WORDS:
                        # the event: the word after the cue ("last visited"), else before it
                        # ("visit since")
                        at = i + 1 if i + 1 < len(words) and words[i + 1] not in _STOP else i - 1
                        found = term(words[at]) if 0 <= at < len(words) else None
                        break
            self.previous[c.id] = found
        return self.previous[c.id]

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


_LAST_TIME = rules.load("align")["last-time"]
_PREVIOUS_WORDS = frozenset(str(w) for w in _LAST_TIME["words"])
_STOP = frozenset(("in", "on", "at", "the", "a", "an", "of", "to", "was", "were", "is"))
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
# What joins the values of a list: "1961, 2000 and 2001", "12, 14 or 15".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _lists(claims: Sequence[Claim]) -> dict[str, tuple[int, int]]:
    """The claims that stand in a list of values of their kind in their sentence ("treaties
    signed in 1961, 2000 and 2001"), each with its place in the list and the list's length.
    "Between 140 and 150" is a range, not a list."""
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        by_sentence[(c.article, c.sentence_start)].append(c)
    out: dict[str, tuple[int, int]] = {}
    for members in by_sentence.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda c: (c.start, -c.end))
        runs: list[list[Claim]] = [[members[0]]]
        for c in members[1:]:
            prev = runs[-1][-1]
            if c.start < prev.end:
                continue  # a value inside another ("2000" in "since July 2000")
            gap = c.sentence[prev.end - c.sentence_start:c.start - c.sentence_start]
            if c.kind == prev.kind and _LIST_JOIN.fullmatch(gap):
                runs[-1].append(c)
            else:
                runs.append([c])
        for run in runs:
            first = run[0]
            if len(run) < 2 or (len(run) == 2 and _RANGE_BEFORE.search(
                    first.sentence[:first.start - first.sentence_start])):
                continue
            for i, c in enumerate(run):
                out[c.id] = (i, len(run))
    return out


def stated_value(c: Claim) -> object:
    """A value as two outlets would both state it: a count's interval without its
    approximation, an elapsed time's amount, a date's span."""
    v = c.value
    if isinstance(v, Quantity):
        return (v.low, v.high)
    if isinstance(v, Duration):
        return (v.amount.low, v.amount.high)
    if isinstance(v, DateSpan):
        return (v.start, v.end, v.month, v.day)
    return v


def _sole_counts(fam: str, members: Sequence[Claim]) -> dict[str, str]:
    """Claims that are their article's only count of a specific thing ("33 agreements") in this
    story, each with what it counts. Money and counts of people or time are too general for
    that; a length is specific when its sentence names what it measures ("1,093 metres long",
    "the 2,099 metres span": both the bridge's length)."""
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


# ── vetoes: not the same fact, whatever else holds ────────────────────────────────────────────


class Veto(Rule):
    stage = "align"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        """The reason the two cannot be one fact, or None."""
        raise NotImplementedError


class OneSentence(Veto):
    """"In 1961, 2000 and 2001": one sentence that lists several figures states several facts;
    a sentence never disagrees with itself."""

    name = "one-sentence"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article == b.article and a.sentence_start == b.sentence_start:
            return "both stand in one sentence of one article"
        return None


class ListItem(Veto):
    """"Treaties signed in 1961, 2000 and 2001": each value of a list is a fact of its own.
    Lined up with a lone claim ("his first visit since 2000"), one item would agree with it
    and the others be set against it, the draft's own sentence against itself. A list's value
    is the same fact only as the value at the same place of the same list run elsewhere."""

    name = "list-item"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        la, lb = block.lists.get(a.id), block.lists.get(b.id)
        if la == lb:
            return None  # neither in a list, or both at one place of lists of one length
        c, (_, n) = (a, la) if la is not None else (b, lb)  # type: ignore[misc]
        if la is not None and lb is not None:
            return f"{a.text!r} and {b.text!r} stand at different places of their lists"
        return f"{c.text!r} is one value of a list of {n}"


class TwoBodySentences(Veto):
    """Two body sentences of one story usually count different things (the toll in one town,
    then in the next); within one article only a headline, standfirst, key point or caption
    restates the body. Quotes are exempt: a story may run one quote twice."""

    name = "two-body-sentences"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article != b.article or a.kind == "quote":
            return None
        if (a.role in EDITORIAL_ROLES) != (b.role in EDITORIAL_ROLES) or (
                (a.role == "headline") != (b.role == "headline")):
            return None
        return f"two {a.role} sentences of one article"


class OrdinalInOneArticle(Veto):
    """"The second summit … the third round": one story's ordinals rank different things."""

    name = "ordinal-in-one-article"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article == b.article and a.kind == "ordinal":
            return "two ranks in one article"
        return None


class BothFactBook(Veto):
    """The fact book is the desk's own record: it is checked against articles, not itself."""

    name = "both-fact-book"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        return "both are fact-book entries" if a.trusted and b.trusted else None


class ValueElsewhere(Veto):
    """"Between $140 million and $150 million" against another outlet's "$150 million"; "the
    36-year-old champion … the 40-year-old": when the other claim's value stands in my own
    sentence, the other claim is the same fact as that value of mine, not as me."""

    name = "value-elsewhere"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article == b.article:
            return None
        va, vb = block.stated[a.id], block.stated[b.id]
        if va == vb:
            return None
        for here, other, value in ((a, b, vb), (b, a, va)):
            if value in block.sentence_values[(here.article, here.sentence_start)]:
                return f"{other.text!r} has its own match in the sentence of {here.text!r}"
        return None


class DateBesideElapsed(Veto):
    """"Landed on Wednesday for his first visit in 24 years": a date in a sentence that also
    says how long ago something last happened is the current occurrence, the elapsed time
    speaks of the previous one; neither date may stand for the other. Unless its own clause
    says it is the previous one: "first visit in 24 years; he last visited in July 2002"."""

    name = "date-beside-elapsed"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if not (isinstance(a.value, DateSpan) and isinstance(b.value, DateSpan)):
            return None
        for c in (a, b):
            if (c.article, c.sentence_start) in block.elapsed_sentences and \
                    not block.of_previous(c):
                return f"{c.text!r} shares its sentence with an elapsed time"
        return None


class TimeNeedsEvent(Veto):
    """A year counts nothing by itself: "founded in 1987" and "first loss in 26 years" share
    the company's name but no event. Time claims must share a word near the value that is not
    a name, nor a light verb that names no event ("it happened in 1959", "took place in
    2004": `light_words`)."""

    name = "time-needs-event"

    def __init__(self) -> None:
        super().__init__()
        self.light = frozenset(term(str(w)) for w in self.params["light_words"])

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if not block.timed:
            return None
        near_a, near_b = block.profile(a)[0], block.profile(b)[0]
        if (near_a & near_b) - block.name_stems[a.id] - block.name_stems[b.id] - self.light:
            return None
        if FULL_DATE.event(a, b, block):
            return None  # two full dates: the event word may stand further off (rule full-date)
        return "no event word near both"


class DifferentNames(Veto):
    """Both claims name who they are about, and the names differ: "Pavara Textiles" is not
    "Priothara Textiles" (a common word shared), while "Halvik" is "Idris Halvik". Two
    outlets' only counts of one thing weigh who against who and where against where instead:
    "the visit to Harlow" and "Halvik and Tessly signed" may tell one signing."""

    name = "different-names"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if block.sole_pair(a, b):
            for part, x, y in zip(("who", "where"), block.role_names(a), block.role_names(b)):
                if _name_differently(x, y):
                    return f"they name a different {part}"
            return None
        if _name_differently(block.named[a.id], block.named[b.id]):
            return "they name different people, places or bodies"
        return None


_CAST = rules.load("align")["other-cast"]
_FULL_DATE = re.compile(r"\b(?:" + "|".join(
    re.escape(str(name)) for names in rules.load("calendar")["months"].values() for name in names)
    + r")\.?\s+\d{1,2},?\s+\d{4}\b", re.IGNORECASE)
_HEAD_AFTER = re.compile(r"\s*([A-Za-z][\w'’]*)")
_SCOPE = re.compile(r"\b(?:" + rules.alternation(rules.load("align")["scope"]["words"],
                                                 flexible_space=True) + r")\b", re.IGNORECASE)
_ABBREVIATIONS = {str(k): str(v) for k, v in _CAST["abbreviations"].items()}
_GENERIC = frozenset(str(w) for w in _CAST["generic_words"])


def _spelled(name: frozenset[str]) -> frozenset[str]:
    """A name's words with street and title abbreviations spelled out ("st" → "street")."""
    return frozenset(_ABBREVIATIONS.get(w.rstrip("."), w) for w in name)


def _one_name(x: frozenset[str], y: frozenset[str]) -> bool:
    """"Ana Tessly" and "Ana K. Tessly", "Halvik" and "Idris Halvik": one name written two
    ways when one holds the other or they share a word that is not generic ("North Drethanta" and
    "North Oruvel" share only "north")."""
    return x <= y or y <= x or bool((x & y) - _GENERIC)


def cast_of(names: Iterable[str], aliases: "Aliases") -> list[frozenset[str]]:
    """Whole names as word sets, aliases folded and abbreviations spelled out."""
    return [_spelled(frozenset(x.split())) for x in sorted({aliases.canonical.get(n, n)
                                                           for n in names})]


def cast_mismatch(xs: Sequence[frozenset[str]], ys: Sequence[frozenset[str]], least: int,
                  share: float) -> Optional[str]:
    """Whether two sets of whole names (each a set of tokens) are two casts: at least `least`
    names on each side that the other does not hold (as a name or within one: "Halvik" is in
    "Idris Halvik"), and fewer than `share` of the smaller side held by both."""
    if len(xs) < least or len(ys) < least:
        return None
    # Only names that share a word can be one name: found through the words, not every pair.
    holding: dict[str, list[int]] = {}
    for j, y in enumerate(ys):
        for w in y:
            holding.setdefault(w, []).append(j)
    matched_x: list[frozenset[str]] = []
    matched_y: set[int] = set()
    for x in xs:
        found = False
        for j in {j for w in x for j in holding.get(w, ())}:
            if _one_name(x, ys[j]):
                found = True
                matched_y.add(j)
        if found:
            matched_x.append(x)
    if len(xs) - len(matched_x) < least or len(ys) - len(matched_y) < least:
        return None
    if max(len(matched_x), len(matched_y)) >= share * min(len(xs), len(ys)):
        return None
    only_x = sorted(" ".join(sorted(x)) for x in xs if x not in matched_x)
    only_y = sorted(" ".join(sorted(y)) for j, y in enumerate(ys) if j not in matched_y)
    return f"{', '.join(only_x[:3])} here, {', '.join(only_y[:3])} there"


class OtherCast(Veto):
    """Same template, other names: wire copy and an archive's recurring stories run one
    sentence for many events ("X became the first leader to visit Y since …"). Two claims
    whose sentences name mostly different people and places — at least two names on each side
    that the other lacks, and few in common — are about different events, however alike the
    words. A title-case headline names nothing by its capitals: its article's names stand in,
    with a stricter share (outlets of one event name many things differently)."""

    name = "other-cast"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article == b.article or a.trusted or b.trusted or (
                a.frame.names == b.frame.names and a.frame.names):
            return None  # the same names (a wire sentence run twice): the same cast
        xs, ys = block.cast(a), block.cast(b)
        share = self.share
        if not xs or not ys:
            xs, ys = block.article_cast(a), block.article_cast(b)
            share = self.share_articles
        if len(xs) < self.least or len(ys) < self.least or xs == ys:
            return None
        key = (tuple(xs), tuple(ys), share)
        found = block.mismatches.get(key, False)
        if found is False:  # one wire sentence meets every outlet's copy: worked out once
            found = block.mismatches[key] = cast_mismatch(xs, ys, self.least, share)
        return f"other names in the same words: {found}" if found else None

    def __init__(self) -> None:
        super().__init__()
        self.least = int(self.params["least_unmatched"])
        self.share = float(self.params["max_shared"])
        self.share_articles = float(self.params["max_shared_articles"])


class WhoseAge(Veto):
    """An age belongs to one person: "the 32-year-old" and "the 36-year-old" in two outlets'
    reports of one fight may be the two fighters, and a story names the ages of accused and
    victim alike. Two outlets' ages are one fact only when both sentences name the person,
    and the names are one."""

    name = "whose-age"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article == b.article or block.family != f"quantity:{self.params['unit']}":
            return None
        # "the 41-year-old driver" and "a 73-year-old shopper": the word after the age says whose
        head_a, head_b = self.head(a), self.head(b)
        if head_a and head_b:
            return None if head_a == head_b else f"the age of a {head_a} and of a {head_b}"
        xs, ys = block.cast(a), block.cast(b)
        if not xs or not ys:
            return "an age, and a sentence that does not name whose it is"
        if not any(_one_name(x, y) for x in xs for y in ys):
            return "ages of people named differently"
        return None

    def head(self, c: Claim) -> Optional[str]:
        """The word right after "36-year-old" ("driver", "Rahman"), stemmed; None for a function
        word ("the 36-year-old was …")."""
        m = _HEAD_AFTER.match(c.sentence, c.end - c.sentence_start)
        if not m or m.group(1).lower() in self._not_heads:
            return None
        return stem(m.group(1).lower())

    @property
    def _not_heads(self) -> frozenset[str]:
        return frozenset(str(w) for w in self.params["not_heads"])


class Scope(Veto):
    """A season's or a career's total against one game's, all patrols so far against one: when
    only one of two sentences says its figure is a running total ("combined", "so far",
    "career"), the two count over different spans."""

    name = "scope"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if block.timed or a.article == b.article:
            return None
        in_a, in_b = block.scoped(a), block.scoped(b)
        if bool(in_a) != bool(in_b):
            total = a if in_a else b
            return f"only {total.text!r} is a running total ({in_a or in_b})"
        return None


class SequenceOrdinal(Veto):
    """A story passes through every round, inning and lap: "the fourth round" and "the sixth
    round" are one fact only when the words next to both (beyond names and the noun) meet."""

    name = "sequence-ordinal"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if not block.family.startswith("ordinal:"):
            return None
        noun = block.family[len("ordinal:"):]
        if noun not in self._nouns:
            return None
        near = int(self.params["near"])
        shared = (set(a.frame.terms[:near]) & set(b.frame.terms[:near])) - block.names[a.id] \
            - block.names[b.id] - {noun, stem(noun)}
        return None if shared else f"two {noun}s of a sequence, nothing else near both in common"

    @property
    def _nouns(self) -> frozenset[str]:
        return frozenset(str(w) for w in self.params["nouns"])


class DifferentSubject(Veto):
    """Two players' yards in one game, two towns' tolls of one storm: when both claims say
    whose value it is (extract's subject slot) and the subjects are not one name written two
    ways, they are two facts, however alike the sentences."""

    name = "different-subject"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        sa, sb = a.slots.subject, b.slots.subject
        if not sa or not sb or sa == sb:
            return None
        xa, xb = cast_of((sa,), block.aliases), cast_of((sb,), block.aliases)
        if _one_name(xa[0], xb[0]):
            return None
        return f"{sa}'s figure and {sb}'s"


class DifferentMeasure(Veto):
    """"Twelve people killed" and "twelve people injured" count different things in the same
    unit: when both claims say what they measure (extract's measure slot) and it differs, they
    are two facts."""

    name = "different-measure"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        ma, mb = a.slots.measure, b.slots.measure
        if not ma or not mb or ma == mb:
            return None
        return f"{ma} and {mb}"


class OneSentenceRunTwice(Veto):
    """Two outlets running one sentence (a wire paragraph, a quote): "March" and "this month"
    in it are two facts however alike their frames; only the same place is the same claim.
    Inside a quotation, the quotation is what is run twice, whatever words each outlet puts
    around it."""

    name = "one-sentence-run-twice"

    def veto(self, a: Claim, b: Claim, block: Block) -> Optional[str]:
        if a.article == b.article:
            return None
        qa, qb = block.quoted(a), block.quoted(b)
        if qa is not None and qb is not None:
            ta, tb = qa, qb
        else:
            ta, tb = block.fold(a.sentence), block.fold(b.sentence)
        la, lb = len(ta), len(tb)
        if min(la, lb) < self.params["min_length_share"] * max(la, lb):
            return None
        cutoff = self.params["min_ratio"]
        if fuzz.token_sort_ratio(ta, tb, score_cutoff=cutoff) < cutoff:
            return None
        (before_a, after_a), (before_b, after_b) = block.words_around(a), block.words_around(b)
        if before_a != before_b and after_a != after_b:
            return "one sentence run by both, the two values at different places in it"
        return None


# ── evidence for "same fact" ──────────────────────────────────────────────────────────────────


class Evidence(Rule):
    stage = "align"

    def __init__(self) -> None:
        super().__init__()
        self.most = float(self.params["weight"])  # the most this rule can add

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        raise NotImplementedError

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return ""


class SharedWords(Evidence):
    """Two reports of one fact share the words of their sentences, rare words more than common
    ones (each word weighed by how few claims of the block hold it). A headline is short, so
    the share of the smaller sentence counts as much as the share of both."""

    name = "shared-words"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        _, all_a, _, w_all_a = block.profile(a)
        _, all_b, _, w_all_b = block.profile(b)
        shared = block.weight(all_a & all_b)
        union = w_all_a + w_all_b - shared
        smaller = min(w_all_a, w_all_b)
        jaccard = 0.5 * (shared / union if union else 0.0) + 0.5 * (shared / smaller if smaller else 0.0)
        return self.most * jaccard

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        shared = sorted(block.profile(a)[1] & block.profile(b)[1])
        return f"{len(shared)} words in common: {', '.join(shared[:8])}"


class NearWords(Evidence):
    """The words right next to a value say what it counts ("people killed", "first visit"):
    they must meet for two figures to be one fact."""

    name = "near-words"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        near_a, _, w_near_a, _ = block.profile(a)
        near_b, _, w_near_b, _ = block.profile(b)
        near = block.weight(near_a & near_b) / max(min(w_near_a, w_near_b), 1e-9)
        return self.most * min(near, 1.0)

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        shared = sorted(block.profile(a)[0] & block.profile(b)[0])
        return "next to both values: " + (", ".join(shared) if shared else "nothing")


class LeadEvent(Evidence):
    """A time claim is the time of the event named next to it: "begun in 2017" and
    "construction started in 2018" name the same event first, "opened on Friday" another."""

    name = "lead-event"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        if not block.timed:
            return 0.0
        lead = block.lead(a)
        return self.most if lead is not None and lead == block.lead(b) else 0.0

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return f"both date “{block.lead(a)}”" if weight else ""


class LastTime(Evidence):
    """"Putin last visited Pyongyang in July 2000" and "he last visited in July 2002": dates
    that two sentences each give as the last time of one event (a `words` cue among the last
    `near` words of the clause before the date, and the same event word at the cue: "last
    visited", "visit since") date one occurrence, the previous one, however differently the
    rest of the sentences run: with the other evidence, enough for two months to be compared
    (rule loose-days)."""

    name = "last-time"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        if not block.timed:
            return 0.0
        event = block.of_previous(a)
        return self.most if event is not None and event == block.of_previous(b) else 0.0

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return f"both give the last time of “{block.of_previous(a)}”" if weight else ""


class HeadlineRestates(Evidence):
    """A headline restates its own story's facts in fewer words: within one article, less
    overlap is needed than across outlets."""

    name = "headline-restates"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        return self.most if a.article == b.article else 0.0

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return f"{a.role} and {b.role} of one article" if weight else ""


class SoleCount(Evidence):
    """Two outlets' only counts of one specific thing in a story ("33 agreements", "48
    agreements") are very likely the same count, however differently the sentences run. Money
    and counts of people or time are too general for that."""

    name = "sole-count"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        return self.most if block.sole_pair(a, b) else 0.0

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return f"each article's only count of {block.sole.get(a.id)}" if weight else ""


class MaskedText(Evidence):
    """The two sentences with the value masked, compared as fuzzy text: catches the same
    wording where words were cut or reordered. Run last, only when it can still matter."""

    name = "masked-text"

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        return self.most * fuzz.token_set_ratio(a.frame.masked, b.frame.masked) / 100.0

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return f"the sentences match {weight / self.most:.0%} as text"


class FullDate(Evidence):
    """"Born April 24, 1923" and "born on April 22, 1923" in two outlets: a day, month and year
    written out pin one occurrence, so the event word may stand further from the date than
    usual (within `near` words of both, and among the first `close` of one), and such a pair
    weighs as much as a lined-up one."""

    name = "full-date"

    def __init__(self) -> None:
        super().__init__()
        self.near, self.close = int(self.params["near"]), int(self.params["close"])

    def event(self, a: Claim, b: Claim, block: Block) -> set[str]:
        """The event words two full dates of two outlets share, read as this rule reads them."""
        if a.article == b.article or not (_FULL_DATE.search(a.text) and _FULL_DATE.search(b.text)):
            return set()
        if not (isinstance(a.value, DateSpan) and isinstance(b.value, DateSpan)):
            return set()
        shared = set(a.frame.terms[:self.near]) & set(b.frame.terms[:self.near])
        shared &= set(a.frame.terms[:self.close]) | set(b.frame.terms[:self.close])
        return shared - block.name_stems[a.id] - block.name_stems[b.id]

    def weigh(self, a: Claim, b: Claim, block: Block) -> float:
        return self.most if block.timed and self.event(a, b, block) else 0.0

    def reason(self, a: Claim, b: Claim, block: Block, weight: float) -> str:
        return "two full dates of one " + "/".join(sorted(self.event(a, b, block))) if weight else ""


class SoleCountEvent(Rule):
    """Two outlets' only counts of agreements, both "signed": the same agreements, even when
    the rest of the sentences share little. Lifts such a pair to the threshold."""

    name = "sole-count-event"
    stage = "align"


class SameFact(Rule):
    """The threshold the evidence must reach for two claims to be lined up as one fact."""

    name = "same-fact"
    stage = "align"


class Candidates(Rule):
    """Comparing every claim with every other would be quadratic and would pair "24 years" in a
    trending list with "24 years" in the story: candidate pairs come from an index over the
    words near each value and the names, and a word shared by too many claims proposes none."""

    name = "candidates"
    stage = "align"


class Family(Rule):
    """Claims can only be one fact when they measure the same thing: a count of people and a
    percentage never are; a date that says when something was said is no fact of the story."""

    name = "family"
    stage = "align"


class SameClaim(Rule):
    """A claim is not compared with itself."""

    name = "same-claim"
    stage = "align"


class QuoteWords(Rule):
    """Quotes align on their own words: the same words said twice are the same quote, whatever
    sentence each outlet puts around them; a long quote may stand inside a longer rendering."""

    name = "quote-words"
    stage = "align"

    def ratio(self, words_a: Sequence[str], words_b: Sequence[str]) -> float:
        ta, tb = " ".join(words_a), " ".join(words_b)
        ratio = fuzz.ratio(ta, tb)
        if min(len(words_a), len(words_b)) >= self.params["partial_min_words"]:
            ratio = max(ratio, fuzz.partial_ratio(ta, tb) - self.params["partial_penalty"])
        return ratio


def quote_words(quote: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _QUOTE_WORD.findall(quote)]


# ── the order they run in ─────────────────────────────────────────────────────────────────────

PAIRING = (OneSentence(), ListItem(), TwoBodySentences(), OrdinalInOneArticle(), BothFactBook(),
           ValueElsewhere(), DateBesideElapsed())
FRAMING = (TimeNeedsEvent(), DifferentNames(), DifferentSubject(), DifferentMeasure())
FULL_DATE = FullDate()
EVIDENCE = (SharedWords(), NearWords(), LeadEvent(), LastTime(), HeadlineRestates(), SoleCount(), FULL_DATE,
            MaskedText())
# Vetoes that cost more than they save run once the evidence is in, on the few pairs left.
LAST = (OtherCast(), WhoseAge(), Scope(), SequenceOrdinal(), OneSentenceRunTwice())
SAME_FACT = SameFact()
SOLE_COUNT_EVENT = SoleCountEvent()
CANDIDATES = Candidates()
FAMILY = Family()
QUOTE_WORDS = QuoteWords()
SAME_CLAIM = SameClaim()
MIN_SCORE = float(SAME_FACT.params["min_score"])


_FIRST_VETOES = tuple(rule.veto for rule in PAIRING + FRAMING)
# Each evidence rule with the most the rules from it on can still add.
_WEIGHS = tuple((rule.weigh, sum(r.most for r in EVIDENCE[i:])) for i, rule in enumerate(EVIDENCE))


def _judge_traced(a: Claim, b: Claim, block: Block,
                  trace: list[Verdict]) -> tuple[Optional[bool], float]:
    """The vetoes and evidence of `judge`, each rule's verdict written down; (None, 0.0) when
    a veto holds, else whether the pair is a sole-count pair and the evidence's sum."""
    ids = (a.id, b.id)
    for rule in PAIRING + FRAMING:
        why = rule.veto(a, b, block)
        if why:
            trace.append(Verdict(rule.name, "veto", 0.0, why, ids))
            return None, 0.0
    score = 0.0
    for rule in EVIDENCE:
        w = rule.weigh(a, b, block)
        score += w
        if w:
            trace.append(Verdict(rule.name, "for", round(w, 3), rule.reason(a, b, block, w), ids))
    return block.sole_pair(a, b), score


def judge(a: Claim, b: Claim, block: Block, min_score: float = MIN_SCORE,
          trace: Optional[list[Verdict]] = None) -> float:
    """How strongly two claims of one block are one fact: 0.0 when a veto holds or the score
    cannot reach `min_score` (most candidates: the fuzzy text match then never runs). With a
    `trace` list, every rule's verdict is appended to it and no shortcut is taken."""
    if trace is None:
        # The common case, a candidate nobody asked about: bound methods, no verdicts.
        for veto in _FIRST_VETOES:
            if veto(a, b, block):
                return 0.0
        sole = block.sole_pair(a, b)
        score = 0.0
        floor = min_score - 1e-6
        for weigh, left in _WEIGHS:
            if not sole and score + left < floor:
                return 0.0
            score += weigh(a, b, block)
    else:
        sole, score = _judge_traced(a, b, block, trace)
        if sole is None:
            return 0.0
    ids = (a.id, b.id)
    if sole and 0 < score < min_score and block.shared_event_words(a, b):
        if trace is not None:
            words = ", ".join(sorted(block.shared_event_words(a, b)))
            trace.append(Verdict(SOLE_COUNT_EVENT.name, "for", round(min_score - score, 3),
                                 f"both sentences say “{words}”", ids))
        score = min_score
    # Sums over sets run in an order that changes between processes; rounding keeps the last
    # bits from reordering equal scores from one run to the next.
    score = round(score, 9)
    if score < min_score:
        if trace is not None:
            # Asked why: the late vetoes are said too, though the score alone decides.
            for rule in LAST:
                why = rule.veto(a, b, block)
                if why:
                    trace.append(Verdict(rule.name, "veto", 0.0, why, ids))
                    break
            trace.append(Verdict(SAME_FACT.name, "against", round(score, 3),
                                 f"{score:.2f} is under {min_score:.2f}", ids))
        return 0.0
    for rule in LAST:
        why = rule.veto(a, b, block)
        if why:
            if trace is not None:
                trace.append(Verdict(rule.name, "veto", 0.0, why, ids))
            return 0.0
    if trace is not None:
        trace.append(Verdict(SAME_FACT.name, "score", round(score, 3),
                             f"{score:.2f} reaches {min_score:.2f}", ids))
    return score
