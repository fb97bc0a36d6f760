"""The archive index: a draft checked against a large archive reads only the archive articles
that can fall in the draft's event.

`factcheck index ARCHIVE... --cache DIR` checks the archive once through the claims cache
(every extraction and story stored there) and writes `DIR/index-v1.sqlite`, its own file so the
cache's code stays untouched: every archive article (id, path, content key, date, claim count,
its event profile and the event the whole archive puts it in), its times as day-number spans
(indexed on the start day), its names (indexed), the archive's files with their size and
modification time, the files that could not be used, and the report's list of the archive's
articles written ahead (one zlib-compressed blob of report@1 entries: a draft check against
100,000 articles splices it rather than building and encoding 100,000 entries, issue 16).

`check DRAFT --against ARCHIVE` then asks the index for the archive articles whose times lie
within `events.WINDOW` days of the draft's (an undated draft: those that share a name with it),
takes their whole events, cuts draft + those into events again and aligns only the draft's.
Claims meet only inside one event, so nothing outside it can concern the draft.

The index is trusted only when it answers for this run: same code, same archive arguments and
options, and every archive file the same size and modification time (one stat per file: the
content keys of the articles actually read are checked too). Anything else, or an index that
cannot be read, and the check runs the full way (`Stale`).

Exactness: `events.events` weighs names by how many articles of the batch hold them (and calls
a name "recurring" from the batch's size); on the subset an archive's recurring names would look
rare. The index keeps the whole archive's counts (names from their postings, name words in
`word`, the number of articles) and hands them to `events.events` as its `population`, so the
subset is cut as the whole archive with the drafts would be. The proposal caps of events count
the articles near a draft, all of which the lookup reads. bench/index.py measures it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple, Optional, Sequence

from factcheck.cache import ClaimsCache, code_version, key_for
from factcheck.events import ANYWHEN, RULES, WINDOW, Population, events, population, profile, times
from factcheck.model import Claim, Conflict, Document, Extraction, Listed, LoadError, Profile
from factcheck.segment import titled

FILE = "index-v1.sqlite"
_ANY_LO = ANYWHEN[0]
# events' proposal cap: an undated draft's name held by more articles than this ties nothing
_CAP = int(next(r for r in RULES if r.name == "shared-names").params["proposal_cap"])
# A folder's change time must be this much older than the index for the index to vouch for its
# listing: a later change then cannot share its time stamp, on file systems that keep times to
# the second (or two) too.
_SETTLED_NS = 3 * 10**9


class Stale(Exception):
    """The index cannot answer for this run; the message says why, in one line."""


class Archive(NamedTuple):
    """What `build` stored, for the report: articles, claim counts, failures."""

    articles: int
    events: int
    errors: int


def index_path(directory: str | Path) -> Path:
    return Path(directory) / FILE


def _options(paths: Sequence[str], published: Optional[date], max_bytes: int) -> str:
    """Everything besides the files that decides what the archive's articles are."""
    return json.dumps({"code": code_version(), "cwd": os.getcwd(),  # paths shown relative to it
                       "paths": [os.path.abspath(p) for p in paths],
                       "published": published.isoformat() if published else None,
                       "max_bytes": max_bytes})


def _stat(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _entry(doc: Document, claims: int) -> str:
    """The article's report@1 entry as the JSON report writes it (control characters
    escaped)."""
    from factcheck.report.check import article_entry
    from factcheck.report.safe import json_text
    return json_text(json.dumps(article_entry(doc, claims), ensure_ascii=False))


def _profile_json(p: Profile) -> str:
    return json.dumps([sorted(p.names), p.published.toordinal() if p.published else None,
                       [list(s) for s in p.dated]], ensure_ascii=False)


def _profile_from(text: str) -> Profile:
    names, day, dated = json.loads(text)
    return Profile(frozenset(names), date.fromordinal(day) if day is not None else None,
                   tuple((a, b) for a, b in dated))


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE file (pos INTEGER PRIMARY KEY, path TEXT, size INTEGER, mtime INTEGER);
CREATE TABLE article (pos INTEGER PRIMARY KEY, id TEXT, path TEXT, key BLOB, published TEXT,
    claims INTEGER, profile TEXT, event INTEGER);
CREATE TABLE span (lo INTEGER, hi INTEGER, pos INTEGER);
CREATE TABLE name (name TEXT, pos INTEGER);
CREATE TABLE word (word TEXT PRIMARY KEY, n INTEGER);
CREATE TABLE failure (pos INTEGER PRIMARY KEY, path TEXT, reason TEXT, id TEXT, loading INTEGER);
CREATE TABLE listing (lines BLOB);
CREATE TABLE folder (path TEXT, ino INTEGER, ctime INTEGER);
"""
_INDEXES = """
CREATE INDEX span_lo ON span (lo);
CREATE INDEX article_event ON article (event);
CREATE INDEX name_name ON name (name);
"""


def build(directory: str | Path, paths: Sequence[str], files: Sequence[str],
          docs: Sequence[Document], load_errors: Sequence[LoadError],
          check_errors: Sequence[LoadError], profiles: Mapping[str, Profile],
          counts: Mapping[str, int], published: Optional[date], max_bytes: int,
          titles: Mapping[str, Optional[str]] = {}) -> Archive:
    """Write the index of an archive already checked through the cache (`profiles`, `counts`
    and the titles its extractions gave, by article id, in archive order), whole, into a new
    file moved into place. A title stored is the one a full check shows (`segment.titled`)."""
    target = index_path(directory)
    temp = target.with_name(target.name + ".tmp")
    if temp.exists():
        temp.unlink()
    db = sqlite3.connect(temp)
    try:
        db.executescript(_SCHEMA)
        cut = events({d.id: profiles[d.id] for d in docs if d.id in profiles})
        event_of = {a: i for i, e in enumerate(cut) for a in e.articles}
        db.executemany("INSERT INTO folder VALUES (?, ?, ?)", _settled_folders(paths, files))
        db.executemany("INSERT INTO file VALUES (?, ?, ?, ?)",
                       [(i, f, *_stat(f)) for i, f in enumerate(files)])
        rows, spans, names, entries = [], [], [], []
        for pos, doc in enumerate(docs):
            if doc.id not in profiles:
                continue
            p = profiles[doc.id]
            rows.append((pos, doc.id, doc.path, bytes.fromhex(key_for(doc)),  # half the hex
                         doc.published.isoformat() if doc.published else None,
                         counts.get(doc.id, 0), _profile_json(p), event_of[doc.id]))
            # The report's entry, written once: a draft check splices them (issue 16).
            entries.append(_entry(titled(doc, titles.get(doc.id)), counts.get(doc.id, 0)))
            spans.extend((lo, hi, pos) for lo, hi in list(times(p)))
            names.extend((n, pos) for n in p.names)
        db.executemany("INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("INSERT INTO listing VALUES (?)",
                   (zlib.compress("\n".join(entries).encode("utf-8")),))
        db.executemany("INSERT INTO span VALUES (?, ?, ?)", spans)
        db.executemany("INSERT INTO name VALUES (?, ?)", names)
        whole = population(profiles[d.id] for d in docs if d.id in profiles)
        db.executemany("INSERT INTO word VALUES (?, ?)", sorted(whole.words.items()))
        db.executemany("INSERT INTO failure VALUES (?, ?, ?, ?, ?)",
                       [(i, e.path, e.reason, e.id, int(i < len(load_errors)))
                        for i, e in enumerate(list(load_errors) + list(check_errors))])
        finite = [hi - lo for lo, hi, _ in spans if lo != _ANY_LO]
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("options", _options(paths, published, max_bytes)),
            ("longest", str(max(finite, default=0))),
            ("articles", str(whole.articles)),
            ("claims", str(sum(r[5] for r in rows)))])
        db.executescript(_INDEXES)
        db.commit()
    finally:
        db.close()
    os.replace(temp, target)
    return Archive(len(rows), len(cut), len(load_errors) + len(check_errors))


def _settled_folders(paths: Sequence[str], files: Sequence[str]) -> list[tuple[str, int, int]]:
    """Every folder of the archive with its inode and change time, when the index can vouch
    that an unchanged change time means an unchanged listing (issue 16: a check then stats
    these folders instead of walking 100,000 files): the PATHs are all real folders, none holds
    a symlink or a report marker (their targets and contents decide the listing too), each
    folder settled well before now, and a walk after the stats finds `files` still. Else []:
    every check walks."""
    from factcheck.load import REPORTS_MARKER, find_files

    start = time.time_ns()
    found: list[tuple[str, int, int]] = []
    try:
        for arg in paths:
            if os.path.islink(arg) or not os.path.isdir(arg):
                return []
            stack = [arg]
            while stack:
                folder = stack.pop()
                st = os.lstat(folder)  # before its listing: a change after shows in its ctime
                if st.st_ctime_ns >= start - _SETTLED_NS:
                    return []
                found.append((folder, st.st_ino, st.st_ctime_ns))
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.is_symlink() or entry.name == REPORTS_MARKER:
                            return []
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
        if find_files(paths)[0] != list(files):
            return []
    except OSError:
        return []
    return found


class Lookup(NamedTuple):
    """What the index gives a draft check: the archive articles of the draft's events (as
    documents read afresh, with their extractions), every archive article as the report shows
    it, the archive's failures, and the claim counts."""

    extractions: list[Extraction]
    documents: list[Document]
    counts: dict[str, int]
    load_errors: list[LoadError]
    check_errors: list[LoadError]


class Index:
    """An open index file, checked against the archive the run names."""

    def __init__(self, directory: str | Path) -> None:
        path = index_path(directory)
        if not path.exists():
            raise FileNotFoundError(path)
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self.meta = dict(self.db.execute("SELECT key, value FROM meta"))
            self.db.execute("SELECT count(*) FROM article").fetchone()
        except sqlite3.Error as exc:
            raise Stale(f"archive index {path} cannot be read ({exc})")
        self.path = path

    def close(self) -> None:
        self.db.close()

    def covers(self, paths: Sequence[str], published: Optional[date], max_bytes: int
               ) -> tuple[list[str], set[tuple[int, int]]]:
        """Raise Stale unless the index was built from these arguments and the archive's files
        are the same, each still the same size and modification time. Returns the files, and
        their identities (device, inode) from the same stats, to tell a draft that is also an
        archive file. The files are the index's own when no folder of the archive changed
        (`_settled_folders`), else a walk's."""
        from factcheck.load import find_files

        if self.meta.get("options") != _options(paths, published, max_bytes):
            raise Stale(f"archive index {self.path} was built for other archive paths, options, "
                        f"working folder or another factcheck")
        stored = self.db.execute("SELECT path, size, mtime FROM file ORDER BY pos").fetchall()
        files = [s[0] for s in stored]
        if not self._same_folders():
            files = find_files(paths)[0]
        if [s[0] for s in stored] != files:
            raise Stale(f"archive index {self.path}: files were added or removed since it was "
                        f"built")
        identities: set[tuple[int, int]] = set()
        for path, size, mtime in stored:
            try:
                st = os.stat(path)
            except OSError:
                raise Stale(f"archive index {self.path}: {path} cannot be read")
            if st.st_size != size or st.st_mtime_ns != mtime:
                raise Stale(f"archive index {self.path}: {path} changed since it was built")
            identities.add((st.st_dev, st.st_ino))
        return files, identities

    def _same_folders(self) -> bool:
        """Whether every folder the index vouches for is the same folder, unchanged (no entry
        added, removed or renamed since: its change time says so)."""
        folders = self.db.execute("SELECT path, ino, ctime FROM folder").fetchall()
        for path, ino, ctime in folders:
            try:
                st = os.lstat(path)
            except OSError:
                return False
            if not stat.S_ISDIR(st.st_mode) or (st.st_ino, st.st_ctime_ns) != (ino, ctime):
                return False
        return bool(folders)

    def population(self, profiles: Iterable[Profile], drafts: Mapping[str, Profile]
                   ) -> Population:
        """The whole archive's counts (with the drafts') of the names and name words that
        `profiles` hold: what events weighs names by in a full check."""
        names = sorted({n for p in profiles for n in p.names})
        words = sorted({w for n in names for w in n.split()})
        drafted = population(drafts.values())
        name_counts: Counter[str] = Counter(drafted.names)
        word_counts: Counter[str] = Counter(drafted.words)
        for i in range(0, len(names), 500):
            chunk = names[i:i + 500]
            name_counts.update(dict(self.db.execute(
                "SELECT name, count(*) FROM name WHERE name IN ({}) GROUP BY name".format(
                    ",".join("?" * len(chunk))), chunk)))
        for i in range(0, len(words), 500):
            chunk = words[i:i + 500]
            word_counts.update(dict(self.db.execute(
                "SELECT word, n FROM word WHERE word IN ({})".format(",".join("?" * len(chunk))),
                chunk)))
        return Population(int(self.meta.get("articles", "0")) + drafted.articles,
                          name_counts, word_counts)

    def taken(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids an archive article (read or not) already has."""
        ids = sorted(set(ids))
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(
                f"SELECT id FROM article WHERE id IN ({marks}) UNION "
                f"SELECT id FROM failure WHERE id IN ({marks})", chunk + chunk))
        return found

    def near(self, drafts: Mapping[str, Profile],
             aliases: Optional[Mapping[str, Iterable[str]]] = None) -> list[int]:
        """Archive positions that can fall in a draft's event: within the window of a dated
        draft's times (any name: a lone draft joins the one event near it), sharing a name
        with an undated one (a name held by more than events' proposal cap ties nothing),
        and every other member of those articles' events."""
        longest = int(self.meta.get("longest", "0"))
        found: set[int] = set()
        q = self.db.execute
        for p in drafts.values():
            spans = list(times(p))
            if spans[0][0] != _ANY_LO:
                for lo, hi in spans:  # every start events' density caps count near it
                    found.update(r[0] for r in q("SELECT pos FROM span WHERE lo BETWEEN ? AND ?",
                                                 (lo - WINDOW - longest - 1, hi + WINDOW)))
                found.update(r[0] for r in q("SELECT pos FROM span WHERE lo = ?", (_ANY_LO,)))
                continue
            for name in p.names:
                group = _alias_group(name, aliases)
                marks = ",".join("?" * len(group))
                holders = [r[0] for r in q(f"SELECT pos FROM name WHERE name IN ({marks})", group)]
                if len(holders) <= _CAP:
                    found.update(holders)
        if not found:
            return []
        events_of = _chunked(q, "SELECT DISTINCT event FROM article WHERE pos IN ({})", found)
        return sorted(_chunked(q, "SELECT pos FROM article WHERE event IN ({})", events_of))

    def articles(self, positions: Sequence[int]) -> list[tuple[int, str, str, str, Profile, int]]:
        """(pos, id, path, key, profile, claims) of the articles at these positions, in order."""
        rows = []
        for i in range(0, len(positions), 500):
            chunk = list(positions[i:i + 500])
            rows.extend(self.db.execute(
                f"SELECT pos, id, path, key, profile, claims FROM article WHERE pos IN "
                f"({','.join('?' * len(chunk))})", chunk))
        return sorted((r[0], r[1], r[2], r[3].hex(), _profile_from(r[4]), r[5]) for r in rows)

    def listing(self) -> Listed:
        """Every archive article as the report lists it, written by `build`."""
        row = self.db.execute("SELECT lines FROM listing").fetchone()
        try:
            lines = zlib.decompress(row[0]).decode("utf-8") if row else ""
        except (zlib.error, UnicodeDecodeError, TypeError) as exc:
            raise Stale(f"archive index {self.path} cannot be read ({exc})")
        return Listed(lines, int(self.meta.get("articles", "0")),
                      int(self.meta.get("claims", "0")))

    def undated(self) -> list[Document]:
        """The archive articles with no publication date (for the report's note), no text."""
        return [Document(id=aid, path=path, text="")
                for aid, path in self.db.execute(
                    "SELECT id, path FROM article "
                    "WHERE published IS NULL ORDER BY pos")]

    def failures(self) -> tuple[list[LoadError], list[LoadError]]:
        loading: list[LoadError] = []
        checking: list[LoadError] = []
        for path, reason, aid, at_load in self.db.execute(
                "SELECT path, reason, id, loading FROM failure ORDER BY pos"):
            (loading if at_load else checking).append(LoadError(path, reason, id=aid))
        return loading, checking


def _chunked(q, sql: str, values: Iterable[int]) -> set[int]:
    values = sorted(values)
    out: set[int] = set()
    for i in range(0, len(values), 500):
        chunk = values[i:i + 500]
        out.update(r[0] for r in q(sql.format(",".join("?" * len(chunk))), chunk))
    return out


def _alias_group(name: str, aliases: Optional[Mapping[str, Iterable[str]]]) -> list[str]:
    """The names events reads as one with `name` (the fact book's aliases, lower case)."""
    for canon, others in (aliases or {}).items():
        group = {canon.lower(), *(o.lower() for o in others)}
        if name in group:
            return sorted(group)
    return [name]


def draft_findings(index: Index, drafts: Sequence[Extraction], cache: ClaimsCache,
                   load_file, facts: Sequence[Claim],
                   aliases: Optional[Mapping[str, Iterable[str]]], settings) -> tuple[
                       list[Conflict], list[Extraction]]:
    """The findings of the drafts' events, cut from drafts + the archive articles near them,
    and the archive extractions read. Raises Stale when an archive article read does not match
    the index (its content changed within the same size and second)."""
    from factcheck.align import Lineup
    from factcheck.batch import findings_of

    mine = {ex.article.doc.id: profile(ex.claims, ex.article.doc.published) for ex in drafts}
    rows = index.articles(index.near(mine, aliases))
    profiles = dict(mine)
    profiles.update((aid, p) for _, aid, _, _, p, _ in rows)
    # Names weigh as they do in the whole archive with the drafts, not in this part of it.
    cut = [e for e in events(profiles, aliases, index.population(profiles.values(), mine))
           if any(a in mine for a in e.articles)]
    wanted = {a for e in cut for a in e.articles if a not in mine}
    by_path: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _, aid, path, key, _, _ in rows:
        if aid in wanted:
            by_path[path].append((aid, key))
    docs: dict[str, Document] = {}
    for path, held in by_path.items():
        loaded, _ = load_file(path)
        for doc in loaded:  # a JSONL file's articles: matched by content key under their ids
            for aid, key in held:
                candidate = replace(doc, id=aid)
                if key_for(candidate) == key:
                    docs[key] = candidate
        if len([k for _, k in held if k in docs]) != len(held):
            raise Stale(f"archive index {index.path}: {path} changed since it was built")
    read = cache.extractions(docs)
    if len(read) != len(docs):
        raise Stale(f"archive index {index.path}: the claims cache lost articles of the archive")
    extracted = {ex.article.doc.id: ex for ex in drafts} | read
    conflicts: list[Conflict] = []
    for e in cut:
        claims = [c for a in e.articles for c in extracted[a].claims] + list(facts)
        lineup = Lineup(claims, aliases)
        conflicts.extend(findings_of(lineup, lineup.pairs(), settings))
    return conflicts, list(read.values())
