"""The leadership dashboard of a batch: Plotly figures, each with the DataFrame it draws.

Pure functions of a :class:`~batch.BatchResult` (never imports streamlit): the batch
page shows them, and :func:`dashboard_html` / :func:`dashboard_xlsx` export them in one file.
Figures use the app's colours and CJK font family (``ui.theme``, itself free of streamlit).
Every amount is the engine's (item totals after yearly caps, ceilings as returned).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from html import escape
from typing import Any

from batch.entries import BatchResult
from batch.run import items_of
from calculators.content import item_name

from .common import text
from .palette import theme
from .sheets import new_workbook, to_bytes, write_sheet

# Totals per enterprise are grouped into these ranges (万元) for the distribution chart.
WAN_BINS = (0, 10, 50, 100, 200, 500, 1000)
NEAREST_TOP = 15
# "Nearest to a line" lists only gaps up to this share of the line (a display choice, not a policy figure,
# stated in the chart's title): at 100% (nothing entered) an enterprise is not near anything.
NEAREST_MAX_GAP = Decimal("0.2")
_YEAR_SHADES = ("#0969da", "#54aeff", "#8250df", "#bf8700", "#1a7f37")


def _wan(yuan: int | None) -> float:
    # Chart geometry only (bar lengths in 万元): the exact yuan stay in the DataFrame beside it.
    return 0.0 if yuan is None else yuan / 10_000


def _item_label(item: str, lang: str) -> str:
    return f"{item} {item_name(item, lang)}"


def _figure(lang: str, title: str, synthetic: bool, **layout: Any):
    import plotly.graph_objects as go

    fig = go.Figure()
    heading: dict[str, Any] = {"text": title}
    if synthetic:
        heading["subtitle"] = {"text": text("dashboard.synthetic_note", lang), "font": {"color": theme.STATUS_COLOURS[
            "ineligible"]}}
    layout.setdefault("margin", {"l": 20, "r": 40, "t": 110 if synthetic else 90, "b": 40})
    layout.setdefault("legend", {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0})
    fig.update_layout(**theme.layout(title=heading, **layout))
    return fig


def _empty(fig, lang: str):
    fig.add_annotation(text=text("dashboard.empty", lang), showarrow=False, font={"size": 20}, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _headers(lang: str, *keys: str) -> list[str]:
    """A chart table's column headers, ``dashboard.<key>`` in ``lang``: given to the DataFrame, so a table
    with no rows keeps its header (the page and the data export show it)."""
    return [text(f"dashboard.{k}", lang) for k in keys]


def status_counts(result: BatchResult, lang: str = "zh"):
    """How many enterprises are eligible, not yet, or in review for each item.

    An enterprise counts as eligible for an item when any of its subjects is; else in review when
    any is; else not yet (a subject set aside under 就高不重复 counts as not yet for that item).
    """
    import pandas as pd

    per: dict[str, dict[str, int]] = {i: {"eligible": 0, "review": 0, "ineligible": 0} for i in items_of(result)}
    for e in result.entries:
        best: dict[str, str] = {}
        for r in e.items:
            s = r.status if r.status in ("eligible", "review") else "ineligible"
            rank = {"eligible": 2, "review": 1, "ineligible": 0}
            if r.item not in best or rank[s] > rank[best[r.item]]:
                best[r.item] = s
        for item, s in best.items():
            per[item][s] += 1
    df = pd.DataFrame([[i, _item_label(i, lang), c["eligible"], c["review"], c["ineligible"]] for i, c in per.items()],
                      columns=["item", *_headers(lang, "col_item_name", "status_eligible", "status_review",
                                                 "status_ineligible")])
    n = max(len(per), 1)
    fig = _figure(lang, text("dashboard.status_title", lang), result.synthetic, barmode="stack",
                  height=max(theme.CHART_HEIGHT, 60 + 42 * n))
    if df.empty:
        return _empty(fig, lang), df
    labels = df[text("dashboard.col_item_name", lang)].tolist()[::-1]
    for status in ("eligible", "review", "ineligible"):
        col = text(f"dashboard.status_{status}", lang)
        fig.add_bar(y=labels, x=df[col].tolist()[::-1], name=col, orientation="h",
                    marker_color=theme.STATUS_COLOURS[status], text=df[col].tolist()[::-1], textposition="inside",
                    textangle=0)
    fig.update_xaxes(title_text=text("dashboard.status_axis", lang))
    return fig, df


def outlay(result: BatchResult, lang: str = "zh"):
    """Potential outlay per item and per year: the sum of the enterprises' counted ceilings (最高可达)."""
    import pandas as pd

    sums: dict[tuple[str, int], int] = defaultdict(int)
    for e in result.entries:
        for item, year, _sum, _cap, total in e.item_totals:
            sums[(item, year)] += total
    order = items_of(result)
    rows = [[i, _item_label(i, lang), y, v, Decimal(v) / 10_000]
            for (i, y), v in sorted(sums.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1]))]
    df = pd.DataFrame(rows, columns=["item", *_headers(lang, "col_item_name", "col_year", "col_yuan", "col_wan")])
    fig = _figure(lang, text("dashboard.outlay_title", lang), result.synthetic, barmode="stack", height=480)
    if df.empty or not any(sums.values()):
        return _empty(fig, lang), df
    years = sorted({y for _i, y in sums})
    labels = [_item_label(i, lang) for i in order]
    for k, year in enumerate(years):
        values = [_wan(sums.get((i, year), 0)) for i in order]
        fig.add_bar(x=labels, y=values, name=text("dashboard.year", lang, year=year),
                    marker_color=_YEAR_SHADES[k % len(_YEAR_SHADES)],
                    text=[f"{v:,.2f}" if v else "" for v in values], textposition="outside" if len(years) == 1
                    else "inside")
    fig.update_yaxes(title_text=text("dashboard.outlay_axis", lang))
    fig.update_xaxes(tickangle=-30)
    return fig, df


def caps_hit(result: BatchResult, lang: str = "zh"):
    """How often each cap binds: rate-based subjects cut to their item's cap (the rate alone would give
    more), and enterprises whose subjects add up past an item's yearly cap."""
    import pandas as pd

    subject: dict[str, int] = defaultdict(int)
    yearly: dict[str, int] = defaultdict(int)
    for e in result.entries:
        for r in e.items:
            if (r.status == "eligible" and r.cap_yuan is not None and r.uncapped_yuan is not None
                    and r.uncapped_yuan > r.cap_yuan):
                subject[r.item] += 1
        for item, _year, total_sum, cap, _total in e.item_totals:
            if cap is not None and total_sum > cap:
                yearly[item] += 1
    order = [i for i in items_of(result) if subject.get(i) or yearly.get(i)]
    df = pd.DataFrame([[i, _item_label(i, lang), subject.get(i, 0), yearly.get(i, 0)] for i in order],
                      columns=["item", *_headers(lang, "col_item_name", "cap_subject", "cap_yearly")])
    fig = _figure(lang, text("dashboard.caps_title", lang), result.synthetic, barmode="group", height=480)
    if df.empty:
        return _empty(fig, lang), df
    labels = [_item_label(i, lang) for i in order]
    for key, colour in (("cap_subject", theme.STAGE_COLOURS["item_cap"]), ("cap_yearly", theme.LINE_COLOUR)):
        col = text(f"dashboard.{key}", lang)
        fig.add_bar(x=labels, y=df[col].tolist(), name=col, marker_color=colour, text=df[col].tolist(),
                    textposition="outside")
    fig.update_yaxes(title_text=text("dashboard.caps_axis", lang))
    fig.update_xaxes(tickangle=-30)
    return fig, df


def _bin_label(low: int, high: int | None, lang: str) -> str:
    if low == 0 and high == 0:
        return "0"
    if high is None:
        return f"> {low:,}" if lang == "en" else f"{low:,} 以上"
    return f"{low:,}–{high:,}"


def distribution(result: BatchResult, lang: str = "zh"):
    """How the enterprises' total ceilings spread over ranges of 万元 (0 on its own)."""
    import pandas as pd

    edges = [e * 10_000 for e in WAN_BINS]
    bins: list[tuple[int, int | None]] = [(0, 0)]
    bins += [(WAN_BINS[k], WAN_BINS[k + 1]) for k in range(len(WAN_BINS) - 1)]
    bins.append((WAN_BINS[-1], None))
    counts = [0] * len(bins)
    for e in result.entries:
        t = e.total_ceiling_yuan
        if t == 0:
            counts[0] += 1
            continue
        for k in range(1, len(bins)):
            high = bins[k][1]
            if high is None or t <= high * 10_000:
                counts[k] += 1
                break
    del edges
    df = pd.DataFrame([{text("dashboard.col_bin", lang): _bin_label(lo, hi, lang), text("dashboard.col_count", lang): c}
                       for (lo, hi), c in zip(bins, counts, strict=True)])
    fig = _figure(lang, text("dashboard.distribution_title", lang), result.synthetic)
    if not result.entries:
        return _empty(fig, lang), df
    fig.add_bar(x=df[text("dashboard.col_bin", lang)].tolist(), y=counts, marker_color=theme.STATUS_COLOURS["eligible"],
                text=counts, textposition="outside", showlegend=False)
    fig.update_xaxes(title_text=text("dashboard.distribution_bin_axis", lang), type="category")
    fig.update_yaxes(title_text=text("dashboard.distribution_axis", lang))
    return fig, df


def nearest(result: BatchResult, lang: str = "zh", top: int = NEAREST_TOP):
    """The enterprises nearest to a line: a "not yet" item whose every unmet condition is a number short,
    by at most NEAREST_MAX_GAP of the line.

    The gap is (required − given) ÷ required from the engine's own check figures; an item with any
    yes/no condition unmet (not in Minhang, not awarded…) is left out: no small change fixes it.
    """
    import pandas as pd

    found = []
    for e in result.entries:
        for r in e.items:
            if r.status != "ineligible" or not r.unmet:
                continue
            gaps = []
            for g in r.unmet:
                if (g.actual_value is None or g.required_value is None or g.comparison not in (">=", ">")
                        or g.required_value <= 0):
                    gaps = []
                    break
                gaps.append((max(Decimal(0), (g.required_value - g.actual_value) / g.required_value), g.message))
            if gaps:
                gap, msg = max(gaps, key=lambda x: x[0])
                if gap <= NEAREST_MAX_GAP:
                    found.append((gap, e.name, r, msg))
    found.sort(key=lambda x: (x[0], x[1], x[2].item))
    columns = _headers(lang, "col_enterprise", "col_item", "col_item_name", "col_subject", "col_gap_pct",
                       "col_condition", "col_cap_wan")
    rows = [[name, r.item, item_name(r.item, lang), r.subject or "", (gap * 100).quantize(Decimal("0.01")), msg,
             (Decimal(r.cap_yuan) / 10_000) if r.cap_yuan is not None else None]
            for gap, name, r, msg in found[:top]]
    df = pd.DataFrame(rows, columns=columns)
    fig = _figure(lang, text("dashboard.nearest_title", lang, pct=int(NEAREST_MAX_GAP * 100)), result.synthetic,
                  height=max(theme.CHART_HEIGHT, 80 + 36 * len(rows)))
    if df.empty:
        return _empty(fig, lang), df
    # Names are the user's: Plotly reads tags in labels (<a href>, <b>), so they are escaped to plain text.
    labels = [escape(f"{x[1][:18]} · {x[2].item}" + (f" {x[2].subject[:10]}" if x[2].subject else ""))
              for x in found[:top]]
    values = [float(x[0] * 100) for x in found[:top]]  # bar lengths only; exact gaps are in the table
    fig.add_bar(y=labels[::-1], x=values[::-1], orientation="h", marker_color=theme.STATUS_COLOURS["ineligible"],
                text=[f"{v:.2f}%" for v in values[::-1]], textposition="outside", showlegend=False,
                hovertext=[escape(x[3]) for x in found[:top]][::-1], hoverinfo="text+y")
    fig.update_xaxes(title_text=text("dashboard.nearest_axis", lang), range=[0, max(values) * 1.18 + 1])
    return fig, df


CHARTS = (("status", status_counts), ("outlay", outlay), ("caps", caps_hit), ("distribution", distribution),
          ("nearest", nearest))


def all_figures(result: BatchResult, lang: str = "zh") -> list[tuple[str, Any, Any]]:
    """Every dashboard chart as (key, figure, DataFrame), in the order the page shows them."""
    return [(key, *make(result, lang)) for key, make in CHARTS]


def dashboard_html(result: BatchResult, lang: str = "zh", figures: list | None = None) -> bytes:
    """Every chart in one self-contained HTML file (plotly.js inlined: opens offline, on a projector)."""
    import html

    figures = figures or all_figures(result, lang)
    title = text("dashboard.export_title", lang)
    parts = [f"<!doctype html><html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">",
             f"<title>{html.escape(title)}</title>",
             f"<style>body{{font-family:{html.escape(theme.FONT_FAMILY, quote=False)};margin:24px}}"
             ".chart{margin-bottom:32px}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    if result.synthetic:
        parts.append(f"<p><strong>{html.escape(text('dashboard.synthetic_note', lang))}</strong></p>")
    for k, (_key, fig, _df) in enumerate(figures):
        parts.append('<div class="chart">' + fig.to_html(full_html=False, include_plotlyjs=(k == 0),
                                                         config=theme.PLOTLY_CONFIG) + "</div>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def dashboard_xlsx(result: BatchResult, lang: str = "zh", figures: list | None = None) -> bytes:
    """The data behind every chart, one sheet per chart (cells neutralised)."""
    figures = figures or all_figures(result, lang)
    wb = new_workbook()
    lead = [text("dashboard.synthetic_note", lang)] if result.synthetic else []
    for key, _fig, df in figures:
        cols = [c for c in df.columns if c != "item"]
        rows = [[_cell(v) for v in rec] for rec in df[cols].itertuples(index=False, name=None)] if cols else []
        write_sheet(wb, text(f"dashboard.sheet_{key}", lang), cols, rows, widths=[24] * len(cols), lead=lead)
    return to_bytes(wb)


def _cell(v: Any) -> Any:
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v
