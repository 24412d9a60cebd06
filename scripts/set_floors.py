"""Re-set the score floors in tests/parser/test_realplans.py and tests/parser/test_generated.py to what the
parser reaches now, rounded down to three decimals (1.000 only where the score is exactly 1).

    .venv/bin/python scripts/set_floors.py          # rewrite both FLOORS dicts
    .venv/bin/python scripts/set_floors.py --check  # list documents below their floor, change nothing

Run it after a parser change has been judged on the generated set and the real plans, and read the diff: a
floor that goes down is a regression to explain in the commit, not to wave through.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

import score  # type: ignore[import-not-found]  # noqa: E402

from planparse import parse  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
REAL_FOLDERS = {"txt": "src", "docx": "docx", "pdf": "pdf", "html": "html"}


def _f1(path: Path, gold: dict) -> float:
    tally, _ = score.score_plan(gold, parse(path).to_dict())
    return float(tally.totals()[5])


def real_scores() -> dict[str, float]:
    out = {}
    for gold_path in sorted((FIXTURES / "realplans" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for form, folder in REAL_FOLDERS.items():
            name = f"{gold_path.stem}.{form}"
            out[name] = _f1(FIXTURES / "realplans" / folder / name, gold)
    return out


def generated_scores() -> dict[str, float]:
    out = {}
    folder = FIXTURES / "generated"
    for gold_path in sorted(folder.glob("*.json")):
        doc = next(p for p in folder.glob(gold_path.stem + ".*") if p.suffix != ".json")
        out[doc.name] = _f1(doc, json.loads(gold_path.read_text(encoding="utf-8")))
    return out


def floor(value: float) -> float:
    return 1.0 if value >= 1.0 - 1e-12 else math.floor(value * 1000) / 1000


def rewrite(test_file: Path, scores: dict[str, float]) -> None:
    text = test_file.read_text(encoding="utf-8")
    body = "".join(f'    "{name}": {floor(value):.3f},\n' for name, value in sorted(scores.items()))
    new, count = re.subn(r"FLOORS = \{\n.*?\n\}", "FLOORS = {\n" + body.rstrip("\n") + "\n}", text, flags=re.S)
    assert count == 1, f"no FLOORS dict in {test_file}"
    test_file.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    tests = ROOT / "tests" / "parser"
    for test_file, scores in ((tests / "test_realplans.py", real_scores()), (tests / "test_generated.py", generated_scores())):
        if args.check:
            current = dict(re.findall(r'"([^"]+)": ([0-9.]+),', test_file.read_text(encoding="utf-8")))
            for name, value in sorted(scores.items()):
                if name in current and value < float(current[name]):
                    print(f"{test_file.name}: {name} {value:.3f} < floor {current[name]}")
        else:
            rewrite(test_file, scores)
            print(f"{test_file.name}: {len(scores)} floors set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
