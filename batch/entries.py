"""An assessed enterprise kept as plain values (:class:`Entry`), and a batch's result (:class:`BatchResult`).

A batch holds thousands of assessments; an Entry keeps what the batch tables, the dashboard and the
what-ifs show of one (nothing recomputed), cheap to hold and to send between processes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from calculators.models import Assessment

from .schema import BatchProblem


class Gap(NamedTuple):
    """One unmet condition, with the figures the engine compared (for "nearest to the line")."""

    code: str
    message: str
    actual_value: Decimal | None
    required_value: Decimal | None
    comparison: str | None


class ItemRow(NamedTuple):
    """One item and subject of an assessment, as the engine returned it (plain values: cheap to ship)."""

    item: str
    subject: str | None
    year: int
    status: str
    kind: str
    ceiling_yuan: int | None
    cap_yuan: int | None
    uncapped_yuan: int | None
    yearly_cap_yuan: int | None
    unmet: tuple[Gap, ...]
    notes: tuple[str, ...]


class Entry(NamedTuple):
    """One assessed enterprise: the engine's figures, kept as plain values (a batch holds thousands)."""

    name: str
    credit_code: str | None
    as_of: dt.date
    interpretation: str
    total_ceiling_yuan: int
    review_potential_yuan: int
    item_totals: tuple[tuple[str, int, int, int | None, int], ...]  # (item, year, sum, yearly cap, total)
    items: tuple[ItemRow, ...]


def entry_of(a: Assessment, credit_code: str | None, shared: dict[Any, Any] | None = None) -> Entry:
    """Keep what the batch tables and the dashboard show of an assessment (nothing recomputed).

    ``shared`` maps equal texts and values to one object, so the many repeated notes and messages
    of a batch are held (and pickled) once. (Item ids, statuses, kinds, codes and comparisons are
    the engine's literals, one object each already.)
    """
    one = (shared if shared is not None else {}).setdefault
    return Entry(
        a.enterprise, credit_code, a.as_of, a.interpretation, a.total_ceiling_yuan, a.review_potential_yuan,
        tuple([(t.item, t.year, t.sum_yuan, t.yearly_cap_yuan, t.total_yuan) for t in a.item_totals]),
        tuple([ItemRow(r.item, r.subject, r.year, r.status, r.kind, r.ceiling_yuan, r.cap_yuan, r.uncapped_yuan,
                       r.yearly_cap_yuan,
                       tuple([Gap(u.code, one(u.message, u.message), one(u.actual_value, u.actual_value),
                                  one(u.required_value, u.required_value), u.comparison) for u in r.unmet])
                       if r.unmet else (),
                       tuple([one(n, n) for n in r.notes])) for r in a.items]),
    )


@dataclass
class BatchResult:
    entries: list[Entry]
    problems: list[BatchProblem]
    enterprises_read: int
    lang: str = "zh"
    synthetic: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def invalid(self) -> int:
        return self.enterprises_read - len(self.entries)

