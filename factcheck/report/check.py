"""`factcheck check` output: the report@1 JSON contract and the rich terminal report.

Both are rendered from one `Report`. The terminal report is built from `rich.text.Text` pieces:
article text never passes through console markup, so "[bold]" in an article stays literal.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any, Mapping, Optional, Sequence

from rich.console import Console
from rich.text import Text

from factcheck import __version__
from factcheck.model import (Conflict, Document, Extraction, Listed, LoadError, Report, Side,
                             Verdict)
from factcheck.report.claims import _error_id
from factcheck.report.safe import json_text, no_commands, terminal
from factcheck.report.values import value_to_dict

SCHEMA = "factcheck/report@1"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}


def build(extractions: Sequence[Extraction], errors: Sequence[LoadError],
          conflicts: Sequence[Conflict], notes: Sequence[str] = ()) -> Report:
    """The run as one record: findings sorted by severity, then by where they stand, numbered."""
    return build_from([ex.article.doc for ex in extractions],
                      {ex.article.doc.id: len(ex.claims) for ex in extractions},
                      errors, conflicts, notes)


def build_from(documents: Sequence[Document], claim_counts: Mapping[str, int],
               errors: Sequence[LoadError], conflicts: Sequence[Conflict],
               notes: Sequence[str] = (), drafts: Sequence[str] = (),
               listed: Optional[Listed] = None) -> Report:
    """`build` for a run that holds articles' claim counts rather than their extractions (a
    re-check reads most of them from the cache). Findings are numbered before accepted ones are
    set apart, so accepting C1 leaves C2 as C2. `listed`: the archive articles a check read
    through the index, listed after `documents`."""
    ordered = sorted(conflicts, key=lambda c: (
        _SEVERITY_ORDER[c.severity], _odd_place(c), c.fingerprint))
    numbered = tuple(replace(c, id=f"C{i}") for i, c in enumerate(ordered, 1))
    return Report(
        documents=tuple(documents),
        errors=tuple(errors),
        claim_counts=tuple((d.id, claim_counts.get(d.id, 0)) for d in documents),
        conflicts=numbered,
        notes=tuple(notes),
        drafts=tuple(drafts),
        listed=listed,
    )


_AGREEING = ("consensus", "fact")


def _odd_place(c: Conflict) -> tuple[str, int]:
    """Where a finding stands, for its number: its odd side's first place (article, offset),
    so that another article agreeing with the consensus does not renumber the findings, and
    text added above moves every place alike."""
    odd = [s for s in c.sides if s.role not in _AGREEING] or list(c.sides)
    return min((s.claim.article, s.claim.start) for s in odd)


def _side_dict(side: Side, drafts: frozenset[str] = frozenset()) -> dict[str, Any]:
    c = side.claim
    out = {"article": c.article, "path": c.path, "line": c.line, "column": c.column,
           "start": c.start, "end": c.end, "text": c.text, "kind": c.kind,
           "value": value_to_dict(c.value), "sentence": c.sentence, "role": side.role,
           "section": c.role,
           # Spans of `sentence` that differ from the other sides, for renderers to highlight.
           "highlight": [[start, end] for start, end in side.highlight]}
    if c.trusted:
        out["source"] = c.source_label
    if drafts and c.article in drafts:
        out["draft"] = True
    return out


def conflict_dict(c: Conflict, drafts: Sequence[str] = ()) -> dict[str, Any]:
    """One finding as the report@1 contract writes it (also what `factcheck explain` shows)."""
    entry: dict[str, Any] = {
        "id": c.id, "fingerprint": c.fingerprint, "kind": c.kind, "severity": c.severity,
        "message": c.message, "title": c.title or c.message, "fix": c.fix,
        "consensus": ({"value": c.consensus.value, "support": c.consensus.support}
                      if c.consensus else None),
        "claims": [_side_dict(s, frozenset(drafts)) for s in c.sides],
    }
    if c.accepted is not None:
        entry["accepted"] = {"reason": c.accepted}
    if c.trace:
        entry["trace"] = trace_dicts(c.trace)
    return entry


def article_entry(doc: Document, claims: int, draft: bool = False) -> dict[str, Any]:
    """One read article as report@1 lists it (also what the archive index writes ahead)."""
    entry = {"id": doc.id, "path": doc.path, "title": doc.title,
             "published": doc.published.isoformat() if doc.published else None,
             "published_from": doc.published_from, "claims": claims, "error": None}
    if draft:
        entry["draft"] = True
    return entry


class _Written(str):
    """Article entries already written as JSON lines, control characters escaped (the archive
    index's), spliced as they are by `render_json`."""


_SPLICE = "\0"  # where written entries go: json.dumps never writes a raw NUL (it writes \u0000)


def report_document(report: Report, written: bool = False) -> dict[str, Any]:
    """The report@1 document (DESIGN.md). `written`: the archive index's entries stay one
    `_Written` item of `articles` for `render_json` to splice (else they are read back)."""
    counts = dict(report.claim_counts)
    articles: list[Any] = []
    for doc in report.documents:
        if doc.trusted:
            continue
        articles.append(article_entry(doc, counts.get(doc.id, 0), doc.id in report.drafts))
    listed = report.listed
    if listed is not None and listed.lines:
        if written:
            articles.append(_Written(listed.lines))
        else:
            articles.extend(json.loads(line) for line in listed.entries())
    for err in report.errors:
        articles.append({"id": _error_id(err), "path": err.path, "title": None, "published": None,
                         "published_from": None, "claims": 0, "error": err.reason})
    conflicts = [conflict_dict(c, report.drafts) for c in report.conflicts]
    live = Counter(c.severity for c in report.conflicts if c.accepted is None)
    summary: dict[str, Any] = {
        "articles": _articles(report),
        "claims": _claims(report),
        "conflicts": {s: live.get(s, 0) for s in ("error", "warning", "info")},
        "accepted": sum(1 for c in report.conflicts if c.accepted is not None),
        "unreadable": len(report.errors),
    }
    verdict = draft_verdict(report)
    if verdict is not None:
        summary["draft"] = verdict
    out = {"schema": SCHEMA, "tool": {"name": "factcheck", "version": __version__},
           "articles": articles, "conflicts": conflicts, "summary": summary}
    if report.notes:
        out["notes"] = list(report.notes)
    return out


def _articles(report: Report) -> int:
    listed = report.listed.articles if report.listed else 0
    return listed + sum(1 for d in report.documents if not d.trusted)


def _claims(report: Report) -> int:
    listed = report.listed.claims if report.listed else 0
    return listed + sum(n for _, n in report.claim_counts)


DRAFT_VALUES = 3  # consensus values named in the draft line; the rest are counted


def draft_verdict(report: Report) -> Optional[dict[str, Any]]:
    """Draft mode's answer to the editor's question, "does my draft agree?": the findings
    where a draft is the odd one out or has no majority behind it, the reference-side
    disagreements it agrees with the consensus of, and the line that says so. None outside
    draft mode."""
    from factcheck.compare import draft_agrees

    if not report.drafts:
        return None
    drafts = frozenset(report.drafts)
    paths = [d.path for d in report.documents if d.id in drafts]
    if not paths:
        return None  # no draft could be read: nothing to say it agrees
    name = paths[0] if len(paths) == 1 else f"the drafts ({', '.join(paths)})"
    live = [c for c in report.conflicts if c.accepted is None]
    agreeing = [c for c in live if draft_agrees(c, drafts)]
    against = [c for c in live if c not in agreeing and any(
        s.claim.article in drafts and s.role in ("outlier", "side") for s in c.sides)]
    if against:
        places = []
        for c in against:
            mine = dict.fromkeys(f"{s.claim.path}:{s.claim.line}" for s in sorted(
                c.sides, key=lambda s: (s.claim.path, s.claim.line))
                if s.claim.article in drafts and s.role in ("outlier", "side"))
            places.append(f"{c.id} at {', '.join(mine)}")
        line = (f"{name} disagrees with the references: {len(against)} finding"
                f"{'s' if len(against) != 1 else ''} to check ({'; '.join(places)})")
    elif agreeing:
        sources = {s.claim.source_label or s.claim.article for c in agreeing for s in c.sides
                   if s.role in ("consensus", "fact") and s.claim.article not in drafts}
        values = list(dict.fromkeys(_clipped(c.consensus.value) for c in agreeing if c.consensus))
        on = ", ".join(values[:DRAFT_VALUES]) + (
            f" and {len(values) - DRAFT_VALUES} more" if len(values) > DRAFT_VALUES else "")
        line = (f"{name} agrees with {len(sources)} source{'s' if len(sources) != 1 else ''}"
                + (f" on {on}" if on else ""))
    else:
        line = f"{name}: nothing in it disagrees with the references"
    if agreeing:
        line += (f"; {len(agreeing)} reference-side disagreement"
                 f"{'s' if len(agreeing) != 1 else ''} shown as info")
    return {"articles": sorted(drafts), "agrees": not against,
            "odd_one_out": [c.id for c in against], "reference_side": [c.id for c in agreeing],
            "verdict": line}


def _clipped(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def verdict_text(v: Verdict) -> str:
    """A verdict as the contract writes it: "veto", "+0.35" (evidence), "=0.61" (the score a
    pair reached), "agree", "conflict", "update", "skip", "finding"."""
    if v.outcome == "for":
        return f"+{v.weight:.2f}"
    if v.outcome == "against":
        return f"={v.weight:.2f}, too low"
    if v.outcome == "score":
        return f"={v.weight:.2f}"
    return v.outcome


def trace_dicts(trace: Sequence[Verdict]) -> list[dict[str, Any]]:
    """A finding's trace for the JSON report: `{"rule", "verdict", "reason", "claims"}` each."""
    return [{"rule": v.rule, "verdict": verdict_text(v), "reason": v.reason,
             "claims": list(v.claims)} for v in trace]


UNDATED_NAMES = 8  # names listed in the note; the rest are counted


def undated_note(documents: Sequence[Document]) -> Optional[str]:
    """One note naming the articles with no publication date: their "on Monday" and "last
    year" stay unresolved and "June 8" has no year, so checks are lost unless the user gives
    --published. Said once for the batch, not per claim."""
    undated = [d.path for d in documents if d.published is None and not d.trusted]
    if not undated:
        return None
    names = ", ".join(undated[:UNDATED_NAMES])
    if len(undated) > UNDATED_NAMES:
        names += f" and {len(undated) - UNDATED_NAMES} more"
    which, its = (("1 article has", "its") if len(undated) == 1
                  else (f"{len(undated)} articles have", "their"))
    return (f"{which} no publication date ({names}): {its} relative dates ('on Monday', 'last "
            f"year') stay unresolved and dates without a year are compared on month and day "
            f"only; --published YYYY-MM-DD would resolve them")


def undated_draft_note(path: str) -> str:
    """The warning for a draft (`check PATH --against`) that carries no date."""
    return (f"draft {path} has no publication date: its elapsed times are compared with its "
            f"story's as if written the same day; its 'on Monday', 'last year' stay unresolved "
            f"(give --published)")


def render_json(report: Report) -> str:
    return _json_document(report_document(report, written=True)) + "\n"


# One encoder for every line (json.dumps makes one per call: 10,000 articles, 10,000 encoders).
_ONE_LINE = json.JSONEncoder(ensure_ascii=False).encode


def _json_document(document: Mapping[str, Any]) -> str:
    """The report as JSON with each article and each finding on a line of its own: json writes
    indented text with its pure-Python encoder (a fifth of a re-check of 10,000 articles), one
    line per entry with its C encoder; the lines read as a table, and `jq .` indents. Entries
    already written (`_Written`) are spliced in last, past `json_text`, which they have been
    through."""
    parts = []
    written: list[str] = []
    for key, value in document.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            rows = []
            for v in value:
                if isinstance(v, _Written):
                    written.append(v.replace("\n", ",\n    "))
                    rows.append(_SPLICE)
                else:
                    rows.append(_ONE_LINE(v))
            parts.append(f"  {name}: [\n    " + ",\n    ".join(rows) + "\n  ]")
        else:
            parts.append(f"  {name}: {_ONE_LINE(value)}")
    pieces = json_text("{\n" + ",\n".join(parts) + "\n}").split(_SPLICE)
    return "".join(p + w for p, w in zip(pieces, written + [""]))


# ── terminal ──────────────────────────────────────────────────────────────────────────────────


MARKS = ("«", "»")  # around the differing words when no colour can show them


def sentence_text(side: Side, style: str, marks: bool = False) -> Text:
    """The side's sentence with the differing tokens highlighted, built without markup (and
    its control characters shown escaped, piece by piece so the highlights stay in place);
    with `marks`, each highlighted run also stands between « and », for output without
    colour (a pipe, a file, NO_COLOR)."""
    sentence = side.claim.sentence
    runs: list[list[int]] = []  # highlighted runs: spans that overlap or touch are one
    for start, end in sorted(side.highlight):
        if 0 <= start < end <= len(sentence):
            if runs and start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
    text = Text()
    pos = 0
    for start, end in runs:
        if pos < start:
            text.append(terminal(sentence[pos:start], prose=True), None)
        shown = terminal(sentence[start:end], prose=True)
        text.append(f"{MARKS[0]}{shown}{MARKS[1]}" if marks else shown, style)
        pos = end
    if pos < len(sentence):
        text.append(terminal(sentence[pos:], prose=True), None)
    if "::" in text.plain:  # a "::" across two pieces
        return Text(no_commands(text.plain))
    return text


def print_rich(console: Console, report: Report) -> None:
    """Findings grouped by severity, each with its title, fix and sides (article, section,
    file:line:column, the sentence). On a terminal, lines wrap under their own indent; to a
    pipe or a file they are never wrapped (a sentence stays one line for grep), and without
    colour the differing words are marked «so»."""
    by_severity: dict[str, list[Conflict]] = {"error": [], "warning": [], "info": []}
    accepted: list[Conflict] = []
    for c in report.conflicts:
        (accepted if c.accepted is not None else by_severity[c.severity]).append(c)
    layout = _Layout(console)
    for severity in ("error", "warning", "info"):
        group = by_severity[severity]
        if not group:
            continue
        layout.line(Text(f"{severity.upper()}S ({len(group)})", style=_SEVERITY_STYLE[severity]))
        for c in group:
            layout.lines(_conflict_lines(c, layout.marks, report.drafts))
    if accepted:
        layout.line(Text(f"ACCEPTED ({len(accepted)})", style="bold dim"))
        for c in accepted:
            layout.lines(_conflict_lines(c, layout.marks, report.drafts))
    for err in report.errors:
        line = Text("unreadable ", style="bold red")
        line.append(terminal(err.path), style="cyan")
        line.append(f": {terminal(err.reason)}")
        layout.line(line)
    for note in report.notes:
        layout.line(Text(f"note: {terminal(note)}", style="yellow"))
    verdict = draft_verdict(report)
    if verdict is not None:
        layout.line(Text(terminal(verdict["verdict"]),
                         style="bold green" if verdict["agrees"] else "bold red"))
    layout.line(_summary_line(report))


class _Layout:
    """How the report meets its console: wrapped under each line's indent on a terminal, never
    wrapped elsewhere; differing words marked when there is no colour to show them."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.wrap = console.is_terminal
        self.marks = console.no_color or console.color_system is None

    def line(self, text: Text, indent: int = 0) -> None:
        self.lines([(indent, text)])

    def lines(self, lines: Sequence[tuple[int, Text]]) -> None:
        """One finding, printed at once: a print per line cost three times the JSON report's
        rendering on a batch with many findings. A title line (indent -n) wraps under its
        title, past its first n characters (the id, severity and fingerprint)."""
        if not self.wrap:
            joined = Text("\n").join(Text(" " * max(indent, 0)) + text for indent, text in lines)
            self.console.print(joined, soft_wrap=True)
            return
        from rich.console import Group
        from rich.padding import Padding
        from rich.table import Table

        def block(indent: int, text: Text):
            if indent >= 0:
                return Padding(text, (0, 0, 0, indent))
            grid = Table.grid()
            grid.add_column(no_wrap=True)
            grid.add_column()
            grid.add_row(text[:-indent], text[-indent:])
            return grid

        self.console.print(Group(*(block(indent, text) for indent, text in lines)))


SIDE_INDENT, SENTENCE_INDENT = 3, 6


def _conflict_lines(c: Conflict, marks: bool = False,
                    drafts: Sequence[str] = ()) -> list[tuple[int, Text]]:
    """A finding as (indent, line) pairs: the title line (id, severity, fingerprint, title),
    the fix, then each side and its sentence."""
    lines: list[tuple[int, Text]] = []
    head = Text()
    head.append(f"{c.id} ", style="bold")
    head.append(f"[{c.severity}] ", style=_SEVERITY_STYLE[c.severity])
    head.append(f"#{c.fingerprint}  ", style="dim")
    hang = len(head)
    head.append(terminal(c.title or c.message), style="bold")
    lines.append((-hang, head))  # on a terminal the title wraps under itself
    if c.accepted is not None:
        lines.append((SIDE_INDENT, Text(f"accepted: {terminal(c.accepted)}", style="dim")))
    if c.fix:
        fix = Text("fix: ", style="bold green")
        fix.append(terminal(c.fix))
        lines.append((SIDE_INDENT, fix))
    if c.kind == "quote" and c.title:  # how the words differ, and how much that matters
        why = Text("why: ", style="dim")
        why.append(terminal(c.message.split(": ", 1)[-1]), style="dim")
        lines.append((SIDE_INDENT, why))
    for side in c.sides:
        claim = side.claim
        style = {"outlier": "bold red", "consensus": "bold green", "fact": "bold green"}.get(
            side.role, "bold yellow")
        where = Text()
        where.append(f"{side.role:<10}", style=style)
        where.append(terminal(claim.article), style="bold")
        if claim.article in drafts:
            where.append(" (draft)", style="bold magenta")
        if claim.role != "body":
            where.append(f" ({terminal(claim.role.replace('_', ' '))})", style="magenta")
        where.append(f"  {terminal(claim.path)}:{claim.line}:{claim.column}", style="cyan")
        if claim.trusted and claim.source_label:
            where.append(f" — {terminal(claim.source_label)}", style="green")
        lines.append((SIDE_INDENT, where))
        lines.append((SENTENCE_INDENT,
                       sentence_text(side, "reverse " + style.replace("bold ", ""), marks)))
    lines.append((0, Text()))  # a blank line after each finding
    return lines


def _summary_line(report: Report) -> Text:
    live = Counter(c.severity for c in report.conflicts if c.accepted is None)
    line = Text()
    line.append(f"{_articles(report)} articles, {_claims(report)} claims: ")
    parts = [(f"{live.get(s, 0)} {s}{'s' if live.get(s, 0) != 1 else ''}", _SEVERITY_STYLE[s])
             for s in ("error", "warning", "info")]
    for i, (label, style) in enumerate(parts):
        if i:
            line.append(", ")
        line.append(label, style=style if label[0] != "0" else "")
    accepted = sum(1 for c in report.conflicts if c.accepted is not None)
    if accepted:
        line.append(f", {accepted} accepted")
    if report.errors:
        line.append(f", {len(report.errors)} unreadable", style="bold red")
    return line
