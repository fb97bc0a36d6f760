"""Date recognizer: absolute and relative dates as intervals at the granularity they were stated.

Candidate spans come from a small compiled grammar rather than dateparser's `search_dates`
(which reads "We", "may" or "SA" as dates), and intervals are computed with plain calendar
arithmetic: "July 2000" is the whole month, not the 19th, and "last September" or "on Wednesday"
resolve against the publication date (and the sentence's tense), never against today.
Elapsed-time phrases with numbers ("eight years ago") belong to the elapsed recognizer.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

from factcheck import rules
from factcheck.model import DateSpan, Mention
from factcheck.words import fold

_CAL = rules.load("calendar")


def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in _CAL[key])


_MONTHS: dict[str, int] = {}
_FULL_MONTHS: set[str] = set()
for _num, _names in _CAL["months"].items():
    for _i, _name in enumerate(_names):
        _MONTHS[fold(_name)] = int(_num)
        if _i == 0:
            _FULL_MONTHS.add(_name.lower())
_WEEKDAYS = {w.lower(): i for i, w in enumerate(_CAL["weekdays"])}
_SEASONS = {k.lower(): int(v) for k, v in _CAL["seasons"].items()}
_QUARTERS = {str(k).lower(): int(v) for k, v in _CAL["quarters"].items()}
_REL_DAYS = {k.lower(): int(v) for k, v in _CAL["relative_days"].items()}
_SHIFTS = {k.lower(): int(v) for k, v in _CAL["shifts"].items()}
_PREFIXES = _words("period_prefixes")
_MODIFIERS = frozenset(w.rstrip("-") for w in _words("modifiers"))
_MONTH_CUES = _words("month_cues")
_YEAR_CUES = _words("year_cues")
_OF_HEADS = _words("of_heads")
_FORCED_PAST = _words("past_cues")
_CHANGE = _words("change_words")
_YEAR_BLOCKERS = _words("year_blockers")
_PLURAL_OK = _words("plural_ok")
_NOT_PAST = _words("not_past")
_PAST_WORDS = _words("past_words")
# Capitalized words that may stand before a date in a title-case headline ("Arrives On Wednesday").
_TITLE_OK = _MONTH_CUES | _YEAR_CUES | frozenset(_SHIFTS) | _MODIFIERS | _PREFIXES | frozenset(
    ("the", "and", "or", "of", "to", "at", "from", "for", "said", "says"))


_alt = rules.alternation


_MON = rf"(?i:{_alt(_MONTHS)})"
_WD = rf"(?i:{_alt(_WEEKDAYS)})"
_SP = r"[ \t\u00a0]{1,3}"
_YEAR_END = r"(?![0-9]|[.,:/][0-9]|-[0-9])"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"[ \u00a0]?[-–—][ \u00a0]?"

# Cheap pre-checks on the lower-cased sentence: most sentences hold no date word at all, and
# each finder runs only when its own words are present.
_MAYBE = re.compile(r"[0-9]|jan|feb|ma[ry]|apr|ju[nl]|aug|sep|oct|nov|dec|day|tonight|week|"
                    r"month|year|spring|summer|autumn|fall|winter|night|morning|afternoon|evening")
_HAS_MONTH = re.compile(r"jan|feb|ma[ry]|apr|ju[nl]|aug|sep|oct|nov|dec")
_HAS_DIGIT = re.compile(r"[0-9]")
_HAS_SEASON = ("spring", "summer", "autumn", "fall", "winter")
_HAS_RELATIVE = ("week", "month", "year", "day", "tonight", "tomorrow", "night", "morning",
                 "afternoon", "evening")

_ISO = re.compile(r"(?<![0-9A-Za-z./:-])(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])"
                  r"(?![0-9/:-]|\.[0-9]|[A-SU-Za-z])")

_MONTH_FIRST = re.compile(
    rf"(?<![A-Za-z0-9])(?P<mon>{_MON})(?![A-Za-z])(?P<dot>\.)?"
    rf"(?:{_SP}(?P<d1>[0-9]{{1,2}}){_ORD}(?![0-9A-Za-z])"
    rf"(?:{_DASH}(?:(?P<mon2>{_MON})\.?{_SP})?(?P<d2>[0-9]{{1,2}}){_ORD}(?![0-9A-Za-z]))?"
    rf"(?:,?{_SP}(?P<y1>[0-9]{{4}}){_YEAR_END})?"
    rf"|,?{_SP}(?:(?i:of){_SP})?(?P<y2>[0-9]{{4}}){_YEAR_END})?")

_DAY_FIRST = re.compile(
    rf"(?<![A-Za-z0-9.,:/-])(?P<d1>[0-9]{{1,2}}){_ORD}(?:{_DASH}(?P<d2>[0-9]{{1,2}}){_ORD})?"
    rf"{_SP}(?:(?i:of){_SP})?(?P<mon>{_MON})(?![A-Za-z])\.?"
    rf"(?:,?{_SP}(?P<y>[0-9]{{4}}){_YEAR_END})?")

_DECADE = re.compile(
    r"(?<![A-Za-z0-9'’])(?:(?P<mod>(?i:early|mid|late))(?:-|[ \u00a0]))?"
    r"(?:(?P<y>[12][0-9]{2}0)['’]?s|['’](?P<yy>[0-9]0)s)(?![A-Za-z0-9])")

_QUARTER = re.compile(
    rf"(?<![A-Za-z0-9])(?:Q(?P<q>[1-4])(?:{_SP}(?i:of){_SP}|[ \u00a0]?)(?P<y>[0-9]{{4}})"
    rf"|(?P<qw>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[ \u00a0-](?i:quarter)"
    rf"(?:{_SP}(?i:of))?,?{_SP}(?P<y2>[0-9]{{4}})){_YEAR_END}")

_SEASON = re.compile(
    rf"(?<![A-Za-z])(?:(?P<pre>(?i:earlier|later)){_SP})?"
    rf"(?:(?P<mod>(?i:last|next|this|early|late|mid))(?:-|{_SP}))?"
    rf"(?P<s>(?i:spring|summer|autumn|fall|winter))(?![A-Za-z])"
    rf"(?:,?{_SP}(?:(?i:of){_SP})?(?P<y>[0-9]{{4}}){_YEAR_END})?")

_RELATIVE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<pre>(?i:earlier|later)){_SP})?(?P<shift>(?i:last|this|next)){_SP}"
    rf"(?P<unit>(?i:week|month|year))(?![A-Za-z])")

_DAY_WORD = re.compile(
    rf"(?<![A-Za-z])(?P<w>(?i:yesterday|today|tonight|tomorrow|last{_SP}night|"
    rf"this{_SP}(?:morning|afternoon|evening)))(?![A-Za-z])")

_WEEKDAY = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mod>(?i:last|next|this|early|late)){_SP})?(?P<wd>{_WD})(?![A-Za-z])")

_YEAR = re.compile(
    r"(?<![A-Za-z0-9.,:/$€£₹#'’-])(?:(?P<mod>(?i:early|late|mid))(?:-|[ \u00a0]))?"
    rf"(?P<y>1[6-9][0-9]{{2}}|2[01][0-9]{{2}}){_YEAR_END}(?![%'’]|s(?![A-Za-z]))")

_PREV = re.compile(r"([A-Za-z][A-Za-z'’]*-?)[ \t\u00a0]*\Z")
_NEXT = re.compile(r"[ \t\u00a0]{0,3}([A-Za-z%]+)")
_WEEK_OF = re.compile(r"(?i:week(?:end)?\s+of\s+(?:the\s+)?)\Z")
_CONTINUE = re.compile(r"\s*(?:,\s*)?(?:(?i:and|or|to|through|until|till)\s+)?\Z")
_WD_BEFORE = re.compile(rf"(?<![A-Za-z])({_WD}),?{_SP}\Z")
_LOW_TAIL = re.compile(r"(?:[:.][0-9]|\s*%|\s*(?i:per\s?cent))")

# Future cues as word tuples keyed by first word: "is expected to" → ("is", "expected", "to").
_FUTURE: dict[str, list[tuple[str, ...]]] = {}
for _cue in sorted((str(c).lower().replace("’", "'") for c in _CAL["future_cues"]),
                   key=lambda c: -len(c.split())):
    _FUTURE.setdefault(_cue.split()[0], []).append(tuple(_cue.split()))
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*|['’]ll")
# Words that may sit between a future cue and its verb: "will not be held".
_AUX_AFTER_FUTURE = frozenset(("be", "have", "been", "not", "also", "likely", "then", "soon",
                               "probably", "still", "only"))
_DETERMINERS = frozenset(("the", "its", "his", "her", "their", "this", "our", "a"))
# Finite verbs that rule out a headline infinitive before "to" ("He went to …").
_FINITE = frozenset(("is", "are", "am", "was", "were", "has", "have", "had", "be", "been", "do",
                     "does", "did", "wants", "want", "went", "came", "said", "says"))

_Cand = tuple[int, int, Optional[DateSpan]]
_EARLIEST, _LATEST = date(1000, 1, 1), date(2999, 12, 31)


# ── calendar arithmetic ─────────────────────────────────────────────────────────────────────


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> Optional[DateSpan]:
    if not (1 <= y <= 9998 and 1 <= m <= 12):
        return None
    return DateSpan(date(y, m, 1), _last_day(y, m), "month")


def _year(y: int) -> Optional[DateSpan]:
    if not 1 <= y <= 9998:
        return None
    return DateSpan(date(y, 1, 1), date(y, 12, 31), "year")


def _season(first_month: int, y: int) -> Optional[DateSpan]:
    if not 1 <= y <= 9997:
        return None
    end_m, end_y = first_month + 2, y
    if end_m > 12:
        end_m, end_y = end_m - 12, y + 1
    return DateSpan(date(y, first_month, 1), _last_day(end_y, end_m), "season")


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _nearest_year(m: int, d: int, published: date) -> Optional[int]:
    """A day written without a year: the year that puts it nearest the publication date."""
    best: Optional[tuple[int, int]] = None
    for y in (published.year - 1, published.year, published.year + 1):
        dd = _safe_date(y, m, d)
        if dd is not None:
            dist = abs((dd - published).days)
            if best is None or dist < best[0]:
                best = (dist, y)
    return best[1] if best else None


def _month_year(m: int, published: date, shift: Optional[int], direction: int) -> int:
    py, pm = published.year, published.month
    if shift == 0:
        return py
    if shift == -1:
        return py if m < pm else py - 1
    if shift == 1:
        return py if m > pm else py + 1
    if direction < 0:
        return py if m <= pm else py - 1
    return py if m >= pm else py + 1


def _weekday_date(wd: int, published: date, shift: Optional[int], direction: int) -> date:
    back = (published.weekday() - wd) % 7
    fwd = (wd - published.weekday()) % 7
    if shift == 0:
        return published - timedelta(days=published.weekday() - wd)
    if shift == -1:
        return published - timedelta(days=back or 7)
    if shift == 1:
        return published + timedelta(days=fwd or 7)
    return published - timedelta(days=back) if direction < 0 else published + timedelta(days=fwd)


def _season_instance(first_month: int, published: date, shift: int) -> Optional[DateSpan]:
    py = published.year
    if shift == 0:
        y = py - 1 if first_month == 12 and published.month <= 2 else py
        return _season(first_month, y)
    years = range(py + 1, py - 3, -1) if shift < 0 else range(py - 2, py + 2)
    for y in years:
        span = _season(first_month, y)
        if span is None:
            continue
        if shift < 0 and span.end < published:  # type: ignore[operator]
            return span
        if shift > 0 and span.start > published:  # type: ignore[operator]
            return span
    return None


# ── context ─────────────────────────────────────────────────────────────────────────────────


def _prev(text: str, pos: int) -> tuple[str, int]:
    """The word right before `pos` (spaces between allowed) and where it starts."""
    m = _PREV.search(text, max(0, pos - 40), pos)
    if m is None:
        return "", pos
    return m.group(1), m.start(1)


def _next_word(text: str, pos: int) -> str:
    m = _NEXT.match(text, pos)
    return m.group(1) if m else ""


def _cased(token: str) -> bool:
    """Month names count only as Title or UPPER case: "may" and "march" are ordinary words."""
    token = token.rstrip(".")
    return token[:1].isupper() and (token[1:].islower() or token[1:].isupper() or
                                   len(token) == 1)


def _title_word(word: str) -> bool:
    return bool(word) and word[0].isupper() and word.rstrip("-").lower() not in _TITLE_OK


class _Tense:
    """Past or future, read from the nearest cue word before a date (else after it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cues: Optional[list[tuple[int, int]]] = None

    def cues(self) -> list[tuple[int, int]]:
        if self._cues is None:
            self._cues = self._scan()
        return self._cues

    def _scan(self) -> list[tuple[int, int]]:
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(self.text)]
        words = [t.lower() for _, t in tokens]
        if "’" in self.text:
            words = [w.replace("’", "'") for w in words]
        cues: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            pos, raw = tokens[i]
            word = words[i]
            if word in _FUTURE and raw not in ("May", "MAY"):  # "May" is the month
                phrase = next((p for p in _FUTURE[word] if tuple(words[i:i + len(p)]) == p),
                              None)
                if phrase is not None:
                    cues.append((pos, 1))
                    i += len(phrase)
                    # "will be held", "would have signed": the participle is not a past tense
                    while i < len(tokens) and words[i] in _AUX_AFTER_FUTURE:
                        i += 1
                    if i < len(tokens) and self._past(tokens[i][1], words[i]):
                        i += 1
                    continue
            if word.endswith("'ll"):
                cues.append((pos, 1))
            elif self._past(raw, word) and not (
                    word == "last" and i and words[i - 1] in _DETERMINERS):
                cues.append((pos, -1))  # but "the last day of the visit" is no past tense
            elif word == "to" and not cues and i <= 8 and i + 1 < len(tokens) and (
                    tokens[i + 1][1].islower()) and not any(w in _FINITE for w in words[:i]):
                cues.append((pos, 1))  # headline infinitive: "Rail strike to start …"
            i += 1
        return cues

    @staticmethod
    def _past(raw: str, word: str) -> bool:
        return word in _PAST_WORDS or (
            raw.islower() and len(word) >= 5 and word.endswith("ed")
            and not word.endswith("eed") and word not in _NOT_PAST)

    def direction(self, start: int, end: int) -> int:
        before = [d for p, d in self.cues() if p < start]
        if before:
            return before[-1]
        after = [d for p, d in self.cues() if p >= end]
        return after[0] if after else -1


# ── recognizers: each appends (start, end, DateSpan | None); None blocks the span ──────────


def _iso(text: str, out: list[_Cand]) -> None:
    for m in _ISO.finditer(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        out.append((m.start(), m.end(), DateSpan(d, d, "day") if d else None))


def _valid_month_token(token: str, with_number: bool) -> bool:
    low = token.lower()
    if not _cased(token):
        return False
    return with_number or low in _FULL_MONTHS


def _cued_without_word(text: str, low: str, wstart: int, start: int, last_end: int) -> bool:
    """With no cue word before it, a bare month or year still counts after "<head> of"
    ("the summer of 2000") or as the next item of a list of dates ("in 1961, 2000 and 2001")."""
    if low == "of":
        head, _ = _prev(text, wstart)
        return head.lower() in _OF_HEADS
    return (last_end >= 0 and _CONTINUE.match(text, last_end, start) is not None
            and bool(text[last_end:start].strip()))


def _month_first(text: str, published: Optional[date], tense: _Tense, out: list[_Cand]) -> None:
    last_end = -1
    for m in _MONTH_FIRST.finditer(text):
        token = m["mon"]
        mon = _MONTHS[fold(token)]
        start, end = m.start(), m.end()
        if m["d1"] or m["y2"]:
            if not _valid_month_token(token, True):
                continue
            if _WEEK_OF.search(text, max(0, start - 20), start):
                out.append((start, end, None))
                continue
            wd = _WD_BEFORE.search(text, max(0, start - 14), start)
            if wd and m["d1"]:
                start = wd.start(1)
            if m["y2"]:
                y = int(m["y2"])
                out.append((start, end, _month(y, mon) if 1000 <= y <= 2199 else None))
                continue
            out.append((start, end, _month_day(m, mon, m["y1"], text, end, published)))
            continue
        # A bare month: only after a cue ("in March", "last September", "early May").
        if not _valid_month_token(token, False):
            continue
        end = m.end("mon")  # a full stop after a full name ends the sentence
        word, wstart = _prev(text, start)
        low = word.lower().rstrip("-")
        shift: Optional[int] = None
        forced: Optional[int] = None
        if low in _SHIFTS or low in _MODIFIERS:
            before, _ = _prev(text, wstart)
            if before.lower() == "the" and low in _SHIFTS:
                continue
            shift = _SHIFTS.get(low)
            start = wstart
        elif low in _MONTH_CUES:
            if low in _FORCED_PAST:
                forced = -1
        elif not _cued_without_word(text, low, wstart, start, last_end):
            continue
        last_end = end
        if published is None:
            out.append((start, end, DateSpan(None, None, "month")))
            continue
        direction = forced if forced is not None else tense.direction(start, end)
        out.append((start, end, _month(_month_year(mon, published, shift, direction), mon)))


def _month_day(m: re.Match[str], mon: int, year: Optional[str], text: str, end: int,
               published: Optional[date]) -> Optional[DateSpan]:
    d1 = int(m["d1"])
    d2 = int(m["d2"]) if m["d2"] else None
    mon2 = _MONTHS[fold(m["mon2"])] if m["mon2"] else mon
    if m["mon2"] and not _cased(m["mon2"]):
        return None
    if year is None and _LOW_TAIL.match(text, end):
        return None  # "June 11:50", "May 5%": not a date
    return _day_range(d1, mon, d2, mon2, int(year) if year else None, published)


def _day_range(d1: int, mon: int, d2: Optional[int], mon2: int, year: Optional[int],
               published: Optional[date]) -> Optional[DateSpan]:
    if year is not None and not 1000 <= year <= 2199:
        return None
    if year is not None and d2 is not None and mon2 < mon:
        year -= 1  # "December 30-January 2, 2024": the year is the range's end
    if year is None:
        if _safe_date(2024, mon, d1) is None or (
                d2 is not None and _safe_date(2024, mon2, d2) is None):
            return None  # invalid in any year (leap day is valid in 2024)
        if published is None:
            return DateSpan(None, None, "day")
        year = _nearest_year(mon, d1, published)
        if year is None:
            return None
    first = _safe_date(year, mon, d1)
    if first is None:
        return None
    if d2 is None:
        return DateSpan(first, first, "day")
    end_year = year + 1 if mon2 < mon else year
    last = _safe_date(end_year, mon2, d2)
    if last is None or last <= first or (last - first).days > 62:
        return None
    return DateSpan(first, last, "day")


def _day_first(text: str, published: Optional[date], out: list[_Cand]) -> None:
    for m in _DAY_FIRST.finditer(text):
        token = m["mon"]
        if not _valid_month_token(token, True):
            continue
        start, end = m.start(), m.end()
        if not m["y"] and fold(token) in _FULL_MONTHS:
            end = m.end("mon")  # a full stop after a full name ends the sentence
        if _WEEK_OF.search(text, max(0, start - 20), start):
            out.append((start, end, None))
            continue
        if not m["y"]:
            word, _ = _prev(text, start)
            if word and word.lower() not in _TITLE_OK:
                continue  # "Top 10 March Madness"
        mon = _MONTHS[fold(token)]
        d2 = int(m["d2"]) if m["d2"] else None
        out.append((start, end, _day_range(int(m["d1"]), mon, d2, mon, int(m["y"]) if m["y"]
                                           else None, published)))


def _decades(text: str, out: list[_Cand]) -> None:
    for m in _DECADE.finditer(text):
        if m["y"]:
            y = int(m["y"])
            if y % 100 == 0 and y != 2000:
                continue  # "the 1900s" usually means the century
            if not 1000 <= y <= 2190:
                continue
        else:
            yy = int(m["yy"])
            if yy < 30:
                continue  # "the '20s": 1920s or 2020s
            word, _ = _prev(text, m.start())
            if word.lower() != "the":
                continue
            y = 1900 + yy
        out.append((m.start(), m.end(), DateSpan(date(y, 1, 1), date(y + 9, 12, 31), "decade")))


def _quarters(text: str, out: list[_Cand]) -> None:
    for m in _QUARTER.finditer(text):
        q = int(m["q"]) if m["q"] else _QUARTERS[fold(m["qw"])]
        y = int(m["y"] or m["y2"])
        if not 1000 <= y <= 2199:
            out.append((m.start(), m.end(), None))
            continue
        first = 3 * q - 2
        out.append((m.start(), m.end(),
                    DateSpan(date(y, first, 1), _last_day(y, first + 2), "quarter")))


def _seasons(text: str, published: Optional[date], out: list[_Cand]) -> None:
    for m in _SEASON.finditer(text):
        first = _SEASONS[fold(m["s"])]
        mod = fold(m["mod"] or "")
        start = m.start()
        if m["y"]:
            y = int(m["y"])
            if not (m["mod"] or m["pre"]):
                word, _ = _prev(text, start)
                if _title_word(word) and m["s"][0].isupper():
                    continue  # "Arab Spring 2011"
            out.append((start, m.end(), _season(first, y) if 1000 <= y <= 2199 else None))
            continue
        if mod not in _SHIFTS or (m["pre"] and mod != "this"):
            continue
        if not m["pre"]:
            word, _ = _prev(text, start)
            if word.lower() == "the":
                continue  # "the last fall in prices"
        if published is None:
            out.append((start, m.end(), DateSpan(None, None, "season")))
            continue
        out.append((start, m.end(), _season_instance(first, published, _SHIFTS[mod])))


def _relatives(text: str, published: Optional[date], out: list[_Cand]) -> None:
    for m in _RELATIVE.finditer(text):
        shift = _SHIFTS[fold(m["shift"])]
        unit = fold(m["unit"])
        if not m["pre"]:
            word, _ = _prev(text, m.start())
            if word.lower() in ("the", "a", "every", "each", "per") and shift != 0:
                continue  # "over the last year" is a duration
            if _title_word(word) and m["shift"][0].isupper():
                continue  # "This Week in Asia"
        if published is None:
            out.append((m.start(), m.end(), DateSpan(None, None, unit)))
            continue
        if unit == "week":
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
            span: Optional[DateSpan] = DateSpan(monday, monday + timedelta(days=6), "week")
        elif unit == "month":
            idx = published.year * 12 + published.month - 1 + shift
            span = _month(idx // 12, idx % 12 + 1)
        else:
            span = _year(published.year + shift)
        out.append((m.start(), m.end(), span))
    for m in _DAY_WORD.finditer(text):
        w = m["w"]
        word, _ = _prev(text, m.start())
        if w[0].isupper() and _title_word(word):
            continue  # "USA Today", "Top News Today"
        key = " ".join(fold(w).split())
        if key == "last night" and word.lower() == "the":
            continue
        if published is None:
            out.append((m.start(), m.end(), DateSpan(None, None, "day")))
            continue
        d = published + timedelta(days=_REL_DAYS[key])
        out.append((m.start(), m.end(), DateSpan(d, d, "day")))


def _weekdays(text: str, published: Optional[date], tense: _Tense, out: list[_Cand]) -> None:
    for m in _WEEKDAY.finditer(text):
        wd_token = m["wd"]
        if not (wd_token.istitle() or wd_token.isupper() or wd_token.islower()):
            continue
        mod = fold(m["mod"] or "")
        word, _ = _prev(text, m.start())
        if mod:
            if word.lower() == "the":
                continue  # "the last Friday of the month"
        else:
            if _title_word(word):
                continue  # "Good Friday", "Super Tuesday"
            if not text[:m.start()].strip() and _title_word(_next_word(text, m.end())):
                continue  # "Wednesday Addams …"
        shift = _SHIFTS.get(mod)
        if published is None:
            out.append((m.start(), m.end(), DateSpan(None, None, "day")))
            continue
        d = _weekday_date(_WEEKDAYS[fold(wd_token)], published, shift,
                          tense.direction(m.start(), m.end()))
        out.append((m.start(), m.end(), DateSpan(d, d, "day")))


def _years(text: str, out: list[_Cand]) -> None:
    last_end = -1
    for m in _YEAR.finditer(text):
        start, end = m.start(), m.end()
        y = int(m["y"])
        follower = _next_word(text, end)
        low_f = follower.lower()
        if low_f in _YEAR_BLOCKERS or follower == "%" or (
                follower.islower() and len(follower) >= 3 and follower.endswith("s")
                and not follower.endswith(("ss", "us", "is")) and low_f not in _PLURAL_OK):
            continue  # "in 2000 homes", "after 2000 km"
        if not m["mod"]:
            word, wstart = _prev(text, start)
            low = word.lower()
            if low in _YEAR_CUES:
                before, _ = _prev(text, wstart)
                if before.lower() in _CHANGE or (before[:1].isdigit()):
                    continue  # "rose by 2000", "one in 2000"
            elif not _cued_without_word(text, low, wstart, start, last_end):
                continue
        last_end = end
        out.append((start, end, _year(y)))


def _select(cands: list[_Cand]) -> list[Mention]:
    """Longest candidate wins an overlap; an invalid one (None) blocks its span and vanishes."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen: list[_Cand] = []
    for c in cands:
        if c[0] >= c[1] or any(k[0] < c[1] and c[0] < k[1] for k in chosen):
            continue
        chosen.append(c)
    return sorted((Mention(s, e, v) for s, e, v in chosen if v is not None),
                  key=lambda mm: mm.start)


def find_dates(text: str, published: Optional[date]) -> list[Mention]:
    """Date mentions in one sentence, resolved against `published` (None: relative ones stay
    unresolved, with start and end None)."""
    if published is not None and not _EARLIEST <= published <= _LATEST:
        published = None  # no sensible article is dated at the ends of the calendar
    low = text.lower()
    if not _MAYBE.search(low):
        return []
    tense = _Tense(text)
    cands: list[_Cand] = []
    digits = _HAS_DIGIT.search(low) is not None
    if _HAS_MONTH.search(low):
        _month_first(text, published, tense, cands)
        if digits:
            _day_first(text, published, cands)
    if digits:
        if "-" in low:
            _iso(text, cands)
        if "0s" in low or "0’s" in low or "0's" in low:
            _decades(text, cands)
        if "q" in low:
            _quarters(text, cands)
        _years(text, cands)
    if any(w in low for w in _HAS_SEASON):
        _seasons(text, published, cands)
    if any(w in low for w in _HAS_RELATIVE):
        _relatives(text, published, cands)
        if "day" in low:
            _weekdays(text, published, tense, cands)
    return _select(cands) if cands else []
