"""The PDF consultation report: Chinese renders from the shipped font, and its figures are the engine's."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest

from calculators import assess, validate_profile
from calculators.content import item_name
from calculators.explain import wan
from calculators.money import fmt_number
from reports import build_pdf
from reports.pdf import FONT_PATH

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.json"))


def profile_of(path_or_dict):
    data = json.loads(Path(path_or_dict).read_text(encoding="utf-8")) if not isinstance(path_or_dict, dict) \
        else path_or_dict
    profile, problems = validate_profile(data)
    assert not problems
    return profile


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def squeeze(text: str) -> str:
    """Table cells wrap long names across lines: compare without any whitespace."""
    return "".join(text.split())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_chinese_report_names_every_item_and_has_the_engines_total(path):
    profile = profile_of(path)
    a = assess(profile, "zh")
    text, pages = pdf_text(build_pdf(a, profile, "zh"))
    flat = squeeze(text)
    assert squeeze(a.enterprise) in flat
    for r in a.items:
        assert squeeze(item_name(r.item, "zh")) in flat, r.item
    assert f"合计最高可达{wan(a.total_ceiling_yuan)}万元（{fmt_number(a.total_ceiling_yuan)}元）" in flat
    if a.review_potential_yuan:
        assert f"{wan(a.review_potential_yuan)}万元（{fmt_number(a.review_potential_yuan)}元）" in flat
    assert "闵文旅规〔2026〕1号" in text
    for n in range(1, pages + 1):
        assert f"第 {n} 页 / 共 {pages} 页" in text
    assert "免责声明" in text and "申报材料清单" in text and "就高不重复口径" in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_english_report_has_the_engines_total(path):
    profile = profile_of(path)
    a = assess(profile, "en")
    text, pages = pdf_text(build_pdf(a, profile, "en"))
    assert squeeze(f"Total, up to {fmt_number(a.total_ceiling_yuan)} yuan ({wan(a.total_ceiling_yuan)} ×10k)") \
        in squeeze(text)
    assert f"Page {pages} of {pages}" in text
    for r in a.items:
        assert squeeze(item_name(r.item, "en")) in squeeze(text)


def test_reason_for_a_no_and_the_clause_are_in_the_report():
    profile = profile_of(ROOT / "content" / "examples" / "not_yet_eligible.json")
    a = assess(profile, "zh")
    flat = squeeze(pdf_text(build_pdf(a, profile, "zh"))[0])
    unmet = [u.message for r in a.items for u in r.unmet]
    assert unmet, "the example has items that are not yet eligible"
    for message in unmet:
        assert squeeze(message) in flat
    for r in a.items:
        assert f"第{r.article}条" in flat


def test_the_font_is_shipped_and_embedded_not_taken_from_the_system():
    assert FONT_PATH.is_file() and FONT_PATH.stat().st_size < 5_000_000
    assert (FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    profile = profile_of(ROOT / "content" / "examples" / "drama_studio.json")
    reader = pypdf.PdfReader(io.BytesIO(build_pdf(assess(profile), profile, "zh")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        for d in font.get("/DescendantFonts", []):
            desc = d.get_object()["/FontDescriptor"].get_object()
            embedded.append("/FontFile2" in desc)
    assert embedded and all(embedded)


def test_hostile_and_unusual_names_are_plain_text_and_do_not_break_the_report():
    data = json.loads((ROOT / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    data["enterprise"]["name"] = "<script>alert('x')</script> =1+1 🎬𠀀"
    profile = profile_of(data)
    text, _pages = pdf_text(build_pdf(assess(profile), profile, "zh"))
    assert "<script>alert('x')</script> =1+1" in text
    assert "□" in text  # an emoji or a rare hanzi the font lacks shows as a box, never vanishes


def test_a_name_typed_with_a_full_width_space_prints_a_space_not_a_box():
    """Chinese input methods type 　 (U+3000), which the report font lacks: it prints as a space."""
    data = json.loads((ROOT / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    data["enterprise"]["name"] = "闵行\u3000新起点\u00a0传媒"
    profile = profile_of(data)
    text, _pages = pdf_text(build_pdf(assess(profile), profile, "zh"))
    assert "闵行 新起点 传媒" in text and "闵行□" not in text


def test_a_report_with_no_sections_filled_still_builds():
    profile = profile_of({"as_of": "2026-11-27", "enterprise": {"name": "空白企业"}})
    text, pages = pdf_text(build_pdf(assess(profile), profile, "zh"))
    assert "未填写任何扶持项目的信息" in text and pages == 1


TRUST = {
    "as_of": "2026-11-27", "interpretation": "strict",
    "enterprise": {"name": "甲影业", "registered_in_minhang": True},
    "projects": [
        {"name": "作品一", "municipal_fund": "shortlisted", "platforms": ["douyin"]},
        {"name": "作品二", "municipal_fund": "shortlisted", "platforms": ["douyin"]},
        {"name": "作品三", "municipal_fund": "shortlisted", "platforms": ["douyin"]},
    ],
    "transformation_projects": [{"name": "合作", "with_research_partner": True,
                                 "project_investment_yuan": 2000000, "enterprise_investment_yuan": 1000000}],
    "rnd": {"expenditure_yuan": 2000000, "applied_with_results": True, "other_minhang_support_yuan": 500000},
}


def test_the_report_shows_each_works_claim_the_other_support_and_both_4_2_amounts():
    """RULES.md §6.3, §6.4, §6.6 in the PDF: 作品三 claims 2.3 (the 2.2 cap is full by 作品一, 作品二);
    the R&D note names the other 500,000 and the net gain (600,000 − 500,000 = 100,000); 4.2 names
    the project's 2,000,000 and the enterprise's 1,000,000 (each in 万元, as every amount)."""
    profile = profile_of(TRUST)
    flat = squeeze(pdf_text(build_pdf(assess(profile), profile, "zh"))[0])
    assert "严格口径下各作品所计项目" in flat
    assert "「作品三」按第2.3项计" in flat
    assert "支持50.00万元" in flat and "净增最高10.00万元" in flat
    assert "合作项目投资总额200.00万元" in flat and "企业自身投资100.00万元" in flat


def test_a_name_of_many_line_breaks_and_nb_prints_as_typed():
    """Issue 15: a name of ~100 line breaks made a row taller than a page (no PDF at all), and "{nb}"
    in a name printed the page count."""
    data = json.loads((ROOT / "content" / "examples" / "drama_studio.json").read_text(encoding="utf-8"))
    data["enterprise"]["name"] = "甲{nb}\n" * 30 + "公司"
    data["projects"][0]["name"] = "{nb}作品" + "\r" * 150
    profile = profile_of(data)
    text, pages = pdf_text(build_pdf(assess(profile, "zh"), profile, "zh"))
    assert "甲{nb}甲{nb}" in squeeze(text) and "{nb}作品" in squeeze(text)
    assert squeeze(text).count(f"共{pages}页") == pages  # the footer's own count still works


def test_a_report_that_cannot_be_made_is_a_notice_not_silence(monkeypatch):
    import reports.pdf as pdf_module

    def broken(*_args, **_kwargs):
        raise ValueError("boom")

    profile = profile_of(EXAMPLES[0])
    monkeypatch.setattr(pdf_module, "build_pdf", broken)
    text, pages = pdf_text(pdf_module.build_pdf_or_notice(assess(profile, "en"), profile, "en"))
    assert pages == 1
    assert " ".join(text.split()).startswith("The report could not be made (ValueError). The results on the page")


def test_totals_table_is_in_wan_and_the_ceiling_heading_keeps_its_unit_whole():
    """Issue 17: the 分项合计 table was in 元 beside 万元 everywhere else, and the narrow heading broke
    as "最高可达（ / 万元）". tech_firm: 4.1 counts 1,000,000 + 2,000,000 = 300.00 万元."""
    profile = profile_of(ROOT / "content" / "examples" / "tech_firm.json")
    text, _ = pdf_text(build_pdf(assess(profile, "zh"), profile, "zh"))
    flat = squeeze(text)
    assert "各对象合计（万元）" in flat and "计入合计（万元）" in flat and "（元）" not in flat
    assert "4.1专业化平台配套扶持2026300.00300.00" in flat
    assert "最高可达\n（万元）" in text


# The totals table (in 万元, issue 17), per item and year: the sum over subjects, the yearly cap per enterprise, and what is
# counted (the smaller of the two). Hand-computed from each example profile (RULES.md §3):
DRAMA_STUDIO_TOTALS = {
    "zh": [
        "2.1 市级专项资金扶持项目配套 2026 300.00 300.00",  # 申城寻味记 awarded; no yearly cap
        # 七宝老街, 浦江夜航, 马桥遗珍 shortlisted: 3 × 1,000,000 = 3,000,000, counted at the 2,000,000 cap
        "2.2 市级专项资金评审入围项目 2026 300.00 200.00 200.00",
        # four works on major platforms: 4 × 600,000 = 2,400,000, under the 3,000,000 cap
        "2.3 主要平台播出项目 2026 240.00 300.00 240.00",
        # 12 min → 100,000 (the 10-minute cap) + 3.5 min → 30,000 + 1 min → 10,000 = 140,000
        "3.1 在地文化内容额外扶持 2026 14.00 14.00",
        # 七宝老街 and 马桥遗珍 adapted: 2 × 300,000 = 600,000, under the 1,000,000 cap
        "3.2 优秀作品改编项目 2026 60.00 100.00 60.00",
        # 3,000,000 + 2,000,000 + 2,400,000 + 140,000 + 600,000 = 8,140,000
        "合计最高可达 814.00",
    ],
    "en": [
        "2.1 Municipal special fund award 2026 300.00 300.00",
        "2.2 Municipal special fund shortlist 2026 300.00 200.00 200.00",
        "2.3 Broadcast on a major platform 2026 240.00 300.00 240.00",
        "3.1 Local culture bonus 2026 14.00 14.00",
        "3.2 Adaptation of an excellent work 2026 60.00 100.00 60.00",
        "Total, up to 814.00",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_totals_table_counts_each_item_after_its_yearly_cap(lang):
    profile = profile_of(ROOT / "content" / "examples" / "drama_studio.json")
    lines = pdf_text(build_pdf(assess(profile, lang), profile, lang))[0].splitlines()
    found = [line for line in lines if line in DRAMA_STUDIO_TOTALS[lang]]
    assert found == DRAMA_STUDIO_TOTALS[lang]


def test_totals_table_of_venues_over_their_yearly_cap():
    # 浦江一站式拍摄基地 8,000,000 × 20% = 1,600,000; 古美数字沉浸剧场 6,000,000 × 20% = 1,200,000;
    # 梅陇 has 2 reports (fewer than 4): 1,600,000 + 1,200,000 = 2,800,000, counted at the 2,000,000 cap
    profile = profile_of(ROOT / "content" / "examples" / "venue_operator.json")
    lines = pdf_text(build_pdf(assess(profile, "zh"), profile, "zh"))[0].splitlines()
    assert "6 创新应用场景一次性扶持 2026 280.00 200.00 200.00" in lines
    assert "合计最高可达 200.00" in lines
