"""Properties of the whole extract stage on arbitrary text (hypothesis, bounded for speed):
it never raises, every claim's offsets hold, intervals are ordered, and file order never
changes what `check` finds."""

import math
from datetime import date

from hypothesis import HealthCheck, given, settings, strategies as st

from factcheck.align import align
from factcheck.compare import compare
from factcheck.extract import extract
from factcheck.model import DateSpan, Document, Duration, Quantity
from factcheck.segment import segment

# Text that looks enough like news to reach every recognizer, mixed with arbitrary unicode.
WORDS = st.sampled_from([
    "the", "President", "said", "on", "Wednesday", "last", "September", "July", "2000", "in",
    "24", "years", "first", "visit", "more", "than", "30", "people", "ago", "eight", "“", "”",
    '"', "support", "unwavering", "1.5", "million", "%", "₹900", "23-24", "second", "summit",
    ".", ",", "\n", "\n\n", "Updated:", "April", "25,", "2019", "1e400", "٣٤", "\u200b", "—",
    # Letters a case-insensitive pattern takes for s and i although lower() keeps them apart.
    "laſt", "Thurſday", "Aprİl", "fırst", "ſix", "mıllion", "yeſterday",
])
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=80).map(" ".join)
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _check_claims(text: str, published) -> None:
    doc = Document(id="x", path="x.txt", text=text, published=published)
    for claim in extract(segment(doc)).claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.text
        value = claim.value.amount if isinstance(claim.value, Duration) else claim.value
        if isinstance(value, Quantity):
            assert not math.isnan(value.low) and value.low <= value.high
        span = claim.value.anchor if isinstance(claim.value, Duration) else value
        if isinstance(span, DateSpan) and span.start and span.end:
            assert span.start <= span.end


@SETTINGS
@given(NEWSY, st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1),
                                             max_value=date(2060, 12, 31))))
def test_extract_on_newsy_text(text, published):
    _check_claims(text, published)


@SETTINGS
@given(st.text(max_size=400))
def test_extract_on_arbitrary_text(text):
    _check_claims(text, date(2024, 6, 19))


STORY = ("Talks Resume\n\nThe two delegations met for the {n} time in {y} years, officials "
         "said. \"We will not abandon the talks,\" the minister said on Tuesday.\n")


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(4)))
def test_findings_do_not_depend_on_order(order):
    variants = [("a", "second", 18), ("b", "second", 18), ("c", "second", 19), ("d", "second", 18)]
    docs = [Document(id=i, path=f"{i}.txt", text=STORY.format(n=n, y=y), published=date(2025, 3, 12))
            for i, n, y in variants]
    def findings(ds):
        claims = [c for d in ds for c in extract(segment(d)).claims]
        return sorted((c.kind, c.fingerprint, c.severity) for c in compare(align(claims)))
    assert findings([docs[i] for i in order]) == findings(docs)


# The shortcuts extraction takes must never change what it reads: a number pattern run only from
# where a number may start finds what the plain scan finds, and AnyOf answers as the alternation.
NUMBERISH = st.lists(st.one_of(WORDS, st.sampled_from([
    "a dozen", "an eighth", "half-dozen", "twenty-four", "Hundred", "3rd", "$5", "£2bn", "aged",
    "-year-old", "between", "about", "nearly", "x9", "9x", "1,200.5", "ſeven", "İ",
]), st.text(max_size=5)), max_size=40).map(" ".join)


@SETTINGS
@given(NUMBERISH)
def test_number_shortcut_finds_what_a_full_scan_finds(text):
    from factcheck.extract import numbers, quantity
    for pattern, lead in ((quantity._QUANTITY, quantity._LEAD), (quantity._AGE, 0)):
        fast = [(m.start(), m.end()) for m in numbers.finditer_numbers(pattern, text, lead)]
        assert fast == [(m.start(), m.end()) for m in pattern.finditer(text)]


@SETTINGS
@given(st.lists(st.sampled_from(["vote", "Votes", "polls? clos", r"\bturn(?:out|ed)\b",
                                 r"(?:sea|lake)side", "ſ", r"\d+ seats", "x*", "a|b"]),
                min_size=1, max_size=4),
       st.text(alphabet="voteslpcturnsdkaeiſİ ab0123", max_size=40))
def test_any_of_agrees_with_one_alternation(patterns, text):
    import re

    from factcheck import rules
    for flags in (0, re.IGNORECASE):
        joined = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
        assert rules.AnyOf(patterns, flags).search(text) == bool(joined.search(text))
