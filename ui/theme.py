"""Colours, fonts and chart layout shared by every page (readable on a projector).

The font family names first the face this app serves (static/fonts, [[theme.fontFaces]] in
.streamlit/config.toml), so charts read the same as the page on a machine with no Chinese font; the
CJK fonts a browser may have follow for anything outside that subset.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

FONT_FAMILY = (
    '"Noto Sans SC UI", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif'
)

# One colour per status, the same everywhere (badges, bars, legends).
STATUS_COLOURS = {
    "eligible": "#1a7f37",  # green: 可申报
    "ineligible": "#c4540c",  # orange: 暂不符合
    "review": "#1f6feb",  # blue: 需评审认定
    "superseded": "#8c959f",  # grey: 已按就高不重复
    "not_entered": "#d0d7de",  # light grey: 未填写
}
# st.badge colours for the same statuses.
BADGE_COLOURS = {"eligible": "green", "ineligible": "orange", "review": "blue", "superseded": "gray"}
STATUS_ICONS = {
    "eligible": ":material/check_circle:",
    "ineligible": ":material/cancel:",
    "review": ":material/manage_search:",
    "superseded": ":material/remove_circle:",
    "not_entered": ":material/radio_button_unchecked:",
}

# Stages of an amount on its way to the total (Results page). Every bar colour of a chart stands out
# from the white background by at least 3:1 (WCAG 1.4.11, non-text contrast): the light blues these
# replaced (#a5d6ff, #54aeff) had 1.5:1 and 2.4:1, hard to see on a projector.
STAGE_COLOURS = {
    "uncapped": "#218bff",  # 3.4:1
    "item_cap": "#0550ae",  # 7.6:1
    "ceiling": "#0969da",
    "counted": "#1a7f37",  # 5.1:1
}
# Subjects within one chart (works, venues…): calm, distinct, none of them a status colour; each at
# least 3:1 on white (#0a3069 replaces #54aeff, 2.4:1).
SUBJECT_COLOURS = ["#0969da", "#8250df", "#1b7c83", "#bf3989", "#6e7781", "#9a6700", "#0a3069", "#a475f9"]
LINE_COLOUR = "#cf222e"  # thresholds and caps
POINT_COLOUR = "#8250df"  # the applicant's own point
CURVE_COLOUR = "#0969da"

TEXT_COLOUR = "#0d1117"  # theme.textColor in .streamlit/config.toml
BASE_FONT_SIZE = 16
CHART_HEIGHT = 360


TITLE_WIDTH = 32  # a chart title's width in half-width units (a hanzi is 2) that fits a phone's screen
TITLE_SIZE = BASE_FONT_SIZE + 4
TITLE_LINE = round(TITLE_SIZE * 1.3)  # px from one line of a title to the next


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def chart_title(text: str, width: int = TITLE_WIDTH) -> str:
    """A title on two or more lines when one would be wider than a phone (Plotly never wraps a title:
    it ran off the screen's edge, cut on the right). The break is at the natural place nearest the
    middle: after a colon, before a bracket, at an arrow, else at a space. :func:`layout` makes room
    for a main title's extra lines."""
    if "<br>" in text or _width(text) <= width:
        return text
    marks = [i + 1 for i, ch in enumerate(text) if ch in "：:，,"]
    marks += [i for i, ch in enumerate(text) if ch in "（(→"]
    if not marks:
        marks = [i for i, ch in enumerate(text) if ch == " "]
    if not marks:
        return text
    middle = len(text) / 2
    cut = min(marks, key=lambda i: abs(i - middle))
    head, tail = text[:cut].rstrip(), text[cut:].lstrip()
    if not head or not tail:
        return text
    return f"{chart_title(head, width)}<br>{chart_title(tail, width)}"


def layout(**overrides: Any) -> dict[str, Any]:
    """Return the shared Plotly layout: large CJK-capable font, white background, tight margins."""
    base: dict[str, Any] = {
        "font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 20, "r": 40, "t": 110, "b": 50},
        "title": {"y": 0.98, "yref": "container", "yanchor": "top", "x": 0, "xanchor": "left",
                  "font": {"size": TITLE_SIZE}},
        "height": CHART_HEIGHT,
        "colorway": SUBJECT_COLOURS,
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.04, "xanchor": "left", "x": 0},
        "xaxis": {"gridcolor": "#eaeef2", "zerolinecolor": "#d0d7de", "automargin": True},
        "yaxis": {"gridcolor": "#eaeef2", "zerolinecolor": "#d0d7de", "automargin": True},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        elif key == "title" and isinstance(value, str):
            base["title"] = {**base["title"], "text": value}
        else:
            base[key] = value
    text = base["title"].get("text")
    if isinstance(text, str):
        base["title"]["text"] = wrapped = chart_title(text)
        extra = TITLE_LINE * wrapped.count("<br>")
        if extra:
            # Plotly draws a title of several lines anchored at its top as if it had one, the lines above
            # it cut by the chart's edge: the padding puts its first line back in the chart, the margin
            # makes room under it for the others
            base["title"]["pad"] = {"t": extra}
            base["margin"] = {**base["margin"], "t": base["margin"].get("t", 110) + extra}
    return base


# No Plotly mode bar: on a phone it sat over every chart's title (zooming a summary chart is of little use;
# Streamlit's own toolbar still offers full screen).
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}


@functools.cache
def app_styles() -> str:
    """The app's own style sheet (ui/app.css) as a <style> element, for ``st.html`` (read once)."""
    return "<style>\n" + (Path(__file__).with_name("app.css")).read_text(encoding="utf-8") + "</style>"


HTML_LANG = {"zh": "zh-CN", "en": "en"}


def page_language(code: str) -> str:
    """A script that sets the page's language (``<html lang>``) to the interface language: Streamlit
    serves every page as ``lang="en"``. ``code`` is "zh" or "en" (nothing else reaches the script)."""
    return f'<script>document.documentElement.lang = "{HTML_LANG.get(code, "zh-CN")}";</script>'
