"""How often factcheck finds a real page's publication date where the page prints one.

    python bench/realnews_published.py [CLUSTERS_DIR]     (default $TMPDIR/realnews/clusters)

Reads every .txt under the folder (one article per file, first line the page's address when the
scraper kept it). Which articles *carry* a date is decided here by a detector of its own,
deliberately simple and independent of factcheck/load.py: a date with its year on one of the
first 5 or last 3 non-blank lines that is short or starts with a cue word, or an address with
a full date. It then prints how many of those factcheck dates, how many articles factcheck dates
without any (invented?), and the misses. Exits 0 with a message when the folder is absent.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?")
DATE_WITH_YEAR = re.compile(
    r"\b(?:" + MONTH + r"\s?\d{1,2}(?:st|nd|rd|th)?,?\s(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s" + MONTH + r",?\s(?:19|20)\d\d"
    r"|(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}"
    r"|\d{1,2}[/.]\d{1,2}[/.](?:(?:19|20)\d\d|\d\d))\b", re.IGNORECASE)
CUE = re.compile(r"^\W*(?:\w+\s)?(?:published|updated|posted|created|date)\b", re.IGNORECASE)
SHORT = 60
URL_FULL_DATE = re.compile(r"/(?:19|20)\d\d/(?:\d\d?|[a-z]{3})/\d\d?(?:/|$|-)"
                           r"|/(?:19|20)\d\d-\d\d-\d\d/"
                           r"|[-_/](?:19|20)\d\d[01]\d[0-3]\d(?:[-_/.]|$)", re.IGNORECASE)


def carried(text: str) -> list[str]:
    """The lines (or address) that make an article carry a publication date, by this detector."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    evidence = []
    if lines and lines[0].lower().startswith("http"):
        url = "".join(lines[0].split())
        if URL_FULL_DATE.search(url.split("?")[0]):
            evidence.append("URL " + url)
    for ln in lines[:5] + lines[-3:]:
        if ln.lower().startswith("http"):
            continue
        if DATE_WITH_YEAR.search(ln) and (len(ln) <= SHORT or CUE.match(ln)):
            evidence.append(ln)
    return list(dict.fromkeys(evidence))


def main(argv: list[str]) -> int:
    root = argv[1] if len(argv) > 1 else os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "realnews", "clusters")
    if not os.path.isdir(root):
        print(f"no clusters folder at {root}: nothing to measure (skipped)")
        return 0
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from factcheck.load import load_paths

    files = sorted(os.path.join(folder, name) for folder, _, names in os.walk(root)
                   for name in names if name.endswith(".txt"))
    docs, errors = load_paths(files)
    carrying, dated_carrying, invented, misses = 0, 0, [], []
    sources: Counter[str] = Counter()
    for doc in sorted(docs, key=lambda d: d.path):
        evidence = carried(doc.text)
        if doc.published:
            sources[doc.published_from or "?"] += 1
        if evidence:
            carrying += 1
            if doc.published:
                dated_carrying += 1
            else:
                misses.append((doc.path, evidence))
        elif doc.published:
            invented.append((doc.path, doc.published, doc.published_from))
    pct = 100.0 * dated_carrying / carrying if carrying else 0.0
    print(f"articles: {len(docs)} (unreadable: {len(errors)})")
    print(f"with a dateline or URL date: {carrying}")
    print(f"  of those dated by factcheck: {dated_carrying} ({pct:.1f} %)")
    print(f"dated by factcheck without any (invented?): {len(invented)}")
    print("dated by source: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    for path, found, where in invented:
        print(f"  extra  {path}: {found} ({where})")
    for path, evidence in misses:
        print(f"  miss   {path}: " + " || ".join(e[:90] for e in evidence))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
