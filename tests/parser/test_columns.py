"""Column headings mapped by meaning through the synonym table."""

import pytest

from planparse import columns as col


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("No.", col.NUMBER), ("Rec. No.", col.NUMBER), ("Ref", col.NUMBER),
        ("Recommendation", col.RECOMMENDATION), ("Key Recommendation", col.RECOMMENDATION),
        ("Area for improvement", col.RECOMMENDATION),
        ("Response", col.RESPONSE), ("Council response", col.RESPONSE), ("Management response", col.RESPONSE),
        ("Action", col.ACTION), ("Actions", col.ACTION), ("Agreed action", col.ACTION),
        ("What we will do", col.ACTION), ("Action update", col.ACTION), ("Council response and actions", col.ACTION),
        ("Lead", col.OWNER), ("Lead Officer", col.OWNER), ("Action Owner", col.OWNER),
        ("Responsible officer", col.OWNER), ("Who", col.OWNER),
        ("CLT Owner", col.REC_OWNER), ("SLT Lead", col.REC_OWNER),
        ("Target date", col.DUE), ("Deadline", col.DUE), ("By when", col.DUE), ("Implementation date", col.DUE),
        ("Timescale", col.TIMESCALE),
        ("Anticipated completion", col.ANTICIPATED),
        ("Progress (RAG)", col.STATUS), ("RAG Rating", col.STATUS), ("RAG \nRating", col.STATUS),
        ("Status", col.STATUS), ("BRAG", col.STATUS), ("BRAG rating", col.STATUS),
        ("Finding", col.RECOMMENDATION), ("Governance issue", col.RECOMMENDATION),
        ("Priority", col.PRIORITY), ("Priority Rating", col.PRIORITY),
        ("Commentary", col.COMMENTARY), ("Update", col.COMMENTARY), ("Progress", col.COMMENTARY),
        ("How do we measure improvement for November 2024", col.MEASURE), ("Success measure", col.MEASURE),
        ("Reccomendation", col.RECOMMENDATION), ("Timesacle", col.TIMESCALE),
        ("Evidence", None), ("Budget", None), ("Action No.", None),
    ],
)
def test_heading_role(heading, role):
    assert col.role_for(heading) == role


def test_header_rows_are_told_from_data_rows():
    assert col.is_header_row(["No.", "Recommendation", "Response", "Action", "Lead", "Target date"])
    assert col.is_header_row(["Action", "Timescale", "Priority Rating", "RAG Rating", "Commentary"])
    assert not col.is_header_row(["1", "Develop clear outcomes", "Re-establish targets", "Review", "CT", "April 2022"])
    assert not col.is_header_row(["Lead", ""])  # one heading is not a header row


def test_a_header_printed_with_spaces_only():
    assert col.split_spaced_header("Recommendation Action Timescale") == ["Recommendation", "Action", "Timescale"]
    assert col.split_spaced_header("No. Recommendation Action Lead Officer Target date") == [
        "No.", "Recommendation", "Action", "Lead Officer", "Target date"]
    assert col.split_spaced_header("The Corporate Peer Challenge report includes") is None
