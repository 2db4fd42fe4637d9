"""The bare Streamlit page the benches compare the app with: the same widgets (kinds and numbers) and
one Plotly chart, changing one checkbox per rerun. Used by bench/rerun.py (AppTest) and
bench/interact.py (its own server); no imports with side effects, so either can use it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

# How a bare page draws each kind of widget the app page had (one line of Streamlit each).
WIDGET_CODE = {
    "checkbox": "st.checkbox('c{i}', key='w{i}')",
    "toggle": "st.toggle('t{i}', key='w{i}')",
    "text_input": "st.text_input('t{i}', key='w{i}')",
    "text_area": "st.text_area('t{i}', key='w{i}')",
    "number_input": "st.number_input('n{i}', min_value=0, key='w{i}')",
    "date_input": "st.date_input('d{i}', value=datetime.date(2026, 11, 27), key='w{i}')",
    "selectbox": "st.selectbox('s{i}', ['a', 'b', 'c'], key='w{i}')",
    "multiselect": "st.multiselect('m{i}', ['a', 'b', 'c'], key='w{i}')",
    "radio": "st.radio('r{i}', ['a', 'b'], horizontal=True, key='w{i}')",
    "button_group": "st.segmented_control('g{i}', ['a', 'b'], key='w{i}')",
    "button": "st.button('b{i}', key='w{i}')",
    "download_button": "st.download_button('d{i}', data=b'x', key='w{i}', on_click='ignore')",
    "slider": "st.slider('s{i}', 0, 10, key='w{i}')",
    "file_uploader": "st.file_uploader('f{i}', key='w{i}')",
    "arrow_data_frame": "st.data_editor(FRAME, key='w{i}', num_rows='dynamic')",
}


def element_kind(kind: str, el: Any) -> str:
    """The name both benches give an element of the kind ``kind`` (its proto ``el``), as WIDGET_CODE
    and the element counts use it: Streamlit's Arrow element is a data editor when it has an id and a
    read-only table when not; a checkbox drawn as a toggle is a toggle."""
    if kind == "dataframe":
        return "arrow_data_frame" if el.id else "table"
    if kind == "checkbox" and el.type == el.TOGGLE:
        return "toggle"
    return kind


def bare_script(kinds: Counter, *, chart: bool = True) -> str:
    lines = [
        "import datetime",
        "import pandas as pd",
        "import plotly.graph_objects as go",
        "import streamlit as st",
        "FRAME = pd.DataFrame({'a': [1, 2, 3], 'b': ['x', 'y', 'z']})",
        "st.checkbox('change me', key='change')",
    ]
    i = 0
    for kind, n in sorted(kinds.items()):
        if kind in ("plotly_chart", "arrow_vega_lite_chart"):
            continue
        for _ in range(n - (1 if kind == "checkbox" else 0)):
            lines.append(WIDGET_CODE.get(kind, WIDGET_CODE["checkbox"]).format(i=i))
            i += 1
    lines.append("fig = go.Figure(go.Bar(x=['a', 'b', 'c'], y=[1, 3, 2]))")
    if chart:
        lines.append("st.plotly_chart(fig, key='chart')")
    return "\n".join(lines) + "\n"
