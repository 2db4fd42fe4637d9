"""The policy's lines, compared as its parameter files say: ``超过`` strict, ``以上``/``不低于``/``满`` inclusive.

Each threshold parameter in ``content/parameters/*.yaml`` states its ``comparison`` (``">"``, ``">="``,
``"<="``, ``"<"``); :func:`threshold` and :func:`either` read it there, compare exactly (Decimal or
int, a ratio as ``numerator OP line × denominator`` so no division rounds across a line), and write
the check's reason with the figures formatted by the parameter's ``unit``. A predicate names its
parameter once and its value once:

    threshold(ctx, "article6_venues.min_positive_media_reports", v.positive_media_reports,
              "media_met", "media_below")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .build import Context, check
from .content import comparison, parameter_files, passes
from .models import Check
from .money import fmt_number, fmt_pct, fmt_points, fmt_wan


def unit(key: str) -> str:
    stem, name = key.split(".")
    return parameter_files()[stem][name]["unit"]


def line_of(ctx: Context, key: str) -> Any:
    stem, name = key.split(".")
    return ctx.p(stem, name)


def meets(ctx: Context, key: str, actual: Any) -> bool:
    """Whether ``actual`` meets the line ``key`` in force for ``ctx``."""
    return passes(key, actual, line_of(ctx, key))


def _formats(key: str) -> tuple[Callable[[Any], str], Callable[[Any], str]]:
    """(figure, gap) formats for the parameter's unit: a ratio as a percentage and its gap in points."""
    if unit(key) == "ratio":
        return fmt_pct, fmt_points
    if unit(key) == "元":  # amounts in 万元, as on the cards and in the reports
        return fmt_wan, fmt_wan
    return fmt_number, fmt_number


@dataclass(frozen=True)
class Line:
    """One line of a check: the parameter ``key`` (``stem.name``), the applicant's figure, and the
    message code when it is met. ``per`` makes ``actual`` a numerator: the figure compared is
    ``actual / per`` (a share, a growth), tested as ``actual OP line × per``, exactly."""

    key: str
    actual: Decimal | int
    met: str
    per: Decimal | int | None = None


@dataclass(frozen=True)
class _Outcome:
    passed: bool
    on_line: bool
    figure: Decimal
    line: Decimal
    values: dict[str, Any]


def _measure(ctx: Context, ln: Line) -> _Outcome:
    line = Decimal(line_of(ctx, ln.key))
    actual = Decimal(ln.actual)
    scaled_line = line if ln.per is None else line * Decimal(ln.per)
    passed = passes(ln.key, actual, scaled_line)
    figure = actual if ln.per is None else actual / Decimal(ln.per)
    show, show_gap = _formats(ln.key)
    values = {
        "actual": show(figure),
        "required": show(line),
        "gap": show_gap(max(line - figure, Decimal(0))),
    }
    return _Outcome(passed, actual == scaled_line, figure, line, values)


def _check(ctx: Context, ln: Line, o: _Outcome, passed: bool, code_met: str, code_unmet: str, **values) -> Check:
    return check(
        ctx, passed, code_met, code_unmet,
        actual=o.values["actual"], required=o.values["required"],
        actual_value=o.figure, required_value=o.line,
        comparison=comparison(ln.key), parameter=ln.key,
        **{"gap": o.values["gap"], **values},
    )


def threshold(
    ctx: Context,
    key: str,
    actual: Decimal | int,
    met: str,
    unmet: str,
    *,
    per: Decimal | int | None = None,
    at_line: str | None = None,
) -> Check:
    """The check of one line: ``actual`` (or ``actual / per``) against the parameter ``key``.

    The message ``met`` or ``unmet`` gets ``actual``, ``required`` and ``gap`` (how far below the
    line, never negative). ``at_line`` is the message for a figure exactly on a strict (超过) line.
    """
    ln = Line(key, actual, met, per)
    o = _measure(ctx, ln)
    unmet_code = at_line if (at_line and o.on_line and not o.passed) else unmet
    return _check(ctx, ln, o, o.passed, met, unmet_code)


def either(ctx: Context, unmet: str, **lines: Line) -> Check:
    """An either-or condition (…或…): met by the first line met, in the order given; otherwise
    ``unmet``, whose message gets each line's figures suffixed by its name (``actual_count``,
    ``required_area``, ``gap_count``…). The check reports the first line's figures when none is met."""
    measured = {name: (ln, _measure(ctx, ln)) for name, ln in lines.items()}
    for ln, o in measured.values():
        if o.passed:
            return _check(ctx, ln, o, True, ln.met, unmet)
    every = {f"{field}_{name}": text for name, (_, o) in measured.items() for field, text in o.values.items()}
    first, o = next(iter(measured.values()))
    return _check(ctx, first, o, False, first.met, unmet, **every)
