"""政策调整模拟 in a real Chromium: the synthetic demo in one click, a cap raised, the portfolio total changes.

The expected totals come from the engine itself (calculators.assess with the reformed parameters, one
enterprise at a time), not from the page's comparison code.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from browser_helpers import key_css, main_shows, main_text, nav, no_traceback, open_app, settle

import batch
from batch.demo import demo_workbook
from calculators import assess, validate_profile
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


GOOD = "article1_carrier:\n  support_rate: {values: {2026-03-14: '0.25'}, note: 比例提高}\n  cap_yuan: 5000000\n"
BAD = "article1_carrier:\n  support_rate: 1.5\n  cap_yuan: -1\n"


def _upload(page, name: str, text: str) -> None:
    page.locator('[class*="st-key-wi_upload_"] input[type="file"]').set_input_files(
        [{"name": name, "mimeType": "application/x-yaml", "buffer": text.encode("utf-8")}])
    settle(page)


def test_a_what_if_file_uploaded_sets_the_parameters_and_downloads_again(page, app_server):
    """The park operator: 12,000,000 x 20% = 2,400,000 today; x 25% = 3,000,000 (cap raised to 5,000,000)."""
    from browser_helpers import choose_example

    from calculators.reform import reform_from_yaml

    open_app(page, app_server.url)
    choose_example(page, "产业园运营方（第1条）")
    nav(page, "whatifs")
    _upload(page, "bad.yaml", BAD)
    text = main_shows(page, "调整文件有误，未载入")
    assert "调整文件有误，未载入" in text and "比例应为 0 到 1" in text and "金额应为不小于 0" in text
    assert metric_values(page)[:2] == ["240.00 万元"] * 2
    no_traceback(page)

    page.locator(key_css("wi_reset")).locator("button").click()  # a fresh uploader for the next file
    settle(page)
    _upload(page, "good.yaml", GOOD)
    assert "已载入调整文件：2 项调整" in main_shows(page, "已载入调整文件")
    assert metric_values(page)[:2] == ["240.00 万元", "300.00 万元"]
    with page.expect_download() as info:
        page.locator(key_css("wi_yaml")).locator("button").click()
    downloaded = info.value.path().read_bytes()
    again, problems = reform_from_yaml(downloaded)
    assert not problems
    assert {c.key: c.value for c in again.changes} == {"article1_carrier.support_rate": Decimal("0.25"),
                                                        "article1_carrier.cap_yuan": Decimal(5_000_000)}
    no_traceback(page)
    assert page.requests.foreign() == []
