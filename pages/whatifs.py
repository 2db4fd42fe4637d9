"""政策调整模拟 Policy what-ifs: change any parameter, see the sidebar's enterprise and a portfolio before and after.

Thin: the widgets make a reform (ui/whatifs.py), one engine call per enterprise it can reach
(calculators/reform.py), tables and Plotly charts out. Nothing is written anywhere; the reform is this
session's input, never a change to the policy's parameters.
"""

import streamlit as st

from ui import components
from ui import whatifs as view
from ui.fmt import md
from ui.i18n import t

st.title(t("whatifs.title"))
st.markdown(t("whatifs.intro"))
st.caption(":material/lock: " + t("whatifs.privacy"))

st.header(t("whatifs.parameters"))
view.editor()
reform, problems = view.current_reform()
if problems:
    sep = "：" if view.lang() == "zh" else ": "
    st.error(t("whatifs.problems") + "\n" + "\n".join(f"- {md(p.label)}{sep}{md(p.message)}" for p in problems),
             icon=":material/error:")
if reform is None or reform.empty:
    components.note(t("whatifs.no_changes"))
if reform is not None:
    view.download_reform(reform)

view.enterprise_part()
view.portfolio_part(reform if reform is not None else view.Reform())

st.divider()
st.markdown(f"**{t('whatifs.disclaimer')}**")
