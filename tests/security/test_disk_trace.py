"""The batch results workbook is written by rustpy-xlsxwriter, in Rust: Python's audit hook
(test_isolation.test_exports_are_built_in_memory) does not see the files compiled code opens, so here the
kernel's record does. strace follows a fresh interpreter that builds the 300-enterprise demo's results
workbook; between two markers no file may be opened for writing, created, or made as an unnamed
temporary file (O_TMPFILE, what the library's default constant-memory mode uses). A control run with that
mode on shows the trace does catch the library's temporary file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRACE = shutil.which("strace") or "/usr/bin/strace"  # installed with the browser tests' tools; never skipped

RESULTS = """
import datetime as dt, os
import batch
from batch.demo import demo_profiles
from reports import batch_book
as_of = dt.date(2026, 11, 27)
book = batch.read_files([("demo.xlsx", batch_book.profiles_workbook(demo_profiles(300, as_of=as_of)))])
result = batch.run(book, "zh", as_of)
import rustpy_xlsxwriter  # imported before the markers: loading a library opens files to read them
os.access("/__disk_trace_begin__", os.F_OK)
data = batch_book.results_xlsx(result, "zh")
os.access("/__disk_trace_end__", os.F_OK)
assert data[:2] == b"PK" and len(data) > 10_000
"""

CONTROL = """
import io, os
import rustpy_xlsxwriter as rx
os.access("/__disk_trace_begin__", os.F_OK)
rx.write_worksheets([("s", [{"a": f"text {i}", "b": i} for i in range(20_000)])], io.BytesIO())
os.access("/__disk_trace_end__", os.F_OK)
"""


def _writes(code: str, tmp_path: Path) -> list[str]:
    """The file-opening calls between the markers that write, create or make a temporary file."""
    log = tmp_path / "trace.txt"  # strace's own log: the test's, not the code's under test
    subprocess.run([STRACE, "-f", "-qq", "-o", str(log), "-e",
                    "trace=open,openat,openat2,creat,access,faccessat,faccessat2,rename,renameat,renameat2,mkdir,mkdirat",
                    sys.executable, "-c", code], cwd=ROOT, check=True, timeout=600, capture_output=True)
    lines = log.read_text().splitlines()
    begin = next(i for i, line in enumerate(lines) if "__disk_trace_begin__" in line)
    end = next(i for i, line in enumerate(lines) if "__disk_trace_end__" in line)
    between = lines[begin + 1:end]
    assert len(lines) > end > begin
    return [line for line in between
            if any(flag in line for flag in ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TMPFILE", "creat(", "rename", "mkdir"))]


def test_the_results_workbook_touches_no_file(tmp_path):
    assert _writes(RESULTS, tmp_path) == []


def test_the_trace_sees_the_librarys_temporary_file_when_its_default_mode_is_on(tmp_path):
    found = _writes(CONTROL, tmp_path)
    assert any("O_TMPFILE" in line for line in found), found
