"""The plain, frozen records that flow between the pipeline stages.

Every stage takes and returns these and nothing else, so a stage can be read, tested and
replaced on its own: load → clean & segment → extract → align → compare → report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Optional, Union

INF = math.inf


# ── load ──────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Document:
    """One article as read from disk, before any cleaning.

    `text` is the text every offset refers to: the file as read for .txt/.md, the `text` field
    for .json/.jsonl objects, the extracted main text for .html.
    """

    id: str
    path: str  # as shown in reports: relative to the working directory where possible
    text: str
    title: Optional[str] = None
    published: Optional[date] = None
    # where the date came from: "metadata", "text" (a date line of the page), "url", "option"
    published_from: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    body_offset: int = 0  # where the article text starts (after front matter)
    trusted: bool = False  # a fact from claims.yaml, outranking articles
    source_label: Optional[str] = None  # e.g. "Kremlin archive" for a fact
    note: Optional[str] = None  # e.g. "decoded as windows-1252"
    source_line: Optional[int] = None  # the file line holding all of `text` (a JSONL object)
    # Where the title came from: "metadata" (front matter, the page's own title, the object's
    # field) or "headline" (none given: the story's headline, else its first line). Only a
    # metadata title may tell segment which line is the headline.
    title_from: Optional[str] = None
    # Where `text` stands in the file when it was extracted from one (.html): runs of (offset
    # into text, 1-based file line, 1-based column), each going on character for character
    # until the next; a claim's line and column are read here, its offsets stay in `text`.
    file_places: tuple[tuple[int, int, int], ...] = ()
    # `<!-- factcheck: accept FINGERPRINT reason -->` comments of a Markdown or text article
    # (blanked out of `text`, so they make no claims): the desk's decisions kept in the article.
    accepts: tuple["InlineAccept", ...] = ()


@dataclass(frozen=True)
class InlineAccept:
    """An accept written in the article itself: honoured like a claims.yaml ignore entry, for
    the findings that involve this article."""

    fingerprint: str  # 8 lowercase hex digits
    reason: str
    line: int  # 1-based, in the file as read


@dataclass(frozen=True)
class LoadError:
    """A file (or one JSONL line) that could not be read, and why, in an editor's words."""

    path: str
    reason: str
    id: Optional[str] = None


# ── clean & segment ───────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Sentence:
    """A sentence of the story, with its place in the document text."""

    start: int
    end: int
    text: str
    role: str  # "headline", "standfirst", "body", "key_point", "caption"
    block: int  # index of the paragraph it belongs to


@dataclass(frozen=True)
class Article:
    """The story told by one document: headline and sentences, site chrome removed."""

    doc: Document
    sentences: tuple[Sentence, ...]
    headline: Optional[Sentence] = None

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def published(self) -> Optional[date]:
        return self.doc.published


# ── extract ───────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Quantity:
    """A number as an interval: "more than 30" is (30, inf), "23-24" is [23, 24]."""

    low: float
    high: float
    unit: str  # normalized unit or counted noun: "year", "people", "percent", "INR", "MW"
    approx: str = "exact"  # exact, about, more_than, at_least, less_than, at_most, nearly, range
    low_open: bool = False
    high_open: bool = False


@dataclass(frozen=True)
class DateSpan:
    """A date at the granularity it was stated: July 2000 is 2000-07-01..2000-07-31."""

    start: Optional[date]
    end: Optional[date]
    granularity: str  # day, week, month, season, quarter, year, decade
    # What the text gives when there is no year to place it in ("June 8" in an undated draft):
    # two year-less claims of one event still compare on month and day.
    month: Optional[int] = None
    day: Optional[int] = None


@dataclass(frozen=True)
class Duration:
    """Elapsed time ("in 24 years", "eight years ago") and the anchor date it implies."""

    amount: Quantity
    anchor: Optional[DateSpan] = None


@dataclass(frozen=True)
class Ordinal:
    rank: int
    noun: Optional[str] = None  # "summit" in "second summit", when the recognizer sees it


@dataclass(frozen=True)
class Quote:
    quote: str
    speaker: Optional[str] = None  # as the sentence names them: "the Russian leader"
    speaker_ref: Optional[str] = None  # who that is, resolved in the article: "putin"


Value = Union[Quantity, DateSpan, Duration, Ordinal, Quote]

KIND_OF = {Quantity: "quantity", DateSpan: "date", Duration: "duration", Ordinal: "ordinal",
           Quote: "quote"}


@dataclass(frozen=True)
class Mention:
    """What a recognizer found: offsets are relative to the text it was given."""

    start: int
    end: int
    value: Value

    @property
    def kind(self) -> str:
        return KIND_OF[type(self.value)]


@dataclass(frozen=True)
class Frame:
    """What a claim is about: its sentence with the value masked, content words and names."""

    masked: str
    terms: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class Slots:
    """What a claim is about, read once by extract from its sentence so that align and compare
    never re-read it: two claims are one fact when they measure the same thing, of the same
    subject, at the same time.

    Every field may be empty: a slot the recognizers cannot fill says nothing either way.
    """

    # What the value measures, in plain lowercase words: the unit or counted noun with the
    # words that say which of its kind ("people killed", "people injured", "points per game",
    # "tariff steel"). Empty when nothing beyond the bare unit is known.
    measure: str = ""
    # The name the value belongs to, when the sentence says ("Halvik" in "Halvik scored 23
    # points"; "Drethanta" in "Drethanta's population of 40,000"), lowercased as in frame names.
    subject: Optional[str] = None
    actors: tuple[str, ...] = ()  # names in the sentence that act or are acted on
    places: tuple[str, ...] = ()  # names that stand as places ("in Harlow", "Harlow-based")
    event: Optional[str] = None  # the event word nearest the value, as a frame term ("kill")
    # What time the claim speaks of: "own" (the claim or its words carry a date: "in 2011",
    # "last year"), "sentence" (another date in its sentence), "published" (none: the day the
    # article appeared).
    time: str = "published"
    said_at: bool = False  # a date that tells when something was said ("said on Thursday")


@dataclass(frozen=True)
class Claim:
    id: str  # "<article id>#<n>", stable for the same file
    article: str
    path: str
    kind: str  # quantity, date, duration, ordinal, quote
    text: str  # the claim's own words, exactly document.text[start:end]
    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    sentence: str
    sentence_start: int
    role: str  # the sentence's role: headline, body, …
    value: Value
    frame: Frame
    published: Optional[date] = None
    trusted: bool = False
    source_label: Optional[str] = None
    slots: Slots = Slots()


@dataclass(frozen=True)
class Extraction:
    """Everything extract produced for one article."""

    article: Article
    claims: tuple[Claim, ...]

    def date_points(self) -> tuple["DatePoint", ...]:
        """Where the article's dates fall (its date claims and elapsed times' anchor dates): all
        the HTML timeline needs of it, kept in the cache beside its profile."""
        if self.article.doc.trusted:
            return ()
        points = []
        for claim in self.claims:
            span = claim.value.anchor if isinstance(claim.value, Duration) else claim.value
            if isinstance(span, DateSpan):
                points.append(DatePoint(claim.article, claim.path, claim.text, claim.start,
                                        claim.line, span))
        return tuple(points)


@dataclass(frozen=True)
class DatePoint:
    """A date claim, or an elapsed time's anchor date, as the HTML timeline places it: all a
    report needs of it, so that a re-check reads it from the cache without decoding claims."""

    article: str
    path: str
    text: str
    start: int  # the claim's offset: with `article`, how a finding's side names it
    line: int
    span: DateSpan


# ── align & compare: rules and their verdicts ─────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Verdict:
    """What one named rule said about two claims (or a group of them), so anyone can ask why a
    pair was lined up, why it was judged a conflict, or why it was not.

    `outcome` is one of: "veto" (not the same fact, whatever else holds), "for" / "against"
    (evidence about "same fact", `weight` of it), "score" (the sum the pair reached),
    "agree" / "conflict" / "update" / "skip" (a comparison's outcome), "finding" (how a
    finding was formed).
    """

    rule: str
    outcome: str
    weight: float = 0.0
    reason: str = ""
    claims: tuple[str, ...] = ()  # the ids of the claims it judged


Trace = tuple[Verdict, ...]


@dataclass(frozen=True)
class Profile:
    """What ties one article to its event (see events.py): the names its claims are about, when
    it was published, and the occurrences it dates to the day or month that lie outside its own
    days (as day-number intervals, inclusive)."""

    names: frozenset[str]
    published: Optional[date] = None
    dated: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Event:
    """Articles that report one occurrence (close in time, sharing its names); claims are lined
    up only within an event."""

    articles: tuple[str, ...]



@dataclass(frozen=True)
class Pair:
    """Two claims that, by their frames, speak about the same fact."""

    a: Claim
    b: Claim
    score: float
    trace: Trace = ()


@dataclass(frozen=True)
class KeptPairs:
    """One block's lined-up pairs, as a re-check reuses them: the digest of what the block's
    words weigh (every word's and name's count among its claims, the names too common to tell
    events apart, the words too common to propose a pair) and each pair as (claim id, claim
    id, score). A pair of two unchanged claims is judged alike as long as the weights are."""

    family: str
    weights: str
    pairs: tuple[tuple[str, str, float], ...]


# ── compare ───────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Side:
    claim: Claim
    role: str  # "outlier", "consensus", "side", "fact"
    highlight: tuple[tuple[int, int], ...] = ()  # spans in claim.sentence to highlight


@dataclass(frozen=True)
class Consensus:
    value: str
    support: int


@dataclass(frozen=True)
class Conflict:
    kind: str  # quantity, date, ordinal, quote, attribution, fact, update
    severity: str  # error, warning, info
    message: str
    fingerprint: str
    sides: tuple[Side, ...]
    consensus: Optional[Consensus] = None
    accepted: Optional[str] = None  # the reason, when claims.yaml accepts it
    id: str = ""
    trace: Trace = ()  # the rules that paired its claims and judged them, in order
    # What an editor reads first: what the fact is about, the odd one out and the consensus
    # ("Length of the Senn rail bridge: 2.4 km (norland-ledger) vs 3.1 km (estravia-today)").
    # `message` stays the comparison's own wording (the report@1 contract).
    title: str = ""
    fix: Optional[str] = None  # the change that would settle it ("change “25” to “24”"), if any
    # Fingerprints the same disagreement had in another shape (two sides before a third source
    # took one of them), so a decision the desk made then still holds.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """The whole run, the one object every output format is rendered from."""

    documents: tuple[Document, ...]
    errors: tuple[LoadError, ...]
    claim_counts: tuple[tuple[str, int], ...]  # (article id, claims)
    conflicts: tuple[Conflict, ...]
    notes: tuple[str, ...] = field(default=())  # e.g. stale ignore entries
    # The articles checked against the others (`check PATH --against REFS`): draft mode. Empty
    # when every article is checked alike.
    drafts: tuple[str, ...] = field(default=())
    # Archive articles a draft check read through the archive index, listed after `documents`
    # as the full check lists them (None: every article is in `documents`).
    listed: Optional["Listed"] = None


@dataclass(frozen=True)
class Listed:
    """The archive's articles as the report lists them, written once by `factcheck index`:
    a draft check against 100,000 articles splices them in rather than building and writing
    100,000 documents (issue 16)."""

    # their report@1 `articles` entries as the JSON report writes them (DEL and C1 controls
    # escaped), one a line, in archive order
    lines: str
    articles: int
    claims: int

    def entries(self) -> list[str]:
        return self.lines.split("\n") if self.lines else []


SEVERITIES = ("error", "warning", "info")
