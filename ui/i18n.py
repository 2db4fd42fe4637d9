"""Interface text in the user's language: ``t("sidebar.language")``.

Strings live in ``content/i18n/ui*.yaml`` (every key has ``zh`` and ``en``; keys are unique across
files; each app helper owns its own ``ui_<name>.yaml``). Nested mappings are flattened into dotted
keys, so ``sidebar: {language: {zh: 语言, en: Language}}`` is ``t("sidebar.language")``.
The language is ``st.session_state["lang"]`` (``"zh"`` by default).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

I18N_DIR = Path(__file__).resolve().parent.parent / "content" / "i18n"
LANGS = ("zh", "en")
# libyaml's safe loader when installed: same values, about five times faster (tests/engine/test_loader.py)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _is_leaf(node: Any) -> bool:
    return isinstance(node, dict) and set(node) <= set(LANGS) and bool(node)


def _flatten(node: Any, prefix: str, out: dict[str, dict[str, str]], source: str) -> None:
    if _is_leaf(node):
        out[prefix] = {**node, "_file": source}
        return
    if not isinstance(node, dict):
        raise ValueError(f"{source}: {prefix} is neither a mapping nor a {{zh, en}} string")
    for key, child in node.items():
        _flatten(child, f"{prefix}.{key}" if prefix else str(key), out, source)


def ui_files() -> list[Path]:
    """Return every interface string file (``ui.yaml``, ``ui_<helper>.yaml``)."""
    return sorted(I18N_DIR.glob("ui*.yaml"))


@cache
def load_strings_per_file() -> dict[str, dict[str, dict[str, str]]]:
    """Return the flattened strings of each ui*.yaml file, keyed by file name (for tests)."""
    per_file: dict[str, dict[str, dict[str, str]]] = {}
    for path in ui_files():
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_SafeLoader) or {}  # noqa: S506 - a safe loader
        flat: dict[str, dict[str, str]] = {}
        _flatten(data, "", flat, path.name)
        per_file[path.name] = flat
    return per_file


@cache
def strings() -> dict[str, dict[str, str]]:
    """Return every key of every ui*.yaml file merged (first file wins on a duplicate key)."""
    merged: dict[str, dict[str, str]] = {}
    for flat in load_strings_per_file().values():
        for key, entry in flat.items():
            merged.setdefault(key, entry)
    return merged


def lang() -> str:
    """Return the current language, ``"zh"`` unless the user chose English (read from session state on
    every call; bench/README.md, "browser_edit", for what that costs a table edit)."""
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, **fmt: Any) -> str:
    """Return the string ``key`` in the current language, with ``fmt`` filled in.

    A missing key shows as the key itself (never a crash); the bilingual test catches it.
    """
    entry = strings().get(key)
    if entry is None:
        return key
    text = entry.get(lang()) or entry.get("zh") or key
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in strings()
