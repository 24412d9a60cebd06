"""API tokens: one per client system, belonging to one council.

Only a SHA-256 digest of a token is stored. A token is 32 random bytes, so a fast hash is enough: nobody can
guess a preimage, and the lookup by digest is one indexed query. The person who creates a token sees it once.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from tracker.accounts.models import Council

# Lets secret scanners and people recognise a leaked token. Not a secret itself.
TOKEN_PREFIX = "apt_"  # noqa: S105


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def for_council(self, council: Council) -> ApiTokenQuerySet:
        return self.filter(council=council)

    def authenticate(self, token: str) -> ApiToken | None:
        """The active token whose digest matches, or None."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        return self.active().select_related("council").filter(token_hash=digest(token)).first()


class ApiToken(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses the token, e.g. 'Performance dashboard'.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False, help_text="The token's first characters.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.council})"

    @property
    def history_label(self) -> str:
        """How changes made with this token are signed in an action's history."""
        return f"API token {self.name}"

    @classmethod
    def create(cls, council: Council, name: str, created_by: object | None = None) -> tuple[ApiToken, str]:
        """A new token and its secret, which is not stored and cannot be shown again."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(council=council, name=name.strip()[:100], token_hash=digest(secret),
                                   hint=secret[:10], created_by=created_by)
        return token, secret
