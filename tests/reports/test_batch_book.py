"""The batch results workbook (reports/batch_book.py), sheet by sheet, as literal cells.

Six enterprises, each figure by hand:
  甲 R&D 8,000,000 x 30% = 2,400,000 (credit code given); 乙 a carrier at its 3,000,000 cap; 丙 R&D 1,000,000 x 30%
  = 300,000, under the strict reading; 丁 R&D 300,000 and a work on another platform only (2.3 in review, 600,000;
  2.1, 2.2, 3.1, 3.2 not met) and 30 trainees (8, in review); 戊 a carrier short on all three lines (42 of 150 = 28%,
  7,000 m², +8.5%); 己 a platform recognised at both levels, 9,000,000 x 30% = 2,700,000 counted at the national
  2,000,000 (strict reading). Total 2,400,000 + 3,000,000 + 300,000 + 300,000 + 2,000,000 = 8,000,000; in review
  600,000. One more row names an enterprise with a credit code that is not one: a problem, not assessed.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from decimal import Decimal

import openpyxl
import pytest

import batch
from reports import batch_book
from tests.reform.test_reform_cli import PROFILES
from tests.reports.test_xlsx_json import SMALL

CODE = "91330100716105852F"
ENTERPRISES = [
    {**PROFILES[0], "enterprise": {**PROFILES[0]["enterprise"], "credit_code": CODE}},
    PROFILES[1],
    {**PROFILES[2], "interpretation": "strict"},
    {**SMALL, "enterprise": {"name": "丁影业", "registered_in_minhang": True}},
    {"as_of": "2026-11-27", "enterprise": {"name": "戊楼宇", "registered_in_minhang": True},
     "carrier": {"name": "吴泾文创楼宇", "year": 2026, "related_enterprises": 42, "total_enterprises": 150,
                 "independent_area_sqm": 7000, "revenue_last_year_yuan": 20000000, "revenue_this_year_yuan": 21700000}},
    {"as_of": "2026-11-27", "interpretation": "strict", "enterprise": {"name": "己科技", "registered_in_minhang": True},
     "tech_platforms": [{"name": "虚拟制片公共服务平台", "year": 2026, "national": True, "municipal": True,
                         "recognised_on": "2026-08-20", "investment_yuan": 9000000}]},
]
REVIEW_NOTE = {"zh": "原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准",
               "en": "The text says 'support may be given': the figure is a ceiling, and the bureau's review sets the award"}


def result_of(lang: str):
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.profiles_workbook(ENTERPRISES, lang)))
    wb.worksheets[1].append(["庚公司", "BAD"])  # the enterprise sheet, row 8: header, six enterprises, this one
    buf = io.BytesIO()
    wb.save(buf)
    return batch.run(batch.read_xlsx(buf.getvalue(), lang), lang, as_of=dt.date(2026, 11, 27))


def sheets(data: bytes):
    out = {}
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        stored = {i: int(d.width) for d in ws.column_dimensions.values() if d.width for i in range(d.min, d.max + 1)}
        rows = list(ws.iter_rows(values_only=True))
        out[ws.title] = (rows, [stored.get(i) for i in range(1, len(rows[0]) + 1)])
        assert ws.freeze_panes == "A2" and all(c.font.b for c in ws[1]), ws.title
    return out


ITEMS = ["1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "5", "6", "7", "8"]
#        total      review  1        2.1 2.2 2.3 3.1 3.2 4.1      4.2 5        6  7  8   eligible, no, review, superseded
ENTERPRISE_ROWS = [
    ("甲公司", CODE, "default", 2400000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2400000, 0, 0, 0, 1, 0, 0, 0),
    ("乙园区", None, "default", 3000000, 0, 3000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    ("丙科技", None, "strict", 300000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300000, 0, 0, 0, 1, 0, 0, 0),
    ("丁影业", None, "default", 300000, 600000, 0, 0, 0, 0, 0, 0, 0, 0, 300000, 0, 0, 0, 1, 4, 2, 0),
    ("戊楼宇", None, "default", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
    ("己科技", None, "strict", 2000000, 0, 0, 0, 0, 0, 0, 0, 2000000, 0, 0, 0, 0, 0, 1, 0, 0, 0),
]
TEXTS = {
    "zh": {"sheets": ["概要", "企业汇总", "逐项结果", "问题清单"], "default": "默认口径", "strict": "严格口径",
           "summary": [("项目", "数值"), ("读取企业数", 7), ("已测算企业数", 6), ("有错误未测算的企业数", 1), ("问题条数", 1),
                       ("全部企业合计最高可达（元）", 8000000), ("需评审认定项目另可达（元）", 600000)],
           "head": ["企业名称", "统一社会信用代码", "测算日期", "就高不重复口径", "合计最高可达（元）", "需评审认定项目另可达（元）"],
           "counts": ["可申报（项）", "暂不符合（项）", "需评审认定（项）", "已按就高不重复（项）"],
           "items_head": ("企业名称", "统一社会信用代码", "项", "扶持项目", "申报对象", "年度", "状态", "最高可达（元）", "单项上限（元）",
                          "单个企业每年上限（元）", "未满足的条件", "说明"),
           "problems": [("工作表", "单元格", "行", "列", "企业", "问题"),
                        ("企业", "B8", 8, "统一社会信用代码（18 位，可留空）", "庚公司",
                         "须为 18 位统一社会信用代码（数字和大写字母，不含 I、O、Z、S、V），且末位校验码正确（GB 32100）")]},
    "en": {"sheets": ["Summary", "Enterprises", "Items", "Problems"], "default": "default reading",
           "strict": "strict reading",
           "summary": [("Item", "Value"), ("Enterprises read", 7), ("Enterprises assessed", 6),
                       ("Enterprises not assessed (errors)", 1), ("Problems", 1),
                       ("Total of all enterprises, up to (yuan)", 8000000), ("Items in review could add (yuan)", 600000)],
           "head": ["Enterprise name", "Unified social credit code", "Assessment date",
                    "Reading of the no-duplication rule", "Total, up to (yuan)", "Items in review could add up to (yuan)"],
           "counts": ["Eligible (items)", "Not yet (items)", "Needs review (items)", "Not added (no duplication) (items)"],
           "items_head": ("Enterprise name", "Unified social credit code", "Item", "Support", "Subject", "Year", "Status",
                          "Up to (yuan)", "Cap per subject (yuan)", "Yearly cap per enterprise (yuan)",
                          "Conditions not met", "Notes"),
           "problems": [("Sheet", "Cell", "Row", "Column", "Enterprise", "Problem"),
                        ("Enterprise", "B8", 8, "Unified social credit code (18 characters, optional)", "庚公司",
                         "must be an 18-character unified social credit code (digits and capital letters other than I, O, "
                         "Z, S, V) with a correct check character (GB 32100)")]},
}
ITEM_NAMES = {"zh": ["产业载体扶持", "市级专项资金扶持项目配套", "市级专项资金评审入围项目", "主要平台播出项目", "在地文化内容额外扶持",
                     "优秀作品改编项目", "专业化平台配套扶持", "产学研成果转化项目", "技术攻关研发扶持", "创新应用场景一次性扶持",
                     "专业人才引育保障", "行业培训补贴"],
              "en": ["Industry carrier support", "Municipal special fund award", "Municipal special fund shortlist",
                     "Broadcast on a major platform", "Local culture bonus", "Adaptation of an excellent work",
                     "Specialised platform matching support", "Research cooperation and commercialisation",
                     "Technology R&D support", "Innovative venue one-off support", "Talent attraction and support",
                     "Industry training subsidy"]}
# 戊's carrier: each unmet line, one a line (the consultation workbook's CARRIER_ROW); 己's platform: two notes
CARRIER_UNMET = {
    "zh": "相关企业占比 28%，需超过 30%（还差 2 个百分点以上）\n"
          "相关企业 42 家，需 50 家以上（还差 8 家）；或独立企业租购面积需超过 8,000 平方米（现 7,000 平方米）\n"
          "营业收入同比增幅 8.5%，需达到 10% 及以上（增速还差 1.5 个百分点）",
    "en": "Related enterprises are 28% of the carrier's enterprises; more than 30% is required (2 percentage points or more "
          "to go)\n42 related enterprises, at least 50 required (8 to go); or floor area of independent enterprises above "
          "8,000 m² (now 7,000 m²)\nRevenue grew 8.5% year on year; 10% or more required (1.5 percentage points to go)",
}
BOTH_LEVELS = {"zh": "同时获国家级和市级认定或扶持，按国家级就高计算，不重复享受",
               "en": "Recognised at both national and municipal level: the higher (national) counts once"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_results_workbook_cell_by_cell(lang):
    t = TEXTS[lang]
    book = sheets(batch_book.results_xlsx(result_of(lang)))
    assert list(book) == t["sheets"]
    summary, widths = book[t["sheets"][0]]
    assert summary[:-1] == t["summary"] and widths == [30, 100]
    assert summary[-1][0] == ("免责声明" if lang == "zh" else "Disclaimer")
    assert summary[-1][1].startswith("本报告依据《闵行区关于促进微短剧产业发展的若干措施》" if lang == "zh"
                                     else "This report applies the Minhang measures")

    rows, widths = book[t["sheets"][1]]
    unit = "（元）" if lang == "zh" else " (yuan)"
    assert list(rows[0]) == t["head"] + [f"{i} {n}{unit}" for i, n in zip(ITEMS, ITEM_NAMES[lang], strict=True)] + t["counts"]
    assert rows[1:] == [(name, code, "2026-11-27", t[reading], *rest) for name, code, reading, *rest in ENTERPRISE_ROWS]
    assert widths == [30, 22, 12, 10] + [16] * 18

    rows, widths = book[t["sheets"][2]]
    assert rows[0] == t["items_head"] and widths == [30, 22, 6, 26, 22, 7, 14, 14, 14, 16, 50, 50]
    by_subject = {(r[0], r[2]): r for r in rows[1:]}
    assert len(rows) - 1 == 1 + 1 + 1 + 7 + 1 + 1  # 丁: 2.1, 2.2, 2.3, 3.1, 3.2, 5 and 8
    eligible, no, review = {"zh": ("可申报", "暂不符合", "需评审认定"), "en": ("Eligible", "Not yet", "Needs review")}[lang]
    assert by_subject["甲公司", "5"] == ("甲公司", CODE, "5", ITEM_NAMES[lang][8], None, 2026, eligible, 2400000, 3000000,
                                       None, None, REVIEW_NOTE[lang])
    assert by_subject["丁影业", "2.3"] == ("丁影业", None, "2.3", ITEM_NAMES[lang][3], "片", 2026, review, 600000, 600000,
                                        3000000, None, REVIEW_NOTE[lang])
    assert by_subject["戊楼宇", "1"] == ("戊楼宇", None, "1", ITEM_NAMES[lang][0], "吴泾文创楼宇", 2026, no, 0, 3000000, None,
                                      CARRIER_UNMET[lang], None)
    assert by_subject["己科技", "4.1"] == ("己科技", None, "4.1", ITEM_NAMES[lang][6], "虚拟制片公共服务平台", 2026, eligible,
                                        2000000, 2000000, None, None, f"{REVIEW_NOTE[lang]}\n{BOTH_LEVELS[lang]}")

    rows, widths = book[t["sheets"][3]]
    assert rows == t["problems"] and widths == [14, 8, 6, 30, 30, 80]


def test_the_tables_take_the_batchs_language_unless_told():
    result = result_of("en")
    assert batch_book.enterprise_table(result) == batch_book.enterprise_table(result, "en")
    assert batch_book.item_table(result)[0][2:4] == ["Item", "Support"]
    assert batch_book.problem_table(result)[0][0] == "Sheet"
    zh = batch_book.enterprise_table(result, "zh")
    assert zh[0][:2] == ["企业名称", "统一社会信用代码"] and zh[1][0][3] == "默认口径"


# The blank template's drop-down lists: (sheet, column range, choices), on the data rows 2 to 5,000 (TEMPLATE_ROWS)
DROP_DOWNS = {
    "zh": [("企业", "C2:C5000", '"是,否,未确认"'), ("企业", "D2:D5000", '"是,否"'), ("企业", "E2:E5000", '"是,否"'),
           ("企业", "G2:G5000", '"默认,严格"'), ("项目", "E2:E5000", '"无,入围,获得"'), ("项目", "I2:I5000", '"是,否"'),
           ("技术平台", "E2:E5000", '"是,否"'), ("技术平台", "F2:F5000", '"是,否"'), ("转化项目", "E2:E5000", '"是,否"'),
           ("研发", "E2:E5000", '"是,否"'), ("场景", "J2:J5000", '"是,否"'), ("人才", "D2:D5000", '"是,否"')],
    "en": [("Enterprise", "C2:C5000", '"yes,no,unknown"'), ("Enterprise", "D2:D5000", '"yes,no"'),
           ("Enterprise", "E2:E5000", '"yes,no"'), ("Enterprise", "G2:G5000", '"default,strict"'),
           ("Projects", "E2:E5000", '"none,shortlisted,awarded"'), ("Projects", "I2:I5000", '"yes,no"'),
           ("Platforms", "E2:E5000", '"yes,no"'), ("Platforms", "F2:F5000", '"yes,no"'),
           ("Cooperation", "E2:E5000", '"yes,no"'), ("R&D", "E2:E5000", '"yes,no"'), ("Venues", "J2:J5000", '"yes,no"'),
           ("Talent", "D2:D5000", '"yes,no"')],
}
# Each column as wide as its header (a Chinese character counts two), at least 12 and at most 40 characters
TEMPLATE_WIDTHS = {
    "zh": {"企业": [12, 36, 40, 26, 34, 40, 40], "载体": [12, 36, 12, 20, 16, 20, 26, 22, 22, 30],
           "项目": [12, 36, 12, 20, 30, 40, 40, 24, 32, 30], "培训": [12, 36, 16]},
    "en": {"Enterprise": [15, 40, 40, 36, 40, 40, 40], "Carrier": [15, 40, 12, 16, 33, 40, 40, 32, 32, 35],
           "Training": [15, 40, 23]},  # "trainees (person-times)"
}
EXAMPLE_ROWS = {  # the example enterprise (content/examples): skipped when read, there to show the forms
    "zh": {"企业": ("【示例】春申短剧影业有限公司", "91310112MA1GBUWX3E", "是", "否", "否", None, "默认"),
           "项目": ("【示例】春申短剧影业有限公司", "91310112MA1GBUWX3E", "申城寻味记", 2026, "获得", "2026-06-18", "抖音、红果短剧", 12,
                  "否", None)},
    "en": {"Enterprise": ("[Example] 春申短剧影业有限公司", "91310112MA1GBUWX3E", "yes", "no", "no", None, "default"),
           "Projects": ("[Example] 春申短剧影业有限公司", "91310112MA1GBUWX3E", "申城寻味记", 2026, "awarded", "2026-06-18",
                        "Douyin, Hongguo", 12, "no", None)},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_blank_template_has_its_drop_down_lists_widths_and_example_rows(lang):
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.template_xlsx(lang)))
    readme = wb.worksheets[0]
    assert readme.title == ("填写说明" if lang == "zh" else "How to fill in")
    assert readme.column_dimensions["A"].width == pytest.approx(120, abs=1) and readme.max_row == 11
    assert readme["A1"].value.startswith("本工作簿用于批量测算" if lang == "zh" else "This workbook assesses many enterprises")
    lists = []
    for ws in wb.worksheets[1:]:
        for dv in ws.data_validations.dataValidation:
            # a list to pick from, blank allowed, anything else typed still accepted (the reader names a bad value)
            assert (dv.type, dv.allow_blank, dv.showErrorMessage) == ("list", True, False)
            lists.append((ws.title, str(dv.sqref), dv.formula1))
        stored = {i: int(d.width) for d in ws.column_dimensions.values() if d.width for i in range(d.min, d.max + 1)}
        if ws.title in TEMPLATE_WIDTHS[lang]:
            assert [stored.get(i) for i in range(1, ws.max_column + 1)] == TEMPLATE_WIDTHS[lang][ws.title], ws.title
        if ws.title in EXAMPLE_ROWS[lang]:
            assert list(ws.iter_rows(min_row=2, values_only=True)) == [EXAMPLE_ROWS[lang][ws.title]]
        assert ws.freeze_panes == "A2" and ws.max_row == 2
    assert lists == DROP_DOWNS[lang]


def test_a_filled_template_has_no_drop_down_lists_and_a_banner_on_its_read_me():
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.profiles_workbook(ENTERPRISES[:1], "zh", banner="【合成示例】")))
    assert wb.worksheets[0]["A1"].value == "【合成示例】" and wb.worksheets[0].max_row == 12
    assert all(not ws.data_validations.dataValidation for ws in wb.worksheets)
    assert list(wb["研发"].iter_rows(min_row=2, values_only=True)) == [("甲公司", CODE, None, 8000000, "是", None)]


def test_an_items_column_adds_up_its_years():
    """辛, assessed 2027-06-01: two works on Douyin, one counted in 2026 and one in 2027 (each 600,000, each year under
    2.3's 3,000,000 yearly cap): the enterprise's 2.3 column is 1,200,000, not one year's 600,000."""
    xin = {"as_of": "2027-06-01", "enterprise": {"name": "辛影业", "registered_in_minhang": True},
           "projects": [{"name": "片一", "year": 2026, "platforms": ["douyin"]},
                        {"name": "片二", "year": 2027, "platforms": ["douyin"]}]}
    result = batch.run(batch.read_xlsx(batch_book.profiles_workbook([xin])), "zh", as_of=dt.date(2027, 6, 1))
    header, rows = batch_book.enterprise_table(result, "zh")
    assert rows[0][4] == 1200000 and rows[0][header.index("2.3 主要平台播出项目（元）")] == 1200000


def test_the_results_workbook_can_be_written_in_the_other_language():
    """A batch read in Chinese, its results downloaded in English (the page's language may change between)."""
    book = openpyxl.load_workbook(io.BytesIO(batch_book.results_xlsx(result_of("zh"), "en")))
    assert book.sheetnames == TEXTS["en"]["sheets"]
    assert book["Enterprises"]["D2"].value == "default reading"


def test_the_results_workbook_in_the_other_language_has_every_sheet_in_it():
    """The same download, read sheet by sheet: each header in English, the statuses and item names too (the
    problems' messages stay as the batch wrote them, in Chinese)."""
    book = openpyxl.load_workbook(io.BytesIO(batch_book.results_xlsx(result_of("zh"), "en")))
    items = list(book["Items"].iter_rows(values_only=True))
    assert items[0] == TEXTS["en"]["items_head"]
    assert {(r[0], r[2], r[3], r[6]) for r in items[1:] if r[0] in ("甲公司", "戊楼宇")} == {
        ("甲公司", "5", "Technology R&D support", "Eligible"), ("戊楼宇", "1", "Industry carrier support", "Not yet")}
    problems = list(book["Problems"].iter_rows(values_only=True))
    assert problems[0] == TEXTS["en"]["problems"][0] and len(problems) == 2


def test_the_results_workbook_sets_no_width_past_its_last_column():
    """Each sheet's widths stop at its last column: the columns after it keep Excel's default width, and the
    writer is given no width for a column that is not there (it would skip it with a warning in the server's log)."""
    result = result_of("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = batch_book.results_xlsx(result)
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ws, last in zip(book.worksheets, (2, 22, 12, 6), strict=True):
        stored = {i for d in ws.column_dimensions.values() if d.width for i in range(d.min, d.max + 1)}
        assert stored == set(range(1, last + 1)), ws.title


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_templates_example_is_a_whole_profile_with_no_date_of_its_own(lang):
    """The example enterprise of the template: every section of a profile (RULES.md §5), valid as one once a date is
    given; its own date left empty, so that the batch's date applies. Without a language: the Chinese one."""
    from calculators.models import Profile

    example = batch_book.example_profile(lang)
    assert list(example) == ["as_of", "interpretation", "enterprise", "carrier", "projects", "tech_platforms",
                             "transformation_projects", "rnd", "venues", "talent", "training"]
    assert example["as_of"] is None and example["enterprise"]["name"] == {
        "zh": "【示例】春申短剧影业有限公司", "en": "[Example] 春申短剧影业有限公司"}[lang]
    profile = Profile.model_validate({**example, "as_of": "2026-11-27"})
    assert [p.name for p in profile.projects] == ["申城寻味记"] and profile.projects[0].local_culture_minutes == 12
    assert batch_book.example_profile() == batch_book.example_profile("zh")


def test_the_template_without_a_language_is_the_chinese_one():
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.template_xlsx()))
    assert wb.sheetnames[:2] == ["填写说明", "企业"]
    assert wb["企业"]["A2"].value == "【示例】春申短剧影业有限公司"


# ---- profiles written as template rows (the demo portfolio, the benchmark, the tests' books) ----

OLDER = {"as_of": "2027-05-06", "interpretation": "strict",
         "enterprise": {"name": "庚影业", "credit_code": None, "registered_in_minhang": None, "false_materials": False,
                        "unrepaired_negative_credit": True},
         "projects": [{"name": "潮汐", "year": 2027, "municipal_fund": "awarded", "municipal_fund_date": "2027-01-05",
                       "platforms": ["tencent", "other"], "local_culture_minutes": 12.5,
                       "adaptation_first_filing": True}],
         # an older profile: 4.2's one amount, which stands for the project's total (RULES.md §6.4)
         "transformation_projects": [{"name": "AI 调色", "year": 2027, "with_research_partner": True,
                                      "investment_yuan": 1200000}],
         "training": {"trainees": 31}}
# Each cell as the template's reader takes it back: 是/否 (yes/no), an empty cell for an unknown 注册在闵行,
# the fund and the reading in the reader's words, the platforms by name with "other" in the sheet's language.
ROWS = {
    "zh": {"enterprise": [["庚影业", None, None, "否", "是", "2027-05-06", "严格"]],
           "projects": [["庚影业", None, "潮汐", 2027, "获得", "2027-01-05", "腾讯视频、其他", Decimal("12.5"), "是", None]],
           "transformation_projects": [["庚影业", None, "AI 调色", 2027, "是", 1200000, None, None]],
           "training": [["庚影业", None, 31]]},
    "en": {"enterprise": [["庚影业", None, None, "no", "yes", "2027-05-06", "strict"]],
           "projects": [["庚影业", None, "潮汐", 2027, "awarded", "2027-01-05", "Tencent Video, other", Decimal("12.5"),
                         "yes", None]],
           "transformation_projects": [["庚影业", None, "AI 调色", 2027, "yes", 1200000, None, None]],
           "training": [["庚影业", None, 31]]},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_profile_is_written_as_the_template_rows_the_reader_takes_back(lang):
    rows = batch_book.profile_rows([OLDER], lang)
    assert {s: r for s, r in rows.items() if r} == ROWS[lang]
    assert all(not r for s, r in rows.items() if s not in ROWS[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_profiles_workbook_holds_those_rows_in_its_language(lang):
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.profiles_workbook([OLDER], lang)))
    sheet = {"zh": "项目", "en": "Projects"}[lang]
    got = [list(r) for r in wb[sheet].iter_rows(min_row=2, values_only=True)]
    expected = ROWS[lang]["projects"][0]
    assert got == [expected[:7] + [12.5] + expected[8:]]  # Excel keeps the minutes as a number
    assert wb.sheetnames[0] == {"zh": "填写说明", "en": "How to fill in"}[lang]


def test_platform_names_are_those_in_force_on_the_profiles_date(monkeypatch):
    """A platform's name is read from the parameters in force on the profile's 测算日期, not today's."""
    real = batch_book.parameters_on

    class Renamed:
        def __init__(self, on):
            self.on, self.params = on, real(on)

        def get(self, stem, name):
            value = self.params.get(stem, name)
            if (stem, name) == ("article2_projects", "major_platforms") and self.on != dt.date(2027, 5, 6):
                return {code: {"zh": "改名" + names["zh"], "en": "Renamed " + names["en"]} for code, names in value.items()}
            return value

    monkeypatch.setattr(batch_book, "parameters_on", Renamed)
    assert batch_book.profile_rows([OLDER], "zh")["projects"][0][6] == "腾讯视频、其他"
    assert batch_book.profile_rows([{**OLDER, "as_of": "2027-05-07"}], "zh")["projects"][0][6] == "改名腾讯视频、其他"
