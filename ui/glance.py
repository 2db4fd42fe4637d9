"""The policy at a glance and where the applicant stands on each article (Overview page).

Which parameter file holds each item's rate and caps is display configuration: the amounts
themselves are read from content/parameters on the assessment date, never written here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from calculators import Assessment
from calculators.content import articles, items, parameters_on

from . import plot, theme
from .components import LEGEND_BELOW, chart_title, note, show_chart, status_label
from .fmt import plot_text, wan
from .i18n import has, lang, t

# item -> (rate, per-subject cap, second cap (4.1 municipal), yearly cap) as (file, name) or None
ITEM_PARAMETERS: dict[str, dict[str, tuple[str, str]]] = {
    "1": {"rate": ("article1_carrier", "support_rate"), "cap": ("article1_carrier", "cap_yuan")},
    "2.1": {"cap": ("article2_projects", "awarded_cap_yuan")},
    "2.2": {"cap": ("article2_projects", "shortlisted_cap_yuan"),
            "yearly": ("article2_projects", "shortlisted_yearly_cap_yuan")},
    "2.3": {"cap": ("article2_projects", "platform_cap_yuan"),
            "yearly": ("article2_projects", "platform_yearly_cap_yuan")},
    "3.1": {"per_minute": ("article3_works", "local_culture_per_extra_minute_yuan"),
            "cap": ("article3_works", "local_culture_cap_yuan")},
    "3.2": {"cap": ("article3_works", "adaptation_cap_yuan"),
            "yearly": ("article3_works", "adaptation_yearly_cap_yuan")},
    "4.1": {"rate": ("article4_platforms", "platform_support_rate"),
            "cap": ("article4_platforms", "platform_national_cap_yuan"),
            "cap2": ("article4_platforms", "platform_municipal_cap_yuan")},
    "4.2": {"rate": ("article4_platforms", "transformation_support_rate"),
            "cap": ("article4_platforms", "transformation_cap_yuan")},
    "5": {"rate": ("article5_rnd", "rnd_support_rate"), "cap": ("article5_rnd", "rnd_cap_yuan")},
    "6": {"rate": ("article6_venues", "venue_support_rate"),
          "yearly": ("article6_venues", "venue_yearly_cap_yuan")},
    "7": {},
    "8": {},
}

ARTICLE_PAGES = {1: "pages/carriers.py", 2: "pages/projects.py", 3: "pages/projects.py",
                 4: "pages/technology.py", 5: "pages/technology.py", 6: "pages/venues.py",
                 7: "pages/talent.py", 8: "pages/talent.py"}

STATUS_ORDER = ("eligible", "review", "ineligible", "superseded")


def policy_articles() -> list[dict[str, Any]]:
    """The eight articles that offer support (the 附则 section numbers its own articles 1-3)."""
    numbered = {int(spec["article"]) for spec in items().values()}
    seen: dict[int, dict[str, Any]] = {}
    for section in articles()["sections"]:
        for a in section["articles"]:
            if a["number"] in numbered and a["number"] not in seen:
                seen[a["number"]] = {**a, "heading": section["heading"]}
    return [seen[n] for n in sorted(seen)]


def article_titles() -> dict[int, str]:
    return {a["number"]: a["title"] for a in policy_articles()}


def offer_text(item: str, as_of: dt.date) -> str:
    """What one item offers, in words, with its amounts from the parameters in force on ``as_of``."""
    p = parameters_on(as_of)
    spec = ITEM_PARAMETERS[item]
    parts: list[str] = []
    if "per_minute" in spec:
        parts.append(t("glance.per_minute", wan=wan(int(p.get(*spec["per_minute"])))))
    if "rate" in spec:
        parts.append(t("glance.rate", rate=f"{(Decimal(p.get(*spec['rate'])) * 100).normalize():f}%"))
    if "cap" in spec and "cap2" in spec:
        parts.append(t("glance.caps_two", national=wan(int(p.get(*spec["cap"]))),
                       municipal=wan(int(p.get(*spec["cap2"])))))
    elif "cap" in spec:
        parts.append(t("glance.cap", wan=wan(int(p.get(*spec["cap"])))))
    if "yearly" in spec:
        parts.append(t("glance.yearly", wan=wan(int(p.get(*spec["yearly"])))))
    if not parts:
        parts.append(t("glance.unquantified"))
    return t("glance.join").join(parts)


def article_title(number: int, title: str) -> str:
    """An article's title in the current language: the policy's own words in Chinese, the interface's
    translation in English (the policy exists in Chinese only)."""
    key = f"glance.article_title.{number}"
    return t(key) if lang() == "en" and has(key) else title


def article_items() -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for item_id, spec in items().items():
        out.setdefault(int(spec["article"]), []).append(item_id)
    return out


def standing(a: Assessment | None) -> list[dict[str, Any]]:
    """Per article: its overall status, subjects per status and the counted amount."""
    by_article = article_items()
    rows = []
    for number, title in sorted(article_titles().items()):
        ids = by_article.get(number, [])
        results = [r for r in (a.items if a else []) if r.item in ids]
        counts = {s: sum(1 for r in results if r.status == s) for s in STATUS_ORDER}
        status = next((s for s in STATUS_ORDER if counts[s]), "not_entered")
        counted = sum(tt.total_yuan for tt in (a.item_totals if a else []) if tt.item in ids)
        rows.append({"article": number, "title": title, "status": status, "counts": counts,
                     "counted_yuan": counted, "items": ids})
    return rows


def standing_chart(a: Assessment | None, key: str | None = None) -> None:
    """Each article: how many subjects are eligible / not yet / in review; grey if not entered."""
    rows = standing(a)
    if not rows:
        note(t("glance.nothing"))
        return
    labels = [plot_text(t("glance.article_label", n=r["article"], title=article_title(r["article"], r["title"])))
              for r in rows]
    fig = plot.Figure()
    for status in STATUS_ORDER:
        values = [r["counts"][status] for r in rows]
        if any(values):
            fig.add_bar(name=status_label(status), y=labels, x=values, orientation="h",
                        marker_color=theme.STATUS_COLOURS[status], text=[v or "" for v in values],
                        textposition="inside", textangle=0)
    missing = [label for label, r in zip(labels, rows, strict=True) if r["status"] == "not_entered"]
    if missing:  # said in words at zero, not drawn as a bar (a bar of 1 would read as one result)
        fig.add_scatter(name=status_label("not_entered"), y=missing, x=[0] * len(missing), mode="text",
                        text=["\u2002" + status_label("not_entered")] * len(missing), textposition="middle right",
                        hoverinfo="skip", showlegend=False)
    most = max(3, max(sum(r["counts"].values()) for r in rows))
    # each article's name above its bar, across the chart's whole width, not beside it (beside it, the names
    # took most of a phone's width and left the bars a few pixels), with the amount it counts on a second line
    names = [{"text": label + (f"<br>{t('glance.counted_label', wan=wan(r['counted_yuan']))}" if r["counted_yuan"]
                               else ""),
              "x": 0, "xref": "paper", "xanchor": "left", "align": "left", "y": label, "yref": "y", "yshift": 20,
              "yanchor": "bottom", "showarrow": False, "font": {"size": theme.BASE_FONT_SIZE - 2}}
             for label, r in zip(labels, rows, strict=True)]
    fig.update_layout(**theme.layout(
        # the legend names each colour's status even when only one status is drawn (Plotly hides the
        # legend of a single trace): the status is never told by colour alone
        title=t("glance.chart_title"), barmode="stack", height=250 + 84 * len(rows), bargap=0.58,
        legend={**LEGEND_BELOW, "traceorder": "normal"}, annotations=names, margin={"l": 10, "b": 250},
        showlegend=True,
        xaxis={"title": chart_title(t("glance.chart_axis")), "range": [0, most * 1.05],
               "tickformat": "d", **({"dtick": 1} if most <= 10 else {})},
        yaxis={"autorange": "reversed", "showticklabels": False},
    ))
    counts = t("glance.join").join(
        t("glance.summary_count", status=status_label(status), n=sum(r["counts"][status] for r in rows))
        for status in STATUS_ORDER if any(r["counts"][status] for r in rows))
    summary = t("glance.chart_summary", n=len(rows), counts=counts or t("glance.summary_none"))
    if any(missing):
        summary += t("glance.summary_missing", missing=len(missing))
    show_chart(fig, key=key, summary=summary)
