"""Editable tables of subjects (works, platforms, cooperation projects, venues) and their rows' problems.

A section of the profile that is a list (``projects``, ``tech_platforms``, ``transformation_projects``,
``venues``) is edited in one ``st.data_editor``. Three things are kept apart:

* the **rows as typed** (``_sections_rows_<section>`` in session state): every row, good or bad, so
  nothing the user typed is ever lost, across reruns, page switches and language switches;
* the **valid rows**, written to ``st.session_state["profile"][section]``: the engine assesses these,
  so one bad row never hides the results of the others;
* the **problems** of the bad rows, from ``validate_profile`` (the engine's own checks), mapped to a
  row number and a column so they can be shown next to the table.

The conversion functions are pure (no streamlit) so they can be tested on their own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from calculators import validate_profile
from calculators.content import field_label
from calculators.models import MAX_DIGITS_BEFORE_POINT

# kinds of column, and how each is edited
TEXT, YEAR, COUNT, MONEY, NUMBER, BOOL, DATE, CHOICE, MULTI = (
    "text", "year", "count", "money", "number", "bool", "date", "choice", "multi",
)
_NUMERIC = (YEAR, COUNT, MONEY, NUMBER)
# Edited as text, read as the decimal it spells (RULES.md §6.1): a browser's number cell would turn
# 3.9999999999999999 into the binary float 4.0 before Python sees it.
_EXACT = (COUNT, MONEY, NUMBER)
_NUMBER_CLEAN = re.compile(r"[,，\s_\u3000]")

# a stand-in for the enterprise when a section is checked on its own
_PLACEHOLDER_ENTERPRISE = {"name": "-"}


@dataclass(frozen=True)
class Column:
    """One field of a subject, as one column of the editor."""

    field: str
    kind: str
    options: tuple[str, ...] = ()
    default: Any = None
    step: Any = None


@dataclass(frozen=True)
class TableSpec:
    """A list section of the profile, edited as a table (one row per subject).

    ``aliases``: a column filled from an older field name when a row has only that (a profile saved
    before 4.2 had two amounts: its ``investment_yuan`` stands for the project's total, RULES.md §6.4).
    """

    section: str
    columns: tuple[Column, ...]
    aliases: tuple[tuple[str, str], ...] = ()

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]


@dataclass(frozen=True)
class RowProblem:
    """One problem of one row: its number as the user sees it (from 1), its column and the message."""

    row: int
    field: str | None
    message: str


# ---- pure conversions ------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _number_out(value: Any) -> Any:
    """An editor number as a JSON number for the profile: int when whole, else the typed decimal.

    The editor hands numbers over as binary floats; ``repr`` gives back exactly what was typed
    (shortest round-trip), so ``Decimal(repr(x))`` is the typed value. The profile keeps whole numbers
    as int and other decimals as strings (``"3.5"``), as ui/state.py does; the engine reads Decimal.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return value.strip()
    try:
        d = Decimal(repr(float(value))) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError, TypeError):
        return value
    if not d.is_finite():
        return str(d)  # the engine refuses it with a clear message
    return int(d) if d == d.to_integral_value() else format(d.normalize(), "f")


def exact_text_out(value: Any) -> Any:
    """A number cell typed as text, as the decimal it spells: int when whole, else the decimal string.

    Thousands separators and spaces are dropped; what is not a finite number is kept as typed, and
    the engine says why (须为数字); a count with a fraction or money with 3 decimals stays a decimal
    string, and the engine refuses it with its own message, never rounded here.
    """
    if not isinstance(value, str):
        return _number_out(value)
    raw = _NUMBER_CLEAN.sub("", value)
    try:
        d = Decimal(raw)
    except InvalidOperation:
        return value.strip()
    if not d.is_finite() or d.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return value.strip()  # kept as typed: the engine refuses it (an int of 1e999999999 would take hours)
    return int(d) if d == d.to_integral_value() else format(d, "f")


def exact_text_in(value: Any, money: bool = False) -> str:
    """A profile number as the text its cell shows (money with thousands separators)."""
    if _blank(value):
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not d.is_finite() or d.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return str(value)
    if d == d.to_integral_value():
        d = d.to_integral_value()
    return f"{d:,f}" if money else f"{d:f}"


def _date_out(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _date_in(value: Any) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _list_out(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in re.split(r"[,，、;；]", value) if v.strip()]
    try:
        return [str(v) for v in list(value) if not _blank(v)]
    except TypeError:
        return []


def rows_to_frame(spec: TableSpec, rows: list[dict]) -> pd.DataFrame:
    """Profile rows (JSON-shaped dicts) to the editor's table, one column per field, typed per kind."""
    data: dict[str, Any] = {}
    aliases = dict(spec.aliases)
    for col in spec.columns:
        old = aliases.get(col.field)
        values = [(r.get(col.field) if col.field in r or old is None else r.get(old)) if isinstance(r, dict) else None
                  for r in rows]
        if col.kind in _EXACT:
            data[col.field] = pd.Series([exact_text_in(v, col.kind == MONEY) for v in values], dtype="string")
        elif col.kind == TEXT:
            data[col.field] = pd.Series(["" if _blank(v) else str(v) for v in values], dtype="string")
        elif col.kind in (YEAR, COUNT):
            ints = []
            for v in values:
                try:
                    d = Decimal(str(v))
                    ints.append(int(d) if not _blank(v) and d == d.to_integral_value() else None)
                except (InvalidOperation, ValueError):
                    ints.append(None)
            data[col.field] = pd.Series(ints, dtype="Int64")
        elif col.kind in (MONEY, NUMBER):
            nums = []
            for v in values:
                try:
                    nums.append(math.nan if _blank(v) else float(Decimal(str(v))))
                except (InvalidOperation, ValueError):
                    nums.append(math.nan)
            data[col.field] = pd.Series(nums, dtype="float64")
        elif col.kind == BOOL:
            data[col.field] = pd.Series([bool(v) if isinstance(v, bool) else False for v in values], dtype="bool")
        elif col.kind == DATE:
            data[col.field] = pd.Series([_date_in(v) for v in values], dtype="object")
        elif col.kind == CHOICE:
            default = col.default if col.default is not None else (col.options[0] if col.options else "")
            data[col.field] = pd.Series(
                [v if isinstance(v, str) and v in col.options else default for v in values], dtype="object"
            )
        elif col.kind == MULTI:
            data[col.field] = pd.Series([_list_out(v) for v in values], dtype="object")
        else:  # pragma: no cover - every kind is listed above
            raise ValueError(col.kind)
    return pd.DataFrame(data, columns=spec.fields)


def frame_to_rows(spec: TableSpec, frame: pd.DataFrame) -> list[dict]:
    """The editor's table back to profile rows: every row kept, blanks left out so defaults apply.

    A blank name stays as "" (the engine says "不能为空"); a blank required number is left out (the
    engine says "必须填写"); nothing is dropped or guessed, so what was typed can be shown again.
    """
    rows: list[dict] = []
    if frame is None:
        return rows
    for record in frame.to_dict("records"):
        row: dict[str, Any] = {}
        for col in spec.columns:
            value = record.get(col.field)
            if col.kind == TEXT:
                row[col.field] = "" if _blank(value) else str(value).strip()
            elif col.kind in _EXACT:
                if not _blank(value):
                    row[col.field] = exact_text_out(value)
            elif col.kind in _NUMERIC:
                if not _blank(value):
                    row[col.field] = _number_out(value)
            elif col.kind == BOOL:
                row[col.field] = bool(value) if not _blank(value) else False
            elif col.kind == DATE:
                iso = _date_out(value)
                if iso:
                    row[col.field] = iso
            elif col.kind == CHOICE:
                row[col.field] = col.default if _blank(value) else str(value)
            elif col.kind == MULTI:
                row[col.field] = _list_out(value)
        rows.append(row)
    return rows


_LOC = re.compile(r"^(?P<section>[a-z_]+)\[(?P<row>\d+)\](?:\.(?P<field>[a-z_]+))?")


def _section_probe(section: str, rows: list[dict], profile: dict | None) -> dict:
    """A profile holding only ``rows`` under ``section``, with the user's date and reading."""
    probe: dict[str, Any] = {"enterprise": dict(_PLACEHOLDER_ENTERPRISE), section: rows}
    profile = profile or {}
    as_of = profile.get("as_of")
    if isinstance(as_of, str | dt.date):
        try:
            probe["as_of"] = dt.date.fromisoformat(str(as_of)).isoformat()
        except ValueError:
            pass  # the sidebar reports a bad date; rows are checked against today
    if profile.get("interpretation") in ("default", "strict"):
        probe["interpretation"] = profile["interpretation"]
    return probe


def validate_rows(
    section: str, rows: list[dict], profile: dict | None, lang: str = "zh"
) -> tuple[list[dict], list[RowProblem], list[int]]:
    """Split rows into those the engine accepts and the problems of the others.

    Returns (valid rows, problems, indexes of the valid rows in ``rows``). The engine's checks run on
    the section alone (with the profile's date), so a bad enterprise name or another section never
    blocks these rows. The engine reports field errors before cross-field ones (a repeated name),
    so this runs until the remaining rows pass; each pass removes at least one row.
    """
    remaining = list(range(len(rows)))
    problems: list[RowProblem] = []
    while remaining:
        subset = [rows[i] for i in remaining]
        _, found = validate_profile(_section_probe(section, subset, profile), lang)
        if not found:
            break
        bad: set[int] = set()
        for p in found:
            m = _LOC.match(p.field)
            if not m or m.group("section") != section:
                continue  # not about a row (cannot happen for a probe; kept safe)
            local = int(m.group("row"))
            original = remaining[local]
            bad.add(local)
            problems.append(RowProblem(row=original + 1, field=m.group("field"), message=p.message))
        if not bad:
            # problems the rows cannot fix (e.g. a bad date in the sidebar): keep the rows out of the
            # assessment but say nothing here; the sidebar shows them
            return [], problems, []
        remaining = [idx for j, idx in enumerate(remaining) if j not in bad]
    problems.sort(key=lambda p: (p.row, p.field or ""))
    return [rows[i] for i in remaining], problems, remaining


def column_label(name: str, lang: str) -> str:
    """A field's name with its unit, from content/i18n/fields.yaml: ``项目投资额（元）``."""
    label, unit = field_label(name, lang)
    if lang == "en":
        label = label[:1].upper() + label[1:]  # a column heading starts with a capital
    if unit:
        label = f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"
    return label


def field_name(name: str | None, lang: str) -> str:
    """A field's name without its unit (for messages)."""
    if not name:
        return ""
    return field_label(name, lang)[0]


# ---- the editor (streamlit) ------------------------------------------------------------------


def _column_config(spec: TableSpec, lang: str, help_for: Callable[[str], str], defaults: dict[str, Any]) -> dict:
    import streamlit as st

    cc = st.column_config
    config: dict[str, Any] = {}
    for col in spec.columns:
        name = column_label(col.field, lang)
        help_text = help_for(col.field)
        default = defaults.get(col.field, col.default)
        if col.kind == TEXT:
            config[col.field] = cc.TextColumn(name, help=help_text, default=default)
        elif col.kind == YEAR:
            config[col.field] = cc.NumberColumn(name, help=help_text, default=default, step=1, format="%d", width="small")
        elif col.kind in _EXACT:
            # text, read exactly (see exact_text_out); right-aligned would suggest a float column
            config[col.field] = cc.TextColumn(
                name, help=help_text, default=None if default is None else exact_text_in(default, col.kind == MONEY)
            )
        elif col.kind == BOOL:
            config[col.field] = cc.CheckboxColumn(name, help=help_text, default=bool(default))
        elif col.kind == DATE:
            from .i18n import t

            # dates in Chinese form in Chinese (a moment.js pattern, from content/)
            config[col.field] = cc.DateColumn(name, help=help_text, default=default, format=t("sections.table.date_format"))
        elif col.kind == CHOICE:
            config[col.field] = cc.SelectboxColumn(
                name, help=help_text, default=default, options=list(col.options), required=True,
                format_func=lambda code, _f=col.field: option_label(_f, code, lang),
            )
        elif col.kind == MULTI:
            config[col.field] = cc.MultiselectColumn(
                name, help=help_text, default=default or [], options=list(col.options),
                format_func=lambda code, _f=col.field: option_label(_f, code, lang),
            )
    return config


def option_label(field_name_: str, code: str, lang: str) -> str:
    """The label of a choice: fund status from the engine's words, platforms from the parameters."""
    from calculators.content import parameters_on, text

    if field_name_ == "municipal_fund":
        return text(f"engine.fund_status.{code}", lang)
    if field_name_ == "platforms":
        names = parameters_on(dt.date.today()).get("article2_projects", "major_platforms")
        if code in names:
            return names[code].get(lang) or names[code]["zh"]
        from .i18n import t

        return t("sections.table.other_platform") if code == "other" else str(code)
    return str(code)


def _keys(section: str) -> tuple[str, str, str, str]:
    return (
        f"_sections_rows_{section}",
        f"_sections_written_{section}",
        f"_sections_version_{section}",
        f"_sections_base_{section}",
    )


def editor_key(section: str) -> str:
    """The widget key of a section's editor now (it changes with the language and on a new profile)."""
    import streamlit as st

    from .i18n import lang

    version = st.session_state.get(_keys(section)[2], 0)
    return f"sections_editor_{section}_{lang()}_{version}"


def rows_as_typed(section: str) -> list[dict]:
    """Every row of a section as last typed, good or bad (for tests and the page)."""
    import streamlit as st

    return st.session_state.get(_keys(section)[0], [])


def edit_table(
    spec: TableSpec,
    *,
    help_for: Callable[[str], str],
    defaults: dict[str, Any] | None = None,
    height: int | str = "auto",
) -> tuple[list[dict], list[RowProblem]]:
    """Draw the editor of ``spec.section``, keep every typed row, write the valid ones to the profile.

    Returns (valid rows, problems of the other rows). The editor's data is rebuilt from the rows as
    typed only when Streamlit has no edit state for it (first visit, back from another page, a new
    language) or when the profile's section was replaced elsewhere (an example, a shared link, clear
    all); otherwise its edit state carries the user's changes and nothing is lost.
    """
    import streamlit as st

    from . import state
    from .i18n import lang

    ss = st.session_state
    rows_key, written_key, version_key, base_key = _keys(spec.section)
    profile = state.profile()
    current = profile.get(spec.section)
    written = ss.get(written_key)
    replaced = rows_key not in ss or (
        current is not written and (not isinstance(current, list) or current != written)
    )
    if replaced:
        ss[rows_key] = [dict(r) for r in (current or []) if isinstance(r, dict)]
        ss[version_key] = ss.get(version_key, 0) + 1
        ss.pop(base_key, None)
    key = editor_key(spec.section)
    if key not in ss or base_key not in ss:
        ss[base_key] = rows_to_frame(spec, ss[rows_key])
    current_lang = lang()
    edited = st.data_editor(
        ss[base_key],
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=height,
        column_order=spec.fields,
        column_config=_column_config(spec, current_lang, help_for, defaults or {}),
        placeholder="—",
    )
    return _commit(spec, edited)


def _commit(spec: TableSpec, edited: pd.DataFrame) -> tuple[list[dict], list[RowProblem]]:
    """Keep the rows as typed and write the valid ones to the profile.

    The rows' verdicts depend on the table and on the date, the reading, the language and today (a bad
    date falls back to it). When all of these are what the last commit of this section saw (the table
    compared with DataFrame.equals) and the profile still holds what it wrote, the last rows and
    problems are returned without turning the table into rows and checking them again (every table,
    every rerun). An edit is committed here, by the run that draws the editor: on a section page
    the editor is the first thing its fragment draws, before anything reads the profile.
    """
    import streamlit as st

    from . import state
    from .i18n import lang

    ss = st.session_state
    rows_key, written_key, _, _ = _keys(spec.section)
    memo_name = f"_sections_commit_{spec.section}"
    memo = ss.get(memo_name)
    profile = state.profile()
    context = (repr(profile.get("as_of")), profile.get("interpretation"), lang(), dt.date.today())
    if (memo is not None and memo[0] == context and ss.get(written_key) is not None
            and profile.get(spec.section) is ss.get(written_key) and memo[1].equals(edited)):
        return memo[2], memo[3]
    rows = frame_to_rows(spec, edited)
    ss[rows_key] = rows
    valid, problems, _ = validate_rows(spec.section, rows, profile, lang())
    valid = [dict(r) for r in valid]
    profile[spec.section] = valid
    ss[written_key] = valid
    ss[memo_name] = (context, edited, valid, problems)
    return valid, problems


def resync_sections() -> None:
    """Check every table's typed rows again against the profile as it is now, and update its valid rows.

    A row's validity depends on the assessment date (an event date after it, a year outside the
    policy), which the sidebar can change on any page. A table page does this itself on every run; the
    frame may call this once per run before the running total, so the total is right on other pages too.
    """
    import streamlit as st

    from . import state
    from .i18n import lang

    ss = st.session_state
    profile = state.profile()
    for section in SPECS:
        rows_key, written_key, _, _ = _keys(section)
        rows, written = ss.get(rows_key), ss.get(written_key)
        if rows is None or profile.get(section) is not written:
            continue  # never edited, or replaced elsewhere: the table page takes the new rows
        valid, _, _ = validate_rows(section, rows, profile, lang())
        if valid != written:
            valid = [dict(r) for r in valid]
            profile[section] = valid
            ss[written_key] = valid


def show_problems(problems: list[RowProblem]) -> None:
    """The problems of the rows left out, next to the table: row number, column, message."""
    import streamlit as st

    from .i18n import lang, t

    if not problems:
        return
    current = lang()
    lines = []
    for p in problems:
        if p.field:
            lines.append("- " + t("sections.table.row_problem", row=p.row, column=field_name(p.field, current),
                                  message=p.message))
        else:
            lines.append("- " + t("sections.table.row_problem_no_column", row=p.row, message=p.message))
    count = len({p.row for p in problems})
    st.error(t("sections.table.problems_head", count=count) + "\n\n" + "\n".join(lines), icon="⚠️")


def table_with_problems(spec: TableSpec, *, help_for: Callable[[str], str]) -> None:
    """A section page's table: the editor (a new row's year is the assessment date's) and, under it, the
    problems of the rows the engine left out."""
    from . import state

    _, problems = edit_table(spec, help_for=help_for, defaults={"year": default_year(state.profile())})
    show_problems(problems)


# ---- the four tables of the section pages ------------------------------------------------------


def _platform_codes() -> tuple[str, ...]:
    """The platform codes the engine accepts (six named platforms and ``other``), from its model."""
    from typing import get_args

    from calculators.models import PlatformCode

    return tuple(get_args(PlatformCode))


def _fund_codes() -> tuple[str, ...]:
    from typing import get_args

    from calculators.models import FundStatus

    return tuple(get_args(FundStatus))


def _rows_table(section: str, columns: tuple[Column, ...], **options: Any) -> TableSpec:
    """A table whose rows are the engine's supported projects, platforms or venues: each row named and in
    a policy year first, then ``columns``, then the support another Minhang policy already gave it
    (RULES.md §6.6), as every row model in calculators/models.py has them."""
    return TableSpec(section, (Column("name", TEXT), Column("year", YEAR), *columns,
                               Column("other_minhang_support_yuan", MONEY)), **options)


PROJECTS = _rows_table(
    "projects",
    (
        Column("municipal_fund", CHOICE, _fund_codes(), default="none"),
        Column("municipal_fund_date", DATE),
        Column("platforms", MULTI, _platform_codes()),
        Column("local_culture_minutes", NUMBER, default=0, step=0.1),
        Column("adaptation_first_filing", BOOL, default=False),
    ),
)

TECH_PLATFORMS = _rows_table(
    "tech_platforms",
    (
        Column("national", BOOL, default=False),
        Column("municipal", BOOL, default=False),
        Column("recognised_on", DATE),
        Column("investment_yuan", MONEY),
    ),
)

TRANSFORMATION_PROJECTS = _rows_table(
    "transformation_projects",
    (
        Column("with_research_partner", BOOL, default=False),
        Column("project_investment_yuan", MONEY),
        Column("enterprise_investment_yuan", MONEY),
    ),
    aliases=(("project_investment_yuan", "investment_yuan"),),
)

VENUES = _rows_table(
    "venues",
    (
        Column("opened_on", DATE),
        Column("positive_media_reports", COUNT, default=0),
        Column("avg_monthly_visitors", NUMBER, default=0),
        Column("avg_monthly_revenue_yuan", MONEY, default=0),
        Column("total_investment_yuan", MONEY),
        Column("previously_supported", BOOL, default=False),
    ),
)

SPECS = {s.section: s for s in (PROJECTS, TECH_PLATFORMS, TRANSFORMATION_PROJECTS, VENUES)}


def default_year(profile: dict) -> int:
    """The year a new row starts with: the year of the assessment date (as the engine defaults)."""
    try:
        return dt.date.fromisoformat(str(profile.get("as_of"))).year
    except ValueError:
        return dt.date.today().year
