"""The spreadsheet round trip in Chromium, with axe on every page: download the Lichfield plan (seed 000 as a
Word document) as Excel, change cells with openpyxl as a person would in Excel, upload, see the errors of a
bad cell, correct it, preview the changes and apply them."""

from __future__ import annotations

import io

import openpyxl
from playwright.sync_api import expect

from tests.browser.test_journeys import import_lichfield
from tracker.plans.models import ActionUpdate, Via


def test_export_edit_upload_preview_and_apply_a_spreadsheet(signed_in, axe, council, editor, tmp_path):
    page = signed_in
    plan = import_lichfield(council, editor)
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Update actions with a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update actions with a spreadsheet")
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Excel (.xlsx)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = workbook["Actions"]
    headings = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headings.index("State") + 1).value = "Done-ish"
    sheet.cell(row=3, column=headings.index("Commentary") + 1).value = "Programme board set up in May"
    bad = tmp_path / "lichfield.xlsx"
    workbook.save(bad)

    page.get_by_label("Upload the changed spreadsheet").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The spreadsheet cannot be used")
    expect(page.locator("#cell-errors")).to_contain_text("Actions!I2")
    expect(page.locator("#cell-errors")).to_contain_text("'Done-ish' is not a delivery state")
    axe.check(page)

    sheet.cell(row=2, column=headings.index("State") + 1).value = "In progress"
    good = tmp_path / "lichfield-corrected.xlsx"
    workbook.save(good)
    page.get_by_role("link", name="Upload a corrected spreadsheet").click()
    axe.check(page)
    page.get_by_label("Upload the changed spreadsheet").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the changes")
    expect(page.locator("#changes")).to_contain_text("Programme board set up in May")
    expect(page.locator("#changes")).to_contain_text("In progress")
    axe.check(page)
    assert not ActionUpdate.objects.filter(via=Via.SPREADSHEET).exists()

    page.get_by_role("button", name="Apply these changes").click()
    expect(page.get_by_role("alert")).to_contain_text("2 changes to 2 actions saved from lichfield-corrected.xlsx")
    axe.check(page)
    updates = ActionUpdate.objects.filter(via=Via.SPREADSHEET)
    assert updates.count() == 2
    assert {u.comment for u in updates} == {
        "Updated by spreadsheet import, file lichfield-corrected.xlsx, by Colin Colleague"}
