"""Print the parser's accuracy on every fixture that has a checked reading, as a Markdown table.

    .venv/bin/python bench/accuracy.py

Each document is parsed with planparse.parse and scored field by field with tests/support/score.py (the
project's scorer) against its hand-checked gold JSON. Seeds are scored in every form the repo has them; the
held-out sets (tests/fixtures/unseen*) each in the one form they were written in.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planparse import parse  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SEED_FORMS = [
    ("txt", FIXTURES / "seeds", ".txt"),
    ("docx", FIXTURES / "seeds", ".docx"),
    ("pdf", FIXTURES / "seeds", ".pdf"),
    ("pdf, no table lines", FIXTURES / "seeds" / "borderless", ".pdf"),
    ("html", FIXTURES / "web", ".html"),
    ("xlsx", FIXTURES / "web", ".xlsx"),
    ("csv", FIXTURES / "web", ".csv"),
]


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "support" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    score = _scorer()
    gold_dir = FIXTURES / "gold"
    stems = sorted(p.stem for p in gold_dir.glob("*.json"))
    print("| seed | " + " | ".join(name for name, _, _ in SEED_FORMS) + " |")
    print("|---|" + "---:|" * len(SEED_FORMS))
    totals = {name: score.Tally() for name, _, _ in SEED_FORMS}
    for stem in stems:
        gold = json.loads((gold_dir / f"{stem}.json").read_text())
        cells = []
        for name, folder, ext in SEED_FORMS:
            path = folder / f"{stem}{ext}"
            if not path.exists():
                cells.append("–")
                continue
            tally, _ = score.score_plan(gold, parse(path).to_dict())
            totals[name].merge(tally)
            cells.append(f"{tally.totals()[5]:.3f}")
        print(f"| {stem[:3]} | " + " | ".join(cells) + " |")
    print("| **all** | " + " | ".join(f"**{t.totals()[5]:.3f}**" if t.f else "–" for t in totals.values()) + " |")

    for held_out in sorted(FIXTURES.glob("unseen*")):
        gold_files = sorted((held_out / "gold").glob("*.json"))
        if not gold_files:
            continue
        print(f"\nHeld-out plans in `tests/fixtures/{held_out.name}/`:\n")
        print("| plan | format | F1 |")
        print("|---|---|---:|")
        for gold_path in gold_files:
            docs = [p for p in held_out.glob(f"{gold_path.stem}.*") if p.suffix != ".json"]
            for doc in docs:
                tally, _ = score.score_plan(json.loads(gold_path.read_text()), parse(doc).to_dict())
                print(f"| {gold_path.stem} | {doc.suffix[1:]} | {tally.totals()[5]:.3f} |")

    _pdftotext(score)
    _txt_variants(score)
    return 0


def _pdftotext(score) -> None:  # type: ignore[no-untyped-def]
    """Text poppler's pdftotext extracted from each PDF (scripts/make_pdftotext_fixtures.py), per mode."""
    root = FIXTURES / "pdftotext"
    if not root.exists():
        return
    print("\nText extracted by pdftotext in `tests/fixtures/pdftotext/` (layout: `-layout`; plain: no flags):\n")
    print("| source | plan | layout | plain |")
    print("|---|---|---:|---:|")
    for folder in ("seeds", "borderless", "unseen", "unseen2"):
        gold_dir = FIXTURES / "gold" if folder in ("seeds", "borderless") else FIXTURES / folder / "gold"
        for path in sorted((root / "layout" / folder).glob("*.txt")):
            gold = json.loads((gold_dir / f"{path.stem}.json").read_text())
            cells = []
            for mode in ("layout", "plain"):
                doc = root / mode / folder / path.name
                tally, _ = score.score_plan(gold, parse(doc).to_dict())
                cells.append(f"{tally.totals()[5]:.3f}")
            print(f"| {folder} | {path.stem[:24]} | " + " | ".join(cells) + " |")



def _txt_variants(score) -> None:  # type: ignore[no-untyped-def]
    """Seeds written out as other text dumps (scripts/make_txt_variant_fixtures.py), scored against their gold."""
    docs = sorted((FIXTURES / "txt_variants").glob("*.txt"))
    if not docs:
        return
    print("\nSeeds as other text dumps in `tests/fixtures/txt_variants/`:\n")
    print("| file | F1 |")
    print("|---|---:|")
    for doc in docs:
        gold = json.loads((FIXTURES / "gold" / f"{doc.name.split('.')[0]}.json").read_text())
        tally, _ = score.score_plan(gold, parse(doc).to_dict())
        print(f"| {doc.name} | {tally.totals()[5]:.3f} |")

if __name__ == "__main__":
    sys.exit(main())
