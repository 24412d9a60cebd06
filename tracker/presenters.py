"""How the tracker's values read on a page or in a report: tags (text and colour), dates, progress sentences.

Pure Python, no database: pages and reports share these, and tests check them without fixtures.

Colour is never the only signal (WCAG 1.4.1): every tag carries its words, and a RAG tag uses the plan's own
word for the colour ("Off track" where the plan's footnote says so).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.plans.progress import CLOSED, Progress


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag: the words, and the modifier class that colours it."""

    text: str
    css_class: str

    @property
    def classes(self) -> str:
        return f"govuk-tag {self.css_class}".strip()


STATE_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "complete": "Complete",
    "ongoing": "Ongoing",
    "not_accepted": "Not accepted",
    "on_hold": "On hold",
}

# GOV.UK Frontend's tag colours, chosen so similar states do not share a colour.
_STATE_CLASSES = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--light-blue",
    "complete": "govuk-tag--green",
    "ongoing": "govuk-tag--purple",
    "not_accepted": "govuk-tag--pink",
    "on_hold": "govuk-tag--orange",
}

DEFAULT_RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}

_RAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--yellow",
    "green": "govuk-tag--green",
    "blue": "govuk-tag--blue",
}

FIELD_LABELS = {
    "text": "Action",
    "leads": "Lead",
    "state": "State",
    "rag": "RAG rating",
    "priority": "Priority",
    "timescale": "Timescale",
    "anticipated_completion": "Anticipated completion",
    "commentary": "Commentary",
    "measure": "How we measure it",
    "recommendation": "Recommendation",
    "due_date": "Target date",
    "due_text": "Target date as written",
    "due_precision": "Target date precision",
    "ongoing": "Ongoing",
}


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state.replace("_", " ").capitalize() if state else "Not recorded")


def state_tag(state: str) -> Tag:
    """The delivery state as a tag: 'In progress' in light blue."""
    return Tag(state_label(state), _STATE_CLASSES.get(state, "govuk-tag--grey"))


def rag_label(rag: str, rag_labels: Mapping[str, str] | None = None) -> str:
    """The plan's own word for a RAG colour; 'No rating' when there is none."""
    if not rag:
        return "No rating"
    return (rag_labels or {}).get(rag) or DEFAULT_RAG_LABELS.get(rag, rag.capitalize())


def rag_tag(rag: str, rag_labels: Mapping[str, str] | None = None) -> Tag:
    """The RAG rating as a tag with the plan's word for it. If the plan's word is not the colour's name
    ('Off track' for red), the colour's name is added so the tag still reads without colour."""
    label = rag_label(rag, rag_labels)
    colour = DEFAULT_RAG_LABELS.get(rag, "")
    if colour and colour.lower() not in label.lower():
        label = f"{colour}: {label}"
    return Tag(label, _RAG_CLASSES.get(rag, "govuk-tag--grey"))


def format_date(value: datetime.date | None) -> str:
    """'7 March 2025' (GOV.UK style: no leading zero, month in full)."""
    return f"{value.day} {value:%B %Y}" if value else ""


def format_datetime(value: datetime.datetime) -> str:
    """'24 November 2026 at 2:58pm' in the site's time zone (GOV.UK style: 12-hour clock, no dots)."""
    from django.utils import timezone  # settings-free at import; only the time zone is read here

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    return f"{format_date(local.date())} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def due_label(due_date: datetime.date | None, due_text: str = "", precision: str = "",
              ongoing: bool = False) -> str:
    """A target date as a person says it: 'March 2025' for a month, '7 March 2025' for a day, the words as
    printed where there is no date ('TBC', 'Following May 2023 elections'), 'Ongoing' for a standing one.

    Dates of a month, quarter or year are stored as the period's last day, so only the period is shown."""
    if due_date is None:
        text = (due_text or "").strip()
        if text:
            return text
        return "Ongoing" if ongoing else "No date"
    if precision == "year":
        shown = str(due_date.year)
    elif precision == "quarter":
        start = datetime.date(due_date.year, due_date.month, 1) - datetime.timedelta(days=59)
        shown = f"{start:%B} to {due_date:%B %Y}"
    elif precision == "month":
        shown = f"{due_date:%B %Y}"
    else:
        shown = format_date(due_date)
    return f"{shown} and ongoing" if ongoing else shown


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def overdue_label(due_date: datetime.date | None, today: datetime.date, closed: bool = False) -> str:
    """'3 weeks overdue' for an open action whose target has passed; '' otherwise.

    Days under a fortnight, weeks under about two months, then months, then years: the unit a committee
    would use. ``closed`` (complete, not accepted, ongoing) actions are never overdue."""
    if closed or due_date is None or due_date >= today:
        return ""
    days = (today - due_date).days
    if days < 14:
        amount = _plural(days, "day")
    elif days < 61:
        amount = _plural(days // 7, "week")
    else:
        months = (today.year - due_date.year) * 12 + today.month - due_date.month - (today.day < due_date.day)
        amount = _plural(months, "month") if months < 24 else _plural(months // 12, "year")
    return f"{amount} overdue"


def due_soon_label(due_date: datetime.date | None, today: datetime.date, closed: bool = False,
                   within_days: int = 30) -> str:
    """'Due in 5 days' / 'Due today' for an open action due within ``within_days``; '' otherwise."""
    if closed or due_date is None or due_date < today:
        return ""
    days = (due_date - today).days
    if days == 0:
        return "Due today"
    if days > within_days:
        return ""
    return f"Due in {_plural(days, 'day')}" if days < 14 else f"Due in {_plural(days // 7, 'week')}"


def progress_sentence(progress: Progress, rag_labels: Mapping[str, str] | None = None) -> str:
    """'4 of 6 actions complete, 1 red, 2 overdue', with the plan's own RAG words; an override is shown as
    set by hand with the calculated figures beside it, never in their place."""
    if not progress.total:
        calculated = "No actions"
    else:
        parts = [f"{progress.complete} of {_plural(progress.total, 'action')} complete"]
        for rag in ("red", "amber"):
            count = progress.by_rag.get(rag, 0)
            if count:
                parts.append(f"{count} {rag_label(rag, rag_labels).lower()}")
        if progress.overdue:
            parts.append(f"{progress.overdue} overdue")
        not_accepted = progress.by_state.get("not_accepted", 0)
        if not_accepted:
            parts.append(f"{not_accepted} not accepted")
        calculated = ", ".join(parts)
    if not progress.override:
        return calculated
    return f"Set by hand: {progress.override} (calculated: {calculated[0].lower()}{calculated[1:]})"


def change_value(field: str, value: str, rag_labels: Mapping[str, str] | None = None) -> str:
    """A stored history value (a code or ISO date) in words."""
    if field == "state":
        return state_label(value)
    if field == "rag":
        return rag_label(value, rag_labels)
    if field in ("due_date", "original_due_date") and value:
        try:
            return format_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if field == "leads" and value:
        # Leads are stored one per line; on one line they read as a list ("CT; Head of Finance").
        return "; ".join(line.strip() for line in value.splitlines() if line.strip())
    return value if value else "(blank)"


def change_sentence(field: str, old: str, new: str, rag_labels: Mapping[str, str] | None = None) -> str:
    """'State changed from Not started to In progress'."""
    label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
    return (f"{label} changed from {change_value(field, old, rag_labels)} "
            f"to {change_value(field, new, rag_labels)}")


def tag_context(action: Any, rag_labels: Mapping[str, str] | None, today: datetime.date) -> dict[str, Any]:
    """Everything a row of an action table shows, computed once per action (no database access)."""
    closed = action.state in CLOSED
    return {
        "state": state_tag(action.state),
        "rag": rag_tag(action.rag, rag_labels),
        "due": due_label(action.due_date, action.due_text, action.due_precision, action.ongoing),
        "overdue": overdue_label(action.due_date, today, closed),
        "due_soon": due_soon_label(action.due_date, today, closed),
    }
