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
