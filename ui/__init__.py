"""Streamlit display helpers of 闵行微短剧政策测算器 (the only package besides pages that imports streamlit).

- ``ui.i18n``: ``t(key, **fmt)``, the interface strings of content/i18n/ui*.yaml
- ``ui.state``: the profile in session_state, widget binding, ``get_assessment()``
- ``ui.inputs``: bound inputs with units, clause help and per-field messages
- ``ui.components``: badges, result cards, threshold bars, cap and what-if charts
- ``ui.theme``: colours and chart layout; ``ui.fmt``: 万元, yuan and dates
- ``ui.sidebar``: the shared sidebar; ``ui.share``: the share link
"""

from workarounds import navigation_only

# Every page imports ui: on a process's first request straight to a page URL under a bare
# `streamlit run app.py`, this brings app.py's frame back (workarounds.py, 1.).
navigation_only()
