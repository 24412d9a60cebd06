"""An uploaded plan waiting for review (docs/adr/0007): held server-side, scoped to its council.

``parsed_json`` is what the parser read and is never edited; ``reviewed_json`` starts as a copy and takes the
corrections made on the review screen. Saving turns ``reviewed_json`` into a plan and deletes this row (the
plan keeps the file and the parser's JSON).

``hints`` are what the reviewer told the importer when asking it to read the document again
(``planparse.Hints`` as a dict: layout, start, columns), so the reading on screen can be made again and says
how it was made; ``candidates`` the readings the importer weighed, best first, to offer another one.
``document`` is the text as read, passage by passage with where each came from, and the headings of its
tables (``source.document_as_read``): read once, since a PDF can take seconds.
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
    hints = models.JSONField(default=dict, blank=True)
    candidates = models.JSONField(default=list, blank=True)
    document = models.JSONField(null=True, blank=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} (pending review)"
