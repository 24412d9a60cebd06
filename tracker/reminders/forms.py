"""Forms for contacts, reporting dates and the contact's update page. They validate input only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings

from tracker.plans.forms import date_from_parts, rag_choices, target_text
from tracker.plans.models import Action, Rag, State


class LeadContactForm(forms.Form):
    lead = forms.ChoiceField(label="Lead", error_messages={"required": "Choose the lead",
                                                           "invalid_choice": "Choose a lead from the list"})
    name = forms.CharField(label="Contact's full name", max_length=200,
                           error_messages={"required": "Enter the contact's name"})
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter the contact's email address",
                                             "invalid": "Enter an email address in the correct format, like "
                                                        "name@example.gov.uk"})

    def __init__(self, *args: Any, leads: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = [("", "Choose a lead"), *leads]


class ReportingDateForm(forms.Form):
    day = forms.IntegerField(label="Day", min_value=1, max_value=31,
                             error_messages={"required": "Enter the day of the meeting"})
    month = forms.IntegerField(label="Month", min_value=1, max_value=12,
                               error_messages={"required": "Enter the month of the meeting"})
    year = forms.IntegerField(label="Year", min_value=2000, max_value=2100,
                              error_messages={"required": "Enter the year of the meeting"})
    meeting = forms.CharField(label="Meeting", max_length=200,
                              help_text="The committee the plan reports to, for example 'Cabinet'.",
                              error_messages={"required": "Enter the meeting"})
    days_before = forms.IntegerField(label="Send reminders this many days before", min_value=1, max_value=90,
                                     error_messages={"required": "Enter how many days before the meeting to "
                                                                 "send reminders"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"days_before": settings.REMINDER_DAYS_BEFORE})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["date"] = date_from_parts(self, data)
        return data


# A lead reports delivery; declining an action is the council's decision, so it is not offered on the link.
LINK_STATES = [(value, label) for value, label in State.choices if value != State.NOT_ACCEPTED]


class LinkActionForm(forms.Form):
    """One action on the contact's page (the form is prefixed with the action's id)."""

    state = forms.ChoiceField(label="Delivery state", choices=LINK_STATES, widget=forms.RadioSelect)
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, required=False, widget=forms.RadioSelect)
    commentary = forms.CharField(label="Commentary", required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="What has been done and what happens next, as it will be reported.")
    new_day = forms.IntegerField(label="Day", required=False, min_value=1, max_value=31)
    new_month = forms.IntegerField(label="Month", required=False, min_value=1, max_value=12)
    new_year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)
    reason = forms.CharField(label="Why does the target date need to change?", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, action: Action, rag_labels: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"state": action.state, "rag": action.rag, "commentary": action.commentary})
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["rag"].choices = rag_choices(rag_labels)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        asked = any(data.get(f) for f in ("new_day", "new_month", "new_year"))
        data["new_date"], data["new_text"] = None, ""
        if asked:
            if not data.get("new_month"):
                self.add_error("new_month", "Enter the month of the new target date")
            if not data.get("new_year"):
                self.add_error("new_year", "Enter the year of the new target date")
            new_date = date_from_parts(self, data, prefix="new_")
            if new_date is not None:
                data["new_date"] = new_date
                data["new_text"] = target_text(new_date, bool(data.get("new_day")))
            if not (data.get("reason") or "").strip():
                self.add_error("reason", "Say why the target date needs to change")
        elif (data.get("reason") or "").strip():
            self.add_error("new_month", "Enter the new target date, or clear the reason")
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"state": data["state"], "rag": data.get("rag") or "",
                "commentary": (data.get("commentary") or "").replace("\r\n", "\n").strip()}
