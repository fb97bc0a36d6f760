"""Accepted findings: claims.yaml `ignore` entries and accepts written inside an article.

An editor who has looked at a finding on their own article can say so where they work, in a
comment the published page never shows:

    <!-- factcheck: accept 3f2a9c1e the headline rounds, as house style allows -->

It holds like a claims.yaml entry, but only for findings that involve that article. Loading
reads these comments into `Document.accepts` and blanks every HTML comment out of a Markdown or
text article (same length, same lines), so no comment is read as a sentence of the story.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Collection, Iterable, NamedTuple, Optional, Sequence

from factcheck.model import Conflict, Document, InlineAccept

if TYPE_CHECKING:
    from factcheck.facts import FactBook

_COMMENT = re.compile(r"<!--(.{0,4000}?)-->", re.DOTALL)
_ACCEPT = re.compile(r"\s*factcheck\s*:\s*accept\s+#?([0-9a-fA-F]{8})\b(.*)", re.DOTALL)


def read_comments(text: str) -> tuple[str, tuple[InlineAccept, ...]]:
    """The text with its HTML comments blanked (line breaks kept, so offsets and lines hold),
    and the accepts among them."""
    if "<!--" not in text:
        return text, ()
    found: list[InlineAccept] = []

    def blank(m: re.Match[str]) -> str:
        accept = _ACCEPT.match(m.group(1))
        if accept:
            reason = " ".join(accept.group(2).split())
            found.append(InlineAccept(accept.group(1).lower(), reason or "accepted in the article",
                                      text.count("\n", 0, m.start()) + 1))
        return re.sub(r"[^\n]", " ", m.group(0))

    return _COMMENT.sub(blank, text), tuple(found)


def apply(conflicts: Sequence[Conflict], book: FactBook, documents: Iterable[Document],
          focus: Optional[Collection[str]] = None) -> tuple[list[Conflict], list[str]]:
    """Findings marked accepted by claims.yaml or by an accept in an article they involve, and
    a note for each entry that matches nothing, so stale entries do not pile up (under
    --against, only the drafts' own accepts are named: the references' findings are not
    reported). A finding answers to its fingerprint and to its aliases (the fingerprint it had
    before a third source took a side)."""
    from factcheck.compare import accept

    out, stale = accept(conflicts, {i.fingerprint: i.reason for i in book.ignore})
    notes = [f"{book.path}:{i.line}: ignore entry {i.fingerprint} no longer matches any "
             f"finding; remove it" for i in book.ignore if i.fingerprint in stale]
    inline = [(d, a) for d in documents for a in d.accepts]
    if not inline:
        return out, notes
    by_fp: dict[str, list[tuple[Document, InlineAccept]]] = {}
    for d, a in inline:
        by_fp.setdefault(a.fingerprint, []).append((d, a))
    used: set[tuple[str, int]] = set()
    done: list[Conflict] = []
    for c in out:
        articles = {s.claim.article for s in c.sides}
        for fp in (c.fingerprint, *c.aliases):
            hit = next(((d, a) for d, a in by_fp.get(fp, ()) if d.id in articles), None)
            if hit is not None:
                d, a = hit
                used.add((d.path, a.line))
                if c.accepted is None:
                    c = replace(c, accepted=f"{a.reason} ({d.path}:{a.line})")
                break
        done.append(c)
    notes += [f"{d.path}:{a.line}: accept {a.fingerprint} no longer matches any finding on "
              f"this article; remove it" for d, a in inline
              if (d.path, a.line) not in used and (focus is None or d.id in focus)]
    return done, notes


# ── the last check, for `factcheck accept` ────────────────────────────────────────────────────

LAST_CHECK = "last-check.json"  # in the cache folder: the findings the last check reported


def remember(cache_dir: str, paths: Sequence[str], conflicts: Sequence[Conflict]) -> None:
    """Keep what the last check reported beside the claims cache, so that `factcheck accept FP`
    can tell a fingerprint it showed from a typo without the articles named again. A cache
    folder that cannot be written costs only that."""
    import json
    import os

    from factcheck.report.output import write_atomic

    record = {"paths": [os.path.abspath(p) for p in paths],
              "findings": [{"id": c.id, "fingerprint": c.fingerprint,
                            "aliases": list(c.aliases), "title": c.title or c.message,
                            "accepted": c.accepted} for c in conflicts]}
    try:
        os.makedirs(cache_dir, exist_ok=True)
        write_atomic(os.path.join(cache_dir, LAST_CHECK), json.dumps(record, ensure_ascii=False))
    except OSError:
        pass


class Finding(NamedTuple):
    """A finding as `accept` knows it: from a check run now or from the last one."""

    id: str
    fingerprint: str
    aliases: tuple[str, ...]
    title: str


def recall(cache_dir: str) -> Optional[tuple[list[str], list[Finding]]]:
    """The paths and findings of the last check (see remember), or None when there is none."""
    import json
    import os

    try:
        with open(os.path.join(cache_dir, LAST_CHECK), encoding="utf-8") as fh:
            record = json.load(fh)
        return ([str(p) for p in record["paths"]],
                [Finding(str(f["id"]), str(f["fingerprint"]), tuple(map(str, f["aliases"])),
                         str(f["title"])) for f in record["findings"]])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def findings_of(conflicts: Sequence[Conflict]) -> list[Finding]:
    return [Finding(c.id, c.fingerprint, c.aliases, c.title or c.message) for c in conflicts]


_GIVEN = re.compile(r"#?([0-9a-fA-F]{8})")


def given_fingerprint(text: str) -> Optional[str]:
    """A fingerprint as a report prints it ("#3f2a9c1e") or as claims.yaml holds it."""
    m = _GIVEN.fullmatch(text.strip())
    return m.group(1).lower() if m else None


def resolve(wanted: Sequence[str], findings: Sequence[Finding]
            ) -> tuple[list[tuple[str, Finding]], list[str]]:
    """Each wanted fingerprint matched to its finding (by fingerprint, or by an alias: the one
    it had as two sides, which accept then writes in its current form), and those matching
    none."""
    found: list[tuple[str, Finding]] = []
    unknown: list[str] = []
    for fp in wanted:
        hit = next((f for f in findings if f.fingerprint == fp), None) or next(
            (f for f in findings if fp in f.aliases), None)
        if hit is None:
            unknown.append(fp)
        else:
            found.append((fp, hit))
    return found, unknown
