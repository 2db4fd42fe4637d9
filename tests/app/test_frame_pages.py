"""AppTest of the frame's pages (Overview, Carriers, Results, Policy text) in both languages.

Each test drives the whole app (app.py with its sidebar) and compares what the page shows with what
the engine returns for the same profile.
"""

import datetime as dt
import re

import pytest
from conftest import new_app
from helpers import ceilings_shown, engine, errors, example, sidebar_total, total_text

from calculators.explain import wan
from ui.share import encode
from ui.whatifs import PREFIX as WHATIF_PREFIX

LANGS = ("zh", "en")
FRAME_PAGES = ("pages/overview.py", "pages/carriers.py", "pages/results.py", "pages/policy.py")
EXAMPLES = ("park_operator.json", "drama_studio.json", "tech_firm.json", "venue_operator.json",
            "not_yet_eligible.json")


def load(at, name):
    """Set the example's own date, then load it (loading keeps the session's date: figures do not drift)."""
    at.sidebar.date_input(key="w:as_of").set_value(dt.date.fromisoformat(example(name)["as_of"])).run()
    at.sidebar.selectbox(key="example_choice").select(name).run()
    return at


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", FRAME_PAGES)
def test_page_runs_empty_and_with_an_example(lang, page):
    at = new_app(lang)
    at.run()
    at.switch_page(page).run()
    assert not at.exception and not errors(at)
    assert sidebar_total(at) == total_text(0, lang)
    load(at, "drama_studio.json")
    assert not at.exception and not errors(at)
    assert sidebar_total(at) == total_text(engine(example("drama_studio.json"), lang).total_ceiling_yuan, lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_loads_and_the_total_is_the_engines(lang, name):
    at = new_app(lang)
    at.run()
    load(at, name)
    expected = engine(example(name), lang)
    assert at.session_state["profile"]["enterprise"]["name"] == example(name)["enterprise"]["name"]
    assert sidebar_total(at) == total_text(expected.total_ceiling_yuan, lang)
    at.switch_page("pages/results.py").run()
    assert not at.exception and not errors(at)
    assert at.metric[0].value == total_text(expected.total_ceiling_yuan, lang)
    assert at.metric[2].value == total_text(expected.review_potential_yuan, lang)


def fill_carrier(at, related=62, total=150, area=0, last="80,000,000", this="92,000,000"):
    # a new profile leaves registration unconfirmed (RULES.md §6.5): the user says 是 first
    at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("yes").run()
    at.toggle(key="w:@carrier").set_value(True).run()
    at.text_input(key="w:carrier.total_enterprises").input(str(total)).run()
    at.text_input(key="w:carrier.related_enterprises").input(str(related)).run()
    at.text_input(key="w:carrier.independent_area_sqm").input(str(area)).run()
    at.text_input(key="w:carrier.revenue_last_year_yuan").input(last).run()
    at.text_input(key="w:carrier.revenue_this_year_yuan").input(this).run()
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_carrier_inputs_give_exactly_the_engines_ceiling(lang):
    at = new_app(lang)
    at.run()
    at.switch_page("pages/carriers.py").run()
    fill_carrier(at)
    assert not at.exception and not errors(at)
    profile = at.session_state["profile"]
    assert profile["carrier"]["revenue_last_year_yuan"] == 80_000_000  # separators read as a number
    expected = engine(profile, lang)
    [item] = [r for r in expected.items if r.item == "1"]
    assert item.status == "eligible"
    # 20% × (92,000,000 − 80,000,000) = 2,400,000, under the 3,000,000 cap
    assert item.ceiling_yuan == 2_400_000
    assert ceilings_shown(at) == [("最高可达 {} 万元" if lang == "zh" else "Up to {} ×10k yuan ({} yuan)").format(
        wan(2_400_000), "2,400,000")]
    assert sidebar_total(at) == total_text(2_400_000, lang)

    # Growth to 110,000,000: 20% × 30,000,000 = 6,000,000, capped at 3,000,000
    at.text_input(key="w:carrier.revenue_this_year_yuan").input("110000000").run()
    expected = engine(at.session_state["profile"], lang)
    assert expected.total_ceiling_yuan == 3_000_000
    assert sidebar_total(at) == total_text(3_000_000, lang)
    assert wan(3_000_000) in ceilings_shown(at)[0]


def test_carrier_no_shows_the_distance_to_each_line():
    at = new_app("zh")
    at.run()
    at.switch_page("pages/carriers.py").run()
    fill_carrier(at, related=42, total=150, this="86,800,000")  # 28% related, 8.5% growth
    texts = " ".join(m.value for m in at.markdown)
    assert ceilings_shown(at) == ["暂无可申报金额"]
    assert "还差 8 家" in texts
    assert "增速还差 1.5 个百分点" in texts
    assert sidebar_total(at) == total_text(0, "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_invalid_input_shows_a_message_and_keeps_the_other_inputs(lang):
    at = new_app(lang)
    at.run()
    at.switch_page("pages/carriers.py").run()
    fill_carrier(at)
    at.text_input(key="w:carrier.revenue_this_year_yuan").input("abc").run()
    assert not at.exception
    assert errors(at) == (["须为数字"] if lang == "zh" else ["must be a number"])  # one message, by the field
    carrier = at.session_state["profile"]["carrier"]
    assert carrier["related_enterprises"] == 62 and carrier["revenue_last_year_yuan"] == 80_000_000
    assert at.text_input(key="w:carrier.revenue_this_year_yuan").value == "abc"  # kept as typed
    assert sidebar_total(at) == total_text(0, lang)
    # related above total is refused with a message naming it, the rest stays
    at.text_input(key="w:carrier.revenue_this_year_yuan").input("92,000,000").run()
    at.text_input(key="w:carrier.related_enterprises").input(str(200)).run()
    assert len(errors(at)) == 1 and "200" in errors(at)[0]
    assert at.session_state["profile"]["carrier"]["revenue_this_year_yuan"] == 92_000_000


def test_inputs_survive_switching_pages():
    at = new_app("zh")
    at.run()
    at.switch_page("pages/carriers.py").run()
    fill_carrier(at)
    at.sidebar.text_input(key="w:enterprise.name").input("测试企业").run()
    for page in ("pages/overview.py", "pages/results.py", "pages/policy.py", "pages/projects.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert sidebar_total(at) == total_text(2_400_000, "zh")
    at.switch_page("pages/carriers.py").run()
    assert at.text_input(key="w:carrier.related_enterprises").value == "62"
    assert at.text_input(key="w:carrier.revenue_this_year_yuan").value == "92,000,000"
    assert at.sidebar.text_input(key="w:enterprise.name").value == "测试企业"
    assert ceilings_shown(at) == ["最高可达 240.00 万元"]


def test_language_switch_keeps_inputs():
    at = new_app("zh")
    at.run()
    load(at, "park_operator.json")
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert sidebar_total(at) == total_text(2_400_000, "en")
    assert at.session_state["profile"]["carrier"]["related_enterprises"] == 62


@pytest.mark.parametrize("lang", LANGS)
def test_strict_reading_changes_results_as_the_rule_book_says(lang):
    """RULES.md §4: strict = for one work only the highest of 2.1, 2.2, 2.3, 3.2 counts; 3.1 stacks."""
    at = new_app(lang)
    at.run()
    load(at, "drama_studio.json")
    default = engine(example("drama_studio.json"), lang)
    assert sidebar_total(at) == total_text(default.total_ceiling_yuan, lang)
    at.sidebar.radio(key="w:interpretation").set_value("strict").run()
    strict_profile = {**example("drama_studio.json"), "interpretation": "strict"}
    strict = engine(strict_profile, lang)
    assert strict.total_ceiling_yuan < default.total_ceiling_yuan
    assert sidebar_total(at) == total_text(strict.total_ceiling_yuan, lang)
    superseded = {(r.item, r.subject) for r in strict.items if r.status == "superseded"}
    assert ("2.3", "申城寻味记") in superseded  # 2.1 (3,000,000) wins for that work
    assert not any(r.item == "3.1" and r.status == "superseded" for r in strict.items)
    at.switch_page("pages/results.py").run()
    table = at.table[0].value
    status_col = "状态" if lang == "zh" else "Status"
    assert (table[status_col] == ("已按就高不重复" if lang == "zh" else "Not added (no duplication)")).sum() == len(
        superseded)


@pytest.mark.parametrize("lang", LANGS)
def test_results_yearly_caps_chart_has_every_cap_and_its_own_title(lang):
    """The results page's yearly-cap chart: a row for every (item, year) with a yearly cap, titled by itself
    (as the stage chart above it), not by a heading of its own."""
    import json

    at = new_app(lang)
    at.run()
    load(at, "drama_studio.json")
    at.switch_page("pages/results.py").run()
    a = engine(example("drama_studio.json"), lang)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    # a title wider than a phone is drawn on two lines (ui/theme.chart_title): read it as one
    titles = [(s["layout"].get("title", {}).get("text") or "").replace("<br>", " ") for s in specs]
    expected = "每家企业每年上限的使用情况" if lang == "zh" else "How much of each yearly cap per enterprise is used"
    assert expected in titles
    chart = specs[titles.index(expected)]
    capped = {(tt.item, tt.year) for tt in a.item_totals if tt.yearly_cap_yuan is not None and tt.total_yuan}
    rows = {bar["y"][0] for bar in chart["data"]}
    assert len(rows) == len(capped)
    assert not any(expected in h.value for h in at.main.subheader)


def test_gates_in_the_sidebar_stop_every_item():
    at = new_app("zh")
    at.run()
    load(at, "park_operator.json")
    assert sidebar_total(at) == total_text(2_400_000, "zh")
    at.sidebar.checkbox(key="w:enterprise.unrepaired_negative_credit").check().run()
    assert sidebar_total(at) == total_text(0, "zh")
    at.sidebar.checkbox(key="w:enterprise.unrepaired_negative_credit").uncheck().run()
    at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("no").run()
    assert sidebar_total(at) == total_text(0, "zh")


def test_registration_is_three_way_and_a_new_profile_starts_unconfirmed():
    """RULES.md §6.5: not confirmed is not assumed; items are in review until it is."""
    at = new_app("zh")
    at.run()
    assert at.sidebar.radio(key="w:enterprise.registered_in_minhang").value == "unknown"
    assert at.session_state["profile"]["enterprise"]["registered_in_minhang"] is None
    load(at, "park_operator.json")  # the example says 是
    assert at.sidebar.radio(key="w:enterprise.registered_in_minhang").value == "yes"
    assert sidebar_total(at) == total_text(2_400_000, "zh")
    at.sidebar.radio(key="w:enterprise.registered_in_minhang").set_value("unknown").run()
    assert at.session_state["profile"]["enterprise"]["registered_in_minhang"] is None
    assert sidebar_total(at) == total_text(0, "zh")
    assert any("尚未确认是否在闵行区注册或经营" in c.value for c in at.sidebar.caption)


def test_assessment_date_outside_the_policy_warns_and_stops_every_item():
    import datetime as dt

    at = new_app("zh")
    at.run()
    load(at, "park_operator.json")
    at.sidebar.date_input(key="w:as_of").set_value(dt.date(2028, 3, 14)).run()
    assert at.session_state["profile"]["as_of"] == "2028-03-14"
    assert sidebar_total(at) == total_text(0, "zh")
    assert any("有效期" in w.value for w in at.sidebar.warning)


def test_clear_all_empties_the_profile():
    at = new_app("zh")
    at.run()
    load(at, "drama_studio.json")
    at.sidebar.button(key="clear_all").click().run()
    assert "projects" not in at.session_state["profile"]
    assert sidebar_total(at) == total_text(0, "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_share_link_round_trip(lang):
    at = new_app(lang)
    at.run()
    load(at, "drama_studio.json")
    at.sidebar.radio(key="w:interpretation").set_value("strict").run()
    at.sidebar.toggle(key="share_on").set_value(True).run()
    code = at.query_params["p"]
    code = code[0] if isinstance(code, list) else code
    assert at.sidebar.warning  # the user is told the link holds the figures
    assert code in at.sidebar.code[0].value
    shown = sidebar_total(at)

    other = new_app(lang)
    other.query_params["p"] = code
    other.run()
    assert not other.exception and not errors(other)
    assert other.session_state["profile"] == at.session_state["profile"]
    assert sidebar_total(other) == shown
    other.switch_page("pages/results.py").run()
    assert other.metric[0].value == shown


@pytest.mark.parametrize("code", ["garbage", "1.!!!", encode({"enterprise": {"name": ""}}), "1." + "A" * 70000])
def test_bad_share_link_gives_a_message_not_a_crash(code):
    at = new_app("zh")
    at.query_params["p"] = code
    at.run()
    assert not at.exception
    assert errors(at)
    assert sidebar_total(at) == total_text(0, "zh")


def test_results_page_exports_and_upload_restores_every_input():
    from calculators import validate_profile
    from reports import profile_to_json

    at = new_app("zh")
    at.run()
    at.switch_page("pages/results.py").run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) == 3
    model, _ = validate_profile(example("venue_operator.json"), "zh")
    at.file_uploader(key="upload_profile").upload("venue.json", profile_to_json(model), "application/json").run()
    assert not at.exception
    expected = engine(example("venue_operator.json"))
    assert sidebar_total(at) == total_text(expected.total_ceiling_yuan, "zh")
    assert at.session_state["profile"]["venues"][0]["name"] == example("venue_operator.json")["venues"][0]["name"]


def test_upload_of_a_bad_file_changes_nothing():
    at = new_app("zh")
    at.run()
    load(at, "park_operator.json")
    at.switch_page("pages/results.py").run()
    at.file_uploader(key="upload_profile").upload("bad.json", b"{not json", "application/json").run()
    assert not at.exception
    assert errors(at)
    assert sidebar_total(at) == total_text(2_400_000, "zh")


def test_policy_page_frames_the_linked_article():
    at = new_app("zh")
    at.query_params["article"] = "6"
    at.run()
    at.switch_page("pages/policy.py").run()
    assert not at.exception
    assert any("第6条" in s.value for s in at.success)
    table = at.table[0].value
    assert len(table) > 20 and table.iloc[:, 3].astype(bool).all()  # every parameter quotes its sentence


@pytest.mark.parametrize("lang", LANGS)
def test_an_unexpected_error_in_a_page_shows_one_short_message(lang, monkeypatch):
    from ui import results_view
    from ui.i18n import strings

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(results_view, "items_frame", broken)
    at = new_app(lang)
    at.run()
    load(at, "park_operator.json")
    at.switch_page("pages/results.py").run()
    assert not at.exception  # no traceback reaches the user
    assert errors(at) == [strings()["app.page_error"][lang]]
    assert "boom" not in " ".join(m.value for m in at.markdown)
    assert sidebar_total(at) == total_text(2_400_000, lang)  # the sidebar and the inputs are kept


@pytest.mark.parametrize("lang", LANGS)
def test_overview_loads_an_example_in_one_click(lang):
    at = new_app(lang)
    at.run()
    assert not at.exception
    at.button(key="try_park_operator.json").click().run()
    assert not at.exception and not errors(at)
    expected = engine(example("park_operator.json"), lang)
    # 20% × (92,000,000 − 80,000,000) = 2,400,000, under the 3,000,000 cap
    assert expected.total_ceiling_yuan == 2_400_000
    assert sidebar_total(at) == total_text(2_400_000, lang)
    # once something is entered the one-click row gives way to the results
    assert not [b for b in at.button if b.key and b.key.startswith("try_")]


def test_a_count_in_a_form_is_read_exactly_not_through_a_float():
    """RULES.md §6.1: 60.9999999999999999 related enterprises is not 61; the message is under the box,
    and 61 typed as 61 counts."""
    at = new_app("zh")
    at.run()
    at.switch_page("pages/carriers.py").run()
    fill_carrier(at)
    at.text_input(key="w:carrier.related_enterprises").input("60.9999999999999999").run()
    assert not at.exception
    assert at.session_state["profile"]["carrier"]["related_enterprises"] == "60.9999999999999999"
    assert "须为整数" in [e.value for e in at.main.error][0]
    at.text_input(key="w:carrier.related_enterprises").input("61").run()
    assert at.session_state["profile"]["carrier"]["related_enterprises"] == 61
    assert not [e.value for e in at.main.error]


def test_results_page_lists_each_works_strict_claim():
    """RULES.md §6.3 on the results page: under strict, one line per work with its item and why."""
    at = new_app("zh")
    at.run()
    load(at, "drama_studio.json")
    at.sidebar.radio(key="w:interpretation").set_value("strict").run()
    at.switch_page("pages/results.py").run()
    assert not at.exception and not errors(at)
    lines = [m.value for m in at.main.markdown if "按第" in m.value and "项计：" in m.value]
    assert len(lines) == 1
    text = lines[0]
    assert "「马桥遗珍」按第2.3项计" in text and "「七宝老街」按第2.2项计" in text and "「申城寻味记」按第2.1项计" in text
    assert at.metric[0].value == total_text(5_740_000, "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_page_explains_the_six_readings(lang):
    """RULES.md §6: one short section on the policy page, in the user's language, six points."""
    at = new_app(lang)
    at.run()
    at.switch_page("pages/policy.py").run()
    assert not at.exception and not errors(at)
    head = {"zh": "本测算器的六条读法（2026-11-30 确定）", "en": "Six readings of the text (settled 2026-11-30)"}[lang]
    assert head in [h.value for h in at.main.header]
    body = next(m.value for m in at.main.markdown if m.value.startswith("1. **"))
    assert [line[:3] for line in body.splitlines()] == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. "]
    assert ("严格口径取企业最优申报组合" if lang == "zh" else "best admissible claim") in body


def test_a_first_run_stopped_before_the_link_is_restored_restores_it_on_the_next(monkeypatch):
    """Streamlit stops a run at any session-state access when a click asks for a new run. A first run
    stopped before the link's inputs were in place used to leave the link marked as read, and the
    inputs of the link were lost for the whole session (seen in CI: a share link opened, the first page
    clicked at once, the name box empty)."""
    import ui.state

    profile = example("drama_studio.json")
    real, calls = ui.state.replace_profile, []

    def stopped_the_first_time(p):
        calls.append(p)
        if len(calls) == 1:
            raise RuntimeError("the run stops here")
        real(p)

    monkeypatch.setattr(ui.state, "replace_profile", stopped_the_first_time)
    at = new_app("zh")
    at.query_params["p"] = encode(profile)
    at.run()
    at.run()
    assert len(calls) == 2
    assert at.session_state["profile"]["enterprise"]["name"] == profile["enterprise"]["name"]
    assert not at.exception and not errors(at)


def _every_section_profile() -> dict:
    """drama_studio with the other examples' sections: every page has inputs to show."""
    studio, park, tech, venue = (example(f) for f in ("drama_studio.json", "park_operator.json", "tech_firm.json",
                                                      "venue_operator.json"))
    whole = {**studio, "carrier": park["carrier"], "tech_platforms": tech["tech_platforms"],
             "transformation_projects": tech["transformation_projects"], "rnd": tech.get("rnd"),
             "training": tech.get("training"), "venues": venue["venues"]}
    return {k: v for k, v in whole.items() if v is not None}


def _defaults_and_values(at) -> list[tuple[str, object, object]]:
    """(key, the widget's default as sent to the browser, the value it holds) of every keyed widget."""
    import datetime as dt

    rows = []
    for w in [*at.text_input, *at.checkbox, *at.toggle, *at.number_input]:
        if w.key:
            rows.append((w.key, w.proto.default, w.value))
    for w in [*at.radio, *at.selectbox]:
        if w.key:
            rows.append((w.key, w.proto.default if w.proto.HasField("default") else None, w.index))
    for w in at.date_input:
        if w.key:
            shown = [dt.date.fromisoformat(d) for d in w.proto.default]
            rows.append((w.key, shown[0] if shown else None, w.value))
    return rows


@pytest.mark.parametrize("page", ["overview", "carriers", "projects", "technology", "venues", "talent", "results",
                                  "batch", "whatifs"])
def test_every_input_of_a_share_link_is_its_widgets_default_too(page):
    """A browser that has not yet taken in a run's values (a page link clicked within a moment of
    opening a share link) falls back to each widget's default and sends it back as the user's input:
    in a real browser the name box came back empty, the share switch off, and every page lost the
    profile's total. So every input's default is the value it shows: what such a browser sends back
    changes nothing."""
    profile = _every_section_profile()
    at = new_app("zh")
    at.query_params["p"] = encode(profile)
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception and not errors(at)
    rows = _defaults_and_values(at)
    keys = {key for key, _, _ in rows}
    assert {"w:enterprise.name", "w:enterprise.registered_in_minhang", "w:as_of", "w:interpretation",
            "share_on"} <= keys, keys
    if page == "carriers":
        assert {"w:carrier.related_enterprises", "w:carrier.revenue_last_year_yuan", "w:@carrier"} <= keys, keys
    if page == "whatifs":
        assert sum(key.startswith(WHATIF_PREFIX) for key in keys) > 20, keys
    differ = [(key, default, value) for key, default, value in rows if default != value]
    assert differ == []
    name = next(default for key, default, _ in rows if key == "w:enterprise.name")
    assert name == profile["enterprise"]["name"]
    assert next(default for key, default, _ in rows if key == "share_on") is True


# names the policy gives in Chinese and an English page quotes as they are: the platforms, the document
OWN_NAMES = {"article2_projects.major_platforms", "general.document_number", "general.title"}


def test_the_english_policy_page_lists_the_parameters_in_english():
    """The parameters table in English: each parameter's name, article and unit in English; only the
    quoted source sentence (and the platforms' own names) stay as the policy writes them."""
    at = new_app("en")
    at.switch_page("pages/policy.py").run()
    assert not at.exception and not errors(at)
    table = next(tb for tb in at.table if "Parameter" in tb.value.columns)
    frame = table.value
    assert list(frame.columns) == ["Article", "Meaning", "Value", "Source (as written, in Chinese)", "Parameter"]
    # st.table renders markdown: the table's text comes escaped ("article1\\_carrier") and shows plain
    rows = {r["Parameter"].replace("\\", ""): r for r in frame.to_dict("records")}
    assert rows["article1_carrier.related_enterprises_min"]["Value"] == "50 enterprises"  # 达到 50 家以上
    assert rows["article1_carrier.related_enterprises_min"]["Article"] == "Art. 1 (I)"
    assert rows["article1_carrier.independent_area_min_sqm"]["Value"] == "8000 m²"  # 超过 8000 平方米
    assert rows["limits.max_rows"]["Article"] == "Input checks (this tool)"
    assert rows["article2_projects.major_platforms"]["Value"].startswith("Tencent Video, Youku, iQIYI, Mango TV")
    cjk = re.compile(r"[\u4e00-\u9fff]")
    chinese = [(name, col, r[col]) for name, r in rows.items() for col in ("Article", "Meaning", "Value")
               if cjk.search(str(r[col])) and name not in OWN_NAMES]
    assert chinese == []


def test_placeholder_names_follow_the_language_and_typed_names_stay():
    """A new session names the enterprise 本企业 (and a switched-on carrier 本载体); after switching to English
    they read Our enterprise / Our carrier, and back again; a name the user typed is never changed."""
    at = new_app("zh")
    at.run()
    assert at.sidebar.text_input(key="w:enterprise.name").value == "本企业"
    at.session_state["profile"]["carrier"] = {"name": "本载体"}
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert at.sidebar.text_input(key="w:enterprise.name").value == "Our enterprise"
    assert at.session_state["profile"]["enterprise"]["name"] == "Our enterprise"
    assert at.session_state["profile"]["carrier"]["name"] == "Our carrier"
    at.sidebar.segmented_control(key="lang").set_value("zh").run()
    assert at.session_state["profile"]["enterprise"]["name"] == "本企业"
    at.sidebar.text_input(key="w:enterprise.name").input("闵行星光影业").run()
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert at.sidebar.text_input(key="w:enterprise.name").value == "闵行星光影业"
    assert at.session_state["profile"]["carrier"]["name"] == "Our carrier"
