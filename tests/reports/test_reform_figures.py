"""The what-if charts (reports/reform_figures.py) of the hand-computed portfolio, trace by trace.

tests/reform/test_reform_cli.py's three enterprises: 甲 R&D 8,000,000, 乙 a carrier at its 3,000,000 cap
(revenue up 15,000,000 x 20%), 丙 R&D 1,000,000. Today item 1 is 300.00 万元 and item 5 270.00 (240 + 30).
- R&D rate 20%: 甲 160.00, 丙 20.00: item 5 180.00, a change of -90.00 (甲 -80.00, 丙 -10.00).
- R&D rate 20% and the carrier at 25% up to 400 万元: 乙 15,000,000 x 25% = 375.00 (+75.00); net -15.00.
- A venue's rate at 25%: nobody has a venue, nothing changes.
"""

from __future__ import annotations

import pytest

from batch.whatif import compare
from calculators.reform import reform_from_values
from reports import reform_figures
from tests.reform.test_reform_cli import PROFILES
from tests.reports.test_reform_exports import _portfolio

# ui/theme.py's layout, with the what-if charts' own margins (tighter than the app's 110 px top); a title
# wider than a phone is broken into lines (ui.theme.chart_title), each further line 26 px more at the top
MARGIN = {"l": 20, "r": 40, "t": 70, "b": 40}
TITLES = {  # (chart, lang) → (title as drawn, top margin)
    ("waterfall", "zh"): ("潜在支出变化（按条款，万元）", 70),
    ("waterfall", "en"): ("Change in potential<br>spend by item<br>(10k yuan)", 70 + 2 * 26),
    ("histogram", "zh"): ("各企业的变化（万元）", 70),
    ("histogram", "en"): ("Change per enterprise (10k yuan)", 70),
    ("years", "zh"): ("潜在支出（按年度，万元）", 70),
    ("years", "en"): ("Potential spend by year<br>(10k yuan)", 70 + 26),
}


def titled(layout: dict, chart: str, lang: str) -> bool:
    text, top = TITLES[chart, lang]
    return layout["title"]["text"] == text and layout["margin"] == {**MARGIN, "t": top}
UP, DOWN, TOTAL, GREY = "#1a7f37", "#c4540c", "#0969da", "#8c959f"


def comparison(values: dict, lang: str):
    reform, problems = reform_from_values(values, lang=lang)
    assert not problems
    return compare(_portfolio(PROFILES, lang), reform)


def waterfall_trace(x, y, text, measure) -> dict:
    return {"cliponaxis": False, "connector": {"line": {"color": GREY}}, "decreasing": {"marker": {"color": DOWN}},
            "increasing": {"marker": {"color": UP}}, "measure": measure, "text": text, "textposition": "outside",
            "totals": {"marker": {"color": TOTAL}}, "x": x, "y": y, "type": "waterfall"}


NO_CHANGE = {"zh": "没有企业的测算结果改变", "en": "No enterprise's result changes"}


def no_change_note(lang: str) -> dict:
    return {"font": {"size": 18}, "showarrow": False, "text": NO_CHANGE[lang], "x": 0.5, "xref": "paper", "y": 0.5,
            "yref": "paper"}


@pytest.mark.parametrize(("lang", "values", "trace"), [
    ("zh", {"article5_rnd.rnd_support_rate": "20%"},
     waterfall_trace(["5 技术攻关研发扶持", "合计变化"], [-90.0, -90.0], ["-90.00", "-90.00"], ["relative", "total"])),
    ("en", {"article5_rnd.rnd_support_rate": "20%", "article1_carrier.support_rate": "25%",
            "article1_carrier.cap_yuan": 4_000_000},
     waterfall_trace(["1 Industry carrier support", "5 Technology R&D support", "Net change"], [75.0, -90.0, -15.0],
                     ["+75.00", "-90.00", "-15.00"], ["relative", "relative", "total"])),
])
def test_the_waterfall_steps_each_changed_item_then_the_net_change(lang, values, trace):
    fig = reform_figures.waterfall(comparison(values, lang), lang).to_dict()
    assert fig["data"] == [trace]
    layout = fig["layout"]
    assert titled(layout, "waterfall", lang) and layout["showlegend"] is False
    assert layout["yaxis"]["title"] == {"text": {"zh": "万元", "en": "10k yuan"}[lang]}
    assert (layout["yaxis"]["tickformat"], layout["yaxis"]["zeroline"]) == (",.0f", True)
    assert "annotations" not in layout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_when_nothing_changes_the_charts_say_so(lang):
    c = comparison({"article6_venues.venue_support_rate": "25%"}, lang)
    fig = reform_figures.waterfall(c, lang).to_dict()
    assert fig["data"] == []  # the sentence alone: no bar of 0, no axis
    assert fig["layout"]["annotations"] == [no_change_note(lang)]
    assert fig["layout"]["xaxis"]["visible"] is False and fig["layout"]["yaxis"]["visible"] is False
    assert titled(fig["layout"], "waterfall", lang)
    fig = reform_figures.histogram(c, lang).to_dict()
    assert fig["data"] == []
    assert fig["layout"]["annotations"] == [no_change_note(lang)]
    assert fig["layout"]["xaxis"]["visible"] is False and fig["layout"]["yaxis"]["visible"] is False


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_histogram_counts_the_enterprises_whose_ceiling_changes(lang):
    fig = reform_figures.histogram(comparison({"article5_rnd.rnd_support_rate": "20%"}, lang), lang).to_dict()
    # 甲 -80.00 and 丙 -10.00 万元; 乙 (unchanged) is left out
    assert fig["data"] == [{"marker": {"color": TOTAL}, "nbinsx": 30, "x": [-80.0, -10.0], "type": "histogram"}]
    layout = fig["layout"]
    assert titled(layout, "histogram", lang) and (layout["showlegend"], layout["bargap"]) == (False, 0.05)
    assert layout["xaxis"]["title"] == {"text": {"zh": "每家企业最高可达的变化（万元）",
                                                 "en": "Change in an enterprise's ceiling (10k yuan)"}[lang]}
    assert layout["xaxis"]["tickformat"] == ",.0f"
    assert layout["yaxis"]["title"] == {"text": {"zh": "企业数", "en": "Enterprises"}[lang]}
    assert "annotations" not in layout and "visible" not in layout["xaxis"] and "visible" not in layout["yaxis"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_years_chart_sets_today_beside_the_reform_year_by_year(lang):
    fig = reform_figures.years(comparison({"article5_rnd.rnd_support_rate": "20%"}, lang), lang).to_dict()
    today, after = {"zh": ("现行", "调整后"), "en": ("Today", "After")}[lang]
    # 2026: 570.00 万元 today (300 + 240 + 30), 480.00 after (300 + 160 + 20)
    assert fig["data"] == [
        {"marker": {"color": GREY}, "name": today, "x": ["2026"], "y": [570.0], "type": "bar"},
        {"marker": {"color": TOTAL}, "name": after, "x": ["2026"], "y": [480.0], "type": "bar"},
    ]
    layout = fig["layout"]
    assert titled(layout, "years", lang) and (layout["barmode"], layout["xaxis"]["type"]) == ("group", "category")
    assert layout["yaxis"]["title"] == {"text": {"zh": "万元", "en": "10k yuan"}[lang]}
    assert layout["yaxis"]["tickformat"] == ",.0f"


def test_the_charts_count_in_wan_yuan_for_geometry_only():
    assert reform_figures.wan(1_234_500) == 123.45 and reform_figures.wan(-10_000) == -1.0


def test_a_chart_drawn_without_a_language_is_the_chinese_one():
    c = comparison({"article5_rnd.rnd_support_rate": "20%"}, "zh")
    for chart in (reform_figures.waterfall, reform_figures.histogram, reform_figures.years):
        assert chart(c).to_dict() == chart(c, "zh").to_dict(), chart.__name__
    assert reform_figures.waterfall(c).to_dict()["data"][0]["x"][0] == "5 技术攻关研发扶持"
