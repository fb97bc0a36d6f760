"""Text taken from the input (article text, titles, ids, file names) made safe to show.

A terminal obeys control characters: ESC sequences clear the screen, OSC ones retitle the
window or plant links, a CR rewrites the line. A CI log obeys workflow commands: a line that
starts with `::` (or `##[`) after its indentation is run by the GitHub runner. So every C0 and
C1 control character from the input is shown as an escape (`\\x1b`, `\\n`), and where a report
is wrapped to the terminal's width, `::` is broken by an invisible word joiner so that no wrap
can start a line with a command.
"""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # keeps \t \n \r
_C1_OR_DEL = re.compile("[\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = re.compile(r":(?=:)|#(?=#\[)")
_JOINER = "\u2060"  # WORD JOINER: invisible, and not a space a wrap could break at


def _escape(m: re.Match) -> str:
    c = m.group()
    return _NAMED.get(c) or f"\\x{ord(c):02x}"


def shown(text: Any) -> str:
    """One line: every control character, newlines included, as an escape."""
    return _CONTROL.sub(_escape, "" if text is None else str(text))


def shown_prose(text: Any) -> str:
    """Running text (a sentence): line breaks and tabs read as spaces (same length, so spans
    into it still hold), other control characters as escapes."""
    s = "" if text is None else str(text)
    s = s.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(_escape, s)


def shown_keep_lines(text: Any) -> str:
    """Control characters as escapes, except tab, CR and LF (escaped later by the format)."""
    return _CONTROL_BUT_LINES.sub(_escape, "" if text is None else str(text))


def no_commands(text: str) -> str:
    """`::` and `##[` broken by a word joiner: no wrap of this text starts a workflow command."""
    return _COMMAND.sub(lambda m: m.group() + _JOINER, text)


def terminal(text: Any, prose: bool = False) -> str:
    """Input text for a report wrapped to the terminal (rich)."""
    return no_commands(shown_prose(text) if prose else shown(text))


def json_text(dumped: str) -> str:
    """JSON as json.dumps(ensure_ascii=False) writes it, with DEL and the C1 controls (which it
    leaves raw, and some terminals obey) as \\u escapes: the same document."""
    return _C1_OR_DEL.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def has_command_line(text: str) -> bool:
    """Whether some line would be read as a workflow command (for tests and checks)."""
    return any(line.lstrip().startswith(("::", "##[")) for line in re.split(r"\r\n|\r|\n", text))
