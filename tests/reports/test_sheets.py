"""reports/sheets.py, the workbook writer every export uses: cells by type, money formats, and what cannot be a number."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

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


def test_a_time_with_a_zone_is_written_as_its_clock_time():
    """Excel has no time zones: 09:30:05 in UTC+8 shows as 09:30:05 (the zone dropped, not a crash)."""
    import datetime as dt

    beijing = dt.timezone(dt.timedelta(hours=8))
    ws = one_sheet(["时间"], [[dt.datetime(2026, 11, 27, 9, 30, 5, tzinfo=beijing)]])
    assert (ws["A2"].value, ws["A2"].number_format) == (dt.datetime(2026, 11, 27, 9, 30, 5), "yyyy-mm-dd h:mm:ss")


def test_a_workbook_is_built_without_a_temporary_file(monkeypatch):
    """The privacy rule: XlsxWriter's in_memory mode, so its packager never asks for a temporary file."""
    import tempfile

    asked = []

    def refused(*args, **kwargs):
        asked.append(kwargs)
        raise OSError("no temporary file")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    book = sheets.new_workbook()
    sheets.write_sheet(book, "s", ["名称", "金额（元）"], [["甲", 2400000]])
    sheets.write_lines(book, "说明", ["第一行"], 40)
    wb = openpyxl.load_workbook(io.BytesIO(sheets.to_bytes(book)))
    assert asked == [] and wb.sheetnames == ["s", "说明"]


def test_a_read_me_sheet_widens_its_first_column_only():
    book = sheets.new_workbook()
    sheets.write_lines(book, "说明", ["=第一行", "第二行"], 80)
    ws = openpyxl.load_workbook(io.BytesIO(sheets.to_bytes(book)))["说明"]
    widths = {i: int(d.width) for d in ws.column_dimensions.values() if d.customWidth for i in range(d.min, d.max + 1)}
    assert widths == {1: 80}  # whole characters: XlsxWriter stores 80 as 80.7109375, the cell padding included
    assert [r for r in ws.iter_rows(values_only=True)] == [("'=第一行",), ("第二行",)]


# ---- data_book: the batch's results workbook (rustpy-xlsxwriter) ----------------------------------


def data_sheet(*specs: sheets.DataSheet):
    return openpyxl.load_workbook(io.BytesIO(sheets.data_book(list(specs))))


def test_the_data_books_what_value_rows_show_fen_only_where_a_figure_has_them():
    """A summary sheet's yuan rows: 1,234.50 with fen, 2,400,000 without; the label cell carries the row's
    format too (a format on a text shows nothing); a yuan row whose value is missing keeps #,##0; others none."""
    ws = data_sheet(sheets.DataSheet("概要", ["项目", "内容"], [
        ["合计最高可达（元）", Decimal("1234.5")], ["合计最高可达（元）", 2400000], ["需评审认定项目另可达（元）", None],
        ["说明", "x"]], [30, 100], ["合成数据"])).active
    assert [[(c.value, c.number_format) for c in row] for row in ws.iter_rows(min_row=3)] == [
        [("合计最高可达（元）", "#,##0.00"), (1234.5, "#,##0.00")],
        [("合计最高可达（元）", "#,##0"), (2400000, "#,##0")],
        [("需评审认定项目另可达（元）", "#,##0"), (None, "General")],
        [("说明", "General"), ("x", "General")],
    ]


def test_the_data_book_leaves_the_missing_cells_of_a_short_row_empty():
    """(The first row is whole: the library takes a sheet's columns from its first record.)"""
    ws = data_sheet(sheets.DataSheet("s", ["名称", "金额（元）", "说明"], [["甲", 5, "x"], ["乙"], ["丙", 6]])).active
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [
        ["名称", "金额（元）", "说明"], ["甲", 5, "x"], ["乙", None, None], ["丙", 6, None]]


def test_the_data_book_writes_a_value_of_another_type_as_its_inert_text():
    class Code:
        def __str__(self) -> str:
            return "=HYPERLINK(1)"

    ws = data_sheet(sheets.DataSheet("s", ["值"], [[Code()]])).active
    assert (ws["A2"].value, ws["A2"].data_type) == ("'=HYPERLINK(1)", "s")


def test_the_data_book_cuts_a_sheet_title_to_excels_31_characters():
    assert data_sheet(sheets.DataSheet("一二三四五六七八九十" * 4, ["a"], [[1]])).sheetnames == [
        ("一二三四五六七八九十" * 4)[:31]]


def test_the_data_book_refuses_what_it_cannot_lay_out_with_a_message_naming_the_sheet():
    import datetime as dt

    with pytest.raises(TypeError, match=r"^data_book writes no dates \(a date's column would show every number as a "
                                        r"date\): datetime\.date\(2026, 3, 14\)$"):
        sheets.data_book([sheets.DataSheet("s", ["日期", "n"], [[dt.date(2026, 3, 14), 1]])])
    with pytest.raises(ValueError, match="^重复: two columns with one name$"):
        sheets.data_book([sheets.DataSheet("重复", ["名称", "名称"], [])])
    with pytest.raises(ValueError, match="^窄: a lead line spans the header's columns, and there is one$"):
        sheets.data_book([sheets.DataSheet("窄", ["名称"], [], lead=["合成数据"])])


def test_the_data_book_keeps_its_texts_in_the_shared_table():
    """Each sheet's texts in xl/sharedStrings.xml, none inline: the mark of the library's in-memory mode (its
    constant-memory mode writes inline strings and streams the rows through a temporary file, which the privacy
    rule forbids; tests/security/test_disk_trace.py watches the system calls in a subprocess)."""
    data = sheets.data_book([sheets.DataSheet("甲表", ["名称", "n"], [["甲", 1]], lead=["合成数据"]),
                             sheets.DataSheet("乙表", ["名称", "n"], [["乙", 2]])])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        shared = z.read("xl/sharedStrings.xml").decode("utf-8")
        assert all(f"<t>{s}</t>" in shared for s in ("合成数据", "名称", "n", "甲", "乙"))
        for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            assert "inlineStr" not in z.read(name).decode("utf-8"), name
