"""Screenshots of every page, in both languages, on a laptop and a phone, for a reviewer to look at.

    .venv/bin/python tests/browser/screenshots.py [out/screenshots]      (or: make screenshots)

Starts `streamlit run app.py` on 127.0.0.1, drives Debian's Chromium headless, loads the drama studio
example from the overview (as a first-time user would) and visits each page the way a user does
(the sidebar's navigation; on the phone, opening the sidebar first). Writes full-page PNGs named
``<lang>-<width>x<height>-<page>.png`` into the folder (git-ignored: /out/); nothing else is written.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_helpers import choose_option, key_css, settle  # noqa: E402

from calculators.content import load_yaml  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, StreamlitServer, chromium_path  # noqa: E402

SIZES = ((1440, 900), (390, 844))
# A phone's own user agent: Streamlit closes the sidebar after a page is chosen on a mobile device (it
# reads the user agent), as on a real phone; a narrow desktop window keeps it open.
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36")


def context_options(width: int, height: int) -> dict:
    phone = width < 500
    options = {"viewport": {"width": width, "height": height}, "locale": "zh-CN"}
    if phone:
        options.update(is_mobile=True, has_touch=True, user_agent=PHONE_UA, device_scale_factor=2)
    return options
# each page with the example that fills it (the batch page loads its synthetic portfolio)
PAGES = {"overview": "drama_studio.json", "carriers": "park_operator.json", "projects": "drama_studio.json",
         "technology": "tech_firm.json", "venues": "venue_operator.json", "talent": "tech_firm.json",
         "results": "not_yet_eligible.json", "batch": None, "policy": None, "whatifs": None}


def sidebar_open(page) -> bool:
    return page.locator('[data-testid="stSidebar"][data-collapsed="false"]').count() > 0


def open_sidebar(page) -> None:
    """On a narrow screen the sidebar starts closed: open it with its own button."""
    if sidebar_open(page):
        return
    page.locator('[data-testid="stExpandSidebarButton"]').first.click()
    page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for(timeout=5000)
    page.wait_for_timeout(400)  # the slide-in


def go(page, url_path: str) -> None:
    open_sidebar(page)
    href = "/" if url_path == "overview" else f"/{url_path}"
    page.locator(f'[data-testid="stSidebarNav"] a[href$="{href}"]').first.click()
    page.wait_for_function("(p) => location.pathname === p", arg=href)
    settle(page)


def set_language(page, code: str) -> None:
    open_sidebar(page)
    page.locator(key_css("lang")).get_by_role("radio", name={"zh": "中文", "en": "English"}[code]).click()
    settle(page)


def close_sidebar(page) -> None:
    if sidebar_open(page) and page.viewport_size["width"] < 500:
        page.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
        page.wait_for_timeout(500)


def load_example(page, file: str, lang: str) -> None:
    """Choose the example in the sidebar, as a user does (on the phone: open the sidebar, then close it)."""
    names = {e["file"]: e["name"][lang] for e in load_yaml("examples/index.yaml")}
    open_sidebar(page)
    choose_option(page, "example_choice", names[file])
    close_sidebar(page)


def shoot(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with StreamlitServer() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for lang in ("zh", "en"):
            for width, height in SIZES:
                ctx = browser.new_context(**context_options(width, height))
                page = ctx.new_page()
                page.goto(server.url)
                settle(page)
                if lang != "zh":
                    set_language(page, lang)
                    go(page, "overview")
                loaded = None
                for name, example in PAGES.items():
                    if name != "overview":
                        go(page, name)
                    if example and example != loaded:
                        load_example(page, example, lang)
                        loaded = example
                    if name == "batch":
                        page.locator(key_css("batch_demo")).locator("button:visible").first.click(timeout=120_000)
                        settle(page, timeout=120)
                    close_sidebar(page)
                    page.mouse.move(0, 0)  # no tooltip left open by the last click
                    page.evaluate("document.fonts.ready")
                    # the page scrolls inside Streamlit's main block, not the window: grow the window to
                    # the main block's height for one whole-page picture, then put it back
                    tall = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
                    page.set_viewport_size({"width": width, "height": max(height, min(tall, 16000))})
                    page.wait_for_timeout(600)
                    path = out / f"{lang}-{width}x{height}-{name}.png"
                    page.screenshot(path=str(path))
                    page.set_viewport_size({"width": width, "height": height})
                    written.append(path)
                ctx.close()
        browser.close()
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "out/screenshots")
    for p in shoot(folder):
        print(p)
