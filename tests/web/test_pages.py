"""The plan pages through Django's test client, on plans imported from the seeds' gold readings.

Expected figures come from the documents: seed 000 (Lichfield, 2022) has 9 recommendations and 23 actions,
all rated green, none marked complete, with target dates from November 2021 to January 2023 (so all overdue
now); CT leads 8 of them and KS 3. Seed 004 (Oadby and Wigston, June 2023) has 7 recommendations under
themes and 60 actions, 41 marked complete, 11 amber.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import import_gold
from tracker.plans import services
from tracker.plans.models import ActionChange, ActionUpdate, Extension


def text_of(response) -> str:
    """The page's main content as words, tags stripped (what a person reads)."""
    html = response.content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#x27;", "'").replace("&amp;", "&")


def action_ids(response) -> set[int]:
    return {int(n) for n in re.findall(r'href="/c/[^/]+/actions/(\d+)/"', response.content.decode())}


@pytest.fixture
def oadby(council, owner):
    return import_gold(council, owner, "004_a45fdb9e1ebc7908")


def test_dashboard_lists_each_plan_with_its_progress(client_for, owner, council, plan, oadby):
    response = client_for(owner).get(reverse("plans:dashboard", kwargs={"slug": council.slug}))
    assert response.status_code == 200
    text = text_of(response)
    assert "LGA Corporate Peer Challenge Action Plan - 2022" in text
    assert "0 of 23 actions complete, 23 overdue" in text
    assert "Corporate Peer Review Action Plan – Updated June 2023" in text
    assert "41 of 60 actions complete, 11 amber" in text
    assert "23 actions past their target date" in text


def test_dashboard_charts_have_tables_with_the_figures(client_for, owner, council, oadby):
    text = text_of(client_for(owner).get(reverse("plans:dashboard", kwargs={"slug": council.slug})))
    assert "RAG rating by theme as a table" in text
    assert "Delivery state by theme as a table" in text
    # Every action of seed 004 sits under one of its six themes: the state table's totals add up to 60.
    html = client_for(owner).get(reverse("plans:dashboard", kwargs={"slug": council.slug})).content.decode()
    state_table = html[html.index("Delivery state by theme as a table"):]
    state_table = state_table[:state_table.index("</table>")]
    totals = [int(n) for n in re.findall(r'numeric">(\d+)</td>\s*</tr>', state_table)]
    assert len(totals) == 6
    assert sum(totals) == 60


def test_completion_over_time_counts_back_from_history(client_for, owner, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    services.update_action(action, colleague, {"state": "complete"}, "Signed off by CLT")
    response = client_for(owner).get(reverse("plans:dashboard", kwargs={"slug": council.slug}))
    html = response.content.decode()
    table = html[html.index("Actions complete each month as a table"):]
    counts = [int(n) for n in re.findall(r'numeric">(\d+)</td>', table[:table.index("</table>")])]
    assert len(counts) == 12
    # Nothing was complete before this month; the one completion shows in the current month.
    assert counts[:-1] == [0] * 11
    assert counts[-1] == 1


def test_plan_page_shows_every_recommendation_and_action(client_for, viewer, council, plan):
    response = client_for(viewer).get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}))
    assert response.status_code == 200
    text = text_of(response)
    assert [f"Recommendation {n}" in text for n in range(1, 10)] == [True] * 9
    assert len(action_ids(response)) == 23
    assert "Review the delivery plan targets and refine by setting meaningful goals" in text
    assert "April 2022" in text


@pytest.mark.parametrize(("query", "expected"), [
    ({"lead": "CT"}, 8),
    ({"lead": "KS"}, 3),
    ({"q": "delivery plan"}, None),  # checked against the database below
    ({"state": "not_started"}, 23),
    ({"state": "complete"}, 0),
    ({"rag": "green"}, 23),
    ({"rag": "red"}, 0),
    ({"overdue": "on"}, 23),
])
def test_plan_filters(client_for, viewer, council, plan, query, expected):
    response = client_for(viewer).get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}),
                                      query)
    found = action_ids(response)
    if expected is None:
        from django.db.models import Q

        words = query["q"]
        expected_ids = set(plan.actions.filter(Q(text__icontains=words) | Q(commentary__icontains=words)
                                               | Q(recommendation__text__icontains=words))
                           .values_list("id", flat=True))
        assert expected_ids and found == expected_ids
    else:
        assert len(found) == expected
        if expected:
            assert f"Showing {expected} of 23 actions" in text_of(response)


def test_plan_filters_by_theme_and_rag(client_for, viewer, council, oadby):
    url = reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": oadby.pk})
    client = client_for(viewer)
    amber = action_ids(client.get(url, {"rag": "amber"}))
    assert amber == set(oadby.actions.filter(rag="amber").values_list("id", flat=True))
    assert len(amber) == 11
    theme = "Governance & Culture"
    ids = action_ids(client.get(url, {"theme": theme}))
    assert ids and ids == set(oadby.actions.filter(recommendation__theme=theme).values_list("id", flat=True))


def test_a_search_matching_nothing_says_so(client_for, viewer, council, plan):
    response = client_for(viewer).get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}),
                                      {"q": "zebra crossing"})
    assert action_ids(response) == set()
    assert "No actions match these filters." in text_of(response)


def test_imported_html_is_shown_as_text_never_run(client_for, owner, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    services.update_action(action, colleague, {"text": "<script>alert(1)</script> Review targets",
                                               "commentary": "<b>bold</b> & <img src=x onerror=alert(2)>"},
                           "Corrected from the committee paper")
    client = client_for(owner)
    for url in (reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk}),
                reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}),
                reverse("plans:dashboard", kwargs={"slug": council.slug})):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_action_page_shows_dates_history_and_forms_for_editors(client_for, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    response = client_for(colleague).get(reverse("plans:action", kwargs={"slug": council.slug,
                                                                          "action_id": action.pk}))
    text = text_of(response)
    assert "Original target date April 2022" in text
    assert "Current target date April 2022 Unchanged" in text
    assert "Imported from 000_434456432017fdb1.json" in text
    assert "Update this action" in text
    assert "Extend the target date" in text


def test_a_viewer_reads_but_gets_no_forms_and_cannot_post(client_for, viewer, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    url = reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})
    client = client_for(viewer)
    text = text_of(client.get(url))
    assert "Update this action" not in text
    assert "Extend the target date" not in text
    response = client.post(url, {"state": "complete", "rag": "blue", "comment": "Done"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.state == "not_started"


def test_an_update_with_a_reason_is_saved_with_its_history(client_for, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    url = reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})
    response = client_for(colleague).post(url, {"state": "in_progress", "rag": "amber",
                                                "commentary": "Targets drafted", "comment": "Slipped a month"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.state, action.rag, action.commentary) == ("in_progress", "amber", "Targets drafted")
    update = ActionUpdate.objects.filter(action=action).order_by("-id").first()
    assert update.by_user == colleague
    assert update.comment == "Slipped a month"
    assert set(ActionChange.objects.filter(update=update).values_list("field", "old", "new")) == {
        ("state", "not_started", "in_progress"), ("rag", "green", "amber"), ("commentary", "", "Targets drafted")}
    text = text_of(client_for(colleague).get(url))
    assert "State changed from Not started to In progress" in text
    assert "RAG rating changed from Green to Amber" in text
    assert "Why: Slipped a month" in text
    assert "Colin Colleague" in text


def test_a_status_change_needs_a_reason(client_for, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    url = reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})
    response = client_for(colleague).post(url, {"state": "complete", "rag": "green", "commentary": ""})
    assert response.status_code == 400
    assert "Say why the state or RAG rating is changing" in text_of(response)
    action.refresh_from_db()
    assert action.state == "not_started"
    assert ActionUpdate.objects.filter(action=action).count() == 1  # only the import


def test_an_agreed_extension_moves_the_date_and_keeps_the_original(client_for, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    url = reverse("plans:extension_create", kwargs={"slug": council.slug, "action_id": action.pk})
    response = client_for(colleague).post(url, {"day": "", "month": "9", "year": "2026",
                                                "reason": "Waiting for the new structure",
                                                "agreed_by": "Cabinet, 12 March"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.due_date == datetime.date(2026, 9, 30)
    assert action.due_text == "September 2026"
    assert (action.original_due_date, action.original_due_text) == (datetime.date(2022, 4, 30), "April 2022")
    extension = Extension.objects.get(action=action)
    assert (extension.status, extension.decided_by_label) == ("approved", "Cabinet, 12 March")
    text = text_of(client_for(colleague).get(reverse("plans:action", kwargs={"slug": council.slug,
                                                                              "action_id": action.pk})))
    assert "Original target date April 2022" in text
    assert "Current target date September 2026 Extended" in text
    assert "Waiting for the new structure" in text


def test_a_requested_extension_waits_for_approval(client_for, colleague, owner, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    client = client_for(colleague)
    client.post(reverse("plans:extension_create", kwargs={"slug": council.slug, "action_id": action.pk}),
                {"day": "31", "month": "3", "year": "2026", "reason": "Budget not agreed"})
    action.refresh_from_db()
    assert action.due_date == datetime.date(2022, 4, 30)
    extension = Extension.objects.get(action=action)
    assert extension.status == "pending"
    client_for(owner).post(reverse("plans:extension_decide", kwargs={
        "slug": council.slug, "action_id": action.pk, "extension_id": extension.pk}), {"decision": "approve"})
    action.refresh_from_db()
    assert action.due_date == datetime.date(2026, 3, 31)
    assert Extension.objects.get(pk=extension.pk).status == "approved"


def test_an_extension_needs_a_real_date_and_a_reason(client_for, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    response = client_for(colleague).post(
        reverse("plans:extension_create", kwargs={"slug": council.slug, "action_id": action.pk}),
        {"day": "31", "month": "2", "year": "2026", "reason": ""})
    assert response.status_code == 400
    text = text_of(response)
    assert "February 2026 has 28 days" in text
    assert "Say why the target date is moving" in text
    assert not Extension.objects.filter(action=action).exists()


def test_leads_lists_each_lead_and_their_actions(client_for, viewer, council, plan):
    client = client_for(viewer)
    text = text_of(client.get(reverse("plans:leads", kwargs={"slug": council.slug})))
    assert "CT 8 8" in text  # 8 actions, all overdue
    response = client.get(reverse("plans:leads", kwargs={"slug": council.slug}), {"name": "ct"})
    assert len(action_ids(response)) == 8
    assert "8 actions across the council's plans, 8 still open." in text_of(response)


@pytest.mark.parametrize("name", ["action", "extension_create", "logout"])
def test_csrf_is_enforced_on_every_form(colleague, council, plan, name):
    action = plan.actions.order_by("recommendation__position", "position").first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)
    url = reverse("logout") if name == "logout" else reverse(f"plans:{name}", kwargs={
        "slug": council.slug, "action_id": action.pk})
    response = client.post(url, {"state": "complete", "rag": "blue", "comment": "x", "month": "1",
                                 "year": "2027", "reason": "x"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.state == "not_started" and action.due_date == datetime.date(2022, 4, 30)


def test_csrf_is_enforced_on_extension_decisions(colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    extension = services.request_extension(action, datetime.date(2026, 1, 31), "January 2026", "Delay",
                                           requested_by=colleague)
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)
    response = client.post(reverse("plans:extension_decide", kwargs={
        "slug": council.slug, "action_id": action.pk, "extension_id": extension.pk}), {"decision": "approve"})
    assert response.status_code == 403
    assert Extension.objects.get(pk=extension.pk).status == "pending"


def test_pages_are_not_found_for_another_council(client_for, outsider, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    client = client_for(outsider)
    for url in (reverse("plans:dashboard", kwargs={"slug": council.slug}),
                reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}),
                reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk}),
                reverse("plans:leads", kwargs={"slug": council.slug})):
        assert client.get(url).status_code == 404


def test_base_template_is_the_council_not_govuk(client_for, viewer, council, plan):
    html = client_for(viewer).get(reverse("plans:dashboard", kwargs={"slug": council.slug})).content.decode()
    assert '<html lang="en-GB"' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "Lichfield District Council" in html
    assert "govuk-logo" not in html and "GOV.UK</" not in html
    # Signing out is a POST form with a CSRF token, never a link.
    assert re.search(r'<form method="post" action="/accounts/logout/"[^>]*>\s*'
                     r'<input type="hidden" name="csrfmiddlewaretoken"', html)
    assert 'href="/accounts/logout/"' not in html
    assert "Accessibility statement" in html


def test_messages_show_as_notification_banners(client_for, colleague, council, plan):
    action = plan.actions.order_by("recommendation__position", "position").first()
    url = reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})
    response = client_for(colleague).post(url, {"state": "not_started", "rag": "green",
                                                "commentary": "Started scoping", "comment": ""}, follow=True)
    html = response.content.decode()
    assert 'class="govuk-notification-banner govuk-notification-banner--success" role="alert"' in html
    assert "Action updated." in html


def test_accessibility_statement_is_public_and_linked_from_every_page(client, client_for, viewer, council):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "Accessibility statement for Action plans" in text_of(response)
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in text_of(response)
    html = client_for(viewer).get(reverse("plans:dashboard", kwargs={"slug": council.slug})).content.decode()
    assert f'href="{reverse("accessibility")}"' in html
