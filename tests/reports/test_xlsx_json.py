"""The Excel workbook of one consultation, the JSON profile round trip, and formula neutralisation."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from calculators import assess, validate_profile
from reports import build_xlsx, profile_from_json, profile_to_json
from reports.profile_json import MAX_JSON_BYTES
from reports.sheets import neutralise

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.json"))
HOSTILE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")",
           "＝1+1", " =1"]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def every_cell(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield ws.title, cell


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workbook_has_results_inputs_and_citations_with_the_engines_figures(path, lang):
    profile, _ = validate_profile(load(path), lang)
    a = assess(profile, lang)
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(a, profile, lang)))
    names = {"zh": ["概要", "测算结果", "分项合计", "输入信息", "政策依据", "政策参数"],
             "en": ["Summary", "Results", "Totals", "Inputs", "Citations", "Parameters"]}[lang]
    assert wb.sheetnames == names
    results = list(wb[names[1]].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2] or None, r[5]) for r in results] == [(x.item, x.subject, x.ceiling_yuan) for x in a.items]
    totals = list(wb[names[2]].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[5]) for r in totals] == [(t.item, t.total_yuan) for t in a.item_totals]
    summary = dict(wb[names[0]].iter_rows(min_row=2, values_only=True))
    assert a.total_ceiling_yuan in summary.values()
    inputs = list(wb[names[3]].iter_rows(min_row=2, values_only=True))
    assert any(r[3] == a.enterprise for r in inputs)
    cited = {r[0] for r in wb[names[4]].iter_rows(min_row=2, values_only=True)}
    assert cited == {x.item for x in a.items}


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_quotes_every_formula_start(value):
    assert neutralise(value).startswith("'")
    assert neutralise("普通名称") == "普通名称"
    assert neutralise(12) == 12 and neutralise(Decimal("-5")) == Decimal("-5")


def test_no_cell_of_the_workbook_is_a_formula_even_with_hostile_names():
    data = load(ROOT / "content" / "examples" / "drama_studio.json")
    data["enterprise"]["name"] = "=HYPERLINK(\"http://evil\",\"点我\")"
    for i, name in enumerate(["+1", "-1+2", "@SUM(A1)", "<script>alert(1)</script>", "=cmd|' /C calc'!A0"]):
        data["projects"][i]["name"] = name
    profile, problems = validate_profile(data)
    assert not problems
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(profile), profile, "zh")))
    texts = []
    for _sheet, cell in every_cell(wb):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            texts.append(cell.value)
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
    assert "'=HYPERLINK(\"http://evil\",\"点我\")" in texts
    assert "<script>alert(1)</script>" in texts  # plain text, never markup


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_profile_round_trips_to_the_same_profile_and_assessment(path):
    profile, _ = validate_profile(load(path))
    raw = profile_to_json(profile)
    assert "\\u" not in raw.decode("utf-8")  # Chinese stays readable
    back, problems = profile_from_json(raw, "zh")
    assert problems == [] and back == profile
    # what was written is what the file said: every value of the example, read back from the JSON text
    # (not through the profile model, which validated both sides of the equality above)
    assert contains(json.loads(raw), load(path)), raw.decode("utf-8")


def contains(written, original) -> bool:
    """Every key and value of ``original`` is in ``written`` (numbers compared as exact decimals)."""
    if isinstance(original, dict):
        return isinstance(written, dict) and all(k in written and contains(written[k], v) for k, v in original.items())
    if isinstance(original, list):
        return isinstance(written, list) and len(written) == len(original) and all(
            contains(w, o) for w, o in zip(written, original, strict=True))
    if isinstance(original, (int, float)) and not isinstance(original, bool):
        return not isinstance(written, bool) and isinstance(written, (int, float)) \
            and Decimal(str(written)) == Decimal(str(original))
    return written == original


def test_the_workbook_totals_sheet_counts_each_item_after_its_yearly_cap():
    profile, _ = validate_profile(load(ROOT / "content" / "examples" / "drama_studio.json"))
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(profile), profile, "zh")))
    assert list(wb["分项合计"].iter_rows(values_only=True)) == [
        ("项", "扶持项目", "年度", "各对象合计（元）", "单个企业每年上限（元）", "计入合计（元）"),
        ("2.1", "市级专项资金扶持项目配套", 2026, 3000000, None, 3000000),
        # 3 shortlisted works × 1,000,000 = 3,000,000, counted at the 2,000,000 yearly cap
        ("2.2", "市级专项资金评审入围项目", 2026, 3000000, 2000000, 2000000),
        ("2.3", "主要平台播出项目", 2026, 2400000, 3000000, 2400000),  # 4 × 600,000
        ("3.1", "在地文化内容额外扶持", 2026, 140000, None, 140000),  # 100,000 + 30,000 + 10,000
        ("3.2", "优秀作品改编项目", 2026, 600000, 1000000, 600000),  # 2 × 300,000
    ]
    summary = dict(wb["概要"].iter_rows(min_row=2, values_only=True))
    # 3,000,000 + 2,000,000 + 2,400,000 + 140,000 + 600,000
    assert summary["合计最高可达（元）"] == 8140000
    # 虹桥来客 on another platform only: 2.3 600,000 and its 3.1 20,000 in review
    assert summary["需评审认定项目另可达（元）"] == 620000


def test_json_keeps_decimals_exact():
    data = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "credit_code": "91330100716105852F"},
            "rnd": {"year": 2026, "expenditure_yuan": "1234567.89", "applied_with_results": True},
            "projects": [{"name": "乙", "local_culture_minutes": "3.5", "platforms": ["douyin"]}]}
    profile, _ = validate_profile(data)
    raw = profile_to_json(profile)
    assert b'"expenditure_yuan": 1234567.89' in raw and b'"local_culture_minutes": 3.5' in raw
    back, _ = profile_from_json(raw)
    assert back.rnd.expenditure_yuan == Decimal("1234567.89")
    assert back.enterprise.credit_code == "91330100716105852F"


@pytest.mark.parametrize(("raw", "expected"), [
    (b"{not json", "JSON"),
    (b"\xff\xfe\x00", "UTF-8"),
    (b"[1, 2]", ""),
    (b"{}", "必须填写"),
    (b" " * (MAX_JSON_BYTES + 1), "文件过大"),
])
def test_bad_json_gives_a_message_not_a_traceback(raw, expected):
    profile, problems = profile_from_json(raw, "zh")
    assert profile is None and problems
    assert expected in " ".join(str(p) for p in problems)


def test_json_with_a_bom_is_read():
    profile, _ = validate_profile(load(ROOT / "content" / "examples" / "tech_firm.json"))
    back, problems = profile_from_json(b"\xef\xbb\xbf" + profile_to_json(profile))
    assert back == profile and not problems


def test_workbook_shows_claims_other_support_and_unknown_registration():
    """RULES.md §6.3/§6.5/§6.6 in the Excel export: the summary lists each work's claim, the results
    have the other-support column, and an unknown registration reads as such in the inputs."""
    data = {"as_of": "2026-11-27", "interpretation": "strict",
            "enterprise": {"name": "甲影业", "registered_in_minhang": True},
            "projects": [{"name": "作品", "platforms": ["douyin"], "adaptation_first_filing": True,
                          "other_minhang_support_yuan": 100000}]}
    profile, _ = validate_profile(data)
    a = assess(profile)
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(a, profile, "zh")))
    summary = list(wb["概要"].iter_rows(min_row=2, values_only=True))
    assert ("严格口径下各作品所计项目", next(f"「作品」按第2.3项计：{c.reason}" for c in a.claims)) in summary
    header = next(wb["测算结果"].iter_rows(max_row=1, values_only=True))
    col = header.index("本区其他政策已给予的支持（元）")
    rows = list(wb["测算结果"].iter_rows(min_row=2, values_only=True))
    assert {r[col] for r in rows if r[2] == "作品"} == {100000}
    inputs = list(wb["输入信息"].iter_rows(min_row=2, values_only=True))
    assert ("企业基本信息", None, "在闵行区注册或经营", "是", None) in inputs
    del data["enterprise"]["registered_in_minhang"]
    profile, _ = validate_profile(data)
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(profile), profile, "zh")))
    inputs = list(wb["输入信息"].iter_rows(min_row=2, values_only=True))
    assert ("企业基本信息", None, "在闵行区注册或经营", "未确认", None) in inputs


def test_an_older_saved_profile_still_loads_with_its_single_4_2_amount():
    """RULES.md §6.4: a profile saved before 4.2 had two amounts loads; its one amount stands for
    both (30% x 3,000,000 = 900,000), with a note; saved again, it keeps the old field as it was."""
    old = ('{"as_of": "2026-11-27", "interpretation": "default", "enterprise": {"name": "甲", '
           '"registered_in_minhang": true}, "transformation_projects": [{"name": "合作", "year": 2026, '
           '"with_research_partner": true, "investment_yuan": 3000000}]}').encode()
    profile, problems = profile_from_json(old)
    assert problems == []
    (item,) = assess(profile).items
    assert (item.item, item.status, item.ceiling_yuan) == ("4.2", "eligible", 900_000)
    assert any("旧版档案" in n for n in item.notes)
    again, _ = profile_from_json(profile_to_json(profile))
    assert again == profile


def test_saved_json_keeps_numbers_exact_and_an_unknown_registration_unknown():
    data = {"as_of": "2026-11-27", "enterprise": {"name": "甲"},
            "projects": [{"name": "作品", "platforms": ["douyin"], "local_culture_minutes": "1.99999999999999999"}]}
    profile, _ = validate_profile(data)
    raw = profile_to_json(profile)
    assert b"1.99999999999999999" in raw and b"registered_in_minhang" not in raw
    again, _ = profile_from_json(raw)
    assert again.enterprise.registered_in_minhang is None
    assert again.projects[0].local_culture_minutes == Decimal("1.99999999999999999")


def test_yuan_columns_show_thousands_separators():
    """Issue 17: the Excel amounts had no separators. tech_firm: its 4.1 AIGC platform 1,000,000 yuan; the
    total 1,000,000 + 2,000,000 (4.1) + 900,000 (4.2) + 1,950,000 (5) = 5,850,000."""
    data = json.loads((Path(__file__).resolve().parents[2] / "content" / "examples" / "tech_firm.json")
                      .read_text(encoding="utf-8"))
    model, _ = validate_profile(data, "en")
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(model, "en"), model, "en")))
    ws = wb.worksheets[1]
    header = [c.value for c in ws[1]]
    row = list(ws[2])
    ceiling = row[header.index("Up to (yuan)")]
    assert (ceiling.value, ceiling.number_format) == (1000000, "#,##0")
    assert row[header.index("Rate")].number_format == "General"  # not money: left alone
    summary = {r[0].value: r[1] for r in wb.worksheets[0].iter_rows()}
    total = summary["Total, up to (yuan)"]
    assert (total.value, total.number_format) == (5850000, "#,##0")


# The results sheet's row for a "no": every unmet line, one a line, in the workbook's language; the notes
# column holds the notes only (the unmet lines are not repeated there). The not-yet-eligible example:
# 42 of 150 related enterprises = 28% (超过30%: 2 points to go); 42 < 50 (8 to go) and 7,000 m² ≤ 8,000;
# revenue 20,000,000 → 21,700,000 = +8.5% (10% 及以上: 1.5 points to go); 20% × 1,700,000 = 340,000.
CARRIER_ROW = {
    "zh": ("1", "产业载体扶持", "吴泾文创楼宇", 2026, "暂不符合", 0, 3000000, 340000, 1700000, 0.2, None, None,
           "相关企业占比 28%，需超过 30%（还差 2 个百分点以上）\n"
           "相关企业 42 家，需 50 家以上（还差 8 家）；或独立企业租购面积需超过 8,000 平方米（现 7,000 平方米）\n"
           "营业收入同比增幅 8.5%，需达到 10% 及以上（增速还差 1.5 个百分点）", "计入 2026 年度（按所填年度）", "第1条"),
    "en": ("1", "Industry carrier support", "吴泾文创楼宇", 2026, "Not yet", 0, 3000000, 340000, 1700000, 0.2, None,
           None, "Related enterprises are 28% of the carrier's enterprises; more than 30% is required "
           "(2 percentage points or more to go)\n"
           "42 related enterprises, at least 50 required (8 to go); or floor area of independent enterprises "
           "above 8,000 m² (now 7,000 m²)\n"
           "Revenue grew 8.5% year on year; 10% or more required (1.5 percentage points to go)",
           "Counts in 2026 (the year given)", "Art. 1"),
}
# 城市微光: awarded before the policy (not new), so not a work of article 2; 0.5 minute < 1 minute
LOCAL_CULTURE_ROW = {
    "zh": ("3.1", "在地文化内容额外扶持", "城市微光", 2026, "暂不符合", 0, 100000, 0, 0.5, None, None, None,
           "须为第2条所列作品（获市级专项资金扶持、入围评审或在主要平台播出）\n在地文化内容时长 0.5 分钟，需 1 分钟及以上",
           "原文为固定额度：1 分钟 1 万元，每增加 1 整分钟再加 1 万元，最高 10 万元；按整分钟计\n计入 2026 年度（按所填年度）",
           "第3条"),
    "en": ("3.1", "Local culture bonus", "城市微光", 2026, "Not yet", 0, 100000, 0, 0.5, None, None, None,
           "Must be a work qualifying under article 2 (municipal fund award, shortlist, or major-platform broadcast)\n"
           "Local culture content runs 0.5 min; 1 min or more required",
           "A fixed amount: 1 ×10k yuan for the first minute and 1 ×10k yuan for each further whole minute, at most "
           "10 ×10k yuan; whole minutes only\n"
           "Counts in 2026 (the year given)", "Art. 3"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_results_sheet_spells_out_each_no(lang):
    profile, _ = validate_profile(load(ROOT / "content" / "examples" / "not_yet_eligible.json"), lang)
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(profile, lang), profile, lang)))
    rows = {(r[0], r[2]): r for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert rows[("1", "吴泾文创楼宇")] == CARRIER_ROW[lang]
    assert rows[("3.1", "城市微光")] == LOCAL_CULTURE_ROW[lang]


def test_the_notes_column_keeps_one_note_a_line():
    profile, _ = validate_profile(load(ROOT / "content" / "examples" / "drama_studio.json"))
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(profile), profile, "zh")))
    rows = {(r[0], r[2]): r for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    # 七宝老街's 2.2: the text's "给予一定扶持", then the yearly cap: 3 × 1,000,000 counted at 2,000,000 (万元)
    assert rows[("2.2", "七宝老街")][13] == (
        "原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准\n"
        "单个企业每年不超过 200.00 万元：2026 年本项各申报对象合计 300.00 万元，按 200.00 万元计\n"
        "计入 2026 年度（按所填年度）")  # the year given in the example (RULES.md §6.2)


def _workbook(data: dict, lang: str):
    profile, problems = validate_profile(data, lang)
    assert not problems, problems
    a = assess(profile, lang)
    return a, openpyxl.load_workbook(io.BytesIO(build_xlsx(a, profile, lang)))


SMALL = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": True,
                                               "credit_code": "91330100716105852F"},
         "rnd": {"year": 2026, "expenditure_yuan": 1000000, "applied_with_results": True},  # 30% = 300,000
         "projects": [{"name": "片", "year": 2026, "platforms": ["other"]}],  # 2.3 in review, 最高 60 万元
         "training": {"trainees": 30}}


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", [("政策文件", "闵行区关于促进微短剧产业发展的若干措施（闵文旅规〔2026〕1号）"), ("企业名称", "甲"),
            ("统一社会信用代码", "91330100716105852F"), ("测算日期", "2026-11-27"),
            ("政策有效期", "测算日期在有效期内（2026-03-14 至 2028-03-13）"),
            ("合计最高可达（元）", 300000), ("合计最高可达", "30.00 万元（300,000 元）"),
            ("需评审认定项目另可达（元）", 600000),
            # 5 eligible; 2.1, 2.2, 3.1, 3.2 of 片 not yet; 2.3 of 片 and 8 in review
            ("测算结论", "可申报 1 项，暂不符合 4 项，需评审认定 2 项，已按就高不重复 0 项")]),
    ("en", [("Policy", "Minhang District's measures to promote the micro-short-drama industry (闵文旅规〔2026〕1号)"), ("Enterprise", "甲"),
            ("Unified social credit code", "91330100716105852F"), ("Assessment date", "2026-11-27"),
            ("Policy in force", "The assessment date is within the policy's validity (2026-03-14 to 2028-03-13)"),
            ("Total, up to (yuan)", 300000), ("Total, up to", "300,000 yuan (30.00 ×10k)"),
            ("Items in review could add up to (yuan)", 600000),
            ("Summary", "1 eligible, 4 not yet, 2 in review, 0 not added (no duplication)")]),
])
def test_the_summary_sheet_row_by_row(lang, expected):
    a, wb = _workbook(SMALL, lang)
    rows = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    reading, *rest = [r for r in rows if r[0] not in dict(expected)]
    assert [r for r in rows if r[0] in dict(expected)] == expected
    assert reading[0] == ("就高不重复口径" if lang == "zh" else "Reading of the no-duplication rule")
    assert reading[1].startswith("默认口径：各项可叠加" if lang == "zh" else "Default reading: the items stack")
    assert [r[0] for r in rest] == ["提示" if lang == "zh" else "Notes"] * len(a.notes) + [
        "免责声明" if lang == "zh" else "Disclaimer"]
    assert rest[-1][1].startswith("本报告依据《闵行区关于促进微短剧产业发展的若干措施》（闵文旅规〔2026〕1号）" if lang == "zh"
                                  else "This report applies the Minhang measures")


def test_the_summary_of_an_assessment_outside_the_policys_term_without_a_credit_code():
    data = {**SMALL, "as_of": "2028-03-14", "enterprise": {"name": "甲", "registered_in_minhang": True},
            "interpretation": "strict"}
    _a, wb = _workbook(data, "zh")
    summary = dict(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert "统一社会信用代码" not in summary
    assert summary["政策有效期"] == "测算日期不在有效期内（2026-03-14 至 2028-03-13），各项均不可申报"
    assert summary["就高不重复口径"].startswith("严格口径：同一作品在 2.1、2.2、2.3、3.2 项中只计一项")
    assert (summary["合计最高可达（元）"], summary["需评审认定项目另可达（元）"]) == (0, 0)


@pytest.mark.parametrize(("lang", "row"), [
    ("zh", ("5", "技术攻关研发扶持", None, 2026, "可申报", 300000, 3000000, 300000, None, None, None,
            "原文为“给予一定扶持”，最高可达金额为上限，实际金额以区文旅局评审为准\n计入 2026 年度（按所填年度）", "第5条")),
    ("en", ("5", "Technology R&D support", None, 2026, "Eligible", 300000, 3000000, 300000, None, None, None,
            "The text says 'support may be given': the figure is a ceiling, and the bureau's review sets the award\n"
            "Counts in 2026 (the year given)", "Art. 5")),
])
def test_a_results_row_as_printed(lang, row):
    """Item, name, subject, year, status, ceiling, cap, uncapped (1,000,000 x 30%), then the yearly cap and
    other support (none), the unmet lines, the notes one a line and the article (an empty text reads back
    as an empty cell; base and rate left out: their cell type is the sheet writer's)."""
    _a, wb = _workbook(SMALL, lang)
    (got,) = [r for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True) if r[0] == "5"]
    assert (*got[:8], *got[10:]) == row


def test_a_results_row_of_an_item_not_met_lists_each_unmet_line():
    _a, wb = _workbook(SMALL, "zh")
    (got,) = [r for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True) if r[:3] == ("3.1", "在地文化内容额外扶持", "片")]
    assert (got[4], got[5], got[12]) == ("暂不符合", 0, "在地文化内容时长 0 分钟，需 1 分钟及以上")
    assert got[13].startswith("待认定：第2条依据（2.3 主要平台播出项目）尚需评审认定，本项随之待认定\n")


def test_the_parameters_sheet_gives_each_policy_number_with_its_sentence():
    _a, wb = _workbook(SMALL, "zh")
    rows = {r[0]: r for r in wb.worksheets[-1].iter_rows(min_row=2, values_only=True)}
    assert rows["article2_projects.major_platforms"][2] == "腾讯视频、优酷、爱奇艺、芒果TV、红果短剧、抖音"
    assert rows["general.effective_from"][1:3] == ("施行日期（含当日）", "2026-03-14")
    assert rows["general.document_number"][2] == "闵文旅规〔2026〕1号"
    cap = rows["article1_carrier.cap_yuan"]
    assert (cap[1], Decimal(str(cap[2])), cap[3]) == ("单个产业载体扶持最高额", Decimal(3000000), "一、第1条")
    assert "最高不超过 300 万元" in cap[4]


def test_saved_json_is_indented_readable_text_with_whole_numbers_as_integers():
    data = {"as_of": "2026-11-27", "enterprise": {"name": "甲", "registered_in_minhang": True},
            "rnd": {"year": 2026, "expenditure_yuan": "1000000.00", "applied_with_results": True},
            "projects": [{"name": "乙", "local_culture_minutes": "0.5"}]}
    profile, _ = validate_profile(data)
    text = profile_to_json(profile).decode("utf-8")
    lines = text.splitlines()
    assert (lines[0], lines[1], lines[-1]) == ("{", '  "as_of": "2026-11-27",', "}")
    assert '    "name": "甲",' in lines  # two spaces a level, Chinese as typed
    assert '    "expenditure_yuan": 1000000,' in lines  # 1000000.00 is a whole number
    assert '      "local_culture_minutes": 0.5,' in lines  # an exact decimal, not a quoted string
    assert "dec:" not in text and "\\u0000" not in text


def test_a_tiny_decimal_is_saved_in_plain_digits_not_in_exponent_form():
    """0.00000015 minutes stays 0.00000015 in the file a person may open (Decimal's own str() would write 1.5E-7)."""
    profile, problems = validate_profile({"as_of": "2026-11-27", "enterprise": {"name": "甲"},
                                          "projects": [{"name": "乙", "local_culture_minutes": "0.00000015"}]})
    assert not problems
    raw = profile_to_json(profile)
    assert b'"local_culture_minutes": 0.00000015,' in raw and b"E-" not in raw
    assert profile_from_json(raw)[0].projects[0].local_culture_minutes == Decimal("0.00000015")


@pytest.mark.parametrize(("raw", "lang", "problem"), [
    # "{" then "n" at line 1, column 2: not JSON
    (b"{not json", "zh", ("", "", "文件不是有效的 JSON：第 1 行第 2 列附近格式有误")),
    (b"{not json", "en", ("", "", "the file is not valid JSON: the format breaks near line 1, column 2")),
    (b"\xff\xfe\x00", "en", ("", "", "cannot read the file: it is not UTF-8 text")),
    # content/limits: max_json_bytes 1,000,000; one byte more is refused before it is read
    (b" " * 1_000_001, "en", ("", "", "The file is too large: the limit is 1,000,000 bytes")),
    # read, then validated in the same language: the enterprise section is required (RULES.md §5)
    (b"{}", "zh", ("enterprise", "企业基本信息", "必须填写")),
    (b"{}", "en", ("enterprise", "enterprise", "is required")),
])
def test_a_file_that_is_not_a_profile_gives_one_problem_in_the_users_language(raw, lang, problem):
    """A file problem names no field (the page shows the message alone); a validation problem names its field."""
    profile, problems = profile_from_json(raw, lang)
    assert profile is None
    assert [(p.field, p.label, p.message) for p in problems] == [problem]


def test_a_file_of_exactly_the_size_limit_is_read():
    """1,000,000 bytes (the limit, 不超过) are read: blank text is then not JSON, not too large."""
    _profile, problems = profile_from_json(b" " * 1_000_000, "en")
    assert [p.message for p in problems] == ["the file is not valid JSON: the format breaks near line 1, column 1000001"]


# The consultation workbook's layout, sheet by sheet: the header row (bold, filled, wrapped, frozen below it,
# with a filter over the header and the rows) and each column's width in characters (whole: XlsxWriter stores
# 26 as 26.7109375, the cell padding included).
LAYOUT = {
    "zh": [
        ("概要", ["项目", "内容"], [26, 100]),
        ("测算结果", ["项", "扶持项目", "申报对象", "年度", "状态", "最高可达（元）", "单项上限（元）", "按比例计算额（元）",
                  "计算基数（元）", "比例上限", "单个企业每年上限（元）", "本区其他政策已给予的支持（元）", "未满足的条件", "说明",
                  "依据"], [6, 26, 22, 7, 14, 14, 14, 14, 14, 8, 16, 16, 50, 50, 8]),
        ("分项合计", ["项", "扶持项目", "年度", "各对象合计（元）", "单个企业每年上限（元）", "计入合计（元）"], [6, 26, 7, 16, 18, 16]),
        ("输入信息", ["部分", "序号", "字段", "填写值", "单位"], [16, 6, 32, 30, 8]),
        ("政策依据", ["项", "扶持项目", "条款", "原文"], [6, 26, 8, 120]),
        ("政策参数", ["参数", "含义", "填写值", "条款", "原文"], [40, 40, 20, 14, 100]),
    ],
    "en": [
        ("Summary", ["Item", "Value"], [26, 100]),
        ("Results", ["Item", "Support", "Subject", "Year", "Status", "Up to (yuan)", "Cap per subject (yuan)",
                     "Before the cap (yuan)", "Base (yuan)", "Rate", "Yearly cap per enterprise (yuan)",
                     "Other Minhang support (yuan)", "Conditions not met", "Notes", "Clause"],
         [6, 26, 22, 7, 14, 14, 14, 14, 14, 8, 16, 16, 50, 50, 8]),
        ("Totals", ["Item", "Support", "Year", "Sum of subjects (yuan)", "Yearly cap per enterprise (yuan)",
                    "Counted (yuan)"], [6, 26, 7, 16, 18, 16]),
        ("Inputs", ["Section", "No.", "Field", "Value", "Unit"], [16, 6, 32, 30, 8]),
        ("Citations", ["Item", "Support", "Article", "Text"], [6, 26, 8, 120]),
        ("Parameters", ["Parameter", "Meaning", "Value", "Article", "Quoted text"], [40, 40, 20, 14, 100]),
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_sheet_of_the_workbook_has_its_header_widths_frozen_row_and_filter(lang):
    from openpyxl.utils import get_column_letter

    _a, wb = _workbook(SMALL, lang)
    got = []
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        # a run of equal widths is stored once, as a range of columns
        stored = {i: int(d.width) for d in ws.column_dimensions.values() if d.width for i in range(d.min, d.max + 1)}
        widths = [stored.get(i) for i in range(1, len(header) + 1)]
        got.append((ws.title, header, widths))
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{get_column_letter(len(header))}{ws.max_row}", ws.title
        assert all(c.font.b and c.fill.fgColor.rgb.endswith("DDEBF7") and c.alignment.wrap_text for c in ws[1])
    assert got == LAYOUT[lang]
    # SMALL: 5, 2.1, 2.2, 2.3, 3.1, 3.2 (片) and 8: seven results; its inputs and items in the citations
    assert [ws.max_row - 1 for ws in wb.worksheets[1:5]] == [7, 1, 20, 7]


def test_the_english_summary_of_a_strict_reading_gives_each_works_claim_under_its_heading():
    """RULES.md §6.3 in English: one work on Douyin, also a first-filed adaptation, claims 2.3 (最高 60 万元) over
    3.2 (30 万元); the line sits under the English heading, before the notes and the disclaimer."""
    data = {"as_of": "2026-11-27", "interpretation": "strict", "enterprise": {"name": "甲影业", "registered_in_minhang": True},
            "projects": [{"name": "作品", "platforms": ["douyin"], "adaptation_first_filing": True}]}
    a, wb = _workbook(data, "en")
    rows = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    claims = [r for r in rows if r[0] == "Strict reading: the item each work claims"]
    assert claims == [("Strict reading: the item each work claims", "“作品” claims 2.3: Strict reading: one work counts "
                       "under one item only; this work claims 2.3, the highest (up to 60.00 ×10k yuan)")]
    assert rows.index(claims[0]) == len(rows) - 2 - len(a.notes)
    assert rows[-1] == ("Disclaimer", next(r[1] for r in rows if r[0] == "Disclaimer"))


def test_a_workbook_without_the_profile_has_no_inputs_sheet_and_no_credit_code_row():
    """build_xlsx(assessment, None): the results, totals, citations and parameters only."""
    profile, _ = validate_profile(SMALL)
    a = assess(profile)
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(a, None, "zh")))
    assert wb.sheetnames == ["概要", "测算结果", "分项合计", "政策依据", "政策参数"]
    summary = dict(wb["概要"].iter_rows(min_row=2, values_only=True))
    assert "统一社会信用代码" not in summary and summary["企业名称"] == "甲"


def test_a_workbook_built_without_a_language_is_the_chinese_one():
    profile, _ = validate_profile(SMALL)
    a = assess(profile)
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(a, profile)))
    chinese = openpyxl.load_workbook(io.BytesIO(build_xlsx(a, profile, "zh")))
    assert book.sheetnames == chinese.sheetnames == ["概要", "测算结果", "分项合计", "输入信息", "政策依据", "政策参数"]
    for mine, theirs in zip(book.worksheets, chinese.worksheets, strict=True):
        assert list(mine.iter_rows(values_only=True)) == list(theirs.iter_rows(values_only=True)), mine.title


def test_characters_a_workbook_cannot_hold_are_dropped_not_replaced():
    """XML 1.0 has no control characters but tab, line feed and carriage return: a pasted name keeps its letters."""
    assert neutralise("甲\x01乙\x0b丙\x1f") == "甲乙丙"
    assert neutralise("\x00=1+1") == "'=1+1"  # dropped first, then quoted: still inert
    assert neutralise("第一行\n第二行\t") == "第一行\n第二行\t"


def test_the_english_workbook_names_each_item_and_input_in_english():
    """The Totals sheet's names (content/policy/items.yaml's ``en``) and the Inputs sheet's sections, fields and
    values: an English workbook has no Chinese but what the enterprise typed (甲, 片)."""
    profile, _ = validate_profile(load(ROOT / "content" / "examples" / "drama_studio.json"), "en")
    wb = openpyxl.load_workbook(io.BytesIO(build_xlsx(assess(profile, "en"), profile, "en")))
    assert [r[:3] for r in wb["Totals"].iter_rows(min_row=2, values_only=True)] == [
        ("2.1", "Municipal special fund award", 2026), ("2.2", "Municipal special fund shortlist", 2026),
        ("2.3", "Broadcast on a major platform", 2026), ("3.1", "Local culture bonus", 2026),
        ("3.2", "Adaptation of an excellent work", 2026)]
    _a, wb = _workbook(SMALL, "en")
    assert list(wb["Inputs"].iter_rows(min_row=2, values_only=True)) == [
        ("profile", None, "assessment date", "2026-11-27", None),
        ("profile", None, "reading of the no-duplication rule", "default reading", None),
        ("enterprise", None, "name", "甲", None),
        ("enterprise", None, "registered or operating in Minhang", "yes", None),
        ("enterprise", None, "false application materials", "no", None),
        ("enterprise", None, "unrepaired negative credit record", "no", None),
        ("enterprise", None, "unified social credit code", "91330100716105852F", None),
        ("work", 1, "name", "片", None),
        ("work", 1, "year", 2026, None),
        ("work", 1, "municipal special fund", "none", None),
        ("work", 1, "municipal fund date", None, None),
        ("work", 1, "broadcast platforms", "another platform", None),
        ("work", 1, "local culture minutes", 0, "min"),
        ("work", 1, "adaptation filed and released for the first time", "no", None),
        ("work", 1, "other Minhang support for it", None, "yuan"),
        ("R&D", None, "year", 2026, None),
        ("R&D", None, "R&D expenditure", 1000000, "yuan"),
        ("R&D", None, "applied with results", "yes", None),
        ("R&D", None, "other Minhang support for it", None, "yuan"),
        ("training", None, "trainees", 30, "person-times"),
    ]


# Shapes of parameter value the Parameters sheet spells out, though today's files hold only numbers, texts,
# dates and one mapping of names (article2_projects.major_platforms): a list, a mapping whose entries are
# plain texts or lack a Chinese name (the key stands in), and a parameter whose file gives no description.
FUTURE_PARAMETERS = {
    "channels": {"description": "渠道", "unit": "list", "values": {"2026-03-14": ["甲台", "乙台"]},
                 "article": "九", "reference": "甲台、乙台"},
    "named": {"description": "名单", "unit": "text", "values": {"2026-03-14": {"a": {"zh": "甲", "en": "A"},
                                                                                "b": {"en": "B"}, "c": "丙"}},
              "article": "九", "reference": "甲等"},
    "bare": {"unit": "元", "values": {"2026-03-14": 100}, "article": "九", "reference": "100 元"},
}


def test_the_parameters_sheet_spells_out_lists_and_mappings_of_any_shape(monkeypatch):
    import calculators.content as content
    import reports.xlsx as xlsx

    files = {**content.parameter_files(), "article9_future": FUTURE_PARAMETERS}
    monkeypatch.setattr(content, "parameter_files", lambda: files)
    monkeypatch.setattr(xlsx, "parameter_files", lambda: files)
    monkeypatch.setattr(content, "parameters_on", content.Parameters)  # not the cached values of the real files
    _a, wb = _workbook(SMALL, "zh")
    rows = [r for r in wb["政策参数"].iter_rows(min_row=2, values_only=True) if r[0].startswith("article9_future.")]
    assert rows == [
        ("article9_future.channels", "渠道", "甲台、乙台", "九", "甲台、乙台"),
        ("article9_future.named", "名单", "甲、b、丙", "九", "甲等"),
        ("article9_future.bare", None, 100, "九", "100 元"),  # no description: an empty cell
    ]
