"""The results workbook, the command line, and the synthetic demo portfolio."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pytest
from batch_helpers import AS_OF, ROOT, examples, fill_template
from in_process import run_in_process, under_mutmut

import batch
from batch.demo import demo_profiles, demo_workbook
from reports import batch_book

HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def cells(workbook: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def test_results_workbook_has_one_row_per_enterprise_and_per_item_with_the_engines_figures():
    profiles = examples()
    result = batch.run(batch.read_xlsx(fill_template(profiles)), "zh", as_of=AS_OF)
    wb = openpyxl.load_workbook(io.BytesIO(batch_book.results_xlsx(result)))
    assert wb.sheetnames == ["概要", "企业汇总", "逐项结果", "问题清单"]
    ent = list(wb["企业汇总"].iter_rows(values_only=True))
    assert len(ent) == 1 + len(profiles)
    assert [r[4] for r in ent[1:]] == [e.total_ceiling_yuan for e in result.entries]
    header = ent[0]
    for e, row in zip(result.entries, ent[1:], strict=True):
        per_item = {}
        for item, _year, _sum, _cap, total in e.item_totals:
            per_item[item] = per_item.get(item, 0) + total
        for item, total in per_item.items():
            col = next(i for i, h in enumerate(header) if h.startswith(f"{item} "))
            assert row[col] == total
        assert sum(row[-4:]) == len(e.items)
    items = list(wb["逐项结果"].iter_rows(min_row=2, values_only=True))
    assert len(items) == sum(len(e.items) for e in result.entries)


def test_every_export_of_a_batch_neutralises_formula_cells():
    profiles = examples()
    for i, p in enumerate(profiles):
        p["enterprise"]["name"] = HOSTILE[i] + "企业"
        for w in p.get("projects", []):
            w["name"] = "=" + w["name"]
    workbook = fill_template(profiles)
    for cell in cells(workbook):  # the filled template itself: typed names stay text
        assert cell.data_type != "f"
    result = batch.run(batch.read_xlsx(workbook), "zh", as_of=AS_OF)
    assert not result.problems and len(result.entries) == len(profiles)
    assert {e.name for e in result.entries} == {(HOSTILE[i] + "企业").strip() for i in range(len(profiles))}
    from reports import dashboard

    for out in (batch_book.results_xlsx(result), dashboard.dashboard_xlsx(result)):
        quoted = set()
        for cell in cells(out):
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
                if cell.value.startswith("'"):
                    quoted.add(cell.value[1:])
        if out is not None and "企业汇总" in openpyxl.load_workbook(io.BytesIO(out)).sheetnames:
            assert {e.name for e in result.entries} <= quoted


def test_problems_sheet_lists_every_problem_with_its_cell():
    profiles = examples()
    wb = openpyxl.load_workbook(io.BytesIO(fill_template(profiles)))
    wb["企业"]["B3"] = "BAD"
    buf = io.BytesIO()
    wb.save(buf)
    result = batch.run(batch.read_xlsx(buf.getvalue()), "zh", as_of=AS_OF)
    out = openpyxl.load_workbook(io.BytesIO(batch_book.results_xlsx(result)))
    rows = list(out["问题清单"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:4] == ("企业", "B3", 3, "统一社会信用代码（18 位，可留空）")


def test_demo_portfolio_is_seeded_synthetic_and_labelled():
    a = demo_profiles(50, seed=7, as_of=AS_OF)
    assert a == demo_profiles(50, seed=7, as_of=AS_OF)
    assert a != demo_profiles(50, seed=8, as_of=AS_OF)
    assert all(p["enterprise"]["name"].startswith("合成·") for p in a)
    assert len({p["enterprise"]["name"] for p in a}) == 50
    wb = openpyxl.load_workbook(io.BytesIO(demo_workbook(50, seed=7, as_of=AS_OF)))
    assert "合成演示数据" in wb["填写说明"]["A1"].value
    result = batch.run(batch.read_xlsx(demo_workbook(50, seed=7, as_of=AS_OF)), "zh", as_of=AS_OF)
    assert result.synthetic and not result.problems and len(result.entries) == 50
    out = openpyxl.load_workbook(io.BytesIO(batch_book.results_xlsx(result)))
    assert all("合成演示数据" in out[s]["A1"].value for s in out.sheetnames)


def run_cli(*args, cwd=ROOT):
    if under_mutmut() and cwd == ROOT:
        from batch.cli import main

        return run_in_process(main, [sys.executable, "-m", "batch", *args])
    return subprocess.run([sys.executable, "-m", "batch", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_command_line_demo_portfolio_and_batch(tmp_path):
    demo = tmp_path / "demo.xlsx"
    out = tmp_path / "out.xlsx"
    r = run_cli("demo-portfolio", "--n", "40", "--as-of", "2026-11-27", "-o", str(demo))
    assert r.returncode == 0 and demo.stat().st_size > 0
    r = run_cli("run", str(demo), "-o", str(out), "--as-of", "2026-11-27")
    assert r.returncode == 0, r.stderr
    assert "已测算 40 家企业" in r.stderr and "Traceback" not in r.stderr
    wb = openpyxl.load_workbook(out)
    assert wb["企业汇总"].max_row == 1 + 1 + 40  # banner line, header, 40 enterprises


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_command_line_reads_a_folder_of_csv_files(tmp_path, encoding):
    from batch_helpers import as_csv_files

    for name, data in as_csv_files(fill_template(examples()), encoding):
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "out.xlsx"
    r = run_cli("run", str(tmp_path), "-o", str(out), "--as-of", "2026-11-27", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "5 enterprises assessed" in r.stderr


def test_command_line_bad_file_gives_messages_and_exit_2(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    r = run_cli("run", str(bad), "-o", str(tmp_path / "o.xlsx"))
    assert r.returncode == 2 and "bad.xlsx: 不是可读取的 Excel 工作簿" in r.stderr and "Traceback" not in r.stderr


def test_parallel_workers_give_the_same_entries():
    book = batch.read_xlsx(demo_workbook(600, as_of=AS_OF))
    one = batch.run(book, "zh", as_of=AS_OF, workers=1)
    two = batch.run(book, "zh", as_of=AS_OF, workers=2)
    assert one.entries == two.entries and len(one.entries) == 600


@pytest.mark.parametrize(
    "args",
    [
        ["run", "{demo}", "-o", "{tmp}/o.xlsx", "--as-of", "2026-13-01"],
        ["run", "{tmp}/missing.xlsx", "-o", "{tmp}/o.xlsx"],
        ["run", "{demo}", "-o", "{tmp}/no/such/dir/o.xlsx"],
        ["demo-portfolio", "--n", "3", "--as-of", "yesterday", "-o", "{tmp}/d.xlsx"],
        ["template", "-o", "{tmp}/no/such/dir/t.xlsx"],
    ],
)
def test_command_line_mistakes_are_messages_with_exit_2(tmp_path, args):
    demo = tmp_path / "demo.xlsx"
    demo.write_bytes(demo_workbook(3, as_of=AS_OF))
    r = run_cli(*[a.format(demo=demo, tmp=tmp_path) for a in args])
    assert r.returncode == 2 and r.stderr.strip() and "Traceback" not in r.stderr
