"""A saved plan as interchange JSON (planparse/actionplan.schema.json, version 1).

``plan_interchange(plan)`` gives a dict valid against the schema; importing it (the import journey reads
JSON, or ``planparse.parse`` then ``services.save_import``) gives back the same recommendations and actions
with the same fields. Where the tracker knows more than the format has room for, it is written into the
action's ``extra`` cells under a plain heading rather than dropped:

- "Delivery state": the tracker's state ('On hold'), only where it cannot be told from ``completed`` and the
  other fields; the import reads it back (``services.STATE_EXTRA_KEY``).
- "Original target date": the date first agreed, only where it has been extended. The format has one target
  date per action, so a plan imported from this file starts with the current date as its original.

The source document, review history, extensions, the kind of plan and the peer challenge date are not part
of the format.
"""

from __future__ import annotations

from typing import Any

from planparse.model import FORMATS
from tracker import presenters
from tracker.exchange.spreadsheet import plan_actions
from tracker.plans.models import Plan, Recommendation, State
from tracker.plans.services import STATE_EXTRA_KEY, state_from_parsed

SCHEMA_PRIORITIES = ("high", "medium", "low")
ORIGINAL_DATE_KEY = "Original target date"


def _or_none(value: str) -> str | None:
    return value if value else None


def action_interchange(action: Any, legend: dict[str, Any]) -> dict[str, Any]:
    extra = dict(action.extra or {})
    extra.pop(STATE_EXTRA_KEY, None)
    due = None
    if action.due_date or action.due_text or action.ongoing:
        due = {"text": action.due_text or (action.due_date.isoformat() if action.due_date else ""),
               "date": action.due_date.isoformat() if action.due_date else None,
               "precision": action.due_precision or None, "ongoing": action.ongoing}
    if action.date_extended:
        extra[ORIGINAL_DATE_KEY] = (action.original_due_text
                                    or presenters.format_date(action.original_due_date) or "No date")
    priority = action.priority.casefold() if action.priority else None
    if priority is not None and priority not in SCHEMA_PRIORITIES:
        extra.setdefault("Priority", action.priority)
        priority = None
    data: dict[str, Any] = {
        "text": action.text,
        "owners": action.lead_names,
        "due": due,
        "status": action.rag or None,
        "completed": True if action.state == State.COMPLETE else None,
        "priority": priority,
        "timescale": _or_none(action.timescale),
        "anticipated_completion": _or_none(action.anticipated_completion),
        "commentary": _or_none(action.commentary),
        "measure": _or_none(action.measure),
    }
    # Say the state only where an import would not arrive at it from the other fields.
    if state_from_parsed({**data, "extra": extra}, legend) != action.state:
        extra[STATE_EXTRA_KEY] = presenters.state_label(action.state)
    if extra:
        data["extra"] = {str(k): str(v) for k, v in extra.items()}
    return data


def _source(plan: Plan) -> dict[str, str] | None:
    if plan.source_format not in FORMATS or len(plan.source_sha256 or "") != 64:
        return None
    return {"filename": plan.source_filename, "format": plan.source_format, "sha256": plan.source_sha256}


def plan_interchange(plan: Plan) -> dict[str, Any]:
    """The plan in the interchange format: recommendations in order, each with its actions in order."""
    legend = plan.legend or {}
    by_rec: dict[int, list[Any]] = {}
    for action in plan_actions(plan):
        by_rec.setdefault(action.recommendation_id, []).append(action)
    recommendations = []
    for rec in Recommendation.objects.filter(plan=plan).order_by("position", "id"):
        item: dict[str, Any] = {
            "number": rec.number,
            "text": rec.text,
            "theme": _or_none(rec.theme),
            "response": _or_none(rec.response),
            "owners": [str(o) for o in rec.owners or []],
            "actions": [action_interchange(a, legend) for a in by_rec.get(rec.pk, [])],
        }
        if rec.extra:
            item["extra"] = {str(k): str(v) for k, v in rec.extra.items()}
        recommendations.append(item)
    return {
        "schema_version": 1,
        "title": plan.title,
        "organisation": _or_none(plan.organisation),
        "as_of": plan.as_of.isoformat() if plan.as_of else None,
        "notes": _or_none(plan.notes),
        # Provenance: the document the plan was first read from (a re-import names the JSON file instead).
        "source": _source(plan),
        "legend": {str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in legend.items()},
        "recommendations": recommendations,
        "warnings": [],
    }
