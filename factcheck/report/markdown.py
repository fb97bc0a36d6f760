"""A Markdown report for a pull-request comment or $GITHUB_STEP_SUMMARY.

Article text is untrusted: it is escaped so that it can neither break the findings table ('|',
newlines) nor inject HTML or Markdown (links, emphasis, '<script>'). Only this module's own
markup reaches the renderer. GitHub caps a comment at 65,536 characters, so the per-finding
details stop before that and say how many were left out.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from factcheck.report.safe import shown

MAX_CHARS = 60_000
# Only what is markup inline: escaped text never starts a line (it always follows "| ", "> ",
# "- " or a label), so '#', '-', '.', '+' stay as they are and file names read normally. '$'
# opens math on GitHub; '_' only matters where it is not inside a word (snake_case stays).
_SPECIAL = re.compile(r"([\\`*\[\]~|$]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_WS = re.compile(r"\s+")


def escape(text: Any, strip: bool = True) -> str:
    """Inline-safe text: one line, no HTML, no Markdown syntax, no table breaks, control
    characters shown escaped, and no "::" that a CI log could read as a workflow command
    ("\\:" renders as ":")."""
    s = shown(_WS.sub(" ", str(text if text is not None else "")))
    if strip:
        s = s.strip()
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A word joiner after '@' keeps "@someone" in an article from pinging a GitHub user.
    s = _SPECIAL.sub(r"\\\1", s).replace("@", "@\u2060")
    return s.replace("::", ":\\:").replace("##[", "#\\#[")


_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")


def line_safe(text: str) -> str:
    """Escaped text that opens a line: never a heading, list item or rule."""
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                           else m.group(2) + "\\" + m.group(3), text, count=1)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_markdown(doc: Mapping[str, Any]) -> str:
    """The heading with the counts: enough for a step summary on its own."""
    s = doc.get("summary") or {}
    counts = s.get("conflicts") or {}
    err, warn, info = (int(counts.get(k, 0)) for k in ("error", "warning", "info"))
    icon = "❌" if err else ("⚠️" if warn else "✅")
    head = f"## {icon} factcheck: {_plural(err, 'error')}, {_plural(warn, 'warning')}, {info} info"
    parts = [_plural(int(s.get("articles", 0)), "article"), _plural(int(s.get("claims", 0)), "claim")]
    if s.get("accepted"):
        parts.append(f"{s['accepted']} accepted")
    if s.get("unreadable"):
        parts.append(f"**{s['unreadable']} unreadable**")
    out = f"{head}\n\n{' · '.join(parts)}\n"
    draft = s.get("draft")
    if draft and draft.get("verdict"):
        # Draft mode answers the editor's question first: does the draft agree?
        out += f"\n{'✅' if draft.get('agrees') else '❌'} **{escape(draft['verdict'])}**\n"
    return out


def _where(side: Mapping[str, Any]) -> str:
    return escape(f"{side.get('path', '')}:{side.get('line', '')}")


def _primary(finding: Mapping[str, Any]) -> Mapping[str, Any] | None:
    from factcheck.report.sarif import primary_index
    sides = finding.get("claims") or ()
    return sides[primary_index(finding)] if sides else None


def highlight_spans(side: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Highlight spans in the sentence: the report's, else the claim text where it stands."""
    sentence = str(side.get("sentence") or "")
    spans = [(int(a), int(b)) for a, b in side.get("highlight") or () if 0 <= a < b <= len(sentence)]
    if not spans:
        text = str(side.get("text") or "")
        at = sentence.find(text) if text else -1
        if at >= 0:
            spans = [(at, at + len(text))]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def highlighted(side: Mapping[str, Any]) -> str:
    """The sentence, escaped, with the differing words in bold."""
    sentence = str(side.get("sentence") or "")
    out, pos = [], 0
    for a, b in highlight_spans(side):
        piece = sentence[a:b]
        inner = escape(piece)
        if not inner:
            continue
        # Emphasis must hug its words, so whitespace at the span's edges goes outside it.
        lead = " " if piece[:1].isspace() else ""
        trail = " " if piece[-1:].isspace() else ""
        out.append(escape(sentence[pos:a], strip=False) + lead + f"**{inner}**" + trail)
        pos = b
    out.append(escape(sentence[pos:], strip=False))
    return "".join(out).strip()


_HEAD = ["| # | Severity | Kind | Finding | Where |", "|---|---|---|---|---|"]


def _row(f: Mapping[str, Any]) -> str:
    main = _primary(f)
    return (f"| {escape(f.get('id'))} | {escape(f.get('severity'))} | {escape(f.get('kind'))} | "
            f"{escape(f.get('title') or f.get('message'))} | {_where(main) if main else ''} |")


def _details(f: Mapping[str, Any]) -> str:
    lines = [f"#### {escape(f.get('id'))} · {escape(f.get('severity'))} · {escape(f.get('kind'))}",
             "", line_safe(escape(f.get("title") or f.get("message"))), ""]
    if f.get("fix"):
        lines += [f"*Fix:* {line_safe(escape(f['fix']))}", ""]
    if f.get("accepted") is not None:
        lines += [f"*Accepted:* {escape(f['accepted'].get('reason'))}", ""]
    if f.get("consensus"):
        c = f["consensus"]
        lines += [f"*Consensus:* {escape(c.get('value'))} "
                  f"({_plural(int(c.get('support') or 0), 'claim')})", ""]
    for side in f.get("claims") or ():
        label = f"**{escape(side.get('role'))}** · {escape(side.get('article'))} · " \
                f"{escape(side.get('path'))}:{escape(side.get('line'))}:{escape(side.get('column'))}"
        if side.get("draft"):
            label += " · *draft*"
        if side.get("source"):
            label += f" · {escape(side['source'])}"
        lines += [label, "", f"> {line_safe(highlighted(side))}", ""]
    lines.append(f"<sub>fingerprint {escape(f.get('fingerprint'))}</sub>")
    return "\n".join(lines) + "\n"


class _Budget:
    """What is left of the comment size limit; every section asks before it adds."""

    def __init__(self, limit: int) -> None:
        self.left = limit - 200  # room for the truncation notice
        self.truncated = False

    def take(self, text: str) -> bool:
        if len(text) + 1 > self.left:
            self.truncated = True
            return False
        self.left -= len(text) + 1
        return True


def render_markdown(doc: Mapping[str, Any], max_chars: int = MAX_CHARS) -> str:
    """The report as one Markdown comment: counts, findings table, quoted sides, accepted ones
    folded away. Longer reports are cut to fit `max_chars`, with a note saying so."""
    findings = list(doc.get("conflicts") or ())
    live = [f for f in findings if f.get("accepted") is None]
    accepted = [f for f in findings if f.get("accepted") is not None]
    budget = _Budget(max_chars)
    out = [summary_markdown(doc)]
    budget.take(out[0])
    if live:
        rows = [r for r in map(_row, live) if budget.take(r)]
        out.append("\n".join(_HEAD + rows) + "\n")
    else:
        out.append("No conflicting claims found.\n")
    unreadable = [f"- {escape(a.get('path'))}: {escape(a['error'])}\n"
                  for a in doc.get("articles") or () if a.get("error")]
    unreadable = [u for u in unreadable if budget.take(u)]
    if unreadable:
        out.append("### Unreadable files\n\n" + "".join(unreadable))
    out.extend(n for n in (f"> **Note:** {escape(note)}\n" for note in doc.get("notes") or ())
               if budget.take(n))
    details = [d for d in map(_details, live) if budget.take(d)]
    if details:
        out.append("### Details\n")
        out.extend(details)
    if accepted:
        rows = [r for r in map(_row, accepted) if budget.take(r)]
        reasons = [r for r in (f"- {escape(f.get('id'))}: {escape(f['accepted'].get('reason'))}\n"
                               for f in accepted) if budget.take(r)]
        if rows:
            table = "\n".join(_HEAD + rows)
            out.append(f"<details><summary>Accepted findings ({len(accepted)})</summary>\n\n"
                       f"{table}\n\n{''.join(reasons)}\n</details>\n")
    if budget.truncated:
        out.append(f"*Cut to fit a comment: {len(details)} of {len(live)} findings shown in "
                   "detail. The JSON and HTML reports have them all.*\n")
    return "\n".join(out)
