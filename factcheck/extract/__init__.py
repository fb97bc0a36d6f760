"""Extract: run one recognizer per claim kind over every sentence of the story.

Recognizers see one sentence at a time and return offsets into it; this module settles overlaps
(an elapsed "eight years ago" is not also a quantity "eight years"), places each claim in the
document (offset, line, column) and gives it its frame.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Optional

from factcheck.model import Article, Claim, Extraction, Mention, Quote, Sentence

# When two recognizers claim overlapping words, the more specific reading wins.
_PRIORITY = {"duration": 0, "date": 1, "quantity": 2, "ordinal": 3}


@lru_cache(maxsize=None)
def _recognizers() -> tuple[Callable[..., list[Mention]], ...]:
    # Imported here so that each recognizer module can be imported (and tested) on its own;
    # once, not per sentence.
    from factcheck.extract.dates import find_dates
    from factcheck.extract.elapsed import find_elapsed
    from factcheck.extract.ordinal import find_ordinals
    from factcheck.extract.quantity import find_quantities
    from factcheck.extract.quote import find_quotes

    return find_elapsed, find_dates, find_quantities, find_ordinals, find_quotes


def _mentions(sentence: Sentence, article: Article) -> list[Mention]:
    find_elapsed, find_dates, find_quantities, find_ordinals, find_quotes = _recognizers()
    text = sentence.text
    published = article.published
    candidates = (
        find_elapsed(text, published)
        + find_dates(text, published)
        + find_quantities(text)
        + find_ordinals(text)
    )
    candidates.sort(key=lambda m: (_PRIORITY[m.kind], -(m.end - m.start), m.start))
    chosen: list[Mention] = []
    for m in candidates:
        if m.start >= m.end or any(c.start < m.end and m.start < c.end for c in chosen):
            continue
        chosen.append(m)
    chosen.extend(find_quotes(text))
    chosen.sort(key=lambda m: (m.start, m.end))
    return chosen


class _Lines:
    """1-based line and column of an offset, by bisecting the newline positions once."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self.breaks, offset)
        line_start = self.breaks[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1


_TITLED = re.compile(
    r"\b(?:(?P<adj>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+)?(?P<role>President|Prime Minister|leader|"
    r"Foreign Minister|Minister|Chancellor|King|Premier)\s+(?P<name>(?:[A-Z][\w’'-]+\s){0,2}"
    r"[A-Z][\w’'-]+)")


def _people(text: str) -> dict[str, str]:
    """Descriptions the article uses for named people: "russian leader" → "putin"."""
    found: dict[str, str] = {}
    for m in _TITLED.finditer(text):
        surname = m.group("name").split()[-1].lower().replace("’", "'")
        if surname.endswith("'s"):
            surname = surname[:-2]
        role = m.group("role").lower()
        adj = (m.group("adj") or "").lower()
        if adj:
            found.setdefault(f"{adj} {role}", surname)
            found.setdefault(f"{adj} leader", surname)
            found.setdefault(adj.split()[-1] + " leader", surname)
        found.setdefault(role, surname)
    return found


_TITLES = frozenset("mr mrs ms dr president prime minister leader spokesman spokeswoman".split())


def resolve_speaker(speaker: Optional[str], people: dict[str, str]) -> Optional[str]:
    """Who a speaker phrase names, as a surname: "Ms. Watson" → "watson", "the Russian leader" →
    "putin" when the article calls Putin the Russian President. None when it cannot tell."""
    if not speaker:
        return None
    words = [w.strip(".,").lower().replace("’", "'") for w in speaker.split()]
    if any(w.endswith("'s") for w in words):
        return None  # "Putin's adviser" is not Putin
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    phrase = " ".join(words)
    if phrase in people:
        return people[phrase]
    names = [w for w, raw in zip(words, speaker.split()[-len(words):]) if raw[:1].isupper()
             and w not in _TITLES]
    return names[-1] if names else None


def extract(article: Article, recognize: Callable[[Sentence, Article], list[Mention]] = _mentions
            ) -> Extraction:
    """Every claim the story makes, in document order."""
    from factcheck.extract.frame import build_frame

    doc = article.doc
    lines = _Lines(doc.text)
    people = _people(" ".join(s.text for s in article.sentences))
    claims: list[Claim] = []
    for sentence in article.sentences:
        for m in recognize(sentence, article):
            start, end = sentence.start + m.start, sentence.start + m.end
            line, column = lines.locate(start)
            if doc.source_line is not None:
                line = doc.source_line  # a JSONL object's text is one string on one line
            value = m.value
            if isinstance(value, Quote):
                value = replace(value, speaker_ref=resolve_speaker(value.speaker, people))
            claims.append(Claim(
                id=f"{doc.id}#{len(claims) + 1}", article=doc.id, path=doc.path, kind=m.kind,
                text=doc.text[start:end], start=start, end=end, line=line, column=column,
                sentence=sentence.text, sentence_start=sentence.start, role=sentence.role,
                value=value, frame=build_frame(sentence.text, m.start, m.end, m.kind),
                published=doc.published, trusted=doc.trusted, source_label=doc.source_label,
            ))
    return Extraction(article=article, claims=tuple(claims))
