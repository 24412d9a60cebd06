"""The committee report form: which committee, when it meets, and the date the figures stand at."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

# How people type a date in a council office: 12/3/2026, 12 March 2026, 12 Mar 2026, or 2026-03-12.
DATE_FORMATS = ["%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


class ReportForm(forms.Form):
    committee = forms.CharField(
        label="Committee", max_length=200,
        help_text="As it will be printed on the cover, for example 'Overview and Scrutiny Committee'.",
        error_messages={"required": "Enter the name of the committee"})
    meeting_date = forms.DateField(
        label="Meeting date", input_formats=DATE_FORMATS, help_text="For example, 12/3/2026.",
        error_messages={"required": "Enter the date of the meeting",
                        "invalid": "Enter the meeting date as a day, month and year, for example 12/3/2026"})
    as_at = forms.DateField(
        label="Position as at", input_formats=DATE_FORMATS,
        help_text="The report shows the plan as it stood at the end of this day. For example, 28/2/2026.",
        error_messages={"required": "Enter the date the report's figures stand at",
                        "invalid": "Enter the 'as at' date as a day, month and year, for example 28/2/2026"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"as_at": f"{today.day}/{today.month}/{today.year}"})
        super().__init__(*args, **kwargs)

    def clean_committee(self) -> str:
        committee = " ".join(self.cleaned_data["committee"].split())
        if not committee:
            raise forms.ValidationError("Enter the name of the committee")
        return committee

    def clean_as_at(self) -> datetime.date:
        as_at: datetime.date = self.cleaned_data["as_at"]
        if as_at > timezone.localdate():
            raise forms.ValidationError("The 'as at' date must be today or in the past")
        return as_at

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        meeting, as_at = cleaned.get("meeting_date"), cleaned.get("as_at")
        # Figures stand at a day before (or on) the meeting they go to; a meeting before that day is almost
        # always the day and month typed the wrong way round.
        if meeting and as_at and meeting < as_at:
            self.add_error("meeting_date", "The meeting date must be on or after the 'as at' date "
                                           f"({as_at.day}/{as_at.month}/{as_at.year})")
        return cleaned
