"""What-if speed: a portfolio's baseline and reforms over it, end to end (batch/whatif.py).

Run: .venv/bin/python bench/reform.py [--n 10000] [--workers 2] [--two-pass]
First, for each reform, as the command line runs it (``python -m batch reform``): read the workbook, then
one pass that validates and assesses every enterprise and, for those the reform reaches, assesses them
under it too, then the comparison and its workbook. With ``--two-pass`` the reform is assessed after the
baseline, in a second pass (as before 2026-12-02), for an A/B in the same run. Then the page's way: a
baseline read once, and each reform tried over it (only the enterprises it reaches assessed again).
Target (issue 18): baseline + one reform over 10,000 enterprises in under 5 s end to end; a reform tried
again reuses the baseline. Prints the load average with every figure: the machine is shared. It starts with
the host's speed, the CPU microseconds of one assessment of the drama_studio example (bench/engine.py's
figure), so figures taken on machines of different speed can be compared (bench/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import batch  # noqa: E402
from batch.demo import demo_profiles  # noqa: E402
from batch.whatif import compare, comparison_xlsx, portfolio_from_book  # noqa: E402
from calculators import validate_profile  # noqa: E402
from calculators.reform import reform_from_values  # noqa: E402
from reports import batch_book  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from engine import time_it  # noqa: E402  (bench/engine.py)

REFORMS = {
    "article 1 cap 500万 + rate 25%": {"article1_carrier.cap_yuan": 5_000_000, "article1_carrier.support_rate": "25%"},
    "2.3 cap 80万 (projects)": {"article2_projects.platform_cap_yuan": 800_000},
    "end date +1 year (every enterprise)": {"general.effective_until": "2029-03-13"},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--two-pass", action="store_true", help="assess the reform after the baseline, not with it")
    args = parser.parse_args(argv)
    as_of = dt.date(2026, 11, 27)
    workbook = batch_book.profiles_workbook(demo_profiles(args.n, as_of=as_of))

    def load() -> str:
        return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"

    def cpu() -> float:
        t = os.times()  # this process and its finished children (the workers)
        return t.user + t.system + t.children_user + t.children_system

    def split() -> tuple[float, float]:
        t = os.times()
        return t.user + t.system, t.children_user + t.children_system

    def idle(a: tuple[float, float], b: tuple[float, float]) -> float:
        """A stage's time on an idle machine, from CPU seconds: this process and each worker run side by
        side, so the stage lasts as long as the busier of this process and one worker."""
        own, workers = b[0] - a[0], b[1] - a[1]
        return max(own, workers / (args.workers - 1)) if args.workers > 1 else own + workers

    studio, _ = validate_profile(json.loads((ROOT / "content" / "examples" / "drama_studio.json").read_text("utf-8")))
    print(f"host: one assessment of the drama_studio example {time_it(studio, 1.0)[1]:.0f} µs CPU  ({load()})")
    way = "two passes (baseline, then the reform)" if args.two_pass else "one pass (the reform with the baseline)"
    print(f"{args.n:,} enterprises, {args.workers} worker(s): read + baseline + a reform, end to end, {way}")
    for name, values in REFORMS.items():
        reform, problems = reform_from_values(values)
        assert not problems, problems
        t0, c0, s0 = time.perf_counter(), cpu(), split()
        book = batch.read_files([("portfolio.xlsx", workbook)])
        t1, s1 = time.perf_counter(), split()
        portfolio = portfolio_from_book(book, "zh", as_of, workers=args.workers,
                                        reform=None if args.two_pass else reform)
        t2, s2 = time.perf_counter(), split()
        c = compare(portfolio, reform, workers=args.workers)
        t3, c3, s3 = time.perf_counter(), cpu(), split()
        # On a busy machine wall time measures the neighbours; CPU seconds do not. On an idle machine a
        # stage lasts about as long as the busier of this process and one worker.
        estimate = idle(s0, s1) + idle(s1, s2) + idle(s2, s3)
        t = time.perf_counter()
        out = comparison_xlsx(c)
        written = time.perf_counter() - t
        print(f"  {name}: **{t3 - t0:.2f} s** end to end ({c3 - c0:.2f} s CPU; idle-machine estimate {estimate:.2f} s, "
              f"{'within' if estimate < 5 else 'not within'} 5 s): read {t1 - t0:.2f} s, baseline "
              f"{'+ reform ' if not args.two_pass else ''}{t2 - t1:.2f} s, comparison {t3 - t2:.2f} s "
              f"({c.reassessed:,} reached); change {c.change:+,} yuan; workbook {written:.2f} s "
              f"({len(out) / 1e6:.1f} MB)  ({load()})")
    t0, c0, s0 = time.perf_counter(), cpu(), split()
    portfolio = portfolio_from_book(batch.read_files([("portfolio.xlsx", workbook)]), "zh", as_of, workers=args.workers)
    t1, c1, s1 = time.perf_counter(), cpu(), split()
    print(f"the baseline alone (read + validate + assess) {t1 - t0:.2f} s ({c1 - c0:.2f} s CPU, idle-machine estimate "
          f"{idle(s0, s1):.2f} s); each reform tried over it  ({load()})")
    for name, values in REFORMS.items():
        reform, _ = reform_from_values(values)
        t, ct, st = time.perf_counter(), cpu(), split()
        c = compare(portfolio, reform, workers=args.workers)
        print(f"  {name}: {time.perf_counter() - t:.2f} s ({cpu() - ct:.2f} s CPU, idle-machine estimate "
              f"{idle(st, split()):.2f} s; {c.reassessed:,} reached)  ({load()})")
    t, ct = time.perf_counter(), cpu()
    result = portfolio.result
    results = batch_book.results_xlsx(result)
    print(f"  the results workbook (batch_book.results_xlsx) {time.perf_counter() - t:.2f} s ({cpu() - ct:.2f} s CPU), "
          f"{len(results) / 1e6:.1f} MB  ({load()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
