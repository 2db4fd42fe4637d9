"""Spreading a list's work over the machine's cores, for the command line and the benchmarks.

``map_ranges(work, job, n, workers)`` returns ``work(job, 0, n)``: the same list, computed in ranges.
With ``workers`` > 1 the list is cut in ranges shared between this process and ``workers - 1`` forked
processes (``concurrent.futures.ProcessPoolExecutor``) as each is free: this process works from the front,
the workers from the back. Each worker receives ``job`` once, through the fork, from
the pool's initializer (nothing pickled on the way in); only the results come back pickled, so ``work``
should return plain values. A web server's threads do not mix with fork: the app calls with one worker.

The work runs with Python's cyclic garbage collector paused (:func:`gc_paused`).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
Work = Callable[[Any, int, int], list[T]]

MIN_ROWS = 500  # below this, starting processes costs more than it saves
RANGES_PER_WORKER = 8  # of the list, each process's share cut in ranges to share out as they are done

_job: Any = None  # in a worker process: the job given to the pool's initializer


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a batch's work, on again after (if it was on before).

    A batch makes millions of small objects that stay alive (entries, their rows, a workbook's cells), so
    every full collection walks a heap that only grows: on 10,000 enterprises 20-30 % of the CPU of the
    baseline, a reform and the results workbook (bench/README.md). The engine makes no reference cycles
    (tests/batch/test_pool.py), and every object is still freed by its reference count; a cycle (an
    XlsxWriter workbook is one) waits for the first collection after the pause. The switch is the
    process's: in a server another session's thread may end a pause early (the work then only runs
    slower), and none leaves the collector off.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _receive(job: Any) -> None:
    global _job
    _job = job


def _run(work: Work, start: int, end: int) -> list:
    return work(_job, start, end)


def map_ranges(work: Work, job: Any, n: int, workers: int = 1) -> list[T]:
    """``work(job, 0, n)``, its ranges spread over ``workers`` processes (this one included), with the
    garbage collector paused (the forked workers inherit the pause)."""
    with gc_paused():
        return _map_ranges(work, job, n, workers)


def _map_ranges(work: Work, job: Any, n: int, workers: int) -> list[T]:
    if workers <= 1 or n < MIN_ROWS:
        return work(job, 0, n)
    # Small ranges, shared out as they are done: the workers take them from the back, this process from
    # the front, and each range this process reaches before a worker has (``Future.cancel`` succeeds on a
    # range still waiting) it does itself. So neither side waits for the other, however long this process
    # spent before (assembling) or spends after (gathering), and whatever else the machine is running.
    size = -(-n // (workers * RANGES_PER_WORKER))
    starts = list(range(0, n, size))
    done: dict[int, list] = {}
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_receive, initargs=(job,)) as pool:
        futures = {start: pool.submit(_run, work, start, min(start + size, n)) for start in reversed(starts)}
        for start in starts:
            if not futures[start].cancel():
                break  # a worker has it, and every range behind it
            done[start] = work(job, start, min(start + size, n))
        return [x for start in starts for x in (done[start] if start in done else futures[start].result())]
