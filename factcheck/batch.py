"""Running the stages over a batch: extraction in parallel processes, alignment and comparison
story by story, both through the cache.

A failure in one article costs that article only (it is reported as unreadable with the reason),
and the results are the same whatever the number of processes: they come back in input order.
With a cache, a re-check after one file changed extracts that file, recomputes the one story it
belongs to, and takes everything else from the cache without decoding it.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import signal
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Optional, Sequence, Union

from factcheck.align import Lineup
from factcheck.cache import (ArticleRow, ClaimsCache, Kept, article_row, code_version, encode,
                             key_for, lineup_key, load_key, loaded_row, read_loaded, story_key)
from factcheck.compare import Settings, compare, judged_pairs, with_alignment
from factcheck.events import events, profile, signature
from factcheck.extract import TooManyClaims, extract
from factcheck.load import (DEFAULT_MAX_BYTES, find_files, gather, load_files, parse_file,
                            read_file, shown_path)
from factcheck.load import decode as decode_bytes
from factcheck.model import (Claim, Conflict, Document, Event, Extraction, KeptPairs, LoadError,
                             Pair, Profile)
from factcheck.segment import segment, title_of

PARALLEL_FROM = 40  # below this many articles, starting processes costs more than it saves
STORIES_PARALLEL_FROM = 500  # ...and below this many claims to align
SPLIT_STORY_FROM = 5_000  # a story of this many claims, half the batch or more, is judged in shares
KEEP_PAIRS_FROM = 1_000  # a story of this many claims keeps its pairs for a re-check
_ROWS_PER_WRITE = 500  # cache rows held before they are written

Outcome = Union[Extraction, LoadError]
Progress = Optional[Callable[[int], None]]


def analyse_one(doc: Document) -> Outcome:
    try:
        return extract(segment(doc))
    except TooManyClaims as exc:  # a list or table, not a story: said in its own words
        return LoadError(doc.path, str(exc), id=doc.id)
    except Exception as exc:  # a bug must cost one article, never the batch
        return LoadError(doc.path, f"could not be analysed: {type(exc).__name__}: {exc}", id=doc.id)


def _profile(extraction: Extraction) -> Profile:
    return profile(extraction.claims, extraction.article.doc.published)


def _row(extraction: Extraction) -> tuple[Profile, ArticleRow]:
    """An article's event profile and its cache row (with its title), made where it was
    extracted."""
    found = _profile(extraction)
    return found, article_row(extraction, found, title_of(extraction.article))


def _with_row(doc: Document) -> tuple[Outcome, Optional[ArticleRow]]:
    outcome = analyse_one(doc)
    if not isinstance(outcome, Extraction):
        return outcome, None
    return outcome, _row(outcome)[1]


def _chunk(docs: Sequence[Document]) -> list[Outcome]:
    return [analyse_one(d) for d in docs]


def _chunk_with_rows(docs: Sequence[Document]) -> list[tuple[Outcome, Optional[ArticleRow]]]:
    return [_with_row(d) for d in docs]


class _Read(NamedTuple):
    """What a check needs back from a worker for one article: its claims, event profile, title
    and cache row, and the whole extraction only when a report will show it (the sentences weigh
    as much as the claims, and a batch's worth of them is most of a run's memory). The claims
    stay pickled: the parent only hands them on to the process that aligns their story, and
    unpickling and pickling them again on the way cost a tenth of a cold run."""

    claims: bytes
    count: int
    profile: Profile
    row: Optional[ArticleRow]
    extraction: Optional[Extraction]
    title: Optional[str]  # segment.title_of: load does not segment to find it


def _chunk_for_check(docs: Sequence[Document], with_rows: bool, keep: bool
                     ) -> list[Union[_Read, LoadError]]:
    out: list[Union[_Read, LoadError]] = []
    for doc in docs:
        outcome = analyse_one(doc)
        if isinstance(outcome, Extraction):
            found, row = _row(outcome) if with_rows else (_profile(outcome), None)
            out.append(_Read(_pack(outcome.claims), len(outcome.claims), found, row,
                             outcome if keep else None, title_of(outcome.article)))
        else:
            out.append(outcome)
    return out


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_PR_SET_PDEATHSIG = 1
_PARENT_POLL = 0.5  # seconds between a worker's checks that its parent is still there


def _exit_with_parent(parent: int) -> None:
    """A worker must never outlive the run that started it (a parent killed outright leaves
    its pool behind, blocked for ever): on Linux the kernel sends it SIGKILL when the parent
    dies; everywhere, a thread checks the parent is still there and ends the worker if not."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="factcheck-parent-watch", daemon=True).start()


def _worker_start(parent: int) -> None:
    """Ctrl-C reaches the whole process group: the parent alone handles it (and stops its
    workers), so a worker ignores it rather than print its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _exit_with_parent(parent)
    collect_rarely()


class _Workers:
    """One pool of processes for the whole run, started only when some work is big enough."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: Optional[ProcessPoolExecutor] = None

    def map(self, work: Callable, tasks: Sequence) -> Iterable:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_start,
                                            initargs=(os.getpid(),))
        return self.pool.map(work, tasks)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def abort(self) -> None:
        """Stop at once (Ctrl-C, SIGTERM, a failure): kill the workers rather than wait for
        the work queued for them."""
        pool, self.pool = self.pool, None
        if pool is None:
            return
        manager = getattr(pool, "_executor_manager_thread", None)
        if manager is not None:
            _quiet_thread(manager)
        queue = getattr(pool, "_call_queue", None)
        if queue is not None:  # its feeder may be stuck writing to the dead workers: no join
            queue.cancel_join_thread()
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, ValueError, AttributeError):
                pass
        pool.shutdown(wait=False, cancel_futures=True)


def _quiet_thread(thread: threading.Thread) -> None:
    """The pool's manager thread, finding its workers killed, may fail on a future already
    cancelled (InvalidStateError, CPython 3.11): that is the abort itself, not news to print."""
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.thread is thread and issubclass(args.exc_type, InvalidStateError):
            return
        previous(args)

    threading.excepthook = hook


def _run(docs: Sequence[Document], workers: _Workers, work: Callable, advance: Progress
         ) -> Iterator[Any]:
    """`work` over chunks of `docs`, in processes when it pays; results in input order, as they
    come (a caller can store them and let them go)."""
    if workers.jobs > 1 and len(docs) >= PARALLEL_FROM:
        size = max(8, min(200, len(docs) // (workers.jobs * 4) or 1))
        chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
        for chunk, results in zip(chunks, workers.map(work, chunks)):
            if advance:  # before the results: a caller's zip() may stop at the last one
                advance(len(chunk))
            yield from results
        return
    for doc in docs:
        results = work([doc])
        if advance:
            advance(1)
        yield from results


_Loaded = list[tuple[list[Document], list[LoadError]]]


def _load_chunk(paths: Sequence[str], published: Optional[date], max_bytes: int,
                cache_dir: Optional[str], today: date) -> tuple[_Loaded, dict[str, str]]:
    """Each file's documents and errors, and the cache rows of those it had to parse: a file
    whose bytes (and options) were loaded before is only read, its documents taken from the
    cache."""
    if cache_dir is None:
        return load_files(paths, published, max_bytes), {}
    read = [read_file(p, max_bytes) for p in paths]
    keys = [load_key(p, shown_path(p), data, published, max_bytes, today)
            if data is not None else "" for p, (data, _) in zip(paths, read)]
    known = read_loaded(cache_dir, [k for k in keys if k])
    out: _Loaded = []
    rows: dict[str, str] = {}
    for path, (data, errors), key in zip(paths, read, keys):
        if data is None:
            out.append(([], errors))
            continue
        stored = known.get(key)
        if stored is not None:
            whole, docs = stored
            text = decode_bytes(data)[0] if any(whole) else ""
            out.append(([replace(d, text=text) if w else d for w, d in zip(whole, docs)], []))
            continue
        docs, errors = parse_file(path, data, published, max_bytes)
        out.append((docs, errors))
        if docs and not errors:
            rows[key] = loaded_row(docs, decode_bytes(data)[0] or "")
    return out, rows


def load_paths(paths: Sequence[str], published: Optional[date] = None,
               max_bytes: int = DEFAULT_MAX_BYTES, taken: Iterable[str] = (),
               jobs: Optional[int] = None, cache_dir: Optional[str] = None
               ) -> tuple[list[Document], list[LoadError]]:
    """load.load_paths with the files read in processes when there are many (reading and
    dating 30,000 tiny pages was 1.6 s of one process while the others waited) and, with a
    cache, each file's documents kept by its bytes: a re-check reads every file but dates only
    those that changed. Same documents, same order, same errors."""
    files, errors = find_files(paths)
    if cache_dir is not None:
        code_version()  # worked out once, before the processes start
    workers = _Workers(jobs or default_jobs())
    work = partial(_load_chunk, published=published, max_bytes=max_bytes, cache_dir=cache_dir,
                   today=date.today())
    if workers.jobs == 1 or len(files) < PARALLEL_FROM:
        outcomes, rows = work(files)
    else:
        size = max(8, min(200, len(files) // (workers.jobs * 4) or 1))
        chunks = [files[i:i + size] for i in range(0, len(files), size)]
        outcomes, rows = [], {}
        try:
            for part, new in workers.map(work, chunks):
                outcomes.extend(part)
                rows.update(new)
        except BaseException:
            workers.abort()
            raise
        workers.close()
    if cache_dir is not None and rows:
        cache = ClaimsCache(cache_dir, quiet=True)
        cache.put_loaded(rows)
        cache.close()
    return gather(outcomes, errors, taken)


def _pack(claims: Sequence[Claim]) -> bytes:
    return pickle.dumps(tuple(claims), protocol=pickle.HIGHEST_PROTOCOL)


GC_FIRST_GENERATION = 50_000  # objects made between two passes of the cycle collector


def collect_rarely() -> None:
    """A batch makes millions of small records (sentences, claims, frames, slots) that live
    until their article or story is done and hold no reference cycles: at Python's default
    (a pass every 700 new objects) the cycle collector's passes over them cost a quarter of
    reading and extracting tiny articles. Passes every GC_FIRST_GENERATION objects still
    collect any cycle, with memory bounded."""
    _, second, third = gc.get_threshold()
    gc.set_threshold(GC_FIRST_GENERATION, second, third)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Cutting the batch into stories and aligning one make hundreds of thousands of small
    objects that live as long as the stage (claims, frames, index postings, pairs) and no
    reference cycles (none found after a 30,000-article story nor the bench3k batch): the cycle
    collector's passes over them were near a third of aligning and comparing a big story, and
    freed nothing. Reference counting still frees all of it; the collector is back, as it was,
    once the stage is done."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _unpacked(packed: Sequence[bytes], facts: Sequence[Claim]) -> list[Claim]:
    return [c for blob in packed for c in pickle.loads(blob)] + list(facts)  # noqa: S301


def findings_of(lineup: Lineup, pairs: list[Pair], settings: Settings) -> list[Conflict]:
    """A story's findings from its pairs; the few pairs they show are traced afterwards, in
    the same blocks (pairs are lined up without traces: tens of thousands in a big story)."""
    found = compare(pairs, settings=settings)
    if found:
        found = with_alignment(found, lineup.traces(judged_pairs(found)))
    return found


class StoryWork(NamedTuple):
    """One story to align and compare: its articles' claims (as _pack()ed), and for a
    re-check the pairs its last run kept with the articles changed since; `keep` asks for its
    pairs to be kept for the next one."""

    packed: Sequence[bytes]
    previous: tuple[KeptPairs, ...] = ()
    changed: frozenset[str] = frozenset()
    keep: bool = False


Found = tuple[list[Conflict], Optional[tuple[KeptPairs, ...]]]  # a story's findings, kept pairs


def _story_findings(task: tuple[Sequence[StoryWork], Sequence[Claim],
                                Optional[Mapping[str, Iterable[str]]], Settings]) -> list[Found]:
    """Align and compare each story of a task with the fact book's claims."""
    stories, facts, aliases, settings = task
    out: list[Found] = []
    for story in stories:
        with _collector_paused():
            lineup = Lineup(_unpacked(story.packed, facts), aliases)
            pairs = lineup.pairs(previous=story.previous, changed=story.changed, keep=story.keep)
            out.append((findings_of(lineup, pairs, settings),
                        tuple(lineup.kept) if story.keep else None))
    return out


_Share = tuple[list[KeptPairs], list[tuple[int, int, float]]]  # pairs by places in the story


def _story_share(task: tuple[Sequence[bytes], Sequence[Claim],
                             Optional[Mapping[str, Iterable[str]]], int, int, bool]) -> _Share:
    """One share of one big story's candidate pairs, judged (see Lineup), and (to `keep`)
    each block's share of them as kept pairs."""
    packed, facts, aliases, share, shares, keep = task
    with _collector_paused():
        claims = _unpacked(packed, facts)
        place = {id(c): i for i, c in enumerate(claims)}
        lineup = Lineup(claims, aliases)
        pairs = lineup.pairs(share, shares, keep=keep)
        return lineup.kept, [(place[id(p.a)], place[id(p.b)], p.score) for p in pairs]


def _merge_shares(story: StoryWork, facts: Sequence[Claim],
                  aliases: Optional[Mapping[str, Iterable[str]]], settings: Settings,
                  shares: Sequence[_Share]) -> Found:
    """A story judged in shares, compared as one."""
    with _collector_paused():
        claims = _unpacked(story.packed, facts)
        pairs = Lineup.merged([Pair(claims[a], claims[b], score) for a, b, score in found]
                              for _, found in shares)
        kept: dict[str, KeptPairs] = {}
        for share, _ in shares:
            for k in share:
                held = kept.get(k.family)
                kept[k.family] = k if held is None else KeptPairs(
                    k.family, k.weights, held.pairs + k.pairs)
        return (findings_of(Lineup(claims, aliases), pairs, settings),
                tuple(kept.values()) if story.keep else None)


def _all_story_findings(stories: Sequence[StoryWork], sizes: Sequence[int],
                        facts: Sequence[Claim], aliases: Optional[Mapping[str, Iterable[str]]],
                        settings: Settings, workers: _Workers) -> list[Found]:
    """Stories are independent: a big batch of them is shared out among the processes, in
    tasks of about equal numbers of claims (`sizes`), and the findings come back in story
    order. A story bigger than a process's part (one story of 30,000 look-alike claims) is
    not left to one process: its candidate pairs are judged in shares, one per process, and
    compared here (unless a re-check has its kept pairs: then few are judged)."""
    total = sum(sizes)
    if workers.jobs == 1 or total < STORIES_PARALLEL_FROM:
        return _story_findings((stories, facts, aliases, settings))
    per_task = max(1, total // (workers.jobs * 4))
    big = {i for i, (story, claims) in enumerate(zip(stories, sizes))
           if claims >= max(SPLIT_STORY_FROM, total // 2) and not story.previous}
    tasks: list[tuple[Callable, Any]] = []
    owners: list[list[int]] = []  # the stories each task answers for
    size = 0
    for i, (story, claims) in enumerate(zip(stories, sizes)):
        if i in big:
            for k in range(workers.jobs):
                tasks.append((_story_share, (story.packed, facts, aliases, k, workers.jobs,
                                             story.keep)))
                owners.append([i])
            continue
        if not tasks or tasks[-1][0] is not _story_findings or size >= per_task:
            tasks.append((_story_findings, ([], facts, aliases, settings)))
            owners.append([])
            size = 0
        tasks[-1][1][0].append(story)
        owners[-1].append(i)
        size += claims
    found: dict[int, Found] = {}
    shares: dict[int, list[_Share]] = defaultdict(list)
    for (work, _), owned, result in zip(tasks, owners, workers.map(_call, tasks)):
        if work is _story_share:
            shares[owned[0]].append(result)
        else:
            found.update(zip(owned, result))
    for i in sorted(big):
        found[i] = _merge_shares(stories[i], facts, aliases, settings, shares[i])
    return [found[i] for i in range(len(stories))]


def _call(task: tuple[Callable, Any]) -> Any:
    work, args = task
    return work(args)


def analyse(docs: Sequence[Document], jobs: Optional[int] = None,
            cache: Optional[ClaimsCache] = None,
            advance: Progress = None) -> tuple[list[Extraction], list[LoadError]]:
    """Extractions for every document that could be analysed, in input order, and the failures."""
    workers = _Workers(jobs or default_jobs())
    keys = {d.id: key_for(d) for d in docs} if cache else {}
    cached = cache.extractions({keys[d.id]: d for d in docs}) if cache else {}
    todo = [d for d in docs if d.id not in cached]
    if advance and cached:
        advance(len(cached))
    fresh: dict[str, Outcome] = {}
    try:
        if cache:
            rows: dict[str, ArticleRow] = {}
            for doc, (outcome, row) in zip(todo, _run(todo, workers, _chunk_with_rows, advance)):
                fresh[doc.id] = outcome
                if row:
                    rows[keys[doc.id]] = row
            cache.put_articles(rows)
        else:
            for doc, outcome in zip(todo, _run(todo, workers, _chunk, advance)):
                fresh[doc.id] = outcome
    except BaseException:
        workers.abort()
        raise
    workers.close()
    extractions: list[Extraction] = []
    errors: list[LoadError] = []
    for doc in docs:
        outcome = cached.get(doc.id) or fresh[doc.id]
        (extractions if isinstance(outcome, Extraction) else errors).append(outcome)
    return extractions, errors


class Checked(NamedTuple):
    """What a check of the batch found: findings, claims per article, the failures, and the
    extractions it holds in memory (only those it had to make or read: a re-check reads few)."""

    conflicts: list[Conflict]
    claim_counts: dict[str, int]
    errors: list[LoadError]
    extractions: dict[str, Extraction]
    titles: dict[str, Optional[str]]  # by article id: what `segment.titled` gives a report
    keys: dict[str, str] = {}  # by article id: its cache key (with a cache), worked out once


def _context(facts: Sequence[Claim], aliases: Optional[Mapping[str, Iterable[str]]],
             settings: Settings) -> str:
    """Everything besides its articles that decides a story's findings, as one string."""
    return json.dumps([repr(settings), sorted((k, sorted(v)) for k, v in (aliases or {}).items()),
                       encode(list(facts))], ensure_ascii=False, sort_keys=True)


def check(docs: Sequence[Document], facts: Sequence[Claim] = (),
          aliases: Optional[Mapping[str, Iterable[str]]] = None, settings: Settings = Settings(),
          jobs: Optional[int] = None, cache: Optional[ClaimsCache] = None,
          advance: Progress = None, keep_extractions: bool = True) -> Checked:
    """Extract every article, cut the batch into stories, align and compare each story with the
    fact book's claims. Through a cache, only new articles are extracted and only stories whose
    articles (or whose aliases, settings or facts) changed are aligned again. Without
    `keep_extractions`, Checked.extractions holds only those a re-check had to extract again."""
    workers = _Workers(jobs or default_jobs())
    try:
        checked = _check(docs, facts, aliases, settings, workers, cache, advance, keep_extractions)
    except BaseException:
        workers.abort()
        raise
    workers.close()
    return checked


def _check(docs: Sequence[Document], facts: Sequence[Claim],
           aliases: Optional[Mapping[str, Iterable[str]]], settings: Settings, workers: _Workers,
           cache: Optional[ClaimsCache], advance: Progress, keep_extractions: bool) -> Checked:
    keys = {d.id: key_for(d) for d in docs} if cache else {}
    known = cache.summaries(list(keys.values())) if cache else {}
    todo = [d for d in docs if keys.get(d.id) not in known]
    if advance and len(todo) < len(docs):
        advance(len(docs) - len(todo))
    fresh: dict[str, Extraction] = {}
    claims_of: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    failed: dict[str, LoadError] = {}
    profiles: dict[str, Profile] = {}
    rows: dict[str, ArticleRow] = {}
    titles: dict[str, Optional[str]] = {}
    work = partial(_chunk_for_check, with_rows=cache is not None, keep=keep_extractions)
    for doc, result in zip(todo, _run(todo, workers, work, advance)):
        if isinstance(result, LoadError):
            failed[doc.id] = result
            continue
        claims_of[doc.id], counts[doc.id], profiles[doc.id] = result.claims, result.count, result.profile
        titles[doc.id] = result.title
        if result.extraction is not None:
            fresh[doc.id] = result.extraction
        if cache and result.row:
            rows[keys[doc.id]] = result.row
            if len(rows) >= _ROWS_PER_WRITE:  # written as they come: a batch of rows is big
                cache.put_articles(rows)
                rows = {}
    if cache:
        cache.put_articles(rows)
    for doc in docs:
        if doc.id not in claims_of and doc.id not in failed:
            profiles[doc.id], counts[doc.id], titles[doc.id] = known[keys[doc.id]]
    profiles = {d.id: profiles[d.id] for d in docs if d.id in profiles}  # batch order names events

    context = _context(facts, aliases, settings) if cache else ""
    # The cut is kept by what it reads: a re-check whose edits changed no profile reuses it.
    cut_key = story_key((signature(profiles, aliases),), context) if cache else ""
    cut = cache.partition(cut_key, list(profiles)) if cache else None
    if cut is not None:
        batch_stories = [Event(articles=tuple(e)) for e in cut]
    else:
        with _collector_paused():
            batch_stories = events(profiles, aliases)
        if cache:
            cache.put_partition(cut_key, [s.articles for s in batch_stories])
    skeys = [story_key((keys[a] for a in s.articles), context) if cache else ""
             for s in batch_stories]
    done = cache.stories(skeys) if cache else {}
    missing = [(s, k) for s, k in zip(batch_stories, skeys) if k not in done]
    by_id = {d.id: d for d in docs}
    needed = {keys[a]: by_id[a] for s, _ in missing for a in s.articles if a not in claims_of}
    # Aligning an event again needs its articles' claims only; the HTML page (which keeps
    # the extractions) needs them whole.
    read = cache.extractions(needed) if cache and needed and keep_extractions else {}
    held = cache.claims(needed) if cache and needed and not keep_extractions else {}
    held.update((doc_id, ex.claims) for doc_id, ex in read.items())
    redone: dict[str, ArticleRow] = {}
    for key, doc in needed.items():
        if doc.id not in held:  # a row that would not decode: extract it again, and store it
            outcome = analyse_one(doc)
            if isinstance(outcome, Extraction):
                read[doc.id] = outcome
                held[doc.id] = outcome.claims
                if cache:
                    redone[key] = _row(outcome)[1]
    if cache and redone:
        cache.put_articles(redone)
    for doc_id, claims in held.items():
        claims_of[doc_id] = _pack(claims)
    sizes = [sum(counts.get(a, 0) for a in s.articles) for s, _ in missing]
    # A big event's pairs are kept by the event's articles, whatever their contents: a
    # re-check after one of them changed judges only the pairs that involve its claims.
    kept_keys = [lineup_key(s.articles, context) if cache and size >= KEEP_PAIRS_FROM else None
                 for (s, _), size in zip(missing, sizes)]
    kept = cache.lineups([k for k in kept_keys if k]) if cache else {}
    work: list[StoryWork] = []
    for (s, _), kept_key in zip(missing, kept_keys):
        packed = [claims_of[a] for a in s.articles if a in claims_of]
        last = kept.get(kept_key) if kept_key else None
        if last is None:
            work.append(StoryWork(packed, keep=kept_key is not None))
            continue
        changed = frozenset(a for a in s.articles if last.keys.get(a) != keys[a])
        work.append(StoryWork(packed, last.pairs, changed, keep=True))
    results = _all_story_findings(work, sizes, facts, aliases, settings, workers)
    found = [f for f, _ in results]
    done.update((k, f) for (_, k), f in zip(missing, found))
    if cache:
        cache.put_stories({k: f for (_, k), f in zip(missing, found)})
        cache.put_lineups({kept_key: Kept({a: keys[a] for a in s.articles}, pairs)
                           for (s, _), kept_key, (_, pairs) in zip(missing, kept_keys, results)
                           if kept_key and pairs is not None})
    conflicts = [c for k in skeys for c in done[k]] if cache else [c for f in found for c in f]
    return Checked(conflicts, counts, [failed[d.id] for d in docs if d.id in failed],
                   {**read, **fresh}, titles, keys)
