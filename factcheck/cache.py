"""The claims cache: an unchanged article is never extracted twice, an unchanged story never
aligned and compared twice.

Tables in an embedded SQLite file. `article` holds each article's extraction, keyed by the
article's content hash, publication date, path and factcheck's version (with a hash of its code
and rules, `code_version`), next to the two things the batch needs from every article on every
run: its event profile and its claim count (so a re-check never has to decode 10,000 extractions
to find the one story that changed). `story` holds the findings of one story, keyed by its
articles' keys and everything else that decides them (`story_key`). `event` holds how a batch
was cut into events, keyed by what the cut reads; `lineup` a big event's pairs, keyed by which
articles it holds (`lineup_key`), so that a re-check after one article changed judges only the
pairs that involve its claims; `loaded` what a file's bytes gave when read. Values are JSON
restricted to the pipeline's own records, never pickle: a cache committed to a repository must
not be able to run code in CI. A corrupt, locked or unwritable cache is rebuilt or bypassed with
a warning, never a failure.

The file is untrusted input like any article (it may come from a shared runner or a repository):
every row is checked against the record types, field by field, before it is used, and a row
that does not validate (bad JSON, nesting too deep, an unknown severity, a string where a
number belongs) is dropped and its result computed again. A database whose pages are corrupt
is moved aside and a new one started, once per run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import sqlite3
import sys
import types
import typing
import zlib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Optional, Sequence, Union

from factcheck import __version__, model

DEFAULT_DIR = ".factcheck-cache"
_FILE = "claims-v4.sqlite"  # v1 whole extractions; v2 dates in the summary; v3 claims in the
# extraction: each left alone
_TYPES = {cls.__name__: cls for cls in (
    model.Document, model.Sentence, model.Article, model.Quantity, model.DateSpan, model.Duration,
    model.Ordinal, model.Quote, model.Frame, model.Claim, model.Extraction, model.Side,
    model.Consensus, model.Conflict, model.Slots, model.Verdict, model.InlineAccept,
    model.DatePoint)}
_FIELDS = {cls: (name, tuple(f.name for f in dataclasses.fields(cls)))
           for name, cls in _TYPES.items()}


def encode(obj: Any) -> Any:
    """A JSON-able form of a pipeline record, tagged with its type."""
    kind = type(obj)
    if kind is str or kind is int or kind is bool or obj is None:
        return obj
    known = _FIELDS.get(kind)
    if known is not None:
        name, fields = known
        out = {"__t": name}
        for field in fields:
            out[field] = encode(getattr(obj, field))
        return out
    if kind is tuple or kind is list:
        return [encode(x) for x in obj]
    if kind is float:
        return obj if math.isfinite(obj) else {"__f": repr(obj)}
    if isinstance(obj, date):
        return {"__d": obj.isoformat()}
    raise TypeError(f"not cacheable: {kind.__name__}")


def decode(data: Any) -> Any:
    """The inverse of `encode`; only the pipeline's own record types can come back."""
    if isinstance(data, list):
        return tuple(decode(x) for x in data)
    if isinstance(data, dict):
        return _record({k: decode(v) for k, v in data.items()})
    return data


def _tupled(data: Any) -> Any:
    return tuple(_tupled(x) for x in data) if type(data) is list else data


_KEYS = {cls: frozenset(fields) for cls, (_, fields) in _FIELDS.items()}


def _record(data: dict[str, Any]) -> Any:
    """`decode` of one JSON object as the parser meets it, innermost first (its records are
    already made; its lists are not yet tuples): a third of the time of decoding afterwards.
    A record is made without its __init__ (none of the pipeline's records has more to it than
    its fields), which was nine tenths of making one; its keys must be its fields exactly."""
    if "__d" in data:
        return date.fromisoformat(data["__d"])
    if "__f" in data:
        return float(data["__f"])
    cls = _TYPES[data.pop("__t")]
    if data.keys() != _KEYS[cls]:
        raise ValueError(f"not the fields of {cls.__name__}")
    for k, v in data.items():
        if type(v) is list:
            data[k] = _tupled(v)
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", data)
    return record


MAX_ROW_CHARS = 64 * 2**20  # far above any real article's row
_SEVERITIES = frozenset({"error", "warning", "info"})
_CONFLICT_KINDS = frozenset({"quantity", "date", "ordinal", "quote", "attribution", "fact",
                             "update", "duration"})


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def valid(value: Any, hint: Any) -> bool:
    """Whether a decoded value is what `hint` (a record type, or a field's annotation) says,
    all the way down: the cache's rows are trusted only once they pass this."""
    return _checker(hint)(value)


@lru_cache(maxsize=None)
def _checker(hint: Any) -> Callable[[Any], bool]:
    """`valid` for one hint, worked out once: asking typing what each field's annotation means,
    at every value of every row, was most of reading a re-check's findings from the cache."""
    if hint is Any:
        return lambda value: True
    if hint is type(None) or hint is None:
        return lambda value: value is None
    origin = typing.get_origin(hint)
    if origin is Union or origin is types.UnionType:
        args = typing.get_args(hint)
        if len(args) == 2 and type(None) in args:  # Optional: most of the fields it meets
            other = _checker(next(a for a in args if a is not type(None)))
            return lambda value: value is None or other(value)
        options = [_checker(arg) for arg in args]
        return lambda value: any(check(value) for check in options)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value: type(value) is tuple and all(map(item, value))
        if args and all(a in (str, int) and a is args[0] for a in args):  # (line, column, …)
            kind, size = args[0], len(args)
            return lambda value: (type(value) is tuple and len(value) == size
                                  and all(type(x) is kind for x in value))
        places = [_checker(arg) for arg in args]
        return lambda value: (type(value) is tuple and len(value) == len(places)
                              and all(check(x) for check, x in zip(places, value)))
    if hint is float:
        return lambda value: type(value) is float or type(value) is int
    if hint in (str, int, bool, date):
        return lambda value: type(value) is hint
    if dataclasses.is_dataclass(hint):
        return _record_checker(hint)
    return lambda value: False


def _record_checker(cls: type) -> Callable[[Any], bool]:
    fields: list[tuple[str, Callable[[Any], bool]]] = []  # filled at first use: hints may nest

    def check(value: Any) -> bool:
        if type(value) is not cls:
            return False
        if not fields:
            fields.extend((name, _checker(h)) for name, h in _hints(cls).items())
        for name, field_ok in fields:
            if not field_ok(getattr(value, name)):
                return False
        if cls is model.Conflict:
            return value.severity in _SEVERITIES and value.kind in _CONFLICT_KINDS
        if cls is model.Claim:
            return model.KIND_OF.get(type(value.value)) == value.kind
        return True

    return check


def _load_row(data: Any, hint: Any) -> Any:
    """A row's JSON as a checked record, or None when it does not validate."""
    if not isinstance(data, str) or len(data) > MAX_ROW_CHARS:
        return None
    try:
        value = _tupled(json.loads(data, object_hook=_record))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
        return None
    return value if valid(value, hint) else None


def deflated(text: str) -> bytes:
    """A row's JSON as stored: deflated at the fastest level (JSON of records deflates to a
    fifth)."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def inflated(data: Any) -> Optional[str]:
    """A stored row's JSON, or None when it is not one: the row is untrusted, so it must
    inflate to at most MAX_ROW_CHARS bytes (no deflate bomb) of UTF-8."""
    if not isinstance(data, bytes):
        return None
    try:
        inflate = zlib.decompressobj()
        raw = inflate.decompress(data, MAX_ROW_CHARS)
        if inflate.unconsumed_tail or inflate.unused_data or not inflate.eof:
            return None
        return raw.decode("utf-8")
    except (zlib.error, UnicodeDecodeError):
        return None


def _summary_dates(text: Any) -> Optional[tuple[model.DatePoint, ...]]:
    """The date points kept in an article's row, each checked, or None when the row does not
    hold valid ones (the cache is untrusted: the article is then extracted again)."""
    if not isinstance(text, str) or len(text) > MAX_ROW_CHARS:
        return None
    try:
        dates = json.loads(text)
        if type(dates) is not list:
            return None
        return tuple(_date_point(p) for p in dates)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
        return None


_POINT_KEYS = frozenset(("__t", *(f.name for f in dataclasses.fields(model.DatePoint))))
_SPAN_KEYS = frozenset(("__t", *(f.name for f in dataclasses.fields(model.DateSpan))))


def _date_point(p: Any) -> model.DatePoint:
    """One stored date point, every field checked as `valid` would, without the generic
    decoder (100,000 of them make a 10,000-article page; decoding them generically was a
    sixth of it). Raises ValueError when the record is not one."""
    if type(p) is not dict or p.keys() != _POINT_KEYS or p["__t"] != "DatePoint":
        raise ValueError("not a date point")
    s = p["span"]
    if type(s) is not dict or s.keys() != _SPAN_KEYS or s["__t"] != "DateSpan":
        raise ValueError("not a date span")
    article, path, text, start, line = p["article"], p["path"], p["text"], p["start"], p["line"]
    granularity, month, day = s["granularity"], s["month"], s["day"]
    if not (type(article) is str and type(path) is str and type(text) is str
            and type(start) is int and type(line) is int and type(granularity) is str
            and (month is None or type(month) is int) and (day is None or type(day) is int)):
        raise ValueError("a field of the wrong type")
    return model.DatePoint(article, path, text, start, line, model.DateSpan(
        _stored_day(s["start"]), _stored_day(s["end"]), granularity, month, day))


def _stored_day(v: Any) -> Optional[date]:
    if v is None:
        return None
    if type(v) is not dict or v.keys() != {"__d"} or type(v["__d"]) is not str:
        raise ValueError("not a date")
    return date.fromisoformat(v["__d"])


def _strict_text(raw: bytes) -> Optional[str]:
    """SQLite text as str; bytes that are not UTF-8 (a damaged page) read as NULL, so the row
    is dropped rather than the whole query failing."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _corrupt(exc: Exception) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB
        return True
    text = str(exc)
    return "malformed" in text or "not a database" in text


@lru_cache(maxsize=None)
def code_version() -> str:
    """factcheck's version and a hash of its code and rules: a cache filled by a checkout
    whose rules or code differ, under one version number, must not answer for this one."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode("utf-8"))
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml")):
        h.update(b"\0" + path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def key_for(doc: model.Document) -> str:
    h = hashlib.sha256()
    for part in (code_version(), doc.path, doc.id, str(doc.published), doc.published_from or "",
                 doc.title or "", str(doc.body_offset), str(doc.source_line),
                 repr(doc.file_places), doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def story_key(article_keys: Iterable[str], context: str) -> str:
    """A story's findings depend on its articles and on `context` (aliases, settings, facts)."""
    h = hashlib.sha256(f"{code_version()}\0{context}\0".encode("utf-8", "surrogatepass"))
    for key in sorted(article_keys):
        h.update(key.encode("ascii"))
    return h.hexdigest()


def lineup_key(articles: Iterable[str], context: str) -> str:
    """A big event's kept pairs are found by which articles it holds (by id, not contents: the
    contents are what a re-check finds changed) and by everything else that decides them."""
    return story_key((f"article:{a}" for a in articles), context)


class Kept(NamedTuple):
    """A big event's pairs as its last run lined them up, with the article keys they were
    judged under (an article whose key differs since has changed)."""

    keys: dict[str, str]
    pairs: tuple[model.KeptPairs, ...]


def _kept_from(data: Any) -> Optional[Kept]:
    """A kept-pairs row read back, or None when it is not one (the cache is untrusted)."""
    try:
        if not isinstance(data, str) or len(data) > MAX_ROW_CHARS:
            return None
        value = json.loads(data)
        keys, families = value["keys"], value["families"]
        if not (type(keys) is dict and all(type(k) is str and type(v) is str
                                           for k, v in keys.items())
                and type(families) is list):
            return None
        kept = []
        for family, weights, pairs in families:
            if not (type(family) is str and type(weights) is str and type(pairs) is list):
                return None
            rows = []
            for a, b, score in pairs:
                if not (type(a) is str and type(b) is str and type(score) in (int, float)
                        and math.isfinite(score)):
                    return None
                rows.append((a, b, float(score)))
            kept.append(model.KeptPairs(family, weights, tuple(rows)))
        return Kept(keys, tuple(kept))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


class ArticleRow(NamedTuple):
    """What the cache keeps of one article: its extraction's JSON, deflated (the document left
    out: it is read afresh; deflated, an archive of 100,000 articles keeps 300 MB of
    extractions instead of 1.5 GB, and a row costs a tenth of a millisecond each way), its
    summary (event profile and title, as JSON), its claim count, its date points (as JSON:
    only the HTML page reads them; parsed with every summary on every re-check, they were two
    thirds of reading 10,000 summaries), and its claims apart from the rest of the extraction
    (an event aligned again needs only its articles' claims: half the decoding or less)."""

    data: bytes
    profile: str
    claims: int
    dates: str
    claim_data: bytes  # the claims, deflated JSON, apart from the extraction's other parts


class Summary(NamedTuple):
    """What every run needs of every article, read without decoding its extraction: the event
    profile, the claim count, and the title the report shows (`segment.title_of`)."""

    profile: model.Profile
    claims: int
    title: Optional[str]


def profile_json(found: model.Profile, title: Optional[str] = None) -> str:
    """The article's summary row: its event profile and title, read on every re-check (the
    extraction itself only when its event is aligned again)."""
    return json.dumps({"names": sorted(found.names),
                       "published": found.published.isoformat() if found.published else None,
                       "dated": [list(span) for span in found.dated], "title": title},
                      ensure_ascii=False)


def _summary_from(text: Any, claims: Any) -> Optional[Summary]:
    """A summary row read back, or None when it is not one (the cache is untrusted)."""
    try:
        data = json.loads(text)
        names, published, dated = data["names"], data["published"], data["dated"]
        title = data.get("title")
        if not (type(names) is list and all(type(n) is str for n in names)
                and type(dated) is list and all(type(s) is list and len(s) == 2
                                                and all(type(d) is int for d in s) for s in dated)
                and (title is None or type(title) is str)
                and type(claims) is int and claims >= 0):
            return None
        day = date.fromisoformat(published) if published is not None else None
        return Summary(model.Profile(frozenset(names), day, tuple((s[0], s[1]) for s in dated)),
                       claims, title)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def article_row(extraction: model.Extraction, found: model.Profile,
                title: Optional[str] = None) -> ArticleRow:
    """Built where the extraction is made (a worker process), so encoding runs in parallel."""
    bare = dataclasses.replace(extraction, claims=(), article=dataclasses.replace(
        extraction.article, doc=dataclasses.replace(extraction.article.doc, text="")))
    return ArticleRow(deflated(json.dumps(encode(bare), ensure_ascii=False)),
                      profile_json(found, title),
                      len(extraction.claims),
                      json.dumps(encode(list(extraction.date_points())), ensure_ascii=False),
                      deflated(json.dumps(encode(list(extraction.claims)), ensure_ascii=False)))


class ClaimsCache:
    """Articles and stories by key; every failure degrades to 'not cached'."""

    def __init__(self, directory: str | Path = DEFAULT_DIR, quiet: bool = False) -> None:
        self.directory = Path(directory)
        self.db: Optional[sqlite3.Connection] = None
        self.warnings: list[str] = []
        self.quiet = quiet  # a helper's use (load's memo): the check's own use says what fails
        self._rebuilt = False
        self._dropped = 0
        self._open()

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                # A desk keeps its articles in git: the cache never shows up in `git status`.
                ignore.write_text("# made by factcheck: the claims cache is not for git\n*\n",
                                  encoding="utf-8")
            path = self.directory / _FILE
            self.db = self._connect(path)
        except (sqlite3.Error, OSError) as exc:
            rebuilt = self._rebuild(exc)
            if not rebuilt:
                self.db = None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=2.0)
        db.text_factory = _strict_text
        db.execute("CREATE TABLE IF NOT EXISTS article "
                   "(key TEXT PRIMARY KEY, names TEXT, claims INTEGER, data TEXT, dates TEXT, "
                   "claim_data BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS story (key TEXT PRIMARY KEY, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS loaded (key TEXT PRIMARY KEY, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS event (key TEXT PRIMARY KEY, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS lineup (key TEXT PRIMARY KEY, data TEXT)")
        db.execute("SELECT count(*) FROM article").fetchone()
        db.execute("SELECT count(*) FROM story").fetchone()
        return db

    def _rebuild(self, exc: Exception) -> bool:
        """Move an unreadable database aside (with its journal) and start a new one, once."""
        path = self.directory / _FILE
        if self.quiet:
            self.db = None
            return False
        try:
            if path.exists() and not self._rebuilt and _corrupt(exc):
                self._rebuilt = True
                if self.db is not None:
                    self.db.close()
                    self.db = None
                aside = path.with_name(path.name + ".corrupt")
                for suffix in ("-journal", "-wal", "-shm"):  # a stale journal must not replay
                    side = path.with_name(path.name + suffix)
                    if side.exists():
                        os.replace(side, aside.with_name(aside.name + suffix))
                os.replace(path, aside)
                self.db = self._connect(path)
                self._warn(f"claims cache {path} was unreadable ({exc}); moved it to "
                           f"{aside.name} and rebuilt it")
                return True
        except (sqlite3.Error, OSError):
            pass
        self.db = None
        self._warn(f"claims cache {path} cannot be used ({exc}); running without it")
        return False

    def _warn(self, message: str) -> None:
        from factcheck.report.safe import shown

        self.warnings.append(message)
        if not self.quiet:
            sys.stderr.write(f"factcheck: warning: {shown(message)}\n")

    def _drop(self, count: int = 1) -> None:
        """A row that did not validate: computed again, and said once per run."""
        if not self._dropped:
            self._warn(f"claims cache {self.directory / _FILE} holds rows that do not "
                       "validate; they are computed again")
        self._dropped += count

    def _select(self, table: str, columns: str, keys: Sequence[str]) -> list[tuple[Any, ...]]:
        if self.db is None:
            return []
        rows: list[tuple[Any, ...]] = []
        try:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                marks = ",".join("?" * len(chunk))
                rows.extend(self.db.execute(
                    f"SELECT key, {columns} FROM {table} WHERE key IN ({marks})", chunk))
        except sqlite3.Error as exc:
            if _corrupt(exc) and self._rebuild(exc):
                return []  # a new, empty cache
            if self.db is not None:
                self._warn(f"claims cache read failed ({exc}); working afresh")
                self.db = None
            return []
        return rows

    def _write(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if self.db is None or not rows:
            return
        marks = ",".join("?" * len(rows[0]))
        try:
            with self.db:
                self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
        except sqlite3.Error as exc:
            if _corrupt(exc) and self._rebuild(exc):
                self._write(table, rows)
                return
            self._warn(f"claims cache write failed ({exc}); results not cached")

    def summaries(self, keys: Sequence[str]) -> dict[str, Summary]:
        """(event profile, claim count, title) by article key, without decoding any
        extraction."""
        out: dict[str, Summary] = {}
        for key, text, claims in self._select("article", "names, claims", keys):
            found = _summary_from(text, claims)
            if found is None:
                self._drop()  # one bad row costs one re-extraction
                continue
            out[key] = found
        return out

    def extractions(self, docs: Mapping[str, model.Document]) -> dict[str, model.Extraction]:
        """Cached extractions by document id, for documents given by their article key."""
        found: dict[str, model.Extraction] = {}
        for key, data, claims in self._select("article", "data, claim_data", list(docs)):
            ex = _load_row(inflated(data), model.Extraction)
            held = _load_row(inflated(claims), tuple[model.Claim, ...])
            if ex is None or held is None or key not in docs:
                self._drop()
                continue
            doc = docs[key]
            found[doc.id] = dataclasses.replace(
                ex, claims=held, article=dataclasses.replace(ex.article, doc=doc))
        return found

    def claims(self, docs: Mapping[str, model.Document]) -> dict[str, tuple[model.Claim, ...]]:
        """Cached claims by document id, for documents given by their article key, without the
        rest of their extractions (what aligning an event again needs)."""
        found: dict[str, tuple[model.Claim, ...]] = {}
        for key, claims in self._select("article", "claim_data", list(docs)):
            held = _load_row(inflated(claims), tuple[model.Claim, ...])
            if held is None or key not in docs:
                self._drop()
                continue
            found[docs[key].id] = held
        return found

    def date_points(self, docs: Mapping[str, model.Document]) -> dict[str, tuple[model.DatePoint, ...]]:
        """Cached date points by document id, for documents given by their article key (an
        article whose row does not validate is left out: extract it)."""
        found: dict[str, tuple[model.DatePoint, ...]] = {}
        for key, data in self._select("article", "dates", list(docs)):
            points = _summary_dates(data)
            if points is None or key not in docs:
                self._drop()
                continue
            found[docs[key].id] = points
        return found

    def put_articles(self, rows: Mapping[str, ArticleRow]) -> None:
        self._write("article", [(key, r.profile, r.claims, r.data, r.dates, r.claim_data)
                                for key, r in rows.items()])

    def stories(self, keys: Sequence[str]) -> dict[str, list[model.Conflict]]:
        """Cached findings by story key."""
        found: dict[str, list[model.Conflict]] = {}
        for key, data in self._select("story", "data", keys):
            if data == "[]":  # most of an archive's events: nothing to decode
                found[key] = []
                continue
            conflicts = _load_row(data, tuple[model.Conflict, ...])
            if conflicts is None:
                self._drop()  # one bad row costs one story's alignment
                continue
            found[key] = list(conflicts)
        return found

    def put_stories(self, stories: Mapping[str, Sequence[model.Conflict]]) -> None:
        self._write("story", [(key, json.dumps(encode(list(conflicts)), ensure_ascii=False))
                              for key, conflicts in stories.items()])

    def partition(self, key: str, articles: Sequence[str]) -> Optional[list[list[str]]]:
        """How a batch whose event profiles were these (`key`, see events.signature) was cut
        into events, or None. A row that does not part exactly `articles` is a miss."""
        for _, data in self._select("event", "data", [key]):
            try:
                value = json.loads(data) if isinstance(data, str) and len(data) <= MAX_ROW_CHARS \
                    else None
            except (ValueError, RecursionError):
                value = None
            if (type(value) is list and all(type(e) is list and e for e in value)
                    and all(type(a) is str for e in value for a in e)
                    and sorted(a for e in value for a in e) == sorted(articles)):
                return value
            self._drop()
        return None

    def put_partition(self, key: str, events: Sequence[Sequence[str]]) -> None:
        self._write("event", [(key, json.dumps([list(e) for e in events]))])

    def lineups(self, keys: Sequence[str]) -> dict[str, Kept]:
        """Big events' kept pairs by lineup_key."""
        found: dict[str, Kept] = {}
        for key, data in self._select("lineup", "data", keys):
            kept = _kept_from(data)
            if kept is None:
                self._drop()  # one bad row costs one event judged whole
                continue
            found[key] = kept
        return found

    def put_lineups(self, rows: Mapping[str, Kept]) -> None:
        self._write("lineup", [(key, json.dumps(
            {"keys": kept.keys, "families": [[k.family, k.weights, [list(p) for p in k.pairs]]
                                             for k in kept.pairs]}, ensure_ascii=False))
            for key, kept in rows.items()])

    def put_loaded(self, rows: Mapping[str, str]) -> None:
        self._write("loaded", list(rows.items()))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


# ── what loading a file gave ─────────────────────────────────────────────────────────────────
#
# Finding a page's publication date is most of loading it, and a re-check loads every file of
# the batch. The documents a file gave are kept by a hash of its bytes and of everything else
# loading reads (its path, the working directory's view of it, --published, --max-bytes, the
# day: a date still to come is refused), so a file is still read on every run, and any change
# to it, however fast after the last run, is a new key: mtimes are never trusted.

_Loaded = tuple[tuple[bool, ...], tuple[model.Document, ...]]


def load_key(path: str, shown: str, data: bytes, published: Optional[date], max_bytes: int,
             today: date) -> str:
    h = hashlib.sha256()
    for part in (code_version(), "load", path, shown, str(published), str(max_bytes),
                 today.isoformat()):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def loaded_row(docs: Sequence[model.Document], text: str) -> str:
    """The documents a file gave; a document's text that is the file's whole text is left out
    (it is read again with the file)."""
    whole = [d.text == text for d in docs]
    bare = [dataclasses.replace(d, text="") if w else d for d, w in zip(docs, whole)]
    return json.dumps([whole, encode(bare)], ensure_ascii=False)


def read_loaded(directory: str | Path, keys: Sequence[str]) -> dict[str, _Loaded]:
    """The stored documents by load key, read where the files are read (a worker); a cache
    that is missing, locked or damaged, or a row that does not validate, is only a miss."""
    path = Path(directory) / _FILE
    if not keys or not path.is_file():
        return {}
    found: dict[str, _Loaded] = {}
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
        try:
            db.text_factory = _strict_text
            rows = []
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                marks = ",".join("?" * len(chunk))
                rows.extend(db.execute(f"SELECT key, data FROM loaded WHERE key IN ({marks})",
                                       chunk))
        finally:
            db.close()
    except (sqlite3.Error, OSError, ValueError):
        return {}
    for key, data in rows:
        value = _load_row(data, tuple[tuple[bool, ...], tuple[model.Document, ...]])
        if value is not None and len(value[0]) == len(value[1]):
            found[key] = value
    return found
