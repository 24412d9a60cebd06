"""The committee report journey in Chromium, axe on every page: from the plan page to the report form, a
mistake corrected, the appendix issued, and the issued Word document downloaded and read back.

The plan is Lichfield's 2022 plan from its gold reading (seed 000: 9 recommendations, 23 actions)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from tracker.reports.models import ReportIssue

GOLD = Path(__file__).parent.parent / "fixtures" / "gold" / "000_434456432017fdb1.json"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_issue_a_committee_appendix_and_download_it(signed_in, axe, council, editor):
    import planparse
    from tracker.plans import services

    data = GOLD.read_bytes()
    plan = services.save_import(council, editor, planparse.parse(data, filename=GOLD.name).to_dict(), data,
                                GOLD.name)
    page = signed_in
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Committee reports (Word and PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Committee reports")
    expect(page.locator("main")).to_contain_text("No report has been issued for this plan yet.")
    axe.check(page)

    page.get_by_label("Committee").fill("Overview and Scrutiny Committee")
    page.get_by_label("Meeting date").fill("31/2/2026")
    page.get_by_label("Position as at").fill("1/3/2026")
    page.get_by_role("button", name="Issue report").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the meeting date as a day, month")
    axe.check(page)

    page.get_by_label("Meeting date").fill("12/3/2026")
    page.get_by_role("button", name="Issue report").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Report for Overview and Scrutiny Committee issued")
    expect(page.locator("table")).to_contain_text("12 March 2026")
    axe.check(page)
    assert ReportIssue.objects.filter(plan=plan).count() == 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word document for Overview and Scrutiny Committee, 12 March 2026").click()
    download = download_info.value
    assert download.suggested_filename == "appendix-overview-and-scrutiny-committee-2026-03-12.docx"
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    assert document.paragraphs[1].text == f"{plan.title}: progress as at 1 March 2026"
    assert len(document.tables) == 2 + 9  # the two summary tables, then one per recommendation
