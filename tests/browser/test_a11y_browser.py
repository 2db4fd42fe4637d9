"""Accessibility in a real Chromium (issue 20): axe-core's WCAG 2.0/2.1 A and AA rules on every page.

Every page of the navigation, in Chinese and English, at a desktop (1440×900) and a phone (390×844)
width, empty and with the 微短剧制作公司 example loaded (on the batch and what-ifs pages, with their
synthetic demo portfolio loaded too, so their charts are checked). On the phone the sidebar covers the page when open:
both the open sidebar and the page under it are checked. Any violation fails the test, with the rule,
the element and axe's explanation. axe-core is pinned in package-lock.json (`make test` installs it).
"""

from __future__ import annotations

import json
import os

import pytest
from a11y import axe_violations, count, describe
from browser_helpers import key_css, open_app, set_language, settle

pytestmark = pytest.mark.browser

PAGES = ["overview", "carriers", "projects", "technology", "venues", "talent", "results", "batch", "policy", "whatifs"]
DEMO_BUTTON = {"batch": "batch_demo", "whatifs": "wi_demo"}  # the pages' synthetic portfolios, loaded too
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
LANGUAGE = {"zh": "中文", "en": "English"}
EXAMPLE_BUTTON = key_css("try_drama_studio.json") + " button"


def sidebar_open(page) -> bool:
    return page.locator('[data-testid="stSidebar"]').first.get_attribute("data-collapsed") == "false"


def open_sidebar(page) -> None:
    if not sidebar_open(page):
        page.get_by_test_id("stExpandSidebarButton").click()
        page.locator('[data-testid="stSidebarContent"]').first.wait_for(state="visible")
        page.wait_for_timeout(400)  # the slide-in transition


def close_sidebar(page) -> None:
    if sidebar_open(page):
        page.locator('[data-testid="stSidebar"]').hover()
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        page.get_by_test_id("stExpandSidebarButton").wait_for(state="visible")
        page.wait_for_timeout(400)


def go(page, url_path: str) -> None:
    """Switch page through the sidebar's navigation (client-side: the session and its inputs stay)."""
    href = "/" if url_path == "overview" else f"/{url_path}"
    if page.evaluate("() => location.pathname") == href:
        return
    open_sidebar(page)
    page.locator(f'[data-testid="stSidebarNav"] a[href$="{href}"]').first.click()
    page.wait_for_function("(p) => location.pathname === p", arg=href)
    settle(page)


def load_demo(page, name: str) -> None:
    """The page's synthetic portfolio (the what-ifs page takes the batch page's when one is loaded)."""
    button = page.locator(key_css(DEMO_BUTTON[name]) + " button:visible")
    if button.count():
        button.first.click()
        settle(page, timeout=120)


def check(page, where: str, found: dict[str, list[dict]]) -> None:
    violations = axe_violations(page)
    html_lang = page.evaluate("() => document.documentElement.lang")
    wanted = {"zh": "zh-CN", "en": "en"}[page.a11y_state.split()[1]]
    if html_lang != wanted:  # WCAG 3.1.1: the page says its language (Streamlit's own page says "en")
        violations.append({"id": "page-language", "impact": "serious",
                           "help": f"<html lang> is {html_lang!r}, not {wanted!r}",
                           "nodes": [{"target": "html", "summary": "", "html": ""}]})
    if violations:
        found[where] = violations
    if os.environ.get("A11Y_COUNTS"):  # a record of the counts per page (issue 20's before/after figures)
        with open(os.environ["A11Y_COUNTS"], "a", encoding="utf-8") as out:
            out.write(json.dumps({"page": where, "state": page.a11y_state, "count": count(violations),
                                  "rules": sorted({v["id"] for v in violations})}, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("loaded", ["empty", "example"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_wcag_violation_on_any_page(new_context, app_server, viewport, lang, loaded):
    ctx = new_context(viewport=VIEWPORTS[viewport])
    page = ctx.new_page()
    page.a11y_state = f"{viewport} {lang} {loaded}"
    open_app(page, app_server.url)
    phone = viewport == "phone"
    if lang == "en":
        open_sidebar(page)
        set_language(page, LANGUAGE["en"])
    if loaded == "example":
        if phone:
            close_sidebar(page)
        page.locator(EXAMPLE_BUTTON + ":visible").first.click()
        settle(page)
    found: dict[str, list[dict]] = {}
    for name in PAGES:
        go(page, name)
        if name in DEMO_BUTTON and loaded == "example":
            if phone:
                close_sidebar(page)
            load_demo(page, name)
            page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=30_000)  # the portfolio's charts
        if phone:
            open_sidebar(page)
            check(page, f"{name} (sidebar open)", found)
            close_sidebar(page)
        check(page, name, found)
    assert not found, "\n".join(f"[{viewport} {lang} {loaded}] {where}:\n{describe(v)}" for where, v in found.items())


# What follows each chart: (its accessible name, the sentence under it, the expander's label, the table's
# header and first row). Every chart is drawn by ui/components.show_chart, which adds the text equivalent.
CHART_TEXT_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(chart => {
  let box = chart;
  while (box.parentElement && !box.nextElementSibling) box = box.parentElement;
  const after = [];
  for (let el = box.nextElementSibling; el && after.length < 2; el = el.nextElementSibling) after.push(el);
  const sentence = after[0] && after[0].querySelector('[data-testid="stMarkdownContainer"]');
  const expander = after[1] && after[1].querySelector('[data-testid="stExpander"]');
  const table = expander && expander.querySelector('[data-testid="stTable"] table');
  return {
    role: chart.getAttribute('role'), name: chart.getAttribute('aria-label') || '',
    // a title wrapped for a phone is one tspan a line: read them as words, one space between
    title: [...chart.querySelectorAll('.gtitle')].map(g => {
      const lines = [...g.querySelectorAll('tspan.line')];
      return lines.length ? lines.map(l => l.textContent).join(' ') : g.textContent;
    })[0] || '',
    sentence: sentence ? sentence.innerText : '',
    label: expander ? expander.querySelector('summary').innerText : '',
    header: table ? [...table.querySelectorAll('thead th')].map(th => th.innerText) : [],
    rows: table ? table.querySelectorAll('tbody tr').length : 0,
  };
})"""

# The pages with charts, each with an example that draws them (the drama studio fills articles 2 and 3,
# the park operator article 1, the technology firm articles 4 and 5 with their what-if curves).
CHART_PAGES = [("drama_studio.json", ["overview", "projects", "results"]),
               ("park_operator.json", ["carriers"]),
               ("tech_firm.json", ["technology"]),
               ("venue_operator.json", ["venues"])]


NO_CHANGE = {"zh": "没有企业的测算结果改变", "en": "No enterprise's result changes"}  # reform.figures.no_change


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_a_text_equivalent(new_context, app_server, lang):
    page = new_context(viewport=VIEWPORTS["desktop"]).new_page()
    open_app(page, app_server.url)
    if lang == "en":
        set_language(page, LANGUAGE["en"])
    in_words = {"zh": "图表说明：", "en": "In words:"}[lang]
    table_word = {"zh": "数据表：", "en": "Data table: "}[lang]
    seen = 0
    for example, pages in CHART_PAGES:
        go(page, "overview")
        page.locator(key_css("clear_all") + " button").click()  # the overview offers the examples when empty
        settle(page)
        page.locator(key_css(f"try_{example}") + " button:visible").first.click()
        settle(page)
        for name in pages:
            go(page, name)
            page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=20_000)
            charts = page.evaluate(CHART_TEXT_JS)
            assert charts, f"{name}: the {example} example draws at least one chart"
            for chart in charts:
                where = f"{name}, chart {chart['title']!r}"
                assert chart["role"] == "figure" and chart["name"] == chart["title"].strip(), where
                assert chart["sentence"].startswith(in_words) and len(chart["sentence"]) > len(in_words) + 8, where
                assert chart["label"].strip().endswith(table_word + chart["name"]), where  # after the icon
                assert len(chart["header"]) >= 2 and chart["rows"] >= 1, where
            seen += len(charts)
    for name, at_least in (("batch", 3), ("whatifs", 2)):  # the demo portfolios' charts
        go(page, name)
        load_demo(page, name)
        page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=30_000)
        charts = page.evaluate(CHART_TEXT_JS)
        assert len(charts) >= at_least, f"the demo portfolio's charts on {name}"
        for chart in charts:
            assert chart["name"] and chart["sentence"].startswith(in_words), chart
            if chart["rows"] == 0:  # before any change: the chart's own note in words, and no empty table
                assert name == "whatifs" and chart["label"] == "", chart
                assert chart["sentence"] == f"{in_words} {NO_CHANGE[lang]}", chart
        assert any(chart["rows"] >= 1 for chart in charts), charts
    assert seen >= 8


# Browser zoom at 200% on a 1440×900 screen lays the page out in 720×450 CSS pixels, each drawn twice
# as large: the same as this viewport with a device scale factor of 2.
ZOOM_200 = {"viewport": {"width": 720, "height": 450}, "device_scale_factor": 2}

# What sticks out of the page to the right (cut off, or only reached by scrolling sideways): every
# element wider than the page's body except inside a table grid, which scrolls on its own (WCAG 1.4.10).
OVERFLOW_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const right = main.getBoundingClientRect().right + 1;
  const out = [];
  for (const el of main.querySelectorAll('p, h1, h2, h3, li, button, input, label, [data-testid="stMetricValue"]')) {
    if (el.closest('[data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stPlotlyChart"]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && r.right > right) out.push(el.tagName + ': ' + (el.innerText || el.value || '').slice(0, 40));
  }
  return {sideways: main.scrollWidth > main.clientWidth + 1, out: out.slice(0, 10)};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_at_200_percent_zoom_keeps_content_and_function(new_context, app_server, lang):
    page = new_context(**ZOOM_200).new_page()
    open_app(page, app_server.url)
    if lang == "en":
        open_sidebar(page)
        set_language(page, LANGUAGE["en"])
    close_sidebar(page)
    page.locator(EXAMPLE_BUTTON + ":visible").first.click()  # load an example: the button is reachable
    settle(page)
    for name in ("overview", "projects", "results"):
        go(page, name)
        close_sidebar(page)
        found = page.evaluate(OVERFLOW_JS)
        assert not found["sideways"] and not found["out"], f"{name} at 200%: {found}"
        assert page.locator('[data-testid="stMain"] h1').first.is_visible()
    # the results page still works: its report downloads
    button = page.locator(key_css("download_json") + " button")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename.endswith(".json")
    # and the sidebar opens, whole, with the total and the switches in reach
    open_sidebar(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator('[data-testid="stMetricValue"]').first.is_visible()
    assert page.evaluate("() => { const s = document.querySelector('[data-testid=stSidebarContent]');"
                         " return s.scrollWidth <= s.clientWidth + 1; }"), "the sidebar scrolls sideways"
