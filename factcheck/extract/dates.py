"""Date recognizer: absolute and relative dates as intervals at the granularity they were stated.

Candidate spans come from a small compiled grammar rather than dateparser's `search_dates`
(which reads "We", "may" or "SA" as dates), and intervals are computed with plain calendar
arithmetic: "July 2000" is the whole month, not the 19th, and "last September" or "on Wednesday"
resolve against the publication date (and the sentence's tense), never against today.
Elapsed-time phrases with numbers ("eight years ago") belong to the elapsed recognizer.
"""

from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, timedelta
from typing import Callable, Optional

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
_NAMED_DAYS = _words("named_days")
_YEAR_DETS = _words("year_determiners")
_NOT_YEAR_NOUNS = _words("not_year_nouns") | _YEAR_BLOCKERS
_CONTRACTIONS = frozenset(w.replace("’", "'") for w in _words("contractions")) | frozenset(
    w.replace("'", "’") for w in _words("contractions"))
_DATE_ONLY_CUES = _words("date_only_cues")
_ODDS = _words("odds_words")
_NAME_MONTHS = _words("name_months")
_COUNT_ADJECTIVES = _words("count_adjectives")
_FIGURATIVE_AFTER_TODAY = _words("figurative_after_today")
_STRICT_PAST = _words("strict_past")
_STRICT_FUTURE = _words("strict_future")
_DATING_CUES = frozenset(("to", "from"))
_DATING_WORDS = _words("dating_words")
_BETWEEN_YEARS = re.compile(
    r"(?:19|20)[0-9]{2}[ \u00a0]and[ \u00a0](?:19|20)[0-9]{2}[ \u00a0]*[.,;:)]")
_POSSESSIVE = re.compile(r"[A-Za-z]['’]s\Z|[A-Za-z]s['’]\Z")
_FOR_YEAR_END = re.compile(
    r"[ \t\u00a0]*(?:[,.;:!?)\"”]|\Z|(?i:and|or)[ \u00a0]+(?i:beyond|later)\b)")
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
                    r"month|year|nineteen|tomorrow|spring|summer|autumn|fall|winter|night|morning|"
                    r"afternoon|evening|christmas|thanksgiving|halloween")
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
    rf"(?<![A-Za-z])(?:(?P<pre>(?i:earlier|later|early|late|mid)){_SP})?"
    rf"(?P<shift>(?i:last|this|next)){_SP}(?:(?i:fiscal|calendar){_SP})?"
    rf"(?P<unit>(?i:week|month|year))(?![A-Za-z])")

# The current year by another name ("the current fiscal year"), or its end as a deadline ("by
# year-end", "before the end of the year"): the year, as "by the end of 2019" is 2019.
_THIS_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:(?:(?i:the){_SP})?(?i:current{_SP}(?:(?:fiscal|calendar){_SP})?year"
    rf"|this{_SP}(?:fiscal|calendar){_SP}year)"
    rf"|(?i:for){_SP}(?P<fy>(?i:the){_SP}(?:(?i:full|fiscal|whole){_SP})?(?i:year))"
    rf"|(?i:months|quarter|half|weeks){_SP}(?i:of){_SP}(?P<oy>(?i:the){_SP}(?i:year))"
    rf"|(?P<end>(?:(?i:the){_SP})?(?i:end{_SP}of{_SP}(?:(?:the|this){_SP})?year"
    rf"|year(?:-|{_SP}|['’]s{_SP})end)))(?![A-Za-z-])")
# "for the year", "the first nine months of the year" in a report of results: the current year,
# unless the sentence names another one.
_YEAR_AFTER = re.compile(r"[ \u00a0]*[0-9]|[ \u00a0]+[A-Z]")
_OTHER_YEAR = re.compile(r"(?<![0-9])(?:1[6-9]|20)[0-9]{2}(?![0-9])|(?i:last|next)[ \u00a0]year")
_YEAR_END_CUES = frozenset(("by", "before", "until", "till", "around", "toward", "towards",
                            "through", "at"))

_HOLIDAYS: dict[str, tuple[int, ...]] = {
    " ".join(str(k).lower().replace("’", "'").split()): tuple(int(x) for x in v)
    for k, v in _CAL["holidays"].items()}
# Pre-check words: the name's first word, or its first two when the first is common ("new").
_HAS_HOLIDAY = tuple(sorted({re.sub("'s$", "", " ".join(k.split()[:2] if len(k.split()[0]) <= 3
                                                         else k.split()[:1]))
                             for k in _HOLIDAYS}))
_HOLIDAY = re.compile(
    r"(?<![A-Za-z])(?P<h>" + "|".join(
        r"[ \u00a0]".join(re.escape(w).replace("'", "['’]") for w in k.split())
        for k in sorted(_HOLIDAYS, key=len, reverse=True)) + r"|(?i:christmas|thanksgiving))"
    r"(?![A-Za-z])", re.IGNORECASE)
# "2009-2010", "the 2013-14 season", "1957-58": consecutive or close years, one span.
_YEAR_RANGE = re.compile(
    r"(?<![A-Za-z0-9.,:/$€£#'’-])(?P<y1>(?:1[6-9]|20)[0-9]{2})[-–/]"
    r"(?P<y2>[0-9]{2}|(?:1[6-9]|20)[0-9]{2})"
    r"(?![0-9%]|[.,:/-][0-9])")
_REL_YEAR_AFTER = re.compile(
    rf",?{_SP}(?:(?i:of){_SP})?(?P<shift>(?i:last|this|next)){_SP}(?i:year)(?![A-Za-z])")
_AND_DAY = re.compile(
    rf"{_SP}(?:and|or|&){_SP}(?P<d>[0-9]{{1,2}}){_ORD}(?![0-9A-Za-z%]|[.,:/-][0-9]|{_SP}[A-Za-z%])"
    rf"(?:,?{_SP}(?P<y>[12][0-9]{{3}}){_YEAR_END})?")
_HOLIDAY_YEAR = re.compile(rf",?{_SP}(?:(?i:in|of){_SP})?(?P<y>1[6-9][0-9]{{2}}|2[01][0-9]{{2}})"
                           rf"{_YEAR_END}")
_ANAPHORA_SHIFTS = {" ".join(str(k).lower().split()): int(v) for k, v in _CAL["anaphora"].items()}
_ANAPHORA = re.compile(
    r"(?<![A-Za-z])(?i:" + "|".join(
        r"[ \u00a0]".join("(?:year|month)" if w == "year" else w for w in k.split())
        for k in sorted(_ANAPHORA_SHIFTS, key=len, reverse=True)) + r")(?![A-Za-z])")
# Pre-check words of the phrases counted from another date: a word other than "a", "the", "year".
_HAS_ANAPHORA = tuple(sorted({w for k in _ANAPHORA_SHIFTS for w in k.split()
                              if w not in ("a", "the", "year")}))
_COMPARISON = re.compile(r"(?i:compared[ \u00a0](?:with|to)|up[ \u00a0]from|down[ \u00a0]from|than|"
                         r"versus|from[ \u00a0][$#€£]?[0-9]|from[ \u00a0]+\Z)")
_YEAR_AGO = re.compile(r"(?<![A-Za-z-])(?i:year-(?:ago|earlier))(?![A-Za-z-])")

_DAY_WORD = re.compile(
    rf"(?<![A-Za-z])(?P<w>(?i:yesterday|today|tonight|tomorrow|last{_SP}night|"
    rf"this{_SP}(?:morning|afternoon|evening)))(?![A-Za-z])")

_WEEKDAY = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mod>(?i:last|next|this|early|late)){_SP})?(?P<wd>{_WD})(?![A-Za-z])")

_YEAR = re.compile(
    r"(?<![A-Za-z0-9.,:/$€£₹#'’-])(?:(?P<mod>(?i:early|late|mid|fiscal(?:[ \u00a0]year)?))"
    r"(?:-|[ \u00a0]))?"
    rf"(?P<y>1[6-9][0-9]{{2}}|2[01][0-9]{{2}}){_YEAR_END}(?![%'’]|s(?![A-Za-z]))")

_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# A year read out in a broadcast transcript: "nineteen eighty-two", "the year two thousand".
_SPOKEN_YEAR = re.compile(
    r"(?<![A-Za-z-])(?:(?P<c>(?i:nineteen))[ -](?:(?P<teen>(?i:" + "|".join(_TEENS) + r"))"
    r"|(?P<tens>(?i:" + "|".join(_TENS) + r"))(?:[- ](?P<unit>(?i:" + "|".join(_UNITS) + r")))?)"
    r"|(?P<y2k>(?i:the[ \u00a0]year[ \u00a0]two[ \u00a0]thousand)))(?![A-Za-z-])")

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
_NOT_FUTURE: dict[str, list[tuple[str, ...]]] = {}
for _cue in (str(c).lower() for c in _CAL["not_future"]):
    _NOT_FUTURE.setdefault(_cue.split()[0], []).append(tuple(_cue.split()))
_SPAN_UNITS = frozenset(("day", "days", "week", "weeks", "month", "months", "year", "years",
                         "hour", "hours", "minutes", "moments", "decade", "decades"))
_INFINITIVE = re.compile(r"\bto[ \u00a0]+([a-z]+)\b")
_NOT_VERBS = frozenset(("the", "a", "an", "its", "his", "her", "their", "our", "my", "your",
                        "this", "that", "these", "those", "be", "date", "power", "work", "office",
                        "court", "prison", "jail", "school", "church", "bed", "town", "sea",
                        "war", "life", "death", "him", "them", "us", "me", "it", "one", "two",
                        "about", "around", "over", "nearly", "almost", "more", "less"))
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*|['’]ll")
# Words that may sit between a future cue and its verb: "will not be held".
_AUX_AFTER_FUTURE = frozenset(("be", "have", "been", "not", "also", "likely", "then", "soon",
                               "probably", "still", "only"))
_DETERMINERS = frozenset(("the", "its", "his", "her", "their", "this", "our", "a"))
# Words after which "last" or an "-ed" word is an adjective, not a past tense.
_ADJ_BEFORE = _DETERMINERS | frozenset(("still", "newly", "yet", "as", "an"))
# Finite verbs that rule out a headline infinitive before "to" ("He went to …").
_FINITE = frozenset(("is", "are", "am", "was", "were", "has", "have", "had", "be", "been", "do",
                     "does", "did", "wants", "want", "went", "came", "said", "says"))

_Cand = tuple[int, int, Optional[DateSpan]]
# A day without a year within a quarter of the publication date is the nearest one whatever
# the tense; a month up to one ahead may be what a past-tense report speaks of ("announced a
# supply cut in September", in August), and a plan told in the past up to six ahead ("agreed
# to buy the mill in February", in October).
_NEAR_DAYS = 92
_NEAR_MONTHS = 1
_PLAN_MONTHS = 6
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


def _no_cue() -> int:
    return 0


_STRICTLY_PAST = -2  # "ended March 31", "since Feb. 2": the last one before publication
_STRICTLY_FUTURE = 2  # "effective Feb. 1", "payable Jan. 3": ahead, whatever the tense, unless
# one lies within a quarter before publication ("effective Oct. 1" said on Oct. 15)


def _day_cue(text: str, start: int, tense: _Tense) -> Callable[[], int]:
    """The tense cue for a day without a year, read when needed: a word right before it
    ("on" aside), or "since" a few words back ("since soon after the Oct. 23 storm"),
    else the sentence's tense."""
    def cue() -> int:
        word, wstart = _prev(text, start)
        if word.lower() == "on":
            word, wstart = _prev(text, wstart)
        if word.lower() in _STRICT_FUTURE:
            return _STRICTLY_FUTURE
        for _ in range(4):
            if word.lower() in _STRICT_PAST:
                return _STRICTLY_PAST
            word, wstart = _prev(text, wstart)
        return tense.cue_before(start)
    return cue


def _nearest_year(m: int, d: int, published: date,
                  tense_cue: Callable[[], int] = _no_cue) -> Optional[int]:
    """A day written without a year: the year that puts it nearest the publication date; but
    a tense cue (past -1, future +1) overrules that for a day more than _NEAR_DAYS away on the
    other side ("shot on Oct. 23" in a May article is last October, not next)."""
    deltas = [(abs((dd - published).days), (dd - published).days, y) for y, dd in (
        (y, _safe_date(y, m, d)) for y in range(published.year - 1, published.year + 2)) if dd]
    if not deltas:
        return None
    best = min(deltas)
    if best[0] <= _NEAR_DAYS and best[1] <= 0:
        return best[2]
    cue = tense_cue()  # read only when needed: most days sit near the publication date
    if best[0] <= _NEAR_DAYS and abs(cue) < 2:
        return best[2]
    sided = [t for t in deltas if cue and t[1] * cue >= 0]
    return min(sided)[2] if sided else best[2]


def _month_year(m: int, published: date, shift: Optional[int], direction: int) -> int:
    py, pm = published.year, published.month
    if shift == 0:
        return py
    if shift == -1:  # "last February" said in March is a year back: last month is "last month"
        return py if m < pm - 1 else py - 1
    if shift == 1:
        return py if m > pm else py + 1
    if direction < 0:  # a month or two ahead may still be what a past-tense report speaks of
        return py if m <= pm + _NEAR_MONTHS else py - 1
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
        self._pos: Optional[list[int]] = None

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
            if word in _NOT_FUTURE and any(tuple(words[i:i + len(p)]) == p
                                           for p in _NOT_FUTURE[word]):
                i += 1  # "next to the embassy" is a place, not a time
                continue
            if word == "later" and i and words[i - 1] in _SPAN_UNITS:
                cues.append((pos, -1))  # "two weeks later": a story told in the past
                i += 1
                continue
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
            elif (self._past(raw, word) or (i == 0 and self._past(word, word))) and not (
                    i and words[i - 1] in _ADJ_BEFORE and (word == "last" or word.endswith("ed"))):
                # a past tense, even sentence-first ("Found …"); but "the last day" and "a still
                # undecided day" are adjectives
                cues.append((pos, -1))
            elif word == "to" and not cues and i <= 8 and i + 1 < len(tokens) and (
                    tokens[i + 1][1].islower()) and words[i + 1] not in _DETERMINERS and not any(
                    w in _FINITE for w in words[:i]):
                cues.append((pos, 1))  # headline infinitive: "Rail strike to start …"
            i += 1
        return cues

    @staticmethod
    def _past(raw: str, word: str) -> bool:
        return word in _PAST_WORDS or (
            raw.islower() and len(word) >= 5 and word.endswith("ed")
            and not word.endswith("eed") and word not in _NOT_PAST)

    def _positions(self) -> list[int]:
        if self._pos is None:
            self._pos = [p for p, _ in self.cues()]
        return self._pos

    def direction(self, start: int, end: int) -> int:
        cues, pos = self.cues(), self._positions()
        i = bisect.bisect_left(pos, start)  # cues before start: cues[:i]
        if i:
            return cues[i - 1][1]
        j = bisect.bisect_left(pos, end)
        return cues[j][1] if j < len(cues) else -1

    def plan_after_cue(self, start: int) -> bool:
        """An infinitive between the last cue and `start`: a plan told in the past ("agreed to
        buy the line in February", "a deal to take over the bank in January")."""
        i = bisect.bisect_left(self._positions(), start)
        since = max(self._positions()[i - 1] if i else 0, start - 200)
        m = _INFINITIVE.search(self.text, since, start)
        return m is not None and m.group(1) not in _NOT_VERBS

    def cue_before(self, start: int) -> int:
        """The nearest cue before `start`, 0 if none: a weaker reading than direction()."""
        i = bisect.bisect_left(self._positions(), start)
        return self.cues()[i - 1][1] if i else 0


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
            second = _AND_DAY.match(text, end) if not (m["y1"] or m["d2"]) else None
            year = second["y"] if second else m["y1"]
            rel_year = _REL_YEAR_AFTER.match(text, end) if not (year or second) else None
            if rel_year:  # "on November 4 this year", "December 17 of next year"
                end = rel_year.end()
                if published is not None:
                    year = str(published.year + _SHIFTS[fold(rel_year["shift"])])
            out.append((start, end, _month_day(m, mon, year, text, end, published,
                                               _day_cue(text, start, tense))))
            if second:  # "on April 24 and 25": the second day of the same month
                out.append((second.start("d"), second.end(), _day_range(
                    int(second["d"]), mon, None, mon, int(year) if year else None, published,
                    _day_cue(text, start, tense))))
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
        elif not (_cued_without_word(text, low, wstart, start, last_end)
                  or _attributive_month(text, low, token, end)):
            continue
        last_end = end
        rel_year = _REL_YEAR_AFTER.match(text, end) if shift is None else None
        if rel_year:  # "in July last year", "in April next year": that year's month
            out.append((start, rel_year.end(), _month(published.year + _SHIFTS[fold(
                rel_year["shift"])], mon) if published else DateSpan(None, None, "month",
                                                                      month=mon)))
            continue
        if published is None:
            out.append((start, end, DateSpan(None, None, "month", month=mon)))
            continue
        direction = forced if forced is not None else tense.direction(start, end)
        if (direction < 0 and forced is None and shift is None
                and 0 < (mon - published.month) % 12 <= _PLAN_MONTHS
                and tense.plan_after_cue(start)):
            direction = 1  # a plan told in the past, for the coming months
        out.append((start, end, _month(_month_year(mon, published, shift, direction), mon)))


def _attributive_month(text: str, low: str, token: str, end: int) -> bool:
    """A month before its noun: "the October vote", "a June deal", "for January sales",
    "December's exports". A month that is also a first name only after a determiner ("a June
    deal", but not "for June", "May's")."""
    name = fold(token) in _NAME_MONTHS
    if text.startswith(("'s", "’s"), end) and not name:
        nxt = _next_word(text, end + 2)
    elif low == "for" and not name:  # "the figure for October was …", "for January sales"
        nxt = _next_word(text, end)
        return nxt.isalpha() and nxt.islower() and nxt not in ("of", "and", "or")
    elif low in _YEAR_DETS:
        nxt = _next_word(text, end)
    else:
        return False
    return nxt.isalpha() and nxt.islower() and nxt not in _NOT_YEAR_NOUNS


def _month_day(m: re.Match[str], mon: int, year: Optional[str], text: str, end: int,
               published: Optional[date], cue: Callable[[], int]) -> Optional[DateSpan]:
    d1 = int(m["d1"])
    d2 = int(m["d2"]) if m["d2"] else None
    mon2 = _MONTHS[fold(m["mon2"])] if m["mon2"] else mon
    if m["mon2"] and not _cased(m["mon2"]):
        return None
    if year is None and _LOW_TAIL.match(text, end):
        return None  # "June 11:50", "May 5%": not a date
    return _day_range(d1, mon, d2, mon2, int(year) if year else None, published, cue)


def _day_range(d1: int, mon: int, d2: Optional[int], mon2: int, year: Optional[int],
               published: Optional[date], cue: Callable[[], int] = _no_cue
               ) -> Optional[DateSpan]:
    if year is not None and not 1000 <= year <= 2199:
        return None
    if year is not None and d2 is not None and mon2 < mon:
        year -= 1  # "December 30-January 2, 2024": the year is the range's end
    if year is None:
        if _safe_date(2024, mon, d1) is None or (
                d2 is not None and _safe_date(2024, mon2, d2) is None):
            return None  # invalid in any year (leap day is valid in 2024)
        if published is None:  # month and day still compare with another year-less claim
            return DateSpan(None, None, "day", month=mon, day=d1) if d2 is None else DateSpan(
                None, None, "day")
        year = _nearest_year(mon, d1, published, cue)
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


def _day_first(text: str, published: Optional[date], tense: _Tense, out: list[_Cand]) -> None:
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
            if _title_word(word) or not (word.isalpha() or not word) or (
                    _title_word(_next_word(text, end)) and not text.startswith(".", end)):
                continue  # "Top 10 March Madness"; but "resumed 17 July in Oslo" is a date
        mon = _MONTHS[fold(token)]
        d2 = int(m["d2"]) if m["d2"] else None
        out.append((start, end, _day_range(int(m["d1"]), mon, d2, mon, int(m["y"]) if m["y"]
                                           else None, published,
                                           _day_cue(text, start, tense))))


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


def _this_year(text: str, published: Optional[date], out: list[_Cand]) -> None:
    other: Optional[re.Match[str]] = None  # the sentence's first other year, searched once
    searched = False
    for m in _THIS_YEAR.finditer(text):
        if m["end"] and _prev(text, m.start())[0].lower() not in _YEAR_END_CUES:
            continue  # "since year-end" looks back; "the end of the year" alone is vague
        start = m.start("fy") if m["fy"] else m.start("oy") if m["oy"] else m.start()
        if start != m.start():
            if not searched:
                other, searched = _OTHER_YEAR.search(text), True
            if _YEAR_AFTER.match(text, m.end()) or (other is not None and other.start() < start):
                continue  # "for the year 2000"; "in 1985 … for the year" is that year
        out.append((start, m.end(), _year(published.year) if published else DateSpan(
            None, None, "year")))


def _relatives(text: str, published: Optional[date], low: str, out: list[_Cand]) -> None:
    for m in _RELATIVE.finditer(text):
        shift = _SHIFTS[fold(m["shift"])]
        unit = fold(m["unit"])
        if not m["pre"]:
            word, _ = _prev(text, m.start())
            if word.lower() in ("the", "a", "every", "each", "per") and shift != 0:
                continue  # "over the last year" is a duration
            if m["shift"][0].isupper() and (_title_word(word) or (
                    m["unit"].istitle() and not text[:m.start()].isspace()
                    and text[:m.start()].strip())):
                continue  # "This Week in Asia", the show "This Week"
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
    if "year" in low and ("current" in low or "fiscal" in low or "calendar" in low
                          or "end" in low or "for the" in low or "of the year" in low):
        _this_year(text, published, out)
    for m in _DAY_WORD.finditer(text):
        w = m["w"]
        word, _ = _prev(text, m.start())
        if w[0].isupper() and _title_word(word):
            continue  # "USA Today", "Top News Today"
        key = " ".join(fold(w).split())
        if key == "last night" and word.lower() == "the":
            continue
        possessive = text.startswith(("'s", "’s"), m.end())
        figurative = possessive and (
            _next_word(text, m.end() + 2).lower() in _FIGURATIVE_AFTER_TODAY)
        if key in ("today", "tomorrow") and (
                figurative or (word.lower() == "of" and not possessive)):
            continue  # "the cities of tomorrow", "today's youth": the present age, not a day
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
            if word.lower() in _NAMED_DAYS:
                continue  # "Good Friday", "Super Tuesday"
            if _title_word(word) and _title_word(_next_word(text, m.end())):
                continue  # a name in title case: "Bloody Sunday Inquiry", "Ends Friday In Oslo"
            if not text[:m.start()].strip() and _title_word(_next_word(text, m.end())):
                continue  # "Wednesday Addams …"
        shift = _SHIFTS.get(mod)
        if published is None:
            out.append((m.start(), m.end(), DateSpan(None, None, "day")))
            continue
        d = _weekday_date(_WEEKDAYS[fold(wd_token)], published, shift,
                          tense.direction(m.start(), m.end()))
        out.append((m.start(), m.end(), DateSpan(d, d, "day")))


def _det_before(text: str, wstart: int) -> tuple[str, str]:
    word, _ = _prev(text, wstart)
    return word, word.lower()


def _attributive(text: str, word: str, low: str, y: int, follower: str, end: int) -> bool:
    """A year between a determiner and its noun ("the 2012 election", "her 2016 bid",
    "the company's 1989 report", "in both 1990 and 1991"), or closing "for 1989," in a
    report of results. Counts ("the 2000 votes", "a 1900 block") are kept out by the noun."""
    if not 1700 <= y <= 2099:
        return False
    if low == "for":
        return y >= 1900 and _FOR_YEAR_END.match(text, end) is not None
    if not (low in _YEAR_DETS or (_POSSESSIVE.search(word) and low not in _CONTRACTIONS)):
        return False
    if low == "both":
        return follower.lower() == "and"
    return follower[:1].isalpha() and follower.lower() not in _NOT_YEAR_NOUNS


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
                b = before.lower()
                if ((b in _CHANGE and (low not in _DATE_ONLY_CUES or b in _ODDS)) or (
                        before[:1].isdigit())) and not (
                        low == "between" and _BETWEEN_YEARS.match(text, start)):
                    continue  # "rose by 2000", "one in 2000"; not "shrank between 1998 and 2004."
            elif low in _DATING_CUES and _prev(text, wstart)[0].lower() in _DATING_WORDS:
                pass  # "dating back to 2009"
            elif not (_cued_without_word(text, low, wstart, start, last_end)
                      or _attributive(text, word, low, y, follower, end)
                      or (word.isalpha() and word.islower() and low not in _COUNT_ADJECTIVES
                          and _attributive(text, *_det_before(text, wstart), y, follower, end))):
                continue
        last_end = end
        out.append((start, end, _year(y)))


def _year_ranges(text: str, out: list[_Cand]) -> None:
    for m in _YEAR_RANGE.finditer(text):
        y1, raw2 = int(m["y1"]), m["y2"]
        y2 = y1 // 100 * 100 + int(raw2) if len(raw2) == 2 else int(raw2)
        if not y1 < y2 <= y1 + 30 or (len(raw2) == 2 and int(raw2) <= 12 and y2 != y1 + 1):
            continue  # "2010-12" may be December 2010; "1990-1640" is no range
        if _next_word(text, m.end()).lower() in _YEAR_BLOCKERS:
            continue
        out.append((m.start(), m.end(), DateSpan(date(y1, 1, 1), date(y2, 12, 31), "year")))


def _spoken_years(text: str, out: list[_Cand]) -> None:
    for m in _SPOKEN_YEAR.finditer(text):
        if m["y2k"]:
            out.append((m.start(), m.end(), _year(2000)))
            continue
        if m["teen"]:
            y = 1900 + 10 + _TEENS.index(m["teen"].lower())
        else:
            y = 1900 + 10 * (2 + _TENS.index(m["tens"].lower()))
            if m["unit"]:
                y += 1 + _UNITS.index(m["unit"].lower())
        follower = _next_word(text, m.end()).lower()
        if follower in _YEAR_BLOCKERS or follower in ("hundred", "thousand", "million"):
            continue  # "nineteen eighty-two people"
        start = m.start()
        word, wstart = _prev(text, start)
        if word.rstrip(".").lower() in _FULL_MONTHS and _cased(word):
            out.append((wstart, m.end(), _month(y, _MONTHS[fold(word)])))
            continue
        out.append((start, m.end(), _year(y)))


def _holidays(text: str, published: Optional[date], tense: _Tense, out: list[_Cand]) -> None:
    for m in _HOLIDAY.finditer(text):
        name = " ".join(fold(m["h"]).replace("’", "'").split())
        rule = _HOLIDAYS.get(name)
        word, wstart = _prev(text, m.start())
        low = word.lower()
        if rule is None:  # a bare "Christmas" is a season unless a cue points at the day
            rule = _HOLIDAYS.get(name + " day")
            if rule is None or low not in _MONTH_CUES and low not in _SHIFTS:
                continue
        if not m["h"][0].isupper():
            continue
        start = wstart if low in _SHIFTS else m.start()
        year = _HOLIDAY_YEAR.match(text, m.end())
        if year:  # "Christmas Day 2019", "on Election Day in 2024"
            day = _holiday_in(rule, int(year["y"]))
            out.append((start, year.end(), DateSpan(day, day, "day") if day else None))
            continue
        if published is None:  # a fixed day keeps its month and day
            out.append((start, m.end(), DateSpan(None, None, "day", month=rule[0], day=rule[1])
                        if rule[2] == 0 else DateSpan(None, None, "day")))
            continue
        if low in _SHIFTS:
            cue = _SHIFTS[low] or 0
        else:
            cue = tense.cue_before(m.start())
        day = _holiday_date(rule, published, cue, strict=low in _SHIFTS)
        out.append((start, m.end(), DateSpan(day, day, "day") if day else None))


def _holiday_date(rule: tuple[int, ...], published: date, cue: int,
                  strict: bool) -> Optional[date]:
    """The instance nearest the publication date, or on the cue's side of it."""
    days = [d for d in (_holiday_in(rule, y) for y in range(published.year - 1,
                                                            published.year + 2)) if d]
    if strict and cue:  # "last Thanksgiving": strictly before
        days = [d for d in days if (d - published).days * cue > 0]
    if not days:
        return None
    best = min(days, key=lambda d: abs((d - published).days))
    sided = [d for d in days if (d - published).days * cue >= 0] if cue else []
    if sided and abs((best - published).days) > _NEAR_DAYS:
        return min(sided, key=lambda d: abs((d - published).days))
    return best


def _holiday_in(rule: tuple[int, ...], y: int) -> Optional[date]:
    month, day, nth = rule[:3]
    if nth == 0:
        return _safe_date(y, month, day)
    first = _safe_date(y, month, 1)
    if first is None or not 1 <= y <= 9998:
        return None
    return first + timedelta(days=(day - first.weekday()) % 7 + 7 * (nth - 1) + (
        rule[3] if len(rule) > 3 else 0))


def _anaphora(text: str, published: Optional[date], cands: list[_Cand]) -> None:
    """"the following year", "later that year": counted from the last date before it in the
    sentence ("Born in May 1995, she moved the following year"). With none, no claim, except
    for a comparison with the year before the report: "up from $2 a year earlier"."""
    resolved = sorted((c for c in cands if c[2] is not None and c[2].start is not None),
                      key=lambda c: c[1])
    ends = [c[1] for c in resolved]
    for m in _ANAPHORA.finditer(text):
        i = bisect.bisect_right(ends, m.start())
        words = fold(m[0]).split()
        if not i:
            if (published is not None and words == ["a", "year", "earlier"]
                    and _COMPARISON.search(text, max(0, m.start() - 120), m.start())):
                cands.append((m.start(), m.end(), _year(published.year - 1)))
            continue
        anchor = resolved[i - 1][2]
        assert anchor is not None and anchor.start is not None and anchor.end is not None
        key = " ".join("year" if w == "month" else w for w in words)
        if "month" in words:
            if anchor.granularity not in ("day", "month"):
                continue
            shift = _ANAPHORA_SHIFTS[key]
            base = anchor.start if shift <= 0 else anchor.end
            idx = base.year * 12 + base.month - 1 + shift
            out_span = _month(idx // 12, idx % 12 + 1)
        else:
            shift = _ANAPHORA_SHIFTS[key]
            if shift == 0 and anchor.start.year != anchor.end.year:
                continue
            out_span = _year((anchor.end if shift > 0 else anchor.start).year + shift)
        cands.append((m.start(), m.end(), out_span))
        if out_span is not None:  # "a month later … the following month" counts on from it
            j = bisect.bisect_right(ends, m.end())
            ends.insert(j, m.end())
            resolved.insert(j, (m.start(), m.end(), out_span))


def _year_ago(text: str, published: Optional[date], out: list[_Cand]) -> None:
    """"the year-ago quarter", "year-earlier results": the year before publication."""
    for m in _YEAR_AGO.finditer(text):
        nxt = _next_word(text, m.end())
        if not (nxt.isalpha() and nxt.islower()) or nxt in _NOT_YEAR_NOUNS:
            continue
        out.append((m.start(), m.end(), _year(published.year - 1) if published else DateSpan(
            None, None, "year")))


def _select(cands: list[_Cand]) -> list[Mention]:
    """Longest candidate wins an overlap; an invalid one (None) blocks its span and vanishes.
    The chosen spans never overlap, so a bisection on their starts finds a clash."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    chosen: list[_Cand] = []
    starts: list[int] = []
    ends: list[int] = []
    for c in cands:
        if c[0] >= c[1]:
            continue
        i = bisect.bisect_left(starts, c[1])  # chosen spans starting before c ends: [:i]
        if i and ends[i - 1] > c[0]:
            continue
        starts.insert(i, c[0])
        ends.insert(i, c[1])
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
            _day_first(text, published, tense, cands)
    if digits:
        if "-" in low:
            _iso(text, cands)
        if "0s" in low or "0’s" in low or "0's" in low:
            _decades(text, cands)
        if "q" in low:
            _quarters(text, cands)
        _years(text, cands)
        if "-" in low or "–" in low or "/" in low:
            _year_ranges(text, cands)
    if "nineteen" in low or "two thousand" in low:
        _spoken_years(text, cands)
    if any(w in low for w in _HAS_SEASON):
        _seasons(text, published, cands)
    if any(w in low for w in _HAS_RELATIVE):
        _relatives(text, published, low, cands)
        if "day" in low:
            _weekdays(text, published, tense, cands)
        if "year-" in low:
            _year_ago(text, published, cands)
    if any(w in low for w in _HAS_HOLIDAY):
        _holidays(text, published, tense, cands)
    if ("year" in low or "month" in low) and any(w in low for w in _HAS_ANAPHORA):
        _anaphora(text, published, cands)
    return _select(cands) if cands else []
