"""``python -m batch``: many enterprises from a template workbook or CSV files, and what-ifs over them.

    python -m batch run 名单.xlsx -o 结果.xlsx [--reform 调整.yaml]
    python -m batch reform 名单.xlsx --reform 调整.yaml [-o 对比.xlsx]
    python -m batch template -o 模板.xlsx
    python -m batch demo-portfolio --n 300 -o demo.xlsx

Exit codes as ``python -m calculators`` (calculators/cli.py): 0 done, 2 bad input, 1 an internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from calculators.cli import EXIT_BAD_INPUT
from calculators.cli import main as run_command
from calculators.content import message
from calculators.limits import int_limit, limit, refuse


def _as_of(args):
    """The --as-of date, or None; a bad date is a message (raised as ValueError with it)."""
    import datetime as dt

    if not args.as_of:
        return None
    try:
        as_of = dt.date.fromisoformat(args.as_of)
    except ValueError:
        raise ValueError(f"--as-of: {message('validation', 'date', args.lang)}") from None
    first, last = limit("earliest_date"), limit("latest_as_of")
    if not first <= as_of <= last:
        raise ValueError(f"--as-of: {message('validation', 'date_range', args.lang, first=first, last=last)}")
    return as_of


def _write(path: str, data: bytes, lang: str) -> bool:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        print(message("batch", "unwritable", lang, detail=exc), file=sys.stderr)
        return False
    return True


def cmd_batch(args) -> int:
    """Assess every enterprise of a workbook (or CSV files) and write the results workbook."""
    from reports.batch_book import results_xlsx

    from . import read_paths, run

    try:
        as_of = _as_of(args)
        book = read_paths(args.input, args.lang)
    except (OSError, ValueError) as exc:
        print(message("validation", "unreadable", args.lang, detail=exc) if isinstance(exc, OSError) else exc,
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.reform:  # every enterprise assessed under the reform (batch/whatif.py)
        from .whatif import compare, portfolio_from_book

        reform = _reform(args.reform, args.lang)
        if reform is None:
            return EXIT_BAD_INPUT
        portfolio = portfolio_from_book(book, args.lang, as_of, args.interpretation, workers=args.workers,
                                        reform=reform)  # assessed under it in the same pass
        result = portfolio.result
        result.entries = compare(portfolio, reform, workers=args.workers).after
    else:
        result = run(book, args.lang, as_of=as_of, interpretation=args.interpretation, workers=args.workers)
    if not _write(args.output, results_xlsx(result), args.lang):
        return EXIT_BAD_INPUT
    for p in result.problems:
        print(str(p), file=sys.stderr)
    print(message("batch", "done", args.lang, assessed=len(result.entries), invalid=result.invalid,
                  problems=len(result.problems), output=args.output), file=sys.stderr)
    return 0 if result.entries or not result.problems else EXIT_BAD_INPUT


def _reform(path: str, lang: str):
    """The reform file at ``path``, or None after printing one message per wrong field."""
    from calculators.reform import reform_from_yaml

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        print(message("validation", "unreadable", lang, detail=exc), file=sys.stderr)
        return None
    reform, problems = reform_from_yaml(data, lang)
    for p in problems:
        print(str(p), file=sys.stderr)
    return reform


def _portfolio(args, reform=None):
    from . import read_paths
    from .whatif import portfolio_from_book

    as_of = _as_of(args)
    book = read_paths(args.input, args.lang)
    return portfolio_from_book(book, args.lang, as_of, args.interpretation, workers=args.workers, reform=reform)


def cmd_reform(args) -> int:
    """Compare a portfolio today and under a reform: the comparison as JSON, the workbook with -o."""
    from .whatif import compare, comparison_json, comparison_xlsx

    reform = _reform(args.reform, args.lang)
    if reform is None:
        return EXIT_BAD_INPUT
    try:
        portfolio = _portfolio(args, reform)  # the reform assessed in the baseline's pass
    except (OSError, ValueError) as exc:
        print(message("validation", "unreadable", args.lang, detail=exc) if isinstance(exc, OSError) else exc,
              file=sys.stderr)
        return EXIT_BAD_INPUT
    for p in portfolio.result.problems:
        print(str(p), file=sys.stderr)
    if not portfolio.profiles and portfolio.result.problems:
        return EXIT_BAD_INPUT
    comparison = compare(portfolio, reform, workers=args.workers)
    if args.output and not _write(args.output, comparison_xlsx(comparison, args.lang), args.lang):
        return EXIT_BAD_INPUT
    print(json.dumps(comparison_json(comparison, args.top), ensure_ascii=False, indent=2))
    return 0


def cmd_demo_portfolio(args) -> int:
    """Write a synthetic portfolio (seeded) as a filled template workbook."""
    from .demo import demo_workbook

    try:
        as_of = _as_of(args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    most = int_limit("max_enterprises_per_batch")
    if args.n > most:
        print(refuse("enterprises", args.lang, count=args.n, limit=most), file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0 if _write(args.output, demo_workbook(max(args.n, 0), args.seed, as_of, args.lang), args.lang) \
        else EXIT_BAD_INPUT


def cmd_template(args) -> int:
    from reports.batch_book import template_xlsx

    return 0 if _write(args.output, template_xlsx(args.lang), args.lang) else EXIT_BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m batch", description="闵行微短剧政策测算器：批量测算")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="assess every enterprise of a template workbook or CSV files")
    p.add_argument("input", nargs="+", help="an .xlsx workbook, CSV files named after their sheets, or a folder")
    p.add_argument("-o", "--output", required=True, help="results workbook (.xlsx) to write")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--as-of", default=None, help="assessment date where the sheet leaves it blank (default today)")
    p.add_argument("--interpretation", choices=("default", "strict"), default=None)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="processes that validate and assess (default: one per core)")
    p.add_argument("--reform", default=None, help="a what-if reform (YAML): assess every enterprise under it")
    p.set_defaults(func=cmd_batch)
    p = sub.add_parser("reform", help="compare a portfolio today and under a reform (JSON; -o writes the workbook)")
    p.add_argument("input", nargs="+", help="an .xlsx workbook, CSV files named after their sheets, or a folder")
    p.add_argument("--reform", required=True, help="the reform: parameter changes in the parameter files' YAML shape")
    p.add_argument("-o", "--output", default=None, help="comparison workbook (.xlsx) to write")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--as-of", default=None, help="assessment date where the sheet leaves it blank (default today)")
    p.add_argument("--interpretation", choices=("default", "strict"), default=None)
    p.add_argument("--top", type=int, default=10, help="largest gainers and losers to list (default 10)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="processes that validate and assess (default: one per core)")
    p.set_defaults(func=cmd_reform)
    p = sub.add_parser("demo-portfolio", help="write a synthetic (fictitious) portfolio as a filled template")
    p.add_argument("--n", type=int, default=300, help="number of enterprises (default 300)")
    p.add_argument("--seed", type=int, default=20260314)
    p.add_argument("--as-of", default=None, help="assessment date (default today)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_demo_portfolio)
    p = sub.add_parser("template", help="write the blank batch template workbook")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_template)
    return parser


def main(argv: list[str] | None = None) -> int:
    return run_command(argv, build_parser())


if __name__ == "__main__":
    sys.exit(main())
