"""The interpreter from blocks, whatever reader made them: rules seen in real plans beyond the five seeds."""

import pytest

from planparse.blocks import BULLET, Cell, Paragraph, Row, Table
from planparse.interpret import interpret
from planparse.interpret.cells import clean_number, rag
from planparse.readers.txt import read_txt


def table(*rows, header=("No.", "Recommendation", "Action", "Lead", "Target date")):
    out = Table(rows=[Row([Cell(h) for h in header], header=True)])
    for row in rows:
        out.rows.append(Row([c if isinstance(c, Cell) else Cell(c) for c in row]))
    return out


def test_merged_cells_continue_the_recommendation_above():
    merged = Cell("", merged_above=True)
    plan = interpret([Paragraph("Action plan", heading=1), table(
        ["1", "Improve governance", "Review the constitution", "MO", "June 2024"],
        [merged, merged, "Train members", "MO", "July 2024"],
        ["2", "Refresh the vision", "Consult residents", "CEX", "Autumn 2024"],
    )])
    assert [len(r.actions) for r in plan.recommendations] == [2, 1]
    assert plan.recommendations[0].actions[1].due.date == "2024-07-31"
    assert plan.recommendations[1].actions[0].due.precision == "quarter"


def test_recommendation_cells_repeated_on_every_row_are_one_recommendation():
    plan = interpret([table(
        ["1", "Improve the budget process", "Agree timetable", "S151", "Jan 2024"],
        ["1", "Improve the budget process", "Consult members", "S151", "Feb 2024"],
        ["2", "Refresh the workforce strategy", "Draft strategy", "Head of HR", "TBC"],
    )])
    assert [r.number for r in plan.recommendations] == ["1", "2"]
    assert plan.recommendations[0].text == "Improve the budget process"
    assert [a.text for a in plan.recommendations[0].actions] == ["Agree timetable", "Consult members"]


def test_leads_listed_beside_the_actions_pair_by_position():
    plan = interpret([table(
        ["1", "Improve scrutiny", f"{BULLET}Review terms\n{BULLET}Train chairs", "MO\nHead of Democratic Services",
         f"{BULLET}June 2024\n{BULLET}September 2024"],
        ["2", "Refresh the vision", "Consult residents", "CEX", "2025"],
    )])
    first, second = plan.recommendations[0].actions
    assert (first.owners, first.due.text) == (["MO"], "June 2024")
    assert (second.owners, second.due.text) == (["Head of Democratic Services"], "September 2024")


def test_dates_that_do_not_pair_with_the_actions_stay_on_the_recommendation():
    plan = interpret([table(
        ["1", "Improve scrutiny", f"{BULLET}Review terms\n{BULLET}Train chairs\n{BULLET}Report back", "MO",
         f"{BULLET}June 2024\n{BULLET}September 2024"],
        ["2", "Refresh the vision", "Consult residents", "CEX", "2025"],
    )])
    rec = plan.recommendations[0]
    assert all(a.due is None for a in rec.actions)
    assert rec.extra["Target date"] == f"{BULLET}June 2024\n{BULLET}September 2024".replace(BULLET, BULLET)
    assert plan.warnings


def test_a_row_spanning_the_table_is_a_theme():
    theme = Row([Cell("Governance and culture", colspan=5)])
    t = table(["1", "Improve scrutiny", "Review terms", "MO", "June 2024"])
    t.rows.insert(1, theme)
    plan = interpret([Paragraph("Peer challenge action plan"), t])
    assert plan.recommendations[0].theme == "Governance and culture"
    assert plan.title == "Peer challenge action plan"


def test_an_unmapped_column_goes_to_extra_under_its_heading():
    plan = interpret([table(["1", "Improve scrutiny", "Review terms", "MO", "£5,000"],
                            header=("No.", "Recommendation", "Action", "Lead", "Budget"))])
    assert plan.recommendations[0].actions[0].extra == {"Budget": "£5,000"}


def test_status_priority_and_completion_values():
    plan = interpret([table(
        ["1", "Improve scrutiny", "Review terms", "Blue", "H", "Completed in May"],
        ["", "", "Train chairs", "Orange", "Essential", "Not complete yet"],
        header=("No.", "Recommendation", "Action", "RAG", "Priority", "Progress update"))])
    done, other = plan.recommendations[0].actions
    assert (done.status, done.priority, done.completed) == ("blue", "high", True)
    assert (other.status, other.priority, other.completed) == (None, None, None)
    assert other.extra == {"RAG": "Orange", "Priority": "Essential"}


def test_recommendations_written_as_labelled_paragraphs():
    text = ("Corporate Peer Challenge Action Plan\n\n"
            "Recommendation One: Develop a long-term vision for the borough with partners.\n"
            "Response: Agreed. Work has already begun.\n"
            "Actions:\n• Hold workshops with partners\n• Draft the vision\n"
            "Lead: Chief Executive\nTarget date: March 2024\n\n"
            "Recommendation Two: Strengthen scrutiny.\nResponse: Agreed.\n"
            "Actions:\n• Review the terms of reference\nLead officer: Monitoring Officer\nTimescale: Autumn 2024\n")
    plan = interpret(read_txt(text))
    one, two = plan.recommendations
    assert (one.number, one.text, one.response) == ("One", "Develop a long-term vision for the borough with partners.",
                                                    "Agreed. Work has already begun.")
    assert [a.text for a in one.actions] == ["Hold workshops with partners", "Draft the vision"]
    assert all(a.owners == ["Chief Executive"] and a.due.date == "2024-03-31" for a in one.actions)
    assert two.number == "Two" and two.actions[0].owners == ["Monitoring Officer"]
    assert two.actions[0].due.date == "2024-11-30"


def test_a_table_of_actions_under_each_recommendation_heading():
    blocks = [
        Paragraph("Improvement plan"),
        Paragraph("Recommendation 1 – Set clear priorities"),
        table(["Agree the council plan", "CEX", "April 2024"], header=("Action", "Lead", "Deadline")),
        Paragraph("Recommendation 2 – Review the constitution"),
        table(["Appoint a working group", "MO", "June 2024"], header=("Action", "Lead", "Deadline")),
    ]
    plan = interpret(blocks)
    assert [(r.number, r.text) for r in plan.recommendations] == [("1", "Set clear priorities"),
                                                                   ("2", "Review the constitution")]
    assert plan.recommendations[1].actions[0].owners == ["MO"]


def test_headerless_rows_after_a_page_break_use_the_last_header():
    first = table(["1", "Improve scrutiny", "Review terms", "MO", "June 2024"])
    carried = Table(rows=[Row([Cell(""), Cell(""), Cell("Train chairs"), Cell("MO"), Cell("July 2024")])])
    plan = interpret([first, carried])
    assert [a.text for a in plan.recommendations[0].actions] == ["Review terms", "Train chairs"]


def test_short_rows_alone_in_the_recommendation_column_are_themes():
    plan = interpret([table(
        ["Governance", "", "", ""],
        ["Improve scrutiny", "Review terms", "MO", "June 2024"],
        ["Finance", "", "", ""],
        ["Balance the budget", "Agree savings", "S151", "2025"],
        header=("Recommendation", "Action", "Lead", "Target date"))])
    assert [(r.number, r.text, r.theme) for r in plan.recommendations] == [
        ("1", "Improve scrutiny", "Governance"), ("2", "Balance the budget", "Finance")]


def test_a_recommendation_row_with_its_actions_on_the_rows_below():
    plan = interpret([table(
        ["Improve scrutiny", "", "", ""],
        ["", "Review terms", "MO", "June 2024"],
        ["", "Train chairs", "MO", "July 2024"],
        header=("Recommendation", "Action", "Lead", "Target date"))])
    (rec,) = plan.recommendations
    assert rec.text == "Improve scrutiny" and [a.text for a in rec.actions] == ["Review terms", "Train chairs"]


def test_lettered_items_are_actions_paired_with_a_lettered_date_list():
    plan = interpret([table(
        ["1", "Refresh the constitution", "a. Review the rules b. Consult members c. Adopt the changes", "MO",
         "a. March 2026\nb and c. April 2026"],
        ["2", "Refresh the vision", "Consult residents e.g. through a survey", "CEX", "2025"],
    )])
    first = plan.recommendations[0]
    assert [a.text for a in first.actions] == ["Review the rules", "Consult members", "Adopt the changes"]
    assert [a.due.date for a in first.actions] == ["2026-03-31", "2026-04-30", "2026-04-30"]
    assert all(a.owners == ["MO"] for a in first.actions)
    assert [a.text for a in plan.recommendations[1].actions] == ["Consult residents e.g. through a survey"]


def test_actions_under_a_new_theme_with_no_recommendation_heading_get_a_recommendation_of_their_own():
    actions = ("Action", "Lead", "Deadline")
    blocks = [
        Paragraph("Improvement plan"),
        Paragraph("Governance"),
        Paragraph("Recommendation 1 – Review the constitution"),
        table(["Appoint a working group", "MO", "June 2024"], header=actions),
        Paragraph("Finance"),
        Paragraph("SLT Lead – S151 Officer"),
        table(["Agree savings", "S151", "2025"], header=actions),
    ]
    plan = interpret(blocks)
    assert [(r.number, r.text, r.theme) for r in plan.recommendations] == [
        ("1", "Review the constitution", "Governance"), ("2", "", "Finance")]
    assert plan.recommendations[1].owners == ["S151 Officer"]
    assert plan.recommendations[1].actions[0].text == "Agree savings"


def test_the_council_named_in_full_where_it_uses_no_abbreviation():
    plan = interpret([Paragraph("Peer challenge action plan"),
                      Paragraph("Oadby and Wigston Borough Council accepted every recommendation at Full Council."),
                      table(["1", "Improve scrutiny", "Review terms", "MO", "June 2024"])])
    assert plan.organisation == "Oadby and Wigston Borough Council"


def test_the_only_column_reporting_what_was_done_holds_the_actions():
    plan = interpret([table(
        ["1. The council should refresh its corporate plan.", "Corporate plan adopted in July 2023.\nDelivery plan "
         "in place.", "Complete"],
        ["2. Review member development.", "Member development programme refreshed.", "In progress"],
        header=("Recommendation", "Progress since the peer challenge", "Status"))])
    first, second = plan.recommendations
    assert first.number == "1" and first.text == "The council should refresh its corporate plan."
    assert [a.text for a in first.actions] == ["Corporate plan adopted in July 2023.", "Delivery plan in place."]
    assert all(a.completed for a in first.actions)
    assert second.actions[0].completed is None and second.actions[0].extra == {"Status": "In progress"}


def test_one_small_label_and_value_table_per_recommendation():
    def form(*pairs):
        return Table(rows=[Row([Cell(a), Cell(b)]) for a, b in pairs])

    plan = interpret([
        Paragraph("Peer challenge action plan"),
        form(("Recommendation 1", "Develop a long-term vision."), ("Action", "Hold workshops with partners"),
             ("Lead officer", "Chief Executive"), ("Target date", "March 2024")),
        form(("Recommendation", "Strengthen scrutiny."), ("Actions", f"{BULLET}Review terms\n{BULLET}Train chairs"),
             ("Lead", "Monitoring Officer"), ("Timescale", "Autumn 2024"), ("RAG", "G")),
    ])
    one, two = plan.recommendations
    assert (one.number, one.text) == ("1", "Develop a long-term vision.")
    assert [(a.text, a.owners, a.due.date) for a in one.actions] == [
        ("Hold workshops with partners", ["Chief Executive"], "2024-03-31")]
    assert (two.number, two.text) == ("2", "Strengthen scrutiny.")
    assert [a.text for a in two.actions] == ["Review terms", "Train chairs"]
    assert all(a.status == "green" and a.due.date == "2024-11-30" for a in two.actions)


def test_form_like_tables_as_extracted_text_in_both_layouts():
    pairs = [("Recommendation 1", "Develop a long-term vision."), ("Action", "Hold workshops with partners"),
             ("Lead officer", "Chief Executive"), ("Target date", "March 2024")]
    tab_rows = "Action plan\n\n" + "".join(f"{a}\t{b}\n" for a, b in pairs)
    cell_lines = "Action plan\n\n" + "".join(f"\t{a}\n\t{b}\n" for a, b in pairs)
    for text in (tab_rows, cell_lines):
        (rec,) = interpret(read_txt(text)).recommendations
        assert (rec.number, rec.text) == ("1", "Develop a long-term vision.")
        assert [(a.text, a.owners, a.due.date) for a in rec.actions] == [
            ("Hold workshops with partners", ["Chief Executive"], "2024-03-31")]


@pytest.mark.parametrize(("cell", "status"), [
    ("G", "green"), ("Green", "green"), ("Amber (improving)", "amber"), ("Green – on track", "green"),
    ("B", "blue"), ("A/G", None), ("Orange", None), ("Complete", None), ("a plan agreed", None)])
def test_rag_ratings_as_printed(cell, status):
    assert rag(cell) == status


def test_a_heading_that_names_itself_a_theme_is_one_even_alone():
    text = ("Peer challenge action plan\n\nTheme 1: Local priorities and outcomes\t\t\t\t\n"
            "No.\tRecommendation\tAction\tLead\tTarget date\n1\tSet priorities\tAgree the plan\tCEX\tApril 2024\n")
    (rec,) = interpret(read_txt(text)).recommendations
    assert rec.theme == "Theme 1: Local priorities and outcomes"


@pytest.mark.parametrize(("cell", "number"), [
    ("1", "1"), ("6.", "6"), ("R8.1:", "R8.1"), ("2(b)", "2(b)"), ("3)", "3"), ("Recommendation 4", "4"),
    ("Recommendation One", "One"), ("1a", "1a")])
def test_numbers_as_printed_without_trailing_punctuation(cell, number):
    assert clean_number(cell) == number


def test_a_lead_merged_down_over_the_actions_goes_to_each_of_them():
    merged = Cell("", merged_above=True)
    plan = interpret([table(
        ["1", "Improve governance", "Review the constitution", "MO", "June 2024"],
        [merged, merged, "Train members", merged, "July 2024"],
    )])
    assert [a.owners for a in plan.recommendations[0].actions] == [["MO"], ["MO"]]


def test_a_cell_printed_only_on_each_recommendations_first_row_covers_its_actions():
    # As a PDF shows a merged cell: the value once, then blanks, for every recommendation with several rows.
    header = ("Ref", "Recommendation", "Priority", "Actions", "Lead", "Target")
    plan = interpret([table(
        ["1", "Set a savings plan", "H", "Review proposals", "S151", "Q3 2025/26"],
        ["", "", "", "Name a lead for each", "S151", "Q4 2025/26"],
        ["2", "Rebuild reserves", "M", "Set a reserves policy", "S151", "Q3 2025/26"],
        ["", "", "", "Report reserves quarterly", "S151", "Q4 2025/26"],
        header=header)])
    assert [a.priority for r in plan.recommendations for a in r.actions] == ["high", "high", "medium", "medium"]


def test_a_cell_left_blank_on_some_rows_only_is_not_filled_down():
    header = ("Ref", "Recommendation", "Actions", "Lead", "Target")
    plan = interpret([table(
        ["1", "Set a savings plan", "Review proposals", "S151", "Q3 2025/26"],
        ["", "", "Name a lead for each", "S151", ""],
        ["2", "Rebuild reserves", "Set a reserves policy", "S151", "Q3 2025/26"],
        ["", "", "Report reserves quarterly", "S151", "Q4 2025/26"],
        header=header)])
    assert plan.recommendations[0].actions[1].due is None


def test_an_audit_tracker_with_no_actions_column():
    header = ("Ref", "Finding", "Recommendation", "Management response", "Responsible officer",
              "Implementation date", "Status")
    plan = interpret([table(
        ["R1", "No options appraisal was recorded.", "Require an options appraisal.",
         "Capital strategy to be updated.", "Head of Capital", "March 2026", "Implemented"],
        header=header)])
    rec = plan.recommendations[0]
    assert (rec.number, rec.text, rec.response) == ("R1", "Require an options appraisal.", None)
    action = rec.actions[0]
    assert (action.text, action.owners, action.completed) == ("Capital strategy to be updated.", ["Head of Capital"],
                                                             True)
    assert action.extra["Finding"] == "No options appraisal was recorded."


def test_a_response_column_with_no_lead_date_or_status_stays_the_response():
    plan = interpret([table(["1", "Refresh the vision", "Agreed"], header=("No.", "Recommendation", "Response"))])
    assert plan.recommendations[0].response == "Agreed"


def test_a_colour_key_printed_on_one_line():
    plan = interpret([table(["1", "Improve governance", "Review the constitution", "MO", "June 2024"]),
                      Paragraph("BRAG key: Blue – complete; Red – significant delay; Green – on track.")])
    assert plan.legend["status"] == {"blue": "complete", "red": "significant delay", "green": "on track"}
    assert plan.notes is None
