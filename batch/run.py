"""Validating and assessing every enterprise of a book through the engine, and gathering the result."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from calculators.content import items
from calculators.engine import assess
from calculators.stacking import ITEM_ORDER
from calculators.validation import validate_profile

from .assemble import Candidate, Sheet, assemble, place_problem
from .entries import BatchResult, Entry, entry_of
from .pool import gc_paused, map_ranges
from .read import RawBook
from .schema import SECTION_KEYS, BatchProblem, section_of_sheet


def check_one(data: dict[str, Any], lang: str, shared: dict[Any, Any] | None = None,
               kept: dict[int, Any] | None = None, i: int = 0) -> Entry | list[tuple[str, str]]:
    """Validate and assess one enterprise: its entry, or its problems as (field path, message).
    ``kept`` gets its validated profile at ``i``."""
    profile, found = validate_profile(data, lang)
    if profile is None:
        return [(p.field, p.message) for p in found]
    if kept is not None:
        kept[i] = profile
    return entry_of(assess(profile, lang), profile.enterprise.credit_code, shared)


def _check_range(job: tuple[list[dict[str, Any]], str, dict[int, Any] | None], start: int, end: int
                 ) -> list[Entry | list[tuple[str, str]]]:
    datas, lang, kept = job
    shared: dict[Any, Any] = {}
    return [check_one(datas[i], lang, shared, kept, i) for i in range(start, end)]


def check_many(datas: list[dict[str, Any]], lang: str = "zh", workers: int = 1,
               kept: dict[int, Any] | None = None) -> list[Entry | list]:
    """Validate and assess profile dicts in order; with ``workers`` > 1 over several processes
    (batch/pool.py: command line and bench only). Each outcome is an :class:`Entry` or the enterprise's
    problems as (field path, message). ``kept`` (index → Profile) gets the validated profiles of the
    enterprises this process assessed (a worker's stay in the worker: models are not shipped back)."""
    return map_ranges(_check_range, (datas, lang, kept), len(datas), workers)


def run(book: RawBook, lang: str = "zh", as_of: dt.date | None = None, interpretation: str | None = None,
        workers: int = 1, reading_for_all: bool = False) -> BatchResult:
    """Validate and assess every enterprise of an uploaded book; keep going past bad ones.

    ``reading_for_all``: assess every enterprise on ``interpretation``, whatever its row says."""

    t0 = time.perf_counter()
    with gc_paused():  # the whole batch: a heap that only grows (batch/pool.py)
        candidates, problems, sheets = assemble(book, lang, as_of, interpretation, reading_for_all)
        t1 = time.perf_counter()
        outcomes = check_many([c.data for c in candidates], lang, workers)
        t2 = time.perf_counter()
        result = collect(candidates, outcomes, problems, sheets, lang, book.synthetic)
    result.timings = {"assemble": t1 - t0, "validate_assess": t2 - t1}
    return result


def collect(candidates: list[Candidate], outcomes: list, problems: list[BatchProblem], sheets: dict[str, Sheet],
            lang: str, synthetic: bool = False) -> BatchResult:
    """Gather the entries and place every validation problem on its cell."""
    entries: list[Entry] = []
    problems = list(problems)
    for c, outcome in zip(candidates, outcomes, strict=True):
        if isinstance(outcome, Entry):
            entries.append(outcome)
        else:
            problems += [place_problem(c, f, m, sheets, lang) for f, m in outcome]
    problems.sort(key=lambda p: (_sheet_rank(p.sheet), p.row or 0))
    return BatchResult(entries, problems, len(candidates), lang, synthetic)


def _sheet_rank(name: str) -> int:
    section = section_of_sheet(Path(name).stem)
    return SECTION_KEYS.index(section) if section else -1


def items_of(result: BatchResult) -> list[str]:
    """Item ids in the policy's order that at least one enterprise reaches."""
    seen = {r.item for e in result.entries for r in e.items}
    return [i for i in ITEM_ORDER if i in seen and i in items()]
