"""Spreading a list's work over the machine's cores, for the command line and the benchmarks.

``map_ranges(work, job, n, workers)`` returns ``work(job, 0, n)``: the same list, computed in ranges.
With ``workers`` > 1 the ranges past this process's own share go to ``workers - 1`` forked processes
(``concurrent.futures.ProcessPoolExecutor``). Each worker receives ``job`` once, through the fork, from
the pool's initializer (nothing pickled on the way in); only the results come back pickled, so ``work``
should return plain values. A web server's threads do not mix with fork: the app calls with one worker.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
Work = Callable[[Any, int, int], list[T]]

MIN_ROWS = 500  # below this, starting processes costs more than it saves

_job: Any = None  # in a worker process: the job given to the pool's initializer


def _receive(job: Any) -> None:
    global _job
    _job = job


def _run(work: Work, start: int, end: int) -> list:
    return work(_job, start, end)


def map_ranges(work: Work, job: Any, n: int, workers: int = 1) -> list[T]:
    """``work(job, 0, n)``, its ranges spread over ``workers`` processes (this one included)."""
    if workers <= 1 or n < MIN_ROWS:
        return work(job, 0, n)
    own = n // workers  # this process's share: the first rows, worked on while the others run
    size = -(-(n - own) // ((workers - 1) * 4))  # four ranges a worker, so an unlucky range waits less
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_receive, initargs=(job,)) as pool:
        futures = [pool.submit(_run, work, start, min(start + size, n)) for start in range(own, n, size)]
        first = work(job, 0, own)
        return first + [x for f in futures for x in f.result()]
