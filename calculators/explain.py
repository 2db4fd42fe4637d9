"""A readable summary of an assessment, for the command line and plain-text reports.

Its words are in content/i18n/explain.yaml (``explain.*`` in the one text catalogue).
"""

from __future__ import annotations

from .content import LANGS, item_name, items, quoted, text
from .models import Assessment
from .money import fmt_number, wan

__all__ = ["STATUS", "ceiling_phrase", "explain", "wan"]

# Each status's name in each language (content/i18n/explain.yaml), for callers that want the mapping.
STATUS = {
    lang: {s: text(f"explain.status.{s}", lang) for s in ("eligible", "ineligible", "review", "superseded")}
    for lang in LANGS
}


def ceiling_phrase(yuan: int | None, kind: str, lang: str) -> str:
    if yuan is None or kind == "unquantified":
        return text("explain.ceiling.unquantified", lang)
    return text("explain.ceiling.fixed" if kind == "fixed" else "explain.ceiling.up_to", lang, wan=wan(yuan))


def explain(a: Assessment, lang: str = "zh") -> str:
    """Return the assessment as lines of text: each item's status, ceiling, reasons and clause."""

    def say(key: str, **values) -> str:
        return text(f"explain.{key}", lang, **values)

    lines = [
        f"{a.policy}  {a.enterprise}",
        say("heading", as_of=a.as_of.isoformat(), reading=say(f"reading.{a.interpretation}")),
        "",
    ]
    for r in a.items:
        article = items()[r.item]["article"]
        subject = quoted(r.subject, lang) if r.subject else ""
        head = f"[{r.item}] {item_name(r.item, lang)}{subject} {r.year}"
        lines.append(head)
        status = say(f"status.{r.status}")
        amount = ceiling_phrase(r.ceiling_yuan, r.kind, lang) if r.status in ("eligible", "review") else ""
        lines.append(say("status_line", status=status, amount=amount) if amount else f"  {status}")
        for u in r.unmet:
            lines.append(say("unmet", message=u.message))
        for c in r.checks:
            if c.comparison == "review":
                lines.append(say("for_review", message=c.message))
        for n in r.notes:
            lines.append("  · " + n)
        if r.year_note:
            lines.append("  · " + r.year_note)
        lines.append(say("clause", article=article, clause=items()[r.item]["clause"][:60]))
        lines.append("")
    for t in a.item_totals:
        if t.yearly_cap_yuan is not None and t.sum_yuan > t.yearly_cap_yuan:
            lines.append(say("yearly_cap", item=t.item, year=t.year, sum=wan(t.sum_yuan), cap=wan(t.yearly_cap_yuan)))
    if a.claims:
        lines.append(say("claims_heading"))
        for c in a.claims:
            lines.append(say("claim", subject=c.subject, item=c.item, reason=c.reason))
    lines.append(say("total", wan=wan(a.total_ceiling_yuan), yuan=fmt_number(a.total_ceiling_yuan)))
    if a.review_potential_yuan:
        lines.append(say("review_potential", wan=wan(a.review_potential_yuan),
                         yuan=fmt_number(a.review_potential_yuan)))
    for n in a.notes:
        lines.append("· " + n)
    lines.append(say("disclaimer"))
    return "\n".join(lines)
