"""Reaching leads who never log in (docs/adr/0010-update-links.md).

    Contact            a person a council emails: name and address, once per council
    LeadContact        a lead text as printed in plans ("CT", "Head of HR") → a contact, for the whole council
    ReportingDate      a committee meeting a plan reports to; reminders go ``days_before`` it
    ReminderLink       one contact's update link for one reporting date: a hashed secret, expiry, revocation,
                       when it was sent and answered (the reminder log is these rows and their emails)
    ReminderEmail      one email sent: a reminder, a chase or an extension decision
    LinkExtension      an extension a contact asked for through their link, and whether they were told the result

Which actions a contact has is never stored: it is every open action whose lead rows (``ActionLead.key``) are
mapped to the contact, so a mapping made once applies to every plan, and to plans imported later. An action that
names no lead of its own is led by its recommendation's owners (``Recommendation.owners``: "SLT Lead", "CLT
Owner" printed once for the whole recommendation), so plans that name leads only there still reach someone.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from tracker.accounts.models import Council
from tracker.plans.models import Action, ActionLead, Extension, Plan, Recommendation, lead_key


def has_own_lead() -> Exists:
    """True for an action that names a lead of its own; where it names none, its recommendation's owners lead
    it."""
    return Exists(ActionLead.objects.filter(action=OuterRef("pk")))


def led_by(keys: set[str], recommendations: models.QuerySet[Recommendation]) -> Q:
    """Actions that a lead in ``keys`` leads: as one of the action's own leads or, where the action names
    none, as an owner of its recommendation (one of ``recommendations``)."""
    owned = [pk for pk, owners in recommendations.values_list("pk", "owners")
             if keys & {lead_key(str(owner)) for owner in owners or []}]
    return Q(lead_rows__key__in=keys) | (Q(recommendation_id__in=owned) & ~has_own_lead())


class Contact(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["council", "email"], name="one_contact_per_email")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def open_actions(self, plan: Plan) -> models.QuerySet[Action]:
        """This contact's open actions in ``plan``: those with a lead mapped to them (an action's own lead, or
        its recommendation's owner where it names none)."""
        keys = set(LeadContact.objects.filter(contact=self).values_list("key", flat=True))
        return (Action.objects.filter(plan=plan, plan__council_id=self.council_id).open()
                .filter(led_by(keys, Recommendation.objects.filter(plan=plan))).distinct()
                .order_by("recommendation__position", "position", "id"))


class LeadContact(models.Model):
    """A lead as printed (matched by ``plans.models.lead_key``: case and spacing ignored) and who it is."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="lead_contacts")
    key = models.CharField(max_length=300)
    name = models.CharField(max_length=300, help_text="The lead as printed when it was mapped.")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="leads")

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["council", "key"], name="one_contact_per_lead")]

    def __str__(self) -> str:
        return f"{self.name} → {self.contact}"


class ReportingDate(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_dates")
    date = models.DateField()
    meeting = models.CharField(max_length=200, help_text="The committee, for example 'Cabinet'.")
    days_before = models.PositiveSmallIntegerField(default=14)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "date", "meeting"], name="one_meeting_a_day")]

    def __str__(self) -> str:
        return f"{self.meeting}, {self.date:%Y-%m-%d}"

    @property
    def send_on(self) -> datetime.date:
        return self.date - datetime.timedelta(days=self.days_before)

    def link_expiry(self) -> datetime.datetime:
        """Links work until the end of the day ``REMINDER_LINK_DAYS_AFTER`` days after the meeting, so late
        updates still reach the record, then stop: the next cycle sends new ones."""
        last_day = self.date + datetime.timedelta(days=settings.REMINDER_LINK_DAYS_AFTER)
        midnight = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
        return timezone.make_aware(midnight)


class ReminderLink(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links")
    reporting_date = models.ForeignKey(ReportingDate, on_delete=models.CASCADE, related_name="links")
    # sha256 of the random secret in the link; the secret itself is never stored.
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When the reminder was first sent.")
    responded_at = models.DateTimeField(null=True, blank=True, help_text="The first update through the link.")
    last_response_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contact__name", "id"]
        constraints = [models.UniqueConstraint(fields=["contact", "reporting_date"],
                                               name="one_link_per_contact_and_date")]

    def __str__(self) -> str:
        return f"{self.contact.name} for {self.reporting_date}"

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    def last_day(self) -> datetime.date:
        """The last day the link works, as the email and page tell the contact (``expires_at`` is the midnight
        after it)."""
        return timezone.localtime(self.expires_at - datetime.timedelta(microseconds=1)).date()

    @property
    def by_label(self) -> str:
        """How the contact's changes are named in history."""
        return f"{self.contact.name} by update link"[:200]


class EmailKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    CHASE = "chase", "Chase"
    DECISION = "decision", "Extension decision"


class ReminderEmail(models.Model):
    link = models.ForeignKey(ReminderLink, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=10, choices=EmailKind.choices)
    to_email = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    action_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", help_text="Who chased; empty when sent on schedule.")

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_email} at {self.sent_at:%Y-%m-%d %H:%M}"


class LinkExtension(models.Model):
    """An extension asked for through an update link; ``notified_at`` is when the contact was told the
    decision (whichever page it was made on: ``send_reminders`` tells those decided elsewhere)."""

    extension = models.OneToOneField(Extension, on_delete=models.CASCADE, related_name="link_request")
    link = models.ForeignKey(ReminderLink, on_delete=models.CASCADE, related_name="extensions")
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.extension} via {self.link}"
