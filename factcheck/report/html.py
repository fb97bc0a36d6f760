"""A self-contained HTML report: one file an editor can open or attach, with no network at all.

Every piece of article text goes through `html.escape`; a Content-Security-Policy that forbids
scripts backs that up. The page needs no JavaScript: the timeline is positioned with CSS
percentages computed here, so it reads the same in a mail client or a headless browser.
"""

from __future__ import annotations

import contextvars
import html
import os
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional, Sequence
from urllib.parse import quote

from factcheck.report.markdown import highlight_spans
from factcheck.report.safe import shown_keep_lines
from factcheck.report.sarif import primary_index

_CSS = """
:root{--fg:#1d232a;--muted:#5d6873;--bg:#fff;--card:#f6f8fa;--line:#d5dbe1;--err:#c62828;
--warn:#b26a00;--info:#1f63b5;--ok:#2e7d32;--acc:#7a7f85;--mark:#ffe082}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg);margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:1.6em;margin:0 0 .2em}h2{border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.6em}
a{color:var(--info)}code,.where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.counts span{display:inline-block;padding:2px 10px;border-radius:12px;margin-right:6px;color:#fff;font-weight:600}
.c-error{background:var(--err)}.c-warning{background:var(--warn)}.c-info{background:var(--info)}
.c-accepted{background:var(--acc)}.c-unreadable{background:#6a1b9a}.c-zero{background:#aab2ba}
table{border-collapse:collapse;width:100%;margin:.6em 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--card)}
.sev{font-weight:700;text-transform:uppercase;font-size:.8em}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.finding{border:1px solid var(--line);border-left:6px solid var(--acc);border-radius:6px;
padding:10px 14px;margin:14px 0;background:var(--bg)}
.finding.severity-error{border-left-color:var(--err)}.finding.severity-warning{border-left-color:var(--warn)}
.finding.severity-info{border-left-color:var(--info)}.finding.accepted{opacity:.75;border-left-color:var(--acc)}
.finding h3{margin:0 0 4px;font-size:1.05em}
.fix{margin:2px 0 4px}.fix strong{color:var(--ok)}
.meta{color:var(--muted);font-size:.9em}
.side{margin:8px 0 0 0;padding:6px 10px;background:var(--card);border-radius:4px}
.side .role{font-weight:700;text-transform:uppercase;font-size:.75em;margin-right:6px}
.role-outlier .role{color:var(--err)}.role-consensus .role,.role-fact .role{color:var(--ok)}
.side blockquote{margin:4px 0 0;padding-left:10px;border-left:3px solid var(--line);white-space:pre-wrap}
mark{background:var(--mark);padding:0 1px;border-radius:2px}
.role-outlier mark{background:#ffcdd2}
.draft{display:inline-block;font-size:.75em;font-weight:700;text-transform:uppercase;color:#fff;background:#6a1b9a;border-radius:3px;padding:0 4px;margin-left:4px}
.verdict{font-weight:700}.verdict-agrees{color:var(--ok)}.verdict-disagrees{color:var(--err)}
.error-text{color:var(--err)}
td,th{overflow-wrap:break-word}
/* paths, and titles or findings whose words a scraped page joined with no-break spaces */
.where,code,.tl-text,.tl-label,.message,.title{overflow-wrap:anywhere}
.day{white-space:nowrap}
.timeline{margin:10px 0 4px}
.tl-row{display:flex;align-items:flex-start;border-bottom:1px dashed var(--line);padding:4px 0}
.tl-label{flex:0 0 190px;padding-right:8px;font-size:.9em}
.tl-label .meta{display:block;font-size:.85em;line-height:1.3}
.tl-track{position:relative;flex:1 1 auto;min-width:0}
.tl-item{position:relative;min-height:22px;padding:2px 0}
.tl-mark{position:absolute;top:6px;height:12px;min-width:8px;margin-left:-4px;border-radius:6px;
background:#5c7cfa;border:1px solid #fff;display:block}
.tl-mark.conflict{background:var(--err)}
.tl-mark.coarse{background:repeating-linear-gradient(45deg,#9fb0f5 0 4px,#dfe5fd 4px 8px);border-color:#5c7cfa;border-radius:2px;margin-left:0}
.tl-mark.coarse.conflict{background:repeating-linear-gradient(45deg,#ef9a9a 0 4px,#ffebee 4px 8px);border-color:var(--err)}
.tl-mark.off{width:0;min-width:0;height:0;margin:0;border-radius:0;background:none;
border:6px solid transparent;border-left-width:0;border-right-width:0;top:5px}
.tl-mark.off.before{border-right:8px solid #5c7cfa}.tl-mark.off.after{border-left:8px solid #5c7cfa;margin-left:-8px}
.tl-mark.off.conflict.before{border-right-color:var(--err)}.tl-mark.off.conflict.after{border-left-color:var(--err)}
.tl-item.conflict .tl-text{color:var(--err);font-weight:600}
.tl-text{display:block;font-size:.85em;line-height:1.3}
.tl-text.tl-left{text-align:right}
.tl-text.tl-under{margin-top:16px}
.tl-source{color:var(--muted)}
.tl-axis{position:relative;height:20px;margin-left:190px;border-bottom:1px solid var(--muted)}
.tl-tick{position:absolute;bottom:0;font-size:.75em;color:var(--muted);border-left:1px solid var(--muted);padding-left:3px;white-space:nowrap}
.legend .tl-key{display:inline-block;margin-right:12px}
.legend .tl-mark{position:static;display:inline-block;vertical-align:middle;width:16px;margin:0 4px 0 0}
.legend .tl-mark.off{width:0;margin:0 6px 0 4px}
@media (max-width:900px){.tl-tick.minor{display:none}}  /* ten labels need 600 px of axis */
@media (max-width:700px){
body{padding:12px}
.tl-row{display:block}
.tl-label{padding:0 0 2px}
.tl-axis{margin-left:0}
table.stack thead{display:none}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border:1px solid var(--line);border-radius:4px;margin-bottom:8px}
table.stack td{border:none;padding:2px 8px}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted);text-transform:none}
}
details summary{cursor:pointer;color:var(--muted)}
footer{margin-top:2em;color:var(--muted);font-size:.85em}
@media print{.finding{break-inside:avoid}}
"""

_MIN_DAY, _MAX_DAY = date(2, 1, 1), date(9997, 12, 31)  # room for the axis padding
_CONFLICT_ROW = ' class="error-text"'
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


# Every character `esc` changes: text without one (most names, dates, paths) is returned as it
# is, since a page of 10,000 articles escapes about a million pieces.
_ESCAPED = re.compile("[&<>\"'\x00-\x1f\x7f-\x9f]")


def esc(text: Any) -> str:
    """Text for the page: control characters shown escaped, line breaks as character
    references (the page's own lines never start with input text)."""
    s = "" if text is None else str(text)
    if not _ESCAPED.search(s):
        return s
    s = html.escape(shown_keep_lines(s), quote=True)
    return s.replace("\r", "&#13;").replace("\n", "&#10;")


def file_href(path: str, line: Any = None, base: Optional[str] = None) -> str:
    """A link to the file at the line (`path#L12`) that works from where the page is:
    relative to `base`, the folder the report is written to (None: the working directory, for
    a page written to stdout). Never a scheme or another host: ':' is percent-encoded (a
    scheme cannot hold '%') and an absolute path starts with a single '/' ('//' would name a
    host)."""
    cwd = (_cwd.get() or os.getcwd()) if base is not None else ""
    href = _path_href(path or "", base, cwd)
    return f"{href}#L{int(line)}" if line else href


# The working directory, read once per page: asked for at each of 100,000 timeline marks, it
# was a tenth of a 10,000-article page.
_cwd: contextvars.ContextVar[str] = contextvars.ContextVar("factcheck_html_cwd", default="")


@lru_cache(maxsize=65536)
def _path_href(path: str, base: Optional[str], cwd: str) -> str:
    """`file_href` without the line: the same file is linked once per date it holds (`cwd`:
    what a relative path is relative to, part of the key). The timeline runs in date order, so
    10,000 articles' marks interleave: a cache smaller than the batch missed on nearly every
    mark (0.4 s of a 10,000-article page)."""
    if base is not None and path:
        # Joined to `cwd` here: abspath would ask the system for the working directory at
        # each of 10,000 files (twice more inside relpath).
        full = os.path.normpath(os.path.join(cwd, path))
        try:
            path = os.path.relpath(full, base)
        except ValueError:  # another drive (Windows): no relative way there
            path = full
    href = quote(path.replace("\\", "/"), safe="/")
    if href.startswith("//"):
        href = "/" + href.lstrip("/")
    return href


def highlighted_sentence(side: Mapping[str, Any]) -> str:
    """The side's sentence, escaped, with the differing tokens in <mark>."""
    sentence = str(side.get("sentence") or "")
    out, pos = [], 0
    for a, b in highlight_spans(side):
        out.append(esc(sentence[pos:a]))
        out.append(f"<mark>{esc(sentence[a:b])}</mark>")
        pos = b
    out.append(esc(sentence[pos:]))
    return "".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(doc: Mapping[str, Any]) -> str:
    s = doc.get("summary") or {}
    counts = s.get("conflicts") or {}
    badges = []
    for sev in ("error", "warning", "info"):
        n = int(counts.get(sev, 0))
        badges.append(f'<span class="c-{sev if n else "zero"}">{_plural(n, sev) if sev != "info" else f"{n} info"}</span>')
    if s.get("accepted"):
        badges.append(f'<span class="c-accepted">{int(s["accepted"])} accepted</span>')
    if s.get("unreadable"):
        badges.append(f'<span class="c-unreadable">{int(s["unreadable"])} unreadable</span>')
    verdict = ""
    draft = s.get("draft") or {}
    if draft.get("verdict"):  # draft mode's answer: does the draft agree with the references?
        verdict = (f'<p class="verdict verdict-{"agrees" if draft.get("agrees") else "disagrees"}"'
                   f' id="verdict">{esc(draft["verdict"])}</p>')
    return (f'<p class="counts" id="summary">{"".join(badges)}</p>{verdict}'
            f'<p class="meta">{_plural(int(s.get("articles", 0)), "article")}, '
            f'{_plural(int(s.get("claims", 0)), "claim")} checked.</p>')


def _where(side: Mapping[str, Any], base: Optional[str] = None) -> str:
    label = f"{side.get('path', '')}:{side.get('line', '')}"
    if side.get("column"):
        label += f":{side.get('column')}"
    href = file_href(side.get("path") or "", side.get("line"), base)
    return f'<a class="where" href="{esc(href)}">{esc(label)}</a>'


def _index(findings: Sequence[Mapping[str, Any]], base: Optional[str] = None) -> str:
    rows = []
    for f in findings:
        sides = f.get("claims") or ()
        main = sides[primary_index(f)] if sides else None
        sev = esc(f.get("severity"))
        rows.append(f'<tr><td data-label="#"><a href="#{esc(f.get("id"))}">{esc(f.get("id"))}</a>'
                    f'</td><td data-label="Severity" class="sev sev-{sev}">{sev}</td>'
                    f'<td data-label="Kind">{esc(f.get("kind"))}</td>'
                    f'<td data-label="Finding" class="message">{esc(_title(f))}</td>'
                    f'<td data-label="Where">{_where(main, base) if main else ""}</td></tr>')
    return ('<table class="stack"><thead><tr><th>#</th><th>Severity</th><th>Kind</th><th>Finding</th>'
            "<th>Where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _title(f: Mapping[str, Any]) -> Any:
    """A finding as an editor reads it: its title (JSON from before titles: its message)."""
    return f.get("title") or f.get("message")


def _finding(f: Mapping[str, Any], base: Optional[str] = None) -> str:
    sev = esc(f.get("severity"))
    accepted = f.get("accepted")
    cls = f"finding severity-{sev}" + (" accepted" if accepted is not None else "")
    parts = [f'<article class="{cls}" id="{esc(f.get("id"))}" data-kind="{esc(f.get("kind"))}">',
             f'<h3>{esc(f.get("id"))} <span class="sev sev-{sev}">{sev}</span> '
             f'<span class="message">{esc(_title(f))}</span></h3>']
    if f.get("fix"):
        parts.append(f'<p class="fix"><strong>Fix:</strong> {esc(f["fix"])}</p>')
    meta = [f"fingerprint <code>{esc(f.get('fingerprint'))}</code>"]
    if f.get("consensus"):
        c = f["consensus"]
        meta.insert(0, f"consensus <strong>{esc(c.get('value'))}</strong> "
                       f"({_plural(int(c.get('support') or 0), 'claim')})")
    if accepted is not None:
        meta.insert(0, f"accepted: {esc(accepted.get('reason'))}")
    # The kind first under the title, as the index's column: a title names its fact already
    # ("Quote: …"), and "quote: Quote: …" said it twice.
    meta.insert(0, esc(f.get("kind")))
    parts.append(f'<div class="meta">{" · ".join(meta)}</div>')
    for side in f.get("claims") or ():
        role = esc(side.get("role"))
        extra = ""
        if side.get("section") and side.get("section") != "body":
            extra += f' <span class="meta">({esc(side["section"])})</span>'
        if side.get("source"):
            extra += f' <span class="meta">— {esc(side["source"])}</span>'
        draft = ' <span class="draft">draft</span>' if side.get("draft") else ""
        parts.append(f'<div class="side role-{role}"><span class="role">{role}</span>'
                     f'<strong>{esc(side.get("article"))}</strong>{draft} {_where(side, base)}{extra}'
                     f'<blockquote>{highlighted_sentence(side)}</blockquote></div>')
    parts.append("</article>")
    return "".join(parts)


# ── timeline ──────────────────────────────────────────────────────────────────────────────────
#
# The axis spans the story: the run of day-level dates around the disputed ones. A coarser
# claim ("in 2024", "in July") is a hatched range cut at the axis's ends, and a date outside
# the axis is pinned to the end it lies beyond (◂ ▸), labelled with its date: a year-level
# claim no longer squeezes the story's week into a sliver. Every mark is labelled (the claim's
# words, its date, its article) on a line of its own, so no two labels can meet at any width.


def _iso(value: Any) -> Optional[date]:
    if type(value) is date:  # a date point given as it is (not through JSON)
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def dates_from_doc(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Date points from the findings alone, when the caller has no full list of date claims."""
    points: dict[tuple[Any, Any], dict[str, Any]] = {}
    for f in doc.get("conflicts") or ():
        for side in f.get("claims") or ():
            value = side.get("value") or {}
            if not isinstance(value, Mapping) or not (value.get("start") and value.get("end")):
                continue
            key = (side.get("article"), side.get("start"))
            live = f.get("accepted") is None
            if key in points:
                points[key]["conflict"] |= live
                continue
            points[key] = {"article": side.get("article"), "text": side.get("text"),
                           "path": side.get("path"), "line": side.get("line"),
                           "start": value["start"], "end": value["end"], "conflict": live}
    return list(points.values())


def _ticks(lo: date, hi: date) -> Iterable[date]:
    """Round axis ticks, at most ten of them: years (1, 2, 5, 10, ... apart), months or days."""
    days = (hi - lo).days
    if days > 3 * 365:
        span = hi.year - lo.year
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**9)
                    if span / s <= 10)
        y = (lo.year // step + 1) * step
        while y <= hi.year:
            yield date(y, 1, 1)
            y += step
    elif days > 60:
        step = next(s for s in (1, 2, 3, 6, 12) if days / 30 / s <= 10)
        y, m = lo.year, lo.month
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            d = date(y, m, 1)
            if d > hi:
                return
            if (m - 1) % step == 0:
                yield d
    else:
        step = max(1, -(-days // 9))
        d = lo + timedelta(days=1)
        while d < hi:
            yield d
            d += timedelta(days=step)


def _tick_label(d: date, lo: date, hi: date) -> str:
    days = (hi - lo).days
    if days > 3 * 365:
        return str(d.year)
    if days > 60:
        return d.strftime("%b %Y")
    return f"{d.day} {d.strftime('%b')}"


@lru_cache(maxsize=65536)
def _span_label(s: date, e: date) -> str:
    """A date span as an editor writes it: 3 May 2024, May 2024, 2024, or from – to (worked
    out once per span: a 10,000-article page marks the same few thousand spans 36,000 times)."""
    if s == e:
        return f"{s.day} {s.strftime('%b %Y')}"
    if s.day == 1 and (e + timedelta(days=1)).day == 1 and (s.year, s.month) == (e.year, e.month):
        return s.strftime("%b %Y")
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    return f"{_span_label(s, s)} – {_span_label(e, e)}"


Point = tuple[Mapping[str, Any], date, date]
FINE_DAYS = 3  # a claim spanning more days (a week, a month, a year) is a range, never sets the axis
_ROOM = 35  # % of the track a label beside its mark needs; with less, it goes under the mark
STORY_GAP_DAYS = 60  # day-level dates further apart than this belong to different stretches


def _story_window(points: Sequence[Point]) -> tuple[date, date]:
    """The axis: the stretch of day-level dates (none further than STORY_GAP_DAYS from the
    next) holding the most disputed dates, then the most dates, then the latest; padded."""
    fine = sorted((t for t in points if (t[2] - t[1]).days < FINE_DAYS), key=lambda t: t[1])
    if not fine:
        fine = sorted(points, key=lambda t: t[1])
    best: Optional[tuple[tuple[int, int, date], date, date]] = None
    run: list[Point] = []
    reach = fine[0][2]
    for t in fine + [None]:  # type: ignore[list-item]
        if t is not None and (not run or (t[1] - reach).days <= STORY_GAP_DAYS):
            run.append(t)
            reach = max(reach, t[2])
            continue
        rank = (sum(1 for p in run if p[0].get("conflict")), len(run), run[-1][1])
        if best is None or rank >= best[0]:
            best = (rank, min(p[1] for p in run), max(p[2] for p in run))
        if t is not None:
            run, reach = [t], t[2]
    assert best is not None
    lo, hi = best[1], best[2] + timedelta(days=1)
    pad = max(timedelta(days=1), (hi - lo) / 20)
    # Clamped before the sum: a date near year 1 or 9999 must not step off the calendar.
    return (lo - min(pad, lo - _MIN_DAY)), (hi + min(pad, _MAX_DAY - hi) if hi < _MAX_DAY else hi)


def _mark(p: Mapping[str, Any], s: date, e: date, lo: date, hi: date, base: Optional[str],
          times: int = 1) -> str:
    """One claim (or `times` alike) on its own line of the track: its mark (a link to its
    line) and its label, on the side of the mark with more room."""
    total = (hi - lo).days or 1
    classes = ["tl-mark"] + (["conflict"] if p.get("conflict") else [])
    value = _span_label(s, e)
    words = " ".join(str(p.get("text") or "").split())
    label = value if words == value else f"{words} → {value}"
    if times > 1:
        label += f" ×{times}"
    if e < lo or s >= hi:  # wholly outside the story's stretch: pinned to that end
        before = e < lo
        classes.append("off before" if before else "off after")
        left, width = (0.0, 0.0) if before else (100.0, 0.0)
    else:
        s_in, e_in = max(s, lo), min(e + timedelta(days=1), hi)
        left = round(100 * (s_in - lo).days / total, 3)
        width = round(round(100 * (e_in - lo).days / total, 3) - left, 3)
        if (e - s).days >= FINE_DAYS:
            classes.append("coarse")
            if s < lo or e + timedelta(days=1) > hi:
                label += " (beyond this scale)"
    end = min(left + width, 100)
    if max(100 - end, left) >= _ROOM:  # beside the mark, on the side with more room
        side = "right" if 100 - end >= left else "left"
        where = (f"margin-left:calc({end}% + 8px)" if side == "right"
                 else f"margin-right:calc({round(100 - left, 3)}% + 8px)")
    else:  # a long range: under it, from whichever of its ends leaves more room
        side = "under"
        where = (f"margin-left:{left}%" if left <= 100 - end
                 else f"margin-right:{round(100 - end, 3)}%;text-align:right")
    s_iso, e_iso = s.isoformat(), e.isoformat()
    tip = f"{p.get('text', '')} → {s_iso}" + ("" if s == e else f" – {e_iso}")
    if p.get("path"):
        tip += f" ({p['path']}:{p.get('line', '')})"
    attrs = (f'class="{" ".join(classes)}" style="left:{left}%;width:{width}%" '
             f'title="{esc(tip)}" data-start="{s_iso}" data-end="{e_iso}"')
    mark = (f'<a {attrs} href="{esc(file_href(p["path"], p.get("line"), base))}"></a>'
            if p.get("path") else f"<span {attrs}></span>")
    source = f' <span class="tl-source">· {esc(p.get("article"))}</span>'
    item = "tl-item conflict" if p.get("conflict") else "tl-item"
    return (f'<div class="{item}">{mark}<span class="tl-text tl-{side}" style="{where}">'
            f'{esc(label)}{source}</span></div>')


def _track(doc: Mapping[str, Any], points: Sequence[Point], lo: date, hi: date,
           base: Optional[str] = None, beyond: bool = False) -> str:
    """One row per article, its dates one under the other, placed between `lo` and `hi`."""
    total = (hi - lo).days or 1
    titles = {a.get("id"): a.get("title") for a in doc.get("articles") or ()}
    # Points grouped by article in one pass: a scan of every point per article made the page
    # of 10,000 articles quadratic (minutes against seconds for the JSON).
    by_article: dict[Any, list[Point]] = {}
    for t in points:
        by_article.setdefault(t[0].get("article"), []).append(t)
    order = [a.get("id") for a in doc.get("articles") or () if not a.get("error")]
    listed = set(order)
    order += [aid for aid in by_article if aid not in listed]
    rows = []
    for aid in order:
        mine = by_article.get(aid)
        if not mine:
            continue
        # The same words for the same dates in one article (a story repeating "24 years"):
        # one mark, counted, linked to the first.
        folded: dict[tuple[Any, ...], list[Point]] = {}
        for t in sorted(mine, key=lambda t: (t[1], t[2], t[0].get("line") or 0)):
            words = " ".join(str(t[0].get("text") or "").split())
            folded.setdefault((t[1], t[2], words, bool(t[0].get("conflict"))), []).append(t)
        items = "".join(_mark(same[0][0], same[0][1], same[0][2], lo, hi, base, len(same))
                        for same in folded.values())
        label = esc(aid) + (f' <span class="meta">{esc(titles[aid])}</span>' if titles.get(aid) else "")
        rows.append(f'<div class="tl-row" data-article="{esc(aid)}"><div class="tl-label">'
                    f'{label}</div><div class="tl-track">{items}</div></div>')
    ticks = []
    for n, d in enumerate(_ticks(lo, hi)):
        at = round(100 * (d - lo).days / total, 3)
        if at > 85:  # its label would run past the axis's end
            continue
        minor = " minor" if n % 2 else ""
        ticks.append(f'<span class="tl-tick{minor}" style="left:{at}%">'
                     f'{esc(_tick_label(d, lo, hi))}</span>')
    return (f'<div class="timeline{" beyond" if beyond else ""}" data-from="{lo.isoformat()}" '
            f'data-to="{hi.isoformat()}"><div class="tl-axis">{"".join(ticks)}</div>{"".join(rows)}</div>')


def _timeline(doc: Mapping[str, Any], dates: Sequence[Mapping[str, Any]],
              base: Optional[str] = None) -> str:
    """All date claims on one axis scaled to the story's stretch of days (`_story_window`)."""
    points: list[Point] = []
    for p in dates:
        start, end = _iso(p.get("start")), _iso(p.get("end"))
        if start and end and _MIN_DAY <= start <= end <= _MAX_DAY:
            points.append((p, start, end))
    if not points:
        return '<p class="meta">No dated claims to place on a timeline.</p>'
    total = len(points)
    points = _drawn(points)
    lo, hi = _story_window(points)
    last = hi - timedelta(days=1)
    outside = sum(1 for _, s, e in points if e < lo or s >= hi)
    scale = (f'<p class="meta tl-scale">Scale: {_span_label(lo, lo)} to {_span_label(last, last)}'
             f', the story\'s stretch of dated days'
             + (f"; {_plural(outside, 'date')} outside it pinned to its ends (◂ ▸)" if outside
                else "") + ".</p>")
    listing = "".join(
        f'<tr{_CONFLICT_ROW if p.get("conflict") else ""}><td data-label="Article">'
        f'{esc(p.get("article"))}</td><td data-label="Text">{esc(p.get("text"))}</td>'
        f'<td data-label="From">{s.isoformat()}</td><td data-label="To">{e.isoformat()}</td>'
        f'<td data-label="Finding">{"conflict" if p.get("conflict") else ""}</td></tr>'
        for p, s, e in sorted(points, key=lambda t: (str(t[0].get("article")), t[1])))
    left_out = ""
    if total > len(points):
        left_out = (f'<p class="meta">{_plural(total - len(points), "more date claim")} not drawn '
                    f'(at most {MARKS_PER_ARTICLE} an article besides those in findings): the '
                    f'JSON of <code>factcheck extract</code> lists them all.</p>')
    # Disputed dates beyond the story's days (the years that "25 years" and "24 years" point
    # to) get a scale of their own, so that the dispute is seen, not only read.
    disputed = [t for t in points if t[0].get("conflict") and (t[2] < lo or t[1] >= hi)]
    if disputed:
        dlo, dhi = _story_window(disputed)
        left_out = (f'<h3 class="meta tl-beyond">Disputed dates beyond the story\'s days, '
                    f'{_span_label(dlo, dlo)} to {_span_label(dhi - timedelta(days=1), dhi - timedelta(days=1))}</h3>'
                    + _track(doc, disputed, dlo, dhi, base, beyond=True) + left_out)
    return (scale + _track(doc, points, lo, hi, base) + left_out
            + '<p class="legend meta"><span class="tl-key"><span class="tl-mark conflict"></span>'
            'date in a finding</span> <span class="tl-key"><span class="tl-mark"></span>other '
            'date</span> <span class="tl-key"><span class="tl-mark coarse"></span>a month or a year'
            '</span> <span class="tl-key"><span class="tl-mark off before"></span> beyond this scale'
            '</span></p>'
            f'<details><summary>{_plural(total, "date claim")}</summary><table class="stack">'
            '<thead><tr><th>Article</th><th>Text</th><th>From</th><th>To</th><th></th></tr>'
            f'</thead><tbody>{listing}</tbody></table></details>')


MARKS_PER_ARTICLE = 200  # an article of 100,000 dates must not make a page of 100 MB


def _drawn(points: Sequence[Point]) -> list[Point]:
    """The points the page draws and lists: every date in a finding, and an article's first
    MARKS_PER_ARTICLE others, so the page grows with the findings, not with the text."""
    kept: list[Point] = []
    others: dict[Any, int] = {}
    for t in points:
        if not t[0].get("conflict"):
            seen = others.get(t[0].get("article"), 0)
            if seen >= MARKS_PER_ARTICLE:
                continue
            others[t[0].get("article")] = seen + 1
        kept.append(t)
    return kept


# ── page ──────────────────────────────────────────────────────────────────────────────────────


def _articles(doc: Mapping[str, Any], base: Optional[str] = None) -> str:
    rows = []
    for a in doc.get("articles") or ():
        status = (f'<span class="error-text">unreadable: {esc(a["error"])}</span>'
                  if a.get("error") else _plural(int(a.get("claims") or 0), "claim"))
        href = file_href(a.get("path") or "", None, base)
        draft = ' <span class="draft">draft</span>' if a.get("draft") else ""
        rows.append(f'<tr><td data-label="Id">{esc(a.get("id"))}{draft}</td>'
                    f'<td data-label="Title" class="title">{esc(a.get("title") or "")}</td>'
                    f'<td data-label="File">'
                    f'<a class="where" href="{esc(href)}">{esc(a.get("path"))}</a></td>'
                    f'<td data-label="Published" class="day">{esc(a.get("published") or "")}</td>'
                    f'<td data-label="Claims">{status}</td></tr>')
    return ('<table class="stack"><thead><tr><th>Id</th><th>Title</th><th>File</th>'
            "<th>Published</th><th>Claims</th></tr></thead><tbody>" + "".join(rows)
            + "</tbody></table>")


def render_html(doc: Mapping[str, Any], dates: Optional[Sequence[Mapping[str, Any]]] = None,
                at: Optional[str] = None) -> str:
    """The whole report as one HTML page. `dates`: every date claim to place on the timeline
    ({"article", "text", "start", "end", "conflict"}, optional "path", "line"; the days as
    dates or ISO text); without it the
    timeline shows the dates found in the findings. `at`: the file the page is written to, so
    its links to articles work from there (None: stdout, links relative to the working
    directory)."""
    token = _cwd.set(os.getcwd())
    try:
        return _page(doc, dates, at)
    finally:
        _cwd.reset(token)


def _page(doc: Mapping[str, Any], dates: Optional[Sequence[Mapping[str, Any]]],
          at: Optional[str]) -> str:
    base = os.path.dirname(os.path.abspath(at)) if at else None
    findings = list(doc.get("conflicts") or ())
    live = [f for f in findings if f.get("accepted") is None]
    accepted = [f for f in findings if f.get("accepted") is not None]
    tool = doc.get("tool") or {}
    body = ['<header><h1>factcheck report</h1>', _summary(doc), "</header>"]
    for note in doc.get("notes") or ():
        body.append(f'<p class="meta">note: {esc(note)}</p>')
    body.append('<section id="findings-index"><h2>Findings</h2>')
    body.append(_index(live, base) if live else '<p>No conflicting claims found.</p>')
    body.append("</section>")
    body.append('<section id="timeline"><h2>Timeline of dates</h2>')
    body.append(_timeline(doc, dates if dates is not None else dates_from_doc(doc), base))
    body.append("</section>")
    if live:
        body.append('<section id="findings"><h2>Details</h2>')
        body.extend(_finding(f, base) for f in live)
        body.append("</section>")
    if accepted:
        body.append(f'<section id="accepted"><h2>Accepted ({len(accepted)})</h2>')
        body.extend(_finding(f, base) for f in accepted)
        body.append("</section>")
    body.append('<section id="articles"><h2>Articles</h2>')
    body.append(_articles(doc, base))
    body.append("</section>")
    body.append(f'<footer>{esc(tool.get("name", "factcheck"))} {esc(tool.get("version", ""))} · '
                f'{esc(doc.get("schema", ""))}</footer>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>factcheck report</title><style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")
