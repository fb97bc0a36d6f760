"""Frames: what a claim is about, so that alignment can match "his first visit in 24 years" with
"Putin last visited Pyongyang in July 2000" and not with a trending actor's "23-24 years".

A frame is the sentence with the value masked, its content words (lightly stemmed) and the
names around it. The words nearest the value say most about it, so they come first.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import chain, zip_longest

from factcheck import rules
from factcheck.model import Frame
from factcheck.words import term

FRAME_SPAN = 5000  # characters read on each side of a claim

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NAME_SEP = re.compile(r"[ -]")
_POSSESSIVE = re.compile(r"'s\b")
_NAME = re.compile(r"[A-Z]\w*(?:['’]s)?(?:[ -](?:[A-Z]\w*(?:['’]s)?|(?:of|de|al|bin)\b(?=[ -][A-Z])))*")


def _stop() -> frozenset[str]:
    return frozenset(rules.load("stopwords")["words"])


_STOPWORDS: frozenset[str] | None = None


def stopwords() -> frozenset[str]:
    global _STOPWORDS
    if _STOPWORDS is None:
        _STOPWORDS = _stop()
    return _STOPWORDS


def content_terms(text: str) -> list[str]:
    """Stemmed content words of `text`, in order, without stopwords."""
    stop = stopwords()
    out = []
    for tok in _TOKEN.findall(text):
        low = tok.lower()
        if len(low) < 2 or low in stop:
            continue
        out.append(term(low))
    return out


def names(text: str) -> list[str]:
    """Capitalised runs ("Vladimir Putin", "North Korea"), lower-cased, without sentence starts."""
    stop = stopwords()
    found = []
    for m in _NAME.finditer(text):
        words = [w for w in _NAME_SEP.split(m.group(0)) if w]
        opening = True
        while words and words[0].lower() in stop:
            words.pop(0)
            opening = False  # "The Grulethra bridge", "In Dioskund": the name is capitalised
        if not words:
            continue
        if len(words) == 1 and opening and (
                not text[:m.start()].strip(" \t\"'“‘([-—–•*") or _opens_quote(text, m.start())):
            continue  # "Storms kill…", "Sales fell…": a capital that only opens the sentence
        name = " ".join(words).lower().replace("’", "'")
        name = _POSSESSIVE.sub("", name)
        if len(name) > 1:
            found.append(name)
    return found


def _opens_quote(text: str, at: int) -> bool:
    """Whether the word at `at` is the first of a quotation (`told reporters: “Believe me,`):
    its capital opens the quoted sentence and tells no name. A straight quote mark opens when
    a space or the text's start comes before it (`,” Vell said` and `," Vell said` close)."""
    before = text[:at].rstrip(" \t")
    if before.endswith(("“", "‘")):
        return True
    if before.endswith(('"', "'")):
        return len(before) == 1 or before[-2] in " \t(:—–-"
    return False


def title_case(sentence: str) -> bool:
    """A headline in Title Case capitalises every word, so capitals no longer tell names."""
    words = [w for w in _TOKEN.findall(sentence) if len(w) >= 4]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def build_frame(sentence: str, start: int, end: int, kind: str) -> Frame:
    """The frame of the claim at sentence[start:end], read within FRAME_SPAN characters of it
    (sentences are cut at 2,000 characters, but a quote may run over several). The sentence's
    words are read once for all its claims: reading them again per claim made a sentence of n
    claims cost n times its length."""
    lo, hi = max(0, start - FRAME_SPAN), min(len(sentence), end + FRAME_SPAN)
    masked = f"{sentence[lo:start]}⟨{kind}⟩{sentence[end:hi]}"
    left, right = _sides(sentence, lo, start, end, hi)
    # Nearest words first: alternate outward from the value.
    steps = chain.from_iterable(zip_longest(reversed(left), right))
    ordered = tuple(dict.fromkeys(filter(None, steps)))
    return Frame(masked=masked, terms=ordered, names=_frame_names(sentence))


class _Tokens:
    """A sentence's word tokens (start and end offsets) and the content terms among them."""

    def __init__(self, sentence: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kept: list[int] = []  # token indexes of content terms
        self.terms: list[str] = []
        stop = stopwords()
        for i, m in enumerate(_TOKEN.finditer(sentence)):
            self.starts.append(m.start())
            self.ends.append(m.end())
            low = m.group(0).lower()
            if len(low) >= 2 and low not in stop:
                self.kept.append(i)
                self.terms.append(term(low))


@lru_cache(maxsize=8)  # the claims of one sentence come one after another
def _tokens(sentence: str) -> _Tokens:
    return _Tokens(sentence)


def _sides(sentence: str, lo: int, start: int, end: int, hi: int) -> tuple[list[str], list[str]]:
    """content_terms(sentence[lo:start]) and content_terms(sentence[end:hi]), from the tokens of
    the whole sentence; a word the claim or a bound cuts is read in its cut form, as before."""
    t = _tokens(sentence)
    return _terms_between(sentence, t, lo, start), _terms_between(sentence, t, end, hi)


def _terms_between(sentence: str, t: _Tokens, lo: int, hi: int) -> list[str]:
    """content_terms(sentence[lo:hi]): whole tokens inside from the sentence's one read, the
    fragments at either edge read afresh."""
    a = bisect.bisect_left(t.starts, lo)  # first token starting at or after lo
    b = bisect.bisect_right(t.ends, hi)  # tokens before b end at or before hi
    if a >= b:
        return content_terms(sentence[lo:hi])
    whole = t.terms[bisect.bisect_left(t.kept, a):bisect.bisect_left(t.kept, b)]
    return (content_terms(sentence[lo:t.starts[a]]) + whole
            + content_terms(sentence[t.ends[b - 1]:hi]))


@lru_cache(maxsize=64)  # the claims of one sentence share its names
def _frame_names(sentence: str) -> tuple[str, ...]:
    return () if title_case(sentence) else tuple(dict.fromkeys(names(sentence)))
