"""Councils (the tenants) and who belongs to them, with which role.

A user may belong to several councils, with one role in each. Every page that shows or changes a council's
data resolves the council through :func:`tracker.accounts.access.council_for`, which uses these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"
    ADMIN = "admin", "Admin"


# Each role can do everything the roles before it can.
ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


class Council(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "council"], name="one_membership_per_council")]
        ordering = ["council__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} in {self.council} ({self.role})"

    def allows(self, role: str) -> bool:
        """True if this membership's role is ``role`` or a stronger one."""
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(role)]
