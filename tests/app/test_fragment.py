"""The section pages' bodies are fragments (ui/fragment.py); the sidebar leaves its total and share link to them.

AppTest runs the whole app every time, so these check the wiring: the pages that run a fragment are
exactly the ones app.py tells the sidebar about, and on every page the sidebar shows the total once,
the engine's figure, with the share link when it is on. Every other page runs whole on every change,
sidebar first: what a sidebar change does to it is here too. A fragment's own rerun is checked in a
real browser (tests/browser/test_flows_browser.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import engine, example, sidebar_total, total_text

from tests.app.conftest import new_app
from ui import fragment, share

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


def test_the_fragment_pages_are_the_pages_that_run_a_section_body(monkeypatch):
    """Run every page and record which ones hand their body to ``section_body``: exactly fragment.PAGES."""
    calls = []
    real = fragment.section_body

    def recording(body):
        calls.append(body.__module__)
        real(body)

    monkeypatch.setattr(fragment, "section_body", recording)
    at = new_app()
    at.run()
    called = set()
    for page in PAGES:
        calls.clear()
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        if calls:
            called.add(page)
    assert called == set(fragment.PAGES) == {"carriers", "projects", "technology", "venues", "talent"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("file", ["park_operator.json", "drama_studio.json"])
def test_every_page_shows_the_total_once_and_the_link_when_on(page, file):
    at = new_app()
    at.run()
    at.sidebar.selectbox(key="example_choice").select(file).run()
    at.sidebar.toggle(key="share_on").set_value(True).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    want = total_text(engine(example(file)).total_ceiling_yuan)
    labels = [m.label for m in at.sidebar.metric]
    assert labels.count(labels[0]) == 1 and sidebar_total(at) == want, (page, labels)
    codes = [c.value for c in at.sidebar.code]
    assert len(codes) == 1, page
    restored, problems = share.decode(codes[0].split("?p=", 1)[1], "zh")
    assert not problems and restored.enterprise.name == example(file)["enterprise"]["name"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_gets_its_sidebar_and_it_follows_an_example(page):
    """With nothing entered and after an example, the sidebar is there with the engine's total."""
    at = new_app()
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert at.sidebar.text_input(key="w:enterprise.name").value == "本企业"  # the default name
    at.sidebar.selectbox(key="example_choice").select("drama_studio.json").run()
    assert not at.exception
    assert at.sidebar.text_input(key="w:enterprise.name").value == "春申短剧影业有限公司"
    assert sidebar_total(at) == total_text(8_140_000)  # the drama studio's total: 814.00 万元


@pytest.mark.parametrize("page", ["overview", "results"])
def test_the_page_follows_a_sidebar_change_and_draws_its_figures_once(page):
    """The page's figures follow the sidebar: once, with the engine's figures, and again after a gate
    change (the run that follows it shows the new figures, in the page and in the sidebar)."""
    at = new_app()
    at.run()
    at.sidebar.selectbox(key="example_choice").select("drama_studio.json").run()
    at.switch_page(f"pages/{page}.py").run()
    want = total_text(engine(example("drama_studio.json")).total_ceiling_yuan)
    main = [m.value for m in at.main.metric]
    assert main[0] == want and len(main) == 3, main
    at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("no").run()
    assert not at.exception
    main = [m.value for m in at.main.metric]
    assert main[0] == total_text(0) and len(main) == 3, main
    assert sidebar_total(at) == total_text(0)


def test_a_page_that_fails_still_gets_its_sidebar(monkeypatch):
    """A page that raises: the guard's message, and the sidebar all there."""
    from ui import glance

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(glance, "offer_text", broken)
    at = new_app()
    at.run()
    at.sidebar.selectbox(key="example_choice").select("park_operator.json").run()
    assert [e.value for e in at.main.error]  # the page's guard spoke
    assert sidebar_total(at) == total_text(engine(example("park_operator.json")).total_ceiling_yuan)
    assert at.sidebar.text_input(key="w:enterprise.name").value == example("park_operator.json")["enterprise"]["name"]
