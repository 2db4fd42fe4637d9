"""The comparison of a reform as tables (for the page, the workbook and the brief): plain values, yuan exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from batch.whatif import Comparison
from calculators.content import item_name, parameter_files, parameters_on, text
from calculators.reform import Reform, parameter_label, unit_label

from .common import text as report_text
from .sheets import new_workbook, to_bytes, write_sheet


def tt(key: str, lang: str) -> str:
    return text(f"reform.tables.{key}", lang)


def unit_name(unit: str, lang: str) -> str:
    return unit_label(unit, lang)


def show_value(value: Any, unit: str) -> str:
    """A parameter's value as people write it: 25%, 3,000,000, 2029-03-13."""
    if isinstance(value, dt.date):
        return value.isoformat()
    d = Decimal(str(value))
    if unit == "ratio":
        return f"{(d * 100).normalize():f}%"
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def reading_text(reform: Reform, lang: str) -> str:
    return tt(f"reading_{reform.interpretation or 'unchanged'}", lang)


def changes_table(reform: Reform, lang: str, on: dt.date | None = None) -> tuple[list[str], list[list[Any]]]:
    """One row per change: the parameter, its article and sentence, today's value and the new one."""
    header = [tt(k, lang) for k in ("col_parameter", "col_article", "col_reference", "col_today", "col_new",
                                    "col_unit", "col_since", "col_note")]
    rows = []
    for c in reform.changes:
        spec = parameter_files()[c.stem][c.name]
        today = parameters_on(on or c.since).get(c.stem, c.name)
        rows.append([parameter_label(c.stem, c.name, lang), spec["article"], spec["reference"],
                     show_value(today, spec["unit"]), show_value(c.value, spec["unit"]),
                     unit_name(spec["unit"], lang), c.since.isoformat(), c.note])
    return header, rows


def summary_rows(c: Comparison, lang: str) -> list[tuple[str, Any]]:
    return [
        (tt("enterprises", lang), len(c.rows)),
        (tt("reassessed", lang), c.reassessed),
        (tt("reading", lang), reading_text(c.reform, lang)),
        (tt("total_before", lang), c.total_before),
        (tt("total_after", lang), c.total_after),
        (tt("change", lang), c.change),
        (tt("review_before", lang), c.review_before),
        (tt("review_after", lang), c.review_after),
        (tt("gainers", lang), len(c.gainers)),
        (tt("losers", lang), len(c.losers)),
        (tt("crossers", lang), len(c.crossers)),
        (tt("gained_an_item", lang), sum(1 for r in c.rows if r.gained)),
        (tt("lost_an_item", lang), sum(1 for r in c.rows if r.lost)),
    ]


def item_rows(c: Comparison, lang: str) -> tuple[list[str], list[list[Any]]]:
    header = [tt(k, lang) for k in ("col_item", "col_before", "col_after", "col_change")]
    return header, [[f"{i} {item_name(i, lang)}", b, a, a - b] for i, b, a in c.by_item]


def year_rows(c: Comparison, lang: str) -> tuple[list[str], list[list[Any]]]:
    header = [tt(k, lang) for k in ("col_year", "col_before", "col_after", "col_change")]
    return header, [[y, b, a, a - b] for y, b, a in c.by_year]


def enterprise_rows(c: Comparison, lang: str, rows=None) -> tuple[list[str], list[list[Any]]]:
    header = [tt(k, lang) for k in ("col_name", "col_code", "col_before", "col_after", "col_change", "col_gained",
                                    "col_lost", "col_crossed")]
    yes, no = tt("yes", lang), tt("no", lang)
    return header, [[r.name, r.credit_code or "", r.before_yuan, r.after_yuan, r.change_yuan, "、".join(r.gained),
                     "、".join(r.lost), yes if r.crossed else no] for r in (c.rows if rows is None else rows)]


def comparison_workbook(c: Comparison, lang: str = "zh") -> bytes:
    """Summary, the changes with their citations, spend by item and by year, every enterprise."""
    wb = new_workbook()
    lead = [tt("synthetic", lang)] if c.synthetic else []
    summary = [*summary_rows(c, lang), (report_text("disclaimer_heading", lang), tt("disclaimer", lang))]
    write_sheet(wb, tt("sheet_summary", lang), [tt("what", lang), tt("value", lang)], summary, widths=[40, 60],
                lead=lead)
    h, rows = changes_table(c.reform, lang)
    write_sheet(wb, tt("sheet_changes", lang), h, rows, widths=[30, 12, 60, 14, 14, 10, 12, 30])
    h, rows = item_rows(c, lang)
    write_sheet(wb, tt("sheet_items", lang), h, rows, widths=[34, 18, 18, 18], lead=lead)
    h, rows = year_rows(c, lang)
    write_sheet(wb, tt("sheet_years", lang), h, rows, widths=[10, 18, 18, 18], lead=lead)
    h, rows = enterprise_rows(c, lang)
    write_sheet(wb, tt("sheet_enterprises", lang), h, rows, widths=[30, 22, 16, 16, 16, 20, 20, 10], lead=lead)
    return to_bytes(wb)
