"""Print the parser's accuracy on every fixture that has a checked reading, as Markdown tables.

    .venv/bin/python bench/accuracy.py [--only training|realplans|generated] [--seed N]

Each document is parsed with planparse.parse and scored field by field with tests/support/score.py (the
project's scorer) against its hand-checked gold JSON. Three sections:

- training: the seeds in every form the repo has them, the held-out sets (tests/fixtures/unseen*) each in the
  one form they were written in, and their text dumps. The parser's rules were tuned on all of these, so they
  are training scores, not a measure of how it reads a new council's plan.
- realplans: the eleven published plans in tests/fixtures/realplans, each as txt, docx, pdf and html, with the
  number of recommendations read and the plans read as empty.
- generated: a fresh set from tests/support/generate.py (``--seed``, default 1): every seed and real plan in
  every layout family and form (pdf only where LibreOffice is installed), scored per family × form.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planparse import parse  # noqa: E402
from planparse.errors import ParseError  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The parser's F1 against every checked reading.")
    parser.add_argument("--only", choices=["training", "realplans", "generated"])
    parser.add_argument("--seed", type=int, default=1, help="the generated section's seed (default 1)")
    args = parser.parse_args(argv)
    score = _scorer()
    sections: list[tuple[str, Callable[[], None]]] = [
        ("training", lambda: _training(score)),
        ("realplans", lambda: _realplans(score)),
        ("generated", lambda: _generated(score, args.seed)),
    ]
    first = True
    for name, section in sections:
        if args.only in (None, name):
            if not first:
                print()
            section()
            first = False
    return 0


def _training(score) -> None:  # type: ignore[no-untyped-def]
    print("## Training scores\n")
    print("The seeds and the held-out sets (tests/fixtures/unseen*): the parser's rules were tuned on these, so "
          "they say how well it fits them, not how it reads a new plan.\n")
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
        print(f"\nHeld-out plans in `tests/fixtures/{held_out.name}/` (training scores):\n")
        print("| plan | format | F1 |")
        print("|---|---|---:|")
        for gold_path in gold_files:
            docs = [p for p in held_out.glob(f"{gold_path.stem}.*") if p.suffix != ".json"]
            for doc in docs:
                tally, _ = score.score_plan(json.loads(gold_path.read_text()), parse(doc).to_dict())
                print(f"| {gold_path.stem} | {doc.suffix[1:]} | {tally.totals()[5]:.3f} |")

    _pdftotext(score)
    _txt_variants(score)


def _pdftotext(score) -> None:  # type: ignore[no-untyped-def]
    """Text poppler's pdftotext extracted from each PDF (scripts/make_pdftotext_fixtures.py), per mode."""
    root = FIXTURES / "pdftotext"
    if not root.exists():
        return
    print("\nText extracted by pdftotext in `tests/fixtures/pdftotext/` (layout: `-layout`; plain: no flags; "
          "training scores):\n")
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
    print("\nSeeds as other text dumps in `tests/fixtures/txt_variants/` (training scores):\n")
    print("| file | F1 |")
    print("|---|---:|")
    for doc in docs:
        gold = json.loads((FIXTURES / "gold" / f"{doc.name.split('.')[0]}.json").read_text())
        tally, _ = score.score_plan(gold, parse(doc).to_dict())
        print(f"| {doc.name} | {tally.totals()[5]:.3f} |")


def _read(source: Path | bytes, filename: str | None = None) -> dict[str, Any]:
    """The parser's reading as a dict; a document it refuses reads as an empty plan."""
    try:
        return parse(source, filename=filename).to_dict()
    except ParseError:
        return {"recommendations": []}


REALPLAN_FORMS = [("txt", "src", ".txt"), ("docx", "docx", ".docx"), ("pdf", "pdf", ".pdf"), ("html", "html", ".html")]


def _realplans(score) -> None:  # type: ignore[no-untyped-def]
    """The published plans in tests/fixtures/realplans, each form against the one gold (same words)."""
    root = FIXTURES / "realplans"
    print("## Real published plans\n")
    print("`tests/fixtures/realplans/`: F1, then recommendations read / in the gold.\n")
    print("| plan | " + " | ".join(name for name, _, _ in REALPLAN_FORMS) + " |")
    print("|---|" + "---:|" * len(REALPLAN_FORMS))
    totals = {name: score.Tally() for name, _, _ in REALPLAN_FORMS}
    empty = dict.fromkeys(totals, 0)
    for gold_path in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cells = []
        for name, folder, ext in REALPLAN_FORMS:
            path = root / folder / f"{gold_path.stem}{ext}"
            if not path.exists():
                cells.append("–")
                continue
            reading = _read(path)
            tally, stats = score.score_plan(gold, reading)
            totals[name].merge(tally)
            empty[name] += not reading.get("recommendations")
            cells.append(f"{tally.totals()[5]:.3f} ({stats['recs_pred']}/{stats['recs_gold']})")
        print(f"| {gold_path.stem} | " + " | ".join(cells) + " |")
    print("| **all** | " + " | ".join(f"**{t.totals()[5]:.3f}**" for t in totals.values()) + " |")
    print("| read as empty | " + " | ".join(str(n) for n in empty.values()) + " |")


def _generated(score, seed: int) -> None:  # type: ignore[no-untyped-def]
    """A fresh generated set (tests/support/generate.py) scored per family × form."""
    generate = _generator()
    forms = [f for f in generate.FORMS if f != "pdf" or generate.soffice()]
    started = time.monotonic()
    cases = generate.generate_cases(generate.default_golds(), seed, forms=forms)
    made = time.monotonic() - started
    tallies: dict[tuple[str, str], object] = {}
    empty: dict[tuple[str, str], int] = {}
    for case in cases:
        reading = _read(case.data, case.filename)
        tally, _ = score.score_plan(case.expected, reading)
        key = (case.family, case.form)
        tallies.setdefault(key, score.Tally()).merge(tally)  # type: ignore[attr-defined]
        empty[key] = empty.get(key, 0) + (not reading.get("recommendations"))
    scored = time.monotonic() - started - made
    sources = len({c.name.split("-", 2)[2] for c in cases})
    print(f"## Generated plans (seed {seed})\n")
    print(f"tests/support/generate.py: {len(cases)} documents ({sources} sources × layout family × form; made in "
          f"{made:.0f} s, read and scored in {scored:.0f} s). F1 per family and form, then (where any) the "
          "number of documents read as empty."
          + ("" if "pdf" in forms else " No pdf: LibreOffice (soffice) is not installed.") + "\n")
    print("| family | " + " | ".join(forms) + " | all |")
    print("|---|" + "---:|" * (len(forms) + 1))

    def cell(keys: list[tuple[str, str]]) -> str:
        total = score.Tally()
        for key in keys:
            total.merge(tallies[key])
        blank = sum(empty[key] for key in keys)
        return f"{total.totals()[5]:.3f}" + (f" ({blank} empty)" if blank else "")

    for family in generate.FAMILIES:
        row = [cell([(family, form)]) for form in forms]
        print(f"| {family} | " + " | ".join(row) + f" | {cell([(family, f) for f in forms])} |")
    print("| **all** | " + " | ".join(f"**{cell([(fam, form) for fam in generate.FAMILIES])}**" for form in forms)
          + f" | **{cell(list(tallies))}** |")


def _generator():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "tests" / "support"))
    import generate

    return generate


if __name__ == "__main__":
    sys.exit(main())
