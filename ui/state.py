"""The session's inputs: one profile dict, the single source of truth for every page.

API (import as ``from ui import state``):

- ``state.profile() -> dict``: the profile in ``st.session_state["profile"]``, shaped exactly like
  RULES.md §5's profile JSON (dates as ISO strings, whole numbers as int, other decimals as strings).
  Created on first use with ``as_of`` today, the default reading and an enterprise with a placeholder
  name. Nothing is written to disk.
- ``state.get(path, default=None)`` / ``state.set(path, value)``: read or write one value by path,
  ``"carrier.related_enterprises"`` or ``"projects[0].name"`` (the same paths as ``Problem.field``).
  ``set`` creates missing sections and pads lists.
- ``state.section(name, default=None)`` / ``state.set_section(name, value)`` /
  ``state.ensure_section(name, defaults)`` / ``state.drop_section(name)``: a whole section
  (``"carrier"``, ``"projects"`` …). ``ensure_section`` creates it from ``defaults`` when absent.
- ``state.bind(path, default=None, *, to_widget=None, from_widget=None) -> dict``: keyword arguments
  (``key``, ``on_change``, ``args``) that bind a widget to a profile path so its value survives page
  switches: ``st.number_input(label, min_value=0, **state.bind("carrier.total_enterprises", 0))``.
  The widget's key is ``"w:" + path``; it is seeded from the profile whenever Streamlit has dropped it
  (after a page switch) and written back by an ``on_change`` callback, which runs before the next
  script run, so the sidebar total is never one step behind. ``to_widget``/``from_widget`` convert
  between the profile's value and the widget's (e.g. ISO string <-> date). It also gives the widget's
  default (``value=``, or ``index=`` with ``options=``): never pass one yourself.
- ``state.replace_profile(data)``: put a whole new profile in (example, upload, share link) and
  reset every bound widget so it shows the new values. ``state.clear_all()``: start afresh.
- ``state.normalise(profile_model) -> dict``: a validated ``Profile`` as a plain profile dict.
- ``state.get_assessment() -> (Assessment | None, list[Problem])``: validate and assess the profile in
  the current language, at most once per distinct profile (cached in the session). When some fields
  are invalid, the problems are returned and the sections (or list entries) holding them are left out
  of the assessment, so the rest still shows; ``None`` only when the enterprise, date or reading is
  invalid. ``state.problems_for(path)`` returns the problems at or under ``path``;
  ``state.validated_profile()`` the validated ``Profile`` the assessment was made from (for exports).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import streamlit as st

from calculators import Assessment, Problem, Profile, assess, validate_profile

from .i18n import lang, strings, t

PROFILE_KEY = "profile"
WIDGET_PREFIX = "w:"
_CACHE_KEY = "_assessment_cache"
_builtin_set = set  # ``set`` below is the profile writer
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def new_profile() -> dict[str, Any]:
    """Return an empty profile: today, the default reading, an enterprise with a placeholder name."""
    return {
        "as_of": dt.date.today().isoformat(),
        "interpretation": "default",
        "enterprise": {
            "name": t("enterprise.default_name"),
            "registered_in_minhang": None,  # not confirmed until the user says so (RULES.md §6.5)
            "false_materials": False,
            "unrepaired_negative_credit": False,
        },
    }


def profile() -> dict[str, Any]:
    # one session-state lookup, not two: this runs about twenty times a rerun
    data = st.session_state.get(PROFILE_KEY)
    if data is None:
        data = st.session_state[PROFILE_KEY] = new_profile()
    return data


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index in _TOKEN.findall(path):
        parts.append(int(index) if index else name)
    return parts


def get(path: str, default: Any = None) -> Any:
    node: Any = profile()
    for part in _parts(path):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return default
        elif not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def set(path: str, value: Any) -> None:  # noqa: A001 - the natural name beside get()
    parts = _parts(path)
    node: Any = profile()
    for part, nxt in zip(parts, parts[1:], strict=False):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append({} if not isinstance(nxt, int) else [])
            if node[part] is None:
                node[part] = empty
        elif node.get(part) is None:
            node[part] = empty
        node = node[part]
    last = parts[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def as_of() -> dt.date:
    """The profile's assessment date, or today when it is missing or not a date."""
    try:
        return dt.date.fromisoformat(get("as_of") or "")
    except (TypeError, ValueError):
        return dt.date.today()


def reading() -> str:
    """The profile's reading of 就高不重复: "default" or "strict"."""
    value = get("interpretation") or "default"
    return value if value in ("default", "strict") else "default"


def section(name: str, default: Any = None) -> Any:
    return profile().get(name, default)


def set_section(name: str, value: Any) -> None:
    profile()[name] = value


def ensure_section(name: str, defaults: Any) -> Any:
    """Return the section, creating it from a copy of ``defaults`` when it is absent."""
    if profile().get(name) is None:
        profile()[name] = copy.deepcopy(defaults)
    return profile()[name]


def drop_section(name: str) -> None:
    profile().pop(name, None)
    reset_widgets(f"{WIDGET_PREFIX}{name}")


def widget_key(path: str) -> str:
    return WIDGET_PREFIX + path


def _sync(path: str, key: str, from_widget: Any) -> None:
    value = st.session_state.get(key)
    set(path, from_widget(value) if from_widget else value)


def bind(path: str, default: Any = None, *, to_widget: Any = None, from_widget: Any = None,
         options: Sequence[Any] | None = None, limits: tuple[Any, Any] | None = None) -> dict[str, Any]:
    """Return the keyword arguments binding a widget to the profile value at ``path``: ``key``,
    ``on_change``, ``args`` and the widget's own default, which is the value it shows (``index`` into
    ``options`` for a radio or select box, else ``value``; left out when outside ``limits``, the
    widget's min and max, which Streamlit refuses as a default).

    Why the default too: a browser that has not yet taken in this run's values (a click within a
    moment of a page load) falls back to each widget's default and sends that back as the user's
    input; with the default being the profile's own value, what it sends back changes nothing.
    """
    key = widget_key(path)
    if key not in st.session_state:
        value = get(path, default)
        st.session_state[key] = to_widget(value) if to_widget else value
    return {"key": key, "on_change": _sync, "args": (path, key, from_widget),
            **shown_default(key, options=options, limits=limits)}


def shown_default(key: str, *, options: Sequence[Any] | None = None, limits: tuple[Any, Any] | None = None,
                  arg: str = "value") -> dict[str, Any]:
    """The default argument that makes a keyed widget's default its current value (see :func:`bind`):
    ``{"index": i}`` with ``options``, else ``{arg: value}``; ``{}`` when there is none to give."""
    shown = st.session_state.get(key)
    if options is not None:
        return {"index": list(options).index(shown) if shown in options else None}
    if limits is not None:
        try:
            inside = shown is not None and limits[0] <= shown <= limits[1]
        except TypeError:  # a value of another type (a refused upload kept as typed)
            inside = False
        if not inside:
            return {}
    return {arg: shown}


def reset_widgets(prefix: str = WIDGET_PREFIX) -> None:
    """Forget the bound widgets' state so they are seeded again from the profile."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


# Names the app fills in itself, in the user's language, until the user types their own.
DEFAULT_NAMES = {"enterprise.name": "enterprise.default_name", "carrier.name": "carriers.default_name"}


def language_changed() -> None:
    """After a language switch: a name still the placeholder of either language (本企业 / Our enterprise)
    follows the new language; a name the user typed is kept. Then the bound widgets are seeded again
    (a radio keeps its *shown* label, which names no option in the other language)."""
    for path, key in DEFAULT_NAMES.items():
        value = get(path)
        if value is not None and value in strings()[key].values():
            set(path, t(key))
    reset_widgets()


def replace_profile(data: dict[str, Any]) -> None:
    """Put a whole new profile in (an example, a share link, an upload, clearing): every bound widget
    is seeded again from it."""
    st.session_state[PROFILE_KEY] = copy.deepcopy(data)
    reset_widgets()
    st.session_state.pop(_CACHE_KEY, None)


def clear_all() -> None:
    replace_profile(new_profile())


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def normalise(model: Profile) -> dict[str, Any]:
    """Return a validated profile as a plain profile dict (ints, decimal strings, ISO dates)."""
    return _plain(model.model_dump(mode="python", exclude_none=True))


def _drop_bad(data: dict[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    """Leave out the sections or list entries that hold a problem; None if the core is bad."""
    data = copy.deepcopy(data)
    drop_entries: dict[str, set[int]] = {}
    for p in problems:
        parts = _parts(p.field)
        if not parts or parts[0] in ("enterprise", "as_of", "interpretation"):
            return None
        head = str(parts[0])
        if len(parts) > 1 and isinstance(parts[1], int) and isinstance(data.get(head), list):
            drop_entries.setdefault(head, _builtin_set()).add(parts[1])
        else:
            data.pop(head, None)
    for head, indexes in drop_entries.items():
        if isinstance(data.get(head), list):
            data[head] = [e for i, e in enumerate(data[head]) if i not in indexes]
    return data


def get_assessment() -> tuple[Assessment | None, list[Problem]]:
    """Validate and assess the profile in the current language (cached per distinct profile)."""
    current = lang()
    # repr, not JSON: the profile holds only dicts, lists, str, int, bool and None (ui/state.normalise),
    # whose repr tells every two different profiles apart; a key order that differs only costs one
    # more assessment. Called about a dozen times a rerun (every field's problems look here).
    fingerprint = repr(profile()) + current
    cached = st.session_state.get(_CACHE_KEY)
    if cached is not None and cached[0] == fingerprint:
        return cached[1], cached[2]
    model, problems = validate_profile(profile(), current)
    assessment = None
    model2 = None
    if model is not None:
        assessment = assess(model, current)
    else:
        rest = _drop_bad(profile(), problems)
        if rest is not None:
            model2, problems2 = validate_profile(rest, current)
            if model2 is not None:
                assessment = assess(model2, current)
    used = model if model is not None else (model2 if assessment is not None else None)
    st.session_state[_CACHE_KEY] = (fingerprint, assessment, problems, used)
    return assessment, problems


def validated_profile() -> Profile | None:
    """The validated Profile behind the current assessment (without the parts that had problems)."""
    get_assessment()
    return st.session_state[_CACHE_KEY][3]


def problems_for(path: str) -> list[Problem]:
    """Return the current problems at ``path`` or under it (``"carrier"`` finds ``carrier.name``)."""
    _, problems = get_assessment()
    return [p for p in problems if p.field == path or p.field.startswith(path + ".") or p.field.startswith(path + "[")]
