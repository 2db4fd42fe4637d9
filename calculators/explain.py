"""A readable summary of an assessment, for the command line and plain-text reports."""

from __future__ import annotations

from .content import item_name, items
from .models import Assessment
from .money import fmt_number

STATUS = {
    "zh": {"eligible": "可申报", "ineligible": "暂不符合", "review": "需评审认定", "superseded": "已按就高不重复"},
    "en": {"eligible": "Eligible", "ineligible": "Not yet", "review": "Needs review", "superseded": "Not added (no duplication)"},
}


def wan(yuan: int) -> str:
    """Yuan as 万元 with two decimals (truncated: a ceiling is never overstated)."""
    return f"{yuan // 10000:,}.{(yuan % 10000) // 100:02d}"


def ceiling_phrase(yuan: int | None, kind: str, lang: str) -> str:
    if yuan is None or kind == "unquantified":
        return "金额以评审及相关规定为准" if lang == "zh" else "amount set by review and the relevant rules"
    if kind == "fixed":
        return f"{wan(yuan)} 万元（固定额度）" if lang == "zh" else f"{wan(yuan)} ×10k yuan (fixed amount)"
    return f"最高可达 {wan(yuan)} 万元" if lang == "zh" else f"up to {wan(yuan)} ×10k yuan"


def explain(a: Assessment, lang: str = "zh") -> str:
    """Return the assessment as lines of text: each item's status, ceiling, reasons and clause."""
    zh = lang == "zh"
    reading = {"default": "默认口径" if zh else "default reading", "strict": "严格口径" if zh else "strict reading"}
    lines = [
        f"{a.policy}  {a.enterprise}",
        (f"测算日期 {a.as_of.isoformat()}，就高不重复：{reading[a.interpretation]}" if zh
         else f"Assessed on {a.as_of.isoformat()}, {reading[a.interpretation]}"),
        "",
    ]
    for r in a.items:
        article = items()[r.item]["article"]
        head = f"[{r.item}] {item_name(r.item, lang)}" + (f"「{r.subject}」" if r.subject else "") + f" {r.year}"
        lines.append(head)
        status = STATUS[lang][r.status]
        amount = ceiling_phrase(r.ceiling_yuan, r.kind, lang) if r.status in ("eligible", "review") else ""
        lines.append(f"  {status}" + (f"：{amount}" if amount and zh else f": {amount}" if amount else ""))
        for u in r.unmet:
            lines.append(("  未满足：" if zh else "  Unmet: ") + u.message)
        for c in r.checks:
            if c.comparison == "review":
                lines.append(("  待认定：" if zh else "  For review: ") + c.message)
        for n in r.notes:
            lines.append("  · " + n)
        if r.year_note:
            lines.append("  · " + r.year_note)
        lines.append((f"  依据：第{article}条" if zh else f"  Clause: article {article}") + f"  {items()[r.item]['clause'][:60]}…")
        lines.append("")
    for t in a.item_totals:
        if t.yearly_cap_yuan is not None and t.sum_yuan > t.yearly_cap_yuan:
            lines.append(
                f"第{t.item}项 {t.year} 年合计 {fmt_number(t.sum_yuan)} 元，按每年上限 {fmt_number(t.yearly_cap_yuan)} 元计"
                if zh else
                f"Item {t.item} in {t.year}: {fmt_number(t.sum_yuan)} yuan, counted at the yearly cap {fmt_number(t.yearly_cap_yuan)}"
            )
    if a.claims:
        lines.append("严格口径下各作品所计项目：" if zh else "Strict reading, the item each work claims:")
        for c in a.claims:
            lines.append(
                f"  「{c.subject}」按第{c.item}项计：{c.reason}" if zh
                else f"  \"{c.subject}\" claims {c.item}: {c.reason}"
            )
    lines.append(
        f"合计最高可达 {wan(a.total_ceiling_yuan)} 万元（{fmt_number(a.total_ceiling_yuan)} 元）" if zh
        else f"Total: up to {fmt_number(a.total_ceiling_yuan)} yuan"
    )
    if a.review_potential_yuan:
        lines.append(
            f"另有需评审认定的项目，最高可再达 {wan(a.review_potential_yuan)} 万元" if zh
            else f"Items in review could add up to {fmt_number(a.review_potential_yuan)} yuan"
        )
    for n in a.notes:
        lines.append("· " + n)
    lines.append(
        "本结果仅供参考，实际扶持以区文旅局评审认定为准。" if zh
        else "For reference only: the district bureau's review decides any award."
    )
    return "\n".join(lines)
