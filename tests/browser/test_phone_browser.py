"""A phone (390×844) and a narrow desktop window: nothing a person must read runs off the screen (issue 17).

Plotly never wraps a chart's title: a long one ran past the chart's right edge, cut, on a phone. Every
chart of every page that draws charts (with the example that fills it, in both languages) must hold its
whole title, every line of it, inside its own box.
"""

from __future__ import annotations

import contextlib

import pytest
from browser_helpers import no_traceback, settle
from screenshots import close_sidebar, context_options, go, load_example, set_language

pytestmark = pytest.mark.browser

# the pages with charts and an example that draws them (as tests/browser/test_a11y_browser.py)
CHART_PAGES = [("drama_studio.json", ["overview", "projects", "results"]),
               ("park_operator.json", ["carriers"]),
               ("tech_firm.json", ["technology"]),
               ("venue_operator.json", ["venues"])]

# each chart's box and its title's box (every line), in CSS pixels of the page
TITLES_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(box => {
  const chart = box.getBoundingClientRect();
  const title = box.querySelector('.gtitle');
  const lines = title ? [...title.querySelectorAll('tspan.line')] : [];
  const parts = (lines.length ? lines : title ? [title] : []).map(el => el.getBoundingClientRect());
  return {
    text: title ? title.textContent : '',
    chart: [chart.left, chart.top, chart.right, chart.bottom],
    lines: parts.map(r => [r.left, r.top, r.right, r.bottom]),
  };
})"""


@contextlib.contextmanager
def phone(chromium, app_server, lang: str):
    """A page of the app on a 390×844 phone (its user agent too), in ``lang``, the sidebar closed."""
    ctx = chromium.new_context(**context_options(390, 844))
    try:
        page = ctx.new_page()
        page.goto(app_server.url)
        settle(page)
        if lang == "en":
            set_language(page, "en")
            close_sidebar(page)
        yield page
    finally:
        ctx.close()


def title_problems(page, where: str) -> list[str]:
    problems = []
    for chart in page.evaluate(TITLES_JS):
        left, top, right, bottom = chart["chart"]
        for i, (x0, y0, x1, y1) in enumerate(chart["lines"]):
            # a line's box includes the font's ascent: up to 4 px of it above the chart is blank space
            if x0 < left - 1 or x1 > right + 1 or y0 < top - 4 or y1 > bottom + 1:
                problems.append(f"{where}: title {chart['text']!r} line {i + 1} at x {x0:.0f}-{x1:.0f}, y {y0:.0f}-{y1:.0f} "
                                f"outside its chart's box x {left:.0f}-{right:.0f}, y {top:.0f}-{bottom:.0f}")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_title_fits_its_chart_on_a_phone(chromium, app_server, lang):
    with phone(chromium, app_server, lang) as page:
        problems, seen = [], 0
        for example, pages in CHART_PAGES:
            load_example(page, example, lang)  # in the sidebar, as a user does; closed after
            for name in pages:
                go(page, name)
                close_sidebar(page)
                page.wait_for_selector('[data-testid="stPlotlyChart"] .gtitle', timeout=30_000)
                page.evaluate("document.fonts.ready")
                page.wait_for_timeout(300)
                no_traceback(page)
                seen += page.locator('[data-testid="stPlotlyChart"]').count()
                problems += title_problems(page, f"{lang} {name}")
        assert seen >= 10, f"only {seen} charts drawn"
        assert problems == []


# every read-only table shown in the main area: does it fit the screen, and are its words readable?
TABLES_JS = """(kinds) => [...document.querySelectorAll('[data-testid="stMain"] ' + kinds)]
  .filter(el => el.offsetParent !== null && !el.closest('details:not([open])'))  // not a closed expander's
  .map(el => {
    const box = el.getBoundingClientRect();
    const cut = [el, ...el.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1
      && ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX));
    // how many lines each shown column heading takes (a squeezed column breaks it a character a line)
    const heads = [...el.querySelectorAll('thead th')].filter(th => th.offsetParent !== null)
      .map(th => th.querySelector('p') || th)
      .map(e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight));
    return {kind: el.dataset.testid, right: box.right, cut,
            lines: heads.length ? Math.max(...heads) : null,
            head: heads.length ? el.querySelector('thead th').innerText : ''};
  })"""


def table_problems(page, where: str, kinds: str) -> list[str]:
    problems = []
    for table in page.evaluate(TABLES_JS, kinds):
        name = f"{where} {table['kind']} {table['head']!r}"
        if table["right"] > page.viewport_size["width"] + 1:
            problems.append(f"{name}: runs {table['right'] - page.viewport_size['width']:.0f} px off the screen")
        if table["cut"]:
            problems.append(f"{name}: wider than its box, the rest hidden or behind a scroll a phone does not show")
        if table["lines"] is not None and table["lines"] > 4.5:
            problems.append(f"{name}: a column heading broken over {table['lines']:.1f} lines")
    return problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_results_and_policy_tables_fit_a_phone(chromium, app_server, lang):
    """The results page's tables of every item (9 columns) and of the totals, and the policy's parameter
    table: before, st.dataframe showed 3-4 of their columns on a phone with no sign of the others."""
    with phone(chromium, app_server, lang) as page:
        problems, seen = [], 0
        kinds = '[data-testid="stTable"], [data-testid="stDataFrame"]'  # no data editor on these pages
        for example, name in (("drama_studio.json", "results"), (None, "policy")):
            go(page, name)
            if example:
                load_example(page, example, lang)
            close_sidebar(page)
            page.wait_for_selector('[data-testid="stMain"] :is([data-testid="stTable"] table, '
                                   '[data-testid="stDataFrame"])', timeout=30_000)
            page.wait_for_timeout(500)
            no_traceback(page)
            seen += len(page.evaluate(TABLES_JS, kinds))
            problems += table_problems(page, f"{lang} {name}", kinds)
        assert seen >= 3, f"only {seen} tables shown"
        assert problems == []
