"""Committee appendix speed on the largest seed plan (seed 004: 7 recommendations, 60 actions).

    .venv/bin/python bench/reports.py                 # prints the figures (about half a minute)
    .venv/bin/python bench/reports.py --out /tmp/app  # also keeps the .docx, .pdf and page PNGs to look at

The plan is imported from its gold reading into a throwaway SQLite database, then given a quarter's
history through the services (some actions completed, a RAG change, two extensions) and one earlier
issued report, so "completed since the last report" and the extensions table have rows. Timed: building
the snapshot and the Word document (``committee_appendix``), and the PDF conversion by LibreOffice
(``docx_to_pdf`` with the process's own LibreOffice profile, as the app does, and for comparison with a new
profile each call). Median and worst of several runs after a warm-up. Never run as a test: timings belong in the README, not in assertions.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold" / "004_a45fdb9e1ebc7908.json"


def setup(work: Path) -> tuple[Any, Any, datetime.date]:
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    import planparse
    from tracker.accounts.models import Council, Membership, Role
    from tracker.plans import services
    from tracker.reports.models import ReportIssue
    from tracker.reports.snapshot import build_snapshot

    call_command("migrate", verbosity=0, interactive=False)
    council = Council.objects.create(name="Bench Borough Council", slug="bench")
    user = User.objects.create_user("bench", "bench@example.gov.uk", "bench-password-not-secret",
                                    first_name="Bea", last_name="Bench")
    Membership.objects.create(user=user, council=council, role=Role.EDITOR)
    data = GOLD.read_bytes()
    plan = services.save_import(council, user, planparse.parse(data, filename=GOLD.name).to_dict(), data,
                                GOLD.name)
    first_as_at = datetime.date.today() - datetime.timedelta(days=1)
    snapshot = build_snapshot(plan, first_as_at, committee="Cabinet", meeting_date=first_as_at)
    ReportIssue.objects.create(plan=plan, as_at=first_as_at, committee="Cabinet", meeting_date=first_as_at,
                               snapshot=snapshot, docx=b"", pdf=b"")
    actions = list(plan.actions.order_by("position", "id"))
    for action in actions[:8]:
        services.update_action(action, user, {"state": "complete", "rag": "blue"}, "Signed off by CLT")
    services.update_action(actions[10], user, {"rag": "red", "commentary": "Supplier has withdrawn."},
                           "Supplier withdrew")
    for action in actions[12:14]:
        services.record_extension(action, user, datetime.date(2026, 3, 31), "March 2026",
                                  "Waiting for the restructure to finish", decided_by_label="Cabinet")
    return plan, user, first_as_at


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    fn()  # warm-up: imports, caches
    times: list[float] = []
    result: Any = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="keep the documents (and PNGs of the PDF's pages) here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        plan, _user, _ = setup(Path(tmp))
        from tracker.reports import appendix
        from tracker.reports.appendix import committee_appendix, docx_to_pdf
        from tracker.reports.models import ReportIssue

        today = datetime.date.today()
        meeting = today + datetime.timedelta(days=14)
        previous = ReportIssue.objects.previous_for(plan, today)

        def make_docx() -> bytes:
            return committee_appendix(plan, today, committee="Overview and Scrutiny Committee",
                                      meeting_date=meeting, previous=previous)

        docx_median, docx_worst, docx = timed(make_docx, args.runs * 2)
        pdf_median, pdf_worst, pdf = timed(lambda: docx_to_pdf(docx), args.runs)

        def pdf_fresh_profile() -> bytes:
            appendix._profile = None  # what a per-call profile would cost
            return docx_to_pdf(docx)

        fresh_median, fresh_worst, _ = timed(pdf_fresh_profile, args.runs)
        n_actions = plan.actions.count()
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(pdf))
        print(f"Committee appendix, seed 004 ({plan.recommendations.count()} recommendations, {n_actions} "
              f"actions), {args.runs} runs after a warm-up:")
        print("| Document | Median | Worst | Size | Budget |")
        print("|---|---|---|---|---|")
        print(f"| Word (.docx), snapshot included | {docx_median:.3f} s | {docx_worst:.3f} s | "
              f"{len(docx) / 1024:.0f} KB | 1 s |")
        print(f"| PDF (tagged, LibreOffice, the process's profile) | {pdf_median:.2f} s | {pdf_worst:.2f} s | "
              f"{len(pdf) / 1024:.0f} KB, {pages} pages | 5 s |")
        print(f"| PDF with a new LibreOffice profile each call (not used) | {fresh_median:.2f} s | "
              f"{fresh_worst:.2f} s | | |")
        print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "appendix.docx").write_bytes(docx)
            (args.out / "appendix.pdf").write_bytes(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(args.out / "appendix.pdf"),
                            str(args.out / "page")], check=True)
            print(f"Documents and page images in {args.out}")


if __name__ == "__main__":
    main()
