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
from functools import cache
from typing import Any

from .build import Context, check
from .content import comparison, parameter_files, passes
from .models import Check
from .money import fmt_number, fmt_pct, fmt_points, fmt_wan


@cache
def _units() -> dict[str, str]:
    return {f"{stem}.{name}": spec["unit"] for stem, params in parameter_files().items() for name, spec in params.items()}


def unit(key: str) -> str:
    """The ``unit:`` the parameter ``key`` states (``ratio``, ``元``, ``家``…)."""
    return _units()[key]


def line_of(ctx: Context, key: str) -> Any:
    stem, name = key.split(".")
    return ctx.p(stem, name)


def meets(ctx: Context, key: str, actual: Any) -> bool:
    """Whether ``actual`` meets the line ``key`` in force for ``ctx``."""
    return passes(key, actual, line_of(ctx, key))


# Each unit's (figure, gap) formats: a ratio as a percentage and its gap in points, an amount in 万元 (as
# on the cards and in the reports); anything else is a number.
_FORMATS: dict[str, tuple[Callable[[Any], str], Callable[[Any], str]]] = {
    "ratio": (fmt_pct, fmt_points), "元": (fmt_wan, fmt_wan)}


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


def _measure(ctx: Context, ln: Line) -> _Outcome:
    line = Decimal(line_of(ctx, ln.key))
    actual = Decimal(ln.actual)
    scaled_line = line if ln.per is None else line * Decimal(ln.per)
    figure = actual if ln.per is None else actual / Decimal(ln.per)
    return _Outcome(passes(ln.key, actual, scaled_line), actual == scaled_line, figure, line)


def _values(ln: Line, o: _Outcome) -> dict[str, str]:
    """The figures a message shows: the applicant's and the line's, and for a line not met how far below
    it the applicant is."""
    show, show_gap = _FORMATS.get(unit(ln.key), (fmt_number, fmt_number))
    shown = {"actual": show(o.figure), "required": show(o.line)}
    if not o.passed:
        shown["gap"] = show_gap(max(o.line - o.figure, Decimal(0)))
    return shown


def _check(ctx: Context, ln: Line, o: _Outcome, code_met: str, code_unmet: str,
           shown: dict[str, str] | None = None, **values) -> Check:
    shown = shown or _values(ln, o)
    return check(
        ctx, o.passed, code_met, code_unmet,
        actual_value=o.figure, required_value=o.line, comparison=comparison(ln.key), parameter=ln.key,
        **shown, **values,
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
    return _check(ctx, ln, o, met, unmet_code)


def either(ctx: Context, unmet: str, **lines: Line) -> Check:
    """An either-or condition (…或…): met by the first line met, in the order given; otherwise
    ``unmet``, whose message gets each line's figures suffixed by its name (``actual_count``,
    ``required_area``, ``gap_count``…). The check reports the first line's figures when none is met."""
    measured = {}
    for name, ln in lines.items():
        o = _measure(ctx, ln)
        if o.passed:
            return _check(ctx, ln, o, ln.met, unmet)
        measured[name] = (ln, o, _values(ln, o))
    every = {f"{field}_{name}": text for name, (_, _, shown) in measured.items() for field, text in shown.items()}
    first, o, shown = next(iter(measured.values()))
    return _check(ctx, first, o, first.met, unmet, shown, **every)
