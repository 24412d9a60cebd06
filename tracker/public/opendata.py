"""What a published plan shows the public, as a page, a CSV file and a JSON file (docs/public-and-api.md).

One reading of the plan (:func:`public_plan`) feeds all three, so the page and the downloads never disagree.
It holds only what is public by decision (docs/public-and-api.md, "What is public"): the plan as the council
published it, each action's current state, RAG rating and target dates, and the progress figures. Never the
history (who changed what, their comments), extension reasons, the people who asked for or agreed them, the
source file, nor the imported "extra" columns (a council may have kept internal notes in them).

Downloads are under the Open Government Licence v3.0: the JSON file says so in its ``metadata``; the CSV file
is described by a CSV on the Web (W3C CSVW) metadata file giving its licence and columns, which the CSV
response links to in a ``Link`` header, as does the JSON response.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from tracker import presenters
from tracker.plans.models import Action, Plan, Recommendation
from tracker.plans.progress import Progress

OGL_NAME = "Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."

# Spreadsheet programs run a cell that starts with one of these as a formula. Imported text is written by
# people outside our control, so such a cell gets a leading apostrophe (OWASP's advice for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PublicAction:
    """One action as the public sees it."""

    number: str  # "3.2": the recommendation's number and the action's place in it
    recommendation: str
    theme: str
    text: str
    leads: list[str]
    original_target: str
    original_target_date: datetime.date | None
    target: str
    target_date: datetime.date | None
    target_moved: bool
    state: str
    state_label: str
    rag: str
    rag_label: str
    overdue: bool
    priority: str
    timescale: str
    anticipated_completion: str
    commentary: str
    measure: str
    last_updated: datetime.date
    rag_labels: dict[str, str]

    @property
    def state_tag(self) -> presenters.Tag:
        return presenters.state_tag(self.state)

    @property
    def rag_tag(self) -> presenters.Tag:
        return presenters.rag_tag(self.rag, self.rag_labels)


@dataclass(frozen=True)
class PublicRecommendation:
    number: str
    theme: str
    text: str
    response: str
    progress: str
    actions: list[PublicAction]


@dataclass(frozen=True)
class PublicPlan:
    plan: Plan
    publisher: str
    progress: Progress
    progress_sentence: str
    recommendations: list[PublicRecommendation]
    last_updated: datetime.date | None

    @property
    def actions(self) -> list[PublicAction]:
        return [a for r in self.recommendations for a in r.actions]


def _recommendation_number(rec: Recommendation) -> str:
    return rec.number or str(rec.position + 1)


def _public_action(action: Action, rec: Recommendation, index: int, plan: Plan,
                   today: datetime.date) -> PublicAction:
    return PublicAction(
        number=f"{_recommendation_number(rec)}.{index + 1}",
        recommendation=_recommendation_number(rec),
        theme=rec.theme,
        text=action.text,
        leads=action.lead_names,
        original_target=presenters.due_label(action.original_due_date, action.original_due_text,
                                             action.due_precision, action.ongoing),
        original_target_date=action.original_due_date,
        target=presenters.due_label(action.due_date, action.due_text, action.due_precision, action.ongoing),
        target_date=action.due_date,
        target_moved=action.date_extended,
        state=action.state,
        state_label=presenters.state_label(action.state),
        rag=action.rag,
        rag_label=presenters.rag_label(action.rag, plan.rag_labels) if action.rag else "",
        overdue=action.is_overdue(today),
        priority=action.priority,
        timescale=action.timescale,
        anticipated_completion=action.anticipated_completion,
        commentary=action.commentary,
        measure=action.measure,
        last_updated=action.updated_at.date(),
        rag_labels=plan.rag_labels or {},
    )


def public_plan(plan: Plan, today: datetime.date) -> PublicPlan:
    """The public reading of ``plan`` (three queries: plan progress, recommendations, actions)."""
    recommendations = []
    for rec in plan.recommendations.with_actions():
        actions = list(rec.actions.all())
        progress = Progress.from_actions(actions, today, rec.progress_override)
        recommendations.append(PublicRecommendation(
            number=_recommendation_number(rec), theme=rec.theme, text=rec.text, response=rec.response,
            progress=presenters.progress_sentence(progress, plan.rag_labels) if actions else "",
            actions=[_public_action(a, rec, i, plan, today) for i, a in enumerate(actions)]))
    progress = plan.progress(today)
    updated = plan.actions.aggregate(last=Max("updated_at"))["last"]
    return PublicPlan(plan=plan, publisher=plan.council.name, progress=progress,
                      progress_sentence=presenters.progress_sentence(progress, plan.rag_labels),
                      recommendations=recommendations,
                      last_updated=updated.date() if updated else None)


# The CSV file's columns: (heading, CSVW datatype, what the cell holds). The headings are the CSVW titles.
CSV_COLUMNS: list[tuple[str, str, str]] = [
    ("Action number", "string", "The recommendation's number and the action's place under it, e.g. 3.2"),
    ("Recommendation number", "string", "As printed in the plan"),
    ("Theme", "string", "The section of the plan the recommendation sits under"),
    ("Recommendation", "string", "The recommendation's wording"),
    ("Action", "string", "The action's wording"),
    ("Leads", "string", "Who leads the action, as the plan names them; several are separated by semicolons"),
    ("Original target date", "string", "The target date as first set"),
    ("Original target date (ISO 8601)", "date", "The last day of the period first set, where there is one"),
    ("Current target date", "string", "The target date now, after any agreed extension"),
    ("Current target date (ISO 8601)", "date", "The last day of the current target period, where there is one"),
    ("Target date moved", "boolean", "yes when the current target differs from the original one"),
    ("State", "string", "Not started, In progress, Complete, Ongoing, Not accepted or On hold"),
    ("RAG rating", "string", "The plan's own word for the rating"),
    ("RAG colour", "string", "red, amber, green or blue; empty for no rating"),
    ("Overdue", "boolean", "yes when the action is open and its current target date has passed"),
    ("Priority", "string", ""),
    ("Timescale", "string", ""),
    ("Anticipated completion", "string", ""),
    ("Progress commentary", "string", "The published progress note"),
    ("How it is measured", "string", ""),
    ("Last updated (ISO 8601)", "date", "The day the action was last changed"),
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_row(rec: PublicRecommendation, a: PublicAction) -> list[str]:
    return [_cell(v) for v in (
        a.number, a.recommendation, a.theme, rec.text, a.text, "; ".join(a.leads),
        a.original_target, a.original_target_date, a.target, a.target_date, a.target_moved,
        a.state_label, a.rag_label, a.rag, a.overdue, a.priority, a.timescale, a.anticipated_completion,
        a.commentary, a.measure, a.last_updated)]


def actions_csv(public: PublicPlan) -> bytes:
    """One row per action, UTF-8 with a byte order mark (so Excel reads the accents), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for heading, _, _ in CSV_COLUMNS])
    for rec in public.recommendations:
        writer.writerows(_csv_row(rec, a) for a in rec.actions)
    return out.getvalue().encode("utf-8-sig")


def csv_metadata(public: PublicPlan, csv_url: str, page_url: str) -> dict[str, Any]:
    """The CSV file's description in CSV on the Web (https://www.w3.org/TR/tabular-metadata/)."""
    plan = public.plan
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_url,
        "dc:title": f"{plan.title}: actions",
        "dc:publisher": public.publisher,
        "dc:license": {"@id": OGL_URL},
        "dc:rights": OGL_ATTRIBUTION,
        "dc:source": page_url,
        "dc:modified": _iso(public.last_updated),
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {"columns": [
            {"titles": heading, "datatype": datatype, **({"dc:description": about} if about else {})}
            for heading, datatype, about in CSV_COLUMNS]},
    }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _action_json(a: PublicAction) -> dict[str, Any]:
    return {
        "number": a.number, "text": a.text, "leads": a.leads,
        "original_target": {"text": a.original_target, "date": _iso(a.original_target_date)},
        "target": {"text": a.target, "date": _iso(a.target_date)},
        "target_moved": a.target_moved,
        "state": a.state, "state_label": a.state_label,
        "rag": a.rag or None, "rag_label": a.rag_label or None,
        "overdue": a.overdue,
        "priority": a.priority or None, "timescale": a.timescale or None,
        "anticipated_completion": a.anticipated_completion or None,
        "commentary": a.commentary or None, "measure": a.measure or None,
        "last_updated": a.last_updated.isoformat(),
    }


def plan_json(public: PublicPlan, page_url: str, published_at: datetime.datetime | None,
              generated_at: datetime.datetime) -> dict[str, Any]:
    """The JSON download: ``metadata`` (licence, publisher, dates) and the ``plan``."""
    plan = public.plan
    progress = public.progress
    return {
        "metadata": {
            "licence": {"name": OGL_NAME, "url": OGL_URL},
            "attribution": OGL_ATTRIBUTION,
            "publisher": public.publisher,
            "source": page_url,
            "published_at": published_at.isoformat() if published_at else None,
            "last_updated": _iso(public.last_updated),
            "generated_at": generated_at.isoformat(),
        },
        "plan": {
            "title": plan.title,
            "kind": plan.kind, "kind_label": plan.get_kind_display(),
            "organisation": plan.organisation or None,
            "as_of": _iso(plan.as_of),
            "peer_challenge_date": _iso(plan.peer_challenge_date),
            "notes": plan.notes or None,
            "progress": {
                "summary": public.progress_sentence,
                "actions": progress.total, "complete": progress.complete, "overdue": progress.overdue,
                "by_state": dict(progress.by_state), "by_rag": dict(progress.by_rag),
            },
            "recommendations": [{
                "number": rec.number, "theme": rec.theme or None, "text": rec.text,
                "response": rec.response or None, "progress": rec.progress or None,
                "actions": [_action_json(a) for a in rec.actions],
            } for rec in public.recommendations],
        },
    }
