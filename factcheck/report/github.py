"""GitHub Actions workflow commands: one annotation per finding, on the line to fix.

Escaping follows @actions/core (command.ts): the message is "data" (% CR LF escaped), property
values also escape ':' and ','. Article text can hold any of these, so nothing is written raw.

Accepted findings (claims.yaml) are skipped: an editor already decided on them, and an annotation
on every run would be exactly the noise that gets a checker switched off. They stay visible in
the JSON, SARIF (as suppressed results) and Markdown reports.
"""

from __future__ import annotations

from typing import Any, Mapping

from factcheck.report.concise import title_of
from factcheck.report.safe import shown_keep_lines
from factcheck.report.sarif import primary_index

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    """Also shows control characters escaped: the log would obey them."""
    return shown_keep_lines(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, Any], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items()
                     if v is not None and v != "")
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _side_line(side: Mapping[str, Any]) -> str:
    sentence = " ".join(str(side.get("sentence") or "").split())
    return (f"{side.get('role', 'side')}: {side.get('path')}:{side.get('line')}:"
            f"{side.get('column')} “{side.get('text', '')}” — {sentence}")


def _annotation(finding: Mapping[str, Any]) -> str:
    sides = list(finding.get("claims") or ())
    kind = finding.get("kind", "")
    # The title is what GitHub shows in bold over the line: the finding's own title, its kind
    # and the fingerprint claims.yaml accepts it by (as the concise format prints them).
    title = f"{kind}: {title_of(finding)} [{finding.get('fingerprint', '')}]"
    # The body opens with the title too (the bold line may be cut), then, for a quote, how the
    # words differ; the comparison's own `message` stays in the JSON report.
    lines = [title_of(finding)]
    message = str(finding.get("message") or "")
    if kind == "quote" and ": " in message:
        lines.append(f"why: {message.split(': ', 1)[1]}")
    if finding.get("fix"):  # what to change, when the compare stage can say
        lines.append(f"fix: {finding['fix']}")
    if finding.get("consensus"):
        cons = finding["consensus"]
        lines.append(f"consensus: {cons.get('value')} ({cons.get('support')} claims)")
    props: dict[str, Any] = {}
    if sides:
        main = sides[primary_index(finding)]
        lines.extend(_side_line(s) for s in sides)
        text = str(main.get("text") or "")
        line, col = main.get("line"), main.get("column")
        props = {"file": main.get("path"), "line": line, "col": col}
        n_lines = text.count("\n")
        if n_lines:  # GitHub honours endColumn only within one line
            props["endLine"] = int(line or 1) + n_lines
        elif text and col:
            props["endColumn"] = int(col) + len(text)
    props["title"] = title
    return command(COMMANDS.get(finding.get("severity", ""), "warning"), props, "\n".join(lines))


def render_github(doc: Mapping[str, Any]) -> str:
    """Workflow commands, one per line: live findings, unreadable files, notes."""
    out = [_annotation(f) for f in doc.get("conflicts") or () if f.get("accepted") is None]
    for art in doc.get("articles") or ():
        if art.get("error"):
            out.append(command("error", {"file": art.get("path"), "title": "unreadable"},
                               str(art["error"])))
    for note in doc.get("notes") or ():
        out.append(command("warning", {"title": "factcheck"}, str(note)))
    draft = (doc.get("summary") or {}).get("draft") or {}
    if draft.get("verdict"):  # draft mode's answer: does the draft agree with the references?
        out.append(command("notice", {"title": "factcheck draft"}, str(draft["verdict"])))
    return "".join(line + "\n" for line in out)
