"""Findings in an editor's words: a title that names the fact, the odd one out and the consensus
with its count ("Years since the last visit: 004 headline says 25, 3 others say 24"), and the
change that would settle it ("change “25 years” to “24 years”").

Titles are read from what extract already found (the claims' sentences, units, measures and
event words); nothing here decides whether two claims disagree.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Iterable, Optional, Sequence

from factcheck.extract.frame import stopwords, title_case
from factcheck.model import Claim, DateSpan, Duration, Ordinal, Quantity, Quote
from factcheck.report.values import _fmt
from factcheck.rules import load as load_rules
from factcheck.words import stem, term

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_FIRST = re.compile(r"\bfirst((?:\s+[^\W\d_]+){1,3}?)\s+(?:in|since|to|by|for|of|at|ever)\b",
                    re.IGNORECASE)
_LAST_DONE = re.compile(r"\blast\s+([a-z]{3,}ed)\b")  # "last visited" → visit
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _rules() -> dict:
    return load_rules("titles")


def section(c: Claim) -> Optional[str]:
    """The section a title names ("headline", "key point"), None for the body."""
    return _rules()["sections"].get(c.role)


def where(cs: Sequence[Claim], others: Sequence[Claim] = ()) -> str:
    """Who says it: the articles, with the section when it is not the body or when the same
    article speaks on the other side too ("004 headline", "004 body")."""
    other_articles = {c.article for c in others}
    named: list[str] = []
    for c in cs:
        label = c.article
        sec = section(c)
        if sec:
            label += f" {sec}"
        elif c.article in other_articles:
            label += " body"
        if label not in named:
            named.append(label)
    if len(named) > 3:
        return ", ".join(named[:2]) + f" and {len(named) - 2} more"
    return " and ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]


# ── what the fact is about ────────────────────────────────────────────────────────────────────


def _event_nouns(cs: Iterable[Claim]) -> Optional[str]:
    """The event the claims count time from: "visit" in "first visit in 24 years", "his first
    state visit to"; the word most of them use."""
    skip = set(_rules()["not_events"]) | stopwords()
    votes: Counter[str] = Counter()
    for c in cs:
        caps_ok = c.role == "headline" or title_case(c.sentence)
        for m in _FIRST.finditer(c.sentence):
            words = m.group(1).split()
            w = words[-1] if words else ""
            if w.lower() in skip:
                continue
            if w[:1].isupper() and not caps_ok:
                w = next((x for x in words if x[:1].islower() and x.lower() not in skip), "")
            if w and w.lower() not in skip:
                votes[w.lower()] += 1
    return _most(votes)


def _last_done(cs: Iterable[Claim]) -> Optional[str]:
    """What was last done, as the claims say it: "visited" in "last visited Kessvik in July
    2014"."""
    votes: Counter[str] = Counter(m.group(1) for c in cs for m in _LAST_DONE.finditer(c.sentence))
    return _most(votes)


def _most(votes: Counter[str]) -> Optional[str]:
    if not votes:
        return None
    best = max(votes.values())
    return min(w for w, n in votes.items() if n == best)


def _words(sentence: str, value: tuple[int, int], mark: str) -> list[tuple[str, str]]:
    """(raw word, term) for the words of a sentence outside the value's own span, with a mark
    of its own where the value stands, so that no shared run reaches across it ("pier is …
    long")."""
    before = [(m.group(0), term(m.group(0).lower())) for m in _WORD.finditer(sentence)
              if m.end() <= value[0]]
    after = [(m.group(0), term(m.group(0).lower())) for m in _WORD.finditer(sentence)
             if m.start() >= value[1]]
    return before + [("", mark)] + after


def _shared_phrase(a: Claim, b: Claim) -> Optional[str]:
    """The run of words two sentences share next to the value in one of them ("Senn rail
    bridge" in "The 3.1 km Senn rail bridge"), said as in the one that is not a Title Case
    headline; None when there is no such run of two words or more, or when it reads as a
    clause rather than a thing ("officials said", "reopened after")."""
    stop = stopwords()
    not_subject = set(_rules()["not_subject"])
    speech = set(_rules()["speech"])
    breaks = set(_rules()["clause_breaks"])
    if a.role == "headline" and b.role != "headline":
        a, b = b, a
    wa = _words(a.sentence, (a.start - a.sentence_start, a.end - a.sentence_start), "\0a")
    wb = _words(b.sentence, (b.start - b.sentence_start, b.end - b.sentence_start), "\0b")
    ta, tb = [t for _, t in wa], [t for _, t in wb]
    at_a, at_b = ta.index("\0a"), tb.index("\0b")
    near = int(_rules()["phrase_gap"])
    best: tuple[int, int] = (0, 0)
    for block in difflib.SequenceMatcher(a=ta, b=tb, autojunk=False).get_matching_blocks():
        i, j, n = block.a, block.b, block.size
        # a long run shared by two near-identical sentences ("Senn rail bridge was opened on
        # Monday by …") is cut where it turns into a clause: after the value, at its first
        # clause word; before it, after its last one ("officials said the Senn rail bridge")
        words = [w.lower() for w, _ in wa[i:i + n]]
        if i > at_a:
            n = next((k for k, w in enumerate(words) if _clausal(w, not_subject)), n)
        else:
            while n and _clausal(words[n - 1], not_subject):
                n -= 1
            k = max((k + 1 for k, w in enumerate(words[:n]) if _clausal(w, not_subject)),
                    default=0)
            i, j, n = i + k, j + k, n - k
        # trim stopwords at either end: "the Senn rail bridge between" → "Senn rail bridge"
        while n and wa[i][0].lower() in stop:
            i, j, n = i + 1, j + 1, n - 1
        while n and wa[i + n - 1][0].lower() in stop:
            n -= 1
        if n < 2 or n > 4 or n <= best[1]:
            continue
        # "Officials in Diosebec said …": who says it, not what it is about
        if any(k < len(ws) and ws[k][0].lower() in speech
               for ws, k in ((wa, i + n), (wb, j + n))):
            continue
        # "… is 2.8 km long and carries two lanes": a run after the value, past a word that
        # starts another clause, says what else is true, not what the figure measures
        if any(k > at and any(w.lower() in breaks for w, _ in ws[at + 1:k])
               for ws, k, at in ((wa, i, at_a), (wb, j, at_b))):
            continue
        gap_a = min(abs(at_a - i), abs(at_a - (i + n - 1)))
        gap_b = min(abs(at_b - j), abs(at_b - (j + n - 1)))
        if min(gap_a, gap_b) > near:
            continue
        best = (i, n)
    i, n = best
    return " ".join(w for w, _ in wa[i:i + n]) if n else None


def _clausal(word: str, not_subject: set[str]) -> bool:
    """A word that makes a run a clause rather than a thing: a verb of saying or being, a
    conjunction, a participle ("opened", "reopening")."""
    return word in not_subject or (word.endswith(("ed", "ing")) and len(word) > 4)


def _dimension(c: Claim) -> Optional[str]:
    v = c.value.amount if isinstance(c.value, Duration) else c.value
    if isinstance(v, Quantity):
        rules = _rules()
        measure = c.slots.measure
        if measure in rules["measures"]:
            return str(rules["measures"][measure])
        if v.unit in rules["units"]:
            return str(rules["units"][v.unit])
        if measure:
            return f"number of {measure}"
        if v.unit and v.unit not in ("year", "month", "week", "day", "hour", "minute"):
            counted = _counted(c)
            return f"number of {counted.lower()}" if counted else None
    return None


def about(odd: Claim, anchor: Claim, group: Sequence[Claim]) -> str:
    """What the fact is about, from the claims' own words: "Years since the last visit",
    "Worst storm in years", "Length of the Senn rail bridge", "Death toll", "Date last
    visited", "Construction of the crossing started"."""
    v = odd.value
    if isinstance(v, Duration):
        label = _rules()["elapsed"].get(v.amount.unit, "Time")
        event = _event_nouns(group)
        if event:
            return f"{label} since the last {event}"
        record = _superlative(group)
        if record:
            return f"{record} in {label.lower()}"
        return _lead_in(group) or label
    if isinstance(v, DateSpan):
        done = _last_done(group)
        if done:
            return f"Date last {done}"
        event = _event_nouns(group)
        if event:
            return f"Date of the {event}"
        return _lead_in(group) or "Date"
    if isinstance(v, Ordinal):
        noun = v.noun or next((c.value.noun for c in group  # type: ignore[union-attr]
                               if isinstance(c.value, Ordinal) and c.value.noun), None)
        return f"Which {noun}" if noun else "Rank"
    rules = _rules()
    for c in (odd, anchor):
        if c.slots.measure in rules["measures"]:  # a measure the desk has a name for
            named = str(rules["measures"][c.slots.measure])
            return named[0].upper() + named[1:]
    dimension = _dimension(odd) or _dimension(anchor)
    phrase = _shared_phrase(odd, anchor)
    if dimension and phrase:
        return f"{dimension[0].upper()}{dimension[1:]} of the {phrase}"
    if dimension:
        return dimension[0].upper() + dimension[1:]
    if phrase:
        return phrase[0].upper() + phrase[1:]
    counted = _counted(odd)
    return counted or "Figure"


def _superlative(cs: Sequence[Claim]) -> Optional[str]:
    """"Worst storm" for "the worst storm to hit Banebec in 59 years": a record the claims
    measure in years, with the noun most of them give it."""
    pattern = re.compile(r"\b(" + "|".join(_rules()["superlatives"]) + r")\s+([a-z]{3,})\b",
                         re.IGNORECASE)
    skip = stopwords()
    votes: Counter[tuple[str, str]] = Counter()
    for c in cs:
        for m in pattern.finditer(c.sentence[:c.start - c.sentence_start]):
            noun = m.group(2).lower()
            if noun not in skip:
                votes[(m.group(1).lower(), noun)] += 1
    if not votes:
        return None
    (word, noun), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return f"{word[0].upper()}{word[1:]} {noun}"


_CLAUSE = re.compile(r"[,;:()\[\]—–\-\"“”]|\s-\s")


def _lead_in(cs: Sequence[Claim]) -> Optional[str]:
    """The words that lead up to a date or an elapsed time in the body, where nothing else
    names the fact: "Construction of the Grethrin crossing started" for "… started in 2020"
    (a body sentence rather than a Title Case headline)."""
    preps = set(_rules()["lead_in_drop"])
    for c in sorted(cs, key=lambda c: (c.role == "headline", c.article, c.start)):
        before = _CLAUSE.split(c.sentence[:c.start - c.sentence_start])[-1].split()
        while before and before[-1].lower() in preps:
            before.pop()
        words = before[-6:]
        if len(words) >= 2:
            text = " ".join(words)
            return text[0].upper() + text[1:]
    return None


def _counted(c: Claim) -> Optional[str]:
    """What a bare figure counts, in its own words: "Weeks of repairs" for "3 weeks of
    repairs", "Agreements" for "45 agreements"."""
    v = c.value.amount if isinstance(c.value, Duration) else c.value
    if not isinstance(v, Quantity) or not v.unit:
        return None
    last = c.text.split()[-1].lower() if c.text.split() else ""
    if last.isalpha() and term(last) == term(v.unit):
        unit = last  # the noun as the article writes it: "agreements", "homes"
    else:
        unit = v.unit.replace("_", " ")
        unit = unit if unit.endswith("s") or unit in ("people", "percent") else unit + "s"
    after = c.sentence[c.end - c.sentence_start:]
    m = re.match(r"\s+of\s+([^\W\d_]+)", after)
    label = unit[0].upper() + unit[1:]
    return f"{label} of {m.group(1)}" if m else label


# ── values as a title shows them ──────────────────────────────────────────────────────────────


def said(c: Claim) -> str:
    """The value in the claim's words, its unit dropped when the title already names it (an
    elapsed time: "25", not "25 years")."""
    v = c.value
    if isinstance(v, Duration) and v.amount.low == v.amount.high:
        return _fmt(v.amount.low)
    return c.text


def _figure(text: str) -> Optional[float]:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def others(n: int) -> str:
    return "1 other says" if n == 1 else f"{n} others say"


def change_fix(odd: Claim, right: Claim) -> str:
    """"change “19 Years” to “18 Years”": the odd figure replaced by the consensus one in the odd
    claim's own words where both are one figure in the same unit or the same shape of date;
    otherwise the consensus claim's words."""
    a = odd.value.amount if isinstance(odd.value, Duration) else odd.value
    b = right.value.amount if isinstance(right.value, Duration) else right.value
    figures = _NUMBER.findall(odd.text)
    theirs = _NUMBER.findall(right.text)
    if isinstance(a, Quantity) and isinstance(b, Quantity) and a.unit == b.unit and \
            b.low == b.high and len(figures) == 1 and _figure(figures[0]) == a.low == a.high:
        # the figure as the consensus writes it ("2,013"), when its text is the value itself
        new = theirs[0] if len(theirs) == 1 and _figure(theirs[0]) == b.low else _fmt(b.low)
        return f"change “{odd.text}” to “{_NUMBER.sub(new, odd.text)}”"
    if isinstance(a, DateSpan) and isinstance(b, DateSpan) and len(figures) == len(theirs) == 1 \
            and _NUMBER.sub("#", odd.text).lower() == _NUMBER.sub("#", right.text).lower():
        return f"change “{odd.text}” to “{_NUMBER.sub(theirs[0], odd.text)}”"
    return f"change “{odd.text}” to “{right.text}”"


# ── quotes ────────────────────────────────────────────────────────────────────────────────────


def quote_opening(q: str, words: int = 6) -> str:
    ws = q.strip(" \"'“”‘’").split()
    return " ".join(ws[:words]) + ("…" if len(ws) > words else "")


def quote_changes(odd: str, right: str) -> list[tuple[str, str, str, str]]:
    """Where one rendering of a quote differs from another, word by word: for each change, the
    odd words and the right ones, each with two words of context before and one after ("Norland will walk" /
    "Norland will not walk")."""
    wo = [m for m in _WORD.finditer(odd)]
    wr = [m for m in _WORD.finditer(right)]
    no = [m.group(0).lower().replace("’", "'") for m in wo]
    nr = [m.group(0).lower().replace("’", "'") for m in wr]
    from factcheck.compare import _spelling_variant  # the grading's own reading of spelling

    function_words = frozenset(load_rules("wording")["function_words"])
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=no, b=nr, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        xs, ys = no[i1:i2], nr[j1:j2]
        if set(xs) | set(ys) <= function_words or (len(xs) == len(ys) and all(
                stem(x) == stem(y) or _spelling_variant(x, y) for x, y in zip(xs, ys))):
            continue  # tidied wording or spelling: not what the finding is about
        lo_o, hi_o = max(i1 - 2, 0), min(i2 + 1, len(wo))
        lo_r, hi_r = max(j1 - 2, 0), min(j2 + 1, len(wr))
        out.append((" ".join(m.group(0) for m in wo[i1:i2]),
                    " ".join(m.group(0) for m in wr[j1:j2]),
                    odd[wo[lo_o].start():wo[hi_o - 1].end()] if hi_o > lo_o else "",
                    right[wr[lo_r].start():wr[hi_r - 1].end()] if hi_r > lo_r else ""))
    return out


def quote_fix(odd: str, right: str) -> Optional[str]:
    """"restore “not”", "restore “unwavering”", "remove “never”": what makes the odd rendering
    read as the consensus does."""
    parts = []
    for gone, kept, _, _ in quote_changes(odd, right):
        if kept and not gone:
            parts.append(f"restore “{kept}”")
        elif gone and not kept:
            parts.append(f"remove “{gone}”")
        else:
            parts.append(f"restore “{kept}” (for “{gone}”)")
    return "; ".join(parts) or None


def quote_words(q: str, other: str) -> str:
    """A rendering as a title shows it: the changed words with a word of context, or the
    opening words when nothing is changed in it."""
    changes = quote_changes(q, other)
    if changes and changes[0][2]:
        return f"“{changes[0][2]}”"
    return f"“{quote_opening(q)}”"


def speaker(c: Claim) -> Optional[str]:
    v = c.value
    return v.speaker if isinstance(v, Quote) else None
