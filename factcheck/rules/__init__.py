"""Rules that are data (unit names, number words, month names, chrome phrases) live as YAML here,
so a desk can read and extend them without touching the recognizers' logic."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed rules file `factcheck/rules/<name>.yaml` (cached: rules never change in a run)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
