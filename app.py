"""闵行微短剧政策测算器: the frame around every page.

Page config, the navigation (Chinese titles, ASCII url paths, local emoji icons), the shared sidebar,
then the chosen page, run inside a guard that turns any unexpected error into one short message.
Pages whose file is not there yet are left out of the navigation (several helpers build them).
"""

import logging
from pathlib import Path

import streamlit as st

from ui import sidebar
from ui.i18n import t

HERE = Path(__file__).resolve().parent

# (file, url_path, icon, title key); the first is the default page.
PAGES = [
    ("pages/overview.py", "overview", "🏠", "nav.overview"),
    ("pages/carriers.py", "carriers", "🏢", "nav.carriers"),
    ("pages/projects.py", "projects", "🎬", "nav.projects"),
    ("pages/technology.py", "technology", "🤖", "nav.technology"),
    ("pages/venues.py", "venues", "🎡", "nav.venues"),
    ("pages/talent.py", "talent", "🎓", "nav.talent"),
    ("pages/results.py", "results", "📊", "nav.results"),
    ("pages/batch.py", "batch", "🗂️", "nav.batch"),
    ("pages/policy.py", "policy", "📜", "nav.policy"),
]

st.set_page_config(page_title=t("app.title"), page_icon="🎬", layout="wide", initial_sidebar_state="expanded")

pages = [
    st.Page(file, title=t(title), icon=icon, url_path=url, default=(url == "overview"))
    for file, url, icon, title in PAGES
    if (HERE / file).is_file()
]
page = st.navigation(pages)

try:
    sidebar.render()
except Exception:  # the sidebar must never take the page down with it
    logging.getLogger(__name__).exception("sidebar failed")
    st.sidebar.error(t("app.sidebar_error"))

try:
    page.run()
except Exception:
    logging.getLogger(__name__).exception("page %s failed", page.url_path)
    st.error(t("app.page_error"), icon="⚠️")
