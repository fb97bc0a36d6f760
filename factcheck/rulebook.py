"""Named rules, Duckling's way: alignment and comparison are lists of small rules, each with a
name, a docstring saying why it exists and parameters read from a rules YAML file, so a finding
can say which rules decided it (`factcheck explain`) and a rule can be tested, tuned or
questioned on its own.

A rule's parameters live under its name in `factcheck/rules/<stage>.yaml`; this module only
finds them and keeps the register `factcheck explain --rules` prints.
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

from factcheck import rules

REGISTER: dict[str, "Rule"] = {}


class Rule:
    """One named rule of a stage. Subclasses set `name` and `stage` and say why in their
    docstring; `params` are their entry in rules/<stage>.yaml (empty when they have none)."""

    name: ClassVar[str] = ""
    stage: ClassVar[str] = ""

    def __init__(self) -> None:
        self.params: dict[str, Any] = dict(rules.load(self.stage).get(self.name) or {})
        REGISTER.setdefault(self.name, self)

    @property
    def why(self) -> str:
        """The rule's docstring: why it exists."""
        return inspect.getdoc(type(self)) or ""

    def __repr__(self) -> str:
        return f"<rule {self.name}>"
