"""Plotly figures as plain dicts, built with the few ``plotly.graph_objects`` calls the charts use.

``go.Figure().add_bar(...)``, ``add_vline(...)`` and ``update_layout(...)`` validate every property
on every call, and the finished figure is validated once more anyway. :class:`Figure` is the same
figure as a ``dict`` (``{"data": [...], "layout": {...}}``, what ``go.Figure(...).to_dict()`` gives,
without the template), so the one validation left is the one that makes the finished dict a
``go.Figure`` (ui/components.py, once a session for each chart). ``marker_color=…`` /
``line_width=…`` style arguments and ``add_vline``/``add_hline`` give exactly the shapes and
annotations Plotly itself adds.

    fig = plot.Figure(plot.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.add_scatter(x=[1], y=[2], mode="markers", marker={"size": 14})
    fig.add_vline(x=100, line_color="#cf222e", annotation_text="线", annotation_position="top")
    fig.update_layout(**theme.layout(title="…"))
    st.plotly_chart(plot.finished(fig), ...)      # a dict: validated once (go.Figure)
"""

from __future__ import annotations

import functools
from typing import Any

from plotly.basedatatypes import BaseFigure

# Arguments spelt with Plotly's "magic underscore" that the charts use: marker_color -> marker.color.
_NESTED = ("marker", "line", "textfont", "hoverlabel")


def _props(kwargs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in kwargs.items():
        head, _, rest = key.partition("_")
        if key == "text" and isinstance(value, list):  # a string array: Plotly writes numbers as text
            value = [v if isinstance(v, str) else str(v) for v in value]
        if rest and head in _NESTED:
            out.setdefault(head, {})[rest] = value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def Bar(**kwargs: Any) -> dict[str, Any]:  # noqa: N802 - mirrors go.Bar
    return {**_props(kwargs), "type": "bar"}


def Scatter(**kwargs: Any) -> dict[str, Any]:  # noqa: N802 - mirrors go.Scatter
    return {**_props(kwargs), "type": "scatter"}


# Where Plotly puts a line's annotation: position -> (x, xanchor, y, yanchor); the line's own
# coordinate replaces x (vertical line) or y (horizontal line). Taken from go.Figure.add_vline/add_hline.
_V_ANNOTATION = {
    None: (None, "left", 1, "top"), "top right": (None, "left", 1, "top"), "top": (None, "center", 1, "bottom"),
    "top left": (None, "right", 1, "top"), "bottom right": (None, "left", 0, "bottom"),
    "bottom left": (None, "right", 0, "bottom"), "bottom": (None, "center", 0, "top"),
}
_H_ANNOTATION = {
    None: (1, "right", None, "bottom"), "top right": (1, "right", None, "bottom"),
    "top left": (0, "left", None, "bottom"), "bottom right": (1, "right", None, "top"),
    "bottom left": (0, "left", None, "top"),
}


class Figure(dict):
    """A figure dict with the graph_objects methods the charts call."""

    def __init__(self, *traces: dict[str, Any]):
        super().__init__(data=[dict(t) for t in traces], layout={})

    @property
    def data(self) -> list[dict[str, Any]]:
        return self["data"]

    @property
    def layout(self) -> dict[str, Any]:
        return self["layout"]

    def add_bar(self, **kwargs: Any) -> Figure:
        self["data"].append(Bar(**kwargs))
        return self

    def add_scatter(self, **kwargs: Any) -> Figure:
        self["data"].append(Scatter(**kwargs))
        return self

    def _line(self, shape: dict[str, Any], kwargs: dict[str, Any], vertical: bool) -> None:
        text = kwargs.pop("annotation_text", None)
        position = kwargs.pop("annotation_position", None)
        extra = [k for k in kwargs if k.startswith("annotation")]
        if extra:
            raise ValueError(f"annotation options not supported: {extra}")
        line = _props(kwargs).get("line", {})
        self["layout"].setdefault("shapes", []).append({"line": line, **shape})
        if text is None:
            return
        table = _V_ANNOTATION if vertical else _H_ANNOTATION
        if position not in table:
            raise ValueError(f"annotation position {position!r} not supported")
        x, xanchor, y, yanchor = table[position]
        if vertical:
            x, xref, yref = shape["x0"], "x", "y domain"
        else:
            y, xref, yref = shape["y0"], "x domain", "y"
        self["layout"].setdefault("annotations", []).append({
            "showarrow": False, "text": text, "x": x, "xanchor": xanchor, "xref": xref,
            "y": y, "yanchor": yanchor, "yref": yref,
        })

    def add_vline(self, x: Any, **kwargs: Any) -> Figure:
        """A vertical line across the plot at ``x`` (as ``go.Figure.add_vline``)."""
        self._line({"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}, kwargs, True)
        return self

    def add_hline(self, y: Any, **kwargs: Any) -> Figure:
        """A horizontal line across the plot at ``y`` (as ``go.Figure.add_hline``)."""
        self._line({"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y"}, kwargs, False)
        return self

    def update_traces(self, **kwargs: Any) -> Figure:
        """Set the same properties on every trace (as ``go.Figure.update_traces`` without a selector)."""
        props = _props(kwargs)
        for trace in self["data"]:
            _merge(trace, props)
        return self

    def update_layout(self, **kwargs: Any) -> Figure:
        _merge(self["layout"], kwargs)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"data": [dict(t) for t in self["data"]], "layout": dict(self["layout"])}


# ---- handing a figure to st.plotly_chart ------------------------------------------------------------


# What a 2-D chart of bars and lines takes from Plotly's default template: every other part (polar,
# ternary, 3-D scenes, maps, colour scales) styles charts this app does not draw.
_TEMPLATE_LAYOUT = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor",
                    "plot_bgcolor", "xaxis", "yaxis", "shapedefaults", "annotationdefaults", "title")


@functools.cache
def _default_template() -> dict[str, Any]:
    import plotly.io as pio

    return pio.templates[pio.templates.default].to_plotly_json()


def _template(trace_types: tuple[str, ...] = ()) -> dict[str, Any]:
    """Plotly's default template (the one Streamlit registers on import, "streamlit"), cut to what a
    2-D chart with these trace types uses: its values are the template's own, so the chart looks the
    same, and each chart's spec is smaller (encoded, hashed and sent on every rerun). The layout
    part is the same for every figure and session, so it is cut once."""
    full = _default_template()
    data = {kind: full["data"][kind] for kind in sorted(set(trace_types)) if kind in full.get("data", {})}
    layout = _template_layout()
    return {"data": data, "layout": layout} if data else {"layout": layout}  # as Plotly leaves out an empty part


@functools.cache
def _template_layout() -> dict[str, Any]:
    full = _default_template()
    return {key: full["layout"][key] for key in _TEMPLATE_LAYOUT if key in full.get("layout", {})}


def _axis_titles(layout: dict[str, Any]) -> dict[str, Any]:
    out = dict(layout)
    for key, value in layout.items():
        if (key.startswith("xaxis") or key.startswith("yaxis")) and isinstance(value, dict):
            title = value.get("title")
            if isinstance(title, str):
                out[key] = {**value, "title": {"text": title}}
    if isinstance(out.get("title"), str):
        out["title"] = {"text": out["title"]}
    return out


def finished(fig: Figure) -> dict[str, Any]:
    """The figure's finished spec: a plain dict (what ``go.Figure`` and ``st.plotly_chart`` take), with
    Plotly's default template cut to what the chart uses and the axis titles written as Plotly writes
    them, so the browser gets the spec a Plotly figure gives (tests/app/test_plot.py compares the two
    for every chart)."""
    layout = _axis_titles(fig["layout"])
    layout["template"] = _template(tuple(trace.get("type", "scatter") for trace in fig["data"]))
    return {"data": fig["data"], "layout": layout}


# ---- what a chart shows, as text (its title and its data as a table) -----------------------------


def _spec(fig: Any) -> dict[str, Any]:
    return fig.to_plotly_json() if isinstance(fig, BaseFigure) else fig


def _plain(text: Any) -> str:
    """A Plotly label as plain text: line breaks as spaces, the entities :func:`ui.fmt.plot_text` wrote
    turned back into their characters."""
    import html
    import re

    return html.unescape(re.sub(r"<br\s*/?>", " ", str(text))).strip()


def title_of(fig: Any) -> str:
    """The chart's title as plain text ("" when it has none)."""
    title = _spec(fig).get("layout", {}).get("title")
    if hasattr(title, "to_plotly_json"):
        title = title.to_plotly_json()
    text = title.get("text") if isinstance(title, dict) else title
    return _plain(text) if text else ""


def number_text(value: Any) -> str:
    """A chart value as text: whole numbers without decimals, others with two (thousands separated)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return _plain(value)
    number = float(value)
    return f"{int(number):,}" if number == int(number) else f"{number:,.2f}"


def table_of(fig: Any, category: str, unnamed: str = "", count: str = "") -> dict[str, list[str]]:
    """The chart's data as columns of text: one row per category (the bars' labels, or the x values of
    lines), one column per trace (its name), each cell the trace's text where it shows one, else its
    value. ``category`` names the first column, ``unnamed`` a trace without a name, ``count`` a
    histogram's counts. What a screen reader or a printed page gets instead of
    the picture (ui/components.show_chart shows it under every chart)."""
    traces = [dict(tr) for tr in _spec(fig).get("data", [])]
    rows: list[str] = []
    columns: dict[str, dict[str, str]] = {}
    for n, tr in enumerate(traces):
        if tr.get("type") == "histogram":  # raw values: the table gives the bars, a count per bin
            tr = _binned(tr)
            tr["name"] = tr["name"] or count
        horizontal = tr.get("orientation") == "h"
        cats = list(tr.get("y" if horizontal else "x") or [])
        values = list(tr.get("x" if horizontal else "y") or [])
        texts = tr.get("text")
        texts = list(texts) if isinstance(texts, (list, tuple)) else [None] * len(cats)
        name = _plain(tr.get("name") or "") or unnamed or str(n + 1)
        column = columns.setdefault(name, {})  # traces of one name (one subject in several rows) share it
        for i, cat in enumerate(cats):
            label = _plain(number_text(cat) if not isinstance(cat, str) else cat)
            if label not in rows:
                rows.append(label)
            text = texts[i] if i < len(texts) else None
            value = values[i] if i < len(values) else None
            column[label] = _plain(text) if text not in (None, "") else number_text(value)
    out = {category: rows}
    for name, cells in columns.items():
        out[name] = [cells.get(r, "") for r in rows]
    return out


def _binned(trace: dict[str, Any]) -> dict[str, Any]:
    """A histogram trace as the bars it draws: one row per range of values, its count (``nbinsx`` bins,
    as Plotly's own ``nbinsx`` asks at most; empty ranges left out)."""
    import numpy as np

    values = [float(v) for v in trace.get("x") or [] if v is not None]
    if not values:
        return {**trace, "type": "bar", "x": [], "y": []}
    counts, edges = np.histogram(values, bins=int(trace.get("nbinsx") or 10))
    rows = [(f"{number_text(lo)} – {number_text(hi)}", int(c)) for lo, hi, c in zip(edges, edges[1:], counts, strict=False) if c]
    return {"type": "bar", "name": trace.get("name") or "", "x": [r[0] for r in rows], "y": [r[1] for r in rows]}
