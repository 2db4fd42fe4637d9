"""闵行微短剧政策测算器: the Streamlit frame (pages come in pages/)."""

import datetime as dt

import streamlit as st

from calculators.content import parameters_on

p = parameters_on(dt.date.today())
st.set_page_config(page_title="闵行微短剧政策测算器", page_icon="🎬", layout="wide")
st.title("闵行微短剧政策测算器")
st.caption(f"{p.get('general', 'title')}（{p.get('general', 'document_number')}）")
