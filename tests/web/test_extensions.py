"""A change of target date is an extension: old, new, reason, who approved, when. The original date stays."""

from __future__ import annotations

import datetime

import pytest

from tracker.plans import services
from tracker.plans.models import Action, ActionUpdate


@pytest.fixture
def action(plan):
    """Lichfield recommendation 4, action 3: 'Identified resources…', lead SF, printed 'Dec 21'."""
    return plan.recommendations.get(number="4").actions.order_by("position")[2]


def test_the_import_sets_the_original_and_current_date_from_the_document(action):
    assert (action.original_due_text, action.original_due_date) == ("Dec 21", datetime.date(2021, 12, 31))
    assert (action.due_text, action.due_date, action.due_precision) == ("Dec 21", datetime.date(2021, 12, 31),
                                                                        "month")


def test_a_request_changes_nothing_until_approved(action, colleague):
    extension = services.request_extension(action, datetime.date(2022, 3, 31), "March 2022",
                                           "Recruitment to the programme office slipped", requested_by=colleague)
    action.refresh_from_db()
    assert action.due_text == "Dec 21" and extension.status == "pending"
    assert (extension.old_text, extension.old_date) == ("Dec 21", datetime.date(2021, 12, 31))
    assert extension.requested_by_label == "Colin Colleague"


def test_approval_moves_the_current_date_writes_history_and_keeps_the_original(action, colleague, owner):
    extension = services.request_extension(action, datetime.date(2022, 3, 31), "March 2022",
                                           "Recruitment to the programme office slipped", requested_by=colleague)
    services.decide_extension(extension, owner, approve=True, note="Agreed at CLT", decided_by_label="CLT")
    extension.refresh_from_db()
    action.refresh_from_db()
    assert (extension.status, extension.decided_by, extension.decided_by_label) == ("approved", owner, "CLT")
    assert extension.decided_at is not None and extension.decision_note == "Agreed at CLT"
    assert (action.due_text, action.due_date) == ("March 2022", datetime.date(2022, 3, 31))
    # The original is never overwritten.
    assert (action.original_due_text, action.original_due_date) == ("Dec 21", datetime.date(2021, 12, 31))
    assert action.date_extended
    update = extension.update
    assert update.by_user == owner and "Recruitment to the programme office slipped" in update.comment
    assert {c.field: (c.old, c.new) for c in update.changes.all()} == {
        "due_date": ("2021-12-31", "2022-03-31"), "due_text": ("Dec 21", "March 2022")}


def test_a_second_extension_starts_from_the_current_date_and_the_original_still_stays(action, owner):
    services.record_extension(action, owner, datetime.date(2022, 3, 31), "March 2022", "First slip")
    second = services.record_extension(action, owner, datetime.date(2022, 6, 30), "June 2022", "Second slip")
    assert (second.old_text, second.new_text) == ("March 2022", "June 2022")
    action.refresh_from_db()
    assert (action.original_due_text, action.due_text) == ("Dec 21", "June 2022")
    assert action.extensions.filter(status="approved").count() == 2


def test_a_refusal_leaves_the_date_alone(action, colleague, owner):
    extension = services.request_extension(action, datetime.date(2022, 3, 31), "March 2022", "More time",
                                           requested_by=colleague)
    services.decide_extension(extension, owner, approve=False, note="Deliver as planned")
    action.refresh_from_db()
    extension.refresh_from_db()
    assert extension.status == "refused" and action.due_text == "Dec 21"
    assert not ActionUpdate.objects.filter(action=action).exclude(via="import").exists()
    with pytest.raises(ValueError, match="already been decided"):
        services.decide_extension(extension, owner, approve=True)


def test_an_extension_needs_a_reason_and_a_date(action, colleague):
    with pytest.raises(ValueError, match="reason"):
        services.request_extension(action, datetime.date(2022, 3, 31), "", "  ")
    with pytest.raises(ValueError, match="date"):
        services.request_extension(action, None, "", "Because")


def test_an_extended_action_is_overdue_by_its_current_date(action, owner):
    today = datetime.date(2022, 2, 1)
    assert Action.objects.filter(pk=action.pk).overdue(today).exists()
    services.record_extension(action, owner, datetime.date(2022, 3, 31), "March 2022", "Slipped")
    assert not Action.objects.filter(pk=action.pk).overdue(today).exists()
