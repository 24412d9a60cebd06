"""Issued committee reports: a frozen snapshot of exactly what was reported, and the documents as issued.

A report, once issued, never changes: ``snapshot`` holds every figure and word the appendix showed, and
``docx`` / ``pdf`` the bytes that went to the committee, so an earlier report downloads as it was issued even
after the plan has moved on. The next report compares itself with the latest earlier snapshot
("completed since the last report").
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from tracker.plans.models import Plan


class ReportIssueQuerySet(models.QuerySet["ReportIssue"]):
    def previous_for(self, plan: Plan, as_at: datetime.date) -> ReportIssue | None:
        """The report a new one as at ``as_at`` is compared with: the latest issued with an earlier
        "as at" date (a re-issue for the same date is a correction, not the last report)."""
        return (self.filter(plan=plan, as_at__lt=as_at).order_by("-as_at", "-issued_at", "-id")
                .defer("docx", "pdf").first())


class ReportIssueManager(models.Manager.from_queryset(ReportIssueQuerySet)):  # type: ignore[misc]
    # The documents are tens of kilobytes each: load them only for a download.
    def get_queryset(self) -> ReportIssueQuerySet:
        return super().get_queryset().defer("docx", "pdf")


class ReportIssue(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_issues")
    as_at = models.DateField(help_text="The date the report's figures stand at.")
    committee = models.CharField(max_length=200)
    meeting_date = models.DateField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_by_label = models.CharField(max_length=200, blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    snapshot = models.JSONField(help_text="Everything the appendix reported, as reported.")
    docx = models.BinaryField(editable=False)
    pdf = models.BinaryField(editable=False)

    objects = ReportIssueManager()

    class Meta:
        ordering = ["-as_at", "-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.committee}, {self.meeting_date:%d %B %Y} (as at {self.as_at:%d %B %Y})"

    def filename(self, extension: str) -> str:
        """'appendix-cabinet-2026-03-12.docx': what the download is saved as."""
        from django.utils.text import slugify

        return f"appendix-{slugify(self.committee)[:60] or 'committee'}-{self.meeting_date:%Y-%m-%d}.{extension}"
