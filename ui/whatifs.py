"""The what-if page's parts (pages/whatifs.py): the parameter editor, the reform it makes, the
enterprise before and after, the portfolio comparison and its exports.

The reform is built from this session's widgets on every run (``current_reform``): an input of the
assessment, kept nowhere else. The portfolio is the one loaded on the batch page (its session key
``batch_source``), validated and assessed once per source, language, date and reading (the baseline);
a change of parameters re-assesses only the enterprises the change can reach (batch/whatif.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

import streamlit as st

import batch
from batch.whatif import Comparison, Portfolio, compare, comparison_xlsx, portfolio_from_book
from calculators.content import parameter_files, parameters_on
from calculators.explain import STATUS
from calculators.reform import Reform, parameter_label, reform_from_values, reform_from_yaml, reform_yaml, reformable
from reports import reform_figures
from reports.brief import build_brief, signed_wan
from reports.reform_tables import show_value, unit_name

from . import batch_source, components, state
from .fmt import md, wan
from .i18n import lang, t

PREFIX = "wi:"  # one widget per parameter: "wi:article1_carrier.cap_yuan"
READING_KEY = "wi_reading"
UPLOAD_ROUND = "wi_upload_round"
UPLOAD_NOTE = "wi_upload_note"
SAVED_KEY = "wi_saved"  # the widgets' values, kept across page switches (Streamlit drops a widget's key)
PORTFOLIO_KEY = "wi_portfolio"  # (signature, Portfolio | None)
COMPARISON_KEY = "wi_comparison"  # (signature, reform, Comparison)
YAML_MIME = "application/x-yaml"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WAN = Decimal(10_000)




# ---- the editor -----------------------------------------------------------------------------------

def groups() -> list[tuple[str, list[tuple[str, str, dict[str, Any]]]]]:
    """The reformable parameters grouped by the article they rest on, in the files' order."""
    out: dict[str, list] = {}
    for stem, name, spec in reformable():
        out.setdefault(spec["article"], []).append((stem, name, spec))
    return list(out.items())


def _to_widget(value: Any, unit: str) -> Any:
    """A parameter's value as its widget holds it: % for a share, 万元 for money."""
    if unit == "date":
        return value
    if unit == "ratio":
        return float(value * 100)
    if unit == "元":
        return float(value / WAN)
    if unit == "平方米":
        return float(value)
    return int(value)


def _from_widget(value: Any, unit: str) -> Any:
    """The widget's value as the parameter's own (a string for a share, as a user would write it)."""
    if unit == "date" or value is None:
        return value
    d = Decimal(str(value))
    if unit == "ratio":
        return f"{d}%"
    if unit == "元":
        return (d * WAN).normalize()
    return d


def _same(stem: str, name: str, raw: Any, today: Any) -> bool:
    unit = parameter_files()[stem][name]["unit"]
    if unit == "date":
        return raw == today
    if unit == "ratio":
        return Decimal(str(raw).rstrip("%")) / 100 == today
    return Decimal(str(raw)) == today


def _widget(stem: str, name: str, spec: dict[str, Any], today: Any) -> None:
    key = f"{PREFIX}{stem}.{name}"
    unit = spec["unit"]
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(SAVED_KEY, {}).get(key, _to_widget(today, unit))
    label = parameter_label(stem, name, lang())
    help_text = f"{spec['reference']}"
    if unit == "date":
        earliest, latest = dt.date(2020, 1, 1), dt.date(2040, 12, 31)
        st.date_input(label, key=key, help=help_text, min_value=earliest, max_value=latest,
                      **state.shown_default(key, limits=(earliest, latest)))
    elif unit == "ratio":
        st.number_input(f"{label}（%）" if lang() == "zh" else f"{label} (%)", key=key, min_value=0.0,
                        max_value=100.0, step=1.0, format="%.2f", help=help_text,
                        **state.shown_default(key, limits=(0.0, 100.0)))
    elif unit == "元":
        st.number_input(f"{label}（{t('whatifs.wan_unit')}）" if lang() == "zh" else f"{label} ({t('whatifs.wan_unit')})",
                        key=key, min_value=0.0, step=10.0, format="%.2f", help=help_text,
                        **state.shown_default(key, limits=(0.0, float("inf"))))
    elif unit == "平方米":
        st.number_input(f"{label}（{unit_name(unit, lang())}）" if lang() == "zh" else f"{label} (m²)", key=key,
                        min_value=0.0, step=100.0, format="%.2f", help=help_text,
                        **state.shown_default(key, limits=(0.0, float("inf"))))
    else:
        st.number_input(f"{label}（{unit_name(unit, lang())}）" if lang() == "zh"
                        else f"{label} ({unit_name(unit, lang())})", key=key, min_value=0, step=1, help=help_text,
                        **state.shown_default(key, limits=(0, float("inf"))))


def changed_values() -> dict[str, Any]:
    """``{"stem.name": value}`` for every parameter whose widget differs from today's value."""
    params = parameters_on(state.as_of())
    saved = st.session_state.get(SAVED_KEY, {})
    out: dict[str, Any] = {}
    for stem, name, spec in reformable():
        key = f"{PREFIX}{stem}.{name}"
        if key in st.session_state:
            value = st.session_state[key]
        elif key in saved:
            value = saved[key]
        else:
            continue
        raw = _from_widget(value, spec["unit"])
        if raw is None or not _same(stem, name, raw, params.get(stem, name)):
            out[f"{stem}.{name}"] = raw
    return out


READINGS = ("keep", "default", "strict")


def _reading_labels() -> dict[str, str]:
    return {code: t(f"whatifs.reading_{code}") for code in READINGS}


def reading_code(label: Any) -> str:
    """The reading a radio label (in either language) or code stands for; "keep" when none."""
    if label in READINGS:
        return label
    from .i18n import strings

    for code in READINGS:
        if label in strings()[f"whatifs.reading_{code}"].values():
            return code
    return "keep"


def current_reform() -> tuple[Reform | None, list]:
    """The reform the widgets describe (None with the problems when a value is refused)."""
    reading = reading_code(st.session_state.get(READING_KEY))
    return reform_from_values(changed_values(), None if reading == "keep" else reading, lang())


def save() -> None:
    """Keep the widgets' values for the next visit to the page."""
    st.session_state[SAVED_KEY] = {k: v for k, v in st.session_state.items() if isinstance(k, str)
                                   and k.startswith(PREFIX)}


def _reset() -> None:
    st.session_state[SAVED_KEY] = {}
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(PREFIX)]:
        del st.session_state[key]
    st.session_state[READING_KEY] = _reading_labels()["keep"]
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def _on_upload() -> None:
    """Before the widgets are drawn: put an uploaded reform's values into them (or say why not)."""
    f = st.session_state.get(f"wi_upload_{st.session_state.get(UPLOAD_ROUND, 0)}")
    if f is None:
        return
    reform, problems = reform_from_yaml(f.getvalue(), lang())
    if reform is None:
        st.session_state[UPLOAD_NOTE] = ("error", [str(p) for p in problems])
        return
    _reset()
    on = state.as_of()
    later = 0
    for ch in reform.changes:  # the value in force on the assessment date, in the widget's units
        if ch.since <= on:
            unit = parameter_files()[ch.stem][ch.name]["unit"]
            st.session_state[f"{PREFIX}{ch.key}"] = _to_widget(reform.parameters(on).get(ch.stem, ch.name), unit)
        else:
            later += 1
    st.session_state[READING_KEY] = _reading_labels()[reform.interpretation or "keep"]
    save()
    lines = [t("whatifs.uploaded", n=len(reform.changes))]
    if later:  # the page shows one value per parameter: the one in force on the assessment date
        lines.append(t("whatifs.uploaded_later", n=later, date=on.isoformat()))
    st.session_state[UPLOAD_NOTE] = ("ok", lines)


def _article_title(article: str) -> str:
    """"一、第1条 支持产业载体发展" (zh) or "Art. 1 (I) Supporting industry carriers" (en); the 附则 as the
    policy page cites it."""
    import re

    m = re.search(r"第(\d+)条", article)
    if m is None or article.startswith("附则"):
        return article if lang() == "zh" else t(f"policy.article_names.{article}")
    n = int(m.group(1))
    cited = article if lang() == "zh" else t(f"policy.article_names.{article}")
    return f"{cited} {t(f'glance.article_title.{n}')}"


def _today_text(value: Any, unit: str) -> str:
    """Today's value in the widget's own unit (money in 万元, as typed)."""
    if unit == "元":
        return f"{show_value(value / WAN, unit)} {t('whatifs.wan_unit')}"
    if unit in ("ratio", "date"):
        return show_value(value, unit)
    return f"{show_value(value, unit)} {unit_name(unit, lang())}"


def editor() -> None:
    """The parameters by article (sentence, today's value, unit), the reading, reset and upload."""
    params = parameters_on(state.as_of())
    changed = changed_values()
    st.caption(t("whatifs.parameters_help"))
    top = st.columns([2.6, 2, 2])  # the middle one wide enough for "Back to today's values" on a laptop
    # The radio holds the label in the user's language (a label, not a code: AppTest and the browser see
    # the same option texts); a language switch carries the choice over.
    labels = _reading_labels()
    chosen = reading_code(st.session_state.get(READING_KEY))
    st.session_state[READING_KEY] = labels[chosen]
    top[0].radio(t("whatifs.reading"), list(labels.values()), key=READING_KEY, horizontal=True)
    top[1].button(t("whatifs.reset"), on_click=_reset, icon=":material/restart_alt:", key="wi_reset")
    components.uploader_words()  # the uploader's own words in Chinese on a Chinese page
    top[2].file_uploader(t("whatifs.upload"), type=["yaml", "yml"], help=t("whatifs.upload_help"),
                         key=f"wi_upload_{st.session_state.get(UPLOAD_ROUND, 0)}", on_change=_on_upload)
    note = st.session_state.pop(UPLOAD_NOTE, None)
    if note and note[0] == "error":
        st.error(t("whatifs.upload_problems") + "\n" + "\n".join(f"- {md(m)}" for m in note[1]),
                 icon=":material/error:")
    elif note:
        st.success("  \n".join(md(x) for x in note[1]), icon=":material/check_circle:")
    for article, specs in groups():
        n = sum(1 for stem, name, _s in specs if f"{stem}.{name}" in changed)
        title = _article_title(article) + (f" · {t('whatifs.n_changes', n=n)}" if n else "")
        with st.expander(title, expanded=bool(n)):
            for stem, name, spec in specs:
                today = params.get(stem, name)
                left, right = st.columns([3, 2], vertical_alignment="bottom")
                with right:
                    _widget(stem, name, spec, today)
                mark = f" · :orange-badge[{t('whatifs.changed')}]" if f"{stem}.{name}" in changed else ""
                left.markdown(f"**{md(parameter_label(stem, name, lang()))}**{mark}  \n"
                              f":small[{md(spec['reference'])}]  \n"
                              f":small[:gray[{t('whatifs.today', value=_today_text(today, spec['unit']))}]]")
    save()


# ---- the enterprise in the sidebar ------------------------------------------------------------------

def _status(s: str) -> str:
    return STATUS[lang()].get(s, s)


def enterprise_part() -> None:
    """Each item of the sidebar's enterprise before and after, and the totals."""
    st.header(t("whatifs.enterprise_title"))
    before, _problems = state.get_assessment()
    profile = state.validated_profile()
    reform, _ = current_reform()
    if before is None or profile is None or not before.items:
        components.note(t("whatifs.enterprise_none"))
        return
    after = (reform or Reform()).assess(profile, lang())
    with st.container(horizontal=True):
        st.metric(t("whatifs.total_before"), t("total.value", wan=wan(before.total_ceiling_yuan)))
        change = after.total_ceiling_yuan - before.total_ceiling_yuan
        st.metric(t("whatifs.total_after"), t("total.value", wan=wan(after.total_ceiling_yuan)),
                  delta=signed_wan(change) if change else None)
    later = {(r.item, r.subject, r.year): r for r in after.items}
    rows = []
    for r in before.items:
        a = later.get((r.item, r.subject, r.year), r)
        b_c, a_c = r.ceiling_yuan or 0, a.ceiling_yuan or 0
        rows.append({
            t("whatifs.col_item"): f"{r.item} {components.item_name_of(r.item)}",
            t("whatifs.col_subject"): r.subject or "",
            t("whatifs.col_year"): str(r.year),
            t("whatifs.col_before_status"): _status(r.status),
            t("whatifs.col_before"): wan(b_c) if r.ceiling_yuan is not None else "",
            t("whatifs.col_after_status"): _status(a.status),
            t("whatifs.col_after"): wan(a_c) if a.ceiling_yuan is not None else "",
            t("whatifs.col_change"): signed_wan(a_c - b_c) if a_c != b_c else "",
        })
    header = list(rows[0])
    st.dataframe(components.rows_table(rows, header), hide_index=True, key="wi_enterprise_items")


# ---- the portfolio --------------------------------------------------------------------------------------

def portfolio() -> Portfolio | None:
    """The batch page's portfolio, validated and assessed once per source, language, date and reading."""
    source = batch_source.source()
    if source is None:
        return None
    kind, _files, ids = source[:3]
    signature = (kind, ids, lang(), state.as_of(), state.reading())
    cached = st.session_state.get(PORTFOLIO_KEY)
    if cached is not None and cached[0] == signature:
        return cached[1]
    try:
        book = batch.read_files(batch_source.files(), lang())
        value = portfolio_from_book(book, lang(), as_of=state.as_of(), interpretation=state.reading())
    except Exception:  # a user's file: one message, never a traceback
        logging.getLogger(__name__).exception("what-if portfolio failed")
        value = None
        st.session_state["_wi_failed"] = True
    st.session_state[PORTFOLIO_KEY] = (signature, value)
    st.session_state.pop(COMPARISON_KEY, None)
    return value


def comparison(p: Portfolio, reform: Reform) -> Comparison:
    """The portfolio under ``reform`` (the last one kept: a rerun with the same reform costs nothing)."""
    signature = st.session_state[PORTFOLIO_KEY][0]
    cached = st.session_state.get(COMPARISON_KEY)
    if cached is not None and cached[0] == signature and cached[1] == reform:
        return cached[2]
    c = compare(p, reform)
    st.session_state[COMPARISON_KEY] = (signature, reform, c)
    return c


def _people(rows, lang_: str) -> list[dict[str, str]]:
    return [{t("whatifs.col_name"): r.name, t("whatifs.col_before"): wan(r.before_yuan),
             t("whatifs.col_after"): wan(r.after_yuan), t("whatifs.col_change"): signed_wan(r.change_yuan),
             t("whatifs.col_gained"): "、".join(r.gained), t("whatifs.col_lost"): "、".join(r.lost)} for r in rows]


def portfolio_part(reform: Reform) -> None:
    st.header(t("whatifs.portfolio_title"))
    p = portfolio()
    if st.session_state.pop("_wi_failed", False):
        st.error(t("whatifs.failed"), icon=":material/error:")
    if p is None:
        components.note(t("whatifs.portfolio_none"))
        st.button(t("whatifs.demo_button"), on_click=batch_source.load_demo, icon=":material/science:", key="wi_demo")
        return
    c = comparison(p, reform)
    if c.synthetic:
        st.warning(t("whatifs.synthetic"), icon=":material/science:")
    else:
        st.caption(t("whatifs.portfolio_source_batch", n=f"{len(c.rows):,}"))
    with st.container(horizontal=True):
        st.metric(t("whatifs.spend_before"), t("total.value", wan=wan(c.total_before)))
        st.metric(t("whatifs.spend_after"), t("total.value", wan=wan(c.total_after)),
                  delta=signed_wan(c.change) if c.change else None)
        st.metric(t("whatifs.enterprises"), f"{len(c.rows):,}", help=t("whatifs.reassessed", n=f"{c.reassessed:,}"))
    gained, lost = sum(1 for r in c.rows if r.gained), sum(1 for r in c.rows if r.lost)
    with st.container(horizontal=True):
        st.metric(t("whatifs.gainers"), f"{len(c.gainers):,}")
        st.metric(t("whatifs.losers"), f"{len(c.losers):,}")
        st.metric(t("whatifs.crossers"), f"{len(c.crossers):,}", help=t("whatifs.crossers_help", gained=gained,
                                                                           lost=lost))
    components.show_chart(reform_figures.waterfall(c, lang()), key="wi_waterfall")
    tab_items, tab_years = st.tabs([t("whatifs.by_item"), t("whatifs.by_year")])
    with tab_items:
        st.dataframe(components.rows_table(
            [{t("whatifs.col_item"): f"{i} {components.item_name_of(i)}", t("whatifs.col_before"): wan(b),
              t("whatifs.col_after"): wan(a), t("whatifs.col_change"): signed_wan(a - b)} for i, b, a in c.by_item],
            [t("whatifs.col_item"), t("whatifs.col_before"), t("whatifs.col_after"), t("whatifs.col_change")]),
            hide_index=True, key="wi_by_item")
    with tab_years:
        st.dataframe(components.rows_table(
            [{t("whatifs.col_year"): str(y), t("whatifs.col_before"): wan(b), t("whatifs.col_after"): wan(a),
              t("whatifs.col_change"): signed_wan(a - b)} for y, b, a in c.by_year],
            [t("whatifs.col_year"), t("whatifs.col_before"), t("whatifs.col_after"), t("whatifs.col_change")]),
            hide_index=True, key="wi_by_year")
        components.show_chart(reform_figures.years(c, lang()), key="wi_years")
    st.subheader(t("whatifs.distribution"))
    components.show_chart(reform_figures.histogram(c, lang()), key="wi_histogram")
    people_header = [t(k) for k in ("whatifs.col_name", "whatifs.col_before", "whatifs.col_after",
                                     "whatifs.col_change", "whatifs.col_gained", "whatifs.col_lost")]
    for title, gains, none, key in ((t("whatifs.largest_gainers"), True, t("whatifs.none_gain"), "wi_gainers"),
                                    (t("whatifs.largest_losers"), False, t("whatifs.none_lose"), "wi_losers")):
        st.subheader(title)
        top = c.largest(10, gains)
        if top:
            st.dataframe(components.rows_table(_people(top, lang()), people_header), hide_index=True, key=key)
        else:
            st.caption(none)
    crossers = c.crossers
    if crossers:
        with st.expander(t("whatifs.crossers_list", n=f"{len(crossers):,}"), icon=":material/swap_vert:"):
            st.dataframe(components.rows_table(_people(sorted(crossers, key=lambda r: (-abs(r.change_yuan), r.name)),
                                                       lang()), people_header), hide_index=True, key="wi_crossers")
    st.subheader(t("whatifs.exports"))
    here = lang()
    e1, e2 = st.columns(2)
    e1.download_button(t("whatifs.download_brief"), data=lambda: build_brief(c, here, state.as_of()),
                       file_name=f"{t('whatifs.brief_file')}.pdf", mime="application/pdf",
                       icon=":material/picture_as_pdf:", key="wi_brief", on_click="ignore")
    e2.download_button(t("whatifs.download_xlsx"), data=lambda: comparison_xlsx(c, here),
                       file_name=f"{t('whatifs.xlsx_file')}.xlsx", mime=XLSX_MIME, icon=":material/table:",
                       key="wi_xlsx", on_click="ignore")


def download_reform(reform: Reform) -> None:
    here = lang()
    st.download_button(t("whatifs.download_yaml"), data=lambda: reform_yaml(reform, here),
                       file_name=f"{t('whatifs.yaml_file')}.yaml", mime=YAML_MIME, icon=":material/download:",
                       key="wi_yaml", on_click="ignore")
