"""An uploaded spreadsheet waiting for its changes to be confirmed (the preview), scoped to its plan.

The file's bytes are kept rather than the changes: on apply the file is compared with the plan again inside
the transaction, and the changes applied only if they are still exactly those previewed (``digest``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tracker.plans.models import Plan


class SheetUpload(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sheet_uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    digest = models.CharField(max_length=64, help_text="What the preview showed (sheet_import.Reading.digest).")

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} (waiting to be applied)"
