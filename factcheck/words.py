"""Word forms shared by the stages that compare text: a stemmer, so that "visits", "visited" and
"visiting" meet in frames (extract), in alignment (align) and between a headline and its story
(segment); and the folding that lets a plain substring test rule out a case-insensitive pattern
before it is run.

The stemmer is Snowball's Porter2 through PyStemmer, not a suffix list of ours: a hand-made one
kept "jobs" from "job" and "announces" from "announce", and each fix to it merged other words
("plane" into "plan"); Snowball's rules are the tested answer to exactly that, in C."""

from __future__ import annotations

from functools import lru_cache

import Stemmer

# The only characters a case-insensitive regex (re.IGNORECASE) takes for an ASCII character that
# str.lower() does not turn into it: "İ" and dotless "ı" for i, long "ſ" for s. (Found by trying
# every code point against every ASCII character; "İ" is also the one whose lower() is longer.)
_REGEX_FOLDS = {0x130: "i", 0x131: "i", 0x17F: "s"}


def fold(text: str) -> str:
    """`text` lower-cased the way re.IGNORECASE compares ASCII letters, offset for offset: a
    lower-case ASCII word a case-insensitive pattern requires must then be in fold(text)."""
    if text.isascii():
        return text.lower()
    return text.translate(_REGEX_FOLDS).lower()


_ENGLISH = Stemmer.Stemmer("english")


@lru_cache(maxsize=1 << 14)  # a batch uses a few thousand words, each many times
def stem(word: str) -> str:
    """Snowball's English stemmer (Porter2): visits/visited/visiting → visit, cutting → cut,
    announces/announce → announc, while plane and plan stay apart. Frames only need to meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _ENGLISH.stemWord(w)


_SYNONYMS: dict[str, str] | None = None


@lru_cache(maxsize=1 << 13)  # a run meets the same few thousand words again and again
def term(word: str) -> str:
    """The word as frames record it: stemmed, and folded to the first word of its synonym group
    in rules/stopwords.yaml ("killed" → "die"). Every word list matched against frame terms
    is passed through this on load, so its entries are plain words that always match."""
    global _SYNONYMS
    if _SYNONYMS is None:
        from factcheck import rules  # late: stem() alone needs no rules

        _SYNONYMS = {stem(w): stem(group[0])
                     for group in rules.load("stopwords").get("synonyms", []) for w in group}
    root = stem(word)
    return _SYNONYMS.get(root, root)
