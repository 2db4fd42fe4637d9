"""What-if speed: a portfolio's baseline, then reforms over it, end to end (batch/whatif.py).

Run: .venv/bin/python bench/reform.py [--n 10000] [--workers 2]
Stages: read the workbook, assemble, validate and assess the baseline (once), then for each reform the
comparison (only the enterprises it can reach are assessed again) and its workbook. Target (issue 18):
baseline + one reform over 10,000 enterprises in under 5 s end to end; a reform tried again reuses the
baseline. Prints the load average with every figure: the machine is shared. It starts with the host's
speed, the CPU microseconds of one assessment of the drama_studio example (bench/engine.py's figure), so
figures taken on machines of different speed can be compared (bench/README.md).
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
    t0, c0, s0 = time.perf_counter(), cpu(), split()
    book = batch.read_files([("portfolio.xlsx", workbook)])
    t1, c1, s1 = time.perf_counter(), cpu(), split()
    portfolio = portfolio_from_book(book, "zh", as_of, workers=args.workers)
    t2, c2, s2 = time.perf_counter(), cpu(), split()
    # On a busy machine wall time measures the neighbours; CPU seconds do not. On an idle machine the end
    # to end time lies between the CPU seconds shared perfectly by the workers and all of them on one core;
    # the estimate takes, stage by stage, the busier of this process and one worker.
    base_cpu = (c1 - c0) + (c2 - c1)
    base_idle = idle(s0, s1) + idle(s1, s2)
    print(f"{args.n:,} enterprises ({len(portfolio.datas):,} assessed), {args.workers} worker(s)")
    print(f"  read {t1 - t0:.2f} s ({c1 - c0:.2f} s CPU); assemble + validate + assess the baseline {t2 - t1:.2f} s "
          f"({c2 - c1:.2f} s CPU, this process {s2[0] - s1[0]:.2f} s + workers {s2[1] - s1[1]:.2f} s; idle-machine "
          f"estimate {idle(s1, s2):.2f} s)  ({load()})")
    for name, values in REFORMS.items():
        reform, problems = reform_from_values(values)
        assert not problems, problems
        t, ct, st = time.perf_counter(), cpu(), split()
        c = compare(portfolio, reform, workers=args.workers)
        compared, compared_cpu, compared_idle = time.perf_counter() - t, cpu() - ct, idle(st, split())
        t = time.perf_counter()
        out = comparison_xlsx(c)
        written = time.perf_counter() - t
        end_to_end = (t2 - t0) + compared
        total_cpu = base_cpu + compared_cpu
        line = (f"  {name}: compare {compared:.2f} s ({compared_cpu:.2f} s CPU, idle-machine estimate "
                f"{compared_idle:.2f} s; {c.reassessed:,} re-assessed), change {c.change:+,} yuan; "
                f"workbook {written:.2f} s ({len(out) / 1e6:.1f} MB)")
        estimate = base_idle + compared_idle
        line += (f"; baseline + this reform end to end {end_to_end:.2f} s wall, {total_cpu:.2f} s CPU: on an idle "
                 f"machine {total_cpu / max(args.workers, 1):.2f}-{total_cpu:.2f} s, estimate {estimate:.2f} s "
                 f"({'within' if estimate < 5 else 'not within'} 5 s)")
        print(line + f"  ({load()})")
    t, ct = time.perf_counter(), cpu()
    result = portfolio.result
    results = batch_book.results_xlsx(result)
    print(f"  the results workbook (batch_book.results_xlsx) {time.perf_counter() - t:.2f} s ({cpu() - ct:.2f} s CPU), "
          f"{len(results) / 1e6:.1f} MB  ({load()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
