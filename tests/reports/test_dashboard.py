"""The leadership dashboard: figures agree with the engine's figures, use the app's colours, export in one file."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import batch
from batch.demo import demo_workbook
from reports import dashboard
from ui import theme

ROOT = Path(__file__).resolve().parents[2]
import datetime as dt  # noqa: E402

AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def result():
    return batch.run(batch.read_xlsx(demo_workbook(200, seed=11, as_of=AS_OF)), "zh", as_of=AS_OF)


def test_status_counts_count_each_enterprise_once_per_item(result):
    fig, df = dashboard.status_counts(result, "zh")
    for _i, row in df.iterrows():
        reached = [e for e in result.entries if any(r.item == row["item"] for r in e.items)]
        assert row["可申报"] + row["需评审认定"] + row["暂不符合"] == len(reached)
        eligible = [e for e in reached if any(r.item == row["item"] and r.status == "eligible" for r in e.items)]
        assert row["可申报"] == len(eligible)
    colours = {bar.name: bar.marker.color for bar in fig.data}
    assert colours == {"可申报": theme.STATUS_COLOURS["eligible"], "需评审认定": theme.STATUS_COLOURS["review"],
                       "暂不符合": theme.STATUS_COLOURS["ineligible"]}
    assert "Noto Sans CJK SC" in fig.layout.font.family


def test_outlay_adds_up_to_the_engines_totals(result):
    _fig, df = dashboard.outlay(result, "zh")
    assert int(df["最高可达（元）"].sum()) == sum(e.total_ceiling_yuan for e in result.entries)
    assert all(isinstance(v, Decimal) for v in df["最高可达（万元）"])


def test_distribution_counts_every_enterprise(result):
    _fig, df = dashboard.distribution(result, "zh")
    assert int(df["企业数"].sum()) == len(result.entries)
    zero = sum(1 for e in result.entries if e.total_ceiling_yuan == 0)
    assert df.iloc[0]["企业数"] == zero


@pytest.fixture(scope="module")
def examples():
    """The four example enterprises as one small batch, whose figures are worked out by hand below."""
    import json

    from calculators import assess, validate_profile

    entries = []
    for name in ("drama_studio", "tech_firm", "venue_operator", "not_yet_eligible"):
        data = json.loads((ROOT / "content" / "examples" / f"{name}.json").read_text(encoding="utf-8"))
        profile, problems = validate_profile(data)
        assert not problems
        entries.append(batch.entry_of(assess(profile), None))
    return batch.BatchResult(entries, [], len(entries))


def test_caps_hit_counts_binding_caps_as_worked_out_by_hand(examples):
    _fig, df = dashboard.caps_hit(examples, "zh")
    got = {row["item"]: (row["单个对象上限（按上限计的对象数）"], row["单个企业每年上限（按上限计的企业数）"])
           for _i, row in df.iterrows()}
    assert got == {
        "2.2": (0, 1),  # drama studio: 3 shortlisted works × 1,000,000 = 3,000,000 > the 2,000,000 yearly cap
        "3.1": (1, 0),  # 申城寻味记: 12 minutes × 10,000 = 120,000 > the 100,000 cap of one work
        # tech firm: municipal platform 5,000,000 × 30% = 1,500,000 > 1,000,000; national platform
        # 9,000,000 × 30% = 2,700,000 > 2,000,000 (4.2's 900,000 and 5's 1,950,000 are under theirs)
        "4.1": (2, 0),
        "6": (0, 1),  # venues: 1,600,000 + 1,200,000 = 2,800,000 > the 2,000,000 yearly cap
    }


def test_outlay_of_the_examples_as_worked_out_by_hand(examples):
    _fig, df = dashboard.outlay(examples, "zh")
    # drama studio 8,140,000 + tech firm (3,000,000 + 900,000 + 1,950,000) + venues 2,000,000 + nothing
    # for the not-yet-eligible studio = 15,990,000
    assert int(df["最高可达（元）"].sum()) == 15_990_000
    by_item = {row["item"]: int(row["最高可达（元）"]) for _i, row in df.iterrows()}
    assert by_item == {"2.1": 3_000_000, "2.2": 2_000_000, "2.3": 2_400_000, "3.1": 140_000, "3.2": 600_000,
                       "4.1": 3_000_000, "4.2": 900_000, "5": 1_950_000, "6": 2_000_000}


def test_nearest_ranks_the_smallest_numeric_gap_first(result):
    _fig, df = dashboard.nearest(result, "zh")
    gaps = list(df["相对差距（%）"])
    assert gaps == sorted(gaps) and 0 < len(gaps) <= dashboard.NEAREST_TOP
    assert max(gaps) <= 20  # only enterprises within the stated distance (issue 17: 11 of 15 were at 100%)
    assert "20% 以内" in _fig.layout.title.text
    first = df.iloc[0]
    entry = next(e for e in result.entries if e.name == first["企业"])
    row = next(r for r in entry.items if r.item == first["项"] and (r.subject or "") == first["申报对象"])
    assert row.status == "ineligible"
    assert all(g.actual_value is not None and g.required_value is not None for g in row.unmet)


def test_an_empty_batch_draws_notes_not_empty_charts():
    empty = batch.BatchResult([], [], 0)
    for _key, fig, _df in dashboard.all_figures(empty, "en"):
        assert fig.layout.annotations and fig.layout.annotations[0].text == "Nothing to draw yet"


def test_synthetic_data_is_labelled_on_every_chart_and_the_export(result):
    assert result.synthetic
    figures = dashboard.all_figures(result, "zh")
    for _key, fig, _df in figures:
        assert fig.layout.title.subtitle.text == "合成演示数据，非真实企业"
    html = dashboard.dashboard_html(result, "zh", figures).decode("utf-8")
    assert html.count('class="chart"') == len(figures) and "合成演示数据" in html
    assert "<script src=" not in html and len(html) > 3_000_000  # plotly.js inlined: opens offline


def test_reports_never_import_streamlit():
    code = "import sys, reports, reports.dashboard, batch; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_calculators_import_stays_light():
    code = "import sys, calculators, batch; print(sorted(m for m in ('pandas', 'openpyxl', 'plotly') " \
           "if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_names_with_markup_are_plain_text_in_the_charts():
    from calculators import assess, validate_profile

    name = "<a href='javascript:alert(1)'>点我</a>"
    profile, _ = validate_profile({"as_of": "2026-11-27", "enterprise": {"name": name},
                                   "carrier": {"name": "<b>园区</b>", "related_enterprises": 49,
                                               "total_enterprises": 100, "revenue_last_year_yuan": 100,
                                               "revenue_this_year_yuan": 120}})
    result = batch.BatchResult([batch.entry_of(assess(profile), None)], [], 1)
    fig, df = dashboard.nearest(result, "zh")
    assert df.iloc[0]["企业"] == name  # the table keeps the name as given
    label = fig.data[0].y[0]
    assert "<a" not in label and "&lt;a href=" in label and "&lt;b&gt;" in label
