"""Every output format of `factcheck check`, rendered from the one `Report`.

The JSON contract is the source of truth: the CI formats (SARIF, GitHub annotations, Markdown)
and the HTML report are built from the same report@1 document, so they can never disagree with
it. Only the terminal report and the HTML timeline look at the claims themselves.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional

from rich.console import Console

from factcheck.model import DatePoint, Extraction, Report

FORMATS = ("rich", "concise", "json", "sarif", "github", "markdown", "html")
EXTENSIONS = {"rich": "txt", "concise": "concise.txt", "json": "json", "sarif": "sarif",
              "github": "annotations.txt", "markdown": "md", "html": "html"}
# --output's name -> the format written when --format is not given (longest ending first).
# A name that says nothing gets the terminal report as plain text: what a person reads.
BY_ENDING = ((".annotations.txt", "github"), (".concise.txt", "concise"), (".sarif.json", "sarif"),
             (".json", "json"), (".sarif", "sarif"), (".html", "html"), (".htm", "html"),
             (".markdown", "markdown"), (".md", "markdown"), (".log", "concise"))


def format_for_path(path: str) -> str:
    """The format a report file's name asks for (`rich`, as plain text, when it asks none)."""
    name = os.path.basename(path).lower()
    return next((fmt for ending, fmt in BY_ENDING if name.endswith(ending)), "rich")


def date_points(extractions: Iterable[Extraction]) -> list[DatePoint]:
    """The date points of articles held in memory (a re-check reads the others' from the
    cache, `ClaimsCache.date_points`): every date claim and elapsed time's anchor date."""
    return [p for ex in extractions for p in ex.date_points()]


def timeline_points(report: Report, dates: Iterable[DatePoint]) -> list[dict[str, Any]]:
    """Every resolved date point for the HTML timeline, marked when it is part of a finding
    (its days as dates: written as text, they were read back at once, 36,000 times a page)."""
    in_conflict = {(s.claim.article, s.claim.start) for c in report.conflicts
                   if c.accepted is None for s in c.sides}
    return [{"article": p.article, "text": p.text, "path": p.path, "line": p.line,
             "start": p.span.start, "end": p.span.end,
             "conflict": (p.article, p.start) in in_conflict}
            for p in dates if p.span.start is not None and p.span.end is not None]


def render(fmt: str, report: Report, dates: Iterable[DatePoint] = (),
           color: bool = False, width: int = 120, at: Optional[str] = None) -> str:
    """The report as text in one format (for a file or stdout). `dates`: the articles' date
    points, for the HTML timeline (`date_points`). `at`: the file it is written to (None:
    stdout), so the HTML page's links to articles work from there."""
    from factcheck.report import check

    if fmt == "rich":
        # soft_wrap: a report file is read in an editor or a log, never wrapped at `width`.
        with open(os.devnull, "w") as sink:
            console = Console(record=True, force_terminal=color, no_color=not color, width=width,
                              file=sink, highlight=False, soft_wrap=True)
            check.print_rich(console, report)
        return console.export_text(styles=color)
    if fmt == "json":
        return check.render_json(report)
    doc = check.report_document(report)
    if fmt == "concise":
        from factcheck.report.concise import render_concise
        return render_concise(doc)
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
        return render_html(doc, dates=timeline_points(report, dates), at=at)
    raise ValueError(f"unknown format {fmt!r}")


def step_summary(report: Report) -> str:
    """The Markdown appended to $GITHUB_STEP_SUMMARY in GitHub Actions."""
    from factcheck.report import check
    from factcheck.report.markdown import render_markdown
    return render_markdown(check.report_document(report))
