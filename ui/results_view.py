"""The Results page's pieces: the table of every item, the caps chart, review items, materials, exports.

Everything here draws what the engine returned; the amounts are never recomputed.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import pyarrow as pa
import streamlit as st

from calculators import Assessment, ItemResult
from calculators.content import items

from . import plot, state, theme
from .components import (
    badge_md,
    ceiling_text,
    item_name_of,
    item_title,
    note,
    policy_link,
    show_chart,
    status_label,
    text_table,
    uploader_words,
)
from .fmt import md, wan, wan_value
from .i18n import lang, t


def _uncapped(r: ItemResult) -> int | None:
    """The amount before the per-item cap (for a fixed-cap item, the cap itself is the amount)."""
    if r.uncapped_yuan is not None:
        return r.uncapped_yuan
    return r.cap_yuan if r.kind != "unquantified" else None


def _wan_or_dash(yuan: int | None) -> str:
    """An amount in 万元, or "—" where the item has none (no cap, no amount in the text)."""
    return "—" if yuan is None else wan(yuan)


def items_frame(a: Assessment) -> pa.Table:
    """Every item and subject, one row each: the amounts as 万元 text (exact, two decimals)."""
    rs = a.items
    return text_table({
        # the item's number and name in one column: the column a phone holds while the rest scrolls
        t("results.col.item"): [f"{r.item} {item_name_of(r.item)}" for r in rs],
        t("results.col.subject"): [r.subject or "—" for r in rs],
        t("results.col.year"): [str(r.year) for r in rs],
        t("results.col.status"): [status_label(r.status) for r in rs],
        t("results.col.uncapped"): [_wan_or_dash(r.uncapped_yuan) for r in rs],
        t("results.col.cap"): [_wan_or_dash(r.cap_yuan) for r in rs],
        t("results.col.ceiling"): [ceiling_text(r) for r in rs],
        t("results.col.yearly_cap"): [_wan_or_dash(r.yearly_cap_yuan) for r in rs],
    })


def totals_frame(a: Assessment) -> pa.Table:
    """Per item and year: the eligible ceilings added up, the yearly cap, and what is counted."""
    ts = a.item_totals
    return text_table({
        t("results.col.item"): [f"{tt.item} {item_name_of(tt.item)}" for tt in ts],
        t("results.col.year"): [str(tt.year) for tt in ts],
        t("results.col.sum"): [wan(tt.sum_yuan) for tt in ts],
        t("results.col.yearly_cap"): [_wan_or_dash(tt.yearly_cap_yuan) for tt in ts],
        t("results.col.counted"): [wan(tt.total_yuan) for tt in ts],
        t("results.col.binds"): [t("results.binds") if tt.total_yuan < tt.sum_yuan else "" for tt in ts],
    })


def stages(a: Assessment) -> list[dict[str, Any]]:
    """Per item and year, over its eligible subjects: uncapped -> after item cap -> counted."""
    acc: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: {"uncapped": 0, "ceiling": 0})
    for r in a.items:
        if r.status == "eligible" and r.ceiling_yuan:
            acc[(r.item, r.year)]["uncapped"] += _uncapped(r) or r.ceiling_yuan
            acc[(r.item, r.year)]["ceiling"] += r.ceiling_yuan
    out = []
    for tt in a.item_totals:
        if (tt.item, tt.year) in acc:
            out.append({"item": tt.item, "year": tt.year, **acc[(tt.item, tt.year)], "counted": tt.total_yuan,
                        "yearly_cap": tt.yearly_cap_yuan})
    return out


def stage_chart(a: Assessment, key: str | None = None) -> None:
    """Every eligible item: by the rate, after its own cap, after the yearly cap (= counted)."""
    rows = stages(a)
    if not rows:
        note(t("results.no_eligible_chart"))
        return
    years = {r["year"] for r in rows}
    labels = [f"{r['item']} {item_name_of(r['item'])}" + (f" {r['year']}" if len(years) > 1 else "") for r in rows]
    fig = plot.Figure()
    for stage, colour in (("uncapped", "uncapped"), ("ceiling", "item_cap"), ("counted", "counted")):
        fig.add_bar(
            name=t(f"results.stage.{stage}"), y=labels, x=[wan_value(r[stage]) for r in rows], orientation="h",
            marker_color=theme.STAGE_COLOURS[colour], text=[wan(r[stage]) for r in rows], textposition="outside",
        )
    top = max(wan_value(max(r["uncapped"], r["ceiling"], r["counted"])) for r in rows)
    fig.update_layout(**theme.layout(
        title=t("results.stage_title"), barmode="group", height=max(320, 150 + 90 * len(rows)),
        legend={"traceorder": "normal"},
        xaxis={"title": t("chart.wan_axis"), "range": [0, top * Decimal("1.2") or 1]},
        yaxis={"autorange": "reversed"},
    ))
    summary = t("results.stage_summary", n=len(rows), wan=wan(sum(r["counted"] for r in rows)))
    show_chart(fig, key=key, summary=summary)


def article_links(a: Assessment) -> None:
    """One link per article the results rest on, to its text on the Policy page."""
    numbers = sorted({int(items()[r.item]["article"]) for r in a.items})
    if not numbers:
        return
    st.caption(t("results.articles_used"))
    with st.container(horizontal=True, wrap=True):  # one block for the links, not a block of columns
        for n in numbers:
            policy_link(n)


def unmet_reasons(a: Assessment) -> None:
    """Every item not yet eligible (or not added under 就高不重复), each with every condition it does not
    meet, in one framed text: the reasons are here as well as on each section page, where they are
    shown one subject at a time."""
    rows = [r for r in a.items if r.status in ("ineligible", "superseded")]
    if not rows:
        note(t("results.no_reasons"))
        return
    texts = []
    for r in rows:
        reasons = [f"- :orange[:material/cancel:] {md(u.message)}" for u in r.unmet]
        if r.status == "superseded" or not reasons:  # its reason is its note (就高不重复, the dates)
            reasons += [f"- :gray[:material/remove_circle:] {md(n)}" for n in r.notes]
        texts.append(f"**{md(item_title(r))}** {badge_md(r.status)}\n\n" + "\n".join(reasons))
    with st.container(border=True):
        st.caption(t("results.reasons_caption"))
        st.markdown("\n\n".join(texts))


def review_items(a: Assessment) -> None:
    """Every item left to review, in one framed text: its amount, the checks the bureau makes, its notes.
    (Its article's link is in the row of article links above; Streamlit's cost is per element.)"""
    rows = [r for r in a.items if r.status == "review"]
    if not rows:
        note(t("results.no_review"))
        return
    texts = []
    for r in rows:
        lines = [f"**{md(item_title(r))}** — {ceiling_text(r)}"]
        checks = [f"- {md(c.message)}" for c in r.checks if c.comparison == "review"]
        if checks:
            lines.append("\n".join(checks))
        lines += [f":small[:gray[· {md(n)}]]" for n in r.notes]
        texts.append("\n\n".join(lines))
    with st.container(border=True):
        st.markdown("\n\n---\n\n".join(texts))


def materials(a: Assessment) -> None:
    ids = []
    for r in a.items:
        if r.status in ("eligible", "review") and r.item not in ids:
            ids.append(r.item)
    if not ids:
        note(t("results.no_materials"))
        return
    for item_id in ids:
        with st.expander(t("results.materials_for", item=item_id, name=item_name_of(item_id)), expanded=False):
            for m in items()[item_id]["materials"][lang()]:
                st.checkbox(m, key=f"materials:{item_id}:{m}")


# ---- exports and upload -----------------------------------------------------------------------


def _reports() -> Any:
    import reports

    return reports


def downloads(a: Assessment) -> None:
    """PDF, Excel and JSON of this assessment, each built only when its button is clicked.

    The builders get this run's assessment and profile (not the session), so a download is always the
    figures on screen; a PDF of a large profile takes seconds, too long to build on every rerun.
    """
    rep = _reports()
    model = state.validated_profile()
    if model is None:
        note(t("results.exports_unavailable"))
        return
    stem = t("results.file_stem", date=a.as_of.isoformat())
    lg = lang()
    row = st.container(horizontal=True)  # one block for the three buttons, not four (columns)
    row.download_button(t("results.download_pdf"), data=lambda: rep.build_pdf_or_notice(a, model, lg),
                        file_name=f"{stem}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                        key="download_pdf", on_click="ignore")
    row.download_button(t("results.download_xlsx"), data=lambda: rep.build_xlsx(a, model, lg),
                        file_name=f"{stem}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        icon=":material/table:", key="download_xlsx", on_click="ignore")
    row.download_button(t("results.download_json"), data=lambda: rep.profile_to_json(model),
                        file_name=f"{stem}.json", mime="application/json", icon=":material/data_object:",
                        key="download_json", on_click="ignore")
    st.caption(t("results.exports_note"))


def _on_upload() -> None:
    rep = _reports()
    upload = st.session_state.get("upload_profile")
    if upload is None:
        return
    model, problems = rep.profile_from_json(upload.getvalue(), lang())
    if model is None:
        st.session_state["_upload_problems"] = [str(p) for p in problems] or [t("results.upload_bad")]
        return
    state.replace_profile(state.normalise(model))
    st.session_state["_flash"] = ("success", t("results.upload_ok", name=md(upload.name)))


def upload() -> None:
    uploader_words()
    st.file_uploader(t("results.upload"), type=["json"], key="upload_profile", on_change=_on_upload,
                     help=t("results.upload_help"))
    bad = st.session_state.pop("_upload_problems", None)
    if bad:
        st.error(t("results.upload_bad") + "\n\n" + "\n".join(f"- {md(m)}" for m in bad))
