"""Rules that are data (unit names, number words, month names, chrome phrases) live as YAML here,
so a desk can read and extend them without touching the recognizers' logic."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional

import yaml

from factcheck.words import fold

try:  # the parser re compiles with; only read here, to find the words a pattern requires
    from re import _parser as _sre  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]


# libyaml's parser when PyYAML was built with it: the same documents, read several times faster
# (the rules are parsed at every start, which a one-file run pays for in full).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordsLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Safe YAML where only true/false are booleans: word lists hold "no", "on", "off", "yes"
    (YAML 1.1 would read them as booleans and the words would silently vanish)."""


_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordsLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                   re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed rules file `factcheck/rules/<name>.yaml` (cached: rules never change in a run)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_WordsLoader)  # noqa: S506 (a (C)SafeLoader subclass)


def alternation(words: Any, flexible_space: bool = False) -> str:
    """A regex alternation of word-list entries, longest first so "more than" beats "more";
    with `flexible_space`, a space in an entry matches any run of whitespace."""
    ordered = sorted((str(w) for w in words), key=len, reverse=True)
    escaped = (re.escape(w) for w in ordered)
    if flexible_space:
        escaped = (e.replace(r"\ ", r"\s+") for e in escaped)
    return "|".join(escaped)


def folded_alternation(words: Any) -> Optional[str]:
    """alternation() of `words` lower-cased, for a case-sensitive pattern run on words.fold()
    text where the recognizer's own pattern is case-insensitive (several times faster to scan).
    None when a word is not ASCII: fold() agrees with IGNORECASE on ASCII letters only, and the
    caller then does without the shortcut."""
    lowered = [str(w).lower() for w in words]
    if not all(w.isascii() for w in lowered):
        return None
    return alternation(lowered)


def needles(pattern: str) -> Optional[frozenset[str]]:
    """Lower-case strings one of which every match of `pattern` contains, or None when none is
    known: a text whose words.fold() holds none of them cannot match, case-insensitively or not,
    and need not be searched. Read from the parsed pattern, so the rules files stay the only
    place a pattern is written."""
    try:
        found = _needles(_sre.parse(pattern))
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always searched
        return None
    # "year" already rules out all that "years" does.
    return found and frozenset(n for n in found if not any(o != n and o in n for o in found))


def max_width(pattern: str) -> float:
    """The most characters a match of `pattern` can span (inf when unbounded or unknown)."""
    try:
        width = _sre.parse(pattern).getwidth()[1]
    except Exception:  # noqa: BLE001 - unknown is unbounded: callers then look everywhere
        return float("inf")
    return float("inf") if width >= _sre.MAXREPEAT else width


def _needles(seq: Any) -> Optional[frozenset[str]]:
    best: Optional[frozenset[str]] = None

    def consider(found: Optional[frozenset[str]]) -> None:
        nonlocal best
        # The longest shortest string rules out most; between equals, fewer strings.
        if found and all(found) and (best is None or (min(map(len, found)), -len(found))
                                     > (min(map(len, best)), -len(best))):
            best = found

    run = ""  # consecutive ASCII literals: the text holds them side by side
    for op, av in list(seq):
        if op is _sre.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op is _sre.SUBPATTERN:
            consider(_needles(av[-1]))
        elif op is _sre.BRANCH:
            alternatives = [_needles(alt) for alt in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            consider(_needles(av[2]))
    consider(frozenset([run]) if run else None)
    return best


class AnyOf:
    """Whether any of several patterns matches a text, as one alternation of them would tell, but
    searching only those whose needles() the text holds: a long list of patterns tested against
    every line of a page then costs a few substring look-ups for a line that holds none."""

    def __init__(self, patterns: Iterable[str], flags: int = 0) -> None:
        self.always: list[re.Pattern[str]] = []  # patterns without known needles
        by_needle: dict[str, list[re.Pattern[str]]] = {}
        for pattern in patterns:
            compiled = re.compile(pattern, flags)
            found = needles(pattern)
            if not found:
                self.always.append(compiled)
            for needle in sorted(found or ()):
                by_needle.setdefault(needle, []).append(compiled)
        self.by_needle = list(by_needle.items())

    def search(self, text: str) -> bool:
        if any(p.search(text) is not None for p in self.always):
            return True
        low = fold(text)
        for needle, patterns in self.by_needle:
            if needle in low:
                for p in patterns:
                    if p.search(text) is not None:
                        return True
        return False
