"""The mutation score of the last `make mutation` run, module by module, and every survivor explained.

Reads what mutmut recorded in ``mutants/`` (one ``.meta`` file per source file: each mutant's exit code)
and the equivalent mutants listed, each with why, in ``tests/mutation/equivalent/MODULE.yaml``. Prints one
row per module: mutants, killed (timed out included), survived, equivalent, undecided (not run, no test,
the test run broken), and the score: killed / (mutants - equivalent). Then every survivor that no file
explains, and every listed mutant that no longer survives (its entry is stale: the code changed or a test
kills it now).

    python tests/mutation/score.py                  # every module with results
    python tests/mutation/score.py --under 90       # exit 1 if the whole is under 90 % or a survivor is unexplained
    python tests/mutation/score.py --survivors      # the unexplained survivors' names (make mutation runs them again)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT = Path(__file__).resolve().parent / "equivalent"
SCOPE = ("calculators", "reports")  # issue 21: the engine and the reports

# mutmut 3.8.1's exit codes (mutmut/stats.py status_by_exit_code): 1 and 3 killed, 0 survived; 36, ±24, 152
# and 255 timed out: the mutant made a test run past mutmut's CPU limit (a loop that never ends), which the
# test suite would not pass either, so it counts as killed (detected), as Stryker and cosmic-ray count it.
KILLED, SURVIVED, TIMED_OUT = {1, 3}, {0}, {36, -24, 24, 152, 255}


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """Each module's mutants and their exit codes (None: not run yet)."""
    out: dict[str, dict[str, int | None]] = {}
    for meta in sorted(mutants.glob("**/*.py.meta")):
        module = ".".join(meta.relative_to(mutants).with_suffix("").with_suffix("").parts)
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        if codes and module.split(".")[0] in SCOPE:
            out[module] = codes
    return out


def equivalents(folder: Path = EQUIVALENT) -> dict[str, str]:
    """Every mutant explained as equivalent: name → why."""
    listed: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        for name, why in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if not str(why).strip():
                raise SystemExit(f"{path.name}: {name} has no reason")
            listed[name] = str(why)
    return listed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--equivalent", type=Path, default=EQUIVALENT)
    parser.add_argument("--under", type=float, help="fail below this score (percent) or on an unexplained survivor")
    parser.add_argument("--survivors", action="store_true",
                        help="only print the unexplained survivors' names, one a line (for `mutmut run` to try again)")
    args = parser.parse_args(argv)
    table = results(args.mutants)
    if args.survivors:
        listed = equivalents(args.equivalent)
        print("\n".join(name for codes in table.values() for name, code in codes.items()
                        if code in SURVIVED and name not in listed))
        return 0
    if not table:
        print("No mutation results in mutants/: run `make mutation` first.")
        return 1
    listed = equivalents(args.equivalent)
    total: Counter = Counter()
    unexplained: list[str] = []
    known = {name: code for codes in table.values() for name, code in codes.items()}
    # stale: killed now, or no longer a mutant at all (the code moved); not yet run is not stale
    stale = [name for name in listed if name not in known or known[name] in KILLED | TIMED_OUT]
    print(f"{'module':38} {'mutants':>8} {'killed':>7} {'survived':>8} {'equiv.':>7} {'undecided':>9} {'score':>7}")
    for module, codes in table.items():
        row = Counter()
        for name, code in codes.items():
            if code in KILLED or code in TIMED_OUT:
                row["killed"] += 1
                row["timed out"] += code in TIMED_OUT
            elif code in SURVIVED and name in listed:
                row["equivalent"] += 1
            elif code in SURVIVED:
                row["survived"] += 1
                unexplained.append(name)
            else:
                row["undecided"] += 1
        row["mutants"] = len(codes)
        total.update(row)
        print(f"{module:38} {row['mutants']:>8} {row['killed']:>7} {row['survived']:>8} {row['equivalent']:>7} "
              f"{row['undecided']:>9} {score(row):>7}")
    print(f"{'total':38} {total['mutants']:>8} {total['killed']:>7} {total['survived']:>8} {total['equivalent']:>7} "
          f"{total['undecided']:>9} {score(total):>7}")
    if total["timed out"]:
        print(f"\n{total['timed out']} of the killed timed out (a test ran past mutmut's CPU limit).")
    if unexplained:
        print(f"\n{len(unexplained)} survivors neither killed nor explained (`mutmut show NAME`):")
        print("\n".join(f"  {name}" for name in unexplained))
    stale = [name for name in stale if any(name.startswith(m + ".") for m in table)]
    if stale:
        print(f"\n{len(stale)} listed as equivalent but no longer surviving (remove them):")
        print("\n".join(f"  {name}" for name in stale))
    if args.under is not None:
        decided = total["mutants"] - total["equivalent"]
        if unexplained or total["undecided"] or not decided or 100 * total["killed"] / decided < args.under:
            return 1
    return 0


def score(row: Counter) -> str:
    """Killed of the mutants that are not equivalent, in percent."""
    decided = row["mutants"] - row["equivalent"]
    return f"{100 * row['killed'] / decided:.1f}%" if decided else "-"


if __name__ == "__main__":
    sys.exit(main())
