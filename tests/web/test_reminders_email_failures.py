"""When the mail server is down: Django's real SMTP backend pointed at a local port nothing listens on, so every
send fails as it would in production (connection refused), without the network.

Seed 000 (Lichfield 2022): CT leads 8 actions, the first targeted for April 2022."""

from __future__ import annotations

import datetime
import re
import socket

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from tracker.plans.models import Action
from tracker.reminders import services, tokens
from tracker.reminders.models import LinkExtension, ReminderEmail, ReminderLink, ReportingDate

MEETING = datetime.date.today() + datetime.timedelta(days=40)
SEND_DAY = MEETING - datetime.timedelta(days=14)


@pytest.fixture
def sent(council, plan):
    """Carol (CT) has had her reminder, through the test outbox."""
    services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")
    ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)
    services.send_due_reminders(SEND_DAY)
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/update/\S+/)", message.body).group(1)


@pytest.fixture
def mail_server_down(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # The socket is closed: connecting to the port is refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5


def test_a_chase_that_cannot_be_sent_says_so_and_keeps_the_old_link(client, client_for, council, colleague, plan,
                                                                     sent, mail_server_down):
    link = ReminderLink.objects.get()
    response = client_for(colleague).post(
        reverse("reminders:link_chase", kwargs={"slug": council.slug, "plan_id": plan.pk, "link_id": link.pk}),
        follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The email to Carol Tan could not be sent. Their link has not changed." in html
    assert ReminderEmail.objects.filter(kind="chase").count() == 0
    assert client.get(sent).status_code == 200


def test_a_decision_that_cannot_be_emailed_stands_and_the_next_run_sends_it(client_for, council, colleague, plan,
                                                                              sent, settings, mail_server_down,
                                                                              capsys):
    action = Action.objects.filter(plan=plan, leads="CT").order_by("recommendation__position", "position")[0]
    link = tokens.open_link(sent.split("/")[2])
    services.save_link_update(link, [services.LinkChange(action=action, changes={},
                                                         new_date=datetime.date(2030, 6, 30),
                                                         new_text="", reason="Board moved")])
    request = LinkExtension.objects.get()
    response = client_for(colleague).post(
        reverse("reminders:extension_decide", kwargs={"slug": council.slug, "plan_id": plan.pk,
                                                      "extension_id": request.extension_id}),
        {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    assert "The email to the lead could not be sent now" in response.content.decode()
    action.refresh_from_db()
    request.refresh_from_db()
    assert action.due_date == datetime.date(2030, 6, 30) and request.notified_at is None
    # Still down at the next run: it says so, and leaves the decision to tell.
    with pytest.raises(CommandError, match="1 email could not be sent"):
        call_command("send_reminders", "--today", SEND_DAY.isoformat())
    request.refresh_from_db()
    assert request.notified_at is None and "Decision not sent to carol.tan@example.gov.uk" in capsys.readouterr().err
    # The mail server is back: the daily run tells Carol.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("send_reminders", "--today", SEND_DAY.isoformat())
    assert [m.to for m in mail.outbox] == [["carol.tan@example.gov.uk"]]
    assert "has been approved" in mail.outbox[0].body


def test_the_command_reports_reminders_it_could_not_send_and_sends_them_next_time(council, plan, capsys,
                                                                                  settings, mail_server_down):
    services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")
    services.map_lead(council, "SF", "Sam Fry", "sam.fry@example.gov.uk")
    ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)
    with pytest.raises(CommandError, match="2 emails could not be sent; the next run tries again"):
        call_command("send_reminders", "--today", SEND_DAY.isoformat())
    err = capsys.readouterr().err
    assert "Not sent to carol.tan@example.gov.uk" in err and "Not sent to sam.fry@example.gov.uk" in err
    assert not ReminderEmail.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders", "--today", SEND_DAY.isoformat())
    assert sorted(m.to[0] for m in mail.outbox) == ["carol.tan@example.gov.uk", "sam.fry@example.gov.uk"]
