"""Parser speed and memory, per format, on the real fixtures; prints a Markdown table for the README.

    .venv/bin/python bench/parse.py            # the figures (about a minute)
    .venv/bin/python bench/parse.py --quick    # one small document a format, a 10-page PDF: a smoke test

Each format is measured in its own subprocess, so one format's imports and caches do not count against
another's memory: "peak RSS" is the whole process (Python, the parser and its libraries) at its largest,
"peak traced" is what Python itself allocated during one parse of the format's largest document (tracemalloc;
it does not see pdfium's own C allocations, which RSS does). Times are the median over several runs of
``planparse.parse`` on each document, after one warm-up parse, then the median over documents.

The 100-page PDF is made here by importing the pages of the seed PDFs into one document with pypdfium2,
repeated until it has 100 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
WEB = ROOT / "tests" / "fixtures" / "web"
FIXTURES = ROOT / "tests" / "fixtures"

FORMATS: dict[str, tuple[Path, str]] = {
    "txt": (SEEDS, "*.txt"),
    "docx": (SEEDS, "*.docx"),
    "pdf": (SEEDS, "*.pdf"),
    "html": (WEB, "*.html"),
    "xlsx": (WEB, "*.xlsx"),
    "csv": (WEB, "*.csv"),
}
# The brief's targets: a seed-sized .txt or .docx in 50 ms; a PDF at 100 ms a page; a 100-page PDF in 200 MB.
TARGET_MS = {"txt": 50.0, "docx": 50.0}
TARGET_PDF_MS_PER_PAGE = 100.0
TARGET_PDF_PEAK_MB = 200.0
MB = 1024 * 1024


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (MB if sys.platform == "darwin" else 1024)


# -- in the subprocess -------------------------------------------------------------------------------------
def reader_for(path: Path) -> Any:
    """The format's reader alone (bytes → blocks), to show how the time splits between reading and meaning."""
    from planparse.api import decode
    from planparse.options import Options
    from planparse.readers import docx, html, pdf, sheet, txt

    options = Options()
    readers = {
        ".txt": lambda data: txt.read_txt(decode(data, options)),
        ".docx": lambda data: docx.read_docx(data, options),
        ".pdf": lambda data: pdf.read_pdf(data, options),
        ".html": lambda data: html.read_html(decode(data, options)),
        ".xlsx": lambda data: sheet.read_xlsx(data, options),
        ".csv": lambda data: sheet.read_csv(decode(data, options)),
    }
    return readers[path.suffix]


def timed(call: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(files: list[Path], runs: int) -> dict[str, Any]:
    from planparse import parse

    baseline = rss_mb()
    per_doc: dict[str, float] = {}
    reading: dict[str, float] = {}
    for path in files:
        parse(path)  # warm-up: imports, regex compilation, pdfium's fonts
        per_doc[path.name] = timed(lambda path=path: parse(path), runs)
        data, read = path.read_bytes(), reader_for(path)
        reading[path.name] = timed(lambda data=data, read=read: read(data), runs)
    largest = max(files, key=lambda p: p.stat().st_size)
    tracemalloc.start()
    parse(largest)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"per_doc_ms": per_doc, "reader_ms": reading, "traced_mb": traced / MB, "rss_mb": rss_mb(), "baseline_rss_mb": baseline,
            "largest": largest.name}


def worker(args: argparse.Namespace) -> int:
    if args.worker == "pdf-long":
        path = Path(args.file)
        result = measure([path], args.runs)
        result["pages"] = pages_of(path)
    else:
        folder, pattern = FORMATS[args.worker]
        files = sorted(folder.glob(pattern))
        if args.quick:
            files = [min(files, key=lambda p: p.stat().st_size)]
        result = measure(files, args.runs)
        if args.worker == "pdf":
            result["pages"] = {p.name: pages_of(p) for p in files}
    print(json.dumps(result))
    return 0


# -- in the parent ---------------------------------------------------------------------------------------------
def run_worker(name: str, runs: int, file: Path | None = None, quick: bool = False) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--worker", name, "--runs", str(runs)] + (["--quick"] if quick else [])
    if file is not None:
        cmd += ["--file", str(file)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    if out.returncode != 0:
        raise SystemExit(f"bench: the {name} run failed:\n{out.stderr.strip()}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def long_pdf(pages: int, folder: Path) -> Path:
    """A PDF of ``pages`` pages: the seed PDFs' pages, imported in turn until there are enough."""
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(str(p)) for p in sorted(SEEDS.glob("*.pdf"))]
    out = pdfium.PdfDocument.new()
    try:
        while len(out) < pages:
            for src in sources:
                take = min(len(src), pages - len(out))
                if take <= 0:
                    break
                out.import_pages(src, list(range(take)))
        path = folder / f"long-{pages}-pages.pdf"
        out.save(str(path))
    finally:
        out.close()
        for src in sources:
            src.close()
    return path


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="one run of the smallest document of each format and a 10-page PDF (a smoke test)")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per document (default 7; 1 with --quick)")
    ap.add_argument("--pages", type=int, default=None, help="pages in the long PDF (default 100; 10 with --quick)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args)
    runs = args.runs or (1 if args.quick else 7)
    pages = args.pages or (10 if args.quick else 100)

    rows = []
    for fmt in FORMATS:
        r = run_worker(fmt, runs, quick=args.quick)
        times = list(r["per_doc_ms"].values())
        median, worst = statistics.median(times), max(times)
        if fmt in TARGET_MS:
            target = f"≤ {TARGET_MS[fmt]:.0f} ms a document"
            meets = verdict(worst <= TARGET_MS[fmt])
        elif fmt == "pdf":
            per_page = max(r["per_doc_ms"][name] / r["pages"][name] for name in r["per_doc_ms"])
            target = f"≤ {TARGET_PDF_MS_PER_PAGE:.0f} ms a page (slowest: {per_page:.1f})"
            meets = verdict(per_page <= TARGET_PDF_MS_PER_PAGE)
        else:
            target, meets = "", ""
        reader = statistics.median(r["reader_ms"].values())
        rows.append([fmt, str(len(times)), f"{median:.1f}", f"{reader:.1f}", f"{worst:.1f}",
                     f"{r['traced_mb']:.1f}", f"{r['rss_mb']:.0f}", target, meets])

    with tempfile.TemporaryDirectory() as tmp:
        path = long_pdf(pages, Path(tmp))
        r = run_worker("pdf-long", max(1, min(runs, 3)), path)
    ms = r["per_doc_ms"][path.name]
    per_page = ms / r["pages"]
    rows.append([f"pdf, {r['pages']} pages", "1", f"{ms:.0f}", f"{r['reader_ms'][path.name]:.0f}", f"{ms:.0f}",
                 f"{r['traced_mb']:.1f}",
                 f"{r['rss_mb']:.0f}",
                 f"≤ {TARGET_PDF_MS_PER_PAGE:.0f} ms a page ({per_page:.1f}); peak ≤ {TARGET_PDF_PEAK_MB:.0f} MB",
                 verdict(per_page <= TARGET_PDF_MS_PER_PAGE and r["rss_mb"] <= TARGET_PDF_PEAK_MB)])

    header = ["Format", "Documents", "Median ms/doc", "of which reader ms", "Slowest doc ms", "Peak traced MB",
              "Peak RSS MB", "Target", "Meets"]
    print(f"Parser benchmark: median of {runs} run{'s' if runs > 1 else ''} per document after a warm-up; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs{' (--quick)' if args.quick else ''}.")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" if i < 7 else "---" for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("Median ms/doc is the whole of planparse.parse; \"of which reader\" is the format's reader alone (file to "
          "blocks), the rest is the interpreter. Peak RSS is the whole Python process (interpreter and libraries "
          "included); peak traced is Python's own allocations during one parse of the largest document (pdfium's "
          "native memory shows in RSS only).")
    if not args.quick:
        print()
        real_plans(runs)
    return 0


def real_plans(runs: int) -> None:
    """The real plans (tests/fixtures/realplans), where the layout proposers all run: the parse's time against
    the reader's own (python-docx, pypdfium2, the HTML and text readers), the target being at most 3x."""
    from planparse import parse

    print("| Real plans | Documents | Median ms/doc | Slowest doc ms | Median parse ÷ reader | Largest parse ÷ reader |")
    print("|---|---:|---:|---:|---:|---:|")
    for suffix, folder in ((".docx", "docx"), (".pdf", "pdf"), (".html", "html"), (".txt", "src")):
        files = sorted((FIXTURES / "realplans" / folder).glob(f"*{suffix}"))
        totals, ratios = [], []
        for path in files:
            parse(path)
            total = timed(lambda path=path: parse(path), runs)
            data, read = path.read_bytes(), reader_for(path)
            reader = timed(lambda data=data, read=read: read(data), runs)
            totals.append(total)
            ratios.append(total / reader if reader else 0.0)
        print(f"| {suffix[1:]} | {len(files)} | {statistics.median(totals):.1f} | {max(totals):.1f} | "
              f"{statistics.median(ratios):.1f}× | {max(ratios):.1f}× |")
    print()
    print("Text has no library reader to compare with (reading it takes well under a millisecond), so its ratio is "
          "large and says little; its times are the figure to read.")


if __name__ == "__main__":
    sys.exit(main())
