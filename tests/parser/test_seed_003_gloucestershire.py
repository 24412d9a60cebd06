"""Seed 003: a county's table with a recommendation owner column, an action owner column and a measures column."""

import pytest
from _seeds import f1_against_gold, read_seed, schema_errors

STEM = "003_46970d322b9b8053"


@pytest.fixture(scope="module")
def plan():
    return read_seed(STEM)


def test_matches_the_schema(plan):
    assert schema_errors(plan) == []


def test_scores_against_gold(plan):
    assert f1_against_gold(plan, STEM) >= 0.97


def test_title_row_and_subtitle(plan):
    assert plan.title == "Corporate Peer Challenge 2023 - Action Plan"
    assert plan.notes == "Our responses to the feedback of the Local Government Association (LGA) Peer Team"
    assert plan.organisation is None


def test_section_row_is_a_theme_not_a_recommendation(plan):
    assert [r.number for r in plan.recommendations] == [str(n) for n in range(1, 10)]
    assert [r.theme for r in plan.recommendations] == [None] * 6 + ["Additional Recommendations"] * 3


def test_second_owner_cell_part_way_down(plan):
    rec = plan.recommendations[4]
    assert rec.owners == ["Director of People and Digital Services", "Director of Policy, Performance and Governance"]
    assert [a.extra.get("CLT Owner") for a in rec.actions] == [None, None, None] + [
        "Director of Policy, Performance and Governance"] * 2


def test_owners_never_split_inside_a_title(plan):
    assert plan.recommendations[5].actions[0].owners == ["Head of Planning, Performance and Insight"]
    assert plan.recommendations[4].actions[1].owners == ["Head of Organisational Development",
                                                         "Head of Communications"]


def test_measures_and_no_target_dates(plan):
    assert plan.recommendations[1].actions[2].measure == "Digital Strategy Approved by Cabinet (May 2024)\nDelivery Plan agreed"
    assert plan.recommendations[1].actions[0].measure == "Delivery against areas of investment included in MTFS"
    assert all(a.due is None for a in plan.actions)
    assert all(a.completed is None for a in plan.actions)  # "Sessions completed" is a measure
