"""Read the policy's parameters, texts and messages from ``content/``.

Every number the engine uses comes through :func:`parameters_on`; every sentence through
:func:`message`. Files are read once per process (they are the same for every user).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable
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
def comparisons() -> dict[str, str]:
    """``stem.name`` → the ``comparison:`` its parameter file states, for every parameter that states one."""
    out = {}
    for stem, params in parameter_files().items():
        for name, spec in params.items():
            if "comparison" in spec:
                if spec["comparison"] not in OPERATORS:
                    raise ValueError(f"{stem}.{name}: comparison {spec['comparison']!r} is not one of {sorted(OPERATORS)}")
                out[f"{stem}.{name}"] = spec["comparison"]
    return out


def comparison(key: str) -> str:
    """The ``comparison:`` the parameter ``key`` (``stem.name``) states in its file."""
    return comparisons()[key]


def passes(key: str, actual: Any, line: Any) -> bool:
    """``actual`` against ``line`` as the parameter ``key``'s file says (dates compare too)."""
    return OPERATORS[comparisons()[key]](actual, line)


@lru_cache(maxsize=64)
def parameters_on(on: dt.date) -> Parameters:
    """Return the parameters in force on ``on`` (the earliest values before the first date)."""
    return Parameters(on)


def citation(stem: str, name: str) -> dict[str, str]:
    """Return the article and quoted sentence a parameter rests on."""
    spec = parameter_files()[stem][name]
    return {"article": spec["article"], "reference": spec["reference"]}


# ---- bilingual text: one loader for every layer ------------------------------------------------
#
# Every file in content/i18n/ is read into one catalogue of dotted keys: the file's stem, then the
# path of nested mappings, ending at an entry with ``zh`` and ``en`` (``engine.checks.in_force``,
# ``reports.total_value``, ``reform.messages.not_yaml``). The interface's files (``ui.yaml``,
# ``ui_<helper>.yaml``) share one namespace, ``ui`` (``ui.sidebar.language``). Lists and mappings
# that are not text (batch.yaml's cell values) stay out of the catalogue: read them with load_yaml.

I18N_DIR = CONTENT_DIR / "i18n"


def i18n_files() -> list[Path]:
    return sorted(I18N_DIR.glob("*.yaml"))


def namespace(path: Path) -> str:
    """The key prefix of an i18n file: its stem, but ``ui`` for every ``ui*.yaml``."""
    return "ui" if path.stem.startswith("ui") else path.stem


def _is_entry(node: Any) -> bool:
    return isinstance(node, dict) and any(lang in node for lang in LANGS)


def _flatten(node: Any, prefix: str, out: dict[str, dict[str, Any]]) -> None:
    if _is_entry(node):
        out[prefix] = node
    elif isinstance(node, dict):
        for key, child in node.items():
            _flatten(child, f"{prefix}.{key}", out)


@cache
def texts_per_file() -> dict[str, dict[str, dict[str, Any]]]:
    """Every text entry of each i18n file, by file name, then by dotted key (for the tests)."""
    per_file = {}
    for path in i18n_files():
        flat: dict[str, dict[str, Any]] = {}
        _flatten(load_yaml(f"i18n/{path.name}") or {}, namespace(path), flat)
        per_file[path.name] = flat
    return per_file


@cache
def texts() -> dict[str, dict[str, Any]]:
    """The catalogue: every dotted key of every i18n file (the first file wins on a duplicate key,
    which tests/test_text_catalogue.py refuses)."""
    merged: dict[str, dict[str, Any]] = {}
    for flat in texts_per_file().values():
        for key, entry in flat.items():
            merged.setdefault(key, entry)
    return merged


def entry(key: str) -> dict[str, Any]:
    """The whole entry ``key`` (``zh``, ``en`` and any extra fields such as a field's ``unit``)."""
    return texts()[key]


def text(key: str, lang: str = "zh", /, **values: Any) -> Any:
    """The text ``key`` in ``lang`` (Chinese where the language has none), with ``values`` filled in.

    A key that is not in the catalogue comes back as itself, never a crash; tests/test_text_catalogue.py
    lists every missing or broken key at once.
    """
    found = texts().get(key)
    if found is None:
        return key
    template = found.get(lang) or found.get("zh") or key
    return template.format(**values) if values and isinstance(template, str) else template


def message(group: str, code: str, lang: str = "zh", /, **values: Any) -> str:
    """The engine's message ``group.code`` (content/i18n/engine.yaml): ``text("engine.<group>.<code>")``."""
    key = f"engine.{group}.{code}"
    template = _templates(lang).get(key)
    if template is None:  # not in the catalogue: the key itself, as text() gives it
        return key
    return template.format(**values) if values and isinstance(template, str) else template


@cache
def _templates(lang: str) -> dict[str, Any]:
    """Every catalogue text in ``lang`` as :func:`text` picks it, before values are filled in: the engine
    asks for its messages some 25 times an enterprise (a batch: 250,000 times)."""
    return {key: found.get(lang) or found.get("zh") or key for key, found in texts().items()}


def label(group: str, code: Any, lang: str = "zh") -> str:
    """A short label of the engine's (fund status, level, yes/no…) in ``lang``."""
    return text(f"engine.{group}.{code}", lang)


def field_label(field: str, lang: str = "zh") -> tuple[str, str]:
    """A profile field's (label, unit) in ``lang`` (content/i18n/fields.yaml); an unknown field is its
    own label, with no unit."""
    found = texts().get(f"fields.fields.{field}")
    if found is None:
        return field, ""
    unit = found.get("unit") or {}
    return found.get(lang) or found["zh"], (unit.get(lang) or unit.get("zh") or "") if isinstance(unit, dict) else ""


def quoted(name: str, lang: str) -> str:
    """A subject's name set off from the words before it: 第1个作品「甲」 in Chinese, work 1 “A” in English
    (the leading space included); any language but English is written as Chinese, like the texts."""
    return f" “{name}”" if lang == "en" else f"「{name}」"


def section_label(section: str, lang: str = "zh") -> str | None:
    """A profile section's name (``carrier`` → 产业载体), or None for a name that is not a section."""
    found = texts().get(f"fields.sections.{section}")
    return None if found is None else found.get(lang) or found["zh"]


def listing(items: Iterable[str], lang: str = "zh") -> str:
    """Names in a row as each language writes them: 甲、乙、丙 / A, B, C."""
    return ("、" if lang == "zh" else ", ").join(items)


def display_value(field: str, value: Any, as_of: dt.date, lang: str = "zh") -> Any:
    """A profile value as a person reads it: 是/否, platform names, fund status, ISO dates, a whole
    Decimal as an int (the exports' and the app's one way of showing an input)."""
    if value is None:
        return text("reports.unconfirmed", lang) if field == "registered_in_minhang" else ""
    if isinstance(value, bool):
        return text("reports.yes" if value else "reports.no", lang)
    if field == "platforms":
        names = parameters_on(as_of).get("article2_projects", "major_platforms")
        shown = [text("reports.platform_other", lang) if c == "other" else names.get(c, {}).get(lang, c) for c in value]
        return listing(shown, lang)
    if field == "municipal_fund":
        return label("fund_status", value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


@cache
def items() -> dict[str, dict[str, Any]]:
    """Return every item id with its article, names, clause and materials."""
    return {str(k): v for k, v in load_yaml("policy/items.yaml").items()}


@cache
def articles() -> dict[str, Any]:
    return load_yaml("policy/articles.yaml")


def item_name(item: str, lang: str = "zh") -> str:
    return items()[item]["name"][lang]
