"""The template round-trips: filled in and uploaded (XLSX, or CSV in UTF-8, BOM or GBK), it gives the engine's results."""

from __future__ import annotations

import io

import openpyxl
import pytest
from batch_helpers import AS_OF, as_csv_files, engine_entries, examples, fill_template

from calculators import batch


def test_template_has_a_sheet_per_section_chinese_headers_with_units_and_an_example_row():
    wb = openpyxl.load_workbook(io.BytesIO(batch.template_xlsx("zh")))
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
    result = batch.run(batch.read_xlsx(batch.template_xlsx("zh")), "zh", as_of=AS_OF)
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
    wb = openpyxl.load_workbook(io.BytesIO(batch.template_xlsx("zh")))
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
        "enterprise": {"name": "春申短剧影业有限公司", "credit_code": "91330100716105852F"},
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
        expected = set(model.model_fields) | ({"as_of", "interpretation"} if section == "enterprise" else set())
        assert fields == expected, section
    top = set(models.Profile.model_fields) - set(model_of)
    assert top == {"as_of", "interpretation"}
