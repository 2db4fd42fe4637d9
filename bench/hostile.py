"""Hostile files and links (issue 15): the time and memory of each refusal.

Run: .venv/bin/python bench/hostile.py [--only NAME,...] [--lang zh]
Every probe of tests/security/hostile_files.py runs in a fresh interpreter under an address-space
limit (a bomb that got through would end only that process). Upload probes go through the reader the
page uses (batch.read_files and run, reports.profile_json, ui.share.decode); their
memory is the peak resident size the refusal added (ru_maxrss after minus before, the input made
first). CLI probes run `python -m calculators` (`python -m batch` for the batch commands) and report the whole process's peak (imports
included) from wait4. Budget: a clear message in under 5 s and under 500 MB of extra memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "security")]

import hostile_files as h  # noqa: E402

BUDGET_S, BUDGET_MB = 5, 500


BATCH_COMMANDS = ("run", "reform", "template", "demo-portfolio")  # python -m batch (batch/cli.py)


def _cli(args: list[str], stdin_path: str | None = None) -> tuple[int, float, float, float, str]:
    """(exit code, wall s, CPU s, peak MB, first stderr line) of one CLI run under the memory cap."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (h.MEMORY_CAP, h.MEMORY_CAP))

    with tempfile.TemporaryFile() as err, open(stdin_path or os.devnull, "rb") as stdin:
        t = time.perf_counter()
        module = "batch" if args[0] in BATCH_COMMANDS else "calculators"
        proc = subprocess.Popen([sys.executable, "-m", module, *args], cwd=ROOT, stdin=stdin,
                                stdout=subprocess.DEVNULL, stderr=err, preexec_fn=cap)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        err.seek(0)
        line = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[0]
    return (os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            line)


def cli_probes(tmp: Path) -> dict[str, tuple[str, list[str], str | None]]:
    def write(name: str, data: bytes) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path)

    fifo = tmp / "fifo.json"
    os.mkfifo(fifo)
    out = str(tmp / "out.xlsx")
    return {
        "cli_baseline_schema": ("python -m calculators schema (the imports alone)", ["schema"], None),
        "cli_nested_100000": ("assess: 100,000 nested brackets", ["assess", write("n.json", h.nested_json())], None),
        "cli_integer_5000_digits": ("assess: a 5,000-digit integer",
                                    ["assess", write("d.json", h.long_integer_json())], None),
        "cli_100000_works": ("assess: 100,000 works (4.5 MB)", ["assess", write("w.json", h.many_works_json())], None),
        "cli_dev_zero_path": ("assess /dev/zero", ["assess", "/dev/zero"], None),
        "cli_dev_zero_stdin": ("assess - < /dev/zero", ["assess", "-"], "/dev/zero"),
        "cli_fifo": ("assess a FIFO with no writer", ["assess", str(fifo)], None),
        "cli_csv_field_131073": ("batch: CSV field of 131,073 characters",
                                 ["run", write("企业.csv", h.csv_long_field()), "-o", out], None),
        "cli_csv_100000_columns": ("batch: CSV of 100,000 columns",
                                   ["run", write("项目.csv", h.csv_wide()), "-o", out], None),
        "cli_xlsx_XFD1048576": ("batch: XLSX cell at XFD1048576",
                                ["run", write("bomb.xlsx", h.far_cell("XFD1048576")), "-o", out], None),
        "cli_as_of_9999_batch": ("batch: as_of 9999-12-31 beside a valid enterprise",
                                 ["run", write("asof.xlsx", h.as_of_far_workbook()), "-o", out], None),
        "cli_demo_portfolio_100000": ("demo-portfolio --n 100000", ["demo-portfolio", "--n", "100000", "-o", out],
                                      None),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated probe names")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    args = parser.parse_args(argv)
    only = {x for x in args.only.split(",") if x}
    over = 0
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'probe':<28} {'wall s':>7} {'CPU s':>6} {'+MB':>6}  message")
    for name in [*h.UPLOAD_PROBES, *h.ACCEPTED_PROBES]:
        if only and name not in only:
            continue
        r = h.run_probe_bounded(name, args.lang)
        if name in h.ACCEPTED_PROBES:
            r["messages"] = [f"accepted: {len(r['messages'])} cell problem(s), {len(r['assessed'] or [])} assessed"]
        ok = r["cpu"] < BUDGET_S and r["extra_mb"] < BUDGET_MB
        over += not ok
        print(f"{name:<28} {r['seconds']:7.2f} {r['cpu']:6.2f} {r['extra_mb']:6.0f}  {r['messages'][-1][:70]}"
              + ("" if ok else "  OVER BUDGET"))
    print(f"\n{'CLI probe':<28} {'wall s':>7} {'CPU s':>6} {'peak MB':>7} exit  first line of stderr")
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        for name, (_what, cli_args, stdin) in cli_probes(Path(tmp)).items():
            if only and name not in only:
                continue
            code, wall, cpu, peak, line = _cli(cli_args, stdin)
            ok = cpu < BUDGET_S and peak < BUDGET_MB
            over += not ok
            print(f"{name:<28} {wall:7.2f} {cpu:6.2f} {peak:7.0f} {code:>4}  {line[:70]}"
                  + ("" if ok else "  OVER BUDGET"))
    print("\nall within budget" if not over else f"\n{over} probe(s) over budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
