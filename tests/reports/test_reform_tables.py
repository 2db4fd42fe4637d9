"""The what-if workbook (reports/reform_tables.py) of the hand-computed portfolio, sheet by sheet, as literal cells.

tests/reform/test_reform_cli.py's three enterprises: 甲 R&D 8,000,000 x 30% = 2,400,000; 乙 a carrier at its
3,000,000 cap (revenue up 15,000,000 x 20%); 丙 R&D 1,000,000 x 30% = 300,000. Today 5,700,000.
With the R&D rate at 20%: 甲 1,600,000, 丙 200,000: 4,800,000 (-900,000), two lose, none gains; the two R&D
enterprises are re-assessed (the change can reach them), 乙 is not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from batch.whatif import compare
from calculators.reform import reform_from_values
from reports import reform_tables
from tests.reform.test_reform_cli import PROFILES
from tests.reports.test_reform_exports import _portfolio

DISCLAIMER = {
    "zh": "测算结果仅供参考：“最高可达”是上限，实际扶持以区文旅局评审认定为准；政策调整为模拟，不代表任何已作出的决定。",
    "en": "For reference only: ceilings are upper bounds, the bureau's review decides; a what-if is a simulation, not a "
          "decision.",
}
# sheet → (header and rows, column widths in whole characters)
SHEETS = {
    "zh": [
        ("摘要", [("项目", "数值"), ("测算企业数", 3), ("受调整影响而重新测算的企业数", 2), ("就高不重复口径", "不变（按各企业所选）"),
                ("潜在支出（现行，元）", 5700000), ("潜在支出（调整后，元）", 4800000), ("变化（元）", -900000),
                ("需评审认定可能增加（现行，元）", 0), ("需评审认定可能增加（调整后，元）", 0), ("增加的企业数", 0),
                ("减少的企业数", 2), ("有条款状态改变（跨过门槛）的企业数", 0), ("新增可申报条款的企业数", 0),
                ("失去可申报条款的企业数", 0), ("免责声明", DISCLAIMER["zh"])], [40, 60]),
        ("参数调整", [("参数", "条款", "政策原文", "现行值", "调整为", "单位", "生效日期", "说明"),
                  ("研发费用扶持比例", "二、第5条", "给予企业研发费用投入 30% 以内的扶持", "30%", "20%", "比例", "2026-03-14", None)],
         [30, 12, 60, 14, 14, 10, 12, 30]),
        ("按条款", [("条款", "现行（元）", "调整后（元）", "变化（元）"), ("1 产业载体扶持", 3000000, 3000000, 0),
                 ("5 技术攻关研发扶持", 2700000, 1800000, -900000)], [34, 18, 18, 18]),
        ("按年度", [("年度", "现行（元）", "调整后（元）", "变化（元）"), (2026, 5700000, 4800000, -900000)], [10, 18, 18, 18]),
        ("按企业", [("企业名称", "统一社会信用代码", "现行（元）", "调整后（元）", "变化（元）", "新增可申报条款", "不再可申报条款", "状态改变"),
                 ("甲公司", None, 2400000, 1600000, -800000, None, None, "否"),
                 ("乙园区", None, 3000000, 3000000, 0, None, None, "否"),
                 ("丙科技", None, 300000, 200000, -100000, None, None, "否")], [30, 22, 16, 16, 16, 20, 20, 10]),
    ],
    "en": [
        ("Summary", [("What", "Value"), ("Enterprises assessed", 3),
                     ("Enterprises re-assessed (the reform can reach them)", 2),
                     ("Reading of the no-duplication rule", "unchanged (each enterprise's own)"),
                     ("Potential spend today (yuan)", 5700000), ("Potential spend after the change (yuan)", 4800000),
                     ("Change (yuan)", -900000), ("Review potential today (yuan)", 0), ("Review potential after (yuan)", 0),
                     ("Enterprises that gain", 0), ("Enterprises that lose", 2),
                     ("Enterprises with an item crossing a line", 0), ("Enterprises gaining an item", 0),
                     ("Enterprises losing an item", 0), ("Disclaimer", DISCLAIMER["en"])], [40, 60]),
        ("Changes", [("Parameter", "Article", "Policy sentence", "Today", "New value", "Unit", "From", "Note"),
                     ("R&D spending, support rate", "二、第5条", "给予企业研发费用投入 30% 以内的扶持", "30%", "20%", "share",
                      "2026-03-14", None)], [30, 12, 60, 14, 14, 10, 12, 30]),
        ("By item", [("Item", "Today (yuan)", "After (yuan)", "Change (yuan)"),
                     ("1 Industry carrier support", 3000000, 3000000, 0),
                     ("5 Technology R&D support", 2700000, 1800000, -900000)], [34, 18, 18, 18]),
        ("By year", [("Year", "Today (yuan)", "After (yuan)", "Change (yuan)"), (2026, 5700000, 4800000, -900000)],
         [10, 18, 18, 18]),
        ("By enterprise", [("Enterprise", "Credit code", "Today (yuan)", "After (yuan)", "Change (yuan)", "Items gained",
                            "Items lost", "A line crossed"),
                           ("甲公司", None, 2400000, 1600000, -800000, None, None, "no"),
                           ("乙园区", None, 3000000, 3000000, 0, None, None, "no"),
                           ("丙科技", None, 300000, 200000, -100000, None, None, "no")], [30, 22, 16, 16, 16, 20, 20, 10]),
    ],
}


def comparison(values: dict, lang: str, reading: str | None = None):
    reform, problems = reform_from_values(values, reading, lang) if reading else reform_from_values(values, lang=lang)
    assert not problems
    return compare(_portfolio(PROFILES, lang), reform)


def sheets(data: bytes) -> list[tuple[str, list[tuple], list[int | None]]]:
    out = []
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        rows = list(ws.iter_rows(values_only=True))
        stored = {i: int(d.width) for d in ws.column_dimensions.values() if d.width for i in range(d.min, d.max + 1)}
        out.append((ws.title, rows, [stored.get(i) for i in range(1, len(rows[0]) + 1)]))
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"
        assert all(c.font.b for c in ws[1]), ws.title
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_what_if_workbook_cell_by_cell(lang):
    c = comparison({"article5_rnd.rnd_support_rate": "20%"}, lang)
    assert sheets(reform_tables.comparison_workbook(c, lang)) == SHEETS[lang]


# A fourth enterprise, 丁: a carrier of 45 related enterprises of 90 (50%), revenue up 2,000,000 (+20%), and a venue
# open since 2025-01-01 with 3 positive reports, 6,000 visitors a month and 1,000,000 invested. Today both fall
# short: 45 < 50 enterprises, 3 < 4 reports. The reform (strict reading for all): at least 40 related enterprises,
# a share above 45%, 3 reports. 丁 gains item 1 (2,000,000 x 20% = 400,000) and item 6 (1,000,000 x 20% =
# 200,000); 乙 (60 of 150 = 40%, not above 45%) loses its 3,000,000. Item 1: 3,000,000 → 400,000; item 6:
# 0 → 200,000; 5,700,000 → 3,300,000. Re-assessed: the two carriers (the change reaches no R&D).
DING = {"as_of": "2026-11-27", "enterprise": {"name": "丁园区", "registered_in_minhang": True,
                                              "credit_code": "91330100716105852F"},
        "carrier": {"name": "丁载体", "related_enterprises": 45, "total_enterprises": 90, "independent_area_sqm": 0,
                    "revenue_last_year_yuan": 10000000, "revenue_this_year_yuan": 12000000},
        "venues": [{"name": "丁场景", "opened_on": "2025-01-01", "positive_media_reports": 3, "avg_monthly_visitors": 6000,
                    "avg_monthly_revenue_yuan": 0, "total_investment_yuan": 1000000, "previously_supported": False}]}
LINES = {"article1_carrier.related_enterprises_min": 40, "article1_carrier.related_share_min": "45%",
         "article6_venues.min_positive_media_reports": 3}


@pytest.mark.parametrize(("lang", "summary", "items", "enterprises", "changes"), [
    ("zh",
     [("测算企业数", 4), ("受调整影响而重新测算的企业数", 2), ("就高不重复口径", "统一按严格口径"), ("潜在支出（现行，元）", 5700000),
      ("潜在支出（调整后，元）", 3300000), ("变化（元）", -2400000), ("需评审认定可能增加（现行，元）", 0),
      ("需评审认定可能增加（调整后，元）", 0), ("增加的企业数", 1), ("减少的企业数", 1), ("有条款状态改变（跨过门槛）的企业数", 2),
      ("新增可申报条款的企业数", 1), ("失去可申报条款的企业数", 1)],
     [["1 产业载体扶持", 3000000, 400000, -2600000], ["5 技术攻关研发扶持", 2700000, 2700000, 0],
      ["6 创新应用场景一次性扶持", 0, 200000, 200000]],
     [["甲公司", "", 2400000, 2400000, 0, "", "", "否"], ["乙园区", "", 3000000, 0, -3000000, "", "1", "是"],
      ["丙科技", "", 300000, 300000, 0, "", "", "否"], ["丁园区", "91330100716105852F", 0, 600000, 600000, "1、6", "", "是"]],
     [["相关企业总数须达到", "一、第1条", "且相关企业总数达到 50 家以上", "50", "40", "家", "2026-03-14", ""],
      ["相关企业占比须超过", "一、第1条", "对于产业载体内微短剧等网络视听相关企业数占比超过 30%", "30%", "45%", "比例", "2026-03-14", ""],
      ["主流媒体正面报道须达到", "二、第6条", "且累计获得市级及以上主流媒体正面报道4次及以上", "4", "3", "次", "2026-03-14", ""]]),
    ("en",
     [("Enterprises assessed", 4), ("Enterprises re-assessed (the reform can reach them)", 2),
      ("Reading of the no-duplication rule", "strict reading for all"), ("Potential spend today (yuan)", 5700000),
      ("Potential spend after the change (yuan)", 3300000), ("Change (yuan)", -2400000),
      ("Review potential today (yuan)", 0), ("Review potential after (yuan)", 0), ("Enterprises that gain", 1),
      ("Enterprises that lose", 1), ("Enterprises with an item crossing a line", 2), ("Enterprises gaining an item", 1),
      ("Enterprises losing an item", 1)],
     [["1 Industry carrier support", 3000000, 400000, -2600000], ["5 Technology R&D support", 2700000, 2700000, 0],
      ["6 Innovative venue one-off support", 0, 200000, 200000]],
     [["甲公司", "", 2400000, 2400000, 0, "", "", "no"], ["乙园区", "", 3000000, 0, -3000000, "", "1", "yes"],
      ["丙科技", "", 300000, 300000, 0, "", "", "no"],
      ["丁园区", "91330100716105852F", 0, 600000, 600000, "1、6", "", "yes"]],
     [["Related enterprises at least", "一、第1条", "且相关企业总数达到 50 家以上", "50", "40", "enterprises", "2026-03-14", ""],
      ["Share of related enterprises must exceed", "一、第1条", "对于产业载体内微短剧等网络视听相关企业数占比超过 30%", "30%",
       "45%", "share", "2026-03-14", ""],
      ["Positive reports in major media at least", "二、第6条", "且累计获得市级及以上主流媒体正面报道4次及以上", "4", "3", "reports",
       "2026-03-14", ""]]),
])
def test_an_enterprise_that_gains_two_items_and_one_that_loses_its_only_one(lang, summary, items, enterprises, changes):
    reform, problems = reform_from_values(LINES, "strict", lang)
    assert not problems
    c = compare(_portfolio([*PROFILES, DING], lang), reform)
    assert reform_tables.summary_rows(c, lang) == summary
    assert reform_tables.item_rows(c, lang)[1] == items
    assert reform_tables.year_rows(c, lang)[1] == [[2026, 5700000, 3300000, -2400000]]
    assert reform_tables.enterprise_rows(c, lang)[1] == enterprises
    assert reform_tables.enterprise_rows(c, lang, rows=c.rows[3:])[1] == enterprises[3:]  # a page's selection
    assert reform_tables.changes_table(c.reform, lang)[1] == changes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_synthetic_portfolio_carries_its_banner_above_every_sheet_of_enterprises(lang):
    """The demo portfolio's banner, bold and orange, above the header of the summary, items, years and
    enterprises (the changes sheet is the reform's, not the enterprises'): the header moves to row 2."""
    c = dataclasses.replace(comparison({"article5_rnd.rnd_support_rate": "20%"}, lang), synthetic=True)
    banner = {"zh": "【合成示例】以下企业均为虚构，仅用于演示", "en": "[Synthetic demo] every enterprise below is fictitious"}[lang]
    wb = load_workbook(io.BytesIO(reform_tables.comparison_workbook(c, lang)))
    for ws, (title, rows, _widths) in zip(wb.worksheets, SHEETS[lang], strict=True):
        lead = ws.title != SHEETS[lang][1][0]
        got = list(ws.iter_rows(values_only=True))
        assert got == ([(banner,) + (None,) * (len(rows[0]) - 1)] if lead else []) + rows, title
        assert ws.freeze_panes == ("A3" if lead else "A2")
        if lead:
            assert ws["A1"].font.b and ws["A1"].font.color.rgb == "FFC4540C"


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (Decimal("0.3"), "ratio", "30%"), (Decimal("0.125"), "ratio", "12.5%"), (Decimal("1"), "ratio", "100%"),
    (3000000, "yuan", "3,000,000"), (Decimal("3000000.00"), "yuan", "3,000,000"), (Decimal("1234.50"), "yuan", "1,234.5"),
    (dt.date(2029, 3, 13), "date", "2029-03-13"), (4, "count", "4"),
])
def test_a_parameter_value_as_people_write_it(value, unit, shown):
    assert reform_tables.show_value(value, unit) == shown


def test_an_enterprise_losing_two_items_lists_both_and_the_default_language_is_chinese():
    """庚: 乙's carrier (60 of 150 related enterprises) and a venue with 5 positive reports, both met today; with at
    least 70 related enterprises and 6 reports it loses items 1 and 6 (3,000,000 + 1,000,000 x 20% = 3,200,000)."""
    geng = {**DING, "enterprise": {"name": "庚园区", "registered_in_minhang": True},
            "carrier": {**PROFILES[1]["carrier"]}, "venues": [{**DING["venues"][0], "positive_media_reports": 5}]}
    reform, problems = reform_from_values({"article1_carrier.related_enterprises_min": 70,
                                           "article6_venues.min_positive_media_reports": 6}, lang="zh")
    assert not problems
    c = compare(_portfolio([geng]), reform)
    assert reform_tables.enterprise_rows(c, "zh")[1] == [["庚园区", "", 3200000, 0, -3200000, "", "1、6", "是"]]
    assert sheets(reform_tables.comparison_workbook(c)) == sheets(reform_tables.comparison_workbook(c, "zh"))
