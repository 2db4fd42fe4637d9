"""The consultation as an Excel workbook: summary, results, totals, inputs and citations, one sheet each.

Every text cell passes through :func:`~reports.common.neutralise`, so no cell is ever a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from calculators.content import citation, item_name, parameter_files
from calculators.models import Assessment, Profile

from .common import (
    claim_lines,
    clause_ref,
    count_statuses,
    input_rows,
    policy_dates,
    reasons,
    status_label,
    text,
    total_text,
)
from .sheets import new_workbook, to_bytes, write_sheet


def result_header(lang: str) -> list[str]:
    return [text(k, lang) for k in (
        "col_item", "col_name", "col_subject", "col_year", "col_status", "col_ceiling_yuan", "col_cap_yuan",
        "col_uncapped_yuan", "col_base_yuan", "col_rate", "col_yearly_cap_yuan", "col_other_support_yuan",
        "col_unmet", "col_notes", "col_clause")]


def result_rows(a: Assessment, lang: str, prefix: Sequence[Any] = ()) -> Iterable[list[Any]]:
    """One row per item and subject, as the engine returned it (``prefix`` cells go first)."""
    for r in a.items:
        unmet = "\n".join(u.message for u in r.unmet)
        notes = "\n".join(x for x in reasons(r, lang) if not x.startswith(text("unmet_prefix", lang)))
        yield [
            *prefix, r.item, item_name(r.item, lang), r.subject or "", r.year, status_label(r.status, lang),
            r.ceiling_yuan, r.cap_yuan, r.uncapped_yuan, r.base_yuan, r.rate, r.yearly_cap_yuan,
            r.other_support_yuan, unmet, notes, clause_ref(r.item, lang),
        ]


def _with_unit(label: str, lang: str) -> str:
    """"合计最高可达（元）" / "Total, up to (yuan)": each language's own brackets."""
    unit = text("col_money_unit", lang)
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def summary_rows(a: Assessment, profile: Profile | None, lang: str) -> list[tuple[str, Any]]:
    number, title, start, end = policy_dates(a.as_of)
    counts = count_statuses(a)
    rows: list[tuple[str, Any]] = [
        (text("policy", lang), text("policy_title", lang, title=title, number=number)),
        (text("enterprise", lang), a.enterprise),
    ]
    if profile is not None and profile.enterprise.credit_code:
        rows.append((text("credit_code", lang), profile.enterprise.credit_code))
    rows += [
        (text("as_of", lang), a.as_of.isoformat()),
        (text("in_force", lang), text("in_force_yes" if a.in_force else "in_force_no", lang, start=start, end=end)),
        (text("reading", lang), text(f"reading_{a.interpretation}", lang)),
        (_with_unit(text("total", lang), lang), a.total_ceiling_yuan),
        (text("total", lang), total_text(a.total_ceiling_yuan, lang)),
        (_with_unit(text("review_potential", lang), lang), a.review_potential_yuan),
        (text("summary", lang), text("counts", lang, **counts)),
        *((text("claims_heading", lang), line) for line in claim_lines(a, lang)),
        *((text("notes_heading", lang), n) for n in a.notes),
        (text("disclaimer_heading", lang), text("disclaimer", lang)),
    ]
    return rows


def build_xlsx(assessment: Assessment, profile: Profile | None, lang: str = "zh") -> bytes:
    """Return the consultation as an XLSX workbook (bytes)."""
    a = assessment
    wb = new_workbook()
    write_sheet(wb, text("sheet_summary", lang), [text("field_label", lang), text("field_value", lang)],
                summary_rows(a, profile, lang), widths=[26, 100])
    write_sheet(wb, text("sheet_results", lang), result_header(lang), result_rows(a, lang),
                widths=[6, 26, 22, 7, 14, 14, 14, 14, 14, 8, 16, 16, 50, 50, 8])
    write_sheet(
        wb, text("sheet_totals", lang),
        [text(k, lang) for k in ("col_item", "col_name", "col_year", "col_sum_yuan", "col_yearly_cap_yuan",
                                 "col_total_yuan")],
        ([t.item, item_name(t.item, lang), t.year, t.sum_yuan, t.yearly_cap_yuan, t.total_yuan]
         for t in a.item_totals),
        widths=[6, 26, 7, 16, 18, 16],
    )
    if profile is not None:
        write_sheet(wb, text("sheet_inputs", lang),
                    [text(k, lang) for k in ("col_section", "col_index", "col_field", "col_value", "col_unit")],
                    input_rows(profile, lang), widths=[16, 6, 32, 30, 8])
    from .common import citation_rows

    write_sheet(wb, text("sheet_citations", lang),
                [text(k, lang) for k in ("col_item", "col_name", "col_article", "col_text")],
                citation_rows(a, lang), widths=[6, 26, 8, 120])
    write_sheet(wb, text("sheet_parameters", lang),
                [text(k, lang) for k in ("col_parameter", "col_description", "col_value", "col_article",
                                         "col_reference")],
                _parameter_rows(a), widths=[40, 40, 20, 14, 100])
    return to_bytes(wb)


def _parameter_rows(a: Assessment) -> Iterable[list[Any]]:
    from calculators.content import parameters_on

    p = parameters_on(a.as_of)
    for stem, params in parameter_files().items():
        for name, spec in params.items():
            value = p.get(stem, name)
            if isinstance(value, dict):
                value = "、".join(v.get("zh", str(k)) if isinstance(v, dict) else str(v) for k, v in value.items())
            elif isinstance(value, list):
                value = "、".join(str(v) for v in value)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            cite = citation(stem, name)
            yield [f"{stem}.{name}", spec.get("description", ""), value, cite["article"], cite["reference"]]
