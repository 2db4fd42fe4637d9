"""Read the policy's parameters, texts and messages from ``content/``.

Every number the engine uses comes through :func:`parameters_on`; every sentence through
:func:`message`. Files are read once per process (they are the same for every user).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
PARAMETERS_DIR = CONTENT_DIR / "parameters"
LANGS = ("zh", "en")

# libyaml's loader reads the same YAML as yaml.SafeLoader (every file in content/ loads to equal
# values, tests/engine/test_loader.py) about five times faster; the pure-Python one is the fallback.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NUMERIC_UNITS = {"ratio", "元", "平方米", "家", "分钟", "次", "人次", "年", "个", "字符", "字节", "层", "位", "行", "列",
                  "单元格"}


@cache
def load_yaml(relative: str) -> Any:
    """Return the parsed YAML file at ``content/<relative>``."""
    with open(CONTENT_DIR / relative, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SafeLoader)  # noqa: S506 - a safe loader


@cache
def parameter_files() -> dict[str, dict[str, Any]]:
    """Return every parameter file, keyed by its stem (``article1_carrier``…)."""
    return {
        path.stem: load_yaml(f"parameters/{path.name}")
        for path in sorted(PARAMETERS_DIR.glob("*.yaml"))
    }


def _typed(value: Any, unit: str) -> Any:
    if unit in _NUMERIC_UNITS:
        return Decimal(str(value))
    if unit == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def _as_date(key: Any) -> dt.date:
    return key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))


class Parameters:
    """The policy's numbers in force on one date: ``p.get("article1_carrier", "cap_yuan")``.

    ``overrides`` (a what-if, calculators/reform.py) adds dated values to some parameters:
    ``{("article1_carrier", "cap_yuan"): {date(2026, 3, 14): 5000000}}``; a value on the same date as
    the file's replaces it. The object is the reform's own: nothing global changes.
    """

    def __init__(self, on: dt.date, overrides: dict[tuple[str, str], dict[dt.date, Any]] | None = None):
        self.on = on
        self.overrides = overrides or {}
        self._values: dict[tuple[str, str], Any] = {}
        for stem, params in parameter_files().items():
            for name, spec in params.items():
                merged = {_as_date(k): v for k, v in spec["values"].items()}
                merged.update(self.overrides.get((stem, name), {}))
                dated = sorted(merged.items())
                chosen = dated[0][1]
                for since, value in dated:
                    if since <= on:
                        chosen = value
                self._values[(stem, name)] = _typed(chosen, spec["unit"])

    def get(self, stem: str, name: str) -> Any:
        return self._values[(stem, name)]


# The comparisons a parameter file may state, and what each means: the applicant's figure OP the line.
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
}


@cache
def comparison(key: str) -> str:
    """The ``comparison:`` the parameter ``stem.name`` states in its file."""
    stem, name = key.split(".")
    stated = parameter_files()[stem][name].get("comparison")
    if stated not in OPERATORS:
        raise ValueError(f"{key}: comparison {stated!r} is not one of {sorted(OPERATORS)}")
    return stated


def passes(key: str, actual: Any, line: Any) -> bool:
    """``actual`` against ``line`` as the parameter ``key``'s file says (dates compare too)."""
    return OPERATORS[comparison(key)](actual, line)


@lru_cache(maxsize=64)
def parameters_on(on: dt.date) -> Parameters:
    """Return the parameters in force on ``on`` (the earliest values before the first date)."""
    return Parameters(on)


def citation(stem: str, name: str) -> dict[str, str]:
    """Return the article and quoted sentence a parameter rests on."""
    spec = parameter_files()[stem][name]
    return {"article": spec["article"], "reference": spec["reference"]}


@cache
def engine_messages() -> dict[str, Any]:
    return load_yaml("i18n/engine.yaml")


def message(group: str, code: str, lang: str = "zh", **values: Any) -> str:
    """Return the message ``group.code`` in ``lang`` with ``values`` filled in."""
    entry = engine_messages()[group][code]
    template = entry.get(lang) or entry["zh"]
    return template.format(**values) if values else template


def label(group: str, code: Any, lang: str = "zh") -> str:
    """Return a short label (fund status, level, yes/no…) in ``lang``."""
    entry = engine_messages()[group][code]
    return entry.get(lang) or entry["zh"]


@cache
def field_labels() -> dict[str, Any]:
    return load_yaml("i18n/fields.yaml")


@cache
def items() -> dict[str, dict[str, Any]]:
    """Return every item id with its article, names, clause and materials."""
    return {str(k): v for k, v in load_yaml("policy/items.yaml").items()}


@cache
def articles() -> dict[str, Any]:
    return load_yaml("policy/articles.yaml")


def item_name(item: str, lang: str = "zh") -> str:
    return items()[item]["name"][lang]
