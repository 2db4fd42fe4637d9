"""Run every case of tests/cases/*.yaml through the engine: one sentence, one profile, one expectation.

A case file holds ``defaults`` (a profile merged under every case: dictionaries merge key by key, a
list of objects keeps the case's length with each entry merged onto the default's entry at the same
position, anything else is replaced) and ``cases``. Each case has a ``name`` that reads like the policy, a
``profile`` and an ``expect``:

- ``invalid``: the field paths validation must refuse (and nothing is assessed);
- ``items``: per item and subject (and ``year`` when given), any of ``status``, ``kind``,
  ``ceiling_yuan``, ``cap_yuan``, ``uncapped_yuan``, ``yearly_cap_yuan``, ``base_yuan`` and ``rate``
  (the formula's, as exact decimals), ``unmet`` (codes, in order),
  ``checks_include`` (codes of checks that must be present), ``notes_include`` and ``notes_exclude``
  (text fragments that must and must not be in a note),
  ``unmet_include`` (text fragments of the unmet messages: how far the applicant is from the line);
- ``reached``: the item ids of every entry in ``items``, in order (so nothing extra is reached);
- ``item_totals``: per item and year, any of ``sum_yuan``, ``yearly_cap_yuan``, ``total_yuan``;
  listed totals must be all of them;
- ``total_ceiling_yuan``, ``review_potential_yuan``, ``in_force``, ``interpretation``;
- ``claims``: per work (``subject``), the ``item`` the strict reading counts; listed claims must be all.

Numbers are read exactly (RULES.md §6.1): a YAML number with a fraction is the Decimal it spells,
never a binary float. A case may give its profile as ``profile_json``, raw JSON text read as the
command line reads it (numbers as the decimals they spell), merged over the defaults like ``profile``.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculators import assess, validate_profile

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"
ITEM_FIELDS = ("status", "kind", "ceiling_yuan", "cap_yuan", "uncapped_yuan", "yearly_cap_yuan", "year", "year_basis")
DECIMAL_FIELDS = ("base_yuan", "rate")  # the formula's base and rate, compared as exact decimals
TOTAL_FIELDS = ("sum_yuan", "yearly_cap_yuan", "total_yuan")
EXPECT_KEYS = {"invalid", "items", "reached", "item_totals", "total_ceiling_yuan", "review_potential_yuan",
               "in_force", "interpretation", "claims"}
ITEM_KEYS = {"item", "subject", *ITEM_FIELDS, *DECIMAL_FIELDS, "unmet", "checks_include", "notes_include",
             "notes_exclude", "unmet_include"}


class ExactLoader(yaml.SafeLoader):
    """YAML with every float read as the Decimal it spells (``0.99999999999999999`` stays below 1)."""


def _exact_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        return Decimal(text.lower().replace(".", "").replace("inf", "Infinity").replace("nan", "NaN"))
    return Decimal(text)


ExactLoader.add_constructor("tag:yaml.org,2002:float", _exact_float)


def merge(base: Any, over: Any) -> Any:
    """Deep-merge ``over`` onto ``base``: dictionaries key by key, lists of objects entry by entry."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = copy.deepcopy(base)
        for key, value in over.items():
            out[key] = merge(out[key], value) if key in out else copy.deepcopy(value)
        return out
    if isinstance(base, list) and isinstance(over, list) and all(isinstance(e, dict) for e in over):
        return [merge(base[i], e) if i < len(base) else copy.deepcopy(e) for i, e in enumerate(over)]
    return copy.deepcopy(over)


def load_cases() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=ExactLoader)  # noqa: S506 - a safe loader
        defaults = doc.get("defaults") or {}
        names = set()
        for case in doc["cases"]:
            assert case["name"] not in names, f"{path.name}: duplicate case name {case['name']}"
            names.add(case["name"])
            # A misspelt key would silently test nothing: refuse it.
            assert set(case) <= {"name", "profile", "profile_json", "expect", "lang"}, f"{path.name}: {case['name']}"
            assert set(case["expect"]) <= EXPECT_KEYS, f"{path.name}: {case['name']}"
            for want in case["expect"].get("items", []):
                assert set(want) <= ITEM_KEYS and "item" in want, f"{path.name}: {case['name']}: {want}"
            for want in case["expect"].get("item_totals", []):
                assert set(want) <= {"item", "year", *TOTAL_FIELDS}, f"{path.name}: {case['name']}: {want}"
            profile = merge(defaults, case.get("profile") or {})
            if "profile_json" in case:
                profile = merge(profile, json.loads(case["profile_json"], parse_float=Decimal))
            params.append(pytest.param(profile, case["expect"], case.get("lang", "zh"), id=f"{path.stem}: {case['name']}"))
    return params


CASES = load_cases()


def test_every_article_has_a_case_file():
    stems = {p.stem for p in CASES_DIR.glob("*.yaml")}
    expected = {
        "article1_carrier", "article2_projects", "article3_works", "article4_platforms", "article5_rnd",
        "article6_venues", "article7_talent", "article8_training", "gates", "stacking", "multi_year",
    }
    assert expected <= stems


def _find(results, item: str, subject, year):
    found = [
        r for r in results
        if r.item == item and r.subject == subject and (year is None or r.year == year)
    ]
    assert len(found) == 1, f"expected one result for item {item} / {subject} / {year}, got {len(found)}"
    return found[0]


@pytest.mark.parametrize(("profile", "expect", "lang"), CASES)
def test_case(profile: dict, expect: dict, lang: str):
    model, problems = validate_profile(profile, lang)
    if "invalid" in expect:
        assert model is None
        assert sorted(p.field for p in problems) == sorted(expect["invalid"]), [str(p) for p in problems]
        return
    assert not problems, [str(p) for p in problems]
    a = assess(model, lang)

    for want in expect.get("items", []):
        r = _find(a.items, str(want["item"]), want.get("subject"), want.get("year"))
        label = f"item {r.item} / {r.subject} / {r.year}"
        for field in ITEM_FIELDS:
            if field in want:
                assert getattr(r, field) == want[field], f"{label}: {field}"
        for field in DECIMAL_FIELDS:
            if field in want:
                assert getattr(r, field) == Decimal(str(want[field])), f"{label}: {field}"
        if "unmet" in want:
            assert [u.code for u in r.unmet] == want["unmet"], f"{label}: unmet"
        for code in want.get("checks_include", []):
            assert code in [c.code for c in r.checks], f"{label}: check {code} missing"
        for fragment in want.get("notes_include", []):
            assert any(fragment in n for n in r.notes), f"{label}: no note with {fragment!r} in {r.notes}"
        for fragment in want.get("notes_exclude", []):
            assert not any(fragment in n for n in r.notes), f"{label}: a note with {fragment!r} in {r.notes}"
        for fragment in want.get("unmet_include", []):
            messages = [u.message for u in r.unmet]
            assert any(fragment in m for m in messages), f"{label}: no unmet message with {fragment!r} in {messages}"
        # An item counts nothing unless it is eligible or in review.
        if r.status in ("ineligible", "superseded") and r.ceiling_yuan is not None:
            assert r.ceiling_yuan == 0, f"{label}: {r.status} with a ceiling"

    if "reached" in expect:
        assert [r.item for r in a.items] == [str(i) for i in expect["reached"]]

    if "item_totals" in expect:
        got = {(t.item, t.year): t for t in a.item_totals}
        assert sorted(got) == sorted((str(t["item"]), t["year"]) for t in expect["item_totals"])
        for want in expect["item_totals"]:
            t = got[(str(want["item"]), want["year"])]
            for field in TOTAL_FIELDS:
                if field in want:
                    assert getattr(t, field) == want[field], f"total {t.item} {t.year}: {field}"

    if "claims" in expect:
        got = {c.subject: c.item for c in a.claims}
        assert got == {c["subject"]: str(c["item"]) for c in expect["claims"]}, "claims"

    for field in ("total_ceiling_yuan", "review_potential_yuan", "in_force", "interpretation"):
        if field in expect:
            assert getattr(a, field) == expect[field], field
