"""The section pages' bodies are fragments (ui/fragment.py); the sidebar leaves its total and share link to them.

AppTest runs the whole app every time, so these check the wiring: the pages that run a fragment are
exactly the ones app.py tells the sidebar about, and on every page the sidebar shows the total once,
the engine's figure, with the share link when it is on. A fragment's own rerun is checked in a real
browser (tests/browser/test_flows_browser.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import engine, example, sidebar_total, total_text

from tests.app.conftest import new_app
from ui import fragment, share

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


def test_the_fragment_pages_are_the_pages_that_run_a_section_body():
    calling = {stem for stem in PAGES if re.search(r"^section_body\(", (ROOT / "pages" / f"{stem}.py").read_text(
        encoding="utf-8"), re.MULTILINE)}
    assert calling == set(fragment.PAGES) == {"carriers", "projects", "technology", "venues", "talent"}


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
