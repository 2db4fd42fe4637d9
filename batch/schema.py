"""The batch template's shape: one sheet per section of the profile (RULES.md §5), its columns and their
headers in both languages, and where a problem sits (:class:`BatchProblem`).

Every row on a section sheet is tied to its enterprise by 企业名称 or 统一社会信用代码.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from calculators import content
from calculators.content import field_label, load_yaml

# Each section of the profile: (key, many rows per enterprise?, [(field, kind)]).
OTHER = ("other_minhang_support_yuan", "number")  # RULES.md §6.6, on every subject's sheet
SECTIONS: tuple[tuple[str, bool, tuple[tuple[str, str], ...]], ...] = (
    ("enterprise", False, (
        ("name", "text"), ("credit_code", "code"), ("registered_in_minhang", "tristate"),
        ("false_materials", "bool"), ("unrepaired_negative_credit", "bool"), ("as_of", "as_of"),
        ("interpretation", "interpretation"))),
    ("carrier", False, (
        ("name", "text"), ("year", "year"), ("related_enterprises", "int"), ("total_enterprises", "int"),
        ("independent_area_sqm", "number"), ("revenue_last_year_yuan", "number"),
        ("revenue_this_year_yuan", "number"), OTHER)),
    ("projects", True, (
        ("name", "text"), ("year", "year"), ("municipal_fund", "fund"), ("municipal_fund_date", "date"),
        ("platforms", "platforms"), ("local_culture_minutes", "number"), ("adaptation_first_filing", "bool"),
        OTHER)),
    ("tech_platforms", True, (
        ("name", "text"), ("year", "year"), ("national", "bool"), ("municipal", "bool"),
        ("recognised_on", "date"), ("investment_yuan", "number"), OTHER)),
    ("transformation_projects", True, (
        ("name", "text"), ("year", "year"), ("with_research_partner", "bool"),
        ("project_investment_yuan", "number"), ("enterprise_investment_yuan", "number"), OTHER)),
    ("rnd", False, (("year", "year"), ("expenditure_yuan", "number"), ("applied_with_results", "bool"), OTHER)),
    ("venues", True, (
        ("name", "text"), ("year", "year"), ("opened_on", "date"), ("positive_media_reports", "int"),
        ("avg_monthly_visitors", "number"), ("avg_monthly_revenue_yuan", "number"),
        ("total_investment_yuan", "number"), ("previously_supported", "bool"), OTHER)),
    ("talent", False, (("chunshen_candidates", "int"), ("leads_key_project", "bool"))),
    ("training", False, (("trainees", "int"),)),
)
# Columns of older templates that still load (RULES.md §6.4: 4.2's one amount stands for both).
LEGACY_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "transformation_projects": (("investment_yuan", "number"),),
}
SECTION_KEYS = tuple(s[0] for s in SECTIONS)
SPEC = {key: (many, fields) for key, many, fields in SECTIONS}
KEY_NAME, KEY_CODE = "__enterprise_name", "__enterprise_code"
EXAMPLE_CREDIT_CODE = "91310112MA1GBUWX3E"  # a valid check character, made up for the example row



@cache
def texts() -> dict[str, Any]:
    """batch.yaml as a mapping, for its cell values (``values``: the words a cell may hold), which are
    data, not text; its texts are read through the one loader (:func:`text`)."""
    return load_yaml("i18n/batch.yaml")


def text(group: str, code: str, lang: str, /, **values: Any) -> str:
    """The batch text ``group.code``: ``content.text("batch.<group>.<code>")``."""
    return content.text(f"batch.{group}.{code}", lang, **values)


def sheet_name(section: str, lang: str = "zh") -> str:
    return text("sheets", section, lang)


# ---- columns ---------------------------------------------------------------------------------

def _hint(section: str, fld: str, kind: str, lang: str) -> str:
    if kind in ("bool", "tristate", "date", "as_of", "interpretation", "fund", "platforms", "year"):
        return text("hints", kind, lang)
    if kind == "code":
        return text("hints", "credit_code", lang)
    return field_label(fld, lang)[1]


def _header(label: str, hint: str, lang: str) -> str:
    if not hint:
        return label
    return f"{label}（{hint}）" if lang == "zh" else f"{label} ({hint})"


def columns(section: str, lang: str = "zh") -> list[tuple[str, str, str]]:
    """The template's columns of one sheet: (field, kind, header with its unit or allowed values)."""
    _many, fields = SPEC[section]
    out: list[tuple[str, str, str]] = []
    if section != "enterprise":
        out.append((KEY_NAME, "key", text("key", "name", lang)))
        out.append((KEY_CODE, "code", _header(text("key", "credit_code", lang), text("hints", "credit_code", lang),
                                              lang)))
    for fld, kind in fields:
        if fld == "name":
            label = text("key", "name", lang) if section == "enterprise" else text("names", section, lang)
        elif fld == "credit_code":
            label = text("key", "credit_code", lang)
        else:
            label = field_label(fld, lang)[0]
        out.append((fld, kind, _header(label, _hint(section, fld, kind, lang), lang)))
    return out


def norm_header(text: Any) -> str:
    s = "" if text is None else str(text)
    s = s.replace("（", "(").replace("）", ")")
    s = re.sub(r"\s+", "", s).casefold()
    return s


@cache
def header_lookup(section: str) -> dict[str, str]:
    """Every accepted spelling of a column (with or without the bracket, either language, the field code)."""
    out: dict[str, str] = {}
    for lang in ("zh", "en"):
        for fld, _kind, header in columns(section, lang):
            out[norm_header(header)] = fld
            out[norm_header(re.split(r"[（(]", header)[0])] = fld
            out[norm_header(fld)] = fld
    for fld, _kind in LEGACY_COLUMNS.get(section, ()):
        for lang in ("zh", "en"):
            label, unit = field_label(fld, lang)
            out.setdefault(norm_header(_header(label, unit, lang)), fld)
            out.setdefault(norm_header(label), fld)
        out.setdefault(norm_header(fld), fld)
    out[norm_header("enterprise")] = KEY_NAME if section != "enterprise" else "name"
    out[norm_header("credit_code")] = KEY_CODE if section != "enterprise" else "credit_code"
    return out


@cache
def _sheet_lookup() -> dict[str, str]:
    out = {}
    for key in SECTION_KEYS:
        for lang in ("zh", "en"):
            out[norm_header(sheet_name(key, lang))] = key
        out[norm_header(key)] = key
    return out


def section_of_sheet(name: str) -> str | None:
    """The section a sheet (or a CSV file's stem) holds, or None."""
    return _sheet_lookup().get(norm_header(name))


# ---- problems --------------------------------------------------------------------------------

@dataclass
class BatchProblem:
    """One bad cell (or row, or file): where it is and what is wrong."""

    sheet: str
    row: int | None
    column: str
    message: str
    enterprise: str = ""
    cell: str = ""

    def __str__(self) -> str:
        where = self.sheet + (f"!{self.cell}" if self.cell else f":{self.row}" if self.row else "")
        col = f" [{self.column}]" if self.column else ""
        who = f" ({self.enterprise})" if self.enterprise else ""
        return f"{where}{col}{who}: {self.message}"


# ---- reading -----------------------------------------------------------------------------------


def column_letter(i: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(i)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
