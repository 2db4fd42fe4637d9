"""The one-page leadership brief of a what-if (A4 PDF, the report's own font).

The changes with their articles and sentences, the potential spend today and after, who gains and
who loses, the spend by item, and two charts drawn from the same figures (the change by item, and the
enterprises by change). Every figure is the comparison's (calculators/reform.py), in 万元 truncated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from batch.whatif import Comparison
from calculators import content
from calculators.content import item_name, parameter_files, parameters_on
from calculators.explain import wan
from calculators.reform import parameter_label

from .palette import rgb
from .pdf import FONT, INK, MUTED, _heading, _make_pdf, _para, _printable, _table, _title_block
from .reform_tables import reading_text, show_value, tt

UP, DOWN, BAR = rgb("#1a7f37"), rgb("#c4540c"), rgb("#0969da")


def bt(key: str, lang: str, **values: Any) -> str:
    """The brief's text ``key`` (``reform.brief.<key>`` in content/i18n/reform.yaml) through the one loader."""
    return content.text(f"reform.brief.{key}", lang, **values)


def signed_wan(yuan: int) -> str:
    """``-800000`` → ``-80.00``; a change always shows its sign (0 as 0.00)."""
    if yuan == 0:
        return "0.00"
    return ("+" if yuan > 0 else "-") + wan(abs(yuan))


def _fit(pdf, text: str, width: float) -> str:
    """``text`` cut with … to fit ``width`` mm in the current font."""
    text = _printable(text)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _bars(pdf, rows: list[tuple[str, int]], x: float, y: float, w: float, label_w: float, h: float = 5.0) -> float:
    """Horizontal bars of signed changes around a zero line, each value in a column of its own at the
    right (never over a label); returns the y below them."""
    value_w = 18
    top = max((abs(v) for _l, v in rows), default=0) or 1
    half = (w - label_w - value_w) / 2 - 1
    zero = x + label_w + half + 1
    pdf.set_draw_color(140, 149, 159)
    pdf.line(zero, y, zero, y + h * len(rows))
    for i, (label, value) in enumerate(rows):
        yy = y + i * h
        pdf.set_font(FONT, size=min(7.5, h * 2.3))
        pdf.set_text_color(*INK)
        pdf.set_xy(x, yy)
        pdf.cell(label_w, h, _fit(pdf, label, label_w - 1))
        length = half * abs(value) / top
        pdf.set_fill_color(*(UP if value > 0 else DOWN))
        if value:
            pdf.rect(zero if value > 0 else zero - length, yy + 0.6, max(length, 0.4), h - 1.2, style="F")
        pdf.set_xy(x + w - value_w, yy)
        pdf.cell(value_w, h, signed_wan(value), align="R")
    return y + h * len(rows)


def histogram_bins(c: Comparison, n: int = 8) -> list[tuple[str, int]]:
    """The enterprises whose result changes, counted in ranges of the change (万元) of one width, a whole
    number of 万元, with 0 on a boundary (losers and gainers never share a range)."""
    changes = [r.change_yuan for r in c.rows if r.change_yuan]
    if not changes:
        return []
    low, high = min(min(changes), 0), max(max(changes), 0)
    step = -(-(high - low) // n)
    step = -(-step // 10_000) * 10_000  # whole 万元
    start = (low // step) * step  # a multiple of step: 0 is a boundary
    edges = list(range(start, high + step, step))
    counts = [0] * (len(edges) - 1)
    for v in changes:  # a loss in [edge, next edge), a gain in (edge, next edge]
        counts[(v - start) // step if v < 0 else (v - start - 1) // step] += 1
    rows = [(f"{signed_wan(edges[i])} ~ {signed_wan(edges[i + 1])}", k) for i, k in enumerate(counts)]
    while rows and rows[0][1] == 0:
        rows.pop(0)
    while rows and rows[-1][1] == 0:
        rows.pop()
    return rows


def _histogram(pdf, bins: list[tuple[str, int]], x: float, y: float, w: float, h: float = 5.0) -> float:
    top = max((k for _l, k in bins), default=1) or 1
    label_w = 44
    for i, (label, k) in enumerate(bins):
        yy = y + i * h
        pdf.set_font(FONT, size=min(7.5, h * 2.3))
        pdf.set_text_color(*INK)
        pdf.set_xy(x, yy)
        pdf.cell(label_w, h, _printable(label))
        length = (w - label_w - 12) * k / top
        pdf.set_fill_color(*BAR)
        if k:
            pdf.rect(x + label_w, yy + 0.8, max(length, 0.4), h - 1.6, style="F")
        pdf.set_xy(x + label_w + length + 1, yy)
        pdf.cell(10, h, str(k))
    return y + h * len(bins)


def _since(ch: Any, lang: str) -> str:
    """From when, if not from the parameter's own first date (a change from the start says nothing)."""
    dates = parameter_files()[ch.stem][ch.name]["values"]
    first = min(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in dates)
    if ch.since == first:
        return ""
    return f"（{ch.since.isoformat()}起）" if lang == "zh" else f" (from {ch.since.isoformat()})"


def build_brief(c: Comparison, lang: str = "zh", as_of: dt.date | None = None) -> bytes:
    """The brief as A4 PDF bytes (one page for a reform of a dozen changes)."""
    on = as_of or (c.before[0].as_of if c.before else dt.date.today())
    p = parameters_on(on)
    number, title = p.get("general", "document_number"), p.get("general", "title")
    pdf = _make_pdf(number, lang, bt("title", lang))
    pdf.footer = lambda: None  # one page: no page numbers
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_page()
    _title_block(pdf, bt("title", lang), [
        bt("policy", lang, title=title, number=number),
        bt("made_on", lang, date=on.isoformat(), n=f"{len(c.rows):,}", reassessed=f"{c.reassessed:,}"),
    ], compact=True)
    if c.synthetic:
        _para(pdf, tt("synthetic", lang), size=9, color=DOWN)

    _heading(pdf, bt("changes", lang))
    if c.reform.changes:
        rows = []
        for ch in c.reform.changes:
            spec = parameter_files()[ch.stem][ch.name]
            today = parameters_on(ch.since).get(ch.stem, ch.name)
            where = f"（{spec['article']}）" if lang == "zh" else f" ({spec['article']})"
            rows.append([parameter_label(ch.stem, ch.name, lang) + where, spec["reference"],
                         f"{show_value(today, spec['unit'])} → {show_value(ch.value, spec['unit'])}"
                         + _since(ch, lang)])
        _table(pdf, [bt("col_parameter", lang), bt("col_reference", lang), bt("col_values", lang)], rows,
               [50, 90, 40], size=7.5)
    else:
        _para(pdf, bt("no_changes", lang))
    if c.reform.interpretation:
        _para(pdf, bt("reading", lang, reading=reading_text(c.reform, lang)))

    _heading(pdf, bt("cost", lang))
    pdf.set_font(FONT, size=12.5)
    pdf.set_text_color(*(UP if c.change > 0 else DOWN if c.change < 0 else INK))
    pdf.multi_cell(0, 7, _printable(bt("cost_line", lang, before=wan(c.total_before), after=wan(c.total_after),
                                       change=signed_wan(c.change))), wrapmode=pdf.wrap, align="L",
                   new_x="LMARGIN", new_y="NEXT")
    _para(pdf, bt("who", lang, gainers=len(c.gainers), losers=len(c.losers), crossers=len(c.crossers),
                  gained=sum(1 for r in c.rows if r.gained), lost=sum(1 for r in c.rows if r.lost)))

    _heading(pdf, bt("by_item", lang))
    rows = [[f"{i} {item_name(i, lang)}", wan(b), wan(a), signed_wan(a - b)] for i, b, a in c.by_item]
    rows.append([bt("total_row", lang), wan(c.total_before), wan(c.total_after), signed_wan(c.change)])
    _table(pdf, [bt(k, lang) for k in ("col_item", "col_before", "col_after", "col_change")], rows,
           [84, 32, 32, 32], size=7.5, aligns=["LEFT", "RIGHT", "RIGHT", "RIGHT"])

    changed = [(f"{i} {item_name(i, lang)}", a - b) for i, b, a in c.by_item if a != b]
    bins = histogram_bins(c)
    if changed or bins:
        _heading(pdf, bt("chart_items", lang))
        y = pdf.get_y() + 1
        # the charts take what the page has left above the disclaimer: their rows shrink to fit it
        room = pdf.h - 10 - 7 - y
        h = max(2.6, min(5.0, room / max(len(changed), len(bins) + 1, 1)))
        pdf.set_auto_page_break(False)
        bottom = _bars(pdf, changed, 15, y, 94, 46, h) if changed else y
        if bins:
            pdf.set_xy(112, y - 0.5)
            pdf.set_font(FONT, size=7.5)
            pdf.set_text_color(*MUTED)
            pdf.cell(80, 4, _printable(bt("chart_hist", lang)))
            bottom = max(bottom, _histogram(pdf, bins, 112, y + 4, 83, h))
        pdf.set_auto_page_break(True, margin=10)
        pdf.set_y(bottom + 2)
    _para(pdf, tt("disclaimer", lang), size=8, color=MUTED, h=4.2)
    return bytes(pdf.output())
