"""Removing a reporting date asks first, saying what goes with it, on Lichfield's 2022 plan (seed 000).

The document names its leads by initials: CT leads 8 open actions and SF 5 (tests/fixtures/gold/000). With
both mapped to a contact and reminders sent for Cabinet, the date has 2 links and 2 emails in its log."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.test_pages import text_of
from tracker.reminders import services
from tracker.reminders.models import ReminderEmail, ReminderLink, ReportingDate

# A meeting to come, whatever day the tests run, so its reminders are due on SEND_DAY.
MEETING = datetime.date.today() + datetime.timedelta(days=40)
SEND_DAY = MEETING - datetime.timedelta(days=14)


def says(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def cabinet(council, plan) -> ReportingDate:
    """Cabinet with its reminders sent to Carol (CT) and Sam (SF)."""
    services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")
    services.map_lead(council, "SF", "Sam Fry", "sam.fry@example.gov.uk")
    rd = ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)
    services.send_due_reminders(SEND_DAY)
    return rd


@pytest.fixture
def scrutiny(plan) -> ReportingDate:
    """A second date with nothing sent yet, which removing Cabinet must leave alone."""
    return ReportingDate.objects.create(plan=plan, date=MEETING + datetime.timedelta(days=7), meeting="Scrutiny")


def remove_url(council, plan, rd) -> str:
    return reverse("reminders:reporting_date_remove",
                   kwargs={"slug": council.slug, "plan_id": plan.pk, "reporting_date_id": rd.pk})


def test_the_log_links_to_a_confirmation_that_says_what_will_be_deleted(client_for, council, colleague, plan,
                                                                         cabinet, scrutiny):
    client = client_for(colleague)
    log = client.get(reverse("reminders:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}))
    assert f'href="{remove_url(council, plan, cabinet)}"' in log.content.decode()

    page = text_of(client.get(remove_url(council, plan, cabinet)))
    assert f"Are you sure you want to remove Cabinet on {says(MEETING)}?" in page
    assert "2 emails in its reminder log" in page
    assert "2 update links, which will stop working" in page
    # Asking deletes nothing.
    assert ReminderLink.objects.filter(reporting_date=cabinet).count() == 2
    assert ReminderEmail.objects.filter(link__reporting_date=cabinet).count() == 2

    page = text_of(client.get(remove_url(council, plan, scrutiny)))
    assert "0 emails in its reminder log" in page and "0 update links" in page


def test_confirming_deletes_the_date_its_links_and_log_and_nothing_else(client_for, council, colleague, plan,
                                                                        cabinet, scrutiny):
    response = client_for(colleague).post(remove_url(council, plan, cabinet))
    assert response.status_code == 302
    assert response.url == reverse("reminders:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})
    assert list(ReportingDate.objects.filter(plan=plan)) == [scrutiny]
    assert ReminderLink.objects.count() == 0 and ReminderEmail.objects.count() == 0


def test_the_form_needs_its_csrf_token(colleague, council, plan, cabinet):
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)
    assert client.post(remove_url(council, plan, cabinet)).status_code == 403
    assert ReportingDate.objects.filter(pk=cabinet.pk).exists()

    page = client.get(remove_url(council, plan, cabinet)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(remove_url(council, plan, cabinet), {"csrfmiddlewaretoken": token}).status_code == 302
    assert not ReportingDate.objects.filter(pk=cabinet.pk).exists()


def test_a_viewer_may_not_remove_a_date(client_for, viewer, council, plan, cabinet):
    client = client_for(viewer)
    assert client.get(remove_url(council, plan, cabinet)).status_code == 403
    assert client.post(remove_url(council, plan, cabinet)).status_code == 403
    assert ReminderLink.objects.filter(reporting_date=cabinet).count() == 2


def test_another_councils_user_and_plan_get_404(client_for, outsider, colleague, council, other_council, plan,
                                                other_plan, cabinet):
    client = client_for(outsider)
    for slug in (council.slug, other_council.slug):
        address = reverse("reminders:reporting_date_remove",
                          kwargs={"slug": slug, "plan_id": plan.pk, "reporting_date_id": cabinet.pk})
        assert client.get(address).status_code == 404
        assert client.post(address).status_code == 404
    # Another council's date, through this council's plan: not found either.
    foreign = ReportingDate.objects.create(plan=other_plan, date=MEETING, meeting="Council")
    assert client_for(colleague).post(remove_url(council, plan, foreign)).status_code == 404
    assert ReportingDate.objects.filter(pk__in=[cabinet.pk, foreign.pk]).count() == 2
