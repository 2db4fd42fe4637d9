"""reports/sheets.py, the workbook writer every export uses: cells by type, money formats, and what cannot be a number."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from reports import sheets


def one_sheet(header, rows, **kw):
    book = sheets.new_workbook()
    sheets.write_sheet(book, "s", header, rows, **kw)
    return openpyxl.load_workbook(io.BytesIO(sheets.to_bytes(book)))["s"]


def test_a_value_that_is_not_a_finite_number_is_written_as_its_text():
    """Excel has no NaN or infinity: such a value shows as text, never as a broken number or a crash."""
    ws = one_sheet(["值", "金额（元）"], [[Decimal("NaN"), Decimal("Infinity")], [float("nan"), float("-inf")],
                                      [Decimal("2.5"), 1.5]])
    assert [(c.value, c.data_type) for row in ws.iter_rows(min_row=2) for c in row] == [
        ("NaN", "s"), ("Infinity", "s"), ("nan", "s"), ("-inf", "s"), (2.5, "n"), (1.5, "n")]
    assert ws["B4"].number_format == "#,##0.00"  # 1.5 yuan: with fen


def test_a_money_column_is_known_by_its_unit_even_with_a_trailing_space():
    assert sheets.is_money_label("金额（元） ") and sheets.is_money_label("Total (yuan)\n")
    assert not sheets.is_money_label("（元）说明") and not sheets.is_money_label(None)
    ws = one_sheet(["金额（元） ", "比例"], [[2400000, 2400000]])
    assert (ws["A2"].number_format, ws["B2"].number_format) == ("#,##0", "General")


def test_dates_and_times_are_real_dates_shown_as_such():
    import datetime as dt

    ws = one_sheet(["时间", "日期"], [[dt.datetime(2026, 11, 27, 9, 30, 5), dt.date(2026, 11, 27)]])
    assert (ws["A2"].value, ws["A2"].number_format) == (dt.datetime(2026, 11, 27, 9, 30, 5), "yyyy-mm-dd h:mm:ss")
    assert (ws["B2"].value, ws["B2"].number_format) == (dt.datetime(2026, 11, 27), "mm-dd-yy")  # Excel's built-in 14


def test_a_value_of_another_type_is_written_as_its_inert_text():
    class Code:
        def __str__(self) -> str:
            return "=HYPERLINK(1)"

    ws = one_sheet(["值"], [[Code()]])
    assert (ws["A2"].value, ws["A2"].data_type) == ("'=HYPERLINK(1)", "s")


def test_a_sheet_title_is_cut_to_excels_31_characters():
    book = sheets.new_workbook()
    sheets.write_sheet(book, "一二三四五六七八九十" * 4, ["a"], [])
    sheets.write_lines(book, "abcdefghij" * 4, ["x"], 10)
    names = openpyxl.load_workbook(io.BytesIO(sheets.to_bytes(book))).sheetnames
    assert names == [("一二三四五六七八九十" * 4)[:31], ("abcdefghij" * 4)[:31]]


def test_a_row_longer_than_its_header_keeps_its_extra_cells_unformatted():
    ws = one_sheet(["金额（元）"], [[2400000, 7, "备注"]])
    assert [(c.value, c.number_format) for c in ws[2]] == [(2400000, "#,##0"), (7, "General"), ("备注", "General")]
