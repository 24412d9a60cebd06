"""The emails a contact gets: one function per email, each a plain-text and an HTML template.

    reminder_email(link, url, rows, chase=False)    # their open actions and the update link
    decision_email(link_extension)                  # the answer to a target date change they asked for

Sent through Django's email backend (console by default, SMTP, or GOV.UK Notify: tracker/reminders/notify.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from tracker import presenters
from tracker.plans.models import CLOSED_STATES, Action, ExtensionStatus
from tracker.reminders.models import LinkExtension, ReminderLink


@dataclass(frozen=True)
class ActionRow:
    """One action as a contact reads it in an email or on their page."""

    action: Action
    recommendation: str
    state: str
    rag: str
    due: str
    commentary: str


def action_rows(actions: list[Action]) -> list[ActionRow]:
    """Each action with its state, RAG rating (in the plan's own words), target date (and how overdue) and
    latest commentary."""
    rows = []
    today = timezone.localdate()
    for action in actions:
        labels = action.plan.rag_labels
        due = presenters.due_label(action.due_date, action.due_text, action.due_precision, action.ongoing)
        overdue = presenters.overdue_label(action.due_date, today, action.state in CLOSED_STATES)
        rows.append(ActionRow(
            action=action, recommendation=str(action.recommendation),
            state=presenters.state_label(action.state), rag=presenters.rag_tag(action.rag, labels).text,
            due=f"{due} ({overdue})" if overdue else due,
            commentary=action.commentary.strip()))
    return rows


def _message(subject: str, template: str, context: dict[str, Any], to: str) -> EmailMultiAlternatives:
    text = render_to_string(f"reminders/email/{template}.txt", context)
    html = render_to_string(f"reminders/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message


def reminder_subject(link: ReminderLink, chase: bool = False) -> str:
    rd = link.reporting_date
    subject = f"Update your actions before {rd.meeting} on {presenters.format_date(rd.date)}"
    return f"Reminder: {subject[0].lower()}{subject[1:]}" if chase else subject


def reminder_email(link: ReminderLink, url: str, rows: list[ActionRow],
                   chase: bool = False) -> EmailMultiAlternatives:
    """The reminder before a reporting date: the contact's open actions and one link to update them all."""
    rd = link.reporting_date
    context = {
        "contact": link.contact, "council": link.contact.council, "plan": rd.plan, "meeting": rd.meeting,
        "meeting_date": presenters.format_date(rd.date), "url": url, "rows": rows, "chase": chase,
        "expires": presenters.format_date(link.last_day()),
    }
    return _message(reminder_subject(link, chase), "reminder", context, link.contact.email)


def decision_email(request: LinkExtension) -> EmailMultiAlternatives:
    """The decision on a target date change a contact asked for through their link."""
    extension = request.extension
    action = extension.action
    approved = extension.status == ExtensionStatus.APPROVED
    new = (presenters.format_date(extension.new_date)
           if extension.new_date and extension.new_text == extension.new_date.isoformat()
           else extension.new_text)
    # As printed ('April 2022'): after approval the action's precision is the new date's, not the old one's.
    old = extension.old_text or presenters.due_label(extension.old_date)
    subject = f"Target date change {'approved' if approved else 'refused'}: {action.text[:60].strip()}"
    context = {"contact": request.link.contact, "council": request.link.contact.council, "action": action,
               "plan": action.plan, "approved": approved, "old": old, "new": new, "extension": extension}
    return _message(subject, "decision", context, request.link.contact.email)
