"""Quote recognizer: quoted spans of a few words, and who the sentence says spoke them.

A quote is the one claim where every word counts ("wavering" vs "unwavering"), and who said it
is a claim of its own, so the speaker is read from the sentence: "X said", "said X",
"according to X", "X thanked … for".
"""

from __future__ import annotations

import re
from typing import Optional

from factcheck import rules
from factcheck.model import Mention, Quote

MIN_WORDS = 3
MIN_WORDS_SINGLE = 4  # ‘single-quoted’ spans are often titles or scare quotes

_PAIRS = [
    re.compile(r"“([^“”\n]{1,2000})”"),
    re.compile(r'"([^"\n]{1,2000})"'),
    re.compile(r"‘([^‘’\n]{1,2000})’(?![a-z])"),
]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w.’'-]*|[A-Z]\.)$")


def _speech() -> dict:
    return rules.load("speech")


def _verbs_pattern() -> re.Pattern[str]:
    data = _speech()
    verbs = "|".join(sorted(map(re.escape, data["verbs"]), key=len, reverse=True))
    return re.compile(rf"\b(?:{verbs})\b")


_VERBS: Optional[re.Pattern[str]] = None


def _verbs() -> re.Pattern[str]:
    global _VERBS
    if _VERBS is None:
        _VERBS = _verbs_pattern()
    return _VERBS


def find_quotes(text: str) -> list[Mention]:
    """Quoted spans of at least a few words, with the speaker where the sentence names one."""
    if not any(q in text for q in '"“‘'):
        return []
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in enumerate(_PAIRS):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            inner = m.group(1)
            words = _WORD.findall(inner)
            if len(words) < (MIN_WORDS_SINGLE if kind == 2 else MIN_WORDS):
                continue
            quote = inner.strip().rstrip(",")
            taken.append((m.start(), m.end()))
            speaker = find_speaker(text, m.start(), m.end())
            found.append(Mention(m.start(), m.end(), Quote(quote=quote, speaker=speaker)))
    found.sort(key=lambda mention: mention.start)
    return found


def _mask_quotes(text: str) -> str:
    """The sentence with every quoted span blanked, so a speech verb inside a quote is ignored."""
    out = text
    for pattern in _PAIRS[:2]:
        out = pattern.sub(lambda m: " " * len(m.group(0)), out)
    return out


def find_speaker(text: str, q_start: int, q_end: int) -> Optional[str]:
    """The speaker of the quote at text[q_start:q_end], as the sentence names them, or None."""
    masked = _mask_quotes(text)
    before = masked[:q_start]
    after = masked[q_end:]
    data = _speech()
    # "…,” said Ms. Watson. / “…,” Ms. Watson said.
    m = re.match(r"\s*[,.]?\s*(?:(?:said|says|added|told \w+|wrote|asked)\s+)(.+)", after)
    if m:
        name = _name_forward(m.group(1), data)
        if name:
            return name
    m = re.match(r"\s*[,.]?\s*(.{1,80}?)\s+(?:said|says|added|wrote|told)\b", after)
    if m:
        name = _name_backward(m.group(1), data)
        if name and len(name.split()) <= 5:
            return name
    m = re.search(r"according to\s+(.{1,80})$", before) or re.match(
        r"\s*[,.]?\s*according to\s+(.{1,80})", after)
    if m:
        name = _name_forward(m.group(1), data)
        if name:
            return name
    verbs = list(_verbs().finditer(before))
    if verbs:
        verb = verbs[-1]
        name = _name_backward(before[: verb.start()], data)
        if name:
            return name
    return None


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w.’'-]+|,|;|:|—|–", text)


def _name_backward(text: str, data: dict) -> Optional[str]:
    """The noun phrase that ends `text`: "Ms. Watson", "the Russian leader", "Putin's adviser"."""
    tokens = _tokens(text)
    descriptors = set(data["descriptors"])
    pronouns = set(data["pronouns"])
    phrase: list[str] = []
    while tokens:
        tok = tokens[-1]
        low = tok.lower()
        if not phrase and low in pronouns:
            return None  # "she said": the speaker is named elsewhere
        base = re.sub(r"['’]s$", "", low)
        if (_NAME_TOKEN.match(tok) or low in descriptors or (phrase and base in descriptors)
                or (phrase and low in ("the", "a", "an"))):
            phrase.insert(0, tok)
            tokens.pop()
            if low in ("the", "a", "an"):
                break
            continue
        break
    while phrase and phrase[0].lower() in ("the", "a", "an") and len(phrase) == 1:
        phrase.pop(0)
    # Drop leading sentence-start words that are not names ("After", "Regarding").
    while phrase and phrase[0] in data["not_names"]:
        phrase.pop(0)
    if not phrase or all(p.lower() in ("the", "a", "an") for p in phrase):
        return None
    if not any(_NAME_TOKEN.match(p) or p.lower() in descriptors for p in phrase):
        return None
    return " ".join(phrase).rstrip(",.")


def _name_forward(text: str, data: dict) -> Optional[str]:
    tokens = _tokens(text)
    descriptors = set(data["descriptors"])
    phrase: list[str] = []
    for tok in tokens:
        low = tok.lower()
        if _NAME_TOKEN.match(tok) or low in descriptors or (not phrase and low in ("the", "a", "an")):
            phrase.append(tok)
            continue
        break
    while phrase and phrase[-1].lower() in ("the", "a", "an"):
        phrase.pop()
    if not phrase:
        return None
    return " ".join(phrase).rstrip(",.")
