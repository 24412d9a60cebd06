"""Forms on the plan pages. They validate input only; the changes go through ``tracker.plans.services``."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from typing import Any

from django import forms

from tracker.plans.models import Action, Rag, State
from tracker.presenters import rag_label


def rag_choices(rag_labels: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """RAG radio choices in the plan's own words for its colours ("Blue: complete"), so forms match the document."""
    return [(value, rag_label(value, rag_labels)) for value, _ in Rag.choices]


def date_from_parts(form: forms.Form, data: dict[str, Any], prefix: str = "") -> datetime.date | None:
    """A date from GOV.UK day / month / year inputs; a blank day means the month's last day."""
    day, month, year = data.get(f"{prefix}day"), data.get(f"{prefix}month"), data.get(f"{prefix}year")
    if not (month and year):
        return None
    last = calendar.monthrange(year, month)[1]
    if day and day > last:
        form.add_error(f"{prefix}day", f"{calendar.month_name[month]} {year} has {last} days")
        return None
    return datetime.date(year, month, day or last)


def target_text(date: datetime.date, day_given: bool) -> str:
    """A target date as plans write it: a month alone reads 'March 2026'."""
    return date.isoformat() if day_given else f"{calendar.month_name[date.month]} {date.year}"


class ActionUpdateForm(forms.Form):
    state = forms.ChoiceField(label="Delivery state", choices=State.choices, widget=forms.RadioSelect)
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, required=False, widget=forms.RadioSelect)
    commentary = forms.CharField(label="Commentary", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text="What has been done and what happens next, as it will be reported.")
    comment = forms.CharField(label="Why are you making this change?", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Needed when you change the state or the RAG rating. "
                                        "It is kept in the action's history.")

    def __init__(self, *args: Any, action: Action, rag_labels: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"state": action.state, "rag": action.rag, "commentary": action.commentary})
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["rag"].choices = rag_choices(rag_labels)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status_changed = (data.get("state", self.action.state) != self.action.state
                          or (data.get("rag") or "") != self.action.rag)
        if status_changed and not (data.get("comment") or "").strip():
            self.add_error("comment", "Say why the state or RAG rating is changing")
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"state": data["state"], "rag": data.get("rag") or "",
                "commentary": (data.get("commentary") or "").replace("\r\n", "\n").strip()}


class ExtensionForm(forms.Form):
    """A new target date (day optional: a month is what most plans give) and why."""

    day = forms.IntegerField(label="Day", required=False, min_value=1, max_value=31)
    month = forms.IntegerField(label="Month", min_value=1, max_value=12,
                               error_messages={"required": "Enter the month of the new target date"})
    year = forms.IntegerField(label="Year", min_value=2000, max_value=2100,
                              error_messages={"required": "Enter the year of the new target date"})
    reason = forms.CharField(label="Reason for the extension", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Say why the target date is moving"})
    agreed_by = forms.CharField(label="Agreed by (optional)", required=False, max_length=200,
                                help_text="If it has already been agreed, who agreed it, for example "
                                          "'Cabinet, 12 March'. Leave blank to request it.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        new_date = date_from_parts(self, data)
        if new_date is not None:
            data["new_date"] = new_date
            data["new_text"] = target_text(new_date, bool(data.get("day")))
        return data


class FilterForm(forms.Form):
    """The plan page's filters. Choices are filled from the plan; unknown values are simply ignored."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    theme = forms.ChoiceField(label="Theme", required=False)
    lead = forms.ChoiceField(label="Lead", required=False)
    state = forms.ChoiceField(label="Delivery state", required=False,
                              choices=[("", "All states"), *State.choices])
    rag = forms.ChoiceField(label="RAG rating", required=False)
    overdue = forms.BooleanField(label="Only overdue actions", required=False)

    def __init__(self, *args: Any, themes: list[str], leads: list[str],
                 rag_labels: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "All themes")] + [(t, t) for t in themes]
        self.fields["lead"].choices = [("", "All leads")] + [(lead, lead) for lead in leads]
        self.fields["rag"].choices = [("", "All ratings")] + [
            (value or "none", rag_label(value, rag_labels)) for value, _ in Rag.choices]


class ProgressOverrideForm(forms.Form):
    """A progress statement chosen by a person instead of the calculated one (blank clears it)."""

    text = forms.CharField(label="Progress statement", required=False, max_length=300,
                           help_text="For example, 'Substantially complete'. It is shown as set by hand, with "
                                     "the calculated figures beside it. Leave blank to show only the figures.")
    note = forms.CharField(label="Why is progress being set by hand?", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="For example, 'Agreed by the Corporate Leadership Team, 4 March'.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("text") or "").strip() and not (data.get("note") or "").strip():
            self.add_error("note", "Say why progress is being set by hand")
        return data


class ActionDetailsForm(forms.Form):
    """Corrections to what the plan says about an action (after import): wording, leads, priority, measure,
    and which recommendation it belongs to. Target dates move only by extension; state and RAG by update."""

    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter the action's wording"})
    leads = forms.CharField(label="Leads", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="As the plan names them (initials, role or team), one per line.")
    recommendation = forms.TypedChoiceField(label="Recommendation", coerce=int)
    priority = forms.CharField(label="Priority", required=False, max_length=20)
    timescale = forms.CharField(label="Timescale", required=False, max_length=100)
    measure = forms.CharField(label="How we measure it", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    comment = forms.CharField(label="Why are you making this change?", widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="It is kept in the action's history.",
                              error_messages={"required": "Say why the action's details are changing"})

    def __init__(self, *args: Any, action: Action, recommendations: list[Any], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"text": action.text, "leads": action.leads,
                                      "recommendation": action.recommendation_id, "priority": action.priority,
                                      "timescale": action.timescale, "measure": action.measure})
        super().__init__(*args, **kwargs)
        self.recommendations = {r.pk: r for r in recommendations}
        self.fields["recommendation"].choices = [
            (r.pk, f"{r}: {r.text[:80]}{'…' if len(r.text) > 80 else ''}") for r in recommendations]

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        leads = "\n".join(line.strip() for line in data["leads"].splitlines() if line.strip())
        return {"text": data["text"], "leads": leads, "priority": data["priority"].strip(),
                "timescale": data["timescale"].strip(), "measure": data["measure"],
                "recommendation": self.recommendations[data["recommendation"]]}


class RecommendationAddForm(forms.Form):
    """A recommendation added to a saved plan (a committee added one, or the import missed it)."""

    number = forms.CharField(label="Number", required=False, max_length=30,
                             help_text="As the plan numbers it, for example 10 or R8.3")
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter the recommendation's wording"})
    theme = forms.CharField(label="Theme (optional)", required=False, max_length=300)
    response = forms.CharField(label="The council's response (optional)", required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    owners = forms.CharField(label="Accountable for the recommendation (optional)", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text="One per line")
    after = forms.TypedChoiceField(label="Where it goes", coerce=int, empty_value=None, required=False)
    reason = forms.CharField(label="Why is it being added?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="It is kept in the plan's record of changes, with your name and the date.",
                             error_messages={"required": "Say why the recommendation is being added"})

    def __init__(self, *args: Any, recommendations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recommendations = {r.pk: r for r in recommendations}
        self.fields["after"].choices = [("", "At the end")] + [(r.pk, f"After {r}") for r in recommendations]


class ActionAddForm(forms.Form):
    """An action added to a recommendation of a saved plan; its target date becomes its original date."""

    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter the action's wording"})
    leads = forms.CharField(label="Leads (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="As the plan names them (initials, role or team), one per line.")
    day = forms.IntegerField(label="Day", required=False, min_value=1, max_value=31)
    month = forms.IntegerField(label="Month", required=False, min_value=1, max_value=12)
    year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)
    priority = forms.CharField(label="Priority (optional)", required=False, max_length=20)
    measure = forms.CharField(label="How we measure it (optional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="Why is it being added?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="It starts the action's history, with your name and the date.",
                             error_messages={"required": "Say why the action is being added"})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("month")) != bool(data.get("year")) or (data.get("day") and not data.get("month")):
            self.add_error("month" if not data.get("month") else "year",
                           "Enter the month and year of the target date, or leave the date empty")
            return data
        due = date_from_parts(self, data)
        data["due_date"] = due
        data["due_text"] = target_text(due, bool(data.get("day"))) if due else ""
        return data


class RemovalForm(forms.Form):
    reason = forms.CharField(label="Why is it being removed?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="It is kept in the plan's record of changes, with your name and the date.",
                             error_messages={"required": "Say why it is being removed"})
