"""Rules that are data (unit names, number words, month names, chrome phrases) live as YAML here,
so a desk can read and extend them without touching the recognizers' logic."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


class _WordsLoader(yaml.SafeLoader):
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
    return yaml.load(text, Loader=_WordsLoader)  # noqa: S506 (a SafeLoader subclass)


def alternation(words: Any, flexible_space: bool = False) -> str:
    """A regex alternation of word-list entries, longest first so "more than" beats "more";
    with `flexible_space`, a space in an entry matches any run of whitespace."""
    ordered = sorted((str(w) for w in words), key=len, reverse=True)
    escaped = (re.escape(w) for w in ordered)
    if flexible_space:
        escaped = (e.replace(r"\ ", r"\s+") for e in escaped)
    return "|".join(escaped)
