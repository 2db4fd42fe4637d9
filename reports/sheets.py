"""Workbooks for the exports, written with XlsxWriter in memory: data sheets whose cells are always data.

Each data sheet is optional bold lead lines (the synthetic-data banner), then one header row (bold,
filled, wrapped, frozen, with an auto-filter) and plain values; yuan columns (a header ending in "（元）"
or "(yuan)") show thousands separators, their values unchanged. Every text cell goes through
:func:`neutralise`, and XlsxWriter is told never to turn a string into a formula, a number or a link.

Nothing touches the disk: XlsxWriter's documented ``in_memory`` mode builds the whole file in memory.
(That mode turns ``constant_memory`` off: it would stream rows through temporary files, which the
privacy rule forbids; tests/security and tests/browser/test_zz_disk_browser.py check that no export
writes a file.) xlsxwriter is imported when a workbook is made, so importing the reports stays light.

The batch results workbook alone (a million cells for 10,000 enterprises) is written by :func:`data_book`
with rustpy-xlsxwriter, in the same layout, in about a third of the time; it too is imported on use.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

# A spreadsheet treats a cell that starts with one of these as a formula (or DDE): OWASP's list,
# plus the full-width forms some spreadsheet programs also accept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Characters XML 1.0 cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FILL = "#DDEBF7"
LEAD_COLOUR = "#C4540C"
MONEY_UNITS = ("（元）", "(yuan)")
# Excel's built-in number formats: 14 a date, 3 #,##0 and 4 #,##0.00.
_DATE, _YUAN, _YUAN_FEN = 14, 3, 4
_OPTIONS = {
    "in_memory": True,  # never a temporary file
    "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,  # text stays text
    "remove_timezone": True,
}


def neutralise(value: Any) -> Any:
    """Make a text cell inert: one that could start a formula gets a single quote in front.

    Numbers, dates and booleans pass through (they are values, not formulas).
    """
    if not isinstance(value, str):
        return value
    value = _ILLEGAL_XML.sub("", value)
    if value.startswith(FORMULA_TRIGGERS) or value.lstrip().startswith(FORMULA_TRIGGERS[:4]):
        return "'" + value
    return value


def is_money_label(label: Any) -> bool:
    """A column (or a what/value sheet's row) of yuan: its name ends with "（元）" or "(yuan)"."""
    return isinstance(label, str) and label.rstrip().endswith(MONEY_UNITS)


class Book:
    """An XlsxWriter workbook in memory, with the few cell formats the exports use."""

    def __init__(self) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self.buffer, _OPTIONS)
        add = self.workbook.add_format
        self.header = add({"bold": True, "bg_color": HEADER_FILL, "pattern": 1, "text_wrap": True, "valign": "top"})
        self.lead = add({"bold": True, "font_color": LEAD_COLOUR})
        self.date = add({"num_format": _DATE})
        self.datetime = add({"num_format": "yyyy-mm-dd h:mm:ss"})
        self.money = {_YUAN: add({"num_format": _YUAN}), _YUAN_FEN: add({"num_format": _YUAN_FEN})}


def new_workbook() -> Book:
    """A workbook to fill with :func:`write_sheet` (and :func:`write_lines`), then :func:`to_bytes`."""
    return Book()


def _finite(value: int | float | Decimal) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else not isinstance(value, float) or math.isfinite(value)


def _money_format(value: int | float | Decimal) -> int:
    """Thousands separators for a yuan amount (2,400,000), with fen when it has them; its value unchanged."""
    return _YUAN if value == int(value) else _YUAN_FEN


def _write(book: Book, ws, r: int, c: int, value: Any, money: bool = False) -> None:
    """One cell, by its type: text (neutralised), a number, a truth value, a date; None stays empty."""
    if value is None:
        return
    if isinstance(value, str):
        if value:
            ws.write_string(r, c, neutralise(value))
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, int | float | Decimal):
        if not _finite(value):
            ws.write_string(r, c, str(value))
        else:
            ws.write_number(r, c, value, book.money[_money_format(value)] if money else None)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, book.datetime)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, value, book.date)
    else:
        ws.write_string(r, c, neutralise(str(value)))


def write_sheet(book: Book, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
                widths: Sequence[float] | None = None, lead: Sequence[str] = (),
                lists: Mapping[int, Sequence[str]] | None = None, list_rows: int = 0) -> None:
    """Append a sheet: optional ``lead`` lines, then a bold, frozen, filterable header; every cell neutralised.

    ``lists``: drop-down choices by column index, on the data rows down to row ``list_rows`` (the template).
    """
    ws = book.workbook.add_worksheet(title[:31])
    for i, w in enumerate(widths or ()):
        ws.set_column(i, i, w)
    for r, line in enumerate(lead):
        ws.write_string(r, 0, neutralise(line), book.lead)
    first = len(lead)  # the header's row (0-based)
    for c, h in enumerate(header):
        ws.write_string(first, c, neutralise(h), book.header)
    money = {i for i, h in enumerate(header) if is_money_label(h)}
    # The common cells (text, whole numbers, nothing) are written here, one dispatch on the value's exact
    # type and each distinct text neutralised once (a batch's 100,000 rows repeat names, labels, notes);
    # every other value goes through _write. The same calls as _write makes, so the same workbook.
    write_string, write_number = ws.write_string, ws.write_number
    yuan = book.money[_YUAN]
    whole_format = [yuan if c in money else None for c in range(len(header))]
    inert: dict[str, str] = {}
    r = first
    for values in rows:
        r += 1
        if values and is_money_label(values[0]):  # a what/value sheet's row: "合计最高可达（元）", n
            for c, v in enumerate(values):
                _write(book, ws, r, c, v, c in money or c > 0)
            continue
        for c, v in enumerate(values):
            kind = type(v)
            if kind is str:
                if v:
                    text = inert.get(v)
                    if text is None:
                        text = inert[v] = neutralise(v)
                    write_string(r, c, text)
            elif kind is int:
                write_number(r, c, v, whole_format[c] if c < len(whole_format) else None)
            elif v is not None:
                _write(book, ws, r, c, v, c in money)
    ws.freeze_panes(first + 1, 0)
    if header:
        ws.autofilter(first, 0, max(r, first + 1), len(header) - 1)
    for c, choices in (lists or {}).items():
        ws.data_validation(first + 1, c, list_rows - 1, c, {"validate": "list", "source": list(choices),
                                                             "ignore_blank": True, "show_error": False})


def write_lines(book: Book, title: str, lines: Iterable[str], width: float) -> None:
    """Append a sheet of plain text lines in its first column (a read-me)."""
    ws = book.workbook.add_worksheet(title[:31])
    ws.set_column(0, 0, width)
    for r, line in enumerate(lines):
        ws.write_string(r, 0, neutralise(line))


def to_bytes(book: Book) -> bytes:
    """The workbook as .xlsx bytes (built in memory)."""
    book.workbook.close()
    return book.buffer.getvalue()


# ---- the one large workbook: the batch's results ------------------------------------------------

# Excel's longest text in a cell; a longer one is cut, as XlsxWriter cuts it (write_string).
MAX_TEXT = 32_767


class DataSheet(NamedTuple):
    """One data sheet of :func:`data_book`: as :func:`write_sheet` takes it (no drop-down lists)."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] = ()
    lead: Sequence[str] = ()


def data_book(sheets: Sequence[DataSheet]) -> bytes:
    """Data sheets as :func:`write_sheet` lays them out (lead lines, a bold, filled, wrapped, frozen,
    filterable header, yuan columns with thousands separators, every text neutralised), written by
    rustpy-xlsxwriter (rust_xlsxwriter, in Rust) in memory: for the batch's results, a million cells
    in about a third of XlsxWriter's time (bench/README.md, "speed decisions").

    Only text, numbers, truth values and blanks: a date gives its whole column a date format in that
    library, so one raises TypeError here (the results tables hold dates as ISO text). Every sheet keeps
    its strings in the shared table (``dedupe_strings``), which also keeps it in memory: the library's
    default, constant-memory mode, streams rows through a temporary file (tests/security/test_disk_trace.py
    watches the system calls). A lead line spans the header's columns (merged cells); a sheet with no
    rows keeps its header, with the filter over it and one row below as write_sheet's. In a yuan column
    a figure with fen shows them (#,##0.00 for that column); whole yuan show as 2,400,000. Numbers are
    stored as 2400000.0 (Excel holds every number as a double; whole yuan stay exact below 2**53).
    """
    import rustpy_xlsxwriter as rx

    header_format = rx.Format().set_bold().set_background_color(HEADER_FILL).set_text_wrap().set_align("top")
    lead_format = rx.Format().set_bold().set_font_color(LEAD_COLOUR)
    yuan, yuan_fen = rx.Format().set_num_format_index(_YUAN), rx.Format().set_num_format_index(_YUAN_FEN)
    inert: dict[str, str] = {}

    def cell(v: Any) -> Any:
        kind = type(v)
        if kind is str:
            if not v:
                return None
            text = inert.get(v)
            if text is None:
                text = inert[v] = neutralise(v)[:MAX_TEXT]
            return text
        if kind is int or kind is bool or v is None:
            return v
        if isinstance(v, dt.date):
            raise TypeError(f"data_book writes no dates (a date's column would show every number as a date): {v!r}")
        if isinstance(v, int | float | Decimal):
            return v if _finite(v) else str(v)
        return cell(str(v))

    data, options = [], {k: {} for k in ("header_row", "freeze_panes", "autofilter", "column_widths",
                                          "column_formats", "header_format", "dedupe_strings", "merge_ranges",
                                          "row_formats")}
    for sheet in sheets:
        title = sheet.title[:31]
        keys = [neutralise(h)[:MAX_TEXT] for h in sheet.header]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{title}: two columns with one name")
        money = [i for i, h in enumerate(sheet.header) if is_money_label(h)]
        first = len(sheet.lead)  # the header's row (0-based)
        records, fen, by_row = [], set(), {}
        for r, values in enumerate(sheet.rows, start=first + 1):
            row = [cell(v) for v in values]
            if row and is_money_label(values[0]):  # a what/value sheet's row: "合计最高可达（元）", n
                number = next((v for v in row[1:] if isinstance(v, int | float | Decimal) and not isinstance(v, bool)), 0)
                by_row[r] = yuan if _money_format(number) == _YUAN else yuan_fen
            for i in money:
                v = row[i] if i < len(row) else None
                if isinstance(v, float | Decimal) and _money_format(v) == _YUAN_FEN:
                    fen.add(i)
            records.append(dict(zip(keys, row, strict=False)))
        if not records:
            records.append(dict.fromkeys(keys))
        data.append((title, records))
        options["header_row"][title] = first
        options["freeze_panes"][title] = {"row": first + 1, "col": 0}
        options["autofilter"][title] = True
        options["column_widths"][title] = list(sheet.widths)
        options["column_formats"][title] = {keys[i]: yuan_fen if i in fen else yuan for i in money}
        options["header_format"][title] = header_format
        options["dedupe_strings"][title] = True  # in memory: never the constant-memory mode's temporary file
        options["row_formats"][title] = by_row
        if sheet.lead:
            if len(keys) < 2:
                raise ValueError(f"{title}: a lead line spans the header's columns, and there is one")
            options["merge_ranges"][title] = [(r, 0, r, len(keys) - 1, neutralise(line)[:MAX_TEXT], lead_format)
                                              for r, line in enumerate(sheet.lead)]
    options["dedupe_strings"]["general"] = True
    buffer = io.BytesIO()
    rx.write_worksheets(data, buffer, **options)
    return buffer.getvalue()
