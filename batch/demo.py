"""A synthetic portfolio of enterprises for demos and benchmarks: seeded, realistic ranges, clearly fictitious.

Every enterprise name starts with the synthetic prefix (合成·) and every workbook made from it carries
the synthetic banner, so the data can never be taken for a real district list.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from calculators.content import parameters_on, text
from calculators.credit_code import check_character

_PLACES = ["莘庄", "七宝", "虹桥", "梅陇", "古美", "浦江", "吴泾", "马桥", "颛桥", "华漕", "江川", "紫竹", "新虹", "春申",
           "田园", "航华", "龙柏", "景谷", "漕宝", "剑川"]
_WORDS = ["星河", "光年", "拾光", "云帆", "青禾", "映画", "微澜", "繁星", "知行", "锦程", "新程", "远山", "海棠", "闪映",
          "墨羽", "长风", "半夏", "鲸落", "萤火", "初见"]
_KINDS = ["短剧影业", "文化传媒", "影视制作", "数字科技", "网络科技", "文旅发展", "影视文化", "互动娱乐"]
_WORKS = ["寻味记", "老街", "夜航", "遗珍", "来客", "微光", "归途", "晨曦", "弄堂", "新生", "追光", "拾遗", "江南",
          "烟火", "逆旅", "初心"]


def _code(number: int) -> str:
    # 9 = 工商, 1 = 企业, 310112 = 闵行区; the organisation part starts with "DEM0" so it reads as made up.
    body = f"91310112DEM0{number:05d}"
    return body + check_character(body)


def _money(rng: random.Random, low: float, high: float, step: int = 10_000) -> int:
    """A log-uniform amount in yuan, rounded to ``step`` (money stays an int)."""
    import math

    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    return max(step, int(value) // step * step)


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> str:
    days = max(0, (end - start).days)
    return (start + dt.timedelta(days=rng.randint(0, days))).isoformat()


def demo_profiles(n: int = 300, seed: int = 20260314, as_of: dt.date | None = None,
                  lang: str = "zh") -> list[dict[str, Any]]:
    """Return ``n`` synthetic enterprise profiles (RULES.md §5 dicts), the same for the same seed and date."""
    as_of = as_of or dt.date.today()
    rng = random.Random(seed)
    p = parameters_on(as_of)
    start = p.get("general", "effective_from")
    prefix = text("batch.synthetic_prefix", lang)
    platforms = list(p.get("article2_projects", "major_platforms"))
    year = min(max(as_of.year, start.year), p.get("general", "effective_until").year)
    since = start - dt.timedelta(days=60)  # some events predate the policy: not "new"
    latest = max(min(as_of, p.get("general", "effective_until")), since)
    out = []
    used: set[str] = set()
    for i in range(n):
        while True:
            name = f"{prefix}{rng.choice(_PLACES)}{rng.choice(_WORDS)}{rng.choice(_KINDS)}有限公司"
            if name not in used:
                break
            name = f"{prefix}{rng.choice(_PLACES)}{rng.choice(_WORDS)}{rng.choice(_KINDS)}{i + 1}号有限公司"
            if name not in used:
                break
        used.add(name)
        registered = rng.random()
        ent: dict[str, Any] = {
            "name": name,
            # mostly confirmed; a few unknown (RULES.md §6.5: left out, then review) and a few not
            "registered_in_minhang": True if registered < 0.95 else None if registered < 0.97 else False,
            "false_materials": rng.random() < 0.01,
            "unrepaired_negative_credit": rng.random() < 0.02,
        }
        if rng.random() < 0.6:
            ent["credit_code"] = _code(i + 1)
        prof: dict[str, Any] = {"as_of": as_of.isoformat(), "interpretation": "default", "enterprise": ent}
        if rng.random() < 0.12:
            total = rng.randint(40, 400)
            last = _money(rng, 5e6, 5e8)
            prof["carrier"] = {
                "name": f"{rng.choice(_PLACES)}{rng.choice(['微短剧产业园', '文创园', '数字影视基地', '创意楼宇'])}",
                "year": year, "related_enterprises": int(total * rng.uniform(0.1, 0.7)), "total_enterprises": total,
                "independent_area_sqm": rng.choice([0, rng.randint(1000, 15000)]),
                "revenue_last_year_yuan": last,
                "revenue_this_year_yuan": int(last * rng.uniform(0.9, 1.4)) // 10_000 * 10_000,
            }
        if rng.random() < 0.65:
            works = []
            for j in range(rng.choice([1, 1, 2, 2, 3, 4, 6])):
                fund = rng.choices(["none", "shortlisted", "awarded"], [70, 20, 10])[0]
                work: dict[str, Any] = {
                    "name": f"{rng.choice(_PLACES)}{rng.choice(_WORKS)}{j + 1 if j else ''}",
                    "year": year, "municipal_fund": fund,
                    "platforms": rng.sample(platforms, rng.choice([0, 1, 1, 2])) + (
                        ["other"] if rng.random() < 0.12 else []),
                    "local_culture_minutes": rng.choice([0, 0, 0, 1, 2, 3.5, 5, 8, 12]),
                    "adaptation_first_filing": rng.random() < 0.15,
                }
                if fund != "none" and rng.random() < 0.9:
                    work["municipal_fund_date"] = _date_between(rng, since, latest)
                if any(w["name"] == work["name"] for w in works):
                    work["name"] += f"（{j + 1}）"
                works.append(work)
            prof["projects"] = works
        if rng.random() < 0.08:
            national = rng.random() < 0.3
            prof["tech_platforms"] = [{
                "name": f"{rng.choice(_WORDS)}{rng.choice(['AIGC创作平台', '虚拟制片平台', '版权服务平台'])}",
                "year": year, "national": national, "municipal": (not national) or rng.random() < 0.5,
                "recognised_on": _date_between(rng, since, latest), "investment_yuan": _money(rng, 1e6, 2e7),
            }]
        if rng.random() < 0.08:
            prof["transformation_projects"] = [{
                "name": f"{rng.choice(_WORDS)}{rng.choice(['产学研项目', '联合实验室', '成果转化项目'])}",
                "year": year, "with_research_partner": rng.random() < 0.85,
                "project_investment_yuan": _money(rng, 5e5, 1e7),
            }]
        if rng.random() < 0.25:
            prof["rnd"] = {"year": year, "expenditure_yuan": _money(rng, 2e5, 2e7),
                           "applied_with_results": rng.random() < 0.7}
        if rng.random() < 0.07:
            opened = _date_between(rng, dt.date(2023, 1, 1), as_of - dt.timedelta(days=30))
            prof["venues"] = [{
                "name": f"{rng.choice(_PLACES)}{rng.choice(['沉浸剧场', '拍摄基地', '体验馆'])}",
                "year": year, "opened_on": opened, "positive_media_reports": rng.randint(0, 8),
                "avg_monthly_visitors": rng.randint(1000, 15000),
                "avg_monthly_revenue_yuan": _money(rng, 1e5, 1.5e6),
                "total_investment_yuan": _money(rng, 1e6, 3e7), "previously_supported": rng.random() < 0.05,
            }]
        if rng.random() < 0.15:
            prof["talent"] = {"chunshen_candidates": rng.randint(0, 4), "leads_key_project": rng.random() < 0.5}
        if rng.random() < 0.1:
            prof["training"] = {"trainees": rng.randint(10, 300)}
        out.append(prof)
    return out


def demo_workbook(n: int = 300, seed: int = 20260314, as_of: dt.date | None = None, lang: str = "zh") -> bytes:
    """The synthetic portfolio as a filled template workbook, with the synthetic banner on its first sheet."""
    from reports.batch_book import profiles_workbook

    banner = text("batch.synthetic_banner", lang)
    return profiles_workbook(demo_profiles(n, seed, as_of, lang), lang, banner=banner)
