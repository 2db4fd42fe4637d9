"""Bad input, field by field: the whole line a person reads for each fault, in Chinese and English.

``str(problem)`` is what the command line prints and the pages show: ``label（field）：message``, in English
``label (field): message``. Every
expected line below is written from content/i18n/engine.yaml (``validation``), content/i18n/fields.yaml
(labels) and the limits in content/parameters/validation.yaml and limits.yaml: money at most
1,000,000,000,000 元, counts and areas at most 100,000,000, local culture content at most 600 minutes,
names at most 200 characters, dates from 1949-10-01, an assessment date at most 2099-12-31, at most
500 subjects a profile, years within the policy's 2026–2028 (附则 第3条: 2026-03-14 to 2028-03-13).
Each limit is tried at the line (accepted) and just above it (refused).
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from decimal import Decimal

import pytest

from calculators import validate_profile

AS_OF = "2027-06-30"
ENTERPRISE = {"name": "甲公司"}
MONEY, MONEY_ABOVE = Decimal("1000000000000"), Decimal("1000000000000.01")
COUNT, COUNT_ABOVE = 100_000_000, 100_000_001
NO_MORE_MONEY = "不能大于 1,000,000,000,000"
NO_MORE_COUNT = "不能大于 100,000,000"


def profile(**sections) -> dict:
    return {"as_of": AS_OF, "enterprise": dict(ENTERPRISE), **sections}


def said(data, lang: str = "zh") -> list[str]:
    """The lines a person reads for ``data`` (and no profile comes back with them)."""
    model, problems = validate_profile(data, lang)
    assert model is None or not problems
    return [str(p) for p in problems]


@contextmanager
def deadline(seconds: int):
    """Fail, rather than hang, if the block takes longer than ``seconds``."""
    def stop(*_):
        raise TimeoutError(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def _promptly():
    """Each test here takes milliseconds: one that loops (a label that never ends) fails within 10 s, under
    mutmut's shortest wall timeout (15 s), instead of hanging."""
    with deadline(10):
        yield


def carrier(**fields) -> dict:
    return {"name": "园区", "related_enterprises": 10, "total_enterprises": 20,
            "revenue_last_year_yuan": 100, "revenue_this_year_yuan": 110, **fields}


def work(name: str = "A", **fields) -> dict:
    return {"name": name, **fields}


def platform(name: str = "平台", **fields) -> dict:
    return {"name": name, "investment_yuan": 100, **fields}


def cooperation(name: str = "合作", **fields) -> dict:
    return {"name": name, "project_investment_yuan": 3000000, **fields}


def venue(name: str = "场景", **fields) -> dict:
    return {"name": name, "opened_on": "2025-06-01", "total_investment_yuan": 100, **fields}


def rnd(**fields) -> dict:
    return {"expenditure_yuan": 100, **fields}


# ---- what pydantic refuses, in the person's words ------------------------------------------------

TYPE_CASES = [
    # id, data, Chinese line, English line
    ("missing", {"as_of": AS_OF, "enterprise": {}},
     "企业基本信息 · 名称（enterprise.name）：必须填写",
     "enterprise · name (enterprise.name): is required"),
    ("unknown_field", profile(hack=1),
     "hack（hack）：不是可识别的字段",
     "hack (hack): is not a known field"),
    ("nan", profile(rnd=rnd(expenditure_yuan=float("nan"))),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为有限的数字（不能是 NaN 或无穷大）",
     "R&D · R&D expenditure (rnd.expenditure_yuan): must be a finite number (not NaN or infinity)"),
    ("absurd_size", profile(rnd=rnd(expenditure_yuan=Decimal("1e200"))),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：数值过大，不是有效的输入",
     "R&D · R&D expenditure (rnd.expenditure_yuan): is far too large to be a real figure"),
    # A number of 101 digits before the point (10^100) is refused before any arithmetic, also when it is
    # text with thousands separators (a spreadsheet's "1,000,…"); one of 100 digits reaches the money limit.
    ("101_digits", profile(rnd=rnd(expenditure_yuan=Decimal("1e100"))),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：数值过大，不是有效的输入",
     "R&D · R&D expenditure (rnd.expenditure_yuan): is far too large to be a real figure"),
    ("101_digits_with_separators", profile(rnd=rnd(expenditure_yuan="10" + ",000" * 33)),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：数值过大，不是有效的输入",
     "R&D · R&D expenditure (rnd.expenditure_yuan): is far too large to be a real figure"),
    ("100_digits", profile(rnd=rnd(expenditure_yuan=Decimal("9.9e99"))),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：不能大于 1,000,000,000,000",
     "R&D · R&D expenditure (rnd.expenditure_yuan): must not be greater than 1,000,000,000,000"),
    ("negative", profile(rnd=rnd(expenditure_yuan=-1)),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：不能小于 0",
     "R&D · R&D expenditure (rnd.expenditure_yuan): must not be less than 0"),
    ("three_decimals", profile(rnd=rnd(expenditure_yuan=Decimal("1.234"))),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：最多保留 2 位小数",
     "R&D · R&D expenditure (rnd.expenditure_yuan): may have at most 2 decimal places"),
    ("words_for_money", profile(rnd=rnd(expenditure_yuan="abc")),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为数字",
     "R&D · R&D expenditure (rnd.expenditure_yuan): must be a number"),
    ("list_for_money", profile(rnd=rnd(expenditure_yuan=[1])),
     "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为数字",
     "R&D · R&D expenditure (rnd.expenditure_yuan): must be a number"),
    ("words_for_count", profile(training={"trainees": "abc"}),
     "培训 · 培训人次（training.trainees）：须为整数",
     "training · trainees (training.trainees): must be a whole number"),
    ("list_for_count", profile(training={"trainees": [1]}),
     "培训 · 培训人次（training.trainees）：须为整数",
     "training · trainees (training.trainees): must be a whole number"),
    ("fraction_for_count", profile(training={"trainees": Decimal("1.5")}),
     "培训 · 培训人次（training.trainees）：须为整数",
     "training · trainees (training.trainees): must be a whole number"),
    ("true_for_count", profile(training={"trainees": True}),
     "培训 · 培训人次（training.trainees）：须为整数",
     "training · trainees (training.trainees): must be a whole number"),
    ("words_for_yes_no", profile(enterprise={"name": "甲", "registered_in_minhang": "maybe"}),
     "企业基本信息 · 在闵行区注册或经营（enterprise.registered_in_minhang）：须为是或否",
     "enterprise · registered or operating in Minhang (enterprise.registered_in_minhang): must be yes or no"),
    ("list_for_yes_no", profile(enterprise={"name": "甲", "registered_in_minhang": [1]}),
     "企业基本信息 · 在闵行区注册或经营（enterprise.registered_in_minhang）：须为是或否",
     "enterprise · registered or operating in Minhang (enterprise.registered_in_minhang): must be yes or no"),
    ("30_february", {"as_of": "2026-02-30", "enterprise": ENTERPRISE},
     "测算日期（as_of）：须为有效日期（YYYY-MM-DD）",
     "assessment date (as_of): must be a valid date (YYYY-MM-DD)"),
    ("list_for_date", {"as_of": [1], "enterprise": ENTERPRISE},
     "测算日期（as_of）：须为有效日期（YYYY-MM-DD）",
     "assessment date (as_of): must be a valid date (YYYY-MM-DD)"),
    ("date_with_a_time", {"as_of": "2027-01-01T10:00:00", "enterprise": ENTERPRISE},
     "测算日期（as_of）：须为有效日期（YYYY-MM-DD）",
     "assessment date (as_of): must be a valid date (YYYY-MM-DD)"),
    ("unknown_reading", profile(interpretation="loose"),
     "就高不重复口径（interpretation）：须为以下之一：'default' or 'strict'",
     "reading of the no-duplication rule (interpretation): must be one of: 'default' or 'strict'"),
    ("blank_name", profile(enterprise={"name": "   "}),
     "企业基本信息 · 名称（enterprise.name）：不能为空",
     "enterprise · name (enterprise.name): must not be empty"),
    ("number_for_name", profile(enterprise={"name": 5}),
     "企业基本信息 · 名称（enterprise.name）：须为文字",
     "enterprise · name (enterprise.name): must be text"),
    ("text_for_works", profile(projects="A"),
     "作品（projects）：须为列表",
     "work (projects): must be a list"),
    # A lone surrogate is valid JSON ("\\ud800") but no text: the same words as a number for a name.
    ("broken_character_in_a_name", profile(enterprise={"name": "甲\ud800"}),
     "企业基本信息 · 名称（enterprise.name）：须为文字",
     "enterprise · name (enterprise.name): must be text"),
    # A spreadsheet cell of 1e300 reaches validation as a float: too many digits to be a count or a year.
    ("float_of_300_digits_for_a_count", profile(training={"trainees": 1e300}),
     "培训 · 培训人次（training.trainees）：数字过长：每个数字最多 30 位",
     "training · trainees (training.trainees): A number is too long: at most 30 digits"),
    ("float_of_50_digits_for_a_year", profile(rnd=rnd(year=1e50)),
     "研发投入 · 年度（rnd.year）：数字过长：每个数字最多 30 位",
     "R&D · year (rnd.year): A number is too long: at most 30 digits"),
    ("text_for_enterprise", {"as_of": AS_OF, "enterprise": "甲"},
     "企业基本信息（enterprise）：须为一组字段",
     "enterprise (enterprise): must be a set of fields"),
    # A place inside a list inside a subject: the subject by its number and name, the list's entry by #.
    ("unknown_platform", profile(projects=[work("A"), work("B", platforms=["tencent", "netflix"])]),
     "第2个作品「B」 · 播出平台 · #2（projects[1].platforms[1]）：须为以下之一："
     "'tencent', 'youku', 'iqiyi', 'mgtv', 'hongguo', 'douyin' or 'other'",
     "work 2 “B” · broadcast platforms · #2 (projects[1].platforms[1]): must be one of: "
     "'tencent', 'youku', 'iqiyi', 'mgtv', 'hongguo', 'douyin' or 'other'"),
    # A subject that is not a set of fields has no name to show.
    ("text_for_a_venue", profile(venues=[venue("V1"), "V2"]),
     "第2个创新场景（venues[1]）：须为一组字段",
     "venue 2 (venues[1]): must be a set of fields"),
]


@pytest.mark.parametrize(("data", "zh", "en"), [c[1:] for c in TYPE_CASES], ids=[c[0] for c in TYPE_CASES])
def test_each_kind_of_bad_value_is_one_line_in_each_language(data, zh, en):
    assert said(data, "zh") == [zh]
    assert said(data, "en") == [en]


def test_a_problem_names_its_field_its_label_and_what_is_wrong_apart():
    _, problems = validate_profile(profile(venues=[venue("V1"), venue("V2", positive_media_reports=-1)]), "zh")
    assert [(p.field, p.label, p.message) for p in problems] == [
        ("venues[1].positive_media_reports", "第2个创新场景「V2」 · 市级及以上主流媒体正面报道", "不能小于 0")]


def test_a_subjects_name_is_shown_trimmed_and_cut_to_40_characters():
    long_name = "  " + "长" * 45 + "  "
    _, problems = validate_profile(profile(projects=[work(long_name, year="x")]), "zh")
    assert [p.label for p in problems] == ["第1个作品「" + "长" * 40 + "」 · 年度"]
    _, problems = validate_profile(profile(projects=[work(" " + "a" * 45, year="x")]), "en")
    assert [p.label for p in problems] == ["work 1 “" + "a" * 40 + "” · year"]


@pytest.mark.parametrize("name", ["   ", 7])
def test_a_subject_without_a_usable_name_is_shown_by_its_number_alone(name):
    """A blank name is refused itself; a number for a name is not text: neither is shown as the name."""
    _, problems = validate_profile(profile(projects=[work(name, year="x")]), "en")
    assert [p.label for p in problems][-1] == "work 1 · year"


@pytest.mark.parametrize(("data", "zh", "en"), [
    (profile(projects=[work("A", venues=1)]),
     "第1个作品「A」 · 创新场景（projects[0].venues）：不是可识别的字段",
     "work 1 “A” · venue (projects[0].venues): is not a known field"),
    (profile(carrier=carrier(rnd={})),
     "产业载体 · 研发投入（carrier.rnd）：不是可识别的字段",
     "carrier · R&D (carrier.rnd): is not a known field"),
])
def test_an_unknown_key_named_like_a_section_inside_another_is_named_by_that_sections_name(data, zh, en):
    assert said(data, "zh") == [zh]
    assert said(data, "en") == [en]


def test_every_bad_field_of_a_profile_is_named_at_once():
    data = profile(carrier=carrier(related_enterprises=-1), rnd=rnd(expenditure_yuan="x"),
                   venues=[venue("V", opened_on="2026-13-01")])
    assert said(data) == [
        "产业载体 · 相关企业数（carrier.related_enterprises）：不能小于 0",
        "研发投入 · 研发费用投入（rnd.expenditure_yuan）：须为数字",
        "第1个创新场景「V」 · 开放运营日期（venues[0].opened_on）：须为有效日期（YYYY-MM-DD）",
    ]


# ---- what is refused before any model is built ------------------------------------------------

@pytest.mark.parametrize(("data", "lang", "expected"), [
    ([1, 2], "zh", "文件内容须为一个 JSON 对象（企业测算档案）"),
    ("甲", "en", "the file must hold one JSON object (an enterprise profile)"),
    (profile(projects=[{}] * 1001), "zh", "作品、技术平台、转化项目与场景合计 1,001 个，超过上限 500 个"),
    (profile(projects=[{}] * 300, tech_platforms=[{}] * 100, transformation_projects=[{}] * 100, venues=[{}]), "en",
     "501 works, platforms, projects and venues in all; the limit is 500"),
])
def test_a_file_that_is_no_profile_or_too_many_subjects_is_one_message(data, lang, expected):
    model, problems = validate_profile(data, lang)
    assert model is None
    assert [(p.field, p.label, str(p)) for p in problems] == [("", "", expected)]


def test_500_subjects_are_read():
    """The limit itself is allowed (max_subjects_per_profile: 500, comparison <=)."""
    data = profile(projects=[work(f"作品{i}") for i in range(200)], tech_platforms=[platform(f"平台{i}") for i in range(100)],
                   transformation_projects=[cooperation(f"合作{i}") for i in range(100)],
                   venues=[venue(f"场景{i}") for i in range(100)])
    model, problems = validate_profile(data)
    assert problems == []
    assert len(model.projects) + len(model.tech_platforms) + len(model.transformation_projects) + len(model.venues) == 500


# ---- the rule book's checks across fields (RULES.md §5, §6.2, §6.4) ------------------------------

# Every limited field, its label, and the line it may reach: at the line it is read, just above it is
# refused with the limit written out.
LIMITS = [
    # id, section builder (value → sections), field, label, at the line, just above, message
    ("carrier_total", lambda v: {"carrier": carrier(related_enterprises=0, total_enterprises=v)},
     "carrier.total_enterprises", "产业载体 · 载体内企业总数", COUNT, COUNT_ABOVE, NO_MORE_COUNT),
    ("carrier_area", lambda v: {"carrier": carrier(independent_area_sqm=v)},
     "carrier.independent_area_sqm", "产业载体 · 独立企业租购面积", Decimal(COUNT), Decimal("100000000.5"), NO_MORE_COUNT),
    ("carrier_last_year", lambda v: {"carrier": carrier(revenue_last_year_yuan=v)},
     "carrier.revenue_last_year_yuan", "产业载体 · 上年营业收入总额", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("carrier_this_year", lambda v: {"carrier": carrier(revenue_this_year_yuan=v)},
     "carrier.revenue_this_year_yuan", "产业载体 · 本年营业收入总额", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("carrier_other", lambda v: {"carrier": carrier(other_minhang_support_yuan=v)},
     "carrier.other_minhang_support_yuan", "产业载体 · 本区其他政策已给予的支持", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("work_minutes", lambda v: {"projects": [work("A", local_culture_minutes=v)]},
     "projects[0].local_culture_minutes", "第1个作品「A」 · 在地文化内容时长", Decimal(600), Decimal("600.5"),
     "不能大于 600"),
    ("work_other", lambda v: {"projects": [work("A"), work("B", other_minhang_support_yuan=v)]},
     "projects[1].other_minhang_support_yuan", "第2个作品「B」 · 本区其他政策已给予的支持", MONEY, MONEY_ABOVE,
     NO_MORE_MONEY),
    ("platform_investment", lambda v: {"tech_platforms": [platform("P", investment_yuan=v)]},
     "tech_platforms[0].investment_yuan", "第1个专业化平台「P」 · 项目投资额", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("platform_other", lambda v: {"tech_platforms": [platform("P", other_minhang_support_yuan=v)]},
     "tech_platforms[0].other_minhang_support_yuan", "第1个专业化平台「P」 · 本区其他政策已给予的支持", MONEY,
     MONEY_ABOVE, NO_MORE_MONEY),
    ("cooperation_project", lambda v: {"transformation_projects": [cooperation("C", project_investment_yuan=v)]},
     "transformation_projects[0].project_investment_yuan", "第1个成果转化项目「C」 · 合作项目投资总额", MONEY,
     MONEY_ABOVE, NO_MORE_MONEY),
    ("cooperation_legacy", lambda v: {"transformation_projects": [{"name": "C", "investment_yuan": v}]},
     "transformation_projects[0].investment_yuan", "第1个成果转化项目「C」 · 项目投资额", MONEY, MONEY_ABOVE,
     NO_MORE_MONEY),
    ("cooperation_other", lambda v: {"transformation_projects": [cooperation("C", other_minhang_support_yuan=v)]},
     "transformation_projects[0].other_minhang_support_yuan", "第1个成果转化项目「C」 · 本区其他政策已给予的支持",
     MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("rnd_expenditure", lambda v: {"rnd": rnd(expenditure_yuan=v)},
     "rnd.expenditure_yuan", "研发投入 · 研发费用投入", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("rnd_other", lambda v: {"rnd": rnd(other_minhang_support_yuan=v)},
     "rnd.other_minhang_support_yuan", "研发投入 · 本区其他政策已给予的支持", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("venue_reports", lambda v: {"venues": [venue("V", positive_media_reports=v)]},
     "venues[0].positive_media_reports", "第1个创新场景「V」 · 市级及以上主流媒体正面报道", COUNT, COUNT_ABOVE,
     NO_MORE_COUNT),
    ("venue_visitors", lambda v: {"venues": [venue("V", avg_monthly_visitors=v)]},
     "venues[0].avg_monthly_visitors", "第1个创新场景「V」 · 平均月度票务服务人次", Decimal(COUNT),
     Decimal("100000000.5"), NO_MORE_COUNT),
    ("venue_revenue", lambda v: {"venues": [venue("V", avg_monthly_revenue_yuan=v)]},
     "venues[0].avg_monthly_revenue_yuan", "第1个创新场景「V」 · 平均月度经营性收入", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("venue_investment", lambda v: {"venues": [venue("V", total_investment_yuan=v)]},
     "venues[0].total_investment_yuan", "第1个创新场景「V」 · 项目总投资", MONEY, MONEY_ABOVE, NO_MORE_MONEY),
    ("venue_other", lambda v: {"venues": [venue("V", other_minhang_support_yuan=v)]},
     "venues[0].other_minhang_support_yuan", "第1个创新场景「V」 · 本区其他政策已给予的支持", MONEY, MONEY_ABOVE,
     NO_MORE_MONEY),
    ("talent", lambda v: {"talent": {"chunshen_candidates": v}},
     "talent.chunshen_candidates", "人才 · 春申人才计划申报人选", COUNT, COUNT_ABOVE, NO_MORE_COUNT),
    ("training", lambda v: {"training": {"trainees": v}},
     "training.trainees", "培训 · 培训人次", COUNT, COUNT_ABOVE, NO_MORE_COUNT),
]


@pytest.mark.parametrize(("build", "field", "label", "at", "above", "expected"), [c[1:] for c in LIMITS],
                         ids=[c[0] for c in LIMITS])
def test_each_figure_is_read_up_to_its_limit_and_refused_above_it(build, field, label, at, above, expected):
    assert said(profile(**build(at))) == []
    assert said(profile(**build(above))) == [f"{label}（{field}）：{expected}"]


def test_related_enterprises_above_the_count_limit_are_named_twice_and_more_than_the_total():
    data = profile(carrier=carrier(related_enterprises=COUNT_ABOVE, total_enterprises=COUNT))
    assert said(data) == [
        "产业载体 · 相关企业数（carrier.related_enterprises）：相关企业数（100000001）不能大于载体内企业总数（100000000）",
        "产业载体 · 相关企业数（carrier.related_enterprises）：不能大于 100,000,000",
    ]
    assert said(profile(carrier=carrier(related_enterprises=COUNT, total_enterprises=COUNT))) == []


def test_a_limit_in_english():
    assert said(profile(training={"trainees": COUNT_ABOVE}), "en") == [
        "training · trainees (training.trainees): must not be greater than 100,000,000"]


@pytest.mark.parametrize(("related", "total", "zh", "en"), [
    (0, 0, "产业载体 · 载体内企业总数（carrier.total_enterprises）：须大于 0",
     "carrier · enterprises in the carrier (carrier.total_enterprises): must be greater than 0"),
    (21, 20, "产业载体 · 相关企业数（carrier.related_enterprises）：相关企业数（21）不能大于载体内企业总数（20）",
     "carrier · related enterprises (carrier.related_enterprises): related enterprises (21) cannot exceed the total (20)"),
])
def test_a_carrier_needs_enterprises_and_no_more_related_than_in_it(related, total, zh, en):
    data = profile(carrier=carrier(related_enterprises=related, total_enterprises=total))
    assert said(data, "zh") == [zh]
    assert said(data, "en") == [en]


@pytest.mark.parametrize(("related", "total"), [(20, 20), (0, 1)])
def test_a_carrier_of_related_enterprises_only_or_of_one_is_read(related, total):
    assert said(profile(carrier=carrier(related_enterprises=related, total_enterprises=total))) == []


@pytest.mark.parametrize(("length", "refused"), [(200, False), (201, True)])
def test_names_are_read_up_to_200_characters(length, refused):
    name = "名" * length
    sections = {"enterprise": {"name": name}, "carrier": carrier(name=name), "projects": [work(name)],
                "tech_platforms": [platform(name)], "transformation_projects": [cooperation(name)],
                "venues": [venue(name)]}
    shown = "名" * 40
    expected = [
        "企业基本信息 · 名称（enterprise.name）：不能超过 200 个字符",
        "产业载体 · 名称（carrier.name）：不能超过 200 个字符",
        f"第1个作品「{shown}」 · 名称（projects[0].name）：不能超过 200 个字符",
        f"第1个专业化平台「{shown}」 · 名称（tech_platforms[0].name）：不能超过 200 个字符",
        f"第1个成果转化项目「{shown}」 · 名称（transformation_projects[0].name）：不能超过 200 个字符",
        f"第1个创新场景「{shown}」 · 名称（venues[0].name）：不能超过 200 个字符",
    ]
    assert said({"as_of": AS_OF, **sections}) == (expected if refused else [])
    if refused:
        assert said({"as_of": AS_OF, "enterprise": {"name": name}}, "en") == [
            "enterprise · name (enterprise.name): must be at most 200 characters"]


@pytest.mark.parametrize(("as_of", "zh"), [
    ("1949-09-30", "测算日期（as_of）：须在 1949-10-01 至 2099-12-31 之间"),
    ("1949-10-01", None),
    ("2099-12-31", None),
    ("2100-01-01", "测算日期（as_of）：须在 1949-10-01 至 2099-12-31 之间"),
])
def test_the_assessment_date_lies_between_1949_10_01_and_2099_12_31(as_of, zh):
    assert said({"as_of": as_of, "enterprise": ENTERPRISE}) == ([zh] if zh else [])


def test_the_assessment_date_range_in_english():
    assert said({"as_of": "2100-01-01", "enterprise": ENTERPRISE}, "en") == [
        "assessment date (as_of): must be between 1949-10-01 and 2099-12-31"]


BAD_CODE_ZH = ("企业基本信息 · 统一社会信用代码（enterprise.credit_code）：须为 18 位统一社会信用代码（数字和大写字母，"
               "不含 I、O、Z、S、V），且末位校验码正确（GB 32100）")


@pytest.mark.parametrize(("code", "expected"), [
    ("91330100716105852F", []),  # a real code: 31 - (Σ Ci·Wi mod 31) gives F
    ("", []),  # left empty: not given
    ("91330100716105852E", [BAD_CODE_ZH]),
])
def test_a_credit_code_is_checked_only_when_given(code, expected):
    assert said(profile(enterprise={"name": "甲", "credit_code": code})) == expected


def test_a_bad_credit_code_in_english():
    assert said(profile(enterprise={"name": "甲", "credit_code": "91330100716105852E"}), "en") == [
        "enterprise · unified social credit code (enterprise.credit_code): must be an 18-character unified social "
        "credit code (digits and capital letters other than I, O, Z, S, V) with a correct check character (GB 32100)"]


# Dated events (RULES.md §6.2 and the limits): not before 1949-10-01, not after the assessment date.
DATES = [
    ("fund", lambda d: {"projects": [work("A", municipal_fund="awarded", municipal_fund_date=d)]},
     "第1个作品「A」 · 市级专项资金入围或获得日期（projects[0].municipal_fund_date）",
     "work 1 “A” · municipal fund date (projects[0].municipal_fund_date)"),
    ("recognition", lambda d: {"tech_platforms": [platform("P", national=True, recognised_on=d)]},
     "第1个专业化平台「P」 · 认定或获扶持日期（tech_platforms[0].recognised_on）",
     "specialised platform 1 “P” · recognition date (tech_platforms[0].recognised_on)"),
    ("opening", lambda d: {"venues": [venue("V", opened_on=d)]},
     "第1个创新场景「V」 · 开放运营日期（venues[0].opened_on）",
     "venue 1 “V” · opening date (venues[0].opened_on)"),
]


@pytest.mark.parametrize(("build", "zh_place", "en_place"), [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_a_date_lies_between_1949_10_01_and_the_assessment_date(build, zh_place, en_place):
    assert said(profile(**build("1949-10-01"))) == []
    assert said(profile(**build(AS_OF))) == []
    assert said(profile(**build("1949-09-30"))) == [f"{zh_place}：须在 1949-10-01 至 2027-06-30 之间"]
    assert said(profile(**build("1949-09-30")), "en") == [f"{en_place}: must be between 1949-10-01 and 2027-06-30"]
    assert said(profile(**build("2027-07-01"))) == [f"{zh_place}：日期 2027-07-01 晚于测算日期 2027-06-30"]
    assert said(profile(**build("2027-07-01")), "en") == [
        f"{en_place}: the date 2027-07-01 is after the assessment date 2027-06-30"]


# Years (RULES.md §6.2): within 2026–2028, not after the assessment date's year (2027 here).
YEARS = [
    ("carrier", lambda y: {"carrier": carrier(year=y)}, "产业载体 · 年度（carrier.year）", "carrier · year (carrier.year)"),
    ("work", lambda y: {"projects": [work("A", year=y)]}, "第1个作品「A」 · 年度（projects[0].year）",
     "work 1 “A” · year (projects[0].year)"),
    ("platform", lambda y: {"tech_platforms": [platform("P", year=y)]},
     "第1个专业化平台「P」 · 年度（tech_platforms[0].year）", "specialised platform 1 “P” · year (tech_platforms[0].year)"),
    ("cooperation", lambda y: {"transformation_projects": [cooperation("C", year=y)]},
     "第1个成果转化项目「C」 · 年度（transformation_projects[0].year）",
     "cooperation project 1 “C” · year (transformation_projects[0].year)"),
    ("rnd", lambda y: {"rnd": rnd(year=y)}, "研发投入 · 年度（rnd.year）", "R&D · year (rnd.year)"),
    ("venue", lambda y: {"venues": [venue("V", year=y)]}, "第1个创新场景「V」 · 年度（venues[0].year）",
     "venue 1 “V” · year (venues[0].year)"),
]


@pytest.mark.parametrize(("build", "zh_place", "en_place"), [c[1:] for c in YEARS], ids=[c[0] for c in YEARS])
def test_a_year_lies_within_the_policy_and_not_after_the_assessment(build, zh_place, en_place):
    assert said(profile(**build(2026))) == []
    assert said(profile(**build(2027))) == []
    assert said(profile(**build(2025))) == [f"{zh_place}：须在政策执行年度 2026–2028 之内"]
    assert said(profile(**build(2029)), "en") == [f"{en_place}: must be within the policy's years 2026–2028"]
    assert said(profile(**build(2028))) == [f"{zh_place}：年度 2028 晚于测算日期 2027-06-30 所在年度"]
    assert said(profile(**build(2028)), "en") == [
        f"{en_place}: the year 2028 is after the year of the assessment date 2027-06-30"]


def test_the_last_policy_year_is_read_when_the_assessment_is_in_it():
    data = {"as_of": "2028-03-13", "enterprise": ENTERPRISE, "rnd": rnd(year=2028)}
    assert said(data) == []


# A year before the year of the subject's dated qualifying event, once that event has come.
EVENTS = [
    ("fund", lambda y, d: {"projects": [work("A", year=y, municipal_fund="shortlisted", municipal_fund_date=d)]},
     "第1个作品「A」 · 年度（projects[0].year）", "市级专项资金入围或获得日期",
     "work 1 “A” · year (projects[0].year)", "municipal fund date"),
    ("national", lambda y, d: {"tech_platforms": [platform("P", year=y, national=True, recognised_on=d)]},
     "第1个专业化平台「P」 · 年度（tech_platforms[0].year）", "认定或获扶持日期",
     "specialised platform 1 “P” · year (tech_platforms[0].year)", "recognition date"),
    ("municipal", lambda y, d: {"tech_platforms": [platform("P", year=y, municipal=True, recognised_on=d)]},
     "第1个专业化平台「P」 · 年度（tech_platforms[0].year）", "认定或获扶持日期",
     "specialised platform 1 “P” · year (tech_platforms[0].year)", "recognition date"),
]


@pytest.mark.parametrize(("build", "zh_place", "zh_event", "en_place", "en_event"), [c[1:] for c in EVENTS],
                         ids=[c[0] for c in EVENTS])
def test_a_year_before_its_dated_event_is_refused(build, zh_place, zh_event, en_place, en_event):
    assert said(profile(**build(2026, "2027-01-01"))) == [
        f"{zh_place}：年度 2026 早于{zh_event} 2027-01-01 所在的 2027 年度：该项只能计入 2027 年度或之后"]
    assert said(profile(**build(2026, "2027-01-01")), "en") == [
        f"{en_place}: the year 2026 is before 2027, the year of its {en_event} (2027-01-01): "
        "it can only count in 2027 or later"]
    assert said(profile(**build(2027, "2027-01-01"))) == []
    assert said(profile(**build(2026, "2026-12-31"))) == []
    # on the assessment date itself the event has come
    assert said(profile(**build(2026, AS_OF)))[0].startswith(f"{zh_place}：年度 2026 早于")


@pytest.mark.parametrize("build", [
    lambda: {"projects": [work("A", year=2026, municipal_fund_date="2027-01-01")]},  # no fund: the date is not its event
    lambda: {"tech_platforms": [platform("P", year=2026, recognised_on="2027-01-01")]},  # neither level
])
def test_a_date_that_is_not_the_subjects_event_does_not_hold_its_year(build):
    assert said(profile(**build())) == []


def test_a_venues_year_is_not_before_its_first_full_year_of_operation():
    """开放运营满1年: opened 2026-03-01, the year is full on 2027-03-01 (民法典 第201条), so it counts
    from 2027; assessed 2027-02-28 the anniversary has not come and the year 2026 stands."""
    opened = {"venues": [venue("V", year=2026, opened_on="2026-03-01")]}
    assert said(profile(**opened)) == [
        "第1个创新场景「V」 · 年度（venues[0].year）：年度 2026 早于开放运营满 1 年之日 2027-03-01 所在的 2027 年度："
        "该项只能计入 2027 年度或之后"]
    assert said(profile(**opened), "en") == [
        "venue 1 “V” · year (venues[0].year): the year 2026 is before 2027, the year of its first full year of "
        "operation (2027-03-01): it can only count in 2027 or later"]
    assert said({"as_of": "2027-02-28", "enterprise": ENTERPRISE, **opened}) == []
    assert said({"as_of": "2027-03-01", "enterprise": ENTERPRISE, **opened}) != []
    assert said(profile(venues=[venue("V", year=2026, opened_on="2025-12-31")])) == []


# 4.2's two amounts (RULES.md §6.4).
@pytest.mark.parametrize(("fields", "zh", "en"), [
    ({"investment_yuan": 3000000, "project_investment_yuan": 3000000},
     "第1个成果转化项目「C」 · 项目投资额（transformation_projects[0].investment_yuan）：旧版字段“项目投资额”不能与"
     "“合作项目投资总额”“企业自身投资”同时填写",
     "cooperation project 1 “C” · project investment (transformation_projects[0].investment_yuan): the old single "
     "investment cannot be given together with the project's total and the enterprise's own investment"),
    ({"investment_yuan": 3000000, "enterprise_investment_yuan": 1000000},
     "第1个成果转化项目「C」 · 项目投资额（transformation_projects[0].investment_yuan）：旧版字段“项目投资额”不能与"
     "“合作项目投资总额”“企业自身投资”同时填写", None),
    ({}, "第1个成果转化项目「C」 · 合作项目投资总额（transformation_projects[0].project_investment_yuan）：必须填写",
     "cooperation project 1 “C” · cooperation project's total investment"
     " (transformation_projects[0].project_investment_yuan): is required"),
    ({"enterprise_investment_yuan": 1000000},
     "第1个成果转化项目「C」 · 合作项目投资总额（transformation_projects[0].project_investment_yuan）：必须填写", None),
    ({"project_investment_yuan": Decimal("2000000.5"), "enterprise_investment_yuan": Decimal("2000000.51")},
     "第1个成果转化项目「C」 · 企业自身投资（transformation_projects[0].enterprise_investment_yuan）："
     "企业自身投资（2,000,000.51 元）不能大于合作项目投资总额（2,000,000.5 元）",
     "cooperation project 1 “C” · enterprise's own investment (transformation_projects[0].enterprise_investment_yuan): "
     "the enterprise's own investment (2,000,000.51 yuan) cannot exceed the project's total investment "
     "(2,000,000.5 yuan)"),
])
def test_a_cooperation_project_gives_its_total_and_the_enterprises_share_once(fields, zh, en):
    data = profile(transformation_projects=[{"name": "C", **fields}])
    assert said(data) == [zh]
    if en:
        assert said(data, "en") == [en]


@pytest.mark.parametrize("fields", [
    {"investment_yuan": 3000000},
    {"project_investment_yuan": 3000000},
    {"project_investment_yuan": 3000000, "enterprise_investment_yuan": 3000000},
    {"project_investment_yuan": 3000000, "enterprise_investment_yuan": 0},
])
def test_a_cooperation_project_with_its_amounts_once_is_read(fields):
    assert said(profile(transformation_projects=[{"name": "C", **fields}])) == []


@pytest.mark.parametrize(("section", "build", "zh_label", "en_label"), [
    ("projects", work, "第2个作品「a」", "work 2 “a”"),
    ("tech_platforms", platform, "第2个专业化平台「a」", "specialised platform 2 “a”"),
    ("transformation_projects", cooperation, "第2个成果转化项目「a」", "cooperation project 2 “a”"),
    ("venues", venue, "第2个创新场景「a」", "venue 2 “a”"),
])
def test_two_subjects_of_one_list_may_not_share_a_name_whatever_its_case(section, build, zh_label, en_label):
    data = profile(**{section: [build("A"), build("a"), build("B")]})
    assert said(data) == [f"{zh_label} · 名称（{section}[1].name）：名称“a”重复：同一列表中每个对象的名称须唯一"]
    assert said(data, "en") == [
        f"{en_label} · name ({section}[1].name): the name \"a\" appears twice: names in one list must be unique"]
    assert said(profile(**{section: [build("A"), build("B")]})) == []


def test_one_name_in_two_lists_is_no_duplicate():
    assert said(profile(projects=[work("同名")], venues=[venue("同名")])) == []


@pytest.mark.parametrize("kind, ctx, zh, en", [
    ("greater_than_equal", {"ge": 0}, "不能小于 0", "must not be less than 0"),
    ("greater_than", {"gt": 0}, "须大于 0", "must be greater than 0"),
    ("less_than_equal", {"le": 10}, "不能大于 10", "must not be greater than 10"),
    ("less_than", {"lt": 10}, "须小于 10", "must be less than 10"),
])
def test_each_bound_is_said_as_it_is_strict_or_not(kind, ctx, zh, en):
    """超过/以上 in the messages too: a strict bound (lt, gt) is not said as an inclusive one (le, ge).
    Only ge=0 is on a field today; the others are said right the day a field takes one."""
    from calculators.validation import _translate

    assert _translate({"type": kind, "ctx": ctx}, "zh") == zh
    assert _translate({"type": kind, "ctx": ctx}, "en") == en
