"""Quote recognizer: quoted spans of a few words, and who the sentence says spoke them.

A quote is the one claim where every word counts ("wavering" vs "unwavering"), and who said it
is a claim of its own, so the speaker is read from the sentence: "X said", "said X",
"according to X", "X thanked … for".

Real pages type quotes in many ways, and two outlets running one passage must both be read:
curly, straight, wire-style ``…'' and single marks; spaces inside the marks (tokenized text);
a closing mark glued to "said"; a quote over several sentences, or several paragraphs, each
paragraph opening with a mark and only the last one closed (the newspaper convention); a
closing mark whose opening mark the page lost. The recognizer reads a run of sentences at once
for that, in one pass over the marks (linear on any input).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from factcheck import rules
from factcheck.model import Mention, Quote

MIN_WORDS = 5  # a quote this long is one whatever the sentence says about it
MIN_WORDS_SPOKEN = 3  # shorter ones only when someone is said to say them ("…,” she said)
MIN_WORDS_SINGLE = 4  # ‘single-quoted’ spans are often titles or scare quotes
MIN_WORDS_HEADLINE = 2  # a headline's "Where She 'Knows Everyone'"
PIECE_MIN_WORDS = 7  # a paragraph of a long quote shorter than this joins its neighbour
MAX_QUOTE_CHARS = 3000  # an opening mark left open longer than this was a stray mark
SINGLE_MAX_LINES = 3
MAX_LINES = 12  # ... and so was one left open over more paragraphs than this
WINDOW_BEFORE = 300  # how far before a quote its speaker is looked for
WINDOW_AFTER = 200  # ... and after it

_MARK = re.compile(r"'''|``|''|[\"“”‘’']")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w.’'-]*|[A-Z]\.)$")
_LINE_LEAD = re.compile(r"(?m)^[ \t\u00a0\u200b\ufeff]*")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\s\"'”’)\]]*$")
_ENDS_CLAUSE = re.compile(r"[,.!?…;:-]\s*$")
_TOKENS = re.compile(r"[\w.’'-]+|,|;|:|—|–")
# What may follow the verb of a speech tag: "said.", "said Ms. Watson", "said in a statement",
# "told reporters"; not "He asked why, and…", where a quote begins.
_TAG_GOES_ON = ("the|a|an|in|on|at|during|after|before|when|while|as|of|from|to|outside|"
                "yesterday|today|tonight|last|this|reporters|journalists|police|officers|one|another|"
                "he|she|they|we")
_FUNCTION_WORDS = frozenset(
    "a an the of in on at for and or to with by from as into vs is are be it its".split())


def _speech() -> dict:
    return rules.load("speech")


@dataclass(frozen=True)
class _Rules:
    verbs: re.Pattern[str]  # any speech verb, anywhere
    cues: re.Pattern[str]  # a speech verb or "according", as a whole word
    tag_after: re.Pattern[str]  # a speech tag right after a closing mark: ", the mayor said"
    said_name: re.Pattern[str]  # "said Ms. Watson"
    name_said: re.Pattern[str]  # "Ms. Watson said"
    according: re.Pattern[str]
    according_after: re.Pattern[str]
    descriptors: frozenset[str]
    pronouns: frozenset[str]
    not_names: frozenset[str]
    not_speakers: frozenset[str]
    title_nouns: frozenset[str]
    headline_cues: frozenset[str]
    modifiers: frozenset[str]


_RULES: Optional[_Rules] = None


def _rules() -> _Rules:
    global _RULES
    if _RULES is None:
        data = _speech()
        verbs = "|".join(sorted(map(re.escape, data["verbs"]), key=len, reverse=True))
        _RULES = _Rules(
            verbs=re.compile(rf"\b(?:{verbs})\b"),
            cues=re.compile(rf"(?<![^\W\d_])(?:{verbs}|according)(?![^\W\d_])"),
            tag_after=re.compile(rf"[ \t]*(?:,[ \t]*)?(?:(?:{verbs})\b|(?:[\w.'’-]{{1,40}}[ \t]+){{1,6}}?"
                                 rf"(?:{verbs})\b(?=[ \t]*(?:[.,;:!?(\n]|$|[A-Z]|\w+ly\b|"
                                 rf"(?:{_TAG_GOES_ON})\b)))"),
            said_name=re.compile(r"\s*(?:[,.]\s*)?(?:(?:said|says|added|adds|told \w+|tells \w+|wrote|"
                                 r"asked)\s+)(.+)", re.S),
            name_said=re.compile(rf"\s*(?:[,.]\s*)?(\S.{{0,79}}?)\s+(?:{verbs})\b", re.S),
            according=re.compile(r"according to\s+(.{1,80})$", re.S),
            according_after=re.compile(r"\s*(?:[,.]\s*)?according to\s+(.{1,80})", re.S),
            descriptors=frozenset(data["descriptors"]),
            pronouns=frozenset(data["pronouns"]),
            not_names=frozenset(data["not_names"]),
            not_speakers=frozenset(data["not_speakers"]),
            title_nouns=frozenset(data["title_nouns"]),
            headline_cues=frozenset(data["headline_cues"]),
            modifiers=frozenset(data["modifiers"]),
        )
    return _RULES


# ── the marks of a text ───────────────────────────────────────────────────────────────────────

_OPEN, _CLOSE, _EITHER = 1, 2, 3


@dataclass
class _Open:
    mark: int  # where the first opening mark stands
    start: int  # where the text of the current paragraph's part begins
    line: int  # the line of the current part
    at_line_start: bool  # the current part's mark opens its line (paragraph)
    part_mark: int = -1  # where the current paragraph's mark stands
    # earlier paragraphs of the quote: (mark, text start, text end)
    parts: list[tuple[int, int, int]] = field(default_factory=list)


class _Text:
    """A run of sentences with its lines and sentence bounds, read once."""

    def __init__(self, text: str, bounds: Optional[Sequence[tuple[int, int]]]) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.lead = [m.end() for m in _LINE_LEAD.finditer(text)]  # first non-blank of each line
        if bounds is None:
            starts = [0] + [n + 1 for n in self.newlines]
            ends = self.newlines + [len(text)]
            bounds = list(zip(starts, ends))
        self.bounds = list(bounds)
        self.bound_starts = [s for s, _ in self.bounds]
        self._cues: Optional[list[tuple[int, int, bool]]] = None  # (start, end, is a verb)
        self._cue_starts: list[int] = []
        self._scanned = 0  # characters scanned window by window so far

    def cues(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """The speech verbs and "according" that start in text[start:end]. A few quotes scan
        their own windows; many quotes, whose windows would add up to more than the text, find
        them once for the whole text and look them up (a verb alternation searched in every
        window of 5,000 quotes cost more than the rest of the recognizer)."""
        pattern = _rules().cues
        if self._cues is None and self._scanned + (end - start) <= len(self.text):
            self._scanned += end - start
            return [(m.start(), m.end(), m.group(0) != "according")
                    for m in pattern.finditer(self.text, start, min(len(self.text), end + 20))
                    if m.start() < end]
        if self._cues is None:
            self._cues = [(m.start(), m.end(), m.group(0) != "according")
                          for m in pattern.finditer(self.text)]
            self._cue_starts = [c[0] for c in self._cues]
        i = bisect.bisect_left(self._cue_starts, start)
        j = bisect.bisect_left(self._cue_starts, end, i)
        return self._cues[i:j]

    def line_of(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos)

    def line_end(self, line: int) -> int:
        return self.newlines[line] if line < len(self.newlines) else len(self.text)

    def opens_line(self, pos: int, line: int) -> bool:
        return line < len(self.lead) and self.lead[line] == pos

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bound_starts, pos) - 1
        if i < 0:
            return 0, len(self.text)
        s, e = self.bounds[i]
        if pos <= e:
            return s, e
        # In a line the story left out (a quote's own paragraph): that line, not the sentence
        # before it, whose "X said" would be taken for the quote's lead-in.
        line = self.line_of(pos)
        return (self.newlines[line - 1] + 1 if line else 0), self.line_end(line)

    def next_sentence(self, pos: int) -> Optional[tuple[int, int]]:
        i = bisect.bisect_right(self.bound_starts, pos)
        return self.bounds[i] if i < len(self.bounds) else None


def _between_word_chars(text: str, start: int, end: int) -> bool:
    return (start > 0 and end < len(text) and (text[start - 1].isalnum())
            and text[end].isalnum())


def find_quotes(text: str, bounds: Optional[Sequence[tuple[int, int]]] = None,
                headline: bool = False) -> list[Mention]:
    """Quoted spans of a few words, with the speaker where the sentence names one.

    `text` is one sentence or a run of them (lines are paragraphs); `bounds` gives the
    sentences' (start, end) in it, in order (default: each line is one). A quote over several
    sentences or paragraphs is one mention, its quote text the parts joined."""
    if not any(q in text for q in '"“”‘’\'`'):
        return []
    t = _Text(text, bounds)
    marks = [(m.start(), m.end(), m.group(0)) for m in _MARK.finditer(text)]
    doubles, singles = [], []
    symmetric = "``" not in text and text.count("''") > 1  # a page that types ''…'' for "…"
    for s, e, g in marks:
        if symmetric and g == "''":
            g = '"'

        if g == "'''":  # a single closing mark inside a double one: 'Stop!'''
            singles.append((s, s + 1, "'"))
            doubles.append((s + 1, e, "''"))
        elif g in ("``", "''", '"', "“", "”"):
            doubles.append((s, e, g))
        elif not _between_word_chars(text, s, e):  # not an apostrophe: don't, O’Connor
            singles.append((s, e, g))
    found: list[Mention] = []
    regions: list[tuple[int, int]] = []  # every span a pair of double marks encloses
    _double_pass(t, doubles, found, regions, headline)
    _single_pass(t, singles, regions, found, headline)
    found.sort(key=lambda mention: mention.start)
    return found


def _straight_parity(t: _Text, doubles: list[tuple[int, int, str]]) -> dict[int, int]:
    """For each straight double mark, how many straight marks its line has from it on."""
    per_line: dict[int, list[int]] = {}
    for s, _, g in doubles:
        if g == '"':
            per_line.setdefault(t.line_of(s), []).append(s)
    left: dict[int, int] = {}
    for positions in per_line.values():
        for i, s in enumerate(positions):
            left[s] = len(positions) - i
    return left


def _closes_here(t: _Text, s: int, e: int) -> bool:
    """A mark that ends a quote whatever its shape: punctuation before it and a speech tag
    after it ("…, ``said Stefanski", "… orchestra “, the comedian said")."""
    text = t.text
    before = text[max(0, s - 3):s]
    after = text[e:e + 2]
    if not (_ENDS_CLAUSE.search(before) or after.lstrip(" \t")[:1] == ","):
        return False
    return _rules().tag_after.match(text, e, min(len(text), e + 120)) is not None


def _double_pass(t: _Text, doubles: list[tuple[int, int, str]], found: list[Mention],
                 regions: list[tuple[int, int]], headline: bool) -> None:
    text = t.text
    left = _straight_parity(t, doubles)
    cur: Optional[_Open] = None
    last_line = -1  # the line of the last double mark seen

    def unclosed(o: _Open) -> None:
        # An opening mark that opens its paragraph and is never closed: the quote runs to the
        # paragraph's end (the next paragraph went on with a new mark, or the page lost it).
        # Unclosed, each paragraph counts only as far as its own end.
        if o.at_line_start:
            end = t.line_end(o.line)
            if end - o.start <= MAX_QUOTE_CHARS:
                parts = [(pm, ps, min(pe, t.line_end(t.line_of(ps)))) for pm, ps, pe in o.parts]
                _emit_paragraphs(t, parts + [(o.part_mark, o.start, end)], end, found, headline)

    for s, e, g in doubles:
        line = t.line_of(s)
        first_on_line, last_line = line != last_line, line
        if cur is not None and (line - cur.line > MAX_LINES or s - cur.mark > MAX_QUOTE_CHARS):
            unclosed(cur)
            cur = None
        if g == "''" and s > 0 and text[s - 1].isdigit():
            continue  # 12'' is inches
        opens_line = t.opens_line(s, line)  # a mark that opens a paragraph never closes one
        if g in ("``", "“"):
            role = _CLOSE if cur is not None and not opens_line and _closes_here(t, s, e) else _OPEN
        elif g in ("''", "”"):
            role = _CLOSE
        else:
            role = _EITHER
        if role == _EITHER:
            if cur is None:
                lone = first_on_line and not opens_line and left.get(s, 0) % 2 == 1 and \
                    _ends_lone(t, s, e, line)
                role = _CLOSE if lone else _OPEN
            elif line == cur.line:
                role = _CLOSE
            elif opens_line:
                role = _OPEN
            elif _closes_here(t, s, e):
                role = _CLOSE
            elif left.get(s, 0) % 2 == 1:
                role = _CLOSE  # the last of an odd number on its line: the open quote ends here
            else:
                unclosed(cur)
                cur = None
                role = _OPEN
        if role == _OPEN:
            if cur is not None and line > cur.line and opens_line:
                # A new paragraph of the same quote: the last one ended without a mark.
                cur.parts.append((cur.part_mark, cur.start, t.line_end(line - 1)))
                cur.part_mark, cur.start, cur.line, cur.at_line_start = s, e, line, True
                continue
            if cur is not None:
                unclosed(cur)
            cur = _Open(mark=s, start=e, line=line, at_line_start=opens_line, part_mark=s)
            continue
        if cur is not None:
            regions.append((cur.mark, e))
            _emit_paragraphs(t, cur.parts + [(cur.part_mark, cur.start, s)], e, found, headline)
            cur = None
        elif g != "“" and first_on_line and _ends_lone(t, s, e, line):
            # A closing mark whose opening mark the page lost: the quote is its paragraph so far.
            start = t.lead[line] if line < len(t.lead) else 0
            if start < s:
                regions.append((start, e))
                _emit(t, [(start, s)], start, e, found, headline, lone=True)
    if cur is not None:
        unclosed(cur)


def _ends_lone(t: _Text, s: int, e: int, line: int) -> bool:
    """A closing mark with no opening one ends a quote when it ends its clause and its
    paragraph, or a speech tag follows it ("…time,'' the singer's agent said")."""
    text = t.text
    if not _ENDS_CLAUSE.search(text[max(0, s - 3):s]):
        return False
    rest = text[e:min(t.line_end(line), e + 200)]
    return not rest.strip(" \t.,;:!?)\"”'") or _closes_here(t, s, e)


def _single_pass(t: _Text, singles: list[tuple[int, int, str]], regions: list[tuple[int, int]],
                 found: list[Mention], headline: bool) -> None:
    """‘Single’ marks outside the double quotes, paired within one paragraph, or over a few
    when the closing mark ends a paragraph (‘… in my district.⏎Right now, things are tense.’)."""
    text = t.text
    regions.sort()
    r = 0
    opened: Optional[tuple[int, int, int]] = None  # (mark, start, line)
    for s, e, g in singles:
        while r < len(regions) and regions[r][1] <= s:
            r += 1
        if r < len(regions) and regions[r][0] <= s:
            continue  # nested inside a double quote: part of it
        line = t.line_of(s)
        if opened is not None and line - opened[2] > SINGLE_MAX_LINES:
            opened = None
        prev = text[s - 1] if s > 0 else " "
        nxt = text[e] if e < len(text) else " "
        if g == "‘":
            opened = (s, e, line)
            continue
        glued_open = (prev.isspace() or prev in "([{:—–-\"“") and nxt.isalpha()
        if opened is None:
            if g == "'" and glued_open:
                opened = (s, e, line)
            continue
        if g == "'" and glued_open:
            opened = (s, e, line)  # the earlier one was an apostrophe of a plural ("the Smiths'")
            continue
        if prev == "s" and nxt == " " and text[e + 1:e + 2].islower() and not _closes_here(t, s, e):
            continue  # "the players' union"
        if line != opened[2] and text[e:t.line_end(line)].strip(" \t\"”'.,") and \
                not _closes_here(t, s, e):
            continue  # over paragraphs, only a mark that ends its paragraph closes
        _emit_paragraphs(t, [(opened[0], opened[1], s)], e, found, headline, single=True)
        opened = None


# ── one quote ─────────────────────────────────────────────────────────────────────────────────


def _normalize(parts: list[str]) -> str:
    """The quote's words as one string, whatever the typing: spaces inside the marks, line
    breaks between paragraphs, a trailing comma before the closing mark."""
    joined = " ".join(p.strip() for p in parts if p.strip())
    if "\n" in joined or "\r" in joined or "  " in joined:
        joined = _SPACES.sub(" ", joined)
    return joined.strip().rstrip(",;: ").rstrip()


def _is_title(words: list[str]) -> bool:
    """Title Case throughout: a film, a show, a prize category, not something said."""
    capitals = [w for w in words if w[0].isupper() or w[0].isdigit()]
    return len(capitals) >= 2 and all(w[0].isupper() or w[0].isdigit() or w.lower()
                                      in _FUNCTION_WORDS for w in words)


def _emit(t: _Text, parts: list[tuple[int, int]], q_start: int, q_end: int,
          found: list[Mention], headline: bool, lone: bool = False,
          single: bool = False) -> None:
    text = t.text
    quote = _normalize([text[s:e] for s, e in parts])
    words = _WORD.findall(quote)
    n = len(words)
    if n < MIN_WORDS_HEADLINE or (lone and n < MIN_WORDS):
        return
    if headline:
        if (n < MIN_WORDS or _is_title(words)) and not _headline_quote(t, q_start, q_end):
            return
    elif _is_title(words) or n < (MIN_WORDS_SINGLE if single else MIN_WORDS_SPOKEN):
        return
    speaker, spoken = _find_speaker(t, q_start, q_end)
    if n < MIN_WORDS and not headline and not single and not spoken:
        return  # a scare quote: "a social drinker"
    found.append(Mention(q_start, q_end, Quote(quote=quote, speaker=speaker)))


def _emit_paragraphs(t: _Text, paragraphs: list[tuple[int, int, int]], q_end: int,
                     found: list[Mention], headline: bool, single: bool = False) -> None:
    """A quote over paragraphs: one mention per paragraph, as another outlet may run any one of
    them, all with the speaker the quote's sentences name. `paragraphs` holds (mark, text start,
    text end) of the parts that open with a mark (the newspaper convention); a part that runs
    on over lines without a mark is cut where a line ends a sentence (a line wrapped inside a
    sentence is no paragraph). The last part ends at q_end."""
    pieces: list[tuple[int, int, int]] = []  # (mention start, text start, text end)
    for mark, start, end in paragraphs:
        line, last = t.line_of(start), t.line_of(end)
        while line < last:
            line_end = t.line_end(line)
            line += 1
            if not _SENTENCE_END.search(t.text, max(start, line_end - 8), line_end):
                continue  # a line wrapped inside a sentence: the piece goes on
            pieces.append((mark, start, line_end))
            mark = start = t.lead[line] if line < len(t.lead) else t.line_end(line)
        pieces.append((mark, start, end))
    # Short sentences ride with their neighbours: "She was very sweet." alone would line up
    # with any other outlet's short sentence of the same shape.
    groups: list[list[tuple[int, int, int]]] = []
    size = 0
    for piece in pieces:
        n = len(_WORD.findall(t.text[piece[1]:piece[2]]))
        if groups and size < PIECE_MIN_WORDS:
            groups[-1].append(piece)
            size += n
        else:
            groups.append([piece])
            size = n
    if len(groups) > 1 and size < PIECE_MIN_WORDS:
        groups[-2].extend(groups.pop())
    if len(groups) == 1:
        _emit(t, [(s, e) for _, s, e in groups[0]], groups[0][0][0], q_end, found, headline,
              single=single)
        return
    speaker: Optional[str] = None
    spoken: Optional[bool] = None
    least = MIN_WORDS_SINGLE if single else MIN_WORDS_SPOKEN
    for i, group in enumerate(groups):
        quote = _normalize([t.text[s:e] for _, s, e in group])
        words = _WORD.findall(quote)
        if len(words) < least or _is_title(words):
            continue
        if spoken is None:
            speaker, spoken = _find_speaker(t, groups[0][0][0], q_end)
        found.append(Mention(group[0][0], q_end if i == len(groups) - 1 else group[-1][2],
                             Quote(quote=quote, speaker=speaker)))


def _headline_quote(t: _Text, q_start: int, q_end: int) -> bool:
    """A headline quotes someone when the quote is what a subject says or is: "Where She
    'Knows Everyone'", "Town Is 'A Powder Keg'", "Minister: 'We Will Not Bow'"; not a title
    ("Ross in Talks to Direct 'The Hunger Games' Sequel")."""
    data = _rules()
    before = t.text[max(0, q_start - 40):q_start].rstrip()
    if before.endswith(":"):
        return True
    if not before:  # "'We Will Rebuild,' Says Mayor" / "“Never Again”: …", not "'Hunger Games' Director"
        after = t.text[q_end:q_end + 40].lstrip()
        return not after or after[0] in ",:;-–—" or data.verbs.match(after.lower()) is not None
    last = before.split()[-1].lower().strip(",")
    if last in data.title_nouns:
        return False
    return last in data.headline_cues or data.verbs.fullmatch(last) is not None


# ── the speaker ───────────────────────────────────────────────────────────────────────────────


def find_speaker(text: str, q_start: int, q_end: int) -> Optional[str]:
    """The speaker of the quote at text[q_start:q_end], as the sentence names them, or None."""
    return _find_speaker(_Text(text, [(0, len(text))]), q_start, q_end)[0]


_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|``(?:(?!'').)*''", re.S)


def _masked(t: _Text, start: int, end: int) -> str:
    """text[start:end] with quoted spans blanked, so a speech verb inside a quote is ignored."""
    chunk = t.text[start:end]
    if not any(c in chunk for c in '"“”`'):
        return chunk
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), chunk)


def _find_speaker(t: _Text, q_start: int, q_end: int) -> tuple[Optional[str], bool]:
    """(speaker, spoken): who the sentence says spoke the quote, and whether it says anyone
    spoke it at all ("…,” she said: spoken, speaker named elsewhere)."""
    data = _rules()
    s0, _ = t.sentence(q_start)
    _, e1 = t.sentence(max(q_start, q_end - 1))
    b0, after_end = max(s0, q_start - WINDOW_BEFORE), min(e1, q_end + WINDOW_AFTER)
    # Blanking the quotes around costs more than the rest: only where a speech verb stands.
    before_cues = t.cues(b0, q_start)
    before = _masked(t, b0, q_start) if before_cues else ""
    after = t.text[q_end:after_end]
    if t.cues(q_end, after_end):
        after = _masked(t, q_end, after_end)
    elif after.strip():
        after = ""
    else:
        # "“….” Stefanski said." split into two sentences: the tag is the next, short one.
        nxt = t.next_sentence(q_end)
        if nxt is not None and t.line_of(nxt[0]) == t.line_of(max(q_start, q_end - 1)) and \
                len(_WORD.findall(t.text[nxt[0]:nxt[1]])) <= 8:
            after = " " + t.text[nxt[0]:nxt[1]]
    spoken = False
    # "…,” said Ms. Watson. / “…,” Ms. Watson said.
    m = data.said_name.match(after)
    if m:
        spoken = True
        name = _name_forward(m.group(1), data)
        if name:
            return name, True
    m = data.name_said.match(after)
    if m:
        spoken = spoken or len(m.group(1).split()) <= 6
        name = _name_backward(m.group(1), data)
        if name and len(name.split()) <= 6:
            return name, True
    m = data.according.search(before) or data.according_after.match(after)
    if m:
        name = _name_forward(m.group(1), data)
        if name:
            return name, True
    verbs = [(vs - b0, ve - b0) for vs, ve, verb in before_cues
             if verb and before[vs - b0:ve - b0].strip()]  # not inside a quote
    if verbs:
        verb_start, verb_end = verbs[-1]
        name = _name_backward(before[:verb_start], data)
        if name:
            return name, True
        if not before[verb_end:].strip(" ,:\t"):
            spoken = True  # "she said, “…”"
    return None, spoken


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _is_name(tok: str) -> bool:
    return _NAME_TOKEN.match(tok) is not None


def _name_backward(text: str, data: _Rules) -> Optional[str]:
    """The noun phrase that ends `text`: "Ms. Watson", "the Russian leader", "Putin's adviser",
    "a village resident", "Varga and Lindqvist"."""
    tokens = _tokens(text[-200:])
    descriptors = data.descriptors
    phrase: list[str] = []
    while tokens:
        tok = tokens[-1]
        low = tok.lower()
        if not phrase and low in data.pronouns:
            return None  # "she said": the speaker is named elsewhere
        base = re.sub(r"['’]s$", "", low)
        if (_is_name(tok) or low in descriptors or (phrase and base in descriptors)
                or (phrase and low in ("the", "a", "an"))):
            phrase.insert(0, tok)
            tokens.pop()
            if low in ("the", "a", "an"):
                break
            continue
        if phrase and low == "and" and len(tokens) >= 2 and _is_name(tokens[-2]) and \
                _is_name(phrase[0]):
            phrase.insert(0, tok)  # "Varga and Lindqvist"
            tokens.pop()
            continue
        if phrase and (low in data.modifiers or (
                low.isalpha() and low.islower() and len(tokens) >= 2
                and tokens[-2].lower() in ("the", "a", "an"))):
            phrase.insert(0, tok)  # "a village resident", "deputy director", "the foreman X"
            tokens.pop()
            continue
        break
    while phrase and phrase[0].lower() in ("the", "a", "an") and len(phrase) == 1:
        phrase.pop(0)
    # Drop leading sentence-start words that are not names ("After", "Regarding").
    while phrase and phrase[0] in data.not_names:
        phrase.pop(0)
    while phrase and phrase[0].lower() == "and":
        phrase.pop(0)
    if not phrase or all(p.lower() in ("the", "a", "an") for p in phrase):
        return None
    if not any(_is_name(p) or p.lower() in descriptors for p in phrase):
        return None
    return " ".join(phrase).rstrip(",.")


def _name_forward(text: str, data: _Rules) -> Optional[str]:
    """The noun phrase that starts `text`: "Harbour Secretary Ines Morrow", "Secretary of the
    Harbour Tomas Reyl", "Varga and Lindqvist"."""
    tokens = _tokens(text[:200])
    descriptors = data.descriptors
    phrase: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower()
        if tok in data.not_speakers:
            break  # "said Monday"
        if _is_name(tok) or low in descriptors or low in data.modifiers or (
                not phrase and low in ("the", "a", "an")):
            phrase.append(tok)
            i += 1
            continue
        if (not phrase or _is_name(phrase[-1])) and low.isalpha() and low.islower() and \
                low not in _FUNCTION_WORDS and low not in data.not_speakers and \
                i + 1 < len(tokens) and _is_name(tokens[i + 1]) and \
                tokens[i + 1] not in data.not_speakers:
            # "said farmer Olaf Brenn", "said academy President X", and a role word between a
            # body and its person: "said Tessel Water Board chief Ada Moor" (Ada Moor speaks)
            phrase.append(tok)
            i += 1
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if phrase and low == "and" and _is_name(nxt) and _is_name(phrase[-1]) and \
                nxt.lower() not in descriptors:
            phrase.append(tok)  # "Varga and Lindqvist"
            i += 1
            continue
        if phrase and low == "of" and all(p.lower() in descriptors or p.lower() in data.modifiers
                                          or p.lower() in ("the", "a", "an") for p in phrase):
            # "Secretary of the Harbour Tomas Reyl": the office, then the name
            j = i + 1
            if j < len(tokens) and tokens[j].lower() == "the":
                j += 1
            if j < len(tokens) and _is_name(tokens[j]):
                phrase.extend(tokens[i:j])
                i = j
                continue
        break
    while phrase and phrase[-1].lower() in ("the", "a", "an", "and", "of"):
        phrase.pop()
    if not phrase or not any(_is_name(p) or p.lower() in descriptors for p in phrase):
        return None
    return " ".join(phrase).rstrip(",.")
