"""Who published or withdrew a plan, and when.

``Plan.published`` is what the public pages obey; each change of it also leaves a PublicationEvent here so a
council can answer "since when has this been public, and who decided?". Kept in this app rather than as
fields on Plan so the plans app needs no migration for it (and the whole record, not just the latest change,
is kept).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tracker.plans.models import Plan


class PublicationEventQuerySet(models.QuerySet["PublicationEvent"]):
    def latest_for(self, plan: Plan) -> PublicationEvent | None:
        return self.filter(plan=plan).order_by("-at", "-id").first()


class PublicationEvent(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="publication_events")
    published = models.BooleanField(help_text="True when the plan was published, False when withdrawn.")
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    by_label = models.CharField(max_length=200, blank=True)

    objects = PublicationEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        verb = "published" if self.published else "withdrawn"
        return f"{self.plan} {verb} by {self.by_label} at {self.at:%Y-%m-%d %H:%M}"
