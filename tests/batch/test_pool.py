"""batch/pool.py: the same list with one worker or several, computed with the garbage collector paused.

The pause (gc_paused) costs no memory only because the batch's work makes no reference cycles: a
300-enterprise portfolio's baseline and a reform over it, run with the collector off, leave nothing for
it to collect. (An XlsxWriter workbook is one cycle, its cells included: made under the pause, it is
collected by the first collection after it, as it would have been without the pause.)
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch.pool import MIN_ROWS, gc_paused, map_ranges

ROOT = Path(__file__).resolve().parents[2]


def _squares_and_gc(job, start, end):
    return [(i * i, gc.isenabled()) for i in range(start, end)]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_work_runs_paused_and_the_collector_is_back_after(workers):
    n = MIN_ROWS + 3
    assert gc.isenabled()
    assert map_ranges(_squares_and_gc, None, n, workers) == [(i * i, False) for i in range(n)]
    assert gc.isenabled()


def _slow_with_pid(job, start, end):
    time.sleep(0.2)
    return [(i, os.getpid()) for i in range(start, end)]


def test_the_ranges_are_shared_between_this_process_and_the_worker_and_come_back_in_order():
    n = MIN_ROWS * 4
    out = map_ranges(_slow_with_pid, None, n, 2)
    assert [i for i, _pid in out] == list(range(n))
    here = {i for i, pid in out if pid == os.getpid()}
    # this process starts at the front, the worker at the back; they meet somewhere between
    assert 0 in here and n - 1 not in here
    assert here == set(range(len(here)))


def test_a_pause_restores_the_state_it_found_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), gc_paused():
        assert not gc.isenabled()
        1 / 0  # noqa: B018
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # off before, off after: a pause never turns the collector on
    finally:
        gc.enable()


# Run in a fresh interpreter: objects other tests left behind (an AppTest's app) must not count.
NO_CYCLES = """
import datetime as dt, gc
import batch
from batch.demo import demo_profiles
from batch.whatif import compare, portfolio_from_book
from calculators.reform import reform_from_values
from reports import batch_book
as_of = dt.date(2026, 11, 27)
book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(demo_profiles(300, as_of=as_of)))])
reform, problems = reform_from_values({"article2_projects.platform_cap_yuan": 800_000,
                                       "general.effective_until": "2029-03-13"})
assert not problems
gc.collect()
gc.disable()
portfolio = portfolio_from_book(book, "zh", as_of)
c = compare(portfolio, reform)
print(len(portfolio.baseline), c.reassessed, gc.collect())
"""


def test_a_baseline_and_a_reform_make_no_reference_cycles():
    out = subprocess.run([sys.executable, "-c", NO_CYCLES], capture_output=True, text=True, cwd=ROOT, check=True,
                         timeout=300)
    enterprises, reassessed, found = map(int, out.stdout.split())
    assert enterprises == 300 and reassessed > 100
    assert found == 0
