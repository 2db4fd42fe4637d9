"""ui.plot builds charts as plain dicts and hands them to st.plotly_chart as dicts (which it validates
once): the spec the browser gets must be exactly the one a validated Plotly figure gives."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from conftest import new_app

from ui import plot

PAGES = [
    ("pages/overview.py", "drama_studio.json"),
    ("pages/carriers.py", "park_operator.json"),
    ("pages/projects.py", "drama_studio.json"),
    ("pages/technology.py", "tech_firm.json"),
    ("pages/venues.py", "venue_operator.json"),
    ("pages/results.py", "drama_studio.json"),
    ("pages/carriers.py", "not_yet_eligible.json"),
]


def spec(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


def plotly_spec(fig: go.Figure) -> dict:
    """What Plotly sends for ``fig``, with the app's cut of Plotly's default template (ui/plot._template)."""
    fig.layout.template = plot._template(tuple(trace.type for trace in fig.data))
    return spec(fig.to_dict())


def validated(fig: plot.Figure) -> dict:
    """What st.plotly_chart would send for the plain dict: go.Figure validates it."""
    return plotly_spec(go.Figure(**fig))


def test_the_template_is_plotlys_own_cut_to_two_dimensional_bars_and_lines():
    # the default is the one Streamlit registers on import ("streamlit"), which the app has always sent
    assert pio.templates.default == "streamlit"
    full = pio.templates[pio.templates.default].to_plotly_json()
    cut = plot._template(("bar", "scatter", "bar"))
    assert set(cut["data"]) == {"bar", "scatter"} & set(full["data"]) and "scatter" in cut["data"]
    for kind, value in cut["data"].items():
        assert value == full["data"][kind]
    assert cut["layout"] and all(full["layout"][key] == value for key, value in cut["layout"].items())
    # what it leaves out styles only colour scales, polar, ternary, 3-D and map charts
    assert set(full["layout"]) - set(cut["layout"]) <= {"coloraxis", "colorscale", "polar", "ternary", "scene",
                                                         "geo", "mapbox", "map"}
    assert len(json.dumps(cut)) < len(json.dumps(full)) / 3


def test_shapes_and_annotations_as_plotly_adds_them():
    bar = {"x": [50, 120], "y": ["a", "b"], "orientation": "h", "marker_color": ["#111111", "#222222"], "text": [1, "x"]}
    ours, theirs = plot.Figure(plot.Bar(**bar)), go.Figure(go.Bar(**bar))
    for fig in (ours, theirs):
        fig.add_vline(x=100, line_color="#cf222e", line_width=3, line_dash="dash", annotation_text="线",
                      annotation_position="top")
        fig.add_hline(y=5, line_color="#cf222e", line_dash="dot", line_width=2)
        fig.add_scatter(x=[1], y=[2], mode="markers", marker={"size": 14}, line={"color": "red"})
        fig.update_layout(title={"text": "T"}, xaxis={"title": "x 轴", "range": [0, 205]},
                          yaxis={"autorange": "reversed"})
    assert spec(plot.finished(ours)) == plotly_spec(theirs)
    assert validated(ours) == plotly_spec(theirs)


@pytest.mark.parametrize("vertical", [True, False])
@pytest.mark.parametrize("position", [None, "top", "top left", "top right", "bottom left", "bottom right", "bottom"])
def test_line_annotations_where_plotly_puts_them(vertical, position):
    table = plot._V_ANNOTATION if vertical else plot._H_ANNOTATION
    if position not in table:
        with pytest.raises(ValueError):
            (plot.Figure().add_vline if vertical else plot.Figure().add_hline)(3, annotation_text="a",
                                                                               annotation_position=position)
        return
    ours, theirs = plot.Figure(plot.Bar(x=[1], y=[2])), go.Figure(go.Bar(x=[1], y=[2]))
    for fig in (ours, theirs):
        add = fig.add_vline if vertical else fig.add_hline
        add(3, line_width=2, annotation_text="线", annotation_position=position)
    assert spec(plot.finished(ours)) == plotly_spec(theirs)


def test_update_traces_sets_every_trace():
    ours, theirs = plot.Figure(), go.Figure()
    for fig in (ours, theirs):
        fig.add_bar(x=[1], y=["a"], text=["x"])
        fig.add_bar(x=[2], y=["a"], text=["y"])
        fig.update_traces(textangle=0, insidetextanchor="middle", marker_color="#111111")
    assert spec(plot.finished(ours)) == plotly_spec(theirs)


def test_unsupported_annotation_options_are_refused():
    with pytest.raises(ValueError):
        plot.Figure().add_vline(x=1, annotation_text="a", annotation_font_size=20)


@pytest.mark.parametrize(("page", "example"), PAGES)
def test_every_chart_on_the_page_is_sent_as_plotly_would(monkeypatch, page, example):
    seen: list[plot.Figure] = []
    real = plot.finished

    def recording(fig):
        seen.append(fig)
        return real(fig)

    monkeypatch.setattr(plot, "finished", recording)
    at = new_app("zh")
    at.run()
    at.sidebar.selectbox(key="example_choice").select(example).run()
    at.switch_page(page)
    seen.clear()
    at.run()
    assert not at.exception
    assert seen, "the page drew no chart"
    sent = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    # the element tree orders charts by container (tabs, columns), not by when they were drawn
    def key(d: dict) -> str:
        return json.dumps(d, sort_keys=True, ensure_ascii=False)

    assert sorted(map(key, sent)) == sorted(key(validated(fig)) for fig in seen)


def test_a_chart_drawn_again_unchanged_is_not_built_again_and_a_changed_one_is():
    """ui/components._plotly_figure: the overview's chart, drawn again after a name change (which does not
    change it), is the same Plotly figure; after a gate change (which does) a new one, still sent as
    Plotly would send the spec; never more than FIGURES_KEPT kept in the session."""
    from ui.components import FIGURES_KEPT, FIGURES_KEY

    at = new_app("zh")
    at.run()
    at.sidebar.selectbox(key="example_choice").select("drama_studio.json").run()
    first = dict(at.session_state[FIGURES_KEY])
    assert len(first) == 1  # the overview's one chart
    at.sidebar.text_input(key="w:enterprise.name").set_value("另一家企业").run()
    again = dict(at.session_state[FIGURES_KEY])
    assert again.keys() == first.keys() and all(again[k] is first[k] for k in first)
    at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("no").run()
    assert not at.exception
    now = at.session_state[FIGURES_KEY]
    assert len(now) == 2 and set(first) < set(now)
    sent = json.loads(at.get("plotly_chart")[0].proto.spec)
    newest = now[list(now)[-1]]
    assert sent == json.loads(pio.to_json(newest, validate=False))
    for page in ("carriers", "projects", "technology", "venues", "talent", "results", "whatifs"):
        at.switch_page(f"pages/{page}.py").run()
    assert len(at.session_state[FIGURES_KEY]) <= FIGURES_KEPT
