"""The theme's colours keep WCAG 2.1 AA contrast (issue 20), and the app's style sheet uses the theme's.

axe-core checks the pages as drawn (tests/browser/test_a11y_browser.py); this checks the colours
themselves, fast, so a change to .streamlit/config.toml or ui/theme.py that breaks contrast is caught
without a browser: Streamlit draws captions and help in the text colour at 60% opacity.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ui import theme

ROOT = Path(__file__).resolve().parents[1]
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(fg: str, bg: str, alpha: float) -> tuple[float, float, float]:
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(rgb(fg), rgb(bg), strict=True))


BACKGROUNDS = [THEME["backgroundColor"], THEME["secondaryBackgroundColor"]]


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_text_and_faded_text_reach_4_5_to_1(background):
    assert contrast(rgb(THEME["textColor"]), rgb(background)) >= 7
    # captions, help texts and placeholders: the text colour at 60% opacity
    assert contrast(over(THEME["textColor"], background, 0.6), rgb(background)) >= 4.5


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_primary_colour_as_text_and_on_its_own_tint(background):
    assert contrast(rgb(THEME["primaryColor"]), rgb(background)) >= 4.5
    # a chosen segment (the language switch): the primary colour on a light tint of itself
    assert contrast(rgb(THEME["primaryColor"]), over(THEME["primaryColor"], background, 0.15)) >= 4.5


def test_chart_bars_and_lines_reach_3_to_1_on_white():
    colours = {**theme.STAGE_COLOURS, **{s: c for s, c in theme.STATUS_COLOURS.items() if s != "not_entered"}}
    colours.update({f"subject {i}": c for i, c in enumerate(theme.SUBJECT_COLOURS)})
    colours.update(line=theme.LINE_COLOUR, point=theme.POINT_COLOUR, curve=theme.CURVE_COLOUR)
    low = {name: round(contrast(rgb(c), (255, 255, 255)), 2) for name, c in colours.items()
           if contrast(rgb(c), (255, 255, 255)) < 3}
    assert not low, low


def test_the_charts_text_and_the_style_sheet_use_the_theme_colours():
    assert theme.TEXT_COLOUR == THEME["textColor"]
    css = (ROOT / "ui" / "app.css").read_text(encoding="utf-8")
    assert set(re.findall(r"#[0-9a-fA-F]{6}\b", css)) == {THEME["primaryColor"]}
    assert theme.app_styles().startswith("<style>") and css in theme.app_styles()


def test_the_page_language_script_sets_only_a_known_language():
    assert theme.page_language("zh") == '<script>document.documentElement.lang = "zh-CN";</script>'
    assert '"en"' in theme.page_language("en")
    assert '"zh-CN"' in theme.page_language('x"; alert(1); "')  # nothing but a known code reaches it
