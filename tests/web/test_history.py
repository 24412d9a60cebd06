"""Every change to an action is history: an ActionUpdate (who, when, how, why) with one ActionChange per field."""

from __future__ import annotations

import pytest

from tracker.plans import services
from tracker.plans.models import ActionChange, ActionLead, ActionUpdate


@pytest.fixture
def action(plan):
    """Lichfield recommendation 1, action 1: 'Review the delivery plan targets…', lead CT, April 2022."""
    return plan.recommendations.get(number="1").actions.order_by("position").first()


def test_an_import_starts_each_actions_history(plan, owner):
    updates = ActionUpdate.objects.filter(action__plan=plan)
    assert updates.count() == 23
    first = updates.first()
    assert (first.via, first.by_user, first.by_label) == ("import", owner, "Olivia Owner")
    assert first.comment == "Imported from 000_434456432017fdb1.json"


def test_an_update_records_who_what_from_what_to_what_and_why(action, colleague):
    update = services.update_action(action, colleague, {"state": "complete", "rag": "blue",
                                                        "commentary": "Targets agreed by Cabinet"},
                                    "Signed off at Cabinet on 5 July")
    assert (update.by_user, update.by_label, update.via) == (colleague, "Colin Colleague", "web")
    assert update.comment == "Signed off at Cabinet on 5 July"
    changes = {c.field: (c.old, c.new) for c in update.changes.all()}
    assert changes == {"state": ("not_started", "complete"), "rag": ("green", "blue"),
                       "commentary": ("", "Targets agreed by Cabinet")}
    action.refresh_from_db()
    assert (action.state, action.rag) == ("complete", "blue")


def test_an_update_that_changes_nothing_writes_nothing(action, colleague):
    before = ActionUpdate.objects.count()
    assert services.update_action(action, colleague, {"state": action.state, "rag": "green"}) is None
    assert ActionUpdate.objects.count() == before and ActionChange.objects.count() == 0


def test_a_comment_alone_is_recorded_without_changes(action, colleague):
    update = services.update_action(action, colleague, {}, "Chased CT for an update")
    assert update.comment == "Chased CT for an update" and update.changes.count() == 0


def test_someone_who_is_not_a_user_is_named_by_a_label(action):
    update = services.update_action(action, None, {"commentary": "Draft ready"}, via="link",
                                    by_label="CT by update link")
    assert (update.by_user, update.by_label, update.via) == (None, "CT by update link", "link")


def test_changing_leads_keeps_the_lead_rows_in_step(plan, action, colleague):
    services.update_action(action, colleague, {"leads": "CT\nMonitoring Officer"}, "Shared with MO")
    assert list(ActionLead.objects.filter(action=action).values_list("name", flat=True)) == \
        ["CT", "Monitoring Officer"]
    assert action.lead_names == ["CT", "Monitoring Officer"]
    from tracker.plans.models import Action
    assert Action.objects.filter(plan=plan).for_lead("monitoring officer").get() == action
    # CT leads 8 actions in the document (recommendations 1, 2, 3, 5, 5, 6, 7, 7).
    assert Action.objects.filter(plan=plan).for_lead("CT").count() == 8


def test_moving_an_action_to_another_recommendation_is_history(plan, action, colleague):
    rec2 = plan.recommendations.get(number="2")
    update = services.update_action(action, colleague, {"recommendation": rec2}, "Belongs with 2")
    assert [(c.field, c.old, c.new) for c in update.changes.all()] == [("recommendation", "1", "2")]
    action.refresh_from_db()
    assert action.recommendation == rec2


def test_target_dates_cannot_be_changed_by_an_update(action, colleague):
    with pytest.raises(ValueError, match="extension"):
        services.update_action(action, colleague, {"due_date": None})
    with pytest.raises(ValueError, match="extension"):
        services.update_action(action, colleague, {"original_due_text": "May 2022"})
    action.refresh_from_db()
    assert (action.due_text, action.original_due_text) == ("April 2022", "April 2022")


def test_an_action_cannot_move_to_another_plans_recommendation(action, other_plan, colleague):
    with pytest.raises(ValueError):
        services.update_action(action, colleague, {"recommendation": other_plan.recommendations.first()})


def test_the_timeline_is_newest_first_with_its_changes(action, colleague, owner, django_assert_num_queries):
    services.update_action(action, colleague, {"state": "in_progress"}, "Started")
    services.update_action(action, owner, {"state": "complete"}, "Done")
    with django_assert_num_queries(2):
        timeline = [(u.by_label, [(c.old, c.new) for c in u.changes.all()])
                    for u in action.updates.with_changes()]
    assert timeline == [("Olivia Owner", [("in_progress", "complete")]),
                        ("Colin Colleague", [("not_started", "in_progress")]),
                        ("Olivia Owner", [])]


def test_the_same_text_sent_with_browser_line_ends_is_not_a_change(action, colleague):
    services.update_action(action, colleague, {"commentary": "Draft ready\nGoing to CLT"})
    assert services.update_action(action, colleague, {"commentary": "Draft ready\r\nGoing to CLT\r\n"}) is None
    action.refresh_from_db()
    assert action.commentary == "Draft ready\nGoing to CLT"
