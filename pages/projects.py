"""优质项目 (第2、3条): one row per work; each work's items 2.1–3.2 with status, ceiling and charts."""

import streamlit as st

from ui import tables
from ui.i18n import t
from ui.table_page import table_page

table_page("projects", ("2.1", "2.2", "2.3", "3.1", "3.2"), tables.PROJECTS, strict_note=True)
st.caption(t("sections.results.other_district"))  # the policy's, not the work's: drawn on a full run only
