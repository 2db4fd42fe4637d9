"""A what-if's values as a user gives them (the page's fields, an uploaded YAML file): each typed for its
parameter's unit, or refused with one message in the user's language naming the field.

Expected values and messages are the policy's units and content/i18n/reform.yaml's sentences, written out
here; the limits are the parameter files' (validation.max_money_yuan: 1 万亿元).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from calculators.reform import (
    ALL_SECTIONS,
    Change,
    Reform,
    check_value,
    parameter_label,
    reform_from_data,
    reform_from_values,
    reform_from_yaml,
    reform_yaml,
    unit_label,
)
from calculators.validation import Problem

START = dt.date(2026, 3, 14)  # 附则 第3条: 本措施自 2026 年 3 月 14 日起施行 (every parameter's first date)

RATIO = {"zh": "比例应为 0 到 1 之间的数（如 0.25 表示 25%），收到“{}”", "en": "a share is a number from 0 to 1 (0.25 for 25%); got “{}”"}
MONEY = {"zh": "金额应为不小于 0、最多两位小数、不超过 1 万亿元的数，收到“{}”",
         "en": "an amount is a number of yuan, 0 or more, at most 2 decimals, at most 1 trillion; got “{}”"}
AREA = {"zh": "面积应为不小于 0、最多两位小数的数（平方米），收到“{}”",
        "en": "an area in square metres, 0 or more, at most 2 decimals; got “{}”"}
DATE = {"zh": "应为有效日期（如 2029-03-13），收到“{}”", "en": "a date (e.g. 2029-03-13); got “{}”"}
WHOLE = {"zh": "应为不小于 0 的整数（{}），收到“{}”", "en": "a whole number ({}), 0 or more; got “{}”"}

SHARE = ("article1_carrier", "related_share_min")  # ratio: 超过 30%
CAP = ("article1_carrier", "cap_yuan")  # 元: 最高不超过 300 万元
AREA_MIN = ("article1_carrier", "independent_area_min_sqm")  # 平方米: 超过 8000 平方米
UNTIL = ("general", "effective_until")  # date: 有效期至 2028 年 3 月 13 日

# (parameter, what the user typed, the value it becomes: str() of the Decimal, as the CLI's JSON prints it)
ACCEPTED = [
    (SHARE, "0.25", "0.25"),
    (SHARE, "25%", "0.25"),
    (SHARE, " 25% ", "0.25"),
    (SHARE, "0", "0"),  # the ends of 0 到 1 are shares too
    (SHARE, "1", "1"),
    (SHARE, "100%", "1"),
    (SHARE, Decimal("0.3"), "0.3"),
    (SHARE, 0.5, "0.5"),
    (CAP, "5000000", "5000000"),
    (CAP, " 5,000,000 ", "5000000"),
    (CAP, "5，000，000", "5000000"),
    (CAP, "0", "0"),
    (CAP, "12.34", "12.34"),  # two decimals: 分
    (CAP, "1000000000000", "1000000000000"),  # 1 万亿元, the intake's own limit, at the limit
    (CAP, 3000000, "3000000"),
    (AREA_MIN, "8000.55", "8000.55"),
    (AREA_MIN, "0", "0"),
    (AREA_MIN, "20000000000000", "20000000000000"),  # an area has no upper limit of its own
    (("article1_carrier", "related_enterprises_min"), "60", "60"),
    (("article1_carrier", "related_enterprises_min"), "60.0", "60"),  # a whole number written with .0
    (("article1_carrier", "related_enterprises_min"), "0", "0"),
    (("article3_works", "local_culture_min_minutes"), 5, "5"),
    (("article6_venues", "min_positive_media_reports"), "2", "2"),
    (("article6_venues", "min_avg_monthly_visitors"), "1,500", "1500"),
    (("article6_venues", "min_operating_years"), "2", "2"),
    (UNTIL, "2029-03-13", "2029-03-13"),
    (UNTIL, " 2029-03-13 ", "2029-03-13"),
    (UNTIL, dt.date(2029, 3, 13), "2029-03-13"),
]


@pytest.mark.parametrize(("param", "raw", "value"), ACCEPTED, ids=[f"{p[1]}={r!r}" for p, r, _ in ACCEPTED])
def test_a_value_is_typed_for_its_unit(param, raw, value):
    for lang in ("zh", "en"):
        got, why = check_value(*param, raw, lang)
        assert why is None
        assert str(got) == value
        assert isinstance(got, dt.date if param == UNTIL else Decimal)


# (parameter, what the user typed, the message templates, what the message quotes back)
REFUSED = [
    (SHARE, "1.01", RATIO, "1.01"),  # above 1
    (SHARE, "101%", RATIO, "101%"),
    (SHARE, "-0.01", RATIO, "-0.01"),
    (SHARE, "-1%", RATIO, "-1%"),
    (SHARE, "三成", RATIO, "三成"),
    (SHARE, "%", RATIO, "%"),
    (SHARE, True, RATIO, "True"),  # a tick box is not a number
    (SHARE, None, RATIO, ""),
    (SHARE, "NaN", RATIO, "NaN"),
    (CAP, "-0.01", MONEY, "-0.01"),
    (CAP, "12.345", MONEY, "12.345"),  # 厘: more than two decimals
    (CAP, "1000000000000.01", MONEY, "1000000000000.01"),  # 1 分 above 1 万亿元
    (CAP, "Infinity", MONEY, "Infinity"),
    (CAP, "三百万", MONEY, "三百万"),
    (CAP, None, MONEY, ""),
    (CAP, False, MONEY, "False"),
    (CAP, [1], MONEY, "[1]"),
    (AREA_MIN, "-1", AREA, "-1"),
    (AREA_MIN, "8000.555", AREA, "8000.555"),
    (AREA_MIN, "八千", AREA, "八千"),
    (UNTIL, "2029-02-30", DATE, "2029-02-30"),
    (UNTIL, "2029/03/13", DATE, "2029/03/13"),
    (UNTIL, dt.datetime(2029, 3, 13, 0, 0), DATE, "2029-03-13 00:00:00"),  # a moment is not a date
    (UNTIL, None, DATE, ""),
]


@pytest.mark.parametrize(("param", "raw", "template", "shown"), REFUSED,
                         ids=[f"{p[1]}={r!r}" for p, r, _, _ in REFUSED])
def test_a_value_outside_its_unit_is_one_message_in_the_users_language(param, raw, template, shown):
    for lang in ("zh", "en"):
        assert check_value(*param, raw, lang) == (None, template[lang].format(shown))


WHOLES = [  # (parameter, its unit in each language)
    (("article1_carrier", "related_enterprises_min"), {"zh": "家", "en": "enterprises"}),
    (("article3_works", "local_culture_min_minutes"), {"zh": "分钟", "en": "minutes"}),
    (("article6_venues", "min_positive_media_reports"), {"zh": "次", "en": "reports"}),
    (("article6_venues", "min_avg_monthly_visitors"), {"zh": "人次", "en": "visitors"}),
    (("article6_venues", "min_operating_years"), {"zh": "年", "en": "years"}),
]


@pytest.mark.parametrize(("param", "unit"), WHOLES, ids=[p[1] for p, _ in WHOLES])
@pytest.mark.parametrize("raw", ["50.5", "-1", "五十", None])
def test_a_count_is_a_whole_number_of_its_own_unit(param, unit, raw):
    shown = "" if raw is None else raw
    for lang in ("zh", "en"):
        assert check_value(*param, raw, lang) == (None, WHOLE[lang].format(unit[lang], shown))


def test_a_parameter_that_is_not_a_number_is_not_changed():
    assert check_value("general", "title", "新标题", "zh") == (None, "此参数（text）不能在模拟中调整")
    assert check_value("general", "title", "new", "en") == (None, "this parameter (text) cannot be changed in a what-if")


def test_the_default_language_is_chinese():
    assert check_value(*SHARE, "2") == (None, RATIO["zh"].format("2"))
    assert parameter_label(*CAP) == "单个载体最高"
    reform, problems = reform_from_values({"article1_carrier.cap_yuan": "-1"})
    assert reform is None and [p.message for p in problems] == [MONEY["zh"].format("-1")]


def test_units_and_labels_in_both_languages():
    assert [unit_label(u, "zh") for u in ("ratio", "元", "平方米", "家", "date")] == ["比例", "元", "平方米", "家", "日期"]
    assert [unit_label(u, "en") for u in ("ratio", "元", "平方米", "家", "date")] == ["share", "yuan", "m²", "enterprises",
                                                                                    "date"]
    assert unit_label("text", "en") == "text"  # a unit reform.yaml does not name is shown as it is
    assert (parameter_label(*CAP, "zh"), parameter_label(*CAP, "en")) == ("单个载体最高", "Cap per carrier")
    assert parameter_label("general", "document_number", "zh") == "文号"  # no label: the parameter's description
    assert parameter_label("general", "document_number", "en") == "Document number"  # the policy page's name


# ---- reform_from_values: the page's fields ---------------------------------------------------------

def test_values_become_changes_from_the_parameters_first_date():
    reform, problems = reform_from_values({"article1_carrier.cap_yuan": "5,000,000", "article5_rnd.rnd_support_rate": "20%"},
                                          interpretation="strict", note="测算")
    assert problems == []
    assert reform == Reform([Change("article1_carrier", "cap_yuan", Decimal(5_000_000), START),
                             Change("article5_rnd", "rnd_support_rate", Decimal("0.2"), START)], "strict", "测算")
    assert reform.note == "测算" and reform.interpretation == "strict"


@pytest.mark.parametrize("reading", [None, ""])
def test_no_reading_chosen_keeps_each_enterprises_own(reading):
    reform, problems = reform_from_values({}, interpretation=reading)
    assert problems == [] and reform.interpretation is None and reform.empty
    assert reform == Reform() and reform.note == ""  # no note given: the exported file has no reform: block


def _problems(problems):
    return [(p.field, p.label, p.message) for p in problems]


def test_every_wrong_field_is_named_at_once_in_chinese():
    reform, problems = reform_from_values({
        "article1_carrier.cap_yuan": "-5", "article9_none.cap_yuan": 1, "article1_carrier.no_such": 1,
        "validation.max_money_yuan": 1, "general.title": "新", "article1_carrier.related_share_min": "0.5",
    }, interpretation="loose", lang="zh")
    assert reform is None
    assert _problems(problems) == [
        ("article1_carrier.cap_yuan", "单个载体最高", MONEY["zh"].format("-5")),
        ("article9_none.cap_yuan", "article9_none.cap_yuan", "没有名为“article9_none”的参数文件"),
        ("article1_carrier.no_such", "article1_carrier.no_such", "没有名为“no_such”的参数"),
        ("validation.max_money_yuan", "任一金额的输入上限（1 万亿元；更大的数视为输入错误）",
         "这是输入校验的上限，不是政策参数，不能在模拟中调整"),
        ("general.title", "政策名称", "此参数（text）不能在模拟中调整"),
        ("interpretation", "就高不重复口径",
         "就高不重复的口径应为 default（默认口径）或 strict（严格口径），收到“loose”"),
    ]


def test_every_wrong_field_is_named_at_once_in_english():
    reform, problems = reform_from_values({"article1_carrier.cap_yuan": "-5", "limits.max_file_bytes": 1,
                                           "article1_carrier.no_such": 1, "general.title": "new",
                                           "article1_carrier.cap_yuan.since": 1},
                                          interpretation="loose", lang="en")
    assert reform is None
    # (an intake limit has no English name: reform.yaml names only the policy's parameters; its label is
    # not checked here)
    problems[1] = problems[1].model_copy(update={"label": "-"})
    assert _problems(problems) == [
        ("article1_carrier.cap_yuan", "Cap per carrier", MONEY["en"].format("-5")),
        ("limits.max_file_bytes", "-",
         "this is an input check's limit, not a policy parameter: it cannot be changed in a what-if"),
        ("article1_carrier.no_such", "article1_carrier.no_such", "there is no parameter named “no_such”"),
        ("general.title", "Title of the measures", "this parameter (text) cannot be changed in a what-if"),
        # the file is what comes before the first dot: article1_carrier has no parameter "cap_yuan.since"
        ("article1_carrier.cap_yuan.since", "article1_carrier.cap_yuan.since",
         "there is no parameter named “cap_yuan.since”"),
        ("interpretation", "reading of the no-duplication rule",
         "the reading of the no-duplication rule is default or strict; got “loose”"),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_end_before_the_start_is_refused_and_the_same_day_is_not(lang):
    """附则 第3条: the policy is in force from 2026-03-14; an end date one day before it is a wrong reform."""
    reform, problems = reform_from_values({"general.effective_until": "2026-03-13"}, lang=lang)
    want = {"zh": ("有效期至", "有效期截止日期 2026-03-13 早于施行日期 2026-03-14"),
            "en": ("In force until", "the end date 2026-03-13 is before the start date 2026-03-14")}[lang]
    assert reform is None and _problems(problems) == [("general.effective_until", *want)]
    reform, problems = reform_from_values({"general.effective_until": "2026-03-14"}, lang=lang)
    assert problems == [] and reform.changes == (Change("general", "effective_until", START, START),)


# ---- reform_from_data / reform_from_yaml: an uploaded file -------------------------------------------

def test_nothing_uploaded_is_no_change():
    assert reform_from_data(None) == (Reform(), [])
    assert Reform().empty and not Reform(interpretation="strict").empty
    assert not Reform([Change(*CAP, Decimal(1), START)]).empty


def test_a_file_in_the_parameter_files_shape_reads_as_dated_changes():
    reform, problems = reform_from_data({
        "reform": {"interpretation": "default", "note": "2027 年起提高"},
        "article1_carrier": {
            "cap_yuan": {"note": "上限提高", "values": {dt.date(2026, 3, 14): 3_000_000, "2027-01-01": "5000000"}},
            "support_rate": "25%",  # a bare value: from the parameter's first date
        },
    })
    assert problems == []
    assert reform == Reform([
        Change("article1_carrier", "cap_yuan", Decimal(3_000_000), START, "上限提高"),
        Change("article1_carrier", "cap_yuan", Decimal(5_000_000), dt.date(2027, 1, 1), "上限提高"),
        Change("article1_carrier", "support_rate", Decimal("0.25"), START, ""),
    ], "default", "2027 年起提高")
    assert (reform.note, reform.interpretation) == ("2027 年起提高", "default")


NOT_A_MAPPING = {"zh": "调整文件应为“参数文件名 → 参数名 → values（日期: 新值）”的结构",
                 "en": "a reform file maps parameter file → parameter name → values (date: new value)"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_of_the_wrong_shape_is_one_message_per_place(lang):
    assert reform_from_data(["article1_carrier"], lang) == (None, [_problem("", "", NOT_A_MAPPING[lang], lang)])
    no_values = {"zh": "请在 values 下给出“生效日期: 新值”", "en": "give the new value under values, as “date: value”"}[lang]
    bad_since = {"zh": "生效日期“2027-13-01”不是有效日期（如 2026-03-14）",
                 "en": "the date “2027-13-01” is not a valid date (e.g. 2026-03-14)"}[lang]
    unknown = {"zh": "没有名为“article9”的参数文件", "en": "there is no parameter file named “article9”"}[lang]
    label = {"zh": "单个载体最高", "en": "Cap per carrier"}[lang]
    reform, problems = reform_from_data({
        "reform": "strict",
        "article9": 5,
        "article5_rnd": 5,
        "article1_carrier": {"cap_yuan": {"note": "no values"}, "support_rate": {"values": {}},
                             "revenue_growth_min": {"values": ["0.2"]}},
        "article6_venues": {"venue_yearly_cap_yuan": {"values": {"2027-13-01": 1}}},
    }, lang)
    assert reform is None
    assert _problems(problems) == [
        ("reform", "reform", NOT_A_MAPPING[lang]),
        ("article9", "article9", unknown),
        ("article5_rnd", "article5_rnd", NOT_A_MAPPING[lang]),
        ("article1_carrier.cap_yuan", label, no_values),
        ("article1_carrier.support_rate", {"zh": "扶持比例（营收增长额的）", "en": "Support rate (of the revenue increase)"}[lang],
         no_values),
        ("article1_carrier.revenue_growth_min", {"zh": "营业收入同比增幅须达到", "en": "Revenue growth at least"}[lang],
         no_values),
        ("article6_venues.venue_yearly_cap_yuan", {"zh": "每个企业每年最高", "en": "Yearly cap per enterprise"}[lang],
         bad_since),
    ]
    # each as a person reads it, in the punctuation of its language
    said = {"zh": ["reform（reform）：" + NOT_A_MAPPING["zh"], "article9（article9）：" + unknown,
                   "article5_rnd（article5_rnd）：" + NOT_A_MAPPING["zh"]],
            "en": ["reform (reform): " + NOT_A_MAPPING["en"], "article9 (article9): " + unknown,
                   "article5_rnd (article5_rnd): " + NOT_A_MAPPING["en"]]}[lang]
    assert [str(p) for p in problems[:3]] == said


def _problem(field, label, message, lang="zh"):
    return Problem(field=field, label=label, message=message, lang=lang)


FILE_PROBLEMS = {  # (field, label, message) of every problem of the file below, in the order met
    "zh": [
        ("interpretation", "就高不重复口径", "就高不重复的口径应为 default（默认口径）或 strict（严格口径），收到“loose”"),
        ("article1_carrier.nope", "article1_carrier.nope", "没有名为“nope”的参数"),
        ("article1_carrier.cap_yuan", "单个载体最高", MONEY["zh"].format("-1")),
        ("article1_carrier.cap_yuan", "单个载体最高", MONEY["zh"].format("三百万")),
        ("article1_carrier.support_rate", "扶持比例（营收增长额的）", "生效日期“2027-02-30”不是有效日期（如 2026-03-14）"),
        ("article1_carrier.support_rate", "扶持比例（营收增长额的）", "生效日期“明年”不是有效日期（如 2026-03-14）"),
        ("general.title", "政策名称", "此参数（text）不能在模拟中调整"),
        ("validation.max_money_yuan", "任一金额的输入上限（1 万亿元；更大的数视为输入错误）",
         "这是输入校验的上限，不是政策参数，不能在模拟中调整"),
        ("general.effective_until", "有效期至", "有效期截止日期 2026-01-01 早于施行日期 2026-03-14"),
    ],
    "en": [
        ("interpretation", "reading of the no-duplication rule",
         "the reading of the no-duplication rule is default or strict; got “loose”"),
        ("article1_carrier.nope", "article1_carrier.nope", "there is no parameter named “nope”"),
        ("article1_carrier.cap_yuan", "Cap per carrier", MONEY["en"].format("-1")),
        ("article1_carrier.cap_yuan", "Cap per carrier", MONEY["en"].format("三百万")),
        ("article1_carrier.support_rate", "Support rate (of the revenue increase)",
         "the date “2027-02-30” is not a valid date (e.g. 2026-03-14)"),
        ("article1_carrier.support_rate", "Support rate (of the revenue increase)",
         "the date “明年” is not a valid date (e.g. 2026-03-14)"),
        ("general.title", "Title of the measures", "this parameter (text) cannot be changed in a what-if"),
        # (an input check and a parameter without a what-if label: the policy page's English name)
        ("validation.max_money_yuan", "Largest amount accepted",
         "this is an input check's limit, not a policy parameter: it cannot be changed in a what-if"),
        ("general.effective_until", "In force until", "the end date 2026-01-01 is before the start date 2026-03-14"),
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_names_every_wrong_value_and_reading(lang):
    """Every wrong place at once, also the second wrong value of a parameter and the parameters after a
    wrong one, and the end date checked on the values that are right."""
    data = {
        "reform": {"interpretation": "loose"},
        "article1_carrier": {"nope": 1, "cap_yuan": {"values": {"2026-03-14": -1, "2027-01-01": "三百万"}},
                             "support_rate": {"values": {"2027-02-30": "0.3", "明年": "0.3"}}},
        "general": {"effective_until": "2026-01-01", "title": "新"},
        "validation": {"max_money_yuan": 1},
    }
    assert reform_from_data(data, lang) == (None, [_problem(*p, lang) for p in FILE_PROBLEMS[lang]])
    text = "\n".join(["reform: {interpretation: loose}", "article1_carrier:", "  nope: 1", "  cap_yuan:",
                      "    values: {2026-03-14: -1, 2027-01-01: 三百万}", "  support_rate:",
                      '    values: {"2027-02-30": "0.3", 明年: "0.3"}', "general: {effective_until: 2026-01-01, title: 新}",
                      "validation: {max_money_yuan: 1}"])
    assert reform_from_yaml(text, lang) == (None, [_problem(*p, lang) for p in FILE_PROBLEMS[lang]])
    assert reform_from_yaml(text.encode("utf-8"), lang) == (None, [_problem(*p, lang) for p in FILE_PROBLEMS[lang]])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_impossible_date_in_a_file_is_one_message(lang):
    """Unquoted, 2027-02-30 is a date YAML cannot build (it used to end in a ValueError traceback)."""
    text = "article1_carrier:\n  cap_yuan:\n    values:\n      2027-02-30: 5000000\n"
    want = {"zh": "无法读取调整文件（不是有效的 YAML）：day is out of range for month",
            "en": "the reform file cannot be read (not valid YAML): day is out of range for month"}[lang]
    assert reform_from_yaml(text, lang) == (None, [_problem("", "", want, lang)])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_date_and_time_is_not_a_date_from_which_a_value_takes_effect(lang):
    """YAML reads 2027-01-01 00:00:00 as a moment, not a day: refused like any other bad date (it used to
    end in a TypeError comparing it with the policy's first date)."""
    text = "article1_carrier:\n  cap_yuan:\n    values:\n      2027-01-01 00:00:00: 5000000\n"
    want = {"zh": "生效日期“2027-01-01 00:00:00”不是有效日期（如 2026-03-14）",
            "en": "the date “2027-01-01 00:00:00” is not a valid date (e.g. 2026-03-14)"}[lang]
    label = {"zh": "单个载体最高", "en": "Cap per carrier"}[lang]
    assert reform_from_yaml(text, lang) == (None, [_problem("article1_carrier.cap_yuan", label, want, lang)])


def test_the_end_date_is_checked_on_the_latest_day_a_change_takes_effect():
    """From 2027-01-01 the policy would start on 2028-06-01, after its end (2028-03-13): wrong, though on
    2026-03-14, the first date, both dates are still today's."""
    reform, problems = reform_from_data({"general": {"effective_from": {"values": {"2027-01-01": "2028-06-01"}}}})
    assert reform is None
    assert _problems(problems) == [("general.effective_until", "有效期至", "有效期截止日期 2028-03-13 早于施行日期 2028-06-01")]
    reform, problems = reform_from_data({"general": {"effective_from": {"values": {"2027-01-01": "2028-03-13"}}}})
    assert problems == [] and reform.changes == (Change("general", "effective_from", dt.date(2028, 3, 13),
                                                        dt.date(2027, 1, 1)),)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unreadable_upload_is_one_message(lang):
    unreadable = {"zh": "无法读取调整文件：{}", "en": "the reform file cannot be read: {}"}[lang]
    not_yaml = {"zh": "无法读取调整文件（不是有效的 YAML）：{}", "en": "the reform file cannot be read (not valid YAML): {}"}[lang]
    reform, problems = reform_from_yaml(b"\xff\xfe", lang)
    assert reform is None and _problems(problems) == [
        ("", "", unreadable.format("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"))]
    reform, problems = reform_from_yaml("article5_rnd: [\n", lang)
    assert reform is None and _problems(problems) == [
        ("", "", not_yaml.format("line 2, column 1: expected the node content, but found '<stream end>'"))]
    reform, problems = reform_from_yaml("a: b: c\n", lang)
    assert _problems(problems) == [("", "", not_yaml.format("line 1, column 5: mapping values are not allowed here"))]
    reform, problems = reform_from_yaml("a: \x07", lang)  # a control character: PyYAML's reader refuses it
    assert _problems(problems) == [("", "", not_yaml.format(
        'unacceptable character #x0007: special characters are not allowed\n  in "<unicode string>", position 3'))]


def test_an_upload_with_a_byte_order_mark_reads():
    text = "\ufeffarticle5_rnd:\n  rnd_support_rate: 20%\n"
    want = Reform([Change("article5_rnd", "rnd_support_rate", Decimal("0.2"), START)])
    assert reform_from_yaml(text.encode("utf-8")) == (want, [])
    assert reform_from_yaml(text.encode("utf-8"), "en") == (want, [])
    assert reform_from_yaml("") == (Reform(), [])


# ---- the exported file ----------------------------------------------------------------------------

EXPORTED = """\
# 政策调整模拟 / policy what-if (闵文旅规〔2026〕1号): new dated values in the parameter files' shape
reform:
  note: 测算用
  interpretation: strict
article5_rnd:
  rnd_support_rate:
    description: 按企业研发费用投入的扶持比例上限（以内）
    unit: ratio
    article: 二、第5条
    reference: 给予企业研发费用投入 30% 以内的扶持
    comparison: <=
    note: 比例降至 20%
    values:
      2026-03-14: '0.2'
      2027-01-01: '0'
  rnd_cap_yuan:
    description: 技术攻关扶持最高额
    unit: 元
    article: 二、第5条
    reference: 给予企业研发费用投入 30% 以内的扶持，最高不超过 300 万元
    comparison: <=
    note: ''
    values:
      2026-03-14: 2000000
      2027-01-01: '1500000.50'
general:
  effective_until:
    description: 有效期截止日期（含当日）
    unit: date
    article: 附则 第3条
    reference: 本措施自 2026 年 3 月 14 日起施行，有效期至 2028 年 3 月 13 日。
    comparison: <=
    note: ''
    values:
      2026-03-14: 2029-03-13
"""


def test_the_exported_file_is_the_parameter_files_shape_and_reads_back_equal():
    # each date its own object, as the page and an uploaded file make them (PyYAML writes one date object
    # used twice as an anchor and an alias)
    reform = Reform([
        Change("article5_rnd", "rnd_support_rate", Decimal("0.20"), dt.date(2026, 3, 14), "比例降至 20%"),
        Change("article5_rnd", "rnd_support_rate", Decimal("0.00"), dt.date(2027, 1, 1), "比例降至 20%"),
        Change("article5_rnd", "rnd_cap_yuan", Decimal(2_000_000), dt.date(2026, 3, 14)),
        Change("article5_rnd", "rnd_cap_yuan", Decimal("1500000.50"), dt.date(2027, 1, 1)),
        Change("general", "effective_until", dt.date(2029, 3, 13), dt.date(2026, 3, 14)),
    ], "strict", "测算用")
    text = reform_yaml(reform)
    assert text == EXPORTED
    again, problems = reform_from_yaml(text)
    assert problems == [] and again == reform


def test_a_reform_without_note_or_reading_exports_no_reform_block():
    text = reform_yaml(Reform([Change("article5_rnd", "rnd_cap_yuan", Decimal(2_000_000), START)]))
    assert text.splitlines()[1:3] == ["article5_rnd:", "  rnd_cap_yuan:"]


def test_a_parameter_without_a_comparison_is_exported_without_one():
    """第3条's amount per further minute is an amount, not a line: its file gives no comparison."""
    text = reform_yaml(Reform([Change("article3_works", "local_culture_per_extra_minute_yuan", Decimal(12_000), START)]))
    assert text.splitlines()[1:] == [
        "article3_works:", "  local_culture_per_extra_minute_yuan:",
        "    description: 每增加 1 分钟（整分钟）再给予的扶持额", "    unit: 元", "    article: 一、第3条",
        "    reference: 每增加 1 分钟再给予 1 万元的扶持", "    note: ''", "    values:", "      2026-03-14: 12000"]


def test_a_share_of_minus_zero_is_exported_as_0():
    """A share typed as -0 is accepted (it is 0); the file says 0, not -0."""
    value, why = check_value(*SHARE, "-0%")
    assert why is None and value == 0
    text = reform_yaml(Reform([Change(*SHARE, value, START)]))
    assert text.splitlines()[-1] == "      2026-03-14: '0'"


def test_a_long_note_is_wrapped_at_120_columns_only():
    """The file is read in an editor: a line breaks at the first space past column 120, never before."""
    note = "w" * 80 + " " + "x" * 32 + " yy " + "z" * 10  # the space after the x's is column 121
    text = reform_yaml(Reform(note=note))
    assert text.splitlines()[1:] == ["reform:", "  note: " + "w" * 80 + " " + "x" * 32, "    yy " + "z" * 10]
    assert reform_from_yaml(text)[0].note == note


# ---- a reform as a value --------------------------------------------------------------------------

def test_two_reforms_are_equal_only_with_the_same_changes_reading_and_note():
    a = Reform([Change(*CAP, Decimal(5_000_000), START)], "strict", "n")
    assert a == Reform([Change(*CAP, Decimal(5_000_000), START)], "strict", "n")
    assert hash(a) == hash(Reform([Change(*CAP, Decimal(5_000_000), START)], "strict", "n"))
    assert a != Reform([Change(*CAP, Decimal(4_000_000), START)], "strict", "n")
    assert a != Reform([Change(*CAP, Decimal(5_000_000), START)], "default", "n")
    assert a != Reform([Change(*CAP, Decimal(5_000_000), START)], "strict", "m")
    assert a != a.changes
    assert len({a, Reform(a.changes, "strict", "n"), Reform(a.changes, "strict", "m")}) == 2
    assert repr(a) == ("Reform([Change(stem='article1_carrier', name='cap_yuan', value=Decimal('5000000'), "
                       "since=datetime.date(2026, 3, 14), note='')], interpretation='strict')")
    assert Change(*CAP, Decimal(1), START).key == "article1_carrier.cap_yuan"


SECTIONS = [
    ("article1_carrier", {"carrier"}),
    ("article2_projects", {"projects"}),
    ("article3_works", {"projects"}),
    ("article4_platforms", {"tech_platforms", "transformation_projects"}),
    ("article5_rnd", {"rnd"}),
    ("article6_venues", {"venues"}),
    ("general", {"carrier", "projects", "tech_platforms", "transformation_projects", "rnd", "venues", "talent",
                 "training"}),  # the 附则 dates gate every item
]


@pytest.mark.parametrize(("stem", "sections"), SECTIONS, ids=[s for s, _ in SECTIONS])
def test_the_sections_a_reform_reaches(stem, sections):
    assert Reform([Change(stem, "x", Decimal(1), START)]).sections() == sections
    assert Reform([Change(stem, "x", Decimal(1), START)], "default").sections() == sections | {"projects"}
    assert ALL_SECTIONS == frozenset(SECTIONS[-1][1])


def test_a_reading_alone_reaches_only_the_works_and_two_changes_reach_both():
    assert Reform(interpretation="strict").sections() == {"projects"}
    assert Reform().sections() == frozenset()
    assert Reform([Change("article1_carrier", "x", Decimal(1), START),
                   Change("article5_rnd", "x", Decimal(1), START)]).sections() == {"carrier", "rnd"}


def test_the_reading_of_a_reform_replaces_the_enterprises_own():
    from calculators import validate_profile

    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": {"name": "企业"}, "interpretation": "default"})
    assert not problems
    assert Reform(interpretation="strict").applied(model).interpretation == "strict"
    assert Reform(interpretation="strict").assess(model).interpretation == "strict"
    assert Reform().applied(model) is model
    assert Reform(interpretation="default").applied(model) is model
    reform = Reform([Change(*CAP, Decimal(5_000_000), START)])
    assert reform.parameters(model.as_of) is reform.parameters(model.as_of)  # built once per date
    assert reform.parameters(model.as_of).get(*CAP) == Decimal(5_000_000)
