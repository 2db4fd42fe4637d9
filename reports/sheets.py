"""Workbooks for the exports, written with XlsxWriter in memory: data sheets whose cells are always data.

Each data sheet is optional bold lead lines (the synthetic-data banner), then one header row (bold,
filled, wrapped, frozen, with an auto-filter) and plain values; yuan columns (a header ending in "（元）"
or "(yuan)") show thousands separators, their values unchanged. Every text cell goes through
:func:`neutralise`, and XlsxWriter is told never to turn a string into a formula, a number or a link.

Nothing touches the disk: XlsxWriter's documented ``in_memory`` mode builds the whole file in memory.
(That mode turns ``constant_memory`` off: it would stream rows through temporary files, which the
privacy rule forbids; tests/security and tests/browser/test_zz_disk_browser.py check that no export
writes a file.) xlsxwriter is imported when a workbook is made, so importing the reports stays light.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

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
