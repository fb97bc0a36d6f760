"""How values read, to a machine (the JSON contracts) and to an editor ("24 years", "July 2000")."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Optional

from factcheck.model import DateSpan, Duration, Ordinal, Quantity, Quote, Value


def _num(x: float) -> Optional[float | int]:
    if math.isinf(x) or math.isnan(x):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def _iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d else None


def value_to_dict(value: Value) -> dict[str, Any]:
    """The value as the claims JSON contract spells it (DESIGN.md)."""
    if isinstance(value, Quantity):
        return {"low": _num(value.low), "high": _num(value.high), "unit": value.unit,
                "approx": value.approx}
    if isinstance(value, DateSpan):
        out = {"start": _iso(value.start), "end": _iso(value.end),
               "granularity": value.granularity}
        if value.start is None and value.month is not None:
            out["month"] = value.month  # a year-less date still says what the text gives
            if value.day is not None:
                out["day"] = value.day
        return out
    if isinstance(value, Duration):
        out = value_to_dict(value.amount)
        anchor = value.anchor
        out.update({"start": _iso(anchor.start) if anchor else None,
                    "end": _iso(anchor.end) if anchor else None,
                    "granularity": anchor.granularity if anchor else None})
        return out
    if isinstance(value, Ordinal):
        return {"rank": value.rank}
    if isinstance(value, Quote):
        return {"quote": value.quote, "speaker": value.speaker}
    raise TypeError(f"not a claim value: {value!r}")


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}" if abs(x) >= 10000 else str(int(x))
    return f"{x:g}"


_PLURAL_UNITS = {"year", "month", "week", "day", "hour", "minute", "km", "people"}


def describe_quantity(q: Quantity) -> str:
    unit = q.unit
    if unit == "percent":
        unit_text = "%"
    elif unit in ("year", "month", "week", "day") and not (q.low == q.high == 1):
        unit_text = f" {unit}s"
    else:
        unit_text = f" {unit}"
    if q.approx in ("more_than", "at_least") or (math.isinf(q.high) and not math.isinf(q.low)):
        prefix = "more than " if q.approx == "more_than" else "at least "
        return f"{prefix}{_fmt(q.low)}{unit_text}"
    if q.low == q.high:
        return f"{_fmt(q.low)}{unit_text}"
    if q.approx in ("about", "nearly", "less_than", "at_most"):
        words = {"about": "about", "nearly": "nearly", "less_than": "less than", "at_most": "up to"}
        point = q.high if q.approx in ("nearly", "less_than", "at_most") else (q.low + q.high) / 2
        return f"{words[q.approx]} {_fmt(point)}{unit_text}"
    return f"{_fmt(q.low)}–{_fmt(q.high)}{unit_text}"


def describe_span(span: DateSpan) -> str:
    if span.start is None or span.end is None:
        if span.month:  # no year known: what the text gives ("June 8, year unknown")
            month = date(2000, span.month, 1).strftime("%B")
            day = f" {span.day}" if span.day and span.granularity == "day" else ""
            return f"{month}{day}, year unknown"
        return f"unresolved {span.granularity}"
    s, e = span.start, span.end
    g = span.granularity
    if g == "day":
        return s.isoformat() if s == e else f"{s.isoformat()}..{e.isoformat()}"
    if g == "month" and s.year == e.year and s.month == e.month:
        return s.strftime("%B %Y")
    if g == "year" and s.year == e.year:
        return str(s.year)
    if g == "decade":
        return f"the {s.year}s"
    return f"{s.isoformat()}..{e.isoformat()}"


def describe(value: Value) -> str:
    """A short editor-facing reading of a value."""
    if isinstance(value, Quantity):
        return describe_quantity(value)
    if isinstance(value, DateSpan):
        return describe_span(value)
    if isinstance(value, Duration):
        text = describe_quantity(value.amount)
        if value.anchor and value.anchor.start:
            text += f" (→ {describe_span(value.anchor)})"
        return text
    if isinstance(value, Ordinal):
        n = value.rank
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}" + (f" {value.noun}" if value.noun else "")
    if isinstance(value, Quote):
        return f"“{value.quote}”" + (f" ({value.speaker})" if value.speaker else "")
    return str(value)
