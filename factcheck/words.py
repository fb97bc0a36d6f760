"""Word forms shared by the stages that compare text: a light stemmer, so that "visits",
"visited" and "visiting" meet in frames (extract) and in alignment (align)."""

from __future__ import annotations


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
