"""Content typing (planparse.layout.kinds): what a piece of text is, from its words alone, without a document."""

import pytest

from planparse import columns as col
from planparse.layout.kinds import fit, kinds


@pytest.mark.parametrize("text", ["March 2025", "Dec 21", "Q3 2025/26", "31/03/2026", "Autumn 2025", "TBC",
                                  "27-Feb-26", "By 31/12/2016"])
def test_target_dates_and_timescales_read_as_dates(text):
    assert kinds(text).date >= 0.8


def test_a_date_qualified_after_it_still_reads_as_a_date():
    assert kinds("September 2021 and will remain subject to ongoing review").date >= 0.8


@pytest.mark.parametrize("text", ["Review the constitution and report to Cabinet",
                                  "The council should review its approach to risk."])
def test_sentences_are_not_dates(text):
    assert kinds(text).date < 0.8


@pytest.mark.parametrize("text", ["Ongoing", "Quarterly", "BAU", "October 2025 onwards"])
def test_ongoing_words(text):
    assert kinds(text).ongoing >= 1.0


@pytest.mark.parametrize("text", ["Head of Finance", "Chief Executive", "Planning Manager", "CT", "KS / CT",
                                  "Director of Governance, Chief Finance Officer and Head of HR",
                                  "Planning / legal / democratic services", "Legal services",
                                  "Angela Woodhouse, Head of Policy and Communications",
                                  "Chief Operating Officer (w/e/f 01/07/2016)"])
def test_owners_by_the_shape_of_a_title_a_team_a_name_or_initials(text):
    assert kinds(text).owner >= 0.7


@pytest.mark.parametrize("text", ["Begun drafting Information Sharing Policy", "Review the planning protocol",
                                  "The vision and principles for information management have been agreed"])
def test_actions_mentioning_a_team_are_not_owners(text):
    assert kinds(text).owner < 0.7


def test_a_list_of_leads_one_a_line_or_after_semicolons_is_owners():
    assert kinds("Michael Lozano, Patient Safety & Complaints Lead; Norfolk and Suffolk NHS Foundation Trust; "
                 "Dr Ed Garratt, Chief Accountable Officer").owner >= 0.9


@pytest.mark.parametrize("text,role", [("Lead officer", col.OWNER), ("Target date:", col.DUE),
                                       ("Progress update", col.COMMENTARY), ("No.", col.NUMBER),
                                       ("Specific activities", col.ACTION)])
def test_field_labels_name_their_field(text, role):
    k = kinds(text)
    assert k.label >= 0.6 and k.label_role == role


def test_a_sentence_is_not_a_field_label():
    assert kinds("Progress has been made on every action since the peer challenge.").label < 0.6


@pytest.mark.parametrize("text", ["G", "Amber", "RED"])
def test_ratings(text):
    assert kinds(text).rag == 1.0


@pytest.mark.parametrize("text", ["Complete", "In progress", "Not started", "On hold"])
def test_delivery_states(text):
    assert kinds(text).status >= 0.5


@pytest.mark.parametrize("text", ["R1", "1.1", "AFD1-", "PCR2", "3a", "12."])
def test_references(text):
    assert kinds(text).reference == 1.0


@pytest.mark.parametrize("text", ["Page 3 of 9", "Skip to main content", "Home > Council > Plans",
                                  "© Council 2025", "Page 2: KEOGH ACTION PLAN - North Cumbria",
                                  r"N:\Corporate Administration\Meetings\Public Trust Board"])
def test_page_chrome(text):
    assert kinds(text).chrome == 1.0


def test_headings_are_short_lines_that_end_no_sentence():
    assert kinds("Governance and Culture").heading >= 0.7
    assert kinds("GOVERNANCE AND CULTURE").heading >= 0.9
    assert kinds("We will review governance and culture.").heading == 0.0


def test_long_running_text_is_prose():
    text = ("The council should review its approach to risk management so that risk appetite is set by members "
            "and used in decisions, and the register is reviewed by the audit committee each quarter.")
    assert kinds(text).prose >= 0.5


def test_a_report_of_what_was_done_reads_as_progress_not_a_thing_to_do():
    done, to_do = kinds("Completed with LGA on 8 June 2022."), kinds("Establish a working group on the vision")
    assert done.progress > to_do.progress
    assert to_do.action > 0.5


def test_legend_lines():
    assert kinds("Green – on track").legend == 1.0
    assert kinds("A = 0-3 months, B = 3-6 months, C = 6-12 months").legend == 1.0


def test_fit_of_values_to_fields():
    assert fit("March 2025", col.DUE) > fit("Review the policy", col.DUE)
    assert fit("Head of HR", col.OWNER) > fit("Review the policy", col.OWNER)
    assert fit("Review the policy and report to Cabinet", col.ACTION) > fit("ed to Cabinet", col.ACTION)
    # "Recommendation Two" read as an action is a recommendation's label missed.
    assert fit("Recommendation Two", col.ACTION) < 0.2
    # Cells still joined by their delimiters are a row read as one text.
    assert fit("Local / Review protocols / Head of Safety", col.ACTION) <= 0.3
