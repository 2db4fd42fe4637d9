"""The leadership brief (PDF) and the comparison workbook of a what-if hold the same figures.

The hand-computed portfolio of tests/reform/test_reform_cli.py: 570.00 万元 today, 480.00 with the R&D rate
at 20% (item 5: 270.00 → 180.00; item 1: 300.00 unchanged), two enterprises lose, none gains.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from openpyxl import load_workbook

from batch.demo import demo_profiles
from batch.whatif import compare, comparison_xlsx, portfolio_from_profiles
from calculators import validate_profile
from calculators.explain import wan
from calculators.reform import reform_from_values
from reports.brief import build_brief, histogram_bins, signed_wan
from tests.reform.test_reform_cli import PROFILES


def _portfolio(datas, lang="zh"):
    models = []
    for d in datas:
        m, problems = validate_profile(d)
        assert m is not None, problems
        models.append(m)
    return portfolio_from_profiles(models, lang)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_brief_of_the_hand_computed_portfolio(lang):
    reform, _ = reform_from_values({"article5_rnd.rnd_support_rate": "20%"}, lang=lang)
    c = compare(_portfolio(PROFILES, lang), reform)
    pages, text = _text(build_brief(c, lang))
    assert pages == 1
    for figure in ("570.00", "480.00", "-90.00", "270.00", "180.00", "300.00", "30% → 20%"):
        assert figure in text, figure
    assert ("增加 0 家、减少 2 家" if lang == "zh" else "0 gain, 2 lose") in text
    assert "给予企业研发费用投入 30% 以内的扶持" in text  # the sentence the change rests on


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_brief_holds_the_figures_of_the_comparison_workbook(lang):
    as_of = dt.date(2026, 11, 27)
    reform, problems = reform_from_values({
        "article1_carrier.cap_yuan": 5_000_000, "article1_carrier.support_rate": "25%",
        "article2_projects.platform_cap_yuan": 800_000, "article6_venues.min_positive_media_reports": 5,
        "article3_works.adaptation_yearly_cap_yuan": 500_000}, "strict", lang)
    assert not problems
    c = compare(_portfolio(demo_profiles(300, as_of=as_of), lang), reform)
    pages, text = _text(build_brief(c, lang, as_of))
    assert pages == 1
    wb = load_workbook(io.BytesIO(comparison_xlsx(c, lang)), read_only=True)
    sheets = wb.worksheets
    summary = {r[0]: r[1] for r in sheets[0].iter_rows(min_row=2, values_only=True)}
    before, after = summary[list(summary)[3]], summary[list(summary)[4]]
    assert (before, after) == (c.total_before, c.total_after)
    assert f"{wan(before)}" in text and f"{wan(after)}" in text and signed_wan(after - before) in text
    # every row of the workbook's by-item sheet, in 万元, in the brief's by-item table, in order
    rows = list(sheets[2].iter_rows(min_row=2, values_only=True))
    assert rows and all(isinstance(r[1], int) for r in rows)
    at = 0
    for _item, b, a, change in rows:
        line = f"{wan(b)} {wan(a)} {signed_wan(change)}"
        found = text.find(line, at)
        assert found >= 0, line
        at = found
    gainers, losers = summary[list(summary)[8]], summary[list(summary)[9]]
    assert (gainers, losers) == (len(c.gainers), len(c.losers))
    want = f"增加 {gainers} 家、减少 {losers} 家" if lang == "zh" else f"{gainers} gain, {losers} lose"
    assert want in text


def test_histogram_ranges_never_mix_gains_and_losses():
    class R:
        def __init__(self, change):
            self.change_yuan = change

    class C:
        rows = [R(v) for v in (-35_000, -10_000, -1, 1, 20_000, 20_000, 80_000, 0)]

    bins = histogram_bins(C(), n=4)
    # width ⌈115,000 / 4⌉ = 28,750 yuan, rounded up to whole 万元: 30,000 yuan (3.00 万元); 0 a boundary
    assert bins == [("-6.00 ~ -3.00", 1), ("-3.00 ~ 0.00", 2), ("0.00 ~ +3.00", 3), ("+3.00 ~ +6.00", 0),
                    ("+6.00 ~ +9.00", 1)]
    assert sum(k for _l, k in bins) == 7  # the unchanged enterprise is not counted
