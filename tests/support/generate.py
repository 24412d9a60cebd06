"""Generated action plans: checked content (any gold JSON) rendered in many layouts, each paired with the gold
reading of exactly what was printed.

    .venv/bin/python tests/support/generate.py --seed N --out DIR [--forms txt,docx,html,pdf] [--families …]
                                               [--gold PATH …]

writes DIR/NAME.EXT and DIR/NAME.json for every source gold (by default the five seeds and the real plans;
``--gold`` takes other gold files or folders of them) × family × form. As a module,
``generate_cases(golds, seed)`` returns the same documents in memory as ``Case`` values.

A layout family is a way councils lay plans out (``FAMILIES``): a table, headings with bullets, labelled
blocks, label/value records, a table flattened one cell per line, delimited rows, one line per action. The seed
drives every choice (column headings from synonyms, column order, numbering style, bullet glyphs, page chrome,
a cut-off ending), so a new seed gives new documents. Layout choices come from one random stream per
(seed, family, source) and only form details (a Word list or a typed glyph, a merged cell or a blank one) from
a second, so the four forms of one layout share one expected reading.

The expected reading is built first and the document is printed from it, never the other way round: a field the
layout does not show is dropped (owners [], due null), a value the layout must print on one line is joined with
single spaces, unnumbered recommendations are numbered "1", "2", … and a cut-off drops the records after the
cut. Text is never invented: every printed word comes from the source gold, except the layout's own headings,
labels and page chrome, which are not content (tests/fixtures/gold/CONVENTIONS.md).

The families and their expected readings are in layouts.py beside this file, the printing of blocks into the
four forms in render.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # layouts.py and render.py, also when run as a script

from layouts import BUILDERS, FAMILIES, Gold, organisation  # noqa: E402
from render import Doc, docx_to_pdf, render_docx, render_html, render_txt, soffice  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
FORMS = ("txt", "docx", "html", "pdf")
__all__ = ["FAMILIES", "FORMS", "Case", "default_golds", "generate_cases", "generate_selected", "read_golds",
           "soffice", "with_data"]


@dataclass(frozen=True)
class Case:
    name: str  # FAMILY-FORM-SOURCE
    family: str
    form: str
    data: bytes
    filename: str
    expected: Gold


def default_golds() -> dict[str, Gold]:
    """The five seeds' and the real plans' gold readings, by stem."""
    return read_golds([FIXTURES / "gold", FIXTURES / "realplans" / "gold"])


def read_golds(paths: Iterable[Path]) -> dict[str, Gold]:
    """Gold readings from files and folders of them, by stem."""
    files = [f for p in paths for f in (sorted(p.glob("*.json")) if p.is_dir() else [p])]
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in files}


def generate_cases(golds: dict[str, Gold], seed: int, families: Iterable[str] = FAMILIES,
                   forms: Iterable[str] = FORMS) -> list[Case]:
    """Every source × family × form, in that order. The pdf form needs LibreOffice (``soffice()``)."""
    families, forms = list(families), list(forms)
    return generate_selected(golds, seed, [(s, f, m) for s in sorted(golds) for f in families for m in forms])


def generate_selected(golds: dict[str, Gold], seed: int, wanted: Iterable[tuple[str, str, str]]) -> list[Case]:
    """The cases named by (source, family, form), in that order; every PDF made in one LibreOffice run."""
    cases: list[Case] = []
    for source, family, form in wanted:
        expected, doc = _expected_and_doc(golds[source], source, family, seed, form)
        name = f"{family}-{form}-{source}"
        if form == "txt":
            data = render_txt(doc)
        elif form == "html":
            data = render_html(doc, expected["title"])
        else:
            data = render_docx(doc)
        cases.append(Case(name, family, form, data, f"{name}.{form}", expected))
    pdfs = docx_to_pdf({c.name: c.data for c in cases if c.form == "pdf"})
    return [with_data(c, pdfs.get(c.name, c.data)) for c in cases]


def with_data(case: Case, data: bytes) -> Case:
    """The case holding ``data`` (a PDF for its Word document, or bytes kept from an earlier run), its expected
    gold's source naming them."""
    expected = dict(case.expected)
    expected["source"] = {"filename": case.filename, "format": case.form,
                          "sha256": hashlib.sha256(data).hexdigest()}
    return Case(case.name, case.family, case.form, data, case.filename, expected)


def _expected_and_doc(gold: Gold, source: str, family: str, seed: int, form: str) -> tuple[Gold, Doc]:
    rng = random.Random(f"{seed}:{family}:{source}")
    frng = random.Random(f"{seed}:{family}:{source}:{form}")
    view, doc = BUILDERS[family](gold, rng, frng, form)
    plan = view.plan
    plan["organisation"] = organisation(gold.get("organisation"), plan)
    plan["warnings"].insert(0, {"message": f"Generated by tests/support/generate.py (seed {seed}) from {source}: "
                                           + "; ".join(sorted(doc.notes, key=lambda n: n.startswith("page chrome"))),
                                "where": None})
    return plan, doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--gold", type=Path, nargs="+", help="gold JSON files or folders (default: the seeds' "
                        "and the real plans')")
    args = parser.parse_args(argv)
    forms = [f for f in args.forms.split(",") if f]
    families = [f for f in args.families.split(",") if f]
    unknown = sorted(set(forms) - set(FORMS)) + sorted(set(families) - set(FAMILIES))
    if unknown:
        parser.error(f"unknown form or family: {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    golds = default_golds() if not args.gold else read_golds(args.gold)
    cases = generate_cases(golds, args.seed, families, forms)
    for case in cases:
        (args.out / case.filename).write_bytes(case.data)
        (args.out / f"{case.name}.json").write_text(json.dumps(case.expected, indent=2, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    print(f"wrote {len(cases)} documents and their expected gold to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
