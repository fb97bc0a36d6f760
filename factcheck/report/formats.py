"""Every output format of `factcheck check`, rendered from the one `Report`.

The JSON contract is the source of truth: the CI formats (SARIF, GitHub annotations, Markdown)
and the HTML report are built from the same report@1 document, so they can never disagree with
it. Only the terminal report and the HTML timeline look at the claims themselves.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

from rich.console import Console

from factcheck.model import DateSpan, Duration, Extraction, Report

FORMATS = ("rich", "json", "sarif", "github", "markdown", "html")
EXTENSIONS = {"rich": "txt", "json": "json", "sarif": "sarif", "github": "annotations.txt",
              "markdown": "md", "html": "html"}


def timeline_points(report: Report, extractions: Sequence[Extraction]) -> list[dict[str, Any]]:
    """Every resolved date claim (and elapsed-time anchor) for the HTML timeline, marked when it
    is part of a finding."""
    in_conflict = {(s.claim.article, s.claim.start) for c in report.conflicts
                   if c.accepted is None for s in c.sides}
    points: list[dict[str, Any]] = []
    for ex in extractions:
        if ex.article.doc.trusted:
            continue
        for claim in ex.claims:
            span = claim.value.anchor if isinstance(claim.value, Duration) else claim.value
            if not isinstance(span, DateSpan) or span.start is None or span.end is None:
                continue
            points.append({"article": claim.article, "text": claim.text, "path": claim.path,
                           "line": claim.line, "start": span.start.isoformat(),
                           "end": span.end.isoformat(),
                           "conflict": (claim.article, claim.start) in in_conflict})
    return points


def render(fmt: str, report: Report, extractions: Sequence[Extraction] = (),
           color: bool = False, width: int = 120) -> str:
    """The report as text in one format (for a file or stdout)."""
    from factcheck.report import check

    if fmt == "rich":
        console = Console(record=True, force_terminal=color, no_color=not color, width=width,
                          file=open(os.devnull, "w"), highlight=False)
        check.print_rich(console, report)
        return console.export_text(styles=color)
    if fmt == "json":
        return check.render_json(report)
    doc = check.report_document(report)
    if fmt == "sarif":
        from factcheck.report.sarif import render_sarif
        return render_sarif(doc)
    if fmt == "github":
        from factcheck.report.github import render_github
        return render_github(doc)
    if fmt == "markdown":
        from factcheck.report.markdown import render_markdown
        return render_markdown(doc)
    if fmt == "html":
        from factcheck.report.html import render_html
        return render_html(doc, dates=timeline_points(report, extractions))
    raise ValueError(f"unknown format {fmt!r}")


def step_summary(report: Report) -> str:
    """The Markdown appended to $GITHUB_STEP_SUMMARY in GitHub Actions."""
    from factcheck.report import check
    from factcheck.report.markdown import render_markdown
    return render_markdown(check.report_document(report))
