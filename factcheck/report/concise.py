"""One line per finding, for logs and grep, and the run's statistics.

`path:line:col: severity kind: title [fingerprint]` is the shape compilers and linters print,
so editors and CI logs turn it into a link to the line, and `grep quote` or `cut -d: -f1` work
on it. The line points at the odd one out (as SARIF's primary location does). Accepted findings
are left out: the desk has decided on them (the statistics count them).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from factcheck.report.safe import terminal
from factcheck.report.sarif import primary_index

_SEVERITIES = ("error", "warning", "info")


def title_of(finding: Mapping[str, Any]) -> str:
    """The finding's title (`title` in the report when the compare stage gives one)."""
    return str(finding.get("title") or finding.get("message") or finding.get("kind") or "")


def _line(finding: Mapping[str, Any]) -> str:
    sides = list(finding.get("claims") or ())
    where = "?:1:1"
    if sides:
        main = sides[primary_index(finding)]
        where = f"{terminal(main.get('path'))}:{main.get('line') or 1}:{main.get('column') or 1}"
    return (f"{where}: {finding.get('severity')} {finding.get('kind')}: "
            f"{terminal(title_of(finding))} [{finding.get('fingerprint')}]")


def render_concise(doc: Mapping[str, Any]) -> str:
    """Live findings, then each unreadable file (`path:1:1: error unreadable: reason`)."""
    out = [_line(f) for f in doc.get("conflicts") or () if f.get("accepted") is None]
    for art in doc.get("articles") or ():
        if art.get("error"):
            out.append(f"{terminal(art.get('path'))}:1:1: error unreadable: "
                       f"{terminal(art['error'])}")
    return "".join(line + "\n" for line in out)


def render_statistics(doc: Mapping[str, Any]) -> str:
    """Articles, claims, then findings counted by severity and kind (accepted ones apart)."""
    summary = doc.get("summary") or {}
    findings = list(doc.get("conflicts") or ())
    live = Counter((f.get("severity"), f.get("kind")) for f in findings
                   if f.get("accepted") is None)
    accepted = sum(1 for f in findings if f.get("accepted") is not None)
    rows = [("articles", summary.get("articles", 0)), ("claims", summary.get("claims", 0)),
            ("unreadable", summary.get("unreadable", 0)), ("findings", sum(live.values()))]
    order = sorted(live, key=lambda sk: (_SEVERITIES.index(sk[0]) if sk[0] in _SEVERITIES
                                         else 9, -live[sk], str(sk[1])))
    rows += [(f"  {severity} {kind}", live[(severity, kind)]) for severity, kind in order]
    rows.append(("accepted", accepted))
    return "".join(f"{label:<22}{n:>7,}\n" for label, n in rows)
