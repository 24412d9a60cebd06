"""Reminders to action leads who never log in, on Lichfield's 2022 plan (seed 000).

The document names its leads by initials: CT leads 8 actions and SF 5, none of them complete, every one
rated green, with no commentary (tests/fixtures/seeds/000, read by hand in tests/fixtures/gold/000).
"""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import import_gold
from tracker.plans import services as plan_services
from tracker.plans.models import Action, ActionUpdate, Extension
from tracker.reminders import services, tokens
from tracker.reminders.models import LeadContact, LinkExtension, ReminderEmail, ReminderLink, ReportingDate

# A meeting to come, whatever day the tests run: links expire a week after it.
MEETING = datetime.date.today() + datetime.timedelta(days=40)
SEND_DAY = MEETING - datetime.timedelta(days=14)


def says(day: datetime.date) -> str:
    """A date as the emails write it: '12 March 2026'."""
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def carol(council):
    return services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk").contact


@pytest.fixture
def sam(council):
    return services.map_lead(council, "SF", "Sam Fry", "sam.fry@example.gov.uk").contact


@pytest.fixture
def cabinet(plan):
    return ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)


def ct_actions(plan):
    return list(Action.objects.filter(plan=plan, leads="CT").order_by("recommendation__position", "position"))


def link_in(message) -> str:
    """The update link's path in an email."""
    match = re.search(r"https?://[^/\s]+(/update/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def sent(plan, carol, sam, cabinet):
    """The reminders sent on the day they are due: one to Carol (CT), one to Sam (SF)."""
    services.send_due_reminders(SEND_DAY)
    return {m.to[0]: m for m in mail.outbox}


def test_a_lead_mapped_once_applies_to_every_plan_and_to_later_imports(council, owner, plan, carol):
    assert carol.open_actions(plan).count() == 8
    later = import_gold(council, owner, "000_434456432017fdb1")
    assert carol.open_actions(later).count() == 8
    # 'ct' is the same lead as 'CT': one mapping, moved when mapped again.
    again = services.map_lead(council, "ct ", "Carol Tan", "CAROL.TAN@example.gov.uk")
    assert LeadContact.objects.filter(council=council).count() == 1 and again.contact == carol


def test_leads_with_no_contact_are_listed(client_for, council, colleague, plan, carol):
    unmapped = {lead.name: lead.open_actions for lead in services.unmapped_leads(council)}
    assert unmapped == {"SF": 5, "DM": 4, "KS": 3, "TT": 1, "ALL": 1, "AT": 1}
    html = client_for(colleague).get(reverse("reminders:contacts", kwargs={"slug": council.slug})).content.decode()
    assert "6 leads have no contact" in html and "carol.tan@example.gov.uk" in html


def test_the_contacts_page_maps_a_lead(client_for, council, colleague, plan):
    client = client_for(colleague)
    address = reverse("reminders:contacts", kwargs={"slug": council.slug})
    bad = client.post(address, {"lead": "sf", "name": "Sam Fry", "email": "not an address"})
    assert bad.status_code == 400 and "Enter an email address in the correct format" in bad.content.decode()
    response = client.post(address, {"lead": "sf", "name": "Sam Fry", "email": "sam.fry@example.gov.uk"})
    assert response.status_code == 302
    mapping = LeadContact.objects.get(council=council, key="sf")
    assert (mapping.name, mapping.contact.name, mapping.contact.email) == ("SF", "Sam Fry", "sam.fry@example.gov.uk")


def test_reminders_are_due_from_days_before_the_meeting_until_it(plan, carol, sam, cabinet):
    assert services.due_reminders(SEND_DAY - datetime.timedelta(days=1)) == []
    due = {r.contact.name: len(r.actions) for r in services.due_reminders(SEND_DAY)}
    assert due == {"Carol Tan": 8, "Sam Fry": 5}
    assert len(services.due_reminders(MEETING)) == 2
    assert services.due_reminders(MEETING + datetime.timedelta(days=1)) == []


def test_the_command_is_idempotent_and_the_dry_run_sends_nothing(plan, carol, sam, cabinet, capsys):
    call_command("send_reminders", "--dry-run", "--today", SEND_DAY.isoformat())
    out = capsys.readouterr().out
    assert "Would send to Carol Tan <carol.tan@example.gov.uk>: 8 open actions" in out
    assert "Would send to Sam Fry <sam.fry@example.gov.uk>: 5 open actions" in out
    assert mail.outbox == [] and not ReminderLink.objects.exists()
    call_command("send_reminders", "--today", SEND_DAY.isoformat())
    call_command("send_reminders", "--today", (SEND_DAY + datetime.timedelta(days=1)).isoformat())
    assert sorted(m.to[0] for m in mail.outbox) == ["carol.tan@example.gov.uk", "sam.fry@example.gov.uk"]
    assert ReminderEmail.objects.filter(kind="reminder").count() == 2
    assert "2 reminders and 0 decisions sent." in capsys.readouterr().out


def test_the_email_lists_each_open_action_with_its_state_rag_date_and_commentary(plan, sent):
    message = sent["carol.tan@example.gov.uk"]
    assert message.subject == f"Update your actions before Cabinet on {says(MEETING)}"
    body = message.body
    for action in ct_actions(plan):
        assert action.text in body
    assert body.count("State: Not started") == 8 and body.count("RAG rating: Green") == 8
    # Every target in the 2022 plan has passed: the email says so, in the unit a committee would use.
    assert re.search(r"Target date: April 2022 \(\d+ years overdue\)", body)
    assert re.search(r"Target date: September 2022 \(\d+ years overdue\)", body)
    assert body.count("Latest commentary: None yet") == 8
    assert f"The link works until {says(MEETING + datetime.timedelta(days=7))}." in body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "Roll out Community Power Strategy." in html
    # SF's actions are Sam's, not Carol's.
    assert "Restructure communications team" not in body
    assert "Restructure communications team" in sent["sam.fry@example.gov.uk"].body


def test_the_page_shows_only_the_contacts_open_actions(client, plan, sent):
    response = client.get(link_in(sent["carol.tan@example.gov.uk"]))
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Hello Carol Tan." in html
    # The same last day as the email gives: the end of the 7th day after the meeting.
    assert f"You can come back to this page until {says(MEETING + datetime.timedelta(days=7))}." in html
    assert html.count('<section class="govuk-!-margin-bottom-8"') == 8
    assert "Roll out Community Power Strategy." in html
    assert "Restructure communications team" not in html and "sam.fry" not in html


def _page_data(client, path):
    """The form as the page renders it (every action's current values), ready to change and post."""
    html = client.get(path).content.decode()
    data = {"csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)}
    for action_id in re.findall(r'id="action-(\d+)"', html):
        action = Action.objects.get(pk=action_id)
        data.update({f"action-{action_id}-state": action.state, f"action-{action_id}-rag": action.rag,
                     f"action-{action_id}-commentary": action.commentary})
    return data


def test_an_update_through_the_link_is_history_made_by_the_contact(plan, sent):
    client = Client(enforce_csrf_checks=True)
    path = link_in(sent["carol.tan@example.gov.uk"])
    first, second, third = ct_actions(plan)[:3]
    data = _page_data(client, path)
    data.update({f"action-{first.pk}-state": "complete", f"action-{first.pk}-rag": "blue",
                 f"action-{second.pk}-state": "in_progress", f"action-{second.pk}-rag": "amber",
                 f"action-{second.pk}-commentary": "Training booked for <b>all</b> project leads",
                 f"action-{third.pk}-new_month": "6", f"action-{third.pk}-new_year": "2026",
                 f"action-{third.pk}-reason": "Waiting for the partnership board"})
    response = client.post(path, data)
    assert response.status_code == 302
    page = client.get(path).content.decode()
    assert "Thank you. 2 actions updated, 1 target date change sent for approval." in page
    # Complete now, so no longer open: 7 left on the page.
    assert page.count('<section class="govuk-!-margin-bottom-8"') == 7
    update = ActionUpdate.objects.filter(action=first).order_by("-id").first()
    assert (update.by_user, update.by_label, update.via) == (None, "Carol Tan by update link", "link")
    assert {c.field: (c.old, c.new) for c in update.changes.all()} == {
        "state": ("not_started", "complete"), "rag": ("green", "blue")}
    second.refresh_from_db()
    assert (second.state, second.commentary) == ("in_progress", "Training booked for <b>all</b> project leads")
    # Escaped on the page: imported and typed text may hold HTML.
    assert "Training booked for &lt;b&gt;all&lt;/b&gt;" in page
    extension = Extension.objects.get(action=third)
    third.refresh_from_db()
    assert (extension.status, extension.new_text, extension.requested_by_label) == (
        "pending", "June 2026", "Carol Tan by update link")
    assert third.due_text == "Dec 2022"  # unchanged until approved
    # The other five actions had nothing changed and got no history entry.
    assert ActionUpdate.objects.filter(action__in=ct_actions(plan)[3:], via="link").count() == 0
    link = ReminderLink.objects.get(contact__name="Carol Tan")
    assert link.responded_at is not None


def test_fields_posted_for_another_leads_action_are_ignored(client, plan, sent):
    path = link_in(sent["carol.tan@example.gov.uk"])
    sams = Action.objects.get(plan=plan, text__startswith="Restructure communications team")
    data = _page_data(client, path)
    data.update({f"action-{sams.pk}-state": "complete", f"action-{sams.pk}-commentary": "Done"})
    assert client.post(path, data).status_code == 302
    sams.refresh_from_db()
    assert (sams.state, sams.commentary) == ("not_started", "")


def test_the_form_needs_its_csrf_token(plan, sent):
    client = Client(enforce_csrf_checks=True)
    path = link_in(sent["carol.tan@example.gov.uk"])
    data = _page_data(client, path)
    del data["csrfmiddlewaretoken"]
    assert client.post(path, data).status_code == 403


def test_a_date_change_needs_a_whole_date_and_a_reason(client, plan, sent):
    path = link_in(sent["carol.tan@example.gov.uk"])
    action = ct_actions(plan)[0]
    data = _page_data(client, path)
    data.update({f"action-{action.pk}-new_month": "6"})
    response = client.post(path, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the year of the new target date" in html and "Say why the target date needs to change" in html
    assert not Extension.objects.exists()


def test_a_tampered_link_is_refused(client, plan, sent):
    path = link_in(sent["carol.tan@example.gov.uk"])
    token = path.split("/")[2]
    value, signature = token.rsplit(":", 1)
    # Another link id with the same signature, and a made-up token.
    forged = json.dumps([ReminderLink.objects.get(contact__name="Sam Fry").pk, "guess"])
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), f"{forged}:{signature}", "nonsense"):
        response = client.get(reverse("reminder_links:update", kwargs={"token": bad}))
        assert response.status_code == 404 and "This link does not work" in response.content.decode()


def test_an_expired_or_revoked_link_is_refused(client, plan, sent):
    path = link_in(sent["carol.tan@example.gov.uk"])
    link = ReminderLink.objects.get(contact__name="Carol Tan")
    # Links last until the end of the 7th day after the meeting.
    assert timezone.localtime(link.expires_at) == timezone.make_aware(datetime.datetime.combine(
        MEETING + datetime.timedelta(days=8), datetime.time()))
    ReminderLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(path)
    assert response.status_code == 410 and "This link has expired" in response.content.decode()
    ReminderLink.objects.filter(pk=link.pk).update(expires_at=link.expires_at, revoked_at=link.created_at)
    response = client.post(path, {})
    assert response.status_code == 410 and "This link has been cancelled" in response.content.decode()


def test_the_log_chases_with_a_new_link_that_replaces_the_old(client, client_for, council, colleague, plan,
                                                               sent):
    old_path = link_in(sent["carol.tan@example.gov.uk"])
    link = ReminderLink.objects.get(contact__name="Carol Tan")
    editor = client_for(colleague)
    log = reverse("reminders:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})
    html = editor.get(log).content.decode()
    assert html.count("No response") == 2 and "Leads who have responded: 0 of 2 leads sent a reminder." in html
    mail.outbox.clear()
    response = editor.post(reverse("reminders:link_chase", kwargs={"slug": council.slug, "plan_id": plan.pk,
                                                                   "link_id": link.pk}))
    assert response.status_code == 302 and len(mail.outbox) == 1
    chase = mail.outbox[0]
    assert chase.subject == f"Reminder: update your actions before Cabinet on {says(MEETING)}"
    assert client.get(old_path).status_code == 410
    new_path = link_in(chase)
    assert client.get(new_path).status_code == 200
    assert client.post(new_path, _page_data(client, new_path)).status_code == 302
    html = editor.get(log).content.decode()
    assert "Leads who have responded: 1 of 2 leads sent a reminder." in html and "Chase, " in html and "by Colin Colleague" in html
    # Cancelled from the log: the link stops working.
    editor.post(reverse("reminders:link_revoke", kwargs={"slug": council.slug, "plan_id": plan.pk,
                                                        "link_id": link.pk}))
    assert client.get(new_path).status_code == 410


def _ask_for_june(client, plan, sent):
    path = link_in(sent["carol.tan@example.gov.uk"])
    action = ct_actions(plan)[0]
    data = _page_data(client, path)
    data.update({f"action-{action.pk}-new_day": "30", f"action-{action.pk}-new_month": "6",
                 f"action-{action.pk}-new_year": "2030", f"action-{action.pk}-reason": "Board moved"})
    client.post(path, data)
    return Extension.objects.get(action=action)


def test_an_editor_approves_a_date_change_and_the_contact_is_told(client, client_for, council, colleague, plan,
                                                                   sent):
    extension = _ask_for_june(client, plan, sent)
    editor = client_for(colleague)
    address = reverse("reminders:extension_decide", kwargs={"slug": council.slug, "plan_id": plan.pk,
                                                            "extension_id": extension.pk})
    mail.outbox.clear()
    editor.post(address, {"decision": "approve"})
    extension.action.refresh_from_db()
    assert (extension.action.due_date, extension.action.original_due_text) == (datetime.date(2030, 6, 30),
                                                                                "April 2022")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["carol.tan@example.gov.uk"]
    assert "has been approved" in mail.outbox[0].body
    assert "moved from April 2022 to 30 June 2030" in mail.outbox[0].body


def test_a_refusal_needs_a_reason_which_is_sent_to_the_contact(client, client_for, council, colleague, plan,
                                                                sent):
    extension = _ask_for_june(client, plan, sent)
    editor = client_for(colleague)
    address = reverse("reminders:extension_decide", kwargs={"slug": council.slug, "plan_id": plan.pk,
                                                            "extension_id": extension.pk})
    mail.outbox.clear()
    editor.post(address, {"decision": "refuse"})
    extension.refresh_from_db()
    assert extension.status == "pending" and mail.outbox == []
    editor.post(address, {"decision": "refuse", "note": "Cabinet wants it by April"})
    extension.refresh_from_db()
    assert extension.status == "refused" and len(mail.outbox) == 1
    assert "Why it was refused: Cabinet wants it by April" in mail.outbox[0].body


def test_a_decision_made_on_the_action_page_is_told_by_the_next_run(client, colleague, plan, sent):
    extension = _ask_for_june(client, plan, sent)
    plan_services.decide_extension(extension, colleague, approve=True)
    mail.outbox.clear()
    call_command("send_reminders", "--today", SEND_DAY.isoformat())
    call_command("send_reminders", "--today", SEND_DAY.isoformat())
    assert len(mail.outbox) == 1 and "has been approved" in mail.outbox[0].body
    assert LinkExtension.objects.get(extension=extension).notified_at is not None


def test_a_token_is_bound_to_its_link_and_secret(plan, carol, cabinet):
    link, token = tokens.issue(carol, cabinet)
    assert tokens.open_link(token) == link
    assert link.secret_hash not in token  # only the hash is stored, and the token carries the secret
    _, newer = tokens.issue(carol, cabinet)
    with pytest.raises(tokens.LinkError) as error:
        tokens.open_link(token)
    assert error.value.problem == "replaced" and tokens.open_link(newer) == link


def test_the_reminder_pages_are_for_editors(client_for, council, viewer, plan):
    client = client_for(viewer)
    assert client.get(reverse("reminders:contacts", kwargs={"slug": council.slug})).status_code == 403
    assert client.get(reverse("reminders:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})).status_code == 403
    plan_page = client.get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}))
    assert "Reminders and update links" not in plan_page.content.decode()


def test_an_editor_adds_a_reporting_date(client_for, council, colleague, plan):
    client = client_for(colleague)
    address = reverse("reminders:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})
    response = client.post(address, {"day": "12", "month": "3", "year": "2026", "meeting": "Cabinet",
                                     "days_before": "10"})
    assert response.status_code == 302
    rd = ReportingDate.objects.get(plan=plan)
    assert (rd.date, rd.meeting, rd.send_on) == (datetime.date(2026, 3, 12), "Cabinet", datetime.date(2026, 3, 2))
    assert client.post(address, {"day": "31", "month": "2", "year": "2026", "meeting": "Scrutiny",
                                 "days_before": "10"}).status_code == 400


def test_html_in_an_action_is_escaped_in_the_email(plan, carol, cabinet):
    # Imported text can hold HTML left by conversion; the email must show it as text.
    action = ct_actions(plan)[0]
    plan_services.update_action(action, None, {"commentary": '<a href="https://evil.example">Click</a>'})
    services.send_due_reminders(SEND_DAY)
    (message,) = mail.outbox
    html, _ = message.alternatives[0]
    assert "&lt;a href=&quot;https://evil.example&quot;&gt;Click&lt;/a&gt;" in html
    assert '<a href="https://evil.example">' not in html
    assert 'Latest commentary: <a href="https://evil.example">Click</a>' in message.body  # plain text as typed
