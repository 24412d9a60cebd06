"""Reminder workflows: they cross models and send email, so they live here (changes to actions still go
through ``tracker.plans.services``, which writes history).

    map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")  # once; every plan, every later import
    unmapped_leads(council)                                            # leads nobody will be reminded about
    leaderless_open_actions(plan)                                      # open actions that name no lead at all
    due_reminders(today)                                               # what send_reminders would send
    send_due_reminders(today)                                          # send them (idempotent)
    send_link_email(link, EmailKind.CHASE, by_user=editor)             # one-click chase: a fresh link
    save_link_update(link, [LinkChange(...), ...])                     # the contact's page, one transaction
    decide_link_extension(extension, editor, approve=False, note="…")  # decide, and tell the contact
    notify_decisions()                                                 # tell contacts of decisions made elsewhere
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from tracker.accounts.models import Council
from tracker.plans import services as plan_services
from tracker.plans.models import (
    Action,
    ActionLead,
    Extension,
    ExtensionStatus,
    Plan,
    Recommendation,
    Via,
    lead_key,
)
from tracker.reminders import emails, tokens
from tracker.reminders.models import (
    Contact,
    EmailKind,
    LeadContact,
    LinkExtension,
    ReminderEmail,
    ReminderLink,
    ReportingDate,
    has_own_lead,
)


def link_url(token: str) -> str:
    """The absolute address of an update link, for emails (SITE_URL is the service's public address)."""
    return settings.SITE_URL.rstrip("/") + reverse("reminder_links:update", kwargs={"token": token})


@transaction.atomic
def map_lead(council: Council, lead: str, name: str, email: str) -> LeadContact:
    """Say who a lead is, for every plan of the council. The contact is found by email address (one person
    may be several leads: "CT", "Chief Executive") and their name updated; a lead mapped before is moved."""
    email = email.strip()
    contact = Contact.objects.filter(council=council, email__iexact=email).first()
    if contact is None:
        contact = Contact.objects.create(council=council, name=name.strip(), email=email)
    elif name.strip() and contact.name != name.strip():
        contact.name = name.strip()
        contact.save(update_fields=["name"])
    mapping, _ = LeadContact.objects.update_or_create(
        council=council, key=lead_key(lead), defaults={"name": lead.strip()[:300], "contact": contact})
    return mapping


@dataclass(frozen=True)
class Lead:
    key: str
    name: str
    actions: int
    open_actions: int
    contact: Contact | None
    mapping_id: int | None


def _lead_actions(actions: QuerySet[Action]) -> dict[str, tuple[str, set[int]]]:
    """Each lead key among ``actions`` → (the lead as first printed, the ids of the actions it leads). An
    action's own leads lead it; one that names none is led by its recommendation's owners."""
    leads: dict[str, tuple[str, set[int]]] = {}
    for key, name, action_id in (ActionLead.objects.filter(action__in=actions).order_by("id")
                                 .values_list("key", "name", "action_id")):
        leads.setdefault(key, (name, set()))[1].add(action_id)
    unled: dict[int, list[int]] = {}
    for action_id, recommendation_id in (actions.filter(~has_own_lead()).order_by()
                                         .values_list("pk", "recommendation_id")):
        unled.setdefault(recommendation_id, []).append(action_id)
    for recommendation_id, owners in (Recommendation.objects.filter(pk__in=unled)
                                      .order_by("plan_id", "position", "id").values_list("pk", "owners")):
        for owner in owners or []:
            name = str(owner).strip()
            if name:
                leads.setdefault(lead_key(name), (name[:300], set()))[1].update(unled[recommendation_id])
    return leads


def _mappings(council: Council) -> dict[str, LeadContact]:
    """The council's lead → contact mapping by lead key: a lead has a contact when ``lead_key(name)`` is here."""
    return {m.key: m for m in LeadContact.objects.filter(council=council).select_related("contact")}


def _leads(council: Council, actions: QuerySet[Action]) -> list[Lead]:
    """The leads of ``actions`` with their counts and contacts; unmapped leads first."""
    open_ids = set(actions.open().values_list("pk", flat=True))
    mappings = _mappings(council)
    leads = []
    for key, (name, ids) in _lead_actions(actions).items():
        mapping = mappings.get(key)
        leads.append(Lead(key=key, name=name, actions=len(ids), open_actions=len(ids & open_ids),
                          contact=mapping.contact if mapping else None, mapping_id=mapping.pk if mapping else None))
    return sorted(leads, key=lambda lead: (lead.contact is not None, lead.name.casefold()))


def council_leads(council: Council) -> list[Lead]:
    """Every lead printed in the council's plans (for actions, or for a recommendation whose actions name no
    lead), with its counts and contact; unmapped leads first."""
    return _leads(council, Action.objects.for_council(council))


def plan_leads(plan: Plan) -> list[Lead]:
    """The leads of one plan's actions, as :func:`council_leads` counts them."""
    return _leads(plan.council, Action.objects.filter(plan=plan))


def unmapped_leads(council: Council) -> list[Lead]:
    return [lead for lead in council_leads(council) if lead.contact is None]


def unmapped_parsed_leads(council: Council, plan_dict: dict[str, Any]) -> list[str]:
    """The leads of a plan not yet saved (the parser's interchange format) that have no contact in the
    council's mapping, as first printed, in alphabetical order. Leads are counted as for a saved plan: an
    action's own leads, or its recommendation's owners when it names none."""
    mappings = _mappings(council)
    names: dict[str, str] = {}
    for rec in plan_dict.get("recommendations") or []:
        rec_owners = [str(o).strip() for o in rec.get("owners") or [] if str(o).strip()]
        for action in rec.get("actions") or []:
            own = [str(o).strip() for o in action.get("owners") or [] if str(o).strip()]
            for name in own or rec_owners:
                names.setdefault(lead_key(name), name[:300])
    return sorted((name for key, name in names.items() if key not in mappings), key=str.casefold)


def leaderless_open_actions(plan: Plan) -> int:
    """Open actions that name no lead, under a recommendation that names none either: no reminder covers them."""
    owned = {pk for pk, owners in Recommendation.objects.filter(plan=plan).values_list("pk", "owners")
             if any(str(owner).strip() for owner in owners or [])}
    return (Action.objects.filter(plan=plan).open().filter(~has_own_lead())
            .exclude(recommendation_id__in=owned).count())


def plan_contacts(reporting_date: ReportingDate) -> list[Contact]:
    """The contacts with at least one open action in the reporting date's plan."""
    plan = reporting_date.plan
    keys = set(_lead_actions(Action.objects.filter(plan=plan).open()))
    return list(Contact.objects.filter(council_id=plan.council_id, leads__key__in=keys).distinct()
                .order_by("name", "id"))


@dataclass
class Reminder:
    reporting_date: ReportingDate
    contact: Contact
    actions: list[Action] = field(default_factory=list)


def due_reminders(today: datetime.date | None = None) -> list[Reminder]:
    """Reminders whose day has come (``days_before`` the meeting, up to the meeting) and that have not been
    sent: one per contact with open actions, per reporting date."""
    today = today or timezone.localdate()
    due = []
    dates = (ReportingDate.objects.filter(date__gte=today).select_related("plan__council")
             .order_by("date", "id"))
    for rd in dates:
        if rd.send_on > today:
            continue
        sent = set(ReminderLink.objects.filter(reporting_date=rd, sent_at__isnull=False)
                   .values_list("contact_id", flat=True))
        for contact in plan_contacts(rd):
            if contact.pk in sent:
                continue
            actions = list(contact.open_actions(rd.plan).select_related("plan", "recommendation"))
            if actions:
                due.append(Reminder(rd, contact, actions))
    return due


def send_link_email(link: ReminderLink, kind: str = EmailKind.REMINDER,
                    by_user: AbstractBaseUser | None = None) -> ReminderEmail | None:
    """Send the contact a fresh link and their open actions. A scheduled reminder is sent once per link
    (None if it already was, even by a run started at the same time); a chase is sent whenever asked, and its
    new link replaces the old one."""
    with transaction.atomic():
        link = ReminderLink.objects.select_for_update().select_related(
            "contact__council", "reporting_date__plan").get(pk=link.pk)
        if kind == EmailKind.REMINDER and link.sent_at is not None:
            return None
        actions = list(link.contact.open_actions(link.reporting_date.plan)
                       .select_related("plan", "recommendation"))
        link, token = tokens.issue(link.contact, link.reporting_date)
        message = emails.reminder_email(link, link_url(token), emails.action_rows(actions),
                                        chase=kind == EmailKind.CHASE)
        # Sent while the row is locked: a second cron run waits here, then finds sent_at set.
        message.send()
        now = timezone.now()
        if link.sent_at is None:
            link.sent_at = now
            link.save(update_fields=["sent_at"])
        return ReminderEmail.objects.create(link=link, kind=kind, to_email=link.contact.email,
                                            subject=message.subject, action_count=len(actions), sent_at=now,
                                            sent_by=by_user)


def send_due_reminders(today: datetime.date | None = None,
                       on_error: Callable[[Reminder, Exception], None] | None = None) -> list[ReminderEmail]:
    """Send every reminder that is due; running it again sends nothing twice. A reminder the email service
    refuses is not marked sent (the next run tries again); with ``on_error`` the others are still sent."""
    sent = []
    for reminder in due_reminders(today):
        link, _ = ReminderLink.objects.get_or_create(
            contact=reminder.contact, reporting_date=reminder.reporting_date,
            defaults={"secret_hash": "", "expires_at": reminder.reporting_date.link_expiry()})
        try:
            email = send_link_email(link, EmailKind.REMINDER)
        except Exception as error:
            if on_error is None:
                raise
            on_error(reminder, error)
            continue
        if email is not None:
            sent.append(email)
    return sent


@dataclass
class LinkChange:
    """What the contact sent for one action: new values, and optionally a new target date with a reason."""

    action: Action
    changes: dict[str, Any]
    new_date: datetime.date | None = None
    new_text: str = ""
    reason: str = ""


@transaction.atomic
def save_link_update(link: ReminderLink, items: list[LinkChange]) -> tuple[int, int]:
    """Apply a contact's page in one transaction: each action's changes as one history entry made by
    '<name> by update link', each date change as a pending extension. Returns (actions updated, extensions
    requested). The caller has checked every action is one of the link's."""
    updated = requested = 0
    for item in items:
        if plan_services.update_action(item.action, None, item.changes, via=Via.LINK,
                                       by_label=link.by_label) is not None:
            updated += 1
        if item.new_date is not None or item.new_text:
            extension = plan_services.request_extension(item.action, item.new_date, item.new_text, item.reason,
                                                        requested_by_label=link.by_label)
            LinkExtension.objects.create(extension=extension, link=link)
            requested += 1
    now = timezone.now()
    link.responded_at = link.responded_at or now
    link.last_response_at = now
    link.save(update_fields=["responded_at", "last_response_at"])
    return updated, requested


def notify_decision(request: LinkExtension) -> ReminderEmail | None:
    """Tell the contact the decision on their date change, once."""
    with transaction.atomic():
        request = LinkExtension.objects.select_for_update().select_related(
            "extension__action__plan", "link__contact__council").get(pk=request.pk)
        if request.notified_at is not None or request.extension.status == ExtensionStatus.PENDING:
            return None
        message = emails.decision_email(request)
        message.send()
        request.notified_at = timezone.now()
        request.save(update_fields=["notified_at"])
        return ReminderEmail.objects.create(link=request.link, kind=EmailKind.DECISION,
                                            to_email=request.link.contact.email, subject=message.subject,
                                            action_count=1, sent_at=request.notified_at)


class DecisionNotSent(Exception):
    """The decision is saved but the email telling the contact failed; ``notify_decisions`` sends it later."""


def decide_link_extension(extension: Extension, by_user: AbstractBaseUser | None, approve: bool,
                          note: str = "") -> Extension:
    """Approve or refuse a date change, then tell the contact who asked for it through their link. If the email
    fails the decision still stands (DecisionNotSent): the next ``send_reminders`` run tells them."""
    extension = plan_services.decide_extension(extension, by_user, approve=approve, note=note)
    request = LinkExtension.objects.filter(extension=extension).first()
    if request is not None:
        try:
            notify_decision(request)
        except Exception as error:
            raise DecisionNotSent(str(error)) from error
    return extension


def notify_decisions(on_error: Callable[[LinkExtension, Exception], None] | None = None) -> list[ReminderEmail]:
    """Tell contacts of decisions not yet told: made on the action page, which knows nothing of links, or whose
    email failed. One the email service refuses stays untold (the next run tries again); with ``on_error`` the
    others are still sent."""
    sent = []
    for request in LinkExtension.objects.filter(notified_at__isnull=True).exclude(
            extension__status=ExtensionStatus.PENDING).select_related("link__contact"):
        try:
            email = notify_decision(request)
        except Exception as error:
            if on_error is None:
                raise
            on_error(request, error)
            continue
        if email is not None:
            sent.append(email)
    return sent
