"""The batch's workbooks and tables: the results (summary, enterprises, items and subjects, problems),
profiles written in the template's shape (the demo portfolio, the benchmark, tests) and the blank
template with its drop-down lists. Pure functions of :mod:`batch`'s results (never imports streamlit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from batch.entries import BatchResult
from batch.pool import gc_paused
from batch.schema import (
    EXAMPLE_CREDIT_CODE,
    KEY_CODE,
    KEY_NAME,
    SECTION_KEYS,
    SPEC,
    columns,
    sheet_name,
    text,
    texts,
)
from calculators.content import display_value, item_name, listing, parameters_on
from calculators.explain import STATUS
from calculators.stacking import ITEM_ORDER

from .common import text as _rt  # the exports' texts (reports.*); ``text`` here is the batch's
from .sheets import DataSheet, data_book, new_workbook, to_bytes, write_lines, write_sheet

# ---- results as tables -------------------------------------------------------------------------

def enterprise_table(result: BatchResult, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """One row per enterprise: total, review potential, each item's counted ceiling, status counts."""
    lang = lang or result.lang
    statuses = ("eligible", "ineligible", "review", "superseded")
    header = [text("key", "name", lang), text("key", "credit_code", lang), _rt("as_of", lang), _rt("reading", lang),
              _rt("total", lang) + ("（元）" if lang == "zh" else " (yuan)"),
              _rt("review_potential", lang) + ("（元）" if lang == "zh" else " (yuan)")]
    header += [f"{i} {item_name(i, lang)}" + ("（元）" if lang == "zh" else " (yuan)") for i in ITEM_ORDER]
    header += [STATUS[lang][s] + ("（项）" if lang == "zh" else " (items)") for s in statuses]
    rows = []
    readings = {k: _rt(f"reading_name_{k}", lang) for k in ("default", "strict")}
    for e in result.entries:
        per_item = dict.fromkeys(ITEM_ORDER, 0)
        for item, _year, _sum, _cap, total in e.item_totals:
            per_item[item] += total
        counts = dict.fromkeys(statuses, 0)
        for r in e.items:
            counts[r.status] += 1
        rows.append([e.name, e.credit_code or "", e.as_of.isoformat(), readings[e.interpretation],
                     e.total_ceiling_yuan, e.review_potential_yuan, *per_item.values(), *counts.values()])
    return header, rows


def item_table(result: BatchResult, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """One row per item and subject of every enterprise, as the engine returned it."""
    lang = lang or result.lang
    header = [text("key", "name", lang), text("key", "credit_code", lang)] + [_rt(k, lang) for k in (
        "col_item", "col_name", "col_subject", "col_year", "col_status", "col_ceiling_yuan", "col_cap_yuan",
        "col_yearly_cap_yuan", "col_unmet", "col_notes")]
    names = {i: item_name(i, lang) for i in ITEM_ORDER}
    status = STATUS[lang]
    rows = []
    for e in result.entries:
        for r in e.items:
            rows.append([e.name, e.credit_code or "", r.item, names[r.item], r.subject or "", r.year,
                         status[r.status], r.ceiling_yuan, r.cap_yuan, r.yearly_cap_yuan,
                         "\n".join(u.message for u in r.unmet), "\n".join(r.notes)])
    return header, rows


def problem_table(result: BatchResult, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    lang = lang or result.lang
    header = [texts()["problem_columns"][k][lang] for k in ("sheet", "cell", "row", "column", "enterprise",
                                                             "message")]
    rows = [[p.sheet, p.cell, p.row, p.column, p.enterprise, p.message] for p in result.problems]
    return header, rows


def results_xlsx(result: BatchResult, lang: str | None = None) -> bytes:
    """The batch results as a workbook: summary, enterprises, items and subjects, problems (written with
    the garbage collector paused: a million cells, batch.pool.gc_paused)."""
    with gc_paused():
        return _results_xlsx(result, lang)


def _results_xlsx(result: BatchResult, lang: str | None) -> bytes:
    lang = lang or result.lang
    lead = [texts()["synthetic_banner"][lang]] if result.synthetic else []
    total = sum(e.total_ceiling_yuan for e in result.entries)
    review = sum(e.review_potential_yuan for e in result.entries)
    s = texts()["summary"]
    summary = [
        (s["enterprises_read"][lang], result.enterprises_read),
        (s["assessed"][lang], len(result.entries)),
        (s["invalid"][lang], result.invalid),
        (s["problems"][lang], len(result.problems)),
        (s["total"][lang], total),
        (s["review"][lang], review),
        (s["disclaimer"][lang], _rt("disclaimer", lang)),
    ]
    enterprises, items, problems = enterprise_table(result, lang), item_table(result, lang), problem_table(result, lang)
    return data_book([
        DataSheet(s["sheet"][lang], [s["what"][lang], s["value"][lang]], summary, [30, 100], lead),
        DataSheet(s["sheet_enterprises"][lang], *enterprises, [30, 22, 12, 10] + [16] * (len(enterprises[0]) - 4),
                  lead),
        DataSheet(s["sheet_items"][lang], *items, [30, 22, 6, 26, 22, 7, 14, 14, 14, 16, 50, 50], lead),
        DataSheet(s["sheet_problems"][lang], *problems, [14, 8, 6, 30, 30, 80], lead),
    ])


# ---- the template and writing profiles in its shape ---------------------------------------------

def _display(kind: str, value: Any, lang: str, as_of: dt.date) -> Any:
    """A profile value as a template cell: the choices in words the reader takes back (batch.yaml's
    values: 入围, not the display's 入围评审), an empty cell for nothing; the rest (是/否, dates,
    whole numbers) as :func:`calculators.content.display_value` shows every input."""
    if value is None:
        return None
    if kind == "fund":
        return {code: words[0] for code, words in texts()["values"]["fund"].items()}[value] if lang == "zh" else value
    if kind == "platforms":
        names = parameters_on(as_of).get("article2_projects", "major_platforms")
        other = texts()["values"]["platform_other"][0] if lang == "zh" else "other"
        labels = [names[c][lang] if c in names else other for c in value]
        return listing(labels, lang)
    if kind == "interpretation":
        return texts()["values"]["interpretation"][value][0] if lang == "zh" else value
    if isinstance(value, float):
        return Decimal(repr(value))
    return display_value(kind, value, as_of, lang)


def profile_rows(profiles: Iterable[dict[str, Any]], lang: str = "zh") -> dict[str, list[list[Any]]]:
    """Profile dicts (RULES.md §5) as the template's rows, one list of rows per section."""
    out: dict[str, list[list[Any]]] = {s: [] for s in SECTION_KEYS}
    cols = {s: columns(s) for s in SECTION_KEYS}  # only the fields and kinds, the same in both languages
    for p in profiles:
        as_of = p.get("as_of")
        as_of_d = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else (as_of or dt.date.today())
        ent = p["enterprise"]
        key = [ent.get("name"), ent.get("credit_code")]
        row = []
        for fld, kind, _h in cols["enterprise"]:
            v = p.get(fld) if fld in ("as_of", "interpretation") else ent.get(fld)
            row.append(_display(kind, v, lang, as_of_d))
        out["enterprise"].append(row)
        for section in SECTION_KEYS[1:]:
            many, _f = SPEC[section]
            value = p.get(section)
            entries = (value or []) if many else ([value] if value else [])
            for entry in entries:
                if section == "transformation_projects" and "project_investment_yuan" not in entry:
                    # an older profile's one amount stands for the project's total (RULES.md §6.4)
                    entry = {**entry, "project_investment_yuan": entry.get("investment_yuan")}
                row = []
                for fld, kind, _h in cols[section]:
                    if fld == KEY_NAME:
                        row.append(key[0])
                    elif fld == KEY_CODE:
                        row.append(key[1])
                    else:
                        row.append(_display(kind, entry.get(fld), lang, as_of_d))
                out[section].append(row)
    return out


def profiles_workbook(profiles: Iterable[dict[str, Any]], lang: str = "zh", banner: str | None = None) -> bytes:
    """Write profile dicts as a filled template workbook (the demo portfolio, the benchmark, tests)."""
    return _template_book(profile_rows(profiles, lang), lang, banner)


def _template_book(rows: dict[str, list[list[Any]]], lang: str, banner: str | None = None,
                   lists: bool = False) -> bytes:
    """The read-me sheet, then a sheet per section with ``rows``; with ``lists``, drop-down lists on the
    yes/no, fund and reading columns down to row TEMPLATE_ROWS."""
    wb = new_workbook()
    write_lines(wb, sheet_name("readme", lang), ([banner] if banner else []) + list(texts()["readme"][lang]), 120)
    for section in SECTION_KEYS:
        cols = columns(section, lang)
        choices = {i: c for i, (_f, kind, _h) in enumerate(cols) if (c := _choices(kind, lang))} if lists else None
        write_sheet(wb, sheet_name(section, lang), [h for _f, _k, h in cols], rows[section],
                    widths=[max(12, min(40, len(h) * (2 if lang == "zh" else 1))) for _f, _k, h in cols],
                    lists=choices, list_rows=TEMPLATE_ROWS)
    return to_bytes(wb)


def example_profile(lang: str = "zh") -> dict[str, Any]:
    """The template's example enterprise: one row on every sheet, from the shipped example profiles."""
    import json

    from calculators.content import CONTENT_DIR

    def first(file: str, section: str) -> Any:
        data = json.loads((CONTENT_DIR / "examples" / file).read_text(encoding="utf-8"), parse_float=Decimal)
        value = data.get(section)
        return value[:1] if isinstance(value, list) else value

    prefix = texts()["example_prefix"][lang]
    return {
        "as_of": None,
        "interpretation": "default",
        "enterprise": {"name": prefix + "春申短剧影业有限公司", "credit_code": EXAMPLE_CREDIT_CODE,
                       "registered_in_minhang": True, "false_materials": False,
                       "unrepaired_negative_credit": False},
        "carrier": first("park_operator.json", "carrier"),
        "projects": first("drama_studio.json", "projects"),
        "tech_platforms": first("tech_firm.json", "tech_platforms"),
        "transformation_projects": first("tech_firm.json", "transformation_projects"),
        "rnd": first("tech_firm.json", "rnd"),
        "venues": first("venue_operator.json", "venues"),
        "talent": first("drama_studio.json", "talent"),
        "training": first("tech_firm.json", "training"),
    }


# Rows of the template that carry a drop-down list (a district list rarely passes this).
TEMPLATE_ROWS = 5000


def _choices(kind: str, lang: str) -> list[str] | None:
    v = texts()["values"]
    if kind == "bool":
        return [_rt(w, lang) for w in ("yes", "no")]
    if kind == "tristate":
        return [_rt(w, lang) for w in ("yes", "no")] + [v["unknown"][0 if lang == "zh" else 1]]
    if kind in ("fund", "interpretation"):
        return [words[0] if lang == "zh" else code for code, words in v[kind].items()]
    return None


def template_xlsx(lang: str = "zh") -> bytes:
    """The blank template: a sheet per section, headers with units, one example row (skipped on reading),
    and drop-down lists on the yes/no, fund and reading columns."""
    return _template_book(profile_rows([example_profile(lang)], lang), lang, lists=True)
