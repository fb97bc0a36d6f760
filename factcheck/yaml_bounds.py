"""Bounds for YAML read from outside (articles' front matter, claims.yaml): what aliases add.

Both readers compose the document into nodes first and ask this before constructing anything,
so an alias bomb costs its own size to judge, never its expansion."""

from __future__ import annotations

import yaml

TOO_MANY = 10 ** 9


def alias_copies(root: yaml.Node) -> int:
    """How many values the aliases add when copied out: the document's size with every alias
    expanded less its distinct nodes, computed once per distinct node; a node that holds itself
    (`a: &a [*a]`) counts as too many. Recursion is bounded by the reader's nesting limit."""
    memo: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = memo.get(id(node))
        if known is not None:
            return known
        memo[id(node)] = TOO_MANY  # met again before it is counted: it holds itself
        n = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                n = min(TOO_MANY, n + size(child))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                n = min(TOO_MANY, n + size(key) + size(value))
        memo[id(node)] = n
        return n

    return size(root) - len(memo)
