"""Quotes two outlets share, and whether factcheck reads both renderings as quote claims.

Usage: python bench/realnews_quotes.py [CLUSTERS_DIR] [--show N] [--cmd CMD]

CLUSTERS_DIR (default $TMPDIR/realnews/clusters) holds one folder per cluster of articles on one
event, one .txt per article (the real-news kit of shared/realnews). The shared quotes are found
here with a method of their own, independent of factcheck's recognizer: the text between any
quote-like marks (" “ ” ‘ ’ `` '' and a straight ' that is not an apostrophe), read as lower-case
words; two quoted spans of different articles of one cluster that share five words in a row
are two renderings of one passage. A rendering is covered when a quote claim of
`python -m factcheck extract` (the active environment) overlaps the words it shares.
Prints how many renderings are covered, overall and in %, and lists the misses.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict

SHINGLE = 5
MAX_LINES = 12  # a quote open over more lines than this is a stray mark
MAX_CHARS = 2500

# `` '' “ ” ‘ ’ and ", and a straight or curly single mark that is not inside a word.
_MARK = re.compile(r"``|''|[\"“”]|(?<![^\W_])['‘’]|['‘’](?![^\W_])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_OPEN, _CLOSE, _EITHER = "open", "close", "either"


def _role(text: str, m: re.Match[str]) -> str:
    mark = m.group(0)
    if mark in ("``", "“"):
        return _OPEN
    if mark in ("''", "”"):
        return _CLOSE
    if mark == '"':
        return _EITHER
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if text[m.end():m.end() + 3] in (" s ", " s,", " s."):
        return "skip"  # a possessive, tokenized: "the director ‘ s script"
    if mark == "‘":
        return _OPEN
    if mark == "’" and before.isspace() and after.isspace():
        return _CLOSE  # tokenized: "‘ a title ’ that"
    if before.isspace() and not after.isspace():
        return _OPEN
    if not before.isspace() and after.isspace() or after in ".,;:!?)":
        return _CLOSE
    return "skip"  # ' with spaces on both sides: a tokenized possessive ("the Smiths ' house")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text between quote marks, over line breaks too."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_line = 0
    for m in _MARK.finditer(text):
        role = _role(text, m)
        if role == "skip":
            continue
        line = text.count("\n", 0, m.start())
        if open_at is not None and (line - open_line > MAX_LINES or m.start() - open_at > MAX_CHARS):
            open_at = None
        if role == _EITHER:
            role = _CLOSE if open_at is not None else _OPEN
        if role == _OPEN:
            if open_at is not None:  # a paragraph that goes on with a new opening mark
                spans.append((open_at, m.start()))
            open_at, open_line = m.end(), line
        elif open_at is not None:
            spans.append((open_at, m.start()))
            open_at = None
        elif m.group(0) in ("''", "”"):  # a closing mark whose opening mark the page dropped
            spans.append((text.rfind("\n", 0, m.start()) + 1, m.start()))
    return [(s, e) for s, e in spans if e > s]


_SMALL = frozenset("a an the of in on at for and or to with by from as".split())


def _title_case(text: str) -> bool:
    """Every word capitalized but the small ones: "Take Me Out to the Ball Game"."""
    words = _WORD.findall(text)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL
                               for w in words)


def _read(path: str) -> str:
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="replace")


def renderings(cluster_dir: str) -> dict[tuple[str, int, int], set[str]]:
    """Every quoted span of the cluster that shares five words in a row with a quoted span of
    another article: (file, start, end) of the shared words → the other files."""
    shingles: dict[tuple[str, ...], list[tuple[str, int, int]]] = defaultdict(list)
    for name in sorted(os.listdir(cluster_dir)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(cluster_dir, name)
        text = _read(path)
        for s, e in quoted_spans(text):
            words = [(w, ws, we) for w, ws, we in
                     ((m.group(0).lower().replace("’", "'"), m.start(), m.end())
                      for m in _WORD.finditer(text, s, e))]
            for i in range(len(words) - SHINGLE + 1):
                key = tuple(w for w, _, _ in words[i:i + SHINGLE])
                shingles[key].append((path, words[i][1], words[i + SHINGLE - 1][2]))
    found: dict[tuple[str, int, int], set[str]] = {}
    for places in shingles.values():
        files = {p for p, _, _ in places}
        if len(files) < 2:
            continue
        for p, s, e in places:
            found.setdefault((p, s, e), set()).update(files - {p})
    # Merge the overlapping shingles of one span into one rendering.
    merged: dict[tuple[str, int, int], set[str]] = {}
    for (p, s, e), others in sorted(found.items()):
        last = next((k for k in reversed(list(merged)) if k[0] == p), None)
        if last is not None and s <= last[2]:
            merged[(p, last[1], max(e, last[2]))] = merged.pop(last) | others
        else:
            merged[(p, s, e)] = set(others)
    return merged


def quote_claims(dirs: list[str], cmd: str) -> dict[str, list[tuple[int, int, str]]]:
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.run(shlex.split(cmd) + dirs, stdout=out, stderr=subprocess.PIPE, text=True)
        out.seek(0)
        try:
            report = json.load(out)
        except json.JSONDecodeError:
            sys.exit(f"factcheck extract gave no JSON (exit {proc.returncode}): {proc.stderr[-400:]}")
    claims: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article in report.get("articles", []):
        path = os.path.realpath(article.get("path") or "")
        for c in article.get("claims", []):
            if c.get("kind") == "quote":
                claims[path].append((c["start"], c["end"], c["value"]["quote"]))
    return claims


def main() -> int:
    default = os.path.join(os.environ.get("TMPDIR", "/tmp"), "realnews", "clusters")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("clusters", nargs="?", default=default)
    ap.add_argument("--show", type=int, default=100, help="misses to list")
    ap.add_argument("--cmd", default=f"{sys.executable} -m factcheck extract --format json",
                    help="the extract command; the cluster folders are appended")
    args = ap.parse_args()
    if not os.path.isdir(args.clusters):
        print(f"no clusters at {args.clusters}: build them with shared/realnews/run first")
        return 0
    dirs = sorted(os.path.join(args.clusters, d) for d in os.listdir(args.clusters)
                  if os.path.isdir(os.path.join(args.clusters, d)))
    wanted: dict[tuple[str, int, int], set[str]] = {}
    for d in dirs:
        wanted.update(renderings(d))
    claims = quote_claims(dirs, args.cmd)
    misses = []
    for (path, s, e), others in sorted(wanted.items()):
        hit = [c for c in claims.get(os.path.realpath(path), []) if c[0] < e and s < c[1]]
        if not hit:
            misses.append((path, s, e, others))
    n = len(wanted)
    pairs = {(k[0], o) for k, v in wanted.items() for o in v}
    print(f"clusters {len(dirs)}; renderings of a quote another outlet of the cluster shares "
          f"({SHINGLE}+ words): {n} in {len(pairs) // 2} pairs of articles")
    covered = n - len(misses)
    print(f"covered by a quote claim: {covered}/{n} = {covered / max(n, 1):.1%}")
    titled = sum(1 for path, s, e, _ in misses if _title_case(_read(path)[s:e]))
    if titled:
        print(f"of the {len(misses)} misses, {titled} share only Title Case words (titles, names, "
              f"slogans: not claims); {len(misses) - titled} others")
    for path, s, e, others in misses[: args.show]:
        text = _read(path)
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        context = text[line_start: line_end if line_end >= 0 else len(text)].replace("\n", " ⏎ ")
        rel = os.path.relpath(path, args.clusters)
        why = " [Title Case: a title of a work, a name or a slogan]" if _title_case(text[s:e]) else ""
        print(f"MISS {rel}:{s}-{e} (also in {', '.join(sorted(os.path.basename(o) for o in others))})"
              f"{why}")
        print(f"     {context[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
