"""Word forms shared by the stages that compare text: a light stemmer, so that "visits",
"visited" and "visiting" meet in frames (extract) and in alignment (align); and the folding
that lets a plain substring test rule out a case-insensitive pattern before it is run."""

from __future__ import annotations

from functools import lru_cache

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


@lru_cache(maxsize=1 << 14)  # a batch uses a few thousand words, each many times
def stem(word: str) -> str:
    """A light stemmer: visits/visited/visiting → visit. Crude, but frames only need to meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)] + repl
            break
    return w
