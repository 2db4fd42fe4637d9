"""Issue 15's hostile files and links, each refused with one message that states its limit.

Every probe runs in a fresh interpreter under an address-space limit (hostile_files.MEMORY_CAP), so a
regression ends that process, not the test run or the machine. The workbooks are made here, never
committed. Budgets (issue 15): a clear message in under 5 s and under 500 MB of extra memory; CPU
seconds are asserted (wall time on a shared 2-core machine measures the neighbours; bench/hostile.py
reports both).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile_files as h  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
BUDGET_SECONDS = 5
BUDGET_MB = 500

EXPECTED = {
    "xlsx_cell_XFD1048576": "列数过多（16,384 列）：每张表最多 100 列",
    "xlsx_cell_CV1048576": "行数过多（第 1,048,576 行）：表头以下最多 200,000 行",
    "xlsx_dimension_lies": "行数过多（第 1,048,576 行）：表头以下最多 200,000 行",
    "xlsx_implicit_cells": "列数过多（101 列）：每张表最多 100 列",
    "xlsx_300mb_string": "有单元格或字段超过 32,767 个字符",
    "xlsx_shared_fanout": "工作簿解压后的内容（共享文字按每次引用计）超过上限 104,857,600 字节",
    "csv_300000_rows": "行数过多（200,001+ 行），上限 200,000 行",
    "csv_field_131073": "有单元格或字段超过 32,767 个字符",
    "csv_100000_columns": "列数过多（100,000 列）：每张表最多 100 列",
    "xlsx_as_of_9999": "须在 1949-10-01 至 2099-12-31 之间",
    "json_nested_100000": "JSON 嵌套过深：最多 20 层",
    "json_integer_5000_digits": "数字过长：每个数字最多 30 位",
    "json_100000_works": "文件过大：上限 1,000,000 字节",
    "json_10000_works": "作品、技术平台、转化项目与场景合计 10,000 个，超过上限 500 个",
    "share_nested_100000": "JSON 嵌套过深：最多 20 层",
    "share_zip_bomb": "分享链接解压后过大：上限 400,000 字节",
}


def test_every_probe_has_an_expected_message():
    assert set(EXPECTED) == set(h.UPLOAD_PROBES)


@pytest.mark.parametrize("name", list(h.UPLOAD_PROBES))
def test_hostile_upload_is_one_message_within_budget(name):
    r = h.run_probe_bounded(name)
    assert r["messages"][-1] == EXPECTED[name], r["messages"]
    assert r["cpu"] < BUDGET_SECONDS and r["extra_mb"] < BUDGET_MB, r
    if name == "xlsx_as_of_9999":  # the other enterprise of the file is kept and assessed
        assert r["assessed"] == ["乙公司"]
        assert len(r["messages"]) == 1
    elif name.startswith("share_"):
        assert r["messages"][0].startswith("分享链接无法识别")
    else:
        assert len(r["messages"]) == 1


def test_probe_messages_in_english():
    r = h.run_probe_bounded("xlsx_cell_XFD1048576", "en")
    assert r["messages"] == ["Too many columns (16,384): at most 100 a sheet"]


def _enterprises(*names: str) -> bytes:
    rows = ["企业名称,在闵行区注册或经营,存在虚假申报材料,存在未修复的负面信用记录,测算日期"]
    rows += [f"{n},是,否,否,2026-11-27" for n in names]
    return "\n".join(rows).encode()


def test_a_refused_sheet_keeps_the_other_files_of_the_upload():
    """A hostile 作品.csv next to a good 企业.csv: the enterprise is still assessed."""
    import batch

    book = batch.read_files([("企业.csv", _enterprises("丙公司")), ("项目.csv", h.csv_long_field())], "zh")
    assert [p.message for p in book.problems] == ["有单元格或字段超过 32,767 个字符"]
    result = batch.run(book, "zh")
    assert [e.name for e in result.entries] == ["丙公司"]


def test_a_batch_cell_of_5000_digits_names_its_cell():
    import batch

    files = [("企业.csv", _enterprises("丁公司", "戊公司")),
             ("培训.csv", ("企业名称,培训人次\n丁公司," + "9" * 5000 + "\n戊公司,12\n").encode())]
    result = batch.run(batch.read_files(files, "zh"), "zh")
    assert [e.name for e in result.entries] == ["戊公司"]
    (problem,) = result.problems
    assert (problem.sheet, problem.cell, problem.message) == ("培训.csv", "B2", "数值过大，不是有效的输入")


# ---- the command line ----------------------------------------------------------------------------

def _cli(*args: str, stdin=None, timeout: float = 60,
         module: str = "calculators") -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, CPU seconds, peak MB) of ``python -m calculators`` (or ``module``) under the cap.

    Its own resource usage, from wait4 (the output goes through temporary files so nothing else waits).
    """
    import signal
    import tempfile
    import threading

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (h.MEMORY_CAP, h.MEMORY_CAP))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", module, *args], cwd=REPO,
                                stdin=stdin or subprocess.DEVNULL, stdout=out, stderr=err, preexec_fn=cap)
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode(), err.read().decode(), usage.ru_utime + usage.ru_stime,
                usage.ru_maxrss / 1024)


def _one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def write(tmp_path):
    def _write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)
    return _write


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("nested", h.nested_json(), "JSON 嵌套过深：最多 20 层"),
    ("digits", h.long_integer_json(), "数字过长：每个数字最多 30 位"),
    ("works", h.many_works_json(), "文件过大：上限 1,000,000 字节"),
    ("works_within_size", h.many_works_json(10_000), "作品、技术平台、转化项目与场景合计 10,000 个，超过上限 500 个"),
    ("exponent", b'{"as_of": "2026-11-27", "rnd": {"expenditure_yuan": 1e999999999}}',
     "数字的数量级过大或过小：须在 10 的 -100 次方与 10 的 100 次方之间"),
])
def test_cli_hostile_json_is_one_line_exit_2(write, name, data, expected):
    code, out, err, _cpu, _mb = _cli("assess", write(f"{name}.json", data))
    assert (code, out) == (2, "")
    assert _one_line(err) == expected


def test_cli_as_of_9999_is_refused_by_name(write):
    data = json.loads(h.many_works_json(1))
    data["as_of"] = "9999-12-31"
    data["venues"] = [{"name": "场景", "opened_on": "2026-04-01", "positive_media_reports": 5,
                       "avg_monthly_visitors": 100, "avg_monthly_revenue_yuan": 1, "total_investment_yuan": 1000}]
    code, _out, err, _cpu, _mb = _cli("assess", write("far.json", json.dumps(data).encode()))
    assert code == 2
    assert _one_line(err) == "测算日期（as_of）：须在 1949-10-01 至 2099-12-31 之间"


def test_cli_as_of_option_outside_the_range():
    code, _out, err, _cpu, _mb = _cli("demo-portfolio", "--n", "1", "--as-of", "9999-12-31", "-o", os.devnull,
                                      module="batch")
    assert code == 2
    assert _one_line(err) == "--as-of: 须在 1949-10-01 至 2099-12-31 之间"


def test_cli_dev_zero_as_a_file_and_as_stdin():
    code, _out, err, _cpu, _mb = _cli("assess", "/dev/zero")
    assert code == 2 and _one_line(err) == "无法读取文件：“/dev/zero”不是普通文件（而是管道、设备或文件夹）"
    with open("/dev/zero", "rb") as zero:
        code, _out, err, cpu, mb = _cli("assess", "-", stdin=zero)
    assert code == 2 and _one_line(err) == "文件过大：上限 1,000,000 字节"
    assert cpu < BUDGET_SECONDS and mb < BUDGET_MB


def test_cli_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "profile.json"
    os.mkfifo(fifo)
    code, _out, err, _cpu, _mb = _cli("assess", str(fifo), timeout=20)  # would hang forever if opened blocking
    assert code == 2 and _one_line(err) == f"无法读取文件：“{fifo}”不是普通文件（而是管道、设备或文件夹）"


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("企业.csv", h.csv_long_field(), "企业.csv: 有单元格或字段超过 32,767 个字符"),
    ("企业.csv", h.csv_wide(), "企业.csv: 列数过多（100,000 列）：每张表最多 100 列"),
    ("bomb.xlsx", h.far_cell("XFD1048576"), "bomb.xlsx: 列数过多（16,384 列）：每张表最多 100 列"),
])
def test_cli_batch_hostile_file_is_a_message(write, tmp_path, name, data, expected):
    code, _out, err, cpu, mb = _cli("run", write(name, data), "-o", str(tmp_path / "out.xlsx"), module="batch")
    assert code == 2 and "Traceback" not in err
    assert err.splitlines()[0] == expected
    assert cpu < BUDGET_SECONDS and mb < BUDGET_MB


def test_cli_batch_keeps_the_valid_enterprise_beside_a_far_as_of(write, tmp_path):
    code, _out, err, _cpu, _mb = _cli("run", write("asof.xlsx", h.as_of_far_workbook()),
                                      "-o", str(tmp_path / "out.xlsx"), module="batch")
    assert code == 0 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[0] == "企业!F2 [测算日期（YYYY-MM-DD，留空为当天）] (甲公司): 须在 1949-10-01 至 2099-12-31 之间"
    assert lines[-1].startswith("已测算 1 家企业，1 家因错误未测算")


def test_cli_demo_portfolio_too_large():
    code, _out, err, cpu, _mb = _cli("demo-portfolio", "--n", "100000", "-o", os.devnull, module="batch")
    assert code == 2
    assert _one_line(err) == "企业过多（100,000 家）：一次批量测算最多 20,000 家"
    assert cpu < BUDGET_SECONDS


def test_cli_internal_error_is_one_line_exit_1(tmp_path, capsys, monkeypatch):
    """An error that is not the user's: exit 1 and one line naming its kind, never a traceback."""
    from calculators import cli

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "assess", broken)
    path = tmp_path / "p.json"
    path.write_bytes(json.dumps(json.loads(h.many_works_json(1))).encode())
    assert cli.main(["assess", str(path)]) == 1
    assert capsys.readouterr().err == "内部错误，未能完成：RuntimeError\n"


def test_a_file_over_the_byte_limit_is_refused_by_the_reader_itself():
    """The page's upload limit is Streamlit's; the reader refuses on its own too (one problem, others kept)."""
    import batch

    big = b"x" * (10 * 1024 * 1024 + 1)
    book = batch.read_files([("项目.csv", big), ("企业.csv", _enterprises("己公司"))], "zh")
    assert [(p.sheet, p.message) for p in book.problems] == [("项目.csv", "文件过大：上限 10,485,760 字节")]
    assert [e.name for e in batch.run(book, "zh").entries] == ["己公司"]



def test_a_share_link_over_its_length_says_its_limit():
    from ui import share

    model, messages = share.decode("1." + "A" * 60_001, "zh")
    assert model is None
    assert messages[1] == "分享链接过长：最多 60,000 个字符"
