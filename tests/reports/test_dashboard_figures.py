"""The leadership dashboard drawn from small batches written out by hand: every bar, label, colour and
table cell of each chart, and the two exports, as literal values.

The entries are what the engine keeps of an assessment (``batch.entries``), so each chart's counting
rule (an enterprise's best status per item, a cap that binds only when strictly exceeded, the ranges'
upper ends inclusive, gaps of at most 20 %) can be put just below, at and just above its line.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from batch.entries import BatchResult, Entry, Gap, ItemRow
from reports import dashboard

# ui/theme.py, written out: a changed colour or size is a change to check on the projector
GREEN, BLUE, ORANGE, RED, DARK_BLUE = "#1a7f37", "#1f6feb", "#c4540c", "#cf222e", "#0550ae"
YEAR_SHADES = ["#0969da", "#54aeff", "#8250df", "#bf8700", "#1a7f37"]
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0}


def row(item, subject, status, year=2026, cap=None, uncapped=None, unmet=()):
    return ItemRow(item, subject, year, status, "fixed", None, cap, uncapped, None, tuple(unmet), ())


def entry(name, items=(), totals=(), total=0):
    return Entry(name, None, dt.date(2026, 11, 27), "default", total, 0, tuple(totals), tuple(items))


def batch_of(*entries, synthetic=False):
    return BatchResult(list(entries), [], len(entries), synthetic=synthetic)


# 甲: 2.2 eligible for one work and in review for another (best: eligible); two more shortlisted works in
#     2027 fill 2.2's 200 万元 yearly cap exactly (not over it); 3.1 not yet; 3.2 set aside (就高不重复).
# 乙: 2.2 not yet, then in review (best: review); 3.1 in review, then eligible for a work of 12 minutes:
#     12 × 1 万元 = 12 万元 cut to the 10 万元 cap of one work (best: eligible).
# 丙: 3.2 set aside; two venues for item 6, 160 + 120 = 280 万元, over the 200 万元 yearly cap.
JIA = entry("甲", [
    row("2.2", "作品A", "eligible", cap=1_000_000, uncapped=1_000_000),  # at its cap: does not bind
    row("2.2", "作品B", "review", cap=1_000_000, uncapped=1_500_000),  # in review: not counted
    row("2.2", "作品F", "eligible", year=2027, cap=1_000_000),
    row("2.2", "作品G", "eligible", year=2027, cap=1_000_000),
    row("3.1", "作品A", "ineligible"),
    row("3.2", "作品B", "superseded"),
], [("2.2", 2026, 1_000_000, 2_000_000, 1_000_000), ("2.2", 2027, 2_000_000, 2_000_000, 2_000_000)], 3_000_000)
YI = entry("乙", [
    row("2.2", "作品D", "ineligible"),
    row("2.2", "作品C", "review"),
    row("3.1", "作品D", "review"),
    row("3.1", "作品C", "eligible", cap=100_000, uncapped=120_000),
], [("3.1", 2026, 100_000, None, 100_000)], 100_000)
BING = entry("丙", [
    row("3.2", "作品E", "superseded"),
    row("6", "场景Y", "eligible", year=2027, uncapped=1_600_000),  # no cap of its own
    row("6", "场景Z", "eligible", year=2027, cap=None, uncapped=1_200_000),
], [("6", 2027, 2_800_000, 2_000_000, 2_000_000)], 2_000_000)
THREE = batch_of(JIA, YI, BING)


def bars(fig):
    """Each trace of a figure as plain values."""
    out = []
    for t in fig.data:
        d = t.to_plotly_json()
        out.append({k: list(v) if isinstance(v, (list, tuple)) else v for k, v in d.items() if k not in ("type",)})
    return out


def layout(fig, *keys):
    lay = fig.to_plotly_json()["layout"]
    return {k: lay.get(k) for k in keys}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_counts_the_best_status_of_each_enterprise_per_item(lang):
    fig, df = dashboard.status_counts(THREE, lang)
    e, r, n = {"zh": ("可申报", "需评审认定", "暂不符合"), "en": ("Eligible", "Needs review", "Not yet")}[lang]
    name = {"zh": "扶持项目", "en": "Support"}[lang]
    labels = {"zh": ["2.2 市级专项资金评审入围项目", "3.1 在地文化内容额外扶持", "3.2 优秀作品改编项目",
                     "6 创新应用场景一次性扶持"],
              "en": ["2.2 Municipal special fund shortlist", "3.1 Local culture bonus",
                     "3.2 Adaptation of an excellent work", "6 Innovative venue one-off support"]}[lang]
    # 2.2: 甲 eligible, 乙 in review; 3.1: 乙 eligible, 甲 not yet; 3.2: both set aside (not yet); 6: 丙
    assert df.to_dict("records") == [
        {"item": "2.2", name: labels[0], e: 1, r: 1, n: 0},
        {"item": "3.1", name: labels[1], e: 1, r: 0, n: 1},
        {"item": "3.2", name: labels[2], e: 0, r: 0, n: 2},
        {"item": "6", name: labels[3], e: 1, r: 0, n: 0},
    ]
    # horizontal stacked bars, the first item on top (Plotly draws y from the bottom up)
    down = labels[::-1]
    common = {"orientation": "h", "textposition": "inside", "textangle": 0, "y": down}
    assert bars(fig) == [
        {**common, "name": e, "x": [1, 0, 1, 1], "text": ["1", "0", "1", "1"], "marker": {"color": GREEN}},
        {**common, "name": r, "x": [0, 0, 0, 1], "text": ["0", "0", "0", "1"], "marker": {"color": BLUE}},
        {**common, "name": n, "x": [0, 2, 1, 0], "text": ["0", "2", "1", "0"], "marker": {"color": ORANGE}},
    ]
    title = {"zh": "各扶持项目的企业数（按状态）", "en": "Enterprises per item, by status"}[lang]
    assert fig.layout.title.text == title and fig.layout.title.subtitle.text is None
    assert layout(fig, "barmode", "height", "margin", "legend") == {
        "barmode": "stack", "height": 360, "margin": {"l": 20, "r": 40, "t": 90, "b": 40}, "legend": LEGEND}
    assert fig.layout.xaxis.title.text == {"zh": "企业数（家）", "en": "Enterprises"}[lang]


def test_status_chart_grows_with_the_items_and_labels_synthetic_data():
    """Four items fit the 360 px chart; all twelve items need 60 + 42 × 12 = 564 px."""
    every = ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "5", "6", "7", "8")
    many = batch_of(entry("甲", [row(i, None, "eligible") for i in every]), synthetic=True)
    fig, df = dashboard.status_counts(many, "en")
    assert list(df["item"]) == list(every)
    assert fig.layout.height == 564
    # synthetic data: a subtitle in the 暂不符合 orange, and 20 px more room above the chart for it
    assert fig.layout.title.subtitle.text == "Synthetic demo data, not real enterprises"
    assert fig.layout.title.subtitle.font.color == ORANGE
    assert fig.to_plotly_json()["layout"]["margin"] == {"l": 20, "r": 40, "t": 110, "b": 40}
    eight = batch_of(entry("甲", [row(i, None, "eligible") for i in every[:8]]))
    assert dashboard.status_counts(eight, "zh")[0].layout.height == 396  # 60 + 42 × 8


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outlay_per_item_and_year(lang):
    fig, df = dashboard.outlay(THREE, lang)
    name, year, yuan, wan = {"zh": ("扶持项目", "年度", "最高可达（元）", "最高可达（万元）"),
                             "en": ("Support", "Year", "Up to (yuan)", "Up to (×10k yuan)")}[lang]
    label = {"zh": {"2.2": "2.2 市级专项资金评审入围项目", "3.1": "3.1 在地文化内容额外扶持",
                    "3.2": "3.2 优秀作品改编项目", "6": "6 创新应用场景一次性扶持"},
             "en": {"2.2": "2.2 Municipal special fund shortlist", "3.1": "3.1 Local culture bonus",
                    "3.2": "3.2 Adaptation of an excellent work", "6": "6 Innovative venue one-off support"}}[lang]
    # the counted totals (after the yearly caps), in the policy's item order, then by year
    assert df.to_dict("records") == [
        {"item": "2.2", name: label["2.2"], year: 2026, yuan: 1_000_000, wan: Decimal(100)},
        {"item": "2.2", name: label["2.2"], year: 2027, yuan: 2_000_000, wan: Decimal(200)},
        {"item": "3.1", name: label["3.1"], year: 2026, yuan: 100_000, wan: Decimal(10)},
        {"item": "6", name: label["6"], year: 2027, yuan: 2_000_000, wan: Decimal(200)},
    ]
    assert all(type(v) is Decimal for v in df[wan])
    x = list(label.values())  # every item of the batch, 3.2 (nothing counted) too
    y2026, y2027 = ("2026 年", "2027 年") if lang == "zh" else ("2026", "2027")
    assert bars(fig) == [
        {"name": y2026, "x": x, "y": [100.0, 10.0, 0.0, 0.0], "text": ["100.00", "10.00", "", ""],
         "textposition": "inside", "marker": {"color": YEAR_SHADES[0]}},
        {"name": y2027, "x": x, "y": [200.0, 0.0, 0.0, 200.0], "text": ["200.00", "", "", "200.00"],
         "textposition": "inside", "marker": {"color": YEAR_SHADES[1]}},
    ]
    # the title on two lines on a phone: 26 px more room above the chart (90 + 26)
    assert layout(fig, "barmode", "height", "margin", "legend") == {
        "barmode": "stack", "height": 480, "margin": {"l": 20, "r": 40, "t": 116, "b": 40}, "legend": LEGEND}
    title = {"zh": "潜在扶持资金（最高可达，<br>万元），按项目与年度",
             "en": "Potential outlay (up to,<br>×10k yuan), by item and year"}[lang]
    assert fig.layout.title.text == title
    assert fig.layout.yaxis.title.text == {"zh": "万元", "en": "×10k yuan"}[lang]
    assert fig.layout.xaxis.tickangle == -30


def test_outlay_of_one_year_prints_its_figures_above_the_bars_and_six_years_reuse_the_first_shade():
    # two enterprises' venues in 2027: 10,000,000 + 2,345,600 = 12,345,600 元, 1,234.56 万元
    one = batch_of(entry("甲", [row("6", "场景", "eligible")], [("6", 2027, 10_000_000, None, 10_000_000)], 10_000_000),
                   entry("乙", [row("6", "场景", "eligible")], [("6", 2027, 2_345_600, None, 2_345_600)], 2_345_600))
    fig, df = dashboard.outlay(one, "zh")
    assert df.to_dict("records") == [{"item": "6", "扶持项目": "6 创新应用场景一次性扶持", "年度": 2027,
                                      "最高可达（元）": 12_345_600, "最高可达（万元）": Decimal("1234.56")}]
    assert bars(fig) == [{"name": "2027 年", "x": ["6 创新应用场景一次性扶持"], "y": [1234.56],
                          "text": ["1,234.56"], "textposition": "outside", "marker": {"color": YEAR_SHADES[0]}}]
    years = batch_of(entry("甲", [row("6", "场景", "eligible")],
                           [("6", y, 10_000, None, 10_000) for y in range(2026, 2032)], 60_000))
    fig, _df = dashboard.outlay(years, "en")
    assert [t.name for t in fig.data] == ["2026", "2027", "2028", "2029", "2030", "2031"]
    assert [t.marker.color for t in fig.data] == [*YEAR_SHADES, YEAR_SHADES[0]]
    assert {t.textposition for t in fig.data} == {"inside"}


def test_outlay_with_nothing_counted_draws_the_note():
    nothing = batch_of(entry("乙", [row("3.1", "作品", "ineligible")], [("3.1", 2026, 0, None, 0)]))
    fig, df = dashboard.outlay(nothing, "zh")
    assert df.to_dict("records") == [{"item": "3.1", "扶持项目": "3.1 在地文化内容额外扶持", "年度": 2026,
                                      "最高可达（元）": 0, "最高可达（万元）": Decimal(0)}]
    assert not fig.data and fig.layout.annotations[0].text == "暂无可绘制的数据"
    fig, _df = dashboard.outlay(nothing, "en")
    assert not fig.data and fig.layout.annotations[0].text == "Nothing to draw yet"


def test_every_chart_of_synthetic_data_says_so_under_its_title():
    figures = dashboard.all_figures(batch_of(*THREE.entries, *NEAR.entries, synthetic=True), "en")
    for key, fig, _df in figures:
        assert fig.layout.title.subtitle.text == "Synthetic demo data, not real enterprises", key
        assert fig.layout.title.subtitle.font.color == ORANGE, key
    # 110 px above a chart with a subtitle (90 without), plus 26 px for each extra line of a wrapped title
    assert [fig.to_plotly_json()["layout"]["margin"]["t"] for _k, fig, _d in figures] == [110, 136, 110, 136, 162]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_caps_bind_only_when_strictly_exceeded(lang):
    fig, df = dashboard.caps_hit(THREE, lang)
    name, subject, yearly = {"zh": ("扶持项目", "单个对象上限（按上限计的对象数）", "单个企业每年上限（按上限计的企业数）"),
                             "en": ("Support", "Cap per subject (subjects at the cap)",
                                    "Yearly cap per enterprise (enterprises at the cap)")}[lang]
    l31, l6 = {"zh": ("3.1 在地文化内容额外扶持", "6 创新应用场景一次性扶持"),
               "en": ("3.1 Local culture bonus", "6 Innovative venue one-off support")}[lang]
    # 3.1: 乙's 12 万元 cut to 10 万元; 6: 丙's 280 万元 over 200 万元. Not 2.2: 作品A at exactly its cap,
    # 作品B in review, 甲's 2027 exactly at the yearly cap
    assert df.to_dict("records") == [{"item": "3.1", name: l31, subject: 1, yearly: 0},
                                     {"item": "6", name: l6, subject: 0, yearly: 1}]
    assert bars(fig) == [
        {"name": subject, "x": [l31, l6], "y": [1, 0], "text": ["1", "0"], "textposition": "outside",
         "marker": {"color": DARK_BLUE}},
        {"name": yearly, "x": [l31, l6], "y": [0, 1], "text": ["0", "1"], "textposition": "outside",
         "marker": {"color": RED}},
    ]
    assert layout(fig, "barmode", "height", "margin", "legend") == {
        "barmode": "group", "height": 480, "margin": {"l": 20, "r": 40, "t": 90, "b": 40}, "legend": LEGEND}
    assert fig.layout.title.text == {"zh": "触及上限的次数", "en": "How often each cap binds"}[lang]
    assert fig.layout.yaxis.title.text == {"zh": "次数", "en": "Times"}[lang]
    assert fig.layout.xaxis.tickangle == -30


def test_caps_one_yuan_over_the_line_bind():
    over = [row("3.1", "作品", "eligible", cap=100_000, uncapped=100_001)]
    yearly = [("3.1", 2026, 2_000_001, 2_000_000, 2_000_000)]
    two = batch_of(entry("甲", over, yearly), entry("乙", over * 2, yearly))  # 乙 with two such works
    _fig, df = dashboard.caps_hit(two, "zh")
    assert df.to_dict("records") == [{"item": "3.1", "扶持项目": "3.1 在地文化内容额外扶持",
                                      "单个对象上限（按上限计的对象数）": 3, "单个企业每年上限（按上限计的企业数）": 2}]
    no_cap = batch_of(entry("甲", [row("3.1", "作品", "eligible", cap=100_000)], [("6", 2026, 5, None, 5)]))
    fig, df = dashboard.caps_hit(no_cap, "zh")
    assert df.empty and fig.layout.annotations[0].text == "暂无可绘制的数据"


# totals at the edges of the ranges: 0 on its own, each range's upper end inclusive
EDGES = [0, 1, 100_000, 100_001, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 10_000_001, 0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_distribution_puts_each_total_in_its_range(lang):
    spread = batch_of(*[entry(f"企业{k}", total=t) for k, t in enumerate(EDGES)])
    fig, df = dashboard.distribution(spread, lang)
    top = "1,000 以上" if lang == "zh" else "> 1,000"
    ranges = ["0", "0–10", "10–50", "50–100", "100–200", "200–500", "500–1,000", top]
    counts = [2, 2, 2, 1, 1, 1, 1, 1]  # 0, 0 | 1, 10 万 | 10 万 + 1 元, 50 万 | 100 万 | 200 万 | 500 万 | 1,000 万 | + 1 元
    rng, n = {"zh": ("区间（万元）", "企业数"), "en": ("Range (×10k yuan)", "Enterprises")}[lang]
    assert df.to_dict("records") == [{rng: r, n: c} for r, c in zip(ranges, counts, strict=True)]
    assert bars(fig) == [{"x": ranges, "y": counts, "text": [str(c) for c in counts], "textposition": "outside", "showlegend": False,
                          "marker": {"color": GREEN}}]
    assert fig.layout.xaxis.type == "category"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == {
        "zh": ("合计最高可达（万元）", "企业数（家）"), "en": ("Total ceiling (×10k yuan)", "Enterprises")}[lang]
    assert fig.layout.title.text == {"zh": "企业合计最高可达金额分布",
                                     "en": "Distribution of each<br>enterprise's total ceiling"}[lang]
    assert layout(fig, "height", "margin", "legend") == {
        "height": 360, "margin": {"l": 20, "r": 40, "t": {"zh": 90, "en": 116}[lang], "b": 40}, "legend": LEGEND}


def gap(required, actual, comparison=">=", message="差一点"):
    return Gap("line", message, None if actual is None else Decimal(actual),
               None if required is None else Decimal(required), comparison)


# "nearest to the line": (required − given) ÷ required of the widest unmet gap, at most 20 %
NEAR = batch_of(
    entry("丁", [row("2.1", "作品", "eligible"),  # eligible: nothing to near, the next item still read
                 row("4.1", "平台甲", "ineligible", cap=1_000_000, unmet=[gap(100, 80, message="年营收差 20 万元")])]),
    entry("戊", [row("4.1", "平台乙", "ineligible", cap=1_000_000, unmet=[gap("100", "79.99")])]),  # 20.01 %
    entry("己", [
        row("6", "场景", "ineligible", unmet=[gap(4, 4, ">", "报道 4 篇，需超过 4 篇"), gap(10, 9, message="客流差 1 万")]),
        row("1", None, "ineligible", cap=2_000_000, unmet=[gap(0, 0)]),  # a line of 0: no share to speak of
        row("2.3", "作品", "ineligible", unmet=[gap(1, 0, "==")]),  # yes/no: no small change fixes it
        row("3.1", "作品", "ineligible", unmet=[gap(10, 9), gap(None, None)]),
        row("4.2", None, "ineligible", unmet=[gap(None, 9)]),  # no line to measure against
        row("8", None, "ineligible", unmet=[gap(10, None)]),  # no figure given
        row("5", None, "review", unmet=[gap(100, 99)]),
        row("7", None, "ineligible"),
    ]),
    entry("庚<b>", [row("4.2", "一个很长很长的合作项目名称超过十个字", "ineligible", cap=300_000,
                        unmet=[gap(3, 3, ">", "正面报道 3 篇，需超过 3 篇"), gap(4, 4, ">", "营收 4 亿元，需超过 4 亿元")])]),
    # a line of 1: 0.8 minutes of local culture for the 1 minute 3.1 asks, 20 % short
    entry("辛", [row("3.1", "作品乙", "ineligible", unmet=[gap(1, "0.8", message="在地文化内容 0.8 分钟，需 1 分钟以上")])]),
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nearest_lists_gaps_of_at_most_20_percent_smallest_first(lang):
    fig, df = dashboard.nearest(NEAR, lang)
    cols = {"zh": ("企业", "项", "扶持项目", "申报对象", "相对差距（%）", "未满足的条件", "达标后单项最高可达（万元）"),
            "en": ("Enterprise", "Item", "Support", "Subject", "Relative gap (%)", "Condition not met",
                   "Up to once met (×10k yuan)")}[lang]
    names = {"zh": ("产学研成果转化项目", "创新应用场景一次性扶持", "专业化平台配套扶持", "在地文化内容额外扶持"),
             "en": ("Research cooperation and commercialisation", "Innovative venue one-off support",
                    "Specialised platform matching support", "Local culture bonus")}[lang]
    # 庚: 3 of more than 3 reports and 4 of more than 4 are both 0 % short: the first named. 己's venue:
    # 0 % and 10 % → 10 %. 丁 and 辛: 20 % exactly, by name. 戊 (20.01 %), a zero line, a yes/no, a missing
    # figure or line, a review: left out
    want = [("庚<b>", "4.2", names[0], "一个很长很长的合作项目名称超过十个字", Decimal("0.00"), "正面报道 3 篇，需超过 3 篇",
             Decimal(30)),
            ("己", "6", names[1], "场景", Decimal("10.00"), "客流差 1 万", None),
            ("丁", "4.1", names[2], "平台甲", Decimal("20.00"), "年营收差 20 万元", Decimal(100)),
            ("辛", "3.1", names[3], "作品乙", Decimal("20.00"), "在地文化内容 0.8 分钟，需 1 分钟以上", None)]
    assert [tuple(r) for r in df.itertuples(index=False)] == want
    assert list(df.columns) == list(cols)
    assert str(df.iloc[0, 4]) == "0.00" and str(df.iloc[2, 4]) == "20.00"
    assert df.iloc[1, 6] is None
    title = {"zh": "离门槛最近的企业<br>（只列差距在 20% 以内的，<br>差距越小越靠前）",
             "en": "Enterprises within<br>20% of a threshold<br>(smallest gap first)"}[lang]
    assert fig.layout.title.text == title
    # the widest first from the top: the labels cut at 18 and 10 characters, markup shown as text
    assert bars(fig) == [{
        "y": ["辛 · 3.1 作品乙", "丁 · 4.1 平台甲", "己 · 6 场景", "庚&lt;b&gt; · 4.2 一个很长很长的合作项"],
        "x": [20.0, 20.0, 10.0, 0.0], "text": ["20.00%", "20.00%", "10.00%", "0.00%"], "orientation": "h",
        "textposition": "outside", "showlegend": False, "marker": {"color": ORANGE},
        "hovertext": ["在地文化内容 0.8 分钟，需 1 分钟以上", "年营收差 20 万元", "客流差 1 万", "正面报道 3 篇，需超过 3 篇"],
        "hoverinfo": "text+y"}]
    assert list(fig.layout.xaxis.range) == [0, 20 * 1.18 + 1]
    assert fig.layout.xaxis.title.text == {"zh": "距门槛的相对差距（%）", "en": "Relative gap to the line (%)"}[lang]
    assert layout(fig, "height", "margin", "legend") == {
        "height": 360, "margin": {"l": 20, "r": 40, "t": 142, "b": 40}, "legend": LEGEND}


def test_nearest_keeps_the_top_ones_and_cuts_long_names():
    many = batch_of(*[entry(f"合成企业第{k:02d}号很长很长的企业名称有限公司", [
        row("4.1", None, "ineligible", unmet=[gap(100, 100 - k)])]) for k in range(20)])
    fig, df = dashboard.nearest(many, "zh")
    assert len(df) == 15 and list(df["相对差距（%）"]) == [Decimal(k) for k in range(15)]
    assert fig.layout.height == 80 + 36 * 15  # 620 px for 15 bars
    assert fig.data[0].y[-1] == "合成企业第00号很长很长的企业名称有 · 4.1"  # 18 characters, no subject
    assert list(fig.layout.xaxis.range) == [0, 14 * 1.18 + 1]
    two, _df = dashboard.nearest(many, "zh", top=2)
    assert list(two.data[0].x) == [1.0, 0.0]
    # ties in the gap: by enterprise name (丙 < 乙 < 甲 in code points), then by item, then as entered
    tie = batch_of(entry("乙", [row("4.2", None, "ineligible", unmet=[gap(10, 9)]),
                               row("4.1", None, "ineligible", unmet=[gap(10, 9)])]),
                   entry("甲", [row("1", None, "ineligible", unmet=[gap(10, 9)])]),
                   entry("丙", [row("4.1", "平台甲", "ineligible", unmet=[gap(10, 9)]),
                               row("4.1", "平台乙", "ineligible", unmet=[gap(10, 9)])]))
    _fig, df = dashboard.nearest(tie, "en")
    assert [(r[0], r[1], r[3]) for r in df.itertuples(index=False)] == [
        ("丙", "4.1", "平台甲"), ("丙", "4.1", "平台乙"), ("乙", "4.1", ""), ("乙", "4.2", ""), ("甲", "1", "")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_empty_batch_draws_a_note_on_every_chart(lang):
    empty = batch_of()
    figures = dashboard.all_figures(empty, lang)
    assert [key for key, _f, _d in figures] == ["status", "outlay", "caps", "distribution", "nearest"]
    for _key, fig, _df in figures:
        assert not fig.data
        (note,) = fig.layout.annotations
        assert (note.text, note.showarrow, note.font.size, note.x, note.y, note.xref, note.yref) == (
            {"zh": "暂无可绘制的数据", "en": "Nothing to draw yet"}[lang], False, 20, 0.5, 0.5, "paper", "paper")
        assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    # the distribution keeps its ranges, all empty
    assert list(figures[3][2][{"zh": "企业数", "en": "Enterprises"}[lang]]) == [0] * 8


def test_the_html_export_is_one_offline_page_in_the_users_language():
    figures = dashboard.all_figures(THREE, "en")
    page = dashboard.dashboard_html(THREE, "en", figures).decode("utf-8")
    assert page.startswith('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                           "<title>Micro-drama policy · leadership dashboard</title><style>body{font-family:")
    assert "margin:24px}.chart{margin-bottom:32px}</style></head><body>" \
           "<h1>Micro-drama policy · leadership dashboard</h1><div class=\"chart\">" in page
    assert page.endswith("</div></body></html>")
    assert page.count('<div class="chart">') == 5 and "Synthetic" not in page
    assert page.count("<html") == page.count("<body") == page.count("<head") == 1  # charts as parts of one page
    # plotly.js inlined once, before the first chart; no mode bar, no logo
    assert page.count("plotly.js v") == 1 and "<script src=" not in page
    first = page.index('<div class="chart">')
    assert first < page.index("plotly.js v") < page.index("Plotly.newPlot") < page.index('<div class="chart">', first + 1)
    assert page.count('"displaylogo": false') == 5 and page.count('"displayModeBar": false') == 5
    # without the figures drawn beforehand, the page draws them in its own language
    assert "Enterprises per item, by status" in dashboard.dashboard_html(THREE, "en").decode("utf-8")
    en = dashboard.dashboard_html(batch_of(JIA, synthetic=True), "en").decode("utf-8")
    assert "</h1><p><strong>Synthetic demo data, not real enterprises</strong></p>" in en
    zh = dashboard.dashboard_html(batch_of(JIA, synthetic=True), "zh").decode("utf-8")
    assert zh.startswith('<!doctype html><html lang="zh-CN">')
    assert "<h1>微短剧政策测算 · 领导看板</h1><p><strong>合成演示数据，非真实企业</strong></p>" in zh
    assert '"Noto Sans CJK SC"' in zh.split("</style>")[0]  # the font family, quotes kept


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_export_has_one_sheet_per_chart(lang):
    wb = load_workbook(io.BytesIO(dashboard.dashboard_xlsx(THREE, lang)))
    sheets = {"zh": ["状态", "资金", "上限", "分布", "离门槛最近"],
              "en": ["Status", "Outlay", "Caps", "Distribution", "Nearest"]}[lang]
    assert wb.sheetnames == sheets
    got = {s: [list(r) for r in wb[s].iter_rows(values_only=True)] for s in sheets}
    if lang == "zh":
        assert got["资金"] == [["扶持项目", "年度", "最高可达（元）", "最高可达（万元）"],
                             ["2.2 市级专项资金评审入围项目", 2026, 1_000_000, 100],
                             ["2.2 市级专项资金评审入围项目", 2027, 2_000_000, 200],
                             ["3.1 在地文化内容额外扶持", 2026, 100_000, 10],
                             ["6 创新应用场景一次性扶持", 2027, 2_000_000, 200]]
        assert got["上限"][0] == ["扶持项目", "单个对象上限（按上限计的对象数）", "单个企业每年上限（按上限计的企业数）"]
        # nobody near a line: the table's header alone
        assert got["离门槛最近"] == [["企业", "项", "扶持项目", "申报对象", "相对差距（%）", "未满足的条件",
                                   "达标后单项最高可达（万元）"]]
    else:
        assert got["Status"][1] == ["2.2 Municipal special fund shortlist", 1, 1, 0]
        assert got["Distribution"][0] == ["Range (×10k yuan)", "Enterprises"]
        assert got["Distribution"][1:] == [["0", 0], ["0–10", 1], ["10–50", 0], ["50–100", 0], ["100–200", 1],
                                           ["200–500", 1], ["500–1,000", 0], ["> 1,000", 0]]
        assert got["Nearest"] == [["Enterprise", "Item", "Support", "Subject", "Relative gap (%)", "Condition not met",
                                   "Up to once met (×10k yuan)"]]
    # every column of a table 24 characters wide (stored as 24.7109375, with the cell padding)
    widths = [[(d.width, d.min, d.max) for d in wb[s].column_dimensions.values()] for s in sheets]
    assert widths == [[(24.7109375, 1, 4)], [(24.7109375, 1, 4)], [(24.7109375, 1, 3)], [(24.7109375, 1, 2)],
                      [(24.7109375, 1, 7)]]


def test_the_data_export_of_a_synthetic_batch_says_so_above_each_table_and_leaves_gaps_empty():
    wb = load_workbook(io.BytesIO(dashboard.dashboard_xlsx(batch_of(*NEAR.entries, synthetic=True), "zh")))
    for ws in wb.worksheets:
        assert ws["A1"].value == "合成演示数据，非真实企业"
    english = load_workbook(io.BytesIO(dashboard.dashboard_xlsx(batch_of(JIA, synthetic=True), "en")))
    assert {ws["A1"].value for ws in english.worksheets} == {"Synthetic demo data, not real enterprises"}
    rows = [list(r) for r in wb["离门槛最近"].iter_rows(values_only=True)]
    header = rows.index(["企业", "项", "扶持项目", "申报对象", "相对差距（%）", "未满足的条件", "达标后单项最高可达（万元）"])
    # 己's venue has no cap of its own: an empty cell, not "nan"
    assert rows[header + 2] == ["己", "6", "创新应用场景一次性扶持", "场景", 10, "客流差 1 万", None]
    assert not any(re.fullmatch(r"nan|None", str(v)) for r in rows for v in r if v is not None)


def test_the_exports_are_in_chinese_unless_told_otherwise():
    page = dashboard.dashboard_html(THREE).decode("utf-8")
    assert page.startswith('<!doctype html><html lang="zh-CN">') and "<h1>微短剧政策测算 · 领导看板</h1>" in page
    assert "2.2 市级专项资金评审入围项目" in page
    assert load_workbook(io.BytesIO(dashboard.dashboard_xlsx(THREE))).sheetnames == ["状态", "资金", "上限", "分布", "离门槛最近"]
    assert [fig.layout.title.text for _k, fig, _d in dashboard.all_figures(THREE)][0] == "各扶持项目的企业数（按状态）"
    assert list(dashboard.distribution(THREE)[1]["区间（万元）"])[-1] == "1,000 以上"
    assert dashboard.nearest(NEAR)[1].iloc[0, :3].tolist() == ["庚<b>", "4.2", "产学研成果转化项目"]


@pytest.mark.parametrize("lang, outlay, caps", [
    ("zh", ["扶持项目", "年度", "最高可达（元）", "最高可达（万元）"],
     ["扶持项目", "单个对象上限（按上限计的对象数）", "单个企业每年上限（按上限计的企业数）"]),
    ("en", ["Support", "Year", "Up to (yuan)", "Up to (×10k yuan)"], None),
])
def test_a_batch_with_no_enterprise_gives_each_sheet_its_header(lang, outlay, caps):
    """An upload whose every row was refused still exports tables a person can read: headers, no rows."""
    wb = load_workbook(io.BytesIO(dashboard.dashboard_xlsx(batch_of(), lang)))
    got = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    first = {"zh": "资金", "en": "Outlay"}[lang]
    assert got[first] == [outlay]
    if caps:
        assert got["上限"] == [caps]
    assert all(len(rows) >= 1 and all(rows[0]) for rows in got.values()), got
