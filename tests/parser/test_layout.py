"""The layout stage (planparse.layout): each proposer on a small document of its layout, the ranker's choice,
the reading it reports, hints, provenance and the warnings a doubtful reading gives.

The documents are written here, each in one layout; what each must read as is written from the document, by
hand, before the parser was run on it.
"""

from __future__ import annotations

import pytest

from planparse import Hints, Options, parse
from planparse.schema import errors


def read(text: str, **hints: object) -> object:
    return parse(text, filename="plan.txt", options=Options(hints=Hints(**hints)))  # type: ignore[arg-type]


HEADING_LIST = """Our improvement plan

Following the peer challenge in May 2024 the council agreed the plan below.

Develop a long-term vision for the borough with residents and partners.
• Hold vision workshops with each town council
• Publish the draft vision for consultation

Strengthen the council's approach to risk management.
• Agree a risk appetite statement with members
• Report the corporate risk register to audit committee quarterly
• Train managers in risk assessment
"""


def test_paragraphs_each_followed_by_a_list_are_recommendations_and_their_actions():
    plan = read(HEADING_LIST)
    assert plan.reading.layout.startswith("heading_list")
    assert [r.number for r in plan.recommendations] == ["1", "2"]
    assert plan.recommendations[1].text == "Strengthen the council's approach to risk management."
    assert [a.text for a in plan.recommendations[1].actions] == [
        "Agree a risk appetite statement with members",
        "Report the corporate risk register to audit committee quarterly",
        "Train managers in risk assessment"]
    assert plan.notes == "Following the peer challenge in May 2024 the council agreed the plan below."
    assert plan.title == "Our improvement plan"


LABELLED = """Recommendation One
The council should adopt standards for business cases for exit packages.
Officer Accountability
Revise the business case format for exit packages
Report use of the framework to Audit Committee each year
September 2021
Director of Governance, Chief Finance Officer and Head of HR

Recommendation Two
Decision notes should record why public funds are used.
Train officers to keep clear records
Lead officer: Head of Legal
Target date: March 2022
Build review points into the scheme of delegation
Lead officer: Monitoring Officer
Target date: June 2022
"""


def test_labelled_blocks_with_fields_typed_by_content():
    plan = read(LABELLED)
    assert plan.reading.layout.startswith("labelled:word")
    one, two = plan.recommendations
    assert (one.number, two.number) == ("One", "Two")
    # One date and one list of officers under all of a block's actions: each action gets them.
    assert [a.due.date for a in one.actions] == ["2021-09-30", "2021-09-30"]
    assert one.actions[1].owners == ["Director of Governance", "Chief Finance Officer", "Head of HR"]
    # Fields after each action: that action's.
    assert [(a.owners, a.due.text) for a in two.actions] == [(["Head of Legal"], "March 2022"),
                                                             (["Monitoring Officer"], "June 2022")]
    # "Officer Accountability" is a column heading's fragment, not an action.
    assert [a.text for a in one.actions][0] == "Revise the business case format for exit packages"


RECORDS = """Lack of an independent complaints team
Specific activities
Establish a specialist complaints team
Roll out stage 1 feedback surveys
Measurable outcomes
No overdue stage 2 investigations
Achievable resources and inputs:
Recruit 2 investigators
Target Date
27-Feb-26
Responsible / accountable
Lead: Customer Services Manager. Accountable: Head of Housing
"""


def test_a_record_of_labels_each_over_its_value():
    plan = read(RECORDS)
    assert plan.reading.layout == "records"
    (rec,) = plan.recommendations
    assert rec.text == "Lack of an independent complaints team"
    assert [a.text for a in rec.actions] == ["Establish a specialist complaints team",
                                              "Roll out stage 1 feedback surveys"]
    action = rec.actions[0]
    assert action.due.date == "2026-02-27" and action.due.precision == "day"
    assert action.owners == ["Customer Services Manager", "Head of Housing"]
    assert action.measure == "No overdue stage 2 investigations"
    # A label the synonyms do not know, marked as one by its colon, keeps its value under its own name.
    assert action.extra["Achievable resources and inputs"] == "Recruit 2 investigators"


FLATTENED = """Action plan
Issue

Action

Lead

Target date

Governance arrangements are unclear

Review the constitution

Monitoring Officer

March 2025

Publish a members' code of conduct

Monitoring Officer

June 2025

Financial planning is short-term

Agree a three-year medium term financial strategy

Section 151 Officer

December 2025
"""


def test_a_table_flattened_one_cell_a_line_under_its_header():
    plan = read(FLATTENED)
    assert plan.reading.layout.startswith("flattened")
    assert [r.text for r in plan.recommendations] == ["Governance arrangements are unclear",
                                                      "Financial planning is short-term"]
    first = plan.recommendations[0]
    # The second row leaves its recommendation's cell out: it is the same recommendation's.
    assert [(a.text, a.owners, a.due.date) for a in first.actions] == [
        ("Review the constitution", ["Monitoring Officer"], "2025-03-31"),
        ("Publish a members' code of conduct", ["Monitoring Officer"], "2025-06-30")]


DELIMITED = """Ref / Recommendation / Action / Lead / Due by
R1 / Improve how scrutiny works / Refresh the scrutiny work programme / Head of Democratic Services / April 2025
R2 / Strengthen partnership working / Set up a partnership board / Chief Executive / 31/07/2025
"""


def test_rows_one_a_line_with_cells_between_slashes():
    plan = read(DELIMITED)
    assert plan.reading.layout.startswith(("delimited", "flattened:delimited"))
    assert [r.number for r in plan.recommendations] == ["R1", "R2"]
    action = plan.recommendations[1].actions[0]
    # "31/07/2025" is a date, not three cells.
    assert (action.text, action.owners, action.due.date) == ("Set up a partnership board", ["Chief Executive"],
                                                            "2025-07-31")


RUN_ON = """Original recommendation Peer team suggestion Action
Relationship with devolution 1.1 The LGA should keep an active role in discussions with combined authorities. Continue to consider as part of business as usual
1.2 The LGA may wish to consider its approach to councils developing devolution deals Continue to consider as part of business as usual
Organisational development 2.1 The change programme should grow into a holistic programme. Consider as part of the One Voice programme
"""


def test_rows_with_their_cells_run_together_on_each_line():
    plan = read(RUN_ON)
    assert plan.reading.layout == "run_on"
    assert [r.number for r in plan.recommendations] == ["1.1", "1.2", "2.1"]
    assert plan.recommendations[1].text == ("The LGA may wish to consider its approach to councils developing "
                                            "devolution deals")
    assert plan.recommendations[1].actions[0].text == "Continue to consider as part of business as usual"
    rec = plan.recommendations[2]
    assert (rec.extra | rec.actions[0].extra)["Original recommendation"] == "Organisational development"


ROW_PER_LINE = """Improvement plan
Recommendation R1: Improve the planning committee's reputation for probity.
• Publish the peer review report and the endorsed actions. Planning July 2025
• Report progress on the actions every quarter Planning October 2025 onwards
Recommendation R2: Review the planning protocol in the constitution.
• Update the planning protocol as part of the constitution review. Legal services Autumn 2025
"""


def test_an_action_with_its_lead_and_date_run_on_at_the_end_of_its_line():
    plan = read(ROW_PER_LINE)
    assert plan.reading.layout.endswith("+row_per_line")
    first = plan.recommendations[0].actions[0]
    assert (first.text, first.owners, first.due.text) == (
        "Publish the peer review report and the endorsed actions.", ["Planning"], "July 2025")
    assert plan.recommendations[0].actions[1].due.ongoing


def test_a_date_inside_one_action_is_not_lifted_into_its_target():
    plan = read("Recommendation 1: Improve governance.\n• Review the constitution\n"
                "• Report to Cabinet in July 2025\n• Train members\n• Publish the register\n")
    assert all(a.due is None for a in plan.actions)
    assert plan.actions[1].text == "Report to Cabinet in July 2025"


def test_the_reading_says_which_layout_won_how_sure_it_is_and_the_runner_up():
    plan = read(HEADING_LIST)
    assert 0.0 < plan.reading.confidence <= 1.0
    names = [name for name, *_ in plan.reading.candidates]
    assert names[0] == plan.reading.layout and "as read" in names
    if plan.reading.runner_up:
        assert plan.reading.runner_up[1] <= plan.reading.confidence
    data = plan.to_dict()
    assert data["reading"]["layout"] == plan.reading.layout
    assert errors(data) == []


def test_each_recommendation_and_action_says_where_it_was_read_from():
    plan = read(HEADING_LIST)
    rec = plan.recommendations[1]
    assert rec.where == "line 9"
    assert [a.where for a in rec.actions][1:] == ["line 11", "line 12"]
    assert plan.to_dict()["recommendations"][1]["where"] == "line 9"


def test_a_layout_hint_reads_the_document_that_way_only():
    plan = read(LABELLED, layout="labelled")
    assert all(name.startswith("labelled") for name, *_ in plan.reading.candidates)
    # A layout the document does not have: read as it came, and said so.
    plan = read(LABELLED, layout="records")
    assert plan.reading.layout == "as read"
    assert any("the document has no 'records' layout" in w.message for w in plan.warnings)


def test_a_column_hint_gives_a_column_its_role():
    text = ("Ref\tRecommendation\tAction\tService area\n"
            "1\tImprove scrutiny\tRefresh the work programme\tDemocratic services\n"
            "2\tPlan finances over three years\tAgree a medium term financial strategy\tFinance\n")
    plain = read(text)
    hinted = read(text, columns={"Service area": "ignore"})
    assert plain.actions[0].owners == ["Democratic services"]  # by its content
    assert hinted.actions[0].owners == [] and hinted.actions[0].extra["Service area"] == "Democratic services"


def test_a_start_hint_skips_what_comes_before_the_plan():
    plan = read(HEADING_LIST, start="Strengthen the council")
    assert [r.text for r in plan.recommendations] == ["Strengthen the council's approach to risk management."]


def test_hints_are_checked():
    with pytest.raises(ValueError, match="layout"):
        Hints(layout="sideways")
    with pytest.raises(ValueError, match="Service area"):
        Hints(columns={"Service area": "boss"})


def test_an_empty_reading_says_what_the_document_holds():
    plan = read("Minutes of the meeting\nThe chair welcomed members.\nApologies were received.\n")
    assert plan.recommendations == []
    assert any("no recommendations were found: the document holds 3 paragraphs" in w.message
               for w in plan.warnings)


def test_text_no_field_took_is_listed_and_warned_about():
    # The labelled reading skips a column header's fragments between blocks; they are listed as not placed.
    plan = read(LABELLED.replace("Officer Accountability", "Progress Lead Target date Status"))
    assert plan.reading.layout.startswith("labelled:word")
    assert ("Progress Lead Target date Status", "line 3") in plan.reading.unplaced
    assert any(w.message.startswith("text that no field took: 'Progress Lead Target date Status'")
               for w in plan.warnings)


def test_a_recommendation_with_no_actions_is_warned_about():
    plan = read(ROW_PER_LINE + "Recommendation R3: Increase councillor buy-in to the customer charter.\n")
    assert any(w.message == "this recommendation has no actions" and w.where == "recommendation R3"
               for w in plan.warnings)


TABBED = ("R1 Develop clear outcomes for the strategic plan.\n"
          "Review the delivery plan targets\tCT\tApril 2022\n"
          "Establish a corporate programme\tKS\tMay 2022\n"
          "R2 Invest time in the decision-making process for major priorities.\n"
          "Establish a framework for programme management.\tKS\tMarch 2022\n")


def test_recommendations_each_over_their_actions_with_tabs_between_the_fields():
    plan = read(TABBED)
    assert plan.reading.layout == "headerless"
    assert [r.number for r in plan.recommendations] == ["R1", "R2"]
    assert [(a.text, a.owners, a.due.date) for a in plan.recommendations[0].actions] == [
        ("Review the delivery plan targets", ["CT"], "2022-04-30"),
        ("Establish a corporate programme", ["KS"], "2022-05-31")]
    assert plan.recommendations[1].actions[0].due.date == "2022-03-31"


def test_a_pipe_at_the_start_of_a_row_is_an_empty_first_cell():
    plan = read("Key recommendation | Actions\n"
                "Develop a vision for the borough. | Hold vision workshops\n"
                " | Publish the draft vision\n"
                "Strengthen risk management. | Agree a risk appetite\n")
    assert [[a.text for a in r.actions] for r in plan.recommendations] == [
        ["Hold vision workshops", "Publish the draft vision"], ["Agree a risk appetite"]]
