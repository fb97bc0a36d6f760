"""Frames: what a claim is about, so that alignment can match "his first visit in 24 years" with
"Putin last visited Pyongyang in July 2000" and not with a trending actor's "23-24 years".

A frame is the sentence with the value masked, its content words (lightly stemmed) and the
names around it. The words nearest the value say most about it, so they come first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck import rules
from factcheck.model import Frame
from factcheck.words import term

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
        if len(words) == 1 and opening and not text[:m.start()].strip(" \t\"'“‘([-—–•*"):
            continue  # "Storms kill…", "Sales fell…": a capital that only opens the sentence
        name = " ".join(words).lower().replace("’", "'")
        name = _POSSESSIVE.sub("", name)
        if len(name) > 1:
            found.append(name)
    return found


def title_case(sentence: str) -> bool:
    """A headline in Title Case capitalises every word, so capitals no longer tell names."""
    words = [w for w in _TOKEN.findall(sentence) if len(w) >= 4]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def build_frame(sentence: str, start: int, end: int, kind: str) -> Frame:
    """The frame of the claim at sentence[start:end]."""
    masked = f"{sentence[:start]}⟨{kind}⟩{sentence[end:]}"
    left = content_terms(sentence[:start])
    right = content_terms(sentence[end:])
    # Nearest words first: alternate outward from the value.
    ordered: list[str] = []
    seen: set[str] = set()
    li, ri = len(left) - 1, 0
    while li >= 0 or ri < len(right):
        for term in ((left[li] if li >= 0 else None), (right[ri] if ri < len(right) else None)):
            if term and term not in seen:
                seen.add(term)
                ordered.append(term)
        li -= 1
        ri += 1
    return Frame(masked=masked, terms=tuple(ordered), names=_frame_names(sentence))


@lru_cache(maxsize=64)  # the claims of one sentence share its names
def _frame_names(sentence: str) -> tuple[str, ...]:
    return () if title_case(sentence) else tuple(dict.fromkeys(names(sentence)))
