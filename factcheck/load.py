"""Load: from paths on disk to `Document`s, and a plain reason for every file that cannot be read.

A newsroom points factcheck at whatever a CMS exported or a scraper saved, so nothing here may
raise: a file that is binary, empty, too big, undecodable or malformed becomes a `LoadError`
naming it, and every other file is still read. Offsets later in the pipeline refer to
`Document.text`, which is the file exactly as decoded (front matter included) for .txt and .md,
the object's `text` for .json/.jsonl, and the extracted main text for .html.
"""

from __future__ import annotations

import bisect
import fnmatch
import html
import itertools
import json
import os
import re
import stat
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any, Iterable, Optional, Sequence

import yaml

from factcheck.model import Document, LoadError
from factcheck.yaml_bounds import alias_copies

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
# Files a folder of articles usually holds that are not articles.
# Written by `check --output-dir` beside its reports, naming them: a folder walk skips the files
# it names, so reports written into the input folder are never read back as articles.
REPORTS_MARKER = ".factcheck-reports"
NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|changelog|contributing|claims)\b",
                          re.IGNORECASE)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MAX_JSON_DEPTH = 64
# Front matter holds a title, a date, an outlet and an address: a few hundred bytes. Its YAML is
# bounded before it is built (PyYAML recurses per level, and an alias bomb of 600 bytes
# expands to gigabytes once printed).
_MAX_FRONT_MATTER = 64 * 1024  # characters
_MAX_YAML_DEPTH = 64
_MAX_YAML_NODES = 10_000  # values that aliases may add when copied out
_EXCERPT = 60  # characters of a value from a file echoed in a message
_GLOB_CHARS = re.compile(r"[*?\[]")


# ── finding files ─────────────────────────────────────────────────────────────────────────────


def shown_path(path: str | os.PathLike[str]) -> str:
    """The path as reports show it: relative to the working directory (portable across machines)."""
    path = os.fspath(path)
    if not os.path.isabs(path):
        plain = os.path.normpath(path)
        if plain != os.pardir and not plain.startswith(os.pardir + os.sep):
            return plain  # what relpath(abspath(path)) gives, without asking for the cwd twice
    folder, name = os.path.split(path)
    if not name or name in (os.curdir, os.pardir):
        return _shown_folder(path, os.getcwd())
    cwd = os.getcwd()
    shown = _shown_folder(folder, cwd)  # once per folder: relpath was a tenth of loading a page
    if shown == os.curdir:
        return name
    if all(part == os.pardir for part in shown.split(os.sep)):  # the path may be the cwd's own
        return _shown_folder(path, cwd)
    return os.path.join(shown, name)


@lru_cache(maxsize=256)
def _shown_folder(path: str, cwd: str) -> str:
    p = os.path.abspath(path)
    try:
        return os.path.relpath(p, cwd)
    except ValueError:  # another drive on Windows
        return p


def _inside(path: str, root: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _kind(mode: int) -> Optional[str]:
    """What a file that is not a regular one is (reading a FIFO blocks until someone writes
    to it; reading a device may never end), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def _not_regular(path: str, mode: int) -> LoadError:
    return LoadError(shown_path(path), f"is {_kind(mode)}, not a regular file; skipped")


def _walk(root: str) -> tuple[list[tuple[str, str]], list[LoadError]]:
    """Article files below a folder, sorted, each with its real path (what tells two names of
    one file apart); symlinks are followed only when they stay inside."""
    files: list[tuple[str, str]] = []
    errors: list[LoadError] = []
    seen_dirs: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen_dirs:
            errors.append(LoadError(shown_path(folder), "symlink loop: folder already visited"))
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(LoadError(shown_path(folder), f"folder cannot be read: {_os_reason(exc)}"))
            continue
        subdirs: list[str] = []
        ours = _reports_among(folder, entries)
        for entry in entries:
            if entry.name.startswith(".") or entry.name in ours:
                continue
            full = entry.path
            is_dir = _is_folder(entry, full, root, errors)
            if is_dir is None:
                continue
            if is_dir:
                subdirs.append(full)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and not NOT_ARTICLES.match(
                    entry.name):
                if not _regular_entry(entry, errors):
                    continue
                # In a folder already resolved, only a symlink needs resolving (a realpath per
                # file was a tenth of a re-check of 10,000 articles).
                files.append((full, os.path.realpath(full) if entry.is_symlink()
                              else os.path.join(real, entry.name)))
        stack.extend(reversed(subdirs))
    files.sort()
    return files, errors


def own_reports(folder: str) -> frozenset[str]:
    """The report files factcheck wrote into `folder` (its REPORTS_MARKER lists them)."""
    try:
        with open(os.path.join(folder or os.curdir, REPORTS_MARKER), encoding="utf-8",
                  errors="replace") as fh:
            return frozenset(line.strip() for line in fh.read(65536).splitlines() if line.strip())
    except OSError:
        return frozenset()


def _reports_among(folder: str, entries: Sequence[os.DirEntry[str]]) -> frozenset[str]:
    """The report files factcheck wrote among a folder's entries (read only when it wrote any)."""
    if any(e.name == REPORTS_MARKER for e in entries):
        return own_reports(folder)
    return frozenset()


def _is_folder(entry: os.DirEntry[str], full: str, root: str, errors: list[LoadError]
               ) -> Optional[bool]:
    """Whether a folder entry is a folder (True) or not (False); None when it is a symlink
    that is not followed (named in `errors`)."""
    if entry.is_symlink() and not _followable(full, root, errors):
        return None
    try:
        return entry.is_dir()
    except OSError:
        return False


def _followable(path: str, root: str, errors: list[LoadError]) -> bool:
    """A symlink below `root` is followed when it leads somewhere that exists inside it."""
    if not os.path.exists(path):
        errors.append(LoadError(shown_path(path), "broken symlink or symlink loop; skipped"))
        return False
    if not _inside(path, root):
        errors.append(LoadError(shown_path(path),
                                "symlink points outside the folder; not followed"))
        return False
    return True


def _regular_entry(entry: os.DirEntry[str], errors: list[LoadError]) -> bool:
    """A folder's entry is a regular file (the type comes with the listing: no system call
    for a plain file); anything else is named and skipped, never opened."""
    try:
        if entry.is_file():
            return True
        mode = entry.stat().st_mode
    except OSError as exc:
        errors.append(LoadError(shown_path(entry.path), f"cannot be read: {_os_reason(exc)}"))
        return False
    if stat.S_ISREG(mode):
        return True
    errors.append(_not_regular(entry.path, mode))
    return False


# ── globs ─────────────────────────────────────────────────────────────────────────────────────
#
# A glob is walked like a folder, not handed to the glob module: that follows every symlink
# ("**" over a folder holding two links to "." ran for minutes and took a gigabyte) and out of
# the folder. Its root is the part of the pattern before the first wildcard; below it symlinks
# are followed only when they stay inside, each folder is read once, and only the folders the
# pattern can still match in are read.


def _glob_root(pattern: str) -> tuple[str, list[str]]:
    """("g", ["**", "*.txt"]) for "g/**/*.txt"; ("", ["*.txt"]) for "*.txt"."""
    seps = re.escape(os.sep + (os.altsep or ""))
    parts = re.split(f"[{seps}]", pattern)
    n = next(i for i, part in enumerate(parts) if _GLOB_CHARS.search(part))
    root = os.sep.join(parts[:n])
    if n and not root:  # "/*.txt": the root folder of the file system
        root = os.sep
    return root, [p for p in parts[n:] if p]


def _glob_step(states: frozenset[int], segments: list[str], name: str) -> frozenset[int]:
    """Where in the pattern each way of matching stands after one more path component
    (`states` are segment indexes; "**" may match no component, or any number)."""
    out: set[int] = set()
    for i in _glob_closure(states, segments):
        if i >= len(segments):
            continue
        seg = segments[i]
        if seg == "**":
            if not name.startswith("."):
                out.add(i)
        elif (not name.startswith(".") or seg.startswith(".")) and fnmatch.fnmatch(name, seg):
            out.add(i + 1)
    return frozenset(out)


def _glob_closure(states: Iterable[int], segments: list[str]) -> set[int]:
    out = set(states)
    for i in sorted(out):
        while i < len(segments) and segments[i] == "**":
            i += 1
            out.add(i)
    return out


def _glob(pattern: str) -> tuple[list[tuple[str, str]], list[LoadError]]:
    """Files a glob names (a folder it names: that folder's articles), in the glob module's
    order, with the folder rules."""
    root, segments = _glob_root(pattern)
    start = root or os.curdir
    errors: list[LoadError] = []
    if not os.path.isdir(start):
        return [], [LoadError(pattern, "no file matches this pattern")]
    matched: list[tuple[str, bool]] = []  # (path, is a folder)
    if root and len(segments) in _glob_closure({0}, segments):  # "x/**" names x/ itself
        matched.append((os.path.join(root, ""), True))
    seen_dirs: set[str] = set()
    stack: list[tuple[str, str, frozenset[int]]] = [(root, os.path.realpath(start),
                                                     frozenset({0}))]
    while stack:
        folder, real, states = stack.pop()
        if real in seen_dirs:
            errors.append(LoadError(shown_path(folder or os.curdir),
                                    "symlink loop: folder already visited"))
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder or os.curdir), key=lambda e: e.name)
        except OSError as exc:
            errors.append(LoadError(shown_path(folder or os.curdir),
                                    f"folder cannot be read: {_os_reason(exc)}"))
            continue
        ours = _reports_among(folder, entries)
        for entry in entries:
            after = _glob_step(states, segments, entry.name)
            if not after or entry.name in ours:
                continue
            full = os.path.join(folder, entry.name) if folder else entry.name
            is_dir = _is_folder(entry, full, start, errors)
            if is_dir is None:
                continue
            done = len(segments) in _glob_closure(after, segments)
            if done:
                if is_dir:
                    matched.append((full, True))
                elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and _regular_entry(
                        entry, errors):
                    matched.append((full, False))
            if is_dir and any(i < len(segments) for i in after):
                stack.append((full, os.path.realpath(full) if entry.is_symlink()
                               else os.path.join(real, entry.name), after))
    found: list[tuple[str, str]] = []
    for path, is_dir in sorted(matched):
        if is_dir:
            files, errs = _walk(path)
            found.extend(files)
            errors.extend(errs)
        else:
            found.append((path, os.path.realpath(path)))
    if not matched and not errors:
        errors.append(LoadError(pattern, "no file matches this pattern"))
    return found, errors


def find_files(paths: Sequence[str]) -> tuple[list[str], list[LoadError]]:
    """Files named by PATH arguments: files, folders (recursively) and globs, each once."""
    found: list[tuple[str, str]] = []
    errors: list[LoadError] = []
    for arg in paths:
        if os.path.isdir(arg):
            files, errs = _walk(arg)
            found.extend(files)
            errors.extend(errs)
        elif os.path.lexists(arg):
            if os.path.islink(arg) and not os.path.exists(arg):
                errors.append(LoadError(shown_path(arg), "broken symlink or symlink loop"))
            else:
                found.append((arg, os.path.realpath(arg)))
        elif _GLOB_CHARS.search(arg):
            files, errs = _glob(arg)
            found.extend(files)
            errors.extend(errs)
        else:
            errors.append(LoadError(arg, "no such file or directory"))
    unique: list[str] = []
    seen: set[str] = set()
    for f, key in found:
        if key not in seen:
            seen.add(key)
            unique.append(f)
    # A folder a glob names is walked after the glob passed through it: each problem once.
    return unique, list(dict.fromkeys(errors))


# ── reading and decoding ──────────────────────────────────────────────────────────────────────


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return exc.strerror or type(exc).__name__


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 50)


def decode(data: bytes) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(text, note, error): UTF-8 as is, a BOM honoured, Windows-1252 as a noted fallback."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None, None, f"starts with a {codec.upper()} byte-order mark but does not decode"
            note = None if codec == "utf-8-sig" else "decoded as UTF-16 (byte-order mark)"
            return text, note, None
    if _looks_binary(data):
        return None, None, "is not text (binary data)"
    try:
        return data.decode("utf-8"), None, None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, None, f"is not valid UTF-8 (bad byte at offset {bad_at}) nor Windows-1252"
    return text, f"not valid UTF-8 (byte {bad_at}); decoded as Windows-1252", None


# ── publication dates ─────────────────────────────────────────────────────────────────────────
#
# A page prints its date on a line of its own near the top (or repeats it at the bottom):
# "Tue Feb 3, 2015 9:05am EST", "Published: April 6, 2014", "9 March 2015 Last updated at
# 14:05 GMT", or a wire dateline "OSLO, Feb 3 (Wire) -". Only such lines are read: a date
# in the story's sentences is about an event, never the page's date. Every pattern here runs on a
# handful of short lines (the first and last few), never over the page, so loading stays cheap
# and linear however long or hostile the file.

_HEAD_LINES, _HEAD_CHARS = 15, 6000  # where a page's date line sits: above the story ...
_TAIL_LINES, _TAIL_CHARS = 4, 2000  # ... or repeated below it
_PLAIN_LINES = 8  # a bare date without a cue word counts only in the first few lines
_LINE_MAX = 200  # a longer line is a paragraph of the story
# A scraped page may print its date line below menus and lists of other stories: a cue line
# ("Updated: ...") is looked for that far when the first lines have none.
_DEEP_CHARS = 20000
# Every date _DATE reads holds a year or a numeric date: a line without either is not looked at.
_DATE_HINT = re.compile(r"(?:19|20)\d\d|\d[/.]\d")
# Where a cue word may start, found in the lower-cased text (a case-blind alternation over 20 KB
# was most of what loading a page cost); "date" finds "updated" too.
_CUE_STEM = re.compile(r"publish|date|post|creat|modif|edit|filed")
_OLDEST = date(1900, 1, 1)

_MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
# One date with its year, in the shapes date lines print: "June 3rd, 2014", "Sep 9 2014",
# "08 March 2015", "2015-03-04", "2015.03.04", "07/02/2014", "6/4/15", "14.08.2013".
_DATE = re.compile(
    rf"(?<![\w/.])(?:"
    rf"(?P<m1>{_MON})\.?\s?(?P<d1>\d{{1,2}}){_ORD}(?:\s?,\s?|\s)(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}}){_ORD}(?:\sof)?\s(?P<m2>{_MON})\.?\s?,?\s(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})(?P<s3>[-./])(?P<m3>\d{{1,2}})(?P=s3)(?P<d3>\d{{1,2}})"
    rf"|(?P<a4>\d{{1,2}})(?P<s4>[/.])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>{_YEAR}|\d\d)"
    rf")(?!\d)", re.IGNORECASE)
# "10:41 p. m." as tokenized text prints it, "9:15 p.m.": one token, "pm".
_AM_PM = re.compile(r"(?<=[\d\s])([ap])\.\s?m\b\.?", re.IGNORECASE)
_TIME_TOKEN = re.compile(r"\d{1,2}(?:[:.h]\d\d){1,2}(?:[ap]m?|hrs?|h)?|\d{1,2}[ap]m",
                         re.IGNORECASE)
_HHMM = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_ZONE_TOKEN = re.compile(r"(?:gmt|utc)(?:[+-]\d{1,2}(?::?\d{0,2})?)?|[+-]\d\d:?\d\d",
                         re.IGNORECASE)
_TOKEN_EDGES = " ,.;:|@()[]{}<>-\u2013\u2014/\u2022\u00b7*\"'\u2018\u2019\u201c\u201d\t"
_SEPARATORS = "|,;:-\u2013\u2014\u2022\u00b7)]"
# What a scraper writes on a page's first line: " date 2024-06-19 World" (its own date of the
# page, stronger than any date line the page prints).
_SCRAPER_DATE = re.compile(rf"\s?date\s(?P<iso>{_YEAR}-\d\d-\d\d)\b")
# A wire dateline: "OSLO, Feb 3 (Wire) -", "NEW YORK, Dec. 30 (Wire) --"; its year comes
# from elsewhere on the page.
_WIRE = re.compile(
    rf"[A-Z][A-Z.'\u2019-]+(?:\s[A-Z][A-Z.'\u2019-]+){{0,3}}"
    rf"(?:,\s?[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){{0,2}})?"
    rf",\s(?P<mon>(?i:{_MON}))\.?\s(?P<day>\d{{1,2}})"
    rf"\s?\(\s?[A-Z][A-Za-z.&]*(?:\s[A-Za-z.&]+){{0,3}}\s?\)\s?(?:--|[-\u2013\u2014])")
# Dates in a page's address: /2013/08/02/, /2005/nov/28/, -20130504, /2013-05-04-.
_URL_YMD = re.compile(rf"/(?P<y>{_YEAR})/(?P<m>\d{{1,2}}|[a-z]{{3,9}})/(?P<d>\d{{1,2}})"
                      r"(?=/|\.htm|$|-\d{1,3}(?:[/.]|$))",  # not "/2013/08/5-things-to-..."
                      re.IGNORECASE)
_URL_DASHED = re.compile(rf"[/_-](?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?=[/_.-]|$)")
_URL_COMPACT = re.compile(rf"[/_-](?P<y>{_YEAR})(?P<m>[01]\d)(?P<d>[0-3]\d)(?=[/_.-]|$)")
# A year and month without a day (/2013/05/) never dates a page; it settles a wire dateline's
# year and which way a numeric date reads.
_URL_YM = re.compile(rf"/(?P<y>{_YEAR})/(?P<m>\d{{1,2}}|[a-z]{{3,9}})(?=/)", re.IGNORECASE)
_URL_Y = re.compile(rf"/(?P<y>{_YEAR})/")
_URL_LINE = re.compile(r"\s*https?\s?:\s?//", re.IGNORECASE)


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    """The date-line words of rules/published.yaml, as sets and one cue pattern."""
    from factcheck import rules  # late: loading a page that has a date in metadata needs none

    data = rules.load("published")
    cue = rules.alternation(data["cues"], flexible_space=True)
    lead = rules.alternation(data["cue_lead"])
    out: dict[str, Any] = {k: frozenset(str(w).lower() for w in data[k])
                           for k in ("cues", "cue_lead", "later_cues", "connectors", "weekdays",
                                     "us_zones", "day_first_domains")}
    out["cue"] = re.compile(rf"(?<!\w)(?:(?:{lead})\s+)?(?:{cue})(?!\w)", re.IGNORECASE)
    out["plain"] = out["cues"] | out["cue_lead"] | out["connectors"] | out["weekdays"] | {
        w for c in data["cues"] for w in str(c).lower().split()}
    return out


def _valid(year: int, month: int, day: int, today: date) -> Optional[date]:
    """The date, or None for "February 30", a date still to come, or one before 1900."""
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if _OLDEST <= found <= today else None


def _month_number(word: str) -> Optional[int]:
    if word.isdigit():
        return int(word)
    word = word.lower()
    number = _MONTHS.get(word[:3])
    # only a month's own name or its short form ("sept", not "septic")
    return number if number and re.fullmatch(_MON, word) else None


def _readings(m: re.Match[str], us: bool, today: date) -> tuple[date, ...]:
    """What a date match can mean: one date, two for "07/02/2014" (July 2 or 7 February) unless
    a US time zone beside it says month first, none when it is no date."""
    g = m.group
    if g("y1") or g("y2"):
        k = "1" if g("y1") else "2"
        found = _valid(int(g("y" + k)), _MONTHS[g("m" + k)[:3].lower()], int(g("d" + k)), today)
        return (found,) if found else ()
    if g("y3"):
        found = _valid(int(g("y3")), int(g("m3")), int(g("d3")), today)
        return (found,) if found else ()
    a, b, year = int(g("a4")), int(g("b4")), g("y4")
    if len(year) == 2:
        if g("s4") != "/":
            return ()  # "08.07.12" could be anything
        year = ("20" if int(year) <= today.year % 100 else "19") + year
    y = int(year)
    if g("s4") == ".":  # "08.07.2012": dotted dates read day first
        found = _valid(y, b, a, today)
        return (found,) if found else ()
    mdy, dmy = _valid(y, a, b, today), _valid(y, b, a, today)
    if us or mdy == dmy or dmy is None:
        return (mdy,) if mdy else ()
    if mdy is None:
        return (dmy,)
    return (mdy, dmy)


def _plain_words(segment: str, before_date: bool, words: dict[str, Any]) -> Optional[int]:
    """How many names (a dateline's place, a byline's author, an agency, a zone) `segment`
    holds when every other word in it is a date line's own (weekday, time, zone, cue, "at");
    None when it holds a word of a sentence or a label ("End of Watch:", "Born:")."""
    names = 0
    tokens = segment.split()
    byline = bool(tokens) and tokens[0].lower() == "by"
    unclosed = 0  # Capitalized names before the date not yet closed by a comma ("Mumbai,")
    for n, raw in enumerate(tokens):
        token = raw.strip(_TOKEN_EDGES)
        if not token:
            if raw[0] in _SEPARATORS:
                unclosed = 0
            continue
        low = token.lower()
        if low in words["plain"] or low in words["us_zones"] or _TIME_TOKEN.fullmatch(token) \
                or _ZONE_TOKEN.fullmatch(token):
            continue
        if _HHMM.fullmatch(token) and n + 1 < len(tokens) and tokens[n + 1].strip(
                _TOKEN_EDGES).isupper():
            continue  # "0930 GMT": a wire's time of day
        if not token[0].isupper() or (not before_date and not token.isupper()):
            return None
        if before_date and raw.endswith(":"):
            return None  # a label: the date is of something else
        names += 1
        if before_date and not token.isupper():
            unclosed += 1
        if raw[-1] in ",|":
            unclosed = 0
    return None if unclosed and not byline else names


def _date_line(line: str, words: dict[str, Any], today: date, cued_only: bool = False
               ) -> list[tuple[tuple[date, ...], bool]]:
    """The dates `line` gives as a date line, each with its readings and whether an "Updated"
    cue stands before it; [] when it is no date line. A date line holds only dates and date-line
    words (and a few names: a dateline's place, a byline's author), or a cue word right before a
    date."""
    line = _AM_PM.sub(r"\1m", line)
    matches = list(_DATE.finditer(line))
    if not matches:
        return []
    us = any(t.strip(_TOKEN_EDGES).lower() in words["us_zones"] for t in line.split()
             if t.strip(_TOKEN_EDGES).isupper())
    whole = False
    names_pre = _plain_words(line[:matches[0].start()], True, words)
    if names_pre is not None:
        rest = " ".join(line[m.end():(matches[i + 1].start() if i + 1 < len(matches) else None)]
                        for i, m in enumerate(matches))
        names_rest = _plain_words(rest, False, words)
        whole = names_rest is not None and names_pre + names_rest <= 4
    found = []
    start = 0
    for m in matches:
        cues = list(words["cue"].finditer(line, start, m.start()))
        start = m.end()
        cue = cues[-1] if cues else None
        if cued_only and cue is None:
            continue
        if not whole:
            # A cue right before a date ("Updated: May 9, 2021 4:10 pm - 2 / 5"), at the
            # line's start or after a separator ("By Staff | Posted on ...").
            if cue is None:
                continue
            between = _plain_words(line[cue.end():m.start()], False, words)
            lead = line[:cue.start()].rstrip()
            if between is None or between > 2:
                continue
            if lead and lead[-1] not in _SEPARATORS and _plain_words(
                    _DATE.sub(" ", lead), True, words) is None:
                continue
        readings = _readings(m, us, today)
        if readings:
            later = cue is not None and cue.group().split()[-1].lower() in words["later_cues"]
            found.append((readings, later))
    return found


def _url_of(text: str, url: Optional[str]) -> Optional[str]:
    """The page's own address: the document's url, else a first or last line that is one (a
    scraper's; some print it with spaces inserted, "http://www. example. com/2013/...")."""
    if url:
        return url
    head = text[:2000].lstrip().split("\n", 1)[0]
    tail = text[-2000:].rstrip().rsplit("\n", 1)[-1]
    for line in (head, tail):
        if len(line) < 1000 and _URL_LINE.match(line):
            return "".join(line.split())
    return None


def _url_date(url: str, today: date) -> tuple[Optional[date], Optional[int], Optional[int]]:
    """(the date in the address's path, its year, its month): a date only when the day is there."""
    path = url[:2000].split("?", 1)[0].split("#", 1)[0]
    host_end = path.find("/", path.find("//") + 2) if "//" in path else path.find("/")
    path = path[host_end:] if host_end >= 0 else ""
    for pattern in (_URL_YMD, _URL_DASHED, _URL_COMPACT):
        for m in pattern.finditer(path):
            month = _month_number(m.group("m"))
            if month:
                found = _valid(int(m.group("y")), month, int(m.group("d")), today)
                if found:
                    return found, found.year, found.month
    for m in _URL_YM.finditer(path):
        month = _month_number(m.group("m"))
        if month and 1 <= month <= 12 and int(m.group("y")) <= today.year:
            return None, int(m.group("y")), month
    m = _URL_Y.search(path)
    if m and int(m.group("y")) <= today.year:
        return None, int(m.group("y")), None
    return None, None, None


def _day_first_site(url: Optional[str], words: dict[str, Any]) -> bool:
    if not url:
        return False
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower().rstrip(".")
    return host.rsplit(".", 1)[-1] in words["day_first_domains"]


def _nearest(month: int, day: int, year: Optional[int], ref_month: Optional[int],
             ref: Optional[date], today: date) -> Optional[date]:
    """A year-less wire dateline's date: the year of the page's other date (or its address's),
    or the one beside it that puts the day nearest."""
    if ref is not None:
        best = None
        for y in (ref.year - 1, ref.year, ref.year + 1):
            d = _valid(y, month, day, today)
            if d and (best is None or abs((d - ref).days) < abs((best - ref).days)):
                best = d
        return best if best and abs((best - ref).days) <= 183 else None
    if year is None:
        return None
    if ref_month is not None:
        return _nearest(month, day, None, None, date(year, ref_month, 15), today)
    return _valid(year, month, day, today)


def _lines(text: str) -> tuple[list[str], list[str], int]:
    """The first few non-blank lines of a page (a paragraph cut short: a wire dateline starts
    one), its last few without paragraphs, and where the first few end."""
    head: list[str] = []
    at = 0
    chunk = text[:_HEAD_CHARS]
    for part in chunk.split("\n", _HEAD_LINES * 8):
        line = part[:_LINE_MAX + 1].strip()
        at += len(part) + 1
        if line:
            head.append(line)
            if len(head) == _HEAD_LINES:
                break
    at = min(at, len(text))
    tail = []
    if at < len(text):  # the last lines, unless they are among the first
        for line in reversed(text[max(at, len(text) - _TAIL_CHARS):].split("\n")):
            line = line.strip()
            if line:
                tail.append(line)
                if len(tail) == _TAIL_LINES:
                    break
        tail.reverse()
    return head, [ln for ln in tail if len(ln) <= _LINE_MAX], at


def _deep_date_line(text: str, start: int, words: dict[str, Any], today: date
                    ) -> list[tuple[tuple[date, ...], bool]]:
    """A scraped page's date line below its menus and lists of other stories (or above its
    footer): the first line there with a cue word right before a date, and the two after it
    ("Published ..." then "Updated ..."). Only lines where a cue word starts are read."""
    # Near the top first (lower-casing 20 KB of every page cost more than reading its lines).
    spans = [(start, min(len(text), _HEAD_CHARS)), (_HEAD_CHARS, min(len(text), _DEEP_CHARS))]
    if len(text) > _DEEP_CHARS:
        spans.append((max(len(text) - _DEEP_CHARS, _DEEP_CHARS), len(text)))
    done = 0  # where the next line to look at starts
    for lo, hi in spans:
        if lo >= hi:
            continue
        low = text[lo:hi].lower()
        if len(low) != hi - lo:  # lowercasing moved offsets (a few scripts do): no cues here
            continue
        for m in _CUE_STEM.finditer(low):
            at = lo + m.start()
            if at < done:
                continue  # a second cue word on a line already looked at
            line_start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            done = end + 1 if end != -1 else len(text)
            line = text[line_start:min(done, line_start + 4 * _LINE_MAX)].strip()
            if len(line) > _LINE_MAX or not _DATE_HINT.search(line):
                continue
            found = _date_line(line, words, today, cued_only=True)
            if found:
                after = text[done:done + 2 * (_LINE_MAX + 1)] if end != -1 else ""
                for line in [ln.strip() for ln in after.split("\n")[:3] if ln.strip()][:2]:
                    if len(line) <= _LINE_MAX:
                        found.extend(_date_line(line, words, today, cued_only=True))
                return found
    return []


def published_date(text: str, url: Optional[str] = None, today: Optional[date] = None
                   ) -> tuple[Optional[date], Optional[str]]:
    """(The publication date a page states, where from: "text" or "url"), or (None, None).

    A date line near the top or bottom wins (the earliest when the page prints several:
    "Published" before "Updated"); then a wire dateline with its year from the page's address;
    then a full date in the address. A month without a day in the address dates nothing."""
    today = today or date.today()
    head, tail, head_end = _lines(text)
    for line in head[:3]:
        m = _SCRAPER_DATE.match(line) or _SCRAPER_DATE.match(" " + line)
        if m:
            try:
                return date.fromisoformat(m.group("iso")), "text"
            except ValueError:
                pass
    words = _words()
    found: list[tuple[tuple[date, ...], bool]] = []
    wire = None
    for n, line in enumerate(head + tail):
        if wire is None and n < _PLAIN_LINES and n < len(head):
            wire = _WIRE.match(line)
        if len(line) <= _LINE_MAX and _DATE_HINT.search(line):
            found.extend(_date_line(line, words, today, _PLAIN_LINES <= n < len(head)))
    if not found:
        found = _deep_date_line(text, head_end, words, today)
    page_url = _url_of(text, url)
    url_day, url_year, url_month = _url_date(page_url, today) if page_url else (None, None, None)
    sure = [r[0] for r, _ in found if len(r) == 1]
    dates = list(sure)
    for readings in (r for r, _ in found if len(r) > 1):
        # "07/02/2014": the reading the page's other dates or its address agree with
        near = [d for d in readings if any(abs((d - s).days) <= 3 for s in sure)
                or (url_day and abs((d - url_day).days) <= 3)
                or (url_year == d.year and url_month == d.month)]
        if len(near) == 1:
            dates.append(near[0])
        elif not near and not sure and _day_first_site(page_url, words):
            dates.append(readings[1])
    if wire is not None:
        ref = min(dates) if dates else url_day
        month = _MONTHS[wire.group("mon")[:3].lower()]
        wired = _nearest(month, int(wire.group("day")), url_year, url_month, ref, today)
        if wired:
            dates.append(wired)
    if dates:
        first = min(dates)
        if url_day and url_day < first and all(later for _, later in found) and wire is None:
            return url_day, "url"  # "Updated Fri 8 Oct" on a page whose address says 7 Oct
        return first, "text"
    if url_day:
        return url_day, "url"
    return None, None


def find_published(text: str, url: Optional[str] = None) -> Optional[date]:
    """The publication date a page states in its date lines or its address, or None: never
    guessed from the story, where dates are about events."""
    return published_date(text, url)[0]


def _as_date(value: Any) -> Optional[date]:
    if isinstance(value, date):
        return value if not hasattr(value, "date") else value.date()  # type: ignore[union-attr]
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
        if m:
            try:
                return date.fromisoformat(m.group(1))
            except ValueError:
                return None
    return None


# ── formats ───────────────────────────────────────────────────────────────────────────────────


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so "2024-02-30" is our error to report, not a crash,
    and refuses nesting deeper than _MAX_YAML_DEPTH before it recurses into it."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > _MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {_MAX_YAML_DEPTH} levels deep",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_front_matter(block: str) -> Any:
    """The front matter's YAML, bounded in nesting and in what aliases expand to."""
    loader = _FrontMatterLoader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if alias_copies(node) > _MAX_YAML_NODES:
            raise _Bad(f"front matter is not valid YAML: aliases (*name) expand to more than "
                       f"{_MAX_YAML_NODES:,} values")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _excerpt(value: Any) -> str:
    """A value from a file as a message shows it: a scalar cut to a few dozen characters, a
    list or mapping only named (printing one in full is how 600 bytes became 600 MB)."""
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        text = value if len(value) <= _EXCERPT else value[:_EXCERPT - 1] + "…"
        return repr(text)
    return _cut(str(value))


def _cut(text: str, limit: int = 2 * _EXCERPT) -> str:
    text = " ".join(text[:4 * limit].split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Bad(Exception):
    """A reason a file (or one JSONL line) cannot be used."""


def _stem_id(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    m = re.fullmatch(r"(\d+)_[0-9a-f]{8,}", stem)  # scraper names: 004_51545c6516cfed24
    return m.group(1) if m else stem


def _str_field(obj: dict[str, Any], key: str) -> Optional[str]:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise _Bad(f"field {key!r} should be text, not {type(value).__name__}")


def _from_markdown(text: str, base: Document) -> Document:
    if not text.startswith("---"):
        return base
    m = re.match(r"---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.DOTALL)
    if not m:
        raise _Bad("front matter opened with '---' is never closed")
    if len(m.group(1)) > _MAX_FRONT_MATTER:
        raise _Bad(f"front matter is {len(m.group(1)) // 1024:,} KB long, over the "
                   f"{_MAX_FRONT_MATTER // 1024} KB a header of title, date, outlet and url "
                   f"may take; skipped")
    try:
        meta = _load_front_matter(m.group(1))
    except RecursionError:
        raise _Bad("front matter is not valid YAML: nested too deeply")
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise _Bad(f"front matter is not valid YAML{where}: {_cut(str(problem))}")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _Bad("front matter should be a mapping of title, date, outlet, url")
    published = _as_date(meta.get("date") or meta.get("published"))
    raw_date = meta.get("date") or meta.get("published")
    if raw_date is not None and published is None:
        raise _Bad(f"front matter date {_excerpt(raw_date)} is not a valid date (YYYY-MM-DD)")
    return replace(base, title=_clean(_str_field(meta, "title")),
                   outlet=_clean(_str_field(meta, "outlet")), url=_clean(_str_field(meta, "url")),
                   published=published,
                   published_from="metadata" if published else None, body_offset=m.end())


# The HTML parser compares each attribute of a tag with every one before it: a tag of 200,000
# attributes took minutes. A tag past this many keeps its first ones (a page's own tags carry
# a handful; the text between tags is what is read).
_MAX_ATTRIBUTES = 64
_CROWDED_TAG = re.compile(rf"<[A-Za-z][^\s<>]*+(?:\s++[^\s<>]++){{{_MAX_ATTRIBUTES}}}")
_TAG = re.compile(r"<([A-Za-z][^\s<>/]*+)([^<>]*+)>")
_ATTRIBUTE = re.compile(r"""\s*+([^\s"'<>/=]++)(?:\s*+=\s*+(?:"[^"<>]*+"|'[^'<>]*+'|[^\s"'<>=`]++))?""")


def _uncrowded(raw: str) -> str:
    """The page with every tag cut to its first _MAX_ATTRIBUTES attributes; most pages have no
    crowded tag and are returned as they are after one scan."""
    if not _CROWDED_TAG.search(raw):
        return raw

    def cut(m: re.Match[str]) -> str:
        section = m.group(2)
        if len(section.split(None, _MAX_ATTRIBUTES)) <= _MAX_ATTRIBUTES:
            return m.group(0)
        kept = itertools.islice(_ATTRIBUTE.finditer(section), _MAX_ATTRIBUTES)
        close = "/>" if section.rstrip().endswith("/") else ">"
        return f"<{m.group(1)}" + "".join(" " + a.group().strip() for a in kept) + close

    return _TAG.sub(cut, raw)


def _from_html(raw: str, base: Document) -> Document:
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    page = raw
    raw = _uncrowded(raw)
    try:
        found = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura on broken markup must not cost the batch
        raise _Bad(f"HTML could not be parsed: {type(exc).__name__}")
    body = getattr(found, "text", None) if found is not None else None
    title = getattr(found, "title", None) if found is not None else None
    if not body:
        body = trafilatura.html2txt(raw) if raw.strip() else ""
    if not body or not body.strip():
        raise _Bad("no article text found in the HTML")
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    published = _as_date(getattr(found, "date", None)) if found is not None else None
    return replace(base, text=text, title=title, published=published,
                   file_places=file_places(page, text),
                   published_from="metadata" if published else None,
                   outlet=getattr(found, "sitename", None), url=getattr(found, "url", None))


# ── where an HTML page's text stands in the file ──────────────────────────────────────────────

# What a browser does not show as the page's text: comments, scripts, styles, doctype, and tags
# (their attributes too); an entity is one character of text where it stands. `[^<>]` keeps a
# page of unclosed "<a <a <a" linear.
_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template)\b[^<>]*>.*?(?:</\1\s*>|\Z)"
                     r"|<[!?][^<>]*>|</?[A-Za-z][^<>]*>"
                     r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
                     re.DOTALL | re.IGNORECASE)
_WORD = re.compile(r"\S+")
_BODY_TAG = re.compile(r"<body\b[^<>]*>|</head\s*>", re.IGNORECASE)
# A line is looked for this far (in characters of page text) past where the last one ended,
# then over the whole page at most _SEARCHES_PER_PAGE times: a page of 20 MB whose text the
# extractor rewrote must not be searched whole once per line.
_LINE_REACH = 10_000
_SEARCHES_PER_PAGE = 64
_WORD_REACH = 300  # characters of page text a word of a line may lie past the one before it


def _shown_words(raw: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The page's visible text without its white space, and pieces of it (offset there, offset
    in the file, length) to map it back: extracted text is matched here, white space aside."""
    chars: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    size = 0

    def add(text: str, at: int) -> None:
        nonlocal size
        for w in _WORD.finditer(text):
            chars.append(w.group())
            pieces.append((size, at + w.start(), len(w.group())))
            size += len(w.group())

    pos = 0
    for m in _HIDDEN.finditer(raw):
        add(raw[pos:m.start()], pos)
        pos = m.end()
        if m.group().startswith("&"):
            shown = html.unescape(m.group())
            if shown != m.group() and len(shown) == 1 and not shown.isspace():
                chars.append(shown)
                pieces.append((size, m.start(), 1))
                size += 1
    add(raw[pos:], pos)
    return "".join(chars), pieces


def _matched(shown: str, key: str, cursor: int, budget: list[int]) -> int:
    """Where a line's words stand in the page's text: from where the last line ended, else
    anywhere (a headline put first may stand further down); -1 when not there."""
    if not key:
        return -1
    at = shown.find(key, cursor, cursor + len(key) + _LINE_REACH)
    if at < 0 and budget[0] > 0:
        budget[0] -= 1
        at = shown.find(key)
    return at


def file_places(raw: str, text: str) -> tuple[tuple[int, int, int], ...]:
    """`Document.file_places` for text extracted from the page `raw`: each line of the text is
    found in what the page shows (white space aside; word by word when the extractor changed
    it), so a claim's line is the page's own line of the sentence."""
    shown, pieces = _shown_words(raw)
    body = _BODY_TAG.search(raw)
    # A line is looked for below <body> first: the page's <title> repeats its headline.
    cursor = 0
    if body:
        cursor = next((p[0] for p in pieces if p[1] >= body.end()), len(shown))
    budget = [_SEARCHES_PER_PAGE]
    spans: list[tuple[int, int, int]] = []  # (offset in text, offset in shown, length)
    line_start = 0
    for line in text.split("\n"):
        words = [(line_start + w.start(), w.group()) for w in _WORD.finditer(line)]
        line_start += len(line) + 1
        key = "".join(w for _, w in words)
        at = _matched(shown, key, cursor, budget)
        if at >= 0:
            for off, w in words:
                spans.append((off, at, len(w)))
                at += len(w)
            cursor = at
            continue
        # The extractor changed the line (a word dropped or joined): its words one by one.
        first = True
        for off, w in words:
            at = _matched(shown, w, cursor, budget) if first and len(w) >= 4 else (
                shown.find(w, cursor, cursor + len(w) + _WORD_REACH))
            if at >= 0:
                spans.append((off, at, len(w)))
                cursor, first = at + len(w), False
            else:
                spans.append((off, -1, len(w)))  # not on the page: placed after the last found
    return _runs(raw, spans, pieces)


def _runs(raw: str, spans: list[tuple[int, int, int]], pieces: list[tuple[int, int, int]]
          ) -> tuple[tuple[int, int, int], ...]:
    """Text-to-file runs from the matched spans, cut where the page's pieces are cut, and
    joined again where text and file go on together on one line."""
    breaks = [m.start() for m in re.finditer("\n", raw)]
    starts = [p[0] for p in pieces]
    runs: list[tuple[int, int, int]] = []
    last: Optional[tuple[int, int, int, int]] = None  # text offset, line, column, length
    for off, at, length in spans:
        if at < 0:
            if last is not None and off > last[0] + last[3]:
                runs.append(last[:3])
                last = (off, last[1], last[2] + last[3], 0)
            continue
        while length > 0:
            i = bisect.bisect_right(starts, at) - 1
            s_at, f_at, p_len = pieces[i]
            n = min(length, s_at + p_len - at)
            f = f_at + (at - s_at)
            line = bisect.bisect_left(breaks, f)
            column = f - (breaks[line - 1] + 1 if line else 0) + 1
            if last is not None and last[1] == line + 1 and off - last[0] == column - last[2]:
                last = (last[0], last[1], last[2], off + n - last[0])
            else:
                if last is not None:
                    runs.append(last[:3])
                last = (off, line + 1, column, n)
            off, at, length = off + n, at + n, length - n
    if last is not None:
        runs.append(last[:3])
    return tuple(runs)


def file_place(places: Sequence[tuple[int, int, int]], offset: int) -> tuple[int, int]:
    """The file line and column of a text offset, by `Document.file_places`."""
    i = bisect.bisect_right(places, (offset, float("inf"), 0)) - 1
    start, line, column = places[max(i, 0)]
    return line, column + max(offset - start, 0)


def _parse_json(text: str) -> Any:
    # The standard parser recurses; a hostile file nested 100,000 deep must not crash it.
    depth = 0
    in_string = escaped = False
    deep_possible = text.count("[") + text.count("{") > _MAX_JSON_DEPTH
    for ch in text if deep_possible else "":
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > _MAX_JSON_DEPTH:
                raise _Bad(f"JSON is nested more than {_MAX_JSON_DEPTH} levels deep")
        elif ch in "]}":
            depth -= 1
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    except RecursionError:
        raise _Bad("JSON is nested too deeply")
    except ValueError as exc:  # Python refuses to read a number of more than 4,300 digits
        digits = "digits" in str(exc)
        raise _Bad("not valid JSON: a number has more than 4,300 digits" if digits
                   else f"not valid JSON: {_cut(str(exc))}")


# "\ud800" is valid JSON (and YAML) but no character: written out, it stops the report.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: Optional[str]) -> Optional[str]:
    """Text from an escape-decoding parser, with a lone surrogate shown as U+FFFD (one
    character for one: offsets into the text still hold)."""
    if value is None or not _LONE_SURROGATE.search(value):
        return value
    return _LONE_SURROGATE.sub("\ufffd", value)


def _from_object(obj: Any, base: Document, default_id: str) -> Document:
    if not isinstance(obj, dict):
        raise _Bad(f"expected an object with a 'text' field, found {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Bad("object has no 'text' field" if text is None
                   else f"'text' should be a string, not {type(text).__name__}")
    if not text.strip():
        raise _Bad("'text' is empty")
    raw_date = obj.get("published", obj.get("date"))
    published = _as_date(raw_date)
    if raw_date not in (None, "") and published is None:
        raise _Bad(f"'published' {_excerpt(raw_date)} is not a valid date (YYYY-MM-DD)")
    return replace(base, id=_clean(_str_field(obj, "id")) or default_id, text=_clean(text),
                   title=_clean(_str_field(obj, "title")),
                   outlet=_clean(_str_field(obj, "outlet")), url=_clean(_str_field(obj, "url")),
                   published=published, published_from="metadata" if published else None)


def _titled(doc: Document) -> Document:
    """A title given by the file (front matter, the page's own, the object's field) is marked
    as the metadata's. An article without one is titled from the segmentation extraction makes
    (segment.title_of), never by segmenting here: that cost a cold check a sixth of its time."""
    if doc.title and doc.title.strip():
        return replace(doc, title_from="metadata")
    return replace(doc, title=None, title_from=None) if doc.title is not None else doc


def _finish(doc: Document, published: Optional[date]) -> Document:
    """Publication date: metadata first, then the page's own date line, then the date in its
    address, then --published. A given title marked as the metadata's (`_titled`)."""
    doc = _titled(doc)
    if doc.published is None:
        found, where = published_date(doc.text, doc.url)
        if found:
            doc = replace(doc, published=found, published_from=where)
        elif published:
            doc = replace(doc, published=published, published_from="option")
    return doc


# Opening never waits (on a FIFO swapped in after the check) nor takes a terminal as the
# process's own; Windows has neither flag, and needs binary mode said.
_OPEN_FLAGS = (getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))


def _too_big(shown: str, size: int, max_bytes: int) -> LoadError:
    return LoadError(shown, f"is {size / 2**20:.1f} MiB, over the size limit of "
                            f"{max_bytes / 2**20:.1f} MiB (--max-bytes); skipped")


def load_file(path: str, published: Optional[date] = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[LoadError]]:
    """The documents in one file (several for .jsonl) and what could not be read."""
    data, errors = read_file(path, max_bytes)
    if data is None:
        return [], errors
    return parse_file(path, data, published, max_bytes)


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> tuple[Optional[bytes], list[LoadError]]:
    """A regular file's bytes, or why it cannot be read (never blocking on a FIFO)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # never opened: opening a FIFO blocks
            return None, [_not_regular(path, info.st_mode)]
        if info.st_size > max_bytes:
            return None, [_too_big(shown_path(path), info.st_size, max_bytes)]
        # Non-blocking, and checked again once open: the name may have been swapped for a FIFO
        # or a device since it was looked at.
        fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
        with open(fd, "rb") as fh:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, [_not_regular(path, info.st_mode)]
            if info.st_size > max_bytes:
                return None, [_too_big(shown_path(path), info.st_size, max_bytes)]
            # Asking for the size the file has: asking for max_bytes allocates that much for
            # every file (20 MiB for a 4 KB page), which was a fifth of loading a batch.
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since: read on, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as exc:
        return None, [LoadError(shown_path(path), f"cannot be read: {_os_reason(exc)}")]
    if len(data) > max_bytes:
        return None, [LoadError(shown_path(path), f"is over the size limit of "
                                                  f"{max_bytes / 2**20:.1f} MiB (--max-bytes); skipped")]
    return data, []


def parse_file(path: str, data: bytes, published: Optional[date] = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[LoadError]]:
    """The documents in a file's bytes (`read_file`), and what in them cannot be used."""
    shown = shown_path(path)
    text, note, problem = decode(data)
    if text is None:
        return [], [LoadError(shown, problem or "cannot be decoded")]
    if not text.strip():
        return [], [LoadError(shown, "is empty" if not text else "is empty (only whitespace)")]
    stem_id = _stem_id(path)
    suffix = os.path.splitext(path)[1].lower()
    accepts: tuple = ()
    if suffix not in (".html", ".htm", ".json", ".jsonl"):  # Markdown and text: comments
        from factcheck.accepts import read_comments  # are the desk's, never the story
        text, accepts = read_comments(text)
    base = Document(id=stem_id, path=shown, text=text, note=note, accepts=accepts)
    try:
        if suffix in (".md", ".markdown"):
            return [_finish(_from_markdown(text, base), published)], []
        if suffix in (".html", ".htm"):
            return [_finish(_from_html(text, base), published)], []
        if suffix == ".json":
            value = _parse_json(text)
            objects = value if isinstance(value, list) else [value]
            if not objects:
                raise _Bad("JSON holds no articles (an empty list)")
            docs: list[Document] = []
            errors = _Errors(shown, "items")
            for n, obj in enumerate(objects, 1):
                if errors.full and not isinstance(obj, dict):
                    errors.count()  # millions of bad items: counted, not each explained
                    continue
                default = stem_id if len(objects) == 1 else f"{stem_id}-{n}"
                try:
                    docs.append(_finish(_from_object(obj, base, default), published))
                except _Bad as exc:
                    where = "" if len(objects) == 1 else f" (item {n})"
                    errors.add(LoadError(shown + where, str(exc)))
            return docs, errors.done()
        if suffix == ".jsonl":
            return _load_jsonl(text, base, stem_id, published)
    except _Bad as exc:
        return [], [LoadError(shown, str(exc))]
    return [_finish(base, published)], []


def _load_jsonl(text: str, base: Document, stem_id: str, published: Optional[date]
                ) -> tuple[list[Document], list[LoadError]]:
    """One article per line; a bad line costs only that line."""
    docs: list[Document] = []
    errors = _Errors(base.path, "lines")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = _parse_json(line)
            doc = _from_object(obj, replace(base, source_line=n), f"{stem_id}-{n}")
            docs.append(_finish(doc, published))
        except _Bad as exc:
            errors.add(LoadError(f"{base.path}:{n}", str(exc)))
    if not docs and not errors.named:
        return docs, [LoadError(base.path, "is empty")]
    return docs, errors.done()


class _Errors:
    """The bad items (or lines) of one file: the first few named each with its reason, the
    rest counted in one line (five million bad items were five million report entries, and
    the report ran out of memory)."""

    LIMIT = 20

    def __init__(self, path: str, what: str) -> None:
        self.path, self.what = path, what
        self.named: list[LoadError] = []
        self.more = 0

    @property
    def full(self) -> bool:
        return len(self.named) >= self.LIMIT

    def add(self, error: LoadError) -> None:
        if self.full:
            self.more += 1
        else:
            self.named.append(error)

    def count(self) -> None:
        self.more += 1

    def done(self) -> list[LoadError]:
        if not self.more:
            return self.named
        return self.named + [LoadError(self.path, f"{self.more:,} more {self.what} cannot be used "
                                                  f"either (only the first {self.LIMIT} are named)")]


def _unique_ids(docs: Iterable[Document]) -> list[Document]:
    """Ids name articles in reports and fingerprints, so two files never share one."""
    out: list[Document] = []
    taken: set[str] = set()
    for doc in docs:
        new_id, n = doc.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{doc.id}-{n}"
        taken.add(new_id)
        out.append(doc if new_id == doc.id else replace(doc, id=new_id))
    return out


def load_files(paths: Sequence[str], published: Optional[date] = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[list[Document], list[LoadError]]]:
    """`load_file` over files found by `find_files`, each file's outcome in order (a unit of
    work a process can take: see batch.load_paths)."""
    return [load_file(path, published=published, max_bytes=max_bytes) for path in paths]


def gather(outcomes: Iterable[tuple[list[Document], list[LoadError]]],
           errors: list[LoadError], taken: Iterable[str] = ()
           ) -> tuple[list[Document], list[LoadError]]:
    """Files' documents in order, with ids made unique (none of them one of `taken`), and every
    error after those of finding the files."""
    docs: list[Document] = []
    for found, errs in outcomes:
        docs.extend(found)
        errors.extend(errs)
    reserved = [Document(id=t, path="", text="") for t in taken]
    unique = _unique_ids(reserved + docs)[len(reserved):]
    return unique, errors


def load_paths(paths: Sequence[str], published: Optional[date] = None,
               max_bytes: int = DEFAULT_MAX_BYTES, taken: Iterable[str] = ()
               ) -> tuple[list[Document], list[LoadError]]:
    """Every article under the given paths, and every file that could not be read, with why."""
    files, errors = find_files(paths)
    return gather(load_files(files, published, max_bytes), errors, taken)
