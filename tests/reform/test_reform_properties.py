"""A reform is an input of the assessment: no reform is today exactly; properties over generated profiles.

- An empty reform, and a reform that sets every parameter to the value it has today (which goes through
  the override path), give results identical to today's for every example and every YAML case, in both
  readings of 就高不重复.
- Raising caps, amounts or rates never lowers an item's ceiling (default reading) nor the highest
  competing item of a work (strict reading); raising thresholds never makes an item eligible; under any
  reform every ceiling and yearly total stays within the reformed caps.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import assess, validate_profile
from calculators.content import parameter_files, parameters_on
from calculators.reform import Change, Reform, reformable
from tests.engine.test_cases import CASES
from tests.engine.test_properties import SETTINGS, profiles

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "content" / "examples").glob("*.json"))
TODAY = dt.date(2026, 3, 14)


def _same_values_reform() -> Reform:
    """Every reformable parameter set, from its first date, to the value its file gives it."""
    changes = []
    for stem, name, spec in reformable():
        for since, value in spec["values"].items():
            d = since if isinstance(since, dt.date) else dt.date.fromisoformat(str(since))
            v = value if spec["unit"] == "date" else Decimal(str(value))
            changes.append(Change(stem, name, v, d))
    return Reform(changes)


SAME = _same_values_reform()


def _profiles_to_check():
    out = [pytest.param(json.loads(p.read_text(encoding="utf-8")), id=f"example {p.stem}") for p in EXAMPLES]
    out += [pytest.param(c.values[0], id=c.id) for c in CASES if "invalid" not in c.values[1]]
    return out


@pytest.mark.parametrize("data", _profiles_to_check())
@pytest.mark.parametrize("reading", ["default", "strict"])
def test_no_reform_is_today_exactly(data, reading):
    model, problems = validate_profile({**data, "interpretation": reading})
    assert not problems
    for lang in ("zh", "en"):
        today = assess(model, lang)
        assert Reform().assess(model, lang) == today
        assert SAME.assess(model, lang) == today
        assert Reform(interpretation=reading).assess(model, lang) == today


def test_parameters_carry_overrides_without_changing_todays():
    before = parameters_on(TODAY).get("article1_carrier", "cap_yuan")
    r = Reform([Change("article1_carrier", "cap_yuan", Decimal(5_000_000), TODAY)])
    assert r.parameters(TODAY).get("article1_carrier", "cap_yuan") == Decimal(5_000_000)
    assert parameters_on(TODAY).get("article1_carrier", "cap_yuan") == before == Decimal(3_000_000)


def test_parameters_for_another_date_are_refused():
    model, _ = validate_profile({"as_of": "2026-11-27", "enterprise": {"name": "企业"}})
    with pytest.raises(ValueError):
        assess(model, "zh", params=parameters_on(TODAY))


# ---- properties ----------------------------------------------------------------------------------

def _spec(stem, name):
    return parameter_files()[stem][name]


def _today(stem, name, on: dt.date):
    return parameters_on(on).get(stem, name)


RAISABLE = [(s, n) for s, n, spec in reformable()
            if spec["unit"] in ("元", "ratio") and spec.get("comparison", "<=") == "<="]
THRESHOLDS = [(s, n) for s, n, spec in reformable() if spec.get("comparison") in (">", ">=") and s != "general"]

# item -> the parameter that caps one subject's ceiling
ITEM_CAPS = {"1": ("article1_carrier", "cap_yuan"), "2.1": ("article2_projects", "awarded_cap_yuan"),
             "2.2": ("article2_projects", "shortlisted_cap_yuan"), "2.3": ("article2_projects", "platform_cap_yuan"),
             "3.1": ("article3_works", "local_culture_cap_yuan"), "3.2": ("article3_works", "adaptation_cap_yuan"),
             "4.2": ("article4_platforms", "transformation_cap_yuan"), "5": ("article5_rnd", "rnd_cap_yuan")}
YEARLY = {"2.2": ("article2_projects", "shortlisted_yearly_cap_yuan"),
          "2.3": ("article2_projects", "platform_yearly_cap_yuan"),
          "3.2": ("article3_works", "adaptation_yearly_cap_yuan"), "6": ("article6_venues", "venue_yearly_cap_yuan")}


def _raised(current: Decimal, unit: str, factor: Decimal) -> Decimal:
    new = current * factor
    if unit == "ratio":
        return min(new, Decimal(1))
    return new.quantize(Decimal("0.01"))


@st.composite
def raising(draw, pool):
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
    return [(s, n, draw(st.sampled_from([Decimal("1.01"), Decimal("1.5"), Decimal(2), Decimal(10)])))
            for s, n in chosen]


def _reform_of(changes, on: dt.date) -> Reform:
    out = []
    for s, n, factor in changes:
        spec = _spec(s, n)
        value = _raised(_today(s, n, on), spec["unit"], factor)
        if spec["unit"] not in ("元", "ratio"):
            value = value.to_integral_value(rounding="ROUND_CEILING")
        out.append(Change(s, n, value, TODAY))
    return Reform(out)


def _model(data):
    model, problems = validate_profile(data)
    assert not problems
    return model


def _by_key(a):
    return {(r.item, r.subject, r.year): r for r in a.items}


@SETTINGS
@given(profiles(), raising(RAISABLE))
def test_raising_a_cap_or_rate_never_lowers_a_ceiling(data, changes):
    model = _model({**data, "interpretation": "default"})
    before = assess(model)
    after = _reform_of(changes, model.as_of).assess(model)
    b, a = _by_key(before), _by_key(after)
    assert b.keys() == a.keys()
    for key, rb in b.items():
        ra = a[key]
        if rb.status == "superseded" and rb.other_support_yuan is not None:
            # RULES.md §6.6: a higher ceiling may now beat the other Minhang support: the only line they move
            assert ra.status in ("superseded", "eligible", "review"), key
        else:
            assert ra.status == rb.status, key  # caps and rates move no line
        assert (ra.ceiling_yuan or 0) >= (rb.ceiling_yuan or 0), key
    assert after.total_ceiling_yuan >= before.total_ceiling_yuan


@SETTINGS
@given(profiles(), raising(RAISABLE))
def test_raising_caps_never_lowers_the_highest_item_of_a_work_in_the_strict_reading(data, changes):
    model = _model({**data, "interpretation": "strict"})
    before = assess(model)
    after = _reform_of(changes, model.as_of).assess(model)

    def best(a):
        out = {}
        for r in a.items:
            if r.item in ("2.1", "2.2", "2.3", "3.2"):
                out[r.subject] = max(out.get(r.subject, 0), r.ceiling_yuan or 0)
        return out

    b, a = best(before), best(after)
    assert all(a[k] >= v for k, v in b.items())


@SETTINGS
@given(profiles(), raising(THRESHOLDS))
def test_raising_a_threshold_never_makes_an_item_eligible(data, changes):
    model = _model(data)
    before = _by_key(assess(model))
    after = _by_key(_reform_of(changes, model.as_of).assess(model))
    for key, r in after.items():
        if r.status == "eligible":
            assert before[key].status in ("eligible", "superseded"), key


@st.composite
def any_caps(draw):
    names = list(ITEM_CAPS.values()) + list(YEARLY.values()) + [("article4_platforms", "platform_national_cap_yuan"),
                                                                  ("article4_platforms", "platform_municipal_cap_yuan")]
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
    return Reform([Change(s, n, Decimal(draw(st.integers(0, 8_000_000))), TODAY) for s, n in chosen])


@SETTINGS
@given(profiles(), any_caps())
def test_every_ceiling_respects_the_reformed_caps(data, reform):
    model = _model(data)
    a = reform.assess(model)
    p = reform.parameters(model.as_of)
    for r in a.items:
        if r.item in ITEM_CAPS and r.ceiling_yuan is not None:
            cap = int(p.get(*ITEM_CAPS[r.item]))
            assert r.cap_yuan == cap and r.ceiling_yuan <= cap, r
        if r.item == "4.1" and r.ceiling_yuan is not None:
            assert r.ceiling_yuan <= max(int(p.get("article4_platforms", "platform_national_cap_yuan")),
                                         int(p.get("article4_platforms", "platform_municipal_cap_yuan")))
        if r.item in YEARLY:
            assert r.yearly_cap_yuan == int(p.get(*YEARLY[r.item]))
    for t in a.item_totals:
        if t.item in YEARLY:
            assert t.total_yuan == min(t.sum_yuan, int(p.get(*YEARLY[t.item])))
