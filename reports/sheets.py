"""Spreadsheet cells that are always data: formula neutralisation and a fast write-only sheet writer.

openpyxl is imported inside the functions, so ``import reports`` stays light.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

# A spreadsheet treats a cell that starts with one of these as a formula (or DDE): OWASP's list,
# plus the full-width forms some spreadsheet programs also accept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Characters XML 1.0 cannot hold (openpyxl refuses them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
HEADER_FILL = "DDEBF7"


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


def _keep_worksheets_in_memory() -> None:
    """openpyxl writes every worksheet's XML to a temporary file in /tmp before zipping it, so an export
    would put enterprise data on disk. Make it write to memory instead (openpyxl 3.1, pinned; checked by
    tests/browser/test_zz_disk_browser.py)."""
    from openpyxl.worksheet import _writer
    from openpyxl.writer import excel

    if getattr(_writer, "_kept_in_memory", False):
        return
    _writer.create_temporary_file = lambda suffix="": io.BytesIO()
    cleanup = _writer.WorksheetWriter.cleanup

    def cleanup_in_memory(self) -> None:
        if not isinstance(self.out, io.BytesIO):
            cleanup(self)

    write_worksheet = excel.ExcelWriter.write_worksheet

    class _Archive:
        """The zip archive, taking a worksheet's in-memory XML where openpyxl passes a file name."""

        def __init__(self, archive):
            self._archive = archive

        def write(self, out, name, *args, **kwargs):
            if isinstance(out, io.BytesIO):
                return self._archive.writestr(name, out.getvalue())
            return self._archive.write(out, name, *args, **kwargs)

        def __getattr__(self, attr):
            return getattr(self._archive, attr)

    def write_worksheet_in_memory(self, ws) -> None:
        archive = self._archive
        self._archive = _Archive(archive)
        try:
            write_worksheet(self, ws)
        finally:
            self._archive = archive

    _writer.WorksheetWriter.cleanup = cleanup_in_memory
    excel.ExcelWriter.write_worksheet = write_worksheet_in_memory
    _writer._kept_in_memory = True


def new_workbook():
    """A workbook to fill with :func:`write_sheet` (reports/xlsx_writer.py: SpreadsheetML written
    directly, a dozen times faster than openpyxl's cells, in memory)."""
    from .xlsx_writer import Book

    # openpyxl still saves the template (batch.template_xlsx): keep its worksheets in memory too.
    _keep_worksheets_in_memory()
    return Book()


def write_sheet(wb, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
                widths: Sequence[float] | None = None, lead: Sequence[str] = ()) -> None:
    """Append a sheet: optional ``lead`` lines, then a bold, frozen, filterable header; every cell neutralised."""
    from .xlsx_writer import add_sheet

    add_sheet(wb, title, header, rows, widths, lead, clean=neutralise)


def to_bytes(wb) -> bytes:
    from .xlsx_writer import book_bytes

    return book_bytes(wb)
