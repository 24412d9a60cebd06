"""A saved plan as an interchange-format document (planparse's schema v1), as the API returns it.

The document describes the plan as it stands now: each action's ``due`` is its current target date (after
any approved extension), ``status`` its RAG rating and ``completed`` whether the tracker has it complete. The
schema has no place for the tracker's other states or for ids; ``GET /api/plans/<id>/actions/`` gives those.
"""

from __future__ import annotations

from typing import Any

from planparse.model import FORMATS, PRECISIONS, PRIORITIES
from tracker.plans.models import Action, Plan, Recommendation, State


def _text(value: str) -> str | None:
    return value if value else None


def _extra(values: dict[str, Any] | None) -> dict[str, str]:
    # The schema wants strings; anything else a future import stored is written as text rather than lost.
    return {str(k): v if isinstance(v, str) else str(v) for k, v in (values or {}).items()}


def action_document(action: Action) -> dict[str, Any]:
    due = None
    if action.due_date or action.due_text or action.ongoing:
        due = {
            "text": action.due_text or (action.due_date.isoformat() if action.due_date else "ongoing"),
            "date": action.due_date.isoformat() if action.due_date else None,
            "precision": action.due_precision if action.due_precision in PRECISIONS else None,
            "ongoing": action.ongoing,
        }
    extra = _extra(action.extra)
    priority = action.priority.lower() if action.priority.lower() in PRIORITIES else None
    if action.priority and priority is None:
        extra.setdefault("Priority", action.priority)  # a priority the schema cannot name is kept, not lost
    doc: dict[str, Any] = {
        "text": action.text,
        "owners": action.lead_names,
        "due": due,
        "status": action.rag or None,
        "completed": action.state == State.COMPLETE,
        "priority": priority,
        "timescale": _text(action.timescale),
        "anticipated_completion": _text(action.anticipated_completion),
        "commentary": _text(action.commentary),
        "measure": _text(action.measure),
    }
    if extra:
        doc["extra"] = extra
    return doc


def recommendation_document(rec: Recommendation) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "number": rec.number or str(rec.position + 1),
        "text": rec.text,
        "theme": _text(rec.theme),
        "response": _text(rec.response),
        "owners": [str(o) for o in rec.owners or []],
        "actions": [action_document(a) for a in rec.actions.all()],
    }
    if rec.extra:
        doc["extra"] = _extra(rec.extra)
    return doc


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan in the interchange format (valid against schema v1; tests/web/test_api.py checks it)."""
    source = None
    if plan.source_format in FORMATS and len(plan.source_sha256) == 64:
        source = {"filename": plan.source_filename, "format": plan.source_format, "sha256": plan.source_sha256}
    return {
        "schema_version": 1,
        "title": plan.title,
        "organisation": _text(plan.organisation),
        "as_of": plan.as_of.isoformat() if plan.as_of else None,
        "notes": _text(plan.notes),
        "source": source,
        "legend": {str(k): _extra(v) for k, v in (plan.legend or {}).items() if isinstance(v, dict)},
        "recommendations": [recommendation_document(r) for r in plan.recommendations.with_actions()],
        "warnings": [],
    }
