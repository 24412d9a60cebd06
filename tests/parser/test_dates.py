"""Fuzzy target dates, read per CONVENTIONS.md (each case as councils print them)."""

import pytest

from planparse.dates import looks_like_date, read_due, split_trailing_date


@pytest.mark.parametrize(
    ("printed", "date", "precision", "ongoing"),
    [
        ("April 2022", "2022-04-30", "month", False),
        ("Dec 21", "2021-12-31", "month", False),
        ("Sept 2022", "2022-09-30", "month", False),
        ("December 24 and ongoing in response to delivery need", "2024-12-31", "month", True),
        ("March 25 for 25/26 service plans", "2025-03-31", "month", False),
        ("Following May 2023 elections", "2023-05-31", "month", False),
        ("July 2023 and ongoing", "2023-07-31", "month", True),
        ("March 2023 onwards", "2023-03-31", "month", True),
        ("March 26 for additions to 26/27 programme Dynamic additions as required", "2026-03-31", "month", True),
        ("December 25 to inform council plan preparation and ongoing as BAU", "2025-12-31", "month", True),
        ("Autumn 2025", "2025-11-30", "quarter", False),
        ("Spring 2024", "2024-05-31", "quarter", False),
        ("Summer 2024", "2024-08-31", "quarter", False),
        ("Winter 2024", "2025-02-28", "quarter", False),
        ("12 July 2022", "2022-07-12", "day", False),
        ("31/03/2024", "2024-03-31", "day", False),
        ("2024", "2024-12-31", "year", False),
        ("End of 2022", "2022-12-31", "year", False),
        ("Mar-24", "2024-03-31", "month", False),
        ("Q3 2024/25", "2024-12-31", "quarter", False),  # a financial-year quarter
        ("Q1 2024", "2024-03-31", "quarter", False),
        ("Q3 25/26", "2025-12-31", "quarter", False),  # a financial year with two-digit years
        ("Quarter 4 2025/26", "2026-03-31", "quarter", False),
        ("Q2 2025/26 and ongoing", "2025-09-30", "quarter", True),
        ("April 2024 – March 2025", "2025-03-31", "month", False),  # a range ends at its end
        ("2023/24", "2024-03-31", "year", False),
        ("TBC", None, None, False),
        ("Ongoing", None, None, True),
        ("Ongoing in response to delivery need", None, None, True),
        ("Complete", None, None, False),
        ("Complete and ongoing", None, None, True),
        ("quarterly", None, None, True),
        ("every six months", None, None, True),
    ],
)
def test_reading_a_target(printed, date, precision, ongoing):
    due = read_due(printed).due
    assert (due.text, due.date, due.precision, due.ongoing) == (printed, date, precision, ongoing)


def test_complete_is_completed_with_no_date():
    assert read_due("Complete").completed is True
    assert read_due("Complete and ongoing").completed is True
    assert read_due("April 2022").completed is False


@pytest.mark.parametrize("printed", ["October 202", "March 24th"])
def test_an_unreadable_date_keeps_its_text_and_says_why(printed):
    reading = read_due(printed)
    assert reading.due.text == printed and reading.due.date is None and reading.due.precision is None
    assert reading.problem


def test_what_looks_like_a_date():
    for text in ["June 2023", "Ongoing", "TBC", "Complete and ongoing", "Following May 2023 elections",
                 "By end of December 2022"]:
        assert looks_like_date(text), text
    for text in ["Develop Economic Prosperity Strategy", "Review the Member Enquiry System",
                 "Session in May 24 will lead to follow up actions on the plan for the year"]:
        assert not looks_like_date(text), text


def test_a_date_at_the_end_of_a_line():
    assert split_trailing_date("Revise risk management approach July 2023") == (
        "Revise risk management approach", "July 2023")
    assert split_trailing_date("LGA Board agree protocol TBC") == ("LGA Board agree protocol", "TBC")
    assert split_trailing_date("To be addressed through 2, above.") is None
