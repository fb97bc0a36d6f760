"""Running clean & segment and extract over a batch: in parallel processes, through the cache.

A failure in one article costs that article only (it is reported as unreadable with the reason),
and the results are the same whatever the number of processes: they come back in input order.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Optional, Sequence, Union

from factcheck.cache import ClaimsCache
from factcheck.extract import extract
from factcheck.model import Document, Extraction, LoadError
from factcheck.segment import segment

PARALLEL_FROM = 40  # below this many articles, starting processes costs more than it saves

Outcome = Union[Extraction, LoadError]


def analyse_one(doc: Document) -> Outcome:
    try:
        return extract(segment(doc))
    except Exception as exc:  # a bug must cost one article, never the batch
        return LoadError(doc.path, f"could not be analysed: {type(exc).__name__}: {exc}", id=doc.id)


def _chunk(docs: Sequence[Document]) -> list[Outcome]:
    return [analyse_one(d) for d in docs]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyse(docs: Sequence[Document], jobs: Optional[int] = None,
            cache: Optional[ClaimsCache] = None,
            advance: Optional[Callable[[int], None]] = None) -> tuple[list[Extraction], list[LoadError]]:
    """Extractions for every document that could be analysed, in input order, and the failures."""
    jobs = jobs or default_jobs()
    cached = cache.get_many(docs) if cache else {}
    todo = [d for d in docs if d.id not in cached]
    if advance and cached:
        advance(len(cached))
    fresh: dict[str, Outcome] = {}
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        size = max(8, min(200, len(todo) // (jobs * 4) or 1))
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for chunk, outcomes in zip(chunks, pool.map(_chunk, chunks)):
                for doc, outcome in zip(chunk, outcomes):
                    fresh[doc.id] = outcome
                if advance:
                    advance(len(chunk))
    else:
        for doc in todo:
            fresh[doc.id] = analyse_one(doc)
            if advance:
                advance(1)
    if cache:
        cache.put_many(o for o in fresh.values() if isinstance(o, Extraction))
    extractions: list[Extraction] = []
    errors: list[LoadError] = []
    for doc in docs:
        outcome = cached.get(doc.id) or fresh[doc.id]
        (extractions if isinstance(outcome, Extraction) else errors).append(outcome)
    return extractions, errors
