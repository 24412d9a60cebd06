"""Seed 001: the LGA's own plan as extracted text: a header with spaces only, actions beside parallel date lists,
and recommendations whose three columns run together on one line."""

import pytest
from _seeds import f1_against_gold, read_seed, schema_errors

STEM = "001_5a140e39b889afe5"


@pytest.fixture(scope="module")
def plan():
    return read_seed(STEM)


def rec(plan, number):
    return next(r for r in plan.recommendations if r.number == number)


def test_matches_the_schema(plan):
    assert schema_errors(plan) == []


def test_scores_against_gold(plan):
    assert f1_against_gold(plan, STEM) >= 0.97


def test_numbers_as_printed(plan):
    assert [r.number for r in plan.recommendations][:3] == ["R1", "R2", "R3"]
    assert "R8.1" in [r.number for r in plan.recommendations]
    assert [r.number for r in plan.recommendations][-5:] == ["13", "14", "15", "16", "17"]


def test_introduction_is_the_notes_and_the_lga_owns_the_plan(plan):
    assert plan.title == "LGA Corporate Peer Challenge action plan"
    assert plan.notes.startswith("The Corporate Peer Challenge report includes a number of recommendations")
    assert plan.organisation == "LGA"


def test_parallel_date_list_pairs_by_position(plan):
    r12 = rec(plan, "R12")
    assert len(r12.actions) == 8
    fourth = r12.actions[3]
    assert fourth.text == "establish schedule of horizon scanning events for LGA senior leadership"
    assert (fourth.due.text, fourth.due.date) == ("Following May 2023 elections", "2023-05-31")
    assert r12.actions[0].due.ongoing is True and r12.actions[0].due.date is None


def test_truncated_date_is_kept_as_text_with_a_warning(plan):
    action = rec(plan, "R5").actions[1]
    assert (action.due.text, action.due.date, action.due.precision) == ("October 202", None, None)
    assert any(w.where == "recommendation R5, action 2" and "October 202" in w.message for w in plan.warnings)


def test_lead_in_with_bullets_under_one_date_is_one_action(plan):
    r2 = rec(plan, "R2")
    assert len(r2.actions) == 1
    assert r2.actions[0].text.startswith("Develop detailed action and engagement plans to:\ndefine the elements")
    assert r2.actions[0].due.date == "2023-06-30"


def test_one_date_for_a_group_of_actions(plan):
    assert [a.due.text for a in rec(plan, "R7").actions] == ["March 2023", "March 2023"]


def test_columns_run_together_on_one_line_are_split_and_warned(plan):
    r10 = rec(plan, "R10.2")
    assert r10.text.endswith("convey focussed points in succinct and disciplined way.")
    assert r10.actions[0].text == "Develop new officer training and support."
    assert r10.actions[0].due.text == "March 2023 onwards" and r10.actions[0].due.ongoing is True
    r3 = rec(plan, "R3")
    assert r3.actions[0].text == "To be addressed through 2, above." and r3.actions[0].due is None
    assert any("printed on one line" in w.message for w in plan.warnings)


def test_complete_in_the_date_column(plan):
    first = rec(plan, "R4").actions[0]
    assert first.completed is True and first.due.date is None
    political = rec(plan, "R8.1").actions[0]
    assert political.completed is True and political.due.ongoing is True
