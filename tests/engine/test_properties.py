"""Properties every assessment must have, over generated valid profiles (hypothesis).

The YAML cases pin exact numbers at the lines; these tests look for any profile that breaks the
engine's invariants: it never raises, no ceiling leaves [0, cap], no yearly total leaves its cap,
the total is the sum of what is counted, a larger base never lowers a ceiling, and the strict
reading of 就高不重复 never gives more than the default one.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import assess, validate_profile
from calculators.explain import explain

# How many examples, and whether they are drawn at random, is the loaded profile's (tests/conftest.py).
SETTINGS = settings()

PARAMETERS = Path(__file__).resolve().parents[2] / "content" / "parameters"


def parameter(stem: str, name: str) -> int:
    """A money line as the parameter file gives it (read here, not through the engine)."""
    spec = yaml.safe_load((PARAMETERS / f"{stem}.yaml").read_text(encoding="utf-8"))[name]
    (value,) = spec["values"].values()  # one value since the policy took effect
    return int(value)


# The caps of the policy text (RULES.md §3), from the parameter files: the engine's own output
# (cap_yuan, yearly_cap_yuan) is what these tests check, never where they read the lines.
ITEM_CAP = {
    "1": parameter("article1_carrier", "cap_yuan"),
    "2.1": parameter("article2_projects", "awarded_cap_yuan"),
    "2.2": parameter("article2_projects", "shortlisted_cap_yuan"),
    "2.3": parameter("article2_projects", "platform_cap_yuan"),
    "3.1": parameter("article3_works", "local_culture_cap_yuan"),
    "3.2": parameter("article3_works", "adaptation_cap_yuan"),
    "4.1": max(parameter("article4_platforms", "platform_national_cap_yuan"),
               parameter("article4_platforms", "platform_municipal_cap_yuan")),
    "4.2": parameter("article4_platforms", "transformation_cap_yuan"),
    "5": parameter("article5_rnd", "rnd_cap_yuan"),
    "6": None,  # 项目总投资20%以内: no cap per venue, only the yearly one
}
YEARLY_CAP = {
    "2.2": parameter("article2_projects", "shortlisted_yearly_cap_yuan"),
    "2.3": parameter("article2_projects", "platform_yearly_cap_yuan"),
    "3.2": parameter("article3_works", "adaptation_yearly_cap_yuan"),
    "6": parameter("article6_venues", "venue_yearly_cap_yuan"),
}


def test_the_caps_read_here_are_the_policy_texts():
    # 第1条 300 万; 第2条 300 / 100 (每年 200) / 60 (每年 300) 万; 第3条 10 / 30 (每年 100) 万;
    # 第4条 国家级 200、市级 100、成果转化 300 万; 第5条 300 万; 第6条 每年 200 万
    assert ITEM_CAP == {"1": 3_000_000, "2.1": 3_000_000, "2.2": 1_000_000, "2.3": 600_000, "3.1": 100_000,
                        "3.2": 300_000, "4.1": 2_000_000, "4.2": 3_000_000, "5": 3_000_000, "6": None}
    assert YEARLY_CAP == {"2.2": 2_000_000, "2.3": 3_000_000, "3.2": 1_000_000, "6": 2_000_000}


IN_FORCE_FROM = dt.date(2026, 3, 14)
IN_FORCE_UNTIL = dt.date(2028, 3, 13)
PLATFORMS = ["tencent", "youku", "iqiyi", "mgtv", "hongguo", "douyin", "other"]


def money(top: int = 50_000_000) -> st.SearchStrategy[Decimal]:
    """Yuan with at most two decimals, often near the policy's lines, sometimes huge."""
    return st.one_of(
        st.decimals(min_value=0, max_value=top, places=2, allow_nan=False, allow_infinity=False),
        st.sampled_from([Decimal(v) for v in ("0", "333.33", "1999999.99", "2000000", "3333333.34",
                                              "6666666.67", "9999999.99", "10000000", "15000000")]),
        st.integers(min_value=0, max_value=10**11).map(Decimal),
    )


def date_upto(as_of: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=dt.date(2020, 1, 1), max_value=as_of)


def years(as_of: dt.date, since: dt.date | None = None) -> st.SearchStrategy[int | None]:
    """A subject's year (RULES.md §6.2): none, or a policy year not after ``as_of``'s and not before
    the year of its qualifying date ``since`` (when that date has come)."""
    low = 2026 if since is None or since > as_of else max(2026, since.year)
    return st.none() if low > min(as_of.year, 2028) else st.one_of(
        st.none(), st.integers(min_value=low, max_value=min(as_of.year, 2028)))


def other_support() -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.none(), money(5_000_000).map(str))


@st.composite
def carriers(draw, as_of: dt.date) -> dict:
    total = draw(st.integers(min_value=1, max_value=2000))
    return {
        "name": "载体",
        "year": draw(years(as_of)),
        "other_minhang_support_yuan": draw(other_support()),
        "related_enterprises": draw(st.integers(min_value=0, max_value=total)),
        "total_enterprises": total,
        "independent_area_sqm": str(draw(st.decimals(min_value=0, max_value=20000, places=2))),
        "revenue_last_year_yuan": str(draw(money(200_000_000))),
        "revenue_this_year_yuan": str(draw(money(300_000_000))),
    }


@st.composite
def profiles(draw) -> dict:
    """A valid profile as the JSON a user would send (money as strings, dates ISO)."""
    as_of = draw(st.one_of(
        st.dates(min_value=IN_FORCE_FROM, max_value=IN_FORCE_UNTIL),
        st.sampled_from([IN_FORCE_FROM, IN_FORCE_UNTIL, dt.date(2026, 3, 13), dt.date(2028, 3, 14)]),
    ))
    maybe_date = st.one_of(st.none(), date_upto(as_of).map(dt.date.isoformat))
    profile: dict = {
        "as_of": as_of.isoformat(),
        "interpretation": draw(st.sampled_from(["default", "strict"])),
        "enterprise": {
            "name": "企业",
            "registered_in_minhang": draw(st.booleans() | st.just(True) | st.none()),
            "false_materials": draw(st.just(False) | st.booleans()),
            "unrepaired_negative_credit": draw(st.just(False) | st.booleans()),
        },
    }
    if draw(st.booleans()):
        profile["carrier"] = draw(carriers(as_of))
    n = draw(st.integers(min_value=0, max_value=7))
    profile["projects"] = []
    for i in range(n):
        fund = draw(st.sampled_from(["none", "shortlisted", "awarded"]))
        date = draw(maybe_date)
        since = dt.date.fromisoformat(date) if date and fund != "none" else None
        profile["projects"].append({
            "name": f"作品{i}",
            "year": draw(years(as_of, since)),
            "municipal_fund": fund,
            "municipal_fund_date": date,
            "platforms": draw(st.lists(st.sampled_from(PLATFORMS), max_size=3, unique=True)),
            "local_culture_minutes": str(draw(st.decimals(min_value=0, max_value=600, places=2))),
            "adaptation_first_filing": draw(st.booleans()),
            "other_minhang_support_yuan": draw(other_support()),
        })
    profile["tech_platforms"] = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        national, municipal, date = draw(st.booleans()), draw(st.booleans()), draw(maybe_date)
        since = dt.date.fromisoformat(date) if date and (national or municipal) else None
        profile["tech_platforms"].append({
            "name": f"平台{i}",
            "year": draw(years(as_of, since)),
            "national": national,
            "municipal": municipal,
            "recognised_on": date,
            "investment_yuan": str(draw(money())),
            "other_minhang_support_yuan": draw(other_support()),
        })
    profile["transformation_projects"] = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        project = draw(money())
        entry = {"name": f"合作{i}", "year": draw(years(as_of)), "with_research_partner": draw(st.booleans()),
                 "other_minhang_support_yuan": draw(other_support())}
        shape = draw(st.sampled_from(["legacy", "project", "both"]))
        if shape == "legacy":
            entry["investment_yuan"] = str(project)
        else:
            entry["project_investment_yuan"] = str(project)
        if shape == "both":
            entry["enterprise_investment_yuan"] = str(draw(st.decimals(min_value=0, max_value=project, places=2)))
        profile["transformation_projects"].append(entry)
    if draw(st.booleans()):
        profile["rnd"] = {"year": draw(years(as_of)), "expenditure_yuan": str(draw(money())),
                          "applied_with_results": draw(st.booleans()),
                          "other_minhang_support_yuan": draw(other_support())}
    profile["venues"] = []
    for i in range(draw(st.integers(min_value=0, max_value=4))):
        opened = draw(date_upto(as_of))
        try:
            since = opened.replace(year=opened.year + 1)
        except ValueError:
            since = opened.replace(year=opened.year + 1, day=28)
        profile["venues"].append({
            "name": f"场景{i}",
            "year": draw(years(as_of, since)),
            "opened_on": opened.isoformat(),
            "positive_media_reports": draw(st.integers(min_value=0, max_value=10)),
            "avg_monthly_visitors": str(draw(st.decimals(min_value=0, max_value=12000, places=2))),
            "avg_monthly_revenue_yuan": str(draw(money(1_200_000))),
            "total_investment_yuan": str(draw(money())),
            "previously_supported": draw(st.booleans()),
            "other_minhang_support_yuan": draw(other_support()),
        })
    if draw(st.booleans()):
        profile["talent"] = {"chunshen_candidates": draw(st.integers(0, 5)), "leads_key_project": draw(st.booleans())}
    if draw(st.booleans()):
        profile["training"] = {"trainees": draw(st.integers(0, 200))}
    return profile


def run(data: dict, lang: str = "zh"):
    model, problems = validate_profile(data, lang)
    assert not problems, [str(p) for p in problems]
    return assess(model, lang)


@SETTINGS
@given(profiles())
def test_invariants_of_every_assessment(data):
    a = run(data)
    a.model_dump_json()  # serialisable

    counted: dict[tuple[str, int], int] = defaultdict(int)
    caps = YEARLY_CAP
    for r in a.items:
        assert r.yearly_cap_yuan == YEARLY_CAP.get(r.item), r
        if r.kind == "unquantified":
            assert r.ceiling_yuan is None
            assert r.status in ("review", "ineligible")
            continue
        assert r.ceiling_yuan is not None and r.ceiling_yuan >= 0, r
        if ITEM_CAP[r.item] is not None:
            assert r.ceiling_yuan <= ITEM_CAP[r.item], r
        if r.cap_yuan is not None:
            assert r.ceiling_yuan <= r.cap_yuan, r
        if r.status in ("ineligible", "superseded"):
            assert r.ceiling_yuan == 0, r
        assert (r.status == "ineligible") == bool(r.unmet), r
        if r.status == "eligible":
            counted[(r.item, r.year)] += r.ceiling_yuan

    # every yearly total within its cap, and equal to what the eligible items add up to
    assert {(t.item, t.year) for t in a.item_totals} == set(counted)
    for t in a.item_totals:
        assert t.sum_yuan == counted[(t.item, t.year)]
        assert t.yearly_cap_yuan == YEARLY_CAP.get(t.item)
        if t.yearly_cap_yuan is None:
            assert t.total_yuan == t.sum_yuan
        else:
            assert t.total_yuan == min(t.sum_yuan, t.yearly_cap_yuan) <= t.yearly_cap_yuan
    after_caps = sum(min(s, caps[i]) if i in caps else s for (i, _), s in counted.items())
    assert a.total_ceiling_yuan == sum(t.total_yuan for t in a.item_totals) == after_caps

    # review potential: only items in review, never more than their own ceilings
    review = sum(r.ceiling_yuan or 0 for r in a.items if r.status == "review")
    assert 0 <= a.review_potential_yuan <= review

    # nothing is eligible outside the gates
    if not a.in_force or data["enterprise"]["registered_in_minhang"] is False or data["enterprise"]["false_materials"] \
            or data["enterprise"]["unrepaired_negative_credit"]:
        assert a.total_ceiling_yuan == 0 and a.review_potential_yuan == 0
        assert all(r.status == "ineligible" for r in a.items)
    # unknown registration (RULES.md §6.5): nothing is eligible, what would be is in review
    if data["enterprise"]["registered_in_minhang"] is None:
        assert a.total_ceiling_yuan == 0
        assert all(r.status != "eligible" for r in a.items)


@SETTINGS
@given(profiles())
def test_strict_reading_never_gives_more_than_default(data):
    default = run({**data, "interpretation": "default"})
    strict = run({**data, "interpretation": "strict"})
    assert strict.total_ceiling_yuan <= default.total_ceiling_yuan
    # 3.1 (额外) and every item outside 2.x/3.2 are the same in both readings (unless other Minhang
    # support weighs against the subject's ceilings, which differ between the readings: RULES.md §6.6)
    same = {"1", "3.1", "4.1", "4.2", "5", "6", "7", "8"}
    pick = lambda a: [(r.item, r.subject, r.status, r.ceiling_yuan) for r in a.items  # noqa: E731
                      if r.item in same and r.other_support_yuan is None]
    assert pick(strict) == pick(default)


COMPETING = ("2.1", "2.2", "2.3", "3.2")


def counted(amounts) -> int:
    """Σ over (item, year) of min(sum of ceilings, yearly cap): the total, worked out here by hand."""
    sums: dict[tuple[str, int], int] = defaultdict(int)
    caps: dict[str, int | None] = {}
    for item, year, amount, cap in amounts:
        sums[(item, year)] += amount
        caps[item] = cap
    return sum(s if caps[i] is None else min(s, caps[i]) for (i, _), s in sums.items())


@settings(SETTINGS, derandomize=True, max_examples=300)
@given(profiles())
def test_strict_reading_is_the_best_claim(data):
    """RULES.md §6.3: under strict, each work counts exactly one of its eligible 2.1/2.2/2.3/3.2, and
    no single change of one work's chosen item raises the enterprise's counted total; and strict
    never exceeds default. Each work's options are its eligible competing items in the default
    reading (their ceilings are the items' own, before 就高不重复)."""
    default = run({**data, "interpretation": "default"})
    strict = run({**data, "interpretation": "strict"})
    assert strict.total_ceiling_yuan <= default.total_ceiling_yuan

    entry = lambda r: (r.item, r.year, r.ceiling_yuan, r.yearly_cap_yuan)  # noqa: E731
    counted_items = [r for r in strict.items if r.status == "eligible" and r.ceiling_yuan]
    assert counted([entry(r) for r in counted_items]) == strict.total_ceiling_yuan

    options: dict[str, list] = defaultdict(list)
    for r in default.items:
        if r.item in COMPETING and r.status == "eligible":
            options[r.subject].append(r)
    chosen = {r.subject: r for r in counted_items if r.item in COMPETING}
    assert len(chosen) == len([r for r in counted_items if r.item in COMPETING]), "two items of one work"
    assert {c.subject: c.item for c in strict.claims} == {s: r.item for s, r in chosen.items()}
    for subject, opts in options.items():
        other_support = any(r.other_support_yuan for r in opts)
        if not other_support:
            assert subject in chosen, f"{subject} claims nothing"
        if subject not in chosen:
            continue
        win = chosen[subject]
        rest = [entry(r) for r in counted_items if r is not win]
        for alt in opts:
            if alt.item != win.item:
                switched = counted([*rest, entry(alt)])
                assert switched <= strict.total_ceiling_yuan, (subject, win.item, alt.item)


@SETTINGS
@given(profiles())
def test_both_languages_give_the_same_numbers_and_every_message_is_filled_in(data):
    """Chinese and English agree on every number; no check, note or explain() line shows a
    placeholder left open or a Python ``None``."""
    zh, en = run(data, "zh"), run(data, "en")
    key = lambda a: [(r.item, r.subject, r.status, r.ceiling_yuan, [u.code for u in r.unmet]) for r in a.items]  # noqa: E731
    assert key(zh) == key(en)
    assert (zh.total_ceiling_yuan, zh.review_potential_yuan) == (en.total_ceiling_yuan, en.review_potential_yuan)
    for lang, a in (("zh", zh), ("en", en)):
        texts = [*a.notes, *explain(a, lang).splitlines()]
        for r in a.items:
            texts += [c.message for c in r.checks] + list(r.notes)
            for u in r.unmet:
                assert u.message and not u.passed
        for text in texts:
            assert "{" not in text and "}" not in text, text
            assert "None" not in text, text


# The bases a ceiling grows with: (section, field, most the input may hold).
BASES = [
    ("carrier", "revenue_this_year_yuan", Decimal(10**12)),
    ("projects", "local_culture_minutes", Decimal(600)),
    ("tech_platforms", "investment_yuan", Decimal(10**12)),
    ("transformation_projects", "project_investment_yuan", Decimal(10**12)),
    ("rnd", "expenditure_yuan", Decimal(10**12)),
    ("venues", "total_investment_yuan", Decimal(10**12)),
]


@SETTINGS
@given(profiles(), st.sampled_from(BASES), st.integers(min_value=0, max_value=10),
       st.decimals(min_value=Decimal("0.01"), max_value=20_000_000, places=2))
def test_a_larger_base_never_lowers_a_ceiling(data, base, index, extra):
    section, field, top = base
    bigger = copy.deepcopy(data)
    entry = bigger.get(section)
    if isinstance(entry, list):
        if not entry:
            return
        entry = entry[index % len(entry)]
    if entry is None or field not in entry:
        return
    entry[field] = str(min(Decimal(entry[field]) + extra, top))

    before, after = run(data), run(bigger)
    assert len(before.items) == len(after.items)
    for old, new in zip(before.items, after.items, strict=True):
        assert (old.item, old.subject, old.year) == (new.item, new.subject, new.year)
        if old.ceiling_yuan is not None:
            assert new.ceiling_yuan >= old.ceiling_yuan, (old.item, old.subject, field)
    assert after.total_ceiling_yuan >= before.total_ceiling_yuan


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-10**30, max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


def _paths(node, prefix=()):
    """Every (path) to a value inside a JSON-like tree."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


@SETTINGS
@given(profiles(), st.data(), json_values, st.sampled_from(["zh", "en"]))
def test_any_broken_profile_gets_messages_never_an_exception(data, pick, junk, lang):
    """Replace any one value of a valid profile by any JSON value: validation names the field or
    accepts it, and an accepted profile is assessed, never an exception."""
    paths = [p for p in _paths(data) if p]
    path = pick.draw(st.sampled_from(paths))
    broken = copy.deepcopy(data)
    node = broken
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk

    model, problems = validate_profile(broken, lang)
    if model is None:
        assert problems
        for p in problems:
            assert p.message.strip() and "None" not in p.message
            assert p.field or p.label == ""
    else:
        assess(model, lang)
