"""The section pages (优质项目, 技术融合, 创新场景, 人才与培训) driven through the whole app with AppTest.

Every amount the pages show is compared with what ``calculators.assess`` returns for the same profile:
the pages must never compute anything of their own.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx

# Import every ui module before any test patches ui.i18n.lang, so their own `lang` stays the real one.
import ui.components
import ui.i18n
import ui.inputs
import ui.section_charts
import ui.sidebar
import ui.state
import ui.tables
from calculators import assess, validate_profile
from calculators.content import item_name
from tests.app.conftest import new_app
from ui import tables
from ui.i18n import strings

ROOT = Path(__file__).resolve().parents[2]

_REAL_LANG = ui.i18n.lang

PAGES = {
    "projects": ("pages/projects.py", "projects.title", ("2.1", "2.2", "2.3", "3.1", "3.2")),
    "technology": ("pages/technology.py", "technology.title", ("4.1", "4.2", "5")),
    "venues": ("pages/venues.py", "venues.title", ("6",)),
    "talent": ("pages/talent.py", "talent.title", ("7", "8")),
}
EXAMPLE_FOR = {"projects": "drama_studio.json", "technology": "tech_firm.json", "venues": "venue_operator.json",
               "talent": "drama_studio.json"}


@pytest.fixture
def lang_of_test(monkeypatch):
    """Run the app in one language, and let the test's own ``t()`` calls use it too.

    Helpers of the app called by a test outside a script run (``tables.field_name``…) call ``t()``;
    there session state is not readable, so ``t()`` would answer in Chinese. The patch gives it the
    test's language there only; inside a script run the language still comes from session state, as in
    the app. (The expected amount lines never use the app's helpers: see ``amount_line``.)
    """
    chosen = {"lang": "zh"}

    def lang() -> str:
        return _REAL_LANG() if get_script_run_ctx(suppress_warning=True) else chosen["lang"]

    monkeypatch.setattr(ui.i18n, "lang", lang)

    def use(lang: str) -> None:
        chosen["lang"] = lang

    return use


def text(key: str, lang: str, **fmt) -> str:
    template = strings()[key][lang]
    return template.format(**fmt) if fmt else template


def open_page(lang_of_test, lang: str, page: str, example: str | None = None):
    lang_of_test(lang)
    at = new_app(lang)
    at.run()
    if example:  # the example's own date first (loading keeps the session's date): figures do not drift
        as_of = json.loads((ROOT / "content" / "examples" / example).read_text(encoding="utf-8"))["as_of"]
        at.sidebar.date_input(key="w:as_of").set_value(dt.date.fromisoformat(as_of)).run()
        at.selectbox(key="example_choice").set_value(example).run()
    at.switch_page(PAGES[page][0]).run()
    assert_ok(at, lang)
    return at


def assert_ok(at, lang: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert text("app.page_error", lang) not in errors
    assert text("app.sidebar_error", lang) not in errors


def engine(at, lang: str):
    """What the engine returns for the profile now in the session (every section as entered)."""
    model, problems = validate_profile(copy.deepcopy(at.session_state["profile"]), lang)
    assert model is not None, problems
    return assess(model, lang)


def _shown_now(at) -> list[str]:
    """The "### " amount line of every card drawn now (a card is one text: title, amount, the rest)."""
    return [line for m in at.main.markdown for line in m.value.split("\n") if line.startswith("### ")]


def picker(at):
    """The section's subject picker (a select box), or None when the page has one subject."""
    keys = [s.key for s in at.main.selectbox if s.key and s.key.startswith("sections_subject_")]
    return at.main.selectbox(key=keys[0]) if keys else None


def ceilings_shown(at) -> list[str]:
    """Every card's amount line, subject by subject: each subject chosen in the picker in turn.

    Only the chosen subject's cards are drawn; the picker is left on the subject chosen before.
    """
    box = picker(at)
    if box is None:
        return _shown_now(at)
    before, shown = box.value, []
    for option in box.options:
        picker(at).set_value(option).run()
        assert_ok(at, at.session_state["lang"] if "lang" in at.session_state else "zh")
        assert picker(at).value == option
        shown += _shown_now(at)
    picker(at).set_value(before).run()
    return shown


# A card's amount line, written out here (content/i18n/ui.yaml's words), never with the app's own
# components.ceiling_text: a wrong amount line must fail these tests. 万元 keep two decimals and are
# cut, never rounded up (a ceiling is never overstated).
AMOUNT_LINE = {
    "zh": {"none": "暂无可申报金额", "unquantified": "金额以评审及相关规定为准",
           "fixed": "{wan} 万元（固定额度）", "ceiling": "最高可达 {wan} 万元"},
    "en": {"none": "No amount for now", "unquantified": "Amount set by review and the relevant rules",
           "fixed": "{wan} ×10k yuan, fixed ({yuan} yuan)", "ceiling": "Up to {wan} ×10k yuan ({yuan} yuan)"},
}


def wan_text(yuan: int) -> str:
    """Yuan as 万元 with two decimals, cut: 666,666 → "66.66"."""
    return f"{(Decimal(yuan) / 10000).quantize(Decimal('0.01'), rounding=ROUND_DOWN):,}"


def amount_line(r, lang: str) -> str:
    words = AMOUNT_LINE[lang]
    if r.status in ("ineligible", "superseded"):  # eligible and review cards only carry an amount
        return "### " + words["none"]
    if r.ceiling_yuan is None:
        return "### " + words["unquantified"]
    return "### " + words[r.kind].format(wan=wan_text(r.ceiling_yuan), yuan=f"{r.ceiling_yuan:,}")


def ceilings_expected(a, items, lang: str) -> list[str]:
    """The cards' amount lines in the page's order: subject by subject, items in engine order."""
    results = [r for r in a.items if r.item in items]
    subjects = list(dict.fromkeys(r.subject for r in results))
    return [amount_line(r, lang) for s in subjects for r in results if r.subject == s]


def ceilings_of_first_subject(a, items, lang: str) -> list[str]:
    """What the page shows before anything is picked: the first subject's cards only."""
    results = [r for r in a.items if r.item in items]
    first = results[0].subject if results else None
    return [amount_line(r, lang) for r in results if r.subject == first]


def page_total_expected(a, items, lang) -> str:
    total = sum(t.total_yuan for t in a.item_totals if t.item in items)
    return text("sections.results.amount_wan", lang, amount=wan_text(total))


def metric_values(at) -> list[str]:
    return [m.value for m in at.main.metric]


def editor(at, section: str):
    for e in at.data_editor:
        if e.key and e.key.startswith(f"sections_editor_{section}_"):
            return e, e.key
    raise AssertionError(f"no editor for {section}")


def edit(at, section: str, *, edited=None, added=None, deleted=None):
    """Apply cell edits, added rows and deleted rows as the editor's frontend would send them."""
    _, key = editor(at, section)
    at.session_state[key] = {
        "edited_rows": {str(k): v for k, v in (edited or {}).items()},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    at.run()


def summary_status(at, subject: str, item: str, lang: str) -> str:
    """The status of one item of one subject in the page's summary table (subjects × items)."""
    column = f"{item} {item_name(item, lang)}"
    subject_col = text("sections.summary.subject", lang)
    for df in at.main.dataframe:
        value = df.value
        if subject_col in value.columns and column in value.columns:
            rows = value[value[subject_col] == subject]
            if len(rows):
                return rows.iloc[0][column].split(" · ")[0]
    raise AssertionError((subject, item))


# ---- every page runs in both languages -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs_without_error_empty_and_with_its_example(lang_of_test, lang, page):
    at = open_page(lang_of_test, lang, page)
    assert at.main.title[0].value == text(PAGES[page][1], lang)
    at = open_page(lang_of_test, lang, page, EXAMPLE_FOR[page])
    assert at.main.title[0].value == text(PAGES[page][1], lang)


# ---- an example loads, and every amount shown is the engine's --------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["projects", "technology", "venues"])
def test_example_loads_and_every_ceiling_shown_is_the_engines(lang_of_test, lang, page):
    at = open_page(lang_of_test, lang, page, EXAMPLE_FOR[page])
    items = PAGES[page][2]
    a = engine(at, lang)
    # by default only the first subject's cards are drawn; the picker shows each other subject's
    assert _shown_now(at) == ceilings_of_first_subject(a, items, lang)
    assert ceilings_shown(at) == ceilings_expected(a, items, lang)
    assert _shown_now(at) == ceilings_of_first_subject(a, items, lang)
    assert metric_values(at)[0] == page_total_expected(a, items, lang)


def test_example_figures_in_chinese(lang_of_test):
    at = open_page(lang_of_test, "zh", "projects", "drama_studio.json")
    shown = ceilings_shown(at)
    none = "### 暂无可申报金额"
    assert shown == [
        # 申城寻味记: 2.1 awarded 300 万; its 2.2 counts under 2.1 (superseded); 2.3 on Douyin 60 万;
        # 3.1 12 minutes, at the 10-minute cap: 10 万 fixed; 3.2 not an adaptation
        "### 最高可达 300.00 万元", none, "### 最高可达 60.00 万元", "### 10.00 万元（固定额度）", none,
        # 七宝老街: shortlisted 100 万; Tencent 60 万; 3.5 minutes → 3 whole: 3 万; adaptation 30 万
        none, "### 最高可达 100.00 万元", "### 最高可达 60.00 万元", "### 3.00 万元（固定额度）", "### 最高可达 30.00 万元",
        # 浦江夜航: shortlisted 100 万; Youku 60 万; no local culture; not an adaptation
        none, "### 最高可达 100.00 万元", "### 最高可达 60.00 万元", none, none,
        # 马桥遗珍: shortlisted 100 万; MGTV 60 万; 1 minute: 1 万; adaptation 30 万
        none, "### 最高可达 100.00 万元", "### 最高可达 60.00 万元", "### 1.00 万元（固定额度）", "### 最高可达 30.00 万元",
        # 虹桥来客: another platform only: 2.3 in review (60 万) and its 3.1 too (2 万)
        none, none, "### 最高可达 60.00 万元", "### 2.00 万元（固定额度）", none,
    ]
    # 2.1 300 + 2.2 min(3 × 100, 200) + 2.3 4 × 60 + 3.1 (10 + 3 + 1) + 3.2 2 × 30 = 814 万元
    assert metric_values(at) == ["814.00 万元", "62.00 万元"]  # 2.3 on another platform 60 + its 3.1 2
    summary = at.main.dataframe[-1].value  # one row per work, one column per item
    assert summary.shape == (5, 6)
    assert summary.iloc[0].tolist() == [
        "申城寻味记", "可申报 · 最高可达 300.00 万元", "已按就高不重复", "可申报 · 最高可达 60.00 万元",
        "可申报 · 10.00 万元（固定额度）", "暂不符合",
    ]
    at = open_page(lang_of_test, "zh", "technology", "tech_firm.json")
    # 4.1 100 (municipal cap) + 200 (national cap) + 4.2 90 (30% of 300) + 5 195 (30% of 650) = 585
    assert metric_values(at) == ["585.00 万元"]
    at = open_page(lang_of_test, "zh", "venues", "venue_operator.json")
    # 6: 160 + 120 = 280, above the yearly cap of 200 per enterprise
    assert ceilings_shown(at)[:2] == ["### 最高可达 160.00 万元", "### 最高可达 120.00 万元"]
    assert metric_values(at) == ["200.00 万元"]


# ---- editing inputs changes what is shown, exactly as the engine says --------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_editing_a_work_changes_its_ceilings(lang_of_test, lang):
    at = open_page(lang_of_test, lang, "projects", "drama_studio.json")
    # 七宝老街 (row 2): 3.5 → 7 minutes of local culture; 浦江夜航 (row 3) now an adaptation
    edit(at, "projects", edited={1: {"local_culture_minutes": 7}, 2: {"adaptation_first_filing": True}})
    assert_ok(at, lang)
    works = {w["name"]: w for w in at.session_state["profile"]["projects"]}
    assert works["七宝老街"]["local_culture_minutes"] == 7
    assert works["浦江夜航"]["adaptation_first_filing"] is True
    a = engine(at, lang)
    assert ceilings_shown(at) == ceilings_expected(a, PAGES["projects"][2], lang)
    fixed = text("ceiling.fixed", lang, wan="7.00", yuan="70,000")
    assert "### " + fixed in ceilings_shown(at)
    # 3.2 now 3 × 30 = 90 万元, still under its yearly cap of 100
    assert metric_values(at)[0] == page_total_expected(a, PAGES["projects"][2], lang)
    assert metric_values(at)[0] == text("sections.results.amount_wan", lang, amount="848.00")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_editing_platforms_projects_and_rnd_changes_ceilings(lang_of_test, lang):
    at = open_page(lang_of_test, lang, "technology", "tech_firm.json")
    # AIGC platform (municipal): 5,000,000 → 2,000,000, so 30% = 600,000 under the 1,000,000 cap
    edit(at, "tech_platforms", edited={0: {"investment_yuan": 2000000}})
    assert_ok(at, lang)
    a = engine(at, lang)
    assert ceilings_shown(at) == ceilings_expected(a, PAGES["technology"][2], lang)
    assert "### " + text("ceiling.up_to", lang, wan="60.00", yuan="600,000") in ceilings_shown(at)
    # R&D expenditure through its form: 1,000,000 yuan → 300,000
    at.text_input(key="w:rnd.expenditure_yuan").input("1,000,000").run()
    assert_ok(at, lang)
    assert at.session_state["profile"]["rnd"]["expenditure_yuan"] == 1000000
    a = engine(at, lang)
    assert ceilings_shown(at) == ceilings_expected(a, PAGES["technology"][2], lang)
    # 4.1 60 + 200, 4.2 90, 5 30
    assert metric_values(at)[0] == text("sections.results.amount_wan", lang, amount="380.00")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_editing_a_venue_changes_its_status_and_the_yearly_cap(lang_of_test, lang):
    at = open_page(lang_of_test, lang, "venues", "venue_operator.json")
    # 古美数字沉浸剧场 (row 2) previously supported: one-off, so no longer eligible; 280 → 160 万元
    edit(at, "venues", edited={1: {"previously_supported": True}})
    assert_ok(at, lang)
    a = engine(at, lang)
    assert ceilings_shown(at) == ceilings_expected(a, ("6",), lang)
    assert metric_values(at)[0] == text("sections.results.amount_wan", lang, amount="160.00")
    assert summary_status(at, "古美数字沉浸剧场", "6", lang) == text("status.ineligible", lang)


def test_with_no_venue_eligible_the_yearly_cap_says_nothing_is_used(lang_of_test):
    """The yearly cap's place names the cap and says no amount uses it (no empty chart)."""
    at = open_page(lang_of_test, "zh", "venues", "venue_operator.json")
    edit(at, "venues", edited={i: {"previously_supported": True} for i in range(3)})
    assert_ok(at, "zh")
    assert all(r.status != "eligible" for r in engine(at, "zh").items)
    yearly = text("sections.chart.yearly_cap", "zh")
    notes = [i.value for i in at.main.info if yearly in i.value]
    assert notes == [f"**{yearly}**  \n{text('sections.chart.no_yearly_use', 'zh')}"]
    assert not any(yearly in h.value for h in at.main.markdown)  # not a heading over nothing


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_talent_inputs_give_a_review_status_and_no_amount(lang_of_test, lang):
    at = open_page(lang_of_test, lang, "talent")
    at.text_input(key="w:talent.chunshen_candidates").input(str(3)).run()
    at.text_input(key="w:training.trainees").input(str(40)).run()
    assert_ok(at, lang)
    profile = at.session_state["profile"]
    assert profile["talent"]["chunshen_candidates"] == 3 and profile["training"]["trainees"] == 40
    a = engine(at, lang)
    assert [(r.item, r.status, r.ceiling_yuan) for r in a.items] == [("7", "review", None), ("8", "review", None)]
    assert ceilings_shown(at) == ["### " + text("ceiling.unquantified", lang)] * 2
    assert summary_status(at, "—", "7", lang) == text("status.review", lang)
    assert not metric_values(at)  # no invented amounts: no total on this page
    up_to = text("ceiling.up_to", lang, wan="", yuan="").split("{")[0][:4]
    assert not any(up_to in m.value for m in at.main.markdown)


# ---- inputs survive switching pages (and languages) ---------------------------------------------------


def test_typed_rows_good_and_bad_survive_page_and_language_switches(lang_of_test):
    at = open_page(lang_of_test, "zh", "projects", "drama_studio.json")
    edit(at, "projects", edited={1: {"local_culture_minutes": 7}}, added=[{"name": "", "local_culture_minutes": 2}])
    typed = copy.deepcopy(at.session_state["_sections_rows_projects"])
    assert len(typed) == 6 and typed[5]["name"] == ""
    at.switch_page("pages/venues.py").run()
    at.switch_page("pages/technology.py").run()
    at.switch_page("pages/projects.py").run()
    assert_ok(at, "zh")
    table, _ = editor(at, "projects")
    assert list(table.value["name"]) == ["申城寻味记", "七宝老街", "浦江夜航", "马桥遗珍", "虹桥来客", ""]
    assert float(table.value["local_culture_minutes"][1]) == 7.0
    assert at.session_state["_sections_rows_projects"] == typed
    assert any("第 6 行" in e.value for e in at.main.error)
    # the language changes the editor (labels), not what was typed
    lang_of_test("en")
    at.session_state["lang"] = "en"
    at.run()
    assert_ok(at, "en")
    table, key = editor(at, "projects")
    assert key.startswith("sections_editor_projects_en_")
    assert list(table.value["name"])[-1] == "" and float(table.value["local_culture_minutes"][1]) == 7.0
    assert any("Row 6" in e.value for e in at.main.error)


def test_rnd_form_survives_page_switches(lang_of_test):
    at = open_page(lang_of_test, "zh", "technology", "tech_firm.json")
    at.text_input(key="w:rnd.expenditure_yuan").input("2,500,000").run()
    at.switch_page("pages/projects.py").run()
    at.switch_page("pages/technology.py").run()
    assert_ok(at, "zh")
    assert at.text_input(key="w:rnd.expenditure_yuan").value == "2,500,000"
    assert at.session_state["profile"]["rnd"]["expenditure_yuan"] == 2500000


def test_loading_another_example_replaces_the_typed_rows(lang_of_test):
    at = open_page(lang_of_test, "zh", "projects", "drama_studio.json")
    edit(at, "projects", added=[{"name": ""}])
    at.selectbox(key="example_choice").set_value("not_yet_eligible.json").run()
    assert_ok(at, "zh")
    expected = [w["name"] for w in at.session_state["profile"].get("projects", [])]
    table, _ = editor(at, "projects")
    assert list(table.value["name"]) == expected
    assert not any("第" in e.value and "行" in e.value for e in at.main.error)


# ---- the strict reading (RULES.md §4) ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_strict_reading_keeps_only_the_highest_item_of_each_work(lang_of_test, lang):
    at = open_page(lang_of_test, lang, "projects", "drama_studio.json")
    assert summary_status(at, "七宝老街", "2.3", lang) == text("status.eligible", lang)
    default_total = metric_values(at)[0]
    at.radio(key="w:interpretation").set_value("strict").run()
    assert_ok(at, lang)
    assert at.session_state["profile"]["interpretation"] == "strict"
    a = engine(at, lang)
    assert a.interpretation == "strict"
    assert ceilings_shown(at) == ceilings_expected(a, PAGES["projects"][2], lang)
    # 七宝老街: 2.2 (100 万) beats 2.3 (60 万) and 3.2 (30 万); 3.1 (额外) still stacks
    assert summary_status(at, "七宝老街", "2.2", lang) == text("status.eligible", lang)
    assert summary_status(at, "七宝老街", "2.3", lang) == text("status.superseded", lang)
    assert summary_status(at, "七宝老街", "3.2", lang) == text("status.superseded", lang)
    assert summary_status(at, "七宝老街", "3.1", lang) == text("status.eligible", lang)
    # 申城寻味记: 2.1 (300 万) beats 2.3; 虹桥来客's 2.3 on another platform stays in review
    assert summary_status(at, "申城寻味记", "2.3", lang) == text("status.superseded", lang)
    assert summary_status(at, "虹桥来客", "2.3", lang) == text("status.review", lang)
    strict_total = metric_values(at)[0]
    assert strict_total != default_total
    # RULES.md §6.3: 2.1 300 + 2.2 2 × 100 (the cap) + 马桥遗珍 2.3 60 (its 2.2 would add 0) + 3.1 14 = 574 万元
    assert strict_total == page_total_expected(a, PAGES["projects"][2], lang)
    assert strict_total == text("sections.results.amount_wan", lang, amount="574.00")
    assert summary_status(at, "马桥遗珍", "2.3", lang) == text("status.eligible", lang)
    assert summary_status(at, "马桥遗珍", "2.2", lang) == text("status.superseded", lang)
    claimed = next(df.value for df in at.main.dataframe if text("sections.summary.claimed", lang) in df.value.columns)
    by_work = dict(zip(claimed[text("sections.summary.subject", lang)], claimed[text("sections.summary.claimed", lang)],
                       strict=True))
    assert by_work == {w: text("sections.summary.claimed_cell", lang, item=i) for w, i in (
        ("申城寻味记", "2.1"), ("七宝老街", "2.2"), ("浦江夜航", "2.2"), ("马桥遗珍", "2.3"))} | {"虹桥来客": "—"}
    assert any(text("sections.results.strict_active", lang) == c.value for c in at.main.caption)


# ---- bad rows: a message naming row and column, and nothing else lost --------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_invalid_rows_are_named_by_row_and_column_and_the_rest_is_kept(lang_of_test, lang):
    at = open_page(lang_of_test, lang, "technology", "tech_firm.json")
    before = copy.deepcopy(at.session_state["profile"])
    edit(
        at, "tech_platforms",
        edited={0: {"investment_yuan": -5}},
        added=[
            {"name": "虚拟制片公共服务平台", "national": True, "investment_yuan": 1000000},  # repeats row 2
            {"name": "", "municipal": True, "investment_yuan": 1000000},
        ],
    )
    assert_ok(at, lang)
    messages = "\n".join(e.value for e in at.main.error)
    invest, name = tables.field_name("investment_yuan", lang), tables.field_name("name", lang)
    if lang == "zh":
        assert "第 1 行 ·「项目投资额」：不能小于 0" in messages
        assert "第 3 行 ·「名称」：名称“虚拟制片公共服务平台”重复" in messages
        assert "第 4 行 ·「名称」：不能为空" in messages
    else:
        assert f"Row 1 · {invest}: must not be less than 0" in messages
        assert f"Row 3 · {name}: the name \"虚拟制片公共服务平台\" appears twice" in messages
        assert f"Row 4 · {name}: must not be empty" in messages
    # what was typed is all still there, bad rows included
    table, _ = editor(at, "tech_platforms")
    assert list(table.value["name"])[:2] == ["AIGC微短剧创作平台", "虚拟制片公共服务平台"]
    typed = at.session_state["_sections_rows_tech_platforms"]
    assert [r["name"] for r in typed] == ["AIGC微短剧创作平台", "虚拟制片公共服务平台", "虚拟制片公共服务平台", ""]
    assert typed[0]["investment_yuan"] == -5
    # the good row is still assessed, and every other input is untouched
    profile = at.session_state["profile"]
    assert [p["name"] for p in profile["tech_platforms"]] == ["虚拟制片公共服务平台"]
    assert profile["transformation_projects"] == before["transformation_projects"]
    assert profile["rnd"] == before["rnd"] and profile["enterprise"] == before["enterprise"]
    a = engine(at, lang)
    assert ceilings_shown(at) == ceilings_expected(a, PAGES["technology"][2], lang)
    assert "### " + text("ceiling.up_to", lang, wan="200.00", yuan="2,000,000") in ceilings_shown(at)
    # fixing the row brings it back
    edit(at, "tech_platforms", edited={0: {"investment_yuan": 5000000}}, added=[
        {"name": "虚拟制片公共服务平台", "national": True, "investment_yuan": 1000000},
        {"name": "", "municipal": True, "investment_yuan": 1000000},
    ])
    assert [p["name"] for p in at.session_state["profile"]["tech_platforms"]] == [
        "AIGC微短剧创作平台", "虚拟制片公共服务平台"]


def test_invalid_work_keeps_other_works_assessed(lang_of_test):
    at = open_page(lang_of_test, "zh", "projects", "drama_studio.json")
    # a fund date after the assessment date (2026-11-27), and a repeated name
    edit(at, "projects", edited={0: {"municipal_fund_date": "2026-12-01"}, 4: {"name": "七宝老街"}})
    messages = "\n".join(e.value for e in at.main.error)
    assert "第 1 行 ·「市级专项资金入围或获得日期」：日期 2026-12-01 晚于测算日期 2026-11-27" in messages
    assert "第 5 行 ·「名称」：名称“七宝老街”重复" in messages
    names = [w["name"] for w in at.session_state["profile"]["projects"]]
    assert names == ["七宝老街", "浦江夜航", "马桥遗珍"]
    a = engine(at, "zh")
    assert ceilings_shown(at) == ceilings_expected(a, PAGES["projects"][2], "zh")


def test_rnd_switch_adds_and_removes_the_rnd_section(lang_of_test):
    at = open_page(lang_of_test, "zh", "technology")
    assert "rnd" not in at.session_state["profile"]
    at.toggle(key="w:sections.rnd_enabled").set_value(True).run()
    assert_ok(at, "zh")
    assert at.session_state["profile"]["rnd"]["expenditure_yuan"] == 0
    at.text_input(key="w:rnd.expenditure_yuan").input("12,000,000").run()
    at.checkbox(key="w:rnd.applied_with_results").check().run()
    a = engine(at, "zh")
    # a new profile leaves registration in Minhang unconfirmed (RULES.md §6.5): for review until 是
    assert [(r.item, r.status, r.ceiling_yuan) for r in a.items] == [("5", "review", 3000000)]
    at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("yes").run()
    a = engine(at, "zh")
    assert [(r.item, r.status, r.ceiling_yuan) for r in a.items] == [("5", "eligible", 3000000)]
    # 30% of 12,000,000 = 3,600,000, capped at 3,000,000 per enterprise
    assert ceilings_shown(at) == ["### 最高可达 300.00 万元"]
    at.toggle(key="w:sections.rnd_enabled").set_value(False).run()
    assert "rnd" not in at.session_state["profile"]
    assert not ceilings_shown(at)


def test_a_bad_enterprise_name_hides_results_with_a_message_but_keeps_the_table(lang_of_test):
    at = open_page(lang_of_test, "zh", "venues", "venue_operator.json")
    at.sidebar.text_input(key="w:enterprise.name").input("").run()
    assert_ok(at, "zh")
    assert text("sections.results.invalid_profile", "zh") in [w.value for w in at.main.warning]
    assert not ceilings_shown(at)
    table, _ = editor(at, "venues")
    assert list(table.value["name"]) == ["浦江一站式拍摄基地", "古美数字沉浸剧场", "梅陇微短剧体验馆"]
    at.sidebar.text_input(key="w:enterprise.name").input("浦江沉浸文旅发展有限公司").run()
    assert metric_values(at)[0] == "200.00 万元"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["projects", "technology", "venues"])
def test_every_table_column_has_a_label_with_its_unit_and_a_help_text(lang_of_test, lang, page):
    import json

    at = open_page(lang_of_test, lang, page)
    assert at.data_editor
    for table in at.data_editor:
        section = table.key.split("_editor_", 1)[1].rsplit("_", 2)[0]
        columns = {k: v for k, v in json.loads(table.proto.columns).items() if k != "_index"}
        assert list(columns) == tables.SPECS[section].fields
        for name, config in columns.items():
            assert config["label"] == tables.column_label(name, lang)
            help_text = config.get("help", "")
            assert help_text and ".help." not in help_text, (section, name, help_text)
            assert help_text in {entry[lang] for entry in strings().values()}


def test_the_subject_picker_keeps_its_choice_and_falls_back_to_the_first_subject(lang_of_test):
    at = open_page(lang_of_test, "zh", "projects", "drama_studio.json")
    assert picker(at).options == ["申城寻味记", "七宝老街", "浦江夜航", "马桥遗珍", "虹桥来客"]
    assert picker(at).value == "申城寻味记"
    picker(at).set_value("虹桥来客").run()
    a = engine(at, "zh")
    own = [amount_line(r, "zh") for r in a.items if r.subject == "虹桥来客" and r.item in PAGES["projects"][2]]
    # 虹桥来客: no municipal fund (2.1, 2.2 no), another platform only (2.3 in review: up to 60 万), 2 minutes
    # of local culture resting on that 2.3 (3.1 in review: 2 万 fixed), not an adaptation (3.2 no)
    assert own == ["### 暂无可申报金额", "### 暂无可申报金额", "### 最高可达 60.00 万元", "### 2.00 万元（固定额度）",
                   "### 暂无可申报金额"]
    assert _shown_now(at) == own
    # another input changes: the choice stays
    edit(at, "projects", edited={1: {"local_culture_minutes": 7}})
    assert picker(at).value == "虹桥来客" and _shown_now(at) == own
    # the chosen work is deleted: the first subject is shown again
    edit(at, "projects", edited={1: {"local_culture_minutes": 7}}, deleted=[4])
    assert_ok(at, "zh")
    assert picker(at).value == "申城寻味记"
    assert _shown_now(at) == ceilings_of_first_subject(engine(at, "zh"), PAGES["projects"][2], "zh")


@pytest.mark.parametrize("page,example_name,items", [("projects", "drama_studio.json", PAGES["projects"][2]),
                                                       ("venues", "venue_operator.json", ("6",))])
def test_the_yearly_caps_chart_shows_each_cap_and_each_subjects_share_of_it(lang_of_test, page, example_name, items):
    """One chart for every yearly cap of the page: a row per (item, year) naming its cap and what is used,
    each subject's amount as its share of that cap (100% = the cap), as the engine counted them."""
    import json as _json

    from calculators.explain import wan

    at = open_page(lang_of_test, "zh", page, example_name)
    a = engine(at, "zh")
    specs = [_json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    # the axis title is drawn on two lines (it ran off a phone's edge): read it as one
    caps = [s for s in specs
            if s["layout"]["xaxis"]["title"]["text"].replace("<br>", "") == text("chart.yearly_caps_axis", "zh")]
    assert len(caps) == 1
    assert caps[0]["layout"]["title"]["text"] == text("sections.chart.yearly_cap", "zh")  # its own heading
    bars = caps[0]["data"]
    totals = [tt for tt in a.item_totals if tt.item in items and tt.yearly_cap_yuan is not None]
    assert totals
    rows = {bar["y"][0] for bar in bars}
    assert len(rows) == len(totals)
    for tt in totals:
        row = next(r for r in rows if r.startswith(f"{tt.item} ") and f"（{tt.year}年）" in r)
        assert f"上限 {wan(tt.yearly_cap_yuan)} 万元，已用 {wan(tt.total_yuan)}" in row
        mine = [r for r in a.items if r.item == tt.item and r.year == tt.year and r.status == "eligible" and r.ceiling_yuan]
        shares = sorted(bar["x"][0] for bar in bars if bar["y"][0] == row)
        assert shares == sorted(float(Decimal(r.ceiling_yuan) / Decimal(tt.yearly_cap_yuan) * 100) for r in mine)
        assert sum(Decimal(r.ceiling_yuan) for r in mine) == tt.sum_yuan
    assert [s["x0"] for s in caps[0]["layout"]["shapes"]] == [100]


# ---- numbers read exactly (RULES.md §6.1) -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_count_typed_with_more_digits_than_a_float_holds_is_refused_on_the_page(lang_of_test, lang):
    """3.9999999999999999 reports is not 4: the venues table refuses it with the engine's message, row
    and column named, and the other venues stay assessed and everything typed is kept."""
    at = open_page(lang_of_test, lang, "venues", "venue_operator.json")
    edit(at, "venues", edited={1: {"positive_media_reports": "3.9999999999999999"}})
    assert_ok(at, lang)
    messages = "\n".join(e.value for e in at.main.error)
    column = tables.field_name("positive_media_reports", lang)
    if lang == "zh":
        assert f"第 2 行 ·「{column}」：须为整数" in messages
    else:
        assert f"Row 2 · {column}: must be a whole number" in messages
    assert [v["name"] for v in at.session_state["profile"]["venues"]] == ["浦江一站式拍摄基地", "梅陇微短剧体验馆"]
    typed = at.session_state["_sections_rows_venues"]
    assert typed[1]["positive_media_reports"] == "3.9999999999999999"
    # written as 4 it is a whole number and the venue comes back
    edit(at, "venues", edited={1: {"positive_media_reports": "4"}})
    assert len(at.session_state["profile"]["venues"]) == 3


@pytest.mark.parametrize("page", ["technology", "talent"])  # projects and venues: tables only
def test_english_field_labels_start_with_a_capital(lang_of_test, page):
    """A widget's label is a heading ("Year", "Applied with results"), not the lower-case phrase that
    fields.yaml gives for use inside a sentence ("the R&D must have been applied with results")."""
    at = open_page(lang_of_test, "en", page, EXAMPLE_FOR[page])
    widgets = [*at.main.number_input, *at.main.text_input, *at.main.checkbox, *at.main.toggle]
    labels = [w.label for w in widgets]
    assert labels, page
    assert [x for x in labels if x[:1].islower()] == [], labels
