"""闵行微短剧政策测算器: the frame around every page.

Page config, the navigation (Chinese titles, ASCII url paths, icons from Streamlit's bundled Material Symbols font (nothing from the internet; emoji need a client emoji font)), the shared sidebar,
then the chosen page, run inside a guard that turns any unexpected error into one short message.
Pages whose file is not there yet are left out of the navigation (several helpers build them).
"""

import gc
import logging
import sys
from pathlib import Path

import streamlit as st

from launch import pin_server_addresses
from ui import fragment, sidebar, theme
from ui.components import NAV_PAGES_KEY
from ui.i18n import lang, t
from workarounds import keep_uploads_in_memory

HERE = Path(__file__).resolve().parent

# When a page from a foreign origin asks for a session, Streamlit looks up this machine's addresses to
# decide (a UDP connect to 8.8.8.8 and an HTTP request to checkip.amazonaws.com). `make run` starts
# the server through launch.py, which answers them with loopback before the first request; this covers
# a bare `streamlit run app.py` from its first session on (tests/security/test_network.py).
pin_server_addresses()

# Starlette spools an uploaded file over 1 MB to a temporary file on disk before Streamlit reads it all
# into memory anyway: keep uploads (enterprise data) in memory; server.maxUploadSize bounds them.
keep_uploads_in_memory()

# (file, url_path, icon, title key); the first is the default page.
PAGES = [
    ("pages/overview.py", "overview", ":material/home:", "nav.overview"),
    ("pages/carriers.py", "carriers", ":material/apartment:", "nav.carriers"),
    ("pages/projects.py", "projects", ":material/movie:", "nav.projects"),
    ("pages/technology.py", "technology", ":material/memory:", "nav.technology"),
    ("pages/venues.py", "venues", ":material/attractions:", "nav.venues"),
    ("pages/talent.py", "talent", ":material/school:", "nav.talent"),
    ("pages/results.py", "results", ":material/analytics:", "nav.results"),
    ("pages/batch.py", "batch", ":material/table_view:", "nav.batch"),
    ("pages/policy.py", "policy", ":material/gavel:", "nav.policy"),
    ("pages/whatifs.py", "whatifs", ":material/tune:", "nav.whatifs"),
]

# With Streamlit, pandas, Plotly and pydantic loaded, a full garbage collection walks every long-lived
# object with the GIL held, long enough for a person to see (bench/README.md, "Figures out of the
# code"). Streamlit's own collection after every script run (runner.postScriptGC) is off in
# .streamlit/config.toml; Python's generational collector still runs full collections now and then.
# So, at the start of a run, when modules were imported since the last time (the first runs of a
# process, a first visit to a page), move every object alive into the permanent generation (gc.freeze,
# which costs nothing): later collections walk only what the sessions create. Garbage not yet collected
# at that moment is frozen too and never freed: what one run left, a few times per process (only when
# the module count changes). Nothing is written anywhere.
@st.cache_resource(show_spinner=False)
def _gc_seen() -> dict[str, int]:
    return {"modules": 0}


def _freeze_new_modules() -> None:
    seen = _gc_seen()
    if len(sys.modules) != seen["modules"]:
        gc.freeze()
        seen["modules"] = len(sys.modules)


_freeze_new_modules()

# The sidebar: "auto" (shown on a laptop, closed on a phone, where it would cover three quarters of the
# screen), 336 px wide so the running total "1,234.56 ×10k yuan" is whole at the theme's metric size.
SIDEBAR_WIDTH = 336
st.set_page_config(page_title=t("app.title"), page_icon="🎬", layout="wide", initial_sidebar_state=SIDEBAR_WIDTH)
st.html(theme.app_styles())  # the app's own styles (ui/app.css): a focus ring keyboard users can see


def _pages() -> list:
    """The navigation's pages, built once per session and language (st.Page resolves the file and
    checks the icon on every call). Kept in the session, not shared: st.navigation
    marks the page it returns as callable, per run."""
    cached = st.session_state.get(NAV_PAGES_KEY)
    if cached is not None and cached[0] == lang():
        return cached[1]
    built = [
        st.Page(file, title=t(title), icon=icon, url_path=url, default=(url == "overview"))
        for file, url, icon, title in PAGES
        if (HERE / file).is_file()
    ]
    st.session_state[NAV_PAGES_KEY] = (lang(), built)
    return built


page = st.navigation(_pages())

# The section pages run their inputs and results as a fragment (ui/fragment.py) that draws the
# sidebar's running total and share link itself, so a change on the page reruns only the page. Every
# other change reruns the whole app: the sidebar first, then the page.
url = page.url_path or PAGES[0][1]  # Streamlit gives the default page the url path ""
live_in_page = url in fragment.PAGES

try:
    sidebar.prepare()
    sidebar.render(live_in_page=live_in_page)
except Exception:  # the sidebar must never take the page down with it
    logging.getLogger(__name__).exception("sidebar failed")
    st.sidebar.error(t("app.sidebar_error"))

try:
    page.run()
except Exception:
    logging.getLogger(__name__).exception("page %s failed", page.url_path)
    st.error(t("app.page_error"), icon=":material/warning:")
finally:
    if live_in_page and not sidebar.live_drawn():  # the page failed before its fragment drew them
        sidebar.draw_live_guarded()

# The page's language for screen readers and the browser (WCAG 3.1.1): Streamlit serves every page as
# <html lang="en">, so a Chinese page was read with English pronunciation. Last in the sidebar, where
# the element's gap is not seen; the script runs again when the language changes (its text changes).
st.sidebar.html(theme.page_language(lang()), unsafe_allow_javascript=True)
