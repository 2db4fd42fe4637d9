"""The what-if's faster path equals the engine on generated portfolios.

compare() skips the enterprises a reform cannot reach and re-assesses the others only in the sections it
reaches (calculators.reform.reassess); here every enterprise of a generated portfolio is assessed whole
under the same reform by the engine, and every entry must be identical, with the portfolio read from a
workbook by batch.py and with several workers.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import batch
from batch import entry_of
from batch.demo import demo_profiles
from batch.whatif import compare, filled, portfolio_from_book, portfolio_from_profiles
from calculators import assess, validate_profile
from calculators.content import Parameters, parameters_on
from calculators.reform import GATE_ONLY, Change, Reform, reformable
from reports import batch_book
from tests.engine.test_properties import SETTINGS, profiles

TODAY = dt.date(2026, 3, 14)
PARAMS = reformable()


@st.composite
def reforms(draw) -> Reform:
    chosen = draw(st.lists(st.sampled_from(range(len(PARAMS))), min_size=0, max_size=4, unique=True))
    changes = []
    for k in chosen:
        stem, name, spec = PARAMS[k]
        now = parameters_on(TODAY).get(stem, name)
        if spec["unit"] == "date":
            value = now + dt.timedelta(days=draw(st.integers(-200, 400)))
            if name == "effective_from":
                value = min(value, dt.date(2028, 3, 13))
            else:
                value = max(value, dt.date(2026, 3, 14))
        elif spec["unit"] == "ratio":
            value = Decimal(draw(st.integers(0, 100))) / 100
        else:
            value = (now * Decimal(draw(st.sampled_from(["0", "0.5", "1", "1.2", "3"])))).to_integral_value()
        changes.append(Change(stem, name, value, TODAY))
    return Reform(changes, draw(st.sampled_from([None, "default", "strict"])))


def _models(datas):
    out = []
    for d in datas:
        m, problems = validate_profile(d)
        assert m is not None, problems
        out.append(m)
    return out


@SETTINGS
@given(st.lists(profiles(), min_size=1, max_size=6), reforms())
def test_the_faster_path_equals_the_engine(datas, reform):
    models = _models(datas)
    p = portfolio_from_profiles(models)
    c = compare(p, reform)
    assert c.after == [entry_of(reform.assess(m), m.enterprise.credit_code) for m in models]
    assert c.before == [entry_of(reform.__class__().assess(m), m.enterprise.credit_code) for m in models]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_demo_portfolio_from_its_workbook_equals_the_engine(workers):
    as_of = dt.date(2026, 11, 27)
    datas = demo_profiles(600, as_of=as_of)
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(datas))])
    p = portfolio_from_book(book, "zh", as_of, workers=workers)
    reform = Reform([Change("article1_carrier", "cap_yuan", Decimal(5_000_000), TODAY),
                     Change("article6_venues", "min_positive_media_reports", Decimal(2), TODAY),
                     Change("article2_projects", "platform_cap_yuan", Decimal(900_000), TODAY)], "strict")
    c = compare(p, reform, workers=workers)
    models = [p.profile(i) for i in range(len(p.datas))]
    assert c.after == [entry_of(reform.assess(m), m.enterprise.credit_code) for m in models]
    assert 0 < c.reassessed < len(models)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_profiles_kept_from_the_baseline_are_each_enterprises_own(workers):
    """A portfolio keeps the models it validated for its baseline (a reform does not validate them again):
    each is the model of its own enterprise, also when an invalid enterprise sits between the others."""
    as_of = dt.date(2026, 11, 27)
    datas = demo_profiles(520, as_of=as_of)
    datas[7]["as_of"] = "2150-01-01"  # refused: after the latest date the intake accepts
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(datas))])
    p = portfolio_from_book(book, "zh", as_of, workers=workers)
    assert len(p.datas) == 519 and p.result.invalid == 1
    # with one worker every model is kept; with two, those of the ranges this process took: it works
    # from the front of the list (batch/pool.py), so a first part, and the worker did the rest
    if workers == 1:
        assert len(p.profiles) == 519
    else:
        assert 0 < len(p.profiles) < 519 and sorted(p.profiles) == list(range(len(p.profiles)))
    for j, model in p.profiles.items():
        assert model == validate_profile(p.datas[j])[0]
        assert model.enterprise.name == p.baseline[j].name
    assert p.datas[7]["enterprise"]["name"] == datas[8]["enterprise"]["name"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_reform_given_with_the_book_is_assessed_in_the_baselines_pass(workers):
    """The command line knows its reform before it reads the book: the enterprises the reform reaches are
    assessed under it in the baseline's own pass (portfolio_from_book(..., reform=)), and compare() takes
    those entries. They equal the engine's, an invalid enterprise in between changes nothing, and another
    reform is assessed afresh."""
    as_of = dt.date(2026, 11, 27)
    datas = demo_profiles(600, as_of=as_of)
    datas[5]["as_of"] = "2150-01-01"  # refused: after the latest date the intake accepts
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(datas))])
    reform = Reform([Change("article2_projects", "platform_cap_yuan", Decimal(800_000), TODAY)])
    p = portfolio_from_book(book, "zh", as_of, workers=workers, reform=reform)
    assert list(p.ahead) == [reform]
    reached = p.ahead[reform]
    models = [validate_profile(d)[0] for d in p.datas]
    with_projects = [j for j, m in enumerate(models) if m.projects]
    assert sorted(reached) == with_projects and 0 < len(with_projects) < len(models)
    for j in with_projects:
        assert reached[j] == entry_of(reform.assess(models[j]), models[j].enterprise.credit_code)

    c = compare(p, reform, workers=workers)
    assert c.reassessed == len(with_projects)
    assert c.after == [entry_of(reform.assess(m), m.enterprise.credit_code) for m in models]
    assert all(c.after[j] is reached[j] for j in with_projects)  # taken, not made again

    other = Reform([Change("article1_carrier", "cap_yuan", Decimal(5_000_000), TODAY)])
    assert compare(p, other, workers=workers).after == [
        entry_of(other.assess(m), m.enterprise.credit_code) for m in models]


def test_a_book_read_with_no_reform_has_none_ahead():
    as_of = dt.date(2026, 11, 27)
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(demo_profiles(20, as_of=as_of)))])
    p = portfolio_from_book(book, "zh", as_of)
    assert p.ahead == {}


def test_an_english_portfolio_compares_in_english_throughout():
    """compare() speaks the portfolio's language: an enterprise the reform reaches in one section keeps
    its other sections' rows from the English baseline, and its reached section is assessed in English."""
    as_of = dt.date(2026, 11, 27)
    book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(demo_profiles(40, as_of=as_of)))])
    p = portfolio_from_book(book, "en", as_of)
    reform = Reform([Change("article2_projects", "platform_cap_yuan", Decimal(800_000), TODAY)])
    models = [validate_profile(d)[0] for d in p.datas]
    both = [j for j, m in enumerate(models) if m.projects and (m.carrier or m.venues or m.rnd)]
    assert both  # the demo has enterprises with projects and another section
    c = compare(p, reform)
    assert c.after == [entry_of(reform.assess(m, "en"), m.enterprise.credit_code) for m in models]


# ---- a reform of what only the 附则 gates read ----------------------------------------------------------

class _Recording(Parameters):
    """The numbers in force on a date, noting the module that read each."""

    def __init__(self, on: dt.date):
        super().__init__(on)
        self.readers: dict[tuple[str, str], set[str]] = defaultdict(set)

    def get(self, stem: str, name: str):
        self.readers[(stem, name)].add(sys._getframe(1).f_globals["__name__"])
        return super().get(stem, name)


def _gate_only_reads(data: dict) -> None:
    model, problems = validate_profile(data)
    assert model is not None, problems
    for reading in ("default", "strict"):
        params = _Recording(model.as_of)
        assess(model.model_copy(update={"interpretation": reading}), "zh", params=params)
        for key in GATE_ONLY:
            assert params.readers[key] == {"calculators.gates"}, (key, params.readers[key])


@pytest.mark.parametrize("name", ["drama_studio", "park_operator", "tech_firm", "venue_operator", "not_yet_eligible"])
def test_what_gate_only_lists_is_read_by_the_gates_alone_in_each_example(name):
    """Reform.leaves_alone keeps an enterprise's entry when a reform changes only GATE_ONLY parameters and
    not which gates fail: true only if nothing but the gates reads them. Every read is recorded."""
    _gate_only_reads(json.loads((Path(__file__).resolve().parents[2] / "content" / "examples" / f"{name}.json")
                                .read_text("utf-8")))


@SETTINGS
@given(profiles())
def test_what_gate_only_lists_is_read_by_the_gates_alone(data):
    _gate_only_reads(data)


@SETTINGS
@given(st.lists(profiles(), min_size=1, max_size=4), st.integers(-800, 800))
def test_moving_the_end_date_alone_equals_the_engine(datas, days):
    """The end date moved either way (profiles dated at, before and after 2028-03-13): the entries kept as
    they were and those assessed again all equal the engine's under the reform."""
    end = parameters_on(TODAY).get("general", "effective_until")
    reform = Reform([Change("general", "effective_until", end + dt.timedelta(days=days), TODAY)])
    models = _models(datas)
    c = compare(portfolio_from_profiles(models), reform)
    assert c.after == [entry_of(reform.assess(m), m.enterprise.credit_code) for m in models]


def test_the_end_date_a_year_later_keeps_the_enterprises_whose_gates_do_not_change():
    """Over the demo portfolio (dated 2026-11-27, in force either way) a later end date fails no more
    gates: every entry is the baseline's own, and equal to the engine's under the reform. Dated after
    the present end, the same enterprise is in force only under the reform, and is assessed again."""
    as_of = dt.date(2026, 11, 27)
    datas = demo_profiles(60, as_of=as_of)
    models = _models(datas)
    reform = Reform([Change("general", "effective_until", dt.date(2029, 3, 13), TODAY)])
    p = portfolio_from_profiles(models)
    c = compare(p, reform)
    assert c.reassessed == sum(1 for m in models if filled(m)) > 50  # those with a section to assess
    assert all(a is b for a, b in zip(c.after, c.before, strict=True))
    assert c.after == [entry_of(reform.assess(m), m.enterprise.credit_code) for m in models]
    assert all(reform.leaves_alone(m) for m in models)

    late = next(m for m in models if m.projects).model_copy(update={"as_of": dt.date(2028, 6, 1)})
    assert not reform.leaves_alone(late)  # out of force today, in force under the reform
    before = entry_of(assess(late), late.enterprise.credit_code)
    after = compare(portfolio_from_profiles([late]), reform).after[0]
    assert after == entry_of(reform.assess(late), late.enterprise.credit_code) != before
    # with a reading, or another parameter besides, it may change any enterprise: each is assessed again
    with_reading = Reform(reform.changes, "strict")
    with_cap = Reform([*reform.changes, Change("article1_carrier", "cap_yuan", Decimal(5_000_000), TODAY)])
    assert not any(r.leaves_alone(m) for r in (with_reading, with_cap) for m in models)
    assert not Reform().leaves_alone(models[0])
