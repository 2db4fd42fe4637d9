"""政策调整模拟 in a real Chromium: the synthetic demo in one click, a cap raised, the portfolio total changes.

The expected totals come from the engine itself (calculators.assess with the reformed parameters, one
enterprise at a time), not from the page's comparison code.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from browser_helpers import key_css, main_text, nav, no_traceback, open_app, settle

from calculators import assess, batch, validate_profile
from calculators.batch_demo import demo_workbook
from calculators.content import Parameters
from calculators.explain import wan


def engine_total(as_of: dt.date, overrides=None) -> int:
    book = batch.read_files([("demo.xlsx", demo_workbook(300, as_of=as_of, lang="zh"))], "zh")
    candidates, _problems, _sheets = batch.assemble(book, "zh", as_of, "default")
    params = Parameters(as_of, overrides or {})
    total = 0
    for c in candidates:
        model, problems = validate_profile(c.data, "zh")
        if model is not None:
            total += assess(model, "zh", params=params).total_ceiling_yuan
    return total


def metric_values(page) -> list[str]:
    return [m.inner_text().strip() for m in page.locator('[data-testid="stMain"] [data-testid="stMetricValue"]').all()]


def test_raising_a_cap_changes_the_portfolio_total(page, app_server):
    today = dt.date.today()
    before = engine_total(today)
    after = engine_total(today, {("article2_projects", "platform_cap_yuan"): {dt.date(2026, 3, 14): Decimal(800_000)}})
    assert after > before

    open_app(page, app_server.url)
    nav(page, "whatifs")
    page.locator(key_css("wi_demo")).locator("button").click()
    settle(page)
    no_traceback(page)
    assert "合成示例" in main_text(page)
    assert metric_values(page)[:2] == [f"{wan(before)} 万元"] * 2

    page.locator('[data-testid="stExpander"] summary', has_text="一、第2条").first.click()
    box = page.locator(key_css("wi:article2_projects.platform_cap_yuan")).locator("input")
    box.fill("80")
    started = time.monotonic()
    box.press("Enter")
    want = f"{wan(after)} 万元"
    page.wait_for_function(
        """(want) => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetricValue"]')]
               .some(e => e.innerText.trim() === want)""", arg=want, timeout=30_000)
    seen = time.monotonic() - started
    settle(page)
    no_traceback(page)
    assert metric_values(page)[:2] == [f"{wan(before)} 万元", want]
    print(f"new portfolio figures shown {seen:.2f} s after the change")
    assert not page.page_errors
