"""Seed 000: a district's tab-separated table, one row per action, HTML list fragments in the cells."""

import pytest
from _seeds import f1_against_gold, read_seed, schema_errors

STEM = "000_434456432017fdb1"


@pytest.fixture(scope="module")
def plan():
    return read_seed(STEM)


def test_matches_the_schema(plan):
    assert schema_errors(plan) == []


def test_scores_against_gold(plan):
    assert f1_against_gold(plan, STEM) >= 0.97


def test_plan_heading_and_council(plan):
    assert plan.title == "LGA Corporate Peer Challenge Action Plan - 2022"
    assert plan.organisation == "LDC"
    assert plan.as_of is None  # the year in the heading is not a date the content stands at


def test_repeated_headers_do_not_become_recommendations(plan):
    assert [r.number for r in plan.recommendations] == [str(n) for n in range(1, 10)]
    assert [len(r.actions) for r in plan.recommendations] == [3, 2, 3, 3, 2, 2, 3, 3, 2]


def test_a_response_with_a_list_fragment(plan):
    rec = plan.recommendations[4]
    assert rec.response == ("Develop members understanding of:\n"
                            "Resident and Business centric Data Performance driven Commercially minded")
    assert rec.actions[0].text == "Review member training offer to support BABC"


def test_leads_dates_and_rag_of_an_action(plan):
    action = plan.recommendations[3].actions[2]
    assert action.text == "Identified resources and set up project and programme."
    assert action.owners == ["SF"]
    assert (action.due.text, action.due.date, action.due.precision) == ("Dec 21", "2021-12-31", "month")
    assert action.status == "green"
    assert action.completed is None
