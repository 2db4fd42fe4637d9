"""Isolation: two sessions with different enterprises, interleaved, never see each other's inputs or
results; no enterprise data in a cache shared between sessions, on disk, or in the logs."""

from __future__ import annotations

import ast
import json
import logging
import os
import tempfile
from pathlib import Path

from apptest_helpers import REPO, all_text, go, load_example, new_app, no_traceback

from calculators import assess, validate_profile
from calculators.explain import wan

CODE_DIRS = ["app.py", "pages", "ui", "calculators", "reports"]
# A cached function may only be keyed by what is the same for everybody: content paths, dates, sections.
ALLOWED_CACHE_PARAMS = {"relative", "on", "section", "lang", "stem"}
CACHE_DECORATORS = {"cache", "lru_cache", "cache_data", "cache_resource", "cached_property"}
SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "node_modules"}


def _py_files():
    for entry in CODE_DIRS:
        path = REPO / entry
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def _decorator_name(node) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def test_every_cache_is_keyed_only_by_shared_content():
    found = []
    for path in _py_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            names = {_decorator_name(d) for d in node.decorator_list}
            if not names & CACHE_DECORATORS:
                continue
            params = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs if a.arg != "self"]
            found.append((f"{path.relative_to(REPO)}:{node.name}", params))
            assert set(params) <= ALLOWED_CACHE_PARAMS, (
                f"{path.relative_to(REPO)}:{node.lineno} {node.name}{tuple(params)} is cached across sessions: "
                "its arguments must not carry enterprise data")
            assert not names & {"cache_data", "cache_resource"} or not params, node.name
    assert found, "the scan found no cached function at all: it is not looking at the code"


def test_no_streamlit_cache_decorator_holds_a_profile():
    """st.cache_data / st.cache_resource would share across sessions: none may take session data."""
    for path in _py_files():
        text = path.read_text(encoding="utf-8")
        for marker in ("st.cache_data", "st.cache_resource", "st.experimental_memo", "st.experimental_singleton"):
            if marker in text:
                tree = ast.parse(text)
                for node in ast.walk(tree):
                    if isinstance(node, ast.FunctionDef) and any(
                            _decorator_name(d) in ("cache_data", "cache_resource") for d in node.decorator_list):
                        assert not [a.arg for a in node.args.args], f"{path}:{node.name}"


def _example(file: str) -> dict:
    return json.loads((REPO / "content" / "examples" / file).read_text(encoding="utf-8"))


def _total(profile: dict) -> str:
    model, problems = validate_profile(profile, "zh")
    assert not problems
    return wan(assess(model, "zh").total_ceiling_yuan)


def _sidebar_total(at) -> str:
    return at.sidebar.metric[0].value


def test_two_sessions_interleaved_never_see_each_other():
    a = new_app()
    b = new_app()
    load_example(a, "drama_studio.json")
    load_example(b, "park_operator.json")
    a.text_input(key="w:enterprise.name").set_value("甲方影业隔离测试").run()
    b.text_input(key="w:enterprise.name").set_value("乙方园区隔离测试").run()

    pa, pb = _example("drama_studio.json"), _example("park_operator.json")
    # B changes a figure while A is away on another page, then A comes back
    go(a, "results")
    go(b, "carriers")
    b.text_input(key="w:carrier.revenue_this_year_yuan").set_value("130,000,000").run()
    pb["carrier"]["revenue_this_year_yuan"] = 130_000_000
    go(a, "projects")
    go(b, "results")
    for at in (a, b):
        no_traceback(at)

    assert _sidebar_total(a).startswith(_total(pa))
    assert _sidebar_total(b).startswith(_total(pb))
    assert _total(pa) != _total(pb)
    text_a, text_b = all_text(a), all_text(b)
    assert "甲方影业隔离测试" in text_a and "乙方园区隔离测试" not in text_a
    assert "乙方园区隔离测试" in text_b and "甲方影业隔离测试" not in text_b
    for work in (p["name"] for p in pa["projects"]):
        assert work not in text_b
    assert pb["carrier"]["name"] not in text_a
    assert a.session_state["profile"]["enterprise"]["name"] == "甲方影业隔离测试"
    assert b.session_state["profile"]["carrier"]["revenue_this_year_yuan"] == 130_000_000
    assert "carrier" not in a.session_state["profile"]


def test_editing_an_example_never_changes_it_for_the_next_session():
    """The example profiles are cached for everybody: a session's edits must go to its own copy."""
    from ui.sidebar import examples

    before = json.dumps(examples(), sort_keys=True, ensure_ascii=False)
    a = new_app()
    load_example(a, "park_operator.json")
    go(a, "carriers")
    a.text_input(key="w:carrier.revenue_this_year_yuan").set_value("1").run()
    a.text_input(key="w:enterprise.name").set_value("改过的名字").run()
    assert json.dumps(examples(), sort_keys=True, ensure_ascii=False) == before
    b = new_app()
    load_example(b, "park_operator.json")
    assert b.session_state["profile"]["enterprise"]["name"] == _example("park_operator.json")["enterprise"]["name"]
    assert b.session_state["profile"]["carrier"]["revenue_this_year_yuan"] != 1


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in filenames:
            p = Path(dirpath) / name
            try:
                st = p.stat()
            except OSError:
                continue
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


def test_a_session_writes_nothing_to_disk_and_logs_no_enterprise_data(caplog):
    name = "落盘检查企业XYZ"
    repo_before = _snapshot(REPO)
    tmp_before = set(os.listdir(tempfile.gettempdir()))
    with caplog.at_level(logging.DEBUG):
        at = new_app()
        load_example(at, "drama_studio.json")
        at.text_input(key="w:enterprise.name").set_value(name).run()
        for page in [p.stem for p in (REPO / "pages").glob("*.py")]:
            go(at, page)
            no_traceback(at)
    assert name in all_text(at)  # the session did carry the name
    changed = {k for k in set(repo_before) | set(_snapshot(REPO))
               if repo_before.get(k) != _snapshot(REPO).get(k)}
    # other helpers may be editing their own files meanwhile: only data files would be ours
    suspicious = {k for k in changed if not k.endswith((".py", ".yaml", ".md", ".toml", ".txt", ".json", ".cfg"))
                  or name in _read(REPO / k)}
    assert suspicious == set()
    new_tmp = set(os.listdir(tempfile.gettempdir())) - tmp_before
    for entry in new_tmp:
        assert name not in _read(Path(tempfile.gettempdir()) / entry), entry
    assert name not in caplog.text


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    except OSError:
        return ""


def _batch_metrics(at) -> list[str]:
    """The batch page's portfolio totals (not the reading comparison's difference, which may equal
    another portfolio's total by chance: 814 − 574 = 240 万元 for the studio, the park's own total)."""
    return [m.value for m in at.main.metric if "合计最高可达" in m.label]


def test_uploads_and_their_results_stay_in_their_own_session():
    import batch
    from reports import batch_book

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    studio, park = _example("drama_studio.json"), _example("park_operator.json")
    studio["enterprise"]["name"], park["enterprise"]["name"] = "上传隔离甲", "上传隔离乙"
    a, b = new_app(), new_app()
    go(a, "batch")
    go(b, "batch")
    a.file_uploader[0].set_value(("a.xlsx", batch_book.profiles_workbook([studio], "zh"), xlsx)).run()
    no_traceback(a)
    go(b, "batch")
    assert _batch_metrics(b) == []  # B has uploaded nothing: no results, nothing of A's
    assert "上传隔离甲" not in all_text(b)
    b.file_uploader[0].set_value(("b.xlsx", batch_book.profiles_workbook([park], "zh"), xlsx)).run()
    go(a, "batch")
    for at in (a, b):
        no_traceback(at)
    total_a = wan(assess(validate_profile(studio, "zh")[0], "zh").total_ceiling_yuan)
    total_b = wan(assess(validate_profile(park, "zh")[0], "zh").total_ceiling_yuan)
    assert any(total_a in v for v in _batch_metrics(a)) and not any(total_b in v for v in _batch_metrics(a))
    assert any(total_b in v for v in _batch_metrics(b)) and not any(total_a in v for v in _batch_metrics(b))
    # the downloads (results workbook, dashboard) are built from the session's own batch result
    for at, own, other in ((a, "上传隔离甲", "上传隔离乙"), (b, "上传隔离乙", "上传隔离甲")):
        assert at.get("download_button"), "the batch page offers its downloads"
        results = [at.session_state[k] for k in at.session_state if isinstance(at.session_state[k], batch.BatchResult)]
        assert [[e.name for e in r.entries] for r in results] == [[own]]
        assert other not in all_text(at)


def test_exports_are_built_in_memory():
    """PDF, Excel report, batch results workbook, the template and a what-if comparison: no file opened for
    writing on the way (XlsxWriter's constant_memory mode, or openpyxl, would spool worksheets to /tmp)."""
    import sys

    import batch
    from batch.whatif import compare, comparison_xlsx, portfolio_from_profiles
    from calculators.reform import reform_from_values
    from reports import batch_book, build_pdf, build_xlsx

    writes: list[str] = []
    active = [True]

    def hook(event, args):
        if active[0] and event == "open":
            path, mode, flags = args
            if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
                writes.append(str(path))

    profile = _example("drama_studio.json")
    model, _ = validate_profile(profile, "zh")
    a = assess(model, "zh")
    sys.addaudithook(hook)  # cannot be removed: switched off by `active` below
    try:
        pdf = build_pdf(a, model, "zh")
        xlsx = build_xlsx(a, model, "zh")
        result = batch.run(batch.read_files([("p.xlsx", batch_book.profiles_workbook([profile], "zh"))], "zh"), "zh")
        results = batch_book.results_xlsx(result, "zh")
        template = batch_book.template_xlsx("en")
        portfolio = portfolio_from_profiles([model], "zh")
        reform, _ = reform_from_values({"article5_rnd.rnd_cap_yuan": 1_000_000})
        comparison = comparison_xlsx(compare(portfolio, reform), "zh")
    finally:
        active[0] = False
    assert pdf.startswith(b"%PDF") and xlsx[:2] == b"PK" and results[:2] == b"PK"
    assert template[:2] == b"PK" and comparison[:2] == b"PK"
    assert writes == []
