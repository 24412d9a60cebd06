"""A saved plan as interchange JSON: valid against the schema, and import → export → import gives the same
plan, for every seed plan (000 Lichfield with leads as initials, 004 with themes, merged SLT leads, codes and
RAG legend footnotes, and the other three), with states, a date extension and edits made in the tracker
before exporting."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import planparse
from planparse.schema import errors as schema_errors
from tests.web.conftest import FIXTURES, import_gold
from tracker.exchange.interchange import plan_interchange
from tracker.importers.models import PendingImport
from tracker.plans import services
from tracker.plans.models import Action, Plan

# Every seed plan: they differ in how leads, dates, ratings and themes are written.
SEEDS = sorted(p.stem for p in (FIXTURES / "gold").glob("*.json"))
ACTION_FIELDS = ("text", "leads", "due_date", "due_text", "due_precision", "ongoing", "state", "rag", "priority",
                 "timescale", "anticipated_completion", "commentary", "measure")


def snapshot(plan: Plan) -> list:
    """Everything the interchange format carries, recommendation by recommendation, in order."""
    recs = []
    for rec in plan.recommendations.with_actions():
        actions = [tuple(getattr(a, f) for f in ACTION_FIELDS) for a in rec.actions.all()]
        recs.append((rec.number, rec.text, rec.theme, rec.response, rec.owners, rec.extra, actions))
    return [plan.title, plan.organisation, plan.as_of, plan.notes, plan.legend, recs]


def export(client, plan: Plan) -> bytes:
    response = client.get(reverse("exchange:export_json", kwargs={"slug": plan.council.slug, "plan_id": plan.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith(f'-{plan.pk}.json"')
    return response.content


def edit_in_the_tracker(plan: Plan, user) -> None:
    """States the format has no field for, and a date extended since import (the original is kept)."""
    actions = list(Action.objects.filter(plan=plan).order_by("recommendation__position", "position"))
    services.update_action(actions[0], user, {"state": "in_progress", "commentary": "Milestones drafted"})
    services.update_action(actions[1], user, {"state": "on_hold", "rag": "red"})
    services.update_action(actions[2], user, {"state": "complete", "rag": "blue", "priority": "high"})
    services.update_action(actions[3], user, {"state": "not_accepted", "leads": "CT\nKS"})
    services.record_extension(actions[4], user, datetime.date(2023, 3, 31), "March 2023", "Restructure",
                              decided_by_label="Cabinet")


@pytest.mark.parametrize("stem", SEEDS)
def test_import_export_import_gives_the_same_plan(client_for, council, colleague, stem):
    first = import_gold(council, colleague, stem)
    edit_in_the_tracker(first, colleague)
    data = export(client_for(colleague), first)
    assert schema_errors(json.loads(data)) == []

    parsed = planparse.parse(data, filename="exported.json").to_dict()
    second = services.save_import(council, colleague, parsed, data, "exported.json")
    # The second plan has the first one's current state; its original dates are the current ones, and the
    # first plan's original date of an extended action is kept as an extra cell.
    assert snapshot(second) == snapshot(first)
    extended = Action.objects.filter(plan=first).order_by("recommendation__position", "position")[4]
    again = Action.objects.filter(plan=second).order_by("recommendation__position", "position")[4]
    assert again.extra["Original target date"] == (extended.original_due_text or "No date")
    assert (again.due_date, again.original_due_date) == (datetime.date(2023, 3, 31), datetime.date(2023, 3, 31))
    assert "Delivery state" not in again.extra
    # And out again: the same file, but for the extended action's extra cell which is now part of the plan.
    again_doc, first_doc = json.loads(export(client_for(colleague), second)), json.loads(data)
    # Everything but provenance is the same: the second plan was read from the exported file, and says so.
    assert again_doc.pop("source")["format"] == "json"
    first_doc.pop("source")
    assert again_doc == first_doc


def test_the_export_says_what_the_gold_reading_says(client_for, council, colleague):
    """Seed 000 exported straight after import gives back the hand-checked reading, action for action."""
    plan = import_gold(council, colleague, "000_434456432017fdb1")
    exported = json.loads(export(client_for(colleague), plan))
    gold = json.loads((FIXTURES / "gold" / "000_434456432017fdb1.json").read_text(encoding="utf-8"))
    assert exported["title"] == gold["title"] == "LGA Corporate Peer Challenge Action Plan - 2022"
    assert len(exported["recommendations"]) == 9
    for ours, theirs in zip(exported["recommendations"], gold["recommendations"], strict=True):
        assert (ours["number"], ours["text"]) == (theirs["number"], theirs["text"])
        assert [(a["text"], a["owners"], a["due"], a["status"]) for a in ours["actions"]] == \
            [(a["text"], a["owners"], a["due"], a["status"]) for a in theirs["actions"]]


def test_the_states_the_format_cannot_say_are_written_as_extra_cells(client_for, council, colleague):
    plan = import_gold(council, colleague, "000_434456432017fdb1")
    edit_in_the_tracker(plan, colleague)
    recs = json.loads(export(client_for(colleague), plan))["recommendations"]
    actions = [a for rec in recs for a in rec["actions"]]
    # 'In progress' follows from a rating with a progress note, as an import reads it: nothing extra.
    assert actions[0]["commentary"] == "Milestones drafted" and "extra" not in actions[0]
    assert actions[3]["extra"] == {"Delivery state": "Not accepted"} and actions[3]["owners"] == ["CT", "KS"]
    assert actions[1]["extra"] == {"Delivery state": "On hold"} and actions[1]["status"] == "red"
    # Complete is the format's own 'completed'; no extra cell is needed.
    assert actions[2]["completed"] is True and "extra" not in actions[2] and actions[2]["priority"] == "high"


def test_exported_json_goes_through_the_import_journey(client_for, council, colleague):
    first = import_gold(council, colleague, "004_a45fdb9e1ebc7908")
    edit_in_the_tracker(first, colleague)
    client = client_for(colleague)
    data = export(client, first)
    response = client.post(reverse("importers:upload", kwargs={"slug": council.slug}),
                           {"document": SimpleUploadedFile("exported.json", data)})
    pending = PendingImport.objects.get()
    assert response.url == reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    review = client.get(response.url)
    assert review.status_code == 200
    response = client.post(response.url, {"op": "save", "kind": first.kind})
    second = Plan.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302
    assert snapshot(second) == snapshot(first)


def test_a_plan_with_no_target_and_a_local_priority_is_still_valid(council, colleague):
    plan = import_gold(council, colleague, "000_434456432017fdb1")
    action = Action.objects.filter(plan=plan).first()
    services.update_action(action, colleague, {"priority": "P1", "text": "<b>Bold</b> & plain"})
    Action.objects.filter(pk=action.pk).update(due_date=None, due_text="", original_due_date=None,
                                               original_due_text="")
    data = plan_interchange(plan)
    assert schema_errors(data) == []
    first = data["recommendations"][0]["actions"][0]
    assert first["due"] is None and first["priority"] is None and first["extra"]["Priority"] == "P1"
    assert first["text"] == "<b>Bold</b> & plain"
