"""政策调整模拟 / Policy what-ifs in AppTest, both languages.

By hand:
- the park operator example: revenue up 92,000,000 - 80,000,000 = 12,000,000; x 20% = 2,400,000 today
  (240.00 万元); with the rate at 25%: 3,000,000 (300.00); with the cap at 200 万元: 2,000,000 (200.00).
- the portfolio of tests/reform/test_reform_cli.py (甲 R&D 8,000,000, 乙 a carrier at its 3,000,000 cap,
  丙 R&D 1,000,000): 5,700,000 today (570.00 万元); with the R&D rate at 20%: 4,800,000 (480.00), two
  enterprises lose (甲 -80.00, 丙 -10.00), none gains.
"""

from __future__ import annotations

import pytest

from reports.batch_book import profiles_workbook
from tests.app.conftest import new_app
from tests.reform.test_reform_cli import PROFILES

PAGE = "pages/whatifs.py"
TITLE = {"zh": "政策调整模拟", "en": "Policy what-ifs"}
WAN = {"zh": " 万元", "en": " ×10k yuan"}


def open_page(lang: str, example: str | None = "park_operator.json"):
    at = new_app(lang)
    at.run()
    if example:
        at.sidebar.selectbox(key="example_choice").select(example).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.main.metric}


def values(at) -> list[str]:
    return [m.value for m in at.main.metric]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_the_enterprise_before_and_after(lang):
    at = open_page(lang)
    assert at.main.title[0].value == TITLE[lang]
    assert values(at)[:2] == ["240.00" + WAN[lang]] * 2
    at.number_input(key="wi:article1_carrier.support_rate").set_value(25.0).run()
    assert not at.exception
    got = [(m.value, m.delta or None) for m in at.main.metric][:2]
    assert got == [("240.00" + WAN[lang], None), ("300.00" + WAN[lang], "+60.00")]
    at.number_input(key="wi:article1_carrier.cap_yuan").set_value(200.0).run()
    got = [(m.value, m.delta or None) for m in at.main.metric][:2]
    assert got == [("240.00" + WAN[lang], None), ("200.00" + WAN[lang], "-40.00")]
    # back to today's values: no change left
    at.button(key="wi_reset").click().run()
    assert values(at)[:2] == ["240.00" + WAN[lang]] * 2
    assert at.number_input(key="wi:article1_carrier.cap_yuan").value == 300.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_portfolio_from_the_batch_page_before_and_after(lang):
    at = open_page(lang, example=None)
    at.session_state["batch_source"] = ("upload", [("名单.xlsx", profiles_workbook(PROFILES))], ("名单.xlsx", 1, "x"))
    at.run()
    assert not at.exception
    assert values(at)[:2] == ["570.00" + WAN[lang]] * 2
    at.number_input(key="wi:article5_rnd.rnd_support_rate").set_value(20.0).run()
    assert not at.exception
    v = [(m.value, m.delta or None) for m in at.main.metric]
    assert v[:3] == [("570.00" + WAN[lang], None), ("480.00" + WAN[lang], "-90.00"), ("3", None)]
    assert [x[0] for x in v[3:6]] == ["0", "2", "0"]  # gain, lose, cross a line
    by_item, _by_year, losers = (d.value for d in at.main.dataframe)
    assert losers.iloc[:, 0].tolist() == ["甲公司", "丙科技"]
    assert losers.iloc[:, 3].tolist() == ["-80.00", "-10.00"]
    assert by_item.iloc[:, 1:].values.tolist() == [["300.00", "300.00", "0.00"], ["270.00", "180.00", "-90.00"]]
    # the line of 30% moved to 45%: 乙's carrier (60 of 150 = 40%) no longer qualifies, 300.00 → 0: it crosses
    at.number_input(key="wi:article1_carrier.related_share_min").set_value(45.0).run()
    v = [(m.value, m.delta or None) for m in at.main.metric]
    assert v[1] == ("180.00" + WAN[lang], "-390.00")
    assert [x[0] for x in v[3:6]] == ["0", "3", "1"]
    assert [e.label for e in at.main.expander if "(1)" in e.label or "（1 家）" in e.label]
    crossers = list(at.main.dataframe)[-1].value
    assert crossers.iloc[:, 0].tolist() == ["乙园区"] and crossers.iloc[:, 3].tolist() == ["-300.00"]
    assert crossers.iloc[:, 5].tolist() == ["1"]  # the item it loses


def test_the_reading_of_the_rule_for_every_enterprise():
    """A work both shortlisted (1,000,000) and aired on 抖音 (600,000): 160.00 万元 by default, 100.00 strictly."""
    at = open_page("zh", example=None)
    at.sidebar.text_input(key="w:enterprise.name")  # the sidebar is there
    at.session_state["profile"] = {
        "as_of": "2026-11-27", "interpretation": "default",
        "enterprise": {"name": "测试影业", "registered_in_minhang": True},
        "projects": [{"name": "剧", "municipal_fund": "shortlisted", "municipal_fund_date": "2026-05-01",
                      "platforms": ["douyin"]}]}
    at.run()
    assert values(at)[:2] == ["160.00 万元"] * 2
    at.radio(key="wi_reading").set_value("统一按严格口径").run()
    assert [(m.value, m.delta or None) for m in at.main.metric][:2] == [("160.00 万元", None), ("100.00 万元", "-60.00")]


def test_the_synthetic_demo_in_one_click():
    at = open_page("en", example=None)
    at.button(key="wi_demo").click().run()
    assert not at.exception
    assert values(at)[2] == "300"
    assert any("fictitious" in w.value for w in at.main.warning)


@pytest.mark.parametrize(("lang", "fragment"), [("zh", "早于施行日期 2026-03-14"),
                                                ("en", "is before the start date 2026-03-14")])
def test_a_bad_value_is_one_message_and_today_s_figures_stay(lang, fragment):
    import datetime as dt

    at = open_page(lang)
    at.date_input(key="wi:general.effective_until").set_value(dt.date(2026, 1, 1)).run()
    assert not at.exception
    shown = [e.value for e in at.main.error]
    assert len(shown) == 1 and fragment in shown[0], shown
    assert values(at)[:2] == ["240.00" + WAN[lang]] * 2  # the invalid change is left out
    at.number_input(key="wi:article1_carrier.cap_yuan").set_value(300.0000001).run()  # 3,000,000.001 yuan
    shown = [e.value for e in at.main.error]
    assert len(shown) == 1 and shown[0].count("\n- ") == 2, shown  # one line per field
    assert ("最多两位小数" if lang == "zh" else "at most 2 decimals") in shown[0]


ARTICLE_GROUPS = {
    "zh": ["一、第1条 支持产业载体发展", "一、第2条 支持优质项目发展", "一、第3条 支持优秀作品创制增效",
           "二、第4条 支持企业专业化发展", "二、第5条 支持企业技术攻关", "二、第6条 支持企业打造创新应用场景",
           "附则 第3条"],
    "en": ["Art. 1 (I) Supporting industry carriers", "Art. 2 (I) Supporting quality projects",
           "Art. 3 (I) Supporting outstanding works", "Art. 4 (II) Supporting specialised platforms and projects",
           "Art. 5 (II) Supporting key technology research", "Art. 6 (II) Supporting innovative venues",
           "Supplementary provisions, Art. 3"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_parameters_are_grouped_under_each_articles_name_in_the_pages_language(lang):
    """Each group of parameters is headed by its article: cited and named as the policy does in Chinese,
    in English as the policy page cites it (no Chinese left in the English heads)."""
    at = open_page(lang, example=None)
    heads = [e.label for e in at.main.expander if e.label.split(" · ")[0] in ARTICLE_GROUPS[lang]]
    assert [h.split(" · ")[0] for h in heads] == ARTICLE_GROUPS[lang]


IN_WORDS = {"zh": "**图表说明：** ", "en": "**In words:** "}
NO_CHANGE = {"zh": "没有企业的测算结果改变", "en": "No enterprise's result changes"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_nothing_changed_the_charts_say_so_in_words_with_no_empty_table(lang):
    """Before any change the waterfall and the histogram have no data: their sentence says why (the chart's
    own note), and no data table of 0 rows is offered; once a line changes, both hold rows again."""
    at = open_page(lang, example=None)
    at.session_state["batch_source"] = ("upload", [("名单.xlsx", profiles_workbook(PROFILES))], ("名单.xlsx", 1, "x"))
    at.run()
    words = [m.value for m in at.main.markdown if m.value.startswith(IN_WORDS[lang])]
    assert words[0] == IN_WORDS[lang] + NO_CHANGE[lang]  # the waterfall
    assert words[-1] == IN_WORDS[lang] + NO_CHANGE[lang]  # the histogram
    def tables() -> list[str]:
        return [e.label for e in at.main.expander if e.label.startswith(("数据表", "Data table"))]

    before = tables()
    waterfall = {"zh": "潜在支出变化", "en": "Change in potential"}[lang]
    assert not any(waterfall in x for x in before), before

    at.number_input(key="wi:article5_rnd.rnd_support_rate").set_value(20.0).run()
    words = [m.value for m in at.main.markdown if m.value.startswith(IN_WORDS[lang])]
    assert NO_CHANGE[lang] not in words[0] and NO_CHANGE[lang] not in words[-1]
    # the waterfall: item 5 and the net change; the histogram: 甲 and 丙
    rows = {"zh": "图中数据共 2 行，可展开下方数据表查看。", "en": "The chart holds 2 rows of data\\: open the table below to read them."}
    assert words[0] == IN_WORDS[lang] + rows[lang]
    after = tables()
    assert len(after) == len(before) + 2 and any(waterfall in x for x in after), (before, after)


def test_a_chart_of_one_row_says_row_not_rows():
    at = open_page("en", example=None)
    at.session_state["batch_source"] = ("upload", [("名单.xlsx", profiles_workbook(PROFILES[:1]))], ("名单.xlsx", 1, "x"))
    at.run()
    at.number_input(key="wi:article5_rnd.rnd_support_rate").set_value(20.0).run()
    words = [m.value for m in at.main.markdown if m.value.startswith(IN_WORDS["en"])]
    # (the page's markdown escapes the colon)
    assert IN_WORDS["en"] + "The chart holds 1 row of data\\: open the table below to read it." in words
    assert not any("1 rows" in w for w in words)
