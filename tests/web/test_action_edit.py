"""Correcting an action's details after import, through the page: each change is one history entry with the
reason; moving an action puts it at the end of the other recommendation of the same plan.

Seed 000 (Lichfield, 2022): recommendation 1 has 3 actions, recommendation 2 has 2; the first action of
recommendation 1 is led by CT."""

from __future__ import annotations

from django.urls import reverse

from tests.web.test_pages import text_of
from tracker.plans.models import Action, ActionLead


def edit_url(council, action) -> str:
    return reverse("plans:action_edit", kwargs={"slug": council.slug, "action_id": action.pk})


def first_action(plan) -> Action:
    return plan.actions.order_by("recommendation__position", "position").first()


def form_data(action, **changes) -> dict:
    data = {"text": action.text, "leads": action.leads, "recommendation": action.recommendation_id,
            "priority": action.priority, "timescale": action.timescale, "measure": action.measure,
            "comment": "Corrected against the Cabinet report"}
    data.update(changes)
    return data


def test_an_editor_corrects_the_leads_and_wording_with_history(client_for, colleague, council, plan):
    action = first_action(plan)
    assert action.lead_names == ["CT"]
    client = client_for(colleague)
    assert "Correct the wording, leads" in text_of(client.get(
        reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})))
    response = client.post(edit_url(council, action), form_data(
        action, leads="CT\r\nHead of Finance\r\n", text=action.text + " by March"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.lead_names == ["CT", "Head of Finance"]
    assert action.text.endswith(" by March")
    # The by-lead view finds the new lead at once.
    assert set(ActionLead.objects.filter(action=action).values_list("key", flat=True)) == {"ct", "head of finance"}
    update = action.updates.with_changes().first()
    assert update.by_user == colleague and update.comment == "Corrected against the Cabinet report"
    assert sorted(c.field for c in update.changes.all()) == ["leads", "text"]
    page = text_of(client.get(reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})))
    assert "Lead changed from CT to CT; Head of Finance" in page


def test_moving_an_action_puts_it_last_under_the_other_recommendation(client_for, colleague, council, plan):
    rec1, rec2 = plan.recommendations.order_by("position")[:2]
    assert (rec1.actions.count(), rec2.actions.count()) == (3, 2)
    action = first_action(plan)
    client_for(colleague).post(edit_url(council, action), form_data(action, recommendation=rec2.pk))
    action.refresh_from_db()
    assert action.recommendation_id == rec2.pk
    assert list(rec2.actions.order_by("position", "id"))[-1] == action
    assert rec1.actions.count() == 2
    change = action.updates.with_changes().first().changes.get()
    assert (change.field, change.old, change.new) == ("recommendation", "1", "2")


def test_a_reason_is_required_and_nothing_is_saved_without_it(client_for, colleague, council, plan):
    action = first_action(plan)
    before = action.updates.count()
    response = client_for(colleague).post(edit_url(council, action), form_data(action, text="New", comment=""))
    assert response.status_code == 400
    assert "Say why the action's details are changing" in text_of(response)
    action.refresh_from_db()
    assert action.text != "New" and action.updates.count() == before


def test_a_recommendation_of_another_plan_is_refused(client_for, colleague, council, plan, other_plan):
    action = first_action(plan)
    foreign = other_plan.recommendations.first()
    response = client_for(colleague).post(edit_url(council, action), form_data(action, recommendation=foreign.pk))
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.recommendation.plan_id == plan.pk


def test_a_viewer_and_another_council_cannot_edit(client_for, viewer, outsider, council, plan):
    action = first_action(plan)
    assert client_for(viewer).post(edit_url(council, action), form_data(action, text="x")).status_code == 403
    assert client_for(outsider).post(edit_url(council, action), form_data(action, text="x")).status_code == 404
    action.refresh_from_db()
    assert action.text != "x"
