"""Every chart's text equivalent (issue 20): its title as its accessible name, a sentence, its data as a
table; built from the figure itself (ui.plot.title_of, table_of) or from what the engine returned."""

from __future__ import annotations

import json
from decimal import Decimal

import plotly.graph_objects as go
import pytest
from conftest import new_app
from helpers import engine, example

from ui import plot


def test_the_title_as_plain_text_from_a_dict_or_a_plotly_figure():
    assert plot.title_of(plot.Figure().update_layout(title={"text": "A &lt;b&gt;<br>B"})) == "A <b> B"
    assert plot.title_of(go.Figure(layout={"title": {"text": "标题"}})) == "标题"
    assert plot.title_of(plot.Figure()) == ""


def test_a_table_of_bars_one_row_per_label_one_column_per_trace():
    fig = plot.Figure()
    fig.add_bar(name="按比例", y=["2.1", "2.2"], x=[Decimal("300"), Decimal("12.5")], orientation="h")
    fig.add_bar(name="最高可达", y=["2.1", "2.2"], x=[300, 12.5], orientation="h", text=["300.00", "12.50"])
    fig.add_bar(name="最高可达", y=["3.1"], x=[1], orientation="h")  # a trace of the same name adds rows
    assert plot.table_of(fig, "项目") == {
        "项目": ["2.1", "2.2", "3.1"],
        "按比例": ["300", "12.50", ""],
        "最高可达": ["300.00", "12.50", "1"],
    }


def test_a_table_of_lines_one_row_per_x():
    fig = plot.Figure(plot.Scatter(x=[0, 1.5], y=[0, 3000], name="曲线"))
    assert plot.table_of(fig, "基数") == {"基数": ["0", "1.50"], "曲线": ["0", "3,000"]}


PAGES = [
    ("pages/overview.py", "drama_studio.json"),
    ("pages/carriers.py", "park_operator.json"),
    ("pages/projects.py", "drama_studio.json"),
    ("pages/technology.py", "tech_firm.json"),
    ("pages/venues.py", "venue_operator.json"),
    ("pages/results.py", "drama_studio.json"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("page", "file"), PAGES)
def test_every_chart_has_its_name_sentence_and_table(page, file, lang):
    at = new_app(lang)
    at.run()
    at.sidebar.selectbox(key="example_choice").select(file).run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert charts, "the page drew no chart"
    for chart in charts:
        title = json.loads(chart.proto.spec)["layout"]["title"]["text"]
        assert chart.proto.alt == plot._plain(title)
    in_words = {"zh": "**图表说明：**", "en": "**In words:**"}[lang]
    sentences = [m.value for m in at.markdown if m.value.startswith(in_words)]
    assert len(sentences) == len(charts)
    assert all(len(s) > len(in_words) + 10 for s in sentences)
    assert len(at.table) >= len(charts)


def test_the_threshold_table_says_met_or_not_in_words():
    """Status is not told by colour alone: each condition's row says whether it is met."""
    at = new_app("zh")
    at.run()
    at.sidebar.selectbox(key="example_choice").select("not_yet_eligible.json").run()
    at.switch_page("pages/carriers.py")
    at.run()
    tables = [tb.value for tb in at.table if "是否达到" in tb.value.columns]
    assert tables
    checks = [c for r in engine(example("not_yet_eligible.json")).items if r.item == "1" for c in r.checks
              if c.actual_value is not None and c.required_value is not None and c.comparison in (">", ">=")]
    shown = list(tables[0]["是否达到"])
    assert shown == ["已达到" if c.passed else "未达到" for c in checks]
    assert "未达到" in shown


def test_a_histogram_table_gives_its_bars_not_its_raw_values():
    fig = go.Figure(go.Histogram(x=[0, 0, 1, 5, 5, 5, 10], nbinsx=5))
    assert plot.table_of(fig, "区间", count="个数") == {"区间": ["0 – 2", "4 – 6", "8 – 10"], "个数": ["3", "3", "1"]}


# A subject named as a markdown image with a link: in st.table (which renders markdown) it must stay text.
NAME = "![x](http://e)"
ESCAPED = "\\!\\[x\\](http\\:\u2060//e)"  # each of ! [ ] : escaped, a word joiner between "http:" and "//"


@pytest.mark.parametrize("kind", ["dict", "arrow", "frame"])
def test_a_literal_table_escapes_every_text_cell_and_heading_and_keeps_the_rest(kind):
    import pandas as pd
    import pyarrow as pa

    from ui.components import literal_table

    columns = {NAME: ["甲", NAME, None], "n": [1, 2, 3]}
    data = {"dict": columns, "arrow": pa.table(columns), "frame": pd.DataFrame(columns)}[kind]
    out = literal_table(data)
    rows = out.to_pylist() if isinstance(out, pa.Table) else out.to_dict("records")
    assert list(rows[0]) == [ESCAPED, "n"]
    assert [r[ESCAPED] for r in rows][:2] == ["甲", ESCAPED]
    assert rows[2][ESCAPED] is None or pd.isna(rows[2][ESCAPED])
    assert [r["n"] for r in rows] == [1, 2, 3]
    if kind != "frame":  # text columns are rebuilt as Arrow, with no pandas frame on the way
        assert isinstance(out, pa.Table) and out.schema.field("n").type == pa.int64()
