"""The quantity recognizer: a number with what it counts ("26,000 people", "₹900 crore",
"more than 30 agreements", "23-24 years") as an interval a comparison can trust.

Precision first: a number with no unit or counted noun says nothing checkable, so it yields
nothing; nor do years, times of day, scores, codes ("T20", "COVID-19") or list counters ("1 / 7").
Modifiers widen the interval ("more than 30" is (30, ∞)), so that approximations never conflict
with exact figures they allow.
"""

from __future__ import annotations

import math
import re
from typing import Optional

from factcheck import rules
from factcheck.extract.numbers import NUMBER, parse_number
from factcheck.model import Mention, Quantity

_U = rules.load("units")
_CURRENCY: dict[str, str] = _U["currency_prefix"]
_UNIT_AFTER: dict[str, str] = _U["unit_after"]
_IRREGULAR: dict[str, str] = _U["irregular"]
_NOT_COUNTED = (frozenset(_U["not_counted"]) | frozenset(rules.load("stopwords")["words"])
                | frozenset(rules.load("calendar")["past_words"]))
_BLOCKED_BEFORE = frozenset(_U["blocked_before"])
_MODIFIERS: dict[str, str] = _U["modifiers"]


_alt = rules.alternation


_MOD = rf"(?P<mod>\b(?:{_alt(_MODIFIERS)})\s)?"
_CUR = rf"(?P<cur>(?:{_alt(_CURRENCY)})\s?)?"
_RANGE = rf"(?:\s?(?:-|–|—|to)\s?(?P<hi>{NUMBER}))?"
_BETWEEN = rf"(?P<between>\bbetween\s(?P<blo>{NUMBER})\sand\s(?P<bhi>{NUMBER}))"
# A unit written after the number: symbols and abbreviations may touch it ("12.5%", "40km").
_UNIT = (rf"(?P<unit>\s?%|\s?(?:{_alt(k for k in _UNIT_AFTER if not k.isalpha() or k.isupper() or len(k) <= 2)})\b"
         rf"|\s(?:{_alt(k for k in _UNIT_AFTER if k.isalpha() and not k.isupper() and len(k) > 2 or ' ' in k)})\b)?")
_QUANTITY = re.compile(rf"{_MOD}(?:{_BETWEEN}|{_CUR}(?P<lo>{NUMBER}){_RANGE}){_UNIT}", re.IGNORECASE)
_AGE = re.compile(rf"(?P<n>{NUMBER})[- ]years?[- ]old\b", re.IGNORECASE)
_WORD = re.compile(r"(?:\s|-)\s?([A-Za-z][a-z]+(?:-[a-z]+)?)")
_TIME_AFTER = re.compile(r"(?::\d|\s?(?:[ap]\.?m\b\.?|hrs\b|GMT|IST|UTC))", re.IGNORECASE)
_CODE_BEFORE = re.compile(r"(?:[A-Za-z]-|[:/#№]\s?|[A-Za-z])$")
_SLASH_AFTER = re.compile(r"\s?/\s?\d")
_MAX_VALUE = 1e15


def _singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _interval(mod: Optional[str], n: float) -> tuple[float, float, str, bool, bool]:
    """(low, high, approx, low_open, high_open) for a modified figure."""
    kind = _MODIFIERS.get(" ".join(mod.lower().split()), "exact") if mod else "exact"
    if kind == "more_than":
        return n, math.inf, kind, True, False
    if kind == "at_least":
        return n, math.inf, kind, False, False
    if kind == "nearly":
        return n - max(1.0, 0.1 * n) if n >= 1 else 0.0, n, kind, False, False
    if kind == "about":
        spread = max(1.0, 0.1 * n) if n >= 1 else 0.1 * n
        return max(0.0, n - spread), n + spread, kind, False, False
    if kind == "at_most":
        return 0.0, n, kind, False, False
    if kind == "less_than":
        return 0.0, n, kind, False, True
    return n, n, "exact", False, False


def _is_year(text: str, n: float) -> bool:
    return bool(re.fullmatch(r"(?:1[5-9]|20)\d\d", text.strip())) and 1500 <= n <= 2100


def _counted_noun(text: str, pos: int) -> tuple[Optional[str], int]:
    """The noun right after a number ("26,000 people"), allowing one adjective between
    ("26,000 new jobs", "three Estravian ministers"), and where it ends."""
    m = _WORD.match(text, pos)
    if not m:
        return None, pos
    first = m.group(1)
    if first.lower() in _NOT_COUNTED or first.lower() in _UNIT_AFTER:
        return None, pos
    if not first[0].islower():
        # "3 Months", "7 Injured": Title Case is a list or a headline label, not prose — unless
        # the noun after it is lower case ("three Estravian ministers").
        n2 = _WORD.match(text, m.end())
        if n2 and n2.group(1)[0].islower() and n2.group(1).lower() not in _NOT_COUNTED \
                and text[m.end():n2.start(1)].strip() == "":
            return _singular(n2.group(1)), n2.end()
        return None, pos
    n2 = _WORD.match(text, m.end())
    if (n2 and text[m.end():n2.start(1)] == " " and n2.group(1)[0].islower()
            and n2.group(1).lower() not in _NOT_COUNTED and first.endswith(_ADJ_ENDINGS)):
        return _singular(n2.group(1)), n2.end()
    if first.endswith(("ed", "ing", "ly")) and first.lower() not in _IRREGULAR:
        return None, pos  # "24 killed", "three leading", "two only": not a count of things
    return _singular(first), m.end()


_ADJ_ENDINGS = ("al", "ian", "ese", "ish", "an", "ic", "ive", "ous", "ful", "less", "new",
                "old", "big", "small", "major", "key", "senior", "young")


def find_quantities(text: str) -> list[Mention]:
    """Every number in the sentence that counts or measures something, as an interval."""
    out: list[Mention] = []
    taken = 0
    for m in _AGE.finditer(text):
        n = parse_number(m.group("n"))
        if n is not None and 0 < n < 150:
            out.append(Mention(m.start(), m.end(), Quantity(n, n, "year_of_age")))
    ages = [(x.start, x.end) for x in out]
    for m in _QUANTITY.finditer(text):
        start, end = m.start(), m.end()
        if start < taken or any(s <= start < e for s, e in ages):
            continue
        mention = _read(text, m)
        if mention:
            out.append(mention)
            taken = mention.end
    out.sort(key=lambda x: x.start)
    return out


def _read(text: str, m: re.Match[str]) -> Optional[Mention]:
    if m.group("between"):
        lo_text, hi_text = m.group("blo"), m.group("bhi")
        num_start = m.start("blo")
    else:
        lo_text, hi_text = m.group("lo"), m.group("hi")
        num_start = m.start("lo")
    before = text[max(0, num_start - 12):num_start]
    if m.group("cur") is None and _CODE_BEFORE.search(before):
        return None  # "T20", "COVID-19", "page 3/7", "#4"
    if m.group("between"):
        num_end = m.end("bhi")
    else:
        num_end = m.end("hi") if hi_text else m.end("lo")
    after = text[num_end:]
    if _TIME_AFTER.match(after) or _SLASH_AFTER.match(after):
        return None  # "06 pm", "11:50", "1 / 7"
    prev_word = re.search(r"([A-Za-z.]+)\s*$", text[max(0, m.start() - 30):m.start()])
    if prev_word and prev_word.group(1).lower() in _BLOCKED_BEFORE:
        return None  # "flight 370", "phase 2"
    low = parse_number(lo_text)
    high = parse_number(hi_text) if hi_text else None
    if low is None or (hi_text and high is None) or low > _MAX_VALUE:
        return None
    unit: Optional[str] = None
    end = m.end()
    currency = m.group("cur")
    if currency:
        unit = _CURRENCY[currency.strip()] if currency.strip() in _CURRENCY else \
            _CURRENCY.get(currency.strip().upper())
    written = m.group("unit")
    if written and written.strip()[:1].isupper() and len(written.strip()) > 2 \
            and not written.strip().isupper():
        return None  # "3 Months", "11 Years": Title Case labels of lists and offers
    if written:
        key = written.strip()
        after_unit = _UNIT_AFTER.get(key) or _UNIT_AFTER.get(key.lower())
        if key == "%":
            after_unit = "percent"
        if unit and after_unit == "INR_crore":
            pass  # "₹900 crore": the scale is already in the number
        elif unit is None:
            unit = after_unit
    else:
        if unit is None:
            noun, noun_end = _counted_noun(text, m.end())
            if noun is None:
                return None
            unit, end = noun, noun_end
    if unit is None:
        return None
    if unit == "INR_crore":
        unit, low = "INR", low * 1e7
        high = high * 1e7 if high is not None else None
    if not currency and not written and _is_year(lo_text, low):
        return None  # "2011 elections": a year, the date recognizer's
    if high is not None:
        if high < low:
            # "23-24" is a range; "2023-24" or "10-3" is a season or a score, not one
            return None
        q = Quantity(low, high, unit, "range")
    else:
        lo, hi, approx, lo_open, hi_open = _interval(m.group("mod"), low)
        q = Quantity(lo, hi, unit, approx, lo_open, hi_open)
    start = m.start()
    span_end = end
    # Trailing spaces never belong to the claim's words.
    while span_end > start and text[span_end - 1].isspace():
        span_end -= 1
    return Mention(start, span_end, q)
