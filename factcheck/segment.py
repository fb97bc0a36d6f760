"""Clean & segment: tell the story from the site chrome around it, and split it into sentences.

Scraped pages carry menus, trending lists, prices and sign-in prompts full of numbers and dates
that have nothing to do with the story; a claim from any of them is a false alarm. The story is
found as the densest run of prose lines, its headline as the title-shaped line just before it
that shares the most words with it, and its end at the first "Most popular"-style marker.
Sentences keep exact offsets into the document text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from factcheck import rules
from factcheck.model import Article, Document, Sentence
from factcheck.words import stem

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# A closing mark may stand apart from the full stop in tokenized text: 'the end. "'
_TERMINAL = re.compile(r"""[.!?][\s"'”’)\]]*$""")
_ELLIPSIS_END = re.compile(r"""(?:\.\.\.|…)[\s"'”’]*$""")
_BULLET = re.compile(r"^(?:[-•*–]|\d{1,2}[.)])\s+")
_DATELINE = re.compile(
    r"^(?:\s*date\s+\d{4}-\d\d-\d\d|(?:last\s+|first\s+)?(?:updated|published|posted)\s*(?:on)?\s*:?|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\s+\d)",
    re.IGNORECASE,
)
# No leading \s*: searched over a line of 200,000 spaces, each start would run to the end.
_SOURCE_TAG = re.compile(r"\((?:[A-Z][A-Za-z]*|[A-Z]+)\)\s*$")

_MIN_PROSE_WORDS = 4
_LONG_PROSE_WORDS = 20
_RUN_GAP = 6  # non-prose lines a story may have between two of its prose lines
_HEADLINE_WINDOW = 14  # lines before the story where its headline may stand
_STRAGGLER_LEN = 100  # a prose line at most this long, and
_STRAGGLER_GAP = 2  # this many non-prose lines from the next, may be a teaser, not the story
_MAX_STRAGGLERS = 3  # teasers that may stand one after another ahead of the story

_STOP = frozenset(
    "a an the and or but of to in on at for by with from as is are was were be been has have had "
    "his her its their this that these those it he she they we you i not no after before over "
    "into about amid than then will would can could may might also said says more most first "
    "new year years".split()
)


@dataclass(frozen=True)
class _Line:
    index: int
    start: int
    end: int
    text: str


def _lines(text: str, offset: int) -> list[_Line]:
    lines: list[_Line] = []
    pos = offset
    for raw in text[offset:].splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip(" \t\u00a0\u200b\ufeff")
        if stripped:
            lead = len(body) - len(body.lstrip(" \t\u00a0\u200b\ufeff"))
            start = pos + lead
            lines.append(_Line(len(lines), start, start + len(stripped), stripped))
        pos += len(raw)
    return lines


@lru_cache(maxsize=1024)  # each line is read several times, and menus repeat on every page
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _content_terms(text: str) -> set[str]:
    """Content words, stemmed: a headline "visits" where the story's first line "visited"."""
    return {stem(w) for w in map(str.lower, _words(text)) if w not in _STOP and not w.isdigit()}


@lru_cache(maxsize=1024)
def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _words(text))


class _Chrome:
    def __init__(self) -> None:
        data = rules.load("chrome")
        self.tail = {t.lower() for t in data["tail_markers"]}
        self.tail_prefixes = tuple(p.lower() for p in data["tail_prefixes"])
        # Every line of every page is tested, and nearly all are prose: a pattern is searched
        # only when the line holds a word it cannot match without ("subscri", "newsletter").
        self.patterns = rules.AnyOf(data["chrome_patterns"], re.IGNORECASE)
        self._seen: dict[str, bool] = {}
        credits = "|".join(re.escape(c) for c in data["caption_credits"])
        self.credit = re.compile(rf"(?:\((?:{credits})\)|\|\s*photo(?:\s+credit)?\s*:\s*[\w .]+)\s*$",
                                 re.IGNORECASE)

    def is_tail(self, line: str) -> bool:
        low = line.lower().strip(" :|-–—")
        return low in self.tail or low.startswith(self.tail_prefixes)

    def is_chrome(self, line: str) -> bool:
        known = self._seen.get(line)
        if known is None:
            known = self.patterns.search(line)
            if len(self._seen) < 50000:  # menus and share bars repeat on every page of a site
                self._seen[line] = known
        return known


_chrome: Optional[_Chrome] = None


def _rules() -> _Chrome:
    global _chrome
    if _chrome is None:
        _chrome = _Chrome()
    return _chrome


def _strip_credit(line: str, chrome: _Chrome) -> tuple[str, bool]:
    if "|" not in line and not line.rstrip().endswith(")"):
        return line, False  # a credit is "(Agency)" at the end or "| Photo: …": most lines are neither
    m = chrome.credit.search(line)
    if m:
        return line[: m.start()].rstrip(), True
    return line, False


def _is_prose(line: str, chrome: _Chrome) -> bool:
    text, _ = _strip_credit(line, chrome)
    text = _BULLET.sub("", text)
    words = _words(text)
    n = len(words)
    if n >= _MIN_PROSE_WORDS and _TERMINAL.search(text) and not _ELLIPSIS_END.search(text):
        return True
    if n >= _LONG_PROSE_WORDS and not _ELLIPSIS_END.search(text):
        lower = sum(1 for w in words if w[0].islower())
        return lower >= n * 0.5  # sentence case: a truncated paragraph, not a title-case list item
    return False


def _is_headline_shaped(line: str, chrome: _Chrome) -> bool:
    n = len(_words(line))
    return (3 <= n <= 30 and not _ELLIPSIS_END.search(line) and not chrome.is_chrome(line)
            and not _DATELINE.match(line) and not _BULLET.match(line))


def _story_run(lines: list[_Line], prose: list[bool], tail: list[bool]) -> Optional[tuple[int, int]]:
    """The (first, last) line indexes of the densest run of prose lines."""
    best: Optional[tuple[int, int]] = None
    best_size = 0
    run_start: Optional[int] = None
    run_last = -1
    size = 0
    for i, line in enumerate(lines):
        if tail[i]:
            if run_start is not None and size > best_size:
                best, best_size = (run_start, run_last), size
            run_start, size = None, 0
            continue
        if not prose[i]:
            continue
        if run_start is not None and i - run_last - 1 > _RUN_GAP:
            if size > best_size:
                best, best_size = (run_start, run_last), size
            run_start, size = None, 0
        if run_start is None:
            run_start = i
        run_last = i
        size += len(line.text)
    if run_start is not None and size > best_size:
        best = (run_start, run_last)
    return best


def _after_straggler(lines: list[_Line], prose: list[bool], first: int, last: int
                     ) -> Optional[int]:
    """The run's second prose line, when its first is short and stands _STRAGGLER_GAP or more
    non-prose lines away from it; else None."""
    if len(lines[first].text) > _STRAGGLER_LEN:
        return None
    nxt = next((i for i in range(first + 1, last + 1) if prose[i]), None)
    return nxt if nxt is not None and nxt - first - 1 >= _STRAGGLER_GAP else None


def _pick_headline(lines: list[_Line], prose: list[bool], first: int, last: int, doc: Document,
                   chrome: _Chrome) -> tuple[Optional[int], float]:
    """The headline's line index and how well it matches the story's opening prose."""
    # A title the file gave (title_from "metadata", or a record built with one) names the
    # headline; one made from the story itself (`titled`: "headline") is never read back.
    if doc.title and doc.title_from != "headline":
        wanted = _norm(doc.title)
        for line in lines:
            if _norm(line.text) == wanted:
                return line.index, float("inf")
    # How many of the story's opening lines use each word: a headline is made of the words the
    # story keeps coming back to ("Harlow", "floods"), not of a word it uses once ("food").
    story_terms: Counter[str] = Counter()
    for line in lines[first : min(last + 1, first + 8)]:
        # Only the story's prose: a list of links between its lines ("Lottery results: …" twice)
        # would match itself, and an "ALSO READ | …" link says nothing of the story.
        if prose[line.index]:
            story_terms.update(_content_terms(line.text))
    best, best_score = None, 0.0
    for line in lines[max(0, first - _HEADLINE_WINDOW) : first]:
        # prose[i] is _is_prose() here: a headline-shaped line is neither chrome nor a dateline
        if not _is_headline_shaped(line.text, chrome) or prose[line.index]:
            continue
        terms = _content_terms(line.text)
        if not terms:
            continue
        common = terms & story_terms.keys()
        shared = len(common)
        score = shared * sum(story_terms[t] for t in common) / len(terms)
        if shared >= 2 and score >= best_score:  # ties go to the later, closer line
            best, best_score = line.index, score
    if best is None:
        return None, 0.0
    # The page may repeat its headline (share bars, image alts): take its first copy nearby.
    wanted = _norm(lines[best].text)
    for line in lines[max(0, first - _HEADLINE_WINDOW) : best]:
        if _norm(line.text) == wanted:
            return line.index, best_score
    return best, best_score


def _role(line: str, chrome: _Chrome) -> str:
    if _BULLET.match(line):
        return "key_point"
    if _strip_credit(line, chrome)[1] or _SOURCE_TAG.search(line):
        return "caption"
    return "body"


def segment(doc: Document) -> Article:
    """The story of `doc`: its headline and sentences, with the chrome left out."""
    chrome = _rules()
    lines = _lines(doc.text, doc.body_offset)
    if not lines:
        return Article(doc=doc, sentences=())
    tail = [chrome.is_tail(line.text) for line in lines]
    prose = [(_is_prose(line.text, chrome) and not chrome.is_chrome(line.text)
              and not _DATELINE.match(line.text)) for line in lines]
    run = _story_run(lines, prose, tail)
    if run is None:
        first, last = len(lines), len(lines) - 1
    else:
        first, last = run
    headline_idx, fit = _pick_headline(lines, prose, first, last, doc, chrome) if run else (None, 0.0)
    if run is not None:
        # A short prose line apart from the rest ("Quiz: how well do you know…?" in a list of
        # links) can open the run ahead of the headline: begin after it if a headline then shows
        # that matches the story better than any line above the teaser (a menu, another link).
        # A list may hold several such lines, one after another.
        after = _after_straggler(lines, prose, first, last)
        for _ in range(_MAX_STRAGGLERS):
            if after is None:
                break
            later, later_fit = _pick_headline(lines, prose, after, last, doc, chrome)
            # A line above the teaser that fits the story less well is replaced only by a
            # headline below it: a short standfirst set apart by the byline is no teaser.
            if later is not None and (headline_idx is None or (later > first and later_fit > fit)):
                headline_idx, fit, first = later, later_fit, after
            after = _after_straggler(lines, prose, after, last)

    start = headline_idx if headline_idx is not None else first
    end = len(lines)
    for i in range(max(start, first), len(lines)):
        if tail[i]:
            end = i
            break

    headline_norm = _norm(lines[headline_idx].text) if headline_idx is not None else None
    sentences: list[Sentence] = []
    headline: Optional[Sentence] = None
    standfirst_done = False
    for line in lines[start:end]:
        if headline_norm is not None and _norm(line.text) == headline_norm:
            s = Sentence(line.start, line.end, line.text, "headline", line.index)
            sentences.append(s)
            headline = headline or s
            continue
        if tail[line.index] or chrome.is_chrome(line.text) or _DATELINE.match(line.text):
            continue
        is_prose = prose[line.index]
        if not is_prose:
            # A standfirst may lack a full stop; nothing else without one belongs to the story.
            if (headline_idx is not None and not standfirst_done and line.index <= headline_idx + 2
                    and len(_words(line.text)) >= 8 and line.text[0].isupper()
                    and _is_headline_shaped(line.text, chrome)):
                sentences.extend(_split(doc.text, line, "standfirst"))
                standfirst_done = True
            continue
        role = _role(line.text, chrome)
        if headline_idx is not None and not standfirst_done and role == "body":
            role = "standfirst"
        standfirst_done = True
        sentences.extend(_split(doc.text, line, role))
    return Article(doc=doc, sentences=tuple(sentences), headline=headline)


# ── titles ────────────────────────────────────────────────────────────────────────────────────

_TITLE_MAX = 160  # characters of a headline-made title; a longer first line is a paragraph
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")


def title_of(article: Article) -> Optional[str]:
    """The title a report shows for an article: its metadata's, else its headline, else its
    first line (so a .txt article has one too). Read off the segmentation extraction makes
    anyway: segmenting again to title an article cost a cold check a sixth of its time."""
    doc = article.doc
    if doc.title and doc.title.strip():
        return doc.title
    title = article.headline.text if article.headline is not None else ""
    if not title:
        rest = doc.text[doc.body_offset:doc.body_offset + 4 * _TITLE_MAX + 4096]
        title = next((ln for ln in rest.split("\n") if ln.strip()), "")
    title = " ".join(_HEADING_MARK.sub("", title).split())
    if len(title) > _TITLE_MAX:
        title = title[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return title or None


def titled(doc: Document, title: Optional[str]) -> Document:
    """`doc` with the title its extraction gave (`title_of`) when it has none of its own. A
    title made so is marked "headline": segment never reads it back as the headline."""
    if doc.title or not title:
        return doc
    return replace(doc, title=title, title_from="headline")


# ── sentences ─────────────────────────────────────────────────────────────────────────────────

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt gov sen rep no vs etc inc ltd co corp dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est fig u.s u.k u.n e.g i.e".split()
)
_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’)\]]*)(\s+|(?=[A-Z][a-z]))""")
_LAST_WORD = re.compile(r"([\w.]+)$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_LAST_WORD_SPAN = 80  # a token longer than this is no abbreviation
MAX_SENTENCE = 2000  # characters; a longer "sentence" is read in pieces (see _bounded)
_CLAUSE_MARKS = (";", ":", ",", "—", "–")
_OPENERS = "“‘"
_CLOSERS = "”’"


def _quote_depth_ok(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


class _QuoteDepth:
    """Whether a cut falls inside a quote, counting the marks once as the cuts move on (counting
    the whole head at every cut was quadratic in a long paragraph)."""

    def __init__(self, text: str, balanced: bool) -> None:
        self.text, self.balanced = text, balanced
        self.pos = self.straight = self.opened = 0

    def inside(self, upto: int) -> bool:
        if not self.balanced:
            return False
        if upto > self.pos:
            chunk = self.text[self.pos:upto]
            self.straight += chunk.count('"')
            self.opened += chunk.count("“") - chunk.count("”")
            self.pos = upto
        return self.straight % 2 == 1 or self.opened > 0


def _split(doc_text: str, line: _Line, role: str) -> list[Sentence]:
    text = line.text
    base = line.start
    bullet = _BULLET.match(text) if role == "key_point" else None
    begin = bullet.end() if bullet else 0
    depth = _QuoteDepth(text, _quote_depth_ok(text))
    out: list[Sentence] = []
    for m in _BOUNDARY.finditer(text):
        cut = m.end(2)
        if cut >= len(text.rstrip()):
            break
        if depth.inside(cut):
            continue
        # Only the word before the mark: the whole head at every mark was quadratic ("x. y. " × n)
        word = _LAST_WORD.search(text[max(begin, m.start(1) - _LAST_WORD_SPAN) : m.start(1)])
        token = word.group(1).lower() if word else ""
        if m.group(1) == "." and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
                                  or _INITIALS.fullmatch(token)):
            continue
        nxt = text[m.end() : m.end() + 1]
        if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'`"):
            continue
        out.append(_sentence(doc_text, base, text, begin, cut, role, line.index))
        begin = m.end()
    if begin < len(text):
        out.append(_sentence(doc_text, base, text, begin, len(text), role, line.index))
    return [piece for s in out if s.text for piece in _bounded(s)]


def _bounded(s: Sentence) -> list[Sentence]:
    """`s`, or when longer than MAX_SENTENCE characters, `s` cut into pieces that are not: every
    recognizer and every claim's frame reads its sentence whole, so a 100,000-word "sentence"
    (a page without full stops, a list of figures) would cost time and memory quadratic in its
    length. A cut falls after the last clause mark (; : , — –) in the piece's last quarter,
    else at its last space, so that a figure and its unit are seldom parted."""
    if len(s.text) <= MAX_SENTENCE:
        return [s]
    text, out, begin = s.text, [], 0
    while len(text) - begin > MAX_SENTENCE:
        limit = begin + MAX_SENTENCE
        low = limit - MAX_SENTENCE // 4
        cut = max(text.rfind(mark, low, limit) for mark in _CLAUSE_MARKS)
        cut = cut + 1 if cut >= low else text.rfind(" ", low, limit)
        if cut <= begin:
            cut = limit  # no space in the last quarter: a hard cut
        out.append(_sentence(s.text, s.start, text, begin, cut, s.role, s.block))
        begin = cut
    out.append(_sentence(s.text, s.start, text, begin, len(text), s.role, s.block))
    return [piece for piece in out if piece.text]


def _sentence(doc_text: str, base: int, text: str, begin: int, end: int, role: str,
              block: int) -> Sentence:
    chunk = text[begin:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    start = base + begin + lead
    return Sentence(start, start + len(chunk), chunk, role, block)
