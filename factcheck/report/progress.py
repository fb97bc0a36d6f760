"""A progress bar on stderr for batches that take longer than a moment.

Only on an interactive terminal: CI logs and pipes get nothing animated, and NO_COLOR /
TERM=dumb are respected. stdout is never touched, so `--format json` stays clean.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

SHOW_FROM = 200  # smaller batches finish before a bar would be worth drawing


def wanted(total: int, stream=None) -> bool:
    stream = stream or sys.stderr
    if total < SHOW_FROM or os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress(total: int, label: str = "Reading articles") -> Iterator[Optional[Callable[[int], None]]]:
    """Yields an `advance(n)` callback, or None when no bar should be drawn."""
    if not wanted(total):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
