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

from factcheck.load import file_place
from factcheck.model import Article, Claim, Extraction, Mention, Quote, Sentence

# A news story makes tens of claims, a long report a few hundred; past this many the text is a
# list, a table or a flood, and reading on would cost time and memory for nothing anyone could
# check: the article is named and skipped (see TooManyClaims).
MAX_CLAIMS = 2000


class TooManyClaims(ValueError):
    """The article holds more than MAX_CLAIMS claims."""

    def __init__(self) -> None:
        super().__init__(f"more than {MAX_CLAIMS:,} claims: a list or table rather than a "
                         "story, skipped")


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
    find_elapsed, find_dates, find_quantities, find_ordinals, _ = _recognizers()
    text = sentence.text
    published = article.published
    candidates = (
        find_elapsed(text, published)
        + find_dates(text, published)
        + find_quantities(text)
        + find_ordinals(text)
    )
    candidates.sort(key=lambda m: (_PRIORITY[m.kind], -(m.end - m.start), m.start))
    # The chosen never overlap, so sorted by start they are sorted by end too: a candidate can
    # only overlap its neighbours there (testing every chosen one was quadratic in a sentence
    # of many figures).
    chosen: list[Mention] = []
    starts: list[int] = []
    for m in candidates:
        if m.start >= m.end:
            continue
        i = bisect.bisect_left(starts, m.start)
        if (i and chosen[i - 1].end > m.start) or (i < len(chosen) and chosen[i].start < m.end):
            continue
        chosen.insert(i, m)
        starts.insert(i, m.start)
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


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    from factcheck import rules

    return frozenset(rules.load("speech")["descriptors"])


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
    if words and words[-1] in _roles():
        return None  # "the Alaska governor", "authorities": a description, not a name
    names = [w for w, raw in zip(words, speaker.split()[-len(words):]) if raw[:1].isupper()
             and w not in _TITLES]
    return names[-1] if names else None




def _said_lines(text: str) -> bool:
    """Short lines said in a quote each end a sentence ("Mo is ours.⏎He bleeds red."), unlike a
    link or a caption between paragraphs."""
    return all(line.rstrip(" \t\"'”’`").endswith((".", "!", "?", "…"))
               for line in text.splitlines() if line.strip())


RUN_GAP_LINES = 3  # short lines the story left out ("I partied.") may stand inside a quote
RUN_GAP_CHARS = 300


def _runs(article: Article) -> list[list[int]]:
    """The story's sentences in runs that stand next to each other in the document: a quote may
    run over the sentences and paragraphs of one run. Between two sentences of a run there is
    only white space, or a few short lines the story left out (a quote's "I had fun." is too
    short to be read as prose). The headline is a run of its own."""
    text = article.doc.text
    runs: list[list[int]] = []
    for i, s in enumerate(article.sentences):
        if runs and s.role != "headline":
            prev = article.sentences[runs[-1][-1]]
            gap = text[prev.end:s.start] if prev.end <= s.start else "x"
            if prev.role != "headline" and (not gap.strip() or (
                    len(gap) <= RUN_GAP_CHARS and gap.count("\n") <= RUN_GAP_LINES + 1)):
                runs[-1].append(i)
                continue
        runs.append([i])
    return runs


def _quotes(article: Article) -> dict[int, list[tuple[Mention, Sentence]]]:
    """Quote mentions by the sentence they start in (or, when it starts in a line the story left
    out, the next one), each with the sentence it is read in: its own, or for a quote over
    several sentences all of them; offsets relative to that sentence."""
    find_quotes = _recognizers()[-1]
    sentences = article.sentences
    text = article.doc.text
    out: dict[int, list[tuple[Mention, Sentence]]] = {}
    for run in _runs(article):
        base = sentences[run[0]].start
        chunk = text[base:sentences[run[-1]].end]
        bounds = [(sentences[i].start - base, sentences[i].end - base) for i in run]
        starts = [b[0] for b in bounds]
        ends = [b[1] for b in bounds]
        headline = sentences[run[0]].role == "headline"
        for m in find_quotes(chunk, bounds, headline=headline):
            first = bisect.bisect_right(ends, m.start)  # the first sentence ending after it starts
            last = bisect.bisect_left(starts, m.end) - 1  # the last sentence starting before its end
            if first >= len(run):
                continue
            if last < first and not _said_lines(chunk[m.start:m.end]):
                continue  # wholly in lines the story left out, and not lines someone said
            one = sentences[run[first]]
            if first == last and one.start - base <= m.start and m.end <= one.end - base:
                where = one
            else:
                s = min(m.start, bounds[first][0]) + base
                e = max(m.end, bounds[last][1]) + base
                where = Sentence(s, e, text[s:e], one.role, one.block)
            shift = where.start - base
            out.setdefault(run[first], []).append(
                (replace(m, start=m.start - shift, end=m.end - shift), where))
    return out


def extract(article: Article, recognize: Callable[[Sentence, Article], list[Mention]] = _mentions
            ) -> Extraction:
    """Every claim the story makes, in document order, each with its frame and its slots."""
    from factcheck.extract.frame import build_frame
    from factcheck.extract.slots import LONE, ArticleNames, Neighbours, read_slots

    doc = article.doc
    lines = _Lines(doc.text)
    people = _people(" ".join(s.text for s in article.sentences))
    quotes = _quotes(article)
    # (not the headline: Title Case capitalizes common words)
    article_names = ArticleNames("\n".join(s.text for s in article.sentences
                                           if s.role != "headline"))
    claims: list[Claim] = []
    for index, sentence in enumerate(article.sentences):
        if len(claims) > MAX_CLAIMS:
            raise TooManyClaims()
        found = [(m, sentence) for m in recognize(sentence, article)]
        found.extend(quotes.get(index, ()))
        found.sort(key=lambda f: (f[1].start + f[0].start, f[1].start + f[0].end))
        # A claim's slots read the other claims of the sentence it is read in (a quote over
        # several sentences is read in all of them).
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for m, w in found:
            spans.setdefault(id(w), []).append((m.start, m.end, m.kind))
        neighbours = {key: Neighbours(group) if len(group) > 1 else LONE
                      for key, group in spans.items()}
        for m, where in found:
            start, end = where.start + m.start, where.start + m.end
            line, column = lines.locate(start)
            if doc.source_line is not None:
                line = doc.source_line  # a JSONL object's text is one string on one line
            elif doc.file_places:  # text extracted from a page: the page's own line
                line, column = file_place(doc.file_places, start)
            value = m.value
            if isinstance(value, Quote):
                value = replace(value, speaker_ref=resolve_speaker(value.speaker, people))
            frame = build_frame(where.text, m.start, m.end, m.kind)
            claims.append(Claim(
                id=f"{doc.id}#{len(claims) + 1}", article=doc.id, path=doc.path, kind=m.kind,
                text=doc.text[start:end], start=start, end=end, line=line, column=column,
                sentence=where.text, sentence_start=where.start, role=where.role,
                value=value, frame=frame,
                published=doc.published, trusted=doc.trusted, source_label=doc.source_label,
                slots=read_slots(where.text, m.start, m.end, m.kind, value, frame,
                                 neighbours[id(where)], article_names),
            ))
    if len(claims) > MAX_CLAIMS:
        raise TooManyClaims()
    return Extraction(article=article, claims=tuple(claims))
