"""A keyboard alone (issue 20): load an example, change a value in every section's table and inputs,
switch the reading and the language, download the report; and a visible focus at every stop.

Nothing here clicks or fills: every step is Tab / Shift+Tab to the control, then the keys a keyboard
user presses (Enter, Space, arrows, typing). Each Tab stop is checked for a visible focus indicator.
The figures a change must give come from the engine.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from browser_helpers import main_text, no_traceback, open_app, settle, sidebar_text, total

from calculators import assess, validate_profile
from calculators.explain import wan
from ui.tables import PROJECTS, TECH_PLATFORMS, TRANSFORMATION_PROJECTS, VENUES

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]

# What has focus: its tag, role, name, text, the st-key-… class of its widget, whether it is in a grid.
ACTIVE_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {tag: 'BODY', role: '', name: '', text: '', href: '', key: '', grid: false};
  const box = e.closest('[class*="st-key-"]');
  return {tag: e.tagName, role: e.getAttribute('role') || '', name: e.getAttribute('aria-label') || '',
          text: (e.innerText || e.value || '').trim().slice(0, 60), href: e.getAttribute('href') || '',
          key: box ? [...box.classList].find(c => c.startsWith('st-key-')).slice(7) : '',
          grid: !!e.closest('[data-testid="stDataFrame"]'), checked: e.checked === true};
}"""

# Whether the focused element shows it: an outline or a focus ring (box shadow) on it or on the few
# elements around it that draw it (BaseWeb draws an input's ring on its wrapper; a switch's on its track,
# the input's sibling). The grid draws its focused cell's ring on its canvas.
FOCUS_SHOWN_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return true;
  if (e.tagName === 'CANVAS' || e.getAttribute('role') === 'gridcell') return true;
  const shows = (n) => {
    const s = getComputedStyle(n);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || (s.boxShadow && s.boxShadow !== 'none');
  };
  const near = [];
  for (let n = e, i = 0; n && i < 5; n = n.parentElement, i++) near.push(n);
  if (e.parentElement) near.push(...e.parentElement.children);
  return near.some(shows);
}"""


def example(file: str) -> dict:
    return json.loads((REPO / "content" / "examples" / file).read_text(encoding="utf-8"))


def engine_total(profile: dict) -> str:
    model, problems = validate_profile(profile, "zh")
    assert not problems, problems
    return f"{wan(assess(model, 'zh').total_ceiling_yuan)} 万元"


class Keyboard:
    """Tab to a control (checking every stop's focus), then press keys."""

    def __init__(self, page):
        self.page = page
        self.unfocused: list[dict] = []  # stops with no visible focus

    def active(self) -> dict:
        return self.page.evaluate(ACTIVE_JS)

    def tab_to(self, wanted, *, back: bool = False, limit: int = 200) -> dict:
        stops = []
        for _ in range(limit):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            now = self.active()
            stops.append(now)
            if now["tag"] != "BODY" and not self.page.evaluate(FOCUS_SHOWN_JS):
                self.unfocused.append(now)
            if wanted(now):
                return now
        raise AssertionError(f"Tab never reached the control; the stops: {stops[:60]}")

    def press(self, *keys: str, wait: bool = True) -> None:
        for key in keys:
            self.page.keyboard.press(key)
        if wait:
            settle(self.page)

    def type(self, text: str) -> None:
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text, delay=20)

    def go(self, url_path: str) -> None:
        """Tab back to the navigation's link and press Enter."""
        self.tab_to(lambda a: a["tag"] == "A" and a["href"].endswith("/" + url_path), back=True)
        self.press("Enter")
        self.page.wait_for_function("(p) => location.pathname === p", arg="/" + url_path)
        settle(self.page)

    def load_example(self, name: str) -> None:
        """The sidebar's select box: open it with the arrow key, walk the options, Enter."""
        self.tab_to(lambda a: a["key"] == "example_choice" and a["role"] == "combobox", back=True)
        self.press("ArrowDown", wait=False)
        for _ in range(8):
            self.page.wait_for_timeout(150)
            current = self.page.evaluate(
                "() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))"
                "?.innerText.trim()")
            if current == name:
                break
            self.press("ArrowDown", wait=False)
        else:
            raise AssertionError(f"no option {name!r}")
        self.press("Enter")

    def edit_cell(self, fields: list[str], field: str, value: str) -> None:
        """The first row's ``field`` in the next table: Tab into its grid, arrows, Enter, type, Enter."""
        self.tab_to(lambda a: a["grid"] and a["tag"] == "CANVAS")
        self.press("ArrowDown", "ArrowUp", wait=False)  # the first cell of the first row
        for _ in range(fields.index(field)):
            self.press("ArrowRight", wait=False)
        self.page.wait_for_timeout(300)
        self.press("Enter", wait=False)  # opens the cell's editor
        self.page.wait_for_timeout(300)
        self.type(value)
        self.press("Enter")

    def field(self, key: str, value: str) -> None:
        self.tab_to(lambda a: a["key"] == key and a["tag"] == "INPUT")
        self.type(value)
        self.press("Enter")


def test_the_whole_flow_by_keyboard(page, app_server):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_app(page, app_server.url)
    kb = Keyboard(page)

    # load an example: the overview's button for the park operator
    kb.tab_to(lambda a: a["key"] == "try_park_operator-json")
    kb.press("Enter")
    park = example("park_operator.json")
    assert total(page) == engine_total(park)

    # carriers: an input (this year's revenue)
    kb.go("carriers")
    kb.field("w-carrier-revenue_this_year_yuan", "130000000")
    park["carrier"]["revenue_this_year_yuan"] = 130_000_000
    assert total(page) == engine_total(park)

    # projects: a cell (the first work's name)
    kb.load_example("微短剧制作公司（第2、3条）")
    kb.go("projects")
    kb.edit_cell(PROJECTS.fields, "name", "Keyboard work")
    assert "Keyboard work" in main_text(page)

    # technology: a cell in each of its two tables (the first platform's and project's names) and an
    # input (R&D expenditure)
    kb.load_example("科技企业（第4、5条）")
    tech = example("tech_firm.json")
    kb.go("technology")
    kb.edit_cell(TECH_PLATFORMS.fields, "name", "Keyboard platform")
    assert "Keyboard platform" in main_text(page)
    kb.edit_cell(TRANSFORMATION_PROJECTS.fields, "name", "Keyboard project")  # the page's second table
    assert "Keyboard project" in main_text(page)
    kb.field("w-rnd-expenditure_yuan", "1000000")
    tech["rnd"]["expenditure_yuan"] = 1_000_000
    tech["tech_platforms"][0]["name"] = "Keyboard platform"
    tech["transformation_projects"][0]["name"] = "Keyboard project"
    assert total(page) == engine_total(tech)

    # venues: a cell that moves the total (the first venue's visitors a month)
    kb.load_example("场景运营方（第6条）")
    venues = example("venue_operator.json")
    kb.go("venues")
    kb.edit_cell(VENUES.fields, "avg_monthly_visitors", "100")
    venues["venues"][0]["avg_monthly_visitors"] = 100
    assert total(page) == engine_total(venues)

    # talent: a number input
    kb.go("talent")
    kb.field("w-training-trainees", "150")
    assert page.locator(".st-key-w-training-trainees input").input_value() == "150"

    # the reading: its radio group, arrow to the strict reading
    kb.tab_to(lambda a: a["key"] == "w-interpretation", back=True)
    kb.press("ArrowRight")
    strict = copy.deepcopy(venues)
    strict["interpretation"] = "strict"
    assert page.locator(".st-key-w-interpretation input").nth(1).is_checked()

    # the language: a radio group of two segments with one Tab stop; arrow to "English", Space
    kb.tab_to(lambda a: a["key"] == "lang", back=True)
    kb.press("ArrowRight", wait=False)
    assert kb.active()["text"] == "English"
    kb.press("Space")
    assert "Total, up to" in sidebar_text(page)

    # the report: the results page's PDF button, Enter
    kb.go("results")
    kb.tab_to(lambda a: a["key"] == "download_pdf")
    with page.expect_download(timeout=60_000) as download:
        kb.press("Enter", wait=False)
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    no_traceback(page)
    assert page.page_errors == []
    unfocused = sorted({f"{a['tag']} {a['role']} {a['key'] or a['name'] or a['text'][:20]!r}" for a in kb.unfocused})
    assert not unfocused, "no visible focus on:\n" + "\n".join(unfocused)
