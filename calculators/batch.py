"""Batch assessment: many enterprises from one workbook (or one CSV per section), through the same engine.

The template has one sheet per section of the profile (RULES.md §5); every row on a section sheet is
tied to its enterprise by 企业名称 or 统一社会信用代码. Reading turns cells into profile dicts; every
bad cell comes back as a :class:`BatchProblem` with its sheet, row and column (validation's own
messages, mapped back to the cell), and every valid enterprise is still assessed.

openpyxl and pandas are imported inside the functions that need them, so ``import calculators``
stays light.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .content import field_labels, item_name, items, load_yaml, parameters_on
from .credit_code import normalise as normalise_code
from .engine import assess
from .explain import STATUS
from .limits import BadInput, int_limit, read_bytes, refuse
from .models import Assessment
from .sheets import new_workbook, to_bytes, write_sheet
from .stacking import ITEM_ORDER
from .validation import validate_profile

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
_SPEC = {key: (many, fields) for key, many, fields in SECTIONS}
KEY_NAME, KEY_CODE = "__enterprise_name", "__enterprise_code"
EXAMPLE_CREDIT_CODE = "91310112MA1GBUWX3E"  # a valid check character, made up for the example row

_MISSING = object()


@cache
def texts() -> dict[str, Any]:
    return load_yaml("i18n/batch.yaml")


def _t(group: str, code: str, lang: str, **values: Any) -> str:
    entry = texts()[group][code]
    template = entry.get(lang) or entry["zh"]
    return template.format(**values) if values else template


def sheet_name(section: str, lang: str = "zh") -> str:
    return _t("sheets", section, lang)


# ---- columns ---------------------------------------------------------------------------------

def _hint(section: str, fld: str, kind: str, lang: str) -> str:
    if kind in ("bool", "tristate", "date", "as_of", "interpretation", "fund", "platforms", "year"):
        return _t("hints", kind, lang)
    if kind == "code":
        return _t("hints", "credit_code", lang)
    unit = field_labels()["fields"].get(fld, {}).get("unit")
    return unit.get(lang, "") if isinstance(unit, dict) else ""


def _header(label: str, hint: str, lang: str) -> str:
    if not hint:
        return label
    return f"{label}（{hint}）" if lang == "zh" else f"{label} ({hint})"


def columns(section: str, lang: str = "zh") -> list[tuple[str, str, str]]:
    """The template's columns of one sheet: (field, kind, header with its unit or allowed values)."""
    _many, fields = _SPEC[section]
    out: list[tuple[str, str, str]] = []
    if section != "enterprise":
        out.append((KEY_NAME, "key", _t("key", "name", lang)))
        out.append((KEY_CODE, "code", _header(_t("key", "credit_code", lang), _t("hints", "credit_code", lang),
                                              lang)))
    for fld, kind in fields:
        if fld == "name":
            label = _t("key", "name", lang) if section == "enterprise" else _t("names", section, lang)
        elif fld == "credit_code":
            label = _t("key", "credit_code", lang)
        else:
            label = field_labels()["fields"][fld][lang]
        out.append((fld, kind, _header(label, _hint(section, fld, kind, lang), lang)))
    return out


def _norm_header(text: Any) -> str:
    s = "" if text is None else str(text)
    s = s.replace("（", "(").replace("）", ")")
    s = re.sub(r"\s+", "", s).casefold()
    return s


@cache
def _header_lookup(section: str) -> dict[str, str]:
    """Every accepted spelling of a column (with or without the bracket, either language, the field code)."""
    out: dict[str, str] = {}
    for lang in ("zh", "en"):
        for fld, _kind, header in columns(section, lang):
            out[_norm_header(header)] = fld
            out[_norm_header(re.split(r"[（(]", header)[0])] = fld
            out[_norm_header(fld)] = fld
    for fld, _kind in LEGACY_COLUMNS.get(section, ()):
        for lang in ("zh", "en"):
            label = field_labels()["fields"][fld][lang]
            unit = field_labels()["fields"][fld].get("unit", {}).get(lang, "")
            out.setdefault(_norm_header(_header(label, unit, lang)), fld)
            out.setdefault(_norm_header(label), fld)
        out.setdefault(_norm_header(fld), fld)
    out[_norm_header("enterprise")] = KEY_NAME if section != "enterprise" else "name"
    out[_norm_header("credit_code")] = KEY_CODE if section != "enterprise" else "credit_code"
    return out


@cache
def _sheet_lookup() -> dict[str, str]:
    out = {}
    for key in SECTION_KEYS:
        for lang in ("zh", "en"):
            out[_norm_header(sheet_name(key, lang))] = key
        out[_norm_header(key)] = key
    return out


def section_of_sheet(name: str) -> str | None:
    """The section a sheet (or a CSV file's stem) holds, or None."""
    return _sheet_lookup().get(_norm_header(name))


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

@dataclass
class RawSheet:
    """One uploaded sheet: its name as given, its header row and its data rows (1-based row numbers)."""

    name: str
    header: list[Any]
    rows: list[tuple[int, list[Any]]]
    source: str = ""  # the file it came from


@dataclass
class RawBook:
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[BatchProblem] = field(default_factory=list)
    synthetic: bool = False


def _synthetic_banners() -> set[str]:
    entry = texts().get("synthetic_banner")
    return {entry["zh"], entry["en"]} if entry else set()


def _xlsx_sheets(data: bytes) -> Iterable[tuple[str, list[list[Any]]]]:
    """Each sheet's name and rows of cell values (cached values of formulas, never evaluated).

    python-calamine (Rust) reads a 10,000-enterprise workbook ~30 times faster than openpyxl.
    """
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        for name in wb.sheet_names:
            yield name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    finally:
        wb.close()


def _refused(book: RawBook, where: str, exc: BadInput) -> RawBook:
    """The whole file refused by a limit: its one message, and nothing of it kept."""
    book.sheets.clear()
    book.problems.append(BatchProblem(where, None, "", str(exc)))
    return book


def _count_rows(total: int, more: int, lang: str) -> int:
    """The running count of data rows, refused past ``max_rows``."""
    total += more
    most = int_limit("max_rows")
    if total > most:
        raise BadInput(_t("problems", "too_many_rows", lang, rows=f"{total:,}", limit=f"{most:,}"))
    return total


def _check_enterprises(section: str | None, rows: list, lang: str) -> None:
    most = int_limit("max_enterprises_per_batch")
    if section == "enterprise" and len(rows) > most:
        raise refuse("enterprises", lang, count=len(rows), limit=most)


def read_xlsx(data: bytes, lang: str = "zh") -> RawBook:
    """Read an uploaded workbook's known sheets; a corrupt file is one problem, never a traceback.

    The workbook is checked against the limits first (calculators/xlsx_guard.py), so the reader never
    sizes a grid from a hostile cell reference or unpacks a bomb.
    """
    from .xlsx_guard import check_workbook

    book = RawBook()
    known = "、".join(sheet_name(k, lang) for k in SECTION_KEYS)
    readme = {_norm_header(sheet_name("readme", x)) for x in ("zh", "en")}
    total = 0
    title = ""
    try:
        check_workbook(data, lang)
        for title, values in _xlsx_sheets(data):
            section = section_of_sheet(title)
            if section is None:
                if _norm_header(title) in readme:
                    first = values[0][0] if values and values[0] else None
                    book.synthetic = first in _synthetic_banners()
                    continue
                book.problems.append(BatchProblem(title, None, "", _t("problems", "unknown_sheet", lang,
                                                                      sheets=known)))
                continue
            header = list(values[0]) if values else []
            rows = [(n, list(r)) for n, r in enumerate(values[1:], start=2) if any(not _blank(v) for v in r)]
            total = _count_rows(total, len(rows), lang)
            _check_enterprises(section, rows, lang)
            book.sheets[section] = RawSheet(title, header, rows)
    except BadInput as exc:
        return _refused(book, title, exc)
    except Exception as exc:  # a corrupt or non-XLSX file: say so, never a traceback
        book.sheets.clear()
        del exc  # its text is the library's, not the user's: say what the user can do instead
        book.problems.append(BatchProblem("", None, "", _t("problems", "not_a_workbook", lang)))
    return book


def decode_text(data: bytes) -> str | None:
    """Decode a CSV as Excel saves it: UTF-8 (with or without BOM), else GBK (GB18030, its superset)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csvs(files: Sequence[tuple[str, bytes]], lang: str = "zh", book: RawBook | None = None) -> RawBook:
    """Read one CSV per section; each file is named after its sheet (企业.csv, 项目.csv, projects.csv…)."""
    book = book or RawBook()
    known = "、".join(sheet_name(k, lang) for k in SECTION_KEYS)
    total = sum(len(sh.rows) for sh in book.sheets.values())
    for filename, data in files:
        stem = Path(filename).stem
        section = section_of_sheet(stem)
        if section is None:
            book.problems.append(BatchProblem(filename, None, "", _t("problems", "unknown_sheet", lang,
                                                                     sheets=known)))
            continue
        content = decode_text(data)
        if content is None:
            book.problems.append(BatchProblem(filename, None, "", _t("problems", "encoding", lang)))
            continue
        try:
            header, rows = _csv_rows(content, lang, total)
            total = _count_rows(total, len(rows), lang)
            _check_enterprises(section, rows, lang)
        except BadInput as exc:
            book.problems.append(BatchProblem(filename, None, "", str(exc)))
            continue
        add_sheet(book, section, RawSheet(filename, header, rows, filename), filename, lang)
    return book


def _csv_rows(content: str, lang: str, total: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A CSV's header and non-blank rows, read row by row within the limits (rows, columns, cells and
    characters a field), stopping at the first row past one."""
    max_rows, max_cols = int_limit("max_rows"), int_limit("max_columns")
    max_cells, cell_chars = int_limit("max_cells"), int_limit("max_cell_chars")
    reader = csv.reader(io.StringIO(content, newline=""))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    cells = 0
    try:
        for n, row in enumerate(reader, start=1):
            if len(row) > max_cols:
                raise refuse("columns", lang, count=len(row), limit=max_cols)
            if any(len(c) > cell_chars for c in row):
                raise refuse("cell_chars", lang, limit=cell_chars)
            cells += len(row)
            if cells > max_cells:
                raise refuse("cells", lang, count=cells, limit=max_cells)
            if n == 1:
                header = row
            elif any(c.strip() for c in row):
                if total + len(rows) >= max_rows:
                    raise BadInput(_t("problems", "too_many_rows", lang, rows=f"{total + len(rows) + 1:,}+",
                                      limit=f"{max_rows:,}"))
                rows.append((n, row))
    except csv.Error:  # a field past the csv module's own limit (131,072) or a broken quote
        raise refuse("cell_chars", lang, limit=cell_chars) from None
    return header, rows


def add_sheet(book: RawBook, section: str, sheet: RawSheet, source: str, lang: str) -> None:
    """Put a section's sheet in the book; a second copy of a section (another file) is refused, not merged,
    so no row is silently dropped or given an ambiguous place."""
    first = book.sheets.get(section)
    if first is None:
        book.sheets[section] = sheet
        return
    book.problems.append(BatchProblem(source, None, "", _t("problems", "duplicate_sheet", lang,
                                                           sheet=sheet_name(section, lang), first=first.source)))


def read_files(files: Sequence[tuple[str, bytes]], lang: str = "zh") -> RawBook:
    """Read uploaded files: one workbook, or CSVs (one per section), or both."""
    book = RawBook()
    csvs = []
    cap = int_limit("max_file_bytes")
    for name, data in files:
        if len(data) > cap:  # the page's upload limit is the same; a caller of this function may have none
            book.problems.append(BatchProblem(name, None, "", str(refuse("file_too_large", lang, limit=cap))))
            continue
        if name.lower().endswith((".xlsx", ".xlsm")):
            part = read_xlsx(data, lang)
            for section, sheet in part.sheets.items():
                sheet.source = name
                add_sheet(book, section, sheet, name, lang)
            for problem in part.problems:
                problem.sheet = f"{name} · {problem.sheet}" if problem.sheet else name
            book.problems += part.problems
            book.synthetic = book.synthetic or part.synthetic
        else:
            csvs.append((name, data))
    if csvs:
        read_csvs(csvs, lang, book)
    return book


def read_paths(paths: Sequence[str | Path], lang: str = "zh") -> RawBook:
    """Read workbooks, CSV files or folders of them from disk (the command line)."""
    files: list[tuple[str, bytes]] = []
    for path in paths:
        p = Path(path)
        found = sorted(q for q in p.iterdir() if q.suffix.lower() in (".csv", ".xlsx", ".xlsm")) if p.is_dir() \
            else [p]
        files += [(q.name, read_bytes(q, lang)) for q in found]
    return read_files(files, lang)


# ---- cells to profile values -------------------------------------------------------------------

@cache
def _words() -> dict[str, Any]:
    v = texts()["values"]
    yes = {str(w).casefold() for w in v["yes"]} | {"true", "yes", "y", "1"}
    no = {str(w).casefold() for w in v["no"]} | {"false", "no", "n", "0"}
    choice = {}
    for group in ("interpretation", "fund"):
        choice[group] = {str(w).casefold().replace(" ", ""): code for code, words in v[group].items() for w in words}
    unknown = {str(w).casefold() for w in v["unknown"]}
    return {"yes": yes, "no": no, "unknown": unknown, **choice}


def _platform_words(as_of: dt.date) -> dict[str, str]:
    v = texts()["values"]
    names = parameters_on(as_of).get("article2_projects", "major_platforms")
    out = {}
    for code, label in names.items():
        out[code.casefold()] = code
        for lang in ("zh", "en"):
            out[str(label[lang]).casefold().replace(" ", "")] = code
    for code, words in v["platform_aliases"].items():
        for w in words:
            out[str(w).casefold().replace(" ", "")] = code
    for w in v["platform_other"]:
        out[str(w).casefold()] = "other"
    out["other"] = "other"
    return out


_SPLIT = re.compile(r"[、,，;；/|\n]+")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number_text(value: str) -> str:
    return value.strip().replace(",", "").replace("，", "").replace(" ", "").replace("\u3000", "")


def convert(kind: str, value: Any, platforms: dict[str, str] | None = None) -> Any:
    """A cell as the profile's value, or the raw value when it cannot be read (validation then names it)."""
    if _blank(value):
        return _MISSING
    if kind in ("text", "key"):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()
    if kind == "code":
        return normalise_code(str(value))
    if kind == "tristate":  # yes / no / unknown: an empty cell is already unknown (RULES.md §6.5)
        word = str(value).strip().casefold()
        if word in _words()["unknown"]:
            return _MISSING
        kind = "bool"
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = str(value).strip().casefold()
        if word in _words()["yes"]:
            return True
        if word in _words()["no"]:
            return False
        return str(value)
    if kind in ("int", "year"):
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return int(value) if value.is_integer() else value
        s = _number_text(str(value))
        # at most 100 digits: longer is no count or year (and past 4,300 digits int() itself refuses)
        return int(s) if re.fullmatch(r"-?\d{1,100}", s) else str(value)
    if kind == "number":
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))  # the shortest decimal that is this float: what the cell shows
        s = _number_text(str(value))
        try:
            return Decimal(s)
        except InvalidOperation:
            return str(value)
    if kind in ("date", "as_of"):
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        m = _DATE.match(str(value))
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return str(value)
        return str(value).strip()
    if kind in ("interpretation", "fund"):
        word = str(value).strip().casefold().replace(" ", "")
        return _words()[kind].get(word, str(value).strip())
    if kind == "platforms":
        if isinstance(value, list):
            return value
        out = []
        for part in _SPLIT.split(str(value)):
            word = part.strip().casefold().replace(" ", "")
            if word:
                out.append((platforms or {}).get(word, part.strip()))
        return out
    return value


# ---- assembling profiles -----------------------------------------------------------------------

@dataclass
class Candidate:
    """One enterprise as read: its profile dict and where each part of it came from."""

    data: dict[str, Any]
    row: int
    origins: dict[tuple[str, int | None], int] = field(default_factory=dict)  # (section, index) -> row


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
    of a batch are held (and pickled) once.
    """
    one = (lambda x: x) if shared is None else (lambda x: shared.setdefault(x, x))
    return Entry(
        a.enterprise, credit_code, a.as_of, a.interpretation, a.total_ceiling_yuan, a.review_potential_yuan,
        tuple((t.item, t.year, t.sum_yuan, t.yearly_cap_yuan, t.total_yuan) for t in a.item_totals),
        tuple(ItemRow(one(r.item), r.subject, r.year, one(r.status), one(r.kind), r.ceiling_yuan, r.cap_yuan,
                      r.uncapped_yuan, r.yearly_cap_yuan,
                      tuple(Gap(one(u.code), one(u.message), one(u.actual_value), one(u.required_value),
                                one(u.comparison)) for u in r.unmet),
                      tuple(one(n) for n in r.notes)) for r in a.items),
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


def _col_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


class _Sheet:
    """A raw sheet with its columns matched to fields."""

    def __init__(self, section: str, raw: RawSheet, lang: str, problems: list[BatchProblem]):
        self.section = section
        self.raw = raw
        lookup = _header_lookup(section)
        kinds = {"name": "text"} | dict(LEGACY_COLUMNS.get(section, ())) | {f: k for f, k, _h in columns(section, "zh")}
        self.cols: list[tuple[int, str, str]] = []  # (index, field, kind)
        self.headers: dict[str, tuple[int, str]] = {}
        for i, h in enumerate(raw.header):
            if _blank(h):
                continue
            fld = lookup.get(_norm_header(h))
            if fld is None:  # an older template's hint in brackets (是/否 before 是/否/未确认): the label decides
                fld = lookup.get(_norm_header(re.split(r"[（(]", str(h))[0]))
            if fld is None:
                problems.append(BatchProblem(raw.name, 1, str(h), _t("problems", "unknown_column", lang),
                                             cell=f"{_col_letter(i)}1"))
                continue
            self.cols.append((i, fld, kinds.get(fld, "text")))
            self.headers[fld] = (i, str(h))

    def where(self, fld: str) -> tuple[str, str]:
        """(column header, column letter) of a field on this sheet, or the expected header."""
        if fld in self.headers:
            i, h = self.headers[fld]
            return h, _col_letter(i)
        for f, _k, h in columns(self.section, "zh"):
            if f == fld:
                return h, ""
        return fld, ""


def _key(code: Any, name: Any) -> tuple[str | None, str | None]:
    c = normalise_code(str(code)) if not _blank(code) else None
    n = str(int(name) if isinstance(name, float) and name.is_integer() else name).strip() if not _blank(name) else None
    return c, n


def assemble(book: RawBook, lang: str = "zh", as_of: dt.date | None = None,
             interpretation: str | None = None, reading_for_all: bool = False,
             ) -> tuple[list[Candidate], list[BatchProblem], dict[str, _Sheet]]:
    """Turn the raw sheets into one profile dict per enterprise, reporting rows that cannot be placed.

    ``interpretation`` is the reading of rows that give none; with ``reading_for_all`` it is the
    reading of every row (the app's sidebar switch applies to the whole portfolio)."""
    problems = list(book.problems)
    sheets = {s: _Sheet(s, raw, lang, problems) for s, raw in book.sheets.items()}
    if "enterprise" not in sheets:
        if book.sheets or not problems:
            problems.append(BatchProblem(sheet_name("enterprise", lang), None, "",
                                         _t("problems", "no_enterprise_sheet", lang)))
        return [], problems, sheets
    example = tuple(texts()["example_prefix"][x] for x in ("zh", "en"))
    default_as_of = (as_of or dt.date.today()).isoformat()
    platform_words = _platform_words(as_of or dt.date.today())

    candidates: list[Candidate] = []
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    ent = sheets["enterprise"]
    for row, values in ent.raw.rows:
        data: dict[str, Any] = {}
        for i, fld, kind in ent.cols:
            v = convert(kind, values[i] if i < len(values) else None, platform_words)
            if v is not _MISSING:
                data[fld] = v
        name = data.get("name")
        if isinstance(name, str) and name.startswith(example):
            continue
        own_reading = data.pop("interpretation", None)
        reading = (interpretation or "default") if reading_for_all or own_reading is None else own_reading
        profile = {"as_of": data.pop("as_of", default_as_of), "interpretation": reading, "enterprise": data}
        code = data.get("credit_code")
        if code and code in by_code:
            h, letter = ent.where("credit_code")
            problems.append(BatchProblem(ent.raw.name, row, h, _t("problems", "duplicate_enterprise", lang, key=code,
                                         first=candidates[by_code[code]].row), str(name or ""), f"{letter}{row}"))
            continue
        if not code and isinstance(name, str) and name in by_name:
            h, letter = ent.where("name")
            problems.append(BatchProblem(ent.raw.name, row, h, _t("problems", "duplicate_enterprise", lang, key=name,
                                         first=candidates[by_name[name]].row), name, f"{letter}{row}"))
            continue
        idx = len(candidates)
        if code:
            by_code[code] = idx
        if isinstance(name, str) and name not in by_name:
            by_name[name] = idx
        candidates.append(Candidate(profile, row, {("enterprise", None): row}))

    for section in SECTION_KEYS[1:]:
        sh = sheets.get(section)
        if sh is None:
            continue
        many, _fields = _SPEC[section]
        key_cols = {fld: i for i, fld, _k in sh.cols if fld in (KEY_NAME, KEY_CODE)}
        field_cols = [(i, fld, kind) for i, fld, kind in sh.cols if fld not in (KEY_NAME, KEY_CODE)]
        seen_one: dict[int, int] = {}
        ci, ni = key_cols.get(KEY_CODE), key_cols.get(KEY_NAME)
        for row, values in sh.raw.rows:
            code, name = _key(values[ci] if ci is not None and ci < len(values) else None,
                              values[ni] if ni is not None and ni < len(values) else None)
            if name and name.startswith(example):
                continue
            if not code and not name:
                h, letter = sh.where(KEY_NAME)
                problems.append(BatchProblem(sh.raw.name, row, h, _t("problems", "missing_key", lang),
                                             cell=f"{letter}{row}"))
                continue
            idx = by_code.get(code) if code else by_name.get(name)
            if idx is None:
                h, letter = sh.where(KEY_CODE if code else KEY_NAME)
                problems.append(BatchProblem(sh.raw.name, row, h, _t("problems", "unknown_enterprise", lang,
                                             key=code or name), name or "", f"{letter}{row}"))
                continue
            target = candidates[idx]
            ent_name = target.data["enterprise"].get("name")
            if code and name and isinstance(ent_name, str) and name != ent_name:
                h, letter = sh.where(KEY_NAME)
                problems.append(BatchProblem(sh.raw.name, row, h, _t("problems", "code_name_mismatch", lang,
                                             name=ent_name), name, f"{letter}{row}"))
                continue
            data = {}
            for i, fld, kind in field_cols:
                v = convert(kind, values[i] if i < len(values) else None, platform_words)
                if v is not _MISSING:
                    data[fld] = v
            if many:
                lst = target.data.setdefault(section, [])
                target.origins[(section, len(lst))] = row
                lst.append(data)
            else:
                if idx in seen_one:
                    problems.append(BatchProblem(sh.raw.name, row, "", _t("problems", "one_per_enterprise", lang,
                                                 first=seen_one[idx]), str(ent_name or "")))
                    continue
                seen_one[idx] = row
                target.origins[(section, None)] = row
                target.data[section] = data
    return candidates, problems, sheets


_FIELD_PATH = re.compile(r"^(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>[a-z_]+))?")


def place_problem(c: Candidate, field_path: str, msg: str, sheets: dict[str, _Sheet], lang: str) -> BatchProblem:
    """Map a validation problem's field path (``projects[2].investment_yuan``) back to its cell."""
    name = str(c.data.get("enterprise", {}).get("name") or "")
    m = _FIELD_PATH.match(field_path or "")
    section, index, fld = (m["section"], m["index"], m["field"]) if m else ("enterprise", None, None)
    if section in ("as_of", "interpretation"):
        section, fld = "enterprise", section
    if section not in _SPEC:
        section = "enterprise"
    sh = sheets.get(section) or sheets["enterprise"]
    row = c.origins.get((section, int(index) if index is not None else None), c.row)
    if fld is None:
        return BatchProblem(sh.raw.name, row, "", msg, name)
    header, letter = sh.where(fld)
    return BatchProblem(sh.raw.name, row, header, msg, name, f"{letter}{row}" if letter else "")


def _check_one(data: dict[str, Any], lang: str, shared: dict[Any, Any] | None = None
               ) -> Entry | list[tuple[str, str]]:
    """Validate and assess one enterprise: its entry, or its problems as (field path, message)."""
    profile, found = validate_profile(data, lang)
    if profile is None:
        return [(p.field, p.message) for p in found]
    return entry_of(assess(profile, lang), profile.enterprise.credit_code, shared)


_JOB: tuple[list[dict[str, Any]], str] = ([], "zh")


def _check_chunk(bounds: tuple[int, int]) -> list[Entry | list[tuple[str, str]]]:
    datas, lang = _JOB
    shared: dict[Any, Any] = {}
    return [_check_one(d, lang, shared) for d in datas[bounds[0]:bounds[1]]]


def check_many(datas: list[dict[str, Any]], lang: str = "zh", workers: int = 1) -> list[Entry | list]:
    """Validate and assess profile dicts in order; with ``workers`` > 1 in forked processes.

    The children inherit the input through fork and send back plain tuples, which cost little to
    pickle (pydantic models would cost more to ship than to compute); this process works through
    its own share meanwhile, which needs no pickling. Only for the command line and the benchmark:
    a web server's threads do not mix with fork.
    """
    global _JOB
    if workers <= 1 or len(datas) < 500:
        shared: dict[Any, Any] = {}
        return [_check_one(d, lang, shared) for d in datas]
    import multiprocessing as mp

    own = len(datas) // workers  # this process's share: the first rows
    size = -(-(len(datas) - own) // ((workers - 1) * 4))
    bounds = [(i, min(i + size, len(datas))) for i in range(own, len(datas), size)]
    _JOB = (datas, lang)
    try:
        with mp.get_context("fork").Pool(workers - 1) as pool:
            pending = pool.map_async(_check_chunk, bounds)
            first = _check_chunk((0, own))
            parts = pending.get()
    finally:
        _JOB = ([], "zh")
    return first + [x for part in parts for x in part]


def run(book: RawBook, lang: str = "zh", as_of: dt.date | None = None, interpretation: str | None = None,
        workers: int = 1, reading_for_all: bool = False) -> BatchResult:
    """Validate and assess every enterprise of an uploaded book; keep going past bad ones.

    ``reading_for_all``: assess every enterprise on ``interpretation``, whatever its row says."""
    import time

    t0 = time.perf_counter()
    candidates, problems, sheets = assemble(book, lang, as_of, interpretation, reading_for_all)
    t1 = time.perf_counter()
    outcomes = check_many([c.data for c in candidates], lang, workers)
    t2 = time.perf_counter()
    result = collect(candidates, outcomes, problems, sheets, lang, book.synthetic)
    result.timings = {"assemble": t1 - t0, "validate_assess": t2 - t1}
    return result


def collect(candidates: list[Candidate], outcomes: list, problems: list[BatchProblem], sheets: dict[str, _Sheet],
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


# ---- results as tables -------------------------------------------------------------------------

def _rt(key: str, lang: str, **values: Any) -> str:
    entry = load_yaml("i18n/reports.yaml")[key]
    template = entry.get(lang) or entry["zh"]
    return template.format(**values) if values else template


def enterprise_table(result: BatchResult, lang: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """One row per enterprise: total, review potential, each item's counted ceiling, status counts."""
    lang = lang or result.lang
    statuses = ("eligible", "ineligible", "review", "superseded")
    header = [_t("key", "name", lang), _t("key", "credit_code", lang), _rt("as_of", lang), _rt("reading", lang),
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
    header = [_t("key", "name", lang), _t("key", "credit_code", lang)] + [_rt(k, lang) for k in (
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
    """The batch results as a workbook: summary, enterprises, items and subjects, problems."""
    lang = lang or result.lang
    wb = new_workbook()
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
    write_sheet(wb, s["sheet"][lang], [s["what"][lang], s["value"][lang]], summary, widths=[30, 100], lead=lead)
    h, rows = enterprise_table(result, lang)
    write_sheet(wb, s["sheet_enterprises"][lang], h, rows, widths=[30, 22, 12, 10] + [16] * (len(h) - 4), lead=lead)
    h, rows = item_table(result, lang)
    write_sheet(wb, s["sheet_items"][lang], h, rows, widths=[30, 22, 6, 26, 22, 7, 14, 14, 14, 16, 50, 50],
                lead=lead)
    h, rows = problem_table(result, lang)
    write_sheet(wb, s["sheet_problems"][lang], h, rows, widths=[14, 8, 6, 30, 30, 80], lead=lead)
    return to_bytes(wb)


# ---- the template and writing profiles in its shape ---------------------------------------------

def _display(kind: str, value: Any, lang: str, as_of: dt.date) -> Any:
    if value is None:
        return None
    if kind in ("bool", "tristate"):
        return load_yaml("i18n/reports.yaml")["yes" if value else "no"][lang]
    if kind == "fund":
        return {code: words[0] for code, words in texts()["values"]["fund"].items()}[value] if lang == "zh" else value
    if kind == "platforms":
        names = parameters_on(as_of).get("article2_projects", "major_platforms")
        other = texts()["values"]["platform_other"][0] if lang == "zh" else "other"
        labels = [names[c][lang] if c in names else other for c in value]
        return "、".join(labels) if lang == "zh" else ", ".join(labels)
    if kind == "interpretation":
        return texts()["values"]["interpretation"][value][0] if lang == "zh" else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def profile_rows(profiles: Iterable[dict[str, Any]], lang: str = "zh") -> dict[str, list[list[Any]]]:
    """Profile dicts (RULES.md §5) as the template's rows, one list of rows per section."""
    out: dict[str, list[list[Any]]] = {s: [] for s in SECTION_KEYS}
    cols = {s: columns(s, lang) for s in SECTION_KEYS}
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
            many, _f = _SPEC[section]
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


def _readme_rows(lang: str, banner: str | None) -> list[list[str]]:
    lines = ([banner] if banner else []) + list(texts()["readme"][lang])
    return [[line] for line in lines]


def profiles_workbook(profiles: Iterable[dict[str, Any]], lang: str = "zh", banner: str | None = None) -> bytes:
    """Write profile dicts as a filled template workbook (the demo portfolio, the benchmark, tests)."""
    rows = profile_rows(profiles, lang)
    wb = new_workbook()
    ws = wb.create_sheet(sheet_name("readme", lang))
    ws.column_dimensions["A"].width = 120
    for r in _readme_rows(lang, banner):
        ws.append(r)
    for section in SECTION_KEYS:
        cols = columns(section, lang)
        write_sheet(wb, sheet_name(section, lang), [h for _f, _k, h in cols], rows[section],
                    widths=[max(12, min(40, len(h) * (2 if lang == "zh" else 1))) for _f, _k, h in cols])
    return to_bytes(wb)


def example_profile(lang: str = "zh") -> dict[str, Any]:
    """The template's example enterprise: one row on every sheet, from the shipped example profiles."""
    import json

    from .content import CONTENT_DIR

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
        return [load_yaml("i18n/reports.yaml")[w][lang] for w in ("yes", "no")]
    if kind == "tristate":
        return [load_yaml("i18n/reports.yaml")[w][lang] for w in ("yes", "no")] + [v["unknown"][0 if lang == "zh" else 1]]
    if kind in ("fund", "interpretation"):
        return [words[0] if lang == "zh" else code for code, words in v[kind].items()]
    return None


def template_xlsx(lang: str = "zh") -> bytes:
    """The blank template: a sheet per section, headers with units, one example row (skipped on reading),
    and drop-down lists on the yes/no, fund and reading columns."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = load_workbook(io.BytesIO(profiles_workbook([example_profile(lang)], lang)))
    for section in SECTION_KEYS:
        ws = wb[sheet_name(section, lang)]
        for i, (_fld, kind, _h) in enumerate(columns(section, lang)):
            choices = _choices(kind, lang)
            if not choices:
                continue
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=False)
            letter = _col_letter(i)
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            ws.add_data_validation(dv)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def items_of(result: BatchResult) -> list[str]:
    """Item ids in the policy's order that at least one enterprise reaches."""
    seen = {r.item for e in result.entries for r in e.items}
    return [i for i in ITEM_ORDER if i in seen and i in items()]
