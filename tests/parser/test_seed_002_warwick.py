"""Seed 002: one row per recommendation, actions as <p> paragraphs, a row carried over a page break."""

import pytest
from _seeds import f1_against_gold, read_seed, schema_errors

STEM = "002_92d1a37e39293310"


@pytest.fixture(scope="module")
def plan():
    return read_seed(STEM)


def test_matches_the_schema(plan):
    assert schema_errors(plan) == []


def test_scores_against_gold(plan):
    assert f1_against_gold(plan, STEM) >= 0.97


def test_bare_date_under_the_title_is_as_of(plan):
    assert plan.title == "LGA PEER CHALLENGE – ACTION PLAN"
    assert plan.as_of == "2024-10-31"
    assert plan.organisation == "WCC"


def test_each_paragraph_of_the_action_cell_is_an_action(plan):
    first = plan.recommendations[0]
    assert len(first.actions) == 4
    assert all(a.owners == ["Monitoring Officer"] for a in first.actions)
    assert all(a.due.date == "2024-12-31" for a in first.actions)
    assert first.text.startswith("Governance/decision making – consider instigating a review")
    assert "\n\nThrough streamlining the decision-making process" in first.text


def test_row_carried_over_the_page_break_is_joined_back(plan):
    second = plan.recommendations[1]
    assert second.text.endswith("for services to be improved. There is a need for the council to be clear with "
                                "officers and members on what digital means, and the intended outcomes from the "
                                "transformation.")
    assert len(second.actions) == 2
    assert second.actions[1].text.endswith("a planned programme of work to be developed to support efficiency "
                                           "and improved customer experience")


def test_sentences_in_one_paragraph_stay_one_action(plan):
    assert len(plan.recommendations[5].actions) == 1
    assert plan.recommendations[5].number == "6"


def test_owners_split_by_separators_and_by_titles_seen_alone(plan):
    assert plan.recommendations[4].actions[0].owners == ["Cabinet", "ELB"]
    assert plan.recommendations[5].actions[0].owners == ["Senior Policy & Programme Manager", "Service Lead (HR)"]
    assert plan.recommendations[7].actions[0].owners == ["Cabinet", "ELB", "All"]
    assert plan.recommendations[1].actions[0].owners == ["Director (Finance)"]


def test_fuzzy_targets(plan):
    due = plan.recommendations[2].actions[0].due
    assert (due.text, due.date, due.ongoing) == ("December 24 and ongoing in response to delivery need",
                                                 "2024-12-31", True)
    due = plan.recommendations[6].actions[0].due
    assert (due.date, due.ongoing) == ("2026-03-31", True)  # "… Dynamic additions as required"
    due = plan.recommendations[3].actions[0].due
    assert (due.date, due.ongoing) == (None, True)
