"""The importer's reading on the review screen: how it read the document, the hints a person gives it to read
again, how many edits reading again would lose, and text no field took placed in one step (issue 10).

Plain functions on the interchange-format dicts the review screen keeps (``PendingImport.parsed_json`` and
``reviewed_json``) and on the hints dict stored with them (``planparse.Hints`` as ``{"layout", "start",
"columns"}``). The workflow that reads again is ``services.read_again``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import planparse
from tracker.importers import restructure

# Column roles in the words the review screen uses; the order is the select's.
ROLE_WORDS = {
    "number": "the recommendation's number",
    "recommendation": "the recommendation",
    "response": "the council's response",
    "rec_owner": "who is accountable for the recommendation",
    "action": "the action",
    "owner": "the action's leads",
    "due": "the target date",
    "timescale": "the timescale",
    "anticipated": "the anticipated completion",
    "status": "the RAG rating",
    "priority": "the priority",
    "commentary": "commentary or progress",
    "measure": "the measure of success",
    "theme": "the theme",
    "ignore": "ignore it (keep it under its own heading)",
}
assert set(ROLE_WORDS) == set(planparse.ROLES), "a role the parser knows has no words on the review screen"

# Fields of an action a passage no field took can be put in, with the words the review screen uses.
PLACE_FIELDS = (
    ("text", "its wording (added at the end)"),
    ("owners", "its leads"),
    ("due", "its target date, as written"),
    ("timescale", "its timescale"),
    ("anticipated_completion", "its anticipated completion"),
    ("commentary", "its commentary"),
    ("measure", "its measure of success"),
)


# Words for a layout family the parser's ``describe`` gives no words for (it names the family's variants).
FAMILY_WORDS = {
    "labelled": "numbered or labelled blocks ('1.', 'R1', 'Recommendation 1')",
    "flattened": "a table pasted one cell to a line",
    "delimited": "one row a line, its cells between ' | ' or ' / '",
    "table": "the document's tables, with the importer choosing the recommendations' column",
}


def family(name: str) -> str:
    return name.split(":")[0].split("+")[0].split(" (")[0]


def layout_words(name: str) -> str:
    words = planparse.describe(name)
    return FAMILY_WORDS.get(name, words) if words == name else words


def layout_hint(name: str) -> str:
    """The layout to ask the parser for: the reading's full name where the parser takes it, else its family
    ('records (form)' → 'records', 'heading_list+row_per_line' → 'heading_list')."""
    try:
        planparse.Hints(layout=name)
        return name
    except ValueError:
        return family(name)


def as_hints(hints: Mapping[str, Any]) -> planparse.Hints:
    """The stored hints as the parser's; raises ValueError for a value it does not take."""
    return planparse.Hints(layout=hints.get("layout") or None, start=hints.get("start") or None,
                           columns=dict(hints.get("columns") or {}))


def confidence_words(confidence: float) -> str:
    return f"confidence {confidence:.2f}"


def summary(plan: Mapping[str, Any], candidates: list[list[Any]] | None = None) -> dict[str, Any] | None:
    """How the document was read, in words: ``{"layout", "words", "confidence", "runner_up": {...}|None,
    "others": [...]}``, the others being every other reading weighed, then every layout family not weighed (no
    confidence), for "read it as". None for a plan with no reading (a JSON upload)."""
    reading = plan.get("reading")
    if not reading or not reading.get("layout"):
        return None
    layout = reading["layout"]

    def described(name: str, confidence: float | None, **more: Any) -> dict[str, Any]:
        return {"layout": name, "words": layout_words(name),
                "confidence": confidence_words(confidence) if confidence is not None else None, **more}

    runner = reading.get("runner_up")
    if runner and runner.get("layout") == layout:
        runner = None  # the same layout read another way: asking for it by name would read it as now
    others: list[dict[str, Any]] = []
    seen = {layout}
    for name, confidence, n_recs, n_actions in candidates or []:
        if name not in seen:
            seen.add(name)
            others.append(described(name, confidence, recommendations=n_recs, actions=n_actions))
    if runner and runner["layout"] not in seen:
        seen.add(runner["layout"])
        others.insert(0, described(runner["layout"], runner["confidence"]))
    # Then each way of reading the importer knows and did not weigh here ("these numbered paragraphs").
    weighed = {family(name) for name in seen}
    others += [described(name, None) for name in planparse.LAYOUTS if name not in weighed]
    return {**described(layout, float(reading.get("confidence") or 0)),
            "runner_up": described(runner["layout"], runner["confidence"]) if runner else None,
            "others": others}


def describe_hints(hints: Mapping[str, Any]) -> list[str]:
    """What the reviewer told the importer, one phrase each ("column 'Lead' as the action's leads")."""
    said = [f"column '{heading}' as {ROLE_WORDS.get(role, role)}"
            for heading, role in (hints.get("columns") or {}).items()]
    if hints.get("start"):
        said.append(f"the plan starts at '{hints['start']}'")
    if hints.get("layout"):
        said.append(f"read as {layout_words(hints['layout'])}")
    return said


def hints_from_form(post: Mapping[str, str], document: Mapping[str, Any]
                    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The hints the read-again form gives: ``column-{n}`` a role for the n-th heading of ``document``
    (empty: as the importer decides), ``column-other`` a heading typed with its role in ``column-other-role``,
    ``start`` a passage's index, ``layout`` a reading's name. Returns the
    hints and errors as (field name, message)."""
    errors: list[tuple[str, str]] = []
    columns: dict[str, str] = {}
    for n, heading in enumerate(document.get("columns") or []):
        role = post.get(f"column-{n}", "")
        if role in ROLE_WORDS:
            columns[heading] = role
        elif role:
            errors.append((f"column-{n}", f"Column '{heading}': choose what it holds from the list"))
    # A heading the document's tables do not show as one (a table pasted as text), typed as printed.
    heading, role = " ".join(post.get("column-other", "").split()), post.get("column-other-role", "")
    if heading and role in ROLE_WORDS:
        columns[heading] = role
    elif heading or role:
        errors.append(("column-other", "Give the column's heading as printed and choose what it holds"))
    start = None
    value = post.get("start", "")
    passages = document.get("passages") or []
    if value:
        if value.isdigit() and int(value) < len(passages):
            start = passages[int(value)]["start"]
        else:
            errors.append(("start", "Choose the passage the plan starts at from the list"))
    layout = post.get("layout", "").strip() or None
    if layout:
        layout = layout_hint(layout)
        try:
            planparse.Hints(layout=layout)
        except ValueError:
            errors.append(("layout", "Choose a reading from the list"))
            layout = None
    return {"layout": layout, "start": start, "columns": columns}, errors


# What the review screen lets a person change, row by row: each changed field is one edit.
_PLAN_FIELDS = ("title", "organisation", "as_of", "notes", "review_peer_challenge_date")
_REC_FIELDS = ("number", "text", "theme", "response", "owners", "extra")
_ACTION_FIELDS = ("text", "owners", "due", "state", "status", "priority", "timescale", "anticipated_completion",
                  "commentary", "measure", "extra")


def _rows(plan: Mapping[str, Any]) -> dict[str, tuple[str | None, dict[str, Any]]]:
    """Every row by review id, with the id of the recommendation it belongs to (None for a recommendation)."""
    rows: dict[str, tuple[str | None, dict[str, Any]]] = {}
    for rec in plan.get("recommendations") or []:
        rows[rec.get("review_id") or ""] = (None, rec)
        for action in rec.get("actions") or []:
            rows[action.get("review_id") or ""] = (rec.get("review_id"), action)
    return rows


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


def _same(a: Any, b: Any) -> bool:
    return (_empty(a) and _empty(b)) or a == b


def edits_since_reading(prepared: Mapping[str, Any], reviewed: Mapping[str, Any]) -> int:
    """How many changes the review copy holds over the reading it started from (``review.prepare`` of the
    parser's JSON, whose rows have the same review ids): each field changed, each row added, deleted or moved
    to another recommendation (placing a passage no field took makes a row or changes a field)."""
    edits = sum(not _same(prepared.get(key), reviewed.get(key)) for key in _PLAN_FIELDS)
    before, after = _rows(prepared), _rows(reviewed)
    edits += len(before.keys() ^ after.keys())
    for row_id in before.keys() & after.keys():
        (parent, old), (new_parent, new) = before[row_id], after[row_id]
        fields = _REC_FIELDS if parent is None else _ACTION_FIELDS
        edits += (parent != new_parent) + sum(not _same(old.get(key), new.get(key)) for key in fields)
    return edits


def _append(old: str | None, text: str) -> str:
    return f"{old}\n{text}" if old else text


def planparse_bullet() -> str:
    from planparse.blocks import BULLET

    return BULLET


def place(plan: dict[str, Any], k: int, as_: str, target: str = "", field: str = "") -> tuple[dict[str, Any], str]:
    """The k-th passage no field took (``plan["reading"]["unplaced"]``) made into a new recommendation
    (``as_="recommendation"``), a new action of recommendation ``target`` (``"action"``), or added to the
    ``field`` of action ``target`` (``"field"``); it leaves the list. Returns the plan and the review id of
    the row it went to. Raises ``restructure.EditError``."""
    unplaced = list((plan.get("reading") or {}).get("unplaced") or [])
    if not 0 <= k < len(unplaced):
        raise restructure.EditError("not-placed", "That passage has been placed already: check the plan below")
    passage = unplaced[k]
    text, where = (passage.get("text") or "").strip(), passage.get("where") or None
    if as_ in ("recommendation", "action") and text.startswith(planparse_bullet()):
        text = text[len(planparse_bullet()):].strip()  # a list item's marker is not its wording
    if as_ == "recommendation":
        plan, row_id = restructure.add_recommendation(plan)
        row = plan["recommendations"][-1]
        row["text"], row["where"] = text, where
    elif as_ == "action":
        if not target:
            raise restructure.EditError(f"place-{k}-rec", "Choose the recommendation the action belongs to")
        plan, row_id = restructure.add_action(plan, target)
        i, j = restructure.find(plan, row_id)
        row = plan["recommendations"][i]["actions"][j or 0]
        row["text"], row["where"] = text, where
    elif as_ == "field":
        fields = dict(PLACE_FIELDS)
        if field not in fields:
            raise restructure.EditError(f"place-{k}-field", "Choose the field the text belongs in")
        if not target:
            raise restructure.EditError(f"place-{k}-action", "Choose the action the text belongs to")
        plan = copy.deepcopy(plan)
        i, j = restructure.find(plan, target)
        if j is None:
            raise restructure.EditError(f"place-{k}-action", "Choose an action, not a recommendation")
        row, row_id = plan["recommendations"][i]["actions"][j], target
        if field == "owners":
            row["owners"] = [*(row.get("owners") or []), *(line.strip() for line in text.splitlines()
                                                          if line.strip())]
        elif field == "due":
            due = dict(row.get("due") or {"text": "", "date": None, "precision": None, "ongoing": False})
            due["text"] = _append(due.get("text"), text)
            row["due"] = due
        else:
            row[field] = _append(row.get(field), text)
    else:
        raise restructure.EditError("not-placed", "Choose what the passage becomes")
    plan["reading"]["unplaced"] = [u for n, u in enumerate(unplaced) if n != k]
    return plan, row_id
