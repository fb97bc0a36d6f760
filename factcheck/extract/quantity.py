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
from factcheck.extract.numbers import (NUMBER, SCALE, SCALES, TEN_WORDS, UNIT_WORDS,
                                      finditer_numbers, parse_number)
from factcheck.model import Mention, Quantity
from factcheck.words import fold

_U = rules.load("units")
_CURRENCY: dict[str, str] = _U["currency_prefix"]
_UNIT_AFTER: dict[str, str] = _U["unit_after"]
_IRREGULAR: dict[str, str] = _U["irregular"]
_NOT_COUNTED = (frozenset(_U["not_counted"]) | frozenset(rules.load("stopwords")["words"])
                | frozenset(rules.load("calendar")["past_words"]))
_BLOCKED_BEFORE = frozenset(_U["blocked_before"])
_MODIFIERS: dict[str, str] = _U["modifiers"]
_SINGULAR_IRREGULAR = frozenset(_U["singular_irregular"])
_INVARIANT = frozenset(_U["invariant"])
_STANDALONE: dict[str, str] = _U["standalone"]
_VERB_OBJECTS = frozenset(_U["verb_objects"])
_ONE_IDIOMS = frozenset(_U["one_idioms"])
_RATE_UNITS: dict[str, str] = {str(k).lower(): v for k, v in _U["rate_units"].items()}
_MONEY_SCALES: dict[str, int] = _U["money_scales"]
_DEMONYM_ENDINGS = tuple(_U["demonym_endings"])
_NOT_MEN_PLURALS = frozenset(_U["not_men_plurals"])
_RATE_ADVERBS: dict[str, str] = _U["rate_adverbs"]
_NOT_RATE_AFTER = frozenset(_U["not_rate_after"])
_NOUN_MODIFIERS = frozenset(_U["noun_modifiers"])
_ADJ_ENDINGS = tuple(_U["adjective_endings"])
_MODIFIER_ENDINGS = tuple(_U["modifier_endings"])
_ACRONYMS = frozenset(_U["acronym_counts"])
_ACRONYMS_FOLDED = frozenset(a.lower() for a in _ACRONYMS) | frozenset(a.lower() + "s" for a in _ACRONYMS)
# A word number after these is often the subject of a verb ("the two sign deals"), so the words
# after it are read as a plain noun only, never as a modifier and its noun.
_DETERMINERS = frozenset(["the", "these", "those", "both", "all"])
_COUNT_VERBS = frozenset(_U["count_verbs"])
_CHANGE_NOUNS = frozenset(_U["change_nouns"])
_CHANGE_ADVERBS = frozenset(_U["change_adverbs"])
_COPULAS = frozenset(_U["copulas"])
_SPAN_AFTER = re.compile(rf"\sin\s(?:{NUMBER})\s(?:{rules.alternation(_U['span_nouns'])})\b", re.IGNORECASE)


_alt = rules.alternation


_MOD = rf"(?P<mod>\b(?:{_alt(_MODIFIERS)})\s)?"
# Letter currencies ("Rs", "INR") are matched as written and only at a word start, so that
# "the farmers 500" is never read as rupees.
_CUR = (rf"(?P<cur>(?:(?<![A-Za-z])(?-i:{_alt(k for k in _CURRENCY if k[:1].isalpha())})"
        rf"|{_alt(k for k in _CURRENCY if not k[:1].isalpha())})\s?)?")
_RANGE = rf"(?:(?:\s?(?:-|–|—)\s?|\s(?P<conj>to|or)\s)(?P<hi>{NUMBER}))?"
_BETWEEN = rf"(?P<between>\bbetween\s(?P<blo>{NUMBER})\sand\s(?P<bhi>{NUMBER}))"
# A unit written after the number: symbols and abbreviations may touch it ("12.5%", "40km").
_UNIT = (rf"(?P<unit>\s?%|\s?(?:{_alt(k for k in _UNIT_AFTER if not k.isalpha() or k.isupper() or len(k) <= 2)})\b"
         rf"|\s(?:{_alt(k for k in _UNIT_AFTER if k.isalpha() and not k.isupper() and len(k) > 2 or ' ' in k)})\b)?")
_QUANTITY = re.compile(rf"{_MOD}(?:{_BETWEEN}|{_CUR}(?P<lo>{NUMBER}){_RANGE}){_UNIT}", re.IGNORECASE)
_AGE = re.compile(rf"(?P<n>{NUMBER})[- ]years?[- ]olds?\b", re.IGNORECASE)
# "a two-day visit", "the 10-km stretch": a unit word joined to the number by a hyphen.
_COMPOUND = re.compile(
    rf"-(?P<u>{_alt(k for k in _UNIT_AFTER if k.isalpha() and _UNIT_AFTER[k].islower() and len(k) > 1 and _UNIT_AFTER[k] not in ('INR', 'USD', 'EUR', 'GBP', 'INR_crore'))})\b(?![-‐‑])",
    re.IGNORECASE)
_SCALE_END = re.compile(rf"{SCALE}$", re.IGNORECASE)
_MONEY_SCALE = re.compile(r"[mMkK](?![\w])")
# "₹162/month", "15 km/h", "₹50 per litre": a rate, a different unit from the bare figure.
_RATE = re.compile(r"(?:\s?/\s?|\sper\s)(?P<w>[A-Za-z]{1,10}(?:\s?ft)?)\b(?![/-])")
# "$25 million a season", "120 miles an hour", "$5 million annually": a rate only with a known unit.
_RATE_A = re.compile(r"(?:\s(?:a|an|each|every)\s|-an?-)(?P<w>[a-z]{2,10})\b(?!-)(?:\s(?P<after>[a-z]+))?")
_RATE_ADVERB = re.compile(rf"\s(?P<w>{_alt(_RATE_ADVERBS)})\b")
# "RBIs", "51 KOs": acronyms counted as written.
_ACRONYM = re.compile(rf"\s(?P<a>(?-i:{_alt(_ACRONYMS)}))(?:s)?\b")
# "5.8 million TV viewers": capitals naming which things are counted, then the plural noun.
_CAPS_MODIFIER = re.compile(r"\s([A-Z]{2,4})\s([a-z]{3,20})\b(?!-)")
_CLOCK_WORDS = frozenset(_U["clock_words"])
# "AK 47 rifles", "F 16 jets": a code of capitals before the number makes it a model number.
_CAPS_BEFORE = re.compile(r"(?:^|[^A-Za-z\s]\s?|[a-z]\s)([A-Z]{2,3})\s$")
# "the tents numbered 2,000": the plural noun and its verb before the figure.
_COUNT_BEFORE = re.compile(rf"\b(?P<noun>[A-Za-z][a-z]{{2,19}}s)\s(?:{_alt(_U['count_verbs'])})\s$")
# "one in every 500 users", "two in five voters": a share of a counted group.
_ONE_IN = re.compile(rf"\b(?P<a>one|two|three|four|five|[1-9])\sin\s(?:every\s)?(?P<n>{NUMBER})\s(?P<noun>[a-z]{{3,20}})\b",
                     re.IGNORECASE)
# Cheap first test on the folded sentence: a literal " in " the engine scans for, then a number.
_ONE_IN_GATE = re.compile(rf" in (?:every )?(?:[0-9]|(?:{rules.alternation((*UNIT_WORDS, *TEN_WORDS))})\b)")
_LAST_WORD = re.compile(r"[A-Za-z]{1,40}$")
_CAN_FOLLOW = re.compile(r"(?:\s|-)\s?[A-Za-z]")
_FROM_BEFORE = re.compile(r"\bfrom\s$", re.IGNORECASE)
_WORD = re.compile(r"(?:\s|-)\s?([A-Za-z][a-z]+(?:-[a-z]+)?)")
_TIME_AFTER = re.compile(r"(?::\d|\s?(?:[ap]\.?m\b\.?|hrs\b|GMT|IST|UTC))", re.IGNORECASE)
_CODE_BEFORE = re.compile(r"(?:[A-Za-z]-|[:/#№]\s?|[A-Za-z])$")
_SLASH_AFTER = re.compile(r"\s?/\s?\d")
_PREV_WORD = re.compile(r"([A-Za-z.]+)\s*$")
_YEAR_LIKE = re.compile(r"(?:1[5-9]|20)\d\d")
_SPACES = re.compile(r"\s+")
_MAX_VALUE = 1e15
# What may stand before the number in a quantity: a modifier, "between" or a currency.
_LEAD = rules.max_width(rf"{_MOD}(?:\bbetween\s|{_CUR})")
_AGE_NEEDLES = rules.needles(_AGE.pattern) or frozenset([""])  # an age needs its "year"


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
    if _men_plural(w):
        return w[:-3] + "man"  # "gunmen" → "gunman"
    return w


def _men_plural(w: str) -> bool:
    """"gunmen", "crewmen", "firemen": plurals of "-man" ("specimen" is not one)."""
    return len(w) > 4 and w.endswith("men") and w not in _NOT_MEN_PLURALS


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
    return bool(_YEAR_LIKE.fullmatch(text.strip())) and 1500 <= n <= 2100


def _modifier(word: str) -> bool:
    """Whether a word may stand between a number and the noun it counts ("31 fire trucks",
    "12 worst-hit villages", "355 damaged shops", "2.5 million eligible voters")."""
    w = word.lower()
    if w in _NOUN_MODIFIERS:
        return True
    if w in _NOT_COUNTED or w in _UNIT_AFTER or w in _STANDALONE or _plural(w):
        return False
    return "-" in w or w.endswith(_MODIFIER_ENDINGS) or w.endswith(_ADJ_ENDINGS)


def _compound_head(text: str, m: re.Match[str]) -> Optional[tuple[str, int]]:
    """The plural noun after one or two modifiers ("40 volunteer firefighters", "900 banned cell
    phones", "13 fully loaded magazines") as a unit that keeps the modifiers saying which things
    are counted ("volunteer firefighter", "banned cell phone", "loaded magazine"), or None."""
    first = m.group(1)
    adverb = first.endswith("ly") and first.lower() not in _NOT_COUNTED
    if not adverb and not _modifier(first):
        return None
    kept = [] if adverb else [first.lower()]
    at = m
    for _ in range(2):
        nxt = _WORD.match(text, at.end())
        if not nxt or text[at.end():nxt.start(1)] != " " or not nxt.group(1)[0].islower():
            return None
        word = nxt.group(1).lower()
        if word in _NOT_COUNTED or word in _UNIT_AFTER:
            return None
        if _plural(word) and word not in _NOUN_MODIFIERS and not (adverb and at is m):
            after = _WORD.match(text, nxt.end())
            if after and text[nxt.end():after.start(1)] == " " and after.group(1)[0].islower() \
                    and _plural(after.group(1)) and after.group(1).lower() not in _NOT_COUNTED:
                return None  # "nine alleged rules violations": which noun is counted is unclear
            kept = [k for k in kept if k in _NOUN_MODIFIERS or "-" in k
                    or k.endswith(_MODIFIER_ENDINGS) and not k.endswith(_ADJ_ENDINGS)]
            return " ".join([*kept, _singular(word)]), nxt.end()
        if not _modifier(word):
            return None
        kept.append(word)
        at = nxt
    return None


def _counted_noun(text: str, pos: int, number_start: int = -1) -> tuple[Optional[str], int]:
    """The noun right after a number ("26,000 people"), allowing modifiers between
    ("26,000 new jobs", "three Estravian ministers", "31 fire trucks"), and where it ends.
    `number_start`, for a number in words: after "the" it may be a subject ("the two sign
    deals"), so no modifier is read then."""
    acronym = _ACRONYM.match(text, pos)
    if acronym:
        return acronym.group("a").lower(), acronym.end()
    caps = _CAPS_MODIFIER.match(text, pos)
    if caps and caps.group(1) not in _CLOCK_WORDS and _plural(caps.group(2)) \
            and caps.group(2).lower() not in _NOT_COUNTED and caps.group(2).lower() not in _UNIT_AFTER:
        # "5.8 million TV viewers", "three NATO soldiers": the acronym says which are counted.
        return f"{caps.group(1).lower()} {_singular(caps.group(2))}", caps.end()
    m = _WORD.match(text, pos)
    if not m:
        return None, pos
    first = m.group(1)
    if first.lower() in _NOT_COUNTED or first.lower() in _UNIT_AFTER:
        return None, pos
    if first[0].isupper() and first[1:].islower():
        # "26,000 North Korean troops": a compass word, then a nationality, then the noun.
        n2 = _WORD.match(text, m.end())
        n3 = _WORD.match(text, n2.end()) if n2 else None
        if (n2 and n3 and text[m.end():n2.start(1)] == " " and text[n2.end():n3.start(1)] == " "
                and n2.group(1)[0].isupper() and n2.group(1).lower().endswith(_DEMONYM_ENDINGS)
                and n3.group(1)[0].islower() and n3.group(1).lower() not in _NOT_COUNTED):
            return _singular(n3.group(1)), n3.end()
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
            and n2.group(1).lower() not in _NOT_COUNTED and first.endswith(_ADJ_ENDINGS)
            and not first.lower().endswith("man") and not n2.group(1).endswith("ed")):
        # "three Estravian ministers"; but "one gunman fled" counts a gunman, not "fled".
        compound = (_compound_head(text, n2) if _modifier(n2.group(1))
                    and not _after_determiner(text, number_start) else None)
        if compound:
            return compound  # "40 new fire engines": the count is of fire engines
        return _singular(n2.group(1)), n2.end()
    if first.lower() in _STANDALONE:
        # "12 killed in the blast" counts victims; "the two killed three guards" is a verb.
        nxt = _WORD.match(text, m.end())
        if nxt and text[m.end():nxt.start(1)] == " " and nxt.group(1).lower() in _VERB_OBJECTS:
            return None, pos
        return _STANDALONE[first.lower()], m.end()
    if text[pos:pos + 1] != "-":
        # "a 3-bedroom flats" never: a number joined by a hyphen belongs to its first word.
        compound = _compound_head(text, m)
        if compound and not _after_determiner(text, number_start):
            return compound
    if first.endswith(("ed", "ing", "ly")) and first.lower() not in _IRREGULAR:
        return None, pos  # "three leading", "two only": not a count of things
    return _singular(first), m.end()


def _plural(word: str) -> bool:
    """Whether a counted noun is written in the plural: "leaders", "people", "children"."""
    w = word.lower()
    if w in _INVARIANT:
        return True
    if w in _IRREGULAR:
        return w not in _SINGULAR_IRREGULAR
    return (len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s"))
            or _men_plural(w))


def _agrees(noun_text: str, n: float, words: bool) -> bool:
    """A counted noun must agree with its number: "two leaders", "one soldier"; "the two sign
    deals", "30 tea gardens", "10 highest" are a verb or a modifier, not what is counted."""
    if noun_text.lower() in _STANDALONE or noun_text.lower() in _INVARIANT \
            or noun_text.lower() in _ACRONYMS_FOLDED:
        return True
    if n == 1:
        return not _plural(noun_text) and not (words and noun_text.lower() in _ONE_IDIOMS)
    return _plural(noun_text)


def find_quantities(text: str) -> list[Mention]:
    """Every number in the sentence that counts or measures something, as an interval."""
    out: list[Mention] = []
    taken = 0
    folded = fold(text)
    if any(needle in folded for needle in _AGE_NEEDLES):
        for m in finditer_numbers(_AGE, text):
            n = parse_number(m.group("n"))
            if n is not None and 0 < n < 150:
                out.append(Mention(m.start(), m.end(), Quantity(n, n, "year_of_age")))
    if _ONE_IN_GATE.search(folded):
        for m in finditer_numbers(_ONE_IN, text):
            share = _share(m)
            if share:
                out.append(share)
    ages = sorted((x.start, x.end) for x in out)
    a = 0  # both lists are in text order: one pass, whatever the number of ages
    for m in finditer_numbers(_QUANTITY, text, _LEAD):
        start = m.start()
        while a < len(ages) and ages[a][1] <= start:
            a += 1
        if start < taken or a < len(ages) and ages[a][0] <= start:
            continue
        mention = _read(text, m)
        if mention:
            out.append(mention)
            taken = mention.end
    out.sort(key=lambda x: x.start)
    return out


def _is_change(text: str, start: int) -> bool:
    """"a drop of five points", "is down 3 percent": the figure is a change, not a level."""
    if start < 4 or text[start - 1] != " ":
        return False
    words = text[max(0, start - 24):start].lower().split()
    if len(words) < 2:
        return False
    w1, w2 = words[-2], words[-1]
    return (w2 == "of" and w1 in _CHANGE_NOUNS) or (w2 in _CHANGE_ADVERBS and w1 in _COPULAS)


def _after_determiner(text: str, start: int) -> bool:
    if start < 0:
        return False
    prev = _PREV_WORD.search(text, max(0, start - 12), start)
    return bool(prev) and prev.group(1).lower() in _DETERMINERS


def _count_before(text: str, start: int) -> Optional[re.Match[str]]:
    """"the tents numbered 2,000": the plural noun before a counting verb right before the figure."""
    if start < 4 or text[start - 1] != " " or not text[start - 2].isalpha() \
            or text[max(0, start - 12):start - 1].rpartition(" ")[2].lower() not in _COUNT_VERBS:
        return None  # the cheap test first: most numbers follow no counting verb
    found = _COUNT_BEFORE.search(text, max(0, start - 40), start)
    if found is None or found.start() > 0 and text[found.start() - 1].isalpha():
        return None
    noun = found.group("noun").lower()
    if noun in _NOT_COUNTED or not _plural(noun):
        return None
    return found


def _share(m: re.Match[str]) -> Optional[Mention]:
    """"one in every 500 users" → the fraction 1/500 of users (unit "fraction:user")."""
    a = parse_number(m.group("a"))
    n = parse_number(m.group("n"))
    noun = m.group("noun")
    if a is None or not n or a >= n or noun.lower() in _NOT_COUNTED or not _plural(noun) \
            or _is_year(m.group("n"), n):
        return None
    return Mention(m.start(), m.end(), Quantity(a / n, a / n, f"fraction:{_singular(noun)}"))


def _read(text: str, m: re.Match[str]) -> Optional[Mention]:
    if m.group("between"):
        lo_text, hi_text = m.group("blo"), m.group("bhi")
        num_start = m.start("blo")
    else:
        lo_text, hi_text = m.group("lo"), m.group("hi")
        num_start = m.start("lo")
    span_start = m.start()
    before = text[max(0, num_start - 12):num_start]
    if m.group("cur") is None and _CODE_BEFORE.search(before):
        return None  # "T20", "COVID-19", "page 3/7", "#4"
    if m.group("cur") is None and num_start == m.start() and num_start > 2 \
            and text[num_start - 1] == " " and text[num_start - 2].isupper():
        caps = _CAPS_BEFORE.search(text, max(0, num_start - 8), num_start)
        if caps and caps.group(1).lower() not in _NOT_COUNTED:
            return None  # "AK 47 rifles": a model number
    if m.group("between"):
        num_end = m.end("bhi")
    else:
        num_end = m.end("hi") if hi_text else m.end("lo")
    if not m.group("cur") and not m.group("unit") and not _CAN_FOLLOW.match(text, num_end) \
            and not _count_before(text, m.start()):
        return None  # nothing after the number could say what it counts: cheap early exit
    if hi_text and m.group("conj") and m.group("conj").lower() == "to" \
            and _FROM_BEFORE.search(text, max(0, num_start - 6), num_start):
        # "rose from 20 to 30 percent": a change, not a range; only "30 percent" is a claim.
        lo_text, hi_text, num_start = hi_text, None, m.start("hi")
        span_start = num_start
    if _TIME_AFTER.match(text, num_end) or _SLASH_AFTER.match(text, num_end):
        return None  # "06 pm", "11:50", "1 / 7"
    prev_word = _PREV_WORD.search(text[max(0, m.start() - 30):m.start()])
    if prev_word and prev_word.group(1).lower() in _BLOCKED_BEFORE:
        return None  # "flight 370", "phase 2"
    low = parse_number(lo_text)
    high = parse_number(hi_text) if hi_text else None
    if low is None or (hi_text and high is None) or low > _MAX_VALUE:
        return None
    if high is not None:
        scale = _SCALE_END.search(hi_text)
        if scale and not _SCALE_END.search(lo_text):
            # "1.5-2 million people": the scale word belongs to both ends.
            word = scale.group().strip().lower()
            if word in SCALES:
                low *= SCALES[word]
    unit: Optional[str] = None
    end = m.end()
    currency = m.group("cur")
    if currency:
        unit = _CURRENCY[currency.strip()] if currency.strip() in _CURRENCY else \
            _CURRENCY.get(currency.strip().upper())
        glued = _MONEY_SCALE.match(text, num_end)
        if glued and not _SCALE_END.search(hi_text or lo_text):
            # "$5m", "£300k": a scale letter only money takes.
            factor = _MONEY_SCALES[glued.group().lower()]
            low *= factor
            high = high * factor if high is not None else None
            end = max(end, glued.end())
            m_unit_is_scale = True
        else:
            m_unit_is_scale = False
    written = m.group("unit")
    if currency and m_unit_is_scale:
        written = None
    compound = None if written or currency else _COMPOUND.match(text, num_end)
    if compound:
        written = compound.group("u")
        end = compound.end()
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
            words_at = -1 if lo_text.strip()[:1].isdigit() else m.start()
            noun, noun_end = _counted_noun(text, m.end(), words_at)
            if noun is None:
                # "the tents numbered 2,000": the noun said before the figure, plural by then.
                before_noun = _count_before(text, m.start())
                if before_noun is None or high is not None or low == 1:
                    return None
                unit, span_start = _singular(before_noun.group("noun")), before_noun.start()
            else:
                head = _LAST_WORD.search(text[max(0, noun_end - 40):noun_end])
                count = high if high is not None else low
                hyphened = text[num_end:num_end + 1] == "-"  # "a 5-member team"
                if head is None or not hyphened and not _agrees(head.group(), count,
                                               not lo_text.strip()[:1].isdigit()):
                    return None
                unit, end = noun, noun_end
    if unit is None:
        return None
    if unit == "INR_crore":
        unit, low = "INR", low * 1e7
        high = high * 1e7 if high is not None else None
    if lo_text.strip().lower() == "one" and high is None and not m.group("mod"):
        head = _LAST_WORD.search(text[max(0, end - 40):end])
        if head and head.group().lower() in _ONE_IDIOMS:
            return None  # "one day he left", "at one point": idioms, not counts
    rate = _RATE.match(text, end)
    if rate:
        per = _SPACES.sub(" ", rate.group("w").lower())
        if per in ("cent",):
            rate = None
        elif per in _RATE_UNITS:
            unit, end = f"{unit}/{_RATE_UNITS[per]}", rate.end()
        elif not (currency or written) and "/" in rate.group(0):
            rate = None  # "3 boats/ships": two names for the things counted, not a rate
        else:
            return None  # a rate per something we cannot name: not the bare figure
    elif "/" not in unit:
        rate = _RATE_A.match(text, end)
        if rate and rate.group("w") in _RATE_UNITS and rate.group("after") not in _NOT_RATE_AFTER \
                and not text.startswith(" and a half", rate.end("w")):  # "a year and a half"
            unit, end = f"{unit}/{_RATE_UNITS[rate.group('w')]}", rate.end("w")
        else:
            rate = _RATE_ADVERB.match(text, end)
            if rate:
                unit, end = f"{unit}/{_RATE_ADVERBS[rate.group('w').lower()]}", rate.end()
    if not currency and not written and not m.group("mod") and _is_year(lo_text, low):
        return None  # "2011 elections": a year, the date recognizer's
    if _is_change(text, span_start):
        return None  # "a drop of five points per game": a change, not the figure itself
    if not currency and not written and _SPAN_AFTER.match(text, end):
        return None  # "43 RBIs in 54 games": a tally over part of the season
    if high is not None:
        if high < low:
            # "23-24" is a range; "2023-24" or "10-3" is a season or a score, not one
            return None
        q = Quantity(low, high, unit, "range")
    else:
        lo, hi, approx, lo_open, hi_open = _interval(m.group("mod"), low)
        q = Quantity(lo, hi, unit, approx, lo_open, hi_open)
    start = span_start
    span_end = end
    # Trailing spaces never belong to the claim's words.
    while span_end > start and text[span_end - 1].isspace():
        span_end -= 1
    return Mention(start, span_end, q)
