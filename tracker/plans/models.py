"""A council's improvement action plans: recommendations, actions, their history and extensions.

How to use (for pages and reports):

    plans = Plan.objects.for_council(council).with_progress(today)    # dashboard: one query
    plan.progress()                                                   # after with_progress(): no query
    recs = plan.recommendations.with_actions()                        # plan page: 3 queries whatever the size
    rec.progress(today)                                               # from the prefetched actions
    Action.objects.for_council(council).overdue(today).with_related()
    Action.objects.for_council(council).for_lead("CT")                # by-lead view
    action.updates.with_changes()                                     # history timeline, newest first

Never write to an Action's fields directly from a view: go through ``tracker.plans.services`` so that every
change leaves an ActionUpdate with its ActionChange rows, and a change of target date an Extension.
``original_due_date`` / ``original_due_text`` are set once at import and never changed afterwards.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tracker.accounts.models import Council
from tracker.plans.progress import Progress


class Kind(models.TextChoices):
    CPC = "cpc", "Corporate peer challenge"
    PROGRESS_REVIEW = "progress_review", "Progress review"
    AUDIT = "audit", "Audit"
    OTHER = "other", "Other"


class State(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    ONGOING = "ongoing", "Ongoing"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    ON_HOLD = "on_hold", "On hold"


# States in which an action no longer has a target to miss.
CLOSED_STATES = (State.COMPLETE, State.NOT_ACCEPTED, State.ONGOING)


class Rag(models.TextChoices):
    NONE = "", "No rating"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


class Via(models.TextChoices):
    WEB = "web", "Web page"
    IMPORT = "import", "Plan import"
    SPREADSHEET = "spreadsheet", "Spreadsheet import"
    API = "api", "API"
    LINK = "link", "Update link"


DEFAULT_RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}


def default_rag_labels() -> dict[str, str]:
    return dict(DEFAULT_RAG_LABELS)


def lead_key(name: str) -> str:
    """How lead names are matched: case and spacing do not matter ("ct" is "CT")."""
    return re.sub(r"\s+", " ", name).strip().casefold()


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_council(self, council: Council) -> PlanQuerySet:
        return self.filter(council=council)

    def with_progress(self, today: datetime.date | None = None) -> PlanQuerySet:
        """Annotate counts by state and RAG (and overdue, as of ``today``) so ``plan.progress()`` needs no
        further query: the dashboard lists every plan with its progress in one query."""
        today = today or timezone.localdate()
        # One join (actions); the recommendation count is a subquery so the join does not multiply rows.
        annotations: dict[str, Any] = {"n_actions": Count("actions")}
        for state in State:
            annotations[f"n_state_{state.value}"] = Count("actions", filter=Q(actions__state=state.value))
        for rag in Rag:
            if rag.value:
                annotations[f"n_rag_{rag.value}"] = Count("actions", filter=Q(actions__rag=rag.value))
        annotations["n_overdue"] = Count("actions", filter=Action.overdue_q(today))
        recommendations = (Recommendation.objects.filter(plan=OuterRef("pk")).order_by()
                           .values("plan").annotate(n=Count("pk")).values("n"))
        annotations["n_recommendations"] = Coalesce(Subquery(recommendations), 0)
        return self.annotate(**annotations).select_related("council", "imported_by", "progress_override_by")


class PlanManager(models.Manager.from_queryset(PlanQuerySet)):  # type: ignore[misc]
    # The source document and the parser's JSON can be megabytes: load them only when asked for.
    def get_queryset(self) -> PlanQuerySet:
        return super().get_queryset().defer("source_file", "parsed_json")


class Plan(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CPC)
    peer_challenge_date = models.DateField(null=True, blank=True)
    organisation = models.CharField(max_length=300, blank=True)
    as_of = models.DateField(null=True, blank=True, help_text="The date the document says it stands at.")
    notes = models.TextField(blank=True)
    legend = models.JSONField(default=dict, blank=True)
    rag_labels = models.JSONField(default=default_rag_labels, blank=True)
    # What was imported, by whom, when: the source document's bytes are kept in the database so saving an
    # import is one transaction (a file on disk would survive a rollback) and works the same on every host.
    source_file = models.BinaryField(null=True, blank=True, editable=False)
    source_filename = models.CharField(max_length=255, blank=True)
    source_format = models.CharField(max_length=10, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    parsed_json = models.JSONField(null=True, blank=True, help_text="The parser's output, before review.")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(default=False)
    progress_override = models.CharField(max_length=300, blank=True,
                                         help_text="A progress statement set by hand, shown as such.")
    progress_override_note = models.TextField(blank=True)
    # Who set the statement and when, shown beside it; kept if the person's account is later deleted.
    progress_override_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    progress_override_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanManager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def rag_label(self, rag: str) -> str:
        """The plan's own word for a RAG colour ("" for no rating)."""
        if not rag:
            return ""
        return (self.rag_labels or {}).get(rag) or DEFAULT_RAG_LABELS.get(rag, rag.title())

    def progress(self, today: datetime.date | None = None) -> Progress:
        """Counts by state and RAG with the sentence a person reads; uses the annotations from
        ``with_progress()`` when present (no query), otherwise counts with one query."""
        if hasattr(self, "n_actions"):
            by_state = {s.value: getattr(self, f"n_state_{s.value}") for s in State}
            by_rag = {r.value: getattr(self, f"n_rag_{r.value}") for r in Rag if r.value}
            overdue = self.n_overdue
        else:
            annotated = Plan.objects.with_progress(today).get(pk=self.pk)
            return Progress.from_counts(
                {s.value: getattr(annotated, f"n_state_{s.value}") for s in State},
                {r.value: getattr(annotated, f"n_rag_{r.value}") for r in Rag if r.value},
                annotated.n_overdue, self.progress_override, self.progress_override_note)
        return Progress.from_counts(by_state, by_rag, overdue, self.progress_override,
                                    self.progress_override_note)


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def with_actions(self) -> RecommendationQuerySet:
        """Recommendations in order, each with its actions (in order) and their lead rows prefetched:
        a whole plan in three queries."""
        actions = Action.objects.order_by("position", "id").prefetch_related("lead_rows")
        return self.order_by("position", "id").prefetch_related(Prefetch("actions", queryset=actions))

    def for_theme(self, theme: str) -> RecommendationQuerySet:
        return self.filter(theme=theme)


class Recommendation(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField(default=0)
    number = models.CharField(max_length=30, blank=True)
    text = models.TextField()
    theme = models.CharField(max_length=300, blank=True)
    response = models.TextField(blank=True)
    owners = models.JSONField(default=list, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    progress_override = models.CharField(max_length=300, blank=True)
    progress_override_note = models.TextField(blank=True)
    progress_override_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.SET_NULL, related_name="+")
    progress_override_at = models.DateTimeField(null=True, blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"Recommendation {self.number}" if self.number else f"Recommendation {self.position + 1}"

    def progress(self, today: datetime.date | None = None) -> Progress:
        """Progress over this recommendation's actions. Uses prefetched actions (``with_actions()``) when
        present, so a plan page costs no query per recommendation."""
        today = today or timezone.localdate()
        return Progress.from_actions(list(self.actions.all()), today, self.progress_override,
                                     self.progress_override_note)


class ActionQuerySet(models.QuerySet["Action"]):
    def for_council(self, council: Council) -> ActionQuerySet:
        return self.filter(plan__council=council)

    def with_related(self) -> ActionQuerySet:
        """Plan, recommendation and lead rows loaded with the actions (for lists across plans)."""
        return self.select_related("plan", "recommendation").prefetch_related("lead_rows")

    def open(self) -> ActionQuerySet:
        """Actions still to be done: not complete, not declined, not a standing 'ongoing' commitment."""
        return self.exclude(state__in=CLOSED_STATES)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        """Open actions whose current target date is before ``today``."""
        return self.filter(Action.overdue_q(today or timezone.localdate(), prefix=""))

    def due_within(self, days: int, today: datetime.date | None = None) -> ActionQuerySet:
        """Open actions due from ``today`` to ``days`` days later, inclusive."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def for_theme(self, theme: str) -> ActionQuerySet:
        return self.filter(recommendation__theme=theme)

    def for_lead(self, name: str) -> ActionQuerySet:
        """Actions with ``name`` among their leads (case and spacing ignored)."""
        return self.filter(lead_rows__key=lead_key(name)).distinct()


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    leads = models.TextField(blank=True, help_text="As printed, one per line.")
    original_due_date = models.DateField(null=True, blank=True, editable=False)
    original_due_text = models.CharField(max_length=300, blank=True, editable=False)
    due_date = models.DateField(null=True, blank=True)
    due_text = models.CharField(max_length=300, blank=True)
    due_precision = models.CharField(max_length=10, blank=True)
    ongoing = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.NOT_STARTED)
    rag = models.CharField(max_length=10, choices=Rag.choices, blank=True, default="")
    priority = models.CharField(max_length=20, blank=True)
    timescale = models.CharField(max_length=100, blank=True)
    anticipated_completion = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    measure = models.TextField(blank=True)
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["plan", "state"]), models.Index(fields=["due_date"])]

    def __str__(self) -> str:
        return self.text[:80]

    @staticmethod
    def overdue_q(today: datetime.date, prefix: str = "actions__") -> Q:
        """The overdue condition, usable on actions (``prefix=""``) or through a plan (``"actions__"``)."""
        return Q(**{f"{prefix}due_date__lt": today}) & ~Q(**{f"{prefix}state__in": CLOSED_STATES})

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.due_date is not None and self.due_date < today and self.state not in CLOSED_STATES

    @property
    def lead_names(self) -> list[str]:
        return [line.strip() for line in self.leads.splitlines() if line.strip()]

    @property
    def date_extended(self) -> bool:
        """True when the current target differs from the original one."""
        return (self.due_date, self.due_text) != (self.original_due_date, self.original_due_text)


class ActionLead(models.Model):
    """One lead of an action, for the by-lead view and reminders. Kept in step with ``Action.leads`` by the
    services."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="lead_rows")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ActionUpdateQuerySet(models.QuerySet["ActionUpdate"]):
    def with_changes(self) -> ActionUpdateQuerySet:
        """Newest first, with each update's changes and user: a whole timeline in two queries."""
        return self.select_related("by_user").prefetch_related("changes").order_by("-at", "-id")


class ActionUpdate(models.Model):
    """One change to an action: who (a user, or a label for people who are not users), when, how, why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    by_label = models.CharField(max_length=200, blank=True)
    via = models.CharField(max_length=20, choices=Via.choices, default=Via.WEB)
    comment = models.TextField(blank=True)

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.by_label or self.by_user} on {self.at:%Y-%m-%d %H:%M}"


class ActionChange(models.Model):
    """One field changed by an update. ``old`` and ``new`` are stored values (codes such as 'in_progress',
    ISO dates); presenters turn them into words."""

    update = models.ForeignKey(ActionUpdate, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=50)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old!r} → {self.new!r}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class Extension(models.Model):
    """A request to move an action's target date, and the decision on it. Only an approved extension
    changes the action's current date; the original date never changes."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="extensions")
    old_date = models.DateField(null=True, blank=True)
    new_date = models.DateField(null=True, blank=True)
    old_text = models.CharField(max_length=300, blank=True)
    new_text = models.CharField(max_length=300, blank=True)
    reason = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_by_label = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_by_label = models.CharField(max_length=200, blank=True,
                                        help_text="Who approved, as people say it ('Cabinet', 'CLT').")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    update = models.ForeignKey(ActionUpdate, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", help_text="The history entry written on approval.")

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_text or self.old_date} → {self.new_text or self.new_date} ({self.status})"


class PlanChangeKind(models.TextChoices):
    RECOMMENDATION_ADDED = "recommendation_added", "Recommendation added"
    RECOMMENDATION_REMOVED = "recommendation_removed", "Recommendation removed"
    ACTION_ADDED = "action_added", "Action added"
    ACTION_REMOVED = "action_removed", "Action removed"


class PlanChange(models.Model):
    """A recommendation or action added to a plan after it was imported, or removed from it: who, when and
    why. A removed row and its history are deleted (so no page, report or export can count it by mistake);
    ``removed`` keeps everything it held, its history included, as it was at removal."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="plan_changes")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    by_label = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=30, choices=PlanChangeKind.choices)
    ref = models.CharField(max_length=100, help_text="Which row, as the plan numbered it then ('Recommendation "
                                                     "3, action 2').")
    text = models.TextField(help_text="The row's wording.")
    reason = models.TextField()
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    removed = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.ref}"
