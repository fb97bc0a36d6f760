"""Load: from paths on disk to `Document`s, and a plain reason for every file that cannot be read.

A newsroom points factcheck at whatever a CMS exported or a scraper saved, so nothing here may
raise: a file that is binary, empty, too big, undecodable or malformed becomes a `LoadError`
naming it, and every other file is still read. Offsets later in the pipeline refer to
`Document.text`, which is the file exactly as decoded (front matter included) for .txt and .md,
the object's `text` for .json/.jsonl, and the extracted main text for .html.
"""

from __future__ import annotations

import glob
import json
import os
import re
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml

from factcheck.model import Document, LoadError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")
# Files a folder of articles usually holds that are not articles.
NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|changelog|contributing|claims)\b",
                          re.IGNORECASE)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MAX_JSON_DEPTH = 64
_GLOB_CHARS = re.compile(r"[*?\[]")


# ── finding files ─────────────────────────────────────────────────────────────────────────────


def shown_path(path: str | os.PathLike[str]) -> str:
    """The path as reports show it: relative to the working directory (portable across machines)."""
    path = os.fspath(path)
    if not os.path.isabs(path):
        plain = os.path.normpath(path)
        if plain != os.pardir and not plain.startswith(os.pardir + os.sep):
            return plain  # what relpath(abspath(path)) gives, without asking for the cwd twice
    p = os.path.abspath(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return p
    return rel


def _inside(path: str, root: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


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
        for entry in entries:
            if entry.name.startswith("."):
                continue
            full = entry.path
            if entry.is_symlink():
                if not os.path.exists(full):
                    errors.append(LoadError(shown_path(full),
                                            "broken symlink or symlink loop; skipped"))
                    continue
                if not _inside(full, root):
                    errors.append(LoadError(shown_path(full),
                                            "symlink points outside the folder; not followed"))
                    continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(full)
            elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and not NOT_ARTICLES.match(
                    entry.name):
                # In a folder already resolved, only a symlink needs resolving (a realpath per
                # file was a tenth of a re-check of 10,000 articles).
                files.append((full, os.path.realpath(full) if entry.is_symlink()
                              else os.path.join(real, entry.name)))
        stack.extend(reversed(subdirs))
    files.sort()
    return files, errors


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
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                errors.append(LoadError(arg, "no file matches this pattern"))
            for m in matches:
                if os.path.isdir(m):
                    files, errs = _walk(m)
                    found.extend(files)
                    errors.extend(errs)
                elif m.lower().endswith(ARTICLE_SUFFIXES):
                    found.append((m, os.path.realpath(m)))
        else:
            errors.append(LoadError(arg, "no such file or directory"))
    unique: list[str] = []
    seen: set[str] = set()
    for f, key in found:
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


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

_MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MDY = rf"{_MONTH}\s(?P<day>\d{{1,2}})(?:,\s?|\s)(?P<year>(?:19|20)\d\d)"
_DMY = rf"(?P<day>\d{{1,2}})\s{_MONTH}\s?,?\s(?P<year>(?:19|20)\d\d)"
_ISO = r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
_CUE = r"(?:Last\s+Updated|Updated|First\s+Published|Published(?:\s+on)?|Posted(?:\s+on)?|Date)"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?|AM|PM)"
# Date lines of news pages, strongest first: a scraper's " date 2024-06-19", a cue word, or a
# date followed by a time of day ("September 05, 2023 06:49 am | Updated …").
_CUED = [re.compile(rf"\b{_CUE}\s?:?\s{{0,3}}{form}", re.IGNORECASE) for form in (_ISO, _MDY, _DMY)]
_SCRAPER_DATE = re.compile(rf"(?m)^\s?date\s{_ISO}\b")  # tried where "date" starts, too
_PUBLISHED = [
    _SCRAPER_DATE,
    *_CUED,
    re.compile(rf"(?m)^[^\n]{{0,40}}?\b{_MDY},?\s{{1,3}}{_TIME}"),
]
_SCAN = 20000  # date lines sit near the top or bottom of a page; never scan a whole huge file


def _match_date(m: re.Match[str]) -> Optional[date]:
    try:
        if m.groupdict().get("iso"):
            return date.fromisoformat(m.group("iso"))
        month = _MONTHS[m.group("month")[:3].lower()]
        return date(int(m.group("year")), month, int(m.group("day")))
    except (ValueError, KeyError, TypeError):
        return None  # "February 30": not a date


_CUE_WORDS = ("updated", "published", "posted", "date")


def _cue_starts(window: str) -> Optional[list[int]]:
    """Where a cue word starts, or None when lowercasing moves offsets (a few scripts do)."""
    lower = window.lower()
    if len(lower) != len(window):
        return None
    starts = set()
    for word in _CUE_WORDS:
        at = lower.find(word)
        while at != -1:
            starts.add(at)
            at = lower.find(word, at + 1)
    return sorted(starts)


def find_published(text: str) -> Optional[date]:
    """The publication date a page states in its date line, or None: never guessed from the
    story, where dates are about events."""
    windows = [text[:_SCAN]]
    if len(text) > _SCAN:
        windows.append(text[-_SCAN:])
    # A cue pattern is tried only where a cue word starts (a page has a handful): scanning
    # 20 KB with a case-blind alternation was most of what loading a page cost.
    cues = [_cue_starts(w) for w in windows]
    for pattern in _PUBLISHED:
        for window, starts in zip(windows, cues):
            if pattern is _SCRAPER_DATE and starts is not None:
                # "^\s?date": the cue word at a line start, or one space after it
                found_at: Iterable[Optional[re.Match[str]]] = (
                    pattern.match(window, at - back) for at in starts for back in (0, 1)
                    if at - back >= 0)
            elif pattern in _CUED and starts is not None:
                found_at = (pattern.match(window, at) for at in starts)
            else:
                found_at = pattern.finditer(window)
            for m in found_at:
                found = _match_date(m) if m else None
                if found:
                    return found
    return None


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
    """Safe YAML that leaves dates as text, so "2024-02-30" is our error to report, not a crash."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    try:
        meta = yaml.load(m.group(1), Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise _Bad(f"front matter is not valid YAML{where}: {problem}")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _Bad("front matter should be a mapping of title, date, outlet, url")
    published = _as_date(meta.get("date") or meta.get("published"))
    raw_date = meta.get("date") or meta.get("published")
    if raw_date is not None and published is None:
        raise _Bad(f"front matter date {str(raw_date)!r} is not a valid date (YYYY-MM-DD)")
    return replace(base, title=_str_field(meta, "title"), outlet=_str_field(meta, "outlet"),
                   url=_str_field(meta, "url"), published=published,
                   published_from="metadata" if published else None, body_offset=m.end())


def _from_html(raw: str, base: Document) -> Document:
    import trafilatura  # imported late: it is slow to import and only HTML needs it

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
                   published_from="metadata" if published else None,
                   outlet=getattr(found, "sitename", None), url=getattr(found, "url", None))


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
        raise _Bad(f"'published' {str(raw_date)[:40]!r} is not a valid date (YYYY-MM-DD)")
    return replace(base, id=_str_field(obj, "id") or default_id, text=text,
                   title=_str_field(obj, "title"), outlet=_str_field(obj, "outlet"),
                   url=_str_field(obj, "url"), published=published,
                   published_from="metadata" if published else None)


def _finish(doc: Document, published: Optional[date]) -> Document:
    """Publication date: metadata first, then the page's own date line, then --published."""
    if doc.published is None:
        found = find_published(doc.text)
        if found:
            doc = replace(doc, published=found, published_from="text")
        elif published:
            doc = replace(doc, published=published, published_from="option")
    return doc


def load_file(path: str, published: Optional[date] = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[LoadError]]:
    """The documents in one file (several for .jsonl) and what could not be read."""
    shown = shown_path(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return [], [LoadError(shown, "is a folder")]
        if info.st_size > max_bytes:
            return [], [LoadError(shown, f"is {info.st_size / 2**20:.1f} MiB, over the size limit "
                                         f"of {max_bytes / 2**20:.1f} MiB (--max-bytes); skipped")]
        with open(path, "rb") as fh:
            # Asking for the size the file has: asking for max_bytes allocates that much for
            # every file (20 MiB for a 4 KB page), which was a fifth of loading a batch.
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since: read on, up to the limit
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as exc:
        return [], [LoadError(shown, f"cannot be read: {_os_reason(exc)}")]
    if len(data) > max_bytes:
        return [], [LoadError(shown, f"is over the size limit of {max_bytes / 2**20:.1f} MiB "
                                     f"(--max-bytes); skipped")]
    text, note, problem = decode(data)
    if text is None:
        return [], [LoadError(shown, problem or "cannot be decoded")]
    if not text.strip():
        return [], [LoadError(shown, "is empty" if not text else "is empty (only whitespace)")]
    stem_id = _stem_id(path)
    base = Document(id=stem_id, path=shown, text=text, note=note)
    suffix = Path(path).suffix.lower()
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
            errors: list[LoadError] = []
            for n, obj in enumerate(objects, 1):
                default = stem_id if len(objects) == 1 else f"{stem_id}-{n}"
                try:
                    docs.append(_finish(_from_object(obj, base, default), published))
                except _Bad as exc:
                    where = "" if len(objects) == 1 else f" (item {n})"
                    errors.append(LoadError(shown + where, str(exc)))
            return docs, errors
        if suffix == ".jsonl":
            return _load_jsonl(text, base, stem_id, published)
    except _Bad as exc:
        return [], [LoadError(shown, str(exc))]
    return [_finish(base, published)], []


def _load_jsonl(text: str, base: Document, stem_id: str, published: Optional[date]
                ) -> tuple[list[Document], list[LoadError]]:
    """One article per line; a bad line costs only that line."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = _parse_json(line)
            doc = _from_object(obj, replace(base, source_line=n), f"{stem_id}-{n}")
            docs.append(_finish(doc, published))
        except _Bad as exc:
            errors.append(LoadError(f"{base.path}:{n}", str(exc)))
    if not docs and not errors:
        errors.append(LoadError(base.path, "is empty"))
    return docs, errors


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


def load_paths(paths: Sequence[str], published: Optional[date] = None,
               max_bytes: int = DEFAULT_MAX_BYTES, taken: Iterable[str] = ()
               ) -> tuple[list[Document], list[LoadError]]:
    """Every article under the given paths, and every file that could not be read, with why."""
    files, errors = find_files(paths)
    docs: list[Document] = []
    for path in files:
        found, errs = load_file(path, published=published, max_bytes=max_bytes)
        docs.extend(found)
        errors.extend(errs)
    reserved = [Document(id=t, path="", text="") for t in taken]
    unique = _unique_ids(reserved + docs)[len(reserved):]
    return unique, errors
