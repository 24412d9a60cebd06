"""After saving, editors add recommendations and actions to a plan and remove them, with who, when and why
(issue 10); the added rows are in the reports, the spreadsheet export, the public page and the API, and the
removed ones are in none of them. Seed 000 (Lichfield: 9 recommendations, 23 actions) is the plan."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tracker.plans import services
from tracker.plans.models import Action, ActionLead, ActionUpdate, PlanChange, Recommendation
from tracker.public.services import set_published
from tracker.reports.snapshot import build_snapshot


def first_rec(plan) -> Recommendation:
    return plan.recommendations.order_by("position")[0]


def add_action_url(council, rec) -> str:
    return reverse("plans:action_add", kwargs={"slug": council.slug, "recommendation_id": rec.pk})


def test_an_editor_adds_an_action_with_a_reason(client_for, council, colleague, plan):
    rec = first_rec(plan)
    response = client_for(colleague).post(add_action_url(council, rec), {
        "text": "Publish the delivery plan measures quarterly", "leads": "CT\r\nHead of Policy",
        "month": "3", "year": "2027", "priority": "High", "reason": "Asked for by Overview and Scrutiny, 4 May"})
    action = Action.objects.get(text="Publish the delivery plan measures quarterly")
    assert response.status_code == 302
    assert response.url == reverse("plans:action", kwargs={"slug": council.slug, "action_id": action.pk})
    assert action.recommendation == rec and action.plan == plan
    assert action.position == max(a.position for a in rec.actions.all())  # at the end
    assert (action.original_due_text, action.original_due_date) == ("March 2027", datetime.date(2027, 3, 31))
    assert (action.due_text, action.due_date, action.state) == ("March 2027", datetime.date(2027, 3, 31),
                                                                "not_started")
    assert list(ActionLead.objects.filter(action=action).values_list("name", flat=True)) == ["CT", "Head of Policy"]
    update = ActionUpdate.objects.get(action=action)
    assert update.by_user == colleague and update.comment == (
        "Added to the plan by Colin Colleague: Asked for by Overview and Scrutiny, 4 May")
    change = PlanChange.objects.get(plan=plan)
    assert (change.kind, change.ref, change.by_user, change.reason, change.action) == (
        "action_added", "Recommendation 1, action 4", colleague, "Asked for by Overview and Scrutiny, 4 May",
        action)
    page = client_for(colleague).get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}))
    html = page.content.decode()
    assert "Publish the delivery plan measures quarterly" in html
    assert "Action added: Recommendation 1, action 4</strong>, by Colin Colleague" in html


@pytest.mark.parametrize(("data", "message"), [
    ({"text": "Do it", "reason": ""}, "Say why the action is being added"),
    ({"text": "", "reason": "Scrutiny"}, "Enter the action&#x27;s wording"),
    ({"text": "Do it", "reason": "Scrutiny", "year": "2027"}, "Enter the month and year of the target date"),
])
def test_adding_an_action_needs_its_wording_and_a_reason(client_for, council, colleague, plan, data, message):
    response = client_for(colleague).post(add_action_url(council, first_rec(plan)), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert plan.actions.count() == 23 and not PlanChange.objects.exists()


def test_an_editor_adds_a_recommendation_where_it_belongs(client_for, council, colleague, plan):
    recs = list(plan.recommendations.order_by("position"))
    url = reverse("plans:recommendation_add", kwargs={"slug": council.slug, "plan_id": plan.pk})
    assert client_for(colleague).get(url).status_code == 200
    response = client_for(colleague).post(url, {
        "number": "3a", "text": "Review the council's approach to climate change", "theme": "",
        "owners": "Chief Executive", "after": str(recs[2].pk), "reason": "Added at the progress review"})
    assert response.status_code == 302
    order = [r.number for r in plan.recommendations.order_by("position", "id")]
    assert order == ["1", "2", "3", "3a", "4", "5", "6", "7", "8", "9"]
    added = plan.recommendations.get(number="3a")
    assert added.owners == ["Chief Executive"] and added.actions.count() == 0
    change = PlanChange.objects.get()
    assert (change.kind, change.ref, change.recommendation) == ("recommendation_added", "Recommendation 3a", added)
    # Its first action is added like any other.
    client_for(colleague).post(add_action_url(council, added), {"text": "Commission a climate audit",
                                                                "reason": "Added at the progress review"})
    assert [a.text for a in added.actions.all()] == ["Commission a climate audit"]


def test_removing_an_action_keeps_a_record_of_it_and_its_history(client_for, council, colleague, plan):
    action = first_rec(plan).actions.order_by("position")[0]
    services.update_action(action, colleague, {"state": "in_progress"}, "Work started")
    url = reverse("plans:action_remove", kwargs={"slug": council.slug, "action_id": action.pk})
    confirm = client_for(colleague).get(url)
    assert confirm.status_code == 200
    assert "Remove recommendation 1, action 1 from the plan?" in confirm.content.decode()
    refused = client_for(colleague).post(url, {"reason": " "})
    assert refused.status_code == 400 and Action.objects.filter(pk=action.pk).exists()

    response = client_for(colleague).post(url, {"reason": "Duplicates action 1.2"})
    assert response.status_code == 302 and response.url.endswith("#plan-changes")
    assert not Action.objects.filter(pk=action.pk).exists() and plan.actions.count() == 22
    change = PlanChange.objects.get()
    assert (change.kind, change.ref, change.by_user, change.reason) == (
        "action_removed", "Recommendation 1, action 1", colleague, "Duplicates action 1.2")
    assert change.removed["text"] == action.text and change.removed["state"] == "in_progress"
    assert [u["comment"] for u in change.removed["history"]] == ["Work started",
                                                                 "Imported from 000_434456432017fdb1.json"]
    html = client_for(colleague).get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})
                                     ).content.decode()
    assert "Action removed: Recommendation 1, action 1</strong>, by Colin Colleague" in html
    assert "Why: Duplicates action 1.2" in html


def test_removing_a_recommendation_removes_its_actions_and_keeps_them_on_record(client_for, council, colleague,
                                                                                 plan):
    rec = plan.recommendations.order_by("position")[3]
    n = rec.actions.count()
    url = reverse("plans:recommendation_remove", kwargs={"slug": council.slug, "recommendation_id": rec.pk})
    assert f"Its {n} actions go with it" in client_for(colleague).get(url).content.decode()
    assert client_for(colleague).post(url, {"reason": "Withdrawn by the peer team"}).status_code == 302
    assert not Recommendation.objects.filter(pk=rec.pk).exists() and plan.actions.count() == 23 - n
    change = PlanChange.objects.get()
    assert change.kind == "recommendation_removed" and change.ref == "Recommendation 4"
    assert len(change.removed["actions"]) == n


def test_a_viewer_can_neither_add_nor_remove(client_for, council, viewer, plan):
    client = client_for(viewer)
    rec = first_rec(plan)
    action = rec.actions.first()
    for url in (add_action_url(council, rec),
                reverse("plans:recommendation_add", kwargs={"slug": council.slug, "plan_id": plan.pk}),
                reverse("plans:action_remove", kwargs={"slug": council.slug, "action_id": action.pk}),
                reverse("plans:recommendation_remove", kwargs={"slug": council.slug, "recommendation_id": rec.pk})):
        assert client.get(url).status_code == 403
        assert client.post(url, {"text": "x", "reason": "x"}).status_code == 403
    page = client.get(reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})).content.decode()
    assert "Add an action" not in page and "Remove recommendation" not in page
    assert plan.actions.count() == 23 and not PlanChange.objects.exists()


def test_added_actions_are_in_the_reports_exports_public_page_and_api_and_removed_ones_are_not(
        client_for, council, owner, colleague, plan):
    rec = first_rec(plan)
    added = services.add_action(rec, colleague, text="Publish the measures quarterly", leads="CT",
                                reason="Scrutiny asked")
    removed = rec.actions.order_by("position")[0]
    removed_text = removed.text
    services.remove_action(removed, colleague, "Duplicate")
    client = client_for(owner)
    slug = council.slug

    snapshot = build_snapshot(plan, datetime.date.today(), committee="Cabinet", meeting_date=datetime.date.today())
    reported = [a["text"] for s in snapshot["recommendations"] for a in s["actions"]]
    assert "Publish the measures quarterly" in reported and removed_text not in reported
    assert len(reported) == 23

    csv = client.get(reverse("exchange:export_csv", kwargs={"slug": slug, "plan_id": plan.pk}))
    body = b"".join(csv).decode("utf-8-sig")
    assert "Publish the measures quarterly" in body and removed_text not in body
    assert str(added.pk) in body

    set_published(plan, True, owner)
    public = client.get(reverse("public:plan", kwargs={"council": slug, "plan_id": plan.pk})).content.decode()
    assert "Publish the measures quarterly" in public and removed_text not in public

    export = client.get(reverse("exchange:export_json", kwargs={"slug": slug, "plan_id": plan.pk}))
    texts = [a["text"] for r in export.json()["recommendations"] for a in r["actions"]]
    assert "Publish the measures quarterly" in texts and removed_text not in texts


def test_the_committee_appendix_lists_what_was_added_and_removed_since_the_last_report(council, colleague, plan):
    import io

    import docx

    from tracker.reports.appendix import render_docx

    rec = first_rec(plan)
    services.add_action(rec, colleague, text="Publish the measures quarterly", reason="Scrutiny asked on 4 May")
    services.remove_action(rec.actions.order_by("position")[0], colleague, "Duplicates action 1.2")
    today = datetime.date.today()
    snapshot = build_snapshot(plan, today, committee="Cabinet", meeting_date=today)
    assert [(c["label"], c["ref"], c["reason"], c["by"]) for c in snapshot["plan_changes"]] == [
        ("Action added", "Recommendation 1, action 4", "Scrutiny asked on 4 May", "Colin Colleague"),
        ("Action removed", "Recommendation 1, action 1", "Duplicates action 1.2", "Colin Colleague")]
    document = docx.Document(io.BytesIO(render_docx(snapshot)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2 recommendations or actions added or removed since the last report" in text
    assert "Recommendations and actions added or removed" in text
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"Action removed", "Duplicates action 1.2", "Publish the measures quarterly"} <= cells
    # An appendix of a plan with no such changes has no such section (nor do reports issued before them).
    del snapshot["plan_changes"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(snapshot))).paragraphs)
    assert "added or removed" not in text
