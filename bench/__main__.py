"""Run the benchmarks: `python -m bench [--db sqlite|postgres] [--only NAME ...]`.

Prints a Markdown table and writes it to var/bench-<db>.md.
"""

import argparse
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

from .setup import ROOT, configure


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--only", nargs="*", help="benchmarks to run (pages national export import hostile scale)"
    )
    args = parser.parse_args()
    url = configure(args.db)

    from . import cases

    lines = [
        f"### {args.db} ({url.split('@')[-1] if '@' in url else 'file'})",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, "
        f"{platform.machine()}, command `python -m bench --db {args.db}`",
        "",
        "| measurement | result | goal | |",
        "| --- | --- | --- | --- |",
    ]
    failed = 0
    for name, case in cases.ALL:
        if args.only and name not in args.only:
            continue
        started = time.perf_counter()
        for what, figure, goal, ok in case():
            lines.append(f"| {what} | {figure} | {goal} | {ok} |")
            failed += ok != "met"
        print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    report = "\n".join(lines) + "\n"
    print(report)
    out = Path(ROOT) / "var" / f"bench-{args.db}.md"
    out.write_text(report, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
