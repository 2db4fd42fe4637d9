"""Bad cells are reported with sheet, row and column; the valid enterprises are still assessed."""

from __future__ import annotations

import io

import openpyxl
import pytest
from batch_helpers import AS_OF, engine_entries, examples, fill_template

import batch


def edit(workbook: bytes, changes) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(workbook))
    changes(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def column_of(ws, header_start: str) -> int:
    for cell in ws[1]:
        if str(cell.value).casefold().startswith(header_start.casefold()):
            return cell.column
    raise KeyError(header_start)


def row_of(ws, name: str, col: int = 1) -> int:
    for row in ws.iter_rows(min_row=2):
        if row[col - 1].value == name:
            return row[0].row
    raise KeyError(name)


@pytest.fixture
def profiles():
    return examples()


def test_a_bad_number_is_placed_on_its_cell_and_the_other_enterprises_are_assessed(profiles):
    park = next(p for p in profiles if p.get("carrier"))["enterprise"]["name"]

    def change(wb):
        ws = wb["载体"]
        ws.cell(row_of(ws, park), column_of(ws, "上年营业收入总额")).value = "一百万"

    result = batch.run(batch.read_xlsx(edit(fill_template(profiles), change)), "zh", as_of=AS_OF)
    assert len(result.problems) == 1
    p = result.problems[0]
    assert (p.sheet, p.row, p.column, p.cell, p.enterprise) == ("载体", 2, "上年营业收入总额（元）", "H2", park)
    assert p.message == "须为数字"
    others = [x for x in profiles if x["enterprise"]["name"] != park]
    assert result.entries == engine_entries(others)
    assert result.invalid == 1


def test_problems_in_english_name_the_cell_in_english(profiles):
    work = next(p for p in profiles if p.get("projects"))
    name = work["enterprise"]["name"]

    def change(wb):
        ws = wb["Projects"]
        ws.cell(row_of(ws, name), column_of(ws, "Local culture minutes")).value = 601

    result = batch.run(batch.read_xlsx(edit(fill_template(profiles, "en"), change)), "en", as_of=AS_OF)
    (p,) = result.problems
    assert p.sheet == "Projects" and p.column == "local culture minutes (min)"
    assert (p.row, p.cell, p.enterprise) == (2, "H2", name)
    assert p.message == "must not be greater than 600"


@pytest.mark.parametrize(("sheet", "header", "value", "message"), [
    ("企业", "统一社会信用代码", "91330100716105852E", "校验码"),
    ("企业", "在闵行区注册或经营", "也许", "须为是或否"),
    ("企业", "测算日期", "2026-13-40", "有效日期"),
    ("项目", "市级专项资金（", "拿到了", "须为以下之一"),
    ("项目", "播出平台", "快手", "须为以下之一"),
    ("项目", "市级专项资金入围或获得日期", "2099-01-01", "晚于"),
    ("场景", "平均月度票务服务人次", -5, "不能小于"),
    ("载体", "相关企业数", 999, "不能大于载体内企业总数"),
])
def test_each_kind_of_bad_cell_is_named(profiles, sheet, header, value, message):
    target = next(p for p in profiles if sheet == "企业" or p.get({"项目": "projects", "场景": "venues",
                                                                "载体": "carrier"}[sheet]))
    name = target["enterprise"]["name"]

    def change(wb):
        ws = wb[sheet]
        ws.cell(row_of(ws, name), column_of(ws, header)).value = value

    result = batch.run(batch.read_xlsx(edit(fill_template(profiles), change)), "zh", as_of=AS_OF)
    assert len(result.problems) >= 1
    p = result.problems[0]
    assert p.sheet == sheet and p.column.startswith(header) and p.enterprise == name
    assert message in p.message, p.message
    assert len(result.entries) == len(profiles) - 1


def test_rows_that_point_to_no_enterprise_and_duplicates_are_reported(profiles):
    def change(wb):
        wb["项目"].append(["不存在的企业", None, "孤儿作品", 2026, "无", None, "抖音", 0, "否"])
        wb["项目"].append([None, None, "无主作品", 2026, "无", None, "抖音", 0, "否"])
        wb["企业"].append([profiles[0]["enterprise"]["name"], None, "是", "否", "否", None, None])
        wb["研发"].append([next(p for p in profiles if p.get("rnd"))["enterprise"]["name"], None, 2026, 100, "是"])
        wb["载体"].cell(1, 20).value = "多余的列"

    result = batch.run(batch.read_xlsx(edit(fill_template(profiles), change)), "zh", as_of=AS_OF)
    assert any(p.sheet == "项目" and p.message == "“企业”表中没有这家企业（不存在的企业）" and p.cell.startswith("A")
               for p in result.problems)
    assert any(p.sheet == "项目" and p.message == "须填写企业名称或统一社会信用代码" for p in result.problems)
    assert any(p.sheet == "企业" and "重复出现" in p.message for p in result.problems)
    assert any(p.sheet == "研发" and "最多一行" in p.message for p in result.problems)
    assert any(p.sheet == "载体" and p.column == "多余的列" and p.cell == "T1" for p in result.problems)
    assert len(result.entries) == len(profiles)  # the duplicate row is refused, the first one stands


@pytest.mark.parametrize("data", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_an_unreadable_file_is_one_message(data):
    result = batch.run(batch.read_xlsx(data), "zh", as_of=AS_OF)
    assert result.entries == [] and len(result.problems) == 1
    assert result.problems[0].message.startswith("不是可读取的 Excel 工作簿（.xlsx）：文件为空、已损坏或被截断")


def test_a_csv_in_an_unknown_encoding_or_with_an_unknown_name_is_reported():
    book = batch.read_files([("企业.csv", b"\xff\xfe\x00\xd8" * 3), ("杂项.csv", b"a,b\n")])
    messages = [p.message for p in book.problems]
    assert any("编码" in m for m in messages) and any("不是可识别的工作表" in m for m in messages)


def test_a_workbook_without_the_enterprise_sheet_says_so(profiles):
    def change(wb):
        del wb["企业"]

    result = batch.run(batch.read_xlsx(edit(fill_template(profiles), change)), "zh", as_of=AS_OF)
    assert [p.message for p in result.problems] == ["缺少“企业”工作表（或 企业.csv）"]


def test_two_workbooks_with_the_same_sheets_are_not_merged_silently(profiles):
    first, second = fill_template(profiles[:2]), fill_template(profiles[2:])
    book = batch.read_files([("a.xlsx", first), ("b.xlsx", second), ("broken.xlsx", first[:200])])
    result = batch.run(book, "zh", as_of=AS_OF)
    assert result.entries == engine_entries(profiles[:2])  # the first file's enterprises, unchanged
    duplicates = [p for p in result.problems if p.sheet == "b.xlsx"]
    assert len(duplicates) == len(batch.SECTION_KEYS)
    assert duplicates[0].message == "“企业”已从 a.xlsx 读取，本文件中的同一部分未读取（请合并到一个文件）"
    assert [p.sheet for p in result.problems if p.message.startswith("不是可读取的 Excel 工作簿")] == ["broken.xlsx"]
