"""Elapsed-time recognizer: "first visit in 24 years", "eight years ago", "24 years after".

An elapsed time is worth checking twice: as an amount ("24 years") and as the date it points
back to from the publication date (the last visit was in 2000), so that an article from 2019
saying "in 19 years" and one from 2024 saying "in 24 years" agree. "in N years" is only taken
when the sentence makes it retrospective (a "first", a superlative, a perfect-tense negation);
"will be finished in five years" is a forecast, not a claim about the past, and yields nothing.
"""

from __future__ import annotations

import bisect
import math
import re
from datetime import date, timedelta
from typing import Optional

from factcheck import rules
from factcheck.extract.numbers import COLLECTIVE, NUMBER, TEN_WORDS, UNIT_WORDS, parse_number
from factcheck.model import DateSpan, Duration, Mention, Quantity
from factcheck.words import fold

_R = rules.load("elapsed")


def _alt(words: object) -> str:
    return rules.alternation(words, flexible_space=True)


def _set(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _R[key])


_UNITS: dict[str, tuple[str, int]] = {k.lower(): (v[0], int(v[1])) for k, v in _R["units"].items()}
_MOD_OF: dict[str, str] = {}
for _label, _phrases in _R["modifiers"].items():
    for _p in _phrases:
        _MOD_OF[" ".join(str(_p).lower().split())] = _label
_CUES = _set("ordinal_cues") | _set("superlatives")
_NEGATIONS = _set("negations")
_PERFECT = _set("perfect")
_BLOCKERS = _set("blockers")
_BREAKS = _set("clause_breaks")

# "nearly 24 years", "a decade", "two decades", "more than 20 years". The amount is a NUMBER
# (bounded) or a bare article, matched only from a word start just before a unit word and up
# to it, so the work is a handful of attempts per unit word, whatever the text. The unit must
# follow after plain whitespace, so "24-year-old" and "24-year" never match.
_UNIT_RE = re.compile(rf"\b(?:{_alt(_UNITS)})\b", re.IGNORECASE)
_UNIT_NEEDLES = rules.needles(_UNIT_RE.pattern) or frozenset([""])  # most sentences hold none
_AMOUNT_RE = re.compile(rf"(?<![\w.,'’-])(?:(?P<mod>{_alt(_MOD_OF)})\s+)?(?P<num>{NUMBER}|\ban?\b)"
                        rf"\s{{1,3}}$", re.IGNORECASE)
_WORD_START = re.compile(r"(?<![\w.,'’-])[a-z]{1,12}|(?<![\w.,'’-])[0-9]", re.IGNORECASE)
# Words an amount can start with; other word starts are not worth a regex attempt.
_FIRST_WORDS = (frozenset(p.split()[0] for p in _MOD_OF)
                | frozenset(str(w).lower() for w in (*UNIT_WORDS, *TEN_WORDS, *COLLECTIVE))
                | {"a", "an"})
_AMOUNT_WINDOW = 48
_AGO = re.compile(r"\s{1,3}ago\b", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\b(?P<prep>in|for)\s{1,3}(?:the\s{1,3}(?:past|last)\s{1,3})?$",
                        re.IGNORECASE)
_AFTER_BEFORE = re.compile(r"\bafter\s{1,3}$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s{1,3}(?P<word>after|later|since)\b", re.IGNORECASE)
# After the unit: "in five years' time", "24 years old", "in 24 years of marriage".
_BAD_TAIL = re.compile(r"\s*(?:['’]|-|\s(?:old|of|time)\b)", re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’-]{1,40}|%")
_CLAUSE_END = re.compile(r"[;:!?()\[\]\"“”]")
_LOOKBACK = 120
_MAX_TOKENS = 12


def _quantity(m: re.Match[str], unit_word: str) -> Optional[Quantity]:
    raw = re.sub(r"\s+", " ", m.group("num").lower())
    n = 1.0 if raw in ("a", "an") else parse_number(raw)
    unit_word = unit_word.lower()
    if n is None or unit_word not in _UNITS or not math.isfinite(n) or n <= 0:
        return None
    unit, size = _UNITS[unit_word]
    if n != 1 and not unit_word.endswith("s"):
        return None  # "two year ago": a misreading, not a claim
    n *= size
    mod = m.group("mod")
    approx = _MOD_OF.get(" ".join(mod.lower().split()), "exact") if mod else "exact"
    if approx == "nearly":
        return Quantity(max(n - 1, 0), n, unit, "nearly")
    if approx == "about":
        return Quantity(max(n - 1, 0), n + 1, unit, "about")
    if approx == "more_than":
        return Quantity(n, math.inf, unit, "more_than", low_open=True)
    if approx == "at_least":
        return Quantity(n, math.inf, unit, "at_least")
    if approx == "less_than":
        return Quantity(0, n, unit, "less_than", high_open=True)
    return Quantity(n, n, unit, "exact")


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _anchor(q: Quantity, published: Optional[date]) -> Optional[DateSpan]:
    """The dates `q` before `published`, at the unit's granularity; None when open or unknown."""
    if published is None or not (math.isfinite(q.low) and math.isfinite(q.high)):
        return None
    if q.low_open or q.high_open or q.low != int(q.low) or q.high != int(q.high):
        return None
    low, high = int(q.low), int(q.high)
    if high > 100_000:
        return None
    try:
        if q.unit == "year":
            first, last = published.year - high, published.year - low
            if first < 1:
                return None
            return DateSpan(date(first, 1, 1), date(last, 12, 31), "year")
        if q.unit == "month":
            index = published.year * 12 + published.month - 1
            start = _month_start(index - high)
            nxt = index - low + 1
            end = _month_start(nxt) - timedelta(days=1) if nxt < 9999 * 12 + 12 else date.max
            return DateSpan(start, end, "month")
        if q.unit == "week":
            a = published - timedelta(days=7 * high)
            b = published - timedelta(days=7 * low)
            return DateSpan(a - timedelta(days=a.weekday()),
                            b + timedelta(days=6 - b.weekday()), "week")
        if q.unit == "day":
            return DateSpan(published - timedelta(days=high), published - timedelta(days=low),
                            "day")
    except (OverflowError, ValueError):
        return None
    return None


class _Words:
    """The sentence's words, lower-cased, indexed once so that each look-back is a bisection;
    indexed at the first look-back, as most unit words have no amount and need none."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.breaks: list[int] = []
        self._indexed = False

    def _index(self) -> None:
        for m in _TOKEN.finditer(self.text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(m.group().lower())
        self.breaks = [m.start() for m in _CLAUSE_END.finditer(self.text)]
        self._indexed = True

    def before(self, pos: int) -> list[str]:
        """The words of the same clause before `pos`, nearest last."""
        if not self._indexed:
            self._index()
        i = bisect.bisect_right(self.ends, pos)
        b = bisect.bisect_left(self.breaks, pos) - 1
        floor = max(pos - _LOOKBACK, self.breaks[b] + 1 if b >= 0 else 0)
        j = max(i - _MAX_TOKENS, bisect.bisect_left(self.starts, floor))
        return self.words[j:i]


def _is_cue(token: str) -> bool:
    return token in _CUES or ("-" in token and any(p in _CUES for p in token.split("-")))


def _retrospective(words: _Words, pos: int) -> bool:
    """Whether "in N years" at `pos` looks back: "first … in", "highest … in", "has not … in"."""
    tokens = words.before(pos)
    negated = False
    for i in range(len(tokens) - 1, -1, -1):
        t = tokens[i]
        if t in _BLOCKERS or t in _BREAKS or t.endswith(("'ll", "’ll")) or t.isdigit():
            return False
        if _is_cue(t):
            return True
        if t == "never":
            return True
        if t in _NEGATIONS or t.endswith(("n't", "n’t")):
            negated = True
        if negated and (t in _PERFECT or t.endswith(("'ve", "’ve"))):
            return True
    return False


def _future_near(words: _Words, pos: int) -> bool:
    return any(t in ("will", "would", "shall") or t.endswith(("'ll", "’ll"))
               for t in words.before(pos)[-4:])


def _amount_before(text: str, unit_start: int) -> Optional[re.Match[str]]:
    """The longest amount ending just before the unit word at `unit_start`."""
    lo = max(0, unit_start - _AMOUNT_WINDOW)
    for w in _WORD_START.finditer(text, lo, unit_start):
        word = w.group()
        if word[0].isdigit() or word.lower() in _FIRST_WORDS:
            m = _AMOUNT_RE.match(text, w.start(), unit_start)
            if m is not None:
                return m
    return None


def _read(text: str, words: _Words, unit: re.Match[str], published: Optional[date]
          ) -> Optional[tuple[int, int, Duration]]:
    amount = _amount_before(text, unit.start())
    if amount is None:
        return None
    q = _quantity(amount, unit.group())
    if q is None:
        return None
    start, end = amount.start(), unit.end()
    ago = _AGO.match(text, end)
    if ago is not None:
        return start, ago.end(), Duration(q, _anchor(q, published))
    if _BAD_TAIL.match(text, end):
        return None
    before = _IN_BEFORE.search(text, max(0, start - 24), start)
    if before is not None:
        if before.group("prep").lower() == "for":
            # "had not met for ten years"; "the first time for 24 years" (British usage).
            prev = words.before(before.start())
            if prev[-2:] == ["first", "time"] or _negated_perfect(prev):
                return start, end, Duration(q, _anchor(q, published))
        elif _retrospective(words, before.start()):
            return start, end, Duration(q, _anchor(q, published))
        return None
    if _AFTER_BEFORE.search(text, max(0, start - 12), start):
        return start, end, Duration(q)
    word = _WORD_AFTER.match(text, end)
    if word is None:
        return None
    if word.group("word").lower() != "since":
        return start, end, Duration(q)  # "24 years after the war", "ten years later"
    # "It has been 24 years since …", not "in the five years since 2019".
    if words.before(start)[-1:] == ["the"]:
        return None
    anchor = None if _future_near(words, start) else _anchor(q, published)
    return start, end, Duration(q, anchor)


def find_elapsed(text: str, published: Optional[date]) -> list[Mention]:
    """Elapsed-time phrases in one sentence, with the anchor date each implies from `published`."""
    out: list[Mention] = []
    folded = fold(text)
    if not any(needle in folded for needle in _UNIT_NEEDLES):
        return out
    try:
        units = list(_UNIT_RE.finditer(text))
        words = _Words(text) if units else None
        for unit in units:
            if words is None or out and unit.start() < out[-1].end:
                continue
            found = _read(text, words, unit, published)
            if found is not None and (not out or found[0] >= out[-1].end):
                out.append(Mention(*found))
    except (RecursionError, MemoryError):  # pragma: no cover - defensive, regexes are bounded
        return []
    return out


def _negated_perfect(tokens: list[str]) -> bool:
    window = tokens[-6:]
    neg = any(t in _NEGATIONS or t.endswith(("n't", "n’t")) for t in window)
    perfect = any(t in _PERFECT or t.endswith(("'ve", "’ve")) for t in window)
    return neg and perfect and not any(t in _BLOCKERS for t in window)
