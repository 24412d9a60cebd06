"""Splitting lead cells and lead lines into one owner each (CONVENTIONS.md, "owners")."""

import pytest

from planparse.owners import split_owners


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        ("CT", ["CT"]),
        ("ALL", ["ALL"]),
        ("Head of OD/ Head of Communications", ["Head of OD", "Head of Communications"]),
        ("Cabinet and ELB", ["Cabinet", "ELB"]),
        ("Cabinet/ELB/All", ["Cabinet", "ELB", "All"]),
        ("Director (Planning & Regeneration)", ["Director (Planning & Regeneration)"]),
        ("Director of Policy, Performance and Governance", ["Director of Policy, Performance and Governance"]),
        ("Director of Economy and Environment", ["Director of Economy and Environment"]),
        ("Senior Policy & Programme Manager", ["Senior Policy & Programme Manager"]),
        ("CT, KS", ["CT", "KS"]),
        ("Head of HR, Head of Finance", ["Head of HR", "Head of Finance"]),
        ("Assistant Director, Corporate Services", ["Assistant Director, Corporate Services"]),  # a department
        ("Monitoring Officer\nHead of Finance", ["Monitoring Officer", "Head of Finance"]),
        ("SLT Lead – Chief Executive/Officer Lead – Strategic Director", ["Chief Executive", "Strategic Director"]),
        ("Monitoring Officer – Jane Smith", ["Monitoring Officer – Jane Smith"]),  # a title, not a label
        ("Lead Officer: Jane Smith", ["Jane Smith"]),
        ("", []),
        ("-", []),
    ],
)
def test_splitting_a_lead_cell(cell, owners):
    assert split_owners(cell) == owners


def test_two_titles_run_together_split_where_one_stands_alone_elsewhere():
    document = ("Lead Officer\tSenior Policy & Programme Manager Service Lead (HR)\n"
                "Lead Officer\tSenior Policy & Programme Manager\n")
    assert split_owners("Senior Policy & Programme Manager Service Lead (HR)", document) == [
        "Senior Policy & Programme Manager", "Service Lead (HR)"]


def test_titles_are_not_split_on_a_guess():
    document = "Lead: Director of Economy and Environment\nLead: Director of Economy and Environment\n"
    assert split_owners("Director of Economy and Environment", document) == ["Director of Economy and Environment"]
    # Without the rest of the document there is nothing to show two titles: keep it whole.
    assert split_owners("Head of Finance & Corporate Projects & IT Manager") == [
        "Head of Finance & Corporate Projects & IT Manager"]
