"""What officers do, in Chromium, with axe on every page: sign in, import the council's Word document, correct
a row and save; update an action with a reason; extend a target date.

The document is seed 000 as a Word file (Lichfield's 2022 plan: 9 recommendations, 23 actions)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tracker.plans.models import Action, ActionChange, Extension, Plan

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
LICHFIELD_DOCX = SEEDS / "000_434456432017fdb1.docx"
PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only


def import_lichfield(council, editor) -> Plan:
    import planparse
    from tracker.plans import services

    data = LICHFIELD_DOCX.read_bytes()
    parsed = planparse.parse(data, filename=LICHFIELD_DOCX.name)
    return services.save_import(council, editor, parsed.to_dict(), data, LICHFIELD_DOCX.name)


def test_sign_in_import_a_word_document_correct_a_row_and_save(page, axe, council, editor):
    page.goto("/accounts/login/")
    axe.check(page)
    page.get_by_label("Username").fill("colin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Action plans")
    axe.check(page)

    page.get_by_role("link", name="Import a plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a plan")
    axe.check(page)
    page.get_by_label("Upload a file").set_input_files(str(LICHFIELD_DOCX))
    page.get_by_role("button", name="Upload and read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the imported plan")
    expect(page.locator("main")).to_contain_text("9 recommendations and 23 actions")
    axe.check(page)

    # The first action, as read from the Word table; correct its wording before saving.
    first = page.locator("#a0-0-text")
    expect(first).to_have_value(re.compile(r"^Review the delivery plan targets"))
    first.fill("Review the delivery plan targets and set milestones for each")
    page.get_by_role("button", name="Save the plan").click()
    axe.check(page)

    plan = Plan.objects.get(council=council)
    assert plan.actions.count() == 23
    corrected = plan.actions.order_by("recommendation__position", "position").first()
    assert corrected.text == "Review the delivery plan targets and set milestones for each"
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    expect(page.locator("main")).to_contain_text("Review the delivery plan targets and set milestones for each")
    axe.check(page)


def test_update_an_action_with_a_reason(signed_in, axe, council, editor):
    page = signed_in
    plan = import_lichfield(council, editor)
    action = plan.actions.order_by("recommendation__position", "position").first()
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    axe.check(page)
    page.get_by_role("link", name=re.compile(r"^Review the delivery plan targets")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action")
    axe.check(page)

    # A change of state without a reason is refused with an error summary.
    page.get_by_role("group", name="Delivery state").get_by_label("In progress").check()
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the state or RAG rating is changing")
    axe.check(page)

    page.get_by_role("group", name="Delivery state").get_by_label("In progress").check()
    page.get_by_role("group", name="RAG rating").get_by_label("Amber").check()
    page.get_by_label("Why are you making this change?").fill("Targets drafted; CLT review slipped to May")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("alert")).to_contain_text("Action updated.")
    expect(page.locator("#history ~ .app-timeline")).to_contain_text(
        "State changed from Not started to In progress")
    axe.check(page)

    action.refresh_from_db()
    assert (action.state, action.rag) == ("in_progress", "amber")
    assert ActionChange.objects.filter(update__action=action, field="state", new="in_progress",
                                       update__comment="Targets drafted; CLT review slipped to May").exists()


def test_extend_a_target_date(signed_in, axe, council, editor):
    page = signed_in
    plan = import_lichfield(council, editor)
    action = plan.actions.order_by("recommendation__position", "position").first()
    page.goto(f"/c/{council.slug}/actions/{action.pk}/")
    axe.check(page)
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Reason for the extension").fill("Waiting for the new management structure")
    page.get_by_label("Agreed by (optional)").fill("Cabinet, 12 March")
    page.get_by_role("button", name="Save extension").click()
    expect(page.get_by_role("alert")).to_contain_text("Target date moved to September 2026")
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Original target date April 2022")
    expect(summary).to_contain_text("Current target date September 2026")
    axe.check(page)

    action.refresh_from_db()
    assert action.due_text == "September 2026" and action.original_due_text == "April 2022"
    assert Extension.objects.get(action=action).decided_by_label == "Cabinet, 12 March"


def test_dashboard_filters_and_leads_are_accessible(signed_in, axe, council, editor):
    page = signed_in
    plan = import_lichfield(council, editor)
    page.goto(f"/c/{council.slug}/")
    expect(page.get_by_role("table", name="Plans")).to_contain_text("0 of 23 actions complete")
    axe.check(page)
    page.get_by_role("link", name=plan.title, exact=True).click()
    axe.check(page)
    page.get_by_label("Lead").select_option("CT")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_have_text("Showing 8 of 23 actions.")
    axe.check(page)
    page.get_by_role("link", name="Leads", exact=True).click()
    axe.check(page)
    page.get_by_role("link", name="CT", exact=True).click()
    expect(page.locator("main")).to_contain_text("8 actions across the council's plans")
    axe.check(page)
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement for Action plans")
    axe.check(page)
    assert Action.objects.filter(plan=plan).count() == 23


def test_correct_an_action_and_set_progress_by_hand(signed_in, axe, council, editor):
    page = signed_in
    plan = import_lichfield(council, editor)
    action = plan.actions.order_by("recommendation__position", "position").first()
    page.goto(f"/c/{council.slug}/actions/{action.pk}/")
    axe.check(page)
    page.get_by_role("link", name=re.compile(r"^Correct the wording, leads")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct the action's details")
    axe.check(page)
    page.get_by_label("Leads").fill("CT\nHead of Finance")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the action's details are changing")
    axe.check(page)
    page.get_by_label("Leads").fill("CT\nHead of Finance")
    page.get_by_label("Why are you making this change?").fill("Finance shares the lead since May")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Action details updated.")
    expect(page.locator("#history ~ .app-timeline")).to_contain_text("Finance shares the lead since May")
    page.screenshot(path="/tmp/action_after_edit.png", full_page=True)
    axe.check(page)
    action.refresh_from_db()
    assert action.lead_names == ["CT", "Head of Finance"]

    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    page.get_by_role("link", name="Set the plan's progress by hand").click()
    expect(page.locator("main")).to_contain_text("Calculated from the actions: 0 of 23 actions complete")
    axe.check(page)
    page.get_by_label("Progress statement").fill("Substantially complete")
    page.get_by_label("Why is progress being set by hand?").fill("Agreed by CLT, 4 March")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-body-l")).to_contain_text(
        "Set by hand: Substantially complete (calculated: 0 of 23 actions complete")
    expect(page.locator("#imported")).to_contain_text("Imported from 000_434456432017fdb1.docx")
    page.screenshot(path="/tmp/plan_override.png")
    axe.check(page)
