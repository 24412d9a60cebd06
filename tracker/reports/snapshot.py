"""What a committee report says, as plain JSON: the plan as it stood on the "as at" date, its summary, what
was completed since the last report and which target dates were extended.

    previous = ReportIssue.objects.previous_for(plan, as_at)
    data = build_snapshot(plan, as_at, committee="Cabinet", meeting_date=meeting, previous=previous)

The documents (tracker.reports.appendix) are drawn from this dict alone, so an issued report's stored
snapshot is exactly what it showed.

"As at" a past date is rebuilt from the history: every change recorded after the end of that day is undone
(newest first), and extensions decided after it count as still pending. Moves of an action between
recommendations are not undone (the action is shown where it is now).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tracker import presenters
from tracker.plans.models import CLOSED_STATES, Action, ActionChange, Extension, Plan, PlanChange, State
from tracker.plans.progress import RAGS, STATES, Progress

SNAPSHOT_VERSION = 1
# Fields whose history is replayed to rebuild an action as at a date.
_REPLAYED = ("text", "leads", "state", "rag", "commentary", "due_date", "due_text", "due_precision", "ongoing")


@dataclass
class ActionAt:
    """An action's reported fields at a moment (shaped like an Action for Progress and the presenters)."""

    id: int
    recommendation_id: int
    position: int
    text: str
    leads: str
    original_due_date: datetime.date | None
    original_due_text: str
    due_date: datetime.date | None
    due_text: str
    due_precision: str
    ongoing: bool
    state: str
    rag: str
    commentary: str


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the site's time zone: changes from then on are not reported."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def _restore(field: str, stored: str) -> Any:
    """A value as history stored it (tracker.plans.services._stored) back as the field's value."""
    if field == "due_date":
        return datetime.date.fromisoformat(stored) if stored else None
    if field == "ongoing":
        return stored == "yes"
    return stored


def actions_at(plan: Plan, moment: datetime.datetime) -> list[ActionAt]:
    """Every action of ``plan`` as it stood just before ``moment``: two queries whatever the plan's size."""
    rows = {a["id"]: ActionAt(**a) for a in Action.objects.filter(plan=plan).order_by("position", "id").values(
        "id", "recommendation_id", "position", "text", "leads", "original_due_date", "original_due_text",
        "due_date", "due_text", "due_precision", "ongoing", "state", "rag", "commentary")}
    later = (ActionChange.objects.filter(update__action__plan=plan, update__at__gte=moment,
                                         field__in=_REPLAYED)
             .order_by("-update__at", "-update_id", "-id").values_list("update__action_id", "field", "old"))
    for action_id, field, old in later:
        if action_id in rows:
            setattr(rows[action_id], field, _restore(field, old))
    return list(rows.values())


def _due(date: datetime.date | None, text: str, precision: str, ongoing: bool = False) -> str:
    return presenters.due_label(date, text, precision, ongoing)


def _ref(number: str, index: int, a_pos: int) -> str:
    """'3.2' for the second action of recommendation 3 (its printed number where it has one)."""
    return f"{(number or str(index)).strip().rstrip('.')}.{a_pos}"


def _extension_rows(plan: Plan, start: datetime.datetime | None, cut: datetime.datetime,
                    refs: dict[int, str], by_id: dict[int, ActionAt]) -> list[dict[str, Any]]:
    """Extensions asked for or decided in the period, with their decision as it stood at the cut."""
    extensions = (Extension.objects.filter(action__plan=plan, requested_at__lt=cut)
                  .order_by("requested_at", "id"))
    rows = []
    for ext in extensions:
        decided = ext.decided_at is not None and ext.decided_at < cut
        in_period = start is None or ext.requested_at >= start or (decided and ext.decided_at >= start)
        if not in_period or ext.action_id not in by_id:
            continue
        action = by_id[ext.action_id]
        status = ext.status if decided else "pending"
        rows.append({
            "action_id": ext.action_id, "ref": refs[ext.action_id], "action": action.text,
            "original_due": _due(action.original_due_date, action.original_due_text, action.due_precision),
            "from_due": ext.old_text or presenters.format_date(ext.old_date) or "No date",
            "to_due": presenters.format_date(ext.new_date) if ext.new_date and ext.new_text ==
            ext.new_date.isoformat() else ext.new_text,
            "reason": ext.reason, "status": status, "status_label": status.capitalize(),
            "requested": ", ".join([ext.requested_by_label or "Unknown",
                                    presenters.format_date(timezone.localdate(ext.requested_at))]),
            "decided": (f"{ext.decided_by_label}, {presenters.format_date(timezone.localdate(ext.decided_at))}"
                        if decided and ext.decided_at else ""),
        })
    return rows


def build_snapshot(plan: Plan, as_at: datetime.date, *, committee: str, meeting_date: datetime.date,
                   previous: Any = None) -> dict[str, Any]:
    """Everything the committee appendix reports for ``plan`` as at ``as_at`` (JSON-ready).

    ``previous`` is the last issued report (a ReportIssue) to compare with; without one, "completed since"
    compares with the plan as it was imported.
    """
    cut = end_of_day(as_at)
    actions = actions_at(plan, cut)
    by_id = {a.id: a for a in actions}
    recommendations = list(plan.recommendations.order_by("position", "id"))
    labels = plan.rag_labels or {}

    refs: dict[int, str] = {}
    sections = []
    for index, rec in enumerate(recommendations, start=1):
        rows = []
        for a_pos, action in enumerate((a for a in actions if a.recommendation_id == rec.pk), start=1):
            refs[action.id] = _ref(rec.number, index, a_pos)
            closed = action.state in CLOSED_STATES
            rows.append({
                "id": action.id, "ref": refs[action.id], "text": action.text,
                # Many plans name the lead once per recommendation (an "SLT Lead" column merged down).
                "leads": [line.strip() for line in action.leads.splitlines() if line.strip()]
                or [o for o in rec.owners if o.strip()],
                "original_due": _due(action.original_due_date, action.original_due_text, action.due_precision),
                "current_due": _due(action.due_date, action.due_text, action.due_precision, action.ongoing),
                "extended": (action.due_date, action.due_text) != (action.original_due_date,
                                                                   action.original_due_text),
                "state": action.state, "state_label": presenters.state_label(action.state),
                "rag": action.rag, "rag_label": presenters.rag_tag(action.rag, labels).text,
                "overdue": presenters.overdue_label(action.due_date, as_at, closed),
                "commentary": action.commentary,
            })
        sections.append({"number": rec.number or str(index), "theme": rec.theme, "text": rec.text, "owners": list(rec.owners),
                         "response": rec.response, "actions": rows})

    if previous is not None:
        before = {a["id"]: a["state"] for s in previous.snapshot["recommendations"] for a in s["actions"]}
        start: datetime.datetime | None = end_of_day(previous.as_at)
        compared = {"kind": "report", "as_at": previous.as_at.isoformat(), "committee": previous.committee,
                    "meeting_date": previous.meeting_date.isoformat(), "report_id": previous.pk}
    else:
        imported = plan.imported_at or plan.created_at
        before = {a.id: a.state for a in actions_at(plan, imported + datetime.timedelta(microseconds=1))}
        start = None
        compared = {"kind": "import", "date": timezone.localdate(imported).isoformat()}
    completed = [row for s in sections for row in s["actions"]
                 if row["state"] == State.COMPLETE and before.get(row["id"]) != State.COMPLETE]

    progress = Progress.from_actions(actions, as_at)
    return {
        "version": SNAPSHOT_VERSION,
        "council": plan.council.name,
        "plan": {"id": plan.pk, "title": plan.title, "kind": plan.get_kind_display(),
                 "organisation": plan.organisation},
        "committee": committee, "meeting_date": meeting_date.isoformat(), "as_at": as_at.isoformat(),
        "rag_labels": labels,
        "compared_with": compared,
        "summary": {
            "total": progress.total, "overdue": progress.overdue,
            "sentence": presenters.progress_sentence(progress, labels),
            "by_state": [{"state": s, "label": presenters.state_label(s), "count": progress.by_state[s]}
                         for s in STATES],
            "by_rag": [{"rag": r, "label": presenters.rag_tag(r, labels).text, "count": progress.by_rag[r]}
                       for r in RAGS]
            + [{"rag": "", "label": "No rating",
                "count": progress.total - sum(progress.by_rag.values())}],
        },
        "completed_since": [{k: row[k] for k in ("id", "ref", "text", "leads", "original_due", "current_due")}
                            for row in completed],
        "extensions": _extension_rows(plan, start, cut, refs, by_id),
        "plan_changes": _plan_change_rows(plan, start, cut),
        "recommendations": sections,
    }


def _plan_change_rows(plan: Plan, start: datetime.datetime | None, cut: datetime.datetime) -> list[dict[str, Any]]:
    """Recommendations and actions added to or removed from the plan in the period, with who and why."""
    changes = PlanChange.objects.filter(plan=plan, at__lt=cut).order_by("at", "id")
    if start is not None:
        changes = changes.filter(at__gte=start)
    return [{"kind": c.kind, "label": c.get_kind_display(), "ref": c.ref, "text": c.text, "reason": c.reason,
             "by": c.by_label, "date": timezone.localdate(c.at).isoformat()} for c in changes]
