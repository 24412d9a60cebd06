"""``python -m planparse FILE``: print the plan as JSON (schema v1) on stdout."""

from __future__ import annotations

import argparse
import json
import sys

from . import ParseError, parse


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m planparse",
                                 description="Read a published action plan and print it as JSON (schema v1).")
    ap.add_argument("file", help="the plan: .txt, .docx, .pdf, .html, .xlsx, .csv or .json ('-' for stdin)")
    ap.add_argument("--warnings", action="store_true", help="list the reader's warnings on stderr")
    ap.add_argument("--readings", action="store_true",
                    help="list every layout reading considered, with its plausibility, on stderr")
    ap.add_argument("--indent", type=int, default=2, help="JSON indent (default 2)")
    args = ap.parse_args(argv)
    try:
        plan = parse(sys.stdin.buffer.read(), filename="stdin.txt") if args.file == "-" else parse(args.file)
    except ParseError as exc:
        print(f"planparse: {exc}", file=sys.stderr)
        return 2
    json.dump(plan.to_dict(), sys.stdout, indent=args.indent, ensure_ascii=False)
    sys.stdout.write("\n")
    if args.warnings:
        for w in plan.warnings:
            print(f"warning: {w}", file=sys.stderr)
    if args.readings and plan.reading:
        for name, score, recs, actions in plan.reading.candidates:
            print(f"reading: {score:.3f} {name} ({recs} recommendations, {actions} actions)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
