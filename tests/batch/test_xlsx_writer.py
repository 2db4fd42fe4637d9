"""reports/sheets.py (XlsxWriter, in memory) writes the workbook openpyxl wrote before it, and faster.

The reference here is openpyxl's own write-only writer with the same header style, lead lines, frozen
pane, filter and widths (what sheets.write_sheet did with it before). Both are read back with openpyxl
(and the new one with calamine, the batch reader): every value, and the header's look. Column widths
are compared in whole characters: XlsxWriter stores the width Excel itself stores for a column typed
as 30 (30.7109375, the cell padding included), openpyxl the bare 30.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

import batch
from batch.demo import demo_profiles
from batch.whatif import compare, comparison_xlsx, portfolio_from_book
from calculators.reform import reform_from_values
from reports import batch_book, sheets


def openpyxl_book(specs) -> bytes:
    """The reference: openpyxl's write-only writer, as sheets.write_sheet used it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    for title, header, rows, widths, lead in specs:
        ws = wb.create_sheet(title=title[:31])
        first = len(lead) + 1
        ws.freeze_panes = f"A{first + 1}"
        for i, w in enumerate(widths or (), start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        for line in lead:
            c = WriteOnlyCell(ws, value=sheets.neutralise(line))
            c.font = Font(bold=True, color="C4540C")
            ws.append([c])
        cells = []
        for h in header:
            c = WriteOnlyCell(ws, value=sheets.neutralise(h))
            c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
            c.alignment = Alignment(wrap_text=True, vertical="top")
            cells.append(c)
        ws.append(cells)
        n = 0
        for row in rows:
            ws.append([sheets.neutralise(v) if isinstance(v, str) else v for v in row])
            n += 1
        ws.auto_filter.ref = f"A{first}:{get_column_letter(len(header))}{first + max(n, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def new_book(specs) -> bytes:
    wb = sheets.new_workbook()
    for title, header, rows, widths, lead in specs:
        sheets.write_sheet(wb, title, header, rows, widths=widths, lead=lead)
    return sheets.to_bytes(wb)


def widths(ws) -> dict[int, int]:
    """Each column's width in whole characters (a run of equal columns may be stored as one range)."""
    return {i: int(d.width) for d in ws.column_dimensions.values() if d.width for i in range(d.min, d.max + 1)}


def read(data: bytes):
    wb = load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        values = [[c.value if c.value != "" else None for c in row] for row in ws.iter_rows()]
        while values and all(v is None for v in values[-1]):
            values.pop()
        head = next((r for r in ws.iter_rows() if r and r[0].font.b and r[0].fill.fgColor.rgb.endswith("DDEBF7")),
                    None)
        out.append((ws.title, values, ws.freeze_panes, ws.auto_filter.ref,
                    widths(ws),
                    head is not None and all(c.alignment.wrap_text for c in head if c.value is not None)))
    return out


SPECS = [
    ("概要", ["项目", "数值"], [["读取企业数", 3], ["合计（元）", 12345678], ["比例", Decimal("0.25")],
                                ["=HYPERLINK(\"x\")", -5], ["空", None], ["假", False], ["真", True],
                                ["浮点", 1.5], ["日期", dt.date(2026, 11, 27)], ["<&>'\"", "a\x01b"]],
     [30, 100], ["【合成示例】以下企业均为虚构"]),
    ("企业 汇总", ["名称", "代码", "金额（元）"], [["甲", "", 1], ["乙", "913101", 0]], [20, 22, 16], []),
    ("empty", ["a", "b"], [], None, []),
    # the fast path of write_sheet (text, whole numbers, nothing): a text repeated down a column is
    # neutralised every time, other types in between, a money column holding a truth value and fen
    ("明细", ["名称", "项", "上限（元）", "年度上限（元）", "说明"],
     [["=甲", "2.1", 500000, None, "-注意"], ["=甲", "2.1", 500000, Decimal("1234.50"), ""],
      ["乙", "3.1", True, 0, "-注意"], ["乙", "", -7, 2 ** 40, "\x01=x"], ["=甲", None, 1.5, "=甲", "-注意"]],
     [20] * 5, []),
]


def test_the_same_workbook_as_openpyxl_wrote():
    assert read(new_book(SPECS)) == read(openpyxl_book(SPECS))


def test_the_results_workbook_is_the_same_as_openpyxls():
    """The results tables written by the fast writer read back cell for cell as openpyxl's. (Which is
    faster is bench/batch.py's figure, bench/README.md: a timed unit test fails on a busy machine.)"""
    as_of = dt.date(2026, 11, 27)
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(demo_profiles(400, as_of=as_of),
                                                                   banner="【合成示例】"))])
    result = batch.run(book, "zh", as_of)
    s = batch.texts()["summary"]
    specs = []
    for name, (h, rows) in ((s["sheet_enterprises"]["zh"], batch_book.enterprise_table(result, "zh")),
                            (s["sheet_items"]["zh"], batch_book.item_table(result, "zh"))):
        specs.append((name, h, rows, [20] * len(h), []))
    assert len(specs[0][2]) == len(result.entries) > 300
    assert read(new_book(specs)) == read(openpyxl_book(specs))
    # and the batch reader (calamine) reads the new one
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(batch_book.results_xlsx(result)))
    rows = wb.get_sheet_by_index(1).to_python()
    assert len(rows) == 1 + len(result.entries)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_filled_template_reads_back_as_the_same_portfolio(lang):
    as_of = dt.date(2026, 11, 27)
    datas = demo_profiles(60, as_of=as_of)
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(datas, lang))], lang)
    p = portfolio_from_book(book, lang, as_of)
    assert len(p.datas) == 60 and not p.result.problems
    reform, _ = reform_from_values({"article5_rnd.rnd_cap_yuan": 1_000_000}, lang=lang)
    out = load_workbook(io.BytesIO(comparison_xlsx(compare(p, reform), lang)))
    assert out.worksheets[4].max_row == 61


def test_text_stays_text_and_yuan_show_separators():
    """A text cell is never a formula, a link or a number; a yuan column's amounts get #,##0 (or #,##0.00
    with fen), other numbers none."""
    data = new_book([("s", ["名称", "金额（元）", "比例"],
                      [["=1+1", 2400000, Decimal("0.25")], ["http://example.com", Decimal("1234.50"), 3],
                       ["0012", None, None]], None, [])])
    ws = load_workbook(io.BytesIO(data))["s"]
    assert [c.value for c in ws["A"]] == ["名称", "'=1+1", "http://example.com", "0012"]
    assert [c.data_type for c in ws["A"]] == ["s"] * 4 and ws["A3"].hyperlink is None
    assert [(c.value, c.number_format) for c in ws["B"][1:3]] == [(2400000, "#,##0"), (1234.5, "#,##0.00")]
    assert [c.number_format for c in ws["C"][1:3]] == ["General", "General"]


def test_repeated_text_and_whole_yuan_down_a_column():
    """Each cell of a long table gets its own neutralised text and its column's format, however often a
    text repeats (write_sheet neutralises each distinct text once)."""
    rows = [["=SUM(A1)" if i % 2 else "甲", i * 1000, i] for i in range(6)]
    ws = load_workbook(io.BytesIO(new_book([("s", ["名称", "金额（元）", "序号"], rows, None, [])])))["s"]
    assert [c.value for c in ws["A"][1:]] == ["甲", "'=SUM(A1)"] * 3
    assert [(c.value, c.number_format) for c in ws["B"][1:]] == [(i * 1000, "#,##0") for i in range(6)]
    assert [(c.value, c.number_format) for c in ws["C"][1:]] == [(i, "General") for i in range(6)]
