"""No traceback ever: an unexpected exception inside a page (or the sidebar) becomes one clear,
localized message; the details stay out of the page; the session and its inputs go on."""

from __future__ import annotations

import pytest
from apptest_helpers import REPO, all_text, errors, go, load_example, new_app, no_traceback

from ui.i18n import strings

SECRET = "boom-internal-detail-5f3a"
PAGES = [p.stem for p in (REPO / "pages").glob("*.py")]
# The pages that draw the assessment say once that their part failed. The example has no carrier, so the
# carriers page asks for no assessment; batch and policy never do.
OWN_PAGE_ERROR = {"overview", "projects", "results", "talent", "technology", "venues", "whatifs"}


def _msg(key: str, lang: str) -> str:
    return strings()[key][lang]


def _boom(*args, **kwargs):
    raise RuntimeError(SECRET)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exception_in_a_page_is_one_message_and_the_session_goes_on(monkeypatch, lang):
    at = new_app(lang)
    load_example(at, "drama_studio.json")
    total_before = at.sidebar.metric[0].value
    name_before = at.text_input(key="w:enterprise.name").value

    import ui.glance

    with monkeypatch.context() as patch:
        patch.setattr(ui.glance, "standing_chart", _boom)  # the overview's chart blows up
        at.run()
        no_traceback(at)
        assert errors(at).count(_msg("app.page_error", lang)) == 1
        assert SECRET not in all_text(at) and "RuntimeError" not in all_text(at)
        assert at.sidebar.metric[0].value == total_before  # the sidebar still works
        assert at.text_input(key="w:enterprise.name").value == name_before

    at.run()
    no_traceback(at)
    assert _msg("app.page_error", lang) not in errors(at)
    assert at.sidebar.metric[0].value == total_before  # inputs kept: same result as before the fault


def test_exception_in_every_page_is_caught(monkeypatch):
    """Break the assessment itself: every page and the sidebar show their own message, never a traceback."""
    at = new_app()
    load_example(at, "drama_studio.json")
    import ui.state

    with monkeypatch.context() as patch:
        patch.setattr(ui.state, "get_assessment", _boom)
        for page in PAGES:
            go(at, page)
            no_traceback(at)
            assert SECRET not in all_text(at), page
            shown = errors(at)
            assert shown.count(_msg("app.sidebar_error", "zh")) == 1, page  # the sidebar's total needs it
            assert shown.count(_msg("app.page_error", "zh")) == (1 if page in OWN_PAGE_ERROR else 0), page
            assert set(shown) <= {_msg("app.sidebar_error", "zh"), _msg("app.page_error", "zh")}, page
    go(at, "projects")
    no_traceback(at)
    assert errors(at) == []
    names = [row for row in all_text(at).split("\n") if "申城寻味记" in row]
    assert names, "the example's works are still there after the faults"
