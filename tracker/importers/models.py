"""An uploaded plan waiting for review (docs/adr/0007): held server-side, scoped to its council.

``parsed_json`` is what the parser read and is never edited; ``reviewed_json`` starts as a copy and takes the
corrections made on the review screen. Saving turns ``reviewed_json`` into a plan and deletes this row (the
plan keeps the file and the parser's JSON).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from tracker.accounts.models import Council


class PendingImportQuerySet(models.QuerySet["PendingImport"]):
    def for_council(self, council: Council) -> PendingImportQuerySet:
        return self.filter(council=council)

    def older_than(self, days: int) -> PendingImportQuerySet:
        return self.filter(uploaded_at__lt=timezone.now() - datetime.timedelta(days=days))


class PendingImport(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="pending_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    parsed_json = models.JSONField()
    reviewed_json = models.JSONField()

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} (pending review)"
