"""Display formatting, without a database: the words and colours people see for states, RAG and dates."""

import datetime

import pytest

from tracker.plans.progress import Progress
from tracker.presenters import (
    change_sentence,
    due_label,
    due_soon_label,
    format_datetime,
    overdue_label,
    progress_sentence,
    rag_tag,
    state_tag,
)

TODAY = datetime.date(2025, 6, 16)


@pytest.mark.parametrize(("state", "text", "css"), [
    ("not_started", "Not started", "govuk-tag--grey"),
    ("in_progress", "In progress", "govuk-tag--light-blue"),
    ("complete", "Complete", "govuk-tag--green"),
    ("ongoing", "Ongoing", "govuk-tag--purple"),
    ("not_accepted", "Not accepted", "govuk-tag--pink"),
    ("on_hold", "On hold", "govuk-tag--orange"),
])
def test_every_state_has_words_and_a_colour(state, text, css):
    tag = state_tag(state)
    assert (tag.text, tag.css_class) == (text, css)
    assert tag.classes == f"govuk-tag {css}"


def test_state_colours_are_all_different():
    states = ["not_started", "in_progress", "complete", "ongoing", "not_accepted", "on_hold"]
    assert len({state_tag(s).css_class for s in states}) == len(states)


def test_rag_tag_uses_default_words():
    assert rag_tag("amber").text == "Amber"
    assert rag_tag("amber").css_class == "govuk-tag--yellow"
    assert rag_tag("red").css_class == "govuk-tag--red"


def test_rag_tag_uses_the_plans_own_words_and_keeps_the_colour_name():
    # A plan's footnote may define "Blue = Complete": the tag must still say which colour it is, in words.
    labels = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Complete"}
    assert rag_tag("blue", labels).text == "Blue: Complete"
    assert rag_tag("green", {"green": "Green - on track"}).text == "Green - on track"


def test_no_rating_is_said_not_left_blank():
    tag = rag_tag("")
    assert tag.text == "No rating"
    assert tag.css_class == "govuk-tag--grey"


@pytest.mark.parametrize(("args", "expected"), [
    ((datetime.date(2025, 3, 31), "March 25", "month", False), "March 2025"),
    ((datetime.date(2021, 12, 31), "Dec 21", "month", False), "December 2021"),
    ((datetime.date(2025, 3, 7), "07/03/2025", "day", False), "7 March 2025"),
    ((datetime.date(2024, 12, 31), "2024", "year", False), "2024"),
    ((datetime.date(2025, 3, 31), "Q4 24/25", "quarter", False), "January to March 2025"),
    ((datetime.date(2024, 12, 31), "Q3", "quarter", False), "October to December 2024"),
    ((datetime.date(2024, 12, 31), "December 24 and ongoing", "month", True), "December 2024 and ongoing"),
    ((None, "TBC", "", False), "TBC"),
    ((None, "Following May 2023 elections", "", False), "Following May 2023 elections"),
    ((None, "", "", True), "Ongoing"),
    ((None, "", "", False), "No date"),
])
def test_due_label(args, expected):
    assert due_label(*args) == expected


@pytest.mark.parametrize(("due", "expected"), [
    (datetime.date(2025, 6, 15), "1 day overdue"),
    (datetime.date(2025, 6, 6), "10 days overdue"),
    (datetime.date(2025, 5, 26), "3 weeks overdue"),
    (datetime.date(2025, 3, 31), "2 months overdue"),
    (datetime.date(2024, 6, 30), "11 months overdue"),
    (datetime.date(2022, 12, 31), "2 years overdue"),
    (datetime.date(2025, 6, 16), ""),
    (datetime.date(2025, 7, 1), ""),
    (None, ""),
])
def test_overdue_label(due, expected):
    assert overdue_label(due, TODAY) == expected


def test_a_closed_action_is_never_overdue():
    assert overdue_label(datetime.date(2020, 1, 31), TODAY, closed=True) == ""


@pytest.mark.parametrize(("due", "expected"), [
    (datetime.date(2025, 6, 16), "Due today"),
    (datetime.date(2025, 6, 17), "Due in 1 day"),
    (datetime.date(2025, 6, 30), "Due in 2 weeks"),
    (datetime.date(2025, 8, 31), ""),
    (datetime.date(2025, 6, 1), ""),
])
def test_due_soon_label(due, expected):
    assert due_soon_label(due, TODAY) == expected


def test_progress_sentence_counts_and_flags():
    progress = Progress.from_counts({"complete": 4, "in_progress": 1, "not_started": 1},
                                    {"red": 1, "green": 5}, overdue=2)
    assert progress_sentence(progress) == "4 of 6 actions complete, 1 red, 2 overdue"


def test_progress_sentence_uses_the_plans_words():
    progress = Progress.from_counts({"in_progress": 2}, {"red": 1, "amber": 1})
    assert progress_sentence(progress, {"red": "Off track", "amber": "At risk"}) == \
        "0 of 2 actions complete, 1 off track, 1 at risk"


def test_progress_sentence_for_one_action_and_none():
    assert progress_sentence(Progress.from_counts({"complete": 1}, {})) == "1 of 1 action complete"
    assert progress_sentence(Progress.from_counts({}, {})) == "No actions"


def test_an_override_is_shown_as_set_by_hand_beside_the_figures():
    progress = Progress.from_counts({"complete": 3, "in_progress": 3}, {}, override="Substantially complete")
    assert progress_sentence(progress) == \
        "Set by hand: Substantially complete (calculated: 3 of 6 actions complete)"


def test_change_sentence_in_words():
    assert change_sentence("state", "not_started", "in_progress") == \
        "State changed from Not started to In progress"
    assert change_sentence("rag", "", "red", {"red": "Off track"}) == \
        "RAG rating changed from No rating to Off track"
    assert change_sentence("due_date", "2025-03-31", "2025-09-30") == \
        "Target date changed from 31 March 2025 to 30 September 2025"
    assert change_sentence("commentary", "", "Draft agreed") == \
        "Commentary changed from (blank) to Draft agreed"


def test_format_datetime_in_london_time():
    from zoneinfo import ZoneInfo

    from django.test import override_settings

    with override_settings(TIME_ZONE="Europe/London"):
        # 13:05 UTC in July is 2:05pm British Summer Time.
        at = datetime.datetime(2025, 7, 1, 13, 5, tzinfo=ZoneInfo("UTC"))
        assert format_datetime(at) == "1 July 2025 at 2:05pm"
        assert format_datetime(datetime.datetime(2025, 1, 3, 0, 30, tzinfo=ZoneInfo("UTC"))) == \
            "3 January 2025 at 12:30am"


def test_a_change_of_leads_reads_as_a_list():
    assert change_sentence("leads", "CT", "CT\nHead of Finance") == \
        "Lead changed from CT to CT; Head of Finance"
