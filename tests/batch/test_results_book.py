"""The batch results workbook (reports/sheets.data_book, rustpy-xlsxwriter): the same cells, formats and
layout as reports/sheets.write_sheet (XlsxWriter) gives them, read back with openpyxl, and faster.

The reference is the results workbook as write_sheet lays it out (what batch_book.results_xlsx did before
the switch). Differences on purpose: a lead line is merged across the header's columns (write_sheet puts
it in A1 alone), and a what/value sheet's yuan row carries its number format on the label cell too (a
format on a text shows nothing).
"""

from __future__ import annotations

import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

import batch
from batch.demo import demo_profiles
from reports import batch_book, sheets
from reports.common import text as rt

AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def result():
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(demo_profiles(300, as_of=AS_OF)))])
    r = batch.run(book, "zh", AS_OF)
    r.synthetic = True  # with the banner above every header
    return r


def reference(result, lang="zh") -> bytes:
    """The results workbook through write_sheet (XlsxWriter), as batch_book wrote it before."""
    wb = sheets.new_workbook()
    lead = [batch.texts()["synthetic_banner"][lang]]
    s = batch.texts()["summary"]
    summary = [(s["enterprises_read"][lang], result.enterprises_read), (s["assessed"][lang], len(result.entries)),
               (s["invalid"][lang], result.invalid), (s["problems"][lang], len(result.problems)),
               (s["total"][lang], sum(e.total_ceiling_yuan for e in result.entries)),
               (s["review"][lang], sum(e.review_potential_yuan for e in result.entries)),
               (s["disclaimer"][lang], rt("disclaimer", lang))]
    sheets.write_sheet(wb, s["sheet"][lang], [s["what"][lang], s["value"][lang]], summary, widths=[30, 100], lead=lead)
    h, rows = batch_book.enterprise_table(result, lang)
    sheets.write_sheet(wb, s["sheet_enterprises"][lang], h, rows, widths=[30, 22, 12, 10] + [16] * (len(h) - 4),
                       lead=lead)
    h, rows = batch_book.item_table(result, lang)
    sheets.write_sheet(wb, s["sheet_items"][lang], h, rows, widths=[30, 22, 6, 26, 22, 7, 14, 14, 14, 16, 50, 50],
                       lead=lead)
    h, rows = batch_book.problem_table(result, lang)
    sheets.write_sheet(wb, s["sheet_problems"][lang], h, rows, widths=[14, 8, 6, 30, 30, 80], lead=lead)
    return sheets.to_bytes(wb)


def widths(ws) -> dict[int, float]:
    """Each column's width (a writer may store equal neighbours as one range, min to max)."""
    out = {}
    for d in ws.column_dimensions.values():
        if d.customWidth:
            out.update(dict.fromkeys(range(d.min, d.max + 1), d.width))
    return out


def look(cell) -> tuple:
    """What a reader sees of a cell: value, type, the number format of a number, font, fill, wrap."""
    number = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
    return (cell.value, cell.data_type, cell.number_format if number else None, bool(cell.font.b),
            cell.font.color.rgb if cell.font.color is not None and cell.font.color.type == "rgb" else None,
            cell.fill.fgColor.rgb if cell.fill.fill_type else None, bool(cell.alignment.wrap_text),
            cell.alignment.vertical)


def test_the_results_workbook_reads_back_as_write_sheet_lays_it_out(result):
    new, old = load_workbook(io.BytesIO(batch_book.results_xlsx(result))), load_workbook(io.BytesIO(reference(result)))
    assert new.sheetnames == old.sheetnames == ["概要", "企业汇总", "逐项结果", "问题清单"]
    for a, b in zip(new.worksheets, old.worksheets, strict=True):
        assert (a.max_row, a.max_column) == (b.max_row, b.max_column)
        assert a.freeze_panes == b.freeze_panes == "A3"  # banner, header, then the data
        assert a.auto_filter.ref == b.auto_filter.ref
        assert widths(a) == widths(b), a.title
        cells = {c.coordinate: look(c) for row in a.iter_rows() for c in row}
        wanted = {c.coordinate: look(c) for row in b.iter_rows() for c in row}
        assert cells == wanted, a.title
        assert [str(r) for r in a.merged_cells.ranges] == [f"A1:{get_column_letter(a.max_column)}1"]
    ent = new["企业汇总"]
    # 合计最高可达（元）, the engine's figure (the file holds it as 2400000.0: Excel keeps every number a double)
    assert [r[4] for r in ent.iter_rows(min_row=3, values_only=True)] == [e.total_ceiling_yuan for e in result.entries]
    assert ent["E3"].number_format == "#,##0"
    assert new["概要"]["B7"].number_format == "#,##0" and new["概要"]["B3"].number_format == "General"


def test_a_sheet_with_no_rows_keeps_its_header_filter_and_pane_as_write_sheet_does():
    spec = sheets.DataSheet("问题清单", ["表", "单元格"], [], [14, 8])
    wb = sheets.new_workbook()
    sheets.write_sheet(wb, spec.title, spec.header, [], widths=spec.widths)
    for data in (sheets.data_book([spec]), sheets.to_bytes(wb)):
        ws = load_workbook(io.BytesIO(data)).active
        assert [[c.value for c in row] for row in ws.iter_rows()] == [["表", "单元格"]]
        assert (ws.auto_filter.ref, ws.freeze_panes) == ("A1:B2", "A2")


def test_cells_keep_their_values_and_every_text_stays_text():
    long = "长" * 40_000
    rows = [["=1+1", 2_400_000, True, Decimal("1234.5"), ""], ["-注意", 0, False, Decimal("NaN"), None],
            ["@SUM(A1)", 7, None, 12, long]]
    ws = load_workbook(io.BytesIO(sheets.data_book([sheets.DataSheet(
        "s", ["名称", "金额（元）", "是否", "带分（元）", "说明"], rows)]))).active
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert got == [["'=1+1", 2_400_000, True, 1234.5, None], ["'-注意", 0, False, "NaN", None],
                   ["'@SUM(A1)", 7, None, 12, "长" * sheets.MAX_TEXT]]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["B2"].number_format == "#,##0"  # whole yuan: 2,400,000
    assert ws["D2"].number_format == ws["D4"].number_format == "#,##0.00"  # a figure with fen: its column shows fen


def test_a_date_is_refused_not_shown_as_a_number():
    with pytest.raises(TypeError):
        sheets.data_book([sheets.DataSheet("s", ["日期", "n"], [[dt.date(2026, 3, 14), 1]])])


def test_the_results_workbook_is_faster_than_write_sheet(result):
    def best_cpu(write) -> float:  # CPU seconds, best of two: a busy machine inflates wall time
        times = []
        for _ in range(2):
            t = time.process_time()
            write(result)
            times.append(time.process_time() - t)
        return min(times)

    assert best_cpu(batch_book.results_xlsx) < best_cpu(reference)
