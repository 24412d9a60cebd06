"""Write the text poppler's pdftotext extracts from every PDF plan in the repo (tests/fixtures/pdftotext/).

    .venv/bin/python scripts/make_pdftotext_fixtures.py

Many plans reach the product as text "as extracted or pasted" from a PDF. This script makes that text from the
repo's own PDFs, so each can be scored against the gold reading of the document it came from (same stem):

- tests/fixtures/seeds/*.pdf and seeds/borderless/*.pdf (the seeds as published, with and without table lines);
- the held-out PDFs (tests/fixtures/unseen*/*.pdf) and the held-out Word documents, printed to PDF with
  LibreOffice first (as a council publishing a Word plan would).

Each PDF is extracted twice: ``layout/`` is ``pdftotext -layout`` (columns kept apart by runs of spaces, as a
PDF viewer pastes them) and ``plain/`` is plain ``pdftotext`` (each cell's lines one after another). The folder
under each names where the PDF came from: seeds, borderless, unseen, unseen2.

Needs poppler-utils (pdftotext) and LibreOffice (soffice). A file whose text is unchanged is not rewritten.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
OUT = FIXTURES / "pdftotext"
MODES = {"layout": ["-layout"], "plain": []}


def _sources(work: Path) -> list[tuple[str, Path]]:
    """(folder name, PDF) for every PDF to extract; Word documents are printed to PDF in ``work`` first."""
    sources = [("seeds", p) for p in sorted((FIXTURES / "seeds").glob("*.pdf"))]
    sources += [("borderless", p) for p in sorted((FIXTURES / "seeds" / "borderless").glob("*.pdf"))]
    for held_out in ("unseen", "unseen2"):
        folder = FIXTURES / held_out
        sources += [(held_out, p) for p in sorted(folder.glob("*.pdf"))]
        for docx in sorted(folder.glob("*.docx")):
            sources.append((held_out, _docx_to_pdf(docx, work / held_out)))
    return sources


def _docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    # A profile of our own, so a LibreOffice someone else has open does not take the job (or lock it).
    profile = (out_dir.parent / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx)], check=True, capture_output=True, timeout=180)
    return out_dir / f"{docx.stem}.pdf"


def _extract(pdf: Path, flags: list[str]) -> str:
    done = subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, timeout=60)
    return done.stdout.decode("utf-8")


def main() -> int:
    if not shutil.which("pdftotext") or not shutil.which("soffice"):
        print("pdftotext (poppler-utils) and soffice (LibreOffice) are needed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="pdftotext-fixtures-") as tmp:
        for folder, pdf in _sources(Path(tmp)):
            for mode, flags in MODES.items():
                target = OUT / mode / folder / f"{pdf.stem}.txt"
                text = _extract(pdf, flags)
                if target.exists() and target.read_text(encoding="utf-8") == text:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
