"""Write a fixed sample of generated plans (tests/support/generate.py, seed 1) into tests/fixtures/generated/.

    .venv/bin/python scripts/make_generated_fixtures.py

Every family × form once per source would be 448 documents; the sample is two sources per family × form cell
(56 documents), the sources taken in turn so each of the five seeds and eleven real plans appears in three or
four of them, under different families and forms. Each document NAME.EXT has its expected gold NAME.json
beside it. The txt, docx and html bytes are the same on every run; LibreOffice stamps each PDF with the time, so
a PDF whose text is unchanged is left as it was (and its expected gold keeps naming those bytes). Files no
longer in the sample are removed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

import generate  # noqa: E402

SEED = 1
OUT = ROOT / "tests" / "fixtures" / "generated"
PER_CELL = 2


def sample(sources: list[str]) -> list[tuple[str, str, str]]:
    """(source, family, form) for each document of the sample: the sources taken in turn, form by form, so each
    form meets 14 of the 16 sources and each family eight."""
    cells = [(family, form) for form in generate.FORMS for family in generate.FAMILIES for _ in range(PER_CELL)]
    return [(sources[k % len(sources)], family, form) for k, (family, form) in enumerate(cells)]


def pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def main() -> int:
    golds = generate.default_golds()
    cases = generate.generate_selected(golds, SEED, sample(sorted(golds)))
    OUT.mkdir(parents=True, exist_ok=True)
    keep = {"README.md"}
    for case in cases:
        path = OUT / case.filename
        if case.form == "pdf" and path.exists() and pdf_text(path.read_bytes()) == pdf_text(case.data):
            case = generate.with_data(case, path.read_bytes())  # only the timestamp differs
        path.write_bytes(case.data)
        gold = OUT / f"{case.name}.json"
        gold.write_text(json.dumps(case.expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        keep |= {path.name, gold.name}
    for stale in sorted(p for p in OUT.iterdir() if p.name not in keep):
        stale.unlink()
    sources = {c.name.split("-", 2)[2] for c in cases}
    print(f"wrote {len(cases)} documents from {len(sources)} sources to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
