"""The claims cache: an unchanged article is never extracted twice.

Extractions are stored in an embedded SQLite file, keyed by the article's content hash, its
publication date, its path and factcheck's version. Values are stored as JSON restricted to the
pipeline's own records (never pickle: a cache committed to a repository must not be able to run
code in CI). A corrupt, locked or unwritable cache is rebuilt or bypassed with a warning, never a
failure.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional

from factcheck import __version__, model

DEFAULT_DIR = ".factcheck-cache"
_FILE = "claims.sqlite"
_TYPES = {cls.__name__: cls for cls in (
    model.Document, model.Sentence, model.Article, model.Quantity, model.DateSpan, model.Duration,
    model.Ordinal, model.Quote, model.Frame, model.Claim, model.Extraction)}


def encode(obj: Any) -> Any:
    """A JSON-able form of a pipeline record, tagged with its type."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        name = type(obj).__name__
        if name not in _TYPES:
            raise TypeError(f"not cacheable: {name}")
        return {"__t": name, **{f.name: encode(getattr(obj, f.name))
                                for f in dataclasses.fields(obj)}}
    if isinstance(obj, date):
        return {"__d": obj.isoformat()}
    if isinstance(obj, (list, tuple)):
        return [encode(x) for x in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return {"__f": repr(obj)}
    return obj


def decode(data: Any) -> Any:
    """The inverse of `encode`; only the pipeline's own record types can come back."""
    if isinstance(data, list):
        return tuple(decode(x) for x in data)
    if isinstance(data, dict):
        if "__d" in data:
            return date.fromisoformat(data["__d"])
        if "__f" in data:
            return float(data["__f"])
        cls = _TYPES[data["__t"]]
        return cls(**{k: decode(v) for k, v in data.items() if k != "__t"})
    return data


def key_for(doc: model.Document) -> str:
    h = hashlib.sha256()
    for part in (__version__, doc.path, doc.id, str(doc.published), doc.published_from or "",
                 doc.title or "", str(doc.body_offset), doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class ClaimsCache:
    """get/put Extractions by document; every failure degrades to 'not cached'."""

    def __init__(self, directory: str | Path = DEFAULT_DIR) -> None:
        self.directory = Path(directory)
        self.db: Optional[sqlite3.Connection] = None
        self.warnings: list[str] = []
        self._open()

    def _open(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / _FILE
            self.db = self._connect(path)
        except (sqlite3.Error, OSError) as exc:
            rebuilt = self._rebuild(exc)
            if not rebuilt:
                self.db = None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=2.0)
        db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data TEXT)")
        db.execute("SELECT count(*) FROM extraction").fetchone()
        return db

    def _rebuild(self, exc: Exception) -> bool:
        path = self.directory / _FILE
        try:
            if path.exists() and "locked" not in str(exc):
                path.unlink()
                self.db = self._connect(path)
                self._warn(f"claims cache {path} was unreadable ({exc}); rebuilt it")
                return True
        except (sqlite3.Error, OSError):
            pass
        self._warn(f"claims cache {path} cannot be used ({exc}); running without it")
        return False

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        sys.stderr.write(f"factcheck: warning: {message}\n")

    def get_many(self, docs: Iterable[model.Document]) -> dict[str, model.Extraction]:
        """Cached extractions by document id."""
        if self.db is None:
            return {}
        wanted = {key_for(d): d for d in docs}
        found: dict[str, model.Extraction] = {}
        keys = list(wanted)
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                for key, data in self.db.execute(
                        f"SELECT key, data FROM extraction WHERE key IN ({marks})", chunk):
                    try:
                        ex = decode(json.loads(data))
                    except (ValueError, KeyError, TypeError):
                        continue  # one bad row costs one re-extraction
                    doc = wanted[key]
                    found[doc.id] = dataclasses.replace(
                        ex, article=dataclasses.replace(ex.article, doc=doc))
        except sqlite3.Error as exc:
            self._warn(f"claims cache read failed ({exc}); extracting afresh")
            return {}
        return found

    def put_many(self, extractions: Iterable[model.Extraction]) -> None:
        if self.db is None:
            return
        rows = [(key_for(ex.article.doc), json.dumps(encode(ex), ensure_ascii=False))
                for ex in extractions]
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            self._warn(f"claims cache write failed ({exc}); results not cached")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
