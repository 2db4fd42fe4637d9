"""Reading uploads: one workbook, or one CSV per section, or both, into a :class:`RawBook` of raw sheets.

A corrupt file, a file past a limit (calculators/limits.py) or an unknown sheet is one
:class:`~batch.schema.BatchProblem`, never a traceback; the other files' sheets are kept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calculators.limits import BadInput, int_limit, read_bytes, refuse

from .schema import SECTION_KEYS, BatchProblem, blank, norm_header, section_of_sheet, sheet_name, text, texts


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
        raise BadInput(text("problems", "too_many_rows", lang, rows=f"{total:,}", limit=f"{most:,}"))
    return total


def _check_enterprises(section: str | None, rows: list, lang: str) -> None:
    most = int_limit("max_enterprises_per_batch")
    if section == "enterprise" and len(rows) > most:
        raise refuse("enterprises", lang, count=len(rows), limit=most)


def read_xlsx(data: bytes, lang: str = "zh") -> RawBook:
    """Read an uploaded workbook's known sheets; a corrupt file is one problem, never a traceback.

    The workbook is checked against the limits first (batch/xlsx_guard.py), so the reader never
    sizes a grid from a hostile cell reference or unpacks a bomb.
    """
    from .xlsx_guard import check_workbook

    book = RawBook()
    known = "、".join(sheet_name(k, lang) for k in SECTION_KEYS)
    readme = {norm_header(sheet_name("readme", x)) for x in ("zh", "en")}
    total = 0
    title = ""
    try:
        check_workbook(data, lang)
        for title, values in _xlsx_sheets(data):
            section = section_of_sheet(title)
            if section is None:
                if norm_header(title) in readme:
                    first = values[0][0] if values and values[0] else None
                    book.synthetic = first in _synthetic_banners()
                    continue
                book.problems.append(BatchProblem(title, None, "", text("problems", "unknown_sheet", lang,
                                                                      sheets=known)))
                continue
            header = list(values[0]) if values else []
            rows = [(n, list(r)) for n, r in enumerate(values[1:], start=2) if any(not blank(v) for v in r)]
            total = _count_rows(total, len(rows), lang)
            _check_enterprises(section, rows, lang)
            book.sheets[section] = RawSheet(title, header, rows)
    except BadInput as exc:
        return _refused(book, title, exc)
    except Exception as exc:  # a corrupt or non-XLSX file: say so, never a traceback
        book.sheets.clear()
        del exc  # its text is the library's, not the user's: say what the user can do instead
        book.problems.append(BatchProblem("", None, "", text("problems", "not_a_workbook", lang)))
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
            book.problems.append(BatchProblem(filename, None, "", text("problems", "unknown_sheet", lang,
                                                                     sheets=known)))
            continue
        content = decode_text(data)
        if content is None:
            book.problems.append(BatchProblem(filename, None, "", text("problems", "encoding", lang)))
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
                    raise BadInput(text("problems", "too_many_rows", lang, rows=f"{total + len(rows) + 1:,}+",
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
    book.problems.append(BatchProblem(source, None, "", text("problems", "duplicate_sheet", lang,
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


