"""Seed 004: one cell per tab-indented line, themes and lead lines between the tables, a legend at the foot."""

import pytest
from _seeds import f1_against_gold, read_seed, schema_errors

STEM = "004_a45fdb9e1ebc7908"


@pytest.fixture(scope="module")
def plan():
    return read_seed(STEM)


def test_matches_the_schema(plan):
    assert schema_errors(plan) == []


def test_scores_against_gold(plan):
    assert f1_against_gold(plan, STEM) >= 0.97


def test_heading_date_and_legend(plan):
    assert plan.title == "Corporate Peer Review Action Plan – Updated June 2023"
    assert plan.as_of == "2023-06-30"
    assert plan.organisation == "OWBC"
    assert plan.legend["timescale"] == {"A": "1-3 months", "B": "3-6 months", "C": "6-12+ months"}
    assert plan.legend["status"]["amber"] == "In danger of falling behind target"
    assert set(plan.legend["status"]) == {"green", "amber", "red"}


def test_themes_and_lead_lines(plan):
    assert [r.theme for r in plan.recommendations] == [
        "Organisational & Place Leadership", "Organisational & Place Leadership", "Governance & Culture",
        "Local Priorities & Outcomes", "Financial Planning & Management", "Capacity for Improvement",
        "Funding Opportunities"]
    assert plan.recommendations[0].owners == ["Chief Executive", "Strategic Director"]
    assert plan.recommendations[4].owners == ["Strategic Director (S151 Officer)", "Head of Finance",
                                              "Corporate Projects & IT Manager"]
    assert plan.recommendations[5].owners == []


def test_recommendation_text_keeps_its_paragraphs_and_list(plan):
    assert plan.recommendations[2].text.startswith(
        "Establish ways for Members and Officers to work more effectively together, especially to:-\n"
        "Review the Member Enquiry System\n")
    assert "increase pace\n\nCorporate Management and Senior Leadership Teams" in plan.recommendations[5].text


def test_rows_continue_after_a_repeated_header(plan):
    assert [len(r.actions) for r in plan.recommendations] == [7, 6, 15, 9, 8, 12, 3]


def test_codes_priority_rag_and_completion(plan):
    first = plan.recommendations[0].actions[0]
    assert (first.timescale, first.priority, first.status, first.completed) == ("B", None, "amber", True)
    assert first.extra == {"Priority Rating": "B"}  # not H/M/L: kept under its heading
    offer = plan.recommendations[5].actions[5]
    assert offer.text == "Review resources to deliver new offer"
    assert (offer.status, offer.completed) == ("amber", True)  # "Complete March 2023"
    apprenticeship = plan.recommendations[5].actions[2]
    assert apprenticeship.text == "Review Apprenticeship\n\nGraduate Programme"
    assert apprenticeship.completed is None  # only its second part is marked complete
    assert plan.recommendations[1].actions[2].completed is None  # "As above" is not resolved


def test_cells_keep_their_line_breaks(plan):
    vision = plan.recommendations[0].actions[5]
    assert vision.anticipated_completion == "Complete\n\nComplete"
    assert vision.commentary == "Approved and completed July 2022\n\nComms plan implemented"
    assert plan.recommendations[0].actions[6].text == "Launch Vision / communicate via Communications Plan"
