"""The what-if charts (Plotly, 万元): the spend change by item as a waterfall, the change per enterprise as a
histogram, the spend per year before and after. Pure functions of a Comparison (never imports streamlit);
the page shows them and the brief draws the same figures' numbers."""

from __future__ import annotations

from typing import Any

from batch.whatif import Comparison
from calculators.content import item_name, text

from .palette import theme

UP, DOWN, TOTAL = "#1a7f37", "#c4540c", "#0969da"


def ft(key: str, lang: str) -> str:
    return text(f"reform.figures.{key}", lang)


def wan(yuan: int) -> float:
    # Chart geometry only; the exact yuan are in the tables beside every chart.
    return yuan / 10_000


def _fig(title: str, **layout: Any):
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.update_layout(**theme.layout(title=title, margin={"l": 20, "r": 40, "t": 70, "b": 40}, **layout))
    return fig


def _nothing_changed(fig, lang: str):
    """A chart with no change to draw: its sentence alone, in the middle, no axes."""
    fig.add_annotation(text=ft("no_change", lang), showarrow=False, font={"size": 18}, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def waterfall(c: Comparison, lang: str = "zh"):
    """Each item's change in potential spend, then the net change (bars from 0: no truncated axis)."""
    import plotly.graph_objects as go

    steps = [(f"{i} {item_name(i, lang)}", a - b) for i, b, a in c.by_item if a != b]
    fig = _fig(ft("waterfall_title", lang), showlegend=False,
               yaxis={"title": {"text": ft("wan", lang)}, "tickformat": ",.0f", "zeroline": True})
    if not steps:  # the sentence alone (a bar of 0 drew "+0.00" over it, on an axis of -1, -1, 0, 1, 1)
        return _nothing_changed(fig, lang)
    x = [s for s, _ in steps] + [ft("waterfall_net", lang)]
    y = [wan(d) for _, d in steps] + [wan(c.change)]
    text = [f"{v:+,.2f}" for v in y]
    fig.add_trace(go.Waterfall(
        x=x, y=y, measure=[*["relative"] * len(steps), "total"], text=text, textposition="outside",
        increasing={"marker": {"color": UP}}, decreasing={"marker": {"color": DOWN}},
        totals={"marker": {"color": TOTAL}}, connector={"line": {"color": "#8c959f"}}, cliponaxis=False,
    ))
    return fig


def histogram(c: Comparison, lang: str = "zh"):
    """How many enterprises change by how much (those whose result changes)."""
    import plotly.graph_objects as go

    changes = [wan(r.change_yuan) for r in c.rows if r.change_yuan]
    fig = _fig(ft("histogram_title", lang), showlegend=False, bargap=0.05,
               xaxis={"title": {"text": ft("histogram_x", lang)}, "tickformat": ",.0f"},
               yaxis={"title": {"text": ft("histogram_y", lang)}})
    if not changes:
        return _nothing_changed(fig, lang)
    fig.add_trace(go.Histogram(x=changes, nbinsx=30, marker={"color": TOTAL}))
    return fig


def years(c: Comparison, lang: str = "zh"):
    import plotly.graph_objects as go

    fig = _fig(ft("years_title", lang), barmode="group", yaxis={"title": {"text": ft("wan", lang)}, "tickformat": ",.0f"},
               xaxis={"type": "category"})
    labels = [str(y) for y, _b, _a in c.by_year]
    fig.add_trace(go.Bar(name=ft("waterfall_today", lang), x=labels, y=[wan(b) for _y, b, _a in c.by_year],
                         marker={"color": "#8c959f"}))
    fig.add_trace(go.Bar(name=ft("waterfall_after", lang), x=labels, y=[wan(a) for _y, _b, a in c.by_year],
                         marker={"color": TOTAL}))
    return fig
