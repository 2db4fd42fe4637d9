"""附则: the conditions every clause shares (in force, who may apply, credit)."""

from __future__ import annotations

import datetime as dt

from .content import Parameters, message, passes
from .models import Check, Enterprise


def in_force(as_of: dt.date, params: Parameters, lang: str) -> Check:
    """本措施自 2026 年 3 月 14 日起施行，有效期至 2028 年 3 月 13 日。"""
    start = params.get("general", "effective_from")
    end = params.get("general", "effective_until")
    passed = passes("general.effective_from", as_of, start) and passes("general.effective_until", as_of, end)
    period = f"{start.isoformat()} – {end.isoformat()}"
    code = "in_force" if passed else "not_in_force"
    return Check(
        code=code,
        passed=passed,
        message=message("checks", code, lang, actual=as_of.isoformat(), required=period),
        actual=as_of.isoformat(),
        required=period,
        comparison="within",
        parameter="general.effective_from",
    )


def registered_in_minhang(enterprise: Enterprise, lang: str) -> Check:
    """本措施适用于符合闵行区微短剧产业及相关领域的各类市场主体。

    Not assumed (RULES.md §6.5): left out, it is unknown, a condition for the bureau to confirm, so an
    item that would be eligible is ``review`` instead and counts only in the review potential.
    """
    if enterprise.registered_in_minhang is None:
        code = "minhang_unconfirmed"
        return Check(code=code, passed=False, message=message("checks", code, lang), comparison="review")
    passed = enterprise.registered_in_minhang
    code = "in_minhang" if passed else "not_in_minhang"
    return Check(code=code, passed=passed, message=message("checks", code, lang), comparison="bool")


def credit_clean(enterprise: Enterprise, lang: str) -> Check:
    """对存在提供虚假材料、伪造申报信息等违规申报情形的市场主体，或在“信用中国”等官方信用平台有司法判决、
    行政处罚等负面记录且未修复的市场主体，限制或取消其扶持资格。"""
    passed = not (enterprise.false_materials or enterprise.unrepaired_negative_credit)
    code = "credit_ok" if passed else "credit_restricted"
    return Check(code=code, passed=passed, message=message("checks", code, lang), comparison="bool")


def all_gates(as_of: dt.date, enterprise: Enterprise, params: Parameters, lang: str) -> tuple[Check, ...]:
    return (
        in_force(as_of, params, lang),
        registered_in_minhang(enterprise, lang),
        credit_clean(enterprise, lang),
    )
