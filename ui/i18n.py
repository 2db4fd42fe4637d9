"""Interface text in the user's language: ``t("sidebar.language")``.

Strings live in ``content/i18n/ui*.yaml`` (every key has ``zh`` and ``en``; keys are unique across
files; each app helper owns its own ``ui_<name>.yaml``) and are read by the project's one text loader,
:func:`calculators.content.text`, under the ``ui.`` namespace: ``sidebar: {language: {zh: 语言, en:
Language}}`` is ``t("sidebar.language")``, i.e. ``content.text("ui.sidebar.language", lang())``.
The language is ``st.session_state["lang"]`` (``"zh"`` by default).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import streamlit as st

from calculators import content
from calculators.content import LANGS

PREFIX = "ui."  # the interface's namespace in the one text catalogue (calculators.content.texts)


def ui_files() -> list[str]:
    """Every interface string file's name (``ui.yaml``, ``ui_<helper>.yaml``)."""
    return [p.name for p in content.i18n_files() if content.namespace(p) == "ui"]


def load_strings_per_file() -> dict[str, dict[str, dict[str, str]]]:
    """The interface keys of each ui*.yaml file, without the ``ui.`` prefix (for tests)."""
    per_file = content.texts_per_file()
    return {name: {k[len(PREFIX):]: v for k, v in per_file[name].items()} for name in ui_files()}


@cache
def strings() -> dict[str, dict[str, str]]:
    """Every interface key (without the ``ui.`` prefix) and its entry, from the one catalogue."""
    return {k[len(PREFIX):]: v for k, v in content.texts().items() if k.startswith(PREFIX)}


def lang() -> str:
    """Return the current language, ``"zh"`` unless the user chose English (read from session state on
    every call; bench/README.md, "browser_edit", for what that costs a table edit)."""
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, /, **fmt: Any) -> str:
    """The interface string ``key`` in the current language, with ``fmt`` filled in:
    ``content.text("ui." + key, lang())``. A missing key shows as itself (never a crash);
    tests/test_text_catalogue.py lists every missing one."""
    return content.text(PREFIX + key, lang(), **fmt)


def has(key: str) -> bool:
    return PREFIX + key in content.texts()
