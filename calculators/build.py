"""Shared pieces of every article: a check's outcome and an item's result built from its checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from .content import Parameters, comparison, entry, message, passes
from .models import Check, ItemResult, Kind

# Items whose text sets a yearly cap per enterprise, and the parameter that holds it (附则1; see stacking.py).
YEARLY_CAPS: dict[str, tuple[str, str]] = {
    "2.2": ("article2_projects", "shortlisted_yearly_cap_yuan"),
    "2.3": ("article2_projects", "platform_yearly_cap_yuan"),
    "3.2": ("article3_works", "adaptation_yearly_cap_yuan"),
    "6": ("article6_venues", "venue_yearly_cap_yuan"),
}


def _output(cls, values: dict):
    """An output model (Check, ItemResult) from the values the engine has just computed.

    Plain validation, pydantic's public way: measured at 1.5 µs a Check against 3.3 µs for
    ``model_construct`` (which builds its fields-set and defaults in Python), so it costs the engine
    little. Nested models already built (an ItemResult's checks) are taken as they are, not validated
    again (pydantic's default ``revalidate_instances="never"``). tests/engine/test_trusted.py checks that
    every output equals the validated model of its own dump.
    """
    return cls.model_validate(values)


@dataclass(frozen=True)
class Context:
    """What every article needs besides its own section: the date, the parameters, the gates."""

    as_of: dt.date
    params: Parameters
    lang: str
    gates: tuple[Check, ...]

    def p(self, stem: str, name: str):
        return self.params.get(stem, name)

    @cached_property
    def failed_gates(self) -> list[Check]:
        """The 附则 gates that do not hold: every item carries them as unmet checks."""
        return [g for g in self.gates if not g.passed]

    @cached_property
    def review_note(self) -> str:
        return self.note("review_by_bureau")

    @cached_property
    def yearly_caps(self) -> dict[str, int]:
        """The yearly cap per enterprise of each item that has one."""
        return {item: int(self.p(*ref)) for item, ref in YEARLY_CAPS.items()}

    def msg(self, code: str, **values) -> str:
        return message("checks", code, self.lang, **values)

    def note(self, code: str, **values) -> str:
        return message("notes", code, self.lang, **values)

    def year_of(self, given: int | None, event: str | None = None, date: dt.date | None = None) -> Year:
        """The year an item counts in (RULES.md §6.2), and why.

        A given ``year`` stands (validation has refused one before its qualifying date's year or
        after ``as_of``'s); else a dated qualifying event's year; else the year of ``as_of``.
        """
        if given is not None:
            return Year(given, "given", self.note("year_given", year=given))
        if event is not None and date is not None:
            ev = entry(f"engine.events.{event}")
            return Year(date.year, "event", self.note(
                "year_event", year=date.year, event=ev.get(self.lang) or ev["zh"], date=date.isoformat()))
        return Year(self.as_of.year, "as_of", self.note("year_as_of", year=self.as_of.year,
                                                        as_of=self.as_of.isoformat()))


@dataclass(frozen=True)
class Year:
    """The year an item counts in for the yearly caps, with the basis and a sentence saying why."""

    year: int
    basis: str
    note: str


def check(
    ctx: Context,
    passed: bool,
    met: str,
    unmet: str,
    *,
    actual: str | None = None,
    required: str | None = None,
    actual_value: Decimal | int | None = None,
    required_value: Decimal | int | None = None,
    comparison: str | None = None,
    parameter: str | None = None,
    **values,
) -> Check:
    """Return a check's outcome with the message for its side of the line."""
    code = met if passed else unmet
    return _output(Check, {
        "code": code,
        "passed": bool(passed),
        "message": ctx.msg(code, actual=actual, required=required, **values),
        "actual": actual,
        "required": required,
        "actual_value": None if actual_value is None else Decimal(actual_value),
        "required_value": None if required_value is None else Decimal(required_value),
        "comparison": comparison,
        "parameter": parameter,
    })


def review_check(ctx: Context, code: str, **values) -> Check:
    """A condition the text leaves to the bureau: neither met nor unmet."""
    return Check(
        code=code, passed=False, message=ctx.msg(code, **values), actual=None, required=None,
        actual_value=None, required_value=None, comparison="review", parameter=None,
    )


def is_review(c: Check) -> bool:
    return c.comparison == "review"


def new_event_check(ctx: Context, event: str, date: dt.date | None) -> Check:
    """新获得 / 新入围 / 新获…认定: the event falls on or after the policy took effect."""
    start = ctx.p("general", "effective_from")
    ev = entry(f"engine.events.{event}")
    name = ev.get(ctx.lang) or ev["zh"]
    if date is None:
        return Check(
            code="is_new_undated",
            passed=True,
            message=ctx.msg("is_new_undated", event=name),
            actual=None,
            required=start.isoformat(),
            actual_value=None,
            required_value=None,
            comparison=comparison("general.effective_from"),
            parameter="general.effective_from",
        )
    return check(
        ctx,
        passes("general.effective_from", date, start),
        "is_new",
        "not_new",
        actual=date.isoformat(),
        required=start.isoformat(),
        comparison=comparison("general.effective_from"),
        parameter="general.effective_from",
        event=name,
        verb=ev.get("verb_zh", ""),
    )


def make_item(
    ctx: Context,
    item: str,
    subject: str | None,
    year: Year,
    checks: list[Check],
    *,
    kind: Kind = "ceiling",
    ceiling: int | None,
    cap: Decimal | int | None,
    uncapped: int | None = None,
    base: Decimal | None = None,
    rate: Decimal | None = None,
    notes: list[str] | None = None,
) -> ItemResult:
    """Combine an item's checks with the 附则 gates into its status and ceiling.

    Any unmet check or failed gate makes the item ineligible (ceiling 0); a condition left to review
    makes it ``review`` with the ceiling it would have; otherwise it is eligible.
    """
    all_checks = ctx.failed_gates + checks
    unmet = []
    in_review = False
    for c in all_checks:
        if not c.passed:
            if c.comparison == "review":
                in_review = True
            else:
                unmet.append(c)
    status = "ineligible" if unmet else "review" if in_review else "eligible"
    notes = list(notes) if notes else []
    if kind == "ceiling" and status != "ineligible":
        notes.insert(0, ctx.review_note)
    for c in checks:
        if c.code == "is_new_undated":
            # RULES.md §2: an undated "new" event is taken as new, and the item says so.
            notes.append(ctx.note("undated_event"))
            break
    if ceiling is not None and status == "ineligible":
        ceiling = 0
    return _output(ItemResult, {
        "item": item,
        "article": int(item.partition(".")[0]),
        "subject": subject,
        "year": year.year,
        "status": status,
        "kind": kind,
        "ceiling_yuan": ceiling,
        "cap_yuan": None if cap is None else int(cap),
        "uncapped_yuan": uncapped,
        "base_yuan": base,
        "rate": rate,
        "yearly_cap_yuan": ctx.yearly_caps.get(item),
        "checks": all_checks,
        "unmet": unmet,
        "notes": notes,
        "year_basis": year.basis,
        "year_note": year.note,
        "other_support_yuan": None,
    })

