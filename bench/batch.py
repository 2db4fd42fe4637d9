"""Batch speed: a synthetic portfolio read from its workbook, validated, assessed and aggregated.

Run: .venv/bin/python bench/batch.py [--n 10000] [--workers 1] [--csv]
Prints seconds per stage and enterprises per second. Target: 10,000 enterprises end to end in under
5 s on a 2-core machine. Making the workbook and writing the results workbook are timed and printed
too, but are not part of "end to end" (the upload exists before, the download is made on request).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculators import batch  # noqa: E402
from calculators.batch_demo import demo_profiles  # noqa: E402


def _csv_files(workbook: bytes) -> list[tuple[str, bytes]]:
    """The workbook's sheets as CSV files in GBK, as Excel on Chinese Windows saves them."""
    import csv
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(workbook), read_only=True)
    files = []
    for ws in wb.worksheets:
        if batch.section_of_sheet(ws.title) is None:
            continue
        buf = io.StringIO()
        csv.writer(buf).writerows(["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True))
        files.append((ws.title + ".csv", buf.getvalue().encode("gb18030")))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="processes for the assessing stage")
    parser.add_argument("--csv", action="store_true", help="read GBK CSV files instead of the workbook")
    args = parser.parse_args(argv)
    as_of = dt.date(2026, 11, 27)

    t = time.perf_counter()
    profiles = demo_profiles(args.n, as_of=as_of)
    workbook = batch.profiles_workbook(profiles)
    files = _csv_files(workbook) if args.csv else [("portfolio.xlsx", workbook)]
    made = time.perf_counter() - t
    subjects = sum(len(p.get(s) or []) if isinstance(p.get(s), list) else int(bool(p.get(s)))
                   for p in profiles for s in batch.SECTION_KEYS[1:])

    stages: dict[str, float] = {}
    t = time.perf_counter()
    book = batch.read_files(files)
    stages["read"] = time.perf_counter() - t
    result = batch.run(book, "zh", as_of=as_of, workers=args.workers)
    stages["assemble"] = result.timings["assemble"]
    stages["validate"] = result.timings["validate"]
    stages["assess"] = result.timings["assess"]
    t = time.perf_counter()
    enterprise_header, enterprise_rows = batch.enterprise_table(result)
    item_header, item_rows = batch.item_table(result)
    stages["aggregate"] = time.perf_counter() - t
    t = time.perf_counter()
    out = batch.results_xlsx(result)
    written = time.perf_counter() - t

    total = sum(stages.values())
    print(f"{args.n:,} enterprises, {subjects:,} section rows, {len(item_rows):,} item results "
          f"({'GBK CSV' if args.csv else 'XLSX'} input, {len(files)} file(s), {args.workers} worker(s))")
    print(f"  (making the input: {made:.2f} s, not timed)")
    for name, seconds in stages.items():
        print(f"  {name:<10} {seconds:7.3f} s  {args.n / seconds if seconds else float('inf'):>12,.0f} enterprises/s")
    print(f"  {'end to end':<10} {total:7.3f} s  {args.n / total:>12,.0f} enterprises/s"
          f"  ({'within' if total < 5 else 'OVER'} the 5 s target)")
    print(f"  (writing the results workbook: {written:.2f} s, {len(out) / 1e6:.1f} MB, not in end to end)")
    print(f"  assessed {len(result.entries):,}, not assessed {result.invalid:,}, problems {len(result.problems):,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
