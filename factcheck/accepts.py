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
from typing import TYPE_CHECKING, Collection, Iterable, Optional, Sequence

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
