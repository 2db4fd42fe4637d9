"""批量测算 Batch: template, upload (XLSX or CSV), cell-placed problems, results, leadership dashboard.

Thin: files -> batch (one engine call per enterprise) -> tables and reports.dashboard
figures. Uploaded data lives in st.session_state only, for this session.
"""

import logging

import pandas as pd
import streamlit as st

import batch
from calculators.explain import STATUS
from reports import batch_book, dashboard
from ui import batch_source, components, state
from ui.fmt import date, wan
from ui.i18n import lang, t

RESULT, FIGURES = "batch_result", "batch_figures"
SOURCE, SIGNATURE = batch_source.SOURCE, batch_source.SIGNATURE
BOTH = "batch_both_readings"  # reading -> BatchResult of the same input, language and date
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"




READINGS = ("default", "strict")


def _refresh() -> None:
    """Assess the session's input again when it, the language or the date changed: on both readings, the
    sidebar's for every enterprise (whatever a row's own reading column says) and the other one for the
    dashboard's comparison; the sidebar switch then only picks which one is shown."""
    source = st.session_state.get(SOURCE)
    if source is None:
        st.session_state[RESULT] = None
        return
    signature = (lang(), state.as_of())  # a new source drops the old signature
    if st.session_state.get(SIGNATURE) != signature:
        st.session_state[SIGNATURE] = signature
        st.session_state[BOTH] = {}
        st.session_state.pop(FIGURES, None)
    results = st.session_state.setdefault(BOTH, {})
    try:
        book = None
        for reading in sorted(READINGS, key=lambda r: r != state.reading()):  # the one shown first
            if reading not in results:
                book = book or batch.read_files(batch_source.files(), lang())
                results[reading] = batch.run(book, lang(), as_of=state.as_of(), interpretation=reading,
                                             reading_for_all=True)
        st.session_state[RESULT] = results[state.reading()]
    except Exception:  # any surprise in a user's file: one message, never a traceback
        logging.getLogger(__name__).exception("batch failed")
        st.session_state[RESULT] = None
        st.session_state[BOTH] = {}
        st.session_state["_batch_failed"] = True


def _set_source(source: tuple | None) -> None:
    batch_source.set_source(source)
    st.session_state.pop(BOTH, None)


YUAN_UNITS = {"（元）": "（万元）", "(yuan)": "(×10k yuan)"}


def _in_wan(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The yuan columns shown in 万元 with two decimals, truncated, as every other amount on screen
    (the Excel download keeps yuan); still numbers, so a click on the header sorts them."""
    out, config = frame.copy(), {}
    for column in frame.columns:
        unit = next((u for u in YUAN_UNITS if column.endswith(u)), None)
        if unit is None or not pd.api.types.is_numeric_dtype(frame[column]):
            continue
        name = column[: -len(unit)] + YUAN_UNITS[unit]
        out[column] = [None if pd.isna(v) else float(wan(int(v)).replace(",", "")) for v in frame[column]]
        out = out.rename(columns={column: name})
        config[name] = st.column_config.NumberColumn(name, format="%.2f")
    return out, config


def _clear() -> None:
    _set_source(None)
    st.session_state["batch_uploader_round"] = st.session_state.get("batch_uploader_round", 0) + 1


st.title(t("batch.title"))
st.markdown(t("batch.intro"))
st.caption(":material/lock: " + t("batch.privacy"))

left, right = st.columns(2)
with left:
    st.subheader(t("batch.step_template"))
    st.caption(t("batch.template_help"))
    st.download_button(t("batch.download_template"), data=lambda: batch_book.template_xlsx(lang()),
                       file_name=f"{t('batch.template_file')}.xlsx", mime=XLSX_MIME, icon=":material/download:",
                       key="batch_template", on_click="ignore")
with right:
    st.subheader(t("batch.step_upload"))
    components.uploader_words()
    uploads = st.file_uploader(t("batch.upload_label"), type=["xlsx", "csv"], accept_multiple_files=True,
                               help=t("batch.upload_help"),
                               key=f"batch_upload_{st.session_state.get('batch_uploader_round', 0)}")
    # one wrapping row, each button as wide as its words (two columns cut the English one's label)
    buttons = st.container(horizontal=True, wrap=True)
    buttons.button(t("batch.demo_button"), help=t("batch.demo_help"), on_click=batch_source.load_demo,
                   icon=":material/science:", key="batch_demo")
    buttons.button(t("batch.clear"), on_click=_clear, icon=":material/delete:", key="batch_clear")

ids = tuple((f.name, f.size, getattr(f, "file_id", "")) for f in uploads or [])
if ids != st.session_state.get("batch_seen_uploads", ()):
    st.session_state["batch_seen_uploads"] = ids
    source = st.session_state.get(SOURCE)
    if ids:
        _set_source(("upload", [(f.name, f.getvalue()) for f in uploads], ids))
    elif source is not None and source[0] == "upload":
        _set_source(None)  # the files were removed: so are their results
_refresh()

if st.session_state.pop("_batch_failed", False):
    st.error(t("batch.failed"), icon=":material/error:")


def _show(frame: pd.DataFrame, query: str, total: int, key: str) -> None:
    """A results table: the rows whose name or credit code (the first two columns) hold the search, with
    how many are shown, amounts in 万元."""
    if query:
        name, code = frame.columns[0], frame.columns[1]
        frame = frame[frame[name].str.casefold().str.contains(query, regex=False)
                      | frame[code].str.casefold().str.contains(query, regex=False)]
    st.caption(t("batch.rows_shown", shown=f"{len(frame):,}", total=f"{total:,}"))
    shown, config = _in_wan(frame)
    st.dataframe(shown, hide_index=True, key=key, column_config=config)


def _results(result: batch.BatchResult) -> None:
    """The portfolio's figures, tables, exports and dashboard."""
    if result.synthetic:
        st.warning(t("batch.synthetic_banner"), icon=":material/science:")

    st.header(t("batch.summary_title"))
    m = st.columns([1, 1, 1, 2, 2])
    m[0].metric(t("batch.enterprises_read"), f"{result.enterprises_read:,}")
    m[1].metric(t("batch.assessed"), f"{len(result.entries):,}")
    m[2].metric(t("batch.invalid"), f"{result.invalid:,}")
    m[3].metric(t("batch.total"), t("batch.total_value", wan=wan(sum(e.total_ceiling_yuan for e in result.entries))))
    m[4].metric(t("batch.review"),
                t("batch.total_value", wan=wan(sum(e.review_potential_yuan for e in result.entries))))

    if result.problems:
        header, rows = batch_book.problem_table(result, lang())
        with st.expander(t("batch.problems_title", n=len(result.problems)), expanded=True, icon=":material/warning:"):
            st.caption(t("batch.problems_caption"))
            st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, key="batch_problems")
    else:
        st.success(t("batch.no_problems"), icon=":material/check_circle:")

    st.header(t("batch.results_title"))
    query = st.text_input(t("batch.search"), key="batch_search").strip().casefold()
    tab_ent, tab_items = st.tabs([t("batch.tab_enterprises"), t("batch.tab_items")])
    with tab_ent:
        header, rows = batch_book.enterprise_table(result, lang())
        frame = pd.DataFrame(rows, columns=header)
        if st.checkbox(t("batch.only_positive"), key="batch_only_positive"):
            frame = frame[frame[header[4]] > 0]
        _show(frame, query, len(rows), "batch_enterprises")
    with tab_items:
        header, rows = batch_book.item_table(result, lang())
        frame = pd.DataFrame(rows, columns=header)
        f1, f2 = st.columns(2)
        chosen_items = f1.multiselect(t("batch.filter_items"), batch.items_of(result),
                                      format_func=components.item_name_of, key="batch_filter_items")
        statuses = list(STATUS[lang()].values())
        chosen_status = f2.multiselect(t("batch.filter_status"), statuses, key="batch_filter_status")
        if chosen_items:
            frame = frame[frame[header[2]].isin(chosen_items)]
        if chosen_status:
            frame = frame[frame[header[6]].isin(chosen_status)]
        _show(frame, query, len(rows), "batch_items")

    st.download_button(t("batch.download_results"), data=lambda: batch_book.results_xlsx(result, lang()),
                       file_name=f"{t('batch.results_file')}.xlsx", mime=XLSX_MIME, icon=":material/table:",
                       key="batch_download", on_click="ignore")

    st.header(t("batch.dashboard_title"))
    st.caption(t("batch.dashboard_caption"))
    _compare_readings(st.session_state.get(BOTH) or {})
    cached = st.session_state.get(FIGURES)
    if not cached or cached[0] != (lang(), state.reading()):
        cached = ((lang(), state.reading()), dashboard.all_figures(result, lang()))
        st.session_state[FIGURES] = cached
    figures = cached[1]
    e1, e2 = st.columns(2)
    e1.download_button(t("batch.export_html"), data=lambda: dashboard.dashboard_html(result, lang(), figures),
                       file_name=f"{t('batch.dashboard_file')}.html", mime="text/html", icon=":material/slideshow:",
                       key="batch_export_html", on_click="ignore")
    e2.download_button(t("batch.export_xlsx"), data=lambda: dashboard.dashboard_xlsx(result, lang(), figures),
                       file_name=f"{t('batch.dashboard_file')}.xlsx", mime=XLSX_MIME, icon=":material/table:",
                       key="batch_export_xlsx", on_click="ignore")
    for key, fig, frame in figures:  # each chart's sentence and data are its text equivalent
        components.show_chart(fig, key=f"batch_chart_{key}", summary=_chart_summary(key, frame),
                              table=frame.drop(columns=["item"], errors="ignore"))


def _chart_summary(key: str, frame: pd.DataFrame) -> str | None:
    """A dashboard chart in one sentence, from its data (columns by place: their names are translated);
    None (a count of rows) for an empty chart or one this does not know."""
    if frame.empty:
        return None
    data = frame.drop(columns=["item"], errors="ignore")
    if key == "status":
        return t("batch.summary.status", n=len(data), eligible=int(data.iloc[:, 1].sum()),
                 review=int(data.iloc[:, 2].sum()), ineligible=int(data.iloc[:, 3].sum()))
    if key == "outlay":
        top = data.iloc[:, 3].astype(float).idxmax()
        return t("batch.summary.outlay", total=f"{data.iloc[:, 3].astype(float).sum():,.2f}",
                 name=data.loc[top].iloc[0], year=data.loc[top].iloc[1], top=f"{float(data.loc[top].iloc[3]):,.2f}")
    if key == "caps":
        top = (data.iloc[:, 1] + data.iloc[:, 2]).idxmax()
        return t("batch.summary.caps", subject=int(data.iloc[:, 1].sum()), yearly=int(data.iloc[:, 2].sum()),
                 name=data.loc[top].iloc[0])
    if key == "distribution":
        top = data.iloc[:, 1].idxmax()
        return t("batch.summary.distribution", n=int(data.iloc[:, 1].sum()), bin=data.loc[top].iloc[0],
                 count=int(data.loc[top].iloc[1]))
    if key == "nearest":
        first = data.iloc[0]
        return t("batch.summary.nearest", n=len(data), enterprise=first.iloc[0], item=first.iloc[1], gap=first.iloc[4])
    return None


def _compare_readings(results: dict) -> None:
    """The portfolio on both readings of 就高不重复: the totals and, per item, what each counts."""
    if set(results) != set(READINGS):
        return
    st.subheader(t("batch.compare_title"))
    totals = {r: sum(e.total_ceiling_yuan for e in results[r].entries) for r in READINGS}
    with st.container(horizontal=True):
        for r in READINGS:
            st.metric(t("batch.compare_total", reading=t(f"sidebar.reading_{r}")),
                      t("batch.total_value", wan=wan(totals[r])))
        st.metric(t("batch.compare_difference"), t("batch.total_value", wan=wan(totals["default"] - totals["strict"])))
    per_item: dict[str, dict[str, int]] = {}
    for r in READINGS:
        for e in results[r].entries:
            for item, _year, _sum, _cap, counted in e.item_totals:
                per_item.setdefault(item, dict.fromkeys(READINGS, 0))[r] += counted
    order = sorted(per_item, key=lambda i: [int(x) for x in i.split(".")])
    reading_cols = {r: t("batch.compare_col", reading=t(f"sidebar.reading_{r}")) for r in READINGS}
    st.dataframe(components.text_table({
        t("results.col.item"): order,
        t("results.col.name"): [components.item_name_of(i) for i in order],
        **{reading_cols[r]: [wan(per_item[i][r]) for i in order] for r in READINGS},
        t("batch.compare_col_difference"): [wan(per_item[i]["default"] - per_item[i]["strict"]) for i in order],
    }), hide_index=True, key="batch_compare_readings")
    st.caption(t("batch.compare_caption"))


result: batch.BatchResult | None = st.session_state.get(RESULT)
st.caption(t("batch.as_of_note", date=date(state.as_of()), reading=t(f"sidebar.reading_{state.reading()}")))
if result is None:
    components.note(t("batch.nothing_yet"))
else:
    _results(result)

st.divider()
st.markdown(f"**{t('batch.disclaimer')}**")
