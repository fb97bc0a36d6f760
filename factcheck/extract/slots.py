"""Slots: what a claim is about, read once from its sentence so that alignment and comparison
never read the sentence again (issue 15).

Two claims are one fact when they measure the same thing ("people killed" is not "people
injured"), of the same subject (two players' yards are two facts), at the same time. This module
reads those parts for each claim: its measure, its subject, the names around it split into
actors and places, its event word, what time it speaks of, and for a date whether it only says
when something was said.

Precision first: a slot is filled only when the words say so plainly; an empty slot says
nothing either way, while a wrong subject would keep a true pair apart. The sentence's tokens
and names are read once for all its claims, and each claim then looks at a few tokens on either
side of it, so a sentence of thousands of figures costs time in proportion to its length.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Optional, Sequence, Union

from factcheck import rules
from factcheck.extract.frame import stopwords
from factcheck.extract.quantity import _singular
from factcheck.model import DateSpan, Duration, Frame, Quantity, Slots, Value
from factcheck.words import fold, term

_R = rules.load("slots")
_U = rules.load("units")
_SPEECH = rules.load("speech")


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _R[key])


# "killed" → "killed", "dead" → "killed", "death toll" → "killed": one name per group.
_QUALIFIER: dict[str, str] = {str(w).lower(): str(group)
                              for group, ws in _R["qualifiers"].items() for w in ws}
_RATE_WORDS: dict[str, str] = _R["rate_words"]
_CASUALTY = frozenset(_R["casualties"])
_BETWEEN_AFTER = _words("between_after")
_PASSIVE = _words("passive")
_BETWEEN_BEFORE = _words("between_before")
_OPEN_UNITS = frozenset(_R["open_units"])
_NOT_MEASURED = _words("not_measured")
_MEASURED_SYNONYMS: dict[str, str] = {str(w).lower(): str(group[0]).lower()
                                      for group in _R["measured_synonyms"] for w in group}
_NOUN_RUN = 4  # at most this many words in a run naming what a sum measures
_OF_SKIP = _words("of_skip")
_DISTANCE_UNITS = frozenset(_R["distance_units"])
_DIRECTIONS = _words("directions")
_CLAUSE_BREAKS = _words("clause_breaks")
_SUBJECT_GAP = int(_R["subject_gap"])
_NOT_VERBS = _words("not_verbs")
_AFTER_PRESENT = _words("after_present_verbs")
_OF_HEADS = _words("of_heads")
_POSSESSED = _OF_HEADS | {"of", "the", "a", "an"}
_NAME_VERBS = (_words("name_verbs") | frozenset(rules.load("calendar")["past_words"])
               | frozenset(str(w).lower() for w in rules.load("speech")["verbs"]))
_PRONOUNS = frozenset(str(w).lower() for w in rules.load("speech")["pronouns"])
_PERSON_NOUNS = _words("person_nouns")
_OWN_DATE_BETWEEN = _words("own_date_between")
_SPEECH_VERBS = frozenset(str(w).lower() for w in _SPEECH["verbs"])
_VERB_OBJECTS = frozenset(str(w).lower() for w in _U["verb_objects"])
# "12 dead", "30 injured": the unit is already the qualifier; what is counted is people.
_STANDALONE: dict[str, str] = {"dead": "killed", "injured": "injured", "missing": "missing"}
# Units that are not counted nouns (times, money, measures, ages): casualty words near them
# say nothing about which of them is meant.
_NOT_COUNTED_UNITS = (frozenset(_U["unit_after"].values()) | frozenset(_U["currency_prefix"].values())
                      | {"year_of_age", "decade", "century"})
_AGE = "year_of_age"

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_PLACE_BEFORE = re.compile(r"\b(?:" + rules.alternation(_U["place_prepositions"]) +
                           r")\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"-(?:" + rules.alternation(_U["place_suffixes"]) + r")\b")
_SAID_PREPOSITIONS = frozenset(["on", "in", "late", "early"])
_OPENING = " \t\"'“‘([-—–•*"  # what may stand before a sentence's first word (as frame.names)
# Each name is looked for through the whole sentence: names × characters is kept under this
# (a 2,000-character sentence with 500 names is read in full).
_FIND_BUDGET = 1_000_000


class _Name:
    __slots__ = ("start", "end", "name", "possessive", "placed")

    def __init__(self, start: int, end: int, name: str, possessive: bool) -> None:
        self.start, self.end, self.name, self.possessive = start, end, name, possessive
        self.placed = False


class _Sentence:
    """A sentence read once for all its claims: word, number and punctuation tokens, and its
    names where they stand (the same names as frame.names, with their places). Most sentences
    hold one or two claims, so the tokens are read in C (one split) and their kinds only when
    looked at."""

    def __init__(self, text: str, names: tuple[str, ...]) -> None:
        self.text = text
        self.frame_names = names
        self.names: list[_Name] = []
        self.opener: Optional[int] = None  # the token of a one-word name that opens the sentence
        # A capital opening the sentence: frame.names leaves out a lone one ("Storms kill…"),
        # and the article decides whether it is a name ("Halvik scored…").
        first = len(text) - len(text.lstrip(_OPENING))
        self._opening = first if text[first:first + 1].isupper() else None
        self.low = fold(text).replace("’", "'")  # offset for offset
        if names:
            self._find_names(names)
        self.tokens_read = False
        self._actors: Optional[tuple[tuple[str, ...], tuple[str, ...]]] = None
        self._name_terms: Optional[frozenset[str]] = None

    def _find_names(self, names: tuple[str, ...]) -> None:
        """Where frame.names stand in the sentence, as whole words (a name frame.names spells
        otherwise, "Harlow-Tessly" as "harlow tessly", has no place and is never a subject)."""
        low = self.low
        if len(names) * len(low) > _FIND_BUDGET:
            return  # a flood of names in a huge passage: no places, rather than quadratic time
        found: dict[int, _Name] = {}
        for name in sorted(names, key=len):  # the longer name of two at one place wins
            at = low.find(name)
            while at != -1:
                end = at + len(name)
                if (not at or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                    n = _Name(at, end, name, low.startswith("'s", end))
                    n.placed = bool(_PLACE_BEFORE.search(low, max(0, at - 16), at)
                                    or _PLACE_AFTER.match(low, end))
                    found[at] = n
                at = low.find(name, end)
        self.names = [found[k] for k in sorted(found)]

    def read_tokens(self) -> "_Sentence":
        """Tokens, read on first need (a quote's slots need only the names)."""
        if self.tokens_read:
            return self
        self.tokens_read = True
        # One split in C: [gap, token, gap, token, …, gap]; the running length of the parts
        # gives every token's start and end without a Python step per token.
        parts = _TOKEN_SPLIT.split(self.low)
        edges = list(accumulate(map(len, parts)))
        self.lows: list[str] = parts[1::2]
        self.starts: list[int] = edges[0:-1:2]
        self.ends: list[int] = edges[1::2]
        if self._opening is not None:
            i = bisect.bisect_left(self.starts, self._opening)
            if i < len(self.starts) and self.starts[i] == self._opening:
                self.opener = i
        # The name each token belongs to, if any.
        self.name_of: dict[int, _Name] = {}
        for name in self.names:
            i = bisect.bisect_left(self.starts, name.start)
            while i < len(self.starts) and self.starts[i] < name.end:
                self.name_of[i] = name
                i += 1
        return self

    def actors_places(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Names split into who acts and where: a name that stands as a place anywhere in the
        sentence ("the visit to Harlow", "the Harlow-based firm") is a place."""
        if self._actors is None:
            placed = {n.name for n in self.names if n.placed}
            self._actors = (tuple(n for n in self.frame_names if n not in placed),
                            tuple(n for n in self.frame_names if n in placed))
        return self._actors

    def name_terms(self) -> frozenset[str]:
        if self._name_terms is None:
            self._name_terms = frozenset(term(t) for n in self.names for t in n.name.split())
        return self._name_terms

    # ── token positions ──
    def after(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def before(self, offset: int) -> int:
        """Index of the last token ending at or before `offset` (-1 for none)."""
        return bisect.bisect_right(self.ends, offset) - 1

    def word(self, i: int) -> Optional[str]:
        """The lower-cased word at token i, or None for a number, punctuation or no token."""
        if 0 <= i < len(self.lows) and self.lows[i][0].isalpha():
            return self.lows[i]
        return None


@lru_cache(maxsize=8)  # the claims of one sentence come one after another
def _sentence(text: str, names: tuple[str, ...]) -> _Sentence:
    """The sentence read for slots, with its frame.names."""
    return _Sentence(text, names)


class ArticleNames:
    """Whether a capital opening a sentence is a name ("Halvik scored…") rather than a common
    word ("Storms kill…"): the article also writes it capitalized inside a sentence, after a
    lower-case word or a comma ("…praised Halvik"). Looked up once per word, in C."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            pattern = r"[a-z,;:]\s+" + re.escape(word) + r"(?![^\W_])"
            found = self._known[word] = re.search(pattern, self._text) is not None
        return found


_NO_NAMES = ArticleNames("")


class Neighbours:
    """The claims of one sentence as (start, end, kind), arranged once so that each claim finds
    the dates and the figures beside it by bisection: a sentence of thousands of figures must
    not cost each of them a walk over all the others."""

    def __init__(self, claims: Iterable[tuple[int, int, str]]) -> None:
        claims = list(claims)
        dates = sorted((b, e) for b, e, k in claims if k in ("date", "duration"))
        self.date_starts = [b for b, _ in dates]
        self.date_ends = sorted(e for _, e in dates)
        self.dates = dates
        # where each figure starts, by where it ends: a list of figures is read through
        self.figure_at_end = {e: b for b, e, k in claims if k == "quantity"}


LONE = Neighbours(())  # the claim is its sentence's only one


def read_slots(sentence: str, start: int, end: int, kind: str, value: Value, frame: Frame,
               others: Union[Neighbours, Sequence[tuple[int, int, str]]] = (),
               article_names: ArticleNames = _NO_NAMES) -> Slots:
    """The slots of the claim at sentence[start:end]. `others` are the claims of the sentence
    as (start, end, kind), or Neighbours of them; `article_names` the article's names."""
    if not isinstance(others, Neighbours):
        others = Neighbours(others)
    s = _sentence(sentence, frame.names)
    actors, places = s.actors_places()
    if kind == "quote":
        return Slots(actors=actors, places=places, event=_event(s, frame, None),
                     time=_time(s, start, end, value, others))
    s.read_tokens()
    measure = ""
    subject: Optional[str] = None
    # Without a name or a capital opening the sentence, only an age can have a subject ("a
    # 59-year-old grandmother"): the rest is not read.
    named = bool(s.names) or s.opener is not None
    if isinstance(value, Quantity):
        measure = _measure(s, start, end, value)
        if named:
            counted = value.unit.partition("/")[0] not in _NOT_COUNTED_UNITS
            casualty = (any(w in _CASUALTY for w in measure.split()[1:]) if counted else None)
            subject = _quantity_subject(s, start, end, value.unit, others, article_names,
                                        casualty)
        elif value.unit == _AGE:
            subject = _age_subject(s, start, end)
    elif named and kind in ("date", "duration", "ordinal"):
        subject = _subject_before(s, start, others, article_names)
    event = _event(s, frame, subject)
    said_at = kind == "date" and _said_before(s, start)
    return Slots(measure=measure, subject=subject, actors=actors, places=places, event=event,
                 time=_time(s, start, end, value, others), said_at=said_at)


def _said_before(s: _Sentence, start: int) -> bool:
    """"officials said on Thursday", "told reporters Monday": a date that says when something
    was said (as align's reporting time: a speech verb, perhaps "reporters", then "on", "in",
    "late" or "early")."""
    i = s.before(start)
    if s.word(i) in _SAID_PREPOSITIONS:
        i -= 1
    if s.word(i) in ("reporters", "journalists"):
        i -= 1
    return s.word(i) in _SPEECH_VERBS


# ── measure ───────────────────────────────────────────────────────────────────────────────────


def _measure(s: _Sentence, start: int, end: int, q: Quantity) -> str:
    """The counted thing and what says which of its kind: "people killed", "yard rushing",
    "point per game", "percent tariff"; "" when nothing beyond the bare unit is known."""
    unit, _, rate = q.unit.partition("/")
    if unit.startswith("fraction:"):
        unit = unit[len("fraction:"):]
    quals: set[str] = set()
    if unit in _STANDALONE:
        return f"people {_STANDALONE[unit]}"
    words = unit.lower().split()
    head = words[-1] if words else unit.lower()
    quals.update(_QUALIFIER[w] for w in words[:-1] if w in _QUALIFIER)
    if rate:
        quals.add(_RATE_WORDS.get(rate, f"per {rate}"))
    if unit in _OPEN_UNITS:
        noun = _measured_noun(s, start, end)
        if noun:
            quals.add(noun)
    elif unit not in _NOT_COUNTED_UNITS:
        found = _qualifier_before(s, start) or _qualifier_after(s, end)
        if found and not (found == "per game" and rate):
            quals.add(found)
    if not quals:
        return ""
    return " ".join([head, *sorted(quals)])


def _qualifier_at(s: _Sentence, i: int) -> Optional[str]:
    """The qualifier group of the word at token i, or of the two words ending there."""
    w = s.word(i)
    if w is None:
        return None
    prev = s.word(i - 1)
    if prev is not None:
        pair = _QUALIFIER.get(f"{prev} {w}")
        if pair:
            return pair
    return _QUALIFIER.get(w)


def _qualifier_before(s: _Sentence, start: int) -> Optional[str]:
    """"killed 12 people", "injuring 30 people", "the death toll rose to 12 people"."""
    i = s.before(start)
    for _ in range(5):
        w = s.word(i)
        if w is None:
            return None
        found = _qualifier_at(s, i)
        if found:
            # "was arrested five buildings away": a passive has no object to count
            # (never "is averaging 15 points": a progressive is active)
            passive = s.word(i - 1) in _PASSIVE and not w.endswith("ing")
            return None if passive else found
        if w not in _BETWEEN_BEFORE:
            return None
        i -= 1
    return None


def _qualifier_after(s: _Sentence, end: int) -> Optional[str]:
    """"12 people were killed", "three bank workers dead", but not "12 soldiers killed three
    rebels" (a verb with its object: the soldiers did the killing)."""
    i = s.after(end)
    passive = False
    for _ in range(4):
        w = s.word(i)
        if w is None:
            return None
        found = _QUALIFIER.get(w)
        if found:
            nxt = i + 1
            if not passive and nxt < len(s.lows) and (
                    s.lows[nxt][0].isdigit() or s.lows[nxt] in _VERB_OBJECTS):
                return None
            return found
        if w not in _BETWEEN_AFTER:
            return None
        passive = passive or w in _PASSIVE
        i += 1
    return None


def _plain_noun(s: _Sentence, i: int) -> Optional[str]:
    """The lower-case word at token i that can name what a percentage or a sum measures."""
    w = s.word(i)
    if (w is None or s.text[s.starts[i]].isupper() or len(w) < 3 or w in stopwords()
            or w in _NOT_MEASURED or w in _QUALIFIER or w in _DIRECTIONS
            or w.endswith(("ly", "ed", "'s"))):
        return None
    return w


def _head_noun(s: _Sentence, i: int) -> Optional[str]:
    """The last of the plain words from token i on ("fire damage" → damage, "eligible voters"
    → voter), singular and folded to its group in rules/slots.yaml (an offer, a deal and a
    contract of one sum are one measure)."""
    head = None
    for k in range(i, i + _NOUN_RUN):
        w = _plain_noun(s, k)
        if w is None:
            break
        head = w
    if head is None:
        return None
    head = _singular(head)
    return _MEASURED_SYNONYMS.get(head, head)


def _measured_noun(s: _Sentence, start: int, end: int) -> Optional[str]:
    """What a percentage or a sum measures: "a 25 percent tariff", "25 percent of the vote",
    "tariffs of 18 percent", "a reward of $35,000", "an estimated $1 million in fire damage"
    is not read (a preposition between)."""
    i = s.after(end)
    if i < len(s.starts) and s.starts[i] - end <= 1:
        if s.word(i) == "of":
            j = i + 1
            while s.word(j) in _OF_SKIP or (s.word(j) or "").endswith("'s"):
                j += 1
            noun = _head_noun(s, j)
        else:
            noun = _head_noun(s, i)
        if noun:
            return noun
    k = s.before(start)
    if s.word(k) == "of":
        w = _plain_noun(s, k - 1)
        if w:
            w = _singular(w)
            return _MEASURED_SYNONYMS.get(w, w)
    return None


# ── subject ───────────────────────────────────────────────────────────────────────────────────


def _quantity_subject(s: _Sentence, start: int, end: int, unit: str,
                      others: Neighbours, article_names: ArticleNames,
                      casualty: Optional[bool]) -> Optional[str]:
    """Whose figure: for a count of people killed, hurt or moved (`casualty`), the place said
    right after it counts too ("12 people were killed in Harlow"); for other counts only "of"
    does ("the 40,000 residents of Drethanta"), since "beat Tessly by 12 points in Marrow" is no
    count of Marrow's. `casualty` None: neither."""
    if unit == _AGE:
        return _age_subject(s, start, end)
    if unit.partition("/")[0] in _DISTANCE_UNITS:
        return _distance_subject(s, end)
    return (_subject_before(s, start, others, article_names)
            or (_place_after(s, end, casualty) if casualty is not None else None))


def _subject_before(s: _Sentence, start: int, others: Neighbours,
                    article_names: ArticleNames) -> Optional[str]:
    """The name a figure belongs to, said before it in its clause: "Halvik scored 23 points",
    "Drethanta's 40,000 residents", "Halvik had 33 homers and 121 RBIs" (both Halvik's).
    None when a speech verb, a clause break or another number stands between."""
    ends = others.figure_at_end
    lows, names, text, starts = s.lows, s.name_of, s.text, s.starts
    i = s.before(start)
    gap: list[str] = []
    for _ in range(4 * _SUBJECT_GAP):
        if i < 0:
            return None
        name = names.get(i)
        if name is not None:
            if name.name in stopwords() or name.name in _PRONOUNS:
                return None  # "``It's…": a capital after an odd quote mark, not a name
            if name.possessive and all(w in _POSSESSED for w in gap):
                return name.name  # "Drethanta's 40,000 residents", "Halvik's tally of 23"
            if gap and not all(w in _NOT_VERBS for w in gap) \
                    and (not _adjectival(s, i) or _present_verb(s, i)) \
                    and not _told(s, name) and not _joined(s, name):
                return name.name
            return None
        w = lows[i]
        first = w[0]
        if not first.isalpha():
            if first.isdigit():
                return None  # another figure between
            if w == "'" and i > 0 and names.get(i - 1) is not None \
                    and s.ends[i - 1] == starts[i] and lows[i - 1].endswith("s"):
                return names[i - 1].name  # "the Rovers' 12 goals"
            if w == "," and i > 0 and s.ends[i - 1] in ends:
                i = s.before(ends[s.ends[i - 1]])  # "23 points, 10 rebounds": the list goes on
                continue
            return None
        if w == "and" and i > 0 and s.ends[i - 1] in ends:
            i = s.before(ends[s.ends[i - 1]])  # "33 homers and 121 RBIs"
            continue
        if w == "of" and s.word(i - 1) in _OF_HEADS:
            gap.append(w)
            i -= 1
            continue
        if w in _CLAUSE_BREAKS or w in _SPEECH_VERBS:
            return None
        if text[starts[i]].isupper():
            name_ = w[:-2] if w.endswith("'s") else w
            if (i == s.opener and name_ not in stopwords() and name_ not in _PRONOUNS and gap
                    and not all(x in _NOT_VERBS for x in gap) and not _adjectival(s, i)
                    and text[starts[i]:starts[i] + len(name_)] in article_names):
                return name_
            return None
        gap.append(w)
        if len(gap) > _SUBJECT_GAP:
            return None
        i -= 1
    return None


def _adjectival(s: _Sentence, i: int) -> bool:
    """Whether the name ending at token i describes the noun after it ("a Saudi tanker loaded
    with $100 million", "Greek stocks fell 5 percent", "the Harlow police arrested 12"): the
    figure is then not the name's. A name followed by its verb is not ("Halvik scored", "Tessly
    has")."""
    w = s.word(i + 1)
    if w is None or s.text[s.starts[i + 1]].isupper() or w in stopwords():
        return False
    return not (w in _NAME_VERBS or w.endswith(("ed", "ly")))


def _present_verb(s: _Sentence, i: int) -> bool:
    """"Marrovia accounts for 30 percent", "Tollan leads the league with 23 goals": after the
    name, a word in -s and then one of the words a verb takes (never "Greek stocks in…")."""
    w = s.word(i + 1)
    return (w is not None and w.endswith("s") and not w.endswith("ss")
            and s.word(i + 2) in _AFTER_PRESENT)


def _joined(s: _Sentence, name: _Name) -> bool:
    """"Halvik and Tessly signed 33 agreements": the figure is theirs together, no one's own."""
    k = s.before(name.start)
    return k > 0 and s.lows[k] in ("and", "&", "or") and s.name_of.get(k - 1) is not None


def _told(s: _Sentence, name: _Name) -> bool:
    """"told the Harlow Herald 12 people died": the name is who was told, not whose figure."""
    k = s.before(name.start)
    for _ in range(2):
        w = s.word(k)
        if w is None:
            return False
        if w in _SPEECH_VERBS:
            return True
        k -= 1
    return False


def _age_subject(s: _Sentence, start: int, end: int) -> Optional[str]:
    """Whose age: the name or person right after ("the 33-year-old Tarsen", "a 59-year-old
    grandmother"), or the name it stands beside ("Tarsen, a 33-year-old")."""
    i = s.after(end)
    name = s.name_of.get(i) if i < len(s.starts) else None
    if name is not None and name.start == s.starts[i]:
        last = bisect.bisect_left(s.starts, name.end) - 1
        if not _adjectival(s, last):
            return name.name
        i = last + 1  # "the 39-year-old Harlow man": the man's age
    k = s.before(start)
    if s.word(k) in ("a", "an", "the"):
        k -= 1
    if 0 <= k < len(s.lows) and s.lows[k] == "," and k > 0 and s.name_of.get(k - 1) is not None:
        return s.name_of.get(k - 1).name  # "Tarsen, a 33-year-old singer": Tarsen's
    w = s.word(i)
    if w is not None and not s.text[s.starts[i]].isupper() and w in _PERSON_NOUNS:
        return _singular(w)
    return None


def _distance_subject(s: _Sentence, end: int) -> Optional[str]:
    """"7 km east of Dargahan", "40 miles from Tarsk": the place the distance is measured from."""
    i = s.after(end)
    for _ in range(2):
        if s.word(i) in _DIRECTIONS:
            i += 1
    if s.word(i) not in ("of", "from"):
        return None
    i += 1
    if s.word(i) == "the":
        i += 1
    name = s.name_of.get(i) if i < len(s.starts) else None
    if name is not None and not _adjectival(s, bisect.bisect_left(s.starts, name.end) - 1):
        return name.name  # not "13 miles from the Kralevian frigate"
    return None


def _place_after(s: _Sentence, end: int, casualty: bool) -> Optional[str]:
    """"12 people were killed in Harlow", "the 40,000 residents of Drethanta": the place the
    count is of, said right after it."""
    i = s.after(end)
    if s.word(i) == "of":
        name = s.name_of.get(i + 1) if i + 1 < len(s.starts) else None
        if name is not None and name.start == s.starts[i + 1] \
                and not _adjectival(s, bisect.bisect_left(s.starts, name.end) - 1):
            return name.name
        return None
    if not casualty:
        return None
    for _ in range(4):
        w = s.word(i)
        if w is None:
            return None
        if w == "in":  # not "at": "fired one round at Tessly" is no place
            i += 1
            name = s.name_of.get(i) if i < len(s.starts) else None
            if name is not None and name.start == s.starts[i] \
                    and not _adjectival(s, bisect.bisect_left(s.starts, name.end) - 1):
                return name.name
            return None
        if w not in _BETWEEN_AFTER and w not in _QUALIFIER:
            return None
        i += 1
    return None


# ── event and time ────────────────────────────────────────────────────────────────────────────


def _event(s: _Sentence, frame: Frame, subject: Optional[str]) -> Optional[str]:
    """The frame term nearest the value that is not a name: the event it belongs to."""
    names = s.name_terms()
    own = [term(t) for t in subject.split()] if subject else []
    if s.opener is not None:
        own.append(term(s.lows[s.opener]))
    for t in frame.terms:
        if t not in names and t not in own:
            return t
    return None


def _time(s: _Sentence, start: int, end: int, value: Value, others: Neighbours) -> str:
    """"own" when the claim is a date or a date is tied to it ("3 percent in 2011", "last
    year's 3 percent"), "sentence" when its sentence holds another date, else "published"."""
    if isinstance(value, (DateSpan, Duration)):
        return "own"
    if not others.dates:
        return "published"
    text = s.text
    i = bisect.bisect_left(others.date_starts, end)
    if i < len(others.dates):
        b = others.date_starts[i]
        between = text[end:b].lower().split() if b - end <= 12 else ["…", "…"]
        if not between or (len(between) == 1 and between[0].strip(",") in _OWN_DATE_BETWEEN):
            return "own"
    j = bisect.bisect_right(others.date_ends, start) - 1
    if j >= 0 and text[others.date_ends[j]:start].strip() in ("'s", "’s"):
        return "own"
    return "sentence"

