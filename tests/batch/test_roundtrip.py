"""The template round-trips: filled in and uploaded (XLSX, or CSV in UTF-8, BOM or GBK), it gives the engine's results."""

from __future__ import annotations

import io

import openpyxl
import pytest
from batch_helpers import AS_OF, as_csv_files, engine_entries, examples, fill_template

import batch
from reports import batch_book


def test_template_has_a_sheet_per_section_chinese_headers_with_units_and_an_example_row():
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.template_xlsx("zh")))
    assert wb.sheetnames == ["填写说明", "企业", "载体", "项目", "技术平台", "转化项目", "研发", "场景", "人才", "培训"]
    headers = [c.value for c in wb["载体"][1]]
    assert headers[:2] == ["企业名称", "统一社会信用代码（18 位，可留空）"]
    assert "上年营业收入总额（元）" in headers and "相关企业数（家）" in headers
    assert "独立企业租购面积（平方米）" in headers
    assert "在地文化内容时长（分钟）" in [c.value for c in wb["项目"][1]]
    for section in batch.SECTION_KEYS:
        example = [c.value for c in wb[batch.sheet_name(section)][2]]
        assert str(example[0]).startswith("【示例】"), section
    lists = {str(dv.sqref): dv.formula1 for dv in wb["项目"].data_validations.dataValidation}
    assert lists == {"E2:E5000": '"无,入围,获得"', "I2:I5000": '"是,否"'}


def test_the_unfilled_template_reads_as_no_enterprise_and_no_problem():
    result = batch.run(batch.read_xlsx(batch_book.template_xlsx("zh")), "zh", as_of=AS_OF)
    assert result.entries == [] and result.problems == [] and result.enterprises_read == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_filled_template_gives_the_engines_results(lang):
    profiles = examples()
    result = batch.run(batch.read_xlsx(fill_template(profiles, lang)), lang, as_of=AS_OF)
    assert result.problems == []
    assert result.entries == engine_entries(profiles, lang)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_files_in_any_excel_encoding_read_the_same_as_the_workbook(encoding):
    profiles = examples()
    workbook = fill_template(profiles)
    from_xlsx = batch.run(batch.read_xlsx(workbook), "zh", as_of=AS_OF)
    files = as_csv_files(workbook, encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            files[0][1].decode("utf-8")  # really GBK, not UTF-8 by accident
    from_csv = batch.run(batch.read_files(files), "zh", as_of=AS_OF)
    assert from_csv.problems == []
    assert from_csv.entries == from_xlsx.entries == engine_entries(profiles)


def test_utf8_bom_and_gbk_decode_to_the_same_text():
    text = "企业名称,统一社会信用代码\n春申短剧影业有限公司,91330100716105852F\n"
    assert batch.decode_text(text.encode("utf-8")) == batch.decode_text(text.encode("utf-8-sig")) == \
        batch.decode_text(text.encode("gbk")) == text


def test_cells_typed_by_hand_are_read_as_people_write_them():
    """是/否, 获得/入围, platform names with 、, dates with slashes, amounts with thousands separators."""
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.template_xlsx("zh")))
    for ws in wb.worksheets[1:]:
        ws.delete_rows(2, ws.max_row)
    wb["企业"].append(["春申短剧影业有限公司", "9133 0100 7161 0585 2F", "是", "否", "否", "2026/11/27", "严格"])
    wb["项目"].append(["春申短剧影业有限公司", None, "申城寻味记", 2026, "获得", "2026/6/18", "抖音、红果短剧", 12, "否"])
    wb["项目"].append([None, "91330100716105852F", "七宝老街", "2026", "入围", "2026-05-10", "腾讯视频", "3.5", "是"])
    wb["研发"].append(["春申短剧影业有限公司", None, 2026, "6,500,000.00", "是"])
    buf = io.BytesIO()
    wb.save(buf)
    result = batch.run(batch.read_xlsx(buf.getvalue()), "zh", as_of=AS_OF)
    assert result.problems == []
    expected = engine_entries([{
        "as_of": "2026-11-27", "interpretation": "strict",
        "enterprise": {"name": "春申短剧影业有限公司", "credit_code": "91330100716105852F",
                       "registered_in_minhang": True},
        "projects": [
            {"name": "申城寻味记", "year": 2026, "municipal_fund": "awarded", "municipal_fund_date": "2026-06-18",
             "platforms": ["douyin", "hongguo"], "local_culture_minutes": 12},
            {"name": "七宝老街", "year": 2026, "municipal_fund": "shortlisted", "municipal_fund_date": "2026-05-10",
             "platforms": ["tencent"], "local_culture_minutes": "3.5", "adaptation_first_filing": True},
        ],
        "rnd": {"year": 2026, "expenditure_yuan": 6500000, "applied_with_results": True},
    }])
    assert result.entries == expected
    assert result.entries[0].interpretation == "strict"


def test_blank_dates_and_readings_take_the_batch_defaults():
    profiles = examples()[:1]
    profiles[0] = {**profiles[0]}
    profiles[0].pop("as_of")
    profiles[0].pop("interpretation")
    result = batch.run(batch.read_xlsx(fill_template(profiles)), "zh", as_of=AS_OF, interpretation="strict")
    assert result.entries[0].as_of == AS_OF and result.entries[0].interpretation == "strict"


def test_the_template_has_a_column_for_every_field_of_the_profile():
    from calculators import models

    model_of = {"enterprise": models.Enterprise, "carrier": models.Carrier, "projects": models.Project,
                "tech_platforms": models.TechPlatform, "transformation_projects": models.TransformationProject,
                "rnd": models.Rnd, "venues": models.Venue, "talent": models.Talent, "training": models.Training}
    assert set(model_of) == set(batch.SECTION_KEYS)
    for section, model in model_of.items():
        fields = {f for f, _k, _h in batch.columns(section)} - {batch.KEY_NAME, batch.KEY_CODE}
        legacy = {f for f, _k in batch.LEGACY_COLUMNS.get(section, ())}  # still read, not in the template
        expected = set(model.model_fields) - legacy | ({"as_of", "interpretation"} if section == "enterprise" else set())
        assert fields == expected, section
    top = set(models.Profile.model_fields) - set(model_of)
    assert top == {"as_of", "interpretation"}


def _one_enterprise_book(enterprise_row: list, extra: dict[str, list[list]] | None = None,
                         headers: dict[str, list[str]] | None = None) -> bytes:
    """A workbook typed by hand: the template's sheets, one enterprise, optional rows (and headers)."""
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.template_xlsx("zh")))
    for ws in wb.worksheets[1:]:
        ws.delete_rows(2, ws.max_row)
    for sheet, header in (headers or {}).items():
        for i, h in enumerate(header, start=1):
            wb[sheet].cell(row=1, column=i, value=h)
    wb["企业"].append(enterprise_row)
    for sheet, rows in (extra or {}).items():
        for row in rows:
            wb[sheet].append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("cell", "status", "total", "review"), [
    ("是", "eligible", 600_000, 0),
    ("否", "ineligible", 0, 0),
    (None, "review", 0, 600_000),       # empty: unknown, never assumed (RULES.md §6.5)
    ("未确认", "review", 0, 600_000),
])
def test_registration_is_three_way_and_an_empty_cell_is_unknown(cell, status, total, review):
    # 5: 30% x 2,000,000 = 600,000
    data = _one_enterprise_book(["甲公司", None, cell, "否", "否", "2026-11-27", "默认"],
                                {"研发": [["甲公司", None, 2026, 2000000, "是"]]})
    result = batch.run(batch.read_xlsx(data), "zh", as_of=AS_OF)
    assert result.problems == []
    (entry,) = result.entries
    assert [r.status for r in entry.items] == [status]
    assert (entry.total_ceiling_yuan, entry.review_potential_yuan) == (total, review)


def test_cells_are_converted_exactly_and_bad_ones_named_while_good_rows_are_kept():
    """RULES.md §6.1: text cells read as the decimals they spell; a count that is not whole and money
    with more than 2 decimals are refused with the cell named; the other enterprise is assessed."""
    data = _one_enterprise_book(
        ["甲公司", None, "是", "否", "否", "2026-11-27", "默认"],
        {"场景": [["甲公司", None, "场景", 2026, "2025-01-01", "3.9999999999999999", "6000", None, "1000000", "否"]],
         "研发": [["乙公司", None, 2026, "2000000.001", "是"]]})
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb["企业"].append(["乙公司", None, "是", "否", "否", "2026-11-27", "默认"])
    wb["企业"].append(["丙公司", None, "是", "否", "否", "2026-11-27", "默认"])
    wb["项目"].append(["丙公司", None, "作品", 2026, "无", None, "抖音", "0.99999999999999999", "否"])
    buf = io.BytesIO()
    wb.save(buf)
    result = batch.run(batch.read_xlsx(buf.getvalue()), "zh", as_of=AS_OF)
    where = sorted((p.sheet, p.cell) for p in result.problems)
    assert where == [("场景", "F2"), ("研发", "D2")], [str(p) for p in result.problems]
    assert any("整数" in p.message for p in result.problems)
    assert any("2 位小数" in p.message for p in result.problems)
    (entry,) = result.entries  # 丙公司: 2.3 600,000; 3.1 below 1 minute
    assert entry.name == "丙公司"
    assert {r.item: r.status for r in entry.items}["3.1"] == "ineligible"
    assert entry.total_ceiling_yuan == 600_000


def test_an_old_template_with_one_investment_column_still_loads():
    """RULES.md §6.4: the old 项目投资额 column of 转化项目 stands for both amounts, with a note."""
    data = _one_enterprise_book(
        ["甲公司", None, "是", "否", "否", "2026-11-27", "默认"],
        {"转化项目": [["甲公司", None, "合作", 2026, "是", 3000000]]},
        headers={"转化项目": ["企业名称", "统一社会信用代码（18 位，可留空）", "合作项目名称", "年度（如 2026）",
                           "与高校或科研院所合作并成果转化（是/否）", "项目投资额（元）"]})
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["转化项目"]
    for col in (7, 8):  # drop the new columns' headers: the sheet is as an older template had it
        ws.cell(row=1, column=col, value=None)
    buf = io.BytesIO()
    wb.save(buf)
    result = batch.run(batch.read_xlsx(buf.getvalue()), "zh", as_of=AS_OF)
    assert result.problems == []
    (entry,) = result.entries
    (row,) = entry.items  # 30% x 3,000,000 = 900,000
    assert (row.item, row.status, row.ceiling_yuan) == ("4.2", "eligible", 900_000)
    assert any("旧版" in n for n in row.notes)
