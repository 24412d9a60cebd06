"""Drive the review screen from whatever was read to a checked reading (gold), as a person would, and count the
form submissions that takes (issue 10: "how many steps a person needs on the review screen").

Only buttons make rows, and one button is pressed a submission; everything else (typing, ticking delete,
choosing another recommendation under "Belongs to recommendation") rides along with the next submission. So
the steps are: one *Add a recommendation* per recommendation missing, one *Add an action* per action missing
once the surplus actions have been moved where they are short, and a last submission that moves, deletes,
types every field that differs from the gold (spacing aside) and saves. Rows pair by position, which is what a person checking
top to bottom does; a field is typed only where its value differs.

    steps = next_step(reviewed, gold)   # (op, {field: value}) for the review form, given the plan as shown
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from tracker.plans.services import state_from_parsed


@dataclass
class Step:
    op: str
    fields: dict[str, str] = field(default_factory=dict)
    typed: int = 0  # fields typed or changed in this submission
    characters: int = 0


def _day_month_year(iso: str | None) -> str:
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _layout(recs: list[dict[str, Any]], wanted: list[int]) -> tuple[list[list[tuple[int, int]]], dict, set, list]:
    """Where each shown action goes: for every gold recommendation t, the shown actions (i, j) that become its
    actions, in order; the moves that takes; the actions to delete; and the recommendations still short."""
    n = len(wanted)
    keep = [[(t, j) for j in range(min(len(recs[t]["actions"]), wanted[t]))] for t in range(n)]
    surplus = [(i, j) for i, rec in enumerate(recs) for j in range(len(rec["actions"]))
               if i >= n or j >= wanted[i]]
    moves: dict[tuple[int, int], int] = {}
    short = []
    for t in range(n):
        while len(keep[t]) < wanted[t] and surplus:
            source = surplus.pop(0)
            if source[0] != t:
                moves[source] = t
            keep[t].append(source)
        if len(keep[t]) < wanted[t]:
            short.append(t)
    return keep, moves, set(surplus), short


def _action_values(gold: dict[str, Any], legend: dict[str, Any]) -> dict[str, str]:
    due = gold.get("due") or {}
    state = "complete" if gold.get("completed") else state_from_parsed(gold, legend)
    if state == "complete" and not gold.get("completed"):
        state = "not_started"
    return {"text": gold.get("text") or "", "leads": "\n".join(gold.get("owners") or []),
            "due_text": due.get("text") or "", "due_date": _day_month_year(due.get("date")),
            "ongoing": "1" if due.get("ongoing") else "", "state": state, "rag": gold.get("status") or "",
            "priority": gold.get("priority") or "", "timescale": gold.get("timescale") or "",
            "anticipated_completion": gold.get("anticipated_completion") or "",
            "commentary": gold.get("commentary") or "", "measure": gold.get("measure") or ""}


def _shown_action_values(action: dict[str, Any]) -> dict[str, str]:
    due = action.get("due") or {}
    return {"text": action.get("text") or "", "leads": "\n".join(action.get("owners") or []),
            "due_text": due.get("text") or "", "due_date": _day_month_year(due.get("date")),
            "ongoing": "1" if due.get("ongoing") else "", "state": action.get("state") or "",
            "rag": action.get("status") or "", "priority": action.get("priority") or "",
            "timescale": action.get("timescale") or "",
            "anticipated_completion": action.get("anticipated_completion") or "",
            "commentary": action.get("commentary") or "", "measure": action.get("measure") or ""}


def _rec_values(rec: dict[str, Any]) -> dict[str, str]:
    return {"number": rec.get("number") or "", "text": rec.get("text") or "", "theme": rec.get("theme") or "",
            "response": rec.get("response") or "", "owners": "\n".join(rec.get("owners") or [])}


def next_step(reviewed: dict[str, Any], gold: dict[str, Any]) -> Step:
    """The next submission of the review form that brings ``reviewed`` (the plan as shown) towards ``gold``."""
    recs, grecs = reviewed.get("recommendations") or [], gold.get("recommendations") or []
    if len(recs) < len(grecs):
        return Step("add-recommendation")
    wanted = [len(g.get("actions") or []) for g in grecs]
    keep, moves, deletes, short = _layout(recs, wanted)
    if short:
        return Step(f"add-action:{recs[short[0]]['review_id']}")
    step = Step("save")

    def put(name: str, value: str, shown: str) -> None:
        # Spacing a person would not retype (a line break where the gold has a space) is left as read.
        if " ".join(value.split()) != " ".join(shown.split()):
            step.fields[name] = value
            step.typed += 1
            step.characters += len(value)

    for i in range(len(grecs), len(recs)):
        put(f"r{i}-delete", "1", "")
    for (i, j), target in moves.items():
        put(f"a{i}-{j}-move", str(target), str(i))
    for i, j in deletes:
        put(f"a{i}-{j}-delete", "1", "")
    put("title", gold.get("title") or "", reviewed.get("title") or "")
    legend = gold.get("legend") or {}
    for t, grec in enumerate(grecs):
        shown = _rec_values(recs[t])
        for key, value in _rec_values(grec).items():
            put(f"r{t}-{key}", value, shown[key])
        for k, (i, j) in enumerate(keep[t]):
            shown = _shown_action_values(recs[i]["actions"][j])
            for key, value in _action_values(grec["actions"][k], legend).items():
                put(f"a{i}-{j}-{key}", value, shown[key])
    return step
