"""Shared display pieces: badges, result cards, threshold bars, cap charts, what-if curves.

Pages call these with what the engine returned; nothing here decides eligibility. Every chart goes
through :func:`show_chart`, which uses the shared layout (ui/theme.py) and ``width="stretch"``;
every chart function shows a note instead of an empty chart when there is nothing to draw.

- ``status_badge(status)``, ``status_label(status)``
- ``ceiling_text(result)``: "最高可达 X 万元" / fixed amount / set by review / nothing for a "no"
- ``item_card(result)``: title, badge, ceiling, the distance to each unmet line, notes, clause link
- ``policy_link(article)``: a link to the article on the Policy text page
- ``policy_links(items)``: a row of links to the articles of these items (a section page's header)
- ``nav_page(file)``: the navigation's st.Page for a page file (for ``st.page_link``)
- ``text_table(columns)``, ``rows_table(rows, header)``: a read-only table as Arrow, for ``st.dataframe``
- ``threshold_chart(result)``: each numeric check, the applicant's value against its line
- ``cap_chart(results)``: each subject's ceiling against its cap (and the uncapped amount)
- ``what_if_chart(result, as_of)``: ceiling against base for rate items (1, 4.1, 4.2, 5, 6)
- ``yearly_caps_chart(assessment, pairs)``: how much of each yearly cap is used, and by whom (one chart)
- ``running_total(assessment)``: "最高可达 X 万元" for the whole profile
- ``note(text, title=None)``: the note shown instead of an empty chart (named by the chart's title)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import streamlit as st
from plotly.basedatatypes import BaseFigure

from calculators import Assessment, ItemResult, ceiling_curve
from calculators.content import item_name, items, parameters_on

from . import plot, theme
from .fmt import date as fmt_date
from .fmt import md, plot_text, wan, wan_value, yuan
from .i18n import has, lang, t

POLICY_PAGE = "pages/policy.py"
ROOT = Path(__file__).resolve().parent.parent
NAV_PAGES_KEY = "_nav_pages"  # session state: (language, the st.Page list app.py built for the navigation)
RATE_ITEMS = ("1", "4.1", "4.2", "5", "6")
CHART_HEIGHT_WITH_LEGEND = 460  # px: a what-if chart with its legend (the points' words) under the axis
# A legend at the bottom of the chart's own box, under the axis title (not over it, as a legend placed by
# the plot's height was); the bottom margin leaves it room.
LEGEND_BELOW = {"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "xanchor": "left", "x": 0}


# ---- tables -----------------------------------------------------------------------------------

def text_table(columns: dict[str, list[Any]]) -> pa.Table:
    """A read-only table for ``st.dataframe``, built as Arrow (column name -> values, in order).

    Streamlit sends a table as Arrow: a pandas frame is built and converted on every rerun, an Arrow
    table of the same rows costs a fifth of that (bench/README.md, "Figures out of the code").
    """
    return pa.table(columns)


def rows_table(rows: list[dict[str, Any]], header: list[str]) -> pa.Table:
    """:func:`text_table` from rows (dicts keyed by the ``header`` names); the header even with no rows."""
    return text_table({name: [row[name] for row in rows] for name in header})


# ---- words ------------------------------------------------------------------------------------


def status_label(status: str) -> str:
    return t(f"status.{status}")


def status_badge(status: str) -> None:
    st.badge(status_label(status), color=theme.BADGE_COLOURS.get(status, "gray"), icon=theme.STATUS_ICONS.get(status))


def ceiling_text(r: ItemResult) -> str:
    """The amount phrase for one item result, in the current language."""
    if r.status in ("ineligible", "superseded"):
        return t("ceiling.none")
    if r.kind == "unquantified" or r.ceiling_yuan is None:
        return t("ceiling.unquantified")
    if r.kind == "fixed":
        return t("ceiling.fixed", wan=wan(r.ceiling_yuan), yuan=yuan(r.ceiling_yuan))
    return t("ceiling.up_to", wan=wan(r.ceiling_yuan), yuan=yuan(r.ceiling_yuan))


def item_title(r: ItemResult) -> str:
    subject = f"「{r.subject}」" if r.subject and lang() == "zh" else (f" — {r.subject}" if r.subject else "")
    return t("item.title", item=r.item, name=item_name(r.item, lang()), subject=subject, year=r.year)


def nav_page(file: str) -> Any:
    """The page of ``file`` (``pages/<url path>.py``) as the st.Page the navigation holds this session
    (app.py keeps them under NAV_PAGES_KEY), else the file. Given the st.Page, st.page_link skips
    resolving the file's real path and searching the pages for it on every call."""
    url = Path(file).stem
    cached = st.session_state.get(NAV_PAGES_KEY)
    for page in cached[1] if cached else ():
        if getattr(page, "url_path", None) == url:
            return page
    return file


def policy_link(article: int | str, key_suffix: str = "") -> None:
    """Link to one article on the Policy text page (stays in the session: inputs are kept)."""
    st.page_link(
        nav_page(POLICY_PAGE),
        label=t("policy.link", article=article),
        icon=":material/gavel:",
        query_params={"article": str(article)},
    )


def policy_links(item_ids: Iterable[str]) -> None:
    """Links to the articles these items come from, in one row: a section page draws them once in its
    header (a full run only), not one per result card (its fragment would send them on every change)."""
    if not (ROOT / POLICY_PAGE).is_file():
        return
    with st.container(horizontal=True, wrap=True):
        for article in sorted({int(items()[i]["article"]) for i in item_ids}):
            policy_link(article)


def not_in_force(a: Assessment | None) -> None:
    """Say, where the figures are, why they are all 0 when the assessment date is outside the policy's
    validity (the sidebar alone said it before)."""
    if a is None or a.in_force:
        return
    p = parameters_on(a.as_of)
    start, end = p.get("general", "effective_from"), p.get("general", "effective_until")
    key = "out_of_force.before" if a.as_of < start else "out_of_force.after"
    st.warning(t(key, date=fmt_date(a.as_of), start=fmt_date(start), end=fmt_date(end)), icon=":material/event_busy:")


def uploader_words() -> None:
    """Show the file uploader's own words (its "Upload" button and "10MB per file • JSON" line, which
    Streamlit writes in English whatever the page's language) in Chinese on a Chinese page.

    A style sheet only (``st.html`` of a ``<style>``: no element on the page): the English words are
    set to size 0 and the Chinese ones drawn in their place. The accepted file types are in each
    uploader's own label."""
    if lang() != "zh":
        return
    zone = '[data-testid="stFileUploaderDropzone"]'
    mb = int(st.get_option("server.maxUploadSize"))
    st.html(
        "<style>"
        f'{zone} button p {{font-size: 0}}'
        f'{zone} button p::after {{content: "{t("uploader.button")}"; font-size: 1rem}}'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0}}'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span::after '
        f'{{content: "{t("uploader.limit", mb=mb)}"; font-size: 0.875rem}}'
        "</style>"
    )


def note(text: str, *, title: str | None = None) -> None:
    """What is shown instead of an empty chart; ``title``: the chart's title, when nothing else names it."""
    st.info(f"**{title}**  \n{text}" if title else text, icon=":material/info:")


def badge_md(status: str) -> str:
    """The status badge as inline markdown: what ``st.badge`` draws, inside another text."""
    icon = theme.STATUS_ICONS.get(status)
    label = status_label(status).replace("[", "\\[").replace("]", "\\]")
    return f":{theme.BADGE_COLOURS.get(status, 'gray')}-badge[{icon + ' ' if icon else ''}{label}]"


def basis_text(r: ItemResult) -> str | None:
    """The figures an item's amount rests on, in 万元: "按项目投资额 200.00 万元 × 30% = 60.00 万元测算…"
    (rate items), the minutes of 3.1, or for a rate item not yet eligible its base and rate; None when
    the amount rests on no figure (a fixed cap, review, an item with no amount)."""
    if r.status == "superseded" or r.base_yuan is None:
        return None
    if r.item == "3.1" and r.uncapped_yuan is not None:
        if r.status == "ineligible":
            return None  # the unmet minutes are said in the card's reasons
        return t("item.formula_minutes", minutes=f"{Decimal(r.base_yuan).normalize():f}",
                 uncapped=wan(r.uncapped_yuan), cap=wan(r.cap_yuan) if r.cap_yuan is not None else "—")
    if r.rate is None or r.item not in RATE_ITEMS:
        return None
    fields = {"base": t(f"item.base.{r.item}"), "wan": wan(int(r.base_yuan)), "rate": f"{(r.rate * 100).normalize():f}%"}
    if r.status == "eligible" and r.uncapped_yuan is not None:
        key = "item.formula" if r.cap_yuan is not None else "item.formula_no_cap"
        return t(key, **fields, uncapped=wan(r.uncapped_yuan), cap=wan(r.cap_yuan) if r.cap_yuan is not None else "")
    return t("item.formula_base", **fields)


def item_card(r: ItemResult, *, link: bool = True, width: int | str = "stretch", height: str = "content") -> None:
    """One item and subject: status, ceiling, why not (with the distance to the line), notes.

    Drawn as few elements as it can be (a bordered container, one text: the title line with its
    badge, the ceiling as a "### " line, then everything else; the clause link): Streamlit's cost is
    per element, and a section page draws a card per item.
    """
    with st.container(border=True, width=width, height=height):
        paragraphs = [f"**{md(item_title(r))}** {badge_md(r.status)}", f"### {ceiling_text(r)}"]
        formula = basis_text(r)
        if formula:
            paragraphs.append(f":small[:gray[{md(formula)}]]")
        bullets = [f"- :orange[:material/cancel:] {md(u.message)}" for u in r.unmet]
        if r.status in ("eligible", "review"):  # the facts the amount rests on, so a mistyped figure shows
            bullets += [f"- :green[:material/check:] {md(c.message)}" for c in r.checks
                        if c.passed and c.comparison != "review"]
        bullets += [f"- :blue[:material/manage_search:] {md(c.message)}" for c in r.checks if c.comparison == "review"]
        if bullets:
            paragraphs.append("\n".join(bullets))
        paragraphs += [f":small[:gray[· {md(n)}]]" for n in r.notes]
        if r.year_note:  # the year it counts in for the yearly caps, and why (RULES.md §6.2)
            paragraphs.append(f":small[:gray[· {md(r.year_note)}]]")
        st.markdown("\n\n".join(paragraphs))
        if link:
            policy_link(items()[r.item]["article"])


# ---- charts -----------------------------------------------------------------------------------


chart_title = theme.chart_title  # axis titles call it too (ui/glance.py)


def show_chart(fig: Any, key: str | None = None, *, summary: str | None = None, table: Any = None) -> None:
    """Draw a chart: the app's own dict figures (ui/plot.py) or a Plotly figure (the batch dashboard's),
    with its text equivalent (WCAG 1.1.1): its title as the chart's accessible name, a sentence of what it
    shows under it (``summary``), and its data as a table on demand (``table``: columns of text, an Arrow
    table or a DataFrame; by default :func:`ui.plot.table_of` the figure)."""
    spec = fig if isinstance(fig, BaseFigure) else _plotly_figure(plot.finished(fig))
    title = plot.title_of(fig)
    if summary is None and isinstance(fig, BaseFigure) and not fig.data and fig.layout.annotations:
        summary = " ".join(a.text for a in fig.layout.annotations)  # a chart with no data says why in words
    st.plotly_chart(spec, width="stretch", theme=None, config=theme.PLOTLY_CONFIG, key=key,
                    alt=title or t("chart.untitled"))
    if table is None:
        table = plot.table_of(fig, t("chart.category"), unnamed=t("chart.value"), count=t("chart.count"))
    chart_text(title, summary, table)


FIGURES_KEY = "_chart_figures"  # session state: {the spec as JSON: its Plotly figure}, oldest first
FIGURES_KEPT = 12  # more than any page draws


def _plotly_figure(spec: dict[str, Any]) -> BaseFigure:
    """``spec`` as a Plotly figure, built (and so validated, as st.plotly_chart validates a dict) once
    for each chart a session draws: a rerun that draws the same chart again (a sidebar change that
    leaves it as it was) reuses it, and st.plotly_chart only reads it. Kept in the session, never
    shared with another."""
    import json

    import plotly.graph_objects as go

    key = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=repr)
    kept = st.session_state.setdefault(FIGURES_KEY, {})
    figure = kept.pop(key, None)
    if figure is None:
        figure = go.Figure(spec)
    kept[key] = figure  # the most recent last
    while len(kept) > FIGURES_KEPT:
        kept.pop(next(iter(kept)))
    return figure


def chart_text(title: str, summary: str | None, table: Any) -> None:
    """A chart's text equivalent: one sentence, then its data in a table behind an expander."""
    data = text_table(table) if isinstance(table, dict) else table
    rows = data.num_rows if isinstance(data, pa.Table) else len(data)
    sentence = summary or t("chart.summary_row" if rows == 1 else "chart.summary_rows", n=rows)
    st.markdown(f"**{t('chart.in_words')}** {md(sentence)}")
    if rows:  # no table to open under a chart with no data
        with st.expander(t("chart.data_table", title=md(title or t("chart.untitled"))), icon=":material/table_view:"):
            st.table(literal_table(data), hide_index=True)


def wide_table(data: Any, key: str) -> None:
    """A read-only table of many columns that stays readable at any width: an HTML table (``st.table``),
    whose cells wrap instead of being cut, in a container keyed ``wide_<key>`` that ui/app.css fits to a
    phone's screen. (``st.dataframe`` cut long names on a laptop and, on a phone, showed 3 of 9 columns
    with no sign of the others: its grid's scroll bar is hidden until touched.)"""
    with st.container(key=f"wide_{key}"):
        st.table(literal_table(data), hide_index=True)


def literal_table(data: Any) -> Any:
    """A table for ``st.table``, which renders markdown in its cells and headers: every text through
    :func:`ui.fmt.md` (a subject named ``![x](http://…)`` was an image in a chart's data table).

    Columns of text (a dict) and Arrow tables stay Arrow: only their text columns are rebuilt, with no
    pandas frame on the way (a frame there and back cost ten times as much for a chart's data table:
    bench/README.md, "Figures taken out of the comments"). A DataFrame (the batch dashboard's) is copied and
    escaped as a frame."""
    if isinstance(data, dict):
        data = text_table(data)
    if isinstance(data, pa.Table):
        columns = [
            pa.array([md(v) if v is not None else None for v in column.to_pylist()], type=column.type)
            if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) else column
            for column in data.columns
        ]
        return pa.Table.from_arrays(columns, names=[md(name) for name in data.column_names])
    frame = data.copy()
    frame.columns = [md(c) if isinstance(c, str) else c for c in frame.columns]
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            frame[column] = [md(v) if isinstance(v, str) else v for v in frame[column]]
    return frame


def _numeric_checks(r: ItemResult) -> list[Any]:
    return [
        c for c in r.checks
        if c.actual_value is not None and c.required_value is not None and c.comparison in (">", ">=")
    ]


def condition_name(c: Any) -> str:
    """A numeric condition's short name (by the parameter it is measured against), else its message up
    to the first clause break (a full-width comma or a semicolon: never a thousands separator)."""
    key = f"chart.condition.{c.parameter}"
    if c.parameter and has(key):
        return t(key)
    for mark in ("，", "；", "; "):
        head, found, _ = c.message.partition(mark)
        if found:
            return head
    return c.message


def threshold_chart(r: ItemResult, key: str | None = None) -> None:
    """Each numeric condition: the applicant's value as a share of its line (100% = the line)."""
    checks = _numeric_checks(r)
    if not checks:
        note(t("chart.no_thresholds"))
        return
    labels, values, texts, colours = [], [], [], []
    top = Decimal(200)
    for c in checks:
        required = Decimal(c.required_value)
        actual = Decimal(c.actual_value)
        share = (actual / required * 100) if required else (top if actual > 0 else Decimal(0))
        figures = t("chart.value_vs_line", actual=c.actual or actual, required=c.required or required)
        # the condition's name and both figures in the row's label, whole: no text in or beside the bar,
        # where the line at 100% or the plot's edge would cross or cut it
        labels.append(f"{plot_text(condition_name(c))}<br>{plot_text(figures)}")
        values.append(min(share, top))
        texts.append(plot_text(figures))
        colours.append(theme.STATUS_COLOURS["eligible" if c.passed else "ineligible"])
    fig = plot.Figure(
        plot.Bar(
            x=values, y=labels, orientation="h", marker_color=colours, text=texts,
            textposition="none", hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.add_vline(x=100, line_color=theme.LINE_COLOUR, line_width=3, line_dash="dash",
                  annotation_text=t("chart.the_line"), annotation_position="top")
    fig.update_layout(
        **theme.layout(
            title=t("chart.thresholds_title"),
            height=max(240, 120 + 80 * len(checks)),
            xaxis={"title": t("chart.share_of_line"), "ticksuffix": "%", "range": [0, top + 5]},
            yaxis={"autorange": "reversed", "automargin": True},
            showlegend=False,
        )
    )
    unmet = [c.message for c in checks if not c.passed]
    summary = t("chart.thresholds_summary", n=len(checks), met=len(checks) - len(unmet))
    if unmet:
        summary += t("chart.thresholds_unmet", names=t("glance.join").join(unmet))
    table = {
        t("chart.col.condition"): [c.message for c in checks],
        t("chart.col.yours"): [str(c.actual or plot.number_text(c.actual_value)) for c in checks],
        t("chart.col.line"): [str(c.required or plot.number_text(c.required_value)) for c in checks],
        t("chart.share_of_line"): [f"{plot.number_text(round(v))}%" for v in values],
        t("chart.col.result"): [t("chart.met" if c.passed else "chart.not_met") for c in checks],
    }
    show_chart(fig, key=key, summary=summary, table=table)


def cap_chart(results: list[ItemResult], key: str | None = None) -> None:
    """Each subject's ceiling against its per-item cap (and the amount before the cap)."""
    rows = [r for r in results if r.cap_yuan is not None or r.uncapped_yuan is not None]
    rows = [r for r in rows if r.kind != "unquantified"]
    if not rows:
        note(t("chart.no_caps"))
        return
    names = [plot_text(f"{r.item} {r.subject or ''}".strip()) for r in rows]
    fig = plot.Figure()
    fig.add_bar(
        name=t("chart.uncapped"), y=names, x=[wan_value(r.uncapped_yuan) for r in rows], orientation="h",
        marker_color=theme.STAGE_COLOURS["uncapped"],
    )
    fig.add_bar(
        name=t("chart.ceiling"), y=names, x=[wan_value(r.ceiling_yuan) for r in rows], orientation="h",
        marker_color=[theme.STATUS_COLOURS.get(r.status, "#888") for r in rows],
        text=[wan(r.ceiling_yuan) for r in rows], textposition="outside", cliponaxis=False,
    )
    capped = [r for r in rows if r.cap_yuan is not None]
    if capped:
        fig.add_scatter(
            name=t("chart.item_cap"), y=[plot_text(f"{r.item} {r.subject or ''}".strip()) for r in capped],
            x=[wan_value(r.cap_yuan) for r in capped], mode="markers",
            marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": theme.LINE_COLOUR}},
        )
    fig.update_layout(
        **theme.layout(
            title=t("chart.caps_title"), barmode="group",
            height=max(260, 140 + 80 * len(rows)),
            xaxis={"title": t("chart.wan_axis"), "rangemode": "tozero"},
            yaxis={"autorange": "reversed", "automargin": True},
        )
    )
    at_cap = sum(1 for r in capped if r.ceiling_yuan is not None and r.ceiling_yuan >= r.cap_yuan)
    table = {
        t("chart.category"): [f"{r.item} {r.subject or ''}".strip() for r in rows],
        t("results.col.status"): [status_label(r.status) for r in rows],
        t("chart.uncapped"): [_wan_or_dash(r.uncapped_yuan) for r in rows],
        t("chart.ceiling"): [_wan_or_dash(r.ceiling_yuan) for r in rows],
        t("chart.item_cap"): [_wan_or_dash(r.cap_yuan) for r in rows],
    }
    show_chart(fig, key=key, summary=t("chart.caps_summary", n=len(rows), capped=at_cap), table=table)


def _wan_or_dash(value: int | None) -> str:
    return "—" if value is None else wan(value)


def what_if_chart(r: ItemResult, as_of: dt.date, key: str | None = None) -> None:
    """The ceiling a rate item would reach at each base, with the cap's kink and the applicant's point."""
    if r.item not in RATE_ITEMS or r.rate is None or not r.rate:
        note(t("chart.no_what_if"))
        return
    base = Decimal(r.base_yuan or 0)
    cap = r.cap_yuan
    kink = (Decimal(cap) / Decimal(r.rate)) if cap is not None else None
    right = max([x for x in (base * Decimal("1.5"), (kink or 0) * Decimal("1.4")) if x] or [Decimal(0)])
    if right <= 0:
        note(t("chart.no_what_if_base"))
        return
    steps = 40
    xs = sorted({right * i / steps for i in range(steps + 1)} | ({kink} if kink and kink <= right else set()))
    ys = ceiling_curve("4.1" if r.item == "4.1" else r.item, xs, as_of, cap_yuan=cap if r.item == "4.1" else None)
    fig = plot.Figure()
    fig.add_scatter(
        x=[wan_value(x) for x in xs], y=[wan_value(y) for y in ys], mode="lines", name=t("chart.curve"),
        line={"color": theme.CURVE_COLOUR, "width": 4},
        hovertemplate=t("chart.curve_hover") + "<extra></extra>",
    )
    if kink is not None and kink <= right:
        fig.add_scatter(  # its words in the legend, not beside the point (cut at the plot's left edge)
            x=[wan_value(kink)], y=[wan_value(cap)], mode="markers",
            name=t("chart.kink_text", base=wan(int(kink)), cap=wan(cap)),
            marker={"size": 14, "color": theme.LINE_COLOUR, "symbol": "diamond"},
        )
        fig.add_hline(y=wan_value(cap), line_color=theme.LINE_COLOUR, line_dash="dot", line_width=2)
    if base > 0:
        own = r.ceiling_yuan if r.status == "eligible" else ceiling_curve(
            r.item, [base], as_of, cap_yuan=cap if r.item == "4.1" else None)[0]
        fig.add_scatter(  # its words in the legend, not beside the point (struck through by the cap line)
            x=[wan_value(base)], y=[wan_value(own)], mode="markers",
            name=t("chart.you_text" if r.status == "eligible" else "chart.you_if_text", wan=wan(own)),
            marker={"size": 18, "color": theme.POINT_COLOUR, "line": {"width": 2, "color": "white"}},
        )
    fig.update_layout(
        **theme.layout(
            title=t("chart.what_if_title", name=item_name(r.item, lang())),
            height=CHART_HEIGHT_WITH_LEGEND, showlegend=True, legend=LEGEND_BELOW,
            margin={"b": 120},
            xaxis={"title": t(f"chart.base_axis.{r.item}"), "rangemode": "tozero"},
            yaxis={"title": t("chart.ceiling_axis"), "rangemode": "tozero"},
        )
    )
    rate = f"{(Decimal(r.rate) * 100).normalize():f}%"
    if kink is not None:
        summary = t("chart.what_if_summary_cap", rate=rate, base=wan(int(kink)), cap=wan(cap))
    else:
        summary = t("chart.what_if_summary", rate=rate)
    if base > 0:
        summary += t("chart.what_if_yours", base=wan(int(base)), wan=wan(own))
    # the curve at every fifth step, the cap's kink and the applicant's own point: enough to read it
    marks = {x: "" for x in xs[::5]} | ({kink: t("chart.kink")} if kink is not None and kink <= right else {})
    if base > 0:
        marks[base] = t("chart.you")
    points = sorted(marks)
    amounts = ceiling_curve("4.1" if r.item == "4.1" else r.item, points, as_of,
                            cap_yuan=cap if r.item == "4.1" else None)
    if base > 0:
        amounts[points.index(base)] = own
    table = {
        t(f"chart.base_axis.{r.item}"): [wan(int(x)) for x in points],
        t("chart.ceiling_axis"): [wan(int(y)) for y in amounts],
        t("chart.col.note"): [marks[x] for x in points],
    }
    show_chart(fig, key=key, summary=summary, table=table)


def yearly_caps_chart(a: Assessment, pairs: list[tuple[str, int]], key: str | None = None,
                      title: str | None = None) -> None:
    """Every yearly cap of ``pairs`` ((item, year)) in one chart: a row per cap, each subject's amount as
    its share of the cap (stacked; the line is the cap, 100%), the amounts in the bars and the row's
    cap and use in its label. One chart, not one per cap: Streamlit's cost is per chart. ``title``: the
    chart's own title, where no heading above it names it."""
    totals = {(tt.item, tt.year): tt for tt in a.item_totals}  # the engine's sums and caps
    rows = []
    lines: list[str] = []  # each cap's row in words (the chart's text equivalent)
    cells: dict[str, list[str]] = {t("chart.yearly_caps_line"): [], t("results.col.subject"): [],
                                   t("chart.wan_axis"): [], t("chart.yearly_caps_axis"): []}
    for item, year in pairs:
        tt = totals.get((item, year))
        used = [r for r in a.items if r.item == item and r.year == year and r.status == "eligible" and r.ceiling_yuan]
        if tt is not None and tt.yearly_cap_yuan and used:
            label = t("chart.yearly_caps_row", item=item, name=item_name(item, lang()), year=year,
                      wan=wan(tt.yearly_cap_yuan), used=wan(tt.total_yuan))
            # each line of the label wrapped as a title is: on a phone the item's long name was cut at the left
            rows.append(("<br>".join(chart_title(plot_text(line)) for line in label.split("\n")),
                         tt.yearly_cap_yuan, used, tt.sum_yuan))
            lines.append(label.replace("\n", t("chart.comma")))
            for r in used:
                cells[t("chart.yearly_caps_line")].append(label.split("\n")[0])
                cells[t("results.col.subject")].append(r.subject or "—")
                cells[t("chart.wan_axis")].append(wan(r.ceiling_yuan))
                cells[t("chart.yearly_caps_axis")].append(
                    f"{plot.number_text(Decimal(r.ceiling_yuan or 0) / Decimal(tt.yearly_cap_yuan) * 100)}%")
    if not rows:
        note(t("chart.no_yearly_cap"), title=title)
        return
    fig = plot.Figure()
    top = Decimal(100)
    colours: dict[str | None, str] = {}  # one colour per subject, the same in every row
    for label, cap, used, total in rows:
        top = max(top, Decimal(total) / Decimal(cap) * 100)
        for r in used:
            first = r.subject not in colours
            colour = colours.setdefault(r.subject, theme.SUBJECT_COLOURS[len(colours) % len(theme.SUBJECT_COLOURS)])
            # one legend entry per subject: a block too narrow for its words is still named by its colour
            fig.add_bar(
                name=plot_text(r.subject or r.item), x=[Decimal(r.ceiling_yuan or 0) / Decimal(cap) * 100], y=[label],
                orientation="h", text=[wan(r.ceiling_yuan)], textposition="inside",
                showlegend=first, legendgroup=plot_text(r.subject or r.item), marker={"color": colour},
            )
    fig.add_vline(x=100, line_color=theme.LINE_COLOUR, line_width=4, annotation_text=t("chart.yearly_caps_line"),
                  annotation_position="top")
    # the amount in the block (the subject's name is in the legend): a name made the words too wide for a
    # narrow block, which then showed nothing
    fig.update_traces(textangle=0, insidetextanchor="middle", hovertemplate="%{fullData.name}: %{text}<extra></extra>")
    titled = {"title": title} if title else {}
    fig.update_layout(
        **theme.layout(
            # a row as high as its label's lines (a long English name wraps to four on a phone)
            **titled, barmode="stack", height=(250 if title else 200) + 30 * ((len(colours) + 2) // 3)
            + sum(max(70, 24 * (label.count("<br>") + 1) + 14) for label, *_ in rows),
            uniformtext={"mode": "hide", "minsize": 12},
            margin={"t": 100 if title else 50, "b": 110 + 30 * ((len(colours) + 2) // 3)},
            showlegend=True, legend=LEGEND_BELOW,
            # its title on two lines: centred under a phone's narrow plot it ran off the right edge
            xaxis={"title": chart_title(t("chart.yearly_caps_axis"), width=12), "range": [0, top * Decimal("1.1")]},
            yaxis={"autorange": "reversed"},
        )
    )
    summary = t("chart.yearly_caps_summary", rows=t("glance.join").join(lines))
    show_chart(fig, key=key, summary=summary, table=cells)


def running_total(a: Assessment | None) -> None:
    """The total of the whole profile: "最高可达 X 万元", and what review items could add."""
    if a is None:
        st.metric(t("total.label"), "—")
        return
    st.metric(t("total.label"), t("total.value", wan=wan(a.total_ceiling_yuan)))
    if a.review_potential_yuan:
        st.caption(t("total.review", wan=wan(a.review_potential_yuan)))


def item_name_of(item: str) -> str:
    return item_name(item, lang())
