"""A table edit as a person sees it: Enter in a cell until the page's total shows the new value, in
headless Chromium, next to a bare Streamlit page (issue 16's speed budget).

The app: the technology page with the 科技企业 example (chosen in the sidebar, as a person does), the
first platform's 投资额 cell typed alternately 3,000,000 and 2,000,000 (item 4.1's ceiling moves, so the
page total moves: 575.00 ↔ 545.00 万元, the engine's figures, checked on every edit).
The bare page, on its own server with the app's .streamlit configuration: one st.data_editor, a total
(st.metric of the edited column's sum) and one Plotly chart of the same column; its cell is typed the
same way. Edits alternate app, bare, app, bare... in one run, so both see the same load.

What is timed happens in the page, not in Playwright: a keydown listener (capture phase) notes
performance.now() when Enter goes down, and a MutationObserver notes when the total's text first
equals the expected value. Typing, clicks and the waits for the grid are outside the timed span.

    .venv/bin/python bench/browser_edit.py              # 20 edits each after 3 warm-up edits
    .venv/bin/python bench/browser_edit.py --runs 40

Budget (issue 16): the app's median ≤ 2.0 × the bare page's (exit status 1 when over).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculators import assess, validate_profile  # noqa: E402
from calculators.explain import wan  # noqa: E402
from tests.browser.browser_helpers import choose_example, nav, open_app, settle  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, StreamlitServer, chromium_path  # noqa: E402

BUDGET = 2.0
EXAMPLE = ("tech_firm.json", "科技企业（第4、5条）")
ITEMS = ("4.1", "4.2", "5")  # pages/technology.py
COLUMN = 5  # tech_platforms: name, year, national, municipal, recognised_on, investment_yuan
VALUES = ("3000000", "2000000")
MAIN_TOTAL = '[data-testid="stMain"] [data-testid="stMetricValue"]'

BARE_APP = '''\
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("bare")
if "frame" not in st.session_state:
    st.session_state.frame = pd.DataFrame({"name": ["a", "b", "c"], "amount": [5000000, 9000000, 3000000]})
edited = st.data_editor(st.session_state.frame, key="table", num_rows="dynamic", hide_index=True)
total = int(edited["amount"].fillna(0).sum())
st.metric("total", f"{total:,}")
st.plotly_chart(go.Figure(go.Bar(x=edited["name"], y=edited["amount"])))
'''

# Armed before Enter: records Enter's time and the moment the total first reads `want`.
ARM_JS = """([selector, want]) => {
  const w = window;
  w.__edit = {down: null, shown: null};
  if (w.__editObserver) w.__editObserver.disconnect();
  const check = () => {
    if (w.__edit.down === null || w.__edit.shown !== null) return;
    const el = document.querySelector(selector);
    if (el && el.innerText.trim() === want) w.__edit.shown = performance.now();
  };
  w.__editObserver = new MutationObserver(check);
  w.__editObserver.observe(document.body, {subtree: true, childList: true, characterData: true});
  if (!w.__editKey) {
    w.__editKey = true;
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && w.__edit && w.__edit.down === null) w.__edit.down = performance.now();
    }, true);
  }
}"""
DONE_JS = "() => window.__edit && window.__edit.shown !== null"
ELAPSED_JS = "() => window.__edit.shown - window.__edit.down"


def app_total(profile: dict, value: str) -> str:
    """The technology page's total (万元) with the first platform's investment set to ``value``, from the
    engine, as ui/section_charts.page_total counts it."""
    changed = copy.deepcopy(profile)
    changed["tech_platforms"][0]["investment_yuan"] = int(value)
    model, problems = validate_profile(changed, "zh")
    if problems:
        raise SystemExit(f"the example no longer validates: {problems}")
    a = assess(model, "zh")
    return f"{wan(sum(t.total_yuan for t in a.item_totals if t.item in ITEMS))} 万元"


def bare_total(value: str) -> str:
    return f"{int(value) + 9000000 + 3000000:,}"


def edit(page, column: int, value: str, want: str, timeout: float) -> float:
    """Type ``value`` into row 0's cell ``column`` of the first table, press Enter, and return the
    seconds from Enter to the total reading ``want``."""
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    grid.locator("canvas").first.wait_for(state="visible")
    page.wait_for_timeout(800)  # the grid draws its cells after the run has settled
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)  # row 0, first column (no index column)
    page.wait_for_timeout(300)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.type(value, delay=20)
    page.wait_for_timeout(300)
    page.evaluate(ARM_JS, [MAIN_TOTAL, want])
    page.keyboard.press("Enter")
    page.wait_for_function(DONE_JS, timeout=timeout * 1000, polling=50)
    elapsed = page.evaluate(ELAPSED_JS) / 1000
    settle(page)
    return elapsed


def edit_checked(page, column: int, value: str, want: str, timeout: float) -> float:
    """:func:`edit`, tried again when a click missed the cell (the grid was still drawing)."""
    for attempt in range(3):
        try:
            return edit(page, column, value, want, timeout)
        except Exception:
            if attempt == 2:
                shown = page.locator(MAIN_TOTAL).first.inner_text().strip()
                raise SystemExit(f"the total never read {want!r} (it reads {shown!r})") from None
            page.keyboard.press("Escape")
            settle(page)
    raise AssertionError  # unreachable


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:7.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30, help="seconds an edit may take before it fails")
    args = parser.parse_args(argv)
    exe = chromium_path()
    if not exe:
        raise SystemExit("Chromium is missing: `make browser` (as root) or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    profile = json.loads((ROOT / "content" / "examples" / EXAMPLE[0]).read_text(encoding="utf-8"))
    wants = {v: app_total(profile, v) for v in VALUES}
    if len(set(wants.values())) != len(VALUES):
        raise SystemExit(f"the values must give different totals: {wants}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  edits each: {args.runs}"
          f" (+{args.warmup} warm-up)  app totals: {' / '.join(wants.values())}", flush=True)
    app_t: list[float] = []
    bare_t: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        bare_dir = Path(tmp)
        shutil.copytree(ROOT / ".streamlit", bare_dir / ".streamlit")
        (bare_dir / "app.py").write_text(BARE_APP, encoding="utf-8")
        with StreamlitServer() as app, StreamlitServer(cwd=bare_dir) as bare, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
            try:
                viewport = {"width": 1440, "height": 900}
                app_page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
                bare_page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
                open_app(app_page, app.url)
                choose_example(app_page, EXAMPLE[1])
                nav(app_page, "technology")
                open_app(bare_page, bare.url)
                for k in range(args.warmup + args.runs):
                    value = VALUES[k % 2]
                    t_app = edit_checked(app_page, COLUMN, value, wants[value], args.timeout)
                    t_bare = edit_checked(bare_page, 1, value, bare_total(value), args.timeout)
                    if k >= args.warmup:
                        app_t.append(t_app)
                        bare_t.append(t_bare)
                        print(f"  edit {k - args.warmup + 1:3d}: app {t_app * 1000:7.1f} ms  bare {t_bare * 1000:7.1f} ms",
                              flush=True)
            finally:
                browser.close()
    ratio = statistics.median(app_t) / statistics.median(bare_t)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'':12} {'median ms':>9} {'min ms':>7} {'max ms':>7}")
    for name, xs in (("technology", app_t), ("bare", bare_t)):
        print(f"{name:12} {ms(xs):>9} {min(xs) * 1000:7.1f} {max(xs) * 1000:7.1f}")
    over = ratio > BUDGET
    print(f"ratio {ratio:.2f} (budget ≤ {BUDGET:.1f}){'  <- over budget' if over else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
