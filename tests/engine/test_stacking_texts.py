"""附则1 就高不重复 as the cards and reports say it: each work's claim under the strict reading and why,
what claiming another item would change, and what another Minhang policy's support does to an item.

Every figure is worked out by hand from the policy's amounts: 2.1 300 万元, 2.2 100 万元 (每年 200 万元),
2.3 60 万元 (每年 300 万元), 3.2 30 万元, 3.1 1 万元 a whole minute, 5 30% of R&D (最高 300 万元).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from calculators import assess, validate_profile
from calculators.content import Parameters

ENTERPRISE = {"name": "甲", "registered_in_minhang": True}


def _assess(lang: str = "zh", **sections):
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, **sections}, lang)
    assert model is not None, problems
    return assess(model, lang)


def _work(name: str, **fields) -> dict:
    return {"name": name, "year": 2026, "municipal_fund": "shortlisted", "municipal_fund_date": "2026-05-01", **fields}


def _item(a, item: str, subject):
    (r,) = [r for r in a.items if r.item == item and r.subject == subject]
    return r


def test_a_work_that_meets_only_one_competing_item_claims_it():
    a = _assess(interpretation="strict", projects=[{**_work("剧"), "municipal_fund": "awarded"}])
    (claim,) = a.claims
    assert (claim.subject, claim.item, claim.ceiling_yuan, claim.alternatives) == ("剧", "2.1", 3000000, [])
    assert claim.reason == "严格口径：本作品在第2.1、2.2、2.3、3.2项中只符合第2.1项，按该项计（最高可达 300.00 万元）"
    assert claim.reason in _item(a, "2.1", "剧").notes


def test_a_work_claims_its_highest_item_and_the_others_say_what_switching_costs():
    """2.2 1,000,000 > 2.3 600,000 > 3.2 300,000: claiming 2.3 instead loses 400,000, 3.2 700,000."""
    a = _assess(interpretation="strict", projects=[_work("剧", platforms=["tencent"], adaptation_first_filing=True)])
    (claim,) = a.claims
    assert claim.reason == "严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 100.00 万元）"
    assert [(x.item, x.ceiling_yuan, x.change_yuan) for x in claim.alternatives] == [
        ("2.3", 600000, -400000), ("3.2", 300000, -700000)]
    r23, r32 = _item(a, "2.3", "剧"), _item(a, "3.2", "剧")
    assert (r23.status, r23.ceiling_yuan, r32.status, r32.ceiling_yuan) == ("superseded", 0, "superseded", 0)
    assert r23.notes[-1] == ("严格口径：同一作品在第2.1、2.2、2.3、3.2项中只计一项，本作品计第2.2项，本项不重复享受；"
                             "改计本项，企业合计将减少 40.00 万元")
    assert r32.notes[-1].endswith("改计本项，企业合计将减少 70.00 万元")
    assert a.total_ceiling_yuan == 1000000
    en = _assess("en", interpretation="strict", projects=[_work("剧", platforms=["tencent"])])
    assert en.claims[0].reason == (
        "Strict reading: one work counts under one item only; this work claims 2.2, the highest (up to 100.00 ×10k yuan)")
    assert _item(en, "2.3", "剧").notes[-1].endswith("claiming this one instead, the enterprise's total would fall by 40.00 ×10k yuan")


def test_a_third_work_takes_23_when_22s_yearly_cap_is_full():
    """Three works each shortlisted (2.2) and on 腾讯 (2.3): two 2.2 fill 单个企业每年不超过 200 万元, the third
    claims 2.3: 2,000,000 + 600,000 = 2,600,000. Switching the third to 2.2 adds nothing to 2.2 and loses
    its 600,000; switching the first to 2.3 gives 1,000,000 + 1,200,000 = 2,200,000, 400,000 less."""
    a = _assess(interpretation="strict", projects=[_work(f"剧{i}", platforms=["tencent"]) for i in (1, 2, 3)])
    assert [(c.subject, c.item) for c in a.claims] == [("剧1", "2.2"), ("剧2", "2.2"), ("剧3", "2.3")]
    assert a.claims[2].reason == (
        "严格口径：同一作品只计一项。第2.2项限额更高（100.00 万元），但其 2026 年度每年上限 200.00 万元已由其他作品用足，"
        "改计该项企业合计将减少 60.00 万元；故本作品按第2.3项计（最高可达 60.00 万元），企业合计最高")
    assert [(x.item, x.change_yuan) for x in a.claims[0].alternatives] == [("2.3", -400000)]
    assert [(x.item, x.change_yuan) for x in a.claims[2].alternatives] == [("2.2", -600000)]
    assert a.total_ceiling_yuan == 2600000
    assert [(t.item, t.sum_yuan, t.total_yuan) for t in a.item_totals] == [("2.2", 2000000, 2000000), ("2.3", 600000, 600000)]


def test_a_review_item_of_a_claiming_work_would_replace_the_claim_never_add():
    a = _assess(interpretation="strict", projects=[_work("剧", platforms=["other"])])
    r23 = _item(a, "2.3", "剧")
    assert (r23.status, r23.ceiling_yuan) == ("review", 600000)
    assert r23.notes[-1] == "严格口径：本作品已计第2.2项（最高可达 100.00 万元），本项即使认定也只能与之择一，只计增加的部分"
    assert (a.total_ceiling_yuan, a.review_potential_yuan) == (1000000, 0)


RND = {"expenditure_yuan": 1000000, "applied_with_results": True}  # 30% = 300,000


def test_other_support_at_or_above_this_policys_amount_supersedes_it():
    """同一项目不得重复享受本区同层级、同类型政策: 300,000 of other support is not less than 300,000."""
    a = _assess(rnd={**RND, "other_minhang_support_yuan": 300000})
    (r,) = a.items
    assert (r.status, r.ceiling_yuan, r.other_support_yuan, a.total_ceiling_yuan) == ("superseded", 0, D(300000), 0)
    assert r.notes[-1] == ("同一项目已获本区其他同层级、同类型政策支持 30.00 万元，不低于本政策对该项目最高可达的 30.00 万元："
                           "依据“就高不重复”只能享受较高的一项，本政策各项不再计入")


def test_other_support_a_fen_below_this_policys_amount_leaves_it_with_the_net_gain():
    a = _assess(rnd={**RND, "other_minhang_support_yuan": "299999.99"})
    (r,) = a.items
    assert (r.status, r.ceiling_yuan, a.total_ceiling_yuan) == ("eligible", 300000, 300000)
    assert r.notes[-1] == ("同一项目已获本区其他同层级、同类型政策支持 29.999999 万元：依据“就高不重复”，申领本政策扶持"
                           "（最高可达 30.00 万元）须放弃该支持，净增最高 0.000001 万元")
    en = _assess("en", rnd={**RND, "other_minhang_support_yuan": "299999.99"})
    assert en.items[0].notes[-1] == (
        "The same project already has 29.999999 ×10k yuan of other Minhang support of the same level and type: taking "
        "this policy's support (up to 30.00 ×10k yuan) means giving that up, a net gain of at most 0.000001 ×10k yuan")


def test_no_other_support_or_an_ineligible_item_changes_nothing():
    (zero,) = _assess(rnd={**RND, "other_minhang_support_yuan": 0}).items
    assert (zero.status, zero.ceiling_yuan, zero.other_support_yuan) == ("eligible", 300000, None)
    assert not any("其他同层级" in n for n in zero.notes)
    (no,) = _assess(rnd={**RND, "applied_with_results": False, "other_minhang_support_yuan": 100}).items
    assert (no.status, no.ceiling_yuan, no.other_support_yuan) == ("ineligible", 0, D(100))
    assert not any("其他同层级" in n for n in no.notes)


def test_other_support_is_compared_with_what_the_work_could_bring_in_each_reading():
    """A work with 2.2 (1,000,000), 2.3 (600,000) and 3.1 (1 minute, 10,000). The default reading adds
    them: 1,610,000; the strict one counts one of 2.2/2.3: 1,010,000. Other support of 1,010,000 leaves the
    default reading's items with a net gain of 600,000 and supersedes the strict reading's."""
    work = _work("剧", platforms=["tencent"], local_culture_minutes=1, other_minhang_support_yuan=1010000)
    default = _assess(projects=[work])
    assert _item(default, "2.2", "剧").notes[-1].endswith("申领本政策扶持（最高可达 161.00 万元）须放弃该支持，净增最高 60.00 万元")
    assert default.total_ceiling_yuan == 1610000
    strict = _assess(interpretation="strict", projects=[work])
    assert [(i, _item(strict, i, "剧").status) for i in ("2.2", "2.3", "3.1")] == [
        ("2.2", "superseded"), ("2.3", "superseded"), ("3.1", "superseded")]
    # only what the policy could bring gives way: the items the work does not meet stay not met
    assert [(i, _item(strict, i, "剧").status) for i in ("2.1", "3.2")] == [("2.1", "ineligible"), ("3.2", "ineligible")]
    assert _item(strict, "3.1", "剧").notes[-1].startswith(
        "同一项目已获本区其他同层级、同类型政策支持 101.00 万元，不低于本政策对该项目最高可达的 101.00 万元")
    assert strict.total_ceiling_yuan == 0


def _tencent_adaptations(n: int) -> list[dict]:
    """``n`` works of 2026, each aired on 腾讯 (2.3) and a first-filed adaptation (3.2): 剧01, 剧02, …"""
    return [{"name": f"剧{i:02d}", "year": 2026, "platforms": ["tencent"], "adaptation_first_filing": True}
            for i in range(1, n + 1)]


def test_when_both_yearly_caps_are_full_switching_changes_nothing():
    """Ten works each on 腾讯 (2.3, 60 万元; 每年 300 万元) and first-filed adaptations (3.2, 30 万元; 每年 100 万元).
    The most they can count is 3,000,000 + 1,000,000 = 4,000,000, and four works on 3.2 (1,200,000) are
    enough to fill its cap; among the plans that reach it, the works listed first take the higher 2.3:
    works 1-6 claim 2.3 (3,600,000, counted at 3,000,000), 7-10 claim 3.2. For works 1-6, claiming 3.2
    instead would not change the total (both caps stay full); work 7 claiming 2.3 instead would leave 3.2
    at 900,000: 100,000 less."""
    works = _tencent_adaptations(10)
    a = _assess(interpretation="strict", projects=works)
    assert [c.item for c in a.claims] == ["2.3"] * 6 + ["3.2"] * 4
    assert a.total_ceiling_yuan == 4000000
    assert [(t.item, t.sum_yuan, t.total_yuan) for t in a.item_totals] == [("2.3", 3600000, 3000000),
                                                                           ("3.2", 1200000, 1000000)]
    assert [(x.item, x.change_yuan) for x in a.claims[0].alternatives] == [("3.2", 0)]
    assert [(x.item, x.change_yuan) for x in a.claims[6].alternatives] == [("2.3", -100000)]
    assert _item(a, "3.2", "剧01").notes[-1].endswith("改计本项，企业合计不会增加")
    assert a.claims[6].reason == (
        "严格口径：同一作品只计一项。第2.3项限额更高（60.00 万元），但其 2026 年度每年上限 300.00 万元已由其他作品用足，"
        "改计该项企业合计将减少 10.00 万元；故本作品按第3.2项计（最高可达 30.00 万元），企业合计最高")


def test_eleven_works_switching_a_work_whose_item_stays_over_its_cap_changes_nothing():
    """Eleven works on 腾讯 and first-filed adaptations: 3.2's 每年 100 万元 needs four works (4 × 30 万元 =
    120 万元), so the seven listed first claim 2.3 (7 × 60 万元 = 420 万元, counted at 300 万元). Work 1
    claiming 3.2 instead leaves 2.3 at 360 万元, still over its 300 万元, and 3.2 at 150 万元, still over its
    100 万元: the total stays 400 万元, a change of 0 (not the 60 万元 the uncapped 360 万元 would add). Work 8
    claiming 2.3 instead leaves 3.2 at 90 万元: 10 万元 less."""
    works = _tencent_adaptations(11)
    a = _assess(interpretation="strict", projects=works)
    assert [c.item for c in a.claims] == ["2.3"] * 7 + ["3.2"] * 4
    assert a.total_ceiling_yuan == 4000000
    assert [(t.item, t.sum_yuan, t.total_yuan) for t in a.item_totals] == [("2.3", 4200000, 3000000),
                                                                           ("3.2", 1200000, 1000000)]
    assert [(x.item, x.change_yuan) for x in a.claims[0].alternatives] == [("3.2", 0)]
    assert [(x.item, x.change_yuan) for x in a.claims[7].alternatives] == [("2.3", -100000)]


def test_other_support_against_an_item_that_could_bring_nothing_supersedes_it():
    """R&D of 0 元 at 30%: this policy could bring the project 0 元, so other support of 0.50 元 is not less
    than it (附则1, 就高): the item is superseded, and the note says 0.00 万元."""
    a = _assess(rnd={**RND, "expenditure_yuan": 0, "other_minhang_support_yuan": "0.50"})
    (r,) = a.items
    assert (r.status, r.ceiling_yuan, a.total_ceiling_yuan) == ("superseded", 0, 0)
    assert r.notes[-1] == ("同一项目已获本区其他同层级、同类型政策支持 0.00005 万元，不低于本政策对该项目最高可达的 0.00 万元："
                           "依据“就高不重复”只能享受较高的一项，本政策各项不再计入")


def test_between_equally_good_plans_the_first_work_takes_the_larger_amount_not_the_lower_item_number():
    """A what-if (RULES.md §6.3's tie rule, "the larger ceiling, then the lower item id"): 3.2 raised to
    70 万元 a work and 每年 70 万元, 2.3's yearly cap cut to 60 万元. Two works each on 腾讯 and first-filed
    adaptations: the most they can count is 60 + 70 = 130 万元, either way round. The first work listed
    takes the larger amount, 3.2 (70 万元 > 60 万元), though 2.3 is the lower item number."""
    overrides = {("article3_works", "adaptation_cap_yuan"): {dt.date(2026, 3, 14): 700000},
                 ("article3_works", "adaptation_yearly_cap_yuan"): {dt.date(2026, 3, 14): 700000},
                 ("article2_projects", "platform_yearly_cap_yuan"): {dt.date(2026, 3, 14): 600000}}
    works = [{"name": f"剧{i}", "year": 2026, "platforms": ["tencent"], "adaptation_first_filing": True}
             for i in (1, 2)]
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE,
                                        "interpretation": "strict", "projects": works})
    assert model is not None, problems
    a = assess(model, params=Parameters(model.as_of, overrides))
    assert [(c.subject, c.item, c.ceiling_yuan) for c in a.claims] == [("剧1", "3.2", 700000), ("剧2", "2.3", 600000)]
    assert a.total_ceiling_yuan == 1300000


def test_between_equal_amounts_the_lower_item_number_is_claimed_even_when_it_fills_its_yearly_cap():
    """A what-if: 2.3 raised to 100 万元 a work (as much as 2.2) and 2.2's yearly cap cut to 100 万元. One work
    shortlisted and on 腾讯 counts 100 万元 either way, 2.2 filling its yearly cap exactly, 2.3 not: the tie
    goes to the lower item number, 2.2, and 2.3 says switching changes nothing."""
    overrides = {("article2_projects", "platform_cap_yuan"): {dt.date(2026, 3, 14): 1000000},
                 ("article2_projects", "shortlisted_yearly_cap_yuan"): {dt.date(2026, 3, 14): 1000000}}
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, "interpretation": "strict",
                                        "projects": [_work("剧", platforms=["tencent"])]})
    assert model is not None, problems
    a = assess(model, params=Parameters(model.as_of, overrides))
    (claim,) = a.claims
    assert (claim.item, claim.ceiling_yuan, a.total_ceiling_yuan) == ("2.2", 1000000, 1000000)
    # 2.3's amount is not higher than 2.2's, so the reason is the highest one's, not the yearly cap's
    assert claim.reason == "严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 100.00 万元）"
    assert [(x.item, x.ceiling_yuan, x.change_yuan) for x in claim.alternatives] == [("2.3", 1000000, 0)]
    assert _item(a, "2.3", "剧").notes[-1].endswith("改计本项，企业合计不会增加")


def test_a_work_kept_to_32_by_two_full_yearly_caps_names_the_higher_of_them():
    """Two works only shortlisted fill 2.2's 每年 200 万元, five only on 腾讯 fill 2.3's 每年 300 万元; the
    eighth is shortlisted, on 腾讯 and a first-filed adaptation: only 3.2 adds anything (30 万元). Both 2.2
    (100 万元) and 2.3 (60 万元) are higher; the reason names the higher, 2.2, and switching to it loses the
    30 万元 of 3.2."""
    works = [_work(f"入围{i}") for i in (1, 2)]
    works += [{"name": f"播出{i}", "year": 2026, "platforms": ["tencent"]} for i in range(1, 6)]
    works += [_work("改编", platforms=["tencent"], adaptation_first_filing=True)]
    a = _assess(interpretation="strict", projects=works)
    assert [(c.subject, c.item) for c in a.claims][-1] == ("改编", "3.2")
    assert a.total_ceiling_yuan == 2000000 + 3000000 + 300000
    assert [(x.item, x.change_yuan) for x in a.claims[-1].alternatives] == [("2.2", -300000), ("2.3", -300000)]
    assert a.claims[-1].reason == (
        "严格口径：同一作品只计一项。第2.2项限额更高（100.00 万元），但其 2026 年度每年上限 200.00 万元已由其他作品用足，"
        "改计该项企业合计将减少 30.00 万元；故本作品按第3.2项计（最高可达 30.00 万元），企业合计最高")


def test_review_items_that_would_fill_a_yearly_cap_let_a_claiming_work_switch_in_the_potential():
    """Work A is on 腾讯 and a first-filed adaptation: it claims 2.3 (60 万元; 3.2's 30 万元 superseded). Five
    works shown only on another platform have 2.3 in review (60 万元 each). Confirmed, they fill 2.3's 每年
    300 万元, and A then does better on 3.2: 300 + 30 = 330 万元, so review could add 330 − 60 = 270 万元 (not
    the 240 万元 of keeping A on 2.3, whose 3.2 was superseded only before the review items counted)."""
    works = [{"name": "A", "year": 2026, "platforms": ["tencent"], "adaptation_first_filing": True}]
    works += [{"name": f"B{i}", "year": 2026, "platforms": ["other"]} for i in range(1, 6)]
    a = _assess(interpretation="strict", projects=works)
    assert [(c.subject, c.item) for c in a.claims] == [("A", "2.3")]
    assert (_item(a, "3.2", "A").status, _item(a, "2.3", "B1").status) == ("superseded", "review")
    assert (a.total_ceiling_yuan, a.review_potential_yuan) == (600000, 2700000)


def test_other_support_counts_for_a_carrier_a_platform_and_a_cooperation_too():
    """附则1 applies to every subject, not only works and R&D: 1 亿元 of other Minhang support is above anything
    this policy gives one carrier (最高 300 万元), platform (200 万元), cooperation (300 万元) or venue (20% of
    100 万元), so each is superseded; without it each is eligible."""
    carrier = {"name": "园", "related_enterprises": 60, "total_enterprises": 150,
               "revenue_last_year_yuan": 100000000, "revenue_this_year_yuan": 115000000}
    platform = {"name": "台", "investment_yuan": 5000000, "national": True, "recognised_on": "2026-05-01"}
    cooperation = {"name": "合作", "with_research_partner": True, "project_investment_yuan": 2000000}
    venue = {"name": "场", "opened_on": "2025-01-01", "positive_media_reports": 4, "avg_monthly_visitors": 9000,
             "avg_monthly_revenue_yuan": 0, "total_investment_yuan": 1000000}
    plain = _assess(carrier=carrier, tech_platforms=[platform], transformation_projects=[cooperation], venues=[venue])
    assert [(r.item, r.status) for r in plain.items] == [
        ("1", "eligible"), ("4.1", "eligible"), ("4.2", "eligible"), ("6", "eligible")]
    other = {"other_minhang_support_yuan": 100000000}
    a = _assess(carrier={**carrier, **other}, tech_platforms=[{**platform, **other}],
                transformation_projects=[{**cooperation, **other}], venues=[{**venue, **other}])
    assert [(r.item, r.status, r.ceiling_yuan, r.other_support_yuan) for r in a.items] == [
        ("1", "superseded", 0, D(100000000)), ("4.1", "superseded", 0, D(100000000)),
        ("4.2", "superseded", 0, D(100000000)), ("6", "superseded", 0, D(100000000))]
    assert a.total_ceiling_yuan == 0


def test_the_assessment_recalls_the_one_support_rule_when_works_or_platforms_are_in_it():
    """附则1's 同一项目不得重复享受本区同层级、同类型的产业扶持政策: the assessment says it once whenever a work or a
    platform is assessed (the clauses with municipal or national support of their own), and not otherwise."""
    note = "同一项目享受本区同层级、同类型其他扶持政策的，按就高不重复原则只能享受其一"
    platform = {"name": "台", "investment_yuan": 5000000, "national": True, "recognised_on": "2026-05-01"}
    assert _assess(projects=[_work("剧")]).notes == [note]
    assert _assess(tech_platforms=[platform]).notes == [note]
    assert _assess(projects=[_work("剧")], tech_platforms=[platform]).notes == [note]
    assert _assess(rnd=RND).notes == []
    en = _assess("en", tech_platforms=[platform])
    assert (en.lang, _assess(rnd=RND).lang) == ("en", "zh")  # the batch workbook reads it (reports/batch_book.py)
    assert en.notes == [
        "Where the same project has other Minhang support of the same level and type, only the higher can be received"]


def test_only_works_claim_and_each_year_keeps_its_claims():
    """附则1 就高不重复 (strict): one of 2.1/2.2/2.3/3.2 a work. A technology platform (4.1) and a work that
    meets none claim nothing; works of 2026 and 2027 each claim in their year."""
    model, problems = validate_profile({
        "as_of": "2027-06-01", "enterprise": ENTERPRISE, "interpretation": "strict",
        "projects": [_work("甲剧"), {**_work("乙剧"), "year": 2027, "municipal_fund_date": "2027-03-01"},
                     {"name": "丙剧", "year": 2027, "municipal_fund": "none", "local_culture_minutes": 2}],
        "tech_platforms": [{"name": "平台", "year": 2027, "national": True, "recognised_on": "2027-01-10",
                            "investment_yuan": 1000000}],
    })
    assert not problems, problems
    a = assess(model)
    assert [(c.subject, c.year, c.item, c.ceiling_yuan) for c in a.claims] == [
        ("甲剧", 2026, "2.2", 1000000), ("乙剧", 2027, "2.2", 1000000)]
    # 2.2 100 万元 in each year; 4.1 1,000,000 x 30% = 30 万元; 丙剧 meets no item of 第2条, so not 3.1 either
    # (在地文化 is extra support for a work that meets the above)
    assert a.total_ceiling_yuan == 1000000 + 1000000 + 300000


def test_a_what_if_with_a_cap_of_0_claims_0_yuan():
    """A what-if may set 2.2's cap to 0 (a money value of 0 is accepted): the work still claims 2.2, worth
    0 元, never 1 元 (the ceiling `or 0` of a claim)."""
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, "interpretation": "strict",
                                        "projects": [_work("剧")]})
    assert not problems
    params = Parameters(model.as_of, {("article2_projects", "shortlisted_cap_yuan"): {dt.date(2026, 3, 14): D(0)}})
    a = assess(model, "zh", params=params)
    assert [(c.item, c.ceiling_yuan) for c in a.claims] == [("2.2", 0)] and a.total_ceiling_yuan == 0


def test_a_what_if_cap_of_0_brings_the_work_nothing_so_other_support_of_half_a_yuan_supersedes_it():
    """Strict reading, 2.2's cap set to 0 by a what-if: the work's highest item brings 0 元, so any other
    support (0.50 元 here) is at least what this policy could bring it, and the item is superseded (RULES.md
    §6.6); this policy's total stays 0 元."""
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, "interpretation": "strict",
                                        "projects": [_work("剧", other_minhang_support_yuan="0.50")]})
    assert not problems
    params = Parameters(model.as_of, {("article2_projects", "shortlisted_cap_yuan"): {dt.date(2026, 3, 14): D(0)}})
    a = assess(model, "zh", params=params)
    item = _item(a, "2.2", "剧")
    assert (item.status, item.ceiling_yuan) == ("superseded", 0)
    assert a.total_ceiling_yuan == 0


def _what_if(projects: list[dict], **caps) -> object:
    """The strict reading of ``projects`` with 第2条 / 第3条 amounts changed by a what-if (each from 2026-03-14)."""
    model, problems = validate_profile({"as_of": "2026-11-27", "enterprise": ENTERPRISE, "interpretation": "strict",
                                        "projects": projects})
    assert not problems, problems
    stems = {"adaptation_cap_yuan": "article3_works"}
    params = Parameters(model.as_of, {(stems.get(k, "article2_projects"), k): {dt.date(2026, 3, 14): D(v)}
                                      for k, v in caps.items()})
    return assess(model, "zh", params=params)


def _claims(a) -> list:
    return [(c.item, c.ceiling_yuan, [(x.item, x.ceiling_yuan, x.change_yuan) for x in c.alternatives])
            for c in a.claims]


def test_a_what_if_that_zeroes_every_item_of_a_work_claims_the_first_and_no_switch_changes_anything():
    """2.2, 2.3 and 3.2 all set to 0: every option brings 0 元, so the work claims the first (2.2), the others
    are worth 0 元 and switching to one changes the total by 0 元 (never by 1 元); none is higher."""
    a = _what_if([_work("剧", platforms=["tencent"], adaptation_first_filing=True)],
                 shortlisted_cap_yuan=0, platform_cap_yuan=0, adaptation_cap_yuan=0)
    assert _claims(a) == [("2.2", 0, [("2.3", 0, 0), ("3.2", 0, 0)])]
    assert a.claims[0].reason == "严格口径：同一作品只计一项，本作品按限额最高的第2.2项计（最高可达 0.00 万元）"
    assert _item(a, "2.3", "剧").notes[-1].endswith("改计本项，企业合计不会增加")
    assert a.total_ceiling_yuan == 0


def test_a_what_if_that_zeroes_3_2_shows_switching_to_it_costs_the_whole_claim():
    """3.2 set to 0: the work claims 2.2 (100 万元); 2.3 would lose 40 万元, 3.2 all 100 万元 (1,000,000, not 999,999)."""
    a = _what_if([_work("剧", platforms=["tencent"], adaptation_first_filing=True)], adaptation_cap_yuan=0)
    assert _claims(a) == [("2.2", 1000000, [("2.3", 600000, -400000), ("3.2", 0, -1000000)])]
    assert _item(a, "3.2", "剧").notes[-1].endswith("改计本项，企业合计将减少 100.00 万元")


def test_when_no_option_counts_after_the_yearly_caps_the_larger_ceiling_is_claimed():
    """2.2 and 3.2 set to 0, 2.3 to 1 元 a work but 0 a year: every option counts 0 元 after the yearly caps,
    so the tie goes to the larger ceiling, 2.3's 1 元 (RULES.md §6.3), not the lower item id."""
    a = _what_if([_work("剧", platforms=["tencent"], adaptation_first_filing=True)],
                 shortlisted_cap_yuan=0, platform_cap_yuan=1, platform_yearly_cap_yuan=0, adaptation_cap_yuan=0)
    assert _claims(a) == [("2.3", 1, [("2.2", 0, 0), ("3.2", 0, 0)])]
    assert a.total_ceiling_yuan == 0  # 2.3's yearly cap of 0


def test_review_potential_under_a_what_if_counts_a_claim_of_0_yuan_as_0():
    """2.2 set to 0; 甲剧 (入围, 2.2 only) claims 0 元; 乙剧 is shown only on another platform, so its 2.3 (60 万元)
    is left to review: confirmed it would add 60 万元, exactly (600,000, not 600,001)."""
    a = _what_if([_work("甲剧"), {"name": "乙剧", "year": 2026, "municipal_fund": "none", "platforms": ["other"]}],
                 shortlisted_cap_yuan=0)
    assert _claims(a) == [("2.2", 0, [])]
    assert (_item(a, "2.3", "乙剧").status, _item(a, "2.3", "乙剧").ceiling_yuan) == ("review", 600000)
    assert a.total_ceiling_yuan == 0 and a.review_potential_yuan == 600000
