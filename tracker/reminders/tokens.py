"""Update-link tokens (docs/adr/0010-update-links.md).

A token is ``django.core.signing`` over ``[link id, random secret]``: the signature rejects a tampered or
made-up token before the database is asked, and the secret, stored only as its sha256 in the
``ReminderLink`` row, ties the token to the row's current issue, so sending a new link (a chase) retires the
old one and a copy of the database holds no working link. Expiry and revocation are the row's.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Literal

from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from tracker.reminders.models import Contact, ReminderLink, ReportingDate

SALT = "tracker.reminders.update-link"

Problem = Literal["invalid", "replaced", "revoked", "expired"]


class LinkError(Exception):
    """The token does not open a page. ``problem`` says why, for the page the contact sees."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem: Problem = problem


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _token(link_id: int, secret: str) -> str:
    return signing.Signer(salt=SALT).sign_object([link_id, secret])


def issue(contact: Contact, reporting_date: ReportingDate) -> tuple[ReminderLink, str]:
    """The contact's link for this reporting date with a new secret, and its token. A link issued before is
    kept (its history, its responses) but its old token stops working; a revoked one works again."""
    secret = secrets.token_urlsafe(32)
    link, created = ReminderLink.objects.get_or_create(
        contact=contact, reporting_date=reporting_date,
        defaults={"secret_hash": _hash(secret), "expires_at": reporting_date.link_expiry()})
    if not created:
        link.secret_hash = _hash(secret)
        link.revoked_at = None
        link.save(update_fields=["secret_hash", "revoked_at"])
    return link, _token(link.pk, secret)


def open_link(token: str) -> ReminderLink:
    """The link a token opens, or LinkError. Checks, in order: signature, the current secret, revocation,
    expiry."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise LinkError("invalid") from None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)
            and isinstance(value[1], str)):
        raise LinkError("invalid")
    link_id, secret = value
    link = (ReminderLink.objects.select_related("contact__council", "reporting_date__plan")
            .filter(pk=link_id).first())
    if link is None:
        raise LinkError("invalid")
    if not constant_time_compare(link.secret_hash, _hash(secret)):
        # Signed by us, so it was a real link: a newer one has been sent since.
        raise LinkError("replaced")
    if link.revoked_at is not None:
        raise LinkError("revoked")
    if link.is_expired(timezone.now()):
        raise LinkError("expired")
    return link
