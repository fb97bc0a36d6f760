"""`factcheck extract` output: the claims found, as the claims@1 contract, YAML or a rich table."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Sequence

import yaml
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck import __version__
from factcheck.model import Extraction, LoadError, Slots
from factcheck.report.safe import json_text, terminal
from factcheck.report.values import describe, value_to_dict
from factcheck.segment import title_of

SCHEMA = "factcheck/claims@1"


def _error_id(error: LoadError) -> str:
    return error.id or PurePath(error.path).stem


def slots_to_dict(slots: Slots) -> dict[str, Any]:
    """A claim's slots (issue 15) as the claims@1 `slots` object: what it measures, whose
    figure it is, the names around it, its event word and time, and whether it dates a
    statement."""
    return {"measure": slots.measure, "subject": slots.subject, "actors": list(slots.actors),
            "places": list(slots.places), "event": slots.event, "time": slots.time,
            "said_at": slots.said_at}


def claims_document(extractions: Sequence[Extraction], errors: Sequence[LoadError]) -> dict[str, Any]:
    """The claims@1 document (DESIGN.md): one entry per article, unreadable ones with `error`."""
    articles: list[dict[str, Any]] = []
    for ex in extractions:
        doc = ex.article.doc
        articles.append({
            "id": doc.id,
            "path": doc.path,
            "title": title_of(ex.article),
            "published": doc.published.isoformat() if doc.published else None,
            "published_from": doc.published_from,
            "error": None,
            "note": doc.note,
            "claims": [{
                "id": c.id, "kind": c.kind, "text": c.text, "start": c.start, "end": c.end,
                "line": c.line, "column": c.column, "sentence": c.sentence, "role": c.role,
                "value": value_to_dict(c.value), "slots": slots_to_dict(c.slots),
            } for c in ex.claims],
        })
    for err in errors:
        articles.append({"id": _error_id(err), "path": err.path, "title": None, "published": None,
                         "published_from": None, "error": err.reason, "note": None, "claims": []})
    return {"schema": SCHEMA, "tool": {"name": "factcheck", "version": __version__},
            "articles": articles}


def render_json(extractions: Sequence[Extraction], errors: Sequence[LoadError]) -> str:
    return json_text(json.dumps(claims_document(extractions, errors), ensure_ascii=False,
                                indent=2)) + "\n"


def render_yaml(extractions: Sequence[Extraction], errors: Sequence[LoadError]) -> str:
    return yaml.safe_dump(claims_document(extractions, errors), allow_unicode=True,
                          sort_keys=False, width=100)


def print_rich(console: Console, extractions: Sequence[Extraction],
               errors: Sequence[LoadError]) -> None:
    """One table per article: where each claim stands, what it says and how it was read."""
    total = 0
    for ex in extractions:
        doc = ex.article.doc
        heading = Text()
        heading.append(terminal(doc.id), style="bold")
        heading.append(f"  {terminal(doc.path)}", style="dim")
        heading.append(f"  published {doc.published.isoformat() if doc.published else 'unknown'}")
        if ex.article.headline:
            heading.append("\n")
            heading.append(terminal(ex.article.headline.text, prose=True), style="italic")
        console.print(heading)
        if not ex.claims:
            console.print(Text("  no claims", style="dim"))
            continue
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("where", style="cyan", no_wrap=True)
        table.add_column("kind")
        table.add_column("text")
        table.add_column("reads as")
        for c in ex.claims:
            table.add_row(Text(f"{c.line}:{c.column}"), Text(c.kind),
                          Text(terminal(c.text, prose=True)),
                          Text(terminal(describe(c.value), prose=True)))
        console.print(table)
        console.print()
        total += len(ex.claims)
    for err in errors:
        line = Text()
        line.append("error ", style="bold red")
        line.append(terminal(err.path))
        line.append(f": {terminal(err.reason)}")
        console.print(line)
    console.print(Text(f"{len(extractions)} articles, {total} claims"
                       + (f", {len(errors)} unreadable" if errors else "")))
