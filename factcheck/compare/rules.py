"""The comparison rules: whether two claims lined up as one fact agree, conflict, or are a later
update, and when they cannot be compared at all.

Values are intervals, so "more than 30" and "32" agree and "nearly 24" and "24" agree; only
intervals that cannot overlap (after the tolerance a figure's rounding implies) conflict. Each
rule is a small named object (see factcheck.rulebook) with its parameters in rules/compare.yaml;
`judge` runs them in order, the first that decides gives the outcome, and its `Verdict` goes
into the finding's trace.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Callable, ClassVar, Mapping, Optional, Union

from factcheck.model import Claim, DateSpan, Duration, Ordinal, Quantity, Verdict
from factcheck.report.values import describe
from factcheck.rulebook import Rule
from factcheck.rules import load as load_rules
from factcheck.words import term

_PARAMS = load_rules("compare")
_MONTH_DAY = re.compile(r"\b(?:" + "|".join(
    re.escape(str(name)) for names in load_rules("calendar")["months"].values() for name in names)
    + r")\.?\s+\d{1,2}\b", re.IGNORECASE)


NEWS_CYCLE = timedelta(days=int(_PARAMS["news-cycle"]["days"]))  # relative dates ("on Wednesday") from articles further apart
#                                  than this speak of different events
_YEAR_IN_TEXT = re.compile(r"\b\d{4}\b|'\d\ds\b")


@lru_cache(maxsize=1)
def running_counts() -> frozenset[str]:
    """rules/wording.yaml running_counts as frame terms, and as the plain words a unit holds."""
    words = [str(w) for w in load_rules("wording")["running_counts"]]
    return frozenset(words) | frozenset(term(w) for w in words)


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Settings:
    """The desk's rules from claims.yaml that bear on comparison."""

    tolerance: Mapping[str, float] = field(default_factory=dict)  # unit → absolute tolerance
    relative_tolerance: float = 0.0  # for large counts: 0.02 lets 10,000 and 10,150 agree
    severity: Mapping[str, str] = field(default_factory=dict)  # finding kind → severity


# ── intervals ─────────────────────────────────────────────────────────────────────────────────


def implied_precision(x: float) -> float:
    """Half a unit of the last stated digit of a round figure: 1,500 → 50, 2,000 → 500.
    Figures below 100 or without trailing zeros are taken at their word."""
    if not math.isfinite(x) or x < 100 or not float(x).is_integer():
        return 0.0
    n = int(x)
    step = 1
    while n % (step * 10) == 0:
        step *= 10
    return step / 2 if step >= 100 else 0.0


def _bounds(q: Quantity, extra: float) -> tuple[float, float, bool, bool]:
    """The interval a figure stands for: a round figure covers what rounds to it (half-open)."""
    precision = implied_precision(q.low) if q.approx == "exact" and q.low == q.high else 0.0
    low, high = q.low - precision - extra, q.high + precision + extra
    open_ = precision > 0 and extra == 0
    return low, high, q.low_open or open_, q.high_open or open_


def quantities_overlap(a: Quantity, b: Quantity, settings: Settings = Settings()) -> bool:
    """Can both intervals hold at once? Open ends exclude their bound: (30, ∞) and [30, 30] don't.
    The desk's tolerance is how far apart two figures may be, so it is added to one side only."""
    tol = settings.tolerance.get(a.unit, 0.0)
    biggest = max(abs(x) for x in (a.low, a.high, b.low, b.high) if math.isfinite(x)) \
        if any(math.isfinite(x) for x in (a.low, a.high, b.low, b.high)) else 0.0
    if settings.relative_tolerance and biggest >= 1000:
        tol = max(tol, biggest * settings.relative_tolerance)
    a_lo, a_hi, a_lo_open, a_hi_open = _bounds(a, tol)
    b_lo, b_hi, b_lo_open, b_hi_open = _bounds(b, 0.0)
    if a_hi < b_lo or b_hi < a_lo:
        return False
    if a_hi == b_lo and (a_hi_open or b_lo_open):
        return False
    if b_hi == a_lo and (b_hi_open or a_lo_open):
        return False
    return True


def spans_overlap(a: DateSpan, b: DateSpan) -> Optional[bool]:
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    return a.start <= b.end and b.start <= a.end


def _month_day(span: DateSpan) -> Optional[tuple[int, Optional[int]]]:
    """The month and (for one day) the day a span names, whether or not its year is known."""
    if span.start is None or span.end is None:
        return (span.month, span.day if span.granularity == "day" else None) if span.month else None
    if span.granularity == "day" and span.start == span.end:
        return span.start.month, span.start.day
    if span.granularity == "month" and (span.start.year, span.start.month) == (
            span.end.year, span.end.month):
        return span.start.month, None
    return None


def calendar_overlap(a: DateSpan, b: DateSpan) -> Optional[bool]:
    """Two dates of which one has no year (an undated article's "June 8") still agree or differ
    on month and day: "June 8" and "June 13" cannot be one day in any year. None when either
    names no month (a weekday, a year) or both have their year."""
    if a.start is not None and b.start is not None:
        return None
    ma, mb = _month_day(a), _month_day(b)
    if ma is None or mb is None:
        return None
    if ma[0] != mb[0]:
        return False
    return ma[1] is None or mb[1] is None or ma[1] == mb[1]


# ── relations between two aligned claims ──────────────────────────────────────────────────────


def _absolute(claim: Claim) -> bool:
    return bool(_YEAR_IN_TEXT.search(claim.text))


def _same_cycle(a: Claim, b: Claim) -> bool:
    if a.article == b.article:
        return True
    if a.published is None or b.published is None:
        return False
    return abs(a.published - b.published) <= NEWS_CYCLE


def _time_span(claim: Claim) -> Optional[DateSpan]:
    value = claim.value
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, Duration):
        return value.anchor
    return None


def _is_running_count(a: Claim, b: Claim) -> bool:
    words = set(a.frame.terms[:8]) | set(b.frame.terms[:8])
    unit = a.value.unit if isinstance(a.value, Quantity) else ""
    running = running_counts()
    return bool(words & running) or unit in running or term(unit) in running


_UNIT_DAYS = {"year": 365.25, "month": 30.44, "week": 7, "day": 1}


def _era(claim: Claim) -> Optional[str]:
    """"news" for a date within the claim's own news cycle, "history" for one years before it."""
    span, published = claim.value, claim.published
    if not isinstance(span, DateSpan) or span.start is None or span.end is None or not published:
        return None
    if abs((span.start - published).days) <= NEWS_CYCLE.days:
        return "news"
    if (published - span.end).days > 365:
        return "history"
    return None


def _about_previous(date_claim: Claim, elapsed: Claim) -> bool:
    """"First visit in 24 years" speaks of the previous visit, long before publication; a date
    of this week ("on Wednesday") is the current event, whatever the sentences share."""
    span, amount = date_claim.value, elapsed.value.amount  # type: ignore[union-attr]
    if span.end is None or elapsed.published is None or amount.unit not in _UNIT_DAYS:
        return False
    half = max(1.0, amount.low) * _UNIT_DAYS[amount.unit] / 2
    return (elapsed.published - span.end).days > half


# ── the rules ─────────────────────────────────────────────────────────────────────────────────


Reason = Union[str, Callable[[], str]]  # a reason, or how to word it when a trace shows it


class Relation(Rule):
    """A comparison rule: it decides (an outcome and why) or passes to the next rule."""

    stage = "compare"
    both: ClassVar[Optional[type]] = None  # decides only when both values are of this type

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        raise NotImplementedError


def _weigh_figures(va: Quantity, vb: Quantity, settings: Settings) -> tuple[str, Reason]:
    """Agree when the two intervals can both hold, else conflict (counts and elapsed times)."""
    if quantities_overlap(va, vb, settings):
        return "agree", lambda: f"{describe(va)} and {describe(vb)} can both hold"
    return "conflict", lambda: f"{describe(va)} and {describe(vb)} cannot both hold"


class UnitsDiffer(Relation):
    """Figures in different units are not weighed against each other: 12 people and 12 percent."""

    name = "units-differ"
    both = Quantity

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if isinstance(va, Quantity) and isinstance(vb, Quantity) and va.unit != vb.unit:
            return "skip", f"{va.unit} and {vb.unit}"
        return None


class RunningCount(Relation):
    """A toll, a count of arrests or of evacuees grows while the story runs: a higher figure in
    a later article is an update, not a conflict (the words that make a running count are
    rules/wording.yaml `running_counts`)."""

    name = "running-count"
    both = Quantity

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if not (isinstance(va, Quantity) and isinstance(vb, Quantity)):
            return None
        if not (a.published and b.published and a.published != b.published):
            return None
        if not quantities_overlap(va, vb, settings) and _is_running_count(a, b):
            (ea, earlier), (la, later) = sorted(((a.published, va), (b.published, vb)))
            if later.low >= earlier.high:
                return "update", lambda: f"{describe(earlier)} on {ea}, {describe(later)} on {la}: a count that grows"
        return None


class QuantityIntervals(Relation):
    """Two figures agree when their intervals can both hold: "more than 30" and "32", a round
    "1,500" and "1,530" (a round figure covers what rounds to it), or figures within the desk's
    tolerance; otherwise they conflict."""

    name = "quantity-intervals"
    both = Quantity

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if not (isinstance(va, Quantity) and isinstance(vb, Quantity)):
            return None
        return _weigh_figures(va, vb, settings)


class ElapsedSameDay(Relation):
    """Two elapsed times ("in 24 years", "in 25 years") written on the same day count from the
    same day: they compare as figures. So do those of an undated article (an editor's draft)
    lined up with its story's: it is told as the story's own, not years later."""

    name = "elapsed-same-day"
    both = Duration

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if (isinstance(va, Duration) and isinstance(vb, Duration)
                and (a.published == b.published or a.published is None or b.published is None)
                and va.amount.unit == vb.amount.unit):
            return _weigh_figures(va.amount, vb.amount, settings)
        return None


class SameRank(Relation):
    """"The second summit" and "the third summit" of one event cannot both be true."""

    name = "same-rank"
    both = Ordinal

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if isinstance(va, Ordinal) and isinstance(vb, Ordinal):
            if va.rank == vb.rank:
                return "agree", "the same rank"
            return "conflict", f"rank {va.rank} and rank {vb.rank}"
        return None


class NoTime(Relation):
    """A claim that is no time, or an elapsed time with no anchor, cannot be weighed as a date."""

    name = "no-time"

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        if _time_span(a) is None or _time_span(b) is None:
            return "skip", "no date to weigh"
        return None


class CalendarMonthDay(Relation):
    """An undated article's "June 8" still agrees or differs with another's on month and day:
    "June 8" and "June 13" cannot be one day in any year."""

    name = "calendar-month-day"
    both = DateSpan

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if not (isinstance(va, DateSpan) and isinstance(vb, DateSpan)):
            return None
        if va.start is not None and vb.start is not None:
            return None
        by_calendar = calendar_overlap(va, vb)
        if by_calendar is None:
            return "skip", "no year, and no month and day to weigh"
        return ("agree", "the same month and day") if by_calendar else (
            "conflict", "different months or days")


class NewsCycle(Relation):
    """"This week" in 2019 and in 2024 are different weeks: relative dates of articles further
    apart than a news cycle speak of different events (a date with its year is exempt)."""

    name = "news-cycle"

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if isinstance(va, DateSpan) and isinstance(vb, DateSpan):
            if not (_same_cycle(a, b) or (_absolute(a) and _absolute(b))):
                return "skip", "relative dates of articles more than a news cycle apart"
        elif isinstance(va, DateSpan) or isinstance(vb, DateSpan):
            date_claim = a if isinstance(va, DateSpan) else b
            if not (_absolute(date_claim) or _same_cycle(a, b)):
                return "skip", "a relative date and an elapsed time of different news cycles"
        return None


class RelativeDaysApart(Relation):
    """"On Friday" read on two different days is too easily a different Friday. "October 14"
    without its year is no such date: it names one day whoever reads it in the news cycle."""

    name = "relative-days-apart"
    both = DateSpan

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        if (isinstance(a.value, DateSpan) and isinstance(b.value, DateSpan)
                and not (_absolute(a) or _absolute(b)) and a.published != b.published
                and not (_MONTH_DAY.search(a.text) and _MONTH_DAY.search(b.text))):
            return "skip", "two relative dates read on different days"
        return None


class EraDiffers(Relation):
    """One source speaks of this week, the other of history years before: not one event."""

    name = "era-differs"
    both = DateSpan

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        if isinstance(a.value, DateSpan) and isinstance(b.value, DateSpan):
            ea, eb = _era(a), _era(b)
            if ea and eb and ea != eb:
                return "skip", f"one date is {ea}, the other {eb}"
        return None


class AboutPrevious(Relation):
    """"First visit in 24 years" speaks of the previous visit, long before publication; a date
    of this week ("on Wednesday") is the current event, whatever the sentences share."""

    name = "about-previous"

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        va, vb = a.value, b.value
        if isinstance(va, DateSpan) != isinstance(vb, DateSpan):
            date_claim, elapsed = (a, b) if isinstance(va, DateSpan) else (b, a)
            if not _about_previous(date_claim, elapsed):
                return "skip", f"{date_claim.text!r} is the current event, not the previous one"
        return None


class SpanOverlap(Relation):
    """Two dates of one event agree when their spans overlap ("July 2000" and "July 19, 2000";
    "eight years ago" said in 2019 and "2011"), and conflict when they cannot."""

    name = "span-overlap"

    def decide(self, a: Claim, b: Claim, settings: Settings) -> Optional[tuple[str, Reason]]:
        span_a, span_b = _time_span(a), _time_span(b)
        overlap = spans_overlap(span_a, span_b) if span_a and span_b else None
        if overlap is None:
            return "skip", "an open date"
        if overlap:
            return "agree", lambda: f"{describe(span_a)} and {describe(span_b)} overlap"
        return "conflict", lambda: f"{describe(span_a)} and {describe(span_b)} cannot overlap"


RELATIONS: tuple[Relation, ...] = (
    UnitsDiffer(), RunningCount(), QuantityIntervals(), ElapsedSameDay(), SameRank(), NoTime(),
    CalendarMonthDay(), NewsCycle(), RelativeDaysApart(), EraDiffers(), AboutPrevious(),
    SpanOverlap())


@lru_cache(maxsize=None)
def _chain(type_a: type, type_b: type) -> tuple[Relation, ...]:
    """The rules, in order, that can decide for two values of these types (a count is never
    weighed by the calendar's rules)."""
    return tuple(rule for rule in RELATIONS if rule.both is None
                 or (issubclass(type_a, rule.both) and issubclass(type_b, rule.both)))


def judge(a: Claim, b: Claim, settings: Settings = Settings(), explain: bool = True) -> Verdict:
    """The first rule that decides, in order, and why: "agree", "conflict", "update" or
    "skip" (the two cannot be compared). Without `explain` the costlier reasons are left
    empty: a batch judges every lined-up pair, a trace shows a dozen."""
    for rule in _chain(type(a.value), type(b.value)):
        decided = rule.decide(a, b, settings)
        if decided is not None:
            outcome, reason = decided
            if callable(reason):
                reason = reason() if explain else ""
            return Verdict(rule.name, outcome, 0.0, reason, (a.id, b.id))
    raise AssertionError("span-overlap decides every pair the rules before it pass on")


def relation(a: Claim, b: Claim, settings: Settings = Settings()) -> Optional[str]:
    """"agree", "conflict", "update", or None when the two cannot be compared."""
    outcome = judge(a, b, settings).outcome
    return None if outcome == "skip" else outcome
