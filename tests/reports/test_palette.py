"""reports/palette.py: the exports draw with the app's own colours (ui/theme.py), as PDF RGB triples."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from reports import palette, pdf

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("hex_colour", "triple"), [
    ("#1a7f37", (26, 127, 55)),  # 0x1a, 0x7f, 0x37: 可申报 green
    ("#c4540c", (196, 84, 12)),  # 暂不符合 orange
    ("#1f6feb", (31, 111, 235)),  # 需评审认定 blue
    ("#8c959f", (140, 149, 159)),  # 已按就高不重复 grey
    ("0969da", (9, 105, 218)),  # without the "#"
    ("#ffffff", (255, 255, 255)), ("#000000", (0, 0, 0)),
])
def test_a_hex_colour_as_the_pdfs_red_green_blue(hex_colour, triple):
    assert palette.rgb(hex_colour) == triple


def test_the_theme_is_the_apps_file_loaded_once_without_streamlit():
    """The status colours as ui/theme.py writes them (read here as text), in the PDF's legend as RGB."""
    source = (ROOT / "ui" / "theme.py").read_text(encoding="utf-8")
    assert '"eligible": "#1a7f37"' in source and '"ineligible": "#c4540c"' in source
    assert palette.theme.STATUS_COLOURS["eligible"] == "#1a7f37"
    assert palette.theme.STATUS_COLOURS["ineligible"] == "#c4540c"
    assert pdf.STATUS_RGB["eligible"] == (26, 127, 55) and pdf.STATUS_RGB["ineligible"] == (196, 84, 12)
    assert palette._load() is palette.theme  # loaded once: a second load returns the same module


def test_loading_the_theme_anew_reads_the_apps_file_and_registers_it(monkeypatch):
    """``_load`` when nothing is loaded yet (at import it runs before a test can watch it): it executes
    ui/theme.py under its own name, registers it before running it, and returns it."""
    monkeypatch.delitem(sys.modules, palette._NAME)
    seen = []
    original = importlib.util.module_from_spec

    def spy(spec):
        module = original(spec)
        seen.append(spec)
        return module

    monkeypatch.setattr(importlib.util, "module_from_spec", spy)
    fresh = palette._load()
    assert fresh is not palette.theme  # a new module object, executed from the file
    assert sys.modules[palette._NAME] is fresh
    assert [s.name for s in seen] == ["reports._ui_theme"]
    assert Path(seen[0].origin) == ROOT / "ui" / "theme.py" and Path(fresh.__file__) == ROOT / "ui" / "theme.py"
    assert fresh.STATUS_COLOURS["eligible"] == "#1a7f37" and fresh.STATUS_COLOURS["review"] == "#1f6feb"
    assert palette._load() is fresh  # and a second call returns it without loading again
    assert len(seen) == 1
