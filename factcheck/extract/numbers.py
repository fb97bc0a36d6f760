"""Numbers as newsrooms write them: digits ("26,000", "1.5"), words ("eight", "twenty-four",
"a dozen") and scales ("1.5 million", "₹3 crore").

Shared by the quantity and elapsed-time recognizers so that "eight years ago" and "eight
people" read the number the same way. Everything here is bounded: a run of 400 digits or
"1e400" is refused rather than turned into infinity.
"""

from __future__ import annotations

import math
import re
from typing import Iterator, Optional

from factcheck import rules
from factcheck.words import fold

_RULES = rules.load("numbers")
UNIT_WORDS: dict[str, int] = _RULES["units"]
TEN_WORDS: dict[str, int] = _RULES["tens"]
COLLECTIVE: dict[str, int] = _RULES["collective"]
SCALES: dict[str, int] = _RULES["scales"]
ORDINAL_WORDS: dict[str, int] = _RULES["ordinals"]

_WORD_SCALES = {k: v for k, v in SCALES.items() if len(k) > 2}


_alt = rules.alternation


# Digits with thousands separators ("26,000", "1,50,000" Indian grouping) or a decimal part.
# Each group is bounded, so no nested unbounded repetition can backtrack.
DIGITS = r"(?<![\w.,\u200b-\u200d\u2060\ufeff])(?:[0-9]{1,3}(?:,[0-9]{2,3}){1,6}|[0-9]{1,15})(?:\.[0-9]{1,6})?(?![0-9]|[.,][0-9]|[eE][+-]?[0-9]|[\u200b-\u200d\u2060\ufeff][0-9])"
_SMALL = rf"(?:(?:{_alt(TEN_WORDS)})(?:[- ](?:{_alt(UNIT_WORDS)}))?|{_alt(UNIT_WORDS)})"
# "eight", "twenty-four", "a dozen", "two dozen", "a hundred", "three hundred".
WORDS = (rf"(?:(?:a|an|{_SMALL})\s+(?:{_alt(COLLECTIVE)}|hundred)\b|{_SMALL}\b"
         rf"(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)?)")
# "1.5 million", "1.5million", and joined as a modifier: "a $3.5-million deal".
SCALE = rf"(?:[\s-]?(?:{_alt(_WORD_SCALES)})\b|(?:mn|bn)\b)"
# A whole number expression, words or digits, with an optional scale word.
NUMBER = rf"(?:{DIGITS}|\b{WORDS})(?:{SCALE})?"

NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)
_MAX = 1e15

# Everywhere NUMBER can start (and a few places more), read on words.fold() text, which keeps
# offsets: a digit starting a word, a number word ("eight", "twenty-four"), or "a"/"an" before
# a collective word or "hundred" ("a dozen", "a half-dozen"). Keep it in step with NUMBER: a
# start it misses is a quantity never read.
_START_WORDS = rules.folded_alternation((*UNIT_WORDS, *TEN_WORDS))
_AFTER_A = rules.folded_alternation(
    {re.match(r"\w*", str(w)).group() for w in COLLECTIVE} | {"hundred"})  # type: ignore[union-attr]
_NUMBER_START = (re.compile(rf"\b(?:[0-9]|(?:{_START_WORDS})\b|an?\s+(?:{_AFTER_A})\b)")
                 if _START_WORDS and _AFTER_A else None)


def finditer_numbers(pattern: re.Pattern[str], text: str, lead: float = 0
                     ) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for a non-empty pattern whose every match holds a NUMBER at most
    `lead` characters after the match starts. The same matches, but the pattern is only run from
    just before each place a number may start: most prose holds none, and scanning it with a
    pattern of many number words is the costly part of reading quantities."""
    if _NUMBER_START is None:
        yield from pattern.finditer(text)
        return
    folded = fold(text)
    pos = 0
    while True:
        number = _NUMBER_START.search(folded, pos)
        if number is None:
            return
        # No match starts in [pos, number - lead): it would hold a number before this one.
        m = pattern.search(text, max(pos, int(max(0, number.start() - lead))))
        if m is None:
            return
        yield m
        pos = m.end()


def _small_words(text: str) -> Optional[float]:
    t = [w for w in _SPACES.split(text.lower()) if w]
    t = [part for w in t for part in ([w] if w in COLLECTIVE else w.split("-"))]
    if not t:
        return None
    total = 0.0
    current = 0.0
    for w in t:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "and":
            continue
        elif w in UNIT_WORDS:
            current += UNIT_WORDS[w]
        elif w in TEN_WORDS:
            current += TEN_WORDS[w]
        elif w in COLLECTIVE:
            current = (current or 1) * COLLECTIVE[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
    return total + current


_DIGITS_SCALE = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)[\s-]?([A-Za-z]*)$")
_SPACES = re.compile(r"[\s]+")
_ORDINAL_DIGITS = re.compile(r"(\d{1,4})(?:st|nd|rd|th)")


def parse_number(text: str) -> Optional[float]:
    """The value of a number expression matched by NUMBER, or None when it is not one we trust.

    "26,000" → 26000, "1.5 million" → 1500000, "twenty-four" → 24, "a dozen" → 12,
    "9"*400 → None (too long to be a figure an editor checks)."""
    s = text.strip().replace("\u00a0", " ")
    if not s:
        return None
    m = _DIGITS_SCALE.match(s)
    if m:
        digits, scale = m.group(1).replace(",", ""), m.group(2).lower()
        if len(digits) > 18:
            return None
        try:
            value = float(digits)
        except ValueError:
            return None
        if scale:
            if scale not in SCALES:
                return None
            value *= SCALES[scale]
    else:
        value = _small_words(s)
        if value is None:
            return None
    if not math.isfinite(value) or value > _MAX * 1000:
        return None
    return value


def ordinal_value(word: str) -> Optional[int]:
    """"first" → 1, "2nd" → 2, "twenty-first" → 21; None for anything else."""
    w = word.lower().replace("‐", "-")
    m = _ORDINAL_DIGITS.fullmatch(w)
    if m:
        n = int(m.group(1))
        suffix = w[-2:]
        expected = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return n if n > 0 and suffix == expected else None
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in TEN_WORDS and unit in ORDINAL_WORDS and ORDINAL_WORDS[unit] < 10:
            return TEN_WORDS[tens] + ORDINAL_WORDS[unit]
    return None
