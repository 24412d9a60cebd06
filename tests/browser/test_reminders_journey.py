"""A lead who never signs in, in Chromium with axe on every page: open the emailed link, update three actions
at once and ask to move a target date; then the editor sees the response in the reminder log and refuses the
change with a reason.

The plan is seed 000 as a Word file (Lichfield's 2022 plan): lead CT has 8 actions, none complete."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_journeys import import_lichfield
from tracker.plans.models import Action, ActionUpdate, Extension

MEETING = datetime.date.today() + datetime.timedelta(days=40)


def _remind_carol(council, editor):
    from tracker.reminders import services
    from tracker.reminders.models import ReportingDate

    plan = import_lichfield(council, editor)
    services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")
    ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)
    services.send_due_reminders(MEETING - datetime.timedelta(days=14))
    (message,) = mail.outbox
    path = re.search(r"https?://[^/\s]+(/update/\S+/)", message.body).group(1)
    actions = list(Action.objects.filter(plan=plan, leads="CT").order_by("recommendation__position", "position"))
    return plan, path, actions


def test_a_lead_updates_three_actions_and_asks_for_a_new_date(page, axe, council, editor):
    plan, path, actions = _remind_carol(council, editor)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Update your actions")
    expect(page.locator("main section")).to_have_count(8)
    axe.check(page)

    sections = page.locator("main section")
    first, second, third = sections.nth(0), sections.nth(1), sections.nth(2)
    first.get_by_role("group", name="Delivery state").get_by_label("Complete").check()
    first.get_by_label("Commentary").fill("Targets agreed by Cabinet in March")
    second.get_by_role("group", name="Delivery state").get_by_label("In progress").check()
    second.get_by_role("group", name="RAG rating").get_by_label("Amber").check()
    second.get_by_label("Commentary").fill("Two of five project leads trained")
    third.get_by_role("group", name="RAG rating").get_by_label("Red").check()
    third.get_by_text("Ask to change the target date").click()
    third.get_by_label("Month").fill("6")
    third.get_by_label("Year").fill(str(MEETING.year + 1))
    third.get_by_label("Why does the target date need to change?").fill("The strategy consultation was extended")
    axe.check(page)
    page.get_by_role("button", name="Save updates").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you. 3 actions updated, 1 target date change sent for approval.")
    # The completed action has left the list of open ones; the date change waits for a decision.
    expect(page.locator("main section")).to_have_count(7)
    expect(page.locator("main")).to_contain_text("is waiting for a decision")
    axe.check(page)

    by_link = ActionUpdate.objects.filter(action__in=actions, via="link")
    assert set(by_link.values_list("by_label", flat=True)) == {"Carol Tan by update link"}
    assert by_link.count() == 3
    assert Action.objects.get(pk=actions[0].pk).state == "complete"
    extension = Extension.objects.get(action=actions[2])
    assert extension.status == "pending" and extension.new_text == f"June {MEETING.year + 1}"


def test_the_editor_sees_the_response_and_refuses_the_change(signed_in, axe, council, editor):
    from tracker.reminders import services, tokens

    page = signed_in
    plan, path, actions = _remind_carol(council, editor)
    link = tokens.open_link(path.split("/")[2])
    services.save_link_update(link, [services.LinkChange(
        action=actions[0], changes={}, new_date=datetime.date(MEETING.year + 1, 6, 30),
        new_text=f"June {MEETING.year + 1}", reason="Consultation extended")])

    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Reminders and update links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders and update links")
    expect(page.locator("main")).to_contain_text("Leads who have responded: 1 of 1 lead sent a reminder.")
    expect(page.locator("main")).to_contain_text("No reminders go to 6 leads in this plan with no contact")
    axe.check(page)

    page.get_by_role("button", name=re.compile("^Refuse")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Give a reason for refusing")
    axe.check(page)
    page.get_by_label("Note to the lead").fill("Cabinet needs this before the budget")
    mail.outbox.clear()
    page.get_by_role("button", name=re.compile("^Refuse")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Change refused. The lead has been told why.")
    axe.check(page)
    assert len(mail.outbox) == 1 and "Cabinet needs this before the budget" in mail.outbox[0].body

    page.get_by_role("link", name="Give them contacts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lead contacts")
    axe.check(page)
    page.get_by_role("link", name="Give a contact to SF").click()
    expect(page.get_by_label("Lead", exact=True)).to_have_value("sf")
    axe.check(page)
    page.get_by_label("Contact's full name").fill("Sam Fry")
    page.get_by_label("Email address").fill("sam.fry@example.gov.uk")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("SF is now Sam Fry")
    axe.check(page)


def test_the_editor_removes_a_reporting_date_after_confirming(signed_in, axe, council, editor):
    from tracker.reminders.models import ReminderLink, ReportingDate

    page = signed_in
    plan, _, _ = _remind_carol(council, editor)
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/reminders/")
    page.get_by_role("button", name=re.compile("^Remove reporting date")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Are you sure you want to remove Cabinet"))
    expect(page.locator("main")).to_contain_text("1 email in its reminder log")
    expect(page.locator("main")).to_contain_text("1 update link, which will stop working")
    axe.check(page)
    page.get_by_role("link", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders and update links")
    assert ReportingDate.objects.filter(plan=plan).count() == 1
    axe.check(page)

    page.get_by_role("button", name=re.compile("^Remove reporting date")).click()
    page.get_by_role("button", name="Remove reporting date").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Reporting date removed: Cabinet")
    axe.check(page)
    assert not ReportingDate.objects.filter(plan=plan).exists() and not ReminderLink.objects.exists()
