"""Engine speed: assessments per second on the example profiles and on large profiles.

Run: .venv/bin/python bench/engine.py [--seconds 1.0]
Prints, per profile, the number of items, microseconds per assessment (median of timed runs of 50,
wall clock), the same in CPU time (time.process_time, best run: what the engine itself costs; a
shared, busy machine inflates wall time far more) and assessments per second; the target is a
typical profile (drama_studio: 5 works, 26 items) in under 1 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculators import assess, validate_profile  # noqa: E402


def large_profile(works: int = 50, venues: int = 20) -> dict:
    """A large enterprise: 50 works, 20 venues, platforms and projects, every section filled."""
    platforms = ["tencent", "youku", "iqiyi", "mgtv", "hongguo", "douyin", "other"]
    return {
        "as_of": "2026-11-27",
        "enterprise": {"name": "大型综合企业", "registered_in_minhang": True},
        "carrier": {"name": "园区", "related_enterprises": 80, "total_enterprises": 200,
                    "independent_area_sqm": 9000, "revenue_last_year_yuan": 300000000,
                    "revenue_this_year_yuan": 345000000},
        "projects": [
            {"name": f"作品{i}", "municipal_fund": ("none", "shortlisted", "awarded")[i % 3],
             "municipal_fund_date": "2026-05-01", "platforms": [platforms[i % 7]],
             "local_culture_minutes": i % 13, "adaptation_first_filing": i % 4 == 0}
            for i in range(works)
        ],
        "tech_platforms": [{"name": f"平台{i}", "national": i % 2 == 0, "municipal": True,
                            "recognised_on": "2026-06-01", "investment_yuan": 1000000 * (i + 1)}
                           for i in range(5)],
        "transformation_projects": [{"name": f"转化{i}", "with_research_partner": True,
                                     "investment_yuan": 1500000 + 500000 * i} for i in range(5)],
        "rnd": {"expenditure_yuan": 12000000, "applied_with_results": True},
        "venues": [
            {"name": f"场景{i}", "opened_on": f"2025-0{1 + i % 9}-01", "positive_media_reports": i % 7,
             "avg_monthly_visitors": 4000 + 300 * i, "avg_monthly_revenue_yuan": 500000 + 10000 * i,
             "total_investment_yuan": 2000000 + 100000 * i}
            for i in range(venues)
        ],
        "talent": {"chunshen_candidates": 3, "leads_key_project": True},
        "training": {"trainees": 200},
    }


def time_it(profile, seconds: float) -> tuple[float, float]:
    """(median wall µs, best CPU µs) per assessment over several timed runs of 50."""
    for _ in range(20):
        assess(profile)
    runs, cpu = [], []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(runs) < 5:
        n = 50
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n):
            assess(profile)
        runs.append((time.perf_counter() - t0) / n * 1e6)
        cpu.append((time.process_time() - c0) / n * 1e6)
    return statistics.median(runs), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0, help="timing budget per profile")
    args = parser.parse_args()
    cases = [(p.stem, json.loads(p.read_text(encoding="utf-8")))
             for p in sorted((ROOT / "content" / "examples").glob("*.json"))]
    cases.append(("large_50_works_20_venues", large_profile()))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'profile':36} {'items':>5} {'µs/assess':>10} {'cpu µs':>8} {'assess/s':>10}")
    for name, data in cases:
        for reading in ("default", "strict"):
            profile, problems = validate_profile({**data, "interpretation": reading})
            assert not problems, problems
            us, cpu = time_it(profile, args.seconds)
            items = len(assess(profile).items)
            print(f"{name + ' (' + reading + ')':36} {items:5d} {us:10.1f} {cpu:8.1f} {1e6 / us:10.0f}")


if __name__ == "__main__":
    main()
