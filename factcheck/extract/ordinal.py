"""Ordinal recognizer: "second summit", "3rd term", "twenty-first", "third-largest economy".

An ordinal is a claim only when it ranks something, so the recognizer wants the ranked noun
after it ("second summit") or the shape "the third since/in …". Most ordinals in news copy are
not ranks: adverbs ("at first", "first of all"), periods of play ("second half", "1st innings",
"2nd ODI"), dates ("June 2nd", "the 21st of June", "21st century"), idioms and titles ("first
lady", "First Minister", "Second Avenue") and the elapsed-time cue "for the first time". Those
yield nothing: a missed rank is cheaper than an alarm about a street name.

The noun is the head word after the ordinal, lower-cased and made singular, with filler
modifiers skipped ("third consecutive term" → "term", "first-ever visit" → "visit"); a
superlative compound keeps its superlative ("third-largest economy" → "largest economy") since
"largest economy" and "economy" rank different things.
"""

from __future__ import annotations

import re
from typing import Optional

from factcheck import rules
from factcheck.extract.numbers import ORDINAL_WORDS, TEN_WORDS, UNIT_WORDS, ordinal_value
from factcheck.model import Mention, Ordinal
from factcheck.words import fold

_R = rules.load("elapsed")
_CAL = rules.load("calendar")


def _set(data: dict, key: str) -> frozenset[str]:  # type: ignore[type-arg]
    return frozenset(str(w).lower() for w in data[key])


_alt = rules.alternation


_SUPERLATIVES = _set(_R, "superlatives") | {"most", "least"}
_PERIOD = _set(_R, "period_nouns")
_IDIOM = _set(_R, "idiom_nouns")
_MODIFIERS = _set(_R, "noun_modifiers")
_NOT_NOUNS = _set(_R, "not_nouns")
_TITLE_NOUNS = _set(_R, "title_nouns")
_MONTHS = frozenset(str(n).lower() for names in _CAL["months"].values() for n in names)
_WEEKDAYS = _set(_CAL, "weekdays")
_NUMBER_WORDS = frozenset(UNIT_WORDS) | frozenset(TEN_WORDS) | {"hundred", "dozen"}
_NOT_RANKED = _PERIOD | _IDIOM
_DEMONYM_ENDS = ("an", "ese", "ish", "i", "ch")
_UNIT_ORDINALS = [w for w, v in ORDINAL_WORDS.items() if v < 10]

_HY = "[-‐‑]"
_ORD = (rf"\d{{1,4}}(?:st|nd|rd|th)|(?:{_alt(TEN_WORDS)}){_HY}(?:{_alt(_UNIT_ORDINALS)})"
        rf"|{_alt(ORDINAL_WORDS)}")
_ORD_RE = re.compile(
    rf"(?<![\w\-‐‑])(?P<ord>{_ORD})(?:{_HY}(?P<comp>[A-Za-z]{{1,20}}))?(?![\w\-‐‑])",
    re.IGNORECASE)
# The next word after an ordinal, on the same line; a comma or full stop in between ends it.
_NEXT_WORD = re.compile(r"[ \t\u00a0]{1,5}(?P<w>[A-Za-z][A-Za-z'’]{0,30}(?:[-‐‑][A-Za-z]{1,20})?)")
_PREV_WORD = re.compile(r"(?P<w>[A-Za-z][\w'’.]{0,30})[ \t\u00a0]{1,5}$")
# Everywhere _ORD_RE can match (and a few places more), read on words.fold() text: most
# sentences hold no ordinal and are not scanned with _ORD_RE. Keep it in step with _ORD.
_ORD_WORDS = rules.folded_alternation((*TEN_WORDS, *ORDINAL_WORDS))
_ORD_START = (re.compile(rf"(?<![\w\-‐‑])(?:\d|{_ORD_WORDS})") if _ORD_WORDS else None)
_FIRST_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")


def _title_case(text: str) -> bool:
    """Whether the sentence is a title-case headline, where capitals say nothing about names."""
    words = _WORD.findall(text[:2000])[1:]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _singular(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _adverbial(word: str) -> bool:
    """"first reported", "first publicly": a verb or adverb follows, so nothing is ranked."""
    w = word.lower()
    if w.endswith("ly") and len(w) > 4:
        return True
    return w.endswith("ed") and len(w) > 4 and not w.endswith("eed")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text[max(0, pos - 40):pos])
    return m.group("w").lower().rstrip(".") if m else ""


def _next_word(text: str, pos: int) -> Optional[re.Match[str]]:
    return _NEXT_WORD.match(text, pos)


def _noun_after(text: str, pos: int, title: bool, depth: int = 0
                ) -> tuple[Optional[str], Optional[str]]:
    """(noun, stop word) after `pos`: the ranked noun, or the word that shows there is none."""
    m = _next_word(text, pos)
    skipped = 0
    while m is not None and m.group("w").lower() in _MODIFIERS and skipped < 2:
        skipped += 1
        m = _next_word(text, m.end())
    if m is None:
        return None, None
    word = m.group("w")
    low = word.lower()
    if low in _MONTHS and _capitalized(word) or low in _WEEKDAYS:
        return None, "date"
    if low in _NOT_NOUNS or low in _PERIOD or low in _IDIOM or low in _NUMBER_WORDS:
        return None, low
    if ordinal_value(low) is not None:
        return None, "ordinal"  # "first and second", "first, second"
    if _adverbial(word) or "-" in low and low.split("-")[0] in _NOT_RANKED:
        return None, low
    if _capitalized(word) and (title or len(low) >= 5) and low.endswith(_DEMONYM_ENDS) \
            and not word.isupper() and low not in _TITLE_NOUNS and depth == 0:
        # "the first Russian leader": a nationality, then the ranked noun.
        nxt = _next_word(text, m.end())
        if nxt is None or _capitalized(nxt.group("w")) and not title:
            return None, "name"
        return _noun_after(text, m.end(), title, 1) if nxt.group("w").lower() not in _MODIFIERS \
            else (None, "name")
    if _capitalized(word) and not title:
        return None, "name"
    if title and low in _TITLE_NOUNS:
        return None, "name"
    return _singular(word), None


def _is_rank(text: str, m: re.Match[str], title: bool, first_word: int) -> Optional[Ordinal]:
    ord_text, comp = m.group("ord"), m.group("comp")
    rank = ordinal_value(ord_text.replace("‐", "-").replace("‑", "-"))
    if not rank:
        return None
    start = m.start()
    at_start = start <= first_word
    if _capitalized(ord_text) and not at_start and not title:
        return None  # "Second Avenue", "the First World War"
    prev = _prev_word(text, start)
    if prev in _MONTHS or prev in _WEEKDAYS or prev in ("every", "at", "per", "split"):
        return None  # "June 2nd", "every second", "at first", "a split second"
    if rank == 1 and text[max(0, start - 8):start].lower().rstrip() == "for the":
        return None  # "for the first time": an elapsed-time cue, not a rank
    if title and prev in _TITLE_NOUNS:
        return None
    end = m.end()
    prefix = ""
    if comp is not None:
        c = comp.lower()
        if c in _SUPERLATIVES:
            prefix = c  # "third-largest economy", "second-most populous"
        elif c != "ever":
            return None  # "second-hand", "first-class", "first-time", "first-half"
    else:
        nxt = _next_word(text, end)
        if nxt is not None and nxt.group("w").lower() in _SUPERLATIVES:
            prefix, end = nxt.group("w").lower(), nxt.end()  # "second largest city"
    if prefix in ("most", "least"):
        adj = _next_word(text, end)  # "second-most populous country"
        if adj is None or adj.group("w").lower() in _NOT_NOUNS:
            return None
        prefix, end = f"{prefix} {adj.group('w').lower()}", adj.end()
    noun, stop = _noun_after(text, end, title)
    if prefix:
        if stop in ("name", "date"):
            return None
        return Ordinal(rank, f"{prefix} {noun}" if noun else prefix)  # "the second-largest."
    if noun is None:
        # "the third since 2010", "the second in a row": a rank without its noun.
        if stop in ("since", "in") and prev == "the":
            return Ordinal(rank, None)
        return None
    return Ordinal(rank, noun)


def _first_ordinal(text: str) -> Optional[int]:
    """Where the first ordinal may start in `text` (a bound), or None when it holds none."""
    if _ORD_START is None:
        return 0
    m = _ORD_START.search(fold(text))
    return m.start() if m else None


def find_ordinals(text: str) -> list[Mention]:
    """Ordinals that rank something in one sentence; the span is the ordinal word itself."""
    start = _first_ordinal(text)
    if start is None:
        return []
    title = _title_case(text)
    first = _FIRST_ALNUM.search(text)
    first_word = first.start() if first else len(text)
    out: list[Mention] = []
    try:
        for m in _ORD_RE.finditer(text, start):
            value = _is_rank(text, m, title, first_word)
            if value is not None:
                out.append(Mention(m.start(), m.end(), value))
    except (RecursionError, MemoryError):  # pragma: no cover - defensive, regexes are bounded
        return []
    return out
