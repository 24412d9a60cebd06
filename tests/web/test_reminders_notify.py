"""GOV.UK Notify as the email backend, without the network: only ``requests`` is replaced, at the edge, so
the Notify client builds and signs its real requests."""

from __future__ import annotations

import datetime
import json
import uuid
from unittest import mock

import jwt
import pytest
import requests
from notifications_python_client.errors import APIError

from tracker.reminders import services
from tracker.reminders.models import ReminderEmail, ReminderLink, ReportingDate

SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
TEMPLATE_ID = str(uuid.UUID(int=3))
MEETING = datetime.date.today() + datetime.timedelta(days=40)


@pytest.fixture
def notify(settings):
    settings.EMAIL_BACKEND = "tracker.reminders.notify.NotifyEmailBackend"
    # Notify's key format: name, service id, secret.
    settings.NOTIFY_API_KEY = f"tracker_test-{SERVICE_ID}-{SECRET}"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = "https://notify.invalid"


@pytest.fixture
def due(council, plan):
    services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")
    ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)
    return MEETING - datetime.timedelta(days=14)


def _response(status: int, body: dict) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    response.url = "https://notify.invalid/v2/notifications/email"
    return response


def test_a_reminder_goes_to_notify_as_a_signed_request(notify, due):
    with mock.patch.object(requests.Session, "request", autospec=True,
                           return_value=_response(201, {"id": str(uuid.UUID(int=9))})) as request:
        sent = services.send_due_reminders(due)
    assert len(sent) == 1 and request.call_count == 1
    _, method, url = request.call_args.args
    kwargs = request.call_args.kwargs
    assert (method, url) == ("POST", "https://notify.invalid/v2/notifications/email")
    payload = json.loads(kwargs["data"])
    assert payload["email_address"] == "carol.tan@example.gov.uk" and payload["template_id"] == TEMPLATE_ID
    assert payload["personalisation"]["subject"].startswith("Update your actions before Cabinet on ")
    assert "Roll out Community Power Strategy." in payload["personalisation"]["body"]
    assert "/update/" in payload["personalisation"]["body"]
    token = kwargs["headers"]["Authorization"].removeprefix("Bearer ")
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["iss"] == SERVICE_ID


def test_a_refused_request_is_not_logged_as_sent_and_is_tried_again(notify, due):
    error = _response(400, {"errors": [{"error": "BadRequestError", "message": "Missing personalisation"}]})
    with mock.patch.object(requests.Session, "request", autospec=True, return_value=error), \
            pytest.raises(APIError):
        services.send_due_reminders(due)
    assert not ReminderEmail.objects.exists()
    assert ReminderLink.objects.get().sent_at is None
    with mock.patch.object(requests.Session, "request", autospec=True, return_value=_response(201, {})):
        assert len(services.send_due_reminders(due)) == 1


def test_the_backend_says_what_is_missing(settings, due):
    settings.EMAIL_BACKEND = "tracker.reminders.notify.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = ""
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        services.send_due_reminders(due)


def test_the_command_sends_the_others_and_fails_when_one_is_refused(notify, council, due, capsys):
    from django.core.management import CommandError, call_command

    services.map_lead(council, "SF", "Sam Fry", "sam.fry@example.gov.uk")

    def answer(session, method, url, **kwargs):
        refused = json.loads(kwargs["data"])["email_address"] == "carol.tan@example.gov.uk"
        return _response(400, {"errors": []}) if refused else _response(201, {})

    with mock.patch.object(requests.Session, "request", autospec=True, side_effect=answer), \
            pytest.raises(CommandError, match="1 email could not be sent"):
        call_command("send_reminders", "--today", due.isoformat())
    assert list(ReminderEmail.objects.values_list("to_email", flat=True)) == ["sam.fry@example.gov.uk"]
    assert "Not sent to carol.tan@example.gov.uk" in capsys.readouterr().err
