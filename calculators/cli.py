"""``python -m calculators``: assess, explain and describe profiles from the command line.

Many enterprises at once (a template workbook or CSV files, what-ifs over a portfolio) are the batch
package's command line, ``python -m batch`` (batch/cli.py); its commands given here
(``python -m calculators reform 名单.xlsx --reform 调整.yaml``) are handed over to it, as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from .content import message
from .engine import assess
from .explain import explain
from .limits import BadInput, int_limit, load_json, read_bytes
from .models import Profile
from .validation import Problem, validate_profile

EXIT_BAD_INPUT = 2


def _load(path: str, lang: str) -> tuple[Any, list[Problem]]:
    """The profile file's JSON (limits.read_bytes and limits.load_json: regular files, bounded)."""
    try:
        return load_json(read_bytes(path, lang, cap=int_limit("max_json_bytes")), lang), []
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        return None, [Problem(field="", label="", message=message("validation", "unreadable", lang,
                                                                  detail=f"{path}: {detail}"), lang=lang)]
    except BadInput as exc:
        return None, [Problem(field="", label="", message=str(exc), lang=lang)]


def _profile(args) -> Profile | None:
    data, problems = _load(args.profile, args.lang)
    if not problems:
        if isinstance(data, dict) and args.interpretation:
            data = {**data, "interpretation": args.interpretation}
        profile, problems = validate_profile(data, args.lang)
    if problems:
        for p in problems:
            print(str(p), file=sys.stderr)
        return None
    return profile


def cmd_assess(args) -> int:
    profile = _profile(args)
    if profile is None:
        return EXIT_BAD_INPUT
    result = assess(profile, args.lang)
    print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return 0


def cmd_explain(args) -> int:
    profile = _profile(args)
    if profile is None:
        return EXIT_BAD_INPUT
    print(explain(assess(profile, args.lang), args.lang))
    return 0


def cmd_schema(args) -> int:
    print(json.dumps(Profile.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


# The batch package's commands (many enterprises from workbooks, what-ifs over a portfolio). The engine reads
# no workbook itself: ``python -m calculators reform …`` is run as ``python -m batch reform …``
# (calculators/__main__.py).
BATCH_COMMANDS = ("run", "reform", "template", "demo-portfolio")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m calculators", description="闵行微短剧政策测算器",
                                     epilog=f"{', '.join(BATCH_COMMANDS)}: python -m batch (run by it from here too)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func, text in (
        ("assess", cmd_assess, "print the assessment of a profile as JSON"),
        ("explain", cmd_explain, "print a readable summary of a profile's assessment"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("profile", help="profile JSON file, or - for standard input")
        p.add_argument("--lang", choices=("zh", "en"), default="zh")
        p.add_argument("--interpretation", choices=("default", "strict"), default=None,
                       help="override the profile's reading of 就高不重复")
        p.set_defaults(func=func)
    p = sub.add_parser("schema", help="print the profile's JSON Schema")
    p.set_defaults(func=cmd_schema)
    return parser


EXIT_INTERNAL = 1


def main(argv: list[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    """Run one command: 0 done, 2 bad input (its message on stderr), 1 an internal error (one line,
    never a traceback: set CALCULATORS_TRACEBACK=1 to see it while developing). ``parser``: another
    command line's (``python -m batch``), run the same way."""
    parser = parser or build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BadInput as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:
        if os.environ.get("CALCULATORS_TRACEBACK"):
            raise
        print(message("limits", "internal", getattr(args, "lang", "zh"), detail=type(exc).__name__),
              file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
